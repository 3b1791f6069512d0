//! What the viewer computes from comparators, peer groups, targets and value types, one
//! test per rule, each figure worked by hand beside it. The bundle is
//! `tests/comparisons/kent.json`: smoking prevalence, lower is better, latest 2023 value
//! 11.5% (95% interval 10.4–12.6).

use scorecard_explorer::bundle::{load, Bundle, Item, Point, Polarity, Rag, TargetDirection, TargetRule, ValueType};
use scorecard_explorer::stats::comparators::{benchmark_comparator, compare_series, compare_with_each};
use scorecard_explorer::stats::compare::{CompareResult, Level};
use scorecard_explorer::stats::rank::{rank_among, rank_in_group};
use scorecard_explorer::stats::target::{contradicts, rag_against, target_rag};
use scorecard_explorer::stats::trend::{item_trend, recent_trend_of, value_type_has_trend, TrendResult};
use scorecard_explorer::stats::vocabulary::{comparison_words, ordinal, rank_words};

fn kent() -> Bundle {
    let path = format!("{}/tests/comparisons/kent.json", env!("CARGO_MANIFEST_DIR"));
    load(&std::fs::read(path).unwrap()).unwrap_or_else(|p| panic!("{p:#?}"))
}

fn point(date: &str, value: Option<f64>) -> Point {
    Point { date: date.into(), label: Some(date.into()), value, ..Default::default() }
}

// ---------------------------------------------------------------------------------------
// Compared with each comparator

#[test]
fn each_comparator_is_judged_by_the_areas_interval_and_polarity() {
    let b = kent();
    let results: Vec<(String, String)> = compare_with_each(&b, &b.items[0], Level::NinetyFive)
        .iter()
        .map(|c| (c.comparator.clone(), comparison_words(&c.result, &c.label)))
        .collect();
    // 10.4–12.6 holds England's 11.9 and the South East's 11.0: similar. Essex's 13.0 is
    // above the interval, so Kent is lower, which is better; Hampshire's 10.2 is below it,
    // so Kent is higher, which is worse. The peer group has no series of its own.
    assert_eq!(
        results,
        [
            ("england".to_string(), "Similar to England".to_string()),
            ("south-east".to_string(), "Similar to South East region".to_string()),
            ("essex".to_string(), "Better than Essex".to_string()),
            ("hampshire".to_string(), "Worse than Hampshire".to_string()),
        ]
    );
}

#[test]
fn with_no_judgement_a_comparison_is_higher_or_lower() {
    let mut b = kent();
    b.items[0].polarity = Some(Polarity::NoJudgement);
    let words: Vec<String> = compare_with_each(&b, &b.items[0], Level::NinetyFive)
        .iter()
        .map(|c| comparison_words(&c.result, &c.label))
        .collect();
    assert_eq!(words[2..], ["Lower than Essex", "Higher than Hampshire"]);
}

#[test]
fn the_comparison_is_for_the_latest_period_both_have() {
    // The comparator has no 2023 value: 2022 is compared, 12.1 (11.0–13.2) against 14.0,
    // above the interval: lower, better for lower is better.
    let ours = vec![
        Point { lower: Some(11.0), upper: Some(13.2), ..point("2022", Some(12.1)) },
        Point { lower: Some(10.4), upper: Some(12.6), ..point("2023", Some(11.5)) },
    ];
    let theirs = vec![point("2023", None), point("2022", Some(14.0)), point("2021", Some(15.0))];
    let (at, result) = compare_series(&Polarity::LowerIsBetter, &ours, &theirs, Level::NinetyFive);
    assert_eq!(at.unwrap().date, "2022");
    assert_eq!(result, CompareResult::Better);
    // Nothing in common: not compared, and why.
    let (at, result) = compare_series(&Polarity::LowerIsBetter, &ours, &theirs[2..], Level::NinetyFive);
    assert_eq!(at, None);
    let CompareResult::NotCompared { reason } = result else { panic!("{result:?}") };
    assert!(reason.contains("no period with a value in common"), "{reason}");
}

