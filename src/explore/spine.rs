//! The compare view (`view=compare`): OHID Fingertips' spine chart, one row per metric
//! with comparisons, grouped by workstream. Each row shows where the area's latest value
//! stands among its peer group (worst, 25th to 75th percentile, best), centred on
//! England's value, with the area's verdict against England.
//!
//! **How it is drawn**, as Fingertips draws the spine chart of its area profiles (and its
//! own R package, fingertipscharts, redraws it): England's value is the centre line; the
//! spine's half-width is the furthest of the group's worst and best values from England,
//! so England stays in the middle however lopsided the spread; the worst value is always
//! on the left and the best on the right, whatever the polarity (a lower-is-better metric
//! is drawn reversed), so "better" is always to the right. A metric with no judgement of
//! which direction is better runs from lowest (left) to highest (right). The region, not
//! a member of the group, may lie beyond its range: the half-width then reaches it too,
//! so no mark is ever drawn off the chart.
//!
//! **Percentiles** are Fingertips' own (its `QuartilesCalculator`): the values sorted, the
//! fraction p at position (n − 1) × p + 1 counted from 1, interpolated linearly between
//! the values either side (Excel's PERCENTILE.INC, R's type 7), rounded to 10 decimal
//! places; and only from 4 values up. With fewer, Fingertips shows no quartiles, and
//! neither does this view: the spine runs from worst to best without them.
//!
//! **The group** is the peer group's areas with a value for the area's latest period, the
//! board's own area included, as its rank counts it.

use crate::bundle::{Bundle, Item, Period, Polarity};
use crate::explore::standing::{peer_chart, GroupRank, Standing};
use crate::stats::comparators::{benchmark_comparator, Comparison};
use crate::stats::compare::CompareResult;
use crate::stats::number::with_unit;
use crate::stats::vocabulary::comparison_words;

/// "How is this drawn?", in the words of the module documentation.
pub const METHOD: &str = "As OHID's Fingertips draws its spine chart: England's value is the centre line, and the \
    spine reaches as far each side as the furthest of the group's worst and best values from England. The worst value \
    is on the left and the best on the right, whatever the polarity; where neither direction is better, the lowest is \
    on the left. The group is the similar areas with a value for the same period, this area included. The 25th and \
    75th percentiles are Fingertips' own: linear between the sorted values (as Excel's PERCENTILE.INC), and only from 4 \
    areas up. The mark is this area, shaped and coloured by its comparison with England: its 95% confidence interval \
    excludes England's value (better or worse) or includes it (similar).";

/// Fewer values than this give no quartiles, as in Fingertips.
pub const QUARTILE_MINIMUM: usize = 4;

/// The value at `fraction` (0 to 1) of `sorted` (ascending, finite, not empty), by
/// Fingertips' method; see the module documentation.
pub fn percentile(sorted: &[f64], fraction: f64) -> f64 {
    let count = sorted.len();
    let n = (count as f64 - 1.0) * fraction + 1.0;
    if n <= 1.0 {
        return sorted[0];
    }
    if n >= count as f64 {
        return sorted[count - 1];
    }
    let k = n as usize;
    let d = n - k as f64;
    let p = sorted[k - 1] + d * (sorted[k] - sorted[k - 1]);
    // As Fingertips: away from artefacts such as 30.8000000000000006.
    (p * 1e10).round() / 1e10
}

/// A group's values as the spine draws them.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub lowest: f64,
    pub highest: f64,
    /// The 25th and 75th percentiles; `None` below [`QUARTILE_MINIMUM`] values.
    pub quartiles: Option<(f64, f64)>,
    /// How many values.
    pub count: usize,
}

impl Spread {
    /// The spread of `values`, non-finite ones left out; `None` when none is left.
    pub fn of(values: &[f64]) -> Option<Spread> {
        let mut sorted: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
        sorted.sort_by(f64::total_cmp);
        let (&lowest, &highest) = (sorted.first()?, sorted.last()?);
        let quartiles =
            (sorted.len() >= QUARTILE_MINIMUM).then(|| (percentile(&sorted, 0.25), percentile(&sorted, 0.75)));
        Some(Spread { lowest, highest, quartiles, count: sorted.len() })
    }
}

/// Where a value sits across the spine: 0 is the left end, 1 the right, England 0.5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub england: f64,
    /// The distance from England to either end; 0 when every value is England's.
    pub half_width: f64,
    /// Lower values to the right (a lower-is-better metric: best on the right).
    pub reversed: bool,
}

