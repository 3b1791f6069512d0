//! The command line's arguments and commands (native only; the browser never sees this):
//! `build`, `check`, `template`, `export`, `schema` and `prerender`. Each command reads files, calls
//! the core, and prints; exit status 0 without errors, 1 with errors, 2 for a usage
//! mistake.
//!
//! Everything printed goes through [`say`], which escapes what could steer a terminal:
//! a workbook's or export's text cannot set the title, clear the screen or write to the
//! clipboard. The lints below refuse any other way to print.
#![deny(clippy::print_stdout, clippy::print_stderr)]

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use scorecard_explorer::bundle::printable::{escaped, escaped_json};
use scorecard_explorer::workbook::{self, File, FingertipsFile, Limits, Problem};

/// Prints to standard output, as `println!` does, through [`say`].
macro_rules! out {
    ($($arg:tt)*) => { say(Stream::Out, &format!($($arg)*)) };
}

/// Prints to standard error, as `eprintln!` does, through [`say`].
macro_rules! err {
    ($($arg:tt)*) => { say(Stream::Err, &format!($($arg)*)) };
}

#[derive(Clone, Copy)]
enum Stream {
    Out,
    Err,
}

/// The one way the command line prints: the text and a line break, with every character
/// that could steer a terminal escaped (`printable`) except the text's own line breaks.
#[allow(clippy::print_stdout, clippy::print_stderr)]
fn say(to: Stream, text: &str) {
    let lines: Vec<_> = text.split('\n').map(escaped).collect();
    let text = lines.join("\n");
    match to {
        Stream::Out => println!("{text}"),
        Stream::Err => eprintln!("{text}"),
    }
}

pub const USAGE: &str = "\
usage: scorecard-explorer build WORKBOOK [--fingertips FILE]... [-o OUT.json [--force]]
           WORKBOOK is an .xlsx file or a folder of CSV files; writes the bundle (standard output without -o)
       scorecard-explorer check FILE... [--fingertips FILE]...
           each FILE a bundle (.json), a workbook (.xlsx) or a folder of CSV files
       scorecard-explorer template OUT.xlsx [--force]
           an empty workbook to fill in, with instructions
       scorecard-explorer export BUNDLE OUT [--force]
           a bundle as a workbook: OUT.xlsx, or a folder of CSV files
           (build -o, template and export replace an existing file only with --force,
           and never a file the command reads)
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
        err!("scorecard-explorer: internal error: {what} (this is a fault in the tool, not in your files; please report it)");
        std::process::exit(1);
    }));
    // Lets the command-line tests prove the line above; unset, it does nothing.
    if std::env::var_os("SCORECARD_EXPLORER_FORCE_PANIC").is_some() {
        panic!("forced by SCORECARD_EXPLORER_FORCE_PANIC");
    }
    match dispatch(args) {
        Ok(code) => code,
        Err(Usage(message)) => {
            err!("scorecard-explorer: {message}\n{USAGE}");
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
    let mut force = false;
    while let Some(arg) = parser.next()? {
        match arg {
            Long("schema") if command.is_none() => command = Some("schema".into()),
            Long("help") | Short('h') => {
                out!("{USAGE}");
                return Ok(ExitCode::SUCCESS);
            }
            Long("force") => force = true,
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
    let writes = ["template", "export"].contains(&command.as_str()) || out.is_some();
    if force && !writes {
        return Err(Usage(format!(
            "--force belongs to a command that writes a file (build -o, template, export), not {command}"
        )));
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
            out!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        "schema" => {
            exact(0)?;
            let schema = scorecard_explorer::bundle::schema::bundle_schema();
            out!("{}", schema.strip_suffix('\n').unwrap_or(&schema));
            Ok(ExitCode::SUCCESS)
        }
        "check" if paths.is_empty() => Err(Usage("check takes one or more files".into())),
        "check" => Ok(check(&paths, &read_all(&fingertips)?)),
        "build" => {
            exact(1)?;
            let output = match &out {
                Some(out) => {
                    let mut read = workbook_paths(&paths[0]).unwrap_or_default();
                    read.extend(fingertips.iter().cloned());
                    Some(Output::new(&read, force).refusing(std::slice::from_ref(out))?)
                }
                None => None,
            };
            let exports = read_all(&fingertips)?;
            Ok(build(&paths[0], &exports, out.as_deref().zip(output.as_ref())))
        }
        "template" => {
            exact(1)?;
            let output = Output::new(&[], force).refusing(&paths[..1])?;
            Ok(output.write(&paths[0], workbook::write::template().map_err(|e| e.to_string())))
        }
        "export" => {
            exact(2)?;
            let (bundle, out) = (&paths[0], &paths[1]);
            let targets: Vec<PathBuf> = if is_xlsx(out) {
                vec![out.clone()]
            } else {
                workbook::sheets::SHEETS.iter().map(|s| out.join(s.csv_name())).collect()
            };
            let output = Output::new(std::slice::from_ref(bundle), force).refusing(&targets)?;
            Ok(export(bundle, out, &output))
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
            std::fs::read(p).map(|b| (file_name(p), b)).map_err(|e| Usage(format!("{}: cannot read: {e}", shown(p))))
        })
        .collect()
}

/// The files of a workbook: one `.xlsx`, or the `.csv` files of a folder.
fn workbook_paths(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_dir() {
        let mut names: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: cannot read the folder: {e}", shown(path)))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")))
            .collect();
        names.sort();
        if names.is_empty() {
            return Err(format!("{}: the folder holds no .csv files", shown(path)));
        }
        Ok(names)
    } else {
        Ok(vec![path.to_path_buf()])
    }
}

