//! Where a member stands on the route: 里 earned from steps, the position (which stops at the
//! first station whose quiz is not passed), the 里 banked beyond it, and the day each stop was
//! reached.

use chrono::NaiveDate;

use super::event::{ExchangeRules, MarchError, MarchEvent, Member, MemberId};
use crate::content::route::{Route, StopRole};

/// A member's progress along a route.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberProgress {
    /// Steps entered, before the daily cap.
    pub total_steps: u64,
    /// Steps that count, after the daily cap.
    pub counted_steps: u64,
    /// 里 the counted steps are worth.
    pub earned_li: f64,
    /// Where the member stands: the earned 里, stopped at the first station not passed.
    pub position_li: f64,
    /// 里 earned beyond a locked station, released when its quiz is passed.
    pub banked_li: f64,
    /// The first station whose quiz is not passed (index into the route's stops).
    pub barrier: Option<usize>,
    /// The member has reached [`MemberProgress::barrier`] and may take its quiz.
    pub waiting: bool,
    /// Stops reached, with the day each was reached (`None`: not yet), by stop index.
    pub reached_on: Vec<Option<NaiveDate>>,
    /// Reached 会宁: 胜利会师.
    pub finished: bool,
}

impl MemberProgress {
    /// The day of 胜利会师.
    pub fn finish_date(&self) -> Option<NaiveDate> {
        if self.finished {
            self.reached_on.last().copied().flatten()
        } else {
            None
        }
    }

    /// Stations whose quiz is passed.
    pub fn stations_passed(&self, route: &Route, member: &Member) -> usize {
        route
            .stops
            .iter()
            .filter(|s| s.role == StopRole::Station && member.passed(&s.id))
            .count()
    }

    /// The last stop at or behind the position: where the map shows the member (`None` only for
    /// an empty route).
    pub fn current_stop(&self, route: &Route) -> Option<usize> {
        route
            .stops
            .iter()
            .rposition(|s| f64::from(s.li) <= self.position_li + 1e-9)
    }

    /// The next stop ahead of the position (`None` at the finish).
    pub fn next_stop(&self, route: &Route) -> Option<usize> {
        route
            .stops
            .iter()
            .position(|s| f64::from(s.li) > self.position_li + 1e-9)
    }

    /// Whether the stop with this index has been reached.
    pub fn has_reached(&self, stop: usize) -> bool {
        self.reached_on.get(stop).is_some_and(Option::is_some)
    }
}

impl MarchEvent {
    /// The progress of the member with this id under the event's rules.
    pub fn progress(&self, member: MemberId, route: &Route) -> Result<MemberProgress, MarchError> {
        let member = self.member(member).ok_or(MarchError::NoSuchMember)?;
        Ok(member_progress(member, &self.rules, route))
    }
}

