//! Golden, hand-worked tests of the statistics: recent trend (Fingertips' weighted
//! regression at 99.8% with its outlier check, and the viewer's own chi-squared test for
//! trend on counts), comparison with the benchmark, and change of RAG.
//!
//! Every expected figure is worked by hand in the comments beside it.

use scorecard_explorer::bundle::{Assessment, Benchmark, Item, Period, Point, Polarity, Rag, Trend};
use scorecard_explorer::stats::change::{change_since_previous, rag_change, Change};
use scorecard_explorer::stats::compare::{compare_with_benchmark, CompareResult, Level};
use scorecard_explorer::stats::trend::{
    polarity_reversed, recent_trend, recent_trend_by, Computed, Direction, Method, TrendResult, CHI2_99_8_1DF,
    RECENT_POINTS,
};

const Z: f64 = 1.959964;
const H: Polarity = Polarity::HigherIsBetter;
const L: Polarity = Polarity::LowerIsBetter;
const N: Polarity = Polarity::NoJudgement;

// ---------------------------------------------------------------------------------------
// Builders

fn date(i: usize) -> String {
    format!("{}", 2010 + i)
}

/// Proportions: `(count, denominator)` per year, value = count/denominator.
fn proportions(cases: &[(f64, f64)]) -> Vec<Point> {
    cases
        .iter()
        .enumerate()
        .map(|(i, &(x, n))| Point {
            date: date(i),
            value: Some(if n > 0.0 { x / n } else { 0.0 }),
            count: Some(x),
            denominator: Some(n),
            ..Default::default()
        })
        .collect()
}

/// Values with symmetric 95% limits value ± 1.96·se (Fingertips recovers se as the width
/// over 3.92, so se comes back exactly), each with a count and denominator
/// behind it (10 of 100: only their presence matters to the regression).
fn with_se(cases: &[(f64, f64)]) -> Vec<Point> {
    cases
        .iter()
        .enumerate()
        .map(|(i, &(v, se))| Point {
            date: date(i),
            value: Some(v),
            lower: Some(v - 1.96 * se),
            upper: Some(v + 1.96 * se),
            count: Some(10.0),
            denominator: Some(100.0),
            ..Default::default()
        })
        .collect()
}

/// The viewer's own chi-squared test on counts.
fn by_counts(polarity: &Polarity, series: &[Point]) -> TrendResult {
    recent_trend_by(Method::ChiSquaredOnCounts, polarity, series)
}

/// `(direction, method, statistic, points used)`, where the statistic is χ² for the test on
/// counts and, for Fingertips' regression, z = slope/se(slope) = ±√χ² (the sign of the
/// slope), so the hand-worked z values read as before.
fn computed(r: &TrendResult) -> (Direction, Method, f64, usize) {
    match r {
        TrendResult::Computed(Computed { direction, method, chi_squared, increase, points_used, .. }) => {
            let statistic = match method {
                Method::Fingertips if *increase => chi_squared.sqrt(),
                Method::Fingertips => -chi_squared.sqrt(),
                Method::ChiSquaredOnCounts => *chi_squared,
            };
            (*direction, *method, statistic, *points_used)
        }
        TrendResult::CannotCalculate { reason, .. } => panic!("expected a trend, got: {reason}"),
    }
}

fn reason(r: &TrendResult) -> String {
    match r {
        TrendResult::CannotCalculate { reason, .. } => reason.clone(),
        other => panic!("expected CannotCalculate, got {other:?}"),
    }
}

fn close(actual: f64, expected: f64, tolerance: f64) {
    assert!((actual - expected).abs() <= tolerance, "expected {expected} ± {tolerance}, got {actual}");
}

// ---------------------------------------------------------------------------------------
// The viewer's own method: chi-squared test for trend in proportions (not the default)

#[test]
fn chi_squared_trend_worked_by_hand() {
    // Counts 50, 55, 60, 66, 72 of 1000 each; time scores s = 1..5.
    //   N = 5000, X = 303, p̄ = 303/5000 = 0.0606, 1 − p̄ = 0.9394
    //   s̄ = Σ nᵢsᵢ / N = 1000·15 / 5000 = 3
    //   T = Σ xᵢ(sᵢ − s̄) = 50·(−2) + 55·(−1) + 60·0 + 66·1 + 72·2
    //     = −100 − 55 + 0 + 66 + 144 = 55
    //   Σ nᵢ(sᵢ − s̄)² = 1000·(4 + 1 + 0 + 1 + 4) = 10000
    //   Var(T) = p̄(1 − p̄)·10000 = 0.0606·0.9394·10000 = 0.05692764·10000 = 569.2764
    //   χ² = T²/Var(T) = 3025 / 569.2764 = 5.3138 (5.31376…)
    //   5.3138 > 3.841 → significant; T > 0 → increase.
    let series = proportions(&[(50.0, 1000.0), (55.0, 1000.0), (60.0, 1000.0), (66.0, 1000.0), (72.0, 1000.0)]);
    let (direction, method, chi2, used) = computed(&by_counts(&H, &series));
    assert_eq!(method, Method::ChiSquaredOnCounts);
    assert_eq!(used, 5);
    close(chi2, 5.3138, 0.00005);
    assert_eq!(direction, Direction::IncreasingAndGettingBetter);
    assert_eq!(direction.as_trend(), Some(Trend::Improving));
    assert_eq!(computed(&by_counts(&L, &series)).0, Direction::IncreasingAndGettingWorse);
    assert_eq!(computed(&by_counts(&N, &series)).0, Direction::Increasing);
    assert_eq!(computed(&by_counts(&Polarity::Unknown("x".into()), &series)).0, Direction::Increasing);

    // The same counts in reverse order: T = −55, the same χ², a decrease.
    let mut backwards = series.clone();
    backwards.reverse();
    for (i, p) in backwards.iter_mut().enumerate() {
        p.date = date(i);
    }
    let (direction, _, chi2, _) = computed(&by_counts(&L, &backwards));
    close(chi2, 5.3138, 0.00005);
    assert_eq!(direction, Direction::DecreasingAndGettingBetter);
    assert_eq!(computed(&by_counts(&H, &backwards)).0, Direction::DecreasingAndGettingWorse);
    assert_eq!(computed(&by_counts(&N, &backwards)).0, Direction::Decreasing);
    assert_eq!(Direction::Decreasing.as_trend(), None);
}

