//! Large synthetic bundles as JSON text, for the tests of memory and of extreme sizes.
#![allow(dead_code)]

/// A synthetic county-wide bundle shaped as the benchmark's (bench/gen-bundles.js):
/// metrics with quarterly points carrying a label, a value, a confidence interval and a
/// comparator, and three assessments with commentary.
pub fn county_bundle_text(items: usize) -> String {
    let mut out = String::from(
        r#"{"format":"hwb-scorecard","version":1,"board":{"name":"County Board","area":"County"},
"source":{"illustrative":true},"periods":[{"id":"2023-03","label":"March 2023","end":"2023-03-31"},
{"id":"2023-09","label":"September 2023","end":"2023-09-30"},{"id":"2024-03","label":"March 2024","end":"2024-03-31"}],
"workstreams":[{"id":"ws","label":"All","title":"Everything"}],"items":["#,
    );
    for i in 0..items {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"id":"m{i}","workstream":"ws","kind":"metric","title":"Delayed transfers of care, average days per day - area {i}","scope":"local","unit":"days","polarity":"lower_is_better","assessments":["#
        ));
        for (j, period) in ["2023-03", "2023-09", "2024-03"].iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            out.push_str(&format!(
                r#"{{"period":"{period}","rag":"amber","trend":"improving","benchmark":"better","commentary":"The most recent quarter was affected by winter pressures. Numbers are small, so the rate fluctuates."}}"#
            ));
        }
        out.push_str(r#"],"series":["#);
        for q in 0..(20 + i % 100) {
            if q > 0 {
                out.push(',');
            }
            let (year, quarter) = (2000 + q / 4, q % 4 + 1);
            let v = 25.0 + (i % 13) as f64 * 0.7 + q as f64 * 0.1;
            out.push_str(&format!(
                r#"{{"date":"{year}-{:02}","label":"Q{quarter} {year}","value":{v:.1},"lower":{:.1},"upper":{:.1},"benchmark":{:.1}}}"#,
                quarter * 3,
                v - 0.7,
                v + 0.7,
                v + 0.3
            ));
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}

/// `count` workstreams of one metric each, all assessed in the one period.
pub fn many_workstreams_text(count: usize) -> String {
    let mut out = String::from(
        r#"{"format":"hwb-scorecard","version":1,"board":{"name":"County Board","area":"County"},
"source":{"illustrative":true},"periods":[{"id":"2024-03","label":"March 2024","end":"2024-03-31"}],"workstreams":["#,
    );
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(r#"{{"id":"w{i}","label":"WS-{i}","title":"Workstream number {i}","lead":"Lead {i}"}}"#));
    }
    out.push_str(r#"],"items":["#);
    for i in 0..count {
        if i > 0 {
            out.push(',');
        }
        let rag = ["red", "amber", "green"][i % 3];
        out.push_str(&format!(
            r#"{{"id":"m{i}","workstream":"w{i}","kind":"metric","title":"Measure {i}","assessments":[{{"period":"2024-03","rag":"{rag}","trend":"improving"}}]}}"#
        ));
    }
    out.push_str("]}");
    out
}
