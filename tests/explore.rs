//! What the page's views show, computed without a browser: the list's order, the
//! exception report, what changed, an item's detail and the notes on a URL, on the
//! Riverside bundle (worked by hand from its file) and on small inline bundles.

use scorecard_explorer::bundle::{Bundle, Rag};
use scorecard_explorer::explore::changes::Changes;
use scorecard_explorer::explore::detail::{shown_period, Detail};
use scorecard_explorer::explore::edition::{no_ratings, Empty};
use scorecard_explorer::explore::exceptions::ExceptionReport;
use scorecard_explorer::explore::facets::{Facet, FacetIndex};
use scorecard_explorer::explore::order::ordered;
use scorecard_explorer::explore::query::{Query, Sort, UrlNote};
use scorecard_explorer::stats::change::Change;

const LATEST: &str = "2024-q4";

fn riverside() -> Bundle {
    scorecard_explorer::bundle::load(&std::fs::read("tests/bundles/riverside.json").unwrap()).unwrap()
}

/// A bundle of one period and the given items, each `(id, workstream, rag)`.
fn small(items: &[(&str, &str, &str)]) -> Bundle {
    let items: Vec<_> = items
        .iter()
        .map(|(id, ws, rag)| {
            serde_json::json!({ "id": id, "workstream": ws, "kind": "action", "title": format!("Title of {id}"),
                "assessments": [{ "period": "p1", "rag": rag, "commentary": format!("About {id}") }] })
        })
        .collect();
    let json = serde_json::json!({
        "format": "hwb-scorecard", "version": 1, "board": { "name": "Board", "area": "Area" },
        "periods": [{ "id": "p1", "label": "Period one", "end": "2024-03-31" }],
        "workstreams": [{ "id": "a", "label": "A", "title": "Aim A" }, { "id": "b", "label": "B", "title": "B" }],
        "items": items,
    });
    scorecard_explorer::bundle::load(json.to_string().as_bytes()).unwrap()
}

fn ids(b: &Bundle, positions: &[usize]) -> Vec<String> {
    positions.iter().map(|&i| b.items[i].id.clone()).collect()
}

fn period<'a>(b: &'a Bundle, id: &str) -> &'a scorecard_explorer::bundle::Period {
    b.periods.iter().find(|p| p.id == id).unwrap()
}

#[test]
fn grouping_by_workstream_follows_the_bundles_workstreams_and_items() {
    let b = riverside();
    let facets = FacetIndex::new(&b, period(&b, LATEST));
    let matching = facets.matching(&facets.select(&[], "").0);
    let groups = ordered(&b, &facets, &matching, Sort::Workstream, LATEST);
    // Written from the bundle's strings, not the index's codes.
    let naive: Vec<(Option<String>, Vec<usize>)> = b
        .workstreams
        .iter()
        .map(|ws| (Some(ws.heading()), matching.iter().copied().filter(|&i| b.items[i].workstream == ws.id).collect()))
        .filter(|(_, items): &(_, Vec<usize>)| !items.is_empty())
        .collect();
    let got: Vec<_> = groups.into_iter().map(|g| (g.heading, g.items)).collect();
    assert_eq!(got, naive);
    assert_eq!(got.len(), 3);
}

#[test]
fn a_workstream_heading_leaves_out_a_title_that_adds_nothing() {
    let b = small(&[("x", "a", "red"), ("y", "b", "red")]);
    assert_eq!(b.workstreams[0].heading(), "A: Aim A");
    assert_eq!(b.workstreams[1].heading(), "B");
}

#[test]
fn sorting_by_rag_puts_red_first_and_keeps_the_bundle_order_among_equals() {
    let b = small(&[
        ("g1", "a", "green"),
        ("r1", "b", "red"),
        ("n1", "a", "not_rated"),
        ("a1", "a", "amber"),
        ("r2", "a", "red"),
    ]);
    let facets = FacetIndex::new(&b, &b.periods[0]);
    let all: Vec<usize> = (0..b.items.len()).collect();
    let groups = ordered(&b, &facets, &all, Sort::Rag, "p1");
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].heading, None);
    assert_eq!(ids(&b, &groups[0].items), ["r1", "r2", "a1", "g1", "n1"]);
}

