//! Bytes to a checked bundle: size, UTF-8, JSON syntax, types, then the format's rules.
//! The bundle is parsed once, straight from the bytes.

use serde::Deserialize;

use crate::bundle::date::IsoDate;
use crate::bundle::locate::{line_column, locate_all, path_at};
use crate::bundle::problem::{quoted, Problem};
use crate::bundle::validate::{validate, version_problem, NOT_A_BUNDLE};
use crate::bundle::{Bundle, FORMAT};

/// The largest bundle the viewer opens: a county's whole scorecard with a decade of
/// monthly data is far below this; anything bigger would freeze a phone.
pub const MAX_BYTES: usize = 64 * 1024 * 1024;

/// Problems past this many are counted, not located, so a broken 10,000-item bundle
/// still reports quickly.
const LOCATED: usize = 500;

/// The problem of a file with nothing in it.
pub const EMPTY: &str = "the file is empty (0 bytes)";

/// The problem of a file whose JSON stops part way.
pub const ENDS_EARLY: &str = "the file ends too early: it is cut short or a bracket is missing";

/// Parses and validates a bundle. On success, periods and series points are in date order.
pub fn load(bytes: &[u8]) -> Result<Bundle, Vec<Problem>> {
    let text = text(bytes)?;
    // One plain deserializer, the one the loader reads items with: the path of an
    // error is worked out from the text, only when there is one.
    let mut de = serde_json::Deserializer::from_slice(text.as_bytes());
    let mut bundle = match Bundle::deserialize(&mut de) {
        Ok(b) => b,
        Err(e) => return Err(parse_problems(text, e)),
    };
    if let Err(e) = de.end() {
        return Err(vec![Problem::new("", "unexpected text after the end of the bundle")
            .at(e.line(), char_column(text, e.line(), e.column()))
            .expected("nothing after the closing brace")]);
    }

    let mut problems = validate(&bundle);
    if !problems.is_empty() {
        let located = problems.len().min(LOCATED);
        let places = locate_all(text, problems[..located].iter().map(|p| p.path.as_str()));
        for (p, place) in problems.iter_mut().zip(places) {
            if let Some((line, column)) = place {
                *p = p.clone().at(line, column);
            }
        }
        return Err(problems);
    }
    normalise(&mut bundle);
    Ok(bundle)
}

/// The checks before parsing: size, encoding, and that this is a JSON object at all.
pub(crate) fn text(bytes: &[u8]) -> Result<&str, Vec<Problem>> {
    if bytes.is_empty() || bytes == b"\xEF\xBB\xBF" {
        return Err(vec![Problem::new("", EMPTY).expected("a JSON scorecard bundle").fix(NOT_A_BUNDLE)]);
    }
    if bytes.len() > MAX_BYTES {
        return Err(vec![Problem::new("", "the file is too large to open")
            .found(format!("{} bytes", bytes.len()))
            .expected(format!("at most {} bytes ({} MiB)", MAX_BYTES, MAX_BYTES / 1024 / 1024))
            .fix("check this is the bundle meant: a whole scorecard is far smaller")]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        // A character cut in two at the very end: the file stops part way.
        Err(e) if e.error_len().is_none() => {
            let (line, column) = line_column(&String::from_utf8_lossy(bytes), bytes.len());
            return Err(vec![Problem::new("", ENDS_EARLY).at(line, column).fix(AGAIN)]);
        }
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let (line, column) = line_column(std::str::from_utf8(good).unwrap_or(""), good.len());
            return Err(vec![Problem::new("", "the file is not UTF-8 text")
                .at(line, column)
                .found(format!("byte 0x{:02X}", bytes[e.valid_up_to()]))
                .expected("a JSON file saved as UTF-8")]);
        }
    };

    // serde would also read a JSON array as a bundle (structs accept sequences).
    if let Some(first) = text.trim_start().chars().next().filter(|&c| c != '{') {
        let (line, column) = line_column(text, text.len() - text.trim_start().len());
        return Err(vec![Problem::new("", "this is not a scorecard bundle: a bundle is a JSON object")
            .at(line, column)
            .found(format!("'{}'", first.escape_debug()))
            .expected("'{'")
            .fix(NOT_A_BUNDLE)]);
    }
    Ok(text)
}

