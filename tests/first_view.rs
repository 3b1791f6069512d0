//! The built page's first view, rendered natively by the app's components
//! (`scorecard-explorer prerender`): what a person reads in it, that it holds nothing the
//! page's Content-Security-Policy refuses, that bundle text stays text, and that the
//! command writes it into index.html once, however often it runs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scorecard_explorer::explore::facets::FacetIndex;
use scorecard_explorer::explore::order::ordered;
use scorecard_explorer::explore::query::Sort;
use scorecard_explorer::web::components::item_list::FIRST_CARDS;
use scorecard_explorer::web::prerender::{first_view, FirstView, END, START};
use scorecard_explorer::Bundle;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_bundle(path: &str) -> (Bundle, Vec<u8>) {
    let bytes = std::fs::read(root().join(path)).unwrap();
    (scorecard_explorer::load(&bytes).unwrap(), bytes)
}

fn render(path: &str) -> (Bundle, FirstView) {
    let (bundle, bytes) = read_bundle(path);
    let view = first_view(bundle.clone(), path, &bytes).unwrap();
    (bundle, view)
}

/// Text as it stands in HTML.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('\u{a0}', "&nbsp;")
}

/// The text a person reads in `html`: its tags dropped, its entities read, runs of white
/// space as one space.
fn words(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", " ");
    text.replace("&amp;", "&").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The titles the app lists first for `bundle`'s latest period, as the core orders them.
fn first_titles(bundle: &Bundle) -> Vec<String> {
    let period = bundle.periods.last().unwrap();
    let facets = FacetIndex::new(bundle, period);
    let matching = facets.matching(&facets.select(&[], "").0);
    let groups = ordered(bundle, &facets, &matching, Sort::default(), &period.id);
    groups.iter().flat_map(|g| g.items.iter()).take(FIRST_CARDS).map(|&i| bundle.items[i].title.clone()).collect()
}

/// The text of each element whose class attribute is exactly `class`, in order.
fn texts_of(html: &str, tag: &str, class: &str) -> Vec<String> {
    let open = format!("<{tag} class=\"{class}\">");
    html.match_indices(&open)
        .map(|(at, _)| {
            let from = at + open.len();
            let to = from + html[from..].find(&format!("</{tag}>")).unwrap();
            words(&html[from..to])
        })
        .collect()
}

#[test]
fn a_person_reads_the_board_the_period_the_counts_and_the_first_items() {
    let (b, view) = render("bundles/somerset.json");
    let html = &view.html;
    let text = words(html);
    assert_eq!(texts_of(html, "h1", "board-name"), std::slice::from_ref(&b.board.name));
    let period = &b.periods.last().unwrap().label;
    assert!(text.contains(&format!("Showing {period}")), "the latest period is named: {text}");
    let period_index = b.periods.len() - 1;
    let facets = FacetIndex::new(&b, &b.periods[period_index]);
    let total = facets.len();
    assert!(total > FIRST_CARDS, "the default bundle lists more items than the first view shows");
    assert!(text.contains(&format!("{total} of {total} items match")), "the result count: {text}");
    assert!(text.contains("Overview") && text.contains("Filter"), "the overview and the filters are there");
    let titles: Vec<String> = first_titles(&b).iter().map(|t| words(&html_text(t))).collect();
    assert_eq!(titles.len(), FIRST_CARDS);
    assert_eq!(texts_of(html, "h4", "item-title"), titles, "the first items, in the app's order");
    assert_eq!(view.cards, FIRST_CARDS);
    assert!(text.contains("The other items appear when the page has finished loading."), "the rest is said to follow");
    for skip in ["Skip to the results", "Skip to the filters", "Skip to the scorecard"] {
        assert!(text.contains(skip), "the skip link {skip:?}");
    }
}

#[test]
fn the_view_holds_no_inline_script_style_or_handler_and_no_working_control() {
    let (_, view) = render("bundles/somerset.json");
    let html = view.html.to_ascii_lowercase();
    assert!(!html.contains("<script"), "no script");
    assert!(!html.contains(" style="), "no style attribute");
    let names = html.split('<').flat_map(|tag| {
        let tag = tag.split('>').next().unwrap();
        tag.match_indices('=').map(move |(at, _)| tag[..at].rsplit(char::is_whitespace).next().unwrap().to_string())
    });
    let handlers: Vec<String> = names.filter(|n| n.starts_with("on")).collect();
    assert!(handlers.is_empty(), "no handler: {handlers:?}");
    assert!(!html.contains("<!--") && !html.contains("<!>"), "no renderer's markers");
    assert!(!html.contains(" data-item-id"), "no app hooks");
    let controls = ["<input", "<select", "<button", "<textarea"];
    let mut seen = 0;
    for tag in controls {
        for (at, _) in html.match_indices(tag) {
            let end = at + html[at..].find('>').unwrap();
            assert!(html[at..end].contains(" disabled"), "a control is disabled: {}", &html[at..=end]);
            seen += 1;
        }
    }
    assert!(seen > 10, "the filters' controls are there: {seen}");
    // Each id is the app's own, renamed, so the page's ids stay unique.
    for (at, _) in html.match_indices(" id=\"") {
        assert!(html[at + 5..].starts_with("se-pre"), "an id is renamed: {}", &html[at..at + 40]);
    }
}

#[test]
fn bundle_text_is_text() {
    const NAME: &str = "<script>window.pwned = 1</script><b>Board</b> & <img src=x onerror=\"window.pwned = 2\">";
    const TITLE: &str = "</li></ul><script>window.pwned = 3</script> <!-- end";
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("tests/bundles/riverside.json")).unwrap()).unwrap();
    json["board"]["name"] = NAME.into();
    json["items"][0]["title"] = TITLE.into();
    let bytes = serde_json::to_vec(&json).unwrap();
    let bundle = scorecard_explorer::load(&bytes).unwrap();
    let view = first_view(bundle, "bundles/hostile.json", &bytes).unwrap();
    assert!(view.html.contains(&html_text(NAME)), "the name is escaped");
    assert!(view.html.contains(&html_text(TITLE)), "the title is escaped");
    assert!(!view.html.contains("<script") && !view.html.contains("<img") && !view.html.contains("<b>"));
    assert_eq!(texts_of(&view.html, "h1", "board-name"), [words(&html_text(NAME))]);
}

