//! What the detail view shows of one item: its workstream, parent and children, and its
//! status as of the selected period, or, when that edition did not assess it, as of the
//! last edition that did.

use std::sync::Arc;

use crate::bundle::date::IsoDate;
use crate::bundle::{Benchmark, Bundle, ComparatorKind, Item, Period, Point, Rag, Trend, Workstream};
use crate::explore::standing::{peer_chart, PeerChart, Standing};
use crate::stats::change::Change;
use crate::stats::compare::CompareResult;
use crate::stats::number::{format_number, with_unit};
use crate::stats::published::{published, Published};
use crate::stats::status::{in_period, status, Judged};
use crate::stats::target::TargetRag;
use crate::stats::trend::TrendResult;
use crate::stats::vocabulary::{benchmark_words, status_trend};

/// One item as the detail view shows it, owned, so the view keeps no borrow of the bundle.
#[derive(Debug, Clone)]
pub struct Detail {
    /// The item without its series (which may be long: see `series`).
    pub item: Item,
    pub workstream: Option<Workstream>,
    /// The action this item belongs to.
    pub parent: Option<Item>,
    /// The items that name this one as their parent, in bundle order.
    pub children: Vec<Item>,
    /// The period the status is of; see [`shown_period`].
    pub period: Period,
    pub rag: Rag,
    pub trend: Judged<Trend>,
    pub trend_calculation: TrendResult,
    pub benchmark: Judged<Benchmark>,
    pub comparison: CompareResult,
    pub change: Option<Change>,
    /// The points up to the end of `period`, shared by the chart and the table rather
    /// than copied for each: a series may have a million points.
    pub series: Arc<[Point]>,
    pub source_symbol: Option<String>,
    /// What the edition of `period` said about the item, shown under its status so a
    /// phone reader need not scroll to the history for it.
    pub commentary: Option<String>,
    /// The trend in the words every view uses (`stats::vocabulary`).
    pub trend_words: String,
    /// The computed trend's words, where they disagree with the stated trend.
    pub trend_disagreement: Option<String>,
    /// The periods a computed trend covers (`Status::trend_over`).
    pub trend_over: Option<String>,
    /// Remarks on the source document (symbols it printed that could not be read), kept
    /// out of the main text: one sentence per edition.
    pub source_notes: Vec<String>,
    /// The headline above the chart: the latest value against the comparator.
    pub headline: Option<String>,
    /// What Fingertips itself published about the item's latest period, checked against
    /// the viewer's own calculation.
    pub published: Option<Published>,
    /// The stated RAG, or the one the target gives marked computed, and a contradiction.
    pub target_rag: Judged<Rag>,
    /// The RAG the target gives, for "How is this calculated?".
    pub target: Option<TargetRag>,
    /// The comparison with each comparator and the rank in each peer group.
    pub standing: Standing,
    /// Every area of the first peer group the item is ranked in.
    pub peers: Option<PeerChart>,
}

/// The period an item is shown as of: `selected` when the item belongs to it, otherwise
/// the last edition that assessed the item, otherwise `selected` still.
pub fn shown_period<'a>(bundle: &'a Bundle, item: &Item, selected: &'a Period) -> &'a Period {
    if in_period(item, &selected.id) {
        return selected;
    }
    bundle.periods.iter().rev().find(|p| item.assessment(&p.id).is_some()).unwrap_or(selected)
}

impl Detail {
    /// The item at `item_idx` in `bundle.items`, with `selected` the page's period.
    pub fn new(bundle: &Bundle, item_idx: usize, selected: &Period) -> Detail {
        let item = &bundle.items[item_idx];
        let period = shown_period(bundle, item, selected);
        let s = status(bundle, item, period);
        let direction = s.trend_calculation.direction();
        let standing = Standing::of(bundle, item, period);
        Detail {
            trend_words: status_trend(&s),
            trend_over: s.trend_over(),
            trend_disagreement: s.trend.disagreement.as_ref().and(direction).map(|d| d.label().to_string()),
            headline: headline(item, s.latest, s.benchmark.value.as_ref()),
            source_notes: source_notes(bundle, item).into_iter().chain(limit_notes(item)).collect(),
            published: published(item),
            target_rag: s.target_rag.clone(),
            target: s.target.clone(),
            peers: standing.rank().and_then(|r| peer_chart(bundle, item, period, &r.group)),
            standing,
            workstream: bundle.workstreams.iter().find(|w| w.id == item.workstream).cloned(),
            parent: item.parent.as_ref().and_then(|p| bundle.items.iter().find(|i| &i.id == p)).cloned(),
            children: bundle.items.iter().filter(|i| i.parent.as_deref() == Some(&item.id)).cloned().collect(),
            period: period.clone(),
            rag: s.rag.clone(),
            trend: s.trend.clone(),
            trend_calculation: s.trend_calculation.clone(),
            benchmark: s.benchmark.clone(),
            comparison: s.comparison.clone(),
            change: s.change,
            series: Arc::from(s.series),
            source_symbol: s.assessment.and_then(|a| a.source_symbol.clone()),
            commentary: s.assessment.and_then(|a| a.commentary.clone()).filter(|c| !c.trim().is_empty()),
            item: without_series(item),
        }
    }
}

/// The comparisons the item page's table lists: every comparator but the single areas of
/// a peer group, which the peer chart shows.
pub fn comparison_rows<'a>(bundle: &Bundle, standing: &'a Standing) -> Vec<&'a crate::stats::comparators::Comparison> {
    standing
        .comparisons
        .iter()
        .filter(|c| bundle.comparator(&c.comparator).is_none_or(|x| x.kind != Some(ComparatorKind::PeerArea)))
        .collect()
}

