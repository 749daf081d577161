//! Importing questions from spreadsheets as trainers make them: a 考试宝-like xlsx with a notes row,
//! options in one cell, a GBK CSV from the Chinese Excel, our own template as UTF-8 CSV with BOM.

mod common;

use std::path::{Path, PathBuf};

use common::kinds::{multiple, single, strings};
use dangshi::bank::{Era, KindTag, Question, QuestionKind};
use dangshi::import::sheet::{Sheet, read_table_file};
use dangshi::import::table::import_rows;
use dangshi::import::{ImportOptions, ImportRow, RowStatus};
use rust_xlsxwriter::Workbook;

/// A cell to write: text, a number, or nothing.
enum Cell {
    Text(&'static str),
    Number(f64),
    Empty,
}

fn text_row(cells: &[&'static str]) -> Vec<Cell> {
    cells
        .iter()
        .map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c) })
        .collect()
}

/// Writes `rows` (row 0 is Excel's row 1) to `name` in a new temporary folder.
fn write_xlsx(name: &str, rows: &[Vec<Cell>]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(name);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, cells) in rows.iter().enumerate() {
        let row = u32::try_from(row).expect("row number");
        for (column, cell) in cells.iter().enumerate() {
            let column = u16::try_from(column).expect("column number");
            match cell {
                Cell::Text(text) => {
                    sheet.write_string(row, column, *text).expect("write text");
                }
                Cell::Number(number) => {
                    sheet.write_number(row, column, *number).expect("write number");
                }
                Cell::Empty => {}
            }
        }
    }
    workbook.save(&path).expect("save xlsx");
    (dir, path)
}

fn read(path: &Path) -> Sheet {
    match read_table_file(path, None) {
        Ok(sheet) => sheet,
        Err(error) => panic!("{}: {error}", path.display()),
    }
}

fn import(sheet: &Sheet) -> Vec<ImportRow> {
    match import_rows(sheet, &ImportOptions::default()) {
        Ok(rows) => rows,
        Err(error) => panic!("{error}"),
    }
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

/// What a row should come to: imported (id, kind) or refused (error), and the warnings.
#[derive(Debug, PartialEq)]
struct Outcome {
    location: String,
    result: Result<(String, QuestionKind), String>,
    warnings: Vec<String>,
}

fn outcome(row: &ImportRow) -> Outcome {
    let result = match (&row.question, &row.error) {
        (Some(question), None) => Ok((question.id.clone(), question.kind.clone())),
        (None, Some(error)) => Err(error.clone()),
        other => panic!("{}: question and error {other:?}", row.location),
    };
    Outcome {
        location: row.location.clone(),
        result,
        warnings: row.warnings.clone(),
    }
}

fn imported(line: usize, id: usize, kind: QuestionKind, warnings: &[&str]) -> Outcome {
    Outcome {
        location: format!("第{line}行"),
        result: Ok((format!("imp-{id:04}"), kind)),
        warnings: strings(warnings),
    }
}

fn refused(line: usize, error: &str) -> Outcome {
    Outcome {
        location: format!("第{line}行"),
        result: Err(error.to_owned()),
        warnings: Vec::new(),
    }
}

fn question<'a>(rows: &'a [ImportRow], location: &str) -> &'a Question {
    let Some(question) = rows
        .iter()
        .find(|r| r.location == location)
        .and_then(|r| r.question.as_ref())
    else {
        panic!("{location} imported")
    };
    question
}

const NO_EXPLANATION: &str = "缺少解析 explanation：答错的人需要知道为什么";

