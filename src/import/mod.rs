//! Importing questions from spreadsheets (xlsx, xls, ods, CSV) and pasted text (智能识别). Every
//! source row or question becomes an [`ImportRow`] with its result, shown in a preview before
//! anything is taken; nothing is dropped silently.

pub mod commands;
pub mod export;
pub mod fields;
pub mod sheet;
pub mod table;
pub mod text;

use crate::bank::{Era, Question};

/// How imported questions are made.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportOptions {
    /// Question ids are `<prefix>-0001`, `<prefix>-0002`, … in source order.
    pub id_prefix: String,
    /// Era of a question whose row names none (or none recognised; a warning says so).
    pub default_era: Era,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            id_prefix: "imp".into(),
            default_era: Era::General,
        }
    }
}

/// The result of one source row (a table) or one question (pasted text).
#[derive(Clone, Debug, PartialEq)]
pub struct ImportRow {
    /// Where it came from, in Chinese: `第12行` (a table row, counted like Excel, from 1) or
    /// `第3题（第15行）` (pasted text).
    pub location: String,
    /// The start of the source text, to recognise the row in the preview (at most 40 characters).
    pub excerpt: String,
    /// The question made from it; `None` when it cannot be imported.
    pub question: Option<Question>,
    /// Things worth checking, in Chinese; the question is still imported.
    pub warnings: Vec<String>,
    /// Why nothing is imported, in Chinese: a mistake or a kind we do not support (简答题 …). Rows
    /// with every cell empty are skipped without a row of their own.
    pub error: Option<String>,
}

/// An import row's result at a glance.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowStatus {
    /// Imported as is.
    Ok,
    /// Imported, with warnings.
    Warning,
    /// Not imported.
    Error,
}

impl ImportRow {
    /// Ok, warning or error.
    pub fn status(&self) -> RowStatus {
        match (&self.question, &self.error, self.warnings.is_empty()) {
            (Some(_), None, true) => RowStatus::Ok,
            (Some(_), None, false) => RowStatus::Warning,
            _ => RowStatus::Error,
        }
    }
}

/// The first 40 characters of `text` on one line, for [`ImportRow::excerpt`].
pub fn excerpt(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = one_line.chars().take(40).collect();
    if one_line.chars().count() > 40 {
        short.push('…');
    }
    short
}

/// The id of the `index`-th (0-based) imported question.
pub fn question_id(options: &ImportOptions, index: usize) -> String {
    format!("{}-{:04}", options.id_prefix, index + 1)
}
