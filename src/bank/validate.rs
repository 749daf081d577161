//! Semantic checks of a parsed bank. Findings name a path into the text; the loader turns paths
//! into lines and columns.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::diagnostic::{Code, Severity};
use super::image::{ImageError, ImageRoot};
use super::locate::Seg;
use super::model::{Bank, Question, QuestionKind, count_blanks};

/// One semantic problem, located by a path into the bank's text.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem.
    pub code: Code,
    /// Index of the question concerned, if any.
    pub question: Option<usize>,
    /// Path from the bank's root to the offending value.
    pub path: Vec<Seg>,
    /// Another place the message refers to (e.g. the first use of a duplicated id).
    pub related: Option<Vec<Seg>>,
    /// What is wrong, in Chinese.
    pub message: String,
}

/// Path to question `index`'s field, e.g. `questions[3].kind.answer`.
pub fn question_path(index: usize, rest: &[Seg]) -> Vec<Seg> {
    let mut path = vec![Seg::Field("questions"), Seg::Index(index)];
    path.extend_from_slice(rest);
    path
}

struct Checker {
    findings: Vec<Finding>,
}

impl Checker {
    fn bank(&mut self, severity: Severity, code: Code, field: &'static str, message: String) {
        self.findings.push(Finding {
            severity,
            code,
            question: None,
            path: vec![Seg::Field(field)],
            related: None,
            message,
        });
    }

    fn question(&mut self, index: usize, severity: Severity, code: Code, rest: &[Seg], message: String) {
        self.findings.push(Finding {
            severity,
            code,
            question: Some(index),
            path: question_path(index, rest),
            related: None,
            message,
        });
    }

    fn error(&mut self, index: usize, code: Code, rest: &[Seg], message: String) {
        self.question(index, Severity::Error, code, rest, message);
    }
}

/// Runs every semantic check on `bank`; image files are looked up in `images`.
pub fn validate(bank: &Bank, images: &ImageRoot) -> Vec<Finding> {
    let mut checker = Checker { findings: Vec::new() };
    if bank.id.trim().is_empty() {
        checker.bank(
            Severity::Error,
            Code::EmptyBankId,
            "id",
            "题库 id 不能为空".into(),
        );
    }
    if bank.title.trim().is_empty() {
        checker.bank(
            Severity::Error,
            Code::EmptyTitle,
            "title",
            "题库标题 title 不能为空".into(),
        );
    }
    if bank.questions.is_empty() {
        checker.bank(
            Severity::Warning,
            Code::NoQuestions,
            "questions",
            "题库中没有题目".into(),
        );
    }
    let mut first_index_of_id: HashMap<&str, usize> = HashMap::with_capacity(bank.questions.len());
    for (index, question) in bank.questions.iter().enumerate() {
        // An empty id is reported by `check_question`, not as a duplicate.
        if !question.id.trim().is_empty() {
            match first_index_of_id.entry(&question.id) {
                Entry::Occupied(first) => checker.findings.push(Finding {
                    severity: Severity::Error,
                    code: Code::DuplicateId,
                    question: Some(index),
                    path: question_path(index, &[Seg::Field("id")]),
                    related: Some(question_path(*first.get(), &[Seg::Field("id")])),
                    message: format!("题目 id “{}” 重复", question.id),
                }),
                Entry::Vacant(slot) => {
                    slot.insert(index);
                }
            }
        }
        check_question(&mut checker, index, question, images);
    }
    checker.findings
}

/// The checks of one question on its own (everything [`validate`] checks per question except
/// duplicate ids, which need the whole bank); `index` places the findings' paths.
pub fn validate_question(index: usize, question: &Question, images: &ImageRoot) -> Vec<Finding> {
    let mut checker = Checker { findings: Vec::new() };
    check_question(&mut checker, index, question, images);
    checker.findings
}

