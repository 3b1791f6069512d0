//! From tables of cells to a bundle, one function per sheet. Each cell is read as its
//! column says (`cells`); the bundle's own rules are then checked by `bundle::validate`,
//! and each problem it finds is reported at the cell it came from (`source`), not as a
//! JSON path.
//!
//! A workbook whose structure is wrong (a required sheet or column missing) is reported
//! as such and its rows are not read, so one missing column does not bury its cause
//! under a problem per row.
//!
//! A sheet is read by a function that takes its rows and gives its records with the row
//! of each; a sheet whose rows name records of another (an item, a workstream) looks
//! them up by [`Ids`]. A new sheet is one more such function, one more list in
//! `source::Rows` and one more path in `SourceMap::source`.

use std::collections::{HashMap, HashSet};

use crate::bundle::problem::quoted;
use crate::bundle::validate::{validate, warnings};
use crate::bundle::{
    Assessment, Benchmark, Board, Bundle, Comparator, ComparatorKind, ContextSection, FingertipsVerdicts, Item, Kind,
    PeerGroup, Period, Point, Polarity, Rag, Scope, Source, TargetDirection, TargetRule, Trend, ValueType, Workstream,
    FORMAT, VERSION,
};

use super::cells::Cells;
use super::fingertips_join::{self, FingertipsFile, FingertipsLink};
use super::problem::{Counted, Listing, Place, Problem, ProblemKind, Severity};
use super::sheets::{self, same_name, BOARD_FIELDS};
use super::source::{Data, Layout, Rows, SourceMap};
use super::table::{Row, Table};
use super::{tables, File, Limits};

/// What a build gives: the bundle (complete only when there are no errors) and the
/// problems, errors and warnings, in the order of the workbook: the first hundred,
/// then how many more errors and how many more warnings there are.
#[derive(Debug, Clone)]
pub struct Built {
    pub bundle: Bundle,
    pub problems: Vec<Problem>,
}

impl Built {
    fn new(bundle: Bundle, problems: Listing) -> Built {
        Built { bundle, problems: problems.into_vec() }
    }

    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|p| p.is_error()).map(Problem::weight).sum::<u64>() as usize
    }

    pub fn warnings(&self) -> usize {
        self.problems.iter().filter(|p| !p.is_error()).map(Problem::weight).sum::<u64>() as usize
    }
}

/// Whether a problem means the tables were cut off at a limit, so the bundle's rules
/// would only report what is missing from the part not read.
fn cut_off(p: &Problem) -> bool {
    p.is_error() && matches!(p.kind, ProblemKind::TooMany { what: Counted::Rows | Counted::Cells, .. })
}

/// Builds a bundle from a workbook (one `.xlsx`, or the CSV files of a folder) and the
/// Fingertips exports its items take their series from.
pub fn build(files: &[File<'_>], exports: &[FingertipsFile<'_>], limits: &Limits) -> Built {
    let (tables, read) = tables(files, limits);
    let mut problems = Listing::default();
    problems.extend(read);
    if problems.listed().iter().any(Problem::is_error) && tables.is_empty() {
        return Built::new(Bundle::default(), problems);
    }
    let mut scorecard = Scorecard::read(&tables);
    problems.extend(std::mem::take(&mut scorecard.problems));
    let Some(map) = scorecard.map.filter(|_| !problems.listed().iter().any(cut_off)) else {
        return Built::new(scorecard.bundle, problems);
    };
    let area = scorecard.bundle.board.area_code.clone();
    let area_place = map.board_place("area_code");
    problems.extend(fingertips_join::join(
        &mut scorecard.bundle,
        &scorecard.links,
        area.as_deref(),
        area_place,
        exports,
    ));
    // A cell already reported is not reported again for what it led to.
    let reported: HashSet<Place> =
        problems.listed().iter().filter(|p| p.is_error()).filter_map(|p| p.place.clone()).collect();
    for p in validate(&scorecard.bundle) {
        let problem = map.report(p);
        if !problem.place.as_ref().is_some_and(|at| reported.contains(at)) {
            problems.push(problem);
        }
    }
    // Kept as published, and told: a value outside its own limits. Points from a
    // Fingertips export were told at their export's row by the join.
    let linked: HashSet<usize> = scorecard.links.iter().map(|l| l.item).collect();
    for p in warnings(&scorecard.bundle) {
        use crate::bundle::locate::{steps, Step};
        let from_export = match steps(&p.path).as_slice() {
            [Step::Key(_), Step::Index(i), Step::Key(s), ..] if s == "series" => linked.contains(i),
            [Step::Key(_), Step::Index(i), Step::Key(c), Step::Key(id), ..] if c == "comparisons" => {
                linked.contains(i) && !map.rows.comparisons.contains_key(&(*i, id.clone()))
            }
            _ => false,
        };
        if !from_export {
            problems.push(Problem { severity: Severity::Warning, ..map.report(p) });
        }
    }
    Built::new(scorecard.bundle, problems)
}

