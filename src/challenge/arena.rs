//! 擂台赛: contestants take turns at a challenge run on the big screen; beat the 擂主's streak to
//! take the 擂台. Questions are never reused within one arena; every judgement can be undone.

use std::collections::VecDeque;

use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::run::{EndReason, Outcome, Run, RunRules, RunState};
use crate::practice::Moment;

/// Judgements the host can undo, most recent first.
pub const UNDO_DEPTH: usize = 50;

/// What happens when a challenger equals the 擂主's streak.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TieRule {
    /// 加赛: one question each, 擂主 first, until exactly one of them misses.
    #[default]
    SuddenDeath,
    /// The 擂主 keeps the 擂台.
    DefenderKeeps,
}

impl TieRule {
    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            TieRule::SuddenDeath => "平局加赛（各答一题，直到一方答错）",
            TieRule::DefenderKeeps => "平局擂主守擂成功",
        }
    }
}

/// How an arena is played.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ArenaRules {
    /// Countdown (and revive, usually off) of each run.
    pub run: RunRules,
    /// Ties.
    pub tie: TieRule,
    /// After everyone has had a turn, contestants may challenge again (a new round).
    pub rechallenge: bool,
}

/// A contestant and their record in this arena.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contestant {
    /// Name.
    pub name: String,
    /// 支部 or team, may be empty.
    pub branch: String,
    /// Best streak in this arena.
    pub best: u32,
    /// Runs played.
    pub turns: u32,
    /// Successful defences as 擂主.
    pub defences: u32,
}

impl Contestant {
    /// Name with branch, e.g. `张三（第一支部）`.
    pub fn display(&self) -> String {
        if self.branch.trim().is_empty() {
            self.name.clone()
        } else {
            format!("{}（{}）", self.name, self.branch)
        }
    }
}

/// One bout, for the log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bout {
    /// Who played the run.
    pub player: usize,
    /// The 擂主 at the start (`None` for the opening run).
    pub defender: Option<usize>,
    /// The player's streak.
    pub streak: u32,
    /// The streak to beat.
    pub mark: u32,
    /// Who holds the 擂台 afterwards.
    pub holder: usize,
    /// 加赛 rounds played.
    pub sudden_death_rounds: u32,
}

/// Whose turn it is in a 加赛.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Turn {
    /// The 擂主 answers.
    Defender,
    /// The challenger answers.
    Challenger,
}

/// Where the arena stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Between bouts: the next player is at the head of the queue.
    Waiting,
    /// A contestant is playing a run.
    Playing {
        /// Who.
        player: usize,
        /// The run.
        run: Run,
    },
    /// A tie being settled, one question each.
    SuddenDeath {
        /// The challenger who tied.
        challenger: usize,
        /// The tied streak.
        streak: u32,
        /// 加赛 round, from 1.
        round: u32,
        /// Who answers now.
        turn: Turn,
        /// The 擂主's result this round, once answered.
        defender_right: Option<bool>,
        /// The one-question run of the player answering.
        run: Run,
    },
    /// Over: the 擂主 wins.
    Finished,
}

/// An arena.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arena {
    /// Rules.
    pub rules: ArenaRules,
    /// Everyone, in the order entered.
    pub contestants: Vec<Contestant>,
    /// The 擂主, once the opening run is played.
    pub defender: Option<usize>,
    /// The 擂主's streak, to beat.
    pub mark: u32,
    /// Who plays next, in order.
    pub queue: VecDeque<usize>,
    /// Round of challenges, from 1.
    pub round: u32,
    /// Every bout so far.
    pub bouts: Vec<Bout>,
    /// Where it stands.
    pub phase: Phase,
    /// Questions not yet used in this arena.
    deck: Vec<String>,
    /// States before each judgement, for undo (not saved).
    #[serde(skip)]
    undo: Vec<Arena>,
}

