//! Embedding, export and safe loading (issue: intranets, strict CSP, sub-paths, origin
//! policy, CSV/PNG export, print, local files), in headless Chromium.

use crate::harness::{bundle, expected_count, repo_file, run, Server, Site};

/// The policy docs/deploying.md recommends for an app that is not framed, word for word.
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; worker-src 'self'; base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors 'none'";

#[tokio::test]
async fn the_app_works_under_a_sub_path() {
    let b = bundle("bundles/somerset.json");
    let (amber, total) = expected_count(&b, "period=2018-10&rag=amber");
    let site = Site { prefix: "/intranet/hwb/scorecard/".into(), ..Site::new() };
    run(site, |page| async move {
        page.open("/intranet/hwb/scorecard/?period=2018-10").await;
        assert_eq!(page.text("h1.board-name").await, "Somerset Health and Wellbeing Board");
        page.wait_for("fieldset[data-facet=rag] input[value=amber]").await.click().await.unwrap();
        page.until_count(amber, total).await;
        let url = page.client.current_url().await.unwrap();
        assert_eq!(url.path(), "/intranet/hwb/scorecard/", "the sub-path is kept when filtering");
    })
    .await;
}

#[tokio::test]
async fn a_strict_content_security_policy_leaves_the_console_empty() {
    let mut site = Site::new();
    site.headers.push(("Content-Security-Policy".into(), CSP.into()));
    let b = bundle("bundles/somerset.json");
    let item = b.items.iter().find(|i| i.series.len() >= 8).unwrap().id.clone();
    run(site, |page| async move {
        page.open("/?period=2018-10").await;
        assert_eq!(page.text("h1.board-name").await, "Somerset Health and Wellbeing Board");
        page.wait_for("[data-item-id]").await;
        page.open(&format!("/?item={item}")).await;
        page.until_chart_drawn().await;
        let console = page.console().await;
        let bad: Vec<_> =
            console.iter().filter(|(level, m)| level == "SEVERE" || m.contains("Content Security Policy")).collect();
        assert!(bad.is_empty(), "console under CSP: {bad:?}");
    })
    .await;
}

#[tokio::test]
async fn an_iframe_reports_its_height_to_the_host_page() {
    let host = r#"<!doctype html><html lang="en"><head><title>Host</title></head><body>
        <h1>Council intranet</h1>
        <iframe data-scorecard-explorer src="/?embed=1&period=2018-10" title="Health and Wellbeing Board scorecard" width="900" height="150"></iframe>
        <script src="/embed.js" defer></script></body></html>"#;
    run(Site::new().file("/host.html", host), |page| async move {
        page.open("/host.html").await;
        page.until(
            "the host snippet sizes the iframe to the app",
            "const f = document.querySelector('iframe'); return parseInt(f.style.height || '0') > 1000",
        )
        .await;
        let frame = page.wait_for("iframe").await;
        frame.enter_frame().await.unwrap();
        page.wait_for("[data-result-count]").await;
        assert_eq!(page.count(".app.embedded").await, 1, "embed mode is on");
        let footer = page
            .js("const f = document.querySelector('.page-footer'); return !f || getComputedStyle(f).display === 'none'")
            .await;
        assert_eq!(footer, true, "no page chrome in embed mode");
    })
    .await;
}

#[tokio::test]
async fn the_app_mounts_into_a_host_element_without_an_iframe() {
    let host = r#"<!doctype html><html lang="en"><head><title>Host page</title>
        <link rel="stylesheet" href="/scorecard-explorer.css"></head><body>
        <h1 id="host-heading">Riverside Council</h1>
        <p><a id="host-link" href="/other.html">Another page of the host</a></p>
        <div data-scorecard-explorer data-bundle="/bundles/riverside.json"></div>
        <script type="module" src="/start.js"></script></body></html>"#;
    let other = "<!doctype html><html lang=\"en\"><head><title>Other</title></head><body><p id=\"other\">Other page</p></body></html>";
    let site = Site::new()
        .file("/council/page.html", host)
        .file("/bundles/riverside.json", repo_file("tests/bundles/riverside.json"))
        .file("/other.html", other);
    run(site, |page| async move {
        page.open("/council/page.html").await;
        let name = page.text("[data-scorecard-explorer] h1.board-name").await;
        assert_eq!(name, "Riverside Health and Wellbeing Board");
        assert_eq!(page.text("#host-heading").await, "Riverside Council", "the host page is kept");
        page.wait_for("[data-scorecard-explorer] [data-item-id]").await;
        page.wait_for("#host-link").await.click().await.unwrap();
        page.wait_for("#other").await;
    })
    .await;
}

