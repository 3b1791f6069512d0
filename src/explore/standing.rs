//! Where an item stands among its comparators as of an edition: its comparison with each
//! (England, the region, a peer area or group), its rank in each peer group, and every
//! area of a group for the peer chart. Every view that shows a rank or a verdict reads
//! this, so the card, the table, the filters, the report and the item page agree.

use crate::bundle::date::IsoDate;
use crate::bundle::{Bundle, ComparatorKind, Item, Period, Point, Polarity};
use crate::stats::comparators::{compare_series, Comparison};
use crate::stats::rank::{rank_among, Rank};
use crate::stats::status::{series_until, BENCHMARK_LEVEL};
use crate::stats::vocabulary::rank_words;

/// The item's rank in one peer group.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRank {
    /// The peer group's comparator id.
    pub group: String,
    /// The group's label, "CIPFA nearest neighbours".
    pub label: String,
    pub rank: Rank,
}

impl GroupRank {
    /// "3rd best of 16 CIPFA nearest neighbours".
    pub fn words(&self) -> String {
        rank_words(&self.rank, &self.label)
    }

    pub fn quarter(&self) -> Quarter {
        Quarter::of(self.rank.rank, self.rank.of)
    }
}

/// Which part of its group an area's rank falls in, as the filters offer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quarter {
    Top,
    Middle,
    Bottom,
}

impl Quarter {
    pub const ALL: [Quarter; 3] = [Quarter::Top, Quarter::Middle, Quarter::Bottom];

    /// Rank `rank` of `of`: within the first quarter is the top, beyond the third the
    /// bottom, and the middle half between; the first is always in the top.
    pub fn of(rank: usize, of: usize) -> Quarter {
        if rank <= 1 || rank * 4 <= of {
            Quarter::Top
        } else if rank * 4 > of * 3 {
            Quarter::Bottom
        } else {
            Quarter::Middle
        }
    }

    /// The word in the URL (`rankq=top`).
    pub fn word(self) -> &'static str {
        match self {
            Quarter::Top => "top",
            Quarter::Middle => "middle",
            Quarter::Bottom => "bottom",
        }
    }

    pub fn from_word(word: &str) -> Option<Quarter> {
        Quarter::ALL.into_iter().find(|q| q.word() == word)
    }

    pub fn label(self) -> &'static str {
        match self {
            Quarter::Top => "Top quarter",
            Quarter::Middle => "Middle half",
            Quarter::Bottom => "Bottom quarter",
        }
    }
}

/// An item's comparisons and ranks as of one edition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Standing {
    /// One per comparator the item has a series for, in the bundle's order.
    pub comparisons: Vec<Comparison>,
    /// One per peer group the item can be ranked in, in the bundle's order.
    pub ranks: Vec<GroupRank>,
}

impl Standing {
    /// As of the end of `period`: points after it are left out, as the status does.
    pub fn of(bundle: &Bundle, item: &Item, period: &Period) -> Standing {
        if item.comparisons.is_empty() {
            return Standing::default();
        }
        let own = series_until(&item.series, &period.end);
        let polarity = item.polarity();
        let comparisons = bundle
            .comparators
            .iter()
            .filter_map(|c| {
                let theirs = series_until(item.comparisons.get(&c.id)?, &period.end);
                let (point, result) = compare_series(&polarity, own, theirs, BENCHMARK_LEVEL);
                Some(Comparison { comparator: c.id.clone(), label: c.label.clone(), point, result })
            })
            .collect();
        let ranks = bundle
            .peer_groups
            .iter()
            .filter_map(|g| {
                let members: Vec<&[Point]> = g
                    .members
                    .iter()
                    .filter_map(|m| item.comparisons.get(m).map(|s| series_until(s, &period.end)))
                    .collect();
                if members.is_empty() {
                    return None;
                }
                let rank = rank_among(&polarity, own, &members)?;
                let label = bundle.comparator(&g.id).map_or_else(|| g.id.clone(), |c| c.label.clone());
                Some(GroupRank { group: g.id.clone(), label, rank })
            })
            .collect();
        Standing { comparisons, ranks }
    }

