//! Change of an item's RAG status since the previous edition of the scorecard.

use crate::bundle::{Item, Period, Rag};

/// How an item's RAG moved from the previous period to the selected one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// More severe than before (e.g. amber to red).
    Worse,
    /// Less severe than before.
    Better,
    /// The same RAG in both periods.
    Same,
    /// Not assessed (or not rated) in the previous period.
    New,
}

impl Change {
    pub const ALL: &'static [Change] = &[Change::Worse, Change::Better, Change::Same, Change::New];

    pub fn as_str(&self) -> &'static str {
        match self {
            Change::Worse => "worse",
            Change::Better => "better",
            Change::Same => "same",
            Change::New => "new",
        }
    }

    pub fn label(&self) -> &'static str {
        match self {
            Change::Worse => "Worse",
            Change::Better => "Better",
            Change::Same => "Same",
            Change::New => "New",
        }
    }
}

/// How the RAG moved from `previous` to `current`.
///
/// * `None` when there is no current RAG, or it is `not_rated` (or a word outside the
///   format): there is nothing to compare.
/// * [`Change::New`] when there was no previous RAG, or it was `not_rated` or unknown.
/// * Otherwise by [`Rag::severity`], where a lower number is worse (red 0, amber 1,
///   green 2, complete 3): so `complete` counts as better than `green`.
pub fn rag_change(previous: Option<&Rag>, current: Option<&Rag>) -> Option<Change> {
    let current = current.filter(|r| is_rated(r))?;
    let Some(previous) = previous.filter(|r| is_rated(r)) else {
        return Some(Change::New);
    };
    Some(match current.severity().cmp(&previous.severity()) {
        std::cmp::Ordering::Less => Change::Worse,
        std::cmp::Ordering::Greater => Change::Better,
        std::cmp::Ordering::Equal => Change::Same,
    })
}

/// Red, amber, green or complete: a RAG that can be compared.
pub fn is_rated(rag: &Rag) -> bool {
    matches!(rag, Rag::Red | Rag::Amber | Rag::Green | Rag::Complete)
}

/// How `item`'s RAG in period `period_id` moved since the period immediately before it in
/// `periods` (oldest first); see [`rag_change`]. `None` in the first period (there is no
/// earlier edition to compare with, so nothing there is "new") and when `period_id` is not
/// in `periods`.
pub fn change_since_previous(item: &Item, periods: &[Period], period_id: &str) -> Option<Change> {
    let index = periods.iter().position(|p| p.id == period_id)?;
    let rag_in = |period: &str| item.assessment(period).and_then(|a| a.rag.as_ref());
    let previous = rag_in(&periods[index.checked_sub(1)?].id);
    rag_change(previous, rag_in(period_id))
}
