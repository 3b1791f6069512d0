//! The exception report view: the red and amber items of the period with their
//! commentary, grouped by workstream (see `explore::exceptions`). Printable.

use leptos::prelude::*;

use crate::explore::exceptions::ExceptionReport;
use crate::explore::query::Query;
use crate::web::page::{use_page, Page};

use super::badges::RagBadge;

/// The red and amber items of the period with their commentary, grouped by workstream,
/// as a board paper lists them.
#[component]
pub fn Exceptions() -> impl IntoView {
    let page = use_page();
    move || {
        let period = page.period.get();
        let (board, report) = page.bundle.with_value(|b| (b.board.name.clone(), ExceptionReport::new(b, &period)));
        let total = report.total();
        view! {
            <section class="exceptions" aria-labelledby="exceptions-heading">
                <div class="print-header"><span>{board.clone()}</span><span>{period.label.clone()}</span></div>
                <h2 id="exceptions-heading">{format!("Exception report: {}", period.label)}</h2>
                {match report.empty {
                    Some(why) => view! { <super::notes::EmptyNote why=why/> }.into_any(),
                    None => view! {
                        <p class="lede" data-exception-count=total>
                            {format!("{total} item{} rated red or amber in {}.", if total == 1 { "" } else { "s" }, period.label)}
                        </p>
                        <button type="button" class="button print-button" on:click=|_| { let _ = window().print(); }>"Print this report"</button>
                    }.into_any(),
                }}
                {

                    report.groups.into_iter().map(|group| view! {
                        <section class="exception-group" data-workstream=group.workstream.id.clone()>
                            <h3>{group.workstream.heading()}</h3>
                            {group.workstream.lead.clone().map(|l| view! { <p class="ws-lead">"Lead: "{l}</p> })}
                            {group.headline.map(|h| view! { <p class="headline"><strong>"Headline: "</strong>{h}</p> })}
                            <ul class="exception-list">
                                {group.items.into_iter().map(|e| view! {
                                    <li class="exception" data-item-id=e.id.clone()>
                                        <h4><RagBadge rag=e.rag/>" "
                                            <a href=Page::href(&Query { item: Some(e.id.clone()), ..page.query.get_untracked() })>{e.title}</a></h4>
                                        <p class="commentary">{e.commentary.unwrap_or_else(|| "No commentary given.".into())}</p>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    }).collect_view()
                }
            </section>
        }
    }
}
