//! Where the app runs: its own base URL, the page or host element it is mounted in,
//! the deployment's config, and the embed protocol with a parent page.

use std::cell::RefCell;

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::bundle::problem::Problem;
use crate::config::{Config, FILE};

/// The bundle the app shows when nothing else names one, relative to the app's files.
pub const DEFAULT_BUNDLE: &str = "bundles/somerset.json";

/// The message type a parent page receives with the app's height.
pub const HEIGHT_MESSAGE: &str = "scorecard-explorer:height";

/// The folder the app's files are in: set by `start.js`, so it is right even when a host
/// page at another path loaded the app.
pub fn app_base() -> String {
    let window = web_sys::window().expect("a window");
    js_sys::Reflect::get(&window, &JsValue::from_str("scorecardExplorerBase"))
        .ok()
        .and_then(|v| v.as_string())
        .or_else(|| window.document().and_then(|d| d.base_uri().ok().flatten()))
        .unwrap_or_default()
}

/// The host page's element to mount into (`<div data-scorecard-explorer>`), if any.
pub fn host_element() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    document.query_selector("[data-scorecard-explorer]").ok().flatten()?.dyn_into().ok()
}

/// The bundle a host element names with `data-bundle`.
pub fn host_bundle() -> Option<String> {
    host_element()?.get_attribute("data-bundle").filter(|b| !b.trim().is_empty())
}

/// Resolves `url` against `base`; a URL that cannot be resolved is a problem.
pub fn resolve(url: &str, base: &str) -> Result<web_sys::Url, Problem> {
    web_sys::Url::new_with_base(url, base)
        .map_err(|_| Problem::new("bundle", "this is not a URL a bundle can be fetched from").found(format!("{url:?}")))
}

pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

thread_local! {
    static CONFIG: RefCell<Option<Config>> = const { RefCell::new(None) };
}

/// The deployment's config, fetched once; a missing file means the defaults, a broken
/// one is a problem to show (never silently ignored).
pub async fn config() -> Result<Config, Problem> {
    if let Some(c) = CONFIG.with(|c| c.borrow().clone()) {
        return Ok(c);
    }
    let url = resolve(FILE, &app_base())?.href();
    let config = match fetch(&url).await {
        Ok(r) if r.ok => Config::parse(&r.body)?,
        _ => Config::default(),
    };
    CONFIG.with(|c| *c.borrow_mut() = Some(config.clone()));
    Ok(config)
}

/// A response read whole.
pub struct Fetched {
    pub ok: bool,
    pub status: u16,
    pub status_text: String,
    pub body: Vec<u8>,
}

/// Fetches `url` whole: from `prefetch.js` when it started this very URL (taken once, so a
/// later load fetches anew), with no wait at all when it has already arrived; else from
/// the network. An error is the browser's message.
pub async fn fetch(url: &str) -> Result<Fetched, String> {
    let message = |e: JsValue| {
        e.dyn_ref::<js_sys::Error>().map_or_else(|| "the request failed".to_string(), |e| e.to_string().into())
    };
    if let Some(entry) = take_prefetched(url) {
        let field = |name: &str| js_sys::Reflect::get(&entry, &JsValue::from_str(name)).unwrap_or_default();
        if !field("body").is_instance_of::<js_sys::ArrayBuffer>() {
            let done: js_sys::Promise = field("done").dyn_into().map_err(|_| "the request failed".to_string())?;
            wasm_bindgen_futures::JsFuture::from(done).await.map_err(message)?;
        }
        return Ok(Fetched {
            ok: field("ok").is_truthy(),
            status: field("status").as_f64().unwrap_or(0.0) as u16,
            status_text: field("statusText").as_string().unwrap_or_default(),
            body: js_sys::Uint8Array::new(&field("body")).to_vec(),
        });
    }
    let response = gloo_net::http::Request::get(url).send().await.map_err(|e| e.to_string())?;
    let body = response.binary().await.map_err(|e| e.to_string())?;
    Ok(Fetched { ok: response.ok(), status: response.status(), status_text: response.status_text(), body })
}

fn take_prefetched(url: &str) -> Option<JsValue> {
    let fetches: js_sys::Map = prefetch_field("fetches")?.dyn_into().ok()?;
    let key = JsValue::from_str(url);
    let entry = fetches.get(&key);
    fetches.delete(&key);
    entry.is_object().then_some(entry)
}

/// Settles once `prefetch.js` has decided whether to fetch the default bundle, which it
/// learns from the settings: waiting for that avoids fetching the bundle twice.
pub async fn prefetch_decided() {
    if let Some(ready) = prefetch_field("ready").and_then(|v| v.dyn_into::<js_sys::Promise>().ok()) {
        let _ = wasm_bindgen_futures::JsFuture::from(ready).await;
    }
}

fn prefetch_field(name: &str) -> Option<JsValue> {
    let prefetch =
        js_sys::Reflect::get(&web_sys::window()?.into(), &JsValue::from_str("scorecardExplorerPrefetch")).ok()?;
    js_sys::Reflect::get(&prefetch, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined())
}

/// In an iframe with `embed=1`: tells the parent page the app's height whenever it
/// changes, so the host snippet (`embed.js`) can size the iframe.
pub fn report_height_to_parent() {
    let Some(window) = web_sys::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return;
    }
    let Some(root) = window.document().and_then(|d| d.document_element()) else { return };
    let send = {
        let root = root.clone();
        move || {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &"type".into(), &HEIGHT_MESSAGE.into());
            let height = root.get_bounding_client_rect().height().max(root.scroll_height() as f64);
            let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
            // Only a height is sent, so any parent may read it.
            let _ = parent.post_message(&message, "*");
        }
    };
    let on_resize = Closure::<dyn FnMut()>::new(send);
    if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
        observer.observe(&root);
        if let Some(body) = window.document().and_then(|d| d.body()) {
            observer.observe(&body);
        }
        // Lives as long as the page.
        std::mem::forget(observer);
    }
    on_resize.forget();
}

/// Offers `bytes` to the user as a file download; nothing leaves the browser.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    download_blob(name, &blob)
}

pub fn download_blob(name: &str, blob: &web_sys::Blob) -> Result<(), JsValue> {
    let url = web_sys::Url::create_object_url_with_blob(blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(name);
    a.set_rel("external");
    document.body().ok_or("no body")?.append_child(&a)?;
    a.click();
    a.remove();
    // Revoke later: revoking at once can cancel the download in some browsers.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    web_sys::window()
        .ok_or("no window")?
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000)?;
    Ok(())
}
