//! Rules of the bundle format that types alone cannot hold. Every rule adds to one list,
//! so a producer sees all the problems of a bundle at once.

use std::collections::{HashMap, HashSet};

use crate::bundle::date::{DateError, IsoDate, FORMS};
use crate::bundle::problem::{Counted, Problem, ProblemKind};
use crate::bundle::{Bundle, ComparatorKind, Point, FORMAT, VERSION};

/// The longest short text (ids, labels, titles, units, dates, leads), in characters: a
/// title longer than this is not a title, and would swamp every list it is shown in.
pub const MAX_SHORT_TEXT: usize = 1_000;
/// The longest prose (vision, commentary, headlines, notes, context entries), in
/// characters: about ten pages of text.
pub const MAX_LONG_TEXT: usize = 50_000;

/// Checks a parsed bundle; an empty list means it is valid. What is kept but worth telling
/// (a value outside its own limits) is listed by [`warnings`] instead.
pub fn validate(bundle: &Bundle) -> Vec<Problem> {
    let mut out = Vec::new();
    let known = head(bundle, &mut out);
    items(bundle, 0..bundle.items.len(), &known, &mut out);
    tail(bundle, &known, &mut out);
    out
}

/// The ids that items and context refer to, gathered once so that items can be
/// checked a range at a time (`loader` checks a large bundle in steps).
pub struct Known {
    periods: HashSet<String>,
    workstreams: HashSet<String>,
    ids: HashMap<String, usize>,
    /// Comparator id to its kind (`None` when the kind is missing or unknown).
    comparators: HashMap<String, Option<ComparatorKind>>,
}

/// Checks the header, board, periods and workstreams, and the uniqueness of item ids.
pub fn head(bundle: &Bundle, out: &mut Vec<Problem>) -> Known {
    header(bundle, out);
    required(out, || "board.name".into(), &bundle.board.name);
    required(out, || "board.area".into(), &bundle.board.area);
    let b = &bundle.board;
    for (field, value) in
        [("name", Some(&b.name)), ("area", Some(&b.area)), ("url", b.url.as_ref()), ("area_code", b.area_code.as_ref())]
    {
        short(out, || format!("board.{field}"), value);
    }
    long(out, || "board.vision".into(), b.vision.as_ref());
    let s = &bundle.source;
    short(out, || "source.title".into(), s.title.as_ref());
    short(out, || "source.publisher".into(), s.publisher.as_ref());
    long(out, || "source.notes".into(), s.notes.as_ref());

    let mut periods = HashSet::new();
    if bundle.periods.is_empty() {
        out.push(
            Problem::of(ProblemKind::Missing, "periods", "a bundle needs at least one reporting period")
                .fix("add a reporting period, with its id, label and end date"),
        );
    }
    for (i, p) in bundle.periods.iter().enumerate() {
        let at = |field: &str| format!("periods[{i}].{field}");
        required(out, || at("id"), &p.id);
        required(out, || at("label"), &p.label);
        short(out, || at("id"), Some(&p.id));
        short(out, || at("label"), Some(&p.label));
        date(out, || at("end"), &p.end);
        if !p.id.is_empty() && !periods.insert(p.id.clone()) {
            out.push(
                Problem::of(ProblemKind::Duplicate, at("id"), "duplicate period id")
                    .found(quote(&p.id))
                    .fix("give each period its own id"),
            );
        }
    }

    let mut workstreams = HashSet::new();
    for (i, w) in bundle.workstreams.iter().enumerate() {
        let at = |field: &str| format!("workstreams[{i}].{field}");
        required(out, || at("id"), &w.id);
        required(out, || at("label"), &w.label);
        required(out, || at("title"), &w.title);
        for (field, value) in
            [("id", Some(&w.id)), ("label", Some(&w.label)), ("title", Some(&w.title)), ("lead", w.lead.as_ref())]
        {
            short(out, || at(field), value);
        }
        for (period, text) in &w.headlines {
            long(out, || at(&format!("headlines.{period}")), Some(text));
        }
        if !w.id.is_empty() && !workstreams.insert(w.id.clone()) {
            out.push(
                Problem::of(ProblemKind::Duplicate, at("id"), "duplicate workstream id")
                    .found(quote(&w.id))
                    .fix("give each workstream its own id"),
            );
        }
        for period in w.headlines.keys() {
            reference(out, || at(&format!("headlines.{period}")), "period", period, &periods);
        }
    }

    let mut ids: HashMap<String, usize> = HashMap::with_capacity(bundle.items.len());
    let mut looks: HashMap<String, usize> = HashMap::with_capacity(bundle.items.len());
    for (i, item) in bundle.items.iter().enumerate() {
        if !item.id.is_empty() && ids.insert(item.id.clone(), i).is_some() {
            out.push(
                Problem::of(ProblemKind::Duplicate, format!("items[{i}].id"), "duplicate item id")
                    .found(quote(&item.id))
                    .fix("give each item its own id"),
            );
        }
        let first = *looks.entry(visible(&item.title)).or_insert(i);
        if bundle.items[first].title != item.title {
            out.push(
                Problem::of(
                    ProblemKind::Duplicate,
                    format!("items[{i}].title"),
                    format!("this title looks like that of items[{first}] but differs in invisible characters, so one item could pass for the other"),
                )
                .found(quote(&item.title))
                .expected(format!(
                    "titles that read differently; items[{first}].title is {}",
                    quote(&bundle.items[first].title)
                )),
            );
        }
    }
    let comparators = comparators(bundle, out);
    Known { periods, workstreams, ids, comparators }
}

