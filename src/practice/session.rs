//! A practice session: the queue of questions a mode draws, and what answering does to the record.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};

use super::Moment;
use super::filter::{Filter, index, pool};
use super::record::{AnswerEffects, DAILY_QUESTIONS, DailyRound, Mode, StudyRecord};
use crate::bank::{Library, Question};

/// A run of practice in one mode.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    /// The mode.
    pub mode: Mode,
    /// The questions chosen for 顺序/分类/随机 (resume positions are kept per filter).
    pub filter: Filter,
    queue: Vec<String>,
    position: usize,
    /// 随机练习 refills the queue from this pool, so it never runs dry.
    refill: Vec<String>,
    /// Answers given in this session.
    pub answered: u32,
    /// Right answers in this session.
    pub correct: u32,
    /// Points earned in this session.
    pub points: u32,
}

impl Session {
    fn with_queue(mode: Mode, filter: Filter, queue: Vec<String>, position: usize) -> Session {
        Session {
            mode,
            filter,
            queue,
            position,
            refill: Vec::new(),
            answered: 0,
            correct: 0,
            points: 0,
        }
    }

    /// 顺序练习 (or 分类练习 with `mode` [`Mode::Category`]): the filter's questions in bank order,
    /// starting after the last one this profile answered under the same filter.
    pub fn sequential(library: &Library, record: &StudyRecord, filter: &Filter, mode: Mode) -> Session {
        let queue: Vec<String> = pool(library, filter).iter().map(|q| q.id.clone()).collect();
        let position = record
            .sequential
            .get(&filter.key())
            .and_then(|last| queue.iter().position(|id| id == last))
            .map_or(0, |last| if last + 1 >= queue.len() { 0 } else { last + 1 });
        Session::with_queue(mode, filter.clone(), queue, position)
    }

    /// 随机练习: the filter's questions shuffled, skipping those already drawn in this round;
    /// a new round starts only when every question has been drawn.
    pub fn random(library: &Library, record: &StudyRecord, filter: &Filter, rng: &mut impl Rng) -> Session {
        let all: Vec<String> = pool(library, filter).iter().map(|q| q.id.clone()).collect();
        let seen = record.random_seen.get(&filter.key());
        let mut queue: Vec<String> = all
            .iter()
            .filter(|id| !seen.is_some_and(|s| s.contains(*id)))
            .cloned()
            .collect();
        if queue.is_empty() {
            queue = all.clone();
        }
        queue.shuffle(rng);
        let mut session = Session::with_queue(Mode::Random, filter.clone(), queue, 0);
        session.refill = all;
        session
    }

    /// 错题本: the wrong book, the latest miss first.
    pub fn wrong_book(library: &Library, record: &StudyRecord) -> Session {
        Session::of_ids(library, Mode::WrongBook, record.wrong_book())
    }

    /// 收藏: the starred questions.
    pub fn favourites(library: &Library, record: &StudyRecord) -> Session {
        Session::of_ids(library, Mode::Favourites, record.favourites())
    }

    /// 间隔复习: questions due by the end of today, earliest first.
    pub fn review(library: &Library, record: &StudyRecord, now: Moment) -> Session {
        Session::of_ids(library, Mode::Review, record.due(now))
    }

    /// 每日答题: today's round (see [`ensure_daily_round`]), from its first unanswered question.
    pub fn daily(round: &DailyRound) -> Session {
        let position = round
            .results
            .iter()
            .position(Option::is_none)
            .unwrap_or(round.ids.len());
        Session::with_queue(Mode::Daily, Filter::default(), round.ids.clone(), position)
    }

    fn of_ids(library: &Library, mode: Mode, ids: Vec<&str>) -> Session {
        let known = index(library);
        let queue = ids
            .into_iter()
            .filter(|id| known.contains_key(id))
            .map(str::to_owned)
            .collect();
        Session::with_queue(mode, Filter::default(), queue, 0)
    }

    /// The question to answer now, or `None` when the session is over.
    pub fn current(&self) -> Option<&str> {
        self.queue.get(self.position).map(String::as_str)
    }

    /// 1-based number of the current question and the length of the queue.
    pub fn progress(&self) -> (usize, usize) {
        ((self.position + 1).min(self.queue.len()), self.queue.len())
    }

    /// Whether every question of the queue has been dealt with (随机练习 never ends).
    pub fn is_over(&self) -> bool {
        self.current().is_none()
    }