/// Every per-question check: shared by [`validate`] and [`validate_question`].
fn check_question(checker: &mut Checker, index: usize, question: &Question, images: &ImageRoot) {
    if question.id.trim().is_empty() {
        checker.error(
            index,
            Code::EmptyId,
            &[Seg::Field("id")],
            "题目 id 不能为空".into(),
        );
    }
    if question.stem.trim().is_empty() {
        checker.error(
            index,
            Code::EmptyStem,
            &[Seg::Field("stem")],
            "题干 stem 不能为空".into(),
        );
    }
    if !(1..=5).contains(&question.difficulty) {
        checker.error(
            index,
            Code::DifficultyOutOfRange,
            &[Seg::Field("difficulty")],
            format!("难度 difficulty 为 {}，应在 1 到 5 之间", question.difficulty),
        );
    }
    if question.explanation.trim().is_empty() {
        checker.question(
            index,
            Severity::Warning,
            Code::MissingExplanation,
            &[Seg::Field("explanation")],
            "缺少解析 explanation：答错的人需要知道为什么".into(),
        );
    }
    if let Some(image) = &question.image
        && let Err(err) = images.check(image)
    {
        let code = match err {
            ImageError::UnsafePath(_) | ImageError::OutsideFolder(_) => Code::ImagePathUnsafe,
            ImageError::UnsupportedFormat(_) => Code::ImageFormat,
            _ => Code::ImageMissing,
        };
        checker.error(index, code, &[Seg::Field("image")], err.to_string());
    }
    match &question.kind {
        QuestionKind::Single { options, answer } => {
            check_options(checker, index, options);
            if *answer >= options.len() {
                checker.error(
                    index,
                    Code::AnswerOutOfRange,
                    &[Seg::Field("kind"), Seg::Field("answer")],
                    out_of_range_message(*answer, options.len()),
                );
            }
            check_prompt(checker, index, &question.stem);
        }
        QuestionKind::Multiple { options, answers } => {
            check_options(checker, index, options);
            if answers.len() < 2 {
                checker.error(
                    index,
                    Code::TooFewAnswers,
                    &[Seg::Field("kind"), Seg::Field("answers")],
                    format!("多选题至少要有 2 个正确答案，现在有 {} 个", answers.len()),
                );
            }
            for (position, &answer) in answers.iter().enumerate() {
                let at = [Seg::Field("kind"), Seg::Field("answers"), Seg::Index(position)];
                if answer >= options.len() {
                    checker.error(
                        index,
                        Code::AnswerOutOfRange,
                        &at,
                        out_of_range_message(answer, options.len()),
                    );
                } else if answers[..position].contains(&answer) {
                    checker.error(
                        index,
                        Code::RepeatedAnswer,
                        &at,
                        format!("答案 {answer}（选项 {}）重复列出", option_letter(answer)),
                    );
                }
            }
            check_prompt(checker, index, &question.stem);
        }
        QuestionKind::Judge { .. } => {}
        QuestionKind::Fill { blanks } => {
            let in_stem = count_blanks(&question.stem);
            if in_stem != blanks.len() {
                checker.error(
                    index,
                    Code::BlankCountMismatch,
                    &[Seg::Field("kind"), Seg::Field("blanks")],
                    format!(
                        "题干中有 {in_stem} 个空（用 ___ 表示），但 blanks 给出了 {} 组答案",
                        blanks.len()
                    ),
                );
            }
            for (position, accepted) in blanks.iter().enumerate() {
                let at = [Seg::Field("kind"), Seg::Field("blanks"), Seg::Index(position)];
                if accepted.is_empty() {
                    checker.error(
                        index,
                        Code::BlankWithoutAnswer,
                        &at,
                        format!("第 {} 个空没有可接受的答案", position + 1),
                    );
                } else if accepted.iter().any(|answer| answer.trim().is_empty()) {
                    checker.error(
                        index,
                        Code::EmptyAcceptedAnswer,
                        &at,
                        format!("第 {} 个空的可接受答案中有空字符串", position + 1),
                    );
                }
            }
        }
        QuestionKind::Order { items } => {
            if items.len() < 3 {
                checker.error(
                    index,
                    Code::TooFewItems,
                    &[Seg::Field("kind"), Seg::Field("items")],
                    format!("排序题至少要有 3 项，现在有 {} 项", items.len()),
                );
            }
            check_distinct(checker, index, "items", items, Code::DuplicateItem, "排序项");
        }
    }
}

fn check_options(checker: &mut Checker, index: usize, options: &[String]) {
    if options.len() < 2 {
        checker.error(
            index,
            Code::TooFewOptions,
            &[Seg::Field("kind"), Seg::Field("options")],
            format!("选择题至少要有 2 个选项，现在有 {} 个", options.len()),
        );
    }
    check_distinct(checker, index, "options", options, Code::DuplicateOption, "选项");
}

/// Flags empty entries and entries equal (ignoring surrounding spaces) to an earlier one.
fn check_distinct(
    checker: &mut Checker,
    index: usize,
    field: &'static str,
    entries: &[String],
    duplicate: Code,
    noun: &str,
) {
    for (position, entry) in entries.iter().enumerate() {
        let at = [Seg::Field("kind"), Seg::Field(field), Seg::Index(position)];
        let text = entry.trim();
        if text.is_empty() {
            checker.error(
                index,
                Code::EmptyOption,
                &at,
                format!("第 {} 个{noun}为空", position + 1),
            );
        } else if let Some(first) = entries[..position].iter().position(|e| e.trim() == text) {
            checker.error(
                index,
                duplicate,
                &at,
                format!("第 {} 个{noun}“{text}”与第 {} 个重复", position + 1, first + 1),
            );
        }
    }
}

