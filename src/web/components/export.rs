//! Downloads made in the browser: the matching items as CSV, a chart as PNG.

use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

use crate::explore::query::View;
use crate::explore::{items_csv, table};
use crate::web::page::use_page;

/// Downloads the matching items as CSV, made in the browser.
#[component]
pub fn CsvButton() -> impl IntoView {
    let page = use_page();
    let download = move |_| {
        let period = page.period.get_untracked();
        let matching = page.matching.get_untracked();
        let query = page.query.get_untracked();
        // In the table view, the table as shown: its rows, in its order, in its words.
        let csv = page.bundle.with_value(|b| match query.view {
            View::Table => page.facets.with_untracked(|f| {
                let rows = table::rows(b, f, &matching, &period);
                items_csv::table_csv(f, table::order(&rows, query.table_sort).into_iter().map(|i| &rows[i]))
            }),
            _ => items_csv::items_csv(b, &matching, &period),
        });
        let name = format!("scorecard-{}.csv", safe_name(&period.id));
        if let Err(e) = crate::web::host::download(&name, "text/csv;charset=utf-8", csv.as_bytes()) {
            leptos::logging::warn!("CSV download failed: {}", e.as_string().unwrap_or_default());
        }
    };
    view! { <button type="button" class="button secondary" data-export="csv" on:click=download>"Download CSV"</button> }
}

/// Downloads the chart on `canvas` as a PNG.
pub fn download_png(canvas: &web_sys::HtmlCanvasElement, name: &str) {
    let name = format!("{}.png", safe_name(name));
    let save = Closure::once_into_js(move |blob: Option<web_sys::Blob>| {
        if let Some(blob) = blob {
            let _ = crate::web::host::download_blob(&name, &blob);
        }
    });
    let _ = canvas.to_blob(save.unchecked_ref());
}

/// A file name from a title: letters, digits and dashes.
pub fn safe_name(text: &str) -> String {
    let name: String =
        text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    let name = name.split('-').filter(|p| !p.is_empty()).collect::<Vec<_>>().join("-");
    name.chars().take(60).collect()
}
