//! The data model of a question bank, exactly as it is written in a `.ron` file.

use serde::{Deserialize, Serialize};

/// A question bank: metadata and its questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bank {
    /// Stable identifier, e.g. `"dangshi-core"`.
    pub id: String,
    /// Title shown to users, e.g. `"党史基础题库"`.
    pub title: String,
    /// Revision number the bank's author raises on every published change.
    #[serde(default)]
    pub version: u32,
    /// What the bank covers, for trainers choosing banks.
    #[serde(default)]
    pub description: String,
    /// The questions, in the author's order.
    pub questions: Vec<Question>,
}

/// One question: stem, kind with its answer data, and teaching metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Identifier, unique across every loaded bank.
    pub id: String,
    /// The question text. Fill questions mark each blank with `___`.
    pub stem: String,
    /// The kind of question together with its options and answer.
    pub kind: QuestionKind,
    /// 1–3 sentences that teach the fact behind the answer.
    #[serde(default)]
    pub explanation: String,
    /// Where the fact comes from, e.g. `《中国共产党简史》第三章`.
    #[serde(default)]
    pub source: String,
    /// Historical period the question belongs to.
    pub era: Era,
    /// Free tags such as `"长征"` or `"重要会议"`.
    #[serde(default)]
    pub tags: Vec<String>,
    /// 1 (easy) to 5 (hard).
    #[serde(default = "default_difficulty")]
    pub difficulty: u8,
    /// Optional picture, a path relative to the bank's folder.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

/// Difficulty given to questions that do not state one.
pub const DEFAULT_DIFFICULTY: u8 = 3;

fn default_difficulty() -> u8 {
    DEFAULT_DIFFICULTY
}

/// The kind of a question; each kind carries exactly the data it needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum QuestionKind {
    /// 单选: one correct option.
    Single {
        /// The options, shown as A, B, C, …
        options: Vec<String>,
        /// 0-based index of the correct option.
        answer: usize,
    },
    /// 多选: two or more correct options.
    Multiple {
        /// The options, shown as A, B, C, …
        options: Vec<String>,
        /// 0-based indices of the correct options.
        answers: Vec<usize>,
    },
    /// 判断: the stem is a statement that is true or false.
    Judge {
        /// Whether the statement is true.
        answer: bool,
    },
    /// 填空: one entry per blank in the stem, each listing its accepted answers.
    Fill {
        /// Accepted answers of each blank, in the order the blanks appear.
        blanks: Vec<Vec<String>>,
    },
    /// 排序: items listed in the correct order; the app shuffles them.
    Order {
        /// The items in their correct order.
        items: Vec<String>,
    },
}

/// The five kinds of question, without their data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum KindTag {
    /// 单选
    Single,
    /// 多选
    Multiple,
    /// 判断
    Judge,
    /// 填空
    Fill,
    /// 排序
    Order,
}

impl KindTag {
    /// Every kind, in display order.
    pub const ALL: [KindTag; 5] = [
        KindTag::Single,
        KindTag::Multiple,
        KindTag::Judge,
        KindTag::Fill,
        KindTag::Order,
    ];

    /// Chinese name, e.g. `单选题`.
    pub fn label(self) -> &'static str {
        match self {
            KindTag::Single => "单选题",
            KindTag::Multiple => "多选题",
            KindTag::Judge => "判断题",
            KindTag::Fill => "填空题",
            KindTag::Order => "排序题",
        }
    }

    /// Name used in the bank file and in JSON reports, e.g. `Single`.
    pub fn key(self) -> &'static str {
        match self {
            KindTag::Single => "Single",
            KindTag::Multiple => "Multiple",
            KindTag::Judge => "Judge",
            KindTag::Fill => "Fill",
            KindTag::Order => "Order",
        }
    }
}

