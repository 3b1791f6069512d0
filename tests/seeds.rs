//! The default bundle, `bundles/somerset.json`, against the two seed texts it is made from:
//! it loads cleanly, and every action, metric and context entry of the seeds is in it.
//! The expected lists are parsed from the seeds, so removing an item from the bundle fails.

use std::collections::{BTreeMap, BTreeSet};

use scorecard_explorer::bundle::{Bundle, Item, Kind, Rag, Scope, Trend};

const P18: &str = "2018-10";
const P19: &str = "2019-12";

/// The 2019 seed's last block of metrics has no theme name; the bundle gives it this id.
const UNTITLED_BLOCK: &str = "overall";

/// Titles the OCR of the 2019 seed broke over consecutive lines: each is one item.
const JOINED: &[&[&str]] = &[
    &["Develop Memorandum of Understanding -", "Suitable, Healthy and Secure Housing"],
    &["Complete RP work to support the most", "vulnerable with tenures"],
    &["Sign up to Positive about Breastfeeding", "Scheme"],
    &["Reduction in smoking amongst pregnant", "women"],
    &["Reduction in children in low income families", "(U16's)"],
    &["The proportion of families living in workless", "household as well as long-term workless", "households"],
    &["The number of Somerset LSOAs within the 10,", "20 and 30 per cent most deprived in England."],
    &[
        "The IMD rank for Somerset and each of its",
        "composite districts (overall IMD score and each",
        "of the 7 Domains).",
    ],
    &["Suitable : Somerset has a greater match of", "housing type according to need"],
    &["Healthy : Reducing housing with category 1", "hazards"],
    &[
        "Work with the Somerset Growth Board to identify where the HWBB/Improving Lives can",
        "help deliver upon this outcome and the specific objectives.",
    ],
];

/// Lines of the 2019 OCR copy that repeat (often garbled) a neighbouring title: not items.
const OCR_NOISE: &[&str] = &[
    "Assessments",
    "valiciable with tendres",
    "women",
    "Gan in life expectancy between the least and",
    "Gap in life expectancy between the least and",
    "Consider at Time of Delivery (CATOR)",
    "IIIO Innocessia unita for ancial ancia",
];

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn bundle() -> Bundle {
    let text = read("bundles/somerset.json");
    match scorecard_explorer::bundle::load(text.as_bytes()) {
        Ok(b) => b,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
            panic!("bundles/somerset.json has {} problem(s):\n{}", problems.len(), list.join("\n"))
        }
    }
}

/// Whitespace and case do not matter when comparing with the seeds.
fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// One title line (or joined lines) of a seed: what the bundle must hold.
#[derive(Debug, Clone)]
struct Expected {
    period: &'static str,
    /// Workstream label in 2018 ("Workstream 3"), theme name in 2019 ("Living"), or
    /// `None` for the untitled 2019 block.
    group: Option<String>,
    kind: Kind,
    scope: Option<Scope>,
    code: Option<String>,
    title: String,
    /// 2019 only: the symbols printed on the item's lines and on text-less lines after it.
    symbols: Vec<String>,
}

// ---------------------------------------------------------------------------------------
// 2018: a tab-separated table; each column is a workstream.

struct Seed2018 {
    /// (label, aim, lead) per column.
    heads: Vec<(String, String, String)>,
    items: Vec<Expected>,
    /// Context heading (without the colon) and its entries, in order.
    context: Vec<(String, Vec<String>)>,
    headlines: Vec<String>,
}

fn cells(line: &str) -> Vec<&str> {
    line.split('\t').map(str::trim).collect()
}

