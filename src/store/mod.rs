//! User data on disk: where it lives, atomic writes with a backup, the app's settings, each
//! profile's study record and the 再走长征路 events.

pub mod atomic;
pub mod march;
pub mod paths;
pub mod settings;
pub mod study;

pub use atomic::{StoreError, load_ron_with_backup, save_ron_atomic, write_atomic};
pub use paths::DataDir;
pub use settings::{Profile, ProfileError, Settings, ThemeChoice};
