//! What every browser test needs: the real optimised `dist/` served on 127.0.0.1 on a
//! free port, and headless Chromium driven through chromedriver (WebDriver). Each test
//! gets its own server, driver and browser, so tests run in parallel without clashes.

use std::collections::HashMap;
use std::io::Read;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// The built app. The browser tests never build it themselves: `scripts/test` does.
pub fn dist() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dir.join("index.html").exists(),
        "no dist/index.html: build the optimised app first with scripts/test (or scripts/serve)"
    );
    dir
}

/// The test build whose search for "forced panic" panics (`forced-panic` feature),
/// which `scripts/test` builds beside `dist/`.
pub fn forced_panic_dist() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/dist-forced-panic");
    assert!(dir.join("index.html").exists(), "no target/dist-forced-panic: scripts/test builds it");
    dir
}

/// How the test server answers: `dist/` under `prefix`, extra files, extra headers.
#[derive(Clone, Default)]
pub struct Site {
    /// Sub-path the app is published under, e.g. "/intranet/hwb/"; "/" by default.
    pub prefix: String,
    /// Extra files by absolute URL path (test bundles, host pages).
    pub files: HashMap<String, Vec<u8>>,
    /// Headers added to every response (e.g. a Content-Security-Policy).
    pub headers: Vec<(String, String)>,
    /// Paths answered with a 302 redirect to the given URL.
    pub redirects: HashMap<String, String>,
    /// Paths whose response never arrives.
    pub stalls: Vec<String>,
    /// Paths whose response body never ends.
    pub endless: Vec<String>,
    /// Paths answered only after a while (a slow file among fast ones).
    pub delays: HashMap<String, Duration>,
    /// Another build of the app to serve instead of `dist/` (see `forced_panic_dist`).
    pub dist: Option<PathBuf>,
}

impl Site {
    pub fn new() -> Site {
        Site { prefix: "/".into(), ..Site::default() }
    }

    pub fn file(mut self, path: &str, body: impl Into<Vec<u8>>) -> Site {
        self.files.insert(path.to_string(), body.into());
        self
    }
}

/// A static file server on 127.0.0.1, stopped when dropped.
///
/// Every connection gets its own thread and one response, written whole with its
/// Content-Length and `Connection: close`. (tiny_http, used before, hands connections to a
/// pool that can leave a new one queued behind idle keep-alive connections for minutes:
/// when Chromium opened five or more at once, a request sat unread and the page never
/// finished loading.) Set `SCORECARD_HTTP_LOG` to print each request with its connection
/// and when it was accepted and answered.
pub struct Server {
    pub addr: SocketAddr,
    /// The paths asked for, in order.
    pub requests: Arc<std::sync::Mutex<Vec<String>>>,
    stop: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(site: Site) -> Server {
        use std::sync::atomic::{AtomicBool, Ordering};
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port on 127.0.0.1");
        let addr = listener.local_addr().expect("the server's address");
        let requests = Arc::new(std::sync::Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let site = Arc::new(Served {
            root: site.dist.clone().unwrap_or_else(dist),
            site,
            asked: requests.clone(),
            began: Instant::now(),
            log: std::env::var_os("SCORECARD_HTTP_LOG").is_some(),
        });
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let accepted = site.began.elapsed();
                let site = site.clone();
                std::thread::spawn(move || site.answer(stream, accepted));
            }
        });
        Server { addr, requests, stop, thread: Some(thread) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::SeqCst);
        // Wakes the accept loop so it sees `stop`.
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// What a server's connection threads share.
struct Served {
    site: Site,
    root: PathBuf,
    asked: Arc<std::sync::Mutex<Vec<String>>>,
    began: Instant,
    log: bool,
}

