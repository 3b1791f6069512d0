use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bundle::{Bundle, Item, Period, Rag};
use crate::explore::facets::Index;
use crate::explore::query::{Query, Sort};
use crate::stats::status::{status, Summary};
use crate::web::app::{page, Page};

/// Lists longer than this are virtualised: drawn in chunks, only those near the screen.
const VIRTUAL_FROM: usize = 150;
/// Items per chunk of a virtualised list: about two laptop screens.
const CHUNK: usize = 20;
/// How near the screen a chunk is drawn, in CSS pixels.
const NEAR: f64 = 800.0;
/// A card's height before it is measured, in CSS pixels.
const CARD_ESTIMATE: f64 = 96.0;
/// Cards drawn at once when the page first shows a whole list; the rest follow as soon
/// as that first screen is painted, so the scorecard appears sooner on a slow phone.
const FIRST_DRAW: usize = CHUNK;

thread_local! {
    /// Whether this page has drawn a whole list yet: only the first is drawn in two goes.
    static LIST_DRAWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The matching items, grouped by workstream or sorted, each with its status.
#[component]
pub fn ItemList() -> impl IntoView {
    let page = page();
    let on_sort = move |ev: leptos::ev::Event| {
        let word = event_target_value(&ev);
        let sort = Sort::ALL.into_iter().find(|s| s.word() == word).unwrap_or_default();
        page.go(&Query { sort, ..page.query.get_untracked() });
    };
    // Back from an item's detail: focus its link again, where the keyboard user left off.
    Effect::new(move |_| {
        page.matching.track();
        if let Some(id) = page.last_item.get_untracked() {
            page.last_item.set(None);
            let link = document()
                .query_selector(&format!("[data-item-id=\"{}\"] .item-title a", css_escape(&id)))
                .ok()
                .flatten();
            if let Some(a) = link.and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
                let _ = a.focus();
            }
        }
    });
    let sort = Memo::new(move |_| page.query.read().sort);
    // True while a list is drawn in two goes: the list region is `aria-busy` meanwhile.
    let drawing = RwSignal::new(false);
    // A short list stays the same layout as filters change, and updates in place.
    let layout = Memo::new(move |_| {
        let matching = page.matching.get();
        match matching.len() {
            0 => Layout::Empty,
            n if n <= VIRTUAL_FROM => Layout::Whole,
            _ => Layout::Chunked(matching),
        }
    });
    view! {
        <section class="results" aria-labelledby="results-heading" aria-busy=move || drawing.get().then_some("true")>
            <div class="results-bar">
                <h2 id="results-heading" class="results-count" data-result-count="" aria-live="polite">
                    {move || {
                        let n = page.matching.read().len();
                        let total = page.index.read().len();
                        format!("{n} of {total} item{} match", if total == 1 { "" } else { "s" })
                    }}
                </h2>
                <super::export::CsvButton/>
                <div class="sort">
                    <label for="sort">"Sort by"</label>
                    <select id="sort" on:change=on_sort>
                        {Sort::ALL.into_iter().map(|s| view! {
                            <option value=s.word() selected=move || page.query.read().sort == s>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
            </div>
            {move || {
                let period = page.period.get();
                let sort = sort.get();
                match layout.get() {
                    Layout::Empty => view! {
                        <p class="empty">"No items match these filters. "<a href=move || Page::href(&page.query.read().cleared())>"Clear all filters"</a></p>
                    }.into_any(),
                    Layout::Whole => view! { <WholeList period=period drawing=drawing/> }.into_any(),
                    Layout::Chunked(matching) => {
                        let groups = page.index.with_untracked(|ix| page.bundle.with_value(|b| ordered(b, ix, &matching, sort, &period.id)));
                        let mut chunks = Vec::new();
                        for (heading, items) in groups {
                            for (n, part) in items.chunks(CHUNK).enumerate() {
                                chunks.push((if n == 0 { heading.clone() } else { None }, part.to_vec()));
                            }
                        }
                        let watcher = Watcher::new(chunks.len());
                        view! { <Chunks chunks=chunks period=period watcher=watcher/> }.into_any()
                    }
                }
            }}
        </section>
    }
}

/// How the list is drawn.
#[derive(Clone, PartialEq)]
enum Layout {
    Empty,
    /// Every card, keyed by item: a filter change adds and removes cards, and keeps
    /// the others (with their focus), as a person expects of a short list.
    Whole,
    /// In chunks drawn as they near the screen, drawn anew when the matches change.
    Chunked(crate::web::app::Shared<Vec<usize>>),
}

/// Every matching card under its group headings, keyed, so a filter change touches only
/// the cards that come or go.
///
/// The page's first whole list is drawn in two goes: the first cards, then (once they are
/// painted) the rest. Not when coming back from an item, whose card must be there to focus.
#[component]
fn WholeList(period: Period, drawing: RwSignal<bool>) -> impl IntoView {
    let page = page();
    let in_two_goes = !LIST_DRAWN.replace(true)
        && page.last_item.get_untracked().is_none()
        && page.matching.read_untracked().len() > FIRST_DRAW;
    let limit = RwSignal::new(if in_two_goes { FIRST_DRAW } else { usize::MAX });
    if in_two_goes {
        drawing.set(true);
        leptos::task::spawn_local(async move {
            crate::web::app::after_paint().await;
            // The list may be gone by now (another filter, another page): then nothing to do.
            let _ = limit.try_set(usize::MAX);
            let _ = drawing.try_set(false);
        });
    }
    let groups = Memo::new(move |_| {
        let matching = page.matching.get();
        let sort = page.query.read().sort;
        let mut groups = page.index.with_untracked(|ix| {
            page.bundle.with_value(|b| ordered(b, ix, &matching, sort, &page.period.get_untracked().id))
        });
        let mut left = limit.get();
        groups.retain_mut(|(_, items)| {
            items.truncate(left);
            left -= items.len();
            !items.is_empty()
        });
        groups
    });
    let headings = move || groups.with(|g| g.iter().map(|(h, _)| h.clone()).collect::<Vec<_>>());
    view! {
        <For each=headings key=|h| h.clone() let:heading>
            {
                let key = heading.clone();
                let items = move || groups.with(|g| g.iter().find(|(h, _)| *h == key).map(|(_, items)| items.clone()).unwrap_or_default());
                let period = period.clone();
                view! {
                    {heading.map(|h| view! { <h3 class="group-heading">{h}</h3> })}
                    <ul class="item-list">
                        <For each=items key=|i| *i let:i>
                            <ItemCard index=i period=period.clone() kept=true/>
                        </For>
                    </ul>
                }
            }
        </For>
    }
}

/// An id as it may stand inside a quoted CSS attribute selector.
fn css_escape(id: &str) -> String {
    id.replace('\\', "\\\\").replace('"', "\\\"")
}

/// A heading (when grouped) and its items.
#[component]
fn Group(heading: Option<String>, items: Vec<usize>, period: Period) -> impl IntoView {
    view! {
        {heading.map(|h| view! { <h3 class="group-heading">{h}</h3> })}
        <ul class="item-list">
            {items.into_iter().map(|i| view! { <ItemCard index=i period=period.clone() kept=false/> }).collect_view()}
        </ul>
    }
}

/// Which chunks of a long list are near the screen: one IntersectionObserver for all of
/// them, so a filter change at 10,000 items does not create hundreds of observers.
#[derive(Clone)]
struct Watcher {
    /// Whether each chunk in the page is drawn, and its height when it is not; made
    /// as chunks get a block, so a filter change makes a few signals, not thousands.
    chunks: StoredValue<Vec<Option<(RwSignal<bool>, RwSignal<f64>)>>>,
    /// How many chunks have a block in the page; the rest stand in one tail block, so a
    /// filter change at 10,000 items creates a few blocks, not hundreds.
    expanded: RwSignal<usize>,
    observer: Option<send_wrapper::SendWrapper<web_sys::IntersectionObserver>>,
}

/// Chunks given a block at a time, as the tail nears the screen.
const EXPAND: usize = 8;

impl Watcher {
    fn new(count: usize) -> Watcher {
        use wasm_bindgen::{closure::Closure, JsCast};
        let chunks: StoredValue<Vec<Option<(RwSignal<bool>, RwSignal<f64>)>>> = StoredValue::new(vec![None; count]);
        let seen = chunks;
        let expanded = RwSignal::new(EXPAND.min(count));
        let on_change = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                for entry in entries.iter() {
                    let Ok(entry) = entry.dyn_into::<web_sys::IntersectionObserverEntry>() else { continue };
                    let target = entry.target();
                    if target.get_attribute("data-chunk").as_deref() == Some("tail") {
                        if entry.is_intersecting() && expanded.try_get_untracked().is_some_and(|e| e < count) {
                            expanded.try_update(|e| *e = (*e + EXPAND).min(count));
                            // Look again once the new blocks are in: the tail may still be near.
                            observer.unobserve(&target);
                            observer.observe(&target);
                        }
                        continue;
                    }
                    let Some((visible, height)) = target
                        .get_attribute("data-chunk")
                        .and_then(|n| n.parse::<usize>().ok())
                        .and_then(|n| seen.with_value(|s| s.get(n).copied().flatten()))
                    else {
                        continue;
                    };
                    // `try_`: a report may arrive just after the list was drawn anew.
                    if entry.is_intersecting() {
                        visible.try_set(true);
                    } else if visible.try_get_untracked() == Some(true) {
                        height.try_set(target.get_bounding_client_rect().height());
                        visible.try_set(false);
                    }
                }
            },
        );
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin(&format!("{NEAR}px 0px"));
        let observer =
            web_sys::IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &options).ok();
        // The callback lives as long as the list; both go when it is drawn anew.
        let keep = send_wrapper::SendWrapper::new((observer.clone(), on_change));
        on_cleanup(move || {
            if let Some(o) = &keep.0 {
                o.disconnect();
            }
            drop(keep);
        });
        Watcher { chunks, expanded, observer: observer.map(send_wrapper::SendWrapper::new) }
    }

    /// Watches a block once it is in the page.
    fn observe(&self, block: NodeRef<leptos::html::Div>) {
        let observer = self.observer.clone();
        Effect::new(move |_| {
            if let (Some(div), Some(o)) = (block.get(), observer.as_ref()) {
                let div: web_sys::HtmlDivElement = div;
                o.observe(&div);
            }
        });
    }
}

