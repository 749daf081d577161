//! `dangshi check` as a user runs it: exit codes, compiler-style positions, the JSON report.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn dangshi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dangshi"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run dangshi")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn json_report(args: &[&str]) -> (Value, Option<i32>) {
    let output = dangshi(args);
    let report = serde_json::from_str(&stdout(&output)).expect("valid JSON");
    (report, output.status.code())
}

#[test]
fn the_bundled_banks_pass() {
    let output = dangshi(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("结果：0 个错误"), "{text}");

    let (report, code) = json_report(&["check", "--json"]);
    assert_eq!(code, Some(0));
    assert!(report["questions"].as_u64().expect("count") >= 1000);
    let minimums = [
        ("Single", 1),
        ("Multiple", 100),
        ("Judge", 100),
        ("Fill", 100),
        ("Order", 40),
    ];
    for (kind, minimum) in minimums {
        let n = report["by_kind"][kind].as_u64().unwrap_or(0);
        assert!(n >= minimum, "only {n} {kind} questions bundled");
    }
    let eras = [
        "Founding",
        "GreatRevolution",
        "LandRevolution",
        "AntiJapanese",
        "Liberation",
        "Construction",
        "Reform",
        "NewEra",
    ];
    for era in eras {
        let n = report["by_era"][era].as_u64().unwrap_or(0);
        assert!(n >= 60, "only {n} {era} questions bundled");
    }
    assert_eq!(report["errors"].as_array().map(Vec::len), Some(0));
    assert_eq!(report["warnings"].as_array().map(Vec::len), Some(0));
    for bank in report["banks"].as_array().expect("banks") {
        assert_eq!(bank["status"], "ok", "{bank}");
    }
}

/// (file, line, col, code, question) for every diagnostic the broken fixtures must produce.
const EXPECTED: &[(&str, usize, usize, &str, Option<&str>)] = &[
    ("dup_across_b.ron", 3, 18, "duplicate-id", Some("same-1")),
    ("empty_bank.ron", 1, 26, "empty-title", None),
    ("empty_bank.ron", 1, 41, "no-questions", None),
    ("not_utf8.ron", 1, 1, "io", None),
    ("semantic.ron", 3, 9, "empty-bank-id", None),
    ("semantic.ron", 9, 81, "answer-out-of-range", Some("s-01")),
    ("semantic.ron", 16, 35, "too-few-options", Some("s-02")),
    ("semantic.ron", 23, 52, "duplicate-option", Some("s-03")),
    ("semantic.ron", 30, 63, "too-few-answers", Some("s-04")),
    ("semantic.ron", 37, 70, "repeated-answer", Some("s-05")),
    ("semantic.ron", 44, 32, "blank-count-mismatch", Some("s-06")),
    ("semantic.ron", 51, 41, "blank-without-answer", Some("s-07")),
    ("semantic.ron", 58, 32, "too-few-items", Some("s-08")),
    ("semantic.ron", 64, 19, "empty-stem", Some("s-09")),
    ("semantic.ron", 75, 25, "difficulty-out-of-range", Some("s-10")),
    ("semantic.ron", 78, 17, "duplicate-id", Some("s-01")),
    ("semantic.ron", 84, 9, "missing-explanation", Some("s-12")),
    ("semantic.ron", 92, 19, "stem-without-prompt", Some("s-13")),
    ("syntax_missing_comma.ron", 7, 13, "syntax", None),
    ("syntax_missing_field.ron", 9, 9, "syntax", None),
    ("syntax_negative_answer.ron", 2, 88, "syntax", None),
    ("syntax_unknown_era.ron", 9, 18, "syntax", None),
    ("syntax_unknown_field.ron", 9, 13, "syntax", None),
];