/// Checks `comparators` and `peer_groups`: ids unique, kinds exact words, each group a
/// comparator of kind `peer_group` and each member one of kind `peer_area`.
fn comparators(bundle: &Bundle, out: &mut Vec<Problem>) -> HashMap<String, Option<ComparatorKind>> {
    let mut known: HashMap<String, Option<ComparatorKind>> = HashMap::with_capacity(bundle.comparators.len());
    for (i, c) in bundle.comparators.iter().enumerate() {
        let at = |field: &str| format!("comparators[{i}].{field}");
        required(out, || at("id"), &c.id);
        required(out, || at("label"), &c.label);
        for (field, value) in [("id", Some(&c.id)), ("label", Some(&c.label)), ("code", c.code.as_ref())] {
            short(out, || at(field), value);
        }
        let kind = match &c.kind {
            None => {
                out.push(
                    Problem::of(ProblemKind::Missing, at("kind"), "a comparator's kind is required")
                        .expected(words(ComparatorKind::WORDS)),
                );
                None
            }
            Some(k) => {
                word(out, || at("kind"), k.as_str(), ComparatorKind::WHAT, ComparatorKind::WORDS);
                (!matches!(k, ComparatorKind::Unknown(_))).then(|| k.clone())
            }
        };
        if !c.id.is_empty() {
            if known.contains_key(&c.id) {
                out.push(
                    Problem::of(ProblemKind::Duplicate, at("id"), "duplicate comparator id")
                        .found(quote(&c.id))
                        .fix("give each comparator its own id"),
                );
            } else {
                known.insert(c.id.clone(), kind);
            }
        }
    }
    let mut groups = HashSet::new();
    for (i, g) in bundle.peer_groups.iter().enumerate() {
        let at = |field: &str| format!("peer_groups[{i}].{field}");
        if g.id.is_empty() {
            required(out, || at("id"), "");
        } else {
            comparator_of_kind(out, || at("id"), &g.id, &known, &ComparatorKind::PeerGroup);
            if !groups.insert(g.id.as_str()) {
                out.push(
                    Problem::of(ProblemKind::Duplicate, at("id"), "a second peer group of this id")
                        .found(quote(&g.id))
                        .fix("list each peer group once, with all its members"),
                );
            }
        }
        let mut members = HashSet::new();
        for (j, m) in g.members.iter().enumerate() {
            let at = || at(&format!("members[{j}]"));
            comparator_of_kind(out, at, m, &known, &ComparatorKind::PeerArea);
            if !members.insert(m.as_str()) {
                out.push(
                    Problem::of(ProblemKind::Duplicate, at(), "a member listed twice in one group")
                        .found(quote(m))
                        .fix("list each member of a group once"),
                );
            }
        }
    }
    known
}

