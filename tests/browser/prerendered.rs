//! The default scorecard's first view written into `index.html` when the site is built
//! (`scorecard-explorer prerender`): read while the wasm downloads, taken over by the app without
//! a jump, and never shown for an address that names another view.

use std::path::Path;
use std::time::Duration;

use scorecard_explorer::explore::facets::FacetIndex;
use scorecard_explorer::explore::order::ordered;
use scorecard_explorer::explore::query::Sort;
/// The cards the app draws first, and the built page carries.
use scorecard_explorer::web::components::item_list::FIRST_CARDS;

use serde_json::json;

use crate::harness::{bundle, dist, expected_count, run, Browser, Site};

const SOMERSET: &str = "bundles/somerset.json";

/// Keeps the app from starting in this browser: its wasm never arrives (the request is
/// refused before it leaves the browser, as a server that never answers would leave it).
async fn without_wasm(page: &Browser) {
    page.cdp("Network.enable", json!({})).await;
    page.cdp("Network.setBlockedURLs", json!({ "urls": ["*/scorecard-explorer-*_bg.wasm"] })).await;
}

/// Text as the browser's serialiser writes it in HTML.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\u{a0}', "&nbsp;")
}

/// Text with its runs of white space as one space, as a page shows it.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The titles of the items the app lists first for `bundle`'s latest period, as the core orders them.
fn first_titles(bundle: &scorecard_explorer::Bundle) -> Vec<String> {
    let period = bundle.periods.last().unwrap();
    let facets = FacetIndex::new(bundle, period);
    let (selection, _) = facets.select(&[], "");
    let matching = facets.matching(&selection);
    let groups = ordered(bundle, &facets, &matching, Sort::default(), &period.id);
    groups.iter().flat_map(|g| g.items.iter()).take(FIRST_CARDS).map(|&i| bundle.items[i].title.clone()).collect()
}

#[test]
fn the_built_page_carries_the_default_first_view_as_html() {
    let html = std::fs::read_to_string(dist().join("index.html")).unwrap();
    let b = bundle(SOMERSET);
    assert_eq!(html.matches("<div id=\"se-prerendered\"").count(), 1, "one prerendered view");
    assert!(html.contains(&html_text(&b.board.name)), "the board's name is in the page");
    assert!(html.contains(&html_text(&b.periods.last().unwrap().label)), "the latest period is in the page");
    for title in first_titles(&b) {
        assert!(html.contains(&html_text(&title)), "the first item {title:?} is in the page");
    }
    assert_eq!(
        html.matches("class=\"item-card\"").count(),
        FIRST_CARDS.min(b.items.len()),
        "the first screen of items"
    );
    // The page's CSP refuses inline script and style; a control that cannot work yet is disabled.
    assert!(!html.contains(" style="), "no style attribute");
    assert_eq!(tags_without(&html, "<script", "src="), 0, "no inline script");
    for tag in ["<input", "<select", "<button", "<textarea"] {
        for (at, _) in html.match_indices(tag) {
            let end = at + html[at..].find('>').unwrap();
            assert!(html[at..end].contains(" disabled"), "a control is disabled: {}", &html[at..=end]);
        }
    }
}

/// How many tags opened by `open` lack `must` before their `>`.
fn tags_without(html: &str, open: &str, must: &str) -> usize {
    html.match_indices(open).filter(|(at, _)| !html[*at..*at + html[*at..].find('>').unwrap()].contains(must)).count()
}

