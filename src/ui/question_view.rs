//! A question on screen: stem, options, blanks or 排序 rows, the answer being drafted, and after
//! judging the ✓/× marks. Shared by practice and exams; contests reuse it.

use egui::{Align, Color32, Layout, RichText, Stroke};

use super::theme::{self, Palette};
use crate::bank::{Question, QuestionKind};
use crate::practice::answer::{Draft, Grade, judge_label, letter};

/// What the user did to the question this frame.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ViewEvents {
    /// An option was clicked (单选/判断 may submit at once).
    pub chose: bool,
    /// Enter was pressed in a blank: submit.
    pub submit: bool,
    /// The draft changed.
    pub changed: bool,
}

/// How the question is shown.
#[derive(Clone, Copy)]
pub struct ViewStyle<'a> {
    /// Colours.
    pub colours: &'a Palette,
    /// Text size of the stem.
    pub stem_size: f32,
    /// Text size of options.
    pub option_size: f32,
    /// Show the right answers (after judging, or in exam review).
    pub reveal: bool,
}

impl ViewStyle<'_> {
    /// Sizes for answering at a desk.
    pub fn desk(colours: &Palette, reveal: bool) -> ViewStyle<'_> {
        ViewStyle {
            colours,
            stem_size: theme::size::STEM,
            option_size: theme::size::OPTION,
            reveal,
        }
    }
}

/// Largest height of a question's picture, in points.
const IMAGE_MAX_HEIGHT: f32 = 260.0;

/// Draws the stem line: kind, era, difficulty, then the stem and the question's picture, if any.
pub fn stem(ui: &mut egui::Ui, question: &Question, image: Option<&egui::TextureHandle>, style: &ViewStyle) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(question.kind.tag().label())
                .color(style.colours.on_accent)
                .background_color(style.colours.accent_fill)
                .strong(),
        );
        ui.label(RichText::new(question.era.label()).color(style.colours.weak_text));
        ui.label(
            RichText::new(format!(
                "难度 {}",
                "★".repeat(usize::from(question.difficulty.clamp(1, 5)))
            ))
            .color(style.colours.highlight),
        );
    });
    ui.add_space(6.0);
    ui.add(egui::Label::new(RichText::new(&question.stem).size(style.stem_size)).wrap());
    match (image, &question.image) {
        (Some(texture), _) => {
            ui.add_space(6.0);
            ui.add(
                egui::Image::new(texture)
                    .max_height(IMAGE_MAX_HEIGHT)
                    .max_width(ui.available_width())
                    .alt_text("题目配图"),
            );
        }
        (None, Some(path)) => {
            ui.label(RichText::new(format!("（配图 {path} 无法显示）")).color(style.colours.warning));
        }
        (None, None) => {}
    }
    ui.add_space(10.0);
}

/// Draws the answer area for `draft`; interactive until `grade` is given.
pub fn answer_area(
    ui: &mut egui::Ui,
    question: &Question,
    draft: &mut Draft,
    grade: Option<&Grade>,
    style: &ViewStyle,
) -> ViewEvents {
    let mut events = ViewEvents::default();
    let locked = grade.is_some();
    match (&question.kind, &mut *draft) {
        (QuestionKind::Single { options, answer }, Draft::Single(chosen)) => {
            for (index, text) in options.iter().enumerate() {
                let picked = *chosen == Some(index);
                let mark = mark_for(style.reveal, index == *answer, picked);
                if option_button(ui, index, text, picked, mark, locked, style) {
                    *chosen = Some(index);
                    events.chose = true;
                    events.changed = true;
                }
            }
        }
        (QuestionKind::Multiple { options, answers }, Draft::Multiple(chosen)) => {
            ui.label(RichText::new("（多选：选出全部正确选项）").color(style.colours.weak_text));
            for (index, text) in options.iter().enumerate() {
                let picked = chosen.contains(&index);
                let mark = mark_for(style.reveal, answers.contains(&index), picked);
                if option_button(ui, index, text, picked, mark, locked, style) {
                    if !chosen.remove(&index) {
                        chosen.insert(index);
                    }
                    events.changed = true;
                }
            }
        }
        (QuestionKind::Judge { answer }, Draft::Judge(chosen)) => {
            for (index, value) in [true, false].into_iter().enumerate() {
                let picked = *chosen == Some(value);
                let mark = mark_for(style.reveal, *answer == value, picked);
                if option_button(ui, index, judge_label(value), picked, mark, locked, style) {
                    *chosen = Some(value);
                    events.chose = true;
                    events.changed = true;
                }
            }
        }
        (QuestionKind::Fill { blanks }, Draft::Fill(texts)) => {
            for (index, text) in texts.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    let label =
                        ui.label(RichText::new(format!("第 {} 空", index + 1)).size(style.option_size));
                    let field = ui.add_enabled(
                        !locked,
                        egui::TextEdit::singleline(text)
                            .font(egui::FontId::proportional(style.option_size))
                            .desired_width(320.0),
                    );
                    let field = field.labelled_by(label.id);
                    if field.changed() {
                        events.changed = true;
                    }
                    if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                        events.submit = true;
                    }
                    if let Some(grade) = grade {
                        let right = grade.blanks.get(index).copied().unwrap_or(false);
                        ui.label(result_mark(right, style.colours).size(style.option_size));
                    }
                    if style.reveal {
                        let accepted = blanks.get(index).map(|a| a.join(" / ")).unwrap_or_default();
                        ui.label(RichText::new(format!("答案：{accepted}")).color(style.colours.success));
                    }
                });
            }
        }
        (QuestionKind::Order { items }, Draft::Order { arranged, selected }) => {
            if !locked {
                ui.label(
                    RichText::new("（排序：拖动各项，或按数字选中后用 ↑↓ 移动，排成正确的先后顺序）")
                        .color(style.colours.weak_text),
                );
            }
            if let Some((from, to)) = order_rows(ui, items, arranged, selected, locked, style) {
                draft.move_item(from, to);
                events.changed = true;
            }
            if style.reveal {
                ui.label(
                    RichText::new(format!("正确顺序：{}", items.join(" → "))).color(style.colours.success),
                );
            }
        }
        _ => {
            ui.label(RichText::new("题目与作答不匹配").color(style.colours.error));
        }
    }
    events
}

