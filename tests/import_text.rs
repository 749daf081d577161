//! 智能识别 of pasted text over fixture documents written like trainers' Word files: every question
//! of each document is checked whole (location, excerpt, question, warnings, error).

mod common;

use common::kinds::{fill, judge, multiple, single, strings};
use dangshi::bank::model::DEFAULT_DIFFICULTY;
use dangshi::bank::{Era, Question, QuestionKind};
use dangshi::import::text::import_text;
use dangshi::import::{ImportOptions, ImportRow, RowStatus};

const NO_EXPLANATION: &str = "缺少解析 explanation：答错的人需要知道为什么";

fn import(name: &str) -> Vec<ImportRow> {
    let path = format!("{}/tests/fixtures/import/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|err| panic!("{path}: {err}"));
    import_text(&text, &ImportOptions::default())
}

/// A question as imported with the default options.
fn question(number: usize, stem: &str, kind: QuestionKind, explanation: &str) -> Question {
    Question {
        id: format!("imp-{number:04}"),
        stem: stem.to_owned(),
        kind,
        explanation: explanation.to_owned(),
        source: String::new(),
        era: Era::General,
        tags: Vec::new(),
        difficulty: DEFAULT_DIFFICULTY,
        image: None,
    }
}

fn imported(location: &str, excerpt: &str, question: Question, warnings: &[&str]) -> ImportRow {
    ImportRow {
        location: location.to_owned(),
        excerpt: excerpt.to_owned(),
        question: Some(question),
        warnings: strings(warnings),
        error: None,
    }
}

fn failed(location: &str, excerpt: &str, error: &str) -> ImportRow {
    ImportRow {
        location: location.to_owned(),
        excerpt: excerpt.to_owned(),
        question: None,
        warnings: Vec::new(),
        error: Some(error.to_owned()),
    }
}

fn assert_rows(found: &[ImportRow], expected: &[ImportRow]) {
    for (index, (found, expected)) in found.iter().zip(expected).enumerate() {
        assert_eq!(found, expected, "question {}", index + 1);
    }
    assert_eq!(found.len(), expected.len());
}

/// The ten questions of the two section documents, which differ only in where answers are written
/// and so in the lines questions start on.
fn section_questions(lines: [usize; 10]) -> Vec<ImportRow> {
    let at = |n: usize| format!("第{n}题（第{}行）", lines[n - 1]);
    let years = ["1919年", "1920年", "1921年", "1922年"];
    let zunyi = [
        "召开于1935年1月",
        "在贵州遵义召开",
        "召开于1921年",
        "是党的历史上一个生死攸关的转折点",
    ];
    let meetings = ["中共一大", "古田会议", "遵义会议", "瓦窑堡会议"];
    let mut gutian = question(
        3,
        "确立“思想建党、政治建军”原则的会议是（ ）。",
        single(&["八七会议", "古田会议", "遵义会议", "洛川会议"], 1),
        "1929年12月召开的古田会议，\n确立了思想建党、政治建军的原则。",
    );
    gutian.difficulty = 4;
    let mut zunyi_question = question(
        4,
        "下列关于遵义会议的说法，正确的有（ ）。",
        multiple(&zunyi, &[0, 1, 3]),
        "遵义会议于1935年1月召开，是党的历史上一个生死攸关的转折点。",
    );
    zunyi_question.source = "《中国共产党简史》".into();
    let mut wrong_date = question(
        7,
        "遵义会议召开于1929年12月。",
        judge(false),
        "遵义会议召开于1935年1月；1929年12月召开的是古田会议。",
    );
    wrong_date.era = Era::LandRevolution;
    wrong_date.tags = strings(&["土地革命战争时期"]);
    vec![
        imported(
            &at(1),
            "1．中国共产党第一次全国代表大会开幕于（ ）。",
            question(
                1,
                "中国共产党第一次全国代表大会开幕于（  ）。",
                single(&years, 2),
                "中共一大于1921年7月23日在上海开幕。",
            ),
            &[],
        ),
        imported(
            &at(2),
            "2、中共一大最后一天的会议转移到（ ）继续举行。",
            question(
                2,
                "中共一大最后一天的会议转移到（ ）继续举行。",
                single(&["上海法租界", "浙江嘉兴南湖", "北京大学", "广州"], 1),
                "因受到法租界巡捕的干扰，会议最后一天改在嘉兴南湖的一条游船上举行。",
            ),
            &[],
        ),
        imported(
            &at(3),
            "(3) 确立“思想建党、政治建军”原则的会议是（ ）。",
            gutian,
            &[],
        ),
        imported(
            &at(4),
            "4.下列关于遵义会议的说法，正确的有（ ）。",
            zunyi_question,
            &[],
        ),
        imported(
            &at(5),
            "5.下列会议中，在20世纪20年代召开的有（ ）。",
            question(
                5,
                "下列会议中，在20世纪20年代召开的有（ ）。",
                multiple(&meetings, &[0, 1]),
                "中共一大召开于1921年，古田会议召开于1929年；遵义会议、瓦窑堡会议都召开于1935年。",
            ),
            &[],
        ),
        imported(
            &at(6),
            "6.中华人民共和国于1949年10月1日宣告成立。（ ）",
            question(
                6,
                "中华人民共和国于1949年10月1日宣告成立。",
                judge(true),
                "1949年10月1日，中华人民共和国中央人民政府成立典礼在北京举行。",
            ),
            &[],
        ),
        imported(&at(7), "7.遵义会议召开于1929年12月。（ ）", wrong_date, &[]),
        imported(
            &at(8),
            "8.中国共产党第一次全国代表大会于（ ）年在（ ）开幕。",
            question(
                8,
                "中国共产党第一次全国代表大会于___年在___开幕。",
                fill(&["1921", "上海"]),
                "中共一大于1921年7月在上海开幕。",
            ),
            &[],
        ),
        imported(
            &at(9),
            "9.古田会议召开于1929年____月。",
            question(
                9,
                "古田会议召开于1929年___月。",
                fill(&["12"]),
                "古田会议于1929年12月在福建上杭古田召开。",
            ),
            &[],
        ),
        failed(
            &at(10),
            "10.简述遵义会议的历史意义。",
            "不支持的题型“简答题”，未导入",
        ),
    ]
}

#[test]
fn sections_with_inline_answers() {
    let rows = import("text_sections_inline.txt");
    assert_rows(&rows, &section_questions([5, 10, 18, 26, 35, 41, 45, 51, 55, 60]));
    let statuses: Vec<RowStatus> = rows.iter().map(ImportRow::status).collect();
    assert_eq!(statuses[..9], [RowStatus::Ok; 9]);
    assert_eq!(statuses[9], RowStatus::Error);
}

#[test]
fn the_same_questions_with_an_answer_key() {
    let rows = import("text_answer_key.txt");
    assert_rows(&rows, &section_questions([4, 8, 15, 22, 30, 35, 38, 43, 46, 50]));
}

#[test]
fn judge_answers_in_every_spelling() {
    let rows = import("text_judge_spellings.txt");
    let expected = [
        (4, "中国共产党第一次全国代表大会于1921年在上海开幕。", true),
        (6, "遵义会议召开于1927年。", false),
        (8, "古田会议召开于1929年12月。", true),
        (10, "中华人民共和国成立于1950年10月1日。", false),
        (12, "中共一大最后一天的会议在嘉兴南湖的游船上举行。", true),
        (14, "古田会议在贵州遵义召开。", false),
        (16, "遵义会议召开于1935年1月。", true),
        (18, "中华人民共和国中央人民政府成立典礼在上海举行。", false),
        (
            20,
            "1949年10月1日，中华人民共和国中央人民政府成立典礼在北京天安门广场举行。",
            true,
        ),
        (22, "中共一大在北京召开。", false),
        (24, "古田会议确立了思想建党、政治建军的原则。", true),
        (27, "古田会议是在长征途中召开的。", false),
        (28, "遵义会议在贵州召开。", true),
    ];
    let excerpts = [
        "1.中国共产党第一次全国代表大会于1921年在上海开幕。（ ）",
        "2.遵义会议召开于1927年。（ ）",
        "3.古田会议召开于1929年12月。（ ）",
        "4.中华人民共和国成立于1950年10月1日。（ ）",
        "5.中共一大最后一天的会议在嘉兴南湖的游船上举行。（ ）",
        "6.古田会议在贵州遵义召开。（ ）",
        "7.遵义会议召开于1935年1月（ ）。",
        "8.中华人民共和国中央人民政府成立典礼在上海举行。",
        "9.1949年10月1日，中华人民共和国中央人民政府成立典礼在北京天安门广场举行…",
        "10.中共一大在北京召开。（ ）",
        "11.古田会议确立了思想建党、政治建军的原则。",
        "12.古田会议是在长征途中召开的。（ ）",
        "13.遵义会议在贵州召开。（ ）",
    ];
    let expected: Vec<ImportRow> = expected
        .iter()
        .zip(excerpts)
        .enumerate()
        .map(|(index, (&(line, stem, answer), excerpt))| {
            imported(
                &format!("第{}题（第{line}行）", index + 1),
                excerpt,
                question(index + 1, stem, judge(answer), ""),
                &[NO_EXPLANATION],
            )
        })
        .collect();
    assert_rows(&rows, &expected);
    assert!(rows.iter().all(|row| row.status() == RowStatus::Warning));
}

#[test]
fn malformed_questions_are_listed_with_their_errors() {
    let rows = import("text_malformed.txt");
    let expected = vec![
        failed(
            "第1题（第3行）",
            "1.中国共产党第一次全国代表大会在（ ）开幕。",
            "没有找到答案",
        ),
        failed(
            "第2题（第6行）",
            "2.遵义会议召开于（ ）。",
            "答案 E 超出选项范围（共 4 个选项）",
        ),
        imported(
            "第3题（第10行）",
            "3.古田会议召开于1929年12月。（ ）",
            question(
                1,
                "古田会议召开于1929年12月。",
                judge(true),
                "古田会议于1929年12月在福建上杭古田召开。",
            ),
            &[],
        ),
        failed(
            "第4题（第14行）",
            "3.中华人民共和国成立于（ ）。",
            "题号 3 重复：第10行已有第 3 题",
        ),
        failed(
            "第5题（第19行）",
            "4.中共一大最后一天的会议在（ ）举行。",
            "选项顺序有误：第 2 个选项标为 C，应为 B",
        ),
        failed(
            "第6题（第27行）",
            "5.下列会议中召开于1935年的有（ ）。",
            "多选题至少要有 2 个正确答案，现在有 1 个",
        ),
        failed(
            "第7题（第33行）",
            "6.中华人民共和国于1949年10月1日成立。（ ）",
            "判断题答案“也许”应为 对/错、正确/错误、√/× 这样的词",
        ),
        failed(
            "第8题（第37行）",
            "7.中共一大于（ ）年在（ ）开幕。",
            "题干中有 2 个空（用 ___ 表示），但 blanks 给出了 1 组答案",
        ),
    ];
    assert_rows(&rows, &expected);
}
