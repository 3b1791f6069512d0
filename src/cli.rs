//! The command line's arguments and commands (native only; the browser never sees this):
//! `build`, `check`, `template`, `export`, `schema` and `prerender`. Each command reads files, calls
//! the core, and prints; exit status 0 without errors, 1 with errors, 2 for a usage
//! mistake.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use scorecard_explorer::workbook::{self, File, FingertipsFile, Limits, Problem};

pub const USAGE: &str = "\
usage: scorecard-explorer build WORKBOOK [--fingertips FILE]... [-o OUT.json]
           WORKBOOK is an .xlsx file or a folder of CSV files; writes the bundle (standard output without -o)
       scorecard-explorer check FILE... [--fingertips FILE]...
           each FILE a bundle (.json), a workbook (.xlsx) or a folder of CSV files
       scorecard-explorer template OUT.xlsx    an empty workbook to fill in, with instructions
       scorecard-explorer export BUNDLE OUT    a bundle as a workbook: OUT.xlsx, or a folder of CSV files
       scorecard-explorer schema               the bundle's JSON Schema (also --schema)
       scorecard-explorer prerender DIST       writes the default scorecard's first view into DIST/index.html
           as static HTML, read while the app downloads: the settings' default_bundle
           (DIST/explorer-config.json) loaded from DIST; run after each build, and again
           after replacing the bundles or the settings (it replaces the earlier view)
       scorecard-explorer FILE...              the same as check";

/// A usage mistake: said with the usage, exit status 2.
pub struct Usage(pub String);

impl From<lexopt::Error> for Usage {
    fn from(e: lexopt::Error) -> Usage {
        Usage(e.to_string())
    }
}

pub fn run(args: Vec<OsString>) -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        // One line a person can report, and exit code 1, instead of a backtrace.
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "an unexpected error".into());
        eprintln!("scorecard-explorer: internal error: {what} (this is a fault in the tool, not in your files; please report it)");
        std::process::exit(1);
    }));
    // Lets the command-line tests prove the line above; unset, it does nothing.
    if std::env::var_os("SCORECARD_EXPLORER_FORCE_PANIC").is_some() {
        panic!("forced by SCORECARD_EXPLORER_FORCE_PANIC");
    }
    match dispatch(args) {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!("scorecard-explorer: {message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn dispatch(args: Vec<OsString>) -> Result<ExitCode, Usage> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut command: Option<String> = None;
    let mut paths: Vec<PathBuf> = Vec::new();
    let mut fingertips: Vec<PathBuf> = Vec::new();
    let mut out: Option<PathBuf> = None;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("schema") if command.is_none() => command = Some("schema".into()),
            Long("help") | Short('h') => {
                println!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            Long("fingertips") => fingertips.push(parser.value()?.into()),
            Short('o') | Long("output") => out = Some(parser.value()?.into()),
            Value(v) if command.is_none() && paths.is_empty() => {
                let word = v.to_string_lossy().to_string();
                if ["build", "check", "template", "export", "schema", "prerender", "help"].contains(&word.as_str()) {
                    command = Some(word);
                } else {
                    command = Some("check".into());
                    paths.push(v.into());
                }
            }
            Value(v) => paths.push(v.into()),
            other => return Err(other.unexpected().into()),
        }
    }
    let command = command.ok_or_else(|| Usage("no command given".into()))?;
    if command != "build" && out.is_some() {
        return Err(Usage(format!("-o belongs to build, not {command}")));
    }
    if !["build", "check"].contains(&command.as_str()) && !fingertips.is_empty() {
        return Err(Usage(format!("--fingertips belongs to build and check, not {command}")));
    }
    let exact = |n: usize| -> Result<(), Usage> {
        if paths.len() == n {
            Ok(())
        } else {
            Err(Usage(format!("{command} takes {n} file name(s), {} given", paths.len())))
        }
    };
    match command.as_str() {
        "help" => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "schema" => {
            exact(0)?;
            print!("{}", scorecard_explorer::bundle::schema::bundle_schema());
            Ok(ExitCode::SUCCESS)
        }
        "check" if paths.is_empty() => Err(Usage("check takes one or more files".into())),
        "check" => Ok(check(&paths, &read_all(&fingertips)?)),
        "build" => {
            exact(1)?;
            Ok(build(&paths[0], &read_all(&fingertips)?, out.as_deref()))
        }
        "template" => {
            exact(1)?;
            Ok(write(&paths[0], workbook::write::template().map_err(|e| e.to_string())))
        }
        "export" => {
            exact(2)?;
            Ok(export(&paths[0], &paths[1]))
        }
        "prerender" => {
            exact(1)?;
            Ok(prerender(&paths[0]))
        }
        _ => unreachable!("every command word is matched above"),
    }
}

