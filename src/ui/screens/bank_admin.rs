//! 题库管理: every loaded bank with 编辑 and 导出; new banks, imports from spreadsheets and pasted
//! text, the empty import template, and the checker's report.

use std::path::{Path, PathBuf};

use egui::RichText;

use super::{BankEditorScreen, BankImportScreen, BanksScreen, Screen, ScreenAction};
use crate::bank::image::ImageRoot;
use crate::bank::{Bank, BankOrigin, LoadedBank, Severity, parse_bank};
use crate::editor::Document;
use crate::import::export::{ExportFormat, export_bank, write_template};
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::import_preview::IMPORT_EXTENSIONS;
use crate::ui::theme::{self, Palette};
use crate::ui::widgets::{self, screen_heading};

/// The 题库管理 screen.
#[derive(Default)]
pub struct BankAdminScreen;

/// What a bank row's buttons asked for.
enum RowRequest {
    Edit(usize),
    Export(usize, ExportFormat),
}

impl BankAdminScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let mut action = None;
        screen_heading(ui, "题库管理", shared.settings.theme);
        ui.label(
            RichText::new(
                "编辑题目、导入 Excel/CSV 表格或粘贴的文本、导出题库。把表格文件拖到窗口上也可以导入。",
            )
            .color(colours.weak_text),
        );
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button("新建题库").clicked() {
                action = Some(new_bank(shared));
            }
            if ui.button("打开题库文件编辑…").clicked() {
                action = open_file_dialog(shared);
            }
            if ui.button("从表格导入新题库…").clicked() {
                let picked = rfd::FileDialog::new()
                    .set_title("选择要导入的表格或文本")
                    .add_filter("表格或文本", &IMPORT_EXTENSIONS)
                    .pick_file();
                if let Some(path) = picked {
                    action = Some(import_file(shared, &path));
                }
            }
            if ui.button("粘贴文本导入新题库").clicked() {
                action = Some(ScreenAction::open(Screen::BankImport(Box::new(
                    BankImportScreen::for_text(shared),
                ))));
            }
            if ui
                .button("保存空白导入模板…")
                .on_hover_text("Excel 模板，第 1 行是填写说明")
                .clicked()
            {
                save_template(shared);
            }
            if ui.button("校验报告").clicked() {
                action = Some(ScreenAction::open(Screen::Banks(BanksScreen::first_troubled(
                    &shared.library,
                ))));
            }
        });
        ui.add_space(theme::space::SECTION / 2.0);
        let mut request = None;
        egui::ScrollArea::vertical()
            .id_salt("admin_banks")
            .auto_shrink(false)
            .show(ui, |ui| {
                // The trainer's own banks first: they are what gets edited.
                let banks = shared.library.banks();
                for (heading, bundled) in [("我的题库", false), ("内置题库", true)] {
                    let rows: Vec<usize> = (0..banks.len())
                        .filter(|&i| matches!(banks[i].origin, BankOrigin::Bundled { .. }) == bundled)
                        .collect();
                    ui.label(RichText::new(heading).strong().size(theme::size::BODY + 2.0));
                    if rows.is_empty() {
                        ui.label(
                            RichText::new("还没有自己的题库：新建一个，或从表格、文本导入。")
                                .color(colours.weak_text),
                        );
                    }
                    for index in rows {
                        if let Some(r) = bank_row(ui, index, &banks[index], &colours) {
                            request = Some(r);
                        }
                    }
                    ui.add_space(8.0);
                }
            });
        match request {
            Some(RowRequest::Edit(index)) => {
                if let Some(screen) = edit_bank(shared, index) {
                    action = Some(ScreenAction::open(screen));
                }
            }
            Some(RowRequest::Export(index, format)) => export(shared, index, format),
            None => {}
        }
        action
    }
}

fn bank_row(ui: &mut egui::Ui, index: usize, loaded: &LoadedBank, colours: &Palette) -> Option<RowRequest> {
    let mut request = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(widgets::health_mark(loaded.health(), colours).size(theme::size::BODY + 4.0));
            ui.vertical(|ui| {
                ui.label(
                    RichText::new(loaded.title())
                        .strong()
                        .size(theme::size::BODY + 2.0),
                );
                let place = match &loaded.origin {
                    BankOrigin::Bundled { .. } => "内置题库（只读，可另存副本修改）".to_owned(),
                    BankOrigin::File { path } => path.display().to_string(),
                };
                let count = loaded.bank.as_ref().map_or(0, |b| b.questions.len());
                ui.label(
                    RichText::new(format!(
                        "{place} · {count} 道题 · {} 个错误 · {} 个警告",
                        loaded.count(Severity::Error),
                        loaded.count(Severity::Warning)
                    ))
                    .color(colours.weak_text),
                );
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.menu_button("导出", |ui| {
                    for (format, label) in EXPORTS {
                        if ui.button(label).clicked() {
                            request = Some(RowRequest::Export(index, format));
                            ui.close();
                        }
                    }
                });
                let edit = match loaded.origin {
                    BankOrigin::Bundled { .. } => "查看与修改",
                    BankOrigin::File { .. } => "编辑",
                };
                if ui
                    .button(edit)
                    .on_hover_text(format!("编辑“{}”", loaded.title()))
                    .clicked()
                {
                    request = Some(RowRequest::Edit(index));
                }
            });
        });
    });
    request
}

/// Export formats with their menu labels.
pub const EXPORTS: [(ExportFormat, &str); 4] = [
    (ExportFormat::Xlsx, "Excel 表格（本软件模板）…"),
    (ExportFormat::Csv, "CSV…"),
    (ExportFormat::Json, "JSON…"),
    (ExportFormat::Ron, "题库文件（.ron）…"),
];

