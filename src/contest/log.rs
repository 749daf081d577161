//! The contest's log on disk: the plan on the first line, then one event per line, each appended
//! and flushed to the disk before it counts. Reopening replays the log to the exact state.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::plan::ContestPlan;
use super::state::{Contest, Event, Logged, Refused, cancelled};
use crate::practice::Moment;

/// Why the log could not be used.
#[derive(Debug, Error)]
pub enum LogError {
    /// Reading or writing failed.
    #[error("无法读写比赛记录 {path}：{source}")]
    Io {
        /// The log file.
        path: PathBuf,
        /// The system's error.
        source: io::Error,
    },
    /// The first line (the plan) cannot be read.
    #[error("比赛记录 {path} 的第一行（比赛设置）已损坏：{message}")]
    Corrupt {
        /// The log file.
        path: PathBuf,
        /// What the parser said.
        message: String,
    },
    /// The event does not fit the contest now.
    #[error("{0}")]
    Refused(#[from] Refused),
}

/// An open contest log and the state it gives.
pub struct ContestLog {
    path: PathBuf,
    file: File,
    events: Vec<Logged>,
    contest: Contest,
    skipped_lines: usize,
}

impl ContestLog {
    /// Starts a new log at `path` (replacing any old one) with `plan` on its first line.
    pub fn create(path: &Path, plan: ContestPlan) -> Result<ContestLog, LogError> {
        let io_error = |source| LogError::Io {
            path: path.to_path_buf(),
            source,
        };
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(io_error)?;
        }
        let header = ron::to_string(&plan).map_err(|err| LogError::Corrupt {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        let mut file = File::create(path).map_err(io_error)?;
        writeln!(file, "{header}").map_err(io_error)?;
        file.sync_all().map_err(io_error)?;
        Ok(ContestLog {
            path: path.to_path_buf(),
            file,
            events: Vec::new(),
            contest: Contest::new(plan),
            skipped_lines: 0,
        })
    }

    /// Opens an existing log and replays it. A last line cut short by a crash is ignored (it was
    /// never acknowledged); other unreadable lines are skipped and counted.
    pub fn open(path: &Path) -> Result<ContestLog, LogError> {
        let io_error = |source| LogError::Io {
            path: path.to_path_buf(),
            source,
        };
        let text = fs::read_to_string(path).map_err(io_error)?;
        let mut lines = text.lines();
        let header = lines.next().unwrap_or_default();
        let plan: ContestPlan = ron::from_str(header).map_err(|err| LogError::Corrupt {
            path: path.to_path_buf(),
            message: err.to_string(),
        })?;
        let mut events = Vec::new();
        let mut skipped_lines = 0;
        let complete = text.ends_with('\n');
        let lines: Vec<&str> = lines.collect();
        for (index, line) in lines.iter().enumerate() {
            match ron::from_str::<Logged>(line) {
                Ok(logged) => events.push(logged),
                Err(_) if index + 1 == lines.len() && !complete => {}
                Err(_) => skipped_lines += 1,
            }
        }
        let contest = Contest::replay(plan, &events);
        let file = OpenOptions::new().append(true).open(path).map_err(io_error)?;
        if !complete {
            // Start the next event on a fresh line after the cut-off one.
            let mut log = ContestLog {
                path: path.to_path_buf(),
                file,
                events,
                contest,
                skipped_lines,
            };
            log.file.write_all(b"\n").map_err(io_error)?;
            return Ok(log);
        }
        Ok(ContestLog {
            path: path.to_path_buf(),
            file,
            events,
            contest,
            skipped_lines,
        })
    }

    /// The contest as the log gives it.
    pub fn contest(&self) -> &Contest {
        &self.contest
    }

    /// Every event so far.
    pub fn events(&self) -> &[Logged] {
        &self.events
    }

    /// Damaged lines skipped when the log was opened.
    pub fn skipped_lines(&self) -> usize {
        self.skipped_lines
    }

    /// The log file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Applies `event` at `at` and, if it fits, appends it to the file and syncs it to the disk
    /// before returning. An [`Event::Undo`] replays the whole log.
    pub fn record(&mut self, event: Event, at: Moment) -> Result<(), LogError> {
        let seq = self.events.last().map_or(1, |l| l.seq + 1);
        let logged = Logged { seq, at, event };
        let next_state = match &logged.event {
            Event::Undo { seq: target } => {
                let known = self
                    .events
                    .iter()
                    .any(|l| l.seq == *target && !matches!(l.event, Event::Undo { .. }));
                if !known {
                    return Err(Refused::NoSuchEvent.into());
                }
                let mut with_undo = self.events.clone();
                with_undo.push(logged.clone());
                Contest::replay(self.contest.plan.clone(), &with_undo)
            }
            event => {
                let mut next = self.contest.clone();
                next.apply(event, at)?;
                next
            }
        };
        let line = ron::to_string(&logged).map_err(|err| LogError::Corrupt {
            path: self.path.clone(),
            message: err.to_string(),
        })?;
        let io_error = |source| LogError::Io {
            path: self.path.clone(),
            source,
        };
        writeln!(self.file, "{line}").map_err(io_error)?;
        self.file.sync_data().map_err(io_error)?;
        self.events.push(logged);
        self.contest = next_state;
        Ok(())
    }

    /// The latest event in effect whose undo would change the contest (not an undo itself, not
    /// already taken back, not one skipped because it no longer fitted).
    pub fn last_undoable(&self) -> Option<u64> {
        let cancelled = cancelled(&self.events);
        let at = self.events.last()?.at;
        self.events
            .iter()
            .rev()
            .filter(|l| !matches!(l.event, Event::Undo { .. }) && !cancelled.contains(&l.seq))
            .find(|l| {
                let mut log = self.events.clone();
                log.push(Logged {
                    seq: u64::MAX,
                    at,
                    event: Event::Undo { seq: l.seq },
                });
                Contest::replay(self.contest.plan.clone(), &log) != self.contest
            })
            .map(|l| l.seq)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contest::plan::{ContestPlan, TeamSetup};
    use crate::contest::state::Stage;
    use crate::practice::testing::at;
    use chrono::TimeDelta;

    fn plan() -> ContestPlan {
        let teams = (0..2)
            .map(|i| TeamSetup {
                name: format!("队{i}"),
                colour: [10, 20, 30],
                members: vec!["甲".into()],
                key: None,
            })
            .collect();
        ContestPlan::standard("测试赛", teams)
    }

    #[test]
    fn a_log_dropped_mid_round_reopens_to_the_identical_state() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("contest").join("current.log");
        let t = at(2026, 7, 1, 9);
        let live = {
            let mut log = ContestLog::create(&path, plan()).expect("create");
            let events = [
                Event::Show {
                    question: "q1".into(),
                },
                Event::Judge { correct: true },
                Event::Next,
                Event::Show {
                    question: "q2".into(),
                },
                Event::Adjust {
                    team: 0,
                    delta: -2,
                    reason: "提示".into(),
                },
                Event::Pause,
            ];
            for (i, event) in events.into_iter().enumerate() {
                log.record(event, t + TimeDelta::seconds(i as i64))
                    .expect("record");
            }
            assert!(
                log.record(Event::Open, t)
                    .is_err_and(|e| matches!(e, LogError::Refused(_)))
            );
            log.contest().clone()
        };
        let reopened = ContestLog::open(&path).expect("open");
        assert_eq!(reopened.contest(), &live);
        assert_eq!(reopened.events().len(), 6);
        assert!(matches!(reopened.contest().stage, Stage::Answering { .. }));
        assert_eq!(reopened.skipped_lines(), 0);
    }

    #[test]
    fn a_line_cut_off_by_a_crash_is_ignored_and_the_log_goes_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("current.log");
        let t = at(2026, 7, 1, 9);
        {
            let mut log = ContestLog::create(&path, plan()).expect("create");
            log.record(
                Event::Show {
                    question: "q1".into(),
                },
                t,
            )
            .expect("record");
        }
        let mut text = fs::read_to_string(&path).expect("read");
        text.push_str("(seq: 2, at: \"2026-07-01T09:00:05+08:00\", event: Jud");
        fs::write(&path, text).expect("write");
        let mut log = ContestLog::open(&path).expect("open");
        assert_eq!(log.events().len(), 1);
        assert_eq!(log.skipped_lines(), 0);
        log.record(Event::Judge { correct: true }, t).expect("record");
        let again = ContestLog::open(&path).expect("reopen");
        assert_eq!(again.contest(), log.contest());
        assert_eq!(again.contest().scores, vec![110, 100]);
    }

    #[test]
    fn undo_is_logged_and_survives_reopening() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("current.log");
        let t = at(2026, 7, 1, 9);
        let mut log = ContestLog::create(&path, plan()).expect("create");
        log.record(
            Event::Show {
                question: "q1".into(),
            },
            t,
        )
        .expect("show");
        log.record(Event::Judge { correct: true }, t).expect("judge");
        assert_eq!(log.last_undoable(), Some(2));
        log.record(Event::Undo { seq: 2 }, t).expect("undo");
        assert_eq!(log.contest().scores, vec![100, 100]);
        assert_eq!(log.last_undoable(), Some(1));
        assert!(log.record(Event::Undo { seq: 99 }, t).is_err());
        let reopened = ContestLog::open(&path).expect("open");
        assert_eq!(reopened.contest(), log.contest());
    }

    #[test]
    fn a_damaged_plan_line_is_an_error_in_chinese() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("current.log");
        fs::write(&path, "not a plan\n").expect("write");
        let Err(err) = ContestLog::open(&path) else {
            panic!("a damaged plan must not open");
        };
        assert!(err.to_string().contains("已损坏"));
    }
}
