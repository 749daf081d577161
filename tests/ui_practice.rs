//! Practice alone, driven through the real widgets: pick a profile, answer by keyboard, an exam
//! that ends by time-out, the wrong book growing and shrinking.

mod common;

use std::path::Path;

use chrono::TimeDelta;
use common::app::{add_profile, clock, harness, open, prepare, saved};
use dangshi::practice::StudyRecord;
use dangshi::store::DataDir;
use dangshi::ui::DangshiApp;
use dangshi::ui::app::ManualClock;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Test bank and settings prepared, the app open, profile 李四 added, 学习练习 open.
fn start(data: &Path, edit: impl FnOnce(&mut StudyRecord)) -> (Harness<'static, DangshiApp>, ManualClock) {
    prepare(data, edit);
    let clock = clock();
    let mut harness = harness(data, &clock);
    add_profile(&mut harness, "李四");
    open(&mut harness, "学习练习");
    (harness, clock)
}

#[test]
fn pick_a_profile_and_answer_a_single_choice_question_with_the_keyboard() {
    let dir = tempfile::tempdir().expect("temp dir");
    prepare(dir.path(), |_| {});
    let clock = clock();
    let mut harness = harness(dir.path(), &clock);
    add_profile(&mut harness, "李四");
    harness.get_by_label("你好，李四！选择今天的学习内容。");
    open(&mut harness, "学习练习");
    open(&mut harness, "顺序练习");
    harness.get_by_label("测试：中国共产党第一次全国代表大会召开于哪一年？");
    harness.get_by_label("第 1 / 3 题 · 答对 0 题 · 积分 +0");

    harness.key_press(Key::B);
    harness.run();
    harness.get_by_label("回答正确");
    harness.get_by_label("解析：测试解析：一大于1921年召开。");
    harness.get_by_label("出处：测试出处");
    harness.get_by_label("B．1921年  ✓");
    assert_eq!(saved(dir.path()).answers, 1, "saved at once");

    harness.key_press(Key::F);
    harness.run();
    assert!(saved(dir.path()).is_favourite("t-1"));

    harness.key_press(Key::Space);
    harness.run();
    harness.get_by_label("测试：遵义会议召开于1935年1月。");
    // 判断: 2 is 错误, submitted at once, and wrong.
    harness.key_press(Key::Num2);
    harness.run();
    harness.get_by_label("回答错误");
    harness.get_by_label("正确答案：正确");
    harness.get_by_label("已收入错题本");
    let record = saved(dir.path());
    assert_eq!(record.answers, 2);
    assert_eq!(record.wrong_book(), vec!["t-2"]);
}

#[test]
fn multiple_choice_needs_enter_and_all_right_options() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, _clock) = start(dir.path(), |record| {
        record
            .sequential
            .insert(record.settings.filter.key(), "t-2".into());
    });
    open(&mut harness, "顺序练习");
    harness.get_by_label("测试：下列属于三大法宝的有（ ）。");
    for key in [Key::Num1, Key::Num2, Key::Num3] {
        harness.key_press(key);
        harness.run();
    }
    assert!(
        harness.query_by_label("回答正确").is_none(),
        "多选 waits for Enter"
    );
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("回答正确");
}

