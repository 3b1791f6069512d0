//! How much memory a load of a large bundle needs at its peak, against the file's size:
//! the page must not need more than two and a half times the file (a 50 MB bundle once
//! took 161 MiB in the browser). Counted here by an allocator that tallies every byte
//! asked for, so the figure is exact and the same on every machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use scorecard_explorer::bundle::loader::Loader;

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, size: usize) -> *mut u8 {
        // A move holds both blocks for a moment: counted as the allocator needs them.
        let q = unsafe { System.realloc(p, layout, size) };
        if !q.is_null() {
            if size > layout.size() {
                grew(size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - size, Ordering::Relaxed);
            }
        }
        q
    }
}

fn grew(by: usize) {
    let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A synthetic county-wide bundle shaped as the benchmark's (bench/gen-bundles.js):
/// metrics with quarterly points carrying a label, a value, a confidence interval and a
/// comparator, and three assessments with commentary.
fn large_bundle_text(items: usize) -> String {
    let mut out = String::from(
        r#"{"format":"hwb-scorecard","version":1,"board":{"name":"County Board","area":"County"},
"source":{"illustrative":true},"periods":[{"id":"2023-03","label":"March 2023","end":"2023-03-31"},
{"id":"2023-09","label":"September 2023","end":"2023-09-30"},{"id":"2024-03","label":"March 2024","end":"2024-03-31"}],
"workstreams":[{"id":"ws","label":"All","title":"Everything"}],"items":["#,
    );
    for i in 0..items {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"id":"m{i}","workstream":"ws","kind":"metric","title":"Delayed transfers of care, average days per day - area {i}","scope":"local","unit":"days","polarity":"lower_is_better","assessments":["#
        ));
        for (j, period) in ["2023-03", "2023-09", "2024-03"].iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                r#"{{"period":"{period}","rag":"amber","trend":"improving","benchmark":"better","commentary":"The most recent quarter was affected by winter pressures. Numbers are small, so the rate fluctuates."}}"#
            ));
        }
        out.push_str(r#"],"series":["#);
        for q in 0..(20 + i % 100) {
            if q > 0 {
                out.push(',');
            }
            let (year, quarter) = (2000 + q / 4, q % 4 + 1);
            let v = 25.0 + (i % 13) as f64 * 0.7 + q as f64 * 0.1;
            out.push_str(&format!(
                r#"{{"date":"{year}-{:02}","label":"Q{quarter} {year}","value":{v:.1},"lower":{:.1},"upper":{:.1},"benchmark":{:.1}}}"#,
                quarter * 3,
                v - 0.7,
                v + 0.7,
                v + 0.3
            ));
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}

/// The peak of memory in use while `load` runs, above what was in use before, with the
/// file's bytes counted as in use from the start (as they are when a page has fetched them).
fn peak_while(mut bytes: Vec<u8>, release: bool) -> usize {
    bytes.shrink_to_fit();
    let before = LIVE.load(Ordering::Relaxed) - bytes.capacity();
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
    let loader = Loader::new(bytes);
    let mut loader = if release { loader.releasing() } else { loader };
    let bundle = loop {
        if let Some(done) = loader.step() {
            break done.expect("the synthetic bundle is valid");
        }
        assert!(!loader.wants_bytes(), "a valid bundle needs its bytes only once");
    };
    let peak = PEAK.load(Ordering::Relaxed) - before;
    drop(bundle);
    peak
}

#[test]
fn a_large_bundle_loads_in_under_two_and_a_half_times_its_size() {
    let text = large_bundle_text(2_000);
    let size = text.len();
    let kept = peak_while(text.clone().into_bytes(), false);
    let released = peak_while(text.into_bytes(), true);
    let ratio = |peak: usize| peak as f64 / size as f64;
    println!(
        "file {:.1} MiB; peak {:.1} MiB ({:.2}x) keeping the file, {:.1} MiB ({:.2}x) freeing it",
        size as f64 / 1048576.0,
        kept as f64 / 1048576.0,
        ratio(kept),
        released as f64 / 1048576.0,
        ratio(released)
    );
    assert!(ratio(released) < 2.5, "peak {:.2} times the file", ratio(released));
}
