//! The `.xlsx` front door, read with calamine. An `.xlsx` is a zip of XML: before
//! calamine inflates anything, the sizes the zip's directory declares are added up
//! against [`Limits::expanded_bytes`], and each part is then inflated once into a
//! counter that stops at its declared size, so a zip bomb (or a zip that lies about its
//! sizes) is refused instead of exhausting memory. Cells are read one at a time, never
//! as calamine's dense range (a lone cell at `XFD1048576` would ask for billions).
//! Formulas are read as the values Excel saved with them; nothing is evaluated.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx, XlsxError};

use super::problem::{Counted, Place, Problem, ProblemKind};
use super::shared_formulas::{self, Breach, Broken};
use super::table::{Cell, Origin, Row, Table, Value};
use super::Limits;

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// What to do about a workbook that cannot be read as saved.
const SAVE_AGAIN: &str = "open the workbook in Excel and save it again as an Excel Workbook (.xlsx)";

const SAVE_AS: &str = "an Excel Workbook (.xlsx): in Excel, \"Save As\" the type \"Excel Workbook (*.xlsx)\"";

/// Reads every sheet of an `.xlsx` file into a table. A file that cannot be read at all
/// gives no tables and one problem saying why and what to do.
pub fn tables_from_xlsx(name: &str, bytes: &[u8], limits: &Limits) -> (Vec<Table>, Vec<Problem>) {
    if let Err(p) = check_container(name, bytes, limits) {
        return (Vec::new(), vec![p]);
    }
    let whole =
        |message: String| Problem::error(ProblemKind::Unreadable, None, format!("{name}: {message}")).fix(SAVE_AGAIN);
    let mut workbook = match Xlsx::new(Cursor::new(bytes)) {
        Ok(w) => w,
        Err(XlsxError::Password) => return (Vec::new(), vec![encrypted(name)]),
        Err(e) => return (Vec::new(), vec![whole(format!("the workbook is damaged and cannot be read ({e})"))]),
    };
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    let mut cells_read = 0usize;
    for sheet in workbook.sheet_names() {
        match read_sheet(&mut workbook, &sheet, limits, &mut cells_read) {
            Ok(table) => tables.push(table),
            Err(p) => {
                let stop = matches!(p.kind, ProblemKind::TooMany { what: Counted::Cells, .. });
                problems.push(p);
                if stop {
                    break;
                }
            }
        }
    }
    (tables, problems)
}

fn encrypted(name: &str) -> Problem {
    Problem::error(ProblemKind::Unreadable, None, format!("{name}: the workbook is protected with a password, so it cannot be read"))
        .expected("a workbook without a password: in Excel, File > Info > Protect Workbook > Encrypt with Password, clear it and save")
}

/// Tells an `.xlsx` from other files and checks its expanded size, before calamine
/// inflates anything.
#[allow(clippy::result_large_err)] // at most one per file: its size does not matter
fn check_container(name: &str, bytes: &[u8], limits: &Limits) -> Result<(), Problem> {
    let whole = |message: &str| Problem::error(ProblemKind::Unreadable, None, format!("{name}: {message}"));
    let damaged = |e: &dyn std::fmt::Display| whole(&format!("the workbook is damaged ({e})")).fix(SAVE_AGAIN);
    let lower = name.to_ascii_lowercase();
    if bytes.starts_with(CFB_MAGIC) {
        // An encrypted .xlsx is an OLE compound file holding an `EncryptedPackage` stream;
        // an old `.xls` is one holding a `Workbook` stream.
        let marker: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        if bytes.windows(marker.len()).any(|w| w == marker.as_slice()) {
            return Err(encrypted(name));
        }
        return Err(whole("this is an old Excel workbook (.xls), which is not read").expected(SAVE_AS));
    }
    if !bytes.starts_with(b"PK") {
        let what = if lower.ends_with(".xls") {
            "this is not an .xlsx workbook (an .xls file that is really another format?)"
        } else {
            "this is not an .xlsx workbook, or it is damaged"
        };
        return Err(whole(what).expected(SAVE_AS));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(&e))?;
    let names: HashSet<String> = zip.file_names().map(str::to_string).collect();
    if names.contains("mimetype") || lower.ends_with(".ods") {
        let mut kind = String::new();
        if let Ok(mut f) = zip.by_name("mimetype") {
            let _ = (&mut f).take(200).read_to_string(&mut kind);
        }
        if kind.contains("opendocument") || lower.ends_with(".ods") {
            return Err(whole("this is an OpenDocument spreadsheet (.ods), which is not read").expected(
                "an Excel Workbook (.xlsx): in LibreOffice, \"Save As\" the type \"Excel 2007-365 (.xlsx)\"",
            ));
        }
    }
    if !names.contains("xl/workbook.xml") {
        return Err(whole("this zip file is not an .xlsx workbook (it has no xl/workbook.xml)").expected(SAVE_AS));
    }
    let too_big = |size: u64| {
        Problem::error(
            ProblemKind::TooMany { what: Counted::Bytes, limit: limits.expanded_bytes },
            None,
            format!("{name}: the workbook expands to more than this builder accepts"),
        )
        .found(format!("{size} bytes expanded"))
        .expected(format!("at most {} bytes", limits.expanded_bytes))
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
        // Told by the entry's flag, not by the wording of the error inflating it gives.
        if part.encrypted() {
            return Err(encrypted(name));
        }
        declared = declared.saturating_add(part.size());
    }
    if declared > limits.expanded_bytes {
        return Err(too_big(declared));
    }
    let sheets = sheet_parts(&mut zip);
    // The declared sizes may lie: inflate each part into a counter that stops one byte
    // past its declared size, so no more than the limit is ever produced. On the way,
    // its shared formulas are checked, before calamine builds its tables of them.
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| damaged(&e))?;
        let size = part.size();
        let name = part.name().to_string();
        let mut limited = (&mut part).take(size + 1);
        let mut buffered = std::io::BufReader::new(&mut limited);
        let checked = shared_formulas::check(&mut buffered, limits.cells as u64);
        std::io::copy(&mut buffered, &mut std::io::sink()).map_err(|e| damaged(&e))?;
        drop(buffered);
        let inflated = size + 1 - limited.limit();
        if inflated > size {
            return Err(whole("a part of the workbook expands to more than its zip directory says")
                .found(crate::bundle::problem::quoted(&name))
                .expected("an .xlsx file as Excel writes it"));
        }
        if let Err(breach) = checked {
            let sheet = sheets.get(&normalised(&name)).cloned().unwrap_or(name);
            return Err(refused_formulas(&sheet, breach));
        }
    }
    Ok(())
}

