//! 再走长征路: the active event, its settings, teams and members, and the ways into the member
//! pages, the secretary's table and the projector map.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use egui::RichText;

use super::{MarchBoardScreen, MarchBulkScreen, MarchMemberScreen, Screen, ScreenAction};
use crate::content::route::bundled_route;
use crate::march::event::{ExchangeRules, MarchEvent, MemberId, TeamId};
use crate::march::progress::member_progress;
use crate::store::march::{export_event, import_event};
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::theme::{self, Palette};
use crate::ui::widgets::screen_heading;

/// A date as typed: `2026-03-01` (also `2026/3/1`).
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let text = text.trim().replace(['/', '.'], "-");
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok()
}

/// A copy of the event with id `id` to draw from. When it cannot be shown, says why on screen
/// and returns what the screen should answer: nothing (the data cannot be read) or going back
/// (the event was deleted).
pub fn event_copy(
    ui: &mut egui::Ui,
    shared: &mut Shared,
    id: u32,
) -> Result<MarchEvent, Option<ScreenAction>> {
    match shared.march() {
        Ok(data) => data.event(id).cloned().ok_or(Some(ScreenAction::Back)),
        Err(reason) => {
            let colours = theme::palette(shared.settings.theme);
            ui.label(RichText::new(reason).color(colours.error));
            Err(None)
        }
    }
}

/// A date field with buttons for the day before and after (never after `today`); returns the
/// date typed, if it is one.
pub fn day_field(ui: &mut egui::Ui, text: &mut String, today: NaiveDate) -> Option<NaiveDate> {
    let day = parse_day(text);
    if ui.button("◀").on_hover_text("前一天").clicked()
        && let Some(previous) = day.and_then(|d| d.checked_sub_days(Days::new(1)))
    {
        *text = previous.to_string();
    }
    let label = ui.label("日期");
    ui.add(egui::TextEdit::singleline(text).desired_width(110.0))
        .labelled_by(label.id);
    if ui.button("▶").on_hover_text("后一天").clicked()
        && let Some(next) = day.and_then(|d| d.checked_add_days(Days::new(1)))
    {
        *text = next.min(today).to_string();
    }
    parse_day(text)
}

/// The form fields of an event's settings, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
struct SettingsForm {
    name: String,
    start: String,
    end: String,
    li_per_10k: String,
    daily_cap: String,
    daily_goal: String,
    quiz_size: String,
    pause: String,
}

impl SettingsForm {
    fn of(event: &MarchEvent) -> SettingsForm {
        SettingsForm {
            name: event.name.clone(),
            start: event.start.to_string(),
            end: event.end.map(|d| d.to_string()).unwrap_or_default(),
            li_per_10k: event.rules.li_per_10k_steps.to_string(),
            daily_cap: event.rules.daily_cap.to_string(),
            daily_goal: event.rules.daily_goal.to_string(),
            quiz_size: event.rules.quiz_size.to_string(),
            pause: event.rules.retry_pause_minutes.to_string(),
        }
    }

    /// Applies the form to the event, all or nothing.
    fn apply(&self, event: &mut MarchEvent) -> Result<(), String> {
        let Some(start) = parse_day(&self.start) else {
            return Err(format!("开始日期“{}”无法识别，应如 2026-03-01", self.start));
        };
        let end = if self.end.trim().is_empty() {
            None
        } else {
            let Some(end) = parse_day(&self.end) else {
                return Err(format!("结束日期“{}”无法识别，应如 2026-12-31", self.end));
            };
            Some(end)
        };
        let number = |text: &str, what: &str| {
            text.trim()
                .parse::<u32>()
                .map_err(|_| format!("{what}“{text}”应为整数"))
        };
        let Ok(li_per_10k) = self.li_per_10k.trim().parse::<f64>() else {
            return Err(format!("每万步折合里程“{}”应为数字", self.li_per_10k));
        };
        let rules = ExchangeRules {
            li_per_10k_steps: li_per_10k,
            daily_cap: number(&self.daily_cap, "每日步数上限")?,
            daily_goal: number(&self.daily_goal, "每日达标步数")?,
            quiz_size: number(&self.quiz_size, "站点答题题数")? as usize,
            retry_pause_minutes: number(&self.pause, "答错后等待分钟")?,
        };
        let mut changed = event.clone();
        changed.rename(&self.name).map_err(|e| e.to_string())?;
        changed.set_dates(start, end).map_err(|e| e.to_string())?;
        changed.set_rules(rules).map_err(|e| e.to_string())?;
        *event = changed;
        Ok(())
    }
}

