//! The import preview: every row of a spreadsheet or every question of pasted text with its
//! result (可导入 / 有警告 / 不能导入 and why); the user ticks what to take. Used by the 题库管理
//! screen (into a new bank) and the bank editor (into the open bank).

use std::path::{Path, PathBuf};

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::theme::{self, Palette};
use crate::bank::{Era, Question};
use crate::import::commands::import_file;
use crate::import::sheet::{read_table_file, sheet_names};
use crate::import::table::import_rows;
use crate::import::text::import_text;
use crate::import::{ImportOptions, ImportRow, RowStatus};

/// Where the rows come from.
enum Source {
    /// A spreadsheet or text file; `sheets` lists a workbook's sheets (empty for CSV and text).
    File {
        path: PathBuf,
        sheets: Vec<String>,
        sheet: Option<String>,
    },
    /// Text pasted by the user (智能识别).
    Text { text: String },
}

/// What the user decided.
pub enum PreviewOutcome {
    /// Take these questions, in source order.
    Import(Vec<Question>),
    /// Close the preview without importing.
    Cancel,
}

/// An import in preview.
pub struct ImportPreview {
    source: Source,
    options: ImportOptions,
    rows: Vec<ImportRow>,
    take: Vec<bool>,
    problems_only: bool,
    /// Why the file could not be read at all.
    failure: Option<String>,
}

/// Pasted text showing the styles 智能识别 reads: sections, numbering, options on one line,
/// inline answers in several spellings, an explanation, a blank, and a kind it does not import.
pub const EXAMPLE_TEXT: &str = "一、单选题
1. 中国共产党第一次全国代表大会召开于（  ）年。
A. 1919  B. 1921  C. 1927  D. 1949
答案：B
解析：中共一大于1921年7月在上海召开，最后一天的会议转移到浙江嘉兴南湖的游船上举行。
2、遵义会议召开于（  ）。
A、1934年10月  B、1935年1月  C、1936年10月
【答案】B
二、判断题
3. 古田会议确立了思想建党、政治建军的原则。
正确答案：对
三、填空题
4. 1935年10月，中央红军到达陕北____，胜利完成长征。
答案：吴起镇
四、简答题
5. 简述遵义会议的历史意义。
答案：略
";

/// File extensions the importer reads, for file dialogs and dropped files.
pub const IMPORT_EXTENSIONS: [&str; 7] = ["xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt"];

/// Whether `path` looks like a file the importer reads.
pub fn is_import_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_workbook(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "xlsx" | "xlsm" | "xls" | "ods"))
}

impl ImportPreview {
    /// Reads `path` now (first sheet of a workbook) with `options`.
    pub fn from_file(path: &Path, options: ImportOptions) -> ImportPreview {
        let sheets = if is_workbook(path) {
            sheet_names(path).unwrap_or_default()
        } else {
            Vec::new()
        };
        let mut preview = ImportPreview {
            source: Source::File {
                path: path.to_path_buf(),
                sheet: sheets.first().cloned(),
                sheets,
            },
            options,
            rows: Vec::new(),
            take: Vec::new(),
            problems_only: false,
            failure: None,
        };
        preview.recognise();
        preview
    }

    /// An empty box to paste text into.
    pub fn from_text(options: ImportOptions) -> ImportPreview {
        ImportPreview {
            source: Source::Text { text: String::new() },
            options,
            rows: Vec::new(),
            take: Vec::new(),
            problems_only: false,
            failure: None,
        }
    }

    /// Reads the source again into rows; every importable row is ticked.
    fn recognise(&mut self) {
        let rows = match &self.source {
            Source::File { path, sheet, .. } if is_workbook(path) => read_table_file(path, sheet.as_deref())
                .map_err(|e| e.to_string())
                .and_then(|sheet| import_rows(&sheet, &self.options)),
            Source::File { path, .. } => import_file(path, &self.options),
            Source::Text { text } => Ok(import_text(text, &self.options)),
        };
        match rows {
            Ok(rows) => {
                self.take = rows.iter().map(|row| row.question.is_some()).collect();
                self.rows = rows;
                self.failure = None;
            }
            Err(reason) => {
                self.rows.clear();
                self.take.clear();
                self.failure = Some(reason);
            }
        }
    }

