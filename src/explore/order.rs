//! The order of the item list: under workstream headings, or sorted by RAG severity or
//! by title. Grouping reads the facet index's workstream codes, so it compares no strings.

use crate::bundle::{Bundle, Rag};
use crate::explore::facets::FacetIndex;
use crate::explore::query::Sort;

/// A run of the list under one heading; a sorted list is one group without a heading.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub heading: Option<String>,
    /// Positions in `bundle.items`, in display order.
    pub items: Vec<usize>,
}

/// The matching items (positions in `bundle.items`) in display order.
pub fn ordered(bundle: &Bundle, facets: &FacetIndex, matching: &[usize], sort: Sort, period: &str) -> Vec<Group> {
    match sort {
        Sort::Workstream => {
            let mut groups: Vec<Vec<usize>> = vec![Vec::new(); bundle.workstreams.len()];
            for &item_idx in matching {
                if let Some(ws) = facets.workstream(item_idx) {
                    groups[ws].push(item_idx);
                }
            }
            groups
                .into_iter()
                .zip(&bundle.workstreams)
                .filter(|(items, _)| !items.is_empty())
                .map(|(items, ws)| Group { heading: Some(ws.heading()), items })
                .collect()
        }
        Sort::Title => {
            let mut items = matching.to_vec();
            items.sort_by_cached_key(|&i| bundle.items[i].title.to_lowercase());
            vec![Group { heading: None, items }]
        }
        Sort::Rag => {
            let mut items = matching.to_vec();
            // Stable: items of equal severity keep the bundle's order.
            items.sort_by_key(|&i| {
                bundle.items[i]
                    .assessment(period)
                    .and_then(|a| a.rag.as_ref())
                    .map_or(Rag::NotRated.severity(), |r| r.severity())
            });
            vec![Group { heading: None, items }]
        }
    }
}
