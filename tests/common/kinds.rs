//! Question kinds written briefly, for the expected results of importer tests.

use dangshi::bank::QuestionKind;

/// Owned strings from string slices.
pub fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|item| (*item).to_owned()).collect()
}

/// A 单选 with these options, the answer 0-based.
pub fn single(options: &[&str], answer: usize) -> QuestionKind {
    QuestionKind::Single {
        options: strings(options),
        answer,
    }
}

/// A 多选 with these options, the answers 0-based.
pub fn multiple(options: &[&str], answers: &[usize]) -> QuestionKind {
    QuestionKind::Multiple {
        options: strings(options),
        answers: answers.to_vec(),
    }
}

/// A 判断.
pub fn judge(answer: bool) -> QuestionKind {
    QuestionKind::Judge { answer }
}

/// A 填空 with one accepted answer per blank.
pub fn fill(blanks: &[&str]) -> QuestionKind {
    QuestionKind::Fill {
        blanks: blanks.iter().map(|blank| vec![(*blank).to_owned()]).collect(),
    }
}