impl Arena {
    /// An arena for `contestants` (name, branch) in that order; the first plays the opening run
    /// and becomes 擂主. Questions come from `pool`, shuffled.
    pub fn new(
        contestants: &[(String, String)],
        rules: ArenaRules,
        mut pool: Vec<String>,
        rng: &mut impl Rng,
    ) -> Arena {
        pool.shuffle(rng);
        Arena {
            rules,
            contestants: contestants
                .iter()
                .map(|(name, branch)| Contestant {
                    name: name.trim().to_owned(),
                    branch: branch.trim().to_owned(),
                    best: 0,
                    turns: 0,
                    defences: 0,
                })
                .collect(),
            defender: None,
            mark: 0,
            queue: (0..contestants.len()).collect(),
            round: 1,
            bouts: Vec::new(),
            phase: Phase::Waiting,
            deck: pool,
            undo: Vec::new(),
        }
    }

    /// Questions left unused.
    pub fn questions_left(&self) -> usize {
        self.deck.len()
    }

    /// Who plays next, while waiting.
    pub fn next_player(&self) -> Option<usize> {
        match self.phase {
            Phase::Waiting => self.queue.front().copied(),
            _ => None,
        }
    }

    /// The run on screen, if any.
    pub fn run(&self) -> Option<&Run> {
        match &self.phase {
            Phase::Playing { run, .. } | Phase::SuddenDeath { run, .. } => Some(run),
            Phase::Waiting | Phase::Finished => None,
        }
    }

    fn run_mut(&mut self) -> Option<&mut Run> {
        match &mut self.phase {
            Phase::Playing { run, .. } | Phase::SuddenDeath { run, .. } => Some(run),
            Phase::Waiting | Phase::Finished => None,
        }
    }

    /// Space: starts the next bout, or moves on after a judgement.
    pub fn advance(&mut self, now: Moment) {
        match &self.phase {
            Phase::Waiting => self.start_bout(now),
            Phase::Playing { .. } => self.advance_run(now),
            Phase::SuddenDeath { .. } => self.advance_sudden_death(now),
            Phase::Finished => {}
        }
    }

    fn start_bout(&mut self, now: Moment) {
        let Some(player) = self.queue.pop_front() else {
            self.phase = Phase::Finished;
            return;
        };
        let mut run = Run::new(self.rules.run.clone());
        match self.deck.pop() {
            Some(id) => {
                run.ask(&id, now);
            }
            None => run.finish(EndReason::OutOfQuestions),
        }
        self.phase = Phase::Playing { player, run };
    }

    fn advance_run(&mut self, now: Moment) {
        let Phase::Playing { run, .. } = &mut self.phase else {
            return;
        };
        match &run.state {
            RunState::Judged(_) if run.is_ending() => {
                run.conclude_if_ending();
                self.settle_bout(now);
            }
            RunState::Judged(_) => match self.deck.pop() {
                Some(id) => {
                    run.ask(&id, now);
                }
                None => {
                    run.finish(EndReason::OutOfQuestions);
                    self.settle_bout(now);
                }
            },
            RunState::Over(_) => self.settle_bout(now),
            RunState::Ready | RunState::Asking { .. } => {}
        }
    }

    /// Compares the finished run with the mark and hands over, keeps, or goes to 加赛.
    fn settle_bout(&mut self, now: Moment) {
        let Phase::Playing { player, run } = &self.phase else {
            return;
        };
        let (player, streak) = (*player, run.streak);
        if let Some(contestant) = self.contestants.get_mut(player) {
            contestant.best = contestant.best.max(streak);
            contestant.turns += 1;
        }
        let defender = self.defender;
        match defender {
            None => self.hand_over(player, streak, None, 0),
            Some(holder) if streak > self.mark => self.hand_over(player, streak, Some(holder), 0),
            Some(holder) if streak < self.mark || self.rules.tie == TieRule::DefenderKeeps => {
                self.defend(player, streak, holder, 0);
            }
            Some(_) => {
                let mut run = Run::new(RunRules {
                    revive: false,
                    ..self.rules.run.clone()
                });
                match self.deck.pop() {
                    Some(id) => {
                        run.ask(&id, now);
                    }
                    None => run.finish(EndReason::OutOfQuestions),
                }
                self.phase = Phase::SuddenDeath {
                    challenger: player,
                    streak,
                    round: 1,
                    turn: Turn::Defender,
                    defender_right: None,
                    run,
                };
                if self.run().is_some_and(Run::is_over) {
                    // No question left for a 加赛: the 擂主 keeps the 擂台.
                    if let Some(holder) = defender {
                        self.defend(player, streak, holder, 0);
                    }
                }
            }
        }
    }