impl Served {
    /// Reads one request from `stream` and answers it; the connection then closes.
    fn answer(&self, mut stream: TcpStream, accepted: Duration) {
        use std::io::Write;
        // A connection Chromium opened ahead of need may never carry a request.
        let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
        let Some((method, target)) = read_request(&mut stream) else { return };
        let path = target.split(['?', '#']).next().unwrap_or("/").to_string();
        self.asked.lock().unwrap().push(path.clone());
        let conn = stream.peer_addr().map(|a| a.port()).unwrap_or(0);
        let port = stream.local_addr().map(|a| a.port()).unwrap_or(0);
        let trace = |what: &str| {
            if self.log {
                let ms = |d: Duration| d.as_millis();
                eprintln!(
                    "http {port} conn {conn} {method} {target}: accepted +{a} ms, {what} +{b} ms",
                    a = ms(accepted),
                    b = ms(self.began.elapsed())
                );
            }
        };
        let head = |status: &str, headers: &[(&str, &str)], length: Option<usize>| {
            let mut head = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
            for (name, value) in headers {
                head += &format!("{name}: {value}\r\n");
            }
            if let Some(n) = length {
                head += &format!("Content-Length: {n}\r\n");
            }
            head + "\r\n"
        };
        let site = &self.site;
        if let Some(to) = site.redirects.get(&path) {
            let _ = stream
                .write_all(head("302 Found", &[("Location", to), ("Cache-Control", "no-store")], Some(0)).as_bytes());
            trace("302");
            return finish(stream);
        }
        if site.stalls.contains(&path) {
            // Held open, unanswered, until the test ends.
            trace("held unanswered from");
            std::thread::sleep(Duration::from_secs(120));
            return;
        }
        if site.endless.contains(&path) {
            // No length: the body ends only when the connection does, which is never.
            trace("endless body from");
            if stream.write_all(head("200 OK", &[], None).as_bytes()).is_ok() {
                let spaces = [b' '; 64 * 1024];
                while stream.write_all(&spaces).is_ok() {}
            }
            return;
        }
        if let Some(delay) = site.delays.get(&path) {
            trace("delayed from");
            std::thread::sleep(*delay);
        }
        let body = site.files.get(&path).cloned().or_else(|| {
            let rel = path.strip_prefix(site.prefix.as_str())?;
            let rel = if rel.is_empty() { "index.html" } else { rel };
            if rel.split('/').any(|part| part == "..") {
                return None;
            }
            std::fs::read(self.root.join(rel)).ok()
        });
        let (status, body) = match body {
            Some(bytes) => ("200 OK", bytes),
            None => ("404 Not Found", b"not found".to_vec()),
        };
        let mut headers = vec![("Content-Type", content_type(&path)), ("Cache-Control", "no-store")];
        headers.extend(site.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        let mut out = head(status, &headers, Some(body.len())).into_bytes();
        if method != "HEAD" {
            out.extend_from_slice(&body);
        }
        let sent = stream.write_all(&out);
        trace(&format!("{} answered{}", &status[..3], if sent.is_err() { " (the browser had gone)" } else { "" }));
        finish(stream);
    }
}

/// Reads a request's head (and any body, so closing does not reset the connection);
/// returns its method and target.
fn read_request(stream: &mut TcpStream) -> Option<(String, String)> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 4096];
    let end = loop {
        let n = stream.read(&mut buf).ok().filter(|&n| n > 0)?;
        raw.extend_from_slice(&buf[..n]);
        if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        if raw.len() > 64 * 1024 {
            return None;
        }
    };
    let head = String::from_utf8_lossy(&raw[..end]).into_owned();
    let length = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    let mut body = raw.len() - end;
    while body < length {
        body += stream.read(&mut buf).ok().filter(|&n| n > 0)?;
    }
    let mut words = head.split_whitespace();
    Some((words.next()?.to_string(), words.next()?.to_string()))
}

