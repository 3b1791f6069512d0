//! What the readers decide by a problem's kind, never by its words: each behaviour that
//! turns on a kind, shown with the kind it turns on.

use std::io::Cursor;

use rust_xlsxwriter::Workbook;
use scorecard_explorer::bundle::date::{DateError, IsoDate};
use scorecard_explorer::workbook::{build, tables_from_xlsx, Counted, File, Limits, Problem, ProblemKind};

fn folder() -> Vec<(&'static str, &'static str)> {
    vec![
        ("board.csv", "field,value\nname,Riverside board\narea,Riverside\n"),
        ("periods.csv", "id,label,end\n2023-03,March 2023,2023-03-31\n"),
        ("workstreams.csv", "id,label,title\nws1,Living,Live well\nws2,Ageing,Age well\n"),
        ("items.csv", "id,workstream,kind,title\nm1,ws2,metric,A measure\n"),
    ]
}

fn build_csv(files: &[(&str, &str)], limits: &Limits) -> Vec<Problem> {
    let files: Vec<File> = files.iter().map(|(name, text)| File { name, bytes: text.as_bytes() }).collect();
    build(&files, &[], limits).problems
}

/// A table cut off at the row limit is reported as that limit, and the bundle's rules
/// are not run on the part read: the board's area and the item's workstream (`ws2`) were
/// in the rows not read, and are not reported as missing.
#[test]
fn a_table_cut_off_at_a_limit_stops_the_build_there() {
    let whole = build_csv(&folder(), &Limits::default());
    assert!(whole.is_empty(), "{whole:?}");
    let cut = build_csv(&folder(), &Limits { rows: 2, ..Limits::default() });
    let places: Vec<String> = cut.iter().map(|p| p.place.as_ref().unwrap().to_string()).collect();
    assert_eq!(places, ["board.csv:3", "workstreams.csv:3"], "{cut:?}");
    assert!(cut.iter().all(|p| p.kind == ProblemKind::TooMany { what: Counted::Rows, limit: 2 }), "{cut:?}");
}

/// Without the limit, the same missing workstream is reported, by the bundle's rule,
/// with the rule's kind, at the cell that names it.
#[test]
fn a_rule_of_the_bundle_keeps_its_kind_at_the_cell() {
    let mut files = folder();
    files[2].1 = "id,label,title\nws1,Living,Live well\n";
    let problems = build_csv(&files, &Limits::default());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::UnknownId);
    assert_eq!(problems[0].place.as_ref().unwrap().to_string(), "items.csv:2:2");
    files[3].1 = "id,workstream,kind,title\nm1,ws1,metric,A measure\nm1,ws1,metric,Another\n";
    let problems = build_csv(&files, &Limits::default());
    assert_eq!(problems.iter().map(|p| p.kind).collect::<Vec<_>>(), [ProblemKind::Duplicate], "{problems:?}");
}

fn workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, text) in folder() {
        let ws = book.add_worksheet();
        let sheet = name.trim_end_matches(".csv");
        ws.set_name(format!("{}{}", sheet[..1].to_uppercase(), &sheet[1..])).unwrap();
        for (r, line) in text.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                ws.write_string(r as u32, c as u16, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The cell limit is for the whole workbook: once past it, no further sheet is read.
#[test]
fn past_the_cell_limit_no_further_sheet_is_read() {
    let bytes = workbook();
    let (tables, problems) = tables_from_xlsx("board.xlsx", &bytes, &Limits { cells: 3, ..Limits::default() });
    assert!(tables.is_empty());
    let kinds: Vec<ProblemKind> = problems.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [ProblemKind::TooMany { what: Counted::Cells, limit: 3 }], "one problem: {problems:?}");
    let (tables, problems) = tables_from_xlsx("board.xlsx", &bytes, &Limits::default());
    assert_eq!((tables.len(), problems.len()), (4, 0));
}

/// Sets the "encrypted" flag of every entry of a zip, in its local and central headers.
fn flag_encrypted(mut zip: Vec<u8>) -> Vec<u8> {
    let u16_at = |b: &[u8], i: usize| u16::from_le_bytes([b[i], b[i + 1]]) as usize;
    let u32_at = |b: &[u8], i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]) as usize;
    let end = zip.windows(4).rposition(|w| w == b"PK\x05\x06").unwrap();
    let (count, mut at) = (u16_at(&zip, end + 10), u32_at(&zip, end + 16));
    for _ in 0..count {
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02");
        zip[at + 8] |= 1;
        let local = u32_at(&zip, at + 42);
        zip[local + 6] |= 1;
        at += 46 + u16_at(&zip, at + 28) + u16_at(&zip, at + 30) + u16_at(&zip, at + 32);
    }
    zip
}

