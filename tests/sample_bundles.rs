//! The sample bundles in `bundles/` that are built from a committed workbook: each must be
//! exactly what the builder makes of its workbook and exports today, byte for byte, as
//! `scorecard-explorer build` writes it, and must load with no errors. After a change to
//! the workbook or to the builder, `UPDATE_SAMPLES=1 cargo test --test sample_bundles`
//! writes the bundles again.
//!
//! `bundles/nottinghamshire.json` shows comparisons with real data: Nottinghamshire
//! (E10000024) against England, the East Midlands region and the region's eight other
//! upper-tier councils, from the real Fingertips exports of `tests/fingertips/`
//! (`tests/workbooks/nottinghamshire/README.md` says what is real and what illustrative).

use scorecard_explorer::bundle::{load, Bundle, Rag};
use scorecard_explorer::explore::standing::{Quarter, Standing};
use scorecard_explorer::stats::comparators::compare_with_each;
use scorecard_explorer::stats::compare::{CompareResult, Level};
use scorecard_explorer::stats::rank::rank_in_group;
use scorecard_explorer::stats::status::{status, Origin};
use scorecard_explorer::workbook::{build, Built, File, FingertipsFile, Limits};

fn root() -> String {
    env!("CARGO_MANIFEST_DIR").to_string()
}

/// The exports the Nottinghamshire workbook's metrics take their series from.
const EXPORTS: &[&str] = &["campylobacter-county-ua-2015-2017.csv", "substance-misuse-mental-health-east-midlands.csv"];

/// Builds a workbook folder with exports of `tests/fingertips/`, as `scorecard-explorer
/// build` does: the same library function, and the same JSON (pretty, one final newline).
fn build_sample(workbook: &str, exports: &[&str]) -> (Built, String) {
    let dir = format!("{}/{workbook}", root());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    let files: Vec<(String, Vec<u8>)> =
        names.into_iter().map(|n| (n.clone(), std::fs::read(format!("{dir}/{n}")).unwrap())).collect();
    let exports: Vec<(String, Vec<u8>)> = exports
        .iter()
        .map(|n| (n.to_string(), std::fs::read(format!("{}/tests/fingertips/{n}", root())).unwrap()))
        .collect();
    let files: Vec<File> = files.iter().map(|(name, bytes)| File { name, bytes }).collect();
    let exports: Vec<FingertipsFile> = exports.iter().map(|(name, bytes)| FingertipsFile { name, bytes }).collect();
    let built = build(&files, &exports, &Limits::default());
    let json = serde_json::to_string_pretty(&built.bundle).unwrap() + "\n";
    (built, json)
}

