//! A bank being edited: questions, save location, undo/redo history, cached search text and
//! problems.
//!
//! Every change is one [`Change`] that knows how to undo itself by swapping data between the bank
//! and the history, so no step ever clones the whole bank. The caches (search text, problem
//! counts, id and tag counts) are updated incrementally: a keystroke costs one question's worth of
//! work, plus a scan of the ids only when an id starts or stops being duplicated.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use memchr::memmem::Finder;

use crate::bank::diagnostic::{Code, Severity};
use crate::bank::image::{ImageRoot, MAX_IMAGE_FILE_BYTES, check_relative_path, decode_with_limits};
use crate::bank::load::{MAX_BANK_FILE_BYTES, describe_ron_error};
use crate::bank::locate::Seg;
use crate::bank::validate::{Finding, question_path, validate, validate_question};
use crate::bank::{Bank, Question, parse_bank};
use crate::import::export::bank_ron;
use crate::store::atomic::write_atomic;

use super::filter::{Filter, Sort, SortKey, search_text};

/// Errors and warnings of a question or a whole bank.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Problems {
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

impl Problems {
    fn of(findings: &[Finding]) -> Problems {
        let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
        Problems {
            errors,
            warnings: findings.len() - errors,
        }
    }

    fn add(&mut self, other: Problems) {
        self.errors += other.errors;
        self.warnings += other.warnings;
    }

    fn sub(&mut self, other: Problems) {
        self.errors = self.errors.saturating_sub(other.errors);
        self.warnings = self.warnings.saturating_sub(other.warnings);
    }

    /// Whether there is at least one error or warning.
    pub fn any(self) -> bool {
        self.errors + self.warnings > 0
    }
}

/// Why a bank could not be opened, saved, or a picture attached; in Chinese, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// A new bank that has never been saved.
    #[error("题库还没有保存位置，请先“另存为”")]
    NoPath,
    /// A bundled bank.
    #[error("内置题库是只读的，请“另存为”副本")]
    ReadOnly,
    /// Reading or writing a file failed.
    #[error("无法读写“{}”：{message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// The bank file is not a valid bank in RON.
    #[error("“{}”第 {line} 行第 {col} 列：{message}", path.display())]
    Parse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        col: usize,
        /// What is wrong.
        message: String,
    },
    /// The picture cannot be used (wrong format, undecodable, too large, no such question).
    #[error("{0}")]
    Image(String),
}

fn io_error(path: &Path, error: impl std::fmt::Display) -> SaveError {
    SaveError::Io {
        path: path.to_path_buf(),
        message: error.to_string(),
    }
}

/// The bank's id, title and description.
type Info = (String, String, String);

/// One reversible change. Applying or reverting it moves data between the bank and the change,
/// so the change always holds exactly what is needed to go the other way.
#[derive(Debug)]
enum Change {
    /// A question replaced; `other` is the version not in the bank.
    Replace { index: usize, other: Question },
    /// `count` questions inserted at `index`; `held` has them while the change is reverted.
    Insert {
        index: usize,
        count: usize,
        held: Vec<Question>,
    },
    /// Questions removed from `indices` (ascending, positions before removal); `held` has them
    /// while the change is applied.
    Remove {
        indices: Vec<usize>,
        held: Vec<Question>,
    },
    /// A question moved from `from` to `to` (its final index).
    Move { from: usize, to: usize },
    /// The bank's info changed; `other` is the version not in the bank.
    Info { other: Info },
}

/// What consecutive edits merge into one undo step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TypingKey {
    Question(usize, &'static str),
    Info,
}

/// One undo step.
#[derive(Debug)]
struct Step {
    /// Unique within the document, never reused: tells the saved state apart.
    id: u64,
    /// What the step does, in Chinese, e.g. "修改题干".
    label: String,
    change: Change,
}

/// Per-question caches and bank-wide counts, kept in step with the questions.
#[derive(Debug, Default)]
struct Caches {
    /// Lower-cased [`search_text`] of each question.
    search: Vec<String>,
    /// Problems from [`validate_question`] of each question.
    own: Vec<Problems>,
    /// Whether another question has the same (non-empty) id.
    duplicate: Vec<bool>,
    /// How many questions use each non-blank id.
    ids: HashMap<String, usize>,
    /// How many questions carry each tag.
    tags: BTreeMap<String, usize>,
    /// Sum of every question's problems, duplicate ids included.
    total: Problems,
}

/// Up to this many changed ids are looked for by comparison; more re-read every question's flag.
const FEW_IDS: usize = 8;

/// An error counted for a duplicated id.
const DUPLICATE: Problems = Problems {
    errors: 1,
    warnings: 0,
};

fn counts_as_id(id: &str) -> bool {
    !id.trim().is_empty()
}

impl Caches {
    fn is_duplicate(&self, id: &str) -> bool {
        counts_as_id(id) && self.ids.get(id).is_some_and(|&n| n >= 2)
    }

    /// Counts `question`'s id and tags in; returns its id if that id just became duplicated.
    fn count_in(&mut self, question: &Question) -> Option<String> {
        self.tags_in(&question.tags);
        self.id_in(&question.id)
    }

    /// Counts `question`'s id and tags out; returns its id if that id just stopped being
    /// duplicated.
    fn count_out(&mut self, question: &Question) -> Option<String> {
        self.tags_out(&question.tags);
        self.id_out(&question.id)
    }

    fn tags_in(&mut self, tags: &[String]) {
        for tag in tags {
            *self.tags.entry(tag.clone()).or_default() += 1;
        }
    }

    fn tags_out(&mut self, tags: &[String]) {
        for tag in tags {
            if let Some(count) = self.tags.get_mut(tag) {
                *count -= 1;
                if *count == 0 {
                    self.tags.remove(tag);
                }
            }
        }
    }

    fn id_in(&mut self, id: &str) -> Option<String> {
        if !counts_as_id(id) {
            return None;
        }
        let count = self.ids.entry(id.to_owned()).or_default();
        *count += 1;
        (*count == 2).then(|| id.to_owned())
    }

    fn id_out(&mut self, id: &str) -> Option<String> {
        let count = self.ids.get_mut(id)?;
        *count -= 1;
        let left = *count;
        if left == 0 {
            self.ids.remove(id);
        }
        (left == 1).then(|| id.to_owned())
    }

    fn set_duplicate(&mut self, index: usize, duplicate: bool) {
        let Some(flag) = self.duplicate.get_mut(index) else {
            return;
        };
        if *flag != duplicate {
            *flag = duplicate;
            if duplicate {
                self.total.add(DUPLICATE);
            } else {
                self.total.sub(DUPLICATE);
            }
        }
    }

    /// Re-reads the duplicate flag of every question whose id is in `ids` (of every question
    /// when many ids changed, as when a bank is imported twice).
    fn refresh_duplicates(&mut self, questions: &[Question], ids: &[String]) {
        if ids.is_empty() {
            return;
        }
        let all = ids.len() > FEW_IDS;
        for (index, question) in questions.iter().enumerate() {
            if all || ids.contains(&question.id) {
                let duplicate = self.is_duplicate(&question.id);
                self.set_duplicate(index, duplicate);
            }
        }
    }
}

/// Search text and problems of one question, the cached part.
fn cache_entry(question: &Question, images: &ImageRoot) -> (String, Problems) {
    (
        search_text(question),
        Problems::of(&validate_question(0, question, images)),
    )
}

/// Removes the elements at `indices` (ascending, distinct, in range) in one pass; returns them in
/// order.
fn remove_sorted<T>(items: &mut Vec<T>, indices: &[usize]) -> Vec<T> {
    let mut removed = Vec::with_capacity(indices.len());
    let mut kept = Vec::with_capacity(items.len().saturating_sub(indices.len()));
    let mut next = indices.iter().peekable();
    for (index, item) in std::mem::take(items).into_iter().enumerate() {
        if next.next_if(|&&i| i == index).is_some() {
            removed.push(item);
        } else {
            kept.push(item);
        }
    }
    *items = kept;
    removed
}

/// Puts `values` back at `indices` (ascending, positions after insertion) in one pass.
fn insert_sorted<T>(items: &mut Vec<T>, indices: &[usize], values: Vec<T>) {
    let total = items.len() + values.len();
    let mut merged = Vec::with_capacity(total);
    let mut old = std::mem::take(items).into_iter();
    let mut new = indices.iter().zip(values).peekable();
    for index in 0..total {
        if let Some((_, value)) = new.next_if(|(i, _)| **i == index) {
            merged.push(value);
        } else if let Some(value) = old.next() {
            merged.push(value);
        }
    }
    // Indices past the end (never produced by `remove_sorted`) keep their values at the end.
    merged.extend(new.map(|(_, value)| value));
    merged.extend(old);
    *items = merged;
}

/// Moves element `from` so that it ends at index `to`.
fn move_item<T>(items: &mut [T], from: usize, to: usize) {
    if from < to {
        items[from..=to].rotate_left(1);
    } else {
        items[to..=from].rotate_right(1);
    }
}

/// What a field is called in undo labels.
fn field_label(field: &str) -> &'static str {
    match field {
        "id" => "编号",
        "stem" => "题干",
        "kind" => "题型",
        "options" => "选项",
        "answer" | "answers" => "答案",
        "items" => "排序项",
        "blanks" => "填空答案",
        "explanation" => "解析",
        "source" => "出处",
        "era" => "时期",
        "tags" => "标签",
        "difficulty" => "难度",
        "image" => "配图",
        _ => "题目",
    }
}