    /// The rank in the bundle's first peer group, the one the lists show.
    pub fn rank(&self) -> Option<&GroupRank> {
        self.ranks.first()
    }

    pub fn with(&self, comparator: &str) -> Option<&Comparison> {
        self.comparisons.iter().find(|c| c.comparator == comparator)
    }

    /// The comparison with the first comparator of kind `region`.
    pub fn region(&self, bundle: &Bundle) -> Option<&Comparison> {
        self.comparisons
            .iter()
            .find(|c| bundle.comparator(&c.comparator).is_some_and(|x| x.kind == Some(ComparatorKind::Region)))
    }
}

/// One area of a peer group in the peer chart.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerBar {
    pub label: String,
    pub value: f64,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
    /// The board's own area.
    pub own: bool,
    /// 1 is best; equal values share a rank, as in [`rank_among`].
    pub rank: usize,
}

/// Every area of a group with a value for the period the area was ranked on, best first
/// (highest first where neither direction is better), and the national value as a line.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerChart {
    pub group_label: String,
    /// The period charted, as the rank names it.
    pub period: String,
    pub bars: Vec<PeerBar>,
    /// The national comparator's label and value for the same period.
    pub national: Option<(String, f64)>,
}

/// The peer chart of `item` in group `group` as of `period`; `None` when the item has no
/// rank in it.
pub fn peer_chart(bundle: &Bundle, item: &Item, period: &Period, group: &str) -> Option<PeerChart> {
    let own = series_until(&item.series, &period.end);
    let (date, point) = own
        .iter()
        .filter(|p| p.value.is_some_and(f64::is_finite))
        .filter_map(|p| IsoDate::parse(&p.date).ok().map(|d| (d, p)))
        .max_by_key(|(d, _)| *d)?;
    let on_date = |series: &[Point]| -> Option<Point> {
        series
            .iter()
            .find(|p| IsoDate::parse(&p.date).ok() == Some(date) && p.value.is_some_and(f64::is_finite))
            .cloned()
    };
    let bar = |label: String, p: &Point, own: bool| PeerBar {
        label,
        value: p.value.unwrap_or_default(),
        lower: p.lower,
        upper: p.upper,
        own,
        rank: 0,
    };
    let mut bars = vec![bar(own_label(bundle), point, true)];
    for member in &bundle.peer_group(group)?.members {
        let Some(p) = item.comparisons.get(member).and_then(|s| on_date(s)) else { continue };
        let label = bundle.comparator(member).map_or_else(|| member.clone(), |c| c.label.clone());
        bars.push(bar(label, &p, false));
    }
    let lower_first = item.polarity() == Polarity::LowerIsBetter;
    bars.sort_by(|a, b| {
        let order = a.value.total_cmp(&b.value);
        if lower_first {
            order
        } else {
            order.reverse()
        }
    });
    for i in 0..bars.len() {
        let first_equal = bars.iter().position(|b| b.value == bars[i].value).unwrap_or(i);
        bars[i].rank = first_equal + 1;
    }
    let national = bundle.comparators.iter().filter(|c| c.kind == Some(ComparatorKind::National)).find_map(|c| {
        let p = item.comparisons.get(&c.id).and_then(|s| on_date(s))?;
        Some((c.label.clone(), p.value?))
    });
    Some(PeerChart {
        group_label: bundle.comparator(group).map_or_else(|| group.to_string(), |c| c.label.clone()),
        period: point.label.clone().unwrap_or_else(|| point.date.clone()),
        bars,
        national,
    })
}

/// The board's own area as the chart names it.
fn own_label(bundle: &Bundle) -> String {
    let area = bundle.board.area.trim();
    if area.is_empty() {
        "This area".to_string()
    } else {
        area.to_string()
    }
}