fn parse_2018() -> Seed2018 {
    let text = read("tests/seeds/somerset-hwb-scorecard-2018-10.txt");
    let lines: Vec<&str> = text.lines().collect();

    // Board table: three context columns, then the headlines column.
    let top = lines.iter().position(|l| l.starts_with("Statutory Duties and Functions:")).expect("context header row");
    let first = cells(lines[top]);
    let mut context: Vec<(String, Vec<String>)> =
        first[..3].iter().map(|h| (h.trim_end_matches(':').to_string(), Vec::new())).collect();
    let mut headlines = vec![first[3].to_string()];
    for line in lines[top + 1..].iter().take_while(|l| !l.trim().is_empty()) {
        let row = cells(line);
        for (c, cell) in row.iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
            match c {
                0..=2 => context[c].1.push(cell.to_string()),
                3 => headlines.push(cell.to_string()),
                _ => panic!("unexpected cell in column {c} of the board table: {cell}"),
            }
        }
    }

    // Workstream table.
    let start = lines.iter().position(|l| l.starts_with("Priority Workstreams")).expect("workstream table");
    let head_row = cells(lines[start + 1]);
    let lead_row = cells(lines[start + 2]);
    let heads: Vec<(String, String, String)> = head_row
        .iter()
        .zip(&lead_row)
        .map(|(h, l)| {
            let (label, aim) = h.split_once(": ").expect("Workstream N: aim");
            let lead = l.strip_prefix("Lead Manager: ").expect("Lead Manager: name");
            (label.to_string(), aim.to_string(), lead.to_string())
        })
        .collect();
    assert_eq!(heads.len(), 6, "the 2018 seed has six workstream columns");

    #[derive(Clone, Copy)]
    enum Block {
        Actions,
        Local,
        National,
    }
    let mut block = None;
    let mut items = Vec::new();
    for line in &lines[start + 3..] {
        let row = cells(line);
        let filled: Vec<&str> = row.iter().copied().filter(|c| !c.is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        if filled.iter().all(|c| *c == "Actions") {
            block = Some(Block::Actions);
            continue;
        }
        if filled.iter().all(|c| c.starts_with("Local Measures")) {
            block = Some(Block::Local);
            continue;
        }
        if filled.iter().all(|c| c.starts_with("National Measures")) {
            block = Some(Block::National);
            continue;
        }
        let block = block.expect("a row before the Actions heading");
        for (c, cell) in row.iter().enumerate() {
            // Sub-headings ("Action 1:", "Prevention Work:") group measures; they are not items.
            if cell.is_empty() || *cell == "None" || cell.ends_with(':') {
                continue;
            }
            let group = Some(heads[c].0.clone());
            let expected = match block {
                Block::Actions => Expected {
                    period: P18,
                    group,
                    kind: Kind::Action,
                    scope: None,
                    code: None,
                    title: cell.to_string(),
                    symbols: vec![],
                },
                Block::Local => Expected {
                    period: P18,
                    group,
                    kind: Kind::Metric,
                    scope: Some(Scope::Local),
                    code: None,
                    title: cell.to_string(),
                    symbols: vec![],
                },
                Block::National => {
                    // "NHSOF 3.2 Emergency re-admissions ...": a scheme, a number, the title.
                    let mut words = cell.splitn(3, ' ');
                    let (scheme, number, title) = (words.next().unwrap(), words.next().unwrap(), words.next().unwrap());
                    assert!(scheme.chars().all(|ch| ch.is_ascii_uppercase()), "indicator scheme in {cell:?}");
                    assert!(number.chars().all(|ch| ch.is_ascii_digit() || ch == '.'), "indicator number in {cell:?}");
                    Expected {
                        period: P18,
                        group,
                        kind: Kind::Metric,
                        scope: Some(Scope::National),
                        code: Some(format!("{scheme} {number}")),
                        title: title.to_string(),
                        symbols: vec![],
                    }
                }
            };
            items.push(expected);
        }
    }
    Seed2018 { heads, items, context, headlines }
}

// ---------------------------------------------------------------------------------------
// 2019: blocks separated by blank lines; a theme name, then Actions / Metrics headings,
// each line a title and its symbol(s) in further tab-separated cells.

struct Line19 {
    group: Option<String>,
    kind: Kind,
    text: String,
    symbols: Vec<String>,
}

