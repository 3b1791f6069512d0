//! The analysts' table of the filtered items: one row per item with the words the page
//! shows, and its order when a column is sorted. The page, the CSV of the table and the
//! tests all read these rows, so what is shown, sorted and downloaded is one thing.
//!
//! A bundle with comparisons adds columns after the fixed ones: the rank among its peer
//! group (sortable, best first) and the verdict against each comparator, in words.

use std::cmp::Ordering;

use crate::bundle::{Benchmark, Bundle, Period, Rag, Trend};
use crate::explore::facets::FacetIndex;
use crate::stats::number::with_unit;
use crate::stats::status::{status, Origin};
use crate::stats::vocabulary::{benchmark_words, rank_words, summary_trend};

/// A column of the table, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Title,
    Workstream,
    Rag,
    Trend,
    Benchmark,
    Latest,
    Period,
    /// The rank among the peer group: only in a bundle that has one, so not in `ALL`.
    Rank,
}

impl Column {
    /// Whether the column folds into its neighbour in a narrow column (the page's, see
    /// style/main.css): the workstream under the title, the period after the latest value.
    /// With every comparator's verdict folded into one "Compared with" cell, the table
    /// then has the same few columns whatever the bundle compares with.
    pub fn folds(self) -> bool {
        matches!(self, Column::Workstream | Column::Period)
    }

    pub const ALL: [Column; 7] = [
        Column::Title,
        Column::Workstream,
        Column::Rag,
        Column::Trend,
        Column::Benchmark,
        Column::Latest,
        Column::Period,
    ];

    /// The column's word in the URL (`tsort=latest`).
    pub fn word(self) -> &'static str {
        match self {
            Column::Title => "title",
            Column::Workstream => "workstream",
            Column::Rag => "rag",
            Column::Trend => "trend",
            Column::Benchmark => "benchmark",
            Column::Latest => "latest",
            Column::Period => "period",
            Column::Rank => "rank",
        }
    }

    pub fn from_word(word: &str) -> Option<Column> {
        Column::ALL.into_iter().chain([Column::Rank]).find(|c| c.word() == word)
    }

    /// The column's heading, also the CSV's.
    pub fn label(self) -> &'static str {
        match self {
            Column::Title => "Title",
            Column::Workstream => "Workstream",
            Column::Rag => "RAG",
            Column::Trend => "Trend",
            Column::Benchmark => "Benchmark",
            Column::Latest => "Latest value",
            Column::Period => "Period",
            Column::Rank => "Rank",
        }
    }
}

/// Which way a column is sorted. For RAG, trend and benchmark, ascending puts the worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    Ascending,
    Descending,
}

impl Direction {
    /// The word in the URL (`tdir=desc`), also the end of `aria-sort`'s value.
    pub fn word(self) -> &'static str {
        match self {
            Direction::Ascending => "asc",
            Direction::Descending => "desc",
        }
    }

    pub fn from_word(word: &str) -> Option<Direction> {
        [Direction::Ascending, Direction::Descending].into_iter().find(|d| d.word() == word)
    }

    /// `aria-sort`'s value, and what the page says.
    pub fn aria(self) -> &'static str {
        match self {
            Direction::Ascending => "ascending",
            Direction::Descending => "descending",
        }
    }
}

/// The table's sort: one column, one way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableSort {
    pub column: Column,
    pub direction: Direction,
}

impl TableSort {
    /// The sort after a click on `column`'s heading: ascending first, then the other way.
    pub fn clicked(current: Option<TableSort>, column: Column) -> TableSort {
        let direction = match current {
            Some(s) if s.column == column && s.direction == Direction::Ascending => Direction::Descending,
            _ => Direction::Ascending,
        };
        TableSort { column, direction }
    }

    /// "Sorted by Latest value, descending".
    pub fn describe(sort: Option<TableSort>) -> String {
        match sort {
            Some(s) => format!("Sorted by {}, {}", s.column.label(), s.direction.aria()),
            None => "In the scorecard's order".to_string(),
        }
    }
}

