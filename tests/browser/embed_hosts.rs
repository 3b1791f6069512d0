//! Embeds that fit the hosts councils use (issue 17): a host page on another origin that
//! runs the resize script it already runs for Flourish or Datawrapper embeds sizes the
//! app's iframe; and "Copy a link to this view" gives the full page's address, with every
//! filter, even from inside an embed.

use crate::harness::{bundle, expected_count, run, Browser, Server, Site};

/// A host page that frames the app named by its `?app=` and sizes the iframe with a
/// Flourish-style listener, checking where the message came from.
const FLOURISH_HOST: &str = r#"<!doctype html><html lang="en"><head><title>Council intranet</title></head><body>
    <iframe id="f" title="Health and Wellbeing Board scorecard" style="width: 100%; border: 0; height: 150px"></iframe>
    <script>
    const app = new URLSearchParams(location.search).get('app');
    const iframe = document.getElementById('f');
    iframe.src = app + '/?embed=1&period=2018-10';
    window.addEventListener("message", e => {
        if (e.origin !== app || e.source !== iframe.contentWindow) return;
        if (e.data.context === "iframe.resize" && e.data.src === iframe.src) iframe.style.height = e.data.height + "px";
    });
    </script></body></html>"#;

/// The same with Datawrapper's listener: the iframe's id is `datawrapper-chart-` and the
/// id the app was given as `embed_id`.
const DATAWRAPPER_HOST: &str = r#"<!doctype html><html lang="en"><head><title>Council intranet</title></head><body>
    <iframe id="datawrapper-chart-hwb2018" title="Health and Wellbeing Board scorecard" style="width: 100%; border: 0; height: 150px"></iframe>
    <script>
    const app = new URLSearchParams(location.search).get('app');
    document.getElementById('datawrapper-chart-hwb2018').src = app + '/?embed=1&embed_id=hwb2018&period=2018-10';
    window.addEventListener("message", e => {
        if (e.origin !== app) return;
        const heights = e.data["datawrapper-height"];
        if (heights === undefined) return;
        for (const id in heights) {
            const iframe = document.getElementById("datawrapper-chart-" + id);
            if (iframe && iframe.contentWindow === e.source) iframe.style.height = heights[id] + "px";
        }
    });
    </script></body></html>"#;

/// Opens the host page on `council` framing the app, and waits for the iframe's height
/// to be set to the app's own.
async fn host_sizes_the_iframe(page: &Browser, council: &Server) {
    let app = format!("http://{}", page.server.addr);
    page.client.goto(&council.url(&format!("/host.html?app={app}"))).await.unwrap();
    let height = "return parseInt(document.querySelector('iframe').style.height || '0')";
    page.until("the host's own script sizes the iframe to the app", &format!("return (() => {{ {height} }})() > 1000"))
        .await;
    // The height is the app's: its document's height inside the frame.
    let frame = page.wait_for("iframe").await;
    let told = page.js(height).await.as_i64().unwrap();
    frame.enter_frame().await.unwrap();
    let own = page.js("return Math.ceil(document.body.getBoundingClientRect().height)").await.as_i64().unwrap();
    assert!((told - own).abs() <= 40, "told {told}px, the app is {own}px tall");
}

fn framed_by(council: &Server) -> Site {
    Site::new().file("/explorer-config.json", format!(r#"{{"embed_origins": ["http://{}"]}}"#, council.addr))
}

#[tokio::test]
async fn a_flourish_style_host_script_resizes_the_iframe() {
    let council = Server::start(Site::new().file("/host.html", FLOURISH_HOST));
    run(framed_by(&council), |page| async move {
        host_sizes_the_iframe(&page, &council).await;
        drop(council);
    })
    .await;
}

#[tokio::test]
async fn a_datawrapper_style_host_script_resizes_the_iframe() {
    let council = Server::start(Site::new().file("/host.html", DATAWRAPPER_HOST));
    run(framed_by(&council), |page| async move {
        host_sizes_the_iframe(&page, &council).await;
        drop(council);
    })
    .await;
}

/// Grants the page the clipboard, as a person's click does in a real browser.
async fn allow_clipboard(page: &Browser) {
    let origin = format!("http://{}", page.server.addr);
    page.cdp(
        "Browser.grantPermissions",
        serde_json::json!({ "origin": origin, "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"] }),
    )
    .await;
}

async fn clipboard(page: &Browser) -> String {
    let text = page
        .client
        .execute_async(
            "const done = arguments[0]; navigator.clipboard.readText().then(done, e => done('error: ' + e))",
            vec![],
        )
        .await
        .unwrap();
    text.as_str().unwrap().to_string()
}

#[tokio::test]
async fn copy_a_link_to_this_view_copies_every_filter() {
    let b = bundle("bundles/somerset.json");
    let (n, total) = expected_count(&b, "period=2018-10&rag=red,amber&q=smok");
    run(Site::new(), |page| async move {
        allow_clipboard(&page).await;
        // A token or a campaign tag in the address is not the view's: the link leaves it out.
        page.open("/?token=s3cret&period=2018-10&rag=red,amber&utm_source=mail&q=smok").await;
        page.until_count(n, total).await;
        page.wait_for("[data-copy-link]").await.click().await.unwrap();
        page.until("the live region says so", "return document.querySelector('.copy-link [role=status]').textContent === 'Link copied'").await;
        let copied = clipboard(&page).await;
        assert_eq!(copied, page.server.url("/?period=2018-10&rag=red,amber&q=smok"));
        // Where the clipboard is refused, the link is shown selected, to copy by hand.
        page.js("Object.defineProperty(navigator, 'clipboard', { value: undefined })").await;
        page.wait_for("[data-copy-link]").await.click().await.unwrap();
        let status = page.text(".copy-link [role=status]").await;
        assert_eq!(status, "Copy the link from the box below.");
        let field = page.js("const i = document.getElementById('view-link'); return [i.readOnly, i.value, document.activeElement === i, i.selectionEnd - i.selectionStart === i.value.length]").await;
        assert_eq!(field, serde_json::json!([true, page.server.url("/?period=2018-10&rag=red,amber&q=smok"), true, true]));
        assert_eq!(page.axe_violations().await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn a_link_copied_in_an_embed_opens_the_full_page() {
    run(Site::new(), |page| async move {
        allow_clipboard(&page).await;
        page.open("/?embed=1&embed_id=hwb&period=2018-10&rag=red").await;
        page.wait_for("[data-copy-link]").await.click().await.unwrap();
        page.until(
            "the live region says so",
            "return document.querySelector('.copy-link [role=status]').textContent === 'Link copied'",
        )
        .await;
        assert_eq!(clipboard(&page).await, page.server.url("/?period=2018-10&rag=red"));
    })
    .await;
}
