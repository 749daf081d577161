//! Question banks: the RON format, loading, validation with positioned diagnostics, images.

pub mod bundled;
pub mod diagnostic;
pub mod image;
pub mod load;
pub mod locate;
pub mod model;
pub mod split;
pub mod validate;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use load::{BankHealth, BankOrigin, Library, LoadedBank, Summary, parse_bank};
pub use locate::Pos;
pub use model::{Bank, Era, KindTag, Question, QuestionKind};
