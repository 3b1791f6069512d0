//! From tables of cells to a bundle. Each cell is read as its column says (text, number,
//! date, word); the bundle's own rules are then checked by `bundle::validate`, and each
//! problem it finds is reported at the cell it came from, not as a JSON path.
//!
//! A workbook whose structure is wrong (a required sheet or column missing) is reported
//! as such and its rows are not read, so one missing column does not bury its cause
//! under a problem per row.

use std::collections::{HashMap, HashSet};

use crate::bundle::date::IsoDate;
use crate::bundle::problem::quoted;
use crate::bundle::validate::validate;
use crate::bundle::{
    Assessment, Benchmark, Board, Bundle, ContextSection, FingertipsVerdicts, Item, Kind, Period, Point, Polarity, Rag,
    Scope, Source, Trend, Workstream, FORMAT, VERSION,
};

use super::fingertips::{self, FingertipsFile, FingertipsLink};
use super::problem::{Place, Problem};
use super::sheets::{self, same_name, sheet_named, Sheet, BOARD_FIELDS, ITEMS_KEPT_FINGERTIPS, SHEETS};
use super::table::{Origin, Row, Table, Value};
use super::words::{accepted_words, bundle_word};
use super::{tables, File, Limits};

/// What a build gives: the bundle (complete only when there are no errors) and every
/// problem, errors and warnings, in the order of the workbook.
#[derive(Debug, Clone)]
pub struct Built {
    pub bundle: Bundle,
    pub problems: Vec<Problem>,
}

impl Built {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// Builds a bundle from a workbook (one `.xlsx`, or the CSV files of a folder) and the
/// Fingertips exports its items take their series from.
pub fn build(files: &[File<'_>], exports: &[FingertipsFile<'_>], limits: &Limits) -> Built {
    let (tables, mut problems) = tables(files, limits);
    if problems.iter().any(Problem::is_error) && tables.is_empty() {
        return Built { bundle: Bundle::default(), problems };
    }
    let mut scorecard = Scorecard::read(&tables);
    problems.append(&mut scorecard.problems);
    if problems.iter().any(|p| p.is_error() && p.message.starts_with("too many")) {
        return Built { bundle: scorecard.bundle, problems };
    }
    if scorecard.complete {
        let area = scorecard.bundle.board.area_code.clone();
        let area_place = scorecard.map.board_place("area_code");
        problems.extend(fingertips::join(
            &mut scorecard.bundle,
            &scorecard.links,
            area.as_deref(),
            area_place,
            exports,
        ));
        let reported: HashSet<Place> =
            problems.iter().filter(|p| p.is_error()).filter_map(|p| p.place.clone()).collect();
        for p in validate(&scorecard.bundle) {
            let (place, column) = scorecard.map.place_of(&p.path);
            if place.as_ref().is_some_and(|at| reported.contains(at)) {
                continue;
            }
            let (message, column) = match p.path.strip_prefix("board.") {
                Some(field) if !scorecard.map.board.contains_key(field) => {
                    (format!("the Board sheet has no row for {field}"), None)
                }
                _ => (p.message, column),
            };
            let mut problem = Problem::error(place, message);
            problem.column = column;
            problem.found = p.found;
            problem.expected = p.expected;
            problems.push(problem);
        }
    }
    Built { bundle: scorecard.bundle, problems }
}

/// A workbook read into a bundle, with where each part of it came from.
pub struct Scorecard {
    pub bundle: Bundle,
    /// Items that take their series from a Fingertips export.
    pub links: Vec<FingertipsLink>,
    pub problems: Vec<Problem>,
    /// False when a required sheet or column is missing: the rows were not read.
    pub complete: bool,
    map: SourceMap,
}

/// A row of a sheet: the index of the sheet in `SourceMap::sheets`, and its row number.
#[derive(Debug, Clone, Copy)]
struct At {
    sheet: usize,
    row: u32,
}

/// A sheet that was read: its name as the file spells it, and its columns.
struct SheetInfo {
    name: String,
    origin: Origin,
    spec: &'static Sheet,
    columns: HashMap<&'static str, u32>,
}

/// Where each part of the bundle came from, to name the cell of a problem found later.
#[derive(Default)]
struct SourceMap {
    sheets: Vec<SheetInfo>,
    board: HashMap<&'static str, At>,
    periods: Vec<At>,
    workstreams: Vec<At>,
    headlines: HashMap<(usize, String), At>,
    items: Vec<At>,
    assessments: Vec<Vec<At>>,
    series: Vec<Vec<Option<At>>>,
    context: Vec<At>,
}

impl SourceMap {
    fn cell(&self, at: At, column: &str) -> Place {
        let sheet = &self.sheets[at.sheet];
        match sheet.columns.get(column) {
            Some(&col) => Place::cell(&sheet.name, sheet.origin, at.row, col),
            None => Place::row(&sheet.name, sheet.origin, at.row),
        }
    }

