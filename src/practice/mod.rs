//! Practice alone: answering and marking, practice modes, the wrong book, favourites, exams,
//! the daily round, FSRS spaced repetition and statistics. Pure rules: time comes in as a value.

pub mod answer;
pub mod exam;
pub mod filter;
pub mod record;
pub mod session;
pub mod stats;

#[cfg(test)]
pub(crate) mod testing;

pub use answer::{Draft, Grade, Response, judge};
pub use exam::{Exam, ExamResult, ExamSettings};
pub use filter::Filter;
pub use record::{Mode, StudyRecord};
pub use session::Session;
pub use stats::Stats;

/// A moment in the user's local time: the local date decides days, streaks and 每日答题.
pub type Moment = chrono::DateTime<chrono::FixedOffset>;
