//! Answering questions one after another in a practice mode, with immediate ✓/× feedback, the
//! explanation and the source.

use egui::RichText;

use super::ScreenAction;
use crate::bank::KindTag;
use crate::practice::answer::{correct_answer_text, response_text};
use crate::practice::record::AnswerEffects;
use crate::practice::{Draft, Grade, Response, Session, judge};
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::command::AnswerKey;
use crate::ui::question_view::{self, ViewStyle};
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// The question being answered and, once judged, its verdict.
struct Current {
    id: String,
    draft: Draft,
    judged: Option<Judged>,
}

struct Judged {
    response: Response,
    grade: Grade,
    effects: AnswerEffects,
}

/// A practice session on screen.
pub struct PracticeScreen {
    session: Session,
    title: String,
    current: Option<Current>,
}

impl PracticeScreen {
    /// Shows `session` under the heading `title`.
    pub fn new(session: Session, title: impl Into<String>) -> PracticeScreen {
        PracticeScreen {
            session,
            title: title.into(),
            current: None,
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        if shared.study.is_none() {
            screen_heading(ui, &self.title, shared.settings.theme);
            ui.label("请先在“用户”页选择或添加用户，答题记录才能保存。");
            return None;
        }
        let Some(id) = self.session.current().map(str::to_owned) else {
            self.summary(ui, shared);
            return None;
        };
        let Some(question) = shared.question(&id).cloned() else {
            // The bank was unloaded under us: skip the question.
            self.session.advance(&mut shared.rng);
            return None;
        };
        if self.current.as_ref().is_none_or(|c| c.id != id) {
            self.current = Some(Current {
                id: id.clone(),
                draft: Draft::new(&question, &mut shared.rng),
                judged: None,
            });
        }
        let current = self.current.as_mut()?;

        let image = shared.question_image(ui.ctx(), &id);
        let options = current.draft.choice_count(&question);
        let instant = shared.record().is_some_and(|r| r.settings.instant_submit);
        let mut submit = false;
        let mut next = false;
        let mut favourite = false;
        for key in AnswerKey::pressed(ui.ctx(), options) {
            match key {
                AnswerKey::Choose(index) if current.judged.is_none() => {
                    current.draft.choose_checked(&question, index);
                    if instant && matches!(question.kind.tag(), KindTag::Single | KindTag::Judge) {
                        submit = true;
                    }
                }
                AnswerKey::Submit if current.judged.is_none() => submit = true,
                AnswerKey::Submit | AnswerKey::Next if current.judged.is_some() => next = true,
                AnswerKey::Favourite => favourite = true,
                AnswerKey::Up => current.draft.move_selected(-1),
                AnswerKey::Down => current.draft.move_selected(1),
                _ => {}
            }
        }

        ui.horizontal(|ui| {
            screen_heading(ui, &self.title, shared.settings.theme);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let starred = shared.record().is_some_and(|r| r.is_favourite(&id));
                let star = if starred { "★ 已收藏" } else { "☆ 收藏" };
                if ui
                    .button(RichText::new(star).color(colours.highlight))
                    .on_hover_text("收藏或取消收藏本题（F）")
                    .clicked()
                {
                    favourite = true;
                }
                let (number, total) = self.session.progress();
                let progress = if self.session.mode == crate::practice::Mode::Random {
                    format!("本次第 {} 题", self.session.answered + 1)
                } else {
                    format!("第 {number} / {total} 题")
                };
                ui.label(format!(
                    "{progress} · 答对 {} 题 · 积分 +{}",
                    self.session.correct, self.session.points
                ));
            });
        });
        ui.separator();

        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            let style = ViewStyle::desk(&colours, current.judged.is_some());
            question_view::stem(ui, &question, image.as_ref(), &style);
            let grade = current.judged.as_ref().map(|j| &j.grade);
            let events = question_view::answer_area(ui, &question, &mut current.draft, grade, &style);
            if current.judged.is_none()
                && (events.submit
                    || (events.chose
                        && instant
                        && matches!(question.kind.tag(), KindTag::Single | KindTag::Judge)))
            {
                submit = true;
            }
            ui.add_space(12.0);
            match &current.judged {
                None => {
                    ui.horizontal(|ui| {
                        let ready = current.draft.is_complete();
                        let button = egui::Button::new(
                            RichText::new("提交答案（Enter）")
                                .size(theme::size::BUTTON)
                                .color(colours.on_accent),
                        )
                        .fill(colours.accent_fill);
                        if ui.add_enabled(ready, button).clicked() {
                            submit = true;
                        }
                        if !ready {
                            ui.label(RichText::new("请先作答").color(colours.weak_text));
                        }
                    });
                }
                Some(judged) => {
                    feedback(ui, &question, judged, &colours);
                    ui.add_space(8.0);
                    let button = egui::Button::new(
                        RichText::new("下一题（空格）")
                            .size(theme::size::BUTTON)
                            .color(colours.on_accent),
                    )
                    .fill(colours.accent_fill);
                    if ui.add(button).clicked() {
                        next = true;
                    }
                }
            }
            ui.add_space(16.0);
            ui.label(
                RichText::new(AnswerKey::HELP)
                    .size(theme::size::SMALL)
                    .color(colours.weak_text),
            );
        });

        if favourite && let Some(study) = shared.study.as_mut() {
            let starred = study.record.toggle_favourite(&id);
            shared.save_study();
            let message = if starred {
                "已收藏本题"
            } else {
                "已取消收藏"
            };
            shared.notify(NoticeKind::Info, message);
        }
        if submit
            && current.judged.is_none()
            && let Some(response) = current.draft.response()
            && let Some(study) = shared.study.as_mut()
        {
            let grade = judge(&question, &response);
            let now = shared.clock.now();
            let effects = self
                .session
                .answer(&mut study.record, &question, grade.correct, now);
            shared.save_study();
            current.judged = Some(Judged {
                response,
                grade,
                effects,
            });
        } else if next && current.judged.is_some() {
            self.session.advance(&mut shared.rng);
            self.current = None;
        }
        None
    }

    fn summary(&mut self, ui: &mut egui::Ui, shared: &mut Shared) {
        let colours = theme::palette(shared.settings.theme);
        screen_heading(ui, &self.title, shared.settings.theme);
        ui.add_space(12.0);
        if self.session.answered == 0 {
            ui.label(RichText::new(empty_message(self.session.mode)).size(theme::size::BODY + 2.0));
            return;
        }
        ui.label(
            RichText::new("本次练习完成")
                .size(theme::size::VERDICT)
                .strong()
                .color(colours.accent),
        );
        ui.label(
            RichText::new(format!(
                "共答 {} 题，答对 {} 题，获得学习积分 {} 分",
                self.session.answered, self.session.correct, self.session.points
            ))
            .size(theme::size::BODY + 2.0),
        );
        if let Some(record) = shared.record() {
            ui.label(format!("错题本现有 {} 题。", record.wrong_book().len()));
        }
    }
}

