//! Browser tests: the optimised `dist/` in headless Chromium, checked as a person sees it.

mod harness;

mod crash;
mod embed_hosts;
mod embedding;
mod explorer;
mod first_page;
mod long_series;
mod phone;
mod presets;
mod recovery;
mod security;
#[path = "../support/large_bundle.rs"]
mod support;
mod truth;
mod workbook;
