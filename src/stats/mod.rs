//! Statistics of a metric, the way OHID's Fingertips computes them: recent trend,
//! comparison with a benchmark and with each comparator, rank among peers, RAG against a
//! target, change since the last edition, what the viewer shows for
//! an item in a period, Fingertips' published verdicts beside them, and how its numbers
//! are printed.
//!
//! Layer 3, beside `workbook`: imports `bundle`, and `fingertips` for the length of a
//! period from its label.

pub mod change;
pub mod comparators;
pub mod compare;
pub mod number;
pub mod published;
pub mod rank;
pub mod status;
pub mod target;
pub mod trend;
pub mod vocabulary;
