//! One module per part of the page a person sees.

pub mod badges;
pub mod changes;
pub mod chart;
pub mod exceptions;
pub mod export;
pub mod filters;
pub mod header;
pub mod item_detail;
pub mod item_list;
pub mod local_file;
pub mod notes;
pub mod overview;
pub mod problems;
pub mod sparkline;
pub mod views;

/// "Workstream 3: To drive the integration…", or just "Living" where the title adds nothing.
pub fn workstream_name(ws: &crate::bundle::Workstream) -> String {
    if ws.title.is_empty() || ws.title == ws.label {
        ws.label.clone()
    } else {
        format!("{}: {}", ws.label, ws.title)
    }
}
