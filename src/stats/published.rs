//! Fingertips' own published verdicts on a metric (kept in `Item::fingertips` when its
//! series came from an export) set beside the viewer's computed ones, so that where the two
//! disagree the item is flagged as a stated-versus-computed disagreement is.

use crate::bundle::{Item, Polarity};
use crate::stats::compare::{compare_with_benchmark, CompareResult};
use crate::stats::status::BENCHMARK_LEVEL;
use crate::stats::trend::recent_trend_of;

/// What Fingertips published about the item's latest period, and how it compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The `Time period` of the verdicts, e.g. "2020/21".
    pub period: Option<String>,
    pub recent_trend: Option<Verdict>,
    pub compared_to_england: Option<Verdict>,
}

/// One published word, and the viewer's own word when the two disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub word: String,
    /// The viewer's computed word, only when it disagrees with `word`.
    pub disagreement: Option<String>,
}

/// Fingertips' verdicts on `item`, each checked against the viewer's calculation over the
/// item's whole series. Nothing is compared when the series does not end in the period
/// the verdicts are about (a later edition's series was cut short, or the label differs),
/// nor for a word the viewer does not compute (such as a comparison with percentiles).
pub fn published(item: &Item) -> Option<Published> {
    let kept = item.fingertips.as_ref()?;
    if kept.recent_trend.is_none() && kept.compared_to_england.is_none() {
        return None;
    }
    let latest = item.series.iter().rev().find(|p| p.value.is_some());
    let same_period = match (&kept.period, latest.and_then(|p| p.label.as_ref())) {
        (Some(period), Some(label)) => period.trim() == label.trim(),
        _ => false,
    };
    let polarity = item.polarity();
    let recent_trend = kept.recent_trend.as_ref().map(|word| {
        let computed = same_period.then(|| recent_trend_of(item.value_type.as_ref(), &polarity, &item.series).label());
        Verdict { word: word.clone(), disagreement: computed.filter(|c| !trends_agree(word, c)).map(str::to_string) }
    });
    let compared_to_england = kept.compared_to_england.as_ref().map(|word| {
        let computed = same_period.then(|| compare_with_benchmark(&polarity, &item.series, BENCHMARK_LEVEL));
        Verdict {
            word: word.clone(),
            disagreement: computed.filter(|c| comparisons_disagree(word, c, &polarity)).map(|c| c.label().to_string()),
        }
    });
    Some(Published { period: kept.period.clone(), recent_trend, compared_to_england })
}

/// A trend word read as (direction, better-or-worse): `Increasing and getting better` is
/// (`Some(1)`, `Some(true)`), `No significant change` (`Some(0)`, `None`), `Cannot be
/// calculated` (`None`, `None`). `None` for a word that is none of Fingertips' trends.
fn trend_words(word: &str) -> Option<(Option<i8>, Option<bool>)> {
    let word = word.trim().to_ascii_lowercase();
    let direction = if word.starts_with("increasing") {
        Some(1)
    } else if word.starts_with("decreasing") {
        Some(-1)
    } else if word.starts_with("no significant change") {
        Some(0)
    } else if word.starts_with("cannot be calculated") {
        None
    } else {
        return None;
    };
    let judgement = if word.ends_with("getting better") {
        Some(true)
    } else if word.ends_with("getting worse") {
        Some(false)
    } else {
        None
    };
    Some((direction, judgement))
}

/// Whether a published trend word and a computed one say the same: the same direction (or
/// both cannot be calculated), and not opposite judgements. A published word of a kind the
/// viewer does not compute is not contradicted.
fn trends_agree(published: &str, computed: &str) -> bool {
    match (trend_words(published), trend_words(computed)) {
        (Some((d1, j1)), Some((d2, j2))) => d1 == d2 && !matches!((j1, j2), (Some(a), Some(b)) if a != b),
        _ => true,
    }
}

/// Whether a published comparison word contradicts the computed one. `Higher`/`Lower` and
/// `Better`/`Worse` are matched through the item's polarity; without one, only whether
/// the difference is significant is compared. `Not compared` on either side, or a word the
/// viewer does not compute (percentiles, quintiles), contradicts nothing.
fn comparisons_disagree(published: &str, computed: &CompareResult, polarity: &Polarity) -> bool {
    let word = published.split_whitespace().next().unwrap_or_default().to_ascii_lowercase();
    // As "higher" (Some(true)), "lower" (Some(false)), "similar" (None).
    let higher = |better: bool| match polarity {
        Polarity::HigherIsBetter => Some(better),
        Polarity::LowerIsBetter => Some(!better),
        _ => None,
    };
    let said = match word.as_str() {
        "similar" => Some(None),
        "higher" => Some(Some(Some(true))),
        "lower" => Some(Some(Some(false))),
        "better" => Some(Some(higher(true))),
        "worse" => Some(Some(higher(false))),
        _ => None,
    };
    let found = match computed {
        CompareResult::Similar => Some(None),
        CompareResult::Higher => Some(Some(Some(true))),
        CompareResult::Lower => Some(Some(Some(false))),
        CompareResult::Better => Some(Some(higher(true))),
        CompareResult::Worse => Some(Some(higher(false))),
        CompareResult::NotCompared { .. } => None,
    };
    match (said, found) {
        (Some(None), Some(None)) => false,
        (Some(None), Some(Some(_))) | (Some(Some(_)), Some(None)) => true,
        // Both significant: opposite sides only when both sides are known.
        (Some(Some(a)), Some(Some(b))) => matches!((a, b), (Some(a), Some(b)) if a != b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trend_words_agree_by_direction_and_judgement() {
        assert!(trends_agree("Decreasing and getting better", "Decreasing and getting better"));
        assert!(trends_agree("Increasing", "Increasing and getting worse"), "polarity unknown to Fingertips");
        assert!(!trends_agree("Increasing", "Decreasing"));
        assert!(!trends_agree("Increasing and getting better", "Increasing and getting worse"));
        assert!(!trends_agree("No significant change", "Cannot be calculated"));
        assert!(trends_agree("Cannot be calculated", "Cannot be calculated"));
        assert!(trends_agree("Some future word", "Increasing"), "an unknown word is not contradicted");
    }

    #[test]
    fn comparison_words_disagree_only_when_they_contradict() {
        let lower = Polarity::LowerIsBetter;
        assert!(!comparisons_disagree("Worse", &CompareResult::Worse, &lower));
        assert!(!comparisons_disagree("Higher", &CompareResult::Worse, &lower), "worse is higher here");
        assert!(comparisons_disagree("Lower", &CompareResult::Worse, &lower));
        assert!(comparisons_disagree("Similar", &CompareResult::Better, &lower));
        assert!(!comparisons_disagree("Better", &CompareResult::Higher, &Polarity::NoJudgement));
        assert!(!comparisons_disagree("Not compared", &CompareResult::Similar, &lower));
        assert!(!comparisons_disagree("Worse", &CompareResult::NotCompared { reason: String::new() }, &lower));
    }
}
