//! 知识竞赛 through the real widgets: a two-team contest through a 必答 question and a 抢答 question
//! with a false start, resumed from its log; and the audience view, which never shows the answer
//! before the host reveals it.

mod common;

use chrono::{FixedOffset, TimeDelta, TimeZone};
use common::app::{clock, open, teams};
use dangshi::bank::{Era, Question, QuestionKind};
use dangshi::contest::cues::Cue;
use dangshi::contest::{Contest, ContestPlan, Event};
use dangshi::store::DataDir;
use dangshi::store::ThemeChoice;
use dangshi::ui::DangshiApp;
use dangshi::ui::app::{Clock, ManualClock};
use dangshi::ui::contest_view;
use dangshi::ui::fonts::install_cjk_font;
use dangshi::ui::theme;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn contest_harness(data: &std::path::Path, clock: &ManualClock) -> Harness<'static, DangshiApp> {
    let data = DataDir::at(data);
    let clock = Clock::Manual(clock.clone());
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_max_steps(200)
        .build_eframe(move |cc| DangshiApp::with_clock(&cc.egui_ctx, data, clock));
    harness.run();
    harness
}

/// A new contest with the standard plan, its first 必答 question on screen.
fn first_question_shown(data: &std::path::Path, clock: &ManualClock) -> Harness<'static, DangshiApp> {
    let mut harness = contest_harness(data, clock);
    open(&mut harness, "知识竞赛");
    open(&mut harness, "开始比赛");
    press(&mut harness, Key::F1);
    harness
}

fn press(harness: &mut Harness<'static, DangshiApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn scores(harness: &Harness<'static, DangshiApp>) -> Vec<i32> {
    harness
        .state()
        .shared()
        .contest
        .as_ref()
        .map(|log| log.contest().scores.clone())
        .expect("a contest")
}

#[test]
fn two_teams_through_a_required_and_a_buzz_question_with_a_false_start() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = clock();
    {
        let mut harness = contest_harness(dir.path(), &clock);
        open(&mut harness, "知识竞赛");
        harness.get_by_label("参赛队伍");
        open(&mut harness, "开始比赛");
        harness.get_by_label("第一轮 必答题");
        harness.get_by_label("请 第一队 准备答题");
        // 必答: the first team's question, answered right.
        press(&mut harness, Key::F1);
        harness.get_by_label("第一队 答题");
        press(&mut harness, Key::F3);
        harness.get_by_label("✓ 第一队 回答正确");
        assert_eq!(scores(&harness), vec![110, 100]);
        // On to the 抢答 round: the other 必答 turns are skipped by the host.
        for _ in 0..4 {
            press(&mut harness, Key::F8);
        }
        harness.get_by_label("第二轮 抢答题");
        press(&mut harness, Key::F1);
        harness.get_by_label("请听题，听到“开始抢答”后再按抢答器");
        // Team two's buzzer (key 2) before the host opens: a false start.
        press(&mut harness, Key::Num2);
        harness.get_by_label("× 第二队 抢答犯规，本题作废");
        assert_eq!(scores(&harness), vec![110, 90]);
        press(&mut harness, Key::F8);
        press(&mut harness, Key::F1);
        press(&mut harness, Key::F2);
        harness.get_by_label("请抢答！");
        press(&mut harness, Key::Num1);
        press(&mut harness, Key::Num2);
        harness.get_by_label("第一队 抢到答题权！");
        press(&mut harness, Key::F3);
        harness.get_by_label("✓ 第一队 回答正确");
        assert_eq!(scores(&harness), vec![120, 90]);
        // Undo the judgement from the keyboard.
        harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
        harness.run();
        assert_eq!(scores(&harness), vec![110, 90]);
        press(&mut harness, Key::F3);
        assert_eq!(scores(&harness), vec![120, 90]);
        assert_eq!(
            harness.state().shared().sound.recent(),
            [Cue::Correct, Cue::Buzz, Cue::Buzz, Cue::Correct, Cue::Correct],
            "a cue for each judgement and each heard buzz; none for the late press or the undo"
        );
    }
    // The app is closed mid-round; the log brings the contest back exactly.
    let mut harness = contest_harness(dir.path(), &clock);
    harness.get_by_label_contains("尚未结束，已恢复到中断处");
    open(&mut harness, "知识竞赛");
    open(&mut harness, "继续比赛");
    harness.get_by_label("✓ 第一队 回答正确");
    assert_eq!(scores(&harness), vec![120, 90]);
}

#[test]
fn the_last_five_seconds_tick_and_time_up_sounds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = clock();
    let mut harness = first_question_shown(dir.path(), &clock);
    let cues = |harness: &Harness<'static, DangshiApp>| harness.state().shared().sound.recent().to_vec();
    clock.advance(TimeDelta::seconds(24));
    harness.run();
    assert!(cues(&harness).is_empty(), "6 seconds left: quiet");
    for second in 25..30 {
        clock.advance(TimeDelta::seconds(1));
        harness.run();
        assert_eq!(cues(&harness).len(), second - 24, "a tick at {second} s");
    }
    clock.advance(TimeDelta::seconds(1));
    harness.run();
    let heard = cues(&harness);
    assert_eq!(heard[..5], [Cue::Tick; 5]);
    assert_eq!(heard[5..], [Cue::TimeUp]);
}

