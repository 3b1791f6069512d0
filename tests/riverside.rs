//! The Riverside test bundle (`tests/bundles/riverside.json`), used by the browser tests:
//! it loads, its periods are put in date order, its hostile text survives exactly, and the
//! items meant to exercise a computed trend, a disagreement and each RAG change do so.

use scorecard_explorer::bundle::{Bundle, Item, Rag, Trend};
use scorecard_explorer::stats::change::{change_since_previous, Change};
use scorecard_explorer::stats::status::{status, Origin};
use scorecard_explorer::stats::trend::{Direction, Method, TrendResult};

const LATEST: &str = "2024-q4";

fn bundle() -> Bundle {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bundles/riverside.json");
    let bytes = std::fs::read(path).expect("tests/bundles/riverside.json is readable");
    match scorecard_explorer::bundle::load(&bytes) {
        Ok(b) => b,
        Err(problems) => panic!("the Riverside bundle has problems: {problems:#?}"),
    }
}

fn item<'a>(b: &'a Bundle, id: &str) -> &'a Item {
    b.items.iter().find(|i| i.id == id).unwrap_or_else(|| panic!("no item {id}"))
}

#[test]
fn loads_without_problems() {
    let b = bundle();
    assert_eq!(b.board.name, "Riverside Health and Wellbeing Board");
    assert_eq!(b.board.area, "Riverside");
    assert_eq!(b.board.vision, None);
    assert!(b.source.illustrative);
    assert_eq!(b.workstreams.len(), 3);
    assert!((15..=20).contains(&b.items.len()), "about 18 items: {}", b.items.len());
}

#[test]
fn periods_come_out_in_end_date_order() {
    let b = bundle();
    let ids: Vec<&str> = b.periods.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ["2023-q4", "2024-q2", "2024-q4"]);
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/bundles/riverside.json")).unwrap();
    let written: Vec<usize> =
        ["\"2024-q2\"", "\"2023-q4\"", "\"2024-q4\""].iter().map(|id| text.find(id).unwrap()).collect();
    assert!(written[0] < written[1] && written[1] < written[2], "the file writes them out of order on purpose");
}

