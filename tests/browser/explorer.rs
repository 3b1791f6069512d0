//! The explorer (issue: overview, filters, URL state, detail, exception report), checked
//! in headless Chromium against the Somerset bundle and the Riverside test bundle.

use crate::harness::{bundle, expected_count, repo_file, run, run_sized, Site};

const SOMERSET: &str = "bundles/somerset.json";
const RIVERSIDE: &str = "tests/bundles/riverside.json";

fn riverside() -> Site {
    Site::new().file("/bundles/riverside.json", repo_file(RIVERSIDE))
}

#[tokio::test]
async fn the_url_sets_the_filters_and_the_result_count() {
    let b = bundle(SOMERSET);
    let query = "period=2018-10&rag=amber,red";
    let (n, total) = expected_count(&b, query);
    assert!(n > 0 && n < total, "the query must narrow the list: {n} of {total}");
    run(Site::new(), |page| async move {
        page.open(&format!("/?{query}")).await;
        page.until_count(n, total).await;
        assert_eq!(page.count("[data-item-id]").await, n, "one card per matching item");
        let rags: Vec<String> = serde_json::from_value(
            page.js("return [...document.querySelectorAll('.item-card .badge.rag')].map(e => e.dataset.rag)").await,
        )
        .unwrap();
        assert!(rags.iter().all(|r| r == "red" || r == "amber"), "{rags:?}");
        let checked =
            page.js("return document.querySelector('fieldset[data-facet=rag] input[value=amber]').checked").await;
        assert_eq!(checked, true, "the checkbox reflects the URL");
    })
    .await;
}

#[tokio::test]
async fn clicking_filters_updates_the_url_and_back_forward_restore_them() {
    let b = bundle(SOMERSET);
    let (all, total) = expected_count(&b, "period=2018-10");
    let (amber, _) = expected_count(&b, "period=2018-10&rag=amber");
    let (amber_ws4, _) = expected_count(&b, "period=2018-10&rag=amber&workstream=ws4");
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10").await;
        page.until_count(all, total).await;
        page.wait_for("fieldset[data-facet=rag] input[value=amber]").await.click().await.unwrap();
        page.until_count(amber, total).await;
        assert!(page.query().await.contains("rag=amber"), "{}", page.query().await);
        page.wait_for("fieldset[data-facet=workstream] input[value=ws4]").await.click().await.unwrap();
        page.until_count(amber_ws4, total).await;
        let q = page.query().await;
        assert!(q.contains("workstream=ws4") && q.contains("rag=amber"), "{q}");
        page.client.back().await.unwrap();
        page.until_count(amber, total).await;
        page.client.back().await.unwrap();
        page.until_count(all, total).await;
        page.client.forward().await.unwrap();
        page.until_count(amber, total).await;
    })
    .await;
}

/// A short list updates in place: the cards that still match are the same elements
/// (a screen reader's place and the keyboard focus survive), and their links carry the
/// new filters.
#[tokio::test]
async fn a_short_list_keeps_the_cards_that_still_match() {
    let b = bundle(SOMERSET);
    let (all, total) = expected_count(&b, "period=2018-10");
    let (amber, _) = expected_count(&b, "period=2018-10&rag=amber");
    assert!(amber > 0 && amber < all);
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10").await;
        page.until_count(all, total).await;
        page.js("document.querySelectorAll('.item-card').forEach(c => c.seBefore = true); return null").await;
        page.wait_for("fieldset[data-facet=rag] input[value=amber]").await.click().await.unwrap();
        page.until_count(amber, total).await;
        let kept = page.js("return [...document.querySelectorAll('.item-card')].filter(c => c.seBefore).length").await;
        assert_eq!(kept.as_u64(), Some(amber as u64), "every amber card was kept, none drawn anew ({amber} amber)");
        let stale = page
            .js("return [...document.querySelectorAll('.item-card .item-title a')].filter(a => !a.getAttribute('href').includes('rag=amber')).length")
            .await;
        assert_eq!(stale.as_u64(), Some(0), "every card's link carries the new filter");
    })
    .await;
}