    fn sheet_place(&self, spec: &Sheet) -> Option<Place> {
        self.sheets.iter().find(|s| std::ptr::eq(s.spec, spec)).map(|s| Place::sheet(&s.name, s.origin))
    }

    fn board_place(&self, field: &str) -> Option<Place> {
        match self.board.get(field) {
            Some(&at) => Some(self.cell(at, "value")),
            None => self.sheet_place(&sheets::BOARD),
        }
    }

    /// The cell a bundle path such as `items[3].series[2].lower` came from, and the
    /// column's name.
    fn place_of(&self, path: &str) -> (Option<Place>, Option<String>) {
        let mut parts = path.splitn(2, '.');
        let head = parts.next().unwrap_or("");
        let rest = parts.next().unwrap_or("");
        let (name, index) = indexed(head);
        let cell = |at: Option<&At>, column: &str| match at {
            Some(&at) => (Some(self.cell(at, column)), Some(column.to_string())),
            None => (None, Some(column.to_string())),
        };
        match (name, index) {
            ("board", _) => (self.board_place(rest), Some("value".to_string())),
            ("periods", None) => (self.sheet_place(&sheets::PERIODS), None),
            ("periods", Some(i)) => cell(self.periods.get(i), rest),
            ("workstreams", Some(i)) => match rest.strip_prefix("headlines.") {
                Some(period) => cell(self.headlines.get(&(i, period.to_string())), "period"),
                None => cell(self.workstreams.get(i), rest),
            },
            ("context", Some(i)) => cell(self.context.get(i), if rest == "entries" { "entry" } else { rest }),
            ("items", Some(i)) => {
                let mut parts = rest.splitn(2, '.');
                let (sub, j) = indexed(parts.next().unwrap_or(""));
                let field = parts.next().unwrap_or("");
                match (sub, j) {
                    ("assessments", Some(j)) => cell(self.assessments.get(i).and_then(|a| a.get(j)), field),
                    ("series", Some(j)) => match self.series.get(i).and_then(|s| s.get(j)) {
                        Some(Some(at)) => cell(Some(at), field),
                        // A point taken from a Fingertips export: the item's link names it.
                        _ => cell(self.items.get(i), "fingertips_id"),
                    },
                    _ => cell(self.items.get(i), sub),
                }
            }
            _ => (None, None),
        }
    }
}

/// `items[12]` as `("items", Some(12))`.
fn indexed(segment: &str) -> (&str, Option<usize>) {
    match segment.split_once('[') {
        Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
        None => (segment, None),
    }
}

/// Statistical markers that mean "no value" in a number cell.
const MARKERS: &[&str] = &["x", "[x]", "[c]", "[z]", "..", "-", "*", "#N/A"];
const NUMBER: &str = "a number cell, or text that is a number with a . decimal point (no thousands separators, no %)";
const DATE: &str = "a date cell, or text written YYYY-MM-DD, YYYY-MM or YYYY";

/// Reads cells, collecting problems and counting markers.
struct Cells<'m> {
    map: &'m SourceMap,
    problems: Vec<Problem>,
    markers: usize,
    first_marker: Option<Place>,
}

