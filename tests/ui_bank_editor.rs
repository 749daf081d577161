//! 题库管理 through the real widgets: edit a stem into an error and fix it, undo twice, redo and
//! save (the file on disk, its version and backup checked); leaving with unsaved changes asks
//! first; a small CSV imported through its preview into a new bank and into the open bank.

mod common;

use std::path::Path;

use common::app::{BANK, clock, drop_file, harness, open};
use dangshi::bank::{Bank, parse_bank};
use dangshi::store::DataDir;
use dangshi::ui::DangshiApp;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const ORIGINAL_STEM: &str = "测试：中国共产党第一次全国代表大会召开于哪一年？";
const FIXED_STEM: &str = "测试：中共一大在哪一年召开？";
const EMPTY_STEM_ERROR: &str = "× 题干 stem 不能为空";

/// A data folder holding the three-question test bank as `editor_test.ron`.
fn prepare(data: &Path) -> std::path::PathBuf {
    let dir = DataDir::at(data);
    std::fs::create_dir_all(dir.banks_dir()).expect("banks dir");
    let path = dir.banks_dir().join("editor_test.ron");
    std::fs::write(&path, BANK).expect("bank");
    path
}

fn saved_bank(path: &Path) -> Bank {
    let text = std::fs::read_to_string(path).expect("bank file");
    parse_bank(&text).expect("saved bank parses")
}

/// The stem field's text.
fn stem_field(harness: &Harness<'static, DangshiApp>) -> String {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "题干")
        .value()
        .unwrap_or_default()
}

fn focus_stem(harness: &mut Harness<'static, DangshiApp>) {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "题干")
        .focus();
    harness.run();
}

/// Moves the keyboard focus to the 出处 field, which ends a typing group.
fn focus_elsewhere(harness: &mut Harness<'static, DangshiApp>) {
    harness.get_by_role_and_label(Role::TextInput, "出处").focus();
    harness.run();
}

fn shortcut(harness: &mut Harness<'static, DangshiApp>, key: Key) {
    harness.key_press_modifiers(Modifiers::COMMAND, key);
    harness.run();
}

fn open_editor(harness: &mut Harness<'static, DangshiApp>) {
    open(harness, "题库管理");
    open(harness, "编辑");
    harness.get_by_label("编辑题库：练习测试题库");
}

#[test]
fn edit_a_stem_undo_twice_redo_and_save() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = prepare(dir.path());
    let mut harness = harness(dir.path(), &clock());
    open_editor(&mut harness);
    assert_eq!(stem_field(&harness), ORIGINAL_STEM);
    assert!(harness.query_by_label("● 未保存").is_none());

    // Clear the stem: the checker's message appears next to it.
    focus_stem(&mut harness);
    shortcut(&mut harness, Key::A);
    harness.key_press(Key::Backspace);
    harness.run();
    assert_eq!(stem_field(&harness), "");
    harness.get_by_label(EMPTY_STEM_ERROR);
    harness.get_by_label("● 未保存");
    harness.get_by_label("× 1 个错误");
    focus_elsewhere(&mut harness);

    // Type a new stem: the message goes.
    focus_stem(&mut harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "题干")
        .type_text(FIXED_STEM);
    harness.run();
    assert_eq!(stem_field(&harness), FIXED_STEM);
    assert!(harness.query_by_label(EMPTY_STEM_ERROR).is_none());
    focus_elsewhere(&mut harness);

    // Undo twice: back through the empty stem to the original (typing was one step).
    shortcut(&mut harness, Key::Z);
    assert_eq!(stem_field(&harness), "");
    harness.get_by_label(EMPTY_STEM_ERROR);
    shortcut(&mut harness, Key::Z);
    assert_eq!(stem_field(&harness), ORIGINAL_STEM);
    assert!(harness.query_by_label(EMPTY_STEM_ERROR).is_none());
    assert!(
        harness.query_by_label("● 未保存").is_none(),
        "back at the saved state"
    );

    // Redo: the empty stem again; redo once more: the fixed stem.
    shortcut(&mut harness, Key::Y);
    assert_eq!(stem_field(&harness), "");
    harness.get_by_label(EMPTY_STEM_ERROR);
    shortcut(&mut harness, Key::Y);
    assert_eq!(stem_field(&harness), FIXED_STEM);

    // Save with Ctrl+S: the file has the fixed stem and version 1; the old text is the backup.
    shortcut(&mut harness, Key::S);
    assert!(harness.query_by_label("● 未保存").is_none());
    let bank = saved_bank(&path);
    assert_eq!(bank.version, 1);
    assert_eq!(bank.questions.len(), 3);
    assert_eq!(bank.questions[0].stem, FIXED_STEM);
    assert_eq!(bank.questions[1].stem, "测试：遵义会议召开于1935年1月。");
    let backup = std::fs::read_to_string(path.with_file_name("editor_test.ron.bak")).expect("backup");
    assert_eq!(backup, BANK);
    // The library has the saved text: practice uses the new stem.
    let stems: Vec<String> = harness
        .state()
        .shared()
        .library
        .usable_questions()
        .map(|q| q.stem.clone())
        .collect();
    assert!(stems.iter().any(|s| s == FIXED_STEM));
}

