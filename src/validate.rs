//! Rules of the bundle format that types alone cannot hold. Every rule adds to one list,
//! so a producer sees all the problems of a bundle at once.

use std::collections::{HashMap, HashSet};

use crate::bundle::{Bundle, FORMAT, VERSION};
use crate::date::IsoDate;
use crate::problem::Problem;

/// Checks a parsed bundle; an empty list means it is valid.
pub fn validate(bundle: &Bundle) -> Vec<Problem> {
    let mut out = Vec::new();
    header(bundle, &mut out);
    required(&mut out, "board.name", &bundle.board.name);
    required(&mut out, "board.area", &bundle.board.area);

    let mut periods = HashSet::new();
    if bundle.periods.is_empty() {
        out.push(Problem::new("periods", "a bundle needs at least one reporting period"));
    }
    for (i, p) in bundle.periods.iter().enumerate() {
        let at = format!("periods[{i}]");
        required(&mut out, &format!("{at}.id"), &p.id);
        required(&mut out, &format!("{at}.label"), &p.label);
        date(&mut out, &format!("{at}.end"), &p.end);
        if !p.id.is_empty() && !periods.insert(p.id.as_str()) {
            out.push(Problem::new(format!("{at}.id"), "duplicate period id").found(quote(&p.id)));
        }
    }

    let mut workstreams = HashSet::new();
    for (i, w) in bundle.workstreams.iter().enumerate() {
        let at = format!("workstreams[{i}]");
        required(&mut out, &format!("{at}.id"), &w.id);
        required(&mut out, &format!("{at}.label"), &w.label);
        required(&mut out, &format!("{at}.title"), &w.title);
        if !w.id.is_empty() && !workstreams.insert(w.id.as_str()) {
            out.push(Problem::new(format!("{at}.id"), "duplicate workstream id").found(quote(&w.id)));
        }
        for period in w.headlines.keys() {
            reference(&mut out, &format!("{at}.headlines.{period}"), "period", period, &periods);
        }
    }

    let mut ids: HashMap<&str, usize> = HashMap::new();
    for (i, item) in bundle.items.iter().enumerate() {
        if !item.id.is_empty() && ids.insert(item.id.as_str(), i).is_some() {
            out.push(Problem::new(format!("items[{i}].id"), "duplicate item id").found(quote(&item.id)));
        }
    }
    for (i, item) in bundle.items.iter().enumerate() {
        let at = format!("items[{i}]");
        required(&mut out, &format!("{at}.id"), &item.id);
        required(&mut out, &format!("{at}.title"), &item.title);
        if item.workstream.is_empty() {
            required(&mut out, &format!("{at}.workstream"), "");
        } else {
            reference(&mut out, &format!("{at}.workstream"), "workstream", &item.workstream, &workstreams);
        }
        match &item.kind {
            None => out.push(
                Problem::new(format!("{at}.kind"), "kind is required").expected(words(crate::bundle::Kind::WORDS)),
            ),
            Some(k) => word(&mut out, &format!("{at}.kind"), k.as_str(), crate::bundle::Kind::WHAT, crate::bundle::Kind::WORDS),
        }
        if let Some(s) = &item.scope {
            word(&mut out, &format!("{at}.scope"), s.as_str(), crate::bundle::Scope::WHAT, crate::bundle::Scope::WORDS);
        }
        if let Some(p) = &item.polarity {
            word(&mut out, &format!("{at}.polarity"), p.as_str(), crate::bundle::Polarity::WHAT, crate::bundle::Polarity::WORDS);
        }
        if let Some(parent) = &item.parent {
            let path = format!("{at}.parent");
            match ids.get(parent.as_str()) {
                None => out.push(Problem::new(path, "parent does not name an item of this bundle").found(quote(parent))),
                Some(&j) if j == i => out.push(Problem::new(path, "an item cannot be its own parent").found(quote(parent))),
                Some(_) => {}
            }
        }

        let mut assessed = HashSet::new();
        for (j, a) in item.assessments.iter().enumerate() {
            let at = format!("{at}.assessments[{j}]");
            if a.period.is_empty() {
                required(&mut out, &format!("{at}.period"), "");
            } else {
                reference(&mut out, &format!("{at}.period"), "period", &a.period, &periods);
                if !assessed.insert(a.period.as_str()) {
                    out.push(
                        Problem::new(format!("{at}.period"), "the item is assessed twice in one period").found(quote(&a.period)),
                    );
                }
            }
            use crate::bundle::{Benchmark, Rag, Trend};
            if let Some(r) = &a.rag {
                word(&mut out, &format!("{at}.rag"), r.as_str(), Rag::WHAT, Rag::WORDS);
            }
            if let Some(t) = &a.trend {
                word(&mut out, &format!("{at}.trend"), t.as_str(), Trend::WHAT, Trend::WORDS);
            }
            if let Some(b) = &a.benchmark {
                word(&mut out, &format!("{at}.benchmark"), b.as_str(), Benchmark::WHAT, Benchmark::WORDS);
            }
        }

        let mut dates = HashMap::new();
        for (j, p) in item.series.iter().enumerate() {
            let at = format!("{at}.series[{j}]");
            if let Some(d) = date(&mut out, &format!("{at}.date"), &p.date) {
                if let Some(first) = dates.insert(d, j) {
                    out.push(
                        Problem::new(format!("{at}.date"), format!("a second value for the date of series[{first}]"))
                            .found(quote(&p.date)),
                    );
                }
            }
            for (name, v) in [("value", p.value), ("lower", p.lower), ("upper", p.upper), ("benchmark", p.benchmark), ("target", p.target), ("count", p.count), ("denominator", p.denominator)] {
                if let Some(v) = v.filter(|v| !v.is_finite()) {
                    out.push(Problem::new(format!("{at}.{name}"), "numbers must be finite").found(v.to_string()));
                }
            }
            if let (Some(lo), Some(hi)) = (p.lower, p.upper) {
                if lo > hi {
                    out.push(
                        Problem::new(format!("{at}.lower"), "the lower confidence limit is above the upper")
                            .found(format!("lower {lo}, upper {hi}"))
                            .expected("lower <= value <= upper"),
                    );
                }
            }
            if let Some(v) = p.value {
                if let Some(lo) = p.lower.filter(|&lo| lo > v) {
                    out.push(
                        Problem::new(format!("{at}.lower"), "the lower confidence limit is above the value")
                            .found(format!("lower {lo}, value {v}"))
                            .expected("lower <= value <= upper"),
                    );
                }
                if let Some(hi) = p.upper.filter(|&hi| hi < v) {
                    out.push(
                        Problem::new(format!("{at}.upper"), "the upper confidence limit is below the value")
                            .found(format!("value {v}, upper {hi}"))
                            .expected("lower <= value <= upper"),
                    );
                }
            }
        }
    }

    for (i, c) in bundle.context.iter().enumerate() {
        let at = format!("context[{i}]");
        if c.period.is_empty() {
            required(&mut out, &format!("{at}.period"), "");
        } else {
            reference(&mut out, &format!("{at}.period"), "period", &c.period, &periods);
        }
        required(&mut out, &format!("{at}.heading"), &c.heading);
    }
    out
}

