//! The compare view (`view=compare`): Fingertips' spine chart per workstream, with the
//! comparisons test bundle. Rows per workstream, the area's mark with its verdict word,
//! the table twin's figures as the core works them out, by keyboard, on a phone without
//! sideways scroll, and no WCAG A/AA violation.

use scorecard_explorer::explore::spine::Compare;
use scorecard_explorer::Bundle;
use serde_json::{json, Value};

use crate::harness::{bundle, repo_file, run, run_sized, Browser, Site};

const KENT: &str = "tests/comparisons/kent.json";
const ENTER: &str = "\u{E007}";

/// Kent with four more neighbours (quartiles need four areas) and a second workstream
/// holding a metric with no better direction and one with no neighbour's value.
fn kent_more() -> Bundle {
    let mut b: Value = serde_json::from_slice(&repo_file(KENT)).unwrap();
    let more = [
        ("surrey", "Surrey", 9.8),
        ("west-sussex", "West Sussex", 12.4),
        ("norfolk", "Norfolk", 14.1),
        ("suffolk", "Suffolk", 12.9),
    ];
    for (id, label, value) in more {
        b["comparators"].as_array_mut().unwrap().push(json!({ "id": id, "label": label, "kind": "peer_area" }));
        b["peer_groups"][0]["members"].as_array_mut().unwrap().push(json!(id));
        b["items"][0]["comparisons"][id] = json!([{ "date": "2023", "label": "2023", "value": value }]);
    }
    b["workstreams"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "id": "ws2", "label": "Starting well", "title": "Starting well" }));
    let peers = |values: [f64; 6]| {
        let mut c = json!({ "england": [{ "date": "2023", "label": "2023", "value": 63.0 }] });
        for (id, v) in ["essex", "hampshire", "surrey", "west-sussex", "norfolk", "suffolk"].iter().zip(values) {
            c[*id] = json!([{ "date": "2023", "label": "2023", "value": v }]);
        }
        c
    };
    b["items"].as_array_mut().unwrap().extend([
        json!({ "id": "births", "workstream": "ws2", "kind": "metric", "title": "Births to mothers aged 35 and over", "unit": "%",
            "polarity": "no_judgement", "series": [{ "date": "2023", "label": "2023", "value": 66.1, "lower": 65.2, "upper": 67.0 }],
            "comparisons": peers([61.0, 64.5, 70.2, 67.8, 59.9, 62.3]) }),
        json!({ "id": "breastfeeding", "workstream": "ws2", "kind": "metric", "title": "Breastfeeding at 6 to 8 weeks", "unit": "%",
            "polarity": "higher_is_better", "series": [{ "date": "2023", "label": "2023", "value": 48.0, "lower": 46.0, "upper": 50.0 }],
            "comparisons": { "england": [{ "date": "2023", "label": "2023", "value": 49.2 }] } }),
    ]);
    scorecard_explorer::bundle::load(b.to_string().as_bytes()).unwrap()
}

fn site() -> Site {
    Site::new()
        .file("/bundles/kent.json", repo_file(KENT))
        .file("/bundles/kent-more.json", serde_json::to_vec(&kent_more()).unwrap())
}

/// The table twins on the page: per row its item id and cells, the row heading first.
async fn tables(page: &Browser) -> Vec<(String, Vec<String>)> {
    let rows = page
        .js("return [...document.querySelectorAll('.spine-table tbody tr')].map(tr => [tr.dataset.itemId, [...tr.children].map(c => c.firstChild.textContent.trim())]);")
        .await;
    serde_json::from_value(rows).unwrap()
}

/// What the core says the tables hold.
fn expected(b: &Bundle) -> Vec<(String, Vec<String>)> {
    let compare = Compare::new(b, b.periods.last().unwrap());
    compare
        .groups
        .iter()
        .flat_map(|g| {
            let region = g.has_region();
            g.rows.iter().map(move |r| (r.id.clone(), [vec![r.title.clone()], r.cells(region)].concat()))
        })
        .collect()
}

