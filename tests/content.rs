//! Rules for the bundled content that the validator cannot see on its own.

use std::collections::HashMap;

use dangshi::bank::Library;

/// A stem with punctuation, symbols and whitespace removed, for spotting repeated questions.
fn normalized(stem: &str) -> String {
    stem.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[test]
fn no_two_bundled_questions_share_a_stem() {
    let library = Library::bundled();
    let mut seen: HashMap<String, &str> = HashMap::new();
    let mut repeats = Vec::new();
    for question in library.usable_questions() {
        if let Some(first) = seen.insert(normalized(&question.stem), &question.id) {
            repeats.push(format!(
                "{} repeats the stem of {first}: {}",
                question.id, question.stem
            ));
        }
    }
    assert!(repeats.is_empty(), "{}", repeats.join("\n"));
}

#[test]
fn every_bundled_question_teaches_and_cites() {
    let library = Library::bundled();
    let missing: Vec<&str> = library
        .usable_questions()
        .filter(|q| q.explanation.trim().is_empty() || q.source.trim().is_empty() || q.tags.is_empty())
        .map(|q| q.id.as_str())
        .collect();
    assert!(
        missing.is_empty(),
        "without explanation, source or tags: {missing:?}"
    );
}