fn header(bundle: &Bundle, out: &mut Vec<Problem>) {
    if bundle.format != FORMAT {
        out.push(
            Problem::new("format", "this is not a scorecard bundle")
                .found(quote(&bundle.format))
                .expected(quote(FORMAT)),
        );
    }
    out.extend(version_problem(bundle.version));
}

/// The version rule on its own, also used when a newer bundle does not even parse.
pub fn version_problem(version: i64) -> Option<Problem> {
    if version > VERSION {
        Some(
            Problem::new("version", "made for a newer viewer: this viewer reads version 1")
                .found(version.to_string())
                .expected(VERSION.to_string()),
        )
    } else if version == 0 {
        Some(Problem::new("version", "the format version is required").expected(VERSION.to_string()))
    } else if version < 1 {
        Some(Problem::new("version", "version must be a whole number from 1").found(version.to_string()).expected("1"))
    } else {
        None
    }
}

fn required(out: &mut Vec<Problem>, path: &str, value: &str) {
    if value.trim().is_empty() {
        out.push(Problem::new(path, "a non-empty text is required here"));
    }
}

fn reference(out: &mut Vec<Problem>, path: &str, what: &str, value: &str, known: &HashSet<&str>) {
    if !known.contains(value) {
        let mut names: Vec<&str> = known.iter().copied().collect();
        names.sort();
        let expected = if names.len() <= 12 {
            format!("one of {}", words(&names))
        } else {
            format!("one of the {} {what} ids of this bundle", names.len())
        };
        out.push(Problem::new(path, format!("no {what} has this id")).found(quote(value)).expected(expected));
    }
}

fn word(out: &mut Vec<Problem>, path: &str, found: &str, what: &str, accepted: &[&str]) {
    if !accepted.contains(&found) {
        out.push(Problem::new(path, format!("unknown {what}")).found(quote(found)).expected(words(accepted)));
    }
}

fn date(out: &mut Vec<Problem>, path: &str, text: &str) -> Option<IsoDate> {
    match IsoDate::parse(text) {
        Ok(d) => Some(d),
        Err(why) => {
            out.push(Problem::new(path, format!("not a date: {why}")).found(quote(text)));
            None
        }
    }
}

fn words(list: &[&str]) -> String {
    list.iter().map(|w| quote(w)).collect::<Vec<_>>().join(", ")
}

fn quote(text: &str) -> String {
    format!("{text:?}")
}
