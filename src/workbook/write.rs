//! Writing workbooks (native only, for the command line): a bundle exported for editing
//! in Excel, and the empty template with drop-down lists and instructions. Uses
//! `rust_xlsxwriter`, which never reaches the browser's download.

use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Format, Workbook, Worksheet, XlsxError};

use crate::bundle::Bundle;

use super::export::{sheets, Out, SheetOut};
use super::sheets::SHEETS;

/// How many rows of a template's enumerated columns carry the drop-down list.
const LIST_ROWS: u32 = 10_000;

/// The bundle as an `.xlsx` workbook, one sheet per table.
pub fn workbook(bundle: &Bundle) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    for sheet in sheets(bundle) {
        let ws = book.add_worksheet();
        write_sheet(ws, &sheet)?;
    }
    book.save_to_buffer()
}

/// An empty workbook to fill in: an Instructions sheet first, then every sheet with its
/// header row, and drop-down lists of the bundle's words in the enumerated columns.
pub fn template() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let ws = book.add_worksheet();
    ws.set_name("Instructions")?;
    ws.set_column_width(0, 18)?;
    ws.set_column_width(1, 100)?;
    let mut row = 0;
    for line in INSTRUCTIONS {
        ws.write_string_with_format(row, 0, *line, &bold)?;
        row += 1;
    }
    row += 1;
    ws.write_string_with_format(row, 0, "Sheet", &bold)?;
    ws.write_string_with_format(row, 1, "One row is ... (columns marked * are required)", &bold)?;
    row += 1;
    for sheet in SHEETS {
        let columns: Vec<String> =
            sheet.columns.iter().map(|c| format!("{}{}", c.name, if c.required { "*" } else { "" })).collect();
        let required = if sheet.required { " (required sheet)" } else { "" };
        ws.write_string(row, 0, sheet.name)?;
        ws.write_string_with_format(
            row,
            1,
            format!("{}{required}. Columns: {}", sheet.row_is, columns.join(", ")),
            &wrap,
        )?;
        row += 1;
    }
    for sheet in SHEETS {
        let ws = book.add_worksheet();
        let out = SheetOut { sheet, header: sheet.columns.iter().map(|c| c.name).collect(), rows: Vec::new() };
        write_sheet(ws, &out)?;
        for (col, column) in sheet.columns.iter().enumerate() {
            if let Some(words) = column.words {
                // People may type "Red" or "Not rated" too, so the list warns, not stops.
                let list = DataValidation::new()
                    .allow_list_strings(words)?
                    .set_error_style(DataValidationErrorStyle::Warning)
                    .ignore_blank(true);
                ws.add_data_validation(1, col as u16, LIST_ROWS, col as u16, &list)?;
            }
        }
    }
    book.save_to_buffer()
}

const INSTRUCTIONS: &[&str] = &[
    "Scorecard workbook (format version 1)",
    "Fill in one sheet per table below; row 1 of each sheet holds the column names, in any order.",
    "Board, Periods, Workstreams and Items are required; leave the other sheets empty if you do not use them.",
    "Words such as RAG, trend and benchmark may be typed as in the lists (red) or as people write them (Red, Not rated).",
    "Numbers: a number cell, or text with a . decimal point (not 12,4 or 12%). Dates: a date cell, or YYYY-MM-DD.",
    "No value: leave the cell empty, or use a statistical marker (x, [c], .., -).",
    "Check it: scorecard-explorer check WORKBOOK.xlsx   Build it: scorecard-explorer build WORKBOOK.xlsx -o bundle.json",
];

fn write_sheet(ws: &mut Worksheet, sheet: &SheetOut) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    ws.set_name(sheet.sheet.name)?;
    for (col, name) in sheet.header.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *name, &bold)?;
        ws.set_column_width(
            col as u16,
            if matches!(*name, "title" | "text" | "commentary" | "entry") { 60 } else { 14 },
        )?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (r, cells) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell {
                Out::Empty => {}
                Out::Text(t) => {
                    ws.write_string(r, c, t)?;
                }
                Out::Number(n) => {
                    ws.write_number(r, c, *n)?;
                }
                Out::Bool(b) => {
                    ws.write_boolean(r, c, *b)?;
                }
            }
        }
    }
    Ok(())
}
