//! The Fingertips reader over every real export in `tests/fingertips/` (see its README for
//! where each came from): each reads without a problem, and each file's quirk comes out as
//! the published figures.

use scorecard_explorer::fingertips::{read, Export, Length};

fn export(name: &str) -> Export {
    let path = format!("{}/tests/fingertips/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read(name, &bytes).unwrap_or_else(|problems| {
        panic!("{name}: {}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))
    })
}

#[test]
fn every_real_export_reads_and_every_period_label_is_understood() {
    let dir = format!("{}/tests/fingertips", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 9);
    for name in &files {
        let export = export(name);
        assert!(!export.rows.is_empty(), "{name}");
        for row in &export.rows {
            assert!(row.period().is_some(), "{name} line {}: period {:?}", row.line, row.time_period);
            assert!(!row.indicator_name.is_empty() && !row.area_name.is_empty(), "{name} line {}", row.line);
        }
    }
}

#[test]
fn bulk_export_with_short_rows_and_a_line_break_in_a_quoted_name() {
    // Header of 26 columns, every row 25 fields; the name holds ",\n" inside quotes.
    let export = export("campylobacter-county-ua-2015-2017.csv");
    assert_eq!(export.rows.len(), 852);
    let england = &export.rows[0];
    assert_eq!(england.indicator_name, "Campylobacter incidence rate/100,000");
    assert_eq!((england.area_code.as_str(), england.area_type.as_deref()), ("E92000001", Some("Country")));
    assert_eq!((england.count, england.denominator), (Some(51897.0), Some(54786327.0)));
    assert_eq!(england.lower_95, Some(93.9129396546008));
    assert_eq!((england.line, export.rows[1].line), (2, 4), "each row starts on the line after the name's break");
    assert_eq!(england.time_period_sortable, Some(20150000));
    let somerset: Vec<_> =
        export.rows.iter().filter(|r| r.area_code == "E10000027" && r.age.as_deref() == Some("All ages")).collect();
    assert_eq!(somerset.len(), 3);
    assert!(somerset.iter().all(|r| r.compared_to_england.is_some()));
    assert!(export.rows.iter().any(|r| r.category_type.is_some()), "deprivation decile rows");
    assert_eq!(export.rows.iter().filter(|r| r.recent_trend.as_deref() == Some("Cannot be calculated")).count(), 182);
}

#[test]
fn newer_chart_export_with_bom_and_area_name_spelt_as_one_word() {
    let export = export("lambeth-smoking.csv");
    assert_eq!(export.rows.len(), 24);
    let first = &export.rows[0];
    assert_eq!(first.indicator_id, "91547", "the byte-order mark is not part of the first column");
    assert_eq!(first.area_name, "England");
    assert_eq!(first.time_period_range.as_deref(), Some("1y"));
    assert_eq!(first.period().unwrap().length, Length::FinancialYear);
    let trends: Vec<_> = export.rows.iter().filter_map(|r| r.recent_trend.as_deref()).collect();
    assert_eq!(trends, ["Decreasing and getting better"]);
    let note = export.rows.iter().find_map(|r| r.value_note.as_deref()).unwrap();
    assert!(note.starts_with("There is a data quality issue"), "{note}");
    let hle = self::export("lambeth-hlefemale.csv");
    assert!(hle.rows.iter().all(|r| r.period().unwrap().length == Length::Years(3)));
}

#[test]
fn older_bulk_export_with_region_comparison_and_empty_values() {
    let export = export("substance-misuse-mental-health-east-midlands.csv");
    assert_eq!(export.rows.len(), 87);
    assert_eq!(export.rows[0].area_type.as_deref(), Some("England"));
    assert_eq!(export.rows[0].lower_95, None);
    assert_eq!(export.rows[0].compared_to_parent.as_deref(), Some("Not compared"));
    assert!(export.rows.iter().any(|r| r.compared_to_england.as_deref() == Some("Higher")));
}

#[test]
fn quarterly_labels_are_calendar_quarters_in_order() {
    let export = export("uti-england-quarterly.csv");
    assert_eq!(export.rows.len(), 38);
    let ends: Vec<String> = export.rows.iter().map(|r| r.period().unwrap().end).collect();
    assert_eq!(ends.first().map(String::as_str), Some("2015-03-31"));
    assert_eq!(ends.last().map(String::as_str), Some("2024-06-30"));
    assert!(ends.windows(2).all(|w| w[0] < w[1]));
    // Fingertips sorts them as calendar quarters too: 2015 Q1 is 20150100.
    assert_eq!(export.rows[0].time_period_sortable, Some(20150100));
}