/// The blocks of a long list so far, and a tail block standing for the rest.
#[component]
fn Chunks(chunks: Vec<(Option<String>, Vec<usize>)>, period: Period, watcher: Watcher) -> impl IntoView {
    let count = chunks.len();
    let expanded = watcher.expanded;
    let chunks = StoredValue::new(chunks);
    let tail = NodeRef::<leptos::html::Div>::new();
    watcher.observe(tail);
    let rest = move || {
        let e = expanded.get();
        chunks.with_value(|c| {
            c[e.min(count)..]
                .iter()
                .map(|(h, items)| items.len() as f64 * CARD_ESTIMATE + if h.is_some() { 60.0 } else { 0.0 })
                .sum::<f64>()
        })
    };
    view! {
        <For each=move || 0..expanded.get() key=|n| *n let:n>
            {
                let (heading, items) = chunks.with_value(|c| c[n].clone());
                view! { <Chunk heading=heading items=items period=period.clone() n=n watcher=watcher.clone()/> }
            }
        </For>
        <div class="chunk-tail" data-chunk="tail" node_ref=tail style:height=move || format!("{}px", rest())></div>
    }
}

/// Part of a long list, drawn only while near the screen; otherwise an empty block of
/// its measured (or estimated) height, so the scrollbar stays true.
#[component]
fn Chunk(heading: Option<String>, items: Vec<usize>, period: Period, n: usize, watcher: Watcher) -> impl IntoView {
    // Only the first chunk is drawn at once; the observer draws the others as they near the screen.
    let visible = RwSignal::new(n == 0);
    let height = RwSignal::new(items.len() as f64 * CARD_ESTIMATE + if heading.is_some() { 60.0 } else { 0.0 });
    watcher.chunks.update_value(|c| c[n] = Some((visible, height)));
    let block = NodeRef::<leptos::html::Div>::new();
    watcher.observe(block);
    view! {
        <div class="chunk" data-chunk=n node_ref=block style:height=move || if visible.get() { "auto".to_string() } else { format!("{}px", height.get()) }>
            {move || visible.get().then(|| view! { <Group heading=heading.clone() items=items.clone() period=period.clone()/> })}
        </div>
    }
}

