//! A workbook opened in the browser: dropped on the page with a Fingertips export,
//! converted in the workbook worker (under the strict CSP and a sub-path), and opened in
//! the explorer; a defective one lists its problem at the cell; a 10,000-item workbook's
//! conversion time is printed.

use scorecard_explorer::workbook::write;

use crate::embedding::CSP;
use crate::harness::{repo_file, run, Site};

/// Drops the files served at `paths` on the page, as a person drags them from a folder.
pub fn drop_script(paths: &[String]) -> String {
    let list = serde_json::to_string(paths).unwrap();
    format!(
        "const done = arguments[arguments.length - 1];
         (async () => {{
           const dt = new DataTransfer();
           for (const path of {list}) {{
             const bytes = await (await fetch(path)).arrayBuffer();
             dt.items.add(new File([bytes], path.split('/').pop()));
           }}
           document.querySelector('.app').dispatchEvent(new DragEvent('drop', {{ dataTransfer: dt, bubbles: true, cancelable: true }}));
         }})().then(() => done(true), e => done(String(e)));"
    )
}

pub fn lambeth_smoking(site: Site, prefix: &str, items: &str) -> (Site, Vec<String>) {
    let mut site = site;
    let mut paths = Vec::new();
    for sheet in ["board", "periods", "workstreams"] {
        let path = format!("{prefix}drop/{sheet}.csv");
        site = site.file(&path, repo_file(&format!("tests/workbooks/lambeth/{sheet}.csv")));
        paths.push(path);
    }
    let path = format!("{prefix}drop/items.csv");
    site = site.file(&path, items.as_bytes().to_vec());
    paths.push(path);
    let path = format!("{prefix}drop/lambeth-smoking.csv");
    site = site.file(&path, repo_file("tests/fingertips/lambeth-smoking.csv"));
    paths.push(path);
    (site, paths)
}

pub const SMOKING: &str = "id,workstream,kind,title,unit,polarity,fingertips_id\n\
                       smoking,live,metric,Smoking prevalence in adults (15+),%,lower_is_better,91547\n";

#[tokio::test]
async fn a_dropped_workbook_and_fingertips_export_open_in_the_explorer() {
    let prefix = "/intranet/hwb/";
    let mut site = Site { prefix: prefix.into(), ..Site::new() };
    site.headers.push(("Content-Security-Policy".into(), CSP.into()));
    let (site, paths) = lambeth_smoking(site, prefix, SMOKING);
    run(site, |page| async move {
        page.open(prefix).await;
        page.wait_for("[data-result-count]").await;
        let dropped = page.client.execute_async(&drop_script(&paths), vec![]).await.unwrap();
        assert_eq!(dropped, serde_json::Value::Bool(true), "{dropped}");
        page.until(
            "the converted workbook shows",
            "const h = document.querySelector('h1.board-name'); return !!h && h.textContent.startsWith('Lambeth')",
        )
        .await;
        assert!(page.text("[data-preview]").await.contains("workbook files"));
        page.wait_for("button.download-bundle").await;
        page.wait_for("a[href*='item=smoking']").await.click().await.unwrap();
        let published = page.text("[data-published=trend]").await;
        assert!(published.contains("Fingertips (2020/21): Decreasing and getting better"), "{published}");
        assert_eq!(page.count("[data-published] [data-disagree]").await, 0, "the calculation agrees here");
        // The analyst checks it at source: the item links to its Fingertips indicator.
        let href = page.js("return document.querySelector('a[data-fingertips]').href").await;
        assert_eq!(href, "https://fingertips.phe.org.uk/search/91547");
        let bad: Vec<_> = page.console().await.into_iter().filter(|(level, _)| level != "DEBUG").collect();
        assert!(bad.is_empty(), "console under CSP: {bad:?}");
    })
    .await;
}

