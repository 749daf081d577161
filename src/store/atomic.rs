//! Crash-safe files: write a temp file, fsync, keep the previous version as `.bak`, rename.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde::de::DeserializeOwned;
use thiserror::Error;

/// Why user data could not be read or written.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Reading or writing failed.
    #[error("无法读写文件 {path}：{source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
    /// The file exists but is not valid.
    #[error("文件 {path} 已损坏：{message}")]
    Corrupt {
        /// The file concerned.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// The value could not be turned into text.
    #[error("无法保存到 {path}：{message}")]
    Serialize {
        /// The file concerned.
        path: PathBuf,
        /// What the serializer said.
        message: String,
    },
}

/// `settings.ron` → `settings.ron.EXT`.
fn sibling(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(extension);
    path.with_file_name(name)
}

/// The backup kept beside `path`: the version before the last write.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, "bak")
}

/// Writes `bytes` to `path` so that a crash at any moment leaves either the old or the new file
/// whole: temp file, fsync, previous version copied to `.bak`, rename, fsync of the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let io_error = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        fs::create_dir_all(parent).map_err(io_error)?;
    }
    let temp = sibling(path, "tmp");
    {
        let mut file = File::create(&temp).map_err(io_error)?;
        file.write_all(bytes).map_err(io_error)?;
        file.sync_all().map_err(io_error)?;
    }
    if path.exists() {
        fs::copy(path, backup_path(path)).map_err(io_error)?;
    }
    fs::rename(&temp, path).map_err(io_error)?;
    #[cfg(unix)]
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        File::open(parent)
            .and_then(|dir| dir.sync_all())
            .map_err(io_error)?;
    }
    Ok(())
}

/// Serializes `value` as pretty RON and writes it atomically.
pub fn save_ron_atomic<T: Serialize>(path: &Path, value: &T) -> Result<(), StoreError> {
    let text = ron::ser::to_string_pretty(value, ron::ser::PrettyConfig::default()).map_err(|err| {
        StoreError::Serialize {
            path: path.to_path_buf(),
            message: err.to_string(),
        }
    })?;
    write_atomic(path, text.as_bytes())
}

/// What [`load_ron_with_backup`] found.
#[derive(Debug)]
pub enum Loaded<T> {
    /// No file yet: first start.
    Missing,
    /// The file was read.
    Current(T),
    /// The file was damaged or missing and its `.bak` was used; the error says what was wrong.
    FromBackup(T, StoreError),
}

/// Reads RON from `path`, falling back to its `.bak` when the file is missing or damaged.
/// Returns the error of the main file when neither can be read.
pub fn load_ron_with_backup<T: DeserializeOwned>(path: &Path) -> Result<Loaded<T>, StoreError> {
    let main = read_ron(path);
    match main {
        Ok(Some(value)) => Ok(Loaded::Current(value)),
        Ok(None) => match read_ron(&backup_path(path)) {
            Ok(Some(value)) => Ok(Loaded::FromBackup(
                value,
                StoreError::Io {
                    path: path.to_path_buf(),
                    source: io::Error::from(io::ErrorKind::NotFound),
                },
            )),
            _ => Ok(Loaded::Missing),
        },
        Err(err) => match read_ron(&backup_path(path)) {
            Ok(Some(value)) => Ok(Loaded::FromBackup(value, err)),
            _ => Err(err),
        },
    }
}

fn read_ron<T: DeserializeOwned>(path: &Path) -> Result<Option<T>, StoreError> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    ron::from_str(&text).map(Some).map_err(|err| StoreError::Corrupt {
        path: path.to_path_buf(),
        message: err.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_keeps_the_previous_version_as_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("data.ron");
        write_atomic(&path, b"1").expect("first write");
        assert!(!backup_path(&path).exists());
        write_atomic(&path, b"2").expect("second write");
        assert_eq!(fs::read(&path).expect("read"), b"2");
        assert_eq!(fs::read(backup_path(&path)).expect("read backup"), b"1");
        assert!(!sibling(&path, "tmp").exists());
    }

    #[test]
    fn damaged_file_falls_back_to_backup() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("n.ron");
        save_ron_atomic(&path, &41u32).expect("save");
        save_ron_atomic(&path, &42u32).expect("save");
        fs::write(&path, "(((").expect("damage");
        match load_ron_with_backup::<u32>(&path) {
            Ok(Loaded::FromBackup(41, StoreError::Corrupt { .. })) => {}
            other => panic!("expected backup, got {other:?}"),
        }
    }

    #[test]
    fn missing_file_with_backup_uses_backup_and_none_is_missing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("n.ron");
        assert!(matches!(load_ron_with_backup::<u32>(&path), Ok(Loaded::Missing)));
        fs::write(backup_path(&path), "7").expect("write backup");
        assert!(matches!(
            load_ron_with_backup::<u32>(&path),
            Ok(Loaded::FromBackup(7, _))
        ));
    }

    #[test]
    fn damaged_file_without_backup_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("n.ron");
        fs::write(&path, "not ron").expect("write");
        assert!(matches!(
            load_ron_with_backup::<u32>(&path),
            Err(StoreError::Corrupt { .. })
        ));
    }
}