#[test]
fn a_comparison_explains_itself_with_its_figures() {
    let b = kent();
    let each = compare_with_each(&b, &b.items[0], Level::NinetyFive);
    let text = each[2].explanation(Level::NinetyFive, b.items[0].unit.as_deref());
    assert!(text.starts_with("The latest value's 95% confidence interval is compared"), "{text}");
    assert!(
        text.ends_with("For 2023 the value 11.5% (95% interval 10.4 to 12.6) is compared with Essex's 13%: better."),
        "{text}"
    );
}

#[test]
fn the_benchmark_comparator_is_stated_or_the_first_national_one() {
    let mut b = kent();
    assert_eq!(benchmark_comparator(&b, &b.items[0]).unwrap().id, "england");
    b.items[0].benchmark_comparator = Some("south-east".into());
    assert_eq!(benchmark_comparator(&b, &b.items[0]).unwrap().id, "south-east");
    b.items[0].benchmark_comparator = None;
    b.items[0].comparisons.remove("england");
    assert_eq!(benchmark_comparator(&b, &b.items[0]), None, "no national comparison: the points' benchmarks");
}

// ---------------------------------------------------------------------------------------
// Rank among a peer group, and its average

#[test]
fn rank_one_is_best_by_polarity_and_the_area_counts_with_its_group() {
    let b = kent();
    // Lower is better: Hampshire 10.2, Kent 11.5, Essex 13.0 → Kent 2nd of 3. The
    // average leaves Kent out: (13.0 + 10.2)/2 = 11.6.
    let rank = rank_in_group(&b, &b.items[0], "cipfa").unwrap();
    assert_eq!((rank.rank, rank.of, rank.period.as_str()), (2, 3, "2023"));
    assert!((rank.average.unwrap() - 11.6).abs() < 1e-12);
    assert_eq!(rank_words(&rank, "CIPFA nearest neighbours"), "2nd best of 3 CIPFA nearest neighbours");
    let text = rank.explanation("CIPFA nearest neighbours", b.items[0].unit.as_deref());
    assert!(text.contains("It is 2nd of 3. The group's average, without this area, is 11.6%."), "{text}");
}

#[test]
fn with_no_judgement_rank_one_is_the_highest() {
    let mut b = kent();
    b.items[0].polarity = Some(Polarity::NoJudgement);
    // Highest first: Essex 13.0, Kent 11.5, Hampshire 10.2.
    let rank = rank_in_group(&b, &b.items[0], "cipfa").unwrap();
    assert_eq!((rank.rank, rank.of), (2, 3));
    assert_eq!(rank_words(&rank, "CIPFA nearest neighbours"), "2nd highest of 3 CIPFA nearest neighbours");
    b.items[0].polarity = Some(Polarity::HigherIsBetter);
    assert_eq!(rank_in_group(&b, &b.items[0], "cipfa").unwrap().rank, 2);
}

#[test]
fn equal_values_share_a_rank() {
    // Values 9, 7, 7, 4, higher is better: ranks 1, 2, 2, 4.
    let series = |v: f64| vec![point("2023", Some(v))];
    let all = [series(9.0), series(7.0), series(7.0), series(4.0)];
    let ranks: Vec<usize> = (0..all.len())
        .map(|i| {
            let others: Vec<&[Point]> =
                all.iter().enumerate().filter(|(j, _)| *j != i).map(|(_, s)| s.as_slice()).collect();
            rank_among(&Polarity::HigherIsBetter, &all[i], &others).unwrap().rank
        })
        .collect();
    assert_eq!(ranks, [1, 2, 2, 4]);
}

