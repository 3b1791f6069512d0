//! The load in steps gives exactly what a load in one go gives: the same bundle, or the
//! same problems at the same places, whatever the step sizes.

use scorecard_explorer::bundle::load;
use scorecard_explorer::bundle::stepwise::{Loader, Sizes};

type Loaded = Result<scorecard_explorer::Bundle, Vec<scorecard_explorer::Problem>>;

/// The result, the number of steps, and whether the file went to `load` whole. A load
/// that frees the file as it parses it (as the browser's does) must give the same.
fn in_steps(bytes: &[u8], sizes: Sizes) -> (Loaded, usize, bool) {
    let kept = steps_of(Loader::with_sizes(bytes.to_vec(), sizes), bytes);
    let released = steps_of(Loader::with_sizes(bytes.to_vec(), sizes).releasing(), bytes);
    assert_eq!(released.0, kept.0, "the load that frees the file gives another result");
    assert_eq!(released.2, kept.2);
    kept
}

/// Runs a load to its end, giving the file again when it asks.
fn steps_of(mut loader: Loader, bytes: &[u8]) -> (Loaded, usize, bool) {
    let mut steps = 0;
    let mut last = -1.0;
    loop {
        steps += 1;
        let progress = loader.progress();
        assert!(progress >= last && progress <= 1.0, "progress goes from {last} to {progress}");
        last = progress;
        if let Some(done) = loader.step() {
            return (done, steps, loader.whole());
        }
        if loader.wants_bytes() {
            loader.give_bytes(bytes.to_vec());
        }
        assert!(steps < 1_000_000, "the load never ends");
    }
}

fn files() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for dir in ["tests/bad", "tests/good", "tests/bundles", "bundles", "tests/warnings", "tests/comparisons"] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
            }
        }
    }
    assert!(out.len() >= 18, "found only {} bundles", out.len());
    out
}

const TINY: Sizes = Sizes { one_step: 0, scan: 7, items: 1 };

#[test]
fn every_test_bundle_loads_the_same_in_tiny_steps() {
    for (name, bytes) in files() {
        let (stepped, steps, whole) = in_steps(&bytes, TINY);
        assert_eq!(stepped, load(&bytes), "{name}");
        // A valid bundle takes the stepped path all the way.
        assert_eq!(whole, stepped.is_err(), "{name}");
        if stepped.is_ok() {
            assert!(steps > 10, "{name} loaded in only {steps} steps");
        }
    }
}

#[test]
fn small_files_load_in_one_step() {
    let bytes = std::fs::read("tests/good/minimal.json").unwrap();
    let (result, steps, whole) = in_steps(&bytes, Sizes::default());
    assert!(result.is_ok());
    assert_eq!(steps, 1);
    assert!(whole);
}

/// Each defect put into a large valid bundle: the stepped load must give up its fast
/// path and report exactly what the one-go load reports.
#[test]
fn defects_anywhere_give_the_same_problems() {
    let good = String::from_utf8(std::fs::read("tests/bundles/riverside.json").unwrap()).unwrap();
    let items_at = good.find("\"items\"").expect("riverside has items");
    let cases: Vec<(&str, String)> = vec![
        ("trailing comma in items", good.replacen("\"items\": [", "\"items\": [ ,", 1)),
        ("items is not an array", good.replacen("\"items\": [", "\"items\": {\"a\": [", 1)),
        ("no items key", good.replacen("\"items\"", "\"things\"", 1)),
        ("escaped items key", good.replacen("\"items\"", "\"\\u0069tems\"", 1)),
        ("duplicate items", good.replacen("{", "{\"items\": [],", 1)),
        ("text after the end", format!("{good} x")),
        ("a second object after the end", format!("{good} {{}}")),
        ("cut short inside items", good[..items_at + 400].to_string()),
        ("a bad rag", good.replacen("\"rag\": \"red\"", "\"rag\": \"scarlet\"", 1)),
        ("a string for a number", good.replacen("\"value\": ", "\"value\": \"x\", \"v\": ", 1)),
        ("a quote inside a string", good.replacen("\"title\": \"", "\"title\": \"\\\"[{,", 1)),
        ("byte-order mark", format!("\u{feff}{good}")),
        (
            "\"items\" as a value and as a nested key",
            good.replacen("{", "{\"note\": \"items\", \"extra\": {\"items\": [1, [2], {}]},", 1),
        ),
        ("empty items", {
            let end = good[items_at..].find("\n  ]").map(|e| items_at + e + 4).expect("items end");
            format!("{}\"items\": []{}", &good[..items_at], &good[end..])
        }),
    ];
    for (what, text) in cases {
        let bytes = text.into_bytes();
        let (stepped, _, whole) = in_steps(&bytes, TINY);
        assert_eq!(stepped, load(&bytes), "{what}");
        // Valid but unusual shapes may go whole too; these must not.
        let fast =
            ["a quote inside a string", "byte-order mark", "empty items", "\"items\" as a value and as a nested key"]
                .contains(&what);
        assert!(whole || stepped.is_ok(), "{what}: a faulty file must go whole, for exact problems");
        if fast {
            assert!(!whole && stepped.is_ok(), "{what}: should load in steps");
        }
    }
}

/// A large bundle with hundreds of problems near its end (here, every item repeated at
/// the end, as a producer that writes an edition twice would): each problem used to be
/// located by scanning from the start of the file, hundreds of passes over it, which
/// froze the page for minutes at 50 MB. Located in one pass now, at the same places.
#[test]
fn many_problems_near_the_end_of_a_large_bundle_are_located_quickly() {
    let good = String::from_utf8(std::fs::read("tests/bundles/riverside.json").unwrap()).unwrap();
    let mut bundle: serde_json::Value = serde_json::from_str(&good).unwrap();
    let items = bundle["items"].as_array().unwrap().clone();
    let mut many = Vec::new();
    for n in 0..300 {
        for item in &items {
            let mut item = item.clone();
            item["id"] = format!("{}-{n}", item["id"].as_str().unwrap()).into();
            item.as_object_mut().unwrap().remove("parent");
            many.push(item);
        }
    }
    let repeated: Vec<serde_json::Value> = many[many.len() - 600..].to_vec();
    many.extend(repeated);
    bundle["items"] = many.into();
    let text = serde_json::to_string_pretty(&bundle).unwrap();

    let start = std::time::Instant::now();
    let problems = load(text.as_bytes()).unwrap_err();
    let took = start.elapsed();
    assert_eq!(problems.len(), 600);
    assert!(problems.iter().all(|p| p.message == "duplicate item id"));
    assert!(problems[..500].iter().all(|p| p.line.is_some()));
    // Where a search from the start finds them, for the first and the last located.
    for p in [&problems[0], &problems[499]] {
        let at = scorecard_explorer::bundle::locate::locate(&text, &p.path).unwrap();
        assert_eq!((p.line, p.column), (Some(at.0), Some(at.1)), "{}", p.path);
    }
    assert!(problems[500..].iter().all(|p| p.line.is_none()), "past 500, problems are counted, not located");
    // Unoptimised: about a second; 500 scans from the start took a minute.
    assert!(took < std::time::Duration::from_secs(20), "took {took:?} for {} bytes", text.len());
}
