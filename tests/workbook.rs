//! The workbook reader: a small scorecard as a folder of CSV files and as an `.xlsx`,
//! and each defect of the format named at its exact place.

use scorecard_explorer::bundle::{Rag, VERSION};
use scorecard_explorer::workbook::{build, Built, File, FingertipsFile, Limits, Severity};

#[path = "support/problem_lines.rs"]
mod problem_lines;
use problem_lines::{lines, only_error};

/// A valid scorecard, one CSV file per sheet.
fn folder() -> Vec<(String, String)> {
    [
        ("board.csv", "field,value\nname,Riverside Health and Wellbeing Board\narea,Riverside\n"),
        ("periods.csv", "id,label,end\n2023-03,March 2023,2023-03-31\n"),
        ("workstreams.csv", "id,label,title\nws1,Living,Live well\n"),
        (
            "items.csv",
            "id,workstream,kind,title,parent,unit\na1,ws1,action,Do a thing,,\nm1,ws1,Metric,A measure,a1,%\n",
        ),
        ("assessments.csv", "item,period,rag\nm1,2023-03,Not rated\n"),
        ("series.csv", "item,date,value,lower,upper\nm1,2022,10,9,11\nm1,2023-03,12,11,13\n"),
    ]
    .into_iter()
    .map(|(n, t)| (n.to_string(), t.to_string()))
    .collect()
}

/// The folder with one file's text replaced (or added).
fn with(name: &str, text: &str) -> Vec<(String, String)> {
    let mut files = folder();
    files.retain(|(n, _)| n != name);
    files.push((name.to_string(), text.to_string()));
    files
}

fn build_csv(files: &[(String, String)]) -> Built {
    let files: Vec<File> = files.iter().map(|(name, text)| File { name, bytes: text.as_bytes() }).collect();
    build(&files, &[], &Limits::default())
}

#[test]
fn a_valid_folder_builds_with_typed_words_read_as_bundle_words() {
    let built = build_csv(&folder());
    assert!(built.problems.is_empty(), "{:#?}", lines(&built));
    let b = &built.bundle;
    assert_eq!(b.version, VERSION);
    assert_eq!(b.items[1].assessments[0].rag, Some(Rag::NotRated));
    assert_eq!(b.items[1].series[1].upper, Some(13.0));
    assert_eq!(b.items[1].parent.as_deref(), Some("a1"));
    assert!(scorecard_explorer::bundle::validate::validate(b).is_empty());
}

#[test]
fn a_missing_required_column_names_the_sheet_and_the_column() {
    let built = build_csv(&with("items.csv", "id,workstream,title\na1,ws1,Do a thing\n"));
    assert_eq!(
        only_error(&built),
        "items.csv:1: column kind: a required column is missing from the header row; to fix, add a column headed kind in \
         row 1 (the template has one)"
    );
}

#[test]
fn a_missing_required_sheet_is_an_error() {
    let mut files = folder();
    files.retain(|(n, _)| n != "workstreams.csv");
    assert_eq!(
        only_error(&build_csv(&files)),
        "a required sheet is missing: workstreams.csv; to fix, add the file workstreams.csv, saved from the \
         template's Workstreams sheet"
    );
}

#[test]
fn an_unknown_column_is_a_warning_that_names_it() {
    let built = build_csv(&with("workstreams.csv", "id,label,title,colour\nws1,Living,Live well,green\n"));
    assert_eq!(built.errors(), 0);
    let line = &lines(&built)[0];
    assert!(line.starts_with("workstreams.csv:1:4: warning: unknown column, ignored; found \"colour\""), "{line}");
}

#[test]
fn a_value_beyond_the_headed_columns_is_a_warning_at_its_cell() {
    // An unquoted comma puts the rest of the vision in a third column, which has no heading.
    let board =
        "field,value\nname,Riverside Health and Wellbeing Board\narea,Riverside\nvision,Healthy lives, for all\n";
    let built = build_csv(&with("board.csv", board));
    assert_eq!(built.errors(), 0);
    let line = &lines(&built)[0];
    assert!(line.starts_with("board.csv:4:3: warning: a value in a column with no heading, ignored"), "{line}");
    assert!(line.contains("double quotes"), "{line}");
}

#[test]
fn an_unknown_sheet_is_a_warning() {
    let built = build_csv(&with("notes.csv", "anything\nat all\n"));
    assert_eq!(built.errors(), 0);
    assert!(lines(&built)[0].starts_with("notes.csv: warning: unknown sheet, ignored"), "{:?}", lines(&built));
}

