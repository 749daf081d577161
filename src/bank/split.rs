//! Finds where a bank's `questions: [ … ]` list sits and cuts it between questions, so that a large
//! bank can be parsed on several threads. Anything unusual makes it give up (`None`): the caller then
//! parses the whole text serially, which is always correct.

/// The question list of a bank text, cut into consecutive runs of whole questions.
#[derive(Debug, PartialEq, Eq)]
pub struct ListSplit {
    /// Byte offset of the list's `[`.
    pub open: usize,
    /// Byte offset of the list's `]`.
    pub close: usize,
    /// Byte offsets just after the commas where the list is cut; ascending, inside `open..close`.
    pub cuts: Vec<usize>,
}

/// Cuts the question list into about `pieces` parts of similar size.
pub fn split_question_list(text: &str, pieces: usize) -> Option<ListSplit> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0usize;
    let mut open = None;
    let mut cuts = Vec::new();
    let mut next_target = usize::MAX;
    let mut step = 0usize;
    while i < bytes.len() {
        // Inside the list most bytes are indentation and field names: skip them in a tight loop.
        if depth >= 2 {
            while i < bytes.len() && !STRUCTURAL[usize::from(bytes[i])] {
                i += 1;
            }
            if i == bytes.len() {
                break;
            }
        }
        let byte = bytes[i];
        match byte {
            b'"' => i = skip_string(bytes, i)?,
            b'r' if is_raw_string_start(bytes, i) => i = skip_raw_string(bytes, i)?,
            b'\'' => i = skip_char(bytes, i)?,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = bytes[i..]
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(bytes.len(), |p| i + p + 1);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => i = skip_block_comment(bytes, i)?,
            b'#' if depth == 0 => return None, // `#![enable(…)]` changes how values parse
            b'(' | b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b')' | b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 1
                    && let Some(open) = open
                {
                    return (byte == b']').then_some(ListSplit { open, close: i, cuts });
                }
                i += 1;
            }
            b',' if depth == 2 && open.is_some() => {
                i += 1;
                if i >= next_target {
                    cuts.push(i);
                    next_target = i + step;
                }
            }
            _ if depth == 1 && open.is_none() && is_ident_start(byte) && !follows_ident(bytes, i) => {
                let end = i + bytes[i..]
                    .iter()
                    .position(|&b| !is_ident_byte(b))
                    .unwrap_or(bytes.len() - i);
                if &bytes[i..end] == b"questions" {
                    let after_colon = skip_spaces(bytes, end);
                    if bytes.get(after_colon) != Some(&b':') {
                        return None;
                    }
                    let bracket = skip_spaces(bytes, after_colon + 1);
                    if bytes.get(bracket) != Some(&b'[') {
                        return None;
                    }
                    open = Some(bracket);
                    step = (text.len().saturating_sub(bracket) / pieces.max(1)).max(1);
                    next_target = bracket + step;
                    depth += 1;
                    i = bracket + 1;
                } else {
                    i = end;
                }
            }
            _ => i += 1,
        }
    }
    None
}

/// Bytes that can open or close a string, comment or bracket, or separate list elements.
static STRUCTURAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = b"\"'/#()[]{},r";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
};

fn is_ident_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_'
}

fn is_ident_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

fn follows_ident(bytes: &[u8], i: usize) -> bool {
    i > 0 && is_ident_byte(bytes[i - 1])
}

/// Skips plain whitespace only; a comment between `questions`, `:` and `[` gives up.
fn skip_spaces(bytes: &[u8], mut i: usize) -> usize {
    while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

fn skip_string(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        i += memchr::memchr2(b'"', b'\\', &bytes[i..])?;
        match bytes[i] {
            b'\\' => i += 2,
            _ => return Some(i + 1),
        }
    }
    None
}

fn is_raw_string_start(bytes: &[u8], i: usize) -> bool {
    if follows_ident(bytes, i) {
        return false;
    }
    let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
    bytes.get(i + 1 + hashes) == Some(&b'"')
}

fn skip_raw_string(bytes: &[u8], start: usize) -> Option<usize> {
    let hashes = bytes[start + 1..].iter().take_while(|&&b| b == b'#').count();
    let mut i = start + 1 + hashes + 1;
    while i < bytes.len() {
        if bytes[i] == b'"' && bytes[i + 1..].iter().take(hashes).filter(|&&b| b == b'#').count() == hashes {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    None
}

fn skip_char(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if bytes.get(i) == Some(&b'\\') {
        i += 2;
    } else {
        // One UTF-8 character: a lead byte and its continuation bytes.
        i += 1;
        while bytes.get(i).is_some_and(|b| b & 0xC0 == 0x80) {
            i += 1;
        }
    }
    // Escapes such as '\u{4e2d}' run to the closing quote.
    let close = bytes[i..].iter().take(12).position(|&b| b == b'\'')?;
    Some(i + close + 1)
}

fn skip_block_comment(bytes: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = start;
    while i + 1 < bytes.len() {
        match (bytes[i], bytes[i + 1]) {
            (b'/', b'*') => {
                depth += 1;
                i += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                i += 2;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// questions: [ not this one
Bank(
    id: "b", title: "questions: [",
    description: r#"a "raw" ] string"#,
    questions: [
        (id: "1", note: '\''), /* ] , */
        (id: "2", tags: ["a,b", "]"]),
        (id: "3"),
        (id: "4"),
    ],
    version: 1,
)"##;

    #[test]
    fn finds_the_list_and_cuts_between_elements() {
        let split = split_question_list(TEXT, 3).expect("split");
        assert_eq!(&TEXT[split.open..=split.open], "[");
        assert_eq!(&TEXT[split.close..=split.close], "]");
        assert!(TEXT[split.close..].starts_with("],\n    version"));
        assert!(!split.cuts.is_empty());
        for cut in &split.cuts {
            assert_eq!(&TEXT[cut - 1..*cut], ",");
            let rest = TEXT[*cut..].trim_start();
            assert!(
                rest.starts_with("(id:") || rest.starts_with("/*"),
                "bad cut before {rest:?}"
            );
        }
    }

    #[test]
    fn gives_up_on_attributes_and_broken_text() {
        assert!(split_question_list("#![enable(implicit_some)]\nBank(questions: [])", 2).is_none());
        assert!(split_question_list("Bank(questions: [(id: \"x)", 2).is_none());
        assert!(split_question_list("Bank(id: \"x\")", 2).is_none());
        assert!(split_question_list("", 2).is_none());
        assert!(split_question_list("]]]", 2).is_none());
    }
}
