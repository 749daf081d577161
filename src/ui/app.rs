//! The eframe [`App`](eframe::App): navigation between screens, app-wide commands, settings
//! persistence, bank loading from the data folder and from dropped or opened files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use chrono::TimeDelta;
use egui::ViewportCommand;
use rand::SeedableRng;
use rand::rngs::StdRng;

use super::command::Command;
use super::import_preview::is_import_file;
use super::screens::bank_admin::import_file;
use super::screens::{Leave, Screen, ScreenAction};
use super::sound::SoundPlayer;
use super::{fonts, theme, widgets};
use crate::bank::{BankOrigin, Library, Question, Severity};
use crate::challenge::Arena;
use crate::content::{BUNDLED_CALENDAR, Calendar, parse_calendar};
use crate::contest::ContestLog;
use crate::practice::{Moment, StudyRecord};
use crate::store::atomic::Loaded;
use crate::store::march::MarchData;
use crate::store::study::{load_study, save_study};
use crate::store::{DataDir, Settings, ThemeChoice, load_ron_with_backup, save_ron_atomic};

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    /// Something worked.
    Info,
    /// Something needs the user's attention.
    Warning,
    /// Something failed.
    Error,
}

/// A message shown at the top of the screen until dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// How serious.
    pub kind: NoticeKind,
    /// What happened, in Chinese.
    pub text: String,
}

/// A clock tests set by hand; clones share the same time.
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<Mutex<Moment>>);

impl ManualClock {
    /// A clock standing at `start`.
    pub fn new(start: Moment) -> ManualClock {
        ManualClock(Arc::new(Mutex::new(start)))
    }

    /// The time it shows.
    pub fn now(&self) -> Moment {
        match self.0.lock() {
            Ok(time) => *time,
            Err(poisoned) => *poisoned.into_inner(),
        }
    }

    /// Moves the clock on.
    pub fn advance(&self, by: TimeDelta) {
        let mut time = match self.0.lock() {
            Ok(time) => time,
            Err(poisoned) => poisoned.into_inner(),
        };
        *time += by;
    }
}

/// Where the app's time comes from.
#[derive(Clone, Debug)]
pub enum Clock {
    /// The computer's clock, in its local time zone.
    System,
    /// A clock set by hand (tests).
    Manual(ManualClock),
}

impl Clock {
    /// The time now, in local time.
    pub fn now(&self) -> Moment {
        match self {
            Clock::System => chrono::Local::now().fixed_offset(),
            Clock::Manual(clock) => clock.now(),
        }
    }
}

/// The study record of the profile in use.
pub struct ProfileStudy {
    /// Whose record it is.
    pub profile_id: u32,
    /// The record, saved by [`Shared::save_study`].
    pub record: StudyRecord,
}

/// The 再走长征路 data, read from the data folder on first use.
pub enum MarchSlot {
    /// Not read yet.
    NotLoaded,
    /// Read (or new), saved after every change.
    Ready(MarchData),
    /// Neither `march.ron` nor its backup could be read: why, in Chinese. Nothing is saved over
    /// the file.
    Broken(String),
}

/// State every screen may read and change.
pub struct Shared {
    /// Where user data lives.
    pub data_dir: DataDir,
    /// Settings, saved whenever they change.
    pub settings: Settings,
    /// Every loaded bank.
    pub library: Library,
    /// Messages for the user.
    pub notices: Vec<Notice>,
    /// App-wide commands requested by a screen's buttons this frame.
    pub requested: Vec<Command>,
    /// Where time comes from.
    pub clock: Clock,
    /// Randomness for shuffles and draws.
    pub rng: StdRng,
    /// The current profile's study record, loaded when the profile is chosen.
    pub study: Option<ProfileStudy>,
    /// 历史上的今天, if the bundled calendar parsed.
    pub calendar: Option<Calendar>,
    /// Question pictures loaded so far, by question id (`None`: could not be shown).
    images: HashMap<String, Option<egui::TextureHandle>>,
    /// The 擂台赛 in progress (or just finished), saved after every judgement.
    pub arena: Option<Arena>,
    /// The 知识竞赛 being played (or just finished), each event synced to its log.
    pub contest: Option<ContestLog>,
    /// Sound cues.
    pub sound: SoundPlayer,
    /// 再走长征路 events, teams, members and steps.
    pub march: MarchSlot,
}