/// Ends a connection after its response: no more is sent, and the browser is given a
/// moment to close its side first.
fn finish(stream: TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = (&stream).read(&mut [0u8; 512]);
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "png" => "image/png",
        "svg" => "image/svg+xml",
        "" | "html" => "text/html; charset=utf-8",
        _ if path.ends_with('/') => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// chromedriver on a free port, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start() -> Driver {
        let exe = which("chromedriver").unwrap_or_else(|| {
            panic!("chromedriver is not installed: run `sudo apt-get install chromium chromium-driver` (scripts/test installs them)")
        });
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(exe)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not start listening on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

/// A browser on a served site. Use [`run`] so the browser closes even when a test fails.
pub struct Browser {
    pub client: Client,
    pub server: Server,
    /// A folder of this browser's own, where downloads land.
    pub downloads: PathBuf,
    _profile: TempDir,
    driver: Driver,
}

/// A folder removed when dropped: a fresh Chromium profile per test.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    pub async fn start(site: Site, width: u32, height: u32) -> Browser {
        let server = Server::start(site);
        let driver = Driver::start();
        let profile = std::env::temp_dir().join(format!("scorecard-chromium-{}-{}", std::process::id(), driver.port));
        let chromium = ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|n| which(n)).unwrap_or_else(|| {
            panic!("Chromium is not installed: run `sudo apt-get install chromium chromium-driver` (scripts/test installs them)")
        });
        let caps = json!({
            "browserName": "chrome",
            "goog:loggingPrefs": { "browser": "ALL" },
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--force-device-scale-factor=1",
                    format!("--window-size={width},{height}"),
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        });
        let mut caps = caps;
        if width < 500 {
            // Chromium will not make a desktop window this narrow: emulate a phone, at a
            // pixel ratio of 2 as most phones have.
            caps["goog:chromeOptions"]["mobileEmulation"] = json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "mobile": true, "touch": true } });
        }
        let Value::Object(caps) = caps else { unreachable!() };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .expect("start a headless Chromium session through chromedriver");
        let downloads = profile.join("downloads");
        std::fs::create_dir_all(&downloads).expect("create the downloads folder");
        let browser = Browser { client, server, downloads, _profile: TempDir(profile), driver };
        browser
            .cdp("Browser.setDownloadBehavior", json!({ "behavior": "allow", "downloadPath": browser.downloads }))
            .await;
        browser
    }

    /// Sends a DevTools command through chromedriver (emulated media, downloads).
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.driver_post("goog/cdp/execute", json!({ "cmd": cmd, "params": params })).await
    }

    /// The browser console's entries since the last call (level and message).
    pub async fn console(&self) -> Vec<(String, String)> {
        let log = self.driver_post("se/log", json!({ "type": "browser" })).await;
        log.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        (e["level"].as_str().unwrap_or("").to_string(), e["message"].as_str().unwrap_or("").to_string())
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// POSTs a chromedriver extension command of this session; returns its `value`.
    async fn driver_post(&self, command: &str, body: Value) -> Value {
        use std::io::Write;
        let session = self.client.session_id().await.expect("session id").expect("a session");
        let body = body.to_string();
        let mut stream = TcpStream::connect(("127.0.0.1", self.driver.port)).expect("connect to chromedriver");
        write!(
            stream,
            "POST /session/{session}/{command} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send to chromedriver");
        // Read the head, then exactly Content-Length bytes: chromedriver may keep the
        // connection open.
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("set a read timeout");
        let mut raw = Vec::new();
        let mut buf = [0u8; 8192];
        let (head_end, length) = loop {
            let n = stream.read(&mut buf).expect("read chromedriver's answer");
            assert!(n > 0, "chromedriver closed the connection early");
            raw.extend_from_slice(&buf[..n]);
            if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..i]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap()))
                    .expect("chromedriver sends a Content-Length");
                break (i + 4, length);
            }
        };
        while raw.len() < head_end + length {
            let n = stream.read(&mut buf).expect("read chromedriver's answer");
            assert!(n > 0, "chromedriver closed the connection early");
            raw.extend_from_slice(&buf[..n]);
        }
        let json = String::from_utf8_lossy(&raw[head_end..head_end + length]).into_owned();
        let value: Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("chromedriver answered {json:?}: {e}"));
        value["value"].clone()
    }

    /// Waits (up to 15 s) for a finished download whose name ends with `suffix`.
    pub async fn downloaded(&self, suffix: &str) -> (String, Vec<u8>) {
        let start = Instant::now();
        loop {
            let found = std::fs::read_dir(&self.downloads)
                .expect("read downloads")
                .filter_map(|e| e.ok())
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().ends_with(suffix));
            if let Some(path) = found {
                let bytes = std::fs::read(&path).expect("read the download");
                if !bytes.is_empty() {
                    return (path.file_name().unwrap().to_string_lossy().into_owned(), bytes);
                }
            }
            assert!(start.elapsed() < Duration::from_secs(15), "no {suffix} file was downloaded");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Opens a path of the served site (e.g. "/?rag=red").
    pub async fn open(&self, path: &str) {
        self.client.goto(&self.server.url(path)).await.expect("navigate");
    }

    /// Waits (up to 15 s) for an element and returns it.
    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(15))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("no element matching {css:?} appeared: {e}"))
    }

    /// The visible text of the first element matching `css`, once it exists.
    /// The text of the first element matching `css`. Found again when the element goes
    /// between finding and reading, as the built page's static first view does when the
    /// app takes over: a person reads the same words in either copy.
    pub async fn text(&self, css: &str) -> String {
        let mut tries = 0;
        loop {
            match self.wait_for(css).await.text().await {
                Ok(text) => return text,
                Err(e) if tries < 5 => {
                    tries += 1;
                    eprintln!("{css} went before its text was read ({e}); finding it again");
                }
                Err(e) => panic!("element text of {css}: {e}"),
            }
        }
    }

    pub async fn count(&self, css: &str) -> usize {
        self.client.find_all(Locator::Css(css)).await.expect("find elements").len()
    }

    /// Runs a script in the page and returns its result.
    pub async fn js(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Polls `script` until it returns true (up to 15 s), for states reached asynchronously.
    pub async fn until(&self, what: &str, script: &str) {
        let start = Instant::now();
        loop {
            if self.js(script).await == Value::Bool(true) {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Starts a browser on `site`, runs the test body, and always closes the browser.
pub async fn run<F, Fut>(site: Site, test: F)
where
    F: FnOnce(Arc<Browser>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    run_sized(site, 1280, 900, test).await
}

pub async fn run_sized<F, Fut>(site: Site, width: u32, height: u32, test: F)
where
    F: FnOnce(Arc<Browser>) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    use futures_util::FutureExt;
    let browser = Arc::new(Browser::start(site, width, height).await);
    let outcome = std::panic::AssertUnwindSafe(test(browser.clone())).catch_unwind().await;
    if let Ok(b) = Arc::try_unwrap(browser) {
        let _ = b.client.close().await;
    }
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// A bundle of the repository, read and checked by the core: the tests compute what
/// the page should show from it rather than hard-coding numbers.
pub fn bundle(path: &str) -> scorecard_explorer::Bundle {
    let bytes = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("read bundle");
    scorecard_explorer::bundle::load(&bytes).unwrap_or_else(|p| panic!("{path} is invalid: {p:?}"))
}

/// A file of the repository as bytes, to serve at another URL.
pub fn repo_file(path: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(path)).expect("read repository file")
}

/// How many items the core says match `query` (a URL query string) in `bundle`.
pub fn expected_count(bundle: &scorecard_explorer::Bundle, query: &str) -> (usize, usize) {
    use scorecard_explorer::explore::facets::FacetIndex;
    use scorecard_explorer::explore::query::Query;
    let q = Query::parse(query);
    let period =
        q.period.as_ref().and_then(|id| bundle.periods.iter().find(|p| &p.id == id)).or(bundle.periods.last()).unwrap();
    let facets = FacetIndex::new(bundle, period);
    let (selection, _) = facets.select(&q.applied_facets(), &q.q);
    (facets.matching(&selection).len(), facets.len())
}

impl Browser {
    /// Waits until the result count reads `n of total`, and the list is drawn (not
    /// `aria-busy`: the first list of a page is drawn in two goes).
    pub async fn until_count(&self, n: usize, total: usize) {
        let script = format!(
            "const e = document.querySelector('[data-result-count]'); return !!e && e.textContent.startsWith('{n} of {total} ') && !document.querySelector('[aria-busy=true]');"
        );
        self.until(&format!("the result count reads {n} of {total}"), &script).await;
    }

    /// Waits until the detail chart has been drawn (it writes its draw time when done).
    pub async fn until_chart_drawn(&self) {
        self.until(
            "the chart is drawn",
            "const c = document.querySelector('canvas.chart-canvas'); return !!c && !!c.dataset.drawMs",
        )
        .await;
    }

    /// The page's query string, decoded.
    pub async fn query(&self) -> String {
        let url = self.client.current_url().await.expect("url");
        url.query().map(|q| q.replace("%2C", ",")).unwrap_or_default()
    }

    /// Runs axe-core in the page and returns the WCAG A/AA violations as text.
    pub async fn axe_violations(&self) -> Vec<String> {
        // scripts/test installs axe-core and names it; a developer's earlier run left it in the cache.
        let cached = std::env::var("HOME")
            .map(|h| format!("{h}/.cache/scorecard-explorer/axe-core-4.11.0/node_modules/axe-core/axe.min.js"));
        let path =
            std::env::var("SCORECARD_AXE").ok().or(cached.ok().filter(|p| Path::new(p).exists())).unwrap_or_else(
                || panic!("axe-core is not installed: run the tests with scripts/test, which installs it from npm"),
            );
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read axe-core at {path}: {e}"));
        self.client.execute(&source, vec![]).await.expect("inject axe-core");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
                    .then(r => done(r.passes.length < 10 ? ['axe checked only ' + r.passes.length + ' rules'] :
                        r.violations.map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))))
                    .catch(e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("run axe-core");
        serde_json::from_value(result).expect("violations are strings")
    }
}
