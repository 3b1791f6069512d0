//! The workbook's `Comparators`, `Peers` and `Comparisons` sheets and the new `Items`
//! columns (`value_type`, `target_direction`, `amber_within`, `updated`, `next_update`):
//! read into the bundle's additions, each problem named at its cell, and carried by the
//! export so that bundle -> workbook -> bundle loses nothing.

use scorecard_explorer::bundle::{load, Bundle, ComparatorKind, TargetDirection, ValueType};
use scorecard_explorer::workbook::{build, Built, File, Limits};

#[path = "support/problem_lines.rs"]
mod problem_lines;
use problem_lines::{lines, only_error};

/// A scorecard for Kent with England, the South East, and two CIPFA neighbours.
fn folder() -> Vec<(String, String)> {
    [
        ("board.csv", "field,value\nname,Kent Health and Wellbeing Board\narea,Kent\narea_code,E10000016\n"),
        ("periods.csv", "id,label,end\n2024-06,June 2024,2024-06-30\n"),
        ("workstreams.csv", "id,label,title\nws1,Living well,Living well\n"),
        (
            "items.csv",
            "id,workstream,kind,title,unit,polarity,value_type,target_direction,amber_within,updated,next_update\n\
             smoking,ws1,metric,Smoking prevalence in adults,%,Lower is better,Proportion,At most,10,2024-05,May 2025\n",
        ),
        ("series.csv", "item,date,label,value,lower,upper,target\nsmoking,2023,2023,11.5,10.4,12.6,11\n"),
        (
            "comparators.csv",
            "id,label,kind,code\nengland,England,National,E92000001\nsouth-east,South East region,region,E12000008\n\
             cipfa,CIPFA nearest neighbours,Peer group,\nessex,Essex,peer area,E10000012\n\
             hampshire,Hampshire,Peer area,E10000014\n",
        ),
        ("peers.csv", "group,member\ncipfa,essex\ncipfa,E10000014\n"),
        (
            "comparisons.csv",
            "item,comparator,date,label,value,lower,upper\nsmoking,england,2023,2023,11.9,,\n\
             smoking,essex,2023,2023,13.0,11.8,14.2\nsmoking,hampshire,2023,2023,10.2,9.1,11.3\n",
        ),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t.to_string()))
    .collect()
}

fn with(name: &str, text: &str) -> Vec<(String, String)> {
    let mut files = folder();
    files.retain(|(n, _)| n != name);
    files.push((name.to_string(), text.to_string()));
    files
}

fn build_csv(files: &[(String, String)]) -> Built {
    let files: Vec<File> = files.iter().map(|(name, text)| File { name, bytes: text.as_bytes() }).collect();
    build(&files, &[], &Limits::default())
}

/// The bundle as the viewer holds it: written and loaded.
fn loaded(b: &Bundle) -> Bundle {
    load(serde_json::to_string(b).unwrap().as_bytes()).unwrap_or_else(|p| panic!("{p:#?}"))
}

#[test]
fn the_sheets_fill_comparators_peers_comparisons_and_the_items_new_columns() {
    let built = build_csv(&folder());
    assert!(built.problems.is_empty(), "{:#?}", lines(&built));
    let b = loaded(&built.bundle);
    let kinds: Vec<Option<ComparatorKind>> = b.comparators.iter().map(|c| c.kind.clone()).collect();
    assert_eq!(
        kinds,
        [
            Some(ComparatorKind::National),
            Some(ComparatorKind::Region),
            Some(ComparatorKind::PeerGroup),
            Some(ComparatorKind::PeerArea),
            Some(ComparatorKind::PeerArea)
        ]
    );
    assert_eq!(b.comparators[1].code.as_deref(), Some("E12000008"));
    // A member named by its ONS code is held by its comparator id.
    assert_eq!(b.peer_group("cipfa").unwrap().members, ["essex", "hampshire"]);
    let item = &b.items[0];
    assert_eq!(item.comparisons.len(), 3);
    assert_eq!(item.comparisons["essex"][0].upper, Some(14.2));
    assert_eq!(item.comparisons["england"][0].lower, None);
    assert_eq!(item.value_type, Some(ValueType::Proportion));
    let rule = item.target_rule.clone().unwrap();
    assert_eq!((rule.direction, rule.amber_within), (Some(TargetDirection::AtMost), Some(10.0)));
    assert_eq!(item.updated.as_deref(), Some("2024-05"));
    assert_eq!(item.next_update.as_deref(), Some("May 2025"));
}

