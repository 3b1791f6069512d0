//! Where the app runs: its own base URL, the page or host element it is mounted in,
//! the deployment's config, fetching (with what `static/prefetch.js` started before the
//! wasm), and the embed protocol with a parent page.
//!
//! JavaScript and Rust meet here through `#[wasm_bindgen]` declarations only: no field
//! is looked up by a string name.

use std::cell::RefCell;

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::bundle::arrival::{Arrival, Body, Ended, FetchFailure};
use crate::bundle::problem::Problem;
use crate::config::{Config, FILE, HEIGHT_MESSAGE};
use crate::workbook::job::{Stopped, ANSWER_SECONDS, START_SECONDS};

#[wasm_bindgen]
extern "C" {
    /// The page's window, with what the app's own scripts put on it.
    type AppWindow;
    /// `window.scorecardExplorerPrefetch`, set by `static/prefetch.js`; absent on trunk's
    /// development page, which does not load that script.
    #[wasm_bindgen(method, getter, js_name = scorecardExplorerPrefetch)]
    fn prefetch(this: &AppWindow) -> Option<Prefetch>;

    /// What `static/prefetch.js` did before the wasm started (see there).
    type Prefetch;
    /// The folder the app's files are in.
    #[wasm_bindgen(method, getter)]
    fn base(this: &Prefetch) -> String;
    /// Settles once the default bundle's download is decided.
    #[wasm_bindgen(method, getter)]
    fn ready(this: &Prefetch) -> js_sys::Promise;
    /// The download started for exactly this URL, taken once.
    #[wasm_bindgen(method)]
    fn take(this: &Prefetch, url: &str) -> Option<Started>;
    /// The bundle the page names (the rule is written there, once).
    #[wasm_bindgen(method)]
    fn named(this: &Prefetch, param: Option<&str>) -> Option<Named>;
    /// Converts the files (`[name, Uint8Array]` pairs) in the workbook converter's worker,
    /// once its script has passed its integrity check (`static/converter.js`): the answer,
    /// or a rejection with the tag of a `workbook::job::Stopped`.
    #[wasm_bindgen(method)]
    fn convert(this: &Prefetch, files: &js_sys::Array, start_seconds: u32, answer_seconds: u32) -> js_sys::Promise;
    /// The bundle being opened, for the crash page (`static/crash.js`).
    #[wasm_bindgen(method, setter)]
    fn set_opening(this: &Prefetch, url: &str);

    /// A download `prefetch.js` started: the `fetch()`'s promise and its abort switch.
    type Started;
    #[wasm_bindgen(method, getter)]
    fn response(this: &Started) -> js_sys::Promise;
    #[wasm_bindgen(method, getter)]
    fn controller(this: &Started) -> web_sys::AbortController;

    /// A bundle the page names, and whether its address (`?bundle=`) named it.
    type Named;
    #[wasm_bindgen(method, getter)]
    fn name(this: &Named) -> String;
    #[wasm_bindgen(method, getter, js_name = byAddress)]
    fn by_address(this: &Named) -> bool;

    /// `location`, with `ancestorOrigins` (Chromium and WebKit; not in web-sys).
    type AncestorsLocation;
    #[wasm_bindgen(method, getter, js_name = ancestorOrigins)]
    fn ancestor_origins(this: &AncestorsLocation) -> Option<OriginList>;
    /// A `DOMStringList` of origins, nearest first.
    type OriginList;
    #[wasm_bindgen(method)]
    fn item(this: &OriginList, index: u32) -> Option<String>;
}

fn prefetch() -> Option<Prefetch> {
    web_sys::window()?.unchecked_into::<AppWindow>().prefetch()
}

/// The folder the app's files are in: `prefetch.js`'s own, so it is right even when a
/// host page at another path loaded the app.
pub fn app_base() -> String {
    prefetch()
        .map(|p| p.base())
        .or_else(|| web_sys::window()?.document()?.base_uri().ok().flatten())
        .unwrap_or_default()
}