#[test]
fn hostile_text_is_kept_exactly() {
    let b = bundle();
    let hostile = item(&b, "hostile-item");
    assert_eq!(hostile.title, r#"Smoking <b>prevalence</b> & "quotes""#);
    assert_eq!(
        hostile.assessment(LATEST).and_then(|a| a.commentary.as_deref()),
        Some(
            r#"<script>window.__pwned = 3</script><img src=x onerror="window.__pwned = 4">Commentary with <i>tags</i> & ampersands"#
        )
    );
    assert_eq!(hostile.assessment(LATEST).and_then(|a| a.rag.clone()), Some(Rag::Red));
    let headline = b.workstreams.iter().find(|w| w.id == "live-well").unwrap().headlines.get(LATEST).unwrap();
    assert!(
        headline.contains(r#"<script>window.__pwned = 1</script> and <img src=x onerror="window.__pwned = 2">"#),
        "{headline}"
    );
}

#[test]
fn every_word_occurs_in_the_latest_period() {
    use scorecard_explorer::bundle::Benchmark;
    let b = bundle();
    let latest: Vec<_> = b.items.iter().filter_map(|i| i.assessment(LATEST)).collect();
    for rag in Rag::ALL {
        assert!(latest.iter().any(|a| a.rag.as_ref() == Some(rag)), "{rag:?}");
    }
    for trend in Trend::ALL {
        assert!(latest.iter().any(|a| a.trend.as_ref() == Some(trend)), "{trend:?}");
    }
    for benchmark in Benchmark::ALL {
        assert!(latest.iter().any(|a| a.benchmark.as_ref() == Some(benchmark)), "{benchmark:?}");
    }
}

#[test]
fn a_rising_metric_with_no_stated_trend_is_computed_improving() {
    let b = bundle();
    let period = b.periods.last().unwrap();
    let it = item(&b, "sw-school-readiness");
    assert_eq!(it.assessment(LATEST).unwrap().trend, None, "no stated trend");
    let s = status(&b, it, period);
    assert_eq!(s.trend.origin, Origin::Computed);
    assert_eq!(s.trend.value, Some(Trend::Improving));
    assert_eq!(s.trend_calculation.method(), Method::Fingertips);
    assert_eq!(s.trend_calculation.direction(), Some(Direction::IncreasingAndGettingBetter));
}

#[test]
fn survey_values_without_counts_have_no_computed_trend() {
    // Physical activity is a survey estimate: limits but no counts, so, as in Fingertips,
    // no recent trend; the stated "improving" stands and nothing is flagged.
    let b = bundle();
    let period = b.periods.last().unwrap();
    let s = status(&b, item(&b, "lw-physical-activity"), period);
    assert_eq!(s.trend.origin, Origin::Stated);
    assert_eq!(s.trend.value, Some(Trend::Improving));
    assert_eq!(s.trend_calculation.label(), "Cannot be calculated");
    assert_eq!(s.trend.disagreement, None);
}

#[test]
fn a_stated_trend_the_data_do_not_support_is_a_disagreement() {
    // Drug treatment completions have counts: over the last five points chi-squared is about
    // 6.3, significant at 95% but not at Fingertips' 99.8%, so the stated "improving" is
    // flagged against the computed "no significant change" (stable).
    let b = bundle();
    let period = b.periods.last().unwrap();
    let it = item(&b, "lw-drug-treatment");
    assert!(it.series.iter().all(|p| p.count.is_some() && p.denominator.is_some()));
    let s = status(&b, it, period);
    match &s.trend_calculation {
        TrendResult::Computed(c) => {
            assert_eq!(c.method, Method::Fingertips);
            assert!(c.chi_squared > 3.841 && c.chi_squared < 9.5495, "{c:?}");
            assert_eq!(c.direction, Direction::NoSignificantChange);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.trend.value, Some(Trend::Improving));
    assert_eq!(s.trend.disagreement, Some(Trend::Stable));
}

#[test]
fn series_have_the_shapes_the_browser_tests_need() {
    let b = bundle();
    let quarterly = item(&b, "sw-breastfeeding");
    assert_eq!(quarterly.series.len(), 12);
    assert!(quarterly.series[1..11].iter().any(|p| p.value.is_none()), "a gap in the middle");
    assert!(quarterly.series.iter().any(|p| p.target.is_some()));
    assert!(quarterly.series.iter().filter(|p| p.value.is_some()).all(|p| p.lower.is_some() && p.benchmark.is_some()));
    let annual = item(&b, "sw-child-obesity");
    assert_eq!(annual.series.len(), 10);
    assert_eq!(annual.series[0].date, "2015");
    assert_eq!(annual.series[0].label.as_deref(), Some("2015/16"));
    let monthly = item(&b, "aw-falls");
    assert_eq!(monthly.series.len(), 24);
    assert_eq!((monthly.series[0].date.as_str(), monthly.series[23].date.as_str()), ("2023-01", "2024-12"));
}

#[test]
fn rag_changes_since_the_previous_edition() {
    let b = bundle();
    let change = |id: &str| change_since_previous(item(&b, id), &b.periods, LATEST);
    for id in ["sw-breastfeeding", "hostile-item", "lw-tobacco-control"] {
        assert_eq!(change(id), Some(Change::Worse), "{id}");
    }
    for id in ["sw-healthy-child-programme", "sw-school-readiness", "lw-drug-treatment", "sw-early-help"] {
        assert_eq!(change(id), Some(Change::Better), "{id}");
    }
    for id in ["sw-child-obesity", "lw-physical-activity"] {
        assert_eq!(change(id), Some(Change::Same), "{id}");
    }
    assert_eq!(change("aw-dementia-diagnosis"), Some(Change::New));
    let dropped = item(&b, "sw-teenage-conceptions");
    let assessed: Vec<&str> = dropped.assessments.iter().map(|a| a.period.as_str()).collect();
    assert_eq!(assessed, ["2023-q4"], "assessed only in the first edition");
    assert_eq!(change("sw-teenage-conceptions"), None);
    let new = item(&b, "aw-dementia-diagnosis");
    assert_eq!(new.assessments.len(), 1);
}
