//! 个人挑战: one player's run over a shuffled deck, the 学习强国-style points, and the profile's
//! best and history.

use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::run::{EndReason, Run, RunRules};
use crate::bank::{KindTag, Library};
use crate::practice::filter::pool;
use crate::practice::{Filter, Moment};

/// Kinds a challenge asks: each is answered with one key press (多选: a few, then Enter).
pub const CHALLENGE_KINDS: [KindTag; 3] = [KindTag::Single, KindTag::Multiple, KindTag::Judge];

/// Ids of the questions a challenge may ask: the filter's questions of [`CHALLENGE_KINDS`].
pub fn challenge_pool(library: &Library, filter: &Filter) -> Vec<String> {
    let mut filter = filter.clone();
    filter.kinds = CHALLENGE_KINDS.into();
    pool(library, &filter).iter().map(|q| q.id.clone()).collect()
}

/// Runs kept in a profile's history.
pub const HISTORY_KEPT: usize = 100;

/// A threshold of the points rule: reaching `streak` right answers earns `points` in all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PointsStep {
    /// Right answers in a row.
    pub streak: u32,
    /// 学习积分 for the run once reached (not added to lower steps).
    pub points: u32,
}

/// A profile's challenge settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChallengeSettings {
    /// Countdown and revive.
    pub rules: RunRules,
    /// Points thresholds, default 5 → 3 and 10 → 6 as in 学习强国.
    pub points: Vec<PointsStep>,
    /// Banks and eras drawn from (kinds are always [`CHALLENGE_KINDS`]).
    pub filter: Filter,
}

impl Default for ChallengeSettings {
    fn default() -> Self {
        ChallengeSettings {
            rules: RunRules::default(),
            points: vec![
                PointsStep { streak: 5, points: 3 },
                PointsStep {
                    streak: 10,
                    points: 6,
                },
            ],
            filter: Filter::default(),
        }
    }
}

/// Points a run of `streak` earns: the points of the highest threshold reached, else 0.
pub fn points_for(streak: u32, steps: &[PointsStep]) -> u32 {
    steps
        .iter()
        .filter(|step| streak >= step.streak)
        .map(|step| step.points)
        .max()
        .unwrap_or(0)
}

/// A finished run in a profile's history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChallengeRecord {
    /// When it ended.
    pub finished: Moment,
    /// Right answers in a row.
    pub streak: u32,
    /// Points earned.
    pub points: u32,
    /// Why it ended.
    pub reason: EndReason,
}

/// A profile's challenge record: settings, best and recent runs.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChallengeHistory {
    /// Settings.
    pub settings: ChallengeSettings,
    /// Best streak ever.
    pub best: u32,
    /// The latest runs, newest last (at most [`HISTORY_KEPT`]).
    pub runs: Vec<ChallengeRecord>,
}

impl ChallengeHistory {
    /// Files a finished run; returns whether it is a new personal best.
    pub fn file(&mut self, record: ChallengeRecord) -> bool {
        let new_best = record.streak > self.best;
        self.best = self.best.max(record.streak);
        self.runs.push(record);
        if self.runs.len() > HISTORY_KEPT {
            let excess = self.runs.len() - HISTORY_KEPT;
            self.runs.drain(..excess);
        }
        new_best
    }
}

/// A solo challenge: a run and the deck it draws from without repeats.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solo {
    /// The run.
    pub run: Run,
    deck: Vec<String>,
}

impl Solo {
    /// A run over `pool`, shuffled.
    pub fn new(mut pool: Vec<String>, rules: RunRules, rng: &mut impl Rng) -> Solo {
        pool.shuffle(rng);
        Solo {
            run: Run::new(rules),
            deck: pool,
        }
    }

