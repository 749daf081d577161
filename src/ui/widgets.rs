//! Pieces shared by screens: top bar, status bar, notices, drop overlay, entry cards, bank rows.

use egui::{Align, Align2, Color32, CornerRadius, FontId, Frame, Layout, Margin, RichText, Stroke};

use super::app::{Notice, NoticeKind, Shared};
use super::command::Command;
use super::screens::{BanksScreen, ProfilesScreen, Screen, ScreenAction, SettingsScreen};
use super::theme::{self, Palette};
use crate::bank::{BankHealth, Era, KindTag, Library, LoadedBank};
use crate::practice::Filter;
use crate::store::ThemeChoice;

/// The bar across the top: app name, back/home, profile picker, fullscreen, settings.
pub fn top_bar(ui: &mut egui::Ui, shared: &mut Shared, at_home: bool) -> Option<ScreenAction> {
    let colours = theme::palette(shared.settings.theme);
    let mut action = None;
    ui.horizontal(|ui| {
        ui.add_space(4.0);
        ui.label(
            RichText::new(super::WINDOW_TITLE)
                .strong()
                .size(theme::size::BODY + 3.0)
                .color(colours.accent),
        );
        if !at_home {
            ui.separator();
            if ui
                .button("← 返回")
                .on_hover_text(Command::Back.shortcut_text())
                .clicked()
            {
                action = Some(ScreenAction::Back);
            }
            if ui.button("首页").clicked() {
                action = Some(ScreenAction::Home);
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui.button("设置").clicked() {
                action = Some(ScreenAction::open(Screen::Settings(SettingsScreen::default())));
            }
            let fullscreen = ui.ctx().input(|i| i.viewport().fullscreen.unwrap_or(false));
            let label = if fullscreen { "退出全屏" } else { "全屏" };
            if ui
                .button(label)
                .on_hover_text(Command::ToggleFullscreen.shortcut_text())
                .clicked()
            {
                shared.requested.push(Command::ToggleFullscreen);
            }
            // Right to left: the picker first, so its label lands on its left.
            if let Some(a) = profile_picker(ui, shared) {
                action = Some(a);
            }
        });
    });
    action
}

fn profile_picker(ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
    let mut action = None;
    let current = shared
        .settings
        .current()
        .map_or_else(|| "未选择".to_owned(), |p| p.name.clone());
    let mut selected = shared.settings.current_profile;
    let picker = egui::ComboBox::from_id_salt("profile_picker")
        .selected_text(current)
        .show_ui(ui, |ui| {
            for profile in &shared.settings.profiles {
                ui.selectable_value(&mut selected, Some(profile.id), &profile.name);
            }
            if !shared.settings.profiles.is_empty() {
                ui.separator();
            }
            if ui.button("管理用户…").clicked() {
                action = Some(ScreenAction::open(Screen::Profiles(ProfilesScreen::default())));
            }
        });
    let label = ui.label("当前用户");
    picker.response.labelled_by(label.id);
    if selected != shared.settings.current_profile
        && let Some(id) = selected
    {
        // The id comes from the list just shown, so it exists.
        let _ = shared.settings.select_profile(id);
    }
    action
}

/// The bar across the bottom: bank summary (click for details) and the zoom level.
pub fn status_bar(ui: &mut egui::Ui, shared: &Shared) -> Option<ScreenAction> {
    let colours = theme::palette(shared.settings.theme);
    let library = &shared.library;
    let summary = library.summary();
    let troubled = library
        .banks()
        .iter()
        .filter(|b| b.health() != BankHealth::Ok)
        .count();
    let mut action = None;
    ui.horizontal(|ui| {
        let text = format!("题库 {} 个 · 可用题目 {} 道", summary.banks, summary.questions);
        if ui.link(text).on_hover_text("查看题库详情").clicked() {
            action = Some(ScreenAction::open(Screen::Banks(BanksScreen::default())));
        }
        if troubled > 0 {
            let warning = RichText::new(format!("⚠ {troubled} 个题库有错误")).color(colours.error);
            if ui.link(warning).clicked() {
                action = Some(ScreenAction::open(Screen::Banks(BanksScreen::first_troubled(
                    library,
                ))));
            }
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            ui.label(format!("缩放 {}%", shared.settings.ui_scale_percent));
        });
    });
    action
}

/// Dismissible messages at the top of the central area.
pub fn notices(ui: &mut egui::Ui, notices: &mut Vec<Notice>) {
    let mut dismissed = None;
    for (index, notice) in notices.iter().enumerate() {
        let (fill, mark) = match notice.kind {
            NoticeKind::Info => (Color32::from_rgb(0xE6, 0xF4, 0xEA), "✓"),
            NoticeKind::Warning => (Color32::from_rgb(0xFF, 0xF3, 0xD6), "⚠"),
            NoticeKind::Error => (Color32::from_rgb(0xFD, 0xE2, 0xE2), "×"),
        };
        Frame::new()
            .fill(fill)
            .corner_radius(CornerRadius::same(6))
            .inner_margin(Margin::symmetric(12, 8))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{mark} {}", notice.text)).color(Color32::from_gray(20)));
                    ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                        if ui.button("知道了").clicked() {
                            dismissed = Some(index);
                        }
                    });
                });
            });
        ui.add_space(4.0);
    }
    if let Some(index) = dismissed {
        notices.remove(index);
    }
}

