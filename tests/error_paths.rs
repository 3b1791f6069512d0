//! The path a parse error is reported at, worked out from the text by
//! `locate::path_at`, is the one serde_path_to_error gives (the app used to parse with
//! it): for every test bundle, each good bundle cut short at many places, and bundles
//! with values of the wrong type, brackets and keys broken.

use scorecard_explorer::bundle::locate::path_at;
use scorecard_explorer::bundle::Bundle;
use serde::Deserialize;
use std::path::PathBuf;

fn files(dirs: &[&str]) -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in dirs {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            // The app reads text only (it says so first for other bytes).
            if let Ok(text) = String::from_utf8(bytes) {
                out.push((path.display().to_string(), text));
            }
        }
    }
    out.sort();
    out
}

/// The path serde_path_to_error gives, as the app read bundles before, or None when the
/// text parses.
fn reference(text: &str) -> Option<(String, serde_json::Error)> {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, Bundle>(&mut de) {
        Ok(_) => None,
        Err(e) => Some((e.path().to_string(), e.into_inner())),
    }
}

/// Checks one text; says whether it failed to parse.
fn same_path(name: &str, text: &str) -> bool {
    let plain = Bundle::deserialize(&mut serde_json::Deserializer::from_slice(text.as_bytes()));
    match (reference(text), plain) {
        (None, Ok(_)) => false,
        (Some((want, reference)), Err(e)) => {
            assert_eq!(
                (e.to_string(), e.classify()),
                (reference.to_string(), reference.classify()),
                "{name}: the errors differ"
            );
            assert_eq!(path_at(text, &e), want, "{name}: {e}\n{}", context(text, &e));
            true
        }
        (want, got) => panic!("{name}: one parse failed, the other not: {:?} / {:?}", want.map(|w| w.0), got.err()),
    }
}

/// The error's line, for the message.
fn context(text: &str, e: &serde_json::Error) -> String {
    text.lines().nth(e.line().saturating_sub(1)).unwrap_or("").chars().take(200).collect()
}

#[test]
fn every_test_bundle_has_the_same_path() {
    let mut failed = 0;
    for (name, text) in files(&["tests/bad", "tests/good", "tests/bundles", "bundles"]) {
        failed += usize::from(same_path(&name, &text));
    }
    assert!(failed >= 3, "some test bundles fail to parse ({failed})");
}

#[test]
fn a_bundle_cut_anywhere_has_the_same_path() {
    let mut checked = 0;
    for (name, text) in files(&["tests/good", "tests/bundles"]) {
        // Every place in a small bundle; about 3,000 places in a larger one.
        let step = (text.len() / 3000).max(1);
        for cut in (1..text.len()).step_by(step).filter(|&i| text.is_char_boundary(i)) {
            checked += usize::from(same_path(&format!("{name} cut at {cut}"), &text[..cut]));
        }
    }
    assert!(checked > 5000, "only {checked} cut bundles checked");
}

/// A small deterministic random sequence, so a failure is repeatable.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Byte ranges of every string, number and literal in `text` (valid JSON), and whether
/// a string is a key.
fn scalars(text: &str) -> Vec<(usize, usize, bool)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let start = i;
                i += 1;
                while b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                let rest = text[i..].trim_start();
                out.push((start, i, rest.starts_with(':')));
            }
            b'-' | b'0'..=b'9' | b't' | b'f' | b'n' => {
                let start = i;
                while i < b.len() && !b",]} \n\r\t".contains(&b[i]) {
                    i += 1;
                }
                out.push((start, i, false));
            }
            _ => i += 1,
        }
    }
    out
}

/// Values that stand in for one: of every type, some broken.
const REPLACEMENTS: &[&str] = &[
    "\"word\"",
    "\"\"",
    "1",
    "-2.5e3",
    "1e400",
    "99999999999999999999",
    "true",
    "null",
    "[]",
    "{}",
    "[1, \"a\"]",
    "{\"a\": 1}",
    "[\"x\", \"y\", [1 2]]",
    "{\"x\": [1,]}",
    "01",
    "1.",
    "-",
    "tru",
    "nul l",
    "\"a\\qb\"",
    "\"\\ud800\"",
    "\"\\udc00x\"",
    "\"tab\there\"",
    "[",
    "{",
    "\"",
    "[1,]",
    "{\"a\":1,}",
    "{1: 2}",
    "{\"a\" 1}",
    "[{\"date\": 5}]",
    "{\"date\": {\"nested\": [1, {\"deep\": tru}]}}",
];

/// Bits of text put anywhere.
const INSERTS: &[&str] = &[",", "}", "]", "[", "{", "\"", ":", "x", "\\", " 1", "\"k\": ", "\u{1}", "\"\\u12G4\""];

