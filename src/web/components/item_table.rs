//! The matching items as a table for analysts, after GOV.UK's "sortable table": a button
//! in each heading sorts by its column, `aria-sort` marks the sorted one, and the sort
//! lives in the URL. Rows and order come from `explore::table`; a long table shows a
//! page of rows at a time, so 10,000 items stay quick to sort. A bundle with comparisons
//! adds its rank column (sortable) and a verdict column per comparator, in words.

use std::sync::Arc;

use leptos::prelude::*;

use crate::explore::query::Query;
use crate::explore::table::{self, Column, Row, TableSort};
use crate::explore::thinning::{page_count, rows_text};
use crate::web::page::{use_page, Page, Shared};

use super::badges::RagBadge;

/// Rows in one page of the table.
const PAGE_ROWS: usize = 100;

/// The matching items as a sortable table, with their count and CSV download.
#[component]
pub fn ItemTable() -> impl IntoView {
    let page = use_page();
    let sort = move || page.query.read().table_sort;
    let rows = Memo::new(move |_| {
        let (matching, period) = (page.matching.get(), page.period.get());
        Shared(Arc::new(page.facets.with(|f| page.bundle.with_value(|b| table::rows(b, f, &matching, &period)))))
    });
    let len = move || rows.read().len();
    let shown = RwSignal::new(0usize);
    let pages = move || page_count(len(), PAGE_ROWS);
    // The page shown, kept within the table as filters shorten it.
    let at = move || shown.get().min(pages() - 1);
    let range = move || {
        let start = at() * PAGE_ROWS;
        start..(start + PAGE_ROWS).min(len())
    };
    let comparators: Arc<[String]> =
        page.facets.with_untracked(|f| f.comparators().iter().map(|c| c.label.clone()).collect());
    let labels = comparators.clone();
    // Sorted as it is drawn: at 10,000 items a sort takes a few milliseconds.
    let body = move || {
        let rows = rows.get();
        let order = table::order(&rows, sort());
        order[range()]
            .iter()
            .map(|&i| view! { <TableRow row=rows[i].clone() comparators=labels.clone()/> })
            .collect_view()
    };
    let more = page.facets.with_untracked(|f| table::comparison_columns(f));
    let columns = Column::ALL.map(|c| (Some(c), c.label().to_string())).into_iter().chain(more);
    // In a narrow column the folding columns hide and their words show in a neighbour
    // (style/main.css): the verdicts then share one "Compared with" column.
    let folded = (!comparators.is_empty()).then(|| view! { <th scope="col" class="when-folded">"Compared with"</th> });
    let headings = columns.map(|(column, label)| {
        let Some(column) = column else { return view! { <th scope="col" class="folds">{label}</th> }.into_any() };
        let aria = move || match sort() {
            Some(s) if s.column == column => s.direction.aria(),
            _ => "none",
        };
        let click = move |_| {
            shown.set(0);
            let q = page.query.get_untracked();
            page.go(&Query { table_sort: Some(TableSort::clicked(q.table_sort, column)), ..q });
        };
        view! {
            <th scope="col" aria-sort=aria class:folds=column.folds()>
                <button type="button" class="sort-button" data-column=column.word() on:click=click>{label}</button>
            </th>
        }
        .into_any()
    });
    let headings = view! { {headings.collect_view()}{folded} };
    let pager = [("Previous", "previous", -1isize), ("Next", "next", 1)].map(|(text, key, step)| {
        let to = move || at().saturating_add_signed(step).min(pages() - 1);
        view! {
            <button type="button" class="button secondary" data-page=key
                aria-disabled=move || (to() == at()).then_some("true")
                on:click=move |_| shown.set(to())>{text}</button>
        }
    });
    let rows_shown = move || match len() {
        0 => "No items match these filters".to_string(),
        n => rows_text(&range(), n),
    };
    view! {
        <section class="results" aria-labelledby="results-heading">
            <div class="results-bar">
                <super::item_list::ResultCount/>
                <super::export::CsvButton/>
            </div>
            <p class="visually-hidden" aria-live="polite" data-sort-status="">{move || TableSort::describe(sort())}</p>
            <div class="table-wrap" role="region" aria-labelledby="items-table-caption" tabindex="0">
                <table class="data-table items-table">
                    <caption id="items-table-caption">"Matching items"<span class="table-rows">{rows_shown}</span></caption>
                    <thead><tr>{headings}</tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </div>
            <nav class="table-pager" aria-label="Pages of the items table">
                {pager}
                <span class="table-rows" role="status">{rows_shown}</span>
            </nav>
        </section>
    }
}

/// One item's row: its title links to its detail. The folding cells' words are also in
/// their neighbours, shown only when the table is folded.
#[component]
fn TableRow(row: Row, comparators: Arc<[String]>) -> impl IntoView {
    let page = use_page();
    let href = Page::href(&Query { item: Some(row.id.clone()), ..page.query.get_untracked() });
    let [title, workstream, _, trend, benchmark, latest, period] = row.cells;
    let rank = row.rank.map(|cell| view! { <td>{cell}</td> });
    let verdicts = row.verdicts.iter().map(|cell| view! { <td class="folds">{cell.clone()}</td> }).collect_view();
    let folded = (!comparators.is_empty()).then(|| {
        let lines = comparators.iter().zip(&row.verdicts).filter(|(_, v)| !v.is_empty());
        view! {
            <td class="when-folded">
                {lines.map(|(c, v)| view! { <span class="folded-line">{format!("{c}: {v}")}</span> }).collect_view()}
            </td>
        }
    });
    view! {
        <tr data-item-id=row.id>
            <th scope="row"><a href=href>{title}</a><span class="folded-line when-folded">{workstream.clone()}</span></th>
            <td class="folds">{workstream}</td>
            <td><RagBadge rag=row.rag/>{(row.rag_origin == crate::stats::status::Origin::Computed).then_some(" (computed)")}</td>
            <td>{trend}</td>
            <td>{benchmark}</td>
            <td class="number">{latest}<span class="when-folded">{(!period.is_empty()).then(|| format!(" ({period})"))}</span></td>
            <td class="folds">{period}</td>
            {rank}
            {verdicts}
            {folded}
        </tr>
    }
}