#[test]
fn bad_numbers_are_named_at_their_cell() {
    for (text, says) in [("\"12,4\"", "never guesses a locale"), ("12%", "without %"), ("twelve", "not a number")] {
        let built = build_csv(&with("series.csv", &format!("item,date,value\nm1,2023,{text}\n")));
        let line = only_error(&built);
        assert!(line.starts_with("series.csv:2:3: column value: not a number"), "{line}");
        assert!(line.contains(says) && line.contains("decimal point"), "{line}");
    }
}

#[test]
fn a_bad_date_is_named_at_its_cell() {
    let built = build_csv(&with("periods.csv", "id,label,end\n2023-03,March 2023,31/03/2023\n"));
    let line = only_error(&built);
    assert!(line.starts_with("periods.csv:2:3: column end: not a date"), "{line}");
    assert!(line.contains("found \"31/03/2023\"") && line.contains("YYYY-MM-DD"), "{line}");
}

#[test]
fn an_unknown_word_lists_the_accepted_ones() {
    let built = build_csv(&with("assessments.csv", "item,period,rag\nm1,2023-03,Purple\n"));
    assert_eq!(
        only_error(&built),
        "assessments.csv:2:3: column rag: unknown RAG rating; found \"Purple\"; expected \"red\", \"amber\", \
         \"green\", \"complete\", \"not_rated\" (any case; spaces for underscores, as in \"Not rated\")"
    );
}

#[test]
fn references_to_missing_things_are_named_at_the_referring_cell() {
    let items = "id,workstream,kind,title,parent\na1,ws9,action,Do a thing,\nm1,ws1,metric,A measure,nope\n";
    let built = build_csv(&with("items.csv", items));
    let all = lines(&built);
    assert!(
        all.iter().any(|l| l.starts_with("items.csv:2:2: column workstream: no workstream has this id")),
        "{all:#?}"
    );
    assert!(
        all.iter().any(|l| l.starts_with("items.csv:3:5: column parent: parent does not name an item")),
        "{all:#?}"
    );

    let built = build_csv(&with("assessments.csv", "item,period\nzz,2023-03\nm1,2024-01\n"));
    let all = lines(&built);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert!(all[0].starts_with("assessments.csv:2:1: column item: no item has this id; found \"zz\""), "{all:#?}");
    assert!(all[1].starts_with("assessments.csv:3:2: column period: no period has this id; found \"2024-01\""));
}

#[test]
fn a_duplicate_id_is_named_at_its_second_row() {
    let items = "id,workstream,kind,title\nm1,ws1,metric,A measure\na1,ws1,action,Do\nm1,ws1,metric,Again\n";
    let built = build_csv(&with("items.csv", items));
    assert_eq!(
        only_error(&built),
        "items.csv:4:1: column id: duplicate item id; found \"m1\"; to fix, give each item its own id"
    );
}

#[test]
fn a_lower_limit_above_the_value_is_named_at_the_lower_cell() {
    // A warning, not an error: published figures are sometimes a rounding step outside
    // their limits, and the point is kept as published.
    let built = build_csv(&with("series.csv", "item,date,value,lower,upper\nm1,2023,12,13,14\n"));
    let all = lines(&built);
    assert!(built.problems.iter().all(|p| !p.is_error()), "{all:#?}");
    assert!(
        all.iter()
            .any(|l| l
                .starts_with("series.csv:2:4: warning: column lower: the lower confidence limit is above the value")),
        "{all:#?}"
    );
    let kept = &built.bundle.items.iter().find(|i| i.id == "m1").unwrap().series[0];
    assert_eq!((kept.value, kept.lower), (Some(12.0), Some(13.0)));
}

#[test]
fn two_points_on_one_date_are_named_at_the_second() {
    let built = build_csv(&with("series.csv", "item,date,value\nm1,2023,12\nm1,2023,13\n"));
    assert!(only_error(&built).starts_with("series.csv:3:2: column date: a second value for the date"));
}

#[test]
fn a_file_that_is_not_utf8_says_to_save_as_csv_utf8() {
    let mut files: Vec<(String, Vec<u8>)> = folder().into_iter().map(|(n, t)| (n, t.into_bytes())).collect();
    files.retain(|(n, _)| n != "workstreams.csv");
    files.push(("workstreams.csv".into(), b"id,label,title\nws1,Living,Caf\xE9 society\n".to_vec()));
    let inputs: Vec<File> = files.iter().map(|(name, bytes)| File { name, bytes }).collect();
    let built = build(&inputs, &[], &Limits::default());
    let first = built.problems[0].to_string();
    assert!(first.starts_with("workstreams.csv:2: the file is not UTF-8 text"), "{first}");
    assert!(first.contains("CSV UTF-8"), "{first}");
}

