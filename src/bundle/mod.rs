//! The scorecard bundle: its types (format v1), reading bytes into a checked bundle
//! (whole or in steps), the format's rules, and where a problem lies in the source.
//!
//! Layer 1, the lowest: imports nothing else of the crate, and every other layer may
//! import it.

pub mod arrival;
pub mod date;
mod format;
pub mod load;
pub mod locate;
pub mod printable;
pub mod problem;
pub mod schema;
pub mod shape;
pub mod stepwise;
pub mod validate;
pub mod warnings;

pub use format::*;
pub use load::load;
pub use problem::Problem;
