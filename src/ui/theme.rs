//! Every colour and text size of the app: the design tokens of the three themes.

use egui::{Color32, CornerRadius, FontFamily, FontId, Stroke, TextStyle, Visuals};

use crate::store::ThemeChoice;

/// 党建红, the Party's red.
pub const PARTY_RED: Color32 = Color32::from_rgb(0xC8, 0x10, 0x2E);
/// A darker red for pressed states and text on light paper.
pub const PARTY_RED_DARK: Color32 = Color32::from_rgb(0x9E, 0x0B, 0x22);
/// Gold accent.
pub const GOLD: Color32 = Color32::from_rgb(0xE8, 0xB0, 0x2A);
/// Warm paper background of the 党建红 theme.
pub const PAPER: Color32 = Color32::from_rgb(0xFF, 0xF8, 0xEE);
/// Success (correct answers, healthy banks); always paired with ✓.
pub const OK_GREEN: Color32 = Color32::from_rgb(0x1E, 0x7B, 0x34);
/// Warning (suspect content); always paired with a ! mark.
pub const WARN_AMBER: Color32 = Color32::from_rgb(0xB2, 0x6A, 0x00);

/// Text sizes in points, before the UI scale.
pub mod size {
    /// Body text.
    pub const BODY: f32 = 17.0;
    /// Buttons.
    pub const BUTTON: f32 = 17.0;
    /// Small print.
    pub const SMALL: f32 = 14.0;
    /// Screen headings.
    pub const HEADING: f32 = 28.0;
    /// Monospace (paths, diagnostics).
    pub const MONO: f32 = 15.0;
    /// The app's title on the home screen.
    pub const TITLE: f32 = 40.0;
    /// Home-screen entry names.
    pub const ENTRY: f32 = 30.0;
    /// A question's stem when answering at a desk.
    pub const STEM: f32 = 22.0;
    /// Options and blanks when answering at a desk.
    pub const OPTION: f32 = 19.0;
    /// The ✓/× verdict after answering.
    pub const VERDICT: f32 = 26.0;
    /// Big figures: scores, counts on statistics cards.
    pub const FIGURE: f32 = 34.0;
}

/// Spacing in points.
pub mod space {
    /// Between sections of a screen.
    pub const SECTION: f32 = 24.0;
    /// Inner margin of cards.
    pub const CARD_MARGIN: i8 = 16;
    /// Border width of cards.
    pub const CARD_STROKE: f32 = 1.0;
    /// Gap between home-screen cards.
    pub const CARD_GAP: f32 = 16.0;
}

/// Colours a screen needs beyond egui's visuals.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Headings and primary accents (as text).
    pub accent: Color32,
    /// Fill of primary buttons, under [`Palette::on_accent`] text.
    pub accent_fill: Color32,
    /// Secondary accent (gold).
    pub highlight: Color32,
    /// Card background.
    pub card: Color32,
    /// Text on the accent colour.
    pub on_accent: Color32,
    /// Errors.
    pub error: Color32,
    /// Warnings.
    pub warning: Color32,
    /// Success.
    pub success: Color32,
    /// Secondary text.
    pub weak_text: Color32,
}

/// The palette of a theme.
pub fn palette(theme: ThemeChoice) -> Palette {
    match theme {
        ThemeChoice::PartyRed => Palette {
            accent: PARTY_RED,
            accent_fill: PARTY_RED,
            highlight: GOLD,
            card: Color32::WHITE,
            on_accent: Color32::WHITE,
            error: PARTY_RED_DARK,
            warning: WARN_AMBER,
            success: OK_GREEN,
            weak_text: Color32::from_gray(90),
        },
        ThemeChoice::Light => Palette {
            accent: PARTY_RED_DARK,
            accent_fill: PARTY_RED_DARK,
            highlight: Color32::from_rgb(0xA6, 0x7C, 0x00),
            card: Color32::from_gray(248),
            on_accent: Color32::WHITE,
            error: PARTY_RED_DARK,
            warning: WARN_AMBER,
            success: OK_GREEN,
            weak_text: Color32::from_gray(80),
        },
        ThemeChoice::Dark => Palette {
            accent: Color32::from_rgb(0xFF, 0x5A, 0x5F),
            accent_fill: PARTY_RED,
            highlight: GOLD,
            card: Color32::from_gray(38),
            on_accent: Color32::WHITE,
            error: Color32::from_rgb(0xFF, 0x6B, 0x6B),
            warning: Color32::from_rgb(0xFF, 0xC1, 0x4D),
            success: Color32::from_rgb(0x6B, 0xD3, 0x7E),
            weak_text: Color32::from_gray(185),
        },
    }
}

