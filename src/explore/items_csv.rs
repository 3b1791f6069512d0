//! The filtered items as CSV (RFC 4180): one row per item with its assessment in the
//! period and its latest value; or, from the table view, the table as shown. UTF-8 with
//! a byte-order mark so Excel reads it as UTF-8.
//! Cells carry the words the page shows ("Red", "Worse than England"), from
//! `stats::vocabulary`, not the bundle's codes. A bundle with comparisons adds the rank
//! among its peer group and the verdict against each comparator, as the table does.

use crate::bundle::{Bundle, Period};
use crate::explore::exceptions::ExceptionReport;
use crate::explore::facets::{compared_with, listed_rank, verdict, FacetIndex};
use crate::explore::standing::Standing;
use crate::explore::table::{comparison_columns, Column, Row, FIGURE_HEADINGS};
use crate::stats::status::status;
use crate::stats::vocabulary::{benchmark_words, change_words, origin_words, status_trend};
/// A cell as the CSV writes it: the workbook's one rule for text a spreadsheet would run.
pub use crate::workbook::formula_prefix::defused;

const HEADER: [&str; 24] = [
    "id",
    "workstream",
    "workstream_label",
    "kind",
    "scope",
    "code",
    "fingertips_id",
    "title",
    "period",
    "rag",
    "trend",
    "trend_origin",
    "benchmark",
    "benchmark_origin",
    "comparator",
    "change",
    "latest_value",
    "unit",
    "latest_date",
    "latest_label",
    "latest_lower",
    "latest_upper",
    "latest_comparator_value",
    "commentary",
];

/// CSV of `items` (indexes into `bundle.items`) as of `period`. After the fixed columns,
/// `rank` ("2nd best of 16 CIPFA nearest neighbours") when the bundle has a peer group,
/// and `vs_<comparator id>` per comparator ("Worse"), named as the `vs` filter names them.
pub fn items_csv(bundle: &Bundle, items: &[usize], period: &Period) -> String {
    let mut out = String::from("\u{feff}");
    let ranked = !bundle.peer_groups.is_empty();
    let versus: Vec<&str> = compared_with(bundle).map(|c| c.id.as_str()).collect();
    let more = ranked.then(|| "rank".to_string()).into_iter().chain(versus.iter().map(|id| format!("vs_{id}")));
    row(&mut out, HEADER.iter().map(|h| h.to_string()).chain(more));
    for &i in items {
        let item = &bundle.items[i];
        let s = status(bundle, item, period);
        let standing = (ranked || !versus.is_empty()).then(|| Standing::of(bundle, item, period));
        let rank = ranked
            .then(|| standing.as_ref().and_then(|s| listed_rank(bundle, s)).map(|r| r.words()).unwrap_or_default());
        let verdicts = versus.iter().map(|id| {
            let v = standing.as_ref().and_then(|s| verdict(s, item, id));
            v.map(|v| v.label().to_string()).unwrap_or_default()
        });
        let ws = bundle.workstreams.iter().find(|w| w.id == item.workstream);
        let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        row(
            &mut out,
            [
                item.id.clone(),
                item.workstream.clone(),
                ws.map(|w| w.label.clone()).unwrap_or_default(),
                item.kind.as_ref().map(|k| k.label().to_string()).unwrap_or_default(),
                item.scope.as_ref().map(|k| k.label().to_string()).unwrap_or_default(),
                item.code.clone().unwrap_or_default(),
                item.fingertips.as_ref().and_then(|f| f.indicator_id).map(|id| id.to_string()).unwrap_or_default(),
                item.title.clone(),
                period.id.clone(),
                s.rag.label().to_string(),
                status_trend(&s),
                origin_words(s.trend.origin).to_string(),
                if item.is_metric() || s.benchmark.value.is_some() {
                    benchmark_words(s.benchmark.value.as_ref(), item.comparator())
                } else {
                    String::new()
                },
                origin_words(s.benchmark.origin).to_string(),
                item.comparator().to_string(),
                s.change.map(|c| change_words(c).to_string()).unwrap_or_default(),
                number(s.latest.and_then(|p| p.value)),
                item.unit.clone().unwrap_or_default(),
                s.latest.map(|p| p.date.clone()).unwrap_or_default(),
                s.latest.and_then(|p| p.label.clone()).unwrap_or_default(),
                number(s.latest.and_then(|p| p.lower)),
                number(s.latest.and_then(|p| p.upper)),
                number(s.latest.and_then(|p| p.benchmark)),
                s.assessment.and_then(|a| a.commentary.clone()).unwrap_or_default(),
            ]
            .into_iter()
            .chain(rank)
            .chain(verdicts),
        );
    }
    out
}

/// CSV of the table view: its headings, then its rows in the order given, cell for cell;
/// then each row's figures apart ([`FIGURE_HEADINGS`]), numbers a spreadsheet can use.
pub fn table_csv<'a>(facets: &FacetIndex, rows: impl IntoIterator<Item = &'a Row>) -> String {
    let mut out = String::from("\u{feff}");
    let more = comparison_columns(facets).into_iter().map(|(_, heading)| heading);
    let figures = FIGURE_HEADINGS.iter().map(|h| h.to_string());
    row(&mut out, Column::ALL.iter().map(|c| c.label().to_string()).chain(more).chain(figures));
    for r in rows {
        row(&mut out, r.all_cells().chain(&r.figures).cloned());
    }
    out
}

/// The exception report's summary table as CSV, with the same columns and words, and
/// each item's full commentary.
pub fn exceptions_csv(report: &ExceptionReport) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, SUMMARY_HEADER.iter().map(|h| h.to_string()));
    for e in report.summary() {
        let fields = [&e.title, &e.workstream, e.rag.label(), &e.trend];
        let fields = fields.into_iter().map(|f| f.to_string());
        let more =
            [Some(e.latest.clone()), e.lead.clone(), e.commentary.clone()].into_iter().map(Option::unwrap_or_default);
        row(&mut out, fields.chain(more));
    }
    out
}

/// The columns of the exception report's summary table.
pub const SUMMARY_HEADER: [&str; 7] =
    ["Item", "Workstream", "RAG", "Trend", "Latest value and comparisons", "Lead", "Commentary"];

/// One record: fields quoted when they hold a comma, quote or line break; CRLF ends it.
fn row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (n, field) in fields.enumerate() {
        if n > 0 {
            out.push(',');
        }
        let field = defused(field);
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_as_rfc_4180_says() {
        let mut out = String::new();
        row(&mut out, ["plain", "a,b", "say \"hi\"", "two\nlines", "=1+1", "-3.5"].iter().map(|s| s.to_string()));
        assert_eq!(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=1+1,-3.5\r\n");
    }

    #[test]
    fn a_formula_after_a_tab_or_carriage_return_is_defused() {
        for (field, written) in [
            ("\t=HYPERLINK(\"x\")", "'\t=HYPERLINK(\"\"x\"\")"),
            ("\r=1+1", "'\r=1+1"),
            ("+44 1234", "'+44 1234"),
            ("@SUM(A1)", "'@SUM(A1)"),
        ] {
            let mut out = String::new();
            row(&mut out, std::iter::once(field.to_string()));
            let expected =
                if written.contains(['"', '\r']) { format!("\"{written}\"\r\n") } else { format!("{written}\r\n") };
            assert_eq!(out, expected, "{field:?}");
        }
    }
}
