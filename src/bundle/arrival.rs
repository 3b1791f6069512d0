//! Why a bundle did not arrive, in words a person can act on: the server's answer (a
//! status, a web page where a scorecard should be), a connection that dropped part way,
//! a stall, a file too large; and how far a slow download has got. The browser layer
//! only reports what happened; the words and the judgement live here, tested natively.

use std::fmt::Write;

use crate::bundle::load::MAX_BYTES;

/// After this long without the whole bundle, the page says how much has arrived.
pub const PATIENCE_SECONDS: f64 = 10.0;

/// A response that sends nothing for this long is given up, with a message, rather than
/// "Loading" forever.
pub const STALL_SECONDS: u32 = 20;

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
    /// The whole body arrived (its announced length, or a stream that ended as it
    /// should), but its JSON stops part way: the file on the server is cut short, at
    /// `line` and `column` (1-based, in characters) after `received` bytes. Fetching it
    /// again brings the same bytes; it needs uploading again.
    Incomplete { received: u64, line: u64, column: u64 },
    /// The server answered a bundle named by the page's address with a redirect, which
    /// the app does not follow: the address must not send the reader's cookies elsewhere.
    Redirected,
}

impl FetchFailure {
    /// Whether fetching again could fare better: not when the server's answer is the
    /// problem whatever the network does (a redirect refused, a file too large).
    pub fn may_pass(&self) -> bool {
        !matches!(self, FetchFailure::Redirected | FetchFailure::TooLarge { .. } | FetchFailure::Incomplete { .. })
    }

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
            FetchFailure::Incomplete { received, line, column } => format!(
                "The scorecard file on the server is incomplete: it stops part way through, at line {line}, \
                 column {column} ({}). Ask whoever publishes it to upload it again.",
                amount(*received)
            ),
            FetchFailure::Redirected => {
                "The server sent this scorecard's address somewhere else, which this page does not follow.".into()
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
            FetchFailure::Incomplete { received, line, column } => {
                out.push(format!("Received: {received} bytes, all the server sent."));
                out.push(format!(
                    "The file ends at line {line}, column {column}, before its JSON is complete: \
                     an upload or a save that stopped part way. Fetching it again brings the same bytes."
                ));
            }
            FetchFailure::Redirected => out.push(
                "The server answered with a redirect. A bundle named in the page's address (?bundle=) must be \
                 served at that address itself: link to where the file now is."
                    .into(),
            ),
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

/// A download's body as it arrives: its size so far against the size the server
/// announced and the largest a bundle may be, and whether the JSON it holds has ended.
/// The browser layer feeds it each piece; the rules live here, tested natively.
#[derive(Debug, Clone, Default)]
pub struct Body {
    received: u64,
    /// The size the server announced (`Content-Length`), when it counts the bytes read.
    total: Option<u64>,
    ending: JsonEnd,
    /// The count at the last [`Body::tick`], and how long it has not changed since.
    heard: u64,
    quiet: f64,
}

impl Body {
    /// A body whose headers say `content_length` and `content_encoding`: a compressed
    /// body's `Content-Length` counts its compressed bytes, not those read, so it is not
    /// a total. A body announced larger than a bundle may be is refused before reading.
    pub fn new(content_length: Option<&str>, content_encoding: Option<&str>) -> Result<Body, FetchFailure> {
        let length = content_length.and_then(|l| l.trim().parse::<u64>().ok());
        if length.is_some_and(|l| l > MAX_BYTES as u64) {
            return Err(FetchFailure::TooLarge { limit: MAX_BYTES as u64 });
        }
        let total = length.filter(|_| content_encoding.is_none_or(|e| e.trim().is_empty()));
        Ok(Body { total, ..Body::default() })
    }

    /// One more piece of the body; past the largest a bundle may be, reading stops.
    pub fn take(&mut self, piece: &[u8]) -> Result<(), FetchFailure> {
        self.received += piece.len() as u64;
        if self.received > MAX_BYTES as u64 {
            return Err(FetchFailure::TooLarge { limit: MAX_BYTES as u64 });
        }
        self.ending.scan(piece);
        Ok(())
    }

    /// `seconds` more have passed: a body (or an answer) that has sent nothing for
    /// `STALL_SECONDS` is given up.
    pub fn tick(&mut self, seconds: f64) -> Result<(), FetchFailure> {
        if self.received != self.heard {
            self.heard = self.received;
            self.quiet = 0.0;
        } else {
            self.quiet += seconds;
        }
        if self.quiet >= f64::from(STALL_SECONDS) {
            return Err(self.stalled());
        }
        Ok(())
    }

    pub fn arrival(&self) -> Arrival {
        Arrival { received: self.received, total: self.total }
    }

    /// The connection failed part way (`detail` is the browser's words).
    pub fn dropped(&self, detail: String) -> FetchFailure {
        FetchFailure::Dropped { received: self.received, total: self.total, detail }
    }

    pub fn stalled(&self) -> FetchFailure {
        FetchFailure::Stalled { seconds: STALL_SECONDS, received: self.received }
    }

    /// The body's stream ended as it should (a network error is [`Body::dropped`]): where
    /// its JSON ends. Short of the announced length, the connection dropped; otherwise
    /// every byte the server had arrived, and JSON that stops part way is a file cut short.
    pub fn ended(&self) -> Ended {
        if !self.ending.part_way() {
            return Ended::Whole;
        }
        Ended::PartWay(match self.total {
            Some(total) if self.received < total => {
                FetchFailure::Dropped { received: self.received, total: Some(total), detail: String::new() }
            }
            _ => {
                FetchFailure::Incomplete { received: self.received, line: self.ending.line, column: self.ending.column }
            }
        })
    }
}

/// How a body that arrived ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// As a file should: loading it says whether it is a bundle.
    Whole,
    /// Inside its JSON, with no sign from the server that this is the whole file: should
    /// the bundle not load, this is why.
    PartWay(FetchFailure),
}

/// Whether JSON text, read a piece at a time, has ended: its first object or array
/// closed. Brackets are counted outside strings, so a cut anywhere inside the document
/// (or inside a character, or nothing at all) is told from one that ends where it
/// should. Only the structure is followed: whether the JSON is valid is the loader's to say.
#[derive(Debug, Clone, Copy)]
pub struct JsonEnd {
    /// Where the text read so far ends: 1-based line, and the characters on it.
    line: u64,
    column: u64,
    depth: u32,
    in_string: bool,
    escaped: bool,
    started: bool,
    closed: bool,
}

impl Default for JsonEnd {
    fn default() -> Self {
        JsonEnd { line: 1, column: 0, depth: 0, in_string: false, escaped: false, started: false, closed: false }
    }
}

impl JsonEnd {
    pub fn scan(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if self.closed {
                return;
            }
            match b {
                b'\n' => {
                    self.line += 1;
                    self.column = 0;
                }
                // A UTF-8 continuation byte is part of the character already counted.
                b if b & 0xC0 == 0x80 => {}
                _ => self.column += 1,
            }
            if self.in_string {
                match (self.escaped, b) {
                    (true, _) => self.escaped = false,
                    (false, b'\\') => self.escaped = true,
                    (false, b'"') => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => {
                    self.started = true;
                    self.depth += 1;
                }
                b'}' | b']' => {
                    self.depth = self.depth.saturating_sub(1);
                    self.closed = self.started && self.depth == 0;
                }
                // Text before any bracket (a byte order mark, a word): not a bundle at all,
                // which the loader says.
                b if !self.started && !b.is_ascii_whitespace() => self.closed = b != 0xEF && b != 0xBB && b != 0xBF,
                _ => {}
            }
        }
    }

    /// Whether the text stops before its document ends (nothing at all counts).
    pub fn part_way(&self) -> bool {
        !self.closed
    }
}

/// Whether `bytes` stop before their JSON document ends (see [`JsonEnd`]).
pub fn ends_part_way(bytes: &[u8]) -> bool {
    let mut end = JsonEnd::default();
    end.scan(bytes);
    end.part_way()
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