impl Scale {
    /// England at the centre, the half-width reaching the furthest of `values` from it.
    pub fn new(england: f64, values: &[f64], reversed: bool) -> Scale {
        let half_width = values.iter().filter(|v| v.is_finite()).map(|v| (v - england).abs()).fold(0.0, f64::max);
        Scale { england, half_width, reversed }
    }

    /// The position of `value`, 0 (left) to 1 (right).
    pub fn at(&self, value: f64) -> f64 {
        if self.half_width <= 0.0 || !value.is_finite() {
            return 0.5;
        }
        let side = (value - self.england) / (2.0 * self.half_width);
        let x = if self.reversed { 0.5 - side } else { 0.5 + side };
        x.clamp(0.0, 1.0)
    }
}

/// Where each mark of a row sits, as positions 0 (left) to 1 (right); England is at 0.5.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Marks {
    /// The spine, worst (or lowest) to best (or highest): left end, right end.
    pub spine: (f64, f64),
    /// The 25th to 75th percentile, left end first; `None` without quartiles.
    pub middle: Option<(f64, f64)>,
    pub area: f64,
    pub region: Option<f64>,
}

/// One metric's row of the spine chart and its table twin.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    /// The period drawn: the label (or date) of the area's latest value.
    pub period: String,
    /// The area's own value.
    pub value: f64,
    /// England (the item's benchmark comparator): its label and value for the period.
    pub england: (String, f64),
    /// The region's label and value for the same period, where the item has one.
    pub region: Option<(String, f64)>,
    /// The peer group's label ("CIPFA nearest neighbours").
    pub group: String,
    /// The group's values, the area's own included.
    pub spread: Spread,
    /// Whether the metric has a better direction (else lowest and highest).
    pub judged: bool,
    /// "2nd best of 16 CIPFA nearest neighbours".
    pub rank: Option<String>,
    /// The area against England, as elsewhere in the explorer.
    pub verdict: CompareResult,
    pub scale: Scale,
}

impl Row {
    /// The group's worst and best values by polarity (lowest and highest without one).
    pub fn worst_best(&self) -> (f64, f64) {
        if self.scale.reversed {
            (self.spread.highest, self.spread.lowest)
        } else {
            (self.spread.lowest, self.spread.highest)
        }
    }

    pub fn marks(&self) -> Marks {
        let ordered = |a: f64, b: f64| (a.min(b), a.max(b));
        let s = &self.scale;
        Marks {
            spine: ordered(s.at(self.spread.lowest), s.at(self.spread.highest)),
            middle: self.spread.quartiles.map(|(q1, q3)| ordered(s.at(q1), s.at(q3))),
            area: s.at(self.value),
            region: self.region.as_ref().map(|(_, v)| s.at(*v)),
        }
    }

    /// "Similar to England".
    pub fn verdict_words(&self) -> String {
        comparison_words(&self.verdict, &self.england.0)
    }

    /// The table twin's cells after the metric: area, England, region (when `region`),
    /// worst, 25th, 75th, best, rank, verdict.
    pub fn cells(&self, region: bool) -> Vec<String> {
        let (worst, best) = self.worst_best();
        let few = || format!("Fewer than {QUARTILE_MINIMUM} areas");
        // Every figure with its unit, as the chart's row says it.
        let figure = |v: f64| with_unit(v, self.unit.as_deref());
        let (q1, q3) = self.spread.quartiles.map_or_else(|| (few(), few()), |(a, b)| (figure(a), figure(b)));
        let mut cells = vec![figure(self.value), figure(self.england.1)];
        if region {
            cells.push(self.region.as_ref().map_or_else(|| "No value".to_string(), |(_, v)| figure(*v)));
        }
        cells.extend([figure(worst), q1, q3, figure(best)]);
        cells.push(self.rank.clone().unwrap_or_else(|| "Not ranked".to_string()));
        cells.push(self.verdict_words());
        cells
    }
}

/// A metric with comparisons that has no row, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Omitted {
    pub id: String,
    pub title: String,
    pub reason: String,
}

/// One workstream's rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub workstream: String,
    pub heading: String,
    pub rows: Vec<Row>,
    pub omitted: Vec<Omitted>,
}

impl Group {
    /// Whether any row has a region: its table then has a region column.
    pub fn has_region(&self) -> bool {
        self.rows.iter().any(|r| r.region.is_some())
    }

