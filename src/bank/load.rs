//! Parsing bank text and loading many banks into a [`Library`], with positioned diagnostics.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use ron::extensions::Extensions;

use super::diagnostic::{Code, Diagnostic, Severity};
use super::image::ImageRoot;
use super::locate::{Located, Pos, Seg};
use super::model::{Bank, Era, KindTag, Question};
use super::split::split_question_list;
use super::validate::{Finding, question_path, validate};

/// Largest bank file read from disk, in bytes.
pub const MAX_BANK_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Where a bank came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BankOrigin {
    /// Compiled into the program from `question_banks/NAME`.
    Bundled {
        /// File name inside `question_banks/`.
        name: String,
    },
    /// A file on disk: the user's data folder, or opened or dropped by the user.
    File {
        /// The file's path.
        path: PathBuf,
    },
}

impl BankOrigin {
    /// The file as shown in diagnostics, e.g. `question_banks/starter.ron`.
    pub fn display(&self) -> String {
        match self {
            BankOrigin::Bundled { name } => format!("question_banks/{name}"),
            BankOrigin::File { path } => path.display().to_string(),
        }
    }

    /// The file's name without its folder, e.g. `starter.ron`.
    pub fn file_name(&self) -> String {
        match self {
            BankOrigin::Bundled { name } => name.clone(),
            BankOrigin::File { path } => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
        }
    }

    /// Where the bank's images are looked up.
    pub fn image_root(&self) -> ImageRoot {
        match self {
            BankOrigin::Bundled { .. } => ImageRoot::Bundled,
            BankOrigin::File { path } => {
                ImageRoot::Folder(path.parent().map(Path::to_path_buf).unwrap_or_default())
            }
        }
    }
}

/// Bank texts at least this long are parsed on several threads.
pub const PARALLEL_PARSE_BYTES: usize = 1024 * 1024;

/// Parses bank text (RON). Optional values may be written bare (`image: "a.png"`).
/// Large banks are parsed on several threads; any error is reported by the serial parser, so
/// positions never depend on how the work was split.
pub fn parse_bank(text: &str) -> Result<Bank, ron::error::SpannedError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() >= PARALLEL_PARSE_BYTES
        && let Some(bank) = parse_in_parallel(text)
    {
        return Ok(bank);
    }
    bank_options().from_str(text)
}

fn bank_options() -> ron::Options {
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses the bank's header and runs of its questions concurrently; `None` if anything fails.
fn parse_in_parallel(text: &str) -> Option<Bank> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(8);
    if threads < 2 {
        return None;
    }
    // More runs than cores keeps every core busy to the end even when runs differ in cost.
    let split = split_question_list(text, threads * 4)?;
    let header = format!("{}{}", &text[..=split.open], &text[split.close..]);
    let mut bounds = Vec::with_capacity(split.cuts.len() + 2);
    bounds.push(split.open + 1);
    bounds.extend_from_slice(&split.cuts);
    bounds.push(split.close);
    let (header, runs) = std::thread::scope(|scope| {
        let workers: Vec<_> = bounds
            .windows(2)
            .map(|run| {
                let slice = &text[run[0]..run[1]];
                scope.spawn(move || {
                    bank_options()
                        .from_str::<Vec<Question>>(&format!("[{slice}]"))
                        .ok()
                })
            })
            .collect();
        let header = bank_options().from_str::<Bank>(&header).ok();
        let runs: Option<Vec<Vec<Question>>> = workers.into_iter().map(|w| w.join().ok().flatten()).collect();
        (header, runs)
    });
    let mut bank = header?;
    let runs = runs?;
    bank.questions = Vec::with_capacity(runs.iter().map(Vec::len).sum());
    for run in runs {
        bank.questions.extend(run);
    }
    Some(bank)
}

