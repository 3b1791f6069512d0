//! Faceted filtering: an index of each item's facet values for one period, built once,
//! so a filter change is a pass over small integers, not over the bundle.
//!
//! With comparators, each item's standing is worked out here too, once: its verdict
//! against each comparator (the `vs` facet, `vs=england:worse`: one group of choices per
//! comparator, an item must pass every comparator chosen) and its rank among the first
//! peer group (the `rankq` facet, by quarter). Higher and lower, the verdicts of an item
//! with no judgement of which way is good, are choices of their own, not folded into
//! better or worse: they say nothing of good or bad.

use std::ops::{Index, IndexMut, Range};

use crate::bundle::{Benchmark, Bundle, Comparator, ComparatorKind, Item, Kind, Period, Rag, Scope, Trend};
use crate::explore::standing::{GroupRank, Quarter, Standing};
use crate::stats::change::Change;
use crate::stats::compare::CompareResult;
use crate::stats::status::{in_period, status, Summary};
use crate::stats::vocabulary::{benchmark_words, change_words, comparison_words, trend_choice};

/// The facets a person filters by, in the order the filter panel shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Workstream,
    Kind,
    Scope,
    Rag,
    Trend,
    Benchmark,
    Change,
    /// The verdict against each comparator; its words are `comparator:verdict`.
    Versus,
    /// The quarter of the first peer group the item's rank falls in.
    Rank,
}

impl Facet {
    pub const ALL: [Facet; 9] = [
        Facet::Workstream,
        Facet::Kind,
        Facet::Scope,
        Facet::Rag,
        Facet::Trend,
        Facet::Benchmark,
        Facet::Change,
        Facet::Versus,
        Facet::Rank,
    ];

    /// The URL query parameter of this facet.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Workstream => "workstream",
            Facet::Kind => "kind",
            Facet::Scope => "scope",
            Facet::Rag => "rag",
            Facet::Trend => "trend",
            Facet::Benchmark => "benchmark",
            Facet::Change => "change",
            Facet::Versus => "vs",
            Facet::Rank => "rankq",
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            Facet::Workstream => "Workstream or theme",
            Facet::Kind => "Kind",
            Facet::Scope => "Scope",
            Facet::Rag => "RAG status",
            Facet::Trend => "Trend",
            Facet::Benchmark => "Compared with benchmark",
            Facet::Change => "Change since last edition",
            Facet::Versus => "Compared with",
            Facet::Rank => "Rank among peers",
        }
    }
}

/// One value per facet, read as `values[Facet::Rag]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ByFacet<T>([T; 9]);

impl<T> ByFacet<T> {
    pub fn from_fn(mut f: impl FnMut(Facet) -> T) -> ByFacet<T> {
        ByFacet(Facet::ALL.map(&mut f))
    }

    /// Each facet with its value, in the order of `Facet::ALL`.
    pub fn iter(&self) -> impl Iterator<Item = (Facet, &T)> {
        Facet::ALL.into_iter().zip(&self.0)
    }
}

impl<T> Index<Facet> for ByFacet<T> {
    type Output = T;
    fn index(&self, facet: Facet) -> &T {
        // `Facet::ALL` lists the variants in declaration order.
        &self.0[facet as usize]
    }
}

impl<T> IndexMut<Facet> for ByFacet<T> {
    fn index_mut(&mut self, facet: Facet) -> &mut T {
        &mut self.0[facet as usize]
    }
}

/// Per facet and choice, how many items: `counts[Facet::Rag][choice]`.
pub type FacetCounts = ByFacet<Vec<usize>>;

/// One choosable value of a facet: its URL word and what a person reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub word: String,
    pub label: String,
}

/// Facet values of the items of one period, and their search text.
#[derive(Debug, Clone)]
pub struct FacetIndex {
    /// Choices per facet, in display order.
    choices: ByFacet<Vec<Choice>>,
    rows: Vec<Row>,
    /// Row of each bundle item (by its position in `bundle.items`), when the item is in the period.
    row_of: Vec<Option<u32>>,
    /// The comparators of the `Versus` facet, each owning `VERDICTS.len()` choices in turn.
    comparators: Vec<Comparator>,
    /// The label of the peer group items are ranked in.
    rank_group: Option<String>,
}

