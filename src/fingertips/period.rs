//! Fingertips' time period labels (`2015`, `2015/16`, `2015 - 17`, `2015 Q1`, `2015/16 Q1`,
//! `2020 Jan`): when each period ends and how long it is. The recent trend needs the
//! length, as Fingertips calculates no trend for periods longer than a year.

use std::fmt;

/// How long a period is, as its label says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Length {
    /// One calendar month, e.g. `2020 Jan`.
    Month,
    /// One quarter: calendar (`2015 Q1` is January to March) or financial (`2015/16 Q1` is
    /// April to June 2015).
    Quarter,
    /// One calendar year, e.g. `2015`.
    Year,
    /// One financial year, April to March, e.g. `2015/16`.
    FinancialYear,
    /// Several years pooled, e.g. `2015 - 17` (3 calendar years) or `2014/15 - 16/17`
    /// (3 financial years).
    Years(u32),
}

impl Length {
    /// Whether the period is longer than one year: Fingertips calculates no recent trend then.
    pub fn longer_than_a_year(&self) -> bool {
        matches!(self, Length::Years(n) if *n > 1)
    }
}

impl fmt::Display for Length {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Length::Month => f.write_str("monthly"),
            Length::Quarter => f.write_str("quarterly"),
            Length::Year => f.write_str("calendar-year"),
            Length::FinancialYear => f.write_str("financial-year"),
            Length::Years(n) => write!(f, "{n}-year"),
        }
    }
}

/// A period read from its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// ISO date (`YYYY-MM-DD`) of the period's last day.
    pub end: String,
    pub length: Length,
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FULL_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The period a Fingertips time period label names, or `None` for a label in none of the
/// forms below. Spaces around `-` and `/` and the order of year and quarter or month
/// (`Q2 2018`, `Jan 2020`, `January 2020`) do not matter.
///
/// | label | ends | length |
/// |---|---|---|
/// | `2015` | 2015-12-31 | [`Length::Year`] |
/// | `2015/16` | 2016-03-31 | [`Length::FinancialYear`] |
/// | `2015 - 17` | 2017-12-31 | [`Length::Years`]`(3)` |
/// | `2014/15 - 16/17` | 2017-03-31 | [`Length::Years`]`(3)` |
/// | `2015 Q1` | 2015-03-31 (calendar quarter) | [`Length::Quarter`] |
/// | `2015/16 Q1` | 2015-06-30 (financial quarter) | [`Length::Quarter`] |
/// | `2020 Jan` | 2020-01-31 | [`Length::Month`] |
///
/// A quarter after a plain year is a calendar quarter: Fingertips' quarterly exports sort
/// `2015 Q1` as `20150100` beside `2015 Q2` as `20150200`, and label financial quarters
/// with the financial year (`2015/16 Q1`).
pub fn period(label: &str) -> Option<Period> {
    let text = label.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    let text = text.replace(" / ", "/").replace(" -", "-").replace("- ", "-");
    // Multi-year: "2015-17", "2015-2017", "2014/15-16/17".
    if let Some((first, last)) = text.split_once('-') {
        let start = year_or_financial(first)?;
        let end = year_or_financial(last)?;
        let (start_year, financial) = start;
        let (mut end_year, end_financial) = end;
        if financial != end_financial {
            return None;
        }
        if end_year < 100 {
            end_year += start_year / 100 * 100;
            if end_year < start_year {
                end_year += 100;
            }
        }
        let years = end_year.checked_sub(start_year)? + 1;
        if !(1..=100).contains(&years) {
            return None;
        }
        let length = match (years, financial) {
            (1, false) => Length::Year,
            (1, true) => Length::FinancialYear,
            (n, _) => Length::Years(n),
        };
        let end = if financial { format!("{:04}-03-31", end_year + 1) } else { format!("{end_year:04}-12-31") };
        return Some(Period { end, length });
    }
    let words: Vec<&str> = text.split(' ').collect();
    match words.as_slice() {
        [one] => {
            let (year, financial) = year_or_financial(one)?;
            Some(if financial {
                Period { end: format!("{:04}-03-31", year + 1), length: Length::FinancialYear }
            } else {
                Period { end: format!("{year:04}-12-31"), length: Length::Year }
            })
        }
        [a, b] => {
            let (year_word, other) = if year_or_financial(a).is_some() { (a, b) } else { (b, a) };
            let (year, financial) = year_or_financial(year_word)?;
            if let Some(q) = other.strip_prefix('q').and_then(|q| q.parse::<u32>().ok()).filter(|q| (1..=4).contains(q))
            {
                // Calendar Q1 ends in March; financial Q1 (April to June) ends in June, and
                // financial Q4 in March of the next calendar year.
                let (y, month) = if financial {
                    if q == 4 {
                        (year + 1, 3)
                    } else {
                        (year, 3 + 3 * q)
                    }
                } else {
                    (year, 3 * q)
                };
                return Some(Period { end: month_end(y, month), length: Length::Quarter });
            }
            if financial {
                return None;
            }
            let month = MONTHS.iter().chain(FULL_MONTHS.iter()).position(|m| m == other)? % 12 + 1;
            Some(Period { end: month_end(year, month as u32), length: Length::Month })
        }
        _ => None,
    }
}

