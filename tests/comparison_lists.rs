//! The comparisons in the lists: the rank on each card, the table's rank and verdict
//! columns (sorting, CSV), and the filters by verdict and by rank quarter (matching,
//! counts, the URL), on the comparisons test bundle with more items (worked by hand in
//! `support/ranked.rs`), and a bundle without comparisons left as it was.

#[path = "support/ranked.rs"]
mod ranked;

use ranked::ranked;
use scorecard_explorer::bundle::Bundle;
use scorecard_explorer::explore::facets::{Facet, FacetIndex};
use scorecard_explorer::explore::items_csv::{items_csv, table_csv};
use scorecard_explorer::explore::query::{Query, UrlNote};
use scorecard_explorer::explore::standing::Standing;
use scorecard_explorer::explore::table::{self, comparison_columns, Column, Direction, TableSort};

const ITEMS: [&str; 6] = ["smoking", "activity", "deaths", "births", "screening", "plan"];

fn riverside() -> Bundle {
    scorecard_explorer::bundle::load(&std::fs::read("tests/bundles/riverside.json").unwrap()).unwrap()
}

fn index(b: &Bundle) -> FacetIndex {
    FacetIndex::new(b, b.periods.last().unwrap())
}

fn ids(b: &Bundle, positions: &[usize]) -> Vec<String> {
    positions.iter().map(|&i| b.items[i].id.clone()).collect()
}

/// The ids the filters of `query` match.
fn matching(b: &Bundle, query: &str) -> Vec<String> {
    let q = Query::parse(query);
    let index = index(b);
    let (selection, ignored) = index.select(&q.applied_facets(), &q.q);
    assert!(ignored.is_empty(), "{ignored:?}");
    ids(b, &index.matching(&selection))
}

/// The table's ids in the order `query` sorts them.
fn sorted(b: &Bundle, query: &str) -> Vec<String> {
    let q = Query::parse(query);
    let index = index(b);
    let all: Vec<usize> = (0..b.items.len()).collect();
    let rows = table::rows(b, &index, &all, b.periods.last().unwrap());
    table::order(&rows, q.table_sort).into_iter().map(|i| rows[i].id.clone()).collect()
}

#[test]
fn each_card_has_its_rank_in_words_from_the_index() {
    let b = ranked();
    let index = index(&b);
    let words: Vec<Option<String>> = (0..b.items.len()).map(|i| index.rank(i).map(|r| r.words())).collect();
    assert_eq!(
        words,
        [
            Some("2nd best of 3 CIPFA nearest neighbours"),
            Some("1st best of 6 CIPFA nearest neighbours"),
            Some("5th best of 6 CIPFA nearest neighbours"),
            Some("2nd highest of 3 CIPFA nearest neighbours"),
            None,
            None,
        ]
        .map(|w| w.map(String::from))
    );
    assert_eq!(index.rank_group(), Some("CIPFA nearest neighbours"));
    // The same as the item page's, worked out once.
    let period = b.periods.last().unwrap();
    for (i, item) in b.items.iter().enumerate() {
        assert_eq!(index.rank(i), Standing::of(&b, item, period).rank(), "{}", item.id);
    }
}

#[test]
fn the_table_has_a_rank_column_and_a_verdict_per_comparator_in_words() {
    let b = ranked();
    let index = index(&b);
    // Every comparator an item is compared with, in the bundle's order, but no single
    // peer area (the rank stands for them) and no peer group (it has no series of its own).
    let headings: Vec<String> = comparison_columns(&index).into_iter().map(|(_, h)| h).collect();
    assert_eq!(
        headings,
        ["Rank among CIPFA nearest neighbours", "Compared with England", "Compared with South East region"]
    );
    assert_eq!(comparison_columns(&index)[0].0, Some(Column::Rank), "only the rank sorts");
    let all: Vec<usize> = (0..b.items.len()).collect();
    let rows = table::rows(&b, &index, &all, &b.periods[0]);
    let more: Vec<Vec<&str>> = rows.iter().map(|r| r.all_cells().skip(7).map(String::as_str).collect()).collect();
    assert_eq!(
        more,
        [
            vec!["2nd best of 3", "Similar", "Similar"],
            vec!["1st best of 6", "Better", "Similar"],
            vec!["5th best of 6", "Worse", "Similar"],
            vec!["2nd highest of 3", "Higher", "Not compared"],
            vec!["", "Not compared", "Not compared"],
            vec!["", "", ""],
        ]
    );
    assert_eq!(rows[1].cell(Column::Rank), "1st best of 6");
}

