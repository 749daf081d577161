//! Which questions a practice draws from: banks, eras, tags and kinds.

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::bank::{Era, KindTag, Library, Question};

/// A choice of questions. An empty set means "any".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Filter {
    /// Bank ids.
    pub banks: BTreeSet<String>,
    /// Eras.
    pub eras: BTreeSet<Era>,
    /// Tags: a question matches if it has any of them.
    pub tags: BTreeSet<String>,
    /// Kinds.
    pub kinds: BTreeSet<KindTag>,
}

impl Filter {
    /// Only questions of one era.
    pub fn era(era: Era) -> Filter {
        Filter {
            eras: [era].into(),
            ..Filter::default()
        }
    }

    /// Only questions with one tag.
    pub fn tag(tag: &str) -> Filter {
        Filter {
            tags: [tag.to_owned()].into(),
            ..Filter::default()
        }
    }

    /// Whether the question of bank `bank_id` is chosen.
    pub fn matches(&self, bank_id: &str, question: &Question) -> bool {
        (self.banks.is_empty() || self.banks.contains(bank_id))
            && (self.eras.is_empty() || self.eras.contains(&question.era))
            && (self.tags.is_empty() || question.tags.iter().any(|t| self.tags.contains(t)))
            && (self.kinds.is_empty() || self.kinds.contains(&question.kind.tag()))
    }

    /// Whether nothing is restricted.
    pub fn is_everything(&self) -> bool {
        *self == Filter::default()
    }

    /// A stable text naming the choice, under which resume positions are kept.
    pub fn key(&self) -> String {
        let join = |items: Vec<&str>| items.join(",");
        format!(
            "banks={};eras={};tags={};kinds={}",
            join(self.banks.iter().map(String::as_str).collect()),
            join(self.eras.iter().map(|e| e.key()).collect()),
            join(self.tags.iter().map(String::as_str).collect()),
            join(self.kinds.iter().map(|k| k.key()).collect()),
        )
    }

    /// A short Chinese description, e.g. `抗日战争时期 · 单选题`; `全部题目` when unrestricted.
    pub fn describe(&self, library: &Library) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.banks.is_empty() {
            let titles: Vec<String> = library
                .banks()
                .iter()
                .filter(|b| b.bank.as_ref().is_some_and(|bank| self.banks.contains(&bank.id)))
                .map(|b| b.title())
                .collect();
            parts.push(titles.join("、"));
        }
        parts.extend(self.eras.iter().map(|e| e.label().to_owned()));
        parts.extend(self.tags.iter().cloned());
        parts.extend(self.kinds.iter().map(|k| k.label().to_owned()));
        if parts.is_empty() {
            "全部题目".to_owned()
        } else {
            parts.join(" · ")
        }
    }
}

/// The usable questions of `library` that `filter` chooses, in bank order.
pub fn pool<'a>(library: &'a Library, filter: &Filter) -> Vec<&'a Question> {
    library
        .banks()
        .iter()
        .filter_map(|loaded| Some((loaded.bank.as_ref()?.id.as_str(), loaded)))
        .flat_map(|(bank_id, loaded)| {
            loaded
                .usable_questions()
                .filter(move |q| filter.matches(bank_id, q))
        })
        .collect()
}

/// Every usable question of `library` by id.
pub fn index(library: &Library) -> HashMap<&str, &Question> {
    library.usable_questions().map(|q| (q.id.as_str(), q)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::practice::testing::library_of;

    #[test]
    fn filters_combine_and_empty_means_any() {
        let library = library_of(&[("a", 6), ("b", 4)]);
        assert_eq!(pool(&library, &Filter::default()).len(), 10);
        let only_b = Filter {
            banks: ["b".to_owned()].into(),
            ..Filter::default()
        };
        assert!(pool(&library, &only_b).iter().all(|q| q.id.starts_with("b-")));
        let era = pool(&library, &Filter::era(Era::Founding));
        assert!(!era.is_empty());
        assert!(era.iter().all(|q| q.era == Era::Founding));
        let tagged = pool(&library, &Filter::tag("偶数"));
        assert!(tagged.iter().all(|q| q.tags.contains(&"偶数".to_owned())));
        assert_eq!(tagged.len(), 5);
        let kinds = Filter {
            kinds: [KindTag::Judge].into(),
            ..Filter::default()
        };
        assert!(
            pool(&library, &kinds)
                .iter()
                .all(|q| q.kind.tag() == KindTag::Judge)
        );
    }

    #[test]
    fn keys_differ_between_filters_and_are_stable() {
        assert_ne!(Filter::era(Era::Founding).key(), Filter::era(Era::Reform).key());
        assert_eq!(Filter::tag("长征").key(), Filter::tag("长征").key());
        assert_eq!(Filter::default().describe(&Library::default()), "全部题目");
    }
}
