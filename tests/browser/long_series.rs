//! Long series (issues: resources without limits; extreme content): an item with
//! 1,000,000 points opens with a drawn chart and a paged table, and one with 100,000
//! points draws its chart within a frame's budget and keeps the page responsive; a card's
//! sparkline is thinned too. Prints
//! the draw times and the memory the 1,000,000-point item took.

use std::time::{Duration, Instant};

use scorecard_explorer::bundle::Point;
use serde_json::Value;

use crate::harness::{run, Browser, Site};
use crate::support::large_bundle;

/// The edition ends late, so every generated point is in it.
const EDITION_END: &str = "3999-12-31";

/// The date of point `i`: distinct and ascending, 28 days a month from the year 1000.
fn date(i: usize) -> String {
    format!("{}-{:02}-{:02}", 1000 + i / 336, i / 28 % 12 + 1, i % 28 + 1)
}

/// A bundle of one item with `points` points: a wave with a peak, a gap every 10,007th
/// point and, when `band`, a confidence band and a comparator. Compact (two decimals, no
/// labels), so a million points stay under the loader's size limit.
fn long_series(points: usize, band: bool) -> Vec<u8> {
    let mut b = large_bundle(1);
    b.periods[0].end = EDITION_END.into();
    b.items[0].series = (0..points)
        .map(|i| {
            let v = (5000.0 + 4000.0 * (i as f64 / 5000.0).sin()).round() / 100.0;
            let v = if i == points / 3 { 99.0 } else { v };
            let value = (i % 10_007 != 5).then_some(v);
            let (lower, upper, benchmark) =
                if band { (Some(v - 2.0), Some(v + 2.0), Some(50.0)) } else { (None, None, None) };
            Point { date: date(i), value, lower, upper, benchmark, ..Point::default() }
        })
        .collect();
    serde_json::to_vec(&b).unwrap()
}

/// Records, before the app starts, the wasm memories it makes (a wasm memory only grows,
/// so its size is its high-water mark) and the highest JS heap seen every 20 ms.
const MEMORY_PROBE: &str = "
    window.__wasmMemories = [];
    const keep = r => { const i = r.instance ?? r; if (i.exports?.memory) window.__wasmMemories.push(i.exports.memory); return r; };
    const streaming = WebAssembly.instantiateStreaming, whole = WebAssembly.instantiate;
    WebAssembly.instantiateStreaming = (...a) => streaming.apply(WebAssembly, a).then(keep);
    WebAssembly.instantiate = (...a) => whole.apply(WebAssembly, a).then(keep);
    window.__peakHeap = 0;
    setInterval(() => { window.__peakHeap = Math.max(window.__peakHeap, performance.memory?.usedJSHeapSize ?? 0); }, 20);
";

