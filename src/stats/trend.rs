//! Recent trend of a metric, calculated the way OHID's Fingertips calculates it.
//!
//! Fingertips shows a "recent trend" for an area's indicator from its **most recent five
//! data points**, and says whether the value is *increasing* or *decreasing* (and so
//! *getting better* or *getting worse*, when the indicator has a polarity) or shows *no
//! significant change*. For proportions it uses the **chi-squared test for trend**; see the
//! "Recent trends" section of the Fingertips Public Health Technical Guide
//! (<https://fingertips.phe.org.uk/profile/guidance/supporting-information/PH-methods/>)
//! and, for the test itself, Armitage P, Berry G, Matthews JNS, *Statistical Methods in
//! Medical Research*, 4th edition (Blackwell, 2002), "test for trend in proportions".
//!
//! This module uses two methods, chosen per series:
//!
//! * [`Method::ChiSquaredTrend`]: every used point has a `count` and a `denominator`
//!   (`denominator > 0`, `0 <= count <= denominator`). The Cochran–Armitage chi-squared
//!   test for linear trend in proportions, with time scores 1..n, 1 degree of freedom,
//!   significant at the 5% level when χ² > 3.841459 (= 1.959964², the 95% point of χ²₁).
//! * [`Method::WeightedRegression`]: any other values, provided every used point has 95%
//!   confidence limits with `lower < upper`. A weighted least-squares straight line of
//!   value on **time score 1..n** (the order of the five periods, as in the chi-squared
//!   test, so that uneven or mixed-precision dates and skipped gaps do not change the
//!   weighting), with weights 1/variance where the standard error of each value is
//!   recovered from its interval as `(upper − lower) / (2 × 1.959964)` (PHE/APHO
//!   "Technical Guide: Confidence intervals"). The variances are treated as known, so
//!   `se(slope) = 1 / √Σ wᵢ(tᵢ − t̄)²` with no residual scale factor; significant when
//!   `|slope / se(slope)| > 1.959964` (a two-sided z test at 5%). Fingertips chooses its
//!   method by the indicator's value type; this regression is this viewer's own, documented
//!   method for series that carry confidence limits but no counts, not a copy of one of
//!   Fingertips' methods.
//!
//! Points are taken in the order given (a loaded bundle's series are sorted by date); a
//! point whose value is null (or not a finite number) is a gap: it is skipped and not
//! counted, so the five most recent *non-null* values are used.

use crate::bundle::{Point, Polarity, Trend};

/// How many of the most recent non-null values the recent trend uses (Fingertips uses 5).
pub const RECENT_POINTS: usize = 5;

/// Two-sided 95% point of the standard normal distribution.
pub const Z_95: f64 = 1.959964;

/// 95% point of the chi-squared distribution with 1 degree of freedom (= 1.959964²,
/// usually quoted as 3.841).
pub const CHI2_95_1DF: f64 = 3.841459;

/// The result of [`recent_trend`].
#[derive(Debug, Clone, PartialEq)]
pub enum TrendResult {
    /// A trend was calculated.
    Computed {
        /// Significant direction, judged by the item's polarity.
        direction: Direction,
        /// The method used.
        method: Method,
        /// χ² (1 df, never negative) for [`Method::ChiSquaredTrend`]; the signed
        /// z = slope / se(slope) for [`Method::WeightedRegression`].
        statistic: f64,
        /// How many points were used (always [`RECENT_POINTS`] today).
        points_used: usize,
    },
    /// Not enough data, or not the right data, to calculate a trend.
    CannotCalculate {
        /// Why, in words a person reads, e.g. "only 3 values; 5 are needed".
        reason: String,
    },
}

impl TrendResult {
    /// The direction, when a trend was calculated.
    pub fn direction(&self) -> Option<Direction> {
        match self {
            TrendResult::Computed { direction, .. } => Some(*direction),
            TrendResult::CannotCalculate { .. } => None,
        }
    }

    /// The method, when a trend was calculated.
    pub fn method(&self) -> Option<Method> {
        match self {
            TrendResult::Computed { method, .. } => Some(*method),
            TrendResult::CannotCalculate { .. } => None,
        }
    }

    /// Words for the badge: the direction's label, or "Cannot be calculated".
    pub fn label(&self) -> &'static str {
        match self {
            TrendResult::Computed { direction, .. } => direction.label(),
            TrendResult::CannotCalculate { .. } => "Cannot be calculated",
        }
    }
}

/// A recent trend in words, judged by polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Significant change in the good direction.
    Improving,
    /// Significant change in the bad direction.
    Declining,
    /// No change significant at the 5% level.
    NoSignificantChange,
    /// Significant increase of an item with no judgement of which direction is good.
    Increasing,
    /// Significant decrease of an item with no judgement of which direction is good.
    Decreasing,
}

