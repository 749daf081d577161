//! A member's 再走长征路 page: where they stand, the station card and its quiz, daily steps typed
//! in or imported from a phone export (through a preview), the station badges, the map and the
//! 会师 certificate.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use egui::{Color32, RichText, Stroke, vec2};

use super::ScreenAction;
use super::march::{day_field, event_copy, parse_day};
use crate::bank::Question;
use crate::content::route::{Route, StopRole, bundled_route};
use crate::march::certificate::{CertificateInfo, save_certificate};
use crate::march::event::{MarchEvent, Member, MemberId, StepSource};
use crate::march::progress::{MemberProgress, member_progress};
use crate::march::quiz::can_attempt;
use crate::march::steps::{DayOutcome, ReviewSummary, StepFile, read_step_file, review};
use crate::practice::{Draft, Grade, judge};
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::command::AnswerKey;
use crate::ui::fonts::CJK_FONT;
use crate::ui::question_view::{self, ViewStyle};
use crate::ui::route_map::{MapContent, MapMarker, RouteMap, StopState};
use crate::ui::theme::{self, Palette};
use crate::ui::widgets::screen_heading;

/// Days listed under "最近的步数".
const RECENT_DAYS: usize = 10;

/// A step file read and waiting for the user to apply it.
struct ImportPreview {
    name: String,
    file: StepFile,
}

/// A station quiz being answered.
struct StationQuiz {
    stop: usize,
    ids: Vec<String>,
    index: usize,
    draft: Option<Draft>,
    judged: Option<Grade>,
    right: Vec<bool>,
}

/// One member's page.
pub struct MarchMemberScreen {
    event: u32,
    member: MemberId,
    day: String,
    steps: String,
    import: Option<ImportPreview>,
    quiz: Option<StationQuiz>,
    message: Option<(bool, String)>,
    map: Option<RouteMap>,
}

impl MarchMemberScreen {
    /// The page of `member` in the event with id `event`.
    pub fn new(event: u32, member: MemberId) -> MarchMemberScreen {
        MarchMemberScreen {
            event,
            member,
            day: String::new(),
            steps: String::new(),
            import: None,
            quiz: None,
            message: None,
            map: None,
        }
    }