/// The matches in display order, with group headings when grouped.
fn ordered(
    bundle: &Bundle,
    index: &Index,
    matching: &[usize],
    sort: Sort,
    period: &str,
) -> Vec<(Option<String>, Vec<usize>)> {
    match sort {
        Sort::Workstream => {
            // Bucketed by the index's workstream codes: no string compared per item.
            let mut groups: Vec<Vec<usize>> = vec![Vec::new(); bundle.workstreams.len()];
            for &i in matching {
                if let Some(w) = index.workstream(i) {
                    groups[w].push(i);
                }
            }
            groups
                .into_iter()
                .zip(&bundle.workstreams)
                .filter(|(items, _)| !items.is_empty())
                .map(|(items, ws)| (Some(crate::web::components::workstream_name(ws)), items))
                .collect()
        }
        Sort::Title => {
            let mut items = matching.to_vec();
            items.sort_by_cached_key(|&i| bundle.items[i].title.to_lowercase());
            vec![(None, items)]
        }
        Sort::Rag => {
            let mut items = matching.to_vec();
            items.sort_by_key(|&i| {
                bundle.items[i]
                    .assessment(period)
                    .and_then(|a| a.rag.as_ref())
                    .map_or(Rag::NotRated.severity(), |r| r.severity())
            });
            vec![(None, items)]
        }
    }
}

