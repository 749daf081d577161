//! Apple Health exports: `export.zip` and the `export.xml` inside it, streamed with quick-xml.
//!
//! Real exports are hundreds of MB to several GB, so the document is read event by event through
//! one reused buffer; what is kept is one running sum per day and source.
//!
//! Rules:
//! - Only `<Record type="HKQuantityTypeIdentifierStepCount" …>` counts, at any depth; every other
//!   record type and element (`<Workout>`, `<ActivitySummary>`, `<MetadataEntry>` …) is ignored.
//! - A record belongs to the calendar date of its `startDate` in the UTC offset written on it
//!   (`2024-03-01 23:50:00 +0800` is 1 March, wherever the PC is), even if it ends after midnight.
//! - A day's total is the **largest single source's sum** for that day, sources told apart by
//!   `sourceName`: an iPhone and an Apple Watch worn together both record the same walk.
//! - Values may be decimals (`12.0`); a source's day sum is rounded to whole steps.
//! - A step record with a bad date or a negative or non-numeric value is skipped with its line;
//!   XML that is not well-formed (or cut short) is an error with its line.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Seek};

use chrono::{DateTime, NaiveDate};
use quick_xml::Reader;
use quick_xml::errors::{Error as XmlError, IllFormedError, SyntaxError};
use quick_xml::events::{BytesStart, Event};

use super::{StepFile, StepFileError, StepFormat, line_label};

/// Folder of an Apple Health export inside `export.zip`.
const EXPORT_FOLDER: &str = "apple_health_export/";
/// The clinical-documents XML next to `export.xml`: no steps in it.
const CDA_FILE: &str = "export_cda.xml";
/// The `type` of a step-count record.
const STEP_TYPE: &str = "HKQuantityTypeIdentifierStepCount";
/// How `startDate` is written: `2024-03-01 23:50:00 +0800`.
const DATE_FORMAT: &str = "%Y-%m-%d %H:%M:%S %z";
/// Read buffer for the XML stream.
const READ_BUFFER: usize = 256 * 1024;

/// Reads the Apple Health XML out of an `export.zip`, streaming it from the archive.
///
/// The XML is `apple_health_export/export.xml`, or another name on iPhones set to other
/// languages (`导出.xml` in Chinese): any `*.xml` directly in `apple_health_export/` except
/// `export_cda.xml` is taken, `export.xml` first.
pub(super) fn read_zip<R: Read + Seek>(input: R, name: &str) -> Result<StepFile, StepFileError> {
    let zip_error = |err: zip::result::ZipError| StepFileError::Zip {
        name: name.to_owned(),
        reason: err.to_string(),
    };
    let mut archive = zip::ZipArchive::new(input).map_err(zip_error)?;
    let mut chosen: Option<(usize, bool)> = None;
    for (index, entry) in archive.file_names().enumerate() {
        let Ok(entry) = entry else { continue };
        let Some(file) = entry.strip_prefix(EXPORT_FOLDER) else {
            continue;
        };
        let is_xml = file.len() > 4 && file.is_char_boundary(file.len() - 4) && {
            let (_, extension) = file.split_at(file.len() - 4);
            extension.eq_ignore_ascii_case(".xml")
        };
        if !is_xml || file.contains('/') || file.eq_ignore_ascii_case(CDA_FILE) {
            continue;
        }
        let is_export = file == "export.xml";
        if chosen.is_none_or(|(_, chosen_is_export)| is_export && !chosen_is_export) {
            chosen = Some((index, is_export));
        }
    }
    let Some((index, _)) = chosen else {
        return Err(StepFileError::NoHealthXml {
            name: name.to_owned(),
        });
    };
    let entry = archive.by_index(index).map_err(zip_error)?;
    let inner_name = format!("{name} 中的 {}", entry.name().unwrap_or_default());
    read_xml(entry, &inner_name)
}

