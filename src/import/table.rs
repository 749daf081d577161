//! Turning the rows of a sheet into questions. The header row is found among the first rows (the
//! 考试宝 template and ours have an explanation row above it) and its column names are matched
//! flexibly; every row below it becomes an [`ImportRow`], checked by the same validator as
//! `dangshi check`.

use std::collections::HashMap;

use super::fields::{self, KindWord};
use super::sheet::Sheet;
use super::{ImportOptions, ImportRow, excerpt, question_id};
use crate::bank::image::{ImageRoot, check_relative_path};
use crate::bank::model::DEFAULT_DIFFICULTY;
use crate::bank::validate::validate;
use crate::bank::{Bank, KindTag, Question, QuestionKind, Severity};

/// How many rows from the top of a sheet are searched for the header row.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// Which column holds what, found from the header row. Column numbers count from 0 in the
/// sheet's rows; `None`: the sheet has no such column.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    /// 题型.
    pub kind: Option<usize>,
    /// 题干.
    pub stem: Option<usize>,
    /// One column per option: (letter index, 0 for A; column), in letter order.
    pub options: Vec<(usize, usize)>,
    /// Every option in one cell (选项): `A.上海/B.嘉兴`, one per line ….
    pub options_cell: Option<usize>,
    /// 答案.
    pub answer: Option<usize>,
    /// 解析.
    pub explanation: Option<usize>,
    /// 难度.
    pub difficulty: Option<usize>,
    /// 章节/分类/知识点: becomes a tag, and gives the era if it names one.
    pub chapter: Option<usize>,
    /// 出处.
    pub source: Option<usize>,
    /// 标签, several in one cell.
    pub tags: Option<usize>,
    /// 时期 (our template): the era.
    pub era: Option<usize>,
    /// 编号 (our template): the question's id, when it is not a plain row number.
    pub id: Option<usize>,
    /// 配图 (our template): the picture's path, relative to the bank's folder.
    pub image: Option<usize>,
}

/// A column holding one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Kind,
    Stem,
    OptionsCell,
    Answer,
    Explanation,
    Difficulty,
    Chapter,
    Tags,
    Source,
    Era,
    Id,
    Image,
}

/// The header names accepted for each field, normalised (see [`normalise_header`]); the first is
/// the one shown in messages.
const NAMES: [(Field, &[&str]); 12] = [
    (Field::Kind, &["题型", "试题类型", "题目类型", "类型"]),
    (
        Field::Stem,
        &["题干", "题目", "题目内容", "问题内容", "试题内容", "问题"],
    ),
    (Field::OptionsCell, &["选项", "选项内容", "备选项"]),
    (Field::Answer, &["答案", "正确答案", "标准答案", "参考答案"]),
    (Field::Explanation, &["解析", "答案解析", "试题解析", "解释"]),
    (Field::Difficulty, &["难度", "难易度", "难易程度"]),
    (Field::Chapter, &["章节", "分类", "知识点", "所属章节", "类别"]),
    (Field::Tags, &["标签"]),
    (Field::Source, &["出处", "来源", "参考出处"]),
    (Field::Era, &["时期", "历史时期", "所属时期"]),
    (Field::Id, &["编号", "题目编号", "试题编号", "id"]),
    (Field::Image, &["配图", "图片"]),
];

impl Columns {
    fn slot(&mut self, field: Field) -> &mut Option<usize> {
        match field {
            Field::Kind => &mut self.kind,
            Field::Stem => &mut self.stem,
            Field::OptionsCell => &mut self.options_cell,
            Field::Answer => &mut self.answer,
            Field::Explanation => &mut self.explanation,
            Field::Difficulty => &mut self.difficulty,
            Field::Chapter => &mut self.chapter,
            Field::Tags => &mut self.tags,
            Field::Source => &mut self.source,
            Field::Era => &mut self.era,
            Field::Id => &mut self.id,
            Field::Image => &mut self.image,
        }
    }

    /// The columns a header row names; when a name appears twice the first column counts.
    fn from_header(row: &[String]) -> Columns {
        let mut columns = Columns::default();
        for (column, cell) in row.iter().enumerate() {
            let name = normalise_header(cell);
            if let Some(letter) = option_letter(&name) {
                if !columns.options.iter().any(|&(l, _)| l == letter) {
                    columns.options.push((letter, column));
                }
            } else if let Some((field, _)) = NAMES.iter().find(|(_, names)| names.contains(&name.as_str())) {
                columns.slot(*field).get_or_insert(column);
            }
        }
        columns.options.sort_unstable();
        columns
    }
}

