//! 挑战答题: the streak challenge alone and the 擂台赛 arena. Clock-driven state machines: every
//! event takes `now`; the UI only renders and sends events.

pub mod arena;
pub mod run;
pub mod solo;

pub use arena::{Arena, ArenaRules, Phase, TieRule};
pub use run::{Outcome, Run, RunRules, RunState};
pub use solo::{ChallengeHistory, ChallengeSettings, Solo, points_for};
