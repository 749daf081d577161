//! The app shell driven through its real widgets with egui_kittest: home entries, navigation,
//! profiles, settings persistence, bank health, dropped files and Chinese glyphs.

mod common;

use std::path::{Path, PathBuf};

use common::app::drop_file;
use dangshi::store::{DataDir, Settings, ThemeChoice};
use dangshi::ui::DangshiApp;
use dangshi::ui::screens::Feature;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const MOTTO: &str = "学史明理 · 学史增信 · 学史崇德 · 学史力行";

fn app_harness(data: &Path) -> Harness<'static, DangshiApp> {
    let data = DataDir::at(data);
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| DangshiApp::new(&cc.egui_ctx, data));
    harness.run();
    harness
}

fn saved_settings(data: &Path) -> Settings {
    let text = std::fs::read_to_string(DataDir::at(data).settings_file()).expect("settings were saved");
    ron::from_str(&text).expect("settings parse")
}

#[test]
fn every_home_entry_opens_and_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app_harness(dir.path());
    harness.get_by_label(MOTTO);
    for feature in Feature::ALL {
        harness.get_by_label(feature.name()).click();
        harness.run();
        match feature {
            Feature::Practice => harness.get_by_label("练习记录按用户保存。请先选择或添加用户。"),
            Feature::Challenge => harness.get_by_label("擂台赛"),
            Feature::Contest => harness.get_by_label("参赛队伍"),
            Feature::March => harness.get_by_label("新建活动"),
            Feature::BankAdmin => harness.get_by_label("从表格导入新题库…"),
        };
        assert!(
            harness.query_by_label(MOTTO).is_none(),
            "{} left the home screen",
            feature.name()
        );
        harness.get_by_label("首页").click();
        harness.run();
        harness.get_by_label(MOTTO);
    }
}

#[test]
fn escape_and_the_back_button_return_to_the_previous_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app_harness(dir.path());
    harness.get_by_label("设置").click();
    harness.run();
    harness.get_by_label("快捷键");
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label(MOTTO);

    harness.get_by_label("题库管理").click();
    harness.run();
    harness.get_by_label("校验报告").click();
    harness.run();
    harness.get_by_label("重新加载");
    harness.get_by_label("← 返回").click();
    harness.run();
    harness.get_by_label("从表格导入新题库…");
    harness.get_by_label("首页").click();
    harness.run();
    harness.get_by_label(MOTTO);
}

#[test]
fn a_new_profile_becomes_current_and_is_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut harness = app_harness(dir.path());
        harness.get_by_label("选择或添加用户").click();
        harness.run();
        type_into(&mut harness, "新用户姓名", "张三");
        harness.get_by_label("添加用户").click();
        harness.run();
        harness.get_by_label("✓ 正在使用");
        // Adding the same name again is refused with a Chinese message.
        type_into(&mut harness, "新用户姓名", "张三");
        harness.get_by_label("添加用户").click();
        harness.run();
        harness.get_by_label("× 已有名为“张三”的用户");
        harness.key_press(Key::Escape);
        harness.run();
        harness.key_press(Key::Escape);
        harness.run();
        harness.get_by_label("你好，张三！选择今天的学习内容。");
    }
    assert_eq!(
        saved_settings(dir.path()).current().map(|p| p.name.as_str()),
        Some("张三")
    );
    let harness = app_harness(dir.path());
    harness.get_by_label("你好，张三！选择今天的学习内容。");
}

#[test]
fn zoom_keys_and_theme_change_are_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    {
        let mut harness = app_harness(dir.path());
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        harness.run();
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
        harness.run();
        harness.get_by_label("缩放 120%");
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        harness.run();
        harness.get_by_label("缩放 110%");
        harness.get_by_label("设置").click();
        harness.run();
        harness.get_by_label("深色").click();
        harness.run();
    }
    let settings = saved_settings(dir.path());
    assert_eq!(settings.ui_scale_percent, 110);
    assert_eq!(settings.theme, ThemeChoice::Dark);
    let harness = app_harness(dir.path());
    harness.get_by_label("缩放 110%");
}

#[test]
fn a_broken_user_bank_is_reported_in_chinese_and_the_rest_still_load() {
    let dir = tempfile::tempdir().expect("temp dir");
    let banks = DataDir::at(dir.path()).banks_dir();
    std::fs::create_dir_all(&banks).expect("banks dir");
    std::fs::copy(
        fixture("broken/syntax_missing_comma.ron"),
        banks.join("坏题库.ron"),
    )
    .expect("copy fixture");
    let mut harness = app_harness(dir.path());
    harness.get_by_label_contains("有 1 个题库加载失败");
    // The bundled banks still loaded.
    let bundled = harness.state().shared().library.usable_questions().count();
    assert!(bundled >= 60, "bundled banks should still load, got {bundled}");
    harness.get_by_label("⚠ 1 个题库有错误").click();
    harness.run();
    harness.get_by_label_contains("缺少逗号");
    harness.get_by_label("第 7 行第 13 列");
}

#[test]
fn a_dropped_bank_file_is_loaded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app_harness(dir.path());
    let before = harness.state().shared().library.banks().len();
    drop_file(&mut harness, fixture("broken/dup_across_a.ron"));
    assert_eq!(harness.state().shared().library.banks().len(), before + 1);
    harness.get_by_label("✓ 已打开题库“甲库”，1 道题");
}

#[test]
fn traditional_and_simplified_chinese_render_with_the_bundled_font() {
    let mut harness = Harness::builder()
        .with_context_setup(dangshi::ui::fonts::install_cjk_font)
        .build_ui(|ui| {
            ui.label("興隆臺區黨史學習教育");
            ui.label("党史学习教育：不忘初心、牢记使命（１９２１—２０２１）");
        });
    harness.run();
    harness.get_by_label("興隆臺區黨史學習教育");
}

#[test]
#[should_panic]
fn without_the_bundled_font_chinese_is_a_missing_glyph() {
    let mut harness = Harness::builder().build_ui(|ui| {
        ui.label("党史");
    });
    harness.run();
}

/// Focuses the text field labelled `label` and types `text` into it.
fn type_into(harness: &mut Harness<'static, DangshiApp>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}