/// A header cell for matching: no blanks, full-width letters and brackets made half-width, lower
/// case, without a leading `*` or a trailing `(必填)`, `(选填)`, `*` or `:`.
fn normalise_header(cell: &str) -> String {
    let half_width = |c: char| match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '【' => '[',
        '】' => ']',
        _ => c,
    };
    let name: String = cell
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(half_width)
        .flat_map(char::to_lowercase)
        .collect();
    let mut name = name.as_str();
    loop {
        let before = name.len();
        for suffix in ["(必填)", "(选填)", "(可选)", "(非必填)", "[必填]", "*", ":"] {
            name = name.strip_suffix(suffix).unwrap_or(name);
        }
        name = name.strip_prefix('*').unwrap_or(name);
        if name.len() == before {
            return name.to_owned();
        }
    }
}

/// The letter index of an option column's normalised name: `选项a`, `a`, `a选项`, `选项1` (A) … up
/// to H.
fn option_letter(name: &str) -> Option<usize> {
    let (rest, numbered) = match (name.strip_prefix("选项"), name.strip_suffix("选项")) {
        (Some(rest), _) => (rest, true),
        (None, Some(rest)) => (rest, false),
        (None, None) => (name, false),
    };
    let mut chars = rest.chars();
    let (Some(c), None) = (chars.next(), chars.next()) else {
        return None;
    };
    match c {
        'a'..='h' => Some(c as usize - 'a' as usize),
        '1'..='8' if numbered => Some(c as usize - '1' as usize),
        _ => None,
    }
}

/// Finds the header row among the first [`HEADER_SEARCH_ROWS`] rows: the first row with a stem
/// column (题干, 题目 …) and an answer column (答案 …) or a kind column (题型 …). Returns its index
/// and the columns it names.
pub fn find_header(rows: &[Vec<String>]) -> Option<(usize, Columns)> {
    rows.iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(index, row)| {
            let columns = Columns::from_header(row);
            let found = columns.stem.is_some() && (columns.answer.is_some() || columns.kind.is_some());
            found.then_some((index, columns))
        })
}

/// Why no header was found, listing the names we accept.
fn no_header_message() -> String {
    let names: Vec<String> = NAMES
        .iter()
        .map(|(_, names)| match names.split_first() {
            Some((first, [])) => (*first).to_owned(),
            Some((first, others)) => format!("{first}（或 {}）", others.join("、")),
            None => String::new(),
        })
        .collect();
    format!(
        "没有找到表头：前 {HEADER_SEARCH_ROWS} 行中没有一行同时有“题干”列和“答案”或“题型”列。\
         可以识别的列名：{}；各选项一列时为 选项A–选项H（或 A–H、A选项、选项1–选项8）",
        names.join("；")
    )
}

/// Every row below the header as an [`ImportRow`] located `第N行` (N counts like Excel, from 1).
/// Rows whose cells are all empty are skipped silently; every other row gives an `ImportRow`,
/// imported or with the reason it is not. Imported questions are numbered in row order for
/// [`question_id`], unless the 编号 column gives an id (a plain number there is taken for a row
/// number and ignored). `Err` (in Chinese) when no header row is found.
pub fn import_rows(sheet: &Sheet, options: &ImportOptions) -> Result<Vec<ImportRow>, String> {
    let Some((header, columns)) = find_header(&sheet.rows) else {
        return Err(no_header_message());
    };
    let mut results = Vec::new();
    // Ids given so far, with the row that used them.
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (index, cells) in sheet.rows.iter().enumerate().skip(header + 1) {
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let stem = cell(cells, columns.stem);
        let text = if stem.is_empty() {
            cells
                .iter()
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            stem.to_owned()
        };
        let mut row = ImportRow {
            location: format!("第{}行", index + 1),
            excerpt: excerpt(&text),
            question: None,
            warnings: Vec::new(),
            error: None,
        };
        let given_id = cell(cells, columns.id);
        let id = if given_id.is_empty() || given_id.chars().all(|c| c.is_ascii_digit()) {
            question_id(options, ids.len())
        } else {
            given_id.to_owned()
        };
        let result = read_row(cells, &columns, options, &mut row.warnings).and_then(|mut question| {
            if let Some(first) = ids.get(&id) {
                return Err(format!("编号“{id}”与第{first}行重复"));
            }
            question.id = id.clone();
            check_question(question, &mut row.warnings)
        });
        match result {
            Ok(question) => {
                ids.insert(id, index + 1);
                row.question = Some(question);
            }
            Err(error) => {
                row.warnings.clear();
                row.error = Some(error);
            }
        }
        results.push(row);
    }
    Ok(results)
}

