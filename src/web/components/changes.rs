//! The "what changed" view: the items whose RAG moved since the previous edition,
//! worst first (see `explore::changes`).

use leptos::prelude::*;

use crate::explore::changes::Changes as ChangeList;
use crate::explore::query::Query;
use crate::web::page::{use_page, Page};

use super::badges::{ChangeMark, RagBadge};

/// Items whose RAG moved since the previous edition, worst first.
#[component]
pub fn Changes() -> impl IntoView {
    let page = use_page();
    move || {
        let period = page.period.get();
        let facets = page.facets.get();
        let ChangeList { previous, moved, empty } = page.bundle.with_value(|b| ChangeList::new(b, &facets, &period.id));
        let count = moved.len();
        view! {
            <section class="changes" aria-labelledby="changes-heading">
                <h2 id="changes-heading">{format!("What changed in {}", period.label)}</h2>
                {match (empty, previous) {
                    (Some(why), _) => view! { <super::notes::EmptyNote why=why/> }.into_any(),
                    (None, p) => view! {
                        <p class="lede" data-change-count=count>
                            {format!("{} moved since {}: worse first, then better, then newly rated.", crate::stats::vocabulary::count(count, "item"), p.unwrap_or_default())}
                        </p>
                    }.into_any(),
                }}
                <ul class="change-list">
                    {moved.into_iter().map(|m| view! {
                        <li class="change-row" data-item-id=m.id.clone() data-change=m.change.as_str()>
                            <ChangeMark change=Some(m.change)/>
                            <a href=Page::href(&Query { item: Some(m.id.clone()), ..page.query.get_untracked() })>{m.title}</a>
                            <span class="change-rags">
                                {m.before.map(|r| view! { <RagBadge rag=r/><span aria-hidden="true">" → "</span><span class="visually-hidden">" to "</span> })}
                                <RagBadge rag=m.rag/>
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }.into_any()
    }
}
