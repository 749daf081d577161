//! 模拟考试 on screen: the paper with a navigator and countdown, submission (by hand or at time-out),
//! then the score and a review of every answer with explanations.

use std::time::Duration;

use egui::RichText;

use super::ScreenAction;
use crate::bank::Question;
use crate::practice::answer::{correct_answer_text, response_text};
use crate::practice::{Exam, Grade};
use crate::ui::app::Shared;
use crate::ui::command::AnswerKey;
use crate::ui::question_view::{self, ViewStyle, result_mark};
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// The exam screen: answering the exam in progress, then reviewing it.
#[derive(Default)]
pub struct ExamScreen {
    index: usize,
    confirm_submit: bool,
    finished: Option<Exam>,
    only_wrong: bool,
    unsaved: bool,
}

impl ExamScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        if let Some(exam) = self.finished.take() {
            self.review(ui, shared, &exam);
            self.finished = Some(exam);
            return None;
        }
        let Some(mut exam) = shared
            .study
            .as_mut()
            .and_then(|s| s.record.exam_in_progress.take())
        else {
            screen_heading(ui, "模拟考试", shared.settings.theme);
            ui.label("没有正在进行的考试。请回到练习页开始模拟考试。");
            return None;
        };
        let questions: Vec<Question> = exam
            .ids
            .iter()
            .filter_map(|id| shared.question(id).cloned())
            .collect();
        if questions.len() != exam.ids.len() {
            screen_heading(ui, "模拟考试", shared.settings.theme);
            ui.label("这场考试用到的题库已不再加载，考试无法继续。请重新开始一场考试。");
            return None;
        }
        let paper: Vec<&Question> = questions.iter().collect();
        let now = shared.now();
        if exam.tick(now, &paper) {
            self.file(shared, exam, &paper);
            ui.ctx().request_repaint();
            return None;
        }
        self.take(ui, shared, &mut exam, &paper);
        if self.confirm_submit_done(ui, shared, &mut exam, &paper) {
            ui.ctx().request_repaint();
            return None;
        }
        if let Some(study) = shared.study.as_mut() {
            study.record.exam_in_progress = Some(exam);
        }
        if self.unsaved && !ui.ctx().egui_wants_keyboard_input() {
            shared.save_study();
            self.unsaved = false;
        }
        None
    }

    /// The paper: heading with countdown, navigator, the current question.
    fn take(&mut self, ui: &mut egui::Ui, shared: &mut Shared, exam: &mut Exam, paper: &[&Question]) {
        let colours = theme::palette(shared.settings.theme);
        let now = shared.now();
        self.index = self.index.min(paper.len().saturating_sub(1));
        let Some(question) = paper.get(self.index).copied() else {
            return;
        };
        let image = shared.question_image(ui.ctx(), &question.id);
        let options = exam
            .drafts
            .get(self.index)
            .map_or(0, |d| d.choice_count(question));
        // While the 交卷 dialog is open, keys belong to it, not to the paper underneath.
        let keys = if self.confirm_submit {
            Vec::new()
        } else {
            AnswerKey::pressed(ui.ctx(), options)
        };
        for key in keys {
            match key {
                AnswerKey::Choose(choice) => {
                    if let Some(draft) = exam.draft_mut(self.index) {
                        draft.choose_checked(question, choice);
                        self.unsaved = true;
                    }
                }
                AnswerKey::Up | AnswerKey::Down => {
                    if let Some(draft) = exam.draft_mut(self.index) {
                        draft.move_selected(if key == AnswerKey::Up { -1 } else { 1 });
                        self.unsaved = true;
                    }
                }
                AnswerKey::Previous => self.index = self.index.saturating_sub(1),
                AnswerKey::Forward | AnswerKey::Submit | AnswerKey::Next => {
                    self.index = (self.index + 1).min(paper.len() - 1);
                }
                AnswerKey::Favourite => {}
            }
        }

        let remaining = exam.remaining(now);
        let seconds = remaining.num_seconds();
        ui.horizontal(|ui| {
            screen_heading(ui, "模拟考试", shared.settings.theme);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(RichText::new("交卷").size(theme::size::BUTTON))
                    .clicked()
                {
                    self.confirm_submit = true;
                }
                let clock = format!("剩余 {:02}:{:02}", seconds / 60, seconds % 60);
                let colour = if seconds < 60 {
                    colours.error
                } else {
                    colours.accent
                };
                ui.label(
                    RichText::new(clock)
                        .size(theme::size::VERDICT)
                        .strong()
                        .color(colour),
                );
                ui.label(format!("已答 {} / {} 题", exam.answered(), paper.len()));
            });
        });
        // Wake up for the next second of the countdown, or for the deadline itself.
        let until_next_second = remaining.subsec_nanos().max(0) as u64;
        let wait = if until_next_second == 0 {
            Duration::from_secs(1)
        } else {
            Duration::from_nanos(until_next_second)
        };
        ui.ctx().request_repaint_after(wait);
        ui.separator();

        ui.horizontal_wrapped(|ui| {
            ui.label("题号：");
            for (index, _) in paper.iter().enumerate() {
                let answered = exam.response(index).is_some();
                let text = if answered {
                    RichText::new(format!("{}", index + 1)).strong()
                } else {
                    RichText::new(format!("{}", index + 1)).color(colours.weak_text)
                };
                let button = egui::Button::selectable(index == self.index, text)
                    .min_size(egui::vec2(34.0, 28.0))
                    .stroke(if answered {
                        egui::Stroke::new(1.5, colours.success)
                    } else {
                        egui::Stroke::NONE
                    });
                if ui
                    .add(button)
                    .on_hover_text(if answered { "已作答" } else { "未作答" })
                    .clicked()
                {
                    self.index = index;
                }
            }
        });
        ui.separator();

        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            let style = ViewStyle::desk(&colours, false);
            ui.label(RichText::new(format!("第 {} 题", self.index + 1)).strong());
            question_view::stem(ui, question, image.as_ref(), &style);
            if let Some(draft) = exam.drafts.get_mut(self.index) {
                let events = question_view::answer_area(ui, question, draft, None, &style);
                if events.changed || events.chose {
                    if let Some(touched) = exam.touched.get_mut(self.index) {
                        *touched = true;
                    }
                    self.unsaved = true;
                }
                if events.submit {
                    self.index = (self.index + 1).min(paper.len() - 1);
                }
            }
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(self.index > 0, egui::Button::new("上一题（←）"))
                    .clicked()
                {
                    self.index -= 1;
                }
                if ui
                    .add_enabled(self.index + 1 < paper.len(), egui::Button::new("下一题（→）"))
                    .clicked()
                {
                    self.index += 1;
                }
            });
            ui.add_space(12.0);
            ui.label(
                RichText::new("键盘：1–9 或 A–H 作答 · ←→ 换题 · Enter 下一题 · 时间到自动交卷")
                    .size(theme::size::SMALL)
                    .color(colours.weak_text),
            );
        });
    }

    /// The confirmation dialog of 交卷; returns whether the exam was submitted.
    fn confirm_submit_done(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        exam: &mut Exam,
        paper: &[&Question],
    ) -> bool {
        if !self.confirm_submit {
            return false;
        }
        let unanswered = paper.len() - exam.answered();
        let mut submit = false;
        egui::Modal::new(egui::Id::unique("confirm-exam-submit")).show(ui.ctx(), |ui| {
            ui.label(RichText::new("确定交卷吗？").size(theme::size::HEADING));
            if unanswered > 0 {
                ui.label(format!("还有 {unanswered} 题没有作答，未答的题不得分。"));
            }
            ui.horizontal(|ui| {
                if ui.button("确定交卷").clicked() {
                    submit = true;
                }
                if ui.button("继续答题").clicked() {
                    self.confirm_submit = false;
                }
            });
        });
        if submit {
            self.confirm_submit = false;
            exam.submit(shared.now(), paper);
            self.file(shared, exam.clone(), paper);
        }
        submit
    }

    /// Files a submitted exam in the record, saves, and switches to the review.
    fn file(&mut self, shared: &mut Shared, exam: Exam, paper: &[&Question]) {
        if let (Some(study), Some(result)) = (shared.study.as_mut(), exam.result.as_ref()) {
            study.record.record_exam(&exam, result, paper);
        }
        shared.save_study();
        self.finished = Some(exam);
    }

    /// Score and every answer with the right one and the explanation.
    fn review(&mut self, ui: &mut egui::Ui, shared: &mut Shared, exam: &Exam) {
        let colours = theme::palette(shared.settings.theme);
        let Some(result) = &exam.result else { return };
        screen_heading(ui, "模拟考试 · 成绩", shared.settings.theme);
        ui.horizontal(|ui| {
            let verdict = if result.passed { "及格" } else { "不及格" };
            let colour = if result.passed {
                colours.success
            } else {
                colours.error
            };
            ui.label(
                RichText::new(format!("{:.1} 分", result.score))
                    .size(theme::size::FIGURE)
                    .strong()
                    .color(colour),
            );
            ui.label(
                RichText::new(verdict)
                    .size(theme::size::VERDICT)
                    .strong()
                    .color(colour),
            );
            ui.label(format!(
                "答对 {} / {} 题 · 及格线 {} 分 · 用时 {} 分 {} 秒",
                result.correct(),
                exam.ids.len(),
                exam.pass_percent,
                result.seconds / 60,
                result.seconds % 60
            ));
        });
        if result.timed_out {
            ui.label(RichText::new("时间到，已自动交卷。").color(colours.warning));
        }
        ui.checkbox(&mut self.only_wrong, "只看答错的题");
        ui.separator();
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            for (index, id) in exam.ids.iter().enumerate() {
                let Some(grade) = result.grades.get(index) else {
                    continue;
                };
                if self.only_wrong && grade.correct {
                    continue;
                }
                let image = shared.question_image(ui.ctx(), id);
                let Some(question) = shared.question(id) else {
                    continue;
                };
                review_item(ui, index, question, image.as_ref(), exam, grade, &colours);
            }
        });
    }
}

