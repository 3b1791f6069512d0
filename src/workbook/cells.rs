//! Reading one cell as its column says: text, number, date, TRUE/FALSE, a word of a
//! list, a whole number. Each problem is named at its cell with its column; statistical
//! markers are counted, for one warning.

use crate::bundle::date::IsoDate;
use crate::bundle::problem::quoted;

use super::problem::{Listing, Place, Problem, ProblemKind};
use super::source::{At, Layout};
use super::table::{Row, Value};
use super::words::{accepted_words, bundle_word};

/// Statistical markers that mean "no value" in a number cell.
const MARKERS: &[&str] = &["x", "[x]", "[c]", "[z]", "..", "-", "*", "#N/A"];
const NUMBER: &str = "a number cell, or text that is a number with a . decimal point (no thousands separators, no %)";
const DATE: &str = "a date cell, or text written year first: YYYY-MM-DD, YYYY-MM or YYYY";

/// Reads cells, collecting problems and counting markers.
pub struct Cells<'l> {
    layout: &'l Layout,
    pub problems: Listing,
    markers: usize,
    first_marker: Option<Place>,
}

impl<'l> Cells<'l> {
    pub fn new(layout: &'l Layout) -> Cells<'l> {
        Cells { layout, problems: Listing::default(), markers: 0, first_marker: None }
    }

    /// The sheets and columns the cells are read by.
    pub fn layout(&self) -> &'l Layout {
        self.layout
    }

    /// The problems found, with one warning for all the markers read as no value.
    pub fn finish(mut self) -> Vec<Problem> {
        if self.markers > 0 {
            self.problems.push(
                Problem::warning(
                    ProblemKind::NoValue,
                    self.first_marker.take(),
                    format!(
                        "{} cell(s) held a statistical marker and were read as no value (this is the first)",
                        self.markers
                    ),
                )
                .fix(ProblemKind::NoValue.fix())
                .expected(format!("markers {}", MARKERS.join(" "))),
            );
        }
        self.problems.into_vec()
    }

