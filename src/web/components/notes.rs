//! Notices above every view: a local file's preview, illustrative data, and URL words
//! that were ignored.

use leptos::prelude::*;

use crate::explore::edition::{no_ratings, Empty};
use crate::explore::query::{Query, View};
use crate::web::open::Preview;
use crate::web::page::{use_page, Page};

/// Notices on every view: illustrative data, and URL words that were ignored.
#[component]
pub fn Notes() -> impl IntoView {
    let page = use_page();
    let illustrative = page.bundle.with_value(|b| b.source.illustrative);
    let preview = expect_context::<Preview>();
    view! {
        {move || preview.file.get().map(|f| view! {
            <p class="notice preview" data-preview="true">
                <strong>"Preview of a local file: "</strong>{f.clone()}" (not published; shown only in this browser)."
                {move || preview.converted.get().map(|json| {
                    let name = format!("{}.json", crate::web::components::export::safe_name(f.trim_end_matches(".xlsx")));
                    view! {
                        " "
                        <button type="button" class="button download-bundle" on:click=move |_| {
                            let _ = crate::web::host::download(&name, "application/json", json.as_bytes());
                        }>"Download bundle (JSON)"</button>
                    }
                })}
            </p>
        })}
        {illustrative.then(|| view! {
            <p class="notice illustrative" data-illustrative="true">
                <strong>"Illustrative data. "</strong>
                "Some or all of it is example data, not official statistics."
            </p>
        })}
        {move || {
            // An edition without ratings says so on every view, with the way to one that has them.
            let period = page.period.get();
            let items_view = page.query.with(|q| matches!(q.view, View::Items | View::Table) || q.item.is_some());
            items_view.then_some(())?;
            page.bundle.with_value(|b| no_ratings(b, &period)).filter(|e| e.see_instead().is_some()).map(|why| view! {
                <div class="notice no-ratings"><EmptyNote why=why/></div>
            })
        }}
        {move || {
            let notes = page.notes.get();
            (!notes.is_empty()).then(|| view! {
                <div class="notice url-notes" role="status">
                    <ul>{notes.into_iter().map(|n| view! { <li>{n.to_string()}</li> }).collect_view()}</ul>
                </div>
            })
        }}
    }
}

/// Why a list is empty, and where to look instead (an edition without ratings links to
/// the latest one that has them).
#[component]
pub fn EmptyNote(why: Empty) -> impl IntoView {
    let page = use_page();
    let instead = why.see_instead().map(|(p, words)| {
        let href = Page::href(&Query { period: Some(p.id.clone()), item: None, ..page.query.get_untracked() });
        view! { " "<a href=href>{words}</a> }
    });
    view! { <p class="empty" data-empty=why.word()>{why.sentence()}{instead}</p> }
}
