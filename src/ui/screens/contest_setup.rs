//! 知识竞赛 set-up: title, teams (name, colour, members, buzzer key), base score, the plan of rounds,
//! templates, a buzzer test, and resuming or giving up a contest in progress.

use egui::{Color32, RichText};

use super::{ContestConsoleScreen, Screen, ScreenAction};
use crate::bank::Library;
use crate::contest::plan::{Bonus, MAX_TEAMS, MIN_TEAMS};
use crate::contest::{ContestLog, ContestPlan, RoundKind, RoundPlan, TeamSetup};
use crate::practice::Filter;
use crate::store::atomic::Loaded;
use crate::store::{load_ron_with_backup, save_ron_atomic};
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::command::buzzer_presses;
use crate::ui::theme;
use crate::ui::widgets::{filter_checkboxes, screen_heading};

/// Colours offered to new teams, in order.
const TEAM_COLOURS: [[u8; 3]; 10] = [
    [200, 16, 46],
    [21, 101, 192],
    [46, 125, 50],
    [239, 108, 0],
    [106, 27, 154],
    [0, 131, 143],
    [173, 20, 87],
    [93, 64, 55],
    [84, 110, 122],
    [158, 157, 36],
];

/// Default buzzer keys of the first teams (most USB buzzer boxes type 1, 2, 3 …).
const DEFAULT_KEYS: [&str; 10] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"];

/// The set-up screen.
pub struct ContestSetupScreen {
    plan: ContestPlan,
    members: Vec<String>,
    template_name: String,
    capturing_key: Option<usize>,
    testing: bool,
    lit: Vec<usize>,
    confirm_discard: bool,
    error: Option<String>,
}

impl Default for ContestSetupScreen {
    fn default() -> Self {
        let teams: Vec<TeamSetup> = (0..2).map(new_team).collect();
        ContestSetupScreen {
            members: vec![String::new(); teams.len()],
            plan: ContestPlan::standard("党史知识竞赛", teams),
            template_name: String::new(),
            capturing_key: None,
            testing: false,
            lit: Vec::new(),
            confirm_discard: false,
            error: None,
        }
    }
}

fn new_team(index: usize) -> TeamSetup {
    TeamSetup {
        name: format!(
            "第{}队",
            ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][index % 10]
        ),
        colour: TEAM_COLOURS[index % TEAM_COLOURS.len()],
        members: Vec::new(),
        key: Some(DEFAULT_KEYS[index % DEFAULT_KEYS.len()].to_owned()),
    }
}

