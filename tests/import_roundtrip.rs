//! Every bundled bank exported to our xlsx template and to CSV, then imported back, gives the same
//! questions; `dangshi export` writes them from the command line and `dangshi import` makes a bank
//! that passes `check`.

use std::path::Path;
use std::process::Command;

use dangshi::bank::{BankOrigin, Library, Question};
use dangshi::import::export::{write_csv, write_template, write_xlsx};
use dangshi::import::sheet::read_table_file;
use dangshi::import::table::import_rows;
use dangshi::import::{ImportOptions, RowStatus};

/// Imports the table file at `path` and returns its questions, failing on any row that is not ok.
fn import_back(path: &Path) -> Vec<Question> {
    let sheet = match read_table_file(path, None) {
        Ok(sheet) => sheet,
        Err(err) => panic!("{err}"),
    };
    let rows = match import_rows(&sheet, &ImportOptions::default()) {
        Ok(rows) => rows,
        Err(err) => panic!("{}: {err}", path.display()),
    };
    rows.into_iter()
        .map(|row| {
            assert_ne!(
                row.status(),
                RowStatus::Error,
                "{} {}: {:?}",
                path.display(),
                row.location,
                row.error
            );
            let Some(question) = row.question else {
                panic!("{}: no question", row.location)
            };
            question
        })
        .collect()
}

#[test]
fn every_bundled_bank_survives_xlsx_and_csv() {
    let dir = tempfile::tempdir().expect("temp dir");
    let library = Library::bundled();
    let mut checked = 0;
    for loaded in library.banks() {
        let (Some(bank), BankOrigin::Bundled { name }) = (&loaded.bank, &loaded.origin) else {
            continue;
        };
        let xlsx = dir.path().join(format!("{name}.xlsx"));
        let csv = dir.path().join(format!("{name}.csv"));
        if let Err(err) = write_xlsx(bank, &xlsx) {
            panic!("{name}: {err}");
        }
        if let Err(err) = write_csv(bank, &csv) {
            panic!("{name}: {err}");
        }
        for path in [&xlsx, &csv] {
            let back = import_back(path);
            assert_eq!(back.len(), bank.questions.len(), "{}", path.display());
            for (imported, original) in back.iter().zip(&bank.questions) {
                assert_eq!(imported, original, "{}", path.display());
            }
        }
        checked += bank.questions.len();
    }
    assert!(checked > 1000, "only {checked} questions checked");
}

#[test]
fn the_empty_template_has_its_notes_and_header_and_no_questions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("模板.xlsx");
    if let Err(err) = write_template(&path) {
        panic!("{err}");
    }
    let Ok(sheet) = read_table_file(&path, None) else {
        panic!("reads")
    };
    assert!(sheet.rows[0][0].starts_with("说明："));
    assert_eq!(sheet.rows[1][..3], ["编号", "题型", "题干"]);
    assert_eq!(
        import_rows(&sheet, &ImportOptions::default()).map(|rows| rows.len()),
        Ok(0)
    );
}

#[test]
fn dangshi_export_writes_each_format_and_refuses_a_broken_bank() {
    let dir = tempfile::tempdir().expect("temp dir");
    for extension in ["xlsx", "csv", "json", "ron"] {
        let out = dir.path().join(format!("land.{extension}"));
        let output = Command::new(env!("CARGO_BIN_EXE_dangshi"))
            .args(["export", "q03_land_revolution", "-o"])
            .arg(&out)
            .output();
        let Ok(output) = output else { panic!("runs") };
        assert_eq!(output.status.code(), Some(0), "{extension}");
        assert!(String::from_utf8_lossy(&output.stdout).starts_with("已导出 90 道题到"));
        assert!(out.is_file());
    }
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken/syntax_missing_comma.ron");
    let output = Command::new(env!("CARGO_BIN_EXE_dangshi"))
        .arg("export")
        .arg(&broken)
        .args(["-o", "/tmp/never-written.xlsx"])
        .output();
    let Ok(output) = output else { panic!("runs") };
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("题库有错误，未导出"));
    let output = Command::new(env!("CARGO_BIN_EXE_dangshi"))
        .args(["export", "q03_land_revolution", "-o", "x.txt"])
        .output();
    let Ok(output) = output else { panic!("runs") };
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn dangshi_import_writes_a_bank_that_passes_check_and_lists_what_it_left_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    for (source, imported) in [("table_gbk.csv", 5), ("text_sections_inline.txt", 9)] {
        let out = dir.path().join("导入.ron");
        let output = Command::new(env!("CARGO_BIN_EXE_dangshi"))
            .arg("import")
            .arg(fixtures.join(source))
            .arg("-o")
            .arg(&out)
            .output();
        let Ok(output) = output else { panic!("runs") };
        let report = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{report}");
        assert!(report.contains("error: 不支持的题型“简答题”，未导入"), "{report}");
        assert!(
            report.contains(&format!("结果：导入 {imported} 道题，1 行未导入")),
            "{report}"
        );
        let mut library = Library::default();
        library.add_file(&out);
        assert_eq!(
            dangshi::check::exit_code(&library),
            0,
            "{}",
            dangshi::check::render_text(&library)
        );
        assert_eq!(library.usable_questions().count(), imported);
    }
    let output = Command::new(env!("CARGO_BIN_EXE_dangshi"))
        .args(["import", "x.csv", "-o", "out.xlsx"])
        .output();
    let Ok(output) = output else { panic!("runs") };
    assert_eq!(output.status.code(), Some(2));
}
