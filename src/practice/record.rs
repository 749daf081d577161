//! A profile's study record: every question's history, the wrong book, favourites, FSRS cards,
//! days studied, points, the daily round and exams. Saved after every answer.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Days, NaiveDate, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating};
use serde::{Deserialize, Serialize};

use super::Moment;
use super::exam::{Exam, ExamResult, ExamSettings};
use super::filter::Filter;
use crate::bank::Question;
use crate::challenge::run::Run;
use crate::challenge::solo::{ChallengeHistory, ChallengeRecord, points_for};

/// Consecutive right answers that take a question out of the wrong book, unless the profile sets another.
pub const DEFAULT_WRONG_BOOK_EXIT: u32 = 2;
/// Largest setting for [`PracticeSettings::wrong_book_exit`].
pub const MAX_WRONG_BOOK_EXIT: u32 = 10;
/// Questions in each day's 每日答题.
pub const DAILY_QUESTIONS: usize = 5;

/// 学习积分 rules. See `docs/practice.md`.
pub mod points {
    /// Each right answer in practice (顺序, 随机, 分类, 错题本, 收藏, 复习).
    pub const PRACTICE_CORRECT: u32 = 1;
    /// Most practice points a day.
    pub const PRACTICE_DAILY_CAP: u32 = 20;
    /// Each right answer in 每日答题.
    pub const DAILY_CORRECT: u32 = 1;
    /// Bonus for answering all of the day's 每日答题.
    pub const DAILY_FINISHED: u32 = 2;
    /// Passing a 模拟考试 (the first exam submitted each day only).
    pub const EXAM_PASSED: u32 = 5;
    /// Extra for full marks in that exam.
    pub const EXAM_FULL_MARKS: u32 = 5;
}

/// How a question was reached when it was answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// 顺序练习
    Sequential,
    /// 随机练习
    Random,
    /// 分类练习
    Category,
    /// 错题本
    WrongBook,
    /// 收藏
    Favourites,
    /// 间隔复习
    Review,
    /// 每日答题
    Daily,
    /// 模拟考试
    Exam,
}

impl Mode {
    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Mode::Sequential => "顺序练习",
            Mode::Random => "随机练习",
            Mode::Category => "分类练习",
            Mode::WrongBook => "错题本",
            Mode::Favourites => "收藏",
            Mode::Review => "间隔复习",
            Mode::Daily => "每日答题",
            Mode::Exam => "模拟考试",
        }
    }
}

/// A profile's practice settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PracticeSettings {
    /// Consecutive right answers that take a question out of the wrong book.
    pub wrong_book_exit: u32,
    /// 单选 and 判断 are submitted as soon as an option is picked.
    pub instant_submit: bool,
    /// The questions 顺序, 随机, 每日答题 and 模拟考试 draw from.
    pub filter: Filter,
    /// 模拟考试 size, time and pass mark.
    pub exam: ExamSettings,
}

impl Default for PracticeSettings {
    fn default() -> Self {
        PracticeSettings {
            wrong_book_exit: DEFAULT_WRONG_BOOK_EXIT,
            instant_submit: true,
            filter: Filter::default(),
            exam: ExamSettings::default(),
        }
    }
}

/// A question in the wrong book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WrongEntry {
    /// When it was (last) answered wrong.
    pub added: Moment,
    /// Right answers in a row since then.
    pub streak: u32,
}

/// Everything remembered about one question.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionRecord {
    /// Times answered.
    pub answered: u32,
    /// Times answered right.
    pub correct: u32,
    /// When last answered.
    pub last_answered: Option<Moment>,
    /// In the wrong book.
    pub wrong: Option<WrongEntry>,
    /// Starred (收藏).
    pub favourite: bool,
    /// FSRS memory state, once answered.
    pub card: Option<Card>,
}

impl QuestionRecord {
    /// Times answered wrong.
    pub fn wrong_count(&self) -> u32 {
        self.answered.saturating_sub(self.correct)
    }
}

/// One calendar day of study.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DayRecord {
    /// Answers given.
    pub answered: u32,
    /// Right answers.
    pub correct: u32,
    /// 学习积分 earned, all rules together.
    pub points: u32,
    /// The part of `points` earned by practice (capped at [`points::PRACTICE_DAILY_CAP`]).
    pub practice_points: u32,
    /// Whether an exam has already earned points this day.
    pub exam_rewarded: bool,
}

/// A day's 每日答题: the questions picked and how each went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DailyRound {
    /// The day.
    pub date: NaiveDate,
    /// The questions, picked once when the day's round is first opened.
    pub ids: Vec<String>,
    /// Per question: not yet answered, right or wrong.
    pub results: Vec<Option<bool>>,
}