#[test]
fn sorting_by_title_ignores_case() {
    let mut b = small(&[("x", "a", "red"), ("y", "a", "red"), ("z", "a", "red")]);
    for (item, title) in b.items.iter_mut().zip(["banana", "Apple", "cherry"]) {
        item.title = title.to_string();
    }
    let facets = FacetIndex::new(&b, &b.periods[0]);
    let groups = ordered(&b, &facets, &[0, 1, 2], Sort::Title, "p1");
    assert_eq!(ids(&b, &groups[0].items), ["y", "x", "z"]);
}

#[test]
fn the_exception_report_lists_red_then_amber_per_workstream() {
    let b = small(&[
        ("a-amber", "a", "amber"),
        ("a-green", "a", "green"),
        ("a-red", "a", "red"),
        ("b-green", "b", "green"),
    ]);
    let report = ExceptionReport::new(&b, &b.periods[0]);
    assert_eq!(report.groups.len(), 1, "workstream b has no exception");
    let group = &report.groups[0];
    assert_eq!(group.workstream.id, "a");
    let listed: Vec<(&str, &Rag)> = group.items.iter().map(|e| (e.id.as_str(), &e.rag)).collect();
    assert_eq!(listed, [("a-red", &Rag::Red), ("a-amber", &Rag::Amber)]);
    assert_eq!(group.items[0].commentary.as_deref(), Some("About a-red"));
    assert_eq!(report.total(), 2);
}

#[test]
fn the_riverside_exception_report_of_the_latest_edition() {
    let b = riverside();
    let report = ExceptionReport::new(&b, period(&b, LATEST));
    let listed: Vec<(&str, Vec<&str>)> = report
        .groups
        .iter()
        .map(|g| (g.workstream.id.as_str(), g.items.iter().map(|e| e.id.as_str()).collect()))
        .collect();
    assert_eq!(
        listed,
        [
            ("start-well", vec!["sw-breastfeeding", "sw-child-obesity"]),
            ("live-well", vec!["lw-tobacco-control", "hostile-item", "lw-physical-activity", "lw-drug-treatment"]),
            ("age-well", vec!["aw-falls-prevention", "aw-falls"]),
        ]
    );
    assert_eq!(report.total(), 8);
}

#[test]
fn what_changed_in_the_latest_edition_worse_then_better_then_new() {
    let b = riverside();
    let facets = FacetIndex::new(&b, period(&b, LATEST));
    let changes = Changes::new(&b, &facets, LATEST);
    assert_eq!(changes.previous.as_deref(), Some(period(&b, "2024-q2").label.as_str()));
    let listed: Vec<(&str, Change)> = changes.moved.iter().map(|m| (m.id.as_str(), m.change)).collect();
    assert_eq!(
        listed,
        [
            ("sw-breastfeeding", Change::Worse),
            ("lw-tobacco-control", Change::Worse),
            ("hostile-item", Change::Worse),
            // Better, most severe first: amber, green, green, complete.
            ("lw-drug-treatment", Change::Better),
            ("sw-healthy-child-programme", Change::Better),
            ("sw-school-readiness", Change::Better),
            ("sw-early-help", Change::Better),
            ("aw-dementia-diagnosis", Change::New),
        ]
    );
    let drug = &changes.moved[3];
    assert_eq!((drug.before.clone(), drug.rag.clone()), (Some(Rag::Red), Rag::Amber));
    assert_eq!(changes.moved[7].before, None, "not assessed in the edition before");
}

#[test]
fn nothing_changed_in_the_first_edition() {
    let b = riverside();
    let first = &b.periods[0];
    let changes = Changes::new(&b, &FacetIndex::new(&b, first), &first.id);
    assert_eq!(changes.previous, None);
    assert!(changes.moved.is_empty());
    assert_eq!(changes.empty, Some(Empty::FirstEdition));
}