/// A parse failure, explained: a bundle of another format or a newer version says so
/// first, as its shape may differ anywhere.
fn parse_problems(text: &str, e: serde_json::Error) -> Vec<Problem> {
    #[derive(Deserialize)]
    struct Header {
        format: Option<Json>,
        version: Option<Json>,
    }
    let mut out = Vec::new();
    if let Ok(h) = serde_json::from_slice::<Header>(text.as_bytes()) {
        match h.format {
            Some(Json { word: Some(f), .. }) if f == FORMAT => {}
            Some(other) => out.push(
                Problem::new("format", "this is not a scorecard bundle")
                    .found(other.text)
                    .expected(crate::bundle::problem::quoted(FORMAT))
                    .fix(NOT_A_BUNDLE),
            ),
            None => out.push(
                Problem::new("format", "this is not a scorecard bundle: no \"format\" field")
                    .expected(crate::bundle::problem::quoted(FORMAT))
                    .fix(NOT_A_BUNDLE),
            ),
        }
        if let Some(v) = h.version.and_then(|v| v.number) {
            out.extend(version_problem(v.floor() as i64));
        }
        let places = locate_all(text, out.iter().map(|p| p.path.as_str()));
        for (p, place) in out.iter_mut().zip(places) {
            if let Some((line, column)) = place {
                *p = p.clone().at(line, column);
            }
        }
        if !out.is_empty() {
            return out;
        }
    }
    let path = path_at(text, &e);
    // `?` stands for a key that could not be read (a file cut inside it).
    let path = if path == "." { String::new() } else { path.trim_end_matches(".?").to_string() };
    let at = (e.line(), char_column(text, e.line(), e.column()).max(1));
    let problem = match e.classify() {
        serde_json::error::Category::Eof => Problem::new(path, ENDS_EARLY).fix(AGAIN),
        serde_json::error::Category::Syntax => {
            Problem::new(path, format!("not valid JSON: {}", strip_position(&e.to_string())))
                .fix("correct the punctuation here: a comma, quote or bracket is missing or one too many")
        }
        _ => wrong_type(path, &strip_position(&e.to_string())),
    };
    vec![problem.at(at.0, at.1)]
}

/// What to do about a bundle cut short.
const AGAIN: &str = "download or save the bundle again, in full";

/// serde's "invalid type: string \"12.5\", expected f64", in words: a value of the wrong
/// JSON type, what it is and what this place takes. Only the words are taken from serde's
/// message, with its own as the fallback: the problem's kind never depends on them.
fn wrong_type(path: String, serde: &str) -> Problem {
    let field = |prefix: &str| serde.strip_prefix(prefix).map(|f| quoted(f.trim_matches('`')));
    if let Some(name) = field("missing field ") {
        return Problem::new(path, format!("the field {name} is missing")).fix(format!("add the field {name}"));
    }
    if let Some(name) = field("duplicate field ") {
        return Problem::new(path, format!("the field {name} is given twice")).fix("keep one of the two");
    }
    let Some((found, expected)) =
        (serde.strip_prefix("invalid type: ").or_else(|| serde.strip_prefix("invalid value: ")))
            .and_then(|rest| rest.rsplit_once(", expected "))
    else {
        return Problem::new(path, format!("wrong type: {serde}"))
            .fix("correct the value to the type this field takes");
    };
    let found = match found {
        "map" => "an object { }".to_string(),
        "sequence" => "a list [ ]".to_string(),
        "null" => "null".to_string(),
        other => {
            let other = other.replace('`', "");
            if let Some(text) = other.strip_prefix("string ") {
                format!("the text {text}")
            } else if let Some(n) = other.strip_prefix("integer ").or_else(|| other.strip_prefix("floating point ")) {
                format!("the number {n}")
            } else if let Some(b) = other.strip_prefix("boolean ") {
                b.to_string()
            } else {
                other
            }
        }
    };
    let expected = match expected {
        "f64" | "f32" | "i64" | "i32" | "u64" | "u32" | "u8" | "u16" | "i8" | "i16" => {
            "a number, without quotes".to_string()
        }
        "a string" => "text in double quotes".to_string(),
        "a sequence" => "a list in square brackets [ ]".to_string(),
        "a map" => "an object in braces { }".to_string(),
        "a boolean" => "true or false".to_string(),
        other if other.starts_with("struct ") => "an object in braces { }".to_string(),
        other => other.replace('`', "\""),
    };
    Problem::new(path, "a value of the wrong type").found(found).expected(expected)
}

/// Any JSON value, written back as serde_json writes a `serde_json::Value` (compact, an
/// object's keys sorted, the last of a repeated key kept), without `Value`'s code in the
/// download: what a bundle's `format` is, when it is not the expected word.
struct Json {
    text: String,
    /// A string's words.
    word: Option<String>,
    number: Option<f64>,
}

impl Json {
    fn of(text: String) -> Json {
        Json { text, word: None, number: None }
    }
}