/// Reads an Apple Health `export.xml`, streamed: memory does not grow with the file.
pub(super) fn read_xml<R: Read>(input: R, name: &str) -> Result<StepFile, StepFileError> {
    let mut reader = Reader::from_reader(LineCounter::new(input));
    let mut buf = Vec::with_capacity(4096);
    let mut totals = DayTotals::default();
    let mut file = StepFile::new(StepFormat::AppleHealth);
    let mut depth = 0usize;
    let mut seen_root = false;
    loop {
        buf.clear();
        // quick-xml and the counter may disagree on where byte 0 is (a BOM): translate.
        let shift = reader.get_ref().offset - reader.buffer_position();
        reader.get_mut().mark();
        let event = match reader.read_event_into(&mut buf) {
            Ok(event) => event,
            Err(err) => {
                let line = reader.get_ref().line_at(reader.error_position() + shift);
                return Err(xml_error(err, name, line));
            }
        };
        let element = match &event {
            Event::Start(element) | Event::Empty(element) => element,
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if depth == 0 {
            if seen_root || element.name().as_ref() != "HealthData" {
                return Err(StepFileError::NotAppleHealth {
                    name: name.to_owned(),
                    found: format!("根元素是 <{}>，应为 <HealthData>", element.name().as_ref()),
                });
            }
            seen_root = true;
        }
        if matches!(event, Event::Start(_)) {
            depth += 1;
        }
        if element.name().as_ref() == "Record" {
            let line = reader.get_ref().mark_line();
            match step_record(element) {
                Some(Ok(step)) => totals.add(step),
                Some(Err(reason)) => file.skip(|| format!("{} (Record)", line_label(line)), reason),
                None => {}
            }
        }
    }
    if depth > 0 {
        return Err(StepFileError::Xml {
            name: name.to_owned(),
            line: reader.get_ref().line_at(u64::MAX),
            reason: "文件在这里意外结束，<HealthData> 没有结束标签（导出文件可能不完整）".into(),
        });
    }
    if !seen_root {
        return Err(StepFileError::NotAppleHealth {
            name: name.to_owned(),
            found: "文件里没有任何 XML 元素".into(),
        });
    }
    file.days = totals.into_days();
    Ok(file)
}

/// Turns a quick-xml error into Chinese, with the line.
fn xml_error(err: XmlError, name: &str, line: u64) -> StepFileError {
    let reason = match err {
        XmlError::Io(source) => {
            return StepFileError::Read {
                name: name.to_owned(),
                source: io::Error::new(source.kind(), source.to_string()),
            };
        }
        XmlError::Syntax(SyntaxError::UnclosedTag) => "标签没有结束（缺少 >）".to_owned(),
        XmlError::Syntax(SyntaxError::UnclosedComment) => "注释没有结束（缺少 -->）".to_owned(),
        XmlError::Syntax(
            SyntaxError::UnclosedDoubleQuotedAttributeValue | SyntaxError::UnclosedSingleQuotedAttributeValue,
        ) => "属性值缺少结束引号".to_owned(),
        XmlError::Syntax(other) => format!("语法错误（{other}）"),
        XmlError::IllFormed(IllFormedError::MismatchedEndTag { expected, found }) => {
            format!("结束标签 </{found}> 与开始标签 <{expected}> 不对应")
        }
        XmlError::IllFormed(IllFormedError::UnmatchedEndTag(tag)) => format!("多余的结束标签 </{tag}>"),
        XmlError::Encoding(_) => "含有不是 UTF-8 编码的字节".to_owned(),
        other => other.to_string(),
    };
    StepFileError::Xml {
        name: name.to_owned(),
        line,
        reason,
    }
}

/// One step-count record's contribution.
struct StepRecord<'a> {
    source: Cow<'a, str>,
    day: NaiveDate,
    steps: f64,
}

/// `None` for anything but a step-count record; the record, or why it cannot count.
fn step_record<'a>(element: &'a BytesStart<'_>) -> Option<Result<StepRecord<'a>, String>> {
    let mut is_steps = false;
    let mut source = None;
    let mut start = None;
    let mut value = None;
    for attribute in element.attributes().with_checks(false) {
        let Ok(attribute) = attribute else {
            // A broken attribute before `type` leaves the kind unknown: report it only for steps.
            return is_steps.then(|| Err("Record 的属性格式有误".to_owned()));
        };
        match attribute.key.as_ref() {
            "type" => {
                if attribute.value != STEP_TYPE {
                    return None;
                }
                is_steps = true;
            }
            "sourceName" => source = Some(attribute.value),
            "startDate" => start = Some(attribute.value),
            "value" => value = Some(attribute.value),
            _ => {}
        }
    }
    if !is_steps {
        return None;
    }
    Some(parse_step_record(source, start, value))
}

