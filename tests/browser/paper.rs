//! The exception report and the charts as a board paper takes them: a summary first, a
//! print of few A4 pages, the summary as CSV, and a chart exported at twice its size
//! with a legend of only the lines it draws.

use crate::harness::{bundle, run, Engine, Site};
use scorecard_explorer::explore::exceptions::ExceptionReport;
use scorecard_explorer::explore::figure::Figure;

const SOMERSET: &str = "bundles/somerset.json";

#[tokio::test]
async fn the_october_2018_exception_report_prints_as_a_short_board_paper_summary_first() {
    let b = bundle(SOMERSET);
    let october = b.periods.iter().find(|p| p.id == "2018-10").unwrap();
    let report = ExceptionReport::new(&b, october);
    let order: Vec<String> = report.summary().iter().map(|e| e.id.clone()).collect();
    let first_sentences: Vec<String> = report
        .groups
        .iter()
        .filter_map(|g| g.headline.as_deref())
        .map(|h| h.split(". ").next().unwrap().to_string())
        .collect();
    let total = report.total();
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10&view=exceptions").await;
        page.wait_for(".exception-summary").await;
        let rows = page
            .js("return [...document.querySelectorAll('.exception-summary tbody tr')].map(r => r.dataset.itemId)")
            .await;
        assert_eq!(rows, serde_json::json!(order), "every exception in the summary, red first");
        let first = page.text(".exception-summary tbody tr [data-rag]").await;
        assert!(first.contains("Red"), "{first}");
        // Each workstream's headline is said once, not again in its items' commentary.
        let text = page.text(".exceptions").await;
        for sentence in &first_sentences {
            assert_eq!(text.matches(sentence.as_str()).count(), 1, "said once: {sentence}");
        }
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "{}", violations.join("\n"));

        page.wait_for("[data-export=exceptions-csv]").await.click().await.unwrap();
        let (_, csv) = page.downloaded("exceptions-2018-10.csv").await;
        let csv = String::from_utf8(csv).unwrap();
        assert!(csv.starts_with("\u{feff}Item,Workstream,RAG,Trend,"), "{csv}");
        let records = csv.split("\r\n").filter(|l| l.contains(",Red,") || l.contains(",Amber,")).count();
        assert_eq!(records, total, "one row an exception");

        // Printed by the browser's own print engine, through WebDriver's print command.
        // Skipped in WebKit: WebKitWebDriver has no print command ("Unknown command:
        // /session/…/print"), and MiniBrowser no other way to print to a file.
        if page.engine == Engine::WebKit {
            return;
        }
        let pages = pdf_pages(&page.print_a4().await);
        println!("the October 2018 exception report prints in {pages} A4 pages in {:?}", page.engine);
        assert!((1..=5).contains(&pages), "the report prints in at most 5 A4 pages, not {pages}");
        // The summary ends on page 1: printed with everything after it left out, the
        // report is one page.
        page.js(
            "for (let e = document.querySelector('.exception-summary'); e && e !== document.body; e = e.parentElement)
                 for (let s = e.nextElementSibling; s; s = s.nextElementSibling) s.style.setProperty('display', 'none', 'important');",
        )
        .await;
        let pages = pdf_pages(&page.print_a4().await);
        assert_eq!(pages, 1, "the summary ends on page 1, not page {pages}");
    })
    .await;
}

#[tokio::test]
async fn the_exported_chart_is_twice_the_size_and_its_legend_names_only_the_lines_drawn() {
    let b = bundle(SOMERSET);
    // An item whose series lacks at least one line: the legend must leave it out.
    let (item, figure) = b
        .items
        .iter()
        .filter(|i| i.series.len() >= 4)
        .map(|i| (i.id.clone(), Figure::new(&b, i, &i.series)))
        .find(|(_, f)| f.legend.len() < 4)
        .expect("an item with a partial series");
    let labels: Vec<String> = figure.legend.iter().map(|k| k.label()).collect();
    run(Site::new(), |page| async move {
        page.open(&format!("/?item={item}")).await;
        page.until_chart_drawn().await;
        let shown = page.js("return [...document.querySelectorAll('.chart-legend .key')].map(k => k.textContent)").await;
        assert_eq!(shown, serde_json::json!(labels), "the page's legend");
        page.wait_for("[data-export=png]").await.click().await.unwrap();
        let (name, png) = page.downloaded(".png").await;
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is a PNG");
        let dimension = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
        let (width, height) = (dimension(16), dimension(20));
        assert_eq!(width, 1600, "an 800-pixel chart at 2x");
        assert!(height > 2 * 380 + 2 * 60, "room for the title, legend and source: {height}");
        // Before printing, the chart is drawn again at print resolution, then back after.
        let widths = page
            .js("const c = document.querySelector('canvas.chart-canvas'); const before = c.width; dispatchEvent(new Event('beforeprint')); const print = c.width; dispatchEvent(new Event('afterprint')); return [before, print, c.width]")
            .await;
        let widths: Vec<u64> = widths.as_array().unwrap().iter().map(|w| w.as_u64().unwrap()).collect();
        assert_eq!(widths[1], 642 * 3, "drawn at 3x its printed size");
        assert_eq!(widths[2], widths[0], "and at screen resolution again after");
    })
    .await;
}