/// The part of an id before its last `-`, e.g. `q03` for `q03-0012`; the whole id if it has none.
pub fn id_prefix(id: &str) -> &str {
    id.rsplit_once('-').map_or(id, |(prefix, _)| prefix)
}

/// Questions at least this many are filtered on several threads.
const PARALLEL_FILTER: usize = 20_000;

fn worker_threads() -> usize {
    static THREADS: OnceLock<usize> = OnceLock::new();
    *THREADS.get_or_init(|| std::thread::available_parallelism().map_or(1, usize::from).min(8))
}

/// A bank being edited: its questions, where it is saved, undo/redo history, cached search text
/// and problems.
#[derive(Debug)]
pub struct Document {
    bank: Bank,
    path: Option<PathBuf>,
    read_only: bool,
    images: ImageRoot,
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// The step edits merge into, while it is on top of the undo stack.
    typing: Option<TypingKey>,
    /// Id of the next step.
    next_step: u64,
    /// History position (id of the top undo step, 0 for none) that matches the file; `None`
    /// when that state can no longer be reached.
    saved_at: Option<u64>,
    /// Whether the bank has been written (or read) by this document.
    on_disk: bool,
    revision: u64,
    caches: Caches,
}

impl Document {
    /// A document for `bank`; `path` is where Save writes (None: a new bank not saved yet);
    /// `read_only` for a bundled bank (Save refuses; Save As works); `images` is where its
    /// pictures are looked up now.
    pub fn new(bank: Bank, path: Option<PathBuf>, read_only: bool, images: ImageRoot) -> Document {
        let mut document = Document {
            bank,
            path,
            read_only,
            images,
            undo: Vec::new(),
            redo: Vec::new(),
            typing: None,
            next_step: 1,
            saved_at: Some(0),
            on_disk: false,
            revision: 0,
            caches: Caches::default(),
        };
        document.rebuild_caches();
        document
    }

    /// Opens a bank file for editing; its pictures are looked up in its folder. A syntax error
    /// gives [`SaveError::Parse`] with a 1-based line and column.
    pub fn open_file(path: &Path) -> Result<Document, SaveError> {
        let file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
        let mut bytes = Vec::new();
        file.take(MAX_BANK_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| io_error(path, e))?;
        if bytes.len() as u64 > MAX_BANK_FILE_BYTES {
            return Err(io_error(
                path,
                format!("题库文件超过 {} MB", MAX_BANK_FILE_BYTES / 1024 / 1024),
            ));
        }
        let text = String::from_utf8(bytes).map_err(|err| {
            io_error(
                path,
                format!(
                    "不是 UTF-8 编码（第 {} 个字节处出错）；请用 UTF-8 保存",
                    err.utf8_error().valid_up_to() + 1
                ),
            )
        })?;
        let bank = parse_bank(&text).map_err(|err| SaveError::Parse {
            path: path.to_path_buf(),
            line: err.span.start.line,
            col: err.span.start.col,
            message: describe_ron_error(&err.code),
        })?;
        let mut document = Document::new(
            bank,
            Some(path.to_path_buf()),
            false,
            ImageRoot::Folder(folder_of(path)),
        );
        document.on_disk = true;
        Ok(document)
    }

    /// The bank as edited so far.
    pub fn bank(&self) -> &Bank {
        &self.bank
    }

    /// The questions, in the bank's order.
    pub fn questions(&self) -> &[Question] {
        &self.bank.questions
    }

    /// Where Save writes, if anywhere yet.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether Save refuses (a bundled bank).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Where the bank's pictures are looked up.
    pub fn image_root(&self) -> &ImageRoot {
        &self.images
    }

    /// Whether there are changes since opening or the last save (undoing back to the saved state
    /// makes it clean again).
    pub fn is_dirty(&self) -> bool {
        self.saved_at != Some(self.position())
    }

    /// Increases on every change, undo and redo (for caches in the UI).
    pub fn revision(&self) -> u64 {
        self.revision
    }

    fn position(&self) -> u64 {
        self.undo.last().map_or(0, |step| step.id)
    }

    // ----- editing -----

    /// Replaces question `index` (no-op if equal or out of range). Consecutive calls with the
    /// same `(index, field)` merge into one undo step until [`Document::end_typing`] or any
    /// other edit, undo or redo. `field` names what changed, e.g. "stem", "options", "kind",
    /// "explanation".
    pub fn set_question(&mut self, index: usize, field: &'static str, question: Question) {
        let Some(current) = self.bank.questions.get(index) else {
            return;
        };
        if *current == question {
            return;
        }
        let key = TypingKey::Question(index, field);
        if self.typing == Some(key)
            && let Some(Step {
                change: Change::Replace { other, .. },
                ..
            }) = self.undo.last()
        {
            let back_to_start = *other == question;
            self.replace_question(index, question);
            if back_to_start {
                // Typed back to where the step began: the step does nothing any more.
                self.undo.pop();
                self.typing = None;
            }
            self.revision += 1;
            return;
        }
        let before = self.replace_question(index, question);
        let label = format!("修改{}", field_label(field));
        self.push(label, Change::Replace { index, other: before });
        self.typing = Some(key);
    }

    /// Changes the bank's id, title and description (one coalescing undo step, key "info").
    pub fn set_info(&mut self, id: String, title: String, description: String) {
        let info = (id, title, description);
        if self.info() == info {
            return;
        }
        if self.typing == Some(TypingKey::Info)
            && let Some(Step {
                change: Change::Info { other },
                ..
            }) = self.undo.last()
        {
            let back_to_start = *other == info;
            self.swap_info(info);
            if back_to_start {
                self.undo.pop();
                self.typing = None;
            }
            self.revision += 1;
            return;
        }
        let before = self.swap_info(info);
        self.push("修改题库信息".into(), Change::Info { other: before });
        self.typing = Some(TypingKey::Info);
    }

    /// Inserts `question` at `index` (clamped to the end) as one undo step.
    pub fn insert(&mut self, index: usize, question: Question) {
        self.insert_labelled(index, vec![question], "添加题目".into());
    }

    /// Inserts `questions` at `index` (clamped to the end) as one undo step (imports).
    pub fn insert_many(&mut self, index: usize, questions: Vec<Question>) {
        let label = format!("导入 {} 道题", questions.len());
        self.insert_labelled(index, questions, label);
    }

    fn insert_labelled(&mut self, index: usize, questions: Vec<Question>, label: String) {
        if questions.is_empty() {
            return;
        }
        let index = index.min(self.bank.questions.len());
        let count = questions.len();
        self.insert_questions(index, questions);
        self.push(
            label,
            Change::Insert {
                index,
                count,
                held: Vec::new(),
            },
        );
    }