/// When the item's data were published and are next due.
#[derive(Debug, Clone, PartialEq)]
pub struct DataDates {
    /// "Data published 2024-05 · next update May 2025".
    pub text: String,
    /// Said when the next update's date has passed: the figures may not be the latest.
    pub overdue: Option<String>,
}

/// The item's data dates, with `today` to tell an update that is overdue; `None` when the
/// item gives neither date.
pub fn data_dates(item: &Item, today: Option<IsoDate>) -> Option<DataDates> {
    let updated = item.updated.as_deref().map(str::trim).filter(|u| !u.is_empty());
    let next = item.next_update.as_deref().map(str::trim).filter(|n| !n.is_empty());
    let next_words = next.map(month_words);
    let text = match (updated, &next_words) {
        (None, None) => return None,
        (Some(u), None) => format!("Data published {u}"),
        (None, Some(n)) => format!("Next update {n}"),
        (Some(u), Some(n)) => format!("Data published {u} · next update {n}"),
    };
    let due = next.and_then(|n| IsoDate::parse(n).ok());
    let overdue = match (due, today, &next_words) {
        (Some(due), Some(today), Some(n)) if due < today => {
            Some(format!("The next update was due {n}: newer figures may have been published since."))
        }
        _ => None,
    };
    Some(DataDates { text, overdue })
}

/// "2025-05" as "May 2025"; any other text as written.
fn month_words(text: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match (text.len(), IsoDate::parse(text)) {
        (7, Ok(d)) => format!("{} {}", MONTHS[d.month as usize - 1], d.year),
        _ => text.to_string(),
    }
}

/// A copy of `item` with an empty series and no comparisons, so long series are not
/// copied with it.
fn without_series(item: &Item) -> Item {
    Item {
        id: item.id.clone(),
        workstream: item.workstream.clone(),
        kind: item.kind.clone(),
        title: item.title.clone(),
        scope: item.scope.clone(),
        code: item.code.clone(),
        parent: item.parent.clone(),
        lead: item.lead.clone(),
        unit: item.unit.clone(),
        polarity: item.polarity.clone(),
        assessments: item.assessments.clone(),
        series: Vec::new(),
        fingertips: item.fingertips.clone(),
        comparator_label: item.comparator_label.clone(),
        comparisons: Default::default(),
        benchmark_comparator: item.benchmark_comparator.clone(),
        value_type: item.value_type.clone(),
        target_rule: item.target_rule.clone(),
        updated: item.updated.clone(),
        next_update: item.next_update.clone(),
    }
}

/// "Latest: 11.4 per 100,000 (2016-18; 95% CI 10.2–12.6); England 9.6 per 100,000; Worse
/// than England": the latest
/// value, the comparator's value for the same period, and how the two compare (stated,
/// or computed where the scorecard states nothing). `None` without a value.
pub fn headline(item: &Item, latest: Option<&Point>, benchmark: Option<&Benchmark>) -> Option<String> {
    latest_words(item, latest, benchmark, true).map(|text| format!("Latest: {text}"))
}

/// [`headline`] without "Latest: " and without the interval, as the exception report's
/// summary table shows it: a board paper's cell, kept short enough for the summary to
/// stay on its first page.
pub fn against_comparator(item: &Item, latest: Option<&Point>, benchmark: Option<&Benchmark>) -> Option<String> {
    latest_words(item, latest, benchmark, false)
}

fn latest_words(item: &Item, latest: Option<&Point>, benchmark: Option<&Benchmark>, interval: bool) -> Option<String> {
    let latest = latest?;
    let value = latest.value?;
    let comparator = item.comparator();
    let unit = item.unit.as_deref();
    let when = latest.label.as_deref().unwrap_or(&latest.date);
    // The figures behind the verdict, as an analyst checks them against Fingertips.
    let interval = match (latest.lower, latest.upper) {
        (Some(lo), Some(hi)) if interval => format!("; 95% CI {}–{}", format_number(lo), format_number(hi)),
        _ => String::new(),
    };
    let mut out = format!("{} ({when}{interval})", with_unit(value, unit));
    if let Some(b) = latest.benchmark {
        out.push_str(&format!("; {comparator} {}", with_unit(b, unit)));
    }
    if let Some(b) = benchmark.filter(|b| **b != Benchmark::NotCompared) {
        out.push_str(&format!("; {}", benchmark_words(Some(b), comparator)));
    }
    Some(out)
}

/// "2016: the value 17 lies outside its own 95% limits (17.03 to 17.07), as published.",
/// one per such point of the item's own series.
pub fn limit_notes(item: &Item) -> Vec<String> {
    item.series
        .iter()
        .filter(|p| p.outside_its_limits())
        .map(|p| {
            let limit = |v: Option<f64>| v.map_or("none".to_string(), format_number);
            format!(
                "{}: the value {} lies outside its own 95% limits ({} to {}), as published.",
                p.label.as_deref().unwrap_or(&p.date),
                format_number(p.value.unwrap_or_default()),
                limit(p.lower),
                limit(p.upper)
            )
        })
        .collect()
}

/// "October 2018: the source printed “⇒” for the trend, which could not be read with
/// certainty.", one per edition that kept such a symbol. The symbol is text, never markup.
pub fn source_notes(bundle: &Bundle, item: &Item) -> Vec<String> {
    bundle
        .periods
        .iter()
        .filter_map(|p| {
            let symbol = item.assessment(&p.id)?.source_symbol.as_deref().map(str::trim).filter(|s| !s.is_empty())?;
            Some(format!(
                "{}: the source printed “{symbol}” for the trend, which could not be read with certainty.",
                p.label
            ))
        })
        .collect()
}
