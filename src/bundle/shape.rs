//! The bundle's types as serde walks them — which keys are fields, which values are
//! lists or maps — so that a parse error's path can be worked out from the text alone
//! (`locate::path_at`), without a second, path-tracking deserializer in the download.
//!
//! A native test checks this against the JSON Schema generated from the types.

/// What serde reads at one place of a bundle.
#[derive(Debug)]
pub enum Shape {
    /// A string, number, bool or word (optional or not).
    Leaf,
    List(&'static Shape),
    /// String keys to values.
    Map(&'static Shape),
    /// A struct's fields, in the order they are declared.
    Struct(&'static [(&'static str, Shape)]),
}

use Shape::{Leaf, List, Map, Struct};

pub const BUNDLE: Shape = Struct(&[
    ("format", Leaf),
    ("version", Leaf),
    ("board", Struct(&[("name", Leaf), ("area", Leaf), ("vision", Leaf), ("url", Leaf), ("area_code", Leaf)])),
    ("source", Struct(&[("title", Leaf), ("publisher", Leaf), ("notes", Leaf), ("illustrative", Leaf)])),
    ("periods", List(&Struct(&[("id", Leaf), ("label", Leaf), ("end", Leaf)]))),
    ("workstreams", List(&WORKSTREAM)),
    ("items", List(&ITEM)),
    ("context", List(&Struct(&[("period", Leaf), ("heading", Leaf), ("entries", List(&Leaf))]))),
    ("comparators", List(&Struct(&[("id", Leaf), ("label", Leaf), ("kind", Leaf), ("code", Leaf)]))),
    ("peer_groups", List(&Struct(&[("id", Leaf), ("members", List(&Leaf))]))),
]);

const WORKSTREAM: Shape =
    Struct(&[("id", Leaf), ("label", Leaf), ("title", Leaf), ("lead", Leaf), ("headlines", Map(&Leaf))]);

pub const ITEM: Shape = Struct(&[
    ("id", Leaf),
    ("workstream", Leaf),
    ("kind", Leaf),
    ("title", Leaf),
    ("scope", Leaf),
    ("code", Leaf),
    ("parent", Leaf),
    ("lead", Leaf),
    ("unit", Leaf),
    ("polarity", Leaf),
    ("comparator_label", Leaf),
    ("assessments", List(&ASSESSMENT)),
    ("series", List(&POINT)),
    ("fingertips", FINGERTIPS),
    ("comparisons", Map(&List(&POINT))),
    ("benchmark_comparator", Leaf),
    ("value_type", Leaf),
    ("target_rule", Struct(&[("direction", Leaf), ("amber_within", Leaf)])),
    ("updated", Leaf),
    ("next_update", Leaf),
]);

const ASSESSMENT: Shape = Struct(&[
    ("period", Leaf),
    ("rag", Leaf),
    ("trend", Leaf),
    ("benchmark", Leaf),
    ("commentary", Leaf),
    ("source_symbol", Leaf),
]);

const POINT: Shape = Struct(&[
    ("date", Leaf),
    ("label", Leaf),
    ("value", Leaf),
    ("lower", Leaf),
    ("upper", Leaf),
    ("benchmark", Leaf),
    ("target", Leaf),
    ("count", Leaf),
    ("denominator", Leaf),
]);

const FINGERTIPS: Shape =
    Struct(&[("indicator_id", Leaf), ("period", Leaf), ("recent_trend", Leaf), ("compared_to_england", Leaf)]);

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Follows `$ref`s and `Option`'s `anyOf`/`type: [.., "null"]` to the schema that says
    /// what the value is.
    fn resolve<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let name = r.trim_start_matches("#/$defs/");
            return resolve(&root["$defs"][name], root);
        }
        if let Some(any) = schema.get("anyOf").and_then(Value::as_array) {
            if let Some(real) = any.iter().find(|s| s.get("type") != Some(&Value::from("null"))) {
                return resolve(real, root);
            }
        }
        schema
    }

    fn kind(schema: &Value) -> Vec<String> {
        match schema.get("type") {
            Some(Value::String(t)) => vec![t.clone()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            _ => Vec::new(),
        }
    }

    fn check(shape: &Shape, schema: &Value, root: &Value, at: &str) {
        let schema = resolve(schema, root);
        let kinds = kind(schema);
        match shape {
            Shape::Leaf => assert!(
                !kinds.iter().any(|k| k == "object" || k == "array"),
                "{at}: a leaf in the shape, {schema} in the schema"
            ),
            Shape::List(element) => {
                assert!(kinds.iter().any(|k| k == "array"), "{at}: a list in the shape, {schema} in the schema");
                check(element, &schema["items"], root, &format!("{at}[]"));
            }
            Shape::Map(value) => {
                assert!(schema.get("properties").is_none(), "{at}: a map in the shape, a struct in the schema");
                check(value, &schema["additionalProperties"], root, &format!("{at}.*"));
            }
            Shape::Struct(fields) => {
                let properties = schema["properties"].as_object().unwrap_or_else(|| panic!("{at}: not a struct"));
                let mut names: Vec<&str> = fields.iter().map(|(name, _)| *name).collect();
                let mut expected: Vec<&str> = properties.keys().map(String::as_str).collect();
                names.sort_unstable();
                expected.sort_unstable();
                assert_eq!(names, expected, "{at}: the fields differ");
                for (name, field) in fields.iter() {
                    check(field, &properties[*name], root, &format!("{at}.{name}"));
                }
            }
        }
    }

    #[test]
    fn the_shape_matches_the_types() {
        let schema = serde_json::to_value(schemars::schema_for!(crate::bundle::Bundle)).unwrap();
        check(&BUNDLE, &schema, &schema, "bundle");
    }
}
