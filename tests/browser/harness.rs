//! What every browser test needs: the real optimised `dist/` served on 127.0.0.1 on a
//! free port, and a browser driven through WebDriver: headless Chromium (chromedriver) by
//! default, or Firefox (geckodriver) or WebKit (WebKitWebDriver) as `SCORECARD_BROWSER`
//! says. Each test gets its own server, driver and browser, so tests run in parallel
//! without clashes.

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
    /// Chromium's extra command-line switches (`--js-flags=--jitless`: no WebAssembly).
    pub chromium_args: Vec<String>,
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
            page_probe: Engine::chosen() != Engine::Chromium,
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
    /// Whether pages get [`PAGE_PROBE`]: for engines whose WebDriver cannot read the
    /// browser's console.
    page_probe: bool,
}

/// Where the page probe is served, and the script itself. It keeps what the console
/// would show (errors, warnings, messages, failed loads and policy violations) in
/// `window.__seConsole`, for [`Browser::console`]; it is the page's first script, so it
/// sees the app's start, though not a worker's console. And it keeps a copy of each file
/// the page offers as a download (a blob link clicked) in `window.__seDownloads`, for
/// [`Browser::downloaded`] in WebKit, whose MiniBrowser saves no downloads.
const PAGE_PROBE_PATH: &str = "/__se-probe.js";
const PAGE_PROBE: &str = "(() => {
  const log = window.__seConsole = [];
  const note = (level, message) => log.push([level, String(message)]);
  addEventListener('error', e => note('SEVERE', e.message || 'failed to load ' + ((e.target && (e.target.src || e.target.href)) || 'a resource')), true);
  addEventListener('unhandledrejection', e => note('SEVERE', 'Uncaught (in promise) ' + ((e.reason && e.reason.stack) || e.reason)));
  document.addEventListener('securitypolicyviolation', e => note('SEVERE', 'Content Security Policy: refused ' + e.blockedURI + ' (' + e.violatedDirective + ')'));
  for (const [name, level] of [['error', 'SEVERE'], ['warn', 'WARNING'], ['info', 'INFO'], ['log', 'INFO'], ['debug', 'DEBUG']]) {
    const original = console[name];
    console[name] = function (...args) { note(level, args.join(' ')); return original.apply(this, args); };
  }
  const downloads = window.__seDownloads = [];
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download && this.href.startsWith('blob:')) {
      const name = this.download;
      fetch(this.href).then(r => r.arrayBuffer()).then(b => downloads.push([name, Array.from(new Uint8Array(b))]));
    }
    return click.apply(this, arguments);
  };
})();";

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
        let (status, mut body) = match body {
            Some(bytes) => ("200 OK", bytes),
            None if self.page_probe && path == PAGE_PROBE_PATH => ("200 OK", PAGE_PROBE.as_bytes().to_vec()),
            None => ("404 Not Found", b"not found".to_vec()),
        };
        if self.page_probe && content_type(&path).starts_with("text/html") && status.starts_with("200") {
            body = with_page_probe(body);
        }
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

/// An HTML page with the page probe as its first script.
fn with_page_probe(html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{PAGE_PROBE_PATH}\"></script>");
    let at = html.windows(6).position(|w| w.eq_ignore_ascii_case(b"<head>")).map_or(0, |i| i + 6);
    [&html[..at], tag.as_bytes(), &html[at..]].concat()
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

/// The browser engine the tests drive, chosen by `SCORECARD_BROWSER`: `chromium` (the
/// default), `firefox` (Firefox ESR through geckodriver) or `webkit` (WebKitGTK's
/// MiniBrowser through WebKitWebDriver, which needs a display: run under `xvfb-run -a`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Engine {
    Chromium,
    Firefox,
    WebKit,
}

impl Engine {
    pub fn chosen() -> Engine {
        match std::env::var("SCORECARD_BROWSER").as_deref() {
            Err(_) | Ok("") | Ok("chromium") => Engine::Chromium,
            Ok("firefox") => Engine::Firefox,
            Ok("webkit") => Engine::WebKit,
            Ok(other) => panic!("SCORECARD_BROWSER={other:?}: say chromium, firefox or webkit"),
        }
    }

