//! Results: totals per team and round, every score change, the event log in words; exported to
//! xlsx (one sheet each) and CSV (one file each).

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Workbook, XlsxError};
use thiserror::Error;

use super::state::{Contest, Event, Logged, cancelled};

/// Why results could not be written.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing the spreadsheet failed.
    #[error("无法写入 Excel 文件 {path}：{message}")]
    Xlsx {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
    /// Writing a CSV file failed.
    #[error("无法写入 CSV 文件 {path}：{message}")]
    Csv {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// One team's line of the results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamTotal {
    /// Place, from 1 (teams with equal scores share a place).
    pub place: usize,
    /// Team index.
    pub team: usize,
    /// Team name.
    pub name: String,
    /// Points gained or lost in each round (the last column is the 加赛 if one was played).
    pub per_round: Vec<i32>,
    /// Manual adjustments.
    pub adjustments: i32,
    /// Final score.
    pub score: i32,
}

/// The results table, best first.
pub fn totals(contest: &Contest) -> Vec<TeamTotal> {
    let rounds = contest.plan.rounds.len() + usize::from(contest.tie_break.is_some());
    let ranking = contest.ranking();
    let mut lines = Vec::new();
    for (position, team) in ranking.iter().enumerate() {
        let mut per_round = vec![0; rounds];
        let mut adjustments = 0;
        for change in contest.changes.iter().filter(|c| c.team == *team) {
            if change.reason.starts_with("主持人调整") {
                adjustments += change.delta;
            } else if let Some(slot) = per_round.get_mut(change.round) {
                *slot += change.delta;
            }
        }
        let score = contest.scores[*team];
        let place = match position {
            0 => 1,
            _ if contest.scores[ranking[position - 1]] == score => lines
                .last()
                .map_or(position + 1, |previous: &TeamTotal| previous.place),
            _ => position + 1,
        };
        lines.push(TeamTotal {
            place,
            team: *team,
            name: contest
                .plan
                .teams
                .get(*team)
                .map_or(String::new(), |t| t.name.clone()),
            per_round,
            adjustments,
            score,
        });
    }
    lines
}

/// An event in words, e.g. `第二队 抢答`.
pub fn describe(event: &Event, contest: &Contest) -> String {
    let team = |t: usize| {
        contest
            .plan
            .teams
            .get(t)
            .map_or(format!("第 {} 队", t + 1), |t| t.name.clone())
    };
    match event {
        Event::Show { question } => format!("出题 {question}"),
        Event::Open => "开始抢答".to_owned(),
        Event::Buzz { team: t } => format!("{} 按下抢答器", team(*t)),
        Event::Judge { correct: true } => "判定答对".to_owned(),
        Event::Judge { correct: false } => "判定答错".to_owned(),
        Event::Timeout => "时间到".to_owned(),
        Event::Void => "本题作废".to_owned(),
        Event::Reopen => "重新开放抢答".to_owned(),
        Event::Reveal => "公布答案".to_owned(),
        Event::Pick { value: Some(v) } => format!("选择 {v} 分"),
        Event::Pick { value: None } => "放弃选题".to_owned(),
        Event::Adjust {
            team: t,
            delta,
            reason,
        } => format!("{} 分数调整 {delta:+}（{reason}）", team(*t)),
        Event::Next => "下一步".to_owned(),
        Event::Pause => "暂停".to_owned(),
        Event::Resume => "继续".to_owned(),
        Event::Undo { seq } => format!("撤销第 {seq} 条"),
    }
}

fn round_headers(contest: &Contest) -> Vec<String> {
    let mut headers: Vec<String> = contest.plan.rounds.iter().map(|r| r.name.clone()).collect();
    if contest.tie_break.is_some() {
        headers.push("加赛".to_owned());
    }
    headers
}

/// The three tables as rows of text: 总成绩, 得分明细, 事件记录.
fn tables(contest: &Contest, log: &[Logged]) -> [(String, Vec<Vec<String>>); 3] {
    let mut summary = vec![
        ["名次", "队伍"]
            .iter()
            .map(|s| (*s).to_owned())
            .chain(round_headers(contest))
            .chain(["调整", "总分"].iter().map(|s| (*s).to_owned()))
            .collect::<Vec<_>>(),
    ];
    for line in totals(contest) {
        let mut row = vec![line.place.to_string(), line.name.clone()];
        row.extend(line.per_round.iter().map(i32::to_string));
        row.push(line.adjustments.to_string());
        row.push(line.score.to_string());
        summary.push(row);
    }
    let headers = round_headers(contest);
    let mut changes = vec![
        ["时间", "轮次", "题目", "队伍", "得分", "原因"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<Vec<_>>(),
    ];
    for change in &contest.changes {
        changes.push(vec![
            change.at.format("%Y-%m-%d %H:%M:%S").to_string(),
            headers.get(change.round).cloned().unwrap_or_default(),
            change.question.clone().unwrap_or_default(),
            contest
                .plan
                .teams
                .get(change.team)
                .map_or(String::new(), |t| t.name.clone()),
            change.delta.to_string(),
            change.reason.clone(),
        ]);
    }
    let undone = cancelled(log);
    let mut events = vec![
        ["序号", "时间", "事件", "状态"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<Vec<_>>(),
    ];
    for logged in log {
        events.push(vec![
            logged.seq.to_string(),
            logged.at.format("%Y-%m-%d %H:%M:%S%.3f").to_string(),
            describe(&logged.event, contest),
            if undone.contains(&logged.seq) {
                "已撤销".to_owned()
            } else {
                String::new()
            },
        ]);
    }
    [
        ("总成绩".to_owned(), summary),
        ("得分明细".to_owned(), changes),
        ("事件记录".to_owned(), events),
    ]
}

/// Writes the results to an xlsx workbook with the sheets 总成绩, 得分明细 and 事件记录.
/// Numbers are written as numbers.
pub fn write_xlsx(contest: &Contest, log: &[Logged], path: &Path) -> Result<(), ExportError> {
    let failed = |err: XlsxError| ExportError::Xlsx {
        path: path.to_path_buf(),
        message: err.to_string(),
    };
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, rows) in tables(contest, log) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&name).map_err(failed)?;
        for (r, row) in rows.iter().enumerate() {
            let r = u32::try_from(r).unwrap_or(u32::MAX);
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c).unwrap_or(u16::MAX);
                if r == 0 {
                    sheet
                        .write_string_with_format(r, c, cell, &bold)
                        .map_err(failed)?;
                } else if let (Ok(number), false) = (cell.parse::<i64>(), name == "事件记录" && c == 0) {
                    sheet.write_number(r, c, number as f64).map_err(failed)?;
                } else {
                    sheet.write_string(r, c, cell).map_err(failed)?;
                }
            }
        }
        sheet.set_column_width(0, 20).map_err(failed)?;
        sheet.set_column_width(1, 18).map_err(failed)?;
        sheet.set_column_width(2, 24).map_err(failed)?;
    }
    workbook.save(path).map_err(failed)
}

