//! `dangshi`: no arguments open the app; `dangshi check` validates banks like a compiler;
//! `dangshi import FILE -o OUT.ron` makes a bank from a spreadsheet or pasted text; `dangshi export
//! BANK -o OUT` writes a bank as Excel, CSV, JSON or RON; `dangshi steps preview
//! FILE` shows what a step file would import.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};

/// 党史学习：离线的党史学习、答题竞赛与“再走长征路”工具。不带参数运行即打开图形界面。
#[derive(Parser)]
#[command(name = "dangshi", version, about, long_about = None)]
struct Cli {
    /// 以全屏启动（会议室投影）
    #[arg(long)]
    fullscreen: bool,
    #[command(subcommand)]
    command: Option<CliCommand>,
}

#[derive(Subcommand)]
enum CliCommand {
    /// 检查题库：像编译器一样报告错误与警告（path:line:col），有错误时退出码为 1
    Check {
        /// 题库文件或文件夹（递归查找 .ron）；不给则检查内置题库
        paths: Vec<PathBuf>,
        /// 以 JSON 输出，供脚本使用
        #[arg(long)]
        json: bool,
    },
    /// 导出题库：先像 check 一样检查，无错误时按输出文件的扩展名写成 Excel（.xlsx，本软件模板）、
    /// CSV、JSON 或 RON；有错误时退出码为 1
    Export {
        /// 题库文件（.ron），或内置题库的文件名、id
        bank: String,
        /// 输出文件：.xlsx、.csv、.json 或 .ron
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 导入题目：Excel（.xlsx/.xls/.ods）、CSV 或粘贴的文本（.txt，智能识别），写成题库 .ron；
    /// 逐行报告未导入的行与警告，有未导入的行时退出码为 1
    Import {
        /// 要导入的文件
        file: PathBuf,
        /// 输出的题库文件（.ron）
        #[arg(short, long)]
        output: PathBuf,
    },
    /// 再走长征路的步数文件
    Steps {
        #[command(subcommand)]
        command: StepsCommand,
    },
}

#[derive(Subcommand)]
enum StepsCommand {
    /// 读取步数文件（Apple 健康 export.zip/export.xml、Google 健身 CSV 或 日期,步数 表格），
    /// 按天输出 CSV（date,steps）到标准输出，跳过的行写到标准错误；不改动任何数据。
    /// 文件无法读取时退出码为 1
    Preview {
        /// 步数文件
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let started = Instant::now();
    let cli = Cli::parse();
    match cli.command {
        None => match dangshi::ui::run(started, cli.fullscreen) {
            Ok(()) => ExitCode::SUCCESS,
            Err(err) => {
                eprintln!("dangshi: 无法打开窗口：{err}");
                ExitCode::FAILURE
            }
        },
        Some(CliCommand::Check { paths, json }) => {
            let library = dangshi::check::load_for_check(&paths);
            if json {
                let report = dangshi::check::render_json(&library);
                println!(
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_else(|err| err.to_string())
                );
            } else {
                print!("{}", dangshi::check::render_text(&library));
            }
            ExitCode::from(u8::try_from(dangshi::check::exit_code(&library)).unwrap_or(1))
        }
        Some(CliCommand::Import { file, output }) => {
            print_outcome(&dangshi::import::commands::run_import(&file, &output))
        }
        Some(CliCommand::Export { bank, output }) => {
            print_outcome(&dangshi::import::commands::run_export(&bank, &output))
        }
        Some(CliCommand::Steps {
            command: StepsCommand::Preview { file },
        }) => match dangshi::march::steps::read_step_file(&file) {
            Ok(steps) => {
                print!("{}", steps.to_csv());
                eprint!("{}", steps.report(&file.display().to_string()));
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("错误：{err}");
                ExitCode::FAILURE
            }
        },
    }
}

/// Prints a command's report and turns its code into the exit code.
fn print_outcome(outcome: &dangshi::import::commands::CommandOutcome) -> ExitCode {
    print!("{}", outcome.stdout);
    eprint!("{}", outcome.stderr);
    ExitCode::from(outcome.code)
}
