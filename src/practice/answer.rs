//! Answering a question: what the user is choosing ([`Draft`]), what they submitted
//! ([`Response`]) and how it is judged ([`Grade`]). Every marking rule of the app lives here.

use std::collections::BTreeSet;

use rand::Rng;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::bank::{Question, QuestionKind};

/// Share of the marks a 多选 answer earns when it picks some right options and no wrong one (少选).
pub const PARTIAL_MULTIPLE_CREDIT: f32 = 0.5;

/// A submitted answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Response {
    /// 单选: the chosen option's index.
    Single(usize),
    /// 多选: the chosen options' indices.
    Multiple(BTreeSet<usize>),
    /// 判断: true for 正确.
    Judge(bool),
    /// 填空: what was typed into each blank.
    Fill(Vec<String>),
    /// 排序: the items as the user arranged them, each given by its index in the correct order.
    Order(Vec<usize>),
}

/// How an answer was judged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Grade {
    /// Entirely right: only this counts as 答对 in practice, the wrong book and streaks.
    pub correct: bool,
    /// Share of the marks earned, 0.0–1.0, for exam scores: 1 when correct; for 多选 with some
    /// right options and no wrong one [`PARTIAL_MULTIPLE_CREDIT`]; for 填空 the share of right blanks.
    pub credit: f32,
    /// For 填空: which blanks were right.
    pub blanks: Vec<bool>,
}

impl Grade {
    fn all_or_nothing(correct: bool) -> Grade {
        Grade {
            correct,
            credit: if correct { 1.0 } else { 0.0 },
            blanks: Vec::new(),
        }
    }

    /// The grade of a question left unanswered (exams).
    pub fn unanswered() -> Grade {
        Grade::all_or_nothing(false)
    }
}

/// Judges `response` against `question`. A response of another kind than the question is wrong.
pub fn judge(question: &Question, response: &Response) -> Grade {
    match (&question.kind, response) {
        (QuestionKind::Single { answer, .. }, Response::Single(chosen)) => {
            Grade::all_or_nothing(answer == chosen)
        }
        (QuestionKind::Judge { answer }, Response::Judge(chosen)) => Grade::all_or_nothing(answer == chosen),
        (QuestionKind::Multiple { answers, .. }, Response::Multiple(chosen)) => {
            let right: BTreeSet<usize> = answers.iter().copied().collect();
            if *chosen == right {
                Grade::all_or_nothing(true)
            } else if !chosen.is_empty() && chosen.is_subset(&right) {
                Grade {
                    correct: false,
                    credit: PARTIAL_MULTIPLE_CREDIT,
                    blanks: Vec::new(),
                }
            } else {
                Grade::all_or_nothing(false)
            }
        }
        (QuestionKind::Fill { blanks }, Response::Fill(typed)) => {
            let results: Vec<bool> = blanks
                .iter()
                .enumerate()
                .map(|(index, accepted)| {
                    let Some(text) = typed.get(index) else {
                        return false;
                    };
                    let text = normalize_fill(text);
                    !text.is_empty() && accepted.iter().any(|a| normalize_fill(a) == text)
                })
                .collect();
            let right = results.iter().filter(|r| **r).count();
            let credit = if results.is_empty() {
                0.0
            } else {
                right as f32 / results.len() as f32
            };
            Grade {
                correct: !results.is_empty() && right == results.len(),
                credit,
                blanks: results,
            }
        }
        (QuestionKind::Order { items }, Response::Order(arranged)) => {
            let correct =
                arranged.len() == items.len() && arranged.iter().enumerate().all(|(i, item)| i == *item);
            Grade::all_or_nothing(correct)
        }
        _ => Grade::all_or_nothing(false),
    }
}

/// Normalises a fill-in answer for comparison: full-width letters, digits and signs become
/// half-width, letters lower-case, and spaces and punctuation (Chinese and Western) are removed.
pub fn normalize_fill(text: &str) -> String {
    text.chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace() && !is_punctuation(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(
            c,
            '。' | '，'
                | '、'
                | '；'
                | '：'
                | '？'
                | '！'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '（'
                | '）'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | '【'
                | '】'
                | '「'
                | '」'
                | '『'
                | '』'
                | '—'
                | '…'
                | '·'
                | '・'
                | '－'
                | '～'
        )
}

/// The answer being put together on screen, before it is submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Draft {
    /// 单选: the option picked, if any.
    Single(Option<usize>),
    /// 多选: the options ticked.
    Multiple(BTreeSet<usize>),
    /// 判断: the choice, if any.
    Judge(Option<bool>),
    /// 填空: the text of each blank.
    Fill(Vec<String>),
    /// 排序: the current arrangement (indices into the correct order) and the highlighted row.
    Order {
        /// Items as arranged now.
        arranged: Vec<usize>,
        /// The row the arrow keys move.
        selected: Option<usize>,
    },
}

