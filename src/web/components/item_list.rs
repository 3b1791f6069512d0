//! The list of matching items: its count, sort and CSV download, drawn whole when short
//! (cards kept through filter changes) and chunked when long (see `virtual_list`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::bundle::Period;
use crate::explore::order::ordered;
use crate::explore::query::{Query, Sort};
use crate::web::page::{use_page, Page, Shared};
use crate::web::IN_BROWSER;

use super::item_card::ItemCard;
use super::virtual_list::{VirtualList, CHUNK};

/// Lists longer than this are virtualised: drawn in chunks, only those near the screen.
const VIRTUAL_FROM: usize = 150;
/// Cards drawn at once when the page first shows a whole list; the rest follow as soon
/// as that first screen is painted, so the scorecard appears sooner on a slow phone.
/// Also the cards the built page's static first view carries (`web::prerender`).
pub const FIRST_CARDS: usize = CHUNK;

thread_local! {
    /// Whether this page has drawn a whole list yet: only the first is drawn in two goes.
    static LIST_DRAWN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The matching items, grouped by workstream or sorted, each with its status.
#[component]
pub fn ItemList() -> impl IntoView {
    let page = use_page();
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
            // The built page's first view: its first cards, whole.
            n if n <= VIRTUAL_FROM || !IN_BROWSER => Layout::Whole,
            _ => Layout::Chunked(matching),
        }
    });
    view! {
        <section class="results" aria-labelledby="results-heading" aria-busy=move || drawing.get().then_some("true")>
            <div class="results-bar">
                <ResultCount/>
                <super::export::CsvButton/>
                <super::copy_link::CopyLink/>
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
                        let groups = page.facets.with_untracked(|f| page.bundle.with_value(|b| ordered(b, f, &matching, sort, &period.id)));
                        view! { <VirtualList groups=groups period=period/> }.into_any()
                    }
                }
            }}
            {(!IN_BROWSER && page.matching.read_untracked().len() > FIRST_CARDS).then(|| view! {
                <p class="prerendered-more">"The other items appear when the page has finished loading."</p>
            })}
        </section>
    }
}

/// "12 of 80 items match", said as it changes; the skip link's and the overview's target.
#[component]
pub fn ResultCount() -> impl IntoView {
    let page = use_page();
    view! {
        <h2 id="results-heading" class="results-count" data-result-count="" aria-live="polite" tabindex="-1">
            {move || {
                let n = page.matching.read().len();
                let total = page.facets.read().len();
                format!("{n} of {} match", crate::stats::vocabulary::count(total, "item"))
            }}
        </h2>
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
    Chunked(Shared<Vec<usize>>),
}

/// Every matching card under its group headings, keyed, so a filter change touches only
/// the cards that come or go.
///
/// The page's first whole list is drawn in two goes: the first cards, then (once they are
/// painted) the rest. Not when coming back from an item, whose card must be there to focus.
/// The built page's first view, rendered natively, is the first go alone.
#[component]
fn WholeList(period: Period, drawing: RwSignal<bool>) -> impl IntoView {
    let page = use_page();
    let in_two_goes = (!IN_BROWSER || !LIST_DRAWN.replace(true))
        && page.last_item.get_untracked().is_none()
        && page.matching.read_untracked().len() > FIRST_CARDS;
    let limit = RwSignal::new(if in_two_goes { FIRST_CARDS } else { usize::MAX });
    if in_two_goes && IN_BROWSER {
        drawing.set(true);
        leptos::task::spawn_local(async move {
            crate::web::schedule::after_paint().await;
            // The list may be gone by now (another filter, another page): then nothing to do.
            let _ = limit.try_set(usize::MAX);
            let _ = drawing.try_set(false);
        });
    }
    let groups = Memo::new(move |_| {
        let matching = page.matching.get();
        let sort = page.query.read().sort;
        let mut groups = page.facets.with_untracked(|f| {
            page.bundle.with_value(|b| ordered(b, f, &matching, sort, &page.period.get_untracked().id))
        });
        let mut left = limit.get();
        groups.retain_mut(|group| {
            group.items.truncate(left);
            left -= group.items.len();
            !group.items.is_empty()
        });
        groups
    });
    let headings = move || groups.with(|g| g.iter().map(|group| group.heading.clone()).collect::<Vec<_>>());
    view! {
        <For each=headings key=|h| h.clone() let:heading>
            {
                let key = heading.clone();
                let items = move || groups.with(|g| g.iter().find(|group| group.heading == key).map(|group| group.items.clone()).unwrap_or_default());
                let period = period.clone();
                view! {
                    {heading.map(|h| view! { <h3 class="group-heading">{h}</h3> })}
                    <ul class="item-list">
                        <For each=items key=|item_idx| *item_idx let:item_idx>
                            <ItemCard item_idx=item_idx period=period.clone() kept=true/>
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
