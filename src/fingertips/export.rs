//! The rows of a Fingertips CSV export, read by column name, and the problems found in it.

use std::fmt;

use crate::bundle::printable::escaped;
use crate::bundle::problem::{and_more, quoted, Counted, ProblemKind, LISTED};
use crate::fingertips::period::{period, Period};

/// A whole export, its rows in file order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Export {
    pub rows: Vec<Row>,
}

/// One row: one value of one indicator for one area, sex, age, category and period.
///
/// Text fields are trimmed, with runs of white space (line breaks too) made one space;
/// an empty field is `None` (or an empty string for the columns every export has). Numbers
/// are read with thousands separators removed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    /// Line of the file on which the row starts (the header is line 1).
    pub line: u64,
    pub indicator_id: String,
    pub indicator_name: String,
    pub parent_code: Option<String>,
    pub parent_name: Option<String>,
    pub area_code: String,
    pub area_name: String,
    /// `Country` (older exports) or `England` (newer ones) for England itself.
    pub area_type: Option<String>,
    pub sex: Option<String>,
    pub age: Option<String>,
    pub category_type: Option<String>,
    pub category: Option<String>,
    /// The label as published: `2015`, `2015/16`, `2015 - 17`, `2015 Q1`; see [`Row::period`].
    pub time_period: String,
    /// `Time period Sortable`, e.g. `20150000`. Some chart exports give every row the same
    /// number, so order by [`Row::period`] instead.
    pub time_period_sortable: Option<i64>,
    /// `Time period range` of newer exports, e.g. `1y`, `3y`, `3m`.
    pub time_period_range: Option<String>,
    pub value: Option<f64>,
    pub lower_95: Option<f64>,
    pub upper_95: Option<f64>,
    pub lower_99_8: Option<f64>,
    pub upper_99_8: Option<f64>,
    pub count: Option<f64>,
    pub denominator: Option<f64>,
    /// Plain text: any HTML tags of the source are removed and its entities decoded, so it
    /// is never shown as markup.
    pub value_note: Option<String>,
    /// Fingertips' recent trend word, e.g. `Increasing and getting better`, `Cannot be
    /// calculated`.
    pub recent_trend: Option<String>,
    /// `Compared to England value or percentiles`: `Better`, `Similar`, `Worse`, `Higher`,
    /// `Lower`, `Not compared`, ...
    pub compared_to_england: Option<String>,
    /// `Compared to Region value or percentiles` (older exports) or `Compared to parent
    /// value or percentiles` (newer ones).
    pub compared_to_parent: Option<String>,
}

impl Row {
    /// When the row's period ends and how long it is, from its label.
    pub fn period(&self) -> Option<Period> {
        period(&self.time_period)
    }
}

/// Something in a file that stops it being read as a Fingertips export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportProblem {
    /// What code decides by; `found` and `expected` are for people.
    pub kind: ProblemKind,
    /// The file's name, as given to [`read`].
    pub file: String,
    /// 1-based line, when the problem is on one.
    pub line: Option<u64>,
    /// The column's name in the header, when the problem is in one.
    pub column: Option<String>,
    /// What was found.
    pub found: String,
    /// What is accepted there.
    pub expected: String,
}

/// One line, whatever the file held: its name and header are the file's own text, escaped
/// as `printable` says.
impl fmt::Display for ExportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", escaped(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(column) = &self.column {
            write!(f, ", column {}", quoted(column))?;
        }
        write!(f, ": found {}; expected {}", escaped(&self.found), escaped(&self.expected))
    }
}

impl std::error::Error for ExportProblem {}

/// The columns read, by their header names made lower case without spaces (so that
/// `Area Name` and `AreaName` are the same column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    IndicatorId,
    IndicatorName,
    ParentCode,
    ParentName,
    AreaCode,
    AreaName,
    AreaType,
    Sex,
    Age,
    CategoryType,
    Category,
    TimePeriod,
    Value,
    Lower95,
    Upper95,
    Lower998,
    Upper998,
    Count,
    Denominator,
    ValueNote,
    RecentTrend,
    ComparedToEngland,
    ComparedToParent,
    TimePeriodSortable,
    TimePeriodRange,
}