#[derive(Debug, Clone)]
struct Row {
    /// The item's position in `bundle.items`.
    item_idx: usize,
    /// Per facet, the item's choice as its position in that facet's choices.
    values: ByFacet<Option<u32>>,
    /// Lower-cased title, code and commentary.
    text: String,
    summary: Summary,
    /// Per comparator of the index, the item's `Versus` choice.
    versus: Vec<Option<u32>>,
    rank: Option<GroupRank>,
}

/// What is selected: per facet, a mask over its choices (`None`: no constraint), and
/// the search words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    masks: ByFacet<Option<Vec<bool>>>,
    words: Vec<String>,
}

impl FacetIndex {
    pub fn new(bundle: &Bundle, period: &Period) -> FacetIndex {
        let comparators: Vec<Comparator> = compared_with(bundle).cloned().collect();
        let choices: ByFacet<Vec<Choice>> = ByFacet::from_fn(|facet| match facet {
            Facet::Workstream => {
                bundle.workstreams.iter().map(|w| Choice { word: w.id.clone(), label: w.label.clone() }).collect()
            }
            Facet::Kind => Kind::ALL.iter().map(|k| choice(k.as_str(), k.label())).collect(),
            Facet::Scope => Scope::ALL.iter().map(|s| choice(s.as_str(), s.label())).collect(),
            Facet::Rag => Rag::ALL.iter().map(|r| choice(r.as_str(), r.label())).collect(),
            Facet::Trend => Trend::ALL.iter().map(|t| choice(t.as_str(), trend_choice(t))).collect(),
            Facet::Benchmark => {
                Benchmark::ALL.iter().map(|b| choice(b.as_str(), &benchmark_words(Some(b), "benchmark"))).collect()
            }
            Facet::Change => Change::ALL.iter().map(|c| choice(c.as_str(), change_words(*c))).collect(),
            Facet::Versus => (comparators.iter())
                .flat_map(|c| {
                    VERDICTS.iter().map(|v| Choice {
                        word: format!("{}:{}", c.id, verdict_word(v)),
                        label: comparison_words(v, &c.label),
                    })
                })
                .collect(),
            Facet::Rank => match first_group(bundle) {
                Some(_) => Quarter::ALL.iter().map(|q| choice(q.word(), q.label())).collect(),
                None => Vec::new(),
            },
        });
        // Codes are u32: a bundle is at most 64 MiB (`bundle::load::MAX_BYTES`), so it
        // cannot hold 2^32 workstreams or items. Workstreams are found by a map: a bundle
        // may have as many as items.
        let workstream_code: std::collections::HashMap<&str, u32> =
            bundle.workstreams.iter().enumerate().rev().map(|(i, w)| (w.id.as_str(), i as u32)).collect();
        let code = |facet: Facet, word: &str| -> Option<u32> {
            match facet {
                Facet::Workstream => workstream_code.get(word).copied(),
                _ => choices[facet].iter().position(|c| c.word == word).map(|i| i as u32),
            }
        };
        let mut rows = Vec::new();
        for (item_idx, item) in bundle.items.iter().enumerate() {
            if !in_period(item, &period.id) {
                continue;
            }
            let s = status(bundle, item, period);
            // Only a bundle with comparators pays for them.
            let standing = (!bundle.comparators.is_empty()).then(|| Standing::of(bundle, item, period));
            let versus = match &standing {
                Some(standing) => (comparators.iter().enumerate())
                    .map(|(n, c)| {
                        let v = verdict(standing, item, &c.id)?;
                        VERDICTS
                            .iter()
                            .position(|w| verdict_word(w) == verdict_word(&v))
                            .map(|v| (n * VERDICTS.len() + v) as u32)
                    })
                    .collect(),
                None => Vec::new(),
            };
            let rank = standing.as_ref().and_then(|s| listed_rank(bundle, s)).cloned();
            let mut text = item.title.to_lowercase();
            for extra in
                [item.code.as_deref(), s.assessment.and_then(|a| a.commentary.as_deref())].into_iter().flatten()
            {
                text.push('\n');
                text.push_str(&extra.to_lowercase());
            }
            let values = ByFacet::from_fn(|facet| match facet {
                Facet::Workstream => code(facet, &item.workstream),
                Facet::Kind => item.kind.as_ref().and_then(|k| code(facet, k.as_str())),
                Facet::Scope => item.scope.as_ref().and_then(|v| code(facet, v.as_str())),
                Facet::Rag => code(facet, s.rag.as_str()),
                Facet::Trend => code(facet, s.trend.value.as_ref().map_or("not_known", |t| t.as_str())),
                Facet::Benchmark => code(facet, s.benchmark.value.as_ref().map_or("not_compared", |b| b.as_str())),
                Facet::Change => s.change.and_then(|c| code(facet, c.as_str())),
                // Held per comparator, in `versus`.
                Facet::Versus => None,
                Facet::Rank => rank.as_ref().and_then(|r| code(facet, r.quarter().word())),
            });
            rows.push(Row { item_idx, values, text, summary: s.summary(), versus, rank });
        }
        let mut row_of = vec![None; bundle.items.len()];
        for (r, row) in rows.iter().enumerate() {
            row_of[row.item_idx] = Some(r as u32);
        }
        let rank_group = first_group(bundle).map(|c| c.label.clone());
        FacetIndex { choices, rows, row_of, comparators, rank_group }
    }

