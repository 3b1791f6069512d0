//! Properties that hold for every valid bundle, not just the examples: generated bundles
//! (a few periods, workstreams, items with assessments and series, hostile text) loaded
//! whole and in steps, written to a workbook and read back, filtered, sorted, counted,
//! exported as CSV; URL states written and read; statistics with shuffled points and
//! reversed polarity.

use proptest::prelude::*;

use scorecard_explorer::bundle::stepwise::{Loader, Sizes};
use scorecard_explorer::bundle::{
    load, Assessment, Benchmark, Board, Bundle, ContextSection, Item, Kind, Period, Point, Polarity, Rag, Scope,
    Source, Trend, Workstream, FORMAT, VERSION,
};
use scorecard_explorer::explore::facets::{Facet, FacetIndex};
use scorecard_explorer::explore::items_csv::{defused, items_csv, table_csv};
use scorecard_explorer::explore::order::ordered;
use scorecard_explorer::explore::query::{Preset, Query, Sort, View};
use scorecard_explorer::explore::table::{self, Column, TableSort};
use scorecard_explorer::stats::compare::{compare_with_benchmark, CompareResult, Level};
use scorecard_explorer::stats::status::in_period;
use scorecard_explorer::stats::trend::{recent_trend, Direction, TrendResult};
use scorecard_explorer::workbook::{build, File, Limits};

/// Text a person might type, with what breaks naive writers: quotes, commas, line
/// breaks, markup, accents, bidi and zero-width characters. Starts and ends with no
/// white space, as a workbook cell's text is read trimmed.
fn text() -> impl Strategy<Value = String> {
    "[A-Za-z]([A-Za-z0-9 ,.;\"'&<>/é£\n\u{202E}\u{200B}-]{0,13}[A-Za-z0-9.\"é])?"
}

fn pick<T: Clone>(options: &[T], n: usize) -> T {
    options[n % options.len()].clone()
}

/// An item as random choices; the ids it names are resolved by [`bundle`].
#[derive(Debug, Clone)]
struct ItemSpec {
    workstream: usize,
    metric: bool,
    scope: usize,
    code: Option<String>,
    title: String,
    parent: Option<usize>,
    polarity: usize,
    unit: Option<String>,
    /// Period, RAG, trend and benchmark (as positions) and commentary.
    assessments: Vec<(usize, usize, usize, usize, Option<String>)>,
    series: Vec<PointSpec>,
}

/// Date (months after 2000), value, distances to the lower and upper limits, benchmark,
/// and count and denominator (in either order).
type PointSpec = (u16, f64, f64, f64, Option<f64>, Option<(u32, u32)>);

fn item_spec() -> impl Strategy<Value = ItemSpec> {
    let assessment = (0..4usize, 0..6usize, 0..5usize, 0..5usize, proptest::option::of(text()));
    // Distinct dates come from distinct offsets; values finite, lower <= value <= upper.
    let point = (
        0..40u16,
        -1e4..1e4f64,
        0.0..50.0f64,
        0.0..50.0f64,
        proptest::option::of(-1e4..1e4f64),
        proptest::option::of((1..500u32, 1..500u32)),
    );
    (
        (0..8usize, any::<bool>(), 0..3usize, proptest::option::of("[A-Z]{2,4} [0-9]\\.[0-9]"), text()),
        (proptest::option::of(0..20usize), 0..4usize, proptest::option::of("%|days|per 100,000")),
        proptest::collection::vec(assessment, 0..4),
        proptest::collection::vec(point, 0..8),
    )
        .prop_map(|((workstream, metric, scope, code, title), (parent, polarity, unit), assessments, series)| {
            ItemSpec { workstream, metric, scope, code, title, parent, polarity, unit, assessments, series }
        })
}

