//! 历史上的今天: dated events of the Party's history (`question_banks/data/on_this_day.ron`).

use serde::{Deserialize, Serialize};

/// The calendar compiled into the program.
pub const BUNDLED_CALENDAR: &str = include_str!("../../question_banks/data/on_this_day.ron");

/// Every dated event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The events, in calendar order (month, day, year).
    pub events: Vec<DatedEvent>,
}

/// One event on a day of the year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatedEvent {
    /// 1–12.
    pub month: u8,
    /// 1–31, valid for the month.
    pub day: u8,
    /// The year it happened.
    pub year: i32,
    /// One sentence in Chinese.
    pub text: String,
    /// Where the fact comes from.
    pub source: String,
}

impl Calendar {
    /// The events on a given day of the year, oldest first.
    pub fn on(&self, month: u8, day: u8) -> Vec<&DatedEvent> {
        let mut found: Vec<&DatedEvent> = self
            .events
            .iter()
            .filter(|e| e.month == month && e.day == day)
            .collect();
        found.sort_by_key(|e| e.year);
        found
    }
}

/// Whether `day` exists in `month` (29 February counts).
pub fn is_valid_day(month: u8, day: u8) -> bool {
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => 29,
        _ => return false,
    };
    (1..=days_in_month).contains(&day)
}

/// Parses a calendar file.
pub fn parse_calendar(text: &str) -> Result<Calendar, ron::error::SpannedError> {
    ron::from_str(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_the_month() {
        assert!(is_valid_day(2, 29));
        assert!(!is_valid_day(2, 30));
        assert!(!is_valid_day(4, 31));
        assert!(is_valid_day(12, 31));
        assert!(!is_valid_day(13, 1));
        assert!(!is_valid_day(1, 0));
    }

    #[test]
    fn events_of_a_day_come_oldest_first() {
        let calendar = parse_calendar(
            r#"(events: [
                (month: 10, day: 1, year: 1949, text: "开国大典。", source: "s"),
                (month: 10, day: 1, year: 1934, text: "较早。", source: "s"),
                (month: 10, day: 2, year: 1950, text: "别的日子。", source: "s"),
            ])"#,
        )
        .expect("parses");
        let years: Vec<i32> = calendar.on(10, 1).iter().map(|e| e.year).collect();
        assert_eq!(years, [1934, 1949]);
        assert!(calendar.on(1, 1).is_empty());
    }
}