#[test]
fn the_rank_sorts_best_first_with_unranked_items_last_both_ways() {
    let b = ranked();
    assert_eq!(
        Query::parse("tsort=rank").table_sort,
        Some(TableSort { column: Column::Rank, direction: Direction::Ascending })
    );
    // Equal ranks keep the scorecard's order, a rank among more areas first.
    assert_eq!(sorted(&b, "tsort=rank"), ["activity", "smoking", "births", "deaths", "screening", "plan"]);
    assert_eq!(sorted(&b, "tsort=rank&tdir=desc"), ["deaths", "smoking", "births", "activity", "screening", "plan"]);
    assert_eq!(TableSort::describe(Query::parse("tsort=rank").table_sort), "Sorted by Rank, ascending");
}

#[test]
fn a_rank_among_more_areas_sorts_first_among_equal_ranks() {
    let mut b = ranked();
    // Births ranked among six: 2nd of 6 before smoking's 2nd of 3.
    let births = b.items.iter().position(|i| i.id == "births").unwrap();
    for (area, value) in [("surrey", 9.0), ("lancashire", 8.0), ("norfolk", 7.0)] {
        let mut series = b.items[births].comparisons["essex"].clone();
        series[0].value = Some(value);
        b.items[births].comparisons.insert(area.into(), series);
    }
    assert_eq!(index(&b).rank(births).map(|r| r.words()).as_deref(), Some("2nd highest of 6 CIPFA nearest neighbours"));
    assert_eq!(sorted(&b, "tsort=rank"), ["activity", "births", "smoking", "deaths", "screening", "plan"]);
}

#[test]
fn filters_by_verdict_and_rank_quarter_select_the_items_worked_by_hand() {
    let b = ranked();
    assert_eq!(matching(&b, "vs=england:worse"), ["deaths"]);
    assert_eq!(matching(&b, "vs=england:better,england:worse"), ["activity", "deaths"]);
    // One comparator or another of its verdicts; every comparator chosen must pass.
    assert_eq!(matching(&b, "vs=england:better,england:worse,south-east:similar"), ["activity", "deaths"]);
    assert_eq!(matching(&b, "vs=england:similar,england:higher,south-east:similar"), ["smoking"]);
    assert_eq!(matching(&b, "vs=england:higher"), ["births"], "higher and lower are choices of their own");
    assert_eq!(matching(&b, "vs=south-east:not_compared"), ["births", "screening"]);
    assert_eq!(matching(&b, "rankq=top"), ["activity"]);
    assert_eq!(matching(&b, "rankq=middle"), ["smoking", "births"]);
    assert_eq!(matching(&b, "rankq=bottom"), ["deaths"]);
    assert_eq!(matching(&b, "rankq=top,bottom&vs=england:worse"), ["deaths"]);
    assert_eq!(matching(&b, "rankq=top&vs=england:worse"), Vec::<String>::new());
}

/// An item's `vs` words and rank quarter, worked out from its standing without the index.
fn naive_words(b: &Bundle, i: usize) -> (Vec<String>, Option<String>) {
    let item = &b.items[i];
    let standing = Standing::of(b, item, b.periods.last().unwrap());
    let vs = ["england", "south-east"]
        .iter()
        .filter_map(|id| {
            let verdict = match standing.with(id) {
                Some(c) => c.result.label().to_lowercase().replace(' ', "_"),
                None if item.is_metric() => "not_compared".to_string(),
                None => return None,
            };
            Some(format!("{id}:{verdict}"))
        })
        .collect();
    (vs, standing.rank().map(|r| r.quarter().word().to_string()))
}

