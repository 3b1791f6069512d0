//! Where a bundle read from a workbook came from: the sheets found by name with their
//! columns ([`Layout`]), and the row of each record ([`Rows`]), so that a problem the
//! bundle's rules find later at a JSON path is reported at its cell. Paths are split by
//! `bundle::locate`, the one reader of paths.

use std::collections::HashMap;

use crate::bundle::locate::{steps, Step};
use crate::bundle::problem::{self as bundle_problem, quoted};

use super::cells::number_text;
use super::problem::{Place, Problem, ProblemKind};
use super::sheets::{self, same_name, sheet_named, Sheet, ITEMS_KEPT_FINGERTIPS, SHEETS};
use super::table::{Origin, Row, Table, Value};

/// A row of a sheet: the index of the sheet in its [`Layout`], and its row number.
#[derive(Debug, Clone, Copy)]
pub struct At {
    pub sheet: usize,
    pub row: u32,
}

/// A sheet that was found: its name as the file spells it, the table it is, its columns.
struct Found {
    name: String,
    origin: Origin,
    spec: &'static Sheet,
    table: usize,
    columns: HashMap<&'static str, u32>,
}

/// The sheets of a workbook, found by name, and the columns of each.
pub struct Layout {
    sheets: Vec<Found>,
}

/// The data rows of one sheet (none when the workbook lacks it), so that a reader of an
/// optional sheet needs no case for its absence.
pub struct Data<'t> {
    /// The sheet's index in its [`Layout`]; no sheet's when there are no rows to place.
    pub sheet: usize,
    rows: &'t [Row],
}

impl<'t> Data<'t> {
    /// The rows below the header.
    pub fn rows(&self) -> impl Iterator<Item = &'t Row> {
        self.rows.iter().filter(|r| r.number > 1)
    }

    pub fn at(&self, row: &Row) -> At {
        At { sheet: self.sheet, row: row.number }
    }
}

impl Layout {
    /// Finds each sheet and its columns. A sheet or column the format does not know, or
    /// a second of one, is a warning; a required one missing is an error, and the answer
    /// is then `None`: the rows are not read.
    pub fn find(tables: &[Table], problems: &mut Vec<Problem>) -> Option<Layout> {
        let mut layout = Layout { sheets: Vec::new() };
        let mut complete = true;
        for (index, table) in tables.iter().enumerate() {
            // The template's first sheet says how to fill in the others.
            if same_name(&table.name, "Instructions") {
                continue;
            }
            let place = || Some(Place::sheet(&table.name, table.origin));
            let Some(spec) = sheet_named(&table.name) else {
                let names: Vec<&str> = SHEETS.iter().map(|s| s.name).collect();
                problems.push(
                    Problem::warning(ProblemKind::UnknownWord, place(), "unknown sheet, ignored")
                        .expected(format!("one of {}", names.join(", ")))
                        .fix("rename the sheet if it is meant to be read; otherwise nothing needs changing"),
                );
                continue;
            };
            if layout.index(spec).is_some() {
                problems.push(
                    Problem::warning(ProblemKind::Duplicate, place(), format!("a second {} sheet, ignored", spec.name))
                        .fix(format!("move its rows into the first {} sheet and delete this one", spec.name)),
                );
                continue;
            }
            let columns = header(table, spec, problems);
            unheaded(table, problems);
            for column in spec.columns.iter().filter(|c| c.required && !columns.contains_key(c.name)) {
                complete = false;
                problems.push(
                    Problem::error(
                        ProblemKind::Missing,
                        Some(Place::row(&table.name, table.origin, 1)),
                        "a required column is missing from the header row",
                    )
                    .column(column.name)
                    .fix(format!("add a column headed {} in row 1 (the template has one)", column.name)),
                );
            }
            layout.sheets.push(Found { name: table.name.clone(), origin: table.origin, spec, table: index, columns });
        }
        let origin = tables.first().map_or(Origin::Xlsx, |t| t.origin);
        for spec in SHEETS.iter().filter(|s| s.required && layout.index(s).is_none()) {
            complete = false;
            let name = match origin {
                Origin::Xlsx => spec.name.to_string(),
                Origin::Csv => spec.csv_name(),
            };
            let fix = match origin {
                Origin::Xlsx => format!("add a sheet named {name} (the template has one)"),
                Origin::Csv => format!("add the file {name}, saved from the template's {} sheet", spec.name),
            };
            problems.push(
                Problem::error(ProblemKind::Missing, None, format!("a required sheet is missing: {name}")).fix(fix),
            );
        }
        complete.then_some(layout)
    }

