//! Opening a bundle: which one the page shows (the URL's, the host element's, the
//! settings' or the default) and whether the deployment allows its origin, fetching it,
//! reading a file from the user's computer, and loading either in steps with progress.

use std::sync::Arc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bundle::arrival::{check_response, Arrival, Ended, FetchFailure, PATIENCE_SECONDS};
use crate::bundle::problem::Problem;
use crate::bundle::Bundle;
use crate::config::{BundleUrl, Config, DEFAULT_BUNDLE};
use crate::web::host;
use crate::web::schedule::{clock, mark, next_task};
use crate::workbook::job::Stopped;

/// Where opening the bundle stands; the page follows it.
#[derive(Clone)]
pub enum LoadState {
    Loading,
    Ready(Arc<Bundle>),
    Failed {
        url: String,
        problems: Arc<Vec<Problem>>,
    },
    /// The bundle did not arrive from `url`: said in words, with "Try again".
    Unfetched {
        url: String,
        failure: FetchFailure,
    },
}

fn failed(url: String, problems: Vec<Problem>) -> LoadState {
    LoadState::Failed { url, problems: Arc::new(problems) }
}

/// The bundle being opened, provided as context: a file opened from the user's computer
/// is shown until the URL names another bundle.
#[derive(Clone, Copy)]
pub struct Preview {
    pub state: RwSignal<LoadState>,
    /// The name of a local file being shown, if one is.
    pub file: RwSignal<Option<String>>,
    /// How far the current load has got, 0 to 1.
    pub progress: RwSignal<f64>,
    /// The bundle converted from a workbook in this browser, as JSON, for its download.
    pub converted: RwSignal<Option<Arc<String>>>,
    /// How much of a slow download has arrived, once it has taken a while.
    pub arrival: RwSignal<Option<Arrival>>,
    /// Bumped by "Try again": the bundle is fetched anew, the address unchanged.
    pub attempt: RwSignal<u32>,
}

/// Works out which bundle to show (the URL's, the host element's, the config's, or the
/// default), checks it against the deployment's policy, and loads it, checking again
/// where the response came from after redirects: the bundle, its problems, or why it did
/// not arrive.
pub async fn open_bundle(
    param: Option<String>,
    progress: RwSignal<f64>,
    arrival: RwSignal<Option<Arrival>>,
) -> LoadState {
    let page_base = document().base_uri().ok().flatten().unwrap_or_default();
    let named = host::named_bundle(param);
    let redirects = match named {
        Some((_, true)) => host::Redirects::Refuse,
        _ => host::Redirects::Follow,
    };
    // A bundle on the page's own origin in the default bundles folder needs no permission
    // from the settings: it is fetched alongside them rather than after, a round trip
    // sooner. It is checked against the settings once they are here.
    let fast = named.as_ref().and_then(|(name, by_address)| {
        let url = host::resolve(name, &page_base).ok()?;
        let default = Config::default();
        allowed(&default, &url, *by_address, &folders(&default)).ok().map(|_| url)
    });
    let (config, fetched) = match fast {
        Some(url) => {
            let (config, fetched) =
                futures::future::join(host::config(), fetch_bundle(&url.href(), redirects, progress, arrival)).await;
            (config, Some(fetched))
        }
        None => (host::config().await, None),
    };
    let config = match config {
        Ok(c) => c,
        Err(p) => return failed(crate::config::FILE.to_string(), vec![p]),
    };
    let (name, by_address, base) = match named {
        Some((name, by_address)) => (name, by_address, page_base),
        None => {
            host::prefetch_decided().await;
            let name = config.default_bundle.clone().unwrap_or_else(|| DEFAULT_BUNDLE.to_string());
            crate::web::prerendered::keep_only_for(&name);
            (name, false, host::app_base())
        }
    };
    let folders = folders(&config);
    let url = match host::resolve(&name, &base) {
        Ok(u) => u,
        Err(p) => return failed(name, vec![p]),
    };
    if let Err(p) = allowed(&config, &url, by_address, &folders) {
        return failed(name, vec![p]);
    }
    let fetched = match fetched {
        Some(f) => f,
        None => fetch_bundle(&url.href(), redirects, progress, arrival).await,
    };
    let fetched = match fetched {
        Ok(f) => f,
        Err(failure) => return LoadState::Unfetched { url: url.href(), failure },
    };
    // fetch follows redirects: the policy holds for where the bundle came from, too.
    if fetched.url != url.href() {
        let checked = host::resolve(&fetched.url, &url.href()).and_then(|u| allowed(&config, &u, by_address, &folders));
        if let Err(p) = checked {
            let redirected =
                Problem::new("bundle", format!("the server redirected the bundle to another address: {}", p.message))
                    .found(fetched.url.clone());
            return failed(name, vec![Problem { expected: p.expected, fix: p.fix, ..redirected }]);
        }
    }
    mark("se:fetched");
    let ended = fetched.ended.clone();
    let href = url.href();
    let again: Again = Box::pin(async move {
        fetch_bundle(&href, redirects, progress, arrival).await.map(|f| f.body).map_err(|f| {
            // Fetching again helps only where the network, not the server's file, failed.
            let fix = if f.may_pass() {
                "reload the page to try again"
            } else {
                "ask whoever publishes the scorecard to publish its file again"
            };
            vec![Problem::new("", f.headline()).fix(fix)]
        })
    });
    let loaded = load_in_steps(fetched.body, progress, again).await;
    mark("se:parsed");
    match loaded {
        Ok(bundle) => LoadState::Ready(Arc::new(bundle)),
        Err(problems) => match ended {
            // JSON that stops part way: the connection dropped, or the file itself is
            // cut short (`bundle::arrival::Body::ended` tells which), not a broken bundle.
            Ended::PartWay(failure) => LoadState::Unfetched { url: url.href(), failure },
            Ended::Whole => failed(name, problems),
        },
    }
}

