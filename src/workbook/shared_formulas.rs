//! A sheet's shared formulas, checked before calamine reads them. calamine keeps a table
//! slot for every index up to a shared formula's `si` (`si="4000000000"` asks for 288 GB)
//! and maps every cell of its `ref` range (`ref="A1:XFD1048576"` for 17 billion), so each
//! part of an `.xlsx` is streamed through here first, in a few kilobytes, and a sheet
//! whose shared formulas would cost more than the cells it may hold is refused.
//!
//! The rules: an `si` is below the number of shared formulas the sheet defines (Excel
//! numbers them from 0); every `ref` lies within Excel's grid; and the cells the ranges
//! cover, each definition counted as at least one, add up to at most the workbook's cell
//! limit. Every element of a part is looked at, not only those where calamine looks, so
//! the check needs no model of where calamine reads.

use std::io::BufRead;

use quick_xml::events::Event;

/// Excel's grid: the last row and column a reference may name.
const LAST_ROW: u64 = 1_048_576;
const LAST_COL: u64 = 16_384;

/// What a sheet's shared formulas break, and at which cell (1-based row and column),
/// when the element carrying it is in a cell that says where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub what: Broken,
    pub cell: Option<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// An `si` at or past the number of shared formulas the sheet defines (or not a number).
    Index { si: String, defined: u64 },
    /// A `ref` that is not a range inside Excel's grid.
    Range { range: String },
    /// The ranges together cover more cells than the limit; `range` is the one that
    /// went past it.
    Covered { range: String, limit: u64 },
}

/// The largest `si` seen, as written, with its cell.
struct Highest {
    si: u64,
    written: String,
    cell: Option<(u32, u32)>,
}

/// Streams one part of an `.xlsx` (any part: one that is not a sheet has no shared
/// formulas) and checks its shared formulas against `cell_limit`. The XML is read with
/// the settings calamine reads it with, so a part calamine can read is read here as far;
/// a part that is not XML stops where it stops being XML, and calamine stops there too.
pub fn check(part: impl BufRead, cell_limit: u64) -> Result<(), Breach> {
    let mut xml = quick_xml::Reader::from_reader(part);
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut cell: Option<(u32, u32)> = None;
    let mut defined = 0u64;
    let mut covered = 0u64;
    let mut highest: Option<Highest> = None;
    loop {
        buf.clear();
        let element = match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => e,
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => continue,
        };
        let (mut shared, mut si, mut ranges, mut at) = (false, None, Vec::new(), None);
        for a in element.attributes().with_checks(false).flatten() {
            match a.key.local_name().as_ref() {
                b"t" => shared |= a.value.as_ref() == b"shared",
                // Every `si` and `ref` counts, should one be written twice.
                b"si" => si = Some(si.map_or(a.value.to_vec(), |s: Vec<u8>| larger(s, a.value.to_vec()))),
                b"ref" => ranges.push(a.value.to_vec()),
                b"r" => at = Some(a.value.to_vec()),
                _ => {}
            }
        }
        if element.local_name().as_ref() == b"c" {
            cell = at.as_deref().and_then(position);
        }
        if !shared {
            continue;
        }
        for range in &ranges {
            let written = String::from_utf8_lossy(range).into_owned();
            let Some(area) = area(range) else {
                return Err(Breach { what: Broken::Range { range: written }, cell });
            };
            covered = covered.saturating_add(area.max(1));
            if covered > cell_limit {
                return Err(Breach { what: Broken::Covered { range: written, limit: cell_limit }, cell });
            }
        }
        if !ranges.is_empty() && element.local_name().as_ref() == b"f" {
            defined += 1;
        }
        if let Some(si) = si {
            let written = String::from_utf8_lossy(&si).into_owned();
            // Not a plain number: past every bound.
            let value = number(&si).unwrap_or(u64::MAX);
            if highest.as_ref().is_none_or(|h| value > h.si) {
                highest = Some(Highest { si: value, written, cell });
            }
        }
    }
    match highest {
        Some(h) if h.si >= defined => Err(Breach { what: Broken::Index { si: h.written, defined }, cell: h.cell }),
        _ => Ok(()),
    }
}

