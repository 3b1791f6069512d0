//! Where JavaScript still needs a value the app defines (it runs before the wasm), its
//! copy must be the app's: `static/prefetch.js` starts the settings' and the default
//! bundle's downloads under the names the app fetches them by, and the host page's
//! snippet `static/embed.js` listens for the message the app sends.

use scorecard_explorer::config::{DEFAULT_BUNDLE, FILE, HEIGHT_MESSAGE};

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