#[test]
fn areas_without_a_value_are_neither_ranked_nor_counted() {
    // Ours 5 in 2023. One member has no 2023 point, one a null 2023 value, one 2023 = 6:
    // only that one counts: 2nd of 2, average 6.
    let ours = vec![point("2022", Some(1.0)), point("2023", Some(5.0))];
    let missing = vec![point("2022", Some(100.0))];
    let null = vec![point("2023", None)];
    let six = vec![point("2023", Some(6.0))];
    let rank = rank_among(&Polarity::HigherIsBetter, &ours, &[&missing, &null, &six]).unwrap();
    assert_eq!((rank.rank, rank.of, rank.average), (2, 2, Some(6.0)));
    // No member with a value: 1st of 1, no average.
    let alone = rank_among(&Polarity::HigherIsBetter, &ours, &[&missing]).unwrap();
    assert_eq!((alone.rank, alone.of, alone.average), (1, 1, None));
    // No value of our own: no rank.
    assert_eq!(rank_among(&Polarity::HigherIsBetter, &[point("2023", None)], &[&six]), None);
}

#[test]
fn ordinals_read_as_english() {
    let words: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].into_iter().map(ordinal).collect();
    assert_eq!(
        words,
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "101st", "111th", "112th"]
    );
}

// ---------------------------------------------------------------------------------------
// RAG against a target

fn rule(direction: TargetDirection, amber_within: Option<f64>) -> TargetRule {
    TargetRule { direction: Some(direction), amber_within }
}

#[test]
fn meeting_the_target_is_green_either_way() {
    assert_eq!(rag_against(&rule(TargetDirection::AtLeast, None), 80.0, 80.0), Some(Rag::Green));
    assert_eq!(rag_against(&rule(TargetDirection::AtLeast, None), 85.0, 80.0), Some(Rag::Green));
    assert_eq!(rag_against(&rule(TargetDirection::AtMost, None), 11.0, 11.0), Some(Rag::Green));
    assert_eq!(rag_against(&rule(TargetDirection::AtMost, None), 10.0, 11.0), Some(Rag::Green));
}

#[test]
fn within_amber_within_percent_on_the_wrong_side_is_amber_beyond_it_red() {
    // Target at least 80, amber within 5%: 5% of 80 is 4, so 76 is amber, 75.9 red.
    let r = rule(TargetDirection::AtLeast, Some(5.0));
    assert_eq!(rag_against(&r, 76.0, 80.0), Some(Rag::Amber));
    assert_eq!(rag_against(&r, 75.9, 80.0), Some(Rag::Red));
    // At most 11, amber within 10%: up to 12.1 amber.
    let r = rule(TargetDirection::AtMost, Some(10.0));
    assert_eq!(rag_against(&r, 12.0, 11.0), Some(Rag::Amber));
    assert_eq!(rag_against(&r, 12.2, 11.0), Some(Rag::Red));
}

#[test]
fn without_amber_within_missing_the_target_is_red() {
    assert_eq!(rag_against(&rule(TargetDirection::AtLeast, None), 79.99, 80.0), Some(Rag::Red));
    assert_eq!(rag_against(&rule(TargetDirection::AtMost, None), 11.01, 11.0), Some(Rag::Red));
}

#[test]
fn the_latest_points_target_gives_the_items_rag_and_explains_it() {
    // Kent 2023: 11.5 against at most 11.0, amber within 10% (1.1): short by 0.5 → amber.
    let b = kent();
    let computed = target_rag(&b.items[0]).unwrap();
    assert_eq!(computed.rag, Rag::Amber);
    assert_eq!(
        computed.explanation(),
        "Computed from the target: the value should be at most the target; meeting it is green, missing it by no \
         more than 10% of the target is amber, by more is red. For 2023 the value 11.5 against a target of 11: amber."
    );
    let no_rule = Item { target_rule: None, ..b.items[0].clone() };
    assert_eq!(target_rag(&no_rule), None);
    let mut no_target = b.items[0].clone();
    no_target.series[1].target = None;
    assert_eq!(target_rag(&no_target), None, "the latest point has no target");
}