    fn advance_sudden_death(&mut self, now: Moment) {
        let Phase::SuddenDeath {
            challenger,
            streak,
            round,
            turn,
            defender_right,
            run,
        } = &mut self.phase
        else {
            return;
        };
        let RunState::Judged(attempt) = &run.state else {
            return;
        };
        let right = attempt.outcome == Outcome::Correct;
        let (challenger, streak, rounds) = (*challenger, *streak, *round);
        let Some(holder) = self.defender else { return };
        let decided = match turn {
            Turn::Defender => {
                *defender_right = Some(right);
                *turn = Turn::Challenger;
                None
            }
            Turn::Challenger => match *defender_right {
                Some(defender) if defender != right => Some(right),
                _ => {
                    *round += 1;
                    *turn = Turn::Defender;
                    *defender_right = None;
                    None
                }
            },
        };
        match decided {
            Some(true) => self.hand_over(challenger, streak, Some(holder), rounds),
            Some(false) => self.defend(challenger, streak, holder, rounds),
            None => {
                let mut next = Run::new(RunRules {
                    revive: false,
                    ..self.rules.run.clone()
                });
                let Some(id) = self.deck.pop() else {
                    self.defend(challenger, streak, holder, rounds);
                    return;
                };
                next.ask(&id, now);
                if let Phase::SuddenDeath { run, .. } = &mut self.phase {
                    *run = next;
                }
            }
        }
    }

    fn hand_over(&mut self, player: usize, streak: u32, defender: Option<usize>, rounds: u32) {
        self.bouts.push(Bout {
            player,
            defender,
            streak,
            mark: self.mark,
            holder: player,
            sudden_death_rounds: rounds,
        });
        self.defender = Some(player);
        self.mark = streak;
        self.after_bout();
    }

    fn defend(&mut self, player: usize, streak: u32, holder: usize, rounds: u32) {
        self.bouts.push(Bout {
            player,
            defender: Some(holder),
            streak,
            mark: self.mark,
            holder,
            sudden_death_rounds: rounds,
        });
        if let Some(defender) = self.contestants.get_mut(holder) {
            defender.defences += 1;
        }
        self.after_bout();
    }

    /// Back to waiting; a new round when everyone has had a turn and re-challenges are allowed.
    fn after_bout(&mut self) {
        self.phase = Phase::Waiting;
        if !self.queue.is_empty() {
            return;
        }
        if self.rules.rechallenge && self.contestants.len() > 1 {
            self.round += 1;
            self.queue = (0..self.contestants.len())
                .filter(|i| Some(*i) != self.defender)
                .collect();
        } else {
            self.phase = Phase::Finished;
        }
    }

    fn snapshot(&mut self) {
        let mut copy = self.clone();
        copy.undo.clear();
        self.undo.push(copy);
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
    }

    /// Judges the question on screen for the player (the host's key press).
    pub fn answer(&mut self, correct: bool) -> Option<Outcome> {
        let asking = matches!(
            self.run().map(|r| &r.state),
            Some(RunState::Asking {
                paused_left: None,
                ..
            })
        );
        if !asking {
            return None;
        }
        self.snapshot();
        self.run_mut()?.answer(correct).map(|a| a.outcome)
    }

    /// Times out the question on screen when its deadline has passed; returns whether it did.
    pub fn tick(&mut self, now: Moment) -> bool {
        let expired = self
            .run()
            .is_some_and(|run| run.remaining(now).is_some_and(|left| left.is_zero()) && !run.is_paused());
        if !expired {
            return false;
        }
        self.snapshot();
        self.run_mut().is_some_and(|run| run.tick(now))
    }

    /// P: pauses or resumes the countdown.
    pub fn toggle_pause(&mut self, now: Moment) {
        if let Some(run) = self.run_mut() {
            run.toggle_pause(now);
        }
    }

