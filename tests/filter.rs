//! The filter index against a naive filter written from the format's words: every
//! combination of choices gives the same items, and each option's count is what
//! selecting it would give.

use scorecard_explorer::bundle::Bundle;
use scorecard_explorer::explore::facets::{Facet, FacetIndex};
use scorecard_explorer::stats::status::{in_period, status};

fn riverside() -> Bundle {
    scorecard_explorer::bundle::load(&std::fs::read("tests/bundles/riverside.json").unwrap()).unwrap()
}

/// The item's word for a facet, computed without the index.
fn word(bundle: &Bundle, i: usize, period: usize, facet: Facet) -> Option<String> {
    let item = &bundle.items[i];
    let s = status(bundle, item, &bundle.periods[period]);
    match facet {
        Facet::Workstream => Some(item.workstream.clone()),
        Facet::Kind => item.kind.as_ref().map(|k| k.as_str().to_string()),
        Facet::Scope => item.scope.as_ref().map(|k| k.as_str().to_string()),
        Facet::Rag => Some(s.rag.as_str().to_string()),
        Facet::Trend => Some(s.trend.value.map_or("not_known".to_string(), |t| t.as_str().to_string())),
        Facet::Benchmark => Some(s.benchmark.value.map_or("not_compared".to_string(), |b| b.as_str().to_string())),
        Facet::Change => s.change.map(|c| c.as_str().to_string()),
        // Riverside has no comparators: nothing to compare or rank.
        Facet::Versus | Facet::Rank => None,
    }
}

fn naive(bundle: &Bundle, period: usize, picked: &[(Facet, Vec<String>)], search: &str) -> Vec<usize> {
    (0..bundle.items.len())
        .filter(|&i| in_period(&bundle.items[i], &bundle.periods[period].id))
        .filter(|&i| picked.iter().all(|(f, words)| word(bundle, i, period, *f).is_some_and(|w| words.contains(&w))))
        .filter(|&i| {
            let item = &bundle.items[i];
            let s = status(bundle, item, &bundle.periods[period]);
            let text = format!(
                "{} {} {}",
                item.title,
                item.code.clone().unwrap_or_default(),
                s.assessment.and_then(|a| a.commentary.clone()).unwrap_or_default()
            )
            .to_lowercase();
            search.split_whitespace().all(|w| text.contains(&w.to_lowercase()))
        })
        .collect()
}