impl Shared {
    /// Adds a message for the user.
    pub fn notify(&mut self, kind: NoticeKind, text: impl Into<String>) {
        self.notices.push(Notice {
            kind,
            text: text.into(),
        });
    }

    /// The time now.
    pub fn now(&self) -> Moment {
        self.clock.now()
    }

    /// The current profile's study record, if a profile is chosen.
    pub fn record(&self) -> Option<&StudyRecord> {
        self.study.as_ref().map(|s| &s.record)
    }

    /// A usable question by id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.library.usable_questions().find(|q| q.id == id)
    }

    /// The picture of a question as a texture, loaded once (size and memory capped by the bank
    /// loader's limits). `None` when the question has no picture or it cannot be read.
    pub fn question_image(&mut self, ctx: &egui::Context, question_id: &str) -> Option<egui::TextureHandle> {
        if let Some(cached) = self.images.get(question_id) {
            return cached.clone();
        }
        let texture = self
            .library
            .banks()
            .iter()
            .find_map(|loaded| {
                let question = loaded.usable_questions().find(|q| q.id == question_id)?;
                Some((question.image.clone()?, loaded.origin.image_root()))
            })
            .and_then(|(relative, root)| root.load(&relative).ok())
            .and_then(|image| widgets::image_texture(ctx, format!("question-{question_id}"), &image));
        self.images.insert(question_id.to_owned(), texture.clone());
        texture
    }

    /// Loads the study record of the profile in use when it changes; tells the user if the file
    /// had to be recovered.
    pub fn sync_study(&mut self) {
        let wanted = self.settings.current_profile;
        if self.study.as_ref().map(|s| s.profile_id) == wanted {
            return;
        }
        self.study = wanted.map(|profile_id| {
            let (record, outcome) = load_study(&self.data_dir.study_file(profile_id));
            if let Some(message) = outcome.message() {
                self.notices.push(Notice {
                    kind: NoticeKind::Warning,
                    text: message,
                });
            }
            ProfileStudy { profile_id, record }
        });
    }

    /// Saves the current profile's study record now (after every answer).
    pub fn save_study(&mut self) {
        let Some(study) = &self.study else { return };
        let path = self.data_dir.study_file(study.profile_id);
        if let Err(err) = save_study(&path, &study.record) {
            self.notify(NoticeKind::Error, format!("学习记录未能保存：{err}"));
        }
    }

    /// Saves the arena now; tells the user if it failed.
    pub fn save_arena(&mut self) {
        let Some(arena) = &self.arena else { return };
        if let Err(err) = save_ron_atomic(&self.data_dir.arena_file(), arena) {
            self.notify(NoticeKind::Error, format!("擂台赛未能保存：{err}"));
        }
    }

    /// Forgets the arena and deletes its file (a new arena replaces it).
    pub fn discard_arena(&mut self) {
        self.arena = None;
        let path = self.data_dir.arena_file();
        if path.exists()
            && let Err(err) = std::fs::remove_file(&path)
        {
            self.notify(NoticeKind::Error, format!("无法删除 {}：{err}", path.display()));
        }
    }

    /// The 再走长征路 data, read on first use (a recovery from the backup is told to the user);
    /// `Err` with the reason, in Chinese, when it cannot be read.
    pub fn march(&mut self) -> Result<&mut MarchData, String> {
        if matches!(self.march, MarchSlot::NotLoaded) {
            self.march = match MarchData::load(&self.data_dir) {
                Ok((data, recovered)) => {
                    if let Some(err) = recovered {
                        self.notices.push(Notice {
                            kind: NoticeKind::Warning,
                            text: format!("{err}；已从备份恢复“再走长征路”数据"),
                        });
                    }
                    MarchSlot::Ready(data)
                }
                Err(err) => MarchSlot::Broken(format!(
                    "“再走长征路”数据无法读取：{err}。为免覆盖，暂不能录入；请把文件 {} 交给管理员检查",
                    self.data_dir.march_file().display()
                )),
            };
        }
        match &mut self.march {
            MarchSlot::Ready(data) => Ok(data),
            MarchSlot::Broken(reason) => Err(reason.clone()),
            MarchSlot::NotLoaded => Err("“再走长征路”数据尚未读取".to_owned()),
        }
    }

    /// Saves the 再走长征路 data now (after every change); tells the user if it failed.
    pub fn save_march(&mut self) {
        let MarchSlot::Ready(data) = &self.march else {
            return;
        };
        if let Err(err) = data.save(&self.data_dir) {
            self.notify(NoticeKind::Error, format!("“再走长征路”数据未能保存：{err}"));
        }
    }

    /// Loads bank files chosen by the user (opened or dropped).
    pub fn open_bank_files(&mut self, paths: &[PathBuf]) {
        for path in paths {
            self.library.add_file(path);
            let Some(loaded) = self
                .library
                .banks()
                .iter()
                .find(|b| b.origin == BankOrigin::File { path: path.clone() })
            else {
                continue;
            };
            let errors = loaded.count(Severity::Error);
            if loaded.bank.is_none() {
                self.notify(
                    NoticeKind::Error,
                    format!("题库 {} 加载失败，详见“题库”页", path.display()),
                );
            } else if errors > 0 {
                self.notify(
                    NoticeKind::Warning,
                    format!(
                        "已打开题库“{}”，但有 {errors} 个错误，出错的题目不会使用",
                        loaded.title()
                    ),
                );
            } else {
                self.notify(
                    NoticeKind::Info,
                    format!(
                        "已打开题库“{}”，{} 道题",
                        loaded.title(),
                        loaded.usable_questions().count()
                    ),
                );
            }
        }
    }

    /// Loads a bank file just saved by the editor (again), so that practice uses the new text;
    /// forgets pictures shown before.
    pub fn bank_saved(&mut self, path: &Path) {
        self.library.add_file(path);
        self.images.clear();
    }

    /// Reloads the bundled banks and the data folder's banks; keeps files opened this session.
    pub fn reload_banks(&mut self) {
        let opened: Vec<PathBuf> = self
            .library
            .banks()
            .iter()
            .filter_map(|b| match &b.origin {
                BankOrigin::File { path } if !path.starts_with(self.data_dir.banks_dir()) => {
                    Some(path.clone())
                }
                _ => None,
            })
            .collect();
        self.library = load_library(&self.data_dir);
        self.images.clear();
        for path in &opened {
            self.library.add_file(path);
        }
    }
}