/// A valid bundle: every id it names exists, no id or date repeats.
fn bundle() -> impl Strategy<Value = Bundle> {
    (1..4usize, proptest::collection::vec((text(), text()), 1..4), proptest::collection::vec(item_spec(), 0..12))
        .prop_map(|(n_periods, workstreams, specs)| {
            let periods: Vec<Period> = (0..n_periods)
                .map(|i| Period {
                    id: format!("{}-03", 2020 + i),
                    label: format!("March {}", 2020 + i),
                    end: format!("{}-03-31", 2020 + i),
                })
                .collect();
            let workstreams: Vec<Workstream> = workstreams
                .into_iter()
                .enumerate()
                .map(|(i, (label, title))| Workstream {
                    id: format!("ws{i}"),
                    label,
                    title,
                    lead: (i % 2 == 0).then(|| "Director of Public Health".to_string()),
                    headlines: [(periods[0].id.clone(), format!("Headline {i}"))].into_iter().collect(),
                })
                .collect();
            let n_items = specs.len();
            let items = specs
                .into_iter()
                .enumerate()
                .map(|(i, s)| {
                    let mut seen = std::collections::HashSet::new();
                    let assessments = s
                        .assessments
                        .into_iter()
                        .filter(|a| seen.insert(a.0 % n_periods))
                        .map(|(p, rag, trend, bench, commentary)| Assessment {
                            period: periods[p % n_periods].id.clone(),
                            rag: pick(
                                &[
                                    None,
                                    Some(Rag::Red),
                                    Some(Rag::Amber),
                                    Some(Rag::Green),
                                    Some(Rag::Complete),
                                    Some(Rag::NotRated),
                                ],
                                rag,
                            ),
                            trend: pick(
                                &[
                                    None,
                                    Some(Trend::Improving),
                                    Some(Trend::Stable),
                                    Some(Trend::Declining),
                                    Some(Trend::NotKnown),
                                ],
                                trend,
                            ),
                            benchmark: pick(
                                &[
                                    None,
                                    Some(Benchmark::Better),
                                    Some(Benchmark::Similar),
                                    Some(Benchmark::Worse),
                                    Some(Benchmark::NotCompared),
                                ],
                                bench,
                            ),
                            commentary,
                            source_symbol: None,
                        })
                        .collect();
                    let mut dates = std::collections::HashSet::new();
                    let series = s
                        .series
                        .into_iter()
                        .filter(|p| dates.insert(p.0))
                        .map(|(d, value, below, above, benchmark, counts)| Point {
                            date: format!("{}-{:02}", 2000 + d / 12, 1 + d % 12),
                            label: None,
                            value: Some(value),
                            lower: Some(value - below),
                            upper: Some(value + above),
                            benchmark,
                            target: None,
                            count: counts.map(|(x, n)| x.min(n) as f64),
                            denominator: counts.map(|(x, n)| x.max(n) as f64),
                        })
                        .collect();
                    Item {
                        id: format!("item{i}"),
                        workstream: workstreams[s.workstream % workstreams.len()].id.clone(),
                        kind: Some(if s.metric { Kind::Metric } else { Kind::Action }),
                        title: s.title,
                        scope: pick(&[None, Some(Scope::Local), Some(Scope::National)], s.scope),
                        code: s.code,
                        parent: s.parent.map(|p| p % n_items).filter(|&p| p != i).map(|p| format!("item{p}")),
                        lead: None,
                        unit: s.unit,
                        polarity: pick(
                            &[
                                None,
                                Some(Polarity::HigherIsBetter),
                                Some(Polarity::LowerIsBetter),
                                Some(Polarity::NoJudgement),
                            ],
                            s.polarity,
                        ),
                        assessments,
                        series,
                        comparator_label: s.metric.then(|| "England".to_string()),
                        fingertips: None,
                        ..Item::default()
                    }
                })
                .collect();
            Bundle {
                format: FORMAT.to_string(),
                version: VERSION,
                board: Board {
                    name: "Riverside Health and Wellbeing Board".into(),
                    area: "Riverside".into(),
                    ..Board::default()
                },
                source: Source { illustrative: true, ..Source::default() },
                context: vec![ContextSection {
                    period: periods[0].id.clone(),
                    heading: "Duties".into(),
                    entries: vec!["Pharmaceutical needs".into()],
                }],
                periods,
                workstreams,
                items,
                ..Bundle::default()
            }
        })
}

/// The generated bundle as the viewer holds it: serialised and loaded (points sorted).
fn loaded(bundle: &Bundle) -> Bundle {
    load(&serde_json::to_vec_pretty(bundle).unwrap()).unwrap_or_else(|p| panic!("a generated bundle is invalid: {p:?}"))
}