/// Converts the files in the workbook converter's worker, within its time limits: the
/// worker's answer (`web::worker::answer_to_js`), or why there is none. Only the built
/// page has the converter (`scripts/finish-dist.sh` writes it into `start.js`).
pub async fn convert(files: &js_sys::Array) -> Result<JsValue, Stopped> {
    let Some(p) = prefetch() else { return Err(Stopped::Missing) };
    JsFuture::from(p.convert(files, START_SECONDS, ANSWER_SECONDS))
        .await
        .map_err(|reason| Stopped::from_tag(reason.as_string().as_deref()))
}

/// Tells the crash page (`static/crash.js`) which bundle is being opened.
pub fn opening(url: &str) {
    if let Some(p) = prefetch() {
        p.set_opening(url);
    }
}

/// The host page's element to mount into (`<div data-scorecard-explorer>`), if any.
pub fn host_element() -> Option<web_sys::HtmlElement> {
    let document = web_sys::window()?.document()?;
    document.query_selector("[data-scorecard-explorer]").ok().flatten()?.dyn_into().ok()
}

/// The bundle to open and whether the page's address named it (`?bundle=`, `param`):
/// `prefetch.js`'s `named` decides, by the one statement of the rule. Without it (trunk's
/// development page, which has no host element) the address alone names the bundle.
pub fn named_bundle(param: Option<String>) -> Option<(String, bool)> {
    match prefetch() {
        Some(p) => p.named(param.as_deref()).map(|n| (n.name(), n.by_address())),
        None => param.map(|p| (p, true)),
    }
}

/// Resolves `url` against `base`; a URL that cannot be resolved is a problem.
pub fn resolve(url: &str, base: &str) -> Result<web_sys::Url, Problem> {
    web_sys::Url::new_with_base(url, base).map_err(|_| {
        Problem::new("bundle", "this is not a URL a bundle can be fetched from")
            .found(crate::bundle::problem::quoted(url))
            .fix("give the bundle's full web address, starting https://")
    })
}

pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

thread_local! {
    /// The deployment's settings once fetched: they cannot change while the page is open,
    /// and both opening a bundle and the embed protocol need them. Only `config` uses it.
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
    /// Whether the body's JSON ended or stopped part way.
    pub ended: Ended,
}

/// Fetches `url` whole (see [`fetch_watched`]).
pub async fn fetch(url: &str) -> Result<Fetched, FetchFailure> {
    fetch_watched(url, Redirects::Follow, &|_| {}).await
}

/// Whether a request follows the server's redirects. A bundle named by the page's address
/// does not (`prefetch.js` starts it the same way): the address could otherwise send the
/// reader's cookies to another path of the site, content refused or not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Redirects {
    Follow,
    Refuse,
}