/// The 再走长征路 hub.
#[derive(Default)]
pub struct MarchScreen {
    new_event_name: String,
    new_event_start: String,
    creating: bool,
    settings: Option<SettingsForm>,
    new_team: String,
    new_member: HashMap<TeamId, String>,
    link_profile: bool,
    renaming: Option<(Renaming, String)>,
    confirm_delete_event: bool,
    error: Option<String>,
}

/// What is being renamed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Renaming {
    Team(TeamId),
    Member(MemberId),
}

impl MarchScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        screen_heading(ui, "再走长征路", shared.settings.theme);
        ui.label(
            "每天的步数折算成里程，沿中央红军长征路线前进；到达站点须答题全对才能继续，终点会宁胜利会师。",
        );
        let today = shared.now().date_naive();
        let has_events = match shared.march() {
            Ok(data) => !data.events.is_empty(),
            Err(reason) => {
                ui.add_space(theme::space::SECTION);
                ui.label(RichText::new(reason).color(colours.error));
                return None;
            }
        };
        if let Some(error) = &self.error {
            ui.label(RichText::new(format!("✖ {error}")).color(colours.error));
        }
        let mut action = None;
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            if !has_events || self.creating {
                self.create_form(ui, shared, today, &colours);
                return;
            }
            action = self.event_bar(ui, shared, &colours);
            ui.separator();
            self.settings_section(ui, shared);
            ui.add_space(theme::space::SECTION);
            if let Some(a) = self.teams_section(ui, shared, &colours) {
                action = Some(a);
            }
        });
        action
    }

    fn create_form(&mut self, ui: &mut egui::Ui, shared: &mut Shared, today: NaiveDate, colours: &Palette) {
        ui.add_space(theme::space::SECTION);
        ui.label(
            RichText::new("新建活动")
                .strong()
                .size(theme::size::HEADING * 0.8),
        );
        if self.new_event_start.is_empty() {
            self.new_event_start = today.to_string();
        }
        egui::Grid::new("new_event").num_columns(2).show(ui, |ui| {
            let label = ui.label("活动名称");
            ui.add_sized(
                [360.0, 28.0],
                egui::TextEdit::singleline(&mut self.new_event_name)
                    .hint_text(format!("{}年“再走长征路”健步走", today.format("%Y"))),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("开始日期");
            ui.add_sized(
                [160.0, 28.0],
                egui::TextEdit::singleline(&mut self.new_event_start),
            )
            .labelled_by(label.id);
            ui.end_row();
        });
        ui.label(
            RichText::new("默认规则：每万步折合 68 里（每天一万步约 368 天走完全程，与长征历时相当），每日最多计 30000 步。创建后可在“活动设置”中修改。")
                .color(colours.weak_text),
        );
        ui.horizontal(|ui| {
            if ui
                .add(
                    egui::Button::new(RichText::new("创建活动").color(colours.on_accent))
                        .fill(colours.accent_fill),
                )
                .clicked()
            {
                let name = if self.new_event_name.trim().is_empty() {
                    format!("{}年“再走长征路”健步走", today.format("%Y"))
                } else {
                    self.new_event_name.clone()
                };
                self.error = None;
                match (parse_day(&self.new_event_start), shared.march()) {
                    (None, _) => {
                        self.error = Some(format!(
                            "开始日期“{}”无法识别，应如 2026-03-01",
                            self.new_event_start
                        ))
                    }
                    (Some(_), Err(reason)) => self.error = Some(reason),
                    (Some(start), Ok(data)) => match MarchEvent::new(data.fresh_id(), &name, start) {
                        Ok(event) => {
                            data.add(event);
                            shared.save_march();
                            self.creating = false;
                            self.settings = None;
                            self.new_event_name.clear();
                        }
                        Err(err) => self.error = Some(err.to_string()),
                    },
                }
            }
            if ui.button("导入活动文件…").clicked() {
                self.import_event(shared);
            }
            let has_events = shared.march().is_ok_and(|d| !d.events.is_empty());
            if self.creating && has_events && ui.button("取消").clicked() {
                self.creating = false;
            }
        });
    }

    fn import_event(&mut self, shared: &mut Shared) {
        let Some(path) = rfd::FileDialog::new()
            .set_title("导入活动文件")
            .add_filter("长征路活动 (.ron)", &["ron"])
            .pick_file()
        else {
            return;
        };
        match import_event(&path) {
            Ok(event) => {
                let name = event.name.clone();
                if let Ok(data) = shared.march() {
                    data.add(event);
                    shared.save_march();
                    shared.notify(NoticeKind::Info, format!("已导入活动“{name}”并设为当前活动"));
                    self.creating = false;
                    self.settings = None;
                }
            }
            Err(err) => self.error = Some(err.to_string()),
        }
    }

    /// The event chooser, its file actions and the ways into the other screens.
    fn event_bar(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        colours: &Palette,
    ) -> Option<ScreenAction> {
        let profile = shared.settings.current_profile;
        let Ok(data) = shared.march() else { return None };
        if data.active_event().is_none() {
            data.active = data.events.first().map(|e| e.id);
        }
        let mut action = None;
        let mut switched = false;
        let mut export = None;
        let mut import = false;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("当前活动");
            let current = data.active_event().map(|e| e.name.clone()).unwrap_or_default();
            egui::ComboBox::from_id_salt("march_event")
                .selected_text(current)
                .width(320.0)
                .show_ui(ui, |ui| {
                    for event in &data.events {
                        if ui
                            .selectable_label(data.active == Some(event.id), &event.name)
                            .clicked()
                        {
                            data.active = Some(event.id);
                            switched = true;
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            if ui.button("新建活动").clicked() {
                self.creating = true;
            }
            if ui
                .button("导出活动…")
                .on_hover_text("存成一个文件，带到另一台电脑导入")
                .clicked()
            {
                export = data.active_event().cloned();
            }
            if ui.button("导入活动…").clicked() {
                import = true;
            }
            if ui.button("删除活动").clicked() {
                self.confirm_delete_event = true;
            }
        });
        if self.confirm_delete_event {
            ui.horizontal(|ui| {
                ui.label(
                    RichText::new("删除后该活动的所有成员和步数都将丢失（可先导出备份）。确定删除？")
                        .color(colours.error),
                );
                if ui.button("确定删除").clicked() {
                    if let Some(id) = data.active {
                        data.remove(id);
                    }
                    self.confirm_delete_event = false;
                    switched = true;
                }
                if ui.button("取消").clicked() {
                    self.confirm_delete_event = false;
                }
            });
        }
        if let Some(event) = data.active_event() {
            let mine = profile.and_then(|p| event.member_for_profile(p)).map(|m| m.id);
            let event_id = event.id;
            let has_teams = !event.teams.is_empty();
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                let big = |text: &str| {
                    egui::Button::new(
                        RichText::new(text)
                            .size(theme::size::BUTTON * 1.1)
                            .color(colours.on_accent),
                    )
                    .fill(colours.accent_fill)
                };
                if let Some(member) = mine
                    && ui.add(big("我的长征路")).clicked()
                {
                    action = Some(ScreenAction::open(Screen::MarchMember(Box::new(
                        MarchMemberScreen::new(event_id, member),
                    ))));
                }
                if ui.add_enabled(has_teams, big("批量录入步数")).clicked() {
                    action = Some(ScreenAction::open(Screen::MarchBulk(MarchBulkScreen::new(
                        event_id,
                    ))));
                }
                if ui.add_enabled(has_teams, big("地图与排名")).clicked() {
                    action = Some(ScreenAction::open(Screen::MarchBoard(Box::new(
                        MarchBoardScreen::new(event_id),
                    ))));
                }
            });
        }
        if switched {
            self.settings = None;
            shared.save_march();
        }
        if import {
            self.import_event(shared);
        }
        if let Some(event) = export {
            let file_name = format!(
                "{}.ron",
                event
                    .name
                    .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "_")
            );
            if let Some(path) = rfd::FileDialog::new()
                .set_title("导出活动")
                .set_file_name(file_name)
                .add_filter("长征路活动 (.ron)", &["ron"])
                .save_file()
            {
                match export_event(&event, &path) {
                    Ok(()) => shared.notify(NoticeKind::Info, format!("活动已导出到 {}", path.display())),
                    Err(err) => shared.notify(NoticeKind::Error, err.to_string()),
                }
            }
        }
        action
    }

    fn settings_section(&mut self, ui: &mut egui::Ui, shared: &mut Shared) {
        let Ok(data) = shared.march() else { return };
        let Some(event) = data.active_event_mut() else {
            return;
        };
        let form = self.settings.get_or_insert_with(|| SettingsForm::of(event));
        let mut saved = false;
        egui::CollapsingHeader::new(RichText::new("活动设置").strong())
            .id_salt("march_settings")
            .show(ui, |ui| {
                egui::Grid::new("march_settings_grid")
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (label, field, hint) in [
                            ("活动名称", &mut form.name, ""),
                            ("开始日期", &mut form.start, "2026-03-01"),
                            ("结束日期", &mut form.end, "不填：不设结束"),
                            ("每万步折合里程（里）", &mut form.li_per_10k, "68"),
                            ("每日步数上限", &mut form.daily_cap, "30000"),
                            ("每日达标步数", &mut form.daily_goal, "10000"),
                            ("站点答题题数（须全对）", &mut form.quiz_size, "3"),
                            ("答错后等待（分钟）", &mut form.pause, "10"),
                        ] {
                            let label = ui.label(label);
                            ui.add_sized([280.0, 28.0], egui::TextEdit::singleline(field).hint_text(hint))
                                .labelled_by(label.id);
                            ui.end_row();
                        }
                    });
                if ui.button("保存设置").clicked() {
                    match form.apply(event) {
                        Ok(()) => {
                            self.error = None;
                            saved = true;
                        }
                        Err(err) => self.error = Some(err),
                    }
                }
            });
        if saved {
            self.settings = None;
            shared.save_march();
            shared.notify(NoticeKind::Info, "活动设置已保存");
        }
    }

    fn teams_section(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        colours: &Palette,
    ) -> Option<ScreenAction> {
        let profile = shared.settings.current().map(|p| (p.id, p.name.clone()));
        let Some(route) = bundled_route() else {
            ui.label(RichText::new("内置长征路线无法读取").color(colours.error));
            return None;
        };
        let Ok(data) = shared.march() else { return None };
        let event = data.active_event_mut()?;
        ui.label(
            RichText::new("队伍与成员")
                .strong()
                .size(theme::size::HEADING * 0.8),
        );
        ui.label(
            RichText::new("每个支部一支队伍；点成员名字进入其页面录入步数、答题。").color(colours.weak_text),
        );
        let mut action = None;
        let mut changed = false;
        let mut error = None;
        let teams: Vec<(TeamId, String)> = event.teams.iter().map(|t| (t.id, t.name.clone())).collect();
        for (team, team_name) in teams {
            ui.add_space(10.0);
            egui::Frame::group(ui.style()).fill(colours.card).show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    if !self.rename_field(ui, Renaming::Team(team), event, &mut changed, &mut error) {
                        ui.label(RichText::new(&team_name).strong().size(theme::size::BODY * 1.15));
                        if ui.small_button("改名").clicked() {
                            self.renaming = Some((Renaming::Team(team), team_name.clone()));
                        }
                        if ui.small_button("删除队伍").clicked() {
                            match event.remove_team(team) {
                                Ok(()) => changed = true,
                                Err(err) => error = Some(err.to_string()),
                            }
                        }
                    }
                });
                let members: Vec<(MemberId, String, Option<u32>)> = event
                    .members_of(team)
                    .map(|m| (m.id, m.name.clone(), m.profile))
                    .collect();
                ui.horizontal_wrapped(|ui| {
                    for (id, name, linked) in &members {
                        if self.rename_field(ui, Renaming::Member(*id), event, &mut changed, &mut error) {
                            continue;
                        }
                        let Some(member) = event.member(*id) else { continue };
                        let progress = member_progress(member, &event.rules, route);
                        let place = match (progress.barrier, progress.current_stop(route)) {
                            (Some(barrier), _) if progress.waiting => {
                                format!("{}待答题", route.stops[barrier].name)
                            }
                            (_, Some(stop)) if stop > 0 => format!("已过{}", route.stops[stop].name),
                            _ => route.stops.first().map_or(String::new(), |s| s.name.clone()),
                        };
                        let text = format!("{name} · {:.0} 里 · {place}", progress.position_li);
                        let hover = if linked.is_some() {
                            "进入成员页面（右键：改名、删除）。已关联本机用户"
                        } else {
                            "进入成员页面（右键：改名、删除）"
                        };
                        let button = ui.button(text).on_hover_text(hover);
                        if button.clicked() {
                            action = Some(ScreenAction::open(Screen::MarchMember(Box::new(
                                MarchMemberScreen::new(event.id, *id),
                            ))));
                        }
                        button.context_menu(|ui| {
                            if ui.button("改名").clicked() {
                                self.renaming = Some((Renaming::Member(*id), name.clone()));
                                ui.close();
                            }
                            if ui.button("删除成员及其步数").clicked() {
                                match event.remove_member(*id) {
                                    Ok(()) => changed = true,
                                    Err(err) => error = Some(err.to_string()),
                                }
                                ui.close();
                            }
                        });
                    }
                    if members.is_empty() {
                        ui.label(RichText::new("还没有成员").color(colours.weak_text));
                    }
                });
                ui.horizontal(|ui| {
                    let field = self.new_member.entry(team).or_default();
                    let label = ui.label("新成员姓名");
                    let edit = ui
                        .add(
                            egui::TextEdit::singleline(field)
                                .hint_text("姓名")
                                .desired_width(160.0),
                        )
                        .labelled_by(label.id);
                    let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    let linkable = profile
                        .as_ref()
                        .filter(|(id, _)| event.member_for_profile(*id).is_none());
                    if let Some((_, profile_name)) = linkable {
                        ui.checkbox(&mut self.link_profile, format!("关联当前用户（{profile_name}）"));
                    }
                    if (ui.button("添加").clicked() || entered) && !field.trim().is_empty() {
                        let link = linkable.filter(|_| self.link_profile).map(|(id, _)| *id);
                        match event.add_member(field, team, link) {
                            Ok(_) => {
                                field.clear();
                                self.link_profile = false;
                                changed = true;
                            }
                            Err(err) => error = Some(err.to_string()),
                        }
                    }
                });
            });
        }
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            let label = ui.label("新队伍名称");
            let edit = ui
                .add(
                    egui::TextEdit::singleline(&mut self.new_team)
                        .hint_text("如：机关第一党支部")
                        .desired_width(220.0),
                )
                .labelled_by(label.id);
            let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if (ui.button("添加队伍").clicked() || entered) && !self.new_team.trim().is_empty() {
                match event.add_team(&self.new_team) {
                    Ok(_) => {
                        self.new_team.clear();
                        changed = true;
                    }
                    Err(err) => error = Some(err.to_string()),
                }
            }
        });
        if error.is_some() || changed {
            self.error = error;
        }
        if changed {
            shared.save_march();
        }
        action
    }

    /// Draws the rename field if `what` is being renamed; returns whether it did.
    fn rename_field(
        &mut self,
        ui: &mut egui::Ui,
        what: Renaming,
        event: &mut MarchEvent,
        changed: &mut bool,
        error: &mut Option<String>,
    ) -> bool {
        let Some((renaming, text)) = &mut self.renaming else {
            return false;
        };
        if *renaming != what {
            return false;
        }
        let edit = ui.add(egui::TextEdit::singleline(text).desired_width(160.0));
        let entered = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui.small_button("确定").clicked() || entered {
            let result = match what {
                Renaming::Team(id) => event.rename_team(id, text),
                Renaming::Member(id) => event.rename_member(id, text),
            };
            match result {
                Ok(()) => {
                    *changed = true;
                    self.renaming = None;
                }
                Err(err) => *error = Some(err.to_string()),
            }
        } else if ui.small_button("取消").clicked() {
            self.renaming = None;
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates() {
        assert_eq!(parse_day(" 2026-03-01 "), NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(parse_day("2026/3/1"), NaiveDate::from_ymd_opt(2026, 3, 1));
        assert_eq!(parse_day("2026-02-30"), None);
        assert_eq!(parse_day("明天"), None);
    }

    #[test]
    fn settings_apply_all_or_nothing() {
        let Some(start) = NaiveDate::from_ymd_opt(2026, 3, 1) else {
            panic!("date")
        };
        let Ok(mut event) = MarchEvent::new(1, "健步走", start) else {
            panic!("event")
        };
        let mut form = SettingsForm::of(&event);
        form.name = "新名字".into();
        form.daily_cap = "0".into();
        assert!(form.apply(&mut event).is_err());
        assert_eq!(event.name, "健步走");
        form.daily_cap = "25000".into();
        form.end = "2026-12-31".into();
        assert_eq!(form.apply(&mut event), Ok(()));
        assert_eq!(event.name, "新名字");
        assert_eq!(event.rules.daily_cap, 25_000);
        assert_eq!(event.end, NaiveDate::from_ymd_opt(2026, 12, 31));
    }
}