fn check_prompt(checker: &mut Checker, index: usize, stem: &str) {
    if !stem.trim().is_empty() && !has_prompt(stem) {
        checker.question(
            index,
            Severity::Warning,
            Code::StemWithoutPrompt,
            &[Seg::Field("stem")],
            "选择题题干中没有括号（ ）、填空线 ___ 或问号".into(),
        );
    }
}

/// Whether a choice stem shows where the answer goes: `（ ）`, `()`, a blank, or a question mark.
fn has_prompt(stem: &str) -> bool {
    if stem.contains(['?', '？']) || count_blanks(stem) > 0 {
        return true;
    }
    stem.char_indices().any(|(i, c)| {
        matches!(c, '（' | '(')
            && stem[i + c.len_utf8()..]
                .chars()
                .find(|c| !c.is_whitespace())
                .is_some_and(|close| matches!(close, '）' | ')'))
    })
}

fn out_of_range_message(answer: usize, options: usize) -> String {
    format!(
        "答案序号 {answer} 超出范围：共 {options} 个选项，序号从 0 开始，应为 0 到 {}",
        options.saturating_sub(1)
    )
}

/// Letter shown for an option index: 0 → A.
pub fn option_letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map_or('?', |i| char::from(b'A' + i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_are_recognised() {
        assert!(has_prompt("遵义会议召开于（ ）。"));
        assert!(has_prompt("遵义会议召开于（）。"));
        assert!(has_prompt("遵义会议召开于( )"));
        assert!(has_prompt("哪一年召开了遵义会议？"));
        assert!(has_prompt("遵义会议召开于___年"));
        assert!(!has_prompt("遵义会议召开于1935年。"));
        assert!(!has_prompt("（1935年）遵义会议召开"));
    }

    fn judge(id: &str, stem: &str) -> Question {
        Question {
            id: id.into(),
            stem: stem.into(),
            kind: QuestionKind::Judge { answer: true },
            explanation: "说明。".into(),
            source: String::new(),
            era: crate::bank::Era::General,
            tags: Vec::new(),
            difficulty: 3,
            image: None,
        }
    }

    fn codes(findings: &[Finding]) -> Vec<Code> {
        findings.iter().map(|f| f.code).collect()
    }

    #[test]
    fn one_question_is_checked_alone() {
        let root = ImageRoot::Bundled;
        assert!(validate_question(0, &judge("q1", "陈述。"), &root).is_empty());
        let mut bad = judge(" ", "");
        bad.difficulty = 6;
        bad.explanation.clear();
        bad.image = Some("../x.png".into());
        let findings = validate_question(7, &bad, &root);
        assert_eq!(
            codes(&findings),
            [
                Code::EmptyId,
                Code::EmptyStem,
                Code::DifficultyOutOfRange,
                Code::MissingExplanation,
                Code::ImagePathUnsafe
            ]
        );
        assert!(findings.iter().all(|f| f.question == Some(7)));
        assert_eq!(findings[0].path, question_path(7, &[Seg::Field("id")]));
        assert_eq!(findings[3].severity, Severity::Warning);
        let single = Question {
            kind: QuestionKind::Single {
                options: vec!["甲".into(), "甲".into()],
                answer: 2,
            },
            ..judge("q2", "没有提示")
        };
        assert_eq!(
            codes(&validate_question(0, &single, &root)),
            [
                Code::DuplicateOption,
                Code::AnswerOutOfRange,
                Code::StemWithoutPrompt
            ]
        );
    }

    #[test]
    fn one_question_never_reports_duplicate_ids_but_the_bank_does() {
        let root = ImageRoot::Bundled;
        let bank = Bank {
            id: "b".into(),
            title: "题库".into(),
            version: 1,
            description: String::new(),
            questions: vec![judge("q1", "甲。"), judge("q1", "乙。"), judge("", "丙。")],
        };
        let whole = validate(&bank, &root);
        assert_eq!(codes(&whole), [Code::DuplicateId, Code::EmptyId]);
        assert_eq!(whole[0].question, Some(1));
        assert_eq!(whole[0].related, Some(question_path(0, &[Seg::Field("id")])));
        for (index, question) in bank.questions.iter().enumerate() {
            let alone = validate_question(index, question, &root);
            let from_bank: Vec<&Finding> = whole
                .iter()
                .filter(|f| f.question == Some(index) && f.code != Code::DuplicateId)
                .collect();
            assert_eq!(alone.iter().collect::<Vec<_>>(), from_bank);
        }
    }

    #[test]
    fn option_letters() {
        assert_eq!(option_letter(0), 'A');
        assert_eq!(option_letter(25), 'Z');
        assert_eq!(option_letter(26), '?');
    }
}
