//! An item's comparisons as a person sees them on its page: each comparator's verdict, the
//! rank among peers, the peer chart and its table, the RAG the target gives marked
//! computed, and the data dates. The bundle is `tests/comparisons/kent.json`.

use crate::harness::{repo_file, run, run_sized, Site};

/// The Kent bundle, with its next update as a date so that it is overdue today.
fn kent() -> Site {
    let mut b: serde_json::Value = serde_json::from_slice(&repo_file("tests/comparisons/kent.json")).unwrap();
    b["items"][0]["next_update"] = "2025-05".into();
    Site::new().file("/bundles/kent.json", serde_json::to_vec(&b).unwrap())
}

const ITEM: &str = "/?bundle=bundles/kent.json&item=smoking";

#[tokio::test]
async fn the_item_page_says_how_it_compares() {
    run(kent(), |page| async move {
        page.open(ITEM).await;
        page.wait_for(".comparisons").await;
        let rank = page.text(".comparisons .rank-line").await;
        assert!(rank.starts_with("2nd best of 3 CIPFA nearest neighbours (2023)"), "{rank}");
        assert!(rank.contains("average, without Kent, is 11.6%"), "Essex 13.0 and Hampshire 10.2: {rank}");
        let england = page.text(".compare-table tr[data-comparator=england]").await;
        for words in ["England", "2023", "11.5%", "10.4 to 12.6", "11.9%", "Similar to England"] {
            assert!(england.contains(words), "{words} in {england}");
        }
        assert!(page.text(".compare-table tr[data-comparator=south-east]").await.contains("Similar to South East region"));
        assert_eq!(page.count(".compare-table tr[data-comparator=essex]").await, 0, "single areas are in the peer table");
        let peers = page
            .js("return [...document.querySelectorAll('.peer-table tbody tr')].map(r => r.innerText.replace(/\\s+/g, ' ').trim())")
            .await;
        let peers: Vec<String> = serde_json::from_value(peers).unwrap();
        assert_eq!(peers.len(), 3, "{peers:?}");
        assert!(peers[0].starts_with("1 Hampshire 10.2%"), "{peers:?}");
        assert!(peers[1].starts_with("2 Kent (this area) 11.5%"), "{peers:?}");
        assert!(page.text(".peer-chart figcaption").await.contains("England's value, 11.9%"));
    })
    .await;
}

#[tokio::test]
async fn the_peer_chart_is_drawn() {
    run(kent(), |page| async move {
        page.open(ITEM).await;
        page.wait_for(".peer-chart canvas").await;
        // Some pixels differ from the first (the background): bars were painted.
        page.until(
            "the peer chart has painted bars",
            "const c = document.querySelector('.peer-chart canvas'); if (!c || !c.width) return false; \
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; \
             let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] !== d[0] || d[i+1] !== d[1] || d[i+2] !== d[2]) n++; \
             return n > 1000;",
        )
        .await;
        let label = page.js("return document.querySelector('.peer-chart canvas').getAttribute('aria-label')").await;
        assert!(label.as_str().unwrap().contains("this area is number 2"), "{label}");
    })
    .await;
}

#[tokio::test]
async fn a_rag_from_the_target_is_marked_and_the_data_dates_are_told() {
    run(kent(), |page| async move {
        page.open(ITEM).await;
        page.wait_for(".detail-status").await;
        let status = page.text(".detail-status .item-marks").await;
        assert!(status.contains("Amber"), "{status}");
        assert!(status.contains("From the target (computed)"), "{status}");
        let dates = page.text("[data-dates]").await;
        assert!(dates.starts_with("Data published 2024-05 · next update May 2025"), "{dates}");
        assert!(dates.contains("The next update was due May 2025"), "overdue today: {dates}");
        page.js("document.querySelector('details.method').open = true").await;
        let method = page.text("details.method").await;
        assert!(method.contains("Computed from the target"), "{method}");
        assert!(method.contains("It is 2nd of 3"), "{method}");
    })
    .await;
}

#[tokio::test]
async fn the_comparisons_pass_axe_and_fit_a_phone() {
    run_sized(kent(), 360, 740, |page| async move {
        page.open(ITEM).await;
        page.wait_for(".peer-table").await;
        let wide = page.js("return document.documentElement.scrollWidth").await.as_u64().unwrap();
        assert!(wide <= 360, "the page is {wide}px wide on a 360px screen");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "{}", violations.join("\n"));
    })
    .await;
}
