//! The words around a chart, for the page's legend and for the PNG a board paper takes:
//! its title, unit, a legend of only the lines the series has, the source and, for
//! illustrative values, the notice. Decided here so a native test can check them.

use crate::bundle::{Bundle, Item, Point};

/// One line of a chart's legend.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    Value,
    Interval,
    /// The comparator's name ("England", else "benchmark").
    Comparator(String),
    Target,
}

impl Key {
    pub fn label(&self) -> String {
        match self {
            Key::Value => "Value".into(),
            Key::Interval => "95% confidence interval".into(),
            Key::Comparator(name) => format!("Comparator: {name}"),
            Key::Target => "Target".into(),
        }
    }

    /// The class of its swatch in the page's legend.
    pub fn class(&self) -> &'static str {
        match self {
            Key::Value => "key-value",
            Key::Interval => "key-band",
            Key::Comparator(_) => "key-comparator",
            Key::Target => "key-target",
        }
    }
}

/// What is said around one item's chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub title: String,
    /// The item's unit ("per 100,000"), where it has one.
    pub unit: Option<String>,
    /// Only the lines `series` draws, in drawing order.
    pub legend: Vec<Key>,
    /// "Source: …", the bundle's source title, else its publisher.
    pub source: Option<String>,
    /// Said on every export of an illustrative bundle.
    pub notice: Option<String>,
}

impl Figure {
    /// "Unit: per 100,000", under the title of an exported chart.
    pub fn unit_line(&self) -> Option<String> {
        self.unit.as_ref().map(|u| format!("Unit: {u}"))
    }

    pub fn new(bundle: &Bundle, item: &Item, series: &[Point]) -> Figure {
        let any = |f: fn(&Point) -> bool| series.iter().any(f);
        let mut legend = Vec::new();
        if any(|p| p.value.is_some()) {
            legend.push(Key::Value);
        }
        if any(|p| p.lower.is_some() && p.upper.is_some()) {
            legend.push(Key::Interval);
        }
        if any(|p| p.benchmark.is_some()) {
            legend.push(Key::Comparator(item.comparator().to_string()));
        }
        if any(|p| p.target.is_some()) {
            legend.push(Key::Target);
        }
        let source = bundle.source.title.as_ref().or(bundle.source.publisher.as_ref());
        Figure {
            title: item.title.clone(),
            unit: item.unit.clone().filter(|u| !u.trim().is_empty()),
            legend,
            source: source.map(|s| format!("Source: {s}")),
            notice: bundle.source.illustrative.then(|| {
                "Illustrative data: some or all of the figures are examples, not official statistics.".to_string()
            }),
        }
    }
}

/// The columns of an item's values table beyond period and value: only those the series
/// fills, decided once for the table's header and its caption so the two agree.
#[derive(Debug, Clone, PartialEq)]
pub struct TableColumns {
    /// Lower and upper 95% limits: shown when any point has a lower limit.
    pub limits: bool,
    /// The comparator's name ("England", else "benchmark"), when any point has its value.
    pub comparator: Option<String>,
    pub target: bool,
    /// The count (numerator) and denominator behind each value, when any point has them:
    /// what an analyst checks a rate by.
    pub count: bool,
    pub denominator: bool,
}

impl TableColumns {
    pub fn new(item: &Item, series: &[Point]) -> TableColumns {
        let any = |f: fn(&Point) -> bool| series.iter().any(f);
        TableColumns {
            limits: any(|p| p.lower.is_some()),
            comparator: any(|p| p.benchmark.is_some()).then(|| item.comparator().to_string()),
            target: any(|p| p.target.is_some()),
            count: any(|p| p.count.is_some()),
            denominator: any(|p| p.denominator.is_some()),
        }
    }

    /// The comparator column's heading: its name, or "Comparator" for the generic one.
    pub fn comparator_heading(&self) -> Option<String> {
        self.comparator.as_ref().map(|c| if c == "benchmark" { "Comparator".into() } else { c.clone() })
    }

    /// "Values and target by period": never a column the table does not show.
    pub fn caption(&self) -> String {
        let comparator = self.comparator.as_ref().map(|c| if c == "benchmark" { "the comparator" } else { c });
        let parts: Vec<&str> = [
            self.limits.then_some("95% confidence limits"),
            comparator,
            self.target.then_some("target"),
            self.count.then_some("count"),
            self.denominator.then_some("denominator"),
        ]
        .into_iter()
        .flatten()
        .collect();
        match parts.split_last() {
            None => "Values by period".into(),
            Some((last, [])) => format!("Values and {last} by period"),
            Some((last, rest)) => format!("Values, {} and {last} by period", rest.join(", ")),
        }
    }
}
