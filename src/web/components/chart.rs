//! The detail chart, drawn with plotters on a canvas: the value over time with its
//! confidence interval as a band, the comparator as a dashed line, targets as a stepped
//! line, gaps where a value is null. Redrawn at the device's pixel ratio when its
//! container resizes, and at print resolution before printing, so it stays crisp. A long
//! series is thinned to the chart's width (see `explore::thinning`). The same data is in
//! the table beside it. The PNG export is drawn apart, at twice the size, with the words
//! a board paper needs around it (`explore::figure`). Its colours are the stylesheet's
//! (`palette`).

mod palette;
pub mod peers;

use std::cell::Cell;
use std::rc::Rc;

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{closure::Closure, JsCast};

use std::sync::Arc;

use crate::bundle::Point;
use crate::explore::figure::{Figure, Key};
use crate::explore::thinning::chart_points;
use crate::stats::number::format_number;
use palette::{Ink, Palette, Rgba};

/// The chart's size on paper in CSS pixels (170 by 80 mm, as style/main.css prints it),
/// drawn at three times that before printing.
const PRINT_SIZE: (f64, f64) = (642.0, 302.0);

/// A chart of one series, with a text alternative naming what it shows.
#[component]
pub fn Chart(series: Arc<[Point]>, figure: Figure) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let title = figure.title.clone();
    let described = format!(
        "Chart of {title}: {} values from {} to {}. The same figures are in the table below.",
        series.iter().filter(|p| p.value.is_some()).count(),
        series.first().map(label).unwrap_or_default(),
        series.last().map(label).unwrap_or_default()
    );
    let draw_ms = RwSignal::new(String::new());
    let unit = figure.unit.clone();
    let keys = figure.legend.clone();
    let exported = (series.clone(), figure.clone());
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let (series, unit) = (series.clone(), unit.clone());
        keep_drawn(el, move |el, css, ratio| {
            let started = now();
            if let Err(e) = draw(el, &series, unit.as_deref(), css, ratio, &palette_of(el)) {
                leptos::logging::warn!("chart: {e}");
            }
            draw_ms.set(format!("{:.2}", now() - started));
        });
    });
    let export = move |_| {
        let (series, figure) = &exported;
        let palette = canvas.get_untracked().map(|el| palette_of(&el)).unwrap_or_default();
        match export_canvas(series, figure, &palette) {
            Ok(c) => super::export::download_png(&c, &figure.title),
            Err(e) => leptos::logging::warn!("chart export: {e}"),
        }
    };
    view! {
        <figure class="chart">
            <div class="chart-box">
                <canvas node_ref=canvas class="chart-canvas" role="img" aria-label=described data-draw-ms=move || draw_ms.get()></canvas>
            </div>
            // The key right under the chart it explains; the download after both.
            <figcaption class="chart-legend">
                {keys.into_iter().map(|k| view! { <span class=format!("key {}", k.class())>{k.label()}</span> }).collect_view()}
            </figcaption>
        </figure>
        <button type="button" class="button secondary chart-download" data-export="png" on:click=export>
            "Download chart (PNG)"
        </button>
    }
}

/// Draws `el` now with `paint(el, css size, pixel ratio)`, again when its container changes
/// size (window resize, rotation), and at print resolution for printing, then back; the
/// listeners end with the component. Called inside an effect.
pub(super) fn keep_drawn(
    el: web_sys::HtmlCanvasElement,
    paint: impl Fn(&web_sys::HtmlCanvasElement, (f64, f64), f64) + 'static,
) {
    let drawn_at = Rc::new(Cell::new((0, 0)));
    let redraw = Rc::new(move |el: &web_sys::HtmlCanvasElement, print: bool| {
        // The observer also fires once when it starts: draw again only on a real resize.
        let size = if print { (-1, -1) } else { (el.client_width(), el.client_height()) };
        if drawn_at.replace(size) == size {
            return;
        }
        let (css, ratio) = if print {
            (PRINT_SIZE, 3.0)
        } else {
            ((size.0.max(280) as f64, size.1.max(200) as f64), window().device_pixel_ratio().max(1.0))
        };
        paint(el, css, ratio);
    });
    redraw(&el, false);
    let listen = |event: &'static str, print: bool| {
        let (target, redraw) = (el.clone(), redraw.clone());
        let f = Closure::<dyn FnMut()>::new(move || redraw(&target, print));
        let _ = window().add_event_listener_with_callback(event, f.as_ref().unchecked_ref());
        (event, f)
    };
    let printing = [listen("beforeprint", true), listen("afterprint", false)];
    let target = el.clone();
    let on_resize = Closure::<dyn FnMut()>::new(move || redraw(&target, false));
    let observer = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()).ok();
    if let (Some(observer), Some(parent)) = (&observer, el.parent_element()) {
        observer.observe(&parent);
    }
    let keep = send_wrapper::SendWrapper::new((observer, on_resize, printing));
    on_cleanup(move || {
        let (observer, _, printing) = &*keep;
        if let Some(o) = observer {
            o.disconnect();
        }
        for (event, f) in printing {
            let _ = window().remove_event_listener_with_callback(event, f.as_ref().unchecked_ref());
        }
    });
}

