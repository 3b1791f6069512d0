//! Types of the scorecard bundle, format version 1 (see the README's "Bundle format").
//!
//! Required strings default to empty and enumerated words keep unknown values, so that
//! one bad field does not stop the parse: `validate` then reports *every* problem with
//! its path, instead of serde stopping at the first.
//!
//! Each field says `#[serde(default)]`, rather than each struct once: with a struct-level
//! default serde builds a whole default struct for every one it parses, which made the
//! wasm 8 KB larger (2 KB gzipped) for the same meaning.

// The schema (`bundle::schema`) is for the command line only: kept out of the wasm.
#[cfg(not(target_arch = "wasm32"))]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The value of `format` every bundle carries.
pub const FORMAT: &str = "hwb-scorecard";
/// The newest format version this viewer understands.
pub const VERSION: i64 = 1;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
#[cfg_attr(
    not(target_arch = "wasm32"),
    schemars(title = "Scorecard bundle", description = "A Health and Wellbeing Board scorecard, format version 1")
)]
pub struct Bundle {
    /// Always `"hwb-scorecard"`.
    #[serde(default)]
    pub format: String,
    /// Format version; `1`.
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub board: Board,
    #[serde(default)]
    pub source: Source,
    /// Reporting periods (scorecard editions), oldest first.
    #[serde(default)]
    pub periods: Vec<Period>,
    #[serde(default)]
    pub workstreams: Vec<Workstream>,
    #[serde(default)]
    pub items: Vec<Item>,
    /// Board-level sections per period: duties, reports received, engagement.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub context: Vec<ContextSection>,
    /// The areas and groups items are compared with: England, the region, peer areas and
    /// peer groups (an optional addition to format 1).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comparators: Vec<Comparator>,
    /// Which peer areas make up each peer group.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub peer_groups: Vec<PeerGroup>,
}

impl Bundle {
    /// The comparator of this id.
    pub fn comparator(&self, id: &str) -> Option<&Comparator> {
        self.comparators.iter().find(|c| c.id == id)
    }

    /// The peer group of this id (a comparator of kind `peer_group`).
    pub fn peer_group(&self, id: &str) -> Option<&PeerGroup> {
        self.peer_groups.iter().find(|g| g.id == id)
    }

    /// The comparator an item's benchmark verdict is about: its `benchmark_comparator`,
    /// else the first comparator of kind `national` that the item has a comparison for;
    /// `None` means the points' own `benchmark` values, as before comparators existed.
    pub fn benchmark_comparator(&self, item: &Item) -> Option<&Comparator> {
        benchmark_comparator_among(&self.comparators, item)
    }
}