impl Draft {
    /// An empty draft for `question`; 排序 items start shuffled so they are never already in order.
    pub fn new(question: &Question, rng: &mut impl Rng) -> Draft {
        match &question.kind {
            QuestionKind::Single { .. } => Draft::Single(None),
            QuestionKind::Multiple { .. } => Draft::Multiple(BTreeSet::new()),
            QuestionKind::Judge { .. } => Draft::Judge(None),
            QuestionKind::Fill { blanks } => Draft::Fill(vec![String::new(); blanks.len()]),
            QuestionKind::Order { items } => Draft::Order {
                arranged: shuffled_out_of_order(items.len(), rng),
                selected: None,
            },
        }
    }

    /// Number of choices keys 1–9 / A–H can pick: options, 2 for 判断, rows for 排序, 0 for 填空.
    pub fn choice_count(&self, question: &Question) -> usize {
        match &question.kind {
            QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => options.len(),
            QuestionKind::Judge { .. } => 2,
            QuestionKind::Order { items } => items.len(),
            QuestionKind::Fill { .. } => 0,
        }
    }

    /// Picks choice `index` (0-based): selects a 单选 option or 判断 value (0 = 正确),
    /// toggles a 多选 option, highlights a 排序 row. Out-of-range choices are ignored.
    pub fn choose(&mut self, index: usize) {
        match self {
            Draft::Single(chosen) => *chosen = Some(index),
            Draft::Multiple(chosen) => {
                if !chosen.remove(&index) {
                    chosen.insert(index);
                }
            }
            Draft::Judge(chosen) if index < 2 => *chosen = Some(index == 0),
            Draft::Order { arranged, selected } if index < arranged.len() => *selected = Some(index),
            Draft::Judge(_) | Draft::Order { .. } | Draft::Fill(_) => {}
        }
    }

    /// Checked variant of [`Draft::choose`] that ignores indices beyond the question's choices.
    pub fn choose_checked(&mut self, question: &Question, index: usize) {
        if index < self.choice_count(question) {
            self.choose(index);
        }
    }

    /// Moves the 排序 row at `from` to position `to`; the moved row stays highlighted.
    pub fn move_item(&mut self, from: usize, to: usize) {
        if let Draft::Order { arranged, selected } = self
            && from < arranged.len()
            && to < arranged.len()
        {
            let item = arranged.remove(from);
            arranged.insert(to, item);
            *selected = Some(to);
        }
    }

    /// Moves the highlighted 排序 row one place up (`-1`) or down (`+1`).
    pub fn move_selected(&mut self, step: isize) {
        if let Draft::Order {
            selected: Some(row), ..
        } = self
        {
            let row = *row;
            if let Some(to) = row.checked_add_signed(step) {
                self.move_item(row, to);
            }
        }
    }

    /// The response, or `None` while something is still missing (no option picked, an empty blank).
    pub fn response(&self) -> Option<Response> {
        match self {
            Draft::Single(chosen) => chosen.map(Response::Single),
            Draft::Multiple(chosen) if !chosen.is_empty() => Some(Response::Multiple(chosen.clone())),
            Draft::Judge(chosen) => chosen.map(Response::Judge),
            Draft::Fill(texts) if texts.iter().all(|t| !t.trim().is_empty()) => {
                Some(Response::Fill(texts.clone()))
            }
            Draft::Order { arranged, .. } => Some(Response::Order(arranged.clone())),
            Draft::Multiple(_) | Draft::Fill(_) => None,
        }
    }

    /// Whether the draft already holds a complete answer.
    pub fn is_complete(&self) -> bool {
        self.response().is_some()
    }
}

/// A random arrangement of `len` items that is not the correct order (when `len` ≥ 2).
pub fn shuffled_out_of_order(len: usize, rng: &mut impl Rng) -> Vec<usize> {
    let mut arranged: Vec<usize> = (0..len).collect();
    if len < 2 {
        return arranged;
    }
    loop {
        arranged.shuffle(rng);
        if arranged.iter().enumerate().any(|(i, item)| i != *item) {
            return arranged;
        }
    }
}

