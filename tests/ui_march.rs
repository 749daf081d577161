//! 再走长征路 through the real widgets: create an event, a team and a member; enter steps until the
//! member reaches 于都 with 里 banked beyond it; fail the station quiz, wait out the pause, pass it
//! and see the bank released — and everything saved. Also a dropped step file through its preview
//! (twice: the second changes nothing) and the secretary's table for a whole team.

mod common;

use chrono::TimeDelta;
use common::app::{clock, drop_file, harness, open};
use dangshi::bank::{Library, Question, QuestionKind};
use dangshi::content::route::bundled_route;
use dangshi::march::event::MarchEvent;
use dangshi::march::progress::member_progress;
use dangshi::store::DataDir;
use dangshi::store::march::MarchData;
use dangshi::ui::DangshiApp;
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const NUMBER_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

fn press(harness: &mut Harness<'static, DangshiApp>, key: Key) {
    harness.key_press(key);
    harness.run();
}

fn type_into(harness: &mut Harness<'static, DangshiApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// The 于都 station question on screen.
fn shown_question(harness: &Harness<'static, DangshiApp>, station: &[Question]) -> Question {
    let found = station
        .iter()
        .find(|q| harness.query_by_label_contains(&q.stem).is_some());
    let Some(question) = found else {
        panic!("no 于都 question on screen")
    };
    question.clone()
}

/// Answers the question on screen right or wrong with the keyboard, then goes on.
fn answer(harness: &mut Harness<'static, DangshiApp>, question: &Question, right: bool) {
    match &question.kind {
        QuestionKind::Single { answer, options } => {
            let pick = if right {
                *answer
            } else {
                (*answer + 1) % options.len()
            };
            press(harness, NUMBER_KEYS[pick]);
            press(harness, Key::Enter);
        }
        QuestionKind::Judge { answer } => {
            press(harness, if *answer == right { Key::Num1 } else { Key::Num2 });
            press(harness, Key::Enter);
        }
        QuestionKind::Multiple { answers, options } => {
            if right {
                for index in answers {
                    press(harness, NUMBER_KEYS[*index]);
                }
            } else {
                let wrong = (0..options.len()).find(|i| !answers.contains(i)).unwrap_or(0);
                press(harness, NUMBER_KEYS[wrong]);
            }
            press(harness, Key::Enter);
        }
        QuestionKind::Order { items } => {
            // Shuffled out of order: submitting as shown is wrong; sort it with number keys and ↑.
            if right {
                for (target, item) in items.iter().enumerate() {
                    let row = (0..items.len()).find(|row| {
                        harness
                            .query_by_label_contains(&format!("{}．{item}", row + 1))
                            .is_some()
                    });
                    let Some(row) = row else {
                        panic!("排序 row {item} not shown")
                    };
                    press(harness, NUMBER_KEYS[row]);
                    for _ in target..row {
                        press(harness, Key::ArrowUp);
                    }
                }
            }
            press(harness, Key::Enter);
        }
        QuestionKind::Fill { .. } => panic!("no 填空 among the 于都 questions"),
    }
    // Judged: go on.
    press(harness, Key::Enter);
}

#[test]
fn steps_reach_a_station_and_its_quiz_unlocks_the_banked_li() {
    let data = tempfile::tempdir().expect("temp dir");
    let clock = clock();
    let mut harness = harness(data.path(), &clock);
    let library = Library::bundled();
    let station: Vec<Question> = library
        .usable_questions()
        .filter(|q| q.tags.iter().any(|t| t == "长征站点:于都"))
        .cloned()
        .collect();
    assert!(station.len() >= 3);

    open(&mut harness, "再走长征路");
    type_into(&mut harness, "活动名称", "支部健步走");
    type_into(&mut harness, "开始日期", "2026-06-01");
    open(&mut harness, "创建活动");
    type_into(&mut harness, "新队伍名称", "第一支部");
    open(&mut harness, "添加队伍");
    type_into(&mut harness, "新成员姓名", "张三");
    open(&mut harness, "添加");
    harness.get_by_label_contains("张三 · 0 里 · 瑞金").click();
    harness.run();
    assert!(harness.query_by_label_contains("当前所在：瑞金").is_some());

    // 30,000 + 40,000 (capped to 30,000) + 30,000 steps = 612 里: past 于都 (469 里).
    for (day, steps) in [
        ("2026-06-28", "30000"),
        ("2026-06-29", "40000"),
        ("2026-06-30", "30000"),
    ] {
        type_into(&mut harness, "日期", day);
        type_into(&mut harness, "步数", steps);
        open(&mut harness, "保存步数");
        let capped = harness
            .query_by_label_contains("超过每日上限，按 30000 步计")
            .is_some();
        assert_eq!(capped, steps == "40000", "{day}");
    }
    assert!(
        harness
            .query_by_label_contains("已记录 6月30日 30000 步，折合 204.0 里")
            .is_some()
    );
    assert!(harness.query_by_label_contains("已到达：于都").is_some());
    assert!(harness.query_by_label_contains("存储里程 143.0 里").is_some());
    assert!(harness.query_by_label_contains("徽章 于都：未获得").is_some());

    // Fail the quiz: the first answer wrong.
    open(&mut harness, "开始站点答题");
    for number in 0..3 {
        let question = shown_question(&harness, &station);
        answer(&mut harness, &question, number != 0);
    }
    assert!(harness.query_by_label_contains("答错 1 题，未能解锁").is_some());
    assert!(
        harness
            .query_by_label_contains("7月1日 09:10 后可以再试")
            .is_some()
    );
    assert!(harness.query_by_label("开始站点答题").is_none());

    // After the pause, other questions come first; pass them all.
    clock.advance(TimeDelta::minutes(11));
    harness.run();
    open(&mut harness, "开始站点答题");
    for _ in 0..3 {
        let question = shown_question(&harness, &station);
        answer(&mut harness, &question, true);
    }
    assert!(
        harness
            .query_by_label_contains("全部答对，“于都”站已解锁！存储的 143.0 里已释放")
            .is_some()
    );
    assert!(harness.query_by_label_contains("徽章 于都：已获得").is_some());
    assert!(harness.query_by_label_contains("存储里程").is_none());

    // Saved: the attempts and the position are on disk.
    let Ok((saved, None)) = MarchData::load(&DataDir::at(data.path())) else {
        panic!("march data saved")
    };
    let Some(event) = saved.active_event() else {
        panic!("active event")
    };
    let member = &event.members[0];
    assert_eq!(member.attempts.len(), 2);
    assert!(!member.attempts[0].passed && member.attempts[1].passed);
    let Some(route) = bundled_route() else {
        panic!("route")
    };
    let progress = member_progress(member, &event.rules, route);
    assert!((progress.position_li - 612.0).abs() < 1e-9);
    assert_eq!(progress.banked_li, 0.0);
}

#[test]
fn a_dropped_step_file_is_previewed_and_importing_it_twice_changes_nothing() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = DataDir::at(data.path());
    let Some(start) = chrono::NaiveDate::from_ymd_opt(2024, 3, 2) else {
        panic!("date")
    };
    let Ok(mut event) = MarchEvent::new(1, "支部健步走", start) else {
        panic!("event")
    };
    let Ok(team) = event.add_team("第一支部") else {
        panic!("team")
    };
    let Ok(_) = event.add_member("张三", team, None) else {
        panic!("member")
    };
    let mut march = MarchData::default();
    march.add(event);
    march.save(&dir).expect("saved");
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/steps/branch_gbk.csv");

    let clock = clock();
    let mut harness = harness(data.path(), &clock);
    open(&mut harness, "再走长征路");
    harness.get_by_label_contains("张三 · 0 里").click();
    harness.run();
    drop_file(&mut harness, fixture.clone());
    harness.get_by_label("导入预览：branch_gbk.csv（CSV 表格）");
    harness.get_by_label("文件中 3 天，共 30221 步。将写入 2 天，1 天不能导入。");
    harness.get_by_label("不导入：2024-03-01 在活动开始（2024-03-02）之前");
    open(&mut harness, "导入 2 天");
    harness.get_by_label_contains("已导入 2 天的步数");

    drop_file(&mut harness, fixture);
    harness.get_by_label("文件中 3 天，共 30221 步。将写入 0 天，2 天与已有记录相同，1 天不能导入。");
    assert_eq!(harness.query_all_by_label("与已有记录相同，不变").count(), 2);
    open(&mut harness, "取消");
    assert!(harness.query_by_label_contains("导入预览").is_none());

    let Ok((saved, None)) = MarchData::load(&dir) else {
        panic!("march data saved")
    };
    let Some(event) = saved.active_event() else {
        panic!("active event")
    };
    let steps: Vec<u32> = event.members[0].steps.values().map(|d| d.steps).collect();
    assert_eq!(steps, [12_345, 9876]);
}

