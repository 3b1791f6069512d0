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
