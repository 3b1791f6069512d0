use leptos::prelude::*;

use crate::bundle::Rag;
use crate::explore::query::Query;
use crate::web::app::{page, Page};

/// The red and amber items of the period with their commentary, grouped by workstream,
/// as a board paper lists them. Printable.
#[component]
pub fn Exceptions() -> impl IntoView {
    let page = page();
    move || {
        let period = page.period.get();
        let (board, groups) = page.bundle.with_value(|b| {
            let groups: Vec<_> = b
                .workstreams
                .iter()
                .filter_map(|w| {
                    let mut items: Vec<_> = b
                        .items
                        .iter()
                        .filter(|i| i.workstream == w.id)
                        .filter_map(|i| {
                            let a = i.assessment(&period.id)?;
                            matches!(a.rag, Some(Rag::Red | Rag::Amber)).then(|| (i.clone(), a.clone()))
                        })
                        .collect();
                    items.sort_by_key(|(_, a)| a.rag.as_ref().map_or(9, |r| r.severity()));
                    let headline = w.headlines.get(&period.id).cloned();
                    (!items.is_empty()).then(|| (w.clone(), headline, items))
                })
                .collect();
            (b.board.name.clone(), groups)
        });
        let total: usize = groups.iter().map(|g| g.2.len()).sum();
        view! {
            <section class="exceptions" aria-labelledby="exceptions-heading">
                <div class="print-header"><span>{board.clone()}</span><span>{period.label.clone()}</span></div>
                <h2 id="exceptions-heading">{format!("Exception report: {}", period.label)}</h2>
                <p class="lede" data-exception-count=total>
                    {format!("{total} item{} rated red or amber in {}.", if total == 1 { "" } else { "s" }, period.label)}
                </p>
                <button type="button" class="button print-button" on:click=|_| { let _ = window().print(); }>"Print this report"</button>
                {if groups.is_empty() {
                    view! { <p class="empty">"No item is rated red or amber in this period."</p> }.into_any()
                } else {
                    groups.into_iter().map(|(w, headline, items)| view! {
                        <section class="exception-group" data-workstream=w.id.clone()>
                            <h3>{crate::web::components::workstream_name(&w)}</h3>
                            {w.lead.clone().map(|l| view! { <p class="ws-lead">"Lead: "{l}</p> })}
                            {headline.map(|h| view! { <p class="headline"><strong>"Headline: "</strong>{h}</p> })}
                            <ul class="exception-list">
                                {items.into_iter().map(|(i, a)| view! {
                                    <li class="exception" data-item-id=i.id.clone()>
                                        <h4><super::badges::RagBadge rag=a.rag.clone().unwrap_or(Rag::NotRated)/>" "
                                            <a href=Page::href(&Query { item: Some(i.id.clone()), ..page.query.get_untracked() })>{i.title.clone()}</a></h4>
                                        <p class="commentary">{a.commentary.clone().unwrap_or_else(|| "No commentary given.".into())}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }).collect_view().into_any()
                }}
            </section>
        }
    }
}