    fn driver(self) -> &'static str {
        match self {
            Engine::Chromium => "chromedriver",
            Engine::Firefox => "geckodriver",
            Engine::WebKit => "WebKitWebDriver",
        }
    }

    fn install(self) -> &'static str {
        match self {
            Engine::Chromium => "sudo apt-get install chromium chromium-driver",
            Engine::Firefox => "sudo apt-get install firefox-esr; cargo install --locked geckodriver",
            Engine::WebKit => "sudo apt-get install webkit2gtk-driver xvfb",
        }
    }

    /// The browser's program, found where Debian puts it.
    fn binary(self) -> PathBuf {
        let found = match self {
            Engine::Chromium => ["chromium", "chromium-browser", "google-chrome"].iter().find_map(|n| which(n)),
            Engine::Firefox => ["firefox-esr", "firefox"].iter().find_map(|n| which(n)),
            // MiniBrowser sits beside WebKitGTK's library, not on PATH.
            Engine::WebKit => std::fs::read_dir("/usr/lib")
                .into_iter()
                .flatten()
                .flatten()
                .flat_map(|arch| std::fs::read_dir(arch.path()).into_iter().flatten().flatten())
                .filter(|d| d.file_name().to_string_lossy().starts_with("webkit2gtk-"))
                .map(|d| d.path().join("MiniBrowser"))
                .filter(|p| p.is_file())
                .max(),
        };
        found.unwrap_or_else(|| {
            panic!("the {self:?} browser is not installed: run `{}` (scripts/test installs it)", self.install())
        })
    }
}

/// A WebDriver server (chromedriver, geckodriver or WebKitWebDriver) on a free port. It
/// runs in a process group of its own, killed whole when dropped: the browser it started
/// goes with it even when a session was never closed.
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(engine: Engine) -> Driver {
        use std::os::unix::process::CommandExt;
        let name = engine.driver();
        let exe = which(name).unwrap_or_else(|| {
            panic!("{name} is not installed: run `{}` (scripts/test installs it)", engine.install())
        });
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let mut command = Command::new(exe);
        match engine {
            // System access: the phone width's zoom is set from the browser's own side.
            Engine::Firefox => command.args(["--port", &port.to_string(), "--log", "fatal", "--allow-system-access"]),
            _ => command.arg(format!("--port={port}")),
        };
        let child = command
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("start {name}: {e}"));
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(start.elapsed() < Duration::from_secs(20), "{name} did not start listening on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // The whole group: the driver and the browser it started. (Through kill(2), not
        // the kill command: how that reads a negative pid varies, and a misread one can
        // signal every process.)
        if let Ok(group) = i32::try_from(self.child.id()) {
            if group > 1 {
                // SAFETY: kill(2) only sends a signal; the group is the driver's own, made
                // by `process_group(0)` when it was spawned.
                unsafe { libc::kill(-group, libc::SIGKILL) };
            }
        }
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
    pub engine: Engine,
    /// A folder of this browser's own, where downloads land.
    pub downloads: PathBuf,
    _profile: TempDir,
    driver: Driver,
}

/// A folder removed when dropped: a fresh browser profile per test.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The narrowest window headless Firefox makes, in CSS pixels.
const FIREFOX_MIN_WIDTH: u32 = 500;

/// The new session's capabilities: a headless (or, for WebKit, virtual-display) browser
/// with a fresh profile, whose downloads land in `profile`/downloads.
fn capabilities(
    engine: Engine,
    profile: &Path,
    width: u32,
    height: u32,
    extra: &[String],
) -> serde_json::Map<String, Value> {
    let binary = engine.binary();
    let downloads = profile.join("downloads");
    let caps = match engine {
        Engine::Chromium => {
            let mut caps = json!({
                "browserName": "chrome",
                "goog:loggingPrefs": { "browser": "ALL" },
                "goog:chromeOptions": {
                    "binary": binary,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-quic", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--force-device-scale-factor=1",
                        format!("--window-size={width},{height}"),
                        format!("--user-data-dir={}", profile.display()),
                    ]
                }
            });
            if let Some(args) = caps["goog:chromeOptions"]["args"].as_array_mut() {
                args.extend(extra.iter().map(|a| json!(a)));
            }
            if width < 500 {
                // Chromium will not make a desktop window this narrow: emulate a phone, at a
                // pixel ratio of 2 as most phones have.
                caps["goog:chromeOptions"]["mobileEmulation"] = json!({ "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "mobile": true, "touch": true } });
            }
            caps
        }
        // geckodriver makes the profile; the window is sized once the session runs.
        Engine::Firefox => json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": binary,
                "args": ["-headless", format!("--width={width}"), format!("--height={height}")],
                "prefs": {
                    // Downloads are saved to the test's folder without asking.
                    "browser.download.dir": downloads,
                    "browser.download.folderList": 2,
                    "browser.download.useDownloadDir": true,
                    "browser.download.always_ask_before_handling_new_types": false,
                    "browser.download.alwaysOpenPanel": false,
                    "browser.download.manager.showWhenStarting": false,
                    "browser.helperApps.neverAsk.saveToDisk": "text/csv,image/png,application/json,application/octet-stream",
                    "layout.css.devPixelsPerPx": "1.0",
                    // A zoom is the tab's, kept from page to page (the phone's, above).
                    "browser.zoom.siteSpecific": false,
                }
            }
        }),
        Engine::WebKit => json!({
            "browserName": "MiniBrowser",
            "webkitgtk:browserOptions": { "binary": binary, "args": ["--automation"] }
        }),
    };
    let Value::Object(caps) = caps else { unreachable!() };
    caps
}

