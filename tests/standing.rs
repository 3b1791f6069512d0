//! Where an item stands as of an edition (`explore::standing`), and the item page's data
//! dates (`explore::detail::data_dates`): one test per rule. The bundle is
//! `tests/comparisons/kent.json` (smoking prevalence, lower is better, 2023: 11.5%,
//! 10.4–12.6; Essex 13.0, Hampshire 10.2; England 11.9).

use scorecard_explorer::bundle::date::IsoDate;
use scorecard_explorer::bundle::{load, Bundle, Period, Polarity, Rag};
use scorecard_explorer::explore::detail::{comparison_rows, data_dates};
use scorecard_explorer::explore::standing::{peer_chart, Quarter, Standing};
use scorecard_explorer::stats::status::{status, Origin};

fn kent() -> Bundle {
    let path = format!("{}/tests/comparisons/kent.json", env!("CARGO_MANIFEST_DIR"));
    load(&std::fs::read(path).unwrap()).unwrap_or_else(|p| panic!("{p:#?}"))
}

fn edition(end: &str) -> Period {
    Period { id: "p".into(), label: "p".into(), end: end.into() }
}

#[test]
fn the_rank_is_in_each_peer_group_with_its_words() {
    let b = kent();
    let s = Standing::of(&b, &b.items[0], &b.periods[0]);
    let r = s.rank().expect("ranked among the CIPFA group");
    // Lower is better: Hampshire 10.2 beats Kent 11.5, which beats Essex 13.0.
    assert_eq!((r.rank.rank, r.rank.of), (2, 3));
    assert_eq!(r.words(), "2nd best of 3 CIPFA nearest neighbours");
    assert_eq!(r.quarter(), Quarter::Middle);
}

#[test]
fn quarters_split_a_group_at_a_quarter_and_three_quarters() {
    assert_eq!(Quarter::of(4, 16), Quarter::Top);
    assert_eq!(Quarter::of(5, 16), Quarter::Middle);
    assert_eq!(Quarter::of(12, 16), Quarter::Middle);
    assert_eq!(Quarter::of(13, 16), Quarter::Bottom);
    assert_eq!(Quarter::of(1, 1), Quarter::Top);
    for q in Quarter::ALL {
        assert_eq!(Quarter::from_word(q.word()), Some(q));
    }
}

#[test]
fn an_edition_sees_only_the_points_up_to_its_end() {
    // As of the end of 2022 the 2023 values do not exist: 2022 is compared with England's
    // 12.7, and no peer has a 2022 value, so Kent is 1st of 1.
    let b = kent();
    let s = Standing::of(&b, &b.items[0], &edition("2022-12-31"));
    let england = s.with("england").unwrap();
    assert_eq!(england.point.as_ref().unwrap().date, "2022");
    assert_eq!(s.rank().map(|r| (r.rank.rank, r.rank.of)), Some((1, 1)));
}

#[test]
fn the_region_is_the_first_comparator_of_kind_region() {
    let b = kent();
    let s = Standing::of(&b, &b.items[0], &b.periods[0]);
    assert_eq!(s.region(&b).map(|c| c.label.as_str()), Some("South East region"));
}

#[test]
fn the_page_table_leaves_single_peer_areas_to_the_chart() {
    let b = kent();
    let s = Standing::of(&b, &b.items[0], &b.periods[0]);
    let ids: Vec<&str> = comparison_rows(&b, &s).iter().map(|c| c.comparator.as_str()).collect();
    assert_eq!(ids, ["england", "south-east"]);
}

#[test]
fn the_peer_chart_is_best_first_with_the_area_marked_and_england() {
    let b = kent();
    let chart = peer_chart(&b, &b.items[0], &b.periods[0], "cipfa").unwrap();
    let bars: Vec<(&str, f64, bool, usize)> =
        chart.bars.iter().map(|x| (x.label.as_str(), x.value, x.own, x.rank)).collect();
    assert_eq!(bars, [("Hampshire", 10.2, false, 1), ("Kent", 11.5, true, 2), ("Essex", 13.0, false, 3)]);
    assert_eq!(chart.national, Some(("England".to_string(), 11.9)));
    assert_eq!(chart.period, "2023");
}

