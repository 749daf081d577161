//! Step-file importers for 再走长征路: members export their daily steps from a phone and the app
//! reads them into one value per day.
//!
//! Three formats, recognised by their content rather than their name (see `docs/march-steps.md`):
//!
//! - **Apple 健康** `export.zip` (the XML inside `apple_health_export/`, `export.xml` or, on
//!   Chinese-locale iPhones, `导出.xml`) or the extracted `export.xml`: streamed, so memory stays flat
//!   for exports of several GB. A day is the date of a record's `startDate` in the UTC offset written
//!   on that record; a day's total is the largest single source's sum (an iPhone and an Apple Watch
//!   count the same steps, so adding them would double count).
//! - **Google 健身** Takeout `Daily activity metrics.csv`: the `Date` and `Step count` columns (or
//!   `日期` and `步数`), wherever they are among the others.
//! - **Plain CSV** `date,steps`, with or without a header, in UTF-8 (with or without BOM), UTF-16
//!   with BOM or GBK/GB18030 (what Chinese Excel writes).
//!
//! Bad rows never stop an import: they are listed in [`StepFile::skipped`] with their line and the
//! reason in Chinese. Only a file that cannot be read at all is an error ([`StepFileError`]).
//! [`review`] then checks the days against an event's dates and daily cap before they are applied.

mod apple;
mod csv_file;
mod review;

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufReader, Cursor, Read, Seek};
use std::path::Path;

use chrono::NaiveDate;

use crate::march::event::StepSource;

pub use review::{DayOutcome, DayReview, ReviewSummary, review};

/// Skipped rows listed one by one at most; further ones are only counted
/// ([`StepFile::skipped_unlisted`]), so that a badly broken multi-GB export keeps memory flat.
pub const MAX_LISTED_SKIPPED: usize = 1000;

/// Largest CSV file read (CSV files are read whole; real step tables are a few KB).
pub const MAX_CSV_BYTES: u64 = 50 * 1024 * 1024;

/// Which kind of file the steps came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepFormat {
    /// An Apple Health export (`export.zip` or its `export.xml`).
    AppleHealth,
    /// A Google Fit Takeout `Daily activity metrics.csv`.
    GoogleFit,
    /// A plain `date,steps` table.
    PlainCsv,
}

impl StepFormat {
    /// Name shown in Chinese.
    pub fn label(self) -> &'static str {
        match self {
            StepFormat::AppleHealth => "Apple 健康导出",
            StepFormat::GoogleFit => "Google 健身导出",
            StepFormat::PlainCsv => "CSV 表格",
        }
    }

    /// The source recorded with each day when the import is applied to an event.
    pub fn source(self) -> StepSource {
        match self {
            StepFormat::AppleHealth => StepSource::AppleHealth,
            StepFormat::GoogleFit => StepSource::GoogleFit,
            StepFormat::PlainCsv => StepSource::Csv,
        }
    }
}

/// A row or record that was not imported, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedRow {
    /// Where it is, in Chinese: `第12行`, or `第12行 (Record)` for an Apple Health record.
    pub location: String,
    /// Why it was skipped, in Chinese.
    pub reason: String,
}

/// The days read from a step file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepFile {
    /// What kind of file it was.
    pub format: StepFormat,
    /// Steps per day, as found in the file (before any event's cap or dates).
    pub days: BTreeMap<NaiveDate, u32>,
    /// Rows not imported, in file order; at most [`MAX_LISTED_SKIPPED`].
    pub skipped: Vec<SkippedRow>,
    /// Rows not imported beyond those listed in `skipped`.
    pub skipped_unlisted: usize,
}

impl StepFile {
    fn new(format: StepFormat) -> StepFile {
        StepFile {
            format,
            days: BTreeMap::new(),
            skipped: Vec::new(),
            skipped_unlisted: 0,
        }
    }