/// Number of options the keys A–H may pick: options of 单选/多选, 2 for 判断, 0 otherwise.
pub fn option_count(question: &Question) -> usize {
    match &question.kind {
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => options.len(),
        QuestionKind::Judge { .. } => 2,
        QuestionKind::Fill { .. } | QuestionKind::Order { .. } => 0,
    }
}

/// The options as drawn (`A．…`), or the 排序 items, or one line per blank; for fitting sizes.
pub fn option_texts(question: &Question) -> Vec<String> {
    match &question.kind {
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => options
            .iter()
            .enumerate()
            .map(|(i, text)| format!("{}．{text}  ✓", letter(i)))
            .collect(),
        QuestionKind::Judge { .. } => vec!["A．正确  ✓".to_owned(), "B．错误  ✓".to_owned()],
        QuestionKind::Fill { blanks } => (0..blanks.len()).map(|i| format!("第 {} 空", i + 1)).collect(),
        QuestionKind::Order { items } => items
            .iter()
            .enumerate()
            .map(|(i, t)| format!("↑ ↓ {}．{t}", i + 1))
            .collect(),
    }
}

/// The explanation and the source under a judged question.
pub fn explanation(ui: &mut egui::Ui, question: &Question, colours: &Palette) {
    if !question.explanation.is_empty() {
        ui.add(egui::Label::new(format!("解析：{}", question.explanation)).wrap());
    }
    if !question.source.is_empty() {
        ui.label(RichText::new(format!("出处：{}", question.source)).color(colours.weak_text));
    }
}

/// ✓ for the right option when revealed, × for a wrong pick.
fn mark_for(reveal: bool, right: bool, picked: bool) -> Option<bool> {
    if !reveal {
        return None;
    }
    if right {
        Some(true)
    } else if picked {
        Some(false)
    } else {
        None
    }
}

/// `✓` in the success colour or `×` in the error colour.
pub fn result_mark(right: bool, colours: &Palette) -> RichText {
    if right {
        RichText::new("✓").color(colours.success).strong()
    } else {
        RichText::new("×").color(colours.error).strong()
    }
}

fn option_button(
    ui: &mut egui::Ui,
    index: usize,
    text: &str,
    picked: bool,
    mark: Option<bool>,
    locked: bool,
    style: &ViewStyle,
) -> bool {
    let mut label = format!("{}．{text}", letter(index));
    let min_size = egui::vec2(ui.available_width(), style.option_size + 18.0);
    // Judged: the right option filled green with ✓, a wrong pick filled red with ×.
    let button = match mark {
        Some(right) => {
            label.push_str(if right { "  ✓" } else { "  ×" });
            let fill = if right {
                style.colours.success
            } else {
                style.colours.error
            };
            egui::Button::new(RichText::new(label).size(style.option_size).color(Color32::WHITE))
                .fill(fill)
                .stroke(Stroke::new(2.5, fill))
        }
        None => egui::Button::selectable(picked, RichText::new(label).size(style.option_size)),
    }
    .min_size(min_size)
    .wrap();
    let clicked = ui
        .with_layout(Layout::top_down_justified(Align::Min), |ui| ui.add(button))
        .inner
        .clicked();
    ui.add_space(4.0);
    clicked && !locked
}

/// The 排序 rows; returns a move (from, to) made by dragging or the arrow buttons.
fn order_rows(
    ui: &mut egui::Ui,
    items: &[String],
    arranged: &[usize],
    selected: &mut Option<usize>,
    locked: bool,
    style: &ViewStyle,
) -> Option<(usize, usize)> {
    let mut moved = None;
    for (row, item) in arranged.iter().enumerate() {
        let text = items.get(*item).map_or("", String::as_str);
        let is_selected = *selected == Some(row);
        let frame_stroke = if is_selected {
            Stroke::new(2.0, style.colours.accent)
        } else {
            Stroke::new(1.0, style.colours.weak_text.gamma_multiply(0.4))
        };
        let label = format!("{}．{text}", row + 1);
        let drop_zone = egui::Frame::new()
            .stroke(frame_stroke)
            .corner_radius(6)
            .inner_margin(6)
            .fill(if is_selected {
                style.colours.card
            } else {
                Color32::TRANSPARENT
            })
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    if !locked {
                        if ui.small_button("↑").on_hover_text("上移").clicked() && row > 0 {
                            moved = Some((row, row - 1));
                        }
                        if ui.small_button("↓").on_hover_text("下移").clicked() && row + 1 < arranged.len()
                        {
                            moved = Some((row, row + 1));
                        }
                        let handle = ui.dnd_drag_source(egui::Id::unique(("order-row", row)), row, |ui| {
                            ui.label(RichText::new(&label).size(style.option_size))
                        });
                        if handle.response.clicked() || handle.inner.clicked() {
                            *selected = Some(row);
                        }
                    } else {
                        ui.label(RichText::new(&label).size(style.option_size));
                    }
                });
            })
            .response;
        if let Some(from) = drop_zone.dnd_release_payload::<usize>() {
            moved = Some((*from, row));
        }
        ui.add_space(4.0);
    }
    moved
}
