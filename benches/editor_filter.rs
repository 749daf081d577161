//! The bank editor on a generated 100,000-question bank: filtering the question table as the
//! trainer types, finding duplicates, and the cost of one keystroke in a stem. Results are
//! recorded in docs/performance.md.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dangshi::bank::image::ImageRoot;
use dangshi::bank::{KindTag, Question};
use dangshi::editor::{Document, Filter, Sort, find_duplicates};

#[path = "../tests/common/generated.rs"]
#[expect(dead_code, reason = "generated_ron is for the loading benchmarks")]
mod generated;
use generated::generated_bank;

const QUESTIONS: usize = 100_000;

fn text(text: &str) -> Filter {
    Filter {
        text: text.into(),
        ..Filter::default()
    }
}

fn editor(c: &mut Criterion) {
    let document = Document::new(generated_bank(QUESTIONS), None, false, ImageRoot::Bundled);
    let sort = Sort::default();
    // Every generated question mentions 会议 (in its stem, options, explanation or tags), 嘉兴 is
    // only in the fill questions' answers (one in five), and 延安 is in none.
    let meeting = text("会议");
    let meeting_fill = Filter {
        kind: Some(KindTag::Fill),
        ..text("会议")
    };
    let jiaxing = text("嘉兴");
    let yanan = text("延安");
    assert_eq!(document.filter(&meeting, sort).len(), QUESTIONS);
    assert_eq!(document.filter(&meeting_fill, sort).len(), QUESTIONS / 5);
    assert_eq!(document.filter(&jiaxing, sort).len(), QUESTIONS / 5);
    assert!(document.filter(&yanan, sort).is_empty());

    let mut group = c.benchmark_group("editor_100k");
    group.bench_function("filter_text_会议", |b| {
        b.iter(|| document.filter(black_box(&meeting), sort));
    });
    group.bench_function("filter_text_会议_and_kind", |b| {
        b.iter(|| document.filter(black_box(&meeting_fill), sort));
    });
    group.bench_function("filter_text_嘉兴", |b| {
        b.iter(|| document.filter(black_box(&jiaxing), sort));
    });
    group.bench_function("filter_text_延安_no_match", |b| {
        b.iter(|| document.filter(black_box(&yanan), sort));
    });
    let mut typing = Document::new(generated_bank(QUESTIONS), None, false, ImageRoot::Bundled);
    let mut stem = typing.questions()[QUESTIONS / 2].clone();
    let mut keystroke = 0u32;
    group.bench_function("set_question_one_keystroke", |b| {
        b.iter(|| {
            keystroke = keystroke.wrapping_add(1);
            stem.stem = format!("第{keystroke}题：遵义会议召开于（ ）。");
            typing.set_question(QUESTIONS / 2, "stem", stem.clone());
        });
    });
    group.finish();

    let mut slow = c.benchmark_group("editor_100k_once");
    slow.sample_size(10);
    let questions = document.questions();
    let (exact, near) = count_groups(questions);
    eprintln!("find_duplicates, generated bank: {exact} exact groups, {near} near pairs");
    slow.bench_function("find_duplicates_generated", |b| {
        b.iter(|| find_duplicates(black_box(questions), 0.8));
    });
    let varied = varied_stems(questions);
    let (exact, near) = count_groups(&varied);
    eprintln!("find_duplicates, varied stems: {exact} exact groups, {near} near pairs");
    assert!(exact >= PLANTED && near >= PLANTED);
    slow.bench_function("find_duplicates_varied", |b| {
        b.iter(|| find_duplicates(black_box(&varied), 0.8));
    });
    slow.bench_function("document_new", |b| {
        b.iter_batched(
            || generated_bank(QUESTIONS),
            |bank| Document::new(bank, None, false, ImageRoot::Bundled),
            BatchSize::LargeInput,
        );
    });
    slow.finish();
}

/// Exact duplicates and near duplicates planted in [`varied_stems`], each.
const PLANTED: usize = 1_000;

/// The questions with a distinct stem each: 12–30 characters drawn from 3,000 CJK ideographs
/// around a common frame, plus [`PLANTED`] exact copies (punctuation and brackets changed) and
/// [`PLANTED`] near copies (one character changed) of other questions.
fn varied_stems(questions: &[Question]) -> Vec<Question> {
    let mut seed = 2024u64;
    let mut next = move |n: u32| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from(seed >> 33).unwrap_or(0) % n
    };
    let mut random_char = move || char::from_u32(0x4E00 + next(3_000)).unwrap_or('党');
    let mut varied: Vec<Question> = questions.to_vec();
    for question in &mut varied {
        let length = 12 + u32::from(random_char()) % 19;
        let middle: String = (0..length).map(|_| random_char()).collect();
        question.stem = format!("下列关于{middle}的说法正确的是（ ）。");
    }
    for k in 0..PLANTED {
        let original = varied[k].stem.clone();
        varied[QUESTIONS / 2 + k].stem = original.replacen("的说法", "，的说法", 1).replace("（ ）", "( )");
        let source = varied[PLANTED + k].stem.clone();
        let mut chars: Vec<char> = source.chars().collect();
        chars[6] = '党';
        varied[QUESTIONS / 2 + PLANTED + k].stem = chars.into_iter().collect();
    }
    varied
}

fn count_groups(questions: &[Question]) -> (usize, usize) {
    let groups = find_duplicates(questions, 0.8);
    let exact = groups.iter().filter(|g| g.exact).count();
    (exact, groups.len() - exact)
}

criterion_group!(benches, editor);
criterion_main!(benches);