/// One item as the table shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Position in `bundle.items`.
    pub item_idx: usize,
    pub id: String,
    pub rag: Rag,
    /// The cells' words, one per column of [`Column::ALL`], as shown and downloaded.
    pub cells: [String; 7],
    /// The rank cell ("2nd best of 16"), when the bundle has a peer group; empty for an
    /// item without a rank.
    pub rank: Option<String>,
    /// The verdict against each comparator of [`FacetIndex::comparators`] ("Worse").
    pub verdicts: Vec<String>,
    /// Whether the RAG was computed from the target (the page marks it beside the badge).
    pub rag_origin: Origin,
    /// The latest point's figures apart, for a spreadsheet to compute with (the CSV's
    /// last columns, [`FIGURE_HEADINGS`]): value, unit, limits, comparator's value, the
    /// item's code and Fingertips indicator.
    pub figures: [String; 7],
    /// The rank and how many were ranked: sorted by rank, more ranked first among equals.
    ranked: Option<(usize, usize)>,
    /// What the status columns sort by (worst first); `None` sorts last.
    trend: Option<u8>,
    benchmark: Option<u8>,
    latest: Option<f64>,
    /// The latest value's date, which sorts as it reads (ISO dates).
    date: Option<String>,
}

impl Row {
    pub fn cell(&self, column: Column) -> &str {
        match column {
            Column::Rank => self.rank.as_deref().unwrap_or_default(),
            _ => &self.cells[column as usize],
        }
    }

    /// Every cell as shown: the fixed columns', then the comparisons'.
    pub fn all_cells(&self) -> impl Iterator<Item = &String> {
        self.cells.iter().chain(&self.rank).chain(&self.verdicts)
    }
}

/// The headings of [`Row::figures`], after the shown columns in the table's CSV.
pub const FIGURE_HEADINGS: [&str; 7] =
    ["Value", "Unit", "Lower 95% limit", "Upper 95% limit", "Comparator value", "Code", "Fingertips indicator"];

/// A cell's words with " (computed)" when the viewer worked it out, as the cards mark it:
/// a computed verdict must not read as the scorecard's own.
fn marked(words: String, origin: Origin) -> String {
    match origin {
        Origin::Computed if !words.is_empty() => format!("{words} (computed)"),
        _ => words,
    }
}

/// The columns a bundle's comparisons add after the fixed ones, each with its heading
/// and its column when it sorts: "Rank among CIPFA nearest neighbours", then "Compared
/// with England" and on. None for a bundle without comparisons.
pub fn comparison_columns(facets: &FacetIndex) -> Vec<(Option<Column>, String)> {
    let rank = facets.rank_group().map(|group| (Some(Column::Rank), format!("Rank among {group}")));
    let versus = facets.comparators().iter().map(|c| (None, format!("Compared with {}", c.label)));
    rank.into_iter().chain(versus).collect()
}