impl QuestionKind {
    /// The kind without its data.
    pub fn tag(&self) -> KindTag {
        match self {
            QuestionKind::Single { .. } => KindTag::Single,
            QuestionKind::Multiple { .. } => KindTag::Multiple,
            QuestionKind::Judge { .. } => KindTag::Judge,
            QuestionKind::Fill { .. } => KindTag::Fill,
            QuestionKind::Order { .. } => KindTag::Order,
        }
    }
}

/// Historical period of the Party's history, following 《中国共产党简史》.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Era {
    /// 建党前后 (to 1923)
    Founding,
    /// 大革命 (1924–1927)
    GreatRevolution,
    /// 土地革命战争 (1927–1937)
    LandRevolution,
    /// 抗日战争 (1937–1945)
    AntiJapanese,
    /// 解放战争 (1945–1949)
    Liberation,
    /// 社会主义革命和建设 (1949–1978)
    Construction,
    /// 改革开放和社会主义现代化建设 (1978–2012)
    Reform,
    /// 新时代 (2012–)
    NewEra,
    /// Not tied to one period: 党章党规, 精神谱系 and the like.
    General,
}

impl Era {
    /// Every era, in historical order with `General` last.
    pub const ALL: [Era; 9] = [
        Era::Founding,
        Era::GreatRevolution,
        Era::LandRevolution,
        Era::AntiJapanese,
        Era::Liberation,
        Era::Construction,
        Era::Reform,
        Era::NewEra,
        Era::General,
    ];

    /// Chinese name, e.g. `土地革命战争时期`.
    pub fn label(self) -> &'static str {
        match self {
            Era::Founding => "建党前后",
            Era::GreatRevolution => "大革命时期",
            Era::LandRevolution => "土地革命战争时期",
            Era::AntiJapanese => "抗日战争时期",
            Era::Liberation => "解放战争时期",
            Era::Construction => "社会主义革命和建设时期",
            Era::Reform => "改革开放和社会主义现代化建设新时期",
            Era::NewEra => "中国特色社会主义新时代",
            Era::General => "综合（党章党规、精神谱系等）",
        }
    }

    /// Name used in the bank file and in JSON reports, e.g. `LandRevolution`.
    pub fn key(self) -> &'static str {
        match self {
            Era::Founding => "Founding",
            Era::GreatRevolution => "GreatRevolution",
            Era::LandRevolution => "LandRevolution",
            Era::AntiJapanese => "AntiJapanese",
            Era::Liberation => "Liberation",
            Era::Construction => "Construction",
            Era::Reform => "Reform",
            Era::NewEra => "NewEra",
            Era::General => "General",
        }
    }
}

/// Counts the blanks in a fill-in stem: each run of two or more underscores
/// (ASCII `_` or full-width `＿`) is one blank.
pub fn count_blanks(stem: &str) -> usize {
    let mut blanks = 0;
    let mut run = 0;
    for c in stem.chars().chain(std::iter::once('\0')) {
        if c == '_' || c == '＿' {
            run += 1;
        } else {
            if run >= 2 {
                blanks += 1;
            }
            run = 0;
        }
    }
    blanks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blanks_are_runs_of_two_or_more_underscores() {
        assert_eq!(count_blanks("分别为___和___。"), 2);
        assert_eq!(count_blanks("在____召开"), 1);
        assert_eq!(count_blanks("全角＿＿＿也算"), 1);
        assert_eq!(count_blanks("snake_case 不算"), 0);
        assert_eq!(count_blanks("结尾__"), 1);
        assert_eq!(count_blanks(""), 0);
    }

    #[test]
    fn every_kind_and_era_has_distinct_keys() {
        let kinds: std::collections::HashSet<_> = KindTag::ALL.iter().map(|k| k.key()).collect();
        assert_eq!(kinds.len(), KindTag::ALL.len());
        let eras: std::collections::HashSet<_> = Era::ALL.iter().map(|e| e.key()).collect();
        assert_eq!(eras.len(), Era::ALL.len());
    }
}
