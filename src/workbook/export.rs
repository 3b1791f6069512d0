//! A bundle as the rows of a workbook, so an existing bundle can be edited in Excel:
//! bundle -> workbook -> bundle gives the same bundle. Dates are written as text, so a
//! `YYYY-MM` or `YYYY` date keeps its precision; numbers as numbers.

use crate::bundle::Bundle;

use super::formula_prefix::defused;
use super::sheets::{self, Sheet, ITEMS_KEPT_FINGERTIPS};

/// A cell to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Out {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
}

/// One sheet to write: its name, header and rows.
#[derive(Debug, Clone)]
pub struct SheetOut {
    pub sheet: &'static Sheet,
    pub header: Vec<&'static str>,
    pub rows: Vec<Vec<Out>>,
}

fn text(s: &str) -> Out {
    Out::Text(s.to_string())
}

fn some_text(s: &Option<String>) -> Out {
    s.as_deref().map(text).unwrap_or(Out::Empty)
}

fn number(n: Option<f64>) -> Out {
    n.map(Out::Number).unwrap_or(Out::Empty)
}

fn header(sheet: &Sheet) -> Vec<&'static str> {
    sheet.columns.iter().map(|c| c.name).collect()
}

/// Every sheet of the format, filled from `bundle`; the `Items` sheet has the columns of
/// Fingertips' kept verdicts only when an item has them.
pub fn sheets(bundle: &Bundle) -> Vec<SheetOut> {
    let board_rows = {
        let b = &bundle.board;
        let s = &bundle.source;
        let mut rows = vec![vec![text("name"), text(&b.name)], vec![text("area"), text(&b.area)]];
        for (field, value) in [
            ("area_code", &b.area_code),
            ("vision", &b.vision),
            ("url", &b.url),
            ("source_title", &s.title),
            ("publisher", &s.publisher),
            ("notes", &s.notes),
        ] {
            if let Some(v) = value {
                rows.push(vec![text(field), text(v)]);
            }
        }
        rows.push(vec![text("illustrative"), Out::Bool(s.illustrative)]);
        rows
    };
    let periods = bundle.periods.iter().map(|p| vec![text(&p.id), text(&p.label), text(&p.end)]).collect();
    let workstreams = bundle
        .workstreams
        .iter()
        .map(|w| vec![text(&w.id), text(&w.label), text(&w.title), some_text(&w.lead)])
        .collect();
    let headlines = bundle
        .workstreams
        .iter()
        .flat_map(|w| w.headlines.iter().map(|(p, t)| vec![text(&w.id), text(p), text(t)]))
        .collect();
    let kept = bundle.items.iter().any(|i| i.fingertips.is_some());
    let mut items_header = header(&sheets::ITEMS);
    if kept {
        items_header.extend(ITEMS_KEPT_FINGERTIPS.iter().map(|c| c.name));
    }
    let items = bundle
        .items
        .iter()
        .map(|i| {
            let word = |w: Option<&str>| w.map(text).unwrap_or(Out::Empty);
            let mut row = vec![
                text(&i.id),
                text(&i.workstream),
                word(i.kind.as_ref().map(|k| k.as_str())),
                text(&i.title),
                word(i.scope.as_ref().map(|k| k.as_str())),
                some_text(&i.code),
                some_text(&i.parent),
                some_text(&i.unit),
                word(i.polarity.as_ref().map(|k| k.as_str())),
                some_text(&i.lead),
                some_text(&i.comparator_label),
                Out::Empty,
                Out::Empty,
                Out::Empty,
                word(i.value_type.as_ref().map(|w| w.as_str())),
                word(i.target_rule.as_ref().and_then(|r| r.direction.as_ref()).map(|w| w.as_str())),
                number(i.target_rule.as_ref().and_then(|r| r.amber_within)),
                some_text(&i.updated),
                some_text(&i.next_update),
                some_text(&i.benchmark_comparator),
            ];
            if kept {
                let f = i.fingertips.clone().unwrap_or_default();
                row.extend([
                    number(f.indicator_id.map(|n| n as f64)),
                    some_text(&f.period),
                    some_text(&f.recent_trend),
                    some_text(&f.compared_to_england),
                ]);
            }
            row
        })
        .collect();
    let assessments = bundle
        .items
        .iter()
        .flat_map(|i| {
            i.assessments.iter().map(|a| {
                let word = |w: Option<&str>| w.map(text).unwrap_or(Out::Empty);
                vec![
                    text(&i.id),
                    text(&a.period),
                    word(a.rag.as_ref().map(|w| w.as_str())),
                    word(a.trend.as_ref().map(|w| w.as_str())),
                    word(a.benchmark.as_ref().map(|w| w.as_str())),
                    some_text(&a.commentary),
                    some_text(&a.source_symbol),
                ]
            })
        })
        .collect();
    let series = bundle
        .items
        .iter()
        .flat_map(|i| {
            i.series.iter().map(|p| {
                vec![
                    text(&i.id),
                    text(&p.date),
                    some_text(&p.label),
                    number(p.value),
                    number(p.lower),
                    number(p.upper),
                    number(p.benchmark),
                    number(p.target),
                    number(p.count),
                    number(p.denominator),
                ]
            })
        })
        .collect();
    let context = bundle
        .context
        .iter()
        .flat_map(|c| {
            let entries: Vec<Out> =
                if c.entries.is_empty() { vec![Out::Empty] } else { c.entries.iter().map(|e| text(e)).collect() };
            entries.into_iter().map(|e| vec![text(&c.period), text(&c.heading), e])
        })
        .collect();
    let comparators = bundle
        .comparators
        .iter()
        .map(|c| {
            vec![
                text(&c.id),
                text(&c.label),
                c.kind.as_ref().map_or(Out::Empty, |k| text(k.as_str())),
                some_text(&c.code),
            ]
        })
        .collect();
    let peers = bundle.peer_groups.iter().flat_map(|g| g.members.iter().map(|m| vec![text(&g.id), text(m)])).collect();
    let comparisons = bundle
        .items
        .iter()
        .flat_map(|i| {
            i.comparisons.iter().flat_map(move |(c, points)| {
                points.iter().map(move |p| {
                    vec![
                        text(&i.id),
                        text(c),
                        text(&p.date),
                        some_text(&p.label),
                        number(p.value),
                        number(p.lower),
                        number(p.upper),
                        number(p.count),
                        number(p.denominator),
                    ]
                })
            })
        })
        .collect();
    let out = |sheet: &'static Sheet, rows: Vec<Vec<Out>>| SheetOut { sheet, header: header(sheet), rows };
    vec![
        out(&sheets::BOARD, board_rows),
        out(&sheets::PERIODS, periods),
        out(&sheets::WORKSTREAMS, workstreams),
        out(&sheets::HEADLINES, headlines),
        SheetOut { sheet: &sheets::ITEMS, header: items_header, rows: items },
        out(&sheets::ASSESSMENTS, assessments),
        out(&sheets::SERIES, series),
        out(&sheets::CONTEXT, context),
        out(&sheets::COMPARATORS, comparators),
        out(&sheets::PEERS, peers),
        out(&sheets::COMPARISONS, comparisons),
    ]
}

/// The sheets as CSV files (`items.csv`), UTF-8 without a byte-order mark. Text that a
/// spreadsheet would run as a formula gets an apostrophe (`formula_prefix`), which the
/// CSV reader removes again.
pub fn csv_files(bundle: &Bundle) -> Vec<(String, Vec<u8>)> {
    sheets(bundle)
        .into_iter()
        .map(|s| {
            let mut w = ::csv::Writer::from_writer(Vec::new());
            let _ = w.write_record(&s.header);
            for row in &s.rows {
                let fields = row.iter().map(|c| match c {
                    Out::Empty => String::new(),
                    Out::Text(t) => defused(t.clone()),
                    Out::Number(n) => n.to_string(),
                    Out::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).to_string(),
                });
                let _ = w.write_record(fields);
            }
            (s.sheet.csv_name(), w.into_inner().unwrap_or_default())
        })
        .collect()
}
