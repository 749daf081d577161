//! What the audience sees of a 知识竞赛: the round, the question and its options (the answer only
//! once revealed), the clock, who buzzed first, the scoreboard with animated scores, the podium.
//! The host console shows the same scoreboard and presses.

use chrono::TimeDelta;
use egui::{Color32, CornerRadius, RichText, Sense, Stroke, vec2};

use super::question_view::{self, ViewStyle};
use super::stage::{self, StageSizes};
use super::theme::Palette;
use crate::bank::Question;
use crate::contest::results::totals;
use crate::contest::{Contest, Stage};
use crate::practice::answer::{Grade, correct_answer_text};
use crate::practice::{Draft, Moment};

/// A team's colour.
pub fn team_colour(contest: &Contest, team: usize) -> Color32 {
    contest.plan.teams.get(team).map_or(Color32::GRAY, |t| {
        Color32::from_rgb(t.colour[0], t.colour[1], t.colour[2])
    })
}

/// A team's name.
pub fn team_name(contest: &Contest, team: usize) -> String {
    contest
        .plan
        .teams
        .get(team)
        .map_or(String::new(), |t| t.name.clone())
}

/// One line on what is happening, e.g. `红星队 抢到答题权！`, with its colour.
pub fn stage_line(contest: &Contest, colours: &Palette) -> (String, Color32) {
    let turn = contest.turn_team();
    match &contest.stage {
        Stage::Ready => match (contest.round_kind(), turn, &contest.tie_break) {
            (_, _, Some(tied)) => {
                let names: Vec<String> = tied.iter().map(|t| team_name(contest, *t)).collect();
                (format!("加赛：{}", names.join(" 对 ")), colours.highlight)
            }
            (Some(crate::contest::RoundKind::Risk { .. }), Some(team), _) => (
                format!("请 {} 选择分值", team_name(contest, team)),
                team_colour(contest, team),
            ),
            (_, Some(team), _) if contest.speed_ends.is_some() => (
                format!("{} 限时速答中", team_name(contest, team)),
                team_colour(contest, team),
            ),
            (_, Some(team), _) => (
                format!("请 {} 准备答题", team_name(contest, team)),
                team_colour(contest, team),
            ),
            _ => ("请准备".to_owned(), colours.weak_text),
        },
        Stage::Picked { value } => {
            let team = turn.map_or(String::new(), |t| team_name(contest, t));
            (format!("{team} 选择 {value} 分题"), colours.highlight)
        }
        Stage::Reading { .. } => ("请听题，听到“开始抢答”后再按抢答器".to_owned(), colours.weak_text),
        Stage::Buzzing { .. } => ("请抢答！".to_owned(), colours.accent),
        Stage::Answering { team, .. } => {
            let verb = if contest.presses.iter().any(|p| p.won) {
                "抢到答题权！"
            } else {
                "答题"
            };
            (
                format!("{} {verb}", team_name(contest, *team)),
                team_colour(contest, *team),
            )
        }
        Stage::Judged {
            team, correct: true, ..
        } => (
            format!("✓ {} 回答正确", team_name(contest, *team)),
            colours.success,
        ),
        Stage::Judged {
            team, correct: false, ..
        } => (format!("× {} 回答错误", team_name(contest, *team)), colours.error),
        Stage::Voided { .. } => match contest.presses.iter().find(|p| p.false_start) {
            Some(press) => (
                format!("× {} 抢答犯规，本题作废", team_name(contest, press.team)),
                colours.error,
            ),
            None => ("本题作废".to_owned(), colours.weak_text),
        },
        Stage::TurnOver => ("时间到".to_owned(), colours.error),
        Stage::Finished => ("比赛结束".to_owned(), colours.highlight),
    }
}