const COLUMNS: &[(&str, Column)] = &[
    ("indicatorid", Column::IndicatorId),
    ("indicatorname", Column::IndicatorName),
    ("parentcode", Column::ParentCode),
    ("parentname", Column::ParentName),
    ("areacode", Column::AreaCode),
    ("areaname", Column::AreaName),
    ("areatype", Column::AreaType),
    ("sex", Column::Sex),
    ("age", Column::Age),
    ("categorytype", Column::CategoryType),
    ("category", Column::Category),
    ("timeperiod", Column::TimePeriod),
    ("value", Column::Value),
    ("lowerci95.0limit", Column::Lower95),
    ("upperci95.0limit", Column::Upper95),
    ("lowerci99.8limit", Column::Lower998),
    ("upperci99.8limit", Column::Upper998),
    ("count", Column::Count),
    ("denominator", Column::Denominator),
    ("valuenote", Column::ValueNote),
    ("recenttrend", Column::RecentTrend),
    ("comparedtoenglandvalueorpercentiles", Column::ComparedToEngland),
    ("comparedtoregionvalueorpercentiles", Column::ComparedToParent),
    ("comparedtoparentvalueorpercentiles", Column::ComparedToParent),
    ("timeperiodsortable", Column::TimePeriodSortable),
    ("timeperiodrange", Column::TimePeriodRange),
];

/// The columns without which a file is not a Fingertips export.
const REQUIRED: &[(Column, &str)] = &[
    (Column::IndicatorId, "Indicator ID"),
    (Column::IndicatorName, "Indicator Name"),
    (Column::AreaCode, "Area Code"),
    (Column::AreaName, "Area Name"),
    (Column::TimePeriod, "Time period"),
    (Column::Value, "Value"),
];

/// The most bytes an export may have, alone or with the others given with it: 16 MiB,
/// eighty times an indicator's rows for every county and unitary authority over three
/// years; a 24 MB export once took 2.6 GB in a browser tab.
pub const MAX_BYTES: usize = 16 << 20;

/// The most rows an export may have: short rows in a file within [`MAX_BYTES`] would
/// otherwise hold a million, each kept with its 25 columns.
pub const MAX_ROWS: usize = 100_000;

