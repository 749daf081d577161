//! Reading one field as trainers write it in Excel or Word: kinds (单选题, 单项选择 …), judge answers
//! (对/错, √/× …), answer letters (`ACD`, `A,C,D`), options in one cell, difficulty words, eras,
//! and the blanks of 填空题. Shared by the table and text importers.

use crate::bank::{Era, KindTag};

/// What a 题型 cell says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KindWord {
    /// One of our kinds.
    Known(KindTag),
    /// A kind we do not import (简答题, 计算题, 案例分析题 …), as written.
    Unsupported(String),
}

/// Reads a 题型 cell: `单选题`, `单项选择题`, `单选`, `多选题`, `多项选择`, `不定项选择题`, `判断题`,
/// `是非题`, `填空题`, `排序题` (with or without 题); other words ending in 题 are unsupported kinds.
/// `None` for an empty or unrecognisable cell.
pub fn kind_word(cell: &str) -> Option<KindWord> {
    let word: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let word = word.trim_matches(|c: char| matches!(c, '【' | '】' | '[' | ']' | '（' | '）' | '(' | ')'));
    if word.is_empty() {
        return None;
    }
    let base = word.strip_suffix('题').unwrap_or(word);
    let tag = match base {
        "单选" | "单项选择" | "单择" | "单项" | "选择" => Some(KindTag::Single),
        "多选" | "多项选择" | "不定项选择" | "不定项" | "多项" => Some(KindTag::Multiple),
        "判断" | "是非" | "判断正误" | "对错" => Some(KindTag::Judge),
        "填空" => Some(KindTag::Fill),
        "排序" => Some(KindTag::Order),
        _ => None,
    };
    match tag {
        Some(tag) => Some(KindWord::Known(tag)),
        None if word.ends_with('题')
            || ["简答", "问答", "论述", "名词解释", "计算", "案例分析"].contains(&base) =>
        {
            Some(KindWord::Unsupported(word.to_owned()))
        }
        None => match word.to_ascii_lowercase().as_str() {
            "single" => Some(KindWord::Known(KindTag::Single)),
            "multiple" => Some(KindWord::Known(KindTag::Multiple)),
            "judge" => Some(KindWord::Known(KindTag::Judge)),
            "fill" => Some(KindWord::Known(KindTag::Fill)),
            "order" => Some(KindWord::Known(KindTag::Order)),
            _ => None,
        },
    }
}

/// Reads a 判断题 answer: 对/错, 正确/错误, √/×, ✓/✗, 是/否, T/F, true/false, Y/N, A/B (A is
/// 正确), 1/0. `None` if it is none of these.
pub fn judge_answer(cell: &str) -> Option<bool> {
    let word: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let word = word.trim_end_matches(['。', '.']);
    match word.to_lowercase().as_str() {
        "对" | "正确" | "√" | "✓" | "✔" | "是" | "t" | "true" | "y" | "yes" | "a" | "1" | "对的" | "正" => {
            Some(true)
        }
        "错" | "错误" | "×" | "x" | "✗" | "✘" | "否" | "f" | "false" | "n" | "no" | "b" | "0" | "错的"
        | "误" => Some(false),
        _ => None,
    }
}

/// The index of option letter `c` (A–H, full-width too), if it is one.
pub fn letter_index(c: char) -> Option<usize> {
    let c = match c {
        'Ａ'..='Ｈ' => char::from_u32(c as u32 - 'Ａ' as u32 + 'A' as u32)?,
        'ａ'..='ｈ' => char::from_u32(c as u32 - 'ａ' as u32 + 'A' as u32)?,
        _ => c.to_ascii_uppercase(),
    };
    ('A'..='H').contains(&c).then(|| c as usize - 'A' as usize)
}

/// Reads answer letters: `ACD`, `A,C,D`, `A、C、D`, `a c d`, `Ａ，Ｃ`. Letters are checked against
/// the number of options; repeated letters count once; the result is sorted.
pub fn answer_letters(cell: &str, option_count: usize) -> Result<Vec<usize>, String> {
    let mut letters = Vec::new();
    for c in cell.chars() {
        if c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | '/' | '|') {
            continue;
        }
        let Some(index) = letter_index(c) else {
            return Err(format!("答案“{}”不是选项字母（应如 B 或 ACD）", cell.trim()));
        };
        if index >= option_count {
            return Err(format!(
                "答案 {} 超出选项范围（共 {option_count} 个选项）",
                char::from(b'A' + index as u8)
            ));
        }
        if !letters.contains(&index) {
            letters.push(index);
        }
    }
    if letters.is_empty() {
        return Err("缺少答案".into());
    }
    letters.sort_unstable();
    Ok(letters)
}

