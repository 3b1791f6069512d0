//! Which points of a long series a chart draws, and which rows of its table a page
//! shows: a chart a few hundred pixels wide cannot show a million points, and drawing or
//! listing them all stalls the page or exhausts its memory.
//!
//! Thinning keeps, in each pixel column and for each line (value, confidence limits,
//! comparator, target), the first, last, lowest and highest value and the first gap, so
//! the drawn line has the same extent in every column, its peaks and its breaks. Whole
//! points are kept by index, so every line stays aligned with the others.

use std::ops::Range;

use crate::bundle::Point;
use crate::stats::number::format_number;

/// A line of the chart: the value of point `i` on it, or `None` where it has a gap.
pub type Line<'a> = &'a dyn Fn(usize) -> Option<f64>;

/// What a column keeps of each line: first, last, lowest, highest, first gap.
const PER_LINE: usize = 5;

/// Indexes (ascending, no repeats) of the points to draw of a series of `len` points
/// sorted by period, across `columns` pixel columns. A series of at most two points a
/// column is kept whole; a longer one keeps at most five points per line per column,
/// and always its latest point. Time is linear in `len` times the lines.
pub fn thin(len: usize, columns: usize, lines: &[Line]) -> Vec<usize> {
    let columns = columns.max(1);
    if len <= columns * 2 {
        return (0..len).collect();
    }
    let mut keep = Vec::with_capacity(columns * PER_LINE * lines.len() + 1);
    let mut picked = Vec::with_capacity(PER_LINE * lines.len() + 1);
    for column in 0..columns {
        let range = column_range(len, columns, column);
        picked.clear();
        for line in lines {
            picked.extend(extremes(range.clone(), line).into_iter().flatten());
        }
        if range.end == len {
            picked.push(len - 1);
        }
        picked.sort_unstable();
        picked.dedup();
        keep.extend_from_slice(&picked);
    }
    keep
}

/// The points of `series` a chart `columns` pixels wide draws: its value, confidence
/// limits, comparator and target thinned together.
pub fn chart_points(series: &[Point], columns: usize) -> Vec<usize> {
    let lines: [Line; 5] =
        [&|i| series[i].value, &|i| series[i].lower, &|i| series[i].upper, &|i| series[i].benchmark, &|i| {
            series[i].target
        }];
    thin(series.len(), columns, &lines)
}

/// The indexes of the points in pixel column `column` of `columns`, for `len` points.
pub fn column_range(len: usize, columns: usize, column: usize) -> Range<usize> {
    let at = |c: usize| (len as u64 * c as u64 / columns.max(1) as u64) as usize;
    at(column)..at(column + 1)
}

/// First, last, lowest and highest valued index and first gap of `line` over `range`.
fn extremes(range: Range<usize>, line: Line) -> [Option<usize>; PER_LINE] {
    let (mut first, mut last, mut low, mut high, mut gap) = (None, None, None, None, None);
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for i in range {
        match line(i) {
            Some(v) => {
                first = first.or(Some(i));
                last = Some(i);
                if low.is_none() || v < lo {
                    (low, lo) = (Some(i), v);
                }
                if high.is_none() || v > hi {
                    (high, hi) = (Some(i), v);
                }
            }
            None => gap = gap.or(Some(i)),
        }
    }
    [first, last, low, high, gap]
}

/// The rows of a table shown `size` at a time, latest first: page 0 is the latest rows,
/// page 1 the ones before them, and so on; a page past the earliest shows the earliest.
pub fn page_rows(len: usize, size: usize, page: usize) -> Range<usize> {
    let size = size.max(1);
    let page = page.min(page_count(len, size).saturating_sub(1));
    let end = len - (page * size).min(len);
    end.saturating_sub(size)..end
}

/// How many pages `len` rows take, `size` at a time (one for no rows).
pub fn page_count(len: usize, size: usize) -> usize {
    len.div_ceil(size.max(1)).max(1)
}

/// The caption of a page of rows, e.g. "Rows 999,951–1,000,000 of 1,000,000".
pub fn rows_text(rows: &Range<usize>, len: usize) -> String {
    let count = |n: usize| format_number(n as f64);
    format!("Rows {}–{} of {}", count(rows.start + 1), count(rows.end), count(len))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_series_is_drawn_whole() {
        let values: Vec<Option<f64>> = (0..40).map(|i| Some(i as f64)).collect();
        assert_eq!(thin(40, 20, &[&|i| values[i]]), (0..40).collect::<Vec<_>>());
    }

    #[test]
    fn a_million_points_keep_each_columns_peaks_gaps_and_the_latest() {
        let mut values: Vec<Option<f64>> = (0..1_000_000).map(|i| Some((i % 1000) as f64)).collect();
        values[123_456] = Some(1e9);
        values[654_321] = Some(-1e9);
        values[500_000] = None;
        values[999_999] = None;
        let kept = thin(values.len(), 800, &[&|i| values[i]]);
        assert!(kept.len() <= 800 * PER_LINE + 1, "{} points", kept.len());
        assert!(kept.windows(2).all(|w| w[0] < w[1]), "ascending, no repeats");
        for must in [0, 123_456, 654_321, 500_000, 999_998, 999_999] {
            assert!(kept.contains(&must), "point {must} is kept");
        }
    }

    #[test]
    fn the_band_keeps_its_own_extremes_on_whole_points() {
        // The value is flat; the band's widest point is elsewhere in the column.
        let lower = |i: usize| Some(if i == 37 { -5.0 } else { 0.0 });
        let upper = |i: usize| Some(if i == 61 { 9.0 } else { 1.0 });
        let kept = thin(1000, 4, &[&|_| Some(0.5), &lower, &upper]);
        assert!(kept.contains(&37) && kept.contains(&61));
    }

    #[test]
    fn a_series_of_gaps_keeps_one_gap_per_column_and_the_last() {
        let kept = thin(10_000, 100, &[&|_| None]);
        assert_eq!(kept.len(), 101);
    }

    #[test]
    fn pages_start_at_the_latest_rows_and_stop_at_the_earliest() {
        assert_eq!(page_rows(1_000_000, 50, 0), 999_950..1_000_000);
        assert_eq!(page_rows(1_000_000, 50, 1), 999_900..999_950);
        assert_eq!(page_rows(1_000_000, 50, 19_999), 0..50);
        assert_eq!(page_rows(1_000_000, 50, 30_000), 0..50);
        assert_eq!(page_rows(120, 50, 2), 0..20);
        assert_eq!(page_rows(0, 50, 3), 0..0);
        assert_eq!((page_count(120, 50), page_count(0, 50), page_count(50, 50)), (3, 1, 1));
        assert_eq!(rows_text(&page_rows(1_000_000, 50, 0), 1_000_000), "Rows 999,951–1,000,000 of 1,000,000");
        assert_eq!(rows_text(&page_rows(120, 50, 2), 120), "Rows 1–20 of 120");
    }
}
