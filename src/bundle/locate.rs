//! Finds where a JSON path lies in the source text, so a problem found after parsing
//! (a duplicate id, a dangling reference) still points at a line and column; and the
//! reverse, the path of the place a parse error points at.

use crate::bundle::shape::{self, Shape};

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Splits `items[12].assessments[0].rag` into steps.
pub fn steps(path: &str) -> Vec<Step> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Step::Key(key.to_string()));
        }
        for index in rest.split('[').filter(|s| !s.is_empty()) {
            match index.trim_end_matches(']').parse() {
                Ok(n) => out.push(Step::Index(n)),
                Err(_) => return out,
            }
        }
    }
    out
}

/// 1-based line and column of the value at `path`, or of the deepest enclosing value
/// that exists (a missing field points at its object).
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut scan = Scanner { b: text.as_bytes(), i: 0 };
    scan.ws();
    let offset = scan.find(&steps(path))?;
    Some(line_column(text, offset))
}

/// [`locate`] for many paths at once, in time linear in the text: the top level is
/// indexed in one pass (each key's value, and each element of an array there), so a path
/// such as `items[9000].id` starts at its item, and the lines and columns are counted in
/// one sweep. Locating each problem from the start instead took 500 passes over a 50 MB
/// bundle with 500 problems near its end: minutes, in a frozen tab.
pub fn locate_all<'p>(text: &str, paths: impl IntoIterator<Item = &'p str>) -> Vec<Option<(usize, usize)>> {
    let index = TopLevel::new(text);
    let offsets: Vec<Option<usize>> = paths
        .into_iter()
        .map(|path| match &index {
            Some(index) => index.find(text.as_bytes(), &steps(path)),
            None => {
                let mut scan = Scanner { b: text.as_bytes(), i: 0 };
                scan.ws();
                scan.find(&steps(path))
            }
        })
        .collect();
    let mut order: Vec<usize> = (0..offsets.len()).filter(|&k| offsets[k].is_some()).collect();
    order.sort_by_key(|&k| offsets[k]);
    let mut out = vec![None; offsets.len()];
    let bytes = text.as_bytes();
    let (mut pos, mut line, mut column) = (0, 1, 1);
    for k in order {
        let target = offsets[k].unwrap_or(0).min(bytes.len());
        let chunk = &bytes[pos..target];
        match chunk.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                line += chunk.iter().filter(|&&b| b == b'\n').count();
                column = 1 + chars(&chunk[last + 1..]);
            }
            None => column += chars(chunk),
        }
        pos = target;
        out[k] = Some((line, column));
    }
    out
}

/// Characters in UTF-8 bytes: the bytes that start one.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

/// Where each top-level value starts, and each element of a top-level array: one pass.
struct TopLevel {
    root: usize,
    /// Key (raw, as between its quotes; the first of a repeated key), value offset, and
    /// the element offsets when the value is an array.
    keys: Vec<(Vec<u8>, usize, Option<Vec<usize>>)>,
}

impl TopLevel {
    fn new(text: &str) -> Option<TopLevel> {
        let mut scan = Scanner { b: text.as_bytes(), i: 0 };
        scan.ws();
        let root = scan.i;
        scan.expect(b'{')?;
        let mut keys: Vec<(Vec<u8>, usize, Option<Vec<usize>>)> = Vec::new();
        loop {
            scan.ws();
            if scan.peek()? == b'}' {
                return Some(TopLevel { root, keys });
            }
            let key = scan.string(false)?;
            scan.ws();
            scan.expect(b':')?;
            scan.ws();
            let value = scan.i;
            let elements = if scan.peek()? == b'[' {
                scan.i += 1;
                let mut elements = Vec::new();
                loop {
                    scan.ws();
                    if scan.peek()? == b']' {
                        scan.i += 1;
                        break;
                    }
                    elements.push(scan.i);
                    scan.skip_value()?;
                    scan.ws();
                    if scan.peek()? == b',' {
                        scan.i += 1;
                    }
                }
                Some(elements)
            } else {
                scan.skip_value()?;
                None
            };
            if !keys.iter().any(|(k, _, _)| k == key) {
                keys.push((key.to_vec(), value, elements));
            }
            scan.ws();
            if scan.peek()? == b',' {
                scan.i += 1;
            }
        }
    }