/// How a loaded bank fared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BankHealth {
    /// Loaded with no errors (warnings allowed).
    Ok,
    /// Loaded, but some questions have errors and are left out.
    PartlyBroken,
    /// Could not be read or parsed at all.
    Failed,
}

impl BankHealth {
    /// Chinese label for the bank list.
    pub fn label(self) -> &'static str {
        match self {
            BankHealth::Ok => "正常",
            BankHealth::PartlyBroken => "部分题目有错误",
            BankHealth::Failed => "加载失败",
        }
    }

    /// Key for JSON reports.
    pub fn key(self) -> &'static str {
        match self {
            BankHealth::Ok => "ok",
            BankHealth::PartlyBroken => "errors",
            BankHealth::Failed => "failed",
        }
    }
}

/// One bank as loaded: its origin, its content if it parsed, and what is wrong with it.
#[derive(Clone, Debug)]
pub struct LoadedBank {
    /// Where it came from.
    pub origin: BankOrigin,
    /// The parsed bank, `None` if it could not be read or parsed.
    pub bank: Option<Bank>,
    /// Problems found in this bank alone.
    own_diagnostics: Vec<Diagnostic>,
    /// Problems found against the other loaded banks (duplicate ids).
    cross_diagnostics: Vec<Diagnostic>,
    /// Per question: whether an error keeps it out of use.
    unusable: Vec<bool>,
    /// Per question: whether another bank already uses its id.
    cross_unusable: Vec<bool>,
    /// The bank's text, kept to locate problems found later (ids used by another bank).
    text: Cow<'static, str>,
}

impl LoadedBank {
    /// Parses and validates one bank's text.
    pub fn from_text(origin: BankOrigin, text: impl Into<Cow<'static, str>>) -> LoadedBank {
        let text = text.into();
        let display = origin.display();
        let bank = match parse_bank(&text) {
            Ok(bank) => bank,
            Err(err) => {
                let diagnostic = Diagnostic {
                    severity: Severity::Error,
                    code: Code::Syntax,
                    origin: display,
                    pos: Pos {
                        line: err.span.start.line,
                        col: err.span.start.col,
                    },
                    question_id: None,
                    message: describe_ron_error(&err.code),
                    note: None,
                };
                return LoadedBank::failed(origin, diagnostic, text);
            }
        };
        let findings = validate(&bank, &origin.image_root());
        let mut unusable = vec![false; bank.questions.len()];
        for finding in &findings {
            if let (Severity::Error, Some(index)) = (finding.severity, finding.question) {
                unusable[index] = true;
            }
        }
        let own_diagnostics = locate_findings(&display, &text, &bank, &findings);
        LoadedBank {
            origin,
            bank: Some(bank),
            own_diagnostics,
            cross_diagnostics: Vec::new(),
            cross_unusable: vec![false; unusable.len()],
            unusable,
            text,
        }
    }

    /// Reads a bank file from disk; read errors become a failed bank.
    pub fn from_file(path: &Path) -> LoadedBank {
        let origin = BankOrigin::File {
            path: path.to_path_buf(),
        };
        match read_bank_file(path) {
            Ok(text) => LoadedBank::from_text(origin, text),
            Err(message) => {
                let diagnostic = Diagnostic {
                    severity: Severity::Error,
                    code: Code::Io,
                    origin: origin.display(),
                    pos: Pos { line: 1, col: 1 },
                    question_id: None,
                    message,
                    note: None,
                };
                LoadedBank::failed(origin, diagnostic, Cow::Borrowed(""))
            }
        }
    }

    fn failed(origin: BankOrigin, diagnostic: Diagnostic, text: Cow<'static, str>) -> LoadedBank {
        LoadedBank {
            origin,
            bank: None,
            own_diagnostics: vec![diagnostic],
            cross_diagnostics: Vec::new(),
            unusable: Vec::new(),
            cross_unusable: Vec::new(),
            text,
        }
    }