/// Runs the bank validator on the question alone: errors refuse it (joined with `；`), warnings
/// are added to `warnings`. The picture path is checked on its own, since its file lives wherever
/// the bank will be saved.
fn check_question(mut question: Question, warnings: &mut Vec<String>) -> Result<Question, String> {
    let image = question.image.take();
    let bank = Bank {
        id: "import".into(),
        title: "导入".into(),
        version: 0,
        description: String::new(),
        questions: vec![question],
    };
    let mut errors = Vec::new();
    if let Some(image) = &image
        && let Err(error) = check_relative_path(image)
    {
        errors.push(error.to_string());
    }
    for finding in validate(&bank, &ImageRoot::Bundled) {
        if finding.question.is_none() {
            continue;
        }
        match finding.severity {
            Severity::Error => errors.push(finding.message),
            Severity::Warning => warnings.push(finding.message),
        }
    }
    if !errors.is_empty() {
        return Err(errors.join("；"));
    }
    let mut question = bank.questions.into_iter().next().ok_or("没有题目")?;
    question.image = image;
    Ok(question)
}

/// The trimmed text of `column` in `cells`; `""` when there is no such column or cell.
fn cell(cells: &[String], column: Option<usize>) -> &str {
    column.and_then(|c| cells.get(c)).map_or("", |text| text.trim())
}

/// The letter of option `index`: 0 → A.
fn letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map_or('?', |i| char::from(b'A' + i))
}

/// Reads one non-empty row into a question (its id still empty), adding warnings; `Err` with the
/// reason it cannot be imported.
fn read_row(
    cells: &[String],
    columns: &Columns,
    options: &ImportOptions,
    warnings: &mut Vec<String>,
) -> Result<Question, String> {
    let kind_cell = cell(cells, columns.kind);
    let stem = cell(cells, columns.stem);
    let answer = cell(cells, columns.answer);
    let choices = row_options(cells, columns);
    let tag = match fields::kind_word(kind_cell) {
        Some(KindWord::Known(tag)) => Some(tag),
        Some(KindWord::Unsupported(word)) => return Err(format!("不支持的题型“{word}”，未导入")),
        None if !kind_cell.is_empty() => {
            return Err(format!(
                "无法识别题型“{kind_cell}”（应为 单选题、多选题、判断题、填空题 或 排序题）"
            ));
        }
        None => None,
    };
    if stem.is_empty() {
        return Err("题干为空".into());
    }
    let tag = match tag {
        Some(tag) => tag,
        None => infer_kind(stem, &choices.clone()?, answer)?,
    };
    let (stem, kind) = match tag {
        KindTag::Single => {
            let choices = choices?;
            let answer = single_answer(answer, &choices)?;
            (
                stem.to_owned(),
                QuestionKind::Single {
                    options: choices,
                    answer,
                },
            )
        }
        KindTag::Multiple => {
            let choices = choices?;
            let answers = multiple_answers(answer, &choices)?;
            (
                stem.to_owned(),
                QuestionKind::Multiple {
                    options: choices,
                    answers,
                },
            )
        }
        KindTag::Judge => {
            let answer = judge(answer, choices.as_deref().unwrap_or_default())?;
            (stem.to_owned(), QuestionKind::Judge { answer })
        }
        KindTag::Fill => {
            let (stem, blanks) = fill(stem, answer, choices)?;
            (stem, QuestionKind::Fill { blanks })
        }
        KindTag::Order => {
            let choices = choices?;
            let items = if answer.is_empty() {
                warnings.push("没有答案，按选项顺序作为正确顺序".into());
                choices
            } else {
                order(answer, choices.len())?
                    .into_iter()
                    .filter_map(|index| choices.get(index).cloned())
                    .collect()
            };
            (stem.to_owned(), QuestionKind::Order { items })
        }
    };
    let difficulty = match cell(cells, columns.difficulty) {
        "" => DEFAULT_DIFFICULTY,
        text => fields::difficulty(text).unwrap_or_else(|| {
            warnings.push(format!("难度“{text}”无法识别，记为 {DEFAULT_DIFFICULTY}"));
            DEFAULT_DIFFICULTY
        }),
    };
    let era_cell = cell(cells, columns.era);
    let chapter = cell(cells, columns.chapter);
    let tags_cell = cell(cells, columns.tags);
    let era = [era_cell, chapter, tags_cell]
        .into_iter()
        .find_map(fields::era)
        .unwrap_or_else(|| {
            if !era_cell.is_empty() || !chapter.is_empty() {
                warnings.push(format!("未识别时期，记为{}", options.default_era.label()));
            }
            options.default_era
        });
    let mut tags: Vec<String> = Vec::new();
    let tag_words =
        tags_cell.split(|c: char| c.is_whitespace() || matches!(c, '，' | ',' | '、' | ';' | '；'));
    for word in std::iter::once(chapter).chain(tag_words) {
        let word = word.trim();
        if !word.is_empty() && !tags.iter().any(|t| t == word) {
            tags.push(word.to_owned());
        }
    }
    let image = cell(cells, columns.image);
    Ok(Question {
        id: String::new(),
        stem,
        kind,
        explanation: cell(cells, columns.explanation).to_owned(),
        source: cell(cells, columns.source).to_owned(),
        era,
        tags,
        difficulty,
        image: (!image.is_empty()).then(|| image.to_owned()),
    })
}

