//! The contest as a replay of its event log: every host action and buzzer press is an [`Event`];
//! the state is what applying them in order gives. An event that does not fit the state is refused
//! (live) or skipped (replay), so undoing an earlier event can never corrupt the scores.

use std::collections::BTreeSet;

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use rand::Rng;
use rand::seq::IndexedRandom;

use super::plan::{ContestPlan, RiskOrder, RoundKind};
use crate::bank::Library;
use crate::practice::filter::pool;
use crate::practice::{Filter, Moment};

/// Something that happened in the contest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// The host puts a question on the screen (必答/风险/速答: the answer clock starts;
    /// 抢答/加赛: the question is read, buzzers still closed).
    Show {
        /// Question id.
        question: String,
    },
    /// 抢答/加赛: the host opens the buzzers.
    Open,
    /// A team's buzzer.
    Buzz {
        /// Team index.
        team: usize,
    },
    /// The host judges the answer.
    Judge {
        /// Right or wrong.
        correct: bool,
    },
    /// A clock ran out (logged by the console when it sees the deadline pass).
    Timeout,
    /// The host voids the question.
    Void,
    /// 抢答: after a wrong answer, the buzzers open again for the other teams.
    Reopen,
    /// The answer is shown to the audience.
    Reveal,
    /// 风险题: the team whose turn it is picks a value, or declines (`None`).
    Pick {
        /// The value, one of the round's values.
        value: Option<i32>,
    },
    /// A manual score change with its reason.
    Adjust {
        /// Team index.
        team: usize,
        /// Points added (negative: taken).
        delta: i32,
        /// Why, for the record.
        reason: String,
    },
    /// On to the next question, turn or round.
    Next,
    /// Clocks stop.
    Pause,
    /// Clocks run again.
    Resume,
    /// Takes back (or, a second time, restores) the event with this sequence number.
    Undo {
        /// The event's sequence number.
        seq: u64,
    },
}

/// An event as written to the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Logged {
    /// Sequence number, from 1.
    pub seq: u64,
    /// When it happened.
    pub at: Moment,
    /// What happened.
    pub event: Event,
}

/// A buzzer press on the current question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Press {
    /// Team index.
    pub team: usize,
    /// When.
    pub at: Moment,
    /// Whether it won the right to answer (later and excluded presses do not).
    pub won: bool,
    /// A press before the buzzers opened.
    pub false_start: bool,
}

/// A change of a team's score, for the scoreboard and the results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreChange {
    /// Team index.
    pub team: usize,
    /// Points added.
    pub delta: i32,
    /// Round index (the plan's length for the 加赛).
    pub round: usize,
    /// The question, if any.
    pub question: Option<String>,
    /// Why, in Chinese.
    pub reason: String,
    /// When.
    pub at: Moment,
}

/// Where the contest stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Waiting for the host to show the next question (风险题: for the team's pick).
    Ready,
    /// 风险题: the team has picked this value; the host shows the question.
    Picked {
        /// Points at stake.
        value: i32,
    },
    /// 抢答/加赛: the question is read; a buzz now is a false start.
    Reading {
        /// Question id.
        question: String,
    },
    /// 抢答/加赛: buzzers open until the deadline.
    Buzzing {
        /// Question id.
        question: String,
        /// No buzz by then: the question is void.
        deadline: Moment,
    },
    /// A team is answering.
    Answering {
        /// Question id.
        question: String,
        /// Team index.
        team: usize,
        /// Answer by then, or it counts as wrong.
        deadline: Moment,
        /// Points for a right answer.
        points: i32,
        /// Points lost for a wrong answer.
        penalty: i32,
    },
    /// The answer has been judged.
    Judged {
        /// Question id.
        question: String,
        /// Team index.
        team: usize,
        /// Right or wrong.
        correct: bool,
    },
    /// The question was voided (by the host, a false start, or no buzz in time).
    Voided {
        /// Question id.
        question: String,
    },
    /// 限时速答: the team's time is up.
    TurnOver,
    /// The contest is over.
    Finished,
}

/// Why an event was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum Refused {
    /// The event does not fit the current stage.
    #[error("现在不能这样操作")]
    NotNow,
    /// The question was already used in this contest.
    #[error("这道题本场比赛已经用过")]
    QuestionUsed,
    /// No such team.
    #[error("没有这支队伍")]
    NoSuchTeam,
    /// The value is not one of the round's values.
    #[error("该分值不在本轮可选范围内")]
    BadValue,
    /// The clock has not run out.
    #[error("时间还没到")]
    NotDue,
    /// No event with that number.
    #[error("没有这条记录")]
    NoSuchEvent,
    /// The contest is paused.
    #[error("比赛已暂停")]
    Paused,
}

/// Sequence numbers of the events taken back: each [`Event::Undo`] toggles its target.
pub fn cancelled(log: &[Logged]) -> BTreeSet<u64> {
    let mut cancelled = BTreeSet::new();
    for logged in log {
        if let Event::Undo { seq } = logged.event
            && !cancelled.remove(&seq)
        {
            cancelled.insert(seq);
        }
    }
    cancelled
}

