//! Every message says what to do: each problem a bad bundle or workbook gives names what
//! is expected or how to fix it, and its shown line carries those words, in the command
//! line's form and in the page's.

use std::path::Path;

use scorecard_explorer::bundle::problem::{Counted, ProblemKind};
use scorecard_explorer::bundle::warnings::load_with_warnings;
use scorecard_explorer::workbook::job::convert;
use scorecard_explorer::workbook::{build, File, FingertipsFile, Limits, Problem};

/// Every kind, each counted thing of `TooMany` among them.
const KINDS: [ProblemKind; 15] = [
    ProblemKind::Unreadable,
    ProblemKind::Invalid,
    ProblemKind::Missing,
    ProblemKind::UnknownWord,
    ProblemKind::UnknownId,
    ProblemKind::Duplicate,
    ProblemKind::Inconsistent,
    ProblemKind::Ambiguous,
    ProblemKind::TooMany { what: Counted::Rows, limit: 100_000 },
    ProblemKind::TooMany { what: Counted::Cells, limit: 10_000_000 },
    ProblemKind::TooMany { what: Counted::Bytes, limit: 64 * 1024 * 1024 },
    ProblemKind::TooMany { what: Counted::Characters, limit: 1_000 },
    ProblemKind::Unlisted { count: 7 },
    ProblemKind::Newer,
    ProblemKind::NoValue,
];

#[test]
fn every_kind_has_a_default_fix() {
    for kind in KINDS {
        let fix = kind.fix();
        assert!(!fix.trim().is_empty(), "{kind:?} has no fix");
        assert!(!fix.ends_with('.') && !fix.contains('\n'), "{kind:?}: one clause of one line: {fix}");
    }
    let bytes = ProblemKind::TooMany { what: Counted::Bytes, limit: 64 * 1024 * 1024 }.fix();
    assert!(bytes.contains("64 MiB"), "{bytes}");
}

/// A problem without its own fix or an `expected` shows its kind's fix; one with an
/// `expected` shows that instead; its own fix is always shown.
#[test]
fn a_problem_shows_its_own_fix_else_its_kinds_unless_it_says_what_is_expected() {
    let bare = scorecard_explorer::Problem::of(ProblemKind::Duplicate, "items[1].id", "duplicate item id");
    assert_eq!(bare.to_fix(), Some(ProblemKind::Duplicate.fix()));
    assert!(bare.detail().ends_with(&format!("; to fix, {}", ProblemKind::Duplicate.fix())), "{}", bare.detail());
    let expected = bare.clone().expected("\"a1\"");
    assert_eq!(expected.to_fix(), None);
    assert_eq!(expected.detail(), "duplicate item id; expected \"a1\"");
    let own = bare.fix("give each item its own id");
    assert_eq!(own.detail(), "duplicate item id; to fix, give each item its own id");
    assert_eq!(own.to_string(), "items[1].id: duplicate item id; to fix, give each item its own id");
}

fn says_what_to_do(text: &str, expected: Option<&str>, fix: Option<String>) -> Result<(), String> {
    let mut said = false;
    if let Some(expected) = expected {
        said = true;
        if !text.contains(&format!("; expected {expected}")) {
            return Err(format!("the expected is not shown: {text}"));
        }
    }
    if let Some(fix) = fix {
        said = true;
        if !text.contains(&format!("; to fix, {fix}")) {
            return Err(format!("the fix is not shown: {text}"));
        }
    }
    if said {
        Ok(())
    } else {
        Err(format!("says nothing of what to do: {text}"))
    }
}

fn check_bundle_problem(name: &str, p: &scorecard_explorer::Problem) {
    says_what_to_do(&p.detail(), p.expected.as_deref(), p.to_fix()).unwrap_or_else(|e| panic!("{name}: {e}"));
    says_what_to_do(&p.to_string(), p.expected.as_deref(), p.to_fix()).unwrap_or_else(|e| panic!("{name}: {e}"));
}

#[test]
fn every_bad_and_warned_bundle_says_what_to_do() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut seen = 0;
    for sub in ["bad", "warnings"] {
        let mut paths: Vec<_> = std::fs::read_dir(dir.join(sub)).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
            let name = path.display().to_string();
            let bytes = std::fs::read(&path).unwrap();
            let problems = match load_with_warnings(&bytes) {
                Ok((_, warnings)) => warnings,
                Err(problems) => problems,
            };
            assert!(!problems.is_empty(), "{name}: no problem");
            if sub == "bad" {
                assert!(scorecard_explorer::load(&bytes).is_err(), "{name}");
            }
            for p in &problems {
                check_bundle_problem(&name, p);
                seen += 1;
            }
        }
    }
    assert!(seen >= 15, "{seen}");
}

/// A workbook's files by name.
type Files = Vec<(String, Vec<u8>)>;

