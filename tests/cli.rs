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
        // One line says it worked, and what it built.
        let said = text(&run.stderr);
        let summary = format!(
            "{} periods, {} workstreams, {} items;",
            committed.periods.len(),
            committed.workstreams.len(),
            committed.items.len()
        );
        assert_eq!(said.lines().count(), 1, "{said}");
        assert!(said.contains(" built ") && said.contains(&summary) && said.contains("somerset.json"), "{said}");
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

/// Escape codes a hostile file carries: set the terminal's title (OSC 0), clear the
/// screen (CSI), write to the clipboard (OSC 52), an 8-bit CSI (C1) and a right-to-left
/// override.
const TITLE: &str = "\u{1b}]0;pwned\u{7}";
const CLEAR: &str = "\u{1b}[2J";
const CLIPBOARD: &str = "\u{1b}]52;c;aGVsbG8=\u{7}";
const C1: &str = "\u{9b}31m";
const BIDI: &str = "\u{202e}";

/// Nothing the command printed can steer a terminal, and `shown` (each an escape as the
/// messages write it) is there, so the hostile text was read and printed escaped.
fn assert_inert(out: &Output, shown: &[&str]) {
    let all = [&out.stdout[..], &out.stderr[..]].concat();
    let text = String::from_utf8(all).expect("the output is UTF-8");
    let steering = text.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || ('\u{202a}'..='\u{202e}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    });
    assert_eq!(steering, None, "a character that steers a terminal was printed: {text:?}");
    for s in shown {
        assert!(text.contains(s), "{s:?} is not shown in {text}");
    }
}

#[test]
fn check_and_build_print_a_hostile_csv_workbook_escaped() {
    let dir = scratch("hostile-csv");
    let folder = dir.join("workbook");
    assert_eq!(code(&run(&["export", "bundles/somerset.json", path(&folder)])), 0);
    let edit = |name: &str, from: &str, to: &str| {
        let text = std::fs::read_to_string(folder.join(name)).unwrap();
        assert!(text.contains(from), "{name} has no {from:?}");
        std::fs::write(folder.join(name), text.replacen(from, to, 1)).unwrap();
    };
    edit("items.csv", ",action,", &format!(",act{CLEAR}{C1}ion{BIDI},"));
    edit("periods.csv", "2018-10-31", &format!("={CLIPBOARD}"));
    std::fs::write(folder.join(format!("notes{TITLE}\nvalid.csv")), "anything\n").unwrap();
    for args in [&["check", path(&folder)], &["build", path(&folder)]] {
        let out = run(args);
        assert_eq!(code(&out), 1, "{args:?}");
        assert_inert(
            &out,
            &[
                "items.csv:2:3: column kind: unknown kind; found \"act\\u{1b}[2J\\u{9b}31mion\\u{202e}\"",
                "found \"=\\u{1b}]52;c;aGVsbG8=\\u{7}\"",
                "notes\\u{1b}]0;pwned\\u{7}\\nvalid.csv: warning: unknown sheet",
            ],
        );
        let lines = text(&out.stdout) + &text(&out.stderr);
        assert_eq!(lines.lines().count(), 4, "three problems and the count, a line each: {lines}");
    }
}

#[test]
fn a_built_bundle_carries_control_and_bidi_characters_as_json_escapes() {
    let dir = scratch("hostile-title");
    let folder = dir.join("workbook");
    assert_eq!(code(&run(&["export", "bundles/somerset.json", path(&folder)])), 0);
    let items = std::fs::read_to_string(folder.join("items.csv")).unwrap();
    let committed = bundle(&root().join("bundles/somerset.json"));
    let title = &committed.items[0].title;
    let hostile = format!("{title}{C1}{BIDI}");
    std::fs::write(folder.join("items.csv"), items.replacen(title.as_str(), &hostile, 1)).unwrap();
    let out = run(&["build", path(&folder)]);
    assert_eq!(code(&out), 0, "{}", text(&out.stderr));
    assert_inert(&out, &["\\u009b31m\\u202e"]);
    let built: Bundle = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(built.items[0].title, hostile, "the same text, written as escapes");
    let file = dir.join("out.json");
    assert_eq!(code(&run(&["build", path(&folder), "-o", path(&file)])), 0);
    assert_eq!(std::fs::read(&file).unwrap(), out.stdout, "the file and standard output are the same bytes");
}

#[test]
fn check_prints_a_hostile_xlsx_workbook_escaped() {
    use std::io::{Cursor, Read, Write};
    // A small workbook with placeholders, then the placeholders replaced in its XML by
    // hostile text: a sheet's name, a cell's text, and a formula never calculated.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheets: [(&str, &[&[&str]]); 5] = [
        ("Board", &[&["field", "value"], &["name", "Riverside board"], &["area", "Riverside"]]),
        ("Periods", &[&["id", "label", "end"], &["2023-03", "March 2023", "2023-03-31"]]),
        ("Workstreams", &[&["id", "label", "title"], &["ws1", "Living", "Live well"]]),
        ("Items", &[&["id", "workstream", "kind", "title"], &["m1", "ws1", "KINDPLACEHOLDER", "A measure"]]),
        ("Series", &[&["item", "date", "value"], &["m1", "2022", ""]]),
    ];
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *cell).unwrap();
            }
        }
    }
    let ws = book.worksheet_from_name("Series").unwrap();
    ws.write_formula(1, 2, "=\"FORMULAPLACEHOLDER\"").unwrap().set_formula_result(1, 2, "");
    book.add_worksheet().set_name("SHEETPLACEHOLDER").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let mut xml = String::new();
        part.read_to_string(&mut xml).unwrap();
        let xml = xml
            .replace("SHEETPLACEHOLDER", &format!("Notes{TITLE}"))
            .replace("KINDPLACEHOLDER", &format!("act{CLEAR}{C1}ion{BIDI}"))
            .replace("FORMULAPLACEHOLDER", CLIPBOARD);
        out.start_file(part.name(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(xml.as_bytes()).unwrap();
    }
    let file = scratch("hostile-xlsx").join("hostile.xlsx");
    std::fs::write(&file, out.finish().unwrap().into_inner()).unwrap();
    let out = run(&["check", path(&file)]);
    assert_eq!(code(&out), 1, "{}", text(&out.stdout));
    assert_inert(
        &out,
        &[
            "Items!C2: column kind: unknown kind; found \"act\\u{1b}[2J\\u{9b}31mion\\u{202e}\"",
            "Series!C2: column value: a formula without a saved value",
            "found \"=\\\"\\u{1b}]52;c;aGVsbG8=\\u{7}\\\"\"",
            "'Notes\\u{1b}]0;pwned\\u{7}': warning: unknown sheet",
        ],
    );
}

