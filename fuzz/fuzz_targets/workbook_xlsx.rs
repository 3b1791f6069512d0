//! The workbook_xlsx target: see `checks::workbook_xlsx`.
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::workbook_xlsx(data));
