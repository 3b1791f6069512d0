//! A sheet as cells with their places: what the `.xlsx` and CSV readers both produce, so
//! one reader of the scorecard serves both.

use crate::bundle::problem::quoted;

/// Where a table came from, which decides how a place is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Xlsx,
    Csv,
}

/// One sheet, or one CSV file.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The sheet name, or the CSV file's name (`items.csv`).
    pub name: String,
    pub origin: Origin,
    /// Non-empty rows in order; the first is the header when its number is 1.
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based row number; for CSV, the line the record starts on.
    pub number: u32,
    /// Non-empty cells, by column.
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    /// 1-based column.
    pub col: u32,
    pub value: Value,
}

/// A cell's content as the file holds it; the scorecard reader decides what it means.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Bool(bool),
    /// A date cell, as `YYYY-MM-DD`.
    Date(String),
    /// An error value such as `#N/A`.
    Error(String),
    /// A formula whose result the file does not hold (never calculated, or written by a
    /// program that leaves it to Excel). Formulas are never evaluated here.
    Uncalculated(String),
}

impl Row {
    /// The cell in column `col`, if it is not empty.
    pub fn get(&self, col: u32) -> Option<&Value> {
        self.cells.binary_search_by_key(&col, |c| c.col).ok().map(|i| &self.cells[i].value)
    }
}

/// The cell as a person sees it in a message: text quoted, numbers and dates as written.
/// (Not `Debug`: the release wasm is built without `Debug` text, see `problem::quoted`.)
impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Text(t) => f.write_str(&quoted(t)),
            Value::Number(n) => write!(f, "{n}"),
            Value::Bool(true) => f.write_str("TRUE"),
            Value::Bool(false) => f.write_str("FALSE"),
            Value::Date(d) => write!(f, "the date {d}"),
            Value::Error(e) => write!(f, "the error value {e}"),
            Value::Uncalculated(formula) => {
                write!(f, "a formula never calculated ({})", quoted(&format!("={formula}")))
            }
        }
    }
}

impl Value {
    /// Whether the cell holds nothing a person would see.
    pub fn is_blank(&self) -> bool {
        matches!(self, Value::Text(t) if t.trim().is_empty())
    }
}
