use crate::harness::{run, Site};

#[tokio::test]
async fn shows_the_board_name_period_and_item_count() {
    run(Site::new(), |b| async move {
        b.open("/").await;
        assert_eq!(b.text("h1.board-name").await, "Somerset Health and Wellbeing Board");
        let period = b.text(".period-label").await;
        assert!(period.contains("December 2019"), "the latest period is shown: {period}");
        let bundle = crate::harness::bundle("bundles/somerset.json");
        let (_, total) = crate::harness::expected_count(&bundle, "");
        b.until_count(total, total).await;
    })
    .await;
}

#[tokio::test]
async fn an_unreachable_bundle_shows_an_alert() {
    run(Site::new(), |b| async move {
        b.open("/?bundle=missing/nowhere.json").await;
        let alert = b.text("[role=alert]").await;
        assert!(alert.contains("could not be opened"), "{alert}");
        assert!(alert.contains("404"), "the alert says what the server answered: {alert}");
        assert!(alert.contains("missing/nowhere.json"), "the alert names the URL: {alert}");
    })
    .await;
}
