//! One module per part of the page a person sees.

pub mod problems;
pub mod summary;
