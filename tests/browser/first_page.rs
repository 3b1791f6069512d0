use crate::harness::{run, Site};

#[tokio::test]
async fn shows_the_board_name_period_and_item_count() {
    run(Site::new(), |b| async move {
        b.open("/").await;
        assert_eq!(b.text("h1.board-name").await, "Somerset Health and Wellbeing Board");
        let period = b.text(".period").await;
        assert!(period.contains("December 2019"), "latest period shown: {period}");
        let count = b.text("[data-item-total]").await;
        assert!(count.ends_with(" items") && count.trim_end_matches(" items").parse::<usize>().unwrap() > 50, "{count}");
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