#[tokio::test]
async fn bundles_from_other_origins_are_refused_unless_configured() {
    let elsewhere = Server::start({
        let mut s = Site::new().file("/bundles/riverside.json", repo_file("tests/bundles/riverside.json"));
        s.headers.push(("Access-Control-Allow-Origin".into(), "*".into()));
        s
    });
    let other = format!("http://{}", elsewhere.addr);
    let url = format!("{other}/bundles/riverside.json");
    run(Site::new(), |page| {
        let (other, url) = (other.clone(), url.clone());
        async move {
            page.open(&format!("/?bundle={url}")).await;
            let alert = page.text("[role=alert]").await;
            assert!(alert.contains(&other), "the refusal names the origin: {alert}");
            assert!(
                alert.contains("allowed_origins") && alert.contains("explorer-config.json"),
                "and how to allow it: {alert}"
            );
        }
    })
    .await;
    let config = format!(r#"{{"allowed_origins": ["{other}"]}}"#);
    run(Site::new().file("/explorer-config.json", config), |page| async move {
        page.open(&format!("/?bundle={url}")).await;
        assert_eq!(page.text("h1.board-name").await, "Riverside Health and Wellbeing Board");
    })
    .await;
    drop(elsewhere);
}

#[tokio::test]
async fn the_filtered_items_download_as_csv() {
    let b = bundle("tests/bundles/riverside.json");
    let (n, total) = expected_count(&b, "rag=red,amber");
    run(Site::new().file("/bundles/riverside.json", repo_file("tests/bundles/riverside.json")), |page| async move {
        page.open("/?bundle=bundles/riverside.json&rag=red,amber").await;
        page.until_count(n, total).await;
        page.wait_for("[data-export=csv]").await.click().await.unwrap();
        let (name, bytes) = page.downloaded(".csv").await;
        assert!(name.starts_with("scorecard-"), "{name}");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a byte-order mark");
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        assert!(text.starts_with("id,workstream,workstream_label,kind,"), "{text}");
        let mut reader = text.split("\r\n").filter(|l| !l.is_empty());
        let header = reader.next().unwrap();
        assert_eq!(header.split(',').count(), 24);
        // Records: quoted fields may hold line breaks, so count record starts by id.
        let ids: Vec<&str> = b.items.iter().map(|i| i.id.as_str()).collect();
        let records =
            text.split("\r\n").skip(1).filter(|l| ids.iter().any(|id| l.starts_with(&format!("{id},")))).count();
        assert_eq!(records, n, "one row per matching item");
        assert!(
            text.contains("\"Smoking <b>prevalence</b> & \"\"quotes\"\"\""),
            "quotes doubled inside a quoted field"
        );
    })
    .await;
}

#[tokio::test]
async fn the_open_chart_downloads_as_png() {
    let b = bundle("bundles/somerset.json");
    let item = b.items.iter().find(|i| i.series.len() >= 8).unwrap().id.clone();
    run(Site::new(), |page| async move {
        page.open(&format!("/?item={item}")).await;
        page.until_chart_drawn().await;
        page.wait_for("[data-export=png]").await.click().await.unwrap();
        let (name, bytes) = page.downloaded(".png").await;
        assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "{name} is a PNG");
        assert!(bytes.len() > 5_000, "{name} holds a drawn chart ({} bytes)", bytes.len());
    })
    .await;
}

#[tokio::test]
async fn print_lays_out_a_board_paper() {
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10&view=exceptions").await;
        page.wait_for(".exception").await;
        page.cdp("Emulation.setEmulatedMedia", serde_json::json!({ "media": "print" })).await;
        let hidden = page
            .js("return ['.view-tabs', '.print-button', '.local-file'].every(s => { const e = document.querySelector(s); return !e || getComputedStyle(e).display === 'none'; })")
            .await;
        assert_eq!(hidden, true, "controls are not printed");
        let header = page.text(".print-board").await + &page.text("#exceptions-heading").await;
        assert!(header.contains("Somerset Health and Wellbeing Board") && header.contains("October 2018"), "{header}");
        // Every printed page's top margin carries this title (@page @top-left, added by the app on its own page).
        let title = page.js("return getComputedStyle(document.documentElement).getPropertyValue('--se-print-title')").await;
        assert_eq!(title, "\"Somerset Health and Wellbeing Board · October 2018\"");
        let pdf = page.client.print(fantoccini::wd::PrintConfiguration::default()).await.unwrap();
        assert!(pdf.starts_with(b"%PDF"), "the page prints to PDF");
    })
    .await;
}

#[tokio::test]
async fn a_local_bundle_file_can_be_previewed() {
    let good = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bundles/riverside.json");
    let bad = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/unknown-rag.json");
    run(Site::new(), |page| async move {
        page.open("/").await;
        page.wait_for("[data-result-count]").await;
        assert_eq!(page.count("#bundle-file").await, 0, "the publisher's tools are not on the public pages");
        page.wait_for(".page-footer [data-view=publish]").await.click().await.unwrap();
        page.wait_for("#bundle-file").await.send_keys(&good.to_string_lossy()).await.unwrap();
        page.until(
            "the local bundle shows",
            "const h = document.querySelector('h1.board-name'); return !!h && h.textContent.startsWith('Riverside')",
        )
        .await;
        assert!(page.text("[data-preview]").await.contains("riverside.json"));
        // A person choosing again replaces the selection; WebDriver adds to a `multiple`
        // input's files instead, so the input is cleared first.
        page.wait_for("[data-result-count]").await;
        page.wait_for(".page-footer [data-view=publish]").await.click().await.unwrap();
        let input = page.wait_for("#bundle-file").await;
        input.clear().await.unwrap();
        input.send_keys(&bad.to_string_lossy()).await.unwrap();
        let alert = page.text("[role=alert]").await;
        assert!(alert.contains("items[2].assessments[0].rag"), "problems listed as for a URL: {alert}");
        assert!(alert.contains("purple"), "{alert}");
    })
    .await;
}

