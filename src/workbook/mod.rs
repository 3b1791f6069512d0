//! The scorecard workbook: an `.xlsx` file or a folder of CSV files, one table per sheet
//! (`sheets`; for people, `docs/publishing.md`), read into a bundle with every problem
//! named by its cell.
//!
//! Layer 3 of the pure core (the list in `lib.rs`): imports `bundle`, and `fingertips` to
//! join a Fingertips export's rows to the workbook's items. Reading goes in two steps that serve
//! both front doors alike: a file becomes [`Table`]s of cells with their places (`xlsx`,
//! `csv`), then the tables become a [`Bundle`](crate::bundle::Bundle) (`read`, one
//! function per sheet, each cell read by `cells`), whose format rules are checked by
//! `bundle::validate` and reported back at the cells (`source`). Code decides by a
//! problem's [`ProblemKind`], never by its words.

mod cells;
mod csv;
pub mod export;
pub mod fingertips_join;
pub mod formula_prefix;
pub mod job;
mod problem;
mod read;
mod shared_formulas;
pub mod sheets;
mod source;
mod table;
mod words;
#[cfg(not(target_arch = "wasm32"))]
pub mod write;
mod xlsx;

pub use self::csv::tables_from_csv;
pub use self::xlsx::tables_from_xlsx;
pub use fingertips_join::FingertipsFile;
pub use problem::{Counted, Place, Problem, ProblemKind, Severity};
pub use read::{build, Built, Scorecard};
pub use table::{Cell, Origin, Row, Table, Value};

/// Bounds on what a workbook may hold, so that a hostile file cannot exhaust memory (in
/// a browser tab, or on the command line). A file past one is refused with a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes an `.xlsx` may expand to, by the sizes its zip directory declares
    /// and as actually inflated, or a workbook's CSV files may hold together. 256 MiB: a 10,000-item workbook with a 50-point series
    /// per item expands to well under 100 MiB.
    pub expanded_bytes: u64,
    /// The most rows a sheet or CSV file may hold (Excel's own limit).
    pub rows: u32,
    /// The most non-empty cells of all sheets together, formulas without a saved value
    /// included; a sheet's shared formulas may cover no more cells than this either.
    pub cells: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { expanded_bytes: 256 << 20, rows: 1_048_576, cells: 5_000_000 }
    }
}

/// One file given to the reader: its name (for places and to tell its kind) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// Reads a workbook given as one `.xlsx` file or as the CSV files of a folder into its
/// tables. The kind is told by the first file's content and name.
pub fn tables(files: &[File<'_>], limits: &Limits) -> (Vec<Table>, Vec<Problem>) {
    match files {
        [one] if !one.name.to_ascii_lowercase().ends_with(".csv") => tables_from_xlsx(one.name, one.bytes, limits),
        _ => tables_from_csv(files, limits),
    }
}
