//! A 再走长征路 event: its exchange rules, teams (branches), members and each member's daily steps
//! and station quiz attempts. Every change is checked and refused in Chinese; time comes in as a
//! value.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::practice::Moment;

/// Identifies a team within its event.
pub type TeamId = u32;
/// Identifies a member within its event.
pub type MemberId = u32;

/// Steps that 10,000 steps a day turn into the real 368 days from 瑞金 to 会宁.
pub const DEFAULT_LI_PER_10K_STEPS: f64 = 68.0;
/// Steps a day above which the rest does not count.
pub const DEFAULT_DAILY_CAP: u32 = 30_000;
/// Steps a day that count as reaching the daily goal (for 达标率).
pub const DEFAULT_DAILY_GOAL: u32 = 10_000;
/// Longest name of an event, team or member, in characters.
pub const MAX_NAME_CHARS: usize = 30;

/// How steps become 里 and how station quizzes run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExchangeRules {
    /// 里 for 10,000 counted steps.
    pub li_per_10k_steps: f64,
    /// Steps a day that count at most.
    pub daily_cap: u32,
    /// Steps a day that reach the daily goal.
    pub daily_goal: u32,
    /// Questions in a station quiz; all must be right.
    pub quiz_size: usize,
    /// Minutes to wait after a failed quiz before trying again (0: at once).
    pub retry_pause_minutes: u32,
}

impl Default for ExchangeRules {
    fn default() -> Self {
        ExchangeRules {
            li_per_10k_steps: DEFAULT_LI_PER_10K_STEPS,
            daily_cap: DEFAULT_DAILY_CAP,
            daily_goal: DEFAULT_DAILY_GOAL,
            quiz_size: 3,
            retry_pause_minutes: 10,
        }
    }
}

impl ExchangeRules {
    /// Refuses rules that cannot work.
    pub fn check(&self) -> Result<(), MarchError> {
        if !(self.li_per_10k_steps.is_finite() && self.li_per_10k_steps > 0.0) {
            return Err(MarchError::BadRules("每万步折合里程必须大于 0".into()));
        }
        if self.daily_cap == 0 {
            return Err(MarchError::BadRules("每日步数上限必须大于 0".into()));
        }
        if self.quiz_size == 0 {
            return Err(MarchError::BadRules("站点答题至少 1 题".into()));
        }
        Ok(())
    }

    /// Steps of a day that count: up to the daily cap.
    pub fn counted(&self, steps: u32) -> u32 {
        steps.min(self.daily_cap)
    }

    /// 里 earned by a day's steps.
    pub fn li_for_day(&self, steps: u32) -> f64 {
        f64::from(self.counted(steps)) * self.li_per_10k_steps / 10_000.0
    }
}

/// Where a day's steps came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum StepSource {
    /// Typed in.
    Manual,
    /// An Apple Health export.
    AppleHealth,
    /// A Google Fit Takeout file.
    GoogleFit,
    /// A plain `date,steps` CSV.
    Csv,
}

impl StepSource {
    /// Name shown in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            StepSource::Manual => "手动录入",
            StepSource::AppleHealth => "Apple 健康",
            StepSource::GoogleFit => "Google 健身",
            StepSource::Csv => "CSV 文件",
        }
    }
}

/// One day's steps of a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DaySteps {
    /// Steps as entered or imported, before the daily cap.
    pub steps: u32,
    /// Where they came from.
    pub source: StepSource,
}

/// A station quiz attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizAttempt {
    /// The station's stop id.
    pub stop: String,
    /// When it was answered.
    pub at: Moment,
    /// The questions asked.
    pub questions: Vec<String>,
    /// Whether every answer was right.
    pub passed: bool,
}

/// A team: a party branch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    /// Identifier within the event.
    pub id: TeamId,
    /// Name, e.g. `第一党支部`.
    pub name: String,
}

/// A member of a team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Identifier within the event.
    pub id: MemberId,
    /// Name.
    pub name: String,
    /// The member's team.
    pub team: TeamId,
    /// The app profile this member is, if any.
    #[serde(default)]
    pub profile: Option<u32>,
    /// Steps by day.
    #[serde(default)]
    pub steps: BTreeMap<NaiveDate, DaySteps>,
    /// Station quiz attempts, oldest first.
    #[serde(default)]
    pub attempts: Vec<QuizAttempt>,
}

