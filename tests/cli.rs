//! The command line, run as a person runs it: `build`, `check`, `template`, `export`,
//! `schema`, and the exit statuses (0 no errors, 1 errors, 2 a usage mistake).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scorecard_explorer::bundle::Bundle;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scorecard-explorer")).args(args).current_dir(root()).output().unwrap()
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_string()
}

fn bundle(path: &Path) -> Bundle {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn the_somerset_workbook_builds_the_committed_bundle() {
    let committed = bundle(&root().join("bundles/somerset.json"));
    for workbook in ["workbooks/somerset.xlsx", "workbooks/somerset"] {
        let out = scratch(&format!("somerset-{}", workbook.ends_with("xlsx")));
        let json = out.join("somerset.json");
        let run = run(&["build", workbook, "-o", path(&json)]);
        assert_eq!(code(&run), 0, "{workbook}: {}", text(&run.stderr));
        assert_eq!(bundle(&json), committed, "{workbook} no longer builds bundles/somerset.json: re-export it");
    }
}

#[test]
fn bundle_to_workbook_to_bundle_loses_nothing() {
    let dir = scratch("round-trip");
    // A bundle with every optional field, including Fingertips' kept verdicts.
    let mut b = bundle(&root().join("bundles/somerset.json"));
    b.board.area_code = Some("E10000027".into());
    b.source.illustrative = false;
    let metric = b.items.iter_mut().find(|i| !i.series.is_empty()).unwrap();
    metric.fingertips = Some(scorecard_explorer::bundle::FingertipsVerdicts {
        indicator_id: Some(93356),
        period: Some("2017".into()),
        recent_trend: Some("Decreasing and getting better".into()),
        compared_to_england: Some("Better 95%".into()),
    });
    metric.series[0].count = Some(1234.0);
    metric.series[0].denominator = Some(98765.4321);
    metric.series[0].value = None;
    let start = dir.join("start.json");
    std::fs::write(&start, serde_json::to_string(&b).unwrap()).unwrap();
    for out in ["again.xlsx", "again-csv"] {
        let workbook = dir.join(out);
        assert_eq!(code(&run(&["export", path(&start), path(&workbook)])), 0);
        let json = dir.join(format!("{out}.json"));
        let built = run(&["build", path(&workbook), "-o", path(&json)]);
        assert_eq!(code(&built), 0, "{}", text(&built.stderr));
        assert_eq!(bundle(&json), b, "through {out}");
    }
}

#[test]
fn check_prints_each_problem_starting_with_its_cell_and_fails() {
    let dir = scratch("check");
    assert_eq!(code(&run(&["export", "bundles/somerset.json", path(&dir)])), 0);
    let items = std::fs::read_to_string(dir.join("items.csv")).unwrap();
    std::fs::write(dir.join("items.csv"), items.replacen(",action,", ",actoin,", 1)).unwrap();
    let out = run(&["check", path(&dir)]);
    assert_eq!(code(&out), 1);
    let stdout = text(&out.stdout);
    let first = stdout.lines().next().unwrap();
    assert!(first.starts_with("items.csv:2:3: column kind: unknown kind; found \"actoin\""), "{stdout}");
    assert!(stdout.lines().last().unwrap().ends_with("1 error(s), 0 warning(s)"), "{stdout}");
}

#[test]
fn warnings_are_printed_but_do_not_fail() {
    let dir = scratch("warnings");
    assert_eq!(code(&run(&["export", "bundles/somerset.json", path(&dir)])), 0);
    std::fs::write(dir.join("notes.csv"), "anything\n").unwrap();
    let out = run(&[path(&dir)]);
    assert_eq!(code(&out), 0, "{}", text(&out.stdout));
    assert!(text(&out.stdout).starts_with("notes.csv: warning: unknown sheet, ignored"));
}

#[test]
fn a_build_with_errors_writes_no_bundle() {
    let dir = scratch("no-bundle");
    assert_eq!(code(&run(&["export", "bundles/somerset.json", path(&dir)])), 0);
    std::fs::write(dir.join("periods.csv"), "id,label,end\n2018-10,October 2018,31/10/2018\n").unwrap();
    let json = dir.join("out.json");
    let out = run(&["build", path(&dir), "-o", path(&json)]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stderr).starts_with("periods.csv:2:3: column end: not a date"), "{}", text(&out.stderr));
    assert!(!json.exists());
}

#[test]
fn bundles_are_still_checked_as_before() {
    let out = run(&["bundles/somerset.json"]);
    assert_eq!(code(&out), 0);
    assert!(text(&out.stdout).contains("valid: 2 periods"));
    let out = run(&["check", "tests/bad/unknown-rag.json"]);
    assert_eq!(code(&out), 1);
    assert!(text(&out.stdout).contains("rag (line "), "{}", text(&out.stdout));
}

