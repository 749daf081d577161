//! 擂台赛 on the big screen: the 擂主 and the challenger, the streak and countdown, the question,
//! the scoreboard and bout log between bouts, the final ranking and the winner's moment.

use egui::{Align, Layout, RichText};

use super::ScreenAction;
use super::challenge::{OnStage, judged_panel, play_question};
use crate::challenge::arena::{Bout, Turn};
use crate::challenge::{Arena, Phase, Run, RunState, TieRule};
use crate::ui::app::Shared;
use crate::ui::command::StageKey;
use crate::ui::question_view;
use crate::ui::stage::{self, StageSizes};
use crate::ui::theme::{self, Palette};

/// The arena screen; the arena itself lives in [`Shared::arena`] and is saved after every change.
#[derive(Default)]
pub struct ArenaScreen {
    on_stage: Option<OnStage>,
    confirm_finish: bool,
}

impl ArenaScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let sizes = StageSizes::for_window(ui);
        let now = shared.now();
        let Some(mut arena) = shared.arena.take() else {
            ui.label("没有进行中的擂台赛。请回到“挑战答题”页设置选手并开始。");
            return None;
        };
        let before = arena.clone();
        let options = arena
            .run()
            .and_then(Run::current)
            .and_then(|id| shared.question(id))
            .map_or(0, question_view::option_count);
        let keys = StageKey::pressed(ui.ctx(), options);
        for key in &keys {
            match key {
                StageKey::Next => arena.advance(now),
                StageKey::Undo => {
                    if arena.undo(now) {
                        self.on_stage = None;
                    }
                }
                StageKey::Pause => arena.toggle_pause(now),
                StageKey::Choose(_) | StageKey::Submit => {}
            }
        }
        arena.tick(now);

        header(ui, &arena, now, &sizes, &colours);
        ui.separator();
        match &arena.phase {
            Phase::Waiting => self.between_bouts(ui, &mut arena, now, &sizes, &colours),
            Phase::Finished => finished(ui, &arena, &sizes, &colours),
            Phase::Playing { .. } | Phase::SuddenDeath { .. } => {
                let Some(run) = arena.run().cloned() else {
                    shared.arena = Some(arena);
                    return None;
                };
                if let Some(correct) = play_question(ui, shared, &run, &mut self.on_stage, &keys, &sizes) {
                    arena.answer(correct);
                }
                if let Some(RunState::Judged(attempt)) = arena.run().map(|r| &r.state)
                    && let Some(question) = shared.question(&attempt.id)
                {
                    ui.add_space(6.0);
                    judged_panel(ui, question, attempt, &sizes, &colours);
                    if ui
                        .button(RichText::new("继续（空格）").size(sizes.body))
                        .clicked()
                    {
                        arena.advance(now);
                    }
                }
                ui.horizontal(|ui| {
                    if ui
                        .add_enabled(arena.can_undo(), egui::Button::new("撤销判定（Z）"))
                        .clicked()
                        && arena.undo(now)
                    {
                        self.on_stage = None;
                    }
                    let pause = if arena.run().is_some_and(Run::is_paused) {
                        "继续计时（P）"
                    } else {
                        "暂停（P）"
                    };
                    if ui.button(pause).clicked() {
                        arena.toggle_pause(now);
                    }
                });
            }
        }
        stage::key_help(ui, StageKey::HELP, &colours);
        if let Some(wait) = arena
            .run()
            .filter(|r| !r.is_paused())
            .and_then(|r| stage::next_tick(r.remaining(now)))
        {
            ui.ctx().request_repaint_after(wait);
        }
        let changed = arena != before;
        shared.arena = Some(arena);
        if changed {
            shared.save_arena();
            ui.ctx().request_repaint();
        }
        None
    }

    fn between_bouts(
        &mut self,
        ui: &mut egui::Ui,
        arena: &mut Arena,
        now: crate::practice::Moment,
        sizes: &StageSizes,
        colours: &Palette,
    ) {
        ui.columns(2, |columns| {
            let ui = &mut columns[0];
            match arena.next_player().and_then(|i| arena.contestants.get(i)) {
                Some(next) if arena.defender.is_none() => {
                    ui.label(RichText::new("立擂").size(sizes.body).color(colours.weak_text));
                    ui.label(
                        RichText::new(next.display())
                            .size(sizes.stem)
                            .strong()
                            .color(colours.accent),
                    );
                    ui.label(RichText::new("先答题立擂，成绩即为擂主记录").size(sizes.body));
                }
                Some(next) => {
                    ui.label(
                        RichText::new(format!("第 {} 轮 · 下一位挑战者", arena.round))
                            .size(sizes.body)
                            .color(colours.weak_text),
                    );
                    ui.label(
                        RichText::new(next.display())
                            .size(sizes.stem)
                            .strong()
                            .color(colours.accent),
                    );
                    let goal = match arena.rules.tie {
                        TieRule::SuddenDeath => {
                            format!("连续答对超过 {0} 题即夺擂，答对 {0} 题进入加赛", arena.mark)
                        }
                        TieRule::DefenderKeeps => format!("连续答对超过 {} 题才能夺擂", arena.mark),
                    };
                    ui.label(RichText::new(goal).size(sizes.body));
                }
                None => {}
            }
            ui.add_space(sizes.body);
            ui.horizontal(|ui| {
                if ui
                    .button(RichText::new("开始（空格）").size(sizes.header))
                    .clicked()
                {
                    arena.advance(now);
                }
            });
            ui.add_space(sizes.body);
            ui.horizontal(|ui| {
                if self.confirm_finish {
                    if ui.button("确定结束，公布结果").clicked() {
                        arena.finish();
                        self.confirm_finish = false;
                    }
                    if ui.button("继续比赛").clicked() {
                        self.confirm_finish = false;
                    }
                } else if ui.button("结束擂台赛").clicked() {
                    self.confirm_finish = true;
                }
            });
            let ui = &mut columns[1];
            ui.label(RichText::new("对阵记录").strong().size(sizes.body));
            bout_log(ui, arena, sizes, colours);
        });
    }
}

