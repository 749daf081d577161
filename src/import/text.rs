//! 智能识别: questions recognised in text pasted from Word or a web page, as trainers write them —
//! numbered questions (`1.` `1、` `（1）` `第1题`), section headers that set the kind (`一、单选题`,
//! `【填空题】`), options on their own lines or several on one line, inline answers (`答案：B`,
//! `【答案】AB`) or an answer key at the end (`1-5 ABCDA`, `6.对 7.错`), and `解析`/`难度`/`出处`/`章节`
//! lines. Every question found becomes an [`ImportRow`]; text that is not a question is ignored.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::fields::{self, KindWord};
use super::{ImportOptions, ImportRow, excerpt, question_id};
use crate::bank::image::ImageRoot;
use crate::bank::model::DEFAULT_DIFFICULTY;
use crate::bank::validate::{option_letter, validate};
use crate::bank::{Bank, KindTag, Question, QuestionKind, Severity};

/// Most questions one range of an answer key (`1-5 ABCDA`) may cover.
const MAX_KEY_RANGE: u32 = 100;
/// How many lines after a bare `参考答案` line are looked at to see whether an answer key follows.
const KEY_LOOKAHEAD: usize = 50;
/// An answer written after `答案：` is read as an answer key only if no entry is longer than this.
const MAX_INLINE_KEY_ANSWER: usize = 20;

/// Recognises questions in text pasted from Word or a web page; every question found becomes an
/// ImportRow (location "第N题（第L行）", N counted among questions found, L the line where it starts,
/// from 1).
///
/// Questions of an unsupported kind (简答题 …) and malformed questions (no answer, an answer letter
/// beyond the options, a repeated number, options out of order) are listed with an error. Each
/// question that can be made is checked like a bank question; the checker's errors make the row
/// an error, its warnings (缺少解析 …) become the row's warnings.
pub fn import_text(text: &str, options: &ImportOptions) -> Vec<ImportRow> {
    let mut parser = Parser::new(text);
    parser.run();
    let scoped = parser.scope > 0;
    let key = key_map(parser.keys, scoped);
    let mut imported = 0;
    let mut rows = Vec::with_capacity(parser.drafts.len());
    for (index, draft) in parser.drafts.into_iter().enumerate() {
        let entries = key
            .get(&(draft.scope, draft.number))
            .map_or(&[][..], Vec::as_slice);
        let mut row = ImportRow {
            location: format!("第{}题（第{}行）", index + 1, draft.line),
            excerpt: excerpt(&draft.first_line),
            question: None,
            warnings: Vec::new(),
            error: None,
        };
        match make_question(draft, entries, options, imported, &mut row.warnings) {
            Ok(question) => {
                row.question = Some(question);
                imported += 1;
            }
            Err(error) => row.error = Some(error),
        }
        rows.push(row);
    }
    rows
}

/// How a question is numbered. Inside a question, a numbered line in another style that starts at
/// 1 (or goes on with such a list) is a list in the stem or 解析, not a new question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    /// `1.` `1．` `1、`
    Plain,
    /// `(1)` `（1）` `1)` `1）`
    Paren,
    /// `第1题`
    Di,
}

/// Where a plain line of text goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// The stem (after the options or the answer, with a warning).
    Stem,
    /// The explanation, until the next marker.
    Explanation,
    /// The answer, after a `【答案】` line with nothing after it.
    Answer,
}

/// A labelled field: `答案：`, `【解析】`, `难度：` …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    Answer,
    Explanation,
    Difficulty,
    Source,
    Chapter,
}

/// Marker words, longer first so that `答案解析` is not read as `答案`.
const MARKERS: [(&str, Marker); 12] = [
    ("参考答案", Marker::Answer),
    ("正确答案", Marker::Answer),
    ("标准答案", Marker::Answer),
    ("答案解析", Marker::Explanation),
    ("试题解析", Marker::Explanation),
    ("答案", Marker::Answer),
    ("解析", Marker::Explanation),
    ("难度", Marker::Difficulty),
    ("出处", Marker::Source),
    ("来源", Marker::Source),
    ("章节", Marker::Chapter),
    ("分类", Marker::Chapter),
];

/// Lines that announce an answer key when key entries follow them.
const KEY_HEADERS: [&str; 9] = [
    "答案",
    "参考答案",
    "标准答案",
    "正确答案",
    "答案解析",
    "答案与解析",
    "答案及解析",
    "参考答案与解析",
    "参考答案及解析",
];

/// A marker found in a line.
#[derive(Debug, PartialEq)]
struct Part<'a> {
    marker: Marker,
    /// Its text, up to the next marker.
    content: &'a str,
    /// Everything after the marker, other markers included.
    rest: &'a str,
}

/// One question as found, before it is checked.
#[derive(Debug)]
struct Draft {
    number: u32,
    style: Style,
    /// The style of a numbered list inside this question, once one has started.
    list_style: Option<Style>,
    /// Which numbering the number belongs to: sections that restart at 1 each start a new one.
    scope: usize,
    line: usize,
    first_line: String,
    kind: Option<KindWord>,
    stem: Vec<String>,
    /// Each option's label letter (as an index) and text.
    options: Vec<(usize, String)>,
    answer: Option<String>,
    explanation: Vec<String>,
    difficulty: Option<String>,
    source: Option<String>,
    chapter: Option<String>,
    target: Target,
    /// The line of an earlier question with the same number.
    duplicate_of: Option<usize>,
    warnings: Vec<String>,
}

impl Draft {
    /// Takes a line (or the part of it before any marker) that is not a marker.
    fn text(&mut self, text: &str, line: usize) {
        match self.target {
            Target::Explanation => self.explanation.push(text.to_owned()),
            Target::Answer => {
                self.target = Target::Stem;
                self.set_answer(text, line);
            }
            Target::Stem => {
                if let Some(items) = option_items(text) {
                    self.options.extend(items);
                } else if self.options.is_empty() && self.answer.is_none() {
                    match inline_options(text) {
                        Some((stem, items)) => {
                            if !stem.is_empty() {
                                self.stem.push(stem.to_owned());
                            }
                            self.options.extend(items);
                        }
                        None => self.stem.push(text.to_owned()),
                    }
                } else {
                    self.warnings.push(format!(
                        "第{line}行“{}”不是选项、答案或解析，已接在题干后",
                        excerpt(text)
                    ));
                    self.stem.push(text.to_owned());
                }
            }
        }
    }

    fn set_answer(&mut self, answer: &str, line: usize) {
        match &self.answer {
            None => self.answer = Some(answer.to_owned()),
            Some(first) if !same_answer(first, answer) => self.warnings.push(format!(
                "第{line}行又给出答案“{answer}”，与前面的“{first}”不同，采用前面的"
            )),
            Some(_) => {}
        }
    }

    /// Takes a marker of this question.
    fn apply(&mut self, part: &Part, line: usize) {
        self.target = Target::Stem;
        let content = part.content;
        match part.marker {
            Marker::Answer if content.is_empty() => self.target = Target::Answer,
            Marker::Answer => self.set_answer(content, line),
            Marker::Explanation => {
                if !content.is_empty() {
                    self.explanation.push(content.to_owned());
                }
                self.target = Target::Explanation;
            }
            _ if content.is_empty() => {}
            Marker::Difficulty => self.difficulty = Some(content.to_owned()),
            Marker::Source => self.source = Some(content.to_owned()),
            Marker::Chapter => self.chapter = Some(content.to_owned()),
        }
    }
}

/// One answer of the answer key.
#[derive(Debug)]
struct KeyEntry {
    number: u32,
    /// The answer, or why the key line could not be read for this question.
    answer: Result<String, String>,
    explanation: Vec<String>,
}

