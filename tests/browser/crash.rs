//! A panic in the app never leaves a dead page: the test build with a forced panic
//! (`forced-panic` feature) shows the crash page of static/crash.js, in the page or, in a
//! host page, only in the app's element.

use crate::harness::*;

#[tokio::test]
async fn a_panic_replaces_the_page_with_words_the_address_and_a_reload_button() {
    let mut site = Site::new();
    site.dist = Some(forced_panic_dist());
    run(site, |page| async move {
        page.open("/?period=2018-10").await;
        page.wait_for("[data-result-count]").await;
        page.wait_for("#search").await.send_keys("forced panic").await.unwrap();
        page.until("the crash page is shown", "return !!document.querySelector('.se-crash')").await;
        assert_eq!(page.text(".se-crash h1").await, "Something went wrong");
        let words = page.text(".se-crash main").await;
        assert!(words.contains("stopped because of an error in the app"), "{words}");
        assert!(words.contains("bundles/somerset.json"), "the scorecard's address is named: {words}");
        assert_eq!(page.count("[data-result-count]").await, 0, "the dead app is gone");
        assert_eq!(
            page.js("return document.activeElement.textContent").await,
            "Something went wrong",
            "focus moves to the message"
        );
        let detail = page.js("return document.querySelector('.se-crash textarea').value").await;
        let detail = detail.as_str().unwrap_or_default();
        assert!(detail.contains("RuntimeError"), "{detail}");
        assert!(detail.contains("running the app"), "{detail}");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "{violations:#?}");
        // Reload loads the page again; the address still asks for the forced panic, so
        // the app panics while it first renders, and that too ends on the crash page.
        page.js("window.beforeReload = 1").await;
        page.wait_for(".se-crash button.button").await.click().await.unwrap();
        page.until(
            "the page reloads and shows the crash page again",
            "return window.beforeReload === undefined && !!document.querySelector('.se-crash h1')",
        )
        .await;
        assert!(page.query().await.contains("q=forced+panic"), "{}", page.query().await);
    })
    .await;
}

#[tokio::test]
async fn in_a_host_page_only_the_apps_element_is_replaced() {
    let host = r#"<!doctype html><html lang="en"><head><title>Host</title>
        <link rel="stylesheet" href="/scorecard-explorer.css"></head><body>
        <h1 id="host-heading">Riverside Council</h1>
        <div data-scorecard-explorer></div>
        <p id="host-footer">Contact us</p>
        <script type="module" src="/start.js"></script></body></html>"#;
    let mut site = Site::new().file("/page.html", host);
    site.dist = Some(forced_panic_dist());
    run(site, |page| async move {
        page.open("/page.html?q=forced+panic").await;
        page.until(
            "the crash page is shown in the app's element",
            "return !!document.querySelector('[data-scorecard-explorer] .se-crash')",
        )
        .await;
        assert_eq!(page.text("#host-heading").await, "Riverside Council", "the host page is kept");
        assert_eq!(page.text("#host-footer").await, "Contact us");
        assert_eq!(page.text("[data-scorecard-explorer] h1").await, "Something went wrong");
    })
    .await;
}

/// Anyone can write an address and send it round: its text on the crash page is cut and
/// cannot reorder the page's own sentence.
#[tokio::test]
async fn the_crash_page_cuts_and_isolates_the_address_text() {
    let smuggled = format!("bundles/IMPORTANT%20re-enter%20your%20password%20%E2%80%AE{}.json", "x".repeat(300));
    let mut site = Site::new().file(&format!("/{smuggled}"), repo_file("bundles/somerset.json"));
    site.dist = Some(forced_panic_dist());
    run(site, |page| async move {
        page.open(&format!("/?q=forced+panic&bundle={smuggled}")).await;
        page.until("the crash page is shown", "return !!document.querySelector('.se-crash')").await;
        let shown = page.text(".se-crash main bdi code").await;
        assert!(shown.chars().count() <= 61 && shown.ends_with('…'), "{shown}");
        assert!(!shown.contains('\u{202e}'), "no direction override: {shown:?}");
    })
    .await;
}