#[test]
fn statistical_markers_are_no_value_with_one_warning() {
    let built = build_csv(&with("series.csv", "item,date,value\nm1,2021,[c]\nm1,2022,x\nm1,2023,12\n"));
    assert_eq!(built.errors(), 0, "{:#?}", lines(&built));
    assert_eq!(built.problems.len(), 1);
    assert_eq!(built.problems[0].severity, Severity::Warning);
    assert!(lines(&built)[0].starts_with("series.csv:2:3: warning: 2 cell(s) held a statistical marker"));
    assert_eq!(built.bundle.items[1].series.iter().map(|p| p.value).collect::<Vec<_>>(), [None, None, Some(12.0)]);
}

#[test]
fn an_item_from_fingertips_needs_an_export() {
    let items = "id,workstream,kind,title,fingertips_id\nm1,ws1,metric,Campylobacter,93356\n";
    let files = with("items.csv", items);
    let mut files: Vec<(String, String)> = files.into_iter().filter(|(n, _)| n != "series.csv").collect();
    files.retain(|(n, _)| n != "assessments.csv");
    files.retain(|(n, _)| n != "board.csv");
    files.push(("board.csv".into(), "field,value\nname,B\narea,Somerset\narea_code,E10000027\n".into()));
    let built = build_csv(&files);
    assert_eq!(
        only_error(&built),
        "items.csv:2:5: column fingertips_id: no Fingertips export among the files for this indicator; found \
         indicator 93356 for item \"m1\"; to fix, add the indicator's export to the files you convert: on \
         Fingertips (fingertips.phe.org.uk), open indicator 93356 and download its data as CSV"
    );
    // An export that is not one is named as such; the item is never silently empty.
    let inputs: Vec<File> = files.iter().map(|(name, text)| File { name, bytes: text.as_bytes() }).collect();
    let export = FingertipsFile { name: "campylobacter.csv", bytes: b"Indicator ID\n" };
    let built = build(&inputs, &[export], &Limits::default());
    assert!(
        only_error(&built).starts_with("campylobacter.csv:1: not read as a Fingertips export"),
        "{}",
        only_error(&built)
    );
}

#[test]
fn an_item_from_fingertips_cannot_also_have_series_rows() {
    let items = "id,workstream,kind,title,fingertips_id\nm1,ws1,metric,A measure,93356\n";
    let built = build_csv(&with("items.csv", items));
    let all = lines(&built);
    assert!(
        all.iter().any(|l| l.starts_with("series.csv:2:1: column item: this item takes its series from Fingertips")),
        "{all:#?}"
    );
}

#[test]
fn fingertips_verdicts_kept_in_items_reach_the_bundle() {
    let items = "id,workstream,kind,title,fingertips_indicator,fingertips_recent_trend\n\
                 m1,ws1,metric,A measure,93356,Decreasing and getting better\n";
    let built = build_csv(&with("items.csv", items));
    assert_eq!(built.errors(), 0, "{:#?}", lines(&built));
    let kept = built.bundle.items[0].fingertips.clone().expect("verdicts kept");
    assert_eq!(kept.indicator_id, Some(93356));
    assert_eq!(kept.recent_trend.as_deref(), Some("Decreasing and getting better"));
}

mod xlsx {
    //! The same reader through the `.xlsx` front door.

    use std::io::{Cursor, Read, Write};

    use rust_xlsxwriter::Workbook;
    use scorecard_explorer::workbook::{build, tables_from_xlsx, Built, File, Limits};

    use super::{folder, lines, only_error};

    /// The CSV folder written as an `.xlsx`, every cell as text or number as it reads;
    /// `edit` may change the workbook before it is saved.
    fn workbook(edit: impl FnOnce(&mut Workbook)) -> Vec<u8> {
        let mut book = Workbook::new();
        for (name, text) in folder() {
            let ws = book.add_worksheet();
            let sheet = name.trim_end_matches(".csv");
            ws.set_name(format!("{}{}", sheet[..1].to_uppercase(), &sheet[1..])).unwrap();
            for (r, line) in text.lines().enumerate() {
                for (c, cell) in line.split(',').enumerate() {
                    match cell.parse::<f64>() {
                        Ok(n) if r > 0 => ws.write_number(r as u32, c as u16, n).unwrap(),
                        _ => ws.write_string(r as u32, c as u16, cell).unwrap(),
                    };
                }
            }
        }
        edit(&mut book);
        book.save_to_buffer().unwrap()
    }