impl DailyRound {
    /// Questions answered so far.
    pub fn answered(&self) -> usize {
        self.results.iter().filter(|r| r.is_some()).count()
    }

    /// Whether every question is answered.
    pub fn is_finished(&self) -> bool {
        !self.results.is_empty() && self.results.iter().all(Option::is_some)
    }
}

/// A finished exam, kept for statistics.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamRecord {
    /// When it was submitted.
    pub finished: Moment,
    /// Number of questions.
    pub questions: usize,
    /// Score out of 100.
    pub score: f32,
    /// Whether it reached the pass mark.
    pub passed: bool,
    /// Submitted by the clock.
    pub timed_out: bool,
    /// Seconds used.
    pub seconds: i64,
}

/// What an answer changed, for the feedback shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AnswerEffects {
    /// 学习积分 earned.
    pub points: u32,
    /// The question has just entered the wrong book.
    pub entered_wrong_book: bool,
    /// The question has just left the wrong book.
    pub left_wrong_book: bool,
}

/// A profile's whole study record, saved as `study.ron` in the profile's folder.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StudyRecord {
    /// Practice settings.
    pub settings: PracticeSettings,
    /// Answers given in total; every saved answer increments it.
    pub answers: u64,
    /// Per question id.
    pub questions: BTreeMap<String, QuestionRecord>,
    /// Per local calendar day.
    pub days: BTreeMap<NaiveDate, DayRecord>,
    /// 顺序练习: the last question answered, per [`Filter::key`].
    pub sequential: BTreeMap<String, String>,
    /// 随机练习: questions already drawn in the current round, per [`Filter::key`].
    pub random_seen: BTreeMap<String, BTreeSet<String>>,
    /// The latest 每日答题 round.
    pub daily: Option<DailyRound>,
    /// Days whose 每日答题 was finished.
    pub daily_done: BTreeSet<NaiveDate>,
    /// The exam being taken, kept so a crash or close resumes it.
    pub exam_in_progress: Option<Exam>,
    /// Finished exams, oldest first.
    pub exams: Vec<ExamRecord>,
    /// 挑战答题: settings, best streak and recent runs.
    pub challenge: ChallengeHistory,
}

impl StudyRecord {
    /// Records one answer given in `mode` at `now`: history, wrong book, FSRS card, the day, points.
    pub fn record_answer(
        &mut self,
        question: &Question,
        correct: bool,
        mode: Mode,
        now: Moment,
    ) -> AnswerEffects {
        let exit_after = self.settings.wrong_book_exit.clamp(1, MAX_WRONG_BOOK_EXIT);
        let entry = self.questions.entry(question.id.clone()).or_default();
        let mut effects = AnswerEffects::default();
        entry.answered += 1;
        entry.last_answered = Some(now);
        if correct {
            entry.correct += 1;
            if let Some(wrong) = &mut entry.wrong {
                wrong.streak += 1;
                if wrong.streak >= exit_after {
                    entry.wrong = None;
                    effects.left_wrong_book = true;
                }
            }
        } else {
            effects.entered_wrong_book = entry.wrong.is_none();
            entry.wrong = Some(WrongEntry {
                added: now,
                streak: 0,
            });
        }
        entry.card = Some(next_card(entry.card.take(), correct, now));
        self.answers += 1;

        let day = self.days.entry(now.date_naive()).or_default();
        day.answered += 1;
        if correct {
            day.correct += 1;
            let earned = match mode {
                Mode::Daily => points::DAILY_CORRECT,
                Mode::Exam => 0,
                _ => points::PRACTICE_CORRECT
                    .min(points::PRACTICE_DAILY_CAP.saturating_sub(day.practice_points)),
            };
            if mode != Mode::Daily {
                day.practice_points += earned;
            }
            day.points += earned;
            effects.points = earned;
        }
        effects
    }

    /// Stars or unstars a question; returns whether it is now a favourite.
    pub fn toggle_favourite(&mut self, question_id: &str) -> bool {
        let entry = self.questions.entry(question_id.to_owned()).or_default();
        entry.favourite = !entry.favourite;
        entry.favourite
    }

    /// Whether a question is starred.
    pub fn is_favourite(&self, question_id: &str) -> bool {
        self.questions.get(question_id).is_some_and(|q| q.favourite)
    }

