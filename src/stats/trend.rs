//! Recent trend of a metric, calculated as OHID's Fingertips calculates the "Recent trend"
//! it publishes beside every indicator (its public source: `TrendMarkerCalculator` and
//! `TrendRequest` in PublicHealthEngland/fingertips-open; the Public Health Technical Guide,
//! "Recent trends", <https://fingertips.phe.org.uk/profile/guidance/supporting-information/PH-methods/>).
//!
//! [`Method::Fingertips`], the default:
//!
//! * **Which points.** Points in date order (a loaded bundle's series are sorted); a point
//!   with no value is a gap and is skipped (the years need not be consecutive). Fingertips
//!   uses only points with a value, a count and a denominator (`count >= 0`,
//!   `denominator > 0`), and of those the **5 most recent that have 95% limits**, scored
//!   1..5 oldest first.
//! * **Cannot be calculated** when a period is longer than a year (a label such as
//!   `2016 - 18`; see [`crate::fingertips::period`]), when there are fewer than 5 values,
//!   fewer than 5 with a count and denominator (survey estimates have none: Fingertips
//!   publishes no trend for them), when any of those has a count equal to its denominator,
//!   or fewer than 5 of them have 95% limits.
//! * **The fit.** Each point is weighted by `1/se²` with `se = (upper − lower) / 3.92`; a
//!   weighted least-squares straight line of value on score gives the slope and
//!   `se(slope) = 1/√Σwᵢ(tᵢ − t̄)²`; `χ² = (slope / se(slope))²`. The sums are Fingertips'
//!   own (`Σ1/se²`, `Σyt/se²`, `Σt/se²`, `Σy/se²`, `Σt²/se²`, added oldest first), and so is
//!   the order of every operation: a slope that is exactly 0 in Fingertips' arithmetic is
//!   exactly 0 here, not a rounding error either side of it, which decides the outlier check.
//! * **Significant** when `χ² > 9.5495` (the 99.8% point of χ² with 1 degree of freedom)
//!   **and** the slope keeps its sign when any one of the five points is left out (the six
//!   slopes, all five points and each leave-one-out fit, have the same sign; Fingertips
//!   counts a slope of exactly 0 as positive there).
//! * A point whose 95% limits are equal has `se = 0`: Fingertips' arithmetic then gives no
//!   number (`NaN`), which it reads as no significant change; so does this module.
//! * Fingertips also calculates trends only for proportions, crude rates and directly
//!   standardised rates. An item that states its `value_type` is held to that rule
//!   ([`recent_trend_of`]); one that does not is calculated as before.
//!
//! [`Method::ChiSquaredOnCounts`] is this viewer's own alternative, never the default: the
//! Cochran–Armitage chi-squared test for linear trend in proportions at the 95% level
//! (χ² > 3.841) over the 5 most recent values, each with a count and denominator, with no
//! outlier check (Armitage P, Berry G, Matthews JNS, *Statistical Methods in Medical
//! Research*, 4th edition, Blackwell 2002, "test for trend in proportions").

use crate::bundle::{Item, Point, Polarity, Trend, ValueType};
use crate::fingertips::period;

/// How many of the most recent points the recent trend uses (Fingertips uses 5).
pub const RECENT_POINTS: usize = 5;

/// Two-sided 95% point of the standard normal distribution.
pub const Z_95: f64 = 1.959964;

/// The width of a 95% interval in standard errors, as Fingertips writes it: 2 × 1.96.
pub const CI_95_WIDTH_IN_SE: f64 = 3.92;

/// 99.8% point of the chi-squared distribution with 1 degree of freedom (= 3.090232²), the
/// level of Fingertips' recent trends; `TrendMarkerCalculator.ChiSquareConfidence`.
pub const CHI2_99_8_1DF: f64 = 9.54953570608324;

/// 95% point of the chi-squared distribution with 1 degree of freedom (= 1.959964²), the
/// level of [`Method::ChiSquaredOnCounts`].
pub const CHI2_95_1DF: f64 = 3.841459;