/// A selection: per facet, some of its choices (by position), and maybe a search word.
fn picks() -> impl Strategy<Value = (Vec<(usize, Vec<usize>)>, String)> {
    (proptest::collection::vec((0..7usize, proptest::collection::vec(0..8usize, 1..3)), 0..3), "|[a-z]{1,2}|item1")
}

fn selection_words(index: &FacetIndex, picks: &[(usize, Vec<usize>)]) -> Vec<(Facet, Vec<String>)> {
    let mut out: Vec<(Facet, Vec<String>)> = Vec::new();
    for (f, choices) in picks {
        let facet = Facet::ALL[*f];
        let options = index.choices(facet);
        if options.is_empty() || out.iter().any(|(g, _)| *g == facet) {
            continue;
        }
        out.push((facet, choices.iter().map(|c| options[c % options.len()].word.clone()).collect()));
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A load in tiny steps gives exactly the bundle a load in one go gives.
    #[test]
    fn a_stepped_load_equals_a_whole_load(b in bundle(), scan in 1..64usize, items in 1..4usize) {
        let bytes = serde_json::to_vec_pretty(&b).unwrap();
        let whole = load(&bytes);
        prop_assert!(whole.is_ok(), "{:?}", whole);
        let mut loader = Loader::with_sizes(bytes, Sizes { one_step: 0, scan, items });
        let stepped = loop {
            if let Some(done) = loader.step() {
                break done;
            }
        };
        prop_assert!(!loader.whole() || b.items.is_empty(), "a valid bundle fell back to the load in one go");
        prop_assert_eq!(stepped, whole);
    }

    /// "All items" shows every item of the period once: none lost, none twice, whatever
    /// the filter and the order.
    #[test]
    fn no_item_is_lost_or_duplicated(b in bundle(), p in 0..3usize, picks in picks()) {
        let b = loaded(&b);
        let period = &b.periods[p % b.periods.len()];
        let in_the_period: Vec<usize> = (0..b.items.len()).filter(|&i| in_period(&b.items[i], &period.id)).collect();
        let index = FacetIndex::new(&b, period);
        prop_assert_eq!(index.len(), in_the_period.len());
        let (all, _) = index.select(&[], "");
        prop_assert_eq!(index.matching(&all), in_the_period.clone());

        let (selection, ignored) = index.select(&selection_words(&index, &picks.0), &picks.1);
        prop_assert!(ignored.is_empty());
        let matching = index.matching(&selection);
        prop_assert!(matching.windows(2).all(|w| w[0] < w[1]), "not in bundle order, or repeated");
        prop_assert!(matching.iter().all(|i| in_the_period.contains(i)));
        for sort in Sort::ALL {
            let groups = ordered(&b, &index, &matching, sort, &period.id);
            let mut shown: Vec<usize> = groups.into_iter().flat_map(|g| g.items).collect();
            shown.sort_unstable();
            prop_assert_eq!(&shown, &matching, "sorted by {:?}", sort);
        }
    }

    /// The count beside each filter option is the number of items shown once it is chosen
    /// (alone in its facet, the other facets and the search kept).
    #[test]
    fn each_option_count_is_what_choosing_it_shows(b in bundle(), p in 0..3usize, picks in picks()) {
        let b = loaded(&b);
        let period = &b.periods[p % b.periods.len()];
        let index = FacetIndex::new(&b, period);
        let words = selection_words(&index, &picks.0);
        let (selection, _) = index.select(&words, &picks.1);
        let counts = index.counts(&selection);
        for facet in Facet::ALL {
            for (c, choice) in index.choices(facet).iter().enumerate() {
                let mut alone: Vec<(Facet, Vec<String>)> = words.iter().filter(|(f, _)| *f != facet).cloned().collect();
                alone.push((facet, vec![choice.word.clone()]));
                let (chosen, _) = index.select(&alone, &picks.1);
                prop_assert_eq!(counts[facet][c], index.matching(&chosen).len(), "{:?} {}", facet, choice.word);
            }
        }
    }

    /// The CSV export, parsed by a CSV reader, gives back every cell the list shows: one
    /// row per item, in order, text intact (quotes, commas, line breaks).
    #[test]
    fn csv_export_parses_back_to_the_shown_cells(b in bundle(), p in 0..3usize) {
        let b = loaded(&b);
        let period = &b.periods[p % b.periods.len()];
        let index = FacetIndex::new(&b, period);
        let (all, _) = index.select(&[], "");
        let shown = index.matching(&all);
        let csv = items_csv(&b, &shown, period);
        let body = csv.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
        let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let column = |name: &str| header.iter().position(|h| h == name).unwrap();
        let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        prop_assert_eq!(records.len(), shown.len());
        for (record, &i) in records.iter().zip(&shown) {
            let item = &b.items[i];
            prop_assert_eq!(record.len(), header.len());
            prop_assert_eq!(&record[column("id")], item.id.as_str());
            prop_assert_eq!(&record[column("title")], item.title.as_str());
            prop_assert_eq!(&record[column("workstream")], item.workstream.as_str());
            prop_assert_eq!(&record[column("code")], item.code.as_deref().unwrap_or(""));
            prop_assert_eq!(&record[column("period")], period.id.as_str());
            let assessment = item.assessment(&period.id);
            let commentary = assessment.and_then(|a| a.commentary.as_deref()).unwrap_or("");
            prop_assert_eq!(&record[column("commentary")], commentary);
            let summary = index.summary(i).unwrap();
            prop_assert_eq!(&record[column("rag")], summary.rag.label());
            // The same words as the card's trend badge.
            prop_assert_eq!(&record[column("trend")], scorecard_explorer::stats::vocabulary::summary_trend(summary));
        }
    }

    /// The table view's CSV, parsed by a CSV reader, is the table: its headings, and its
    /// rows in the order shown, cell for cell (a cell that would run as a formula kept
    /// as text), whichever column it is sorted by.
    #[test]
    fn table_csv_parses_back_to_the_tables_cells(b in bundle(), p in 0..3usize, c in 0..7usize, desc in any::<bool>()) {
        let b = loaded(&b);
        let period = &b.periods[p % b.periods.len()];
        let index = FacetIndex::new(&b, period);
        let (all, _) = index.select(&[], "");
        let rows = table::rows(&b, &index, &index.matching(&all), period);
        let direction = if desc { table::Direction::Descending } else { table::Direction::Ascending };
        let order = table::order(&rows, Some(TableSort { column: Column::ALL[c], direction }));
        let shown: Vec<&table::Row> = order.iter().map(|&i| &rows[i]).collect();
        let csv = table_csv(&index, shown.iter().copied());
        let body = csv.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
        let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let expected: Vec<String> = Column::ALL.map(|c| c.label()).into_iter().chain(table::FIGURE_HEADINGS).map(String::from).collect();
        prop_assert_eq!(header, expected);
        let records: Vec<Vec<String>> =
            reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        let cells: Vec<Vec<String>> =
            shown.iter().map(|r| r.cells.iter().chain(&r.figures).cloned().map(defused).collect()).collect();
        prop_assert_eq!(records, cells);
        // The order is a permutation of the rows: none lost, none twice.
        let mut seen = order.clone();
        seen.sort_unstable();
        prop_assert_eq!(seen, (0..rows.len()).collect::<Vec<_>>());
    }
}

proptest! {
    // Writing and reading an .xlsx is the slow part: fewer cases.
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Bundle -> workbook -> bundle gives the bundle back, and a second round changes
    /// nothing (as an .xlsx and as a folder of CSV files).
    #[test]
    fn workbook_round_trips_are_stable(b in bundle()) {
        let b = loaded(&b);
        let xlsx = scorecard_explorer::workbook::write::workbook(&b).unwrap();
        let once = build(&[File { name: "board.xlsx", bytes: &xlsx }], &[], &Limits::default());
        prop_assert_eq!(once.errors(), 0, "{:?}", once.problems);
        let once = loaded(&once.bundle);
        prop_assert_eq!(&once, &b);
        let xlsx = scorecard_explorer::workbook::write::workbook(&once).unwrap();
        let twice = build(&[File { name: "board.xlsx", bytes: &xlsx }], &[], &Limits::default());
        prop_assert_eq!(loaded(&twice.bundle), once);

        let files = scorecard_explorer::workbook::export::csv_files(&b);
        let files: Vec<File> = files.iter().map(|(name, bytes)| File { name, bytes }).collect();
        let from_csv = build(&files, &[], &Limits::default());
        prop_assert_eq!(from_csv.errors(), 0, "{:?}", from_csv.problems);
        prop_assert_eq!(loaded(&from_csv.bundle), b);
    }

    /// Text a spreadsheet would run as a formula (=, +, -, @ first, after any apostrophes
    /// a person typed) is written to CSV with an apostrophe and read back as it was.
    #[test]
    fn formula_like_text_round_trips_through_csv(
        b in bundle(),
        titles in proptest::collection::vec(("['=+@-]{0,3}", text()), 12),
    ) {
        let mut b = loaded(&b);
        for (item, (lead, title)) in b.items.iter_mut().zip(&titles) {
            item.title = format!("{lead}{title}");
            if let Some(a) = item.assessments.first_mut() {
                a.commentary = Some(format!("{title}{lead}"));
            }
        }
        let b = loaded(&b);
        let files = scorecard_explorer::workbook::export::csv_files(&b);
        for (name, bytes) in &files {
            let mut reader = csv::ReaderBuilder::new().from_reader(&bytes[..]);
            for cell in reader.records().flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>()) {
                let runs = cell.starts_with(['=', '+', '-', '@']) && cell.parse::<f64>().is_err();
                prop_assert!(!runs, "{} writes {:?}, which a spreadsheet runs", name, cell);
            }
        }
        let files: Vec<File> = files.iter().map(|(name, bytes)| File { name, bytes }).collect();
        let from_csv = build(&files, &[], &Limits::default());
        prop_assert_eq!(from_csv.errors(), 0, "{:?}", from_csv.problems);
        prop_assert_eq!(loaded(&from_csv.bundle), b);
    }
}

