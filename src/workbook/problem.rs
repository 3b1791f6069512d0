//! A problem found in a workbook, named by its place as a person finds it in Excel
//! (`Items!D7`) or in a text editor (`items.csv:7:4`).

use std::fmt;

use crate::bundle::printable::escaped;
pub use crate::bundle::problem::{Counted, ProblemKind};

use crate::bundle::problem::{and_more, shown_fix, LISTED, TO_FIX};

use super::table::Origin;

/// Where in a workbook: a sheet, a row of it, or one cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    /// The sheet's name as the workbook spells it, or the CSV file's name.
    pub sheet: String,
    pub origin: Origin,
    /// 1-based row (for CSV: the line the record starts on).
    pub row: Option<u32>,
    /// 1-based column.
    pub col: Option<u32>,
}

impl Place {
    pub fn sheet(sheet: &str, origin: Origin) -> Place {
        Place { sheet: sheet.to_string(), origin, row: None, col: None }
    }

    pub fn cell(sheet: &str, origin: Origin, row: u32, col: u32) -> Place {
        Place { sheet: sheet.to_string(), origin, row: Some(row), col: Some(col) }
    }

    pub fn row(sheet: &str, origin: Origin, row: u32) -> Place {
        Place { sheet: sheet.to_string(), origin, row: Some(row), col: None }
    }
}

/// Column letters as Excel writes them: 1 is `A`, 27 is `AA`.
pub fn column_letters(mut col: u32) -> String {
    let mut letters = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        letters.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The sheet's or file's name with its control and bidi characters escaped
/// (`printable`): a name is the file's own text.
impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = escaped(&self.sheet);
        match self.origin {
            Origin::Xlsx => {
                // A sheet name with spaces is quoted, as Excel does in a formula.
                let quoted = self.sheet.contains(|c: char| !c.is_alphanumeric() && c != '_');
                if quoted {
                    write!(f, "'{}'", name.replace('\'', "''"))?;
                } else {
                    write!(f, "{name}")?;
                }
                match (self.row, self.col) {
                    (Some(r), Some(c)) => write!(f, "!{}{r}", column_letters(c)),
                    (Some(r), None) => write!(f, "!{r}:{r}"),
                    _ => Ok(()),
                }
            }
            Origin::Csv => {
                write!(f, "{name}")?;
                if let Some(r) = self.row {
                    write!(f, ":{r}")?;
                    if let Some(c) = self.col {
                        write!(f, ":{c}")?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// Whether a problem stops the build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    /// Printed, but the bundle is still written: an unknown column or sheet, markers read
    /// as "no value".
    Warning,
}

/// One thing wrong with a workbook, and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// What code decides by; the message is for people.
    pub kind: ProblemKind,
    pub severity: Severity,
    /// The file as a whole has no place: `None`.
    pub place: Option<Place>,
    /// The column's name, where the problem is in one.
    pub column: Option<String>,
    pub message: String,
    pub found: Option<String>,
    pub expected: Option<String>,
    /// What to do, where `expected` does not already say it; `None` leaves it to the
    /// kind's [`ProblemKind::fix`].
    pub fix: Option<String>,
}

impl Problem {
    pub fn error(kind: ProblemKind, place: Option<Place>, message: impl Into<String>) -> Problem {
        Problem {
            kind,
            severity: Severity::Error,
            place,
            column: None,
            message: message.into(),
            found: None,
            expected: None,
            fix: None,
        }
    }

    pub fn warning(kind: ProblemKind, place: Option<Place>, message: impl Into<String>) -> Problem {
        Problem { severity: Severity::Warning, ..Problem::error(kind, place, message) }
    }

    pub fn column(mut self, column: impl Into<String>) -> Problem {
        self.column = Some(column.into());
        self
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
    /// kind's (the same rule as a bundle's problem).
    pub fn to_fix(&self) -> Option<String> {
        shown_fix(self.kind, self.expected.as_deref(), self.fix.as_deref())
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One line, whatever the file held: text of the file in any part has its control and
/// bidi characters escaped (`printable`), quoted or not.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = &self.place {
            write!(f, "{place}: ")?;
        }
        if self.severity == Severity::Warning {
            write!(f, "warning: ")?;
        }
        if let Some(column) = &self.column {
            write!(f, "column {}: ", escaped(column))?;
        }
        write!(f, "{}", escaped(&self.message))?;
        if let Some(found) = &self.found {
            write!(f, "; found {}", escaped(found))?;
        }
        if let Some(expected) = &self.expected {
            write!(f, "; expected {}", escaped(expected))?;
        }
        if let Some(fix) = self.to_fix() {
            write!(f, "{TO_FIX}{}", escaped(&fix))?;
        }
        Ok(())
    }
}

impl std::error::Error for Problem {}

impl Problem {
    /// How many problems this one stands for: one, or the count of those not listed.
    pub fn weight(&self) -> u64 {
        match self.kind {
            ProblemKind::Unlisted { count } => count,
            _ => 1,
        }
    }
}

/// Problems kept in order up to [`LISTED`]; past it only counted, errors and warnings
/// apart, so a sheet of a million bad cells holds a hundred problems, not a million.
#[derive(Debug, Default)]
pub struct Listing {
    kept: Vec<Problem>,
    errors: u64,
    warnings: u64,
}

impl Listing {
    pub fn push(&mut self, p: Problem) {
        if self.kept.len() < LISTED {
            self.kept.push(p);
        } else if p.is_error() {
            self.errors += p.weight();
        } else {
            self.warnings += p.weight();
        }
    }

    /// The problems kept.
    pub fn listed(&self) -> &[Problem] {
        &self.kept
    }

    /// The problems kept, then one that counts the errors not listed and one the warnings.
    pub fn into_vec(self) -> Vec<Problem> {
        let mut problems = self.kept;
        for (count, severity, what) in
            [(self.errors, Severity::Error, "errors"), (self.warnings, Severity::Warning, "warnings")]
        {
            if count > 0 {
                let summary = Problem::error(
                    ProblemKind::Unlisted { count },
                    None,
                    format!("{} {what}, not listed", and_more(count)),
                );
                problems.push(Problem { severity, ..summary });
            }
        }
        problems
    }
}

impl Extend<Problem> for Listing {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, problems: I) {
        for p in problems {
            self.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_read_as_in_excel_and_in_an_editor() {
        assert_eq!(Place::cell("Items", Origin::Xlsx, 7, 4).to_string(), "Items!D7");
        assert_eq!(Place::cell("My items", Origin::Xlsx, 2, 28).to_string(), "'My items'!AB2");
        assert_eq!(Place::row("Items", Origin::Xlsx, 1).to_string(), "Items!1:1");
        assert_eq!(Place::cell("items.csv", Origin::Csv, 7, 4).to_string(), "items.csv:7:4");
        assert_eq!(column_letters(26), "Z");
        assert_eq!(column_letters(703), "AAA");
    }
}
