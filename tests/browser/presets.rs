//! The red-red view (issue 17): linked from the overview, with its own word in the
//! address, showing the items worse than the comparator and getting worse.

use crate::harness::{bundle, expected_count, run, Site};

#[tokio::test]
async fn the_overview_links_to_the_red_red_view() {
    let b = bundle("bundles/somerset.json");
    let (n, total) = expected_count(&b, "period=2018-10&preset=red-red");
    assert!(n > 0, "the edition has red-red items to show");
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10&rag=green").await;
        let link = page.wait_for("a[data-preset=red-red]").await;
        let text = link.text().await.unwrap();
        assert_eq!(text, format!("Worse than the comparator and getting worse ({n} item{})", if n == 1 { "" } else { "s" }));
        link.click().await.unwrap();
        page.until_count(n, total).await;
        let query = page.query().await;
        assert_eq!(query, "period=2018-10&preset=red-red", "its own word, the other filters cleared");
        // As the RAG chips do, it takes the reader to the results: focus on their heading.
        page.until(
            "focus moves to the results",
            "return document.activeElement && document.activeElement.id === 'results-heading'",
        )
        .await;
        // What it stands for shows as ticked filters and as tags.
        let ticked = page
            .js("return ['trend', 'benchmark'].map(f => [...document.querySelectorAll(`fieldset[data-facet=${f}] input:checked`)].map(i => i.value).join())")
            .await;
        assert_eq!(ticked, serde_json::json!(["declining", "worse"]));
        assert_eq!(page.count(".active-filters .tag").await, 2);
        // Every card shown is worse and declining, in words as well as colour.
        let cards = page.count("[data-item-id]").await;
        assert_eq!(cards, n);
        assert_eq!(page.axe_violations().await, Vec::<String>::new());
    })
    .await;
}