    /// Reads a step file (chosen or dropped) into the preview.
    pub fn open_step_file(&mut self, path: &Path) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match read_step_file(path) {
            Ok(file) => {
                self.import = Some(ImportPreview { name, file });
                self.message = None;
            }
            Err(err) => self.message = Some((false, err.to_string())),
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let now = shared.now();
        let today = now.date_naive();
        if self.day.is_empty() {
            self.day = today.to_string();
        }
        let Some(route) = bundled_route() else {
            ui.label(RichText::new("内置长征路线无法读取").color(colours.error));
            return None;
        };
        let event = match event_copy(ui, shared, self.event) {
            Ok(event) => event,
            Err(action) => return action,
        };
        let Some(member) = event.member(self.member).cloned() else {
            return Some(ScreenAction::Back);
        };
        let team = event
            .team(member.team)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        let progress = member_progress(&member, &event.rules, route);

        screen_heading(ui, &format!("{} · {team}", member.name), shared.settings.theme);
        ui.label(RichText::new(&event.name).color(colours.weak_text));
        if let Some((good, text)) = &self.message {
            let colour = if *good { colours.success } else { colours.error };
            ui.label(RichText::new(text).color(colour).size(theme::size::BODY * 1.1));
        }
        ui.separator();

        egui::Panel::right("march_member_side")
            .resizable(false)
            .exact_size((ui.available_width() * 0.42).max(300.0))
            .show(ui, |ui| {
                badges(ui, route, &member, &progress, &colours);
                ui.add_space(8.0);
                let map = self.map.get_or_insert_with(|| RouteMap::new(route));
                let marker = MapMarker {
                    label: member.name.clone(),
                    li: progress.position_li,
                    colour: colours.accent_fill,
                    label_inside: false,
                };
                let state = |index: usize| stop_state(&progress, &member, route, index);
                let content = MapContent {
                    route,
                    progress_li: progress.position_li,
                    stop_state: &state,
                    markers: &[marker],
                    text_size: 15.0,
                };
                map.ui(ui, &content, &colours);
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                if self.quiz.is_some() {
                    self.quiz_ui(ui, shared, &event, &member, route, &colours);
                    return;
                }
                // An import being previewed takes the page until it is applied or cancelled.
                if self.import.is_some() {
                    self.import_ui(ui, shared, &event, &member, today, &colours);
                    return;
                }
                progress_card(ui, &event, &progress, route, &colours);
                ui.add_space(10.0);
                self.station_card(ui, shared, &event, &member, &progress, route, &colours);
                ui.add_space(10.0);
                self.steps_entry(ui, shared, &event, today, &colours);
                ui.add_space(10.0);
                recent_steps(ui, shared, &event, &member, &colours, self.member);
            });
        });
        None
    }

    /// Changes the event in the shared data, saves, and returns what `change` returned.
    fn change<T>(shared: &mut Shared, event: u32, change: impl FnOnce(&mut MarchEvent) -> T) -> Option<T> {
        let data = shared.march().ok()?;
        let event = data.event_mut(event)?;
        let result = change(event);
        shared.save_march();
        Some(result)
    }

    #[allow(clippy::too_many_arguments)]
    fn station_card(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        event: &MarchEvent,
        member: &Member,
        progress: &MemberProgress,
        route: &Route,
        colours: &Palette,
    ) {
        if progress.finished {
            card_frame(ui, colours, |ui| {
                ui.label(
                    RichText::new("★ 胜利会师！")
                        .size(theme::size::HEADING)
                        .color(colours.accent)
                        .strong(),
                );
                if let Some(finish) = route.stops.last() {
                    stop_text(ui, finish, colours);
                }
                if ui.button("保存会师证书（PNG）…").clicked() {
                    self.save_certificate(shared, event, member, progress, route);
                }
            });
            return;
        }
        let (index, waiting) = match progress.barrier {
            Some(barrier) if progress.waiting => (barrier, true),
            _ => (progress.current_stop(route).unwrap_or(0), false),
        };
        let Some(stop) = route.stops.get(index) else {
            return;
        };
        card_frame(ui, colours, |ui| {
            let heading = if waiting {
                format!("已到达：{}", stop.name)
            } else {
                format!("当前所在：{}", stop.name)
            };
            ui.label(
                RichText::new(heading)
                    .size(theme::size::HEADING * 0.8)
                    .color(colours.accent)
                    .strong(),
            );
            stop_text(ui, stop, colours);
            if !waiting {
                return;
            }
            ui.add_space(6.0);
            ui.label(format!(
                "答对本站 {} 道题（须全部正确）即可解锁，继续前进{}。",
                event.rules.quiz_size,
                if progress.banked_li > 0.0 {
                    format!("，并释放存储的 {:.1} 里", progress.banked_li)
                } else {
                    String::new()
                }
            ));
            match can_attempt(member, progress, route, &event.rules, index, shared.now()) {
                Ok(()) => {
                    let button = egui::Button::new(
                        RichText::new("开始站点答题")
                            .size(theme::size::BUTTON * 1.1)
                            .color(colours.on_accent),
                    )
                    .fill(colours.accent_fill);
                    if ui.add(button).clicked() {
                        self.start_quiz(shared, event.id, index);
                    }
                }
                Err(refusal) => {
                    ui.label(RichText::new(refusal.to_string()).color(colours.warning));
                }
            }
        });
    }

    fn start_quiz(&mut self, shared: &mut Shared, event: u32, stop: usize) {
        let Some(route) = bundled_route() else { return };
        let now = shared.now();
        let questions: Vec<&Question> = shared.library.usable_questions().collect();
        let drawn = match &shared.march {
            crate::ui::app::MarchSlot::Ready(data) => data
                .event(event)
                .map(|e| e.draw_station_quiz(self.member, route, stop, &questions, &mut shared.rng, now)),
            _ => None,
        };
        match drawn {
            Some(Ok(ids)) => {
                self.quiz = Some(StationQuiz {
                    stop,
                    ids,
                    index: 0,
                    draft: None,
                    judged: None,
                    right: Vec::new(),
                });
                self.message = None;
            }
            Some(Err(refusal)) => self.message = Some((false, refusal.to_string())),
            None => {}
        }
    }

    fn quiz_ui(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        event: &MarchEvent,
        member: &Member,
        route: &'static Route,
        colours: &Palette,
    ) {
        let Some(quiz) = self.quiz.as_mut() else { return };
        let stop_name = route.stops.get(quiz.stop).map_or("", |s| s.name.as_str());
        let Some(question) = quiz
            .ids
            .get(quiz.index)
            .and_then(|id| shared.question(id))
            .cloned()
        else {
            self.quiz = None;
            self.message = Some((false, "站点题目已不在题库中，请重新开始答题".into()));
            return;
        };
        let draft = quiz
            .draft
            .get_or_insert_with(|| Draft::new(&question, &mut shared.rng));
        ui.label(
            RichText::new(format!(
                "{stop_name} 站点答题 · 第 {} / {} 题",
                quiz.index + 1,
                quiz.ids.len()
            ))
            .size(theme::size::HEADING * 0.8)
            .color(colours.accent)
            .strong(),
        );
        let mut submit = false;
        let mut next = false;
        for key in AnswerKey::pressed(ui.ctx(), draft.choice_count(&question)) {
            match key {
                AnswerKey::Choose(index) if quiz.judged.is_none() => draft.choose_checked(&question, index),
                AnswerKey::Submit if quiz.judged.is_none() => submit = true,
                AnswerKey::Submit | AnswerKey::Next if quiz.judged.is_some() => next = true,
                AnswerKey::Up => draft.move_selected(-1),
                AnswerKey::Down => draft.move_selected(1),
                _ => {}
            }
        }
        let image = shared.question_image(ui.ctx(), &question.id);
        let style = ViewStyle::desk(colours, quiz.judged.is_some());
        question_view::stem(ui, &question, image.as_ref(), &style);
        let events = question_view::answer_area(ui, &question, draft, quiz.judged.as_ref(), &style);
        submit |= events.submit;
        ui.add_space(10.0);
        match &quiz.judged {
            None => {
                let button = egui::Button::new(RichText::new("提交答案（Enter）").color(colours.on_accent))
                    .fill(colours.accent_fill);
                if ui.add_enabled(draft.is_complete(), button).clicked() {
                    submit = true;
                }
            }
            Some(grade) => {
                ui.label(question_view::result_mark(grade.correct, colours).size(theme::size::VERDICT));
                question_view::explanation(ui, &question, colours);
                let last = quiz.index + 1 >= quiz.ids.len();
                let text = if last {
                    "查看结果（Enter）"
                } else {
                    "下一题（Enter）"
                };
                if ui
                    .add(
                        egui::Button::new(RichText::new(text).color(colours.on_accent))
                            .fill(colours.accent_fill),
                    )
                    .clicked()
                {
                    next = true;
                }
            }
        }
        if submit
            && quiz.judged.is_none()
            && let Some(response) = draft.response()
        {
            let grade = judge(&question, &response);
            quiz.right.push(grade.correct);
            quiz.judged = Some(grade);
        } else if next && quiz.judged.is_some() {
            quiz.index += 1;
            quiz.draft = None;
            quiz.judged = None;
            if quiz.index >= quiz.ids.len() {
                self.finish_quiz(shared, event, member, route);
            }
        }
    }

    fn finish_quiz(
        &mut self,
        shared: &mut Shared,
        event: &MarchEvent,
        member: &Member,
        route: &'static Route,
    ) {
        let Some(quiz) = self.quiz.take() else { return };
        let all_right = quiz.right.iter().all(|r| *r);
        let wrong = quiz.right.iter().filter(|r| !**r).count();
        let banked = member_progress(member, &event.rules, route).banked_li;
        let now = shared.now();
        let member_id = self.member;
        let stop_name = route
            .stops
            .get(quiz.stop)
            .map_or("", |s| s.name.as_str())
            .to_owned();
        let recorded = Self::change(shared, event.id, |event| {
            event.record_station_attempt(member_id, route, quiz.stop, quiz.ids.clone(), all_right, now)
        });
        self.message = match recorded {
            Some(Ok(true)) => Some((
                true,
                if banked > 0.0 {
                    format!("✓ 全部答对，“{stop_name}”站已解锁！存储的 {banked:.1} 里已释放，继续前进。")
                } else {
                    format!("✓ 全部答对，“{stop_name}”站已解锁！")
                },
            )),
            Some(Ok(false)) => Some((
                false,
                format!(
                    "× 答错 {wrong} 题，未能解锁。{} 分钟后可换题再试，里程仍为你保存。",
                    event.rules.retry_pause_minutes
                ),
            )),
            Some(Err(refusal)) => Some((false, refusal.to_string())),
            None => Some((false, "活动已不存在".into())),
        };
    }

    fn save_certificate(
        &mut self,
        shared: &mut Shared,
        event: &MarchEvent,
        member: &Member,
        progress: &MemberProgress,
        route: &Route,
    ) {
        let (Some(start), Some(finish)) = (member.steps.keys().next().copied(), progress.finish_date())
        else {
            return;
        };
        let Some(path) = rfd::FileDialog::new()
            .set_title("保存会师证书")
            .set_file_name(format!("{}-会师证书.png", member.name))
            .add_filter("PNG 图片", &["png"])
            .save_file()
        else {
            return;
        };
        let team = event
            .team(member.team)
            .map(|t| t.name.clone())
            .unwrap_or_default();
        let info = CertificateInfo {
            name: &member.name,
            team: &team,
            event: &event.name,
            start,
            finish,
            total_steps: progress.total_steps,
            total_li: progress.earned_li,
            route,
        };
        match save_certificate(&info, CJK_FONT, &path) {
            Ok(()) => shared.notify(NoticeKind::Info, format!("会师证书已保存到 {}", path.display())),
            Err(err) => shared.notify(NoticeKind::Error, err.to_string()),
        }
    }

    fn steps_entry(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        event: &MarchEvent,
        today: NaiveDate,
        colours: &Palette,
    ) {
        ui.label(RichText::new("录入步数").strong().size(theme::size::BODY * 1.15));
        let mut save = false;
        ui.horizontal(|ui| {
            day_field(ui, &mut self.day, today);
            let label = ui.label("步数");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.steps)
                        .hint_text("如 12000")
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
            if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                save = true;
            }
            let button = egui::Button::new(RichText::new("保存步数").color(colours.on_accent))
                .fill(colours.accent_fill);
            if ui.add(button).clicked() {
                save = true;
            }
            if ui
                .button("导入步数文件…")
                .on_hover_text("Apple 健康导出、Google 健身导出或 CSV 表格；也可把文件拖进窗口")
                .clicked()
                && let Some(path) = pick_step_file()
            {
                self.open_step_file(&path);
            }
        });
        if !save {
            return;
        }
        let Some(day) = parse_day(&self.day) else {
            self.message = Some((false, format!("日期“{}”无法识别，应如 2026-03-01", self.day)));
            return;
        };
        let cleaned: String = self
            .steps
            .chars()
            .filter(|c| !c.is_whitespace() && *c != ',')
            .collect();
        let Ok(steps) = cleaned.parse::<u32>() else {
            self.message = Some((false, format!("步数“{}”应为整数", self.steps)));
            return;
        };
        let member = self.member;
        let result = Self::change(shared, event.id, |event| {
            event.set_steps(member, day, steps, StepSource::Manual, today)
        });
        self.message = match result {
            Some(Ok(_)) => {
                let counted = event.rules.counted(steps);
                let mut text = format!(
                    "✓ 已记录 {} {steps} 步，折合 {:.1} 里",
                    day.format("%-m月%-d日"),
                    event.rules.li_for_day(steps)
                );
                if counted < steps {
                    text.push_str(&format!("（超过每日上限，按 {counted} 步计）"));
                }
                self.steps.clear();
                Some((true, text))
            }
            Some(Err(err)) => Some((false, err.to_string())),
            None => Some((false, "活动已不存在".into())),
        };
    }

    fn import_ui(
        &mut self,
        ui: &mut egui::Ui,
        shared: &mut Shared,
        event: &MarchEvent,
        member: &Member,
        today: NaiveDate,
        colours: &Palette,
    ) {
        let Some(preview) = &self.import else { return };
        let summary = review(&preview.file.days, event, member, today);
        let mut apply = false;
        let mut cancel = false;
        card_frame(ui, colours, |ui| {
            ui.label(
                RichText::new(format!(
                    "导入预览：{}（{}）",
                    preview.name,
                    preview.file.format.label()
                ))
                .strong()
                .size(theme::size::BODY * 1.15),
            );
            ui.label(summary_line(&preview.file, &summary));
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .id_salt("import_days")
                .show(ui, |ui| {
                    egui::Grid::new("import_days_grid")
                        .striped(true)
                        .num_columns(3)
                        .show(ui, |ui| {
                            ui.label(RichText::new("日期").strong());
                            ui.label(RichText::new("步数").strong());
                            ui.label(RichText::new("结果").strong());
                            ui.end_row();
                            for day in &summary.days {
                                ui.label(day.day.to_string());
                                ui.label(day.steps.to_string());
                                let colour = match day.outcome {
                                    DayOutcome::Refused(_) => colours.error,
                                    DayOutcome::Unchanged => colours.weak_text,
                                    _ if day.clipped() => colours.warning,
                                    _ => colours.success,
                                };
                                ui.label(RichText::new(day.note()).color(colour));
                                ui.end_row();
                            }
                        });
                });
            if preview.file.skipped_total() > 0 {
                egui::CollapsingHeader::new(format!("文件中跳过的 {} 行", preview.file.skipped_total()))
                    .id_salt("import_skipped")
                    .show(ui, |ui| {
                        for row in &preview.file.skipped {
                            ui.label(format!("{}：{}", row.location, row.reason));
                        }
                        if preview.file.skipped_unlisted > 0 {
                            ui.label(format!("另有 {} 行未逐行列出", preview.file.skipped_unlisted));
                        }
                    });
            }
            ui.horizontal(|ui| {
                let count = summary.to_apply();
                let button =
                    egui::Button::new(RichText::new(format!("导入 {count} 天")).color(colours.on_accent))
                        .fill(colours.accent_fill);
                if ui.add_enabled(count > 0, button).clicked() {
                    apply = true;
                }
                if ui.button("取消").clicked() {
                    cancel = true;
                }
            });
        });
        if cancel {
            self.import = None;
            return;
        }
        if !apply {
            return;
        }
        let source = preview.file.format.source();
        let days = summary.applicable();
        let member_id = self.member;
        let result = Self::change(shared, event.id, |event| {
            event.set_days(member_id, days, source, today)
        });
        self.message = match result {
            Some(Ok(report)) => Some((
                true,
                format!(
                    "✓ 已导入 {} 天的步数（{} 天与已有记录相同）",
                    report.changed, report.unchanged
                ),
            )),
            Some(Err(err)) => Some((false, err.to_string())),
            None => Some((false, "活动已不存在".into())),
        };
        self.import = None;
    }
}