    /// Removes the questions at `indices` as one undo step; out-of-range and repeated indices
    /// are ignored.
    pub fn remove(&mut self, indices: &[usize]) {
        let mut indices: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&i| i < self.bank.questions.len())
            .collect();
        indices.sort_unstable();
        indices.dedup();
        if indices.is_empty() {
            return;
        }
        let held = self.remove_questions(&indices);
        let label = format!("删除 {} 道题", indices.len());
        self.push(label, Change::Remove { indices, held });
    }

    /// Copies question `index` right after it with a fresh id (see [`Document::fresh_id`], with
    /// the original's [`id_prefix`]); returns the new index, `None` if out of range.
    pub fn duplicate(&mut self, index: usize) -> Option<usize> {
        let mut copy = self.bank.questions.get(index)?.clone();
        copy.id = self.fresh_id(id_prefix(&copy.id));
        self.insert_labelled(index + 1, vec![copy], "复制题目".into());
        Some(index + 1)
    }

    /// Moves question `from` so that it ends up at index `to`, as one undo step (no-op when
    /// either is out of range or they are equal).
    pub fn move_question(&mut self, from: usize, to: usize) {
        let len = self.bank.questions.len();
        if from == to || from >= len || to >= len {
            return;
        }
        self.move_questions(from, to);
        self.push("移动题目".into(), Change::Move { from, to });
    }

    /// Ends the current typing group, so the next edit is its own undo step.
    pub fn end_typing(&mut self) {
        self.typing = None;
    }

    fn push(&mut self, label: String, change: Change) {
        let id = self.next_step;
        self.next_step += 1;
        self.undo.push(Step { id, label, change });
        self.redo.clear();
        self.typing = None;
        self.revision += 1;
    }

    // ----- undo and redo -----

    /// Undoes the last step; returns the index of a question to select (the one changed, or
    /// where it was), if any.
    pub fn undo(&mut self) -> Option<usize> {
        self.typing = None;
        let mut step = self.undo.pop()?;
        let select = self.revert(&mut step.change);
        self.redo.push(step);
        self.revision += 1;
        select
    }

    /// Redoes the last undone step; returns the index of a question to select, if any.
    pub fn redo(&mut self) -> Option<usize> {
        self.typing = None;
        let mut step = self.redo.pop()?;
        let select = self.apply(&mut step.change);
        self.undo.push(step);
        self.revision += 1;
        select
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// What undo would do, in Chinese (e.g. "修改题干", "删除 3 道题", "导入 12 道题"), for
    /// tooltips.
    pub fn undo_label(&self) -> Option<String> {
        self.undo.last().map(|step| step.label.clone())
    }

    /// What redo would do, in Chinese, for tooltips.
    pub fn redo_label(&self) -> Option<String> {
        self.redo.last().map(|step| step.label.clone())
    }

    /// Applies a change that is reverted; returns the question to select.
    fn apply(&mut self, change: &mut Change) -> Option<usize> {
        match change {
            Change::Replace { index, other } => {
                self.swap_question(*index, other);
                Some(*index)
            }
            Change::Insert { index, held, .. } => {
                self.insert_questions(*index, std::mem::take(held));
                Some(*index)
            }
            Change::Remove { indices, held } => {
                *held = self.remove_questions(indices);
                self.near(indices.first().copied())
            }
            Change::Move { from, to } => {
                self.move_questions(*from, *to);
                Some(*to)
            }
            Change::Info { other } => {
                let info = std::mem::take(other);
                *other = self.swap_info(info);
                None
            }
        }
    }

    /// Reverts a change that is applied; returns the question to select.
    fn revert(&mut self, change: &mut Change) -> Option<usize> {
        match change {
            Change::Replace { .. } | Change::Info { .. } => self.apply(change),
            Change::Insert { index, count, held } => {
                *held = self.remove_range(*index, *count);
                self.near(Some(*index))
            }
            Change::Remove { indices, held } => {
                self.reinsert_questions(indices, std::mem::take(held));
                indices.first().copied()
            }
            Change::Move { from, to } => {
                self.move_questions(*to, *from);
                Some(*from)
            }
        }
    }

    /// `index` if it is a question, else the last question.
    fn near(&self, index: Option<usize>) -> Option<usize> {
        let last = self.bank.questions.len().checked_sub(1)?;
        Some(index?.min(last))
    }

    // ----- the primitive edits, keeping the caches in step -----

    fn info(&self) -> Info {
        (
            self.bank.id.clone(),
            self.bank.title.clone(),
            self.bank.description.clone(),
        )
    }

    fn swap_info(&mut self, (id, title, description): Info) -> Info {
        (
            std::mem::replace(&mut self.bank.id, id),
            std::mem::replace(&mut self.bank.title, title),
            std::mem::replace(&mut self.bank.description, description),
        )
    }

    /// Puts `question` at `index` (in range); returns the one it replaced.
    fn replace_question(&mut self, index: usize, mut question: Question) -> Question {
        self.swap_question(index, &mut question);
        question
    }

    /// Swaps `question` with question `index` (in range). Ids are recounted only when the id
    /// changed, so typing into other fields never scans the bank.
    fn swap_question(&mut self, index: usize, question: &mut Question) {
        let (search, own) = cache_entry(question, &self.images);
        let old = &self.bank.questions[index];
        let mut changed_ids = Vec::new();
        if old.tags != question.tags {
            self.caches.tags_out(&old.tags);
            self.caches.tags_in(&question.tags);
        }
        if old.id != question.id {
            changed_ids.extend(self.caches.id_out(&old.id));
            changed_ids.extend(self.caches.id_in(&question.id));
        }
        std::mem::swap(&mut self.bank.questions[index], question);
        self.caches.search[index] = search;
        self.caches.total.sub(self.caches.own[index]);
        self.caches.total.add(own);
        self.caches.own[index] = own;
        let duplicate = self.caches.is_duplicate(&self.bank.questions[index].id);
        self.caches.set_duplicate(index, duplicate);
        self.caches.refresh_duplicates(&self.bank.questions, &changed_ids);
    }

    fn insert_questions(&mut self, index: usize, questions: Vec<Question>) {
        let count = questions.len();
        let indices: Vec<usize> = (index..index + count).collect();
        self.reinsert_questions(&indices, questions);
    }

    /// Inserts `questions` so that they end at `indices` (ascending).
    fn reinsert_questions(&mut self, indices: &[usize], questions: Vec<Question>) {
        let mut changed_ids = Vec::new();
        let mut search = Vec::with_capacity(questions.len());
        let mut own = Vec::with_capacity(questions.len());
        for question in &questions {
            changed_ids.extend(self.caches.count_in(question));
            let (text, problems) = cache_entry(question, &self.images);
            self.caches.total.add(problems);
            search.push(text);
            own.push(problems);
        }
        let duplicate: Vec<bool> = questions
            .iter()
            .map(|q| self.caches.is_duplicate(&q.id))
            .collect();
        let added = duplicate.iter().filter(|&&d| d).count();
        self.caches.total.errors += added;
        insert_sorted(&mut self.bank.questions, indices, questions);
        insert_sorted(&mut self.caches.search, indices, search);
        insert_sorted(&mut self.caches.own, indices, own);
        insert_sorted(&mut self.caches.duplicate, indices, duplicate);
        self.caches.refresh_duplicates(&self.bank.questions, &changed_ids);
    }

    fn remove_range(&mut self, index: usize, count: usize) -> Vec<Question> {
        let indices: Vec<usize> = (index..index + count).collect();
        self.remove_questions(&indices)
    }

    /// Removes the questions at `indices` (ascending, distinct, in range); returns them.
    fn remove_questions(&mut self, indices: &[usize]) -> Vec<Question> {
        let removed = remove_sorted(&mut self.bank.questions, indices);
        remove_sorted(&mut self.caches.search, indices);
        for problems in remove_sorted(&mut self.caches.own, indices) {
            self.caches.total.sub(problems);
        }
        for duplicate in remove_sorted(&mut self.caches.duplicate, indices) {
            if duplicate {
                self.caches.total.sub(DUPLICATE);
            }
        }
        let mut changed_ids = Vec::new();
        for question in &removed {
            changed_ids.extend(self.caches.count_out(question));
        }
        self.caches.refresh_duplicates(&self.bank.questions, &changed_ids);
        removed
    }

    fn move_questions(&mut self, from: usize, to: usize) {
        move_item(&mut self.bank.questions, from, to);
        move_item(&mut self.caches.search, from, to);
        move_item(&mut self.caches.own, from, to);
        move_item(&mut self.caches.duplicate, from, to);
    }

    fn rebuild_caches(&mut self) {
        let mut caches = Caches::default();
        for question in &self.bank.questions {
            caches.count_in(question);
            let (text, problems) = cache_entry(question, &self.images);
            caches.total.add(problems);
            caches.search.push(text);
            caches.own.push(problems);
        }
        caches.duplicate = self
            .bank
            .questions
            .iter()
            .map(|q| caches.is_duplicate(&q.id))
            .collect();
        caches.total.errors += caches.duplicate.iter().filter(|&&d| d).count();
        self.caches = caches;
    }

    // ----- reading -----

    /// An id not used in this bank: `{prefix}-0001`, `{prefix}-0002`, … (the first free). An
    /// empty prefix becomes `q`.
    pub fn fresh_id(&self, prefix: &str) -> String {
        let prefix = if prefix.trim().is_empty() { "q" } else { prefix };
        (1u64..)
            .map(|n| format!("{prefix}-{n:04}"))
            .find(|id| !self.caches.ids.contains_key(id))
            .unwrap_or_default()
    }

    /// Findings of question `index`: `validate_question` plus a duplicate-id error when another
    /// question has the same id (its `related` names the first such question). Empty when out of
    /// range.
    pub fn findings(&self, index: usize) -> Vec<Finding> {
        let Some(question) = self.bank.questions.get(index) else {
            return Vec::new();
        };
        let mut findings = validate_question(index, question, &self.images);
        if self.caches.is_duplicate(&question.id) {
            let other = self
                .bank
                .questions
                .iter()
                .enumerate()
                .find(|(i, q)| *i != index && q.id == question.id)
                .map(|(i, _)| question_path(i, &[Seg::Field("id")]));
            findings.insert(
                0,
                Finding {
                    severity: Severity::Error,
                    code: Code::DuplicateId,
                    question: Some(index),
                    path: question_path(index, &[Seg::Field("id")]),
                    related: other,
                    message: format!("题目 id “{}” 重复", question.id),
                },
            );
        }
        findings
    }

    /// Cached counts for question `index`, a duplicated id included (zero when out of range).
    pub fn problems(&self, index: usize) -> Problems {
        let Some(&own) = self.caches.own.get(index) else {
            return Problems::default();
        };
        let mut problems = own;
        if self.caches.duplicate.get(index) == Some(&true) {
            problems.add(DUPLICATE);
        }
        problems
    }

    /// Totals over the bank, plus bank-level findings (empty id or title, no questions).
    pub fn totals(&self) -> Problems {
        let mut totals = self.caches.total;
        totals.add(Problems::of(&self.bank_findings()));
        totals
    }

    /// Bank-level findings (empty id, empty title, no questions), by `validate`'s rules.
    pub fn bank_findings(&self) -> Vec<Finding> {
        let header = Bank {
            id: self.bank.id.clone(),
            title: self.bank.title.clone(),
            version: self.bank.version,
            description: String::new(),
            questions: Vec::new(),
        };
        let mut findings = validate(&header, &self.images);
        if !self.bank.questions.is_empty() {
            findings.retain(|f| f.code != Code::NoQuestions);
        }
        findings
    }

    /// Every tag used, sorted, deduplicated.
    pub fn all_tags(&self) -> Vec<String> {
        self.caches.tags.keys().cloned().collect()
    }

    /// Indices of the questions that pass `filter`, in `sort` order. Text terms are found with
    /// one `memchr` finder per term in the cached lower-cased search text; large banks are
    /// scanned on several threads.
    pub fn filter(&self, filter: &Filter, sort: Sort) -> Vec<usize> {
        let terms: Vec<String> = filter.text.split_whitespace().map(str::to_lowercase).collect();
        let finders: Vec<Finder<'_>> = terms.iter().map(|t| Finder::new(t.as_bytes())).collect();
        let passes = |index: usize| -> bool {
            let question = &self.bank.questions[index];
            filter.kind.is_none_or(|kind| question.kind.tag() == kind)
                && filter.era.is_none_or(|era| question.era == era)
                && filter.difficulty.is_none_or(|d| question.difficulty == d)
                && filter.tag.as_ref().is_none_or(|tag| question.tags.contains(tag))
                && (!filter.problems_only || self.problems(index).any())
                && finders
                    .iter()
                    .all(|finder| finder.find(self.caches.search[index].as_bytes()).is_some())
        };
        let len = self.bank.questions.len();
        let threads = worker_threads();
        let mut hits: Vec<usize> = if len >= PARALLEL_FILTER && threads > 1 {
            let chunk = len.div_ceil(threads);
            std::thread::scope(|scope| {
                let workers: Vec<_> = (0..len)
                    .step_by(chunk)
                    .map(|start| {
                        let passes = &passes;
                        scope.spawn(move || {
                            (start..(start + chunk).min(len))
                                .filter(|&i| passes(i))
                                .collect::<Vec<usize>>()
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|worker| worker.join().unwrap_or_default())
                    .collect()
            })
        } else {
            (0..len).filter(|&i| passes(i)).collect()
        };
        self.sort(&mut hits, sort);
        hits
    }

    fn sort(&self, hits: &mut [usize], sort: Sort) {
        let questions = &self.bank.questions;
        let ordering = |a: &usize, b: &usize| match sort.key {
            SortKey::Order => a.cmp(b),
            SortKey::Id => questions[*a].id.cmp(&questions[*b].id),
            SortKey::Kind => questions[*a].kind.tag().cmp(&questions[*b].kind.tag()),
            SortKey::Era => questions[*a].era.cmp(&questions[*b].era),
            SortKey::Difficulty => questions[*a].difficulty.cmp(&questions[*b].difficulty),
            SortKey::Problems => {
                let key = |i: usize| {
                    let p = self.problems(i);
                    (p.errors, p.warnings)
                };
                key(*a).cmp(&key(*b))
            }
        };
        match (sort.key, sort.descending) {
            (SortKey::Order, false) => {}
            (SortKey::Order, true) => hits.reverse(),
            (_, false) => hits.sort_by(ordering),
            // Stable and reversed by key only, so ties keep the bank's order.
            (_, true) => hits.sort_by(|a, b| ordering(b, a)),
        }
    }

    // ----- files -----

    /// Writes the bank to its path: version + 1 if changed (or never saved), pretty RON, the
    /// previous file kept as `.bak`; marks the document clean. Errors: read-only, no path, I/O.
    pub fn save(&mut self) -> Result<(), SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let Some(path) = self.path.clone() else {
            return Err(SaveError::NoPath);
        };
        let bump = self.is_dirty() || !self.on_disk;
        self.write(&path, bump)?;
        self.mark_saved();
        Ok(())
    }

    /// Writes the bank to `path` (version + 1) and makes it the document's path (no longer
    /// read-only). Pictures the bank uses are copied from the old folder into the new one at the
    /// same relative paths when the folders differ; the new folder becomes the image root.
    pub fn save_as(&mut self, path: &Path) -> Result<(), SaveError> {
        let folder = folder_of(path);
        let new_root = ImageRoot::Folder(folder.clone());
        if let ImageRoot::Folder(old) = &self.images
            && !same_folder(old, &folder)
        {
            self.copy_images(old, &folder)?;
        }
        self.write(path, true)?;
        self.path = Some(path.to_path_buf());
        self.read_only = false;
        if self.images != new_root {
            self.images = new_root;
            self.rebuild_caches();
            self.revision += 1;
        }
        self.mark_saved();
        Ok(())
    }

    fn mark_saved(&mut self) {
        self.typing = None;
        self.saved_at = Some(self.position());
        self.on_disk = true;
        self.revision += 1;
    }

    /// Writes the bank (with the version raised if `bump`); the version stays as it was if
    /// writing fails.
    fn write(&mut self, path: &Path, bump: bool) -> Result<(), SaveError> {
        let version = self.bank.version;
        if bump {
            self.bank.version = version.saturating_add(1);
        }
        let written = write_atomic(path, bank_ron(&self.bank).as_bytes());
        if let Err(err) = written {
            self.bank.version = version;
            return Err(io_error(path, err));
        }
        Ok(())
    }

    /// Copies every picture the questions use that exists under `from` to the same relative
    /// path under `to`; pictures that are missing or unsafe are left for validation to report.
    fn copy_images(&self, from: &Path, to: &Path) -> Result<(), SaveError> {
        let mut done: Vec<&str> = Vec::new();
        for relative in self.bank.questions.iter().filter_map(|q| q.image.as_deref()) {
            if done.contains(&relative) {
                continue;
            }
            done.push(relative);
            if self.images.check(relative).is_err() {
                continue;
            }
            let source = from.join(relative);
            let target = to.join(relative);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent).map_err(|e| io_error(parent, e))?;
            }
            std::fs::copy(&source, &target).map_err(|e| io_error(&target, e))?;
        }
        Ok(())
    }

    /// Copies picture `source` (.png/.jpg/.jpeg that decodes within the limits) into
    /// `<bank folder>/images/<file name>` (adding -2, -3, … before the extension if a different
    /// file of that name exists; the same bytes reuse the file) and sets question `index`'s
    /// image to it as one undo step. Needs a path ([`SaveError::NoPath`] otherwise); returns the
    /// relative path, e.g. `images/遵义会议.png`.
    pub fn attach_image(&mut self, index: usize, source: &Path) -> Result<String, SaveError> {
        if self.read_only {
            return Err(SaveError::ReadOnly);
        }
        let Some(bank_path) = self.path.as_deref() else {
            return Err(SaveError::NoPath);
        };
        let Some(question) = self.bank.questions.get(index) else {
            return Err(SaveError::Image(format!("没有第 {} 题", index + 1)));
        };
        let Some(name) = source.file_name().and_then(|n| n.to_str()) else {
            return Err(SaveError::Image(format!(
                "图片文件名“{}”无法使用",
                source.display()
            )));
        };
        check_relative_path(name).map_err(|e| SaveError::Image(e.to_string()))?;
        let bytes = read_picture(source)?;
        decode_with_limits(&bytes, name).map_err(|e| SaveError::Image(e.to_string()))?;
        let file = store_picture(&folder_of(bank_path).join("images"), name, &bytes)?;
        let relative = format!("images/{file}");
        if question.image.as_deref() != Some(relative.as_str()) {
            let mut changed = question.clone();
            changed.image = Some(relative.clone());
            let before = self.replace_question(index, changed);
            self.push("添加配图".into(), Change::Replace { index, other: before });
        }
        Ok(relative)
    }
}

