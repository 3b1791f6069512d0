//! How the workbook tests read a build's problems: each as its printed line.

use scorecard_explorer::workbook::Built;

/// Every problem as its printed line.
pub fn lines(built: &Built) -> Vec<String> {
    built.problems.iter().map(|p| p.to_string()).collect()
}

/// The only error, as a line; fails listing all problems when there is not exactly one.
pub fn only_error(built: &Built) -> String {
    let errors: Vec<String> = built.problems.iter().filter(|p| p.is_error()).map(|p| p.to_string()).collect();
    assert_eq!(errors.len(), 1, "expected one error, got {:#?}", lines(built));
    errors[0].clone()
}
