//! One file per screen. Each screen draws itself from [`Shared`] state and answers with the
//! navigation it wants.

pub mod banks;
pub mod home;
pub mod pending;
pub mod profiles;
pub mod settings;

pub use banks::BanksScreen;
pub use home::{Feature, HomeScreen};
pub use pending::PendingScreen;
pub use profiles::ProfilesScreen;
pub use settings::SettingsScreen;

use super::app::Shared;

/// Every screen of the app, with its own state.
pub enum Screen {
    /// The five entries, banks and profile.
    Home,
    /// An entry whose screens are not built yet.
    Pending(PendingScreen),
    /// Scale, theme, fullscreen, shortcuts.
    Settings(SettingsScreen),
    /// Who uses this PC.
    Profiles(ProfilesScreen),
    /// Loaded banks and their diagnostics.
    Banks(BanksScreen),
}

/// Where a screen wants to go next.
pub enum ScreenAction {
    /// Put a screen on top.
    Open(Screen),
    /// Back to the previous screen.
    Back,
    /// Back to the home screen.
    Home,
}

impl Screen {
    /// Draws the screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, shared: &mut Shared) -> Option<ScreenAction> {
        match self {
            Screen::Home => HomeScreen.ui(ui, shared),
            Screen::Pending(screen) => screen.ui(ui, shared),
            Screen::Settings(screen) => screen.ui(ui, shared),
            Screen::Profiles(screen) => screen.ui(ui, shared),
            Screen::Banks(screen) => screen.ui(ui, shared),
        }
    }
}
