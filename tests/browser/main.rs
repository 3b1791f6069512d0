//! Browser tests: the optimised `dist/` in headless Chromium, checked as a person sees it.

mod harness;

mod embedding;
mod explorer;
mod first_page;
mod prerendered;
mod security;
#[path = "../support/large_bundle.rs"]
mod support;
mod workbook;