    /// What the rows call England (the item's national comparator): "England".
    pub fn england(&self) -> &str {
        self.rows.first().map_or("England", |r| r.england.0.as_str())
    }

    /// The table twin's column headings, after "Metric"; the area is named.
    pub fn headings(&self, area: &str) -> Vec<String> {
        let england = self.england();
        let mut h = vec![area.to_string(), england.to_string()];
        if self.has_region() {
            h.push("Region".to_string());
        }
        h.extend(
            ["Worst or lowest", "25th percentile", "75th percentile", "Best or highest", "Rank"].map(String::from),
        );
        h.push(format!("Compared with {england}"));
        h
    }
}

/// The compare view of one period: the workstreams with compared metrics, in the
/// scorecard's order, each metric in its order.
#[derive(Debug, Clone, PartialEq)]
pub struct Compare {
    pub groups: Vec<Group>,
    /// Why nothing is drawn, as one sentence, when nothing is.
    pub empty: Option<String>,
}

impl Compare {
    pub fn new(bundle: &Bundle, period: &Period) -> Compare {
        if bundle.comparators.is_empty() {
            let empty = "This scorecard compares its items with no other area, so there is nothing to show here.";
            return Compare { groups: Vec::new(), empty: Some(empty.to_string()) };
        }
        let groups: Vec<Group> = bundle
            .workstreams
            .iter()
            .filter_map(|ws| {
                let (mut rows, mut omitted) = (Vec::new(), Vec::new());
                for item in bundle.items.iter().filter(|i| i.workstream == ws.id && !i.comparisons.is_empty()) {
                    match row(bundle, item, period) {
                        Ok(r) => rows.push(r),
                        Err(reason) => omitted.push(Omitted { id: item.id.clone(), title: item.title.clone(), reason }),
                    }
                }
                (!rows.is_empty() || !omitted.is_empty()).then(|| Group {
                    workstream: ws.id.clone(),
                    heading: ws.heading(),
                    rows,
                    omitted,
                })
            })
            .collect();
        let empty =
            groups.is_empty().then(|| "No item of this scorecard has comparisons with other areas.".to_string());
        Compare { groups, empty }
    }

    pub fn rows(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }
}

/// An item's row as of the end of `period`, or why it has none.
pub fn row(bundle: &Bundle, item: &Item, period: &Period) -> Result<Row, String> {
    let standing = Standing::of(bundle, item, period);
    let group = standing
        .rank()
        .map(|r| r.group.clone())
        .or_else(|| bundle.peer_groups.first().map(|g| g.id.clone()))
        .ok_or("the scorecard names no group of similar areas")?;
    let chart = peer_chart(bundle, item, period, &group).ok_or("no value to compare with its peer group")?;
    let value = chart.bars.iter().find(|b| b.own).map(|b| b.value).ok_or("no value of its own for the period")?;
    let (england_label, england) =
        chart.national.clone().ok_or_else(|| format!("no England value for {}", chart.period))?;
    let values: Vec<f64> = chart.bars.iter().map(|b| b.value).collect();
    let spread = Spread::of(&values)
        .filter(|s| s.count > 1)
        .ok_or_else(|| format!("no value of its peer group for {}", chart.period))?;
    let same_period = |c: &Comparison| {
        let p = c.point.as_ref()?;
        (p.label.as_ref().unwrap_or(&p.date) == &chart.period).then_some(())?;
        p.benchmark.map(|v| (c.label.clone(), v))
    };
    let region = standing.region(bundle).and_then(same_period);
    let verdict = benchmark_comparator(bundle, item)
        .and_then(|c| standing.with(&c.id))
        .map_or(CompareResult::NotCompared { reason: "no England value".into() }, |c| c.result.clone());
    let polarity = item.polarity();
    let mut drawn = vec![spread.lowest, spread.highest];
    drawn.extend(region.as_ref().map(|(_, v)| *v));
    Ok(Row {
        id: item.id.clone(),
        title: item.title.clone(),
        unit: item.unit.clone(),
        period: chart.period.clone(),
        value,
        england: (england_label, england),
        region,
        group: chart.group_label.clone(),
        spread,
        judged: polarity.is_good(true).is_some(),
        rank: standing.rank().map(GroupRank::words),
        verdict,
        scale: Scale::new(england, &drawn, polarity == Polarity::LowerIsBetter),
    })
}