#[test]
fn build_prints_a_hostile_fingertips_export_escaped() {
    let dir = scratch("hostile-fingertips");
    let smoking = std::fs::read_to_string(root().join("tests/fingertips/lambeth-smoking.csv")).unwrap();
    let name = "Smoking prevalence in adults (15+) - current smokers (QOF)";
    assert!(smoking.contains(name));
    // Its indicator's name, listed when another indicator is asked for.
    let named = dir.join("smoking.csv");
    std::fs::write(&named, smoking.replace(name, &format!("Smoking{TITLE}{BIDI}"))).unwrap();
    let out = run(&["build", "tests/workbooks/lambeth", "--fingertips", path(&named)]);
    assert_eq!(code(&out), 1);
    assert_inert(&out, &["\"91547\" (\"Smoking\\u{1b}]0;pwned\\u{7}\\u{202e}\")"]);
    // A value that is not a number, in a file whose name is hostile too.
    let valued = dir.join(format!("smoking{CLEAR}.csv"));
    std::fs::write(&valued, smoking.replacen("\"19.1708\"", &format!("\"19{CLIPBOARD}\""), 1)).unwrap();
    let out = run(&["check", "tests/workbooks/lambeth", "--fingertips", path(&valued)]);
    assert_eq!(code(&out), 1);
    assert_inert(
        &out,
        &["smoking\\u{1b}[2J.csv:2: column \"Value\": not read as a Fingertips export; found \"19\\u{1b}]52;c;aGVsbG8=\\u{7}\""],
    );
}