#[tokio::test]
async fn every_filter_kind_matches_the_core() {
    let b = bundle(RIVERSIDE);
    let queries = [
        "workstream=live-well",
        "kind=metric",
        "scope=national",
        "rag=red,amber",
        "trend=improving",
        "benchmark=worse",
        "change=worse,new",
        "q=smoking",
        "kind=metric&trend=declining,stable&scope=local",
    ];
    run(riverside(), |page| async move {
        for query in queries {
            let (n, total) = expected_count(&b, query);
            page.open(&format!("/?bundle=bundles/riverside.json&{query}")).await;
            page.until_count(n, total).await;
            assert_eq!(page.count("[data-item-id]").await, n, "cards for {query}");
        }
    })
    .await;
}

#[tokio::test]
async fn each_option_shows_how_many_items_it_would_match() {
    let b = bundle(RIVERSIDE);
    run(riverside(), |page| async move {
        page.open("/?bundle=bundles/riverside.json&kind=metric").await;
        let (n, total) = expected_count(&b, "kind=metric");
        page.until_count(n, total).await;
        for rag in ["red", "amber", "green"] {
            let (want, _) = expected_count(&b, &format!("kind=metric&rag={rag}"));
            let label = page.text(&format!("label[for=f-rag-{rag}]")).await;
            assert!(label.ends_with(&format!("({want})")), "{rag}: {label:?} should end with ({want})");
        }
    })
    .await;
}

#[tokio::test]
async fn searching_filters_as_you_type() {
    let b = bundle(SOMERSET);
    let (n, total) = expected_count(&b, "period=2018-10&q=delayed transfers");
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10").await;
        page.wait_for("[data-result-count]").await;
        // One key at a time, as a person types, so each keystroke goes through the URL.
        let search = page.wait_for("#search").await;
        for key in "delayed transfers".chars() {
            search.send_keys(&key.to_string()).await.unwrap();
            tokio::time::sleep(std::time::Duration::from_millis(40)).await;
        }
        page.until_count(n, total).await;
        assert_eq!(page.js("return document.getElementById('search').value").await, "delayed transfers");
        assert!(n >= 2, "Somerset has two delayed-transfer metrics");
        assert!(page.query().await.contains("q=delayed+transfers"), "{}", page.query().await);
        page.wait_for(".clear-all").await.click().await.unwrap();
        page.until_count(total, total).await;
    })
    .await;
}

#[tokio::test]
async fn unknown_url_words_are_noted_not_fatal() {
    run(Site::new(), |page| async move {
        page.open("/?rag=purple&period=1999-01&view=pie").await;
        let notes = page.text(".url-notes").await;
        assert!(notes.contains("purple"), "{notes}");
        assert!(notes.contains("1999-01"), "{notes}");
        assert!(notes.contains("pie"), "{notes}");
        page.wait_for("[data-result-count]").await;
    })
    .await;
}

#[tokio::test]
async fn switching_period_changes_the_items_and_the_url() {
    let b = bundle(SOMERSET);
    let (n2018, t2018) = expected_count(&b, "period=2018-10");
    let (n2019, t2019) = expected_count(&b, "");
    run(Site::new(), |page| async move {
        page.open("/").await;
        page.until_count(n2019, t2019).await;
        assert!(page.text(".period-label").await.contains("December 2019"));
        page.js("const s = document.getElementById('period'); s.value = '2018-10'; s.dispatchEvent(new Event('change', {bubbles: true})); return true").await;
        page.until_count(n2018, t2018).await;
        assert!(page.query().await.contains("period=2018-10"));
        assert!(page.text(".period-label").await.contains("October 2018"));
        let context = page.text(".context").await;
        assert!(context.contains("Statutory duties"), "the 2018 context sections show: {context}");
    })
    .await;
}

#[tokio::test]
async fn overview_counts_are_links_that_apply_the_filter() {
    let b = bundle(SOMERSET);
    let (n, total) = expected_count(&b, "period=2018-10&workstream=ws4&rag=red");
    assert!(n > 0);
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10").await;
        let chip = page.wait_for("[data-workstream=ws4] a[data-count-rag=red]").await;
        assert_eq!(chip.text().await.unwrap().split_whitespace().last().unwrap(), n.to_string());
        chip.click().await.unwrap();
        page.until_count(n, total).await;
        let q = page.query().await;
        assert!(q.contains("workstream=ws4") && q.contains("rag=red"), "{q}");
    })
    .await;
}