/// The files of a workbook, read: their names and bytes.
fn workbook_files(path: &Path) -> Result<Vec<(String, Vec<u8>)>, String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: cannot read: {e}", shown(p)));
    workbook_paths(path)?.iter().map(|p| Ok((file_name(p), read(p)?))).collect()
}

/// A path as a message shows it: its control and bidi characters escaped, line breaks
/// too, since a file's name in a folder is as much the file's text as its content.
fn shown(path: &Path) -> String {
    escaped(&path.display().to_string()).into_owned()
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
        let line = if p.place.is_some() { p.to_string() } else { format!("{}: {p}", shown(path)) };
        say(if to_stderr { Stream::Err } else { Stream::Out }, &line);
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
                    out!("{e}");
                }
                Ok(built) => {
                    let (errors, warnings) = (built.errors(), built.warnings());
                    print_problems(path, &built.problems, false);
                    ok &= errors == 0;
                    let b = &built.bundle;
                    if errors == 0 {
                        out!(
                            "{}: valid workbook: {} periods, {} workstreams, {} items; {} warning(s)",
                            shown(path),
                            b.periods.len(),
                            b.workstreams.len(),
                            b.items.len(),
                            warnings
                        );
                    } else {
                        out!("{}: {errors} error(s), {warnings} warning(s)", shown(path));
                    }
                }
            }
            continue;
        }
        match std::fs::read(path) {
            Err(e) => {
                ok = false;
                out!("{}: cannot read: {e}", shown(path));
            }
            Ok(bytes) => match scorecard_explorer::bundle::load(&bytes) {
                Ok(b) => out!(
                    "{}: valid: {} periods, {} workstreams, {} items",
                    shown(path),
                    b.periods.len(),
                    b.workstreams.len(),
                    b.items.len()
                ),
                Err(problems) => {
                    ok = false;
                    for p in &problems {
                        out!("{}: {p}", shown(path));
                    }
                    out!("{}: {} problem(s)", shown(path), problems.len());
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

/// Builds the bundle: to standard output, or to a file through its [`Output`].
fn build(path: &Path, exports: &[(String, Vec<u8>)], out: Option<(&Path, &Output)>) -> ExitCode {
    let built = match build_workbook(path, exports) {
        Ok(b) => b,
        Err(e) => {
            err!("{e}");
            return ExitCode::FAILURE;
        }
    };
    print_problems(path, &built.problems, true);
    let errors = built.errors();
    if errors > 0 {
        err!("{}: {errors} error(s), {} warning(s); no bundle written", shown(path), built.warnings());
        return ExitCode::FAILURE;
    }
    // Control and bidi characters as JSON escapes: the same bundle, inert in a terminal.
    let json = match serde_json::to_string_pretty(&built.bundle) {
        Ok(j) => escaped_json(&j).into_owned(),
        Err(e) => {
            err!("cannot write the bundle: {e}");
            return ExitCode::FAILURE;
        }
    };
    // The viewer's own check, on the very bytes it will load.
    if let Err(problems) = scorecard_explorer::bundle::load(json.as_bytes()) {
        for p in &problems {
            err!("bundle: {p}");
        }
        return ExitCode::FAILURE;
    }
    // One line to say it worked, on standard error, so standard output stays the bundle.
    let b = &built.bundle;
    let summary = format!(
        "{} periods, {} workstreams, {} items; {} warning(s)",
        b.periods.len(),
        b.workstreams.len(),
        b.items.len(),
        built.warnings()
    );
    match out {
        Some((out, output)) => {
            let written = output.write(out, Ok((json + "\n").into_bytes()));
            if written == ExitCode::SUCCESS {
                err!("{}: built {}: {summary}", shown(path), shown(out));
            }
            written
        }
        None => {
            out!("{json}");
            err!("{}: built: {summary}", shown(path));
            ExitCode::SUCCESS
        }
    }
}

fn is_xlsx(path: &Path) -> bool {
    path.extension().is_some_and(|x| x.eq_ignore_ascii_case("xlsx"))
}

fn export(bundle: &Path, out: &Path, output: &Output) -> ExitCode {
    let bytes = match std::fs::read(bundle) {
        Ok(b) => b,
        Err(e) => {
            err!("{}: cannot read: {e}", shown(bundle));
            return ExitCode::FAILURE;
        }
    };
    let b = match scorecard_explorer::bundle::load(&bytes) {
        Ok(b) => b,
        Err(problems) => {
            for p in &problems {
                err!("{}: {p}", shown(bundle));
            }
            return ExitCode::FAILURE;
        }
    };
    if is_xlsx(out) {
        return output.write(out, workbook::write::workbook(&b).map_err(|e| e.to_string()));
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        err!("{}: cannot make the folder: {e}", shown(out));
        return ExitCode::FAILURE;
    }
    for (name, bytes) in workbook::export::csv_files(&b) {
        if output.write(&out.join(name), Ok(bytes)) != ExitCode::SUCCESS {
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Where a command may write: never over a file it reads (compared by their canonical
/// paths), and over an existing file only with `--force`. Checked before the command
/// starts, as a usage mistake; and again as each file is written, which without `--force`
/// creates only a new file, so a file that appeared meanwhile is not replaced either.
struct Output {
    /// The files the command reads, by what tells them apart.
    read: Vec<FileId>,
    force: bool,
}

/// What tells one file from another: its canonical path, and on Unix its device and
/// inode too, so that a hard link to a file read is that file.
struct FileId {
    path: PathBuf,
    inode: Option<(u64, u64)>,
}

impl FileId {
    /// The file's identity, when it exists.
    fn of(path: &Path) -> Option<FileId> {
        let path = std::fs::canonicalize(path).ok()?;
        #[cfg(unix)]
        let inode = {
            use std::os::unix::fs::MetadataExt;
            std::fs::metadata(&path).ok().map(|m| (m.dev(), m.ino()))
        };
        #[cfg(not(unix))]
        let inode = None;
        Some(FileId { path, inode })
    }

    fn same(&self, other: &FileId) -> bool {
        self.path == other.path || (self.inode.is_some() && self.inode == other.inode)
    }
}

impl Output {
    fn new(read: &[PathBuf], force: bool) -> Output {
        Output { read: read.iter().filter_map(|p| FileId::of(p)).collect(), force }
    }

    /// Whether `path` is one of the files read.
    fn is_read(&self, path: &Path) -> bool {
        FileId::of(path).is_some_and(|id| self.read.iter().any(|r| r.same(&id)))
    }

    /// Itself, when each of `targets` may be written; the usage mistake otherwise.
    fn refusing(self, targets: &[PathBuf]) -> Result<Output, Usage> {
        if let Some(read) = targets.iter().find(|t| self.is_read(t)) {
            return Err(Usage(format!("{} is a file this command reads: write to another name", shown(read))));
        }
        let existing: Vec<&PathBuf> = targets.iter().filter(|t| t.symlink_metadata().is_ok()).collect();
        if let (false, [first, more @ ..]) = (self.force, existing.as_slice()) {
            let (files, them) = match more.len() {
                0 => (format!("{} already exists", shown(first)), "it"),
                n => (format!("{} and {n} more of the files to write already exist", shown(first)), "them"),
            };
            return Err(Usage(format!("{files}: give --force to replace {them}, or write to another name")));
        }
        Ok(self)
    }

    fn write(&self, path: &Path, bytes: Result<Vec<u8>, String>) -> ExitCode {
        use std::io::Write;
        let written = bytes.and_then(|b| {
            if self.is_read(path) {
                return Err("it is a file this command reads".to_string());
            }
            let mut options = std::fs::OpenOptions::new();
            options.write(true);
            if self.force {
                options.create(true).truncate(true);
            } else {
                options.create_new(true);
            }
            let mut file = options.open(path).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => "it already exists; give --force to replace it".to_string(),
                _ => e.to_string(),
            })?;
            file.write_all(&b).map_err(|e| e.to_string())
        });
        match written {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                err!("{}: cannot write: {e}", shown(path));
                ExitCode::FAILURE
            }
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
            .map_err(|e| format!("cannot read {}: {e} (build the site first)", shown(&index)))?;
        let settings = dist.join(scorecard_explorer::config::FILE);
        let address = match std::fs::read(&settings) {
            Ok(bytes) => {
                scorecard_explorer::config::Config::parse(&bytes)
                    .map_err(|p| format!("{}: {p}", shown(&settings)))?
                    .default_bundle
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(format!("cannot read {}: {e}", shown(&settings))),
        }
        .unwrap_or_else(|| scorecard_explorer::config::DEFAULT_BUNDLE.to_string());
        let path = local_file(dist, &address)?;
        let bytes =
            std::fs::read(&path).map_err(|e| format!("cannot read the default bundle {}: {e}", shown(&path)))?;
        let bundle = scorecard_explorer::load(&bytes).map_err(|problems| {
            let list: Vec<String> = problems.iter().map(|p| format!("\n  {p}")).collect();
            format!("the default bundle {} has problems:{}", shown(&path), list.concat())
        })?;
        // Its items as CSV beside it, as of its latest edition: what a browser without
        // WebAssembly links to (static/crash.js), with the bundle itself.
        let csv_path = path.with_extension("csv");
        if let Some(latest) = bundle.periods.last() {
            let all: Vec<usize> = (0..bundle.items.len()).collect();
            let csv = scorecard_explorer::explore::items_csv::items_csv(&bundle, &all, latest);
            std::fs::write(&csv_path, csv).map_err(|e| format!("cannot write {}: {e}", shown(&csv_path)))?;
        }
        let view = prerender::first_view(bundle, &address, &bytes)?;
        std::fs::write(&index, prerender::into_index(&page, &view)?)
            .map_err(|e| format!("cannot write {}: {e}", shown(&index)))?;
        Ok(format!(
            "{} carries the default scorecard's first view ({} items, {} bytes), and {} its items",
            shown(&index),
            view.cards,
            view.html.len(),
            shown(&csv_path)
        ))
    };
    match done() {
        Ok(said) => {
            err!("prerender: {said}");
            ExitCode::SUCCESS
        }
        Err(why) => {
            err!("prerender: {why}; {} is left as it was", shown(&index));
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
            "the default bundle {} is not a file inside {}; the first view is written only for a bundle published with the app",
            scorecard_explorer::bundle::problem::quoted(address),
            shown(dist)
        ));
    }
    Ok(dist.join(relative))
}