/// Checks a step record's attributes (raw, as written: none of them needs unescaping to compare).
fn parse_step_record<'a>(
    source: Option<Cow<'a, str>>,
    start: Option<Cow<'a, str>>,
    value: Option<Cow<'a, str>>,
) -> Result<StepRecord<'a>, String> {
    let Some(start) = start else {
        return Err("缺少 startDate（开始时间）".to_owned());
    };
    let Ok(started) = DateTime::parse_from_str(&start, DATE_FORMAT) else {
        return Err(format!(
            "开始时间“{start}”无法识别（应如 2024-03-01 23:50:00 +0800）"
        ));
    };
    let Some(value) = value else {
        return Err("缺少 value（步数）".to_owned());
    };
    let steps = match value.trim().parse::<f64>() {
        Ok(steps) if steps.is_finite() && steps >= 0.0 => steps,
        Ok(steps) if steps < 0.0 => return Err(format!("步数不能为负数（{value}）")),
        _ => return Err(format!("步数“{value}”不是数字")),
    };
    Ok(StepRecord {
        source: source.unwrap_or_default(),
        day: started.date_naive(),
        steps,
    })
}

/// Running sums per day and source.
#[derive(Default)]
struct DayTotals {
    /// Source names seen, by index.
    sources: Vec<String>,
    /// Index of the previous record's source (records come in runs from one source).
    last_source: usize,
    /// Per day, the sum of each source (indexed like `sources`).
    days: BTreeMap<NaiveDate, Vec<f64>>,
}

impl DayTotals {
    fn add(&mut self, record: StepRecord<'_>) {
        let source = if self
            .sources
            .get(self.last_source)
            .is_some_and(|s| *s == record.source)
        {
            self.last_source
        } else if let Some(found) = self.sources.iter().position(|s| *s == record.source) {
            found
        } else {
            self.sources.push(record.source.into_owned());
            self.sources.len() - 1
        };
        self.last_source = source;
        let sums = self.days.entry(record.day).or_default();
        if sums.len() <= source {
            sums.resize(source + 1, 0.0);
        }
        sums[source] += record.steps;
    }

    /// Each day's largest single-source sum, rounded.
    fn into_days(self) -> BTreeMap<NaiveDate, u32> {
        self.days
            .into_iter()
            .map(|(day, sums)| {
                let best = sums.into_iter().fold(0.0_f64, f64::max);
                // `as` saturates: a sum beyond u32 (never seen in practice) becomes u32::MAX.
                (day, best.round() as u32)
            })
            .collect()
    }
}

/// A buffered reader that counts the lines it hands out, so that records and errors can be given
/// a line number without keeping the text.
struct LineCounter<R> {
    inner: BufReader<R>,
    /// Bytes consumed so far.
    offset: u64,
    /// Newlines among them.
    newlines: u64,
    /// `offset` and `newlines` when the current event started.
    mark_offset: u64,
    mark_newlines: u64,
    /// Offsets of the newlines consumed since the mark (one event's worth).
    since_mark: Vec<u64>,
}

impl<R: Read> LineCounter<R> {
    fn new(input: R) -> Self {
        LineCounter {
            inner: BufReader::with_capacity(READ_BUFFER, input),
            offset: 0,
            newlines: 0,
            mark_offset: 0,
            mark_newlines: 0,
            since_mark: Vec::new(),
        }
    }

    /// Remembers where the next event starts.
    fn mark(&mut self) {
        self.mark_offset = self.offset;
        self.mark_newlines = self.newlines;
        self.since_mark.clear();
    }

    /// Line (from 1) where the current event starts.
    fn mark_line(&self) -> u64 {
        self.mark_newlines + 1
    }

    /// Line (from 1) of byte `position`, which should lie in the current event; clamped to it.
    fn line_at(&self, position: u64) -> u64 {
        let before = self
            .since_mark
            .iter()
            .take_while(|&&newline| newline < position)
            .count();
        self.mark_line() + before as u64
    }
}