fn naive(b: &Bundle, picked: &[(Facet, Vec<String>)]) -> Vec<usize> {
    (0..b.items.len())
        .filter(|&i| {
            let (vs, quarter) = naive_words(b, i);
            picked.iter().all(|(facet, words)| match facet {
                Facet::Versus => ["england", "south-east"].iter().all(|id| {
                    let chosen: Vec<&String> = words.iter().filter(|w| w.starts_with(&format!("{id}:"))).collect();
                    chosen.is_empty() || vs.iter().any(|v| chosen.contains(&v))
                }),
                Facet::Rank => quarter.as_ref().is_some_and(|q| words.contains(q)),
                _ => unreachable!(),
            })
        })
        .collect()
}

#[test]
fn the_index_matches_a_naive_filter_and_each_count_is_what_choosing_it_gives() {
    let b = ranked();
    let index = index(&b);
    let vs: Vec<String> = index.choices(Facet::Versus).iter().map(|c| c.word.clone()).collect();
    let quarters: Vec<String> = index.choices(Facet::Rank).iter().map(|c| c.word.clone()).collect();
    assert_eq!(vs.len(), 2 * 6, "better, similar, worse, higher, lower and not compared per comparator");
    assert_eq!(quarters, ["top", "middle", "bottom"]);
    let mut checked = 0;
    for (a, w1) in vs.iter().enumerate() {
        for w2 in vs.iter().skip(a + 1) {
            for q in [None, Some(&quarters[1])] {
                let mut picked = vec![(Facet::Versus, vec![w1.clone(), w2.clone()])];
                if let Some(q) = q {
                    picked.push((Facet::Rank, vec![q.clone()]));
                }
                let (selection, ignored) = index.select(&picked, "");
                assert!(ignored.is_empty());
                assert_eq!(index.matching(&selection), naive(&b, &picked), "{picked:?}");
                // Each count: that choice alone in its comparator (or the quarter facet).
                let counts = index.counts(&selection);
                for (c, choice) in vs.iter().enumerate() {
                    let id = choice.split(':').next().unwrap();
                    let mut words: Vec<String> =
                        picked[0].1.iter().filter(|w| !w.starts_with(&format!("{id}:"))).cloned().collect();
                    words.push(choice.clone());
                    let mut alone = picked.clone();
                    alone[0].1 = words;
                    assert_eq!(counts[Facet::Versus][c], naive(&b, &alone).len(), "{choice} with {picked:?}");
                }
                for (c, quarter) in quarters.iter().enumerate() {
                    let alone = [picked[0].clone(), (Facet::Rank, vec![quarter.clone()])];
                    assert_eq!(counts[Facet::Rank][c], naive(&b, &alone).len(), "{quarter} with {picked:?}");
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 120, "{checked}");
}

#[test]
fn the_filter_panel_has_a_group_per_comparator_and_the_rank_by_quarter() {
    let b = ranked();
    let index = index(&b);
    let groups = index.groups(Facet::Versus);
    let headings: Vec<&str> = groups.iter().map(|(h, _)| h.as_str()).collect();
    assert_eq!(headings, ["Compared with England", "Compared with South East region"]);
    let labels: Vec<&str> =
        index.choices(Facet::Versus)[groups[0].1.clone()].iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Better than England",
            "Similar to England",
            "Worse than England",
            "Higher than England",
            "Lower than England",
            "Not compared with England"
        ]
    );
    let rank = index.groups(Facet::Rank);
    assert_eq!(rank, vec![("Rank among CIPFA nearest neighbours".to_string(), 0..3)]);
    let labels: Vec<&str> = index.choices(Facet::Rank).iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["Top quarter", "Middle half", "Bottom quarter"]);
    // Counts with nothing chosen: what each choice would show.
    let counts = index.counts(&Default::default());
    assert_eq!(counts[Facet::Versus][groups[0].1.clone()], [1, 1, 1, 1, 0, 1]);
    assert_eq!(counts[Facet::Rank], [1, 2, 1]);
    // An applied filter's tag.
    assert_eq!(index.tag(Facet::Versus, 2), "Worse than England");
    assert_eq!(index.tag(Facet::Rank, 0), "Rank among CIPFA nearest neighbours: Top quarter");
    assert_eq!(index.tag(Facet::Rag, 0), "RAG status: Red");
}