/// The sheet each worksheet part holds, by the part's name as calamine finds it (lower
/// case, `/` between folders), so that a refusal names the sheet; read from
/// `xl/_rels/workbook.xml.rels` and `xl/workbook.xml`. A part not found here is named by
/// its own name.
fn sheet_parts(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> HashMap<String, String> {
    let mut targets: HashMap<Vec<u8>, String> = HashMap::new();
    each_element(zip, "xl/_rels/workbook.xml.rels", |name, attribute| {
        if name == b"Relationship" {
            if let (Some(id), Some(target)) = (attribute(b"Id"), attribute(b"Target")) {
                targets.insert(id.into_bytes(), target);
            }
        }
    });
    let mut sheets = HashMap::new();
    each_element(zip, "xl/workbook.xml", |name, attribute| {
        if name == b"sheet" {
            let target = attribute(b"id").and_then(|id| targets.get(id.as_bytes()));
            if let (Some(sheet), Some(target)) = (attribute(b"name"), target) {
                // As calamine reads a target: relative to `xl/` unless it starts there.
                let path = match target.strip_prefix('/') {
                    Some(rooted) if rooted.starts_with("xl/") => rooted.to_string(),
                    _ if target.starts_with("xl/") => target.clone(),
                    _ => format!("xl/{target}"),
                };
                sheets.insert(normalised(&path), sheet);
            }
        }
    });
    sheets
}

/// Calls `each` with the local name of every element of a small part and a way to get
/// one of its attributes (by local name, unescaped).
fn each_element(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    part: &str,
    mut each: impl FnMut(&[u8], &dyn Fn(&[u8]) -> Option<String>),
) {
    let Some(index) = zip.index_for_name(part) else { return };
    let Ok(file) = zip.by_index(index) else { return };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(file));
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                let decoder = xml.decoder();
                let attribute = |key: &[u8]| {
                    let found = e.attributes().flatten().find(|a| a.key.local_name().as_ref() == key)?;
                    found.decode_and_unescape_value(decoder).ok().map(|v| v.into_owned())
                };
                each(e.local_name().as_ref(), &attribute);
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return,
            Ok(_) => {}
        }
    }
}

/// A part's name as calamine looks it up.
fn normalised(name: &str) -> String {
    name.replace('\\', "/").to_ascii_lowercase()
}

/// A sheet refused for shared formulas that would cost more than the cells it may hold.
fn refused_formulas(sheet: &str, breach: Breach) -> Problem {
    let place = Some(match breach.cell {
        Some((row, col)) => Place::cell(sheet, Origin::Xlsx, row, col),
        None => Place::sheet(sheet, Origin::Xlsx),
    });
    match breach.what {
        Broken::Index { si, defined } => {
            Problem::error(ProblemKind::Unreadable, place, "a shared formula's index is out of bounds")
                .found(format!("si=\"{}\"", si.escape_debug()))
                .expected(format!("an index below {defined}, the number of shared formulas the sheet defines"))
                .fix(SAVE_AGAIN)
        }
        Broken::Range { range } => {
            Problem::error(ProblemKind::Unreadable, place, "a shared formula's range is not a range of the sheet")
                .found(format!("ref=\"{}\"", range.escape_debug()))
                .expected("a range inside A1:XFD1048576")
                .fix(SAVE_AGAIN)
        }
        Broken::Covered { range, limit } => Problem::error(
            ProblemKind::TooMany { what: Counted::Cells, limit },
            place,
            "shared formulas that cover too many cells",
        )
        .found(format!("ref=\"{}\"", range.escape_debug()))
        .expected(format!(
            "shared formulas that cover at most {limit} cells in a sheet, as many as a workbook may hold"
        )),
    }
}

