//! 编辑题库: the trainer's editor. A virtualised table of questions with filters and sorting on the
//! left; on the right the selected question's form with the checker's messages next to each
//! field, the bank's own details, or the duplicates found. Undo/redo (Ctrl+Z / Ctrl+Y) covers
//! every edit; saving writes pretty RON atomically with a backup and raises the bank's version.

use std::collections::HashMap;
use std::path::Path;

use egui::{Align, RichText};
use egui_extras::{Column, TableBuilder};

use super::ScreenAction;
use super::bank_admin::{EXPORTS, export_with_dialog, free_bank_path};
use crate::bank::locate::Seg;
use crate::bank::model::count_blanks;
use crate::bank::validate::{Finding, option_letter};
use crate::bank::{Era, KindTag, Question, QuestionKind, Severity};
use crate::editor::document::id_prefix;
use crate::editor::{Document, DuplicateGroup, Filter, Sort, SortKey, find_duplicates};
use crate::import::ImportOptions;
use crate::import::export::MAX_OPTIONS;
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::command::Command;
use crate::ui::contest_view::audience_question;
use crate::ui::import_preview::{IMPORT_EXTENSIONS, ImportPreview, PreviewOutcome};
use crate::ui::stage::StageSizes;
use crate::ui::theme::{self, Palette};
use crate::ui::widgets::image_texture;

/// Similarity from which two stems count as near-duplicates.
const NEAR_DUPLICATE: f32 = 0.8;

/// Why the user wants to leave the editor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    /// Back to the previous screen.
    Back,
    /// Back to the home screen.
    Home,
    /// Close the app.
    Quit,
}

/// What the right-hand side shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Question,
    Info,
    Duplicates,
}

/// Text typed into fields whose value is parsed (tags, a blank's accepted answers), kept while it
/// still parses to the question's value so that a trailing separator survives the next frame.
#[derive(Default)]
struct FieldTexts {
    question: Option<usize>,
    tags: String,
    blanks: Vec<String>,
}

/// Duplicates found, and the document revision they were found at.
struct FoundDuplicates {
    revision: u64,
    groups: Vec<DuplicateGroup>,
}

/// The bank editor.
pub struct BankEditorScreen {
    doc: Document,
    filter: Filter,
    sort: Sort,
    rows: Vec<usize>,
    rows_for: Option<(u64, Filter, Sort)>,
    selected: Option<usize>,
    scroll_to_selected: bool,
    texts: FieldTexts,
    focused: Option<egui::Id>,
    side: Side,
    duplicates: Option<FoundDuplicates>,
    import: Option<ImportPreview>,
    preview: Option<bool>,
    leave: Option<Leave>,
    may_leave: bool,
    thumbnails: HashMap<String, Option<egui::TextureHandle>>,
}

impl BankEditorScreen {
    /// The editor on `doc`, first question selected.
    pub fn new(doc: Document) -> BankEditorScreen {
        let selected = (!doc.questions().is_empty()).then_some(0);
        BankEditorScreen {
            doc,
            filter: Filter::default(),
            sort: Sort::default(),
            rows: Vec::new(),
            rows_for: None,
            selected,
            scroll_to_selected: false,
            texts: FieldTexts::default(),
            focused: None,
            side: Side::Question,
            duplicates: None,
            import: None,
            preview: None,
            leave: None,
            may_leave: false,
            thumbnails: HashMap::new(),
        }
    }

    /// Whether the editor may be left now. With unsaved changes it asks first (and answers
    /// `false`); the question's buttons then leave or stay.
    pub fn may_leave(&mut self, intent: Leave) -> bool {
        if self.may_leave || !self.doc.is_dirty() {
            return true;
        }
        self.leave = Some(intent);
        false
    }