/// The state of a contest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contest {
    /// The set-up.
    pub plan: ContestPlan,
    /// Each team's score.
    pub scores: Vec<i32>,
    /// The round being played; `plan.rounds.len()` during the 加赛.
    pub round: usize,
    /// Turn within the round (必答/风险: question turns; 速答: teams; 抢答: questions).
    pub turn: usize,
    /// Team order of this round.
    pub order: Vec<usize>,
    /// Where it stands.
    pub stage: Stage,
    /// Questions used so far.
    pub used: BTreeSet<String>,
    /// Buzzer presses on the current question.
    pub presses: Vec<Press>,
    /// Teams that answered the current 抢答 question wrong.
    pub excluded: BTreeSet<usize>,
    /// Whether the current answer is shown to the audience.
    pub revealed: bool,
    /// 限时速答: when the team's time ends.
    pub speed_ends: Option<Moment>,
    /// 加赛: the teams tied for first.
    pub tie_break: Option<Vec<usize>>,
    /// When the clocks were paused.
    pub paused_at: Option<Moment>,
    /// Every score change.
    pub changes: Vec<ScoreChange>,
    /// Each team's right answers in a row (for the streak bonus).
    #[serde(default)]
    pub streaks: Vec<u32>,
}

impl Contest {
    /// A contest about to start.
    pub fn new(plan: ContestPlan) -> Contest {
        let teams = plan.teams.len();
        let mut contest = Contest {
            scores: vec![plan.base_score; teams],
            round: 0,
            turn: 0,
            order: (0..teams).collect(),
            stage: Stage::Ready,
            used: BTreeSet::new(),
            presses: Vec::new(),
            excluded: BTreeSet::new(),
            revealed: false,
            speed_ends: None,
            tie_break: None,
            paused_at: None,
            changes: Vec::new(),
            streaks: vec![0; teams],
            plan,
        };
        contest.start_round();
        contest
    }

    /// The state after the events of `log`, with undone events left out and refused ones skipped.
    pub fn replay(plan: ContestPlan, log: &[Logged]) -> Contest {
        let cancelled = cancelled(log);
        let mut contest = Contest::new(plan);
        for logged in log {
            if matches!(logged.event, Event::Undo { .. }) || cancelled.contains(&logged.seq) {
                continue;
            }
            // A refused event changes nothing; it may have been valid before an undo.
            let _ = contest.apply(&logged.event, logged.at);
        }
        contest
    }

    /// A random question for the next [`Event::Show`]: from the round's banks, eras and kinds
    /// (the 加赛: any), never one already used in this contest.
    pub fn draw_question(&self, library: &Library, rng: &mut impl Rng) -> Option<String> {
        let filter = self
            .plan
            .rounds
            .get(self.round)
            .map_or_else(Filter::default, |r| r.filter.clone());
        let fresh: Vec<&str> = pool(library, &filter)
            .into_iter()
            .map(|q| q.id.as_str())
            .filter(|id| !self.used.contains(*id))
            .collect();
        fresh.choose(rng).map(|id| (*id).to_owned())
    }

    /// The round's kind, or `None` during the 加赛 and at the end.
    pub fn round_kind(&self) -> Option<&RoundKind> {
        self.plan.rounds.get(self.round).map(|r| &r.kind)
    }

    /// The round's name.
    pub fn round_name(&self) -> String {
        match self.plan.rounds.get(self.round) {
            Some(round) => round.name.clone(),
            None if self.tie_break.is_some() => "加赛".to_owned(),
            None => "比赛结束".to_owned(),
        }
    }

    /// Whether the contest is over.
    pub fn is_finished(&self) -> bool {
        self.stage == Stage::Finished
    }

    /// The team whose turn it is (必答, 风险, 速答), if the round has turns.
    pub fn turn_team(&self) -> Option<usize> {
        match self.round_kind()? {
            RoundKind::Required { .. } | RoundKind::Risk { .. } | RoundKind::Speed { .. } => {
                self.order.get(self.turn % self.order.len().max(1)).copied()
            }
            RoundKind::Buzz { .. } => None,
        }
    }

    /// The question on screen.
    pub fn question(&self) -> Option<&str> {
        match &self.stage {
            Stage::Reading { question }
            | Stage::Buzzing { question, .. }
            | Stage::Answering { question, .. }
            | Stage::Judged { question, .. }
            | Stage::Voided { question } => Some(question),
            Stage::Ready | Stage::Picked { .. } | Stage::TurnOver | Stage::Finished => None,
        }
    }

    /// The deadline of the running clock, if any.
    pub fn deadline(&self) -> Option<Moment> {
        match &self.stage {
            Stage::Buzzing { deadline, .. } | Stage::Answering { deadline, .. } => Some(*deadline),
            Stage::Ready if self.speed_ends.is_some() => self.speed_ends,
            _ => None,
        }
    }