/// The buzzer presses on the current question, the winner loud, later presses greyed.
pub fn presses(ui: &mut egui::Ui, contest: &Contest, size: f32, colours: &Palette) {
    let Some(first) = contest.presses.first().map(|p| p.at) else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        for (order, press) in contest.presses.iter().enumerate() {
            let after = (press.at - first).num_milliseconds();
            let text = format!(
                "{}. {} +{:.3} 秒",
                order + 1,
                team_name(contest, press.team),
                after as f64 / 1000.0
            );
            let label = if press.won {
                RichText::new(format!("{text} 抢到"))
                    .strong()
                    .color(team_colour(contest, press.team))
            } else if press.false_start {
                RichText::new(format!("{text} 犯规")).color(colours.error)
            } else {
                RichText::new(text).color(colours.weak_text.gamma_multiply(0.7))
            };
            ui.label(label.size(size));
        }
    });
}

/// The scoreboard: teams by rank, scores counting up or down to their new values.
pub fn scoreboard(ui: &mut egui::Ui, contest: &Contest, size: f32, colours: &Palette) {
    let ranking = contest.ranking();
    let best = contest.scores.iter().copied().max().unwrap_or(0).max(1) as f32;
    let width = ui.available_width();
    for (rank, team) in ranking.iter().enumerate() {
        let score = contest.scores[*team];
        let shown =
            ui.ctx()
                .animate_value_with_time(egui::Id::unique(("contest-score", *team)), score as f32, 0.8);
        ui.horizontal(|ui| {
            ui.label(RichText::new(format!("{}", rank + 1)).size(size).strong());
            ui.add_sized(
                [size * 7.0, size * 1.3],
                egui::Label::new(
                    RichText::new(team_name(contest, *team))
                        .size(size)
                        .color(team_colour(contest, *team)),
                )
                .truncate(),
            );
            let bar_width = (width - size * 12.0).max(40.0);
            let (rect, _) = ui.allocate_exact_size(vec2(bar_width, size * 0.8), Sense::hover());
            let share = (shown.max(0.0) / best).clamp(0.0, 1.0);
            ui.painter()
                .rect_filled(rect, CornerRadius::same(4), ui.visuals().extreme_bg_color);
            let filled = egui::Rect::from_min_size(rect.min, vec2(rect.width() * share, rect.height()));
            ui.painter()
                .rect_filled(filled, CornerRadius::same(4), team_colour(contest, *team));
            ui.label(
                RichText::new(format!("{:.0}", shown))
                    .size(size)
                    .strong()
                    .color(colours.accent),
            )
            .on_hover_text(format!("{} 分", score));
        });
    }
}

/// The podium: the first places, biggest first.
pub fn podium(ui: &mut egui::Ui, contest: &Contest, sizes: &StageSizes, colours: &Palette) {
    let places = contest.plan.podium.clamp(1, contest.scores.len().max(1));
    let titles = ["冠军", "亚军", "季军"];
    ui.vertical_centered(|ui| {
        ui.label(
            RichText::new(&contest.plan.title)
                .size(sizes.header)
                .color(colours.weak_text),
        );
        // Teams with equal scores share a place.
        for line in totals(contest).into_iter().filter(|l| l.place <= places) {
            let place = line.place - 1;
            let title = titles
                .get(place)
                .map_or_else(|| format!("第 {} 名", line.place), |t| (*t).to_owned());
            let size = sizes.stem * (1.3 - 0.2 * place as f32).max(0.7);
            ui.label(
                RichText::new(format!("{title}  {}  {} 分", line.name, line.score))
                    .size(size)
                    .strong()
                    .color(if place == 0 {
                        colours.highlight
                    } else {
                        team_colour(contest, line.team)
                    }),
            );
        }
    });
}