#[tokio::test]
async fn an_item_card_shows_its_status_in_words_and_shapes() {
    run(riverside(), |page| async move {
        page.open("/?bundle=bundles/riverside.json").await;
        let card = page.text("[data-item-id=hostile-item]").await;
        assert!(card.contains("Red"), "RAG in words: {card}");
        assert!(card.contains("◆"), "RAG with a shape: {card}");
        assert!(card.contains("Smoking <b>prevalence</b>"), "the title is text: {card}");
        let sparks = page.count("[data-item-id] svg.sparkline").await;
        assert!(sparks > 0, "metrics with a series have a sparkline");
    })
    .await;
}

#[tokio::test]
async fn hostile_text_is_shown_as_text() {
    run(riverside(), |page| async move {
        page.open("/?bundle=bundles/riverside.json&view=exceptions").await;
        page.wait_for("[data-item-id=hostile-item]").await;
        let text = page.text(".exceptions").await;
        assert!(text.contains("<script>window.__pwned = 3</script>"), "commentary shown literally: {text}");
        assert!(text.contains("<script>window.__pwned = 1</script>"), "headline shown literally");
        page.open("/?bundle=bundles/riverside.json&item=hostile-item").await;
        page.wait_for(".detail").await;
        assert_eq!(page.js("return window.__pwned === undefined").await, true, "no injected script ran");
        assert_eq!(page.count(".detail img, .exceptions img").await, 0, "no injected element");
    })
    .await;
}

#[tokio::test]
async fn the_detail_chart_draws_and_its_table_matches_the_series() {
    let b = bundle(SOMERSET);
    let item = b
        .items
        .iter()
        .filter(|i| i.series.len() >= 8 && i.series.iter().any(|p| p.lower.is_some()))
        .max_by_key(|i| i.series.len())
        .unwrap()
        .clone();
    run(Site::new(), |page| async move {
        page.open(&format!("/?item={}", item.id)).await;
        page.until_chart_drawn().await;
        let inked = page
            .js("const c = document.querySelector('canvas.chart-canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                 let n = 0; for (let i = 0; i < d.length; i += 4) { if (d[i] < 200 || d[i+1] < 200) n++; } return n;")
            .await;
        assert!(inked.as_u64().unwrap() > 2000, "the chart has ink: {inked}");
        // The key sits right under the chart it explains, the download button after it.
        let gaps = page
            .js("const r = s => document.querySelector(s).getBoundingClientRect();
                 return [r('.chart-legend').top - r('.chart-box').bottom, r('[data-export=png]').top - r('.chart-legend').bottom]")
            .await;
        let (key, button) = (gaps[0].as_f64().unwrap(), gaps[1].as_f64().unwrap());
        assert!((0.0..24.0).contains(&key), "the key is {key}px under the chart");
        assert!(button >= 0.0, "the download button comes after the key ({button}px)");
        let rows: Vec<Vec<String>> = serde_json::from_value(
            page.js("return [...document.querySelectorAll('.series-table tbody tr')].map(r => [...r.children].map(c => c.textContent))").await,
        )
        .unwrap();
        let period_end = &b.periods.last().unwrap().end;
        let shown: Vec<_> = item.series.iter().filter(|p| p.date.as_str() <= period_end.as_str()).collect();
        assert_eq!(rows.len(), shown.len(), "one row per point up to the period");
        for (row, p) in rows.iter().zip(shown) {
            assert_eq!(row[0], p.label.clone().unwrap_or(p.date.clone()));
            match p.value {
                Some(v) => assert!(row[1].replace(',', "").starts_with(&scorecard_explorer::stats::number::format_number(v).replace(',', "")), "{row:?} vs {v}"),
                None => assert_eq!(row[1], "No value"),
            }
        }
    })
    .await;
}

#[tokio::test]
async fn computed_and_disagreeing_statistics_are_marked() {
    let b = bundle("tests/bundles/riverside.json");
    let period = b.periods.last().unwrap().clone();
    // The periods each computed trend covers, as the core works them out.
    let over: std::collections::BTreeMap<String, String> = b
        .items
        .iter()
        .filter(|i| scorecard_explorer::stats::status::in_period(i, &period.id))
        .filter_map(|i| {
            let s = scorecard_explorer::stats::status::status(&b, i, &period);
            s.trend_over().map(|o| (i.id.clone(), o))
        })
        .collect();
    assert!(!over.is_empty(), "the sample has a computed trend");
    run(riverside(), |page| async move {
        page.open("/?bundle=bundles/riverside.json").await;
        page.wait_for("[data-item-id]").await;
        let computed = page.count("[data-item-id] .trend .computed").await;
        assert!(computed >= 1, "a computed trend is marked as computed");
        let shown: std::collections::BTreeMap<String, String> = serde_json::from_value(
            page.js("return Object.fromEntries([...document.querySelectorAll('[data-item-id] .trend .computed[data-trend-over]')]
                     .map(e => [e.closest('[data-item-id]').dataset.itemId, e.textContent]))")
                .await,
        )
        .unwrap();
        let expected: std::collections::BTreeMap<String, String> =
            over.iter().map(|(id, o)| (id.clone(), format!(" (computed, {o})"))).collect();
        assert_eq!(shown, expected, "a computed trend says the periods it covers");
        let flagged = page.count("[data-item-id] [data-disagree]").await;
        assert!(flagged >= 1, "a stated trend that the data contradict is flagged");
    })
    .await;
}

#[tokio::test]
async fn the_exception_report_lists_red_and_amber_items_with_commentary() {
    let b = bundle(SOMERSET);
    let period = b.periods.iter().find(|p| p.id == "2018-10").unwrap();
    let want: Vec<&str> = b
        .items
        .iter()
        .filter(|i| {
            i.assessment(&period.id).and_then(|a| a.rag.as_ref()).is_some_and(|r| {
                matches!(r, scorecard_explorer::bundle::Rag::Red | scorecard_explorer::bundle::Rag::Amber)
            })
        })
        .map(|i| i.id.as_str())
        .collect();
    let want: Vec<String> = want.into_iter().map(String::from).collect();
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10&view=exceptions").await;
        page.wait_for(".exception").await;
        let mut shown: Vec<String> = serde_json::from_value(
            page.js("return [...document.querySelectorAll('.exception')].map(e => e.dataset.itemId)").await,
        )
        .unwrap();
        let first_rag = page.js("return document.querySelector('.exception .badge').dataset.rag").await;
        shown.sort();
        let mut want = want.clone();
        want.sort();
        assert_eq!(shown, want);
        assert!(first_rag == "red" || first_rag == "amber");
        assert!(page.text(".exceptions").await.contains("Headline"), "workstream headlines are included");
    })
    .await;
}

