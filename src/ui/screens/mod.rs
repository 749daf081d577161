//! One file per screen. Each screen draws itself from [`Shared`] state and answers with the
//! navigation it wants.

pub mod arena;
pub mod bank_admin;
pub mod bank_editor;
pub mod bank_import;
pub mod banks;
pub mod challenge;
pub mod challenge_hub;
pub mod contest_console;
pub mod contest_setup;
pub mod exam;
pub mod home;
pub mod march;
pub mod march_board;
pub mod march_bulk;
pub mod march_member;
pub mod practice;
pub mod practice_hub;
pub mod profiles;
pub mod settings;
pub mod stats;

pub use arena::ArenaScreen;
pub use bank_admin::BankAdminScreen;
pub use bank_editor::{BankEditorScreen, Leave};
pub use bank_import::BankImportScreen;
pub use banks::BanksScreen;
pub use challenge::ChallengeScreen;
pub use challenge_hub::ChallengeHubScreen;
pub use contest_console::ContestConsoleScreen;
pub use contest_setup::ContestSetupScreen;
pub use exam::ExamScreen;
pub use home::{Feature, HomeScreen};
pub use march::MarchScreen;
pub use march_board::MarchBoardScreen;
pub use march_bulk::MarchBulkScreen;
pub use march_member::MarchMemberScreen;
pub use practice::PracticeScreen;
pub use practice_hub::PracticeHubScreen;
pub use profiles::ProfilesScreen;
pub use settings::SettingsScreen;
pub use stats::StatsScreen;

use super::app::Shared;

/// Every screen of the app, with its own state.
pub enum Screen {
    /// The five entries, banks and profile.
    Home,
    /// Scale, theme, fullscreen, shortcuts.
    Settings(SettingsScreen),
    /// Who uses this PC.
    Profiles(ProfilesScreen),
    /// Loaded banks and their diagnostics.
    Banks(BanksScreen),
    /// 学习练习: modes, categories, range and settings.
    PracticeHub(PracticeHubScreen),
    /// Answering in a practice mode.
    Practice(PracticeScreen),
    /// 模拟考试 and its review.
    Exam(ExamScreen),
    /// 学习统计.
    Stats(StatsScreen),
    /// 挑战答题: solo and arena set-up.
    ChallengeHub(ChallengeHubScreen),
    /// A solo challenge run.
    Challenge(ChallengeScreen),
    /// 擂台赛 on the big screen.
    Arena(ArenaScreen),
    /// 知识竞赛 set-up.
    ContestSetup(Box<ContestSetupScreen>),
    /// 知识竞赛 host console (and audience window).
    ContestConsole(ContestConsoleScreen),
    /// 再走长征路: events, teams and members.
    March(MarchScreen),
    /// A member's 再走长征路 page.
    MarchMember(Box<MarchMemberScreen>),
    /// One day's steps for a whole team.
    MarchBulk(MarchBulkScreen),
    /// The team map and rankings, for the projector.
    MarchBoard(Box<MarchBoardScreen>),
    /// 题库管理: banks, imports, exports.
    BankAdmin(BankAdminScreen),
    /// Editing one bank.
    BankEditor(Box<BankEditorScreen>),
    /// Importing a file or pasted text into a new bank.
    BankImport(Box<BankImportScreen>),
}

/// Where a screen wants to go next.
pub enum ScreenAction {
    /// Put a screen on top.
    Open(Box<Screen>),
    /// Back to the previous screen.
    Back,
    /// Back to the home screen.
    Home,
    /// Put a screen in place of this one.
    Replace(Box<Screen>),
}

impl ScreenAction {
    /// Put `screen` on top.
    pub fn open(screen: Screen) -> ScreenAction {
        ScreenAction::Open(Box::new(screen))
    }
}

impl Screen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        match self {
            Screen::Home => HomeScreen.ui(ui, shared),
            Screen::Settings(screen) => screen.ui(ui, shared),
            Screen::Profiles(screen) => screen.ui(ui, shared),
            Screen::Banks(screen) => screen.ui(ui, shared),
            Screen::PracticeHub(screen) => screen.ui(ui, shared),
            Screen::Practice(screen) => screen.ui(ui, shared),
            Screen::Exam(screen) => screen.ui(ui, shared),
            Screen::Stats(screen) => screen.ui(ui, shared),
            Screen::ChallengeHub(screen) => screen.ui(ui, shared),
            Screen::Challenge(screen) => screen.ui(ui, shared),
            Screen::Arena(screen) => screen.ui(ui, shared),
            Screen::ContestSetup(screen) => screen.ui(ui, shared),
            Screen::ContestConsole(screen) => screen.ui(ui, shared),
            Screen::March(screen) => screen.ui(ui, shared),
            Screen::MarchMember(screen) => screen.ui(ui, shared),
            Screen::MarchBulk(screen) => screen.ui(ui, shared),
            Screen::MarchBoard(screen) => screen.ui(ui, shared),
            Screen::BankAdmin(screen) => screen.ui(ui, shared),
            Screen::BankEditor(screen) => screen.ui(ui, shared),
            Screen::BankImport(screen) => screen.ui(ui, shared),
        }
    }
}
