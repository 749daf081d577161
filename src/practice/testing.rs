//! Small banks and fixed times for the practice engine's tests.

use chrono::{FixedOffset, TimeZone};

use super::Moment;
use crate::bank::{BankOrigin, Era, Library, Question, QuestionKind};

/// 2026-MM-DD HH:00 in China Standard Time.
pub fn at(year: i32, month: u32, day: u32, hour: u32) -> Moment {
    let china = FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    china
        .with_ymd_and_hms(year, month, day, hour, 0, 0)
        .single()
        .expect("valid time")
}

/// A plain 判断 question with the given id.
pub fn question_of(id: &str) -> Question {
    Question {
        id: id.to_owned(),
        stem: format!("陈述{id}。"),
        kind: QuestionKind::Judge { answer: true },
        explanation: "解析。".into(),
        source: "来源".into(),
        era: Era::Founding,
        tags: Vec::new(),
        difficulty: 2,
        image: None,
    }
}

/// `n` questions cycling through the five kinds, ids `m-0`, `m-1`, …
pub fn mixed_questions(n: usize) -> Vec<Question> {
    (0..n)
        .map(|i| {
            let kind = match i % 5 {
                0 => QuestionKind::Single {
                    options: vec!["甲".into(), "乙".into(), "丙".into()],
                    answer: 1,
                },
                1 => QuestionKind::Multiple {
                    options: vec!["甲".into(), "乙".into(), "丙".into()],
                    answers: vec![0, 2],
                },
                2 => QuestionKind::Judge { answer: false },
                3 => QuestionKind::Fill {
                    blanks: vec![vec!["答案".into()]],
                },
                _ => QuestionKind::Order {
                    items: vec!["一".into(), "二".into(), "三".into()],
                },
            };
            Question {
                id: format!("m-{i}"),
                kind,
                ..question_of("m")
            }
        })
        .collect()
}

/// A library of banks given as `(bank id, questions)`; question `i` of bank `b` has id `b-i`,
/// era alternating 建党前后 / 大革命, and the tag `偶数` when `i` is even.
pub fn library_of(banks: &[(&str, usize)]) -> Library {
    let mut library = Library::default();
    for (bank_id, count) in banks {
        let mut text = format!("(id: \"{bank_id}\", title: \"{bank_id}\", questions: [\n");
        for i in 0..*count {
            let era = if i % 2 == 0 { "Founding" } else { "GreatRevolution" };
            let tags = if i % 2 == 0 { "[\"偶数\"]" } else { "[]" };
            let kind = if i % 3 == 0 {
                "Judge(answer: true)"
            } else {
                "Single(options: [\"甲\", \"乙\"], answer: 0)"
            };
            text.push_str(&format!(
                "(id: \"{bank_id}-{i}\", stem: \"第{i}题？\", kind: {kind}, explanation: \"解析。\", era: {era}, tags: {tags}),\n"
            ));
        }
        text.push_str("])");
        library.add_text(
            BankOrigin::Bundled {
                name: format!("{bank_id}.ron"),
            },
            text,
        );
    }
    library
}
