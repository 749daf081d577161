//! The contest results workbook opens with calamine and its totals match the engine.

mod common;

use calamine::{Data, Reader, Xlsx, open_workbook};
use chrono::{FixedOffset, TimeDelta, TimeZone};
use common::app::teams;
use dangshi::contest::results::{totals, write_xlsx};
use dangshi::contest::{ContestLog, ContestPlan, Event};

#[test]
fn the_xlsx_totals_match_the_engine() {
    let dir = tempfile::tempdir().expect("temp dir");
    let teams = teams(&["红星队", "先锋队"]);
    let mut log = ContestLog::create(
        &dir.path().join("current.log"),
        ContestPlan::standard("赛", teams),
    )
    .expect("log");
    let start = FixedOffset::east_opt(8 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).single())
        .expect("time");
    let events = [
        Event::Show { question: "a".into() },
        Event::Judge { correct: true },
        Event::Next,
        Event::Show { question: "b".into() },
        Event::Judge { correct: false },
        Event::Adjust {
            team: 1,
            delta: 7,
            reason: "加分".into(),
        },
    ];
    for (i, event) in events.into_iter().enumerate() {
        log.record(event, start + TimeDelta::seconds(i as i64))
            .expect("event");
    }
    let path = dir.path().join("results.xlsx");
    write_xlsx(log.contest(), log.events(), &path).expect("xlsx");

    let mut workbook: Xlsx<_> = open_workbook(&path).expect("open xlsx");
    assert_eq!(workbook.sheet_names(), vec!["总成绩", "得分明细", "事件记录"]);
    let summary = workbook.worksheet_range("总成绩").expect("sheet");
    let rows: Vec<Vec<Data>> = summary.rows().map(<[Data]>::to_vec).collect();
    let last = rows[0].len() - 1;
    assert_eq!(rows[0][last], Data::String("总分".into()));
    for (row, line) in rows.iter().skip(1).zip(totals(log.contest())) {
        assert_eq!(row[1], Data::String(line.name.clone()));
        assert_eq!(row[last], Data::Float(f64::from(line.score)));
    }
    assert_eq!(rows.len(), 3);
    let events = workbook.worksheet_range("事件记录").expect("sheet");
    assert_eq!(events.rows().count(), 7, "header and six events");
}
