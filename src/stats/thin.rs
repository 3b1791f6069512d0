//! Which points of a long series a chart needs: a chart a few hundred pixels wide cannot
//! show a million points, and drawing them all stalls or exhausts the page. Each column of
//! points keeps its first, lowest, highest and last value and its first gap, so the line's
//! shape, its extremes and its breaks survive; shorter series are kept whole.

use crate::bundle::Point;

/// Indexes (ascending) of the points to draw for a chart `columns` pixels wide: all of
/// them when there are at most two per column, else at most five per column.
pub fn chart_points(series: &[Point], columns: usize) -> Vec<usize> {
    let columns = columns.max(1);
    if series.len() <= columns * 2 {
        return (0..series.len()).collect();
    }
    let mut keep = Vec::with_capacity(columns * 5);
    for c in 0..columns {
        let (start, end) = (series.len() * c / columns, series.len() * (c + 1) / columns);
        let column = start..end;
        let valued = || column.clone().filter(|&i| series[i].value.is_some());
        let by_value = |a: &usize, b: &usize| series[*a].value.unwrap().total_cmp(&series[*b].value.unwrap());
        let mut picked: Vec<usize> = [
            valued().next(),
            valued().min_by(by_value),
            valued().max_by(by_value),
            valued().next_back(),
            column.clone().find(|&i| series[i].value.is_none()),
        ]
        .into_iter()
        .flatten()
        .collect();
        picked.sort_unstable();
        picked.dedup();
        keep.extend(picked);
    }
    keep
}

/// The rows of a table page: `page` (from 0) of `size` rows, clamped to the last page.
pub fn page_range(len: usize, page: usize, size: usize) -> std::ops::Range<usize> {
    let size = size.max(1);
    let last = len.saturating_sub(1) / size;
    let start = page.min(last) * size;
    start..(start + size).min(len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(values: impl IntoIterator<Item = Option<f64>>) -> Vec<Point> {
        values
            .into_iter()
            .enumerate()
            .map(|(i, value)| Point { date: format!("{i}"), value, ..Point::default() })
            .collect()
    }

    #[test]
    fn a_short_series_is_drawn_whole() {
        let s = series((0..40).map(|i| Some(i as f64)));
        assert_eq!(chart_points(&s, 20), (0..40).collect::<Vec<_>>());
    }

    #[test]
    fn a_million_points_keep_each_columns_extremes_and_gaps() {
        let mut values: Vec<Option<f64>> = (0..1_000_000).map(|i| Some((i % 1000) as f64)).collect();
        values[123_456] = Some(1e9);
        values[654_321] = Some(-1e9);
        values[500_000] = None;
        let s = series(values);
        let kept = chart_points(&s, 800);
        assert!(kept.len() <= 800 * 5, "{} points", kept.len());
        assert!(kept.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
        for must in [0, 999_999, 123_456, 654_321, 500_000] {
            assert!(kept.contains(&must), "point {must} is kept");
        }
        // Every column's own highest point is kept, so the line's envelope is intact.
        let per = 1_000_000 / 800;
        let top = (0..per).max_by(|a, b| s[*a].value.unwrap().total_cmp(&s[*b].value.unwrap())).unwrap();
        assert!(kept.contains(&top));
    }

    #[test]
    fn a_series_of_gaps_keeps_one_gap_per_column() {
        let s = series(std::iter::repeat_n(None, 10_000));
        assert_eq!(chart_points(&s, 100).len(), 100);
    }

    #[test]
    fn pages_cover_the_rows_and_stop_at_the_last() {
        assert_eq!(page_range(1_000_000, 0, 100), 0..100);
        assert_eq!(page_range(1_000_000, 9_999, 100), 999_900..1_000_000);
        assert_eq!(page_range(1_000_000, 20_000, 100), 999_900..1_000_000);
        assert_eq!(page_range(250, 2, 100), 200..250);
        assert_eq!(page_range(0, 3, 100), 0..0);
    }
}