/// Whether the settings let the page fetch a bundle from `url`.
#[allow(clippy::result_large_err)]
fn allowed(config: &Config, url: &web_sys::Url, by_address: bool, folders: &[String]) -> Result<(), Problem> {
    let (protocol, origin, path) = (url.protocol(), url.origin(), url.pathname());
    let bundle_url = BundleUrl { protocol: &protocol, origin: &origin, path: &path };
    config.check_bundle_url(bundle_url, &host::page_origin(), by_address, folders)
}

/// The folders on the page's own origin whose `.json` files `?bundle=` may name: the
/// default bundle's and the settings' `bundle_paths`, resolved against the app's folder.
fn folders(config: &Config) -> Vec<String> {
    let base = host::app_base();
    let default = config.default_bundle.as_deref().unwrap_or(DEFAULT_BUNDLE);
    let mut out: Vec<String> = host::resolve(default, &base)
        .map(|u| crate::config::folder_of(&u.pathname()).to_string())
        .into_iter()
        .collect();
    for path in &config.bundle_paths {
        let folder = if path.ends_with('/') { path.clone() } else { format!("{path}/") };
        if let Ok(u) = host::resolve(&folder, &base) {
            if u.origin() == host::page_origin() {
                out.push(u.pathname());
            }
        }
    }
    out
}

/// Fetches a bundle; a network failure, a stall, a response that is not a success or a
/// web page where the bundle should be is a failure said in words. Once the download has
/// taken a while, `arrival` (and `progress`, when the size is known) says how far it has got.
async fn fetch_bundle(
    url: &str,
    redirects: host::Redirects,
    progress: RwSignal<f64>,
    arrival: RwSignal<Option<Arrival>>,
) -> Result<host::Fetched, FetchFailure> {
    mark("se:fetch-start");
    host::opening(url);
    let now = clock();
    let started = now();
    let watch = |a: Arrival| {
        if now() - started >= PATIENCE_SECONDS * 1000.0 {
            arrival.set(Some(a));
            progress.set(a.percent().map_or(0.0, |p| f64::from(p) / 100.0));
        }
    };
    let fetched = host::fetch_watched(url, redirects, &watch).await;
    arrival.set(None);
    let fetched = fetched?;
    check_response(fetched.status, &fetched.status_text, &fetched.content_type, &fetched.body)?;
    Ok(fetched)
}

/// Opens the files a person chose or dropped at once: one bundle, or a workbook (an
/// `.xlsx`, or its CSV files) with any number of Fingertips exports, converted in a Web
/// Worker so that the reader is downloaded only now and a large workbook does not hold up
/// the page. Nothing is uploaded.
pub fn open_files(files: Vec<web_sys::File>, preview: Preview) {
    use crate::workbook::job::is_workbook_file;
    match files.as_slice() {
        [] => {}
        [one] if !is_workbook_file(&one.name()) => open_file(one.clone(), preview),
        _ => convert_workbook(files, preview),
    }
}