/// An `.xlsx` whose parts are encrypted is told by the zip's own flag, not by the words
/// of the error that inflating one gives.
#[test]
fn an_encrypted_part_is_told_by_its_flag() {
    let bytes = flag_encrypted(workbook());
    assert!(zip::ZipArchive::new(Cursor::new(&bytes)).unwrap().by_index_raw(0).unwrap().encrypted());
    let problems = build(&[File { name: "board.xlsx", bytes: &bytes }], &[], &Limits::default()).problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].kind, ProblemKind::Unreadable);
    assert!(problems[0].message.contains("protected with a password"), "{}", problems[0]);
}

/// A workbook's date cell says what is wrong without the forms twice: the reason is
/// data of the date's error, not cut from its text.
#[test]
fn a_bad_date_gives_its_reason_apart_from_the_forms() {
    let error = IsoDate::parse("2023-3").unwrap_err();
    assert_eq!(error, DateError::Digits { what: "month", digits: 2 });
    assert_eq!(error.reason(), "the month must be 2 digits");
    let mut files = folder();
    files[1].1 = "id,label,end\n2023-03,March 2023,2023-3\n";
    let problems = build_csv(&files, &Limits::default());
    assert_eq!(problems[0].kind, ProblemKind::Invalid);
    assert_eq!(
        problems[0].to_string(),
        "periods.csv:2:3: column end: not a date (the month must be 2 digits); found \"2023-3\"; expected a date cell, or text written year first: YYYY-MM-DD, YYYY-MM or YYYY"
    );
    // A British date has four digits in its year: the message says how to write it.
    files[1].1 = "id,label,end\n2024-03,March 2024,31/03/2024\n";
    let problems = build_csv(&files, &Limits::default());
    assert_eq!(
        problems[0].to_string(),
        "periods.csv:2:3: column end: not a date (written day first; write dates year first, as 2024-03-31); found \"31/03/2024\"; expected a date cell, or text written year first: YYYY-MM-DD, YYYY-MM or YYYY"
    );
}

/// The bundle's own rules give each problem its kind, which a workbook keeps at the cell.
#[test]
fn the_bundle_rules_give_their_kinds() {
    use scorecard_explorer::bundle::validate::{validate, MAX_SHORT_TEXT};
    let bytes = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/good/minimal.json")).unwrap();
    let mut bundle = scorecard_explorer::bundle::load(&bytes).unwrap();
    assert!(validate(&bundle).is_empty());
    bundle.version = 2;
    bundle.items[0].title = "x".repeat(MAX_SHORT_TEXT + 1);
    bundle.items[0].workstream = "nowhere".into();
    let copy = bundle.items[0].clone();
    bundle.items.push(copy);
    let last = format!("items[{}].id", bundle.items.len() - 1);
    let kinds: Vec<(String, ProblemKind)> = validate(&bundle).into_iter().map(|p| (p.path, p.kind)).collect();
    let tall = ProblemKind::TooMany { what: Counted::Characters, limit: MAX_SHORT_TEXT as u64 };
    for expected in [
        ("version".to_string(), ProblemKind::Newer),
        (last, ProblemKind::Duplicate),
        ("items[0].title".to_string(), tall),
        ("items[0].workstream".to_string(), ProblemKind::UnknownId),
    ] {
        assert!(kinds.contains(&expected), "{expected:?} in {kinds:#?}");
    }
}
