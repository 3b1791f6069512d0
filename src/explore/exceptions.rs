//! The exception report: the red and amber items of a period with their commentary,
//! grouped by workstream and most severe first, as a board paper lists them.

use crate::bundle::{Bundle, Period, Rag, Workstream};
use crate::explore::edition::{no_ratings, Empty};

/// The report for one period: only workstreams with an exception appear.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionReport {
    pub groups: Vec<ExceptionGroup>,
    /// Why `groups` is empty, when it is: no ratings at all is not "all green".
    pub empty: Option<Empty>,
}

/// One workstream's exceptions, in bundle order.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionGroup {
    pub workstream: Workstream,
    /// The workstream's headline for the period, where the bundle gives one.
    pub headline: Option<String>,
    /// Red items first, then amber.
    pub items: Vec<Exception>,
}

/// An item rated red or amber in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    pub id: String,
    pub title: String,
    /// Red or amber.
    pub rag: Rag,
    pub commentary: Option<String>,
}

impl ExceptionReport {
    pub fn new(bundle: &Bundle, period: &Period) -> ExceptionReport {
        let groups = bundle
            .workstreams
            .iter()
            .filter_map(|ws| {
                let mut items: Vec<Exception> = bundle
                    .items
                    .iter()
                    .filter(|i| i.workstream == ws.id)
                    .filter_map(|i| {
                        let a = i.assessment(&period.id)?;
                        let rag = a.rag.clone().filter(|r| matches!(r, Rag::Red | Rag::Amber))?;
                        Some(Exception {
                            id: i.id.clone(),
                            title: i.title.clone(),
                            rag,
                            commentary: a.commentary.clone(),
                        })
                    })
                    .collect();
                // Stable: within red, and within amber, the bundle's order is kept.
                items.sort_by_key(|e| e.rag.severity());
                let headline = ws.headlines.get(&period.id).cloned();
                (!items.is_empty()).then(|| ExceptionGroup { workstream: ws.clone(), headline, items })
            })
            .collect::<Vec<_>>();
        let empty = groups.is_empty().then(|| {
            no_ratings(bundle, period).unwrap_or_else(|| Empty::NoneRedOrAmber { edition: period.label.clone() })
        });
        ExceptionReport { groups, empty }
    }

    /// How many items the report lists.
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }
}