#[allow(clippy::result_large_err)] // at most one per sheet
fn read_sheet(
    workbook: &mut Xlsx<Cursor<&[u8]>>,
    sheet: &str,
    limits: &Limits,
    cells_read: &mut usize,
) -> Result<Table, Problem> {
    let damaged = |e: XlsxError| {
        Problem::error(
            ProblemKind::Unreadable,
            Some(Place::sheet(sheet, Origin::Xlsx)),
            format!("the sheet is damaged and cannot be read ({e})"),
        )
        .fix(SAVE_AGAIN)
    };
    let mut cells: Vec<(u32, u32, Value)> = Vec::new();
    let mut filled: HashSet<(u32, u32)> = HashSet::new();
    {
        let mut reader = workbook.worksheet_cells_reader(sheet).map_err(damaged)?;
        while let Some(cell) = reader.next_cell().map_err(damaged)? {
            let (row, col) = cell.get_position();
            let Some(value) = value(cell.get_value()) else { continue };
            if row >= limits.rows {
                return Err(Problem::error(
                    ProblemKind::TooMany { what: Counted::Rows, limit: limits.rows.into() },
                    Some(Place::row(sheet, Origin::Xlsx, row.saturating_add(1))),
                    "too many rows",
                )
                .expected(format!("at most {} rows in a sheet", limits.rows)));
            }
            count_cell(cells_read, limits, sheet, row, col)?;
            filled.insert((row, col));
            cells.push((row + 1, col + 1, value));
        }
    }
    // A formula with no saved result reads as an empty cell; find those, to name them.
    // Each is a cell kept, so it counts against the limit as a value does.
    let mut reader = workbook.worksheet_cells_reader(sheet).map_err(damaged)?;
    while let Some(cell) = reader.next_formula().map_err(damaged)? {
        let (row, col) = cell.get_position();
        if !cell.get_value().is_empty() && !filled.contains(&(row, col)) && row < limits.rows {
            count_cell(cells_read, limits, sheet, row, col)?;
            cells.push((row + 1, col + 1, Value::Uncalculated(cell.get_value().clone())));
        }
    }
    cells.sort_by_key(|c| (c.0, c.1));
    let mut rows: Vec<Row> = Vec::new();
    for (row, col, value) in cells {
        match rows.last_mut() {
            Some(last) if last.number == row => last.cells.push(Cell { col, value }),
            _ => rows.push(Row { number: row, cells: vec![Cell { col, value }] }),
        }
    }
    rows.retain(|r| r.cells.iter().any(|c| !c.value.is_blank()));
    Ok(Table { name: sheet.to_string(), origin: Origin::Xlsx, rows })
}

/// Counts one more cell kept (0-based `row` and `col`), refusing the one past the limit.
#[allow(clippy::result_large_err)] // at most one per workbook
fn count_cell(cells_read: &mut usize, limits: &Limits, sheet: &str, row: u32, col: u32) -> Result<(), Problem> {
    *cells_read += 1;
    if *cells_read <= limits.cells {
        return Ok(());
    }
    Err(Problem::error(
        ProblemKind::TooMany { what: Counted::Cells, limit: limits.cells as u64 },
        Some(Place::cell(sheet, Origin::Xlsx, row + 1, col + 1)),
        "too many cells in the workbook",
    )
    .expected(format!("at most {} non-empty cells, formulas without a saved value included", limits.cells)))
}

/// A cell's value, or `None` for an empty one.
fn value(data: &DataRef<'_>) -> Option<Value> {
    Some(match data {
        DataRef::Empty => return None,
        DataRef::String(s) if s.is_empty() => return None,
        DataRef::SharedString("") => return None,
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::String(s) => Value::Text(s.clone()),
        DataRef::SharedString(s) => Value::Text(s.to_string()),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(d) if d.is_datetime() => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            Value::Date(format!("{y:04}-{m:02}-{day:02}"))
        }
        DataRef::DateTime(d) => Value::Number(d.as_f64()),
        DataRef::DateTimeIso(s) if s.len() >= 10 => Value::Date(s[..10].to_string()),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Value::Text(s.clone()),
        DataRef::Error(e) => Value::Error(e.to_string()),
    })
}
