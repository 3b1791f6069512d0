//! The phone layout (GOV.UK's "filter a list" on a small screen): the filters fold behind
//! a button, the overview is one line a workstream, and the first item is near the top.

use crate::harness::{expected_count, run, run_sized, Browser, Site};

/// A common phone's screen, in CSS pixels.
const PHONE: (u32, u32) = (390, 844);
/// The first item card must start within about one and a half phone screens.
const FIRST_CARD_WITHIN: f64 = 1300.0;
/// The smallest touch target a control may have, in CSS pixels.
const TOUCH: f64 = 44.0;

const ENTER: &str = "\u{E007}";
const ESCAPE: &str = "\u{E00C}";

/// Every visible control that is too small to touch, as text; inline links in running
/// text are exempt (WCAG 2.5.8), and a checkbox's target is its row with its label.
const SMALL_TARGETS: &str = "
    const small = [];
    for (const e of document.querySelectorAll('a[href], button, select, input, summary, .choice')) {
        if (e.matches('.choice input, .skip-link') || e.closest('p, li.exception, .page-footer, .problems')) continue;
        const r = e.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (getComputedStyle(e).visibility === 'hidden') continue;
        if (r.width < 44 || r.height < 44) small.push((e.id || e.className || e.tagName) + ' ' + e.textContent.trim().slice(0, 30) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
    }
    return small;";

/// How far down the page the first item card starts, in CSS pixels.
async fn first_card_offset(page: &Browser) -> f64 {
    page.wait_for("[data-item-id]").await;
    page.js("return document.querySelector('[data-item-id]').getBoundingClientRect().top + window.scrollY")
        .await
        .as_f64()
        .unwrap()
}

async fn no_sideways_scroll(page: &Browser, what: &str) {
    let (wide, client) = (
        page.js("return document.documentElement.scrollWidth").await.as_u64().unwrap(),
        page.js("return document.documentElement.clientWidth").await.as_u64().unwrap(),
    );
    assert!(wide <= client, "{what}: the page is {wide}px wide in a {client}px window");
}

#[tokio::test]
async fn on_a_phone_the_first_item_is_within_a_screen_and_a_half() {
    run_sized(Site::new(), PHONE.0, PHONE.1, |page| async move {
        let mut offsets = Vec::new();
        for q in ["/", "/?period=2018-10"] {
            page.open(q).await;
            offsets.push((q, first_card_offset(&page).await));
        }
        println!("first item card at {}x{}: {offsets:?}", PHONE.0, PHONE.1);
        for (q, offset) in offsets {
            assert!(offset <= FIRST_CARD_WITHIN, "{q}: the first item card starts {offset:.0}px down");
            page.open(q).await;
            page.wait_for("[data-item-id]").await;
            no_sideways_scroll(&page, q).await;
            let small = page.js(SMALL_TARGETS).await;
            assert_eq!(small, serde_json::json!([]), "{q}: controls smaller than {TOUCH}x{TOUCH}px");
            // The overview is one line a workstream, each opening to its details.
            let lines = page.count(".overview details.ws-line").await;
            assert!(lines > 1, "{q}: {lines} workstream lines");
            assert_eq!(page.count(".overview details.ws-line[open]").await, 0, "{q}: the lines start closed");
        }
    })
    .await;
}

/// WCAG 2.2's reflow (1.4.10): at 320 CSS pixels, as a 1280-pixel screen at 400% zoom,
/// no view scrolls sideways; a wide table scrolls in its own region.
#[tokio::test]
async fn at_320_pixels_no_view_scrolls_sideways() {
    run_sized(Site::new(), 320, 640, |page| async move {
        let b = crate::harness::bundle("bundles/somerset.json");
        let metric = b.items.iter().find(|i| !i.series.is_empty()).expect("a metric with a series");
        let item = format!("/?period=2018-10&item={}", metric.id);
        for q in ["/", "/?period=2018-10", "/?view=table", "/?view=exceptions&period=2018-10", "/?view=changes", &item]
        {
            page.open(q).await;
            page.wait_for("[data-result-count], .detail, .exceptions, .changes").await;
            page.until("the view is drawn", "return !document.querySelector('[aria-busy=true]')").await;
            no_sideways_scroll(&page, &format!("320px {q}")).await;
        }
    })
    .await;
}

#[tokio::test]
async fn on_a_phone_the_filters_open_as_a_panel_by_keyboard() {
    let b = crate::harness::bundle("bundles/somerset.json");
    let (red, total) = expected_count(&b, "period=2018-10&rag=red");
    let (red_or_amber, _) = expected_count(&b, "period=2018-10&rag=red,amber");
    run_sized(Site::new(), PHONE.0, PHONE.1, |page| async move {
        page.open("/?period=2018-10&rag=red").await;
        page.until_count(red, total).await;
        let panel_shown = "const p = document.querySelector('#filters-panel'); return !!p && p.getClientRects().length > 0";
        let panel_hidden = "const p = document.querySelector('#filters-panel'); return !!p && p.getClientRects().length === 0";
        assert_eq!(page.js(panel_shown).await, false, "the filters start folded away");
        let toggle = page.wait_for("button.filter-toggle").await;
        assert_eq!(toggle.text().await.unwrap(), "Filter (1 applied)");
        assert_eq!(toggle.attr("aria-expanded").await.unwrap().as_deref(), Some("false"));

        // Opened by keyboard: focus moves into the panel.
        toggle.send_keys(ENTER).await.unwrap();
        page.until("the panel opens", panel_shown).await;
        assert_eq!(toggle.attr("aria-expanded").await.unwrap().as_deref(), Some("true"));
        page.until("focus is in the panel", "return !!document.activeElement.closest('#filters-panel')").await;
        no_sideways_scroll(&page, "open panel").await;
        let small = page.js(SMALL_TARGETS).await;
        assert_eq!(small, serde_json::json!([]), "open panel: controls smaller than {TOUCH}x{TOUCH}px");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "open panel:\n{}", violations.join("\n"));

        // The count in the panel follows the choices as they are made.
        page.wait_for("#filters-panel fieldset[data-facet=rag] input[value=amber]").await.send_keys(" ").await.unwrap();
        page.until_count(red_or_amber, total).await;
        page.until(
            "the panel's count follows",
            &format!(
                "return document.querySelector('#filters-panel .filters-done').textContent.includes('{red_or_amber} item')"
            ),
        )
        .await;
        assert_eq!(page.text("button.filter-toggle").await, "Filter (2 applied)");

        // Escape closes it, and focus returns to the button.
        page.client.active_element().await.unwrap().send_keys(ESCAPE).await.unwrap();
        page.until("Escape closes the panel", panel_hidden).await;
        page.until("focus is back on the button", "return document.activeElement.matches('button.filter-toggle')").await;

        // So does its close button.
        page.client.active_element().await.unwrap().send_keys(ENTER).await.unwrap();
        page.until("the panel opens again", panel_shown).await;
        // Once the app has moved focus into it: a key sent before then can land on the
        // button while focus is still moving (seen in WebKit under load).
        page.until("focus is in the panel again", "return !!document.activeElement.closest('#filters-panel')").await;
        page.wait_for("#filters-panel button.filters-close").await.send_keys(ENTER).await.unwrap();
        page.until("the close button closes the panel", panel_hidden)
            .await;
        page.until("focus is back on the button", "return document.activeElement.matches('button.filter-toggle')").await;
    })
    .await;
}

