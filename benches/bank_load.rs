//! Parse + validate a generated 100,000-question bank, against serde_json parsing the same
//! questions as JSON. Results and the ratio are recorded in docs/performance.md.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dangshi::bank::{Bank, BankOrigin, LoadedBank};

#[path = "../tests/common/generated.rs"]
mod generated;
use generated::{generated_bank, generated_ron};

const QUESTIONS: usize = 100_000;

fn bank_load(c: &mut Criterion) {
    let bank = generated_bank(QUESTIONS);
    let ron_text = generated_ron(QUESTIONS);
    let json_text = serde_json::to_string_pretty(&bank).expect("JSON");
    let mut group = c.benchmark_group("bank_load_100k");
    group.sample_size(10);
    // The text is handed over as an owned String, as when a bank file has just been read.
    group.bench_function("ron_parse_and_validate", |b| {
        b.iter_batched(
            || ron_text.clone(),
            |text| {
                let loaded = LoadedBank::from_text(
                    BankOrigin::Bundled {
                        name: "gen.ron".into(),
                    },
                    text,
                );
                assert_eq!(loaded.usable_questions().count(), QUESTIONS);
                loaded
            },
            BatchSize::LargeInput,
        );
    });
    group.bench_function("ron_parse_one_thread", |b| {
        let options =
            ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        b.iter_batched(
            || (),
            |()| {
                options
                    .from_str::<Bank>(black_box(&ron_text))
                    .expect("RON parses")
            },
            BatchSize::LargeInput,
        );
    });
    group.bench_function("split_question_list", |b| {
        b.iter(|| black_box(dangshi::bank::split::split_question_list(black_box(&ron_text), 2)));
    });
    group.bench_function("serde_json_parse", |b| {
        b.iter_batched(
            || (),
            |()| serde_json::from_str::<Bank>(black_box(&json_text)).expect("JSON parses"),
            BatchSize::LargeInput,
        );
    });
    group.finish();
}

criterion_group!(benches, bank_load);
criterion_main!(benches);