fn visuals(theme: ThemeChoice) -> Visuals {
    let colours = palette(theme);
    let mut visuals = match theme {
        ThemeChoice::Dark => Visuals::dark(),
        ThemeChoice::PartyRed | ThemeChoice::Light => Visuals::light(),
    };
    if theme == ThemeChoice::PartyRed {
        visuals.panel_fill = PAPER;
        visuals.window_fill = PAPER;
        visuals.extreme_bg_color = Color32::WHITE;
        visuals.faint_bg_color = Color32::from_rgb(0xFB, 0xEF, 0xE0);
    }
    visuals.selection.bg_fill = colours.accent_fill;
    visuals.selection.stroke = Stroke::new(1.5, colours.on_accent);
    visuals.hyperlink_color = colours.accent;
    visuals.widgets.hovered.bg_stroke = Stroke::new(1.5, colours.highlight);
    visuals.widgets.active.bg_stroke = Stroke::new(2.0, colours.accent);
    let radius = CornerRadius::same(6);
    visuals.widgets.inactive.corner_radius = radius;
    visuals.widgets.hovered.corner_radius = radius;
    visuals.widgets.active.corner_radius = radius;
    visuals
}

/// Applies a theme: visuals, text sizes and spacing.
pub fn apply(ctx: &egui::Context, theme: ThemeChoice) {
    let visuals = visuals(theme);
    let egui_theme = match theme {
        ThemeChoice::Dark => egui::Theme::Dark,
        ThemeChoice::PartyRed | ThemeChoice::Light => egui::Theme::Light,
    };
    ctx.set_theme(egui_theme);
    ctx.style_mut_of(egui_theme, |style| {
        style.visuals = visuals;
        style.text_styles = [
            (TextStyle::Body, FontId::new(size::BODY, FontFamily::Proportional)),
            (
                TextStyle::Button,
                FontId::new(size::BUTTON, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(size::SMALL, FontFamily::Proportional),
            ),
            (
                TextStyle::Heading,
                FontId::new(size::HEADING, FontFamily::Proportional),
            ),
            (
                TextStyle::Monospace,
                FontId::new(size::MONO, FontFamily::Monospace),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(10.0, 8.0);
        style.spacing.button_padding = egui::vec2(12.0, 6.0);
        style.spacing.interact_size.y = 30.0;
    });
}

/// Colours and sizes of the 再走长征路 route map.
pub mod map {
    use egui::Color32;

    /// Rivers: a wavy blue line.
    pub const RIVER: Color32 = Color32::from_rgb(0x2B, 0x7B, 0xC0);
    /// Mountains: brown peaks.
    pub const MOUNTAIN: Color32 = Color32::from_rgb(0x8A, 0x6A, 0x3C);
    /// The marshland of the 草地.
    pub const GRASS: Color32 = Color32::from_rgb(0x4C, 0x8C, 0x3A);
    /// The route still ahead.
    pub const ROUTE_AHEAD: Color32 = Color32::from_gray(150);
    /// Stops not reached yet.
    pub const LOCKED: Color32 = Color32::from_gray(160);
    /// Width of the route line, in map points.
    pub const ROUTE_WIDTH: f32 = 5.0;
    /// Radius of a stop marker.
    pub const STOP_RADIUS: f32 = 9.0;
    /// Radius of a member's or team's position marker.
    pub const MARKER_RADIUS: f32 = 11.0;
    /// Colours that tell teams apart on the map, in team order (repeated beyond ten).
    pub const TEAM_COLOURS: [Color32; 10] = [
        Color32::from_rgb(0xC8, 0x10, 0x2E),
        Color32::from_rgb(0x1F, 0x5F, 0xBF),
        Color32::from_rgb(0x1E, 0x7B, 0x34),
        Color32::from_rgb(0xD9, 0x7A, 0x00),
        Color32::from_rgb(0x7B, 0x3F, 0xA8),
        Color32::from_rgb(0x00, 0x86, 0x8B),
        Color32::from_rgb(0x8B, 0x4A, 0x1C),
        Color32::from_rgb(0xC2, 0x18, 0x7A),
        Color32::from_rgb(0x4A, 0x55, 0x68),
        Color32::from_rgb(0x6B, 0x8E, 0x00),
    ];

    /// The colour of the team at `index`.
    pub fn team_colour(index: usize) -> Color32 {
        TEAM_COLOURS[index % TEAM_COLOURS.len()]
    }
}