#[test]
fn schema_is_printed_by_both_spellings() {
    let committed = std::fs::read_to_string(root().join("schema/bundle.schema.json")).unwrap();
    for args in [["schema"], ["--schema"]] {
        let out = run(&args);
        assert_eq!(code(&out), 0);
        assert_eq!(text(&out.stdout), committed);
    }
}

#[test]
fn usage_mistakes_exit_with_2() {
    for args in [
        &[][..],
        &["build"],
        &["export", "a.json"],
        &["template", "--fingertips", "x.csv", "a.xlsx"],
        &["--frobnicate"],
    ] {
        let out = run(args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(text(&out.stderr).contains("usage: scorecard-explorer build"), "{args:?}");
    }
    assert_eq!(code(&run(&["--help"])), 0);
}

#[test]
fn the_template_has_every_sheet_lists_and_instructions() {
    use std::io::Read;
    let dir = scratch("template");
    let file = dir.join("template.xlsx");
    assert_eq!(code(&run(&["template", path(&file)])), 0);
    let bytes = std::fs::read(&file).unwrap();
    let (tables, problems) = scorecard_explorer::workbook::tables_from_xlsx(
        "template.xlsx",
        &bytes,
        &scorecard_explorer::workbook::Limits::default(),
    );
    assert!(problems.is_empty());
    let names: Vec<&str> = tables.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Instructions",
            "Board",
            "Periods",
            "Workstreams",
            "Headlines",
            "Items",
            "Assessments",
            "Series",
            "Context",
            "Comparators",
            "Peers",
            "Comparisons"
        ]
    );
    // Header rows, and drop-down lists of the bundle's words in the enumerated columns.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheet = |n: usize| {
        let mut xml = String::new();
        zip.by_name(&format!("xl/worksheets/sheet{n}.xml")).unwrap().read_to_string(&mut xml).unwrap();
        xml
    };
    let items = sheet(6);
    assert!(items.contains("<dataValidation ") && items.contains("\"action,metric\""), "{items}");
    assert!(items.contains("\"local,national\"") && items.contains("higher_is_better"));
    let assessments = sheet(7);
    assert!(assessments.contains("red,amber,green,complete,not_rated"));
    assert!(assessments.contains("improving,stable,declining,not_known"));
    assert!(assessments.contains("better,similar,worse,not_compared"));
    assert!(items.contains("\"at_least,at_most\""), "the target direction's list");
    assert!(sheet(10).contains("national,region,peer_area,peer_group,other"), "the comparator kinds' list");
    let header = &tables[5].rows[0];
    assert_eq!(header.number, 1);
    assert_eq!(
        header.cells.len(),
        20,
        "the Items columns, comparator_label and value_type, target_direction, amber_within, updated, next_update, \
         benchmark_comparator among them"
    );
}

#[test]
fn build_takes_series_from_fingertips_exports() {
    let out = scratch("fingertips");
    let json = out.join("lambeth.json");
    let mut args = vec!["build", "tests/workbooks/lambeth", "-o", path(&json)];
    let exports: Vec<String> =
        ["smoking", "depression", "coronary-heart-disease", "hlefemale", "adultobesity", "physicalactiv"]
            .iter()
            .map(|n| format!("tests/fingertips/lambeth-{n}.csv"))
            .collect();
    for e in &exports {
        args.extend(["--fingertips", e.as_str()]);
    }
    let ran = run(&args);
    assert_eq!(code(&ran), 0, "{}", text(&ran.stderr));
    let built = bundle(&json);
    let smoking = built.items.iter().find(|i| i.id == "smoking").unwrap();
    assert_eq!(smoking.series.len(), 8);
    assert_eq!(smoking.series[7].benchmark, Some(15.9356), "England's 2020/21 value");
    assert_eq!(
        smoking.fingertips.as_ref().and_then(|f| f.recent_trend.as_deref()),
        Some("Decreasing and getting better")
    );

    // Without the depression export, its item is named at its cell and no bundle is written.
    let json = out.join("without.json");
    let mut args = vec!["build", "tests/workbooks/lambeth", "-o", path(&json)];
    for e in exports.iter().filter(|e| !e.contains("depression")) {
        args.extend(["--fingertips", e.as_str()]);
    }
    let ran = run(&args);
    assert_eq!(code(&ran), 1);
    let stderr = text(&ran.stderr);
    assert!(
        stderr.contains("items.csv:3:7: column fingertips_id: indicator 848 is not in the Fingertips files given"),
        "{stderr}"
    );
    assert!(!json.exists());
}

#[test]
fn a_panic_prints_one_line_and_exits_1() {
    let out = Command::new(env!("CARGO_BIN_EXE_scorecard-explorer"))
        .args(["check", "bundles/somerset.json"])
        .env("SCORECARD_EXPLORER_FORCE_PANIC", "1")
        .env("RUST_BACKTRACE", "1")
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(code(&out), 1);
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "one line, no backtrace: {err}");
    assert!(err.starts_with("scorecard-explorer: internal error: forced"), "{err}");
    assert!(text(&out.stdout).is_empty());
}