#[test]
fn a_fast_right_answer_earns_the_speed_bonus_when_it_is_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = clock();
    let mut harness = contest_harness(dir.path(), &clock);
    open(&mut harness, "知识竞赛");
    harness
        .get_by_label("速度与连对加分（必答题、抢答题答对时）")
        .click();
    harness.run();
    harness.get_by_label("最快答对加");
    open(&mut harness, "开始比赛");
    press(&mut harness, Key::F1);
    press(&mut harness, Key::F3);
    assert_eq!(
        scores(&harness),
        vec![115, 100],
        "10 points and 5 for answering at once"
    );
}

/// The audience screen alone at 1920×1080, as the projector shows it.
fn audience_harness(
    contest: Contest,
    question: Option<Question>,
    t: dangshi::practice::Moment,
) -> Harness<'static> {
    let mut harness = Harness::builder()
        .with_size([1920.0, 1080.0])
        .with_max_steps(200)
        .build_ui(move |ui| {
            install_cjk_font(ui.ctx());
            let colours = theme::palette(ThemeChoice::PartyRed);
            contest_view::audience(ui, &contest, question.as_ref(), t, &colours);
        });
    harness.run();
    harness
}

fn fill_question() -> Question {
    Question {
        id: "f1".into(),
        stem: "中国共产党第一次全国代表大会最后一天的会议转移到浙江嘉兴___上举行。".into(),
        kind: QuestionKind::Fill {
            blanks: vec![vec!["南湖红船".into(), "南湖".into()]],
        },
        explanation: "一大最后一天的会议在嘉兴南湖的游船上举行。".into(),
        source: "《中国共产党简史》".into(),
        era: Era::Founding,
        tags: Vec::new(),
        difficulty: 2,
        image: None,
    }
}

#[test]
fn the_audience_never_sees_the_answer_before_it_is_revealed() {
    let teams = teams(&["甲队", "乙队"]);
    let mut contest = Contest::new(ContestPlan::standard("测试赛", teams));
    let t = FixedOffset::east_opt(8 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).single())
        .expect("time");
    let question = fill_question();
    let answer_shown = |contest: &Contest| {
        let contest = contest.clone();
        let question = question.clone();
        let harness = audience_harness(contest, Some(question), t);
        harness.get_by_label_contains("嘉兴");
        harness.query_all_by_label_contains("南湖").next().is_some()
            || harness.query_all_by_label_contains("正确答案").next().is_some()
    };
    contest
        .apply(
            &Event::Show {
                question: "f1".into(),
            },
            t,
        )
        .expect("show");
    assert!(!answer_shown(&contest), "question on screen");
    contest.apply(&Event::Judge { correct: false }, t).expect("judge");
    assert!(!answer_shown(&contest), "judged but not revealed");
    contest.apply(&Event::Reveal, t).expect("reveal");
    assert!(answer_shown(&contest), "revealed");
}

#[test]
fn the_podium_shares_a_place_between_equal_scores() {
    let mut plan = ContestPlan::standard("测试赛", teams(&["甲队", "乙队", "丙队"]));
    plan.rounds.truncate(1);
    if let dangshi::contest::RoundKind::Required { per_team, .. } = &mut plan.rounds[0].kind {
        *per_team = 1;
    }
    let mut contest = Contest::new(plan);
    let t = FixedOffset::east_opt(8 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).single())
        .expect("time");
    for (turn, correct) in [true, false, false].into_iter().enumerate() {
        let shown = Event::Show {
            question: format!("q{turn}"),
        };
        for event in [shown, Event::Judge { correct }, Event::Next] {
            contest.apply(&event, t).expect("event");
        }
    }
    assert!(contest.is_finished());
    let harness = audience_harness(contest, None, t);
    harness.get_by_label("冠军  甲队  110 分");
    harness.get_by_label("亚军  乙队  100 分");
    harness.get_by_label("亚军  丙队  100 分");
}

#[test]
fn setting_up_anew_keeps_the_old_log_aside() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = clock();
    let mut harness = first_question_shown(dir.path(), &clock);
    press(&mut harness, Key::Escape);
    harness.get_by_label_contains("有一场比赛尚未结束");
    open(&mut harness, "重新设置比赛");
    open(&mut harness, "确定");
    harness.get_by_label("参赛队伍");
    let folder = DataDir::at(dir.path()).contest_log();
    let folder = folder.parent().expect("contest folder");
    let kept: Vec<String> = std::fs::read_dir(folder)
        .expect("contest folder")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("contest-") && name.ends_with(".log"))
        .collect();
    assert_eq!(kept.len(), 1, "the old log is kept: {kept:?}");
    assert!(!DataDir::at(dir.path()).contest_log().exists());
}