impl ContestSetupScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        screen_heading(ui, "知识竞赛", shared.settings.theme);
        if let Some(action) = self.in_progress(ui, shared, &colours) {
            return Some(action);
        }
        if shared.contest.is_some() {
            return None;
        }
        self.capture_keys(ui);
        let mut action = None;
        ui.horizontal(|ui| {
            let start = egui::Button::new(
                RichText::new("开始比赛")
                    .size(theme::size::BUTTON + 4.0)
                    .color(colours.on_accent),
            )
            .fill(colours.accent_fill);
            if ui.add(start).clicked() {
                action = self.start(shared);
            }
            if let Some(error) = &self.error {
                ui.label(RichText::new(format!("× {error}")).color(colours.error));
            }
        });
        ui.add_space(8.0);
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label("比赛名称");
                ui.add(egui::TextEdit::singleline(&mut self.plan.title).desired_width(260.0))
                    .on_hover_text("比赛名称");
                let label = ui.label("基础分");
                ui.add(egui::DragValue::new(&mut self.plan.base_score).range(0..=10_000))
                    .labelled_by(label.id);
                let label = ui.label("领奖台名次");
                ui.add(egui::DragValue::new(&mut self.plan.podium).range(1..=MAX_TEAMS))
                    .labelled_by(label.id);
                let label = ui.label("加赛得分");
                ui.add(egui::DragValue::new(&mut self.plan.tie_break_points).range(1..=100))
                    .labelled_by(label.id);
            });
            self.bonus_editor(ui);
            ui.add_space(theme::space::SECTION);
            self.teams_editor(ui, &colours);
            ui.add_space(theme::space::SECTION);
            self.rounds_editor(ui, &shared.library);
            ui.add_space(theme::space::SECTION);
            self.templates(ui, shared);
        });
        action
    }

    fn in_progress(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        colours: &theme::Palette,
    ) -> Option<ScreenAction> {
        let log = shared.contest.as_ref()?;
        let contest = log.contest();
        let state = if contest.is_finished() {
            "上一场比赛已结束"
        } else {
            "有一场比赛尚未结束"
        };
        ui.label(
            RichText::new(format!(
                "{state}：{}（{}，已记录 {} 个事件）",
                contest.plan.title,
                contest.round_name(),
                log.events().len()
            ))
            .color(colours.warning)
            .strong(),
        );
        let label = if contest.is_finished() {
            "查看结果"
        } else {
            "继续比赛"
        };
        let mut action = None;
        ui.horizontal(|ui| {
            if ui.button(label).clicked() {
                action = Some(ScreenAction::open(Screen::ContestConsole(
                    ContestConsoleScreen::default(),
                )));
            }
            if self.confirm_discard {
                ui.label(
                    RichText::new("确定结束这场比赛并重新设置？比赛记录会另存一份。").color(colours.error),
                );
                if ui.button("确定").clicked() {
                    archive_log(shared);
                    self.confirm_discard = false;
                }
                if ui.button("取消").clicked() {
                    self.confirm_discard = false;
                }
            } else if ui.button("重新设置比赛").clicked() {
                self.confirm_discard = true;
            }
        });
        action
    }

    /// Key capture for "设置抢答键" and the buzzer test.
    fn capture_keys(&mut self, ui: &mut egui::Ui) {
        if self.capturing_key.is_none() && !self.testing {
            return;
        }
        let pressed = buzzer_presses(ui.ctx());
        if let Some(team) = self.capturing_key
            && let Some(name) = pressed.first()
        {
            if let Some(setup) = self.plan.teams.get_mut(team) {
                setup.key = Some((*name).to_owned());
            }
            self.capturing_key = None;
            return;
        }
        if self.testing {
            for name in pressed {
                if let Some(team) = self
                    .plan
                    .teams
                    .iter()
                    .position(|t| t.key.as_deref() == Some(name))
                {
                    self.lit.retain(|t| *t != team);
                    self.lit.push(team);
                }
            }
        }
    }

    fn teams_editor(&mut self, ui: &mut egui::Ui, colours: &theme::Palette) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("参赛队伍").strong().size(theme::size::BODY + 2.0));
            ui.checkbox(&mut self.testing, "抢答器测试")
                .on_hover_text("勾选后各队按自己的抢答键，按下的队伍会依次亮起");
            if ui.button("清除测试结果").clicked() {
                self.lit.clear();
            }
        });
        let mut remove = None;
        for (index, team) in self.plan.teams.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let mut colour = Color32::from_rgb(team.colour[0], team.colour[1], team.colour[2]);
                if ui.color_edit_button_srgba(&mut colour).changed() {
                    team.colour = [colour.r(), colour.g(), colour.b()];
                }
                ui.add_sized([150.0, 24.0], egui::TextEdit::singleline(&mut team.name))
                    .on_hover_text(format!("第 {} 支队伍名称", index + 1));
                let members = &mut self.members[index];
                ui.add_sized(
                    [260.0, 24.0],
                    egui::TextEdit::singleline(members).hint_text("队员（用顿号或逗号分开）"),
                )
                .on_hover_text(format!("第 {} 支队伍队员", index + 1));
                team.members = members
                    .split(['、', '，', ','])
                    .map(str::trim)
                    .filter(|m| !m.is_empty())
                    .map(str::to_owned)
                    .collect();
                let key = team.key.clone().unwrap_or_else(|| "未设置".to_owned());
                let label = if self.capturing_key == Some(index) {
                    "请按抢答器…".to_owned()
                } else {
                    format!("抢答键 {key}")
                };
                if ui.button(label).on_hover_text("点击后按下该队的抢答器").clicked() {
                    self.capturing_key = Some(index);
                }
                if let Some(order) = self.lit.iter().position(|t| *t == index) {
                    let text = if order == 0 {
                        "● 第一个按下"
                    } else {
                        "● 已按下"
                    };
                    ui.label(RichText::new(text).strong().color(if order == 0 {
                        colours.success
                    } else {
                        colours.weak_text
                    }));
                }
                if ui.button(format!("删除第 {} 支队伍", index + 1)).clicked() {
                    remove = Some(index);
                }
            });
        }
        if let Some(index) = remove.filter(|_| self.plan.teams.len() > MIN_TEAMS) {
            self.plan.teams.remove(index);
            self.members.remove(index);
            self.lit.clear();
        }
        if self.plan.teams.len() < MAX_TEAMS && ui.button("添加队伍").clicked() {
            self.plan.teams.push(new_team(self.plan.teams.len()));
            self.members.push(String::new());
        }
    }

    /// Kahoot-style speed and streak bonuses, off by default.
    fn bonus_editor(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let mut on = self.plan.bonus.is_some();
            if ui
                .checkbox(&mut on, "速度与连对加分（必答题、抢答题答对时）")
                .changed()
            {
                self.plan.bonus = on.then(Bonus::default);
            }
            let Some(bonus) = &mut self.plan.bonus else {
                return;
            };
            let label = ui.label("最快答对加");
            ui.add(egui::DragValue::new(&mut bonus.speed_points).range(0..=50))
                .labelled_by(label.id);
            let label = ui.label("分（随剩余时间递减），每多连对一题加");
            ui.add(egui::DragValue::new(&mut bonus.streak_points).range(0..=50))
                .labelled_by(label.id);
            let label = ui.label("分，连对加分最多");
            ui.add(egui::DragValue::new(&mut bonus.streak_cap).range(0..=100))
                .labelled_by(label.id);
            ui.label("分");
        });
    }

    fn rounds_editor(&mut self, ui: &mut egui::Ui, library: &Library) {
        ui.label(
            RichText::new("比赛环节（按顺序进行）")
                .strong()
                .size(theme::size::BODY + 2.0),
        );
        let mut remove = None;
        let mut raise = None;
        let count = self.plan.rounds.len();
        for (index, round) in self.plan.rounds.iter_mut().enumerate() {
            ui.group(|ui| {
                ui.horizontal(|ui| {
                    ui.label(format!("{}.", index + 1));
                    ui.add_sized([180.0, 24.0], egui::TextEdit::singleline(&mut round.name))
                        .on_hover_text(format!("第 {} 轮名称", index + 1));
                    ui.label(RichText::new(round.kind.label()).strong());
                    kind_values(ui, &mut round.kind);
                    if index > 0 && ui.small_button("上移").clicked() {
                        raise = Some(index);
                    }
                    if count > 1 && ui.small_button(format!("删除第 {} 轮", index + 1)).clicked() {
                        remove = Some(index);
                    }
                });
                filter_editor(ui, &mut round.filter, index, library);
            });
        }
        if let Some(index) = raise {
            self.plan.rounds.swap(index - 1, index);
        }
        if let Some(index) = remove {
            self.plan.rounds.remove(index);
        }
        ui.horizontal(|ui| {
            ui.label("添加环节：");
            for kind in RoundKind::defaults() {
                if ui.button(kind.label()).clicked() {
                    let number = self.plan.rounds.len() + 1;
                    self.plan.rounds.push(RoundPlan {
                        name: format!("第{number}轮 {}", kind.label()),
                        kind,
                        filter: Filter::default(),
                    });
                }
            }
        });
    }

    fn templates(&mut self, ui: &mut egui::Ui, shared: &mut Shared) {
        let folder = shared.data_dir.contest_plans_dir();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("模板").strong());
            ui.add(
                egui::TextEdit::singleline(&mut self.template_name)
                    .hint_text("模板名称")
                    .desired_width(160.0),
            )
            .on_hover_text("模板名称");
            let name = self.template_name.trim().to_owned();
            if ui
                .add_enabled(!name.is_empty(), egui::Button::new("保存为模板"))
                .clicked()
            {
                let path = folder.join(format!("{name}.ron"));
                match save_ron_atomic(&path, &self.plan) {
                    Ok(()) => shared.notify(NoticeKind::Info, format!("已保存模板“{name}”")),
                    Err(err) => shared.notify(NoticeKind::Error, err.to_string()),
                }
            }
            let mut saved: Vec<std::path::PathBuf> = std::fs::read_dir(&folder)
                .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            saved.retain(|p| p.extension().is_some_and(|e| e == "ron"));
            saved.sort();
            for path in saved {
                let label = path
                    .file_stem()
                    .map_or(String::new(), |s| s.to_string_lossy().into_owned());
                if ui.button(format!("载入：{label}")).clicked() {
                    match load_ron_with_backup::<ContestPlan>(&path) {
                        Ok(Loaded::Current(plan) | Loaded::FromBackup(plan, _)) => {
                            self.members = plan.teams.iter().map(|t| t.members.join("、")).collect();
                            self.plan = plan;
                            self.template_name = label;
                        }
                        Ok(Loaded::Missing) => {}
                        Err(err) => shared.notify(NoticeKind::Error, err.to_string()),
                    }
                }
            }
        });
    }

    fn start(&mut self, shared: &mut Shared) -> Option<ScreenAction> {
        if let Err(err) = self.plan.check() {
            self.error = Some(err.to_string());
            return None;
        }
        match ContestLog::create(&shared.data_dir.contest_log(), self.plan.clone()) {
            Ok(log) => {
                shared.contest = Some(log);
                self.error = None;
                Some(ScreenAction::open(Screen::ContestConsole(
                    ContestConsoleScreen::default(),
                )))
            }
            Err(err) => {
                self.error = Some(err.to_string());
                None
            }
        }
    }
}

