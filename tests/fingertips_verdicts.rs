//! The viewer's statistics against the verdicts Fingertips itself published in the real
//! exports of `tests/fingertips/`: every `Recent Trend` whose series is in the same file,
//! and every `Compared to England` and `Compared to Region` (or `parent`) word whose
//! benchmark value is in the same file, must be reproduced. Run with `--nocapture` to see
//! the agreement counts, per file and in total. (The exports' `Compared to goal` column
//! is empty or absent in every file, so there is nothing of it to check.)
//!
//! An export does not say an indicator's polarity. For a trend it is read from the word
//! itself ("... and getting better" after an increase means higher is better; a word with
//! no "better" or "worse" means no judgement), so what is checked is the direction, its
//! significance and whether a trend can be calculated at all. For the comparison, one
//! polarity per indicator is read from its first "Better" or "Worse" row and then held for
//! every other row of that indicator, with England and with the region alike.

use std::collections::BTreeMap;

use scorecard_explorer::bundle::{Point, Polarity};
use scorecard_explorer::fingertips::{read, Row};
use scorecard_explorer::stats::compare::{compare_with_benchmark, CompareResult, Level};
use scorecard_explorer::stats::trend::recent_trend;

const ENGLAND: &str = "E92000001";

fn exports() -> Vec<(String, Vec<Row>)> {
    let dir = format!("{}/tests/fingertips", env!("CARGO_MANIFEST_DIR"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".csv"))
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(format!("{dir}/{name}")).unwrap();
            let rows = read(&name, &bytes).unwrap_or_else(|p| panic!("{name}: {p:?}")).rows;
            (name, rows)
        })
        .collect()
}

/// One series: an indicator for one area, sex, age and category.
type SeriesKey = (String, String, Option<String>, Option<String>, Option<String>, Option<String>);

fn series_key(r: &Row) -> SeriesKey {
    (
        r.indicator_id.clone(),
        r.area_code.clone(),
        r.sex.clone(),
        r.age.clone(),
        r.category_type.clone(),
        r.category.clone(),
    )
}

fn point(r: &Row, benchmark: Option<f64>) -> Point {
    Point {
        date: r.period().expect("a known period label").end,
        label: Some(r.time_period.clone()),
        value: r.value,
        lower: r.lower_95,
        upper: r.upper_95,
        count: r.count,
        denominator: r.denominator,
        benchmark,
        ..Default::default()
    }
}

/// The polarity a published trend word implies (see the module documentation).
fn polarity_of_trend_word(word: &str) -> Polarity {
    match word {
        "Increasing and getting better" | "Decreasing and getting worse" => Polarity::HigherIsBetter,
        "Increasing and getting worse" | "Decreasing and getting better" => Polarity::LowerIsBetter,
        _ => Polarity::NoJudgement,
    }
}

#[test]
fn published_recent_trends_are_reproduced() {
    let (mut agree, mut checked, mut no_series, mut long) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    let mut by_word: BTreeMap<String, usize> = BTreeMap::new();
    for (name, rows) in exports() {
        let mut series: BTreeMap<SeriesKey, Vec<&Row>> = BTreeMap::new();
        for r in &rows {
            series.entry(series_key(r)).or_default().push(r);
        }
        for r in rows.iter() {
            let Some(word) = r.recent_trend.as_deref() else { continue };
            let end = r.period().unwrap().end;
            let mut behind: Vec<&Row> =
                series[&series_key(r)].iter().copied().filter(|s| s.period().unwrap().end <= end).collect();
            behind.sort_by_key(|s| s.period().unwrap().end);
            if behind.len() < 2 {
                // A single-period export: the series Fingertips used is not in the file.
                no_series += 1;
                continue;
            }
            checked += 1;
            let points: Vec<Point> = behind.iter().map(|s| point(s, None)).collect();
            let result = recent_trend(&polarity_of_trend_word(word), &points);
            if points.len() >= 5 {
                // The series that test more than "fewer than 5 points": show their working.
                long += 1;
                let working = result.explanation().replacen(result.method().description(), "", 1);
                println!("  {name}: {} {}: {word:?}.{working}", r.area_name, r.time_period);
            }
            if result.label() == word {
                agree += 1;
                *by_word.entry(word.to_string()).or_default() += 1;
            } else {
                disagreements.push(format!(
                    "{name} line {}: {} {} {}: published {word:?}, computed {:?} ({})",
                    r.line,
                    r.indicator_name,
                    r.area_name,
                    r.time_period,
                    result.label(),
                    result.explanation()
                ));
            }
        }
    }
    println!(
        "trend {agree}/{checked}, of which {long} with 5 or more points in the file (by word: {by_word:?}; \
         {no_series} published beside a single period, not checkable)"
    );
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
    assert!(checked >= 6, "the Lambeth series at least");
}

/// Which published comparison a word is: with England, or with the row's parent area (the
/// region, for a county or unitary authority).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Against {
    England,
    Parent,
}

impl Against {
    fn word(self) -> &'static str {
        match self {
            Against::England => "England",
            Against::Parent => "region",
        }
    }

    /// The published word, and the area whose value is the benchmark.
    fn of(self, r: &Row) -> (Option<&str>, Option<&str>) {
        match self {
            Against::England => (r.compared_to_england.as_deref(), Some(ENGLAND)),
            Against::Parent => (r.compared_to_parent.as_deref(), r.parent_code.as_deref()),
        }
    }
}