fn load_library(data_dir: &DataDir) -> Library {
    let mut library = Library::bundled();
    library.add_folder(&data_dir.banks_dir());
    library
}

/// The app: a stack of screens over shared state.
pub struct DangshiApp {
    shared: Shared,
    saved_settings: Settings,
    stack: Vec<Screen>,
    applied: Option<(ThemeChoice, u16)>,
    first_frame_log: Option<Instant>,
}

impl DangshiApp {
    /// Builds the app on the system clock: installs the font, loads settings and banks from `data_dir`.
    pub fn new(ctx: &egui::Context, data_dir: DataDir) -> DangshiApp {
        DangshiApp::with_clock(ctx, data_dir, Clock::System)
    }

    /// Builds the app with the given clock (tests pass a [`ManualClock`]).
    pub fn with_clock(ctx: &egui::Context, data_dir: DataDir, clock: Clock) -> DangshiApp {
        fonts::install_cjk_font(ctx);
        ctx.options_mut(|options| options.zoom_with_keyboard = false);
        let mut notices = Vec::new();
        let settings = match load_ron_with_backup::<Settings>(&data_dir.settings_file()) {
            Ok(Loaded::Current(settings)) => settings,
            Ok(Loaded::Missing) => Settings::default(),
            Ok(Loaded::FromBackup(settings, err)) => {
                notices.push(Notice {
                    kind: NoticeKind::Warning,
                    text: format!("{err}；已从备份恢复设置"),
                });
                settings
            }
            Err(err) => {
                notices.push(Notice {
                    kind: NoticeKind::Error,
                    text: format!("{err}；已使用默认设置"),
                });
                Settings::default()
            }
        };
        let library = load_library(&data_dir);
        let failed = library.banks().iter().filter(|b| b.bank.is_none()).count();
        if failed > 0 {
            notices.push(Notice {
                kind: NoticeKind::Error,
                text: format!("有 {failed} 个题库加载失败，其余题库照常可用。点“题库”查看原因"),
            });
        }
        let arena = match load_ron_with_backup::<Arena>(&data_dir.arena_file()) {
            Ok(Loaded::Current(arena)) => {
                if !arena.is_finished() {
                    notices.push(Notice {
                        kind: NoticeKind::Info,
                        text: "上次的擂台赛尚未结束，已恢复：进入“挑战答题”继续".to_string(),
                    });
                }
                Some(arena)
            }
            Ok(Loaded::FromBackup(arena, err)) => {
                notices.push(Notice {
                    kind: NoticeKind::Warning,
                    text: format!("{err}；已从备份恢复擂台赛"),
                });
                Some(arena)
            }
            Ok(Loaded::Missing) => None,
            Err(err) => {
                notices.push(Notice {
                    kind: NoticeKind::Error,
                    text: format!("擂台赛记录无法读取：{err}"),
                });
                None
            }
        };
        let contest_path = data_dir.contest_log();
        let contest = if contest_path.exists() {
            match ContestLog::open(&contest_path) {
                Ok(log) => {
                    if log.skipped_lines() > 0 {
                        notices.push(Notice {
                            kind: NoticeKind::Warning,
                            text: format!("比赛记录中有 {} 行损坏，已跳过", log.skipped_lines()),
                        });
                    }
                    if !log.contest().is_finished() {
                        notices.push(Notice {
                            kind: NoticeKind::Info,
                            text: format!(
                                "上次的比赛“{}”尚未结束，已恢复到中断处：进入“知识竞赛”继续主持",
                                log.contest().plan.title
                            ),
                        });
                    }
                    Some(log)
                }
                Err(err) => {
                    notices.push(Notice {
                        kind: NoticeKind::Error,
                        text: err.to_string(),
                    });
                    None
                }
            }
        } else {
            None
        };
        let seed = clock.now().timestamp_micros().unsigned_abs();
        let mut shared = Shared {
            data_dir,
            settings: settings.clone(),
            library,
            notices,
            requested: Vec::new(),
            clock,
            rng: StdRng::seed_from_u64(seed),
            study: None,
            calendar: parse_calendar(BUNDLED_CALENDAR).ok(),
            images: HashMap::new(),
            arena,
            contest,
            sound: SoundPlayer::default(),
            march: MarchSlot::NotLoaded,
        };
        shared.sync_study();
        DangshiApp {
            saved_settings: settings,
            shared,
            stack: vec![Screen::Home],
            applied: None,
            first_frame_log: None,
        }
    }

