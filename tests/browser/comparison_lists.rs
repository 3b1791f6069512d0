//! The comparisons in the lists, on the comparisons test bundle with more items
//! (`support/ranked.rs`): each card's rank in words, the table's rank column sorted by
//! `tsort=rank` and its verdict columns, and the filters by comparator and by rank
//! quarter through the URL and the checkboxes.

use scorecard_explorer::explore::facets::FacetIndex;
use scorecard_explorer::explore::table::{self, Column};

use crate::harness::{expected_count, run, Site};
use crate::ranked::{ranked, ranked_json};
use crate::table::{expected, heading, shown, until_sorted};

const BUNDLE: &str = "bundle=bundles/ranked.json";

fn site() -> Site {
    Site::new().file("/bundles/ranked.json", ranked_json())
}

#[tokio::test]
async fn cards_show_the_rank_and_the_table_sorts_by_it_with_a_verdict_per_comparator() {
    let b = ranked();
    let index = FacetIndex::new(&b, &b.periods[0]);
    run(site(), |page| async move {
        page.open(&format!("/?{BUNDLE}")).await;
        page.until_count(6, 6).await;
        // Each card's rank, in words, as the core worked it out; none for an unranked item.
        let ranks = page
            .js("return [...document.querySelectorAll('.item-card')].map(c => [c.dataset.itemId, c.querySelector('.item-rank')?.textContent ?? null]);")
            .await;
        let want: Vec<(String, Option<String>)> =
            b.items.iter().enumerate().map(|(i, item)| (item.id.clone(), index.rank(i).map(|r| r.words()))).collect();
        assert_eq!(ranks, serde_json::to_value(&want).unwrap());
        assert_eq!(
            page.text(".item-card[data-item-id=deaths] .item-rank").await,
            "5th best of 6 CIPFA nearest neighbours"
        );

        // The table sorted by rank from the URL: best first, unranked last.
        let query = format!("{BUNDLE}&view=table&tsort=rank");
        page.open(&format!("/?{query}")).await;
        page.wait_for(".items-table tbody tr").await;
        until_sorted(&page, Column::Rank, "ascending").await;
        let table = shown(&page).await;
        assert_eq!(table, expected(&b, &query));
        let order: Vec<&str> = table.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(order, ["activity", "smoking", "births", "deaths", "screening", "plan"]);
        let headings = page
            .js("return [...document.querySelectorAll('.items-table thead th')].filter(th => getComputedStyle(th).display !== 'none').map(th => th.textContent)")
            .await;
        let headings: Vec<String> = serde_json::from_value(headings).unwrap();
        assert_eq!(
            headings[7..],
            [
                "Rank among CIPFA nearest neighbours",
                "Compared with England",
                "Compared with South East region"
            ]
        );
        // A verdict is a word, never a colour alone.
        let deaths = &table.iter().find(|(id, _)| id == "deaths").unwrap().1;
        assert_eq!(deaths[7..], ["5th best of 6", "Worse", "Similar"]);
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "axe-core: {violations:#?}");

        // A click on the rank's heading sorts the other way; the URL follows.
        heading(&page, Column::Rank).await.click().await.unwrap();
        until_sorted(&page, Column::Rank, "descending").await;
        let query = page.query().await;
        assert!(query.contains("tsort=rank&tdir=desc"), "{query}");
        assert_eq!(shown(&page).await, expected(&b, &query));

        // The CSV is the table, its comparison columns included.
        page.wait_for("[data-export=csv]").await.click().await.unwrap();
        let (_, bytes) = page.downloaded(".csv").await;
        let text = String::from_utf8(bytes).unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        // The shown columns, then the figures apart for a spreadsheet.
        assert_eq!(header[..headings.len()], headings);
        assert_eq!(header[headings.len()..], table::FIGURE_HEADINGS);
        let records: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().take(headings.len()).map(String::from).collect())
            .collect();
        let cells: Vec<Vec<String>> = shown(&page).await.into_iter().map(|(_, cells)| cells).collect();
        assert_eq!(records, cells);
    })
    .await;
}

#[tokio::test]
async fn the_filters_by_comparator_and_rank_quarter_live_in_the_url() {
    let b = ranked();
    run(site(), |page| async move {
        // By comparator, from the URL: its box ticked, its count beside it.
        let query = format!("{BUNDLE}&vs=england:worse");
        let (n, total) = expected_count(&b, &query);
        assert_eq!((n, total), (1, 6));
        page.open(&format!("/?{query}")).await;
        page.until_count(n, total).await;
        assert_eq!(page.js("return [...document.querySelectorAll('.item-card')].map(c => c.dataset.itemId)").await, serde_json::json!(["deaths"]));
        let england = page
            .js("const f = [...document.querySelectorAll('fieldset[data-facet=vs]')].find(f => f.querySelector('legend').textContent === 'Compared with England');
                 return [...f.querySelectorAll('.choice')].map(c => [c.querySelector('input').checked, c.querySelector('label').textContent]);")
            .await;
        assert_eq!(
            england,
            serde_json::json!([
                [false, "Better than England (1)"],
                [false, "Similar to England (1)"],
                [true, "Worse than England (1)"],
                [false, "Higher than England (1)"],
                [false, "Not compared with England (1)"]
            ]),
            "the choices that occur, each with what choosing it alone shows"
        );
        assert!(page.text(".active-filters").await.contains("Worse than England"));

        // Ticking a quarter of the rank adds it to the URL.
        page.wait_for("input[id='f-rankq-bottom']").await.click().await.unwrap();
        page.until("the URL has the quarter", "return location.search.includes('rankq=bottom')").await;
        page.until_count(1, 6).await;
        // Two quarters are either; unticking the bottom leaves the top, where nothing is worse.
        page.wait_for("input[id='f-rankq-top']").await.click().await.unwrap();
        page.until("the URL has both quarters", "return location.search.includes('rankq=bottom,top')").await;
        page.until_count(1, 6).await;
        page.wait_for("input[id='f-rankq-bottom']").await.click().await.unwrap();
        page.until_count(0, 6).await;
        let query = page.query().await;
        assert!(query.contains("vs=england:worse") && query.contains("rankq=top"), "{query}");

        // By rank quarter, from the URL, and an unknown comparator said and ignored.
        page.open(&format!("/?{BUNDLE}&rankq=middle&vs=wales:worse")).await;
        page.until_count(2, 6).await;
        assert_eq!(
            page.js("return [...document.querySelectorAll('.item-card')].map(c => c.dataset.itemId)").await,
            serde_json::json!(["smoking", "births"])
        );
        assert_eq!(
            page.text(".url-notes").await,
            "“\u{2068}wales:worse\u{2069}” is not a comparator and verdict of this scorecard, so it was ignored."
        );
        assert!(page.text("fieldset[data-facet=rankq] legend").await.contains("Rank among CIPFA nearest neighbours"));
        let violations = page.axe_violations().await;
        assert!(violations.is_empty(), "axe-core: {violations:#?}");
    })
    .await;
}
