//! The seam between a workbook and the Fingertips exports its metrics take their series
//! from: an item whose `fingertips_id` is set names an indicator (with `fingertips_sex`
//! and `fingertips_age`), and the board's `area_code` names the area.
//!
//! For each such item, [`join`] takes the rows of the indicator for the area, sex and age
//! with an empty `Category Type` from every export given; each row becomes a point (its
//! date is the end of the period its `Time period` names, since `Time period Sortable` is
//! the same on every row of some exports), with England's (`E92000001`) value for the same
//! period as the benchmark, and the latest row's `Recent Trend` and `Compared to England
//! ...` are kept in `Item::fingertips`. Whatever does not match is an error at the item's
//! cell saying what the files do hold.
//!
//! Every comparator with a `code` (England, the region, each peer area) gets its
//! comparison series for the item from the same rows for that code, sex and age; a region
//! without a code is named by the `Parent Code` of the board's rows. A comparator the
//! files do not hold is a warning naming the area, the indicator and the files. A value
//! outside its own 95% limits is kept, with a warning naming its row.

use std::collections::{BTreeSet, HashMap};

use crate::bundle::problem::quoted;
use crate::bundle::{Bundle, Comparator, ComparatorKind, FingertipsVerdicts, Point};
use crate::fingertips::{self, Row};

use super::problem::{Counted, Place, Problem, ProblemKind};
use super::table::Origin;

/// England's area code: the comparator of every point's `benchmark`.
pub const ENGLAND: &str = "E92000001";

/// How many values a "the files hold ..." list names before it says how many more.
const LISTED: usize = 12;

/// A Fingertips export as given to the builder: its file name (for places) and bytes.
#[derive(Debug, Clone, Copy)]
pub struct FingertipsFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// An item that takes its series from Fingertips, and the cells that say so.
#[derive(Debug, Clone, PartialEq)]
pub struct FingertipsLink {
    /// Index of the item in the bundle.
    pub item: usize,
    /// The item's `fingertips_id` cell.
    pub place: Place,
    pub indicator: u64,
    pub sex: Option<String>,
    pub age: Option<String>,
    /// The item's `fingertips_sex` and `fingertips_age` cells (or its row, without the column).
    pub sex_place: Place,
    pub age_place: Place,
}

/// A row of an export and the file it came from.
struct Sourced<'r> {
    file: &'r str,
    row: &'r Row,
}