#[test]
fn a_bundle_with_values_changed_has_the_same_path() {
    let mut rng = Lcg(20240331);
    let mut checked = 0;
    for (name, text) in files(&["tests/good", "tests/bundles"]) {
        let spans = scalars(&text);
        for (n, &(start, end, key)) in spans.iter().enumerate() {
            // Every value of a small bundle with a few replacements; a sample of a larger one.
            if spans.len() > 800 && rng.below(spans.len() / 400) != 0 {
                continue;
            }
            for _ in 0..4 {
                let with = if key {
                    ["\"id\"", "\"id2\"", "\"a\\\"b\"", "\"\\u0069d\"", "1", "\"\\ud800\"", "\"unknown\""][rng.below(7)]
                } else {
                    REPLACEMENTS[rng.below(REPLACEMENTS.len())]
                };
                let changed = format!("{}{}{}", &text[..start], with, &text[end..]);
                checked += usize::from(same_path(&format!("{name} value {n} as {with}"), &changed));
            }
        }
    }
    assert!(checked > 1000, "only {checked} changed bundles checked");
}

#[test]
fn a_bundle_with_text_inserted_or_removed_has_the_same_path() {
    let mut rng = Lcg(7);
    let mut checked = 0;
    for (name, text) in files(&["tests/good", "tests/bundles"]) {
        for _ in 0..3000 {
            let at = rng.below(text.len());
            if !text.is_char_boundary(at) {
                continue;
            }
            let changed = if rng.below(2) == 0 {
                let insert = INSERTS[rng.below(INSERTS.len())];
                format!("{}{}{}", &text[..at], insert, &text[at..])
            } else {
                let end = (at + 1 + rng.below(3)).min(text.len());
                if !text.is_char_boundary(end) {
                    continue;
                }
                format!("{}{}", &text[..at], &text[end..])
            };
            checked += usize::from(same_path(&format!("{name} changed at {at}"), &changed));
        }
    }
    assert!(checked > 1000, "only {checked} changed bundles checked");
}

#[test]
fn objects_written_as_lists_and_fields_given_twice_have_the_same_path() {
    let good = files(&["tests/good"]).remove(0).1;
    let cases = [
        // A struct written as a list: serde reads its fields in order.
        good.replacen("\"board\": {", "\"board\": [\"n\", \"a\", [1], \"u\"], \"x\": {", 1),
        good.replacen("\"board\": {", "\"board\": [\"n\", \"a\", \"v\", \"u\", \"c\", 7], \"x\": {", 1),
        good.replacen("\"board\": {", "\"board\": [\"n\", \"a\", \"v\", \"u\", \"c\"  ", 1),
        good.replacen("\"source\": {", "\"source\": [\"t\", \"p\", \"n\", \"yes\"], \"x\": {", 1),
        good.replacen("\"items\": [", "\"items\": [[\"id\", \"w\", \"metric\", \"t\", \"local\", 1], ", 1),
        good.replacen(
            "\"items\": [",
            "\"items\": [[\"id\", \"w\", null, \"t\", null, null, null, null, null, null, [[\"p\", 5]]], ",
            1,
        ),
        good.replacen(
            "\"items\": [",
            "\"items\": [[\"i\", \"w\", null, \"t\", null, null, null, null, null, null, [], [[\"d\", null, \"v\"]]], ",
            1,
        ),
        // A field given twice; a key given twice in a map.
        good.replacen("\"format\":", "\"version\": 1, \"format\":", 1),
        good.replacen("\"format\":", "\"version\": 1 , \"version\" :", 1),
        good.replacen("\"id\":", "\"id\": \"x\", \"id\" :", 1),
        good.replacen("\"headlines\": {", "\"headlines\": {\"a\": \"b\", \"a\": 3, ", 1),
        good.replacen("\"headlines\": {", "\"headlines\": {\"a\": \"b\", \"a\" \"c\", ", 1),
        // Keys no type knows, holding anything.
        good.replacen("\"format\":", "\"extra\": {\"a\": [1, 2 3]}, \"format\":", 1),
        good.replacen("\"format\":", "\"extra\": [[[[[[[[[[{\"\\ud800\": 1}]]]]]]]]]], \"format\": 5, \"f\":", 1),
        good.replacen("\"format\":", "\"extra\": {\"a\"}, \"format\":", 1),
        format!("{} \n", good.trim_end().trim_end_matches('}')),
        format!("{}\n", &good[..good.len() / 2]),
    ];
    let mut failed = 0;
    for (n, case) in cases.iter().enumerate() {
        failed += usize::from(same_path(&format!("case {n}"), case));
    }
    assert_eq!(failed, cases.len(), "every case is a broken bundle");
}
