//! The Fingertips join: a workbook whose metrics name Fingertips indicators, built together
//! with the real exports of `tests/fingertips/`. The expected figures are read from those
//! files as published (Lambeth is E09000022, England E92000001).

use scorecard_explorer::bundle::validate::validate;
use scorecard_explorer::workbook::{build, Built, File, FingertipsFile, Limits};

#[path = "support/problem_lines.rs"]
mod problem_lines;
use problem_lines::{lines, only_error};

fn root() -> String {
    env!("CARGO_MANIFEST_DIR").to_string()
}

/// The Lambeth workbook's CSV files, with `edit` applied to (name, text).
fn lambeth(edit: impl Fn(&str, String) -> String) -> Vec<(String, String)> {
    let dir = format!("{}/tests/workbooks/lambeth", root());
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .map(|n| {
            let text = std::fs::read_to_string(format!("{dir}/{n}")).unwrap();
            let text = edit(&n, text);
            (n, text)
        })
        .collect();
    files.sort();
    files
}

fn export(name: &str) -> (String, Vec<u8>) {
    (name.to_string(), std::fs::read(format!("{}/tests/fingertips/{name}", root())).unwrap())
}

fn lambeth_exports() -> Vec<(String, Vec<u8>)> {
    ["smoking", "depression", "coronary-heart-disease", "hlefemale", "adultobesity", "physicalactiv"]
        .iter()
        .map(|n| export(&format!("lambeth-{n}.csv")))
        .collect()
}

fn run(files: &[(String, String)], exports: &[(String, Vec<u8>)]) -> Built {
    let files: Vec<File> = files.iter().map(|(name, text)| File { name, bytes: text.as_bytes() }).collect();
    let exports: Vec<FingertipsFile> = exports.iter().map(|(name, bytes)| FingertipsFile { name, bytes }).collect();
    build(&files, &exports, &Limits::default())
}

#[test]
fn lambeth_builds_with_series_benchmarks_and_verdicts_from_the_exports() {
    let built = run(&lambeth(|_, t| t), &lambeth_exports());
    assert!(built.problems.is_empty(), "{:#?}", lines(&built));
    assert!(validate(&built.bundle).is_empty(), "the built bundle passes the viewer's validation");
    let item = |id: &str| built.bundle.items.iter().find(|i| i.id == id).unwrap();

    // Smoking: 8 financial years of Lambeth, dated by the end of each, England as benchmark.
    let smoking = item("smoking");
    let labels: Vec<&str> = smoking.series.iter().map(|p| p.label.as_deref().unwrap()).collect();
    assert_eq!(labels, ["2013/14", "2014/15", "2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21"]);
    let first = &smoking.series[0];
    assert_eq!(first.date, "2014-03-31");
    assert_eq!((first.value, first.lower, first.upper), (Some(21.0464), Some(20.9019), Some(21.1916)));
    assert_eq!(first.count, Some(64049.0));
    assert_eq!(first.denominator, Some(304323.2420558371));
    assert_eq!(first.benchmark, Some(19.1708), "England's 2013/14 value");
    assert_eq!(smoking.comparator_label.as_deref(), Some("England"), "the exports' comparator is named");
    assert_eq!(smoking.comparator(), "England");
    let last = smoking.series.last().unwrap();
    assert_eq!((last.date.as_str(), last.value, last.benchmark), ("2021-03-31", Some(17.1834), Some(15.9356)));
    let verdicts = smoking.fingertips.as_ref().unwrap();
    assert_eq!(verdicts.indicator_id, Some(91547));
    assert_eq!(verdicts.period.as_deref(), Some("2020/21"));
    assert_eq!(verdicts.recent_trend.as_deref(), Some("Decreasing and getting better"));
    assert_eq!(verdicts.compared_to_england, None, "these chart exports publish no comparison");

    assert_eq!(item("depression").fingertips.as_ref().unwrap().recent_trend.as_deref(), Some("Increasing"));
    assert_eq!(item("chd").fingertips.as_ref().unwrap().recent_trend.as_deref(), Some("No significant change"));
    assert_eq!(item("chd").series.len(), 13);

    // Three-year periods end with their last year; the sex names the female series.
    let hle = item("hle-female");
    assert_eq!(hle.series.len(), 10);
    let last = hle.series.last().unwrap();
    assert_eq!((last.label.as_deref(), last.date.as_str()), (Some("2018 - 20"), "2020-12-31"));
    assert_eq!((last.value, last.benchmark), (Some(59.48), Some(63.87)));
    assert_eq!(hle.fingertips.as_ref().unwrap().recent_trend.as_deref(), Some("Cannot be calculated"));

    // No counts in the export: none in the points.
    let obesity = item("obesity");
    assert_eq!(obesity.series.len(), 6);
    assert!(obesity.series.iter().all(|p| p.count.is_none() && p.value.is_some()));
}

