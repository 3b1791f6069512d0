//! A problem found in a bundle: data that the UI lists and the tests check.
//!
//! Every problem carries a [`ProblemKind`], which code matches on; its message is for people
//! only, so rewording one never changes what the code does. The kinds are shared by the
//! bundle, workbook and Fingertips readers (a workbook reports the bundle's own rules at
//! its cells, with the bundle's kind), while each reader names places its own way.

use std::fmt;

/// What sort of problem it is: what code decides by, never the message's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// The file as a whole cannot be read: not a workbook, damaged, protected, not UTF-8,
    /// not CSV.
    Unreadable,
    /// A value not of the form its place takes: not a number, a date, TRUE or FALSE; the
    /// wrong JSON type; a formula without a saved value.
    Invalid,
    /// Something required is absent: a sheet, a column, a field, a value.
    Missing,
    /// A word or name outside those accepted: a RAG rating, a sheet, a column, a field.
    UnknownWord,
    /// A reference that names nothing: a workstream, period, item or indicator id.
    UnknownId,
    /// Given twice, or one that passes for another.
    Duplicate,
    /// Values that contradict each other: a lower limit above the upper, an item that is
    /// its own parent, two sources for one series.
    Inconsistent,
    /// More than one thing fits where one is needed: say which.
    Ambiguous,
    /// Past a limit that keeps a hostile file from exhausting memory or the screen.
    TooMany { what: Counted, limit: u64 },
    /// Problems past the first [`LISTED`] of a list, only counted: this many, of this
    /// one's severity.
    Unlisted { count: u64 },
    /// Made for a newer version of the format than this one reads.
    Newer,
    /// A statistical marker read as no value.
    NoValue,
}

/// What a [`ProblemKind::TooMany`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Counted {
    Rows,
    /// Non-empty cells of a whole workbook.
    Cells,
    /// Bytes of a file, or of a workbook as it expands.
    Bytes,
    /// Characters of one text.
    Characters,
}

/// How many problems a list names before it only counts the rest: a file with a million
/// bad rows lists the first hundred and says "and 999,900 more", so neither memory nor
/// the page is flooded, and the first hundred say what to fix.
pub const LISTED: usize = 100;

/// What a list cut at [`LISTED`] ends with: "and 999,900 more".
pub fn and_more(more: u64) -> String {
    let digits = more.to_string();
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(d);
    }
    format!("and {grouped} more")
}

/// One thing wrong with a bundle, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// JSON path such as `items[12].assessments[0].rag`; empty for the whole document.
    pub path: String,
    /// 1-based line and column in the file, where known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// What is wrong, in words a producer can act on.
    pub message: String,
    /// The value found, when there is one to show.
    pub found: Option<String>,
    /// What is accepted instead.
    pub expected: Option<String>,
}

impl Problem {
    /// A problem of a kind, at a path.
    pub fn of(kind: ProblemKind, path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            found: None,
            expected: None,
        }
    }

    /// A problem with a value that the format does not take ([`ProblemKind::Invalid`]).
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem::of(ProblemKind::Invalid, path, message)
    }

    pub fn found(mut self, found: impl Into<String>) -> Problem {
        self.found = Some(found.into());
        self
    }

    pub fn expected(mut self, expected: impl Into<String>) -> Problem {
        self.expected = Some(expected.into());
        self
    }

    pub fn at(mut self, line: usize, column: usize) -> Problem {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// "line 4, column 18", or nothing when the position is unknown.
    pub fn position(&self) -> Option<String> {
        match (self.line, self.column) {
            (Some(l), Some(c)) => Some(format!("line {l}, column {c}")),
            (Some(l), None) => Some(format!("line {l}")),
            _ => None,
        }
    }

    /// The message with what was found and what is accepted.
    pub fn detail(&self) -> String {
        let mut text = self.message.clone();
        if let Some(found) = &self.found {
            text.push_str(&format!("; found {found}"));
        }
        if let Some(expected) = &self.expected {
            text.push_str(&format!("; expected {expected}"));
        }
        text
    }
}

/// One line, whatever the file held: a key or value of the file in the path or the
/// message has its control and bidi characters escaped (`printable`).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = if self.path.is_empty() { "bundle".to_string() } else { self.path.clone() };
        let line = match self.position() {
            Some(p) => format!("{place} ({p}): {}", self.detail()),
            None => format!("{place}: {}", self.detail()),
        };
        f.write_str(&super::printable::escaped(&line))
    }
}

impl std::error::Error for Problem {}

/// Text as a message quotes it: in double quotes, with quotes, backslashes and invisible
/// characters escaped, so a stray space or control character shows. The same as `{:?}` of
/// a string, but it does not depend on `Debug`, which the release wasm is built without.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", text.escape_debug())
}
