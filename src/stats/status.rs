//! What the viewer shows for one item in one period: the stated assessment, and where a
//! statement is missing, the value computed from the series, marked as computed.

use crate::bundle::date::IsoDate;
use crate::bundle::{Assessment, Benchmark, Bundle, Item, Period, Point, Rag, Trend};
use crate::stats::change::{change_since_previous, Change};
use crate::stats::compare::{compare_with_benchmark, CompareResult, Level};
use crate::stats::target::{contradicts, target_rag_of, TargetRag};
use crate::stats::trend::{recent_trend_of, TrendResult};

/// Where a shown value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The scorecard said it.
    Stated,
    /// The viewer computed it from the series, as the scorecard did not say.
    Computed,
    /// Neither.
    Missing,
}

/// A stated value, or a computed one standing in for it, and whether the two disagree.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged<T> {
    pub value: Option<T>,
    pub origin: Origin,
    /// The computed value when it differs from the stated one: an analyst wants to know.
    pub disagreement: Option<T>,
}

impl<T: Clone + PartialEq> Judged<T> {
    fn from(stated: Option<T>, computed: Option<T>) -> Judged<T> {
        match (stated, computed) {
            (Some(s), c) => {
                let disagreement = c.filter(|c| *c != s);
                Judged { value: Some(s), origin: Origin::Stated, disagreement }
            }
            (None, Some(c)) => Judged { value: Some(c), origin: Origin::Computed, disagreement: None },
            (None, None) => Judged { value: None, origin: Origin::Missing, disagreement: None },
        }
    }
}

/// An item as of one period.
#[derive(Debug, Clone)]
pub struct Status<'a> {
    pub assessment: Option<&'a Assessment>,
    /// The stated RAG, else the one the target gives (see `target_rag`), else not rated.
    pub rag: Rag,
    pub trend: Judged<Trend>,
    pub trend_calculation: TrendResult,
    pub benchmark: Judged<Benchmark>,
    pub comparison: CompareResult,
    pub change: Option<Change>,
    /// The points up to the end of the period (all of them when the end is unknown).
    pub series: &'a [Point],
    /// The latest point with a value in those.
    pub latest: Option<&'a Point>,
    /// The RAG the item's `target_rule` gives its latest point in the period, when it has
    /// a target.
    pub target: Option<TargetRag>,
    /// The stated RAG, or for an edition that states none the one the target gives,
    /// marked computed; a stated red, amber or green the target contradicts is the
    /// disagreement, flagged as a contradicted trend is.
    pub target_rag: Judged<Rag>,
}

/// What a list shows of an item in a period, kept by the filter index so that drawing a
/// card does not compute the statistics again.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub rag: Rag,
    /// Whether `rag` was computed from the target, and a stated one it contradicts.
    pub target_rag: Judged<Rag>,
    pub trend: Judged<Trend>,
    /// The computed direction, for its words (see `vocabulary`).
    pub direction: Option<crate::stats::trend::Direction>,
    /// The periods a computed trend covers, "2016/17 to 2020/21" (see [`Status::trend_over`]).
    pub trend_over: Option<String>,
    /// Whether the scorecard said the trend was not known (not the same as saying nothing).
    pub trend_not_known: bool,
    pub benchmark: Judged<Benchmark>,
    pub change: Option<Change>,
    pub source_symbol: Option<String>,
    /// How many points are dated up to the end of the period.
    pub points: usize,
    /// Index of the latest of those with a value.
    pub latest: Option<usize>,
}

impl Status<'_> {
    /// The periods the trend was computed over, "2016/17 to 2020/21", when the trend shown
    /// is the computed one: beside a last value that fell, "getting worse" is then read as
    /// the trend of the recent periods it is, not as that one fall.
    pub fn trend_over(&self) -> Option<String> {
        match (&self.trend_calculation, self.trend.origin) {
            (TrendResult::Computed(c), Origin::Computed) if self.trend.value.is_some() => {
                Some(format!("{} to {}", c.from, c.to))
            }
            _ => None,
        }
    }

    pub fn summary(&self) -> Summary {
        Summary {
            rag: self.rag.clone(),
            target_rag: self.target_rag.clone(),
            trend: self.trend.clone(),
            direction: self.trend_calculation.direction(),
            trend_over: self.trend_over(),
            trend_not_known: self.assessment.and_then(|a| a.trend.as_ref()) == Some(&Trend::NotKnown),
            benchmark: self.benchmark.clone(),
            change: self.change,
            source_symbol: self.assessment.and_then(|a| a.source_symbol.clone()),
            points: self.series.len(),
            latest: self.series.iter().rposition(|p| p.value.is_some()),
        }
    }
}

/// Whether an item belongs to a period's scorecard: assessed then, or never assessed at all
/// (a bundle of series only).
pub fn in_period(item: &Item, period: &str) -> bool {
    item.assessments.is_empty() || item.assessment(period).is_some()
}

/// The confidence level of the comparison with the benchmark: Fingertips' 95%.
pub const BENCHMARK_LEVEL: Level = Level::NinetyFive;

pub fn status<'a>(bundle: &Bundle, item: &'a Item, period: &Period) -> Status<'a> {
    let assessment = item.assessment(&period.id);
    let series = series_until(&item.series, &period.end);
    let polarity = item.polarity();
    let trend_calculation = recent_trend_of(item.value_type.as_ref(), &polarity, series);
    let comparison = compare_with_benchmark(&polarity, series, BENCHMARK_LEVEL);
    let target = item.target_rule.as_ref().and_then(|rule| target_rag_of(rule, series));
    let stated_trend = assessment.and_then(|a| a.trend.clone()).filter(|t| *t != Trend::NotKnown);
    let stated_benchmark = assessment.and_then(|a| a.benchmark.clone()).filter(|b| *b != Benchmark::NotCompared);
    let target_rag = rag_with_target(assessment.and_then(|a| a.rag.clone()), target.as_ref());
    Status {
        assessment,
        rag: target_rag.value.clone().unwrap_or(Rag::NotRated),
        trend: Judged::from(stated_trend, trend_calculation.direction().and_then(|d| d.as_trend())),
        benchmark: Judged::from(stated_benchmark, comparison.as_benchmark().filter(|b| *b != Benchmark::NotCompared)),
        trend_calculation,
        comparison,
        change: change_since_previous(item, &bundle.periods, &period.id),
        series,
        latest: series.iter().rev().find(|p| p.value.is_some()),
        target_rag,
        target,
    }
}

/// A stated RAG beside the one a target gives: `not_rated` states nothing, and only a red,
/// amber or green the target contradicts is a disagreement ("complete" is not).
fn rag_with_target(stated: Option<Rag>, target: Option<&TargetRag>) -> Judged<Rag> {
    let stated = stated.filter(|r| *r != Rag::NotRated);
    let computed = target.map(|t| t.rag.clone());
    match (stated, computed) {
        (Some(s), Some(c)) => {
            let disagreement = contradicts(&s, &c).then_some(c);
            Judged { value: Some(s), origin: Origin::Stated, disagreement }
        }
        (s, c) => Judged::from(s, c),
    }
}

/// The points dated no later than `end` (points are in date order once loaded).
pub fn series_until<'a>(series: &'a [Point], end: &str) -> &'a [Point] {
    let Ok(end) = IsoDate::parse(end) else { return series };
    let n = series.iter().take_while(|p| IsoDate::parse(&p.date).map_or(true, |d| d <= end)).count();
    &series[..n]
}