fn somerset() -> Bundle {
    scorecard_explorer::bundle::load(&std::fs::read("bundles/somerset.json").unwrap()).unwrap()
}

#[test]
fn an_edition_without_ratings_says_so_and_names_the_latest_that_gave_them() {
    let b = somerset();
    let december = period(&b, "2019-12");
    let report = ExceptionReport::new(&b, december);
    assert!(report.groups.is_empty());
    let why = report.empty.expect("an empty report says why");
    assert_eq!(why.sentence(), "The December 2019 scorecard gave no RAG ratings.");
    let (instead, words) = why.see_instead().expect("a link to the edition that rated");
    assert_eq!(instead.id, "2018-10");
    assert_eq!(words, "See October 2018, the latest edition that gave them.");
    assert_eq!(no_ratings(&b, december), Some(why));
    // October 2018 rated its items: a report, and no notice.
    let october = period(&b, "2018-10");
    assert_eq!(ExceptionReport::new(&b, october).empty, None);
    assert_eq!(no_ratings(&b, october), None);
}

#[test]
fn a_rated_edition_with_nothing_red_or_amber_says_that_instead() {
    let b = small(&[("a-green", "a", "green"), ("b-complete", "b", "complete")]);
    let why = ExceptionReport::new(&b, &b.periods[0]).empty.unwrap();
    assert_eq!(why, Empty::NoneRedOrAmber { edition: "Period one".into() });
    assert_eq!(why.sentence(), "No item is rated red or amber in Period one.");
    assert_eq!(why.see_instead(), None);
}

#[test]
fn what_changed_between_editions_with_no_item_in_common_says_so() {
    let b = somerset();
    let december = period(&b, "2019-12");
    let changes = Changes::new(&b, &FacetIndex::new(&b, december), &december.id);
    assert!(changes.moved.is_empty());
    let why = changes.empty.unwrap();
    assert_eq!(why, Empty::NoItemInCommon { previous: "October 2018".into() });
    assert_eq!(
        why.sentence(),
        "No item of this edition appears in October 2018: the two editions list different items, so no RAG can \
         be compared."
    );
}

#[test]
fn what_changed_when_items_in_common_kept_their_rag() {
    let mut b = small(&[("a", "a", "red")]);
    b.periods.push(scorecard_explorer::bundle::Period {
        id: "p2".into(),
        label: "Period two".into(),
        end: "2024-06-30".into(),
    });
    let again =
        scorecard_explorer::bundle::Assessment { period: "p2".into(), rag: Some(Rag::Red), ..Default::default() };
    b.items[0].assessments.push(again);
    let p2 = b.periods[1].clone();
    let changes = Changes::new(&b, &FacetIndex::new(&b, &p2), "p2");
    assert_eq!(changes.empty, Some(Empty::NoneMoved { previous: "Period one".into() }));
    // The same items, unrated in the second edition: that is the reason given.
    b.items[0].assessments[1].rag = Some(Rag::NotRated);
    let changes = Changes::new(&b, &FacetIndex::new(&b, &p2), "p2");
    assert_eq!(changes.empty.map(|e| e.word()), Some("no-ratings"));
}

#[test]
fn an_item_not_in_the_selected_edition_is_shown_as_of_the_last_that_assessed_it() {
    let b = riverside();
    let item = |id: &str| b.items.iter().find(|i| i.id == id).unwrap();
    let latest = period(&b, LATEST);
    let first = period(&b, "2023-q4");
    assert_eq!(shown_period(&b, item("sw-teenage-conceptions"), latest).id, "2023-q4");
    assert_eq!(shown_period(&b, item("aw-dementia-diagnosis"), first).id, LATEST);
    assert_eq!(shown_period(&b, item("sw-breastfeeding"), first).id, "2023-q4");
    // Never assessed at all: it belongs to every period.
    let mut unassessed = item("sw-breastfeeding").clone();
    unassessed.assessments.clear();
    assert_eq!(shown_period(&b, &unassessed, first).id, "2023-q4");
}

