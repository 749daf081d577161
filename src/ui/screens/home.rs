//! The home screen: the five entries, who is studying, and the banks' health.

use egui::RichText;

use chrono::Datelike;

use super::{
    BankAdminScreen, BanksScreen, ChallengeHubScreen, MarchScreen, PracticeHubScreen, PracticeScreen,
    ProfilesScreen, Screen, ScreenAction,
};
use crate::content::DatedEvent;
use crate::practice::Session;
use crate::practice::session::ensure_daily_round;
use crate::ui::app::Shared;
use crate::ui::command::Command;
use crate::ui::{theme, widgets};

/// The five things the app does, as shown on the home screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// 学习练习
    Practice,
    /// 挑战答题
    Challenge,
    /// 知识竞赛
    Contest,
    /// 再走长征路
    March,
    /// 题库管理
    BankAdmin,
}

impl Feature {
    /// Every entry, in home-screen order.
    pub const ALL: [Feature; 5] = [
        Feature::Practice,
        Feature::Challenge,
        Feature::Contest,
        Feature::March,
        Feature::BankAdmin,
    ];

    /// The entry's name.
    pub fn name(self) -> &'static str {
        match self {
            Feature::Practice => "学习练习",
            Feature::Challenge => "挑战答题",
            Feature::Contest => "知识竞赛",
            Feature::March => "再走长征路",
            Feature::BankAdmin => "题库管理",
        }
    }

    /// One line under the entry's name.
    pub fn description(self) -> &'static str {
        match self {
            Feature::Practice => "顺序、随机、按时期练习，错题本、收藏、模拟考试、每日答题",
            Feature::Challenge => "一题接一题、答错即止的连胜挑战，投影擂台赛",
            Feature::Contest => "分组必答、抢答、风险题，主持台与观众大屏",
            Feature::March => "每日步数换算里程，沿长征路线逐站答题解锁",
            Feature::BankAdmin => "编辑题目，导入 Excel、CSV 与文本，导出与校验",
        }
    }
}

/// The home screen.
pub struct HomeScreen;

impl HomeScreen {
    /// Draws the home screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let mut action = None;
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(theme::space::SECTION);
                ui.label(
                    RichText::new("党史学习")
                        .size(theme::size::TITLE)
                        .strong()
                        .color(colours.accent),
                );
                ui.label(
                    RichText::new("学史明理 · 学史增信 · 学史崇德 · 学史力行")
                        .color(colours.highlight)
                        .strong(),
                );
                ui.add_space(8.0);
                match shared.settings.current() {
                    Some(profile) => {
                        ui.label(format!("你好，{}！选择今天的学习内容。", profile.name));
                    }
                    None => {
                        ui.label("还没有选择用户，学习记录将无法保存到个人名下。");
                        if ui.button("选择或添加用户").clicked() {
                            action = Some(ScreenAction::open(Screen::Profiles(ProfilesScreen::default())));
                        }
                    }
                }
            });
            ui.add_space(theme::space::SECTION);
            if let Some(feature) = entry_grid(ui, &colours) {
                action = Some(ScreenAction::open(match feature {
                    Feature::Practice => Screen::PracticeHub(PracticeHubScreen::default()),
                    Feature::Challenge => Screen::ChallengeHub(ChallengeHubScreen::default()),
                    Feature::Contest => Screen::ContestSetup(Box::default()),
                    Feature::March => Screen::March(MarchScreen::default()),
                    Feature::BankAdmin => Screen::BankAdmin(BankAdminScreen),
                }));
            }
            ui.add_space(theme::space::SECTION);
            if let Some(a) = today_panel(ui, shared) {
                action = Some(a);
            }
            ui.add_space(theme::space::SECTION);
            if let Some(a) = bank_overview(ui, shared) {
                action = Some(a);
            }
        });
        action
    }
}

/// The five entries in rows of up to three cards; returns the one clicked.
fn entry_grid(ui: &mut egui::Ui, colours: &theme::Palette) -> Option<Feature> {
    let gap = theme::space::CARD_GAP;
    // Leave room for the scroll bar so the last card is never clipped.
    let available = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
    let columns: usize = if available >= 900.0 { 3 } else { 2 };
    let max_card = 380.0;
    let card_width = ((available - gap * (columns as f32 - 1.0)) / columns as f32).min(max_card);
    let row_width = card_width * columns as f32 + gap * (columns as f32 - 1.0);
    let margin = ((available - row_width) / 2.0).max(0.0);
    let mut clicked = None;
    for row in Feature::ALL.chunks(columns) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = gap;
            // Centre short rows as well as full ones.
            let this_row = card_width * row.len() as f32 + gap * (row.len() as f32 - 1.0);
            ui.add_space(margin + (row_width - this_row) / 2.0);
            for feature in row {
                if widgets::entry_card(ui, colours, feature.name(), feature.description(), card_width) {
                    clicked = Some(*feature);
                }
            }
        });
        ui.add_space(gap);
    }
    clicked
}