#[tokio::test]
async fn on_a_desktop_the_filters_and_overview_cards_stay_as_they_are() {
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10").await;
        page.wait_for("[data-item-id]").await;
        let shown = |css: &str| format!("const e = document.querySelector('{css}'); return !!e && e.getClientRects().length > 0");
        assert_eq!(page.js(&shown("#filters-panel")).await, true, "the filters are open beside the list");
        assert_eq!(page.js(&shown("button.filter-toggle")).await, false, "no fold-away button");
        assert_eq!(page.js(&shown("#filters-panel .filters-close")).await, false, "no close button");
        let cards = page.count(".overview .ws-card").await;
        assert!(cards > 1, "a card per workstream");
        assert_eq!(page.count(".overview details.ws-line[open]").await, cards, "every card open");
        assert_eq!(page.js(&shown(".ws-line > summary")).await, false, "no phone summary lines");
        // Beside the list, not above it.
        let side_by_side = page
            .js("return document.querySelector('#filters-panel').getBoundingClientRect().right <= document.querySelector('.results').getBoundingClientRect().left")
            .await;
        assert_eq!(side_by_side, true);
    })
    .await;
}

/// Each row of the exception report's summary, on a phone: a card whose cells all lie
/// within the screen, each headed by its column, the RAG word and the latest value whole.
const SUMMARY_CARDS: &str = "
    const wrap = document.querySelector('.exceptions .table-wrap');
    const out = { overflow: wrap.scrollWidth - wrap.clientWidth, rows: [] };
    for (const tr of document.querySelectorAll('.exception-summary tbody tr')) {
        const cells = [...tr.children].filter(c => getComputedStyle(c).display !== 'none');
        const outside = cells.filter(c => { const r = c.getBoundingClientRect(); return r.left < 0 || r.right > window.innerWidth + 0.5; });
        // The heading each cell draws before itself (engines report attr() resolved or not).
        const heads = cells.slice(1).map(c => { const b = getComputedStyle(c, '::before').content;
            return b && b !== 'none' && b !== 'normal' ? c.dataset.label : null; });
        const badge = tr.querySelector('.badge'); const b = badge.getBoundingClientRect();
        out.rows.push({ id: tr.dataset.itemId, stacked: getComputedStyle(tr).display === 'block',
            outside: outside.length, heads, badgeWhole: badge.scrollWidth <= badge.clientWidth + 1 && b.right <= window.innerWidth });
    }
    return out;";

