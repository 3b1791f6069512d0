//! Every input that once broke a reader under the fuzzer (`scripts/fuzz`), kept in
//! `tests/fuzz/TARGET/`, checked exactly as the fuzz target checks it and within a time
//! that rules out a return of a hang or a super-linear blow-up.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::time::{Duration, Instant};

/// Checks each reproducer of `target`; gives how many there were.
fn reproducers(target: &str, check: fn(&[u8])) -> usize {
    let dir = format!("tests/fuzz/{target}");
    let Ok(entries) = std::fs::read_dir(&dir) else { return 0 };
    let mut n = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let start = Instant::now();
        check(&bytes);
        // Unoptimised, on a busy machine: generous, yet far below what a hang takes.
        let took = start.elapsed();
        assert!(took < Duration::from_secs(20), "{} took {took:?}", path.display());
        n += 1;
    }
    n
}

#[test]
fn bundle_reproducers() {
    reproducers("bundle", checks::bundle);
}

#[test]
fn query_reproducers() {
    reproducers("query", checks::query);
}

#[test]
fn workbook_xlsx_reproducers() {
    reproducers("workbook_xlsx", checks::workbook_xlsx);
}

#[test]
fn workbook_csv_reproducers() {
    reproducers("workbook_csv", checks::workbook_csv);
}

#[test]
fn fingertips_reproducers() {
    reproducers("fingertips", checks::fingertips);
}

/// The checks themselves hold for the files the fuzzer starts from.
#[test]
fn seeds_pass_the_checks() {
    for dir in ["tests/good", "tests/bad", "tests/bundles", "bundles"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            checks::bundle(&std::fs::read(entry.unwrap().path()).unwrap());
        }
    }
    for entry in std::fs::read_dir("tests/fingertips").unwrap() {
        checks::fingertips(&std::fs::read(entry.unwrap().path()).unwrap());
    }
    for entry in std::fs::read_dir("fuzz/seeds/query").unwrap() {
        checks::query(&std::fs::read(entry.unwrap().path()).unwrap());
    }
    checks::workbook_xlsx(&std::fs::read("workbooks/somerset.xlsx").unwrap());
}