/// Fetches `url` whole: the response `prefetch.js` started for this very URL (taken once,
/// so a later load fetches anew), else a request of its own (gloo-net). The body is read
/// here, a piece at a time: reading stops past the largest bundle the app accepts, and
/// a response that sends nothing for `fetch::STALL_SECONDS` is given up
/// (`bundle::arrival::Body` holds both rules). While it waits, `watch` hears how much has arrived, twice a second.
/// A failure says what happened (`bundle::arrival` words it).
pub async fn fetch_watched(url: &str, redirects: Redirects, watch: &dyn Fn(Arrival)) -> Result<Fetched, FetchFailure> {
    let started = prefetch().and_then(|p| p.take(url));
    let controller = match &started {
        Some(s) => s.controller(),
        None => web_sys::AbortController::new().map_err(|e| FetchFailure::Unreachable { detail: said(&e) })?,
    };
    let body = RefCell::new(Body::default());
    let download = async {
        let response = match &started {
            Some(s) => JsFuture::from(s.response()).await.map(JsCast::unchecked_into).map_err(|e| said(&e)),
            None => {
                // A plain GET, built here: gloo-net's builder would add its query and
                // header handling to the download for nothing.
                let init = web_sys::RequestInit::new();
                init.set_signal(Some(&controller.signal()));
                if redirects == Redirects::Refuse {
                    init.set_redirect(web_sys::RequestRedirect::Manual);
                }
                match web_sys::Request::new_with_str_and_init(url, &init) {
                    Ok(request) => {
                        gloo_net::http::Request::from(request).send().await.map(web_sys::Response::from).map_err(|e| {
                            match e {
                                gloo_net::Error::JsError(e) => e.name + ": " + &e.message,
                                _ => "the request failed".to_string(),
                            }
                        })
                    }
                    Err(e) => Err(said(&e)),
                }
            }
        };
        read(response.map_err(|detail| FetchFailure::Unreachable { detail })?, &body).await
    };
    // Twice a second: how much has arrived, and whether the server has gone quiet.
    let ticking = async {
        loop {
            sleep(TICK_MS).await;
            watch(body.borrow().arrival());
            if let Err(stalled) = body.borrow_mut().tick(f64::from(TICK_MS) / 1000.0) {
                return stalled;
            }
        }
    };
    let (download, ticking) = (std::pin::pin!(download), std::pin::pin!(ticking));
    let fetched = match futures::future::select(download, ticking).await {
        futures::future::Either::Left((fetched, _)) => fetched,
        futures::future::Either::Right((stalled, _)) => Err(stalled),
    };
    if fetched.is_err() {
        // Nothing more is wanted from this response: the connection is closed.
        controller.abort();
    }
    fetched
}

/// Reads `response`'s body into memory, feeding each piece to `body`'s rules.
async fn read(response: web_sys::Response, body: &RefCell<Body>) -> Result<Fetched, FetchFailure> {
    if response.type_() == web_sys::ResponseType::Opaqueredirect {
        return Err(FetchFailure::Redirected);
    }
    let headers = response.headers();
    let header = |name: &str| headers.get(name).ok().flatten();
    *body.borrow_mut() = Body::new(header("Content-Length").as_deref(), header("Content-Encoding").as_deref())?;
    let mut bytes = Vec::new();
    if let Some(total) = body.borrow().arrival().total {
        bytes.reserve_exact(total as usize);
    }
    if let Some(stream) = response.body() {
        let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
        loop {
            let next = JsFuture::from(reader.read())
                .await
                .map_err(|e| body.borrow().dropped(said(&e)))?
                .unchecked_into::<web_sys::ReadableStreamReadResult>();
            if next.get_done().unwrap_or(true) {
                break;
            }
            let piece = next.get_value().unchecked_into::<js_sys::Uint8Array>();
            let at = bytes.len();
            bytes.resize(at + piece.length() as usize, 0);
            piece.copy_to(&mut bytes[at..]);
            body.borrow_mut().take(&bytes[at..])?;
        }
    }
    let ended = body.borrow().ended();
    Ok(Fetched {
        url: response.url(),
        ok: response.ok(),
        status: response.status(),
        status_text: response.status_text(),
        content_type: header("Content-Type").unwrap_or_default(),
        body: bytes,
        ended,
    })
}

/// What the browser said of a failure, as `String(error)` gives it.
fn said(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => e.to_string().into(),
        None => error.as_string().unwrap_or_else(|| "the request failed".into()),
    }
}

/// How often a download is looked at.
const TICK_MS: i32 = 500;

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Settles once `prefetch.js` has decided whether to fetch the default bundle, which it
/// learns from the settings: waiting for that avoids fetching the bundle twice.
pub async fn prefetch_decided() {
    if let Some(p) = prefetch() {
        let _ = JsFuture::from(p.ready()).await;
    }
}

/// The parent page's origin as the browser tells it (`location.ancestorOrigins`, else
/// the referrer's), when it does.
fn parent_origin(window: &web_sys::Window) -> Option<String> {
    window
        .location()
        .unchecked_into::<AncestorsLocation>()
        .ancestor_origins()
        .and_then(|origins| origins.item(0))
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
