//! A deployment's settings, read from `explorer-config.json` next to `index.html`: which
//! other origins may serve bundles, which paths `?bundle=` may name, which pages may
//! embed the app, and which bundle opens by default.

use serde::Deserialize;

use crate::bundle::problem::Problem;

/// The file the app looks for beside its `index.html`; absent means the defaults.
/// `static/prefetch.js` starts its download before the wasm (tests/boundary.rs checks its copy).
pub const FILE: &str = "explorer-config.json";

/// The bundle the app shows when neither the address, a host element nor the settings'
/// `default_bundle` names one, relative to the app's files; `?bundle=` may name the
/// other `.json` files of its folder. `static/prefetch.js` starts its download before the
/// wasm (tests/boundary.rs checks its copy).
pub const DEFAULT_BUNDLE: &str = "bundles/somerset.json";

/// The type of the message a parent page (`embed_origins`) receives with the app's
/// height; the host snippet `static/embed.js` listens for it (tests/boundary.rs checks).
pub const HEIGHT_MESSAGE: &str = "scorecard-explorer:height";

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Config {
    /// Origins (`https://data.example.gov.uk`) besides the page's own that may serve bundles.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// The bundle opened when the URL names none (relative to the page).
    #[serde(default)]
    pub default_bundle: Option<String>,
    /// Folders (relative to the app, or absolute paths) on the page's own origin whose
    /// `.json` files `?bundle=` may name, besides the default bundle's folder.
    #[serde(default)]
    pub bundle_paths: Vec<String>,
    /// Origins besides the page's own whose pages may embed the app in an iframe and be
    /// told its height.
    #[serde(default)]
    pub embed_origins: Vec<String>,
}

/// A bundle URL, taken apart by the browser's URL parser.
#[derive(Debug, Clone, Copy)]
pub struct BundleUrl<'a> {
    /// `https:`, `data:`, …
    pub protocol: &'a str,
    pub origin: &'a str,
    /// The path, still percent-encoded as the parser left it.
    pub path: &'a str,
}

fn same_origin(a: &str, b: &str) -> bool {
    a.trim_end_matches('/').eq_ignore_ascii_case(b.trim_end_matches('/'))
}

// A Problem is a few strings, made once per page load at most: boxing would buy nothing.
#[allow(clippy::result_large_err)]
impl Config {
    pub fn parse(bytes: &[u8]) -> Result<Config, Problem> {
        serde_json::from_slice(bytes).map_err(|e| {
            Problem::new("", format!("{FILE} is not valid: {}", e))
                .at(e.line(), e.column())
                .fix(format!("correct {FILE} at this line and column"))
        })
    }

    /// Whether a bundle at `bundle_origin` may be shown on a page at `page_origin`. A page
    /// on a council's domain must not display figures from a bundle someone else hosts.
    pub fn check_origin(&self, bundle_origin: &str, page_origin: &str) -> Result<(), Problem> {
        if same_origin(bundle_origin, page_origin) || self.allowed_origins.iter().any(|o| same_origin(o, bundle_origin))
        {
            return Ok(());
        }
        Err(Problem::new(
            "bundle",
            format!(
                "bundles from {bundle_origin} are not allowed here: this page loads bundles only from its own origin ({page_origin}){}",
                if self.allowed_origins.is_empty() { String::new() } else { format!(" and {}", self.allowed_origins.join(", ")) }
            ),
        )
        .found(bundle_origin.to_string())
        .fix(format!(
            "list \"{bundle_origin}\" in \"allowed_origins\" in {FILE} next to index.html, if its bundles may be shown here"
        )))
    }

    /// Whether a bundle may be fetched from `url`, on a page at `page_origin`. Only web
    /// addresses are fetched (never `data:`, `blob:` or `javascript:`), and only from an
    /// allowed origin. When the page's address names the bundle (`?bundle=`), a bundle on
    /// the page's own origin must also be a `.json` file under one of `folders` (the
    /// default bundle's folder and `bundle_paths`, as absolute paths): the browser sends
    /// the user's cookies with such a request, so `?bundle=` must not reach other
    /// endpoints of the site.
    pub fn check_bundle_url(
        &self,
        url: BundleUrl,
        page_origin: &str,
        named_by_address: bool,
        folders: &[String],
    ) -> Result<(), Problem> {
        if !matches!(url.protocol, "https:" | "http:") {
            return Err(Problem::new(
                "bundle",
                "a bundle can only be opened from a web address (https:); this address is not one",
            )
            .found(url.protocol.to_string())
            .fix("give the bundle's web address, starting https://"));
        }
        self.check_origin(url.origin, page_origin)?;
        if !named_by_address || !same_origin(url.origin, page_origin) {
            return Ok(());
        }
        // Compared as the server will read it: case-sensitively (`/BUNDLES/` is another
        // folder to most servers), and with no `;`, which Tomcat and Jetty take as the start
        // of path parameters (`bundles/..;/admin/x;.json` is `/admin/x` to them).
        let lower = url.path.to_ascii_lowercase();
        let plain = ["%2f", "%5c", "%2e", "%3b", "\\", ";"].iter().all(|s| !lower.contains(s));
        let under = folders.iter().any(|f| url.path.starts_with(f.as_str()) && f.ends_with('/'));
        if plain && under && lower.ends_with(".json") {
            return Ok(());
        }
        Err(Problem::new(
            "bundle",
            format!("this page opens only .json bundles in {}; the address names another path", folders.join(" or ")),
        )
        .found(url.path.to_string())
        .expected(format!("a .json file under {}", folders.join(" or "))))
    }