#[test]
fn leaving_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = prepare(dir.path());
    let mut harness = harness(dir.path(), &clock());
    open_editor(&mut harness);
    focus_stem(&mut harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "题干")
        .type_text("（改）");
    harness.run();
    focus_elsewhere(&mut harness);

    open(&mut harness, "← 返回");
    harness.get_by_label("题库有未保存的修改");
    open(&mut harness, "继续编辑");
    assert!(harness.query_by_label("题库有未保存的修改").is_none());
    harness.get_by_label("编辑题库：练习测试题库");

    open(&mut harness, "← 返回");
    open(&mut harness, "不保存，直接离开");
    harness.get_by_label("从表格导入新题库…");
    assert_eq!(
        std::fs::read_to_string(&path).expect("bank"),
        BANK,
        "nothing written"
    );

    // Saving from the question keeps the change.
    open(&mut harness, "编辑");
    focus_stem(&mut harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "题干")
        .type_text("（改）");
    harness.run();
    open(&mut harness, "首页");
    open(&mut harness, "保存后离开");
    harness.get_by_label("学史明理 · 学史增信 · 学史崇德 · 学史力行");
    assert_eq!(
        saved_bank(&path).questions[0].stem,
        format!("{ORIGINAL_STEM}（改）")
    );
}

/// Three rows: one fine, one without an explanation (warning), one 简答题 (not imported).
const CSV: &str = "题型,题干,选项A,选项B,选项C,选项D,答案,解析\n\
单选题,党的一大召开的地点最后转移到（ ）。,上海,嘉兴南湖,北京,广州,B,一大最后一天的会议在嘉兴南湖的游船上举行。\n\
判断题,遵义会议召开于1935年。,,,,,正确,\n\
简答题,简述遵义会议的意义。,,,,,略,\n";

#[test]
fn a_csv_through_the_preview_into_a_new_bank_and_into_the_open_bank() {
    let dir = tempfile::tempdir().expect("temp dir");
    let bank_path = prepare(dir.path());
    let csv_path = dir.path().join("支部题目.csv");
    std::fs::write(&csv_path, CSV).expect("csv");
    let mut harness = harness(dir.path(), &clock());
    open(&mut harness, "题库管理");

    // Dropped on 题库管理: the preview lists every row with its result.
    drop_file(&mut harness, csv_path.clone());
    harness.get_by_label("导入题目到新题库");
    harness.get_by_label("✓ 1 可导入");
    harness.get_by_label("⚠ 1 有警告");
    harness.get_by_label("× 1 不能导入");
    harness.get_by_label("第4行");
    harness.get_by_label("不支持的题型“简答题”，未导入");
    open(&mut harness, "导入选中的 2 道题到新题库");

    // The new bank is saved in the data folder and open in the editor.
    harness.get_by_label("编辑题库：支部题目");
    let new_path = DataDir::at(dir.path()).banks_dir().join("支部题目.ron");
    let bank = saved_bank(&new_path);
    assert_eq!(bank.questions.len(), 2);
    assert_eq!(bank.questions[0].stem, "党的一大召开的地点最后转移到（ ）。");
    assert_eq!(bank.questions[1].stem, "遵义会议召开于1935年。");
    open(&mut harness, "← 返回");

    // Into the open bank: dropped on its editor, previewed, added at the end as one undo step.
    // Banks are listed in load order: the test bank (data folder) before the one just imported.
    harness
        .query_all_by_label("编辑")
        .next()
        .expect("an 编辑 button")
        .click();
    harness.run();
    harness.get_by_label("编辑题库：练习测试题库");
    drop_file(&mut harness, csv_path);
    open(&mut harness, "导入选中的 2 道题到“练习测试题库”");
    harness.get_by_label("显示 5 / 5 道");
    shortcut(&mut harness, Key::Z);
    harness.get_by_label("显示 3 / 3 道");
    shortcut(&mut harness, Key::Y);
    harness.get_by_label("显示 5 / 5 道");
    shortcut(&mut harness, Key::S);
    let saved = saved_bank(&bank_path);
    assert_eq!(saved.questions.len(), 5);
    let ids: std::collections::HashSet<&str> = saved.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), 5, "imported questions get ids of their own");
}

