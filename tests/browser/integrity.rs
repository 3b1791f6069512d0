//! Every script and wasm the page runs is checked against the hash the build wrote
//! (scripts/finish-dist.sh), the workbook converter's included: a file changed after the
//! build never runs, on any of many loads, and the page says so: the crash page
//! (static/crash.js) for the explorer's files, the publish page's problem list for the
//! converter's, never a forged preview. A converter that crashes, or never starts, is told
//! in words too, never "Loading the scorecard…" for ever.

use std::path::Path;
use std::time::{Duration, Instant};

use scorecard_explorer::workbook::job::{Stopped, START_SECONDS};

use crate::harness::{dist, forced_panic_dist, repo_file, run, Browser, Site};
use crate::workbook::{drop_script, lambeth_smoking, SMOKING};

/// Loads of the page for each changed file: the review saw a changed script run on 7
/// loads of 8, and a blank page on the others.
const LOADS: usize = 8;

/// The one file of the build in `dir` whose name `matches`.
fn built_file(dir: &Path, matches: impl Fn(&str) -> bool) -> String {
    let names: Vec<String> = std::fs::read_dir(dir)
        .expect("read the build's folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| matches(n))
        .collect();
    assert_eq!(names.len(), 1, "expected one such file in {}: {names:?}", dir.display());
    names[0].clone()
}

fn explorer_wasm() -> String {
    built_file(&dist(), |n| n.starts_with("scorecard-explorer-") && n.ends_with("_bg.wasm"))
}

fn converter_script() -> String {
    built_file(&dist(), |n| n.starts_with("workbook-worker-") && n.ends_with(".js"))
}

fn converter_wasm() -> String {
    built_file(&dist(), |n| n.starts_with("workbook-worker-") && n.ends_with("_bg.wasm"))
}

/// The built file as an attacker would change it: a script that marks the page when it
/// runs, or a wasm with one bit changed.
fn changed(name: &str) -> Vec<u8> {
    let mut bytes = std::fs::read(dist().join(name)).expect("read the built file");
    if name.ends_with(".js") {
        bytes.extend_from_slice(b"\n;self.changedFileRan = true;\n");
    } else {
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
    }
    bytes
}

/// Serves `name` changed and loads the page again and again: each load ends on the crash
/// page (above the built page's first view, at the address without a query, which then
/// stays readable), the app never starts, and the changed file never runs.
async fn refused_on_every_load(name: String) {
    let site = Site::new().file(&format!("/{name}"), changed(&name));
    run(site, |page| async move {
        for load in 1..=LOADS {
            let path = if load % 2 == 0 { "/" } else { "/?period=2018-10" };
            page.open(path).await;
            page.until(
                &format!("load {load} of {path} with {name} changed ends on the crash page"),
                "return !!document.querySelector('.se-crash, .se-crash-notice')",
            )
            .await;
            let seen = page
                .js("return { ran: self.changedFileRan === true, app: !!document.querySelector('body > .app'),
                              notice: !!document.querySelector('.se-crash-notice'),
                              copy: document.getElementById('se-prerendered')?.offsetHeight > 0,
                              detail: document.querySelector('.se-crash textarea, .se-crash-notice textarea').value }")
                .await;
            assert_eq!(seen["ran"], false, "load {load} of {path}: the changed {name} ran: {seen}");
            assert_eq!(seen["app"], false, "load {load} of {path}: the app started: {seen}");
            let first_view = path == "/";
            assert_eq!(seen["notice"], first_view, "load {load} of {path}: {seen}");
            assert_eq!(seen["copy"], first_view, "load {load} of {path}: the first view is readable: {seen}");
            assert!(seen["detail"].as_str().unwrap_or("").contains("starting the app"), "{seen}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_changed_start_js_never_runs_and_each_load_ends_on_the_crash_page() {
    refused_on_every_load("start.js".into()).await;
}

#[tokio::test]
async fn a_changed_crash_js_never_runs_and_each_load_ends_on_the_crash_page() {
    refused_on_every_load("crash.js".into()).await;
}

#[tokio::test]
async fn a_changed_wasm_never_runs_and_each_load_ends_on_the_crash_page() {
    refused_on_every_load(explorer_wasm()).await;
}

#[tokio::test]
async fn the_app_starts_when_crash_js_comes_after_the_page_was_read() {
    // start.js runs as soon as it arrives; crash.js, deferred, runs once the page has been
    // read. start.js arriving between the two must wait for crash.js, not take it for refused.
    let mut site = Site::new();
    site.delays.insert("/crash.js".into(), Duration::from_millis(1500));
    run(site, |page| async move {
        for load in 1..=3 {
            page.open("/?period=2018-10").await;
            page.wait_for("body > .app [data-result-count]").await;
            assert_eq!(page.count(".se-crash, .se-crash-notice").await, 0, "load {load}: a crash page");
        }
    })
    .await;
}

#[tokio::test]
async fn the_page_imports_no_script_that_is_not_checked() {
    // The app's code is in the two checked scripts: start.js has no `import` of a file of
    // its own (an import carries no integrity), and no other script or module is linked.
    let dist = dist();
    let start = std::fs::read_to_string(dist.join("start.js")).unwrap();
    assert!(!start.lines().any(|l| l.trim_start().starts_with("import ")), "start.js imports a file");
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let scripts: Vec<&str> = index.split("<script").skip(1).map(|s| s.split('>').next().unwrap()).collect();
    assert_eq!(scripts.len(), 2, "{scripts:?}");
    assert!(scripts.iter().all(|s| s.contains(" integrity=\"sha384-")), "{scripts:?}");
    assert!(!index.contains("modulepreload"), "no module is preloaded beside them");
}

/// Drops a workbook and a Fingertips export on the page, `loads` times, and returns each
/// time what the page then says: its problem list, once the conversion has ended.
async fn dropped_and_told(page: &Browser, paths: &[String], loads: usize, wait: Duration) -> Vec<String> {
    let mut told = Vec::new();
    for _ in 0..loads {
        page.open("/").await;
        page.wait_for("body > .app [data-result-count]").await;
        let dropped = page.client.execute_async(&drop_script(paths), vec![]).await.unwrap();
        assert_eq!(dropped, serde_json::Value::Bool(true), "{dropped}");
        let start = Instant::now();
        loop {
            let text = page
                .js("const p = document.querySelector('[role=alert] .problem-list'); return p ? p.textContent : ''")
                .await;
            let text = text.as_str().unwrap_or("").to_string();
            let board = page.js("return document.querySelector('body > .app h1.board-name')?.textContent ?? ''").await;
            assert!(!board.as_str().unwrap_or("").contains("FORGED"), "a forged preview: {board}");
            if !text.is_empty() {
                assert_eq!(page.count(".loading").await, 0, "still loading beside the message");
                told.push(text);
                break;
            }
            assert!(start.elapsed() < wait, "no word from the converter after {wait:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    told
}

/// A converter script changed to forge a preview, as the review's did: were it run, it
/// would answer every conversion with a bundle of its own.
fn forging_converter() -> Vec<u8> {
    let bundle = String::from_utf8(repo_file("bundles/somerset.json")).unwrap();
    let forged = bundle.replace("Somerset Health and Wellbeing Board", "FORGED BY TAMPERED WORKER");
    let mut bytes = std::fs::read(dist().join(converter_script())).unwrap();
    bytes.extend(
        format!(
            "\nself.postMessage('ready');\nself.onmessage = () => self.postMessage(['forged.xlsx', {}, []]);\n",
            serde_json::to_string(&forged).unwrap()
        )
        .into_bytes(),
    );
    bytes
}

async fn converter_refused(name: String, bytes: Vec<u8>) {
    let (site, paths) = lambeth_smoking(Site::new(), "/", SMOKING);
    let site = site.file(&format!("/{name}"), bytes);
    run(site, |page| async move {
        for told in dropped_and_told(&page, &paths, LOADS / 2, Duration::from_secs(20)).await {
            assert!(told.contains(&Stopped::Altered.message()), "{name}: {told}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_changed_converter_script_never_runs_and_the_publish_page_says_so() {
    converter_refused(converter_script(), forging_converter()).await;
}

#[tokio::test]
async fn a_changed_converter_wasm_never_runs_and_the_publish_page_says_so() {
    let name = converter_wasm();
    converter_refused(name.clone(), changed(&name)).await;
}

#[tokio::test]
async fn a_converter_that_crashes_is_told_not_waited_for() {
    // The test build's converter panics on a file of this name (`forced-panic` feature).
    let (site, mut paths) = lambeth_smoking(Site::new(), "/", SMOKING);
    let mut site = site.file("/drop/forced-panic.csv", "id\n1\n");
    site.dist = Some(forced_panic_dist());
    paths.push("/drop/forced-panic.csv".into());
    run(site, |page| async move {
        for told in dropped_and_told(&page, &paths, 2, Duration::from_secs(20)).await {
            assert!(told.contains(&Stopped::Crashed.message()), "{told}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_converter_that_never_starts_is_given_up_with_words() {
    let (mut site, paths) = lambeth_smoking(Site::new(), "/", SMOKING);
    site.stalls.push(format!("/{}", converter_wasm()));
    run(site, |page| async move {
        let wait = Duration::from_secs(u64::from(START_SECONDS) + 20);
        for told in dropped_and_told(&page, &paths, 1, wait).await {
            assert!(told.contains(&Stopped::NoStart.message()), "{told}");
        }
    })
    .await;
}