    /// Question ids in the wrong book, the most recently missed first.
    pub fn wrong_book(&self) -> Vec<&str> {
        let mut wrong: Vec<(&Moment, &str)> = self
            .questions
            .iter()
            .filter_map(|(id, q)| Some((&q.wrong.as_ref()?.added, id.as_str())))
            .collect();
        wrong.sort_by(|a, b| b.0.cmp(a.0).then(a.1.cmp(b.1)));
        wrong.into_iter().map(|(_, id)| id).collect()
    }

    /// Starred question ids, in id order.
    pub fn favourites(&self) -> Vec<&str> {
        self.questions
            .iter()
            .filter(|(_, q)| q.favourite)
            .map(|(id, _)| id.as_str())
            .collect()
    }

    /// Question ids whose FSRS review falls on or before `today` (local date of `now`), earliest first.
    pub fn due(&self, now: Moment) -> Vec<&str> {
        let end_of_today = end_of_day(now);
        let mut due: Vec<(DateTime<Utc>, &str)> = self
            .questions
            .iter()
            .filter_map(|(id, q)| {
                let card = q.card.as_ref()?;
                (card.due < end_of_today).then_some((card.due, id.as_str()))
            })
            .collect();
        due.sort();
        due.into_iter().map(|(_, id)| id).collect()
    }

    /// Notes an answered 每日答题 question (index into today's round) and awards the finishing bonus.
    /// Returns the extra points of the bonus (0 if not finished now).
    pub fn record_daily(&mut self, index: usize, correct: bool, now: Moment) -> u32 {
        let today = now.date_naive();
        let Some(round) = self.daily.as_mut().filter(|r| r.date == today) else {
            return 0;
        };
        let Some(slot) = round.results.get_mut(index) else {
            return 0;
        };
        if slot.is_some() {
            return 0;
        }
        *slot = Some(correct);
        if !round.is_finished() || !self.daily_done.insert(today) {
            return 0;
        }
        let day = self.days.entry(today).or_default();
        day.points += points::DAILY_FINISHED;
        points::DAILY_FINISHED
    }

    /// Files a submitted exam: each answered question's history, the exam record, points.
    /// Returns the points earned. Clears the exam in progress.
    pub fn record_exam(&mut self, exam: &Exam, result: &ExamResult, questions: &[&Question]) -> u32 {
        for (index, question) in questions.iter().enumerate() {
            if exam.response(index).is_some()
                && let Some(grade) = result.grades.get(index)
            {
                self.record_answer(question, grade.correct, Mode::Exam, result.finished);
            }
        }
        self.exams.push(ExamRecord {
            finished: result.finished,
            questions: questions.len(),
            score: result.score,
            passed: result.passed,
            timed_out: result.timed_out,
            seconds: result.seconds,
        });
        self.exam_in_progress = None;
        let day = self.days.entry(result.finished.date_naive()).or_default();
        if day.exam_rewarded {
            return 0;
        }
        day.exam_rewarded = true;
        let mut earned = 0;
        if result.passed {
            earned += points::EXAM_PASSED;
        }
        if result.score >= 100.0 {
            earned += points::EXAM_FULL_MARKS;
        }
        day.points += earned;
        earned
    }

    /// Today's 每日答题 as (answered, questions): the round's own size once picked (a small practice
    /// range may hold fewer than [`DAILY_QUESTIONS`]), else (0, [`DAILY_QUESTIONS`]).
    pub fn daily_progress(&self, today: NaiveDate) -> (usize, usize) {
        match self.daily.as_ref().filter(|round| round.date == today) {
            Some(round) => (round.answered(), round.ids.len()),
            None => (0, DAILY_QUESTIONS),
        }
    }

    /// Files a finished challenge run: history, best, and its points (学习强国 thresholds) added to
    /// the day. Returns (points, whether it is a new personal best).
    pub fn record_challenge(&mut self, run: &Run, now: Moment) -> (u32, bool) {
        let points = points_for(run.streak, &self.challenge.settings.points);
        let reason = match &run.state {
            crate::challenge::RunState::Over(reason) => *reason,
            _ => crate::challenge::run::EndReason::Stopped,
        };
        let new_best = self.challenge.file(ChallengeRecord {
            finished: now,
            streak: run.streak,
            points,
            reason,
        });
        self.days.entry(now.date_naive()).or_default().points += points;
        (points, new_best)
    }

    /// 学习积分 earned in total.
    pub fn total_points(&self) -> u32 {
        self.days.values().map(|d| d.points).sum()
    }

    /// Consecutive days with at least one answer, ending today (or yesterday if today has none yet).
    pub fn study_streak(&self, today: NaiveDate) -> u32 {
        streak_ending(today, |day| self.days.get(&day).is_some_and(|d| d.answered > 0))
    }

