//! The browser's workbook converter, run in a Web Worker (see `web::worker`); Trunk
//! builds it beside the app (`index.html`). Natively it does nothing: the command line
//! is `scorecard-explorer build`.

#[cfg(target_arch = "wasm32")]
fn main() {
    scorecard_explorer::web::worker::serve();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("workbook-worker runs in a browser; on the command line use: scorecard-explorer build WORKBOOK");
}
