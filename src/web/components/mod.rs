//! One module per part of the page a person sees. Components read the page state
//! (`web::page`), open bundles (`web::open`), ask the host and the scheduler (`web::host`,
//! `web::schedule`), and draw what the core (`bundle`, `explore`, `stats`) works out. They
//! never import `web::app`.

pub mod badges;
pub mod changes;
pub mod chart;
pub mod comparisons;
pub mod copy_link;
pub mod exceptions;
pub mod export;
pub mod filters;
pub mod header;
pub mod item_card;
pub mod item_detail;
pub mod item_list;
pub mod item_table;
pub mod loading;
pub mod local_file;
pub mod notes;
pub mod overview;
pub mod problems;
pub mod publish;
pub mod sparkline;
pub mod spine;
pub mod unfetched;
pub mod views;
pub mod virtual_list;
