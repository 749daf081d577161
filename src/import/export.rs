//! Writing a bank for trainers: Excel in our template (which imports back to the same questions),
//! CSV (UTF-8 with BOM, so Excel shows the Chinese), JSON, and pretty RON; and the empty template
//! with an explanation row.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::bank::{Bank, Question, QuestionKind};
use crate::store::atomic::write_atomic;

/// Most options a question can have in the template (A–H).
pub const MAX_OPTIONS: usize = 8;

/// The template's columns, in order. The importer recognises every one of them.
pub const TEMPLATE_HEADERS: [&str; 18] = [
    "编号", "题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "选项F", "选项G", "选项H", "答案",
    "解析", "出处", "难度", "时期", "标签", "配图",
];

/// The explanation row above the template's header.
pub const TEMPLATE_NOTES: &str = "说明：每行一题，第 2 行是表头，请勿改动。题型填 单选题、多选题、判断题、填空题 或 排序题；\
单选、多选的选项依次填在 选项A、选项B……，答案填字母（多选如 ACD）；判断题答案填 正确 或 错误；\
填空题在题干中用 ____ 或（ ）标出每个空，答案按空的顺序用“；”分隔，同一空的几种写法用“/”分隔；\
排序题把各项按正确顺序填在选项列，答案可留空；难度填 1–5 或 简单/中等/困难；时期如 土地革命战争时期；\
标签用“，”分隔；编号留空则导入时自动生成。";

/// A file that could not be written, in Chinese, naming it.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing or encoding failed.
    #[error("无法写入“{path}”：{message}")]
    Write {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// A question with more options than the template has columns.
    #[error("题目 {id} 有 {count} 个选项，模板最多 {MAX_OPTIONS} 个")]
    TooManyOptions {
        /// The question.
        id: String,
        /// Its options.
        count: usize,
    },
}

/// What to write, chosen from the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// `.xlsx` in the template.
    Xlsx,
    /// `.csv` with the template's columns.
    Csv,
    /// `.json`, the bank as it is in RON.
    Json,
    /// `.ron`, the bank format.
    Ron,
}

impl ExportFormat {
    /// The format for a file name's extension (case-insensitive), if it is one of ours.
    pub fn for_path(path: &Path) -> Option<ExportFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "xlsx" => Some(ExportFormat::Xlsx),
            "csv" => Some(ExportFormat::Csv),
            "json" => Some(ExportFormat::Json),
            "ron" => Some(ExportFormat::Ron),
            _ => None,
        }
    }
}

/// Writes `bank` to `path` in `format`.
pub fn export_bank(bank: &Bank, path: &Path, format: ExportFormat) -> Result<(), ExportError> {
    match format {
        ExportFormat::Xlsx => write_xlsx(bank, path),
        ExportFormat::Csv => write_csv(bank, path),
        ExportFormat::Json => {
            let text = serde_json::to_string_pretty(bank).map_err(|e| write_error(path, e))?;
            write_atomic(path, text.as_bytes()).map_err(|e| write_error(path, e))
        }
        ExportFormat::Ron => write_atomic(path, bank_ron(bank).as_bytes()).map_err(|e| write_error(path, e)),
    }
}

/// The bank as pretty RON, fields in the model's order so that saving twice gives the same text
/// and edits give small diffs.
pub fn bank_ron(bank: &Bank) -> String {
    let config = ron::ser::PrettyConfig::default()
        .indentor("    ".to_owned())
        .separate_tuple_members(false);
    // Serialising plain data to a String cannot fail; fall back to compact RON just in case.
    ron::ser::to_string_pretty(bank, config).unwrap_or_else(|_| ron::to_string(bank).unwrap_or_default())
}

fn write_error(path: &Path, error: impl std::fmt::Display) -> ExportError {
    ExportError::Write {
        path: path.to_owned(),
        message: error.to_string(),
    }
}

/// The template's cells for one question.
pub fn question_cells(question: &Question) -> Result<Vec<String>, ExportError> {
    let letters = |indices: &[usize]| -> String {
        indices
            .iter()
            .filter_map(|i| u8::try_from(*i).ok().map(|i| char::from(b'A' + i)))
            .collect()
    };
    let (options, answer): (Vec<String>, String) = match &question.kind {
        QuestionKind::Single { options, answer } => (options.clone(), letters(&[*answer])),
        QuestionKind::Multiple { options, answers } => (options.clone(), letters(answers)),
        QuestionKind::Judge { answer } => (Vec::new(), if *answer { "正确" } else { "错误" }.to_owned()),
        QuestionKind::Fill { blanks } => (
            Vec::new(),
            blanks.iter().map(|b| b.join("/")).collect::<Vec<_>>().join("；"),
        ),
        QuestionKind::Order { items } => {
            let order: Vec<usize> = (0..items.len()).collect();
            (items.clone(), letters(&order))
        }
    };
    if options.len() > MAX_OPTIONS {
        return Err(ExportError::TooManyOptions {
            id: question.id.clone(),
            count: options.len(),
        });
    }
    let mut cells = vec![
        question.id.clone(),
        question.kind.tag().label().to_owned(),
        question.stem.clone(),
    ];
    for index in 0..MAX_OPTIONS {
        cells.push(options.get(index).cloned().unwrap_or_default());
    }
    cells.extend([
        answer,
        question.explanation.clone(),
        question.source.clone(),
        question.difficulty.to_string(),
        question.era.label().to_owned(),
        question.tags.join("，"),
        question.image.clone().unwrap_or_default(),
    ]);
    Ok(cells)
}

