//! Reading a spreadsheet (xlsx, xls, ods) or a CSV file into rows of text, each cell as Excel
//! shows it. CSV files may be UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK as the
//! Chinese Excel writes them.

use std::path::Path;

use calamine::{Data, Reader, Sheets};

/// A sheet as text cells, rows in order (row 0 is the sheet's first row, so row `i` is Excel's
/// row `i + 1`). In a workbook, column 0 is the sheet's first used column. Rows may have different
/// lengths; trailing empty cells are dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// The sheet's name (a CSV file's name).
    pub name: String,
    /// The cells, trimmed; empty cells are `""`.
    pub rows: Vec<Vec<String>>,
}

/// Why a table file cannot be read, in Chinese, naming the file.
#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    /// The file cannot be opened or read.
    #[error("无法读取文件“{file}”：{reason}")]
    Open {
        /// The file's name.
        file: String,
        /// The system's explanation.
        reason: String,
    },
    /// The file is not a spreadsheet we can read, or is damaged.
    #[error("文件“{file}”不是可以读取的表格（支持 xlsx、xls、ods、csv）：{reason}")]
    NotSpreadsheet {
        /// The file's name.
        file: String,
        /// The reader's explanation.
        reason: String,
    },
    /// The workbook has no sheet of that name.
    #[error("文件“{file}”中没有名为“{sheet}”的工作表")]
    NoSuchSheet {
        /// The file's name.
        file: String,
        /// The sheet asked for.
        sheet: String,
    },
    /// The workbook has no sheets at all.
    #[error("文件“{file}”中没有任何工作表")]
    EmptyWorkbook {
        /// The file's name.
        file: String,
    },
}

/// The name shown for `path` in messages: its file name, or the whole path if it has none.
fn file_label(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

fn open_workbook(path: &Path) -> Result<Sheets<std::io::BufReader<std::fs::File>>, SheetError> {
    let file = file_label(path);
    // Opening first tells "cannot read the file" apart from "not a spreadsheet".
    std::fs::File::open(path).map_err(|e| SheetError::Open {
        file: file.clone(),
        reason: e.to_string(),
    })?;
    calamine::open_workbook_auto(path).map_err(|e| match e {
        calamine::Error::Io(e) => SheetError::Open {
            file,
            reason: e.to_string(),
        },
        other => SheetError::NotSpreadsheet {
            file,
            reason: other.to_string(),
        },
    })
}

/// Names of the workbook's sheets, in the workbook's order (xlsx, xlsm, xls, ods; the format is
/// found from the extension, or from the content when the extension says nothing).
pub fn sheet_names(path: &Path) -> Result<Vec<String>, SheetError> {
    let names = open_workbook(path)?.sheet_names();
    if names.is_empty() {
        return Err(SheetError::EmptyWorkbook {
            file: file_label(path),
        });
    }
    Ok(names)
}

/// Reads one sheet (`None`: the first) of an xlsx, xlsm, xls or ods file.
pub fn read_workbook(path: &Path, sheet: Option<&str>) -> Result<Sheet, SheetError> {
    let file = file_label(path);
    let mut workbook = open_workbook(path)?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => {
            names
                .into_iter()
                .find(|name| name == wanted)
                .ok_or_else(|| SheetError::NoSuchSheet {
                    file: file.clone(),
                    sheet: wanted.to_owned(),
                })?
        }
        None => names
            .into_iter()
            .next()
            .ok_or_else(|| SheetError::EmptyWorkbook { file: file.clone() })?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| SheetError::NotSpreadsheet {
            file,
            reason: e.to_string(),
        })?;
    // The range starts at the first used cell; empty rows above it keep Excel's row numbers.
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = vec![Vec::new(); first_row];
    rows.extend(
        range
            .rows()
            .map(|row| trim_row(row.iter().map(cell_text).collect())),
    );
    Ok(Sheet { name, rows })
}

/// A cell as Excel shows it: strings trimmed, whole numbers without `.0`, other numbers in their
/// shortest exact form, booleans as TRUE/FALSE, dates as `YYYY-MM-DD` (with the time if it has
/// one; a time alone as `HH:MM:SS`), errors and empty cells as `""`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::String(text) => text.trim().to_owned(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => float_text(*number),
        Data::Bool(true) => "TRUE".into(),
        Data::Bool(false) => "FALSE".into(),
        Data::DateTime(datetime) => {
            let (year, month, day, hour, minute, second, _) = datetime.to_ymd_hms_milli();
            let time = format!("{hour:02}:{minute:02}:{second:02}");
            if datetime.is_duration() || datetime.as_f64().abs() < 1.0 {
                time
            } else if (hour, minute, second) == (0, 0, 0) {
                format!("{year:04}-{month:02}-{day:02}")
            } else {
                format!("{year:04}-{month:02}-{day:02} {time}")
            }
        }
        Data::DateTimeIso(text) => match text.trim().split_once('T') {
            Some((date, "00:00:00")) => date.to_owned(),
            Some((date, time)) => format!("{date} {time}"),
            None => text.trim().to_owned(),
        },
        Data::DurationIso(text) => text.trim().to_owned(),
        Data::Error(_) | Data::Empty => String::new(),
    }
}