/// The Fingertips exports named on the command line; one that cannot be read is a usage
/// mistake.
fn read_all(paths: &[PathBuf]) -> Result<Vec<(String, Vec<u8>)>, Usage> {
    paths
        .iter()
        .map(|p| {
            std::fs::read(p).map(|b| (file_name(p), b)).map_err(|e| Usage(format!("{}: cannot read: {e}", p.display())))
        })
        .collect()
}

/// The files of a workbook: one `.xlsx`, or the `.csv` files of a folder.
fn workbook_files(path: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: cannot read: {e}", p.display()));
    if path.is_dir() {
        let mut names: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: cannot read the folder: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(format!("{}: the folder holds no .csv files", path.display()));
        }
        names.iter().map(|p| Ok((file_name(p), read(p)?))).collect()
    } else {
        Ok(vec![(file_name(path), read(path)?)])
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_else(|| path.display().to_string())
}

fn build_workbook(path: &Path, fingertips: &[(String, Vec<u8>)]) -> Result<workbook::Built, String> {
    let files = workbook_files(path)?;
    let files: Vec<File> = files.iter().map(|(name, bytes)| File { name, bytes }).collect();
    let exports: Vec<FingertipsFile> = fingertips.iter().map(|(name, bytes)| FingertipsFile { name, bytes }).collect();
    Ok(workbook::build(&files, &exports, &Limits::default()))
}

/// One line per problem, starting with its place; a problem of the whole file starts
/// with the file's name.
fn print_problems(path: &Path, problems: &[Problem], to_stderr: bool) {
    for p in problems {
        let line = if p.place.is_some() { p.to_string() } else { format!("{}: {p}", path.display()) };
        if to_stderr {
            eprintln!("{line}");
        } else {
            println!("{line}");
        }
    }
}

fn is_workbook(path: &Path) -> bool {
    path.is_dir()
        || path
            .extension()
            .is_some_and(|x| ["xlsx", "xls", "ods", "xlsm", "csv"].iter().any(|w| x.eq_ignore_ascii_case(w)))
}