    /// All diagnostics of this bank, in file order.
    pub fn diagnostics(&self) -> Vec<&Diagnostic> {
        let mut all: Vec<&Diagnostic> = self
            .own_diagnostics
            .iter()
            .chain(&self.cross_diagnostics)
            .collect();
        all.sort_by_key(|d| (d.pos, d.severity));
        all
    }

    /// Number of diagnostics of the given severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.own_diagnostics
            .iter()
            .chain(&self.cross_diagnostics)
            .filter(|d| d.severity == severity)
            .count()
    }

    /// Whether it loaded, loaded in part, or failed.
    pub fn health(&self) -> BankHealth {
        if self.bank.is_none() {
            BankHealth::Failed
        } else if self.count(Severity::Error) > 0 {
            BankHealth::PartlyBroken
        } else {
            BankHealth::Ok
        }
    }

    /// Questions without errors, ready for practice and contests.
    pub fn usable_questions(&self) -> impl Iterator<Item = &Question> {
        let questions = self.bank.as_ref().map_or(&[][..], |b| &b.questions[..]);
        questions
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.unusable[*i] && !self.cross_unusable[*i])
            .map(|(_, q)| q)
    }

    /// Title if parsed and not empty, else the file name.
    pub fn title(&self) -> String {
        match &self.bank {
            Some(bank) if !bank.title.trim().is_empty() => bank.title.clone(),
            _ => self.origin.file_name(),
        }
    }
}

