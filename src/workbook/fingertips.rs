//! The seam between a workbook and the Fingertips exports its metrics take their series
//! from: an item whose `fingertips_id` is set names an indicator (with `fingertips_sex`
//! and `fingertips_age`), and the board's `area_code` names the area.
//!
//! TODO(fingertips): the join itself. The Fingertips CSV reader (`fingertips::read(name,
//! bytes) -> Result<Export, Vec<ExportProblem>>` and `period_end(label)`) is being
//! written separately; once it is merged, `join` reads each file with it and, for each
//! link, takes the rows of the indicator for the area, sex and age (an error listing the
//! combinations the files hold when one is not given and there are several) with an
//! empty `Category Type`; makes each row a point (`date` = `period_end(Time period)`,
//! `label` = `Time period`, value, 95% limits, count, denominator, `benchmark` =
//! England's `E92000001` value for the same period); and keeps the latest `Recent Trend`
//! and `Compared to England ...` in `Item::fingertips`. Until then an item with a
//! `fingertips_id` is an error naming its cell.

use crate::bundle::Bundle;

use super::problem::{Place, Problem};

/// A Fingertips export as given to the builder: its file name (for places) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct FingertipsFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// An item that takes its series from Fingertips, and the cell that says so.
#[derive(Debug, Clone, PartialEq)]
pub struct FingertipsLink {
    /// Index of the item in the bundle.
    pub item: usize,
    /// The item's `fingertips_id` cell.
    pub place: Place,
    pub indicator: u64,
    pub sex: Option<String>,
    pub age: Option<String>,
}

/// Fills the series of linked items from the exports; returns the problems, each named
/// at the item's `fingertips_id` cell (or the board's `area_code`).
pub fn join(
    bundle: &mut Bundle,
    links: &[FingertipsLink],
    area_code: Option<&str>,
    area_place: Option<Place>,
    exports: &[FingertipsFile<'_>],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if links.is_empty() {
        return problems;
    }
    if area_code.is_none() {
        problems.push(
            Problem::error(area_place, "items take series from Fingertips, so the board needs its area_code")
                .column("area_code")
                .expected("the ONS code of the board's area, e.g. E10000027"),
        );
    }
    for link in links {
        let id = bundle.items.get(link.item).map(|i| i.id.as_str()).unwrap_or_default();
        let message = if exports.is_empty() {
            "fingertips_id needs a Fingertips export; pass --fingertips FILE".to_string()
        } else {
            // TODO(fingertips): the join described above.
            format!("reading Fingertips exports is not yet part of this builder ({} given)", exports.len())
        };
        problems.push(
            Problem::error(Some(link.place.clone()), message)
                .column("fingertips_id")
                .found(format!("indicator {} for item {id:?}", link.indicator)),
        );
    }
    problems
}
