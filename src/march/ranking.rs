//! Rankings for the projector: teams by total 里 (the members' positions on the map), with the
//! average per member and 达标率 (the share of members who reached the daily goal that day).

use chrono::NaiveDate;

use super::event::{MarchEvent, MemberId, TeamId};
use super::progress::member_progress;
use crate::content::route::Route;

/// A team's line in the ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamStanding {
    /// The team.
    pub team: TeamId,
    /// Its name.
    pub name: String,
    /// Place, from 1; equal totals share a place.
    pub rank: usize,
    /// Members.
    pub members: usize,
    /// Sum of the members' positions in 里.
    pub total_li: f64,
    /// Average position per member (0 for a team without members).
    pub average_li: f64,
    /// Share of members with at least the daily goal on the day asked, 0–1.
    pub goal_rate: f64,
    /// Steps entered by all members.
    pub total_steps: u64,
    /// Members who reached 会宁.
    pub finished: usize,
}

/// A member's line in a ranking.
#[derive(Clone, Debug, PartialEq)]
pub struct MemberStanding {
    /// The member.
    pub member: MemberId,
    /// Their name.
    pub name: String,
    /// Their team's name.
    pub team: String,
    /// Place, from 1; equal positions share a place.
    pub rank: usize,
    /// Position in 里.
    pub li: f64,
    /// Steps on the day asked.
    pub steps_on_day: u32,
    /// Reached 会宁.
    pub finished: bool,
}

/// Places from sorted values: equal values (to a tenth of a 里) share a place, the next place
/// skips (1, 1, 3).
fn ranks(sorted: &[f64]) -> Vec<usize> {
    let mut result = Vec::with_capacity(sorted.len());
    for (index, value) in sorted.iter().enumerate() {
        let shared = index > 0 && (sorted[index - 1] - value).abs() < 0.05;
        let rank = if shared { result[index - 1] } else { index + 1 };
        result.push(rank);
    }
    result
}

/// Every team, best first; `day` is the day 达标率 is worked out for.
pub fn team_standings(event: &MarchEvent, route: &Route, day: NaiveDate) -> Vec<TeamStanding> {
    let mut standings: Vec<TeamStanding> = event
        .teams
        .iter()
        .map(|team| {
            let mut standing = TeamStanding {
                team: team.id,
                name: team.name.clone(),
                rank: 0,
                members: 0,
                total_li: 0.0,
                average_li: 0.0,
                goal_rate: 0.0,
                total_steps: 0,
                finished: 0,
            };
            let mut reached_goal = 0;
            for member in event.members_of(team.id) {
                let progress = member_progress(member, &event.rules, route);
                standing.members += 1;
                standing.total_li += progress.position_li;
                standing.total_steps += progress.total_steps;
                standing.finished += usize::from(progress.finished);
                reached_goal += usize::from(member.steps_on(day) >= event.rules.daily_goal);
            }
            if standing.members > 0 {
                standing.average_li = standing.total_li / standing.members as f64;
                standing.goal_rate = reached_goal as f64 / standing.members as f64;
            }
            standing
        })
        .collect();
    standings.sort_by(|a, b| b.total_li.total_cmp(&a.total_li));
    let totals: Vec<f64> = standings.iter().map(|s| s.total_li).collect();
    for (standing, rank) in standings.iter_mut().zip(ranks(&totals)) {
        standing.rank = rank;
    }
    standings
}

/// Members (of one team, or all), furthest first.
pub fn member_standings(
    event: &MarchEvent,
    route: &Route,
    team: Option<TeamId>,
    day: NaiveDate,
) -> Vec<MemberStanding> {
    let mut standings: Vec<MemberStanding> = event
        .members
        .iter()
        .filter(|m| team.is_none_or(|t| m.team == t))
        .map(|member| {
            let progress = member_progress(member, &event.rules, route);
            MemberStanding {
                member: member.id,
                name: member.name.clone(),
                team: event
                    .team(member.team)
                    .map(|t| t.name.clone())
                    .unwrap_or_default(),
                rank: 0,
                li: progress.position_li,
                steps_on_day: member.steps_on(day),
                finished: progress.finished,
            }
        })
        .collect();
    standings.sort_by(|a, b| b.li.total_cmp(&a.li));
    let positions: Vec<f64> = standings.iter().map(|s| s.li).collect();
    for (standing, rank) in standings.iter_mut().zip(ranks(&positions)) {
        standing.rank = rank;
    }
    standings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::march::event::StepSource;
    use crate::march::event::tests::{day, event};
    use crate::march::progress::tests::route;

    #[test]
    fn teams_rank_by_total_with_average_and_goal_rate() {
        let mut event = event();
        let today = day("2026-03-05");
        // 第一支部: 张三 12,000 and 李四 6,000 on the day; 第二支部: 王五 20,000.
        for (member, steps) in [(1, 12_000), (2, 6_000), (3, 20_000)] {
            event
                .set_steps(member, today, steps, StepSource::Manual, today)
                .expect("a day in the event");
        }
        event.add_team("第三支部").expect("an empty team");
        let standings = team_standings(&event, &route(), today);
        let names: Vec<&str> = standings.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["第二支部", "第一支部", "第三支部"],
            "136 里 beats 81.6 + 40.8"
        );
        let first = &standings[1];
        assert!((first.total_li - 122.4).abs() < 1e-6);
        assert!((first.average_li - 61.2).abs() < 1e-6);
        assert!((first.goal_rate - 0.5).abs() < 1e-9);
        assert_eq!(first.total_steps, 18_000);
        assert!((standings[0].goal_rate - 1.0).abs() < 1e-9);
        let empty = &standings[2];
        assert_eq!((empty.members, empty.average_li, empty.goal_rate), (0, 0.0, 0.0));
        assert_eq!(empty.rank, 3);
        let other_day = team_standings(&event, &route(), day("2026-03-04"));
        assert!(
            other_day.iter().all(|s| s.goal_rate == 0.0),
            "达标率 is for the day asked"
        );
    }

    #[test]
    fn equal_totals_share_a_place() {
        let mut event = event();
        let today = day("2026-03-05");
        for (member, steps) in [(1, 10_000), (3, 10_000)] {
            event
                .set_steps(member, today, steps, StepSource::Manual, today)
                .expect("a day in the event");
        }
        let teams = team_standings(&event, &route(), today);
        assert_eq!(teams.iter().map(|s| s.rank).collect::<Vec<_>>(), [1, 1]);
        let members = member_standings(&event, &route(), None, today);
        assert_eq!(members.iter().map(|s| s.rank).collect::<Vec<_>>(), [1, 1, 3]);
        assert_eq!(members[2].name, "李四");
        let team_one = member_standings(&event, &route(), Some(1), today);
        assert_eq!(team_one.len(), 2);
        assert_eq!(team_one[0].steps_on_day, 10_000);
    }

    #[test]
    fn ranks_skip_after_a_tie() {
        assert_eq!(ranks(&[5.0, 5.0, 3.0, 1.0, 1.0]), [1, 1, 3, 4, 4]);
        assert!(ranks(&[]).is_empty());
    }
}