#[test]
fn a_comparison_naming_no_comparator_is_named_at_its_cell() {
    let text = "item,comparator,date,value\nsmoking,england,2023,11.9\nsmoking,kent-nn,2023,12\n";
    let error = only_error(&build_csv(&with("comparisons.csv", text)));
    assert!(error.starts_with("comparisons.csv:3:2: column comparator: no comparator has this id"), "{error}");
}

#[test]
fn a_comparison_point_is_named_at_its_cell() {
    let text = "item,comparator,date,value,lower,upper\nsmoking,england,2023,11.9,12,11\n";
    let error = only_error(&build_csv(&with("comparisons.csv", text)));
    assert!(
        error.starts_with("comparisons.csv:2:5: column lower: the lower confidence limit is above the upper"),
        "{error}"
    );
    let text = "item,comparator,date,value\nsmoking,england,2023,11.9\nsmoking,england,2023,12\n";
    let error = only_error(&build_csv(&with("comparisons.csv", text)));
    assert!(error.starts_with("comparisons.csv:3:3: column date: a second value for the date"), "{error}");
}

#[test]
fn a_peer_that_is_not_a_peer_area_is_named_at_its_cell() {
    let error = only_error(&build_csv(&with("peers.csv", "group,member\ncipfa,essex\ncipfa,south-east\n")));
    assert!(error.starts_with("peers.csv:3:2: column member: this comparator is not of kind \"peer_area\""), "{error}");
    let error = only_error(&build_csv(&with("peers.csv", "group,member\nengland,essex\n")));
    assert!(error.starts_with("peers.csv:2:1: column group: this comparator is not of kind \"peer_group\""), "{error}");
}

#[test]
fn a_comparator_kind_and_a_target_direction_are_words_named_at_their_cells() {
    let comparators = "id,label,kind\nengland,England,country\n";
    let built = build_csv(&with("comparators.csv", comparators));
    assert!(lines(&built).iter().any(|l| l.starts_with("comparators.csv:2:3: column kind: unknown comparator kind")));
    let items = "id,workstream,kind,title,target_direction\nsmoking,ws1,metric,Smoking,below\n";
    let error = only_error(&build_csv(&with("items.csv", items)));
    assert!(error.starts_with("items.csv:2:5: column target_direction: unknown target direction"), "{error}");
}

#[test]
fn a_benchmark_comparator_naming_none_is_named_at_its_cell() {
    let items = "id,workstream,kind,title,benchmark_comparator\nsmoking,ws1,metric,Smoking,wales\n";
    let error = only_error(&build_csv(&with("items.csv", items)));
    assert!(error.starts_with("items.csv:2:5: column benchmark_comparator: no comparator has this id"), "{error}");
}

#[test]
fn the_export_carries_the_new_sheets_and_the_round_trip_loses_nothing() {
    let text = std::fs::read(format!("{}/tests/comparisons/kent.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let b = load(&text).unwrap();
    let files = scorecard_explorer::workbook::export::csv_files(&b);
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    for sheet in ["comparators.csv", "peers.csv", "comparisons.csv"] {
        assert!(names.contains(&sheet), "{names:?}");
    }
    let inputs: Vec<File> = files.iter().map(|(name, bytes)| File { name, bytes }).collect();
    let from_csv = build(&inputs, &[], &Limits::default());
    assert!(from_csv.problems.is_empty(), "{:#?}", from_csv.problems);
    assert_eq!(loaded(&from_csv.bundle), b);

    let xlsx = scorecard_explorer::workbook::write::workbook(&b).unwrap();
    let from_xlsx = build(&[File { name: "kent.xlsx", bytes: &xlsx }], &[], &Limits::default());
    assert!(from_xlsx.problems.is_empty(), "{:#?}", from_xlsx.problems);
    assert_eq!(loaded(&from_xlsx.bundle), b);
}