/// Reads the text line by line into drafts and answer-key entries.
struct Parser<'a> {
    lines: Vec<&'a str>,
    drafts: Vec<Draft>,
    current: Option<Draft>,
    /// The kind set by the last section header.
    section: Option<KindWord>,
    scope: usize,
    scope_max: u32,
    /// A section header was seen since the last question: numbering may restart.
    scope_pending: bool,
    /// First line of each (scope, number).
    seen: HashMap<(usize, u32), usize>,
    keys: Vec<KeyEntry>,
    key_mode: bool,
    /// The last key line had a 解析 that may go on.
    key_explaining: bool,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            lines: split_lines(text),
            drafts: Vec::new(),
            current: None,
            section: None,
            scope: 0,
            scope_max: 0,
            scope_pending: false,
            seen: HashMap::new(),
            keys: Vec::new(),
            key_mode: false,
            key_explaining: false,
        }
    }

    fn run(&mut self) {
        for index in 0..self.lines.len() {
            let line = clean(self.lines[index]);
            let line_no = index + 1;
            if line.is_empty() {
                continue;
            }
            if self.key_mode {
                if self.key_step(line) {
                    continue;
                }
                self.key_mode = false;
            }
            if is_key_header(line) && self.key_follows(index + 1) {
                self.finish();
                self.key_mode = true;
                self.key_explaining = false;
                continue;
            }
            if let Some((number, style, rest)) = question_start(line)
                && self.opens_question(number, style)
            {
                self.start(number, style, rest, line, line_no);
                continue;
            }
            if let Some(kind) = section_header(line) {
                self.finish();
                self.section = Some(kind);
                self.scope_pending = true;
                continue;
            }
            self.content(line, line_no);
        }
        self.finish();
    }

    /// Whether a numbered line starts a question rather than an item of a list inside one.
    fn opens_question(&mut self, number: u32, style: Style) -> bool {
        match self.current.as_mut() {
            Some(draft) if draft.style != style && (number == 1 || draft.list_style == Some(style)) => {
                draft.list_style = Some(style);
                false
            }
            _ => true,
        }
    }

    fn finish(&mut self) {
        if let Some(draft) = self.current.take() {
            self.drafts.push(draft);
        }
    }

    fn start(&mut self, number: u32, style: Style, rest: &str, line: &str, line_no: usize) {
        self.finish();
        if self.scope_pending && number <= self.scope_max {
            self.scope += 1;
            self.scope_max = 0;
        }
        self.scope_pending = false;
        self.scope_max = self.scope_max.max(number);
        let duplicate_of = match self.seen.entry((self.scope, number)) {
            Entry::Occupied(first) => Some(*first.get()),
            Entry::Vacant(slot) => {
                slot.insert(line_no);
                None
            }
        };
        let (tag, rest) = strip_kind_tag(rest);
        self.current = Some(Draft {
            number,
            style,
            list_style: None,
            scope: self.scope,
            line: line_no,
            first_line: line.to_owned(),
            kind: tag.or_else(|| self.section.clone()),
            stem: Vec::new(),
            options: Vec::new(),
            answer: None,
            explanation: Vec::new(),
            difficulty: None,
            source: None,
            chapter: None,
            target: Target::Stem,
            duplicate_of,
            warnings: Vec::new(),
        });
        if !rest.is_empty() {
            self.content(rest, line_no);
        }
    }

    /// A line inside a question: stem, options, or markers.
    fn content(&mut self, line: &str, line_no: usize) {
        let (lead, parts) = split_markers(line);
        let Some(draft) = self.current.as_mut() else {
            return;
        };
        if !lead.is_empty() {
            draft.text(lead, line_no);
        }
        for part in &parts {
            let Some(draft) = self.current.as_mut() else {
                return;
            };
            let unsupported = matches!(draft.kind, Some(KindWord::Unsupported(_)));
            if part.marker == Marker::Answer && !unsupported && is_inline_key(part.content) {
                // `参考答案：1-5 ABCDA`: the key starts here.
                self.finish();
                self.key_mode = true;
                self.key_explaining = false;
                self.key_step(part.rest);
                return;
            }
            draft.apply(part, line_no);
        }
    }

    /// Reads a line of the answer key; `false` if it starts a question instead.
    fn key_step(&mut self, line: &str) -> bool {
        let (lead, parts) = split_markers(line);
        if !lead.is_empty() {
            if let Some(entries) = key_line(lead) {
                self.keys.extend(entries);
                self.key_explaining = false;
            } else if section_header(lead).is_some() || is_key_header(lead) {
                self.key_explaining = false;
                return true;
            } else if question_start(lead).is_some() {
                return false;
            } else {
                if self.key_explaining
                    && let Some(last) = self.keys.last_mut()
                {
                    last.explanation.push(line.to_owned());
                }
                return true;
            }
        }
        for part in parts {
            if part.marker == Marker::Explanation
                && let Some(last) = self.keys.last_mut()
            {
                if !part.content.is_empty() {
                    last.explanation.push(part.content.to_owned());
                }
                self.key_explaining = true;
            }
        }
        true
    }

    /// Whether answer-key entries follow a `参考答案` line (blank lines and section headers between).
    fn key_follows(&self, from: usize) -> bool {
        self.lines[from.min(self.lines.len())..]
            .iter()
            .take(KEY_LOOKAHEAD)
            .map(|line| clean(line))
            .find(|line| !line.is_empty() && section_header(line).is_none() && !is_key_header(line))
            .is_some_and(|line| key_line(split_markers(line).0).is_some())
    }
}

/// Splits text into lines at `\r\n`, `\n` or a lone `\r`, dropping a leading byte-order mark.
fn split_lines(text: &str) -> Vec<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        if matches!(bytes[at], b'\n' | b'\r') {
            lines.push(&text[start..at]);
            if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at += 1;
            }
            start = at + 1;
        }
        at += 1;
    }
    lines.push(&text[start..]);
    lines
}

/// A line without surrounding blanks (full-width and zero-width ones too).
fn clean(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}'))
}

fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// The number at the start of `text` (at most 6 digits, full-width too), its digit count and the
/// rest.
fn leading_number(text: &str) -> Option<(u32, usize, &str)> {
    let mut value = 0u32;
    let mut digits = 0;
    let mut end = 0;
    for (at, c) in text.char_indices() {
        let Some(d) = digit(c) else { break };
        digits += 1;
        if digits > 6 {
            return None;
        }
        value = value * 10 + d;
        end = at + c.len_utf8();
    }
    (digits > 0).then_some((value, digits, &text[end..]))
}

/// Whether a number of `digits` digits followed by `rest` (which starts after the separator) is a
/// date or a decimal such as `1949.10.1` rather than a numbered item.
fn is_date_or_decimal(digits: usize, separator: char, rest: &str) -> bool {
    digits >= 4 && matches!(separator, '.' | '．') && rest.chars().next().and_then(digit).is_some()
}

/// A question number at the start of a line: `1.` `1．` `1、` `(1)` `（1）` `1)` `第1题`. Returns
/// the number, its style and the rest of the line. `1921年…` is not a question number.
fn question_start(line: &str) -> Option<(u32, Style, &str)> {
    if let Some(rest) = line.strip_prefix('第') {
        let (number, _, rest) = leading_number(rest.trim_start())?;
        let rest = rest.trim_start().strip_prefix('题')?.trim_start();
        let rest = rest.strip_prefix(['.', '．', '、', ':', '：']).unwrap_or(rest);
        return Some((number, Style::Di, rest.trim_start()));
    }
    if let Some(rest) = line.strip_prefix(['(', '（']) {
        let (number, _, rest) = leading_number(rest.trim_start())?;
        let rest = rest.trim_start().strip_prefix([')', '）'])?;
        return Some((number, Style::Paren, rest.trim_start()));
    }
    let (number, digits, rest) = leading_number(line)?;
    let separator = rest.chars().next()?;
    let style = match separator {
        '.' | '．' | '、' => Style::Plain,
        ')' | '）' => Style::Paren,
        _ => return None,
    };
    let rest = &rest[separator.len_utf8()..];
    if is_date_or_decimal(digits, separator, rest) {
        return None;
    }
    Some((number, style, rest.trim_start()))
}

/// Strips a section number: `一、` `二.` `（三）` `第四部分` `第五大题`. Returns the rest and whether a
/// number was there.
fn strip_section_number(line: &str) -> (&str, bool) {
    let is_numeral = |c: char| "一二三四五六七八九十".contains(c);
    let line = line.trim();
    if let Some(rest) = line.strip_prefix('第') {
        let after = rest.trim_start_matches(is_numeral);
        if after.len() < rest.len()
            && let Some(after) = after.strip_prefix("部分").or_else(|| after.strip_prefix("大题"))
        {
            return (after.trim_start_matches([':', '：', '、']).trim(), true);
        }
    }
    if let Some(rest) = line.strip_prefix(['(', '（']) {
        let after = rest.trim_start_matches(is_numeral);
        if after.len() < rest.len()
            && let Some(after) = after.strip_prefix([')', '）'])
        {
            return (after.trim(), true);
        }
    }
    let after = line.trim_start_matches(is_numeral);
    if after.len() < line.len()
        && let Some(after) = after.strip_prefix(['、', '.', '．', ' ', '\u{3000}'])
    {
        return (after.trim(), true);
    }
    (line, false)
}

