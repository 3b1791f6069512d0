//! The peer chart: every area of a peer group for one period, best first, each a bar with
//! its 95% interval, the board's own area in the value's colour and the others in the
//! band's, and the national value as a dashed line. Drawn with plotters like the series
//! chart, in the stylesheet's colours; the same figures are in the table beside it.

use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;

use super::palette::{Ink, Palette};
use super::{colour, keep_drawn, palette_of, sized_area};
use crate::explore::standing::PeerChart;
use crate::stats::number::format_number;

/// Height of one area's row, in CSS pixels.
const ROW: f64 = 26.0;

/// The chart of `chart`, its rows as tall as the group is long.
#[component]
pub fn PeerBars(chart: PeerChart, unit: Option<String>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let own = chart.bars.iter().position(|b| b.own).map_or(0, |i| i + 1);
    let described = format!(
        "Chart of the {} areas of the {} for {}, best first; this area is number {own}. The same figures are in \
         the table below.",
        chart.bars.len(),
        chart.group_label,
        chart.period
    );
    let height = format!("height: {}px", (chart.bars.len() as f64 * ROW + 56.0).round());
    Effect::new(move |_| {
        let Some(el) = canvas.get() else { return };
        let (chart, unit) = (chart.clone(), unit.clone());
        keep_drawn(el, move |el, css, ratio| {
            if let Err(e) = draw(el, &chart, unit.as_deref(), css, ratio, &palette_of(el)) {
                leptos::logging::warn!("peer chart: {e}");
            }
        });
    });
    view! {
        <div class="chart-box peer-chart-box" style=height>
            <canvas node_ref=canvas class="chart-canvas" role="img" aria-label=described></canvas>
        </div>
    }
}

fn draw(
    el: &web_sys::HtmlCanvasElement,
    chart: &PeerChart,
    unit: Option<&str>,
    css: (f64, f64),
    ratio: f64,
    palette: &Palette,
) -> Result<(), String> {
    let root = sized_area(el, css, ratio, palette)?;
    let ink = |i: Ink| colour(palette.get(i));
    let px = |v: f64| (v * ratio) as u32;
    let font = |size: f64| ("system-ui, sans-serif", size * ratio).into_font().color(&ink(Ink::Text));

    let bars = &chart.bars;
    let n = bars.len();
    let numbers = bars.iter().flat_map(|b| [Some(b.value), b.lower, b.upper]).flatten();
    let numbers = numbers.chain(chart.national.as_ref().map(|n| n.1));
    let (lo, hi) = numbers.fold((0.0f64, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if !hi.is_finite() {
        return Ok(());
    }
    let x1 = if hi > 0.0 { hi * 1.05 } else { 1.0 };
    // The first area at the top: row i is drawn at y = n - 1 - i.
    let at = |i: usize| (n - 1 - i) as f64;
    let names: Vec<String> = bars.iter().map(|b| short(&b.label)).collect();
    let mut plot = ChartBuilder::on(&root)
        .margin(px(8.0))
        .margin_right(px(20.0))
        .x_label_area_size(px(30.0))
        .y_label_area_size(px(if css.0 < 480.0 { 110.0 } else { 170.0 }))
        .build_cartesian_2d(lo..x1, -0.5f64..(n as f64 - 0.5))
        .map_err(|e| e.to_string())?;
    let unit_text = unit.unwrap_or("");
    let x_text = |x: &f64| if unit_text == "%" { format!("{}%", format_number(*x)) } else { format_number(*x) };
    let y_text = |y: &f64| {
        let r = y.round();
        if (y - r).abs() < 0.01 && r >= 0.0 && (r as usize) < n {
            names[n - 1 - r as usize].clone()
        } else {
            String::new()
        }
    };
    plot.configure_mesh()
        .x_labels(if css.0 < 480.0 { 4 } else { 8 })
        .y_labels(n)
        .x_label_formatter(&x_text)
        .y_label_formatter(&y_text)
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(ink(Ink::Grid))
        .axis_style(ink(Ink::Text))
        .label_style(font(12.0))
        .draw()
        .map_err(|e| e.to_string())?;
    let rects = bars.iter().enumerate().map(|(i, b)| {
        let fill = if b.own { ink(Ink::Value) } else { ink(Ink::Band) };
        Rectangle::new([(0.0, at(i) - 0.32), (b.value, at(i) + 0.32)], fill.filled())
    });
    plot.draw_series(rects).map_err(|e| e.to_string())?;
    let whiskers = bars.iter().enumerate().filter_map(|(i, b)| {
        let (l, u) = (b.lower?, b.upper?);
        Some(PathElement::new(vec![(l, at(i)), (u, at(i))], ink(Ink::Text).stroke_width(px(1.5))))
    });
    plot.draw_series(whiskers).map_err(|e| e.to_string())?;
    if let Some((_, v)) = &chart.national {
        let line = [(*v, -0.5), (*v, n as f64 - 0.5)];
        plot.draw_series(DashedLineSeries::new(line, px(6.0), px(4.0), ink(Ink::Comparator).stroke_width(px(2.0))))
            .map_err(|e| e.to_string())?;
    }
    root.present().map_err(|e| e.to_string())
}

/// An area's name cut to fit the label column.
fn short(label: &str) -> String {
    if label.chars().count() <= 22 {
        return label.to_string();
    }
    let cut: String = label.chars().take(21).collect();
    format!("{}…", cut.trim_end())
}