/// The committed bundle equals `json`, or with `UPDATE_SAMPLES` set is replaced by it.
fn committed_equals(path: &str, json: &str) {
    let path = format!("{}/{path}", root());
    if std::env::var_os("UPDATE_SAMPLES").is_some() {
        std::fs::write(&path, json).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let first = committed.lines().zip(json.lines()).position(|(a, b)| a != b);
    assert!(
        committed == json,
        "{path} is not what its workbook builds (first difference at line {}); \
         run UPDATE_SAMPLES=1 cargo test --test sample_bundles and review the change",
        first.map_or_else(|| "past the shorter's end".to_string(), |i| (i + 1).to_string())
    );
}

fn nottinghamshire() -> (Built, Bundle) {
    let (built, json) = build_sample("tests/workbooks/nottinghamshire", EXPORTS);
    let lines: Vec<String> = built.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(built.errors(), 0, "{lines:#?}");
    committed_equals("bundles/nottinghamshire.json", &json);
    let bundle = load(json.as_bytes()).unwrap_or_else(|p| panic!("the sample does not load: {p:#?}"));
    (built, bundle)
}

#[test]
fn the_nottinghamshire_sample_is_what_its_workbook_and_the_real_exports_build() {
    let (built, b) = nottinghamshire();
    // Only what the real exports themselves hold is told: England's children in low
    // income families for 2016 is published outside its own limits, and the deprivation
    // score has no row for the region.
    let lines: Vec<String> = built.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(lines.iter().any(|l| l.contains("outside its own 95% limits")
        && l.contains("(indicator \"10101\", area \"England\", period \"2016\")")));
    assert!(lines.iter().any(|l| l.contains("indicator 91872") && l.contains("East Midlands region")));
    assert!(b.source.illustrative, "the ratings, commentary and targets are made up, and the bundle says so");
    assert_eq!(b.board.area_code.as_deref(), Some("E10000024"));
    assert_eq!(b.peer_group("em-upper-tier").unwrap().members.len(), 8);
    assert_eq!(b.items.len(), 10);
}

#[test]
fn the_sample_compares_nottinghamshire_as_fingertips_published() {
    let (_, b) = nottinghamshire();
    let item = |id: &str| b.items.iter().find(|i| i.id == id).unwrap();

    // Campylobacter 2017: 92.63 (86.13 to 99.50); England 96.61 and the East Midlands 86.59
    // both lie inside the interval: similar to each, as the export's row says ("Similar",
    // "Similar").
    let campylobacter = item("campylobacter");
    assert_eq!(campylobacter.series.len(), 3);
    let each = compare_with_each(&b, campylobacter, Level::NinetyFive);
    let verdict = |id: &str| each.iter().find(|c| c.comparator == id).map(|c| c.result.clone());
    assert_eq!(verdict("england"), Some(CompareResult::Similar));
    assert_eq!(verdict("east-midlands"), Some(CompareResult::Similar));
    // Leicester's 49.66 (42.54 to 57.64) is below Nottinghamshire's interval.
    assert_eq!(verdict("leicester"), Some(CompareResult::Worse));
    assert_eq!(each.len(), 10, "England, the region and the eight peers");
    // Lower is better: Leicester, Nottingham, Northamptonshire, Derby and Leicestershire
    // have lower rates (49.7, 56.0, 73.0, 76.9, 86.4), Derbyshire, Rutland and Lincolnshire
    // higher (99.1, 116.6, 112.9).
    let rank = rank_in_group(&b, campylobacter, "em-upper-tier").unwrap();
    assert_eq!((rank.rank, rank.of, rank.period.as_str()), (6, 9, "2017"));

    // What a reader sees, as of the September 2018 edition: the rank among the group, by
    // its honest name, and the region's verdict.
    let standing = Standing::of(&b, campylobacter, &b.periods[1]);
    let rank = standing.rank().unwrap();
    assert_eq!(rank.words(), "6th best of 9 East Midlands counties and unitary authorities");
    assert_eq!(rank.quarter(), Quarter::Middle);
    assert_eq!(standing.region(&b).map(|c| c.result.clone()), Some(CompareResult::Similar));
    // As of September 2017, 2016's 88.69 is above the East Midlands' 81.30 and its interval
    // (82.32 to 95.41) excludes it: worse, as the export says ("Worse").
    let standing = Standing::of(&b, campylobacter, &b.periods[0]);
    assert_eq!(standing.region(&b).map(|c| c.result.clone()), Some(CompareResult::Worse));

    // Unemployment, typed into the Series and Comparisons sheets: 3.9 (2.6 to 5.2), similar
    // to England's 4.4 as the export says; 3rd lowest of 9 after Rutland and Derbyshire.
    let unemployment = item("unemployment");
    let each = compare_with_each(&b, unemployment, Level::NinetyFive);
    assert_eq!(each.iter().find(|c| c.comparator == "england").unwrap().result, CompareResult::Similar);
    let rank = rank_in_group(&b, unemployment, "em-upper-tier").unwrap();
    assert_eq!((rank.rank, rank.of), (3, 9));
}

#[test]
fn the_sample_rates_its_targets() {
    let (_, b) = nottinghamshire();
    let item = |id: &str| b.items.iter().find(|i| i.id == id).unwrap();
    let [first, second] = [&b.periods[0], &b.periods[1]];

    // Trimethoprim resistance, at most the target, amber within 10%: 26% against 27% in
    // 2017 Q3 is green; 24% against 23% in 2018 Q3 is within 2.3 of it, amber. The
    // editions state no RAG, so each is computed.
    let trimethoprim = item("trimethoprim");
    for (period, rag, label) in [(first, Rag::Green, "2017 Q3"), (second, Rag::Amber, "2018 Q3")] {
        let s = status(&b, trimethoprim, period);
        assert_eq!(s.target.as_ref().map(|t| t.period.as_str()), Some(label));
        assert_eq!((s.target_rag.value, s.target_rag.origin), (Some(rag), Origin::Computed), "{}", period.id);
    }
    // Unemployment, at most England's rate: 3.9% against 4.4% is green.
    let s = status(&b, item("unemployment"), second);
    assert_eq!((s.target_rag.value, s.target_rag.origin), (Some(Rag::Green), Origin::Computed));
}

#[test]
fn the_samples_are_published_with_the_app() {
    // Trunk copies the whole folder into dist/, so `?bundle=bundles/nottinghamshire.json`
    // opens the sample wherever the app is published.
    let index = std::fs::read_to_string(format!("{}/index.html", root())).unwrap();
    assert!(
        index.contains(r#"<link data-trunk rel="copy-dir" href="bundles">"#),
        "index.html no longer copies bundles/"
    );
    assert!(std::path::Path::new(&format!("{}/bundles/nottinghamshire.json", root())).is_file());
}
