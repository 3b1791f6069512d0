//! No text a person reads comes from `Debug`: the release wasm is built with Debug
//! formatting switched off, where `{:?}` prints nothing (a message once listed its
//! accepted words as ", , , ,"). Messages quote text with `bundle::problem::quoted`.
//! This reads every source file outside its test module and fails on a Debug placeholder.

use std::path::{Path, PathBuf};

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The placeholders that format with `Debug`: `{:?}`, `{name:?}`, `{0:#?}`, `{:>8?}`…
fn debug_placeholder(line: &str) -> bool {
    let mut rest = line;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        if let Some(escaped) = after.strip_prefix('{') {
            rest = escaped;
            continue;
        }
        let Some(close) = after.find('}') else { return false };
        let inside = &after[..close];
        if inside.contains(':') && inside.ends_with('?') && !inside.contains([' ', '{', '"']) {
            return true;
        }
        rest = &after[close..];
    }
    false
}

#[test]
fn the_placeholder_rule_finds_each_form_of_debug() {
    for debug in ["format!(\"{:?}\", x)", "\"{word:?} is\"", "{0:#?}", "{:>8?}"] {
        assert!(debug_placeholder(debug), "{debug}");
    }
    for plain in ["format!(\"{}\", x)", "{word}", "{{:?}}", "if a { b } else { c? }", "match x { Some(a) => a? }"] {
        assert!(!debug_placeholder(plain), "{plain}");
    }
}

#[test]
fn no_message_formats_with_debug() {
    let mut files = Vec::new();
    sources(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src")), &mut files);
    assert!(files.len() > 20, "the sources were found");
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        // A file's test module is its last part, by this codebase's layout.
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (n, line) in code.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") || trimmed.starts_with("debug_assert") {
                continue;
            }
            if debug_placeholder(line) {
                found.push(format!("{}:{}: {}", file.display(), n + 1, trimmed));
            }
        }
    }
    assert!(
        found.is_empty(),
        "text formatted with Debug, which the release wasm prints as nothing:\n{}",
        found.join("\n")
    );
}