    fn read(bytes: &[u8]) -> Built {
        build(&[File { name: "board.xlsx", bytes }], &[], &Limits::default())
    }

    /// Rewrites one part of a zip.
    fn rezip(bytes: &[u8], part: &str, change: impl Fn(String) -> String) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut text = Vec::new();
            f.read_to_end(&mut text).unwrap();
            let name = f.name().to_string();
            if name == part {
                text = change(String::from_utf8(text).unwrap()).into_bytes();
            }
            out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(&text).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_valid_workbook_builds() {
        let built = read(&workbook(|_| {}));
        assert!(built.problems.is_empty(), "{:#?}", lines(&built));
        assert_eq!(built.bundle.items.len(), 2);
        assert_eq!(built.bundle.items[1].series[0].date, "2022", "a year typed as a number is a year");
    }

    #[test]
    fn places_are_in_a1_style() {
        let bytes = workbook(|book| {
            let ws = book.worksheet_from_name("Items").unwrap();
            ws.write_string(2, 2, "measure-ish").unwrap();
        });
        let line = only_error(&read(&bytes));
        assert!(line.starts_with("Items!C3: column kind: unknown kind; found \"measure-ish\""), "{line}");
    }

    #[test]
    fn a_formula_is_read_as_its_saved_value_and_one_without_is_named() {
        let bytes = workbook(|book| {
            let ws = book.worksheet_from_name("Series").unwrap();
            ws.write_formula(1, 2, "=5*2").unwrap().set_formula_result(1, 2, "10");
            ws.write_formula(2, 2, "=6*2").unwrap().set_formula_result(2, 2, "");
        });
        let built = read(&bytes);
        let line = only_error(&built);
        assert!(line.starts_with("Series!C3: column value: a formula without a saved value"), "{line}");
        assert!(line.contains("=6*2"), "{line}");
        assert_eq!(built.bundle.items[1].series[0].value, Some(10.0));
    }

    #[test]
    fn an_old_excel_file_says_what_to_save_it_as() {
        let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        xls.extend(std::iter::repeat_n(0u8, 600));
        let built = build(&[File { name: "board.xls", bytes: &xls }], &[], &Limits::default());
        let line = only_error(&built);
        assert!(line.starts_with("board.xls: this is an old Excel workbook (.xls)"), "{line}");
        assert!(line.contains("Excel Workbook (*.xlsx)"), "{line}");
    }

