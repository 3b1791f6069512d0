//! ISO dates as bundles write them: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
//!
//! A date of lower precision stands for the end of its span (a year series point dated
//! `2018` is plotted at the end of 2018), so mixed precisions order as a person expects.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl IsoDate {
    /// Parses one of the three forms; the error says what is wrong.
    pub fn parse(text: &str) -> Result<IsoDate, DateError> {
        if let Some(day_first) = day_first(text) {
            return Err(day_first);
        }
        // Up to three parts, without allocating: a large bundle has half a million dates.
        let mut split = text.split('-');
        let mut parts = [""; 3];
        let mut count = 0;
        for part in split.by_ref().take(3) {
            parts[count] = part;
            count += 1;
        }
        let parts = &parts[..count];
        let number = |s: &str, digits: u8, what: &'static str| -> Result<u32, DateError> {
            if s.len() == digits as usize && s.bytes().all(|b| b.is_ascii_digit()) {
                Ok(s.parse().expect("digits parse"))
            } else {
                Err(DateError::Digits { what, digits })
            }
        };
        if text.is_empty() || split.next().is_some() {
            return Err(DateError::Form);
        }
        let year = number(parts[0], 4, "year")? as i32;
        let month = match parts.get(1) {
            Some(m) => number(m, 2, "month")?,
            None => 12,
        };
        if !(1..=12).contains(&month) {
            return Err(DateError::NoMonth(month));
        }
        let last = days_in_month(year, month as u8);
        let day = match parts.get(2) {
            Some(d) => number(d, 2, "day")?,
            None => last as u32,
        };
        if day == 0 || day > last as u32 {
            return Err(DateError::NoDay { day, year, month });
        }
        Ok(IsoDate { year, month: month as u8, day: day as u8 })
    }

    /// Years as a real number, for a time axis (2018-07-02 is about 2018.5).
    pub fn as_year_fraction(&self) -> f64 {
        let mut before = 0u32;
        for m in 1..self.month {
            before += days_in_month(self.year, m) as u32;
        }
        let days = if is_leap(self.year) { 366.0 } else { 365.0 };
        self.year as f64 + (before + self.day as u32) as f64 / days
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Why a text is not a date. Its text (`Display`) says what is wrong and, when the form
/// is, which forms are accepted; [`DateError::reason`] says only what is wrong, for a
/// message that lists the forms itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not one to three parts joined by `-`.
    Form,
    /// A part of the wrong length, or not digits.
    Digits {
        what: &'static str,
        digits: u8,
    },
    NoMonth(u32),
    NoDay {
        day: u32,
        year: i32,
        month: u32,
    },
    /// Written the British way, day first (`31/03/2024`, `31.03.2024`, `31-03-2024`):
    /// the message shows it turned round.
    DayFirst {
        day: u32,
        month: u32,
        year: u32,
    },
}

/// `31/03/2024` and its kin, as a [`DateError::DayFirst`].
fn day_first(text: &str) -> Option<DateError> {
    let sep = text.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let mut parts = text.split(sep);
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let digits =
        |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    (parts.next().is_none() && digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4)).then(|| DateError::DayFirst {
        day: d.parse().expect("digits parse"),
        month: m.parse().expect("digits parse"),
        year: y.parse().expect("digits parse"),
    })
}

/// The forms a date of the format is written in.
pub const FORMS: &str = "a date written YYYY-MM-DD, YYYY-MM or YYYY";

impl DateError {
    /// What is wrong, without the accepted forms (unless they are all there is to say).
    pub fn reason(&self) -> String {
        match self {
            DateError::Digits { what, digits } => format!("the {what} must be {digits} digits"),
            DateError::DayFirst { day, month, year } => {
                format!("written day first; write dates year first, as {year}-{month:02}-{day:02}")
            }
            other => other.to_string(),
        }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Form => write!(f, "expected {FORMS}"),
            DateError::Digits { .. } => write!(f, "{}; expected {FORMS}", self.reason()),
            DateError::NoMonth(month) => write!(f, "month {month} does not exist"),
            DateError::NoDay { day, year, month } => write!(f, "day {day} does not exist in {year}-{month:02}"),
            DateError::DayFirst { .. } => f.write_str(&self.reason()),
        }
    }
}

impl std::error::Error for DateError {}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_precisions_stand_for_the_end_of_their_span() {
        assert_eq!(IsoDate::parse("2018").unwrap().to_string(), "2018-12-31");
        assert_eq!(IsoDate::parse("2019-02").unwrap().to_string(), "2019-02-28");
        assert_eq!(IsoDate::parse("2020-02").unwrap().to_string(), "2020-02-29");
        assert_eq!(IsoDate::parse("2018-10-31").unwrap().to_string(), "2018-10-31");
    }

    #[test]
    fn impossible_dates_are_refused_with_a_reason() {
        assert_eq!(IsoDate::parse("2018-13").unwrap_err().to_string(), "month 13 does not exist");
        assert_eq!(IsoDate::parse("2019-02-29").unwrap_err().to_string(), "day 29 does not exist in 2019-02");
        assert_eq!(
            IsoDate::parse("31/03/2024").unwrap_err().to_string(),
            "written day first; write dates year first, as 2024-03-31",
            "a British date is not told its year lacks digits"
        );
        assert_eq!(
            IsoDate::parse("1.4.2024").unwrap_err().reason(),
            "written day first; write dates year first, as 2024-04-01"
        );
        assert_eq!(IsoDate::parse("31-03-2024").unwrap_err(), DateError::DayFirst { day: 31, month: 3, year: 2024 });
        assert!(IsoDate::parse("18/10/18").unwrap_err().to_string().contains("YYYY-MM-DD"));
        assert!(IsoDate::parse("").is_err());
        let digits = IsoDate::parse("2018-1-01").unwrap_err();
        assert_eq!(
            digits.to_string(),
            "the month must be 2 digits; expected a date written YYYY-MM-DD, YYYY-MM or YYYY"
        );
        assert_eq!(
            digits.reason(),
            "the month must be 2 digits",
            "the reason alone, for a message that lists the forms"
        );
    }

    #[test]
    fn year_fraction_orders_dates() {
        let a = IsoDate::parse("2018-06").unwrap().as_year_fraction();
        let b = IsoDate::parse("2018").unwrap().as_year_fraction();
        assert!(a > 2018.4 && a < 2018.6 && b > a && b <= 2019.0);
    }
}