/// What an empty session says.
fn empty_message(mode: crate::practice::Mode) -> &'static str {
    use crate::practice::Mode;
    match mode {
        Mode::WrongBook => "错题本是空的。答错的题目会自动收进来，连续答对后移出。",
        Mode::Favourites => "还没有收藏题目。答题时按 F 或点“☆ 收藏”。",
        Mode::Review => "今天没有需要复习的题目。答过的题目会按记忆规律安排复习。",
        Mode::Daily => "今天的每日答题已经完成。",
        _ => "所选范围内没有题目。请回到练习页更改练习范围。",
    }
}

fn feedback(ui: &mut egui::Ui, question: &crate::bank::Question, judged: &Judged, colours: &theme::Palette) {
    let (mark, text, colour) = if judged.grade.correct {
        ("✓", "回答正确", colours.success)
    } else {
        ("×", "回答错误", colours.error)
    };
    egui::Frame::new()
        .fill(colours.card)
        .stroke(egui::Stroke::new(2.0, colour))
        .corner_radius(8)
        .inner_margin(14)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new(mark)
                        .size(theme::size::VERDICT)
                        .strong()
                        .color(colour),
                );
                ui.label(
                    RichText::new(text)
                        .size(theme::size::VERDICT)
                        .strong()
                        .color(colour),
                );
                let mut effects = Vec::new();
                if judged.effects.points > 0 {
                    effects.push(format!("学习积分 +{}", judged.effects.points));
                }
                if judged.effects.entered_wrong_book {
                    effects.push("已收入错题本".to_owned());
                }
                if judged.effects.left_wrong_book {
                    effects.push("已连续答对，移出错题本".to_owned());
                }
                ui.label(RichText::new(effects.join(" · ")).color(colours.highlight));
            });
            ui.label(format!("正确答案：{}", correct_answer_text(question)));
            if !judged.grade.correct {
                ui.label(format!("你的答案：{}", response_text(question, &judged.response)));
            }
            question_view::explanation(ui, question, colours);
        });
}