fn parse_2019() -> Vec<Expected> {
    let text = read("tests/seeds/somerset-hwb-scorecard-2019-12.txt");
    let mut raw: Vec<Line19> = Vec::new();
    let mut group: Option<String> = None;
    let mut kind: Option<Kind> = None;
    let mut block_start = true;
    for line in text.lines() {
        if line.starts_with("##") {
            continue;
        }
        let row = cells(line);
        let title = row[0];
        let symbols: Vec<String> = row[1..].iter().filter(|s| !s.is_empty()).map(|s| s.to_string()).collect();
        if title.is_empty() && symbols.is_empty() {
            block_start = true;
            continue;
        }
        if title == "Compared to Benchmark" {
            break; // the legend
        }
        match title {
            "Actions" => kind = Some(Kind::Action),
            "Metrics" => kind = Some(Kind::Metric),
            _ if block_start => {
                group = Some(title.to_string());
                kind = None;
            }
            "" => {
                // A line holding only symbols: they belong to the title above.
                raw.last_mut().expect("symbols before any title").symbols.extend(symbols);
            }
            _ => raw.push(Line19 {
                group: group.clone(),
                kind: kind.clone().unwrap_or_else(|| panic!("{title:?} is under no Actions/Metrics heading")),
                text: title.to_string(),
                symbols,
            }),
        }
        if block_start && (title == "Actions" || title == "Metrics") {
            group = None; // a block that starts with a heading has no theme name
        }
        block_start = false;
    }

    // Join the lines the OCR broke, then drop its duplicates.
    let mut used = vec![false; JOINED.len()];
    let mut joined: Vec<Line19> = Vec::new();
    let mut i = 0;
    while i < raw.len() {
        let hit = JOINED
            .iter()
            .position(|parts| parts.len() <= raw.len() - i && parts.iter().zip(&raw[i..]).all(|(p, l)| l.text == *p));
        match hit {
            Some(j) => {
                used[j] = true;
                let parts = &raw[i..i + JOINED[j].len()];
                joined.push(Line19 {
                    group: parts[0].group.clone(),
                    kind: parts[0].kind.clone(),
                    text: JOINED[j].join(" "),
                    symbols: parts.iter().flat_map(|l| l.symbols.clone()).collect(),
                });
                i += JOINED[j].len();
            }
            None => {
                let l = &raw[i];
                joined.push(Line19 {
                    group: l.group.clone(),
                    kind: l.kind.clone(),
                    text: l.text.clone(),
                    symbols: l.symbols.clone(),
                });
                i += 1;
            }
        }
    }
    for (parts, used) in JOINED.iter().zip(used) {
        assert!(used, "the OCR-broken title {parts:?} is not in the 2019 seed any more");
    }
    let mut noise_seen = BTreeSet::new();
    let mut out: Vec<Expected> = Vec::new();
    for l in joined {
        if OCR_NOISE.contains(&l.text.as_str()) {
            noise_seen.insert(l.text);
            continue;
        }
        // The seed lists one metric twice: that is one item.
        if out.iter().any(|e| e.group == l.group && e.kind == l.kind && norm(&e.title) == norm(&l.text)) {
            continue;
        }
        out.push(Expected {
            period: P19,
            group: l.group,
            kind: l.kind,
            scope: None,
            code: None,
            title: l.text,
            symbols: l.symbols,
        });
    }
    assert_eq!(noise_seen.len(), OCR_NOISE.len(), "every OCR noise line is in the seed: found {noise_seen:?}");
    out
}

// ---------------------------------------------------------------------------------------

fn group_of<'a>(b: &'a Bundle, item: &Item) -> (&'a str, &'a str) {
    let w = b.workstreams.iter().find(|w| w.id == item.workstream).expect("workstream resolves");
    (w.id.as_str(), w.label.as_str())
}

fn matches(b: &Bundle, item: &Item, e: &Expected) -> bool {
    let (id, label) = group_of(b, item);
    let group_ok = match &e.group {
        Some(g) => norm(label) == norm(g),
        None => id == UNTITLED_BLOCK,
    };
    group_ok
        && item.kind.as_ref() == Some(&e.kind)
        && norm(&item.title) == norm(&e.title)
        && item.scope == e.scope
        && item.code.as_deref().map(norm) == e.code.as_deref().map(norm)
}