/// 擂主 with defences and record, the challenger, the streak and the countdown.
fn header(
    ui: &mut egui::Ui,
    arena: &Arena,
    now: crate::practice::Moment,
    sizes: &StageSizes,
    colours: &Palette,
) {
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            let (name, detail) = match arena.defender.and_then(|i| arena.contestants.get(i)) {
                Some(holder) => (
                    holder.display(),
                    format!("记录 {} 题 · 守擂成功 {} 次", arena.mark, holder.defences),
                ),
                None => ("待定".to_owned(), "第一位选手答题立擂".to_owned()),
            };
            ui.label(
                RichText::new(format!("擂主：{name}"))
                    .size(sizes.header)
                    .strong()
                    .color(colours.highlight),
            );
            ui.label(RichText::new(detail).size(sizes.body));
        });
        ui.add_space(sizes.header);
        let playing = match &arena.phase {
            Phase::Playing { player, run } => Some((
                arena
                    .contestants
                    .get(*player)
                    .map(|c| c.display())
                    .unwrap_or_default(),
                format!("连续答对 {} 题", run.streak),
            )),
            Phase::SuddenDeath {
                challenger,
                round,
                turn,
                ..
            } => {
                let who = match turn {
                    Turn::Defender => arena.defender,
                    Turn::Challenger => Some(*challenger),
                };
                Some((
                    who.and_then(|i| arena.contestants.get(i))
                        .map(|c| c.display())
                        .unwrap_or_default(),
                    format!("平局加赛 第 {round} 轮"),
                ))
            }
            Phase::Waiting | Phase::Finished => None,
        };
        if let Some((name, streak)) = playing {
            ui.vertical(|ui| {
                ui.label(
                    RichText::new(format!("答题：{name}"))
                        .size(sizes.header)
                        .strong()
                        .color(colours.accent),
                );
                ui.label(RichText::new(streak).size(sizes.header).strong());
            });
        }
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if let Some(run) = arena.run().filter(|r| matches!(r.state, RunState::Asking { .. })) {
                stage::countdown(ui, run.remaining(now), run.is_paused(), sizes, colours);
            }
        });
    });
}

