//! The workbook_csv target: see `checks::workbook_csv`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::workbook_csv(data));
