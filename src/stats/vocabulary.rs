//! The words for each fact, in one place: the badge, the filter, the detail, the CSV and
//! the exception report all take them from here, so one fact reads the same everywhere.
//! A trend the scorecard states is written as it states it; one the viewer computed in
//! Fingertips' words; "Not stated" only where the scorecard said nothing and nothing
//! could be computed.

use crate::bundle::{Benchmark, Trend};
use crate::stats::change::Change;
use crate::stats::status::{Judged, Origin, Status, Summary};
use crate::stats::trend::Direction;

/// An item's trend: stated ("Improving"), computed in Fingertips' words ("Increasing and
/// getting worse"), "Not known" where the scorecard said so, else "Not stated".
pub fn trend_words(trend: &Judged<Trend>, computed: Option<Direction>, stated: Option<&Trend>) -> String {
    match (&trend.value, trend.origin) {
        (Some(_), Origin::Computed) if computed.is_some() => {
            computed.map(|d| d.label().to_string()).unwrap_or_default()
        }
        (Some(t), _) => t.label().to_string(),
        (None, _) => match stated {
            Some(Trend::NotKnown) => Trend::NotKnown.label().to_string(),
            _ => "Not stated".to_string(),
        },
    }
}

/// [`trend_words`] of an item as the list holds it.
pub fn summary_trend(s: &Summary) -> String {
    trend_words(&s.trend, s.direction, s.trend_not_known.then_some(&Trend::NotKnown))
}

/// [`trend_words`] of an item's status.
pub fn status_trend(s: &Status) -> String {
    trend_words(&s.trend, s.trend_calculation.direction(), s.assessment.and_then(|a| a.trend.as_ref()))
}

/// A trend filter's choice: one category holds the stated word and the computed ones it
/// stands for, and says both.
pub fn trend_choice(trend: &Trend) -> &str {
    match trend {
        Trend::Improving => "Improving or getting better",
        Trend::Stable => "Stable or no significant change",
        Trend::Declining => "Declining or getting worse",
        Trend::NotKnown => "Not known or not stated",
        Trend::Unknown(w) => w,
    }
}

/// The comparison with the comparator: "Worse than England", "Not compared with benchmark".
pub fn benchmark_words(benchmark: Option<&Benchmark>, comparator: &str) -> String {
    match benchmark {
        Some(Benchmark::Better) => format!("Better than {comparator}"),
        Some(Benchmark::Similar) => format!("Similar to {comparator}"),
        Some(Benchmark::Worse) => format!("Worse than {comparator}"),
        Some(Benchmark::Unknown(w)) => format!("Compared with {comparator}: {w}"),
        Some(Benchmark::NotCompared) | None => format!("Not compared with {comparator}"),
    }
}

/// How the RAG moved since the last edition.
pub fn change_words(change: Change) -> &'static str {
    match change {
        Change::Worse => "Worse RAG",
        Change::Better => "Better RAG",
        Change::Same => "Same RAG",
        Change::New => "Newly rated",
    }
}

/// Where a shown trend or comparison came from.
pub fn origin_words(origin: Origin) -> &'static str {
    match origin {
        Origin::Stated => "Stated by the scorecard",
        Origin::Computed => "Computed from the series",
        Origin::Missing => "",
    }
}

/// A count with its noun, singular for one and plural (the noun and "s") otherwise:
/// "1 item", "0 items", "3 problems". Regular nouns only, which is all the page counts.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "112th".
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "3rd best of 16 CIPFA nearest neighbours"; "3rd highest of 16 ..." where neither
/// direction is better.
pub fn rank_words(rank: &crate::stats::rank::Rank, group: &str) -> String {
    let order = if rank.judged { "best" } else { "highest" };
    format!("{} {order} of {} {group}", ordinal(rank.rank), rank.of)
}

/// The comparison with a named comparator: "Worse than England", "Higher than Kent",
/// "Not compared with the South East region".
pub fn comparison_words(result: &crate::stats::compare::CompareResult, comparator: &str) -> String {
    use crate::stats::compare::CompareResult;
    match result {
        CompareResult::Better => format!("Better than {comparator}"),
        CompareResult::Similar => format!("Similar to {comparator}"),
        CompareResult::Worse => format!("Worse than {comparator}"),
        CompareResult::Higher => format!("Higher than {comparator}"),
        CompareResult::Lower => format!("Lower than {comparator}"),
        CompareResult::NotCompared { .. } => format!("Not compared with {comparator}"),
    }
}

#[cfg(test)]
mod tests {
    use super::count;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(count(1, "item"), "1 item");
        assert_eq!(count(0, "item"), "0 items");
        assert_eq!(count(3, "problem"), "3 problems");
        assert_eq!(count(1_000, "item"), "1000 items");
    }
}
