//! Published figures are messy: official statistics sometimes put a value a rounding step
//! outside its own 95% limits. That is a warning naming the place, in the bundle and in the
//! builder, never a refused scorecard, and the point is kept as published.
//!
//! The real example: OHID Fingertips' export of children in low income families (under
//! 16s, indicator 10101) gives England's 2016 value as 17 with limits 17.02501286 to
//! 17.07163419 (`tests/fingertips/substance-misuse-mental-health-east-midlands.csv`,
//! line 23): the value was rounded, its limits were not.

use scorecard_explorer::bundle::problem::ProblemKind;
use scorecard_explorer::bundle::warnings::load_with_warnings;
use scorecard_explorer::workbook::{build, File, FingertipsFile, Limits};

const EXPORT: &str = "substance-misuse-mental-health-east-midlands.csv";

/// A scorecard for England whose one metric takes its series from the export.
fn england_workbook() -> Vec<(String, String)> {
    [
        ("board.csv", "field,value\nname,England test board\narea,England\narea_code,E92000001\n"),
        ("periods.csv", "id,label,end\n2017-03,March 2017,2017-03-31\n"),
        ("workstreams.csv", "id,label,title\nws1,Starting well,Start well\n"),
        (
            "items.csv",
            "id,workstream,kind,title,unit,polarity,fingertips_id,fingertips_sex,fingertips_age\n\
             cilif,ws1,metric,Children in low income families (under 16s),%,Lower is better,10101,Persons,<16 yrs\n",
        ),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t.to_string()))
    .collect()
}

#[test]
fn a_fingertips_value_outside_its_own_limits_is_kept_with_a_warning() {
    let export = std::fs::read(format!("{}/tests/fingertips/{EXPORT}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let files = england_workbook();
    let files: Vec<File> = files.iter().map(|(name, text)| File { name, bytes: text.as_bytes() }).collect();
    let built = build(&files, &[FingertipsFile { name: EXPORT, bytes: &export }], &Limits::default());
    let lines: Vec<String> = built.problems.iter().map(|p| p.to_string()).collect();
    assert!(built.problems.iter().all(|p| !p.is_error()), "a warning, never a refusal: {lines:#?}");
    let warning = built
        .problems
        .iter()
        .find(|p| p.kind == ProblemKind::Inconsistent)
        .unwrap_or_else(|| panic!("no warning for the value below its lower limit: {lines:#?}"));
    assert_eq!(lines.len(), 1, "told once, at the export's row: {lines:#?}");
    assert!(
        lines[0].starts_with(&format!(
            "{EXPORT}:23: warning: column Lower CI 95.0 limit: a published value outside its own 95% limits"
        )),
        "{lines:#?}"
    );
    assert_eq!(warning.found.as_deref(), Some("value 17, limit 17.02501286"));

    // The point is kept as published, and the bundle written loads, telling the same.
    let point = &built.bundle.items[0].series[0];
    assert_eq!((point.value, point.lower, point.upper), (Some(17.0), Some(17.02501286), Some(17.07163419)));
    let json = serde_json::to_string_pretty(&built.bundle).unwrap();
    let (bundle, warnings) = load_with_warnings(json.as_bytes()).unwrap_or_else(|ps| panic!("{ps:#?}"));
    assert_eq!(bundle.items[0].series[0].value, Some(17.0));
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].path, "items[0].series[0].lower");
    assert!(warnings[0].line.is_some(), "named at its line in the file");
}

#[test]
fn a_comparison_point_outside_its_limits_is_a_warning_too() {
    // The issue's own example, value 15.6 with upper limit 15.59, as a comparator's point.
    let text = std::fs::read_to_string(format!("{}/tests/comparisons/kent.json", env!("CARGO_MANIFEST_DIR")))
        .unwrap()
        .replacen(
            r#""value": 11.0, "lower": 10.6, "upper": 11.4"#,
            r#""value": 15.6, "lower": 15.2, "upper": 15.59"#,
            1,
        );
    let (bundle, warnings) = load_with_warnings(text.as_bytes()).unwrap_or_else(|ps| panic!("{ps:#?}"));
    assert_eq!(bundle.items[0].comparisons["south-east"][0].value, Some(15.6));
    let told: Vec<(&str, &str)> = warnings.iter().map(|p| (p.path.as_str(), p.message.as_str())).collect();
    assert_eq!(told, [("items[0].comparisons.south-east[0].upper", "the upper confidence limit is below the value")]);
}
