//! The fuzz targets' checks (`fuzz/checks.rs`, see `scripts/fuzz`) over the files each
//! target starts from and every input that once broke a reader under the fuzzer (kept
//! in `tests/fuzz/TARGET/`): natively, in every `cargo test`, each within a time that
//! rules out the return of a hang or a super-linear blow-up.

#[path = "../fuzz/checks.rs"]
mod checks;

use std::time::{Duration, Instant};

/// The files of `dirs` and of `tests/fuzz/TARGET/`.
fn inputs(target: &str, dirs: &[&str]) -> Vec<(String, Vec<u8>)> {
    let reproducers = format!("tests/fuzz/{target}");
    let mut out = Vec::new();
    for dir in dirs.iter().copied().chain([reproducers.as_str()]) {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_file() {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out
}

fn check_all(inputs: &[(String, Vec<u8>)], check: fn(&[u8])) {
    assert!(!inputs.is_empty());
    for (name, bytes) in inputs {
        let start = Instant::now();
        check(bytes);
        // Unoptimised, on a busy machine: generous, yet far below what a hang takes.
        let took = start.elapsed();
        assert!(took < Duration::from_secs(20), "{name} took {took:?}");
    }
}

#[test]
fn bundle() {
    check_all(&inputs("bundle", &["tests/good", "tests/bad", "tests/bundles", "bundles"]), checks::bundle);
}

#[test]
fn query() {
    check_all(&inputs("query", &["fuzz/seeds/query"]), checks::query);
}

#[test]
fn workbook_xlsx() {
    let mut all = inputs("workbook_xlsx", &[]);
    all.push(("somerset.xlsx".into(), std::fs::read("workbooks/somerset.xlsx").unwrap()));
    check_all(&all, checks::workbook_xlsx);
}

#[test]
fn workbook_csv() {
    // The example workbook's folder as one input, as `scripts/fuzz` seeds the target.
    let names = ["board", "periods", "workstreams", "headlines", "items", "assessments", "series", "context"];
    let parts: Vec<Vec<u8>> =
        names.iter().map(|n| std::fs::read(format!("workbooks/somerset/{n}.csv")).unwrap()).collect();
    let mut all = inputs("workbook_csv", &[]);
    all.push(("somerset".into(), parts.join(&b"--\n"[..])));
    check_all(&all, checks::workbook_csv);
}

#[test]
fn fingertips() {
    check_all(&inputs("fingertips", &["tests/fingertips"]), checks::fingertips);
}
