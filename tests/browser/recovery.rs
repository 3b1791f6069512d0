//! Failures a person can recover from (issue 17): a local fault server answers the
//! bundle with a 404, a 500, an intranet's sign-in page, a file cut short on the server, a
//! connection dropped part way, no answer at all, or a 15-second pause. Each test checks
//! the words a person sees, the technical detail kept in "Details", and that "Try again"
//! opens the scorecard once the server answers properly, without reloading the page and
//! with the address's filters still applied.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use scorecard_explorer::bundle::arrival::{amount, Arrival};

use crate::harness::{bundle, expected_count, repo_file, run, Browser, Site};

const RIVERSIDE: &str = "tests/bundles/riverside.json";
const FILTERS: &str = "rag=red,amber";

/// How the fault server answers, switched by the test.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Fault {
    Good,
    NotFound,
    ServerError,
    SignIn,
    /// A file cut short on the server (a failed upload): its first half, sent whole
    /// with a `Content-Length` of that half.
    CutShortFile,
    /// `Content-Length` of the whole bundle, half of it sent, then the connection closes.
    Dropped,
    /// The connection closes before any answer.
    NoAnswer,
    /// Half the bundle at once, the rest 15 seconds later.
    Slow,
}

/// A server on another origin (allowed by the app's settings) that answers the bundle
/// as its `fault` says, writing raw HTTP so a connection can end anywhere.
struct FaultServer {
    addr: SocketAddr,
    fault: Arc<Mutex<Fault>>,
    /// Requests answered so far.
    asked: Arc<Mutex<usize>>,
}

impl FaultServer {
    fn start(fault: Fault) -> FaultServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a free port");
        let addr = listener.local_addr().unwrap();
        let fault = Arc::new(Mutex::new(fault));
        let asked = Arc::new(Mutex::new(0));
        let (f, a) = (fault.clone(), asked.clone());
        let body = repo_file(RIVERSIDE);
        // Ends with the test process; each connection is answered on its own thread.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (fault, asked, body) = (*f.lock().unwrap(), a.clone(), body.clone());
                std::thread::spawn(move || answer(stream, fault, &body, &asked));
            }
        });
        FaultServer { addr, fault, asked }
    }

    fn set(&self, fault: Fault) {
        *self.fault.lock().unwrap() = fault;
    }

    fn asked(&self) -> usize {
        *self.asked.lock().unwrap()
    }

    fn origin(&self) -> String {
        format!("http://{}", self.addr)
    }
}

fn answer(mut stream: TcpStream, fault: Fault, body: &[u8], asked: &Mutex<usize>) {
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    *asked.lock().unwrap() += 1;
    let half = body.len() / 2;
    let reply = |status: &str, kind: &str, length: Option<usize>| {
        let length = length.map(|n| format!("Content-Length: {n}\r\n")).unwrap_or_default();
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\n{length}Access-Control-Allow-Origin: *\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n"
        )
        .into_bytes()
    };
    let page =
        |status: &str, html: &str| [reply(status, "text/html; charset=utf-8", Some(html.len())), html.into()].concat();
    let _ = match fault {
        Fault::Good => stream.write_all(&[reply("200 OK", "application/json", Some(body.len())), body.to_vec()].concat()),
        Fault::NotFound => stream.write_all(&page("404 Not Found", "<!doctype html><title>Not found</title><h1>Not found</h1>")),
        Fault::ServerError => stream.write_all(&page("500 Internal Server Error", "<h1>Internal Server Error</h1>")),
        Fault::SignIn => stream.write_all(&page(
            "200 OK",
            "<!doctype html><html><head><title>Sign in to the intranet</title></head><body><form><input name=user></form></body></html>",
        )),
        Fault::CutShortFile => {
            stream.write_all(&[reply("200 OK", "application/json", Some(half)), body[..half].to_vec()].concat())
        }
        Fault::Dropped => {
            let _ = stream.write_all(&[reply("200 OK", "application/json", Some(body.len())), body[..half].to_vec()].concat());
            let _ = stream.flush();
            std::thread::sleep(Duration::from_millis(300));
            stream.shutdown(std::net::Shutdown::Both)
        }
        Fault::NoAnswer => stream.shutdown(std::net::Shutdown::Both),
        Fault::Slow => {
            let _ = stream.write_all(&[reply("200 OK", "application/json", Some(body.len())), body[..half].to_vec()].concat());
            let _ = stream.flush();
            std::thread::sleep(Duration::from_secs(15));
            stream.write_all(&body[half..])
        }
    };
}

