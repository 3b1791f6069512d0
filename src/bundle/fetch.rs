//! Why a bundle did not arrive, in words a person can act on: the server's answer (a
//! status, a web page where a scorecard should be), a connection that dropped part way,
//! a stall, a file too large; and how far a slow download has got. The browser layer
//! only reports what happened; the words and the judgement live here, tested natively.

use std::fmt::Write;

use crate::bundle::load::{EMPTY, ENDS_EARLY};
use crate::bundle::problem::Problem;

/// After this long without the whole bundle, the page says how much has arrived.
pub const PATIENCE_SECONDS: f64 = 10.0;

/// What went wrong fetching a bundle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    /// No answer at all: offline, a name that does not resolve, a refused or reset
    /// connection, or a server that closed it before answering. `detail` is the browser's.
    Unreachable { detail: String },
    /// An answer that is not a success.
    Status { status: u16, status_text: String },
    /// A success whose body is a web page: an intranet's sign-in page, a proxy's notice.
    WebPage { status: u16, content_type: String },
    /// The connection ended before the whole bundle arrived, after `received` bytes (of
    /// `total` when the server said how many). `detail` is the browser's, if it gave one.
    Dropped { received: u64, total: Option<u64>, detail: String },
    /// Nothing arrived for `seconds` (after `received` bytes).
    Stalled { seconds: u32, received: u64 },
    /// The response is larger than a bundle may be.
    TooLarge { limit: u64 },
}

impl FetchFailure {
    /// What happened, in a sentence for the person looking at the page.
    pub fn headline(&self) -> String {
        match self {
            FetchFailure::Unreachable { .. } => {
                "The server could not be reached. Check your connection, then try again.".into()
            }
            FetchFailure::Status { status: 404 | 410, .. } => "No scorecard at this address.".into(),
            FetchFailure::Status { status: status @ (401 | 403), .. } => {
                format!("The server answered {status}: you may need to sign in to the intranet first.")
            }
            FetchFailure::Status { status: status @ 500..=599, .. } => {
                format!("The server answered {status}: it may be busy. Try again in a moment.")
            }
            FetchFailure::Status { status, .. } => format!("The server answered {status} instead of the scorecard."),
            FetchFailure::WebPage { .. } => {
                "The server returned a web page, not a scorecard: you may need to sign in to the intranet first.".into()
            }
            FetchFailure::Dropped { received, total, .. } => {
                let of = total.map(|t| format!(" of {}", amount(t))).unwrap_or_default();
                format!("The connection dropped after {}{of}, before the whole scorecard arrived.", amount(*received))
            }
            FetchFailure::Stalled { seconds, .. } => {
                format!("The server sent nothing for {seconds} seconds: it may be busy, or the connection lost.")
            }
            FetchFailure::TooLarge { limit } => {
                format!("The file is larger than a scorecard may be ({}).", amount(*limit))
            }
        }
    }

    /// The technical detail behind the headline, for whoever looks after the site.
    pub fn details(&self, url: &str) -> Vec<String> {
        let mut out = vec![format!("Address: {url}")];
        match self {
            FetchFailure::Unreachable { detail } => out.push(format!("The browser said: {detail}")),
            FetchFailure::Status { status, status_text } => {
                out.push(format!("HTTP status: {status} {status_text}").trim_end().to_string())
            }
            FetchFailure::WebPage { status, content_type } => {
                out.push(format!("HTTP status: {status}"));
                let kind = if content_type.is_empty() { "none" } else { content_type };
                out.push(format!("Content-Type: {kind}; the body starts like HTML, not JSON"));
            }
            FetchFailure::Dropped { received, total, detail } => {
                let mut line = format!("Received: {received} bytes");
                if let Some(t) = total {
                    let _ = write!(line, " of the {t} the server announced (Content-Length)");
                }
                out.push(line);
                out.push(if detail.is_empty() {
                    "The body ends part way through the JSON.".to_string()
                } else {
                    format!("The browser said: {detail}")
                });
            }
            FetchFailure::Stalled { seconds, received } => {
                out.push(format!("The server sent nothing for {seconds} seconds, after {received} bytes."))
            }
            FetchFailure::TooLarge { limit } => {
                out.push(format!("Reading stopped: the response is larger than a bundle may be ({limit} bytes)."))
            }
        }
        out
    }
}

/// Whether a response that arrived whole can be a bundle: a failure status, or a web
/// page (by its `Content-Type`, or a body that starts with `<`) where JSON should be.
pub fn check_response(status: u16, status_text: &str, content_type: &str, body: &[u8]) -> Result<(), FetchFailure> {
    if !(200..300).contains(&status) {
        return Err(FetchFailure::Status { status, status_text: status_text.to_string() });
    }
    let start = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    let html = content_type.to_ascii_lowercase().contains("html");
    if html || first == Some(&b'<') {
        return Err(FetchFailure::WebPage { status, content_type: content_type.to_string() });
    }
    Ok(())
}

/// Whether a load's `problems` say its JSON stops part way, as when a connection closes
/// early (or, less likely on a server, a closing bracket is missing): said as a dropped
/// connection rather than as a JSON error. An empty file counts.
pub fn cut_short(problems: &[Problem]) -> bool {
    match problems {
        [only] => only.message == ENDS_EARLY || only.message == EMPTY,
        _ => false,
    }
}

/// How much of a download has arrived, for a slow one's notice.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Arrival {
    pub received: u64,
    /// The size the server announced (`Content-Length`), when it did.
    pub total: Option<u64>,
}

impl Arrival {
    /// "Still loading (120 KB so far)", and "…: 50% of 240 KB" when the server announced
    /// the size.
    pub fn notice(&self) -> String {
        let so_far = format!("Still loading ({} so far)", amount(self.received));
        match (self.percent(), self.total) {
            (Some(p), Some(total)) => format!("{so_far}: {p}% of {}", amount(total)),
            _ => so_far,
        }
    }

    /// How much of the announced size has arrived, 0 to 100.
    pub fn percent(&self) -> Option<u8> {
        let total = self.total.filter(|t| *t > 0)?;
        Some((self.received.min(total) * 100 / total) as u8)
    }
}

/// A size as a person reads it: "812 bytes", "39 KB", "4.5 MB" (units of 1,024).
pub fn amount(bytes: u64) -> String {
    const KB: u64 = 1024;
    if bytes < KB {
        format!("{bytes} bytes")
    } else if bytes < 10 * KB * KB {
        format!("{} KB", bytes / KB)
    } else {
        format!("{:.1} MB", bytes as f64 / (KB * KB) as f64)
    }
}
