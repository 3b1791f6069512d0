//! The security review's findings (issue 16), each against a second local server as
//! the foreign origin: the origin policy after redirects, the bundle paths, embeds that
//! tell only their host, mount mode kept in its element, limits while reading, integrity.

use std::time::{Duration, Instant};

use crate::harness::{repo_file, run, Browser, Server, Site};

const RIVERSIDE: &str = "tests/bundles/riverside.json";

/// A server on another origin that serves Riverside to anyone (CORS `*`).
fn foreign() -> Server {
    let mut site = Site::new().file("/bundles/riverside.json", repo_file(RIVERSIDE));
    site.headers.push(("Access-Control-Allow-Origin".into(), "*".into()));
    Server::start(site)
}

async fn alert(page: &Browser) -> String {
    page.text("[role=alert]").await
}

/// A bundle the address names is not followed through a redirect, to another origin or to
/// another path of the same site: the reader's cookies go nowhere the address did not say.
#[tokio::test]
async fn a_redirect_of_a_bundle_the_address_names_is_not_followed() {
    let elsewhere = foreign();
    let target = elsewhere.url("/bundles/riverside.json");
    let mut site = Site::new().file("/account/x.json", repo_file(RIVERSIDE));
    site.redirects.insert("/bundles/moved.json".into(), target.clone());
    site.redirects.insert("/bundles/inside.json".into(), "/account/x.json".into());
    run(site, |page| async move {
        for name in ["moved", "inside"] {
            page.open(&format!("/?bundle=bundles/{name}.json")).await;
            let text = alert(&page).await;
            assert!(text.contains("does not follow") && text.contains("somewhere else"), "{name}: {text}");
            assert_eq!(page.count("h1.board-name").await, 0, "{name}: no bundle is shown");
            assert_eq!(page.count("button.retry").await, 0, "{name}: trying again cannot help");
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
        let asked = page.server.requests.lock().unwrap().clone();
        assert!(!asked.iter().any(|p| p.starts_with("/account")), "{asked:?}");
        assert!(elsewhere.requests.lock().unwrap().is_empty(), "the other origin was never asked");
    })
    .await;
}

#[tokio::test]
async fn data_blob_and_javascript_bundles_are_refused_plainly() {
    run(Site::new(), |page| async move {
        for url in ["data:application/json,%7B%7D", "javascript:alert(1)", "blob:http://x/y"] {
            page.open(&format!("/?bundle={url}")).await;
            let text = alert(&page).await;
            assert!(text.contains("web address"), "{url}: {text}");
            assert!(!text.contains("allowed_origins") && !text.contains("\"null\""), "no advice to weaken: {text}");
        }
    })
    .await;
}

#[tokio::test]
async fn the_address_cannot_make_the_browser_call_other_endpoints() {
    run(Site::new(), |page| async move {
        // Tomcat and Jetty read `;` as path parameters (`/bundles/..;/` is `/`), and most
        // servers tell `/BUNDLES/` from `/bundles/`.
        for bundle in ["/account/delete%3Fconfirm%3Dyes", "bundles/..;/..;/account/x;.json", "BUNDLES/somerset.json"] {
            page.open(&format!("/?bundle={bundle}")).await;
            let text = alert(&page).await;
            assert!(text.contains(".json") && text.contains("/bundles/"), "{bundle}: {text}");
        }
        // The app's own files were fetched; the endpoint never was.
        tokio::time::sleep(Duration::from_millis(500)).await;
        let asked = page.server.requests.lock().unwrap().clone();
        assert!(
            !asked.iter().any(|p| p.starts_with("/account") || p.contains(';') || p.starts_with("/BUNDLES")),
            "{asked:?}"
        );
    })
    .await;
}

/// A page on the foreign server that frames the app named by its `?app=` and records
/// every message it is told.
const FRAMING_PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Stranger</title></head><body>
    <iframe id="f" title="scorecard" width="900" height="150"></iframe>
    <script>window.told = []; addEventListener('message', e => window.told.push(JSON.stringify(e.data)));
    document.getElementById('f').src = new URLSearchParams(location.search).get('app') + '/?embed=1';</script>
    </body></html>"#;

/// How many messages the framing page on `stranger` is told within 6 s of opening (20 s
/// when a message is expected: a loaded shared machine can take that long to start the app).
async fn told(page: &Browser, stranger: &Server) -> u64 {
    told_within(page, stranger, Duration::from_secs(6)).await
}

async fn told_within(page: &Browser, stranger: &Server, wait: Duration) -> u64 {
    let app = format!("http://{}", page.server.addr);
    page.client.goto(&stranger.url(&format!("/host.html?app={app}"))).await.unwrap();
    let start = Instant::now();
    loop {
        let told = page.js("return window.told.length").await.as_u64().unwrap();
        if told > 0 || start.elapsed() > wait {
            return told;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn an_embedded_app_tells_its_height_only_to_its_own_or_listed_origins() {
    let stranger = Server::start(Site::new().file("/host.html", FRAMING_PAGE));
    run(Site::new(), |page| async move {
        assert_eq!(told(&page, &stranger).await, 0, "a stranger's page that frames the app learns nothing");
        drop(stranger);
    })
    .await;
    let council = Server::start(Site::new().file("/host.html", FRAMING_PAGE));
    let config = format!(r#"{{"embed_origins": ["http://{}"]}}"#, council.addr);
    run(Site::new().file("/explorer-config.json", config), |page| async move {
        assert!(told_within(&page, &council, Duration::from_secs(20)).await > 0, "a listed origin is told the height");
        let message = page.js("return window.told[0]").await;
        assert!(message.as_str().unwrap().contains("scorecard-explorer:height"), "{message}");
        drop(council);
    })
    .await;
}

#[tokio::test]
async fn embed_js_ignores_a_page_the_iframe_navigated_to_and_lets_it_shrink() {
    let elsewhere = Server::start(Site::new().file(
        "/evil.html",
        "<!doctype html><html lang=en><head><title>x</title></head><body><script>setInterval(() => parent.postMessage({type: 'scorecard-explorer:height', height: 5}, '*'), 100)</script></body></html>",
    ));
    let evil = elsewhere.url("/evil.html");
    let host = r#"<!doctype html><html lang="en"><head><title>Host</title></head><body>
        <iframe data-scorecard-explorer src="/?embed=1&period=2018-10" title="scorecard" width="900" height="150"></iframe>
        <script src="/embed.js" defer></script></body></html>"#;
    run(Site::new().file("/host.html", host), |page| async move {
        page.open("/host.html").await;
        let height = "return parseInt(document.querySelector('iframe').style.height || '0')";
        page.until("the iframe is sized to the app", &format!("{height} > 1000")).await;
        let tall = page.js(height).await.as_i64().unwrap();
        // A view with no matches is shorter: the iframe follows it down.
        page.js(
            "document.querySelector('iframe').contentWindow.location.search = '?embed=1&period=2018-10&q=zzzznomatch'",
        )
        .await;
        page.until("the iframe shrinks", &format!("const h = (() => {{ {height} }})(); return h > 0 && h < {tall}"))
            .await;
        // The board link opens inside the iframe; the page it leads to cannot resize it.
        page.js(&format!("document.querySelector('iframe').contentWindow.location.href = '{evil}'")).await;
        tokio::time::sleep(Duration::from_secs(2)).await;
        let after = page.js(height).await.as_i64().unwrap();
        assert!(after > 5, "a foreign page in the iframe set its height to {after}px");
    })
    .await;
    drop(elsewhere);
}

fn host_page(extra: &str) -> String {
    format!(
        r#"<!doctype html><html lang="en"><head><title>Host page</title>
        <link rel="stylesheet" href="/scorecard-explorer.css"></head><body>
        <h1 id="host-heading">Riverside Council</h1>
        <p><a id="host-tab" href="?lang=cy&tab=3">Tab 3</a></p>
        <div data-scorecard-explorer data-bundle="/bundles/riverside.json" {extra}></div>
        <script type="module" src="/start.js"></script></body></html>"#
    )
}

#[tokio::test]
async fn mount_mode_keeps_the_host_pages_parameters_links_and_bundle() {
    let site =
        Site::new().file("/council/page.html", host_page("")).file("/bundles/riverside.json", repo_file(RIVERSIDE));
    run(site, |page| async move {
        // The address names another bundle: the host's data-bundle wins.
        page.open("/council/page.html?lang=cy&tab=2&bundle=bundles/somerset.json").await;
        assert_eq!(page.text("[data-scorecard-explorer] h1.board-name").await, "Riverside Health and Wellbeing Board");
        page.wait_for("fieldset[data-facet=rag] input[value=red]").await.click().await.unwrap();
        page.until("the filter is in the address", "return location.search.includes('rag=red')").await;
        let search = page.js("return location.search").await.as_str().unwrap().to_string();
        assert!(search.starts_with("?lang=cy&tab=2&"), "the host's parameters are kept: {search}");
        // The host's own same-page link is the browser's to follow: the page loads anew.
        page.js("window.marker = 1").await;
        page.wait_for("#host-tab").await.click().await.unwrap();
        page.until(
            "the host's link loads its page",
            "return location.search === '?lang=cy&tab=3' && window.marker === undefined",
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn a_stalled_response_ends_in_a_message_with_a_way_to_retry() {
    let mut site = Site::new();
    site.stalls.push("/bundles/stalled.json".into());
    run(site, |page| async move {
        page.open("/?bundle=bundles/stalled.json").await;
        let start = Instant::now();
        loop {
            let text = page.js("const a = document.querySelector('[role=alert]'); return a ? a.textContent : ''").await;
            let text = text.as_str().unwrap_or("");
            if !text.is_empty() {
                assert!(text.contains("sent nothing"), "{text}");
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(40), "still loading after 40 s");
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        assert_eq!(page.count("button.retry").await, 1, "a way to try again");
    })
    .await;
}

#[tokio::test]
async fn a_response_that_never_ends_is_cut_off_at_the_size_limit() {
    let mut site = Site::new();
    site.endless.push("/bundles/endless.json".into());
    run(site, |page| async move {
        page.open("/?bundle=bundles/endless.json").await;
        let start = Instant::now();
        loop {
            let text = page.js("const a = document.querySelector('[role=alert]'); return a ? a.textContent : ''").await;
            let text = text.as_str().unwrap_or("");
            if !text.is_empty() {
                assert!(text.contains("larger than a bundle may be"), "{text}");
                break;
            }
            assert!(start.elapsed() < Duration::from_secs(40), "no message after 40 s");
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    })
    .await;
}

/// Text from the address in the page's notes: cut to a short quote, isolated so a
/// right-to-left override cannot reverse the app's sentence (issue 27, finding 6).
#[tokio::test]
async fn address_text_in_the_notes_is_cut_and_isolated() {
    run(Site::new(), |page| async move {
        let long = format!(
            "IMPORTANT%3A%20re-enter%20your%20password%20at%20http%3A%2F%2Fevil.example%20{}",
            "x".repeat(3000)
        );
        page.open(&format!("/?period=2018-10&item={long}&rag=red%E2%80%AEelprup")).await;
        let notes = page.text(".url-notes").await;
        assert!(notes.chars().count() < 300, "{notes}");
        assert!(notes.contains("IMPORTANT") && notes.contains('…'), "{notes}");
        assert!(!notes.contains('\u{202e}'), "{notes:?}");
        let isolated =
            page.js("return document.querySelector('.url-notes').textContent.split('\\u2068').length - 1").await;
        assert_eq!(isolated.as_u64(), Some(2), "each quoted word is isolated: {notes:?}");
    })
    .await;
}
