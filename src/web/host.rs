//! Where the app runs: its own base URL, the page or host element it is mounted in,
//! the deployment's config, and the embed protocol with a parent page.

use std::cell::RefCell;

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

use crate::bundle::fetch::{Arrival, FetchFailure};
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

/// The bundle to open and whether the page's address named it (`?bundle=`, `param`): a
/// host element's `data-bundle` wins over the address unless the host opts in with
/// `data-bundle-from-url`, so a link to the host page cannot swap its scorecard.
pub fn named_bundle(param: Option<String>) -> Option<(String, bool)> {
    let from_url = host_element().is_none_or(|e| e.has_attribute("data-bundle-from-url"));
    match (param.filter(|_| from_url), host_bundle()) {
        (Some(p), _) => Some((p, true)),
        (None, host) => host.map(|h| (h, false)),
    }
}

/// Resolves `url` against `base`; a URL that cannot be resolved is a problem.
pub fn resolve(url: &str, base: &str) -> Result<web_sys::Url, Problem> {
    web_sys::Url::new_with_base(url, base).map_err(|_| {
        Problem::new("bundle", "this is not a URL a bundle can be fetched from")
            .found(crate::bundle::problem::quoted(url))
    })
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
    /// The URL the body came from, after any redirects.
    pub url: String,
    pub ok: bool,
    pub status: u16,
    pub status_text: String,
    pub content_type: String,
    pub body: Vec<u8>,
}

/// Fetches `url` whole (see [`fetch_watched`]).
pub async fn fetch(url: &str) -> Result<Fetched, FetchFailure> {
    fetch_watched(url, &|_| {}).await
}

/// Fetches `url` whole: from `prefetch.js` when it started this very URL (taken once, so a
/// later load fetches anew), with no wait at all when it has already arrived; else with
/// its `get`. Either stops reading past the largest bundle the app accepts and gives up
/// on a stalled response. While it waits, `watch` hears how much has arrived, twice a
/// second. A failure says what happened (`bundle::fetch` words it).
pub async fn fetch_watched(url: &str, watch: &dyn Fn(Arrival)) -> Result<Fetched, FetchFailure> {
    let field = |entry: &JsValue, name: &str| js_sys::Reflect::get(entry, &JsValue::from_str(name)).unwrap_or_default();
    let (entry, done) = match take_prefetched(url) {
        Some(entry) if field(&entry, "body").is_instance_of::<js_sys::ArrayBuffer>() => (entry, None),
        Some(entry) => {
            let done = field(&entry, "done").dyn_into::<js_sys::Promise>().ok();
            (entry, done)
        }
        None => {
            let get: js_sys::Function = prefetch_field("get")
                .and_then(|g| g.dyn_into().ok())
                .ok_or_else(|| FetchFailure::Unreachable { detail: "the app's prefetch.js is missing".into() })?;
            let entry: JsValue = js_sys::Object::new().into();
            let promise = get.call2(&JsValue::NULL, &JsValue::from_str(url), &entry).map_err(|e| failure(&e))?;
            (entry, Some(promise.unchecked_into()))
        }
    };
    if let Some(done) = done {
        let arrived = wasm_bindgen_futures::JsFuture::from(done);
        let ticking = async {
            loop {
                sleep(500).await;
                let total = field(&entry, "total").as_f64().map(|t| t as u64);
                watch(Arrival { received: field(&entry, "received").as_f64().unwrap_or(0.0) as u64, total });
            }
        };
        let (arrived, ticking) = (std::pin::pin!(arrived), std::pin::pin!(ticking));
        if let futures::future::Either::Left((Err(e), _)) = futures::future::select(arrived, ticking).await {
            return Err(failure(&e));
        }
    }
    Ok(Fetched {
        url: field(&entry, "url").as_string().unwrap_or_default(),
        ok: field(&entry, "ok").is_truthy(),
        status: field(&entry, "status").as_f64().unwrap_or(0.0) as u16,
        status_text: field(&entry, "statusText").as_string().unwrap_or_default(),
        content_type: field(&entry, "contentType").as_string().unwrap_or_default(),
        body: js_sys::Uint8Array::new(&field(&entry, "body")).to_vec(),
    })
}