    /// Notes a row that was not imported (listed up to [`MAX_LISTED_SKIPPED`], then counted).
    fn skip(&mut self, location: impl FnOnce() -> String, reason: String) {
        if self.skipped.len() < MAX_LISTED_SKIPPED {
            self.skipped.push(SkippedRow {
                location: location(),
                reason,
            });
        } else {
            self.skipped_unlisted += 1;
        }
    }

    /// Every row not imported, listed or not.
    pub fn skipped_total(&self) -> usize {
        self.skipped.len() + self.skipped_unlisted
    }

    /// Steps of every day together.
    pub fn total_steps(&self) -> u64 {
        self.days.values().map(|&steps| u64::from(steps)).sum()
    }

    /// The days as CSV, `date,steps` with a header, one line per day in date order.
    pub fn to_csv(&self) -> String {
        let mut csv = String::from("date,steps\n");
        for (day, steps) in &self.days {
            csv.push_str(&format!("{day},{steps}\n"));
        }
        csv
    }

    /// What was read and what was skipped, in Chinese, one line per skipped row like a compiler
    /// (`文件:第12行: reason`), then a summary line.
    pub fn report(&self, name: &str) -> String {
        let mut report = String::new();
        for row in &self.skipped {
            report.push_str(&format!("{name}:{}: 跳过：{}\n", row.location, row.reason));
        }
        if self.skipped_unlisted > 0 {
            report.push_str(&format!(
                "{name}: 另有 {} 行跳过，未逐行列出\n",
                self.skipped_unlisted
            ));
        }
        let span = match (self.days.keys().next(), self.days.keys().next_back()) {
            (Some(first), Some(last)) => format!("，{first} 至 {last}"),
            _ => String::new(),
        };
        report.push_str(&format!(
            "{name}: {}，{} 天{span}，共 {} 步；跳过 {} 行\n",
            self.format.label(),
            self.days.len(),
            self.total_steps(),
            self.skipped_total()
        ));
        report
    }
}

/// A step file that could not be read at all, in Chinese, naming the file (and line where known).
#[derive(Debug, thiserror::Error)]
pub enum StepFileError {
    /// The file could not be opened or read.
    #[error("无法读取“{name}”：{source}")]
    Read {
        /// The file.
        name: String,
        /// What the system said.
        #[source]
        source: io::Error,
    },
    /// A damaged or unsupported zip archive.
    #[error("“{name}”不是可用的 zip 压缩包：{reason}")]
    Zip {
        /// The archive.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A zip archive without an Apple Health export inside.
    #[error("压缩包“{name}”里没有 Apple 健康数据（应有 apple_health_export/export.xml 或 导出.xml）")]
    NoHealthXml {
        /// The archive.
        name: String,
    },
    /// An XML document that is not well-formed (or ends early).
    #[error("“{name}”第 {line} 行：XML 格式有误：{reason}")]
    Xml {
        /// The XML file (or `archive 中的 entry`).
        name: String,
        /// Line of the error, from 1.
        line: u64,
        /// What is wrong, in Chinese.
        reason: String,
    },
    /// Well-formed XML that is not an Apple Health export.
    #[error("“{name}”不是 Apple 健康导出文件：{found}")]
    NotAppleHealth {
        /// The XML file.
        name: String,
        /// What was found instead, in Chinese.
        found: String,
    },
    /// A CSV file the CSV reader gave up on.
    #[error("“{name}”第 {line} 行：CSV 格式有误：{reason}")]
    Csv {
        /// The CSV file.
        name: String,
        /// Line of the error, from 1.
        line: u64,
        /// What is wrong.
        reason: String,
    },
    /// A CSV file over [`MAX_CSV_BYTES`].
    #[error("“{name}”有 {megabytes} MB，不像步数表格（表格文件最大 50 MB）")]
    TooLarge {
        /// The file.
        name: String,
        /// Its size in MB.
        megabytes: u64,
    },
}

/// What a file's first bytes say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Zip,
    Xml,
    Csv,
}

