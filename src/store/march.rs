//! The 再走长征路 events on this PC (`march.ron`, saved atomically after every change), and one
//! event as a file of its own, to move it to another PC.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::atomic::{Loaded, StoreError, load_ron_with_backup, save_ron_atomic};
use super::paths::DataDir;
use crate::march::event::{MarchEvent, fresh_id};

/// Version of the event file format.
pub const EVENT_FILE_FORMAT: u32 = 1;

/// Every event, and which one is active.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MarchData {
    /// The events, oldest first.
    pub events: Vec<MarchEvent>,
    /// The id of the event the screens show.
    pub active: Option<u32>,
}

impl MarchData {
    /// Reads `march.ron` from the data folder: no file yet is empty data; a damaged or missing
    /// file falls back to its `.bak`, returned with the error to show. `Err` when neither can be
    /// read (then do not save over the file before the user has been told).
    pub fn load(dir: &DataDir) -> Result<(MarchData, Option<StoreError>), StoreError> {
        match load_ron_with_backup::<MarchData>(&dir.march_file())? {
            Loaded::Missing => Ok((MarchData::default(), None)),
            Loaded::Current(data) => Ok((data, None)),
            Loaded::FromBackup(data, error) => Ok((data, Some(error))),
        }
    }

    /// Writes `march.ron` atomically, keeping the previous version as `.bak`.
    pub fn save(&self, dir: &DataDir) -> Result<(), StoreError> {
        save_ron_atomic(&dir.march_file(), self)
    }

    /// An event by id.
    pub fn event(&self, id: u32) -> Option<&MarchEvent> {
        self.events.iter().find(|e| e.id == id)
    }

    /// An event by id, to change it.
    pub fn event_mut(&mut self, id: u32) -> Option<&mut MarchEvent> {
        self.events.iter_mut().find(|e| e.id == id)
    }

    /// Deletes an event (no longer active if it was); returns whether it was there.
    pub fn remove(&mut self, id: u32) -> bool {
        let before = self.events.len();
        self.events.retain(|e| e.id != id);
        if self.active == Some(id) {
            self.active = None;
        }
        self.events.len() != before
    }

    /// The active event.
    pub fn active_event(&self) -> Option<&MarchEvent> {
        self.event(self.active?)
    }

    /// The active event, to change it.
    pub fn active_event_mut(&mut self) -> Option<&mut MarchEvent> {
        self.event_mut(self.active?)
    }

    /// An id no event has.
    pub fn fresh_id(&self) -> u32 {
        fresh_id(self.events.iter().map(|e| e.id))
    }

    /// Adds an event (with a fresh id if its id is taken) and makes it active; returns its id.
    pub fn add(&mut self, mut event: MarchEvent) -> u32 {
        if self.events.iter().any(|e| e.id == event.id) {
            event.id = self.fresh_id();
        }
        let id = event.id;
        self.events.push(event);
        self.active = Some(id);
        id
    }
}

/// One event as a file of its own.
#[derive(Debug, Serialize, Deserialize)]
struct EventFile {
    format: u32,
    event: MarchEvent,
}

/// Writes one event to `path` (atomically) for another PC.
pub fn export_event(event: &MarchEvent, path: &Path) -> Result<(), StoreError> {
    let file = EventFile {
        format: EVENT_FILE_FORMAT,
        event: event.clone(),
    };
    save_ron_atomic(path, &file)
}