/// A workbook read into a bundle, with where each part of it came from.
pub struct Scorecard {
    pub bundle: Bundle,
    /// Items that take their series from a Fingertips export.
    pub links: Vec<FingertipsLink>,
    pub problems: Vec<Problem>,
    /// Where each part came from; none when a required sheet or column is missing, and
    /// the rows were not read.
    map: Option<SourceMap>,
}

impl Scorecard {
    /// False when a required sheet or column is missing: the rows were not read.
    pub fn complete(&self) -> bool {
        self.map.is_some()
    }

    /// Reads tables (sheets of one workbook, or files of one folder) into a bundle.
    pub fn read(tables: &[Table]) -> Scorecard {
        let mut problems = Vec::new();
        let Some(layout) = Layout::find(tables, &mut problems) else {
            return Scorecard { bundle: Bundle::default(), links: Vec::new(), problems, map: None };
        };
        let mut cells = Cells::new(&layout);
        let mut rows = Rows::default();
        let data = |spec| layout.data(spec, tables);

        let (board, source) = board(&mut cells, &data(&sheets::BOARD), &mut rows);
        let periods = periods(&mut cells, &data(&sheets::PERIODS), &mut rows);
        let mut workstreams = workstreams(&mut cells, &data(&sheets::WORKSTREAMS), &mut rows);
        headlines(&mut cells, &data(&sheets::HEADLINES), &mut workstreams, &mut rows);
        let (mut items, links) = items(&mut cells, &data(&sheets::ITEMS), &mut rows);
        let item_ids = Ids::new("item", sheets::ITEMS.name, items.iter().map(|i| &i.id));
        assessments(&mut cells, &data(&sheets::ASSESSMENTS), &item_ids, &mut items, &mut rows);
        series(&mut cells, &data(&sheets::SERIES), &item_ids, &links, &mut items, &mut rows);
        let context = context(&mut cells, &data(&sheets::CONTEXT), &mut rows);
        let comparators = comparators(&mut cells, &data(&sheets::COMPARATORS), &mut rows);
        let peer_groups = peers(&mut cells, &data(&sheets::PEERS), &comparators, &mut rows);
        comparisons(&mut cells, &data(&sheets::COMPARISONS), &item_ids, &mut items, &mut rows);
        problems.extend(cells.finish());

        let bundle = Bundle {
            format: FORMAT.to_string(),
            version: VERSION,
            board,
            source,
            periods,
            workstreams,
            items,
            context,
            comparators,
            peer_groups,
        };
        Scorecard { bundle, links, problems, map: Some(SourceMap { layout, rows }) }
    }
}