/// Asks for a step file.
fn pick_step_file() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("导入步数文件")
        .add_filter("步数文件", &["zip", "xml", "csv", "txt"])
        .pick_file()
}

/// The preview's one-line summary.
fn summary_line(file: &StepFile, summary: &ReviewSummary) -> String {
    let mut line = format!(
        "文件中 {} 天，共 {} 步。将写入 {} 天",
        file.days.len(),
        file.total_steps(),
        summary.to_apply()
    );
    if summary.unchanged() > 0 {
        line.push_str(&format!("，{} 天与已有记录相同", summary.unchanged()));
    }
    if summary.refused() > 0 {
        line.push_str(&format!("，{} 天不能导入", summary.refused()));
    }
    if summary.clipped() > 0 {
        line.push_str(&format!("，{} 天超过每日上限（按上限计）", summary.clipped()));
    }
    line.push('。');
    line
}

/// A card with the theme's card colour.
fn card_frame(ui: &mut egui::Ui, colours: &Palette, add: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::group(ui.style())
        .fill(colours.card)
        .inner_margin(theme::space::CARD_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            add(ui);
        });
}

/// A stop's event, date, place, history card and source.
fn stop_text(ui: &mut egui::Ui, stop: &crate::content::route::Stop, colours: &Palette) {
    ui.label(RichText::new(&stop.event).strong());
    ui.label(RichText::new(format!("{} · {}", stop.dates_text, stop.place)).color(colours.weak_text));
    ui.add(egui::Label::new(&stop.card).wrap());
    ui.label(
        RichText::new(format!("出处：{}", stop.source))
            .size(theme::size::SMALL)
            .color(colours.weak_text),
    );
}

