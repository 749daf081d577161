//! App settings and the people who share this PC: scale, theme, profiles.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Smallest UI scale, in percent.
pub const MIN_SCALE_PERCENT: u16 = 100;
/// Largest UI scale, in percent (projectors).
pub const MAX_SCALE_PERCENT: u16 = 300;
/// One zoom step (Ctrl+= / Ctrl+-), in percent.
pub const SCALE_STEP_PERCENT: u16 = 10;
/// Longest profile name, in characters.
pub const MAX_PROFILE_NAME_CHARS: usize = 20;

/// Colour scheme of the app.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// 党建红: red and gold on light paper, the default.
    #[default]
    PartyRed,
    /// 浅色
    Light,
    /// 深色
    Dark,
}

impl ThemeChoice {
    /// Every theme, in menu order.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::PartyRed, ThemeChoice::Light, ThemeChoice::Dark];

    /// Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::PartyRed => "党建红",
            ThemeChoice::Light => "浅色",
            ThemeChoice::Dark => "深色",
        }
    }
}

/// One person using the app on this PC.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Stable number; the profile's own data is filed under it.
    pub id: u32,
    /// Name shown in the picker.
    pub name: String,
}

/// Why a profile change was refused.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ProfileError {
    /// Empty or blank name.
    #[error("姓名不能为空")]
    EmptyName,
    /// Name longer than [`MAX_PROFILE_NAME_CHARS`].
    #[error("姓名最多 {MAX_PROFILE_NAME_CHARS} 个字")]
    NameTooLong,
    /// Another profile has that name.
    #[error("已有名为“{0}”的用户")]
    DuplicateName(String),
    /// No profile with that id.
    #[error("找不到该用户")]
    NotFound,
}

/// Everything the app remembers between runs, apart from per-profile study data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// UI scale in percent, [`MIN_SCALE_PERCENT`]–[`MAX_SCALE_PERCENT`].
    pub ui_scale_percent: u16,
    /// Colour scheme.
    pub theme: ThemeChoice,
    /// The people who use this PC.
    pub profiles: Vec<Profile>,
    /// Who is studying now.
    pub current_profile: Option<u32>,
    /// Whether the 知识竞赛 plays sound cues.
    pub sound: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ui_scale_percent: MIN_SCALE_PERCENT,
            theme: ThemeChoice::default(),
            profiles: Vec::new(),
            current_profile: None,
            sound: true,
        }
    }
}

impl Settings {
    /// Sets the scale, clamped to the allowed range.
    pub fn set_scale(&mut self, percent: u16) {
        self.ui_scale_percent = percent.clamp(MIN_SCALE_PERCENT, MAX_SCALE_PERCENT);
    }

    /// One step larger (Ctrl+=).
    pub fn zoom_in(&mut self) {
        self.set_scale(self.ui_scale_percent.saturating_add(SCALE_STEP_PERCENT));
    }

    /// One step smaller (Ctrl+-).
    pub fn zoom_out(&mut self) {
        self.set_scale(self.ui_scale_percent.saturating_sub(SCALE_STEP_PERCENT));
    }

    /// The scale as a factor (1.0 = 100 %).
    pub fn scale_factor(&self) -> f32 {
        f32::from(self.ui_scale_percent.clamp(MIN_SCALE_PERCENT, MAX_SCALE_PERCENT)) / 100.0
    }

    /// The profile in use, if any.
    pub fn current(&self) -> Option<&Profile> {
        let id = self.current_profile?;
        self.profiles.iter().find(|p| p.id == id)
    }

    fn checked_name(&self, name: &str, except: Option<u32>) -> Result<String, ProfileError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(ProfileError::EmptyName);
        }
        if name.chars().count() > MAX_PROFILE_NAME_CHARS {
            return Err(ProfileError::NameTooLong);
        }
        if self
            .profiles
            .iter()
            .any(|p| p.name == name && Some(p.id) != except)
        {
            return Err(ProfileError::DuplicateName(name.to_owned()));
        }
        Ok(name.to_owned())
    }

    /// Adds a profile and makes it current; returns its id.
    pub fn add_profile(&mut self, name: &str) -> Result<u32, ProfileError> {
        let name = self.checked_name(name, None)?;
        let id = self.profiles.iter().map(|p| p.id).max().map_or(1, |max| max + 1);
        self.profiles.push(Profile { id, name });
        self.current_profile = Some(id);
        Ok(id)
    }

    /// Renames a profile.
    pub fn rename_profile(&mut self, id: u32, name: &str) -> Result<(), ProfileError> {
        let name = self.checked_name(name, Some(id))?;
        let profile = self
            .profiles
            .iter_mut()
            .find(|p| p.id == id)
            .ok_or(ProfileError::NotFound)?;
        profile.name = name;
        Ok(())
    }

    /// Removes a profile; if it was current, nobody is current.
    pub fn remove_profile(&mut self, id: u32) -> Result<(), ProfileError> {
        let before = self.profiles.len();
        self.profiles.retain(|p| p.id != id);
        if self.profiles.len() == before {
            return Err(ProfileError::NotFound);
        }
        if self.current_profile == Some(id) {
            self.current_profile = None;
        }
        Ok(())
    }

    /// Makes a profile current.
    pub fn select_profile(&mut self, id: u32) -> Result<(), ProfileError> {
        if !self.profiles.iter().any(|p| p.id == id) {
            return Err(ProfileError::NotFound);
        }
        self.current_profile = Some(id);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_steps_and_clamps() {
        let mut settings = Settings::default();
        settings.zoom_out();
        assert_eq!(settings.ui_scale_percent, 100);
        settings.zoom_in();
        assert_eq!(settings.ui_scale_percent, 110);
        settings.set_scale(1000);
        assert_eq!(settings.ui_scale_percent, 300);
        settings.zoom_in();
        assert_eq!(settings.ui_scale_percent, 300);
        assert!((settings.scale_factor() - 3.0).abs() < f32::EPSILON);
        settings.set_scale(0);
        assert_eq!(settings.ui_scale_percent, 100);
    }

    #[test]
    fn profiles_have_unique_trimmed_names() {
        let mut settings = Settings::default();
        let zhang = settings.add_profile(" 张三 ").expect("add");
        assert_eq!(settings.current().map(|p| p.name.as_str()), Some("张三"));
        assert_eq!(
            settings.add_profile("张三"),
            Err(ProfileError::DuplicateName("张三".into()))
        );
        assert_eq!(settings.add_profile("  "), Err(ProfileError::EmptyName));
        assert_eq!(
            settings.add_profile(&"党".repeat(21)),
            Err(ProfileError::NameTooLong)
        );
        let li = settings.add_profile("李四").expect("add");
        assert_ne!(zhang, li);
        assert_eq!(
            settings.rename_profile(li, "张三"),
            Err(ProfileError::DuplicateName("张三".into()))
        );
        settings
            .rename_profile(zhang, "张三")
            .expect("renaming to itself is fine");
        settings.select_profile(zhang).expect("select");
        settings.remove_profile(zhang).expect("remove");
        assert_eq!(settings.current_profile, None);
        assert_eq!(settings.select_profile(zhang), Err(ProfileError::NotFound));
        assert_eq!(settings.add_profile("王五"), Ok(li + 1));
    }

    #[test]
    fn old_or_partial_settings_files_fill_in_defaults() {
        let settings: Settings = ron::from_str("(ui_scale_percent: 150)").expect("parse");
        assert_eq!(settings.ui_scale_percent, 150);
        assert_eq!(settings.theme, ThemeChoice::PartyRed);
    }
}
