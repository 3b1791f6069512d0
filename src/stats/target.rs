//! A RAG rating worked out from a target, for an item with a `target_rule`: meeting the
//! target is green; missing it by no more than `amber_within` percent of the target is
//! amber; missing it by more, or at all when there is no `amber_within`, is red.

use crate::bundle::{Item, Point, Rag, TargetDirection, TargetRule};
use crate::stats::number::format_number;

/// A RAG computed from the latest point's target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetRag {
    pub rag: Rag,
    pub value: f64,
    pub target: f64,
    /// The label (or date) of the point judged.
    pub period: String,
    pub direction: TargetDirection,
    pub amber_within: Option<f64>,
}

/// The RAG of `value` against `target` by `rule`; `None` when the rule has no known direction.
pub fn rag_against(rule: &TargetRule, value: f64, target: f64) -> Option<Rag> {
    let short_by = match rule.direction.as_ref()? {
        TargetDirection::AtLeast => target - value,
        TargetDirection::AtMost => value - target,
        TargetDirection::Unknown(_) => return None,
    };
    Some(if short_by <= 0.0 {
        Rag::Green
    } else if rule.amber_within.is_some_and(|a| short_by <= target.abs() * a / 100.0) {
        Rag::Amber
    } else {
        Rag::Red
    })
}

/// The item's RAG from its latest point with a value, when that point has a target and the
/// item a target rule.
pub fn target_rag(item: &Item) -> Option<TargetRag> {
    let rule = item.target_rule.as_ref()?;
    target_rag_of(rule, &item.series)
}

/// [`target_rag`] of a series (sorted by date) under `rule`.
pub fn target_rag_of(rule: &TargetRule, series: &[Point]) -> Option<TargetRag> {
    let latest = series.iter().rev().find(|p| p.value.is_some_and(f64::is_finite))?;
    let (value, target) = (latest.value?, latest.target.filter(|t| t.is_finite())?);
    Some(TargetRag {
        rag: rag_against(rule, value, target)?,
        value,
        target,
        period: latest.label.clone().unwrap_or_else(|| latest.date.clone()),
        direction: rule.direction.clone()?,
        amber_within: rule.amber_within,
    })
}

/// Whether a stated RAG contradicts the one the target gives: both red, amber or green,
/// and different. "Complete" and "not rated" contradict nothing.
pub fn contradicts(stated: &Rag, computed: &Rag) -> bool {
    let rated = |r: &Rag| matches!(r, Rag::Red | Rag::Amber | Rag::Green);
    rated(stated) && rated(computed) && stated != computed
}

impl TargetRag {
    /// For "How is this calculated?".
    pub fn explanation(&self) -> String {
        let side = match self.direction {
            TargetDirection::AtMost => "at most",
            _ => "at least",
        };
        let amber = match self.amber_within {
            Some(a) => {
                format!("missing it by no more than {}% of the target is amber, by more is red", format_number(a))
            }
            None => "missing it is red".to_string(),
        };
        format!(
            "Computed from the target: the value should be {side} the target; meeting it is green, {amber}. For {} \
             the value {} against a target of {}: {}.",
            self.period,
            format_number(self.value),
            format_number(self.target),
            self.rag.label().to_lowercase()
        )
    }
}
