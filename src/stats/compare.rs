//! Comparison of a metric's latest value with its benchmark, the way OHID's Fingertips
//! compares an area with England (or another comparator).
//!
//! Fingertips colours an area "better", "similar" or "worse" than the comparator by
//! whether the **confidence interval of the area's value includes the comparator's value**:
//! the interval wholly above or below the comparator is a significant difference, judged
//! good or bad by the indicator's polarity; an indicator with no polarity is shown as
//! "higher" or "lower". Fingertips uses 95% intervals, and 99.8% intervals for some
//! profiles (the 3-sigma limits of statistical process control). See the Fingertips Public
//! Health Technical Guide, on comparing an area with a benchmark
//! (<https://fingertips.phe.org.uk/profile/guidance/supporting-information/PH-methods/>),
//! PHE/APHO "Technical Guide: Confidence intervals" and APHO Technical Briefing
//! "Statistical process control methods in public health intelligence" (2008).
//!
//! A comparator exactly on a confidence limit counts as included ("similar").

use crate::bundle::{Benchmark, Point, Polarity};
use crate::stats::trend::Z_95;

/// Two-sided 99.8% point of the standard normal distribution.
pub const Z_99_8: f64 = 3.090232;

/// The confidence level of the comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// The point's own 95% limits.
    NinetyFive,
    /// 99.8% limits derived from the 95% ones: se = (upper − lower)/(2 × 1.959964), limits
    /// value ± 3.090232 × se. This is symmetric about the value, so it approximates an
    /// asymmetric interval (Wilson, Byar) by its average half-width.
    NinetyNinePointEight,
}

impl Level {
    pub fn label(&self) -> &'static str {
        match self {
            Level::NinetyFive => "95%",
            Level::NinetyNinePointEight => "99.8%",
        }
    }

    /// The two-sided normal point of this level.
    pub fn z(&self) -> f64 {
        match self {
            Level::NinetyFive => Z_95,
            Level::NinetyNinePointEight => Z_99_8,
        }
    }
}

/// The result of [`compare_with_benchmark`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CompareResult {
    /// Significantly different from the benchmark, in the good direction.
    Better,
    /// The interval includes the benchmark.
    Similar,
    /// Significantly different from the benchmark, in the bad direction.
    Worse,
    /// Significantly higher, for an item with no judgement of which direction is good.
    Higher,
    /// Significantly lower, for an item with no judgement of which direction is good.
    Lower,
    /// Not enough data to compare.
    NotCompared {
        /// Why, in words a person reads.
        reason: String,
    },
}

impl CompareResult {
    pub fn label(&self) -> &'static str {
        match self {
            CompareResult::Better => "Better",
            CompareResult::Similar => "Similar",
            CompareResult::Worse => "Worse",
            CompareResult::Higher => "Higher",
            CompareResult::Lower => "Lower",
            CompareResult::NotCompared { .. } => "Not compared",
        }
    }

    /// The scorecard's benchmark word; `Higher` and `Lower` have none.
    pub fn as_benchmark(&self) -> Option<Benchmark> {
        match self {
            CompareResult::Better => Some(Benchmark::Better),
            CompareResult::Similar => Some(Benchmark::Similar),
            CompareResult::Worse => Some(Benchmark::Worse),
            CompareResult::NotCompared { .. } => Some(Benchmark::NotCompared),
            CompareResult::Higher | CompareResult::Lower => None,
        }
    }
}

/// The lower and upper confidence limits of a value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    pub lower: f64,
    pub upper: f64,
}

/// The limits of `value` at `level`, from its 95% limits `lower`, `upper`.
pub fn limits_at(value: f64, lower: f64, upper: f64, level: Level) -> Limits {
    match level {
        Level::NinetyFive => Limits { lower, upper },
        Level::NinetyNinePointEight => {
            let se = (upper / 2.0 - lower / 2.0) / Z_95;
            Limits { lower: value - Z_99_8 * se, upper: value + Z_99_8 * se }
        }
    }
}

impl CompareResult {
    /// For "How is this calculated?": the method, then the reason when not compared.
    pub fn explanation(&self, level: Level) -> String {
        let method = format!(
            "The latest value's {} confidence interval is compared with the comparator's value, as OHID's \
             Fingertips compares an area with England: better or worse (higher or lower where neither direction \
             is better) when the interval excludes it, similar when it includes it.",
            level.label()
        );
        match self {
            CompareResult::NotCompared { reason } => format!("{method} Not compared: {reason}."),
            _ => method,
        }
    }
}

/// Compares the latest non-null value of `series` (sorted by date) with that point's
/// benchmark, using its confidence interval at `level`; see the module documentation.
pub fn compare_with_benchmark(polarity: &Polarity, series: &[Point], level: Level) -> CompareResult {
    let not = |reason: &str| CompareResult::NotCompared { reason: reason.to_string() };
    let Some(point) = series.iter().rev().find(|p| p.value.is_some_and(f64::is_finite)) else {
        return not("no value to compare");
    };
    let value = point.value.unwrap_or_default();
    let (Some(lower), Some(upper)) = (point.lower, point.upper) else {
        return not("no confidence interval for the latest value");
    };
    let Some(benchmark) = point.benchmark else {
        return not("no benchmark for the latest value");
    };
    if !(lower.is_finite() && upper.is_finite() && benchmark.is_finite()) {
        return not("the confidence limits or benchmark are not numbers");
    }
    if lower > upper {
        return not("the lower confidence limit is above the upper one");
    }
    let limits = limits_at(value, lower, upper, level);
    let higher = if limits.lower > benchmark {
        true
    } else if limits.upper < benchmark {
        false
    } else {
        return CompareResult::Similar;
    };
    match (polarity.is_good(higher), higher) {
        (Some(true), _) => CompareResult::Better,
        (Some(false), _) => CompareResult::Worse,
        (None, true) => CompareResult::Higher,
        (None, false) => CompareResult::Lower,
    }
}