#[test]
fn a_kaoshibao_like_workbook() {
    use Cell::{Empty, Number};
    let judge = |stem: &'static str, answer: &'static str, explanation: &'static str| {
        text_row(&["判断题", stem, "", "", "", "", "", answer, explanation])
    };
    let rows = vec![
        text_row(&[
            "说明：题型可填 单选题/多选题/判断题/填空题/排序题；答案填选项字母；判断题答案填 正确 或 错误。",
        ]),
        text_row(&[
            "题型", "题干", "选项A", "选项B", "选项C", "选项D", "选项E", "答案", "解析", "难度", "章节",
        ]),
        // 第3行
        vec![
            Cell::Text("单选题"),
            Cell::Text("中国共产党第一次全国代表大会在（ ）开幕。"),
            Cell::Text("上海"),
            Cell::Text("北京"),
            Cell::Text("广州"),
            Cell::Text("长沙"),
            Empty,
            Cell::Text("A"),
            Cell::Text("1921年7月23日，中共一大在上海开幕。"),
            Number(2.0),
            Cell::Text("建党前后"),
        ],
        // 第4行: the answer is an option's text (numbers in the cells).
        vec![
            Cell::Text("单选题"),
            Cell::Text("遵义会议召开于哪一年？"),
            Number(1933.0),
            Number(1934.0),
            Number(1935.0),
            Number(1936.0),
            Empty,
            Number(1935.0),
            Cell::Text("1935年1月，中共中央在遵义召开政治局扩大会议。"),
            Cell::Text("中等"),
            Cell::Text("土地革命战争时期"),
        ],
        // 第5行
        text_row(&[
            "多选题",
            "中国革命的三大法宝是（ ）。",
            "统一战线",
            "土地革命",
            "武装斗争",
            "党的建设",
            "",
            "ACD",
            "毛泽东在《〈共产党人〉发刊词》中提出。",
        ]),
        // 第6行
        text_row(&[
            "多选题",
            "遵义会议后组成的新的“三人团”成员有（ ）。",
            "周恩来",
            "博古",
            "王稼祥",
            "毛泽东",
            "李德",
            "A,C,D",
            "新的三人团由周恩来、毛泽东、王稼祥组成。",
        ]),
        // 第7–14行
        judge(
            "中共一大通过了党的第一个纲领。",
            "对",
            "一大通过了《中国共产党第一个纲领》。",
        ),
        judge("遵义会议在江西瑞金召开。", "错", ""),
        judge(
            "古田会议确立了思想建党、政治建军的原则。",
            "√",
            "1929年12月古田会议。",
        ),
        judge("南昌起义发生在1928年。", "×", "南昌起义发生在1927年8月1日。"),
        judge(
            "三大主力红军会宁会师标志着长征胜利结束。",
            "正确",
            "1936年10月会宁会师。",
        ),
        judge("中共七大在西柏坡召开。", "错误", "中共七大在延安召开。"),
        text_row(&[
            "判断题",
            "1949年3月，中共七届二中全会在西柏坡召开。",
            "正确",
            "错误",
            "",
            "",
            "",
            "A",
            "七届二中全会提出“两个务必”。",
        ]),
        text_row(&[
            "判断题",
            "八七会议在上海召开。",
            "正确",
            "错误",
            "",
            "",
            "",
            "B",
            "八七会议在汉口召开。",
        ]),
        // 第15行
        text_row(&[
            "填空题",
            "中国共产党第一次全国代表大会于（  ）年在（  ）召开。",
            "",
            "",
            "",
            "",
            "",
            "1921；上海/嘉兴",
            "会议在上海开幕，最后一天转移到浙江嘉兴南湖的游船上举行。",
            "",
            "建党前后",
        ]),
        // 第16行: the blanks' answers in the option columns.
        text_row(&[
            "填空题",
            "1935年1月，中共中央在贵州（ ）召开政治局扩大会议，确立了（ ）在党中央和红军的领导地位。",
            "遵义",
            "毛泽东/毛泽东同志",
            "",
            "",
            "",
            "",
            "遵义会议是党的历史上一个生死攸关的转折点。",
        ]),
        // 第17行
        text_row(&[
            "排序题",
            "将下列会议按召开时间先后排序。",
            "遵义会议",
            "中共一大",
            "古田会议",
            "",
            "",
            "BCA",
            "1921年、1929年、1935年。",
            "较难",
        ]),
        // 第18行
        text_row(&["简答题", "简述遵义会议的历史意义。", "", "", "", "", "", "略"]),
        // 第19行: no kind: options and one letter make a 单选.
        text_row(&[
            "",
            "全民族抗战开始的标志是（ ）。",
            "九一八事变",
            "七七事变",
            "八一三事变",
            "西安事变",
            "",
            "B",
            "1937年7月7日卢沟桥事变。",
            "",
            "抗日战争时期",
        ]),
        // 第20行: numbers as Excel shows them.
        vec![
            Cell::Text("单选题"),
            Cell::Text("下列数中，哪一个是中共一大召开的年份？"),
            Number(1921.0),
            Number(3.5),
            Number(1949.0),
            Empty,
            Empty,
            Cell::Text("A"),
            Cell::Text("1921年。"),
            Empty,
            Cell::Text("其他"),
        ],
        // 第21行: empty, skipped.
        Vec::new(),
        // 第22行
        text_row(&[
            "单选题",
            "中共二大在（ ）召开。",
            "上海",
            "北京",
            "广州",
            "杭州",
            "",
            "F",
            "1922年7月在上海。",
        ]),
        // 第23行
        text_row(&["单选题", "", "甲", "乙", "", "", "", "A", "解析"]),
    ];
    let (_dir, path) = write_xlsx("考试宝.xlsx", &rows);
    let sheet = read(&path);
    assert_eq!(sheet.rows[19][2..5], strings(&["1921", "3.5", "1949"]));
    let rows = import(&sheet);
    let judge =
        |line, id, answer, warnings: &[&str]| imported(line, id, QuestionKind::Judge { answer }, warnings);
    let expected = vec![
        imported(3, 1, single(&["上海", "北京", "广州", "长沙"], 0), &[]),
        imported(4, 2, single(&["1933", "1934", "1935", "1936"], 2), &[]),
        imported(
            5,
            3,
            multiple(&["统一战线", "土地革命", "武装斗争", "党的建设"], &[0, 2, 3]),
            &[],
        ),
        imported(
            6,
            4,
            multiple(&["周恩来", "博古", "王稼祥", "毛泽东", "李德"], &[0, 2, 3]),
            &[],
        ),
        judge(7, 5, true, &[]),
        judge(8, 6, false, &[NO_EXPLANATION]),
        judge(9, 7, true, &[]),
        judge(10, 8, false, &[]),
        judge(11, 9, true, &[]),
        judge(12, 10, false, &[]),
        judge(13, 11, true, &[]),
        judge(14, 12, false, &[]),
        imported(
            15,
            13,
            QuestionKind::Fill {
                blanks: vec![strings(&["1921"]), strings(&["上海", "嘉兴"])],
            },
            &[],
        ),
        imported(
            16,
            14,
            QuestionKind::Fill {
                blanks: vec![strings(&["遵义"]), strings(&["毛泽东", "毛泽东同志"])],
            },
            &[],
        ),
        imported(
            17,
            15,
            QuestionKind::Order {
                items: strings(&["中共一大", "古田会议", "遵义会议"]),
            },
            &[],
        ),
        refused(18, "不支持的题型“简答题”，未导入"),
        imported(
            19,
            16,
            single(&["九一八事变", "七七事变", "八一三事变", "西安事变"], 1),
            &[],
        ),
        imported(
            20,
            17,
            single(&["1921", "3.5", "1949"], 0),
            &["未识别时期，记为综合（党章党规、精神谱系等）"],
        ),
        refused(22, "答案 F 超出选项范围（共 4 个选项）"),
        refused(23, "题干为空"),
    ];
    assert_eq!(rows.iter().map(outcome).collect::<Vec<_>>(), expected);

    let statuses: Vec<RowStatus> = rows.iter().map(ImportRow::status).collect();
    assert_eq!(statuses.iter().filter(|s| **s == RowStatus::Ok).count(), 15);
    assert_eq!(statuses.iter().filter(|s| **s == RowStatus::Warning).count(), 2);
    assert_eq!(statuses.iter().filter(|s| **s == RowStatus::Error).count(), 3);

    // Metadata: difficulty, era from the chapter, the chapter as a tag, the explanation.
    let first = question(&rows, "第3行");
    assert_eq!((first.difficulty, first.era), (2, Era::Founding));
    assert_eq!(first.tags, strings(&["建党前后"]));
    assert_eq!(first.explanation, "1921年7月23日，中共一大在上海开幕。");
    let zunyi = question(&rows, "第4行");
    assert_eq!((zunyi.difficulty, zunyi.era), (3, Era::LandRevolution));
    let fill = question(&rows, "第15行");
    assert_eq!(fill.stem, "中国共产党第一次全国代表大会于___年在___召开。");
    let order = question(&rows, "第17行");
    assert_eq!(
        (order.difficulty, order.era, order.tags.len()),
        (4, Era::General, 0)
    );
    assert_eq!(question(&rows, "第19行").era, Era::AntiJapanese);
    assert_eq!(rows[0].excerpt, "中国共产党第一次全国代表大会在（ ）开幕。");
    assert_eq!(rows[19].excerpt, "单选题 甲 乙 A 解析");
}

