//! A problem found in a bundle: data that the UI lists and the tests check.
//!
//! Every problem carries a [`ProblemKind`], which code matches on; its message is for people
//! only, so rewording one never changes what the code does. The kinds are shared by the
//! bundle, workbook and Fingertips readers (a workbook reports the bundle's own rules at
//! its cells, with the bundle's kind), while each reader names places its own way.
//!
//! Every problem says what to do: its `expected` (what to write instead), its own `fix`,
//! or else its kind's [`ProblemKind::fix`], so a message reads as what is wrong, where, and
//! what to do about it.

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

impl ProblemKind {
    /// What to do about a problem of this kind, as an imperative for a person who edits
    /// the workbook or bundle: the words shown when a problem has neither its own fix nor
    /// an `expected` that already says what to write. Every kind has one.
    pub fn fix(&self) -> String {
        match *self {
            ProblemKind::Unreadable => {
                "open the file in the program that made it and save it again, then try again".to_string()
            }
            ProblemKind::Invalid => "correct the value, in the form this place takes".to_string(),
            ProblemKind::Missing => "fill in what is missing".to_string(),
            ProblemKind::UnknownWord => "use one of the accepted words, spelt as listed".to_string(),
            ProblemKind::UnknownId => "correct the id, or add what it refers to".to_string(),
            ProblemKind::Duplicate => "remove the repeat, or change one of the two so they differ".to_string(),
            ProblemKind::Inconsistent => "correct one of the values so that they agree".to_string(),
            ProblemKind::Ambiguous => "say which one is meant".to_string(),
            ProblemKind::TooMany { what, limit } => match what {
                Counted::Rows => format!("remove rows that are not needed: at most {limit} are read"),
                Counted::Cells => {
                    format!("remove cells and sheets that are not needed: at most {limit} filled cells are read")
                }
                Counted::Bytes => format!("make the file smaller: at most {} are read", bytes(limit)),
                Counted::Characters => format!("shorten the text to at most {limit} characters"),
            },
            ProblemKind::Unlisted { .. } => {
                "correct the problems listed first: the rest are most likely the same".to_string()
            }
            ProblemKind::Newer => {
                "open it in a newer version of Scorecard Explorer, or ask its publisher for one this version reads"
                    .to_string()
            }
            ProblemKind::NoValue => {
                "nothing, if no value is meant; otherwise type the figure in place of the marker".to_string()
            }
        }
    }
}

/// A size in words: "64 MiB" for a whole number of mebibytes, otherwise bytes.
fn bytes(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

/// What comes before a fix in a problem's one line: "…; expected …; to fix, add …".
pub const TO_FIX: &str = "; to fix, ";

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
    /// What to do, as an imperative ("give each item its own id"), where `expected` does
    /// not already say it; `None` leaves it to the kind's [`ProblemKind::fix`].
    pub fix: Option<String>,
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
            fix: None,
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

    /// What to do about it, in place of the kind's default.
    pub fn fix(mut self, fix: impl Into<String>) -> Problem {
        self.fix = Some(fix.into());
        self
    }

    /// The fix shown: its own, or, when it has no `expected` to say what to write, its
    /// kind's.
    pub fn to_fix(&self) -> Option<String> {
        shown_fix(self.kind, self.expected.as_deref(), self.fix.as_deref())
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

    /// The message with what was found, what is accepted, and what to do.
    pub fn detail(&self) -> String {
        let mut text = self.message.clone();
        if let Some(found) = &self.found {
            text.push_str(&format!("; found {found}"));
        }
        if let Some(expected) = &self.expected {
            text.push_str(&format!("; expected {expected}"));
        }
        if let Some(fix) = self.to_fix() {
            text.push_str(TO_FIX);
            text.push_str(&fix);
        }
        text
    }
}

/// The fix a problem shows, by one rule for bundle and workbook problems alike: its own;
/// else its kind's, unless its `expected` already says what to write.
pub fn shown_fix(kind: ProblemKind, expected: Option<&str>, fix: Option<&str>) -> Option<String> {
    match (fix, expected) {
        (Some(fix), _) => Some(fix.to_string()),
        (None, Some(_)) => None,
        (None, None) => Some(kind.fix()),
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
