//! The page's state as it lives in the URL query string, so a view can be bookmarked,
//! shared and restored, and back/forward work.

use std::fmt;

use crate::bundle::{Benchmark, Bundle, Period, Trend};
use crate::explore::facets::Facet;
use crate::explore::table::{Column, Direction, TableSort};

/// Which view of the scorecard is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    #[default]
    Items,
    Exceptions,
    Changes,
    /// The filtered items as a sortable table, for analysts.
    Table,
    /// Each workstream's metrics as Fingertips' spine chart: the area among its peers,
    /// centred on England (see `explore::spine`).
    Compare,
    /// The publisher's tools (preview a bundle, build one from a workbook): linked from
    /// the footer, not a tab, as the public does not need them.
    Publish,
}

impl View {
    /// The tabs over the scorecard.
    pub const ALL: [View; 5] = [View::Items, View::Table, View::Compare, View::Exceptions, View::Changes];

    /// The view a URL word names.
    pub fn from_word(word: &str) -> Option<View> {
        View::ALL.into_iter().chain([View::Publish]).find(|v| v.word() == word)
    }

    pub fn word(self) -> &'static str {
        match self {
            View::Items => "items",
            View::Exceptions => "exceptions",
            View::Changes => "changes",
            View::Table => "table",
            View::Compare => "compare",
            View::Publish => "publish",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Items => "All items",
            View::Exceptions => "Exception report",
            View::Changes => "What changed",
            View::Table => "Table",
            View::Compare => "Compare",
            View::Publish => "Publish a scorecard",
        }
    }
}

/// How the item list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Workstream,
    Rag,
    Title,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Workstream, Sort::Rag, Sort::Title];

    pub fn word(self) -> &'static str {
        match self {
            Sort::Workstream => "workstream",
            Sort::Rag => "rag",
            Sort::Title => "title",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Sort::Workstream => "Workstream",
            Sort::Rag => "RAG severity",
            Sort::Title => "Title",
        }
    }
}

/// A named view that stands for a set of filters, with its own word in the URL
/// (`preset=red-red`), so a link to it reads as what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Worse than the comparator and getting worse (Fingertips users' "red-red"): the
    /// benchmark comparison is worse and the trend, stated or computed, is declining.
    RedRed,
}

impl Preset {
    pub const ALL: [Preset; 1] = [Preset::RedRed];

    pub fn word(self) -> &'static str {
        match self {
            Preset::RedRed => "red-red",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Preset::RedRed => "Worse than the comparator and getting worse",
        }
    }

    /// The facet choices the preset stands for.
    pub fn facets(self) -> Vec<(Facet, Vec<String>)> {
        match self {
            Preset::RedRed => vec![
                (Facet::Trend, vec![Trend::Declining.as_str().to_string()]),
                (Facet::Benchmark, vec![Benchmark::Worse.as_str().to_string()]),
            ],
        }
    }
}

/// Something the URL asked for that this scorecard does not have: said on the page,
/// never fatal, and the rest of the URL still applies.
#[derive(Debug, Clone, PartialEq)]
pub enum UrlNote {
    /// A facet word that is no choice of this scorecard (`rag=purple`).
    UnknownChoice { facet: Facet, word: String },
    /// A period the bundle does not have: the latest is shown.
    UnknownPeriod(String),
    /// An item the bundle does not have: the list is shown.
    UnknownItem(String),
    /// A word that means nothing for its key (`view=pie`), whatever the bundle.
    UnknownWord { key: String, word: String },
}

impl fmt::Display for UrlNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlNote::UnknownChoice { facet: Facet::Versus, word } => {
                write!(f, "{} is not a comparator and verdict of this scorecard, so it was ignored.", Quoted(word))
            }
            UrlNote::UnknownChoice { facet: Facet::Rank, word } => {
                write!(f, "{} is not a rank quarter of this scorecard, so it was ignored.", Quoted(word))
            }
            UrlNote::UnknownChoice { facet, word } => {
                write!(f, "{} is not a {} of this scorecard, so it was ignored.", Quoted(word), facet.key())
            }
            UrlNote::UnknownPeriod(p) => {
                write!(f, "There is no reporting period {}: showing the latest instead.", Quoted(p))
            }
            UrlNote::UnknownItem(i) => write!(f, "There is no item {} in this scorecard.", Quoted(i)),
            UrlNote::UnknownWord { key, word } => {
                write!(f, "{} is not a known {key}, so it was ignored.", Quoted(word))
            }
        }
    }
}

