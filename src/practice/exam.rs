//! 模拟考试: a mix of kinds, a time limit, automatic submit at time-out, a score and a pass mark.

use std::collections::BTreeMap;

use chrono::TimeDelta;
use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use super::Moment;
use super::answer::{Draft, Grade, Response, judge};
use crate::bank::{KindTag, Question};

/// Fewest questions in an exam.
pub const MIN_EXAM_QUESTIONS: u32 = 3;
/// Most questions in an exam.
pub const MAX_EXAM_QUESTIONS: u32 = 200;
/// Longest time limit, in minutes.
pub const MAX_EXAM_MINUTES: u32 = 240;

/// Share of each kind in an exam, in percent, in the order the kinds appear on the paper.
pub const KIND_MIX: [(KindTag, u32); 5] = [
    (KindTag::Single, 40),
    (KindTag::Multiple, 20),
    (KindTag::Judge, 20),
    (KindTag::Fill, 10),
    (KindTag::Order, 10),
];

/// Size, time and pass mark of an exam.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExamSettings {
    /// Number of questions.
    pub questions: u32,
    /// Time limit in minutes.
    pub minutes: u32,
    /// Pass mark, percent of the full score.
    pub pass_percent: u32,
}

impl Default for ExamSettings {
    fn default() -> Self {
        ExamSettings {
            questions: 20,
            minutes: 20,
            pass_percent: 60,
        }
    }
}

impl ExamSettings {
    /// The settings brought into their allowed ranges.
    pub fn clamped(&self) -> ExamSettings {
        ExamSettings {
            questions: self.questions.clamp(MIN_EXAM_QUESTIONS, MAX_EXAM_QUESTIONS),
            minutes: self.minutes.clamp(1, MAX_EXAM_MINUTES),
            pass_percent: self.pass_percent.clamp(1, 100),
        }
    }
}

/// How many questions of each kind an exam of `total` questions wants ([`KIND_MIX`], largest remainders).
pub fn kind_targets(total: usize) -> BTreeMap<KindTag, usize> {
    let mut targets: Vec<(KindTag, usize, usize)> = KIND_MIX
        .iter()
        .map(|(kind, percent)| {
            let exact = total * *percent as usize;
            (*kind, exact / 100, exact % 100)
        })
        .collect();
    let mut missing = total - targets.iter().map(|t| t.1).sum::<usize>();
    let mut by_remainder: Vec<usize> = (0..targets.len()).collect();
    by_remainder.sort_by_key(|i| std::cmp::Reverse(targets[*i].2));
    for i in by_remainder {
        if missing == 0 {
            break;
        }
        targets[i].1 += 1;
        missing -= 1;
    }
    targets
        .into_iter()
        .map(|(kind, count, _)| (kind, count))
        .collect()
}

/// Draws an exam's questions from `pool`: the [`KIND_MIX`] where the pool allows, topped up from
/// other kinds where a kind runs short, grouped by kind in paper order, never a question twice.
pub fn pick_questions<'a>(pool: &[&'a Question], total: usize, rng: &mut impl Rng) -> Vec<&'a Question> {
    let mut by_kind: BTreeMap<KindTag, Vec<&'a Question>> = BTreeMap::new();
    for question in pool {
        by_kind.entry(question.kind.tag()).or_default().push(question);
    }
    for questions in by_kind.values_mut() {
        questions.shuffle(rng);
    }
    let total = total.min(pool.len());
    let mut chosen: BTreeMap<KindTag, Vec<&'a Question>> = BTreeMap::new();
    let mut short = 0;
    for (kind, target) in kind_targets(total) {
        let available = by_kind.entry(kind).or_default();
        let take = target.min(available.len());
        short += target - take;
        chosen.entry(kind).or_default().extend(available.drain(..take));
    }
    while short > 0 {
        let Some((kind, question)) = by_kind
            .iter_mut()
            .filter(|(_, left)| !left.is_empty())
            .max_by_key(|(_, left)| left.len())
            .and_then(|(kind, left)| Some((*kind, left.pop()?)))
        else {
            break;
        };
        chosen.entry(kind).or_default().push(question);
        short -= 1;
    }
    KIND_MIX
        .iter()
        .flat_map(|(kind, _)| chosen.remove(kind).unwrap_or_default())
        .collect()
}