/// Every expected title has exactly one item; returns item id -> periods it is expected in.
fn match_all(b: &Bundle, expected: &[Expected]) -> BTreeMap<String, BTreeSet<&'static str>> {
    let mut found: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    let mut missing = Vec::new();
    for e in expected {
        let hits: Vec<&Item> = b.items.iter().filter(|item| matches(b, item, e)).collect();
        match hits.as_slice() {
            [item] => {
                found.entry(item.id.clone()).or_default().insert(e.period);
            }
            [] => missing.push(format!("{} {:?} {:?}: {:?}", e.period, e.group, e.kind, e.title)),
            many => missing.push(format!(
                "{} {:?}: {} items match ({})",
                e.period,
                e.title,
                many.len(),
                many.iter().map(|i| i.id.as_str()).collect::<Vec<_>>().join(", ")
            )),
        }
    }
    assert!(missing.is_empty(), "seed titles without exactly one item in the bundle:\n{}", missing.join("\n"));
    found
}

#[test]
fn bundle_loads_without_problems() {
    let b = bundle();
    assert_eq!(b.format, "hwb-scorecard");
    assert_eq!(b.version, 1);
    assert_eq!(b.board.name, "Somerset Health and Wellbeing Board");
    assert_eq!(b.board.area, "Somerset");
    let vision_line = read("tests/seeds/somerset-hwb-scorecard-2018-10.txt")
        .lines()
        .find(|l| l.starts_with("The Vision for health and wellbeing"))
        .expect("vision line")
        .to_string();
    let vision = b.board.vision.as_deref().expect("vision");
    assert!(vision.len() > 100 && vision_line.contains(vision), "the vision is the seed's text: {vision:?}");
}

#[test]
fn every_seed_item_is_in_the_bundle() {
    let b = bundle();
    let s18 = parse_2018();
    let s19 = parse_2019();
    assert!(s18.items.len() > 60, "2018 parse found {} items", s18.items.len());
    assert!(s19.len() > 80, "2019 parse found {} items", s19.len());

    let mut expected = s18.items.clone();
    expected.extend(s19.iter().cloned());
    let found = match_all(&b, &expected);

    // Every item comes from a seed, and is assessed in exactly the periods it appears in.
    for item in &b.items {
        let periods =
            found.get(&item.id).unwrap_or_else(|| panic!("item {} ({:?}) is in neither seed", item.id, item.title));
        let assessed: BTreeSet<&str> = item.assessments.iter().map(|a| a.period.as_str()).collect();
        assert_eq!(&assessed, periods, "assessments of {}", item.id);
    }

    // 2019 states no RAG; its trend is read only where the legend makes it certain.
    for e in &s19 {
        let item = b.items.iter().find(|i| matches(&b, i, e)).unwrap();
        let a = item.assessment(P19).unwrap();
        assert_eq!(a.rag, Some(Rag::NotRated), "{}: the 2019 seed states no RAG", item.id);
        let certain = |s: &str| match s {
            "•" => Some(Trend::Improving),
            "→" | "<b>→</b>" => Some(Trend::Stable),
            _ => None,
        };
        match e.symbols.as_slice() {
            [one] if certain(one).is_some() => {
                assert_eq!(a.trend, certain(one), "{}: symbol {one:?}", item.id);
            }
            [] => assert_eq!(a.trend, Some(Trend::NotKnown), "{}: no symbol", item.id),
            symbols => {
                assert_eq!(a.trend, Some(Trend::NotKnown), "{}: symbols {symbols:?} are not certain", item.id);
                let kept = a
                    .source_symbol
                    .as_deref()
                    .unwrap_or_else(|| panic!("{}: source_symbol keeps {symbols:?}", item.id));
                for s in symbols {
                    assert!(kept.contains(s.as_str()), "{}: source_symbol {kept:?} keeps {s:?}", item.id);
                }
            }
        }
    }
}

