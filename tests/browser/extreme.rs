//! Hostile and extreme content (issue 19): a county's largest bundle in memory, thousands
//! of workstreams, and texts written to disguise or break the page, each checked as a
//! person sees it.

use std::time::{Duration, Instant};

use serde_json::json;

use crate::harness::{run, run_sized, Browser, Site};
use crate::synthetic;

/// Records the page's longest main-thread task from its very start.
async fn watch_long_tasks(page: &Browser) {
    let source = "window.__longest = 0; new PerformanceObserver((l) => { for (const e of l.getEntries()) \
                  window.__longest = Math.max(window.__longest, e.duration); }).observe({ type: 'longtask', buffered: true });";
    page.cdp("Page.addScriptToEvaluateOnNewDocument", json!({ "source": source })).await;
}

/// The page's WebAssembly memory, in bytes: it only grows, so this is its high-water mark.
async fn wasm_memory(page: &Browser) -> f64 {
    let proto = page.cdp("Runtime.evaluate", json!({ "expression": "WebAssembly.Memory.prototype" })).await;
    let proto = proto["result"]["objectId"].as_str().expect("WebAssembly.Memory.prototype").to_string();
    let all = page.cdp("Runtime.queryObjects", json!({ "prototypeObjectId": proto })).await;
    let all = all["objects"]["objectId"].as_str().expect("the page's memories").to_string();
    let sum = page
        .cdp(
            "Runtime.callFunctionOn",
            json!({ "objectId": all, "returnByValue": true,
                    "functionDeclaration": "function () { return this.reduce((s, m) => s + m.buffer.byteLength, 0); }" }),
        )
        .await;
    sum["result"]["value"].as_f64().expect("a byte count")
}

async fn js_heap(page: &Browser) -> f64 {
    page.cdp("Runtime.getHeapUsage", json!({})).await["usedSize"].as_f64().unwrap_or(0.0)
}

/// A 50 MB bundle: the page's memory (its JS heap at its highest, sampled through the
/// load, plus its WebAssembly memory, which never shrinks) stays under 2.5 times the file.
#[tokio::test]
async fn a_fifty_megabyte_bundle_needs_under_two_and_a_half_times_its_size() {
    let text = synthetic::county_bundle_text(7_000);
    let size = text.len() as f64;
    let items = 7_000;
    let site = Site::new().file("/bundles/county.json", text);
    run(site, |page| async move {
        page.open("/?bundle=bundles/county.json").await;
        let start = Instant::now();
        let mut heap: f64 = 0.0;
        loop {
            heap = heap.max(js_heap(&page).await);
            let done = page.js("return !!document.querySelector('[data-result-count]')").await;
            if done == true {
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "the bundle never loaded");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        page.until_count(items, items).await;
        heap = heap.max(js_heap(&page).await);
        let wasm = wasm_memory(&page).await;
        let mib = |b: f64| b / 1048576.0;
        let total = heap + wasm;
        println!(
            "bundle {:.1} MiB: JS heap peak {:.1} MiB + wasm memory {:.1} MiB = {:.1} MiB, {:.2} x the file",
            mib(size),
            mib(heap),
            mib(wasm),
            mib(total),
            total / size
        );
        assert!(total < 2.5 * size, "{:.1} MiB for a {:.1} MiB file", mib(total), mib(size));
    })
    .await;
}

/// Thousands of workstreams: the overview appears within a couple of seconds, no task
/// holds the page for long, and the page stays short enough to use.
async fn many_workstreams(count: usize) {
    let site = Site::new().file("/bundles/many.json", synthetic::many_workstreams_text(count));
    run(site, |page| async move {
        watch_long_tasks(&page).await;
        let start = Instant::now();
        page.open("/?bundle=bundles/many.json").await;
        page.wait_for(".overview").await;
        page.until_count(count, count).await;
        let shown = start.elapsed();
        let longest = page.js("return window.__longest").await.as_f64().unwrap_or(0.0);
        let cards = page.count(".ws-card").await;
        println!("{count} workstreams: overview and list in {shown:?}, longest task {longest:.0} ms, {cards} cards");
        let text = page.text(".overview").await;
        assert!(text.contains(&format!("{count}")), "the overview says how many workstreams: {text}");
        assert!(longest < 500.0, "a task held the page for {longest:.0} ms");
        // Every workstream is still reachable: the rest are a button away.
        page.wait_for(".overview .show-more").await.click().await.expect("show more");
        page.until("more cards are shown", &format!("return document.querySelectorAll('.ws-card').length > {cards}"))
            .await;
    })
    .await;
}

#[tokio::test]
async fn five_thousand_workstreams_keep_the_overview_responsive() {
    many_workstreams(5_000).await;
}

#[tokio::test]
async fn ten_thousand_workstreams_keep_the_overview_responsive() {
    many_workstreams(10_000).await;
}