/// The outcome of a submitted exam.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExamResult {
    /// Each question's grade (unanswered questions score nothing).
    pub grades: Vec<Grade>,
    /// Score out of 100, one decimal.
    pub score: f32,
    /// Whether the score reached the pass mark.
    pub passed: bool,
    /// Submitted by the clock rather than by the candidate.
    pub timed_out: bool,
    /// When it was submitted.
    pub finished: Moment,
    /// Seconds from start to submission.
    pub seconds: i64,
}

impl ExamResult {
    /// Questions answered entirely right.
    pub fn correct(&self) -> usize {
        self.grades.iter().filter(|g| g.correct).count()
    }
}

/// An exam being taken or already submitted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Exam {
    /// The questions, in paper order.
    pub ids: Vec<String>,
    /// The answer being given to each question.
    pub drafts: Vec<Draft>,
    /// Whether the candidate has touched each question (an untouched 排序 counts as unanswered).
    pub touched: Vec<bool>,
    /// When it started.
    pub started: Moment,
    /// When it is submitted automatically.
    pub deadline: Moment,
    /// Pass mark in percent.
    pub pass_percent: u32,
    /// The result, once submitted.
    pub result: Option<ExamResult>,
}

impl Exam {
    /// Starts an exam on `questions` at `now` with the given settings.
    pub fn start(questions: &[&Question], settings: &ExamSettings, now: Moment, rng: &mut impl Rng) -> Exam {
        let settings = settings.clamped();
        Exam {
            ids: questions.iter().map(|q| q.id.clone()).collect(),
            drafts: questions.iter().map(|q| Draft::new(q, rng)).collect(),
            touched: vec![false; questions.len()],
            started: now,
            deadline: now + TimeDelta::minutes(i64::from(settings.minutes)),
            pass_percent: settings.pass_percent,
            result: None,
        }
    }

    /// Whether the exam has been submitted.
    pub fn is_submitted(&self) -> bool {
        self.result.is_some()
    }

    /// Time left at `now`, never negative.
    pub fn remaining(&self, now: Moment) -> TimeDelta {
        (self.deadline - now).max(TimeDelta::zero())
    }

    /// The draft of question `index`, to change; marks it touched. `None` once submitted.
    pub fn draft_mut(&mut self, index: usize) -> Option<&mut Draft> {
        if self.is_submitted() {
            return None;
        }
        let touched = self.touched.get_mut(index)?;
        *touched = true;
        self.drafts.get_mut(index)
    }

    /// The answer to question `index`, if it is touched and complete.
    pub fn response(&self, index: usize) -> Option<Response> {
        if !self.touched.get(index).copied().unwrap_or(false) {
            return None;
        }
        self.drafts.get(index)?.response()
    }

    /// Questions answered so far.
    pub fn answered(&self) -> usize {
        (0..self.ids.len())
            .filter(|i| self.response(*i).is_some())
            .count()
    }

    /// Submits automatically when the time is up; returns whether it did so now.
    pub fn tick(&mut self, now: Moment, questions: &[&Question]) -> bool {
        if self.is_submitted() || now < self.deadline {
            return false;
        }
        self.finish(self.deadline, questions, true);
        true
    }

    /// Submits at `now` (or at the deadline, if that has passed). Does nothing if already submitted.
    pub fn submit(&mut self, now: Moment, questions: &[&Question]) {
        if self.is_submitted() {
            return;
        }
        let timed_out = now >= self.deadline;
        self.finish(now.min(self.deadline), questions, timed_out);
    }

