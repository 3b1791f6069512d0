//! The exception report view, laid out as a board paper: a summary table of every red
//! and amber item (reds first), then each workstream's headline once with the items and
//! whatever their commentary adds to it (see `explore::exceptions`). Printable, and the
//! summary downloads as CSV.

use leptos::prelude::*;

use crate::explore::exceptions::{Exception, ExceptionReport};
use crate::explore::query::Query;
use crate::web::page::{use_page, Page};

use super::badges::RagBadge;

/// The red and amber items of the period with their commentary, as a board paper lists them.
#[component]
pub fn Exceptions() -> impl IntoView {
    let page = use_page();
    move || {
        let period = page.period.get();
        let (board, report) = page.bundle.with_value(|b| (b.board.name.clone(), ExceptionReport::new(b, &period)));
        let total = report.total();
        let href = move |id: &str| Page::href(&Query { item: Some(id.to_string()), ..page.query.get_untracked() });
        let csv = crate::explore::items_csv::exceptions_csv(&report);
        let csv_name = format!("exceptions-{}.csv", super::export::safe_name(&period.id));
        let download = move |_| {
            let _ = crate::web::host::download(&csv_name, "text/csv;charset=utf-8", csv.as_bytes());
        };
        let summary = (!report.groups.is_empty()).then(|| {
            let rows: Vec<Exception> = report.summary().into_iter().cloned().collect();
            let label = |column: usize| crate::explore::items_csv::SUMMARY_HEADER[column];
            view! {
                <div class="table-wrap" role="region" aria-label="Summary table" tabindex="0">
                    <table class="data-table exception-summary">
                        <caption>"Summary: red first, then amber"</caption>
                        <thead><tr>
                            {crate::explore::items_csv::SUMMARY_HEADER[..6].iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|e| view! {
                                // On a phone each row is a card, each cell headed by its data-label.
                                <tr data-item-id=e.id.clone()>
                                    <th scope="row"><a href=href(&e.id)>{e.title}</a></th>
                                    <td data-label=label(1)>{e.workstream}</td>
                                    <td data-label=label(2)><RagBadge rag=e.rag judged=e.judged/></td>
                                    <td data-label=label(3)>{e.trend}</td>
                                    <td data-label=label(4)>{e.latest}</td>
                                    <td data-label=label(5)>{e.lead.unwrap_or_default()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }
        });
        view! {
            <section class="exceptions" aria-labelledby="exceptions-heading">
                <p class="print-board">{board}</p>
                <h2 id="exceptions-heading">{format!("Exception report: {}", period.label)}</h2>
                {match report.empty {
                    Some(why) => view! { <super::notes::EmptyNote why=why/> }.into_any(),
                    None => view! {
                        <p class="lede" data-exception-count=total>
                            {format!("{} rated red or amber in {}.", crate::stats::vocabulary::count(total, "item"), period.label)}
                        </p>
                        <div class="report-actions">
                            <button type="button" class="button print-button" on:click=|_| { let _ = window().print(); }>"Print this report"</button>
                            <button type="button" class="button secondary" data-export="exceptions-csv" on:click=download>"Download CSV"</button>
                        </div>
                    }.into_any(),
                }}
                {summary}
                {report.groups.into_iter().map(|group| view! {
                    <section class="exception-group" data-workstream=group.workstream.id.clone()>
                        <h3>{group.workstream.heading()}</h3>
                        {group.workstream.lead.clone().map(|l| view! { <p class="ws-lead">"Lead: "{l}</p> })}
                        {group.headline.map(|h| view! { <p class="headline"><strong>"Headline: "</strong>{h}</p> })}
                        <ul class="exception-list">
                            {group.items.into_iter().map(|e| {
                                // What the item adds to the headline; else that the headline said it.
                                let said = e.commentary.is_some() && e.new_commentary.is_none();
                                let (class, text) = match e.new_commentary {
                                    Some(c) => ("commentary", c),
                                    None if said => ("note said-above", "Commentary as above.".into()),
                                    None => ("commentary", "No commentary given.".into()),
                                };
                                view! {
                                    <li class="exception" data-item-id=e.id.clone()>
                                        <h4><RagBadge rag=e.rag judged=e.judged/>" "<a href=href(&e.id)>{e.title}</a></h4>
                                        <p class=class>{text}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                }).collect_view()}
            </section>
        }.into_any()
    }
}
