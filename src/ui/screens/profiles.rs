//! Who uses this PC: pick, add, rename and remove profiles.

use egui::RichText;

use super::ScreenAction;
use crate::ui::app::Shared;
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// The profiles screen and its forms.
#[derive(Default)]
pub struct ProfilesScreen {
    new_name: String,
    renaming: Option<(u32, String)>,
    confirm_remove: Option<u32>,
    error: Option<String>,
}

impl ProfilesScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        screen_heading(ui, "用户", shared.settings.theme);
        ui.label("几个人共用一台电脑时，每人建一个用户，学习记录各自保存。");
        ui.add_space(12.0);

        ui.horizontal(|ui| {
            let label = ui.label("新用户姓名");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.new_name)
                    .hint_text("例如：张三")
                    .desired_width(220.0),
            );
            let field = field.labelled_by(label.id);
            let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("添加用户").clicked() || submitted {
                match shared.settings.add_profile(&self.new_name) {
                    Ok(_) => {
                        self.new_name.clear();
                        self.error = None;
                    }
                    Err(err) => self.error = Some(err.to_string()),
                }
            }
        });
        if let Some(error) = &self.error {
            ui.label(RichText::new(format!("× {error}")).color(colours.error));
        }
        ui.add_space(12.0);

        if shared.settings.profiles.is_empty() {
            ui.label(RichText::new("还没有用户。").color(colours.weak_text));
            return None;
        }
        let profiles = shared.settings.profiles.clone();
        egui::Grid::new("profiles")
            .striped(true)
            .spacing([16.0, 8.0])
            .show(ui, |ui| {
                for profile in &profiles {
                    let current = shared.settings.current_profile == Some(profile.id);
                    match &mut self.renaming {
                        Some((id, name)) if *id == profile.id => {
                            let field = ui.add(egui::TextEdit::singleline(name).desired_width(180.0));
                            let field = field.on_hover_text("新姓名");
                            field.request_focus();
                            let submitted =
                                field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                            if ui.button("保存").clicked() || submitted {
                                let new_name = name.clone();
                                match shared.settings.rename_profile(profile.id, &new_name) {
                                    Ok(()) => {
                                        self.renaming = None;
                                        self.error = None;
                                    }
                                    Err(err) => self.error = Some(err.to_string()),
                                }
                            }
                            if ui.button("取消").clicked() {
                                self.renaming = None;
                            }
                        }
                        _ => {
                            let mut chosen = current;
                            if ui.radio_value(&mut chosen, true, &profile.name).clicked() {
                                // The profile is in the list just drawn.
                                let _ = shared.settings.select_profile(profile.id);
                            }
                            if current {
                                ui.label(RichText::new("✓ 正在使用").color(colours.success));
                            } else {
                                ui.label("");
                            }
                            if ui.button(format!("改名：{}", profile.name)).clicked() {
                                self.renaming = Some((profile.id, profile.name.clone()));
                            }
                        }
                    }
                    if self.confirm_remove == Some(profile.id) {
                        ui.horizontal(|ui| {
                            ui.label(RichText::new("确定删除？学习记录将一并删除").color(colours.error));
                            if ui.button(format!("确定删除 {}", profile.name)).clicked() {
                                // The profile is in the list just drawn.
                                let _ = shared.settings.remove_profile(profile.id);
                                let folder = shared.data_dir.profile_dir(profile.id);
                                if folder.exists()
                                    && let Err(err) = std::fs::remove_dir_all(&folder)
                                {
                                    self.error =
                                        Some(format!("学习记录 {} 未能删除：{err}", folder.display()));
                                }
                                self.confirm_remove = None;
                            }
                            if ui.button("不删除").clicked() {
                                self.confirm_remove = None;
                            }
                        });
                    } else if ui.button(format!("删除：{}", profile.name)).clicked() {
                        self.confirm_remove = Some(profile.id);
                    }
                    ui.end_row();
                }
            });
        None
    }
}