fn review_item(
    ui: &mut egui::Ui,
    index: usize,
    question: &Question,
    image: Option<&egui::TextureHandle>,
    exam: &Exam,
    grade: &Grade,
    colours: &theme::Palette,
) {
    egui::Frame::new()
        .fill(colours.card)
        .corner_radius(8)
        .inner_margin(12)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(result_mark(grade.correct, colours).size(theme::size::VERDICT));
                ui.label(RichText::new(format!("第 {} 题", index + 1)).strong());
                if !grade.correct && grade.credit > 0.0 {
                    ui.label(
                        RichText::new(format!("得分 {:.0}%", grade.credit * 100.0)).color(colours.warning),
                    );
                }
            });
            let style = ViewStyle::desk(colours, true);
            question_view::stem(ui, question, image, &style);
            if let Some(draft) = exam.drafts.get(index) {
                let mut shown = draft.clone();
                question_view::answer_area(ui, question, &mut shown, Some(grade), &style);
            }
            let your = match exam.response(index) {
                Some(response) => response_text(question, &response),
                None => "未作答".to_owned(),
            };
            ui.label(format!("你的答案：{your}"));
            ui.label(
                RichText::new(format!("正确答案：{}", correct_answer_text(question))).color(colours.success),
            );
            question_view::explanation(ui, question, colours);
        });
    ui.add_space(8.0);
}