    fn finish(&mut self, at: Moment, questions: &[&Question], timed_out: bool) {
        let grades: Vec<Grade> = (0..self.ids.len())
            .map(|index| {
                let question = questions.get(index);
                match (question, self.response(index)) {
                    (Some(question), Some(response)) => judge(question, &response),
                    _ => Grade::unanswered(),
                }
            })
            .collect();
        let earned: f32 = grades.iter().map(|g| g.credit).sum();
        let score = if grades.is_empty() {
            0.0
        } else {
            (earned / grades.len() as f32 * 1000.0).round() / 10.0
        };
        self.result = Some(ExamResult {
            passed: score >= self.pass_percent as f32,
            score,
            grades,
            timed_out,
            finished: at,
            seconds: (at - self.started).num_seconds(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::QuestionKind;
    use crate::practice::testing::{at, mixed_questions};
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    #[test]
    fn targets_follow_the_mix_and_add_up() {
        let targets = kind_targets(20);
        assert_eq!(targets[&KindTag::Single], 8);
        assert_eq!(targets[&KindTag::Multiple], 4);
        assert_eq!(targets[&KindTag::Order], 2);
        for total in 0..60 {
            assert_eq!(kind_targets(total).values().sum::<usize>(), total);
        }
    }

    #[test]
    fn picking_mixes_kinds_tops_up_and_never_repeats() {
        let questions = mixed_questions(30);
        let pool: Vec<&Question> = questions.iter().collect();
        let mut rng = StdRng::seed_from_u64(3);
        let picked = pick_questions(&pool, 10, &mut rng);
        assert_eq!(picked.len(), 10);
        let mut ids: Vec<&str> = picked.iter().map(|q| q.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 10);
        assert_eq!(
            picked[0].kind.tag(),
            KindTag::Single,
            "paper order starts with 单选"
        );
        // A pool without 排序 still yields a full exam.
        let no_order: Vec<&Question> = pool
            .iter()
            .copied()
            .filter(|q| q.kind.tag() != KindTag::Order)
            .collect();
        assert_eq!(pick_questions(&no_order, 20, &mut rng).len(), 20);
        assert_eq!(pick_questions(&pool[..4], 20, &mut rng).len(), 4);
    }

    fn answer_right(exam: &mut Exam, index: usize, question: &Question) {
        let draft = exam.draft_mut(index).expect("open exam");
        match &question.kind {
            QuestionKind::Single { answer, .. } => draft.choose(*answer),
            QuestionKind::Judge { answer } => draft.choose(if *answer { 0 } else { 1 }),
            QuestionKind::Multiple { answers, .. } => answers.iter().for_each(|a| draft.choose(*a)),
            QuestionKind::Fill { blanks } => {
                *draft = Draft::Fill(blanks.iter().map(|b| b[0].clone()).collect());
            }
            QuestionKind::Order { items } => {
                *draft = Draft::Order {
                    arranged: (0..items.len()).collect(),
                    selected: None,
                };
            }
        }
    }

    #[test]
    fn time_out_submits_automatically_with_what_was_answered() {
        let questions = mixed_questions(10);
        let paper: Vec<&Question> = questions.iter().take(4).collect();
        let start = at(2026, 5, 1, 9);
        let settings = ExamSettings {
            questions: 4,
            minutes: 1,
            pass_percent: 60,
        };
        let mut rng = StdRng::seed_from_u64(1);
        let mut exam = Exam::start(&paper, &settings, start, &mut rng);
        answer_right(&mut exam, 0, paper[0]);
        answer_right(&mut exam, 1, paper[1]);
        assert_eq!(exam.answered(), 2);
        assert!(!exam.tick(start + TimeDelta::seconds(59), &paper));
        assert_eq!(
            exam.remaining(start + TimeDelta::seconds(59)),
            TimeDelta::seconds(1)
        );
        assert!(exam.tick(start + TimeDelta::seconds(75), &paper));
        let result = exam.result.clone().expect("submitted");
        assert!(result.timed_out);
        assert_eq!(result.seconds, 60, "submitted at the deadline, not when noticed");
        assert_eq!(result.score, 50.0);
        assert!(!result.passed);
        assert!(!exam.tick(start + TimeDelta::seconds(90), &paper), "only once");
        assert!(exam.draft_mut(2).is_none(), "no answers after submission");
    }

    #[test]
    fn untouched_order_questions_are_unanswered_and_partial_credit_counts() {
        let questions = mixed_questions(10);
        let paper: Vec<&Question> = questions.iter().collect();
        let start = at(2026, 5, 1, 9);
        let mut rng = StdRng::seed_from_u64(1);
        let mut exam = Exam::start(&paper, &ExamSettings::default(), start, &mut rng);
        assert_eq!(exam.answered(), 0);
        for (index, question) in paper.iter().enumerate() {
            answer_right(&mut exam, index, question);
        }
        exam.submit(start + TimeDelta::minutes(3), &paper);
        let result = exam.result.clone().expect("submitted");
        assert_eq!(result.score, 100.0);
        assert!(result.passed);
        assert!(!result.timed_out);
        assert_eq!(result.correct(), 10);
    }

    #[test]
    fn settings_are_clamped() {
        let wild = ExamSettings {
            questions: 0,
            minutes: 10_000,
            pass_percent: 0,
        };
        let clamped = wild.clamped();
        assert_eq!(clamped.questions, MIN_EXAM_QUESTIONS);
        assert_eq!(clamped.minutes, MAX_EXAM_MINUTES);
        assert_eq!(clamped.pass_percent, 1);
    }
}
