//! Step-file importers on the fixtures in `tests/fixtures/steps/`, each with its exact per-day
//! result, and the `dangshi steps preview` command.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::NaiveDate;
use dangshi::march::steps::{StepFile, StepFileError, StepFormat, read_step_bytes, read_step_file};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/steps")
        .join(name)
}

fn day(text: &str) -> NaiveDate {
    let Ok(date) = text.parse() else {
        panic!("bad test date {text}");
    };
    date
}

fn days(expected: &[(&str, u32)]) -> BTreeMap<NaiveDate, u32> {
    expected.iter().map(|&(d, steps)| (day(d), steps)).collect()
}

fn read(name: &str) -> StepFile {
    match read_step_file(&fixture(name)) {
        Ok(file) => file,
        Err(err) => panic!("{name}: {err}"),
    }
}

fn skipped(file: &StepFile) -> Vec<(String, String)> {
    file.skipped
        .iter()
        .map(|s| (s.location.clone(), s.reason.clone()))
        .collect()
}

#[test]
fn apple_health_takes_the_largest_source_per_day_in_each_records_own_time_zone() {
    let file = read("apple_two_sources.xml");
    assert_eq!(file.format, StepFormat::AppleHealth);
    assert_eq!(
        file.days,
        days(&[("2024-03-01", 6400), ("2024-03-02", 7500), ("2024-03-03", 4000)])
    );
    assert_eq!(
        skipped(&file),
        [("第33行 (Record)".to_owned(), "步数“很多”不是数字".to_owned())]
    );
}

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        if let Err(err) = archive.start_file(*name, options) {
            panic!("zip: {err}");
        }
        if let Err(err) = archive.write_all(bytes) {
            panic!("zip: {err}");
        }
    }
    match archive.finish() {
        Ok(cursor) => cursor.into_inner(),
        Err(err) => panic!("zip: {err}"),
    }
}

#[test]
fn apple_health_zip_is_read_whatever_the_xml_is_called() {
    let Ok(xml) = std::fs::read(fixture("apple_two_sources.xml")) else {
        panic!("fixture")
    };
    let cda = b"<ClinicalDocument/>".as_slice();
    for inner in ["apple_health_export/export.xml", "apple_health_export/导出.xml"] {
        let bytes = zip_with(&[
            ("apple_health_export/export_cda.xml", cda),
            (inner, &xml),
            ("apple_health_export/workout-routes/route_1.gpx", b"<gpx/>"),
        ]);
        let file = match read_step_bytes("export.zip", &bytes) {
            Ok(file) => file,
            Err(err) => panic!("{inner}: {err}"),
        };
        assert_eq!(file.days.len(), 3, "{inner}");
        assert_eq!(file.total_steps(), 6400 + 7500 + 4000);
    }
    let without = zip_with(&[("photos/a.xml", b"<HealthData/>")]);
    assert!(matches!(
        read_step_bytes("其他.zip", &without),
        Err(StepFileError::NoHealthXml { .. })
    ));
    let broken = b"PK\x03\x04 not really a zip";
    let err = read_step_bytes("坏.zip", broken).err();
    assert!(matches!(err, Some(StepFileError::Zip { .. })), "{err:?}");
}

#[test]
fn google_fit_columns_are_found_by_header_among_the_others() {
    let file = read("google_fit_daily.csv");
    assert_eq!(file.format, StepFormat::GoogleFit);
    assert_eq!(
        file.days,
        days(&[
            ("2024-03-01", 8123),
            ("2024-03-03", 10_456),
            ("2024-03-04", 14_237)
        ])
    );
    assert_eq!(skipped(&file), [("第3行".to_owned(), "无步数".to_owned())]);
}

#[test]
fn a_gbk_table_from_chinese_excel() {
    let file = read("branch_gbk.csv");
    assert_eq!(file.format, StepFormat::PlainCsv);
    assert_eq!(
        file.days,
        days(&[("2024-03-01", 8000), ("2024-03-02", 12_345), ("2024-03-03", 9876)])
    );
    assert!(file.skipped.is_empty());
}

#[test]
fn malformed_rows_are_listed_with_their_line_and_reason() {
    let file = read("malformed.csv");
    assert_eq!(
        file.days,
        days(&[("2024-03-01", 7000), ("2024-03-05", 9000), ("2024-03-06", 10_000)])
    );
    let expected = [
        ("第3行", "日期“2024-02-30”不存在"),
        ("第4行", "步数不能为负数（-20）"),
        ("第5行", "步数“about 5000”不是数字"),
        ("第6行", "缺少日期"),
        ("第7行", "无步数"),
        (
            "第9行",
            "日期 2024-03-05 重复（第8行也有）：保留较大的 9000 步，不计 8000 步",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(l, r)| ((*l).to_owned(), (*r).to_owned()))
        .collect();
    assert_eq!(skipped(&file), expected);
}

#[test]
fn nothing_readable_is_an_error_not_a_panic() {
    for bytes in [
        b"<HealthData><Record".as_slice(),
        b"<svg></svg>",
        b"\xFF\xFE\x00",
        b"\"unterminated",
    ] {
        // Either an error or an empty result, never a panic.
        if let Ok(file) = read_step_bytes("x", bytes) {
            assert!(file.days.is_empty());
        }
    }
    let missing = read_step_file(Path::new("/no/such/步数.csv")).err();
    assert!(matches!(missing, Some(StepFileError::Read { .. })), "{missing:?}");
}

#[test]
fn steps_preview_prints_csv_and_changes_nothing() {
    let output = Command::new(env!("CARGO_BIN_EXE_dangshi"))
        .args(["steps", "preview"])
        .arg(fixture("apple_two_sources.xml"))
        .env(
            "XDG_DATA_HOME",
            std::env::temp_dir().join("dangshi-steps-preview-none"),
        )
        .output();
    let Ok(output) = output else { panic!("runs") };
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "date,steps\n2024-03-01,6400\n2024-03-02,7500\n2024-03-03,4000\n"
    );
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        report.contains("第33行 (Record): 跳过：步数“很多”不是数字"),
        "{report}"
    );
    assert!(
        report.contains("Apple 健康导出，3 天，2024-03-01 至 2024-03-03，共 17900 步；跳过 1 行"),
        "{report}"
    );

    let output = Command::new(env!("CARGO_BIN_EXE_dangshi"))
        .args(["steps", "preview", "/no/such/file.csv"])
        .output();
    let Ok(output) = output else { panic!("runs") };
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).starts_with("错误：无法读取"));
}
