//! What the question table shows: a filter over fields and search terms, and a sort order.

use crate::bank::{Era, KindTag, Question, QuestionKind};

/// What the question table shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Whitespace-separated terms; every one must occur in the question's [`search_text`]
    /// (ASCII letters case-insensitively).
    pub text: String,
    /// Only questions of this kind.
    pub kind: Option<KindTag>,
    /// Only questions of this era.
    pub era: Option<Era>,
    /// Only questions carrying exactly this tag.
    pub tag: Option<String>,
    /// Only questions of this difficulty.
    pub difficulty: Option<u8>,
    /// Only questions with at least one error or warning.
    pub problems_only: bool,
}

impl Filter {
    /// Whether the filter lets every question through.
    pub fn is_empty(&self) -> bool {
        self.text.split_whitespace().next().is_none()
            && self.kind.is_none()
            && self.era.is_none()
            && self.tag.is_none()
            && self.difficulty.is_none()
            && !self.problems_only
    }
}

/// The column the question table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// The bank's order.
    #[default]
    Order,
    /// Question id.
    Id,
    /// Kind, in [`KindTag::ALL`] order.
    Kind,
    /// Era, in [`Era::ALL`] order.
    Era,
    /// Difficulty.
    Difficulty,
    /// Errors, then warnings.
    Problems,
}

/// A sort order: a key and a direction. Sorting is stable; ties keep the bank's order.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sort {
    /// The column.
    pub key: SortKey,
    /// Largest first (for [`SortKey::Order`]: the bank's order reversed).
    pub descending: bool,
}

/// The text searched for a question: id, stem, options / items / fill answers, explanation,
/// source, tags, lower-cased, joined with '\n'.
pub fn search_text(question: &Question) -> String {
    let mut parts: Vec<&str> = vec![&question.id, &question.stem];
    match &question.kind {
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => {
            parts.extend(options.iter().map(String::as_str));
        }
        QuestionKind::Order { items } => parts.extend(items.iter().map(String::as_str)),
        QuestionKind::Fill { blanks } => {
            parts.extend(blanks.iter().flatten().map(String::as_str));
        }
        QuestionKind::Judge { .. } => {}
    }
    parts.push(&question.explanation);
    parts.push(&question.source);
    parts.extend(question.tags.iter().map(String::as_str));
    parts.join("\n").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind) -> Question {
        Question {
            id: "Q-1".into(),
            stem: "遵义会议召开于（ ）。".into(),
            kind,
            explanation: "Zunyi 会议".into(),
            source: "《简史》".into(),
            era: Era::LandRevolution,
            tags: vec!["长征".into(), "会议".into()],
            difficulty: 3,
            image: None,
        }
    }

    #[test]
    fn search_text_joins_every_searched_field_lower_cased() {
        let single = question(QuestionKind::Single {
            options: vec!["1935年".into(), "1936年".into()],
            answer: 0,
        });
        assert_eq!(
            search_text(&single),
            "q-1\n遵义会议召开于（ ）。\n1935年\n1936年\nzunyi 会议\n《简史》\n长征\n会议"
        );
        let fill = question(QuestionKind::Fill {
            blanks: vec![vec!["嘉兴".into(), "南湖".into()], vec!["1921".into()]],
        });
        assert!(search_text(&fill).contains("\n嘉兴\n南湖\n1921\n"));
        let order = question(QuestionKind::Order {
            items: vec!["南昌起义".into(), "秋收起义".into()],
        });
        assert!(search_text(&order).contains("\n南昌起义\n秋收起义\n"));
        let judge = question(QuestionKind::Judge { answer: true });
        assert_eq!(
            search_text(&judge),
            "q-1\n遵义会议召开于（ ）。\nzunyi 会议\n《简史》\n长征\n会议"
        );
    }

    #[test]
    fn empty_filter() {
        assert!(Filter::default().is_empty());
        let spaces = Filter {
            text: "  \u{3000} ".into(),
            ..Filter::default()
        };
        assert!(spaces.is_empty(), "blank text filters nothing");
        for filter in [
            Filter {
                text: "会议".into(),
                ..Filter::default()
            },
            Filter {
                kind: Some(KindTag::Judge),
                ..Filter::default()
            },
            Filter {
                era: Some(Era::General),
                ..Filter::default()
            },
            Filter {
                tag: Some("长征".into()),
                ..Filter::default()
            },
            Filter {
                difficulty: Some(1),
                ..Filter::default()
            },
            Filter {
                problems_only: true,
                ..Filter::default()
            },
        ] {
            assert!(!filter.is_empty(), "{filter:?}");
        }
    }

    #[test]
    fn default_sort_is_bank_order_ascending() {
        assert_eq!(
            Sort::default(),
            Sort {
                key: SortKey::Order,
                descending: false
            }
        );
    }
}
