//! Property tests: whatever text the loader gets, it never panics and always answers with a bank
//! or with errors positioned inside the text.

use dangshi::bank::{BankOrigin, LoadedBank};
use proptest::prelude::*;

const VALID: &str = include_str!("fixtures/broken/semantic.ron");

fn origin() -> BankOrigin {
    BankOrigin::Bundled {
        name: "prop.ron".into(),
    }
}

/// Every diagnostic lies on a real line of `text`, at a column no further than one past its end.
fn assert_positions_inside(text: &str, loaded: &LoadedBank) {
    let lines: Vec<&str> = text.split('\n').collect();
    for diagnostic in loaded.diagnostics() {
        let pos = diagnostic.pos;
        assert!(pos.line >= 1 && pos.col >= 1, "{diagnostic}");
        assert!(pos.line <= lines.len() + 1, "line out of text: {diagnostic}");
        if let Some(line) = lines.get(pos.line - 1) {
            assert!(
                pos.col <= line.chars().count() + 2,
                "column out of line: {diagnostic}"
            );
        }
    }
}

fn check(text: &str) {
    let loaded = LoadedBank::from_text(origin(), text.to_owned());
    match &loaded.bank {
        Some(_) => {}
        None => assert!(!loaded.diagnostics().is_empty(), "a failed bank must say why"),
    }
    assert_positions_inside(text, &loaded);
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    Duplicate { at: usize, len: usize },
    Replace { at: usize, with: char },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let snippet = prop_oneof![
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[".to_owned()),
        Just("\"".to_owned()),
        Just(",".to_owned()),
        Just(":".to_owned()),
        Just("/*".to_owned()),
        Just("answer: 99".to_owned()),
        Just("r#\"".to_owned()),
        "\\PC{0,8}",
    ];
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), snippet).prop_map(|(at, text)| Mutation::Insert { at, text }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        (any::<usize>(), any::<char>()).prop_map(|(at, with)| Mutation::Replace { at, with }),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let chars: Vec<char> = text.chars().collect();
    let clamp = |at: usize| at % (chars.len() + 1);
    let mut out = chars.clone();
    match mutation {
        Mutation::Delete { at, len } => {
            let start = clamp(*at);
            let end = (start + len).min(chars.len());
            out.drain(start..end);
        }
        Mutation::Insert { at, text } => {
            let at = clamp(*at);
            out.splice(at..at, text.chars());
        }
        Mutation::Duplicate { at, len } => {
            let start = clamp(*at);
            let end = (start + len).min(chars.len());
            let copy: Vec<char> = chars[start..end].to_vec();
            out.splice(end..end, copy);
        }
        Mutation::Replace { at, with } => {
            if !out.is_empty() {
                let at = *at % out.len();
                out[at] = *with;
            }
        }
    }
    out.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        check(&text);
    }

    #[test]
    fn ron_like_noise_never_panics(text in "[()\\[\\]{}:,\"'#/*a-zA-Z0-9_ \n題-]{0,300}") {
        check(&text);
    }

    #[test]
    fn mutated_banks_never_panic(mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut text = VALID.to_owned();
        for m in &mutations {
            text = apply(&text, m);
        }
        check(&text);
    }
}

#[test]
fn deep_nesting_is_refused_with_a_position() {
    let text = format!("Bank(id: \"x\", title: \"t\", questions: {}", "[".repeat(50_000));
    let loaded = LoadedBank::from_text(origin(), text.clone());
    assert!(loaded.bank.is_none());
    assert_positions_inside(&text, &loaded);
}