    /// Consecutive days whose 每日答题 was finished, ending today (or yesterday).
    pub fn daily_streak(&self, today: NaiveDate) -> u32 {
        streak_ending(today, |day| self.daily_done.contains(&day))
    }

    /// The longest run of consecutive study days ever.
    pub fn longest_study_streak(&self) -> u32 {
        let mut longest = 0;
        let mut run = 0;
        let mut previous: Option<NaiveDate> = None;
        for (day, record) in &self.days {
            if record.answered == 0 {
                continue;
            }
            run = match previous {
                Some(p) if p.succ_opt() == Some(*day) => run + 1,
                _ => 1,
            };
            longest = longest.max(run);
            previous = Some(*day);
        }
        longest
    }
}

/// Counts days back from `today` while `active`; today may still be empty.
fn streak_ending(today: NaiveDate, active: impl Fn(NaiveDate) -> bool) -> u32 {
    let mut day = if active(today) {
        today
    } else {
        match today.pred_opt() {
            Some(yesterday) => yesterday,
            None => return 0,
        }
    };
    let mut streak = 0;
    while active(day) {
        streak += 1;
        let Some(before) = day.pred_opt() else { break };
        day = before;
    }
    streak
}

/// The first instant of the day after `now`'s local date, in UTC.
fn end_of_day(now: Moment) -> DateTime<Utc> {
    let tomorrow = now
        .date_naive()
        .checked_add_days(Days::new(1))
        .unwrap_or(now.date_naive());
    tomorrow
        .and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(*now.offset()).single())
        .map_or(now.to_utc(), |local| local.to_utc())
}

/// The FSRS scheduler used for 间隔复习: default weights, 90 % retention, whole-day intervals.
pub fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_short_term: false,
        enable_fuzz: false,
        ..Parameters::default()
    })
}