/// A section header: `一、单选题`, `二、多项选择题（每题2分）`, `【填空题】`, `单选题：`, `判断题`.
/// An unsupported kind (`四、简答题`) counts only with a section number, brackets or a colon, so that
/// a title such as `党史知识测试题` is not one.
fn section_header(line: &str) -> Option<KindWord> {
    let (text, mut marked) = strip_section_number(line);
    let mut word = text;
    if let Some(inner) = word
        .strip_prefix(['【', '['])
        .and_then(|w| w.strip_suffix(['】', ']']))
    {
        word = inner.trim();
        marked = true;
    }
    if let Some(at) = word.find([':', '：']) {
        word = &word[..at];
        marked = true;
    }
    if let Some(at) = word.find(['（', '(']).filter(|&at| at > 0) {
        word = &word[..at];
    }
    let word = word.split_whitespace().next()?;
    match fields::kind_word(word)? {
        KindWord::Known(tag) => Some(KindWord::Known(tag)),
        unsupported => marked.then_some(unsupported),
    }
}

/// A line that announces an answer key: `参考答案`, `【答案】`, `答案：`, `六、参考答案`.
fn is_key_header(line: &str) -> bool {
    let (text, _) = strip_section_number(line);
    let word: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '【' | '】' | '[' | ']' | ':' | '：'))
        .collect();
    KEY_HEADERS.contains(&word.as_str())
}

/// A kind written at the start of a stem: `【排序题】`, `[多选题]`, `（单选题）`. Unsupported kinds
/// count only in square brackets.
fn strip_kind_tag(text: &str) -> (Option<KindWord>, &str) {
    let Some(open) = text
        .chars()
        .next()
        .filter(|c| matches!(c, '【' | '[' | '（' | '('))
    else {
        return (None, text);
    };
    let Some(close_at) = text.find(['】', ']', '）', ')']) else {
        return (None, text);
    };
    let inner = &text[open.len_utf8()..close_at];
    let square = matches!(open, '【' | '[');
    match fields::kind_word(inner) {
        Some(word) if square || matches!(word, KindWord::Known(_)) => {
            let close = text[close_at..].chars().next().map_or(0, char::len_utf8);
            (Some(word), text[close_at + close..].trim_start())
        }
        _ => (None, text),
    }
}

/// The marker starting at byte `at` of `line`, with where its content starts: `【答案】`, `[解析]`
/// anywhere; `答案：`, `解析:` at the start, after a blank or after closing punctuation; a marker
/// word alone on a line (`答案`).
fn marker_at(line: &str, at: usize) -> Option<(Marker, usize)> {
    let rest = &line[at..];
    if let Some(inner) = rest.strip_prefix(['【', '[']) {
        let (close, _) = inner
            .char_indices()
            .take(8)
            .find(|&(_, c)| matches!(c, '】' | ']'))?;
        let word = inner[..close].trim();
        let &(_, marker) = MARKERS.iter().find(|(w, _)| *w == word)?;
        let after = &inner[close..];
        let after = after.get(after.chars().next()?.len_utf8()..)?;
        let after = after.strip_prefix([':', '：']).unwrap_or(after);
        return Some((marker, line.len() - after.len()));
    }
    let boundary = line[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "。．.，,；;！!？?）)】]".contains(c));
    if !boundary {
        return None;
    }
    MARKERS.iter().find_map(|&(word, marker)| {
        let after = rest.strip_prefix(word)?.trim_start();
        match after.strip_prefix([':', '：']) {
            Some(content) => Some((marker, line.len() - content.len())),
            None => (at == 0 && after.is_empty()).then_some((marker, line.len())),
        }
    })
}

/// Splits a line into the text before any marker and its markers.
fn split_markers(line: &str) -> (&str, Vec<Part<'_>>) {
    let mut found: Vec<(usize, Marker, usize)> = Vec::new();
    let mut from = 0;
    for (at, _) in line.char_indices() {
        if at < from {
            continue;
        }
        if let Some((marker, content)) = marker_at(line, at) {
            found.push((at, marker, content));
            from = content;
        }
    }
    let lead = &line[..found.first().map_or(line.len(), |&(at, _, _)| at)];
    let parts = found
        .iter()
        .enumerate()
        .map(|(i, &(_, marker, content))| {
            let end = found.get(i + 1).map_or(line.len(), |&(next, _, _)| next);
            Part {
                marker,
                content: line[content..end].trim(),
                rest: &line[content..],
            }
        })
        .collect();
    (lead.trim(), parts)
}

/// The options on a line that starts with a label: `A.上海`, `A.上海  B.嘉兴`, `C、北京 D、广州`,
/// `(A)上海(B)嘉兴`, `A.上海B.嘉兴`. A later label after a blank or in brackets must have a later
/// letter; one run on to the text before it must be the next letter.
fn option_items(text: &str) -> Option<Vec<(usize, String)>> {
    let (first, _) = fields::strip_option_label(text)?;
    let mut starts = vec![(0, first)];
    let mut last = first;
    for (at, c) in text.char_indices().skip(1) {
        if c.is_whitespace() {
            continue;
        }
        let Some((letter, _)) = fields::strip_option_label(&text[at..]) else {
            continue;
        };
        let before = text[..at].chars().next_back();
        let set_off = before.is_some_and(char::is_whitespace) || matches!(c, '(' | '（');
        let accepted = if set_off {
            letter > last
        } else {
            letter == last + 1 && before.is_some_and(|b| !b.is_ascii_alphabetic())
        };
        if accepted {
            starts.push((at, letter));
            last = letter;
        }
    }
    let mut items = Vec::with_capacity(starts.len());
    for (i, &(start, _)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(text.len(), |&(next, _)| next);
        let (letter, rest) = fields::strip_option_label(&text[start..end])?;
        let rest = rest.trim().trim_end_matches(['/', '|', '；', ';']).trim();
        items.push((letter, rest.to_owned()));
    }
    Some(items)
}

/// Options at the end of a stem line: `中共一大在（ ）召开 A.上海 B.北京`. Only labels A, B, … in
/// order count.
fn inline_options(text: &str) -> Option<(&str, Vec<(usize, String)>)> {
    text.char_indices()
        .skip(1)
        .filter(|&(at, c)| {
            !c.is_whitespace()
                && text[..at]
                    .chars()
                    .next_back()
                    .is_some_and(|b| !b.is_ascii_alphabetic())
                && fields::strip_option_label(&text[at..]).is_some_and(|(letter, _)| letter == 0)
        })
        .take(3)
        .find_map(|(at, _)| {
            let items = option_items(&text[at..])?;
            let in_order = items.len() >= 2 && items.iter().enumerate().all(|(i, &(letter, _))| i == letter);
            in_order.then(|| (text[..at].trim_end(), items))
        })
}

/// Where an answer-key entry starts: `5.` `5、` `5：` `5)` or a range `1-5`. Returns the first and
/// last number and where the answer starts.
fn key_start(text: &str) -> Option<(u32, u32, usize)> {
    let (first, digits, rest) = leading_number(text)?;
    let trimmed = rest.trim_start();
    if let Some(after_dash) = trimmed.strip_prefix(['-', '－', '—', '–', '~', '～', '〜']) {
        let (last, _, after) = leading_number(after_dash.trim_start())?;
        let after = after.trim_start();
        let after = after.strip_prefix([':', '：', '.', '．', '、']).unwrap_or(after);
        if last <= first || last - first >= MAX_KEY_RANGE {
            return None;
        }
        return Some((first, last, text.len() - after.len()));
    }
    let separator = rest.chars().next()?;
    if !matches!(separator, '.' | '．' | '、' | ':' | '：' | ')' | '）') {
        return None;
    }
    let after = &rest[separator.len_utf8()..];
    if is_date_or_decimal(digits, separator, after) {
        return None;
    }
    Some((first, first, text.len() - after.len()))
}

/// Whether text after a number looks like a question rather than an answer: it has a blank or a
/// question mark.
fn looks_like_stem(text: &str) -> bool {
    text.contains(['?', '？']) || fields::normalise_blanks(text).1 > 0
}

