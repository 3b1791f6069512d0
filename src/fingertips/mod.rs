//! Reader of OHID Fingertips CSV exports ("Export data", the all-data download, and the
//! chart exports), so that real published figures and Fingertips' own verdicts (recent
//! trend, comparison with England) can be read as plain rows.
//!
//! ```
//! let csv = "Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value\n\
//!            92519,Trimethoprim resistance,E92000001,England,2015 Q1,34\n";
//! let export = scorecard_explorer::fingertips::read("uti.csv", csv.as_bytes()).unwrap();
//! assert_eq!(export.rows[0].value, Some(34.0));
//! assert_eq!(export.rows[0].period().unwrap().end, "2015-03-31");
//! ```
//!
//! What it accepts is what Fingertips has published over the years: a header of 26 or 27
//! columns in either spelling (`Area Name` or `AreaName`; `Compared to Region ...` or
//! `Compared to parent ...`; with or without `Time period range`), rows shorter than the
//! header, a UTF-8 byte-order mark, line breaks inside quoted fields, counts with thousands
//! separators, HTML tags in `Value note` (turned into plain text) and empty values. Every
//! problem is collected, each naming the file, line and column.
//!
//! Layer 2, beside `config`: may import `bundle`, and imports only its kinds of problem.

mod export;
pub mod period;

pub use export::{read, Export, ExportProblem, Row, MAX_BYTES, MAX_ROWS};
pub use period::{period, period_end, Length, Period};

/// OHID's Fingertips site, where its indicators' data is downloaded.
pub const SITE: &str = "https://fingertips.phe.org.uk/";

/// The Fingertips page that finds indicator `id`, for an analyst to check it at source.
pub fn indicator_page(id: u64) -> String {
    format!("{SITE}search/{id}")
}