/// The card after an answer: right counts as 良好 (Good), wrong as 忘记 (Again).
fn next_card(card: Option<Card>, correct: bool, now: Moment) -> Card {
    let now = now.to_utc();
    let card = card.unwrap_or_else(|| Card {
        due: now,
        last_review: now,
        ..Card::default()
    });
    let rating = if correct { Rating::Good } else { Rating::Again };
    scheduler().next(card, now, rating).card
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::testing::{at, question_of};

    #[test]
    fn wrong_answers_enter_the_book_and_leave_after_n_right_in_a_row() {
        let mut record = StudyRecord::default();
        let q = question_of("q1");
        let t = at(2026, 3, 1, 9);
        assert!(
            record
                .record_answer(&q, false, Mode::Sequential, t)
                .entered_wrong_book
        );
        assert_eq!(record.wrong_book(), vec!["q1"]);
        assert!(!record.record_answer(&q, true, Mode::WrongBook, t).left_wrong_book);
        // A miss resets the streak.
        assert!(
            !record
                .record_answer(&q, false, Mode::WrongBook, t)
                .entered_wrong_book
        );
        assert!(!record.record_answer(&q, true, Mode::WrongBook, t).left_wrong_book);
        assert!(record.record_answer(&q, true, Mode::WrongBook, t).left_wrong_book);
        assert!(record.wrong_book().is_empty());
        assert_eq!(record.questions["q1"].answered, 5);
        assert_eq!(record.questions["q1"].wrong_count(), 2);
    }

    #[test]
    fn the_exit_count_is_configurable() {
        let mut record = StudyRecord::default();
        record.settings.wrong_book_exit = 3;
        let q = question_of("q1");
        let t = at(2026, 3, 1, 9);
        record.record_answer(&q, false, Mode::Random, t);
        record.record_answer(&q, true, Mode::Random, t);
        record.record_answer(&q, true, Mode::Random, t);
        assert_eq!(record.wrong_book().len(), 1);
        record.record_answer(&q, true, Mode::Random, t);
        assert!(record.wrong_book().is_empty());
        // A right answer to a question never missed does nothing to the book.
        record.record_answer(&question_of("q2"), true, Mode::Random, t);
        assert!(record.wrong_book().is_empty());
    }

    #[test]
    fn wrong_book_lists_the_latest_miss_first() {
        let mut record = StudyRecord::default();
        record.record_answer(&question_of("old"), false, Mode::Sequential, at(2026, 3, 1, 9));
        record.record_answer(&question_of("new"), false, Mode::Sequential, at(2026, 3, 2, 9));
        assert_eq!(record.wrong_book(), vec!["new", "old"]);
    }

    #[test]
    fn practice_points_are_capped_per_day_and_daily_earns_a_bonus() {
        let mut record = StudyRecord::default();
        let t = at(2026, 3, 1, 9);
        for i in 0..30 {
            record.record_answer(&question_of(&format!("q{i}")), true, Mode::Random, t);
        }
        assert_eq!(record.days[&t.date_naive()].points, points::PRACTICE_DAILY_CAP);
        record.daily = Some(DailyRound {
            date: t.date_naive(),
            ids: (0..5).map(|i| format!("d{i}")).collect(),
            results: vec![None; 5],
        });
        let mut bonus = 0;
        for i in 0..5 {
            let earned = record.record_answer(&question_of(&format!("d{i}")), i != 0, Mode::Daily, t);
            assert_eq!(earned.points, u32::from(i != 0));
            bonus += record.record_daily(i, i != 0, t);
        }
        assert_eq!(bonus, points::DAILY_FINISHED);
        assert_eq!(
            record.record_daily(4, true, t),
            0,
            "answering twice earns nothing"
        );
        assert_eq!(
            record.total_points(),
            points::PRACTICE_DAILY_CAP + 4 + points::DAILY_FINISHED
        );
        assert!(record.daily_done.contains(&t.date_naive()));
        assert_eq!(record.daily_progress(t.date_naive()), (5, 5));
        assert_eq!(
            record.daily_progress(at(2026, 3, 2, 9).date_naive()),
            (0, DAILY_QUESTIONS)
        );
        // The next day the cap starts afresh.
        let next = at(2026, 3, 2, 9);
        assert_eq!(
            record
                .record_answer(&question_of("x"), true, Mode::Random, next)
                .points,
            1
        );
    }

    #[test]
    fn streaks_count_back_from_today_or_yesterday() {
        let mut record = StudyRecord::default();
        for day in [1, 2, 3, 5, 6] {
            record.record_answer(&question_of("q"), true, Mode::Random, at(2026, 3, day, 20));
            record.daily_done.insert(at(2026, 3, day, 20).date_naive());
        }
        let day = |d| at(2026, 3, d, 12).date_naive();
        assert_eq!(record.study_streak(day(6)), 2);
        assert_eq!(record.study_streak(day(7)), 2, "today not studied yet");
        assert_eq!(record.study_streak(day(8)), 0);
        assert_eq!(record.daily_streak(day(3)), 3);
        assert_eq!(record.longest_study_streak(), 3);
    }

    #[test]
    fn fsrs_schedules_right_answers_days_ahead_and_misses_sooner() {
        let mut record = StudyRecord::default();
        let t = at(2026, 3, 1, 9);
        record.record_answer(&question_of("good"), true, Mode::Random, t);
        record.record_answer(&question_of("again"), false, Mode::Random, t);
        let due =
            |record: &StudyRecord, id: &str| record.questions[id].card.as_ref().map(|c| c.due).expect("card");
        assert!(due(&record, "good") > due(&record, "again"));
        // Default FSRS weights: a first 良好 waits 3 days (w[2] = 3.1262 rounded), a first miss 1 day.
        assert_eq!((due(&record, "good") - t.to_utc()).num_days(), 3);
        assert_eq!((due(&record, "again") - t.to_utc()).num_days(), 1);
        assert!(record.due(t).is_empty());
        assert_eq!(record.due(at(2026, 3, 2, 8)), vec!["again"]);
        assert_eq!(record.due(at(2026, 3, 4, 8)), vec!["again", "good"]);
        // Answering it right again pushes it further out than the first interval.
        let later = at(2026, 3, 4, 10);
        record.record_answer(&question_of("good"), true, Mode::Review, later);
        assert!((due(&record, "good") - later.to_utc()).num_days() > 3);
    }

    #[test]
    fn a_challenge_run_earns_threshold_points_and_keeps_the_best() {
        let mut record = StudyRecord::default();
        let t = at(2026, 3, 1, 9);
        let mut run = Run::new(crate::challenge::RunRules::default());
        for i in 0..6 {
            run.ask(&format!("q{i}"), t);
            run.answer(true);
        }
        run.ask("q6", t);
        run.answer(false);
        run.conclude_if_ending();
        assert_eq!(record.record_challenge(&run, t), (3, true));
        assert_eq!(record.challenge.best, 6);
        assert_eq!(record.days[&t.date_naive()].points, 3);
        assert_eq!(record.record_challenge(&run, t), (3, false));
    }

    #[test]
    fn favourites_toggle() {
        let mut record = StudyRecord::default();
        assert!(record.toggle_favourite("a"));
        assert!(record.is_favourite("a"));
        assert_eq!(record.favourites(), vec!["a"]);
        assert!(!record.toggle_favourite("a"));
        assert!(record.favourites().is_empty());
    }
}