    /// Whether the bank has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc.is_dirty()
    }

    /// Runs an editor command (Ctrl+S, Ctrl+Z, Ctrl+Y).
    pub fn command(&mut self, command: Command, shared: &mut Shared) {
        match command {
            Command::Save => self.save(shared),
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            _ => {}
        }
    }

    /// Opens the import preview for a spreadsheet or text file, into this bank.
    pub fn open_import_file(&mut self, path: &Path) {
        self.import = Some(ImportPreview::from_file(path, self.import_options()));
    }

    fn import_options(&self) -> ImportOptions {
        ImportOptions {
            id_prefix: self.id_prefix(),
            ..ImportOptions::default()
        }
    }

    /// The prefix new questions' ids get: the selected question's, else the bank id.
    fn id_prefix(&self) -> String {
        let from_question = self
            .selected
            .and_then(|i| self.doc.questions().get(i))
            .map(|q| id_prefix(&q.id).to_owned());
        from_question.filter(|p| !p.is_empty()).unwrap_or_else(|| {
            let id = self.doc.bank().id.trim();
            if id.is_empty() {
                "q".to_owned()
            } else {
                id.to_owned()
            }
        })
    }

    fn undo(&mut self) {
        if let Some(index) = self.doc.undo() {
            self.select(index);
        }
        self.clamp_selection();
    }

    fn redo(&mut self) {
        if let Some(index) = self.doc.redo() {
            self.select(index);
        }
        self.clamp_selection();
    }

    fn select(&mut self, index: usize) {
        self.selected = Some(index);
        self.scroll_to_selected = true;
    }

    fn clamp_selection(&mut self) {
        let count = self.doc.questions().len();
        self.selected = match self.selected {
            _ if count == 0 => None,
            Some(index) => Some(index.min(count - 1)),
            None => Some(0),
        };
    }

    fn save(&mut self, shared: &mut Shared) {
        if self.doc.is_read_only() || self.doc.path().is_none() {
            self.save_copy(shared);
            return;
        }
        match self.doc.save() {
            Ok(()) => self.saved(shared),
            Err(err) => shared.notify(NoticeKind::Error, format!("保存失败：{err}")),
        }
    }

    /// Saves a bundled or new bank into the data folder's banks, under a free file name.
    fn save_copy(&mut self, shared: &mut Shared) {
        let folder = shared.data_dir.banks_dir();
        let stem = match self.doc.bank().id.trim() {
            "" => "my-bank".to_owned(),
            id => id.to_owned(),
        };
        let path = free_bank_path(&folder, &stem);
        self.save_as(shared, &path);
    }

    fn save_as(&mut self, shared: &mut Shared, path: &Path) {
        match self.doc.save_as(path) {
            Ok(()) => self.saved(shared),
            Err(err) => shared.notify(NoticeKind::Error, format!("保存失败：{err}")),
        }
    }

    /// After a save: the library loads the new text; the user is told where it went.
    fn saved(&mut self, shared: &mut Shared) {
        let Some(path) = self.doc.path().map(Path::to_path_buf) else {
            return;
        };
        shared.bank_saved(&path);
        let bank = self.doc.bank();
        let totals = self.doc.totals();
        let mut text = format!(
            "已保存“{}”（第 {} 版，{} 道题）到 {}",
            bank.title,
            bank.version,
            bank.questions.len(),
            path.display()
        );
        if totals.errors > 0 {
            text.push_str(&format!(
                "；有 {} 个错误，出错的题目在练习中不会出现",
                totals.errors
            ));
            shared.notify(NoticeKind::Warning, text);
        } else {
            shared.notify(NoticeKind::Info, text);
        }
    }

    fn save_as_dialog(&mut self, shared: &mut Shared) {
        let name = self.doc.path().and_then(Path::file_name).map_or_else(
            || format!("{}.ron", self.doc.bank().id),
            |n| n.to_string_lossy().into_owned(),
        );
        let picked = rfd::FileDialog::new()
            .set_title("题库另存为")
            .set_directory(shared.data_dir.banks_dir())
            .set_file_name(name)
            .add_filter("题库文件 (.ron)", &["ron"])
            .save_file();
        if let Some(path) = picked {
            self.save_as(shared, &path);
        }
    }

    fn pick_import_file(&mut self) {
        let picked = rfd::FileDialog::new()
            .set_title("选择要导入的表格或文本")
            .add_filter("表格或文本", &IMPORT_EXTENSIONS)
            .pick_file();
        if let Some(path) = picked {
            self.open_import_file(&path);
        }
    }

    fn attach_image(&mut self, shared: &mut Shared, index: usize) {
        if self.doc.path().is_none() || self.doc.is_read_only() {
            shared.notify(
                NoticeKind::Warning,
                "请先保存题库（内置题库请“另存为副本”），配图会复制到题库所在文件夹",
            );
            return;
        }
        let picked = rfd::FileDialog::new()
            .set_title("选择配图")
            .add_filter("图片 (.png .jpg)", &["png", "jpg", "jpeg"])
            .pick_file();
        let Some(source) = picked else { return };
        match self.doc.attach_image(index, &source) {
            Ok(relative) => {
                self.thumbnails.remove(&relative);
                shared.notify(NoticeKind::Info, format!("已添加配图 {relative}"));
            }
            Err(err) => shared.notify(NoticeKind::Error, format!("添加配图失败：{err}")),
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        let focused = ui.ctx().memory(|m| m.focused());
        if focused != self.focused {
            self.doc.end_typing();
            self.focused = focused;
        }
        self.clamp_selection();
        let action = self.leave_dialog(ui, shared);
        self.heading(ui, &colours);
        self.toolbar(ui, shared);
        ui.separator();
        if let Some(preview) = &mut self.import {
            let target = format!("“{}”", self.doc.bank().title);
            match preview.ui(ui, &colours, &target) {
                Some(PreviewOutcome::Import(questions)) => {
                    self.import = None;
                    self.take_imported(shared, questions);
                }
                Some(PreviewOutcome::Cancel) => self.import = None,
                None => {}
            }
            return action;
        }
        egui::Panel::right("editor_side")
            .resizable(true)
            .default_size(ui.available_width() * 0.46)
            .size_range(360.0..=ui.available_width() * 0.7)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.side, Side::Question, "题目");
                    ui.selectable_value(&mut self.side, Side::Info, "题库信息");
                    ui.selectable_value(&mut self.side, Side::Duplicates, "查重");
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .id_salt("editor_side_scroll")
                    .auto_shrink(false)
                    .show(ui, |ui| match self.side {
                        Side::Question => self.question_form(ui, shared, &colours),
                        Side::Info => self.info_form(ui, &colours),
                        Side::Duplicates => self.duplicates_panel(ui, &colours),
                    });
            });
        self.filter_bar(ui);
        self.table(ui, &colours);
        if let Some(reveal) = self.preview {
            self.projector_preview(ui, reveal, &colours);
        }
        action
    }

    fn heading(&self, ui: &mut egui::Ui, colours: &Palette) {
        ui.horizontal(|ui| {
            let bank = self.doc.bank();
            let title = if bank.title.trim().is_empty() {
                "（未命名题库）"
            } else {
                bank.title.as_str()
            };
            ui.label(
                RichText::new(format!("编辑题库：{title}"))
                    .size(theme::size::HEADING)
                    .strong()
                    .color(colours.accent),
            );
            if self.doc.is_dirty() {
                ui.label(RichText::new("● 未保存").color(colours.warning).strong());
            }
            let totals = self.doc.totals();
            let health = if totals.errors > 0 {
                RichText::new(format!("× {} 个错误", totals.errors)).color(colours.error)
            } else {
                RichText::new("✓ 没有错误").color(colours.success)
            };
            ui.label(health);
            if totals.warnings > 0 {
                ui.label(RichText::new(format!("⚠ {} 个警告", totals.warnings)).color(colours.warning));
            }
        });
        let place = if self.doc.is_read_only() {
            "内置题库（只读）：修改后点“保存”会在“我的题库”中另存一份副本，代替内置题库使用".to_owned()
        } else {
            match self.doc.path() {
                Some(path) => format!("文件：{}", path.display()),
                None => "新题库，尚未保存".to_owned(),
            }
        };
        ui.label(RichText::new(place).color(colours.weak_text));
    }

    fn toolbar(&mut self, ui: &mut egui::Ui, shared: &mut Shared) {
        ui.horizontal_wrapped(|ui| {
            let save_label = if self.doc.is_read_only() {
                "另存为副本"
            } else {
                "保存"
            };
            if ui
                .button(save_label)
                .on_hover_text(Command::Save.shortcut_text())
                .clicked()
            {
                self.save(shared);
            }
            if ui.button("另存为…").clicked() {
                self.save_as_dialog(shared);
            }
            ui.separator();
            let undo_hint = self
                .doc
                .undo_label()
                .map_or_else(|| "没有可撤销的修改".to_owned(), |l| format!("撤销：{l}"));
            if ui
                .add_enabled(self.doc.can_undo(), egui::Button::new("撤销"))
                .on_hover_text(format!("{undo_hint}（{}）", Command::Undo.shortcut_text()))
                .clicked()
            {
                self.undo();
            }
            let redo_hint = self
                .doc
                .redo_label()
                .map_or_else(|| "没有可重做的修改".to_owned(), |l| format!("重做：{l}"));
            if ui
                .add_enabled(self.doc.can_redo(), egui::Button::new("重做"))
                .on_hover_text(format!("{redo_hint}（{}）", Command::Redo.shortcut_text()))
                .clicked()
            {
                self.redo();
            }
            ui.separator();
            ui.menu_button("新增题目", |ui| {
                for kind in KindTag::ALL {
                    if ui.button(format!("新增{}", kind.label())).clicked() {
                        self.add_question(kind);
                        ui.close();
                    }
                }
            });
            let has_selection = self.selected.is_some() && self.import.is_none();
            if ui
                .add_enabled(has_selection, egui::Button::new("复制本题"))
                .clicked()
                && let Some(index) = self.selected
                && let Some(copy) = self.doc.duplicate(index)
            {
                self.select(copy);
            }
            if ui
                .add_enabled(has_selection, egui::Button::new("删除本题"))
                .clicked()
                && let Some(index) = self.selected
            {
                self.doc.remove(&[index]);
                self.clamp_selection();
            }
            let count = self.doc.questions().len();
            let can_up = has_selection && self.selected.is_some_and(|i| i > 0);
            if ui
                .add_enabled(can_up, egui::Button::new("上移"))
                .on_hover_text("在题库中的顺序前移一位")
                .clicked()
                && let Some(index) = self.selected
            {
                self.doc.move_question(index, index - 1);
                self.select(index - 1);
            }
            let can_down = has_selection && self.selected.is_some_and(|i| i + 1 < count);
            if ui
                .add_enabled(can_down, egui::Button::new("下移"))
                .on_hover_text("在题库中的顺序后移一位")
                .clicked()
                && let Some(index) = self.selected
            {
                self.doc.move_question(index, index + 1);
                self.select(index + 1);
            }
            ui.separator();
            if ui
                .add_enabled(has_selection, egui::Button::new("投影预览"))
                .clicked()
            {
                self.preview = Some(false);
            }
            if ui.button("导入题目…").clicked() {
                self.pick_import_file();
            }
            if ui.button("粘贴文本导入").clicked() {
                self.import = Some(ImportPreview::from_text(self.import_options()));
            }
            ui.menu_button("导出", |ui| {
                for (format, label) in EXPORTS {
                    if ui.button(label).clicked() {
                        export_with_dialog(shared, self.doc.bank(), format);
                        ui.close();
                    }
                }
            });
        });
    }

    fn add_question(&mut self, kind: KindTag) {
        let template = self.selected.and_then(|i| self.doc.questions().get(i));
        let era = template.map_or(Era::General, |q| q.era);
        let question = Question {
            id: self.doc.fresh_id(&self.id_prefix()),
            stem: String::new(),
            kind: new_kind(kind),
            explanation: String::new(),
            source: String::new(),
            era,
            tags: Vec::new(),
            difficulty: crate::bank::model::DEFAULT_DIFFICULTY,
            image: None,
        };
        let at = self.selected.map_or(self.doc.questions().len(), |i| i + 1);
        self.doc.insert(at, question);
        self.select(at);
        self.side = Side::Question;
    }

    fn take_imported(&mut self, shared: &mut Shared, questions: Vec<Question>) {
        let prefix = self.id_prefix();
        let mut taken = Vec::with_capacity(questions.len());
        let mut used: std::collections::HashSet<String> =
            self.doc.questions().iter().map(|q| q.id.clone()).collect();
        let mut renamed = 0;
        let mut next = 1;
        for mut question in questions {
            if used.contains(&question.id) {
                let mut id = self.doc.fresh_id(&prefix);
                while used.contains(&id) {
                    id = format!("{prefix}-imp{next:04}");
                    next += 1;
                }
                question.id = id;
                renamed += 1;
            }
            used.insert(question.id.clone());
            taken.push(question);
        }
        let at = self.doc.questions().len();
        let count = taken.len();
        self.doc.insert_many(at, taken);
        self.select(at);
        let mut text = format!("已导入 {count} 道题到本题库末尾（可撤销）");
        if renamed > 0 {
            text.push_str(&format!("；{renamed} 道题的编号与已有题目重复，已改为新编号"));
        }
        shared.notify(NoticeKind::Info, text);
    }

    fn filter_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("搜索");
            ui.add(
                egui::TextEdit::singleline(&mut self.filter.text)
                    .hint_text("题干、选项、解析、编号…")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
            let kind_text = self.filter.kind.map_or("全部", KindTag::label);
            let label = ui.label("题型");
            egui::ComboBox::from_id_salt("filter_kind")
                .selected_text(kind_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.kind, None, "全部题型");
                    for kind in KindTag::ALL {
                        ui.selectable_value(&mut self.filter.kind, Some(kind), kind.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let era_text = self.filter.era.map_or("全部", Era::label);
            let label = ui.label("时期");
            egui::ComboBox::from_id_salt("filter_era")
                .selected_text(era_text)
                .width(150.0)
                .truncate()
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.era, None, "全部时期");
                    for era in Era::ALL {
                        ui.selectable_value(&mut self.filter.era, Some(era), era.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let tag_text = self.filter.tag.clone().unwrap_or_else(|| "全部".to_owned());
            let label = ui.label("标签");
            egui::ComboBox::from_id_salt("filter_tag")
                .selected_text(tag_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.tag, None, "全部标签");
                    for tag in self.doc.all_tags() {
                        let value = Some(tag.clone());
                        ui.selectable_value(&mut self.filter.tag, value, tag);
                    }
                })
                .response
                .labelled_by(label.id);
            let difficulty_text = self
                .filter
                .difficulty
                .map_or_else(|| "全部".to_owned(), |d| d.to_string());
            let label = ui.label("难度");
            egui::ComboBox::from_id_salt("filter_difficulty")
                .selected_text(difficulty_text)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.filter.difficulty, None, "全部难度");
                    for level in 1..=5 {
                        ui.selectable_value(
                            &mut self.filter.difficulty,
                            Some(level),
                            format!("难度 {level}"),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.checkbox(&mut self.filter.problems_only, "只看有问题的");
            if !self.filter.is_empty() && ui.button("清除筛选").clicked() {
                self.filter = Filter::default();
            }
            self.refresh_rows();
            ui.label(format!(
                "显示 {} / {} 道",
                self.rows.len(),
                self.doc.questions().len()
            ));
        });
    }

    /// Filters again when the bank, the filter or the sort changed. A new filter that hides the
    /// selected question selects the first one shown (an edit never moves the selection).
    fn refresh_rows(&mut self) {
        let key = (self.doc.revision(), self.filter.clone(), self.sort);
        let Some(previous) = &self.rows_for else {
            self.rows = self.doc.filter(&self.filter, self.sort);
            self.rows_for = Some(key);
            return;
        };
        if *previous == key {
            return;
        }
        let filter_changed = previous.1 != key.1;
        self.rows = self.doc.filter(&self.filter, self.sort);
        self.rows_for = Some(key);
        if filter_changed
            && let Some(&first) = self.rows.first()
            && !self.selected.is_some_and(|s| self.rows.contains(&s))
        {
            self.select(first);
        }
    }

    fn table(&mut self, ui: &mut egui::Ui, colours: &Palette) {
        self.refresh_rows();
        let row_height = theme::size::BODY + 12.0;
        let scroll_to = if std::mem::take(&mut self.scroll_to_selected) {
            self.selected
                .and_then(|selected| self.rows.iter().position(|&i| i == selected))
        } else {
            None
        };
        let mut builder = TableBuilder::new(ui)
            .id_salt("question_table")
            .striped(true)
            .auto_shrink(false)
            .sense(egui::Sense::click())
            .column(Column::exact(34.0))
            .column(Column::exact(64.0))
            .column(Column::initial(120.0).clip(true))
            .column(Column::exact(64.0))
            .column(Column::remainder().at_least(160.0).clip(true))
            .column(Column::exact(48.0));
        if let Some(row) = scroll_to {
            builder = builder.scroll_to_row(row, Some(Align::Center));
        }
        let mut clicked = None;
        let mut sort = self.sort;
        builder
            .header(row_height, |mut header| {
                for (title, key) in [
                    ("状态", SortKey::Problems),
                    ("序号", SortKey::Order),
                    ("编号", SortKey::Id),
                    ("题型", SortKey::Kind),
                    ("题干", SortKey::Order),
                    ("难度", SortKey::Difficulty),
                ] {
                    header.col(|ui| {
                        let active = sort.key == key && title != "题干";
                        let arrow = match (active, sort.descending) {
                            (false, _) => "",
                            (true, false) => " ↑",
                            (true, true) => " ↓",
                        };
                        let button =
                            egui::Button::new(RichText::new(format!("{title}{arrow}")).strong()).frame(false);
                        if title != "题干" && ui.add(button).on_hover_text("点击排序").clicked() {
                            sort = if sort.key == key {
                                Sort {
                                    key,
                                    descending: !sort.descending,
                                }
                            } else {
                                Sort {
                                    key,
                                    descending: false,
                                }
                            };
                        } else if title == "题干" {
                            ui.label(RichText::new(title).strong());
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, self.rows.len(), |mut row| {
                    let index = self.rows[row.index()];
                    let Some(question) = self.doc.questions().get(index) else {
                        return;
                    };
                    let problems = self.doc.problems(index);
                    let selected = self.selected == Some(index);
                    row.set_selected(selected);
                    row.col(|ui| {
                        let (mark, colour) = if problems.errors > 0 {
                            ("×", colours.error)
                        } else if problems.warnings > 0 {
                            ("⚠", colours.warning)
                        } else {
                            ("✓", colours.success)
                        };
                        // On the selected row's accent fill, the mark takes the fill's text colour.
                        let colour = if selected { colours.on_accent } else { colour };
                        let mark = RichText::new(mark).color(colour).strong();
                        ui.add(egui::Label::new(mark).selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(format!("{}", index + 1)).selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(&question.id).selectable(false).truncate());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(question.kind.tag().label()).selectable(false));
                    });
                    row.col(|ui| {
                        let stem = if question.stem.trim().is_empty() {
                            "（空题干）".to_owned()
                        } else {
                            question.stem.replace('\n', " ")
                        };
                        ui.add(egui::Label::new(stem).selectable(false).truncate());
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(format!("{}", question.difficulty)).selectable(false));
                    });
                    if row.response().clicked() {
                        clicked = Some(index);
                    }
                });
            });
        self.sort = sort;
        if let Some(index) = clicked {
            self.selected = Some(index);
            self.side = Side::Question;
        }
    }

    fn question_form(&mut self, ui: &mut egui::Ui, shared: &mut Shared, colours: &Palette) {
        let Some(index) = self.selected else {
            ui.label("题库中还没有题目。点“新增题目”开始。");
            return;
        };
        let Some(original) = self.doc.questions().get(index).cloned() else {
            return;
        };
        let findings = self.doc.findings(index);
        self.sync_texts(index, &original);
        let mut draft = original.clone();
        let mut changed: Option<(&'static str, Edit)> = None;
        let mut attach = false;
        ui.label(RichText::new(format!("第 {} 题", index + 1)).strong());
        let width = (ui.available_width() - 96.0).max(240.0);
        egui::Grid::new("question_form")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .min_col_width(64.0)
            .show(ui, |ui| {
                let label = ui.label("编号");
                ui.vertical(|ui| {
                    if ui
                        .add_sized([width, 24.0], egui::TextEdit::singleline(&mut draft.id))
                        .labelled_by(label.id)
                        .changed()
                    {
                        changed = Some(("id", Edit::Typed));
                    }
                    messages(ui, &findings, "id", colours);
                });
                ui.end_row();

                let label = ui.label("题型");
                ui.vertical(|ui| {
                    let mut kind = draft.kind.tag();
                    egui::ComboBox::from_id_salt("form_kind")
                        .selected_text(kind.label())
                        .show_ui(ui, |ui| {
                            for choice in KindTag::ALL {
                                ui.selectable_value(&mut kind, choice, choice.label());
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if kind != draft.kind.tag() {
                        draft.kind = convert_kind(&draft.kind, kind, &draft.stem);
                        changed = Some(("kind", Edit::Clicked));
                    }
                });
                ui.end_row();

                let label = ui.label("题干");
                ui.vertical(|ui| {
                    let stem = egui::TextEdit::multiline(&mut draft.stem)
                        .desired_rows(3)
                        .desired_width(width);
                    if ui.add(stem).labelled_by(label.id).changed() {
                        changed = Some(("stem", Edit::Typed));
                    }
                    if draft.kind.tag() == KindTag::Fill {
                        ui.label(
                            RichText::new(format!(
                                "题干中有 {} 个空（用 ___ 表示每个空）",
                                count_blanks(&draft.stem)
                            ))
                            .color(colours.weak_text),
                        );
                    }
                    messages(ui, &findings, "stem", colours);
                });
                ui.end_row();

                ui.label(answer_label(draft.kind.tag()));
                ui.vertical(|ui| {
                    if let Some(edit) = self.answer_editor(ui, &mut draft.kind, &findings, width, colours) {
                        changed = Some(("kind", edit));
                    }
                    messages_without_index(ui, &findings, colours);
                });
                ui.end_row();

                let label = ui.label("解析");
                ui.vertical(|ui| {
                    let explanation = egui::TextEdit::multiline(&mut draft.explanation)
                        .desired_rows(3)
                        .desired_width(width);
                    if ui.add(explanation).labelled_by(label.id).changed() {
                        changed = Some(("explanation", Edit::Typed));
                    }
                    messages(ui, &findings, "explanation", colours);
                });
                ui.end_row();

                let label = ui.label("出处");
                if ui
                    .add_sized([width, 24.0], egui::TextEdit::singleline(&mut draft.source))
                    .labelled_by(label.id)
                    .changed()
                {
                    changed = Some(("source", Edit::Typed));
                }
                ui.end_row();

                let label = ui.label("时期");
                let before = draft.era;
                egui::ComboBox::from_id_salt("form_era")
                    .selected_text(draft.era.label())
                    .width(width.min(360.0))
                    .show_ui(ui, |ui| {
                        for era in Era::ALL {
                            ui.selectable_value(&mut draft.era, era, era.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if draft.era != before {
                    changed = Some(("era", Edit::Clicked));
                }
                ui.end_row();

                let label = ui.label("标签");
                let tags = egui::TextEdit::singleline(&mut self.texts.tags)
                    .hint_text("用逗号分隔，如：长征，重要会议");
                if ui.add_sized([width, 24.0], tags).labelled_by(label.id).changed() {
                    draft.tags = parse_tags(&self.texts.tags);
                    changed = Some(("tags", Edit::Typed));
                }
                ui.end_row();

                ui.label("难度");
                ui.vertical(|ui| {
                    ui.horizontal(|ui| {
                        for level in 1..=5u8 {
                            if ui
                                .radio(draft.difficulty == level, format!("{level}"))
                                .on_hover_text(difficulty_hint(level))
                                .clicked()
                                && draft.difficulty != level
                            {
                                draft.difficulty = level;
                                changed = Some(("difficulty", Edit::Clicked));
                            }
                        }
                        ui.label(RichText::new(difficulty_hint(draft.difficulty)).color(colours.weak_text));
                    });
                    messages(ui, &findings, "difficulty", colours);
                });
                ui.end_row();

                ui.label("配图");
                ui.vertical(|ui| {
                    if let Some(relative) = draft.image.clone() {
                        ui.label(RichText::new(&relative).monospace());
                        if let Some(texture) = self.thumbnail(ui.ctx(), &relative) {
                            let size = texture.size_vec2();
                            let scale = (160.0 / size.y).min(width / size.x).min(1.0);
                            ui.add(egui::Image::new(&texture).fit_to_exact_size(size * scale));
                        }
                        ui.horizontal(|ui| {
                            if ui.button("更换图片…").clicked() {
                                attach = true;
                            }
                            if ui.button("移除配图").clicked() {
                                draft.image = None;
                                changed = Some(("image", Edit::Clicked));
                            }
                        });
                    } else if ui.button("选择图片…").clicked() {
                        attach = true;
                    }
                    messages(ui, &findings, "image", colours);
                });
                ui.end_row();
            });
        if let Some((field, edit)) = changed {
            // A click is an undo step of its own; typing joins the step of the same field.
            if edit == Edit::Clicked {
                self.doc.end_typing();
            }
            self.doc.set_question(index, field, draft);
            if edit == Edit::Clicked {
                self.doc.end_typing();
            }
        }
        if attach {
            self.attach_image(shared, index);
        }
    }

    /// Options, answers, blanks or items of the question, and how they were changed, if they were.
    fn answer_editor(
        &mut self,
        ui: &mut egui::Ui,
        kind: &mut QuestionKind,
        findings: &[Finding],
        width: f32,
        colours: &Palette,
    ) -> Option<Edit> {
        let mut edit = None;
        match kind {
            QuestionKind::Single { options, answer } => {
                let mut correct = vec![*answer];
                edit = choice_rows(ui, options, &mut correct, false, findings, width, colours);
                *answer = correct.first().copied().unwrap_or(0);
            }
            QuestionKind::Multiple { options, answers } => {
                edit = choice_rows(ui, options, answers, true, findings, width, colours);
            }
            QuestionKind::Judge { answer } => {
                ui.horizontal(|ui| {
                    for (value, label) in [(true, "正确"), (false, "错误")] {
                        if ui.radio(*answer == value, label).clicked() && *answer != value {
                            *answer = value;
                            mark(&mut edit, Edit::Clicked);
                        }
                    }
                });
            }
            QuestionKind::Fill { blanks } => {
                ui.label(RichText::new("每个空的可接受答案，几种写法用 / 分隔").color(colours.weak_text));
                let mut remove = None;
                for (position, text) in self.texts.blanks.iter_mut().enumerate() {
                    ui.horizontal(|ui| {
                        let label = ui.label(format!("第 {} 空", position + 1));
                        let field = egui::TextEdit::singleline(text).desired_width(width - 130.0);
                        if ui.add(field).labelled_by(label.id).changed() {
                            mark(&mut edit, Edit::Typed);
                        }
                        if ui.small_button("×").on_hover_text("删除这一空的答案").clicked() {
                            remove = Some(position);
                        }
                    });
                    indexed_messages(ui, findings, "blanks", position, colours);
                }
                if let Some(position) = remove {
                    self.texts.blanks.remove(position);
                    mark(&mut edit, Edit::Clicked);
                }
                if ui.button("添加一空的答案").clicked() {
                    self.texts.blanks.push(String::new());
                    mark(&mut edit, Edit::Clicked);
                }
                if edit.is_some() {
                    *blanks = self.texts.blanks.iter().map(|t| parse_accepted(t)).collect();
                }
            }
            QuestionKind::Order { items } => {
                ui.label(RichText::new("按正确顺序排列；答题时会打乱").color(colours.weak_text));
                let mut remove = None;
                let mut swap = None;
                let count = items.len();
                for (position, item) in items.iter_mut().enumerate() {
                    ui.horizontal(|ui| {
                        let label = ui.label(format!("{}.", position + 1));
                        let field = egui::TextEdit::singleline(item).desired_width(width - 170.0);
                        if ui.add(field).labelled_by(label.id).changed() {
                            mark(&mut edit, Edit::Typed);
                        }
                        let up = egui::Button::new("↑").small();
                        if ui.add_enabled(position > 0, up).on_hover_text("上移").clicked() {
                            swap = Some(position - 1);
                        }
                        let down = egui::Button::new("↓").small();
                        if ui
                            .add_enabled(position + 1 < count, down)
                            .on_hover_text("下移")
                            .clicked()
                        {
                            swap = Some(position);
                        }
                        if ui.small_button("×").on_hover_text("删除这一项").clicked() {
                            remove = Some(position);
                        }
                    });
                    indexed_messages(ui, findings, "items", position, colours);
                }
                if let Some(position) = swap {
                    items.swap(position, position + 1);
                    mark(&mut edit, Edit::Clicked);
                }
                if let Some(position) = remove {
                    items.remove(position);
                    mark(&mut edit, Edit::Clicked);
                }
                if ui.button("添加一项").clicked() {
                    items.push(String::new());
                    mark(&mut edit, Edit::Clicked);
                }
            }
        }
        edit
    }

    /// Resets the parsed fields' text when another question is shown or the value changed
    /// elsewhere (undo, redo, kind change).
    fn sync_texts(&mut self, index: usize, question: &Question) {
        let blanks = match &question.kind {
            QuestionKind::Fill { blanks } => blanks.clone(),
            _ => Vec::new(),
        };
        let same_question = self.texts.question == Some(index);
        if !same_question || parse_tags(&self.texts.tags) != question.tags {
            self.texts.tags = question.tags.join("，");
        }
        let typed: Vec<Vec<String>> = self.texts.blanks.iter().map(|t| parse_accepted(t)).collect();
        if !same_question || typed != blanks {
            self.texts.blanks = blanks.iter().map(|b| b.join(" / ")).collect();
        }
        self.texts.question = Some(index);
    }

    fn thumbnail(&mut self, ctx: &egui::Context, relative: &str) -> Option<egui::TextureHandle> {
        if let Some(cached) = self.thumbnails.get(relative) {
            return cached.clone();
        }
        let texture = self
            .doc
            .image_root()
            .load(relative)
            .ok()
            .and_then(|image| image_texture(ctx, format!("editor-{relative}"), &image));
        self.thumbnails.insert(relative.to_owned(), texture.clone());
        texture
    }

    fn info_form(&mut self, ui: &mut egui::Ui, colours: &Palette) {
        let bank = self.doc.bank();
        let (mut id, mut title, mut description) =
            (bank.id.clone(), bank.title.clone(), bank.description.clone());
        let version = bank.version;
        let findings = self.doc.bank_findings();
        let mut changed = false;
        let width = (ui.available_width() - 110.0).max(240.0);
        egui::Grid::new("bank_info")
            .num_columns(2)
            .spacing([10.0, 8.0])
            .show(ui, |ui| {
                let label = ui.label("题库标题");
                ui.vertical(|ui| {
                    changed |= ui
                        .add_sized([width, 24.0], egui::TextEdit::singleline(&mut title))
                        .labelled_by(label.id)
                        .changed();
                    bank_messages(ui, &findings, "title", colours);
                });
                ui.end_row();
                let label = ui.label("题库编号");
                ui.vertical(|ui| {
                    changed |= ui
                        .add_sized([width, 24.0], egui::TextEdit::singleline(&mut id))
                        .labelled_by(label.id)
                        .changed();
                    ui.label(
                        RichText::new("与内置题库编号相同的题库会代替内置题库使用").color(colours.weak_text),
                    );
                    bank_messages(ui, &findings, "id", colours);
                });
                ui.end_row();
                let label = ui.label("简介");
                changed |= ui
                    .add(
                        egui::TextEdit::multiline(&mut description)
                            .desired_rows(3)
                            .desired_width(width),
                    )
                    .labelled_by(label.id)
                    .changed();
                ui.end_row();
                ui.label("版本");
                ui.label(format!("第 {version} 版（每次保存自动加 1）"));
                ui.end_row();
                ui.label("题目");
                ui.label(format!("{} 道", self.doc.questions().len()));
                ui.end_row();
            });
        bank_messages(ui, &findings, "questions", colours);
        if changed {
            self.doc.set_info(id, title, description);
        }
    }

    fn duplicates_panel(&mut self, ui: &mut egui::Ui, colours: &Palette) {
        ui.label("查找题干相同（忽略空格和标点）或高度相似的题目。");
        if ui.button("查找重复题").clicked() {
            self.duplicates = Some(FoundDuplicates {
                revision: self.doc.revision(),
                groups: find_duplicates(self.doc.questions(), NEAR_DUPLICATE),
            });
        }
        let Some(found) = &self.duplicates else {
            return;
        };
        if found.revision != self.doc.revision() {
            ui.label(RichText::new("题目已有改动，结果可能过时，请重新查找").color(colours.warning));
        }
        if found.groups.is_empty() {
            ui.label(RichText::new("✓ 没有发现重复或相似的题目").color(colours.success));
            return;
        }
        let exact = found.groups.iter().filter(|g| g.exact).count();
        ui.label(format!(
            "发现 {exact} 组题干相同、{} 组相似的题目：",
            found.groups.len() - exact
        ));
        let mut chosen = None;
        for (number, group) in found.groups.iter().enumerate() {
            ui.add_space(4.0);
            let heading = if group.exact {
                format!("第 {} 组：题干相同", number + 1)
            } else {
                format!("第 {} 组：相似度 {:.0}%", number + 1, group.similarity * 100.0)
            };
            ui.label(RichText::new(heading).strong());
            for &index in &group.indices {
                let Some(question) = self.doc.questions().get(index) else {
                    continue;
                };
                let text = format!(
                    "{}. {}  {}",
                    index + 1,
                    question.id,
                    crate::import::excerpt(&question.stem)
                );
                if ui.link(text).clicked() {
                    chosen = Some(index);
                }
            }
        }
        if let Some(index) = chosen {
            self.select(index);
            self.side = Side::Question;
        }
    }

    fn projector_preview(&mut self, ui: &mut egui::Ui, reveal: bool, colours: &Palette) {
        let Some(index) = self.selected else {
            self.preview = None;
            return;
        };
        let Some(question) = self.doc.questions().get(index).cloned() else {
            self.preview = None;
            return;
        };
        let screen = ui.ctx().content_rect();
        let width = (screen.width() * 0.9).min(screen.height() * 0.9 * 16.0 / 9.0);
        let height = width * 9.0 / 16.0;
        let mut reveal_now = reveal;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("projector_preview")).show(ui.ctx(), |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new("投影预览：观众在大屏上看到的样子（与知识竞赛观众屏相同）").strong());
                ui.checkbox(&mut reveal_now, "显示答案");
                if ui.button("关闭预览").clicked() {
                    close = true;
                }
            });
            egui::Frame::new()
                .fill(ui.visuals().panel_fill)
                .stroke(egui::Stroke::new(2.0, colours.highlight))
                .inner_margin(16)
                .show(ui, |ui| {
                    ui.set_min_size(egui::vec2(width, height));
                    ui.set_max_size(egui::vec2(width, height));
                    let sizes = StageSizes::for_height(height);
                    audience_question(ui, &question, reveal_now, height * 0.35, &sizes, colours);
                    if reveal_now && !question.explanation.trim().is_empty() {
                        ui.label(RichText::new(&question.explanation).size(sizes.body));
                    }
                });
        });
        self.preview = (!close).then_some(reveal_now);
    }

    fn leave_dialog(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let intent = self.leave?;
        let mut decision = None;
        egui::Modal::new(egui::Id::unique("editor_leave")).show(ui.ctx(), |ui| {
            ui.label(
                RichText::new("题库有未保存的修改")
                    .strong()
                    .size(theme::size::BODY + 2.0),
            );
            ui.label("离开前要保存吗？不保存，本次的修改会丢失。");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("保存后离开").clicked() {
                    decision = Some(true);
                }
                if ui.button("不保存，直接离开").clicked() {
                    decision = Some(false);
                }
                if ui.button("继续编辑").clicked() {
                    self.leave = None;
                }
            });
        });
        let save_first = decision?;
        if save_first {
            self.save(shared);
            if self.doc.is_dirty() {
                self.leave = None;
                return None;
            }
        }
        self.leave = None;
        self.may_leave = true;
        match intent {
            Leave::Back => Some(ScreenAction::Back),
            Leave::Home => Some(ScreenAction::Home),
            Leave::Quit => {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                None
            }
        }
    }
}

/// The label in front of a kind's answer editor.
fn answer_label(kind: KindTag) -> &'static str {
    match kind {
        KindTag::Single | KindTag::Multiple => "选项",
        KindTag::Judge => "答案",
        KindTag::Fill => "填空答案",
        KindTag::Order => "排序项",
    }
}