/// Reads the bytes of a Fingertips CSV export named `file_name` (the name is only used in
/// problems). Columns not listed on [`Row`] (such as `New data` and `Compared to goal`) are
/// ignored; so are fields beyond the header. Any problem makes the whole file fail, with
/// every problem found listed, up to [`LISTED`], and then how many more.
pub fn read(file_name: &str, bytes: &[u8]) -> Result<Export, Vec<ExportProblem>> {
    let problem =
        |kind: ProblemKind, line: Option<u64>, column: Option<&str>, found: String, expected: &str| ExportProblem {
            kind,
            file: file_name.to_string(),
            line,
            column: column.map(str::to_string),
            found,
            expected: expected.to_string(),
        };
    if bytes.len() > MAX_BYTES {
        return Err(vec![ExportProblem {
            kind: ProblemKind::TooMany { what: Counted::Bytes, limit: MAX_BYTES as u64 },
            ..problem(
                ProblemKind::Unreadable,
                None,
                None,
                format!("{} bytes", bytes.len()),
                &format!("at most {MAX_BYTES} bytes: an export of the indicators and areas the scorecard uses"),
            )
        }]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
        let found = format!("a byte (0x{:02X}) that is not UTF-8 text", bytes[at]);
        let expected = "UTF-8 text (in Excel, save as \"CSV UTF-8 (Comma delimited)\")";
        return Err(vec![problem(ProblemKind::Unreadable, Some(line), None, found, expected)]);
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(vec![problem(
            ProblemKind::Missing,
            None,
            None,
            "an empty file".into(),
            "a Fingertips CSV export with a header row",
        )]);
    }

    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(bytes);
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            return Err(vec![problem(ProblemKind::Unreadable, Some(1), None, e.to_string(), "a CSV header row")])
        }
        None => {
            return Err(vec![problem(
                ProblemKind::Missing,
                None,
                None,
                "no header row".into(),
                "a Fingertips CSV export",
            )])
        }
    };
    let names: Vec<String> = header.iter().map(str::to_string).collect();
    let columns: Vec<Option<Column>> = names
        .iter()
        .map(|name| {
            let key: String = name.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase();
            COLUMNS.iter().find(|(k, _)| *k == key).map(|&(_, c)| c)
        })
        .collect();
    let missing: Vec<&str> =
        REQUIRED.iter().filter(|(c, _)| !columns.contains(&Some(*c))).map(|&(_, name)| name).collect();
    if !missing.is_empty() {
        let found = if missing.len() == REQUIRED.len() {
            "a header without any of Fingertips' columns: this is not a Fingertips export".to_string()
        } else {
            format!("no column {}", missing.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", "))
        };
        let expected = "a Fingertips export's header (Indicator ID, Indicator Name, ..., Area Code, Area Name, \
                        ..., Time period, Value, ...), as from \"Export data\" or a chart's \"Export table\"";
        return Err(vec![problem(ProblemKind::Missing, Some(1), None, found, expected)]);
    }

    let mut rows = Vec::new();
    let mut problems = Listed::default();
    let mut counted = (0, 1);
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(bytes, p.byte() as usize, &mut counted));
                problems.push(problem(ProblemKind::Unreadable, line, None, e.to_string(), "a CSV row"));
                continue;
            }
        };
        // Counted here: the reader's own line count is one short after a CRLF.
        let line = record.position().map_or(0, |p| line_at(bytes, p.byte() as usize, &mut counted));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // a blank line, e.g. at the end of the file
        }
        if rows.len() == MAX_ROWS {
            problems.push(ExportProblem {
                kind: ProblemKind::TooMany { what: Counted::Rows, limit: MAX_ROWS as u64 },
                ..problem(
                    ProblemKind::Unreadable,
                    Some(line),
                    None,
                    format!("more than {MAX_ROWS} rows"),
                    &format!("at most {MAX_ROWS} rows: an export of the indicators and areas the scorecard uses"),
                )
            });
            break;
        }
        let mut row = Row { line, ..Row::default() };
        for (index, column) in columns.iter().enumerate() {
            let Some(column) = column else { continue };
            let raw = record.get(index).unwrap_or("");
            let text = tidy(raw);
            let mut number = |target: &mut Option<f64>| match number(&text) {
                Ok(n) => *target = n,
                Err(()) => problems.push(problem(
                    ProblemKind::Invalid,
                    Some(line),
                    Some(&names[index]),
                    quoted(&text),
                    "a number (such as 12.5 or \"214,022\") or nothing",
                )),
            };
            match column {
                Column::IndicatorId => row.indicator_id = text,
                Column::IndicatorName => row.indicator_name = text,
                Column::ParentCode => row.parent_code = some(text),
                Column::ParentName => row.parent_name = some(text),
                Column::AreaCode => row.area_code = text,
                Column::AreaName => row.area_name = text,
                Column::AreaType => row.area_type = some(text),
                Column::Sex => row.sex = some(text),
                Column::Age => row.age = some(text),
                Column::CategoryType => row.category_type = some(text),
                Column::Category => row.category = some(text),
                Column::TimePeriod => row.time_period = text,
                Column::Value => number(&mut row.value),
                Column::Lower95 => number(&mut row.lower_95),
                Column::Upper95 => number(&mut row.upper_95),
                Column::Lower998 => number(&mut row.lower_99_8),
                Column::Upper998 => number(&mut row.upper_99_8),
                Column::Count => number(&mut row.count),
                Column::Denominator => number(&mut row.denominator),
                Column::ValueNote => row.value_note = some(tidy(&plain_text(raw))),
                Column::RecentTrend => row.recent_trend = some(text),
                Column::ComparedToEngland => row.compared_to_england = some(text),
                Column::ComparedToParent => row.compared_to_parent = some(text),
                Column::TimePeriodSortable => {
                    let mut n = None;
                    number(&mut n);
                    row.time_period_sortable = n.filter(|n| n.fract() == 0.0).map(|n| n as i64);
                }
                Column::TimePeriodRange => row.time_period_range = some(text),
            }
        }
        for (value, name) in [(&row.indicator_id, "Indicator ID"), (&row.area_code, "Area Code")] {
            if value.is_empty() {
                problems.push(problem(
                    ProblemKind::Missing,
                    Some(line),
                    Some(name),
                    "nothing".into(),
                    "a value on every row",
                ));
            }
        }
        rows.push(row);
    }
    if problems.kept.is_empty() {
        return Ok(Export { rows });
    }
    let mut listed = problems.kept;
    if problems.more > 0 {
        let expected = "the problems above fixed first: the rest are most likely the same";
        listed.push(ExportProblem {
            kind: ProblemKind::Unlisted { count: problems.more },
            ..problem(ProblemKind::Invalid, None, None, format!("{} problems", and_more(problems.more)), expected)
        });
    }
    Err(listed)
}