/// While files hover over the window, `text` says what dropping them will do.
pub fn drop_overlay(ctx: &egui::Context, text: &str) {
    let hovering = ctx.input(|i| i.raw.hovered_files.len());
    if hovering == 0 {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_overlay"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, Color32::from_black_alpha(170));
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(theme::size::HEADING),
        Color32::WHITE,
    );
}

/// A home-screen entry: a big accent button with its name and a line saying what it holds.
pub fn entry_card(ui: &mut egui::Ui, colours: &Palette, name: &str, description: &str, width: f32) -> bool {
    let mut clicked = false;
    Frame::new()
        .fill(colours.card)
        .stroke(Stroke::new(theme::space::CARD_STROKE, colours.highlight))
        .corner_radius(CornerRadius::same(10))
        .inner_margin(Margin::same(theme::space::CARD_MARGIN))
        .show(ui, |ui| {
            let inner = width - 2.0 * (f32::from(theme::space::CARD_MARGIN) + theme::space::CARD_STROKE);
            ui.set_width(inner);
            // Room for two lines of description, so cards in a row line up.
            let description_height = 2.0 * ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            ui.set_min_height(64.0 + ui.spacing().item_spacing.y + 4.0 + description_height);
            ui.vertical_centered(|ui| {
                let button = egui::Button::new(
                    RichText::new(name)
                        .size(theme::size::ENTRY)
                        .strong()
                        .color(colours.on_accent),
                )
                .fill(colours.accent_fill)
                .min_size(egui::vec2(inner, 64.0));
                clicked = ui.add(button).clicked();
                ui.add_space(4.0);
                ui.add(egui::Label::new(RichText::new(description).color(colours.weak_text)).wrap());
            });
        });
    clicked
}

/// Mark and colour for a bank's health; the mark never relies on colour alone.
pub fn health_mark(health: BankHealth, colours: &Palette) -> RichText {
    match health {
        BankHealth::Ok => RichText::new("✓").color(colours.success),
        BankHealth::PartlyBroken => RichText::new("⚠").color(colours.warning),
        BankHealth::Failed => RichText::new("×").color(colours.error),
    }
}

/// One line about a bank: mark, title, question count, state. Returns the row's response.
pub fn bank_row(ui: &mut egui::Ui, loaded: &LoadedBank, colours: &Palette, selected: bool) -> egui::Response {
    let usable = loaded.usable_questions().count();
    let health = loaded.health();
    let text = match health {
        BankHealth::Failed => format!("{}  {}", loaded.title(), health.label()),
        _ => format!("{}  {usable} 题  {}", loaded.title(), health.label()),
    };
    ui.horizontal(|ui| {
        ui.label(health_mark(health, colours).size(theme::size::BODY + 3.0));
        ui.add(egui::Button::selectable(selected, text))
    })
    .inner
}

/// A heading in the accent colour, for the top of a screen.
pub fn screen_heading(ui: &mut egui::Ui, text: &str, theme_choice: ThemeChoice) {
    ui.label(
        RichText::new(text)
            .size(theme::size::HEADING)
            .strong()
            .color(theme::palette(theme_choice).accent),
    );
}

/// Check boxes for the banks, eras and kinds a filter chooses (none ticked: all).
pub fn filter_checkboxes(ui: &mut egui::Ui, filter: &mut Filter, library: &Library) {
    ui.horizontal_wrapped(|ui| {
        ui.label("题库：");
        for loaded in library.banks() {
            let Some(bank) = &loaded.bank else { continue };
            let mut on = filter.banks.contains(&bank.id);
            if ui.checkbox(&mut on, loaded.title()).changed() {
                toggle(&mut filter.banks, bank.id.clone(), on);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("时期：");
        for era in Era::ALL {
            let mut on = filter.eras.contains(&era);
            if ui.checkbox(&mut on, era.label()).changed() {
                toggle(&mut filter.eras, era, on);
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label("题型：");
        for kind in KindTag::ALL {
            let mut on = filter.kinds.contains(&kind);
            if ui.checkbox(&mut on, kind.label()).changed() {
                toggle(&mut filter.kinds, kind, on);
            }
        }
    });
}

fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, item: T, on: bool) {
    if on {
        set.insert(item);
    } else {
        set.remove(&item);
    }
}

/// A decoded picture as a texture named `name`; `None` if its size does not fit in `usize`.
pub fn image_texture(
    ctx: &egui::Context,
    name: String,
    image: &crate::bank::image::DecodedImage,
) -> Option<egui::TextureHandle> {
    let size = [
        usize::try_from(image.width).ok()?,
        usize::try_from(image.height).ok()?,
    ];
    let colour = egui::ColorImage::from_rgba_unmultiplied(size, &image.rgba);
    Some(ctx.load_texture(name, colour, Default::default()))
}
