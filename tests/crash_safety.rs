//! Kill test: a child process answers questions and saves after each one; the parent kills it with
//! SIGKILL at random moments and checks that every acknowledged answer survived.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use chrono::{FixedOffset, TimeDelta, TimeZone};
use dangshi::bank::{Era, Question, QuestionKind};
use dangshi::practice::record::Mode;
use dangshi::store::study::{StudyLoad, load_study, save_study};

const CHILD_ENV: &str = "DANGSHI_CRASH_CHILD_FILE";
const KILLS: usize = 200;

fn question(n: u64) -> Question {
    Question {
        id: format!("q{}", n % 40),
        stem: "陈述。".into(),
        kind: QuestionKind::Judge { answer: true },
        explanation: String::new(),
        source: String::new(),
        era: Era::General,
        tags: Vec::new(),
        difficulty: 1,
        image: None,
    }
}

/// The child: answers in a loop, saving after each answer and then printing `ack N`.
#[test]
fn crash_child() {
    let Some(path) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    let path = Path::new(&path);
    let (mut record, outcome) = load_study(path);
    assert!(matches!(outcome, StudyLoad::Fine), "child found {outcome:?}");
    let start = FixedOffset::east_opt(8 * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(2026, 7, 1, 8, 0, 0).single())
        .expect("time");
    let stdout = std::io::stdout();
    loop {
        let n = record.answers;
        let now = start + TimeDelta::minutes(n as i64);
        record.record_answer(&question(n), n % 3 != 0, Mode::Random, now);
        record.toggle_favourite(&question(n).id);
        save_study(path, &record).expect("save");
        let mut out = stdout.lock();
        writeln!(out, "ack {}", record.answers).expect("stdout");
        out.flush().expect("flush");
    }
}

#[test]
fn killed_at_random_moments_the_saved_record_keeps_every_acknowledged_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("profiles").join("1").join("study.ron");
    let exe = std::env::current_exe().expect("test binary");
    let mut acknowledged = 0u64;
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for kill in 0..KILLS {
        let mut child = Command::new(&exe)
            .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, &file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("child stdout");
        let reader = std::thread::spawn(move || {
            BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
                .filter_map(|line| line.strip_prefix("ack ")?.parse::<u64>().ok())
                .max()
        });
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_micros(2_000 + seed % 30_000));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        if let Some(last) = reader.join().expect("reader") {
            acknowledged = acknowledged.max(last);
        }
        let (record, outcome) = load_study(&file);
        assert!(
            matches!(outcome, StudyLoad::Fine),
            "kill {kill}: the saved file was not whole: {outcome:?}"
        );
        assert!(
            record.answers >= acknowledged,
            "kill {kill}: {} answers saved, {acknowledged} acknowledged",
            record.answers
        );
        let per_question: u64 = record.questions.values().map(|q| u64::from(q.answered)).sum();
        let per_day: u64 = record.days.values().map(|d| u64::from(d.answered)).sum();
        assert_eq!(
            per_question, record.answers,
            "kill {kill}: question histories add up"
        );
        assert_eq!(per_day, record.answers, "kill {kill}: days add up");
    }
    assert!(
        acknowledged > KILLS as u64,
        "the children answered: {acknowledged}"
    );
}