#[test]
fn an_items_detail_names_its_parent_children_and_period() {
    let b = riverside();
    let at = |id: &str| b.items.iter().position(|i| i.id == id).unwrap();
    let parent = Detail::new(&b, at("sw-healthy-child-programme"), period(&b, LATEST));
    let children: Vec<&str> = parent.children.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(children, ["sw-breastfeeding", "sw-school-readiness"]);
    assert_eq!(parent.workstream.as_ref().map(|w| w.id.as_str()), Some("start-well"));
    assert_eq!(parent.rag, Rag::Green);
    let child = Detail::new(&b, at("hostile-item"), period(&b, LATEST));
    assert_eq!(child.parent.map(|p| p.id), Some("lw-tobacco-control".to_string()));
    assert_eq!((child.rag, child.change), (Rag::Red, Some(Change::Worse)));
    let dropped = Detail::new(&b, at("sw-teenage-conceptions"), period(&b, LATEST));
    assert_eq!(dropped.period.id, "2023-q4");
    assert_eq!(dropped.rag, Rag::Amber);
    let end = &dropped.period.end;
    assert!(dropped.series.iter().all(|p| p.date.as_str() <= end.as_str()), "series cut at {end}");
    // The commentary under the status is the shown edition's, not the selected one's.
    let said = b.items[at("sw-teenage-conceptions")].assessment("2023-q4").and_then(|a| a.commentary.clone());
    assert!(said.is_some(), "the fixture comments on it in 2023-q4");
    assert_eq!(dropped.commentary, said);
}

#[test]
fn url_words_the_scorecard_lacks_become_notes_in_order() {
    let b = riverside();
    let q = Query::parse("?rag=purple,red&period=1999&item=nope&view=pie");
    assert_eq!(q.period_in(&b).map(|p| p.id.as_str()), Some(LATEST), "an unknown period shows the latest");
    let facets = FacetIndex::new(&b, q.period_in(&b).unwrap());
    let (_, unknown) = facets.select(&q.facets, &q.q);
    let notes = q.notes(&b, &unknown);
    assert_eq!(
        notes,
        [
            UrlNote::UnknownChoice { facet: Facet::Rag, word: "purple".into() },
            UrlNote::UnknownPeriod("1999".into()),
            UrlNote::UnknownItem("nope".into()),
            UrlNote::UnknownWord { key: "view".into(), word: "pie".into() },
        ]
    );
    let text: Vec<String> = notes.iter().map(ToString::to_string).collect();
    assert_eq!(text[0], "“\u{2068}purple\u{2069}” is not a rag of this scorecard, so it was ignored.");
    assert_eq!(text[1], "There is no reporting period “\u{2068}1999\u{2069}”: showing the latest instead.");
    assert_eq!(text[2], "There is no item “\u{2068}nope\u{2069}” in this scorecard.");
    assert_eq!(text[3], "“\u{2068}pie\u{2069}” is not a known view, so it was ignored.");
}

#[test]
fn a_url_the_scorecard_has_everything_of_has_no_notes() {
    let b = riverside();
    let q = Query::parse("?rag=red&period=2024-q2&item=hostile-item&view=changes");
    assert_eq!(q.period_in(&b).map(|p| p.id.as_str()), Some("2024-q2"));
    let facets = FacetIndex::new(&b, q.period_in(&b).unwrap());
    assert!(q.notes(&b, &facets.select(&q.facets, &q.q).1).is_empty());
}