#[test]
fn periods_workstreams_and_series() {
    let b = bundle();
    let periods: Vec<(&str, &str, &str)> =
        b.periods.iter().map(|p| (p.id.as_str(), p.label.as_str(), p.end.as_str())).collect();
    assert_eq!(periods, vec![(P18, "October 2018", "2018-10-31"), (P19, "December 2019", "2019-12-31")]);
    assert!(b.source.illustrative, "the values are examples: illustrative must be true");
    assert_eq!(b.source.publisher.as_deref(), Some("Somerset County Council"));

    // Six workstreams of 2018, with the seed's aims and leads and a headline each.
    let s18 = parse_2018();
    for (n, (label, aim, lead)) in s18.heads.iter().enumerate() {
        let w = b.workstreams.iter().find(|w| &w.label == label).unwrap_or_else(|| panic!("workstream {label}"));
        assert_eq!(w.id, format!("ws{}", n + 1));
        assert_eq!(&w.title, aim);
        assert_eq!(w.lead.as_deref(), Some(lead.as_str()));
        assert!(w.headlines.contains_key(P18), "{label} has an October 2018 headline");
    }
    // Seven 2019 themes: six named in the seed and the untitled block.
    let themes = ["Learning", "Caring", "Safe", "Living", "Growing", "Connected"];
    for t in themes {
        assert!(b.workstreams.iter().any(|w| w.label == t), "theme {t}");
    }
    assert!(b.workstreams.iter().any(|w| w.id == UNTITLED_BLOCK));
    assert_eq!(b.workstreams.len(), 6 + 7);

    // Every item is assessed, every assessment names a period.
    for item in &b.items {
        assert!(!item.assessments.is_empty(), "{} has no assessment", item.id);
    }

    // Illustrative series: at least 8 metrics with 8+ points and confidence limits.
    let with_ci = b
        .items
        .iter()
        .filter(|i| i.is_metric() && i.series.len() >= 8)
        .filter(|i| i.series.iter().filter(|p| p.value.is_some()).all(|p| p.lower.is_some() && p.upper.is_some()))
        .count();
    assert!(with_ci >= 8, "{with_ci} metrics have a series of 8+ points with confidence limits");
    assert!(b.items.iter().any(|i| i.series.iter().any(|p| p.value.is_none())), "some series has a missing value");
    for item in b.items.iter().filter(|i| !i.series.is_empty()) {
        assert!(
            item.unit.is_some() && item.polarity.is_some(),
            "{}: a charted metric has a unit and polarity",
            item.id
        );
        for p in &item.series {
            if let (Some(v), Some(c), Some(d)) = (p.value, p.count, p.denominator) {
                assert!((100.0 * c / d - v).abs() < 0.06, "{} {}: {c}/{d} is not {v}%", item.id, p.date);
            }
        }
    }
}

#[test]
fn context_and_headlines_of_2018_are_complete() {
    let b = bundle();
    let s18 = parse_2018();
    assert_eq!(s18.context.len(), 3);
    for (heading, entries) in &s18.context {
        let section = b
            .context
            .iter()
            .find(|c| c.period == P18 && norm(&c.heading) == norm(heading))
            .unwrap_or_else(|| panic!("context section {heading:?} for {P18}"));
        let got: Vec<String> = section.entries.iter().map(|e| norm(e)).collect();
        let want: Vec<String> = entries.iter().map(|e| norm(e)).collect();
        assert_eq!(got, want, "entries of {heading:?}");
    }

    // Each headline paragraph is kept, whole, in a workstream's headline text.
    assert_eq!(s18.headlines.len(), 7);
    for cell in &s18.headlines {
        let text = norm(cell);
        assert!(
            b.workstreams.iter().any(|w| w.headlines.get(P18).is_some_and(|h| norm(h).contains(&text))),
            "headline not kept: {cell:?}"
        );
    }
}