/// The result of [`recent_trend`].
#[derive(Debug, Clone, PartialEq)]
pub enum TrendResult {
    /// A trend was calculated.
    Computed(Computed),
    /// Not enough data, or not the right data, to calculate a trend.
    CannotCalculate {
        method: Method,
        /// Why, in words a person reads, e.g. "only 3 values; 5 are needed".
        reason: String,
    },
}

/// A calculated trend and the figures behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Computed {
    /// Significant direction, judged by the item's polarity.
    pub direction: Direction,
    pub method: Method,
    /// χ² with 1 degree of freedom (never negative; `NaN` when a point has zero-width limits).
    pub chi_squared: f64,
    /// Whether the value rose (the sign of the slope, or of the test statistic).
    pub increase: bool,
    /// For [`Method::Fingertips`]: whether leaving out one of the points changes the sign
    /// of the slope, which makes any change not significant.
    pub outlier: bool,
    /// How many points were used (always [`RECENT_POINTS`]).
    pub points_used: usize,
    /// The labels (or dates) of the first and last point used.
    pub from: String,
    pub to: String,
}

impl TrendResult {
    /// The direction, when a trend was calculated.
    pub fn direction(&self) -> Option<Direction> {
        match self {
            TrendResult::Computed(c) => Some(c.direction),
            TrendResult::CannotCalculate { .. } => None,
        }
    }

    pub fn method(&self) -> Method {
        match self {
            TrendResult::Computed(c) => c.method,
            TrendResult::CannotCalculate { method, .. } => *method,
        }
    }

    /// Words for the badge: Fingertips' word for the direction, or "Cannot be calculated".
    pub fn label(&self) -> &'static str {
        match self {
            TrendResult::Computed(c) => c.direction.label(),
            TrendResult::CannotCalculate { .. } => "Cannot be calculated",
        }
    }

    /// What was found and why, for "How is this calculated?": the method, then the result
    /// with its figures or the reason it cannot be calculated.
    pub fn explanation(&self) -> String {
        let method = self.method().description();
        match self {
            TrendResult::CannotCalculate { reason, .. } => format!("{method} Cannot be calculated: {reason}."),
            TrendResult::Computed(c) => {
                let over = format!("Over {} to {}", c.from, c.to);
                let verdict = if c.chi_squared.is_nan() {
                    format!(
                        "{over} a point has equal lower and upper limits, so it has no standard error and the slope \
                         cannot be tested: no significant change."
                    )
                } else {
                    let threshold = match c.method {
                        Method::Fingertips => "9.55",
                        Method::ChiSquaredOnCounts => "3.84",
                    };
                    let size = if c.chi_squared > c.method.threshold() { "above" } else { "not above" };
                    let mut text = format!("{over} chi-squared is {:.2}, {size} {threshold}", c.chi_squared);
                    if c.outlier {
                        text.push_str(", but leaving out one point changes the direction of the slope");
                    }
                    text.push_str(&format!(": {}.", c.direction.label().to_lowercase()));
                    text
                };
                format!("{method} {verdict}")
            }
        }
    }
}

/// A recent trend in Fingertips' words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    IncreasingAndGettingBetter,
    IncreasingAndGettingWorse,
    DecreasingAndGettingBetter,
    DecreasingAndGettingWorse,
    /// Significant increase of an item with no judgement of which direction is good.
    Increasing,
    /// Significant decrease of an item with no judgement of which direction is good.
    Decreasing,
    NoSignificantChange,
}

