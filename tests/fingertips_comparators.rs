//! A Fingertips export fills every comparator that has a code (England, the region, each
//! peer area), and the region without one by the `Parent Code` of the board's rows; a peer
//! the file does not hold is a warning naming the area, the indicator and the file. The
//! export is the real county/UA campylobacter file (indicator 93356, 2015-2017), in which
//! Somerset (E10000027) is in the South West (E12000009), beside Devon (E10000008).

use scorecard_explorer::bundle::load;
use scorecard_explorer::stats::compare::{CompareResult, Level};
use scorecard_explorer::stats::rank::rank_in_group;
use scorecard_explorer::workbook::{build, Built, File, FingertipsFile, Limits};

const EXPORT: &str = "campylobacter-county-ua-2015-2017.csv";

fn somerset(comparators: &str, peers: &str, comparisons: Option<&str>) -> Built {
    let mut files = vec![
        (
            "board.csv",
            "field,value\nname,Somerset Health and Wellbeing Board\narea,Somerset\narea_code,E10000027\n".to_string(),
        ),
        ("periods.csv", "id,label,end\n2018-03,March 2018,2018-03-31\n".to_string()),
        ("workstreams.csv", "id,label,title\nws1,Living well,Live well\n".to_string()),
        (
            "items.csv",
            "id,workstream,kind,title,polarity,fingertips_id,fingertips_sex,fingertips_age\n\
             campy,ws1,metric,Campylobacter infection rate,Lower is better,93356,Persons,All ages\n"
                .to_string(),
        ),
        ("comparators.csv", comparators.to_string()),
        ("peers.csv", peers.to_string()),
    ];
    if let Some(c) = comparisons {
        files.push(("comparisons.csv", c.to_string()));
    }
    let export = std::fs::read(format!("{}/tests/fingertips/{EXPORT}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let inputs: Vec<File> = files.iter().map(|(name, text)| File { name, bytes: text.as_bytes() }).collect();
    build(&inputs, &[FingertipsFile { name: EXPORT, bytes: &export }], &Limits::default())
}

const COMPARATORS: &str = "id,label,kind,code\nengland,England,national,E92000001\nsw,South West region,region,\n\
                           nn,Nearest neighbours,peer group,\ndevon,Devon,peer area,E10000008\n";

#[test]
fn england_the_region_and_each_peer_are_filled_from_the_export() {
    let built = somerset(COMPARATORS, "group,member\nnn,devon\n", None);
    let lines: Vec<String> = built.problems.iter().map(|p| p.to_string()).collect();
    assert!(lines.is_empty(), "{lines:#?}");
    let b = load(serde_json::to_string(&built.bundle).unwrap().as_bytes()).unwrap();
    let item = &b.items[0];
    let values = |id: &str| -> Vec<(String, Option<f64>)> {
        item.comparisons[id].iter().map(|p| (p.label.clone().unwrap(), p.value)).collect()
    };
    // As published in the file's rows for each code.
    assert_eq!(values("england")[0], ("2015".to_string(), Some(94.7261896202678)));
    assert_eq!(values("sw")[2], ("2017".to_string(), Some(118.347636392116)), "the region by Parent Code");
    assert_eq!(values("devon")[1], ("2016".to_string(), Some(128.104186275541)));
    assert_eq!(item.comparisons["devon"][1].lower, Some(120.282520590621));

    // Somerset 2017: 129.04 (119.71–138.90). England's 2017 value, 96.61, lies below the
    // interval: worse, as Fingertips published ("Worse" in the row's Compared to England
    // column).
    let each = scorecard_explorer::stats::comparators::compare_with_each(&b, item, Level::NinetyFive);
    let england = each.iter().find(|c| c.comparator == "england").unwrap();
    assert_eq!(england.result, CompareResult::Worse);
    assert_eq!(item.fingertips.as_ref().unwrap().compared_to_england.as_deref(), Some("Worse"));
    // Devon 117.46 in 2017 is below Somerset's interval too: lower is better, so worse.
    let devon = each.iter().find(|c| c.comparator == "devon").unwrap();
    assert_eq!(devon.result, CompareResult::Worse);
    // Lower is better: Devon 117.46 beats Somerset 129.04, so Somerset is 2nd of 2.
    let rank = rank_in_group(&b, item, "nn").unwrap();
    assert_eq!((rank.rank, rank.of), (2, 2));
}

#[test]
fn a_peer_the_export_does_not_hold_is_a_warning_naming_it() {
    let comparators = format!("{COMPARATORS}nowhere,Nowhere,peer area,E10000099\n");
    let built = somerset(&comparators, "group,member\nnn,devon\nnn,nowhere\n", None);
    let lines: Vec<String> = built.problems.iter().map(|p| p.to_string()).collect();
    assert!(built.problems.iter().all(|p| !p.is_error()), "{lines:#?}");
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(lines[0].contains("warning"), "{lines:#?}");
    for named in ["93356", "\"Nowhere\"", "E10000099", EXPORT] {
        assert!(lines[0].contains(named), "{named} not named: {lines:#?}");
    }
    assert!(!built.bundle.items[0].comparisons.contains_key("nowhere"));
}

#[test]
fn comparisons_rows_for_a_comparator_the_export_fills_are_an_error() {
    let rows = "item,comparator,date,value\ncampy,devon,2017,100\n";
    let built = somerset(COMPARATORS, "group,member\nnn,devon\n", Some(rows));
    let errors: Vec<String> = built.problems.iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("already fill") && errors[0].contains("\"devon\""), "{errors:#?}");
}