impl Member {
    /// Whether the member has passed the quiz of the stop with this id.
    pub fn passed(&self, stop: &str) -> bool {
        self.pass_time(stop).is_some()
    }

    /// When the member passed the quiz of the stop with this id.
    pub fn pass_time(&self, stop: &str) -> Option<Moment> {
        self.attempts
            .iter()
            .find(|a| a.passed && a.stop == stop)
            .map(|a| a.at)
    }

    /// Steps of a day (0 if none were entered).
    pub fn steps_on(&self, day: NaiveDate) -> u32 {
        self.steps.get(&day).map_or(0, |d| d.steps)
    }
}

/// A refused change, in Chinese.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum MarchError {
    /// A name that is empty after trimming.
    #[error("名称不能为空")]
    EmptyName,
    /// A name over [`MAX_NAME_CHARS`].
    #[error("名称最多 {MAX_NAME_CHARS} 个字")]
    NameTooLong,
    /// Another team or member of the event has that name.
    #[error("已有名为“{0}”的队伍或成员")]
    DuplicateName(String),
    /// No team with that id.
    #[error("找不到该队伍")]
    NoSuchTeam,
    /// No member with that id.
    #[error("找不到该成员")]
    NoSuchMember,
    /// Removing a team that still has members.
    #[error("队伍“{0}”还有成员，请先移走或删除成员")]
    TeamNotEmpty(String),
    /// A day after today.
    #[error("{0} 在今天之后，不能录入")]
    FutureDay(NaiveDate),
    /// A day before the event started.
    #[error("{0} 在活动开始（{1}）之前")]
    BeforeStart(NaiveDate, NaiveDate),
    /// A day after the event ended.
    #[error("{0} 在活动结束（{1}）之后")]
    AfterEnd(NaiveDate, NaiveDate),
    /// Rules that cannot work.
    #[error("活动规则有误：{0}")]
    BadRules(String),
    /// An end before the start.
    #[error("结束日期不能早于开始日期")]
    EndBeforeStart,
    /// A member entered for a team they are not in.
    #[error("“{0}”不是该队伍的成员")]
    NotInTeam(String),
    /// Two teams or two members with one id (a damaged or hand-edited file).
    #[error("活动数据有误：编号 {0} 重复")]
    DuplicateId(u32),
}

/// What applying a set of days did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StepsReport {
    /// Days whose value was set or changed.
    pub changed: usize,
    /// Days that already had exactly this value.
    pub unchanged: usize,
    /// Days refused, with the reason.
    pub refused: Vec<(NaiveDate, MarchError)>,
}

/// A 再走长征路 event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarchEvent {
    /// Identifier among the events on this PC.
    pub id: u32,
    /// Name, e.g. `2026年“再走长征路”健步走`.
    pub name: String,
    /// First day that counts.
    pub start: NaiveDate,
    /// Last day that counts, if the event ends.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Exchange and quiz rules.
    #[serde(default)]
    pub rules: ExchangeRules,
    /// Teams, in the order they were added.
    #[serde(default)]
    pub teams: Vec<Team>,
    /// Members, in the order they were added.
    #[serde(default)]
    pub members: Vec<Member>,
}

/// An id after every id in use, or the smallest free one if the largest is `u32::MAX`.
pub(crate) fn fresh_id(ids: impl Iterator<Item = u32> + Clone) -> u32 {
    match ids.clone().max() {
        None => 1,
        Some(max) => max.checked_add(1).unwrap_or_else(|| {
            (1..u32::MAX)
                .find(|id| !ids.clone().any(|used| used == *id))
                .unwrap_or(0)
        }),
    }
}

fn clean_name(name: &str) -> Result<String, MarchError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(MarchError::EmptyName);
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(MarchError::NameTooLong);
    }
    Ok(name.to_owned())
}

impl MarchEvent {
    /// A new event without teams.
    pub fn new(id: u32, name: &str, start: NaiveDate) -> Result<MarchEvent, MarchError> {
        Ok(MarchEvent {
            id,
            name: clean_name(name)?,
            start,
            end: None,
            rules: ExchangeRules::default(),
            teams: Vec::new(),
            members: Vec::new(),
        })
    }