/// Fills the series of linked items from the exports; returns the problems, each named
/// at the item's cell (or the board's `area_code`, or the export's line).
pub fn join(
    bundle: &mut Bundle,
    links: &[FingertipsLink],
    area_code: Option<&str>,
    area_place: Option<Place>,
    exports: &[FingertipsFile<'_>],
) -> Vec<Problem> {
    let mut problems = Vec::new();
    if links.is_empty() {
        return problems;
    }
    let Some(area) = area_code.map(str::trim) else {
        problems.push(
            Problem::error(
                ProblemKind::Missing,
                area_place,
                "items take series from Fingertips, so the board needs its area_code",
            )
            .column("area_code")
            .expected("the ONS code of the board's area, e.g. E10000027"),
        );
        return problems;
    };
    if exports.is_empty() {
        for link in links {
            problems.push(
                Problem::error(
                    ProblemKind::Missing,
                    Some(link.place.clone()),
                    "no Fingertips export among the files for this indicator",
                )
                .fix(format!(
                    "add the indicator's export to the files you convert: on Fingertips (fingertips.phe.org.uk), \
                     open indicator {} and download its data as CSV",
                    link.indicator
                ))
                .column("fingertips_id")
                .found(format!(
                    "indicator {} for item {}",
                    link.indicator,
                    quoted(item_id(bundle, link))
                )),
            );
        }
        return problems;
    }

    let total: usize = exports.iter().map(|e| e.bytes.len()).sum();
    if exports.len() > 1 && total > fingertips::MAX_BYTES {
        let names: Vec<&str> = exports.iter().map(|e| e.name).collect();
        problems.push(
            Problem::error(
                ProblemKind::TooMany { what: Counted::Bytes, limit: fingertips::MAX_BYTES as u64 },
                None,
                format!("the Fingertips exports together hold more than this builder reads: {}", names.join(", ")),
            )
            .found(format!("{total} bytes"))
            .expected(format!("at most {} bytes of exports in all", fingertips::MAX_BYTES)),
        );
        return problems;
    }
    let mut read = Vec::new();
    for export in exports {
        match fingertips::read(export.name, export.bytes) {
            Ok(e) => read.push((export.name, e.rows)),
            Err(found) => problems.extend(found.into_iter().map(|p| {
                let place = match p.line {
                    Some(line) => Place::row(&p.file, Origin::Csv, line.min(u32::MAX as u64) as u32),
                    None => Place::sheet(&p.file, Origin::Csv),
                };
                let message = match p.kind {
                    ProblemKind::Unlisted { .. } => "more problems, not listed",
                    _ => "not read as a Fingertips export",
                };
                let mut problem = Problem::error(p.kind, Some(place), message).found(p.found).expected(p.expected);
                problem.column = p.column.map(|c| quoted(&c));
                problem
            })),
        }
    }
    if !problems.is_empty() {
        return problems;
    }
    let mut by_indicator: HashMap<&str, Vec<Sourced>> = HashMap::new();
    for (file, rows) in &read {
        for row in rows {
            by_indicator.entry(row.indicator_id.as_str()).or_default().push(Sourced { file, row });
        }
    }
    let indicators = by_first(
        read.iter()
            .flat_map(|(_, rows)| rows)
            .map(|r| format!("{} ({})", quoted(&r.indicator_id), quoted(&r.indicator_name))),
    );
    for link in links {
        let rows = by_indicator.get(link.indicator.to_string().as_str()).map(Vec::as_slice).unwrap_or_default();
        match series(link, rows, area, &indicators, bundle) {
            Ok(found) => {
                let comparisons = comparisons(link, rows, &found, &bundle.comparators, &mut problems);
                let Found { points, verdicts, .. } = found;
                if let Some(item) = bundle.items.get_mut(link.item) {
                    item.series = points;
                    item.fingertips = Some(verdicts);
                    // The exports' benchmark is England's value; a label the workbook gives wins.
                    item.comparator_label.get_or_insert_with(|| "England".to_string());
                    for (id, points) in comparisons {
                        if item.comparisons.contains_key(&id) {
                            problems.push(
                                Problem::error(
                                    ProblemKind::Inconsistent,
                                    Some(link.place.clone()),
                                    format!(
                                        "the Comparisons sheet has rows for comparator {} of this item, which the \
                                         Fingertips files already fill",
                                        quoted(&id)
                                    ),
                                )
                                .column("fingertips_id")
                                .found(format!("item {}, comparator {}", quoted(&item.id), quoted(&id)))
                                .expected("one source per item and comparator")
                                .fix("delete these rows from the Comparisons sheet, or clear the item's fingertips_id"),
                            );
                        }
                        item.comparisons.insert(id, points);
                    }
                }
            }
            Err(problem) => problems.push(*problem),
        }
    }
    problems
}

fn item_id<'b>(bundle: &'b Bundle, link: &FingertipsLink) -> &'b str {
    bundle.items.get(link.item).map(|i| i.id.as_str()).unwrap_or_default()
}

/// What the rows of an item's indicator give for the board's area.
struct Found {
    points: Vec<Point>,
    verdicts: FingertipsVerdicts,
    sex: Option<String>,
    age: Option<String>,
    /// The `Parent Code` of the board's latest row: its region, in exports by region.
    parent: Option<String>,
    /// Warnings about the area's own rows.
    warnings: Vec<Problem>,
}

/// The comparison series of every comparator with a code (or, for a region without one,
/// the board's `Parent Code`), from the same rows; a warning for each comparator the files
/// do not hold, and for each value outside its own limits.
fn comparisons(
    link: &FingertipsLink,
    rows: &[Sourced],
    found: &Found,
    comparators: &[Comparator],
    problems: &mut Vec<Problem>,
) -> Vec<(String, Vec<Point>)> {
    problems.extend(found.warnings.iter().cloned());
    let files = by_first(rows.iter().map(|r| quoted(r.file)));
    let mut out = Vec::new();
    for c in comparators {
        let code = match (&c.code, &c.kind) {
            (Some(code), _) => Some(code.trim().to_string()),
            (None, Some(ComparatorKind::Region)) => found.parent.clone(),
            _ => None,
        };
        let Some(code) = code.filter(|c| !c.is_empty()) else { continue };
        let mut dated: Vec<(String, &Sourced)> = Vec::new();
        for r in rows {
            let row = r.row;
            if !row.area_code.eq_ignore_ascii_case(&code)
                || row.category_type.is_some()
                || row.sex != found.sex
                || row.age != found.age
                || dated.iter().any(|(_, d)| d.row.time_period == row.time_period)
            {
                continue;
            }
            if let Some(period) = row.period() {
                dated.push((period.end, r));
            }
        }
        if dated.is_empty() {
            problems.push(
                Problem::warning(
                    ProblemKind::Missing,
                    Some(link.place.clone()),
                    format!(
                        "the Fingertips files have no rows of indicator {} for comparator {} ({}), so it has no \
                         series for this item",
                        link.indicator,
                        quoted(&c.label),
                        quoted(&code)
                    ),
                )
                .column("fingertips_id")
                .found(format!("files {}", listing(&files)))
                .expected(format!("rows of indicator {} for area {}", link.indicator, quoted(&code))),
            );
            continue;
        }
        dated.sort_by(|a, b| a.0.cmp(&b.0));
        problems.extend(dated.iter().filter_map(|(_, r)| outside_limits(r)));
        let points = dated
            .iter()
            .map(|(end, r)| Point {
                date: end.clone(),
                label: Some(r.row.time_period.clone()),
                value: r.row.value,
                lower: r.row.lower_95,
                upper: r.row.upper_95,
                count: r.row.count,
                denominator: r.row.denominator,
                ..Point::default()
            })
            .collect();
        out.push((c.id.clone(), points));
    }
    out
}

