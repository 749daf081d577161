//! A contest's set-up: teams, base score and the ordered plan of rounds. Saved and reused as RON
//! templates.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::practice::Filter;

/// Fewest teams.
pub const MIN_TEAMS: usize = 2;
/// Most teams.
pub const MAX_TEAMS: usize = 10;

/// A team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSetup {
    /// Name, e.g. `第一党支部`.
    pub name: String,
    /// Colour on the scoreboard, RGB.
    pub colour: [u8; 3],
    /// Members, for the screen.
    #[serde(default)]
    pub members: Vec<String>,
    /// The key its buzzer types (USB buzzer boxes type keys), by name, e.g. `Q` or `1`.
    #[serde(default)]
    pub key: Option<String>,
}

/// In which order 风险题 teams choose.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RiskOrder {
    /// Highest score first (ties: team order), fixed when the round starts.
    #[default]
    ByScore,
    /// Team order.
    Fixed,
}

/// A round's kind with all its values.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundKind {
    /// 必答题: each team in turn answers its own questions.
    Required {
        /// Questions per team.
        per_team: u32,
        /// Points for a right answer.
        points: i32,
        /// Points lost for a wrong answer (0: no penalty).
        penalty: i32,
        /// Seconds to answer.
        seconds: u32,
    },
    /// 抢答题: the first buzz after the host opens the question wins the right to answer.
    Buzz {
        /// Questions in the round.
        questions: u32,
        /// Points for a right answer.
        points: i32,
        /// Points lost for a wrong answer.
        penalty: i32,
        /// Points lost for a buzz before the question is opened (the question is void).
        false_start: i32,
        /// Seconds the buzzers stay open; no buzz in time voids the question.
        buzz_seconds: u32,
        /// Seconds to answer after winning the buzz.
        seconds: u32,
    },
    /// 风险题: each team picks a value or declines; a wrong answer loses the value.
    Risk {
        /// Questions per team.
        per_team: u32,
        /// Values to choose from, e.g. 10, 20, 30.
        values: Vec<i32>,
        /// Order of choosing.
        order: RiskOrder,
        /// Seconds to answer.
        seconds: u32,
    },
    /// 限时速答: one team answers as many questions as it can in the time.
    Speed {
        /// Seconds per team.
        seconds: u32,
        /// Points per right answer.
        points: i32,
    },
}

impl RoundKind {
    /// Chinese name.
    pub fn label(&self) -> &'static str {
        match self {
            RoundKind::Required { .. } => "必答题",
            RoundKind::Buzz { .. } => "抢答题",
            RoundKind::Risk { .. } => "风险题",
            RoundKind::Speed { .. } => "限时速答",
        }
    }

    /// The usual values of each kind: 必答 +10/30 s, 抢答 ±10 with 20 s to buzz, 风险 10/20/30,
    /// 限时速答 60 s.
    pub fn defaults() -> [RoundKind; 4] {
        [
            RoundKind::Required {
                per_team: 2,
                points: 10,
                penalty: 0,
                seconds: 30,
            },
            RoundKind::Buzz {
                questions: 10,
                points: 10,
                penalty: 10,
                false_start: 10,
                buzz_seconds: 20,
                seconds: 30,
            },
            RoundKind::Risk {
                per_team: 1,
                values: vec![10, 20, 30],
                order: RiskOrder::ByScore,
                seconds: 60,
            },
            RoundKind::Speed {
                seconds: 60,
                points: 10,
            },
        ]
    }
}

/// A round of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundPlan {
    /// Name shown, e.g. `第一轮 必答题`.
    pub name: String,
    /// Kind and values.
    pub kind: RoundKind,
    /// Banks, eras and kinds its questions come from.
    #[serde(default)]
    pub filter: Filter,
}

/// A whole contest's set-up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContestPlan {
    /// Title on the big screen.
    pub title: String,
    /// The teams, in their fixed order.
    pub teams: Vec<TeamSetup>,
    /// Every team's score at the start.
    #[serde(default = "default_base_score")]
    pub base_score: i32,
    /// The rounds, in order.
    pub rounds: Vec<RoundPlan>,
    /// Points for winning the 加赛 played when teams tie for first place.
    #[serde(default = "default_tie_break_points")]
    pub tie_break_points: i32,
    /// Places on the podium at the end.
    #[serde(default = "default_podium")]
    pub podium: usize,
    /// Kahoot-style speed and streak bonuses; `None` (the default) plays without them.
    #[serde(default)]
    pub bonus: Option<Bonus>,
}

/// Extra points for right answers in 必答 and 抢答 rounds, in the manner of Kahoot.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bonus {
    /// Extra points for an answer given at once, falling linearly to 0 as the answer clock runs out.
    pub speed_points: i32,
    /// Extra points for each right answer in a row after the first (a wrong answer ends the run).
    pub streak_points: i32,
    /// The most one streak bonus adds.
    pub streak_cap: i32,
}

impl Default for Bonus {
    fn default() -> Self {
        Bonus {
            speed_points: 5,
            streak_points: 2,
            streak_cap: 10,
        }
    }
}

fn default_base_score() -> i32 {
    100
}

fn default_tie_break_points() -> i32 {
    10
}

fn default_podium() -> usize {
    3
}

