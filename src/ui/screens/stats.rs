//! 学习统计: totals, accuracy by era and kind as bars, the year's heatmap, points, streaks and the
//! most-missed questions.

use chrono::Datelike;
use egui::{Color32, CornerRadius, Rect, RichText, Sense, Stroke, vec2};

use super::ScreenAction;
use crate::practice::Stats;
use crate::practice::stats::Tally;
use crate::ui::app::Shared;
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// The statistics screen.
#[derive(Default)]
pub struct StatsScreen;

impl StatsScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        screen_heading(ui, "学习统计", shared.settings.theme);
        let Some(record) = shared.record() else {
            ui.label("请先选择用户。");
            return None;
        };
        let stats = Stats::compute(record, &shared.library, shared.now());
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            let accuracy = stats
                .total
                .accuracy()
                .map_or("—".to_owned(), |a| format!("{:.0}%", a * 100.0));
            let exams = match (stats.best_exam, stats.last_exam) {
                (Some(best), Some(last)) => format!("{} 次 · 最高 {best:.0} · 最近 {last:.0}", stats.exams),
                _ => "还没有".to_owned(),
            };
            let figures = [
                ("累计答题", stats.total.answered.to_string()),
                ("正确率", accuracy),
                ("做过的题", format!("{} / {}", stats.questions_seen, stats.questions_available)),
                ("学习积分", stats.points_total.to_string()),
                ("今日积分", stats.points_today.to_string()),
                ("连续学习", format!("{} 天", stats.study_streak)),
                ("最长连续", format!("{} 天", stats.longest_streak)),
                ("每日答题连续", format!("{} 天", stats.daily_streak)),
                ("错题本", format!("{} 题", stats.wrong_book)),
                ("收藏", format!("{} 题", stats.favourites)),
                ("今日待复习", format!("{} 题", stats.due_today)),
                ("模拟考试", exams),
            ];
            figure_grid(ui, &colours, &figures);
            ui.add_space(theme::space::SECTION);

            ui.label(RichText::new("近一年答题").strong().size(theme::size::BODY + 2.0));
            heatmap(ui, &stats, &colours);
            ui.add_space(theme::space::SECTION);

            ui.columns(2, |columns| {
                columns[0].label(RichText::new("各时期正确率").strong().size(theme::size::BODY + 2.0));
                for (era, tally) in &stats.by_era {
                    bar(&mut columns[0], era.label(), tally, &colours);
                }
                columns[1].label(RichText::new("各题型正确率").strong().size(theme::size::BODY + 2.0));
                for (kind, tally) in &stats.by_kind {
                    bar(&mut columns[1], kind.label(), tally, &colours);
                }
            });
            ui.add_space(theme::space::SECTION);

            ui.label(RichText::new("最常答错的题").strong().size(theme::size::BODY + 2.0));
            if stats.most_missed.is_empty() {
                ui.label(RichText::new("还没有答错过的题。").color(colours.weak_text));
            }
            for (rank, missed) in stats.most_missed.iter().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format!("{}.", rank + 1)).strong());
                    ui.label(
                        RichText::new(format!("错 {} / 答 {}", missed.wrong, missed.answered)).color(colours.error),
                    );
                    ui.add(egui::Label::new(&missed.stem).truncate());
                });
            }
            ui.add_space(theme::space::SECTION);
            ui.label(
                RichText::new(
                    "积分规则：练习每答对 1 题 +1 分（每天最多 20 分）；每日答题每答对 1 题 +1 分，5 题全部完成再 +2 分；\
                     模拟考试每天第一次交卷时，及格 +5 分，满分再 +5 分。",
                )
                .size(theme::size::SMALL)
                .color(colours.weak_text),
            );
        });
        None
    }
}

/// Labelled big numbers in rows of equal cards (six a row on a wide window).
fn figure_grid(ui: &mut egui::Ui, colours: &theme::Palette, figures: &[(&str, String)]) {
    let gap = theme::space::CARD_GAP;
    let available = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
    let columns = ((available + gap) / (190.0 + gap)).floor().clamp(2.0, 6.0) as usize;
    let width = (available - gap * (columns as f32 - 1.0)) / columns as f32;
    for row in figures.chunks(columns) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = gap;
            for (label, value) in row {
                figure(ui, colours, label, value, width);
            }
        });
        ui.add_space(gap / 2.0);
    }
}

/// A labelled big number.
fn figure(ui: &mut egui::Ui, colours: &theme::Palette, label: &str, value: &str, width: f32) {
    egui::Frame::new()
        .fill(colours.card)
        .stroke(Stroke::new(theme::space::CARD_STROKE, colours.highlight))
        .corner_radius(8)
        .inner_margin(12)
        .show(ui, |ui| {
            ui.set_width(width - 24.0 - 2.0 * theme::space::CARD_STROKE);
            ui.vertical(|ui| {
                ui.label(RichText::new(label).color(colours.weak_text));
                ui.label(
                    RichText::new(value)
                        .size(theme::size::FIGURE * 0.75)
                        .strong()
                        .color(colours.accent),
                );
            });
        });
}