/// Writes `STEM-总成绩.csv`, `STEM-得分明细.csv` and `STEM-事件记录.csv` next to `base` (UTF-8
/// with a BOM, so Excel opens the Chinese correctly). Returns the files written.
pub fn write_csv(contest: &Contest, log: &[Logged], base: &Path) -> Result<Vec<PathBuf>, ExportError> {
    let stem = base
        .file_stem()
        .map_or("比赛结果".into(), |s| s.to_string_lossy().into_owned());
    let folder = base.parent().map_or_else(PathBuf::new, Path::to_path_buf);
    let mut written = Vec::new();
    for (name, rows) in tables(contest, log) {
        let path = folder.join(format!("{stem}-{name}.csv"));
        let failed = |message: String| ExportError::Csv {
            path: path.clone(),
            message,
        };
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        {
            let mut writer = csv::Writer::from_writer(&mut bytes);
            for row in &rows {
                writer.write_record(row).map_err(|e| failed(e.to_string()))?;
            }
            writer.flush().map_err(|e| failed(e.to_string()))?;
        }
        std::fs::write(&path, bytes).map_err(|e| failed(e.to_string()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contest::plan::{ContestPlan, TeamSetup};
    use crate::practice::testing::at;

    fn played() -> (Contest, Vec<Logged>) {
        let teams = (0..3)
            .map(|i| TeamSetup {
                name: format!("第{}队", i + 1),
                colour: [1, 2, 3],
                members: Vec::new(),
                key: None,
            })
            .collect();
        let plan = ContestPlan::standard("测试赛", teams);
        let t = at(2026, 7, 1, 9);
        let events = [
            Event::Show {
                question: "q1".into(),
            },
            Event::Judge { correct: true },
            Event::Adjust {
                team: 2,
                delta: -5,
                reason: "提示".into(),
            },
        ];
        let log: Vec<Logged> = events
            .into_iter()
            .enumerate()
            .map(|(i, event)| Logged {
                seq: i as u64 + 1,
                at: t,
                event,
            })
            .collect();
        (Contest::replay(plan, &log), log)
    }

    #[test]
    fn totals_rank_teams_and_split_rounds_from_adjustments() {
        let (contest, _) = played();
        let lines = totals(&contest);
        assert_eq!(lines[0].name, "第1队");
        assert_eq!(lines[0].per_round, vec![10, 0, 0]);
        assert_eq!(lines[0].score, 110);
        assert_eq!((lines[1].place, lines[1].score), (2, 100));
        assert_eq!((lines[2].adjustments, lines[2].score), (-5, 95));
    }

    #[test]
    fn csv_files_carry_every_table() {
        let (contest, log) = played();
        let dir = tempfile::tempdir().expect("temp dir");
        let files = write_csv(&contest, &log, &dir.path().join("党史竞赛.csv")).expect("csv");
        assert_eq!(files.len(), 3);
        let summary = std::fs::read_to_string(&files[0]).expect("read");
        assert!(summary.starts_with('\u{feff}'));
        assert!(summary.contains("第1队"));
        let events = std::fs::read_to_string(&files[2]).expect("read");
        assert!(events.contains("分数调整 -5（提示）"));
    }
}
