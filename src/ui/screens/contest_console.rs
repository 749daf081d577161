//! The 知识竞赛 host console: the question with its answer, the clock, every control (buttons and
//! F-keys), manual adjustments, undo, the event log, the scoreboard, exports, and the audience
//! window (a second viewport that can go fullscreen on a chosen monitor).

use egui::{RichText, ViewportBuilder, ViewportCommand, ViewportId};

use super::ScreenAction;
use crate::bank::Question;
use crate::contest::cues::{CountdownTicks, cue_for_event};
use crate::contest::results::{describe, write_csv, write_xlsx};
use crate::contest::state::cancelled;
use crate::contest::{ContestLog, Event, RoundKind, Stage};
use crate::practice::answer::correct_answer_text;
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::command::{HostKey, buzzer_presses};
use crate::ui::contest_view::{self, stage_draft};
use crate::ui::question_view::{self, ViewStyle};
use crate::ui::stage;
use crate::ui::theme::{self, Palette};

/// Events shown in the console's log, newest first.
const LOG_LINES: usize = 40;

/// The host console.
#[derive(Default)]
pub struct ContestConsoleScreen {
    audience_open: bool,
    audience_fullscreen: bool,
    monitor: usize,
    single_window: bool,
    adjust_team: usize,
    adjust_delta: i32,
    adjust_reason: String,
    ticks: CountdownTicks,
}

impl ContestConsoleScreen {
    /// Draws the console (and the audience window when open).
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let now = shared.now();
        let Some(mut log) = shared.contest.take() else {
            ui.label("没有进行中的比赛。请回到“知识竞赛”页设置队伍并开始。");
            return None;
        };
        let mut wanted: Vec<Event> = Vec::new();
        for key in HostKey::pressed(ui.ctx()) {
            if let Some(event) = self.host_event(key, &log, shared) {
                wanted.push(event);
            }
        }
        wanted.extend(buzzes(ui.ctx(), &log));
        if log.contest().timeout_due(now) {
            wanted.push(Event::Timeout);
        }

        let question = log
            .contest()
            .question()
            .and_then(|id| shared.question(id))
            .cloned();
        if self.audience_open && !self.single_window {
            // The host may be working in the audience window: its keys count too.
            for key in self.audience_window(ui.ctx(), &log, question.as_ref(), shared, &mut wanted) {
                if let Some(event) = self.host_event(key, &log, shared) {
                    wanted.push(event);
                }
            }
        }
        if self.single_window {
            contest_view::audience(ui, log.contest(), question.as_ref(), now, &colours);
            ui.separator();
            self.controls(ui, &log, shared, &mut wanted);
        } else {
            ui.columns(2, |columns| {
                self.question_panel(&mut columns[0], &log, question.as_ref(), now, &colours);
                self.controls(&mut columns[1], &log, shared, &mut wanted);
            });
        }

