//! A bundle loaded with what is kept but worth telling: a published value outside its own
//! 95% limits (`validate::warnings`), named at its place in the file as written, before
//! the loader puts the points in date order.

use crate::bundle::load::{load, text};
use crate::bundle::locate::locate_all;
use crate::bundle::problem::Problem;
use crate::bundle::validate::warnings;
use crate::bundle::Bundle;

/// [`load`], and the bundle's warnings with their JSON path, line and column. A bundle
/// with warnings loads exactly as it would without them.
pub fn load_with_warnings(bytes: &[u8]) -> Result<(Bundle, Vec<Problem>), Vec<Problem>> {
    let bundle = load(bytes)?;
    // Most bundles have none: only then is the text read again, in the order written, so
    // that a path names the point where the file has it.
    if warnings(&bundle).is_empty() {
        return Ok((bundle, Vec::new()));
    }
    let text = text(bytes)?;
    let as_written: Bundle = serde_json::from_str(text).map_err(|e| vec![Problem::new("", e.to_string())])?;
    let mut found = warnings(&as_written);
    let places = locate_all(text, found.iter().map(|p| p.path.as_str()));
    for (p, place) in found.iter_mut().zip(places) {
        if let Some((line, column)) = place {
            *p = p.clone().at(line, column);
        }
    }
    Ok((bundle, found))
}
