//! A load in small steps, so that a county's 50 MB bundle never holds the page for
//! long: the browser paints and answers input between steps (INP stays "good").
//!
//! The steps take the bundle apart at its `items` array, parse the rest, then the items
//! a few at a time, then check them a few at a time. Anything unusual (a syntax or type
//! error, a rule broken, a shape the splitter does not expect) hands the whole file to
//! [`load`], so the problems found are exactly those of a load in one go.
//!
//! A [`Loader::releasing`] load frees the file's bytes as it parses them (the items from
//! the last to the first, the file cut short behind them), so the page never holds the
//! file and the whole bundle at once: a 48 MiB bundle peaked at 3.3 times its size in
//! memory before. Should it then meet a fault, it asks for the file again
//! ([`Loader::wants_bytes`]) to report it exactly as [`load`] would.

use crate::bundle::load::{fill_benchmarks, load, sort_periods, sort_series, text};
use crate::bundle::problem::Problem;
use crate::bundle::validate::{self, Known};
use crate::bundle::{Bundle, Item};

pub type Loaded = Result<Bundle, Vec<Problem>>;

/// A load under way. Call [`Loader::step`] until it gives the result.
pub struct Loader {
    bytes: Vec<u8>,
    stage: Stage,
    sizes: Sizes,
    whole: bool,
    /// Whether parsed bytes are freed (see [`Loader::releasing`]).
    release: bool,
    /// The file's length when it was given, for the progress once bytes are freed.
    len: usize,
}

/// How much one step does.
#[derive(Clone, Copy, Debug)]
pub struct Sizes {
    /// Files smaller than this load in one step.
    pub one_step: usize,
    /// Bytes the splitter scans in one step.
    pub scan: usize,
    /// Items parsed, or checked, in one step.
    pub items: usize,
}

impl Default for Sizes {
    /// At most 3 ms a step natively on the benchmark's 47.5 MiB bundle; the browser
    /// runs steps for about 25 ms between paints (`web::open::load_in_steps`).
    fn default() -> Sizes {
        Sizes { one_step: 1 << 20, scan: 1 << 20, items: 64 }
    }
}

enum Stage {
    Start,
    Split(Splitter),
    Head(Splitter),
    Items {
        spans: Vec<(usize, usize)>,
        bundle: Bundle,
        next: usize,
    },
    Check {
        bundle: Bundle,
        known: Known,
        next: usize,
    },
    /// A fault found after bytes were freed: the file is needed again.
    WantsBytes,
    /// The file is back: it goes to [`load`] whole.
    Whole,
    Done,
}

impl Loader {
    pub fn new(bytes: Vec<u8>) -> Loader {
        Loader::with_sizes(bytes, Sizes::default())
    }

    pub fn with_sizes(bytes: Vec<u8>, sizes: Sizes) -> Loader {
        let len = bytes.len();
        Loader { bytes, stage: Stage::Start, sizes, whole: false, release: false, len }
    }

    /// A load that frees the bytes of the items once parsed, for the browser, where the
    /// file and the bundle both held would need over three times the file's size.
    /// The caller must answer [`Loader::wants_bytes`] with [`Loader::give_bytes`].
    pub fn releasing(self) -> Loader {
        Loader { release: true, ..self }
    }

    /// Whether the load found a fault after freeing bytes, and needs the whole file again
    /// (the same bytes) to say where: until given them, [`Loader::step`] does nothing.
    pub fn wants_bytes(&self) -> bool {
        matches!(self.stage, Stage::WantsBytes)
    }

    /// The file again, after [`Loader::wants_bytes`]: the next step loads it whole.
    pub fn give_bytes(&mut self, bytes: Vec<u8>) {
        if self.wants_bytes() {
            self.bytes = bytes;
            self.stage = Stage::Whole;
        }
    }

