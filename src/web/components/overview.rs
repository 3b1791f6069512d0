//! The overview: a card per workstream with its RAG bar and counts, each a link that
//! applies that filter; on a phone, one line a workstream that opens to its card.

use leptos::prelude::*;

use crate::bundle::{Rag, Trend};
use crate::explore::facets::Facet;
use crate::explore::query::{Preset, Query};
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
        // On a phone each card starts folded to its line (style/main.css, below 48rem); the
        // built page's first view is drawn for a desktop.
        let open = !(crate::web::IN_BROWSER
            && window().match_media("(max-width: 48rem)").ok().flatten().is_some_and(|q| q.matches()));
        let facets = page.facets.get();
        // Every card's counts in two passes over the items, however many workstreams.
        let rags = facets.tally(Facet::Workstream, Facet::Rag);
        let trends = facets.tally(Facet::Workstream, Facet::Trend);
        // The red-red view: worse than the comparator and getting worse.
        let red_red = facets.matching(&facets.select(&Preset::RedRed.facets(), "").0).len();
        let red_red_href = Page::href(&Query { preset: Some(Preset::RedRed), ..page.query.get_untracked().cleared() });
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
                <p class="preset-link"><a href=red_red_href data-preset="red-red" on:click=to_results>{format!("{} ({})", Preset::RedRed.label(), crate::stats::vocabulary::count(red_red, "item"))}</a></p>
                <p class="note" hidden=rest == 0>
                    {format!("Showing {} of {total} workstreams. The Workstream filter finds any of them.", limit.min(total))}
                </p>
                <ul class="overview-grid">
                    {per_ws.into_iter().take(limit).map(|(w, (rags, trends))| view! { <WorkstreamCard ws=w rags=rags trends=trends page=page open=open/> }).collect_view()}
                </ul>
                <button type="button" class="show-more" hidden=rest == 0 on:click=move |_| shown.update(|n| *n += CARDS)>
                    {format!("Show {} more workstreams", rest.min(CARDS))}
                </button>
            </section>
        }.into_any()
    }
}

/// A click on a link that filters the list: the filter applies by the router's navigation;
/// once drawn, the reader lands on the results (moved to and announced by their heading),
/// not back at the top of the page.
fn to_results(_: leptos::ev::MouseEvent) {
    leptos::task::spawn_local(async {
        crate::web::schedule::after_paint().await;
        crate::web::page::focus_on("results-heading");
    })
}

/// One workstream: its aim and lead, a RAG bar, and counts by RAG and by trend. Its
/// summary line (label and RAG counts) is shown only on a phone, where the card folds.
#[component]
fn WorkstreamCard(
    ws: crate::bundle::Workstream,
    rags: Vec<usize>,
    trends: Vec<usize>,
    page: Page,
    open: bool,
) -> impl IntoView {
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
    let line = rag_counts
        .iter()
        .map(|(rag, n)| {
            let (shape, class) = super::badges::rag_mark(rag);
            view! {
                <span class=format!("ws-line-count {class}")>
                    <span aria-hidden="true">{shape}</span>" "{*n}<span class="visually-hidden">{format!(" {},", rag.label())}</span>
                </span>
            }
        })
        .collect_view();
    view! {
        <li class="ws-card" data-workstream=ws.id.clone()><details class="ws-line" open=open>
            <summary>
                <span class="ws-line-label">{ws.label.clone()}</span>
                <span class="ws-line-counts">{line}</span>
            </summary>
            <h3 class="ws-label">
                <a href=Page::href(&only) on:click=to_results>{ws.label.clone()}</a>
            </h3>
            {(ws.title != ws.label).then(|| view! { <p class="ws-title">{ws.title.clone()}</p> })}
            {ws.lead.clone().map(|l| view! { <p class="ws-lead">"Lead: "<bdi>{l}</bdi></p> })}
            <svg class="rag-bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">{bar}</svg>
            <p class="ws-total">{crate::stats::vocabulary::count(total, "item")}</p>
            <ul class="count-chips" aria-label=format!("{} by RAG status", ws.label)>
                {rag_counts.into_iter().map(|(rag, n)| {
                    let href = Page::href(&only.with_facet(Facet::Rag, vec![rag.as_str().to_string()]));
                    view! {
                        <li><a class=format!("chip chip-{}", rag.as_str()) href=href data-count-rag=rag.as_str().to_string() on:click=to_results>
                            <super::badges::RagBadge rag=rag.clone()/>" "<span class="chip-count">{n}</span>
                        </a></li>
                    }
                }).collect_view()}
            </ul>
            <ul class="count-chips trend-chips" aria-label=format!("{} by trend", ws.label)>
                {trend_counts.into_iter().map(|(trend, n)| {
                    let href = Page::href(&only.with_facet(Facet::Trend, vec![trend.as_str().to_string()]));
                    view! {
                        <li><a class="chip" href=href data-count-trend=trend.as_str().to_string() on:click=to_results>
                            {format!("{}: {n}", crate::stats::vocabulary::trend_choice(&trend))}
                        </a></li>
                    }
                }).collect_view()}
            </ul>
        </details></li>
    }
}