    /// Goes on to the next question; 随机练习 deals a fresh round when the queue is used up.
    pub fn advance(&mut self, rng: &mut impl Rng) {
        if self.position < self.queue.len() {
            self.position += 1;
        }
        if self.mode == Mode::Random && self.position >= self.queue.len() && !self.refill.is_empty() {
            let last = self.queue.last().cloned();
            let mut fresh = self.refill.clone();
            fresh.shuffle(rng);
            if fresh.len() > 1 && fresh.first() == last.as_ref() {
                fresh.swap(0, 1);
            }
            self.queue = fresh;
            self.position = 0;
        }
    }

    /// Records an answer to the current question and everything the mode keeps: the 顺序 position,
    /// the 随机 round, the 每日答题 result and its bonus.
    pub fn answer(
        &mut self,
        record: &mut StudyRecord,
        question: &Question,
        correct: bool,
        now: Moment,
    ) -> AnswerEffects {
        let mut effects = record.record_answer(question, correct, self.mode, now);
        match self.mode {
            Mode::Sequential | Mode::Category => {
                record.sequential.insert(self.filter.key(), question.id.clone());
            }
            Mode::Random => {
                let seen = record.random_seen.entry(self.filter.key()).or_default();
                seen.insert(question.id.clone());
                if !self.refill.is_empty() && self.refill.iter().all(|id| seen.contains(id)) {
                    seen.clear();
                }
            }
            Mode::Daily => effects.points += record.record_daily(self.position, correct, now),
            Mode::WrongBook | Mode::Favourites | Mode::Review | Mode::Exam => {}
        }
        self.answered += 1;
        self.correct += u32::from(correct);
        self.points += effects.points;
        effects
    }
}

/// Makes sure `record` holds today's 每日答题 round, picking it if needed: [`DAILY_QUESTIONS`]
/// questions from the profile's filter, never-answered ones first, the same all day.
pub fn ensure_daily_round<'r>(
    record: &'r mut StudyRecord,
    library: &Library,
    today: NaiveDate,
    salt: u64,
) -> &'r DailyRound {
    let fresh = record.daily.as_ref().is_none_or(|round| round.date != today);
    if fresh {
        let ids = pick_daily(library, record, today, salt);
        record.daily = Some(DailyRound {
            date: today,
            results: vec![None; ids.len()],
            ids,
        });
    }
    record.daily.get_or_insert_with(|| DailyRound {
        date: today,
        ids: Vec::new(),
        results: Vec::new(),
    })
}