/// `id` names a comparator, and one of kind `kind`.
fn comparator_of_kind(
    out: &mut Vec<Problem>,
    path: impl FnOnce() -> String,
    id: &str,
    known: &HashMap<String, Option<ComparatorKind>>,
    kind: &ComparatorKind,
) {
    match known.get(id) {
        None => out.push(
            Problem::of(ProblemKind::UnknownId, path(), "no comparator has this id")
                .found(quote(id))
                .expected(comparator_ids(known))
                .fix(ADD_COMPARATOR),
        ),
        Some(Some(k)) if k != kind => out.push(
            Problem::of(
                ProblemKind::Inconsistent,
                path(),
                format!("this comparator is not of kind {}", quote(kind.as_str())),
            )
            .found(format!("{} of kind {}", quote(id), quote(k.as_str())))
            .expected(format!("a comparator of kind {}", quote(kind.as_str()))),
        ),
        Some(_) => {}
    }
}

/// What to do about a comparator id that names none.
const ADD_COMPARATOR: &str = "correct the id, or add a comparator with this id";

/// "one of ..." for the comparator ids of a bundle, listed when few.
fn comparator_ids(known: &HashMap<String, Option<ComparatorKind>>) -> String {
    if known.is_empty() {
        return "an id listed in comparators (this bundle lists none)".to_string();
    }
    if known.len() <= 12 {
        let mut names: Vec<&str> = known.keys().map(String::as_str).collect();
        names.sort();
        format!("one of {}", words(&names))
    } else {
        format!("one of the {} comparator ids of this bundle", known.len())
    }
}

