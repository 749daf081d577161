//! The branch secretary's table: one day's steps for every member of a team, saved together.

use chrono::NaiveDate;
use egui::RichText;

use super::ScreenAction;
use super::march::{day_field, event_copy, parse_day};
use crate::march::event::{MemberId, StepSource, TeamId};
use crate::ui::app::Shared;
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// One row of the table: a member and the steps typed for them.
struct Row {
    member: MemberId,
    name: String,
    steps: String,
}

/// The bulk entry table.
pub struct MarchBulkScreen {
    event: u32,
    team: Option<TeamId>,
    day: String,
    rows: Vec<Row>,
    /// The team and day the rows were filled for.
    filled_for: Option<(TeamId, NaiveDate)>,
    message: Option<(bool, String)>,
}

impl MarchBulkScreen {
    /// The table for the event with id `event`.
    pub fn new(event: u32) -> MarchBulkScreen {
        MarchBulkScreen {
            event,
            team: None,
            day: String::new(),
            rows: Vec::new(),
            filled_for: None,
            message: None,
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let today = shared.now().date_naive();
        if self.day.is_empty() {
            self.day = today.to_string();
        }
        screen_heading(ui, "批量录入步数", shared.settings.theme);
        ui.label(
            "支部书记为全支部录入某一天的步数：留空的成员不改动，填 0 表示当天没有走。已有的数字会被替换。",
        );
        let event = match event_copy(ui, shared, self.event) {
            Ok(event) => event,
            Err(action) => return action,
        };
        let team = self
            .team
            .filter(|t| event.team(*t).is_some())
            .or_else(|| event.teams.first().map(|t| t.id))?;
        self.team = Some(team);
        ui.horizontal(|ui| {
            let label = ui.label("队伍");
            egui::ComboBox::from_id_salt("bulk_team")
                .selected_text(event.team(team).map(|t| t.name.clone()).unwrap_or_default())
                .show_ui(ui, |ui| {
                    for t in &event.teams {
                        ui.selectable_value(&mut self.team, Some(t.id), &t.name);
                    }
                })
                .response
                .labelled_by(label.id);
            day_field(ui, &mut self.day, today);
        });
        let Some(day) = parse_day(&self.day) else {
            ui.label(
                RichText::new(format!("日期“{}”无法识别，应如 2026-03-01", self.day)).color(colours.error),
            );
            return None;
        };
        let team = self.team.unwrap_or(team);
        if self.filled_for != Some((team, day)) {
            self.rows = event
                .members_of(team)
                .map(|m| Row {
                    member: m.id,
                    name: m.name.clone(),
                    steps: m.steps.get(&day).map(|d| d.steps.to_string()).unwrap_or_default(),
                })
                .collect();
            self.filled_for = Some((team, day));
        }
        if let Some((good, text)) = &self.message {
            let colour = if *good { colours.success } else { colours.error };
            ui.label(RichText::new(text).color(colour));
        }
        ui.separator();
        let mut save = false;
        egui::ScrollArea::vertical()
            .max_height(ui.available_height() - 60.0)
            .show(ui, |ui| {
                egui::Grid::new("bulk_rows")
                    .striped(true)
                    .num_columns(3)
                    .show(ui, |ui| {
                        ui.label(RichText::new("成员").strong());
                        ui.label(RichText::new("步数").strong());
                        ui.label(RichText::new("折合").strong());
                        ui.end_row();
                        for row in &mut self.rows {
                            let label = ui.label(&row.name);
                            let field = ui
                                .add_sized([140.0, 28.0], egui::TextEdit::singleline(&mut row.steps))
                                .labelled_by(label.id);
                            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                                save = true;
                            }
                            match row.steps.trim().parse::<u32>() {
                                Ok(steps) => ui.label(format!("{:.1} 里", event.rules.li_for_day(steps))),
                                Err(_) if row.steps.trim().is_empty() => ui.label(""),
                                Err(_) => ui.label(RichText::new("应为整数").color(colours.error)),
                            };
                            ui.end_row();
                        }
                    });
                if self.rows.is_empty() {
                    ui.label(RichText::new("这支队伍还没有成员").color(colours.weak_text));
                }
            });
        let button = egui::Button::new(RichText::new("保存全部（Enter）").color(colours.on_accent))
            .fill(colours.accent_fill);
        if ui.add(button).clicked() {
            save = true;
        }
        if save {
            self.save(shared, team, day, today);
        }
        None
    }

    fn save(&mut self, shared: &mut Shared, team: TeamId, day: NaiveDate, today: NaiveDate) {
        let mut entries = Vec::new();
        for row in &self.rows {
            let text = row.steps.trim();
            if text.is_empty() {
                continue;
            }
            let Ok(steps) = text.parse::<u32>() else {
                self.message = Some((false, format!("“{}”的步数“{text}”应为整数，未保存", row.name)));
                return;
            };
            entries.push((row.member, steps));
        }
        let event_id = self.event;
        let result = shared.march().map(|data| {
            data.event_mut(event_id)
                .map(|event| event.set_day_for_team(team, day, &entries, StepSource::Manual, today))
        });
        self.message = match result {
            Ok(Some(Ok(report))) => {
                shared.save_march();
                Some((
                    true,
                    format!(
                        "✓ 已保存{}的步数：{} 人更新，{} 人不变",
                        day.format("%-m月%-d日"),
                        report.changed,
                        report.unchanged
                    ),
                ))
            }
            Ok(Some(Err(err))) => Some((false, format!("{err}，未保存"))),
            Ok(None) => Some((false, "活动已不存在".into())),
            Err(reason) => Some((false, reason)),
        };
        self.filled_for = None;
    }
}