/// The rows of the `matching` items (positions in `bundle.items`) as of `period`, in
/// that order; statuses come from the facet index, which already holds them.
pub fn rows(bundle: &Bundle, facets: &FacetIndex, matching: &[usize], period: &Period) -> Vec<Row> {
    matching
        .iter()
        .map(|&item_idx| {
            let item = &bundle.items[item_idx];
            let summary = facets.summary(item_idx).cloned().unwrap_or_else(|| status(bundle, item, period).summary());
            let ws = bundle.workstreams.iter().find(|w| w.id == item.workstream);
            let point = summary.latest.and_then(|i| item.series.get(i));
            let benchmark = if item.is_metric() || summary.benchmark.value.is_some() {
                marked(benchmark_words(summary.benchmark.value.as_ref(), item.comparator()), summary.benchmark.origin)
            } else {
                String::new()
            };
            let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            let rank = facets.rank(item_idx);
            Row {
                item_idx,
                id: item.id.clone(),
                rank: facets
                    .rank_group()
                    .map(|_| rank.map(|r| rank_words(&r.rank, "").trim_end().to_string()).unwrap_or_default()),
                verdicts: (0..facets.comparators().len())
                    .map(|n| facets.verdict(item_idx, n).unwrap_or_default().to_string())
                    .collect(),
                ranked: rank.map(|r| (r.rank.rank, r.rank.of)),
                rag_origin: summary.target_rag.origin,
                figures: [
                    number(point.and_then(|p| p.value)),
                    item.unit.clone().unwrap_or_default(),
                    number(point.and_then(|p| p.lower)),
                    number(point.and_then(|p| p.upper)),
                    number(point.and_then(|p| p.benchmark)),
                    item.code.clone().unwrap_or_default(),
                    item.fingertips.as_ref().and_then(|f| f.indicator_id).map(|id| id.to_string()).unwrap_or_default(),
                ],
                cells: [
                    item.title.clone(),
                    ws.map(|w| w.label.clone()).unwrap_or_default(),
                    marked(summary.rag.label().to_string(), summary.target_rag.origin),
                    marked(summary_trend(&summary), summary.trend.origin),
                    benchmark,
                    point.and_then(|p| p.value).map(|v| with_unit(v, item.unit.as_deref())).unwrap_or_default(),
                    point.map(|p| p.label.clone().unwrap_or_else(|| p.date.clone())).unwrap_or_default(),
                ],
                trend: summary.trend.value.as_ref().and_then(|t| match t {
                    Trend::Declining => Some(0),
                    Trend::Stable => Some(1),
                    Trend::Improving => Some(2),
                    Trend::NotKnown | Trend::Unknown(_) => None,
                }),
                benchmark: summary.benchmark.value.as_ref().and_then(|b| match b {
                    Benchmark::Worse => Some(0),
                    Benchmark::Similar => Some(1),
                    Benchmark::Better => Some(2),
                    Benchmark::NotCompared | Benchmark::Unknown(_) => None,
                }),
                latest: point.and_then(|p| p.value),
                date: point.map(|p| p.date.clone()),
                rag: summary.rag,
            }
        })
        .collect()
}

/// What a row sorts by in one column.
#[derive(PartialEq, PartialOrd)]
enum Key {
    Text(String),
    Number(f64),
    Rank(usize, std::cmp::Reverse<usize>),
}

fn key(row: &Row, column: Column) -> Option<Key> {
    let text = |s: &str| (!s.trim().is_empty()).then(|| Key::Text(s.trim().to_lowercase()));
    match column {
        Column::Title | Column::Workstream => text(row.cell(column)),
        Column::Rag => match row.rag {
            Rag::NotRated | Rag::Unknown(_) => None,
            ref r => Some(Key::Number(r.severity().into())),
        },
        Column::Trend => row.trend.map(|t| Key::Number(t.into())),
        Column::Benchmark => row.benchmark.map(|b| Key::Number(b.into())),
        Column::Latest => row.latest.filter(|v| v.is_finite()).map(Key::Number),
        Column::Period => row.date.as_deref().and_then(text),
        Column::Rank => row.ranked.map(|(rank, of)| Key::Rank(rank, std::cmp::Reverse(of))),
    }
}

