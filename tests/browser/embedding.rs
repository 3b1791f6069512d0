//! Embedding, export and safe loading (issue: intranets, strict CSP, sub-paths, origin
//! policy, CSV/PNG export, print, local files), in headless Chromium.

use crate::harness::{bundle, expected_count, repo_file, run, run_sized, Server, Site};

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

/// A CMS theme that styles bare elements, as the issue on four users' fixes met it, and
/// the rest of the elements the app uses: `body`'s text, headings, lists, tables,
/// controls, details, images and box-sizing.
const HOSTILE_THEME: &str = "
    *, *::before, *::after { box-sizing: content-box; }
    body { font-family: Georgia, serif; line-height: 2.2; letter-spacing: 0.05em; word-spacing: 0.2em;
        text-transform: uppercase; color: rgb(80, 0, 80); font-weight: 300; text-shadow: 1px 1px 0 #ccc; }
    h1, h2, h3, h4, h5, h6 { text-transform: uppercase; letter-spacing: 0.2em; margin: 3em 0; color: purple;
        font-family: Impact, sans-serif; border-bottom: 3px double green; }
    p { margin: 2em 0; line-height: 3; text-indent: 2em; }
    a { color: hotpink; text-decoration: none; border-bottom: 2px dotted hotpink; font-weight: 700; }
    ul, ol { list-style: square; padding-left: 3em; margin: 2em; }
    li { margin: 1em 0; padding: 0.5em; }
    table { border: 2px solid red; border-collapse: separate; border-spacing: 6px; width: auto; }
    th, td { border: 1px solid blue; padding: 1.5em; text-align: center; vertical-align: middle; background: #ffe; }
    button { background: orange; color: black; border-radius: 2em; padding: 1.5em 3em; text-transform: uppercase;
        font-family: Courier, monospace; }
    input, select { width: 100%; border: 3px solid lime; padding: 1em; border-radius: 1em; }
    label { display: block; font-weight: 900; text-transform: uppercase; }
    details { border: 2px solid teal; padding: 1em; }
    summary { list-style: none; font-size: 2em; }
    img, svg, video, canvas { display: block; vertical-align: middle; max-width: 40%; border: 3px solid black;
        padding: 2px; margin: 1em; box-shadow: 0 0 4px red; }";

/// Every element of the mounted app, its computed styles and its box, with the host's
/// theme (`#theme`) off and then on: the differences, and how many elements were compared.
const THEME_CHANGES: &str = "
    const theme = document.getElementById('theme').sheet;
    const root = document.querySelector('[data-scorecard-explorer] .se-app');
    if (!theme || !root) return { compared: 0, changed: ['no theme or no app'] };
    const props = ['color', 'background-color', 'font-family', 'font-size', 'font-weight', 'font-style',
        'line-height', 'letter-spacing', 'word-spacing', 'text-transform', 'text-indent', 'text-align',
        'text-decoration-line', 'text-shadow', 'list-style-type', 'margin-top', 'margin-right', 'margin-bottom',
        'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left', 'border-top-width',
        'border-top-style', 'border-right-width', 'border-bottom-width', 'border-bottom-style', 'border-left-width',
        'border-top-left-radius', 'border-collapse', 'border-spacing', 'box-sizing', 'display', 'float',
        'vertical-align', 'max-width', 'box-shadow'];
    const els = [root, ...root.querySelectorAll('*')];
    const name = e => e.tagName.toLowerCase() + (typeof e.className === 'string' && e.className.trim()
        ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
    const snap = () => els.map(e => { const s = getComputedStyle(e); const r = e.getBoundingClientRect();
        return props.map(p => p + ': ' + s.getPropertyValue(p))
            .concat(['width: ' + Math.round(r.width), 'height: ' + Math.round(r.height)]); });
    theme.disabled = true; const plain = snap();
    theme.disabled = false; const themed = snap();
    const changed = [];
    els.forEach((e, i) => plain[i].forEach((v, j) => {
        if (v !== themed[i][j] && changed.length < 20) changed.push(name(e) + ' ' + themed[i][j] + ' (unthemed: ' + v + ')');
    }));
    return { compared: els.length, changed };";

#[tokio::test]
async fn a_host_theme_that_styles_bare_elements_leaves_the_mounted_app_as_it_was() {
    let b = bundle("bundles/somerset.json");
    let item = b.items.iter().find(|i| i.series.len() >= 8).unwrap().id.clone();
    let host = r#"<!doctype html><html lang="en"><head><title>Host page</title>
        <link id="theme" rel="stylesheet" href="/theme.css">
        <link rel="stylesheet" href="/scorecard-explorer.css"></head><body>
        <h2 id="host-heading">Council news</h2>
        <div data-scorecard-explorer data-bundle="/bundles/somerset.json"></div>
        <div style="height: 200vh"></div>
        <script type="module" src="/start.js"></script></body></html>"#;
    // The host page scrolls with or without the theme (the spacer): a scrollbar that
    // comes and goes would change the app's width, which is the host's doing.
    let site = Site::new().file("/council/page.html", host).file("/theme.css", HOSTILE_THEME);
    run(site, |page| async move {
        let views = [
            ("?period=2018-10", "[data-item-id]"),
            ("?period=2018-10&view=table", ".items-table tbody tr"),
            ("?period=2018-10&view=exceptions", ".exception-summary tbody tr"),
            ("?view=changes", ".changes"),
            (&format!("?item={item}"), "canvas.chart-canvas"),
            ("?view=publish", "#bundle-file"),
        ];
        for (query, ready) in views {
            page.open(&format!("/council/page.html{query}")).await;
            page.wait_for(&format!("[data-scorecard-explorer] {ready}")).await;
            let host = page.js("return getComputedStyle(document.getElementById('host-heading')).textTransform").await;
            assert_eq!(host, "uppercase", "the theme styles the host's own heading");
            let result = page.js(THEME_CHANGES).await;
            let compared = result["compared"].as_u64().unwrap_or(0);
            assert!(compared > 30, "{query}: the app's elements were compared ({compared})");
            assert_eq!(result["changed"], serde_json::json!([]), "{query}: what the host's theme changes in the app");
        }
    })
    .await;
}

/// The items table mounted in an intranet's 960-pixel content column, on a desktop
/// screen: every column is within the column's width (headings and cells wrap between
/// words), so none is out of sight behind a scrollbar at the foot of the table.
#[tokio::test]
async fn the_table_fits_a_960_pixel_intranet_column() {
    let host = r#"<!doctype html><html lang="en"><head><title>Host page</title>
        <link rel="stylesheet" href="/scorecard-explorer.css"></head><body>
        <main style="width: 960px; margin: 0 auto"><h1>Our board's scorecard</h1>
        <div data-scorecard-explorer data-bundle="/bundles/nottinghamshire.json"></div></main>
        <script type="module" src="/start.js"></script></body></html>"#;
    for bundle in ["nottinghamshire", "somerset"] {
        let site = Site::new().file("/council/page.html", host.replace("nottinghamshire", bundle));
        run_sized(site, 1400, 900, |page| async move {
            page.open("/council/page.html?view=table").await;
            page.wait_for("[data-scorecard-explorer] .items-table tbody tr").await;
            let fit = page
                .js("const wrap = document.querySelector('.items-table').closest('.table-wrap');
                     const right = wrap.getBoundingClientRect().right;
                     const heads = [...document.querySelectorAll('.items-table thead th')].filter(h => h.getClientRects().length);
                     const row = document.querySelector('.items-table tbody tr');
                     return { overflow: wrap.scrollWidth - wrap.clientWidth, columns: heads.map(h => h.textContent),
                              outside: heads.filter(h => h.getBoundingClientRect().right > right + 0.5).map(h => h.textContent),
                              filters: document.querySelector('.filter-toggle').getClientRects().length > 0,
                              title: row.querySelector('th').innerText,
                              below: row.querySelector('th .folded-line').getBoundingClientRect().top
                                  >= row.querySelector('th a').getBoundingClientRect().bottom - 1 }")
                .await;
            assert_eq!(fit["filters"], true, "{bundle}: the filters fold behind their button: {fit}");
            // Folded, not dropped: the workstream is under the title, the verdicts in one column.
            let b = crate::harness::bundle(&format!("bundles/{bundle}.json"));
            let title = fit["title"].as_str().unwrap();
            assert!(b.workstreams.iter().any(|w| title.contains(&w.label)), "{bundle}: the workstream folds under the title: {title}");
            assert_eq!(fit["below"], true, "{bundle}: on a line of its own under the title");
            let columns: Vec<&str> = fit["columns"].as_array().unwrap().iter().filter_map(|c| c.as_str()).collect();
            assert_eq!(columns.contains(&"Compared with"), !b.comparators.is_empty(), "{bundle}: {columns:?}");
            assert_eq!(fit["overflow"], 0, "{bundle}: the table does not scroll sideways in a 960px column: {fit}");
            assert_eq!(fit["outside"], serde_json::json!([]), "{bundle}: columns out of sight");
        })
        .await;
    }
}