#[test]
fn options_in_one_cell() {
    let rows = vec![
        text_row(&["题目", "选项", "答案"]),
        text_row(&["中共一大在（ ）开幕。", "A.上海/B.嘉兴/C.北京", "A"]),
        text_row(&["中共一大最后一天的会议在（ ）举行。", "A、上海 B、嘉兴", "B"]),
        text_row(&[
            "中国革命的三大法宝包括（ ）。",
            "A.统一战线\nB.武装斗争\nC.土地改革\nD.党的建设",
            "ABD",
        ]),
        text_row(&["中共一大在（ ）开幕。", "上海", "A"]),
    ];
    let (_dir, path) = write_xlsx("一格选项.xlsx", &rows);
    let rows = import(&read(&path));
    let expected = vec![
        imported(2, 1, single(&["上海", "嘉兴", "北京"], 0), &[NO_EXPLANATION]),
        imported(3, 2, single(&["上海", "嘉兴"], 1), &[NO_EXPLANATION]),
        imported(
            4,
            3,
            multiple(&["统一战线", "武装斗争", "土地改革", "党的建设"], &[0, 1, 3]),
            &[NO_EXPLANATION],
        ),
        refused(
            5,
            "无法从选项“上海”分出各个选项（应写成 A.上海/B.嘉兴 或每行一个）",
        ),
    ];
    assert_eq!(rows.iter().map(outcome).collect::<Vec<_>>(), expected);
}