/// One horizontal bar: label, accuracy bar, percentage and count.
fn bar(ui: &mut egui::Ui, label: &str, tally: &Tally, colours: &theme::Palette) {
    let label_width = 150.0;
    let text_width = 150.0;
    let spacing = ui.spacing().item_spacing.x;
    let width = (ui.available_width() - label_width - text_width - 2.0 * spacing).max(60.0);
    ui.horizontal(|ui| {
        ui.add_sized([label_width, 22.0], egui::Label::new(label).truncate());
        let (rect, _) = ui.allocate_exact_size(vec2(width, 18.0), Sense::hover());
        let track = ui.visuals().extreme_bg_color;
        ui.painter().rect_filled(rect, CornerRadius::same(4), track);
        let text = match tally.accuracy() {
            Some(accuracy) => {
                let filled = Rect::from_min_size(rect.min, vec2(rect.width() * accuracy, rect.height()));
                ui.painter()
                    .rect_filled(filled, CornerRadius::same(4), colours.accent_fill);
                RichText::new(format!("{:.0}%（{} 题次）", accuracy * 100.0, tally.answered))
            }
            None => RichText::new("未答").color(colours.weak_text),
        };
        ui.add_sized([text_width, 22.0], egui::Label::new(text).truncate());
    });
}

/// The last 365 days as a grid of weeks (columns) by weekdays (rows), darker for more answers.
fn heatmap(ui: &mut egui::Ui, stats: &Stats, colours: &theme::Palette) {
    let Some((first_day, _)) = stats.heatmap.first() else {
        return;
    };
    let cell = 13.0;
    let gap = 3.0;
    let leading = first_day.weekday().num_days_from_monday() as usize;
    let weeks = (leading + stats.heatmap.len()).div_ceil(7);
    let label_width = 28.0;
    let size = vec2(
        label_width + weeks as f32 * (cell + gap),
        18.0 + 7.0 * (cell + gap),
    );
    let (rect, response) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect);
    let busiest = stats.heatmap.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let empty = ui.visuals().extreme_bg_color;
    let text_colour = colours.weak_text;
    let font = egui::FontId::proportional(theme::size::SMALL - 2.0);
    for (row, name) in [(0, "一"), (2, "三"), (4, "五")] {
        let y = rect.top() + 18.0 + row as f32 * (cell + gap) + cell / 2.0;
        painter.text(
            egui::pos2(rect.left(), y),
            egui::Align2::LEFT_CENTER,
            name,
            font.clone(),
            text_colour,
        );
    }
    let mut hovered = None;
    let mut last_month = 0;
    let mut last_label_x = f32::NEG_INFINITY;
    for (offset, (day, count)) in stats.heatmap.iter().enumerate() {
        let slot = leading + offset;
        let (week, weekday) = (slot / 7, slot % 7);
        let min = egui::pos2(
            rect.left() + label_width + week as f32 * (cell + gap),
            rect.top() + 18.0 + weekday as f32 * (cell + gap),
        );
        let square = Rect::from_min_size(min, vec2(cell, cell));
        let fill = if *count == 0 {
            empty
        } else {
            let strength = 0.3 + 0.7 * (*count as f32 / busiest as f32);
            Color32::from_rgb(
                lerp(255, colours.accent_fill.r(), strength),
                lerp(235, colours.accent_fill.g(), strength),
                lerp(235, colours.accent_fill.b(), strength),
            )
        };
        painter.rect_filled(square, CornerRadius::same(2), fill);
        if day.month() != last_month && weekday == 0 {
            last_month = day.month();
            // The first, partial month may sit too close to the next one's label.
            if min.x - last_label_x >= 3.0 * (cell + gap) {
                last_label_x = min.x;
                painter.text(
                    egui::pos2(min.x, rect.top()),
                    egui::Align2::LEFT_TOP,
                    format!("{}月", day.month()),
                    font.clone(),
                    text_colour,
                );
            }
        }
        if response.hover_pos().is_some_and(|p| square.contains(p)) {
            hovered = Some((day, count));
        }
    }
    if let Some((day, count)) = hovered {
        response.on_hover_text(format!("{}：答题 {count} 道", day.format("%Y年%-m月%-d日")));
    }
}

fn lerp(from: u8, to: u8, t: f32) -> u8 {
    (f32::from(from) + (f32::from(to) - f32::from(from)) * t).round() as u8
}