#[test]
fn one_fact_reads_the_same_in_the_filter_the_badge_and_the_csv() {
    use scorecard_explorer::stats::trend::Direction;
    use scorecard_explorer::stats::vocabulary::{summary_trend, trend_choice};
    // Each computed direction's words sit inside the filter choice that holds it.
    for d in [
        Direction::IncreasingAndGettingBetter,
        Direction::IncreasingAndGettingWorse,
        Direction::DecreasingAndGettingBetter,
        Direction::DecreasingAndGettingWorse,
        Direction::NoSignificantChange,
    ] {
        let trend = d.as_trend().unwrap();
        let tail = d.label().rsplit(" and ").next().unwrap().to_lowercase();
        assert!(trend_choice(&trend).to_lowercase().contains(&tail), "{:?} in {:?}", d.label(), trend_choice(&trend));
    }
    let b = riverside();
    let p = period(&b, LATEST);
    let facets = FacetIndex::new(&b, p);
    let labels: Vec<&str> = facets.choices(Facet::Trend).iter().map(|c| c.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Improving or getting better",
            "Stable or no significant change",
            "Declining or getting worse",
            "Not known or not stated"
        ]
    );
    // The CSV's trend cell is the badge's words, item by item.
    let all: Vec<usize> = (0..b.items.len()).filter(|&i| facets.summary(i).is_some()).collect();
    let csv = scorecard_explorer::explore::items_csv::items_csv(&b, &all, p);
    let mut reader = csv::ReaderBuilder::new().from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let trend_at = header.iter().position(|h| h == "trend").unwrap();
    let rag_at = header.iter().position(|h| h == "rag").unwrap();
    for (record, &i) in reader.records().map(Result::unwrap).zip(&all) {
        let summary = facets.summary(i).unwrap();
        assert_eq!(&record[trend_at], summary_trend(summary));
        assert_eq!(&record[rag_at], summary.rag.label(), "words, not codes");
    }
}

#[test]
fn a_computed_trend_is_in_fingertips_words_and_a_missing_statement_is_not_stated() {
    use scorecard_explorer::bundle::Trend;
    use scorecard_explorer::stats::status::{Judged, Origin};
    use scorecard_explorer::stats::trend::Direction;
    use scorecard_explorer::stats::vocabulary::trend_words;
    let computed = Judged { value: Some(Trend::Declining), origin: Origin::Computed, disagreement: None };
    assert_eq!(
        trend_words(&computed, Some(Direction::IncreasingAndGettingWorse), None),
        "Increasing and getting worse"
    );
    let stated = Judged { value: Some(Trend::Stable), origin: Origin::Stated, disagreement: None };
    assert_eq!(trend_words(&stated, Some(Direction::NoSignificantChange), Some(&Trend::Stable)), "Stable");
    let missing: Judged<Trend> = Judged { value: None, origin: Origin::Missing, disagreement: None };
    assert_eq!(trend_words(&missing, None, None), "Not stated");
    assert_eq!(trend_words(&missing, None, Some(&Trend::NotKnown)), "Not known", "the scorecard said not known");
}

#[test]
fn the_headline_names_the_latest_value_and_the_comparator() {
    use scorecard_explorer::bundle::{Benchmark, Item, Point};
    use scorecard_explorer::explore::detail::headline;
    let mut item = Item { unit: Some("per 100,000".into()), ..Item::default() };
    let point = Point {
        date: "2018-12-31".into(),
        label: Some("2016-18".into()),
        value: Some(11.4),
        benchmark: Some(9.6),
        ..Point::default()
    };
    assert_eq!(
        headline(&item, Some(&point), Some(&Benchmark::Worse)).unwrap(),
        "Latest: 11.4 per 100,000 (2016-18); benchmark 9.6 per 100,000; Worse than benchmark"
    );
    item.comparator_label = Some("England".into());
    assert_eq!(
        headline(&item, Some(&point), Some(&Benchmark::Worse)).unwrap(),
        "Latest: 11.4 per 100,000 (2016-18); England 9.6 per 100,000; Worse than England"
    );
    // With its interval, the figures an analyst checks the verdict by.
    let limited = Point { lower: Some(10.25), upper: Some(12.6), ..point.clone() };
    assert_eq!(
        headline(&item, Some(&limited), Some(&Benchmark::Worse)).unwrap(),
        "Latest: 11.4 per 100,000 (2016-18; 95% CI 10.25–12.6); England 9.6 per 100,000; Worse than England"
    );
    let alone = Point { benchmark: None, ..point };
    assert_eq!(
        headline(&item, Some(&alone), Some(&Benchmark::NotCompared)).unwrap(),
        "Latest: 11.4 per 100,000 (2016-18)"
    );
    assert_eq!(headline(&item, None, None), None);
}