#[tokio::test]
async fn what_changed_lists_worse_items_first() {
    run(riverside(), |page| async move {
        page.open("/?bundle=bundles/riverside.json&view=changes").await;
        page.wait_for(".change-row").await;
        let changes: Vec<String> = serde_json::from_value(
            page.js("return [...document.querySelectorAll('.change-row')].map(e => e.dataset.change)").await,
        )
        .unwrap();
        assert!(changes.contains(&"worse".to_string()) && changes.contains(&"better".to_string()), "{changes:?}");
        let order = |c: &str| ["worse", "better", "new"].iter().position(|w| *w == c).unwrap();
        assert!(changes.windows(2).all(|w| order(&w[0]) <= order(&w[1])), "worse first: {changes:?}");
    })
    .await;
}

#[tokio::test]
async fn keyboard_alone_reaches_an_item_detail() {
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10&q=fuel").await;
        page.wait_for("[data-item-id] .item-title a").await;
        let mut reached = false;
        for _ in 0..80 {
            page.client.active_element().await.unwrap().send_keys("\u{E004}").await.unwrap();
            let on_item = page.js("const a = document.activeElement; return !!a && !!a.closest('.item-title')").await;
            if on_item == true {
                reached = true;
                break;
            }
        }
        assert!(reached, "Tab reaches an item link");
        page.client.active_element().await.unwrap().send_keys("\u{E007}").await.unwrap();
        page.wait_for(".detail").await;
        page.until(
            "focus moves to the item heading",
            "return document.activeElement && document.activeElement.id === 'detail-heading'",
        )
        .await;
        let opened = page.js("return document.querySelector('.detail').dataset.itemId").await;
        page.wait_for(".back a").await.send_keys("\u{E007}").await.unwrap();
        page.until(
            "focus returns to the item's link in the list",
            &format!(
                "const a = document.activeElement; return !!a && !!a.closest('[data-item-id={}] .item-title')",
                opened.as_str().unwrap()
            ),
        )
        .await;
    })
    .await;
}

