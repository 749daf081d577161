//! Projector presentation: text sizes for a meeting room, a stem that shrinks to fit, the big
//! countdown and the ✓/× verdict. Used by 挑战答题 and 擂台赛 (and later 知识竞赛).

use chrono::TimeDelta;
use egui::{Align, Layout, RichText};

use super::question_view::{self, ViewEvents, ViewStyle};
use super::theme::{self, Palette};
use crate::bank::Question;
use crate::challenge::Outcome;
use crate::practice::Draft;
use crate::practice::answer::Grade;

/// Sizes at 1080 pixels of window height; other heights scale in proportion.
pub mod at_1080 {
    /// Stem.
    pub const STEM: f32 = 48.0;
    /// Options.
    pub const OPTION: f32 = 40.0;
    /// Countdown digits.
    pub const COUNTDOWN: f32 = 120.0;
    /// Names and streaks in the header.
    pub const HEADER: f32 = 36.0;
    /// Explanations and logs.
    pub const BODY: f32 = 26.0;
    /// Smallest a long stem may shrink to.
    pub const STEM_MIN: f32 = 28.0;
}

/// Countdown seconds shown emphasised.
pub const FINAL_SECONDS: i64 = 5;

/// Text sizes for the window's current height.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StageSizes {
    /// Stem (before fitting).
    pub stem: f32,
    /// Options.
    pub option: f32,
    /// Countdown.
    pub countdown: f32,
    /// Header lines.
    pub header: f32,
    /// Body text.
    pub body: f32,
    /// Smallest stem.
    pub stem_min: f32,
}

impl StageSizes {
    /// Sizes for `ui`'s window: the 1080p sizes times window height ÷ 1080 (0.6–2.0).
    pub fn for_window(ui: &egui::Ui) -> StageSizes {
        StageSizes::for_height(ui.ctx().content_rect().height())
    }

    /// Sizes for a stage `height` points high (a window, or a preview of one).
    pub fn for_height(height: f32) -> StageSizes {
        let factor = (height / 1080.0).clamp(0.6, 2.0);
        StageSizes {
            stem: at_1080::STEM * factor,
            option: at_1080::OPTION * factor,
            countdown: at_1080::COUNTDOWN * factor,
            header: at_1080::HEADER * factor,
            body: at_1080::BODY * factor,
            stem_min: at_1080::STEM_MIN * factor,
        }
    }
}

/// The largest size from `start` down to `min` at which `texts`, wrapped to `width`, stack within
/// `max_height` (with `gap` between them).
pub fn fit_size(
    ui: &egui::Ui,
    texts: &[&str],
    start: f32,
    min: f32,
    width: f32,
    max_height: f32,
    gap: f32,
) -> f32 {
    let mut size = start;
    while size > min {
        let height: f32 = texts
            .iter()
            .map(|text| {
                let galley = ui.ctx().fonts_mut(|fonts| {
                    fonts.layout(
                        (*text).to_owned(),
                        egui::FontId::proportional(size),
                        egui::Color32::WHITE,
                        width,
                    )
                });
                galley.size().y + gap
            })
            .sum();
        if height <= max_height {
            return size;
        }
        size -= 2.0;
    }
    min
}

/// The countdown, big; red and larger in the last [`FINAL_SECONDS`]; `暂停` while paused.
pub fn countdown(
    ui: &mut egui::Ui,
    remaining: Option<TimeDelta>,
    paused: bool,
    sizes: &StageSizes,
    colours: &Palette,
) {
    let Some(left) = remaining else {
        ui.label(
            RichText::new("不限时")
                .size(sizes.header)
                .color(colours.weak_text),
        );
        return;
    };
    // Show whole seconds rounded up, so "1" is on screen until the very end.
    let seconds = (left.num_milliseconds() + 999) / 1000;
    let last = seconds <= FINAL_SECONDS;
    let (size, colour) = if last {
        (sizes.countdown * 1.15, colours.error)
    } else {
        (sizes.countdown, colours.accent)
    };
    let text = if paused {
        format!("{seconds} 暂停")
    } else {
        seconds.to_string()
    };
    ui.label(RichText::new(text).size(size).strong().color(colour))
        .on_hover_text("剩余秒数");
}

/// When the countdown next changes: the rest of the current second.
pub fn next_tick(remaining: Option<TimeDelta>) -> Option<std::time::Duration> {
    let left = remaining?;
    let millis = left.num_milliseconds().rem_euclid(1000);
    let millis = if millis == 0 { 1000 } else { millis };
    Some(std::time::Duration::from_millis(
        u64::try_from(millis).unwrap_or(1000),
    ))
}

/// ✓ 回答正确, × 回答错误 or × 超时, by shape and colour.
pub fn verdict(ui: &mut egui::Ui, outcome: Outcome, revived: bool, sizes: &StageSizes, colours: &Palette) {
    let (text, colour) = match outcome {
        Outcome::Correct => ("✓ 回答正确", colours.success),
        Outcome::Wrong => ("× 回答错误", colours.error),
        Outcome::TimedOut => ("× 超时", colours.error),
    };
    ui.horizontal(|ui| {
        ui.label(
            RichText::new(text)
                .size(sizes.header * 1.4)
                .strong()
                .color(colour),
        );
        if revived {
            ui.label(
                RichText::new("使用复活机会，继续挑战")
                    .size(sizes.body)
                    .color(colours.highlight),
            );
        }
    });
}

/// A question on the big screen: stem fitted into about a third of the space, options below.
pub fn question(
    ui: &mut egui::Ui,
    question: &Question,
    draft: &mut Draft,
    grade: Option<&Grade>,
    sizes: &StageSizes,
    colours: &Palette,
) -> ViewEvents {
    let width = ui.available_width();
    let height = ui.available_height();
    let stem_size = fit_size(
        ui,
        &[&question.stem],
        sizes.stem,
        sizes.stem_min,
        width,
        height * 0.35,
        0.0,
    );
    let options = question_view::option_texts(question);
    let option_refs: Vec<&str> = options.iter().map(String::as_str).collect();
    let option_size = fit_size(
        ui,
        &option_refs,
        sizes.option,
        sizes.stem_min * 0.8,
        width - 40.0,
        height * 0.5,
        22.0,
    );
    let style = ViewStyle {
        colours,
        stem_size,
        option_size,
        reveal: grade.is_some(),
    };
    ui.with_layout(Layout::top_down(Align::Min), |ui| {
        question_view::stem(ui, question, None, &style);
        question_view::answer_area(ui, question, draft, grade, &style)
    })
    .inner
}

/// A caption in the theme's small style, for the keys under a projector screen.
pub fn key_help(ui: &mut egui::Ui, text: &str, colours: &Palette) {
    ui.label(
        RichText::new(text)
            .size(theme::size::SMALL)
            .color(colours.weak_text),
    );
}