/// Polls `script` until it returns true, for up to `secs` seconds (a million points take
/// longer to load than the harness's usual 15 s on a busy machine).
async fn until_long(page: &Browser, what: &str, script: &str, secs: u64) {
    let start = Instant::now();
    while page.js(script).await != Value::Bool(true) {
        assert!(start.elapsed() < Duration::from_secs(secs), "timed out after {secs} s waiting until {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// How many pixels of the chart are in the value line's blue: the line is drawn.
const BLUE_PIXELS: &str = "
    const c = document.querySelector('canvas.chart-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] === 0 && d[i + 1] === 94 && d[i + 2] === 184) n++;
    return n;";

/// The dates of the first and last rows of the values table, and its row count.
async fn rows(page: &Browser) -> (String, String, usize) {
    let v = page
        .js("const r = [...document.querySelectorAll('.series-table tbody tr')];
             return [r[0].dataset.date, r[r.length - 1].dataset.date, r.length];")
        .await;
    (v[0].as_str().unwrap().into(), v[1].as_str().unwrap().into(), v[2].as_u64().unwrap() as usize)
}

/// Presses a pager button from the keyboard: focus it, then Enter.
async fn press(page: &Browser, key: &str) {
    page.js(&format!("document.querySelector('.table-pager [data-page={key}]').focus(); return true")).await;
    page.client.active_element().await.unwrap().send_keys("\u{E007}").await.unwrap();
}

async fn waits_for_rows(page: &Browser, first: usize, what: &str) {
    let script = format!("return document.querySelector('.series-table tbody tr')?.dataset.date === '{}'", date(first));
    until_long(page, what, &script, 15).await;
}

fn errors(console: Vec<(String, String)>) -> Vec<(String, String)> {
    console.into_iter().filter(|(level, text)| level == "SEVERE" || text.contains("unreachable")).collect()
}

#[tokio::test]
async fn an_item_with_a_million_points_opens_with_a_drawn_chart_and_a_paged_table() {
    const POINTS: usize = 1_000_000;
    let body = long_series(POINTS, false);
    println!("bundle of {POINTS} points: {:.1} MB", body.len() as f64 / 1e6);
    let site = Site::new().file("/bundles/million.json", body);
    run(site, |page| async move {
        page.cdp("Page.addScriptToEvaluateOnNewDocument", serde_json::json!({ "source": MEMORY_PROBE })).await;
        let started = Instant::now();
        page.open("/?bundle=bundles/million.json&item=m0").await;
        until_long(
            &page,
            "the chart is drawn",
            "return !!document.querySelector('canvas.chart-canvas')?.dataset.drawMs",
            90,
        )
        .await;
        let draw_ms = page.js("return document.querySelector('canvas.chart-canvas').dataset.drawMs").await;
        println!(
            "1,000,000 points: item page drawn {:.1} s after opening; chart drawn in {} ms",
            started.elapsed().as_secs_f64(),
            draw_ms.as_str().unwrap()
        );
        assert!(page.js(BLUE_PIXELS).await.as_u64().unwrap() > 200, "the value line is drawn");

        // The latest page of rows first, and the caption says which rows they are.
        assert_eq!(rows(&page).await, (date(POINTS - 50), date(POINTS - 1), 50));
        assert!(
            page.text(".series-table caption").await.ends_with("Rows 999,951–1,000,000 of 1,000,000"),
            "{}",
            page.text(".series-table caption").await
        );

        // Earlier rows, by keyboard.
        press(&page, "earlier").await;
        waits_for_rows(&page, POINTS - 100, "the earlier page is shown").await;
        assert_eq!(rows(&page).await, (date(POINTS - 100), date(POINTS - 51), 50));
        assert_eq!(page.text(".table-pager [role=status]").await, "Rows 999,901–999,950 of 1,000,000");
        // Back to the latest by a click.
        page.wait_for(".table-pager [data-page=latest]").await.click().await.unwrap();
        waits_for_rows(&page, POINTS - 50, "the latest page is shown again").await;
        assert_eq!(
            page.js("return document.querySelector('[data-page=later]').getAttribute('aria-disabled')").await,
            "true"
        );
        // The earliest rows, and there the pager goes no further back.
        press(&page, "earliest").await;
        waits_for_rows(&page, 0, "the earliest page is shown").await;
        assert_eq!(page.text(".table-pager [role=status]").await, "Rows 1–50 of 1,000,000");
        assert_eq!(page.js("return document.activeElement.dataset.page").await, "earliest", "the focus stays");
        assert_eq!(
            page.js("return document.querySelector('[data-page=earlier]').getAttribute('aria-disabled')").await,
            "true"
        );

        let memory = page
            .js("return [window.__wasmMemories.reduce((n, m) => n + m.buffer.byteLength, 0), window.__peakHeap]")
            .await;
        let mib = |v: &Value| v.as_f64().unwrap() / 1048576.0;
        println!(
            "1,000,000 points: wasm memory {:.0} MiB (its high-water mark), highest JS heap seen {:.0} MiB",
            mib(&memory[0]),
            mib(&memory[1])
        );
        assert!(mib(&memory[0]) > 0.0, "the probe saw the app's wasm memory");
        // Back in the list, the item's card has a sparkline of a few hundred points.
        page.wait_for(".back a").await.click().await.unwrap();
        until_long(
            &page,
            "the card's sparkline is drawn",
            "return !!document.querySelector('.item-card .sparkline path')",
            30,
        )
        .await;
        let path =
            page
            .js("return [...document.querySelectorAll('.item-card .sparkline path')].reduce((n, p) => n + p.getAttribute('d').length, 0)")
            .await;
        assert!(path.as_u64().unwrap() < 10_000, "a path of {path} characters");

        let errors = errors(page.console().await);
        assert!(errors.is_empty(), "{errors:?}");
    })
    .await;
}

#[tokio::test]
async fn an_item_with_a_hundred_thousand_points_draws_within_a_frame_and_stays_responsive() {
    const POINTS: usize = 100_000;
    let site = Site::new().file("/bundles/long.json", long_series(POINTS, true));
    run(site, |page| async move {
        page.open("/?bundle=bundles/long.json&item=m0").await;
        until_long(
            &page,
            "the chart is drawn",
            "return !!document.querySelector('canvas.chart-canvas')?.dataset.drawMs",
            30,
        )
        .await;
        let draw_ms = drawn_ms(&page).await;
        assert!(page.js(BLUE_PIXELS).await.as_u64().unwrap() > 200, "the value line is drawn");
        // Drawn again at another width: the thinning follows the width.
        page.client.set_window_size(900, 900).await.unwrap();
        until_long(
            &page,
            "the chart is drawn at the new width",
            &format!("return document.querySelector('canvas.chart-canvas').dataset.drawMs !== '{draw_ms:.2}'"),
            15,
        )
        .await;
        let redraw_ms = drawn_ms(&page).await;
        println!("100,000 points: chart drawn in {draw_ms:.1} ms, redrawn at a new width in {redraw_ms:.1} ms");
        // A frame is 16.7 ms at 60 Hz; on a shared two-core test machine, allow three.
        assert!(draw_ms.min(redraw_ms) < 50.0, "chart drawn in {draw_ms} ms, redrawn in {redraw_ms} ms");

        // Responsive: a page of earlier rows replaces the table and paints within 200 ms.
        let took = page
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1], t = performance.now();
                 document.querySelector('.table-pager [data-page=earlier]').click();
                 requestAnimationFrame(() => setTimeout(() => done(performance.now() - t)));",
                vec![],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        println!("100,000 points: a page of earlier rows painted in {took:.1} ms");
        assert!(took < 200.0, "{took} ms");
        assert_eq!(rows(&page).await.0, date(POINTS - 100));
        assert_eq!(page.count(".series-table tbody tr").await, 50);
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "{violations:#?}");
        let errors = errors(page.console().await);
        assert!(errors.is_empty(), "{errors:?}");
    })
    .await;
}

/// The draw time the chart wrote on its canvas, in ms.
async fn drawn_ms(page: &Browser) -> f64 {
    page.js("return document.querySelector('canvas.chart-canvas').dataset.drawMs")
        .await
        .as_str()
        .unwrap()
        .parse()
        .unwrap()
}