fn difficulty_hint(level: u8) -> &'static str {
    match level {
        1 => "很容易",
        2 => "容易",
        3 => "中等",
        4 => "较难",
        _ => "难",
    }
}

/// The options of a choice question, each with its mark (a radio for 单选, a checkbox for 多选),
/// its text, a delete button and the checker's messages; 添加选项 below. `correct` holds the
/// right options' indices and follows deletions. Says how they were changed, if they were.
fn choice_rows(
    ui: &mut egui::Ui,
    options: &mut Vec<String>,
    correct: &mut Vec<usize>,
    multiple: bool,
    findings: &[Finding],
    width: f32,
    colours: &Palette,
) -> Option<Edit> {
    let mut edit = None;
    let mut remove = None;
    for (position, option) in options.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let letter = option_letter(position);
            let was_right = correct.contains(&position);
            let mut right = was_right;
            let toggled = if multiple {
                ui.checkbox(&mut right, format!("{letter}"))
                    .on_hover_text(format!("{letter} 是否为正确答案"))
                    .changed()
            } else {
                let clicked = ui
                    .radio(was_right, format!("{letter}"))
                    .on_hover_text(format!("设 {letter} 为正确答案"))
                    .clicked();
                right |= clicked;
                clicked && !was_right
            };
            if toggled {
                if !multiple {
                    correct.clear();
                }
                correct.retain(|c| *c != position);
                if right {
                    correct.push(position);
                    correct.sort_unstable();
                }
                mark(&mut edit, Edit::Clicked);
            }
            if option_field(ui, option, letter, width - 110.0) {
                mark(&mut edit, Edit::Typed);
            }
            if ui
                .small_button("×")
                .on_hover_text(format!("删除选项 {letter}"))
                .clicked()
            {
                remove = Some(position);
            }
        });
        indexed_messages(ui, findings, "options", position, colours);
    }
    if let Some(position) = remove {
        options.remove(position);
        correct.retain(|c| *c != position);
        for index in correct.iter_mut() {
            if *index > position {
                *index -= 1;
            }
        }
        mark(&mut edit, Edit::Clicked);
    }
    if options.len() < MAX_OPTIONS && ui.button("添加选项").clicked() {
        options.push(String::new());
        mark(&mut edit, Edit::Clicked);
    }
    edit
}

