//! A county-sized workbook: 10,000 items, each with an assessment and a ten-point series,
//! builds from an `.xlsx` (written here) into the same bundle; the time is printed.

use std::time::Instant;

use scorecard_explorer::workbook::{build, write, File, Limits};

#[path = "support/large_bundle.rs"]
mod support;
use support::large_bundle;

#[test]
fn a_10000_item_workbook_builds() {
    let bundle = large_bundle(10_000);
    let bytes = write::workbook(&bundle).expect("written");
    let started = Instant::now();
    let built = build(&[File { name: "county.xlsx", bytes: &bytes }], &[], &Limits::default());
    let took = started.elapsed();
    println!(
        "10,000-item workbook ({} KB, {} series rows): built in {:.2} s",
        bytes.len() / 1024,
        bundle.items.len() * 10,
        took.as_secs_f64()
    );
    assert!(built.problems.is_empty(), "{:?}", &built.problems[..built.problems.len().min(5)]);
    assert_eq!(built.bundle, bundle);
}