#[test]
fn a_comparator_label_the_workbook_gives_is_kept() {
    let files = lambeth(|name, text| {
        if name != "items.csv" {
            return text;
        }
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines[0].push_str(",comparator_label");
        for line in &mut lines[1..] {
            line.push_str(",London region");
        }
        lines.join("\n")
    });
    let built = run(&files, &lambeth_exports());
    assert!(built.problems.is_empty(), "{:#?}", lines(&built));
    assert!(built.bundle.items.iter().all(|i| i.comparator() == "London region"));
}

#[test]
fn category_rows_are_left_out_and_the_age_chooses_the_series() {
    // Campylobacter: Somerset (E10000027), all ages and 0-9 years, with deprivation-decile
    // category rows for England.
    let built = somerset_campylobacter();
    assert!(built.problems.is_empty(), "{:#?}", lines(&built));
    let item = &built.bundle.items[0];
    let got: Vec<(&str, Option<f64>, Option<f64>)> =
        item.series.iter().map(|p| (p.date.as_str(), p.value, p.benchmark)).collect();
    assert_eq!(
        got,
        [
            ("2015-12-31", Some(145.217184033444), Some(94.7261896202678)),
            ("2016-12-31", Some(127.946826536499), Some(89.1292253807248)),
            ("2017-12-31", Some(129.038833590865), Some(96.6109417215551)),
        ]
    );
    let verdicts = item.fingertips.as_ref().unwrap();
    assert_eq!(verdicts.period.as_deref(), Some("2017"));
    assert_eq!(verdicts.compared_to_england.as_deref(), Some("Worse"));
    assert_eq!(verdicts.recent_trend.as_deref(), Some("Cannot be calculated"));
}

#[test]
fn several_sex_and_age_combinations_without_a_choice_are_an_error_listing_them() {
    let files = lambeth(|name, text| match name {
        "board.csv" => text.replace("E09000022", "E10000027"),
        "items.csv" => "id,workstream,kind,title,fingertips_id\ncampylobacter,live,metric,Campylobacter,93356\n".into(),
        _ => text,
    });
    let built = run(&files, &[export("campylobacter-county-ua-2015-2017.csv")]);
    let error = only_error(&built);
    assert!(
        error.starts_with("items.csv:2:5: column fingertips_id: indicator 93356 for area \"E10000027\" has rows of 2"),
        "{error}"
    );
    assert!(
        error.contains("fingertips_sex \"Persons\" with fingertips_age \"All ages\"")
            && error.contains("fingertips_sex \"Persons\" with fingertips_age \"0-9 yrs\""),
        "{error}"
    );
}

#[test]
fn an_indicator_area_sex_or_age_not_in_the_files_is_named_at_the_item_with_what_the_files_hold() {
    let exports = lambeth_exports();
    // An indicator none of the files holds.
    let built = run(&lambeth(|n, t| if n == "items.csv" { t.replace(",848,", ",849,") } else { t }), &exports);
    let error = only_error(&built);
    assert!(
        error.starts_with("items.csv:3:7: column fingertips_id: indicator 849 is not in the Fingertips files given")
    );
    assert!(error.contains("\"848\" (\"Depression: QOF prevalence (18+ yrs)\")"), "{error}");

    // An area the files do not hold: every linked item says so, at its own row.
    let built = run(&lambeth(|n, t| if n == "board.csv" { t.replace("E09000022", "E09000023") } else { t }), &exports);
    let all = lines(&built);
    assert_eq!(built.errors(), 6, "{all:#?}");
    assert!(all[0].starts_with("items.csv:2:7: column fingertips_id: the Fingertips files have no rows of indicator 91547 for the board's area \"E09000023\""));
    assert!(
        all[0].contains("\"E09000022\" (\"Lambeth\")") && all[0].contains("\"E92000001\" (\"England\")"),
        "{}",
        all[0]
    );

    // A sex and an age the files do not hold, each named at its own cell.
    let built =
        run(&lambeth(|n, t| if n == "items.csv" { t.replace("90362,Female,", "90362,Male,") } else { t }), &exports);
    assert_eq!(
        only_error(&built),
        "items.csv:5:8: column fingertips_sex: indicator 90362 for area \"E09000022\" has no rows of this sex; \
         found \"Male\" for item \"hle-female\"; expected one of \"Female\""
    );
    let built = run(&lambeth(|n, t| if n == "items.csv" { t.replace(",19+ yrs", ",16+ yrs") } else { t }), &exports);
    assert!(only_error(&built).starts_with("items.csv:7:9: column fingertips_age:"), "{}", only_error(&built));
}

