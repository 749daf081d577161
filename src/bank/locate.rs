//! Finds where a value sits in RON text, so that semantic errors point at a line and column.
//!
//! The typed parse (serde + ron) keeps no positions. When validation finds a problem, this module
//! scans the same text once into a light tree of positioned nodes and resolves a path such as
//! `questions[3].kind.answer` to the position of that value. Valid banks never pay for the scan.

/// A 1-based line and column (columns count characters, as compilers do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Pos {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

/// One step of a path into a RON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A named field of a struct (`answer` in `Single(answer: 1)`), or the value of a newtype
    /// variant or struct (`kind` leads into `Single(...)`'s fields directly).
    Field(&'static str),
    /// The n-th element of a list or tuple.
    Index(usize),
}

#[derive(Debug)]
struct Node {
    pos: Pos,
    body: Body,
}

#[derive(Debug)]
enum Body {
    Scalar,
    Fields(Vec<(&'static str, Node)>),
    Items(Vec<Node>),
}

/// A positioned tree of a whole RON document.
#[derive(Debug)]
pub struct Located {
    root: Node,
}

impl Located {
    /// Scans `text`. Never fails: text that is not RON yields a partial tree.
    pub fn scan(text: &str) -> Located {
        let mut scanner = Scanner::new(text);
        let root = scanner.value(0);
        Located { root }
    }

    /// Position of the value at `path`, or of the deepest part of the path that exists
    /// (an absent optional field points at its enclosing struct).
    pub fn find(&self, path: &[Seg]) -> Pos {
        let mut node = &self.root;
        for seg in path {
            let next = match (seg, &node.body) {
                (Seg::Field(name), Body::Fields(fields)) => {
                    fields.iter().find(|(n, _)| n == name).map(|(_, v)| v)
                }
                (Seg::Index(i), Body::Items(items)) => items.get(*i),
                _ => None,
            };
            let Some(next) = next else { break };
            node = next;
        }
        node.pos
    }
}

const MAX_DEPTH: usize = 128;

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    text: &'a str,
    offset: usize,
    pos: Pos,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        Scanner {
            chars: text.chars().peekable(),
            text,
            offset: 0,
            pos: Pos { line: 1, col: 1 },
        }
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        self.offset += c.len_utf8();
        if c == '\n' {
            self.pos.line += 1;
            self.pos.col = 1;
        } else {
            self.pos.col += 1;
        }
        Some(c)
    }

