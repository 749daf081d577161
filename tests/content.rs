//! Rules for the bundled content that the validator cannot see on its own: coverage minimums,
//! repeated stems, the Long March route and 历史上的今天.

use std::collections::{HashMap, HashSet};

use dangshi::bank::{Era, KindTag, Library, QuestionKind, Severity};
use dangshi::content::calendar::is_valid_day;
use dangshi::content::{BUNDLED_CALENDAR, BUNDLED_ROUTE, StopRole, parse_calendar, parse_route};

/// A stem with punctuation, symbols and whitespace removed, for spotting repeated questions.
fn normalized(stem: &str) -> String {
    stem.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[test]
fn no_two_bundled_questions_share_a_stem() {
    let library = Library::bundled();
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut repeats = Vec::new();
    for question in library.usable_questions() {
        if let Some(first) = seen.insert(normalized(&question.stem), &question.id) {
            repeats.push(format!(
                "{} repeats the stem of {first}: {}",
                question.id, question.stem
            ));
        }
    }
    assert!(repeats.is_empty(), "{}", repeats.join("\n"));
}

#[test]
fn every_bundled_question_teaches_and_cites() {
    let library = Library::bundled();
    let missing: Vec<&str> = library
        .usable_questions()
        .filter(|q| q.explanation.trim().is_empty() || q.source.trim().is_empty() || q.tags.is_empty())
        .map(|q| q.id.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "without explanation, source or tags: {missing:?}"
    );
}

#[test]
fn the_bundled_banks_meet_the_coverage_minimums() {
    let library = Library::bundled();
    assert_eq!(library.count(Severity::Error), 0);
    assert_eq!(library.count(Severity::Warning), 0);
    let summary = library.summary();
    assert!(summary.questions >= 1000, "only {} questions", summary.questions);
    for era in Era::ALL.into_iter().filter(|e| *e != Era::General) {
        let n = summary.by_era.get(&era).copied().unwrap_or(0);
        assert!(n >= 60, "{} has only {n} questions", era.label());
    }
    let kind = |k: KindTag| summary.by_kind.get(&k).copied().unwrap_or(0);
    assert!(kind(KindTag::Single) > 0);
    for k in [KindTag::Multiple, KindTag::Judge, KindTag::Fill] {
        assert!(kind(k) >= 100, "{} has only {}", k.label(), kind(k));
    }
    assert!(
        kind(KindTag::Order) >= 40,
        "排序题 has only {}",
        kind(KindTag::Order)
    );
    for topic in ["重要会议", "人物", "精神谱系", "党章党规"] {
        let n = library
            .usable_questions()
            .filter(|q| q.tags.iter().any(|t| t == topic))
            .count();
        assert!(n >= 60, "topic {topic} has only {n} questions");
    }
    let mut by_difficulty = [0usize; 6];
    for question in library.usable_questions() {
        by_difficulty[usize::from(question.difficulty)] += 1;
    }
    for (level, n) in by_difficulty.iter().enumerate().skip(1) {
        assert!(*n > 0, "no question of difficulty {level}");
        assert!(
            *n * 2 < summary.questions,
            "difficulty {level} is more than half the bank"
        );
    }
}

#[test]
fn the_long_march_route_is_complete_and_consistent() {
    let route = parse_route(BUNDLED_ROUTE).expect("route parses");
    assert_eq!(route.total_li, 25_000);
    let stations = route.stops.iter().filter(|s| s.role == StopRole::Station).count();
    assert_eq!(stations, 15);
    assert_eq!(
        route.stops.first().map(|s| (s.role, s.name.as_str())),
        Some((StopRole::Start, "瑞金"))
    );
    assert_eq!(
        route.stops.last().map(|s| (s.role, s.name.as_str())),
        Some((StopRole::Finish, "会宁"))
    );
    assert_eq!(route.stops.first().map(|s| s.li), Some(0));
    assert_eq!(route.stops.last().map(|s| s.li), Some(25_000));
    let mut ids = HashSet::new();
    for pair in route.stops.windows(2) {
        assert!(
            pair[0].li < pair[1].li,
            "li must increase: {} → {}",
            pair[0].name,
            pair[1].name
        );
        assert!(
            pair[0].date <= pair[1].date,
            "dates must not go back: {} → {}",
            pair[0].name,
            pair[1].name
        );
    }
    for stop in &route.stops {
        assert!(ids.insert(stop.id.as_str()), "duplicate stop id {}", stop.id);
        assert!(
            (73.0..=135.0).contains(&stop.lon),
            "{} longitude {}",
            stop.name,
            stop.lon
        );
        assert!(
            (18.0..=54.0).contains(&stop.lat),
            "{} latitude {}",
            stop.name,
            stop.lat
        );
        let date: Vec<&str> = stop.date.split('-').collect();
        assert_eq!(date.len(), 3, "{} date {}", stop.name, stop.date);
        assert!(date[0].starts_with("193"), "{} date {}", stop.name, stop.date);
        let card = stop.card.chars().count();
        assert!(
            (100..=200).contains(&card),
            "{} card has {card} characters",
            stop.name
        );
        assert!(!stop.source.trim().is_empty());
    }
}

#[test]
fn every_station_has_a_quiz_of_at_least_eight_questions() {
    let route = parse_route(BUNDLED_ROUTE).expect("route parses");
    let library = Library::bundled();
    for stop in route.stops.iter().filter(|s| s.role == StopRole::Station) {
        let tag = stop.question_tag();
        let n = library
            .usable_questions()
            .filter(|q| q.tags.contains(&tag))
            .count();
        assert!(
            n >= 8,
            "station {} has only {n} questions tagged {tag}",
            stop.name
        );
    }
}

#[test]
fn on_this_day_covers_the_year() {
    let calendar = parse_calendar(BUNDLED_CALENDAR).expect("calendar parses");
    assert!(
        calendar.events.len() >= 250,
        "only {} events",
        calendar.events.len()
    );
    let days: HashSet<(u8, u8)> = calendar.events.iter().map(|e| (e.month, e.day)).collect();
    assert!(days.len() >= 200, "only {} distinct days", days.len());
    let mut texts = HashSet::new();
    for event in &calendar.events {
        assert!(
            is_valid_day(event.month, event.day),
            "{}-{} is not a day",
            event.month,
            event.day
        );
        assert!((1840..=2025).contains(&event.year), "year {}", event.year);
        assert!(!event.text.trim().is_empty() && !event.source.trim().is_empty());
        assert!(
            texts.insert(event.text.as_str()),
            "repeated event: {}",
            event.text
        );
    }
    let order: Vec<(u8, u8, i32)> = calendar.events.iter().map(|e| (e.month, e.day, e.year)).collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(order, sorted, "events must be in calendar order");
    assert!(
        calendar.on(10, 1).iter().any(|e| e.year == 1949),
        "开国大典 missing"
    );
}

#[test]
fn correct_options_are_spread_over_the_letters() {
    let library = Library::bundled();
    for loaded in library.banks() {
        let mut by_letter: HashMap<usize, usize> = HashMap::new();
        for question in loaded.usable_questions() {
            if let QuestionKind::Single { answer, .. } = question.kind {
                *by_letter.entry(answer).or_default() += 1;
            }
        }
        let singles: usize = by_letter.values().sum();
        if singles < 12 {
            continue;
        }
        for (letter, n) in &by_letter {
            assert!(
                n * 10 <= singles * 4,
                "{}: answer {letter} is correct in {n} of {singles} single-choice questions",
                loaded.title()
            );
        }
    }
}
