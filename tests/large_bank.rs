//! Large banks: the multi-threaded parse gives exactly what the serial parse gives, including the
//! position of an error anywhere in the file.

mod common;

use common::generated::{generated_bank, generated_ron};
use dangshi::bank::load::PARALLEL_PARSE_BYTES;
use dangshi::bank::{BankOrigin, Code, LoadedBank, Pos, parse_bank};
use ron::extensions::Extensions;

const COUNT: usize = 20_000;

fn serial(text: &str) -> Result<dangshi::bank::Bank, ron::error::SpannedError> {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .from_str(text)
}

fn origin() -> BankOrigin {
    BankOrigin::Bundled {
        name: "large.ron".into(),
    }
}

#[test]
fn the_parallel_parse_equals_the_generated_bank() {
    let text = generated_ron(COUNT);
    assert!(
        text.len() > 4 * PARALLEL_PARSE_BYTES,
        "the test must take the parallel path"
    );
    let parsed = parse_bank(&text).expect("parses");
    assert_eq!(parsed, generated_bank(COUNT));
    assert_eq!(parsed, serial(&text).expect("serial parse"));
}

#[test]
fn a_syntax_error_deep_in_a_large_bank_is_placed_exactly() {
    let text = generated_ron(COUNT);
    let needle = "id: \"gen-013333\"";
    let at = text.find(needle).expect("question present");
    let broken = format!(
        "{}id: \"gen-013333\" oops{}",
        &text[..at],
        &text[at + needle.len()..]
    );
    let expected = serial(&broken).expect_err("broken text fails").span.start;
    let loaded = LoadedBank::from_text(origin(), broken.clone());
    assert!(loaded.bank.is_none());
    let diagnostics = loaded.diagnostics();
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code, Code::Syntax);
    assert_eq!(
        diagnostics[0].pos,
        Pos {
            line: expected.line,
            col: expected.col
        }
    );
    let line = broken.lines().nth(expected.line - 1).expect("line exists");
    assert!(line.contains("oops"), "{line}");
}

#[test]
fn a_semantic_error_deep_in_a_large_bank_is_placed_exactly() {
    let text = generated_ron(COUNT);
    let needle = "id: \"gen-017777\"";
    let at = text.find(needle).expect("question present");
    let difficulty = at + text[at..].find("difficulty: ").expect("has difficulty") + "difficulty: ".len();
    let broken = format!("{}9{}", &text[..difficulty], &text[difficulty + 1..]);
    let loaded = LoadedBank::from_text(origin(), broken.clone());
    let diagnostics = loaded.diagnostics();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert_eq!(diagnostics[0].code, Code::DifficultyOutOfRange);
    assert_eq!(diagnostics[0].question_id.as_deref(), Some("gen-017777"));
    let line_index = broken[..difficulty].matches('\n').count();
    let col = broken[..difficulty]
        .rsplit('\n')
        .next()
        .expect("line")
        .chars()
        .count()
        + 1;
    assert_eq!(
        diagnostics[0].pos,
        Pos {
            line: line_index + 1,
            col
        }
    );
    assert_eq!(loaded.usable_questions().count(), COUNT - 1);
}