#[test]
fn the_filters_and_the_rank_sort_live_in_the_url() {
    let written = "view=table&vs=england:worse,south-east:similar&rankq=top,middle&tsort=rank&tdir=desc";
    let q = Query::parse(written);
    assert_eq!(q.words(Facet::Versus), ["england:worse", "south-east:similar"]);
    assert_eq!(q.words(Facet::Rank), ["top", "middle"]);
    assert_eq!(q.to_query_string(), written);
    assert_eq!(Query::parse(&q.to_query_string()), q);
    assert!(Query::owns("vs") && Query::owns("rankq"));
    // Ticking a box writes the same form.
    let ticked = Query::default().toggled(Facet::Versus, "south-east:better").toggled(Facet::Rank, "bottom");
    assert_eq!(ticked.to_query_string(), "vs=south-east:better&rankq=bottom");
}

#[test]
fn an_unknown_comparator_verdict_or_quarter_is_said_and_ignored() {
    let b = ranked();
    let q = Query::parse("vs=wales:worse,england:awful,england:worse&rankq=first");
    let index = index(&b);
    let (selection, unknown) = index.select(&q.facets, &q.q);
    assert_eq!(ids(&b, &index.matching(&selection)), ["deaths"], "the rest of the URL still applies");
    let notes: Vec<String> = q.notes(&b, &unknown).iter().map(UrlNote::to_string).collect();
    assert_eq!(
        notes,
        [
            "“\u{2068}wales:worse\u{2069}” is not a comparator and verdict of this scorecard, so it was ignored.",
            "“\u{2068}england:awful\u{2069}” is not a comparator and verdict of this scorecard, so it was ignored.",
            "“\u{2068}first\u{2069}” is not a rank quarter of this scorecard, so it was ignored."
        ]
    );
    // A bundle without peers or comparators has no such choices.
    let r = riverside();
    let q = Query::parse("vs=england:worse&rankq=top");
    let index = FacetIndex::new(&r, r.periods.last().unwrap());
    let (selection, unknown) = index.select(&q.facets, &q.q);
    assert_eq!(unknown.len(), 2);
    assert_eq!(index.matching(&selection).len(), index.len());
}

#[test]
fn both_csvs_carry_the_rank_and_the_verdicts() {
    let b = ranked();
    let index = index(&b);
    let period = &b.periods[0];
    let all: Vec<usize> = (0..b.items.len()).collect();
    let rows = table::rows(&b, &index, &all, period);
    let csv = table_csv(&index, &rows);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut expected: Vec<String> = Column::ALL.iter().map(|c| c.label().to_string()).collect();
    expected.extend(comparison_columns(&index).into_iter().map(|(_, h)| h));
    assert_eq!(header, expected);
    let records: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    assert_eq!(records[2][7..], ["5th best of 6", "Worse", "Similar"]);

    let csv = items_csv(&b, &all, period);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[23..], ["rank", "vs_england", "vs_south-east"]);
    let records: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    let ids: Vec<&str> = records.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ITEMS);
    assert_eq!(records[1][23..], ["1st best of 6 CIPFA nearest neighbours", "Better", "Similar"]);
    assert_eq!(records[5][23..], ["", "", ""]);
}

#[test]
fn a_bundle_without_comparisons_lists_exactly_what_it_did() {
    let b = riverside();
    let index = index(&b);
    assert!(comparison_columns(&index).is_empty());
    assert!(index.groups(Facet::Versus).is_empty() && index.groups(Facet::Rank).is_empty());
    assert!(index.choices(Facet::Versus).is_empty() && index.choices(Facet::Rank).is_empty());
    let all = index.matching(&Default::default());
    let rows = table::rows(&b, &index, &all, b.periods.last().unwrap());
    assert!(rows.iter().all(|r| r.rank.is_none() && r.verdicts.is_empty() && r.all_cells().count() == 7));
    assert!((0..b.items.len()).all(|i| index.rank(i).is_none()));
    let csv = table_csv(&index, &rows);
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(header, Column::ALL.map(|c| c.label()).join(","));
    let csv = items_csv(&b, &all, b.periods.last().unwrap());
    let header = csv.trim_start_matches('\u{feff}').lines().next().unwrap();
    assert_eq!(header.split(',').count(), 23);
    assert!(header.ends_with("latest_comparator_value,commentary"));
}
