//! The tabs over the period's scorecard (all items, the table, the comparison with
//! similar areas, exception report, what changed) and the open view.

use leptos::prelude::*;

use crate::explore::query::{Query, View};
use crate::web::page::{use_page, Page};

/// The tabs over the period's scorecard, and the open view.
#[component]
pub fn Views() -> impl IntoView {
    let page = use_page();
    let view_now = Memo::new(move |_| page.query.read().view);
    // The compare tab only where there is something to compare; its address works anyway.
    let compares = page.bundle.with_value(|b| !b.comparators.is_empty());
    // The publish page leads back from its own masthead: no tabs of the board's views.
    let tabs = move || view_now.get() != View::Publish;
    view! {
        <nav class="view-tabs" aria-label="Views" hidden=move || !tabs()>
            <ul>
                {View::ALL.into_iter().filter(|v| compares || *v != View::Compare).map(|v| {
                    let href = move || Page::href(&Query { view: v, item: None, ..page.query.get() });
                    let current = move || (view_now.get() == v).then_some("page");
                    view! { <li><a href=href aria-current=current data-view=v.word()>{v.label()}</a></li> }
                }).collect_view()}
            </ul>
        </nav>
        {move || match view_now.get() {
            // One place draws the filters for both, so the code is not there twice.
            v @ (View::Items | View::Table) => view! {
                {(v == View::Items).then(|| view! { <super::overview::Overview/> })}
                <div class="explorer" class:explorer-table=v == View::Table>
                    <super::filters::Filters/>
                    {if v == View::Table {
                        view! { <super::item_table::ItemTable/> }.into_any()
                    } else {
                        view! { <super::item_list::ItemList/> }.into_any()
                    }}
                </div>
            }.into_any(),
            View::Exceptions => view! { <super::exceptions::Exceptions/> }.into_any(),
            View::Changes => view! { <super::changes::Changes/> }.into_any(),
            View::Compare => view! { <super::spine::Compare/> }.into_any(),
            View::Publish => view! { <super::publish::Publish/> }.into_any(),
        }}
    }
}
