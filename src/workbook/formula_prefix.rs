//! The apostrophe that keeps a CSV cell from running as a formula when a spreadsheet opens
//! the file (`=HYPERLINK(…)`, `+1+cmd|…`, `@SUM(…)`): one rule for every CSV this app
//! writes (the page's downloads, the command line's export), undone when the workbook's
//! CSV form is read back, so bundle -> CSV -> bundle loses nothing.

/// Whether a spreadsheet would run the text as a formula: it starts with =, +, - or @, or
/// with a tab or carriage return, which spreadsheets skip, and is not a number as the
/// page writes it ("-6,722.2", "-12.5%").
fn runs(text: &str) -> bool {
    let number = text.strip_suffix('%').unwrap_or(text).replace(',', "");
    text.starts_with(['=', '+', '-', '@', '\t', '\r']) && number.parse::<f64>().is_err()
}

/// Whether the cell is written with an apostrophe before it: text that [`runs`], after
/// any apostrophes it already starts with (so that a genuine `'=x` is written `''=x` and
/// read back as it was).
fn prefixed(text: &str) -> bool {
    runs(text.trim_start_matches('\''))
}

/// A cell as a CSV file writes it: with a leading apostrophe when a spreadsheet would
/// otherwise run it.
pub fn defused(field: String) -> String {
    if prefixed(&field) {
        format!("'{field}")
    } else {
        field
    }
}

/// A cell of a CSV file as it was before [`defused`]: one leading apostrophe removed,
/// where `defused` would have put it. Any other text, a hand-typed `'Tis` too, is kept.
pub fn restored(field: &str) -> &str {
    match field.strip_prefix('\'') {
        Some(rest) if prefixed(field) => rest,
        _ => field,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_an_apostrophe_and_numbers_do_not() {
        for (field, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3", "'-2+3"),
            ("-5 years", "'-5 years"),
            ("\t=1+1", "'\t=1+1"),
            ("\r=1+1", "'\r=1+1"),
            ("-", "'-"),
            ("-6,722.2", "-6,722.2"),
            ("-12.5%", "-12.5%"),
            ("-3.5", "-3.5"),
            ("plain", "plain"),
            ("'Tis", "'Tis"),
            ("'=1", "''=1"),
            ("''+x", "'''+x"),
        ] {
            assert_eq!(defused(field.to_string()), written, "{field:?}");
            assert_eq!(restored(written), field, "{written:?}");
        }
    }

    proptest::proptest! {
        /// Any text comes back as it was, and what is written never runs as a formula.
        #[test]
        fn any_text_survives_and_never_runs(text in "['=+@\\-\t\r]{0,3}[-=+@0-9., %a-z'\t\r\n\"]{0,12}") {
            let written = defused(text.clone());
            proptest::prop_assert_eq!(restored(&written), text.as_str());
            proptest::prop_assert!(!runs(&written), "{:?} is written {:?}", text, written);
        }

        #[test]
        fn any_string_survives(text in proptest::prelude::any::<String>()) {
            let written = defused(text.clone());
            proptest::prop_assert_eq!(restored(&written), text.as_str());
        }
    }

    #[test]
    fn text_a_person_typed_with_an_apostrophe_is_kept() {
        assert_eq!(restored("'Tis the season"), "'Tis the season");
        assert_eq!(restored("'-3.5"), "'-3.5", "not a formula, so not a prefix");
        assert_eq!(restored("'=A1"), "=A1", "Excel's own way of typing a formula as text");
    }
}