/// How many pages a PDF has: its page objects (`/Type /Page`, not the `/Pages` tree),
/// written plainly (Chromium's) or in compressed object streams (Firefox's, PDF 1.5+).
fn pdf_pages(pdf: &[u8]) -> usize {
    use std::io::Read;
    assert!(pdf.starts_with(b"%PDF"), "a PDF");
    let mut texts = vec![pdf.to_vec()];
    for (i, _) in pdf.windows(7).enumerate().filter(|(_, w)| *w == b"stream\n" || *w == b"stream\r") {
        let body = &pdf[i + 7..];
        let body = body.strip_prefix(b"\n").unwrap_or(body);
        let end = body.windows(9).position(|w| w == b"endstream").unwrap_or(body.len());
        let mut inflated = Vec::new();
        if flate2::read::ZlibDecoder::new(&body[..end]).read_to_end(&mut inflated).is_ok() {
            texts.push(inflated);
        }
    }
    texts.iter().map(|text| page_objects(text)).sum()
}

fn page_objects(text: &[u8]) -> usize {
    (0..text.len())
        .filter(|&i| text[i..].starts_with(b"/Type"))
        .filter(|&i| {
            let rest = &text[i + 5..];
            let rest = &rest[rest.iter().take_while(|c| c.is_ascii_whitespace()).count()..];
            rest.starts_with(b"/Page") && !rest[5..].first().is_some_and(|c| c.is_ascii_alphanumeric())
        })
        .count()
}

#[tokio::test]
async fn on_a_phone_each_edition_of_an_items_history_is_a_card_with_its_commentary_in_full_width() {
    let b = bundle(SOMERSET);
    let item = b
        .items
        .iter()
        .find(|i| i.assessment("2018-10").and_then(|a| a.commentary.as_ref()).is_some_and(|c| c.len() > 200))
        .unwrap();
    let (id, commentary) = (item.id.clone(), item.assessment("2018-10").unwrap().commentary.clone().unwrap());
    crate::harness::run_sized(Site::new(), 390, 844, |page| async move {
        page.open("/?period=2018-10").await;
        page.wait_for(".item-excerpt").await;
        page.open(&format!("/?period=2018-10&item={id}")).await;
        page.wait_for(".history-table tr").await;
        // The shown edition's commentary sits directly under the status, in full width,
        // before the history, and its history card does not repeat it.
        let under = page
            .js("const c = document.querySelector('.detail-status .status-commentary'); const h = document.querySelector('.history'); const r = c.getBoundingClientRect(); return [c.textContent, c.previousElementSibling.className, r.bottom <= h.getBoundingClientRect().top, r.width, getComputedStyle(document.querySelector('.history-table tr.shown-period td.commentary')).display]")
            .await;
        let words = under[0].as_str().unwrap_or_default();
        assert!(words.starts_with("October 2018 commentary: "), "{under}");
        assert!(words.contains(commentary.trim()), "the whole commentary: {under}");
        assert!(under[1].as_str().unwrap().contains("item-marks"), "right after the status marks: {under}");
        assert_eq!(under[2], true, "above the history: {under}");
        assert!(under[3].as_f64().unwrap() > 280.0, "the commentary has the page's width: {under}");
        assert_eq!(under[4], "none", "said once: {under}");
        let layout = page
            .js("const tr = document.querySelector('.history-table tr.shown-period'); return [getComputedStyle(tr).display, tr.getBoundingClientRect().width, document.documentElement.scrollWidth]")
            .await;
        assert_eq!(layout[0], "block", "a stacked card, not a table row");
        assert!(layout[1].as_f64().unwrap() > 280.0, "the card has the page's width: {layout}");
        assert!(layout[2].as_f64().unwrap() <= 390.0, "nothing scrolls sideways: {layout}");
        // Wider, the history table says it once, and the status does not repeat it.
        let desk = serde_json::json!({ "width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": false });
        page.cdp("Emulation.setDeviceMetricsOverride", desk).await;
        page.until("the page is 1280px wide", "return window.innerWidth === 1280").await;
        let wide = page
            .js("return [getComputedStyle(document.querySelector('.status-commentary')).display, getComputedStyle(document.querySelector('.history-table tr.shown-period td.commentary')).display]")
            .await;
        assert_eq!(wide, serde_json::json!(["none", "table-cell"]), "at 1280px");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "{}", violations.join("\n"));
    })
    .await;
}