    fn value<'r>(&mut self, sheet: usize, row: &'r Row, column: &str) -> Option<(&'r Value, Place)> {
        debug_assert!(self.layout.declares(sheet, column), "column {column} is not declared in `sheets`");
        let col = self.layout.column(sheet, column)?;
        let value = row.get(col)?;
        let place = self.layout.cell(At { sheet, row: row.number }, column);
        match value {
            v if v.is_blank() => None,
            Value::Uncalculated(formula) => {
                self.problems.push(
                    Problem::error(
                        ProblemKind::Invalid,
                        Some(place),
                        "a formula without a saved value: the builder never calculates formulas",
                    )
                    .column(column)
                    .found(quoted(&format!("={formula}")))
                    .expected("the workbook saved by Excel after it calculated (or the value typed in)"),
                );
                None
            }
            v => Some((v, place)),
        }
    }

    pub fn text(&mut self, sheet: usize, row: &Row, column: &str) -> Option<String> {
        let (value, place) = self.value(sheet, row, column)?;
        Some(match value {
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) => number_text(*n),
            Value::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
            Value::Date(d) => d.clone(),
            Value::Error(e) => {
                self.problems.push(
                    Problem::error(ProblemKind::Invalid, Some(place), "an error value where text is expected")
                        .column(column)
                        .found(e.clone())
                        .fix("correct the formula that gives the error, or type the text in its place"),
                );
                return None;
            }
            Value::Uncalculated(_) => return None,
        })
    }

    pub fn number(&mut self, sheet: usize, row: &Row, column: &str) -> Option<f64> {
        let (value, place) = self.value(sheet, row, column)?;
        let text = match value {
            Value::Number(n) => return Some(*n),
            Value::Text(t) => t.trim(),
            Value::Error(e) => e.as_str(),
            Value::Bool(b) => {
                self.problems.push(
                    Problem::error(ProblemKind::Invalid, Some(place), "not a number")
                        .column(column)
                        .found(b.to_string())
                        .expected(NUMBER),
                );
                return None;
            }
            Value::Date(d) => {
                self.problems.push(
                    Problem::error(ProblemKind::Invalid, Some(place), "a date where a number is expected")
                        .column(column)
                        .found(d.clone())
                        .expected(NUMBER),
                );
                return None;
            }
            Value::Uncalculated(_) => return None,
        };
        if MARKERS.iter().any(|m| m.eq_ignore_ascii_case(text)) {
            self.markers += 1;
            self.first_marker.get_or_insert(place);
            return None;
        }
        match plain_number(text) {
            Some(n) => Some(n),
            None => {
                let why = if text.ends_with('%') {
                    "not a number: write the number without % (the item's unit says it is a percentage)"
                } else if text.contains(',') {
                    "not a number: the builder never guesses a locale, so a comma is not read as a decimal point or a thousands separator"
                } else {
                    "not a number"
                };
                self.problems.push(
                    Problem::error(ProblemKind::Invalid, Some(place), why)
                        .column(column)
                        .found(quoted(text))
                        .expected(format!("{NUMBER}, or a statistical marker for no value ({})", MARKERS.join(" "))),
                );
                None
            }
        }
    }

    pub fn date(&mut self, sheet: usize, row: &Row, column: &str) -> Option<String> {
        let (value, place) = self.value(sheet, row, column)?;
        let text = match value {
            Value::Date(d) => return Some(d.clone()),
            Value::Number(n) if n.fract() == 0.0 && (1000.0..=9999.0).contains(n) => return Some(number_text(*n)),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) => number_text(*n),
            Value::Bool(b) => b.to_string(),
            Value::Error(e) => e.clone(),
            Value::Uncalculated(_) => return None,
        };
        match IsoDate::parse(&text) {
            Ok(_) => Some(text),
            Err(why) => {
                self.problems.push(
                    Problem::error(ProblemKind::Invalid, Some(place), format!("not a date ({})", why.reason()))
                        .column(column)
                        .found(quoted(&text))
                        .expected(DATE),
                );
                None
            }
        }
    }

    pub fn flag(&mut self, sheet: usize, row: &Row, column: &str) -> Option<bool> {
        let (value, place) = self.value(sheet, row, column)?;
        let answer = match value {
            Value::Bool(b) => Some(*b),
            Value::Number(n) if *n == 0.0 || *n == 1.0 => Some(*n == 1.0),
            Value::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "y" => Some(true),
                "false" | "no" | "n" => Some(false),
                _ => None,
            },
            _ => None,
        };
        if answer.is_none() {
            self.problems.push(
                Problem::error(ProblemKind::Invalid, Some(place), "not TRUE or FALSE")
                    .column(column)
                    .found(value.to_string())
                    .expected("TRUE or FALSE"),
            );
        }
        answer
    }

    /// An enumerated cell, as its bundle word; an unknown word is kept as typed, so that
    /// the bundle's rules report it, here named at the cell.
    pub fn word<T>(
        &mut self,
        sheet: usize,
        row: &Row,
        column: &str,
        accepted: &'static [&'static str],
        what: &str,
        from: fn(&str) -> T,
    ) -> Option<T> {
        let text = self.text(sheet, row, column)?;
        match bundle_word(&text, accepted) {
            Some(w) => Some(from(w)),
            None => {
                let place = self.layout.cell(At { sheet, row: row.number }, column);
                self.problems.push(
                    Problem::error(ProblemKind::UnknownWord, Some(place), format!("unknown {what}"))
                        .column(column)
                        .found(quoted(&text))
                        .expected(accepted_words(accepted)),
                );
                Some(from(&text))
            }
        }
    }

    pub fn whole(&mut self, sheet: usize, row: &Row, column: &str) -> Option<u64> {
        let (value, place) = self.value(sheet, row, column)?;
        let n = match value {
            Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Some(*n as u64),
            Value::Text(t) => t.trim().parse::<u64>().ok(),
            _ => None,
        };
        if n.is_none() {
            self.problems.push(
                Problem::error(ProblemKind::Invalid, Some(place), "not a Fingertips indicator id")
                    .column(column)
                    .found(value.to_string())
                    .expected("a whole number, e.g. 93356"),
            );
        }
        n
    }
}

/// A whole number without a decimal point, as a person typed it.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A number written with digits and an optional `.` decimal point (and exponent), never a
/// locale's comma; not `inf` or `NaN`.
fn plain_number(text: &str) -> Option<f64> {
    let ok = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && text.chars().any(|c| c.is_ascii_digit());
    if ok {
        text.parse::<f64>().ok().filter(|n| n.is_finite())
    } else {
        None
    }
}