    fn index(&self, spec: &Sheet) -> Option<usize> {
        self.sheets.iter().position(|s| std::ptr::eq(s.spec, spec))
    }

    /// The data rows of the sheet `spec`, from the tables the layout was found in.
    pub fn data<'t>(&self, spec: &Sheet, tables: &'t [Table]) -> Data<'t> {
        match self.index(spec) {
            Some(sheet) => Data { sheet, rows: &tables[self.sheets[sheet].table].rows },
            None => Data { sheet: usize::MAX, rows: &[] },
        }
    }

    /// Whether the format gives a sheet a column of this name: a reader that reads one
    /// it does not declare in `sheets` would never find it in a header.
    pub fn declares(&self, sheet: usize, column: &str) -> bool {
        known_columns(self.sheets[sheet].spec).any(|c| c == column)
    }

    /// The 1-based column of `column` in a sheet, when the sheet has it.
    pub fn column(&self, sheet: usize, column: &str) -> Option<u32> {
        self.sheets[sheet].columns.get(column).copied()
    }

    /// The cell of `column` in the row `at`, or the row when the sheet lacks the column.
    pub fn cell(&self, at: At, column: &str) -> Place {
        let sheet = &self.sheets[at.sheet];
        match sheet.columns.get(column) {
            Some(&col) => Place::cell(&sheet.name, sheet.origin, at.row, col),
            None => Place::row(&sheet.name, sheet.origin, at.row),
        }
    }

    fn sheet_place(&self, spec: &Sheet) -> Option<Place> {
        self.index(spec).map(|i| Place::sheet(&self.sheets[i].name, self.sheets[i].origin))
    }
}