#[tokio::test]
async fn a_filter_toggled_by_keyboard_keeps_its_focus() {
    let b = bundle(SOMERSET);
    let (amber, total) = expected_count(&b, "period=2018-10&rag=amber");
    run(Site::new(), |page| async move {
        page.open("/?period=2018-10").await;
        let amber_box = page.wait_for("#f-rag-amber").await;
        page.js("document.getElementById('f-rag-amber').focus(); return true").await;
        amber_box.send_keys(" ").await.unwrap();
        page.until_count(amber, total).await;
        assert_eq!(page.js("return document.activeElement.id").await, "f-rag-amber", "focus stays on the checkbox");
        assert_eq!(page.js("return document.activeElement.checked").await, true);
    })
    .await;
}

#[tokio::test]
async fn an_invalid_bundle_lists_its_problems() {
    let site = Site::new().file("/bundles/bad.json", repo_file("tests/bad/several-problems.json"));
    run(site, |page| async move {
        page.open("/?bundle=bundles/bad.json").await;
        let alert = page.text("[role=alert]").await;
        // Two errors; the third oddity (a value outside its own limits) is a warning and
        // refuses nothing, so it is not among the problems.
        assert!(alert.contains("2 problems"), "{alert}");
        assert!(alert.contains("workstream"), "{alert}");
        assert!(alert.contains("\"improving\", \"stable\""), "the accepted words are listed: {alert}");
        assert!(alert.contains("line "), "problems carry line numbers: {alert}");
    })
    .await;
}

#[tokio::test]
async fn the_illustrative_notice_is_on_every_view() {
    run(Site::new(), |page| async move {
        for q in ["/", "/?view=exceptions&period=2018-10", "/?view=changes", "/?item=ws3-dtoc-asc"] {
            page.open(q).await;
            let notice = page.text("[data-illustrative]").await;
            assert!(notice.contains("Illustrative"), "{q}: {notice}");
        }
    })
    .await;
}

#[tokio::test]
async fn a_phone_screen_does_not_scroll_sideways() {
    run_sized(Site::new(), 360, 740, |page| async move {
        for q in ["/", "/?period=2018-10&view=exceptions"] {
            page.open(q).await;
            page.wait_for("[data-result-count], .exceptions").await;
            let wide = page.js("return document.documentElement.scrollWidth").await.as_u64().unwrap();
            let culprits = page
                .js("return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361).slice(-5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))")
                .await;
            assert!(wide <= 360, "{q}: page is {wide}px wide on a 360px screen; widest: {culprits}");
        }
    })
    .await;
}

#[tokio::test]
async fn every_view_has_no_wcag_a_or_aa_violations() {
    let b = bundle(SOMERSET);
    let item = b.items.iter().find(|i| i.series.len() >= 8).unwrap().id.clone();
    run(riverside(), |page| async move {
        for q in [
            "/".to_string(),
            "/?period=2018-10&rag=amber".to_string(),
            "/?view=exceptions&period=2018-10".to_string(),
            "/?view=changes&bundle=bundles/riverside.json".to_string(),
            format!("/?item={item}"),
            "/?bundle=bundles/riverside.json&item=hostile-item".to_string(),
            "/?bundle=bundles/missing.json".to_string(),
        ] {
            page.open(&q).await;
            page.wait_for("[data-result-count], .exceptions, .changes, .detail, [role=alert]").await;
            let violations = page.axe_violations().await;
            assert!(violations.is_empty(), "{q}:\n{}", violations.join("\n"));
        }
    })
    .await;
}

