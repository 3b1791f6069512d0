//! The filtered items as CSV (RFC 4180): one row per item with its assessment in the
//! period and its latest value. UTF-8 with a byte-order mark so Excel reads it as UTF-8.

use crate::bundle::{Bundle, Period};
use crate::stats::status::{status, Origin};

const HEADER: [&str; 21] = [
    "id",
    "workstream",
    "workstream_label",
    "kind",
    "scope",
    "code",
    "title",
    "period",
    "rag",
    "trend",
    "trend_origin",
    "benchmark",
    "benchmark_origin",
    "change",
    "latest_value",
    "unit",
    "latest_date",
    "latest_label",
    "latest_lower",
    "latest_upper",
    "commentary",
];

/// CSV of `items` (indexes into `bundle.items`) as of `period`.
pub fn items_csv(bundle: &Bundle, items: &[usize], period: &Period) -> String {
    let mut out = String::from("\u{feff}");
    row(&mut out, HEADER.iter().map(|h| h.to_string()));
    for &i in items {
        let item = &bundle.items[i];
        let s = status(bundle, item, period);
        let ws = bundle.workstreams.iter().find(|w| w.id == item.workstream);
        let origin = |o: Origin| match o {
            Origin::Stated => "stated",
            Origin::Computed => "computed",
            Origin::Missing => "",
        };
        let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        row(
            &mut out,
            [
                item.id.clone(),
                item.workstream.clone(),
                ws.map(|w| w.label.clone()).unwrap_or_default(),
                item.kind.as_ref().map(|k| k.as_str().to_string()).unwrap_or_default(),
                item.scope.as_ref().map(|k| k.as_str().to_string()).unwrap_or_default(),
                item.code.clone().unwrap_or_default(),
                item.title.clone(),
                period.id.clone(),
                s.rag.as_str().to_string(),
                s.trend.value.as_ref().map(|t| t.as_str().to_string()).unwrap_or_default(),
                origin(s.trend.origin).to_string(),
                s.benchmark.value.as_ref().map(|b| b.as_str().to_string()).unwrap_or_default(),
                origin(s.benchmark.origin).to_string(),
                s.change.map(|c| c.as_str().to_string()).unwrap_or_default(),
                number(s.latest.and_then(|p| p.value)),
                item.unit.clone().unwrap_or_default(),
                s.latest.map(|p| p.date.clone()).unwrap_or_default(),
                s.latest.and_then(|p| p.label.clone()).unwrap_or_default(),
                number(s.latest.and_then(|p| p.lower)),
                number(s.latest.and_then(|p| p.upper)),
                s.assessment.and_then(|a| a.commentary.clone()).unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    out
}

/// One record: fields quoted when they hold a comma, quote or line break; CRLF ends it.
fn row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (n, field) in fields.enumerate() {
        if n > 0 {
            out.push(',');
        }
        // A leading =, +, - or @ would run as a formula in a spreadsheet, and so would one
        // after a leading tab or carriage return, which spreadsheets skip.
        let field = if field.starts_with(['=', '+', '-', '@', '\t', '\r']) && field.parse::<f64>().is_err() {
            format!("'{field}")
        } else {
            field
        };
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
