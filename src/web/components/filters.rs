//! The filter panel: facet choices with counts, the search box, and the active filters.

use leptos::prelude::*;

use crate::explore::facets::{Facet, FacetCounts, Selection};
use crate::explore::query::Query;
use crate::web::page::{navigate, use_page, Page};

/// The filter panel: a checkbox per choice with how many items it would match, a
/// search box, the active filters as removable tags, and clear-all. On a phone it folds
/// behind a "Filter (N applied)" button and opens in place (style/main.css): focus moves
/// into it, and Escape, its close button or "Show N items" fold it and return focus.
#[component]
pub fn Filters() -> impl IntoView {
    let page = use_page();
    let counts = Memo::new(move |_| page.facets.read().counts(&page.selection.read()));
    // Choices that occur in the period at all; the others are hidden.
    let present = Memo::new(move |_| page.facets.read().counts(&Selection::default()));
    let on_search = move |ev: leptos::ev::Event| {
        let q = Query { q: event_target_value(&ev), item: None, ..page.query.get_untracked() };
        navigate(&q, true);
    };
    let open = RwSignal::new(false);
    let toggle = NodeRef::<leptos::html::Button>::new();
    let heading = NodeRef::<leptos::html::H2>::new();
    // Focus moves once the panel is shown (the class is set after this handler).
    let focus_later = |el: Option<web_sys::HtmlElement>| {
        request_animation_frame(move || {
            if let Some(el) = el {
                let _ = el.focus();
            }
        })
    };
    let fold = move || {
        open.set(false);
        focus_later(toggle.get_untracked().map(Into::into));
    };
    let on_toggle = move |_| {
        let opening = !open.get_untracked();
        open.set(opening);
        if opening {
            focus_later(heading.get_untracked().map(Into::into));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            fold();
        }
    };
    let applied = Memo::new(move |_| page.selection.read().applied());
    let shown = move || {
        let n = page.matching.read().len();
        format!("Show {}", crate::stats::vocabulary::count(n, "item"))
    };
    view! {
        <div class="filter-area" on:keydown=on_key>
            <button type="button" class="button secondary filter-toggle" node_ref=toggle on:click=on_toggle
                aria-controls="filters-panel" aria-expanded=move || open.get().to_string()>
                {move || format!("Filter ({} applied)", applied.get())}
            </button>
            <aside id="filters-panel" class="filters" class:open=move || open.get() aria-labelledby="filters-heading">
                <div class="filters-head">
                    <h2 id="filters-heading" tabindex="-1" node_ref=heading>"Filter"</h2>
                    <button type="button" class="button secondary filters-close" on:click=move |_| fold()>
                        "Close"<span class="visually-hidden">" filters"</span>
                    </button>
                </div>
                <form role="search" class="search" on:submit=|ev| ev.prevent_default()>
                    <label for="search">"Search titles, codes and commentary"</label>
                    <input id="search" type="search" autocomplete="off"
                        prop:value=move || page.query.read().q.clone() on:input=on_search/>
                </form>
                <ActiveFilters/>
                {Facet::ALL.into_iter().flat_map(|facet| {
                    // One bundle has the same groups in every period.
                    let groups = page.facets.with_untracked(|f| f.groups(facet).len());
                    (0..groups).map(move |group| view! { <FacetGroup facet=facet group=group counts=counts present=present/> })
                }).collect_view()}
                <div class="filters-foot">
                    <button type="button" class="button filters-done" on:click=move |_| fold()>{shown}</button>
                </div>
            </aside>
        </div>
    }
}

/// Choices a facet lists at first, and adds per "Show more": thousands of workstreams
/// as checkboxes held the page for seconds.
const CHOICES: usize = 48;

/// One group of a facet's choices (a facet has one, but one per comparator for the
/// comparisons) that occur in the period, each a checkbox with the count it would match.
#[component]
fn FacetGroup(facet: Facet, group: usize, counts: Memo<FacetCounts>, present: Memo<FacetCounts>) -> impl IntoView {
    let page = use_page();
    let shown = RwSignal::new(CHOICES);
    // Drawn anew only when the period changes, or more choices are asked for (in place:
    // the choices drawn before and the button are kept): a checkbox keeps its focus
    // while its state and count follow the selection.
    move || {
        let facets = page.facets.get();
        let present = present.get();
        let (heading, range) = facets.groups(facet).into_iter().nth(group)?;
        let choices: Vec<_> = facets
            .choices(facet)
            .iter()
            .enumerate()
            .filter(|(choice, _)| range.contains(choice) && present[facet][*choice] > 0)
            .map(|(choice, c)| (choice, c.clone()))
            .collect();
        let (total, limit) = (choices.len(), shown.get());
        let rest = total.saturating_sub(limit);
        // The first choices, and any chosen beyond them, so a choice in use is always seen.
        let selection = page.selection.read_untracked();
        let choices: Vec<_> = choices
            .into_iter()
            .enumerate()
            .filter(|(k, (i, _))| *k < limit || selection.is_selected(facet, *i))
            .collect();
        drop(selection);
        (total > 0).then(|| {
            view! {
                <fieldset class="facet" data-facet=facet.key()>
                    <legend>{heading}</legend>
                    {choices.into_iter().map(|(_, (i, c))| {
                        let id = format!("f-{}-{}", facet.key(), c.word);
                        let word = c.word.clone();
                        let toggle = move |_| page.go(&Query { item: None, ..page.query.get_untracked().toggled(facet, &word) });
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=id.clone() value=c.word.clone()
                                    prop:checked=move || page.selection.read().is_selected(facet, i) on:change=toggle/>
                                <label for=id>{c.label.clone()}<span class="choice-count">{move || format!(" ({})", counts.read()[facet][i])}</span></label>
                            </div>
                        }
                    }).collect_view()}
                    <button type="button" class="show-more" hidden=rest == 0 on:click=move |_| shown.update(|n| *n += CHOICES)>
                        {format!("Show {} more of {total}", rest.min(CHOICES))}
                    </button>
                </fieldset>
            }
            .into_any()
        })
    }
}

/// The active filters as tags, each a link that removes it; and clear-all.
#[component]
fn ActiveFilters() -> impl IntoView {
    let page = use_page();
    move || {
        let q = page.query.get();
        let facets = page.facets.get();
        let mut tags = Vec::new();
        for (facet, words) in &q.applied_facets() {
            for w in words {
                if let Some(c) = facets.choices(*facet).iter().position(|c| &c.word == w) {
                    tags.push((facets.tag(*facet, c), Page::href(&q.toggled(*facet, w))));
                }
            }
        }
        if !q.q.is_empty() {
            tags.push((
                format!("Search: {}", crate::explore::query::Quoted(&q.q)),
                Page::href(&Query { q: String::new(), ..q.clone() }),
            ));
        }
        (!tags.is_empty()).then(|| view! {
            <div class="active-filters">
                <h3 class="visually-hidden">"Active filters"</h3>
                <ul>
                    {tags.into_iter().map(|(label, href)| view! {
                        <li><a class="tag" href=href><span class="visually-hidden">"Remove filter "</span>{label}<span aria-hidden="true">" ×"</span></a></li>
                    }).collect_view()}
                </ul>
                <a class="clear-all" href=Page::href(&q.cleared())>"Clear all filters"</a>
            </div>
        }.into_any())
    }
}