/// Checks the items in `range`. Paths are only written out for a problem: a valid
/// 10,000-item bundle has half a million points to check.
pub fn items(bundle: &Bundle, range: std::ops::Range<usize>, known: &Known, out: &mut Vec<Problem>) {
    use crate::bundle::{Benchmark, Kind, Polarity, Rag, Scope, TargetDirection, Trend, ValueType};
    for i in range {
        let item = &bundle.items[i];
        let at = |field: &str| format!("items[{i}].{field}");
        required(out, || at("id"), &item.id);
        required(out, || at("title"), &item.title);
        for (field, value) in [
            ("id", Some(&item.id)),
            ("title", Some(&item.title)),
            ("code", item.code.as_ref()),
            ("lead", item.lead.as_ref()),
            ("unit", item.unit.as_ref()),
            ("comparator_label", item.comparator_label.as_ref()),
        ] {
            short(out, || at(field), value);
        }
        if item.workstream.is_empty() {
            required(out, || at("workstream"), "");
        } else {
            reference(out, || at("workstream"), "workstream", &item.workstream, &known.workstreams);
        }
        match &item.kind {
            None => {
                out.push(Problem::of(ProblemKind::Missing, at("kind"), "kind is required").expected(words(Kind::WORDS)))
            }
            Some(k) => word(out, || at("kind"), k.as_str(), Kind::WHAT, Kind::WORDS),
        }
        if let Some(s) = &item.scope {
            word(out, || at("scope"), s.as_str(), Scope::WHAT, Scope::WORDS);
        }
        if let Some(p) = &item.polarity {
            word(out, || at("polarity"), p.as_str(), Polarity::WHAT, Polarity::WORDS);
        }
        if let Some(parent) = &item.parent {
            match known.ids.get(parent.as_str()) {
                None => out.push(
                    Problem::of(ProblemKind::UnknownId, at("parent"), "parent does not name an item of this bundle")
                        .found(quote(parent))
                        .fix("correct the parent to another item's id, or leave it empty"),
                ),
                Some(&j) if j == i => out.push(
                    Problem::of(ProblemKind::Inconsistent, at("parent"), "an item cannot be its own parent")
                        .found(quote(parent))
                        .fix("set the parent to another item's id, or leave it empty"),
                ),
                Some(_) => {}
            }
        }

        let mut assessed = HashSet::new();
        for (j, a) in item.assessments.iter().enumerate() {
            let at = |field: &str| at(&format!("assessments[{j}].{field}"));
            if a.period.is_empty() {
                required(out, || at("period"), "");
            } else {
                reference(out, || at("period"), "period", &a.period, &known.periods);
                if !assessed.insert(a.period.as_str()) {
                    out.push(
                        Problem::of(ProblemKind::Duplicate, at("period"), "the item is assessed twice in one period")
                            .found(quote(&a.period))
                            .fix("keep one assessment of the item for each period"),
                    );
                }
            }
            long(out, || at("commentary"), a.commentary.as_ref());
            if let Some(r) = &a.rag {
                word(out, || at("rag"), r.as_str(), Rag::WHAT, Rag::WORDS);
            }
            if let Some(t) = &a.trend {
                word(out, || at("trend"), t.as_str(), Trend::WHAT, Trend::WORDS);
            }
            if let Some(b) = &a.benchmark {
                word(out, || at("benchmark"), b.as_str(), Benchmark::WHAT, Benchmark::WORDS);
            }
        }

        points(out, |j, field| at(&format!("series[{j}].{field}")), |j| format!("series[{j}]"), &item.series);

        for (id, series) in &item.comparisons {
            let key = || at(&format!("comparisons.{id}"));
            match known.comparators.get(id) {
                None => out.push(
                    Problem::of(ProblemKind::UnknownId, key(), "no comparator has this id")
                        .found(quote(id))
                        .expected(comparator_ids(&known.comparators))
                        .fix(ADD_COMPARATOR),
                ),
                Some(Some(ComparatorKind::PeerGroup)) => out.push(
                    Problem::of(
                        ProblemKind::Inconsistent,
                        key(),
                        "a peer group has no series of its own: its members' series are compared",
                    )
                    .found(quote(id))
                    .expected("a comparator of kind \"national\", \"region\", \"peer_area\" or \"other\"")
                    .fix("give the series of each member of the group instead"),
                ),
                Some(_) => {}
            }
            points(
                out,
                |j, field| at(&format!("comparisons.{id}[{j}].{field}")),
                |j| format!("comparisons.{id}[{j}]"),
                series,
            );
        }
        if let Some(id) = &item.benchmark_comparator {
            if !known.comparators.contains_key(id) {
                out.push(
                    Problem::of(ProblemKind::UnknownId, at("benchmark_comparator"), "no comparator has this id")
                        .found(quote(id))
                        .expected(comparator_ids(&known.comparators))
                        .fix(ADD_COMPARATOR),
                );
            }
        }
        if let Some(v) = &item.value_type {
            word(out, || at("value_type"), v.as_str(), ValueType::WHAT, ValueType::WORDS);
        }
        if let Some(rule) = &item.target_rule {
            match &rule.direction {
                None => out.push(
                    Problem::of(ProblemKind::Missing, at("target_rule.direction"), "a target rule needs a direction")
                        .expected(words(TargetDirection::WORDS)),
                ),
                Some(d) => {
                    word(out, || at("target_rule.direction"), d.as_str(), TargetDirection::WHAT, TargetDirection::WORDS)
                }
            }
            if let Some(a) = rule.amber_within.filter(|a| !(a.is_finite() && *a >= 0.0)) {
                out.push(
                    Problem::new(at("target_rule.amber_within"), "amber_within is a percentage of the target")
                        .found(a.to_string())
                        .expected("a finite number, 0 or more"),
                );
            }
        }
        if let Some(updated) = &item.updated {
            date(out, || at("updated"), updated);
        }
        short(out, || at("next_update"), item.next_update.as_ref());
    }
}

/// Checks one series of points (an item's own, or a comparator's): dates parse and are not
/// repeated, numbers are finite, limits in order. A value outside its limits is only a
/// warning ([`warnings`]). `at(j, field)` names a point's field.
/// `name(j)` names a point in a message ("series[3]").
fn points(
    out: &mut Vec<Problem>,
    at: impl Fn(usize, &str) -> String,
    name: impl Fn(usize) -> String,
    series: &[Point],
) {
    let mut dates = HashMap::with_capacity(series.len());
    for (j, p) in series.iter().enumerate() {
        let at = |field: &str| at(j, field);
        short(out, || at("label"), p.label.as_ref());
        if let Some(d) = date(out, || at("date"), &p.date) {
            if let Some(first) = dates.insert(d, j) {
                out.push(
                    Problem::of(
                        ProblemKind::Duplicate,
                        at("date"),
                        format!("a second value for the date of {}", name(first)),
                    )
                    .found(quote(&p.date))
                    .fix("keep one value for each date"),
                );
            }
        }
        for (name, v) in [
            ("value", p.value),
            ("lower", p.lower),
            ("upper", p.upper),
            ("benchmark", p.benchmark),
            ("target", p.target),
            ("count", p.count),
            ("denominator", p.denominator),
        ] {
            if let Some(v) = v.filter(|v| !v.is_finite()) {
                out.push(Problem::new(at(name), "numbers must be finite").found(v.to_string()).expected("a number"));
            }
        }
        if let (Some(lo), Some(hi)) = (p.lower, p.upper) {
            if lo > hi {
                out.push(
                    Problem::of(
                        ProblemKind::Inconsistent,
                        at("lower"),
                        "the lower confidence limit is above the upper",
                    )
                    .found(format!("lower {lo}, upper {hi}"))
                    .expected("lower <= value <= upper")
                    .fix("correct the limits from the source of the figures"),
                );
            }
        }
    }
}

