//! Browser tests: the optimised `dist/` in headless Chromium, checked as a person sees it.

mod harness;

mod crash;
mod embedding;
mod explorer;
mod first_page;
mod long_series;
mod paper;
mod phone;
mod security;
#[path = "../support/large_bundle.rs"]
mod support;
mod truth;
mod workbook;