/// Works out a member's progress from their steps and passed quizzes.
pub fn member_progress(member: &Member, rules: &ExchangeRules, route: &Route) -> MemberProgress {
    let mut total_steps = 0_u64;
    let mut counted_steps = 0_u64;
    // Cumulative 里 at the end of each day with steps, in date order.
    let mut by_day: Vec<(NaiveDate, f64)> = Vec::with_capacity(member.steps.len());
    let mut earned_li = 0.0;
    for (&day, entry) in &member.steps {
        total_steps += u64::from(entry.steps);
        counted_steps += u64::from(rules.counted(entry.steps));
        earned_li += rules.li_for_day(entry.steps);
        by_day.push((day, earned_li));
    }
    let barrier = route
        .stops
        .iter()
        .position(|s| s.role == StopRole::Station && !member.passed(&s.id));
    let finish_li = route.stops.last().map_or(0.0, |s| f64::from(s.li));
    let limit = barrier.map_or(finish_li, |i| f64::from(route.stops[i].li));
    let position_li = earned_li.min(limit);
    let banked_li = (earned_li - position_li).max(0.0);
    let waiting = barrier.is_some() && earned_li + 1e-9 >= limit;

    // A stop is reached on the later of: the day the steps got there, and the day the quiz of
    // every station before it was passed.
    let mut reached_on = Vec::with_capacity(route.stops.len());
    let mut unlocked: Option<NaiveDate> = None;
    let mut blocked = false;
    for stop in &route.stops {
        let li = f64::from(stop.li);
        let walked = if li <= 0.0 {
            member.steps.keys().next().copied().or(Some(NaiveDate::MIN))
        } else {
            by_day
                .iter()
                .find(|(_, cumulative)| *cumulative + 1e-9 >= li)
                .map(|(day, _)| *day)
        };
        let reached = if blocked {
            None
        } else {
            walked.map(|day| unlocked.map_or(day, |u| u.max(day)))
        };
        reached_on.push(reached);
        if stop.role == StopRole::Station {
            match member.pass_time(&stop.id) {
                Some(at) => {
                    let day = at.date_naive();
                    unlocked = Some(unlocked.map_or(day, |u| u.max(day)));
                }
                None => blocked = true,
            }
        }
    }
    // The start is reached when the event begins for the member; show no day before any steps.
    if let Some(first) = reached_on.first_mut()
        && *first == Some(NaiveDate::MIN)
    {
        *first = None;
    }
    let finished = !route.stops.is_empty() && barrier.is_none() && earned_li + 1e-9 >= finish_li;
    MemberProgress {
        total_steps,
        counted_steps,
        earned_li,
        position_li,
        banked_li,
        barrier,
        waiting,
        reached_on,
        finished,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::content::route::{BUNDLED_ROUTE, parse_route};
    use crate::march::event::QuizAttempt;
    use crate::march::event::tests::{day, event};
    use crate::march::event::{MarchEvent, StepSource};
    use crate::practice::testing::at;

    pub(crate) fn route() -> Route {
        parse_route(BUNDLED_ROUTE).expect("the bundled route parses")
    }

    /// Member 1 walks `steps` a day from the event's start for `days` days.
    pub(crate) fn walk(event: &mut MarchEvent, steps: u32, days: i64) {
        let today = event.start + chrono::TimeDelta::days(days);
        let start = event.start;
        let walked = (0..days).map(|d| (start + chrono::TimeDelta::days(d), steps));
        event
            .set_days(1, walked, StepSource::Manual, today)
            .expect("member 1");
    }

    pub(crate) fn pass(event: &mut MarchEvent, stop: &str, on: (i32, u32, u32)) {
        event
            .record_attempt(
                1,
                QuizAttempt {
                    stop: stop.into(),
                    at: at(on.0, on.1, on.2, 9),
                    questions: Vec::new(),
                    passed: true,
                },
            )
            .expect("member 1");
    }

    fn progress(event: &MarchEvent) -> MemberProgress {
        member_progress(event.member(1).expect("member 1"), &event.rules, &route())
    }

    #[test]
    fn mileage_stops_at_the_first_locked_station_and_the_rest_is_banked() {
        let route = route();
        let first_station = &route.stops[1];
        let mut event = event();
        // 10 days of 30,000 steps: 2,040 里, past the first station.
        walk(&mut event, 30_000, 10);
        let before = progress(&event);
        assert!((before.earned_li - 2040.0).abs() < 1e-6);
        assert_eq!(before.barrier, Some(1));
        assert!(before.waiting);
        assert_eq!(before.position_li, f64::from(first_station.li));
        assert!((before.banked_li - (2040.0 - f64::from(first_station.li))).abs() < 1e-6);
        assert!(!before.has_reached(2));

        pass(&mut event, &first_station.id, (2026, 3, 11));
        let after = progress(&event);
        assert_eq!(after.barrier, Some(2));
        let second = f64::from(route.stops[2].li);
        assert_eq!(
            after.position_li,
            2040.0_f64.min(second),
            "released up to the next station"
        );
        assert!(
            (after.position_li + after.banked_li - 2040.0).abs() < 1e-6,
            "nothing is lost"
        );
        // 469 里 at 204 a day: reached on the third day, whenever the quiz was passed.
        assert_eq!(after.reached_on[1], Some(day("2026-03-03")));
        assert_eq!(after.reached_on[2], None);
    }

    #[test]
    fn short_of_a_station_nothing_is_banked() {
        let mut event = event();
        walk(&mut event, 10_000, 3);
        let progress = progress(&event);
        assert!((progress.earned_li - 204.0).abs() < 1e-6);
        assert_eq!(progress.position_li, progress.earned_li);
        assert_eq!(progress.banked_li, 0.0);
        assert!(!progress.waiting);
        assert_eq!(progress.next_stop(&route()), Some(1));
    }

    #[test]
    fn ten_thousand_steps_a_day_reach_huining_in_about_368_days() {
        let route = route();
        let finish = f64::from(route.stops.last().expect("finish").li);
        let days_needed = (finish / 68.0).ceil();
        assert!((360.0..=376.0).contains(&days_needed), "{days_needed} days");
        let mut event = event();
        walk(&mut event, 10_000, 370);
        let locked = progress(&event);
        assert!(!locked.finished, "stations not passed");
        for stop in route.stops.iter().filter(|s| s.role == StopRole::Station) {
            pass(&mut event, &stop.id, (2027, 3, 10));
        }
        let done = progress(&event);
        assert!(done.finished);
        assert_eq!(done.position_li, finish);
        assert_eq!(done.banked_li, done.earned_li - finish);
        // The steps reached 会宁 on day 368 (2027-03-03), but the last quiz was passed 2027-03-10.
        assert_eq!(done.finish_date(), Some(day("2027-03-10")));
    }

    #[test]
    fn the_finish_day_is_the_day_the_steps_arrive_when_the_quizzes_came_first() {
        let route = route();
        let mut event = event();
        for stop in route.stops.iter().filter(|s| s.role == StopRole::Station) {
            pass(&mut event, &stop.id, (2026, 3, 1));
        }
        walk(&mut event, 30_000, 150);
        let done = progress(&event);
        assert!(done.finished);
        let finish = f64::from(route.stops.last().expect("finish").li);
        let day_index = (finish / 204.0).ceil() as i64 - 1;
        assert_eq!(
            done.finish_date(),
            Some(event.start + chrono::TimeDelta::days(day_index))
        );
    }

    #[test]
    fn a_member_without_steps_stands_at_the_start() {
        let event = event();
        let progress = progress(&event);
        assert_eq!(progress.position_li, 0.0);
        assert_eq!(progress.total_steps, 0);
        assert!(!progress.waiting && !progress.finished);
        assert_eq!(progress.finish_date(), None);
        assert_eq!(progress.reached_on.iter().flatten().count(), 0);
    }

    #[test]
    fn the_current_stop_follows_the_position_and_an_unknown_member_is_an_error() {
        let route = route();
        let mut event = event();
        let at_start = event.progress(1, &route).expect("member 1");
        assert_eq!(at_start.current_stop(&route), Some(0));
        walk(&mut event, 30_000, 3);
        let locked = event.progress(1, &route).expect("member 1");
        assert_eq!(
            locked.current_stop(&route),
            Some(1),
            "standing at the locked station"
        );
        assert_eq!(locked.next_stop(&route), Some(2));
        assert_eq!(event.progress(99, &route), Err(MarchError::NoSuchMember));
        let empty = Route {
            stops: Vec::new(),
            ..route
        };
        let nowhere = event.progress(1, &empty).expect("member 1");
        assert!(!nowhere.finished, "an empty route has no finish");
        assert_eq!(nowhere.current_stop(&empty), None);
    }

    #[test]
    fn the_cap_counts_in_progress() {
        let mut event = event();
        walk(&mut event, 50_000, 2);
        let progress = progress(&event);
        assert_eq!(progress.total_steps, 100_000);
        assert_eq!(progress.counted_steps, 60_000);
    }
}