    /// The comparators items are compared with in lists, in the bundle's order.
    pub fn comparators(&self) -> &[Comparator] {
        &self.comparators
    }

    /// The label of the peer group items are ranked in ("CIPFA nearest neighbours"),
    /// when the bundle has one.
    pub fn rank_group(&self) -> Option<&str> {
        self.rank_group.as_deref()
    }

    /// The rank among the peer group of the item at `item_idx`, as computed when the
    /// index was built.
    pub fn rank(&self, item_idx: usize) -> Option<&GroupRank> {
        self.row(item_idx)?.rank.as_ref()
    }

    /// The verdict of the item at `item_idx` against the `n`th of [`Self::comparators`]:
    /// "Worse", "Not compared" for a metric without a comparison; `None` for an item
    /// that is not compared at all.
    pub fn verdict(&self, item_idx: usize, n: usize) -> Option<&'static str> {
        let code = (*self.row(item_idx)?.versus.get(n)?)? as usize;
        Some(VERDICTS[code % VERDICTS.len()].label())
    }

    /// The verdict of the item at `item_idx` against the first comparator of kind
    /// `region`, with that comparator's label, when the item was compared with it: the
    /// cards show it beside England's.
    pub fn region_verdict(&self, item_idx: usize) -> Option<(CompareResult, String)> {
        let n = self.comparators.iter().position(|c| c.kind == Some(ComparatorKind::Region))?;
        let code = (*self.row(item_idx)?.versus.get(n)?)? as usize;
        let result = VERDICTS[code % VERDICTS.len()].clone();
        (!matches!(result, CompareResult::NotCompared { .. })).then(|| (result, self.comparators[n].label.clone()))
    }

    /// The choices of `facet` as the filter panel groups them, each group with its
    /// heading: one group, but one per comparator for `Versus`.
    pub fn groups(&self, facet: Facet) -> Vec<(String, Range<usize>)> {
        match facet {
            Facet::Versus => (self.comparators.iter().enumerate())
                .map(|(n, c)| (format!("Compared with {}", c.label), n * VERDICTS.len()..(n + 1) * VERDICTS.len()))
                .collect(),
            Facet::Rank => match &self.rank_group {
                Some(group) => vec![(format!("Rank among {group}"), 0..self.choices[facet].len())],
                None => Vec::new(),
            },
            _ => vec![(facet.heading().to_string(), 0..self.choices[facet].len())],
        }
    }

    /// What an applied filter's tag says: "RAG status: Red", "Worse than England".
    pub fn tag(&self, facet: Facet, choice: usize) -> String {
        let label = &self.choices[facet][choice].label;
        match facet {
            Facet::Versus => label.clone(),
            _ => {
                let heading = self.groups(facet).into_iter().next().map(|(h, _)| h);
                format!("{}: {label}", heading.as_deref().unwrap_or(facet.heading()))
            }
        }
    }

    fn row(&self, item_idx: usize) -> Option<&Row> {
        let row = (*self.row_of.get(item_idx)?)? as usize;
        Some(&self.rows[row])
    }

    /// The status in the period of the item at `item_idx` in `bundle.items`, as
    /// computed when the index was built.
    pub fn summary(&self, item_idx: usize) -> Option<&Summary> {
        let row = (*self.row_of.get(item_idx)?)? as usize;
        Some(&self.rows[row].summary)
    }

    /// The workstream of the item at `item_idx`, as its place in `bundle.workstreams`.
    pub fn workstream(&self, item_idx: usize) -> Option<usize> {
        let row = (*self.row_of.get(item_idx)?)? as usize;
        self.rows[row].values[Facet::Workstream].map(|w| w as usize)
    }

    /// How many items the period holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn choices(&self, facet: Facet) -> &[Choice] {
        &self.choices[facet]
    }

    /// Builds a selection from URL words; returns the words that match no choice, so
    /// the page can say they were ignored.
    pub fn select(&self, picked: &[(Facet, Vec<String>)], search: &str) -> (Selection, Vec<(Facet, String)>) {
        let mut selection = Selection { words: search_words(search), ..Selection::default() };
        let mut ignored = Vec::new();
        for &(facet, ref words) in picked {
            let mut mask = vec![false; self.choices[facet].len()];
            for word in words {
                match self.choices[facet].iter().position(|c| &c.word == word) {
                    Some(choice) => mask[choice] = true,
                    None => ignored.push((facet, word.clone())),
                }
            }
            if mask.iter().any(|&m| m) {
                selection.masks[facet] = Some(mask);
            }
        }
        (selection, ignored)
    }

    /// Positions in `bundle.items` of the items that match, in bundle order.
    pub fn matching(&self, selection: &Selection) -> Vec<usize> {
        self.rows
            .iter()
            .filter(|r| failing(r, selection).next().is_none() && has_words(r, selection))
            .map(|r| r.item_idx)
            .collect()
    }

    /// Per facet and choice: how many items would match if that choice alone were the
    /// facet's selection, the other facets and the search kept as they are.
    pub fn counts(&self, selection: &Selection) -> FacetCounts {
        let mut counts = ByFacet::from_fn(|facet| vec![0; self.choices[facet].len()]);
        for row in self.rows.iter().filter(|r| has_words(r, selection)) {
            // The filters this row fails, up to two: past one, no count changes.
            let mut failing = failing(row, selection);
            match (failing.next(), failing.next()) {
                (None, _) => {
                    for (facet, value) in row.values.iter() {
                        if let Some(v) = value {
                            counts[facet][*v as usize] += 1;
                        }
                    }
                    for v in row.versus.iter().flatten() {
                        counts[Facet::Versus][*v as usize] += 1;
                    }
                }
                (Some(Slot::Facet(facet)), None) => {
                    if let Some(v) = row.values[facet] {
                        counts[facet][v as usize] += 1;
                    }
                }
                (Some(Slot::Versus(n)), None) => {
                    if let Some(v) = row.versus[n] {
                        counts[Facet::Versus][v as usize] += 1;
                    }
                }
                _ => {}
            }
        }
        counts
    }
}

