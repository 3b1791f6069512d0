//! A deployment's settings, read from `explorer-config.json` next to `index.html`: which
//! other origins may serve bundles, and which bundle opens by default.

use serde::Deserialize;

use crate::bundle::problem::Problem;

/// The file the app looks for beside its `index.html`; absent means the defaults.
pub const FILE: &str = "explorer-config.json";

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Config {
    /// Origins (`https://data.example.gov.uk`) besides the page's own that may serve bundles.
    #[serde(default)]
    pub allowed_origins: Vec<String>,
    /// The bundle opened when the URL names none (relative to the page).
    #[serde(default)]
    pub default_bundle: Option<String>,
}

// A Problem is a few strings, made once per page load at most: boxing would buy nothing.
#[allow(clippy::result_large_err)]
impl Config {
    pub fn parse(bytes: &[u8]) -> Result<Config, Problem> {
        serde_json::from_slice(bytes)
            .map_err(|e| Problem::new("", format!("{FILE} is not valid: {}", e)).at(e.line(), e.column()))
    }

    /// Whether a bundle at `bundle_origin` may be shown on a page at `page_origin`. A page
    /// on a council's domain must not display figures from a bundle someone else hosts.
    pub fn check_origin(&self, bundle_origin: &str, page_origin: &str) -> Result<(), Problem> {
        let same = |a: &str, b: &str| a.trim_end_matches('/').eq_ignore_ascii_case(b.trim_end_matches('/'));
        if same(bundle_origin, page_origin) || self.allowed_origins.iter().any(|o| same(o, bundle_origin)) {
            return Ok(());
        }
        Err(Problem::new(
            "bundle",
            format!(
                "bundles from {bundle_origin} are not allowed here: this page loads bundles only from its own origin ({page_origin}){}. \
                 To allow it, list \"{bundle_origin}\" in \"allowed_origins\" in {FILE} next to index.html",
                if self.allowed_origins.is_empty() { String::new() } else { format!(" and {}", self.allowed_origins.join(", ")) }
            ),
        )
        .found(bundle_origin.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_bundles_load_and_others_need_listing() {
        let none = Config::default();
        assert!(none.check_origin("https://council.gov.uk", "https://council.gov.uk").is_ok());
        let refused = none.check_origin("https://evil.example", "https://council.gov.uk").unwrap_err();
        assert!(refused.message.contains("https://evil.example"), "{}", refused.message);
        assert!(refused.message.contains("allowed_origins") && refused.message.contains(FILE));
        let listed = Config::parse(br#"{"allowed_origins": ["https://data.council.gov.uk/"]}"#).unwrap();
        assert!(listed.check_origin("https://data.council.gov.uk", "https://council.gov.uk").is_ok());
        assert!(listed.check_origin("http://data.council.gov.uk", "https://council.gov.uk").is_err());
    }

    #[test]
    fn a_broken_config_says_where() {
        let e = Config::parse(b"{\n  \"allowed_origins\": [1]\n}").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains(FILE));
    }
}
