//! An area's rank among its peer group, and the group's average, for the latest period.
//!
//! 1 is best by polarity (for `no_judgement`, 1 is the highest value); equal values share a
//! rank (1, 2, 2, 4); areas without a value for the period are neither ranked nor counted;
//! the board's own area is always counted with its group. The average is the mean of the
//! members' values, the board's own area left out.

use crate::bundle::date::IsoDate;
use crate::bundle::{Bundle, Item, Point, Polarity};
use crate::stats::number::with_unit;

/// Where the area stands in its group.
#[derive(Debug, Clone, PartialEq)]
pub struct Rank {
    /// 1 is best (or highest, for `no_judgement`).
    pub rank: usize,
    /// How many areas were ranked, the board's own included.
    pub of: usize,
    /// Whether 1 is the best (`true`) or only the highest (`false`, `no_judgement`).
    pub judged: bool,
    /// The period ranked: the label (or date) of the area's latest value.
    pub period: String,
    /// The area's own value.
    pub value: f64,
    /// The mean of the members' values, the board's own area left out; `None` when no
    /// member has a value for the period.
    pub average: Option<f64>,
}

impl Rank {
    /// For "How is this calculated?", the figures in the item's `unit`.
    pub fn explanation(&self, group: &str, unit: Option<&str>) -> String {
        let order = if self.judged { "1 is the best value" } else { "1 is the highest value" };
        let average = match self.average {
            Some(a) => format!(" The group's average, without this area, is {}.", with_unit(a, unit)),
            None => String::new(),
        };
        format!(
            "The latest value ({}, {}) is ranked among the {group} that have a value for that period, this area \
             included: {order}, equal values share a rank, and areas without a value are not counted. It is {} of \
             {}.{average}",
            with_unit(self.value, unit),
            self.period,
            crate::stats::vocabulary::ordinal(self.rank),
            self.of
        )
    }
}

/// The rank of `own`'s latest value among the members' values for the same date.
pub fn rank_among(polarity: &Polarity, own: &[Point], members: &[&[Point]]) -> Option<Rank> {
    let (date, point) = own
        .iter()
        .filter(|p| p.value.is_some_and(f64::is_finite))
        .filter_map(|p| IsoDate::parse(&p.date).ok().map(|d| (d, p)))
        .max_by_key(|(d, _)| *d)?;
    let value = point.value?;
    let theirs: Vec<f64> = members
        .iter()
        .filter_map(|series| {
            series
                .iter()
                .filter(|p| IsoDate::parse(&p.date).ok() == Some(date))
                .find_map(|p| p.value.filter(|v| v.is_finite()))
        })
        .collect();
    let lower_first = *polarity == Polarity::LowerIsBetter;
    let better = |v: f64| if lower_first { v < value } else { v > value };
    let average = (!theirs.is_empty()).then(|| theirs.iter().sum::<f64>() / theirs.len() as f64);
    Some(Rank {
        rank: 1 + theirs.iter().filter(|&&v| better(v)).count(),
        of: 1 + theirs.len(),
        judged: polarity.is_good(true).is_some(),
        period: point.label.clone().unwrap_or_else(|| point.date.clone()),
        value,
        average,
    })
}

/// The item's rank in the peer group `group` of the bundle.
pub fn rank_in_group(bundle: &Bundle, item: &Item, group: &str) -> Option<Rank> {
    let members: Vec<&[Point]> =
        bundle.peer_group(group)?.members.iter().filter_map(|m| item.comparisons.get(m).map(Vec::as_slice)).collect();
    rank_among(&item.polarity(), &item.series, &members)
}