#[test]
fn equal_values_share_a_rank_in_the_chart() {
    let mut b = kent();
    b.items[0].comparisons.get_mut("essex").unwrap()[0].value = Some(11.5);
    let chart = peer_chart(&b, &b.items[0], &b.periods[0], "cipfa").unwrap();
    let ranks: Vec<usize> = chart.bars.iter().map(|x| x.rank).collect();
    assert_eq!(ranks, [1, 2, 2]);
}

#[test]
fn with_no_judgement_the_chart_is_highest_first() {
    let mut b = kent();
    b.items[0].polarity = Some(Polarity::NoJudgement);
    let chart = peer_chart(&b, &b.items[0], &b.periods[0], "cipfa").unwrap();
    assert_eq!(chart.bars[0].label, "Essex");
}

#[test]
fn the_benchmark_comparator_fills_the_points_benchmark_on_load() {
    // England's values become the series' benchmark, and its label the comparator's, so
    // the chart's line, the table and the verdict are all about England.
    let b = kent();
    let item = &b.items[0];
    let benchmarks: Vec<Option<f64>> = item.series.iter().map(|p| p.benchmark).collect();
    assert_eq!(benchmarks, [Some(12.7), Some(11.9)]);
    assert_eq!(item.comparator(), "England");
}

#[test]
fn a_rag_from_the_target_stands_in_and_says_so() {
    // 11.5 against at most 11.0, amber within 10% (1.1): amber, computed.
    let b = kent();
    let s = status(&b, &b.items[0], &b.periods[0]);
    assert_eq!(s.rag, Rag::Amber);
    assert_eq!(s.target_rag.origin, Origin::Computed);
    assert_eq!(s.summary().target_rag.origin, Origin::Computed);
}

#[test]
fn data_dates_read_as_words_and_say_when_an_update_is_overdue() {
    let mut b = kent();
    let item = &mut b.items[0];
    item.next_update = Some("2025-05".into());
    let before = data_dates(item, IsoDate::parse("2025-01-10").ok()).unwrap();
    assert_eq!(before.text, "Data published 2024-05 · next update May 2025");
    assert_eq!(before.overdue, None);
    let after = data_dates(item, IsoDate::parse("2025-06-01").ok()).unwrap();
    assert_eq!(
        after.overdue.as_deref(),
        Some("The next update was due May 2025: newer figures may have been published since.")
    );
    // Words are kept as written and never judged overdue.
    item.next_update = Some("Summer 2025".into());
    let words = data_dates(item, IsoDate::parse("2030-01-01").ok()).unwrap();
    assert_eq!(words.text, "Data published 2024-05 · next update Summer 2025");
    assert_eq!(words.overdue, None);
    item.updated = None;
    item.next_update = None;
    assert_eq!(data_dates(item, None), None);
}

#[test]
fn the_exception_report_lists_a_target_rag_with_the_region_and_the_rank() {
    use scorecard_explorer::explore::exceptions::ExceptionReport;
    let b = kent();
    let report = ExceptionReport::new(&b, &b.periods[0]);
    let e = report.summary()[0];
    assert_eq!(e.rag, Rag::Amber, "computed from the target: 11.5 against at most 11.0");
    assert_eq!(
        e.latest,
        "11.5% (2023); England 11.9%; Similar to England; Similar to South East region; 2nd best of 3 CIPFA \
         nearest neighbours"
    );
}

#[test]
fn a_value_outside_its_limits_is_noted_on_the_item_as_published() {
    use scorecard_explorer::explore::detail::limit_notes;
    let mut b = kent();
    let p = &mut b.items[0].series[0];
    (p.value, p.lower, p.upper) = (Some(17.0), Some(17.03), Some(17.07));
    assert_eq!(
        limit_notes(&b.items[0]),
        ["2022: the value 17 lies outside its own 95% limits (17.03 to 17.07), as published."]
    );
}

#[test]
fn a_card_gives_the_regions_verdict_beside_englands() {
    use scorecard_explorer::explore::facets::FacetIndex;
    use scorecard_explorer::stats::compare::CompareResult;
    let b = kent();
    let index = FacetIndex::new(&b, &b.periods[0]);
    assert_eq!(index.region_verdict(0), Some((CompareResult::Similar, "South East region".to_string())));
}