/// Totals and the way ahead.
fn progress_card(
    ui: &mut egui::Ui,
    event: &MarchEvent,
    progress: &MemberProgress,
    route: &Route,
    colours: &Palette,
) {
    card_frame(ui, colours, |ui| {
        ui.horizontal(|ui| {
            figure(
                ui,
                "已走里程",
                &format!("{:.1} 里", progress.position_li),
                colours,
            );
            figure(ui, "累计步数", &progress.total_steps.to_string(), colours);
            let finish = route.stops.last().map_or(25_000.0, |s| f64::from(s.li));
            figure(
                ui,
                "全程完成",
                &format!("{:.1}%", (progress.position_li / finish * 100.0).min(100.0)),
                colours,
            );
        });
        if progress.banked_li > 0.0 {
            ui.label(
                RichText::new(format!(
                    "存储里程 {:.1} 里：通过站点答题后释放，不会丢失",
                    progress.banked_li
                ))
                .color(colours.warning)
                .strong(),
            );
        }
        if let Some(next) = progress.next_stop(route).and_then(|i| route.stops.get(i))
            && !progress.waiting
        {
            let left = f64::from(next.li) - progress.position_li;
            let per_day = event.rules.li_for_day(event.rules.daily_goal);
            ui.label(format!(
                "距下一站“{}”还有 {left:.1} 里（按每天 {} 步约 {:.0} 天）",
                next.name,
                event.rules.daily_goal,
                (left / per_day.max(0.01)).ceil()
            ));
        }
    });
}