/// A bundle of `n` metrics with short series, made at test time.
fn big_bundle(n: usize) -> Vec<u8> {
    let items: Vec<_> = (0..n)
        .map(|i| {
            let rag = ["red", "amber", "green"][i % 3];
            serde_json::json!({
                "id": format!("m{i}"), "workstream": format!("w{}", i % 5), "kind": "metric",
                "title": format!("Metric number {i}"), "unit": "%", "polarity": "higher_is_better",
                "assessments": [{ "period": "p1", "rag": rag }],
                "series": (0..6).map(|y| serde_json::json!({ "date": format!("{}", 2015 + y), "value": (i % 50 + y) as f64 })).collect::<Vec<_>>()
            })
        })
        .collect();
    let workstreams: Vec<_> = (0..5).map(|w| serde_json::json!({ "id": format!("w{w}"), "label": format!("Theme {w}"), "title": format!("Theme {w}") })).collect();
    serde_json::to_vec(&serde_json::json!({
        "format": "hwb-scorecard", "version": 1,
        "board": { "name": "Large Test Board", "area": "Testshire" },
        "periods": [{ "id": "p1", "label": "2024", "end": "2024-12-31" }],
        "workstreams": workstreams, "items": items
    }))
    .unwrap()
}

#[tokio::test]
async fn a_long_list_draws_only_what_is_near_the_screen() {
    let n = 3000;
    run(Site::new().file("/bundles/big.json", big_bundle(n)), |page| async move {
        page.open("/?bundle=bundles/big.json").await;
        page.until_count(n, n).await;
        let drawn = page.count("[data-item-id]").await;
        assert!(drawn > 0 && drawn < n / 4, "only chunks near the screen are drawn: {drawn} of {n}");
        let height = page.js("return document.documentElement.scrollHeight").await.as_f64().unwrap();
        assert!(height > 100.0 * n as f64 / 2.0, "the page is as tall as the whole list: {height}px");
        // Keep going to the end, as a person holding End would: blocks are added as it nears.
        page.until(
            "the last item is drawn after scrolling to the end",
            "window.scrollTo(0, document.documentElement.scrollHeight); return !!document.querySelector('[data-item-id=m2999]')",
        )
        .await;
        assert!(page.count("[data-item-id=m0]").await == 0, "the first items are dropped once far off screen");
    })
    .await;
}

/// A bundle over a megabyte loads in steps; a fault in its last item still gives the
/// exact place, as a small bundle's would.
#[tokio::test]
async fn a_large_bundle_with_a_fault_at_the_end_names_its_place() {
    let n = 3000;
    let mut bundle: serde_json::Value = serde_json::from_slice(&big_bundle(n)).unwrap();
    bundle["items"][n - 1]["assessments"][0]["rag"] = "scarlet".into();
    let bytes = serde_json::to_vec_pretty(&bundle).unwrap();
    assert!(bytes.len() > 1 << 20, "large enough to load in steps: {} bytes", bytes.len());
    let expected = scorecard_explorer::bundle::load(&bytes).unwrap_err();
    assert_eq!(expected.len(), 1);
    let line = expected[0].line.expect("a line");
    run(Site::new().file("/bundles/big.json", bytes), |page| async move {
        page.open("/?bundle=bundles/big.json").await;
        let alert = page.text("[role=alert]").await;
        assert!(alert.contains(&format!("items[{}].assessments[0].rag", n - 1)), "{alert}");
        assert!(alert.contains(&format!("line {line}")), "the line of the fault, {line}: {alert}");
        assert!(alert.contains("scarlet"), "{alert}");
    })
    .await;
}

#[tokio::test]
async fn only_web_addresses_become_the_board_link() {
    let with_url = |url: &str| {
        let mut b: serde_json::Value = serde_json::from_slice(&repo_file(RIVERSIDE)).unwrap();
        b["board"]["url"] = url.into();
        serde_json::to_vec(&b).unwrap()
    };
    let site = Site::new()
        .file("/bundles/web.json", with_url("https://riverside.example/hwb"))
        .file("/bundles/script.json", with_url("javascript:window.__pwned=5"));
    run(site, |page| async move {
        page.open("/?bundle=bundles/web.json").await;
        page.wait_for(".page-footer a[rel~=external]").await;
        let href = page
            .js("const a = document.querySelector('.page-footer a[rel~=external]'); return a ? a.href : null")
            .await;
        assert_eq!(href, "https://riverside.example/hwb");
        page.open("/?bundle=bundles/script.json").await;
        page.wait_for("[data-result-count]").await;
        assert_eq!(page.count(".page-footer a[rel~=external]").await, 0, "a javascript: URL is not linked");
    })
    .await;
}
