//! A browser without WebAssembly (Chromium with `--js-flags=--jitless`, as estates that
//! switch the JavaScript optimiser off by policy have it): never a blank page. The default
//! address keeps the built first view, with a notice above it that links the scorecard's
//! data; any other address shows the notice, with the way to the default view.

use crate::harness::{run, Browser, Engine, Site};

fn without_wasm() -> Site {
    Site { chromium_args: vec!["--js-flags=--jitless".into()], ..Site::new() }
}

/// The notice's words and links, once it shows.
async fn notice(page: &Browser) -> (String, Vec<(String, String)>) {
    page.until("the notice shows", "return !!document.querySelector('.se-no-wasm')").await;
    let text = page.text(".se-no-wasm").await;
    let links =
        page.js("return [...document.querySelectorAll('.se-no-wasm a')].map(a => [a.textContent, a.href])").await;
    (text, serde_json::from_value(links).unwrap())
}

#[tokio::test]
async fn without_webassembly_no_address_is_a_blank_page() {
    if Engine::chosen() != Engine::Chromium {
        // The switch is Chromium's; Firefox and WebKit have no such command-line flag.
        return;
    }
    run(without_wasm(), |page| async move {
        page.open("/").await;
        assert_eq!(page.js("return typeof WebAssembly").await, "undefined", "the browser has no WebAssembly");
        let (text, links) = notice(&page).await;
        assert!(text.contains("WebAssembly") && text.contains("turned off") && text.contains("IT team"), "{text}");
        assert!(page.count("#se-prerendered .item-card").await > 0, "the first view as published stays");
        let hrefs: Vec<&str> = links.iter().map(|(_, h)| h.as_str()).collect();
        assert!(hrefs.iter().any(|h| h.ends_with("/bundles/somerset.json")), "{links:?}");
        let csv = hrefs.iter().find(|h| h.ends_with("/bundles/somerset.csv")).expect("the items as CSV");
        let head = page
            .js(&format!(
                "return fetch('{csv}').then(r => r.ok ? r.text() : 'HTTP ' + r.status).then(t => t.slice(0, 40))"
            ))
            .await;
        assert!(head.as_str().unwrap().trim_start_matches('\u{feff}').starts_with("id,workstream"), "{head}");
        assert_eq!(page.axe_violations().await, Vec::<String>::new());

        for address in ["/?period=2018-10&rag=red", "/?view=table", "/?item=nope"] {
            page.open(address).await;
            let (text, links) = notice(&page).await;
            assert!(text.contains("WebAssembly"), "{address}: {text}");
            let home = links.iter().find(|(t, _)| t.contains("first page")).expect("a link to the default view");
            assert_eq!(home.1, page.server.url("/"), "{address}");
            assert_eq!(page.count("#se-prerendered").await, 0, "{address}: the static view is the default's alone");
        }
        let console = page.console().await;
        assert!(!console.iter().any(|(_, m)| m.contains("WebAssembly is not defined")), "{console:?}");
    })
    .await;
}