    /// What `Scanner::find` gives from the root, without walking to the value.
    fn find(&self, b: &[u8], path: &[Step]) -> Option<usize> {
        let Some(Step::Key(want)) = path.first() else { return Some(self.root) };
        let Some((_, value, elements)) = self.keys.iter().find(|(k, _, _)| k == want.as_bytes()) else {
            return Some(self.root);
        };
        let found = match (path.get(1), elements) {
            (Some(Step::Index(n)), Some(elements)) => match elements.get(*n) {
                Some(&at) => Scanner { b, i: at }.find(&path[2..]).or(Some(*value)),
                None => Some(*value),
            },
            _ => Scanner { b, i: *value }.find(&path[1..]),
        };
        found.or(Some(self.root))
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
}

/// The path of the value a failed parse of a bundle was reading, written as
/// serde_path_to_error writes it (`items[2].series[0].value`, `.` for the whole bundle,
/// `?` for a key it could not read): worked out from the text only when there is an
/// error, so the app parses with one plain deserializer.
///
/// The text is walked as serde_json reads it, up to where the error points (an error
/// about a value points just after it, or just before a bracket it did not expect),
/// or to the end for a file cut short. Inside a key no type knows, serde skips the value
/// whole, and so does the path.
pub fn path_at(text: &str, error: &serde_json::Error) -> String {
    let eof = error.classify() == serde_json::error::Category::Eof;
    let end = if eof { text.len() } else { offset(text, error.line(), error.column()) };
    let mut walk = Walk { scan: Scanner { b: &text.as_bytes()[..end], i: 0 }, eof, path: Vec::new() };
    match walk.value(Some(&shape::BUNDLE)) {
        Err(path) => path,
        Ok(()) => walk.here(false),
    }
}

/// serde_json's line and column (in bytes, 0 just after a newline) as the byte offset
/// it had read up to.
fn offset(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    (start + column).min(text.len())
}

/// A walk that stops with the path where serde stopped.
struct Walk<'a> {
    /// The text up to where the error points.
    scan: Scanner<'a>,
    /// Whether that is the real end of the file (an error for a file cut short).
    eof: bool,
    path: Vec<Step>,
}

type Walked = Result<(), String>;