/// The ISO date on which the period labelled `label` ends; see [`period`].
pub fn period_end(label: &str) -> Option<String> {
    period(label).map(|p| p.end)
}

/// `2015` as `(2015, false)`, `2015/16` as `(2015, true)`; a two-digit year (the second half
/// of a range) is returned as it is.
fn year_or_financial(word: &str) -> Option<(u32, bool)> {
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    match word.split_once('/') {
        Some((first, second)) if digits(first) && digits(second) && second.len() == 2 => {
            let year: u32 = first.parse().ok()?;
            let next: u32 = second.parse().ok()?;
            ((year + 1) % 100 == next).then_some((year, true))
        }
        Some(_) => None,
        None if digits(word) && (word.len() == 4 || word.len() == 2) => Some((word.parse().ok()?, false)),
        None => None,
    }
}

/// The last day of `month` (1..12) of `year`, as an ISO date.
fn month_end(year: u32, month: u32) -> String {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let day = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_of_label_ends_where_expected() {
        let cases = [
            ("2015", "2015-12-31", Length::Year),
            ("2015/16", "2016-03-31", Length::FinancialYear),
            ("2015 - 17", "2017-12-31", Length::Years(3)),
            ("2009 - 11", "2011-12-31", Length::Years(3)),
            ("2015-2016", "2016-12-31", Length::Years(2)),
            ("2014/15 - 16/17", "2017-03-31", Length::Years(3)),
            ("1999/00", "2000-03-31", Length::FinancialYear),
            ("2015 Q1", "2015-03-31", Length::Quarter),
            ("2024 Q2", "2024-06-30", Length::Quarter),
            ("Q4 2018", "2018-12-31", Length::Quarter),
            ("2015/16 Q1", "2015-06-30", Length::Quarter),
            ("2015/16 Q4", "2016-03-31", Length::Quarter),
            ("2020 Feb", "2020-02-29", Length::Month),
            ("January 2021", "2021-01-31", Length::Month),
        ];
        for (label, end, length) in cases {
            assert_eq!(period(label), Some(Period { end: end.to_string(), length }), "{label}");
        }
        assert!(Length::Years(3).longer_than_a_year());
        assert!(!Length::FinancialYear.longer_than_a_year());
    }

    #[test]
    fn other_labels_are_not_periods() {
        for label in ["", "2015/17", "2015 Q5", "2015/16 Jan", "Janvier 2020", "next year", "2015 - 14/15", "12345"] {
            assert_eq!(period(label), None, "{label}");
        }
    }
}