#[test]
fn a_three_question_exam_is_submitted_when_time_runs_out() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, clock) = start(dir.path(), |record| {
        record.settings.exam.questions = 3;
        record.settings.exam.minutes = 1;
    });
    open(&mut harness, "模拟考试");
    harness.get_by_label("剩余 01:00");
    harness.get_by_label("已答 0 / 3 题");
    // The paper starts with the 单选.
    harness.get_by_label("测试：中国共产党第一次全国代表大会召开于哪一年？");
    harness.key_press(Key::B);
    harness.run();
    harness.get_by_label("已答 1 / 3 题");
    assert!(
        saved(dir.path())
            .exam_in_progress
            .is_some_and(|e| e.answered() == 1),
        "the exam in progress is saved"
    );

    clock.advance(TimeDelta::seconds(30));
    harness.run();
    harness.get_by_label("剩余 00:30");
    clock.advance(TimeDelta::seconds(31));
    harness.run();
    harness.get_by_label("时间到，已自动交卷。");
    harness.get_by_label("33.3 分");
    harness.get_by_label("不及格");
    harness.get_by_label("你的答案：B．1921年");
    assert_eq!(harness.query_all_by_label("你的答案：未作答").count(), 2);
    harness.get_by_label("解析：测试解析：遵义会议于1935年1月召开。");

    let record = saved(dir.path());
    assert!(record.exam_in_progress.is_none());
    assert_eq!(record.exams.len(), 1);
    assert!(record.exams[0].timed_out);
    assert_eq!(record.answers, 1, "only the answered question enters the history");
}

#[test]
fn the_wrong_book_grows_and_shrinks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, _clock) = start(dir.path(), |_| {});
    harness.get_by_label("0 题 · 连续答对 2 次移出");
    open(&mut harness, "顺序练习");
    harness.key_press(Key::A);
    harness.run();
    harness.get_by_label("回答错误");
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("1 题 · 连续答对 2 次移出");

    for round in 0..2 {
        open(&mut harness, "错题本");
        harness.get_by_label("测试：中国共产党第一次全国代表大会召开于哪一年？");
        harness.key_press(Key::B);
        harness.run();
        harness.get_by_label("回答正确");
        if round == 1 {
            harness.get_by_label("学习积分 +1 · 已连续答对，移出错题本");
        }
        harness.key_press(Key::Space);
        harness.run();
        harness.get_by_label("本次练习完成");
        harness.key_press(Key::Escape);
        harness.run();
    }
    harness.get_by_label("0 题 · 连续答对 2 次移出");
    open(&mut harness, "错题本");
    harness.get_by_label("错题本是空的。答错的题目会自动收进来，连续答对后移出。");
}

#[test]
fn statistics_show_what_was_answered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut harness, _clock) = start(dir.path(), |_| {});
    open(&mut harness, "顺序练习");
    harness.key_press(Key::B);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    open(&mut harness, "学习统计");
    harness.get_by_label("累计答题");
    harness.get_by_label("100%");
    assert_eq!(
        harness.query_all_by_label("100%（1 题次）").count(),
        2,
        "one era bar and one kind bar"
    );
}

#[test]
fn the_home_screen_shows_this_day_in_history_and_the_daily_round() {
    let dir = tempfile::tempdir().expect("temp dir");
    prepare(dir.path(), |_| {});
    let clock = clock();
    let mut harness = harness(dir.path(), &clock);
    add_profile(&mut harness, "李四");
    harness.get_by_label("今天是 2026年7月1日");
    harness.get_by_label("历史上的今天");
    harness.get_by_label("2021年");
    harness.get_by_label("· 每日答题 0 / 5 · 连续 0 天 · 待复习 0 题");
    open(&mut harness, "开始每日答题");
    harness.get_by_label("第 1 / 3 题 · 答对 0 题 · 积分 +0");
}

#[test]
fn a_question_picture_is_shown_with_the_stem() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/images");
    let banks = DataDir::at(dir.path()).banks_dir();
    std::fs::create_dir_all(banks.join("pics")).expect("pics dir");
    std::fs::copy(fixtures.join("bank.ron"), banks.join("images.ron")).expect("bank");
    std::fs::copy(fixtures.join("pics/ok.png"), banks.join("pics/ok.png")).expect("picture");
    prepare(dir.path(), |record| {
        record.settings.filter.banks = ["images".to_owned()].into();
    });
    let clock = clock();
    let mut harness = harness(dir.path(), &clock);
    add_profile(&mut harness, "李四");
    open(&mut harness, "学习练习");
    open(&mut harness, "顺序练习");
    harness.get_by_label("图中是哪次会议的会址（ ）？");
    harness.get_by_label("题目配图");
}