    fn rest(&self) -> &'a str {
        &self.text[self.offset..]
    }

    /// Skips whitespace, line comments and (nested) block comments.
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') if self.rest().starts_with("//") => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                Some('/') if self.rest().starts_with("/*") => {
                    let mut depth = 0usize;
                    while self.peek().is_some() {
                        if self.rest().starts_with("/*") {
                            depth += 1;
                            self.bump();
                            self.bump();
                        } else if self.rest().starts_with("*/") {
                            depth -= 1;
                            self.bump();
                            self.bump();
                            if depth == 0 {
                                break;
                            }
                        } else {
                            self.bump();
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Node {
        self.skip_trivia();
        let pos = self.pos;
        if depth > MAX_DEPTH {
            self.bump();
            return Node {
                pos,
                body: Body::Scalar,
            };
        }
        match self.peek() {
            Some('"') => {
                self.string();
                Node {
                    pos,
                    body: Body::Scalar,
                }
            }
            Some('r') if self.raw_string_ahead() => {
                self.raw_string();
                Node {
                    pos,
                    body: Body::Scalar,
                }
            }
            Some('\'') => {
                self.char_literal();
                Node {
                    pos,
                    body: Body::Scalar,
                }
            }
            Some('[') => {
                self.bump();
                let items = self.items(']', depth);
                Node {
                    pos,
                    body: Body::Items(items),
                }
            }
            Some('(') => {
                self.bump();
                self.parenthesised(pos, depth)
            }
            Some('{') => {
                self.bump();
                self.map(pos, depth)
            }
            Some(c) if is_ident_start(c) => {
                self.identifier();
                self.skip_trivia();
                if self.peek() == Some('(') {
                    self.bump();
                    self.parenthesised(pos, depth)
                } else {
                    Node {
                        pos,
                        body: Body::Scalar,
                    }
                }
            }
            Some(_) => {
                self.number_or_other();
                Node {
                    pos,
                    body: Body::Scalar,
                }
            }
            None => Node {
                pos,
                body: Body::Scalar,
            },
        }
    }

    /// After `(`: a struct body (`name: value, …`) or a tuple body (`value, …`).
    fn parenthesised(&mut self, pos: Pos, depth: usize) -> Node {
        self.skip_trivia();
        if self.field_ahead() {
            let mut fields = Vec::new();
            loop {
                self.skip_trivia();
                match self.peek() {
                    Some(')') | None => {
                        self.bump();
                        break;
                    }
                    Some(',') => {
                        self.bump();
                        continue;
                    }
                    _ => {}
                }
                if !self.field_ahead() {
                    self.value(depth + 1);
                    continue;
                }
                let name = self.identifier();
                self.skip_trivia();
                self.bump(); // ':'
                let value = self.value(depth + 1);
                fields.push((intern(name), value));
            }
            Node {
                pos,
                body: Body::Fields(fields),
            }
        } else {
            let items = self.items(')', depth);
            // A newtype (one element) is transparent: paths go straight into its content.
            if items.len() == 1 {
                if let Some(inner) = items.into_iter().next() {
                    return Node {
                        pos,
                        body: inner.body,
                    };
                }
                return Node {
                    pos,
                    body: Body::Scalar,
                };
            }
            Node {
                pos,
                body: Body::Items(items),
            }
        }
    }

    fn items(&mut self, close: char, depth: usize) -> Vec<Node> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek() {
                None => break,
                Some(c) if c == close => {
                    self.bump();
                    break;
                }
                Some(',') => {
                    self.bump();
                }
                Some(')' | ']' | '}') => {
                    self.bump();
                    break;
                }
                Some(_) => items.push(self.value(depth + 1)),
            }
        }
        items
    }

    fn map(&mut self, pos: Pos, depth: usize) -> Node {
        let mut entries = Vec::new();
        loop {
            self.skip_trivia();
            match self.peek() {
                None => break,
                Some('}') => {
                    self.bump();
                    break;
                }
                Some(',' | ':') => {
                    self.bump();
                }
                Some(')' | ']') => {
                    self.bump();
                    break;
                }
                Some(_) => entries.push(self.value(depth + 1)),
            }
        }
        Node {
            pos,
            body: Body::Items(entries),
        }
    }

    /// Whether the upcoming tokens are `identifier :` (and not `identifier ::`).
    fn field_ahead(&self) -> bool {
        let rest = self.rest();
        let ident_len: usize = rest
            .char_indices()
            .take_while(|&(i, c)| {
                if i == 0 {
                    is_ident_start(c)
                } else {
                    is_ident_char(c)
                }
            })
            .map(|(_, c)| c.len_utf8())
            .sum();
        if ident_len == 0 {
            return false;
        }
        let after = rest[ident_len..].trim_start();
        after.starts_with(':') && !after.starts_with("::")
    }

    fn identifier(&mut self) -> &'a str {
        let start = self.offset;
        if self.rest().starts_with("r#") {
            self.bump();
            self.bump();
        }
        while let Some(c) = self.peek() {
            if !is_ident_char(c) {
                break;
            }
            self.bump();
        }
        &self.text[start..self.offset]
    }

    fn string(&mut self) {
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '"' => return,
                _ => {}
            }
        }
    }

    fn raw_string_ahead(&self) -> bool {
        let rest = self.rest();
        let Some(after_r) = rest.strip_prefix('r') else {
            return false;
        };
        after_r.trim_start_matches('#').starts_with('"')
    }

    fn raw_string(&mut self) {
        self.bump();
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        self.bump();
        let closing = format!("\"{}", "#".repeat(hashes));
        while self.peek().is_some() {
            if self.rest().starts_with(&closing) {
                for _ in 0..closing.chars().count() {
                    self.bump();
                }
                return;
            }
            self.bump();
        }
    }

    fn char_literal(&mut self) {
        self.bump();
        while let Some(c) = self.bump() {
            match c {
                '\\' => {
                    self.bump();
                }
                '\'' => return,
                _ => {}
            }
        }
    }

    fn number_or_other(&mut self) {
        let first = self.bump();
        if !matches!(first, Some(c) if c.is_alphanumeric() || matches!(c, '+' | '-' | '.' | '_')) {
            return;
        }
        while let Some(c) = self.peek() {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '+' | '-') {
                self.bump();
            } else {
                break;
            }
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '#'
}

