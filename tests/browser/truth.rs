//! A scorecard that tells the truth at a glance: empty views say why, the comparator is
//! named, source remarks stay out of the main text, and the keyboard reaches the results.

use crate::harness::{bundle, expected_count, repo_file, run, Site};
use scorecard_explorer::explore::edition::no_ratings;
use scorecard_explorer::stats::vocabulary::benchmark_words;

const SOMERSET: &str = "bundles/somerset.json";

#[tokio::test]
async fn an_edition_without_ratings_says_so_and_links_to_the_last_that_gave_them() {
    let b = bundle(SOMERSET);
    let latest = b.periods.last().unwrap();
    let why = no_ratings(&b, latest).expect("the default edition gave no ratings");
    let (_, link_words) = why.see_instead().unwrap();
    run(Site::new(), |page| async move {
        page.open("/").await;
        let note = page.text(".notice.no-ratings").await;
        assert!(note.contains(&format!("The {} scorecard gave no RAG ratings.", latest.label)), "{note}");
        assert!(note.contains(&link_words), "{note}");
        page.open("/?view=exceptions").await;
        let report = page.text(".exceptions [data-empty]").await;
        assert!(report.contains("gave no RAG ratings") && !report.contains("0 items"), "{report}");
        assert_eq!(page.count(".notice.no-ratings").await, 0, "said once, in the report");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "{}", violations.join("\n"));
        page.wait_for(".exceptions [data-empty] a").await.click().await.unwrap();
        page.wait_for(".exception").await;
        assert!(page.query().await.contains("period=2018-10"), "{}", page.query().await);
        page.open("/?view=changes").await;
        let changes = page.text(".changes [data-empty=no-item-in-common]").await;
        assert!(changes.contains("No item of this edition appears in October 2018"), "{changes}");
        assert!(!changes.contains("0 items"), "{changes}");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "{}", violations.join("\n"));
        // The publisher's tools have a view of their own.
        page.open("/?view=publish").await;
        page.wait_for("#bundle-file").await;
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "publish view: {}", violations.join("\n"));
    })
    .await;
}

#[tokio::test]
async fn the_comparator_is_named_in_the_badge_headline_legend_and_table() {
    let mut json: serde_json::Value = serde_json::from_slice(&repo_file("tests/bundles/riverside.json")).unwrap();
    let items = json["items"].as_array_mut().unwrap();
    let at = items
        .iter()
        .position(|i| i["series"].as_array().is_some_and(|s| s.iter().any(|p| p["benchmark"].is_number())))
        .expect("a metric with a benchmark");
    items[at]["comparator_label"] = "England".into();
    let id = items[at]["id"].as_str().unwrap().to_string();
    let bytes = serde_json::to_vec(&json).unwrap();
    let b = scorecard_explorer::bundle::load(&bytes).unwrap();
    let item = b.items.iter().find(|i| i.id == id).unwrap().clone();
    let period = b.periods.last().unwrap().clone();
    let status = scorecard_explorer::stats::status::status(&b, &item, &period);
    let badge = benchmark_words(status.benchmark.value.as_ref(), "England");
    let site = Site::new().file("/bundles/named.json", bytes);
    run(site, |page| async move {
        page.open(&format!("/?bundle=bundles/named.json&q={}", item.title.split(' ').next().unwrap())).await;
        let card = page.text(&format!("[data-item-id=\"{id}\"] .benchmark")).await;
        assert!(card.starts_with(&badge), "the card says {card:?}, expected {badge:?}");
        page.open(&format!("/?bundle=bundles/named.json&item={id}")).await;
        let headline = page.text("[data-headline]").await;
        assert!(headline.starts_with("Latest: ") && headline.contains("; England "), "{headline}");
        assert_eq!(page.text(".key-comparator").await, "Comparator: England");
        let heads = page
            .js("return [...document.querySelectorAll('.series-table th[scope=col]')].map(t => t.textContent)")
            .await;
        assert!(heads.as_array().unwrap().iter().any(|h| h == "England"), "{heads}");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "{}", violations.join("\n"));
    })
    .await;
}