#[test]
fn symbols_the_source_printed_become_notes_from_the_source_document() {
    use scorecard_explorer::explore::detail::source_notes;
    let mut b = small(&[("a", "a", "red")]);
    assert!(source_notes(&b, &b.items[0]).is_empty());
    b.items[0].assessments[0].source_symbol = Some("<b>⇒</b>".into());
    assert_eq!(
        source_notes(&b, &b.items[0]),
        ["Period one: the source printed “<b>⇒</b>” for the trend, which could not be read with certainty."]
    );
}

#[test]
fn the_october_2018_paper_opens_with_every_exception_red_first() {
    let b = somerset();
    let report = ExceptionReport::new(&b, period(&b, "2018-10"));
    let summary = report.summary();
    assert_eq!(summary.len(), report.total());
    let first_amber = summary.iter().position(|e| e.rag == Rag::Amber).unwrap();
    assert!(first_amber > 0 && summary[..first_amber].iter().all(|e| e.rag == Rag::Red));
    assert!(summary[first_amber..].iter().all(|e| e.rag == Rag::Amber));
    // Each row names its workstream and a lead: the workstream's, as no item names its own.
    let ihas = summary.iter().find(|e| e.title.contains("IHAs")).unwrap();
    assert_eq!((ihas.workstream.as_str(), ihas.lead.as_deref()), ("Workstream 4", Some("Julian Wooster")));
    assert!(summary.iter().all(|e| !e.trend.is_empty()));

    let csv = scorecard_explorer::explore::items_csv::exceptions_csv(&report);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines.len(), 1 + report.total(), "a header and one row an exception");
    assert!(lines[0].starts_with("\u{feff}Item,Workstream,RAG,Trend,"));
    assert!(lines[1].contains(",Red,"), "{}", lines[1]);
}

#[test]
fn a_workstream_headline_is_said_once_not_again_in_each_items_commentary() {
    let b = somerset();
    let report = ExceptionReport::new(&b, period(&b, "2018-10"));
    let group = |id: &str| report.groups.iter().find(|g| g.workstream.id == id).unwrap();
    let ws1 = group("ws1");
    let headline = ws1.headline.as_deref().unwrap();
    assert!(headline.starts_with("The metric"), "no leading \"Workstream 1:\": {headline}");
    // Its two items' commentary is the headline, word for word: nothing more to say.
    assert!(ws1.items.iter().all(|e| e.commentary.is_some() && e.new_commentary.is_none()));
    // What an item adds to its headline stays, and only that.
    let ws5 = group("ws5");
    let added = ws5.items[0].new_commentary.as_deref().unwrap();
    assert!(added.starts_with("Listed in the scorecard under"), "{added}");
    let total_words = |text: Option<&str>| text.map_or(0, |t| t.split_whitespace().count());
    let before: usize = report.groups.iter().flat_map(|g| &g.items).map(|e| total_words(e.commentary.as_deref())).sum();
    let after: usize =
        report.groups.iter().flat_map(|g| &g.items).map(|e| total_words(e.new_commentary.as_deref())).sum();
    assert!(after * 5 < before, "the paper repeats far less: {after} words of {before}");
}

