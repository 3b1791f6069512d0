//! The small line of recent values on an item card, thinned to its width (see
//! `explore::thinning`) so a long series draws a short path.

use std::fmt::Write;

use leptos::prelude::*;

/// Coordinates are in tenths of a pixel, written as whole numbers: writing every point
/// as a decimal was a measurable part of a filter change at 10,000 items.
const SCALE: f64 = 10.0;

/// A small line of the recent values, drawn as SVG (cheap for long lists, crisp at any
/// resolution). Decorative: the value and trend beside it carry the meaning.
#[component]
pub fn Sparkline(values: Vec<Option<f64>>) -> impl IntoView {
    let series = values;
    let values: Vec<(usize, f64)> = series.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i, v))).collect();
    if values.len() < 2 {
        return None;
    }
    let (w, h, pad) = (96.0, 28.0, 3.0);
    let n = (series.len() - 1).max(1) as f64;
    let lo = values.iter().map(|v| v.1).fold(f64::INFINITY, f64::min);
    let hi = values.iter().map(|v| v.1).fold(f64::NEG_INFINITY, f64::max);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let at = |i: usize, v: f64| {
        let (x, y) = (pad + i as f64 / n * (w - 2.0 * pad), h - pad - (v - lo) / span * (h - 2.0 * pad));
        ((x * SCALE).round() as i32, (y * SCALE).round() as i32)
    };
    // A null value breaks the line, as it does in the detail chart.
    let mut paths = Vec::new();
    let mut current = String::new();
    for i in crate::explore::thinning::thin(series.len(), w as usize, &[&|i| series[i]]) {
        match &series[i] {
            Some(v) => {
                let (x, y) = at(i, *v);
                let _ = write!(current, "{}{x},{y}", if current.is_empty() { "M" } else { " L" });
            }
            None => paths.push(std::mem::take(&mut current)),
        }
    }
    paths.push(current);
    let (lx, ly) = at(values.last().unwrap().0, values.last().unwrap().1);
    Some(view! {
        <svg class="sparkline" viewBox=format!("0 0 {} {}", w * SCALE, h * SCALE) width=w height=h aria-hidden="true" focusable="false">
            {paths.into_iter().filter(|p| !p.is_empty()).map(|d| view! { <path d=d class="spark-line"/> }).collect_view()}
            <circle cx=lx cy=ly r="25" class="spark-dot"/>
        </svg>
    })
}
