//! Properties of a long series' thinning and of its table's pages, for any series: the
//! thinned chart has, in every pixel column and on every line, the same first and last
//! point, the same lowest and highest value and a gap where the series has one; its
//! size depends on the width, not the length; the pages cover every row once.

use proptest::prelude::*;

use scorecard_explorer::bundle::Point;
use scorecard_explorer::explore::thinning::{chart_points, column_range, page_count, page_rows, thin};

/// A line's values: mostly numbers (with repeats, so ties occur), some gaps.
fn line(max: usize) -> impl Strategy<Value = Vec<Option<f64>>> {
    prop::collection::vec(prop_oneof![4 => (-50i32..50).prop_map(|v| Some(v as f64)), 1 => Just(None)], 0..max)
}

/// What a chart draws of `values` in one column, from the indexes it draws: the first
/// and last valued index, the lowest and highest value, and whether there is a gap.
fn drawn(
    values: &[Option<f64>],
    indexes: impl Iterator<Item = usize>,
) -> (Option<usize>, Option<usize>, f64, f64, bool) {
    let (mut first, mut last, mut lo, mut hi, mut gap) = (None, None, f64::INFINITY, f64::NEG_INFINITY, false);
    for i in indexes {
        match values[i] {
            Some(v) => {
                first = first.or(Some(i));
                last = Some(i);
                lo = lo.min(v);
                hi = hi.max(v);
            }
            None => gap = true,
        }
    }
    (first, last, lo, hi, gap)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn each_column_draws_as_the_whole_series_would(values in line(3000), columns in 1usize..120) {
        let kept = thin(values.len(), columns, &[&|i| values[i]]);
        prop_assert!(kept.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
        prop_assert!(kept.iter().all(|&i| i < values.len()));
        if values.len() <= columns * 2 {
            prop_assert_eq!(kept.len(), values.len(), "a short series is whole");
            return Ok(());
        }
        prop_assert!(kept.len() <= columns * 5 + 1, "{} points for {} columns", kept.len(), columns);
        prop_assert_eq!(kept.last(), Some(&(values.len() - 1)), "the latest point is kept");
        for column in 0..columns {
            let range = column_range(values.len(), columns, column);
            let whole = drawn(&values, range.clone());
            let thinned = drawn(&values, kept.iter().copied().filter(|i| range.contains(i)));
            prop_assert_eq!(whole, thinned, "column {} ({:?})", column, range);
        }
    }

    #[test]
    fn the_band_comparator_and_target_keep_their_extremes_too(
        lines in prop::collection::vec(line(400), 5),
        columns in 1usize..60,
    ) {
        let len = lines.iter().map(Vec::len).min().unwrap();
        let at = |l: usize, i: usize| lines[l][i];
        let series: Vec<Point> = (0..len)
            .map(|i| Point {
                date: format!("{}", 1000 + i),
                value: at(0, i),
                lower: at(1, i),
                upper: at(2, i),
                benchmark: at(3, i),
                target: at(4, i),
                ..Point::default()
            })
            .collect();
        let kept = chart_points(&series, columns);
        prop_assert!(kept.len() <= (columns * 25 + 1).max(len.min(columns * 2)));
        for (l, values) in lines.iter().enumerate() {
            let values = &values[..len];
            for column in 0..columns {
                let range = column_range(len, columns, column);
                let whole = drawn(values, range.clone());
                let thinned = drawn(values, kept.iter().copied().filter(|i| range.contains(i)));
                prop_assert_eq!(whole, thinned, "line {}, column {}", l, column);
            }
        }
    }

    #[test]
    fn the_pages_show_every_row_once_latest_first(len in 0usize..5000, size in 1usize..200) {
        let pages: Vec<_> = (0..page_count(len, size)).map(|p| page_rows(len, size, p)).collect();
        prop_assert_eq!(pages[0].end, len, "the first page ends with the latest row");
        prop_assert!(pages.iter().all(|r| r.len() <= size));
        let mut rows: Vec<usize> = pages.iter().rev().flat_map(|r| r.clone()).collect();
        let count = rows.len();
        rows.dedup();
        prop_assert_eq!(rows.len(), count, "no row twice");
        prop_assert_eq!(rows, (0..len).collect::<Vec<_>>());
    }
}

#[test]
fn a_million_points_thin_in_linear_time_to_the_width() {
    let series: Vec<Option<f64>> = (0..1_000_000).map(|i| Some(((i as f64) / 5000.0).sin())).collect();
    let kept = thin(series.len(), 1200, &[&|i| series[i]]);
    assert!(kept.len() <= 1200 * 5 + 1 && kept.len() >= 1200 * 2, "{} points", kept.len());
}
