//! Faceted filtering: an index of each item's facet values for one period, built once,
//! so a filter change is a pass over small integers, not over the bundle.

use crate::bundle::{Benchmark, Bundle, Kind, Period, Rag, Scope, Trend};
use crate::stats::change::Change;
use crate::stats::status::{in_period, status, Summary};

/// The facets a person filters by, in the order the filter panel shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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

    fn index(self) -> usize {
        Facet::ALL.iter().position(|f| *f == self).expect("a facet")
    }
}

/// One choosable value of a facet: its URL word and what a person reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Choice {
    pub word: String,
    pub label: String,
}

/// Facet values of the items of one period, and their search text.
#[derive(Debug, Clone)]
pub struct Index {
    /// Choices per facet, in display order.
    pub choices: [Vec<Choice>; 7],
    rows: Vec<Row>,
    /// Row of each bundle item, when the item is in the period.
    row_of: Vec<Option<u32>>,
}

#[derive(Debug, Clone)]
struct Row {
    item: usize,
    values: [Option<u16>; 7],
    /// Lower-cased title, code and commentary.
    text: String,
    summary: Summary,
}

/// What is selected: per facet, a mask over its choices (`None`: no constraint), and
/// the search words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    masks: [Option<Vec<bool>>; 7],
    words: Vec<String>,
}

impl Index {
    pub fn new(bundle: &Bundle, period: &Period) -> Index {
        let choices: [Vec<Choice>; 7] = [
            bundle.workstreams.iter().map(|w| Choice { word: w.id.clone(), label: w.label.clone() }).collect(),
            Kind::ALL.iter().map(|k| choice(k.as_str(), k.label())).collect(),
            Scope::ALL.iter().map(|s| choice(s.as_str(), s.label())).collect(),
            Rag::ALL.iter().map(|r| choice(r.as_str(), r.label())).collect(),
            Trend::ALL.iter().map(|t| choice(t.as_str(), t.label())).collect(),
            Benchmark::ALL.iter().map(|b| choice(b.as_str(), b.label())).collect(),
            Change::ALL.iter().map(|c| choice(c.as_str(), c.label())).collect(),
        ];
        let code =
            |f: usize, word: &str| -> Option<u16> { choices[f].iter().position(|c| c.word == word).map(|i| i as u16) };
        let mut rows = Vec::new();
        for (i, item) in bundle.items.iter().enumerate() {
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
            let values = [
                code(0, &item.workstream),
                item.kind.as_ref().and_then(|k| code(1, k.as_str())),
                item.scope.as_ref().and_then(|v| code(2, v.as_str())),
                code(3, s.rag.as_str()),
                code(4, s.trend.value.as_ref().map_or("not_known", |t| t.as_str())),
                code(5, s.benchmark.value.as_ref().map_or("not_compared", |b| b.as_str())),
                s.change.and_then(|c| code(6, c.as_str())),
            ];
            rows.push(Row { item: i, values, text, summary: s.summary() });
        }
        let mut row_of = vec![None; bundle.items.len()];
        for (r, row) in rows.iter().enumerate() {
            row_of[row.item] = Some(r as u32);
        }
        Index { choices, rows, row_of }
    }

    /// The item's status in the period, as computed when the index was built.
    pub fn summary(&self, item: usize) -> Option<&Summary> {
        let row = (*self.row_of.get(item)?)? as usize;
        Some(&self.rows[row].summary)
    }

    /// The item's workstream, as its place in `bundle.workstreams`.
    pub fn workstream(&self, item: usize) -> Option<usize> {
        let row = (*self.row_of.get(item)?)? as usize;
        self.rows[row].values[0].map(usize::from)
    }

    /// How many items the period holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn choices(&self, facet: Facet) -> &[Choice] {
        &self.choices[facet.index()]
    }

    /// Builds a selection from URL words; returns the words that match no choice, so
    /// the page can say they were ignored.
    pub fn select(&self, picked: &[(Facet, Vec<String>)], search: &str) -> (Selection, Vec<(Facet, String)>) {
        let mut selection = Selection { words: search_words(search), ..Selection::default() };
        let mut ignored = Vec::new();
        for (facet, words) in picked {
            let f = facet.index();
            let mut mask = vec![false; self.choices[f].len()];
            for word in words {
                match self.choices[f].iter().position(|c| &c.word == word) {
                    Some(i) => mask[i] = true,
                    None => ignored.push((*facet, word.clone())),
                }
            }
            if mask.iter().any(|&m| m) {
                selection.masks[f] = Some(mask);
            }
        }
        (selection, ignored)
    }

    /// Indexes (into `bundle.items`) of the items that match, in bundle order.
    pub fn matching(&self, selection: &Selection) -> Vec<usize> {
        self.rows.iter().filter(|r| misses(r, selection) == 0 && has_words(r, selection)).map(|r| r.item).collect()
    }

    /// Per facet and choice: how many items would match if that choice alone were the
    /// facet's selection, the other facets and the search kept as they are.
    pub fn counts(&self, selection: &Selection) -> [Vec<usize>; 7] {
        let mut counts: [Vec<usize>; 7] = std::array::from_fn(|f| vec![0; self.choices[f].len()]);
        for row in self.rows.iter().filter(|r| has_words(r, selection)) {
            // The facets this row fails, up to two: past one, no count changes.
            let mut failing = (0..7).filter(|&f| !passes(row, selection, f));
            match (failing.next(), failing.next()) {
                (None, _) => {
                    for (count, value) in counts.iter_mut().zip(row.values) {
                        if let Some(v) = value {
                            count[v as usize] += 1;
                        }
                    }
                }
                (Some(f), None) => {
                    if let Some(v) = row.values[f] {
                        counts[f][v as usize] += 1;
                    }
                }
                _ => {}
            }
        }
        counts
    }
}

impl Selection {
    /// Whether nothing at all is selected.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.masks.iter().all(Option::is_none)
    }

    pub fn is_selected(&self, facet: Facet, choice: usize) -> bool {
        self.masks[facet.index()].as_ref().is_some_and(|m| m[choice])
    }
}

fn choice(word: &str, label: &str) -> Choice {
    Choice { word: word.to_string(), label: label.to_string() }
}

fn passes(row: &Row, selection: &Selection, f: usize) -> bool {
    match &selection.masks[f] {
        None => true,
        Some(mask) => row.values[f].is_some_and(|v| mask[v as usize]),
    }
}

fn misses(row: &Row, selection: &Selection) -> usize {
    (0..7).filter(|&f| !passes(row, selection, f)).count()
}

fn has_words(row: &Row, selection: &Selection) -> bool {
    selection.words.iter().all(|w| row.text.contains(w.as_str()))
}

/// Lower-cased words of a search; every word must occur.
pub fn search_words(search: &str) -> Vec<String> {
    search.split_whitespace().map(str::to_lowercase).collect()
}