    /// Does one small piece of work; gives the result after the last.
    pub fn step(&mut self) -> Option<Loaded> {
        match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Start => {
                if self.bytes.len() < self.sizes.one_step {
                    return Some(self.in_one_go());
                }
                // The one pass over the whole file that checks its encoding (and `load`'s
                // other checks before parsing): the items are then parsed from its bytes.
                if let Err(problems) = text(&self.bytes) {
                    self.whole = true;
                    return Some(Err(problems));
                }
                self.stage = Stage::Split(Splitter::new(bom(&self.bytes)));
                None
            }
            Stage::Split(mut s) => {
                match s.scan(&self.bytes, self.sizes.scan.max(1)) {
                    Scan::More => self.stage = Stage::Split(s),
                    Scan::Found => self.stage = Stage::Head(s),
                    Scan::Unusual => return Some(self.in_one_go()),
                }
                None
            }
            Stage::Head(s) => {
                let Some(mut bundle) = self.head(&s) else { return Some(self.in_one_go()) };
                // A fault in the head (a vision of 40 MB) is found before any byte is
                // freed, and read whole in a step of its own.
                if !validate::validate(&bundle).is_empty() {
                    self.stage = Stage::Whole;
                    return None;
                }
                bundle.items.reserve_exact(s.items.len());
                if self.release {
                    // What follows the items is parsed now, with the head.
                    self.free_from(s.items.last().map_or(0, |&(_, to)| to));
                }
                self.stage = Stage::Items { spans: s.items, bundle, next: 0 };
                None
            }
            Stage::Items { spans, mut bundle, next } => {
                let end = (next + self.sizes.items.max(1)).min(spans.len());
                for k in next..end {
                    // A releasing load parses from the last item, to cut the file behind it.
                    let (from, to) = spans[if self.release { spans.len() - 1 - k } else { k }];
                    match serde_json::from_slice::<Item>(&self.bytes[from..to]) {
                        Ok(mut item) => {
                            // serde_json grows a list by doubling: a third of a series'
                            // memory was spare room.
                            item.series.shrink_to_fit();
                            item.assessments.shrink_to_fit();
                            bundle.items.push(item);
                        }
                        Err(_) => return self.fault(),
                    }
                    if self.release {
                        self.free_from(from);
                    }
                }
                if end == spans.len() && self.release {
                    bundle.items.reverse();
                }
                if end < spans.len() {
                    self.stage = Stage::Items { spans, bundle, next: end };
                } else {
                    let mut problems = Vec::new();
                    let known = validate::head(&bundle, &mut problems);
                    if !problems.is_empty() {
                        return self.fault();
                    }
                    self.stage = Stage::Check { bundle, known, next: 0 };
                }
                None
            }
            Stage::Check { mut bundle, known, next } => {
                let end = (next + self.sizes.items.max(1)).min(bundle.items.len());
                let mut problems = Vec::new();
                validate::items(&bundle, next..end, &known, &mut problems);
                if !problems.is_empty() {
                    return self.fault();
                }
                // Sorted once checked: problems name points by their place in the file.
                bundle.items[next..end].iter_mut().for_each(sort_series);
                if end < bundle.items.len() {
                    self.stage = Stage::Check { bundle, known, next: end };
                    return None;
                }
                validate::tail(&bundle, &known, &mut problems);
                if !problems.is_empty() {
                    return self.fault();
                }
                sort_periods(&mut bundle);
                fill_benchmarks(&mut bundle);
                Some(Ok(bundle))
            }
            Stage::WantsBytes => {
                self.stage = Stage::WantsBytes;
                None
            }
            Stage::Whole => Some(self.in_one_go()),
            Stage::Done => {
                Some(Err(vec![Problem::new("", "the bundle was already loaded").fix("open the bundle again")]))
            }
        }
    }

    /// A fault: its problems come from [`load`], on the whole file.
    fn fault(&mut self) -> Option<Loaded> {
        if self.bytes.len() < self.len {
            self.stage = Stage::WantsBytes;
            return None;
        }
        Some(self.in_one_go())
    }

    /// Frees the file from `at` on: the allocator splits the block in place, and the
    /// items parsed next take the room.
    fn free_from(&mut self, at: usize) {
        if at < self.bytes.len() {
            self.bytes.truncate(at);
            // Each few items' worth, so that the block is not split for every item.
            if self.bytes.capacity() - at >= 1 << 16 {
                self.bytes.shrink_to_fit();
            }
        }
    }

    /// The whole file to [`load`], for its exact problems.
    fn in_one_go(&mut self) -> Loaded {
        self.whole = true;
        load(&self.bytes)
    }

    /// Whether the file was read in one go, as [`load`] reads it (a small or faulty file).
    pub fn whole(&self) -> bool {
        self.whole
    }

    /// How far the load has got, from 0 to 1, for a progress bar.
    pub fn progress(&self) -> f64 {
        let len = self.len.max(1) as f64;
        match &self.stage {
            Stage::Start => 0.0,
            Stage::Split(s) | Stage::Head(s) => 0.1 * s.pos as f64 / len,
            Stage::Items { spans, next, .. } => 0.1 + 0.6 * *next as f64 / spans.len().max(1) as f64,
            Stage::Check { bundle, next, .. } => 0.7 + 0.3 * *next as f64 / bundle.items.len().max(1) as f64,
            Stage::WantsBytes | Stage::Whole | Stage::Done => 1.0,
        }
    }

    /// Parses everything but the items: the text with the items array left empty.
    fn head(&self, s: &Splitter) -> Option<Bundle> {
        let (from, to) = s.array?;
        let rest = [&self.bytes[bom(&self.bytes)..from], b"[]", &self.bytes[to..]].concat();
        // Read as `load` reads, with the same deserializer.
        let mut de = serde_json::Deserializer::from_slice(&rest);
        let bundle = <Bundle as serde::Deserialize>::deserialize(&mut de).ok()?;
        de.end().ok()?;
        bundle.items.is_empty().then_some(bundle)
    }
}

