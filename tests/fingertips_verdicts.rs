//! The viewer's statistics against the verdicts Fingertips itself published in the real
//! exports of `tests/fingertips/`: every `Recent Trend` whose series is in the same file,
//! and every `Compared to England` word whose England value is in the same file, must be
//! reproduced. Run with `--nocapture` to see the agreement counts.
//!
//! An export does not say an indicator's polarity. For a trend it is read from the word
//! itself ("... and getting better" after an increase means higher is better; a word with
//! no "better" or "worse" means no judgement), so what is checked is the direction, its
//! significance and whether a trend can be calculated at all. For the comparison, one
//! polarity per indicator is read from its first "Better" or "Worse" row and then held for
//! every other row of that indicator.

use std::collections::BTreeMap;

use scorecard_explorer::bundle::{Point, Polarity};
use scorecard_explorer::fingertips::{read, Row};
use scorecard_explorer::stats::compare::{compare_with_benchmark, Level};
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

#[test]
fn published_comparisons_with_england_are_reproduced() {
    let (mut agree, mut checked, mut no_england) = (0, 0, 0);
    let mut disagreements = Vec::new();
    let mut by_word: BTreeMap<String, usize> = BTreeMap::new();
    for (name, rows) in exports() {
        // England's value for each indicator, sex, age, category and period.
        let key =
            |r: &Row| (r.indicator_id.clone(), r.sex.clone(), r.age.clone(), r.category.clone(), r.time_period.clone());
        let england: BTreeMap<_, f64> =
            rows.iter().filter(|r| r.area_code == ENGLAND).filter_map(|r| Some((key(r), r.value?))).collect();
        let mut polarity: BTreeMap<String, Polarity> = BTreeMap::new();
        for r in &rows {
            let Some(word) = r.compared_to_england.as_deref() else { continue };
            if r.area_code == ENGLAND || !matches!(word, "Better" | "Worse" | "Similar" | "Higher" | "Lower") {
                continue;
            }
            let Some(&benchmark) = england.get(&key(r)) else {
                no_england += 1;
                continue;
            };
            checked += 1;
            let polarity = match word {
                "Higher" | "Lower" => Polarity::NoJudgement,
                "Similar" => polarity.get(&r.indicator_id).cloned().unwrap_or(Polarity::HigherIsBetter),
                _ => polarity
                    .entry(r.indicator_id.clone())
                    .or_insert_with(|| {
                        let above = r.value.unwrap_or(f64::NAN) > benchmark;
                        if above == (word == "Better") {
                            Polarity::HigherIsBetter
                        } else {
                            Polarity::LowerIsBetter
                        }
                    })
                    .clone(),
            };
            let result = compare_with_benchmark(&polarity, &[point(r, Some(benchmark))], Level::NinetyFive);
            if result.label() == word {
                agree += 1;
                *by_word.entry(word.to_string()).or_default() += 1;
            } else {
                disagreements.push(format!(
                    "{name} line {}: {} {} {}: published {word:?}, computed {:?}",
                    r.line,
                    r.indicator_name,
                    r.area_name,
                    r.time_period,
                    result.label()
                ));
            }
        }
    }
    println!("benchmark {agree}/{checked} (by word: {by_word:?}; {no_england} without England's value in the file)");
    assert!(disagreements.is_empty(), "{} disagreements:\n{}", disagreements.len(), disagreements.join("\n"));
    assert!(checked > 500);
}