#[tokio::test]
async fn while_the_wasm_downloads_a_person_reads_the_scorecard() {
    let b = bundle(SOMERSET);
    let titles = first_titles(&b);
    run(Site::new(), |page| async move {
        without_wasm(&page).await;
        page.open("/").await;
        assert_eq!(page.text("#se-prerendered h1.board-name").await, b.board.name);
        assert!(page.text("#se-prerendered .overview").await.len() > 20, "the overview is shown");
        let shown = page
            .js("return [...document.querySelectorAll('#se-prerendered .item-title')].map(e => e.textContent)")
            .await;
        let shown: Vec<String> = serde_json::from_value(shown).unwrap();
        let expected: Vec<String> = titles.iter().map(|t| words(t)).collect();
        assert_eq!(shown.iter().map(|t| words(t)).collect::<Vec<_>>(), expected, "the first screen of items, in order");
        assert_eq!(words(&page.text("#se-prerendered .item-card .item-title").await), expected[0], "and visible");
        let controls = page
            .js("const c = [...document.querySelectorAll('#se-prerendered :is(input, select, button)')];
                 return [c.length, c.filter(e => !e.disabled).length]")
            .await;
        assert!(controls[0].as_u64().unwrap() > 10, "the filters are shown: {controls}");
        assert_eq!(controls[1], 0, "every control is disabled until the app can answer it");
        assert_eq!(page.count("body > .app").await, 0, "the app has not started");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "axe-core on the prerendered page: {violations:#?}");
    })
    .await;
}

/// The fourth card's place in the page when scrolled to 700 px, and its title.
const FOURTH_CARD: &str = "window.scrollTo(0, 700); const c = document.querySelectorAll(arguments[0])[3];
    return [window.scrollY, c.getBoundingClientRect().top, c.querySelector('.item-title').textContent]";

#[tokio::test]
async fn the_app_takes_over_where_the_person_is_reading() {
    let b = bundle(SOMERSET);
    let (_, total) = expected_count(&b, "");
    // Published at a sub-path, as a council may.
    let site = Site { prefix: "/intranet/hwb/".into(), ..Site::new() };
    // Where a card is in the built page's view, before the app starts...
    let before = std::sync::Arc::new(std::sync::Mutex::new(serde_json::Value::Null));
    let seen = before.clone();
    run(site.clone(), |page| async move {
        without_wasm(&page).await;
        page.open("/intranet/hwb/").await;
        // A blocked wasm is a module that cannot start, which the page says in a notice
        // above the view (static/crash.js); the notice is not part of this comparison.
        page.until("the notice is shown", "return !!document.querySelector('.se-crash-notice')").await;
        page.js("document.querySelector('.se-crash-notice').remove()").await;
        let at = page.client.execute(FOURTH_CARD, vec![json!("#se-prerendered .item-card")]).await.unwrap();
        *seen.lock().unwrap() = at;
    })
    .await;
    let before = before.lock().unwrap().clone();
    // ...and in the app once it has taken over: the same place, so nothing moves.
    run(site, |page| async move {
        page.open("/intranet/hwb/").await;
        page.until(
            "the app has taken over",
            "return !document.getElementById('se-prerendered') && !!document.querySelector('body > .app .item-card')",
        )
        .await;
        let after = page.client.execute(FOURTH_CARD, vec![json!("body > .app .item-card")]).await.unwrap();
        assert_eq!(after, before, "the card is where it was in the built page's view");
        let shown = page.js("return getComputedStyle(document.querySelector('body > .app')).visibility").await;
        assert_eq!(shown, "visible", "the app is shown");
        page.until_count(total, total).await;
        let option = page.wait_for("fieldset[data-facet=workstream] input").await;
        let word = option.attr("value").await.unwrap().expect("a workstream's word");
        option.click().await.unwrap();
        let (n, _) = expected_count(&b, &format!("workstream={word}"));
        page.until_count(n, total).await;
        let query = page.query().await;
        assert!(query.contains(&format!("workstream={word}")), "the filter works once the app has taken over: {query}");
    })
    .await;
}

#[tokio::test]
async fn an_address_naming_a_view_never_shows_the_default_one() {
    run(Site::new(), |page| async move {
        without_wasm(&page).await;
        for path in ["/?period=2018-10", "/?bundle=bundles/somerset.json", "/?embed=1", "/?rag=red"] {
            page.open(path).await;
            let seen = page
                .js("return [document.documentElement.classList.contains('se-first-view'),
                             !!document.getElementById('se-prerendered'),
                             document.querySelectorAll('h1.board-name, .item-card').length]")
                .await;
            assert_eq!(seen, json!([false, false, 0]), "{path}: the default view is hidden, then gone");
        }
        // Without a query, it is there.
        page.open("/").await;
        assert_eq!(page.count("#se-prerendered .item-card").await, FIRST_CARDS);
    })
    .await;
}