    /// Z: takes back the last judgement; the question is asked again with a full countdown.
    /// Returns whether there was one to undo.
    pub fn undo(&mut self, now: Moment) -> bool {
        let Some(mut previous) = self.undo.pop() else {
            return false;
        };
        previous.undo = std::mem::take(&mut self.undo);
        *self = previous;
        let countdown = self.rules.run.countdown();
        if let Some(run) = self.run_mut()
            && let RunState::Asking {
                deadline,
                paused_left,
                ..
            } = &mut run.state
        {
            *deadline = countdown.map(|c| now + c);
            *paused_left = None;
        }
        true
    }

    /// Whether a judgement can be undone.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Ends the arena now (the host's choice); a run in progress is abandoned.
    pub fn finish(&mut self) {
        self.phase = Phase::Finished;
    }

    /// Whether the arena is over.
    pub fn is_finished(&self) -> bool {
        self.phase == Phase::Finished
    }

    /// Final ranking: the 擂主 first, then by best streak, defences and entry order.
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.contestants.len()).collect();
        order.sort_by_key(|i| {
            let c = &self.contestants[*i];
            (
                Some(*i) != self.defender,
                std::cmp::Reverse(c.best),
                std::cmp::Reverse(c.defences),
                *i,
            )
        });
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::testing::at;
    use chrono::TimeDelta;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use std::collections::BTreeSet;

    fn arena(names: &[&str], rules: ArenaRules, questions: usize) -> Arena {
        let contestants: Vec<(String, String)> =
            names.iter().map(|n| ((*n).to_owned(), String::new())).collect();
        let pool = (0..questions).map(|i| format!("q{i}")).collect();
        Arena::new(&contestants, rules, pool, &mut StdRng::seed_from_u64(2))
    }

    /// Plays the current run: `right` right answers then a miss.
    fn play(arena: &mut Arena, right: u32, asked: &mut Vec<String>) {
        let t = at(2026, 8, 1, 20);
        arena.advance(t);
        for _ in 0..right {
            asked.extend(arena.run().and_then(Run::current).map(str::to_owned));
            arena.answer(true);
            arena.advance(t);
        }
        asked.extend(arena.run().and_then(Run::current).map(str::to_owned));
        arena.answer(false);
        arena.advance(t);
    }

    #[test]
    fn the_first_sets_the_mark_and_a_better_challenger_takes_over() {
        let mut asked = Vec::new();
        let mut a = arena(&["甲", "乙", "丙"], ArenaRules::default(), 100);
        assert_eq!(a.next_player(), Some(0));
        play(&mut a, 3, &mut asked);
        assert_eq!((a.defender, a.mark), (Some(0), 3));
        play(&mut a, 2, &mut asked);
        assert_eq!(a.defender, Some(0));
        assert_eq!(a.contestants[0].defences, 1);
        play(&mut a, 5, &mut asked);
        assert_eq!((a.defender, a.mark), (Some(2), 5));
        assert!(a.is_finished(), "no re-challenges by default");
        assert_eq!(a.ranking(), vec![2, 0, 1]);
        assert_eq!(a.bouts.len(), 3);
        assert_eq!(a.bouts[2].holder, 2);
        let distinct: BTreeSet<&String> = asked.iter().collect();
        assert_eq!(distinct.len(), asked.len(), "no question reused in the arena");
    }

    #[test]
    fn a_tie_goes_to_sudden_death_until_exactly_one_misses() {
        let t = at(2026, 8, 1, 20);
        let mut asked = Vec::new();
        let mut a = arena(&["甲", "乙"], ArenaRules::default(), 100);
        play(&mut a, 2, &mut asked);
        play(&mut a, 2, &mut asked);
        assert!(matches!(
            a.phase,
            Phase::SuddenDeath {
                round: 1,
                turn: Turn::Defender,
                ..
            }
        ));
        // Round 1: both right → round 2.
        a.answer(true);
        a.advance(t);
        a.answer(true);
        a.advance(t);
        assert!(matches!(
            a.phase,
            Phase::SuddenDeath {
                round: 2,
                turn: Turn::Defender,
                ..
            }
        ));
        // Round 2: the 擂主 misses, the challenger is right → the challenger takes over.
        a.answer(false);
        a.advance(t);
        a.answer(true);
        a.advance(t);
        assert_eq!(a.defender, Some(1));
        assert_eq!(a.bouts.last().map(|b| b.sudden_death_rounds), Some(2));
        assert!(a.is_finished());
    }

    #[test]
    fn a_tie_can_leave_the_defender_in_place() {
        let mut asked = Vec::new();
        let rules = ArenaRules {
            tie: TieRule::DefenderKeeps,
            ..ArenaRules::default()
        };
        let mut a = arena(&["甲", "乙"], rules, 100);
        play(&mut a, 2, &mut asked);
        play(&mut a, 2, &mut asked);
        assert_eq!(a.defender, Some(0));
        assert_eq!(a.contestants[0].defences, 1);
    }

    #[test]
    fn rechallenges_start_a_new_round_without_the_defender() {
        let mut asked = Vec::new();
        let rules = ArenaRules {
            rechallenge: true,
            ..ArenaRules::default()
        };
        let mut a = arena(&["甲", "乙", "丙"], rules, 100);
        play(&mut a, 1, &mut asked);
        play(&mut a, 4, &mut asked);
        play(&mut a, 0, &mut asked);
        assert!(!a.is_finished());
        assert_eq!(a.round, 2);
        assert_eq!(a.queue, VecDeque::from(vec![0, 2]), "everyone but the 擂主 乙");
        a.finish();
        assert!(a.is_finished());
    }

    #[test]
    fn undo_takes_back_the_last_judgement_and_restarts_the_countdown() {
        let t = at(2026, 8, 1, 20);
        let mut a = arena(&["甲", "乙"], ArenaRules::default(), 10);
        a.advance(t);
        let first = a.run().and_then(Run::current).map(str::to_owned);
        a.answer(false);
        assert!(a.run().is_some_and(Run::is_ending));
        let later = t + TimeDelta::seconds(50);
        assert!(a.undo(later));
        assert_eq!(a.run().and_then(Run::current).map(str::to_owned), first);
        assert_eq!(
            a.run().and_then(|r| r.remaining(later)),
            Some(TimeDelta::seconds(30))
        );
        a.answer(true);
        assert_eq!(a.run().map(|r| r.streak), Some(1));
        assert!(a.undo(later));
        assert_eq!(a.run().map(|r| r.streak), Some(0));
        assert!(!a.can_undo(), "both judgements taken back");
    }

    #[test]
    fn a_time_out_is_a_judgement_that_can_be_undone() {
        let t = at(2026, 8, 1, 20);
        let mut a = arena(&["甲", "乙"], ArenaRules::default(), 10);
        a.advance(t);
        assert!(!a.tick(t + TimeDelta::seconds(29)));
        assert!(a.tick(t + TimeDelta::seconds(30)));
        assert!(a.run().is_some_and(Run::is_ending));
        assert!(a.can_undo());
        assert!(a.undo(t + TimeDelta::seconds(40)));
        assert!(!a.run().is_some_and(Run::is_ending));
    }

    #[test]
    fn an_arena_survives_saving_and_loading_in_the_middle_of_a_run() {
        let t = at(2026, 8, 1, 20);
        let mut asked = Vec::new();
        let mut a = arena(&["甲", "乙"], ArenaRules::default(), 10);
        play(&mut a, 2, &mut asked);
        a.advance(t);
        a.answer(true);
        let text = ron::to_string(&a).expect("serialise");
        let mut back: Arena = ron::from_str(&text).expect("deserialise");
        assert_eq!(back.defender, Some(0));
        assert_eq!(back.run().map(|r| r.streak), Some(1));
        assert_eq!(back.questions_left(), a.questions_left());
        back.advance(t);
        assert!(
            back.run()
                .and_then(Run::current)
                .is_some_and(|id| !asked.contains(&id.to_owned()))
        );
    }
}
