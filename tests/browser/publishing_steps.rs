//! docs/publishing.md's steps, followed in order as a performance officer and a web team
//! would: the template, a filled workbook, check, build, and the two ways step 5 publishes
//! the bundle (a `?bundle=` link, and the settings' default bundle with its first view
//! written by `prerender`). The address and the setting are read from the document
//! itself, so the steps and the app's rule for bundle paths cannot drift apart.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{dist, run, Site};

const RIVERSIDE_NAME: &str = "Riverside Health and Wellbeing Board";

fn cli(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_scorecard-explorer")).args(args).current_dir(dir).output().unwrap();
    let said = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "scorecard-explorer {}: {said}", args.join(" "));
    said
}

/// The text between `before` and the next backquote, in step 5 of the document.
fn documented(step: &str, before: &str) -> String {
    let at = step.find(before).unwrap_or_else(|| panic!("step 5 no longer says {before}")) + before.len();
    step[at..].split(['`', '"']).next().unwrap().to_string()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test]
async fn the_publishing_steps_work_as_written_in_order() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/publishing.md")).unwrap();
    let step = doc.split("\n5. **Publish**").nth(1).expect("step 5").split("\n\n").next().unwrap().to_string();
    let link = documented(&step, "explorer with\n   `");
    let default = documented(&step, "\"default_bundle\": \"");
    assert!(link.starts_with("?bundle=") && link.ends_with("our-board.json"), "{link}");

    let work: PathBuf = std::env::temp_dir().join(format!("scorecard-steps-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    // 1. The template; (2.) filled in, here from an existing bundle as step 1 allows.
    cli(&work, &["template", "template.xlsx"]);
    assert!(work.join("template.xlsx").is_file());
    let riverside = root.join("tests/bundles/riverside.json");
    cli(&work, &["export", riverside.to_str().unwrap(), "our-board.xlsx"]);
    // 3. Check; 4. build.
    cli(&work, &["check", "our-board.xlsx"]);
    cli(&work, &["build", "our-board.xlsx", "-o", "our-board.json"]);
    // 5. The web team copies dist/ and puts the bundle in its bundles/ folder.
    let site_dir = work.join("dist");
    copy_dir(&dist(), &site_dir);
    std::fs::copy(work.join("our-board.json"), site_dir.join("bundles/our-board.json")).unwrap();

    // A link that names it.
    let served = site_dir.clone();
    run(Site { dist: Some(served), ..Site::new() }, |page| async move {
        page.open(&format!("/{link}")).await;
        assert_eq!(page.text("h1.board-name").await, RIVERSIDE_NAME, "opened by {link}");
    })
    .await;

    // Or the settings' default bundle, with its first view written by prerender.
    std::fs::write(site_dir.join("explorer-config.json"), format!("{{\"default_bundle\": \"{default}\"}}")).unwrap();
    cli(&work, &["prerender", "dist"]);
    let html = std::fs::read_to_string(site_dir.join("index.html")).unwrap();
    assert!(html.contains(RIVERSIDE_NAME), "the first view is the new default's");
    run(Site { dist: Some(site_dir), ..Site::new() }, |page| async move {
        page.open("/").await;
        assert_eq!(page.text("h1.board-name").await, RIVERSIDE_NAME, "the default bundle {default}");
        page.wait_for("[data-result-count]").await;
        assert_eq!(page.count("[role=alert]").await, 0);
    })
    .await;
    let _ = std::fs::remove_dir_all(&work);
}