fn pick_daily(library: &Library, record: &StudyRecord, today: NaiveDate, salt: u64) -> Vec<String> {
    let seed = u64::from(today.num_days_from_ce().unsigned_abs()) ^ salt.rotate_left(32);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut candidates: Vec<&Question> = pool(library, &record.settings.filter);
    candidates.shuffle(&mut rng);
    candidates.sort_by_key(|q| record.questions.get(&q.id).map_or(0, |r| r.answered));
    let mut seen = BTreeSet::new();
    candidates
        .into_iter()
        .filter(|q| seen.insert(q.id.clone()))
        .take(DAILY_QUESTIONS)
        .map(|q| q.id.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::testing::{at, library_of};

    fn answer_current(
        session: &mut Session,
        record: &mut StudyRecord,
        library: &Library,
        correct: bool,
    ) -> String {
        let id = session.current().expect("a question").to_owned();
        let questions = index(library);
        let question = questions[id.as_str()];
        session.answer(record, question, correct, at(2026, 4, 1, 10));
        id
    }

    #[test]
    fn sequential_resumes_after_the_last_answered_question() {
        let library = library_of(&[("a", 5)]);
        let mut record = StudyRecord::default();
        let filter = Filter::default();
        let mut rng = StdRng::seed_from_u64(1);
        let mut session = Session::sequential(&library, &record, &filter, Mode::Sequential);
        assert_eq!(session.current(), Some("a-0"));
        answer_current(&mut session, &mut record, &library, true);
        session.advance(&mut rng);
        answer_current(&mut session, &mut record, &library, false);
        let resumed = Session::sequential(&library, &record, &filter, Mode::Sequential);
        assert_eq!(resumed.current(), Some("a-2"));
        assert_eq!(resumed.progress(), (3, 5));
        // Another filter keeps its own place.
        let other = Filter::tag("偶数");
        assert_eq!(
            Session::sequential(&library, &record, &other, Mode::Category).current(),
            Some("a-0")
        );
        // After the last question it starts again from the first.
        record.sequential.insert(filter.key(), "a-4".into());
        assert_eq!(
            Session::sequential(&library, &record, &filter, Mode::Sequential).current(),
            Some("a-0")
        );
    }

    #[test]
    fn random_never_repeats_until_the_pool_is_exhausted_even_across_sessions() {
        let library = library_of(&[("a", 7)]);
        let mut record = StudyRecord::default();
        let filter = Filter::default();
        let mut rng = StdRng::seed_from_u64(9);
        let mut drawn = Vec::new();
        let mut session = Session::random(&library, &record, &filter, &mut rng);
        for _ in 0..3 {
            drawn.push(answer_current(&mut session, &mut record, &library, true));
            session.advance(&mut rng);
        }
        // Leave and come back: the new session skips what was drawn.
        let mut session = Session::random(&library, &record, &filter, &mut rng);
        for _ in 0..4 {
            drawn.push(answer_current(&mut session, &mut record, &library, true));
            session.advance(&mut rng);
        }
        let distinct: BTreeSet<&String> = drawn.iter().collect();
        assert_eq!(
            distinct.len(),
            7,
            "seven draws, seven different questions: {drawn:?}"
        );
        assert!(
            record.random_seen[&filter.key()].is_empty(),
            "the round is complete"
        );
        // The next round goes on and does not start with the question just answered.
        assert!(!session.is_over());
        assert_ne!(session.current(), drawn.last().map(String::as_str));
    }

    #[test]
    fn wrong_book_and_favourites_sessions_use_only_known_questions() {
        let library = library_of(&[("a", 3)]);
        let mut record = StudyRecord::default();
        let t = at(2026, 4, 1, 10);
        let questions = index(&library);
        record.record_answer(questions["a-1"], false, Mode::Sequential, t);
        record.record_answer(
            &crate::practice::testing::question_of("gone"),
            false,
            Mode::Sequential,
            t,
        );
        let session = Session::wrong_book(&library, &record);
        assert_eq!(session.progress(), (1, 1));
        assert_eq!(session.current(), Some("a-1"));
        record.toggle_favourite("a-2");
        assert_eq!(Session::favourites(&library, &record).current(), Some("a-2"));
        assert!(Session::review(&library, &record, t).is_over());
        assert_eq!(
            Session::review(&library, &record, at(2026, 4, 3, 10)).current(),
            Some("a-1")
        );
    }

    #[test]
    fn the_daily_round_is_fixed_for_the_day_and_prefers_new_questions() {
        let library = library_of(&[("a", 12)]);
        let mut record = StudyRecord::default();
        let questions = index(&library);
        let t = at(2026, 4, 1, 10);
        for id in ["a-0", "a-1", "a-2", "a-3", "a-4", "a-5", "a-6"] {
            record.record_answer(questions[id], true, Mode::Sequential, t);
        }
        let today = t.date_naive();
        let round = ensure_daily_round(&mut record, &library, today, 1).clone();
        assert_eq!(round.ids.len(), DAILY_QUESTIONS);
        let mut expected: Vec<String> = (7..12).map(|i| format!("a-{i}")).collect();
        let mut got = round.ids.clone();
        got.sort();
        expected.sort();
        assert_eq!(got, expected, "the five never answered");
        assert_eq!(ensure_daily_round(&mut record, &library, today, 1), &round);

        let mut session = Session::daily(&round);
        let mut rng = StdRng::seed_from_u64(1);
        for i in 0..DAILY_QUESTIONS {
            answer_current(&mut session, &mut record, &library, i % 2 == 0);
            session.advance(&mut rng);
        }
        assert!(session.is_over());
        assert!(record.daily_done.contains(&today));
        assert_eq!(record.daily_streak(today), 1);
        let tomorrow = today.succ_opt().expect("date");
        assert_ne!(ensure_daily_round(&mut record, &library, tomorrow, 1).date, today);
    }

    #[test]
    fn a_half_done_daily_round_resumes_at_the_first_unanswered() {
        let round = DailyRound {
            date: at(2026, 4, 1, 10).date_naive(),
            ids: (0..5).map(|i| format!("a-{i}")).collect(),
            results: vec![Some(true), Some(false), None, None, None],
        };
        assert_eq!(Session::daily(&round).current(), Some("a-2"));
    }
}