/// The chart's colours as the stylesheet sets them for `el` (a theme may have changed
/// them). A value the browser can read as a colour, in any CSS form, is turned into
/// `rgba(...)` by a 2D context; anything else leaves that ink's fallback.
pub(super) fn palette_of(el: &web_sys::HtmlCanvasElement) -> Palette {
    let style = window().get_computed_style(el).ok().flatten();
    let context: Option<web_sys::CanvasRenderingContext2d> =
        el.get_context("2d").ok().flatten().and_then(|c| c.dyn_into().ok());
    Palette::from_lookup(|property| {
        let value = style.as_ref()?.get_property_value(property).ok()?;
        let value = value.trim();
        if value.is_empty() || Rgba::parse(value).is_some() {
            return Some(value.to_owned());
        }
        // A value the context cannot read leaves its fill style as it was: the unset mark.
        let context = context.as_ref()?;
        context.set_fill_style_str("#00000000");
        let unset = context.fill_style().as_string();
        context.set_fill_style_str(value);
        context.fill_style().as_string().filter(|read| Some(read) != unset.as_ref())
    })
}

pub(super) fn colour(c: Rgba) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, c.3)
}

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

fn label(p: &Point) -> String {
    p.label.clone().unwrap_or_else(|| p.date.clone())
}

/// Draws the chart on `el` at `css` pixels (its displayed size) times `ratio`.
pub fn draw(
    el: &web_sys::HtmlCanvasElement,
    series: &[Point],
    unit: Option<&str>,
    css: (f64, f64),
    ratio: f64,
    palette: &Palette,
) -> Result<(), String> {
    let root = sized_area(el, css, ratio, palette)?;
    paint(&root, series, unit, css.0, ratio, palette)?;
    root.present().map_err(|e| e.to_string())
}

/// A drawing area over `el` of `css` pixels times `ratio`, filled with the background:
/// where every chart of the page starts.
pub(super) fn sized_area(
    el: &web_sys::HtmlCanvasElement,
    css: (f64, f64),
    ratio: f64,
    palette: &Palette,
) -> Result<Area, String> {
    el.set_width((css.0 * ratio) as u32);
    el.set_height((css.1 * ratio) as u32);
    let backend = CanvasBackend::with_canvas_object(el.clone()).ok_or("canvas has no 2D context")?;
    let root = backend.into_drawing_area();
    root.fill(&colour(palette.get(Ink::Background))).map_err(|e| e.to_string())?;
    Ok(root)
}

/// Draws the chart into `root`, `w` CSS pixels wide, each CSS pixel `ratio` device pixels.
fn paint(
    root: &Area,
    series: &[Point],
    unit: Option<&str>,
    w: f64,
    ratio: f64,
    palette: &Palette,
) -> Result<(), String> {
    let px = |v: f64| (v * ratio) as u32;
    let ink = |i: Ink| colour(palette.get(i));
    let font = |size: f64| ("system-ui, sans-serif", size * ratio).into_font().color(&ink(Ink::Text));

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
    let mut chart = ChartBuilder::on(root)
        .margin(px(12.0))
        // Room for half of the last period's label, which is always drawn.
        .margin_right(px(30.0))
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
        // Counted back from the last point, so the latest period always has its label.
        if (x - i).abs() < 0.01 && i >= 0.0 && (i as usize) < n && (n - 1 - i as usize) % step == 0 {
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
        .bold_line_style(ink(Ink::Grid))
        .axis_style(ink(Ink::Text))
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
        chart.draw_series(std::iter::once(Polygon::new(poly, ink(Ink::Band).filled()))).map_err(|e| e.to_string())?;
    }
    for run in runs(series, &kept, |p| p.benchmark.is_some()) {
        let line = run.iter().map(|&i| (xs(i), series[i].benchmark.unwrap()));
        chart
            .draw_series(DashedLineSeries::new(line, px(6.0), px(4.0), ink(Ink::Comparator).stroke_width(px(2.0))))
            .map_err(|e| e.to_string())?;
    }
    for run in runs(series, &kept, |p| p.value.is_some()) {
        let line = run.iter().map(|&i| (xs(i), series[i].value.unwrap()));
        chart.draw_series(LineSeries::new(line, ink(Ink::Value).stroke_width(px(3.0)))).map_err(|e| e.to_string())?;
    }
    // A dot for each point while there is room for one.
    let dots = kept
        .iter()
        .filter(|_| whole)
        .filter_map(|&i| series[i].value.map(|v| Circle::new((xs(i), v), px(3.5), ink(Ink::Value).filled())));
    chart.draw_series(dots).map_err(|e| e.to_string())?;
    // Targets as a stepped line: each holds for its own period, then steps to the next.
    for run in runs(series, &kept, |p| p.target.is_some()) {
        let steps = run.iter().flat_map(|&i| {
            let t = series[i].target.unwrap();
            [(xs(i) - 0.5, t), (xs(i) + 0.5, t)]
        });
        chart.draw_series(LineSeries::new(steps, ink(Ink::Target).stroke_width(px(2.0)))).map_err(|e| e.to_string())?;
    }
    Ok(())
}