/// How a field was changed: typing joins the previous undo step of the same field, a click is a
/// step of its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    Typed,
    Clicked,
}

/// Records an edit this frame; a click outweighs typing.
fn mark(edit: &mut Option<Edit>, new: Edit) {
    *edit = Some(if *edit == Some(Edit::Clicked) {
        Edit::Clicked
    } else {
        new
    });
}

/// One option's text field; `true` when it changed.
fn option_field(ui: &mut egui::Ui, option: &mut String, letter: char, width: f32) -> bool {
    let field = egui::TextEdit::singleline(option).desired_width(width.max(120.0));
    ui.add(field).on_hover_text(format!("选项 {letter}")).changed()
}

/// A new question's kind data: empty options to fill in.
fn new_kind(kind: KindTag) -> QuestionKind {
    match kind {
        KindTag::Single => QuestionKind::Single {
            options: vec![String::new(); 4],
            answer: 0,
        },
        KindTag::Multiple => QuestionKind::Multiple {
            options: vec![String::new(); 4],
            answers: vec![0, 1],
        },
        KindTag::Judge => QuestionKind::Judge { answer: true },
        KindTag::Fill => QuestionKind::Fill {
            blanks: vec![Vec::new()],
        },
        KindTag::Order => QuestionKind::Order {
            items: vec![String::new(); 3],
        },
    }
}