/// One item in the list. A card `kept` through filter changes (a short list) updates
/// its link as the filters change; a card of a long list is drawn anew instead.
#[component]
pub fn ItemCard(index: usize, period: Period, kept: bool) -> impl IntoView {
    let page = page();
    let summary = page.index.with_untracked(|ix| ix.summary(index).cloned());
    let (item, summary, latest, values) = page.bundle.with_value(|b| {
        let full = &b.items[index];
        let summary = summary.unwrap_or_else(|| status(b, full, &period).summary());
        let latest = summary.latest.map(|i| &full.series[i]).map(|p| {
            crate::stats::number::value_text(p.value, full.unit.as_deref(), p.label.as_deref().unwrap_or(&p.date))
        });
        let values: Vec<Option<f64>> = full.series[..summary.points].iter().map(|p| p.value).collect();
        // Only what the card shows: no series or assessments are copied.
        let item = Item {
            id: full.id.clone(),
            kind: full.kind.clone(),
            scope: full.scope.clone(),
            code: full.code.clone(),
            title: full.title.clone(),
            ..Item::default()
        };
        (item, summary, latest, values)
    });
    let Summary { rag: s_rag, trend, benchmark: bench, change, source_symbol: symbol, .. } = summary;
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
                    <super::badges::RagBadge rag=s_rag/>
                    {(item.is_metric() || trend.value.is_some() || symbol.is_some()).then(|| view! {
                        <super::badges::TrendMark trend=trend symbol=symbol.clone()/>
                    })}
                    {item.is_metric().then(|| view! { <super::badges::BenchmarkMark benchmark=bench/> })}
                    <super::badges::ChangeMark change=change/>
                </div>
            </div>
            {latest.map(|l| view! {
                <div class="item-value">
                    <super::sparkline::Sparkline values=values/>
                    <p class="latest">{l}</p>
                </div>
            })}
        </li>
    }
}
