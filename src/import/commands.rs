//! The `dangshi import` and `dangshi export` commands: their work and their report, with the same
//! diagnostics and exit codes as `dangshi check` (0 fine, 1 errors, 2 a usage mistake). `main`
//! prints what they return.

use std::path::Path;

use super::export::{ExportFormat, export_bank};
use crate::bank::{BankOrigin, Library};
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