impl<'de> Deserialize<'de> for Json {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Json, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = Json;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Json, E> {
        Ok(Json::of(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Json, E> {
        Ok(Json { number: Some(v as f64), ..Json::of(v.to_string()) })
    }
    fn visit_u64<E>(self, v: u64) -> Result<Json, E> {
        Ok(Json { number: Some(v as f64), ..Json::of(v.to_string()) })
    }
    fn visit_f64<E>(self, v: f64) -> Result<Json, E> {
        Ok(Json { number: Some(v), ..Json::of(serde_json::to_string(&v).unwrap_or_default()) })
    }
    fn visit_str<E>(self, v: &str) -> Result<Json, E> {
        Ok(Json { word: Some(v.to_string()), ..Json::of(serde_json::to_string(v).unwrap_or_default()) })
    }
    fn visit_unit<E>(self) -> Result<Json, E> {
        Ok(Json::of("null".to_string()))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Json, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Json>()? {
            items.push(item.text);
        }
        Ok(Json::of(format!("[{}]", items.join(","))))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Json, A::Error> {
        let mut entries = std::collections::BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Json>()? {
            entries.insert(key, value.text);
        }
        let entries: Vec<String> = entries
            .iter()
            .map(|(key, value)| format!("{}:{value}", serde_json::to_string(key).unwrap_or_default()))
            .collect();
        Ok(Json::of(format!("{{{}}}", entries.join(","))))
    }
}

/// serde_json counts columns in bytes; a person (and `locate`) counts characters.
fn char_column(text: &str, line: usize, byte_column: usize) -> usize {
    let Some(row) = text.split('\n').nth(line.saturating_sub(1)) else { return byte_column };
    let end = byte_column.min(row.len());
    let end = (0..=end).rev().find(|&i| row.is_char_boundary(i)).unwrap_or(0);
    row[..end].chars().count() + (byte_column - end).min(1)
}

/// serde_json appends " at line L column C"; the problem shows the position itself.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Puts periods and series points in date order, as the format lets producers write
/// them in any order, and gives each point the value of the item's benchmark comparator
/// for its date, so every view's benchmark (chart line, table, verdict) is that comparator.
fn normalise(bundle: &mut Bundle) {
    sort_periods(bundle);
    for item in &mut bundle.items {
        sort_series(item);
    }
    fill_benchmarks(bundle);
}

/// Each point without a `benchmark` gets the benchmark comparator's value for the same
/// date, and an item without a `comparator_label` gets the comparator's label. A point's
/// own benchmark, where stated, is kept.
pub(crate) fn fill_benchmarks(bundle: &mut Bundle) {
    for item in &mut bundle.items {
        let Some(comparator) = crate::bundle::format::benchmark_comparator_among(&bundle.comparators, item) else {
            continue;
        };
        let Some(theirs) = item.comparisons.get(&comparator.id) else { continue };
        let by_date: std::collections::HashMap<IsoDate, f64> = theirs
            .iter()
            .filter_map(|p| Some((IsoDate::parse(&p.date).ok()?, p.value.filter(|v| v.is_finite())?)))
            .collect();
        if by_date.is_empty() {
            continue;
        }
        for point in item.series.iter_mut().filter(|p| p.benchmark.is_none()) {
            point.benchmark = IsoDate::parse(&point.date).ok().and_then(|d| by_date.get(&d).copied());
        }
        if item.comparator_label.as_deref().is_none_or(|l| l.trim().is_empty()) {
            item.comparator_label = Some(comparator.label.clone());
        }
    }
}

pub(crate) fn sort_periods(bundle: &mut Bundle) {
    bundle.periods.sort_by_cached_key(|p| IsoDate::parse(&p.end).ok());
}

pub(crate) fn sort_series(item: &mut crate::bundle::Item) {
    item.series.sort_by_cached_key(|p| IsoDate::parse(&p.date).ok());
    for theirs in item.comparisons.values_mut() {
        theirs.sort_by_cached_key(|p| IsoDate::parse(&p.date).ok());
    }
}

#[cfg(test)]
mod tests {
    use super::Json;

    #[test]
    fn a_value_is_written_back_as_serde_json_writes_it() {
        let samples = [
            r#""hwb-scorecard""#,
            r#""tab\there \u00e9 \/ \u0001 \ud83d\ude00""#,
            "2",
            "-7",
            "18446744073709551615",
            "1.50",
            "1e300",
            "-0",
            "-0.0",
            "1E-7",
            "true",
            "null",
            r#"[1, "a", null, [], {}]"#,
            r#"{"b": 1, "a": {"z": [true, 2.0]}, "b": "again"}"#,
        ];
        for sample in samples {
            let json: Json = serde_json::from_str(sample).unwrap();
            let value: serde_json::Value = serde_json::from_str(sample).unwrap();
            assert_eq!(json.text, value.to_string(), "{sample}");
            assert_eq!(json.number, value.as_f64(), "{sample}");
            assert_eq!(json.word.as_deref(), value.as_str(), "{sample}");
        }
    }
}
