//! The sheets of a scorecard workbook and their columns (`workbook-format.md`), in one
//! place that the reader, the export and the template all follow. Statics, not consts:
//! a sheet is told by its address.

/// One sheet: its name, whether a workbook must have it, and its columns in the order
/// the template writes them.
#[derive(Debug)]
pub struct Sheet {
    pub name: &'static str,
    pub required: bool,
    pub columns: &'static [Column],
    /// What one row is, for the template's instructions.
    pub row_is: &'static str,
}

#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
    /// The bundle words an enumerated column accepts, for the template's drop-down lists.
    pub words: Option<&'static [&'static str]>,
}

impl Sheet {
    /// The sheet's file in a workbook's CSV form: `items.csv`.
    pub fn csv_name(&self) -> String {
        format!("{}.csv", self.name.to_lowercase())
    }
}

const fn req(name: &'static str) -> Column {
    Column { name, required: true, words: None }
}
const fn opt(name: &'static str) -> Column {
    Column { name, required: false, words: None }
}
const fn word(name: &'static str, required: bool, words: &'static [&'static str]) -> Column {
    Column { name, required, words: Some(words) }
}

use crate::bundle::{Benchmark, ComparatorKind, Kind, Polarity, Rag, Scope, TargetDirection, Trend, ValueType};

pub static BOARD: Sheet = Sheet {
    name: "Board",
    required: true,
    columns: &[req("field"), req("value")],
    row_is:
        "one property of the board: name, area, area_code, vision, url, source_title, publisher, notes, illustrative",
};
pub static PERIODS: Sheet = Sheet {
    name: "Periods",
    required: true,
    columns: &[req("id"), req("label"), req("end")],
    row_is: "a scorecard edition, oldest first; end is a date (YYYY-MM-DD)",
};
pub static WORKSTREAMS: Sheet = Sheet {
    name: "Workstreams",
    required: true,
    columns: &[req("id"), req("label"), req("title"), opt("lead")],
    row_is: "a workstream or theme",
};
pub static HEADLINES: Sheet = Sheet {
    name: "Headlines",
    required: false,
    columns: &[req("workstream"), req("period"), req("text")],
    row_is: "a workstream's exception-report text for one edition",
};
pub static ITEMS: Sheet = Sheet {
    name: "Items",
    required: true,
    columns: &[
        req("id"),
        req("workstream"),
        word("kind", true, Kind::WORDS),
        req("title"),
        word("scope", false, Scope::WORDS),
        opt("code"),
        opt("parent"),
        opt("unit"),
        word("polarity", false, Polarity::WORDS),
        opt("lead"),
        opt("comparator_label"),
        opt("fingertips_id"),
        opt("fingertips_sex"),
        opt("fingertips_age"),
        word("value_type", false, ValueType::WORDS),
        word("target_direction", false, TargetDirection::WORDS),
        opt("amber_within"),
        opt("updated"),
        opt("next_update"),
        // Beyond the format's columns: which comparator the benchmark verdict is about.
        opt("benchmark_comparator"),
    ],
    row_is: "an action or a metric; target_direction (at least / at most) and amber_within (a percentage of the \
             target) say how the series' targets are judged; updated is when the data were last published",
};
/// Columns of `Items` beyond the format: Fingertips' own verdicts kept with an item whose
/// series is in the `Series` sheet (what `export` writes for a bundle built from
/// Fingertips, so that bundle -> workbook -> bundle loses nothing).
pub const ITEMS_KEPT_FINGERTIPS: &[Column] = &[
    opt("fingertips_indicator"),
    opt("fingertips_period"),
    opt("fingertips_recent_trend"),
    opt("fingertips_compared_to_england"),
];
pub static ASSESSMENTS: Sheet = Sheet {
    name: "Assessments",
    required: false,
    columns: &[
        req("item"),
        req("period"),
        word("rag", false, Rag::WORDS),
        word("trend", false, Trend::WORDS),
        word("benchmark", false, Benchmark::WORDS),
        opt("commentary"),
        opt("source_symbol"),
    ],
    row_is: "what one edition said about one item",
};
pub static SERIES: Sheet = Sheet {
    name: "Series",
    required: false,
    columns: &[
        req("item"),
        req("date"),
        opt("label"),
        opt("value"),
        opt("lower"),
        opt("upper"),
        opt("benchmark"),
        opt("target"),
        opt("count"),
        opt("denominator"),
    ],
    row_is: "one point of a metric's series; date is the end of the data period (YYYY-MM-DD, YYYY-MM or YYYY)",
};
pub static COMPARATORS: Sheet = Sheet {
    name: "Comparators",
    required: false,
    columns: &[req("id"), req("label"), word("kind", true, ComparatorKind::WORDS), opt("code")],
    row_is: "an area or group items are compared with: England, the region, a peer area or a peer group, with its \
             ONS code",
};
pub static PEERS: Sheet = Sheet {
    name: "Peers",
    required: false,
    columns: &[req("group"), req("member")],
    row_is: "one member of a peer group: group is a peer group comparator id, member a peer area comparator id or \
             its ONS code",
};
pub static COMPARISONS: Sheet = Sheet {
    name: "Comparisons",
    required: false,
    columns: &[
        req("item"),
        req("comparator"),
        req("date"),
        opt("label"),
        opt("value"),
        opt("lower"),
        opt("upper"),
        opt("count"),
        opt("denominator"),
    ],
    row_is: "one point of a comparator's series for one item",
};
pub static CONTEXT: Sheet = Sheet {
    name: "Context",
    required: false,
    columns: &[req("period"), req("heading"), req("entry")],
    row_is: "one entry of a board-level section, such as \"Reports received\"",
};

/// Every sheet, in the template's order.
pub static SHEETS: &[&Sheet] = &[
    &BOARD,
    &PERIODS,
    &WORKSTREAMS,
    &HEADLINES,
    &ITEMS,
    &ASSESSMENTS,
    &SERIES,
    &CONTEXT,
    &COMPARATORS,
    &PEERS,
    &COMPARISONS,
];

/// Fields of the `Board` sheet.
pub const BOARD_FIELDS: &[&str] =
    &["name", "area", "area_code", "vision", "url", "source_title", "publisher", "notes", "illustrative"];

/// Names compare ignoring case and surrounding spaces.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

/// The sheet a table's name stands for: `Items` or `items.csv`.
pub fn sheet_named(name: &str) -> Option<&'static Sheet> {
    let name = name.trim();
    let stem = match name.len().checked_sub(4) {
        Some(i) if name.is_char_boundary(i) && name[i..].eq_ignore_ascii_case(".csv") => &name[..i],
        _ => name,
    };
    // A folder's files may carry a path.
    let stem = stem.rsplit(['/', '\\']).next().unwrap_or(stem);
    SHEETS.iter().copied().find(|s| same_name(s.name, stem))
}
