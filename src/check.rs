//! `dangshi check`: validates banks and reports like a compiler, as text or JSON.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::{Map, Value, json};

use crate::bank::{BankHealth, Diagnostic, Library, Severity};

/// Loads what `dangshi check PATH…` names: files and folders (recursively), or the bundled banks
/// when no path is given.
pub fn load_for_check(paths: &[PathBuf]) -> Library {
    if paths.is_empty() {
        return Library::bundled();
    }
    let mut library = Library::default();
    for path in paths {
        if path.is_dir() {
            library.add_folder(path);
        } else {
            library.add_file(path);
        }
    }
    library
}

/// Exit status of the check: 1 if any error, else 0.
pub fn exit_code(library: &Library) -> i32 {
    i32::from(library.count(Severity::Error) > 0)
}

/// Compiler-style report: one line per diagnostic, then a summary.
pub fn render_text(library: &Library) -> String {
    let mut out = String::new();
    for diagnostic in library.diagnostics() {
        let _ = writeln!(out, "{diagnostic}");
    }
    if library.diagnostics().next().is_some() {
        out.push('\n');
    }
    let summary = library.summary();
    let _ = writeln!(out, "题库 {} 个：", summary.banks);
    for loaded in library.banks() {
        let mark = match loaded.health() {
            BankHealth::Ok => "✓",
            BankHealth::PartlyBroken => "!",
            BankHealth::Failed => "×",
        };
        let questions = loaded.bank.as_ref().map_or(0, |b| b.questions.len());
        let usable = loaded.usable_questions().count();
        let _ = writeln!(
            out,
            "  {mark} {}  {}  {usable}/{questions} 题可用  {}",
            loaded.origin.display(),
            loaded.title(),
            loaded.health().label()
        );
    }
    let kinds: Vec<String> = summary
        .by_kind
        .iter()
        .map(|(kind, n)| format!("{} {n}", kind.label()))
        .collect();
    let eras: Vec<String> = summary
        .by_era
        .iter()
        .map(|(era, n)| format!("{} {n}", era.label()))
        .collect();
    let _ = writeln!(out, "可用题目 {} 道", summary.questions);
    if !kinds.is_empty() {
        let _ = writeln!(out, "  按题型：{}", kinds.join("，"));
        let _ = writeln!(out, "  按时期：{}", eras.join("，"));
    }
    let _ = writeln!(
        out,
        "结果：{} 个错误，{} 个警告",
        library.count(Severity::Error),
        library.count(Severity::Warning)
    );
    out
}

fn diagnostic_json(diagnostic: &Diagnostic) -> Value {
    json!({
        "path": diagnostic.origin,
        "line": diagnostic.pos.line,
        "col": diagnostic.pos.col,
        "code": diagnostic.code.key(),
        "message": diagnostic.message,
        "question": diagnostic.question_id,
        "note": diagnostic.note,
    })
}

/// The same report as JSON, for scripts.
pub fn render_json(library: &Library) -> Value {
    let summary = library.summary();
    let banks: Vec<Value> = library
        .banks()
        .iter()
        .map(|loaded| {
            json!({
                "path": loaded.origin.display(),
                "id": loaded.bank.as_ref().map(|b| b.id.clone()),
                "title": loaded.bank.as_ref().map(|b| b.title.clone()),
                "questions": loaded.bank.as_ref().map_or(0, |b| b.questions.len()),
                "usable": loaded.usable_questions().count(),
                "status": loaded.health().key(),
                "errors": loaded.count(Severity::Error),
                "warnings": loaded.count(Severity::Warning),
            })
        })
        .collect();
    let by_kind: Map<String, Value> = summary
        .by_kind
        .iter()
        .map(|(kind, n)| (kind.key().to_owned(), json!(n)))
        .collect();
    let by_era: Map<String, Value> = summary
        .by_era
        .iter()
        .map(|(era, n)| (era.key().to_owned(), json!(n)))
        .collect();
    let of = |severity| -> Vec<Value> {
        library
            .diagnostics()
            .filter(|d| d.severity == severity)
            .map(diagnostic_json)
            .collect()
    };
    json!({
        "banks": banks,
        "questions": summary.questions,
        "by_kind": by_kind,
        "by_era": by_era,
        "errors": of(Severity::Error),
        "warnings": of(Severity::Warning),
    })
}