/// The app's own site, whose settings allow bundles from the fault server.
fn site(faults: &FaultServer) -> Site {
    Site::new().file("/explorer-config.json", format!(r#"{{"allowed_origins": ["{}"]}}"#, faults.origin()))
}

fn address(faults: &FaultServer) -> String {
    format!("/?bundle={}/board.json&{FILTERS}", faults.origin())
}

/// The alert's headline once the failure shows.
async fn headline(page: &Browser) -> String {
    page.text("[role=alert] .failure-headline").await
}

/// Opens the page while the server fails with `fault`, checks that the person reads
/// `words` with the technical `detail` tucked into a closed "Details", then heals the
/// server and checks that "Try again" opens the scorecard in place, filters kept.
async fn fails_then_recovers(fault: Fault, words: &str, detail: &str) {
    let (words, detail) = (words.to_string(), detail.to_string());
    let faults = FaultServer::start(fault);
    let b = bundle(RIVERSIDE);
    let (n, total) = expected_count(&b, FILTERS);
    run(site(&faults), |page| async move {
        page.open(&address(&faults)).await;
        let said = headline(&page).await;
        assert!(said.starts_with(&words), "{fault:?}: the person reads {said:?}");
        assert!(
            !said.contains("JSON") && !said.contains("TypeError"),
            "{fault:?}: no technical words up front: {said}"
        );
        assert_eq!(page.text("[role=alert] details summary").await, "Details");
        assert_eq!(page.js("return document.querySelector('[role=alert] details').open").await, false);
        let hidden = page.js("return document.querySelector('[role=alert] details ul').textContent").await;
        let hidden = hidden.as_str().unwrap();
        assert!(hidden.contains(&faults.origin()) && hidden.contains(&detail), "{fault:?}: details {hidden:?}");
        let before = faults.asked();
        page.js("window.notReloaded = true").await;
        faults.set(Fault::Good);
        page.wait_for("button.retry").await.click().await.unwrap();
        page.until_count(n, total).await;
        assert!(faults.asked() > before, "the bundle was fetched again");
        assert_eq!(page.js("return window.notReloaded === true").await, true, "the page was not reloaded");
        assert!(page.query().await.contains(FILTERS), "the filters stay in the address");
    })
    .await;
}

#[tokio::test]
async fn a_missing_bundle_says_there_is_no_scorecard_at_this_address() {
    fails_then_recovers(Fault::NotFound, "No scorecard at this address.", "404 Not Found").await;
}

#[tokio::test]
async fn a_server_error_says_the_server_may_be_busy() {
    fails_then_recovers(Fault::ServerError, "The server answered 500: it may be busy.", "500 Internal Server Error")
        .await;
}

#[tokio::test]
async fn a_sign_in_page_says_to_sign_in_to_the_intranet() {
    fails_then_recovers(
        Fault::SignIn,
        "The server returned a web page, not a scorecard: you may need to sign in to the intranet first.",
        "text/html",
    )
    .await;
}

/// A file the server sends whole but whose JSON stops part way (a failed upload) is the
/// file's fault, not the network's: the person is told where it ends and who can mend
/// it, and offered no "Try again", which would fetch the same bytes.
#[tokio::test]
async fn a_file_cut_short_on_the_server_says_to_upload_it_again_not_to_try_again() {
    let file = repo_file(RIVERSIDE);
    let half = &file[..file.len() / 2];
    let text = String::from_utf8_lossy(half);
    let (line, column) = (text.matches('\n').count() + 1, text.rsplit('\n').next().unwrap().chars().count());
    let faults = FaultServer::start(Fault::CutShortFile);
    run(site(&faults), |page| async move {
        page.open(&address(&faults)).await;
        let said = headline(&page).await;
        assert!(said.starts_with("The scorecard file on the server is incomplete"), "{said}");
        assert!(said.contains(&format!("line {line}, column {column} ({})", amount(half.len() as u64))), "{said}");
        assert!(said.contains("upload it again") && !said.contains("connection"), "{said}");
        assert_eq!(page.count("button.retry").await, 0, "trying again would fetch the same bytes");
        let hidden = page.js("return document.querySelector('[role=alert] details ul').textContent").await;
        assert!(hidden.as_str().unwrap().contains(&format!("Received: {} bytes", half.len())), "{hidden}");
        assert_eq!(page.axe_violations().await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn a_connection_dropped_part_way_says_how_much_arrived() {
    let len = repo_file(RIVERSIDE).len() as u64;
    let words = format!("The connection dropped after {} of {}", amount(len / 2), amount(len));
    let detail = format!("{} bytes of the {len} the server announced", len / 2);
    fails_then_recovers(Fault::Dropped, &words, &detail).await;
}

#[tokio::test]
async fn no_answer_says_the_server_could_not_be_reached() {
    fails_then_recovers(Fault::NoAnswer, "The server could not be reached.", "Failed to fetch").await;
}

#[tokio::test]
async fn the_failure_view_passes_axe() {
    let faults = FaultServer::start(Fault::ServerError);
    run(site(&faults), |page| async move {
        page.open(&address(&faults)).await;
        headline(&page).await;
        page.js("document.querySelector('[role=alert] details').open = true").await;
        assert_eq!(page.axe_violations().await, Vec::<String>::new());
    })
    .await;
}

#[tokio::test]
async fn a_slow_bundle_says_how_much_has_arrived_then_opens() {
    let faults = FaultServer::start(Fault::Slow);
    let len = repo_file(RIVERSIDE).len() as u64;
    let half = Arrival { received: len / 2, total: Some(len) };
    let b = bundle(RIVERSIDE);
    let (n, total) = expected_count(&b, FILTERS);
    run(site(&faults), |page| async move {
        page.open(&address(&faults)).await;
        let started = Instant::now();
        page.wait_for("[role=status]").await;
        tokio::time::sleep(Duration::from_secs(3)).await;
        assert_eq!(page.text(".still-loading").await, "", "nothing said about progress in the first seconds");
        let notice = loop {
            let text =
                page.js("const e = document.querySelector('.still-loading'); return e ? e.textContent : ''").await;
            let text = text.as_str().unwrap().to_string();
            if !text.is_empty() {
                break text;
            }
            assert!(started.elapsed() < Duration::from_secs(14), "no progress notice after 14 s");
            tokio::time::sleep(Duration::from_millis(200)).await;
        };
        assert!(started.elapsed() >= Duration::from_secs(9), "the notice waits about 10 s");
        assert_eq!(notice, half.notice());
        assert!(notice.starts_with(&format!("Still loading ({} so far)", amount(len / 2))), "{notice}");
        let value = page
            .js("const p = document.querySelector('.loading progress:not(.hidden)'); return p && [p.value, p.max]")
            .await;
        assert_eq!(value, serde_json::json!([half.percent().unwrap(), 100]), "a progress bar of the bytes");
        // The rest arrives at 15 s: the scorecard opens with its filters.
        let opened = Instant::now();
        loop {
            let count =
                page.js("const e = document.querySelector('[data-result-count]'); return e ? e.textContent : ''").await;
            if count.as_str().unwrap().starts_with(&format!("{n} of {total} ")) {
                break;
            }
            assert!(opened.elapsed() < Duration::from_secs(15), "the scorecard did not open once the rest arrived");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        assert_eq!(page.count(".loading").await, 0);
    })
    .await;
}
