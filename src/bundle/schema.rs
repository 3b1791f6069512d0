//! The JSON Schema of the bundle, generated from the types so it cannot drift from them.

/// The schema as pretty JSON, as committed in `schema/bundle.schema.json`. Native only:
/// schemars stays out of the wasm, which never needs the schema.
#[cfg(not(target_arch = "wasm32"))]
pub fn bundle_schema() -> String {
    let schema = schemars::schema_for!(crate::bundle::Bundle);
    serde_json::to_string_pretty(&schema).expect("a schema serialises") + "\n"
}