/// A number as Excel shows it in a General cell: `3`, `3.5`, `0.1`. Excel keeps 15 significant
/// digits (so a sum shows `0.3`, not `0.30000000000000004`); Rust's `Display` for `f64` then gives
/// the shortest text that reads back to the same number, without `.0`.
fn float_text(number: f64) -> String {
    if !number.is_finite() {
        return String::new();
    }
    let shown: f64 = format!("{number:.14e}").parse().unwrap_or(number);
    if shown == 0.0 {
        "0".into()
    } else {
        shown.to_string()
    }
}

fn trim_row(mut cells: Vec<String>) -> Vec<String> {
    while cells.last().is_some_and(String::is_empty) {
        cells.pop();
    }
    cells
}

/// Reads a CSV file's bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030/GBK
/// (what the Chinese Excel writes; chosen when the bytes are not valid UTF-8). Cells are separated
/// by tabs if the first line has one, else by commas. Rows may have different lengths; blank lines
/// are kept as empty rows so that row numbers match what Excel shows. `name` names the file in
/// messages and becomes the sheet's name.
pub fn read_csv(name: &str, bytes: &[u8]) -> Result<Sheet, SheetError> {
    let text = decode_text(bytes);
    let delimiter = if text.lines().next().is_some_and(|line| line.contains('\t')) {
        b'\t'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let bytes = text.as_bytes();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    // Where the previous record starts and where the reader stopped after it, in bytes.
    let mut previous: Option<(usize, usize)> = None;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The reader skips blank lines; count them from the bytes it went over.
                let end =
                    usize::try_from(reader.position().byte()).map_or(bytes.len(), |e| e.min(bytes.len()));
                let from = previous.map_or(0, |(_, previous_end)| previous_end.min(end));
                let start = from
                    + bytes[from..end]
                        .iter()
                        .take_while(|b| matches!(b, b'\r' | b'\n'))
                        .count();
                let blank_lines = match previous {
                    None => line_breaks(&bytes[..start]),
                    Some((previous_start, previous_end)) => {
                        // The gap holds the previous record's line break, then one per blank line.
                        let mut gap = previous_end.min(start);
                        while gap > previous_start && matches!(bytes[gap - 1], b'\r' | b'\n') {
                            gap -= 1;
                        }
                        line_breaks(&bytes[gap..start]).saturating_sub(1)
                    }
                };
                rows.extend(std::iter::repeat_n(Vec::new(), blank_lines));
                rows.push(trim_row(
                    record.iter().map(|cell| cell.trim().to_owned()).collect(),
                ));
                previous = Some((start, end));
            }
            Err(e) => {
                return Err(SheetError::NotSpreadsheet {
                    file: name.to_owned(),
                    reason: e.to_string(),
                });
            }
        }
    }
    Ok(Sheet {
        name: name.to_owned(),
        rows,
    })
}

/// Line breaks in `bytes`: `\n`, `\r\n` or a lone `\r`.
fn line_breaks(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')))
        .count()
}

