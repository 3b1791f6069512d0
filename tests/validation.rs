//! The loader against a corpus of broken bundles (`tests/bad/`), one defect per file,
//! each otherwise the valid `tests/good/minimal.json`. Every problem must name the JSON
//! path, the line and column, and say what was found and what is accepted.

use std::path::PathBuf;

use scorecard_explorer::bundle::load::MAX_BYTES;
use scorecard_explorer::bundle::problem::ProblemKind;
use scorecard_explorer::bundle::validate::warnings;
use scorecard_explorer::bundle::warnings::load_with_warnings;
use scorecard_explorer::{load, Bundle, Problem};

fn file(relative: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join(relative);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn minimal_text() -> String {
    String::from_utf8(file("good/minimal.json")).expect("minimal.json is UTF-8")
}

fn minimal() -> Bundle {
    load(&file("good/minimal.json")).unwrap_or_else(|ps| panic!("minimal.json must load, got {ps:#?}"))
}

fn problems_of(bytes: &[u8]) -> Vec<Problem> {
    match load(bytes) {
        Ok(_) => panic!("expected problems, but the bundle loaded"),
        Err(problems) => {
            assert!(!problems.is_empty(), "an error must carry at least one problem");
            problems
        }
    }
}

/// The problems of `tests/bad/<name>`.
fn problems(name: &str) -> Vec<Problem> {
    problems_of(&file(&format!("bad/{name}")))
}

/// The one problem of `tests/bad/<name>`; a defect must not cascade into others.
fn only(name: &str) -> Problem {
    let mut ps = problems(name);
    assert_eq!(ps.len(), 1, "{name}: expected exactly one problem, got {ps:#?}");
    ps.remove(0)
}

fn assert_at(p: &Problem, line: usize, column: usize) {
    assert_eq!((p.line, p.column), (Some(line), Some(column)), "position of {p}");
}

fn found(p: &Problem) -> &str {
    p.found.as_deref().unwrap_or_else(|| panic!("no `found` in {p}"))
}

fn expected(p: &Problem) -> &str {
    p.expected.as_deref().unwrap_or_else(|| panic!("no `expected` in {p}"))
}

fn replace_once(text: &str, old: &str, new: &str) -> String {
    assert_eq!(text.matches(old).count(), 1, "{old:?} must occur once");
    text.replacen(old, new, 1)
}

// ---------------------------------------------------------------------------------------
// The corpus itself

/// Every file of `tests/bad/`, each with a test below.
const CORPUS: &[&str] = &[
    "bad-date.json",
    "dangling-parent.json",
    "dangling-period.json",
    "dangling-workstream.json",
    "duplicate-date.json",
    "duplicate-id.json",
    "empty.json",
    "newer-version.json",
    "not-utf8.json",
    "several-problems.json",
    "string-for-number.json",
    "truncated.json",
    "unknown-rag.json",
    "wrong-format.json",
];

#[test]
fn the_corpus_is_exactly_the_files_tested_here() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bad");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/bad exists")
        .map(|e| e.expect("a directory entry").file_name().into_string().expect("a UTF-8 name"))
        .collect();
    names.sort();
    assert_eq!(names, CORPUS, "a bad bundle was added or removed without a test");
    for name in CORPUS {
        problems(name);
    }
}