impl Direction {
    /// Fingertips' words.
    pub fn label(&self) -> &'static str {
        match self {
            Direction::IncreasingAndGettingBetter => "Increasing and getting better",
            Direction::IncreasingAndGettingWorse => "Increasing and getting worse",
            Direction::DecreasingAndGettingBetter => "Decreasing and getting better",
            Direction::DecreasingAndGettingWorse => "Decreasing and getting worse",
            Direction::Increasing => "Increasing",
            Direction::Decreasing => "Decreasing",
            Direction::NoSignificantChange => "No significant change",
        }
    }

    /// The scorecard's trend word: getting better is `improving`, getting worse
    /// `declining`, no significant change `stable`; `Increasing` and `Decreasing` have none.
    pub fn as_trend(&self) -> Option<Trend> {
        match self {
            Direction::IncreasingAndGettingBetter | Direction::DecreasingAndGettingBetter => Some(Trend::Improving),
            Direction::IncreasingAndGettingWorse | Direction::DecreasingAndGettingWorse => Some(Trend::Declining),
            Direction::NoSignificantChange => Some(Trend::Stable),
            Direction::Increasing | Direction::Decreasing => None,
        }
    }

    /// Whether the change is good, bad or unjudged (`None`, also for no significant change).
    pub fn is_good(&self) -> Option<bool> {
        self.as_trend().and_then(|t| match t {
            Trend::Improving => Some(true),
            Trend::Declining => Some(false),
            _ => None,
        })
    }

    /// The direction of a significant change (`increase` true when the value rose) for an
    /// item of polarity `polarity`; `significant` false gives `NoSignificantChange`.
    pub fn judge(polarity: &Polarity, significant: bool, increase: bool) -> Direction {
        if !significant {
            return Direction::NoSignificantChange;
        }
        match (polarity.is_good(increase), increase) {
            (Some(true), true) => Direction::IncreasingAndGettingBetter,
            (Some(false), true) => Direction::IncreasingAndGettingWorse,
            (Some(true), false) => Direction::DecreasingAndGettingBetter,
            (Some(false), false) => Direction::DecreasingAndGettingWorse,
            (None, true) => Direction::Increasing,
            (None, false) => Direction::Decreasing,
        }
    }
}

/// How a [`TrendResult`] is worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Method {
    /// Fingertips' recent trend; see the module documentation.
    #[default]
    Fingertips,
    /// This viewer's own chi-squared test for trend on counts, at 95% and with no outlier check.
    ChiSquaredOnCounts,
}

impl Method {
    /// Short name.
    pub fn label(&self) -> &'static str {
        match self {
            Method::Fingertips => "Fingertips recent trend",
            Method::ChiSquaredOnCounts => "Chi-squared test for trend on counts",
        }
    }

    /// The χ² above which a change is significant.
    pub fn threshold(&self) -> f64 {
        match self {
            Method::Fingertips => CHI2_99_8_1DF,
            Method::ChiSquaredOnCounts => CHI2_95_1DF,
        }
    }

    /// A paragraph for the UI's "How is this calculated?".
    pub fn description(&self) -> &'static str {
        match self {
            Method::Fingertips => {
                "Calculated as OHID's Fingertips calculates its recent trends: a straight line is fitted \
                 through the 5 most recent values that have a count, a denominator and 95% confidence limits, \
                 weighting each by its precision (standard error = interval width ÷ 3.92). The change is \
                 significant when chi-squared (the slope over its standard error, squared) is above 9.55, the \
                 99.8% level, and the slope keeps its direction when any one of the five points is left out. \
                 There is no recent trend for periods longer than a year, for fewer than 5 such values, or for \
                 values with no count behind them (such as survey estimates)."
            }
            Method::ChiSquaredOnCounts => {
                "Calculated by this viewer's own method, not Fingertips': a chi-squared test for linear trend \
                 in proportions (Cochran–Armitage) on the counts and denominators of the 5 most recent values, \
                 significant when chi-squared is above 3.84, the 95% level."
            }
        }
    }
}

/// `higher_is_better` and `lower_is_better` swapped; other polarities unchanged.
pub fn polarity_reversed(p: &Polarity) -> Polarity {
    match p {
        Polarity::HigherIsBetter => Polarity::LowerIsBetter,
        Polarity::LowerIsBetter => Polarity::HigherIsBetter,
        other => other.clone(),
    }
}

/// The recent trend of `series` (sorted by date, oldest first) for an item of polarity
/// `polarity`, as Fingertips calculates it ([`Method::Fingertips`]).
pub fn recent_trend(polarity: &Polarity, series: &[Point]) -> TrendResult {
    recent_trend_by(Method::Fingertips, polarity, series)
}

/// Whether Fingertips calculates recent trends for values of this type: only for
/// proportions, crude rates and directly standardised rates. `Err` says why not.
pub fn value_type_has_trend(value_type: &ValueType) -> Result<(), String> {
    match value_type {
        ValueType::Proportion | ValueType::CrudeRate | ValueType::DirectlyStandardisedRate => Ok(()),
        other => Err(format!(
            "the values are {}, and recent trends are calculated only for proportions, crude rates and \
             directly standardised rates",
            value_type_words(other)
        )),
    }
}

