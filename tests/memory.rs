//! How much memory a load of a large bundle needs at its peak, against the file's size:
//! the page must not need more than two and a half times the file (a 50 MB bundle once
//! took 161 MiB in the browser). Counted here by an allocator that tallies every byte
//! asked for, so the figure is exact and the same on every machine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use scorecard_explorer::bundle::stepwise::Loader;

#[path = "support/synthetic.rs"]
mod synthetic;

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
    let text = synthetic::county_bundle_text(2_000);
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
