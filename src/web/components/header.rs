//! The masthead: board name, vision, the period picker and the board's context sections.

use leptos::prelude::*;

use crate::explore::query::Query;
use crate::web::page::use_page;

/// Board name, vision, period selector and the board's context sections for the period.
#[component]
pub fn Header() -> impl IntoView {
    let page = use_page();
    let (name, area, vision, periods) = page
        .bundle
        .with_value(|b| (b.board.name.clone(), b.board.area.clone(), b.board.vision.clone(), b.periods.clone()));
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let q = page.query.get_untracked();
        page.go(&Query { period: Some(id), item: None, ..q });
    };
    view! {
        <header class="masthead">
            <div class="masthead-inner">
                <p class="masthead-area">{area}" · Performance scorecard"</p>
                <h1 class="board-name">{name}</h1>
                {vision.map(|v| view! { <p class="vision"><span class="visually-hidden">"Vision: "</span>{v}</p> })}
                <div class="period-picker">
                    <label for="period">"Reporting period"</label>
                    <select id="period" class="period" on:change=on_change>
                        {periods.into_iter().map(|p| {
                            let id = p.id.clone();
                            let selected = move || page.period.read().id == id;
                            view! { <option value=p.id.clone() selected=selected>{p.label.clone()}</option> }
                        }).collect_view()}
                    </select>
                    <span class="period-label" data-period=move || page.period.read().id.clone()>
                        {move || format!("Showing {}", page.period.read().label)}
                    </span>
                </div>
            </div>
            <Context/>
        </header>
    }
}

/// Duties, reports received, engagement: collapsed by default, as most readers skip them.
#[component]
fn Context() -> impl IntoView {
    let page = use_page();
    move || {
        let period = page.period.read().id.clone();
        let sections: Vec<_> =
            page.bundle.with_value(|b| b.context.iter().filter(|c| c.period == period).cloned().collect());
        (!sections.is_empty()).then(|| {
            view! {
                <div class="context">
                    {sections.into_iter().map(|s| view! {
                        <details class="context-section">
                            <summary>{s.heading.clone()}{format!(" ({})", s.entries.len())}</summary>
                            <ul>{s.entries.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}</ul>
                        </details>
                    }).collect_view()}
                </div>
            }
            .into_any()
        })
    }
}