#[test]
fn a_chart_is_titled_and_its_legend_names_only_the_lines_it_draws() {
    use scorecard_explorer::bundle::Point;
    use scorecard_explorer::explore::figure::{Figure, Key, TableColumns};
    let mut b = somerset();
    b.items[0].comparator_label = Some("England".into());
    b.items[0].unit = Some("per 100,000".into());
    let item = &b.items[0];
    let point = |value: Option<f64>, limits: bool, benchmark: Option<f64>, target: Option<f64>| Point {
        date: "2018-03-31".into(),
        value,
        lower: value.filter(|_| limits).map(|v| v - 1.0),
        upper: value.filter(|_| limits).map(|v| v + 1.0),
        benchmark,
        target,
        ..Default::default()
    };
    let bare = Figure::new(&b, item, &[point(Some(3.0), false, None, None), point(None, false, None, None)]);
    assert_eq!(bare.legend, [Key::Value], "no interval, comparator or target where the series has none");
    assert_eq!(bare.title, item.title);
    assert_eq!(bare.unit_line().as_deref(), Some("Unit: per 100,000"));
    assert_eq!(bare.source, Some(format!("Source: {}", b.source.title.clone().unwrap())));
    assert!(bare.notice.as_deref().unwrap().starts_with("Illustrative data"), "Somerset's values are illustrative");
    let full =
        Figure::new(&b, item, &[point(Some(3.0), true, None, Some(2.0)), point(Some(4.0), false, Some(5.0), None)]);
    let labels: Vec<String> = full.legend.iter().map(Key::label).collect();
    assert_eq!(labels, ["Value", "95% confidence interval", "Comparator: England", "Target"]);
    // The values table: its columns and caption from one decision, naming no column it lacks.
    let columns = |series: &[Point]| TableColumns::new(item, series);
    let bare_table = columns(&[point(Some(3.0), false, None, None)]);
    assert_eq!(bare_table.caption(), "Values by period", "the table's caption names no column it lacks");
    assert_eq!(bare_table.comparator_heading(), None);
    let full_table = columns(&[point(Some(3.0), true, None, Some(2.0)), point(Some(4.0), false, Some(5.0), None)]);
    assert_eq!(full_table.caption(), "Values, 95% confidence limits, England and target by period");
    assert_eq!(full_table.comparator_heading().as_deref(), Some("England"));
    assert_eq!(columns(&[point(Some(3.0), false, None, Some(2.0))]).caption(), "Values and target by period");
    // The count and denominator behind a rate, when the series has them.
    let counted = Point { count: Some(412.0), denominator: Some(3_560_000.0), ..point(Some(11.6), true, None, None) };
    let counted = columns(&[counted]);
    assert!(counted.count && counted.denominator);
    assert_eq!(counted.caption(), "Values, 95% confidence limits, count and denominator by period");
    b.source.illustrative = false;
    assert_eq!(Figure::new(&b, &b.items[0], &[]).notice, None);
}

/// Anyone can write an address: text from it is cut, and cannot reorder or restyle the
/// app's own sentence (a right-to-left override, a paragraph of instructions).
#[test]
fn address_text_is_quoted_cut_and_isolated() {
    use scorecard_explorer::explore::query::Quoted;
    let long = format!("IMPORTANT re-enter your password at http://evil.example {}", "x".repeat(3000));
    let note = UrlNote::UnknownItem(long).to_string();
    assert!(note.chars().count() < 120, "{note}");
    assert!(note.contains("…\u{2069}”"), "the cut is shown: {note}");
    let reversed = UrlNote::UnknownChoice { facet: Facet::Rag, word: "red\u{202e}gnihtemos".into() }.to_string();
    assert_eq!(reversed, "“\u{2068}redgnihtemos\u{2069}” is not a rag of this scorecard, so it was ignored.");
    assert_eq!(Quoted("a\u{1b}]0;title\u{7}b").to_string(), "“\u{2068}a]0;titleb\u{2069}”");
    let exactly = "y".repeat(Quoted::MAX_CHARS);
    assert_eq!(Quoted(&exactly).to_string(), format!("“\u{2068}{exactly}\u{2069}”"), "nothing cut at the limit");
}

/// A red or amber item without a latest value says why, never "No value" alone: an action
/// has no figures; a metric may have none up to this edition.
#[test]
fn an_exception_without_a_value_says_why() {
    use scorecard_explorer::bundle::Kind;
    use scorecard_explorer::explore::exceptions::no_figures;
    let b = riverside();
    let report = ExceptionReport::new(&b, period(&b, LATEST));
    let mut seen = 0;
    for e in report.summary() {
        let item = b.items.iter().find(|i| i.id == e.id).unwrap();
        if item.kind == Some(Kind::Action) {
            assert!(e.latest.starts_with("No figures for an action"), "{}: {}", e.id, e.latest);
            seen += 1;
        }
        assert!(!e.latest.is_empty(), "{}", e.id);
    }
    assert!(seen > 0, "riverside lists an action");
    let mut metric = b.items.iter().find(|i| i.kind == Some(Kind::Metric) && !i.series.is_empty()).unwrap().clone();
    assert_eq!(no_figures(&metric), "No data for this period");
    metric.series.clear();
    assert_eq!(no_figures(&metric), "No figures for this item");
}