fn bom(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    }
}

enum Scan {
    More,
    Found,
    Unusual,
}

/// Finds the top-level `"items"` array and where each of its elements starts and ends,
/// by JSON's structure alone (brackets, strings, escapes); serde checks the rest.
struct Splitter {
    /// Offsets are into the whole file.
    pos: usize,
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// At depth 1: whether the next string is a key.
    want_key: bool,
    key_start: usize,
    last_key_is_items: bool,
    /// The items array: `[` to just after `]`, once found.
    array: Option<(usize, usize)>,
    in_items: bool,
    element_start: Option<usize>,
    items: Vec<(usize, usize)>,
}

impl Splitter {
    fn new(start: usize) -> Splitter {
        Splitter {
            pos: start,
            depth: 0,
            in_string: false,
            escaped: false,
            want_key: false,
            key_start: 0,
            last_key_is_items: false,
            array: None,
            in_items: false,
            element_start: None,
            items: Vec::new(),
        }
    }

    /// Scans up to `budget` more bytes of the file.
    fn scan(&mut self, text: &[u8], budget: usize) -> Scan {
        let end = (self.pos + budget).min(text.len());
        while self.pos < end {
            let i = self.pos;
            let b = text[i];
            self.pos += 1;
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.depth == 1 && self.want_key {
                        self.last_key_is_items = &text[self.key_start..i] == b"items";
                        self.want_key = false;
                    }
                }
                continue;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.key_start = i + 1;
                    self.begin_element(i);
                }
                b'{' | b'[' => {
                    if self.depth == 1 && b == b'[' && self.last_key_is_items && !self.want_key {
                        if self.array.is_some() {
                            return Scan::Unusual;
                        }
                        self.array = Some((i, i));
                        self.in_items = true;
                        self.depth += 1;
                        continue;
                    }
                    self.begin_element(i);
                    self.depth += 1;
                    if self.depth == 1 {
                        self.want_key = true;
                    }
                }
                b'}' | b']' => {
                    if self.depth == 0 {
                        return Scan::Unusual;
                    }
                    if self.depth == 2 && self.in_items {
                        if b != b']' {
                            return Scan::Unusual;
                        }
                        if !self.end_element(i, true) {
                            return Scan::Unusual;
                        }
                        self.in_items = false;
                        self.array = self.array.map(|(from, _)| (from, i + 1));
                        self.depth -= 1;
                        self.last_key_is_items = false;
                        // The rest of the file is parsed by serde with the head.
                        return Scan::Found;
                    }
                    self.depth -= 1;
                    if self.depth == 0 {
                        // The end of the bundle, and no items array in it.
                        return Scan::Unusual;
                    }
                }
                b',' => {
                    if self.depth == 1 {
                        self.want_key = true;
                        self.last_key_is_items = false;
                    } else if self.depth == 2 && self.in_items && !self.end_element(i, false) {
                        return Scan::Unusual;
                    }
                }
                b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
                _ => self.begin_element(i),
            }
        }
        if self.pos >= text.len() {
            Scan::Unusual
        } else {
            Scan::More
        }
    }

    /// A byte that is not white space at depth 2 of the items array starts an element.
    fn begin_element(&mut self, i: usize) {
        if self.in_items && self.depth == 2 && self.element_start.is_none() {
            self.element_start = Some(i);
        }
    }

    /// Closes the element before a `,` or `]` at offset `i`; an empty one is allowed only
    /// as the whole of `[]`.
    fn end_element(&mut self, i: usize, last: bool) -> bool {
        match self.element_start.take() {
            Some(from) => {
                self.items.push((from, i));
                true
            }
            None => last && self.items.is_empty(),
        }
    }
}
