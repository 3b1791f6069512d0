//! A conversion asked for in the browser: the files a person chose or dropped at once,
//! sorted into a workbook (one `.xlsx`, or its CSV files) and Fingertips exports, built,
//! and the answer the page shows. Pure, so that the browser's worker only moves bytes.

use serde::{Deserialize, Serialize};

use super::{build, File, FingertipsFile, Limits, Problem};

/// What the page is told: the bundle, or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// What was converted, for the page: the workbook's file name, or "N CSV files".
    pub name: String,
    /// The bundle as JSON, when the build found no errors.
    pub bundle: Option<String>,
    /// Every problem, errors and warnings, in the order of the workbook.
    pub problems: Vec<Listed>,
}

/// A problem as the page lists it: its place (`Items!D7`, `items.csv:7:4`) and its words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed {
    pub place: String,
    pub message: String,
    pub found: Option<String>,
    pub expected: Option<String>,
    /// What to do, as the problem shows it (its own fix or its kind's).
    #[serde(default)]
    pub fix: Option<String>,
    pub warning: bool,
}

impl Listed {
    fn of(p: &Problem) -> Listed {
        let column = p.column.as_ref().map(|c| format!("column {c}: ")).unwrap_or_default();
        let warning = if p.is_error() { "" } else { "warning: " };
        Listed {
            place: p.place.as_ref().map(ToString::to_string).unwrap_or_default(),
            message: format!("{warning}{column}{}", p.message),
            found: p.found.clone(),
            expected: p.expected.clone(),
            fix: p.to_fix(),
            warning: !p.is_error(),
        }
    }

    /// The problem in the form the page's problem list shows, with the place as its path.
    pub fn to_problem(&self) -> crate::bundle::Problem {
        let mut p = crate::bundle::Problem::new(self.place.clone(), self.message.clone());
        p.found = self.found.clone();
        p.expected = self.expected.clone();
        p.fix = self.fix.clone();
        p
    }
}

/// How long the browser's converter may take to start (download and compile its wasm)
/// before the page gives up on it and says so.
pub const START_SECONDS: u32 = 60;
/// How long a started converter may take to answer: far more than a workbook within the
/// limits needs, so only a converter that has died silently (out of memory, say) meets it.
pub const ANSWER_SECONDS: u32 = 300;

/// Why the browser's converter gave no answer. The page's script names each by its
/// [`tag`](Stopped::tag) (`static/converter.js`, and the worker's own
/// `static/converter-worker.js`; tests/boundary.rs checks that they agree).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// Its script or wasm could not be fetched, or the page could not start it.
    Missing,
    /// Its script or wasm is not this build's: it failed its integrity check, and never ran.
    Altered,
    /// It stopped on an error of its own (a panic, or a script error).
    Crashed,
    /// It had not started after [`START_SECONDS`].
    NoStart,
    /// It had not answered [`ANSWER_SECONDS`] after it was handed the files.
    NoAnswer,
}

impl Stopped {
    pub const ALL: [Stopped; 5] =
        [Stopped::Missing, Stopped::Altered, Stopped::Crashed, Stopped::NoStart, Stopped::NoAnswer];

