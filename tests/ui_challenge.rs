//! 挑战答题 through the real widgets: a solo run played by keyboard to a wrong answer and its review;
//! a two-contestant 擂台赛 that the challenger wins, resumed after the app is closed mid-arena.

mod common;

use common::app::{add_profile, clock, harness, open, prepare, saved};
use dangshi::bank::{Question, QuestionKind};
use dangshi::challenge::{Arena, Run};
use dangshi::store::DataDir;
use dangshi::ui::DangshiApp;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Presses the keys that answer `question` right or wrong.
fn answer(harness: &mut Harness<'static, DangshiApp>, question: &Question, right: bool) {
    let keys: Vec<Key> = match (&question.kind, right) {
        (QuestionKind::Single { answer, options }, _) => {
            let pick = if right {
                *answer
            } else {
                (*answer + 1) % options.len()
            };
            vec![[Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6][pick]]
        }
        (QuestionKind::Judge { answer }, _) => vec![if *answer == right { Key::Num1 } else { Key::Num2 }],
        (QuestionKind::Multiple { answers, options }, true) => {
            let mut keys: Vec<Key> = answers
                .iter()
                .map(|a| [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6][*a])
                .collect();
            keys.push(Key::Enter);
            assert!(options.len() <= 6);
            keys
        }
        (QuestionKind::Multiple { answers, options }, false) => {
            let wrong = (0..options.len()).find(|i| !answers.contains(i)).unwrap_or(0);
            vec![
                [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5, Key::Num6][wrong],
                Key::Enter,
            ]
        }
        (QuestionKind::Fill { .. } | QuestionKind::Order { .. }, _) => panic!("challenges ask no such kind"),
    };
    for key in keys {
        harness.key_press(key);
        harness.run();
    }
}

/// The question the arena shows now.
fn arena_question(harness: &Harness<'static, DangshiApp>) -> Question {
    let shared = harness.state().shared();
    let id = shared
        .arena
        .as_ref()
        .and_then(Arena::run)
        .and_then(Run::current)
        .expect("a question on stage")
        .to_owned();
    shared.question(&id).cloned().expect("known question")
}

/// From home: 挑战答题, contestants 甲 and 乙 entered, 开始擂台赛.
fn start_arena(harness: &mut Harness<'static, DangshiApp>) {
    open(harness, "挑战答题");
    for (label, name) in [("第 1 位选手姓名", "甲"), ("第 2 位选手姓名", "乙")] {
        harness.get_by_label(label).focus();
        harness.run();
        harness.get_by_label(label).type_text(name);
        harness.run();
    }
    harness.get_by_label_contains("开始擂台赛").click();
    harness.run();
}

fn space(harness: &mut Harness<'static, DangshiApp>) {
    harness.key_press(Key::Space);
    harness.run();
}

/// Plays the arena's current bout: `right` right answers, then a miss, then on to the next bout.
fn play_bout(harness: &mut Harness<'static, DangshiApp>, right: usize) {
    space(harness);
    for _ in 0..right {
        let question = arena_question(harness);
        answer(harness, &question, true);
        harness.get_by_label("✓ 回答正确");
        space(harness);
    }
    let question = arena_question(harness);
    answer(harness, &question, false);
    harness.get_by_label("× 回答错误");
    space(harness);
}

#[test]
fn a_solo_run_by_keyboard_ends_at_the_first_wrong_answer_with_a_review() {
    let dir = tempfile::tempdir().expect("temp dir");
    prepare(dir.path(), |record| {
        record.challenge.settings.filter = record.settings.filter.clone();
    });
    let clock = clock();
    let mut harness = harness(dir.path(), &clock);
    add_profile(&mut harness, "李四");
    open(&mut harness, "挑战答题");
    harness.get_by_label("个人最好成绩：连续答对 0 题");
    open(&mut harness, "开始个人挑战（3 题可抽）");
    harness.get_by_label("开始挑战（空格）");
    space(&mut harness);
    let stems = [
        ("测试：中国共产党第一次全国代表大会召开于哪一年？", "t-1"),
        ("测试：遵义会议召开于1935年1月。", "t-2"),
        ("测试：下列属于三大法宝的有（ ）。", "t-3"),
    ];
    for turn in 0..3 {
        let (_, id) = stems
            .iter()
            .find(|(stem, _)| harness.query_by_label(stem).is_some())
            .expect("a test question on screen");
        let question = harness.state().shared().question(id).cloned().expect("question");
        harness.get_by_label("30");
        answer(&mut harness, &question, turn < 2);
        let verdict = if turn < 2 {
            "✓ 回答正确"
        } else {
            "× 回答错误"
        };
        harness.get_by_label(verdict);
        space(&mut harness);
    }
    harness.get_by_label("答错，挑战结束");
    harness.get_by_label("连续答对 2 题");
    harness.get_by_label("本次挑战的题目");
    for number in 1..=3 {
        harness.get_by_label(&format!("第 {number} 题"));
    }
    let record = saved(dir.path());
    assert_eq!(record.challenge.best, 2);
    assert_eq!(record.challenge.runs.len(), 1);
}

#[test]
fn a_two_contestant_arena_won_by_the_challenger_survives_a_restart() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = clock();
    {
        let mut harness = harness(dir.path(), &clock);
        start_arena(&mut harness);
        harness.get_by_label("立擂");
        harness.get_by_label("甲");
        play_bout(&mut harness, 1);
        harness.get_by_label("擂主：甲");
        harness.get_by_label("1. 甲 立擂：连续答对 1 题");
    }
    // The app is closed between bouts; the arena comes back from disk.
    assert!(DataDir::at(dir.path()).arena_file().exists());
    let mut harness = harness(dir.path(), &clock);
    open(&mut harness, "挑战答题");
    open(&mut harness, "继续擂台赛");
    harness.get_by_label("第 1 轮 · 下一位挑战者");
    harness.get_by_label("连续答对超过 1 题即夺擂，答对 1 题进入加赛");
    play_bout(&mut harness, 2);
    harness.get_by_label("擂台赛结束");
    harness.get_by_label("★ 擂主 乙 ★");
    harness.get_by_label("记录连续答对 2 题，守擂成功 0 次");
    harness.get_by_label("2. 乙 挑战成功：2 题胜 1 题，成为新擂主");
}

#[test]
fn z_undoes_a_wrong_judgement_in_the_arena() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = clock();
    let mut harness = harness(dir.path(), &clock);
    start_arena(&mut harness);
    space(&mut harness);
    let question = arena_question(&harness);
    answer(&mut harness, &question, false);
    harness.get_by_label("× 回答错误");
    harness.key_press(Key::Z);
    harness.run();
    assert!(harness.query_by_label("× 回答错误").is_none());
    assert_eq!(
        arena_question(&harness).id,
        question.id,
        "the same question again"
    );
    answer(&mut harness, &question, true);
    harness.get_by_label("✓ 回答正确");
}