#[test]
fn the_secretary_enters_a_whole_team_for_one_day() {
    let data = tempfile::tempdir().expect("temp dir");
    let dir = DataDir::at(data.path());
    let Some(start) = chrono::NaiveDate::from_ymd_opt(2026, 6, 1) else {
        panic!("date")
    };
    let Ok(mut event) = MarchEvent::new(1, "支部健步走", start) else {
        panic!("event")
    };
    let Ok(team) = event.add_team("第一支部") else {
        panic!("team")
    };
    for name in ["张三", "李四", "王五"] {
        let Ok(_) = event.add_member(name, team, None) else {
            panic!("member")
        };
    }
    let mut march = MarchData::default();
    march.add(event);
    march.save(&dir).expect("saved");

    let clock = clock();
    let mut harness = harness(data.path(), &clock);
    open(&mut harness, "再走长征路");
    open(&mut harness, "批量录入步数");
    type_into(&mut harness, "日期", "2026-06-30");
    type_into(&mut harness, "张三", "12000");
    type_into(&mut harness, "王五", "8000");
    harness.get_by_label("81.6 里");
    open(&mut harness, "保存全部（Enter）");
    harness.get_by_label_contains("已保存6月30日的步数：2 人更新，0 人不变");

    // A mistake saves no one.
    type_into(&mut harness, "李四", "很多");
    open(&mut harness, "保存全部（Enter）");
    harness.get_by_label_contains("“李四”的步数“很多”应为整数，未保存");

    let Ok((saved, None)) = MarchData::load(&dir) else {
        panic!("march data saved")
    };
    let Some(event) = saved.active_event() else {
        panic!("active event")
    };
    let Some(day) = chrono::NaiveDate::from_ymd_opt(2026, 6, 30) else {
        panic!("date")
    };
    let steps: Vec<u32> = event.members.iter().map(|m| m.steps_on(day)).collect();
    assert_eq!(steps, [12_000, 0, 8000]);
}
