//! 个人挑战 on the big screen: the streak, the countdown, the question, ✓/×, then the run's review.
//! Also the question-on-stage helper the 擂台赛 screen shares.

use egui::RichText;

use super::ScreenAction;
use crate::bank::{KindTag, Question};
use crate::challenge::run::{Attempt, RunState};
use crate::challenge::{Outcome, Run, Solo};
use crate::practice::answer::{Grade, correct_answer_text};
use crate::practice::{Draft, judge};
use crate::ui::app::Shared;
use crate::ui::command::StageKey;
use crate::ui::question_view;
use crate::ui::stage::{self, StageSizes};
use crate::ui::theme::{self, Palette};

/// The question on stage and the answer being entered for the contestant.
pub struct OnStage {
    id: String,
    draft: Draft,
    grade: Option<Grade>,
}

/// Draws the run's current question and applies the host's keys and clicks. Returns the judgement
/// (right or wrong) when an answer was submitted this frame; time-outs are the caller's `tick`.
pub fn play_question(
    ui: &mut egui::Ui,
    shared: &mut Shared,
    run: &Run,
    on_stage: &mut Option<OnStage>,
    keys: &[StageKey],
    sizes: &StageSizes,
) -> Option<bool> {
    let colours = theme::palette(shared.settings.theme);
    let id = run.current()?.to_owned();
    let question = shared.question(&id).cloned()?;
    if on_stage.as_ref().is_none_or(|s| s.id != id) {
        *on_stage = Some(OnStage {
            draft: Draft::new(&question, &mut shared.rng),
            id,
            grade: None,
        });
    }
    let current = on_stage.as_mut()?;
    let asking = matches!(run.state, RunState::Asking { .. }) && !run.is_paused();
    let instant = matches!(question.kind.tag(), KindTag::Single | KindTag::Judge);
    let mut submit = false;
    if asking {
        for key in keys {
            match key {
                StageKey::Choose(index) => {
                    current.draft.choose_checked(&question, *index);
                    submit |= instant;
                }
                StageKey::Submit => submit = true,
                StageKey::Next | StageKey::Undo | StageKey::Pause => {}
            }
        }
    }
    // A time-out reveals the answer too.
    let shown_grade = match (&current.grade, &run.state) {
        (Some(grade), _) => Some(grade.clone()),
        (None, RunState::Judged(_)) => Some(Grade::unanswered()),
        _ => None,
    };
    let events = stage::question(
        ui,
        &question,
        &mut current.draft,
        shown_grade.as_ref(),
        sizes,
        &colours,
    );
    if asking && events.chose && instant {
        submit = true;
    }
    if asking && !instant {
        let ready = current.draft.is_complete();
        let button = egui::Button::new(RichText::new("提交答案（Enter）").size(sizes.body));
        if ui.add_enabled(ready, button).clicked() {
            submit = true;
        }
    }
    if !submit || !asking {
        return None;
    }
    let response = current.draft.response()?;
    let grade = judge(&question, &response);
    let correct = grade.correct;
    current.grade = Some(grade);
    Some(correct)
}

/// The verdict, the right answer and the explanation under a judged question.
pub fn judged_panel(
    ui: &mut egui::Ui,
    question: &Question,
    attempt: &Attempt,
    sizes: &StageSizes,
    colours: &Palette,
) {
    stage::verdict(ui, attempt.outcome, attempt.revived, sizes, colours);
    ui.label(
        RichText::new(format!("正确答案：{}", correct_answer_text(question)))
            .size(sizes.body)
            .color(colours.success),
    );
    if !question.explanation.is_empty() {
        ui.add(egui::Label::new(RichText::new(&question.explanation).size(sizes.body * 0.85)).wrap());
    }
}

/// A solo challenge on screen.
pub struct ChallengeScreen {
    solo: Solo,
    on_stage: Option<OnStage>,
    filed: Option<(u32, bool)>,
}