/// Asks where to export `bank` as `format` and writes it; tells the user how it went.
pub fn export_with_dialog(shared: &mut Shared, bank: &Bank, format: ExportFormat) {
    let (extension, filter) = match format {
        ExportFormat::Xlsx => ("xlsx", "Excel 表格 (.xlsx)"),
        ExportFormat::Csv => ("csv", "CSV (.csv)"),
        ExportFormat::Json => ("json", "JSON (.json)"),
        ExportFormat::Ron => ("ron", "题库文件 (.ron)"),
    };
    let picked = rfd::FileDialog::new()
        .set_title("导出题库")
        .set_file_name(format!("{}.{extension}", bank.id))
        .add_filter(filter, &[extension])
        .save_file();
    let Some(path) = picked else { return };
    match export_bank(bank, &path, format) {
        Ok(()) => shared.notify(
            NoticeKind::Info,
            format!("已导出 {} 道题到 {}", bank.questions.len(), path.display()),
        ),
        Err(err) => shared.notify(NoticeKind::Error, format!("导出失败：{err}")),
    }
}

fn export(shared: &mut Shared, index: usize, format: ExportFormat) {
    let Some(bank) = shared.library.banks().get(index).and_then(|l| l.bank.clone()) else {
        shared.notify(NoticeKind::Error, "这个题库没有加载成功，无法导出");
        return;
    };
    export_with_dialog(shared, &bank, format);
}

/// The editor on loaded bank `index`: a file is read again from disk, a bundled bank opens
/// read-only (saving makes a copy).
fn edit_bank(shared: &mut Shared, index: usize) -> Option<Screen> {
    let origin = shared.library.banks().get(index)?.origin.clone();
    let doc = match &origin {
        BankOrigin::File { path } => Document::open_file(path),
        BankOrigin::Bundled { name } => {
            let text = crate::bank::bundled::BANKS
                .iter()
                .find(|(bundled, _)| bundled == name)
                .map(|(_, text)| *text)?;
            match parse_bank(text) {
                Ok(bank) => Ok(Document::new(bank, None, true, ImageRoot::Bundled)),
                Err(err) => {
                    shared.notify(NoticeKind::Error, format!("内置题库 {name} 无法读取：{err}"));
                    return None;
                }
            }
        }
    };
    match doc {
        Ok(doc) => Some(Screen::BankEditor(Box::new(BankEditorScreen::new(doc)))),
        Err(err) => {
            shared.notify(
                NoticeKind::Error,
                format!("{err}。请先用文本编辑器修正这一处，或在“校验报告”中查看"),
            );
            None
        }
    }
}

fn open_file_dialog(shared: &mut Shared) -> Option<ScreenAction> {
    let path = rfd::FileDialog::new()
        .set_title("打开题库文件编辑")
        .add_filter("题库文件 (.ron)", &["ron"])
        .pick_file()?;
    match Document::open_file(&path) {
        Ok(doc) => Some(ScreenAction::open(Screen::BankEditor(Box::new(
            BankEditorScreen::new(doc),
        )))),
        Err(err) => {
            shared.notify(NoticeKind::Error, err.to_string());
            None
        }
    }
}

/// The import preview of `path` into a new bank.
pub fn import_file(shared: &Shared, path: &Path) -> ScreenAction {
    ScreenAction::open(Screen::BankImport(Box::new(BankImportScreen::for_file(
        shared, path,
    ))))
}

fn new_bank(shared: &Shared) -> ScreenAction {
    let id = free_bank_id(shared, "my-bank");
    let folder = shared.data_dir.banks_dir();
    let bank = Bank {
        id: id.clone(),
        title: "新题库".to_owned(),
        version: 0,
        description: String::new(),
        questions: Vec::new(),
    };
    let doc = Document::new(
        bank,
        Some(free_bank_path(&folder, &id)),
        false,
        ImageRoot::Folder(folder),
    );
    ScreenAction::open(Screen::BankEditor(Box::new(BankEditorScreen::new(doc))))
}

fn save_template(shared: &mut Shared) {
    let picked = rfd::FileDialog::new()
        .set_title("保存空白导入模板")
        .set_file_name("题库导入模板.xlsx")
        .add_filter("Excel 表格 (.xlsx)", &["xlsx"])
        .save_file();
    let Some(path) = picked else { return };
    match write_template(&path) {
        Ok(()) => shared.notify(
            NoticeKind::Info,
            format!(
                "已保存模板到 {}：按第 1 行的说明填写后，用“从表格导入”导入",
                path.display()
            ),
        ),
        Err(err) => shared.notify(NoticeKind::Error, format!("模板未能保存：{err}")),
    }
}

/// `wanted`, or `wanted-2`, `wanted-3` … : a bank id no loaded bank uses.
pub fn free_bank_id(shared: &Shared, wanted: &str) -> String {
    let taken = |id: &str| {
        shared
            .library
            .banks()
            .iter()
            .any(|l| l.bank.as_ref().is_some_and(|b| b.id == id))
    };
    let wanted = if wanted.trim().is_empty() {
        "bank"
    } else {
        wanted.trim()
    };
    let mut id = wanted.to_owned();
    let mut number = 2;
    while taken(&id) {
        id = format!("{wanted}-{number}");
        number += 1;
    }
    id
}

/// `<stem>.ron` in `folder`, or `<stem>-2.ron`, `<stem>-3.ron` … if taken.
pub fn free_bank_path(folder: &Path, stem: &str) -> PathBuf {
    let mut path = folder.join(format!("{stem}.ron"));
    let mut number = 2;
    while path.exists() {
        path = folder.join(format!("{stem}-{number}.ron"));
        number += 1;
    }
    path
}