#[test]
fn a_file_that_is_not_a_fingertips_export_is_named_as_such() {
    let files = lambeth(|_, t| t);
    let not_export =
        ("items.csv".to_string(), files.iter().find(|(n, _)| n == "items.csv").unwrap().1.clone().into_bytes());
    let mut exports = lambeth_exports();
    exports.push(not_export);
    let built = run(&files, &exports);
    let error = only_error(&built);
    assert!(
        error.starts_with(
            "items.csv:1: not read as a Fingertips export; found a header without any of Fingertips' columns"
        ),
        "{error}"
    );
}

#[test]
fn html_in_value_notes_never_reaches_the_bundle() {
    // A Lambeth export with a value note holding markup: the note is not part of a point,
    // and nothing of it is written to the bundle.
    let (name, bytes) = export("lambeth-smoking.csv");
    let text = String::from_utf8(bytes).unwrap();
    let marked = text.replacen(
        "\"\",\"Decreasing and getting better\"",
        "\"<script>alert(1)</script><b>Note</b>\",\"Decreasing and getting better\"",
        1,
    );
    assert_ne!(marked, text, "the note was placed");
    let mut exports = lambeth_exports();
    exports[0] = (name, marked.into_bytes());
    let built = run(&lambeth(|_, t| t), &exports);
    assert!(built.problems.is_empty(), "{:#?}", lines(&built));
    let json = serde_json::to_string(&built.bundle).unwrap();
    assert!(!json.contains("<script") && !json.contains("<b>"));
    assert_eq!(
        built.bundle.items[0].fingertips.as_ref().unwrap().recent_trend.as_deref(),
        Some("Decreasing and getting better")
    );
}

#[test]
fn fingertips_verdicts_are_set_beside_the_computed_ones_and_a_disagreement_is_flagged() {
    use scorecard_explorer::stats::published::published;

    let built = run(&lambeth(|_, t| t), &lambeth_exports());
    assert_eq!(built.errors(), 0, "{:#?}", lines(&built));
    // The real exports: the viewer's calculation agrees with every published trend.
    for item in &built.bundle.items {
        let shown = published(item).unwrap_or_else(|| panic!("{} has verdicts", item.id));
        let trend = shown.recent_trend.unwrap();
        assert_eq!(trend.disagreement, None, "{}: published {:?}", item.id, trend.word);
    }
    let smoking = published(&built.bundle.items[0]).unwrap();
    assert_eq!(smoking.period.as_deref(), Some("2020/21"));
    assert_eq!(smoking.recent_trend.unwrap().word, "Decreasing and getting better");

    // A published word the calculation contradicts is flagged with the computed word.
    let mut item = built.bundle.items[0].clone();
    item.fingertips.as_mut().unwrap().recent_trend = Some("Increasing and getting worse".into());
    let trend = published(&item).unwrap().recent_trend.unwrap();
    assert_eq!(trend.disagreement.as_deref(), Some("Decreasing and getting better"));
    // Verdicts about a period the series does not end in are shown but not compared.
    item.series.pop();
    assert_eq!(published(&item).unwrap().recent_trend.unwrap().disagreement, None);
}

#[test]
fn a_published_comparison_with_england_is_checked_against_the_computed_one() {
    use scorecard_explorer::stats::published::published;

    let built = somerset_campylobacter();
    let mut item = built.bundle.items[0].clone();
    let england = published(&item).unwrap().compared_to_england.unwrap();
    assert_eq!((england.word.as_str(), england.disagreement), ("Worse", None));
    item.fingertips.as_mut().unwrap().compared_to_england = Some("Similar".into());
    assert_eq!(published(&item).unwrap().compared_to_england.unwrap().disagreement.as_deref(), Some("Worse"));
}

/// Somerset (E10000027) with one item, campylobacter cases at all ages, from its export.
fn somerset_campylobacter() -> Built {
    let files = lambeth(|name, text| match name {
        "board.csv" => text.replace("E09000022", "E10000027"),
        "items.csv" => "id,workstream,kind,title,polarity,fingertips_id,fingertips_age\n\
                        campylobacter,live,metric,Campylobacter cases,lower_is_better,93356,All ages\n"
            .to_string(),
        _ => text,
    });
    run(&files, &[export("campylobacter-county-ua-2015-2017.csv")])
}