impl ChallengeScreen {
    /// Shows `solo`, ready to start.
    pub fn new(solo: Solo) -> ChallengeScreen {
        ChallengeScreen {
            solo,
            on_stage: None,
            filed: None,
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let sizes = StageSizes::for_window(ui);
        let now = shared.now();
        let options = self
            .solo
            .run
            .current()
            .and_then(|id| shared.question(id))
            .map_or(0, question_view::option_count);
        let keys = StageKey::pressed(ui.ctx(), options);
        if keys.contains(&StageKey::Pause) {
            self.solo.run.toggle_pause(now);
        }
        self.solo.run.tick(now);
        if keys.contains(&StageKey::Next) && !matches!(self.solo.run.state, RunState::Asking { .. }) {
            self.solo.next(now);
            self.file_if_over(shared);
        }

        if let RunState::Over(reason) = self.solo.run.state {
            self.review(ui, shared, reason.label(), &sizes, &colours);
            return None;
        }
        let best = shared.record().map_or(0, |r| r.challenge.best);
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.label(
                    RichText::new(format!("连续答对 {} 题", self.solo.run.streak))
                        .size(sizes.header)
                        .strong()
                        .color(colours.accent),
                );
                let revive = if self.solo.run.rules.revive && !self.solo.run.revive_used {
                    " · 复活机会 1 次"
                } else {
                    ""
                };
                ui.label(RichText::new(format!("个人最好 {best} 题{revive}")).size(sizes.body));
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if matches!(self.solo.run.state, RunState::Asking { .. }) {
                    let remaining = self.solo.run.remaining(now);
                    stage::countdown(ui, remaining, self.solo.run.is_paused(), &sizes, &colours);
                    if let (Some(wait), false) = (stage::next_tick(remaining), self.solo.run.is_paused()) {
                        ui.ctx().request_repaint_after(wait);
                    }
                }
            });
        });
        ui.separator();
        if self.solo.run.state == RunState::Ready {
            ui.vertical_centered(|ui| {
                ui.add_space(sizes.header * 2.0);
                ui.label(
                    RichText::new("个人挑战")
                        .size(sizes.stem)
                        .strong()
                        .color(colours.accent),
                );
                ui.label(RichText::new("答错或超时即结束，连续答对越多成绩越好").size(sizes.body));
                ui.add_space(sizes.body);
                if ui
                    .button(RichText::new("开始挑战（空格）").size(sizes.header))
                    .clicked()
                {
                    self.solo.next(now);
                }
            });
            return None;
        }
        let judged = play_question(ui, shared, &self.solo.run, &mut self.on_stage, &keys, &sizes);
        if let Some(correct) = judged {
            self.solo.run.answer(correct);
        }
        if let RunState::Judged(attempt) = &self.solo.run.state
            && let Some(question) = shared.question(&attempt.id)
        {
            ui.add_space(8.0);
            judged_panel(ui, question, attempt, &sizes, &colours);
            let label = if self.solo.run.is_ending() {
                "查看成绩（空格）"
            } else {
                "下一题（空格）"
            };
            if ui.button(RichText::new(label).size(sizes.body)).clicked() {
                self.solo.next(now);
                self.file_if_over(shared);
            }
        }
        stage::key_help(
            ui,
            "空格 开始/下一题 · 1–9 或 A–H 作答 · Enter 提交多选 · P 暂停 · Esc 返回",
            &colours,
        );
        None
    }

    fn file_if_over(&mut self, shared: &mut Shared) {
        if !self.solo.run.is_over() || self.filed.is_some() {
            return;
        }
        let now = shared.now();
        if let Some(study) = shared.study.as_mut() {
            self.filed = Some(study.record.record_challenge(&self.solo.run, now));
            shared.save_study();
        }
    }

    fn review(
        &mut self,
        ui: &mut egui::Ui,
        shared: &Shared,
        reason: &str,
        sizes: &StageSizes,
        colours: &Palette,
    ) {
        ui.vertical_centered(|ui| {
            ui.label(RichText::new(reason).size(sizes.body).color(colours.weak_text));
            ui.label(
                RichText::new(format!("连续答对 {} 题", self.solo.run.streak))
                    .size(sizes.stem * 1.2)
                    .strong()
                    .color(colours.accent),
            );
            if let Some((points, new_best)) = self.filed {
                let mut line = format!("获得学习积分 {points} 分");
                if new_best {
                    line.push_str(" · 刷新个人最好成绩！");
                }
                ui.label(RichText::new(line).size(sizes.header).color(colours.highlight));
            }
        });
        ui.separator();
        ui.label(
            RichText::new("本次挑战的题目")
                .strong()
                .size(theme::size::BODY + 2.0),
        );
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            for (index, attempt) in self.solo.run.attempts.iter().enumerate() {
                let Some(question) = shared.question(&attempt.id) else {
                    continue;
                };
                let right = attempt.outcome == Outcome::Correct;
                ui.horizontal(|ui| {
                    ui.label(question_view::result_mark(right, colours).size(theme::size::VERDICT));
                    ui.label(RichText::new(format!("第 {} 题", index + 1)).strong());
                    if attempt.outcome == Outcome::TimedOut {
                        ui.label(RichText::new("超时").color(colours.error));
                    }
                });
                ui.add(egui::Label::new(RichText::new(&question.stem).size(theme::size::BODY + 2.0)).wrap());
                ui.label(
                    RichText::new(format!("正确答案：{}", correct_answer_text(question)))
                        .color(colours.success),
                );
                question_view::explanation(ui, question, colours);
                ui.add_space(10.0);
            }
        });
    }
}
