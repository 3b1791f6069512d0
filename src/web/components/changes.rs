use leptos::prelude::*;

use crate::explore::query::Query;
use crate::stats::change::Change;
use crate::web::app::{page, Page};

/// Items whose RAG moved since the previous edition, worst first.
#[component]
pub fn Changes() -> impl IntoView {
    let page = page();
    move || {
        let period = page.period.get();
        let index = page.index.get();
        let (previous, mut moved) = page.bundle.with_value(|b| {
            let before = b
                .periods
                .iter()
                .position(|p| p.id == period.id)
                .and_then(|at| at.checked_sub(1))
                .map(|j| &b.periods[j]);
            // The index already holds each item's RAG and change for the period.
            let moved: Vec<_> = b
                .items
                .iter()
                .enumerate()
                .filter_map(|(n, i)| {
                    let s = index.summary(n)?;
                    let c = s.change.filter(|c| *c != Change::Same)?;
                    let was = before.and_then(|p| i.assessment(&p.id)).and_then(|a| a.rag.clone());
                    Some((c, s.rag.clone(), was, (i.id.clone(), i.title.clone())))
                })
                .collect();
            (before.map(|p| p.label.clone()), moved)
        });
        moved.sort_by_key(|(c, rag, _, _)| (*c, rag.severity()));
        let count = moved.len();
        view! {
            <section class="changes" aria-labelledby="changes-heading">
                <h2 id="changes-heading">{format!("What changed in {}", period.label)}</h2>
                <p class="lede" data-change-count=count>{match &previous {
                    Some(p) => format!("{count} item{} moved since {p}: worse first, then better, then newly rated.", if count == 1 { "" } else { "s" }),
                    None => "This is the first edition in the scorecard: there is no earlier one to compare with.".to_string(),
                }}</p>
                <ul class="change-list">
                    {moved.into_iter().map(|(c, rag, before, (id, title))| view! {
                        <li class="change-row" data-item-id=id.clone() data-change=c.as_str()>
                            <super::badges::ChangeMark change=Some(c)/>
                            <a href=Page::href(&Query { item: Some(id.clone()), ..page.query.get_untracked() })>{title}</a>
                            <span class="change-rags">
                                {before.map(|r| view! { <super::badges::RagBadge rag=r/><span aria-hidden="true">" → "</span><span class="visually-hidden">" to "</span> })}
                                <super::badges::RagBadge rag=rag/>
                            </span>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    }
}