impl FacetIndex {
    /// Per choice of `group`, how many items have each choice of `of`, in one pass:
    /// `tally(Workstream, Rag)[w][r]`. The overview's cards read this, rather than
    /// counting every item once per workstream.
    pub fn tally(&self, group: Facet, of: Facet) -> Vec<Vec<usize>> {
        let mut out = vec![vec![0; self.choices[of].len()]; self.choices[group].len()];
        for row in &self.rows {
            if let (Some(g), Some(o)) = (row.values[group], row.values[of]) {
                out[g as usize][o as usize] += 1;
            }
        }
        out
    }
}

impl Selection {
    /// Whether nothing at all is selected.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.masks.iter().all(|(_, mask)| mask.is_none())
    }

    /// How many filters are applied: each chosen choice, and the search as one.
    pub fn applied(&self) -> usize {
        let chosen: usize = self.masks.iter().map(|(_, mask)| mask.iter().flatten().filter(|&&on| on).count()).sum();
        chosen + usize::from(!self.words.is_empty())
    }

    pub fn is_selected(&self, facet: Facet, choice: usize) -> bool {
        self.masks[facet].as_ref().is_some_and(|m| m[choice])
    }
}

fn choice(word: &str, label: &str) -> Choice {
    Choice { word: word.to_string(), label: label.to_string() }
}