#[test]
fn the_index_matches_a_naive_filter_for_many_selections() {
    let b = riverside();
    let mut checked = 0;
    for period in 0..b.periods.len() {
        let index = FacetIndex::new(&b, &b.periods[period]);
        // Every pair of (facet, one or two choices) across two facets, with and without a search.
        for f1 in Facet::ALL {
            for f2 in Facet::ALL.into_iter().filter(|f| *f != f1) {
                let c1 = index.choices(f1).to_vec();
                let c2 = index.choices(f2).to_vec();
                for (a, b2) in c1.iter().zip(c2.iter().cycle()).take(4) {
                    for search in ["", "smoking", "PHOF"] {
                        let picked = vec![(f1, vec![a.word.clone()]), (f2, vec![b2.word.clone(), c2[0].word.clone()])];
                        let (selection, ignored) = index.select(&picked, search);
                        assert!(ignored.is_empty());
                        assert_eq!(
                            index.matching(&selection),
                            naive(&b, period, &picked, search),
                            "{picked:?} {search:?}"
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn each_count_is_what_selecting_that_choice_alone_would_give() {
    let b = riverside();
    let period = b.periods.len() - 1;
    let index = FacetIndex::new(&b, &b.periods[period]);
    let base = vec![(Facet::Kind, vec!["metric".to_string()]), (Facet::Rag, vec!["red".to_string()])];
    let (selection, _) = index.select(&base, "");
    let counts = index.counts(&selection);
    for facet in Facet::ALL {
        for (c, choice) in index.choices(facet).iter().enumerate() {
            let mut picked: Vec<_> = base.iter().filter(|(g, _)| *g != facet).cloned().collect();
            picked.push((facet, vec![choice.word.clone()]));
            assert_eq!(counts[facet][c], naive(&b, period, &picked, "").len(), "{facet:?} = {}", choice.word);
        }
    }
}

#[test]
fn unknown_words_are_returned_and_do_not_filter() {
    let b = riverside();
    let index = FacetIndex::new(&b, b.periods.last().unwrap());
    let (selection, ignored) = index.select(&[(Facet::Rag, vec!["purple".into()])], "");
    assert_eq!(ignored, vec![(Facet::Rag, "purple".to_string())]);
    assert_eq!(index.matching(&selection).len(), index.len());
}

#[test]
fn applied_filters_are_the_known_choices_picked_and_the_search_as_one() {
    let b = riverside();
    let index = FacetIndex::new(&b, b.periods.last().unwrap());
    let applied = |picked: &[(Facet, Vec<String>)], search: &str| index.select(picked, search).0.applied();
    assert_eq!(applied(&[], ""), 0);
    assert_eq!(applied(&[], "smoking rates"), 1, "a search of two words is one filter");
    let rags = index.choices(Facet::Rag).iter().take(2).map(|c| c.word.clone()).collect::<Vec<_>>();
    assert_eq!(rags.len(), 2);
    let kind = index.choices(Facet::Kind)[0].word.clone();
    let picked = [(Facet::Rag, rags), (Facet::Kind, vec![kind, "purple".into()])];
    assert_eq!(applied(&picked, ""), 3, "an unknown word is not applied");
    assert_eq!(applied(&picked, "smoking"), 4);
}

/// A bundle of `n` workstreams `w0`…, with one action in `w0` and one in each listed workstream.
fn many_workstreams(n: usize, with_items: &[usize]) -> Bundle {
    let workstreams: Vec<_> = (0..n)
        .map(|i| serde_json::json!({ "id": format!("w{i}"), "label": format!("WS-{i}"), "title": format!("Aim {i}") }))
        .collect();
    let items: Vec<_> = std::iter::once(0)
        .chain(with_items.iter().copied())
        .enumerate()
        .map(|(k, w)| {
            serde_json::json!({ "id": format!("i{k}"), "workstream": format!("w{w}"), "kind": "action", "title": format!("Item {k}"),
                "assessments": [{ "period": "p", "rag": "green" }] })
        })
        .collect();
    let json = serde_json::json!({
        "format": "hwb-scorecard", "version": 1, "board": { "name": "Big", "area": "Big" },
        "periods": [{ "id": "p", "label": "P", "end": "2024-03-31" }],
        "workstreams": workstreams, "items": items,
    });
    scorecard_explorer::bundle::load(json.to_string().as_bytes()).expect("the loader accepts 70,000 workstreams")
}

#[test]
fn seventy_thousand_workstreams_count_without_wrapping() {
    let bundle = many_workstreams(70_000, &[65_537, 69_999]);
    let facets = FacetIndex::new(&bundle, &bundle.periods[0]);
    // Each item is counted under its own workstream, not one 65,536 places earlier.
    let picked = [(Facet::Workstream, vec!["w65537".to_string()])];
    let (selection, ignored) = facets.select(&picked, "");
    assert!(ignored.is_empty());
    let matching = facets.matching(&selection);
    assert_eq!(matching.iter().map(|&i| bundle.items[i].id.as_str()).collect::<Vec<_>>(), ["i1"]);
    let counts = facets.counts(&Default::default());
    for (w, expected) in [(0, 1), (1, 0), (65_537, 1), (69_999, 1)] {
        assert_eq!(counts[Facet::Workstream][w], expected, "w{w}");
    }
    assert_eq!(facets.workstream(1), Some(65_537));
    let by_rag = facets.tally(Facet::Workstream, Facet::Rag);
    assert_eq!(by_rag[65_537].iter().sum::<usize>(), 1);
    assert_eq!(by_rag[1].iter().sum::<usize>(), 0);
}

#[test]
fn the_per_workstream_tally_agrees_with_counting_each_workstream() {
    let bundle = riverside();
    for period in &bundle.periods {
        let facets = FacetIndex::new(&bundle, period);
        let tally = facets.tally(Facet::Workstream, Facet::Trend);
        for (w, ws) in bundle.workstreams.iter().enumerate() {
            let (selection, _) = facets.select(&[(Facet::Workstream, vec![ws.id.clone()])], "");
            assert_eq!(tally[w], facets.counts(&selection)[Facet::Trend], "{} in {}", ws.id, period.id);
        }
    }
}