/// A URL state as the page makes it: words trimmed and never empty, facet words without
/// commas, each facet once and in the page's order.
fn query() -> impl Strategy<Value = Query> {
    let word =
        "[A-Za-z0-9_./:%?&=+#é\u{202E}-]([A-Za-z0-9_ ./:%?&=+#é\u{202E}-]{0,10}[A-Za-z0-9_./:%?&=+#é\u{202E}-])?";
    (
        proptest::option::of(word),
        proptest::option::of(word),
        proptest::collection::btree_map(0..7usize, proptest::collection::vec(word, 1..3), 0..4),
        ".{0,12}",
        proptest::option::of(word),
        (0..View::ALL.len(), 0..3usize, any::<bool>(), any::<bool>()),
        proptest::option::of((0..Column::ALL.len(), any::<bool>())),
    )
        .prop_map(|(bundle, period, facets, q, item, (view, sort, embed, red_red), table_sort)| Query {
            bundle,
            period,
            facets: facets.into_iter().map(|(f, words)| (Facet::ALL[f], words)).collect(),
            q,
            item,
            view: View::ALL[view],
            sort: Sort::ALL[sort],
            preset: red_red.then_some(Preset::RedRed),
            table_sort: table_sort.map(|(c, desc)| TableSort {
                column: Column::ALL[c],
                direction: if desc { table::Direction::Descending } else { table::Direction::Ascending },
            }),
            embed,
            ignored: Vec::new(),
        })
}

