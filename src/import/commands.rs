//! The `dangshi import` and `dangshi export` commands: their work and their report, with the same
//! diagnostics and exit codes as `dangshi check` (0 fine, 1 errors, 2 a usage mistake). `main`
//! prints what they return.

use std::path::Path;

use super::export::{ExportFormat, export_bank};
use super::sheet::read_table_file;
use super::table::import_rows;
use super::text::import_text;
use super::{ImportOptions, ImportRow};
use crate::bank::{Bank, BankOrigin, Library};
use crate::check::{exit_code, render_text};

/// What a command prints and its exit code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommandOutcome {
    /// For standard output.
    pub stdout: String,
    /// For standard error: diagnostics and failures.
    pub stderr: String,
    /// The exit code.
    pub code: u8,
}

impl CommandOutcome {
    fn failed(code: u8, stderr: String) -> CommandOutcome {
        CommandOutcome {
            stdout: String::new(),
            stderr,
            code,
        }
    }
}

/// Loads the bank `name`: a `.ron` file, or a bundled bank by file name (`q01_founding.ron`, with
/// or without `.ron`) or id. `None` if there is no such file or bundled bank.
pub fn load_bank_argument(name: &str) -> Option<Library> {
    let mut library = Library::default();
    let path = Path::new(name);
    if path.is_file() {
        library.add_file(path);
        return Some(library);
    }
    let bundled = Library::bundled();
    let found = bundled.banks().iter().find(|loaded| {
        let BankOrigin::Bundled { name: file } = &loaded.origin else {
            return false;
        };
        file == name
            || file.strip_suffix(".ron") == Some(name)
            || loaded.bank.as_ref().is_some_and(|b| b.id == name)
    })?;
    let BankOrigin::Bundled { name: file } = &found.origin else {
        return None;
    };
    let text = crate::bank::bundled::BANKS
        .iter()
        .find(|(bundled_name, _)| bundled_name == file)
        .map(|(_, text)| *text)?;
    library.add_text(found.origin.clone(), text);
    Some(library)
}

/// `dangshi export BANK -o OUT`: checks the bank like `check` and, if it has no error, writes it
/// in the format of OUT's extension (.xlsx, .csv, .json or .ron).
pub fn run_export(bank: &str, out: &Path) -> CommandOutcome {
    let Some(format) = ExportFormat::for_path(out) else {
        return CommandOutcome::failed(
            2,
            format!(
                "错误：不支持导出为“{}”，请用 .xlsx、.csv、.json 或 .ron\n",
                out.display()
            ),
        );
    };
    let Some(library) = load_bank_argument(bank) else {
        return CommandOutcome::failed(
            2,
            format!("错误：找不到题库“{bank}”（题库文件路径，或内置题库的文件名、id）\n"),
        );
    };
    let report = render_text(&library);
    if exit_code(&library) != 0 {
        return CommandOutcome::failed(1, format!("{report}题库有错误，未导出。\n"));
    }
    let Some(bank) = library.banks().first().and_then(|loaded| loaded.bank.as_ref()) else {
        return CommandOutcome::failed(1, report);
    };
    match export_bank(bank, out, format) {
        Ok(()) => CommandOutcome {
            stdout: format!("已导出 {} 道题到 {}\n", bank.questions.len(), out.display()),
            stderr: report,
            code: 0,
        },
        Err(err) => CommandOutcome::failed(1, format!("{report}错误：{err}\n")),
    }
}

/// What kind of source a file to import is, by its extension.
fn is_text_source(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "txt" | "md" | "text"))
}

/// The import rows of a table file (xlsx, xls, ods, CSV) or a text file (.txt: pasted-text
/// recognition), or why it could not be read at all.
pub fn import_file(path: &Path, options: &ImportOptions) -> Result<Vec<ImportRow>, String> {
    if is_text_source(path) {
        let bytes = std::fs::read(path).map_err(|e| format!("无法读取“{}”：{e}", path.display()))?;
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text.to_owned(),
            Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
        };
        return Ok(import_text(text.trim_start_matches('\u{feff}'), options));
    }
    let sheet = read_table_file(path, None).map_err(|e| e.to_string())?;
    import_rows(&sheet, options)
}

/// `dangshi import FILE -o OUT.ron`: imports every question it can, reports each row that was not
/// imported (error) or has warnings like `check` does, and writes the bank of imported questions.
/// Exit code 1 if any row was not imported, 2 for a usage mistake.
pub fn run_import(file: &Path, out: &Path) -> CommandOutcome {
    if ExportFormat::for_path(out) != Some(ExportFormat::Ron) {
        return CommandOutcome::failed(2, format!("错误：输出文件应为 .ron：“{}”\n", out.display()));
    }
    let stem = out
        .file_stem()
        .map_or_else(|| "imported".to_owned(), |s| s.to_string_lossy().into_owned());
    let options = ImportOptions {
        id_prefix: stem.clone(),
        ..ImportOptions::default()
    };
    let rows = match import_file(file, &options) {
        Ok(rows) => rows,
        Err(reason) => return CommandOutcome::failed(1, format!("错误：{reason}\n")),
    };
    let name = file.display();
    let mut report = String::new();
    let (mut errors, mut warnings) = (0, 0);
    for row in &rows {
        if let Some(error) = &row.error {
            errors += 1;
            report.push_str(&format!(
                "{name}:{}: error: {error}（{}）\n",
                row.location, row.excerpt
            ));
        }
        for warning in &row.warnings {
            warnings += 1;
            report.push_str(&format!("{name}:{}: warning: {warning}\n", row.location));
        }
    }
    let questions: Vec<_> = rows.into_iter().filter_map(|row| row.question).collect();
    let bank = Bank {
        id: stem.clone(),
        title: stem,
        version: 1,
        description: format!(
            "由 {} 导入",
            file.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ),
        questions,
    };
    if let Err(err) = export_bank(&bank, out, ExportFormat::Ron) {
        return CommandOutcome::failed(1, format!("{report}错误：{err}\n"));
    }
    report.push_str(&format!(
        "结果：导入 {} 道题，{errors} 行未导入，{warnings} 个警告\n",
        bank.questions.len()
    ));
    CommandOutcome {
        stdout: format!("已写入 {}\n", out.display()),
        stderr: report,
        code: u8::from(errors > 0),
    }
}