fn convert_workbook(files: Vec<web_sys::File>, preview: Preview) {
    preview.state.set(LoadState::Loading);
    preview.converted.set(None);
    mark("se:workbook-start");
    leptos::task::spawn_local(async move {
        let fail = |name: String, message: String, fix: String| {
            preview.file.set(None);
            let problem = Problem::new("", message).fix(fix);
            preview.state.set(LoadState::Failed { url: name, problems: Arc::new(vec![problem]) });
        };
        let pairs = js_sys::Array::new();
        for file in &files {
            match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                Ok(buffer) => {
                    let pair = js_sys::Array::of2(&file.name().into(), &js_sys::Uint8Array::new(&buffer));
                    pairs.push(&pair);
                }
                Err(_) => return fail(file.name(), "the file could not be read".into(), CHOOSE_AGAIN.into()),
            }
        }
        let answer = match host::convert(&pairs).await {
            Ok(data) => crate::web::worker::answer_from_js(&data),
            Err(stopped) => return fail("workbook".into(), stopped.message(), stopped.fix()),
        };
        mark("se:workbook-converted");
        let Some(answer) = answer else {
            return fail("workbook".into(), Stopped::Crashed.message(), Stopped::Crashed.fix());
        };
        let Some(json) = answer.bundle else {
            preview.file.set(None);
            let problems = answer.problems.iter().map(|p| p.to_problem()).collect();
            preview.state.set(LoadState::Failed { url: answer.name, problems: Arc::new(problems) });
            return;
        };
        let json = Arc::new(json);
        let again: Again = Box::pin({
            let json = json.clone();
            async move { Ok(json.as_bytes().to_vec()) }
        });
        match load_in_steps(json.as_bytes().to_vec(), preview.progress, again).await {
            Ok(bundle) => {
                preview.file.set(Some(answer.name));
                preview.converted.set(Some(json));
                preview.state.set(LoadState::Ready(Arc::new(bundle)));
            }
            Err(problems) => {
                preview.file.set(None);
                preview.state.set(LoadState::Failed { url: answer.name, problems: Arc::new(problems) });
            }
        }
    });
}

/// Reads a file from the user's computer and shows it as a preview: checked in the
/// browser, with problems listed as for a URL. Nothing is uploaded.
pub fn open_file(file: web_sys::File, preview: Preview) {
    let name = file.name();
    preview.state.set(LoadState::Loading);
    leptos::task::spawn_local(async move {
        let read = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await;
        let loaded = match read {
            Ok(buffer) => {
                let bytes = js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec();
                drop(buffer);
                let again: Again = Box::pin(async move {
                    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                        .await
                        .map_err(|_| vec![Problem::new("", "the file could not be read").fix(CHOOSE_AGAIN)])?;
                    Ok(js_sys::Uint8Array::new(buffer.unchecked_ref()).to_vec())
                });
                load_in_steps(bytes, preview.progress, again).await
            }
            Err(_) => Err(vec![Problem::new("", "the file could not be read").fix(CHOOSE_AGAIN)]),
        };
        match loaded {
            Ok(bundle) => {
                preview.converted.set(None);
                preview.file.set(Some(name));
                preview.state.set(LoadState::Ready(Arc::new(bundle)));
            }
            Err(problems) => {
                preview.file.set(None);
                preview.state.set(LoadState::Failed { url: name, problems: Arc::new(problems) });
            }
        }
    });
}

/// What to do about a chosen file the browser could not read.
const CHOOSE_AGAIN: &str = "choose the file again";

/// Reads a bundle's file once more.
pub type Again = std::pin::Pin<Box<dyn std::future::Future<Output = Result<Vec<u8>, Vec<Problem>>>>>;

/// Loads a bundle in steps of about 25 ms, letting the browser paint and answer input
/// between them, so even a 50 MB bundle never freezes the page (see `bundle::stepwise`).
/// The file's bytes are freed as they are parsed; should the bundle have a fault, `again`
/// reads the file once more, to say exactly where.
/// `again` is not run unless needed (a future does nothing until awaited); one type for
/// every caller keeps one copy of this function in the download.
pub async fn load_in_steps(bytes: Vec<u8>, progress: RwSignal<f64>, again: Again) -> Result<Bundle, Vec<Problem>> {
    let now = clock();
    let mut loader = crate::bundle::stepwise::Loader::new(bytes).releasing();
    let mut again = Some(again);
    progress.set(0.0);
    loop {
        let started = now();
        while now() - started < 25.0 {
            if let Some(done) = loader.step() {
                return done;
            }
            if loader.wants_bytes() {
                let Some(again) = again.take() else {
                    return Err(vec![
                        Problem::new("", "the bundle could not be read again").fix("open the bundle again")
                    ]);
                };
                loader.give_bytes(again.await?);
            }
        }
        progress.set(loader.progress());
        next_task().await;
    }
}
