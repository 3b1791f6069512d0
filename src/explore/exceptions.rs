//! The exception report: the red and amber items of a period with their commentary,
//! grouped by workstream and most severe first, as a board paper lists them, after a
//! summary table of every exception. A workstream headline is said once: an item's
//! commentary keeps only the sentences the headline (or an item above it) has not said.

use std::collections::HashSet;

use crate::bundle::{Bundle, Item, Kind, Period, Rag, Workstream};
use crate::explore::detail::against_comparator;
use crate::explore::edition::{no_ratings, Empty};
use crate::explore::standing::Standing;
use crate::stats::status::{in_period, status, Judged};
use crate::stats::vocabulary::{comparison_words, status_trend};

/// The report for one period: only workstreams with an exception appear.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionReport {
    pub groups: Vec<ExceptionGroup>,
    /// Why `groups` is empty, when it is: no ratings at all is not "all green".
    pub empty: Option<Empty>,
}

/// One workstream's exceptions, in bundle order.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionGroup {
    pub workstream: Workstream,
    /// The workstream's headline for the period, where the bundle gives one, without a
    /// leading "Workstream 1:" that repeats the heading.
    pub headline: Option<String>,
    /// Red items first, then amber.
    pub items: Vec<Exception>,
}

/// An item rated red or amber in the period.
#[derive(Debug, Clone, PartialEq)]
pub struct Exception {
    pub id: String,
    pub title: String,
    /// Red or amber.
    pub rag: Rag,
    /// Whether `rag` came from the target (marked "computed" where it is shown).
    pub judged: Judged<Rag>,
    pub commentary: Option<String>,
    /// The sentences of `commentary` that neither the workstream headline nor an item
    /// listed above it in the group has said; `None` when there are none.
    pub new_commentary: Option<String>,
    /// The workstream's label ("Workstream 3").
    pub workstream: String,
    /// The item's lead, else its workstream's.
    pub lead: Option<String>,
    /// In the words every view uses (`stats::vocabulary`).
    pub trend: String,
    /// "11.4 per 100,000 (2016-18); England 9.6; Worse than England", where there is a
    /// value, then the region's verdict and the rank among peers where the item has them:
    /// "; Similar to South East region; 2nd best of 3 CIPFA nearest neighbours". Without a
    /// value, why there is none ([`no_figures`]), so a red item never reads "No value" alone.
    pub latest: String,
}

impl ExceptionReport {
    pub fn new(bundle: &Bundle, period: &Period) -> ExceptionReport {
        let groups = bundle
            .workstreams
            .iter()
            .filter_map(|ws| {
                let mut items: Vec<Exception> = bundle
                    .items
                    .iter()
                    .filter(|i| i.workstream == ws.id)
                    .filter(|i| in_period(i, &period.id))
                    .filter_map(|i| {
                        // Stated red or amber, or, for an edition that states none, the
                        // target's (see `stats::status`).
                        let s = status(bundle, i, period);
                        let rag = Some(s.rag.clone()).filter(|r| matches!(r, Rag::Red | Rag::Amber))?;
                        let a = i.assessment(&period.id);
                        Some(Exception {
                            id: i.id.clone(),
                            title: i.title.clone(),
                            rag,
                            judged: s.target_rag.clone(),
                            commentary: a.and_then(|a| a.commentary.clone()),
                            new_commentary: None,
                            workstream: ws.label.clone(),
                            lead: i.lead.clone().or_else(|| ws.lead.clone()),
                            trend: status_trend(&s),
                            latest: with_standing(
                                against_comparator(i, s.latest, s.benchmark.value.as_ref())
                                    .unwrap_or_else(|| no_figures(i).to_string()),
                                bundle,
                                &Standing::of(bundle, i, period),
                            ),
                        })
                    })
                    .collect();
                // Stable: within red, and within amber, the bundle's order is kept.
                items.sort_by_key(|e| e.rag.severity());
                let headline = ws.headlines.get(&period.id).map(|h| without_label(h, &ws.label));
                let mut said: HashSet<String> = HashSet::new();
                let heard = headline.as_deref().map(normal).unwrap_or_default();
                for e in &mut items {
                    let fresh: Vec<&str> = sentences(e.commentary.as_deref().unwrap_or(""))
                        .filter(|s| !heard.contains(&normal(s)) && said.insert(normal(s)))
                        .collect();
                    e.new_commentary = (!fresh.is_empty()).then(|| fresh.join(" "));
                }
                (!items.is_empty()).then(|| ExceptionGroup { workstream: ws.clone(), headline, items })
            })
            .collect::<Vec<_>>();
        let empty = groups.is_empty().then(|| {
            no_ratings(bundle, period).unwrap_or_else(|| Empty::NoneRedOrAmber { edition: period.label.clone() })
        });
        ExceptionReport { groups, empty }
    }

    /// Every exception, red first, then amber; within each in workstream order: the
    /// summary table at the top of the paper.
    pub fn summary(&self) -> Vec<&Exception> {
        let mut all: Vec<&Exception> = self.groups.iter().flat_map(|g| &g.items).collect();
        all.sort_by_key(|e| e.rag.severity());
        all
    }

    /// How many items the report lists.
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }
}

/// `latest` followed by the region's verdict and the rank among peers, where there are any.
fn with_standing(latest: String, bundle: &Bundle, standing: &Standing) -> String {
    let region = standing.region(bundle).map(|c| comparison_words(&c.result, &c.label));
    let rank = standing.rank().map(|r| r.words());
    std::iter::once(latest).chain(region).chain(rank).collect::<Vec<_>>().join("; ")
}

/// Why an item shows no latest value: an action, or an item without a series, has no
/// figures at all; a metric's series has none up to this edition.
pub fn no_figures(item: &Item) -> &'static str {
    match (&item.kind, item.series.is_empty()) {
        (Some(Kind::Action), _) => "No figures for an action",
        (_, true) => "No figures for this item",
        (_, false) => "No data for this period",
    }
}

/// `headline` without a leading "Workstream 1:" when `label` is "Workstream 1".
fn without_label(headline: &str, label: &str) -> String {
    let h = headline.trim_start();
    match h.strip_prefix(label).and_then(|rest| rest.strip_prefix(':')) {
        Some(rest) if !label.is_empty() && !rest.trim().is_empty() => rest.trim_start().to_string(),
        _ => headline.to_string(),
    }
}

/// The sentences of `text`: each ends at a full stop, question or exclamation mark
/// followed by a space, or at the end.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text.trim();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let end = (1..bytes.len())
            .find(|&i| matches!(bytes[i - 1], b'.' | b'?' | b'!') && bytes[i].is_ascii_whitespace())
            .unwrap_or(bytes.len());
        let (sentence, tail) = rest.split_at(end);
        rest = tail.trim_start();
        Some(sentence.trim())
    })
}

/// Text compared as a reader would: runs of white space are one space.
fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_a_stop_before_a_space() {
        let got: Vec<&str> = sentences(" One. Two? 3.5 kept (a) x.  Last").collect();
        assert_eq!(got, ["One.", "Two?", "3.5 kept (a) x.", "Last"]);
    }

    #[test]
    fn a_headline_loses_only_a_prefix_that_repeats_the_label() {
        assert_eq!(without_label("Workstream 1: All green.", "Workstream 1"), "All green.");
        assert_eq!(without_label("Workstream 10: x", "Workstream 1"), "Workstream 10: x");
        assert_eq!(without_label("Workstream 1:", "Workstream 1"), "Workstream 1:");
    }
}