/// The question's data carried over to another kind: options become items and back, the answer
/// is kept where it can be.
fn convert_kind(kind: &QuestionKind, to: KindTag, stem: &str) -> QuestionKind {
    let texts: Vec<String> = match kind {
        QuestionKind::Single { options, .. } | QuestionKind::Multiple { options, .. } => options.clone(),
        QuestionKind::Order { items } => items.clone(),
        QuestionKind::Judge { .. } | QuestionKind::Fill { .. } => Vec::new(),
    };
    let padded = |minimum: usize| {
        let mut texts = texts.clone();
        texts.resize(texts.len().max(minimum), String::new());
        texts
    };
    match to {
        KindTag::Single => QuestionKind::Single {
            answer: match kind {
                QuestionKind::Single { answer, .. } => *answer,
                QuestionKind::Multiple { answers, .. } => answers.first().copied().unwrap_or(0),
                _ => 0,
            },
            options: padded(4),
        },
        KindTag::Multiple => QuestionKind::Multiple {
            answers: match kind {
                QuestionKind::Multiple { answers, .. } => answers.clone(),
                QuestionKind::Single { answer, .. } => vec![*answer],
                _ => Vec::new(),
            },
            options: padded(4),
        },
        KindTag::Judge => QuestionKind::Judge {
            answer: !matches!(kind, QuestionKind::Judge { answer: false }),
        },
        KindTag::Fill => QuestionKind::Fill {
            blanks: vec![Vec::new(); count_blanks(stem).max(1)],
        },
        KindTag::Order => QuestionKind::Order { items: padded(3) },
    }
}