impl Cells<'_> {
    fn value<'r>(&mut self, sheet: usize, row: &'r Row, column: &str) -> Option<(&'r Value, Place)> {
        let info = &self.map.sheets[sheet];
        let col = *info.columns.get(column)?;
        let value = row.get(col)?;
        let place = Place::cell(&info.name, info.origin, row.number, col);
        match value {
            v if v.is_blank() => None,
            Value::Uncalculated(formula) => {
                self.problems.push(
                    Problem::error(
                        Some(place),
                        "a formula without a saved value: the builder never calculates formulas",
                    )
                    .column(column)
                    .found(format!("={formula}"))
                    .expected("the workbook saved by Excel after it calculated (or the value typed in)"),
                );
                None
            }
            v => Some((v, place)),
        }
    }

    fn text(&mut self, sheet: usize, row: &Row, column: &str) -> Option<String> {
        let (value, place) = self.value(sheet, row, column)?;
        Some(match value {
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) => number_text(*n),
            Value::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
            Value::Date(d) => d.clone(),
            Value::Error(e) => {
                self.problems.push(
                    Problem::error(Some(place), "an error value where text is expected")
                        .column(column)
                        .found(e.clone()),
                );
                return None;
            }
            Value::Uncalculated(_) => return None,
        })
    }

    fn number(&mut self, sheet: usize, row: &Row, column: &str) -> Option<f64> {
        let (value, place) = self.value(sheet, row, column)?;
        let text = match value {
            Value::Number(n) => return Some(*n),
            Value::Text(t) => t.trim(),
            Value::Error(e) => e.as_str(),
            Value::Bool(b) => {
                self.problems.push(
                    Problem::error(Some(place), "not a number").column(column).found(b.to_string()).expected(NUMBER),
                );
                return None;
            }
            Value::Date(d) => {
                self.problems.push(
                    Problem::error(Some(place), "a date where a number is expected")
                        .column(column)
                        .found(d.clone())
                        .expected(NUMBER),
                );
                return None;
            }
            Value::Uncalculated(_) => return None,
        };
        if MARKERS.iter().any(|m| m.eq_ignore_ascii_case(text)) {
            self.markers += 1;
            self.first_marker.get_or_insert(place);
            return None;
        }
        match plain_number(text) {
            Some(n) => Some(n),
            None => {
                let why = if text.ends_with('%') {
                    "not a number: write the number without % (the item's unit says it is a percentage)"
                } else if text.contains(',') {
                    "not a number: the builder never guesses a locale, so a comma is not read as a decimal point or a thousands separator"
                } else {
                    "not a number"
                };
                self.problems.push(
                    Problem::error(Some(place), why)
                        .column(column)
                        .found(quoted(text))
                        .expected(format!("{NUMBER}, or a statistical marker for no value ({})", MARKERS.join(" "))),
                );
                None
            }
        }
    }

    fn date(&mut self, sheet: usize, row: &Row, column: &str) -> Option<String> {
        let (value, place) = self.value(sheet, row, column)?;
        let text = match value {
            Value::Date(d) => return Some(d.clone()),
            Value::Number(n) if n.fract() == 0.0 && (1000.0..=9999.0).contains(n) => return Some(number_text(*n)),
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) => number_text(*n),
            Value::Bool(b) => b.to_string(),
            Value::Error(e) => e.clone(),
            Value::Uncalculated(_) => return None,
        };
        match IsoDate::parse(&text) {
            Ok(_) => Some(text),
            Err(why) => {
                let why = why.split("; expected").next().unwrap_or(&why).to_string();
                self.problems.push(
                    Problem::error(Some(place), format!("not a date ({why})"))
                        .column(column)
                        .found(quoted(&text))
                        .expected(DATE),
                );
                None
            }
        }
    }

    fn flag(&mut self, sheet: usize, row: &Row, column: &str) -> Option<bool> {
        let (value, place) = self.value(sheet, row, column)?;
        let answer = match value {
            Value::Bool(b) => Some(*b),
            Value::Number(n) if *n == 0.0 || *n == 1.0 => Some(*n == 1.0),
            Value::Text(t) => match t.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "y" => Some(true),
                "false" | "no" | "n" => Some(false),
                _ => None,
            },
            _ => None,
        };
        if answer.is_none() {
            self.problems.push(
                Problem::error(Some(place), "not TRUE or FALSE")
                    .column(column)
                    .found(value.to_string())
                    .expected("TRUE or FALSE"),
            );
        }
        answer
    }

    /// An enumerated cell, as its bundle word; an unknown word is kept as typed, so that
    /// the bundle's rules report it, here named at the cell.
    fn word<T>(
        &mut self,
        sheet: usize,
        row: &Row,
        column: &str,
        accepted: &'static [&'static str],
        what: &str,
        from: fn(&str) -> T,
    ) -> Option<T> {
        let text = self.text(sheet, row, column)?;
        match bundle_word(&text, accepted) {
            Some(w) => Some(from(w)),
            None => {
                let place = self.map.cell(At { sheet, row: row.number }, column);
                self.problems.push(
                    Problem::error(Some(place), format!("unknown {what}"))
                        .column(column)
                        .found(quoted(&text))
                        .expected(accepted_words(accepted)),
                );
                Some(from(&text))
            }
        }
    }

    fn whole(&mut self, sheet: usize, row: &Row, column: &str) -> Option<u64> {
        let (value, place) = self.value(sheet, row, column)?;
        let n = match value {
            Value::Number(n) if n.fract() == 0.0 && *n >= 0.0 => Some(*n as u64),
            Value::Text(t) => t.trim().parse::<u64>().ok(),
            _ => None,
        };
        if n.is_none() {
            self.problems.push(
                Problem::error(Some(place), "not a Fingertips indicator id")
                    .column(column)
                    .found(value.to_string())
                    .expected("a whole number, e.g. 93356"),
            );
        }
        n
    }
}

