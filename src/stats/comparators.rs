//! An item compared with each of its comparators (England, the region, a peer area), for
//! the latest period that both have, as OHID's Fingertips compares an area with England:
//! the area's 95% interval excludes the comparator's value, or it does not. The rule is
//! [`compare_with_benchmark`]'s; this module only finds the period and the value.

use crate::bundle::date::IsoDate;
use crate::bundle::{Bundle, Comparator, Item, Point, Polarity};
use crate::stats::compare::{compare_with_benchmark, CompareResult, Level};
use crate::stats::number::{format_number, with_unit};

/// The comparison of an item with one comparator.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The comparator's id.
    pub comparator: String,
    /// The comparator's label, "England".
    pub label: String,
    /// The period compared: the area's point, with the comparator's value as its benchmark;
    /// `None` when the two share no period with values.
    pub point: Option<Point>,
    pub result: CompareResult,
}

impl Comparison {
    /// For "How is this calculated?": the method, then the figures (in the item's `unit`)
    /// or the reason.
    pub fn explanation(&self, level: Level, unit: Option<&str>) -> String {
        let method = self.result.explanation(level);
        let Some(p) = &self.point else { return method };
        let (Some(value), Some(other)) = (p.value, p.benchmark) else { return method };
        let when = p.label.clone().unwrap_or_else(|| p.date.clone());
        let interval = match (p.lower, p.upper) {
            (Some(lo), Some(hi)) => format!(" (95% interval {} to {})", format_number(lo), format_number(hi)),
            _ => String::new(),
        };
        let verdict = match &self.result {
            CompareResult::NotCompared { .. } => return method,
            r => r.label().to_lowercase(),
        };
        format!(
            "{method} For {when} the value {}{interval} is compared with {}'s {}: {verdict}.",
            with_unit(value, unit),
            self.label,
            with_unit(other, unit)
        )
    }
}

/// The comparison of `series` (the area's points) with `theirs` (the comparator's) for the
/// latest date on which both have a value. Neither needs to be sorted.
pub fn compare_series(
    polarity: &Polarity,
    series: &[Point],
    theirs: &[Point],
    level: Level,
) -> (Option<Point>, CompareResult) {
    let value_on = |date: &IsoDate| {
        theirs
            .iter()
            .filter(|p| IsoDate::parse(&p.date).ok().as_ref() == Some(date))
            .find_map(|p| p.value.filter(|v| v.is_finite()))
    };
    let latest = series
        .iter()
        .filter(|p| p.value.is_some_and(f64::is_finite))
        .filter_map(|p| IsoDate::parse(&p.date).ok().and_then(|d| value_on(&d).map(|v| (d, p, v))))
        .max_by_key(|(d, _, _)| *d);
    let Some((_, point, value)) = latest else {
        let reason = "the area and the comparator have no period with a value in common".to_string();
        return (None, CompareResult::NotCompared { reason });
    };
    let point = Point { benchmark: Some(value), ..point.clone() };
    let result = compare_with_benchmark(polarity, std::slice::from_ref(&point), level);
    (Some(point), result)
}

/// The item compared with `comparator`, when the item has a comparison series for it.
pub fn compare_with(item: &Item, comparator: &Comparator, level: Level) -> Option<Comparison> {
    let theirs = item.comparisons.get(&comparator.id)?;
    let (point, result) = compare_series(&item.polarity(), &item.series, theirs, level);
    Some(Comparison { comparator: comparator.id.clone(), label: comparator.label.clone(), point, result })
}

/// The item compared with every comparator it has a series for, in the bundle's order of
/// comparators.
pub fn compare_with_each(bundle: &Bundle, item: &Item, level: Level) -> Vec<Comparison> {
    bundle.comparators.iter().filter_map(|c| compare_with(item, c, level)).collect()
}

/// The comparator an item's benchmark verdict is about ([`Bundle::benchmark_comparator`]).
pub fn benchmark_comparator<'a>(bundle: &'a Bundle, item: &Item) -> Option<&'a Comparator> {
    bundle.benchmark_comparator(item)
}