    /// Prints the time from `started` to the end of the first frame's layout on stderr.
    pub fn log_first_frame_since(&mut self, started: Instant) {
        self.first_frame_log = Some(started);
    }

    /// Shared state, for tests and screens.
    pub fn shared(&self) -> &Shared {
        &self.shared
    }

    fn navigate(&mut self, action: ScreenAction) {
        match action {
            ScreenAction::Open(screen) => self.stack.push(*screen),
            ScreenAction::Back => {
                if self.stack.len() > 1 && self.may_leave_top(Leave::Back) {
                    self.stack.pop();
                }
            }
            ScreenAction::Home => {
                if self.may_leave_top(Leave::Home) {
                    self.stack.truncate(1);
                }
            }
            ScreenAction::Replace(screen) => {
                if self.stack.len() > 1 {
                    self.stack.pop();
                }
                self.stack.push(*screen);
            }
        }
    }

    /// Whether the top screen lets the user go; a bank editor with unsaved changes asks first.
    fn may_leave_top(&mut self, intent: Leave) -> bool {
        match self.stack.last_mut() {
            Some(Screen::BankEditor(editor)) => editor.may_leave(intent),
            _ => true,
        }
    }

    /// Stops the window from closing while a bank editor has unsaved changes: the editor comes
    /// to the top and asks.
    fn guard_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        let dirty = self
            .stack
            .iter()
            .position(|s| matches!(s, Screen::BankEditor(editor) if editor.is_dirty()));
        let Some(position) = dirty else { return };
        self.stack.truncate(position + 1);
        if let Some(Screen::BankEditor(editor)) = self.stack.last_mut()
            && !editor.may_leave(Leave::Quit)
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
        }
    }

    fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::Back => self.navigate(ScreenAction::Back),
            Command::ToggleFullscreen => {
                let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(ViewportCommand::Fullscreen(!fullscreen));
            }
            Command::ZoomIn => self.shared.settings.zoom_in(),
            Command::ZoomOut => self.shared.settings.zoom_out(),
            Command::ZoomReset => self.shared.settings.set_scale(100),
            Command::Save | Command::Undo | Command::Redo => {
                if let Some(Screen::BankEditor(editor)) = self.stack.last_mut() {
                    editor.command(command, &mut self.shared);
                }
            }
            Command::OpenBankFile => {
                let picked = rfd::FileDialog::new()
                    .set_title("打开题库文件")
                    .add_filter("题库文件 (.ron)", &["ron"])
                    .pick_files();
                if let Some(paths) = picked {
                    self.shared.open_bank_files(&paths);
                }
            }
        }
    }

    fn apply_look(&mut self, ctx: &egui::Context) {
        let wanted = (self.shared.settings.theme, self.shared.settings.ui_scale_percent);
        if self.applied != Some(wanted) {
            theme::apply(ctx, wanted.0);
            ctx.set_zoom_factor(self.shared.settings.scale_factor());
            self.applied = Some(wanted);
        }
    }

    fn persist_settings(&mut self) {
        if self.shared.settings == self.saved_settings {
            return;
        }
        self.saved_settings = self.shared.settings.clone();
        if let Err(err) = save_ron_atomic(&self.shared.data_dir.settings_file(), &self.shared.settings) {
            self.shared
                .notify(NoticeKind::Error, format!("设置未能保存：{err}"));
        }
    }

    fn take_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (imports, dropped): (Vec<PathBuf>, Vec<PathBuf>) = match self.stack.last() {
            Some(Screen::BankAdmin(_) | Screen::BankEditor(_) | Screen::BankImport(_)) => {
                dropped.into_iter().partition(|p| is_import_file(p))
            }
            _ => (Vec::new(), dropped),
        };
        if let Some(first) = imports.first() {
            match self.stack.last_mut() {
                Some(Screen::BankEditor(editor)) => editor.open_import_file(first),
                Some(Screen::BankImport(screen)) => screen.replace_file(&self.shared, first),
                _ => self.navigate(import_file(&self.shared, first)),
            }
        }
        let (banks, others): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| is_bank_file(p));
        // On a member's 再走长征路 page, other files are step files to import.
        let others = match self.stack.last_mut() {
            Some(Screen::MarchMember(screen)) => {
                if let Some(first) = others.first() {
                    screen.open_step_file(first);
                }
                others.into_iter().skip(1).collect()
            }
            _ => others,
        };
        for other in others {
            self.shared.notify(
                NoticeKind::Warning,
                format!("{} 不是题库文件（.ron），已忽略", other.display()),
            );
        }
        self.shared.open_bank_files(&banks);
    }

    /// Draws one frame. Called by eframe, and directly by tests.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.apply_look(&ctx);
        self.guard_close(&ctx);
        let editing = matches!(self.stack.last(), Some(Screen::BankEditor(_)));
        for command in Command::pressed(&ctx, editing) {
            self.run_command(&ctx, command);
        }
        self.take_dropped_files(&ctx);
        self.shared.sync_study();

        let at_home = self.stack.len() <= 1;
        let mut action = None;
        egui::Panel::top("top_bar").show(ui, |ui| {
            action = widgets::top_bar(ui, &mut self.shared, at_home);
        });
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            if let Some(a) = widgets::status_bar(ui, &self.shared) {
                action = Some(a);
            }
        });
        egui::CentralPanel::default().show(ui, |ui| {
            widgets::notices(ui, &mut self.shared.notices);
            let screen = self.stack.last_mut();
            if let Some(screen) = screen
                && let Some(a) = screen.ui(ui, &mut self.shared)
            {
                action = Some(a);
            }
        });
        let drop_text = match self.stack.last() {
            Some(Screen::MarchMember(_)) => "松开鼠标，导入步数文件（.zip、.xml、.csv）",
            Some(Screen::BankAdmin(_) | Screen::BankEditor(_) | Screen::BankImport(_)) => {
                "松开鼠标：表格（.xlsx .xls .ods .csv）或文本（.txt）导入题目，.ron 打开题库"
            }
            _ => "松开鼠标，加载题库文件（.ron）",
        };
        widgets::drop_overlay(&ctx, drop_text);

        if let Some(action) = action {
            self.navigate(action);
        }
        let requested = std::mem::take(&mut self.shared.requested);
        for command in requested {
            self.run_command(&ctx, command);
        }
        self.apply_look(&ctx);
        self.persist_settings();
        if let Some(started) = self.first_frame_log.take() {
            eprintln!(
                "dangshi: first frame laid out {} ms after start",
                started.elapsed().as_millis()
            );
        }
    }
}

impl eframe::App for DangshiApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }
}

fn is_bank_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}
