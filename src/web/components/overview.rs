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
    // Compared by nothing: it changes with the facets, and deriving equality for the
    // cards' contents would only add to the download.
    let per_ws = Memo::new_with_compare(
        move |_| {
            let facets = page.facets.get();
            // Every card's counts in two passes over the items, however many workstreams.
            let rags = facets.tally(Facet::Workstream, Facet::Rag);
            let trends = facets.tally(Facet::Workstream, Facet::Trend);
            page.bundle.with_value(|b| {
                b.workstreams
                    .iter()
                    .zip(rags.into_iter().zip(trends))
                    .filter(|(_, (r, _))| r.iter().sum::<usize>() > 0)
                    .map(|(w, counts)| (w.clone(), counts))
                    .collect::<Vec<_>>()
            })
        },
        |_, _| true,
    );
    let total = move || per_ws.with(Vec::len);
    let rest = move || total().saturating_sub(shown.get());
    view! {
        <section class="overview" aria-labelledby="overview-heading">
            <h2 id="overview-heading">"Overview"</h2>
            <p class="note" hidden=move || rest() == 0>
                {move || format!("Showing {} of {} workstreams. The Workstream filter finds any of them.", shown.get().min(total()), total())}
            </p>
            <ul class="overview-grid">
                {move || per_ws.with(|all| all.iter().take(shown.get()).cloned().map(|(w, (rags, trends))| view! { <WorkstreamCard ws=w rags=rags trends=trends page=page/> }).collect_view())}
            </ul>
            <button type="button" class="show-more" hidden=move || rest() == 0 on:click=move |_| shown.update(|n| *n += CARDS)>
                {move || format!("Show {} more workstreams", rest().min(CARDS))}
            </button>
        </section>
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