/// A value type as a sentence names it: "a life expectancy".
fn value_type_words(value_type: &ValueType) -> String {
    match value_type {
        ValueType::Proportion => "proportions".to_string(),
        ValueType::CrudeRate => "crude rates".to_string(),
        ValueType::DirectlyStandardisedRate => "directly standardised rates".to_string(),
        ValueType::IndirectlyStandardisedRatio => "indirectly standardised ratios".to_string(),
        ValueType::LifeExpectancy => "life expectancies".to_string(),
        ValueType::Count => "counts".to_string(),
        ValueType::Score => "scores".to_string(),
        ValueType::Other => "of another type".to_string(),
        ValueType::Unknown(word) => format!("of type {}", crate::bundle::problem::quoted(word)),
    }
}

/// The recent trend of `series` for an item whose values are of `value_type` (when it
/// says): "Cannot be calculated" for a type Fingertips calculates no trend for, saying why.
pub fn recent_trend_of(value_type: Option<&ValueType>, polarity: &Polarity, series: &[Point]) -> TrendResult {
    match value_type.map(value_type_has_trend) {
        Some(Err(reason)) => TrendResult::CannotCalculate { method: Method::Fingertips, reason },
        _ => recent_trend(polarity, series),
    }
}

/// [`recent_trend_of`] an item's whole series.
pub fn item_trend(item: &Item) -> TrendResult {
    recent_trend_of(item.value_type.as_ref(), &item.polarity(), &item.series)
}

/// The recent trend of `series` by `method`; see the module documentation.
pub fn recent_trend_by(method: Method, polarity: &Polarity, series: &[Point]) -> TrendResult {
    let cannot = |reason: String| TrendResult::CannotCalculate { method, reason };
    let values: Vec<&Point> = series.iter().filter(|p| p.value.is_some_and(f64::is_finite)).collect();
    if let Some((label, length)) = values.iter().find_map(|p| {
        let label = p.label.as_deref()?;
        period::period(label).filter(|q| q.length.longer_than_a_year()).map(|q| (label, q.length))
    }) {
        return cannot(format!(
            "the values are for {length} periods (such as {label}), and recent trends are calculated only \
             for periods of a year or less"
        ));
    }
    if values.len() < RECENT_POINTS {
        return cannot(match values.len() {
            0 => format!("no values; {RECENT_POINTS} are needed"),
            1 => format!("only 1 value; {RECENT_POINTS} are needed"),
            n => format!("only {n} values; {RECENT_POINTS} are needed"),
        });
    }
    let counted: Vec<&Point> = values.iter().copied().filter(|p| proportion(p).is_some()).collect();
    if counted.len() < RECENT_POINTS {
        return cannot(match counted.len() {
            0 => "the values have no count and denominator behind them (as for survey estimates)".to_string(),
            n => format!("only {n} of the values have a count and denominator behind them; {RECENT_POINTS} are needed"),
        });
    }
    let used: Vec<&Point> = match method {
        Method::Fingertips => {
            if counted.iter().any(|p| p.count == p.denominator) {
                return cannot("a count equals its denominator".to_string());
            }
            let mut with_limits: Vec<&Point> =
                counted.iter().rev().copied().filter(|p| limits(p).is_some()).take(RECENT_POINTS).collect();
            if with_limits.len() < RECENT_POINTS {
                let n = with_limits.len();
                return cannot(format!(
                    "only {n} of the counted values have 95% confidence limits; {RECENT_POINTS} are needed"
                ));
            }
            with_limits.reverse();
            with_limits
        }
        Method::ChiSquaredOnCounts => {
            // The five most recent values, each of which must have a count.
            let recent = &values[values.len() - RECENT_POINTS..];
            if recent.iter().any(|p| proportion(p).is_none()) {
                return cannot(format!(
                    "not all of the {RECENT_POINTS} most recent values have a count and denominator"
                ));
            }
            recent.to_vec()
        }
    };
    let test = match method {
        Method::Fingertips => {
            let points: Vec<Weighed> = used.iter().filter_map(|p| limits(p)).collect();
            fingertips_test(&points)
        }
        Method::ChiSquaredOnCounts => {
            let counts: Vec<(f64, f64)> = used.iter().filter_map(|p| proportion(p)).collect();
            chi_squared_trend(&counts)
        }
    };
    let name = |p: &Point| p.label.clone().unwrap_or_else(|| p.date.clone());
    match test {
        Ok(test) => TrendResult::Computed(Computed {
            direction: Direction::judge(polarity, test.significant, test.increase),
            method,
            chi_squared: test.chi_squared,
            increase: test.increase,
            outlier: test.outlier,
            points_used: used.len(),
            from: name(used[0]),
            to: name(used[used.len() - 1]),
        }),
        Err(reason) => cannot(reason),
    }
}

