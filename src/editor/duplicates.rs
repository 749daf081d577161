//! Finding questions that look like the same question: equal or nearly equal stems.
//!
//! Exact duplicates share a normalised stem. Near duplicates are found among the distinct
//! normalised stems with an inverted index of character bigrams and prefix filtering: bigrams
//! are ranked rarest first and each stem indexes only as many of its rarest bigrams as guarantee
//! that two stems reaching the threshold share one of them. Candidates are marked in a dense
//! array, length-filtered, and checked with the exact Dice similarity.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::bank::Question;

/// A stem with spaces, punctuation (ASCII and full-width), brackets and blanks (`___`, `＿`)
/// removed, full-width letters and digits folded to ASCII, and ASCII lower-cased.
pub fn normalised_stem(stem: &str) -> String {
    let mut normalised = String::with_capacity(stem.len());
    for c in stem.chars().map(fold_full_width) {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                normalised.push(c.to_ascii_lowercase());
            }
        } else if is_common_ideograph(c) || c.is_alphanumeric() {
            normalised.push(c);
        }
    }
    normalised
}

/// CJK Unified Ideographs: letters, checked without the slower general Unicode tables.
fn is_common_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// `Ａ` → `A`, `１` → `1`, `（` → `(`: the full-width forms of ASCII (U+FF01–U+FF5E).
fn fold_full_width(c: char) -> char {
    match u32::from(c) {
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Questions that look like the same question.
#[derive(Clone, Debug, PartialEq)]
pub struct DuplicateGroup {
    /// The questions' indices, ascending.
    pub indices: Vec<usize>,
    /// Whether the normalised stems are equal (otherwise a near-duplicate pair).
    pub exact: bool,
    /// Character-bigram Dice similarity of the normalised stems (1.0 for exact groups).
    pub similarity: f32,
}

/// Thresholds below this are raised to it: lower ones would pair almost every two stems.
pub const MIN_THRESHOLD: f32 = 0.5;

/// Most near-duplicate pairs returned (the most similar); more would not fit any review.
pub const MAX_NEAR_PAIRS: usize = 10_000;

/// A bigram found in more than this many stems (and more than 1 / [`FREQUENT_SHARE`] of them) is
/// too common to generate candidates; pairs are still scored on all their bigrams.
const FREQUENT_MIN: usize = 1_000;

/// See [`FREQUENT_MIN`].
const FREQUENT_SHARE: usize = 100;

/// A fast hasher for the integer and short-string keys here (the Fx hash); the input is the
/// user's own bank, so resistance to crafted collisions is not needed.
#[derive(Clone, Copy, Default)]
struct FastHasher(u64);

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        // The product's high bits depend on every input bit, its low bits only on the low input
        // bits; the table picks buckets by the low bits, so bring the high ones down.
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.add(word);
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// Exact groups (same normalised stem, any kind; similarity 1.0) first, in bank order, then
/// near-duplicate pairs whose normalised stems have a character-bigram Dice similarity ≥
/// `threshold` (e.g. 0.8; raised to at least [`MIN_THRESHOLD`]) and are not in the same exact
/// group, highest similarity first, at most [`MAX_NEAR_PAIRS`]. Empty stems are ignored. A stem
/// with several exact copies takes part in near pairs through its first question. Stems of one
/// character have no bigram and only match exactly. Bigrams found in a huge share of the stems
/// do not generate candidates, so a pair sharing nothing rarer can be missed.
pub fn find_duplicates(questions: &[Question], threshold: f32) -> Vec<DuplicateGroup> {
    let normalised: Vec<String> = questions.iter().map(|q| normalised_stem(&q.stem)).collect();
    // Distinct normalised stems, each with the questions that have it, in bank order.
    let mut slot_of: FastMap<&str, usize> = FastMap::default();
    slot_of.reserve(questions.len());
    let mut texts: Vec<&str> = Vec::new();
    let mut owners: Vec<Vec<usize>> = Vec::new();
    for (index, stem) in normalised.iter().enumerate() {
        if stem.is_empty() {
            continue;
        }
        let slot = *slot_of.entry(stem).or_insert_with(|| {
            texts.push(stem);
            owners.push(Vec::with_capacity(1));
            texts.len() - 1
        });
        owners[slot].push(index);
    }
    drop(slot_of);
    let mut groups: Vec<DuplicateGroup> = owners
        .iter()
        .filter(|indices| indices.len() >= 2)
        .map(|indices| DuplicateGroup {
            indices: indices.clone(),
            exact: true,
            similarity: 1.0,
        })
        .collect();
    let threshold = if threshold.is_nan() {
        1.0
    } else {
        threshold.max(MIN_THRESHOLD)
    };
    if threshold <= 1.0 {
        let mut near: Vec<DuplicateGroup> = similar_pairs(&texts, threshold)
            .into_iter()
            .map(|(a, b, similarity)| {
                let (x, y) = (owners[a][0], owners[b][0]);
                DuplicateGroup {
                    indices: vec![x.min(y), x.max(y)],
                    exact: false,
                    similarity,
                }
            })
            .collect();
        near.sort_by(|a, b| {
            b.similarity
                .total_cmp(&a.similarity)
                .then_with(|| a.indices.cmp(&b.indices))
        });
        near.truncate(MAX_NEAR_PAIRS);
        groups.extend(near);
    }
    groups
}

/// Each text's distinct bigrams as ranks (0 = the rarest bigram), ascending, stored flat.
struct Bigrams {
    /// Text `i`'s ranks are `ranks[starts[i]..starts[i + 1]]`.
    ranks: Vec<u32>,
    starts: Vec<usize>,
    /// How many texts have the bigram of each rank (non-decreasing).
    frequency: Vec<u32>,
}

impl Bigrams {
    fn of(&self, text: usize) -> &[u32] {
        &self.ranks[self.starts[text]..self.starts[text + 1]]
    }
}

fn index_u32(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn bigrams(texts: &[&str]) -> Bigrams {
    let estimate: usize = texts.iter().map(|t| t.len() / 3 + 1).sum();
    let mut id_of: FastMap<u64, u32> = FastMap::default();
    id_of.reserve(estimate);
    let mut frequency: Vec<u32> = Vec::new();
    let mut ids: Vec<u32> = Vec::with_capacity(estimate);
    let mut starts = Vec::with_capacity(texts.len() + 1);
    starts.push(0);
    let mut scratch: Vec<u32> = Vec::new();
    for text in texts {
        scratch.clear();
        let mut chars = text.chars();
        if let Some(mut previous) = chars.next() {
            for c in chars {
                let key = (u64::from(previous) << 32) | u64::from(c);
                let id = *id_of.entry(key).or_insert_with(|| {
                    frequency.push(0);
                    index_u32(frequency.len() - 1)
                });
                scratch.push(id);
                previous = c;
            }
        }
        scratch.sort_unstable();
        scratch.dedup();
        for &id in &scratch {
            frequency[id as usize] += 1;
        }
        ids.extend_from_slice(&scratch);
        starts.push(ids.len());
    }
    drop(id_of);
    // Rank bigrams rarest first (ties by first appearance) with a counting sort on frequency.
    let most = frequency.iter().copied().max().unwrap_or(0) as usize;
    let mut first_rank = vec![0u32; most + 2];
    for &f in &frequency {
        first_rank[f as usize + 1] += 1;
    }
    for f in 1..first_rank.len() {
        first_rank[f] += first_rank[f - 1];
    }
    let mut rank_of = vec![0u32; frequency.len()];
    let mut ranked_frequency = vec![0u32; frequency.len()];
    for (id, &f) in frequency.iter().enumerate() {
        let rank = &mut first_rank[f as usize];
        rank_of[id] = *rank;
        ranked_frequency[*rank as usize] = f;
        *rank += 1;
    }
    for id in &mut ids {
        *id = rank_of[*id as usize];
    }
    for text in starts.windows(2) {
        ids[text[0]..text[1]].sort_unstable();
    }
    Bigrams {
        ranks: ids,
        starts,
        frequency: ranked_frequency,
    }
}

/// Size of the intersection of two ascending lists.
fn overlap(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Fewest shared bigrams a set of `size` can have with any set at Dice ≥ `threshold`.
fn min_overlap(size: usize, threshold: f32) -> usize {
    let needed = f64::from(threshold) * size as f64 / (2.0 - f64::from(threshold));
    // Rounding guard: a product like 0.8 × 15 / 1.2 must not become 10.000001 → 11.
    (needed - 1e-6).ceil().max(1.0) as usize
}

/// Pairs `(a, b, similarity)` with `a < b` of texts whose bigram Dice similarity ≥ `threshold`.
fn similar_pairs(texts: &[&str], threshold: f32) -> Vec<(usize, usize, f32)> {
    let bigrams = bigrams(texts);
    let frequent = FREQUENT_MIN.max(texts.len() / FREQUENT_SHARE);
    // Ranks below this generate candidates; ranks ascend by frequency.
    let usable = bigrams.frequency.partition_point(|&f| f as usize <= frequent);
    // Each text's indexed prefix: its rarest bigrams, as many as any match must share one of,
    // cut at the first bigram too common to use.
    let prefix = |text: usize| -> &[u32] {
        let set = bigrams.of(text);
        let length = set.len() + 1 - min_overlap(set.len(), threshold).min(set.len());
        let set = &set[..length.min(set.len())];
        &set[..set.partition_point(|&rank| (rank as usize) < usable)]
    };
    // Postings: for each usable rank, the texts whose prefix has it, ascending.
    let mut offsets = vec![0usize; usable + 1];
    for text in 0..texts.len() {
        for &rank in prefix(text) {
            offsets[rank as usize + 1] += 1;
        }
    }
    for rank in 1..offsets.len() {
        offsets[rank] += offsets[rank - 1];
    }
    let mut postings = vec![0u32; offsets[usable]];
    let mut fill = offsets.clone();
    for text in 0..texts.len() {
        for &rank in prefix(text) {
            postings[fill[rank as usize]] = index_u32(text);
            fill[rank as usize] += 1;
        }
    }
    drop(fill);
    let mut seen = vec![false; texts.len()];
    let mut candidates: Vec<u32> = Vec::new();
    let mut pairs = Vec::new();
    for probe in 0..texts.len() {
        for &rank in prefix(probe) {
            let rank = rank as usize;
            for &other in &postings[offsets[rank]..offsets[rank + 1]] {
                if other as usize >= probe {
                    break;
                }
                let mark = &mut seen[other as usize];
                if !*mark {
                    *mark = true;
                    candidates.push(other);
                }
            }
        }
        let set = bigrams.of(probe);
        let shortest = min_overlap(set.len(), threshold);
        for other in candidates.drain(..) {
            let other = other as usize;
            seen[other] = false;
            let theirs = bigrams.of(other);
            // Length filter: a set much shorter or longer than this one cannot reach the threshold.
            if theirs.len() < shortest || min_overlap(theirs.len(), threshold) > set.len() {
                continue;
            }
            let total = set.len() + theirs.len();
            let similarity = 2.0 * overlap(set, theirs) as f64 / total as f64;
            if similarity >= f64::from(threshold) - 1e-6 {
                pairs.push((other, probe, similarity as f32));
            }
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Era, QuestionKind};

    fn question(stem: &str, kind: QuestionKind) -> Question {
        Question {
            id: format!("id-{stem}"),
            stem: stem.into(),
            kind,
            explanation: String::new(),
            source: String::new(),
            era: Era::General,
            tags: Vec::new(),
            difficulty: 3,
            image: None,
        }
    }

    fn judges(stems: &[&str]) -> Vec<Question> {
        stems
            .iter()
            .map(|s| question(s, QuestionKind::Judge { answer: true }))
            .collect()
    }

    #[test]
    fn normalising_removes_punctuation_and_folds_width() {
        assert_eq!(normalised_stem("遵义会议召开于（ ）。"), "遵义会议召开于");
        assert_eq!(
            normalised_stem("遵义会议召开于( )"),
            normalised_stem("遵义会议召开于（　）")
        );
        assert_eq!(normalised_stem("ＡＢＣ－１２３"), "abc123");
        assert_eq!(normalised_stem("Hello, World! 1921?"), "helloworld1921");
        assert_eq!(normalised_stem("在___召开"), "在召开");
        assert_eq!(normalised_stem("在＿＿＿召开"), "在召开");
        assert_eq!(
            normalised_stem("“两个确立”、《决议》；【党章】[1]{2}<3>"),
            "两个确立决议党章123"
        );
        assert_eq!(normalised_stem(" \t\n\u{3000}"), "");
        assert_eq!(normalised_stem(""), "");
    }

    #[test]
    fn exact_groups_ignore_punctuation_and_kind() {
        let mut questions = judges(&["遵义会议召开于1935年。", "其他题目。", "遵义会议召开于 1935 年"]);
        questions.push(question(
            "遵义会议召开于（１９３５）年？",
            QuestionKind::Single {
                options: vec!["甲".into(), "乙".into()],
                answer: 0,
            },
        ));
        questions.extend(judges(&["其他题目", "", "（ ）", "唯一"]));
        let groups = find_duplicates(&questions, 0.8);
        assert_eq!(
            groups[..2],
            [
                DuplicateGroup {
                    indices: vec![0, 2, 3],
                    exact: true,
                    similarity: 1.0
                },
                DuplicateGroup {
                    indices: vec![1, 4],
                    exact: true,
                    similarity: 1.0
                },
            ],
        );
        assert_eq!(groups.len(), 2, "empty stems are not duplicates: {groups:?}");
    }

    #[test]
    fn near_duplicates_by_bigram_dice() {
        // {ab, bc, cd, de} and {ab, bc, cd, df}: 2·3 / 8 = 0.75.
        let questions = judges(&["abcde", "xyz", "abcdf", "ABCDE."]);
        let at = |threshold| find_duplicates(&questions, threshold);
        assert_eq!(
            at(0.75),
            [
                DuplicateGroup {
                    indices: vec![0, 3],
                    exact: true,
                    similarity: 1.0
                },
                DuplicateGroup {
                    indices: vec![0, 2],
                    exact: false,
                    similarity: 0.75
                },
            ],
            "a stem with exact copies pairs through its first question"
        );
        assert_eq!(at(0.76).len(), 1, "just below the threshold");
        assert_eq!(at(f32::NAN).len(), 1, "no threshold: exact groups only");
        assert_eq!(at(1.5).len(), 1);
        assert_eq!(at(0.0), at(MIN_THRESHOLD), "raised to the minimum");
    }

    #[test]
    fn near_pairs_come_most_similar_first() {
        let questions = judges(&[
            "1935年1月中共中央政治局在遵义召开扩大会议",
            "1935年1月中共中央政治局在遵义召开了扩大会议",
            "1936年1月中共中央政治局在遵义召开扩大会议",
            "完全不同的另一道题目",
        ]);
        let groups = find_duplicates(&questions, 0.8);
        assert!(groups.iter().all(|g| !g.exact && g.indices.len() == 2));
        assert!(groups.windows(2).all(|w| w[0].similarity >= w[1].similarity));
        let pairs: Vec<&[usize]> = groups.iter().map(|g| g.indices.as_slice()).collect();
        assert_eq!(pairs, [&[0, 1][..], &[0, 2], &[1, 2]]);
        assert!(groups[0].similarity > 0.9 && groups[0].similarity < 1.0);
    }

    #[test]
    fn short_stems_only_match_exactly() {
        let groups = find_duplicates(&judges(&["党", "党。", "团"]), 0.5);
        assert_eq!(
            groups,
            [DuplicateGroup {
                indices: vec![0, 1],
                exact: true,
                similarity: 1.0
            }]
        );
        assert!(find_duplicates(&[], 0.8).is_empty());
    }

    /// Prefix filtering finds exactly the pairs a comparison of every two stems finds.
    #[test]
    fn index_finds_the_same_pairs_as_brute_force() {
        let mut seed = 12_345u64;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let alphabet: Vec<char> = "遵义会议召开政治局扩大中央红军长征延安".chars().collect();
        let mut stems: Vec<String> = Vec::new();
        for _ in 0..60 {
            let base: String = (0..8 + next(12))
                .map(|_| alphabet[next(alphabet.len() as u64) as usize])
                .collect();
            for _ in 0..4 {
                let mut chars: Vec<char> = base.chars().collect();
                for _ in 0..next(3) {
                    let at = next(chars.len() as u64) as usize;
                    chars[at] = alphabet[next(alphabet.len() as u64) as usize];
                }
                stems.push(chars.into_iter().collect());
            }
        }
        let texts: Vec<&str> = stems.iter().map(String::as_str).collect();
        let bigrams = bigrams(&texts);
        let sets: Vec<&[u32]> = (0..texts.len()).map(|i| bigrams.of(i)).collect();
        for threshold in [0.5, 0.7, 0.8, 0.9] {
            let mut expected = Vec::new();
            for b in 0..sets.len() {
                for a in 0..b {
                    let dice =
                        2.0 * overlap(sets[a], sets[b]) as f64 / (sets[a].len() + sets[b].len()) as f64;
                    if !sets[a].is_empty() && dice >= f64::from(threshold) - 1e-6 {
                        expected.push((a, b));
                    }
                }
            }
            let mut found: Vec<(usize, usize)> = similar_pairs(&texts, threshold)
                .into_iter()
                .map(|(a, b, _)| (a, b))
                .collect();
            found.sort_unstable();
            expected.sort_unstable();
            assert!(!expected.is_empty());
            assert_eq!(found, expected, "threshold {threshold}");
        }
    }

    #[test]
    fn bigrams_in_a_huge_share_of_stems_generate_no_candidates() {
        let common = "共同的题干开头";
        let mut stems: Vec<String> = (0..FREQUENT_MIN as u32 + 100)
            .filter_map(|i| {
                Some(format!(
                    "{common}{}{}",
                    char::from_u32(0x5000 + i)?,
                    char::from_u32(0x6000 + i)?
                ))
            })
            .collect();
        stems.push(format!("{common}遵义会议"));
        stems.push(format!("{common}遵义会义"));
        let questions: Vec<Question> = stems
            .iter()
            .map(|s| question(s, QuestionKind::Judge { answer: true }))
            .collect();
        // Any two of the first stems share 6 of their 8 bigrams (Dice 0.75), but only the common
        // ones: they are not searched. The last two also share rarer bigrams and are found.
        let groups = find_duplicates(&questions, 0.7);
        let last = questions.len() - 1;
        assert_eq!(
            groups,
            [DuplicateGroup {
                indices: vec![last - 1, last],
                exact: false,
                similarity: 0.9
            }]
        );
    }

    #[test]
    fn minimum_overlap_rounds_safely() {
        assert_eq!(min_overlap(15, 0.8), 10);
        assert_eq!(min_overlap(16, 0.8), 11);
        assert_eq!(min_overlap(1, 0.5), 1);
        assert_eq!(min_overlap(3, 1.0), 3);
    }
}