/// A warning at an export's row whose value is outside its own 95% limits: kept as
/// published, since published figures are sometimes rounded past their limits.
fn outside_limits(r: &Sourced) -> Option<Problem> {
    let row = r.row;
    let value = row.value?;
    let (limit, column, bound) = match (row.lower_95, row.upper_95) {
        (Some(lo), _) if lo > value => (lo, "Lower CI 95.0 limit", "above"),
        (_, Some(hi)) if hi < value => (hi, "Upper CI 95.0 limit", "below"),
        _ => return None,
    };
    Some(
        Problem::warning(
            ProblemKind::Inconsistent,
            Some(Place::row(r.file, Origin::Csv, row.line.min(u32::MAX as u64) as u32)),
            format!(
                "a published value outside its own 95% limits, kept as published: the limit is {bound} the value \
                 (indicator {}, area {}, period {})",
                quoted(&row.indicator_id),
                quoted(&row.area_name),
                quoted(&row.time_period)
            ),
        )
        .column(column)
        .found(format!("value {value}, limit {limit}"))
        .expected("lower <= value <= upper"),
    )
}

/// The item's points and Fingertips' latest verdicts, from the rows of its indicator.
fn series(
    link: &FingertipsLink,
    rows: &[Sourced],
    area: &str,
    indicators: &[String],
    bundle: &Bundle,
) -> Result<Found, Box<Problem>> {
    let id = item_id(bundle, link);
    let at_id = |kind: ProblemKind, message: String, found: String, expected: String| {
        Problem::error(kind, Some(link.place.clone()), message).column("fingertips_id").found(found).expected(expected)
    };
    if rows.is_empty() {
        return Err(at_id(
            ProblemKind::UnknownId,
            format!("indicator {} is not in the Fingertips files given", link.indicator),
            format!("{} for item {}", link.indicator, quoted(id)),
            format!("an indicator the files hold: {}", listing(indicators)),
        )
        .into());
    }
    let plain = |r: &&Sourced| r.row.category_type.is_none();
    let of_area: Vec<&Sourced> =
        rows.iter().filter(|r| r.row.area_code.eq_ignore_ascii_case(area)).filter(plain).collect();
    if of_area.is_empty() {
        let areas = by_first(
            rows.iter().filter(plain).map(|r| format!("{} ({})", quoted(&r.row.area_code), quoted(&r.row.area_name))),
        );
        return Err(at_id(
            ProblemKind::Missing,
            format!(
                "the Fingertips files have no rows of indicator {} for the board's area {}",
                link.indicator,
                quoted(area)
            ),
            format!("{} for item {}", link.indicator, quoted(id)),
            format!("an area the files hold for this indicator: {}", listing(&areas)),
        )
        .into());
    }
    let mut chosen = of_area;
    for (wanted, place, column, field) in [
        (&link.sex, &link.sex_place, "fingertips_sex", (|r: &Row| r.sex.clone()) as fn(&Row) -> Option<String>),
        (&link.age, &link.age_place, "fingertips_age", |r: &Row| r.age.clone()),
    ] {
        let Some(wanted) = wanted else { continue };
        let held = by_first(chosen.iter().map(|r| field(r.row).unwrap_or_default()));
        chosen.retain(|r| field(r.row).is_some_and(|v| v.trim().eq_ignore_ascii_case(wanted.trim())));
        if chosen.is_empty() {
            return Err(Problem::error(
                ProblemKind::Missing,
                Some(place.clone()),
                format!("indicator {} for area {} has no rows of this {}", link.indicator, quoted(area), &column[11..]),
            )
            .column(column)
            .found(format!("{} for item {}", quoted(wanted), quoted(id)))
            .expected(format!("one of {}", listing(&quoted_all(&held))))
            .into());
        }
    }
    let combinations = by_first(chosen.iter().map(|r| combination(r.row)));
    if combinations.len() > 1 {
        return Err(at_id(
            ProblemKind::Ambiguous,
            format!(
                "indicator {} for area {} has rows of {} sex and age combinations: say which in fingertips_sex and fingertips_age",
                link.indicator,
                quoted(area),
                combinations.len()
            ),
            format!("{} for item {}", link.indicator, quoted(id)),
            format!("one of {}", listing(&combinations)),
        ).into());
    }

    // England's value for each period, of the same sex and age.
    let (sex, age) = (chosen[0].row.sex.clone(), chosen[0].row.age.clone());
    let mut england: HashMap<&str, Option<f64>> = HashMap::new();
    for r in rows {
        let r = r.row;
        if r.area_code.eq_ignore_ascii_case(ENGLAND) && r.category_type.is_none() && r.sex == sex && r.age == age {
            england.entry(r.time_period.as_str()).or_insert(r.value);
        }
    }

    let mut dated: Vec<(String, &Sourced)> = Vec::new();
    for r in chosen {
        let Some(period) = r.row.period() else {
            return Err(Problem::error(
                ProblemKind::Invalid,
                Some(Place::row(r.file, Origin::Csv, r.row.line.min(u32::MAX as u64) as u32)),
                format!("a time period the builder cannot date, in a row of item {}", quoted(id)),
            )
            .column("Time period")
            .found(quoted(&r.row.time_period))
            .expected("a period such as 2015, 2015/16, 2015 - 17, 2015 Q1 or 2020 Jan")
            .into());
        };
        match dated.iter().find(|(_, d)| d.row.time_period == r.row.time_period) {
            // The same row in two exports (or twice in one) is the same point.
            Some((_, d)) if same_point(d.row, r.row) => continue,
            Some((_, d)) => {
                return Err(at_id(
                    ProblemKind::Inconsistent,
                    format!("the Fingertips files disagree about period {}", quoted(&r.row.time_period)),
                    format!("{} (line {}) and {} (line {})", quoted(d.file), d.row.line, quoted(r.file), r.row.line),
                    "one value for each period of the indicator".into(),
                )
                .into())
            }
            None => dated.push((period.end, r)),
        }
    }
    dated.sort_by(|a, b| a.0.cmp(&b.0));
    let points: Vec<Point> = dated
        .iter()
        .map(|(end, r)| Point {
            date: end.clone(),
            label: Some(r.row.time_period.clone()),
            value: r.row.value,
            lower: r.row.lower_95,
            upper: r.row.upper_95,
            benchmark: england.get(r.row.time_period.as_str()).copied().flatten(),
            target: None,
            count: r.row.count,
            denominator: r.row.denominator,
        })
        .collect();
    let latest = dated.last().map(|(_, r)| r.row);
    let verdicts = FingertipsVerdicts {
        indicator_id: Some(link.indicator),
        period: latest.map(|r| r.time_period.clone()),
        recent_trend: latest.and_then(|r| r.recent_trend.clone()),
        compared_to_england: latest.and_then(|r| r.compared_to_england.clone()),
    };
    let parent = latest.and_then(|r| r.parent_code.clone());
    let warnings = dated.iter().filter_map(|(_, r)| outside_limits(r)).collect();
    Ok(Found { points, verdicts, sex, age, parent, warnings })
}

/// The distinct values, in the order first seen.
fn by_first(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    values.filter(|v| seen.insert(v.clone())).collect()
}

/// `a, b, c`, or the first few and how many more.
fn listing(values: &[String]) -> String {
    match values.len() {
        0 => "nothing".to_string(),
        n if n <= LISTED => values.join(", "),
        n => format!("{} and {} more", values[..LISTED].join(", "), n - LISTED),
    }
}

fn quoted_all(values: &[String]) -> Vec<String> {
    values.iter().map(|v| quoted(v)).collect()
}

/// A row's sex and age, as a person would type them in the workbook.
fn combination(row: &Row) -> String {
    format!(
        "fingertips_sex {} with fingertips_age {}",
        quoted(row.sex.as_deref().unwrap_or_default()),
        quoted(row.age.as_deref().unwrap_or_default())
    )
}

/// Whether two rows of one period say the same thing.
fn same_point(a: &Row, b: &Row) -> bool {
    (a.value, a.lower_95, a.upper_95, a.count, a.denominator)
        == (b.value, b.lower_95, b.upper_95, b.count, b.denominator)
}