impl Walk<'_> {
    /// The path here, with `?` for a key not read.
    fn here(&self, unknown: bool) -> String {
        let mut out = String::new();
        let mut separator = "";
        for step in &self.path {
            match step {
                Step::Key(key) => {
                    out.push_str(separator);
                    out.push_str(key);
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
            separator = ".";
        }
        if unknown {
            out.push_str(separator);
            out.push('?');
        } else if self.path.is_empty() {
            out.push('.');
        }
        out
    }

    fn stop(&self) -> Walked {
        Err(self.here(false))
    }

    /// Whether the error points just after what was read last: it is about that value.
    fn cut(&self) -> bool {
        !self.eof && self.scan.i == self.scan.b.len()
    }

    /// A value of `shape`, or, with none, the value of a key no type knows.
    fn value(&mut self, shape: Option<&Shape>) -> Walked {
        self.scan.ws();
        let read = match (self.scan.peek(), shape) {
            (None, _) => None,
            (Some(b'['), Some(shape @ (Shape::List(_) | Shape::Struct(_)))) => return self.list(shape),
            (Some(b'{'), Some(shape @ (Shape::Map(_) | Shape::Struct(_)))) => return self.object(shape),
            (Some(b'[' | b'{'), _) => self.scan.skip_value(),
            (Some(_), known) => self.scan.scalar(known.is_some()),
        };
        if read.is_none() || self.cut() {
            return self.stop();
        }
        Ok(())
    }

    /// A list, or a struct written as a list (serde reads its fields in order).
    fn list(&mut self, shape: &Shape) -> Walked {
        self.scan.i += 1;
        let mut n = 0;
        loop {
            self.scan.ws();
            let Some(c) = self.scan.peek() else { return self.list_ends(n) };
            if c == b']' {
                self.scan.i += 1;
                return if self.cut() { self.stop() } else { Ok(()) };
            }
            let element = match shape {
                Shape::List(element) => *element,
                Shape::Struct(fields) => match fields.get(n) {
                    Some((_, field)) => field,
                    None => return self.stop(),
                },
                _ => return self.stop(),
            };
            if n > 0 {
                if c != b',' {
                    return self.stop();
                }
                self.scan.i += 1;
                self.scan.ws();
                match self.scan.peek() {
                    None => return self.list_ends(n),
                    Some(b']') => return self.stop(),
                    Some(_) => {}
                }
            }
            self.path.push(Step::Index(n));
            self.value(Some(element))?;
            self.path.pop();
            n += 1;
        }
    }

    /// Where a list's text stops between elements: a file cut short is the list's
    /// fault; an error pointing here is about the element that starts next.
    fn list_ends(&mut self, n: usize) -> Walked {
        if !self.eof {
            self.path.push(Step::Index(n));
        }
        self.stop()
    }

    /// An object: a struct's fields, or a map's values.
    fn object(&mut self, shape: &Shape) -> Walked {
        self.scan.i += 1;
        let mut first = true;
        loop {
            self.scan.ws();
            let Some(mut c) = self.scan.peek() else { return Err(self.here(true)) };
            if c == b'}' {
                self.scan.i += 1;
                return if self.cut() { self.stop() } else { Ok(()) };
            }
            if !first {
                if c != b',' {
                    return Err(self.here(true));
                }
                self.scan.i += 1;
                self.scan.ws();
                // The end of the text is no key either.
                c = self.scan.peek().unwrap_or(0);
            }
            if c != b'"' {
                return Err(self.here(true));
            }
            let start = self.scan.i;
            if self.scan.string(true).is_none() {
                return Err(self.here(true));
            }
            let raw = &self.scan.b[start..self.scan.i];
            // An error just after a key is about the object (a field given twice).
            if self.cut() {
                return self.stop();
            }
            let key = match raw.contains(&b'\\') {
                true => serde_json::from_slice(raw).unwrap_or_default(),
                false => String::from_utf8_lossy(&raw[1..raw.len() - 1]).into_owned(),
            };
            self.scan.ws();
            if self.scan.expect(b':').is_none() {
                return self.stop();
            }
            let field = match shape {
                Shape::Struct(fields) => fields.iter().find(|(name, _)| *name == key).map(|(_, field)| field),
                Shape::Map(value) => Some(*value),
                _ => None,
            };
            self.path.push(Step::Key(key));
            self.value(field)?;
            self.path.pop();
            first = false;
        }
    }
}

struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Scanner<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.i += 1;
        }
    }

    /// Walks down `path` from the value starting here; returns its byte offset.
    fn find(&mut self, path: &[Step]) -> Option<usize> {
        let here = self.i;
        let Some(step) = path.first() else { return Some(here) };
        match (step, self.peek()?) {
            (Step::Key(want), b'{') => {
                self.i += 1;
                loop {
                    self.ws();
                    if self.peek()? == b'}' {
                        return Some(here);
                    }
                    let key = self.string(false)?;
                    self.ws();
                    self.expect(b':')?;
                    self.ws();
                    if key == want.as_bytes() {
                        return self.find(&path[1..]).or(Some(here));
                    }
                    self.skip_value()?;
                    self.ws();
                    if self.peek()? == b',' {
                        self.i += 1;
                    }
                }
            }
            (Step::Index(want), b'[') => {
                self.i += 1;
                let mut n = 0;
                loop {
                    self.ws();
                    if self.peek()? == b']' {
                        return Some(here);
                    }
                    if n == *want {
                        return self.find(&path[1..]).or(Some(here));
                    }
                    self.skip_value()?;
                    self.ws();
                    if self.peek()? == b',' {
                        self.i += 1;
                    }
                    n += 1;
                }
            }
            _ => Some(here),
        }
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.i += 1)
    }

    /// The raw bytes between the quotes of a string, checked as serde_json checks them
    /// (`validate`: and its `\\u` escapes pair up, as when it is read as a string).
    fn string(&mut self, validate: bool) -> Option<&'a [u8]> {
        self.expect(b'"')?;
        let start = self.i;
        loop {
            match self.next()? {
                b'"' => return Some(&self.b[start..self.i - 1]),
                b'\\' => match self.next()? {
                    b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                    b'u' => {
                        let unit = self.hex()?;
                        if validate && (0xDC00..=0xDFFF).contains(&unit) {
                            return None;
                        }
                        if validate && (0xD800..=0xDBFF).contains(&unit) {
                            self.expect(b'\\')?;
                            self.expect(b'u')?;
                            let low = self.hex()?;
                            (0xDC00..=0xDFFF).contains(&low).then_some(())?;
                        }
                    }
                    _ => return None,
                },
                0..=0x1F => return None,
                _ => {}
            }
        }
    }

    /// The four hex digits of a `\\u` escape.
    fn hex(&mut self) -> Option<u16> {
        let digits = self.b.get(self.i..self.i + 4)?;
        self.i += 4;
        digits.iter().try_fold(0, |unit, &d| Some(unit << 4 | (d as char).to_digit(16)? as u16))
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.expect(byte).is_some()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.i += 1;
        Some(byte)
    }

    /// A string, number, `true`, `false` or `null`, checked as serde_json checks it
    /// (`validate`: and its `\\u` escapes pair up, as when it is read as a string).
    fn scalar(&mut self, validate: bool) -> Option<()> {
        match self.peek()? {
            b'"' => self.string(validate).map(|_| ()),
            b'-' | b'0'..=b'9' => self.number(),
            b't' => self.word(b"true"),
            b'f' => self.word(b"false"),
            b'n' => self.word(b"null"),
            _ => None,
        }
    }

    fn word(&mut self, word: &[u8]) -> Option<()> {
        word.iter().try_for_each(|&b| (self.next()? == b).then_some(()))
    }

    fn number(&mut self) -> Option<()> {
        self.eat(b'-');
        match self.next()? {
            b'0' if matches!(self.peek(), Some(b'0'..=b'9')) => return None,
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.eat(b'.') {
            self.digit()?;
        }
        if self.eat(b'e') || self.eat(b'E') {
            let _ = self.eat(b'+') || self.eat(b'-');
            self.digit()?;
        }
        Some(())
    }

    /// At least one digit.
    fn digit(&mut self) -> Option<()> {
        self.next().filter(u8::is_ascii_digit)?;
        self.digits();
        Some(())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.i += 1;
        }
    }

    /// A whole value serde skips (a key no type knows), checked as strictly, without
    /// recursion, as a file may nest deeply.
    fn skip_value(&mut self) -> Option<()> {
        let mut open = Vec::new();
        loop {
            self.ws();
            match self.peek()? {
                open_bracket @ (b'[' | b'{') => {
                    self.i += 1;
                    self.ws();
                    let close = if open_bracket == b'[' { b']' } else { b'}' };
                    if !self.eat(close) {
                        open.push(close);
                        if close == b'}' {
                            self.member_key()?;
                        }
                        continue;
                    }
                }
                _ => self.scalar(false)?,
            }
            loop {
                let Some(&close) = open.last() else { return Some(()) };
                self.ws();
                if self.eat(close) {
                    open.pop();
                    continue;
                }
                self.expect(b',')?;
                if close == b'}' {
                    self.member_key()?;
                }
                break;
            }
        }
    }

    /// `"key":` inside a skipped object.
    fn member_key(&mut self) -> Option<()> {
        self.ws();
        self.string(false)?;
        self.ws();
        self.expect(b':')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"items\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"rag\": \"purple\"}\n  ]\n}";

    #[test]
    fn finds_nested_values() {
        assert_eq!(locate(TEXT, "items[1].rag"), Some((4, 24)));
        assert_eq!(locate(TEXT, "items[0].id"), Some((3, 12)));
    }

    #[test]
    fn a_missing_field_points_at_its_object() {
        assert_eq!(locate(TEXT, "items[0].title"), Some((3, 5)));
    }

    #[test]
    fn many_paths_at_once_land_where_each_alone_lands() {
        let paths = [
            "items[1].rag",
            "items[0].id",
            "items[0].title",
            "items[7].id",
            "items",
            "board.name",
            "",
            "items[1].rag.x",
        ];
        let one_by_one: Vec<_> = paths.iter().map(|p| locate(TEXT, p)).collect();
        assert_eq!(locate_all(TEXT, paths), one_by_one);
        let one_line = "{\"a\": 1, \"items\": [{\"id\": \"é\"}, {\"id\": \"b\", \"rag\": 0}], \"a\": [2]}";
        let paths = ["items[1].rag", "items[0].id", "a", "a[0]", "items[2]"];
        let one_by_one: Vec<_> = paths.iter().map(|p| locate(one_line, p)).collect();
        assert_eq!(locate_all(one_line, paths), one_by_one);
        assert_eq!(locate_all("[1, 2]", ["items[0]"]), vec![locate("[1, 2]", "items[0]")]);
    }

    #[test]
    fn paths_split_into_steps() {
        assert_eq!(
            steps("items[12].assessments[0].rag"),
            vec![
                Step::Key("items".into()),
                Step::Index(12),
                Step::Key("assessments".into()),
                Step::Index(0),
                Step::Key("rag".into())
            ]
        );
    }
}