/// The right answer in words, e.g. `B`, `A、C、D`, `正确`, `遵义会议；毛泽东`, `1→2→3`.
pub fn correct_answer_text(question: &Question) -> String {
    match &question.kind {
        QuestionKind::Single { answer, options } => {
            format!(
                "{}．{}",
                letter(*answer),
                options.get(*answer).map_or("", String::as_str)
            )
        }
        QuestionKind::Multiple { answers, .. } => {
            let mut sorted = answers.clone();
            sorted.sort_unstable();
            sorted
                .iter()
                .map(|a| letter(*a).to_string())
                .collect::<Vec<_>>()
                .join("、")
        }
        QuestionKind::Judge { answer } => judge_label(*answer).to_owned(),
        QuestionKind::Fill { blanks } => blanks
            .iter()
            .map(|accepted| accepted.first().map_or("", String::as_str))
            .collect::<Vec<_>>()
            .join("；"),
        QuestionKind::Order { items } => items.join(" → "),
    }
}

/// The response in words, in the same style as [`correct_answer_text`].
pub fn response_text(question: &Question, response: &Response) -> String {
    match (response, &question.kind) {
        (Response::Single(chosen), QuestionKind::Single { options, .. }) => {
            format!(
                "{}．{}",
                letter(*chosen),
                options.get(*chosen).map_or("", String::as_str)
            )
        }
        (Response::Single(chosen), _) => letter(*chosen).to_string(),
        (Response::Multiple(chosen), _) => chosen
            .iter()
            .map(|a| letter(*a).to_string())
            .collect::<Vec<_>>()
            .join("、"),
        (Response::Judge(chosen), _) => judge_label(*chosen).to_owned(),
        (Response::Fill(texts), _) => texts.join("；"),
        (Response::Order(arranged), QuestionKind::Order { items }) => arranged
            .iter()
            .map(|i| items.get(*i).map_or("?", String::as_str))
            .collect::<Vec<_>>()
            .join(" → "),
        (Response::Order(_), _) => String::new(),
    }
}

/// `正确` or `错误`.
pub fn judge_label(value: bool) -> &'static str {
    if value { "正确" } else { "错误" }
}

