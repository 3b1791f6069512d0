//! A problem found in a bundle: data that the UI lists and the tests check.

use std::fmt;

/// One thing wrong with a bundle, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
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
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { path: path.into(), line: None, column: None, message: message.into(), found: None, expected: None }
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

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = if self.path.is_empty() { "bundle".to_string() } else { self.path.clone() };
        match self.position() {
            Some(p) => write!(f, "{place} ({p}): {}", self.detail()),
            None => write!(f, "{place}: {}", self.detail()),
        }
    }
}

/// Text as a message quotes it: in double quotes, with quotes, backslashes and invisible
/// characters escaped, so a stray space or control character shows. The same as `{:?}` of
/// a string, but it does not depend on `Debug`, which the release wasm is built without.
pub fn quoted(text: &str) -> String {
    format!("\"{}\"", text.escape_debug())
}
