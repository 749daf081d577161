//! 挑战答题: start a solo challenge (with the profile's best and history and settings), or set up,
//! resume and start a 擂台赛.

use egui::RichText;

use super::{ArenaScreen, ChallengeScreen, Screen, ScreenAction};
use crate::bank::Era;
use crate::challenge::arena::ArenaRules;
use crate::challenge::run::{DEFAULT_SECONDS, MAX_SECONDS, MIN_SECONDS, RunRules};
use crate::challenge::solo::challenge_pool;
use crate::challenge::{Arena, Solo, TieRule};
use crate::practice::Filter;
use crate::ui::app::Shared;
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// Most contestants in one arena.
const MAX_CONTESTANTS: usize = 40;

/// The challenge hub with the arena set-up form.
pub struct ChallengeHubScreen {
    contestants: Vec<(String, String)>,
    rules: ArenaRules,
    filter: Filter,
    confirm_discard: bool,
    error: Option<String>,
}

impl Default for ChallengeHubScreen {
    fn default() -> Self {
        ChallengeHubScreen {
            contestants: vec![(String::new(), String::new()), (String::new(), String::new())],
            rules: ArenaRules::default(),
            filter: Filter::default(),
            confirm_discard: false,
            error: None,
        }
    }
}

impl ChallengeHubScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        screen_heading(ui, "挑战答题", shared.settings.theme);
        ui.label("一题接一题，答错或超时即止，连续答对的题数就是成绩。可以投影到大屏幕上进行。");
        let mut action = None;
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.add_space(theme::space::SECTION);
            ui.label(
                RichText::new("个人挑战")
                    .strong()
                    .size(theme::size::HEADING * 0.8),
            );
            if let Some(a) = self.solo_section(ui, shared, &colours) {
                action = Some(a);
            }
            ui.add_space(theme::space::SECTION);
            ui.separator();
            ui.label(RichText::new("擂台赛").strong().size(theme::size::HEADING * 0.8));
            ui.label("第一位选手先答题立擂，成为擂主；其余选手依次挑战，连续答对题数超过擂主即成为新擂主。");
            if let Some(a) = self.arena_section(ui, shared, &colours) {
                action = Some(a);
            }
        });
        action
    }

    fn solo_section(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        colours: &theme::Palette,
    ) -> Option<ScreenAction> {
        let Some(study) = shared.study.as_mut() else {
            ui.label("个人挑战的成绩按用户保存。请先在“用户”页选择或添加用户。");
            return None;
        };
        let before = study.record.challenge.settings.clone();
        let history = &mut study.record.challenge;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("个人最好成绩：连续答对 {} 题", history.best))
                    .strong()
                    .color(colours.accent),
            );
            ui.label(format!("已挑战 {} 次", history.runs.len()));
        });
        if !history.runs.is_empty() {
            let recent: Vec<String> = history
                .runs
                .iter()
                .rev()
                .take(8)
                .map(|r| format!("{} 题", r.streak))
                .collect();
            ui.label(RichText::new(format!("最近成绩：{}", recent.join("、"))).color(colours.weak_text));
        }
        rules_editor(ui, &mut history.settings.rules, true);
        let points: Vec<String> = history
            .settings
            .points
            .iter()
            .map(|p| format!("连续答对 {} 题得 {} 分", p.streak, p.points))
            .collect();
        ui.label(RichText::new(format!("积分规则：{}", points.join("，"))).color(colours.weak_text));
        eras_editor(ui, &mut history.settings.filter);
        let settings = history.settings.clone();
        if settings != before {
            shared.save_study();
        }
        let pool = challenge_pool(&shared.library, &settings.filter);
        ui.add_space(8.0);
        let start = egui::Button::new(
            RichText::new(format!("开始个人挑战（{} 题可抽）", pool.len()))
                .size(theme::size::BUTTON + 3.0)
                .color(colours.on_accent),
        )
        .fill(colours.accent_fill);
        if ui.add_enabled(!pool.is_empty(), start).clicked() {
            let solo = Solo::new(pool, settings.rules, &mut shared.rng);
            return Some(ScreenAction::open(Screen::Challenge(ChallengeScreen::new(solo))));
        }
        None
    }

    fn arena_section(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        colours: &theme::Palette,
    ) -> Option<ScreenAction> {
        if let Some(arena) = &shared.arena {
            let state = if arena.is_finished() {
                "上一场擂台赛已结束"
            } else {
                "有一场擂台赛尚未结束"
            };
            let names: Vec<&str> = arena.contestants.iter().map(|c| c.name.as_str()).collect();
            ui.label(
                RichText::new(format!(
                    "{state}：{}（已赛 {} 场）",
                    names.join("、"),
                    arena.bouts.len()
                ))
                .color(colours.warning)
                .strong(),
            );
            let finished = arena.is_finished();
            let mut action = None;
            ui.horizontal(|ui| {
                let label = if finished {
                    "查看结果"
                } else {
                    "继续擂台赛"
                };
                if ui.button(label).clicked() {
                    action = Some(ScreenAction::open(Screen::Arena(ArenaScreen::default())));
                }
                if self.confirm_discard {
                    ui.label(RichText::new("确定放弃这场擂台赛？").color(colours.error));
                    if ui.button("确定放弃").clicked() {
                        shared.discard_arena();
                        self.confirm_discard = false;
                    }
                    if ui.button("不放弃").clicked() {
                        self.confirm_discard = false;
                    }
                } else if ui.button("放弃并重新设置").clicked() {
                    self.confirm_discard = true;
                }
            });
            return action;
        }

        ui.add_space(6.0);
        ui.label(RichText::new("选手（按上场顺序）").strong());
        let mut remove = None;
        for (index, (name, branch)) in self.contestants.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                ui.label(format!("{:>2}.", index + 1));
                ui.add_sized(
                    [180.0, ui.spacing().interact_size.y],
                    egui::TextEdit::singleline(name).hint_text("姓名"),
                )
                .on_hover_text(format!("第 {} 位选手姓名", index + 1));
                ui.add_sized(
                    [240.0, ui.spacing().interact_size.y],
                    egui::TextEdit::singleline(branch).hint_text("支部（可不填）"),
                )
                .on_hover_text(format!("第 {} 位选手支部", index + 1));
                if ui.button(format!("删除第 {} 位", index + 1)).clicked() {
                    remove = Some(index);
                }
            });
        }
        if let Some(index) = remove {
            self.contestants.remove(index);
        }
        if self.contestants.len() < MAX_CONTESTANTS && ui.button("添加选手").clicked() {
            self.contestants.push((String::new(), String::new()));
        }
        ui.add_space(6.0);
        rules_editor(ui, &mut self.rules.run, false);
        ui.horizontal(|ui| {
            ui.label("平局：");
            for rule in [TieRule::SuddenDeath, TieRule::DefenderKeeps] {
                ui.radio_value(&mut self.rules.tie, rule, rule.label());
            }
        });
        ui.checkbox(
            &mut self.rules.rechallenge,
            "所有人都挑战过后，可以再次挑战（由主持人结束比赛）",
        );
        eras_editor(ui, &mut self.filter);
        if let Some(error) = &self.error {
            ui.label(RichText::new(format!("× {error}")).color(colours.error));
        }
        let pool = challenge_pool(&shared.library, &self.filter);
        let start = egui::Button::new(
            RichText::new(format!("开始擂台赛（{} 题可抽）", pool.len()))
                .size(theme::size::BUTTON + 3.0)
                .color(colours.on_accent),
        )
        .fill(colours.accent_fill);
        if ui.add(start).clicked() {
            let named: Vec<(String, String)> = self
                .contestants
                .iter()
                .filter(|(name, _)| !name.trim().is_empty())
                .cloned()
                .collect();
            if named.len() < 2 {
                self.error = Some("至少需要两位选手".to_owned());
            } else if pool.is_empty() {
                self.error = Some("所选范围内没有可用的单选、多选或判断题".to_owned());
            } else {
                self.error = None;
                shared.arena = Some(Arena::new(&named, self.rules.clone(), pool, &mut shared.rng));
                shared.save_arena();
                return Some(ScreenAction::open(Screen::Arena(ArenaScreen::default())));
            }
        }
        None
    }
}

/// Countdown (seconds or off) and, for solo runs, the revive.
fn rules_editor(ui: &mut egui::Ui, rules: &mut RunRules, with_revive: bool) {
    ui.horizontal(|ui| {
        let mut timed = rules.seconds.is_some();
        if ui.checkbox(&mut timed, "每题限时").changed() {
            rules.seconds = timed.then_some(DEFAULT_SECONDS);
        }
        if let Some(seconds) = &mut rules.seconds {
            ui.add(
                egui::DragValue::new(seconds)
                    .range(MIN_SECONDS..=MAX_SECONDS)
                    .suffix(" 秒"),
            );
        }
        if with_revive {
            ui.checkbox(&mut rules.revive, "允许复活一次");
        }
    });
}

/// Era checkboxes of a challenge's range (none ticked: all eras).
fn eras_editor(ui: &mut egui::Ui, filter: &mut Filter) {
    ui.horizontal_wrapped(|ui| {
        ui.label("题目范围（不勾选为全部）：");
        for era in Era::ALL {
            let mut on = filter.eras.contains(&era);
            if ui.checkbox(&mut on, era.label()).changed() {
                if on {
                    filter.eras.insert(era);
                } else {
                    filter.eras.remove(&era);
                }
            }
        }
    });
}