/// Decodes a text file: by its BOM (UTF-8, UTF-16), as UTF-8 if it is valid, else as GB18030 (a
/// superset of GBK).
fn decode_text(bytes: &[u8]) -> String {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_length..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => encoding_rs::GB18030
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Reads a table file, chosen by extension (case-insensitive): `csv`, `tsv` and `txt` as CSV
/// (`sheet` is then ignored); anything else as a workbook (xlsx, xlsm, xls, ods; `sheet`: `None`
/// for the first).
pub fn read_table_file(path: &Path, sheet: Option<&str>) -> Result<Sheet, SheetError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("csv" | "tsv" | "txt") => {
            let bytes = std::fs::read(path).map_err(|e| SheetError::Open {
                file: file_label(path),
                reason: e.to_string(),
            })?;
            read_csv(&file_label(path), &bytes)
        }
        _ => read_workbook(path, sheet),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(sheet: &Sheet) -> Vec<Vec<&str>> {
        sheet
            .rows
            .iter()
            .map(|row| row.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn numbers_show_as_excel_shows_them() {
        assert_eq!(float_text(1921.0), "1921");
        assert_eq!(float_text(3.5), "3.5");
        assert_eq!(float_text(0.1 + 0.2), "0.3");
        assert_eq!(float_text(3.4999999999999996), "3.5");
        assert_eq!(float_text(1.0 / 3.0), "0.333333333333333");
        assert_eq!(float_text(0.1), "0.1");
        assert_eq!(float_text(-0.0), "0");
        assert_eq!(float_text(-2.0), "-2");
        assert_eq!(float_text(f64::NAN), "");
        assert_eq!(cell_text(&Data::Int(7)), "7");
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        assert_eq!(cell_text(&Data::String("  上海 ".into())), "上海");
        assert_eq!(
            cell_text(&Data::DateTimeIso("1921-07-01T00:00:00".into())),
            "1921-07-01"
        );
        assert_eq!(cell_text(&Data::Empty), "");
    }

    #[test]
    fn csv_utf8_with_and_without_bom_keeps_blank_lines() {
        let text = "题干,答案\n\n\"一，二\",A\n\"两\n行\",B\n短\n";
        let Ok(plain) = read_csv("a.csv", text.as_bytes()) else {
            panic!("plain UTF-8")
        };
        assert_eq!(
            rows(&plain),
            vec![
                vec!["题干", "答案"],
                vec![],
                vec!["一，二", "A"],
                vec!["两\n行", "B"],
                vec!["短"]
            ]
        );
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(text.as_bytes());
        let Ok(bom) = read_csv("a.csv", &with_bom) else {
            panic!("UTF-8 with BOM")
        };
        assert_eq!(bom.rows, plain.rows);
        assert_eq!(bom.name, "a.csv");
        let Ok(crlf) = read_csv("a.csv", "\r\n\r\n题干\r\n\"x\r\ny\"\r\n\r\n\r\nb".as_bytes()) else {
            panic!("CRLF")
        };
        assert_eq!(
            rows(&crlf),
            vec![
                vec![],
                vec![],
                vec!["题干"],
                vec!["x\r\ny"],
                vec![],
                vec![],
                vec!["b"]
            ]
        );
    }

    #[test]
    fn csv_utf16_gbk_and_tabs() {
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "题干\t答案\r\n遵义, 会议\tA\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let Ok(sheet) = read_csv("b.txt", &utf16) else {
            panic!("UTF-16")
        };
        assert_eq!(rows(&sheet), vec![vec!["题干", "答案"], vec!["遵义, 会议", "A"]]);
        let (gbk, _, _) = encoding_rs::GBK.encode("题干,答案\n中共一大,A\n");
        let Ok(sheet) = read_csv("c.csv", &gbk) else {
            panic!("GBK")
        };
        assert_eq!(rows(&sheet), vec![vec!["题干", "答案"], vec!["中共一大", "A"]]);
    }

    #[test]
    fn csv_edge_cases_do_not_fail() {
        for bytes in [
            &b""[..],
            b"\n\n",
            b"\"unclosed",
            b",,,\n,",
            b"\xFF\xFE\x00",
            b"\x81",
        ] {
            assert!(read_csv("x.csv", bytes).is_ok(), "{bytes:?}");
        }
        let Ok(sheet) = read_csv("x.csv", b",,,\na,,\n") else {
            panic!("commas")
        };
        assert_eq!(rows(&sheet), vec![vec![], vec!["a"]]);
    }

    #[test]
    fn workbook_cells_as_text() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("cells.xlsx");
        let mut workbook = rust_xlsxwriter::Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name("第一页").expect("name");
        let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        let founding = rust_xlsxwriter::ExcelDateTime::from_ymd(1921, 7, 1).expect("date");
        sheet.write_string(1, 1, " 文字 ").expect("write");
        sheet.write_number(1, 2, 1921.0).expect("write");
        sheet.write_number(1, 3, 3.5).expect("write");
        sheet.write_boolean(1, 4, true).expect("write");
        sheet
            .write_datetime_with_format(1, 5, &founding, &date)
            .expect("write");
        sheet.write_number(2, 1, 0.1).expect("write");
        workbook.add_worksheet().set_name("第二页").expect("name");
        workbook.save(&path).expect("save");

        let Ok(names) = sheet_names(&path) else {
            panic!("names")
        };
        assert_eq!(names, ["第一页", "第二页"]);
        let Ok(sheet) = read_table_file(&path, None) else {
            panic!("read")
        };
        assert_eq!(sheet.name, "第一页");
        assert_eq!(
            rows(&sheet),
            vec![
                vec![],
                vec!["文字", "1921", "3.5", "TRUE", "1921-07-01"],
                vec!["0.1"]
            ]
        );
        let Ok(second) = read_workbook(&path, Some("第二页")) else {
            panic!("second sheet")
        };
        assert!(second.rows.is_empty());
        let Err(missing) = read_workbook(&path, Some("第三页")) else {
            panic!("no such sheet")
        };
        assert_eq!(missing.to_string(), "文件“cells.xlsx”中没有名为“第三页”的工作表");
    }

    #[test]
    fn unreadable_files_are_named() {
        let dir = tempfile::tempdir().expect("temp dir");
        let Err(error) = read_table_file(&dir.path().join("无.xlsx"), None) else {
            panic!("missing file")
        };
        assert!(
            matches!(&error, SheetError::Open { file, .. } if file == "无.xlsx"),
            "{error}"
        );
        let fake = dir.path().join("fake.xlsx");
        std::fs::write(&fake, "不是表格").expect("write");
        let Err(error) = read_table_file(&fake, None) else {
            panic!("not a spreadsheet")
        };
        assert!(
            matches!(&error, SheetError::NotSpreadsheet { file, .. } if file == "fake.xlsx"),
            "{error}"
        );
        let Err(error) = read_table_file(&dir.path().join("无.csv"), None) else {
            panic!("missing CSV")
        };
        assert!(error.to_string().starts_with("无法读取文件“无.csv”"), "{error}");
    }
}
