//! The table view for analysts (GOV.UK's "sortable table"): the filtered items as rows,
//! headings that sort by mouse and keyboard with `aria-sort` and the URL following, the
//! CSV the same as the table, and a 10,000-item table that sorts quickly.

use scorecard_explorer::explore::facets::FacetIndex;
use scorecard_explorer::explore::items_csv::defused;
use scorecard_explorer::explore::query::Query;
use scorecard_explorer::explore::table::{self, Column};
use scorecard_explorer::Bundle;

use crate::harness::{bundle, expected_count, run, run_sized, Browser, Site};

const ENTER: &str = "\u{E007}";
const SPACE: &str = "\u{E00D}";

/// The rows the core says the table shows for `query` (ids and cells), in order.
pub(crate) fn expected(b: &Bundle, query: &str) -> Vec<(String, Vec<String>)> {
    let q = Query::parse(query);
    let period = q.period_in(b).unwrap();
    let index = FacetIndex::new(b, period);
    let (selection, _) = index.select(&q.facets, &q.q);
    let rows = table::rows(b, &index, &index.matching(&selection), period);
    table::order(&rows, q.table_sort)
        .into_iter()
        .map(|i| (rows[i].id.clone(), rows[i].all_cells().cloned().collect()))
        .collect()
}

/// The table's rows on the page: each row's item id and its cells as read aloud (the
/// RAG badge's hidden "RAG status: " and the shapes left out), only those on screen (a
/// folded table's words are in both its folding cells and their neighbours).
pub(crate) async fn shown(page: &Browser) -> Vec<(String, Vec<String>)> {
    let rows = page
        .js("const off = e => getComputedStyle(e).display === 'none';
             return [...document.querySelectorAll('.items-table tbody tr')].map(tr => [tr.dataset.itemId, [...tr.children].filter(c => !off(c)).map(c => {
                const k = c.cloneNode(true);
                const copies = [...k.querySelectorAll('*')];
                [...c.querySelectorAll('*')].forEach((e, i) => { if (off(e) || e.matches('[aria-hidden=true], .visually-hidden')) copies[i].remove(); });
                return k.textContent.trim();
            })]);")
        .await;
    serde_json::from_value(rows).unwrap()
}

/// Waits until the column's heading says it is sorted that way.
pub(crate) async fn until_sorted(page: &Browser, column: Column, aria: &str) {
    let script = format!(
        "const b = document.querySelector('.items-table [data-column={}]'); return !!b && b.parentElement.getAttribute('aria-sort') === '{aria}';",
        column.word()
    );
    page.until(&format!("{} is sorted {aria}", column.label()), &script).await;
}

pub(crate) async fn heading(page: &Browser, column: Column) -> fantoccini::elements::Element {
    page.wait_for(&format!(".items-table [data-column={}]", column.word())).await
}

#[tokio::test]
async fn the_table_shows_the_filtered_items_and_sorts_by_mouse_keyboard_and_history() {
    let b = bundle("bundles/somerset.json");
    let filter = "view=table&period=2018-10&kind=metric";
    let (n, total) = expected_count(&b, filter);
    assert!(n > 1 && n <= 100, "one page of rows: {n}");
    run(Site::new(), |page| async move {
        page.open(&format!("/?{filter}")).await;
        page.until_count(n, total).await;
        page.wait_for(".items-table tbody tr").await;
        assert_eq!(shown(&page).await, expected(&b, filter), "the filtered items, in the scorecard's order");
        assert_eq!(
            page.js("return [...document.querySelectorAll('.items-table th[aria-sort]')].every(th => th.getAttribute('aria-sort') === 'none')").await,
            true
        );

        // A click sorts ascending, a second descending; the URL says so.
        heading(&page, Column::Latest).await.click().await.unwrap();
        until_sorted(&page, Column::Latest, "ascending").await;
        assert!(page.query().await.contains("tsort=latest"), "{}", page.query().await);
        assert_eq!(shown(&page).await, expected(&b, &format!("{filter}&tsort=latest")));
        heading(&page, Column::Latest).await.click().await.unwrap();
        until_sorted(&page, Column::Latest, "descending").await;
        assert!(page.query().await.contains("tsort=latest&tdir=desc"), "{}", page.query().await);
        let descending = expected(&b, &format!("{filter}&tsort=latest&tdir=desc"));
        assert_eq!(shown(&page).await, descending);
        assert_eq!(
            page.js("return document.querySelector('[data-sort-status]').textContent").await,
            "Sorted by Latest value, descending"
        );

        // Back and forward restore the sort.
        page.client.back().await.unwrap();
        until_sorted(&page, Column::Latest, "ascending").await;
        assert_eq!(shown(&page).await, expected(&b, &format!("{filter}&tsort=latest")));
        page.client.forward().await.unwrap();
        until_sorted(&page, Column::Latest, "descending").await;
        assert_eq!(shown(&page).await, descending);

        // By keyboard: Enter, then Space, on the heading's button; the focus stays on it.
        heading(&page, Column::Title).await.send_keys(ENTER).await.unwrap();
        until_sorted(&page, Column::Title, "ascending").await;
        assert_eq!(page.js("return document.activeElement.dataset.column").await, "title");
        page.client.active_element().await.unwrap().send_keys(SPACE).await.unwrap();
        until_sorted(&page, Column::Title, "descending").await;
        let query = page.query().await;
        assert!(query.contains("tsort=title&tdir=desc"), "{query}");
        let table = shown(&page).await;
        assert_eq!(table, expected(&b, &query));

        // The CSV is the table: same rows, same order, same words.
        page.wait_for("[data-export=csv]").await.click().await.unwrap();
        let (_, bytes) = page.downloaded(".csv").await;
        let text = String::from_utf8(bytes).unwrap();
        let body = text.strip_prefix('\u{feff}').expect("a byte-order mark for Excel");
        let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let headings = page.js("return [...document.querySelectorAll('.items-table thead button')].map(b => b.textContent)").await;
        let shown_columns = headings.as_array().unwrap().len();
        assert_eq!(serde_json::to_value(&header[..shown_columns]).unwrap(), headings);
        assert_eq!(header[shown_columns..], table::FIGURE_HEADINGS, "then the figures apart, for a spreadsheet");
        let records: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        let records: Vec<Vec<String>> = records.into_iter().map(|r| r[..shown_columns].to_vec()).collect();
        let cells: Vec<Vec<String>> =
            table.into_iter().map(|(_, cells)| cells.into_iter().map(defused).collect()).collect();
        assert_eq!(records, cells);

        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "axe-core: {violations:#?}");

        // A title leads to its item, and back to the sorted table.
        page.wait_for(".items-table tbody th a").await.click().await.unwrap();
        page.wait_for("article.detail").await;
        page.client.back().await.unwrap();
        until_sorted(&page, Column::Title, "descending").await;
    })
    .await;
}