#[test]
fn every_diagnostic_names_the_right_line_and_column() {
    let (report, code) = json_report(&["check", "--json", "tests/fixtures/broken"]);
    assert_eq!(code, Some(1));
    let mut found: Vec<(String, usize, usize, String, Option<String>)> = Vec::new();
    for list in ["errors", "warnings"] {
        for d in report[list].as_array().expect("list") {
            let path = d["path"].as_str().expect("path");
            let file = Path::new(path)
                .file_name()
                .and_then(|f| f.to_str())
                .expect("file name");
            found.push((
                file.to_owned(),
                usize::try_from(d["line"].as_u64().expect("line")).expect("small"),
                usize::try_from(d["col"].as_u64().expect("col")).expect("small"),
                d["code"].as_str().expect("code").to_owned(),
                d["question"].as_str().map(str::to_owned),
            ));
        }
    }
    found.sort();
    let mut expected: Vec<_> = EXPECTED
        .iter()
        .map(|(f, l, c, code, q)| ((*f).to_owned(), *l, *c, (*code).to_owned(), q.map(str::to_owned)))
        .collect();
    expected.sort();
    assert_eq!(found, expected);
}

#[test]
fn text_output_reads_like_a_compiler() {
    let output = dangshi(&["check", "tests/fixtures/broken/semantic.ron"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains(
            "tests/fixtures/broken/semantic.ron:9:81: error: 答案序号 4 超出范围：共 4 个选项，序号从 0 开始，应为 0 到 3（题目 s-01）"
        ),
        "{text}"
    );
    assert!(text.contains("tests/fixtures/broken/semantic.ron:78:17: error: 题目 id “s-01” 重复（题目 s-01）\n  note: 首次出现于 tests/fixtures/broken/semantic.ron:7:17"), "{text}");
    assert!(
        text.contains("tests/fixtures/broken/semantic.ron:84:9: warning: "),
        "{text}"
    );
    assert!(text.contains("结果：12 个错误，2 个警告"), "{text}");
}

#[test]
fn syntax_errors_explain_themselves_in_chinese() {
    let text = stdout(&dangshi(&[
        "check",
        "tests/fixtures/broken/syntax_unknown_field.ron",
    ]));
    assert!(text.contains("Question 中没有字段“explaination”"), "{text}");
    let text = stdout(&dangshi(&[
        "check",
        "tests/fixtures/broken/syntax_unknown_era.ron",
    ]));
    assert!(text.contains("未知的取值“LongMarch”"), "{text}");
}

#[test]
fn a_duplicate_across_banks_is_reported_only_when_both_are_checked() {
    let alone = dangshi(&["check", "tests/fixtures/broken/dup_across_b.ron"]);
    assert_eq!(alone.status.code(), Some(0), "{}", stdout(&alone));
    let both = dangshi(&[
        "check",
        "tests/fixtures/broken/dup_across_a.ron",
        "tests/fixtures/broken/dup_across_b.ron",
    ]);
    assert_eq!(both.status.code(), Some(1));
    assert!(stdout(&both).contains("note: 首次出现于 tests/fixtures/broken/dup_across_a.ron:2:18"));
}

#[test]
fn a_missing_path_is_an_error_not_a_crash() {
    let output = dangshi(&["check", "tests/fixtures/no-such-bank.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("no-such-bank.ron:1:1: error: 无法打开题库文件"));
}

#[test]
fn help_lists_the_check_command() {
    let output = dangshi(&["--help"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(text.contains("check"), "{text}");
    assert!(text.contains("检查题库"), "{text}");
    let output = dangshi(&["check", "--help"]);
    assert!(stdout(&output).contains("--json"));
}

#[test]
fn the_documented_example_is_a_valid_bank() {
    let doc = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/bank-format.md"))
        .expect("read docs");
    let start = doc.find("```ron\n").expect("a ron block") + "```ron\n".len();
    let end = start + doc[start..].find("```").expect("block end");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("example.ron");
    std::fs::write(&path, &doc[start..end]).expect("write");
    let output = dangshi(&["check", path.to_str().expect("UTF-8 path")]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(text.contains("结果：0 个错误，0 个警告"), "{text}");
}