#[test]
fn check_prints_a_hostile_bundle_escaped() {
    let bad = std::fs::read_to_string(root().join("tests/bad/unknown-rag.json")).unwrap();
    let hostile = bad.replacen("\"purple\"", "\"purple\\u001b]0;pwned\\u0007\"", 1).replacen(
        "\"2018-10\": \"Two",
        "\"2018-10\\n\\u001b[2J\": \"Two",
        1,
    );
    let file = scratch("hostile-bundle").join("hostile.json");
    std::fs::write(&file, hostile).unwrap();
    let out = run(&["check", path(&file)]);
    assert_eq!(code(&out), 1);
    assert_inert(&out, &["found \"purple\\u{1b}]0;pwned\\u{7}\"", "headlines.2018-10\\n\\u{1b}[2J"]);
    let stdout = text(&out.stdout);
    assert!(stdout.lines().all(|l| l.starts_with(path(&file))), "every problem is one line: {stdout}");
}

#[test]
fn export_defuses_formulas_and_build_reads_them_back_as_they_were() {
    let dir = scratch("formulas");
    let mut b = bundle(&root().join("bundles/somerset.json"));
    let hostile = [
        "=HYPERLINK(\"http://example.com/x\",\"Click\")",
        "+1+cmd|' /C calc'!A0",
        "@SUM(A1:A9)",
        "-2+3",
        "'=a genuine apostrophe before an equals sign",
        "''+two of them",
        "'Tis kept as typed",
        "-12.5",
    ];
    for (item, title) in b.items.iter_mut().zip(hostile) {
        item.title = title.to_string();
    }
    b.items[0].assessments[0].commentary = Some("=1+1".into());
    let start = dir.join("start.json");
    std::fs::write(&start, serde_json::to_string(&b).unwrap()).unwrap();
    let folder = dir.join("csv");
    assert_eq!(code(&run(&["export", path(&start), path(&folder)])), 0);
    let items = std::fs::read_to_string(folder.join("items.csv")).unwrap();
    let mut reader = ::csv::ReaderBuilder::new().from_reader(items.as_bytes());
    let titles: Vec<String> = reader.records().map(|r| r.unwrap()[3].to_string()).take(hostile.len()).collect();
    assert_eq!(
        titles,
        [
            "'=HYPERLINK(\"http://example.com/x\",\"Click\")",
            "'+1+cmd|' /C calc'!A0",
            "'@SUM(A1:A9)",
            "'-2+3",
            "''=a genuine apostrophe before an equals sign",
            "'''+two of them",
            "'Tis kept as typed",
            "-12.5",
        ],
        "as a spreadsheet opens them: text, never a formula"
    );
    assert!(std::fs::read_to_string(folder.join("assessments.csv")).unwrap().contains(",'=1+1"));
    let json = dir.join("again.json");
    let built = run(&["build", path(&folder), "-o", path(&json)]);
    assert_eq!(code(&built), 0, "{}", text(&built.stderr));
    assert_eq!(bundle(&json), b, "bundle -> CSV -> bundle loses nothing");
}

/// The bytes of a file, to show it was left as it was.
fn bytes(p: &Path) -> Vec<u8> {
    std::fs::read(p).unwrap()
}

