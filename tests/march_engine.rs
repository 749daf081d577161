//! 再走长征路 through its public API, as the screens use it: a branch walks the bundled route,
//! answers each station's quiz the day it arrives, and the event moves to another PC.

use chrono::{FixedOffset, NaiveDate, TimeDelta, TimeZone};
use dangshi::bank::{Era, Question, QuestionKind};
use dangshi::content::route::{BUNDLED_ROUTE, Route, StopRole, parse_route};
use dangshi::march::event::{MarchError, MarchEvent, StepSource};
use dangshi::march::quiz::QuizRefusal;
use dangshi::march::ranking::{member_standings, team_standings};
use dangshi::practice::Moment;
use dangshi::store::DataDir;
use dangshi::store::march::{MarchData, export_event, import_event};
use rand::SeedableRng;
use rand::rngs::StdRng;

fn route() -> Route {
    parse_route(BUNDLED_ROUTE).expect("the bundled route parses")
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a valid date")
}

/// 20:00 in China on `day`.
fn evening(day: NaiveDate) -> Moment {
    let china = FixedOffset::east_opt(8 * 3600).expect("UTC+8");
    let naive = day.and_hms_opt(20, 0, 0).expect("a valid time");
    china
        .from_local_datetime(&naive)
        .single()
        .expect("one local time")
}

/// Four questions for every station of the route.
fn station_bank(route: &Route) -> Vec<Question> {
    route
        .stops
        .iter()
        .filter(|s| s.role == StopRole::Station)
        .flat_map(|stop| {
            (0..4).map(move |i| Question {
                id: format!("{}-{i}", stop.id),
                stem: format!("{} 第 {i} 题", stop.name),
                kind: QuestionKind::Judge { answer: true },
                explanation: String::new(),
                source: String::new(),
                era: Era::LandRevolution,
                tags: vec![stop.question_tag()],
                difficulty: 3,
                image: None,
            })
        })
        .collect()
}

#[test]
fn a_member_walking_10000_steps_a_day_and_passing_on_arrival_reaches_huining_on_day_368() {
    let route = route();
    let bank = station_bank(&route);
    let questions: Vec<&Question> = bank.iter().collect();
    let mut rng = StdRng::seed_from_u64(2026);
    let start = day("2026-03-01");
    let mut event = MarchEvent::new(1, "再走长征路", start).expect("event");
    let team = event.add_team("第一党支部").expect("team");
    let member = event.add_member("张三", team, Some(1)).expect("member");

    let mut finished_on = None;
    for offset in 0..400 {
        let today = start + TimeDelta::days(offset);
        event
            .set_steps(member, today, 10_000, StepSource::Manual, today)
            .expect("a day of the event");
        let progress = event.progress(member, &route).expect("member");
        if progress.waiting {
            let stop = progress.barrier.expect("waiting at a station");
            let quiz = event
                .draw_station_quiz(member, &route, stop, &questions, &mut rng, evening(today))
                .expect("arrived, so the quiz may be taken");
            assert_eq!(quiz.len(), 3);
            let passed = event
                .record_station_attempt(member, &route, stop, quiz, true, evening(today))
                .expect("recorded");
            assert!(passed);
        }
        let progress = event.progress(member, &route).expect("member");
        if progress.finished {
            finished_on = Some((offset + 1, progress.finish_date()));
            break;
        }
    }
    let Some((days, finish_date)) = finished_on else {
        panic!("never reached 会宁");
    };
    assert_eq!(days, 368, "25,000 里 at 68 里 a day");
    assert_eq!(finish_date, Some(start + TimeDelta::days(367)));
    let progress = event.progress(member, &route).expect("member");
    let stations = route.stops.iter().filter(|s| s.role == StopRole::Station).count();
    assert_eq!(
        progress.stations_passed(&route, event.member(member).expect("member")),
        stations
    );
    assert!(
        progress.reached_on.iter().all(Option::is_some),
        "every stop has its day"
    );
    assert_eq!(
        event.draw_station_quiz(
            member,
            &route,
            15,
            &questions,
            &mut rng,
            evening(day("2027-03-04"))
        ),
        Err(QuizRefusal::AlreadyPassed(route.stops[15].name.clone()))
    );
}