fn figure(ui: &mut egui::Ui, label: &str, value: &str, colours: &Palette) {
    ui.vertical(|ui| {
        ui.label(RichText::new(label).color(colours.weak_text));
        ui.label(
            RichText::new(value)
                .size(theme::size::FIGURE * 0.8)
                .color(colours.accent)
                .strong(),
        );
    });
    ui.add_space(24.0);
}

/// The last days with steps, each removable.
fn recent_steps(
    ui: &mut egui::Ui,
    shared: &mut Shared,
    event: &MarchEvent,
    member: &Member,
    colours: &Palette,
    member_id: MemberId,
) {
    ui.label(
        RichText::new("最近的步数")
            .strong()
            .size(theme::size::BODY * 1.15),
    );
    if member.steps.is_empty() {
        ui.label(RichText::new("还没有步数记录").color(colours.weak_text));
        return;
    }
    let mut remove = None;
    egui::Grid::new("recent_steps")
        .striped(true)
        .num_columns(5)
        .show(ui, |ui| {
            for (day, entry) in member.steps.iter().rev().take(RECENT_DAYS) {
                ui.label(day.format("%Y-%m-%d").to_string());
                ui.label(format!("{} 步", entry.steps));
                ui.label(format!("{:.1} 里", event.rules.li_for_day(entry.steps)));
                ui.label(RichText::new(entry.source.label()).color(colours.weak_text));
                if ui
                    .small_button("删除")
                    .on_hover_text("删除这一天的步数")
                    .clicked()
                {
                    remove = Some(*day);
                }
                ui.end_row();
            }
        });
    if let Some(day) = remove {
        MarchMemberScreen::change(shared, event.id, |event| event.clear_steps(member_id, day));
    }
}

