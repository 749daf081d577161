//! The app in a kittest harness with a test bank, a profile and a hand-set clock.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{FixedOffset, TimeZone};
use dangshi::contest::TeamSetup;
use dangshi::practice::{Filter, StudyRecord};
use dangshi::store::DataDir;
use dangshi::store::study::{load_study, save_study};
use dangshi::ui::DangshiApp;
use dangshi::ui::app::{Clock, ManualClock};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Three questions: t-1 单选 (B), t-2 判断 (正确), t-3 多选 (A, B, C).
pub const BANK: &str = r#"(
    id: "practice-test",
    title: "练习测试题库",
    questions: [
        (
            id: "t-1",
            stem: "测试：中国共产党第一次全国代表大会召开于哪一年？",
            kind: Single(options: ["1919年", "1921年", "1927年"], answer: 1),
            explanation: "测试解析：一大于1921年召开。",
            source: "测试出处",
            era: Founding,
            tags: ["测试"],
        ),
        (
            id: "t-2",
            stem: "测试：遵义会议召开于1935年1月。",
            kind: Judge(answer: true),
            explanation: "测试解析：遵义会议于1935年1月召开。",
            source: "测试出处",
            era: LandRevolution,
            tags: ["测试"],
        ),
        (
            id: "t-3",
            stem: "测试：下列属于三大法宝的有（ ）。",
            kind: Multiple(options: ["统一战线", "武装斗争", "党的建设", "土地改革"], answers: [0, 1, 2]),
            explanation: "测试解析：统一战线、武装斗争、党的建设是三大法宝。",
            source: "测试出处",
            era: AntiJapanese,
            tags: ["测试"],
        ),
    ],
)"#;

/// A clock standing at 2026-07-01 09:00 China time.
pub fn clock() -> ManualClock {
    let start = FixedOffset::east_opt(8 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).single())
        .expect("time");
    ManualClock::new(start)
}

/// A data folder with the test bank, and profile 1's practice limited to it.
pub fn prepare(data: &Path, edit: impl FnOnce(&mut StudyRecord)) {
    let dir = DataDir::at(data);
    std::fs::create_dir_all(dir.banks_dir()).expect("banks dir");
    std::fs::write(dir.banks_dir().join("practice_test.ron"), BANK).expect("bank");
    let mut record = StudyRecord::default();
    record.settings.filter = Filter {
        banks: ["practice-test".to_owned()].into(),
        ..Filter::default()
    };
    edit(&mut record);
    save_study(&dir.study_file(1), &record).expect("study");
}

/// The app on `data` with `clock`, one frame run.
pub fn harness(data: &Path, clock: &ManualClock) -> Harness<'static, DangshiApp> {
    let data = DataDir::at(data);
    let clock = Clock::Manual(clock.clone());
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| DangshiApp::with_clock(&cc.egui_ctx, data, clock));
    harness.run();
    harness
}

/// Adds a profile on the 用户 page (it becomes current) and goes back home.
pub fn add_profile(harness: &mut Harness<'static, DangshiApp>, name: &str) {
    harness.get_by_label("选择或添加用户").click();
    harness.run();
    harness.get_by_label("新用户姓名").focus();
    harness.run();
    harness.get_by_label("新用户姓名").type_text(name);
    harness.run();
    harness.get_by_label("添加用户").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
}

/// Clicks the widget labelled `label` and runs a frame.
pub fn open(harness: &mut Harness<'static, DangshiApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Profile 1's study record as saved.
pub fn saved(data: &Path) -> StudyRecord {
    load_study(&DataDir::at(data).study_file(1)).0
}

/// Teams with these names, red, no members, no buzzer keys.
pub fn teams(names: &[&str]) -> Vec<TeamSetup> {
    names
        .iter()
        .map(|name| TeamSetup {
            name: (*name).to_owned(),
            colour: [200, 16, 46],
            members: Vec::new(),
            key: None,
        })
        .collect()
}

/// A file dropped on the window.
#[derive(Debug)]
pub struct DroppedPath(pub PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Drops the file at `path` on the window and runs a frame.
pub fn drop_file(harness: &mut Harness<'static, DangshiApp>, path: PathBuf) {
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path)));
    harness.run();
}