#[test]
fn chi_squared_trend_not_significant_worked_by_hand() {
    // Counts 50, 52, 51, 53, 52 of 1000: X = 258, p̄ = 0.0516, s̄ = 3
    //   T = 50·(−2) + 52·(−1) + 0 + 53·1 + 52·2 = −100 − 52 + 53 + 104 = 5
    //   Var(T) = 0.0516·0.9484·10000 = 489.3744
    //   χ² = 25 / 489.3744 = 0.0511 → below 3.841: no significant change.
    let series = proportions(&[(50.0, 1000.0), (52.0, 1000.0), (51.0, 1000.0), (53.0, 1000.0), (52.0, 1000.0)]);
    let (direction, method, chi2, _) = computed(&by_counts(&H, &series));
    assert_eq!(method, Method::ChiSquaredOnCounts);
    close(chi2, 0.0511, 0.00005);
    assert_eq!(direction, Direction::NoSignificantChange);
    assert_eq!(direction.as_trend(), Some(Trend::Stable));
    assert_eq!(direction.label(), "No significant change");
}

#[test]
fn chi_squared_trend_with_unequal_denominators_worked_by_hand() {
    // x = 10, 30, 20, 50, 30; n = 100, 200, 100, 200, 100
    //   N = 700, X = 140, p̄ = 0.2
    //   s̄ = (100·1 + 200·2 + 100·3 + 200·4 + 100·5)/700 = 2100/700 = 3
    //   T = 10·(−2) + 30·(−1) + 20·0 + 50·1 + 30·2 = −20 − 30 + 50 + 60 = 60
    //   Σ nᵢ(sᵢ − s̄)² = 100·4 + 200·1 + 0 + 200·1 + 100·4 = 1200
    //   Var(T) = 0.2·0.8·1200 = 192
    //   χ² = 3600/192 = 18.7500 → significant increase.
    let series = proportions(&[(10.0, 100.0), (30.0, 200.0), (20.0, 100.0), (50.0, 200.0), (30.0, 100.0)]);
    let (direction, _, chi2, _) = computed(&by_counts(&H, &series));
    close(chi2, 18.75, 1e-9);
    assert_eq!(direction, Direction::IncreasingAndGettingBetter);
}

#[test]
fn chi_squared_trend_with_zero_counts() {
    // All counts 0: p̄ = 0, Var(T) = 0 and T = 0 → χ² taken as 0, no significant change.
    let zeros = proportions(&[(0.0, 500.0); 5]);
    let (direction, method, chi2, _) = computed(&by_counts(&H, &zeros));
    assert_eq!((direction, method, chi2), (Direction::NoSignificantChange, Method::ChiSquaredOnCounts, 0.0));

    // All counts equal to the denominator: p̄ = 1, 1 − p̄ = 0, likewise no change.
    let ones = proportions(&[(500.0, 500.0); 5]);
    assert_eq!(computed(&by_counts(&H, &ones)).2, 0.0);
    assert_eq!(computed(&by_counts(&H, &ones)).0, Direction::NoSignificantChange);

    // Counts 0, 0, 0, 0, 10 of 1000: X = 10, p̄ = 0.002, s̄ = 3
    //   T = 10·(5 − 3) = 20; Var(T) = 0.002·0.998·10000 = 19.96
    //   χ² = 400/19.96 = 20.0401 → significant increase.
    let late = proportions(&[(0.0, 1000.0), (0.0, 1000.0), (0.0, 1000.0), (0.0, 1000.0), (10.0, 1000.0)]);
    let (direction, _, chi2, _) = computed(&by_counts(&L, &late));
    close(chi2, 20.0401, 0.00005);
    assert_eq!(direction, Direction::IncreasingAndGettingWorse);
}

#[test]
fn equal_proportions_show_no_change() {
    // 60 of 1000 every year: T = 60·(−2 − 1 + 0 + 1 + 2) = 0 → χ² = 0.
    let series = proportions(&[(60.0, 1000.0); 5]);
    let (direction, _, chi2, _) = computed(&by_counts(&H, &series));
    assert_eq!(chi2, 0.0);
    assert_eq!(direction, Direction::NoSignificantChange);
}

// ---------------------------------------------------------------------------------------
// Fingertips' method: weighted regression (the default)

#[test]
fn weighted_regression_with_equal_weights_is_ordinary_least_squares() {
    // Values 10, 12, 11, 14, 15, each with se 1 (limits value ± 1.959964), so every
    // weight is 1/1² = 1 and the fit is ordinary least squares with known σ = 1:
    //   t = 1..5, t̄ = 3, Stt = Σ(t − t̄)² = 4 + 1 + 0 + 1 + 4 = 10
    //   ȳ = 62/5 = 12.4
    //   Sty = Σ(t − t̄)(y − ȳ) = Σ(t − t̄)·y = −2·10 − 1·12 + 0·11 + 1·14 + 2·15 = 12
    //   slope = 12/10 = 1.2 per period
    //   se(slope) = σ/√Stt = 1/√10 = 0.316228
    //   z = 1.2/0.316228 = 3.7947; χ² = z² = 14.4 > 9.5495 → significant increase (and
    //   every leave-one-out slope is positive too).
    let series = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    let (direction, method, z, used) = computed(&recent_trend(&H, &series));
    assert_eq!(method, Method::Fingertips);
    assert_eq!(used, 5);
    close(z, 3.7947, 0.00005);
    assert_eq!(direction, Direction::IncreasingAndGettingBetter);
    assert_eq!(computed(&recent_trend(&L, &series)).0, Direction::IncreasingAndGettingWorse);

    // The same values with se 2 (weights 1/4): Stt = 10/4 = 2.5, the slope is still 1.2,
    //   se(slope) = 1/√2.5 = 0.632456, z = 1.2/0.632456 = 1.8974, χ² = 3.6 → not significant.
    let wide = with_se(&[(10.0, 2.0), (12.0, 2.0), (11.0, 2.0), (14.0, 2.0), (15.0, 2.0)]);
    let (direction, _, z, _) = computed(&recent_trend(&H, &wide));
    close(z, 1.8974, 0.00005);
    assert_eq!(direction, Direction::NoSignificantChange);
}