#[test]
fn a_stated_rag_the_target_contradicts_is_told() {
    assert!(contradicts(&Rag::Green, &Rag::Red));
    assert!(contradicts(&Rag::Amber, &Rag::Green));
    assert!(!contradicts(&Rag::Amber, &Rag::Amber));
    assert!(!contradicts(&Rag::Complete, &Rag::Red));
    assert!(!contradicts(&Rag::NotRated, &Rag::Green));
}

#[test]
fn an_edition_without_a_rag_shows_the_targets_marked_computed_and_a_contradiction_is_flagged() {
    use scorecard_explorer::bundle::Assessment;
    use scorecard_explorer::stats::status::{status, Origin};
    let mut b = kent();
    let period = b.periods[0].clone();
    // No assessment: the target's amber stands in, marked computed.
    let s = status(&b, &b.items[0], &period);
    assert_eq!((s.target_rag.value.clone(), s.target_rag.origin), (Some(Rag::Amber), Origin::Computed));
    assert!(s.target.unwrap().explanation().ends_with("amber."));
    // Stated green: kept, and the target's amber is the disagreement.
    b.items[0].assessments =
        vec![Assessment { period: period.id.clone(), rag: Some(Rag::Green), ..Default::default() }];
    let s = status(&b, &b.items[0], &period);
    assert_eq!(s.target_rag.value, Some(Rag::Green));
    assert_eq!((s.target_rag.origin, s.target_rag.disagreement.clone()), (Origin::Stated, Some(Rag::Amber)));
    // Stated amber agrees; "not rated" states nothing.
    b.items[0].assessments[0].rag = Some(Rag::Amber);
    assert_eq!(status(&b, &b.items[0], &period).target_rag.disagreement, None);
    b.items[0].assessments[0].rag = Some(Rag::NotRated);
    assert_eq!(status(&b, &b.items[0], &period).target_rag.origin, Origin::Computed);
}

// ---------------------------------------------------------------------------------------
// The value type and recent trends

#[test]
fn recent_trends_only_for_proportions_crude_and_directly_standardised_rates() {
    for ok in [ValueType::Proportion, ValueType::CrudeRate, ValueType::DirectlyStandardisedRate] {
        assert_eq!(value_type_has_trend(&ok), Ok(()));
    }
    let reason = value_type_has_trend(&ValueType::LifeExpectancy).unwrap_err();
    assert_eq!(
        reason,
        "the values are life expectancies, and recent trends are calculated only for proportions, crude rates \
         and directly standardised rates"
    );
    // Five points that give a significant trend as a proportion (the hand example of the
    // statistics tests: χ² = 14.4) give none as a life expectancy, and say why.
    let series: Vec<Point> = [10.0, 12.0, 11.0, 14.0, 15.0]
        .iter()
        .enumerate()
        .map(|(i, &v)| Point {
            lower: Some(v - 1.96),
            upper: Some(v + 1.96),
            count: Some(10.0),
            denominator: Some(100.0),
            ..point(&format!("{}", 2010 + i), Some(v))
        })
        .collect();
    let h = Polarity::HigherIsBetter;
    assert_eq!(recent_trend_of(Some(&ValueType::Proportion), &h, &series).label(), "Increasing and getting better");
    assert_eq!(recent_trend_of(None, &h, &series).label(), "Increasing and getting better");
    let result = recent_trend_of(Some(&ValueType::IndirectlyStandardisedRatio), &h, &series);
    let TrendResult::CannotCalculate { reason, .. } = &result else { panic!("{result:?}") };
    assert!(reason.starts_with("the values are indirectly standardised ratios"), "{reason}");
    assert!(result.explanation().contains("Cannot be calculated: the values are indirectly standardised ratios"));
    let item = Item { value_type: Some(ValueType::Count), polarity: Some(h), series, ..Item::default() };
    assert_eq!(item_trend(&item).label(), "Cannot be calculated");
}
