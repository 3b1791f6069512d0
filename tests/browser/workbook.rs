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
        let bad: Vec<_> = page.console().await.into_iter().filter(|(level, _)| level != "DEBUG").collect();
        assert!(bad.is_empty(), "console under CSP: {bad:?}");
    })
    .await;
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