    /// Renames the event.
    pub fn rename(&mut self, name: &str) -> Result<(), MarchError> {
        self.name = clean_name(name)?;
        Ok(())
    }

    /// Sets the dates.
    pub fn set_dates(&mut self, start: NaiveDate, end: Option<NaiveDate>) -> Result<(), MarchError> {
        if end.is_some_and(|end| end < start) {
            return Err(MarchError::EndBeforeStart);
        }
        self.start = start;
        self.end = end;
        Ok(())
    }

    /// Sets the rules after checking them.
    pub fn set_rules(&mut self, rules: ExchangeRules) -> Result<(), MarchError> {
        rules.check()?;
        self.rules = rules;
        Ok(())
    }

    fn name_taken(&self, name: &str, except_team: Option<TeamId>, except_member: Option<MemberId>) -> bool {
        self.teams
            .iter()
            .any(|t| t.name == name && Some(t.id) != except_team)
            || self
                .members
                .iter()
                .any(|m| m.name == name && Some(m.id) != except_member)
    }

    /// A team by id.
    pub fn team(&self, id: TeamId) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }

    /// A member by id.
    pub fn member(&self, id: MemberId) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    fn member_mut(&mut self, id: MemberId) -> Result<&mut Member, MarchError> {
        self.members
            .iter_mut()
            .find(|m| m.id == id)
            .ok_or(MarchError::NoSuchMember)
    }

    /// The members of a team, in the order they were added.
    pub fn members_of(&self, team: TeamId) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(move |m| m.team == team)
    }

    /// The member who is this app profile, if any.
    pub fn member_for_profile(&self, profile: u32) -> Option<&Member> {
        self.members.iter().find(|m| m.profile == Some(profile))
    }

    /// Adds a team; names are unique among teams and members.
    pub fn add_team(&mut self, name: &str) -> Result<TeamId, MarchError> {
        let name = clean_name(name)?;
        if self.name_taken(&name, None, None) {
            return Err(MarchError::DuplicateName(name));
        }
        let id = fresh_id(self.teams.iter().map(|t| t.id));
        self.teams.push(Team { id, name });
        Ok(id)
    }

    /// Renames a team.
    pub fn rename_team(&mut self, id: TeamId, name: &str) -> Result<(), MarchError> {
        let name = clean_name(name)?;
        if self.name_taken(&name, Some(id), None) {
            return Err(MarchError::DuplicateName(name));
        }
        let team = self
            .teams
            .iter_mut()
            .find(|t| t.id == id)
            .ok_or(MarchError::NoSuchTeam)?;
        team.name = name;
        Ok(())
    }

    /// Removes an empty team; a team with members is refused so that no steps are lost.
    pub fn remove_team(&mut self, id: TeamId) -> Result<(), MarchError> {
        let team = self.team(id).ok_or(MarchError::NoSuchTeam)?;
        if self.members_of(id).next().is_some() {
            return Err(MarchError::TeamNotEmpty(team.name.clone()));
        }
        self.teams.retain(|t| t.id != id);
        Ok(())
    }

    /// Adds a member to a team.
    pub fn add_member(
        &mut self,
        name: &str,
        team: TeamId,
        profile: Option<u32>,
    ) -> Result<MemberId, MarchError> {
        let name = clean_name(name)?;
        if self.team(team).is_none() {
            return Err(MarchError::NoSuchTeam);
        }
        if self.name_taken(&name, None, None) {
            return Err(MarchError::DuplicateName(name));
        }
        let id = fresh_id(self.members.iter().map(|m| m.id));
        self.members.push(Member {
            id,
            name,
            team,
            profile,
            steps: BTreeMap::new(),
            attempts: Vec::new(),
        });
        Ok(id)
    }

    /// Renames a member.
    pub fn rename_member(&mut self, id: MemberId, name: &str) -> Result<(), MarchError> {
        let name = clean_name(name)?;
        if self.name_taken(&name, None, Some(id)) {
            return Err(MarchError::DuplicateName(name));
        }
        self.member_mut(id)?.name = name;
        Ok(())
    }

    /// Moves a member, with all their steps, to another team.
    pub fn move_member(&mut self, id: MemberId, team: TeamId) -> Result<(), MarchError> {
        if self.team(team).is_none() {
            return Err(MarchError::NoSuchTeam);
        }
        self.member_mut(id)?.team = team;
        Ok(())
    }

    /// Removes a member and their steps.
    pub fn remove_member(&mut self, id: MemberId) -> Result<(), MarchError> {
        self.member_mut(id)?;
        self.members.retain(|m| m.id != id);
        Ok(())
    }

    /// Whether steps may be entered for `day`: not in the future, not outside the event.
    pub fn check_day(&self, day: NaiveDate, today: NaiveDate) -> Result<(), MarchError> {
        if day > today {
            return Err(MarchError::FutureDay(day));
        }
        if day < self.start {
            return Err(MarchError::BeforeStart(day, self.start));
        }
        if let Some(end) = self.end
            && day > end
        {
            return Err(MarchError::AfterEnd(day, end));
        }
        Ok(())
    }

    /// Sets a day's steps, replacing what was there (entering or importing the same day twice
    /// changes nothing). Returns whether the value changed.
    pub fn set_steps(
        &mut self,
        member: MemberId,
        day: NaiveDate,
        steps: u32,
        source: StepSource,
        today: NaiveDate,
    ) -> Result<bool, MarchError> {
        self.check_day(day, today)?;
        let entry = DaySteps { steps, source };
        let member = self.member_mut(member)?;
        let before = member.steps.insert(day, entry);
        Ok(before.map(|b| b.steps) != Some(steps))
    }

    /// Forgets a day's steps.
    pub fn clear_steps(&mut self, member: MemberId, day: NaiveDate) -> Result<(), MarchError> {
        self.member_mut(member)?.steps.remove(&day);
        Ok(())
    }

    /// Sets many days of one member (an import): each day replaced, refused days listed.
    pub fn set_days(
        &mut self,
        member: MemberId,
        days: impl IntoIterator<Item = (NaiveDate, u32)>,
        source: StepSource,
        today: NaiveDate,
    ) -> Result<StepsReport, MarchError> {
        self.member_mut(member)?;
        let mut report = StepsReport::default();
        for (day, steps) in days {
            match self.set_steps(member, day, steps, source, today) {
                Ok(true) => report.changed += 1,
                Ok(false) => report.unchanged += 1,
                Err(err) => report.refused.push((day, err)),
            }
        }
        Ok(report)
    }

    /// Sets one day for several members of a team (the secretary's table), all or nothing: an
    /// unknown member, one of another team or a refused day changes no one.
    pub fn set_day_for_team(
        &mut self,
        team: TeamId,
        day: NaiveDate,
        entries: &[(MemberId, u32)],
        source: StepSource,
        today: NaiveDate,
    ) -> Result<StepsReport, MarchError> {
        if self.team(team).is_none() {
            return Err(MarchError::NoSuchTeam);
        }
        self.check_day(day, today)?;
        for &(id, _) in entries {
            let member = self.member(id).ok_or(MarchError::NoSuchMember)?;
            if member.team != team {
                return Err(MarchError::NotInTeam(member.name.clone()));
            }
        }
        let mut report = StepsReport::default();
        for &(id, steps) in entries {
            if self.set_steps(id, day, steps, source, today)? {
                report.changed += 1;
            } else {
                report.unchanged += 1;
            }
        }
        Ok(report)
    }

    /// Checks an event read from a file: workable rules, dates in order, unique ids, every
    /// member in a team of the event.
    pub fn check(&self) -> Result<(), MarchError> {
        self.rules.check()?;
        if self.end.is_some_and(|end| end < self.start) {
            return Err(MarchError::EndBeforeStart);
        }
        let mut teams: Vec<TeamId> = self.teams.iter().map(|t| t.id).collect();
        let mut members: Vec<MemberId> = self.members.iter().map(|m| m.id).collect();
        for ids in [&mut teams, &mut members] {
            ids.sort_unstable();
            if let Some(pair) = ids.windows(2).find(|pair| pair[0] == pair[1]) {
                return Err(MarchError::DuplicateId(pair[0]));
            }
        }
        if self.members.iter().any(|m| teams.binary_search(&m.team).is_err()) {
            return Err(MarchError::NoSuchTeam);
        }
        Ok(())
    }

    /// Records a station quiz attempt as given, without checking that it may be taken (the
    /// screens use [`MarchEvent::record_station_attempt`], which checks).
    pub fn record_attempt(&mut self, member: MemberId, attempt: QuizAttempt) -> Result<(), MarchError> {
        self.member_mut(member)?.attempts.push(attempt);
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a valid date")
    }

    /// An event from 2026-03-01 with team 第一支部 (members 张三, 李四) and 第二支部 (王五).
    pub(crate) fn event() -> MarchEvent {
        let mut event = MarchEvent::new(1, "再走长征路", day("2026-03-01")).expect("event");
        let first = event.add_team("第一支部").expect("team");
        let second = event.add_team("第二支部").expect("team");
        event.add_member("张三", first, Some(7)).expect("member");
        event.add_member("李四", first, None).expect("member");
        event.add_member("王五", second, None).expect("member");
        event
    }

    #[test]
    fn ten_thousand_steps_make_68_li_and_the_cap_clips() {
        let rules = ExchangeRules::default();
        assert!((rules.li_for_day(10_000) - 68.0).abs() < 1e-9);
        assert!((rules.li_for_day(45_000) - rules.li_for_day(30_000)).abs() < 1e-9);
        assert_eq!(rules.counted(30_000), 30_000);
        assert_eq!(rules.counted(30_001), 30_000);
        assert_eq!(rules.li_for_day(0), 0.0);
    }

    #[test]
    fn bad_rules_are_refused() {
        let mut event = event();
        for rules in [
            ExchangeRules {
                li_per_10k_steps: 0.0,
                ..ExchangeRules::default()
            },
            ExchangeRules {
                li_per_10k_steps: f64::NAN,
                ..ExchangeRules::default()
            },
            ExchangeRules {
                daily_cap: 0,
                ..ExchangeRules::default()
            },
            ExchangeRules {
                quiz_size: 0,
                ..ExchangeRules::default()
            },
        ] {
            assert!(matches!(event.set_rules(rules), Err(MarchError::BadRules(_))));
        }
        assert_eq!(event.rules, ExchangeRules::default());
    }

    #[test]
    fn teams_and_members_keep_unique_names_and_a_team_with_members_stays() {
        let mut event = event();
        assert_eq!(
            event.add_team(" 第一支部 "),
            Err(MarchError::DuplicateName("第一支部".into()))
        );
        assert_eq!(
            event.add_member("张三", 1, None),
            Err(MarchError::DuplicateName("张三".into()))
        );
        assert_eq!(event.add_member("赵六", 99, None), Err(MarchError::NoSuchTeam));
        assert_eq!(event.add_team("  "), Err(MarchError::EmptyName));
        assert_eq!(event.add_team(&"长".repeat(31)), Err(MarchError::NameTooLong));
        assert!(matches!(event.remove_team(1), Err(MarchError::TeamNotEmpty(_))));
        event.move_member(3, 1).expect("move");
        event.remove_team(2).expect("now empty");
        assert_eq!(event.members_of(1).count(), 3);
        event.rename_member(1, "张三丰").expect("rename");
        assert_eq!(
            event.rename_member(2, "张三丰"),
            Err(MarchError::DuplicateName("张三丰".into()))
        );
        event.rename_member(2, "李四").expect("its own name again");
        assert_eq!(event.member_for_profile(7).map(|m| m.id), Some(1));
        event.remove_member(2).expect("remove");
        assert_eq!(event.remove_member(2), Err(MarchError::NoSuchMember));
    }

    #[test]
    fn a_day_is_replaced_not_added_and_refused_outside_the_event() {
        let mut event = event();
        event.end = Some(day("2026-10-31"));
        let today = day("2026-03-10");
        assert_eq!(
            event.set_steps(1, day("2026-03-05"), 8000, StepSource::Manual, today),
            Ok(true)
        );
        assert_eq!(
            event.set_steps(1, day("2026-03-05"), 8000, StepSource::Csv, today),
            Ok(false)
        );
        assert_eq!(
            event.set_steps(1, day("2026-03-05"), 9000, StepSource::Manual, today),
            Ok(true)
        );
        assert_eq!(event.member(1).map(|m| m.steps_on(day("2026-03-05"))), Some(9000));
        assert_eq!(
            event.set_steps(1, day("2026-03-11"), 1, StepSource::Manual, today),
            Err(MarchError::FutureDay(day("2026-03-11")))
        );
        assert!(
            event.set_steps(1, today, 1, StepSource::Manual, today).is_ok(),
            "today is allowed"
        );
        assert!(
            event
                .set_steps(1, day("2026-03-01"), 1, StepSource::Manual, today)
                .is_ok(),
            "the first day"
        );
        assert!(matches!(
            event.set_steps(1, day("2026-02-28"), 1, StepSource::Manual, today),
            Err(MarchError::BeforeStart(..))
        ));
        assert!(matches!(
            event.set_steps(1, day("2026-11-01"), 1, StepSource::Manual, day("2026-12-01")),
            Err(MarchError::AfterEnd(..))
        ));
        assert_eq!(
            event.set_steps(99, today, 1, StepSource::Manual, today),
            Err(MarchError::NoSuchMember)
        );
        event.clear_steps(1, today).expect("clear");
        assert_eq!(event.member(1).map(|m| m.steps_on(today)), Some(0));
    }

    #[test]
    fn importing_the_same_days_twice_changes_nothing() {
        let mut event = event();
        let today = day("2026-03-10");
        let days = [
            (day("2026-03-02"), 12_000),
            (day("2026-03-03"), 6_000),
            (day("2026-02-20"), 5_000),
        ];
        let first = event.set_days(2, days, StepSource::Csv, today).expect("member");
        assert_eq!((first.changed, first.unchanged, first.refused.len()), (2, 0, 1));
        let snapshot = event.clone();
        let second = event.set_days(2, days, StepSource::Csv, today).expect("member");
        assert_eq!(
            (second.changed, second.unchanged, second.refused.len()),
            (0, 2, 1)
        );
        assert_eq!(event, snapshot);
    }

    #[test]
    fn a_team_day_is_entered_whole_or_not_at_all() {
        let mut event = event();
        let today = day("2026-03-10");
        let on = day("2026-03-09");
        let report = event
            .set_day_for_team(1, on, &[(1, 11_000), (2, 4_000)], StepSource::Manual, today)
            .expect("both in 第一支部");
        assert_eq!((report.changed, report.unchanged), (2, 0));
        let again = event
            .set_day_for_team(1, on, &[(1, 11_000), (2, 5_000)], StepSource::Manual, today)
            .expect("replaced");
        assert_eq!((again.changed, again.unchanged), (1, 1));
        assert_eq!(event.member(2).map(|m| m.steps_on(on)), Some(5_000));
        let snapshot = event.clone();
        assert_eq!(
            event.set_day_for_team(1, on, &[(1, 1), (3, 1)], StepSource::Manual, today),
            Err(MarchError::NotInTeam("王五".into()))
        );
        assert_eq!(
            event.set_day_for_team(1, on, &[(1, 1), (42, 1)], StepSource::Manual, today),
            Err(MarchError::NoSuchMember)
        );
        assert_eq!(
            event.set_day_for_team(1, day("2026-03-11"), &[(1, 1)], StepSource::Manual, today),
            Err(MarchError::FutureDay(day("2026-03-11")))
        );
        assert_eq!(
            event.set_day_for_team(9, on, &[], StepSource::Manual, today),
            Err(MarchError::NoSuchTeam)
        );
        assert_eq!(event, snapshot, "nothing changed by a refused table");
    }

    #[test]
    fn a_damaged_event_is_found_by_check() {
        let mut event = event();
        assert_eq!(event.check(), Ok(()));
        event.members[1].id = 1;
        assert_eq!(event.check(), Err(MarchError::DuplicateId(1)));
        event.members[1].id = 2;
        event.members[1].team = 77;
        assert_eq!(event.check(), Err(MarchError::NoSuchTeam));
        event.members[1].team = 1;
        event.rules.li_per_10k_steps = f64::INFINITY;
        assert!(matches!(event.check(), Err(MarchError::BadRules(_))));
        event.rules = ExchangeRules::default();
        event.teams[0].id = u32::MAX;
        event.members.clear();
        assert_eq!(event.add_team("第三支部"), Ok(1), "no overflow after a huge id");
    }

    #[test]
    fn dates_must_be_in_order() {
        let mut event = event();
        assert_eq!(
            event.set_dates(day("2026-03-01"), Some(day("2026-02-01"))),
            Err(MarchError::EndBeforeStart)
        );
        event
            .set_dates(day("2026-03-01"), Some(day("2026-03-01")))
            .expect("one day");
    }
}