/// The first [`LISTED`] problems, and how many more there were.
#[derive(Default)]
struct Listed {
    kept: Vec<ExportProblem>,
    more: u64,
}

impl Listed {
    fn push(&mut self, p: ExportProblem) {
        if self.kept.len() < LISTED {
            self.kept.push(p);
        } else {
            self.more += 1;
        }
    }
}

/// The 1-based line of byte `at`, counting on from `counted` (a byte offset and its line),
/// which it then moves to `at`; offsets only ever grow, so the file is scanned once.
fn line_at(bytes: &[u8], at: usize, counted: &mut (usize, u64)) -> u64 {
    let (from, line) = *counted;
    let mut at = at.clamp(from, bytes.len());
    // After a CR the reader may place a record at the LF that follows it.
    while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
        at += 1;
    }
    let line = line + bytes[from..at].iter().filter(|&&b| b == b'\n').count() as u64;
    *counted = (at, line);
    line
}

/// Trimmed, with every run of white space made one space.
fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn some(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// A number with any thousands separators; empty is `Ok(None)`.
fn number(text: &str) -> Result<Option<f64>, ()> {
    if text.is_empty() {
        return Ok(None);
    }
    let plain: String = text.chars().filter(|&c| c != ',').collect();
    match plain.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(Some(n)),
        _ => Err(()),
    }
}

/// `text` with HTML tags removed (a `<br>` becomes a space) and the common entities
/// decoded, so a note is only ever shown as text.
fn plain_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        match rest[open..].find('>') {
            Some(close) => {
                out.push(' ');
                rest = &rest[open + close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&amp;", "&")]
        .iter()
        .fold(out, |text, (entity, plain)| text.replace(entity, plain))
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Indicator ID,Indicator Name,Area Code,Area Name,Time period,Value,Count,Value note";

    #[test]
    fn notes_lose_their_html() {
        assert_eq!(
            tidy(&plain_text("Rate <b>suppressed</b><br/>see &amp; &lt;note&gt;")),
            "Rate suppressed see & <note>"
        );
        assert_eq!(plain_text("a < b"), "a < b");
    }

    #[test]
    fn counts_with_thousands_separators_and_short_rows() {
        let csv = format!("\u{feff}{HEADER}\n1,Name,E1,Area,2015,\"1,234.5\",\"214,022\"\n");
        let export = read("f.csv", csv.as_bytes()).unwrap();
        let row = &export.rows[0];
        assert_eq!(
            (row.value, row.count, row.value_note.as_deref(), row.line),
            (Some(1234.5), Some(214022.0), None, 2)
        );
    }

    #[test]
    fn problems_name_file_line_and_column() {
        let csv = format!("{HEADER}\n1,Name,E1,Area,2015,12\n1,Name,E1,Area,2016,twelve\n");
        let problems = read("f.csv", csv.as_bytes()).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].to_string(),
            "f.csv, line 3, column \"Value\": found \"twelve\"; expected a number (such as 12.5 or \"214,022\") or nothing"
        );
    }

    #[test]
    fn a_file_that_is_not_an_export_says_so() {
        let problems = read("board.csv", b"Item,RAG\nSmoking,red\n").unwrap_err();
        assert!(problems[0].found.contains("not a Fingertips export"), "{}", problems[0]);
        let problems = read("latin1.csv", b"Indicator ID\n\xe9\n").unwrap_err();
        assert_eq!(problems[0].line, Some(2));
        assert!(problems[0].expected.contains("CSV UTF-8"));
        let problems = read("part.csv", b"Indicator ID,Area Code,Area Name,Time period,Value\n").unwrap_err();
        assert!(problems[0].found.contains("\"Indicator Name\""), "{}", problems[0]);
    }
}