/// Reads a line of an answer key: `1-5 ABCDA`, `6-10 AB ABC BD ACD AB`, `1.A 2.B 3.AC`, `1、对 2、错`,
/// `11. 1921；上海`. `None` if the line is not one.
fn key_line(line: &str) -> Option<Vec<KeyEntry>> {
    let mut starts: Vec<(usize, u32, u32, usize)> = Vec::new();
    let mut from = 0;
    for (at, c) in line.char_indices() {
        let boundary = line[..at]
            .chars()
            .next_back()
            .is_none_or(|b| b.is_whitespace() || matches!(b, ',' | '，' | ';' | '；'));
        if at < from || c.is_whitespace() || !boundary {
            continue;
        }
        if let Some((first, last, content)) = key_start(&line[at..]) {
            starts.push((at, first, last, at + content));
            from = at + content;
        }
    }
    if starts.first().is_none_or(|&(at, ..)| at != 0) {
        return None;
    }
    let mut entries = Vec::new();
    for (i, &(_, first, last, content)) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(line.len(), |&(next, ..)| next);
        let answer = line[content..end]
            .trim()
            .trim_end_matches([',', '，', ';', '；'])
            .trim();
        if answer.is_empty() || looks_like_stem(answer) {
            return None;
        }
        if first == last {
            entries.push(KeyEntry {
                number: first,
                answer: Ok(answer.to_owned()),
                explanation: Vec::new(),
            });
            continue;
        }
        let count = (last - first + 1) as usize;
        let is_separator = |c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；');
        let tokens: Vec<String> = answer
            .split(is_separator)
            .filter(|token| !token.is_empty())
            .map(str::to_owned)
            .collect();
        let chars: Vec<String> = answer
            .chars()
            .filter(|&c| !is_separator(c))
            .map(String::from)
            .collect();
        let answers = if tokens.len() == count {
            Ok(tokens)
        } else if chars.len() == count {
            Ok(chars)
        } else {
            Err(format!("答案表“{first}-{last} {answer}”的答案个数与题数不符"))
        };
        for (offset, number) in (first..=last).enumerate() {
            let answer = match &answers {
                Ok(list) => Ok(list[offset].clone()),
                Err(message) => Err(message.clone()),
            };
            entries.push(KeyEntry {
                number,
                answer,
                explanation: Vec::new(),
            });
        }
    }
    Some(entries)
}

/// Whether the text after `答案：` is an answer key (`1-5 ABCDA`, `1.A 2.B`) rather than one answer.
fn is_inline_key(content: &str) -> bool {
    key_line(content).is_some_and(|entries| {
        entries.len() >= 2
            && entries.iter().all(|entry| {
                entry
                    .answer
                    .as_ref()
                    .is_ok_and(|a| a.chars().count() <= MAX_INLINE_KEY_ANSWER)
            })
    })
}

/// Groups key entries by (scope, number). When sections restart their numbering, so does the key.
fn key_map(keys: Vec<KeyEntry>, scoped: bool) -> HashMap<(usize, u32), Vec<KeyEntry>> {
    let mut map: HashMap<(usize, u32), Vec<KeyEntry>> = HashMap::new();
    let mut scope = 0;
    let mut max = 0;
    for entry in keys {
        if scoped && entry.number <= max {
            scope += 1;
            max = 0;
        }
        max = max.max(entry.number);
        map.entry((scope, entry.number)).or_default().push(entry);
    }
    map
}

/// Whether two answers say the same: the same judge value, the same letters, or the same text.
fn same_answer(a: &str, b: &str) -> bool {
    if let (Some(x), Some(y)) = (fields::judge_answer(a), fields::judge_answer(b)) {
        return x == y;
    }
    if let (Ok(x), Ok(y)) = (fields::answer_letters(a, 8), fields::answer_letters(b, 8)) {
        return x == y;
    }
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    squeeze(a) == squeeze(b)
}

/// Whether the options are just 正确 and 错误 (a judge question written as a choice).
fn is_judge_pair(options: &[String]) -> bool {
    match options {
        [a, b] => matches!(
            (fields::judge_answer(a), fields::judge_answer(b)),
            (Some(x), Some(y)) if x != y
        ),
        _ => false,
    }
}

/// Where an empty `（ ）` at the very end of `text` starts.
fn trailing_place(text: &str) -> Option<usize> {
    let inside = text.trim_end().strip_suffix([')', '）'])?;
    let before = inside.trim_end().strip_suffix(['(', '（'])?;
    Some(before.len())
}

/// Removes the answer place `（ ）` at the end of a judge or order stem, before a final full stop or
/// after it: `…召开。（ ）` and `…召开（ ）。` both become `…召开。`.
fn strip_answer_place(stem: &str) -> String {
    let stem = stem.trim_end();
    if let Some(at) = trailing_place(stem) {
        return stem[..at].trim_end().to_owned();
    }
    if let Some(stop) = stem.chars().next_back().filter(|c| "。.？?！!".contains(*c)) {
        let body = &stem[..stem.len() - stop.len_utf8()];
        if let Some(at) = trailing_place(body) {
            return format!("{}{stop}", body[..at].trim_end());
        }
    }
    stem.to_owned()
}

/// The kind of a question no header names: options and one letter → 单选, several → 多选, options
/// 正确/错误 → 判断; no options: a judge word (对/错/√/×/正确/错误 …, not a letter) and no blank
/// inside the stem → 判断, blanks → 填空.
fn infer_kind(stem: &str, options: &[String], answer: &str) -> Result<KindTag, String> {
    if !options.is_empty() {
        if is_judge_pair(options) {
            return Ok(KindTag::Judge);
        }
        let letters = fields::answer_letters(answer, options.len())?;
        return Ok(if letters.len() == 1 {
            KindTag::Single
        } else {
            KindTag::Multiple
        });
    }
    let judge_word =
        fields::judge_answer(answer).is_some() && !answer.chars().any(|c| c.is_ascii_alphanumeric());
    if judge_word && fields::normalise_blanks(&strip_answer_place(stem)).1 == 0 {
        return Ok(KindTag::Judge);
    }
    if fields::normalise_blanks(stem).1 > 0 {
        return Ok(KindTag::Fill);
    }
    Err(
        "认不出题型：没有选项，题干中也没有（ ）或 ___ 这样的空；可在题目前加“一、填空题”这样的题型标题"
            .into(),
    )
}

/// A judge answer: a judge word, or the letter of the option 正确 or 错误.
fn judge_value(options: &[String], answer: &str) -> Result<bool, String> {
    let wrong = || format!("判断题答案“{answer}”应为 对/错、正确/错误、√/× 这样的词");
    if options.is_empty() {
        return fields::judge_answer(answer).ok_or_else(wrong);
    }
    if !is_judge_pair(options) {
        return Err("判断题的选项只能是“正确”“错误”两项".into());
    }
    match fields::answer_letters(answer, options.len()).as_deref() {
        Ok([index]) => fields::judge_answer(&options[*index]).ok_or_else(wrong),
        Ok(_) => Err(wrong()),
        Err(_) => fields::judge_answer(answer).ok_or_else(wrong),
    }
}

/// The items of an order question: the options in the order the answer's letters give.
fn order_items(options: &[String], answer: &str) -> Result<Vec<String>, String> {
    let wrong = || format!("排序题答案“{answer}”应按正确顺序把每个选项的字母各写一次，如 BCAD");
    let mut order: Vec<usize> = Vec::with_capacity(options.len());
    for c in answer
        .chars()
        .filter(|c| !c.is_whitespace() && !"，,、;；-—>→".contains(*c))
    {
        let index = fields::letter_index(c).filter(|&index| index < options.len() && !order.contains(&index));
        let Some(index) = index else {
            return Err(wrong());
        };
        order.push(index);
    }
    if order.len() != options.len() {
        return Err(wrong());
    }
    Ok(order.into_iter().map(|index| options[index].clone()).collect())
}

/// The kind with its data, and the final stem.
fn build_kind(
    tag: Option<KindTag>,
    stem: &str,
    options: &[String],
    answer: &str,
) -> Result<(QuestionKind, String), String> {
    let tag = match tag {
        Some(tag) => tag,
        None => infer_kind(stem, options, answer)?,
    };
    Ok(match tag {
        KindTag::Single => {
            let letters = fields::answer_letters(answer, options.len())?;
            let [answer_index] = letters[..] else {
                return Err(format!("单选题只能有一个答案，这里是“{answer}”"));
            };
            let kind = QuestionKind::Single {
                options: options.to_vec(),
                answer: answer_index,
            };
            (kind, stem.to_owned())
        }
        KindTag::Multiple => {
            let answers = fields::answer_letters(answer, options.len())?;
            let kind = QuestionKind::Multiple {
                options: options.to_vec(),
                answers,
            };
            (kind, stem.to_owned())
        }
        KindTag::Judge => {
            let kind = QuestionKind::Judge {
                answer: judge_value(options, answer)?,
            };
            (kind, strip_answer_place(stem))
        }
        KindTag::Fill => {
            if !options.is_empty() {
                return Err("填空题不应有选项".into());
            }
            let (stem, count) = fields::normalise_blanks(stem);
            let kind = QuestionKind::Fill {
                blanks: fields::fill_answers(answer, count),
            };
            (kind, stem)
        }
        KindTag::Order => {
            let kind = QuestionKind::Order {
                items: order_items(options, answer)?,
            };
            (kind, strip_answer_place(stem))
        }
    })
}