impl<R: Read> Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(out.len());
        out[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: Read> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        let buffered = self.inner.buffer();
        let amount = amount.min(buffered.len());
        for newline in memchr::memchr_iter(b'\n', &buffered[..amount]) {
            self.since_mark.push(self.offset + newline as u64);
            self.newlines += 1;
        }
        self.offset += amount as u64;
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::march::event::tests::day;

    fn read(xml: &str) -> Result<StepFile, StepFileError> {
        read_xml(xml.as_bytes(), "export.xml")
    }

    fn record(source: &str, start: &str, value: &str) -> String {
        format!(
            "<Record type=\"{STEP_TYPE}\" sourceName=\"{source}\" unit=\"count\" startDate=\"{start}\" \
             endDate=\"{start}\" value=\"{value}\"/>\n"
        )
    }

    #[test]
    fn largest_source_wins_and_decimals_round() {
        let xml = format!(
            "<HealthData>\n{}{}{}{}</HealthData>\n",
            record("iPhone", "2024-03-01 08:00:00 +0800", "4000"),
            record("iPhone", "2024-03-01 09:00:00 +0800", "1000.4"),
            record("Watch", "2024-03-01 08:00:00 +0800", "5100.2"),
            record("Watch", "2024-03-02 08:00:00 +0800", "12.5"),
        );
        let Ok(file) = read(&xml) else { panic!("reads") };
        assert_eq!(
            file.days,
            BTreeMap::from([(day("2024-03-01"), 5100), (day("2024-03-02"), 13)])
        );
        assert!(file.skipped.is_empty());
    }

    #[test]
    fn the_day_is_the_start_date_in_the_records_own_offset() {
        let xml = format!(
            "<HealthData>{}{}</HealthData>",
            // 2024-03-02 03:30 UTC, but 1 March in New York.
            record("iPhone", "2024-03-01 22:30:00 -0500", "700"),
            // 2024-03-01 16:10 UTC, but 2 March in Beijing.
            record("iPhone", "2024-03-02 00:10:00 +0800", "300"),
        );
        let Ok(file) = read(&xml) else { panic!("reads") };
        assert_eq!(
            file.days,
            BTreeMap::from([(day("2024-03-01"), 700), (day("2024-03-02"), 300)])
        );
    }

    #[test]
    fn bad_step_records_are_skipped_with_their_line() {
        let xml = format!(
            "<HealthData>\n{}{}{}{}<Record type=\"HKQuantityTypeIdentifierHeartRate\" value=\"x\"/>\n</HealthData>",
            record("iPhone", "2024-03-01", "10"),
            record("iPhone", "2024-03-01 08:00:00 +0800", "-3"),
            record("iPhone", "2024-03-01 08:00:00 +0800", "abc"),
            record("iPhone", "2024-03-01 08:00:00 +0800", "20"),
        );
        let Ok(file) = read(&xml) else { panic!("reads") };
        assert_eq!(file.days, BTreeMap::from([(day("2024-03-01"), 20)]));
        let found: Vec<(&str, &str)> = file
            .skipped
            .iter()
            .map(|s| (s.location.as_str(), s.reason.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "第2行 (Record)",
                    "开始时间“2024-03-01”无法识别（应如 2024-03-01 23:50:00 +0800）"
                ),
                ("第3行 (Record)", "步数不能为负数（-3）"),
                ("第4行 (Record)", "步数“abc”不是数字"),
            ]
        );
    }

    #[test]
    fn broken_xml_is_an_error_with_its_line() {
        let err = read("<HealthData>\n<Record type=\"x\">\n</Other>\n</HealthData>").err();
        let Some(StepFileError::Xml { line, reason, .. }) = err else {
            panic!("expected an XML error, got {err:?}");
        };
        assert_eq!(line, 3);
        assert_eq!(reason, "结束标签 </Other> 与开始标签 <Record> 不对应");
    }

    #[test]
    fn a_cut_short_export_is_an_error() {
        let err = read("<HealthData>\n<Record type=\"x\"/>\n").err();
        let Some(StepFileError::Xml { line, .. }) = err else {
            panic!("expected an XML error, got {err:?}");
        };
        assert_eq!(line, 3);
        let err = read("<HealthData>\n<Record type=\"x\" value=\"1").err();
        let Some(StepFileError::Xml { line, .. }) = err else {
            panic!("expected an XML error, got {err:?}");
        };
        assert_eq!(line, 2);
    }

    #[test]
    fn other_xml_is_not_apple_health() {
        assert!(matches!(
            read("<html></html>"),
            Err(StepFileError::NotAppleHealth { .. })
        ));
        assert!(matches!(read("  "), Err(StepFileError::NotAppleHealth { .. })));
    }

    #[test]
    fn line_counter_counts_consumed_newlines() {
        let mut counter = LineCounter::new(&b"a\nb\n\nc"[..]);
        let mut text = String::new();
        counter.mark();
        assert!(counter.read_to_string(&mut text).is_ok());
        assert_eq!(counter.line_at(0), 1);
        assert_eq!(counter.line_at(2), 2);
        assert_eq!(counter.line_at(5), 4);
        assert_eq!(counter.line_at(u64::MAX), 4);
    }
}