/// Option letter: 0 → `A`, 7 → `H`, beyond → `?`.
pub fn letter(index: usize) -> char {
    "ABCDEFGH".chars().nth(index).unwrap_or('?')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Era;
    use rand::SeedableRng;
    use rand::rngs::StdRng;

    fn question(kind: QuestionKind) -> Question {
        Question {
            id: "q".into(),
            stem: "题干___".into(),
            kind,
            explanation: String::new(),
            source: String::new(),
            era: Era::General,
            tags: Vec::new(),
            difficulty: 3,
            image: None,
        }
    }

    fn options(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("选项{i}")).collect()
    }

    #[test]
    fn single_and_judge_are_exact() {
        let single = question(QuestionKind::Single {
            options: options(4),
            answer: 2,
        });
        assert!(judge(&single, &Response::Single(2)).correct);
        assert!(!judge(&single, &Response::Single(1)).correct);
        assert_eq!(judge(&single, &Response::Single(1)).credit, 0.0);
        let statement = question(QuestionKind::Judge { answer: false });
        assert!(judge(&statement, &Response::Judge(false)).correct);
        assert!(!judge(&statement, &Response::Judge(true)).correct);
    }

    #[test]
    fn multiple_needs_all_and_only_the_right_options() {
        let multiple = question(QuestionKind::Multiple {
            options: options(4),
            answers: vec![3, 0, 2],
        });
        let pick = |ids: &[usize]| Response::Multiple(ids.iter().copied().collect());
        let all = judge(&multiple, &pick(&[0, 2, 3]));
        assert!(all.correct);
        assert_eq!(all.credit, 1.0);
        let fewer = judge(&multiple, &pick(&[0, 2]));
        assert!(!fewer.correct);
        assert_eq!(fewer.credit, PARTIAL_MULTIPLE_CREDIT);
        let extra = judge(&multiple, &pick(&[0, 1, 2, 3]));
        assert!(!extra.correct);
        assert_eq!(extra.credit, 0.0);
        assert_eq!(judge(&multiple, &pick(&[])).credit, 0.0);
    }

    #[test]
    fn fill_normalises_width_case_spaces_and_punctuation() {
        assert_eq!(normalize_fill(" 遵义 会议。"), "遵义会议");
        assert_eq!(normalize_fill("ＡＢＣ１２３"), "abc123");
        assert_eq!(normalize_fill("《共产党宣言》"), "共产党宣言");
        assert_eq!(normalize_fill("“两个确立”"), "两个确立");
        assert_eq!(normalize_fill("Mao　Zedong"), "maozedong");
        assert_eq!(normalize_fill("1949，10、1"), "1949101");
        assert_eq!(normalize_fill("。，"), "");
    }

    #[test]
    fn fill_accepts_listed_variants_and_credits_each_blank() {
        let fill = question(QuestionKind::Fill {
            blanks: vec![vec!["遵义会议".into(), "遵义".into()], vec!["毛泽东".into()]],
        });
        let typed = |a: &str, b: &str| Response::Fill(vec![a.into(), b.into()]);
        assert!(judge(&fill, &typed("遵义", " 毛泽东。")).correct);
        assert!(judge(&fill, &typed("《遵义会议》", "毛泽东")).correct);
        let half = judge(&fill, &typed("遵义", "周恩来"));
        assert!(!half.correct);
        assert_eq!(half.credit, 0.5);
        assert_eq!(half.blanks, vec![true, false]);
        assert!(!judge(&fill, &typed("遵", "毛泽东")).correct);
        assert!(!judge(&fill, &Response::Fill(vec!["遵义".into()])).correct);
        assert!(!judge(&fill, &typed("。", "毛泽东")).blanks[0]);
    }

    #[test]
    fn order_is_judged_exactly() {
        let order = question(QuestionKind::Order { items: options(4) });
        assert!(judge(&order, &Response::Order(vec![0, 1, 2, 3])).correct);
        assert!(!judge(&order, &Response::Order(vec![0, 1, 3, 2])).correct);
        assert!(!judge(&order, &Response::Order(vec![0, 1, 2])).correct);
    }

    #[test]
    fn a_response_of_another_kind_is_wrong() {
        let single = question(QuestionKind::Single {
            options: options(2),
            answer: 0,
        });
        assert!(!judge(&single, &Response::Judge(true)).correct);
    }

    #[test]
    fn order_drafts_start_out_of_order_and_move_by_keys() {
        let order = question(QuestionKind::Order { items: options(3) });
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..50 {
            let Draft::Order { arranged, .. } = Draft::new(&order, &mut rng) else {
                panic!("order draft");
            };
            assert_ne!(arranged, vec![0, 1, 2]);
        }
        let mut draft = Draft::Order {
            arranged: vec![2, 0, 1],
            selected: None,
        };
        draft.choose(0);
        draft.move_selected(1);
        draft.move_selected(1);
        draft.move_selected(1);
        assert_eq!(draft.response(), Some(Response::Order(vec![0, 1, 2])));
        draft.move_selected(-1);
        assert_eq!(draft.response(), Some(Response::Order(vec![0, 2, 1])));
    }

    #[test]
    fn drafts_are_complete_only_when_everything_is_answered() {
        let mut rng = StdRng::seed_from_u64(1);
        let multiple = question(QuestionKind::Multiple {
            options: options(4),
            answers: vec![0, 1],
        });
        let mut draft = Draft::new(&multiple, &mut rng);
        assert!(!draft.is_complete());
        draft.choose_checked(&multiple, 0);
        draft.choose_checked(&multiple, 9);
        draft.choose_checked(&multiple, 1);
        draft.choose_checked(&multiple, 1);
        assert_eq!(draft.response(), Some(Response::Multiple([0].into())));
        let fill = question(QuestionKind::Fill {
            blanks: vec![vec!["a".into()], vec!["b".into()]],
        });
        let mut draft = Draft::new(&fill, &mut rng);
        if let Draft::Fill(texts) = &mut draft {
            texts[0] = "a".into();
        }
        assert!(!draft.is_complete());
        let mut judge_draft = Draft::new(&question(QuestionKind::Judge { answer: true }), &mut rng);
        judge_draft.choose(1);
        assert_eq!(judge_draft.response(), Some(Response::Judge(false)));
    }

    #[test]
    fn answers_read_as_text() {
        let multiple = question(QuestionKind::Multiple {
            options: options(4),
            answers: vec![3, 0],
        });
        assert_eq!(correct_answer_text(&multiple), "A、D");
        let order = question(QuestionKind::Order { items: options(3) });
        assert_eq!(
            response_text(&order, &Response::Order(vec![1, 0, 2])),
            "选项1 → 选项0 → 选项2"
        );
        assert_eq!(letter(7), 'H');
        assert_eq!(letter(8), '?');
    }
}