/// How the computed comparisons of one file with one comparator stand against the
/// published ones.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    /// Rows Fingertips judged: `Better`, `Similar`, `Worse`, `Higher` or `Lower`.
    judged: usize,
    agree: usize,
    disagree: usize,
    /// Judged rows the file cannot check: the benchmark's value is not in the file, or the
    /// row has no 95% limits.
    not_comparable: usize,
    /// Rows Fingertips did not compare (`Not compared`).
    not_compared: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        self.judged += other.judged;
        self.agree += other.agree;
        self.disagree += other.disagree;
        self.not_comparable += other.not_comparable;
        self.not_compared += other.not_compared;
    }

    fn line(&self, what: &str) -> String {
        format!(
            "{what:<62} {:>6} {:>6} {:>8} {:>14} {:>13}",
            self.judged, self.agree, self.disagree, self.not_comparable, self.not_compared
        )
    }
}

/// The polarity of an indicator, read from a published `Better` or `Worse` with the
/// benchmark it was about: the first such word of an indicator sets it (see the module
/// documentation); `Higher` and `Lower` mean no judgement.
fn polarity_of_comparison_word(
    held: &mut BTreeMap<String, Polarity>,
    indicator: &str,
    word: &str,
    above: bool,
) -> Polarity {
    match word {
        "Higher" | "Lower" => Polarity::NoJudgement,
        "Similar" => held.get(indicator).cloned().unwrap_or(Polarity::HigherIsBetter),
        _ => held
            .entry(indicator.to_string())
            .or_insert(if above == (word == "Better") { Polarity::HigherIsBetter } else { Polarity::LowerIsBetter })
            .clone(),
    }
}

#[test]
fn published_comparisons_with_england_and_the_region_are_reproduced() {
    let mut tallies: BTreeMap<(String, Against), Tally> = BTreeMap::new();
    let mut disagreements = Vec::new();
    let mut not_comparable = Vec::new();
    for (name, rows) in exports() {
        // Every area's value for each indicator, sex, age, category and period.
        let key =
            |r: &Row| (r.indicator_id.clone(), r.sex.clone(), r.age.clone(), r.category.clone(), r.time_period.clone());
        let values: BTreeMap<_, f64> =
            rows.iter().filter_map(|r| Some(((r.area_code.clone(), key(r)), r.value?))).collect();
        let mut polarity: BTreeMap<String, Polarity> = BTreeMap::new();
        for against in [Against::England, Against::Parent] {
            let tally = tallies.entry((name.clone(), against)).or_default();
            for r in &rows {
                let (Some(word), Some(benchmark_area)) = against.of(r) else { continue };
                if r.area_code == benchmark_area {
                    continue;
                }
                if word == "Not compared" {
                    tally.not_compared += 1;
                    continue;
                }
                assert!(
                    matches!(word, "Better" | "Worse" | "Similar" | "Higher" | "Lower"),
                    "{name} line {}: a comparison word not yet seen in these files: {word:?}",
                    r.line
                );
                tally.judged += 1;
                let place = format!(
                    "{name} line {}: {} {} {} {}, against {}",
                    r.line,
                    r.indicator_id,
                    r.area_name,
                    r.time_period,
                    r.age.as_deref().unwrap_or_default(),
                    against.word()
                );
                let Some(&benchmark) = values.get(&(benchmark_area.to_string(), key(r))) else {
                    tally.not_comparable += 1;
                    not_comparable.push(format!("{place}: published {word:?}, no value for {benchmark_area}"));
                    continue;
                };
                let above = r.value.unwrap_or(f64::NAN) > benchmark;
                let polarity = polarity_of_comparison_word(&mut polarity, &r.indicator_id, word, above);
                let result = compare_with_benchmark(&polarity, &[point(r, Some(benchmark))], Level::NinetyFive);
                if let CompareResult::NotCompared { reason } = &result {
                    tally.not_comparable += 1;
                    not_comparable.push(format!("{place}: published {word:?}, not compared: {reason}"));
                } else if result.label() == word {
                    tally.agree += 1;
                } else {
                    tally.disagree += 1;
                    disagreements.push(format!(
                        "{place}: published {word:?}, computed {:?} (value {:?}, 95% limits {:?} to {:?}, \
                         benchmark {benchmark})",
                        result.label(),
                        r.value,
                        r.lower_95,
                        r.upper_95
                    ));
                }
            }
        }
    }

    // The table, for `--nocapture` and the closing note of a change.
    println!(
        "{:<62} {:>6} {:>6} {:>8} {:>14} {:>13}",
        "file, compared with", "judged", "agree", "disagree", "not comparable", "not compared"
    );
    let mut by_against: BTreeMap<Against, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for ((name, against), tally) in &tallies {
        if tally.judged + tally.not_compared > 0 {
            println!("{}", tally.line(&format!("{name}, {}", against.word())));
        }
        by_against.entry(*against).or_default().add(*tally);
        total.add(*tally);
    }
    for (against, tally) in &by_against {
        println!("{}", tally.line(&format!("all files, {}", against.word())));
    }
    println!("{}", total.line("all files, both"));
    println!(
        "(judged: Fingertips' Better/Similar/Worse/Higher/Lower, by 95% interval; not comparable: the file lacks \
         the benchmark's value or the row's limits; not compared: Fingertips published \"Not compared\")"
    );
    for line in &not_comparable {
        println!("  not comparable: {line}");
    }

    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
    assert!(by_against[&Against::England].agree > 500);
    assert!(by_against[&Against::Parent].agree > 400);
}