#[test]
fn a_branch_enters_a_day_ranks_and_moves_to_another_pc() {
    let route = route();
    let start = day("2026-03-01");
    let today = day("2026-03-03");
    let mut event = MarchEvent::new(1, "支部健步走", start).expect("event");
    let first = event.add_team("第一党支部").expect("team");
    let second = event.add_team("第二党支部").expect("team");
    let empty = event.add_team("第三党支部").expect("team");
    let zhang = event.add_member("张三", first, None).expect("member");
    let li = event.add_member("李四", first, None).expect("member");
    let wang = event.add_member("王五", second, None).expect("member");

    // The secretary's table for one day, entered twice: the second time changes nothing.
    let table = [(zhang, 12_000), (li, 40_000)];
    let report = event
        .set_day_for_team(first, today, &table, StepSource::Manual, today)
        .expect("table");
    assert_eq!(report.changed, 2);
    let report = event
        .set_day_for_team(first, today, &table, StepSource::Manual, today)
        .expect("table");
    assert_eq!((report.changed, report.unchanged), (0, 2));
    // An imported file: the same days twice give the same totals.
    let file_days = [(day("2026-03-01"), 9_000), (day("2026-03-02"), 11_000)];
    event
        .set_days(wang, file_days, StepSource::Csv, today)
        .expect("member");
    let once = event.progress(wang, &route).expect("member");
    event
        .set_days(wang, file_days, StepSource::Csv, today)
        .expect("member");
    assert_eq!(event.progress(wang, &route).expect("member"), once);

    let teams = team_standings(&event, &route, today);
    let order: Vec<(&str, usize)> = teams.iter().map(|t| (t.name.as_str(), t.rank)).collect();
    // 张三 81.6 + 李四 204 (capped at 30,000) beat 王五's 136; the empty team is last.
    assert_eq!(order, [("第一党支部", 1), ("第二党支部", 2), ("第三党支部", 3)]);
    assert!((teams[0].total_li - 285.6).abs() < 1e-6);
    assert_eq!(teams[0].total_steps, 52_000);
    assert!((teams[0].goal_rate - 1.0).abs() < 1e-9);
    assert_eq!(teams[1].goal_rate, 0.0, "王五 walked nothing on the day asked");
    assert_eq!((teams[2].members, teams[2].goal_rate), (0, 0.0));
    let members = member_standings(&event, &route, Some(first), today);
    assert_eq!(members[0].name, "李四");

    assert_eq!(
        event.set_steps(zhang, day("2026-03-04"), 1, StepSource::Manual, today),
        Err(MarchError::FutureDay(day("2026-03-04")))
    );
    assert!(matches!(
        event.set_steps(zhang, day("2026-02-28"), 1, StepSource::Manual, today),
        Err(MarchError::BeforeStart(..))
    ));
    assert_eq!(event.remove_team(empty), Ok(()));

    // Saved on this PC, exported, imported on another PC that already has an event 1.
    let here = tempfile::tempdir().expect("temp dir");
    let mut data = MarchData::default();
    data.add(event.clone());
    data.save(&DataDir::at(here.path())).expect("save");
    let (loaded, problem) = MarchData::load(&DataDir::at(here.path())).expect("load");
    assert!(problem.is_none());
    assert_eq!(loaded, data);
    let file = here.path().join("支部健步走.ron");
    export_event(&event, &file).expect("export");
    let mut there = MarchData::default();
    there.add(MarchEvent::new(1, "另一个活动", start).expect("event"));
    let id = there.add(import_event(&file).expect("import"));
    assert_eq!(id, 2);
    let moved = there.active_event().expect("the imported event is active");
    assert_eq!(moved.members, event.members);
    assert_eq!(
        team_standings(moved, &route, today)[0].total_li,
        teams[0].total_li
    );
}
