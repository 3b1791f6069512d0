//! One item as a card in the list: its kind, title and link, status marks, latest value
//! and a sparkline, drawn from the status (and rank among peers) the facet index already
//! holds.

use leptos::prelude::*;

use crate::bundle::{Item, Period};
use crate::explore::query::Query;
use crate::stats::status::{status, Summary};
use crate::web::page::{use_page, Page};

use super::badges::{BenchmarkMark, ChangeMark, RagBadge, TrendMark};
use super::sparkline::Sparkline;

/// The item at `item_idx` in `bundle.items`. A card `kept` through filter changes (a
/// short list) updates its link as the filters change; a card of a long list is drawn
/// anew instead.
#[component]
pub fn ItemCard(item_idx: usize, period: Period, kept: bool) -> impl IntoView {
    let page = use_page();
    let (summary, rank, region) = page.facets.with_untracked(|f| {
        (f.summary(item_idx).cloned(), f.rank(item_idx).map(|r| r.words()), f.region_verdict(item_idx))
    });
    let (item, summary, latest, values, excerpt) = page.bundle.with_value(|b| {
        let full = &b.items[item_idx];
        let summary = summary.unwrap_or_else(|| status(b, full, &period).summary());
        let latest = summary.latest.map(|i| &full.series[i]).map(|p| {
            crate::stats::number::value_text(p.value, full.unit.as_deref(), p.label.as_deref().unwrap_or(&p.date))
        });
        let values: Vec<Option<f64>> = full.series[..summary.points].iter().map(|p| p.value).collect();
        let excerpt = crate::explore::excerpt::excerpt(full, &period.id);
        // Only what the card shows: no series or assessments are copied.
        let item = Item {
            id: full.id.clone(),
            kind: full.kind.clone(),
            scope: full.scope.clone(),
            code: full.code.clone(),
            title: full.title.clone(),
            comparator_label: full.comparator_label.clone(),
            ..Item::default()
        };
        (item, summary, latest, values, excerpt)
    });
    let words = crate::stats::vocabulary::summary_trend(&summary);
    let disagree =
        summary.trend.disagreement.is_some().then(|| summary.direction.map(|d| d.label().to_string())).flatten();
    let Summary { rag: s_rag, target_rag, trend, trend_over, benchmark: bench, change, source_symbol: symbol, .. } =
        summary;
    let illegible = symbol.is_some_and(|s| !s.trim().is_empty());
    let id = item.id.clone();
    let link = move || Page::href(&Query { item: Some(id.clone()), ..page.query.get() });
    let href = if kept { Signal::derive(link) } else { Signal::stored(untrack(link)) };
    view! {
        <li class="item-card" data-item-id=item.id.clone()>
            <div class="item-main">
                <p class="item-meta">
                    <span class="item-kind">{item.kind.as_ref().map(|k| k.label().to_string())}</span>
                    {item.scope.as_ref().map(|s| view! { <span class="item-scope">{s.label().to_string()}</span> })}
                    {item.code.clone().map(|c| view! { <span class="item-code">{c}</span> })}
                </p>
                <h4 class="item-title"><a href=href>{item.title.clone()}</a></h4>
                <div class="item-marks">
                    <RagBadge rag=s_rag judged=target_rag/>
                    {(item.is_metric() || trend.value.is_some() || illegible).then(|| view! {
                        <TrendMark trend=trend words=words disagree=disagree illegible=illegible over=trend_over/>
                    })}
                    {item.is_metric().then(|| view! { <BenchmarkMark benchmark=bench comparator=item.comparator().to_string()/> })}
                    {region.map(|(result, label)| view! { <super::comparisons::VerdictMark result=result comparator=label/> })}
                    <ChangeMark change=change/>
                </div>
                {rank.map(|r| view! { <p class="item-rank">{r}</p> })}
                {excerpt.map(|e| view! { <p class="item-excerpt">{e}</p> })}
            </div>
            {latest.map(|l| view! {
                <div class="item-value">
                    <Sparkline values=values/>
                    <p class="latest">{l}</p>
                </div>
            })}
        </li>
    }
}