/// [`Bundle::benchmark_comparator`] among `comparators`.
pub fn benchmark_comparator_among<'a>(comparators: &'a [Comparator], item: &Item) -> Option<&'a Comparator> {
    match &item.benchmark_comparator {
        Some(id) => comparators.iter().find(|c| &c.id == id),
        None => comparators
            .iter()
            .find(|c| c.kind == Some(ComparatorKind::National) && item.comparisons.contains_key(&c.id)),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Board {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub area: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vision: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// ONS code of the board's area, e.g. "E10000027": the area whose rows are taken from
    /// a Fingertips export (an addition to the format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area_code: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Source {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// True when some or all of the figures, ratings or commentary are examples, not
    /// official statistics.
    #[serde(default)]
    pub illustrative: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Period {
    /// e.g. `"2018-10"`.
    #[serde(default)]
    pub id: String,
    /// e.g. `"October 2018"`.
    #[serde(default)]
    pub label: String,
    /// ISO date of the end of the period.
    #[serde(default)]
    pub end: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Workstream {
    #[serde(default)]
    pub id: String,
    /// Short: "Workstream 3", "Living".
    #[serde(default)]
    pub label: String,
    /// The aim in full.
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// Period id to the exception-report text for that period.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub headlines: std::collections::BTreeMap<String, String>,
}

impl Workstream {
    /// "Workstream 3: To drive the integration…", or just "Living" where the title adds nothing.
    pub fn heading(&self) -> String {
        if self.title.is_empty() || self.title == self.label {
            self.label.clone()
        } else {
            format!("{}: {}", self.label, self.title)
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct ContextSection {
    #[serde(default)]
    pub period: String,
    #[serde(default)]
    pub heading: String,
    #[serde(default)]
    pub entries: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Item {
    /// Unique in the bundle, stable across editions.
    #[serde(default)]
    pub id: String,
    /// A workstream id.
    #[serde(default)]
    pub workstream: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<Kind>,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// National indicator code, e.g. "NHSOF 3.2".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Id of the action this metric belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Lead officer for this item, where the scorecard names one (an addition to the format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lead: Option<String>,
    /// e.g. "%", "per 100,000", "days", "years".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
    /// What the series' `benchmark` values are of, e.g. "England"; "benchmark" when absent
    /// (an addition to the format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comparator_label: Option<String>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    #[serde(default)]
    pub series: Vec<Point>,
    /// Fingertips' own latest verdicts on this metric, kept beside the app's computed ones
    /// (an addition to the format).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingertips: Option<FingertipsVerdicts>,
    /// From a comparator id to that comparator's own series for this metric, points of the
    /// same shape as `series`.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub comparisons: std::collections::BTreeMap<String, Vec<Point>>,
    /// The comparator the item's benchmark verdict is about; by default the first national
    /// comparator the item has a comparison for, else the points' `benchmark` values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark_comparator: Option<String>,
    /// What sort of figure the values are; Fingertips calculates recent trends only for
    /// proportions, crude rates and directly standardised rates.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_type: Option<ValueType>,
    /// How the points' `target` values are judged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_rule: Option<TargetRule>,
    /// ISO date the item's data were last published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// When the next data are due: `"2025-03"` or words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_update: Option<String>,
}

/// An area or group that items are compared with.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Comparator {
    /// Unique among the comparators.
    #[serde(default)]
    pub id: String,
    /// As people say it: "England", "South East region", "Kent".
    #[serde(default)]
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ComparatorKind>,
    /// ONS code, e.g. "E92000001".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// The members of a peer group. The board's own area is always counted with its group
/// when ranking, so it is not listed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct PeerGroup {
    /// The id of a comparator of kind `peer_group`.
    #[serde(default)]
    pub id: String,
    /// Ids of comparators of kind `peer_area`.
    #[serde(default)]
    pub members: Vec<String>,
}

/// How the points' `target` values are judged: meeting the target is green; missing it by
/// no more than `amber_within` percent of the target is amber; otherwise red.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct TargetRule {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<TargetDirection>,
    /// A percentage of the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amber_within: Option<f64>,
}

/// What OHID's Fingertips itself published about a metric's latest period, taken from
/// its export: the words as Fingertips wrote them, never re-computed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct FingertipsVerdicts {
    /// Fingertips' indicator id, e.g. 93356.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator_id: Option<u64>,
    /// The `Time period` the verdicts are about, e.g. "2021/22".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `Recent Trend`, e.g. "Decreasing and getting better".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recent_trend: Option<String>,
    /// `Compared to England value or percentiles`, e.g. "Better 95%".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compared_to_england: Option<String>,
}

impl Item {
    /// Polarity, defaulting to `no_judgement` as the format says.
    pub fn polarity(&self) -> Polarity {
        self.polarity.clone().unwrap_or(Polarity::NoJudgement)
    }

    /// What the item's benchmark is called: its `comparator_label`, else "benchmark".
    pub fn comparator(&self) -> &str {
        self.comparator_label.as_deref().map(str::trim).filter(|l| !l.is_empty()).unwrap_or("benchmark")
    }

    pub fn is_metric(&self) -> bool {
        self.kind == Some(Kind::Metric)
    }

    /// The assessment made in `period`, if the item was assessed then.
    pub fn assessment(&self, period: &str) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.period == period)
    }
}

/// What one scorecard edition said about an item.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Assessment {
    #[serde(default)]
    pub period: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rag: Option<Rag>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Trend>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<Benchmark>,
    /// Plain text; never interpreted as HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commentary: Option<String>,
    /// The symbol the source printed, kept when it could not be read with certainty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_symbol: Option<String>,
}

impl Point {
    /// Whether the value lies outside its own 95% limits: kept as published, and told as
    /// a warning (see `validate::warnings`).
    pub fn outside_its_limits(&self) -> bool {
        let Some(v) = self.value else { return false };
        self.lower.is_some_and(|lo| lo > v) || self.upper.is_some_and(|hi| hi < v)
    }
}

/// One value of a metric's series.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(not(target_arch = "wasm32"), derive(JsonSchema))]
pub struct Point {
    /// ISO date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`) of the end of the data period.
    #[serde(default)]
    pub date: String,
    /// Display label, e.g. "2017/18", "Q2 2018".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The value, or null when missing.
    #[serde(default)]
    pub value: Option<f64>,
    /// Lower 95% confidence limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lower: Option<f64>,
    /// Upper 95% confidence limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upper: Option<f64>,
    /// Comparator value, e.g. England.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<f64>,
    /// Numerator of a proportion (an addition to the format, used by the trend test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<f64>,
    /// Denominator of a proportion (an addition to the format, used by the trend test).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator: Option<f64>,
}

/// Defines a closed set of words: known variants plus `Unknown(found)`, so the parse goes
/// on and validation can name the word and the accepted ones.
macro_rules! words {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant,)+
            /// A word outside the format; reported by validation.
            Unknown(String),
        }

        impl $name {
            /// Every accepted word, in the format's order.
            pub const WORDS: &'static [&'static str] = &[$($word),+];
            /// Every known value, in the format's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// What the field is called in messages.
            pub const WHAT: &'static str = $what;

            pub fn from_word(word: &str) -> Self {
                match word {
                    $($word => $name::$variant,)+
                    other => $name::Unknown(other.to_string()),
                }
            }

            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $word,)+
                    $name::Unknown(found) => found,
                }
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let word = std::borrow::Cow::<'de, str>::deserialize(d)?;
                Ok($name::from_word(&word))
            }
        }

        #[cfg(not(target_arch = "wasm32"))]
        impl JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({ "type": "string", "enum": [$($word),+] })
            }
        }
    };
}