    #[test]
    fn an_ods_file_says_what_to_save_it_as() {
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        out.start_file("mimetype", zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        out.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(b"<office:document-content/>").unwrap();
        let ods = out.finish().unwrap().into_inner();
        let line = only_error(&build(&[File { name: "board.ods", bytes: &ods }], &[], &Limits::default()));
        assert!(line.starts_with("board.ods: this is an OpenDocument spreadsheet (.ods)"), "{line}");
        assert!(line.contains("Excel 2007-365 (.xlsx)"), "{line}");
    }

    #[test]
    fn an_encrypted_workbook_is_named_as_such() {
        // An encrypted .xlsx is an OLE compound file with an `EncryptedPackage` stream.
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        cfb.extend(std::iter::repeat_n(0u8, 504));
        cfb.extend("EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let line = only_error(&read(&cfb));
        assert!(line.starts_with("board.xlsx: the workbook is protected with a password"), "{line}");
    }

    #[test]
    fn a_corrupt_workbook_is_named_as_such() {
        let good = workbook(|_| {});
        for bad in [&good[..good.len() / 2], b"PK\x03\x04 not really a zip".as_slice(), b"id,title\n".as_slice()] {
            let line = only_error(&read(bad));
            assert!(line.starts_with("board.xlsx: "), "{line}");
            assert!(line.contains("damaged") || line.contains("not an .xlsx"), "{line}");
        }
    }

    #[test]
    fn a_workbook_that_expands_past_the_limit_is_refused_before_it_is_read() {
        let bytes = workbook(|_| {});
        let limits = Limits { expanded_bytes: 5_000, ..Limits::default() };
        let built = build(&[File { name: "board.xlsx", bytes: &bytes }], &[], &limits);
        let line = only_error(&built);
        assert!(line.starts_with("board.xlsx: the workbook expands to more than this builder accepts"), "{line}");
    }

    #[test]
    fn a_zip_that_understates_its_sizes_is_refused() {
        // A zip bomb declares small sizes; the part is inflated only to one byte past what
        // it declares. Here the central directory's size of the shared strings is cut down.
        let bytes = rezip(&workbook(|_| {}), "xl/sharedStrings.xml", |t| t + &" ".repeat(100_000));
        let mut lying = bytes.clone();
        let name = b"xl/sharedStrings.xml";
        let at = (0..lying.len() - 46)
            .find(|&i| lying[i..].starts_with(b"PK\x01\x02") && lying[i + 46..].starts_with(name))
            .expect("central directory entry");
        lying[at + 24..at + 28].copy_from_slice(&100u32.to_le_bytes());
        let line = only_error(&read(&lying));
        assert!(
            line.starts_with("board.xlsx: a part of the workbook expands to more than its zip directory says"),
            "{line}"
        );
    }

    #[test]
    fn rows_past_the_limit_are_refused() {
        let bytes = workbook(|_| {});
        let limits = Limits { rows: 2, ..Limits::default() };
        let built = build(&[File { name: "board.xlsx", bytes: &bytes }], &[], &limits);
        assert!(lines(&built).iter().any(|l| l.starts_with("Board!3:3: too many rows")), "{:#?}", lines(&built));
    }

    /// Excel's largest sheet, every one of its 1,048,576 rows filled: refused under the
    /// builder's own limits, naming the limit (the browser converts in a worker, so the
    /// tab never freezes meanwhile). Writing the 5 million cells takes a minute or more:
    /// `cargo test --test workbook -- --ignored`.
    #[test]
    #[ignore = "writes a workbook of 5 million cells"]
    fn a_sheet_of_a_million_full_rows_is_refused_naming_the_limit() {
        let bytes = workbook(|book| {
            let ws = book.worksheet_from_name("Series").unwrap();
            for row in 1..1_048_576u32 {
                for col in 0..5u16 {
                    ws.write_number(row, col, (row + col as u32) as f64).unwrap();
                }
            }
        });
        let line = only_error(&read(&bytes));
        assert!(line.contains("too many cells in the workbook"), "{line}");
        assert!(line.contains(&format!("at most {} non-empty cells", Limits::default().cells)), "{line}");
    }

    /// A zip bomb under the default limits: a part that declares (and would inflate to)
    /// 300 MiB from a file of a few hundred kilobytes is refused before it is inflated.
    #[test]
    fn a_zip_bomb_is_refused_under_the_default_limits() {
        let bomb = rezip(&workbook(|_| {}), "xl/sharedStrings.xml", |t| t + &" ".repeat(300 << 20));
        assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
        let line = only_error(&read(&bomb));
        assert!(line.starts_with("board.xlsx: the workbook expands to more than this builder accepts"), "{line}");
        assert!(line.contains(&Limits::default().expanded_bytes.to_string()), "the limit is named: {line}");
    }

    #[test]
    fn a_lone_cell_far_away_costs_nothing() {
        // Read as a dense range, XFD1048576 would ask for 17 billion cells.
        let bytes = workbook(|book| {
            book.worksheet_from_name("Context").ok();
            let ws = book.worksheet_from_name("Series").unwrap();
            ws.write_string(1_048_575, 16_383, "far").unwrap();
        });
        let (tables, problems) = tables_from_xlsx("board.xlsx", &bytes, &Limits::default());
        assert!(problems.is_empty());
        let series = tables.iter().find(|t| t.name == "Series").unwrap();
        assert_eq!(series.rows.last().unwrap().number, 1_048_576);
    }
}

#[test]
fn a_board_without_its_name_says_which_row_is_missing() {
    let built = build_csv(&with("board.csv", "field,value\narea,Riverside\n"));
    assert_eq!(
        only_error(&built),
        "board.csv: the Board sheet has no row for name; to fix, add a row for name to the Board sheet, with its value"
    );
}

#[test]
fn a_context_entry_too_long_is_named_at_its_own_row() {
    let long = "x".repeat(scorecard_explorer::bundle::validate::MAX_LONG_TEXT + 1);
    let context = format!("period,heading,entry\n2023-03,Reports received,Short\n2023-03,Reports received,{long}\n");
    let built = build_csv(&with("context.csv", &context));
    let line = only_error(&built);
    assert!(line.starts_with("context.csv:3:3: column entry: this text is too long"), "{line}");
}

#[test]
fn a_source_field_too_long_is_named_at_its_board_row() {
    let long = "x".repeat(scorecard_explorer::bundle::validate::MAX_SHORT_TEXT + 1);
    let board = format!("field,value\nname,Riverside board\narea,Riverside\npublisher,{long}\n");
    let built = build_csv(&with("board.csv", &board));
    let line = only_error(&built);
    assert!(line.starts_with("board.csv:4:2: column value: this text is too long"), "{line}");
}