/// The figures of a series as written; shuffled copies must give the same statistics.
fn trend_series() -> impl Strategy<Value = Vec<Point>> {
    proptest::collection::vec((100..100_000u32, 0.0..1.0f64, 0.0..3.0f64, proptest::option::of(0.0..100.0f64)), 0..9)
        .prop_map(|points| {
            points
                .into_iter()
                .enumerate()
                .map(|(year, (n, share, width, benchmark))| {
                    let count = (f64::from(n) * share).floor();
                    let value = 100.0 * count / f64::from(n);
                    Point {
                        date: format!("{}", 2010 + year),
                        label: Some(format!("{}", 2010 + year)),
                        value: Some(value),
                        lower: Some(value - width),
                        upper: Some(value + width),
                        benchmark,
                        count: Some(count),
                        denominator: Some(f64::from(n)),
                        ..Point::default()
                    }
                })
                .collect()
        })
}

/// The series as the viewer holds it after a load: a bundle lists points in any order.
fn as_loaded(series: Vec<Point>) -> Vec<Point> {
    let mut b = Bundle {
        format: FORMAT.into(),
        version: VERSION,
        board: Board { name: "B".into(), area: "A".into(), ..Board::default() },
        periods: vec![Period { id: "p".into(), label: "P".into(), end: "2020-03-31".into() }],
        workstreams: vec![Workstream { id: "w".into(), label: "W".into(), title: "W".into(), ..Workstream::default() }],
        ..Bundle::default()
    };
    b.items.push(Item {
        id: "m".into(),
        workstream: "w".into(),
        kind: Some(Kind::Metric),
        title: "M".into(),
        series,
        ..Item::default()
    });
    loaded(&b).items.remove(0).series
}