/// Reads an event written by [`export_event`] and checks it ([`MarchEvent::check`]); add it with
/// [`MarchData::add`], which gives it a fresh id if its id is taken.
pub fn import_event(path: &Path) -> Result<MarchEvent, StoreError> {
    let text = std::fs::read_to_string(path).map_err(|source| StoreError::Io {
        path: path.to_owned(),
        source,
    })?;
    let corrupt = |message: String| StoreError::Corrupt {
        path: path.to_owned(),
        message,
    };
    let file: EventFile = ron::from_str(&text).map_err(|e| corrupt(e.to_string()))?;
    if file.format > EVENT_FILE_FORMAT {
        return Err(corrupt(format!(
            "这是较新版本（格式 {}）导出的活动，请先升级本软件",
            file.format
        )));
    }
    file.event.check().map_err(|e| corrupt(e.to_string()))?;
    Ok(file.event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::march::event::StepSource;
    use crate::store::atomic::Loaded;
    use crate::store::{DataDir, load_ron_with_backup};

    fn event(id: u32) -> MarchEvent {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).expect("date");
        let mut event = MarchEvent::new(id, "再走长征路", start).expect("event");
        let team = event.add_team("第一支部").expect("team");
        let member = event.add_member("张三", team, None).expect("member");
        event
            .set_steps(member, start, 12_345, StepSource::Manual, start)
            .expect("steps");
        event
    }

    #[test]
    fn data_round_trips_through_the_atomic_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = DataDir::at(dir.path()).march_file();
        assert!(matches!(
            load_ron_with_backup::<MarchData>(&path),
            Ok(Loaded::Missing)
        ));
        let mut data = MarchData::default();
        data.add(event(1));
        save_ron_atomic(&path, &data).expect("save");
        let Ok(Loaded::Current(loaded)) = load_ron_with_backup::<MarchData>(&path) else {
            panic!("the file loads");
        };
        assert_eq!(loaded, data);
        assert_eq!(loaded.active_event().map(|e| e.name.as_str()), Some("再走长征路"));
    }

    #[test]
    fn load_and_save_use_the_data_folder_and_survive_a_damaged_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data_dir = DataDir::at(dir.path());
        let (empty, problem) = MarchData::load(&data_dir).expect("no file yet");
        assert_eq!(empty, MarchData::default());
        assert!(problem.is_none());
        let mut data = MarchData::default();
        data.add(event(1));
        data.save(&data_dir).expect("save");
        data.add(event(1));
        data.save(&data_dir).expect("save again");
        std::fs::write(data_dir.march_file(), "(events: [").expect("damage");
        let (recovered, problem) = MarchData::load(&data_dir).expect("the backup");
        assert_eq!(recovered.events.len(), 1, "the version before the last save");
        assert!(matches!(problem, Some(StoreError::Corrupt { .. })));
        std::fs::write(crate::store::atomic::backup_path(&data_dir.march_file()), "((").expect("damage");
        assert!(MarchData::load(&data_dir).is_err());
    }

    #[test]
    fn removing_an_event_clears_the_active_one() {
        let mut data = MarchData::default();
        let first = data.add(event(1));
        let second = data.add(event(1));
        assert_eq!(data.active, Some(second));
        assert!(data.remove(second));
        assert!(!data.remove(second));
        assert_eq!(data.active, None);
        assert_eq!(data.event(first).map(|e| e.id), Some(1));
    }

    #[test]
    fn an_exported_event_comes_back_whole_with_a_fresh_id_if_taken() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("活动.ron");
        export_event(&event(1), &file).expect("export");
        let imported = import_event(&file).expect("import");
        assert_eq!(imported, event(1));
        let mut data = MarchData::default();
        data.add(event(1));
        let id = data.add(imported);
        assert_eq!(id, 2);
        assert_eq!(data.active, Some(2));
        assert_eq!(data.events.len(), 2);
    }

    #[test]
    fn a_bad_or_newer_event_file_is_refused_in_chinese() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("bad.ron");
        std::fs::write(&file, "(format: 1, event: (id: 1))").expect("write");
        assert!(matches!(import_event(&file), Err(StoreError::Corrupt { .. })));
        let mut bad_rules = event(1);
        bad_rules.rules.daily_cap = 0;
        export_event(&bad_rules, &file).expect("export");
        let Err(err) = import_event(&file) else {
            panic!("refused");
        };
        assert!(err.to_string().contains("每日步数上限"), "{err}");
        let newer = ron::ser::to_string(&EventFile {
            format: EVENT_FILE_FORMAT + 1,
            event: event(1),
        })
        .expect("ron");
        std::fs::write(&file, newer).expect("write");
        let Err(err) = import_event(&file) else {
            panic!("refused");
        };
        assert!(err.to_string().contains("较新版本"), "{err}");
        assert!(matches!(
            import_event(&dir.path().join("missing.ron")),
            Err(StoreError::Io { .. })
        ));
    }
}