#[tokio::test]
async fn on_a_phone_the_table_scrolls_in_its_own_region_not_the_page() {
    run_sized(Site::new(), 390, 844, |page| async move {
        page.open("/?view=table").await;
        page.wait_for(".items-table tbody tr").await;
        let (wide, client) = (
            page.js("return document.documentElement.scrollWidth").await.as_u64().unwrap(),
            page.js("return document.documentElement.clientWidth").await.as_u64().unwrap(),
        );
        assert!(wide <= client, "the page is {wide}px wide in a {client}px window");
        let wrap = page
            .js("const w = document.querySelector('.table-wrap'); return [w.scrollWidth > w.clientWidth, w.tabIndex, w.getAttribute('role'), document.getElementById(w.getAttribute('aria-labelledby')).tagName];")
            .await;
        assert_eq!(wrap, serde_json::json!([true, 0, "region", "CAPTION"]), "scrolls inside a focusable, labelled region");
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "axe-core: {violations:#?}");
    })
    .await;
}

#[tokio::test]
async fn a_table_of_10000_items_sorts_quickly_a_page_at_a_time() {
    let n = 10_000;
    let b = crate::support::large_bundle(n);
    let site = Site::new().file("/bundles/large.json", serde_json::to_vec(&b).unwrap());
    run(site, |page| async move {
        let start = "bundle=bundles/large.json&view=table";
        page.open(&format!("/?{start}")).await;
        page.until_count(n, n).await;
        page.wait_for(".items-table tbody tr").await;
        assert_eq!(page.count(".items-table tbody tr").await, 100, "a page of rows");
        // From the click to the sorted rows painted, timed in the page.
        let ms = page
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 const th = document.querySelector('.items-table [data-column=latest]').parentElement;
                 const t0 = performance.now();
                 th.firstElementChild.click();
                 const wait = () => th.getAttribute('aria-sort') === 'ascending'
                     ? requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)))
                     : requestAnimationFrame(wait);
                 wait();",
                vec![],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap();
        println!("sorting {n} items by latest value, click to painted: {ms:.0} ms");
        assert!(ms < 1000.0, "sorting {n} items took {ms:.0} ms");
        let sorted = expected(&b, &format!("{start}&tsort=latest"));
        let ids = |rows: Vec<(String, Vec<String>)>| rows.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        let all = ids(sorted);
        assert_eq!(ids(shown(&page).await), all[..100]);
        page.wait_for(".table-pager [data-page=next]").await.click().await.unwrap();
        let second = all[100].clone();
        page.until(
            "the second page is shown",
            &format!("const r = document.querySelector('.items-table tbody tr'); return !!r && r.dataset.itemId === '{second}';"),
        )
        .await;
        assert_eq!(ids(shown(&page).await), all[100..200]);
        assert!(page.text(".table-pager .table-rows").await.starts_with("Rows 101–200 of 10,000"));
    })
    .await;
}
