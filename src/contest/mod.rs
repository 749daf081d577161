//! 知识竞赛: team contests with 必答/抢答/风险/限时速答 rounds and a 加赛, as a replay of an
//! append-only event log on disk. Pure rules: time comes in with every event.

pub mod cues;
pub mod log;
pub mod plan;
pub mod results;
pub mod state;

pub use log::{ContestLog, LogError};
pub use plan::{ContestPlan, RiskOrder, RoundKind, RoundPlan, TeamSetup};
pub use state::{Contest, Event, Logged, Refused, Stage};
