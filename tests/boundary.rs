//! Where JavaScript still needs a value the app defines (it runs before the wasm), its
//! copy must be the app's: `static/prefetch.js` starts the settings' and the default
//! bundle's downloads under the names the app fetches them by, and the host page's
//! snippet `static/embed.js` listens for the message the app sends, and the workbook
//! converter's scripts say why it stopped by the app's own tags.

use scorecard_explorer::config::{DEFAULT_BUNDLE, FILE, HEIGHT_MESSAGE};
use scorecard_explorer::workbook::job::Stopped;

/// The text of `const NAME = '...';` in `static/prefetch.js`.
fn constant(name: &str) -> String {
    let script = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/prefetch.js")).unwrap();
    let start = format!("const {name} = '");
    let mut found = script.lines().filter_map(|l| l.trim().strip_prefix(start.as_str())?.strip_suffix("';"));
    let value = found.next().unwrap_or_else(|| panic!("static/prefetch.js has no `{start}...';` line"));
    assert!(found.next().is_none(), "static/prefetch.js defines {name} twice");
    value.to_string()
}

#[test]
fn prefetch_names_the_settings_file_the_app_reads() {
    assert_eq!(constant("SETTINGS"), FILE);
}

#[test]
fn prefetch_names_the_default_bundle_the_app_opens() {
    assert_eq!(constant("DEFAULT_BUNDLE"), DEFAULT_BUNDLE);
}

#[test]
fn limits_are_the_apps_alone() {
    // The size limit and the stall timer live in `bundle::arrival::Body` and
    // `web::host::fetch_watched`: a second copy in the script could drift.
    let script = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/prefetch.js")).unwrap();
    for copy in ["64 * 1024", "LIMIT", "STALL", "setTimeout", "getReader"] {
        assert!(!script.contains(copy), "static/prefetch.js has `{copy}`: limits and reading belong to the app");
    }
}

#[test]
fn the_host_snippet_listens_for_the_message_the_app_sends() {
    let snippet = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/static/embed.js")).unwrap();
    let kind = format!("var HEIGHT_MESSAGE = '{HEIGHT_MESSAGE}';");
    assert_eq!(snippet.matches(&kind).count(), 1, "static/embed.js should define `{kind}` once");
    assert!(snippet.contains("data.type !== HEIGHT_MESSAGE"), "and compare the message's type with it");
}

#[test]
fn the_converters_scripts_say_why_it_stopped_by_the_apps_tags() {
    let read = |path: &str| std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let scripts = read("static/converter.js") + &read("static/converter-worker.js");
    let tags: Vec<&str> = Stopped::ALL.iter().map(|s| s.tag()).collect();
    for tag in &tags {
        assert!(scripts.contains(&format!("'{tag}'")), "the converter's scripts never say '{tag}'");
    }
    // Every other word in quotes is the start signal or a part of a request or a test.
    let others = ["ready", "no-store", "string"];
    let quotes: Vec<usize> = scripts.match_indices('\'').map(|(i, _)| i).collect();
    for pair in quotes.windows(2) {
        let quoted = &scripts[pair[0] + 1..pair[1]];
        if !quoted.is_empty() && quoted.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
            assert!(tags.contains(&quoted) || others.contains(&quoted), "'{quoted}' is not a tag of `Stopped`");
        }
    }
}