/// The options of a row: the option columns A, B, … up to the last one filled (a gap is an error),
/// or else the one-cell 选项 column split into options. Empty when there are none.
fn row_options(cells: &[String], columns: &Columns) -> Result<Vec<String>, String> {
    let filled: Vec<(usize, &str)> = columns
        .options
        .iter()
        .map(|&(letter, column)| (letter, cell(cells, Some(column))))
        .filter(|(_, text)| !text.is_empty())
        .collect();
    if let Some(&(last, _)) = filled.last() {
        return (0..=last)
            .map(|index| match filled.iter().find(|(letter, _)| *letter == index) {
                Some((_, text)) => Ok((*text).to_owned()),
                None => Err(format!("选项 {} 为空", letter(index))),
            })
            .collect();
    }
    let all = cell(cells, columns.options_cell);
    if all.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(options) = fields::split_options_cell(all) {
        return Ok(options);
    }
    let lines: Vec<String> = all
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(str::to_owned)
        .collect();
    if lines.len() >= 2 {
        Ok(lines)
    } else {
        Err(format!(
            "无法从选项“{}”分出各个选项（应写成 A.上海/B.嘉兴 或每行一个）",
            excerpt(all)
        ))
    }
}

/// The kind of a row without 题型: options with one answer letter (or an option's text) → 单选,
/// several letters → 多选; no options and a judge word → 判断; blanks in the stem → 填空.
fn infer_kind(stem: &str, options: &[String], answer: &str) -> Result<KindTag, String> {
    if !options.is_empty() {
        match fields::answer_letters(answer, options.len()) {
            Ok(letters) if letters.len() == 1 => return Ok(KindTag::Single),
            Ok(_) => return Ok(KindTag::Multiple),
            Err(_) if option_position(options, answer).is_some() => return Ok(KindTag::Single),
            Err(_) => {}
        }
    } else if fields::judge_answer(answer).is_some() {
        return Ok(KindTag::Judge);
    }
    let (_, blanks) = fields::normalise_blanks(stem);
    if blanks > 0 && !(answer.is_empty() && options.is_empty()) {
        return Ok(KindTag::Fill);
    }
    Err("无法判断题型，请在“题型”列填写 单选题、多选题、判断题、填空题 或 排序题".into())
}

/// The index of the option whose text is `answer`.
fn option_position(options: &[String], answer: &str) -> Option<usize> {
    let answer = answer.trim();
    options.iter().position(|option| option.trim() == answer)
}

/// A 单选 answer: one letter, or an option's text.
fn single_answer(answer: &str, options: &[String]) -> Result<usize, String> {
    if options.is_empty() {
        return Err("缺少选项".into());
    }
    if answer.is_empty() {
        return Err("缺少答案".into());
    }
    match fields::answer_letters(answer, options.len()) {
        Ok(letters) => match letters[..] {
            [one] => Ok(one),
            _ => option_position(options, answer)
                .ok_or_else(|| format!("单选题只能有一个答案，现在是“{answer}”")),
        },
        Err(error) => option_position(options, answer).ok_or(error),
    }
}

/// A 多选 answer: letters (`ACD`, `A,C,D`), or options' texts separated by `；`, `;` or `、`.
fn multiple_answers(answer: &str, options: &[String]) -> Result<Vec<usize>, String> {
    if options.is_empty() {
        return Err("缺少选项".into());
    }
    if answer.is_empty() {
        return Err("缺少答案".into());
    }
    fields::answer_letters(answer, options.len()).or_else(|error| {
        let mut answers = answer
            .split(['；', ';', '、'])
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(|part| option_position(options, part))
            .collect::<Option<Vec<_>>>()
            .ok_or(error)?;
        answers.sort_unstable();
        answers.dedup();
        Ok(answers)
    })
}

/// A 判断 answer. A single letter naming an option whose text is a judge word (考试宝: A 正确,
/// B 错误) reads that option; otherwise the cell itself is read.
fn judge(answer: &str, options: &[String]) -> Result<bool, String> {
    if answer.is_empty() {
        return Err("缺少答案".into());
    }
    let mut chars = answer.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && let Some(text) = fields::letter_index(c).and_then(|index| options.get(index))
        && let Some(value) = fields::judge_answer(text)
    {
        return Ok(value);
    }
    fields::judge_answer(answer)
        .ok_or_else(|| format!("判断题答案“{answer}”无法识别（应为 正确/错误、对/错 或 √/×）"))
}