    /// Draws the next question (start, or after a judgement that did not end the run); ends the run
    /// when the deck is empty. After an ending judgement, ends the run with its reason.
    pub fn next(&mut self, now: Moment) {
        if self.run.conclude_if_ending().is_some() || self.run.is_over() {
            return;
        }
        if matches!(self.run.state, super::run::RunState::Asking { .. }) {
            return;
        }
        match self.deck.pop() {
            Some(id) => {
                self.run.ask(&id, now);
            }
            None => self.run.finish(EndReason::OutOfQuestions),
        }
    }

    /// Questions left in the deck.
    pub fn left(&self) -> usize {
        self.deck.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::challenge::run::RunState;
    use crate::practice::testing::at;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use std::collections::BTreeSet;

    #[test]
    fn the_pool_holds_only_keyboard_kinds() {
        let library = crate::practice::testing::library_of(&[("a", 9)]);
        let ids = challenge_pool(&library, &Filter::default());
        assert_eq!(ids.len(), 9, "judge and single questions only in this bank");
        let mixed = {
            let mut library = Library::default();
            let mut text = String::from("(id: \"m\", title: \"m\", questions: [");
            text.push_str("(id: \"f\", stem: \"填___\", kind: Fill(blanks: [[\"x\"]]), explanation: \"e\", era: General),");
            text.push_str("(id: \"s\", stem: \"选？\", kind: Single(options: [\"a\", \"b\"], answer: 0), explanation: \"e\", era: General),");
            text.push_str("])");
            library.add_text(crate::bank::BankOrigin::Bundled { name: "m.ron".into() }, text);
            library
        };
        assert_eq!(challenge_pool(&mixed, &Filter::default()), vec!["s".to_owned()]);
    }

    #[test]
    fn points_follow_the_thresholds() {
        let steps = ChallengeSettings::default().points;
        assert_eq!(points_for(0, &steps), 0);
        assert_eq!(points_for(4, &steps), 0);
        assert_eq!(points_for(5, &steps), 3);
        assert_eq!(points_for(9, &steps), 3);
        assert_eq!(points_for(10, &steps), 6);
        assert_eq!(points_for(40, &steps), 6);
        assert_eq!(points_for(40, &[]), 0);
    }

    #[test]
    fn a_run_never_repeats_a_question_and_ends_when_the_deck_is_empty() {
        let t = at(2026, 8, 1, 20);
        let pool: Vec<String> = (0..6).map(|i| format!("q{i}")).collect();
        let mut rng = StdRng::seed_from_u64(5);
        let mut solo = Solo::new(pool, RunRules::default(), &mut rng);
        let mut seen = BTreeSet::new();
        solo.next(t);
        while let RunState::Asking { id, .. } = &solo.run.state {
            assert!(seen.insert(id.clone()), "{id} asked twice");
            solo.run.answer(true);
            solo.next(t);
        }
        assert_eq!(seen.len(), 6);
        assert_eq!(solo.run.state, RunState::Over(EndReason::OutOfQuestions));
        assert_eq!(solo.run.streak, 6);
    }

    #[test]
    fn next_after_a_miss_ends_the_run_and_history_keeps_the_best() {
        let t = at(2026, 8, 1, 20);
        let mut rng = StdRng::seed_from_u64(5);
        let mut solo = Solo::new(vec!["a".into(), "b".into()], RunRules::default(), &mut rng);
        solo.next(t);
        solo.run.answer(false);
        solo.next(t);
        assert_eq!(solo.run.state, RunState::Over(EndReason::Wrong));
        assert_eq!(solo.left(), 1);

        let mut history = ChallengeHistory::default();
        let record = |streak| ChallengeRecord {
            finished: t,
            streak,
            points: 0,
            reason: EndReason::Wrong,
        };
        assert!(history.file(record(3)));
        assert!(!history.file(record(2)));
        assert!(history.file(record(7)));
        assert_eq!(history.best, 7);
        for _ in 0..HISTORY_KEPT {
            history.file(record(1));
        }
        assert_eq!(history.runs.len(), HISTORY_KEPT);
    }
}
