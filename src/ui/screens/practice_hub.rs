//! 学习练习: the modes with their status, 分类练习 by era and topic, the practice range, and the
//! profile's practice settings.

use egui::RichText;

use super::{ExamScreen, PracticeScreen, ProfilesScreen, Screen, ScreenAction, StatsScreen};
use crate::bank::Era;
use crate::practice::exam::{MAX_EXAM_MINUTES, MAX_EXAM_QUESTIONS, MIN_EXAM_QUESTIONS, pick_questions};
use crate::practice::filter::pool;
use crate::practice::record::MAX_WRONG_BOOK_EXIT;
use crate::practice::session::ensure_daily_round;
use crate::practice::{Exam, Filter, Mode, Session};
use crate::ui::app::Shared;
use crate::ui::{theme, widgets};

/// Topics offered in 分类练习 besides the eras (tags used by the bundled banks).
const TOPICS: [&str; 6] = ["重要会议", "人物", "长征", "精神谱系", "党章党规", "重要文献"];

/// The practice hub.
#[derive(Default)]
pub struct PracticeHubScreen {
    show_range: bool,
}

/// An entry of the hub.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Entry {
    Sequential,
    Random,
    Daily,
    Review,
    WrongBook,
    Favourites,
    Exam,
    Stats,
}

impl PracticeHubScreen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        widgets::screen_heading(ui, "学习练习", shared.settings.theme);
        let Some(profile) = shared.settings.current().cloned() else {
            ui.label("练习记录按用户保存。请先选择或添加用户。");
            if ui.button("选择或添加用户").clicked() {
                return Some(ScreenAction::open(Screen::Profiles(ProfilesScreen::default())));
            }
            return None;
        };
        let record = shared.record().cloned()?;
        let now = shared.now();
        let today = now.date_naive();
        let filter = record.settings.filter.clone();
        let in_range = pool(&shared.library, &filter).len();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{} 的练习 · 练习范围：", profile.name));
            ui.label(RichText::new(filter.describe(&shared.library)).strong());
            ui.label(format!("（{in_range} 题）"));
            let label = if self.show_range {
                "收起范围设置"
            } else {
                "更改练习范围"
            };
            if ui.button(label).clicked() {
                self.show_range = !self.show_range;
            }
        });
        let mut action = None;
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
            if self.show_range {
                range_editor(ui, shared);
                ui.add_space(theme::space::SECTION);
            }
            if let Some(exam) = &record.exam_in_progress {
                let left = exam.remaining(now).num_seconds();
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(format!(
                            "有一场模拟考试未交卷（剩余 {:02}:{:02}，已答 {} / {} 题）",
                            left / 60,
                            left % 60,
                            exam.answered(),
                            exam.ids.len()
                        ))
                        .color(colours.warning)
                        .strong(),
                    );
                    if ui.button("继续考试").clicked() {
                        action = Some(ScreenAction::open(Screen::Exam(ExamScreen::default())));
                    }
                });
                ui.add_space(8.0);
            }

            let sequential = Session::sequential(&shared.library, &record, &filter, Mode::Sequential);
            let (next, total) = sequential.progress();
            let random_left = total
                - record
                    .random_seen
                    .get(&filter.key())
                    .map_or(0, |seen| seen.len().min(total));
            let (daily_done, daily_size) = record.daily_progress(today);
            let entries = [
                (
                    Entry::Sequential,
                    "顺序练习",
                    format!("从第 {next} 题继续，共 {total} 题"),
                ),
                (
                    Entry::Random,
                    "随机练习",
                    format!("本轮还有 {random_left} 题未抽到，不重复"),
                ),
                (
                    Entry::Daily,
                    "每日答题",
                    format!(
                        "今天 {daily_done} / {daily_size} 题 · 已连续 {} 天",
                        record.daily_streak(today)
                    ),
                ),
                (
                    Entry::Review,
                    "间隔复习",
                    format!("今日待复习 {} 题（按记忆规律安排）", record.due(now).len()),
                ),
                (
                    Entry::WrongBook,
                    "错题本",
                    format!(
                        "{} 题 · 连续答对 {} 次移出",
                        record.wrong_book().len(),
                        record.settings.wrong_book_exit
                    ),
                ),
                (
                    Entry::Favourites,
                    "收藏",
                    format!("{} 题", record.favourites().len()),
                ),
                (
                    Entry::Exam,
                    "模拟考试",
                    format!(
                        "{} 题 · {} 分钟 · {} 分及格",
                        record.settings.exam.questions,
                        record.settings.exam.minutes,
                        record.settings.exam.pass_percent
                    ),
                ),
                (
                    Entry::Stats,
                    "学习统计",
                    format!(
                        "累计积分 {} · 连续学习 {} 天",
                        record.total_points(),
                        record.study_streak(today)
                    ),
                ),
            ];
            if let Some(entry) = entry_grid(ui, &colours, &entries) {
                action = self.open(entry, shared);
            }
            ui.add_space(theme::space::SECTION);

            ui.label(RichText::new("分类练习").strong().size(theme::size::BODY + 3.0));
            ui.label(RichText::new("按历史时期或专题练习，各自记住练到哪里。").color(colours.weak_text));
            let mut chosen = None;
            ui.horizontal_wrapped(|ui| {
                for era in Era::ALL {
                    let count = pool(&shared.library, &Filter::era(era)).len();
                    if count > 0 && ui.button(format!("{}（{count}）", era.label())).clicked() {
                        chosen = Some((Filter::era(era), era.label().to_owned()));
                    }
                }
            });
            ui.horizontal_wrapped(|ui| {
                for topic in TOPICS {
                    let count = pool(&shared.library, &Filter::tag(topic)).len();
                    if count > 0 && ui.button(format!("专题：{topic}（{count}）")).clicked() {
                        chosen = Some((Filter::tag(topic), format!("专题：{topic}")));
                    }
                }
            });
            if let Some((category, name)) = chosen {
                let session = Session::sequential(&shared.library, &record, &category, Mode::Category);
                action = Some(ScreenAction::open(Screen::Practice(PracticeScreen::new(
                    session,
                    format!("分类练习 · {name}"),
                ))));
            }
            ui.add_space(theme::space::SECTION);
            settings_editor(ui, shared);
        });
        action
    }

    fn open(&mut self, entry: Entry, shared: &mut Shared) -> Option<ScreenAction> {
        let now = shared.now();
        let study = shared.study.as_mut()?;
        let record = &mut study.record;
        let filter = record.settings.filter.clone();
        let library = &shared.library;
        let practice = |session: Session, title: &str| {
            Some(ScreenAction::open(Screen::Practice(PracticeScreen::new(
                session, title,
            ))))
        };
        match entry {
            Entry::Sequential => practice(
                Session::sequential(library, record, &filter, Mode::Sequential),
                "顺序练习",
            ),
            Entry::Random => practice(
                Session::random(library, record, &filter, &mut shared.rng),
                "随机练习",
            ),
            Entry::Review => practice(Session::review(library, record, now), "间隔复习"),
            Entry::WrongBook => practice(Session::wrong_book(library, record), "错题本"),
            Entry::Favourites => practice(Session::favourites(library, record), "收藏"),
            Entry::Daily => {
                let salt = u64::from(study.profile_id);
                let round = ensure_daily_round(record, library, now.date_naive(), salt).clone();
                shared.save_study();
                practice(Session::daily(&round), "每日答题")
            }
            Entry::Exam => {
                if record.exam_in_progress.is_none() {
                    let candidates = pool(library, &filter);
                    let size = record.settings.exam.clamped().questions as usize;
                    let paper = pick_questions(&candidates, size, &mut shared.rng);
                    if paper.is_empty() {
                        return None;
                    }
                    record.exam_in_progress =
                        Some(Exam::start(&paper, &record.settings.exam, now, &mut shared.rng));
                    shared.save_study();
                }
                Some(ScreenAction::open(Screen::Exam(ExamScreen::default())))
            }
            Entry::Stats => Some(ScreenAction::open(Screen::Stats(StatsScreen))),
        }
    }
}