type Area = DrawingArea<CanvasBackend, Shift>;

/// The chart as a board paper takes it: an 800 by 380 pixel chart drawn at twice that,
/// with the title, unit, legend, source and notice of `figure` written around it.
fn export_canvas(series: &[Point], figure: &Figure, palette: &Palette) -> Result<web_sys::HtmlCanvasElement, String> {
    const W: f64 = 800.0;
    const CHART_H: f64 = 380.0;
    const S: f64 = 2.0;
    let canvas = || -> Result<web_sys::HtmlCanvasElement, String> {
        Ok(document().create_element("canvas").map_err(|_| "no canvas")?.unchecked_into())
    };
    let chart = canvas()?;
    draw(&chart, series, figure.unit.as_deref(), (W, CHART_H), S, palette)?;
    let el = canvas()?;
    el.set_width((W * S) as u32);
    // Measured with this canvas's context, then laid out at its final height (setting
    // the height clears the canvas and resets the context).
    let context = || -> Result<web_sys::CanvasRenderingContext2d, String> {
        Ok(el.get_context("2d").ok().flatten().ok_or("canvas has no 2D context")?.unchecked_into())
    };
    let (title, small) = ("bold 40px system-ui, sans-serif", "26px system-ui, sans-serif");
    let cx = context()?;
    let wrap = |text: &str, font: &str| {
        cx.set_font(font);
        let fits = |line: &str| cx.measure_text(line).map_or(true, |m| m.width() <= (W - 32.0) * S);
        let mut lines: Vec<String> = Vec::new();
        for word in text.split_whitespace() {
            match lines.last_mut() {
                Some(line) if fits(&format!("{line} {word}")) => {
                    line.push(' ');
                    line.push_str(word);
                }
                _ => lines.push(word.to_string()),
            }
        }
        lines
    };
    let mut lines: Vec<(String, &str, f64)> =
        wrap(&figure.title, title).into_iter().map(|l| (l, title, 26.0)).collect();
    let under: Vec<String> = figure.unit_line().map(|u| wrap(&u, small)).unwrap_or_default();
    lines.extend(under.into_iter().map(|l| (l, small, 19.0)));
    let top = 16.0 + lines.iter().map(|l| l.2).sum::<f64>() + 6.0;
    let foot: Vec<String> = [figure.source.as_deref(), figure.notice.as_deref()]
        .into_iter()
        .flatten()
        .flat_map(|l| wrap(l, small))
        .collect();
    let legend_y = top + CHART_H + 12.0;
    el.set_height(((legend_y + 28.0 + foot.len() as f64 * 19.0 + 12.0) * S) as u32);
    let cx = context()?;
    let (text, background) = (palette.get(Ink::Text).css(), palette.get(Ink::Background).css());
    cx.set_fill_style_str(&background);
    cx.fill_rect(0.0, 0.0, el.width() as f64, el.height() as f64);
    cx.set_text_baseline("top");
    cx.set_fill_style_str(&text);
    let foot = foot.into_iter().map(|l| (l, small, 19.0));
    let placed = lines.iter().cloned().scan(16.0, |y, l| Some((*y, l.clone())).inspect(|_| *y += l.2));
    let below = foot.scan(legend_y + 28.0, |y, l| Some((*y, l.clone())).inspect(|_| *y += l.2));
    for (y, (line, font, _)) in placed.chain(below) {
        cx.set_font(font);
        let _ = cx.fill_text(&line, 16.0 * S, y * S);
    }
    cx.draw_image_with_html_canvas_element(&chart, 0.0, top * S).map_err(|_| "the chart could not be copied")?;
    // The legend: a swatch drawn as the chart draws that line, then its words.
    cx.set_font(small);
    let mut x = 16.0 * S;
    let mid = (legend_y + 8.0) * S;
    for key in &figure.legend {
        let (ink, bars): (Ink, &[(f64, f64, f64, f64)]) = match key {
            Key::Value => (Ink::Value, &[(0.0, -3.0, 48.0, 6.0)]),
            Key::Interval => (Ink::Band, &[(0.0, -12.0, 48.0, 24.0)]),
            Key::Comparator(_) => {
                (Ink::Comparator, &[(0.0, -2.0, 14.0, 4.0), (20.0, -2.0, 14.0, 4.0), (40.0, -2.0, 8.0, 4.0)])
            }
            Key::Target => (Ink::Target, &[(0.0, 8.0, 24.0, 4.0), (22.0, -12.0, 4.0, 24.0), (24.0, -12.0, 24.0, 4.0)]),
        };
        cx.set_fill_style_str(&palette.get(ink).css());
        for (dx, dy, w, h) in bars {
            cx.fill_rect(x + dx, mid + dy, *w, *h);
        }
        cx.set_fill_style_str(&text);
        let words = key.label();
        let _ = cx.fill_text(&words, x + 60.0, legend_y * S);
        x += 60.0 + cx.measure_text(&words).map_or(200.0, |m| m.width()) + 40.0;
    }
    Ok(el)
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