/// The folder a bank file is in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// Reads a picture the user chose, refusing files over [`MAX_IMAGE_FILE_BYTES`].
fn read_picture(source: &Path) -> Result<Vec<u8>, SaveError> {
    let file = std::fs::File::open(source).map_err(|e| io_error(source, e))?;
    let mut bytes = Vec::new();
    file.take(MAX_IMAGE_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(source, e))?;
    if bytes.len() as u64 > MAX_IMAGE_FILE_BYTES {
        return Err(SaveError::Image(format!(
            "图片“{}”文件过大（超过 {} MB）",
            source.display(),
            MAX_IMAGE_FILE_BYTES / 1024 / 1024
        )));
    }
    Ok(bytes)
}

/// Most files named like one picture (`a.png`, `a-2.png`, …) tried before giving up.
const MAX_NAME_TRIES: u32 = 10_000;

/// Writes `bytes` into `folder` as `name`, or `name` with -2, -3, … before the extension when a
/// different file has that name; a file with the same bytes is reused. Returns the file name.
fn store_picture(folder: &Path, name: &str, bytes: &[u8]) -> Result<String, SaveError> {
    std::fs::create_dir_all(folder).map_err(|e| io_error(folder, e))?;
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    for n in 1..=MAX_NAME_TRIES {
        let candidate = if n == 1 {
            name.to_owned()
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let target = folder.join(&candidate);
        match std::fs::read(&target) {
            Ok(existing) if existing == bytes => return Ok(candidate),
            Ok(_) => {}
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                std::fs::write(&target, bytes).map_err(|e| io_error(&target, e))?;
                return Ok(candidate);
            }
            Err(err) => return Err(io_error(&target, err)),
        }
    }
    Err(SaveError::Image(format!(
        "“{}”中同名图片太多，无法保存“{name}”",
        folder.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bank::{Era, KindTag, QuestionKind};
    use crate::store::atomic::backup_path;

    fn question(id: &str, stem: &str) -> Question {
        Question {
            id: id.into(),
            stem: stem.into(),
            kind: QuestionKind::Judge { answer: true },
            explanation: "说明。".into(),
            source: "《简史》".into(),
            era: Era::General,
            tags: Vec::new(),
            difficulty: 3,
            image: None,
        }
    }

    fn bank(questions: Vec<Question>) -> Bank {
        Bank {
            id: "b".into(),
            title: "题库".into(),
            version: 1,
            description: String::new(),
            questions,
        }
    }

    fn numbered(count: usize) -> Vec<Question> {
        (0..count)
            .map(|i| question(&format!("q-{i:04}"), &format!("第{i}题。")))
            .collect()
    }

    fn document(questions: Vec<Question>) -> Document {
        Document::new(bank(questions), None, false, ImageRoot::Bundled)
    }

    fn with_stem(doc: &Document, index: usize, stem: &str) -> Question {
        Question {
            stem: stem.into(),
            ..doc.questions()[index].clone()
        }
    }

    /// The incrementally kept caches equal those of a document built from scratch.
    fn assert_consistent(doc: &Document) {
        let fresh = Document::new(doc.bank().clone(), None, false, doc.image_root().clone());
        assert_eq!(doc.caches.search, fresh.caches.search);
        assert_eq!(doc.caches.own, fresh.caches.own);
        assert_eq!(doc.caches.duplicate, fresh.caches.duplicate);
        assert_eq!(doc.caches.ids, fresh.caches.ids);
        assert_eq!(doc.caches.tags, fresh.caches.tags);
        assert_eq!(doc.caches.total, fresh.caches.total);
        assert_eq!(doc.totals(), fresh.totals());
    }

    fn png(red: u8) -> Vec<u8> {
        let picture = image::RgbaImage::from_pixel(2, 2, image::Rgba([red, 0, 0, 255]));
        let mut bytes = std::io::Cursor::new(Vec::new());
        picture
            .write_to(&mut bytes, image::ImageFormat::Png)
            .expect("encode png");
        bytes.into_inner()
    }

    fn steps(doc: &mut Document) -> usize {
        let mut count = 0;
        while doc.undo().is_some() || doc.can_undo() {
            count += 1;
        }
        count
    }

    // ----- typing and undo steps -----

    #[test]
    fn typing_into_one_field_is_one_step() {
        let mut doc = document(numbered(3));
        let original = doc.questions()[1].clone();
        for stem in ["甲", "甲乙", "甲乙丙"] {
            let changed = with_stem(&doc, 1, stem);
            doc.set_question(1, "stem", changed);
        }
        assert_eq!(doc.questions()[1].stem, "甲乙丙");
        assert_eq!(doc.undo_label().as_deref(), Some("修改题干"));
        assert_eq!(doc.undo(), Some(1));
        assert_eq!(doc.questions()[1], original);
        assert!(!doc.can_undo());
        assert_eq!(doc.redo_label().as_deref(), Some("修改题干"));
        assert_eq!(doc.redo(), Some(1));
        assert_eq!(doc.questions()[1].stem, "甲乙丙");
        assert_consistent(&doc);
    }

    #[test]
    fn another_field_another_question_or_end_typing_splits_steps() {
        let mut doc = document(numbered(3));
        let a = with_stem(&doc, 0, "一");
        doc.set_question(0, "stem", a);
        let mut b = doc.questions()[0].clone();
        b.explanation = "新的说明。".into();
        doc.set_question(0, "explanation", b);
        assert_eq!(doc.undo_label().as_deref(), Some("修改解析"));
        let c = with_stem(&doc, 1, "二");
        doc.set_question(1, "stem", c);
        let d = with_stem(&doc, 1, "二二");
        doc.set_question(1, "stem", d);
        doc.end_typing();
        let e = with_stem(&doc, 1, "二二二");
        doc.set_question(1, "stem", e);
        assert_eq!(steps(&mut doc), 4);
        assert_eq!(doc.questions(), numbered(3).as_slice());
    }

    #[test]
    fn undo_and_redo_end_the_typing_group() {
        let mut doc = document(numbered(2));
        let a = with_stem(&doc, 0, "一");
        doc.set_question(0, "stem", a);
        doc.undo();
        doc.redo();
        let b = with_stem(&doc, 0, "一二");
        doc.set_question(0, "stem", b);
        doc.undo();
        assert_eq!(doc.questions()[0].stem, "一");
    }

    #[test]
    fn typing_back_to_the_start_leaves_no_step_and_equal_edits_do_nothing() {
        let mut doc = document(numbered(2));
        let revision = doc.revision();
        let same = doc.questions()[0].clone();
        doc.set_question(0, "stem", same);
        assert_eq!(doc.revision(), revision, "no change, no revision");
        assert!(!doc.can_undo());
        let a = with_stem(&doc, 0, "改");
        doc.set_question(0, "stem", a);
        let back = with_stem(&doc, 0, "第0题。");
        doc.set_question(0, "stem", back);
        assert!(!doc.can_undo());
        assert!(!doc.is_dirty());
        assert!(doc.revision() > revision);
    }

    #[test]
    fn a_new_edit_clears_redo() {
        let mut doc = document(numbered(2));
        doc.insert(0, question("new", "新题。"));
        doc.undo();
        assert!(doc.can_redo());
        doc.move_question(0, 1);
        assert!(!doc.can_redo());
        assert_eq!(doc.redo(), None);
        assert_eq!(doc.redo_label(), None);
    }

    #[test]
    fn undo_and_redo_of_every_operation_restore_exact_questions() {
        type Op = Box<dyn Fn(&mut Document)>;
        let mut tagged = question("t-1", "有标签。");
        tagged.tags = vec!["长征".into(), "会议".into()];
        let ops: Vec<(&str, Op)> = vec![
            (
                "修改题型",
                Box::new(|d: &mut Document| {
                    let mut q = d.questions()[2].clone();
                    q.kind = QuestionKind::Single {
                        options: vec!["甲".into(), "乙".into()],
                        answer: 5,
                    };
                    d.set_question(2, "kind", q);
                }),
            ),
            (
                "修改编号",
                Box::new(|d: &mut Document| {
                    let mut q = d.questions()[2].clone();
                    q.id = "q-0000".into();
                    d.set_question(2, "id", q);
                }),
            ),
            (
                "修改题库信息",
                Box::new(|d: &mut Document| d.set_info("x".into(), String::new(), "说明".into())),
            ),
            (
                "添加题目",
                Box::new(move |d: &mut Document| d.insert(1, tagged.clone())),
            ),
            (
                "导入 3 道题",
                Box::new(|d: &mut Document| {
                    d.insert_many(
                        99,
                        vec![
                            question("q-0001", ""),
                            question("i-2", "二。"),
                            question("i-3", "三。"),
                        ],
                    )
                }),
            ),
            (
                "删除 3 道题",
                Box::new(|d: &mut Document| d.remove(&[4, 0, 2, 0, 77])),
            ),
            (
                "复制题目",
                Box::new(|d: &mut Document| {
                    d.duplicate(3);
                }),
            ),
            ("移动题目", Box::new(|d: &mut Document| d.move_question(0, 4))),
            ("移动题目", Box::new(|d: &mut Document| d.move_question(4, 1))),
        ];
        for (label, op) in ops {
            let mut doc = document(numbered(6));
            let before_bank = doc.bank().clone();
            op(&mut doc);
            assert_eq!(doc.undo_label().as_deref(), Some(label));
            assert!(doc.is_dirty(), "{label}");
            assert_consistent(&doc);
            let after_bank = doc.bank().clone();
            assert_ne!(before_bank, after_bank, "{label}");
            doc.undo();
            assert_eq!(doc.bank(), &before_bank, "undo {label}");
            assert!(!doc.is_dirty(), "{label}");
            assert_consistent(&doc);
            doc.redo();
            assert_eq!(doc.bank(), &after_bank, "redo {label}");
            assert_consistent(&doc);
            doc.undo();
            assert_eq!(doc.bank(), &before_bank, "undo again {label}");
        }
    }

    #[test]
    fn undo_and_redo_say_what_to_select() {
        let mut doc = document(numbered(5));
        doc.remove(&[3, 1]);
        assert_eq!(doc.undo(), Some(1), "the first question put back");
        assert_eq!(doc.redo(), Some(1), "where the first removed one was");
        doc.remove(&[0, 1, 2]);
        assert_eq!(doc.redo_label(), None);
        assert_eq!(doc.undo(), Some(0));
        assert_eq!(doc.redo(), None, "nothing left to select");
        assert_eq!(doc.undo(), Some(0));
        assert_eq!(doc.questions().len(), 3);
        doc.remove(&[2]);
        assert_eq!(doc.undo(), Some(2));
        assert_eq!(
            doc.redo(),
            Some(1),
            "the last question, as the removed one was last"
        );
        doc.insert(0, question("n", "新。"));
        assert_eq!(doc.undo(), Some(0));
        doc.remove(&[0, 1]);
        assert!(doc.questions().is_empty());
        assert_eq!(doc.undo(), Some(0));
        doc.move_question(0, 1);
        assert_eq!(doc.undo(), Some(0));
        assert_eq!(doc.redo(), Some(1));
        doc.set_info("i".into(), "t".into(), String::new());
        assert_eq!(doc.undo(), None);
        assert_eq!(doc.redo(), None);
        let mut empty = document(Vec::new());
        assert_eq!(empty.undo(), None);
        empty.insert(5, question("a", "一。"));
        assert_eq!(empty.undo(), None, "nothing left to select");
    }

    #[test]
    fn labels_count_questions() {
        let mut doc = document(Vec::new());
        doc.insert_many(0, numbered(12));
        assert_eq!(doc.undo_label().as_deref(), Some("导入 12 道题"));
        doc.insert_many(0, Vec::new());
        assert_eq!(
            doc.undo_label().as_deref(),
            Some("导入 12 道题"),
            "nothing imported, no step"
        );
        doc.remove(&[0, 1, 2]);
        assert_eq!(doc.undo_label().as_deref(), Some("删除 3 道题"));
        doc.remove(&[]);
        doc.remove(&[100]);
        assert_eq!(doc.undo_label().as_deref(), Some("删除 3 道题"));
        let mut q = doc.questions()[0].clone();
        q.tags.push("新".into());
        doc.set_question(0, "something", q);
        assert_eq!(doc.undo_label().as_deref(), Some("修改题目"));
    }

    #[test]
    fn revision_rises_on_change_undo_and_redo() {
        let mut doc = document(numbered(2));
        let r0 = doc.revision();
        doc.move_question(0, 1);
        let r1 = doc.revision();
        doc.undo();
        let r2 = doc.revision();
        doc.redo();
        let r3 = doc.revision();
        assert!(r0 < r1 && r1 < r2 && r2 < r3);
        doc.move_question(1, 1);
        doc.move_question(0, 5);
        assert_eq!(doc.revision(), r3);
    }

    #[test]
    fn out_of_range_indices_are_ignored() {
        let mut doc = document(numbered(2));
        let q = question("x", "x。");
        doc.set_question(2, "stem", q);
        doc.remove(&[2, 9, usize::MAX]);
        doc.move_question(0, 2);
        doc.move_question(5, 0);
        assert_eq!(doc.duplicate(2), None);
        assert!(!doc.can_undo());
        assert_eq!(doc.problems(2), Problems::default());
        assert!(doc.findings(2).is_empty());
        doc.insert(usize::MAX, question("end", "末。"));
        assert_eq!(doc.questions()[2].id, "end");
        assert!(matches!(
            doc.attach_image(usize::MAX, Path::new("a.png")),
            Err(SaveError::NoPath)
        ));
    }

    // ----- ids -----

    #[test]
    fn fresh_ids_are_the_first_free_number() {
        let mut doc = document(vec![question("q03-0001", "一。"), question("q03-0003", "三。")]);
        assert_eq!(doc.fresh_id("q03"), "q03-0002");
        assert_eq!(doc.fresh_id("new"), "new-0001");
        assert_eq!(doc.fresh_id(" "), "q-0001");
        doc.insert(0, question("q03-0002", "二。"));
        assert_eq!(doc.fresh_id("q03"), "q03-0004");
        assert_eq!(id_prefix("q03-0012"), "q03");
        assert_eq!(id_prefix("a-b-7"), "a-b");
        assert_eq!(id_prefix("abc"), "abc");
    }

    #[test]
    fn duplicate_copies_right_after_with_a_fresh_id() {
        let mut doc = document(vec![question("q03-0012", "一。"), question("abc", "二。")]);
        assert_eq!(doc.duplicate(0), Some(1));
        let copy = doc.questions()[1].clone();
        assert_eq!(copy.id, "q03-0001");
        assert_eq!(
            Question {
                id: "q03-0012".into(),
                ..copy
            },
            doc.questions()[0]
        );
        assert_eq!(doc.duplicate(2), Some(3));
        assert_eq!(doc.questions()[3].id, "abc-0001");
        assert_eq!(doc.undo_label().as_deref(), Some("复制题目"));
        assert_eq!(doc.totals(), Problems::default());
        assert_consistent(&doc);
    }

    // ----- problems -----

    #[test]
    fn duplicate_ids_flag_both_questions_and_clear_again() {
        let mut doc = document(numbered(3));
        assert_eq!(doc.totals(), Problems::default());
        let mut clash = doc.questions()[2].clone();
        clash.id = "q-0000".into();
        doc.set_question(2, "id", clash);
        let one_error = Problems {
            errors: 1,
            warnings: 0,
        };
        assert_eq!(doc.problems(0), one_error);
        assert_eq!(doc.problems(1), Problems::default());
        assert_eq!(doc.problems(2), one_error);
        assert_eq!(doc.totals().errors, 2);
        let findings = doc.findings(2);
        assert_eq!(findings[0].code, Code::DuplicateId);
        assert_eq!(findings[0].related, Some(question_path(0, &[Seg::Field("id")])));
        assert_eq!(
            doc.findings(0)[0].related,
            Some(question_path(2, &[Seg::Field("id")]))
        );
        assert_consistent(&doc);
        // A third copy, then removing copies one by one.
        doc.insert(1, question("q-0000", "又一。"));
        assert_eq!(doc.totals().errors, 3);
        assert_consistent(&doc);
        doc.remove(&[0]);
        assert_eq!(doc.totals().errors, 2);
        doc.remove(&[0]);
        assert_eq!(doc.totals().errors, 0);
        assert!(doc.findings(1).is_empty());
        assert_consistent(&doc);
        doc.undo();
        doc.undo();
        assert_eq!(doc.totals().errors, 3);
        assert_consistent(&doc);
        doc.undo();
        doc.undo();
        assert_eq!(doc.totals(), Problems::default());
        assert_consistent(&doc);
    }

    #[test]
    fn importing_a_bank_twice_flags_every_copy() {
        let mut doc = document(numbered(20));
        doc.insert_many(5, numbered(20));
        assert_eq!(doc.totals().errors, 40);
        assert_eq!(doc.problems(0).errors, 1);
        assert_consistent(&doc);
        // Left: copies of q-0015…q-0019 and the originals q-0005…q-0019.
        doc.remove(&(0..20).collect::<Vec<_>>());
        assert_eq!(doc.totals().errors, 10);
        assert_consistent(&doc);
        doc.undo();
        doc.undo();
        assert_eq!(doc.totals(), Problems::default());
        assert_consistent(&doc);
    }

    #[test]
    fn blank_ids_are_empty_not_duplicated() {
        let doc = document(vec![question(" ", "一。"), question(" ", "二。")]);
        assert_eq!(doc.findings(0).len(), 1);
        assert_eq!(doc.findings(0)[0].code, Code::EmptyId);
        assert_eq!(doc.totals().errors, 2);
        assert_eq!(doc.fresh_id(""), "q-0001");
    }

    #[test]
    fn problems_follow_every_edit() {
        let mut doc = document(numbered(2));
        let mut broken = doc.questions()[0].clone();
        broken.explanation.clear();
        broken.difficulty = 9;
        doc.set_question(0, "explanation", broken);
        assert_eq!(
            doc.problems(0),
            Problems {
                errors: 1,
                warnings: 1
            }
        );
        assert_eq!(doc.findings(0).len(), 2);
        doc.undo();
        assert_eq!(doc.problems(0), Problems::default());
        doc.redo();
        doc.move_question(0, 1);
        assert_eq!(doc.problems(1).errors, 1);
        assert_eq!(doc.problems(0), Problems::default());
        assert_consistent(&doc);
    }

    #[test]
    fn bank_findings_and_totals() {
        let mut doc = document(Vec::new());
        assert_eq!(
            doc.bank_findings().iter().map(|f| f.code).collect::<Vec<_>>(),
            [Code::NoQuestions]
        );
        assert_eq!(
            doc.totals(),
            Problems {
                errors: 0,
                warnings: 1
            }
        );
        doc.set_info(" ".into(), String::new(), "说明".into());
        doc.set_info(String::new(), String::new(), "说明更多".into());
        assert_eq!(doc.undo_label().as_deref(), Some("修改题库信息"));
        assert_eq!(
            doc.bank_findings().iter().map(|f| f.code).collect::<Vec<_>>(),
            [Code::EmptyBankId, Code::EmptyTitle, Code::NoQuestions]
        );
        doc.insert(0, question("a", ""));
        assert_eq!(
            doc.totals(),
            Problems {
                errors: 3,
                warnings: 0
            }
        );
        doc.undo();
        doc.undo();
        assert_eq!(doc.bank().description, "");
        assert!(!doc.can_undo(), "the info edits merged into one step");
    }

    #[test]
    fn tags_are_sorted_and_follow_edits() {
        let mut a = question("a", "一。");
        a.tags = vec!["长征".into(), "会议".into()];
        let mut b = question("b", "二。");
        b.tags = vec!["会议".into()];
        let mut doc = document(vec![a, b]);
        assert_eq!(doc.all_tags(), ["会议", "长征"]);
        let mut changed = doc.questions()[0].clone();
        changed.tags = vec!["遵义".into()];
        doc.set_question(0, "tags", changed);
        assert_eq!(doc.all_tags(), ["会议", "遵义"]);
        doc.remove(&[1]);
        assert_eq!(doc.all_tags(), ["遵义"]);
        doc.undo();
        doc.undo();
        assert_eq!(doc.all_tags(), ["会议", "长征"]);
    }

    // ----- filter and sort -----

    fn varied() -> Document {
        let mut questions = Vec::new();
        for (i, (kind, era, difficulty, tag)) in [
            (KindTag::Single, Era::LandRevolution, 2, "长征"),
            (KindTag::Judge, Era::Founding, 1, "建党"),
            (KindTag::Fill, Era::LandRevolution, 5, "长征"),
            (KindTag::Judge, Era::NewEra, 3, "新时代"),
            (KindTag::Order, Era::Founding, 2, "建党"),
        ]
        .into_iter()
        .enumerate()
        {
            let mut q = question(&format!("id-{}", 5 - i), &format!("第{i}题 Zunyi（ ）。"));
            q.kind = match kind {
                KindTag::Single => QuestionKind::Single {
                    options: vec!["遵义会议".into(), "古田会议".into()],
                    answer: 0,
                },
                KindTag::Fill => QuestionKind::Fill {
                    blanks: vec![vec!["嘉兴".into()]],
                },
                KindTag::Order => QuestionKind::Order {
                    items: vec!["一".into(), "二".into(), "三".into()],
                },
                _ => QuestionKind::Judge { answer: true },
            };
            q.era = era;
            q.difficulty = difficulty;
            q.tags = vec![tag.into()];
            questions.push(q);
        }
        // Question 2's stem has no blank: one error. Question 3 has no explanation: one warning.
        questions[3].explanation.clear();
        document(questions)
    }

    fn only(filter: Filter) -> Filter {
        filter
    }

    #[test]
    fn filter_by_each_field() {
        let doc = varied();
        let all = Sort::default();
        assert_eq!(doc.filter(&Filter::default(), all), [0, 1, 2, 3, 4]);
        let by_kind = only(Filter {
            kind: Some(KindTag::Judge),
            ..Filter::default()
        });
        assert_eq!(doc.filter(&by_kind, all), [1, 3]);
        let by_era = Filter {
            era: Some(Era::Founding),
            ..Filter::default()
        };
        assert_eq!(doc.filter(&by_era, all), [1, 4]);
        let by_tag = Filter {
            tag: Some("长征".into()),
            ..Filter::default()
        };
        assert_eq!(doc.filter(&by_tag, all), [0, 2]);
        let partial_tag = Filter {
            tag: Some("长".into()),
            ..Filter::default()
        };
        assert!(doc.filter(&partial_tag, all).is_empty(), "tags match exactly");
        let by_difficulty = Filter {
            difficulty: Some(2),
            ..Filter::default()
        };
        assert_eq!(doc.filter(&by_difficulty, all), [0, 4]);
        let problems = Filter {
            problems_only: true,
            ..Filter::default()
        };
        assert_eq!(doc.filter(&problems, all), [2, 3]);
        let combined = Filter {
            era: Some(Era::LandRevolution),
            difficulty: Some(5),
            ..by_tag
        };
        assert_eq!(doc.filter(&combined, all), [2]);
    }

    #[test]
    fn filter_by_terms() {
        let doc = varied();
        let all = Sort::default();
        let text = |t: &str| Filter {
            text: t.into(),
            ..Filter::default()
        };
        assert_eq!(doc.filter(&text("遵义会议"), all), [0], "an option");
        assert_eq!(doc.filter(&text("嘉兴"), all), [2], "a fill answer");
        assert_eq!(doc.filter(&text("zunyi"), all), [0, 1, 2, 3, 4]);
        assert_eq!(
            doc.filter(&text("ZUNYI 第3题"), all),
            [3],
            "every term, ASCII case-insensitive"
        );
        assert_eq!(doc.filter(&text("第3题 嘉兴"), all), Vec::<usize>::new());
        assert_eq!(doc.filter(&text("ID-4"), all), [1], "the id");
        assert_eq!(doc.filter(&text("新时代"), all), [3], "a tag");
        assert_eq!(doc.filter(&text("《简史》"), all).len(), 5, "the source");
        assert_eq!(
            doc.filter(&text("  "), all).len(),
            5,
            "blank text filters nothing"
        );
        assert!(doc.filter(&text("延安"), all).is_empty());
    }

    #[test]
    fn search_text_follows_edits() {
        let mut doc = varied();
        let text = Filter {
            text: "延安".into(),
            ..Filter::default()
        };
        let changed = with_stem(&doc, 4, "延安整风");
        doc.set_question(4, "stem", changed);
        assert_eq!(doc.filter(&text, Sort::default()), [4]);
        doc.move_question(4, 0);
        assert_eq!(doc.filter(&text, Sort::default()), [0]);
        doc.undo();
        doc.undo();
        assert!(doc.filter(&text, Sort::default()).is_empty());
    }

    #[test]
    fn sort_orders_are_stable_in_both_directions() {
        let doc = varied();
        let none = Filter::default();
        let sort = |key, descending| doc.filter(&none, Sort { key, descending });
        assert_eq!(sort(SortKey::Order, false), [0, 1, 2, 3, 4]);
        assert_eq!(sort(SortKey::Order, true), [4, 3, 2, 1, 0]);
        assert_eq!(sort(SortKey::Id, false), [4, 3, 2, 1, 0]);
        assert_eq!(sort(SortKey::Id, true), [0, 1, 2, 3, 4]);
        assert_eq!(sort(SortKey::Kind, false), [0, 1, 3, 2, 4]);
        assert_eq!(sort(SortKey::Kind, true), [4, 2, 1, 3, 0]);
        assert_eq!(sort(SortKey::Era, false), [1, 4, 0, 2, 3]);
        assert_eq!(sort(SortKey::Era, true), [3, 0, 2, 1, 4]);
        assert_eq!(sort(SortKey::Difficulty, false), [1, 0, 4, 3, 2]);
        assert_eq!(sort(SortKey::Difficulty, true), [2, 3, 0, 4, 1]);
        assert_eq!(sort(SortKey::Problems, false), [0, 1, 4, 3, 2]);
        assert_eq!(sort(SortKey::Problems, true), [2, 3, 0, 1, 4]);
        let judges = Filter {
            kind: Some(KindTag::Judge),
            ..Filter::default()
        };
        assert_eq!(
            doc.filter(
                &judges,
                Sort {
                    key: SortKey::Order,
                    descending: true
                }
            ),
            [3, 1]
        );
    }

    #[test]
    fn large_banks_filter_on_threads_with_the_same_result() {
        let count = PARALLEL_FILTER + 1_234;
        let mut questions = numbered(count);
        for (i, q) in questions.iter_mut().enumerate() {
            if i % 7 == 0 {
                q.stem = format!("第{i}题：遵义会议。");
            }
        }
        let doc = document(questions);
        let filter = Filter {
            text: "遵义 题".into(),
            ..Filter::default()
        };
        let expected: Vec<usize> = (0..count).filter(|i| i % 7 == 0).collect();
        assert_eq!(doc.filter(&filter, Sort::default()), expected);
        let reversed: Vec<usize> = expected.iter().rev().copied().collect();
        let sort = Sort {
            key: SortKey::Order,
            descending: true,
        };
        assert_eq!(doc.filter(&filter, sort), reversed);
    }

    // ----- files -----

    #[test]
    fn dirty_tracking_through_save_undo_and_redo() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("b.ron");
        let mut doc = Document::new(bank(numbered(2)), Some(path.clone()), false, ImageRoot::Bundled);
        assert!(!doc.is_dirty());
        let a = with_stem(&doc, 0, "一");
        doc.set_question(0, "stem", a);
        assert!(doc.is_dirty());
        doc.undo();
        assert!(!doc.is_dirty(), "undone back to the start");
        doc.redo();
        assert!(doc.is_dirty());
        doc.save().expect("save");
        assert!(!doc.is_dirty());
        // Typing on after the save is a new step, so it is dirty and undoes to the saved state.
        let b = with_stem(&doc, 0, "一二");
        doc.set_question(0, "stem", b);
        assert!(doc.is_dirty());
        doc.undo();
        assert!(!doc.is_dirty());
        assert_eq!(doc.questions()[0].stem, "一");
        doc.undo();
        assert!(doc.is_dirty(), "before the saved state");
        doc.redo();
        assert!(!doc.is_dirty());
        doc.undo();
        doc.move_question(0, 1);
        assert!(doc.is_dirty());
        doc.undo();
        assert!(doc.is_dirty(), "the saved state cannot be reached any more");
    }

    #[test]
    fn save_bumps_the_version_when_changed_and_keeps_a_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("b.ron");
        std::fs::write(&path, bank_ron(&bank(numbered(2)))).expect("write");
        let mut doc = Document::open_file(&path).expect("open");
        assert_eq!(doc.bank().version, 1);
        doc.save().expect("save unchanged");
        assert_eq!(doc.bank().version, 1, "unchanged and already on disk");
        doc.insert(0, question("n", "新。"));
        doc.save().expect("save");
        assert_eq!(doc.bank().version, 2);
        let first = std::fs::read_to_string(&path).expect("read");
        assert_eq!(first, bank_ron(doc.bank()));
        assert!(!doc.is_dirty());
        doc.remove(&[0]);
        doc.save().expect("save again");
        assert_eq!(doc.bank().version, 3);
        assert_eq!(std::fs::read_to_string(backup_path(&path)).expect("bak"), first);
        let reopened = Document::open_file(&path).expect("reopen");
        assert_eq!(reopened.bank(), doc.bank());
        // A document never written bumps on its first save even when clean.
        let other = dir.path().join("new.ron");
        let mut fresh = Document::new(bank(Vec::new()), Some(other), false, ImageRoot::Bundled);
        fresh.save().expect("save new");
        assert_eq!(fresh.bank().version, 2);
    }

    #[test]
    fn save_refuses_read_only_and_missing_path_and_save_as_works() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut bundled = Document::new(
            bank(numbered(1)),
            Some(dir.path().join("bundled.ron")),
            true,
            ImageRoot::Bundled,
        );
        assert!(matches!(bundled.save(), Err(SaveError::ReadOnly)));
        assert_eq!(
            SaveError::ReadOnly.to_string(),
            "内置题库是只读的，请“另存为”副本"
        );
        let mut new = document(numbered(1));
        assert!(matches!(new.save(), Err(SaveError::NoPath)));
        assert_eq!(SaveError::NoPath.to_string(), "题库还没有保存位置，请先“另存为”");
        let copy = dir.path().join("copy").join("b.ron");
        bundled.save_as(&copy).expect("save as");
        assert_eq!(bundled.bank().version, 2);
        assert!(!bundled.is_read_only());
        assert_eq!(bundled.path(), Some(copy.as_path()));
        assert_eq!(bundled.image_root(), &ImageRoot::Folder(dir.path().join("copy")));
        assert!(!bundled.is_dirty());
        bundled.save().expect("save now works");
        assert_eq!(bundled.bank().version, 2, "clean and on disk");
        bundled.save_as(&copy).expect("save as again");
        assert_eq!(bundled.bank().version, 3, "save as always bumps");
        let blocked = dir.path().join("file");
        std::fs::write(&blocked, "x").expect("write");
        let err = new.save_as(&blocked.join("b.ron")).expect_err("parent is a file");
        assert!(matches!(err, SaveError::Io { .. }));
        assert!(err.to_string().starts_with("无法读写"));
        assert_eq!(new.bank().version, 1, "a failed save keeps the version");
        assert_eq!(new.path(), None);
    }

    #[test]
    fn save_as_copies_pictures_to_the_new_folder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = dir.path().join("old");
        std::fs::create_dir_all(old.join("images")).expect("mkdir");
        std::fs::write(old.join("images/a.png"), png(1)).expect("write png");
        let mut with_picture = question("p", "看图。");
        with_picture.image = Some("images/a.png".into());
        let mut missing = question("m", "缺图。");
        missing.image = Some("images/none.png".into());
        let path = old.join("b.ron");
        std::fs::write(&path, bank_ron(&bank(vec![with_picture, missing]))).expect("write");
        let mut doc = Document::open_file(&path).expect("open");
        assert_eq!(doc.image_root(), &ImageRoot::Folder(old.clone()));
        assert_eq!(doc.problems(0), Problems::default());
        assert_eq!(doc.problems(1).errors, 1);
        let new = dir.path().join("new");
        doc.save_as(&new.join("b.ron")).expect("save as");
        assert_eq!(std::fs::read(new.join("images/a.png")).expect("copied"), png(1));
        assert!(!new.join("images/none.png").exists());
        assert_eq!(doc.image_root(), &ImageRoot::Folder(new));
        assert_eq!(doc.problems(0), Problems::default());
        assert_eq!(doc.problems(1).errors, 1);
        assert_consistent(&doc);
    }

    #[test]
    fn open_file_reports_syntax_errors_with_line_and_column() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.ron");
        std::fs::write(
            &path,
            "Bank(\n    id: \"a\",\n    title: \"t\",\n  questions: [ @ ],\n)",
        )
        .expect("write");
        match Document::open_file(&path) {
            Err(SaveError::Parse {
                line, col, message, ..
            }) => {
                assert_eq!((line, col), (4, 16), "at the @");
                assert!(!message.is_empty());
            }
            other => panic!("expected a parse error, got {other:?}"),
        }
        let Err(err) = Document::open_file(&path) else {
            panic!("parse error")
        };
        assert!(err.to_string().contains("第 4 行第 16 列"), "{err}");
        assert!(matches!(
            Document::open_file(&dir.path().join("none.ron")),
            Err(SaveError::Io { .. })
        ));
        std::fs::write(&path, b"\xff\xfe").expect("write");
        assert!(matches!(Document::open_file(&path), Err(SaveError::Io { .. })));
    }

    #[test]
    fn attach_image_copies_names_and_undoes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pictures = dir.path().join("pictures");
        let other = dir.path().join("other");
        std::fs::create_dir_all(&pictures).expect("mkdir");
        std::fs::create_dir_all(&other).expect("mkdir");
        std::fs::write(pictures.join("会议.png"), png(1)).expect("write");
        std::fs::write(other.join("会议.png"), png(2)).expect("write");
        let bank_dir = dir.path().join("bank");
        let mut doc = Document::new(
            bank(numbered(3)),
            Some(bank_dir.join("b.ron")),
            false,
            ImageRoot::Folder(bank_dir.clone()),
        );
        let first = doc.attach_image(0, &pictures.join("会议.png")).expect("attach");
        assert_eq!(first, "images/会议.png");
        assert_eq!(std::fs::read(bank_dir.join(&first)).expect("copied"), png(1));
        assert_eq!(doc.questions()[0].image.as_deref(), Some("images/会议.png"));
        assert_eq!(doc.undo_label().as_deref(), Some("添加配图"));
        assert_eq!(doc.problems(0), Problems::default());
        let second = doc
            .attach_image(1, &other.join("会议.png"))
            .expect("attach other");
        assert_eq!(
            second, "images/会议-2.png",
            "a different picture of the same name"
        );
        assert_eq!(std::fs::read(bank_dir.join(&second)).expect("copied"), png(2));
        let third = doc
            .attach_image(2, &pictures.join("会议.png"))
            .expect("attach again");
        assert_eq!(third, "images/会议.png", "the same bytes reuse the file");
        let again = doc
            .attach_image(2, &other.join("会议.png"))
            .expect("attach again");
        assert_eq!(again, "images/会议-2.png");
        assert_consistent(&doc);
        assert_eq!(doc.undo(), Some(2));
        assert_eq!(doc.questions()[2].image.as_deref(), Some("images/会议.png"));
        doc.undo();
        doc.undo();
        doc.undo();
        assert!(doc.questions().iter().all(|q| q.image.is_none()));
        assert!(!doc.is_dirty());
        // Re-attaching the same picture changes nothing.
        doc.redo();
        let revision = doc.revision();
        doc.attach_image(0, &pictures.join("会议.png")).expect("same");
        assert_eq!(doc.revision(), revision);
    }

    #[test]
    fn attach_image_rejects_bad_pictures() {
        let dir = tempfile::tempdir().expect("temp dir");
        let bank_dir = dir.path().join("bank");
        let mut doc = Document::new(
            bank(numbered(1)),
            Some(bank_dir.join("b.ron")),
            false,
            ImageRoot::Folder(bank_dir.clone()),
        );
        for (name, bytes) in [
            ("a.gif", b"GIF89a".to_vec()),
            ("a.txt", b"text".to_vec()),
            ("fake.png", b"not a png".to_vec()),
        ] {
            let source = dir.path().join(name);
            std::fs::write(&source, bytes).expect("write");
            match doc.attach_image(0, &source) {
                Err(SaveError::Image(message)) => assert!(message.contains(name), "{message}"),
                other => panic!("{name}: expected an image error, got {other:?}"),
            }
        }
        assert!(matches!(
            doc.attach_image(0, &dir.path().join("none.png")),
            Err(SaveError::Io { .. })
        ));
        let good = dir.path().join("good.png");
        std::fs::write(&good, png(3)).expect("write");
        assert!(matches!(doc.attach_image(1, &good), Err(SaveError::Image(_))));
        assert!(!doc.can_undo());
        assert!(!bank_dir.join("images").join("fake.png").exists());
        let mut no_path = document(numbered(1));
        assert!(matches!(no_path.attach_image(0, &good), Err(SaveError::NoPath)));
        let mut read_only = Document::new(
            bank(numbered(1)),
            Some(bank_dir.join("b.ron")),
            true,
            ImageRoot::Bundled,
        );
        assert!(matches!(
            read_only.attach_image(0, &good),
            Err(SaveError::ReadOnly)
        ));
    }

    #[test]
    fn sorted_removal_and_insertion_are_inverse() {
        let mut items: Vec<u32> = (0..10).collect();
        let removed = remove_sorted(&mut items, &[0, 3, 4, 9]);
        assert_eq!(removed, [0, 3, 4, 9]);
        assert_eq!(items, [1, 2, 5, 6, 7, 8]);
        insert_sorted(&mut items, &[0, 3, 4, 9], removed);
        assert_eq!(items, (0..10).collect::<Vec<_>>());
        let mut short = vec![1u32];
        insert_sorted(&mut short, &[5], vec![9]);
        assert_eq!(short, [1, 9], "an index past the end goes last");
        let mut letters = ['a', 'b', 'c', 'd'];
        move_item(&mut letters, 0, 2);
        assert_eq!(letters, ['b', 'c', 'a', 'd']);
        move_item(&mut letters, 3, 0);
        assert_eq!(letters, ['d', 'b', 'c', 'a']);
    }
}
