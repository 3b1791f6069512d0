//! In the browser: mounts the app. On the command line: builds, checks and exports
//! scorecards (`scorecard-explorer --help`; the commands are in `cli`).

#[cfg(not(target_arch = "wasm32"))]
mod cli;

#[cfg(target_arch = "wasm32")]
fn main() {
    scorecard_explorer::web::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run(std::env::args_os().skip(1).collect())
}
