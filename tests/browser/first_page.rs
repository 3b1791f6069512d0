//! The first page a person sees: the board, the latest period and every item of the
//! default bundle, its list drawn whole.

use crate::harness::{run, Site};

#[tokio::test]
async fn shows_the_board_name_period_and_item_count() {
    run(Site::new(), |b| async move {
        b.open("/").await;
        assert_eq!(b.text("h1.board-name").await, "Somerset Health and Wellbeing Board");
        let period = b.text(".period-label").await;
        assert!(period.contains("December 2019"), "the latest period is shown: {period}");
        let bundle = crate::harness::bundle("bundles/somerset.json");
        let (_, total) = crate::harness::expected_count(&bundle, "");
        b.until_count(total, total).await;
        // The first list is drawn in two goes (the first screen, then the rest): it ends
        // whole, each card once.
        let ids =
            b.js("return [...document.querySelectorAll('.results [data-item-id]')].map(e => e.dataset.itemId)").await;
        let ids: Vec<String> = serde_json::from_value(ids).unwrap();
        let unique: std::collections::BTreeSet<_> = ids.iter().collect();
        assert_eq!((ids.len(), unique.len()), (total, total), "every item has one card");
    })
    .await;
}

#[tokio::test]
async fn an_unreachable_bundle_shows_an_alert() {
    run(Site::new(), |b| async move {
        b.open("/?bundle=bundles/missing/nowhere.json").await;
        let alert = b.text("[role=alert]").await;
        assert!(alert.contains("could not be opened") && alert.contains("No scorecard at this address"), "{alert}");
        // The server's answer and the address are under "Details".
        b.wait_for("[role=alert] details summary").await.click().await.unwrap();
        let alert = b.text("[role=alert]").await;
        assert!(alert.contains("404"), "the alert says what the server answered: {alert}");
        assert!(alert.contains("missing/nowhere.json"), "the alert names the URL: {alert}");
    })
    .await;
}

/// The settings and the bundle start downloading before the app asks for them (while the
/// wasm loads), and each is downloaded once: the app takes the early response.
#[tokio::test]
async fn the_settings_and_bundle_download_early_and_once() {
    run(Site::new(), |b| async move {
        for path in ["/", "/?bundle=bundles/somerset.json"] {
            b.open(path).await;
            b.wait_for("[data-result-count]").await;
            let fetches = b
                .js(r#"
                    const asked = performance.getEntriesByName('se:fetch-start')[0].startTime;
                    const of = (end) => performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname.endsWith(end));
                    return { bundle: of('/somerset.json').map(e => e.startTime < asked),
                             settings: of('/explorer-config.json').length };
                "#)
                .await;
            assert_eq!(fetches["settings"], 1, "{path}: the settings are fetched once: {fetches}");
            assert_eq!(fetches["bundle"], serde_json::json!([true]), "{path}: the bundle is fetched once, before the app asks: {fetches}");
        }
    })
    .await;
}

/// The wasm starts downloading from the page's head, before any script has run (a preload
/// link), and is downloaded once: prefetch.js's fetch takes the preloaded response.
#[tokio::test]
async fn the_wasm_is_preloaded_and_downloaded_once() {
    run(Site::new(), |b| async move {
        b.open("/").await;
        b.wait_for("[data-result-count]").await;
        let asked = b.server.requests.lock().unwrap().clone();
        let wasm: Vec<_> = asked.iter().filter(|p| p.starts_with("/scorecard-explorer-") && p.ends_with("_bg.wasm")).collect();
        assert_eq!(wasm.len(), 1, "the wasm is asked for once: {asked:?}");
        let started_by = b
            .js("return performance.getEntriesByType('resource').filter(e => e.name.endsWith('_bg.wasm')).map(e => e.initiatorType)")
            .await;
        assert_eq!(started_by, serde_json::json!(["link"]), "the page's preload link starts the download");
    })
    .await;
}