    /// The origins an embedded app tells its height: its own and `embed_origins`. Each
    /// message names its target origin, so the browser delivers it only to a parent page
    /// on that origin, never to a stranger's page that frames the app.
    pub fn embed_targets(&self, page_origin: &str) -> Vec<String> {
        let mut targets = vec![page_origin.trim_end_matches('/').to_string()];
        targets.extend(self.embed_origins.iter().map(|o| o.trim_end_matches('/').to_string()).filter(|o| o != "*"));
        targets
    }
}

/// The folder of a resolved URL's path: everything up to its last `/`.
pub fn folder_of(path: &str) -> &str {
    &path[..path.rfind('/').map_or(0, |i| i + 1)]
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "https://council.gov.uk";

    fn url<'a>(protocol: &'a str, origin: &'a str, path: &'a str) -> BundleUrl<'a> {
        BundleUrl { protocol, origin, path }
    }

    #[test]
    fn same_origin_bundles_load_and_others_need_listing() {
        let none = Config::default();
        assert!(none.check_origin("https://council.gov.uk", "https://council.gov.uk").is_ok());
        let refused = none.check_origin("https://evil.example", "https://council.gov.uk").unwrap_err();
        assert!(refused.message.contains("https://evil.example"), "{}", refused.message);
        let told = refused.detail();
        assert!(told.contains("allowed_origins") && told.contains(FILE), "how to allow it: {told}");
        let listed = Config::parse(br#"{"allowed_origins": ["https://data.council.gov.uk/"]}"#).unwrap();
        assert!(listed.check_origin("https://data.council.gov.uk", "https://council.gov.uk").is_ok());
        assert!(listed.check_origin("http://data.council.gov.uk", "https://council.gov.uk").is_err());
    }

    #[test]
    fn data_blob_and_javascript_urls_are_refused_without_advice_to_weaken_the_policy() {
        let config = Config::default();
        let folders = ["/scorecard/bundles/".to_string()];
        for protocol in ["data:", "blob:", "javascript:", "file:"] {
            let e = config.check_bundle_url(url(protocol, "null", "x"), PAGE, true, &folders).unwrap_err();
            assert!(e.message.contains("web address"), "{}", e.message);
            let told = e.detail();
            assert!(!told.contains("allowed_origins") && !told.contains("null"), "{told}");
        }
    }

    #[test]
    fn the_address_may_name_only_json_files_under_the_bundle_folders() {
        let config = Config::default();
        let folders = ["/scorecard/bundles/".to_string(), "/data/".to_string()];
        // The refusal's message is all this test reads.
        let check = |path: &str| {
            config.check_bundle_url(url("https:", PAGE, path), PAGE, true, &folders).map_err(|e| e.message)
        };
        assert!(check("/scorecard/bundles/2024.json").is_ok());
        assert!(check("/scorecard/bundles/archive/2019.JSON").is_ok());
        assert!(check("/data/board.json").is_ok());
        for bad in [
            "/account/delete",
            "/scorecard/bundles/x.json.php",
            "/scorecard/bundles/",
            "/scorecard/bundlesx/a.json",
            "/scorecard/bundles/..%2faccount.json",
            "/scorecard/bundles/%2e%2e/a.json",
            "/scorecard/bundles\\..\\a.json",
            "/scorecard/bundles/..;/..;/admin/x;.json",
            "/scorecard/bundles/a%3b.json",
            "/SCORECARD/bundles/a.json",
            "/scorecard/Bundles/a.json",
        ] {
            let message = check(bad).unwrap_err();
            assert!(message.contains("/scorecard/bundles/") && message.contains(".json"), "{bad}: {message}");
        }
        // The host page's data-bundle and the settings' default are the site's own choice.
        assert!(config.check_bundle_url(url("https:", PAGE, "/account/x"), PAGE, false, &folders).is_ok());
        // Cookies are not sent to other origins; the origin list is their gate.
        let listed = Config { allowed_origins: vec!["https://data.gov.uk".into()], ..Config::default() };
        assert!(listed.check_bundle_url(url("https:", "https://data.gov.uk", "/api/b"), PAGE, true, &folders).is_ok());
    }

    #[test]
    fn bundle_paths_and_embed_origins_are_read() {
        let c =
            Config::parse(br#"{"bundle_paths": ["archive/"], "embed_origins": ["https://intranet.council.gov.uk"]}"#)
                .unwrap();
        assert_eq!(c.bundle_paths, ["archive/"]);
        assert_eq!(c.embed_targets(PAGE), [PAGE, "https://intranet.council.gov.uk"]);
        let star = Config { embed_origins: vec!["*".into()], ..Config::default() };
        assert_eq!(star.embed_targets(PAGE), [PAGE], "\"*\" would tell every page");
        assert_eq!(folder_of("/scorecard/bundles/somerset.json"), "/scorecard/bundles/");
    }

    #[test]
    fn a_broken_config_says_where() {
        let e = Config::parse(b"{\n  \"allowed_origins\": [1]\n}").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains(FILE));
    }
}