#[test]
fn weighted_regression_with_unequal_weights_worked_by_hand() {
    // Values 10, 12, 11, 14, 15 with se 1, 2, 1, 2, 1 → weights w = 1, ¼, 1, ¼, 1.
    //   Σw = 3.5; t̄ = (1 + 0.5 + 3 + 1 + 5)/3.5 = 10.5/3.5 = 3
    //   Stt = Σw(t − 3)² = 1·4 + ¼·1 + 0 + ¼·1 + 1·4 = 8.5
    //   Sty = Σw(t − 3)·y = −2·10 − ¼·12 + 0 + ¼·14 + 2·15 = −20 − 3 + 3.5 + 30 = 10.5
    //   slope = 10.5/8.5 = 1.235294; se(slope) = 1/√8.5 = 0.342997
    //   z = 1.235294/0.342997 = 10.5/√8.5 = 3.6015; χ² = 110.25/8.5 = 12.97 > 9.5495
    let series = with_se(&[(10.0, 1.0), (12.0, 2.0), (11.0, 1.0), (14.0, 2.0), (15.0, 1.0)]);
    let (direction, _, z, _) = computed(&recent_trend(&N, &series));
    close(z, 3.6015, 0.00005);
    assert_eq!(direction, Direction::Increasing);
    assert_eq!(Direction::Increasing.as_trend(), None);
}

#[test]
fn weighted_regression_of_a_falling_series_has_a_negative_statistic() {
    // The hand example upside down: values 15, 14, 11, 12, 10, se 1 → slope −1.2, z = −3.7947.
    // χ² = 14.4; the leave-one-out slopes are all negative.
    let series = with_se(&[(15.0, 1.0), (14.0, 1.0), (11.0, 1.0), (12.0, 1.0), (10.0, 1.0)]);
    let (direction, _, z, _) = computed(&recent_trend(&L, &series));
    close(z, -3.7947, 0.00005);
    assert_eq!(direction, Direction::DecreasingAndGettingBetter);
    assert_eq!(computed(&recent_trend(&N, &series)).0, Direction::Decreasing);
}

#[test]
fn all_equal_values_with_confidence_intervals_show_no_change() {
    // Sty = Σw(t − t̄)(y − ȳ) = 0 when every y is ȳ → slope 0, z = 0. Fingertips' sums
    // (Σw·Σwty − Σwt·Σwy) cancel only to rounding with unequal weights, so z is 0 to
    // within rounding, far from significance.
    let series = with_se(&[(42.0, 3.0), (42.0, 1.0), (42.0, 2.0), (42.0, 1.0), (42.0, 5.0)]);
    let (direction, method, z, _) = computed(&recent_trend(&H, &series));
    assert_eq!(method, Method::Fingertips);
    assert!(z.abs() < 1e-9, "z = {z}");
    assert_eq!(direction, Direction::NoSignificantChange);
}

// ---------------------------------------------------------------------------------------
// Which points are used; what cannot be calculated

#[test]
fn fewer_than_five_values_cannot_be_calculated() {
    assert_eq!(RECENT_POINTS, 5);
    let five = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    assert_eq!(reason(&recent_trend(&H, &five[..3])), "only 3 values; 5 are needed");
    assert_eq!(reason(&recent_trend(&H, &five[..4])), "only 4 values; 5 are needed");
    assert_eq!(reason(&recent_trend(&H, &five[..1])), "only 1 value; 5 are needed");
    assert_eq!(reason(&recent_trend(&H, &[])), "no values; 5 are needed");
    // Nulls are gaps, not values: 5 points of which 2 are null is 3 values.
    let mut gappy = five.clone();
    gappy[1].value = None;
    gappy[3].value = None;
    assert_eq!(reason(&recent_trend(&H, &gappy)), "only 3 values; 5 are needed");
    assert_eq!(recent_trend(&H, &gappy).label(), "Cannot be calculated");
}