/// Of two `si` values as written, the one that reads as the larger number.
fn larger(a: Vec<u8>, b: Vec<u8>) -> Vec<u8> {
    if number(&b).unwrap_or(u64::MAX) > number(&a).unwrap_or(u64::MAX) {
        b
    } else {
        a
    }
}

/// A whole number of plain digits.
fn number(text: &[u8]) -> Option<u64> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(text).ok()?.parse().ok()
}

/// The 1-based row and column of a cell reference such as `XFD1048576`, inside the grid.
fn position(text: &[u8]) -> Option<(u32, u32)> {
    let letters = text.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, row) = text.split_at(letters);
    if letters == 0 || letters > 3 {
        return None;
    }
    let col = col.iter().fold(0u64, |n, b| n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1));
    let row = number(row)?;
    ((1..=LAST_ROW).contains(&row) && (1..=LAST_COL).contains(&col)).then_some((row as u32, col as u32))
}

/// How many cells a range such as `A1:C3` (or one cell, `B2`) covers; a range whose end
/// comes before its start covers none, as calamine reads it.
fn area(text: &[u8]) -> Option<u64> {
    let mut ends = text.split(|&b| b == b':');
    let start = position(ends.next()?)?;
    let end = match ends.next() {
        Some(end) => position(end)?,
        None => start,
    };
    if ends.next().is_some() {
        return None;
    }
    let span = |a: u32, b: u32| u64::from(b.saturating_sub(a)) + u64::from(b >= a);
    Some(span(start.0, end.0) * span(start.1, end.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(cells: &str) -> String {
        format!("<worksheet><sheetData><row r=\"1\">{cells}</row></sheetData></worksheet>")
    }

    fn checked(cells: &str) -> Result<(), Breach> {
        check(sheet(cells).as_bytes(), 100)
    }

    #[test]
    fn shared_formulas_as_excel_writes_them_pass() {
        let cells = "<c r=\"A1\"><f t=\"shared\" ref=\"A1:A10\" si=\"0\">B1*2</f><v>4</v></c>\
                     <c r=\"A2\"><f t=\"shared\" si=\"0\"/><v>6</v></c>\
                     <c r=\"C1\"><f t=\"shared\" ref=\"C1:D5\" si=\"1\">B1</f><v>2</v></c>";
        assert_eq!(checked(cells), Ok(()));
    }

    #[test]
    fn an_index_past_the_definitions_is_named_at_its_cell() {
        let cells = "<c r=\"B7\"><f t=\"shared\" ref=\"B7\" si=\"4000000000\">1</f></c>";
        let breach = checked(cells).unwrap_err();
        assert_eq!(breach.what, Broken::Index { si: "4000000000".into(), defined: 1 });
        assert_eq!(breach.cell, Some((7, 2)));
        assert!(matches!(checked("<c r=\"A1\"><f t=\"shared\" si=\"-1\"/></c>"), Err(Breach { .. })));
    }

    #[test]
    fn ranges_past_the_grid_or_the_limit_are_refused() {
        let whole = checked("<c r=\"A1\"><f t=\"shared\" ref=\"A1:XFD1048576\" si=\"0\">1</f></c>").unwrap_err();
        assert_eq!(whole.what, Broken::Covered { range: "A1:XFD1048576".into(), limit: 100 });
        assert_eq!(whole.cell, Some((1, 1)));
        let past = checked("<c r=\"A1\"><f t=\"shared\" ref=\"A1:XFE1\" si=\"0\">1</f></c>").unwrap_err();
        assert_eq!(past.what, Broken::Range { range: "A1:XFE1".into() });
        // Many small ranges add up.
        let many = "<c><f t=\"shared\" ref=\"A1:A10\" si=\"0\">1</f></c>".repeat(11);
        assert!(matches!(checked(&many).unwrap_err().what, Broken::Covered { .. }));
    }

    #[test]
    fn a_part_that_is_not_xml_passes() {
        assert_eq!(check(&b"\x89PNG\r\n\x1a\n\0\0<<>>"[..], 100), Ok(()));
    }
}
