//! The compare view's spine chart (`explore::spine`): Fingertips' percentiles, the scale
//! centred on England with the better side on the right, the rows in the scorecard's
//! order and the metrics left out with their reason.

use scorecard_explorer::bundle::Bundle;
use scorecard_explorer::explore::spine::{percentile, Compare, Scale, Spread};
use scorecard_explorer::stats::compare::CompareResult;

fn load(json: &serde_json::Value) -> Bundle {
    scorecard_explorer::bundle::load(json.to_string().as_bytes()).unwrap_or_else(|p| panic!("{p:?}"))
}

fn kent() -> Bundle {
    scorecard_explorer::bundle::load(&std::fs::read("tests/comparisons/kent.json").unwrap()).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn percentiles_are_fingertips_own() {
    // Fingertips' own test of its QuartilesCalculator: the values 1 to 50.
    let values: Vec<f64> = (1..=50).map(f64::from).collect();
    assert_eq!(percentile(&values, 0.25), 13.25);
    assert_eq!(percentile(&values, 0.5), 25.5);
    assert_eq!(percentile(&values, 0.75), 37.75);
    assert_eq!(percentile(&values, 0.0), 1.0);
    assert_eq!(percentile(&values, 1.0), 50.0);
    // Rounded to 10 places, as Fingertips does, so no 30.800000000000004.
    assert_eq!(percentile(&[30.0, 30.4, 31.2, 32.0], 0.5), 30.8);
    let spread = Spread::of(&[4.0, 1.0, f64::NAN, 3.0, 2.0]).unwrap();
    assert_eq!((spread.lowest, spread.highest, spread.count), (1.0, 4.0, 4));
    assert_eq!(spread.quartiles, Some((1.75, 3.25)), "sorted first; not a number left out");
}

#[test]
fn fewer_than_four_values_give_no_quartiles() {
    let spread = Spread::of(&[11.5, 13.0, 10.2]).unwrap();
    assert_eq!((spread.lowest, spread.highest, spread.quartiles, spread.count), (10.2, 13.0, None, 3));
    assert_eq!(Spread::of(&[]), None);
    assert_eq!(Spread::of(&[f64::INFINITY]), None);
}

#[test]
fn england_is_the_centre_and_the_furthest_value_an_end() {
    let scale = Scale::new(10.0, &[6.0, 12.0], false);
    assert_eq!(scale.half_width, 4.0);
    assert_eq!(scale.at(10.0), 0.5);
    assert_eq!(scale.at(6.0), 0.0, "the furthest from England is at its end");
    assert_eq!(scale.at(12.0), 0.75, "the nearer one short of the other end");
    // Lower is better: the scale runs the other way, so the best (lowest) is on the right.
    let reversed = Scale::new(10.0, &[6.0, 12.0], true);
    assert_eq!((reversed.at(6.0), reversed.at(12.0), reversed.at(10.0)), (1.0, 0.25, 0.5));
    // Every value England's: everything at the centre, nothing divided by zero.
    assert_eq!(Scale::new(5.0, &[5.0, 5.0], false).at(5.0), 0.5);
}

#[test]
fn kents_smoking_row_among_its_neighbours() {
    let b = kent();
    let compare = Compare::new(&b, b.periods.last().unwrap());
    assert_eq!(compare.empty, None);
    assert_eq!(compare.groups.len(), 1);
    let group = &compare.groups[0];
    assert_eq!(group.heading, b.workstreams[0].heading());
    assert!(group.omitted.is_empty());
    let row = &group.rows[0];
    assert_eq!((row.id.as_str(), row.period.as_str(), row.value), ("smoking", "2023", 11.5));
    assert_eq!(row.england, ("England".to_string(), 11.9));
    assert_eq!(row.region, Some(("South East region".to_string(), 11.0)));
    assert_eq!(row.group, "CIPFA nearest neighbours");
    assert_eq!(
        (row.spread.lowest, row.spread.highest, row.spread.count),
        (10.2, 13.0, 3),
        "Kent counted with its group"
    );
    assert_eq!(row.spread.quartiles, None, "three areas: no quartiles");
    assert_eq!(row.worst_best(), (13.0, 10.2), "lower is better");
    assert_eq!(row.verdict, CompareResult::Similar, "11.5 (10.4 to 12.6) includes England's 11.9");
    assert_eq!(row.verdict_words(), "Similar to England");
    assert_eq!(row.rank.as_deref(), Some("2nd best of 3 CIPFA nearest neighbours"));
    // Half-width: Hampshire's 10.2 is 1.7 from England, further than Essex's 13.0 (1.1).
    assert!(close(row.scale.half_width, 1.7));
    let marks = row.marks();
    assert!(close(marks.spine.0, 0.5 - 1.1 / 3.4) && close(marks.spine.1, 1.0), "{marks:?}");
    assert!(close(marks.area, 0.5 + 0.4 / 3.4), "better than England is right of centre: {marks:?}");
    assert!(close(marks.region.unwrap(), 0.5 + 0.9 / 3.4));
    assert_eq!(marks.middle, None);
    assert_eq!(
        group.headings(&b.board.area),
        [
            "Kent",
            "England",
            "Region",
            "Worst or lowest",
            "25th percentile",
            "75th percentile",
            "Best or highest",
            "Rank",
            "Compared with England"
        ]
    );
    assert_eq!(
        row.cells(true),
        [
            "11.5%",
            "11.9%",
            "11%",
            "13%",
            "Fewer than 4 areas",
            "Fewer than 4 areas",
            "10.2%",
            "2nd best of 3 CIPFA nearest neighbours",
            "Similar to England"
        ]
    );
}

/// A bundle of two workstreams, the second empty of comparisons, with six peers.
fn six_peers() -> Bundle {
    let peers: Vec<String> = (1..=6).map(|n| format!("p{n}")).collect();
    let mut comparators = vec![
        serde_json::json!({ "id": "england", "label": "England", "kind": "national" }),
        serde_json::json!({ "id": "group", "label": "Similar areas", "kind": "peer_group" }),
    ];
    comparators.extend(
        peers.iter().map(|p| serde_json::json!({ "id": p, "label": format!("Area {p}"), "kind": "peer_area" })),
    );
    let point = |v: f64| serde_json::json!([{ "date": "2023", "value": v }]);
    let with_peers = |england: Option<f64>, values: [f64; 6]| {
        let mut c = serde_json::Map::new();
        if let Some(e) = england {
            c.insert("england".into(), point(e));
        }
        for (p, v) in peers.iter().zip(values) {
            c.insert(p.clone(), point(v));
        }
        serde_json::Value::Object(c)
    };
    let item = |id: &str, ws: &str, polarity: &str, value: f64, comparisons: serde_json::Value| {
        serde_json::json!({ "id": id, "workstream": ws, "kind": "metric", "title": format!("Title {id}"), "polarity": polarity,
            "series": [{ "date": "2023", "value": value, "lower": value - 0.5, "upper": value + 0.5 }],
            "comparisons": comparisons })
    };
    load(&serde_json::json!({
        "format": "hwb-scorecard", "version": 1, "board": { "name": "Board", "area": "Here" },
        "periods": [{ "id": "p", "label": "Period", "end": "2024-03-31" }],
        "workstreams": [{ "id": "a", "label": "A", "title": "A" }, { "id": "b", "label": "B", "title": "B" }, { "id": "c", "label": "C", "title": "C" }],
        "comparators": comparators,
        "peer_groups": [{ "id": "group", "members": peers }],
        "items": [
            item("high", "a", "higher_is_better", 20.0, with_peers(Some(15.0), [10.0, 12.0, 14.0, 16.0, 18.0, 22.0])),
            { "id": "plain", "workstream": "a", "kind": "metric", "title": "No comparisons", "series": [{ "date": "2023", "value": 1.0 }] },
            item("none", "a", "no_judgement", 5.0, with_peers(Some(6.0), [1.0, 2.0, 3.0, 4.0, 7.0, 8.0])),
            item("alone", "a", "higher_is_better", 5.0, serde_json::json!({ "england": point(6.0) })),
            item("no-england", "c", "higher_is_better", 5.0, with_peers(None, [1.0, 2.0, 3.0, 4.0, 7.0, 8.0])),
        ],
    }))
}

#[test]
fn rows_follow_the_scorecard_and_the_rest_say_why_not() {
    let b = six_peers();
    let compare = Compare::new(&b, &b.periods[0]);
    let ws: Vec<&str> = compare.groups.iter().map(|g| g.workstream.as_str()).collect();
    assert_eq!(ws, ["a", "c"], "a workstream without comparisons has no section");
    let a = &compare.groups[0];
    let ids: Vec<&str> = a.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["high", "none"], "the scorecard's order; an item without comparisons is not a row");
    assert_eq!(a.omitted.len(), 1);
    assert_eq!(a.omitted[0].id, "alone");
    assert!(!a.omitted[0].reason.is_empty());
    assert!(!a.has_region());
    assert_eq!(a.headings("Here").len(), 8, "no region column without a region");
    let c = &compare.groups[1];
    assert!(c.rows.is_empty());
    assert_eq!(c.omitted[0].id, "no-england");
    assert!(c.omitted[0].reason.contains("England"), "{}", c.omitted[0].reason);
    assert_eq!(compare.rows(), 2);

    // Seven values, this area's 20 among them: quartiles by Fingertips' method.
    let high = &a.rows[0];
    assert_eq!(high.spread.count, 7);
    assert_eq!(high.spread.quartiles, Some((13.0, 19.0)));
    assert_eq!(high.worst_best(), (10.0, 22.0));
    assert_eq!(high.verdict, CompareResult::Better);
    assert_eq!(high.rank.as_deref(), Some("2nd best of 7 Similar areas"));
    let m = high.marks();
    // England 15, furthest 22 (7 away): 10 is at 0.5 - 5/14, 22 at the right end.
    assert!(close(m.spine.0, 0.5 - 5.0 / 14.0) && close(m.spine.1, 1.0), "{m:?}");
    assert!(close(m.middle.unwrap().0, 0.5 - 2.0 / 14.0) && close(m.middle.unwrap().1, 0.5 + 4.0 / 14.0));
    assert!(close(m.area, 0.5 + 5.0 / 14.0));

    // No judgement: lowest on the left, highest on the right, higher or lower than England.
    let none = &a.rows[1];
    assert!(!none.judged);
    assert_eq!(none.worst_best(), (1.0, 8.0));
    assert_eq!(none.verdict, CompareResult::Lower);
    assert_eq!(none.verdict_words(), "Lower than England");
    assert!(none.marks().area < 0.5);
}

#[test]
fn a_scorecard_without_comparators_says_so_in_one_sentence() {
    let b = scorecard_explorer::bundle::load(&std::fs::read("bundles/somerset.json").unwrap()).unwrap();
    let compare = Compare::new(&b, b.periods.last().unwrap());
    assert!(compare.groups.is_empty());
    let sentence = compare.empty.expect("a reason");
    assert_eq!(sentence.matches(". ").count(), 0, "one sentence: {sentence}");
    assert!(sentence.ends_with('.'));
}

#[test]
fn an_earlier_period_uses_only_the_figures_of_its_time() {
    let mut b = kent();
    // An edition that ended before 2023's figures: Kent's 2022 value is the latest.
    b.periods.insert(
        0,
        scorecard_explorer::bundle::Period {
            id: "2022-12".into(),
            label: "December 2022".into(),
            end: "2022-12-31".into(),
        },
    );
    let compare = Compare::new(&b, &b.periods[0]);
    let group = &compare.groups[0];
    // The peers have no 2022 value: the row is left out, and says why.
    assert!(group.rows.is_empty(), "{:?}", group.rows);
    assert_eq!(group.omitted[0].id, "smoking");
    assert_eq!(group.omitted[0].reason, "no value of its peer group for 2022");
}