#[tokio::test]
async fn on_a_phone_the_exception_summary_is_a_card_a_row() {
    let b = crate::harness::bundle("bundles/somerset.json");
    let report = scorecard_explorer::explore::exceptions::ExceptionReport::new(
        &b,
        b.periods.iter().find(|p| p.id == "2018-10").unwrap(),
    );
    let expected = report.summary().len();
    run_sized(Site::new(), PHONE.0, PHONE.1, |page| async move {
        page.open("/?view=exceptions&period=2018-10").await;
        page.wait_for(".exception-summary tbody tr").await;
        let cards = page.js(SUMMARY_CARDS).await;
        assert_eq!(cards["overflow"], 0, "the summary does not scroll sideways: {cards}");
        let rows = cards["rows"].as_array().unwrap();
        assert_eq!(rows.len(), expected, "a card for each red and amber item");
        for row in rows {
            assert_eq!(row["stacked"], true, "a card: {row}");
            assert_eq!(row["outside"], 0, "every cell on screen: {row}");
            assert_eq!(row["badgeWhole"], true, "the RAG badge is not clipped: {row}");
            let heads: Vec<&str> = row["heads"].as_array().unwrap().iter().filter_map(|h| h.as_str()).collect();
            for column in ["Workstream", "RAG", "Trend", "Latest value and comparisons"] {
                assert!(heads.iter().any(|h| h.contains(column)), "{column} heads its cell: {row}");
            }
        }
        no_sideways_scroll(&page, "exception report").await;
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "exception report on a phone:\n{}", violations.join("\n"));
    })
    .await;
}

/// Every word of letters in a status mark, badge, table cell (but commentary) or latest
/// value that the layout breaks across two lines ("Declinin / g"), with where.
const BROKEN_WORDS: &str = "
    const broken = [];
    const marks = '.mark, .badge, .latest, .item-value, .data-table th, .data-table td:not(.commentary)';
    // Text clipped out of sight for screen readers (a stacked table's headings) is not read by eye.
    const clipped = e => { for (let a = e; a; a = a.parentElement) { const s = getComputedStyle(a);
        if (s.clipPath !== 'none' || (s.clip && s.clip !== 'auto')) return true; } return false; };
    for (const el of document.querySelectorAll(marks)) {
        if (clipped(el)) continue;
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (const m of n.data.matchAll(/\\p{L}{2,}/gu)) {
                const range = document.createRange();
                range.setStart(n, m.index); range.setEnd(n, m.index + m[0].length);
                const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
                if (lines.size > 1) broken.push(m[0] + ' in ' + el.className);
            }
        }
    }
    return [...new Set(broken)].slice(0, 10);";

/// From a phone to a desktop, no word in a mark or a table breaks inside itself: cells
/// wrap between words, and a table too wide for its column scrolls in its region.
#[tokio::test]
async fn no_word_in_a_mark_or_a_table_breaks_inside_itself_at_any_width() {
    let b = crate::harness::bundle("tests/bundles/riverside.json");
    // Items whose history says "Declining", as the one where it broke did.
    let declining: Vec<String> = b
        .items
        .iter()
        .filter(|i| i.assessments.iter().any(|a| a.trend == Some(scorecard_explorer::bundle::Trend::Declining)))
        .take(2)
        .map(|i| format!("/?bundle=bundles/riverside.json&item={}", i.id))
        .collect();
    assert!(!declining.is_empty(), "the sample has a declining item");
    let site = Site::new().file("/bundles/riverside.json", crate::harness::repo_file("tests/bundles/riverside.json"));
    run(site, |page| async move {
        let views = ["/?period=2018-10", "/?period=2018-10&view=table", "/?period=2018-10&view=exceptions"];
        for q in views.iter().copied().chain(declining.iter().map(String::as_str)) {
            page.open(q).await;
            page.wait_for("[data-item-id], .detail").await;
            for width in [320, 360, 390, 430, 480, 560, 640, 700, 768, 820, 900, 1024, 1280] {
                page.cdp(
                    "Emulation.setDeviceMetricsOverride",
                    serde_json::json!({ "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": false }),
                )
                .await;
                tokio::time::sleep(std::time::Duration::from_millis(150)).await;
                let broken = page.js(BROKEN_WORDS).await;
                assert_eq!(broken, serde_json::json!([]), "{q} at {width}px: words broken inside themselves");
            }
        }
    })
    .await;
}
