//! In the browser: mounts the app. On the command line: checks bundle files, so a
//! producer can validate before publishing (`cargo run -- bundles/somerset.json`).

#[cfg(target_arch = "wasm32")]
fn main() {
    scorecard_explorer::web::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--schema") {
        print!("{}", scorecard_explorer::bundle::schema::bundle_schema());
        return std::process::ExitCode::SUCCESS;
    }
    if args.is_empty() {
        eprintln!("usage: scorecard-explorer BUNDLE.json...   (checks each bundle)\n       scorecard-explorer --schema          (prints the JSON Schema)");
        return std::process::ExitCode::from(2);
    }
    let mut ok = true;
    for path in args {
        match std::fs::read(&path) {
            Err(e) => {
                ok = false;
                eprintln!("{path}: cannot read: {e}");
            }
            Ok(bytes) => match scorecard_explorer::bundle::load(&bytes) {
                Ok(b) => println!(
                    "{path}: valid: {} periods, {} workstreams, {} items",
                    b.periods.len(),
                    b.workstreams.len(),
                    b.items.len()
                ),
                Err(problems) => {
                    ok = false;
                    for p in &problems {
                        eprintln!("{path}: {p}");
                    }
                    eprintln!("{path}: {} problem(s)", problems.len());
                }
            },
        }
    }
    if ok {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::FAILURE
    }
}
