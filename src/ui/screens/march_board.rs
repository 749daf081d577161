//! The projector view of 再走长征路: every team's position on the route map and the ranking by
//! total 里, with the average per member and 达标率 (share of members who reached the daily goal
//! on the chosen day). Read from the back of a meeting room.

use chrono::{Days, NaiveDate};
use egui::RichText;

use super::ScreenAction;
use super::march::event_copy;
use crate::content::route::bundled_route;
use crate::march::ranking::{member_standings, team_standings};
use crate::ui::app::Shared;
use crate::ui::route_map::{MapContent, MapMarker, RouteMap, StopState};
use crate::ui::theme;

/// Members listed under the team ranking.
const TOP_MEMBERS: usize = 5;

/// The team map with rankings.
pub struct MarchBoardScreen {
    event: u32,
    day: Option<NaiveDate>,
    map: Option<RouteMap>,
}

impl MarchBoardScreen {
    /// The board of the event with id `event`, for today.
    pub fn new(event: u32) -> MarchBoardScreen {
        MarchBoardScreen {
            event,
            day: None,
            map: None,
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let today = shared.now().date_naive();
        let day = *self.day.get_or_insert(today);
        let Some(route) = bundled_route() else {
            ui.label(RichText::new("内置长征路线无法读取").color(colours.error));
            return None;
        };
        let event = match event_copy(ui, shared, self.event) {
            Ok(event) => event,
            Err(action) => return action,
        };
        // Sizes follow the window so the board reads the same on a laptop and a projector.
        let text = (ui.available_height() / 38.0).clamp(16.0, 34.0);
        let teams = team_standings(&event, route, day);
        let members = member_standings(&event, route, None, day);

        ui.horizontal(|ui| {
            ui.label(
                RichText::new(&event.name)
                    .size(text * 1.5)
                    .strong()
                    .color(colours.accent),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("▶").on_hover_text("后一天").clicked() {
                    self.day = day.checked_add_days(Days::new(1)).map(|d| d.min(today));
                }
                ui.label(
                    RichText::new(format!("达标率按 {} 计", day.format("%Y年%-m月%-d日"))).size(text * 0.8),
                );
                if ui.button("◀").on_hover_text("前一天").clicked() {
                    self.day = day.checked_sub_days(Days::new(1));
                }
                if ui.button("复位地图").clicked()
                    && let Some(map) = &mut self.map
                {
                    map.reset_view();
                }
            });
        });
        ui.separator();
        egui::Panel::right("march_board_ranking")
            .resizable(false)
            .exact_size(ui.available_width() * 0.42)
            .show(ui, |ui| {
                ui.label(
                    RichText::new("队伍排名")
                        .size(text * 1.2)
                        .strong()
                        .color(colours.accent),
                );
                egui::Grid::new("team_ranking")
                    .striped(true)
                    .spacing([text * 0.8, text * 0.4])
                    .show(ui, |ui| {
                        for heading in ["名次", "队伍", "总里程", "人均", "达标率"] {
                            ui.label(RichText::new(heading).size(text * 0.8).color(colours.weak_text));
                        }
                        ui.end_row();
                        for standing in &teams {
                            let index = event
                                .teams
                                .iter()
                                .position(|t| t.id == standing.team)
                                .unwrap_or(0);
                            let colour = theme::map::team_colour(index);
                            ui.label(RichText::new(standing.rank.to_string()).size(text).strong());
                            ui.label(
                                RichText::new(format!("● {}", standing.name))
                                    .size(text)
                                    .color(colour)
                                    .strong(),
                            );
                            ui.label(RichText::new(format!("{:.0} 里", standing.total_li)).size(text));
                            ui.label(RichText::new(format!("{:.0} 里", standing.average_li)).size(text));
                            ui.label(RichText::new(format!("{:.0}%", standing.goal_rate * 100.0)).size(text));
                            ui.end_row();
                        }
                    });
                ui.label(
                    RichText::new("地图上的圆点是各队的人均里程位置，圆点中的数字是名次。")
                        .size(text * 0.7)
                        .color(colours.weak_text),
                );
                ui.add_space(text);
                ui.label(
                    RichText::new("个人前五")
                        .size(text * 1.2)
                        .strong()
                        .color(colours.accent),
                );
                egui::Grid::new("member_ranking")
                    .spacing([text * 0.8, text * 0.3])
                    .show(ui, |ui| {
                        for standing in members.iter().take(TOP_MEMBERS) {
                            ui.label(RichText::new(standing.rank.to_string()).size(text * 0.9));
                            ui.label(RichText::new(&standing.name).size(text * 0.9).strong());
                            ui.label(
                                RichText::new(&standing.team)
                                    .size(text * 0.8)
                                    .color(colours.weak_text),
                            );
                            let finished = if standing.finished { " ★会师" } else { "" };
                            ui.label(
                                RichText::new(format!("{:.0} 里{finished}", standing.li)).size(text * 0.9),
                            );
                            ui.end_row();
                        }
                    });
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let markers: Vec<MapMarker> = event
                .teams
                .iter()
                .enumerate()
                .filter_map(|(index, team)| {
                    let standing = teams.iter().find(|s| s.team == team.id)?;
                    Some(MapMarker {
                        label: standing.rank.to_string(),
                        li: standing.average_li,
                        colour: theme::map::team_colour(index),
                        label_inside: true,
                    })
                })
                .collect();
            let leader = teams.iter().map(|s| s.average_li).fold(0.0_f64, f64::max);
            let state = |index: usize| {
                let li = route.stops.get(index).map_or(f64::MAX, |s| f64::from(s.li));
                if li <= leader {
                    StopState::Passed
                } else {
                    StopState::Locked
                }
            };
            let map = self.map.get_or_insert_with(|| RouteMap::new(route));
            let content = MapContent {
                route,
                progress_li: leader,
                stop_state: &state,
                markers: &markers,
                text_size: text * 0.8,
            };
            map.ui(ui, &content, &colours);
        });
        None
    }
}
