//! What every fuzz target checks of one input, shared with the native regression test
//! (`tests/fuzz_regressions.rs`), so a saved reproducer is checked exactly as the fuzzer
//! checked it. Beyond "no panic": the readers must keep their promises.
#![allow(dead_code)]

use scorecard_explorer::bundle::date::IsoDate;
use scorecard_explorer::bundle::stepwise::{Loader, Sizes};
use scorecard_explorer::bundle::{load, validate::validate};
use scorecard_explorer::explore::query::Query;
use scorecard_explorer::workbook::{build, File, Limits};

/// Bundle bytes, loaded in one go and in tiny steps: the two must agree exactly (the same
/// bundle, or the same problems at the same places); a loaded bundle passes its own
/// rules, and a refused one says why.
pub fn bundle(data: &[u8]) {
    let whole = load(data);
    // Step sizes vary with the input, so splits fall everywhere.
    let sizes = Sizes { one_step: 0, scan: 1 + data.len() % 13, items: 1 + data.len() % 3 };
    let mut loader = Loader::with_sizes(data.to_vec(), sizes);
    let stepped = loop {
        if let Some(done) = loader.step() {
            break done;
        }
    };
    assert_eq!(whole, stepped, "the stepped load differs from the load in one go");
    match &whole {
        Ok(bundle) => assert_eq!(validate(bundle), vec![], "a loaded bundle breaks its own rules"),
        Err(problems) => assert!(!problems.is_empty(), "refused with no problem named"),
    }
}

/// Any URL query string, read as the page's state and written back: the written query
/// reads back as the same state, and writing it again gives the same text.
pub fn query(data: &[u8]) {
    let search = String::from_utf8_lossy(data);
    let state = Query::parse(&search);
    let written = state.to_query_string();
    let again = Query::parse(&written);
    // Words that meant nothing are noted on the page, not written back.
    assert_eq!(again, Query { ignored: Vec::new(), ..state }, "{written:?} reads back as another state");
    assert_eq!(again.to_query_string(), written, "writing the state again changes the query");
}

/// Smaller than the defaults, so a run stays within the fuzzer's memory limit; the limits
/// themselves are under test.
const LIMITS: Limits = Limits { expanded_bytes: 32 << 20, rows: 100_000, cells: 200_000 };

/// Any bytes as an `.xlsx` scorecard workbook: a bundle or problems named by cell.
pub fn workbook_xlsx(data: &[u8]) {
    workbook(&[File { name: "fuzz.xlsx", bytes: data }]);
}

/// The CSV files of a workbook folder, in the order of its sheets.
const CSV_NAMES: [&str; 8] = [
    "board.csv",
    "periods.csv",
    "workstreams.csv",
    "headlines.csv",
    "items.csv",
    "assessments.csv",
    "series.csv",
    "context.csv",
];

/// Any bytes as a folder of CSV workbook files, split at lines `--`.
pub fn workbook_csv(data: &[u8]) {
    let mut parts: Vec<&[u8]> = Vec::new();
    let mut rest = data;
    while let Some(at) = rest.windows(4).position(|w| w == b"\n--\n") {
        parts.push(&rest[..at + 1]);
        rest = &rest[at + 4..];
    }
    parts.push(rest);
    let files: Vec<File> = parts.iter().zip(CSV_NAMES).map(|(bytes, name)| File { name, bytes }).collect();
    workbook(&files);
}

/// A workbook built with no errors passes the bundle's rules; every problem says something.
fn workbook(files: &[File]) {
    let built = build(files, &[], &LIMITS);
    if built.errors() == 0 {
        assert_eq!(validate(&built.bundle), vec![], "built with no errors, yet the bundle breaks its rules");
    }
    assert!(built.problems.iter().all(|p| !p.message.is_empty()), "a problem with no message");
}

/// Any bytes as a Fingertips CSV export: rows, or problems naming the file and line;
/// every period label read is read as a real date.
pub fn fingertips(data: &[u8]) {
    match scorecard_explorer::fingertips::read("fuzz.csv", data) {
        Ok(export) => {
            for row in &export.rows {
                if let Some(period) = row.period() {
                    assert!(IsoDate::parse(&period.end).is_ok(), "{:?} ends on {:?}", row.time_period, period.end);
                }
            }
        }
        Err(problems) => assert!(!problems.is_empty(), "refused with no problem named"),
    }
}
