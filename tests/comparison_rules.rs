//! The optional additions for comparisons, peers, targets and value types: a bundle that
//! uses them loads; each of their rules names the place and gives a kind; a bundle
//! without them means what it meant before.

use scorecard_explorer::bundle::problem::ProblemKind;
use scorecard_explorer::bundle::{load, ComparatorKind, Problem, TargetDirection, ValueType};

fn kent() -> String {
    std::fs::read_to_string(format!("{}/tests/comparisons/kent.json", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn with(old: &str, new: &str) -> String {
    let text = kent();
    assert_eq!(text.matches(old).count(), 1, "{old:?} is not once in the bundle");
    text.replacen(old, new, 1)
}

fn problems(text: &str) -> Vec<Problem> {
    load(text.as_bytes()).expect_err("the bundle should be refused")
}

/// The only problem of `text`: its kind and path, checked to carry a line and column.
fn only(text: &str) -> (ProblemKind, String, Problem) {
    let ps = problems(text);
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let p = ps.into_iter().next().unwrap();
    assert!(p.line.is_some() && p.column.is_some(), "no position: {p:?}");
    (p.kind, p.path.clone(), p)
}

#[test]
fn a_bundle_with_every_addition_loads() {
    let b = load(kent().as_bytes()).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(b.board.area_code.as_deref(), Some("E10000016"));
    assert_eq!(b.comparators.len(), 5);
    assert_eq!(b.comparator("cipfa").unwrap().kind, Some(ComparatorKind::PeerGroup));
    assert_eq!(b.peer_group("cipfa").unwrap().members, ["essex", "hampshire"]);
    let item = &b.items[0];
    assert_eq!(item.value_type, Some(ValueType::Proportion));
    let rule = item.target_rule.as_ref().unwrap();
    assert_eq!((rule.direction.clone(), rule.amber_within), (Some(TargetDirection::AtMost), Some(10.0)));
    assert_eq!(item.comparisons["england"].len(), 2);
    assert_eq!(item.updated.as_deref(), Some("2024-05"));
    assert_eq!(item.next_update.as_deref(), Some("May 2025"));
    // Written back, the additions survive and read the same.
    let again = load(serde_json::to_string(&b).unwrap().as_bytes()).unwrap();
    assert_eq!(again, b);
}

#[test]
fn a_bundle_without_the_additions_writes_none_of_them() {
    let text = std::fs::read_to_string(format!("{}/tests/good/minimal.json", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let b = load(text.as_bytes()).unwrap();
    assert!(b.comparators.is_empty() && b.peer_groups.is_empty());
    let written = serde_json::to_string(&b).unwrap();
    for field in ["comparators", "peer_groups", "comparisons", "value_type", "target_rule", "next_update"] {
        assert!(!written.contains(field), "{field} written for a bundle without it");
    }
}

#[test]
fn a_comparator_kind_is_an_exact_word() {
    let (kind, path, p) = only(&with(r#""kind": "region""#, r#""kind": "Region""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::UnknownWord, "comparators[1].kind"));
    assert_eq!(p.found.as_deref(), Some(r#""Region""#));
    assert!(p.expected.unwrap().contains(r#""peer_area""#));
}

#[test]
fn a_comparator_needs_an_id_a_label_and_a_kind() {
    let (kind, path, _) = only(&with(r#", "kind": "region""#, ""));
    assert_eq!((kind, path.as_str()), (ProblemKind::Missing, "comparators[1].kind"));
    let (kind, path, _) = only(&with(r#""label": "South East region""#, r#""label": " ""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Missing, "comparators[1].label"));
}

#[test]
fn comparator_ids_are_unique() {
    // A second "essex": a duplicate; "hampshire", still referred to, now names nothing.
    let ps = problems(&with(r#""id": "hampshire""#, r#""id": "essex""#));
    let summary: Vec<(ProblemKind, &str)> = ps.iter().map(|p| (p.kind, p.path.as_str())).collect();
    assert_eq!(
        summary,
        [
            (ProblemKind::Duplicate, "comparators[4].id"),
            (ProblemKind::UnknownId, "peer_groups[0].members[1]"),
            (ProblemKind::UnknownId, "items[0].comparisons.hampshire"),
        ]
    );
}

#[test]
fn a_peer_group_is_a_comparator_of_kind_peer_group() {
    let (kind, path, p) = only(&with(r#"{ "id": "cipfa", "members""#, r#"{ "id": "england", "members""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Inconsistent, "peer_groups[0].id"));
    assert_eq!(p.found.as_deref(), Some(r#""england" of kind "national""#));
    let (kind, path, _) = only(&with(r#"{ "id": "cipfa", "members""#, r#"{ "id": "nearest", "members""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::UnknownId, "peer_groups[0].id"));
}

#[test]
fn a_peer_group_member_is_a_peer_area_listed_once() {
    let (kind, path, _) = only(&with(r#"["essex", "hampshire"]"#, r#"["essex", "surrey"]"#));
    assert_eq!((kind, path.as_str()), (ProblemKind::UnknownId, "peer_groups[0].members[1]"));
    let (kind, path, _) = only(&with(r#"["essex", "hampshire"]"#, r#"["essex", "south-east"]"#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Inconsistent, "peer_groups[0].members[1]"));
    let (kind, path, _) = only(&with(r#"["essex", "hampshire"]"#, r#"["essex", "hampshire", "essex"]"#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Duplicate, "peer_groups[0].members[2]"));
}

#[test]
fn a_comparison_names_a_comparator_with_a_series_of_its_own() {
    let (kind, path, p) = only(&with(r#""south-east": ["#, r#""london": ["#));
    assert_eq!((kind, path.as_str()), (ProblemKind::UnknownId, "items[0].comparisons.london"));
    assert!(p.expected.unwrap().contains(r#""south-east""#));
    let (kind, path, _) = only(&with(r#""south-east": ["#, r#""cipfa": ["#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Inconsistent, "items[0].comparisons.cipfa"));
}

#[test]
fn comparison_points_follow_the_series_rules() {
    let (kind, path, _) =
        only(&with(r#"{ "date": "2022", "label": "2022", "value": 12.7 }"#, r#"{ "date": "2023", "value": 12.7 }"#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Duplicate, "items[0].comparisons.england[1].date"));
    let (kind, path, _) =
        only(&with(r#"{ "date": "2022", "label": "2022", "value": 12.7 }"#, r#"{ "date": "2022-13", "value": 12.7 }"#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Invalid, "items[0].comparisons.england[1].date"));
    let (kind, path, _) = only(&with(r#""lower": 10.6, "upper": 11.4"#, r#""lower": 11.4, "upper": 10.6"#).replacen(
        r#""value": 11.0,"#,
        r#""value": null,"#,
        1,
    ));
    assert_eq!((kind, path.as_str()), (ProblemKind::Inconsistent, "items[0].comparisons.south-east[0].lower"));
}

#[test]
fn the_benchmark_comparator_resolves() {
    let (kind, path, _) = only(&with(r#""benchmark_comparator": "england""#, r#""benchmark_comparator": "wales""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::UnknownId, "items[0].benchmark_comparator"));
}

#[test]
fn a_value_type_is_an_exact_word() {
    let (kind, path, p) = only(&with(r#""value_type": "proportion""#, r#""value_type": "percentage""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::UnknownWord, "items[0].value_type"));
    assert!(p.expected.unwrap().contains(r#""directly_standardised_rate""#));
}

#[test]
fn a_target_rule_has_a_direction_and_a_percentage() {
    let (kind, path, _) = only(&with(r#""direction": "at_most""#, r#""direction": "below""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::UnknownWord, "items[0].target_rule.direction"));
    let (kind, path, _) = only(&with(r#""direction": "at_most", "#, ""));
    assert_eq!((kind, path.as_str()), (ProblemKind::Missing, "items[0].target_rule.direction"));
    let (kind, path, _) = only(&with(r#""amber_within": 10"#, r#""amber_within": -5"#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Invalid, "items[0].target_rule.amber_within"));
}

#[test]
fn updated_is_a_date_and_next_update_may_be_words() {
    let (kind, path, _) = only(&with(r#""updated": "2024-05""#, r#""updated": "May 2024""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Invalid, "items[0].updated"));
}

#[test]
fn a_wrong_type_inside_a_comparison_is_named_at_its_path() {
    let (kind, path, _) = only(&with(
        r#"{ "date": "2023", "label": "2023", "value": 11.9 }"#,
        r#"{ "date": "2023", "label": "2023", "value": "11.9" }"#,
    ));
    assert_eq!((kind, path.as_str()), (ProblemKind::Invalid, "items[0].comparisons.england[0].value"));
    let (kind, path, _) = only(&with(r#""amber_within": 10"#, r#""amber_within": "10%""#));
    assert_eq!((kind, path.as_str()), (ProblemKind::Invalid, "items[0].target_rule.amber_within"));
}