impl Direction {
    pub fn label(&self) -> &'static str {
        match self {
            Direction::Improving => "Improving",
            Direction::Declining => "Declining",
            Direction::NoSignificantChange => "No significant change",
            Direction::Increasing => "Increasing",
            Direction::Decreasing => "Decreasing",
        }
    }

    /// The scorecard's trend word; `Increasing` and `Decreasing` have none.
    pub fn as_trend(&self) -> Option<Trend> {
        match self {
            Direction::Improving => Some(Trend::Improving),
            Direction::Declining => Some(Trend::Declining),
            Direction::NoSignificantChange => Some(Trend::Stable),
            Direction::Increasing | Direction::Decreasing => None,
        }
    }

    /// The direction of a significant change (`increase` true when the value rose) for an
    /// item of polarity `polarity`; `significant` false gives `NoSignificantChange`.
    pub fn judge(polarity: &Polarity, significant: bool, increase: bool) -> Direction {
        if !significant {
            return Direction::NoSignificantChange;
        }
        match (polarity.is_good(increase), increase) {
            (Some(true), _) => Direction::Improving,
            (Some(false), _) => Direction::Declining,
            (None, true) => Direction::Increasing,
            (None, false) => Direction::Decreasing,
        }
    }
}

/// Which test produced a [`TrendResult`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// Chi-squared test for linear trend in proportions (Cochran–Armitage).
    ChiSquaredTrend,
    /// Inverse-variance weighted least-squares regression on time.
    WeightedRegression,
}