/// The outcome of a significance test.
#[derive(Debug, Clone, Copy, PartialEq)]
struct TestResult {
    chi_squared: f64,
    significant: bool,
    increase: bool,
    outlier: bool,
}

/// A value and its standard error from its 95% limits.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Weighed {
    value: f64,
    se: f64,
}

/// `(count, denominator)` when the point has a usable count: `count >= 0`, `denominator > 0`.
fn proportion(p: &Point) -> Option<(f64, f64)> {
    let (x, n) = (p.count?, p.denominator?);
    (x.is_finite() && n.is_finite() && n > 0.0 && x >= 0.0).then_some((x, n))
}

/// The value and its standard error when the point has 95% limits (`lower <= upper`).
fn limits(p: &Point) -> Option<Weighed> {
    let (value, lower, upper) = (p.value?, p.lower?, p.upper?);
    if !(value.is_finite() && lower.is_finite() && upper.is_finite() && lower <= upper) {
        return None;
    }
    // As Fingertips writes it; an infinite width is left to the fit to refuse.
    let se = (upper - lower) / CI_95_WIDTH_IN_SE;
    (!se.is_nan()).then_some(Weighed { value, se })
}

/// Fingertips' test: weighted fit of all points, χ² against 9.5495, and the outlier check,
/// in Fingertips' own arithmetic ([`FingertipsSums`]).
fn fingertips_test(points: &[Weighed]) -> Result<TestResult, String> {
    if points.iter().any(|p| p.se == 0.0) {
        // Fingertips divides by se² = 0: the sums are infinite, the slope NaN, not significant.
        return Ok(TestResult { chi_squared: f64::NAN, significant: false, increase: false, outlier: false });
    }
    let terms: Vec<FingertipsTerms> = points.iter().zip(1..).map(|(p, t)| FingertipsTerms::of(p, t)).collect();
    let all = FingertipsSums::over(&terms, None);
    let slope = all.slope();
    let chi_squared = all.chi_squared();
    // Each leave-one-out fit; Fingertips counts a slope that is not below 0 as positive
    // (0, and no number at all).
    let positive = |slope: f64| slope >= 0.0 || slope.is_nan();
    let slopes: Vec<f64> =
        (1..=terms.len()).map(|left_out| FingertipsSums::over(&terms, Some(left_out)).slope()).collect();
    if !(slope.is_finite() && chi_squared.is_finite() && slopes.iter().all(|s| s.is_finite())) {
        // Fingertips' sums overflow or vanish here (limits near the ends of the number range).
        return Err("the values or their limits are too large or too small to calculate a trend".to_string());
    }
    let outlier = slopes.iter().any(|&s| positive(s) != positive(slope));
    Ok(TestResult { chi_squared, significant: chi_squared > CHI2_99_8_1DF && !outlier, increase: slope > 0.0, outlier })
}

/// One point's terms in Fingertips' `TrendMarkerCalculator`, each divided by `se²` as it
/// divides them (not multiplied by a weight), so that sums and signs come out bit for bit
/// as Fingertips' do: a slope it finds exactly 0, and so counts as positive, is 0 here too.
#[derive(Debug, Clone, Copy, PartialEq)]
struct FingertipsTerms {
    /// The score `t` (1 = oldest), which a left-out point keeps.
    score: usize,
    /// `1/se²`
    w: f64,
    /// `y·t/se²`
    wty: f64,
    /// `t/se²`
    wt: f64,
    /// `y/se²`
    wy: f64,
    /// `t²/se²`
    wtt: f64,
}

