//! The screen of an entry that is not built yet: says so plainly, lists what is coming, links back.

use egui::RichText;

use super::{BanksScreen, Feature, Screen, ScreenAction};
use crate::ui::app::Shared;
use crate::ui::command::Command;
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// An entry whose screens are still being built.
pub struct PendingScreen {
    /// Which entry.
    pub feature: Feature,
}

impl PendingScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let mut action = None;
        screen_heading(ui, self.feature.name(), shared.settings.theme);
        ui.add_space(8.0);
        ui.label(
            RichText::new("此功能正在建设中，当前版本还不能使用。")
                .strong()
                .color(colours.warning),
        );
        ui.add_space(8.0);
        ui.label("建成后将提供：");
        for item in self.feature.planned() {
            ui.label(format!("  • {item}"));
        }
        ui.add_space(theme::space::SECTION);
        ui.horizontal(|ui| {
            if ui.button("返回首页").clicked() {
                action = Some(ScreenAction::Home);
            }
            if self.feature == Feature::BankAdmin {
                if ui.button("查看已加载的题库").clicked() {
                    action = Some(ScreenAction::open(Screen::Banks(BanksScreen::default())));
                }
                if ui.button("打开题库文件…").clicked() {
                    shared.requested.push(Command::OpenBankFile);
                }
            }
        });
        action
    }
}