/// How a stop is drawn for this member.
fn stop_state(progress: &MemberProgress, member: &Member, route: &Route, index: usize) -> StopState {
    let Some(stop) = route.stops.get(index) else {
        return StopState::Locked;
    };
    if progress.barrier == Some(index) && progress.waiting {
        return StopState::Current;
    }
    if !progress.has_reached(index) {
        return StopState::Locked;
    }
    if stop.role == StopRole::Station && !member.passed(&stop.id) {
        return StopState::Current;
    }
    if progress.current_stop(route) == Some(index) && !progress.finished {
        return StopState::Current;
    }
    StopState::Passed
}

/// A badge per station: lit once its quiz is passed.
fn badges(ui: &mut egui::Ui, route: &Route, member: &Member, progress: &MemberProgress, colours: &Palette) {
    ui.label(RichText::new("站点徽章").strong().size(theme::size::BODY * 1.15));
    let stations: Vec<&crate::content::route::Stop> =
        route.stops.iter().filter(|s| s.role != StopRole::Start).collect();
    let size = vec2(68.0, 58.0);
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = vec2(4.0, 4.0);
        for stop in stations {
            let earned = match stop.role {
                StopRole::Finish => progress.finished,
                _ => member.passed(&stop.id),
            };
            let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
            let painter = ui.painter();
            let centre = rect.center_top() + vec2(0.0, 20.0);
            if earned {
                painter.circle(
                    centre,
                    17.0,
                    colours.accent_fill,
                    Stroke::new(3.0, colours.highlight),
                );
                painter.text(
                    centre,
                    egui::Align2::CENTER_CENTER,
                    "★",
                    egui::FontId::proportional(18.0),
                    colours.highlight,
                );
            } else {
                painter.circle(
                    centre,
                    17.0,
                    Color32::TRANSPARENT,
                    Stroke::new(2.0, theme::map::LOCKED),
                );
            }
            let text_colour = if earned { colours.accent } else { colours.weak_text };
            painter.text(
                rect.center_bottom(),
                egui::Align2::CENTER_BOTTOM,
                &stop.name,
                egui::FontId::proportional(13.0),
                text_colour,
            );
            let state = if earned { "已获得" } else { "未获得" };
            let description = format!("徽章 {}：{state}", stop.name);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &description));
            response.on_hover_text(format!("{}（{}）：{state}", stop.name, stop.event));
        }
    });
}
