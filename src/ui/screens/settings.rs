//! Settings: UI scale for projectors, theme, fullscreen, sound, where data lives, shortcuts.

use egui::RichText;

use super::ScreenAction;
use crate::contest::cues::Cue;
use crate::store::ThemeChoice;
use crate::store::settings::{MAX_SCALE_PERCENT, MIN_SCALE_PERCENT, SCALE_STEP_PERCENT};
use crate::ui::app::Shared;
use crate::ui::command::Command;
use crate::ui::sound::SoundStatus;
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// The settings screen.
#[derive(Default)]
pub struct SettingsScreen {
    /// The scale shown while the slider is dragged; applied on release so that the slider does
    /// not change size under the pointer.
    dragged_scale: Option<u16>,
}

impl SettingsScreen {
    /// Draws the screen. Changes apply at once and are saved.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        screen_heading(ui, "设置", shared.settings.theme);
        ui.add_space(8.0);
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            section(ui, "界面缩放");
            ui.label("会议室投影时放大到 200% 以上，后排也能看清。");
            ui.horizontal(|ui| {
                ui.spacing_mut().slider_width = 320.0;
                let mut percent = self.dragged_scale.unwrap_or(shared.settings.ui_scale_percent);
                let slider = egui::Slider::new(&mut percent, MIN_SCALE_PERCENT..=MAX_SCALE_PERCENT)
                    .step_by(f64::from(SCALE_STEP_PERCENT))
                    .suffix("%")
                    .text("界面缩放");
                let response = ui.add(slider);
                if response.dragged() {
                    self.dragged_scale = Some(percent);
                } else if self.dragged_scale.take().is_some() || response.changed() {
                    shared.settings.set_scale(percent);
                }
                for command in [Command::ZoomOut, Command::ZoomIn, Command::ZoomReset] {
                    let hint = command.shortcut_text();
                    if ui.button(command.label()).on_hover_text(hint).clicked() {
                        shared.requested.push(command);
                    }
                }
            });

            section(ui, "配色");
            ui.horizontal(|ui| {
                for choice in ThemeChoice::ALL {
                    ui.radio_value(&mut shared.settings.theme, choice, choice.label());
                }
            });

            section(ui, "全屏");
            let fullscreen = ui.ctx().input(|i| i.viewport().fullscreen.unwrap_or(false));
            let label = if fullscreen {
                "退出全屏"
            } else {
                "进入全屏"
            };
            if ui.button(label).clicked() {
                shared.requested.push(Command::ToggleFullscreen);
            }

            section(ui, "声音");
            let status = shared.sound.status();
            let built = status != SoundStatus::NotBuilt;
            ui.add_enabled(
                built,
                egui::Checkbox::new(
                    &mut shared.settings.sound,
                    "知识竞赛播放提示音（最后 5 秒倒计时、抢答、答对、答错、时间到、比赛结束）",
                ),
            );
            ui.label(status.describe());
            if built {
                ui.horizontal_wrapped(|ui| {
                    ui.label("试听：");
                    for cue in Cue::ALL {
                        if ui.button(cue.label()).clicked() {
                            shared.sound.play(cue, true);
                        }
                    }
                });
            }

            section(ui, "数据位置");
            ui.label("设置、用户和学习记录保存在：");
            ui.label(RichText::new(shared.data_dir.root().display().to_string()).monospace());
            ui.label("把 .ron 题库文件放进下面的文件夹，每次启动都会自动加载：");
            ui.label(RichText::new(shared.data_dir.banks_dir().display().to_string()).monospace());

            section(ui, "快捷键");
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in Command::ALL {
                    ui.label(command.label());
                    ui.label(RichText::new(command.shortcut_text()).monospace());
                    ui.end_row();
                }
            });
        });
        None
    }
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(theme::space::SECTION / 2.0);
    ui.label(RichText::new(title).strong().size(theme::size::BODY + 3.0));
}