/// What is wrong but kept: a value outside its own 95% limits. Official statistics as
/// published sometimes put a value a rounding step outside them (England's children in
/// low income families, 2016: value 17, limits 17.03 to 17.07), so this is a warning
/// naming the place, never a reason to refuse the bundle; the point is kept as published.
pub fn warnings(bundle: &Bundle) -> Vec<Problem> {
    let mut out = Vec::new();
    for (i, item) in bundle.items.iter().enumerate() {
        outside_limits(&mut out, |j, field| format!("items[{i}].series[{j}].{field}"), &item.series);
        for (id, series) in &item.comparisons {
            outside_limits(&mut out, |j, field| format!("items[{i}].comparisons.{id}[{j}].{field}"), series);
        }
    }
    out
}

/// What to do about a value outside its own limits: it is kept, so only check it.
pub const OUTSIDE_LIMITS: &str =
    "check the figures against their source; if they are as published, nothing needs changing";

/// A value below its lower limit or above its upper one, named at that limit.
fn outside_limits(out: &mut Vec<Problem>, at: impl Fn(usize, &str) -> String, series: &[Point]) {
    for (j, p) in series.iter().enumerate().filter(|(_, p)| p.outside_its_limits()) {
        let at = |field: &str| at(j, field);
        let Some(v) = p.value else { continue };
        if let Some(lo) = p.lower.filter(|&lo| lo > v) {
            out.push(
                Problem::of(ProblemKind::Inconsistent, at("lower"), "the lower confidence limit is above the value")
                    .found(format!("lower {lo}, value {v}"))
                    .expected("lower <= value <= upper")
                    .fix(OUTSIDE_LIMITS),
            );
        }
        if let Some(hi) = p.upper.filter(|&hi| hi < v) {
            out.push(
                Problem::of(ProblemKind::Inconsistent, at("upper"), "the upper confidence limit is below the value")
                    .found(format!("value {v}, upper {hi}"))
                    .expected("lower <= value <= upper")
                    .fix(OUTSIDE_LIMITS),
            );
        }
    }
}

/// Checks the context sections.
pub fn tail(bundle: &Bundle, known: &Known, out: &mut Vec<Problem>) {
    for (i, c) in bundle.context.iter().enumerate() {
        let at = |field: &str| format!("context[{i}].{field}");
        if c.period.is_empty() {
            required(out, || at("period"), "");
        } else {
            reference(out, || at("period"), "period", &c.period, &known.periods);
        }
        required(out, || at("heading"), &c.heading);
        short(out, || at("heading"), Some(&c.heading));
        for (j, entry) in c.entries.iter().enumerate() {
            long(out, || at(&format!("entries[{j}]")), Some(entry));
        }
    }
}

fn header(bundle: &Bundle, out: &mut Vec<Problem>) {
    if bundle.format != FORMAT {
        out.push(
            Problem::new("format", "this is not a scorecard bundle")
                .found(quote(&bundle.format))
                .expected(quote(FORMAT))
                .fix(NOT_A_BUNDLE),
        );
    }
    out.extend(version_problem(bundle.version));
}

/// What to do about a file that is not a scorecard bundle.
pub const NOT_A_BUNDLE: &str = "open a scorecard bundle, or download the bundle again from its publisher";