/// Writes the bank as an xlsx in the template: the explanation row, the header, one row per question.
pub fn write_xlsx(bank: &Bank, path: &Path) -> Result<(), ExportError> {
    let rows = bank
        .questions
        .iter()
        .map(question_cells)
        .collect::<Result<Vec<_>, _>>()?;
    workbook(&bank.title, &rows, path).map_err(|e| write_error(path, e))
}

/// Writes the empty template: the explanation row and the header.
pub fn write_template(path: &Path) -> Result<(), ExportError> {
    workbook("题目", &[], path).map_err(|e| write_error(path, e))
}

fn workbook(sheet_name: &str, rows: &[Vec<String>], path: &Path) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    // Sheet names: at most 31 characters, none of []:*?/\.
    let name: String = sheet_name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    sheet.set_name(if name.trim().is_empty() {
        "题目"
    } else {
        name.as_str()
    })?;
    let notes = Format::new().set_text_wrap().set_font_color("#9E0B22");
    let header = Format::new().set_bold().set_background_color("#FBEFE0");
    let text = Format::new().set_num_format("@");
    sheet.merge_range(
        0,
        0,
        0,
        (TEMPLATE_HEADERS.len() - 1) as u16,
        TEMPLATE_NOTES,
        &notes,
    )?;
    sheet.set_row_height(0, 90)?;
    for (column, title) in TEMPLATE_HEADERS.iter().enumerate() {
        sheet.write_string_with_format(1, column as u16, *title, &header)?;
    }
    for (row, cells) in rows.iter().enumerate() {
        let row = u32::try_from(row + 2).unwrap_or(u32::MAX);
        for (column, cell) in cells.iter().enumerate() {
            if !cell.is_empty() {
                sheet.write_string_with_format(row, column as u16, cell, &text)?;
            }
        }
    }
    sheet.set_column_width(2, 50)?;
    sheet.set_column_width(12, 40)?;
    sheet.set_freeze_panes(2, 0)?;
    workbook.save(path)
}

/// Writes the bank as CSV with the template's header (UTF-8 with BOM; no explanation row).
pub fn write_csv(bank: &Bank, path: &Path) -> Result<(), ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::from(*b"\xEF\xBB\xBF"));
    writer
        .write_record(TEMPLATE_HEADERS)
        .map_err(|e| write_error(path, e))?;
    for question in &bank.questions {
        writer
            .write_record(question_cells(question)?)
            .map_err(|e| write_error(path, e))?;
    }
    let bytes = writer.into_inner().map_err(|e| write_error(path, e))?;
    write_atomic(path, &bytes).map_err(|e| write_error(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Era;

    fn question(kind: QuestionKind) -> Question {
        Question {
            id: "q-1".into(),
            stem: "题干".into(),
            kind,
            explanation: "解析".into(),
            source: "出处".into(),
            era: Era::LandRevolution,
            tags: vec!["长征".into(), "会议".into()],
            difficulty: 2,
            image: None,
        }
    }

    #[test]
    fn cells_of_every_kind() {
        let Ok(cells) = question_cells(&question(QuestionKind::Multiple {
            options: vec!["甲".into(), "乙".into(), "丙".into()],
            answers: vec![0, 2],
        })) else {
            panic!("cells")
        };
        assert_eq!(cells.len(), TEMPLATE_HEADERS.len());
        assert_eq!(&cells[..6], ["q-1", "多选题", "题干", "甲", "乙", "丙"]);
        assert_eq!(
            &cells[11..],
            ["AC", "解析", "出处", "2", "土地革命战争时期", "长征，会议", ""]
        );
        let answer = |kind| {
            question_cells(&question(kind))
                .map(|c| c[11].clone())
                .unwrap_or_default()
        };
        assert_eq!(answer(QuestionKind::Judge { answer: false }), "错误");
        assert_eq!(
            answer(QuestionKind::Fill {
                blanks: vec![vec!["1921".into()], vec!["上海".into(), "嘉兴".into()]]
            }),
            "1921；上海/嘉兴"
        );
        assert_eq!(
            answer(QuestionKind::Order {
                items: vec!["一".into(), "二".into(), "三".into()]
            }),
            "ABC"
        );
        let nine = QuestionKind::Single {
            options: (0..9).map(|i| i.to_string()).collect(),
            answer: 0,
        };
        assert!(matches!(
            question_cells(&question(nine)),
            Err(ExportError::TooManyOptions { count: 9, .. })
        ));
    }

    #[test]
    fn formats_by_extension() {
        assert_eq!(
            ExportFormat::for_path(Path::new("a.XLSX")),
            Some(ExportFormat::Xlsx)
        );
        assert_eq!(
            ExportFormat::for_path(Path::new("a.csv")),
            Some(ExportFormat::Csv)
        );
        assert_eq!(
            ExportFormat::for_path(Path::new("a.json")),
            Some(ExportFormat::Json)
        );
        assert_eq!(
            ExportFormat::for_path(Path::new("a.ron")),
            Some(ExportFormat::Ron)
        );
        assert_eq!(ExportFormat::for_path(Path::new("a.txt")), None);
    }

    #[test]
    fn ron_is_stable_and_reads_back() {
        let bank = Bank {
            id: "b".into(),
            title: "题库".into(),
            version: 1,
            description: String::new(),
            questions: vec![question(QuestionKind::Judge { answer: true })],
        };
        let text = bank_ron(&bank);
        assert_eq!(text, bank_ron(&bank));
        let Ok(back) = ron::from_str::<Bank>(&text) else {
            panic!("reads back: {text}")
        };
        assert_eq!(back, bank);
    }
}
