//! A profile's study record on disk: loaded with fallback to its backup, saved atomically after
//! every answer.

use std::fs;
use std::path::{Path, PathBuf};

use super::atomic::{Loaded, StoreError, load_ron_with_backup, save_ron_atomic};
use crate::practice::StudyRecord;

/// What loading a study record found, besides the record itself.
#[derive(Debug)]
pub enum StudyLoad {
    /// Read normally, or first use.
    Fine,
    /// The file was damaged or missing; its backup was used (the last answer may be missing).
    Recovered(StoreError),
    /// Neither the file nor its backup could be read; the damaged file was kept aside and a
    /// new record started.
    Reset {
        /// What was wrong.
        error: StoreError,
        /// Where the damaged file now is, if it could be moved.
        kept_at: Option<PathBuf>,
    },
}

impl StudyLoad {
    /// A message for the user, in Chinese, or `None` when all is well.
    pub fn message(&self) -> Option<String> {
        match self {
            StudyLoad::Fine => None,
            StudyLoad::Recovered(error) => Some(format!(
                "学习记录文件损坏或缺失（{error}），已从备份恢复，最后一次答题可能没有保存"
            )),
            StudyLoad::Reset { error, kept_at } => Some(match kept_at {
                Some(kept) => format!(
                    "学习记录无法读取（{error}），备份也不可用。已另存损坏的文件到 {}，并重新开始记录",
                    kept.display()
                ),
                None => format!("学习记录无法读取（{error}），备份也不可用，已重新开始记录"),
            }),
        }
    }
}

/// Loads the study record at `path`: the file, else its backup, else a new record with the
/// damaged file moved aside so a later save does not overwrite it.
pub fn load_study(path: &Path) -> (StudyRecord, StudyLoad) {
    match load_ron_with_backup::<StudyRecord>(path) {
        Ok(Loaded::Current(record)) => (record, StudyLoad::Fine),
        Ok(Loaded::Missing) => (StudyRecord::default(), StudyLoad::Fine),
        Ok(Loaded::FromBackup(record, error)) => (record, StudyLoad::Recovered(error)),
        Err(error) => {
            let kept_at = keep_damaged(path);
            (StudyRecord::default(), StudyLoad::Reset { error, kept_at })
        }
    }
}

/// Saves the study record atomically, keeping the previous version as `.bak`.
pub fn save_study(path: &Path, record: &StudyRecord) -> Result<(), StoreError> {
    save_ron_atomic(path, record)
}

/// Moves a damaged file to `NAME.damaged-N` and returns where it went.
fn keep_damaged(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().into_owned();
    let target = (1..1000)
        .map(|n| path.with_file_name(format!("{name}.damaged-{n}")))
        .find(|candidate| !candidate.exists())?;
    fs::rename(path, &target).ok()?;
    Some(target)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::atomic::backup_path;

    #[test]
    fn a_truncated_file_falls_back_to_the_backup_and_says_so() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("study.ron");
        let mut record = StudyRecord {
            answers: 1,
            ..StudyRecord::default()
        };
        save_study(&path, &record).expect("save");
        record.answers = 2;
        save_study(&path, &record).expect("save");
        let text = fs::read_to_string(&path).expect("read");
        fs::write(&path, &text[..text.len() / 2]).expect("truncate");
        let (loaded, outcome) = load_study(&path);
        assert_eq!(loaded.answers, 1);
        assert!(matches!(outcome, StudyLoad::Recovered(_)));
        assert!(outcome.message().is_some_and(|m| m.contains("已从备份恢复")));
    }

    #[test]
    fn damaged_file_and_backup_start_afresh_and_keep_the_damaged_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("study.ron");
        fs::write(&path, "(answers: ").expect("write");
        fs::write(backup_path(&path), "garbage").expect("write");
        let (loaded, outcome) = load_study(&path);
        assert_eq!(loaded, StudyRecord::default());
        let StudyLoad::Reset {
            kept_at: Some(kept), ..
        } = &outcome
        else {
            panic!("expected a reset, got {outcome:?}");
        };
        assert_eq!(fs::read_to_string(kept).expect("kept"), "(answers: ");
        assert!(!path.exists());
        let (_, first_use) = load_study(&dir.path().join("none.ron"));
        assert!(first_use.message().is_none());
    }
}