/// The version rule on its own, also used when a newer bundle does not even parse.
pub fn version_problem(version: i64) -> Option<Problem> {
    if version > VERSION {
        Some(
            Problem::of(ProblemKind::Newer, "version", "made for a newer viewer: this viewer reads version 1")
                .found(version.to_string())
                .expected(VERSION.to_string())
                .fix(ProblemKind::Newer.fix()),
        )
    } else if version == 0 {
        Some(
            Problem::of(ProblemKind::Missing, "version", "the format version is required")
                .expected(VERSION.to_string())
                .fix(format!("add \"version\": {VERSION} after \"format\"")),
        )
    } else if version < 1 {
        Some(
            Problem::new("version", "version must be a whole number from 1")
                .found(version.to_string())
                .expected(VERSION.to_string()),
        )
    } else {
        None
    }
}

fn short(out: &mut Vec<Problem>, path: impl FnOnce() -> String, value: Option<&String>) {
    too_long(out, path, value, MAX_SHORT_TEXT);
}

fn long(out: &mut Vec<Problem>, path: impl FnOnce() -> String, value: Option<&String>) {
    too_long(out, path, value, MAX_LONG_TEXT);
}

/// A text over `max` characters is a problem naming its field. Bytes are counted first:
/// a text of at most `max` bytes is short enough, whatever its characters.
fn too_long(out: &mut Vec<Problem>, path: impl FnOnce() -> String, value: Option<&String>, max: usize) {
    let Some(value) = value.filter(|v| v.len() > max) else { return };
    let chars = value.chars().count();
    if chars > max {
        out.push(
            Problem::of(
                ProblemKind::TooMany { what: Counted::Characters, limit: max as u64 },
                path(),
                "this text is too long",
            )
            .found(format!("{chars} characters"))
            .expected(format!("at most {max} characters")),
        );
    }
}

/// Characters that take no room on the screen (zero-width spaces and joiners, the word
/// joiner, the byte-order mark, the soft hyphen) or only change the direction of text
/// (marks, embeddings, overrides, isolates): a title with them can pass for another.
fn invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// A text as it looks: without its invisible characters.
fn visible(text: &str) -> String {
    text.chars().filter(|&c| !invisible(c)).collect()
}

fn required(out: &mut Vec<Problem>, path: impl FnOnce() -> String, value: &str) {
    if value.trim().is_empty() {
        out.push(Problem::of(ProblemKind::Missing, path(), "this is required but empty").fix("fill it in"));
    }
}

fn reference(out: &mut Vec<Problem>, path: impl FnOnce() -> String, what: &str, value: &str, known: &HashSet<String>) {
    if !known.contains(value) {
        // Listed only when short: sorting 5,000 workstream ids for each of 100,000
        // dangling items took minutes.
        let expected = if known.len() <= 12 {
            let mut names: Vec<&str> = known.iter().map(String::as_str).collect();
            names.sort();
            format!("one of {}", words(&names))
        } else {
            format!("one of the {} {what} ids of this bundle", known.len())
        };
        out.push(
            Problem::of(ProblemKind::UnknownId, path(), format!("no {what} has this id"))
                .found(quote(value))
                .expected(expected)
                .fix(format!("correct the id, or add a {what} with this id")),
        );
    }
}

fn word(out: &mut Vec<Problem>, path: impl FnOnce() -> String, found: &str, what: &str, accepted: &[&str]) {
    if !accepted.contains(&found) {
        out.push(
            Problem::of(ProblemKind::UnknownWord, path(), format!("unknown {what}"))
                .found(quote(found))
                .expected(words(accepted)),
        );
    }
}

fn date(out: &mut Vec<Problem>, path: impl FnOnce() -> String, text: &str) -> Option<IsoDate> {
    match IsoDate::parse(text) {
        Ok(d) => Some(d),
        Err(why) => {
            let message = match why {
                DateError::Form => "not a date".to_string(),
                why => format!("not a date: {}", why.reason()),
            };
            out.push(Problem::new(path(), message).found(quote(text)).expected(FORMS));
            None
        }
    }
}

fn words(list: &[&str]) -> String {
    list.iter().map(|w| quote(w)).collect::<Vec<_>>().join(", ")
}

fn quote(text: &str) -> String {
    crate::bundle::problem::quoted(text)
}