#[test]
fn a_gbk_csv_from_the_chinese_excel() {
    let sheet = read(&fixture("table_gbk.csv"));
    assert_eq!(sheet.name, "table_gbk.csv");
    let rows = import(&sheet);
    let expected = vec![
        imported(2, 1, single(&["1919", "1920", "1921", "1922"], 2), &[]),
        imported(
            3,
            2,
            multiple(&["毛泽东", "董必武", "周恩来", "陈潭秋"], &[0, 1, 3]),
            &[],
        ),
        imported(4, 3, QuestionKind::Judge { answer: true }, &[]),
        imported(
            5,
            4,
            QuestionKind::Fill {
                blanks: vec![strings(&["瑞金", "于都"]), strings(&["吴起镇"])],
            },
            &[NO_EXPLANATION],
        ),
        refused(6, "不支持的题型“简答题”，未导入"),
        imported(
            8,
            5,
            single(&["遵义会议", "古田会议", "洛川会议", "八七会议"], 1),
            &[],
        ),
    ];
    assert_eq!(rows.iter().map(outcome).collect::<Vec<_>>(), expected);
    assert_eq!(
        question(&rows, "第5行").stem,
        "中央红军从___等地出发开始长征，1935年10月到达陕北___。"
    );
    assert_eq!(
        question(&rows, "第8行").stem,
        "下列会议中，确立\"思想建党、政治建军\"原则的是（ ）。"
    );
    assert_eq!(
        question(&rows, "第2行").explanation,
        "1921年7月，中共一大在上海开幕。"
    );
}

#[test]
fn our_template_as_utf8_csv_with_bom() {
    let rows = import(&read(&fixture("table_bom.csv")));
    let expected = vec![
        Outcome {
            location: "第2行".into(),
            result: Ok(("ds-zunyi".into(), single(&["1934", "1935", "1936"], 1))),
            warnings: Vec::new(),
        },
        imported(
            3,
            2,
            QuestionKind::Order {
                items: strings(&["中共一大召开", "南昌起义", "遵义会议"]),
            },
            &[],
        ),
        imported(4, 3, QuestionKind::Judge { answer: false }, &[]),
    ];
    assert_eq!(rows.iter().map(outcome).collect::<Vec<_>>(), expected);
    let zunyi = question(&rows, "第2行");
    assert_eq!(zunyi.source, "《中国共产党简史》第三章");
    assert_eq!((zunyi.difficulty, zunyi.era), (2, Era::LandRevolution));
    assert_eq!(zunyi.tags, strings(&["长征", "重要会议"]));
    assert_eq!(zunyi.image, None);
    let seventh = question(&rows, "第4行");
    assert_eq!(
        (seventh.kind.tag(), seventh.difficulty, seventh.era),
        (KindTag::Judge, 2, Era::AntiJapanese)
    );
}

#[test]
fn a_sheet_without_a_header_is_refused() {
    let rows = vec![
        text_row(&["姓名", "单位", "成绩"]),
        text_row(&["张三", "一支部", "95"]),
    ];
    let (_dir, path) = write_xlsx("成绩.xlsx", &rows);
    let Err(message) = import_rows(&read(&path), &ImportOptions::default()) else {
        panic!("no header")
    };
    assert!(
        message.starts_with("没有找到表头：前 10 行中没有一行同时有“题干”列和“答案”或“题型”列。"),
        "{message}"
    );
    assert!(message.contains("题干（或 题目、题目内容"), "{message}");
    let Err(message) = import_rows(
        &Sheet {
            name: "空".into(),
            rows: Vec::new(),
        },
        &ImportOptions::default(),
    ) else {
        panic!("empty sheet")
    };
    assert!(message.starts_with("没有找到表头"), "{message}");
}