/// Most 历史上的今天 events on the home screen.
const HOME_EVENTS: usize = 5;

/// 历史上的今天, today's 每日答题 and the reviews due.
fn today_panel(ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
    let colours = theme::palette(shared.settings.theme);
    let now = shared.now();
    let today = now.date_naive();
    let mut action = None;
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("今天是 {}", today.format("%Y年%-m月%-d日")))
                    .strong()
                    .size(theme::size::BODY + 2.0),
            );
            if let Some(record) = shared.record() {
                let (done, size) = record.daily_progress(today);
                let due = record.due(now).len();
                ui.label(format!(
                    "· 每日答题 {done} / {size} · 连续 {} 天 · 待复习 {due} 题",
                    record.daily_streak(today)
                ));
                if done < size && ui.button("开始每日答题").clicked() {
                    action = start_daily(shared);
                }
                if due > 0
                    && ui.button("开始复习").clicked()
                    && let Some(record) = shared.record()
                {
                    let session = Session::review(&shared.library, record, now);
                    action = Some(ScreenAction::open(Screen::Practice(PracticeScreen::new(
                        session,
                        "间隔复习",
                    ))));
                }
            }
        });
        ui.add_space(4.0);
        let (heading, events) = anniversary(shared, today);
        ui.label(RichText::new(heading).strong().color(colours.accent));
        if events.is_empty() {
            ui.label(RichText::new("近期没有收录的党史事件。").color(colours.weak_text));
        }
        // Spread over the years when there are many: the first, the latest and some between.
        let shown = HOME_EVENTS.min(events.len());
        let picks = (0..shown).map(|i| {
            if shown > 1 {
                i * (events.len() - 1) / (shown - 1)
            } else {
                0
            }
        });
        for event in picks.filter_map(|i| events.get(i)) {
            ui.horizontal_wrapped(|ui| {
                ui.label(
                    RichText::new(format!("{}年", event.year))
                        .strong()
                        .color(colours.highlight),
                );
                ui.add(egui::Label::new(&event.text).wrap());
            });
        }
    });
    action
}

/// 历史上的今天; on a day without events, the next day within two weeks that has some.
fn anniversary(shared: &Shared, today: chrono::NaiveDate) -> (String, Vec<&DatedEvent>) {
    let Some(calendar) = &shared.calendar else {
        return ("历史上的今天".to_owned(), Vec::new());
    };
    for ahead in 0..=14 {
        let Some(day) = today.checked_add_days(chrono::Days::new(ahead)) else {
            break;
        };
        let month = u8::try_from(day.month()).unwrap_or(1);
        let date = u8::try_from(day.day()).unwrap_or(1);
        let events = calendar.on(month, date);
        if !events.is_empty() {
            let heading = if ahead == 0 {
                "历史上的今天".to_owned()
            } else {
                format!("历史上的 {month} 月 {date} 日（{ahead} 天后）")
            };
            return (heading, events);
        }
    }
    ("历史上的今天".to_owned(), Vec::new())
}

/// Opens today's 每日答题, picking its questions first if needed.
fn start_daily(shared: &mut Shared) -> Option<ScreenAction> {
    let today = shared.now().date_naive();
    let study = shared.study.as_mut()?;
    let salt = u64::from(study.profile_id);
    let round = ensure_daily_round(&mut study.record, &shared.library, today, salt).clone();
    shared.save_study();
    let session = Session::daily(&round);
    Some(ScreenAction::open(Screen::Practice(PracticeScreen::new(
        session,
        "每日答题",
    ))))
}

fn bank_overview(ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
    let colours = theme::palette(shared.settings.theme);
    let mut action = None;
    let summary = shared.library.summary();
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            ui.label(
                RichText::new("已加载的题库")
                    .strong()
                    .size(theme::size::BODY + 2.0),
            );
            ui.label(format!(
                "共 {} 个题库，可用题目 {} 道",
                summary.banks, summary.questions
            ));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("打开题库文件…")
                    .on_hover_text(format!(
                        "{}；也可以把 .ron 文件拖到窗口上",
                        Command::OpenBankFile.shortcut_text()
                    ))
                    .clicked()
                {
                    shared.requested.push(Command::OpenBankFile);
                }
                if ui.button("题库详情").clicked() {
                    action = Some(ScreenAction::open(Screen::Banks(BanksScreen::default())));
                }
            });
        });
        for (index, loaded) in shared.library.banks().iter().enumerate() {
            if widgets::bank_row(ui, loaded, &colours, false).clicked() {
                action = Some(ScreenAction::open(Screen::Banks(BanksScreen::showing(index))));
            }
        }
    });
    action
}