/// Text from the address, quoted as the page shows it. Anyone can write an address and
/// send it round, so the text is cut to [`Quoted::MAX_CHARS`] characters, loses control
/// and direction characters, and is isolated (U+2068 … U+2069) so that right-to-left text
/// cannot reorder the app's own sentence around it.
pub struct Quoted<'a>(pub &'a str);

impl Quoted<'_> {
    /// Enough for any real word, id or search; a paragraph smuggled into a link is cut.
    pub const MAX_CHARS: usize = 60;
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |c: &char| {
            !c.is_control() && !matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        };
        let mut chars = self.0.chars().filter(shown);
        f.write_str("“\u{2068}")?;
        for c in chars.by_ref().take(Self::MAX_CHARS) {
            fmt::Write::write_char(f, c)?;
        }
        if chars.next().is_some() {
            f.write_str("…")?;
        }
        f.write_str("\u{2069}”")
    }
}

/// Everything the URL says, as words; checked against the bundle by the page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Query {
    pub bundle: Option<String>,
    pub period: Option<String>,
    /// Per facet, the chosen words (comma-separated in the URL).
    pub facets: Vec<(Facet, Vec<String>)>,
    pub q: String,
    pub item: Option<String>,
    pub view: View,
    pub sort: Sort,
    /// A named set of filters, applied on top of `facets` (see [`Query::applied_facets`]).
    pub preset: Option<Preset>,
    /// The table view's sort (`tsort`, `tdir`); none: the scorecard's order.
    pub table_sort: Option<TableSort>,
    pub embed: bool,
    /// Words that mean nothing here (an unknown view or sort), to mention on the page.
    pub ignored: Vec<(String, String)>,
}

