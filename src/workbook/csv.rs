//! The CSV front door: each file of a folder (`items.csv`) is one table, read with the
//! `csv` crate; a cell's place is its file, line and column. A cell's apostrophe that
//! keeps a formula as text is removed (`formula_prefix`), as the export wrote it.

use super::formula_prefix::restored;
use super::problem::{Counted, Place, Problem, ProblemKind};
use super::table::{Cell, Origin, Row, Table, Value};
use super::{File, Limits};

/// What to do about a CSV file that cannot be read.
const CSV_AGAIN: &str = "save the sheet again from Excel as \"CSV UTF-8 (Comma delimited)\"";

/// Reads CSV files (UTF-8, with or without a byte-order mark) into tables. A file that
/// cannot be read is reported and left out; the others are still read.
pub fn tables_from_csv(files: &[File<'_>], limits: &Limits) -> (Vec<Table>, Vec<Problem>) {
    let mut tables = Vec::new();
    let mut problems = Vec::new();
    let mut cells = 0usize;
    let total: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    if total > limits.expanded_bytes {
        let problem = Problem::error(
            ProblemKind::TooMany { what: Counted::Bytes, limit: limits.expanded_bytes },
            None,
            "the workbook's CSV files together hold more than this builder accepts",
        )
        .found(format!("{total} bytes"))
        .expected(format!("at most {} bytes", limits.expanded_bytes));
        return (tables, vec![problem]);
    }
    for file in files {
        let file_place = || Some(Place::sheet(file.name, Origin::Csv));
        let bytes = file.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(file.bytes);
        if let Err(e) = std::str::from_utf8(bytes) {
            let line = 1 + bytes[..e.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u32;
            problems.push(
                Problem::error(
                    ProblemKind::Unreadable,
                    Some(Place::row(file.name, Origin::Csv, line)),
                    "the file is not UTF-8 text",
                )
                .expected("UTF-8: in Excel, \"Save As\" the type \"CSV UTF-8 (Comma delimited) (*.csv)\""),
            );
            continue;
        }
        let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
        let mut rows = Vec::new();
        let mut lines = Lines { bytes, offset: 0, line: 1 };
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line() as u32);
                    let place = match line {
                        Some(l) => Some(Place::row(file.name, Origin::Csv, l)),
                        None => file_place(),
                    };
                    problems.push(
                        Problem::error(ProblemKind::Unreadable, place, format!("cannot read this CSV record: {e}"))
                            .fix(CSV_AGAIN),
                    );
                    break;
                }
            };
            let number = lines.line_at(record.position().map(|p| p.byte() as usize).unwrap_or(0));
            if rows.len() as u32 >= limits.rows {
                problems.push(
                    Problem::error(
                        ProblemKind::TooMany { what: Counted::Rows, limit: limits.rows.into() },
                        Some(Place::row(file.name, Origin::Csv, number)),
                        "too many rows",
                    )
                    .expected(format!("at most {} rows in one file", limits.rows)),
                );
                break;
            }
            let row_cells: Vec<Cell> = record
                .iter()
                .enumerate()
                .filter(|(_, text)| !text.trim().is_empty())
                .map(|(i, text)| Cell { col: i as u32 + 1, value: Value::Text(restored(text).to_string()) })
                .collect();
            cells += row_cells.len();
            if cells > limits.cells {
                problems.push(
                    Problem::error(
                        ProblemKind::TooMany { what: Counted::Cells, limit: limits.cells as u64 },
                        Some(Place::row(file.name, Origin::Csv, number)),
                        "too many cells",
                    )
                    .expected(format!("at most {} non-empty cells in a workbook", limits.cells)),
                );
                return (tables, problems);
            }
            if !row_cells.is_empty() {
                rows.push(Row { number, cells: row_cells });
            }
        }
        tables.push(Table { name: file.name.to_string(), origin: Origin::Csv, rows });
    }
    (tables, problems)
}

/// Line numbers of records. The `csv` crate skips blank lines after it notes where a
/// record starts, so the line is counted here from the record's byte offset, past any
/// line breaks.
struct Lines<'a> {
    bytes: &'a [u8],
    offset: usize,
    line: u32,
}

impl Lines<'_> {
    fn line_at(&mut self, mut byte: usize) -> u32 {
        while matches!(self.bytes.get(byte), Some(b'\n' | b'\r')) {
            byte += 1;
        }
        let byte = byte.min(self.bytes.len()).max(self.offset);
        self.line += self.bytes[self.offset..byte].iter().filter(|&&b| b == b'\n').count() as u32;
        self.offset = byte;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &[u8]) -> (Vec<Table>, Vec<Problem>) {
        tables_from_csv(&[File { name, bytes }], &Limits::default())
    }

    #[test]
    fn records_keep_the_line_they_start_on() {
        let (tables, problems) = read("items.csv", b"\xEF\xBB\xBFid,title\n\na,\"two\nlines\"\nb,x\n");
        assert!(problems.is_empty());
        let rows = &tables[0].rows;
        assert_eq!(rows.iter().map(|r| r.number).collect::<Vec<_>>(), [1, 3, 5]);
        assert_eq!(rows[0].get(1), Some(&Value::Text("id".into())), "the byte-order mark is not part of the name");
        assert_eq!(rows[1].get(2), Some(&Value::Text("two\nlines".into())));
    }

    #[test]
    fn a_file_that_is_not_utf8_says_how_to_save_it() {
        let (_, problems) = read("items.csv", b"id,title\nx,Caf\xE9\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].place.as_ref().unwrap().to_string(), "items.csv:2");
        assert!(problems[0].to_string().contains("CSV UTF-8"), "{}", problems[0]);
    }

    #[test]
    fn rows_past_the_limit_are_refused() {
        let limits = Limits { rows: 2, ..Limits::default() };
        let (_, problems) = tables_from_csv(&[File { name: "series.csv", bytes: b"a\n1\n2\n3\n" }], &limits);
        assert_eq!(problems[0].place.as_ref().unwrap().to_string(), "series.csv:3");
    }
}