/// Strips an option label at the start: `A.`, `A．`, `A、`, `A:`, `(A)`, `（A）`, `A)` (with
/// blanks around). Returns the letter's index and the rest, or `None` if there is no label.
pub fn strip_option_label(text: &str) -> Option<(usize, &str)> {
    let text = text.trim_start();
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let (letter, after_letter) = if matches!(first, '(' | '（') {
        let (_, letter) = chars.next()?;
        let (close_at, close) = chars.next()?;
        if !matches!(close, ')' | '）') {
            return None;
        }
        (letter, close_at + close.len_utf8())
    } else {
        let (next_at, next) = chars.next()?;
        if !matches!(next, '.' | '．' | '、' | ':' | '：' | ')' | '）' | '。') {
            return None;
        }
        (first, next_at + next.len_utf8())
    };
    let index = letter_index(letter)?;
    Some((index, text[after_letter..].trim()))
}

/// Splits a cell holding every option: `A.xx/B.yy`, `A、xx B、yy`, one per line, `(A)xx(B)yy`.
/// Options must run A, B, C … in order; `None` if the cell does not look like that.
pub fn split_options_cell(cell: &str) -> Option<Vec<String>> {
    let text = cell.trim();
    // Find where each label A, B, C … starts, in order.
    let mut starts = Vec::new();
    let mut search_from = 0;
    for expected in 0..8usize {
        let found = text[search_from..].char_indices().find_map(|(at, _)| {
            let at = search_from + at;
            let before = text[..at].chars().next_back();
            let boundary =
                at == 0 || before.is_some_and(|c| c.is_whitespace() || matches!(c, '/' | '|' | '；' | ';'));
            let bracketed = text[at..].starts_with(['(', '（']);
            (boundary || bracketed)
                .then(|| strip_option_label(&text[at..]))
                .flatten()
                .filter(|(index, _)| *index == expected)
                .map(|_| at)
        });
        let Some(at) = found else { break };
        starts.push(at);
        search_from = at + 1;
    }
    if starts.len() < 2 || starts[0] != 0 {
        return None;
    }
    let mut options = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let (_, rest) = strip_option_label(&text[start..end])?;
        let rest = rest.trim().trim_end_matches(['/', '|', '；', ';']).trim();
        options.push(rest.to_owned());
    }
    Some(options)
}

/// Reads a 难度 cell: words 简单/容易/易 (1), 较易 (2), 中等/一般/中 (3), 较难 (4), 困难/难 (5),
/// a number 1–5, or stars (`★★★`).
pub fn difficulty(cell: &str) -> Option<u8> {
    let word: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let stars = word.chars().filter(|c| matches!(c, '★' | '☆' | '*')).count();
    if stars > 0 && word.chars().all(|c| matches!(c, '★' | '☆' | '*')) {
        let filled = word.chars().filter(|c| matches!(c, '★' | '*')).count();
        return u8::try_from(filled).ok().filter(|n| (1..=5).contains(n));
    }
    match word.as_str() {
        "简单" | "容易" | "易" | "低" => Some(1),
        "较易" | "较简单" | "偏易" => Some(2),
        "中等" | "一般" | "中" | "适中" | "普通" => Some(3),
        "较难" | "偏难" | "中难" => Some(4),
        "困难" | "难" | "高" | "很难" => Some(5),
        number => number
            .trim_end_matches(".0")
            .parse::<u8>()
            .ok()
            .filter(|n| (1..=5).contains(n)),
    }
}

/// Reads an era from a 章节/分类/标签 cell: the era's Chinese label or key, or a common short form
/// (`土地革命`, `抗战`, `改革开放`, `新时代`, `党章党规` …) anywhere in the text.
pub fn era(cell: &str) -> Option<Era> {
    let text = cell.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(era) = Era::ALL
        .into_iter()
        .find(|e| e.key() == text || e.label() == text)
    {
        return Some(era);
    }
    const WORDS: [(&str, Era); 16] = [
        ("建党", Era::Founding),
        ("新民主主义革命前", Era::Founding),
        ("大革命", Era::GreatRevolution),
        ("国共合作", Era::GreatRevolution),
        ("土地革命", Era::LandRevolution),
        ("长征", Era::LandRevolution),
        ("抗日", Era::AntiJapanese),
        ("抗战", Era::AntiJapanese),
        ("解放战争", Era::Liberation),
        ("社会主义革命和建设", Era::Construction),
        ("社会主义建设", Era::Construction),
        ("改革开放", Era::Reform),
        ("新时代", Era::NewEra),
        ("党章", Era::General),
        ("党规", Era::General),
        ("精神谱系", Era::General),
    ];
    WORDS
        .iter()
        .find(|(word, _)| text.contains(word))
        .map(|(_, era)| *era)
}