/// A whole number without a decimal point, as a person typed it.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

/// A number written with digits and an optional `.` decimal point (and exponent), never a
/// locale's comma; not `inf` or `NaN`.
fn plain_number(text: &str) -> Option<f64> {
    let ok = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
        && text.chars().any(|c| c.is_ascii_digit());
    if ok {
        text.parse::<f64>().ok().filter(|n| n.is_finite())
    } else {
        None
    }
}

impl Scorecard {
    /// Reads tables (sheets of one workbook, or files of one folder) into a bundle.
    pub fn read(tables: &[Table]) -> Scorecard {
        let mut map = SourceMap::default();
        let mut problems = Vec::new();
        let mut complete = true;
        let origin = tables.first().map(|t| t.origin).unwrap_or(Origin::Xlsx);

        // Structure: which sheets, which columns.
        for table in tables {
            // The template's first sheet says how to fill in the others.
            if same_name(&table.name, "Instructions") {
                continue;
            }
            let Some(spec) = sheet_named(&table.name) else {
                problems.push(
                    Problem::warning(Some(Place::sheet(&table.name, table.origin)), "unknown sheet, ignored")
                        .expected(format!("one of {}", SHEETS.iter().map(|s| s.name).collect::<Vec<_>>().join(", "))),
                );
                continue;
            };
            if map.sheets.iter().any(|s| std::ptr::eq(s.spec, spec)) {
                problems.push(Problem::warning(
                    Some(Place::sheet(&table.name, table.origin)),
                    format!("a second {} sheet, ignored", spec.name),
                ));
                continue;
            }
            let mut columns = HashMap::new();
            let header = table.rows.first().filter(|r| r.number == 1);
            for cell in header.map(|r| r.cells.as_slice()).unwrap_or_default() {
                let place = Place::cell(&table.name, table.origin, 1, cell.col);
                let name = match &cell.value {
                    Value::Text(t) => t.trim().to_string(),
                    Value::Number(n) => number_text(*n),
                    other => other.to_string(),
                };
                let known = spec.columns.iter().chain(if std::ptr::eq(spec, &sheets::ITEMS) {
                    ITEMS_KEPT_FINGERTIPS.iter()
                } else {
                    [].iter()
                });
                let mut known = known.map(|c| c.name).collect::<Vec<_>>().into_iter();
                match known.clone().find(|c| same_name(c, &name)) {
                    Some(c) if columns.contains_key(c) => {
                        problems.push(Problem::warning(Some(place), "a second column of this name, ignored").column(c));
                    }
                    Some(c) => {
                        columns.insert(c, cell.col);
                    }
                    None => problems.push(
                        Problem::warning(Some(place), "unknown column, ignored")
                            .found(quoted(&name))
                            .expected(format!("one of {}", known.by_ref().collect::<Vec<_>>().join(", "))),
                    ),
                }
            }
            for column in spec.columns.iter().filter(|c| c.required) {
                if !columns.contains_key(column.name) {
                    complete = false;
                    problems.push(
                        Problem::error(
                            Some(Place::row(&table.name, table.origin, 1)),
                            "a required column is missing from the header row",
                        )
                        .column(column.name),
                    );
                }
            }
            map.sheets.push(SheetInfo { name: table.name.clone(), origin: table.origin, spec, columns });
        }
        for spec in SHEETS.iter().filter(|s| s.required) {
            if !map.sheets.iter().any(|s| std::ptr::eq(s.spec, *spec)) {
                complete = false;
                let name = match origin {
                    Origin::Xlsx => spec.name.to_string(),
                    Origin::Csv => format!("{}.csv", spec.name.to_lowercase()),
                };
                problems.push(Problem::error(None, format!("a required sheet is missing: {name}")));
            }
        }
        if !complete {
            return Scorecard { bundle: Bundle::default(), links: Vec::new(), problems, complete, map };
        }

        let index = |spec: &Sheet| map.sheets.iter().position(|s| std::ptr::eq(s.spec, spec));
        let table_of =
            |i: usize| tables.iter().find(|t| t.name == map.sheets[i].name).expect("every sheet read is a table");
        let data = |i: Option<usize>| -> Vec<&Row> {
            i.map(|i| table_of(i).rows.iter().filter(|r| r.number > 1).collect()).unwrap_or_default()
        };
        let sheet_ids = [
            index(&sheets::BOARD),
            index(&sheets::PERIODS),
            index(&sheets::WORKSTREAMS),
            index(&sheets::HEADLINES),
            index(&sheets::ITEMS),
            index(&sheets::ASSESSMENTS),
            index(&sheets::SERIES),
            index(&sheets::CONTEXT),
        ];
        let [board_s, periods_s, workstreams_s, headlines_s, items_s, assessments_s, series_s, context_s] = sheet_ids;
        let rows: Vec<Vec<&Row>> = sheet_ids.iter().map(|&i| data(i)).collect();

        let mut board = Board::default();
        let mut source = Source::default();
        let mut board_at = HashMap::new();
        let mut periods = Vec::new();
        let mut period_at = Vec::new();
        let mut workstreams = Vec::new();
        let mut workstream_at = Vec::new();
        let mut headline_at = HashMap::new();
        let mut items: Vec<Item> = Vec::new();
        let mut item_at = Vec::new();
        let mut links = Vec::new();
        let mut assessment_at: Vec<Vec<At>> = Vec::new();
        let mut series_at: Vec<Vec<Option<At>>> = Vec::new();
        let mut context: Vec<ContextSection> = Vec::new();
        let mut context_at = Vec::new();

        let mut cells = Cells { map: &map, problems: Vec::new(), markers: 0, first_marker: None };
        if let Some(s) = board_s {
            for row in &rows[0] {
                let Some(field) = cells.text(s, row, "field") else { continue };
                let place = map.cell(At { sheet: s, row: row.number }, "field");
                let Some(&known) = BOARD_FIELDS.iter().find(|f| same_name(f, &field)) else {
                    cells.problems.push(
                        Problem::warning(Some(place), "unknown board field, ignored")
                            .column("field")
                            .found(quoted(&field))
                            .expected(format!("one of {}", BOARD_FIELDS.join(", "))),
                    );
                    continue;
                };
                if board_at.contains_key(known) {
                    cells
                        .problems
                        .push(Problem::error(Some(place), "this field is given twice").column("field").found(known));
                    continue;
                }
                board_at.insert(known, At { sheet: s, row: row.number });
                if known == "illustrative" {
                    source.illustrative = cells.flag(s, row, "value").unwrap_or(false);
                    continue;
                }
                let value = cells.text(s, row, "value");
                match known {
                    "name" => board.name = value.unwrap_or_default(),
                    "area" => board.area = value.unwrap_or_default(),
                    "area_code" => board.area_code = value,
                    "vision" => board.vision = value,
                    "url" => board.url = value,
                    "source_title" => source.title = value,
                    "publisher" => source.publisher = value,
                    _ => source.notes = value,
                }
            }
        }
        if let Some(s) = periods_s {
            for row in &rows[1] {
                periods.push(Period {
                    id: cells.text(s, row, "id").unwrap_or_default(),
                    label: cells.text(s, row, "label").unwrap_or_default(),
                    end: cells.date(s, row, "end").unwrap_or_default(),
                });
                period_at.push(At { sheet: s, row: row.number });
            }
        }
        if let Some(s) = workstreams_s {
            for row in &rows[2] {
                workstreams.push(Workstream {
                    id: cells.text(s, row, "id").unwrap_or_default(),
                    label: cells.text(s, row, "label").unwrap_or_default(),
                    title: cells.text(s, row, "title").unwrap_or_default(),
                    lead: cells.text(s, row, "lead"),
                    headlines: Default::default(),
                });
                workstream_at.push(At { sheet: s, row: row.number });
            }
        }
        let workstream_ids: HashMap<String, usize> =
            workstreams.iter().enumerate().rev().map(|(i, w)| (w.id.clone(), i)).collect();
        if let Some(s) = headlines_s {
            for row in &rows[3] {
                let at = At { sheet: s, row: row.number };
                let Some(ws) = cells.text(s, row, "workstream") else {
                    cells.problems.push(required(&map, at, "workstream"));
                    continue;
                };
                let Some(&w) = workstream_ids.get(&ws) else {
                    cells.problems.push(missing(&map, at, "workstream", &ws, "workstream", workstream_ids.keys()));
                    continue;
                };
                let period = cells.text(s, row, "period").unwrap_or_default();
                let text = cells.text(s, row, "text").unwrap_or_default();
                if workstreams[w].headlines.contains_key(&period) {
                    cells.problems.push(
                        Problem::error(
                            Some(map.cell(at, "period")),
                            "a second headline for this workstream and period",
                        )
                        .column("period")
                        .found(format!("{}, {}", quoted(&ws), quoted(&period))),
                    );
                    continue;
                }
                headline_at.insert((w, period.clone()), at);
                workstreams[w].headlines.insert(period, text);
            }
        }
        if let Some(s) = items_s {
            for row in &rows[4] {
                let at = At { sheet: s, row: row.number };
                let verdicts = FingertipsVerdicts {
                    indicator_id: cells.whole(s, row, "fingertips_indicator"),
                    period: cells.text(s, row, "fingertips_period"),
                    recent_trend: cells.text(s, row, "fingertips_recent_trend"),
                    compared_to_england: cells.text(s, row, "fingertips_compared_to_england"),
                };
                let fingertips = (verdicts != FingertipsVerdicts::default()).then_some(verdicts);
                let item = Item {
                    id: cells.text(s, row, "id").unwrap_or_default(),
                    workstream: cells.text(s, row, "workstream").unwrap_or_default(),
                    kind: cells.word(s, row, "kind", Kind::WORDS, Kind::WHAT, Kind::from_word),
                    title: cells.text(s, row, "title").unwrap_or_default(),
                    scope: cells.word(s, row, "scope", Scope::WORDS, Scope::WHAT, Scope::from_word),
                    code: cells.text(s, row, "code"),
                    parent: cells.text(s, row, "parent"),
                    lead: cells.text(s, row, "lead"),
                    unit: cells.text(s, row, "unit"),
                    polarity: cells.word(s, row, "polarity", Polarity::WORDS, Polarity::WHAT, Polarity::from_word),
                    assessments: Vec::new(),
                    series: Vec::new(),
                    comparator_label: cells.text(s, row, "comparator_label"),
                    fingertips,
                };
                if let Some(indicator) = cells.whole(s, row, "fingertips_id") {
                    links.push(FingertipsLink {
                        item: items.len(),
                        place: map.cell(at, "fingertips_id"),
                        indicator,
                        sex: cells.text(s, row, "fingertips_sex"),
                        age: cells.text(s, row, "fingertips_age"),
                        sex_place: map.cell(at, "fingertips_sex"),
                        age_place: map.cell(at, "fingertips_age"),
                    });
                }
                items.push(item);
                item_at.push(at);
                assessment_at.push(Vec::new());
                series_at.push(Vec::new());
            }
        }
        let item_ids: HashMap<String, usize> = items.iter().enumerate().rev().map(|(i, t)| (t.id.clone(), i)).collect();
        let linked: HashMap<usize, &FingertipsLink> = links.iter().map(|l| (l.item, l)).collect();
        let item_of = |cells: &mut Cells, s: usize, row: &Row| -> Option<usize> {
            let at = At { sheet: s, row: row.number };
            let Some(id) = cells.text(s, row, "item") else {
                cells.problems.push(required(&map, at, "item"));
                return None;
            };
            match item_ids.get(&id) {
                Some(&i) => Some(i),
                None => {
                    cells.problems.push(missing(&map, at, "item", &id, "item", item_ids.keys()));
                    None
                }
            }
        };
        if let Some(s) = assessments_s {
            for row in &rows[5] {
                let Some(i) = item_of(&mut cells, s, row) else { continue };
                items[i].assessments.push(Assessment {
                    period: cells.text(s, row, "period").unwrap_or_default(),
                    rag: cells.word(s, row, "rag", Rag::WORDS, Rag::WHAT, Rag::from_word),
                    trend: cells.word(s, row, "trend", Trend::WORDS, Trend::WHAT, Trend::from_word),
                    benchmark: cells.word(s, row, "benchmark", Benchmark::WORDS, Benchmark::WHAT, Benchmark::from_word),
                    commentary: cells.text(s, row, "commentary"),
                    source_symbol: cells.text(s, row, "source_symbol"),
                });
                assessment_at[i].push(At { sheet: s, row: row.number });
            }
        }
        if let Some(s) = series_s {
            for row in &rows[6] {
                let Some(i) = item_of(&mut cells, s, row) else { continue };
                let at = At { sheet: s, row: row.number };
                if let Some(link) = linked.get(&i) {
                    cells.problems.push(
                        Problem::error(
                            Some(map.cell(at, "item")),
                            format!("this item takes its series from Fingertips (fingertips_id at {}), so it cannot also have rows here", link.place),
                        )
                        .column("item")
                        .found(quoted(&items[i].id))
                        .expected("one source per item: the Series sheet or a Fingertips export"),
                    );
                    continue;
                }
                items[i].series.push(Point {
                    date: cells.date(s, row, "date").unwrap_or_default(),
                    label: cells.text(s, row, "label"),
                    value: cells.number(s, row, "value"),
                    lower: cells.number(s, row, "lower"),
                    upper: cells.number(s, row, "upper"),
                    benchmark: cells.number(s, row, "benchmark"),
                    target: cells.number(s, row, "target"),
                    count: cells.number(s, row, "count"),
                    denominator: cells.number(s, row, "denominator"),
                });
                series_at[i].push(Some(at));
            }
        }
        if let Some(s) = context_s {
            let mut sections: HashMap<(String, String), usize> = HashMap::new();
            for row in &rows[7] {
                let period = cells.text(s, row, "period").unwrap_or_default();
                let heading = cells.text(s, row, "heading").unwrap_or_default();
                let entry = cells.text(s, row, "entry");
                let i = *sections.entry((period.clone(), heading.clone())).or_insert_with(|| {
                    context.push(ContextSection { period, heading, entries: Vec::new() });
                    context_at.push(At { sheet: s, row: row.number });
                    context.len() - 1
                });
                context[i].entries.extend(entry);
            }
        }
        if cells.markers > 0 {
            cells.problems.push(
                Problem::warning(
                    cells.first_marker.take(),
                    format!(
                        "{} cell(s) held a statistical marker and were read as no value (this is the first)",
                        cells.markers
                    ),
                )
                .expected(format!("markers {}", MARKERS.join(" "))),
            );
        }
        problems.append(&mut cells.problems);

        map.board = board_at;
        map.periods = period_at;
        map.workstreams = workstream_at;
        map.headlines = headline_at;
        map.items = item_at;
        map.assessments = assessment_at;
        map.series = series_at;
        map.context = context_at;
        let bundle = Bundle {
            format: FORMAT.to_string(),
            version: VERSION,
            board,
            source,
            periods,
            workstreams,
            items,
            context,
        };
        Scorecard { bundle, links, problems, complete, map }
    }
}

fn required(map: &SourceMap, at: At, column: &str) -> Problem {
    Problem::error(Some(map.cell(at, column)), "a value is required here").column(column)
}

fn missing<'k>(
    map: &SourceMap,
    at: At,
    column: &str,
    id: &str,
    what: &str,
    known: impl Iterator<Item = &'k String>,
) -> Problem {
    let mut known: Vec<&str> = known.map(String::as_str).collect();
    known.sort_unstable();
    let expected = if known.len() <= 12 {
        format!("one of {}", known.iter().map(|k| quoted(k)).collect::<Vec<_>>().join(", "))
    } else {
        format!("one of the {} {what} ids", known.len())
    };
    Problem::error(Some(map.cell(at, column)), format!("no {what} has this id"))
        .column(column)
        .found(quoted(id))
        .expected(expected)
}
