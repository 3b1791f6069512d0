//! The committed JSON Schema (`schema/bundle.schema.json`) is the one the types generate,
//! and it carries the format's words and fields.

use std::path::PathBuf;

use scorecard_explorer::bundle::schema::bundle_schema;
use serde_json::Value;

const FIX: &str = "cargo run -- --schema > schema/bundle.schema.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema() -> Value {
    serde_json::from_str(&bundle_schema()).expect("bundle_schema() is JSON")
}

/// The definition a `$ref` names, e.g. `#/$defs/Rag`.
fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/$defs/").unwrap_or_else(|| panic!("unexpected $ref {r}"));
            schema["$defs"].get(name).unwrap_or_else(|| panic!("no $defs entry {name}"))
        }
        None => node,
    }
}

/// The object schema of a property, looking through `$ref` and `anyOf [X, null]`.
fn property<'a>(schema: &'a Value, object: &'a Value, name: &str) -> &'a Value {
    let node = object["properties"].get(name).unwrap_or_else(|| panic!("no property {name:?} in {object:#}"));
    let node = resolve(schema, node);
    match node.get("anyOf").and_then(Value::as_array) {
        Some(options) => resolve(schema, options.iter().find(|o| o.get("type") != Some(&Value::from("null"))).unwrap()),
        None => node,
    }
}

fn names(object: &Value) -> Vec<&str> {
    object["properties"].as_object().expect("properties").keys().map(String::as_str).collect()
}

#[test]
fn the_committed_schema_is_the_generated_one() {
    let path = root().join("schema/bundle.schema.json");
    let committed = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}\nCreate it with: {FIX}", path.display()));
    let generated = bundle_schema();
    if committed != generated {
        let line = committed.lines().zip(generated.lines()).position(|(a, b)| a != b).map_or_else(
            || {
                format!(
                    "the files differ in length ({} vs {} lines)",
                    committed.lines().count(),
                    generated.lines().count()
                )
            },
            |i| format!("first difference at line {}", i + 1),
        );
        panic!(
            "schema/bundle.schema.json is out of date with the bundle types ({line}).\n\
             Regenerate it with: {FIX}"
        );
    }
}

#[test]
fn the_schema_lists_the_exact_words_of_each_enumeration() {
    let schema = schema();
    let cases: &[(&str, &[&str])] = &[
        ("Rag", &["red", "amber", "green", "complete", "not_rated"]),
        ("Trend", &["improving", "stable", "declining", "not_known"]),
        ("Benchmark", &["better", "similar", "worse", "not_compared"]),
        ("Kind", &["action", "metric"]),
        ("Scope", &["local", "national"]),
        ("Polarity", &["higher_is_better", "lower_is_better", "no_judgement"]),
    ];
    for (name, words) in cases {
        let def = &schema["$defs"][*name];
        assert_eq!(def["type"], "string", "{name}");
        let listed: Vec<&str> = def["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("{name} has no enum"))
            .iter()
            .map(|w| w.as_str().expect("a word"))
            .collect();
        assert_eq!(listed, *words, "{name}");
    }

    // And each field that takes those words refers to them.
    let item = &schema["$defs"]["Item"];
    let assessment = &schema["$defs"]["Assessment"];
    for (object, field, def) in [
        (assessment, "rag", "Rag"),
        (assessment, "trend", "Trend"),
        (assessment, "benchmark", "Benchmark"),
        (item, "kind", "Kind"),
        (item, "scope", "Scope"),
        (item, "polarity", "Polarity"),
    ] {
        assert_eq!(property(&schema, object, field), &schema["$defs"][def], "{field} uses {def}");
    }
}

#[test]
fn the_schema_holds_every_field_of_the_format() {
    let schema = schema();
    assert_eq!(schema["type"], "object");
    // The fields named in the shared bundle format page (bundle-format.md), by object.
    let top = ["format", "version", "board", "source", "periods", "workstreams", "items", "context"];
    for field in top {
        assert!(schema["properties"].get(field).is_some(), "top-level {field} missing from the schema");
    }
    let defs: &[(&str, &[&str])] = &[
        ("Board", &["name", "area", "vision", "url"]),
        ("Source", &["title", "publisher", "notes", "illustrative"]),
        ("Period", &["id", "label", "end"]),
        ("Workstream", &["id", "label", "title", "lead", "headlines"]),
        ("ContextSection", &["period", "heading", "entries"]),
        (
            "Item",
            &[
                "id",
                "workstream",
                "kind",
                "title",
                "scope",
                "code",
                "parent",
                "unit",
                "polarity",
                "assessments",
                "series",
            ],
        ),
        ("Assessment", &["period", "rag", "trend", "benchmark", "commentary", "source_symbol"]),
        ("Point", &["date", "label", "value", "lower", "upper", "benchmark", "target"]),
    ];
    for (def, fields) in defs {
        let listed = names(&schema["$defs"][*def]);
        for field in *fields {
            assert!(listed.contains(field), "{def}.{field} missing from the schema (has {listed:?})");
        }
    }
    assert_eq!(schema["$defs"]["Source"]["properties"]["illustrative"]["default"], false);
}

/// Every field the minimal Somerset-like bundle uses is described by the schema, at the
/// place where it is used: the top-level concepts first, then each nested object.
#[test]
fn the_minimal_bundle_uses_only_fields_the_schema_describes() {
    let schema = schema();
    let text = std::fs::read_to_string(root().join("tests/good/minimal.json")).expect("minimal.json");
    let bundle: Value = serde_json::from_str(&text).expect("minimal.json is JSON");

    let top: Vec<&str> = bundle.as_object().unwrap().keys().map(String::as_str).collect();
    for concept in ["format", "version", "board", "source", "periods", "workstreams", "items", "context"] {
        assert!(top.contains(&concept), "minimal.json has no {concept}");
        assert!(schema["properties"].get(concept).is_some(), "{concept} is not in the schema's properties");
    }

    fn walk(schema: &Value, node: &Value, value: &Value, path: &str) {
        let node = resolve(schema, node);
        match value {
            Value::Object(map) => {
                if let Some(extra) = node.get("additionalProperties").filter(|a| a.is_object()) {
                    // A map such as `headlines`: every value follows one schema.
                    for (k, v) in map {
                        walk(schema, extra, v, &format!("{path}.{k}"));
                    }
                    return;
                }
                for (k, v) in map {
                    assert!(
                        node["properties"].get(k).is_some(),
                        "{path}.{k} is used by minimal.json but not described by the schema"
                    );
                    walk(schema, property(schema, node, k), v, &format!("{path}.{k}"));
                }
            }
            Value::Array(list) => {
                for (i, v) in list.iter().enumerate() {
                    walk(schema, &node["items"], v, &format!("{path}[{i}]"));
                }
            }
            Value::String(s) => {
                if let Some(words) = node.get("enum").and_then(Value::as_array) {
                    assert!(words.contains(&Value::from(s.as_str())), "{path}: {s:?} is not in the schema's enum");
                }
            }
            _ => {}
        }
    }
    walk(&schema, &schema, &bundle, "bundle");
}