impl Query {
    /// From decoded `key=value` pairs; later pairs of the same key win.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Query {
        let mut q = Query::default();
        let mut direction = None;
        for (key, raw) in pairs {
            let value = raw.trim();
            let some = || (!value.is_empty()).then(|| value.to_string());
            match key {
                "bundle" => q.bundle = some(),
                "period" => q.period = some(),
                // Kept as typed: trimming would eat the space a person is typing between words.
                "q" => q.q = raw.to_string(),
                "item" => q.item = some(),
                "embed" => q.embed = matches!(value, "1" | "true" | "yes"),
                "view" => match View::from_word(value) {
                    Some(v) => q.view = v,
                    None => q.ignored.push(("view".into(), value.into())),
                },
                "preset" => match Preset::ALL.iter().find(|p| p.word() == value) {
                    Some(p) => q.preset = Some(*p),
                    None => q.ignored.push(("preset".into(), value.into())),
                },
                "sort" => match Sort::ALL.iter().find(|s| s.word() == value) {
                    Some(s) => q.sort = *s,
                    None => q.ignored.push(("sort".into(), value.into())),
                },
                "tsort" => match Column::from_word(value) {
                    Some(column) => q.table_sort = Some(TableSort { column, direction: Direction::default() }),
                    None => q.ignored.push(("tsort".into(), value.into())),
                },
                "tdir" => match Direction::from_word(value) {
                    Some(d) => direction = Some(d),
                    None => q.ignored.push(("tdir".into(), value.into())),
                },
                _ => {
                    if let Some(facet) = Facet::ALL.iter().find(|f| f.key() == key) {
                        let words: Vec<String> =
                            value.split(',').map(str::trim).filter(|w| !w.is_empty()).map(String::from).collect();
                        q.facets.retain(|(f, _)| f != facet);
                        if !words.is_empty() {
                            q.facets.push((*facet, words));
                        }
                    }
                }
            }
        }
        q.facets.sort_by_key(|(f, _)| *f);
        // A direction means nothing without a column to sort.
        if let (Some(sort), Some(d)) = (&mut q.table_sort, direction) {
            sort.direction = d;
        }
        q
    }

    /// Parses a query string such as `?rag=red,amber&q=smoking`.
    pub fn parse(search: &str) -> Query {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(search.trim_start_matches('?').as_bytes()).into_owned().collect();
        Query::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }

    /// The query string (without `?`), in a stable order, leaving defaults out.
    pub fn to_query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if let Some(b) = &self.bundle {
            out.append_pair("bundle", b);
        }
        if self.embed {
            out.append_pair("embed", "1");
        }
        if let Some(p) = &self.period {
            out.append_pair("period", p);
        }
        if self.view != View::Items {
            out.append_pair("view", self.view.word());
        }
        if let Some(p) = self.preset {
            out.append_pair("preset", p.word());
        }
        for (facet, words) in &self.facets {
            out.append_pair(facet.key(), &words.join(","));
        }
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        if self.sort != Sort::Workstream {
            out.append_pair("sort", self.sort.word());
        }
        if let Some(s) = self.table_sort {
            out.append_pair("tsort", s.column.word());
            if s.direction != Direction::default() {
                out.append_pair("tdir", s.direction.word());
            }
        }
        if let Some(i) = &self.item {
            out.append_pair("item", i);
        }
        // Commas separate values, and a colon a comparator from its verdict (`vs=england:worse`);
        // keep them readable in shared links.
        out.finish().replace("%2C", ",").replace("%3A", ":")
    }

    /// The query string (without `?`) of the page showing this state, when its address
    /// now reads `current`: parameters the app does not own (a host page's `lang`,
    /// `tab`, …) are kept as they are, in front; the app's own follow.
    pub fn to_query_string_keeping(&self, current: &str) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        for (key, value) in form_urlencoded::parse(current.trim_start_matches('?').as_bytes()) {
            if !Query::owns(&key) {
                out.append_pair(&key, &value);
            }
        }
        let foreign = out.finish();
        let own = self.to_query_string();
        match (foreign.is_empty(), own.is_empty()) {
            (true, _) => own,
            (false, true) => foreign,
            (false, false) => format!("{foreign}&{own}"),
        }
    }

    /// Whether `key` is one of the app's own query parameters.
    pub fn owns(key: &str) -> bool {
        matches!(key, "bundle" | "period" | "q" | "item" | "embed" | "view" | "sort" | "preset" | "tsort" | "tdir")
            || Facet::ALL.iter().any(|f| f.key() == key)
    }

    pub fn words(&self, facet: Facet) -> &[String] {
        self.facets.iter().find(|(f, _)| *f == facet).map_or(&[], |(_, w)| w.as_slice())
    }

    /// The facet choices that select the items: the URL's, with a preset's in place of
    /// the URL's for the facets the preset fixes.
    pub fn applied_facets(&self) -> Vec<(Facet, Vec<String>)> {
        let mut out = self.facets.clone();
        for (facet, words) in self.preset.map(Preset::facets).unwrap_or_default() {
            out.retain(|(f, _)| *f != facet);
            out.push((facet, words));
        }
        out.sort_by_key(|(f, _)| *f);
        out
    }

    /// This query with one facet choice switched on or off.
    pub fn toggled(&self, facet: Facet, word: &str) -> Query {
        let applied = self.applied_facets();
        let mut words = applied.into_iter().find(|(f, _)| *f == facet).map(|(_, w)| w).unwrap_or_default();
        match words.iter().position(|w| w == word) {
            Some(i) => {
                words.remove(i);
            }
            None => words.push(word.to_string()),
        }
        self.with_facet(facet, words)
    }

    /// This query with a facet's words replaced (empty: the facet cleared). Changing a
    /// facet the preset fixes turns the preset into the plain filters it stands for.
    pub fn with_facet(&self, facet: Facet, words: Vec<String>) -> Query {
        let mut q = self.clone();
        if self.preset.is_some_and(|p| p.facets().iter().any(|(f, _)| *f == facet)) {
            q.facets = self.applied_facets();
            q.preset = None;
        }
        q.facets.retain(|(f, _)| *f != facet);
        if !words.is_empty() {
            q.facets.push((facet, words));
            q.facets.sort_by_key(|(f, _)| *f);
        }
        q
    }

    /// The period the URL names, or the bundle's latest when it names none or one the
    /// bundle does not have.
    pub fn period_in<'a>(&self, bundle: &'a Bundle) -> Option<&'a Period> {
        self.period.as_ref().and_then(|id| bundle.periods.iter().find(|p| &p.id == id)).or(bundle.periods.last())
    }

    /// What of this URL the bundle does not have, in the order the page lists it;
    /// `unknown_choices` are the facet words the facet index did not know.
    pub fn notes(&self, bundle: &Bundle, unknown_choices: &[(Facet, String)]) -> Vec<UrlNote> {
        let mut notes: Vec<UrlNote> = unknown_choices
            .iter()
            .map(|(facet, word)| UrlNote::UnknownChoice { facet: *facet, word: word.clone() })
            .collect();
        if let Some(p) = self.period.as_ref().filter(|id| !bundle.periods.iter().any(|p| &p.id == *id)) {
            notes.push(UrlNote::UnknownPeriod(p.clone()));
        }
        if let Some(i) = self.item.as_ref().filter(|id| !bundle.items.iter().any(|it| &it.id == *id)) {
            notes.push(UrlNote::UnknownItem(i.clone()));
        }
        for (key, word) in &self.ignored {
            notes.push(UrlNote::UnknownWord { key: key.clone(), word: word.clone() });
        }
        notes
    }

    /// This query with every filter and the search cleared, keeping bundle, period and view.
    pub fn cleared(&self) -> Query {
        Query { facets: Vec::new(), q: String::new(), preset: None, ignored: Vec::new(), ..self.clone() }
    }
}