impl FingertipsTerms {
    fn of(p: &Weighed, score: usize) -> Self {
        let divisor = p.se * p.se;
        let t = score as f64;
        FingertipsTerms {
            score,
            w: 1.0 / divisor,
            wty: (p.value * t) / divisor,
            wt: t / divisor,
            wy: p.value / divisor,
            wtt: (t * t) / divisor,
        }
    }
}

/// Fingertips' five sums, added oldest point first as it adds them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct FingertipsSums {
    w: f64,
    wty: f64,
    wt: f64,
    wy: f64,
    wtt: f64,
}

impl FingertipsSums {
    /// The sums over `terms`, leaving out the point of score `left_out` if given.
    fn over(terms: &[FingertipsTerms], left_out: Option<usize>) -> Self {
        let mut s = FingertipsSums::default();
        for term in terms.iter().filter(|term| Some(term.score) != left_out) {
            s.w += term.w;
            s.wty += term.wty;
            s.wt += term.wt;
            s.wy += term.wy;
            s.wtt += term.wtt;
        }
        s
    }

    /// `Σw·Σwtt − (Σwt)²`, the determinant of the weighted fit.
    fn determinant(&self) -> f64 {
        (self.w * self.wtt) - (self.wt * self.wt)
    }

    /// `(Σw·Σwty − Σwt·Σwy) / (Σw·Σwtt − (Σwt)²)`
    fn slope(&self) -> f64 {
        ((self.w * self.wty) - (self.wt * self.wy)) / self.determinant()
    }

    /// `(slope / √(Σw / (Σw·Σwtt − (Σwt)²)))²`
    fn chi_squared(&self) -> f64 {
        let beta = (self.w / self.determinant()).sqrt();
        let ratio = self.slope() / beta;
        ratio * ratio
    }
}

/// Chi-squared test for linear trend in proportions (Armitage & Berry), time scores
/// sᵢ = 1..k:
///
/// ```text
/// N = Σnᵢ, X = Σxᵢ, p̄ = X/N, s̄ = Σnᵢsᵢ/N
/// T = Σxᵢ(sᵢ − s̄)                     (= Σxᵢsᵢ − X·s̄)
/// Var(T) = p̄(1 − p̄)·Σnᵢ(sᵢ − s̄)²
/// χ² = T² / Var(T)                     (1 degree of freedom)
/// ```
///
/// The sign of T is the sign of the fitted slope of pᵢ on sᵢ. When every proportion is 0
/// (or every one is 1) Var(T) = 0 and T = 0: no evidence of change, χ² = 0.
fn chi_squared_trend(points: &[(f64, f64)]) -> Result<TestResult, String> {
    let too_large = || "the counts are too large to calculate a trend".to_string();
    if points.iter().any(|&(x, n)| x > n) {
        return Err("a count is larger than its denominator".to_string());
    }
    let big_n: f64 = points.iter().map(|&(_, n)| n).sum();
    let big_x: f64 = points.iter().map(|&(x, _)| x).sum();
    let s_bar: f64 = points.iter().zip(1..).map(|(&(_, n), s)| n * s as f64).sum::<f64>() / big_n;
    let t: f64 = points.iter().zip(1..).map(|(&(x, _), s)| x * (s as f64 - s_bar)).sum();
    let s_ss: f64 = points.iter().zip(1..).map(|(&(_, n), s)| n * (s as f64 - s_bar).powi(2)).sum();
    let p_bar = big_x / big_n;
    let q_bar = (big_n - big_x) / big_n;
    let variance = p_bar * q_bar * s_ss;
    if !(t.is_finite() && variance.is_finite()) {
        return Err(too_large());
    }
    if variance <= 0.0 {
        // Every proportion 0, or every one 1: nothing changed.
        return Ok(TestResult { chi_squared: 0.0, significant: false, increase: false, outlier: false });
    }
    let chi_squared = t * t / variance;
    if !chi_squared.is_finite() {
        return Err(too_large());
    }
    Ok(TestResult { chi_squared, significant: chi_squared > CHI2_95_1DF, increase: t > 0.0, outlier: false })
}
