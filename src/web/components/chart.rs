//! The detail chart, drawn with plotters on a canvas: the value over time with its
//! confidence interval as a band, the comparator as a dashed line, targets as marks,
//! gaps where a value is null. Redrawn at the device's pixel ratio when its container
//! resizes, so it stays crisp. A long series is thinned to the chart's width (see
//! `explore::thinning`). The same data is in the table beside it.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{closure::Closure, JsCast};

use std::sync::Arc;

use crate::bundle::Point;
use crate::explore::thinning::chart_points;
use crate::stats::number::format_number;

const VALUE: RGBColor = RGBColor(0, 94, 184);
const BAND: RGBColor = RGBColor(166, 199, 234);
const COMPARATOR: RGBColor = RGBColor(66, 84, 98);
const TARGET: RGBColor = RGBColor(51, 0, 114);
const AXIS: RGBColor = RGBColor(33, 43, 50);

/// A chart of one series, with a text alternative naming what it shows.
#[component]
pub fn Chart(series: Arc<[Point]>, title: String, unit: Option<String>, comparator: String) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let png_name = title.clone();
    let described = format!(
        "Chart of {title}: {} values from {} to {}. The same figures are in the table below.",
        series.iter().filter(|p| p.value.is_some()).count(),
        series.first().map(label).unwrap_or_default(),
        series.last().map(label).unwrap_or_default()
    );
    let draw_ms = RwSignal::new(String::new());
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let el: web_sys::HtmlCanvasElement = el;
        let series = series.clone();
        let unit = unit.clone();
        let drawn_at = std::cell::Cell::new((0, 0));
        let redraw = move |el: &web_sys::HtmlCanvasElement| {
            // The observer also fires once when it starts: draw again only on a real resize.
            let size = (el.client_width(), el.client_height());
            if drawn_at.replace(size) == size {
                return;
            }
            let started = now();
            if let Err(e) = draw(el, &series, unit.as_deref()) {
                leptos::logging::warn!("chart: {e}");
            }
            draw_ms.set(format!("{:.2}", now() - started));
        };
        redraw(&el);
        // Redraw when the container changes size (window resize, rotation, print).
        let target = el.clone();
        let on_resize = Closure::<dyn FnMut()>::new(move || redraw(&target));
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            if let Some(parent) = el.parent_element() {
                observer.observe(&parent);
            }
            let keep = send_wrapper::SendWrapper::new((observer, on_resize));
            on_cleanup(move || keep.0.disconnect());
        }
    });
    view! {
        <figure class="chart">
            <div class="chart-box">
                <canvas node_ref=canvas class="chart-canvas" role="img" aria-label=described data-draw-ms=move || draw_ms.get()></canvas>
            </div>
            <button type="button" class="button secondary" data-export="png"
                on:click=move |_| if let Some(c) = canvas.get_untracked() { super::export::download_png(&c, &png_name) }>
                "Download chart (PNG)"
            </button>
            <figcaption class="chart-legend">
                <span class="key key-value">"Value"</span>
                <span class="key key-band">"95% confidence interval"</span>
                <span class="key key-comparator">{format!("Comparator: {comparator}")}</span>
                <span class="key key-target">"Target"</span>
            </figcaption>
        </figure>
    }
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn label(p: &Point) -> String {
    p.label.clone().unwrap_or_else(|| p.date.clone())
}