/// Undoing the defect of each file gives back the valid minimal bundle byte for byte:
/// each bad file differs from a loadable bundle in its named defect only.
#[test]
fn each_bad_file_is_the_minimal_bundle_with_one_defect() {
    let good = minimal_text();
    let undo: &[(&str, &[(&str, &str)])] = &[
        ("wrong-format.json", &[(r#""format": "hwb-scorekard""#, r#""format": "hwb-scorecard""#)]),
        (
            "duplicate-id.json",
            &[
                (
                    "\"id\": \"ws1-a1\",\n      \"workstream\": \"ws3\"",
                    "\"id\": \"ws3-a1\",\n      \"workstream\": \"ws3\"",
                ),
                (r#""parent": "ws1-a1""#, r#""parent": "ws3-a1""#),
            ],
        ),
        ("dangling-workstream.json", &[(r#""workstream": "ws9""#, r#""workstream": "ws3""#)]),
        ("dangling-parent.json", &[(r#""parent": "ws3-a2""#, r#""parent": "ws3-a1""#)]),
        ("dangling-period.json", &[(r#""period": "2018-04""#, r#""period": "2018-10""#)]),
        ("unknown-rag.json", &[(r#""rag": "purple""#, r#""rag": "amber""#)]),
        ("string-for-number.json", &[(r#""value": "12.5""#, r#""value": 12.5"#)]),
        (
            "duplicate-date.json",
            &[(r#"{ "date": "2018", "label": "2018/19 (revised)""#, r#"{ "date": "2017", "label": "2017/18""#)],
        ),
        ("bad-date.json", &[(r#""date": "2018-13-01""#, r#""date": "2017""#)]),
        (
            "several-problems.json",
            &[
                (
                    "\"id\": \"ws1-a1\",\n      \"workstream\": \"ws2\"",
                    "\"id\": \"ws1-a1\",\n      \"workstream\": \"ws1\"",
                ),
                (r#", "trend": "sideways" }"#, " }"),
                (r#""lower": 12.0, "upper": 12.3"#, r#""lower": 11.5, "upper": 12.3"#),
            ],
        ),
    ];
    for (name, edits) in undo {
        let mut text = String::from_utf8(file(&format!("bad/{name}"))).expect("UTF-8");
        assert_ne!(text, good, "{name} must differ from minimal.json");
        for (bad, fixed) in *edits {
            text = replace_once(&text, bad, fixed);
        }
        assert_eq!(text, good, "{name}, with its defect undone, must be minimal.json");
    }

    let truncated = file("bad/truncated.json");
    assert!(truncated.len() > 1000 && truncated.len() < good.len() / 10 * 9, "cut off mid-way");
    assert!(good.as_bytes().starts_with(&truncated), "truncated.json is a prefix of minimal.json");

    let not_utf8 = file("bad/not-utf8.json");
    assert_eq!(not_utf8.iter().filter(|&&b| b == 0xFF).count(), 1);
    let fixed: Vec<u8> = not_utf8.iter().map(|&b| if b == 0xFF { b'A' } else { b }).collect();
    assert_eq!(fixed, good.as_bytes(), "not-utf8.json is minimal.json with one byte broken");

    let newer = String::from_utf8(file("bad/newer-version.json")).expect("UTF-8");
    assert!(newer.contains(r#""version": 2"#) && newer.contains(r#""items": {"#));
    assert!(file("bad/empty.json").is_empty());
}

// ---------------------------------------------------------------------------------------
// Valid bundles

#[test]
fn the_minimal_bundle_loads_with_no_problems() {
    let b = load(&file("good/minimal.json")).unwrap_or_else(|ps| {
        panic!("expected no problems, got:\n{}", ps.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n"))
    });
    assert_eq!(b.format, "hwb-scorecard");
    assert_eq!(b.version, 1);
    assert_eq!(b.periods.len(), 2);
    assert_eq!(b.workstreams.len(), 2);
    assert_eq!(b.items.len(), 3);
    assert!(b.source.illustrative);
    let metric = &b.items[2];
    assert!(metric.is_metric());
    assert_eq!(metric.parent.as_deref(), Some("ws3-a1"));
    // The file lists the points 2016, 2018, 2017: the loader puts them in date order.
    let dates: Vec<&str> = metric.series.iter().map(|p| p.date.as_str()).collect();
    assert_eq!(dates, ["2016", "2017", "2018"]);
    assert_eq!(metric.series[1].value, None, "null is a missing value");
}

#[test]
fn unknown_fields_are_ignored_everywhere() {
    let text = minimal_text();
    let text = replace_once(&text, "  \"format\": \"hwb-scorecard\",", "  \"format\": \"hwb-scorecard\",\n  \"producer\": {\"name\": \"a newer tool\", \"build\": [1, 2, {\"x\": null}]},");
    let text = replace_once(&text, r#""area": "Somerset","#, r#""area": "Somerset", "ons_code": "E10000027","#);
    let text = replace_once(&text, r#""illustrative": true"#, r#""illustrative": true, "licence": "OGL""#);
    let text = replace_once(&text, r#"{ "id": "2018-10","#, r##"{ "id": "2018-10", "colour": "#005eb8","##);
    let text =
        replace_once(&text, r#""lead": "Trudi Grant","#, r#""lead": "Trudi Grant", "email": "lead@example.org","#);
    let text = replace_once(
        &text,
        r#""id": "ws3-m1","#,
        r#""id": "ws3-m1", "fingertips_id": 92523, "tags": ["nhs", "discharge"],"#,
    );
    let text = replace_once(&text, r#""benchmark": "similar" }"#, r#""benchmark": "similar", "confidence": "high" }"#);
    let text = replace_once(
        &text,
        r#""benchmark": 13.1 }"#,
        r#""benchmark": 13.1, "significance": "worse", "notes": {"a": [true]} }"#,
    );
    let text =
        replace_once(&text, r#""heading": "Reports received","#, r#""heading": "Reports received", "order": 2,"#);
    assert_ne!(text, minimal_text());
    let b = load(text.as_bytes()).unwrap_or_else(|ps| panic!("unknown fields must be ignored, got {ps:#?}"));
    assert_eq!(b, minimal(), "unknown fields change nothing");
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&file("good/minimal.json"));
    let b = load(&bytes).unwrap_or_else(|ps| panic!("a BOM must be accepted, got {ps:#?}"));
    assert_eq!(b, minimal());

    // And positions after a BOM count from the first real character.
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&file("bad/unknown-rag.json"));
    let ps = problems_of(&bytes);
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].path, "items[2].assessments[0].rag");
    assert_at(&ps[0], 65, 39);
}

// ---------------------------------------------------------------------------------------
// One test per bad file

#[test]
fn wrong_format() {
    let p = only("wrong-format.json");
    assert_eq!(p.path, "format");
    assert_at(&p, 2, 13);
    assert_eq!(p.message, "this is not a scorecard bundle");
    assert_eq!(found(&p), r#""hwb-scorekard""#);
    assert_eq!(expected(&p), r#""hwb-scorecard""#);
}

#[test]
fn newer_version_is_named_even_when_its_shape_does_not_parse() {
    let p = only("newer-version.json");
    assert_eq!(p.path, "version");
    assert_at(&p, 3, 14);
    assert_eq!(p.message, "made for a newer viewer: this viewer reads version 1");
    assert!(p.message.contains("made for a newer viewer"));
    assert_eq!(found(&p), "2");
    assert_eq!(expected(&p), "1");

    // The same file at version 1 is a plain type error at `items`: the version is
    // what makes the difference.
    let text = String::from_utf8(file("bad/newer-version.json")).unwrap();
    let ps = problems_of(replace_once(&text, r#""version": 2"#, r#""version": 1"#).as_bytes());
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(ps[0].path, "items");
    assert_at(&ps[0], 33, 11);
    assert_eq!(ps[0].message, "a value of the wrong type");
    assert_eq!(found(&ps[0]), "an object { }");
    assert_eq!(expected(&ps[0]), "a list in square brackets [ ]");
}

#[test]
fn a_newer_version_that_parses_is_refused_too() {
    let text = replace_once(&minimal_text(), r#""version": 1"#, r#""version": 3"#);
    let ps = problems_of(text.as_bytes());
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(ps[0].path, "version");
    assert_at(&ps[0], 3, 14);
    assert_eq!(ps[0].message, "made for a newer viewer: this viewer reads version 1");
    assert_eq!(found(&ps[0]), "3");
}

#[test]
fn duplicate_id() {
    let p = only("duplicate-id.json");
    assert_eq!(p.path, "items[1].id");
    assert_at(&p, 45, 13);
    assert_eq!(p.message, "duplicate item id");
    assert_eq!(found(&p), r#""ws1-a1""#);
    assert_eq!(p.expected, None);
}

#[test]
fn dangling_workstream() {
    let p = only("dangling-workstream.json");
    assert_eq!(p.path, "items[1].workstream");
    assert_at(&p, 46, 21);
    assert_eq!(p.message, "no workstream has this id");
    assert_eq!(found(&p), r#""ws9""#);
    assert_eq!(expected(&p), r#"one of "ws1", "ws3""#);
}

#[test]
fn dangling_parent() {
    let p = only("dangling-parent.json");
    assert_eq!(p.path, "items[2].parent");
    assert_at(&p, 61, 17);
    assert_eq!(p.message, "parent does not name an item of this bundle");
    assert_eq!(found(&p), r#""ws3-a2""#);
}

#[test]
fn dangling_period() {
    let p = only("dangling-period.json");
    assert_eq!(p.path, "items[1].assessments[0].period");
    assert_at(&p, 50, 21);
    assert_eq!(p.message, "no period has this id");
    assert_eq!(found(&p), r#""2018-04""#);
    assert_eq!(expected(&p), r#"one of "2018-10", "2019-12""#);
}

#[test]
fn unknown_rag() {
    let p = only("unknown-rag.json");
    assert_eq!(p.path, "items[2].assessments[0].rag");
    assert_at(&p, 65, 39);
    assert_eq!(p.message, "unknown RAG rating");
    assert_eq!(found(&p), r#""purple""#);
    for word in ["red", "amber", "green", "complete", "not_rated"] {
        assert!(expected(&p).contains(&format!("{word:?}")), "expected names {word}: {p}");
    }
    assert_eq!(expected(&p), r#""red", "amber", "green", "complete", "not_rated""#);
}

#[test]
fn the_display_form_names_path_position_found_and_expected() {
    let p = only("unknown-rag.json");
    assert_eq!(
        p.to_string(),
        r#"items[2].assessments[0].rag (line 65, column 39): unknown RAG rating; found "purple"; expected "red", "amber", "green", "complete", "not_rated""#
    );
    // A problem of the whole file, with no position, reads "bundle: ...".
    let p = only("empty.json");
    assert_eq!(p.to_string(), "bundle: the file is empty (0 bytes); expected a JSON scorecard bundle; to fix, open a scorecard bundle, or download the bundle again from its publisher");
}

#[test]
fn a_value_outside_its_limits_is_a_warning_and_the_bundle_loads() {
    // Published figures are sometimes a rounding step outside their own limits: the
    // point is kept as published, with a warning that names its place.
    let text = String::from_utf8(file("warnings/value-outside-limits.json")).unwrap();
    assert_eq!(
        replace_once(&text, r#""lower": 12.7"#, r#""lower": 12.1"#),
        minimal_text(),
        "the file is minimal.json with one lower limit above its value"
    );
    let (bundle, warnings) = load_with_warnings(text.as_bytes()).unwrap_or_else(|ps| panic!("{ps:#?}"));
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let p = &warnings[0];
    assert_eq!(p.kind, ProblemKind::Inconsistent);
    assert_eq!(p.path, "items[2].series[1].lower");
    assert_at(p, 70, 71);
    assert_eq!(p.message, "the lower confidence limit is above the value");
    assert_eq!(found(p), "lower 12.7, value 12.5");
    assert_eq!(expected(p), "lower <= value <= upper");
    // Kept as published (the loaded series is in date order: 2016, 2017, 2018).
    let kept = &bundle.items[2].series[2];
    assert_eq!((kept.value, kept.lower, kept.upper), (Some(12.5), Some(12.7), Some(12.9)));
    assert_eq!(load(text.as_bytes()).unwrap(), bundle);
    // A bundle without any has none.
    assert!(load_with_warnings(minimal_text().as_bytes()).unwrap().1.is_empty());
}

#[test]
fn ci_out_of_order_lower_above_upper() {
    // Swapped limits: lower > upper, an error; each limit on the wrong side of the value is
    // a warning only.
    let text = replace_once(&minimal_text(), r#""lower": 11.5, "upper": 12.3"#, r#""lower": 12.3, "upper": 11.5"#);
    let ps = problems_of(text.as_bytes());
    let summary: Vec<(&str, &str, &str)> = ps.iter().map(|p| (p.path.as_str(), p.message.as_str(), found(p))).collect();
    assert_eq!(
        summary,
        [("items[2].series[0].lower", "the lower confidence limit is above the upper", "lower 12.3, upper 11.5")]
    );
    assert_at(&ps[0], 69, 71);
    assert!(ps.iter().all(|p| p.expected.as_deref() == Some("lower <= value <= upper")));
    let parsed: Bundle = serde_json::from_str(&text).unwrap();
    let told: Vec<(String, String)> = warnings(&parsed).into_iter().map(|p| (p.path, p.message)).collect();
    assert_eq!(
        told,
        [
            ("items[2].series[0].lower".to_string(), "the lower confidence limit is above the value".to_string()),
            ("items[2].series[0].upper".to_string(), "the upper confidence limit is below the value".to_string()),
        ]
    );

    // Without a value only the limits are compared.
    let text = replace_once(&text, r#""value": 11.9,"#, r#""value": null,"#);
    let ps = problems_of(text.as_bytes());
    assert_eq!(ps.len(), 1, "{ps:#?}");
    assert_eq!(ps[0].message, "the lower confidence limit is above the upper");
}

#[test]
fn string_for_number() {
    let p = only("string-for-number.json");
    assert_eq!(p.path, "items[2].series[1].value");
    // serde_json places a type error at the last character of the value read:
    // the closing quote of "12.5" (the value starts at column 56).
    assert_at(&p, 70, 61);
    assert_eq!(p.message, "a value of the wrong type");
    assert_eq!(found(&p), r#"the text "12.5""#);
    assert_eq!(expected(&p), "a number, without quotes");
}

#[test]
fn truncated() {
    let p = only("truncated.json");
    assert_eq!(p.path, "items[2].series[0].label");
    assert_at(&p, 69, 41);
    assert_eq!(p.message, "the file ends too early: it is cut short or a bracket is missing");
}

#[test]
fn empty() {
    let p = only("empty.json");
    assert_eq!(p.path, "");
    assert_eq!((p.line, p.column), (None, None));
    assert_eq!(p.message, "the file is empty (0 bytes)");
    assert_eq!(p.found, None);
    assert_eq!(expected(&p), "a JSON scorecard bundle");
}

#[test]
fn not_utf8() {
    let p = only("not-utf8.json");
    assert_eq!(p.path, "");
    // Line 48 is `      "title": "To deliver the Better Care Fund \xFFmbitions",`.
    assert_at(&p, 48, 49);
    assert_eq!(p.message, "the file is not UTF-8 text");
    assert_eq!(found(&p), "byte 0xFF");
    assert_eq!(expected(&p), "a JSON file saved as UTF-8");
}

#[test]
fn duplicate_date() {
    let p = only("duplicate-date.json");
    assert_eq!(p.path, "items[2].series[2].date");
    assert_at(&p, 71, 19);
    assert_eq!(p.message, "a second value for the date of series[1]");
    assert_eq!(found(&p), r#""2018""#);
}

#[test]
fn bad_date() {
    let p = only("bad-date.json");
    assert_eq!(p.path, "items[2].series[2].date");
    assert_at(&p, 71, 19);
    assert_eq!(p.message, "not a date: month 13 does not exist");
    assert_eq!(found(&p), r#""2018-13-01""#);
}

#[test]
fn several_problems_are_all_reported_in_one_load() {
    let ps = problems("several-problems.json");
    assert_eq!(ps.len(), 2, "{ps:#?}");

    assert_eq!(ps[0].path, "items[0].workstream");
    assert_at(&ps[0], 36, 21);
    assert_eq!(ps[0].message, "no workstream has this id");
    assert_eq!(found(&ps[0]), r#""ws2""#);
    assert_eq!(expected(&ps[0]), r#"one of "ws1", "ws3""#);

    assert_eq!(ps[1].path, "items[1].assessments[0].trend");
    assert_at(&ps[1], 50, 57);
    assert_eq!(ps[1].message, "unknown trend");
    assert_eq!(found(&ps[1]), r#""sideways""#);
    assert_eq!(expected(&ps[1]), r#""improving", "stable", "declining", "not_known""#);

    // Its third defect, a lower limit above the value, is a warning, not a refusal.
    let text = String::from_utf8(file("bad/several-problems.json")).unwrap();
    let told = warnings(&serde_json::from_str::<Bundle>(&text).unwrap());
    assert_eq!(told.len(), 1, "{told:#?}");
    assert_eq!(told[0].path, "items[2].series[0].lower");
    assert_eq!(told[0].message, "the lower confidence limit is above the value");
    assert_eq!(found(&told[0]), "lower 12, value 11.9");
    assert_eq!(expected(&told[0]), "lower <= value <= upper");
}

// ---------------------------------------------------------------------------------------
// Size, generated here: a 64 MiB file is never committed.

/// The minimal bundle, padded in `source.notes` to exactly `size` bytes.
fn padded_bundle(size: usize) -> Vec<u8> {
    let text = minimal_text();
    // Padded with white space: every text field has its own, much smaller, limit.
    let text = replace_once(&text, r#""illustrative": true"#, r#""illustrative": truePAD"#);
    let pad = size.checked_sub(text.len() - "PAD".len()).expect("size is larger than the bundle");
    let text = text.replacen("PAD", &" ".repeat(pad), 1);
    assert_eq!(text.len(), size);
    text.into_bytes()
}

#[test]
fn a_bundle_over_the_size_limit_is_refused_before_parsing() {
    assert_eq!(MAX_BYTES, 64 * 1024 * 1024);
    let bytes = padded_bundle(MAX_BYTES + 1);
    let ps = problems_of(&bytes);
    assert_eq!(ps.len(), 1, "{ps:?}");
    let p = &ps[0];
    assert_eq!(p.path, "");
    assert_eq!((p.line, p.column), (None, None));
    assert_eq!(p.message, "the file is too large to open");
    assert_eq!(found(p), format!("{} bytes", MAX_BYTES + 1));
    assert_eq!(found(p), "67108865 bytes");
    assert_eq!(expected(p), "at most 67108864 bytes (64 MiB)");
    assert_eq!(
        p.to_string(),
        "bundle: the file is too large to open; found 67108865 bytes; expected at most 67108864 bytes (64 MiB); \
         to fix, check this is the bundle meant: a whole scorecard is far smaller"
    );
}

#[test]
fn a_bundle_of_exactly_the_size_limit_loads() {
    let bytes = padded_bundle(MAX_BYTES);
    let b = load(&bytes).unwrap_or_else(|ps| panic!("{:?}", ps.iter().map(|p| p.to_string()).collect::<Vec<_>>()));
    assert_eq!(b, minimal(), "the padding is only white space");
}

#[test]
fn overlong_texts_are_problems_that_name_the_field() {
    use scorecard_explorer::bundle::validate::{MAX_LONG_TEXT, MAX_SHORT_TEXT};
    let mut bundle = minimal();
    bundle.board.vision = Some("v".repeat(MAX_LONG_TEXT + 1));
    bundle.items[0].title = "é".repeat(MAX_SHORT_TEXT + 1);
    bundle.source.title = Some("t".repeat(MAX_SHORT_TEXT)); // at the limit: fine
    let bytes = serde_json::to_vec(&bundle).unwrap();
    let problems = problems_of(&bytes);
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["board.vision", "items[0].title"], "{problems:#?}");
    assert_eq!(problems[1].found.as_deref(), Some(format!("{} characters", MAX_SHORT_TEXT + 1).as_str()));
    assert!(problems[0].expected.as_deref().unwrap().contains(&MAX_LONG_TEXT.to_string()));
}

/// Thousands of workstreams and tens of thousands of items naming none of them: each
/// problem used to sort every workstream id to list them, minutes for a hostile file.
#[test]
fn many_dangling_references_among_many_workstreams_are_reported_quickly() {
    let mut b = minimal();
    let template = b.items[0].clone();
    b.workstreams = (0..5_000)
        .map(|i| scorecard_explorer::bundle::Workstream {
            id: format!("ws{i}"),
            label: format!("Workstream {i}"),
            title: "Aim".into(),
            ..Default::default()
        })
        .collect();
    b.items = (0..20_000)
        .map(|i| scorecard_explorer::bundle::Item {
            id: format!("item{i}"),
            workstream: "nowhere".into(),
            parent: None,
            ..template.clone()
        })
        .collect();
    let start = std::time::Instant::now();
    let problems = scorecard_explorer::bundle::validate::validate(&b);
    let took = start.elapsed();
    let dangling: Vec<&Problem> = problems.iter().filter(|p| p.message == "no workstream has this id").collect();
    assert_eq!(dangling.len(), 20_000);
    assert_eq!(dangling[0].expected.as_deref(), Some("one of the 5000 workstream ids of this bundle"));
    // Unoptimised: well under a second; sorting the ids for each problem took minutes.
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
}
