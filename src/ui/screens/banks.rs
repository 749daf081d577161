//! Loaded banks: which loaded, which failed and why, with every diagnostic in Chinese.

use egui::RichText;

use super::ScreenAction;
use crate::bank::{BankHealth, BankOrigin, Library, LoadedBank, Severity};
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::command::Command;
use crate::ui::widgets::screen_heading;
use crate::ui::{theme, widgets};

/// The banks screen: a list on the left, the chosen bank's details on the right.
#[derive(Default)]
pub struct BanksScreen {
    selected: usize,
}

impl BanksScreen {
    /// Opens with bank `index` selected.
    pub fn showing(index: usize) -> BanksScreen {
        BanksScreen { selected: index }
    }

    /// Opens on the first bank that failed or has errors.
    pub fn first_troubled(library: &Library) -> BanksScreen {
        let selected = library
            .banks()
            .iter()
            .position(|b| b.health() != BankHealth::Ok)
            .unwrap_or(0);
        BanksScreen { selected }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        screen_heading(ui, "题库", shared.settings.theme);
        ui.horizontal(|ui| {
            if ui
                .button("打开题库文件…")
                .on_hover_text(Command::OpenBankFile.shortcut_text())
                .clicked()
            {
                shared.requested.push(Command::OpenBankFile);
            }
            if ui
                .button("重新加载")
                .on_hover_text("重新读取内置题库和数据文件夹中的题库")
                .clicked()
            {
                shared.reload_banks();
                shared.notify(NoticeKind::Info, "已重新加载题库");
            }
        });
        ui.label(
            RichText::new(format!(
                "把 .ron 题库文件拖到窗口上即可打开；放进 {} 每次启动自动加载。",
                shared.data_dir.banks_dir().display()
            ))
            .color(colours.weak_text),
        );
        ui.add_space(8.0);
        let banks = shared.library.banks();
        if banks.is_empty() {
            ui.label("没有加载任何题库。");
            return None;
        }
        self.selected = self.selected.min(banks.len() - 1);
        let mut copy_request = None;
        ui.columns(2, |columns| {
            egui::ScrollArea::vertical()
                .id_salt("bank_list")
                .show(&mut columns[0], |ui| {
                    for (index, loaded) in banks.iter().enumerate() {
                        if widgets::bank_row(ui, loaded, &colours, index == self.selected).clicked() {
                            self.selected = index;
                        }
                    }
                });
            egui::ScrollArea::vertical()
                .id_salt("bank_detail")
                .show(&mut columns[1], |ui| {
                    // A plain top-down layout: the column's justified one would stretch wrapped text.
                    ui.vertical(|ui| {
                        copy_request = bank_detail(ui, &banks[self.selected], shared, &colours);
                    });
                });
        });
        if let Some(path) = copy_request {
            copy_into_data_folder(shared, &path);
        }
        None
    }
}

/// Shows one bank; returns a file path if the user asked to copy it into the data folder.
fn bank_detail(
    ui: &mut egui::Ui,
    loaded: &LoadedBank,
    shared: &Shared,
    colours: &theme::Palette,
) -> Option<std::path::PathBuf> {
    let mut copy = None;
    ui.horizontal(|ui| {
        ui.label(widgets::health_mark(loaded.health(), colours).size(theme::size::HEADING));
        ui.label(
            RichText::new(loaded.title())
                .strong()
                .size(theme::size::BODY + 4.0),
        );
    });
    egui::Grid::new("bank_facts").spacing([12.0, 4.0]).show(ui, |ui| {
        ui.label("状态");
        ui.label(loaded.health().label());
        ui.end_row();
        ui.label("文件");
        let origin = match &loaded.origin {
            BankOrigin::Bundled { .. } => format!("内置：{}", loaded.origin.display()),
            BankOrigin::File { .. } => loaded.origin.display(),
        };
        ui.label(RichText::new(origin).monospace());
        ui.end_row();
        if let Some(bank) = &loaded.bank {
            ui.label("编号");
            let id = if bank.id.trim().is_empty() {
                "（未填写）"
            } else {
                bank.id.as_str()
            };
            ui.label(format!("{id}（第 {} 版）", bank.version));
            ui.end_row();
            ui.label("题目");
            ui.label(format!(
                "共 {} 道，可用 {} 道",
                bank.questions.len(),
                loaded.usable_questions().count()
            ));
            ui.end_row();
        }
        ui.label("问题");
        ui.label(format!(
            "{} 个错误，{} 个警告",
            loaded.count(Severity::Error),
            loaded.count(Severity::Warning)
        ));
        ui.end_row();
    });
    if let Some(bank) = &loaded.bank
        && !bank.description.is_empty()
    {
        ui.label(RichText::new(&bank.description).color(colours.weak_text));
    }
    if let BankOrigin::File { path } = &loaded.origin
        && !path.starts_with(shared.data_dir.banks_dir())
        && loaded.bank.is_some()
        && ui.button("复制到我的题库（以后自动加载）").clicked()
    {
        copy = Some(path.clone());
    }
    ui.add_space(8.0);
    let diagnostics = loaded.diagnostics();
    if diagnostics.is_empty() {
        ui.label(RichText::new("✓ 没有发现问题").color(colours.success));
        return copy;
    }
    for diagnostic in diagnostics {
        let (mark, colour) = match diagnostic.severity {
            Severity::Error => ("×", colours.error),
            Severity::Warning => ("⚠", colours.warning),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("{mark} {}", diagnostic.severity.label()))
                    .color(colour)
                    .strong(),
            );
            ui.label(
                RichText::new(format!(
                    "第 {} 行第 {} 列",
                    diagnostic.pos.line, diagnostic.pos.col
                ))
                .strong(),
            );
            if let Some(id) = &diagnostic.question_id {
                ui.label(format!("题目 {id}"));
            }
        });
        ui.label(&diagnostic.message);
        if let Some(note) = &diagnostic.note {
            ui.label(RichText::new(note).color(colours.weak_text));
        }
        ui.separator();
    }
    copy
}

fn copy_into_data_folder(shared: &mut Shared, path: &std::path::Path) {
    let folder = shared.data_dir.banks_dir();
    let Some(name) = path.file_name() else { return };
    let target = folder.join(name);
    if target.exists() {
        shared.notify(
            NoticeKind::Warning,
            format!("我的题库中已有同名文件 {}，未复制", target.display()),
        );
        return;
    }
    let copied = std::fs::create_dir_all(&folder).and_then(|()| std::fs::copy(path, &target));
    match copied {
        Ok(_) => {
            shared.library.remove(&BankOrigin::File {
                path: path.to_path_buf(),
            });
            shared.library.add_file(&target);
            shared.notify(
                NoticeKind::Info,
                format!("已复制到 {}，以后启动会自动加载", target.display()),
            );
        }
        Err(err) => shared.notify(NoticeKind::Error, format!("复制失败：{err}")),
    }
}