fn folder() -> Files {
    [
        ("board.csv", "field,value\nname,Riverside Health and Wellbeing Board\narea,Riverside\n"),
        ("periods.csv", "id,label,end\n2023-03,March 2023,2023-03-31\n"),
        ("workstreams.csv", "id,label,title\nws1,Living,Live well\n"),
        ("items.csv", "id,workstream,kind,title\na1,ws1,action,Do a thing\nm1,ws1,metric,A measure\n"),
        ("assessments.csv", "item,period,rag\nm1,2023-03,Not rated\n"),
        ("series.csv", "item,date,value,lower,upper\nm1,2022,10,9,11\nm1,2023-03,12,11,13\n"),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
    .collect()
}

/// The folder with one file's bytes replaced (or added, or with `None`, removed).
fn with(name: &str, bytes: Option<&[u8]>) -> Files {
    let mut files = folder();
    files.retain(|(n, _)| n != name);
    if let Some(bytes) = bytes {
        files.push((name.to_string(), bytes.to_vec()));
    }
    files
}

/// A folder with an item from Fingertips, and the export given (if any).
fn fingertips(export: Option<&[u8]>) -> Files {
    let mut files = with("items.csv", Some(b"id,workstream,kind,title,fingertips_id\nm1,ws1,metric,M,93356\n"));
    files.retain(|(n, _)| n != "series.csv" && n != "assessments.csv" && n != "board.csv");
    files.push(("board.csv".into(), b"field,value\nname,B\narea,R\narea_code,E10000027\n".to_vec()));
    if let Some(export) = export {
        files.push(("campylobacter.csv".into(), export.to_vec()));
    }
    files
}

/// Workbooks with problems of every sort the readers report, each by name.
fn bad_workbooks() -> Vec<(&'static str, Files, Limits)> {
    let t = |s: &'static str| Some(s.as_bytes());
    let many_bad_rows: String =
        std::iter::once("item,date,value\n".to_string()).chain((0..150).map(|i| format!("m1,2023-{i},x\n"))).collect();
    let many: &'static str = Box::leak(many_bad_rows.into_boxed_str());
    let d = Limits::default;
    vec![
        ("a missing column", with("items.csv", t("id,workstream,title\na1,ws1,Do a thing\n")), d()),
        ("a missing sheet", with("workstreams.csv", None), d()),
        ("an unknown column", with("items.csv", t("id,workstream,kind,title,colour\nm1,ws1,metric,M,red\n")), d()),
        ("an unknown sheet", with("notes.csv", t("a,b\n1,2\n")), d()),
        ("a bad number", with("series.csv", t("item,date,value\nm1,2023,twelve\n")), d()),
        ("a day-first date", with("periods.csv", t("id,label,end\n2023-03,March 2023,31/03/2023\n")), d()),
        ("an unknown word", with("items.csv", t("id,workstream,kind,title\nm1,ws1,actoin,M\n")), d()),
        ("an unknown RAG", with("assessments.csv", t("item,period,rag\nm1,2023-03,Amebr\n")), d()),
        ("an unknown workstream", with("items.csv", t("id,workstream,kind,title\nm1,ws9,metric,M\n")), d()),
        ("an unknown period", with("assessments.csv", t("item,period,rag\nm1,2024-01,red\n")), d()),
        ("an unknown item", with("assessments.csv", t("item,period,rag\nzz,2023-03,red\n")), d()),
        ("a blank item", with("assessments.csv", t("item,period,rag\n,2023-03,red\n")), d()),
        ("a duplicate id", with("items.csv", t("id,workstream,kind,title\nm1,ws1,metric,A\nm1,ws1,metric,B\n")), d()),
        ("its own parent", with("items.csv", t("id,workstream,kind,title,parent\nm1,ws1,metric,A,m1\n")), d()),
        ("limits in the wrong order", with("series.csv", t("item,date,value,lower,upper\nm1,2023,10,12,11\n")), d()),
        ("a value outside its limits", with("series.csv", t("item,date,value,lower,upper\nm1,2023,10,11,13\n")), d()),
        ("two values on a date", with("series.csv", t("item,date,value\nm1,2023,1\nm1,2023,2\n")), d()),
        ("a file not UTF-8", with("items.csv", Some(b"id,workstream,kind,title\nm1,ws1,metric,Caf\xe9\n")), d()),
        ("statistical markers", with("series.csv", t("item,date,value\nm1,2022,..\nm1,2023,12\n")), d()),
        ("a board without a name", with("board.csv", t("field,value\narea,Riverside\n")), d()),
        ("a board field twice", with("board.csv", t("field,value\nname,B\nname,C\narea,R\n")), d()),
        ("an unknown board field", with("board.csv", t("field,value\nname,B\narea,R\ncolour,red\n")), d()),
        ("a value with no heading", with("workstreams.csv", t("id,label,title\nws1,Living,Live, well\n")), d()),
        ("a headline twice", with("headlines.csv", t("workstream,period,text\nws1,2023-03,A\nws1,2023-03,B\n")), d()),
        ("a bad boolean", with("board.csv", t("field,value\nname,B\narea,R\nillustrative,maybe\n")), d()),
        ("an item from Fingertips without an export", fingertips(None), d()),
        ("an export that is not one", fingertips(Some(b"Indicator ID\n")), d()),
        (
            "an item from Fingertips without an area code",
            with("items.csv", t("id,workstream,kind,title,fingertips_id\nm1,ws1,metric,M,93356\n"))
                .into_iter()
                .filter(|(n, _)| n != "series.csv")
                .collect(),
            d(),
        ),
        ("too many rows", folder(), Limits { rows: 2, ..Limits::default() }),
        ("more problems than are listed", with("series.csv", t(many)), d()),
        ("not a workbook", vec![("book.xlsx".to_string(), b"hello".to_vec())], d()),
        (
            "an old Excel workbook",
            vec![("book.xls".to_string(), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0".to_vec())],
            d(),
        ),
        ("a damaged workbook", vec![("book.xlsx".to_string(), b"PK\x03\x04not a zip at all".to_vec())], d()),
    ]
}

fn build_files(files: &[(String, Vec<u8>)], limits: &Limits) -> Vec<Problem> {
    let (exports, sheets): (Vec<_>, Vec<_>) = files.iter().partition(|(n, _)| n == "campylobacter.csv");
    let sheets: Vec<File> = sheets.iter().map(|(name, bytes)| File { name, bytes }).collect();
    let exports: Vec<FingertipsFile> = exports.iter().map(|(name, bytes)| FingertipsFile { name, bytes }).collect();
    build(&sheets, &exports, limits).problems
}

#[test]
fn every_workbook_problem_says_what_to_do_on_the_command_line_and_the_page() {
    for (name, files, limits) in bad_workbooks() {
        let problems = build_files(&files, &limits);
        assert!(!problems.is_empty(), "{name}: no problem");
        for p in &problems {
            says_what_to_do(&p.to_string(), p.expected.as_deref(), p.to_fix())
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        // The page's converter: the same problems, each shown by the page's problem list.
        if limits == Limits::default() {
            let inputs: Vec<File> = files.iter().map(|(name, bytes)| File { name, bytes }).collect();
            let answer = convert(&inputs);
            assert!(!answer.problems.is_empty(), "{name}: no problem on the page");
            for listed in &answer.problems {
                let shown = listed.to_problem();
                says_what_to_do(&shown.detail(), listed.expected.as_deref(), listed.fix.clone())
                    .unwrap_or_else(|e| panic!("{name}, on the page: {e}"));
            }
        }
    }
}

/// A problem the page shows keeps its kind's fix, though the page's list holds it as a
/// bundle's problem of another kind.
#[test]
fn the_page_shows_the_fix_the_command_line_shows() {
    let files = with("items.csv", Some(b"id,workstream,kind,title\nm1,ws1,metric,A\nm1,ws1,metric,B\n"));
    let cli = build_files(&files, &Limits::default());
    let inputs: Vec<File> = files.iter().map(|(name, bytes)| File { name, bytes }).collect();
    let page = convert(&inputs);
    assert_eq!(cli.len(), 1, "{cli:?}");
    assert_eq!(page.problems.len(), 1);
    let fix = cli[0].to_fix().expect("a duplicate id says how to fix it");
    assert!(cli[0].to_string().ends_with(&format!("; to fix, {fix}")), "{}", cli[0]);
    assert!(page.problems[0].to_problem().detail().ends_with(&format!("; to fix, {fix}")));
}

/// A value of the wrong JSON type, or a field given twice, is told in words, not serde's.
#[test]
fn json_type_errors_are_told_in_words() {
    let good =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad/unknown-rag.json")).unwrap();
    let cases = [
        ("\"version\": 1", "\"version\": \"1\"", "a value of the wrong type; found the text \"1\"; expected a number"),
        ("\"version\": 1", "\"version\": 1, \"version\": 1", "the field \"version\" is given twice; to fix, keep one"),
        ("\"periods\": [", "\"periods\": true, \"x\": [", "a value of the wrong type; found true; expected a list"),
    ];
    for (from, to, told) in cases {
        assert!(good.contains(from), "{from}");
        let problems = scorecard_explorer::load(good.replacen(from, to, 1).as_bytes()).unwrap_err();
        let details: Vec<String> = problems.iter().map(|p| p.detail()).collect();
        assert!(details.iter().any(|d| d.starts_with(told)), "{to}: {details:?}");
        for p in &problems {
            check_bundle_problem(to, p);
        }
    }
}