/// Makes and checks the question of a draft; `Err` is the row's error.
fn make_question(
    draft: Draft,
    key: &[KeyEntry],
    options: &ImportOptions,
    imported: usize,
    warnings: &mut Vec<String>,
) -> Result<Question, String> {
    warnings.extend(draft.warnings);
    let tag = match draft.kind {
        Some(KindWord::Unsupported(word)) => return Err(format!("不支持的题型“{word}”，未导入")),
        Some(KindWord::Known(tag)) => Some(tag),
        None => None,
    };
    if let Some(line) = draft.duplicate_of {
        return Err(format!("题号 {0} 重复：第{line}行已有第 {0} 题", draft.number));
    }
    for (position, &(letter, _)) in draft.options.iter().enumerate() {
        if letter != position {
            return Err(format!(
                "选项顺序有误：第 {} 个选项标为 {}，应为 {}",
                position + 1,
                option_letter(letter),
                option_letter(position)
            ));
        }
    }
    let first_key = key.first();
    if let Some(Ok(first)) = first_key.map(|entry| &entry.answer) {
        for other in key[1..].iter().filter_map(|entry| entry.answer.as_ref().ok()) {
            if !same_answer(first, other) {
                warnings.push(format!(
                    "答案表中第 {} 题有两个答案“{first}”和“{other}”，采用前一个",
                    draft.number
                ));
            }
        }
    }
    let answer = match (draft.answer, first_key.map(|entry| &entry.answer)) {
        (Some(inline), key_answer) => {
            if let Some(Ok(key_answer)) = key_answer
                && !same_answer(&inline, key_answer)
            {
                warnings.push(format!(
                    "题内答案“{inline}”与答案表的“{key_answer}”不一致，采用题内答案"
                ));
            }
            inline
        }
        (None, Some(Ok(key_answer))) => key_answer.clone(),
        (None, Some(Err(error))) => return Err(error.clone()),
        (None, None) => return Err("没有找到答案".into()),
    };
    let option_texts: Vec<String> = draft.options.into_iter().map(|(_, text)| text).collect();
    let (kind, stem) = build_kind(tag, &draft.stem.join("\n"), &option_texts, &answer)?;
    let explanation = match (draft.explanation.is_empty(), first_key) {
        (true, Some(entry)) => entry.explanation.join("\n"),
        _ => draft.explanation.join("\n"),
    };
    let difficulty = match &draft.difficulty {
        None => DEFAULT_DIFFICULTY,
        Some(text) => fields::difficulty(text).unwrap_or_else(|| {
            warnings.push(format!("认不出难度“{text}”，按 {DEFAULT_DIFFICULTY} 处理"));
            DEFAULT_DIFFICULTY
        }),
    };
    let (era, tags) = match draft.chapter {
        None => (options.default_era, Vec::new()),
        Some(chapter) => {
            let era = fields::era(&chapter).unwrap_or_else(|| {
                warnings.push(format!(
                    "认不出章节“{chapter}”属于哪个时期，按“{}”处理",
                    options.default_era.label()
                ));
                options.default_era
            });
            (era, vec![chapter])
        }
    };
    let question = Question {
        id: question_id(options, imported),
        stem,
        kind,
        explanation,
        source: draft.source.unwrap_or_default(),
        era,
        tags,
        difficulty,
        image: None,
    };
    let mut bank = Bank {
        id: "import".into(),
        title: "导入".into(),
        version: 0,
        description: String::new(),
        questions: vec![question],
    };
    let findings = validate(&bank, &ImageRoot::Bundled);
    let errors: Vec<&str> = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .map(|finding| finding.message.as_str())
        .collect();
    if !errors.is_empty() {
        return Err(errors.join("；"));
    }
    warnings.extend(findings.into_iter().map(|finding| finding.message));
    let Some(question) = bank.questions.pop() else {
        return Err("没有题目".into());
    };
    Ok(question)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::bank::Era;
    use crate::import::RowStatus;

    fn parse(text: &str) -> Vec<ImportRow> {
        import_text(text, &ImportOptions::default())
    }

    /// The question of the only row, which must be imported.
    fn question(text: &str) -> Question {
        let rows = parse(text);
        assert_eq!(rows.len(), 1, "{rows:#?}");
        let Some(question) = rows[0].question.clone() else {
            panic!("not imported: {:#?}", rows[0]);
        };
        question
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|item| (*item).to_owned()).collect()
    }

    fn single(options: &[&str], answer: usize) -> QuestionKind {
        QuestionKind::Single {
            options: strings(options),
            answer,
        }
    }

    const FOUR: [&str; 4] = ["1919年", "1920年", "1921年", "1922年"];

    #[test]
    fn every_numbering_style_starts_a_question() {
        for number in [
            "1.",
            "1．",
            "1、",
            "(1)",
            "（1）",
            "1)",
            "1）",
            "第1题",
            "第 1 题：",
            "  1. ",
        ] {
            let text = format!(
                "{number}中国共产党第一次全国代表大会召开于（ ）\nA.1919年 B.1920年 C.1921年 D.1922年\n答案：C"
            );
            let q = question(&text);
            assert_eq!(q.stem, "中国共产党第一次全国代表大会召开于（ ）", "{number}");
            assert_eq!(q.kind, single(&FOUR, 2), "{number}");
        }
    }

    #[test]
    fn a_year_at_line_start_is_not_a_number() {
        let q = question(
            "1.下列说法正确的是（ ）\n1921年7月召开的中共一大宣告了党的成立\nA.对 B.错\n答案：A\n解析：见下。\n1921年…这一行接在解析后",
        );
        assert_eq!(
            q.stem,
            "下列说法正确的是（ ）\n1921年7月召开的中共一大宣告了党的成立"
        );
        assert_eq!(q.kind, QuestionKind::Judge { answer: true });
        assert_eq!(q.explanation, "见下。\n1921年…这一行接在解析后");
        assert_eq!(question_start("1921年中共一大召开"), None);
        assert_eq!(question_start("1949.10.1 开国大典"), None);
        assert_eq!(question_start("99999999999. 太大"), None);
        assert_eq!(
            question_start("12.1935年1月"),
            Some((12, Style::Plain, "1935年1月"))
        );
    }

    #[test]
    fn title_and_blank_lines_before_question_one_are_ignored() {
        let rows = parse(
            "党史知识竞赛试题\n（满分100分）\n\nA.不是选项\n答案：B\n\n1.遵义会议召开于1935年1月。（ ）\n答案：对\n解析：会议在贵州遵义举行。",
        );
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].location, "第1题（第7行）");
        assert_eq!(rows[0].excerpt, "1.遵义会议召开于1935年1月。（ ）");
        assert_eq!(rows[0].status(), RowStatus::Ok, "{rows:#?}");
    }

    #[test]
    fn section_headers_set_the_kind_until_the_next() {
        let text = "一、单选题\n1.古田会议召开于（ ）。\nA.1927年 B.1928年 C.1929年\n答案：C\n\
                    二、多项选择题（每题2分）\n2.出席中共一大的代表有（ ）。\nA.毛泽东 B.董必武 C.孙中山\n答案：AB\n\
                    三、判断题\n3.遵义会议召开于1935年1月。（ ）\n答案：A\n\
                    【填空题】\n4.中华人民共和国成立于（ ）年。\n答案：1949\n\
                    单选题：\n5.中共一大最后一天的会议转移到（ ）举行。\nA.上海 B.嘉兴南湖\n答案：B";
        let rows = parse(text);
        let kinds: Vec<Option<KindTag>> = rows
            .iter()
            .map(|row| row.question.as_ref().map(|q| q.kind.tag()))
            .collect();
        assert_eq!(
            kinds,
            [
                KindTag::Single,
                KindTag::Multiple,
                KindTag::Judge,
                KindTag::Fill,
                KindTag::Single
            ]
            .map(Some)
        );
        assert_eq!(
            rows[2].question.as_ref().map(|q| &q.kind),
            Some(&QuestionKind::Judge { answer: true })
        );
        assert_eq!(
            rows[3].question.as_ref().map(|q| q.stem.as_str()),
            Some("中华人民共和国成立于___年。")
        );
    }

    #[test]
    fn unsupported_sections_list_their_questions_as_errors() {
        let rows = parse(
            "四、简答题\n1.简述遵义会议的历史意义。\n答案：1.确立了毛泽东的领导地位 2.挽救了党和红军\n\
             五、单选题\n2.遵义会议召开于（ ）年。\nA.1934 B.1935\n答案：B",
        );
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].error.as_deref(), Some("不支持的题型“简答题”，未导入"));
        assert_eq!(rows[0].question, None);
        assert_eq!(rows[1].question.as_ref().map(|q| q.id.as_str()), Some("imp-0001"));
        // A title ending in 题 is not a section.
        assert_eq!(section_header("党史知识测试题"), None);
        assert_eq!(
            section_header("五、简答题（每题10分）"),
            Some(KindWord::Unsupported("简答题".into()))
        );
        assert_eq!(section_header("判断题"), Some(KindWord::Known(KindTag::Judge)));
        assert_eq!(
            section_header("（二）多选题"),
            Some(KindWord::Known(KindTag::Multiple))
        );
        assert_eq!(
            section_header("第三部分 填空题"),
            Some(KindWord::Known(KindTag::Fill))
        );
    }

    #[test]
    fn options_in_every_layout() {
        for layout in [
            "A.1919年\nB.1920年\nC.1921年\nD.1922年",
            "A、1919年\nB、1920年\nC、1921年\nD、1922年",
            "(A)1919年\n(B)1920年\n(C)1921年\n(D)1922年",
            "Ａ．1919年\nＢ．1920年\nＣ．1921年\nＤ．1922年",
            "A.1919年  B.1920年  C.1921年  D.1922年",
            "A.1919年 B.1920年\nC.1921年 D.1922年",
            "A.1919年B.1920年C.1921年D.1922年",
            "（A）1919年（B）1920年（C）1921年（D）1922年",
        ] {
            let q = question(&format!("1.中共一大召开于（ ）\n{layout}\n答案：C"));
            assert_eq!(q.kind, single(&FOUR, 2), "{layout}");
            assert_eq!(q.stem, "中共一大召开于（ ）", "{layout}");
        }
        let q = question("1.中共一大召开于（ ） A.1919年 B.1920年 C.1921年 D.1922年 答案：C");
        assert_eq!(q.kind, single(&FOUR, 2));
        assert_eq!(q.stem, "中共一大召开于（ ）");
        // Letters inside an option are not labels.
        let q = question("1.我国于（ ）年加入世界贸易组织\nA.2001 WTO B.APEC\n答案：A");
        assert_eq!(q.kind, single(&["2001 WTO", "APEC"], 0));
    }

    #[test]
    fn inline_answers_in_every_spelling() {
        let choice = "1.中共一大召开于（ ）\nA.1919年 B.1920年 C.1921年 D.1922年\n";
        for line in [
            "答案：C",
            "答案: C",
            "【答案】C",
            "正确答案：C",
            "参考答案：C",
            "标准答案：Ｃ",
            "【答案】\nC",
        ] {
            let q = question(&format!("{choice}{line}"));
            assert_eq!(q.kind, single(&FOUR, 2), "{line}");
        }
        let q = question("1.中共一大的代表有（ ）\nA.毛泽东 B.董必武 C.孙中山\n答案: AB");
        assert_eq!(
            q.kind,
            QuestionKind::Multiple {
                options: strings(&["毛泽东", "董必武", "孙中山"]),
                answers: vec![0, 1]
            }
        );
        let q = question("1.遵义会议于1935年1月召开。（ ）\n正确答案：对");
        assert_eq!(
            (q.stem.as_str(), &q.kind),
            ("遵义会议于1935年1月召开。", &QuestionKind::Judge { answer: true })
        );
        let q = question("1.中共一大于（ ）年在（ ）召开。\n参考答案：1921；上海");
        assert_eq!(q.stem, "中共一大于___年在___召开。");
        assert_eq!(
            q.kind,
            QuestionKind::Fill {
                blanks: vec![strings(&["1921"]), strings(&["上海"])]
            }
        );
        // Answer and explanation on the stem's line.
        let q = question("1.古田会议召开于1929年12月。（ ）答案：对 解析：会议在福建上杭古田召开。");
        assert_eq!(q.stem, "古田会议召开于1929年12月。");
        assert_eq!(q.explanation, "会议在福建上杭古田召开。");
        let q =
            question("1.古田会议召开于1929年12月（ ）【答案】√【解析】会议确立了思想建党、政治建军的原则。");
        assert_eq!(q.kind, QuestionKind::Judge { answer: true });
        assert_eq!(q.explanation, "会议确立了思想建党、政治建军的原则。");
    }

    #[test]
    fn an_answer_inside_the_brackets_is_not_guessed() {
        let rows = parse("1.中共一大于（B）年召开\nA.1920 B.1921");
        assert_eq!(rows[0].error.as_deref(), Some("没有找到答案"));
    }

    #[test]
    fn an_answer_key_at_the_end() {
        let text = "1.中共一大召开于（ ）\nA.1919年 B.1920年 C.1921年 D.1922年\n\
                    2.中共一大的代表有（ ）\nA.毛泽东 B.董必武 C.孙中山\n\
                    3.遵义会议于1935年1月召开。（ ）\n\
                    4.中华人民共和国于（ ）年（ ）月1日成立。\n\
                    \n参考答案\n1-2 C AB\n3、对 4. 1949；10\n";
        let rows = parse(text);
        let kinds: Vec<_> = rows
            .iter()
            .map(|row| row.question.as_ref().map(|q| q.kind.clone()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                Some(single(&FOUR, 2)),
                Some(QuestionKind::Multiple {
                    options: strings(&["毛泽东", "董必武", "孙中山"]),
                    answers: vec![0, 1]
                }),
                Some(QuestionKind::Judge { answer: true }),
                Some(QuestionKind::Fill {
                    blanks: vec![strings(&["1949"]), strings(&["10"])]
                }),
            ]
        );
        // The key maps numbers as written, not the order found.
        let rows = parse("5.遵义会议召开于1935年。（ ）\n3.古田会议召开于1935年。（ ）\n答案\n3.错\n5.对");
        let answers: Vec<_> = rows
            .iter()
            .map(|row| row.question.as_ref().map(|q| q.kind.clone()))
            .collect();
        assert_eq!(
            answers,
            [
                Some(QuestionKind::Judge { answer: true }),
                Some(QuestionKind::Judge { answer: false })
            ]
        );
    }

    #[test]
    fn key_lines_in_every_style() {
        let answers = |line: &str| -> Option<Vec<(u32, Result<String, String>)>> {
            key_line(line).map(|entries| {
                entries
                    .into_iter()
                    .map(|entry| (entry.number, entry.answer))
                    .collect()
            })
        };
        let ok = |number: u32, answer: &str| (number, Ok(answer.to_owned()));
        assert_eq!(
            answers("1-5 ABCDA"),
            Some(vec![ok(1, "A"), ok(2, "B"), ok(3, "C"), ok(4, "D"), ok(5, "A")])
        );
        assert_eq!(
            answers("6-8 AB ABC BD"),
            Some(vec![ok(6, "AB"), ok(7, "ABC"), ok(8, "BD")])
        );
        assert_eq!(
            answers("1.A 2.B 3.AC"),
            Some(vec![ok(1, "A"), ok(2, "B"), ok(3, "AC")])
        );
        assert_eq!(answers("1、对 2、错"), Some(vec![ok(1, "对"), ok(2, "错")]));
        assert_eq!(answers("11. 1921；上海"), Some(vec![ok(11, "1921；上海")]));
        assert_eq!(answers("9-10：√×"), Some(vec![ok(9, "√"), ok(10, "×")]));
        let wrong = Err("答案表“1-3 AB”的答案个数与题数不符".to_owned());
        assert_eq!(
            answers("1-3 AB"),
            Some(vec![(1, wrong.clone()), (2, wrong.clone()), (3, wrong)])
        );
        assert_eq!(answers("1921年中共一大召开"), None);
        assert_eq!(answers("6.中共二大于（ ）年召开"), None);
        assert_eq!(answers("A.上海"), None);
        assert_eq!(answers("1-99999 A"), None);
    }

    #[test]
    fn key_with_explanations_and_inline_key() {
        let rows = parse(
            "1.遵义会议召开于1935年1月。（ ）\n2.古田会议召开于1935年。（ ）\n\
             答案与解析\n1.对\n解析：遵义会议于1935年1月在贵州遵义召开，\n是党的历史上一个生死攸关的转折点。\n2.错 解析：古田会议召开于1929年12月。",
        );
        let explanations: Vec<_> = rows
            .iter()
            .map(|row| row.question.as_ref().map(|q| q.explanation.as_str()))
            .collect();
        assert_eq!(
            explanations,
            [
                Some("遵义会议于1935年1月在贵州遵义召开，\n是党的历史上一个生死攸关的转折点。"),
                Some("古田会议召开于1929年12月。")
            ]
        );
        let rows = parse("1.遵义会议召开于1935年1月。（ ）\n2.古田会议召开于1935年。（ ）\n参考答案：1-2 √×");
        let answers: Vec<_> = rows
            .iter()
            .map(|row| row.question.as_ref().map(|q| q.kind.clone()))
            .collect();
        assert_eq!(
            answers,
            [
                Some(QuestionKind::Judge { answer: true }),
                Some(QuestionKind::Judge { answer: false })
            ]
        );
    }

    #[test]
    fn inline_answer_wins_over_the_key() {
        let rows = parse("1.遵义会议召开于1935年1月。（ ）\n答案：对\n\n参考答案\n1.错\n");
        assert_eq!(
            rows[0].question.as_ref().map(|q| q.kind.clone()),
            Some(QuestionKind::Judge { answer: true })
        );
        assert_eq!(
            rows[0].warnings,
            strings(&[
                "题内答案“对”与答案表的“错”不一致，采用题内答案",
                "缺少解析 explanation：答错的人需要知道为什么"
            ])
        );
        let rows = parse("1.遵义会议召开于1935年1月。（ ）\n答案：对\n解析：见史料。\n参考答案\n1.√\n");
        assert_eq!(rows[0].status(), RowStatus::Ok, "{rows:#?}");
    }

    #[test]
    fn a_key_that_answers_twice_keeps_the_first() {
        let found = parse("1.遵义会议召开于1935年1月。（ ）\n解析：略。\n参考答案\n1.对\n1.错");
        assert_eq!(
            found[0].question.as_ref().map(|q| q.kind.clone()),
            Some(QuestionKind::Judge { answer: true })
        );
        assert_eq!(
            found[0].warnings,
            strings(&["答案表中第 1 题有两个答案“对”和“错”，采用前一个"])
        );
        let found =
            parse("1.遵义会议召开于1935年1月。（ ）\n2.古田会议召开于1929年12月。（ ）\n参考答案\n1-2 A");
        let errors: Vec<_> = found.iter().map(|row| row.error.as_deref()).collect();
        assert_eq!(errors, [Some("答案表“1-2 A”的答案个数与题数不符"); 2]);
    }

    #[test]
    fn sections_that_restart_numbering_have_their_own_key() {
        let text = "一、单选题\n1.遵义会议召开于（ ）年。\nA.1934 B.1935\n2.古田会议召开于（ ）年。\nA.1929 B.1930\n\
                    二、判断题\n1.中共一大在上海开幕。（ ）\n2.中共一大在北京闭幕。（ ）\n\
                    参考答案\n一、单选题\n1-2 BA\n二、判断题\n1.对 2.错";
        let kinds: Vec<_> = parse(text)
            .into_iter()
            .map(|row| row.question.map(|q| q.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                Some(single(&["1934", "1935"], 1)),
                Some(single(&["1929", "1930"], 0)),
                Some(QuestionKind::Judge { answer: true }),
                Some(QuestionKind::Judge { answer: false }),
            ]
        );
    }

    #[test]
    fn explanation_difficulty_source_and_chapter() {
        let q = question(
            "1.遵义会议召开于（ ）年。\nA.1934 B.1935\n答案：B\n解析：遵义会议于1935年1月召开。\n会议事实上确立了毛泽东在党中央和红军的领导地位。\n难度：较难\n出处：《中国共产党简史》\n章节：土地革命战争时期",
        );
        assert_eq!(
            q.explanation,
            "遵义会议于1935年1月召开。\n会议事实上确立了毛泽东在党中央和红军的领导地位。"
        );
        assert_eq!(q.difficulty, 4);
        assert_eq!(q.source, "《中国共产党简史》");
        assert_eq!(q.era, Era::LandRevolution);
        assert_eq!(q.tags, strings(&["土地革命战争时期"]));
        assert_eq!(q.id, "imp-0001");
        let rows = parse(
            "1.遵义会议召开于（ ）年。\nA.1934 B.1935\n答案：B\n解析：略。\n难度：一言难尽\n分类：其他\n来源：课本",
        );
        let Some(q) = &rows[0].question else {
            panic!("{rows:#?}")
        };
        assert_eq!(
            (q.difficulty, q.era, q.source.as_str()),
            (DEFAULT_DIFFICULTY, Era::General, "课本")
        );
        assert_eq!(q.tags, strings(&["其他"]));
        assert_eq!(
            rows[0].warnings,
            strings(&[
                "认不出难度“一言难尽”，按 3 处理",
                "认不出章节“其他”属于哪个时期，按“综合（党章党规、精神谱系等）”处理"
            ])
        );
    }

    #[test]
    fn default_era_comes_from_the_options() {
        let options = ImportOptions {
            id_prefix: "zy".into(),
            default_era: Era::LandRevolution,
        };
        let rows = import_text("1.遵义会议召开于1935年1月。（ ）\n答案：对\n解析：略。", &options);
        let Some(q) = &rows[0].question else {
            panic!("{rows:#?}")
        };
        assert_eq!((q.id.as_str(), q.era), ("zy-0001", Era::LandRevolution));
    }

    #[test]
    fn kinds_inferred_without_a_header() {
        let kind = |text: &str| question(text).kind.tag();
        assert_eq!(
            kind("1.中共一大召开于（ ）\nA.1920 B.1921\n答案：B"),
            KindTag::Single
        );
        assert_eq!(
            kind("1.中共一大的代表有（ ）\nA.毛泽东 B.董必武 C.孙中山\n答案：A、B"),
            KindTag::Multiple
        );
        assert_eq!(kind("1.遵义会议召开于1935年1月。\n答案：正确"), KindTag::Judge);
        assert_eq!(kind("1.遵义会议召开于____年1月。\n答案：1935"), KindTag::Fill);
        assert_eq!(
            kind("1.遵义会议召开的时间是（  ）\n答案：1935年1月"),
            KindTag::Fill
        );
        // A judge question written as a choice between 正确 and 错误.
        let q = question("1.古田会议召开于1929年12月。（ ）\nA.错误 B.正确\n答案：B");
        assert_eq!(
            (q.stem.as_str(), q.kind),
            ("古田会议召开于1929年12月。", QuestionKind::Judge { answer: true })
        );
        // A letter with no options is not taken for a judge answer.
        let rows = parse("1.遵义会议召开于1935年1月。\n答案：B");
        assert_eq!(
            rows[0].error.as_deref(),
            Some(
                "认不出题型：没有选项，题干中也没有（ ）或 ___ 这样的空；可在题目前加“一、填空题”这样的题型标题"
            )
        );
    }

    #[test]
    fn order_questions_only_by_header_or_tag() {
        let items = strings(&["中共一大召开", "古田会议召开", "遵义会议召开"]);
        let q = question(
            "1.【排序题】将下列事件按时间先后排序（ ）\nA.遵义会议召开\nB.中共一大召开\nC.古田会议召开\n答案：BCA",
        );
        assert_eq!(q.stem, "将下列事件按时间先后排序");
        assert_eq!(q.kind, QuestionKind::Order { items: items.clone() });
        let q = question(
            "五、排序题\n1.将下列事件按时间先后排序。\nA.遵义会议召开 B.中共一大召开 C.古田会议召开\n答案：B、C、A",
        );
        assert_eq!(q.kind, QuestionKind::Order { items });
        let rows = parse(
            "五、排序题\n1.将下列事件按时间先后排序。\nA.遵义会议召开 B.中共一大召开 C.古田会议召开\n答案：BA",
        );
        assert_eq!(
            rows[0].error.as_deref(),
            Some("排序题答案“BA”应按正确顺序把每个选项的字母各写一次，如 BCAD")
        );
        // Without a header, BCA is a multiple choice.
        assert_eq!(
            question("1.下列会议召开于1930年代之前的有（ ）\nA.遵义会议 B.中共一大 C.古田会议\n答案：BC")
                .kind
                .tag(),
            KindTag::Multiple
        );
    }

    #[test]
    fn answer_places_are_stripped_from_judge_stems_only() {
        assert_eq!(
            strip_answer_place("遵义会议于1935年召开。（ ）"),
            "遵义会议于1935年召开。"
        );
        assert_eq!(
            strip_answer_place("遵义会议于1935年召开（  ）。"),
            "遵义会议于1935年召开。"
        );
        assert_eq!(
            strip_answer_place("遵义会议于1935年召开( )"),
            "遵义会议于1935年召开"
        );
        assert_eq!(strip_answer_place("遵义会议（1935年）"), "遵义会议（1935年）");
        // Choice stems keep theirs: the bank checker wants one.
        assert_eq!(
            question("1.遵义会议召开于（ ）\nA.1934年 B.1935年\n答案：B").stem,
            "遵义会议召开于（ ）"
        );
    }

    #[test]
    fn malformed_questions_are_row_errors() {
        let text = "1.中共一大召开于（ ）\nA.1919年 B.1920年 C.1921年 D.1922年\n\
                    2.中共一大召开于（ ）\nA.1919年 B.1920年 C.1921年 D.1922年\n答案：E\n\
                    2.遵义会议召开于1935年1月。（ ）\n答案：对\n\
                    3.中共一大召开于（ ）\nA.1919年\nC.1920年\nB.1921年\n答案：B\n\
                    4.中共一大的代表有（ ）\nA.毛泽东 B.董必武 C.孙中山\n答案：AB\n多选题：\n\
                    5.中共一大的代表有（ ）\nA.毛泽东 B.董必武 C.孙中山\n答案：A\n\
                    单选题\n6.中共一大召开于（ ）\nA.1920年 B.1921年\n答案：AB";
        let errors: Vec<_> = parse(text).into_iter().map(|row| row.error).collect();
        assert_eq!(
            errors,
            vec![
                Some("没有找到答案".into()),
                Some("答案 E 超出选项范围（共 4 个选项）".into()),
                Some("题号 2 重复：第3行已有第 2 题".into()),
                Some("选项顺序有误：第 2 个选项标为 C，应为 B".into()),
                None,
                Some("多选题至少要有 2 个正确答案，现在有 1 个".into()),
                Some("单选题只能有一个答案，这里是“AB”".into()),
            ]
        );
    }

    #[test]
    fn ids_count_imported_questions_only() {
        let text = "1.遵义会议召开于1935年1月。（ ）\n2.古田会议召开于1929年12月。（ ）\n答案：对\n3.中共一大在上海开幕。（ ）\n答案：对";
        let ids: Vec<_> = parse(text)
            .into_iter()
            .map(|row| row.question.map(|q| q.id))
            .collect();
        assert_eq!(ids, [None, Some("imp-0001".into()), Some("imp-0002".into())]);
    }

    #[test]
    fn stray_lines_join_the_stem_or_explanation_they_follow() {
        let rows = parse(
            "1.遵义会议召开于（ ）年。\n（本题考查长征）\nA.1934 B.1935\n这一行无处可去\n答案：B\n解析：会议在遵义召开。\n补充：会议纠正了错误的军事路线。",
        );
        let Some(q) = &rows[0].question else {
            panic!("{rows:#?}")
        };
        assert_eq!(
            q.stem,
            "遵义会议召开于（ ）年。\n（本题考查长征）\n这一行无处可去"
        );
        assert_eq!(
            q.explanation,
            "会议在遵义召开。\n补充：会议纠正了错误的军事路线。"
        );
        assert_eq!(
            rows[0].warnings,
            strings(&["第4行“这一行无处可去”不是选项、答案或解析，已接在题干后"])
        );
        // A list in another numbering style stays in the explanation.
        let q = question(
            "1.遵义会议召开于1935年1月。（ ）\n答案：对\n解析：会议的意义：\n（1）确立了毛泽东的领导地位；\n（2）挽救了党和红军。",
        );
        assert_eq!(
            q.explanation,
            "会议的意义：\n（1）确立了毛泽东的领导地位；\n（2）挽救了党和红军。"
        );
    }

    #[test]
    fn numbering_styles_may_mix_but_lists_stay_inside() {
        let text = "1．遵义会议召开于1935年1月。（ ）\n答案：对\n解析：略。\n\
                    (2) 古田会议召开于1929年12月。（ ）\n答案：对\n解析：会议决议的要点：\n1.思想建党；\n2.政治建军。\n\
                    (3)中共一大在北京开幕。（ ）\n答案：错\n解析：中共一大在上海开幕。";
        let found = parse(text);
        let explanations: Vec<_> = found
            .iter()
            .map(|row| row.question.as_ref().map(|q| q.explanation.as_str()))
            .collect();
        // (2) starts a question although 1． came before: it is not a list starting at 1. In the
        // second question 1. starts a list and 2. goes on with it; (3) is the question's own style.
        assert_eq!(
            explanations,
            [
                Some("略。"),
                Some("会议决议的要点：\n1.思想建党；\n2.政治建军。"),
                Some("中共一大在上海开幕。")
            ]
        );
    }

    #[test]
    fn kind_tags_in_the_stem() {
        let found = parse("1.【简答题】简述古田会议的意义。\n答案：确立了思想建党、政治建军的原则。");
        assert_eq!(found[0].error.as_deref(), Some("不支持的题型“简答题”，未导入"));
        let q = question(
            "判断题\n1.【单选题】古田会议召开于（ ）。\nA.1929年12月 B.1935年1月\n答案：A\n解析：略。",
        );
        assert_eq!(
            (q.stem.as_str(), q.kind.tag()),
            ("古田会议召开于（ ）。", KindTag::Single)
        );
        // Brackets that hold something else stay in the stem.
        assert_eq!(strip_kind_tag("（2分）遵义会议…").1, "（2分）遵义会议…");
        assert_eq!(strip_kind_tag("（本题为简答题）…").0, None);
    }

    #[test]
    fn markers_alone_on_their_line_take_the_next_lines() {
        let q = question(
            "1.遵义会议召开于（ ）年。\nA.1934 B.1935\n【答案】\nB\n【解析】\n遵义会议于1935年1月召开。\n难度\n来源：《中国共产党简史》",
        );
        assert_eq!(q.kind, single(&["1934", "1935"], 1));
        assert_eq!(q.explanation, "遵义会议于1935年1月召开。");
        assert_eq!(q.source, "《中国共产党简史》");
        let (lead, parts) = split_markers("中共一大召开。答案：对【解析】见《中国共产党简史》。难度：2");
        assert_eq!(lead, "中共一大召开。");
        let found: Vec<_> = parts.iter().map(|part| (part.marker, part.content)).collect();
        assert_eq!(
            found,
            [
                (Marker::Answer, "对"),
                (Marker::Explanation, "见《中国共产党简史》。"),
                (Marker::Difficulty, "2")
            ]
        );
        // A marker word inside a sentence is not a marker.
        assert_eq!(split_markers("这道题的答案：见下").1, []);
    }

    #[test]
    fn line_numbers_with_mixed_line_ends() {
        let rows = parse(
            "标题\r\n\r\n1.遵义会议召开于1935年1月。（ ）\r答案：对\n2.古田会议召开于1929年12月。（ ）\r\n答案：对",
        );
        let locations: Vec<_> = rows.iter().map(|row| row.location.as_str()).collect();
        assert_eq!(locations, ["第1题（第3行）", "第2题（第5行）"]);
        assert_eq!(split_lines("\u{feff}a\r\nb\rc\n"), ["a", "b", "c", ""]);
    }

    #[test]
    fn validator_warnings_become_row_warnings() {
        let rows = parse("1.遵义会议召开于哪一年\nA.1934 B.1935\n答案：B");
        assert_eq!(rows[0].status(), RowStatus::Warning);
        assert_eq!(
            rows[0].warnings,
            strings(&[
                "缺少解析 explanation：答错的人需要知道为什么",
                "选择题题干中没有括号（ ）、填空线 ___ 或问号"
            ])
        );
        let rows = parse("1.中共一大于（ ）年在（ ）召开。\n答案：1921\n解析：略。");
        assert_eq!(
            rows[0].error.as_deref(),
            Some("题干中有 2 个空（用 ___ 表示），但 blanks 给出了 1 组答案")
        );
    }

    #[test]
    fn nasty_input_does_not_panic() {
        for text in [
            "",
            "\n\r\n\r",
            "。。。，，，！！？？（（（）））",
            "A.",
            "1.",
            "1.\nA.",
            "1.A.",
            "99999999999.",
            "99999999999999999999999999999999.题",
            "第99999999999999999题",
            "(((((((((",
            "1.（（（（（ 【【【【 [[[[\nA.（\n答案：（",
            "1.)))))】】】】\n答案】",
            "【答案】【解析】【难度】【出处】【章节】",
            "1.x\n【答案】",
            "1.x\n【",
            "1.x\n答案：1-99999 A",
            "参考答案\n1-5 ABCDA\n1-3\n-\n1.\n",
            "1.x\r\n答案：\r\n\r\n",
            "1.x（ ）\nA.a B.b\n答案：ABCDEFGHIJ",
            "五、排序题\n1.x\n答案：AAAA",
            "一、\n二、题\n【】\n[]\n第题\n第一部分",
            "1、对 2、错",
            "1.\u{3000}\u{200b}\u{feff}",
            "ａ．ｂ．Ａ．Ｈ．Ｉ．",
            "1.x\nH.h\n答案：H",
        ] {
            let _ = parse(text);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics(text in "[0-9A-Ha-c一二、.．()（）【】:：\\-_ \u{3000}\r\n答案解析难度题选对错√×年]{0,80}") {
            let found = parse(&text);
            for (index, row) in found.iter().enumerate() {
                let prefix = format!("第{}题（第", index + 1);
                prop_assert!(row.location.starts_with(&prefix));
                prop_assert_eq!(row.question.is_some(), row.error.is_none());
            }
        }
    }
}