    /// Its name between the page's script and the app.
    pub fn tag(self) -> &'static str {
        match self {
            Stopped::Missing => "missing",
            Stopped::Altered => "altered",
            Stopped::Crashed => "crashed",
            Stopped::NoStart => "no-start",
            Stopped::NoAnswer => "no-answer",
        }
    }

    /// The reason a script gave; anything else it threw is an error of the converter's own.
    pub fn from_tag(tag: Option<&str>) -> Stopped {
        Stopped::ALL.into_iter().find(|s| Some(s.tag()) == tag).unwrap_or(Stopped::Crashed)
    }

    /// What the publisher reads: what happened.
    pub fn message(self) -> String {
        match self {
            Stopped::Missing => "the workbook converter could not be loaded".to_string(),
            Stopped::Altered => "the workbook converter on this site is not the one this page was built with \
                (a file was changed or only partly copied), so it was not run"
                .to_string(),
            Stopped::Crashed => {
                "the workbook converter stopped on an error of its own, not one in your files".to_string()
            }
            Stopped::NoStart => format!("the workbook converter had not started after {START_SECONDS} seconds"),
            Stopped::NoAnswer => format!(
                "the workbook converter gave no answer in {} minutes, so the browser may have run out of memory \
                 for this workbook",
                ANSWER_SECONDS / 60
            ),
        }
    }

    /// What to do about it. The command line is named as the way round a converter that
    /// the page cannot run, as this happens only in the browser.
    pub fn fix(self) -> String {
        const ELSEWHERE: &str =
            "convert the workbook with the command line's `scorecard-explorer build`, which makes the same checks";
        match self {
            Stopped::Missing => format!(
                "check that the workbook-worker file is in the published folder and that the site's \
                 Content-Security-Policy allows it; meanwhile, {ELSEWHERE}"
            ),
            Stopped::Altered => "ask whoever publishes the site to copy the app's folder again".to_string(),
            Stopped::Crashed => format!("reload the page and try again, or {ELSEWHERE}"),
            Stopped::NoStart => format!("check the connection and try again, or {ELSEWHERE}"),
            Stopped::NoAnswer => ELSEWHERE.to_string(),
        }
    }
}

/// Whether a file should be handed to [`convert`] rather than read as a bundle.
pub fn is_workbook_file(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods", ".csv"].iter().any(|ext| name.ends_with(ext))
}

/// Whether a CSV file is a Fingertips export rather than a sheet of the workbook: its
/// header names `Indicator ID`, which no workbook sheet has.
pub fn is_fingertips_export(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len()).min(4096);
    let header = String::from_utf8_lossy(&bytes[..end]).to_ascii_lowercase();
    header.split(',').any(|name| name.trim().trim_matches('"').trim() == "indicator id")
}