#[test]
fn nulls_in_the_middle_are_skipped_and_the_five_most_recent_values_used() {
    // Seven points; the fifth (index 4) is null. The five most recent non-null values are
    // indexes 1, 2, 3, 5, 6 — the hand example 50, 55, 60, 66, 72 of 1000 (χ² = 5.3138).
    // Index 0 (900 of 1000) would swamp the test if it were used; the null point carries
    // a wild count that must be ignored too.
    let mut series = proportions(&[
        (900.0, 1000.0),
        (50.0, 1000.0),
        (55.0, 1000.0),
        (60.0, 1000.0),
        (999.0, 1000.0),
        (66.0, 1000.0),
        (72.0, 1000.0),
    ]);
    series[4].value = None;
    let (direction, method, chi2, used) = computed(&by_counts(&H, &series));
    assert_eq!((method, used), (Method::ChiSquaredOnCounts, 5));
    close(chi2, 5.3138, 0.00005);
    assert_eq!(direction, Direction::IncreasingAndGettingBetter);

    // The same with the weighted regression: null then the hand example (z = 3.7947).
    let mut series =
        with_se(&[(1000.0, 1.0), (10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (0.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    series[4].value = None;
    series[4].lower = None; // a gap need not have limits
    let (_, method, z, used) = computed(&recent_trend(&H, &series));
    assert_eq!((method, used), (Method::Fingertips, 5));
    close(z, 3.7947, 0.00005);
}

#[test]
fn missing_confidence_limits_cannot_be_weighed() {
    let counted = |i: usize| Point {
        date: date(i),
        value: Some(i as f64),
        count: Some(1.0),
        denominator: Some(10.0),
        ..Default::default()
    };
    let bare: Vec<Point> = (0..5).map(counted).collect();
    assert_eq!(
        reason(&recent_trend(&H, &bare)),
        "only 0 of the counted values have 95% confidence limits; 5 are needed"
    );

    // One point of five without limits is enough to refuse; so is a reversed interval.
    let mut one_missing = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    one_missing[2].upper = None;
    let four = "only 4 of the counted values have 95% confidence limits; 5 are needed";
    assert_eq!(reason(&recent_trend(&H, &one_missing)), four);
    let mut reversed = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    reversed[0].lower = Some(12.0);
    reversed[0].upper = Some(8.0);
    assert_eq!(reason(&recent_trend(&H, &reversed)), four);

    // With a sixth, older point that has limits, Fingertips takes the 5 most recent that do.
    let mut six = with_se(&[(9.0, 1.0), (10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    six[3].upper = None;
    let (_, _, z, used) = computed(&recent_trend(&H, &six));
    assert_eq!(used, 5);
    // Values 9, 10, 12, 14, 15 (se 1): Sty = −2·9 − 1·10 + 0 + 1·14 + 2·15 = 16, z = 1.6·√10.
    close(z, 1.6 * 10f64.sqrt(), 1e-9);
}

#[test]
fn a_zero_width_interval_gives_no_significant_change() {
    // se = 0 makes the weight 1/0: in Fingertips' arithmetic the sums are infinite and the
    // slope NaN, which is not above 9.5495, so it publishes "No significant change".
    let mut zero_width = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    zero_width[0].lower = Some(10.0);
    zero_width[0].upper = Some(10.0);
    let result = recent_trend(&H, &zero_width);
    assert_eq!(result.direction(), Some(Direction::NoSignificantChange));
    assert!(result.explanation().contains("equal lower and upper limits"), "{}", result.explanation());
}

#[test]
fn the_level_is_99_8_percent() {
    // Values 10, 12, 11, 14, 15 with se 1.5 (weights 1/2.25): Stt = 10/2.25 = 4.4444,
    //   slope 1.2, se(slope) = 1/√4.4444 = 0.474342, z = 2.5298, χ² = 1.44·4.4444 = 6.4.
    // Significant at 95% (χ² > 3.841) but not at Fingertips' 99.8% (9.5495).
    let series = with_se(&[(10.0, 1.5), (12.0, 1.5), (11.0, 1.5), (14.0, 1.5), (15.0, 1.5)]);
    let (direction, method, z, _) = computed(&recent_trend(&H, &series));
    assert_eq!(method, Method::Fingertips);
    close(z * z, 6.4, 1e-6);
    assert!(z * z < CHI2_99_8_1DF);
    assert_eq!(direction, Direction::NoSignificantChange);
}

#[test]
fn a_slope_that_one_point_reverses_is_not_significant() {
    // Values 12, 10, 10, 10, 20 with se 1: ȳ = 12.4,
    //   Sty = Σ(t − 3)y = −24 − 10 + 0 + 10 + 40 = 16, Stt = 10, slope 1.6, z = 1.6·√10,
    //   χ² = 25.6 > 9.5495.
    // Leaving out the last point (scores 1..4, values 12, 10, 10, 10): t̄ = 2.5,
    //   Sty = −1.5·12 − 0.5·10 + 0.5·10 + 1.5·10 = −3 → the slope turns negative: an outlier.
    let series = with_se(&[(12.0, 1.0), (10.0, 1.0), (10.0, 1.0), (10.0, 1.0), (20.0, 1.0)]);
    let result = recent_trend(&H, &series);
    let TrendResult::Computed(c) = &result else { panic!("{result:?}") };
    close(c.chi_squared, 25.6, 1e-9);
    assert!(c.outlier && c.increase);
    assert_eq!(c.direction, Direction::NoSignificantChange);
    assert!(result.explanation().contains("leaving out one point"), "{}", result.explanation());
    // Without the first point's pull downwards every slope is positive: significant.
    let steady = with_se(&[(9.0, 1.0), (10.0, 1.0), (10.0, 1.0), (10.0, 1.0), (20.0, 1.0)]);
    let TrendResult::Computed(c) = recent_trend(&H, &steady) else { panic!() };
    assert!(!c.outlier);
    assert_eq!(c.direction, Direction::IncreasingAndGettingBetter);
}

#[test]
fn periods_longer_than_a_year_cannot_be_calculated() {
    // The hand example (χ² = 14.4) on rolling 3-year periods.
    let mut series = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    for (i, p) in series.iter_mut().enumerate() {
        p.label = Some(format!("{} - {}", 2010 + i, 12 + i));
    }
    assert_eq!(
        reason(&recent_trend(&H, &series)),
        "the values are for 3-year periods (such as 2010 - 12), and recent trends are calculated only for \
         periods of a year or less"
    );
    // Financial years and quarters are a year or less.
    for (i, p) in series.iter_mut().enumerate() {
        p.label = Some(format!("{}/{} Q1", 2010 + i, 11 + i));
    }
    assert!(matches!(recent_trend(&H, &series), TrendResult::Computed(_)));
}

#[test]
fn values_without_counts_cannot_be_calculated() {
    // The hand example (χ² = 14.4) with limits but, like a survey estimate, no counts.
    let mut series = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    for p in &mut series {
        p.count = None;
    }
    let result = recent_trend(&H, &series);
    assert_eq!(reason(&result), "the values have no count and denominator behind them (as for survey estimates)");
    assert!(result.explanation().starts_with("Calculated as OHID's Fingertips calculates"));
    // A zero denominator is no count either; 4 counted values are too few.
    let mut series = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    series[3].denominator = Some(0.0);
    assert_eq!(
        reason(&recent_trend(&H, &series)),
        "only 4 of the values have a count and denominator behind them; 5 are needed"
    );
    // A count equal to its denominator: Fingertips refuses (its test on logits would divide by 0).
    series[3].denominator = Some(10.0);
    assert_eq!(reason(&recent_trend(&H, &series)), "a count equals its denominator");
}

#[test]
fn the_test_on_counts_refuses_what_is_not_a_proportion() {
    let no_limits = proportions(&[(1.0, 10.0), (0.0, 0.0), (1.0, 10.0), (2.0, 10.0), (3.0, 10.0)]);
    let not_all = "not all of the 5 most recent values have a count and denominator";
    assert_eq!(
        reason(&by_counts(&H, &no_limits)),
        "only 4 of the values have a count and denominator behind them; 5 are needed"
    );
    let over = proportions(&[(11.0, 10.0), (1.0, 10.0), (1.0, 10.0), (2.0, 10.0), (3.0, 10.0)]);
    assert_eq!(reason(&by_counts(&H, &over)), "a count is larger than its denominator");
    let mut six = proportions(&[(1.0, 10.0); 6]);
    six[3].count = Some(-1.0);
    assert_eq!(reason(&by_counts(&H, &six)), not_all);
}

#[test]
fn a_single_point_cannot_be_calculated_or_panic() {
    let one = proportions(&[(0.0, 0.0)]);
    assert_eq!(reason(&recent_trend(&H, &one)), "only 1 value; 5 are needed");
}

#[test]
fn huge_values_give_the_same_answer_as_small_ones() {
    // The hand example scaled by 1e11: values 1.0e12, 1.2e12, 1.1e12, 1.4e12, 1.5e12 with
    // se 1e11. The slope (1.2e11) and its se (1e11/√10) scale alike: z = 3.7947 still.
    let series = with_se(&[(1.0e12, 1.0e11), (1.2e12, 1.0e11), (1.1e12, 1.0e11), (1.4e12, 1.0e11), (1.5e12, 1.0e11)]);
    let (direction, _, z, _) = computed(&recent_trend(&H, &series));
    close(z, 3.7947, 0.00005);
    assert_eq!(direction, Direction::IncreasingAndGettingBetter);

    // Counts 50e9..72e9 of 1e12: every term of the hand example × 1e9, so
    //   T = 55e9, Var(T) = 569.2764e9, χ² = (55e9)²/569.2764e9 = 5.3137632e9.
    let counts = proportions(&[(50e9, 1e12), (55e9, 1e12), (60e9, 1e12), (66e9, 1e12), (72e9, 1e12)]);
    let (direction, _, chi2, _) = computed(&by_counts(&H, &counts));
    close(chi2 / 1e9, 5.3137632, 1e-6);
    assert_eq!(direction, Direction::IncreasingAndGettingBetter);

    // Near the end of f64: must not panic; either a trend or a reason.
    let extreme = with_se(&[(1e307, 1e306), (-1e307, 1e-300), (1e308, 1e306), (1.5e308, 1e306), (1.7e308, 1e306)]);
    match recent_trend(&H, &extreme) {
        // The second point's interval rounds to zero width: NaN, read as no significant change.
        TrendResult::Computed(c) => {
            assert!(c.chi_squared.is_finite() || c.direction == Direction::NoSignificantChange, "{c:?}")
        }
        TrendResult::CannotCalculate { reason, .. } => assert!(!reason.is_empty()),
    }
}

#[test]
fn methods_describe_themselves() {
    assert!(Method::Fingertips.description().contains("9.55"));
    assert!(Method::Fingertips.description().contains("left out"));
    assert!(Method::ChiSquaredOnCounts.description().contains("not Fingertips'"));
    assert!(Method::ChiSquaredOnCounts.description().contains("3.84"));
    assert_eq!(Method::default(), Method::Fingertips);
    assert_eq!(Direction::DecreasingAndGettingBetter.label(), "Decreasing and getting better");
    assert_eq!(Direction::IncreasingAndGettingWorse.as_trend(), Some(Trend::Declining));
    assert_eq!(Direction::NoSignificantChange.as_trend(), Some(Trend::Stable));
    let series = with_se(&[(10.0, 1.0), (12.0, 1.0), (11.0, 1.0), (14.0, 1.0), (15.0, 1.0)]);
    assert!(recent_trend(&H, &series)
        .explanation()
        .ends_with("Over 2010 to 2014 chi-squared is 14.40, above 9.55: increasing and getting better."));
}

// ---------------------------------------------------------------------------------------
// Comparison with the benchmark

/// One point: value 20, 95% limits 18–22, comparator `benchmark`.
fn latest(benchmark: f64) -> Vec<Point> {
    vec![
        Point {
            date: "2017".into(),
            value: Some(5.0),
            lower: Some(1.0),
            upper: Some(9.0),
            benchmark: Some(50.0),
            ..Default::default()
        },
        Point {
            date: "2018".into(),
            value: Some(20.0),
            lower: Some(18.0),
            upper: Some(22.0),
            benchmark: Some(benchmark),
            ..Default::default()
        },
    ]
}

#[test]
fn interval_above_the_benchmark() {
    // 18–22 lies wholly above 17: significantly higher.
    let s = latest(17.0);
    assert_eq!(compare_with_benchmark(&H, &s, Level::NinetyFive), CompareResult::Better);
    assert_eq!(compare_with_benchmark(&L, &s, Level::NinetyFive), CompareResult::Worse);
    assert_eq!(compare_with_benchmark(&N, &s, Level::NinetyFive), CompareResult::Higher);
    assert_eq!(compare_with_benchmark(&Polarity::Unknown("x".into()), &s, Level::NinetyFive), CompareResult::Higher);
}

#[test]
fn interval_below_the_benchmark() {
    // 18–22 lies wholly below 23: significantly lower.
    let s = latest(23.0);
    assert_eq!(compare_with_benchmark(&H, &s, Level::NinetyFive), CompareResult::Worse);
    assert_eq!(compare_with_benchmark(&L, &s, Level::NinetyFive), CompareResult::Better);
    assert_eq!(compare_with_benchmark(&N, &s, Level::NinetyFive), CompareResult::Lower);
}

#[test]
fn interval_including_the_benchmark() {
    for benchmark in [21.0, 20.0, 18.0, 22.0] {
        // 18 ≤ b ≤ 22 (a limit equal to the benchmark counts as including it).
        let s = latest(benchmark);
        for p in [&H, &L, &N] {
            assert_eq!(compare_with_benchmark(p, &s, Level::NinetyFive), CompareResult::Similar, "{benchmark}");
        }
    }
}

#[test]
fn ninety_nine_point_eight_turns_worse_into_similar() {
    // Value 20, 95% limits 18–22:
    //   se = (22 − 18)/(2·1.959964) = 4/3.919928 = 1.020427
    //   99.8% half-width = 3.090232·1.020427 = 3.153356
    //   99.8% limits = 16.846644 – 23.153356
    // Benchmark 17: outside 18–22 (95%: lower is better → worse) but inside the 99.8%
    // limits → similar.
    let s = latest(17.0);
    assert_eq!(compare_with_benchmark(&L, &s, Level::NinetyFive), CompareResult::Worse);
    assert_eq!(compare_with_benchmark(&L, &s, Level::NinetyNinePointEight), CompareResult::Similar);
    assert_eq!(compare_with_benchmark(&H, &s, Level::NinetyNinePointEight), CompareResult::Similar);
    // 16.84 is just below 16.846644: still significant at 99.8%; 16.85 just above: similar.
    assert_eq!(compare_with_benchmark(&L, &latest(16.84), Level::NinetyNinePointEight), CompareResult::Worse);
    assert_eq!(compare_with_benchmark(&L, &latest(16.85), Level::NinetyNinePointEight), CompareResult::Similar);
    // Upper side: 23.16 > 23.153356 → lower than the benchmark; 23.15 → similar.
    assert_eq!(compare_with_benchmark(&H, &latest(23.16), Level::NinetyNinePointEight), CompareResult::Worse);
    assert_eq!(compare_with_benchmark(&H, &latest(23.15), Level::NinetyNinePointEight), CompareResult::Similar);
    assert_eq!(Level::NinetyNinePointEight.label(), "99.8%");
}

#[test]
fn the_latest_non_null_value_is_compared() {
    // A newer point with a null value (but a benchmark) is skipped: 20 (18–22) vs 17 is used.
    let mut s = latest(17.0);
    s.push(Point { date: "2019".into(), value: None, benchmark: Some(100.0), ..Default::default() });
    assert_eq!(compare_with_benchmark(&H, &s, Level::NinetyFive), CompareResult::Better);
}

#[test]
fn missing_data_is_not_compared() {
    let not = |r: CompareResult| match r {
        CompareResult::NotCompared { reason } => reason,
        other => panic!("expected NotCompared, got {other:?}"),
    };
    assert_eq!(not(compare_with_benchmark(&H, &[], Level::NinetyFive)), "no value to compare");
    let nulls = vec![Point { date: "2018".into(), benchmark: Some(1.0), ..Default::default() }];
    assert_eq!(not(compare_with_benchmark(&H, &nulls, Level::NinetyFive)), "no value to compare");

    let mut no_ci = latest(17.0);
    no_ci[1].lower = None;
    assert_eq!(
        not(compare_with_benchmark(&H, &no_ci, Level::NinetyFive)),
        "no confidence interval for the latest value"
    );
    let mut no_benchmark = latest(17.0);
    no_benchmark[1].benchmark = None;
    assert_eq!(
        not(compare_with_benchmark(&H, &no_benchmark, Level::NinetyNinePointEight)),
        "no benchmark for the latest value"
    );
    let mut reversed = latest(17.0);
    reversed[1].lower = Some(25.0);
    assert!(not(compare_with_benchmark(&H, &reversed, Level::NinetyFive)).contains("above the upper"));
}

#[test]
fn compare_results_map_to_benchmark_words() {
    assert_eq!(CompareResult::Better.as_benchmark(), Some(Benchmark::Better));
    assert_eq!(CompareResult::Similar.as_benchmark(), Some(Benchmark::Similar));
    assert_eq!(CompareResult::Worse.as_benchmark(), Some(Benchmark::Worse));
    assert_eq!(CompareResult::NotCompared { reason: "x".into() }.as_benchmark(), Some(Benchmark::NotCompared));
    assert_eq!(CompareResult::Higher.as_benchmark(), None);
    assert_eq!(CompareResult::Lower.as_benchmark(), None);
    assert_eq!(CompareResult::Higher.label(), "Higher");
    assert_eq!(CompareResult::NotCompared { reason: "x".into() }.label(), "Not compared");
}

// ---------------------------------------------------------------------------------------
// Property: reversing polarity mirrors the judgement

/// A small deterministic generator (64-bit LCG, Knuth's MMIX constants).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 11
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A series of 0 to 8 points of one kind (bare values, proportions, values with limits,
/// or both), at a random scale, with some nulls, zero counts, zero denominators and
/// missing limits or benchmarks mixed in.
fn random_series(rng: &mut Lcg) -> Vec<Point> {
    let len = rng.below(9) as usize;
    let kind = rng.below(4);
    let scale = 10f64.powi(rng.below(13) as i32 - 3); // 1e-3 .. 1e9
    let slope = (rng.unit() - 0.5) * 0.4;
    let denominator = [10.0, 1000.0, 1e6, 1e12][rng.below(4) as usize];
    (0..len)
        .map(|i| {
            let mut p = Point { date: date(i), ..Default::default() };
            let v = scale * (1.0 + slope * i as f64 + (rng.unit() - 0.5) * 0.3);
            if rng.below(10) != 0 {
                p.value = Some(v);
            }
            if kind == 1 || kind == 3 {
                let share = (0.3 + slope * i as f64 * 0.5 + (rng.unit() - 0.5) * 0.05).clamp(0.0, 1.0);
                p.count = Some(if rng.below(10) == 0 { 0.0 } else { (denominator * share).floor() });
                p.denominator = Some(if rng.below(20) == 0 { 0.0 } else { denominator });
            }
            if (kind == 2 || kind == 3) && rng.below(20) != 0 {
                let se = scale * (0.01 + rng.unit() * 0.2);
                p.lower = Some(v - Z * se);
                p.upper = Some(v + Z * se);
            }
            if rng.below(10) != 0 {
                p.benchmark = Some(scale * (0.8 + rng.unit() * 0.6));
            }
            p
        })
        .collect()
}

fn mirror(d: Direction) -> Direction {
    match d {
        Direction::IncreasingAndGettingBetter => Direction::IncreasingAndGettingWorse,
        Direction::IncreasingAndGettingWorse => Direction::IncreasingAndGettingBetter,
        Direction::DecreasingAndGettingBetter => Direction::DecreasingAndGettingWorse,
        Direction::DecreasingAndGettingWorse => Direction::DecreasingAndGettingBetter,
        other => other,
    }
}

fn mirror_compare(c: CompareResult) -> CompareResult {
    match c {
        CompareResult::Better => CompareResult::Worse,
        CompareResult::Worse => CompareResult::Better,
        other => other,
    }
}

#[test]
fn reversing_polarity_mirrors_trend_and_comparison() {
    assert_eq!(polarity_reversed(&H), L);
    assert_eq!(polarity_reversed(&L), H);
    assert_eq!(polarity_reversed(&N), N);
    assert_eq!(polarity_reversed(&Polarity::Unknown("up".into())), Polarity::Unknown("up".into()));

    let mut rng = Lcg(0x5EED_CAFE);
    let (mut computed_trends, mut significant, mut compared, mut different) = (0, 0, 0, 0);
    let (mut by_chi2, mut by_regression) = (0, 0);
    for _ in 0..5000 {
        let series = random_series(&mut rng);
        for polarity in [H, L] {
            let reversed = polarity_reversed(&polarity);
            for method in [Method::Fingertips, Method::ChiSquaredOnCounts] {
                let a = recent_trend_by(method, &polarity, &series);
                let b = recent_trend_by(method, &reversed, &series);
                let neutral = recent_trend_by(method, &N, &series);
                match (&a, &b, &neutral) {
                    (TrendResult::Computed(ca), TrendResult::Computed(cb), TrendResult::Computed(cn)) => {
                        computed_trends += 1;
                        let figures =
                            |c: &Computed| (c.method, c.chi_squared.to_bits(), c.increase, c.outlier, c.points_used);
                        assert_eq!(figures(ca), figures(cb));
                        assert_eq!(figures(ca), figures(cn));
                        assert!(ca.chi_squared.is_finite() || ca.chi_squared.is_nan());
                        assert_eq!(cb.direction, mirror(ca.direction), "{series:?}");
                        // The neutral reading says which way it went; polarity only judges it.
                        let expected_neutral = match ca.direction {
                            Direction::NoSignificantChange => Direction::NoSignificantChange,
                            _ if ca.increase => Direction::Increasing,
                            _ => Direction::Decreasing,
                        };
                        assert_eq!(cn.direction, expected_neutral);
                        if ca.direction != Direction::NoSignificantChange {
                            significant += 1;
                            assert!(ca.chi_squared > method.threshold() && !ca.outlier);
                            match method {
                                Method::ChiSquaredOnCounts => by_chi2 += 1,
                                Method::Fingertips => by_regression += 1,
                            }
                        }
                        assert!(ca.direction.is_good().is_some() || ca.direction == Direction::NoSignificantChange);
                    }
                    (
                        TrendResult::CannotCalculate { reason: ra, .. },
                        TrendResult::CannotCalculate { reason: rb, .. },
                        TrendResult::CannotCalculate { .. },
                    ) => {
                        assert_eq!(ra, rb);
                    }
                    _ => panic!("polarity changed whether a trend could be calculated: {a:?} / {b:?}"),
                }
            }
            for level in [Level::NinetyFive, Level::NinetyNinePointEight] {
                let a = compare_with_benchmark(&polarity, &series, level);
                let b = compare_with_benchmark(&reversed, &series, level);
                assert_eq!(b, mirror_compare(a.clone()), "{series:?}");
                assert!(!matches!(a, CompareResult::Higher | CompareResult::Lower));
                if !matches!(a, CompareResult::NotCompared { .. }) {
                    compared += 1;
                }
                if matches!(a, CompareResult::Better | CompareResult::Worse) {
                    different += 1;
                }
                let n = compare_with_benchmark(&N, &series, level);
                assert_eq!(n == CompareResult::Similar, a == CompareResult::Similar);
            }
        }
    }
    // The generator exercises every branch, not just the refusals.
    assert!(computed_trends > 500, "{computed_trends}");
    assert!(by_chi2 > 50 && by_regression > 50, "{by_chi2} {by_regression}");
    assert!(significant > 100, "{significant}");
    assert!(compared > 500 && different > 100, "{compared} {different}");
}

// ---------------------------------------------------------------------------------------
// Change of RAG

#[test]
fn rag_change_compares_severity() {
    use Rag::*;
    let c = |p: Option<Rag>, n: Option<Rag>| rag_change(p.as_ref(), n.as_ref());
    // Severity: red 0 < amber 1 < green 2 < complete 3; lower is worse.
    assert_eq!(c(Some(Amber), Some(Red)), Some(Change::Worse));
    assert_eq!(c(Some(Green), Some(Amber)), Some(Change::Worse));
    assert_eq!(c(Some(Complete), Some(Green)), Some(Change::Worse));
    assert_eq!(c(Some(Red), Some(Amber)), Some(Change::Better));
    assert_eq!(c(Some(Red), Some(Green)), Some(Change::Better));
    assert_eq!(c(Some(Green), Some(Complete)), Some(Change::Better));
    for r in [Red, Amber, Green, Complete] {
        assert_eq!(c(Some(r.clone()), Some(r)), Some(Change::Same));
    }
    // Nothing before, not rated before, or an unknown word before: new.
    assert_eq!(c(None, Some(Red)), Some(Change::New));
    assert_eq!(c(Some(NotRated), Some(Green)), Some(Change::New));
    assert_eq!(c(Some(Unknown("purple".into())), Some(Amber)), Some(Change::New));
    // Nothing now, or not rated now: no change to show.
    assert_eq!(c(Some(Red), None), None);
    assert_eq!(c(Some(Red), Some(NotRated)), None);
    assert_eq!(c(None, None), None);
    assert_eq!(c(None, Some(NotRated)), None);
    assert_eq!(c(Some(Red), Some(Unknown("purple".into()))), None);
}

fn assessed(period: &str, rag: Option<Rag>) -> Assessment {
    Assessment { period: period.into(), rag, ..Default::default() }
}

#[test]
fn change_since_the_previous_period() {
    let periods: Vec<Period> = ["2018-04", "2018-10", "2019-04", "2019-12"]
        .iter()
        .map(|id| Period { id: id.to_string(), ..Default::default() })
        .collect();
    let item = Item {
        id: "m1".into(),
        assessments: vec![
            assessed("2018-04", Some(Rag::Amber)),
            assessed("2018-10", Some(Rag::Red)),
            // 2019-04 not assessed at all
            assessed("2019-12", Some(Rag::Green)),
        ],
        ..Default::default()
    };
    assert_eq!(change_since_previous(&item, &periods, "2018-04"), None); // first period: nothing to compare with
    assert_eq!(change_since_previous(&item, &periods, "2018-10"), Some(Change::Worse)); // amber → red
    assert_eq!(change_since_previous(&item, &periods, "2019-04"), None); // no RAG now
    assert_eq!(change_since_previous(&item, &periods, "2019-12"), Some(Change::New)); // none in 2019-04
    assert_eq!(change_since_previous(&item, &periods, "2020-01"), None); // unknown period

    let steady = Item {
        assessments: vec![assessed("2019-04", Some(Rag::Green)), assessed("2019-12", Some(Rag::Complete))],
        ..Default::default()
    };
    assert_eq!(change_since_previous(&steady, &periods, "2019-12"), Some(Change::Better));
    // Only the period immediately before counts, not the last one assessed.
    let gap = Item {
        assessments: vec![assessed("2018-10", Some(Rag::Green)), assessed("2019-12", Some(Rag::Green))],
        ..Default::default()
    };
    assert_eq!(change_since_previous(&gap, &periods, "2019-12"), Some(Change::New));
}

#[test]
fn fingertips_own_arithmetic_decides_a_slope_of_exactly_zero() {
    // Five real national points that Fingertips published as "Increasing", with
    // χ² ≈ 62. Leaving out the first point, the other four are 16.6, 16.0, 16.6, 16.4 with
    // limits of equal width (0.22, so se = 0.22/3.92 for every one): by hand, the slope is
    // Σ(t − t̄)y over scores 2..5 = −1.5·16.6 − 0.5·16.0 + 0.5·16.6 + 1.5·16.4 = 0,
    // and in Fingertips' sums it is exactly 0, which Fingertips counts as positive, like the
    // other five slopes; so there is no outlier and the rise is significant. Rescaled
    // arithmetic gives about −1e-16 there and would call the first point an outlier.
    let published = [
        (15.7, 15.63, 15.85, 170_000.0),
        (16.6, 16.51, 16.73, 180_000.0),
        (16.0, 15.92, 16.14, 175_000.0),
        (16.6, 16.51, 16.73, 182_000.0),
        (16.4, 16.24, 16.46, 181_000.0),
    ];
    let series: Vec<Point> = published
        .iter()
        .enumerate()
        .map(|(i, &(value, lower, upper, count))| Point {
            date: date(i),
            value: Some(value),
            lower: Some(lower),
            upper: Some(upper),
            count: Some(count),
            denominator: Some(count * 100.0 / value),
            ..Default::default()
        })
        .collect();
    let result = recent_trend(&N, &series);
    let TrendResult::Computed(c) = &result else { panic!("{result:?}") };
    assert!(!c.outlier, "{result:?}");
    assert!(c.increase);
    assert!((c.chi_squared - 62.0).abs() < 1.0, "χ² = {}", c.chi_squared);
    assert_eq!(c.direction, Direction::Increasing);
    assert_eq!(result.label(), "Increasing");
    assert_eq!(computed(&recent_trend(&H, &series)).0, Direction::IncreasingAndGettingBetter);
}
