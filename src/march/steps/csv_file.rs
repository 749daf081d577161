//! CSV step tables: Google Fit Takeout `Daily activity metrics.csv` (`每日活动指标.csv`) and plain
//! `date,steps` tables typed in Excel or WPS.
//!
//! Rules:
//! - Text: UTF-8 (a BOM is dropped), UTF-16 with BOM, otherwise GB18030 (a superset of GBK, what
//!   Chinese Excel writes) when the bytes are not UTF-8.
//! - Separator: tab if the first line has one, else comma; a first line with only Chinese commas
//!   `，` has them read as commas.
//! - Header: the first non-empty row is a header when its first cell is not a date and its second
//!   is not a step count. Columns are found by header name: `Date`/`日期` and
//!   `Step count`/`Steps`/`步数`; otherwise the first two columns are date and steps.
//! - Google Fit: a header with `Date` and `Step count`, or `日期` and `步数` among more than two
//!   columns. Everything else is a plain table.
//! - Dates `2024-03-01`, `2024/3/1`, `2024.3.1`, `2024年3月1日` (a time after a blank is ignored);
//!   steps `8123`, `8123.0` (rounded), `12,345`, `12 345`, `12345步`.
//! - A row that cannot be read is skipped with its line and reason; an empty step cell is skipped as
//!   `无步数`. The same date twice keeps the larger value and notes the smaller one as skipped.

use std::borrow::Cow;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use encoding_rs::{Encoding, GB18030};

use super::{StepFile, StepFileError, StepFormat, line_label};

/// Reads a CSV step table (either kind).
pub(super) fn read_csv(bytes: &[u8], name: &str) -> Result<StepFile, StepFileError> {
    let text = decode(bytes);
    let first_line = text
        .lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default();
    let (text, delimiter) = if first_line.contains('\t') {
        (text, b'\t')
    } else if !first_line.contains(',') && first_line.contains('，') {
        (Cow::Owned(text.replace('，', ",")), b',')
    } else {
        (text, b',')
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut file = StepFile::new(StepFormat::PlainCsv);
    let mut columns: Option<Columns> = None;
    // Each date's value and line, to explain duplicates.
    let mut seen: BTreeMap<NaiveDate, (u32, u64)> = BTreeMap::new();
    let mut record = csv::StringRecord::new();
    // The line (from 1) of the byte `counted_to`.
    let mut line = 1_u64;
    let mut counted_to = 0_usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(err) => {
                return Err(StepFileError::Csv {
                    name: name.to_owned(),
                    line: err.position().map_or(0, csv::Position::line),
                    reason: err.to_string(),
                });
            }
        }
        if record.iter().all(str::is_empty) {
            continue;
        }
        // Lines counted from the byte offset: the reader's own count lags after a `\r\n`.
        // After a `\r\n` the record is said to start at its `\n`.
        let mut byte = record.position().map_or(0, |p| p.byte() as usize).min(text.len());
        if text.as_bytes().get(byte) == Some(&b'\n') {
            byte += 1;
        }
        line += memchr::memchr_iter(b'\n', &text.as_bytes()[counted_to..byte]).count() as u64;
        counted_to = byte;
        let Some(columns) = columns else {
            let found = Columns::detect(&record);
            if let Some(format) = found.header {
                file.format = format;
                columns = Some(found);
                continue;
            }
            columns = Some(found);
            read_row(&record, found, line, &mut file, &mut seen);
            continue;
        };
        read_row(&record, columns, line, &mut file, &mut seen);
    }
    file.days = seen.into_iter().map(|(day, (steps, _))| (day, steps)).collect();
    Ok(file)
}

/// Reads one data row into `seen`, or notes why it was skipped.
fn read_row(
    record: &csv::StringRecord,
    columns: Columns,
    line: u64,
    file: &mut StepFile,
    seen: &mut BTreeMap<NaiveDate, (u32, u64)>,
) {
    let date_cell = record.get(columns.date).unwrap_or_default();
    let parsed = if date_cell.is_empty() {
        Err("缺少日期".to_owned())
    } else {
        parse_date(date_cell).and_then(|day| {
            parse_steps(record.get(columns.steps).unwrap_or_default()).map(|steps| (day, steps))
        })
    };
    let (day, steps) = match parsed {
        Ok(found) => found,
        Err(reason) => {
            file.skip(|| line_label(line), reason);
            return;
        }
    };
    let Some(&(earlier, earlier_line)) = seen.get(&day) else {
        seen.insert(day, (steps, line));
        return;
    };
    let (kept, dropped) = if steps > earlier {
        (steps, earlier)
    } else {
        (earlier, steps)
    };
    file.skip(
        || line_label(line),
        format!("日期 {day} 重复（第{earlier_line}行也有）：保留较大的 {kept} 步，不计 {dropped} 步"),
    );
    seen.insert(day, (kept, earlier_line));
}