/// Sorts the files, builds the workbook with the exports, and answers.
pub fn convert(files: &[File<'_>]) -> Answer {
    let mut workbook: Vec<File> = Vec::new();
    let mut exports: Vec<FingertipsFile> = Vec::new();
    for f in files {
        if f.name.to_ascii_lowercase().ends_with(".csv") && is_fingertips_export(f.bytes) {
            exports.push(FingertipsFile { name: f.name, bytes: f.bytes });
        } else {
            workbook.push(*f);
        }
    }
    let single = workbook.iter().filter(|f| !f.name.to_ascii_lowercase().ends_with(".csv")).count();
    let name = match workbook.as_slice() {
        [one] => one.name.to_string(),
        many => format!("{} workbook files", many.len()),
    };
    let refuse = |message: &str, found: String| Answer {
        name: name.clone(),
        bundle: None,
        problems: vec![Listed {
            place: String::new(),
            message: message.to_string(),
            found: Some(found),
            expected: Some(
                "one workbook (.xlsx, or the CSV files of its sheets) and any number of Fingertips CSV exports".into(),
            ),
            fix: None,
            warning: false,
        }],
    };
    let names = |fs: &[File]| fs.iter().map(|f| f.name).collect::<Vec<_>>().join(", ");
    if workbook.is_empty() {
        return refuse("no workbook among the files", format!("only Fingertips exports: {}", names(files)));
    }
    if single > 1 || (single == 1 && workbook.len() > 1) {
        return refuse("more than one workbook among the files", names(&workbook));
    }
    let built = build(&workbook, &exports, &Limits::default());
    let bundle = (built.errors() == 0).then(|| serde_json::to_string_pretty(&built.bundle).unwrap_or_default());
    Answer { name, bundle, problems: built.problems.iter().map(Listed::of).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOARD: &str = "field,value\nname,Riverside board\narea,Riverside\narea_code,E09000022\n";
    const PERIODS: &str = "id,label,end\n2021-03,March 2021,2021-03-31\n";
    const WORKSTREAMS: &str = "id,label,title\nws,Live,Live well\n";
    const ITEMS: &str = "id,workstream,kind,title,fingertips_id\nm1,ws,metric,Smoking,91547\n";
    const EXPORT: &str = "\u{feff}\"Indicator ID\",\"Indicator Name\",\"Area Code\",\"AreaName\",\"Sex\",\"Age\",\"Time period\",\"Value\"\n\
                          \"91547\",\"Smoking\",\"E09000022\",\"Lambeth\",\"Persons\",\"15+ yrs\",\"2020/21\",\"17.2\"\n";

    fn files<'a>(items: &'a str, export: &'a str) -> Vec<File<'a>> {
        vec![
            File { name: "board.csv", bytes: BOARD.as_bytes() },
            File { name: "periods.csv", bytes: PERIODS.as_bytes() },
            File { name: "smoking-export.csv", bytes: export.as_bytes() },
            File { name: "workstreams.csv", bytes: WORKSTREAMS.as_bytes() },
            File { name: "items.csv", bytes: items.as_bytes() },
        ]
    }

    #[test]
    fn each_reason_a_converter_stopped_comes_back_from_its_tag_and_says_what_to_do() {
        for stopped in Stopped::ALL {
            assert_eq!(Stopped::from_tag(Some(stopped.tag())), stopped);
            let words = stopped.message();
            assert!(words.starts_with("the workbook converter "), "{words}");
            assert!(!stopped.fix().is_empty(), "{words}: says what to do");
        }
        let tags: std::collections::HashSet<_> = Stopped::ALL.iter().map(|s| s.tag()).collect();
        assert_eq!(tags.len(), Stopped::ALL.len(), "each reason has its own tag");
        assert_eq!(Stopped::from_tag(None), Stopped::Crashed, "a thrown error is the converter's own");
        assert_eq!(Stopped::from_tag(Some("something else")), Stopped::Crashed);
        assert!(Stopped::NoStart.message().contains(&START_SECONDS.to_string()));
        assert!(Stopped::NoAnswer.message().contains(&(ANSWER_SECONDS / 60).to_string()));
    }

    #[test]
    fn csv_files_are_sorted_into_sheets_and_exports_and_built() {
        assert!(is_fingertips_export(EXPORT.as_bytes()));
        assert!(!is_fingertips_export(ITEMS.as_bytes()));
        let answer = convert(&files(ITEMS, EXPORT));
        assert_eq!(answer.problems, vec![], "{:#?}", answer.problems);
        assert_eq!(answer.name, "4 workbook files");
        let bundle: crate::bundle::Bundle = serde_json::from_str(&answer.bundle.unwrap()).unwrap();
        assert_eq!(bundle.items[0].series[0].date, "2021-03-31");
    }

    #[test]
    fn a_defective_workbook_answers_with_its_cells_and_no_bundle() {
        let items = ITEMS.replace("metric", "metrc");
        let answer = convert(&files(&items, EXPORT));
        assert_eq!(answer.bundle, None);
        let listed = answer.problems[0].to_problem();
        assert_eq!(listed.path, "items.csv:2:3");
        assert!(listed.detail().starts_with("column kind: unknown"), "{}", listed.detail());
    }

    #[test]
    fn exports_alone_or_two_workbooks_are_refused() {
        let export = [File { name: "smoking.csv", bytes: EXPORT.as_bytes() }];
        assert_eq!(convert(&export).problems[0].message, "no workbook among the files");
        let two = [File { name: "a.xlsx", bytes: b"PK" }, File { name: "b.xlsx", bytes: b"PK" }];
        assert_eq!(convert(&two).problems[0].message, "more than one workbook among the files");
        assert!(is_workbook_file("Scorecard.XLSX") && !is_workbook_file("bundle.json"));
    }
}