/// The address parameter that names an embed in Datawrapper's height message
/// (`{"datawrapper-height": {id: px}}`). Not the app's own: it stays in the address as
/// filters change, as a host page's parameters do.
pub const EMBED_ID: &str = "embed_id";

/// The `embed_id` the address `search` gives, when it is a plain id (letters, digits,
/// `-`, `_`; at most 64).
pub fn embed_id(search: &str) -> Option<String> {
    let (_, id) = form_urlencoded::parse(search.trim_start_matches('?').as_bytes()).find(|(k, _)| k == EMBED_ID)?;
    let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    (!id.is_empty() && id.len() <= 64 && id.chars().all(plain)).then(|| id.into_owned())
}

/// The query string (without `?`) of a link to the view at the address `search` as a full
/// page rather than an embed: `embed` and `embed_id` left out, the app's own words kept
/// in their order. Other parameters (a `token=`, `utm_*`) are not the view's and are
/// left out, unless `hosted`: then the address is a host page's, which may need its own
/// parameters to be found again.
pub fn full_page_query(search: &str, hosted: bool) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (key, value) in form_urlencoded::parse(search.trim_start_matches('?').as_bytes()) {
        if key != "embed" && key != EMBED_ID && (hosted || Query::owns(&key)) {
            out.append_pair(&key, &value);
        }
    }
    out.finish().replace("%2C", ",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_query_string() {
        let q = Query::parse("?workstream=ws3&rag=red,amber&trend=declining&q=delayed%20transfers&item=x&period=2018-10&view=exceptions&sort=rag");
        assert_eq!(q.words(Facet::Rag), ["red", "amber"]);
        assert_eq!(q.q, "delayed transfers");
        assert_eq!(q.view, View::Exceptions);
        let again = Query::parse(&q.to_query_string());
        assert_eq!(again, q);
        assert_eq!(
            q.to_query_string(),
            "period=2018-10&view=exceptions&workstream=ws3&rag=red,amber&trend=declining&q=delayed+transfers&sort=rag&item=x"
        );
    }

    #[test]
    fn the_table_sort_lives_in_the_url() {
        let q = Query::parse("tdir=desc&view=table&tsort=latest");
        assert_eq!(q.view, View::Table);
        assert_eq!(q.table_sort, Some(TableSort { column: Column::Latest, direction: Direction::Descending }));
        assert_eq!(q.to_query_string(), "view=table&tsort=latest&tdir=desc");
        assert_eq!(Query::parse("tsort=title").to_query_string(), "tsort=title", "ascending is the default");
        let odd = Query::parse("tsort=colour&tdir=up");
        assert_eq!(odd.table_sort, None);
        assert_eq!(odd.ignored.len(), 2, "each unknown word is noted");
        assert!(Query::owns("tsort") && Query::owns("tdir"));
    }

    #[test]
    fn a_host_pages_own_parameters_are_kept() {
        let q = Query::parse("?rag=red&workstream=living");
        let written = q.toggled(Facet::Rag, "amber").to_query_string_keeping("?lang=cy&rag=red&tab=2&q=old");
        assert_eq!(written, "lang=cy&tab=2&workstream=living&rag=red,amber");
        assert_eq!(Query::default().to_query_string_keeping("?lang=cy"), "lang=cy");
        assert_eq!(q.to_query_string_keeping(""), q.to_query_string());
        assert!(Query::owns("benchmark") && !Query::owns("lang"));
    }

    #[test]
    fn an_embeds_id_and_its_full_page_link() {
        let search = "?lang=cy&embed=1&embed_id=Ab3-x_9&rag=red,amber&q=a+b";
        assert_eq!(embed_id(search).as_deref(), Some("Ab3-x_9"));
        assert_eq!(embed_id("?embed=1"), None);
        assert_eq!(embed_id("?embed_id=%3Cscript%3E"), None, "only a plain id");
        assert_eq!(embed_id(&format!("?embed_id={}", "a".repeat(65))), None);
        assert_eq!(full_page_query(search, true), "lang=cy&rag=red,amber&q=a+b");
        assert_eq!(Query::parse(&full_page_query(search, true)), Query { embed: false, ..Query::parse(search) });
        assert_eq!(full_page_query("?embed=1", false), "");
        // On the app's own page, only the view's words: never a token or a campaign tag.
        let tagged = "?token=s3cret&rag=red&utm_source=mail&view=table";
        assert_eq!(full_page_query(tagged, false), "rag=red&view=table");
        // The id is the host's, so the app's own links keep it while the view changes.
        assert!(Query::parse(search).to_query_string_keeping(search).contains("embed_id=Ab3-x_9"));
    }

    #[test]
    fn the_red_red_preset_has_its_own_word_and_stands_for_its_filters() {
        let q = Query::parse("?preset=red-red&rag=red&trend=improving");
        assert_eq!(q.preset, Some(Preset::RedRed));
        assert_eq!(q.to_query_string(), "preset=red-red&rag=red&trend=improving");
        assert_eq!(Query::parse(&q.to_query_string()), q);
        let applied = q.applied_facets();
        assert_eq!(
            applied,
            vec![
                (Facet::Rag, vec!["red".to_string()]),
                (Facet::Trend, vec!["declining".to_string()]),
                (Facet::Benchmark, vec!["worse".to_string()])
            ]
        );
        // Unticking a fixed choice leaves the rest of what the preset stood for.
        let untick = q.toggled(Facet::Benchmark, "worse");
        assert_eq!(untick.preset, None);
        assert_eq!(untick.to_query_string(), "rag=red&trend=declining");
        // Other facets leave the preset alone; clearing removes it.
        assert_eq!(q.toggled(Facet::Rag, "amber").preset, Some(Preset::RedRed));
        assert_eq!(q.cleared().preset, None);
        assert_eq!(Query::parse("preset=blue").ignored, vec![("preset".to_string(), "blue".to_string())]);
    }

    #[test]
    fn a_search_keeps_its_spaces_while_being_typed() {
        assert_eq!(Query::parse("q=delayed+").q, "delayed ");
    }

    #[test]
    fn toggling_adds_and_removes_a_word() {
        let q = Query::parse("rag=red");
        assert_eq!(q.toggled(Facet::Rag, "amber").words(Facet::Rag), ["red", "amber"]);
        assert!(q.toggled(Facet::Rag, "red").words(Facet::Rag).is_empty());
        assert_eq!(q.toggled(Facet::Rag, "red").to_query_string(), "");
    }

    #[test]
    fn unknown_view_and_sort_are_noted_not_fatal() {
        let q = Query::parse("view=pie&sort=size");
        assert_eq!(q.view, View::Items);
        assert_eq!(q.ignored, vec![("view".to_string(), "pie".to_string()), ("sort".to_string(), "size".to_string())]);
    }

    #[test]
    fn the_compare_view_has_its_word() {
        let q = Query::parse("view=compare&period=2024-06");
        assert_eq!(q.view, View::Compare);
        assert_eq!(q.to_query_string(), "period=2024-06&view=compare");
        assert!(View::ALL.contains(&View::Compare));
    }

    #[test]
    fn the_publish_view_is_in_the_url_but_not_a_tab() {
        let q = Query::parse("view=publish");
        assert_eq!(q.view, View::Publish);
        assert_eq!(q.to_query_string(), "view=publish");
        assert!(!View::ALL.contains(&View::Publish), "linked from the footer, not a tab");
    }
}