/// Where the date and steps are, and whether the first row was a header (and of which kind).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Columns {
    date: usize,
    steps: usize,
    header: Option<StepFormat>,
}

impl Columns {
    /// Looks at the first non-empty row.
    fn detect(first: &csv::StringRecord) -> Columns {
        let first_cell = first.get(0).unwrap_or_default();
        let second_cell = first.get(1).unwrap_or_default();
        if parse_date(first_cell).is_ok() || parse_steps(second_cell).is_ok() {
            return Columns {
                date: 0,
                steps: 1,
                header: None,
            };
        }
        let find = |names: &[&str]| {
            first
                .iter()
                .position(|cell| names.iter().any(|name| cell.eq_ignore_ascii_case(name)))
        };
        let date = find(&["Date", "日期"]);
        let steps = find(&["Step count", "Steps", "步数"]);
        let (Some(date), Some(steps)) = (date, steps) else {
            return Columns {
                date: 0,
                steps: 1,
                header: Some(StepFormat::PlainCsv),
            };
        };
        let english = first
            .get(date)
            .is_some_and(|cell| cell.eq_ignore_ascii_case("Date"))
            && first
                .get(steps)
                .is_some_and(|cell| cell.eq_ignore_ascii_case("Step count"));
        let many_columns = first.iter().filter(|cell| !cell.is_empty()).count() > 2;
        let format = if english || many_columns {
            StepFormat::GoogleFit
        } else {
            StepFormat::PlainCsv
        };
        Columns {
            date,
            steps,
            header: Some(format),
        }
    }
}

/// The file's text: by BOM, else UTF-8, else GB18030.
fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some((encoding, bom_length)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return text;
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => GB18030.decode_without_bom_handling(bytes).0,
    }
}

/// A date cell: `2024-03-01`, `2024/3/1`, `2024.3.1` or `2024年3月1日`; a time after a blank
/// (`2024/3/1 0:00`, as Excel may write) is ignored.
pub(super) fn parse_date(cell: &str) -> Result<NaiveDate, String> {
    let unreadable =
        || format!("日期“{cell}”无法识别（应如 2024-03-01、2024/3/1、2024.3.1 或 2024年3月1日）");
    let text = cell.split_whitespace().next().unwrap_or_default();
    let parts: Vec<&str> = if let Some(rest) = text.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        let Some(separator) = text.chars().find(|c| matches!(c, '-' | '/' | '.')) else {
            return Err(unreadable());
        };
        text.split(separator).collect()
    };
    let [year, month, day] = parts[..] else {
        return Err(unreadable());
    };
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) =
        (number(year, 4..=4), number(month, 1..=2), number(day, 1..=2))
    else {
        return Err(unreadable());
    };
    let Ok(year) = i32::try_from(year) else {
        return Err(unreadable());
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("日期“{cell}”不存在"))
}

