//! What one edition of the scorecard holds as a whole, so that an empty report says why it
//! is empty: an edition that gave no RAG ratings is not an edition where all is green.

use crate::bundle::{Bundle, Period};
use crate::stats::change::is_rated;

/// Why a report or list of an edition is empty, in words a board member reads.
#[derive(Debug, Clone, PartialEq)]
pub enum Empty {
    /// The edition rated no item red, amber, green or complete; `latest_rated` is the
    /// latest edition that did, if any.
    NoRatings { edition: String, latest_rated: Option<Period> },
    /// Items were rated, none of them red or amber.
    NoneRedOrAmber { edition: String },
    /// The first edition: there is none before it to compare with.
    FirstEdition,
    /// No item of this edition was assessed in the one before (new item ids throughout).
    NoItemInCommon { previous: String },
    /// Items in common, rated in both, none of whose RAG moved.
    NoneMoved { previous: String },
}

impl Empty {
    /// The sentence the page shows in place of the list.
    pub fn sentence(&self) -> String {
        match self {
            Empty::NoRatings { edition, .. } => format!("The {edition} scorecard gave no RAG ratings."),
            Empty::NoneRedOrAmber { edition } => format!("No item is rated red or amber in {edition}."),
            Empty::FirstEdition => {
                "This is the first edition in the scorecard: there is no earlier one to compare with.".to_string()
            }
            Empty::NoItemInCommon { previous } => format!(
                "No item of this edition appears in {previous}: the two editions list different items, so no RAG \
                 can be compared."
            ),
            Empty::NoneMoved { previous } => format!("No item's RAG moved since {previous}."),
        }
    }

    /// The edition to look at instead, and the words of the link to it.
    pub fn see_instead(&self) -> Option<(&Period, String)> {
        match self {
            Empty::NoRatings { latest_rated: Some(p), .. } => {
                Some((p, format!("See {}, the latest edition that gave them.", p.label)))
            }
            _ => None,
        }
    }

    /// A short word for the page's `data-empty`, for tests and styling.
    pub fn word(&self) -> &'static str {
        match self {
            Empty::NoRatings { .. } => "no-ratings",
            Empty::NoneRedOrAmber { .. } => "none-red-or-amber",
            Empty::FirstEdition => "first-edition",
            Empty::NoItemInCommon { .. } => "no-item-in-common",
            Empty::NoneMoved { .. } => "none-moved",
        }
    }
}

/// Whether the edition `period` rated any item (red, amber, green or complete).
pub fn gave_ratings(bundle: &Bundle, period: &str) -> bool {
    bundle.items.iter().any(|i| i.assessment(period).and_then(|a| a.rag.as_ref()).is_some_and(is_rated))
}

/// The latest edition that rated any item.
pub fn latest_rated(bundle: &Bundle) -> Option<&Period> {
    bundle.periods.iter().rev().find(|p| gave_ratings(bundle, &p.id))
}

/// [`Empty::NoRatings`] for an edition that rated nothing; `None` when it rated something.
pub fn no_ratings(bundle: &Bundle, period: &Period) -> Option<Empty> {
    (!gave_ratings(bundle, &period.id))
        .then(|| Empty::NoRatings { edition: period.label.clone(), latest_rated: latest_rated(bundle).cloned() })
}

/// Whether some item was assessed in both editions.
pub fn items_in_common(bundle: &Bundle, period: &str, other: &str) -> bool {
    bundle.items.iter().any(|i| i.assessment(period).is_some() && i.assessment(other).is_some())
}