words!(
    /// Action or metric.
    Kind, "kind" { Action = "action", Metric = "metric" }
);
words!(
    /// Local or national measure.
    Scope, "scope" { Local = "local", National = "national" }
);
words!(
    /// Which direction of a metric is good.
    Polarity, "polarity" {
        HigherIsBetter = "higher_is_better",
        LowerIsBetter = "lower_is_better",
        NoJudgement = "no_judgement",
    }
);
words!(
    /// Red/amber/green status.
    Rag, "RAG rating" {
        Red = "red",
        Amber = "amber",
        Green = "green",
        Complete = "complete",
        NotRated = "not_rated",
    }
);
words!(
    /// Direction of performance.
    Trend, "trend" {
        Improving = "improving",
        Stable = "stable",
        Declining = "declining",
        NotKnown = "not_known",
    }
);
words!(
    /// Comparison with the benchmark.
    Benchmark, "benchmark comparison" {
        Better = "better",
        Similar = "similar",
        Worse = "worse",
        NotCompared = "not_compared",
    }
);

words!(
    /// What a comparator is.
    ComparatorKind, "comparator kind" {
        National = "national",
        Region = "region",
        PeerArea = "peer_area",
        PeerGroup = "peer_group",
        Other = "other",
    }
);
words!(
    /// What sort of figure a metric's values are.
    ValueType, "value type" {
        Proportion = "proportion",
        CrudeRate = "crude_rate",
        DirectlyStandardisedRate = "directly_standardised_rate",
        IndirectlyStandardisedRatio = "indirectly_standardised_ratio",
        LifeExpectancy = "life_expectancy",
        Count = "count",
        Score = "score",
        Other = "other",
    }
);
words!(
    /// Which side of a target meets it.
    TargetDirection, "target direction" { AtLeast = "at_least", AtMost = "at_most" }
);

impl Polarity {
    /// Whether a rise (`up`) or fall is good for a metric of this polarity; `None` where
    /// the polarity makes no judgement.
    pub fn is_good(&self, up: bool) -> Option<bool> {
        match self {
            Polarity::HigherIsBetter => Some(up),
            Polarity::LowerIsBetter => Some(!up),
            Polarity::NoJudgement | Polarity::Unknown(_) => None,
        }
    }
}

impl Rag {
    /// Words a person reads; the badge shows these, never colour alone.
    pub fn label(&self) -> &str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::Complete => "Complete",
            Rag::NotRated => "Not rated",
            Rag::Unknown(w) => w,
        }
    }

    /// Lower is more severe: red first in a board paper.
    pub fn severity(&self) -> u8 {
        match self {
            Rag::Red => 0,
            Rag::Amber => 1,
            Rag::Green => 2,
            Rag::Complete => 3,
            Rag::NotRated => 4,
            Rag::Unknown(_) => 5,
        }
    }
}

impl Trend {
    pub fn label(&self) -> &str {
        match self {
            Trend::Improving => "Improving",
            Trend::Stable => "Stable",
            Trend::Declining => "Declining",
            Trend::NotKnown => "Not known",
            Trend::Unknown(w) => w,
        }
    }
}

impl Benchmark {
    pub fn label(&self) -> &str {
        match self {
            Benchmark::Better => "Better",
            Benchmark::Similar => "Similar",
            Benchmark::Worse => "Worse",
            Benchmark::NotCompared => "Not compared",
            Benchmark::Unknown(w) => w,
        }
    }
}

impl Kind {
    pub fn label(&self) -> &str {
        match self {
            Kind::Action => "Action",
            Kind::Metric => "Metric",
            Kind::Unknown(w) => w,
        }
    }
}

impl Scope {
    pub fn label(&self) -> &str {
        match self {
            Scope::Local => "Local measure",
            Scope::National => "National measure",
            Scope::Unknown(w) => w,
        }
    }
}