/// A step cell: digits with optional thousands separators (`,`, `，`, blanks), an optional
/// decimal part (rounded) and an optional trailing `步`.
pub(super) fn parse_steps(cell: &str) -> Result<u32, String> {
    let cleaned: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    let cleaned = cleaned.strip_suffix('步').unwrap_or(&cleaned);
    if cleaned.is_empty() {
        return Err("无步数".to_owned());
    }
    if cleaned.starts_with('-') {
        return Err(format!("步数不能为负数（{cell}）"));
    }
    let not_a_number = || format!("步数“{cell}”不是数字");
    let (whole, fraction) = cleaned.split_once('.').unwrap_or((cleaned, ""));
    let mut groups = whole.split([',', '，']);
    let first = groups.next().unwrap_or_default();
    let grouped = whole.contains([',', '，']);
    let groups_ok = (!grouped || (1..=3).contains(&first.len())) && groups.all(|group| group.len() == 3);
    let digits_ok = !whole.is_empty()
        && whole
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b',' || b >= 0x80)
        && fraction.bytes().all(|b| b.is_ascii_digit());
    if !groups_ok || !digits_ok {
        return Err(not_a_number());
    }
    let digits: String = whole.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != whole.chars().filter(|c| !matches!(c, ',' | '，')).count() {
        return Err(not_a_number());
    }
    let Ok(value) = format!("{digits}.{fraction}0").parse::<f64>() else {
        return Err(not_a_number());
    };
    let rounded = value.round();
    if rounded > f64::from(u32::MAX) {
        return Err(format!("步数“{cell}”过大"));
    }
    // In range and whole after the check above.
    Ok(rounded as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::march::event::tests::day;

    fn read(text: &str) -> StepFile {
        match read_csv(text.as_bytes(), "t.csv") {
            Ok(file) => file,
            Err(err) => panic!("{err}"),
        }
    }

    #[test]
    fn dates_in_the_usual_chinese_spellings() {
        for cell in [
            "2024-03-01",
            "2024/3/1",
            "2024.3.1",
            "2024年3月1日",
            "2024/3/1 0:00",
            "2024-03-01 08:00:00",
        ] {
            assert_eq!(parse_date(cell), Ok(day("2024-03-01")), "{cell}");
        }
        for cell in [
            "",
            "2024-03",
            "24-3-1",
            "2024-3/1",
            "三月一日",
            "2024-003-01",
            "2024-3-1日x",
            "2024年3月1",
        ] {
            assert!(parse_date(cell).is_err(), "{cell}");
        }
        assert_eq!(parse_date("2023-02-29"), Err("日期“2023-02-29”不存在".to_owned()));
    }

    #[test]
    fn steps_with_separators_decimals_and_units() {
        for (cell, steps) in [
            ("8123", 8123),
            ("8123.0", 8123),
            ("8123.5", 8124),
            ("12,345", 12_345),
            ("12 345", 12_345),
            ("1，234，567", 1_234_567),
            ("12345步", 12_345),
            ("0", 0),
        ] {
            assert_eq!(parse_steps(cell), Ok(steps), "{cell}");
        }
        assert_eq!(parse_steps(""), Err("无步数".to_owned()));
        assert_eq!(parse_steps("-5"), Err("步数不能为负数（-5）".to_owned()));
        assert_eq!(parse_steps("abc"), Err("步数“abc”不是数字".to_owned()));
        for cell in [
            "12,34",
            "1,2345",
            ",123",
            "1e5",
            "inf",
            "NaN",
            "12..0",
            "1.2.3",
            "１２３",
        ] {
            assert!(parse_steps(cell).is_err(), "{cell}");
        }
        assert_eq!(
            parse_steps("99999999999"),
            Err("步数“99999999999”过大".to_owned())
        );
    }

    #[test]
    fn header_is_detected_by_content() {
        let file = read("日期,步数\n2024-03-01,100\n");
        assert_eq!(file.format, StepFormat::PlainCsv);
        assert_eq!(file.days.len(), 1);
        let file = read("2024-03-01,100\n2024-03-02,200\n");
        assert_eq!(file.days.len(), 2);
        // A bad first data row is still a data row, reported rather than taken for a header.
        let file = read("2024-13-01,100\n2024-03-02,200\n");
        assert_eq!(file.days.len(), 1);
        assert_eq!(file.skipped.len(), 1);
        assert_eq!(file.skipped[0].location, "第1行");
    }

    #[test]
    fn tabs_and_chinese_commas_separate_cells() {
        let file = read("日期\t步数\n2024-03-01\t\"12,345\"\n");
        assert_eq!(file.days, BTreeMap::from([(day("2024-03-01"), 12_345)]));
        let file = read("2024-03-01，8000\n2024-03-02，9000\n");
        assert_eq!(
            file.days,
            BTreeMap::from([(day("2024-03-01"), 8000), (day("2024-03-02"), 9000)])
        );
    }

    #[test]
    fn duplicate_dates_keep_the_larger_and_say_so() {
        let file = read("2024-03-01,8000\n2024/3/1,9000\n2024.3.1,100\n");
        assert_eq!(file.days, BTreeMap::from([(day("2024-03-01"), 9000)]));
        let reasons: Vec<(&str, &str)> = file
            .skipped
            .iter()
            .map(|s| (s.location.as_str(), s.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    "第2行",
                    "日期 2024-03-01 重复（第1行也有）：保留较大的 9000 步，不计 8000 步"
                ),
                (
                    "第3行",
                    "日期 2024-03-01 重复（第1行也有）：保留较大的 9000 步，不计 100 步"
                ),
            ]
        );
    }

    #[test]
    fn text_encodings() {
        let (gbk, _, _) = encoding_rs::GBK.encode("日期,步数\n2024年3月1日,8000\n");
        assert!(std::str::from_utf8(&gbk).is_err());
        let Ok(file) = read_csv(&gbk, "gbk.csv") else {
            panic!("reads")
        };
        assert_eq!(file.days, BTreeMap::from([(day("2024-03-01"), 8000)]));
        let mut utf16 = vec![0xFF, 0xFE];
        for unit in "日期\t步数\r\n2024/3/2\t7000\r\n".encode_utf16() {
            utf16.extend_from_slice(&unit.to_le_bytes());
        }
        let Ok(file) = read_csv(&utf16, "utf16.txt") else {
            panic!("reads")
        };
        assert_eq!(file.days, BTreeMap::from([(day("2024-03-02"), 7000)]));
    }
}