impl Browser {
    pub async fn start(site: Site, width: u32, height: u32) -> Browser {
        let engine = Engine::chosen();
        let extra = site.chromium_args.clone();
        let server = Server::start(site);
        // WebKitWebDriver and geckodriver sometimes fail to start a browser on a loaded
        // machine: the session's start, and only that, is tried again.
        let mut tries = 0;
        let (driver, profile, client) = loop {
            let driver = Driver::start(engine);
            let profile =
                std::env::temp_dir().join(format!("scorecard-{engine:?}-{}-{}", std::process::id(), driver.port));
            std::fs::create_dir_all(profile.join("downloads")).expect("create the downloads folder");
            let caps = capabilities(engine, &profile, width, height, &extra);
            let started = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{}", driver.port))
                .await;
            match started {
                Ok(client) => break (driver, profile, client),
                Err(e) if tries < 2 => {
                    tries += 1;
                    eprintln!("{engine:?} session did not start ({e}); trying again");
                    drop(driver);
                    let _ = std::fs::remove_dir_all(&profile);
                }
                Err(e) => panic!("start a {engine:?} session through {}: {e}", engine.driver()),
            }
        };
        let downloads = profile.join("downloads");
        let browser = Browser { client, server, engine, downloads, _profile: TempDir(profile), driver };
        match engine {
            Engine::Chromium => {
                browser
                    .cdp(
                        "Browser.setDownloadBehavior",
                        json!({ "behavior": "allow", "downloadPath": browser.downloads }),
                    )
                    .await;
            }
            Engine::Firefox if width < FIREFOX_MIN_WIDTH => browser.emulate_phone(width, height).await,
            Engine::Firefox | Engine::WebKit => browser.size_viewport(width, height).await,
        }
        browser
    }

    /// A phone's screen in Firefox, whose headless window is at least 500 pixels wide:
    /// a window twice the phone's size, at a zoom of 2, which is the phone's width in CSS
    /// pixels at a pixel ratio of 2, as Chromium's phone emulation has.
    async fn emulate_phone(&self, width: u32, height: u32) {
        self.size_viewport(2 * width, 2 * height).await;
        self.driver_post("moz/context", json!({ "context": "chrome" })).await;
        self.js("FullZoom.setZoom(2)").await;
        self.driver_post("moz/context", json!({ "context": "content" })).await;
        let shown = self.js("return [innerWidth, devicePixelRatio]").await;
        assert_eq!(shown, json!([width, 2]), "Firefox's zoomed window is a {width}-pixel phone screen");
    }

    /// Sizes the window so that the page's viewport is `width` x `height` CSS pixels (the
    /// window's frame and toolbar added), or as near as the engine allows: WebKitGTK has
    /// no device emulation, and MiniBrowser's window is at least 447 px wide (its
    /// toolbar), so a phone test runs at 447 px there, still within every phone
    /// breakpoint of the stylesheet (the narrowest is 30rem, 480 px).
    async fn size_viewport(&self, width: u32, height: u32) {
        let (mut w, mut h) = (i64::from(width), i64::from(height));
        for _ in 0..3 {
            self.client.set_window_size(w as u32, h as u32).await.expect("set the window's size");
            let inner = self.js("return [innerWidth, innerHeight]").await;
            let (iw, ih) = (inner[0].as_i64().unwrap_or(0), inner[1].as_i64().unwrap_or(0));
            // Grown by what the frame takes; never shrunk below what was asked for,
            // which the engine's narrowest window already is.
            let next = (
                (w + i64::from(width) - iw).max(i64::from(width)),
                (h + i64::from(height) - ih).max(i64::from(height)),
            );
            if next == (w, h) {
                break;
            }
            (w, h) = next;
        }
    }