impl Method {
    /// Short name.
    pub fn label(&self) -> &'static str {
        match self {
            Method::ChiSquaredTrend => "Chi-squared test for trend",
            Method::WeightedRegression => "Weighted regression",
        }
    }

    /// A sentence for the UI's "how is this calculated" note.
    pub fn description(&self) -> &'static str {
        match self {
            Method::ChiSquaredTrend => {
                "The most recent 5 values are tested with a chi-squared test for linear trend in \
                 proportions (Cochran–Armitage), using each period's count and denominator, as \
                 Fingertips does for its recent trends; a change is significant when the \
                 statistic exceeds 3.841, the 95% point of chi-squared with 1 degree of freedom."
            }
            Method::WeightedRegression => {
                "A straight line is fitted through the most recent 5 values, in period order, \
                 weighting each value by the inverse of its variance taken from its 95% \
                 confidence interval; a change is significant when the slope is more than \
                 1.96 standard errors from zero (5% level)."
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
/// `item_polarity`, from its most recent [`RECENT_POINTS`] non-null values; see the
/// module documentation for the two methods and where they come from.
pub fn recent_trend(item_polarity: &Polarity, series: &[Point]) -> TrendResult {
    let mut used: Vec<&Point> =
        series.iter().rev().filter(|p| p.value.is_some_and(f64::is_finite)).take(RECENT_POINTS).collect();
    if used.len() < RECENT_POINTS {
        let reason = match used.len() {
            0 => format!("no values; {RECENT_POINTS} are needed"),
            1 => format!("only 1 value; {RECENT_POINTS} are needed"),
            n => format!("only {n} values; {RECENT_POINTS} are needed"),
        };
        return TrendResult::CannotCalculate { reason };
    }
    used.reverse(); // oldest first: time scores 1..n

    let counts: Option<Vec<(f64, f64)>> = used.iter().map(|p| proportion(p)).collect();
    let outcome = match counts {
        Some(counts) => chi_squared_trend(&counts)
            .map(|(stat, significant, increase)| (Method::ChiSquaredTrend, stat, significant, increase)),
        None => {
            let weighted: Option<Vec<(f64, f64)>> = used.iter().map(|p| value_and_se(p)).collect();
            match weighted {
                Some(points) => weighted_regression(&points)
                    .map(|(z, significant, increase)| (Method::WeightedRegression, z, significant, increase)),
                None => Err("no confidence limits to weigh the points".to_string()),
            }
        }
    };
    match outcome {
        Ok((method, statistic, significant, increase)) => TrendResult::Computed {
            direction: Direction::judge(item_polarity, significant, increase),
            method,
            statistic,
            points_used: used.len(),
        },
        Err(reason) => TrendResult::CannotCalculate { reason },
    }
}

/// `(count, denominator)` when the point is a usable proportion.
fn proportion(p: &Point) -> Option<(f64, f64)> {
    let (x, n) = (p.count?, p.denominator?);
    (x.is_finite() && n.is_finite() && n > 0.0 && x >= 0.0 && x <= n).then_some((x, n))
}

/// `(value, standard error)` when the point has usable 95% limits.
fn value_and_se(p: &Point) -> Option<(f64, f64)> {
    let (v, lo, hi) = (p.value?, p.lower?, p.upper?);
    if !(v.is_finite() && lo.is_finite() && hi.is_finite() && lo < hi) {
        return None;
    }
    // Half the width over 1.96; written so that limits near f64::MAX cannot overflow.
    let se = (hi / 2.0 - lo / 2.0) / Z_95;
    (se > 0.0 && se.is_finite()).then_some((v, se))
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
/// Returns `(χ², significant, increase)`.
fn chi_squared_trend(points: &[(f64, f64)]) -> Result<(f64, bool, bool), String> {
    let big_n: f64 = points.iter().map(|&(_, n)| n).sum();
    let big_x: f64 = points.iter().map(|&(x, _)| x).sum();
    let s_bar: f64 = points.iter().zip(1..).map(|(&(_, n), s)| n * s as f64).sum::<f64>() / big_n;
    let t: f64 = points.iter().zip(1..).map(|(&(x, _), s)| x * (s as f64 - s_bar)).sum();
    let s_ss: f64 = points.iter().zip(1..).map(|(&(_, n), s)| n * (s as f64 - s_bar).powi(2)).sum();
    let p_bar = big_x / big_n;
    let q_bar = (big_n - big_x) / big_n;
    let variance = p_bar * q_bar * s_ss;
    if !(t.is_finite() && variance.is_finite()) {
        return Err("the counts are too large to calculate a trend".to_string());
    }
    if variance <= 0.0 {
        // Every proportion 0, or every one 1: nothing changed.
        return Ok((0.0, false, false));
    }
    let chi2 = t * t / variance;
    if !chi2.is_finite() {
        return Err("the counts are too large to calculate a trend".to_string());
    }
    Ok((chi2, chi2 > CHI2_95_1DF, t > 0.0))
}

/// Inverse-variance weighted least squares of yᵢ on tᵢ = 1..k, variances known:
///
/// ```text
/// wᵢ = 1/seᵢ², t̄ = Σwᵢtᵢ/Σwᵢ, ȳ = Σwᵢyᵢ/Σwᵢ
/// Stt = Σwᵢ(tᵢ − t̄)², Sty = Σwᵢ(tᵢ − t̄)(yᵢ − ȳ)
/// slope = Sty/Stt, se(slope) = 1/√Stt, z = slope/se(slope)
/// ```
///
/// To stay finite at any scale the standard errors are first divided by the largest
/// (weights then lie in [1, ∞)) and the values by their largest magnitude; z does not
/// change, as the slope and its standard error scale alike.
/// Returns `(z, significant, increase)`.
fn weighted_regression(points: &[(f64, f64)]) -> Result<(f64, bool, bool), String> {
    let too_large = || "the values are too large to calculate a trend".to_string();
    let se_max = points.iter().map(|&(_, se)| se).fold(0.0, f64::max);
    let y_max = points.iter().map(|&(y, _)| y.abs()).fold(0.0, f64::max);
    let y_scale = if y_max > 0.0 { y_max } else { 1.0 };
    let w: Vec<f64> = points.iter().map(|&(_, se)| (se_max / se).powi(2)).collect();
    let y: Vec<f64> = points.iter().map(|&(v, _)| v / y_scale).collect();
    let t: Vec<f64> = (1..=points.len()).map(|i| i as f64).collect();
    let sw: f64 = w.iter().sum();
    let t_bar = w.iter().zip(&t).map(|(w, t)| w * t).sum::<f64>() / sw;
    let y_bar = w.iter().zip(&y).map(|(w, y)| w * y).sum::<f64>() / sw;
    let stt: f64 = w.iter().zip(&t).map(|(w, t)| w * (t - t_bar).powi(2)).sum();
    let sty: f64 = w.iter().zip(&t).zip(&y).map(|((w, t), y)| w * (t - t_bar) * (y - y_bar)).sum();
    if !(stt.is_finite() && sty.is_finite() && stt > 0.0) {
        return Err(too_large());
    }
    // In scaled units: slope' = slope / y_scale, se' = 1/√Stt' where Stt' = Stt·se_max².
    // So z = slope / se(slope) = (slope'·y_scale) / (se_max/√Stt') = slope'·√Stt'·y_scale/se_max.
    let slope_scaled = sty / stt;
    let z = slope_scaled * stt.sqrt() * (y_scale / se_max);
    if !z.is_finite() {
        return Err(too_large());
    }
    Ok((z, z.abs() > Z_95, z > 0.0))
}