/// A site as the build leaves it: index.html, the settings and the default bundle.
fn site(name: &str, settings: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("first-view").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("bundles")).unwrap();
    std::fs::copy(root().join("index.html"), dir.join("index.html")).unwrap();
    std::fs::copy(root().join("bundles/somerset.json"), dir.join("bundles/somerset.json")).unwrap();
    std::fs::write(dir.join("explorer-config.json"), settings).unwrap();
    dir
}

fn prerender(dist: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard-explorer")).arg("prerender").arg(dist).output().unwrap()
}

#[test]
fn the_command_writes_the_view_once_however_often_it_runs() {
    let dist = site("twice", r#"{ "default_bundle": "bundles/somerset.json" }"#);
    let out = prerender(&dist);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let once = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let (_, bytes) = read_bundle("bundles/somerset.json");
    let hash: String = {
        use sha2::Digest;
        sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
    };
    let tag =
        format!("<div id=\"se-prerendered\" data-bundle=\"bundles/somerset.json\" data-bundle-sha256=\"{hash}\">");
    assert_eq!(once.matches(&tag).count(), 1, "the view, tagged with its bundle");
    assert_eq!((once.matches(START).count(), once.matches(END).count()), (1, 1));
    assert!(once.find("</noscript>").unwrap() < once.find(START).unwrap(), "after the noscript notice");
    assert!(out.stderr.starts_with(b"prerender: ") && String::from_utf8_lossy(&out.stderr).contains("20 items"));
    assert!(prerender(&dist).status.success());
    assert_eq!(std::fs::read_to_string(dist.join("index.html")).unwrap(), once, "a second run changes nothing");
}

#[test]
fn a_default_bundle_not_in_the_site_is_refused_and_the_page_left_as_it_was() {
    for (name, settings, says) in [
        ("elsewhere", r#"{ "default_bundle": "https://example.org/b.json" }"#, "not a file inside"),
        ("above", r#"{ "default_bundle": "../b.json" }"#, "not a file inside"),
        ("missing", r#"{ "default_bundle": "bundles/none.json" }"#, "cannot read the default bundle"),
    ] {
        let dist = site(name, settings);
        let before = std::fs::read_to_string(dist.join("index.html")).unwrap();
        let out = prerender(&dist);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{name}: {said}");
        assert!(said.contains(says) && said.contains("is left as it was"), "{name}: {said}");
        assert_eq!(std::fs::read_to_string(dist.join("index.html")).unwrap(), before, "{name}");
    }
}
