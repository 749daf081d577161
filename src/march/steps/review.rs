//! The preview of an import: what each day of a step file would do to a member's record, checked
//! against the event's dates and daily cap, before anything is changed.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::march::event::{MarchError, MarchEvent, Member};

/// What applying one day would do.
#[derive(Clone, Debug, PartialEq)]
pub enum DayOutcome {
    /// A day the member had no steps for.
    New,
    /// A day whose steps would be replaced.
    Changed {
        /// The steps recorded now.
        before: u32,
    },
    /// A day that already has exactly these steps (importing a file twice changes nothing).
    Unchanged,
    /// A day that cannot be entered (in the future, or outside the event), with the reason.
    Refused(MarchError),
}

/// One day of the file, reviewed.
#[derive(Clone, Debug, PartialEq)]
pub struct DayReview {
    /// The day.
    pub day: NaiveDate,
    /// Steps in the file.
    pub steps: u32,
    /// Steps that count towards 里 (the file's, clipped to the daily cap).
    pub counted: u32,
    /// What applying it would do.
    pub outcome: DayOutcome,
}

impl DayReview {
    /// Whether the daily cap clips this day.
    pub fn clipped(&self) -> bool {
        self.counted < self.steps
    }

    /// Whether applying the import would write this day.
    pub fn applies(&self) -> bool {
        matches!(self.outcome, DayOutcome::New | DayOutcome::Changed { .. })
    }

    /// The day's result in Chinese, for the preview table.
    pub fn note(&self) -> String {
        let mut note = match &self.outcome {
            DayOutcome::New => "新增".to_owned(),
            DayOutcome::Changed { before } => format!("替换原有的 {before} 步"),
            DayOutcome::Unchanged => "与已有记录相同，不变".to_owned(),
            DayOutcome::Refused(reason) => format!("不导入：{reason}"),
        };
        if self.clipped() && !matches!(self.outcome, DayOutcome::Refused(_)) {
            note.push_str(&format!("；超过每日上限，按 {} 步计", self.counted));
        }
        note
    }
}

/// The whole preview, with its totals.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewSummary {
    /// Every day of the file, in date order.
    pub days: Vec<DayReview>,
}

impl ReviewSummary {
    /// Days that would be written (new or changed).
    pub fn to_apply(&self) -> usize {
        self.days.iter().filter(|d| d.applies()).count()
    }

    /// Days already recorded with the same steps.
    pub fn unchanged(&self) -> usize {
        self.days
            .iter()
            .filter(|d| d.outcome == DayOutcome::Unchanged)
            .count()
    }

    /// Days refused.
    pub fn refused(&self) -> usize {
        self.days
            .iter()
            .filter(|d| matches!(d.outcome, DayOutcome::Refused(_)))
            .count()
    }

    /// Accepted days the daily cap clips.
    pub fn clipped(&self) -> usize {
        self.days
            .iter()
            .filter(|d| d.clipped() && !matches!(d.outcome, DayOutcome::Refused(_)))
            .count()
    }

    /// Steps in the file on accepted days (before the cap).
    pub fn accepted_steps(&self) -> u64 {
        self.days
            .iter()
            .filter(|d| !matches!(d.outcome, DayOutcome::Refused(_)))
            .map(|d| u64::from(d.steps))
            .sum()
    }

    /// Steps that count on accepted days (after the cap).
    pub fn counted_steps(&self) -> u64 {
        self.days
            .iter()
            .filter(|d| !matches!(d.outcome, DayOutcome::Refused(_)))
            .map(|d| u64::from(d.counted))
            .sum()
    }

    /// The days to write, as `(day, steps)`; the event stores the steps as found and applies the
    /// cap when it counts them.
    pub fn applicable(&self) -> Vec<(NaiveDate, u32)> {
        self.days
            .iter()
            .filter(|d| d.applies())
            .map(|d| (d.day, d.steps))
            .collect()
    }
}

/// Reviews the days read from a file for `member` of `event` on `today`.
pub fn review(
    days: &BTreeMap<NaiveDate, u32>,
    event: &MarchEvent,
    member: &Member,
    today: NaiveDate,
) -> ReviewSummary {
    let days = days
        .iter()
        .map(|(&day, &steps)| {
            let outcome = match event.check_day(day, today) {
                Err(reason) => DayOutcome::Refused(reason),
                Ok(()) => match member.steps.get(&day) {
                    None => DayOutcome::New,
                    Some(recorded) if recorded.steps == steps => DayOutcome::Unchanged,
                    Some(recorded) => DayOutcome::Changed {
                        before: recorded.steps,
                    },
                },
            };
            DayReview {
                day,
                steps,
                counted: event.rules.counted(steps),
                outcome,
            }
        })
        .collect();
    ReviewSummary { days }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::march::event::StepSource;
    use crate::march::event::tests::day;

    fn event_with_member() -> (MarchEvent, u32) {
        let Ok(mut event) = MarchEvent::new(1, "健步走", day("2024-03-01")) else {
            panic!("event");
        };
        let Ok(team) = event.add_team("第一支部") else {
            panic!("team")
        };
        let Ok(member) = event.add_member("张三", team, None) else {
            panic!("member")
        };
        (event, member)
    }

    #[test]
    fn each_day_is_new_changed_unchanged_or_refused() {
        let (mut event, id) = event_with_member();
        let today = day("2024-03-05");
        for (d, steps) in [("2024-03-02", 5000), ("2024-03-03", 6000)] {
            assert_eq!(
                event.set_steps(id, day(d), steps, StepSource::Manual, today),
                Ok(true)
            );
        }
        let file = BTreeMap::from([
            (day("2024-02-29"), 100),
            (day("2024-03-02"), 5000),
            (day("2024-03-03"), 7000),
            (day("2024-03-04"), 40_000),
            (day("2024-03-06"), 100),
        ]);
        let Some(member) = event.member(id) else {
            panic!("member")
        };
        let summary = review(&file, &event, member, today);
        let notes: Vec<String> = summary.days.iter().map(DayReview::note).collect();
        assert_eq!(
            notes,
            [
                "不导入：2024-02-29 在活动开始（2024-03-01）之前",
                "与已有记录相同，不变",
                "替换原有的 6000 步",
                "新增；超过每日上限，按 30000 步计",
                "不导入：2024-03-06 在今天之后，不能录入",
            ]
        );
        assert_eq!(summary.to_apply(), 2);
        assert_eq!(summary.unchanged(), 1);
        assert_eq!(summary.refused(), 2);
        assert_eq!(summary.clipped(), 1);
        assert_eq!(summary.accepted_steps(), 52_000);
        assert_eq!(summary.counted_steps(), 42_000);
        assert_eq!(
            summary.applicable(),
            [(day("2024-03-03"), 7000), (day("2024-03-04"), 40_000)]
        );
    }

    #[test]
    fn applying_a_reviewed_file_twice_changes_nothing_the_second_time() {
        let (mut event, id) = event_with_member();
        let today = day("2024-03-10");
        let file = BTreeMap::from([(day("2024-03-01"), 8000), (day("2024-03-02"), 12_000)]);
        for expected_changes in [2, 0] {
            let Some(member) = event.member(id) else {
                panic!("member")
            };
            let summary = review(&file, &event, member, today);
            assert_eq!(summary.to_apply(), expected_changes);
            let Ok(report) = event.set_days(id, summary.applicable(), StepSource::Csv, today) else {
                panic!("applies")
            };
            assert_eq!(report.changed, expected_changes);
        }
        let Some(member) = event.member(id) else {
            panic!("member")
        };
        assert_eq!(member.steps.len(), 2);
    }
}