/// Turns the blanks of a 填空题 stem — `（ ）`, `( )`, `（  ）`, `____` (any length, full-width
/// too) — into `___`, the bank's blank mark. Returns the stem and its number of blanks.
pub fn normalise_blanks(stem: &str) -> (String, usize) {
    let mut out = String::with_capacity(stem.len());
    let mut blanks = 0;
    let mut chars = stem.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '_' | '＿' => {
                let mut run = 1;
                while chars.next_if(|c| matches!(c, '_' | '＿')).is_some() {
                    run += 1;
                }
                if run >= 2 {
                    out.push_str("___");
                    blanks += 1;
                } else {
                    out.push(c);
                }
            }
            '（' | '(' => {
                // A blank is brackets holding only spaces; stop at the first other character so
                // that a long run of unclosed brackets stays linear.
                let mut lookahead = chars.clone();
                let mut closed = false;
                for next in lookahead.by_ref() {
                    if matches!(next, '）' | ')') {
                        closed = true;
                        break;
                    }
                    if !(next.is_whitespace() || next == '\u{3000}') {
                        break;
                    }
                }
                if closed {
                    chars = lookahead;
                    out.push_str("___");
                    blanks += 1;
                } else {
                    out.push(c);
                }
            }
            _ => out.push(c),
        }
    }
    (out, blanks)
}