/// Why a plan cannot be played.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum PlanError {
    /// Too few or too many teams.
    #[error("参赛队伍应为 {MIN_TEAMS} 到 {MAX_TEAMS} 支，现在是 {0} 支")]
    TeamCount(usize),
    /// Two teams on one buzzer key.
    #[error("队伍“{0}”和“{1}”用了同一个抢答键")]
    SharedKey(String, String),
    /// A team without a name.
    #[error("第 {0} 支队伍没有名称")]
    UnnamedTeam(usize),
    /// Two teams with one name.
    #[error("队伍名称“{0}”重复")]
    DuplicateTeam(String),
    /// No rounds.
    #[error("比赛至少需要一轮")]
    NoRounds,
    /// A speed or streak bonus below zero.
    #[error("速度与连对加分不能为负数")]
    NegativeBonus,
    /// A round that asks nothing.
    #[error("第 {0} 轮没有题目或时间为零")]
    EmptyRound(usize),
    /// A 风险题 round without values.
    #[error("第 {0} 轮风险题没有可选分值")]
    NoRiskValues(usize),
}

impl ContestPlan {
    /// A plan with the usual rounds (必答, 抢答, 风险) for the given teams.
    pub fn standard(title: &str, teams: Vec<TeamSetup>) -> ContestPlan {
        let [required, buzz, risk, _] = RoundKind::defaults();
        ContestPlan {
            title: title.to_owned(),
            teams,
            base_score: default_base_score(),
            rounds: vec![
                RoundPlan {
                    name: "第一轮 必答题".to_owned(),
                    kind: required,
                    filter: Filter::default(),
                },
                RoundPlan {
                    name: "第二轮 抢答题".to_owned(),
                    kind: buzz,
                    filter: Filter::default(),
                },
                RoundPlan {
                    name: "第三轮 风险题".to_owned(),
                    kind: risk,
                    filter: Filter::default(),
                },
            ],
            tie_break_points: default_tie_break_points(),
            bonus: None,
            podium: default_podium(),
        }
    }

    /// Checks the plan can be played.
    pub fn check(&self) -> Result<(), PlanError> {
        if !(MIN_TEAMS..=MAX_TEAMS).contains(&self.teams.len()) {
            return Err(PlanError::TeamCount(self.teams.len()));
        }
        let mut names = std::collections::BTreeSet::new();
        for (index, team) in self.teams.iter().enumerate() {
            let name = team.name.trim();
            if name.is_empty() {
                return Err(PlanError::UnnamedTeam(index + 1));
            }
            if !names.insert(name) {
                return Err(PlanError::DuplicateTeam(name.to_owned()));
            }
        }
        for (index, team) in self.teams.iter().enumerate() {
            let Some(key) = &team.key else { continue };
            if let Some(other) = self.teams[..index].iter().find(|t| t.key.as_ref() == Some(key)) {
                return Err(PlanError::SharedKey(other.name.clone(), team.name.clone()));
            }
        }
        if self.rounds.is_empty() {
            return Err(PlanError::NoRounds);
        }
        if let Some(bonus) = self.bonus
            && [bonus.speed_points, bonus.streak_points, bonus.streak_cap]
                .iter()
                .any(|points| *points < 0)
        {
            return Err(PlanError::NegativeBonus);
        }
        for (index, round) in self.rounds.iter().enumerate() {
            let number = index + 1;
            let empty = match &round.kind {
                RoundKind::Required {
                    per_team, seconds, ..
                } => *per_team == 0 || *seconds == 0,
                RoundKind::Buzz {
                    questions,
                    buzz_seconds,
                    seconds,
                    ..
                } => *questions == 0 || *buzz_seconds == 0 || *seconds == 0,
                RoundKind::Risk {
                    per_team,
                    values,
                    seconds,
                    ..
                } => {
                    if values.is_empty() {
                        return Err(PlanError::NoRiskValues(number));
                    }
                    *per_team == 0 || *seconds == 0
                }
                RoundKind::Speed { seconds, .. } => *seconds == 0,
            };
            if empty {
                return Err(PlanError::EmptyRound(number));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn teams(n: usize) -> Vec<TeamSetup> {
        (0..n)
            .map(|i| TeamSetup {
                name: format!("第{}队", i + 1),
                colour: [200, 16, 46],
                members: Vec::new(),
                key: None,
            })
            .collect()
    }

    #[test]
    fn the_standard_plan_checks_and_round_trips_as_ron() {
        let plan = ContestPlan::standard("党史知识竞赛", teams(3));
        assert_eq!(plan.check(), Ok(()));
        let text = ron::ser::to_string_pretty(&plan, ron::ser::PrettyConfig::default()).expect("ron");
        let back: ContestPlan = ron::from_str(&text).expect("parse");
        assert_eq!(back, plan);
    }

    #[test]
    fn bad_plans_are_refused_in_chinese() {
        let mut plan = ContestPlan::standard("赛", teams(1));
        assert_eq!(plan.check(), Err(PlanError::TeamCount(1)));
        plan.teams = teams(2);
        plan.teams[1].name = plan.teams[0].name.clone();
        assert!(plan.check().is_err_and(|e| e.to_string().contains("重复")));
        plan.teams = teams(2);
        plan.rounds[2].kind = RoundKind::Risk {
            per_team: 1,
            values: Vec::new(),
            order: RiskOrder::Fixed,
            seconds: 30,
        };
        assert_eq!(plan.check(), Err(PlanError::NoRiskValues(3)));
        plan.rounds[2].kind = RoundKind::defaults()[2].clone();
        plan.bonus = Some(Bonus {
            streak_cap: -1,
            ..Bonus::default()
        });
        assert_eq!(plan.check(), Err(PlanError::NegativeBonus));
        plan.rounds.clear();
        assert_eq!(plan.check(), Err(PlanError::NoRounds));
    }
}