/// Tags typed as `长征，重要会议` (Chinese or ASCII commas, 、 or ;).
fn parse_tags(text: &str) -> Vec<String> {
    text.split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A blank's accepted answers typed as `南湖 / 嘉兴南湖`.
fn parse_accepted(text: &str) -> Vec<String> {
    text.split(['/', '／'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The field a finding is about: `questions[i].<field>…` → `field`.
fn finding_field(finding: &Finding) -> Option<&'static str> {
    match finding.path.get(2) {
        Some(Seg::Field(name)) => Some(name),
        _ => None,
    }
}

/// A finding about `kind.<list>[position]`.
fn finding_entry(finding: &Finding) -> Option<(&'static str, usize)> {
    match finding.path.get(3..5) {
        Some([Seg::Field(list), Seg::Index(position)]) => Some((list, *position)),
        _ => None,
    }
}

fn message(ui: &mut egui::Ui, finding: &Finding, colours: &Palette) {
    let (mark, colour) = match finding.severity {
        Severity::Error => ("×", colours.error),
        Severity::Warning => ("⚠", colours.warning),
    };
    ui.label(RichText::new(format!("{mark} {}", finding.message)).color(colour));
}

/// The messages about one field of the question.
fn messages(ui: &mut egui::Ui, findings: &[Finding], field: &str, colours: &Palette) {
    for finding in findings.iter().filter(|f| finding_field(f) == Some(field)) {
        message(ui, finding, colours);
    }
}

/// The messages about one option, blank or item.
fn indexed_messages(ui: &mut egui::Ui, findings: &[Finding], list: &str, position: usize, colours: &Palette) {
    for finding in findings
        .iter()
        .filter(|f| finding_entry(f) == Some((list, position)))
    {
        message(ui, finding, colours);
    }
}

/// The kind's messages that are not about one option, blank or item.
fn messages_without_index(ui: &mut egui::Ui, findings: &[Finding], colours: &Palette) {
    for finding in findings.iter().filter(|f| finding_field(f) == Some("kind")) {
        let about_entry =
            finding_entry(finding).is_some_and(|(list, _)| matches!(list, "options" | "blanks" | "items"));
        if !about_entry {
            message(ui, finding, colours);
        }
    }
}

/// The bank's messages about one of its own fields.
fn bank_messages(ui: &mut egui::Ui, findings: &[Finding], field: &str, colours: &Palette) {
    for finding in findings
        .iter()
        .filter(|f| matches!(f.path.first(), Some(Seg::Field(name)) if *name == field))
    {
        message(ui, finding, colours);
    }
}
