//! Why a bundle did not arrive: each kind of failure is told apart from the server's
//! answer, and said in words a person can act on, with the technical detail kept apart.

use scorecard_explorer::bundle::fetch::{amount, check_response, cut_short, Arrival, FetchFailure};
use scorecard_explorer::bundle::load;
use scorecard_explorer::bundle::loader::{Loader, Sizes};

const GOOD: &[u8] = include_bytes!("bundles/riverside.json");

#[test]
fn a_json_success_is_accepted() {
    assert_eq!(check_response(200, "OK", "application/json", GOOD), Ok(()));
    // Servers that call JSON text or nothing at all are not refused for it.
    assert_eq!(check_response(200, "OK", "text/plain", b"\xEF\xBB\xBF {\"format\": 1}"), Ok(()));
    assert_eq!(check_response(200, "", "", b"{}"), Ok(()));
}

#[test]
fn statuses_are_told_apart() {
    let status = |code: u16, text: &str| check_response(code, text, "text/html", b"<html>").unwrap_err();
    let missing = status(404, "Not Found");
    assert_eq!(missing, FetchFailure::Status { status: 404, status_text: "Not Found".into() });
    assert_eq!(missing.headline(), "No scorecard at this address.");
    let busy = status(500, "Internal Server Error").headline();
    assert!(busy.starts_with("The server answered 500: it may be busy"), "{busy}");
    assert!(status(503, "").headline().starts_with("The server answered 503: it may be busy"));
    assert!(status(403, "Forbidden").headline().contains("sign in"));
    assert!(status(418, "").headline().starts_with("The server answered 418"));
    assert!(status(500, "Internal Server Error")
        .details("b.json")
        .contains(&"HTTP status: 500 Internal Server Error".into()));
}

#[test]
fn a_web_page_where_the_scorecard_should_be_is_named_as_such() {
    let page = b"<!doctype html><title>Sign in</title>";
    let by_type = check_response(200, "OK", "text/html; charset=utf-8", b"{}").unwrap_err();
    let by_body = check_response(200, "OK", "application/json", b"\n  <!doctype html>").unwrap_err();
    let by_both = check_response(200, "OK", "text/html", page).unwrap_err();
    for failure in [by_type, by_body, by_both] {
        assert!(matches!(failure, FetchFailure::WebPage { status: 200, .. }), "{failure:?}");
        assert_eq!(
            failure.headline(),
            "The server returned a web page, not a scorecard: you may need to sign in to the intranet first."
        );
    }
}

#[test]
fn a_body_cut_short_is_told_from_bad_json() {
    let cut = |bytes: &[u8]| cut_short(&load(bytes).unwrap_err());
    // The file ends "}\n": a cut before its closing brace.
    for at in [1, GOOD.len() / 3, GOOD.len() / 2, GOOD.len() - 2] {
        assert!(cut(&GOOD[..at]), "cut at {at}");
    }
    assert!(cut(b""), "nothing at all arrived");
    assert!(cut("{\"title\": \"é".as_bytes().split_last().unwrap().1), "a character cut in two");
    assert!(!cut(b"{\"a\": tru }"), "a syntax error is not a dropped connection");
    assert!(!cut(b"{} trailing"), "nor is text after the end");
    assert!(!cut(b"{\"a\": \"\xFF\"}"), "nor a byte that is not UTF-8");
    assert!(!cut(br#"{"format": "hwb-scorecard"}"#), "nor a bundle missing its fields");
    // The stepped loader, which a fetched bundle goes through, finds the same.
    let mut loader = Loader::with_sizes(GOOD[..GOOD.len() / 2].to_vec(), Sizes { one_step: 10, scan: 100, items: 2 });
    let loaded = loop {
        if let Some(done) = loader.step() {
            break done;
        }
    };
    assert!(cut_short(&loaded.unwrap_err()));
}

#[test]
fn a_dropped_connection_says_how_much_arrived() {
    let dropped = FetchFailure::Dropped { received: 20 * 1024, total: Some(40 * 1024), detail: "network error".into() };
    assert_eq!(dropped.headline(), "The connection dropped after 20 KB of 40 KB, before the whole scorecard arrived.");
    let details = dropped.details("https://x/b.json");
    assert_eq!(details[0], "Address: https://x/b.json");
    assert!(details.iter().any(|d| d.contains("20480 bytes of the 40960")), "{details:?}");
    let unknown = FetchFailure::Dropped { received: 3000, total: None, detail: String::new() };
    assert_eq!(unknown.headline(), "The connection dropped after 2 KB, before the whole scorecard arrived.");
}

#[test]
fn other_failures_have_their_words() {
    let unreachable = FetchFailure::Unreachable { detail: "TypeError: Failed to fetch".into() };
    assert!(unreachable.headline().starts_with("The server could not be reached"));
    assert!(unreachable.details("u").iter().any(|d| d.contains("Failed to fetch")), "the browser's words are kept");
    assert!(FetchFailure::Stalled { seconds: 20, received: 0 }.headline().contains("sent nothing for 20 seconds"));
    assert!(FetchFailure::TooLarge { limit: 64 << 20 }.headline().contains("64.0 MB"));
}

#[test]
fn a_slow_download_says_how_far_it_has_got() {
    let known = Arrival { received: 20 * 1024, total: Some(80 * 1024) };
    assert_eq!(known.notice(), "Still loading (20 KB so far): 25% of 80 KB");
    assert_eq!(known.percent(), Some(25));
    let unknown = Arrival { received: 512, total: None };
    assert_eq!(unknown.notice(), "Still loading (512 bytes so far)");
    assert_eq!(Arrival { received: 10, total: Some(0) }.percent(), None, "no division by nothing");
    assert_eq!(amount(15 << 20), "15.0 MB");
}
