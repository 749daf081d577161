//! The bundled CJK font, so Chinese renders on a PC without any Chinese font installed.

use egui::{FontData, FontFamily, FontInsert, FontPriority, InsertFontFamily};

/// Noto Sans CJK SC, subset to GB 2312 + Big5 level 1 + punctuation (see `assets/fonts/OFL.txt`).
pub static CJK_FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSansSC-Subset.otf");

/// Name of the bundled font in egui's font tables.
pub const CJK_FONT_NAME: &str = "noto-sans-sc-subset";

/// Installs the bundled CJK font as a fallback after egui's Latin fonts, for proportional and
/// monospace text. Characters it lacks still go to the system-font fallback eframe adds.
pub fn install_cjk_font(ctx: &egui::Context) {
    ctx.add_font(FontInsert::new(
        CJK_FONT_NAME,
        FontData::from_static(CJK_FONT),
        vec![
            InsertFontFamily {
                family: FontFamily::Proportional,
                priority: FontPriority::Lowest,
            },
            InsertFontFamily {
                family: FontFamily::Monospace,
                priority: FontPriority::Lowest,
            },
        ],
    ));
}