    /// Sends a DevTools command through chromedriver (emulated media, downloads):
    /// Chromium only.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        assert_eq!(self.engine, Engine::Chromium, "DevTools' {cmd} is Chromium's alone");
        self.driver_post("goog/cdp/execute", json!({ "cmd": cmd, "params": params })).await
    }

    /// The browser console's entries since the last call (level and message). Other
    /// engines than Chromium: the current page's, as its page probe kept them.
    pub async fn console(&self) -> Vec<(String, String)> {
        if self.engine != Engine::Chromium {
            let kept = self.js("return (window.__seConsole || []).splice(0)").await;
            return serde_json::from_value(kept).expect("the probe keeps [level, message] pairs");
        }
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

    /// POSTs a driver's extension command of this session (chromedriver's, geckodriver's);
    /// returns its `value`.
    async fn driver_post(&self, command: &str, body: Value) -> Value {
        use std::io::Write;
        let session = self.client.session_id().await.expect("session id").expect("a session");
        let body = body.to_string();
        let mut stream = TcpStream::connect(("127.0.0.1", self.driver.port)).expect("connect to the driver");
        write!(
            stream,
            "POST /session/{session}/{command} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len(),
            port = self.driver.port
        )
        .expect("send to the driver");
        // Read the head, then exactly Content-Length bytes: the driver may keep the
        // connection open.
        stream.set_read_timeout(Some(Duration::from_secs(30))).expect("set a read timeout");
        let mut raw = Vec::new();
        let mut buf = [0u8; 8192];
        let (head_end, length) = loop {
            let n = stream.read(&mut buf).expect("read the driver's answer");
            assert!(n > 0, "the driver closed the connection early");
            raw.extend_from_slice(&buf[..n]);
            if let Some(i) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&raw[..i]).to_ascii_lowercase();
                let length = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap()))
                    .expect("the driver sends a Content-Length");
                break (i + 4, length);
            }
        };
        while raw.len() < head_end + length {
            let n = stream.read(&mut buf).expect("read the driver's answer");
            assert!(n > 0, "the driver closed the connection early");
            raw.extend_from_slice(&buf[..n]);
        }
        let json = String::from_utf8_lossy(&raw[head_end..head_end + length]).into_owned();
        let value: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("the driver answered {json:?}: {e}"));
        // geckodriver answers an error with a value too, and no error status to go by.
        let value = value["value"].clone();
        assert!(value.get("error").is_none(), "{command}: the driver answered {value}");
        value
    }

    /// The page printed to PDF by WebDriver's print command, on A4 with the margins of
    /// the app's own print layout (its `@page` rule, in web/app.rs: 18 mm at the top,
    /// 15 mm elsewhere) and the backgrounds.
    pub async fn print_a4(&self) -> Vec<u8> {
        use fantoccini::wd::{PrintConfiguration, PrintMargins, PrintSize};
        let a4 = PrintConfiguration::builder()
            .size(PrintSize::A4)
            .margins(PrintMargins { top: 1.8, bottom: 1.5, left: 1.5, right: 1.5 })
            .background(true)
            .build()
            .expect("an A4 print");
        self.client.print(a4).await.unwrap_or_else(|e| panic!("print to PDF in {:?}: {e}", self.engine))
    }

    /// Waits (up to 15 s) for a finished download whose name ends with `suffix`: in the
    /// downloads folder, or in WebKit the page probe's copy of the file the page offered.
    pub async fn downloaded(&self, suffix: &str) -> (String, Vec<u8>) {
        let start = Instant::now();
        loop {
            let found = if self.engine == Engine::WebKit {
                let offered = self.js("return window.__seDownloads || []").await;
                let offered: Vec<(String, Vec<u8>)> = serde_json::from_value(offered).expect("[name, bytes] pairs");
                offered.into_iter().find(|(name, bytes)| name.ends_with(suffix) && !bytes.is_empty())
            } else {
                std::fs::read_dir(&self.downloads)
                    .expect("read downloads")
                    .filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .find(|p| p.to_string_lossy().ends_with(suffix))
                    .map(|path| {
                        (
                            path.file_name().unwrap().to_string_lossy().into_owned(),
                            std::fs::read(&path).expect("read the download"),
                        )
                    })
                    .filter(|(_, bytes)| !bytes.is_empty())
            };
            if let Some(file) = found {
                return file;
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
