//! One challenge run: questions one after another, each with a countdown, until the first miss.
//! A clock-driven state machine: every event takes `now`.

use chrono::TimeDelta;
use serde::{Deserialize, Serialize};

use crate::practice::Moment;

/// Shortest countdown a host may set, in seconds.
pub const MIN_SECONDS: u32 = 5;
/// Longest countdown, in seconds.
pub const MAX_SECONDS: u32 = 120;
/// Countdown unless set otherwise.
pub const DEFAULT_SECONDS: u32 = 30;

/// How a run is played.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RunRules {
    /// Seconds per question; `None` means no countdown.
    pub seconds: Option<u32>,
    /// One 复活 (revive): the first miss or time-out does not end the run.
    pub revive: bool,
}

impl Default for RunRules {
    fn default() -> Self {
        RunRules {
            seconds: Some(DEFAULT_SECONDS),
            revive: false,
        }
    }
}

impl RunRules {
    /// The countdown clamped to [`MIN_SECONDS`]–[`MAX_SECONDS`].
    pub fn countdown(&self) -> Option<TimeDelta> {
        self.seconds
            .map(|s| TimeDelta::seconds(i64::from(s.clamp(MIN_SECONDS, MAX_SECONDS))))
    }
}

/// How one question went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Answered right.
    Correct,
    /// Answered wrong.
    Wrong,
    /// The countdown ran out.
    TimedOut,
}

/// A question of the run and how it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    /// Question id.
    pub id: String,
    /// How it went.
    pub outcome: Outcome,
    /// The miss was forgiven by the run's 复活.
    pub revived: bool,
}

/// Why a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EndReason {
    /// A wrong answer.
    Wrong,
    /// A time-out.
    TimedOut,
    /// No questions left to draw.
    OutOfQuestions,
    /// Stopped by the player or host.
    Stopped,
}

impl EndReason {
    /// Chinese wording.
    pub fn label(self) -> &'static str {
        match self {
            EndReason::Wrong => "答错，挑战结束",
            EndReason::TimedOut => "超时，挑战结束",
            EndReason::OutOfQuestions => "题目已用完，挑战结束",
            EndReason::Stopped => "已结束挑战",
        }
    }
}

/// Where a run stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RunState {
    /// Waiting for the first question.
    Ready,
    /// A question is on screen with its countdown.
    Asking {
        /// Question id.
        id: String,
        /// When time runs out; `None` without countdown or while paused.
        deadline: Option<Moment>,
        /// Time left when paused.
        paused_left: Option<TimeDelta>,
    },
    /// The last answer is judged and shown.
    Judged(Attempt),
    /// The run is over.
    Over(EndReason),
}

/// A challenge run.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// Countdown and revive.
    pub rules: RunRules,
    /// Right answers in a row: the score.
    pub streak: u32,
    /// Whether the revive has been used.
    pub revive_used: bool,
    /// Every question asked, in order.
    pub attempts: Vec<Attempt>,
    /// Where it stands.
    pub state: RunState,
}

impl Run {
    /// A run about to start.
    pub fn new(rules: RunRules) -> Run {
        Run {
            rules,
            streak: 0,
            revive_used: false,
            attempts: Vec::new(),
            state: RunState::Ready,
        }
    }

    /// Whether the run has ended.
    pub fn is_over(&self) -> bool {
        matches!(self.state, RunState::Over(_))
    }

    /// The question on screen (asked or just judged).
    pub fn current(&self) -> Option<&str> {
        match &self.state {
            RunState::Asking { id, .. } => Some(id),
            RunState::Judged(attempt) => Some(&attempt.id),
            RunState::Ready | RunState::Over(_) => None,
        }
    }

    /// Puts question `id` on screen at `now`. Only from [`RunState::Ready`] or after a judgement
    /// that did not end the run; returns whether it did.
    pub fn ask(&mut self, id: &str, now: Moment) -> bool {
        let can_ask = match &self.state {
            RunState::Ready => true,
            RunState::Judged(attempt) => !self.ends_after(attempt),
            RunState::Asking { .. } | RunState::Over(_) => false,
        };
        if can_ask {
            self.state = RunState::Asking {
                id: id.to_owned(),
                deadline: self.rules.countdown().map(|c| now + c),
                paused_left: None,
            };
        }
        can_ask
    }

    /// Whether a judged attempt ends the run when play moves on.
    pub fn ends_after(&self, attempt: &Attempt) -> bool {
        attempt.outcome != Outcome::Correct && !attempt.revived
    }

    /// Whether the judgement on screen ends the run.
    pub fn is_ending(&self) -> bool {
        matches!(&self.state, RunState::Judged(attempt) if self.ends_after(attempt))
    }

    /// Judges the question on screen. Ignored unless asking (and not paused).
    pub fn answer(&mut self, correct: bool) -> Option<&Attempt> {
        let outcome = if correct { Outcome::Correct } else { Outcome::Wrong };
        self.judge(outcome)
    }

    fn judge(&mut self, outcome: Outcome) -> Option<&Attempt> {
        let RunState::Asking { id, paused_left, .. } = &self.state else {
            return None;
        };
        if paused_left.is_some() {
            return None;
        }
        let mut attempt = Attempt {
            id: id.clone(),
            outcome,
            revived: false,
        };
        if outcome == Outcome::Correct {
            self.streak += 1;
        } else if self.rules.revive && !self.revive_used {
            self.revive_used = true;
            attempt.revived = true;
        }
        self.attempts.push(attempt.clone());
        self.state = RunState::Judged(attempt);
        match &self.state {
            RunState::Judged(attempt) => Some(attempt),
            _ => None,
        }
    }