/// What `prefetch.js`'s `get` rejected with, by its `kind`.
fn failure(e: &JsValue) -> FetchFailure {
    let field = |name: &str| js_sys::Reflect::get(e, &JsValue::from_str(name)).unwrap_or_default();
    let number = |name: &str| field(name).as_f64().map(|n| n as u64);
    let detail = e.dyn_ref::<js_sys::Error>().map_or_else(|| "the request failed".to_string(), |e| e.message().into());
    let received = number("received").unwrap_or(0);
    match field("kind").as_string().as_deref() {
        Some("dropped") => FetchFailure::Dropped { received, total: number("total"), detail },
        Some("stalled") => FetchFailure::Stalled { seconds: number("seconds").unwrap_or(20) as u32, received },
        Some("too-large") => FetchFailure::TooLarge { limit: number("limit").unwrap_or(0) },
        _ => FetchFailure::Unreachable { detail },
    }
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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

/// The parent page's origin as the browser tells it (`location.ancestorOrigins`, else
/// the referrer's), when it does.
fn parent_origin(window: &web_sys::Window) -> Option<String> {
    let ancestors = js_sys::Reflect::get(&window.location(), &"ancestorOrigins".into()).ok()?;
    js_sys::Reflect::get(&ancestors, &0.into())
        .ok()
        .and_then(|o| o.as_string())
        .or_else(|| {
            let referrer = window.document()?.referrer();
            web_sys::Url::new(&referrer).ok().map(|u| u.origin())
        })
        .filter(|o| !o.is_empty() && o != "null")
}

/// In an iframe with `embed=1`: tells the parent page the app's height whenever it
/// changes, so the host snippet (`embed.js`) can size the iframe, and so can the resize
/// scripts councils already run for other embeds: Flourish, Observable and Embedly's
/// `{context: "iframe.resize", height, src}` (`src` the address the iframe was opened
/// at, which their scripts match to the iframe's `src`) and, when the address gives an
/// `embed_id`, Datawrapper's `{"datawrapper-height": {id: height}}`. The height tells how
/// long a view is, so every message goes only to a parent on the app's own origin or one
/// listed in `embed_origins`: each names its target origin and the browser delivers it
/// only there, never to a stranger's page that frames the app.
pub fn report_height_to_parent() -> impl std::future::Future<Output = ()> {
    // Taken now, before the app changes the address as filters are chosen.
    let src = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    let search = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    let embed_id = crate::explore::query::embed_id(&search);
    async move {
        let Some(window) = web_sys::window() else { return };
        let Ok(Some(parent)) = window.parent() else { return };
        if parent == window {
            return;
        }
        let allowed = config().await.unwrap_or_default().embed_targets(&page_origin());
        let targets: Vec<String> = match parent_origin(&window) {
            Some(origin) => allowed.into_iter().filter(|a| a.eq_ignore_ascii_case(&origin)).collect(),
            None => allowed,
        };
        if targets.is_empty() {
            return;
        }
        let Some(document) = window.document() else { return };
        let Some(body) = document.body() else { return };
        let object = |pairs: &[(&str, &JsValue)]| {
            let o = js_sys::Object::new();
            for (key, value) in pairs {
                let _ = js_sys::Reflect::set(&o, &JsValue::from_str(key), value);
            }
            JsValue::from(o)
        };
        let send = {
            let body = body.clone();
            move || {
                // The content's own height, not the viewport's, so the iframe can shrink too.
                let style = web_sys::window().and_then(|w| w.get_computed_style(&body).ok().flatten());
                let margin = |side: &str| {
                    style
                        .as_ref()
                        .and_then(|s| s.get_property_value(side).ok())
                        .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
                };
                let height = body.get_bounding_client_rect().height()
                    + margin("margin-top").unwrap_or(0.0)
                    + margin("margin-bottom").unwrap_or(0.0);
                let height = JsValue::from(height.ceil());
                let mut messages = vec![
                    object(&[("type", &HEIGHT_MESSAGE.into()), ("height", &height)]),
                    object(&[("context", &"iframe.resize".into()), ("height", &height), ("src", &src.as_str().into())]),
                ];
                if let Some(id) = &embed_id {
                    messages.push(object(&[("datawrapper-height", &object(&[(id, &height)]))]));
                }
                for target in &targets {
                    for message in &messages {
                        let _ = parent.post_message(message, target);
                    }
                }
            }
        };
        let on_resize = Closure::<dyn FnMut()>::new(send);
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&body);
            // Lives as long as the page.
            std::mem::forget(observer);
        }
        on_resize.forget();
    }
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