/// The computed styles that matter of every `[data-host]` element, `body` and `html`,
/// with the app's stylesheet on and then off: what the stylesheet changes on the host.
const HOST_STYLE_CHANGES: &str = "
    const sheet = [...document.styleSheets].find(s => s.href && s.href.endsWith('/scorecard-explorer.css'));
    if (!sheet) return ['the app stylesheet is not in the page'];
    const props = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'line-height',
        'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-left',
        'display', 'position', 'box-sizing', 'border-top-width', 'border-left-width', 'text-decoration-line',
        'unicode-bidi', 'visibility', 'clip-path', 'outline-style'];
    const els = [document.documentElement, document.body, ...document.querySelectorAll('[data-host]')];
    const snap = () => els.map(e => { const s = getComputedStyle(e); return props.map(p => p + ': ' + s.getPropertyValue(p)); });
    const on = snap();
    sheet.disabled = true;
    const off = snap();
    sheet.disabled = false;
    const changed = [];
    els.forEach((e, i) => on[i].forEach((v, j) => { if (v !== off[i][j]) changed.push(e.tagName.toLowerCase() + '.' + e.className + ' ' + v + ' (host: ' + off[i][j] + ')'); }));
    return changed;";

/// Every selector in the app's stylesheet (in @media blocks too) that does not start
/// with the app's root class, and every rule that styles the page itself (@page).
const UNSCOPED_SELECTORS: &str = "
    const sheet = [...document.styleSheets].find(s => s.href && s.href.endsWith('/scorecard-explorer.css'));
    if (!sheet) return ['the app stylesheet is not in the page'];
    // A selector list split at its top-level commas (not those inside :is() or :where()).
    const parts = text => { const out = []; let depth = 0, from = 0;
        for (let i = 0; i < text.length; i++) { const c = text[i];
            if (c === '(') depth++; else if (c === ')') depth--;
            else if (c === ',' && depth === 0) { out.push(text.slice(from, i).trim()); from = i + 1; } }
        out.push(text.slice(from).trim()); return out; };
    const scoped = /^(\\.se-app|:where\\(\\.se-app\\))(?![\\w-])/;
    const bad = [];
    const walk = rules => { for (const r of rules) {
        if (r instanceof CSSStyleRule) { for (const p of parts(r.selectorText)) if (!scoped.test(p)) bad.push(p); }
        else if (r instanceof CSSPageRule) bad.push('@page ' + r.selectorText);
        if (r.cssRules) walk(r.cssRules); } };
    walk(sheet.cssRules);
    return bad;";

#[tokio::test]
async fn a_mounted_app_leaves_the_host_pages_own_styles_alone() {
    // The host's own look: a text colour, headings and classes the app also uses.
    let host = r#"<!doctype html><html lang="en"><head><title>Host page</title>
        <link rel="stylesheet" href="/host.css">
        <link rel="stylesheet" href="/scorecard-explorer.css"></head><body>
        <h2 data-host>Council news</h2>
        <div class="context" data-host>Context</div>
        <p class="notice" data-host>A notice</p>
        <div class="sort" data-host>Sort</div>
        <div class="page" data-host><a class="button" href="/other.html" data-host>A button</a></div>
        <ul class="tag" data-host><li class="chip" data-host>Chip</li></ul>
        <div data-scorecard-explorer data-bundle="/bundles/riverside.json"></div>
        <script type="module" src="/start.js"></script></body></html>"#;
    let host_css = "body { color: rgb(10, 20, 30); margin: 8px; font-family: Georgia, serif; } h2 { margin: 2em 0; }";
    let site = Site::new()
        .file("/council/page.html", host)
        .file("/host.css", host_css)
        .file("/bundles/riverside.json", repo_file("tests/bundles/riverside.json"));
    run(site, |page| async move {
        page.open("/council/page.html").await;
        page.wait_for("[data-scorecard-explorer] [data-item-id]").await;
        let unscoped = page.js(UNSCOPED_SELECTORS).await;
        assert_eq!(unscoped, serde_json::json!([]), "rules of the app's stylesheet that reach outside the app");
        let changed = page.js(HOST_STYLE_CHANGES).await;
        assert_eq!(changed, serde_json::json!([]), "host styles the app's stylesheet changes on screen");
        page.cdp("Emulation.setEmulatedMedia", serde_json::json!({ "media": "print" })).await;
        let changed = page.js(HOST_STYLE_CHANGES).await;
        assert_eq!(changed, serde_json::json!([]), "host styles the app's stylesheet changes in print");
        // The app itself keeps its look inside the host's element.
        let font = page.js("return getComputedStyle(document.querySelector('.se-app')).fontFamily").await;
        assert!(!font.as_str().unwrap().contains("Georgia"), "the app keeps its own font: {font}");
    })
    .await;
}
