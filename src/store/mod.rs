//! User data on disk: where it lives, atomic writes with a backup, and the app's settings.

pub mod atomic;
pub mod paths;
pub mod settings;

pub use atomic::{StoreError, load_ron_with_backup, save_ron_atomic, write_atomic};
pub use paths::DataDir;
pub use settings::{Profile, ProfileError, Settings, ThemeChoice};