fn read_bank_file(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|err| format!("无法打开题库文件：{err}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_BANK_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| format!("读取题库文件失败：{err}"))?;
    if bytes.len() as u64 > MAX_BANK_FILE_BYTES {
        return Err(format!(
            "题库文件超过 {} MB，拒绝加载",
            MAX_BANK_FILE_BYTES / 1024 / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|err| {
        format!(
            "题库文件不是 UTF-8 编码（第 {} 个字节处出错）；请用 UTF-8 保存",
            err.utf8_error().valid_up_to() + 1
        )
    })
}

/// Turns findings into diagnostics with positions; scans the text only if there is something to locate.
fn locate_findings(display: &str, text: &str, bank: &Bank, findings: &[Finding]) -> Vec<Diagnostic> {
    if findings.is_empty() {
        return Vec::new();
    }
    let located = Located::scan(text);
    findings
        .iter()
        .map(|finding| Diagnostic {
            severity: finding.severity,
            code: finding.code,
            origin: display.to_owned(),
            pos: located.find(&finding.path),
            question_id: finding
                .question
                .and_then(|i| bank.questions.get(i))
                .map(|q| q.id.clone())
                .filter(|id| !id.trim().is_empty()),
            message: finding.message.clone(),
            note: finding.related.as_ref().map(|path| {
                let pos = located.find(path);
                format!("首次出现于 {display}:{}:{}", pos.line, pos.col)
            }),
        })
        .collect()
}

/// Question counts of the usable questions of a [`Library`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Banks loaded (including failed ones).
    pub banks: usize,
    /// Usable questions.
    pub questions: usize,
    /// Usable questions by kind.
    pub by_kind: BTreeMap<KindTag, usize>,
    /// Usable questions by era.
    pub by_era: BTreeMap<Era, usize>,
}

/// Every loaded bank, bundled first, with ids checked across banks.
#[derive(Clone, Debug, Default)]
pub struct Library {
    banks: Vec<LoadedBank>,
}

impl Library {
    /// Loads the banks compiled into the program.
    pub fn bundled() -> Library {
        let mut library = Library::default();
        for (name, text) in super::bundled::BANKS {
            library.banks.push(LoadedBank::from_text(
                BankOrigin::Bundled {
                    name: (*name).to_owned(),
                },
                *text,
            ));
        }
        library.check_across_banks();
        library
    }

    /// Loads every `.ron` file under `folder` (recursively, in name order). A missing folder adds nothing.
    pub fn add_folder(&mut self, folder: &Path) {
        for path in bank_files_in(folder) {
            self.replace_or_push(LoadedBank::from_file(&path));
        }
        self.check_across_banks();
    }

    /// Loads (or reloads) one bank file.
    pub fn add_file(&mut self, path: &Path) {
        self.replace_or_push(LoadedBank::from_file(path));
        self.check_across_banks();
    }

    /// Adds a bank from text, e.g. a dropped file's bytes.
    pub fn add_text(&mut self, origin: BankOrigin, text: impl Into<Cow<'static, str>>) {
        self.replace_or_push(LoadedBank::from_text(origin, text));
        self.check_across_banks();
    }

    /// Unloads a bank.
    pub fn remove(&mut self, origin: &BankOrigin) {
        self.banks.retain(|b| &b.origin != origin);
        self.check_across_banks();
    }

    /// Adds `loaded`, or replaces the bank from the same origin. A bank file whose bank id is that
    /// of a bundled bank replaces the bundled bank: it is the trainer's edited copy of it.
    fn replace_or_push(&mut self, loaded: LoadedBank) {
        if matches!(loaded.origin, BankOrigin::File { .. })
            && let Some(id) = loaded.bank.as_ref().map(|b| b.id.clone())
        {
            self.banks.retain(|b| {
                !(matches!(b.origin, BankOrigin::Bundled { .. })
                    && b.bank.as_ref().is_some_and(|b| b.id == id))
            });
        }
        match self.banks.iter_mut().find(|b| b.origin == loaded.origin) {
            Some(existing) => *existing = loaded,
            None => self.banks.push(loaded),
        }
    }

    /// The loaded banks, in load order.
    pub fn banks(&self) -> &[LoadedBank] {
        &self.banks
    }

    /// All diagnostics, bank by bank.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.banks.iter().flat_map(LoadedBank::diagnostics)
    }

    /// Number of diagnostics of a severity over all banks.
    pub fn count(&self, severity: Severity) -> usize {
        self.banks.iter().map(|b| b.count(severity)).sum()
    }

    /// Every usable question of every bank.
    pub fn usable_questions(&self) -> impl Iterator<Item = &Question> {
        self.banks.iter().flat_map(LoadedBank::usable_questions)
    }

    /// Counts of usable questions by kind and era.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            banks: self.banks.len(),
            ..Summary::default()
        };
        for question in self.usable_questions() {
            summary.questions += 1;
            *summary.by_kind.entry(question.kind.tag()).or_default() += 1;
            *summary.by_era.entry(question.era).or_default() += 1;
        }
        summary
    }

    /// Flags question ids that an earlier bank already uses; the later question is left out.
    fn check_across_banks(&mut self) {
        let mut first_use: HashMap<String, (usize, usize)> = HashMap::new();
        let mut duplicates: Vec<(usize, usize, usize, usize)> = Vec::new();
        for (bank_index, loaded) in self.banks.iter().enumerate() {
            let Some(bank) = &loaded.bank else { continue };
            let mut seen_here: HashMap<&str, ()> = HashMap::new();
            for (question_index, question) in bank.questions.iter().enumerate() {
                if question.id.trim().is_empty() || seen_here.insert(&question.id, ()).is_some() {
                    continue;
                }
                match first_use.get(&question.id) {
                    Some(&(first_bank, first_question)) => {
                        duplicates.push((bank_index, question_index, first_bank, first_question));
                    }
                    None => {
                        first_use.insert(question.id.clone(), (bank_index, question_index));
                    }
                }
            }
        }
        for loaded in &mut self.banks {
            loaded.cross_diagnostics.clear();
            loaded.cross_unusable.fill(false);
        }
        let mut scans: HashMap<usize, Located> = HashMap::new();
        for (bank_index, question_index, first_bank, first_question) in duplicates {
            let id_path = |q: usize| question_path(q, &[Seg::Field("id")]);
            let first_pos = scans
                .entry(first_bank)
                .or_insert_with(|| Located::scan(&self.banks[first_bank].text))
                .find(&id_path(first_question));
            let first_display = self.banks[first_bank].origin.display();
            let pos = scans
                .entry(bank_index)
                .or_insert_with(|| Located::scan(&self.banks[bank_index].text))
                .find(&id_path(question_index));
            let loaded = &mut self.banks[bank_index];
            let id = loaded
                .bank
                .as_ref()
                .map(|b| b.questions[question_index].id.clone())
                .unwrap_or_default();
            loaded.cross_diagnostics.push(Diagnostic {
                severity: Severity::Error,
                code: Code::DuplicateId,
                origin: loaded.origin.display(),
                pos,
                question_id: Some(id.clone()),
                message: format!("题目 id “{id}” 已被另一个题库使用"),
                note: Some(format!(
                    "首次出现于 {first_display}:{}:{}",
                    first_pos.line, first_pos.col
                )),
            });
            loaded.cross_unusable[question_index] = true;
        }
    }
}