/// The whole audience screen. `question` is the question on stage, looked up by the caller.
pub fn audience(
    ui: &mut egui::Ui,
    contest: &Contest,
    question: Option<&Question>,
    now: Moment,
    colours: &Palette,
) {
    let sizes = StageSizes::for_window(ui);
    if contest.is_finished() {
        podium(ui, contest, &sizes, colours);
        ui.add_space(sizes.body);
        scoreboard(ui, contest, sizes.body, colours);
        return;
    }
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(
                RichText::new(&contest.plan.title)
                    .size(sizes.body)
                    .color(colours.weak_text),
            );
            ui.label(
                RichText::new(contest.round_name())
                    .size(sizes.header)
                    .strong()
                    .color(colours.accent),
            );
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(left) = contest.remaining(now) {
                stage::countdown(ui, Some(left), contest.paused_at.is_some(), &sizes, colours);
            }
        });
    });
    let (line, colour) = stage_line(contest, colours);
    ui.label(
        RichText::new(line)
            .size(sizes.header * 1.2)
            .strong()
            .color(colour),
    );
    presses(ui, contest, sizes.body * 0.8, colours);
    ui.separator();
    let scoreboard_height = (contest.scores.len() as f32) * sizes.body * 1.6 + sizes.body;
    if let Some(question) = question {
        let stem_height = (ui.available_height() - scoreboard_height) * 0.4;
        audience_question(ui, question, contest.revealed, stem_height, &sizes, colours);
    }
    ui.add_space(sizes.body * 0.5);
    egui::Frame::new()
        .stroke(Stroke::new(1.0, colours.highlight))
        .corner_radius(6)
        .inner_margin(8)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            scoreboard(ui, contest, sizes.body, colours);
        });
}

/// A question as the audience sees it: the stem fitted into `stem_height`, the options locked (a
/// screen for showing, never for answering), and once `reveal`ed ✓ on the right choices and the
/// correct answer in a line below (the only place 排序 and 填空 answers appear).
pub fn audience_question(
    ui: &mut egui::Ui,
    question: &Question,
    reveal: bool,
    stem_height: f32,
    sizes: &StageSizes,
    colours: &Palette,
) {
    let style = ViewStyle {
        colours,
        stem_size: stage::fit_size(
            ui,
            &[&question.stem],
            sizes.stem,
            sizes.stem_min,
            ui.available_width(),
            stem_height,
            0.0,
        ),
        option_size: sizes.option,
        reveal,
    };
    question_view::stem(ui, question, None, &style);
    let choices = matches!(
        question.kind,
        crate::bank::QuestionKind::Single { .. }
            | crate::bank::QuestionKind::Multiple { .. }
            | crate::bank::QuestionKind::Judge { .. }
    );
    if !matches!(question.kind, crate::bank::QuestionKind::Fill { .. }) {
        let mut shown = stage_draft(question);
        let grade = Some(Grade::unanswered());
        let style = ViewStyle {
            reveal: reveal && choices,
            ..style
        };
        question_view::answer_area(ui, question, &mut shown, grade.as_ref(), &style);
    }
    if reveal {
        ui.label(
            RichText::new(format!("正确答案：{}", correct_answer_text(question)))
                .size(sizes.header)
                .strong()
                .color(colours.success),
        );
    }
}

/// The question as shown in a contest, nothing chosen; 排序 items rotated by one, the same on every
/// screen, so they never appear in the right order.
pub fn stage_draft(question: &Question) -> Draft {
    match &question.kind {
        crate::bank::QuestionKind::Single { .. } => Draft::Single(None),
        crate::bank::QuestionKind::Multiple { .. } => Draft::Multiple(Default::default()),
        crate::bank::QuestionKind::Judge { .. } => Draft::Judge(None),
        crate::bank::QuestionKind::Fill { blanks } => Draft::Fill(vec![String::new(); blanks.len()]),
        crate::bank::QuestionKind::Order { items } => Draft::Order {
            arranged: (1..items.len()).chain(0..items.len().min(1)).collect(),
            selected: None,
        },
    }
}

/// Seconds left, as `剩余 mm:ss`.
pub fn clock_text(left: TimeDelta) -> String {
    let seconds = (left.num_milliseconds() + 999) / 1000;
    format!("{:02}:{:02}", seconds / 60, seconds % 60)
}
