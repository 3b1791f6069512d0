//! A long item list drawn in chunks, only those near the screen: at 10,000 items the
//! page holds a few hundred cards, not ten thousand, and the scrollbar stays true.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bundle::Period;
use crate::explore::order::Group;

use super::item_card::ItemCard;

/// Items per chunk: about two laptop screens.
pub const CHUNK: usize = 20;
/// How near the screen a chunk is drawn, in CSS pixels.
const NEAR: f64 = 800.0;
/// A card's height before it is measured, in CSS pixels.
const CARD_ESTIMATE: f64 = 96.0;
/// A group heading's height before it is measured, in CSS pixels.
const HEADING_ESTIMATE: f64 = 60.0;
/// Chunks given a block at a time, as the tail nears the screen.
const EXPAND: usize = 8;

/// A chunk of the list: a heading when it starts a group, and its items.
type Part = (Option<String>, Vec<usize>);

/// The groups of a long list, cut into chunks that are drawn as they near the screen.
#[component]
pub fn VirtualList(groups: Vec<Group>, period: Period) -> impl IntoView {
    let mut chunks: Vec<Part> = Vec::new();
    for Group { heading, items } in groups {
        for (n, part) in items.chunks(CHUNK).enumerate() {
            chunks.push((if n == 0 { heading.clone() } else { None }, part.to_vec()));
        }
    }
    let watcher = Watcher::new(chunks.len());
    view! { <Chunks chunks=chunks period=period watcher=watcher/> }
}

/// The estimated height of a chunk not drawn yet.
fn estimate(heading: &Option<String>, items: &[usize]) -> f64 {
    items.len() as f64 * CARD_ESTIMATE + if heading.is_some() { HEADING_ESTIMATE } else { 0.0 }
}

/// Whether a chunk is drawn, and its height while it is not.
#[derive(Clone, Copy)]
struct ChunkState {
    visible: RwSignal<bool>,
    height: RwSignal<f64>,
}

/// Which chunks of a long list are near the screen: one IntersectionObserver for all of
/// them, so a filter change at 10,000 items does not create hundreds of observers.
#[derive(Clone)]
struct Watcher {
    /// Whether each chunk in the page is drawn, and its height when it is not; made
    /// as chunks get a block, so a filter change makes a few signals, not thousands.
    chunks: StoredValue<Vec<Option<ChunkState>>>,
    /// How many chunks have a block in the page; the rest stand in one tail block, so a
    /// filter change at 10,000 items creates a few blocks, not hundreds.
    expanded: RwSignal<usize>,
    observer: Option<send_wrapper::SendWrapper<web_sys::IntersectionObserver>>,
}

impl Watcher {
    fn new(count: usize) -> Watcher {
        use wasm_bindgen::closure::Closure;
        let chunks: StoredValue<Vec<Option<ChunkState>>> = StoredValue::new(vec![None; count]);
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
                    let Some(ChunkState { visible, height }) = target
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
fn Chunks(chunks: Vec<Part>, period: Period, watcher: Watcher) -> impl IntoView {
    let count = chunks.len();
    let expanded = watcher.expanded;
    let chunks = StoredValue::new(chunks);
    let tail = NodeRef::<leptos::html::Div>::new();
    watcher.observe(tail);
    let rest = move || {
        let e = expanded.get();
        chunks.with_value(|c| c[e.min(count)..].iter().map(|(h, items)| estimate(h, items)).sum::<f64>())
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
    let height = RwSignal::new(estimate(&heading, &items));
    watcher.chunks.update_value(|c| c[n] = Some(ChunkState { visible, height }));
    let block = NodeRef::<leptos::html::Div>::new();
    watcher.observe(block);
    view! {
        <div class="chunk" data-chunk=n node_ref=block style:height=move || if visible.get() { "auto".to_string() } else { format!("{}px", height.get()) }>
            {move || visible.get().then(|| view! { <CardGroup heading=heading.clone() items=items.clone() period=period.clone()/> })}
        </div>
    }
}

/// A heading (when it starts a group) and its cards, drawn anew with the list.
#[component]
fn CardGroup(heading: Option<String>, items: Vec<usize>, period: Period) -> impl IntoView {
    view! {
        {heading.map(|h| view! { <h3 class="group-heading">{h}</h3> })}
        <ul class="item-list">
            {items.into_iter().map(|item_idx| view! { <ItemCard item_idx=item_idx period=period.clone() kept=false/> }).collect_view()}
        </ul>
    }
}
