//! Finds where a JSON path lies in the source text, so a problem found after parsing
//! (a duplicate id, a dangling reference) still points at a line and column.

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

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, column)
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
                    let key = self.string()?;
                    self.ws();
                    self.expect(b':')?;
                    self.ws();
                    if key == want.as_bytes() {
                        return self.find(&path[1..]).or(Some(here));
                    }
                    self.skip()?;
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
                    self.skip()?;
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

    /// The raw bytes between the quotes of a string.
    fn string(&mut self) -> Option<&'a [u8]> {
        self.expect(b'"')?;
        let start = self.i;
        loop {
            match self.peek()? {
                b'\\' => self.i += 2,
                b'"' => {
                    self.i += 1;
                    return Some(&self.b[start..self.i - 1]);
                }
                _ => self.i += 1,
            }
        }
    }

    fn skip(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            open @ (b'{' | b'[') => {
                let close = if open == b'{' { b'}' } else { b']' };
                self.i += 1;
                loop {
                    self.ws();
                    match self.peek()? {
                        c if c == close => {
                            self.i += 1;
                            return Some(());
                        }
                        b',' | b':' => self.i += 1,
                        _ => self.skip()?,
                    }
                }
            }
            _ => {
                while !matches!(self.peek()?, b',' | b'}' | b']' | b' ' | b'\n' | b'\r' | b'\t') {
                    self.i += 1;
                }
                Some(())
            }
        }
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