/// The verdicts a comparison gives, in the order each comparator's choices list them.
static VERDICTS: [CompareResult; 6] = [
    CompareResult::Better,
    CompareResult::Similar,
    CompareResult::Worse,
    CompareResult::Higher,
    CompareResult::Lower,
    CompareResult::NotCompared { reason: String::new() },
];

/// A verdict's word in the URL (`vs=england:not_compared`).
fn verdict_word(v: &CompareResult) -> &'static str {
    match v {
        CompareResult::Better => "better",
        CompareResult::Similar => "similar",
        CompareResult::Worse => "worse",
        CompareResult::Higher => "higher",
        CompareResult::Lower => "lower",
        CompareResult::NotCompared { .. } => "not_compared",
    }
}

/// The comparators lists compare items with: every one some item has a comparison for,
/// in the bundle's order, but not each area of a peer group (the rank stands for them).
pub fn compared_with(bundle: &Bundle) -> impl Iterator<Item = &Comparator> {
    bundle.comparators.iter().filter(|c| {
        c.kind != Some(ComparatorKind::PeerArea) && bundle.items.iter().any(|i| i.comparisons.contains_key(&c.id))
    })
}

/// The item's verdict against `comparator`; a metric without a comparison is not
/// compared, and anything else without one has no verdict.
pub fn verdict(standing: &Standing, item: &Item, comparator: &str) -> Option<CompareResult> {
    match standing.with(comparator) {
        Some(c) => Some(c.result.clone()),
        None => item.is_metric().then(|| CompareResult::NotCompared { reason: String::new() }),
    }
}

/// The comparator of the peer group items are ranked in: the bundle's first.
fn first_group(bundle: &Bundle) -> Option<&Comparator> {
    bundle.peer_groups.first().and_then(|g| bundle.comparator(&g.id))
}

/// The rank the lists show: in the bundle's first peer group, not another the item
/// happens to have a rank in.
pub fn listed_rank<'a>(bundle: &Bundle, standing: &'a Standing) -> Option<&'a GroupRank> {
    let group = &bundle.peer_groups.first()?.id;
    standing.ranks.iter().find(|r| &r.group == group)
}

/// A filter a row passes or fails: a facet, or one comparator's group of `Versus`.
#[derive(Clone, Copy)]
enum Slot {
    Facet(Facet),
    Versus(usize),
}

fn passes(row: &Row, selection: &Selection, facet: Facet) -> bool {
    match &selection.masks[facet] {
        None => true,
        Some(mask) => row.values[facet].is_some_and(|v| mask[v as usize]),
    }
}

/// Whether the row passes the `n`th comparator: nothing chosen of its verdicts, or its own.
fn passes_versus(row: &Row, selection: &Selection, n: usize) -> bool {
    match &selection.masks[Facet::Versus] {
        None => true,
        Some(mask) => {
            let chosen = mask[n * VERDICTS.len()..(n + 1) * VERDICTS.len()].iter().any(|&m| m);
            !chosen || row.versus[n].is_some_and(|v| mask[v as usize])
        }
    }
}

/// The filters the row fails.
fn failing<'a>(row: &'a Row, selection: &'a Selection) -> impl Iterator<Item = Slot> + 'a {
    let fixed = Facet::ALL.into_iter().filter(move |&f| f != Facet::Versus && !passes(row, selection, f));
    let versus = (0..row.versus.len()).filter(move |&n| !passes_versus(row, selection, n));
    fixed.map(Slot::Facet).chain(versus.map(Slot::Versus))
}

fn has_words(row: &Row, selection: &Selection) -> bool {
    selection.words.iter().all(|w| row.text.contains(w.as_str()))
}

/// Lower-cased words of a search; every word must occur.
pub fn search_words(search: &str) -> Vec<String> {
    search.split_whitespace().map(str::to_lowercase).collect()
}
