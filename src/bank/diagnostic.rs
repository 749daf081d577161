//! Positioned diagnostics, printed like a compiler's: `path:line:col: error: message`.

use std::fmt;

use super::locate::Pos;

/// How bad a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The question (or the whole bank, for syntax errors) cannot be used.
    Error,
    /// Suspect but usable.
    Warning,
}

impl Severity {
    /// Keyword used in compiler-style output: `error` or `warning`.
    pub fn keyword(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// Chinese name shown in the app: `错误` or `警告`.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
        }
    }
}

/// What kind of problem a diagnostic reports; stable keys for scripts and tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Code {
    /// The file could not be read.
    Io,
    /// The text is not a valid bank in RON.
    Syntax,
    /// The bank's own `id` is empty.
    EmptyBankId,
    /// The bank's `title` is empty.
    EmptyTitle,
    /// The bank has no questions.
    NoQuestions,
    /// A question's `id` is empty.
    EmptyId,
    /// A question id is used twice, in one bank or across banks.
    DuplicateId,
    /// A question's stem is empty.
    EmptyStem,
    /// Difficulty outside 1–5.
    DifficultyOutOfRange,
    /// A choice question has fewer than two options.
    TooFewOptions,
    /// An option or order item is empty.
    EmptyOption,
    /// Two options of one question are the same.
    DuplicateOption,
    /// An answer index does not name an option.
    AnswerOutOfRange,
    /// A multiple-choice question has fewer than two correct answers.
    TooFewAnswers,
    /// The same answer index is listed twice.
    RepeatedAnswer,
    /// A fill-in stem's blanks and its `blanks` list differ in number.
    BlankCountMismatch,
    /// A blank lists no accepted answer.
    BlankWithoutAnswer,
    /// An accepted answer of a blank is empty.
    EmptyAcceptedAnswer,
    /// An order question has fewer than three items.
    TooFewItems,
    /// Two items of an order question are the same.
    DuplicateItem,
    /// An image path is absolute or leaves the bank's folder.
    ImagePathUnsafe,
    /// An image file is not PNG or JPEG.
    ImageFormat,
    /// An image file does not exist.
    ImageMissing,
    /// A choice question's stem has no blank, `（ ）` or question mark.
    StemWithoutPrompt,
    /// A question has no explanation.
    MissingExplanation,
}

impl Code {
    /// Stable kebab-case key, e.g. `answer-out-of-range`.
    pub fn key(self) -> &'static str {
        match self {
            Code::Io => "io",
            Code::Syntax => "syntax",
            Code::EmptyBankId => "empty-bank-id",
            Code::EmptyTitle => "empty-title",
            Code::NoQuestions => "no-questions",
            Code::EmptyId => "empty-id",
            Code::DuplicateId => "duplicate-id",
            Code::EmptyStem => "empty-stem",
            Code::DifficultyOutOfRange => "difficulty-out-of-range",
            Code::TooFewOptions => "too-few-options",
            Code::EmptyOption => "empty-option",
            Code::DuplicateOption => "duplicate-option",
            Code::AnswerOutOfRange => "answer-out-of-range",
            Code::TooFewAnswers => "too-few-answers",
            Code::RepeatedAnswer => "repeated-answer",
            Code::BlankCountMismatch => "blank-count-mismatch",
            Code::BlankWithoutAnswer => "blank-without-answer",
            Code::EmptyAcceptedAnswer => "empty-accepted-answer",
            Code::TooFewItems => "too-few-items",
            Code::DuplicateItem => "duplicate-item",
            Code::ImagePathUnsafe => "image-path-unsafe",
            Code::ImageFormat => "image-format",
            Code::ImageMissing => "image-missing",
            Code::StemWithoutPrompt => "stem-without-prompt",
            Code::MissingExplanation => "missing-explanation",
        }
    }
}

/// One finding about a bank file, with the place in the text it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem.
    pub code: Code,
    /// The file as shown to the user, e.g. `question_banks/starter.ron`.
    pub origin: String,
    /// Where in the file.
    pub pos: Pos,
    /// Id of the question concerned, if any.
    pub question_id: Option<String>,
    /// What is wrong, in Chinese.
    pub message: String,
    /// A related place, e.g. where a duplicated id first appears.
    pub note: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.origin,
            self.pos.line,
            self.pos.col,
            self.severity.keyword(),
            self.message
        )?;
        if let Some(id) = &self.question_id {
            write!(f, "（题目 {id}）")?;
        }
        if let Some(note) = &self.note {
            write!(f, "\n  note: {note}")?;
        }
        Ok(())
    }
}