/// Settings that name another default bundle than the one the built page's view shows
/// (replaced after the build): the view goes as soon as the app has read them, not once
/// that bundle has arrived, so the page never shows a scorecard it is not about to show.
#[tokio::test]
async fn settings_naming_another_bundle_drop_the_built_view() {
    let settings = br#"{ "default_bundle": "bundles/riverside.json" }"#;
    // The other bundle never arrives: only the settings can have dropped the view.
    let site = Site { stalls: vec!["/bundles/riverside.json".into()], ..Site::new() }
        .file("/explorer-config.json", settings.to_vec());
    run(site, |page| async move {
        page.open("/").await;
        page.until("the built view is gone", "return !document.getElementById('se-prerendered')").await;
        let seen = page
            .js("const app = document.querySelector('body > .app');
                 return [getComputedStyle(app).visibility, document.querySelectorAll('.item-card').length]")
            .await;
        assert_eq!(seen, json!(["visible", 0]), "the app is shown, loading the other bundle");
    })
    .await;
    // The settings that name the bundle the view shows keep it until the app has drawn it.
    let site = Site { stalls: vec!["/bundles/somerset.json".into()], ..Site::new() };
    run(site, |page| async move {
        page.open("/").await;
        page.wait_for("body > .app").await;
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(page.count("#se-prerendered .item-card").await, FIRST_CARDS, "the view stays");
    })
    .await;
}

/// Bundle text in the built page is text: markup in a board name or a title is shown as
/// written, never run or drawn.
#[tokio::test]
async fn bundle_text_in_the_built_page_stays_text() {
    const NAME: &str = "<script>window.pwned = 1</script><b>Board</b> & <img src=x onerror=\"window.pwned = 2\">";
    const TITLE: &str = "</li></ul><script>window.pwned = 3</script> <!-- end";
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = std::env::temp_dir().join(format!("scorecard-prerender-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(&dist(), &tmp);
    let mut hostile: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("tests/bundles/riverside.json")).unwrap()).unwrap();
    hostile["board"]["name"] = NAME.into();
    hostile["items"][0]["title"] = TITLE.into();
    let hostile = serde_json::to_vec(&hostile).unwrap();
    std::fs::write(tmp.join("bundles/hostile.json"), &hostile).unwrap();
    let config = br#"{ "default_bundle": "bundles/hostile.json" }"#;
    std::fs::write(tmp.join("explorer-config.json"), config).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_scorecard-explorer"))
        .arg("prerender")
        .arg(&tmp)
        .status()
        .expect("run scorecard-explorer prerender");
    assert!(status.success(), "prerender on a site whose default bundle is hostile");
    let html = std::fs::read_to_string(tmp.join("index.html")).unwrap();
    let _ = std::fs::remove_dir_all(&tmp);
    assert!(html.contains(&html_text(NAME)) && html.contains(&html_text(TITLE)), "the text is escaped");
    let site = Site::new()
        .file("/", html)
        .file("/explorer-config.json", config.to_vec())
        .file("/bundles/hostile.json", hostile);
    run(site, |page| async move {
        without_wasm(&page).await;
        page.open("/").await;
        assert_eq!(page.text("#se-prerendered h1.board-name").await, NAME);
        let seen = page
            .js("return [window.pwned === undefined, document.querySelectorAll('#se-prerendered :is(script, img, b)').length,
                         [...document.querySelectorAll('#se-prerendered .item-title')].map(e => e.textContent)]")
            .await;
        assert_eq!(seen[0], true, "nothing from the bundle ran");
        assert_eq!(seen[1], 0, "nothing from the bundle became an element");
        assert!(seen[2].as_array().unwrap().iter().any(|t| t == TITLE), "the title is shown as written: {}", seen[2]);
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(page.js("return window.pwned === undefined").await, true);
    })
    .await;
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