/// Field names the validator asks for. Unknown names are never looked up, so they share one slot.
fn intern(name: &str) -> &'static str {
    const KNOWN: [&str; 18] = [
        "id",
        "title",
        "version",
        "description",
        "questions",
        "stem",
        "kind",
        "explanation",
        "source",
        "era",
        "tags",
        "difficulty",
        "image",
        "options",
        "answer",
        "answers",
        "blanks",
        "items",
    ];
    let name = name.strip_prefix("r#").unwrap_or(name);
    KNOWN.iter().find(|k| **k == name).copied().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// comment with Question( and "quotes
Bank(
    id: "b",
    questions: [
        Question(id: "q1", kind: Single(options: ["甲", "乙"], answer: 5)),
        /* block /* nested */ ( */
        Question(
            id: "q2",
            stem: r#"raw "Question(" text"#,
            kind: Fill(blanks: [["南湖"], []]),
            image: Some("a.png"),
        ),
    ],
)
"##;

    #[test]
    fn finds_fields_items_and_newtypes() {
        let located = Located::scan(TEXT);
        let q0_answer = [
            Seg::Field("questions"),
            Seg::Index(0),
            Seg::Field("kind"),
            Seg::Field("answer"),
        ];
        assert_eq!(located.find(&q0_answer), Pos { line: 5, col: 70 });
        let q0_opt1 = [
            Seg::Field("questions"),
            Seg::Index(0),
            Seg::Field("kind"),
            Seg::Field("options"),
            Seg::Index(1),
        ];
        assert_eq!(located.find(&q0_opt1), Pos { line: 5, col: 56 });
        let q1_blank1 = [
            Seg::Field("questions"),
            Seg::Index(1),
            Seg::Field("kind"),
            Seg::Field("blanks"),
            Seg::Index(1),
        ];
        assert_eq!(located.find(&q1_blank1), Pos { line: 10, col: 41 });
        let q1_image = [Seg::Field("questions"), Seg::Index(1), Seg::Field("image")];
        assert_eq!(located.find(&q1_image), Pos { line: 11, col: 20 });
    }

    #[test]
    fn a_missing_field_points_at_the_enclosing_value() {
        let located = Located::scan(TEXT);
        let path = [Seg::Field("questions"), Seg::Index(1), Seg::Field("difficulty")];
        assert_eq!(located.find(&path), Pos { line: 7, col: 9 });
    }

    #[test]
    fn garbage_and_deep_nesting_do_not_panic() {
        for text in [
            "",
            "(",
            "[[[[",
            "\"unclosed",
            "r#\"x",
            "/* open",
            "a: b: (",
            "'\\",
        ] {
            let _ = Located::scan(text).find(&[Seg::Field("questions"), Seg::Index(3)]);
        }
        let deep = "[".repeat(100_000);
        let _ = Located::scan(&deep).find(&[Seg::Index(0)]);
    }
}
