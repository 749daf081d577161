//! Statistics of a profile: totals, accuracy by era and kind, the year's heatmap, points, streaks,
//! the most-missed questions.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::Moment;
use super::filter::index;
use super::record::StudyRecord;
use crate::bank::{Era, KindTag, Library};

/// Days shown in the heatmap.
pub const HEATMAP_DAYS: u64 = 365;
/// Questions listed as most missed.
pub const MOST_MISSED: usize = 10;

/// Answers and right answers of one group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Answers.
    pub answered: u32,
    /// Right answers.
    pub correct: u32,
}

impl Tally {
    /// Share of right answers, 0–1; `None` without answers.
    pub fn accuracy(&self) -> Option<f32> {
        (self.answered > 0).then(|| self.correct as f32 / self.answered as f32)
    }
}

/// A question the profile often gets wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Missed {
    /// Question id.
    pub id: String,
    /// Its stem.
    pub stem: String,
    /// Wrong answers.
    pub wrong: u32,
    /// All answers.
    pub answered: u32,
}

/// Everything the statistics screen shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stats {
    /// All answers ever.
    pub total: Tally,
    /// Distinct questions answered at least once.
    pub questions_seen: usize,
    /// Usable questions loaded.
    pub questions_available: usize,
    /// By era, for eras with answers or questions, in historical order.
    pub by_era: Vec<(Era, Tally)>,
    /// By kind, in display order.
    pub by_kind: Vec<(KindTag, Tally)>,
    /// Answers per day for the last [`HEATMAP_DAYS`] days, oldest first, ending today.
    pub heatmap: Vec<(NaiveDate, u32)>,
    /// 学习积分 in total.
    pub points_total: u32,
    /// 学习积分 today.
    pub points_today: u32,
    /// Current run of study days.
    pub study_streak: u32,
    /// Longest run of study days.
    pub longest_streak: u32,
    /// Current run of finished 每日答题.
    pub daily_streak: u32,
    /// Most-missed questions, most misses first.
    pub most_missed: Vec<Missed>,
    /// Questions in the wrong book.
    pub wrong_book: usize,
    /// Starred questions.
    pub favourites: usize,
    /// Reviews due today.
    pub due_today: usize,
    /// Exams taken, and the best and latest scores.
    pub exams: usize,
    /// Best exam score.
    pub best_exam: Option<f32>,
    /// Latest exam score.
    pub last_exam: Option<f32>,
}

impl Stats {
    /// Computes the statistics of `record` against the questions loaded in `library` at `now`.
    pub fn compute(record: &StudyRecord, library: &Library, now: Moment) -> Stats {
        let today = now.date_naive();
        let questions = index(library);
        let mut by_era: BTreeMap<Era, Tally> = BTreeMap::new();
        let mut by_kind: BTreeMap<KindTag, Tally> = BTreeMap::new();
        let mut total = Tally::default();
        let mut seen = 0;
        let mut missed = Vec::new();
        for (id, history) in &record.questions {
            if history.answered == 0 {
                continue;
            }
            seen += 1;
            total.answered += history.answered;
            total.correct += history.correct;
            let Some(question) = questions.get(id.as_str()) else {
                continue;
            };
            for tally in [
                by_era.entry(question.era).or_default(),
                by_kind.entry(question.kind.tag()).or_default(),
            ] {
                tally.answered += history.answered;
                tally.correct += history.correct;
            }
            if history.wrong_count() > 0 {
                missed.push(Missed {
                    id: id.clone(),
                    stem: question.stem.clone(),
                    wrong: history.wrong_count(),
                    answered: history.answered,
                });
            }
        }
        missed.sort_by(|a, b| {
            b.wrong
                .cmp(&a.wrong)
                .then(a.answered.cmp(&b.answered))
                .then(a.id.cmp(&b.id))
        });
        missed.truncate(MOST_MISSED);
        let heatmap = (0..HEATMAP_DAYS)
            .rev()
            .filter_map(|back| today.checked_sub_days(Days::new(back)))
            .map(|day| (day, record.days.get(&day).map_or(0, |d| d.answered)))
            .collect();
        Stats {
            total,
            questions_seen: seen,
            questions_available: questions.len(),
            by_era: Era::ALL
                .iter()
                .map(|era| (*era, by_era.get(era).copied().unwrap_or_default()))
                .collect(),
            by_kind: KindTag::ALL
                .iter()
                .map(|kind| (*kind, by_kind.get(kind).copied().unwrap_or_default()))
                .collect(),
            heatmap,
            points_total: record.total_points(),
            points_today: record.days.get(&today).map_or(0, |d| d.points),
            study_streak: record.study_streak(today),
            longest_streak: record.longest_study_streak(),
            daily_streak: record.daily_streak(today),
            most_missed: missed,
            wrong_book: record.wrong_book().len(),
            favourites: record.favourites().len(),
            due_today: record.due(now).len(),
            exams: record.exams.len(),
            best_exam: record.exams.iter().map(|e| e.score).reduce(f32::max),
            last_exam: record.exams.last().map(|e| e.score),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::record::Mode;
    use crate::practice::testing::{at, library_of};

    #[test]
    fn totals_groups_heatmap_and_most_missed() {
        let library = library_of(&[("a", 10)]);
        let questions = index(&library);
        let mut record = StudyRecord::default();
        let day1 = at(2026, 6, 1, 9);
        let day2 = at(2026, 6, 2, 9);
        record.record_answer(questions["a-0"], false, Mode::Sequential, day1);
        record.record_answer(questions["a-0"], false, Mode::Sequential, day1);
        record.record_answer(questions["a-1"], true, Mode::Sequential, day1);
        record.record_answer(questions["a-2"], false, Mode::Sequential, day2);
        let stats = Stats::compute(&record, &library, day2);
        assert_eq!(
            stats.total,
            Tally {
                answered: 4,
                correct: 1
            }
        );
        assert_eq!(stats.total.accuracy(), Some(0.25));
        assert_eq!(stats.questions_seen, 3);
        assert_eq!(stats.questions_available, 10);
        let era_sum: u32 = stats.by_era.iter().map(|(_, t)| t.answered).sum();
        let kind_sum: u32 = stats.by_kind.iter().map(|(_, t)| t.answered).sum();
        assert_eq!((era_sum, kind_sum), (4, 4));
        assert_eq!(stats.heatmap.len(), HEATMAP_DAYS as usize);
        assert_eq!(stats.heatmap.last(), Some(&(day2.date_naive(), 1)));
        assert_eq!(stats.heatmap[stats.heatmap.len() - 2], (day1.date_naive(), 3));
        assert_eq!(stats.most_missed[0].id, "a-0");
        assert_eq!(stats.most_missed[0].wrong, 2);
        assert_eq!(stats.most_missed.len(), 2);
        assert_eq!(stats.wrong_book, 2);
        assert_eq!(stats.study_streak, 2);
        assert_eq!(stats.points_today, 0);
        assert_eq!(stats.points_total, 1);
        assert_eq!(Tally::default().accuracy(), None);
    }
}