    /// Rows ticked for import.
    fn chosen(&self) -> Vec<Question> {
        self.rows
            .iter()
            .zip(&self.take)
            .filter(|(_, take)| **take)
            .filter_map(|(row, _)| row.question.clone())
            .collect()
    }

    /// Draws the preview; `target` says where the questions go (e.g. `新题库` or the bank's title).
    pub fn ui(&mut self, ui: &mut egui::Ui, colours: &Palette, target: &str) -> Option<PreviewOutcome> {
        let mut outcome = None;
        match &mut self.source {
            Source::File { path, sheets, sheet } => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let mut reread = false;
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("文件：{name}")).strong());
                    if sheets.len() > 1 {
                        let label = ui.label("工作表");
                        let shown = sheet.clone().unwrap_or_default();
                        egui::ComboBox::from_id_salt("import_sheet")
                            .selected_text(shown)
                            .show_ui(ui, |ui| {
                                for name in sheets.iter() {
                                    if ui.selectable_label(sheet.as_ref() == Some(name), name).clicked() {
                                        *sheet = Some(name.clone());
                                        reread = true;
                                    }
                                }
                            })
                            .response
                            .labelled_by(label.id);
                    }
                });
                if reread {
                    self.recognise();
                }
            }
            Source::Text { text } => {
                ui.label("把题目文本粘贴到下面（支持 1. 1、 (1) 编号，A. A、 (A) 选项，答案：B 或文末答案 1-5 ABCDA，解析：…）");
                let label = ui.label("粘贴的题目文本");
                egui::ScrollArea::vertical()
                    .id_salt("import_text_box")
                    .max_height(160.0)
                    .show(ui, |ui| {
                        ui.add(
                            egui::TextEdit::multiline(text)
                                .desired_width(f32::INFINITY)
                                .desired_rows(6),
                        )
                        .labelled_by(label.id);
                    });
                let mut example = false;
                ui.horizontal(|ui| {
                    if ui.button("识别题目").clicked() {
                        self.recognise();
                    }
                    example = ui
                        .button("填入示例")
                        .on_hover_text("用一段示例文本看看支持的写法")
                        .clicked();
                });
                if example {
                    if let Source::Text { text } = &mut self.source {
                        *text = EXAMPLE_TEXT.to_owned();
                    }
                    self.recognise();
                }
            }
        }
        let mut era = self.options.default_era;
        ui.horizontal(|ui| {
            let label = ui.label("未注明时期的题目归入");
            egui::ComboBox::from_id_salt("import_default_era")
                .selected_text(era.label())
                .show_ui(ui, |ui| {
                    for choice in Era::ALL {
                        ui.selectable_value(&mut era, choice, choice.label());
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if era != self.options.default_era {
            self.options.default_era = era;
            if !matches!(self.source, Source::Text { ref text } if text.trim().is_empty()) {
                self.recognise();
            }
        }
        if let Some(reason) = &self.failure {
            ui.label(RichText::new(format!("× 无法读取：{reason}")).color(colours.error));
        }
        let count = |status| self.rows.iter().filter(|r| r.status() == status).count();
        let (ok, warned, failed) = (
            count(RowStatus::Ok),
            count(RowStatus::Warning),
            count(RowStatus::Error),
        );
        let chosen = self.take.iter().filter(|t| **t).count();
        if !self.rows.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(format!("共 {} 行：", self.rows.len())).strong());
                ui.label(RichText::new(format!("✓ {ok} 可导入")).color(colours.success));
                ui.label(RichText::new(format!("⚠ {warned} 有警告")).color(colours.warning));
                ui.label(RichText::new(format!("× {failed} 不能导入")).color(colours.error));
                ui.separator();
                if ui.button("全选可导入的").clicked() {
                    for (take, row) in self.take.iter_mut().zip(&self.rows) {
                        *take = row.question.is_some();
                    }
                }
                if ui.button("只选没有警告的").clicked() {
                    for (take, row) in self.take.iter_mut().zip(&self.rows) {
                        *take = row.status() == RowStatus::Ok;
                    }
                }
                if ui.button("全不选").clicked() {
                    self.take.fill(false);
                }
                ui.checkbox(&mut self.problems_only, "只看有问题的行");
            });
        }
        ui.horizontal(|ui| {
            let button = egui::Button::new(
                RichText::new(format!("导入选中的 {chosen} 道题到{target}")).color(colours.on_accent),
            )
            .fill(colours.accent_fill);
            if ui.add_enabled(chosen > 0, button).clicked() {
                outcome = Some(PreviewOutcome::Import(self.chosen()));
            }
            if ui.button("取消导入").clicked() {
                outcome = Some(PreviewOutcome::Cancel);
            }
        });
        ui.add_space(4.0);
        self.table(ui, colours);
        outcome
    }

    fn table(&mut self, ui: &mut egui::Ui, colours: &Palette) {
        let shown: Vec<usize> = (0..self.rows.len())
            .filter(|&i| !self.problems_only || self.rows[i].status() != RowStatus::Ok)
            .collect();
        if shown.is_empty() {
            return;
        }
        let row_height = theme::size::BODY + 12.0;
        TableBuilder::new(ui)
            .id_salt("import_rows")
            .striped(true)
            .auto_shrink(false)
            .column(Column::exact(44.0))
            .column(Column::exact(150.0))
            .column(Column::exact(90.0))
            .column(Column::exact(70.0))
            .column(Column::initial(320.0).at_least(160.0).clip(true))
            .column(Column::remainder().clip(true))
            .header(row_height, |mut header| {
                for title in ["导入", "位置", "结果", "题型", "内容", "说明"] {
                    header.col(|ui| {
                        ui.label(RichText::new(title).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, shown.len(), |mut table_row| {
                    let index = shown[table_row.index()];
                    let row = &self.rows[index];
                    let importable = row.question.is_some();
                    table_row.col(|ui| {
                        let tick = egui::Checkbox::without_text(&mut self.take[index]);
                        ui.add_enabled(importable, tick)
                            .on_hover_text(format!("导入{}", row.location));
                    });
                    table_row.col(|ui| {
                        ui.label(&row.location);
                    });
                    table_row.col(|ui| {
                        let (text, colour) = match row.status() {
                            RowStatus::Ok => ("✓ 可导入", colours.success),
                            RowStatus::Warning => ("⚠ 有警告", colours.warning),
                            RowStatus::Error => ("× 不能导入", colours.error),
                        };
                        ui.label(RichText::new(text).color(colour));
                    });
                    table_row.col(|ui| {
                        let kind = row.question.as_ref().map_or("—", |q| q.kind.tag().label());
                        ui.label(kind);
                    });
                    table_row.col(|ui| {
                        ui.add(egui::Label::new(&row.excerpt).truncate());
                    });
                    table_row.col(|ui| {
                        let note = match &row.error {
                            Some(error) => error.clone(),
                            None => row.warnings.join("；"),
                        };
                        let colour = if row.error.is_some() {
                            colours.error
                        } else {
                            colours.warning
                        };
                        ui.add(egui::Label::new(RichText::new(note).color(colour)).truncate());
                    });
                });
            });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::QuestionKind;

    #[test]
    fn the_example_text_shows_every_result() {
        let rows = import_text(EXAMPLE_TEXT, &ImportOptions::default());
        let statuses: Vec<RowStatus> = rows.iter().map(ImportRow::status).collect();
        assert_eq!(
            statuses,
            [
                RowStatus::Ok,
                RowStatus::Warning,
                RowStatus::Warning,
                RowStatus::Warning,
                RowStatus::Error
            ]
        );
        let kinds: Vec<Option<QuestionKind>> = rows
            .iter()
            .map(|r| r.question.as_ref().map(|q| q.kind.clone()))
            .collect();
        assert_eq!(
            kinds[0],
            Some(QuestionKind::Single {
                options: vec!["1919".into(), "1921".into(), "1927".into(), "1949".into()],
                answer: 1
            })
        );
        assert_eq!(kinds[2], Some(QuestionKind::Judge { answer: true }));
        assert_eq!(
            kinds[3],
            Some(QuestionKind::Fill {
                blanks: vec![vec!["吴起镇".into()]]
            })
        );
        assert_eq!(rows[4].error.as_deref(), Some("不支持的题型“简答题”，未导入"));
    }
}
