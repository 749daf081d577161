//! A generated bank shaped like real content, shared by tests and benchmarks.

use dangshi::bank::{Bank, Era, Question, QuestionKind};

/// A bank shaped like real content: every kind, Chinese text, explanations, tags.
pub fn generated_bank(count: usize) -> Bank {
    let questions = (0..count)
        .map(|i| {
            let kind = match i % 5 {
                0 => QuestionKind::Single {
                    options: vec![
                        "古田会议".into(),
                        "遵义会议".into(),
                        "洛川会议".into(),
                        "瓦窑堡会议".into(),
                    ],
                    answer: i % 4,
                },
                1 => QuestionKind::Multiple {
                    options: vec![
                        "辽沈战役".into(),
                        "淮海战役".into(),
                        "平津战役".into(),
                        "百团大战".into(),
                    ],
                    answers: vec![0, 1, 2],
                },
                2 => QuestionKind::Judge { answer: i % 2 == 0 },
                3 => QuestionKind::Fill {
                    blanks: vec![vec!["嘉兴南湖".into(), "南湖".into()]],
                },
                _ => QuestionKind::Order {
                    items: vec!["南昌起义".into(), "遵义会议".into(), "会宁会师".into()],
                },
            };
            let stem = match i % 5 {
                3 => format!("第{i}题：中共一大最后一天的会议转移到浙江___的游船上举行。"),
                2 => format!("第{i}题：遵义会议是党的历史上一个生死攸关的转折点。"),
                _ => format!("第{i}题：1935年1月，中共中央政治局在贵州召开的会议是（ ）。"),
            };
            Question {
                id: format!("gen-{i:06}"),
                stem,
                kind,
                explanation:
                    "遵义会议集中解决了当时具有决定意义的军事和组织问题，是党的历史上一个生死攸关的转折点。"
                        .into(),
                source: "《中国共产党简史》".into(),
                era: Era::ALL[i % Era::ALL.len()],
                tags: vec!["长征".into(), "重要会议".into()],
                difficulty: u8::try_from(i % 5 + 1).unwrap_or(3),
                image: None,
            }
        })
        .collect();
    Bank {
        id: "generated".into(),
        title: "生成的题库".into(),
        version: 1,
        description: String::new(),
        questions,
    }
}

/// The bank as pretty RON with struct names, as a trainer would write it.
pub fn generated_ron(count: usize) -> String {
    let config = ron::ser::PrettyConfig::default().struct_names(true);
    ron::ser::to_string_pretty(&generated_bank(count), config).expect("generated bank serializes")
}