/// Zip archives start with `PK`; XML (after an optional BOM and blanks) with `<`; the rest is
/// read as CSV.
fn sniff(head: &[u8]) -> Kind {
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return Kind::Zip;
    }
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Kind::Xml,
        _ => Kind::Csv,
    }
}

/// Reads a step file, recognising its format by content: an Apple Health `export.zip` or
/// `export.xml` (streamed), a Google Fit Takeout daily CSV or a plain `date,steps` CSV.
pub fn read_step_file(path: &Path) -> Result<StepFile, StepFileError> {
    let name = path.display().to_string();
    let read_error = |source| StepFileError::Read {
        name: name.clone(),
        source,
    };
    let mut file = File::open(path).map_err(read_error)?;
    let mut head = [0u8; 64];
    let head_len = read_head(&mut file, &mut head).map_err(read_error)?;
    file.rewind().map_err(read_error)?;
    match sniff(&head[..head_len]) {
        Kind::Zip => apple::read_zip(BufReader::new(file), &name),
        Kind::Xml => apple::read_xml(file, &name),
        Kind::Csv => {
            let size = file.metadata().map_err(read_error)?.len();
            if size > MAX_CSV_BYTES {
                return Err(StepFileError::TooLarge {
                    name,
                    megabytes: size / (1024 * 1024),
                });
            }
            let mut bytes = Vec::new();
            file.read_to_end(&mut bytes).map_err(read_error)?;
            csv_file::read_csv(&bytes, &name)
        }
    }
}

/// Fills `head` as far as the file allows (a single `read` may return less).
fn read_head(file: &mut File, head: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < head.len() {
        match file.read(&mut head[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(err) => return Err(err),
        }
    }
    Ok(filled)
}

/// Reads a step file already in memory (a dropped or pasted file); `name` is used in messages.
/// Same formats and rules as [`read_step_file`].
pub fn read_step_bytes(name: &str, bytes: &[u8]) -> Result<StepFile, StepFileError> {
    match sniff(bytes) {
        Kind::Zip => apple::read_zip(Cursor::new(bytes), name),
        Kind::Xml => apple::read_xml(bytes, name),
        Kind::Csv => {
            if bytes.len() as u64 > MAX_CSV_BYTES {
                return Err(StepFileError::TooLarge {
                    name: name.to_owned(),
                    megabytes: bytes.len() as u64 / (1024 * 1024),
                });
            }
            csv_file::read_csv(bytes, name)
        }
    }
}

/// `第N行`, the location of a skipped row.
fn line_label(line: u64) -> String {
    format!("第{line}行")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_looks_at_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(sniff(b"\xEF\xBB\xBF\n <?xml version=\"1.0\"?>"), Kind::Xml);
        assert_eq!(sniff(b"<HealthData>"), Kind::Xml);
        assert_eq!(sniff(b"date,steps\n"), Kind::Csv);
        assert_eq!(sniff(b""), Kind::Csv);
    }

    #[test]
    fn skipped_rows_are_listed_up_to_the_limit_then_counted() {
        let mut file = StepFile::new(StepFormat::PlainCsv);
        for line in 0..MAX_LISTED_SKIPPED as u64 + 5 {
            file.skip(|| line_label(line), "x".into());
        }
        assert_eq!(file.skipped.len(), MAX_LISTED_SKIPPED);
        assert_eq!(file.skipped_unlisted, 5);
        assert_eq!(file.skipped_total(), MAX_LISTED_SKIPPED + 5);
    }

    #[test]
    fn formats_map_to_event_sources() {
        assert_eq!(StepFormat::AppleHealth.source(), StepSource::AppleHealth);
        assert_eq!(StepFormat::GoogleFit.source(), StepSource::GoogleFit);
        assert_eq!(StepFormat::PlainCsv.source(), StepSource::Csv);
        assert_eq!(StepFormat::PlainCsv.label(), "CSV 表格");
    }
}