        let audible = shared.settings.sound;
        for event in wanted {
            let before = log.contest().clone();
            match log.record(event.clone(), now) {
                Ok(()) => {
                    if let Some(cue) = cue_for_event(&before, &event, log.contest()) {
                        shared.sound.play(cue, audible);
                    }
                    ui.ctx().request_repaint();
                }
                Err(err @ crate::contest::LogError::Io { .. }) => {
                    shared.notify(NoticeKind::Error, err.to_string());
                }
                Err(_) => {}
            }
        }
        let running = log
            .contest()
            .remaining(now)
            .filter(|_| log.contest().paused_at.is_none());
        if let Some(cue) = self.ticks.observe(running) {
            shared.sound.play(cue, audible);
        }
        if let Some(wait) = stage::next_tick(running) {
            ui.ctx().request_repaint_after(wait);
        }
        shared.contest = Some(log);
        None
    }

    /// The event a host key asks for, if it fits now.
    fn host_event(&self, key: HostKey, log: &ContestLog, shared: &mut Shared) -> Option<Event> {
        let contest = log.contest();
        Some(match key {
            HostKey::Show => Event::Show {
                question: contest.draw_question(&shared.library, &mut shared.rng)?,
            },
            HostKey::Open => Event::Open,
            HostKey::Right => Event::Judge { correct: true },
            HostKey::Wrong => Event::Judge { correct: false },
            HostKey::Reveal => Event::Reveal,
            HostKey::Void => Event::Void,
            HostKey::Reopen => Event::Reopen,
            HostKey::Next => Event::Next,
            HostKey::Pause if contest.paused_at.is_some() => Event::Resume,
            HostKey::Pause => Event::Pause,
            HostKey::Undo => Event::Undo {
                seq: log.last_undoable()?,
            },
        })
    }

    fn question_panel(
        &self,
        ui: &mut egui::Ui,
        log: &ContestLog,
        question: Option<&Question>,
        now: crate::practice::Moment,
        colours: &Palette,
    ) {
        let contest = log.contest();
        ui.label(
            RichText::new(contest.round_name())
                .size(theme::size::HEADING)
                .strong()
                .color(colours.accent),
        );
        let (line, colour) = contest_view::stage_line(contest, colours);
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(line)
                    .size(theme::size::VERDICT)
                    .strong()
                    .color(colour),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some(left) = contest.remaining(now) {
                    let paused = if contest.paused_at.is_some() {
                        "（已暂停）"
                    } else {
                        ""
                    };
                    ui.label(
                        RichText::new(format!("{}{paused}", contest_view::clock_text(left)))
                            .size(theme::size::VERDICT)
                            .strong()
                            .color(colours.accent),
                    );
                }
            });
        });
        contest_view::presses(ui, contest, theme::size::BODY, colours);
        ui.separator();
        match question {
            Some(question) => {
                let style = ViewStyle::desk(colours, true);
                question_view::stem(ui, question, None, &style);
                // A blank would look editable: the answer line below says it instead.
                if !matches!(question.kind, crate::bank::QuestionKind::Fill { .. }) {
                    let mut shown = stage_draft(question);
                    let plain = ViewStyle {
                        reveal: false,
                        ..style
                    };
                    let locked = crate::practice::Grade::unanswered();
                    question_view::answer_area(ui, question, &mut shown, Some(&locked), &plain);
                }
                ui.label(
                    RichText::new(format!("答案：{}", correct_answer_text(question)))
                        .size(theme::size::VERDICT)
                        .strong()
                        .color(colours.success),
                );
                let shown = if contest.revealed {
                    "观众屏已显示答案"
                } else {
                    "观众屏未显示答案"
                };
                ui.label(RichText::new(shown).color(colours.weak_text));
                question_view::explanation(ui, question, colours);
            }
            None => {
                ui.label(RichText::new("（尚未出题）").color(colours.weak_text));
            }
        }
        ui.separator();
        contest_view::scoreboard(ui, contest, theme::size::BODY + 2.0, colours);
    }

    fn controls(
        &mut self,
        ui: &mut egui::Ui,
        log: &ContestLog,
        shared: &mut Shared,
        wanted: &mut Vec<Event>,
    ) {
        let colours = theme::palette(shared.settings.theme);
        let now = shared.now();
        let contest = log.contest();
        let fits = |event: &Event| contest.clone().apply(event, now).is_ok();
        egui::ScrollArea::vertical()
            .id_salt("console-controls")
            .show(ui, |ui| {
                ui.label(RichText::new("主持控制").strong().size(theme::size::BODY + 2.0));
                if let (Some(RoundKind::Risk { values, .. }), Stage::Ready) =
                    (contest.round_kind(), &contest.stage)
                {
                    ui.horizontal_wrapped(|ui| {
                        ui.label("风险题选分：");
                        for value in values {
                            if ui.button(format!("{value} 分")).clicked() {
                                wanted.push(Event::Pick { value: Some(*value) });
                            }
                        }
                        if ui.button("放弃").clicked() {
                            wanted.push(Event::Pick { value: None });
                        }
                    });
                }
                ui.horizontal_wrapped(|ui| {
                    for (key, _, shortcut) in HostKey::ALL {
                        let (label, event) = match key {
                            HostKey::Show => (
                                "出题",
                                Some(Event::Show {
                                    question: String::new(),
                                }),
                            ),
                            HostKey::Open => ("开始抢答", Some(Event::Open)),
                            HostKey::Right => ("答对", Some(Event::Judge { correct: true })),
                            HostKey::Wrong => ("答错", Some(Event::Judge { correct: false })),
                            HostKey::Reveal => ("公布答案", Some(Event::Reveal)),
                            HostKey::Void => ("作废", Some(Event::Void)),
                            HostKey::Reopen => ("重新抢答", Some(Event::Reopen)),
                            HostKey::Next => ("下一步", Some(Event::Next)),
                            HostKey::Pause if contest.paused_at.is_some() => {
                                ("继续计时", Some(Event::Resume))
                            }
                            HostKey::Pause => ("暂停", Some(Event::Pause)),
                            HostKey::Undo => ("撤销", None),
                        };
                        let enabled = match &event {
                            Some(Event::Show { .. }) => contest.can_show() && contest.paused_at.is_none(),
                            Some(event) => fits(event),
                            None => false,
                        };
                        let button = egui::Button::new(format!("{label}（{shortcut}）"));
                        if ui.add_enabled(enabled, button).clicked()
                            && let Some(event) = self.host_event(key, log, shared)
                        {
                            wanted.push(event);
                        }
                    }
                    let undo = log.last_undoable();
                    if ui
                        .add_enabled(undo.is_some(), egui::Button::new("撤销上一步（Ctrl+Z）"))
                        .clicked()
                        && let Some(seq) = undo
                    {
                        wanted.push(Event::Undo { seq });
                    }
                });
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    let label = ui.label("调整分数：");
                    egui::ComboBox::from_id_salt("adjust-team")
                        .selected_text(contest_view::team_name(contest, self.adjust_team))
                        .show_ui(ui, |ui| {
                            for team in 0..contest.scores.len() {
                                ui.selectable_value(
                                    &mut self.adjust_team,
                                    team,
                                    contest_view::team_name(contest, team),
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.add(
                        egui::DragValue::new(&mut self.adjust_delta)
                            .range(-1000..=1000)
                            .suffix(" 分"),
                    );
                    ui.add(
                        egui::TextEdit::singleline(&mut self.adjust_reason)
                            .hint_text("原因")
                            .desired_width(140.0),
                    )
                    .on_hover_text("调整原因");
                    if ui
                        .add_enabled(self.adjust_delta != 0, egui::Button::new("确认调整"))
                        .clicked()
                    {
                        wanted.push(Event::Adjust {
                            team: self.adjust_team,
                            delta: self.adjust_delta,
                            reason: self.adjust_reason.trim().to_owned(),
                        });
                        self.adjust_delta = 0;
                        self.adjust_reason.clear();
                    }
                });
                ui.add_space(8.0);
                ui.horizontal_wrapped(|ui| {
                    ui.checkbox(&mut self.audience_open, "观众窗口");
                    ui.add(
                        egui::DragValue::new(&mut self.monitor)
                            .range(0..=8)
                            .prefix("显示器 "),
                    )
                    .on_hover_text("观众窗口全屏显示在第几个显示器上（0 为第一个）");
                    let label = if self.audience_fullscreen {
                        "观众窗口退出全屏"
                    } else {
                        "观众窗口全屏"
                    };
                    if ui
                        .button(label)
                        .on_hover_text("观众窗口未打开时，打开后直接全屏")
                        .clicked()
                    {
                        self.audience_fullscreen = !self.audience_fullscreen;
                        let audience = ViewportId::from_hash_of("contest-audience");
                        let command = if self.audience_fullscreen {
                            ViewportCommand::SetMonitor(self.monitor)
                        } else {
                            ViewportCommand::Fullscreen(false)
                        };
                        ui.ctx().send_viewport_cmd_to(audience, command);
                    }
                    ui.checkbox(
                        &mut self.single_window,
                        "单窗口模式（笔记本接投影，答案公布前不显示）",
                    );
                });
                ui.horizontal_wrapped(|ui| {
                    if ui.button("导出 Excel").clicked() {
                        export(shared, log, true);
                    }
                    if ui.button("导出 CSV").clicked() {
                        export(shared, log, false);
                    }
                });
                ui.label(
                    RichText::new("抢答键见比赛设置；主持键为 F1–F9，不会与抢答器冲突。")
                        .size(theme::size::SMALL)
                        .color(colours.weak_text),
                );
                ui.separator();
                ui.label(RichText::new("比赛记录").strong());
                let undone = cancelled(log.events());
                for logged in log.events().iter().rev().take(LOG_LINES) {
                    ui.horizontal(|ui| {
                        let mut text = format!(
                            "{} {} {}",
                            logged.seq,
                            logged.at.format("%H:%M:%S"),
                            describe(&logged.event, contest)
                        );
                        if let Event::Show { question } = &logged.event
                            && let Some(shown) = shared.question(question)
                        {
                            text.push_str(&format!("「{}」", stem_start(&shown.stem)));
                        }
                        let undone_now = undone.contains(&logged.seq);
                        let label = if undone_now {
                            RichText::new(format!("{text}（已撤销）"))
                                .strikethrough()
                                .color(colours.weak_text)
                        } else {
                            RichText::new(text)
                        };
                        ui.label(label.size(theme::size::SMALL));
                        if !matches!(logged.event, Event::Undo { .. }) {
                            let action = if undone_now { "恢复" } else { "撤销" };
                            if ui.small_button(format!("{action}第 {} 条", logged.seq)).clicked() {
                                wanted.push(Event::Undo { seq: logged.seq });
                            }
                        }
                    });
                }
            });
    }

    /// The audience window: a second OS window the host moves to the projector.
    fn audience_window(
        &mut self,
        ctx: &egui::Context,
        log: &ContestLog,
        question: Option<&Question>,
        shared: &Shared,
        wanted: &mut Vec<Event>,
    ) -> Vec<HostKey> {
        let colours = theme::palette(shared.settings.theme);
        let now = shared.now();
        let builder = ViewportBuilder::default()
            .with_title(format!("{} · 观众屏", log.contest().plan.title))
            .with_inner_size([1280.0, 720.0])
            .with_fullscreen(self.audience_fullscreen);
        let builder = if self.audience_fullscreen {
            builder.with_monitor(self.monitor)
        } else {
            builder
        };
        let mut host_keys = Vec::new();
        let closed =
            ctx.show_viewport_immediate(ViewportId::from_hash_of("contest-audience"), builder, |ui, _| {
                // Buzzers and host keys work while the audience window has the keyboard too.
                host_keys = HostKey::pressed(ui.ctx());
                wanted.extend(buzzes(ui.ctx(), log));
                egui::CentralPanel::default().show(ui, |ui| {
                    contest_view::audience(ui, log.contest(), question, now, &colours);
                });
                ui.ctx().input(|i| i.viewport().close_requested())
            });
        if closed {
            self.audience_open = false;
        }
        host_keys
    }
}

/// The start of a stem, for one line of the event log.
fn stem_start(stem: &str) -> String {
    const CHARS: usize = 18;
    let mut start: String = stem.chars().take(CHARS).collect();
    if stem.chars().nth(CHARS).is_some() {
        start.push('…');
    }
    start
}

/// Buzz events for the buzzer keys pressed this frame.
fn buzzes(ctx: &egui::Context, log: &ContestLog) -> Vec<Event> {
    let teams = &log.contest().plan.teams;
    buzzer_presses(ctx)
        .into_iter()
        .filter_map(|name| teams.iter().position(|t| t.key.as_deref() == Some(name)))
        .map(|team| Event::Buzz { team })
        .collect()
}

/// Writes the results next to the log (data folder) and says where.
fn export(shared: &mut Shared, log: &ContestLog, xlsx: bool) {
    let folder = shared.data_dir.root().join("contest").join("results");
    if let Err(err) = std::fs::create_dir_all(&folder) {
        shared.notify(NoticeKind::Error, format!("无法创建 {}：{err}", folder.display()));
        return;
    }
    let stamp = shared.now().format("%Y%m%d-%H%M%S");
    let base = folder.join(format!("{}-{stamp}.xlsx", log.contest().plan.title));
    let result = if xlsx {
        write_xlsx(log.contest(), log.events(), &base).map(|()| vec![base.clone()])
    } else {
        write_csv(log.contest(), log.events(), &base)
    };
    match result {
        Ok(files) => {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            shared.notify(NoticeKind::Info, format!("已导出：{}", names.join("、")));
        }
        Err(err) => shared.notify(NoticeKind::Error, err.to_string()),
    }
}