#[test]
fn a_bundled_bank_is_saved_as_a_copy_that_replaces_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = harness(dir.path(), &clock());
    open(&mut harness, "题库管理");
    harness.get_by_label("还没有自己的题库：新建一个，或从表格、文本导入。");
    harness
        .query_all_by_label("查看与修改")
        .next()
        .expect("a bundled bank")
        .click();
    harness.run();
    harness.get_by_label("另存为副本");
    let original = stem_field(&harness);
    focus_stem(&mut harness);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "题干")
        .type_text("（修订）");
    harness.run();
    open(&mut harness, "另存为副本");

    let shared = harness.state().shared();
    let path = shared
        .library
        .banks()
        .iter()
        .find_map(|b| match &b.origin {
            dangshi::bank::BankOrigin::File { path } => Some(path.clone()),
            dangshi::bank::BankOrigin::Bundled { .. } => None,
        })
        .expect("the copy is loaded");
    let bank = saved_bank(&path);
    assert_eq!(bank.id, "q01-founding");
    assert_eq!(bank.version, 2, "the bundled bank's version 1, raised on save");
    assert!(path.starts_with(DataDir::at(dir.path()).banks_dir()));
    assert_eq!(bank.questions[0].stem, format!("{original}（修订）"));
    let bundled_with_same_id = shared.library.banks().iter().filter(|b| {
        matches!(b.origin, dangshi::bank::BankOrigin::Bundled { .. })
            && b.bank.as_ref().is_some_and(|other| other.id == bank.id)
    });
    assert_eq!(
        bundled_with_same_id.count(),
        0,
        "the copy replaces the bundled bank"
    );
    assert_eq!(shared.library.count(dangshi::bank::Severity::Error), 0);
    // Now it is the trainer's own file: 保存 writes to it.
    harness.get_by_label("保存");
}

#[test]
fn filter_add_delete_reorder_and_duplicate() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = prepare(dir.path());
    let mut harness = harness(dir.path(), &clock());
    open_editor(&mut harness);
    harness.get_by_label("显示 3 / 3 道");

    // A search that hides the selected question selects the first one shown.
    harness.get_by_role_and_label(Role::TextInput, "搜索").focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "搜索")
        .type_text("遵义");
    harness.run();
    harness.get_by_label("显示 1 / 3 道");
    assert_eq!(stem_field(&harness), "测试：遵义会议召开于1935年1月。");
    open(&mut harness, "清除筛选");
    harness.get_by_label("显示 3 / 3 道");

    // A new 判断题 after the selected one: its empty stem is flagged at once; undo removes it.
    open(&mut harness, "新增题目");
    open(&mut harness, "新增判断题");
    harness.get_by_label("显示 4 / 4 道");
    assert_eq!(stem_field(&harness), "");
    harness.get_by_label(EMPTY_STEM_ERROR);
    shortcut(&mut harness, Key::Z);
    harness.get_by_label("显示 3 / 3 道");

    // Undoing the insertion selects the question that now stands where it was: t-3.
    // Delete it, undo; then pick t-2 in the table, move it down and copy it.
    assert_eq!(stem_field(&harness), "测试：下列属于三大法宝的有（ ）。");
    open(&mut harness, "删除本题");
    harness.get_by_label("显示 2 / 2 道");
    shortcut(&mut harness, Key::Z);
    harness.get_by_label("显示 3 / 3 道");
    assert_eq!(stem_field(&harness), "测试：下列属于三大法宝的有（ ）。");
    open(&mut harness, "测试：遵义会议召开于1935年1月。");
    assert_eq!(stem_field(&harness), "测试：遵义会议召开于1935年1月。");
    open(&mut harness, "下移");
    open(&mut harness, "复制本题");
    harness.get_by_label("显示 4 / 4 道");
    shortcut(&mut harness, Key::S);

    let bank = saved_bank(&path);
    let ids: Vec<&str> = bank.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids.len(), 4);
    assert_eq!(&ids[..3], ["t-1", "t-3", "t-2"]);
    assert!(
        !["t-1", "t-2", "t-3"].contains(&ids[3]),
        "the copy has an id of its own"
    );
    assert_eq!(bank.questions[3].stem, bank.questions[2].stem);
    assert_eq!(bank.questions[3].kind, bank.questions[2].kind);
}

#[test]
fn answers_are_chosen_and_options_added_in_the_form() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = prepare(dir.path());
    let mut harness = harness(dir.path(), &clock());
    open_editor(&mut harness);

    // t-1 单选: the answer moves from B to C.
    open(&mut harness, "C");
    // t-3 多选 (A, B, C): C off, D on; a fifth option is added empty, flagged, and undone.
    open(&mut harness, "测试：下列属于三大法宝的有（ ）。");
    open(&mut harness, "C");
    open(&mut harness, "D");
    open(&mut harness, "添加选项");
    harness.get_by_label("× 第 5 个选项为空");
    shortcut(&mut harness, Key::Z);
    assert!(harness.query_by_label("× 第 5 个选项为空").is_none());
    shortcut(&mut harness, Key::S);

    let bank = saved_bank(&path);
    assert_eq!(
        bank.questions[0].kind,
        dangshi::bank::QuestionKind::Single {
            options: vec!["1919年".into(), "1921年".into(), "1927年".into()],
            answer: 2
        }
    );
    assert_eq!(
        bank.questions[2].kind,
        dangshi::bank::QuestionKind::Multiple {
            options: vec![
                "统一战线".into(),
                "武装斗争".into(),
                "党的建设".into(),
                "土地改革".into()
            ],
            answers: vec![0, 1, 3]
        }
    );
}
