//! Why a bundle did not arrive: each kind of failure is told apart from the server's
//! answer, and said in words a person can act on, with the technical detail kept apart.

use scorecard_explorer::bundle::arrival::{
    amount, check_response, ends_part_way, Arrival, Body, Ended, FetchFailure, STALL_SECONDS,
};
use scorecard_explorer::bundle::load::{self, MAX_BYTES};
use scorecard_explorer::bundle::stepwise::{Loader, Sizes};

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
    // Decided from the bytes' structure, never from a message's words.
    let cut = |bytes: &[u8]| load::load(bytes).is_err() && ends_part_way(bytes);
    // The file ends "}\n": a cut before its closing brace.
    for at in [1, GOOD.len() / 3, GOOD.len() / 2, GOOD.len() - 2] {
        assert!(cut(&GOOD[..at]), "cut at {at}");
    }
    assert!(!ends_part_way(GOOD), "the whole file ends where it should");
    assert!(cut(b""), "nothing at all arrived");
    assert!(cut("{\"title\": \"\u{e9}".as_bytes().split_last().unwrap().1), "a character cut in two");
    assert!(cut(br#"{"a": "a \" and a } in a string"#), "brackets in a string do not count");
    assert!(!cut(b"{\"a\": tru }"), "a syntax error is not a dropped connection");
    assert!(!cut(b"{} trailing"), "nor is text after the end");
    assert!(!cut(b"{\"a\": \"\xFF\"}"), "nor a byte that is not UTF-8");
    assert!(!cut(br#"{"format": "hwb-scorecard"}"#), "nor a bundle missing its fields");
    assert!(!cut(b"\xEF\xBB\xBF{\"format\": 1}"), "nor one after a byte order mark");
    // The stepped loader, which a fetched bundle goes through, refuses what is cut.
    let mut loader = Loader::with_sizes(GOOD[..GOOD.len() / 2].to_vec(), Sizes { one_step: 10, scan: 100, items: 2 });
    let loaded = loop {
        if let Some(done) = loader.step() {
            break done;
        }
    };
    assert!(loaded.is_err());
}

/// Feeds `bytes` to a body with these headers, in pieces of 1,000 bytes.
fn arrived(bytes: &[u8], length: Option<&str>, encoding: Option<&str>) -> Result<Body, FetchFailure> {
    let mut body = Body::new(length, encoding)?;
    for piece in bytes.chunks(1000) {
        body.take(piece)?;
    }
    Ok(body)
}

/// Where `bytes` end: 1-based line, and the characters on it.
fn end_of(bytes: &[u8]) -> (u64, u64) {
    let text = String::from_utf8_lossy(bytes);
    let line = text.matches('\n').count() as u64 + 1;
    (line, text.rsplit('\n').next().unwrap().chars().count() as u64)
}

#[test]
fn a_body_that_ends_as_it_should_but_stops_inside_its_json_is_a_file_cut_short() {
    let half = &GOOD[..GOOD.len() / 2];
    let (line, column) = end_of(half);
    let cut_short = FetchFailure::Incomplete { received: half.len() as u64, line, column };
    // A stream that ended as it should, with no size announced: everything the server
    // had arrived, so the file itself is cut short, and trying again cannot help.
    assert_eq!(arrived(half, None, None).unwrap().ended(), Ended::PartWay(cut_short.clone()));
    // The same when every byte the server announced arrived, and for a compressed body
    // (whose length counts other bytes).
    assert_eq!(arrived(half, Some(&half.len().to_string()), None).unwrap().ended(), Ended::PartWay(cut_short.clone()));
    assert_eq!(arrived(half, Some("10"), Some("gzip")).unwrap().ended(), Ended::PartWay(cut_short.clone()));
    assert!(!cut_short.may_pass(), "no Try again");
    let words = cut_short.headline();
    assert!(words.contains("incomplete") && words.contains("upload it again"), "{words}");
    assert!(words.contains(&format!("line {line}, column {column}")), "{words}");
    assert!(!words.contains("connection"), "not the network's fault: {words}");
    // Short of the announced length: the connection dropped, and trying again may help.
    let length = GOOD.len().to_string();
    let short = arrived(half, Some(&length), None).unwrap().ended();
    let Ended::PartWay(dropped) = short else { panic!("a body short of its length ends part way") };
    assert!(matches!(dropped, FetchFailure::Dropped { total: Some(_), .. }), "{dropped:?}");
    assert!(dropped.may_pass() && dropped.headline().contains("connection dropped"));
    assert_eq!(arrived(GOOD, Some(&length), None).unwrap().ended(), Ended::Whole);
    assert_eq!(arrived(GOOD, None, None).unwrap().ended(), Ended::Whole);
    // Lines and columns count characters, not bytes.
    let accented = "{\n  \"title\": \"Caf\u{e9} \u{e9}";
    assert_eq!(
        arrived(accented.as_bytes(), None, None).unwrap().ended(),
        Ended::PartWay(FetchFailure::Incomplete { received: accented.len() as u64, line: 2, column: 18 })
    );
    // A connection that fails part way says how much of how much arrived.
    let mut body = Body::new(Some(&length), None).unwrap();
    body.take(half).unwrap();
    assert_eq!(
        body.dropped("TypeError: network error".into()),
        FetchFailure::Dropped {
            received: half.len() as u64,
            total: Some(GOOD.len() as u64),
            detail: "TypeError: network error".into()
        }
    );
    assert_eq!(body.stalled(), FetchFailure::Stalled { seconds: STALL_SECONDS, received: half.len() as u64 });
}

#[test]
fn a_server_that_sends_nothing_for_the_stall_time_is_given_up() {
    let stall = f64::from(STALL_SECONDS);
    let mut body = Body::new(None, None).unwrap();
    // Half the time quiet, then a piece: the wait starts again.
    for _ in 0..10 {
        body.tick(stall / 20.0).unwrap();
    }
    body.take(b"{").unwrap();
    for _ in 0..19 {
        body.tick(stall / 20.0).unwrap();
    }
    body.take(b"\"a\"").unwrap();
    // The tick that hears a piece starts the wait again.
    body.tick(stall).unwrap();
    body.tick(stall / 2.0).unwrap();
    body.tick(stall / 4.0).unwrap();
    assert_eq!(body.tick(stall / 4.0), Err(FetchFailure::Stalled { seconds: STALL_SECONDS, received: 4 }));
    // Nothing at all, from the start.
    assert!(Body::default().tick(stall).is_err());
}

#[test]
fn reading_stops_past_the_largest_bundle() {
    let limit = MAX_BYTES as u64;
    let too_large = FetchFailure::TooLarge { limit };
    // Announced too large: refused before a byte is read.
    assert_eq!(Body::new(Some(&(limit + 1).to_string()), None).unwrap_err(), too_large);
    assert!(Body::new(Some(&limit.to_string()), None).is_ok());
    // Announced or not, the count stops it.
    let mut body = Body::new(None, None).unwrap();
    let piece = vec![b' '; 1 << 20];
    for _ in 0..MAX_BYTES >> 20 {
        body.take(&piece).unwrap();
    }
    assert_eq!(body.take(b" "), Err(too_large));
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