/// The publisher's page (`view=publish`): a workbook chosen with its file picker is
/// converted in the worker and opened in the explorer, with the items the core counts.
#[tokio::test]
async fn a_workbook_chosen_on_the_publish_view_opens_in_the_explorer() {
    let riverside = crate::harness::bundle("tests/bundles/riverside.json");
    let (n, total) = crate::harness::expected_count(&riverside, "");
    let board = riverside.board.name.clone();
    let dir = std::env::temp_dir().join(format!("scorecard-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder for the workbook");
    let file = dir.join("riverside.xlsx");
    std::fs::write(&file, write::workbook(&riverside).expect("written")).expect("save the workbook");
    run(Site::new(), |page| async move {
        page.open("/?view=publish").await;
        page.wait_for("#bundle-file").await.send_keys(&file.to_string_lossy()).await.unwrap();
        page.until(
            "the converted workbook shows",
            &format!("const h = document.querySelector('h1.board-name'); return !!h && h.textContent === {board:?}"),
        )
        .await;
        page.until_count(n, total).await;
        assert!(page.text("[data-preview]").await.contains("riverside.xlsx"), "the preview names the file");
        page.wait_for("button.download-bundle").await;
    })
    .await;
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn a_defective_workbook_lists_its_problem_at_the_cell() {
    let (site, paths) = lambeth_smoking(Site::new(), "/", &SMOKING.replace(",metric,", ",metrc,"));
    run(site, |page| async move {
        page.open("/").await;
        page.wait_for("[data-result-count]").await;
        page.client.execute_async(&drop_script(&paths), vec![]).await.unwrap();
        page.until("the problems are listed", "return !!document.querySelector('[role=alert] .problem-list')").await;
        let alert = page.text("[role=alert]").await;
        assert!(alert.contains("items.csv:2:3"), "named at its cell: {alert}");
        assert!(alert.contains("metrc"), "{alert}");
        // The accepted words are listed, as the command line lists them: never blank
        // (Debug formatting, which the release wasm prints as nothing).
        assert!(alert.contains("\"metric\"") && alert.contains("\"action\""), "the accepted words: {alert}");
        assert!(!alert.contains(", ,"), "{alert}");
    })
    .await;
}

#[tokio::test]
async fn a_10000_item_workbook_converts_in_the_browser() {
    let bundle = crate::support::large_bundle(10_000);
    let bytes = write::workbook(&bundle).expect("written");
    let site = Site::new().file("/drop/county.xlsx", bytes);
    run(site, |page| async move {
        page.open("/").await;
        page.wait_for("[data-result-count]").await;
        page.client.execute_async(&drop_script(&["/drop/county.xlsx".into()]), vec![]).await.unwrap();
        let start = std::time::Instant::now();
        loop {
            let shown = page
                .js("const h = document.querySelector('h1.board-name'); return !!h && h.textContent === 'County Board'")
                .await;
            if shown == serde_json::Value::Bool(true) {
                break;
            }
            assert!(start.elapsed().as_secs() < 120, "the 10,000-item workbook did not open");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        let ms = page
            .js("const m = n => performance.getEntriesByName(n).pop().startTime;
                 return [m('se:workbook-converted') - m('se:workbook-start'), performance.now() - m('se:workbook-start')]")
            .await;
        println!("10,000-item workbook in the browser: converted in the worker in {:.0} ms, shown after {:.0} ms", ms[0].as_f64().unwrap(), ms[1].as_f64().unwrap());
    })
    .await;
}

/// The publish page for someone who has never seen it: its own heading, the five steps,
/// the template to download (a real .xlsx, served beside the app), and, once a workbook
/// converts, "Download bundle (JSON)" as the page's primary button.
#[tokio::test]
async fn the_publish_page_gives_the_steps_the_template_and_a_primary_download() {
    let (site, paths) = lambeth_smoking(Site::new(), "/", SMOKING);
    run(site, |page| async move {
        page.open("/?view=publish").await;
        assert_eq!(page.text("#publish-heading").await, "Publish your own scorecard");
        assert_eq!(page.count(".publish-steps > li").await, 5);
        // Its own masthead, not the board's: the page is about the reader's scorecard.
        let shown = "return [...document.querySelectorAll('h1, .board-name, .view-tabs, .period-picker')]
                     .filter(e => e.getClientRects().length > 0).map(e => e.tagName + ' ' + e.textContent.trim())";
        assert_eq!(page.js(shown).await, serde_json::json!(["H1 Publish your own scorecard"]));
        let back = page.text(".masthead-back a").await;
        assert!(back.contains("Somerset Health and Wellbeing Board"), "it leads back to the scorecard: {back}");
        let template = page
            .js("const a = document.querySelector('.publish-steps a[download]');
                 return fetch(a.href).then(r => r.arrayBuffer()).then(b => {
                   const u = new Uint8Array(b);
                   return [a.getAttribute('download'), String.fromCharCode(u[0], u[1]), b.byteLength];
                 })")
            .await;
        assert_eq!(template[0], "scorecard-template.xlsx");
        assert_eq!(template[1], "PK", "a real workbook (a zip): {template}");
        assert!(template[2].as_u64().unwrap() > 5_000, "{template}");
        assert_eq!(page.axe_violations().await, Vec::<String>::new());
        page.client.execute_async(&drop_script(&paths), vec![]).await.unwrap();
        let button = page.wait_for("button.download-bundle").await;
        let class = button.attr("class").await.unwrap().unwrap_or_default();
        assert!(class.split(' ').any(|c| c == "button") && !class.contains("secondary"), "primary: {class}");
        page.open("/?view=publish").await;
        page.wait_for(".masthead-back a").await.click().await.unwrap();
        page.wait_for("h1.board-name").await;
        assert_eq!(page.count(".view-tabs a[data-view=items][aria-current=page]").await, 1, "back to all items");
    })
    .await;
}