#[tokio::test]
async fn each_workstream_has_its_spine_rows_marks_and_table_twin() {
    let kent = bundle(KENT);
    let more = kent_more();
    run(site(), |page| async move {
        page.open("/?bundle=bundles/kent.json&view=compare").await;
        page.wait_for(".spine-row[data-item-id=smoking]").await;
        assert_eq!(page.count(".spine-group[data-workstream=ws1] .spine-row").await, 1);
        assert_eq!(page.text(".spine-row[data-item-id=smoking] .spine-verdict").await, "■ Similar to England");
        assert_eq!(page.count(".spine-row[data-item-id=smoking] svg .spine-mark.verdict-similar path").await, 1);
        assert_eq!(page.count(".spine-row[data-item-id=smoking] svg .spine-region").await, 1);
        assert_eq!(page.count(".spine-row[data-item-id=smoking] svg .spine-middle").await, 0, "three areas: no quartiles");
        assert_eq!(tables(&page).await, expected(&kent));
        assert_eq!(page.text("[aria-current=page][data-view=compare]").await, "Compare");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "axe-core: {violations:#?}");

        page.open("/?bundle=bundles/kent-more.json&view=compare").await;
        page.wait_for(".spine-group[data-workstream=ws2]").await;
        assert_eq!(page.count(".spine-group[data-workstream=ws1] .spine-row").await, 1);
        assert_eq!(page.count(".spine-group[data-workstream=ws2] .spine-row").await, 1);
        assert_eq!(page.count(".spine-row[data-item-id=smoking] svg .spine-middle").await, 1, "seven areas: quartiles");
        assert_eq!(page.text(".spine-row[data-item-id=births] .spine-verdict").await, "▲ Higher than England");
        let omitted = page.text(".spine-omitted [data-item-id=breastfeeding]").await;
        assert!(omitted.starts_with("Breastfeeding at 6 to 8 weeks: not drawn, "), "{omitted}");
        assert_eq!(tables(&page).await, expected(&more));
        // Better on the right: Kent's 11.5 is lower, so better, than England's 11.9.
        let x = page.js("const m = document.querySelector('[data-item-id=smoking] .spine-mark'); return m.x.baseVal.valueAsString;").await;
        let x: f64 = x.as_str().unwrap().trim_end_matches('%').parse().unwrap();
        assert!(x > 50.0, "the mark is right of England's line: {x}%");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "axe-core: {violations:#?}");
    })
    .await;
}

#[tokio::test]
async fn the_compare_view_is_reached_and_left_by_keyboard() {
    run(site(), |page| async move {
        page.open("/?bundle=bundles/kent.json").await;
        let tab = page.wait_for(".view-tabs [data-view=compare]").await;
        tab.send_keys(ENTER).await.unwrap();
        page.wait_for(".spine-row").await;
        assert!(page.query().await.contains("view=compare"), "{}", page.query().await);
        let wrap = page.js("const w = document.querySelector('.spine-group .table-wrap'); return [w.tabIndex, w.getAttribute('role')];").await;
        assert_eq!(wrap, json!([0, "region"]), "the table twin scrolls in a region a keyboard can reach");
        page.wait_for(".spine-row .spine-name a").await.send_keys(ENTER).await.unwrap();
        page.wait_for("article.detail").await;
        assert!(page.query().await.contains("item=smoking"), "{}", page.query().await);
    })
    .await;
}

#[tokio::test]
async fn on_a_phone_the_view_fits_and_the_table_scrolls_in_its_own_region() {
    run_sized(site(), 360, 740, |page| async move {
        page.open("/?bundle=bundles/kent-more.json&view=compare").await;
        page.wait_for(".spine-group[data-workstream=ws2] .spine-row").await;
        let wide = page.js("return document.documentElement.scrollWidth").await.as_u64().unwrap();
        let culprits = page
            .js("return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361).slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))")
            .await;
        assert!(wide <= 360, "the page is {wide}px wide on a 360px screen; widest: {culprits}");
        let wrap = page.js("const w = document.querySelector('.spine-group .table-wrap'); return w.scrollWidth > w.clientWidth;").await;
        assert_eq!(wrap, true, "the table scrolls inside its own region");
        let hint = page.js("return getComputedStyle(document.querySelector('.scroll-hint')).display").await;
        assert_eq!(hint, "block", "with a visible hint");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "axe-core: {violations:#?}");
    })
    .await;
}

#[tokio::test]
async fn a_scorecard_without_comparators_says_so_and_links_back() {
    run(Site::new(), |page| async move {
        page.open("/").await;
        page.wait_for("[data-result-count]").await;
        assert_eq!(page.count(".view-tabs [data-view=compare]").await, 0, "no tab where nothing compares");
        page.open("/?view=compare").await;
        let empty = page.text(".compare [data-empty=no-comparisons]").await;
        assert!(empty.starts_with("This scorecard compares its items with no other area"), "{empty}");
        page.wait_for(".compare [data-empty] a").await.click().await.unwrap();
        page.wait_for("[data-result-count]").await;
        assert!(!page.query().await.contains("view="), "{}", page.query().await);
    })
    .await;
}
