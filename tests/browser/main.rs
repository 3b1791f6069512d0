//! Browser tests: the optimised `dist/` in a browser (headless Chromium, or Firefox or
//! WebKit: see `harness::Engine`), checked as a person sees it.

mod harness;

mod compare;
mod comparison_lists;
mod comparisons;
mod crash;
mod embed_hosts;
mod embedding;
mod explorer;
mod extreme;
mod first_page;
mod integrity;
mod long_series;
mod no_wasm;
mod paper;
mod phone;
mod prerendered;
mod presets;
mod publishing_steps;
#[path = "../support/ranked.rs"]
mod ranked;
mod recovery;
mod security;
#[path = "../support/large_bundle.rs"]
mod support;
#[path = "../support/synthetic.rs"]
mod synthetic;
mod table;
mod truth;
mod workbook;
