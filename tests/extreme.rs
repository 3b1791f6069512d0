//! Hostile and extreme content in a bundle (issue 19), for the core: titles that pass for
//! others, numbers at the ends of the range, dates at the ends of the calendar, deep
//! nesting and repeated keys. Each is read, refused with a clear problem, or shown sensibly.

use scorecard_explorer::bundle::{load, Bundle, Problem};
use scorecard_explorer::stats::number::{format_number, value_text};
use scorecard_explorer::stats::status::status;

fn minimal_text() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/good/minimal.json")).unwrap()
}

/// The minimal bundle with one text replaced (it must occur once).
fn with(old: &str, new: &str) -> String {
    let text = minimal_text();
    assert_eq!(text.matches(old).count(), 1, "{old:?} must occur once");
    text.replacen(old, new, 1)
}

fn loaded(text: &str) -> Bundle {
    load(text.as_bytes()).unwrap_or_else(|p| panic!("expected to load, got {p:#?}"))
}

fn problems(text: &str) -> Vec<Problem> {
    load(text.as_bytes()).expect_err("expected problems")
}

const SECOND: &str = "To deliver the Better Care Fund Ambitions";

#[test]
fn a_title_that_differs_from_another_only_in_invisible_characters_is_named() {
    for disguise in [
        "To deliver the Better\u{200B} Care Fund Ambitions",
        "To deliver the Better Care Fund Ambitions\u{202E}",
        "\u{2066}To deliver the Better Care Fund Ambitions\u{2069}",
        "To deliver the Better Care Fund \u{FEFF}Ambitions",
    ] {
        let title =
            r#""title": "To develop and produce a Health and Wellbeing Vision and Strategy for the next 10 years""#;
        let text = with(title, &format!("\"title\": {}", serde_json::to_string(disguise).unwrap()));
        let ps = problems(&text);
        assert_eq!(ps.len(), 1, "{ps:#?}");
        let p = &ps[0];
        assert_eq!(p.path, "items[1].title", "the later of the two is named");
        assert!(p.message.contains("items[0]") && p.message.contains("invisible"), "{p}");
        // The invisible characters are shown, escaped, so the producer can find them.
        assert!(p.to_string().contains("\\u{"), "{p}");
        assert!(p.line.is_some(), "located in the file: {p}");
    }
}

#[test]
fn invisible_characters_alone_are_shown_not_refused() {
    // A right-to-left override that is never closed, and a zero-width joiner (needed by
    // emoji and some scripts): the page isolates them, the validator accepts them.
    let text = with(SECOND, "Deliver \u{202E}the fund\u{200D} ambitions");
    let b = loaded(&text);
    assert!(b.items.iter().any(|i| i.title.contains('\u{202E}')));
}

#[test]
fn numbers_at_the_ends_of_the_range_read_sensibly() {
    assert_eq!(format_number(-0.0), "0");
    assert_eq!(format_number(-0.001), "0");
    assert_eq!(format_number(1e308), "1 × 10^308");
    assert_eq!(format_number(-1.7976931348623157e308), "-1.8 × 10^308");
    assert_eq!(format_number(123_456_789_012_345.0), "123,456,789,012,345");
    assert_eq!(value_text(Some(-0.0), Some("%"), "2018"), "0% (2018)");

    // In a bundle: the largest numbers and minus zero load, and the statistics of the
    // item neither overflow into "inf" or "NaN" nor print "-0".
    let text = with(
        r#"{ "date": "2017", "label": "2017/18", "value": null }"#,
        r#"{ "date": "2017", "label": "2017/18", "value": -0, "lower": -1e308, "upper": 1e308, "benchmark": 1e308 }"#,
    )
    .replace(
        r#""value": 12.5, "lower": 12.1, "upper": 12.9"#,
        r#""value": 1e308, "lower": 1e308, "upper": 1.7976931348623157e308"#,
    );
    let b = loaded(&text);
    let item = b.items.iter().find(|i| i.id == "ws3-m1").unwrap();
    for period in &b.periods {
        let s = status(&b, item, period);
        let words = format!(
            "{} {} {} {}",
            s.trend_calculation.label(),
            s.trend_calculation.explanation(),
            s.comparison.label(),
            s.latest.map(|p| value_text(p.value, item.unit.as_deref(), "x")).unwrap_or_default()
        );
        for bad in ["inf", "NaN", "-0 ", "-0%"] {
            assert!(!words.contains(bad), "{bad:?} in {words:?}");
        }
    }
}

#[test]
fn dates_at_the_ends_of_the_calendar_load_and_order() {
    let text =
        with(r#""date": "2016""#, r#""date": "0001-01-01""#).replace(r#""date": "2018""#, r#""date": "9999-12-31""#);
    let b = loaded(&text);
    let item = b.items.iter().find(|i| i.id == "ws3-m1").unwrap();
    let dates: Vec<&str> = item.series.iter().map(|p| p.date.as_str()).collect();
    assert_eq!(dates, ["0001-01-01", "2017", "9999-12-31"]);
    // A five-digit year is not a date of the format.
    let ps = problems(&with(r#""date": "2016""#, r#""date": "10000""#));
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert!(ps[0].path.ends_with("series[0].date"), "{}", ps[0]);
}

/// `depth` levels of unknown objects under a field the format does not know.
fn nested(depth: usize) -> String {
    let deep = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    with(r#""illustrative": true"#, &format!(r#""illustrative": true, "extra": {deep}"#))
}

#[test]
fn unknown_fields_nested_sixty_four_levels_deep_and_far_deeper_are_skipped() {
    // Unknown values are skipped without recursion: no depth overflows the stack.
    for depth in [64, 200, 100_000] {
        let b = loaded(&nested(depth));
        assert_eq!(b.items.len(), 3);
    }
    // Known fields nested past the parser's limit are refused in words, with a place.
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let ps = problems(&with(r#""value": null"#, &format!(r#""value": {deep}"#)));
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert!(ps[0].line.is_some() && ps[0].path.contains("series"), "{}", ps[0]);
}

#[test]
fn a_repeated_key_is_refused_with_its_name_and_place() {
    let ps = problems(&with(
        r#""title": "To deliver the Better Care Fund Ambitions","#,
        r#""title": "To deliver the Better Care Fund Ambitions", "title": "Something else","#,
    ));
    assert_eq!(ps.len(), 1, "{ps:#?}");
    let p = &ps[0];
    assert_eq!(p.message, r#"the field "title" is given twice"#, "{p}");
    assert!(p.path.starts_with("items[1]"), "{p}");
    assert!(p.line.is_some(), "{p}");
    // A repeated key the format does not know is ignored, as unknown fields are.
    loaded(&with(r#""illustrative": true"#, r#""illustrative": true, "x": 1, "x": 2"#));
}