/// The positions in `rows` in the order the table shows them: as given when unsorted;
/// else by the column, rows without a value last whichever the direction, and rows that
/// tie in the order given (the scorecard's).
pub fn order(rows: &[Row], sort: Option<TableSort>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let Some(TableSort { column, direction }) = sort else { return order };
    let keys: Vec<Option<Key>> = rows.iter().map(|r| key(r, column)).collect();
    order.sort_by(|&a, &b| match (&keys[a], &keys[b]) {
        (Some(x), Some(y)) => {
            let o = x.partial_cmp(y).unwrap_or(Ordering::Equal);
            if direction == Direction::Descending {
                o.reverse()
            } else {
                o
            }
        }
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::{Assessment, Item, Kind, Point, Workstream};

    /// Items with a title, a RAG and (maybe) a latest value; `None` for no value.
    fn bundle(items: &[(&str, Option<Rag>, Option<f64>)]) -> Bundle {
        Bundle {
            periods: vec![Period { id: "p".into(), label: "P".into(), end: "2024-03-31".into() }],
            workstreams: vec![Workstream { id: "w".into(), label: "Living well".into(), ..Workstream::default() }],
            items: items
                .iter()
                .enumerate()
                .map(|(n, (title, rag, value))| Item {
                    id: format!("i{n}"),
                    workstream: "w".into(),
                    kind: Some(Kind::Metric),
                    title: title.to_string(),
                    unit: Some("%".into()),
                    comparator_label: Some("England".into()),
                    assessments: vec![Assessment { period: "p".into(), rag: rag.clone(), ..Assessment::default() }],
                    series: vec![Point { date: format!("20{}", 10 + n), value: *value, ..Point::default() }],
                    ..Item::default()
                })
                .collect(),
            ..Bundle::default()
        }
    }

    fn table(b: &Bundle, sort: Option<TableSort>) -> Vec<String> {
        let index = FacetIndex::new(b, &b.periods[0]);
        let all: Vec<usize> = (0..b.items.len()).collect();
        let rows = rows(b, &index, &all, &b.periods[0]);
        order(&rows, sort).into_iter().map(|i| rows[i].id.clone()).collect()
    }

    fn by(column: Column, direction: Direction) -> Option<TableSort> {
        Some(TableSort { column, direction })
    }

    #[test]
    fn rows_carry_the_words_the_page_shows() {
        let b = bundle(&[("Smoking", Some(Rag::Red), Some(12.5)), ("Plan", None, None)]);
        let index = FacetIndex::new(&b, &b.periods[0]);
        let rows = rows(&b, &index, &[0, 1], &b.periods[0]);
        assert_eq!(
            rows[0].cells,
            ["Smoking", "Living well", "Red", "Not stated", "Not compared with England", "12.5%", "2010"]
        );
        assert_eq!(rows[1].cell(Column::Rag), "Not rated");
        assert_eq!(rows[1].cell(Column::Latest), "");
        assert_eq!(rows[1].cell(Column::Period), "", "no value, so no period of one");
    }

    #[test]
    fn numbers_sort_as_numbers_with_missing_values_last_both_ways() {
        let b = bundle(&[("a", None, Some(9.0)), ("b", None, None), ("c", None, Some(10.0)), ("d", None, Some(-1.0))]);
        assert_eq!(table(&b, by(Column::Latest, Direction::Ascending)), ["i3", "i0", "i2", "i1"]);
        assert_eq!(table(&b, by(Column::Latest, Direction::Descending)), ["i2", "i0", "i3", "i1"]);
        assert_eq!(table(&b, None), ["i0", "i1", "i2", "i3"], "unsorted: the scorecard's order");
    }

    #[test]
    fn rag_sorts_worst_first_and_not_rated_last() {
        let b = bundle(&[
            ("a", Some(Rag::Green), None),
            ("b", None, None),
            ("c", Some(Rag::Red), None),
            ("d", Some(Rag::Amber), None),
        ]);
        assert_eq!(table(&b, by(Column::Rag, Direction::Ascending)), ["i2", "i3", "i0", "i1"]);
        assert_eq!(table(&b, by(Column::Rag, Direction::Descending)), ["i0", "i3", "i2", "i1"]);
    }

    #[test]
    fn ties_keep_the_scorecards_order_whichever_the_direction() {
        let b = bundle(&[("Same", None, Some(1.0)), ("same", None, Some(1.0)), ("Other", None, Some(2.0))]);
        assert_eq!(table(&b, by(Column::Title, Direction::Ascending)), ["i2", "i0", "i1"]);
        assert_eq!(table(&b, by(Column::Title, Direction::Descending)), ["i0", "i1", "i2"]);
        assert_eq!(table(&b, by(Column::Latest, Direction::Descending)), ["i2", "i0", "i1"]);
    }

    #[test]
    fn a_click_sorts_ascending_then_descending() {
        let asc = TableSort::clicked(None, Column::Latest);
        assert_eq!(asc, TableSort { column: Column::Latest, direction: Direction::Ascending });
        let desc = TableSort::clicked(Some(asc), Column::Latest);
        assert_eq!(desc.direction, Direction::Descending);
        assert_eq!(TableSort::clicked(Some(desc), Column::Latest).direction, Direction::Ascending);
        assert_eq!(TableSort::clicked(Some(desc), Column::Title).direction, Direction::Ascending);
        assert_eq!(TableSort::describe(Some(desc)), "Sorted by Latest value, descending");
    }
}