    /// Times out the question when its deadline has passed; returns whether it did.
    pub fn tick(&mut self, now: Moment) -> bool {
        let expired = matches!(
            &self.state,
            RunState::Asking { deadline: Some(deadline), paused_left: None, .. } if now >= *deadline
        );
        if expired {
            self.judge(Outcome::TimedOut);
        }
        expired
    }

    /// Time left on the countdown at `now` (frozen while paused); `None` without countdown.
    pub fn remaining(&self, now: Moment) -> Option<TimeDelta> {
        match &self.state {
            RunState::Asking {
                paused_left: Some(left),
                ..
            } => Some(*left),
            RunState::Asking {
                deadline: Some(deadline),
                ..
            } => Some((*deadline - now).max(TimeDelta::zero())),
            _ => None,
        }
    }

    /// Whether the countdown is paused.
    pub fn is_paused(&self) -> bool {
        matches!(
            &self.state,
            RunState::Asking {
                paused_left: Some(_),
                ..
            }
        )
    }

    /// Pauses or resumes the countdown (P).
    pub fn toggle_pause(&mut self, now: Moment) {
        let RunState::Asking {
            deadline,
            paused_left,
            ..
        } = &mut self.state
        else {
            return;
        };
        match (*paused_left, *deadline) {
            (Some(left), _) => {
                *deadline = Some(now + left);
                *paused_left = None;
            }
            (None, Some(end)) => {
                *paused_left = Some((end - now).max(TimeDelta::zero()));
                *deadline = None;
            }
            (None, None) => {}
        }
    }

    /// Ends the run, after the judgement that ended it or when stopped.
    pub fn finish(&mut self, reason: EndReason) {
        self.state = RunState::Over(reason);
    }

    /// Moves on after a judgement: ends the run if it should end and returns the reason.
    pub fn conclude_if_ending(&mut self) -> Option<EndReason> {
        let RunState::Judged(attempt) = &self.state else {
            return None;
        };
        if !self.ends_after(attempt) {
            return None;
        }
        let reason = match attempt.outcome {
            Outcome::TimedOut => EndReason::TimedOut,
            Outcome::Wrong | Outcome::Correct => EndReason::Wrong,
        };
        self.finish(reason);
        Some(reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::testing::at;

    fn seconds(s: i64) -> TimeDelta {
        TimeDelta::seconds(s)
    }

    #[test]
    fn right_answers_build_the_streak_and_a_miss_ends_it() {
        let t = at(2026, 8, 1, 20);
        let mut run = Run::new(RunRules::default());
        assert!(run.ask("a", t));
        assert!(!run.ask("b", t), "one question at a time");
        assert_eq!(run.answer(true).map(|a| a.outcome), Some(Outcome::Correct));
        assert!(!run.is_ending());
        assert!(run.ask("b", t));
        run.answer(false);
        assert!(run.is_ending());
        assert!(!run.ask("c", t), "no question after the ending miss");
        assert_eq!(run.conclude_if_ending(), Some(EndReason::Wrong));
        assert_eq!(run.streak, 1);
        assert!(run.is_over());
        assert_eq!(run.attempts.len(), 2);
    }

    #[test]
    fn time_out_ends_the_run_at_the_deadline_and_not_before() {
        let t = at(2026, 8, 1, 20);
        let rules = RunRules {
            seconds: Some(10),
            revive: false,
        };
        let mut run = Run::new(rules);
        run.ask("a", t);
        assert!(!run.tick(t + seconds(9)));
        assert_eq!(run.remaining(t + seconds(9)), Some(seconds(1)));
        assert!(run.tick(t + seconds(10)));
        assert_eq!(run.conclude_if_ending(), Some(EndReason::TimedOut));
        assert_eq!(run.streak, 0);
    }

    #[test]
    fn no_countdown_never_times_out_and_countdowns_are_clamped() {
        let t = at(2026, 8, 1, 20);
        let mut run = Run::new(RunRules {
            seconds: None,
            revive: false,
        });
        run.ask("a", t);
        assert!(!run.tick(t + seconds(100_000)));
        assert_eq!(run.remaining(t), None);
        let short = RunRules {
            seconds: Some(1),
            revive: false,
        };
        assert_eq!(short.countdown(), Some(seconds(i64::from(MIN_SECONDS))));
    }

    #[test]
    fn the_revive_forgives_one_miss_only() {
        let t = at(2026, 8, 1, 20);
        let mut run = Run::new(RunRules {
            seconds: Some(30),
            revive: true,
        });
        run.ask("a", t);
        let attempt = run.answer(false).cloned().expect("judged");
        assert!(attempt.revived);
        assert!(run.revive_used);
        assert_eq!(run.conclude_if_ending(), None);
        assert!(run.ask("b", t));
        run.answer(true);
        run.ask("c", t);
        run.tick(t + seconds(31));
        assert!(run.is_ending(), "the second miss ends it");
        assert_eq!(run.streak, 1);
    }

    #[test]
    fn pause_freezes_the_countdown_and_blocks_answers() {
        let t = at(2026, 8, 1, 20);
        let mut run = Run::new(RunRules::default());
        run.ask("a", t);
        run.toggle_pause(t + seconds(10));
        assert!(run.is_paused());
        assert!(!run.tick(t + seconds(100)));
        assert!(run.answer(true).is_none());
        assert_eq!(run.remaining(t + seconds(100)), Some(seconds(20)));
        run.toggle_pause(t + seconds(100));
        assert_eq!(run.remaining(t + seconds(110)), Some(seconds(10)));
        assert!(run.tick(t + seconds(120)));
    }
}