/// A 填空 stem with the bank's blank marks, and each blank's accepted answers: from the answer
/// cell, or (when it is empty) one option column per blank, alternatives separated by `/`.
fn fill(
    stem: &str,
    answer: &str,
    options: Result<Vec<String>, String>,
) -> Result<(String, Vec<Vec<String>>), String> {
    let (stem, blank_count) = fields::normalise_blanks(stem);
    let blanks: Vec<Vec<String>> = if answer.is_empty() {
        options?
            .iter()
            .map(|option| {
                option
                    .split(['/', '／'])
                    .map(str::trim)
                    .filter(|alternative| !alternative.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .collect()
    } else {
        fields::fill_answers(answer, blank_count)
    };
    if blanks.is_empty() {
        return Err("缺少答案".into());
    }
    if blank_count == 0 {
        return Err("题干中没有空（用 ____ 或（ ）标出）".into());
    }
    if blanks.len() != blank_count {
        return Err(format!(
            "题干中有 {blank_count} 个空，但答案有 {} 个",
            blanks.len()
        ));
    }
    Ok((stem, blanks))
}

/// A 排序 answer: the option letters in the correct order (`BCAD`, `B-C-A-D`), each exactly once.
fn order(answer: &str, count: usize) -> Result<Vec<usize>, String> {
    let mut order = Vec::new();
    for c in answer.chars() {
        if c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | '/' | '|' | '-' | '>' | '→')
        {
            continue;
        }
        let Some(index) = fields::letter_index(c).filter(|&index| index < count) else {
            return Err(format!(
                "排序题答案“{answer}”应是选项字母的正确顺序（如 BCAD），共 {count} 项"
            ));
        };
        if order.contains(&index) {
            return Err(format!("排序题答案“{answer}”中 {} 出现了两次", letter(index)));
        }
        order.push(index);
    }
    if order.len() != count {
        return Err(format!(
            "排序题答案“{answer}”排了 {} 项，但选项有 {count} 项",
            order.len()
        ));
    }
    Ok(order)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::Era;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| (*c).to_owned()).collect()
    }

    fn sheet(rows: &[&[&str]]) -> Sheet {
        Sheet {
            name: "题目".into(),
            rows: rows.iter().map(|cells| row(cells)).collect(),
        }
    }

    const HEADER: &[&str] = &[
        "题型", "题干", "选项A", "选项B", "选项C", "选项D", "答案", "解析", "难度", "章节", "标签",
    ];

    /// Imports `rows` under [`HEADER`].
    fn import(rows: &[&[&str]]) -> Vec<ImportRow> {
        let mut all = vec![HEADER];
        all.extend_from_slice(rows);
        let Ok(rows) = import_rows(&sheet(&all), &ImportOptions::default()) else {
            panic!("header found")
        };
        rows
    }

    /// The one row's question, which must have been imported.
    fn question(cells: &[&str]) -> (Question, Vec<String>) {
        let rows = import(&[cells]);
        let Some(ImportRow {
            question: Some(question),
            warnings,
            error: None,
            ..
        }) = rows.into_iter().next()
        else {
            panic!("{cells:?} imported")
        };
        (question, warnings)
    }

    /// The one row's error.
    fn error(cells: &[&str]) -> String {
        let rows = import(&[cells]);
        match &rows[..] {
            [
                ImportRow {
                    question: None,
                    error: Some(error),
                    warnings,
                    ..
                },
            ] if warnings.is_empty() => error.clone(),
            other => panic!("{cells:?} refused: {other:?}"),
        }
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn header_names_are_matched_flexibly() {
        for (cell, name) in [
            (" 题 干 ", "题干"),
            ("题干（必填）", "题干"),
            ("*题干", "题干"),
            ("答案(必填)*", "答案"),
            ("选项Ａ", "选项a"),
            ("【标签】", "[标签]"),
            ("ID", "id"),
        ] {
            assert_eq!(normalise_header(cell), name, "{cell}");
        }
        for (name, letter) in [("选项a", 0), ("h", 7), ("c选项", 2), ("选项1", 0), ("选项8", 7)] {
            assert_eq!(option_letter(name), Some(letter), "{name}");
        }
        for name in ["选项", "i", "1", "选项9", "选项ab", "答案"] {
            assert_eq!(option_letter(name), None, "{name}");
        }
    }

    #[test]
    fn the_header_is_found_below_a_notes_row() {
        let rows = sheet(&[
            &["说明：题型可填 单选题/多选题/判断题"],
            &[],
            &[
                "试题类型（必填）",
                "题目内容",
                "A",
                "选项 B",
                "C选项",
                "选项4",
                "正确答案",
                "答案解析",
                "难易度",
                "知识点",
                "来源",
                "标签",
                "选项A",
            ],
        ]);
        let Some((index, columns)) = find_header(&rows.rows) else {
            panic!("header")
        };
        assert_eq!(index, 2);
        assert_eq!(
            columns,
            Columns {
                kind: Some(0),
                stem: Some(1),
                options: vec![(0, 2), (1, 3), (2, 4), (3, 5)],
                answer: Some(6),
                explanation: Some(7),
                difficulty: Some(8),
                chapter: Some(9),
                source: Some(10),
                tags: Some(11),
                ..Columns::default()
            }
        );
        // A stem column alone is not a header; nor is a header below the 10th row.
        assert_eq!(find_header(&sheet(&[&["题干", "选项"]]).rows), None);
        let mut late = vec![&["x"][..]; HEADER_SEARCH_ROWS];
        late.push(&["题干", "答案"]);
        assert_eq!(find_header(&sheet(&late).rows), None);
        let Some((_, columns)) = find_header(&sheet(&[&["问题", "选项", "参考答案"]]).rows) else {
            panic!("one-cell options")
        };
        assert_eq!(
            (columns.stem, columns.options_cell, columns.answer),
            (Some(0), Some(1), Some(2))
        );
    }

    #[test]
    fn no_header_lists_the_names() {
        let Err(message) = import_rows(&sheet(&[&["姓名", "成绩"]]), &ImportOptions::default()) else {
            panic!("no header")
        };
        assert!(message.starts_with("没有找到表头"), "{message}");
        for name in [
            "题干（或 题目、",
            "答案（或 正确答案",
            "选项A–选项H",
            "题型（或 试题类型",
        ] {
            assert!(message.contains(name), "{name} in {message}");
        }
    }

    #[test]
    fn single_by_letter_or_text() {
        let (q, warnings) = question(&[
            "单选题",
            "中共一大在（ ）召开。",
            "上海",
            "北京",
            "",
            "",
            "A",
            "解析。",
        ]);
        assert_eq!(
            q.kind,
            QuestionKind::Single {
                options: strings(&["上海", "北京"]),
                answer: 0
            }
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(q.id, "imp-0001");
        assert_eq!((q.era, q.difficulty), (Era::General, DEFAULT_DIFFICULTY));
        let (q, _) = question(&[
            "单选",
            "中共一大在（ ）召开。",
            "上海",
            "北京",
            "",
            "",
            "北京",
            "解析。",
        ]);
        assert!(matches!(q.kind, QuestionKind::Single { answer: 1, .. }));
        assert_eq!(
            error(&["单选", "问？", "甲", "乙", "", "", "AB", "解析"]),
            "单选题只能有一个答案，现在是“AB”"
        );
        assert_eq!(
            error(&["单选", "问？", "甲", "乙", "", "", "C", "解析"]),
            "答案 C 超出选项范围（共 2 个选项）"
        );
        assert_eq!(
            error(&["单选", "问？", "甲", "乙", "", "", "", "解析"]),
            "缺少答案"
        );
        assert_eq!(
            error(&["单选", "问？", "甲", "", "丙", "", "A", "解析"]),
            "选项 B 为空"
        );
        assert_eq!(error(&["单选", "问？", "", "", "", "", "A", "解析"]), "缺少选项");
        assert_eq!(
            error(&["单选", "问？", "甲", "", "", "", "A", "解析"]),
            "选择题至少要有 2 个选项，现在有 1 个"
        );
    }

    #[test]
    fn multiple_by_letters_or_texts() {
        for answer in ["ACD", "A,C,D", "d、c、a", "甲；丙；丁"] {
            let (q, _) = question(&[
                "多选题",
                "下列正确的是（ ）",
                "甲",
                "乙",
                "丙",
                "丁",
                answer,
                "解析",
            ]);
            assert_eq!(
                q.kind,
                QuestionKind::Multiple {
                    options: strings(&["甲", "乙", "丙", "丁"]),
                    answers: vec![0, 2, 3]
                },
                "{answer}"
            );
        }
        assert_eq!(
            error(&["多选", "下列正确的是（ ）", "甲", "乙", "", "", "A", "解析"]),
            "多选题至少要有 2 个正确答案，现在有 1 个"
        );
        assert_eq!(
            error(&["多选", "下列正确的是（ ）", "甲", "乙", "", "", "甲；戊", "解析"]),
            "答案“甲；戊”不是选项字母（应如 B 或 ACD）"
        );
    }

    #[test]
    fn judge_words_and_option_letters() {
        for (answer, value) in [("对", true), ("×", false), ("正确", true), ("B", false)] {
            let (q, _) = question(&["判断题", "遵义会议在1935年召开。", "", "", "", "", answer, "解析"]);
            assert_eq!(q.kind, QuestionKind::Judge { answer: value }, "{answer}");
        }
        // Options A 错误, B 正确: the letter names the option.
        let (q, _) = question(&["判断", "陈述。", "错误", "正确", "", "", "B", "解析"]);
        assert_eq!(q.kind, QuestionKind::Judge { answer: true });
        assert_eq!(
            error(&["判断", "陈述。", "", "", "", "", "也许", "解析"]),
            "判断题答案“也许”无法识别（应为 正确/错误、对/错 或 √/×）"
        );
    }

    #[test]
    fn fill_from_the_answer_or_the_option_columns() {
        let expected = QuestionKind::Fill {
            blanks: vec![strings(&["1921"]), strings(&["上海", "嘉兴"])],
        };
        let (q, _) = question(&[
            "填空题",
            "中共一大于（  ）年在____召开。",
            "",
            "",
            "",
            "",
            "1921；上海/嘉兴",
            "解析",
        ]);
        assert_eq!(q.stem, "中共一大于___年在___召开。");
        assert_eq!(q.kind, expected);
        let (q, _) = question(&[
            "填空",
            "中共一大于（ ）年在（ ）召开。",
            "1921",
            "上海/嘉兴",
            "",
            "",
            "",
            "解析",
        ]);
        assert_eq!(q.kind, expected);
        assert_eq!(
            error(&["填空", "中共一大在上海召开。", "", "", "", "", "上海", "解析"]),
            "题干中没有空（用 ____ 或（ ）标出）"
        );
        assert_eq!(
            error(&["填空", "（ ）和（ ）", "", "", "", "", "甲", "解析"]),
            "题干中有 2 个空，但答案有 1 个"
        );
        assert_eq!(error(&["填空", "（ ）", "", "", "", "", "", "解析"]), "缺少答案");
    }

    #[test]
    fn order_by_letters_or_as_listed() {
        let (q, warnings) = question(&[
            "排序题",
            "按时间排序",
            "遵义会议",
            "中共一大",
            "古田会议",
            "",
            "BCA",
            "解析",
        ]);
        assert_eq!(
            q.kind,
            QuestionKind::Order {
                items: strings(&["中共一大", "古田会议", "遵义会议"])
            }
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let (q, warnings) = question(&["排序", "按时间排序", "一", "二", "三", "", "", "解析"]);
        assert_eq!(
            q.kind,
            QuestionKind::Order {
                items: strings(&["一", "二", "三"])
            }
        );
        assert_eq!(warnings, ["没有答案，按选项顺序作为正确顺序"]);
        assert_eq!(
            error(&["排序", "按时间排序", "一", "二", "三", "", "BA", "解析"]),
            "排序题答案“BA”排了 2 项，但选项有 3 项"
        );
        assert_eq!(
            error(&["排序", "按时间排序", "一", "二", "三", "", "ABB", "解析"]),
            "排序题答案“ABB”中 B 出现了两次"
        );
        assert_eq!(
            error(&["排序", "按时间排序", "一", "二", "三", "", "ABD", "解析"]),
            "排序题答案“ABD”应是选项字母的正确顺序（如 BCAD），共 3 项"
        );
        assert_eq!(
            error(&["排序", "按时间排序", "一", "二", "", "", "", "解析"]),
            "排序题至少要有 3 项，现在有 2 项"
        );
    }

    #[test]
    fn kinds_are_inferred_or_refused() {
        let kind = |cells: &[&str]| question(cells).0.kind.tag();
        assert_eq!(
            kind(&["", "问（ ）", "甲", "乙", "", "", "B", "解析"]),
            KindTag::Single
        );
        assert_eq!(
            kind(&["", "问（ ）", "甲", "乙", "", "", "乙", "解析"]),
            KindTag::Single
        );
        assert_eq!(
            kind(&["", "问（ ）", "甲", "乙", "丙", "", "AB", "解析"]),
            KindTag::Multiple
        );
        assert_eq!(
            kind(&["", "陈述。（ ）", "", "", "", "", "√", "解析"]),
            KindTag::Judge
        );
        assert_eq!(
            kind(&["", "一大于（ ）年召开", "", "", "", "", "1921", "解析"]),
            KindTag::Fill
        );
        assert_eq!(
            error(&["", "问", "", "", "", "", "上海", "解析"]),
            "无法判断题型，请在“题型”列填写 单选题、多选题、判断题、填空题 或 排序题"
        );
        assert_eq!(
            error(&["简答题", "论述……", "", "", "", "", "", ""]),
            "不支持的题型“简答题”，未导入"
        );
        assert_eq!(
            error(&["苹果", "问？", "甲", "乙", "", "", "A", ""]),
            "无法识别题型“苹果”（应为 单选题、多选题、判断题、填空题 或 排序题）"
        );
        assert_eq!(error(&["单选题", "", "甲", "乙", "", "", "A", ""]), "题干为空");
    }

    #[test]
    fn metadata_difficulty_era_and_tags() {
        let (q, warnings) = question(&[
            "判断",
            "陈述。",
            "",
            "",
            "",
            "",
            "对",
            "",
            "较难",
            "第三章 抗战",
            "抗战，会议、第三章 抗战 会议",
        ]);
        assert_eq!((q.difficulty, q.era), (4, Era::AntiJapanese));
        assert_eq!(q.tags, strings(&["第三章 抗战", "抗战", "会议", "第三章"]));
        assert_eq!(warnings, ["缺少解析 explanation：答错的人需要知道为什么"]);
        let (q, warnings) = question(&[
            "判断",
            "陈述。",
            "",
            "",
            "",
            "",
            "对",
            "解析",
            "很容易吧",
            "其他",
            "长征",
        ]);
        assert_eq!((q.difficulty, q.era), (DEFAULT_DIFFICULTY, Era::LandRevolution));
        assert_eq!(warnings, ["难度“很容易吧”无法识别，记为 3"]);
        let (q, warnings) = question(&["判断", "陈述。", "", "", "", "", "对", "解析", "", "其他"]);
        assert_eq!(q.era, Era::General);
        assert_eq!(warnings, ["未识别时期，记为综合（党章党规、精神谱系等）"]);
        let options = ImportOptions {
            id_prefix: "x".into(),
            default_era: Era::NewEra,
        };
        let Ok(rows) = import_rows(
            &sheet(&[HEADER, &["判断", "陈述。", "", "", "", "", "对", "解析"]]),
            &options,
        ) else {
            panic!("imported")
        };
        let Some(q) = &rows[0].question else {
            panic!("question")
        };
        assert_eq!((q.id.as_str(), q.era), ("x-0001", Era::NewEra));
        assert!(rows[0].warnings.is_empty());
    }

    #[test]
    fn rows_locations_ids_and_empty_rows() {
        let rows = import(&[
            &["判断", "第一题。", "", "", "", "", "对", "解析"],
            &["", " ", ""],
            &["简答题", "不导入"],
            &["判断", "第二题。", "", "", "", "", "错", "解析"],
        ]);
        let summary: Vec<_> = rows
            .iter()
            .map(|r| {
                (
                    r.location.as_str(),
                    r.excerpt.as_str(),
                    r.question.as_ref().map(|q| q.id.as_str()),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                ("第2行", "第一题。", Some("imp-0001")),
                ("第4行", "不导入", None),
                ("第5行", "第二题。", Some("imp-0002")),
            ]
        );
        // The excerpt of a row without a stem shows its cells.
        let rows = import(&[&["单选", "", "甲", "乙", "", "", "A"]]);
        assert_eq!(rows[0].excerpt, "单选 甲 乙 A");
    }

    #[test]
    fn template_ids_eras_and_pictures() {
        let header: &[&str] = &["编号", "题型", "题干", "答案", "解析", "时期", "配图"];
        let rows = sheet(&[
            header,
            &[
                "q-7",
                "判断题",
                "甲。",
                "正确",
                "解析",
                "土地革命战争时期",
                "pics/a.png",
            ],
            &["12", "判断题", "乙。", "正确", "解析", "新时代", ""],
            &["q-7", "判断题", "丙。", "正确", "解析", "", ""],
            &["", "判断题", "丁。", "正确", "解析", "未来", "../a.png"],
        ]);
        let Ok(rows) = import_rows(&rows, &ImportOptions::default()) else {
            panic!("header")
        };
        let Some(first) = &rows[0].question else {
            panic!("first")
        };
        assert_eq!(first.id, "q-7");
        assert_eq!(first.era, Era::LandRevolution);
        assert_eq!(first.image.as_deref(), Some("pics/a.png"));
        let Some(second) = &rows[1].question else {
            panic!("second")
        };
        assert_eq!((second.id.as_str(), second.era), ("imp-0002", Era::NewEra));
        assert_eq!(rows[2].error.as_deref(), Some("编号“q-7”与第2行重复"));
        assert_eq!(
            rows[3].error.as_deref(),
            Some("图片路径“../a.png”必须是题库文件夹内的相对路径（不能是绝对路径，不能含 ..）")
        );
    }

    #[test]
    fn malformed_rows_do_not_panic() {
        let odd: &[&[&str]] = &[
            &["单选"],
            &["", "", "", "", "", "", "", "", "", "", "", "", "", ""],
            &["多选", "问（ ）", "A.", "", "", "", "ＡＢ"],
            &["填空", "（", "", "", "", "", "；；"],
            &["排序", "问", "a", "b", "c", "", "→→"],
            &["判断", "问", "", "", "", "", "Z"],
            &["", "___", "", "", "", "", "/"],
        ];
        let rows = import(odd);
        assert_eq!(rows.len(), odd.len() - 1);
        assert!(rows.iter().all(|r| r.error.is_some()), "{rows:?}");
    }
}