/// `Board`: one row per field, `field` and `value`.
fn board(cells: &mut Cells, data: &Data, rows: &mut Rows) -> (Board, Source) {
    let (mut board, mut source) = (Board::default(), Source::default());
    let s = data.sheet;
    for row in data.rows() {
        let Some(field) = cells.text(s, row, "field") else { continue };
        let at = data.at(row);
        let layout = cells.layout();
        let place = || Some(layout.cell(at, "field"));
        let Some(&known) = BOARD_FIELDS.iter().find(|f| same_name(f, &field)) else {
            let problem = Problem::warning(ProblemKind::UnknownWord, place(), "unknown board field, ignored")
                .column("field")
                .found(quoted(&field))
                .expected(format!("one of {}", BOARD_FIELDS.join(", ")))
                .fix("rename the field if it is meant to be read; otherwise nothing needs changing");
            cells.problems.push(problem);
            continue;
        };
        if rows.board.contains_key(known) {
            let problem = Problem::error(ProblemKind::Duplicate, place(), "this field is given twice")
                .column("field")
                .fix("keep one row for this field and delete the other");
            cells.problems.push(problem.found(known));
            continue;
        }
        rows.board.insert(known, at);
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
    (board, source)
}

/// `Periods`: one row per edition.
fn periods(cells: &mut Cells, data: &Data, rows: &mut Rows) -> Vec<Period> {
    let s = data.sheet;
    data.rows()
        .map(|row| {
            rows.periods.push(data.at(row));
            Period {
                id: cells.text(s, row, "id").unwrap_or_default(),
                label: cells.text(s, row, "label").unwrap_or_default(),
                end: cells.date(s, row, "end").unwrap_or_default(),
            }
        })
        .collect()
}

/// `Workstreams`: one row per workstream, its headlines read from their own sheet.
fn workstreams(cells: &mut Cells, data: &Data, rows: &mut Rows) -> Vec<Workstream> {
    let s = data.sheet;
    data.rows()
        .map(|row| {
            rows.workstreams.push(data.at(row));
            Workstream {
                id: cells.text(s, row, "id").unwrap_or_default(),
                label: cells.text(s, row, "label").unwrap_or_default(),
                title: cells.text(s, row, "title").unwrap_or_default(),
                lead: cells.text(s, row, "lead"),
                headlines: Default::default(),
            }
        })
        .collect()
}

/// `Headlines`: a workstream's text for one period, at most one of each.
fn headlines(cells: &mut Cells, data: &Data, workstreams: &mut [Workstream], rows: &mut Rows) {
    let ids = Ids::new("workstream", sheets::WORKSTREAMS.name, workstreams.iter().map(|w| &w.id));
    let s = data.sheet;
    for row in data.rows() {
        let Some(w) = ids.find(cells, data, row, "workstream") else { continue };
        let period = cells.text(s, row, "period").unwrap_or_default();
        let text = cells.text(s, row, "text").unwrap_or_default();
        if workstreams[w].headlines.contains_key(&period) {
            let place = cells.layout().cell(data.at(row), "period");
            let problem =
                Problem::error(ProblemKind::Duplicate, Some(place), "a second headline for this workstream and period")
                    .column("period")
                    .found(format!("{}, {}", quoted(&workstreams[w].id), quoted(&period)))
                    .fix("keep one headline for each workstream and period");
            cells.problems.push(problem);
            continue;
        }
        rows.headlines.insert((w, period.clone()), data.at(row));
        workstreams[w].headlines.insert(period, text);
    }
}

/// `Items`: one row per action or metric; a metric whose `fingertips_id` is set takes
/// its series from a Fingertips export, linked here and filled by `fingertips_join::join`.
fn items(cells: &mut Cells, data: &Data, rows: &mut Rows) -> (Vec<Item>, Vec<FingertipsLink>) {
    let s = data.sheet;
    let mut items = Vec::new();
    let mut links = Vec::new();
    for row in data.rows() {
        let at = data.at(row);
        let verdicts = FingertipsVerdicts {
            indicator_id: cells.whole(s, row, "fingertips_indicator"),
            period: cells.text(s, row, "fingertips_period"),
            recent_trend: cells.text(s, row, "fingertips_recent_trend"),
            compared_to_england: cells.text(s, row, "fingertips_compared_to_england"),
        };
        items.push(Item {
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
            fingertips: (verdicts != FingertipsVerdicts::default()).then_some(verdicts),
            value_type: cells.word(s, row, "value_type", ValueType::WORDS, ValueType::WHAT, ValueType::from_word),
            target_rule: target_rule(cells, s, row),
            updated: cells.date(s, row, "updated"),
            next_update: cells.text(s, row, "next_update"),
            benchmark_comparator: cells.text(s, row, "benchmark_comparator"),
            ..Item::default()
        });
        if let Some(indicator) = cells.whole(s, row, "fingertips_id") {
            let layout = cells.layout();
            links.push(FingertipsLink {
                item: items.len() - 1,
                place: layout.cell(at, "fingertips_id"),
                indicator,
                sex: cells.text(s, row, "fingertips_sex"),
                age: cells.text(s, row, "fingertips_age"),
                sex_place: layout.cell(at, "fingertips_sex"),
                age_place: layout.cell(at, "fingertips_age"),
            });
        }
        rows.items.push(at);
        rows.assessments.push(Vec::new());
        rows.series.push(Vec::new());
    }
    (items, links)
}

/// The `target_direction` and `amber_within` columns of an `Items` row, when either is filled.
fn target_rule(cells: &mut Cells, s: usize, row: &Row) -> Option<TargetRule> {
    let direction = cells.word(
        s,
        row,
        "target_direction",
        TargetDirection::WORDS,
        TargetDirection::WHAT,
        TargetDirection::from_word,
    );
    let amber_within = cells.number(s, row, "amber_within");
    (direction.is_some() || amber_within.is_some()).then_some(TargetRule { direction, amber_within })
}

/// `Comparators`: one area or group items are compared with.
fn comparators(cells: &mut Cells, data: &Data, rows: &mut Rows) -> Vec<Comparator> {
    let s = data.sheet;
    data.rows()
        .map(|row| {
            rows.comparators.push(data.at(row));
            Comparator {
                id: cells.text(s, row, "id").unwrap_or_default(),
                label: cells.text(s, row, "label").unwrap_or_default(),
                kind: cells.word(
                    s,
                    row,
                    "kind",
                    ComparatorKind::WORDS,
                    ComparatorKind::WHAT,
                    ComparatorKind::from_word,
                ),
                code: cells.text(s, row, "code"),
            }
        })
        .collect()
}

/// `Peers`: one member of a peer group per row; rows of one group make the group. A
/// member may be named by a comparator's id or by its ONS code.
fn peers(cells: &mut Cells, data: &Data, comparators: &[Comparator], rows: &mut Rows) -> Vec<PeerGroup> {
    let s = data.sheet;
    let mut groups: Vec<PeerGroup> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for row in data.rows() {
        let group = cells.text(s, row, "group").unwrap_or_default();
        let member = cells.text(s, row, "member").unwrap_or_default();
        let member = match comparators.iter().any(|c| c.id == member) {
            true => member,
            false => comparators
                .iter()
                .find(|c| c.code.as_deref().is_some_and(|code| same_name(code, &member)))
                .map_or(member, |c| c.id.clone()),
        };
        let g = *index.entry(group.clone()).or_insert_with(|| {
            groups.push(PeerGroup { id: group, members: Vec::new() });
            rows.peer_groups.push((data.at(row), Vec::new()));
            groups.len() - 1
        });
        groups[g].members.push(member);
        rows.peer_groups[g].1.push(data.at(row));
    }
    groups
}

/// `Comparisons`: one point of a comparator's series for one item.
fn comparisons(cells: &mut Cells, data: &Data, ids: &Ids, items: &mut [Item], rows: &mut Rows) {
    let s = data.sheet;
    for row in data.rows() {
        let Some(i) = ids.find(cells, data, row, "item") else { continue };
        let comparator = cells.text(s, row, "comparator").unwrap_or_default();
        items[i].comparisons.entry(comparator.clone()).or_default().push(Point {
            date: cells.date(s, row, "date").unwrap_or_default(),
            label: cells.text(s, row, "label"),
            value: cells.number(s, row, "value"),
            lower: cells.number(s, row, "lower"),
            upper: cells.number(s, row, "upper"),
            count: cells.number(s, row, "count"),
            denominator: cells.number(s, row, "denominator"),
            ..Point::default()
        });
        rows.comparisons.entry((i, comparator)).or_default().push(data.at(row));
    }
}

/// `Assessments`: what one edition said about one item.
fn assessments(cells: &mut Cells, data: &Data, ids: &Ids, items: &mut [Item], rows: &mut Rows) {
    let s = data.sheet;
    for row in data.rows() {
        let Some(i) = ids.find(cells, data, row, "item") else { continue };
        items[i].assessments.push(Assessment {
            period: cells.text(s, row, "period").unwrap_or_default(),
            rag: cells.word(s, row, "rag", Rag::WORDS, Rag::WHAT, Rag::from_word),
            trend: cells.word(s, row, "trend", Trend::WORDS, Trend::WHAT, Trend::from_word),
            benchmark: cells.word(s, row, "benchmark", Benchmark::WORDS, Benchmark::WHAT, Benchmark::from_word),
            commentary: cells.text(s, row, "commentary"),
            source_symbol: cells.text(s, row, "source_symbol"),
        });
        rows.assessments[i].push(data.at(row));
    }
}

/// `Series`: one point of an item's series, unless the item takes it from Fingertips.
fn series(cells: &mut Cells, data: &Data, ids: &Ids, links: &[FingertipsLink], items: &mut [Item], rows: &mut Rows) {
    let linked: HashMap<usize, &FingertipsLink> = links.iter().map(|l| (l.item, l)).collect();
    let s = data.sheet;
    for row in data.rows() {
        let Some(i) = ids.find(cells, data, row, "item") else { continue };
        if let Some(link) = linked.get(&i) {
            let place = cells.layout().cell(data.at(row), "item");
            let problem = Problem::error(
                ProblemKind::Inconsistent,
                Some(place),
                format!(
                    "this item takes its series from Fingertips (fingertips_id at {}), so it cannot also have rows here",
                    link.place
                ),
            )
            .column("item")
            .found(quoted(&items[i].id))
            .expected("one source per item: the Series sheet or a Fingertips export")
            .fix("delete this item's rows here, or clear its fingertips_id on the Items sheet");
            cells.problems.push(problem);
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
        rows.series[i].push(data.at(row));
    }
}

/// `Context`: one entry per row; rows of one period and heading make one section.
fn context(cells: &mut Cells, data: &Data, rows: &mut Rows) -> Vec<ContextSection> {
    let s = data.sheet;
    let mut context: Vec<ContextSection> = Vec::new();
    let mut sections: HashMap<(String, String), usize> = HashMap::new();
    for row in data.rows() {
        let period = cells.text(s, row, "period").unwrap_or_default();
        let heading = cells.text(s, row, "heading").unwrap_or_default();
        let entry = cells.text(s, row, "entry");
        let i = *sections.entry((period.clone(), heading.clone())).or_insert_with(|| {
            context.push(ContextSection { period, heading, entries: Vec::new() });
            rows.context.push((data.at(row), Vec::new()));
            context.len() - 1
        });
        if let Some(entry) = entry {
            context[i].entries.push(entry);
            rows.context[i].1.push(data.at(row));
        }
    }
    context
}

/// The ids of one sheet's records (the first of a repeated id), for rows of another
/// sheet that name them.
struct Ids {
    /// What the ids are of, for messages: "item".
    what: &'static str,
    /// The sheet the ids are listed on.
    sheet: &'static str,
    index: HashMap<String, usize>,
}

impl Ids {
    fn new<'a>(
        what: &'static str,
        sheet: &'static str,
        ids: impl DoubleEndedIterator<Item = &'a String> + ExactSizeIterator,
    ) -> Ids {
        Ids { what, sheet, index: ids.enumerate().rev().map(|(i, id)| (id.clone(), i)).collect() }
    }

    /// The record a row's `column` names; a problem at the cell when it is blank or
    /// names none.
    fn find(&self, cells: &mut Cells, data: &Data, row: &Row, column: &str) -> Option<usize> {
        let layout = cells.layout();
        let place = || Some(layout.cell(data.at(row), column));
        let Some(id) = cells.text(data.sheet, row, column) else {
            cells.problems.push(
                Problem::error(ProblemKind::Missing, place(), "a value is required here")
                    .column(column)
                    .fix(format!("type an id from the {} sheet", self.sheet)),
            );
            return None;
        };
        if let Some(&i) = self.index.get(id.as_str()) {
            return Some(i);
        }
        let mut known: Vec<&str> = self.index.keys().map(String::as_str).collect();
        known.sort_unstable();
        let expected = if known.len() <= 12 {
            format!("one of {}", known.iter().map(|k| quoted(k)).collect::<Vec<_>>().join(", "))
        } else {
            format!("one of the {} {} ids", known.len(), self.what)
        };
        let problem = Problem::error(ProblemKind::UnknownId, place(), format!("no {} has this id", self.what))
            .column(column)
            .found(quoted(&id))
            .expected(expected)
            .fix(format!("correct the id, or add the {} to the {} sheet", self.what, self.sheet));
        cells.problems.push(problem);
        None
    }
}
