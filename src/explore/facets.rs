//! Faceted filtering: an index of each item's facet values for one period, built once,
//! so a filter change is a pass over small integers, not over the bundle.

use std::ops::{Index, IndexMut};

use crate::bundle::{Benchmark, Bundle, Kind, Period, Rag, Scope, Trend};
use crate::stats::change::Change;
use crate::stats::status::{in_period, status, Summary};
use crate::stats::vocabulary::{benchmark_words, change_words, trend_choice};

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
}

impl Facet {
    pub const ALL: [Facet; 7] =
        [Facet::Workstream, Facet::Kind, Facet::Scope, Facet::Rag, Facet::Trend, Facet::Benchmark, Facet::Change];

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
        }
    }
}

/// One value per facet, read as `values[Facet::Rag]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ByFacet<T>([T; 7]);

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
            });
            rows.push(Row { item_idx, values, text, summary: s.summary() });
        }
        let mut row_of = vec![None; bundle.items.len()];
        for (r, row) in rows.iter().enumerate() {
            row_of[row.item_idx] = Some(r as u32);
        }
        FacetIndex { choices, rows, row_of }
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
        self.rows.iter().filter(|r| misses(r, selection) == 0 && has_words(r, selection)).map(|r| r.item_idx).collect()
    }

    /// Per facet and choice: how many items would match if that choice alone were the
    /// facet's selection, the other facets and the search kept as they are.
    pub fn counts(&self, selection: &Selection) -> FacetCounts {
        let mut counts = ByFacet::from_fn(|facet| vec![0; self.choices[facet].len()]);
        for row in self.rows.iter().filter(|r| has_words(r, selection)) {
            // The facets this row fails, up to two: past one, no count changes.
            let mut failing = Facet::ALL.into_iter().filter(|&facet| !passes(row, selection, facet));
            match (failing.next(), failing.next()) {
                (None, _) => {
                    for (facet, value) in row.values.iter() {
                        if let Some(v) = value {
                            counts[facet][*v as usize] += 1;
                        }
                    }
                }
                (Some(facet), None) => {
                    if let Some(v) = row.values[facet] {
                        counts[facet][v as usize] += 1;
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

fn passes(row: &Row, selection: &Selection, facet: Facet) -> bool {
    match &selection.masks[facet] {
        None => true,
        Some(mask) => row.values[facet].is_some_and(|v| mask[v as usize]),
    }
}

fn misses(row: &Row, selection: &Selection) -> usize {
    Facet::ALL.into_iter().filter(|&facet| !passes(row, selection, facet)).count()
}

fn has_words(row: &Row, selection: &Selection) -> bool {
    selection.words.iter().all(|w| row.text.contains(w.as_str()))
}

/// Lower-cased words of a search; every word must occur.
pub fn search_words(search: &str) -> Vec<String> {
    search.split_whitespace().map(str::to_lowercase).collect()
}
