//! Streams a generated Apple Health `export.xml` (1 GiB by default; `DANGSHI_BENCH_MB` changes it)
//! through the step importer and reports the time and the process's peak memory before and after,
//! which shows that memory stays flat however large the export is. The file is written at run time
//! into the system temp folder and removed afterwards. Results are in docs/performance.md.

use std::fs::File;
use std::hint::black_box;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use criterion::{Criterion, criterion_group, criterion_main};
use dangshi::march::steps::{StepFormat, read_step_file};

/// Writes an export of about `bytes` bytes: runs of step records from an iPhone and a Watch, with
/// heart-rate records and metadata in between, over consecutive days. Returns the days written.
fn write_export(path: &Path, bytes: u64) -> std::io::Result<usize> {
    let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let mut written = 0u64;
    let header = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE HealthData [\n<!ELEMENT HealthData (ExportDate,Me,Record*)>\n]>\n<HealthData locale=\"zh_CN\">\n <ExportDate value=\"2026-11-30 20:00:00 +0800\"/>\n <Me HKCharacteristicTypeIdentifierDateOfBirth=\"1970-07-01\"/>\n";
    out.write_all(header.as_bytes())?;
    written += header.len() as u64;
    let start = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default();
    let mut day_index = 0usize;
    while written < bytes {
        let day = start + chrono::Days::new(day_index as u64);
        for hour in 6..22 {
            for (source, steps) in [("张三的 iPhone", 400 + hour), ("张三的 Apple Watch", 420 + hour)] {
                let record = format!(
                    " <Record type=\"HKQuantityTypeIdentifierStepCount\" sourceName=\"{source}\" sourceVersion=\"17.1\" device=\"&lt;&lt;HKDevice: 0x283a4c1e0&gt;, name:iPhone, manufacturer:Apple Inc., model:iPhone, hardware:iPhone14,5, software:17.1&gt;\" unit=\"count\" creationDate=\"{day} {hour:02}:10:00 +0800\" startDate=\"{day} {hour:02}:00:00 +0800\" endDate=\"{day} {hour:02}:09:00 +0800\" value=\"{steps}\"/>\n  <Record type=\"HKQuantityTypeIdentifierHeartRate\" sourceName=\"{source}\" unit=\"count/min\" creationDate=\"{day} {hour:02}:10:00 +0800\" startDate=\"{day} {hour:02}:05:00 +0800\" endDate=\"{day} {hour:02}:05:00 +0800\" value=\"72\">\n  <MetadataEntry key=\"HKMetadataKeyHeartRateMotionContext\" value=\"0\"/>\n </Record>\n"
                );
                out.write_all(record.as_bytes())?;
                written += record.len() as u64;
            }
        }
        day_index += 1;
    }
    out.write_all(b"</HealthData>\n")?;
    out.flush()?;
    Ok(day_index)
}

/// The process's peak resident memory so far, in MB (Linux; 0 elsewhere).
fn peak_memory_mb() -> u64 {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return 0;
    };
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

fn apple_health(c: &mut Criterion) {
    let megabytes: u64 = std::env::var("DANGSHI_BENCH_MB")
        .ok()
        .and_then(|mb| mb.parse().ok())
        .unwrap_or(1024);
    let path = std::env::temp_dir().join(format!("dangshi-bench-export-{}.xml", std::process::id()));
    let generated = Instant::now();
    let days = match write_export(&path, megabytes * 1024 * 1024) {
        Ok(days) => days,
        Err(err) => panic!("cannot write {}: {err}", path.display()),
    };
    let size_mb = std::fs::metadata(&path).map_or(0, |m| m.len()) / (1024 * 1024);
    eprintln!(
        "generated {size_mb} MB, {days} days in {:.1} s; peak memory before reading: {} MB",
        generated.elapsed().as_secs_f64(),
        peak_memory_mb()
    );

    let mut group = c.benchmark_group("apple_health_export");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Bytes(size_mb * 1024 * 1024));
    group.bench_function(format!("stream_{size_mb}_MB"), |b| {
        b.iter(|| {
            let file = match read_step_file(black_box(&path)) {
                Ok(file) => file,
                Err(err) => panic!("{err}"),
            };
            assert_eq!(file.format, StepFormat::AppleHealth);
            assert_eq!(file.days.len(), days);
            // Largest source (the Watch): 16 hourly records of 420 + hour steps.
            assert_eq!(
                file.days.values().next().copied(),
                Some((6..22).map(|h| 420 + h).sum())
            );
            file
        });
    });
    group.finish();
    eprintln!("peak memory after reading: {} MB", peak_memory_mb());
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, apple_health);
criterion_main!(benches);
