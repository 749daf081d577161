//! Importing a spreadsheet or pasted text into a new bank: the preview of every row, then the new
//! bank is saved in the data folder and opened in the editor.

use std::path::Path;

use super::bank_admin::{free_bank_id, free_bank_path};
use super::{BankEditorScreen, Screen, ScreenAction};
use crate::bank::image::ImageRoot;
use crate::bank::{Bank, Question};
use crate::editor::Document;
use crate::import::ImportOptions;
use crate::ui::app::{NoticeKind, Shared};
use crate::ui::import_preview::{ImportPreview, PreviewOutcome};
use crate::ui::theme;
use crate::ui::widgets::screen_heading;

/// The import into a new bank.
pub struct BankImportScreen {
    bank_id: String,
    title: String,
    source_name: String,
    preview: ImportPreview,
}

impl BankImportScreen {
    /// The preview of `path` (xlsx, xls, ods, CSV or text).
    pub fn for_file(shared: &Shared, path: &Path) -> BankImportScreen {
        let stem = path
            .file_stem()
            .map_or_else(|| "imported".to_owned(), |s| s.to_string_lossy().into_owned());
        let bank_id = free_bank_id(shared, &stem);
        let preview = ImportPreview::from_file(path, options(&bank_id));
        let source_name = path
            .file_name()
            .map_or_else(|| stem.clone(), |n| n.to_string_lossy().into_owned());
        BankImportScreen {
            bank_id,
            title: stem,
            source_name,
            preview,
        }
    }

    /// A box to paste text into (智能识别).
    pub fn for_text(shared: &Shared) -> BankImportScreen {
        let bank_id = free_bank_id(shared, "pasted");
        BankImportScreen {
            preview: ImportPreview::from_text(options(&bank_id)),
            bank_id,
            title: "粘贴导入的题目".to_owned(),
            source_name: "粘贴的文本".to_owned(),
        }
    }

    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        let colours = theme::palette(shared.settings.theme);
        screen_heading(ui, "导入题目到新题库", shared.settings.theme);
        ui.label("每一行的识别结果都列在下面：勾选要导入的题目，不能导入的行会说明原因。导入后新题库保存在“我的题库”中，并打开编辑。");
        match self.preview.ui(ui, &colours, "新题库")? {
            PreviewOutcome::Cancel => Some(ScreenAction::Back),
            PreviewOutcome::Import(questions) => self.create_bank(shared, questions),
        }
    }

    fn create_bank(&self, shared: &mut Shared, questions: Vec<Question>) -> Option<ScreenAction> {
        let count = questions.len();
        let bank = Bank {
            id: self.bank_id.clone(),
            title: self.title.clone(),
            version: 0,
            description: format!("由 {} 导入", self.source_name),
            questions,
        };
        let folder = shared.data_dir.banks_dir();
        let path = free_bank_path(&folder, &self.bank_id);
        let mut doc = Document::new(bank, Some(path.clone()), false, ImageRoot::Folder(folder));
        if let Err(err) = doc.save() {
            shared.notify(NoticeKind::Error, format!("新题库未能保存：{err}"));
            return None;
        }
        shared.bank_saved(&path);
        shared.notify(
            NoticeKind::Info,
            format!("已导入 {count} 道题，新题库保存为 {}", path.display()),
        );
        Some(ScreenAction::Replace(Box::new(Screen::BankEditor(Box::new(
            BankEditorScreen::new(doc),
        )))))
    }

    /// Shows another file instead (dropped on the window).
    pub fn replace_file(&mut self, shared: &Shared, path: &Path) {
        *self = BankImportScreen::for_file(shared, path);
    }
}

fn options(bank_id: &str) -> ImportOptions {
    ImportOptions {
        id_prefix: bank_id.to_owned(),
        ..ImportOptions::default()
    }
}