/// The entries as cards in rows of four (two on narrow windows).
fn entry_grid(
    ui: &mut egui::Ui,
    colours: &theme::Palette,
    entries: &[(Entry, &str, String)],
) -> Option<Entry> {
    let gap = theme::space::CARD_GAP;
    let available = ui.available_width() - ui.spacing().scroll.bar_width - 4.0;
    let columns = if available >= 1000.0 { 4 } else { 2 };
    let width = (available - gap * (columns as f32 - 1.0)) / columns as f32;
    let mut clicked = None;
    for row in entries.chunks(columns) {
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = gap;
            for (entry, name, status) in row {
                if widgets::entry_card(ui, colours, name, status, width) {
                    clicked = Some(*entry);
                }
            }
        });
        ui.add_space(gap);
    }
    clicked
}

/// Banks, eras and kinds of the practice range.
fn range_editor(ui: &mut egui::Ui, shared: &mut Shared) {
    let Some(study) = shared.study.as_mut() else {
        return;
    };
    let before = study.record.settings.filter.clone();
    let filter = &mut study.record.settings.filter;
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new("练习范围（都不勾选表示全部）").strong());
        widgets::filter_checkboxes(ui, filter, &shared.library);
        if ui.button("恢复为全部题目").clicked() {
            *filter = Filter::default();
        }
    });
    if study.record.settings.filter != before {
        shared.save_study();
    }
}

/// The profile's practice settings.
fn settings_editor(ui: &mut egui::Ui, shared: &mut Shared) {
    let Some(study) = shared.study.as_mut() else {
        return;
    };
    let before = study.record.settings.clone();
    let settings = &mut study.record.settings;
    ui.collapsing(RichText::new("练习设置").strong(), |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("错题连续答对");
            ui.add(egui::DragValue::new(&mut settings.wrong_book_exit).range(1..=MAX_WRONG_BOOK_EXIT))
                .labelled_by(label.id);
            ui.label("次后移出错题本");
        });
        ui.checkbox(&mut settings.instant_submit, "单选题、判断题选中即提交");
        ui.horizontal(|ui| {
            ui.label("模拟考试");
            ui.add(
                egui::DragValue::new(&mut settings.exam.questions)
                    .range(MIN_EXAM_QUESTIONS..=MAX_EXAM_QUESTIONS)
                    .suffix(" 题"),
            );
            ui.add(
                egui::DragValue::new(&mut settings.exam.minutes)
                    .range(1..=MAX_EXAM_MINUTES)
                    .suffix(" 分钟"),
            );
            ui.label("及格线");
            ui.add(
                egui::DragValue::new(&mut settings.exam.pass_percent)
                    .range(1..=100)
                    .suffix(" 分"),
            );
        });
    });
    if study.record.settings != before {
        shared.save_study();
    }
}