/// The columns the format gives a sheet.
fn known_columns(spec: &'static Sheet) -> impl Iterator<Item = &'static str> {
    let kept: &[sheets::Column] = if std::ptr::eq(spec, &sheets::ITEMS) { ITEMS_KEPT_FINGERTIPS } else { &[] };
    spec.columns.iter().chain(kept).map(|c| c.name)
}

/// The columns a sheet's header row names, each by its name in the format.
fn header(table: &Table, spec: &'static Sheet, problems: &mut Vec<Problem>) -> HashMap<&'static str, u32> {
    let known: Vec<&'static str> = known_columns(spec).collect();
    let mut columns = HashMap::new();
    let header = table.rows.first().filter(|r| r.number == 1);
    for cell in header.map(|r| r.cells.as_slice()).unwrap_or_default() {
        let place = Some(Place::cell(&table.name, table.origin, 1, cell.col));
        let name = match &cell.value {
            Value::Text(t) => t.trim().to_string(),
            Value::Number(n) => number_text(*n),
            other => other.to_string(),
        };
        match known.iter().find(|c| same_name(c, &name)) {
            Some(c) if columns.contains_key(c) => problems.push(
                Problem::warning(ProblemKind::Duplicate, place, "a second column of this name, ignored")
                    .column(*c)
                    .fix("move its values into the first column of this name and delete this one"),
            ),
            Some(c) => {
                columns.insert(*c, cell.col);
            }
            None => problems.push(
                Problem::warning(ProblemKind::UnknownWord, place, "unknown column, ignored")
                    .found(quoted(&name))
                    .expected(format!("one of {}", known.join(", ")))
                    .fix("rename the heading if the column is meant to be read; otherwise nothing needs changing"),
            ),
        }
    }
    columns
}

/// A value in a column the header row does not name is ignored, and said once per sheet
/// at its first cell with how many more there are, so nothing is dropped unsaid: an
/// unquoted comma in a CSV row puts the rest of its text there.
fn unheaded(table: &Table, problems: &mut Vec<Problem>) {
    let header = table.rows.first().filter(|r| r.number == 1);
    let headed: Vec<u32> = header.map(|r| r.cells.iter().map(|c| c.col).collect()).unwrap_or_default();
    let mut stray = table
        .rows
        .iter()
        .filter(|r| r.number != 1)
        .flat_map(|r| r.cells.iter().filter(|c| !headed.contains(&c.col)).map(move |c| (r.number, c.col)));
    let Some((row, col)) = stray.next() else { return };
    let more = stray.count();
    let also = if more > 0 { format!(" (and {more} more in this sheet)") } else { String::new() };
    problems.push(
        Problem::warning(
            ProblemKind::Missing,
            Some(Place::cell(&table.name, table.origin, row, col)),
            format!("a value in a column with no heading, ignored{also}"),
        )
        .expected("a heading in row 1 above every value; in a CSV file, put text that holds a comma in double quotes"),
    );
}

/// The row each record of the bundle was read from, by its place in the bundle.
#[derive(Default)]
pub struct Rows {
    pub board: HashMap<&'static str, At>,
    pub periods: Vec<At>,
    pub workstreams: Vec<At>,
    /// By workstream index and period id.
    pub headlines: HashMap<(usize, String), At>,
    pub items: Vec<At>,
    /// By item, then assessment.
    pub assessments: Vec<Vec<At>>,
    /// By item, then point; none for an item whose points came from Fingertips.
    pub series: Vec<Vec<At>>,
    /// Each section's first row, and the row of each of its entries.
    pub context: Vec<(At, Vec<At>)>,
    pub comparators: Vec<At>,
    /// Each peer group's first row, and the row of each of its members.
    pub peer_groups: Vec<(At, Vec<At>)>,
    /// By item index and comparator id, the row of each point.
    pub comparisons: HashMap<(usize, String), Vec<At>>,
}

/// Where each part of the bundle came from.
pub struct SourceMap {
    pub layout: Layout,
    pub rows: Rows,
}

/// Where a bundle path lies in the workbook: its cell (or row, or sheet) and column.
enum Source {
    At(Option<Place>, Option<&'static str>),
    /// A board field the `Board` sheet has no row for.
    NoBoardRow(String),
}

impl SourceMap {
    /// The cell of a board field's value, or the `Board` sheet when it has no row.
    pub fn board_place(&self, field: &str) -> Option<Place> {
        match self.rows.board.get(field) {
            Some(&at) => Some(self.layout.cell(at, "value")),
            None => self.layout.sheet_place(&sheets::BOARD),
        }
    }

    /// A problem the bundle's rules found at a path, reported at the cell it came from
    /// with the same kind and words.
    pub fn report(&self, p: bundle_problem::Problem) -> Problem {
        let (place, column, message) = match self.source(&p.path) {
            Source::At(place, column) => (place, column, p.message),
            Source::NoBoardRow(field) => {
                let fix = format!("add a row for {field} to the Board sheet, with its value");
                let place = self.layout.sheet_place(&sheets::BOARD);
                let mut problem =
                    Problem::error(p.kind, place, format!("the Board sheet has no row for {field}")).fix(fix);
                problem.found = p.found;
                problem.expected = p.expected;
                return problem;
            }
        };
        let mut problem = Problem::error(p.kind, place, message);
        problem.column = column.map(str::to_string);
        problem.found = p.found;
        problem.expected = p.expected;
        problem.fix = p.fix;
        problem
    }

    /// The cell a bundle path such as `items[3].series[2].lower` came from.
    fn source(&self, path: &str) -> Source {
        let cell = |at: Option<&At>, column: &str| {
            let column = column_named(column);
            Source::At(at.map(|&at| self.layout.cell(at, column.unwrap_or(""))), column)
        };
        let steps = steps(path);
        use Step::{Index, Key};
        match steps.as_slice() {
            [Key(b), Key(field)] if b == "board" || b == "source" => {
                let field = if b == "source" && field == "title" { "source_title" } else { field.as_str() };
                match self.rows.board.get(field) {
                    Some(&at) => Source::At(Some(self.layout.cell(at, "value")), Some("value")),
                    None => Source::NoBoardRow(field.to_string()),
                }
            }
            [Key(p)] if p == "periods" => Source::At(self.layout.sheet_place(&sheets::PERIODS), None),
            [Key(p), Index(i), Key(field)] if p == "periods" => cell(self.rows.periods.get(*i), field),
            [Key(w), Index(i), Key(h), ..] if w == "workstreams" && h == "headlines" => {
                // A period id may hold a `.`: the rest of the path is the key.
                let period = path.split_once(".headlines.").map_or("", |(_, period)| period);
                cell(self.rows.headlines.get(&(*i, period.to_string())), "period")
            }
            [Key(w), Index(i), Key(field)] if w == "workstreams" => cell(self.rows.workstreams.get(*i), field),
            [Key(c), Index(i), Key(e), Index(j)] if c == "context" && e == "entries" => {
                cell(self.rows.context.get(*i).and_then(|(_, entries)| entries.get(*j)), "entry")
            }
            [Key(c), Index(i), Key(field)] if c == "context" => {
                cell(self.rows.context.get(*i).map(|(at, _)| at), field)
            }
            [Key(it), Index(i), Key(a), Index(j), Key(field)] if it == "items" && a == "assessments" => {
                cell(self.rows.assessments.get(*i).and_then(|a| a.get(*j)), field)
            }
            [Key(it), Index(i), Key(s), Index(j), Key(field)] if it == "items" && s == "series" => {
                match self.rows.series.get(*i).and_then(|s| s.get(*j)) {
                    Some(at) => cell(Some(at), field),
                    // A point taken from a Fingertips export: the item's link names it.
                    None => cell(self.rows.items.get(*i), "fingertips_id"),
                }
            }
            [Key(c), Index(i), Key(field)] if c == "comparators" => cell(self.rows.comparators.get(*i), field),
            [Key(g), Index(i), Key(m), Index(j)] if g == "peer_groups" && m == "members" => {
                cell(self.rows.peer_groups.get(*i).and_then(|(_, members)| members.get(*j)), "member")
            }
            [Key(g), Index(i), ..] if g == "peer_groups" => {
                cell(self.rows.peer_groups.get(*i).map(|(at, _)| at), "group")
            }
            [Key(it), Index(i), Key(c), Key(id), rest @ ..] if it == "items" && c == "comparisons" => {
                let points = self.rows.comparisons.get(&(*i, id.clone()));
                match rest {
                    [Index(j), Key(field)] => cell(points.and_then(|p| p.get(*j)), field),
                    _ => cell(points.and_then(|p| p.first()), "comparator"),
                }
            }
            [Key(it), Index(i), Key(t), Key(field)] if it == "items" && t == "target_rule" => {
                let column = if field == "direction" { "target_direction" } else { field.as_str() };
                cell(self.rows.items.get(*i), column)
            }
            [Key(it), Index(i), Key(field), ..] if it == "items" => cell(self.rows.items.get(*i), field),
            _ => Source::At(None, None),
        }
    }
}

/// The column a bundle field is read from, by the name the format gives it.
fn column_named(field: &str) -> Option<&'static str> {
    SHEETS
        .iter()
        .flat_map(|s| s.columns.iter())
        .chain(ITEMS_KEPT_FINGERTIPS)
        .map(|c| c.name)
        .find(|name| *name == field)
}
