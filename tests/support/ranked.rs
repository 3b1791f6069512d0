//! The comparisons test bundle (`tests/comparisons/kent.json`) with five more items and
//! three more CIPFA neighbours, so the lists have verdicts and ranks to show, sort and
//! filter. Shared by the native list tests and the browser tests.
//!
//! Worked by hand, for the period June 2024 (each latest value 2023):
//!
//! | item       | England      | South East   | rank among CIPFA        | quarter |
//! |------------|--------------|--------------|-------------------------|---------|
//! | smoking    | Similar      | Similar      | 2nd best of 3           | middle  |
//! | activity   | Better       | Similar      | 1st best of 6           | top     |
//! | deaths     | Worse        | Similar      | 5th best of 6           | bottom  |
//! | births     | Higher       | Not compared | 2nd highest of 3        | middle  |
//! | screening  | Not compared | Not compared |                         |         |
//! | plan       |              |              |                         |         |

use serde_json::{json, Value};

/// The bundle's JSON.
pub fn ranked_json() -> Vec<u8> {
    let path = format!("{}/tests/comparisons/kent.json", env!("CARGO_MANIFEST_DIR"));
    let mut b: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let comparators = b["comparators"].as_array_mut().unwrap();
    for (id, label) in [("surrey", "Surrey"), ("lancashire", "Lancashire"), ("norfolk", "Norfolk")] {
        comparators.push(json!({ "id": id, "label": label, "kind": "peer_area" }));
    }
    b["peer_groups"][0]["members"] = json!(["essex", "hampshire", "surrey", "lancashire", "norfolk"]);
    let point = |v: f64| json!([{ "date": "2023", "label": "2023", "value": v }]);
    let metric = |id: &str, title: &str, polarity: &str, (value, lower, upper): (f64, f64, f64), comparisons: Value| {
        json!({
            "id": id, "workstream": "ws1", "kind": "metric", "title": title, "unit": "%", "polarity": polarity,
            "series": [{ "date": "2023", "label": "2023", "value": value, "lower": lower, "upper": upper }],
            "comparisons": comparisons,
        })
    };
    let items = b["items"].as_array_mut().unwrap();
    items.push(metric(
        "activity",
        "Physically active adults",
        "higher_is_better",
        (70.0, 68.0, 72.0),
        json!({ "england": point(66.0), "south-east": point(69.0), "essex": point(65.0),
                "hampshire": point(67.0), "surrey": point(69.0), "lancashire": point(60.0), "norfolk": point(64.0) }),
    ));
    items.push(metric(
        "deaths",
        "Under 75 mortality from all causes",
        "lower_is_better",
        (150.0, 140.0, 160.0),
        json!({ "england": point(130.0), "south-east": point(150.0), "essex": point(120.0), "hampshire": point(125.0),
                "surrey": point(110.0), "lancashire": point(170.0), "norfolk": point(130.0) }),
    ));
    items.push(metric(
        "births",
        "General fertility rate",
        "no_judgement",
        (12.0, 11.5, 12.5),
        json!({ "england": point(11.0), "essex": point(13.0), "hampshire": point(10.0) }),
    ));
    items.push(metric("screening", "Cancer screening coverage", "higher_is_better", (75.0, 74.0, 76.0), json!({})));
    items.push(
        json!({ "id": "plan", "workstream": "ws1", "kind": "action", "title": "Publish the tobacco control plan" }),
    );
    serde_json::to_vec_pretty(&b).unwrap()
}

/// The bundle, loaded.
pub fn ranked() -> scorecard_explorer::Bundle {
    scorecard_explorer::bundle::load(&ranked_json()).unwrap()
}
