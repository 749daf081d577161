//! Where user data lives.

use std::path::{Path, PathBuf};

/// Environment variable that overrides the data folder (portable installs, tests).
pub const DATA_DIR_ENV: &str = "DANGSHI_DATA_DIR";

/// The folder holding settings, profiles and user banks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// A data folder at `root`.
    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// `$DANGSHI_DATA_DIR` if set, else the OS data folder
    /// (Linux `~/.local/share/dangshi`, Windows `%APPDATA%\dangshi\dangshi\data`,
    /// macOS `~/Library/Application Support/cn.dangshi.dangshi`), else `./dangshi-data`.
    pub fn from_env() -> DataDir {
        if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
            return DataDir::at(dir);
        }
        match directories::ProjectDirs::from("cn", "dangshi", "dangshi") {
            Some(dirs) => DataDir::at(dirs.data_dir()),
            None => DataDir::at("dangshi-data"),
        }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `settings.ron`: scale, theme, profiles.
    pub fn settings_file(&self) -> PathBuf {
        self.root.join("settings.ron")
    }

    /// `window/`: the window's size and place, kept by eframe.
    pub fn window_state_dir(&self) -> PathBuf {
        self.root.join("window")
    }

    /// `profiles/ID/`: one profile's own data.
    pub fn profile_dir(&self, profile_id: u32) -> PathBuf {
        self.root.join("profiles").join(profile_id.to_string())
    }

    /// `profiles/ID/study.ron`: one profile's study record.
    pub fn study_file(&self, profile_id: u32) -> PathBuf {
        self.profile_dir(profile_id).join("study.ron")
    }

    /// `arena.ron`: the 擂台赛 in progress, saved after every judgement.
    pub fn arena_file(&self) -> PathBuf {
        self.root.join("arena.ron")
    }

    /// `contest/current.log`: the 知识竞赛 being played, one event per line.
    pub fn contest_log(&self) -> PathBuf {
        self.root.join("contest").join("current.log")
    }

    /// `contest/plans/`: saved contest set-ups (templates).
    pub fn contest_plans_dir(&self) -> PathBuf {
        self.root.join("contest").join("plans")
    }

    /// `march.ron`: the 再走长征路 events, saved after every change.
    pub fn march_file(&self) -> PathBuf {
        self.root.join("march.ron")
    }

    /// `banks/`: the user's own banks, loaded at start.
    pub fn banks_dir(&self) -> PathBuf {
        self.root.join("banks")
    }
}