/// Splits a fill-in answer cell into blanks and each blank's accepted answers: blanks are
/// separated by `；`, `;`, `|`, `｜` or line breaks (or `，`/`、` when `expected` blanks need it);
/// a blank's alternatives by `/` or `／`.
pub fn fill_answers(cell: &str, expected: usize) -> Vec<Vec<String>> {
    let split = |text: &str, separators: &[char]| -> Vec<String> {
        text.split(|c| separators.contains(&c))
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let mut blanks = split(cell, &['；', ';', '|', '｜', '\n', '\r']);
    if blanks.len() < expected {
        let finer = split(
            cell,
            &['；', ';', '|', '｜', '\n', '\r', '，', ',', '、', ' ', '\u{3000}'],
        );
        if finer.len() == expected {
            blanks = finer;
        }
    }
    blanks
        .iter()
        .map(|blank| split(blank, &['/', '／']))
        .filter(|alternatives| !alternatives.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_in_every_usual_spelling() {
        for (cell, tag) in [
            ("单选题", KindTag::Single),
            ("单项选择题", KindTag::Single),
            ("【单选】", KindTag::Single),
            ("多项选择", KindTag::Multiple),
            ("不定项选择题", KindTag::Multiple),
            ("判断题", KindTag::Judge),
            ("是非题", KindTag::Judge),
            (" 填空题 ", KindTag::Fill),
            ("排序", KindTag::Order),
            ("Single", KindTag::Single),
        ] {
            assert_eq!(kind_word(cell), Some(KindWord::Known(tag)), "{cell}");
        }
        for cell in ["简答题", "计算题", "案例分析题", "论述"] {
            assert!(
                matches!(kind_word(cell), Some(KindWord::Unsupported(_))),
                "{cell}"
            );
        }
        assert_eq!(kind_word(""), None);
        assert_eq!(kind_word("苹果"), None);
    }

    #[test]
    fn judge_answers_in_every_spelling() {
        for cell in ["对", "正确", "√", "✓", "是", "A", "T", "true", "1", " 对。"] {
            assert_eq!(judge_answer(cell), Some(true), "{cell}");
        }
        for cell in ["错", "错误", "×", "x", "否", "B", "F", "false", "0"] {
            assert_eq!(judge_answer(cell), Some(false), "{cell}");
        }
        assert_eq!(judge_answer("不确定"), None);
        assert_eq!(judge_answer(""), None);
    }

    #[test]
    fn answer_letters_with_separators_and_full_width() {
        assert_eq!(answer_letters("ACD", 4), Ok(vec![0, 2, 3]));
        assert_eq!(answer_letters("A,C,D", 4), Ok(vec![0, 2, 3]));
        assert_eq!(answer_letters("d、a", 4), Ok(vec![0, 3]));
        assert_eq!(answer_letters("Ｂ", 4), Ok(vec![1]));
        assert_eq!(answer_letters("AA", 4), Ok(vec![0]));
        assert_eq!(
            answer_letters("E", 4),
            Err("答案 E 超出选项范围（共 4 个选项）".into())
        );
        assert_eq!(answer_letters("  ", 4), Err("缺少答案".into()));
        assert!(answer_letters("1921年", 4).is_err());
    }

    #[test]
    fn option_labels_are_stripped() {
        assert_eq!(strip_option_label("A. 1921年"), Some((0, "1921年")));
        assert_eq!(strip_option_label("B．遵义"), Some((1, "遵义")));
        assert_eq!(strip_option_label("C、瑞金"), Some((2, "瑞金")));
        assert_eq!(strip_option_label("（D）延安"), Some((3, "延安")));
        assert_eq!(strip_option_label("(a)上海"), Some((0, "上海")));
        assert_eq!(strip_option_label("Apple"), None);
        assert_eq!(strip_option_label("I. 其他"), None);
    }

    #[test]
    fn options_in_one_cell() {
        let expected = Some(vec!["上海".to_owned(), "嘉兴".to_owned(), "北京".to_owned()]);
        assert_eq!(split_options_cell("A.上海/B.嘉兴/C.北京"), expected);
        assert_eq!(split_options_cell("A、上海 B、嘉兴 C、北京"), expected);
        assert_eq!(split_options_cell("A．上海\nB．嘉兴\nC．北京"), expected);
        assert_eq!(split_options_cell("(A)上海(B)嘉兴(C)北京"), expected);
        assert_eq!(split_options_cell("上海/嘉兴"), None);
        assert_eq!(split_options_cell("A.只有一个"), None);
        // A letter inside an option is not a label.
        assert_eq!(
            split_options_cell("A.WTO B.APEC"),
            Some(vec!["WTO".to_owned(), "APEC".to_owned()])
        );
    }

    #[test]
    fn difficulty_words_numbers_and_stars() {
        assert_eq!(difficulty("简单"), Some(1));
        assert_eq!(difficulty("中等"), Some(3));
        assert_eq!(difficulty("困难"), Some(5));
        assert_eq!(difficulty("4"), Some(4));
        assert_eq!(difficulty("2.0"), Some(2));
        assert_eq!(difficulty("★★"), Some(2));
        assert_eq!(difficulty("9"), None);
        assert_eq!(difficulty("很容易吧"), None);
    }

    #[test]
    fn eras_from_chapter_names() {
        assert_eq!(era("土地革命战争时期"), Some(Era::LandRevolution));
        assert_eq!(era("第三章 抗战"), Some(Era::AntiJapanese));
        assert_eq!(era("NewEra"), Some(Era::NewEra));
        assert_eq!(era("党章党规"), Some(Era::General));
        assert_eq!(era("其他"), None);
    }

    #[test]
    fn blanks_become_the_bank_mark() {
        assert_eq!(
            normalise_blanks("中共一大于（  ）年在（）召开。"),
            ("中共一大于___年在___召开。".to_owned(), 2)
        );
        assert_eq!(
            normalise_blanks("遵义会议____召开"),
            ("遵义会议___召开".to_owned(), 1)
        );
        assert_eq!(
            normalise_blanks("（注：见下）a_b"),
            ("（注：见下）a_b".to_owned(), 0)
        );
        assert_eq!(normalise_blanks("未闭合（ "), ("未闭合（ ".to_owned(), 0));
        let unclosed = "（".repeat(20_000);
        assert_eq!(normalise_blanks(&unclosed), (unclosed.clone(), 0));
    }

    #[test]
    fn fill_answers_split_into_blanks_and_alternatives() {
        assert_eq!(
            fill_answers("1921；上海/嘉兴", 2),
            vec![
                vec!["1921".to_owned()],
                vec!["上海".to_owned(), "嘉兴".to_owned()]
            ]
        );
        assert_eq!(
            fill_answers("1921，上海", 2),
            vec![vec!["1921".to_owned()], vec!["上海".to_owned()]]
        );
        assert_eq!(
            fill_answers("实事求是，群众路线", 1),
            vec![vec!["实事求是，群众路线".to_owned()]]
        );
    }
}