/// A card's line of commentary: the first line, cut short, and none when it only repeats
/// the title (on a phone it would just double the card).
#[test]
fn a_cards_commentary_that_repeats_the_title_is_left_out() {
    use scorecard_explorer::bundle::Assessment;
    use scorecard_explorer::explore::excerpt::{excerpt, MAX_CHARS};
    let mut item =
        scorecard_explorer::bundle::Item { title: "Smoking prevalence in adults (15+)".into(), ..Default::default() };
    let mut say = |text: &str| {
        item.assessments = vec![Assessment { period: "p".into(), commentary: Some(text.into()), ..Default::default() }];
        excerpt(&item, "p")
    };
    assert_eq!(say("Smoking prevalence in adults (15+)"), None);
    assert_eq!(say("  smoking prevalence in adults 15+.\nMore below"), None, "case, spaces and punctuation aside");
    assert_eq!(say("Smoking prevalence"), None, "part of the title says nothing new");
    assert_eq!(say("Fell to 12.9% from 14.1%.\nSecond line").as_deref(), Some("Fell to 12.9% from 14.1%."));
    assert_eq!(say(&"x".repeat(500)).map(|e| e.chars().count()), Some(MAX_CHARS));
    assert_eq!(say("  "), None);
}

/// The table (and so its CSV) marks what the viewer computed, as the cards do: a computed
/// trend must not read as the scorecard's own.
#[test]
fn the_table_marks_a_computed_trend() {
    use scorecard_explorer::explore::table::{self, Column};
    use scorecard_explorer::stats::status::Origin;
    let b = riverside();
    let p = period(&b, LATEST);
    let index = FacetIndex::new(&b, p);
    let all = index.matching(&Default::default());
    let rows = table::rows(&b, &index, &all, p);
    let mut computed = 0;
    for row in &rows {
        let summary = index.summary(row.item_idx).unwrap();
        let cell = row.cell(Column::Trend);
        assert_eq!(cell.ends_with(" (computed)"), summary.trend.origin == Origin::Computed, "{}: {cell}", row.id);
        computed += usize::from(summary.trend.origin == Origin::Computed);
    }
    assert!(computed > 0, "riverside has computed trends");
}

/// A computed trend says the periods it covers, the first and the last of the five latest
/// values ("2016/17 to 2020/21"); a stated trend, or none, says none.
#[test]
fn a_computed_trend_names_the_periods_it_covers() {
    use scorecard_explorer::stats::status::{status, Origin};
    let b = riverside();
    let period = b.periods.iter().find(|p| p.id == LATEST).unwrap();
    let (mut computed, mut stated) = (0, 0);
    for item in &b.items {
        let s = status(&b, item, period);
        let valued: Vec<_> = s.series.iter().filter(|p| p.value.is_some()).collect();
        let name = |p: &&scorecard_explorer::bundle::Point| p.label.clone().unwrap_or_else(|| p.date.clone());
        match (s.trend.origin, s.trend.value.is_some(), s.trend_calculation.direction()) {
            (Origin::Computed, true, Some(_)) => {
                computed += 1;
                let last = &valued[valued.len() - 5..];
                let expected = format!("{} to {}", name(&last[0]), name(&last[4]));
                assert_eq!(s.trend_over().as_deref(), Some(expected.as_str()), "{}", item.id);
                assert_eq!(s.summary().trend_over, s.trend_over(), "{}: the list's summary says the same", item.id);
            }
            _ => {
                stated += 1;
                assert_eq!(s.trend_over(), None, "{}: no computed trend shown", item.id);
            }
        }
    }
    assert!(computed > 0 && stated > 0, "both kinds in the sample: {computed} computed, {stated} not");
}