/// Draws the chart at the canvas's displayed size times the device pixel ratio.
pub fn draw(el: &web_sys::HtmlCanvasElement, series: &[Point], unit: Option<&str>) -> Result<(), String> {
    let window = web_sys::window().ok_or("no window")?;
    let ratio = window.device_pixel_ratio().max(1.0);
    let (w, h) = (el.client_width().max(280) as f64, el.client_height().max(200) as f64);
    el.set_width((w * ratio) as u32);
    el.set_height((h * ratio) as u32);
    let px = |v: f64| (v * ratio) as u32;
    let font = |size: f64| ("system-ui, sans-serif", size * ratio).into_font().color(&AXIS);

    let backend = CanvasBackend::with_canvas_object(el.clone()).ok_or("canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    root.fill(&WHITE).map_err(|e| e.to_string())?;

    // The thinned points keep every line's extremes, so they give the same scale.
    let kept = chart_points(series, w as usize);
    let whole = kept.len() == series.len();
    let numbers = kept.iter().flat_map(|&i| {
        let p = &series[i];
        [p.value, p.lower, p.upper, p.benchmark, p.target]
    });
    let numbers = numbers.flatten();
    let (lo, hi) = numbers.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !lo.is_finite() {
        return Ok(());
    }
    let pad = if hi > lo { (hi - lo) * 0.1 } else { lo.abs().max(1.0) * 0.1 };
    let (y0, y1) = (if lo >= 0.0 && lo - pad < 0.0 { 0.0 } else { lo - pad }, hi + pad);
    let n = series.len();
    let mut chart = ChartBuilder::on(&root)
        .margin(px(12.0))
        .x_label_area_size(px(34.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), y0..y1)
        .map_err(|e| e.to_string())?;
    // A short series has a tick at every point and a label at every step-th; a long one
    // a few ticks at round positions (a tick each is thousands of draws).
    let labels = ((w / 90.0) as usize).max(2);
    let (ticks, step) = if n <= 200 { (n, n.div_ceil(labels).max(1)) } else { (labels, 1) };
    let x_text = |x: &f64| {
        let i = x.round();
        if (x - i).abs() < 0.01 && i >= 0.0 && (i as usize) < n && (i as usize) % step == 0 {
            label(&series[i as usize])
        } else {
            String::new()
        }
    };
    let unit_text = unit.unwrap_or("");
    let y_text = |y: &f64| if unit_text == "%" { format!("{}%", format_number(*y)) } else { format_number(*y) };
    chart
        .configure_mesh()
        .x_labels(ticks)
        .x_label_formatter(&x_text)
        .y_label_formatter(&y_text)
        .y_labels(6)
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(RGBColor(216, 222, 225))
        .axis_style(AXIS)
        .label_style(font(12.0))
        .y_desc(unit_text)
        .axis_desc_style(font(12.0))
        .draw()
        .map_err(|e| e.to_string())?;

    let xs = |i: usize| i as f64;
    // The band, one polygon per run of points with both limits.
    for run in runs(series, &kept, |p| p.lower.is_some() && p.upper.is_some()) {
        let mut poly: Vec<(f64, f64)> = run.iter().map(|&i| (xs(i), series[i].upper.unwrap())).collect();
        poly.extend(run.iter().rev().map(|&i| (xs(i), series[i].lower.unwrap())));
        chart.draw_series(std::iter::once(Polygon::new(poly, BAND.mix(0.6).filled()))).map_err(|e| e.to_string())?;
    }
    for run in runs(series, &kept, |p| p.benchmark.is_some()) {
        let line = run.iter().map(|&i| (xs(i), series[i].benchmark.unwrap()));
        chart
            .draw_series(DashedLineSeries::new(line, px(6.0), px(4.0), COMPARATOR.stroke_width(px(2.0))))
            .map_err(|e| e.to_string())?;
    }
    for run in runs(series, &kept, |p| p.value.is_some()) {
        let line = run.iter().map(|&i| (xs(i), series[i].value.unwrap()));
        chart.draw_series(LineSeries::new(line, VALUE.stroke_width(px(3.0)))).map_err(|e| e.to_string())?;
    }
    // A dot for each point while there is room for one.
    let dots = kept
        .iter()
        .filter(|_| whole)
        .filter_map(|&i| series[i].value.map(|v| Circle::new((xs(i), v), px(3.5), VALUE.filled())));
    chart.draw_series(dots).map_err(|e| e.to_string())?;
    let targets = kept
        .iter()
        .filter_map(|&i| series[i].target.map(|t| Cross::new((xs(i), t), px(5.0), TARGET.stroke_width(px(2.0)))));
    chart.draw_series(targets).map_err(|e| e.to_string())?;
    root.present().map_err(|e| e.to_string())
}

/// Runs of consecutive drawn indexes whose points satisfy `keep`: a null breaks a line.
fn runs(series: &[Point], drawn: &[usize], keep: impl Fn(&Point) -> bool) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new()];
    for &i in drawn {
        if keep(&series[i]) {
            out.last_mut().unwrap().push(i);
        } else if !out.last().unwrap().is_empty() {
            out.push(Vec::new());
        }
    }
    out.retain(|r| !r.is_empty());
    out
}