fn check(paths: &[PathBuf], fingertips: &[(String, Vec<u8>)]) -> ExitCode {
    let mut ok = true;
    for path in paths {
        if is_workbook(path) {
            match build_workbook(path, fingertips) {
                Err(e) => {
                    ok = false;
                    println!("{e}");
                }
                Ok(built) => {
                    let (errors, warnings) = (built.errors(), built.warnings());
                    print_problems(path, &built.problems, false);
                    ok &= errors == 0;
                    let b = &built.bundle;
                    if errors == 0 {
                        println!(
                            "{}: valid workbook: {} periods, {} workstreams, {} items; {} warning(s)",
                            path.display(),
                            b.periods.len(),
                            b.workstreams.len(),
                            b.items.len(),
                            warnings
                        );
                    } else {
                        println!("{}: {errors} error(s), {warnings} warning(s)", path.display());
                    }
                }
            }
            continue;
        }
        match std::fs::read(path) {
            Err(e) => {
                ok = false;
                println!("{}: cannot read: {e}", path.display());
            }
            Ok(bytes) => match scorecard_explorer::bundle::load(&bytes) {
                Ok(b) => println!(
                    "{}: valid: {} periods, {} workstreams, {} items",
                    path.display(),
                    b.periods.len(),
                    b.workstreams.len(),
                    b.items.len()
                ),
                Err(problems) => {
                    ok = false;
                    for p in &problems {
                        println!("{}: {p}", path.display());
                    }
                    println!("{}: {} problem(s)", path.display(), problems.len());
                }
            },
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn build(path: &Path, exports: &[(String, Vec<u8>)], out: Option<&Path>) -> ExitCode {
    let built = match build_workbook(path, exports) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    print_problems(path, &built.problems, true);
    let errors = built.errors();
    if errors > 0 {
        eprintln!("{}: {errors} error(s), {} warning(s); no bundle written", path.display(), built.warnings());
        return ExitCode::FAILURE;
    }
    let json = match serde_json::to_string_pretty(&built.bundle) {
        Ok(j) => j + "\n",
        Err(e) => {
            eprintln!("cannot write the bundle: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The viewer's own check, on the very bytes it will load.
    if let Err(problems) = scorecard_explorer::bundle::load(json.as_bytes()) {
        for p in &problems {
            eprintln!("bundle: {p}");
        }
        return ExitCode::FAILURE;
    }
    match out {
        Some(out) => write(out, Ok(json.into_bytes())),
        None => {
            print!("{json}");
            ExitCode::SUCCESS
        }
    }
}

fn export(bundle: &Path, out: &Path) -> ExitCode {
    let bytes = match std::fs::read(bundle) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{}: cannot read: {e}", bundle.display());
            return ExitCode::FAILURE;
        }
    };
    let b = match scorecard_explorer::bundle::load(&bytes) {
        Ok(b) => b,
        Err(problems) => {
            for p in &problems {
                eprintln!("{}: {p}", bundle.display());
            }
            return ExitCode::FAILURE;
        }
    };
    if out.extension().is_some_and(|x| x.eq_ignore_ascii_case("xlsx")) {
        return write(out, workbook::write::workbook(&b).map_err(|e| e.to_string()));
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("{}: cannot make the folder: {e}", out.display());
        return ExitCode::FAILURE;
    }
    for (name, bytes) in workbook::export::csv_files(&b) {
        if write(&out.join(name), Ok(bytes)) != ExitCode::SUCCESS {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn write(path: &Path, bytes: Result<Vec<u8>, String>) -> ExitCode {
    let written = bytes.and_then(|b| std::fs::write(path, b).map_err(|e| e.to_string()));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}: cannot write: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// Writes the default scorecard's first view into `dist`'s index.html (`web::prerender`);
/// on any problem, says what and where, and leaves index.html as it was.
fn prerender(dist: &Path) -> ExitCode {
    use scorecard_explorer::web::prerender;
    let index = dist.join("index.html");
    let done = || -> Result<String, String> {
        let page = std::fs::read_to_string(&index)
            .map_err(|e| format!("cannot read {}: {e} (build the site first)", index.display()))?;
        let settings = dist.join(scorecard_explorer::config::FILE);
        let address = match std::fs::read(&settings) {
            Ok(bytes) => {
                scorecard_explorer::config::Config::parse(&bytes)
                    .map_err(|p| format!("{}: {p}", settings.display()))?
                    .default_bundle
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("cannot read {}: {e}", settings.display())),
        }
        .unwrap_or_else(|| scorecard_explorer::config::DEFAULT_BUNDLE.to_string());
        let path = local_file(dist, &address)?;
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read the default bundle {}: {e}", path.display()))?;
        let bundle = scorecard_explorer::load(&bytes).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| format!("\n  {p}")).collect();
            format!("the default bundle {} has problems:{}", path.display(), list.concat())
        })?;
        let view = prerender::first_view(bundle, &address, &bytes)?;
        std::fs::write(&index, prerender::into_index(&page, &view)?)
            .map_err(|e| format!("cannot write {}: {e}", index.display()))?;
        Ok(format!(
            "{} carries the default scorecard's first view ({} items, {} bytes)",
            index.display(),
            view.cards,
            view.html.len()
        ))
    };
    match done() {
        Ok(said) => {
            eprintln!("prerender: {said}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("prerender: {why}; {} is left as it was", index.display());
            ExitCode::from(1)
        }
    }
}

/// The file in `dist` that a bundle address relative to the app names; an address on
/// another site or outside `dist` is refused.
fn local_file(dist: &Path, address: &str) -> Result<PathBuf, String> {
    let relative = address.strip_prefix("./").unwrap_or(address);
    let outside = relative.contains("://")
        || relative.starts_with('/')
        || relative.contains(['?', '#', '\\'])
        || relative.split('/').any(|part| part.is_empty() || part == "." || part == "..");
    if outside {
        return Err(format!(
            "the default bundle {address:?} is not a file inside {}; the first view is written only for a bundle published with the app",
            dist.display()
        ));
    }
    Ok(dist.join(relative))
}