/// `.ron` files under `folder`, recursively, sorted by path.
pub fn bank_files_in(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![folder.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Explains a RON parse error in Chinese.
pub fn describe_ron_error(error: &ron::Error) -> String {
    use ron::Error as E;
    match error {
        E::Eof => "文件意外结束：可能缺少右括号 ) 或 ]".into(),
        E::ExpectedArray => "这里应该是列表，以 [ 开始".into(),
        E::ExpectedArrayEnd => "列表没有正确结束：缺少 ] 或逗号".into(),
        E::ExpectedBoolean => "这里应该是 true 或 false".into(),
        E::ExpectedComma => "缺少逗号 ,".into(),
        E::ExpectedInteger => "这里应该是整数".into(),
        E::ExpectedFloat => "这里应该是数字".into(),
        E::ExpectedOption => "这里应该是 Some(…) 或 None".into(),
        E::ExpectedString => "这里应该是用英文双引号括起来的字符串".into(),
        E::ExpectedStringEnd => "字符串没有结束：缺少右引号 \"".into(),
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "这里应该是带括号的结构，如 Question(…)".into()
        }
        E::ExpectedStructLikeEnd => "结构没有正确结束：缺少 ) 或逗号".into(),
        E::ExpectedIdentifier => "这里应该是字段名".into(),
        E::ExpectedMapColon => "字段名后缺少冒号 :".into(),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("这里应该是 {expected}(…)，而不是 {found}(…)")
        }
        E::InvalidEscape(what) => format!("字符串中的转义无效：{what}"),
        E::IntegerOutOfBounds => "整数超出范围".into(),
        E::InvalidIntegerDigit { digit, base } => format!("数字中有无效字符“{digit}”（{base} 进制）"),
        E::UnclosedBlockComment => "块注释 /* 没有结束".into(),
        E::UnclosedLineComment => "行注释没有结束".into(),
        E::UnexpectedChar(c) => format!("意外的字符“{c}”"),
        E::TrailingCharacters => "题库结束后还有多余的内容".into(),
        E::InvalidValueForType { expected, found } => format!("类型不对：应为 {expected}，实际为 {found}"),
        E::ExpectedDifferentLength { expected, found } => {
            format!("长度不对：应为 {expected}，实际为 {found}")
        }
        E::NoSuchEnumVariant { expected, found, .. } => {
            format!("未知的取值“{found}”，可选：{}", expected.join("、"))
        }
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "{} 中没有字段“{found}”，可用字段：{}",
            outer.as_deref().unwrap_or("结构"),
            expected.join("、")
        ),
        E::MissingStructField { field, outer } => {
            format!("{} 缺少必填字段“{field}”", outer.as_deref().unwrap_or("结构"))
        }
        E::DuplicateStructField { field, outer } => {
            format!("{} 中字段“{field}”重复", outer.as_deref().unwrap_or("结构"))
        }
        E::ExceededRecursionLimit => "嵌套层数过深".into(),
        E::Utf8Error(_) => "文件不是有效的 UTF-8 文本".into(),
        E::Message(message) => format!("格式错误：{message}"),
        other => format!("格式错误：{other}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = r#"Bank(id: "a", title: "甲", questions: [
        Question(id: "q1", stem: "甲一。", kind: Judge(answer: true), explanation: "说明。", era: General),
        Question(id: "q2", stem: "甲二。", kind: Judge(answer: true), explanation: "说明。", era: Founding),
    ])"#;
    const B: &str = r#"Bank(id: "b", title: "乙", questions: [
        Question(id: "q2", stem: "乙一。", kind: Judge(answer: true), explanation: "说明。", era: General),
        Question(id: "q3", stem: "乙二（ ）。", kind: Single(options: ["x", "y"], answer: 7), explanation: "说明。", era: General),
    ])"#;

    fn origin(name: &str) -> BankOrigin {
        BankOrigin::Bundled { name: name.into() }
    }

    #[test]
    fn bad_questions_are_left_out_and_the_rest_counted() {
        let mut library = Library::default();
        library.add_text(origin("a.ron"), A);
        library.add_text(origin("b.ron"), B);
        let ids: Vec<&str> = library.usable_questions().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["q1", "q2"]);
        assert_eq!(library.banks()[1].health(), BankHealth::PartlyBroken);
        let summary = library.summary();
        assert_eq!(summary.questions, 2);
        assert_eq!(summary.by_kind.get(&KindTag::Judge), Some(&2));
        assert_eq!(summary.by_era.get(&Era::Founding), Some(&1));
    }

    #[test]
    fn removing_the_first_owner_of_an_id_frees_it() {
        let mut library = Library::default();
        library.add_text(origin("a.ron"), A);
        library.add_text(origin("b.ron"), B);
        assert_eq!(library.count(Severity::Error), 2);
        library.remove(&origin("a.ron"));
        assert_eq!(library.count(Severity::Error), 1);
        let ids: Vec<&str> = library.usable_questions().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["q2"]);
    }

    #[test]
    fn loading_the_same_origin_again_replaces_it() {
        let mut library = Library::default();
        library.add_text(origin("a.ron"), "not a bank");
        assert_eq!(library.banks()[0].health(), BankHealth::Failed);
        library.add_text(origin("a.ron"), A);
        assert_eq!(library.banks().len(), 1);
        assert_eq!(library.banks()[0].health(), BankHealth::Ok);
    }

    #[test]
    fn a_file_with_a_bundled_banks_id_replaces_the_bundled_bank() {
        let mut library = Library::default();
        library.add_text(BankOrigin::Bundled { name: "a.ron".into() }, A);
        let path = PathBuf::from("/data/banks/a-copy.ron");
        library.add_text(BankOrigin::File { path: path.clone() }, A);
        assert_eq!(library.banks().len(), 1);
        assert_eq!(library.banks()[0].origin, BankOrigin::File { path });
        assert_eq!(
            library.count(Severity::Error),
            0,
            "no duplicate ids with the bundled copy"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let loaded = LoadedBank::from_text(origin("bom.ron"), format!("\u{feff}{A}"));
        assert_eq!(loaded.health(), BankHealth::Ok);
    }

    #[test]
    fn bundled_banks_load_without_errors() {
        let library = Library::bundled();
        assert!(!library.banks().is_empty());
        let problems: Vec<String> = library.diagnostics().map(ToString::to_string).collect();
        assert!(
            problems.is_empty(),
            "bundled bank problems:\n{}",
            problems.join("\n")
        );
    }

    #[test]
    fn era_and_kind_keys_match_the_file_format() {
        for era in Era::ALL {
            assert_eq!(ron::to_string(&era).expect("serialize"), era.key());
        }
    }
}