/// Editors for the values of one round kind.
fn kind_values(ui: &mut egui::Ui, kind: &mut RoundKind) {
    match kind {
        RoundKind::Required {
            per_team,
            points,
            penalty,
            seconds,
        } => {
            ui.add(
                egui::DragValue::new(per_team)
                    .range(1..=20)
                    .prefix("每队 ")
                    .suffix(" 题"),
            );
            ui.add(egui::DragValue::new(points).range(0..=100).prefix("答对 +"));
            ui.add(egui::DragValue::new(penalty).range(0..=100).prefix("答错 −"));
            ui.add(egui::DragValue::new(seconds).range(5..=600).suffix(" 秒"));
        }
        RoundKind::Buzz {
            questions,
            points,
            penalty,
            false_start,
            buzz_seconds,
            seconds,
        } => {
            ui.add(
                egui::DragValue::new(questions)
                    .range(1..=100)
                    .prefix("共 ")
                    .suffix(" 题"),
            );
            ui.add(egui::DragValue::new(points).range(0..=100).prefix("答对 +"));
            ui.add(egui::DragValue::new(penalty).range(0..=100).prefix("答错 −"));
            ui.add(egui::DragValue::new(false_start).range(0..=100).prefix("犯规 −"));
            ui.add(
                egui::DragValue::new(buzz_seconds)
                    .range(3..=120)
                    .prefix("抢答 ")
                    .suffix(" 秒"),
            );
            ui.add(
                egui::DragValue::new(seconds)
                    .range(5..=600)
                    .prefix("作答 ")
                    .suffix(" 秒"),
            );
        }
        RoundKind::Risk {
            per_team,
            values,
            order,
            seconds,
        } => {
            ui.add(
                egui::DragValue::new(per_team)
                    .range(1..=10)
                    .prefix("每队 ")
                    .suffix(" 题"),
            );
            let mut text = values.iter().map(i32::to_string).collect::<Vec<_>>().join("/");
            if ui
                .add(egui::TextEdit::singleline(&mut text).desired_width(90.0))
                .on_hover_text("可选分值，用 / 分开")
                .changed()
            {
                *values = text.split('/').filter_map(|v| v.trim().parse().ok()).collect();
            }
            ui.radio_value(order, crate::contest::RiskOrder::ByScore, "按分数高低");
            ui.radio_value(order, crate::contest::RiskOrder::Fixed, "按队伍顺序");
            ui.add(egui::DragValue::new(seconds).range(5..=600).suffix(" 秒"));
        }
        RoundKind::Speed { seconds, points } => {
            ui.add(
                egui::DragValue::new(seconds)
                    .range(10..=600)
                    .prefix("每队 ")
                    .suffix(" 秒"),
            );
            ui.add(egui::DragValue::new(points).range(0..=100).prefix("每题 +"));
        }
    }
}

/// Eras and kinds a round draws from (none ticked: all).
fn filter_editor(ui: &mut egui::Ui, filter: &mut Filter, round: usize, library: &Library) {
    ui.collapsing(
        format!("第 {} 轮题目范围：{}", round + 1, filter.describe(library)),
        |ui| filter_checkboxes(ui, filter, library),
    );
}

/// Moves the finished or abandoned contest's log aside (kept, never deleted) and forgets it.
fn archive_log(shared: &mut Shared) {
    let Some(log) = shared.contest.take() else { return };
    let path = log.path().to_path_buf();
    // Close the file first: Windows cannot rename a file that is open.
    drop(log);
    let stamp = shared.now().format("%Y%m%d-%H%M%S");
    let kept = path.with_file_name(format!("contest-{stamp}.log"));
    if let Err(err) = std::fs::rename(&path, &kept) {
        shared.notify(NoticeKind::Error, format!("无法另存比赛记录：{err}"));
        shared.contest = ContestLog::open(&path).ok();
    }
}