    /// Time left on the running clock at `now` (frozen while paused).
    pub fn remaining(&self, now: Moment) -> Option<TimeDelta> {
        let deadline = self.deadline()?;
        let reference = self.paused_at.unwrap_or(now);
        Some((deadline - reference).max(TimeDelta::zero()))
    }

    /// Whether a [`Event::Timeout`] is due at `now`.
    pub fn timeout_due(&self, now: Moment) -> bool {
        self.paused_at.is_none() && self.deadline().is_some_and(|d| now >= d)
    }

    /// Ranking: team indices by score, ties by team order.
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.scores.len()).collect();
        order.sort_by_key(|t| (std::cmp::Reverse(self.scores[*t]), *t));
        order
    }

    fn turns_in_round(&self) -> usize {
        let teams = self.order.len();
        match self.round_kind() {
            Some(RoundKind::Required { per_team, .. } | RoundKind::Risk { per_team, .. }) => {
                teams * *per_team as usize
            }
            Some(RoundKind::Buzz { questions, .. }) => *questions as usize,
            Some(RoundKind::Speed { .. }) => teams,
            None => usize::MAX,
        }
    }

    fn start_round(&mut self) {
        self.turn = 0;
        self.stage = Stage::Ready;
        self.speed_ends = None;
        let teams: Vec<usize> = (0..self.scores.len()).collect();
        self.order = match self.round_kind() {
            Some(RoundKind::Risk {
                order: RiskOrder::ByScore,
                ..
            }) => {
                let mut by_score = teams;
                by_score.sort_by_key(|t| (std::cmp::Reverse(self.scores[*t]), *t));
                by_score
            }
            _ => teams,
        };
    }

    fn change(&mut self, team: usize, delta: i32, reason: &str, at: Moment) {
        if delta == 0 {
            return;
        }
        if let Some(score) = self.scores.get_mut(team) {
            *score += delta;
        }
        self.changes.push(ScoreChange {
            team,
            delta,
            round: self.round,
            question: self.question().map(str::to_owned),
            reason: reason.to_owned(),
            at,
        });
    }

    fn answer_seconds(&self) -> u32 {
        match self.round_kind() {
            Some(
                RoundKind::Required { seconds, .. }
                | RoundKind::Risk { seconds, .. }
                | RoundKind::Buzz { seconds, .. },
            ) => *seconds,
            Some(RoundKind::Speed { .. }) | None => 30,
        }
    }

    fn buzz_seconds(&self) -> u32 {
        match self.round_kind() {
            Some(RoundKind::Buzz { buzz_seconds, .. }) => *buzz_seconds,
            _ => 20,
        }
    }

    /// Points and penalty of a right/wrong answer by `team` in this round (风险: `value`).
    fn stakes(&self, value: Option<i32>) -> (i32, i32) {
        match self.round_kind() {
            Some(RoundKind::Required { points, penalty, .. }) => (*points, *penalty),
            Some(RoundKind::Buzz { points, penalty, .. }) => (*points, *penalty),
            Some(RoundKind::Risk { .. }) => (value.unwrap_or(0), value.unwrap_or(0)),
            Some(RoundKind::Speed { points, .. }) => (*points, 0),
            None => (self.plan.tie_break_points, 0),
        }
    }

    fn is_buzz_round(&self) -> bool {
        matches!(self.round_kind(), Some(RoundKind::Buzz { .. })) || self.tie_break.is_some()
    }

    fn may_buzz(&self, team: usize) -> bool {
        self.tie_break.as_ref().is_none_or(|tied| tied.contains(&team)) && !self.excluded.contains(&team)
    }

    /// Applies one event at `at`. A refused event changes nothing.
    pub fn apply(&mut self, event: &Event, at: Moment) -> Result<(), Refused> {
        let paused = self.paused_at.is_some();
        match event {
            Event::Pause => {
                if paused || self.is_finished() {
                    return Err(Refused::NotNow);
                }
                self.paused_at = Some(at);
                Ok(())
            }
            Event::Resume => {
                let since = self.paused_at.take().ok_or(Refused::NotNow)?;
                let pause = (at - since).max(TimeDelta::zero());
                match &mut self.stage {
                    Stage::Buzzing { deadline, .. } | Stage::Answering { deadline, .. } => *deadline += pause,
                    _ => {}
                }
                if let Some(ends) = &mut self.speed_ends {
                    *ends += pause;
                }
                Ok(())
            }
            Event::Adjust { team, delta, reason } => {
                if *team >= self.scores.len() {
                    return Err(Refused::NoSuchTeam);
                }
                let reason = if reason.trim().is_empty() {
                    "主持人调整".to_owned()
                } else {
                    format!("主持人调整：{}", reason.trim())
                };
                self.change(*team, *delta, &reason, at);
                Ok(())
            }
            Event::Reveal => {
                if self.question().is_none() || self.revealed {
                    return Err(Refused::NotNow);
                }
                self.revealed = true;
                Ok(())
            }
            Event::Undo { .. } => Err(Refused::NotNow),
            Event::Buzz { team } => self.buzz(*team, at),
            _ if paused => Err(Refused::Paused),
            Event::Show { question } => self.show(question, at),
            Event::Open => {
                let Stage::Reading { question } = &self.stage else {
                    return Err(Refused::NotNow);
                };
                self.stage = Stage::Buzzing {
                    question: question.clone(),
                    deadline: at + TimeDelta::seconds(i64::from(self.buzz_seconds())),
                };
                Ok(())
            }
            Event::Judge { correct } => self.judge(*correct, at),
            Event::Timeout => self.timeout(at),
            Event::Void => match self.question() {
                Some(question) if !matches!(self.stage, Stage::Voided { .. }) => {
                    self.stage = Stage::Voided {
                        question: question.to_owned(),
                    };
                    Ok(())
                }
                _ => Err(Refused::NotNow),
            },
            Event::Reopen => {
                let Stage::Judged {
                    question,
                    correct: false,
                    ..
                } = &self.stage
                else {
                    return Err(Refused::NotNow);
                };
                if !self.is_buzz_round() {
                    return Err(Refused::NotNow);
                }
                let any_left = (0..self.scores.len()).any(|t| self.may_buzz(t));
                if !any_left {
                    return Err(Refused::NotNow);
                }
                self.stage = Stage::Buzzing {
                    question: question.clone(),
                    deadline: at + TimeDelta::seconds(i64::from(self.buzz_seconds())),
                };
                Ok(())
            }
            Event::Pick { value } => {
                let Some(RoundKind::Risk { values, .. }) = self.round_kind() else {
                    return Err(Refused::NotNow);
                };
                if self.stage != Stage::Ready {
                    return Err(Refused::NotNow);
                }
                match value {
                    Some(v) if !values.contains(v) => Err(Refused::BadValue),
                    Some(v) => {
                        self.stage = Stage::Picked { value: *v };
                        Ok(())
                    }
                    None => {
                        self.advance();
                        Ok(())
                    }
                }
            }
            Event::Next => self.next(),
        }
    }

    fn show(&mut self, question: &str, at: Moment) -> Result<(), Refused> {
        if self.used.contains(question) {
            return Err(Refused::QuestionUsed);
        }
        let risk_value = self.show_stakes()?;
        self.used.insert(question.to_owned());
        self.presses.clear();
        self.excluded.clear();
        self.revealed = false;
        let question = question.to_owned();
        if self.is_buzz_round() {
            self.stage = Stage::Reading { question };
            return Ok(());
        }
        let Some(team) = self.turn_team() else {
            return Err(Refused::NotNow);
        };
        let (points, penalty) = self.stakes(risk_value);
        let deadline = match self.round_kind() {
            Some(RoundKind::Speed { seconds, .. }) => *self
                .speed_ends
                .get_or_insert(at + TimeDelta::seconds(i64::from(*seconds))),
            _ => at + TimeDelta::seconds(i64::from(self.answer_seconds())),
        };
        self.stage = Stage::Answering {
            question,
            team,
            deadline,
            points,
            penalty,
        };
        Ok(())
    }

    /// Whether a question can be shown now (风险题: only after the pick); the 风险 value if any.
    fn show_stakes(&self) -> Result<Option<i32>, Refused> {
        match (&self.stage, self.round_kind()) {
            (Stage::Picked { value }, Some(RoundKind::Risk { .. })) => Ok(Some(*value)),
            (Stage::Ready, Some(RoundKind::Risk { .. })) => Err(Refused::NotNow),
            (Stage::Ready, _) => Ok(None),
            _ => Err(Refused::NotNow),
        }
    }

    /// Whether [`Event::Show`] fits now (with an unused question).
    pub fn can_show(&self) -> bool {
        self.show_stakes().is_ok()
    }

    fn buzz(&mut self, team: usize, at: Moment) -> Result<(), Refused> {
        if team >= self.scores.len() {
            return Err(Refused::NoSuchTeam);
        }
        match &self.stage {
            Stage::Reading { question } if self.is_buzz_round() && self.may_buzz(team) => {
                let question = question.clone();
                self.presses.push(Press {
                    team,
                    at,
                    won: false,
                    false_start: true,
                });
                let penalty = match self.round_kind() {
                    Some(RoundKind::Buzz { false_start, .. }) => *false_start,
                    _ => 0,
                };
                self.change(team, -penalty, "抢答犯规（提前按键）", at);
                self.stage = Stage::Voided { question };
                Ok(())
            }
            Stage::Buzzing { question, .. } if self.paused_at.is_none() && self.may_buzz(team) => {
                let question = question.clone();
                self.presses.push(Press {
                    team,
                    at,
                    won: true,
                    false_start: false,
                });
                let (points, penalty) = self.stakes(None);
                self.stage = Stage::Answering {
                    question,
                    team,
                    deadline: at + TimeDelta::seconds(i64::from(self.answer_seconds())),
                    points,
                    penalty,
                };
                Ok(())
            }
            Stage::Answering { .. } | Stage::Judged { .. } | Stage::Buzzing { .. } => {
                // Later presses are kept, greyed, for the record.
                self.presses.push(Press {
                    team,
                    at,
                    won: false,
                    false_start: false,
                });
                Ok(())
            }
            _ => Err(Refused::NotNow),
        }
    }

    fn judge(&mut self, correct: bool, at: Moment) -> Result<(), Refused> {
        let Stage::Answering {
            question,
            team,
            points,
            penalty,
            deadline,
        } = &self.stage
        else {
            return Err(Refused::NotNow);
        };
        let (question, team, points, penalty, deadline) =
            (question.clone(), *team, *points, *penalty, *deadline);
        let speed = matches!(self.round_kind(), Some(RoundKind::Speed { .. }));
        if let Some(streak) = self.streaks.get_mut(team) {
            *streak = if correct { *streak + 1 } else { 0 };
        }
        if correct {
            let reason = if self.tie_break.is_some() {
                "加赛答对"
            } else {
                "答对"
            };
            self.change(team, points, reason, at);
            self.add_bonus(team, deadline, at);
        } else {
            self.change(team, -penalty, "答错", at);
            self.excluded.insert(team);
        }
        self.stage = if speed {
            Stage::Ready
        } else {
            Stage::Judged {
                question,
                team,
                correct,
            }
        };
        Ok(())
    }

    /// The speed and streak bonuses of a right answer in a 必答 or 抢答 round, if the plan has them.
    fn add_bonus(&mut self, team: usize, deadline: Moment, at: Moment) {
        let Some(bonus) = self.plan.bonus else { return };
        let eligible = self.tie_break.is_none()
            && matches!(
                self.round_kind(),
                Some(RoundKind::Required { .. } | RoundKind::Buzz { .. })
            );
        if !eligible {
            return;
        }
        let clock_millis = i64::from(self.answer_seconds()) * 1000;
        let left_millis = (deadline - self.paused_at.unwrap_or(at))
            .num_milliseconds()
            .clamp(0, clock_millis);
        if clock_millis > 0 {
            let speed = (i64::from(bonus.speed_points) * left_millis + clock_millis / 2) / clock_millis;
            self.change(team, i32::try_from(speed).unwrap_or(0), "速度加分", at);
        }
        let streak = self.streaks.get(team).copied().unwrap_or(0);
        if streak >= 2 {
            let extra = bonus
                .streak_points
                .saturating_mul(i32::try_from(streak - 1).unwrap_or(i32::MAX))
                .min(bonus.streak_cap);
            self.change(team, extra, &format!("{streak} 连对加分"), at);
        }
    }

    fn timeout(&mut self, at: Moment) -> Result<(), Refused> {
        if !self.timeout_due(at) {
            return Err(Refused::NotDue);
        }
        let speed_over = self.speed_ends.is_some_and(|ends| at >= ends);
        match &self.stage {
            Stage::Buzzing { question, .. } => {
                self.stage = Stage::Voided {
                    question: question.clone(),
                };
                Ok(())
            }
            Stage::Answering { .. } if speed_over => {
                self.stage = Stage::TurnOver;
                Ok(())
            }
            Stage::Answering { .. } => self.judge(false, at),
            Stage::Ready if speed_over => {
                self.stage = Stage::TurnOver;
                Ok(())
            }
            _ => Err(Refused::NotNow),
        }
    }

    fn next(&mut self) -> Result<(), Refused> {
        match &self.stage {
            Stage::Judged { correct: true, .. } if self.tie_break.is_some() => {
                self.stage = Stage::Finished;
                Ok(())
            }
            Stage::Judged { .. } | Stage::Voided { .. } | Stage::TurnOver => {
                if self.tie_break.is_some() {
                    // No winner yet: another 加赛 question for the tied teams.
                    self.stage = Stage::Ready;
                    self.excluded.clear();
                    return Ok(());
                }
                self.advance();
                Ok(())
            }
            Stage::Ready if self.speed_ends.is_none() && self.tie_break.is_none() => {
                // Skips the turn (the host's choice).
                self.advance();
                Ok(())
            }
            _ => Err(Refused::NotNow),
        }
    }

    /// Next turn; next round after the last turn; 加赛 or the end after the last round.
    fn advance(&mut self) {
        self.stage = Stage::Ready;
        self.speed_ends = None;
        self.presses.clear();
        self.excluded.clear();
        self.revealed = false;
        self.turn += 1;
        if self.turn < self.turns_in_round() {
            return;
        }
        self.round += 1;
        if self.round < self.plan.rounds.len() {
            self.start_round();
            return;
        }
        let best = self.scores.iter().copied().max().unwrap_or(0);
        let tied: Vec<usize> = (0..self.scores.len())
            .filter(|t| self.scores[*t] == best)
            .collect();
        if tied.len() > 1 {
            self.turn = 0;
            self.order = tied.clone();
            self.tie_break = Some(tied);
        } else {
            self.stage = Stage::Finished;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contest::plan::{RoundPlan, TeamSetup};
    use crate::practice::Filter;
    use crate::practice::testing::at;

    fn plan(rounds: Vec<RoundKind>, teams: usize) -> ContestPlan {
        ContestPlan {
            title: "测试".into(),
            teams: (0..teams)
                .map(|i| TeamSetup {
                    name: format!("队{i}"),
                    colour: [0, 0, 0],
                    members: Vec::new(),
                    key: None,
                })
                .collect(),
            base_score: 100,
            rounds: rounds
                .into_iter()
                .map(|kind| RoundPlan {
                    name: kind.label().into(),
                    kind,
                    filter: Filter::default(),
                })
                .collect(),
            tie_break_points: 10,
            bonus: None,
            podium: 3,
        }
    }

    fn required(per_team: u32) -> RoundKind {
        RoundKind::Required {
            per_team,
            points: 10,
            penalty: 0,
            seconds: 30,
        }
    }

    fn buzz(questions: u32) -> RoundKind {
        RoundKind::Buzz {
            questions,
            points: 10,
            penalty: 10,
            false_start: 10,
            buzz_seconds: 20,
            seconds: 30,
        }
    }

    /// Applies events one second apart, panicking on refusal, and logs them.
    struct Host {
        contest: Contest,
        log: Vec<Logged>,
        clock: Moment,
    }

    impl Host {
        fn new(plan: ContestPlan) -> Host {
            Host {
                contest: Contest::new(plan),
                log: Vec::new(),
                clock: at(2026, 7, 1, 9),
            }
        }

        fn tick(&mut self, seconds: i64) {
            self.clock += TimeDelta::seconds(seconds);
        }

        fn try_do(&mut self, event: Event) -> Result<(), Refused> {
            self.tick(1);
            let seq = self.log.len() as u64 + 1;
            let logged = Logged {
                seq,
                at: self.clock,
                event: event.clone(),
            };
            if let Event::Undo { .. } = event {
                self.log.push(logged);
                self.contest = Contest::replay(self.contest.plan.clone(), &self.log);
                return Ok(());
            }
            self.contest.apply(&event, self.clock)?;
            self.log.push(logged);
            Ok(())
        }

        fn then(&mut self, event: Event) {
            let shown = format!("{event:?}");
            if let Err(refused) = self.try_do(event) {
                panic!("{shown} refused: {refused}");
            }
        }

        fn show(&mut self, question: &str) {
            self.then(Event::Show {
                question: question.into(),
            });
        }

        fn replayed(&self) -> Contest {
            Contest::replay(self.contest.plan.clone(), &self.log)
        }
    }

    #[test]
    fn required_turns_go_round_the_teams_with_points_and_no_penalty() {
        let mut host = Host::new(plan(vec![required(2)], 3));
        let mut teams = Vec::new();
        for i in 0..6 {
            teams.push(host.contest.turn_team().expect("turn"));
            host.show(&format!("q{i}"));
            host.then(Event::Judge {
                correct: i == 0 || i == 3 || i == 5,
            });
            host.then(Event::Next);
        }
        assert_eq!(teams, vec![0, 1, 2, 0, 1, 2]);
        assert_eq!(host.contest.scores, vec![120, 100, 110]);
        assert!(host.contest.is_finished());
        assert_eq!(host.replayed(), host.contest);
    }

    #[test]
    fn speed_and_streak_bonuses_when_the_plan_has_them() {
        let mut with_bonus = plan(vec![required(3)], 2);
        with_bonus.bonus = Some(crate::contest::plan::Bonus {
            speed_points: 5,
            streak_points: 2,
            streak_cap: 3,
        });
        let mut host = Host::new(with_bonus);
        // (thinking seconds after the question, right?) for turns of teams 0, 1, 0, 1, 0.
        for (i, (thinking, correct)) in [(0, true), (14, true), (0, true), (0, false), (0, true)]
            .into_iter()
            .enumerate()
        {
            host.show(&format!("q{i}"));
            host.tick(thinking);
            host.then(Event::Judge { correct });
            host.then(Event::Next);
        }
        // Team 0: 10 + 5 (29 s of 30 left), then 10 + 5 + 2 (two in a row), then 10 + 5 + 3
        // (three in a row: 4, capped at 3). Team 1: 10 + 3 (15 s left: 2.5 rounds up), then wrong.
        assert_eq!(host.contest.scores, vec![150, 113]);
        let reasons: Vec<&str> = host.contest.changes.iter().map(|c| c.reason.as_str()).collect();
        assert!(reasons.contains(&"2 连对加分") && reasons.contains(&"3 连对加分"));
        assert_eq!(host.contest.streaks, vec![3, 0]);
        // Out of time: no speed bonus, and the streak ends.
        host.show("q5");
        host.tick(30);
        host.then(Event::Timeout);
        assert_eq!(host.contest.scores, vec![150, 113]);
        assert_eq!(host.replayed(), host.contest);
    }

    #[test]
    fn no_bonus_unless_the_plan_asks_or_outside_required_and_buzz_rounds() {
        let mut host = Host::new(plan(vec![required(1)], 2));
        host.show("q0");
        host.then(Event::Judge { correct: true });
        assert_eq!(host.contest.scores, vec![110, 100]);

        let mut speed_round = plan(
            vec![RoundKind::Speed {
                seconds: 60,
                points: 10,
            }],
            2,
        );
        speed_round.bonus = Some(crate::contest::plan::Bonus::default());
        let mut host = Host::new(speed_round);
        host.show("q0");
        host.then(Event::Judge { correct: true });
        host.show("q1");
        host.then(Event::Judge { correct: true });
        assert_eq!(
            host.contest.scores,
            vec![120, 100],
            "限时速答 scores only its points"
        );
    }

    #[test]
    fn an_unanswered_required_question_times_out_as_wrong() {
        let mut host = Host::new(plan(vec![required(1)], 2));
        host.show("q");
        assert_eq!(host.try_do(Event::Timeout), Err(Refused::NotDue));
        host.tick(30);
        host.then(Event::Timeout);
        assert!(matches!(host.contest.stage, Stage::Judged { correct: false, .. }));
        assert_eq!(host.contest.scores, vec![100, 100]);
    }

    #[test]
    fn a_false_start_costs_points_and_voids_the_question() {
        let mut host = Host::new(plan(vec![buzz(2)], 2));
        host.show("q1");
        host.then(Event::Buzz { team: 1 });
        assert_eq!(host.contest.scores, vec![100, 90]);
        assert!(matches!(host.contest.stage, Stage::Voided { .. }));
        assert!(host.contest.presses[0].false_start);
        assert_eq!(host.try_do(Event::Open), Err(Refused::NotNow));
        host.then(Event::Next);
        assert_eq!(host.contest.turn, 1);
        assert_eq!(
            host.try_do(Event::Show {
                question: "q1".into()
            }),
            Err(Refused::QuestionUsed)
        );
    }

    #[test]
    fn the_first_buzz_wins_later_presses_are_greyed_and_a_wrong_answer_can_be_reopened() {
        let mut host = Host::new(plan(vec![buzz(1)], 3));
        host.show("q1");
        host.then(Event::Open);
        host.then(Event::Buzz { team: 2 });
        host.then(Event::Buzz { team: 0 });
        let winners: Vec<bool> = host.contest.presses.iter().map(|p| p.won).collect();
        assert_eq!(winners, vec![true, false]);
        host.then(Event::Judge { correct: false });
        assert_eq!(host.contest.scores, vec![100, 100, 90]);
        host.then(Event::Reopen);
        // The team that answered wrong cannot buzz again.
        host.then(Event::Buzz { team: 2 });
        assert!(matches!(host.contest.stage, Stage::Buzzing { .. }));
        host.then(Event::Buzz { team: 1 });
        host.then(Event::Judge { correct: true });
        assert_eq!(host.contest.scores, vec![100, 110, 90]);
        assert_eq!(host.replayed(), host.contest);
    }

    #[test]
    fn no_buzz_in_time_voids_the_question() {
        let mut host = Host::new(plan(vec![buzz(1)], 2));
        host.show("q1");
        host.then(Event::Open);
        host.tick(17);
        assert_eq!(
            host.try_do(Event::Timeout),
            Err(Refused::NotDue),
            "18 s after opening"
        );
        host.tick(1);
        host.then(Event::Timeout);
        assert!(matches!(host.contest.stage, Stage::Voided { .. }));
        assert_eq!(host.contest.scores, vec![100, 100]);
    }

    #[test]
    fn risk_teams_choose_in_score_order_and_may_decline() {
        let risk = RoundKind::Risk {
            per_team: 1,
            values: vec![10, 20, 30],
            order: RiskOrder::ByScore,
            seconds: 60,
        };
        let mut host = Host::new(plan(vec![required(1), risk], 3));
        for (i, correct) in [false, true, false].into_iter().enumerate() {
            host.show(&format!("r{i}"));
            host.then(Event::Judge { correct });
            host.then(Event::Next);
        }
        assert_eq!(host.contest.scores, vec![100, 110, 100]);
        assert_eq!(
            host.contest.order,
            vec![1, 0, 2],
            "highest score first, ties by team order"
        );
        assert_eq!(
            host.try_do(Event::Pick { value: Some(25) }),
            Err(Refused::BadValue)
        );
        assert_eq!(
            host.try_do(Event::Show { question: "x".into() }),
            Err(Refused::NotNow)
        );
        host.then(Event::Pick { value: Some(30) });
        host.show("k1");
        host.then(Event::Judge { correct: false });
        host.then(Event::Next);
        host.then(Event::Pick { value: None });
        assert_eq!(host.contest.turn_team(), Some(2));
        host.then(Event::Pick { value: Some(20) });
        host.show("k2");
        host.then(Event::Judge { correct: true });
        host.then(Event::Next);
        assert_eq!(host.contest.scores, vec![100, 80, 120]);
        assert!(host.contest.is_finished());
    }

    #[test]
    fn speed_rounds_count_right_answers_until_the_team_time_ends() {
        let speed = RoundKind::Speed {
            seconds: 60,
            points: 10,
        };
        let mut host = Host::new(plan(vec![speed], 2));
        for i in 0..4 {
            host.show(&format!("s{i}"));
            host.then(Event::Judge { correct: i != 2 });
        }
        assert_eq!(host.contest.scores, vec![130, 100]);
        host.show("s4");
        host.tick(60);
        host.then(Event::Timeout);
        assert_eq!(host.contest.stage, Stage::TurnOver);
        assert_eq!(host.try_do(Event::Judge { correct: true }), Err(Refused::NotNow));
        host.then(Event::Next);
        assert_eq!(host.contest.turn_team(), Some(1));
        assert_eq!(host.contest.speed_ends, None);
    }

    #[test]
    fn a_tie_for_first_goes_to_a_sudden_death_buzz_among_the_tied() {
        let mut host = Host::new(plan(vec![required(1)], 3));
        for (i, correct) in [true, true, false].into_iter().enumerate() {
            host.show(&format!("q{i}"));
            host.then(Event::Judge { correct });
            host.then(Event::Next);
        }
        assert_eq!(host.contest.tie_break, Some(vec![0, 1]));
        assert_eq!(host.contest.round_name(), "加赛");
        host.show("t1");
        host.then(Event::Open);
        host.then(Event::Buzz { team: 2 });
        assert!(
            matches!(host.contest.stage, Stage::Buzzing { .. }),
            "team 2 is not tied"
        );
        host.then(Event::Buzz { team: 0 });
        host.then(Event::Judge { correct: false });
        host.then(Event::Next);
        assert_eq!(host.contest.stage, Stage::Ready, "no winner yet");
        host.show("t2");
        host.then(Event::Open);
        host.then(Event::Buzz { team: 1 });
        host.then(Event::Judge { correct: true });
        host.then(Event::Next);
        assert!(host.contest.is_finished());
        assert_eq!(host.contest.ranking()[0], 1);
        assert_eq!(host.replayed(), host.contest);
    }

    #[test]
    fn manual_adjustments_carry_their_reason() {
        let mut host = Host::new(plan(vec![required(1)], 2));
        host.then(Event::Adjust {
            team: 1,
            delta: -5,
            reason: "场外提示".into(),
        });
        assert_eq!(host.contest.scores, vec![100, 95]);
        assert_eq!(host.contest.changes[0].reason, "主持人调整：场外提示");
        assert_eq!(
            host.try_do(Event::Adjust {
                team: 9,
                delta: 1,
                reason: String::new()
            }),
            Err(Refused::NoSuchTeam)
        );
    }

    #[test]
    fn undo_of_each_kind_of_event_restores_the_state_before_it() {
        let risk = RoundKind::Risk {
            per_team: 1,
            values: vec![10, 20],
            order: RiskOrder::Fixed,
            seconds: 60,
        };
        let mut host = Host::new(plan(vec![buzz(1), risk], 2));
        let events = vec![
            Event::Show {
                question: "b1".into(),
            },
            Event::Open,
            Event::Buzz { team: 0 },
            Event::Judge { correct: false },
            Event::Reopen,
            Event::Buzz { team: 1 },
            Event::Reveal,
            Event::Judge { correct: true },
            Event::Adjust {
                team: 0,
                delta: 3,
                reason: "更正".into(),
            },
            Event::Next,
            Event::Pick { value: Some(20) },
            Event::Show {
                question: "r1".into(),
            },
            Event::Pause,
            Event::Resume,
            Event::Void,
        ];
        for event in events {
            let before = host.contest.clone();
            host.then(event.clone());
            let after = host.contest.clone();
            let seq = host.log.len() as u64;
            host.then(Event::Undo { seq });
            assert_eq!(host.contest, before, "undo of {event:?}");
            // Undoing the same event again restores it.
            host.then(Event::Undo { seq });
            assert_eq!(host.contest, after, "redo of {event:?}");
        }
    }

    #[test]
    fn undoing_an_early_event_skips_later_events_that_no_longer_fit() {
        let mut host = Host::new(plan(vec![buzz(2)], 2));
        host.show("q1");
        host.then(Event::Open);
        host.then(Event::Buzz { team: 0 });
        host.then(Event::Judge { correct: true });
        // Take back the buzz: the judgement no longer fits and is skipped.
        host.then(Event::Undo { seq: 3 });
        assert!(matches!(host.contest.stage, Stage::Buzzing { .. }));
        assert_eq!(host.contest.scores, vec![100, 100]);
    }

    #[test]
    fn pause_freezes_the_clocks() {
        let mut host = Host::new(plan(vec![required(1)], 2));
        host.show("q");
        host.then(Event::Pause);
        host.tick(100);
        assert!(!host.contest.timeout_due(host.clock));
        assert_eq!(host.try_do(Event::Judge { correct: true }), Err(Refused::Paused));
        host.then(Event::Resume);
        // One second ran before the pause; the 102 s of pause do not count.
        assert_eq!(host.contest.remaining(host.clock), Some(TimeDelta::seconds(29)));
    }
}