/// Every bout, newest first.
fn bout_log(ui: &mut egui::Ui, arena: &Arena, sizes: &StageSizes, colours: &Palette) {
    if arena.bouts.is_empty() {
        ui.label(RichText::new("还没有比赛记录").color(colours.weak_text));
    }
    egui::ScrollArea::vertical()
        .max_height(ui.available_height() - 40.0)
        .show(ui, |ui| {
            for (number, bout) in arena.bouts.iter().enumerate().rev() {
                ui.label(RichText::new(bout_line(arena, number, bout)).size(sizes.body * 0.8));
            }
        });
}

fn bout_line(arena: &Arena, number: usize, bout: &Bout) -> String {
    let name = |i: usize| arena.contestants.get(i).map_or(String::new(), |c| c.name.clone());
    let extra = if bout.sudden_death_rounds > 0 {
        format!("，加赛 {} 轮", bout.sudden_death_rounds)
    } else {
        String::new()
    };
    match bout.defender {
        None => format!(
            "{}. {} 立擂：连续答对 {} 题",
            number + 1,
            name(bout.player),
            bout.streak
        ),
        Some(_) if bout.holder == bout.player => format!(
            "{}. {} 挑战成功：{} 题胜 {} 题{extra}，成为新擂主",
            number + 1,
            name(bout.player),
            bout.streak,
            bout.mark
        ),
        Some(defender) => format!(
            "{}. {} 挑战 {}：{} 题对 {} 题{extra}，擂主守擂成功",
            number + 1,
            name(bout.player),
            name(defender),
            bout.streak,
            bout.mark
        ),
    }
}

/// The winner's moment and the final ranking.
fn finished(ui: &mut egui::Ui, arena: &Arena, sizes: &StageSizes, colours: &Palette) {
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new("擂台赛结束")
                .size(sizes.header)
                .color(colours.weak_text),
        );
        if let Some(winner) = arena.defender.and_then(|i| arena.contestants.get(i)) {
            ui.label(
                RichText::new(format!("★ 擂主 {} ★", winner.display()))
                    .size(sizes.stem * 1.3)
                    .strong()
                    .color(colours.highlight),
            );
            ui.label(
                RichText::new(format!(
                    "记录连续答对 {} 题，守擂成功 {} 次",
                    arena.mark, winner.defences
                ))
                .size(sizes.header)
                .color(colours.accent),
            );
        }
    });
    ui.add_space(sizes.body);
    ui.label(RichText::new("最终排名").strong().size(sizes.body));
    egui::Grid::new("arena-ranking")
        .striped(true)
        .spacing([40.0, 8.0])
        .show(ui, |ui| {
            for heading in ["名次", "选手", "最好成绩", "守擂次数", "上场次数"] {
                ui.label(RichText::new(heading).size(sizes.body * 0.8).strong());
            }
            ui.end_row();
            for (rank, index) in arena.ranking().into_iter().enumerate() {
                let Some(c) = arena.contestants.get(index) else {
                    continue;
                };
                for cell in [
                    format!("{}", rank + 1),
                    c.display(),
                    format!("{} 题", c.best),
                    c.defences.to_string(),
                    c.turns.to_string(),
                ] {
                    ui.label(RichText::new(cell).size(sizes.body * 0.8));
                }
                ui.end_row();
            }
        });
    ui.add_space(sizes.body);
    bout_log(ui, arena, sizes, colours);
}