#[test]
fn build_never_writes_over_a_file_it_reads_even_with_force() {
    let dir = scratch("over-input");
    let workbook = dir.join("somerset.xlsx");
    std::fs::copy(root().join("workbooks/somerset.xlsx"), &workbook).unwrap();
    let before = bytes(&workbook);
    for force in [&[][..], &["--force"]] {
        let mut args = vec!["build", path(&workbook), "-o", path(&workbook)];
        args.extend(force);
        let out = run(&args);
        assert_eq!(code(&out), 2, "{args:?}");
        assert!(text(&out.stderr).contains("is a file this command reads"), "{}", text(&out.stderr));
        assert_eq!(bytes(&workbook), before, "{args:?} left the workbook as it was");
    }
    // Nor through a hard link to it.
    #[cfg(unix)]
    {
        let link = dir.join("link.xlsx");
        std::fs::hard_link(&workbook, &link).unwrap();
        let out = run(&["build", path(&workbook), "-o", path(&link), "--force"]);
        assert_eq!(code(&out), 2, "{}", text(&out.stderr));
        assert_eq!(bytes(&workbook), before, "the hard link left the workbook as it was");
    }
    // Nor over a CSV file of a folder, or a Fingertips export, by another spelling.
    let folder = dir.join("csv");
    assert_eq!(code(&run(&["export", "bundles/somerset.json", path(&folder)])), 0);
    let items = bytes(&folder.join("items.csv"));
    let out = run(&["build", path(&folder), "-o", path(&folder.join("../csv/items.csv")), "--force"]);
    assert_eq!(code(&out), 2, "{}", text(&out.stderr));
    assert_eq!(bytes(&folder.join("items.csv")), items);
    let export = dir.join("smoking.csv");
    std::fs::copy(root().join("tests/fingertips/lambeth-smoking.csv"), &export).unwrap();
    let out = run(&["build", "tests/workbooks/lambeth", "--fingertips", path(&export), "-o", path(&export), "--force"]);
    assert_eq!(code(&out), 2, "{}", text(&out.stderr));
    assert_eq!(bytes(&export), bytes(&root().join("tests/fingertips/lambeth-smoking.csv")));
}

#[test]
fn template_export_and_build_replace_an_existing_file_only_with_force() {
    let dir = scratch("force");
    let kept = b"a file someone keeps".to_vec();
    let template = dir.join("template.xlsx");
    let workbook = dir.join("somerset.xlsx");
    let json = dir.join("somerset.json");
    let folder = dir.join("csv");
    std::fs::create_dir_all(&folder).unwrap();
    let items = folder.join("items.csv");
    let runs: [(&Path, Vec<&str>); 4] = [
        (&template, vec!["template", path(&template)]),
        (&workbook, vec!["export", "bundles/somerset.json", path(&workbook)]),
        (&json, vec!["build", "workbooks/somerset.xlsx", "-o", path(&json)]),
        (&items, vec!["export", "bundles/somerset.json", path(&folder)]),
    ];
    for (file, args) in runs {
        std::fs::write(file, &kept).unwrap();
        let out = run(&args);
        assert_eq!(code(&out), 2, "{args:?}");
        let said = text(&out.stderr);
        assert!(said.contains("already exist") && said.contains("--force"), "{args:?}: {said}");
        assert_eq!(bytes(file), kept, "{args:?} left the file as it was");
        let forced: Vec<&str> = args.iter().copied().chain(["--force"]).collect();
        let out = run(&forced);
        assert_eq!(code(&out), 0, "{forced:?}: {}", text(&out.stderr));
        assert_ne!(bytes(file), kept, "{forced:?} replaced the file");
    }
    assert_eq!(bundle(&json), bundle(&root().join("bundles/somerset.json")));
    // --force is only for a command that writes a file.
    for args in [&["check", "bundles/somerset.json", "--force"][..], &["build", "workbooks/somerset.xlsx", "--force"]] {
        assert_eq!(code(&run(args)), 2, "{args:?}");
    }
}
