//! The overview: a card per workstream with its RAG bar and counts, each a link that
//! applies that filter.

use leptos::prelude::*;

use crate::bundle::{Rag, Trend};
use crate::explore::facets::Facet;
use crate::web::page::{use_page, Page};

/// Cards drawn at first, and added per "Show more": a card is some forty elements, and
/// 5,000 of them held the page for three seconds (10,000 for far longer).
const CARDS: usize = 48;

/// Per workstream: its aim and lead, and how many items stand at each RAG and trend in
/// the period, each count a link that applies that filter. A bundle with very many
/// workstreams shows the first cards and a button for more; the Workstream filter
/// reaches any of them.
#[component]
pub fn Overview() -> impl IntoView {
    let page = use_page();
    let shown = RwSignal::new(CARDS);
    // One closure for the whole section: "Show more" redraws it in place, the button and
    // the cards drawn before kept as they are (and the button's focus with them).
    move || {
        let facets = page.facets.get();
        // Every card's counts in two passes over the items, however many workstreams.
        let rags = facets.tally(Facet::Workstream, Facet::Rag);
        let trends = facets.tally(Facet::Workstream, Facet::Trend);
        let per_ws: Vec<_> = page.bundle.with_value(|b| {
            b.workstreams
                .iter()
                .zip(rags.into_iter().zip(trends))
                .filter(|(_, (r, _))| r.iter().sum::<usize>() > 0)
                .map(|(w, counts)| (w.clone(), counts))
                .collect()
        });
        let (total, limit) = (per_ws.len(), shown.get());
        let rest = total.saturating_sub(limit);
        view! {
            <section class="overview" aria-labelledby="overview-heading">
                <h2 id="overview-heading">"Overview"</h2>
                <p class="note" hidden=rest == 0>
                    {format!("Showing {} of {total} workstreams. The Workstream filter finds any of them.", limit.min(total))}
                </p>
                <ul class="overview-grid">
                    {per_ws.into_iter().take(limit).map(|(w, (rags, trends))| view! { <WorkstreamCard ws=w rags=rags trends=trends page=page/> }).collect_view()}
                </ul>
                <button type="button" class="show-more" hidden=rest == 0 on:click=move |_| shown.update(|n| *n += CARDS)>
                    {format!("Show {} more workstreams", rest.min(CARDS))}
                </button>
            </section>
        }
    }
}

/// One workstream: its aim and lead, a RAG bar, and counts by RAG and by trend.
#[component]
fn WorkstreamCard(ws: crate::bundle::Workstream, rags: Vec<usize>, trends: Vec<usize>, page: Page) -> impl IntoView {
    let base = page.query.get_untracked().cleared();
    let only = base.with_facet(Facet::Workstream, vec![ws.id.clone()]);
    let total: usize = rags.iter().sum();
    let rag_counts: Vec<(Rag, usize)> = Rag::ALL.iter().cloned().zip(rags).filter(|(_, n)| *n > 0).collect();
    let trend_counts: Vec<(Trend, usize)> = Trend::ALL.iter().cloned().zip(trends).filter(|(_, n)| *n > 0).collect();
    let mut x = 0.0;
    let bar = rag_counts
        .iter()
        .map(|(rag, n)| {
            let w = *n as f64 / total.max(1) as f64 * 100.0;
            let rect = view! { <rect x=format!("{x:.2}") y="0" width=format!("{w:.2}") height="10" class=format!("bar-{}", rag.as_str())/> };
            x += w;
            rect
        })
        .collect_view();
    view! {
        <li class="ws-card" data-workstream=ws.id.clone()>
            <h3 class="ws-label">
                <a href=Page::href(&only)>{ws.label.clone()}</a>
            </h3>
            {(ws.title != ws.label).then(|| view! { <p class="ws-title">{ws.title.clone()}</p> })}
            {ws.lead.clone().map(|l| view! { <p class="ws-lead">"Lead: "<bdi>{l}</bdi></p> })}
            <svg class="rag-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">{bar}</svg>
            <p class="ws-total">{format!("{total} item{}", if total == 1 { "" } else { "s" })}</p>
            <ul class="count-chips" aria-label=format!("{} by RAG status", ws.label)>
                {rag_counts.into_iter().map(|(rag, n)| {
                    let href = Page::href(&only.with_facet(Facet::Rag, vec![rag.as_str().to_string()]));
                    view! {
                        <li><a class=format!("chip chip-{}", rag.as_str()) href=href data-count-rag=rag.as_str().to_string()>
                            <super::badges::RagBadge rag=rag.clone()/>" "<span class="chip-count">{n}</span>
                        </a></li>
                    }
                }).collect_view()}
            </ul>
            <ul class="count-chips trend-chips" aria-label=format!("{} by trend", ws.label)>
                {trend_counts.into_iter().map(|(trend, n)| {
                    let href = Page::href(&only.with_facet(Facet::Trend, vec![trend.as_str().to_string()]));
                    view! {
                        <li><a class="chip" href=href data-count-trend=trend.as_str().to_string()>
                            {format!("{}: {n}", trend.label())}
                        </a></li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}