fn flipped(d: Direction) -> Direction {
    match d {
        Direction::IncreasingAndGettingBetter => Direction::IncreasingAndGettingWorse,
        Direction::IncreasingAndGettingWorse => Direction::IncreasingAndGettingBetter,
        Direction::DecreasingAndGettingBetter => Direction::DecreasingAndGettingWorse,
        Direction::DecreasingAndGettingWorse => Direction::DecreasingAndGettingBetter,
        other => other,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    /// State -> URL -> state is the identity, and the URL text is stable.
    #[test]
    fn state_to_url_to_state_is_the_identity(q in query()) {
        let url = q.to_query_string();
        let again = Query::parse(&url);
        prop_assert_eq!(&again, &q, "{}", url);
        prop_assert_eq!(again.to_query_string(), url);
    }

    /// The recent trend and the benchmark comparison do not depend on the order in which
    /// the bundle lists the points.
    #[test]
    fn statistics_do_not_depend_on_the_order_of_points(
        (series, shuffled) in trend_series().prop_flat_map(|s| (Just(s.clone()), Just(s).prop_shuffle())),
        polarity in 0..3usize,
    ) {
        let polarity = pick(&[Polarity::HigherIsBetter, Polarity::LowerIsBetter, Polarity::NoJudgement], polarity);
        let (a, b) = (as_loaded(series), as_loaded(shuffled));
        prop_assert_eq!(recent_trend(&polarity, &a), recent_trend(&polarity, &b));
        prop_assert_eq!(
            compare_with_benchmark(&polarity, &a, Level::NinetyFive),
            compare_with_benchmark(&polarity, &b, Level::NinetyFive)
        );
    }

    /// Reversing the polarity turns better into worse and nothing else: the same figures,
    /// the same significance, the same reason when there is no result.
    #[test]
    fn statistics_flip_exactly_with_polarity(series in trend_series()) {
        let series = as_loaded(series);
        let up = recent_trend(&Polarity::HigherIsBetter, &series);
        let down = recent_trend(&Polarity::LowerIsBetter, &series);
        let none = recent_trend(&Polarity::NoJudgement, &series);
        match (&up, &down, &none) {
            (TrendResult::Computed(u), TrendResult::Computed(d), TrendResult::Computed(n)) => {
                prop_assert_eq!(d.direction, flipped(u.direction));
                prop_assert_eq!((u.increase, u.outlier, u.points_used), (d.increase, d.outlier, d.points_used));
                prop_assert!(u.chi_squared.to_bits() == d.chi_squared.to_bits());
                let significant = u.direction != Direction::NoSignificantChange;
                let expected = match (significant, u.increase) {
                    (false, _) => Direction::NoSignificantChange,
                    (true, true) => Direction::Increasing,
                    (true, false) => Direction::Decreasing,
                };
                prop_assert_eq!(n.direction, expected);
            }
            (TrendResult::CannotCalculate { .. }, _, _) => {
                prop_assert_eq!(&up, &down);
                prop_assert_eq!(&up, &none);
            }
            _ => prop_assert!(false, "computed for one polarity only: {:?} {:?} {:?}", up, down, none),
        }

        let up = compare_with_benchmark(&Polarity::HigherIsBetter, &series, Level::NinetyFive);
        let down = compare_with_benchmark(&Polarity::LowerIsBetter, &series, Level::NinetyFive);
        let none = compare_with_benchmark(&Polarity::NoJudgement, &series, Level::NinetyFive);
        let (expected_down, expected_none) = match &up {
            CompareResult::Better => (CompareResult::Worse, CompareResult::Higher),
            CompareResult::Worse => (CompareResult::Better, CompareResult::Lower),
            other => (other.clone(), other.clone()),
        };
        prop_assert_eq!(down, expected_down);
        prop_assert_eq!(none, expected_none);
    }
}