#[tokio::test]
async fn source_symbols_are_a_plain_note_on_the_card_and_in_a_disclosure_on_the_item() {
    let b = bundle(SOMERSET);
    let item = b
        .items
        .iter()
        .find(|i| i.assessment("2019-12").and_then(|a| a.source_symbol.as_deref()) == Some("<b>⇒</b>"))
        .expect("an item whose trend the source printed as a symbol")
        .clone();
    run(Site::new(), |page| async move {
        page.open("/?period=2019-12").await;
        let card = page.text(&format!("[data-item-id=\"{}\"] .trend", item.id)).await;
        assert!(card.contains("trend not legible in the source"), "{card}");
        let list = page.text(".results").await;
        assert!(!list.contains("source symbol") && !list.contains("⇒"), "no raw symbol in the list");
        page.open(&format!("/?period=2019-12&item={}", item.id)).await;
        let notes = page.wait_for("details.source-notes").await;
        assert_eq!(page.text("details.source-notes summary").await, "Notes from the source document");
        notes.click().await.unwrap();
        let text = page.text("details.source-notes").await;
        assert!(text.contains("December 2019: the source printed “<b>⇒</b>”"), "shown as text: {text}");
        assert_eq!(page.count("details.source-notes b").await, 0, "never markup");
        assert!(!page.text(".history").await.contains("source symbol"));
    })
    .await;
}

/// Counts Tab presses from the top of the page to the first item's link, through the
/// skip link to the results.
#[tokio::test]
async fn the_skip_link_brings_the_first_item_within_ten_tab_presses() {
    let b = bundle(SOMERSET);
    let (n, total) = expected_count(&b, "period=2018-10");
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10").await;
        page.until_count(n, total).await;
        let mut presses = 0;
        let tab = || async {
            page.client.active_element().await.unwrap().send_keys("\u{E004}").await.unwrap();
        };
        tab().await;
        presses += 1;
        assert_eq!(page.js("return document.activeElement.textContent").await, "Skip to the results");
        page.client.active_element().await.unwrap().send_keys("\u{E007}").await.unwrap();
        page.until("focus is on the results heading", "return document.activeElement.id === 'results-heading'").await;
        let order = page
            .js("const h = document.getElementById('results-heading'), c = document.querySelector('[data-export=csv]'), s = document.getElementById('sort'), i = document.querySelector('.item-card');
                 return !!(h.compareDocumentPosition(c) & 4) && !!(c.compareDocumentPosition(i) & 4) && !!(s.compareDocumentPosition(i) & 4)")
            .await;
        assert_eq!(order, true, "the CSV download and the sort come before the list");
        loop {
            tab().await;
            presses += 1;
            let on_item = page.js("return !!document.activeElement.closest('.item-title')").await;
            if on_item == true || presses > 30 {
                break;
            }
        }
        println!("Tab presses from the top to the first item, via the skip link: {presses}");
        assert!(presses <= 10, "{presses} Tab presses");
        let first = page.js("return document.activeElement.closest('[data-item-id]').dataset.itemId").await;
        let listed = page.js("return document.querySelector('.item-card').dataset.itemId").await;
        assert_eq!(first, listed, "the first item of the list");
    })
    .await;
}

#[tokio::test]
async fn a_filter_from_an_overview_chip_moves_focus_to_the_results() {
    let b = bundle(SOMERSET);
    let (all, total) = expected_count(&b, "period=2018-10");
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10").await;
        page.until_count(all, total).await;
        let chip = page.wait_for("[data-count-rag=red]").await;
        chip.click().await.unwrap();
        page.until("the filter is in the URL", "return location.search.includes('rag=red')").await;
        page.until("focus is on the results heading", "return document.activeElement.id === 'results-heading'").await;
        let seen = page
            .js("const r = document.getElementById('results-heading').getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight")
            .await;
        assert_eq!(seen, true, "the results heading is on screen");
    })
    .await;
}
