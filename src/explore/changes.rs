//! What changed in a period: the items whose RAG moved since the previous edition,
//! worse first, then better, then newly rated; most severe first within each.

use crate::bundle::{Bundle, Rag};
use crate::explore::edition::{items_in_common, no_ratings, Empty};
use crate::explore::facets::FacetIndex;
use crate::stats::change::Change;

/// The "what changed" list of one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Changes {
    /// The label of the edition before this one; `None` in the first edition.
    pub previous: Option<String>,
    pub moved: Vec<Moved>,
    /// Why `moved` is empty, when it is.
    pub empty: Option<Empty>,
}

/// An item whose RAG moved.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub id: String,
    pub title: String,
    /// Never `Change::Same`.
    pub change: Change,
    /// The RAG in this period.
    pub rag: Rag,
    /// The RAG in the previous edition, where it had one.
    pub before: Option<Rag>,
}

impl Changes {
    /// `facets` is the index of `period`: it already holds each item's RAG and change.
    pub fn new(bundle: &Bundle, facets: &FacetIndex, period: &str) -> Changes {
        let before = bundle
            .periods
            .iter()
            .position(|p| p.id == period)
            .and_then(|at| at.checked_sub(1))
            .map(|at| &bundle.periods[at]);
        let mut moved: Vec<Moved> = bundle
            .items
            .iter()
            .enumerate()
            .filter_map(|(item_idx, item)| {
                let summary = facets.summary(item_idx)?;
                let change = summary.change.filter(|c| *c != Change::Same)?;
                Some(Moved {
                    id: item.id.clone(),
                    title: item.title.clone(),
                    change,
                    rag: summary.rag.clone(),
                    before: before.and_then(|p| item.assessment(&p.id)).and_then(|a| a.rag.clone()),
                })
            })
            .collect();
        moved.sort_by_key(|m| (m.change, m.rag.severity()));
        let empty = moved.is_empty().then(|| match before {
            None => Empty::FirstEdition,
            Some(b) if !items_in_common(bundle, period, &b.id) => Empty::NoItemInCommon { previous: b.label.clone() },
            Some(b) => bundle
                .periods
                .iter()
                .find(|p| p.id == period)
                .and_then(|p| no_ratings(bundle, p))
                .unwrap_or_else(|| Empty::NoneMoved { previous: b.label.clone() }),
        });
        Changes { previous: before.map(|p| p.label.clone()), moved, empty }
    }
}
