//! Numbers and values as a board paper prints them.

/// "12.3% (2017/18)": a value with its unit and its date label.
pub fn value_text(value: Option<f64>, unit: Option<&str>, label: &str) -> String {
    let Some(v) = value else { return format!("No value ({label})") };
    format!("{} ({label})", with_unit(v, unit))
}

/// "12.3%", "4,512 per 100,000", "81.2 years".
pub fn with_unit(v: f64, unit: Option<&str>) -> String {
    let number = format_number(v);
    match unit.map(str::trim) {
        Some("%") => format!("{number}%"),
        Some(u) if !u.is_empty() => format!("{number} {u}"),
        _ => number,
    }
}

/// Thousands separated; whole numbers without decimals, others to at most 2 places
/// (1 from 100 up), trailing zeros dropped. From a thousand million million up, in
/// powers of ten ("1.8 × 10^308"): written out, 1e308 is 412 characters long.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "a number too large to show".to_string();
    }
    if v.abs() >= 1e15 {
        // By hand rather than with `{:e}` or `log10`, whose code would add to the download.
        let (mut mantissa, mut exponent) = (v, 0);
        while mantissa.abs() >= 10.0 {
            mantissa /= 10.0;
            exponent += 1;
        }
        return format!("{} × 10^{exponent}", format_number(mantissa));
    }
    let decimals = if v.fract() == 0.0 {
        0
    } else if v.abs() >= 100.0 {
        1
    } else {
        2
    };
    let text = format!("{:.*}", decimals, v.abs());
    let (int, frac) = text.split_once('.').map_or((text.as_str(), ""), |(i, f)| (i, f));
    let mut grouped = String::new();
    for (n, c) in int.chars().enumerate() {
        if n > 0 && (int.len() - n) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let frac = frac.trim_end_matches('0');
    let sign = if v < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') { "-" } else { "" };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_in_a_board_paper() {
        assert_eq!(format_number(12.0), "12");
        assert_eq!(format_number(12.345), "12.35");
        assert_eq!(format_number(12.30), "12.3");
        assert_eq!(format_number(4512.26), "4,512.3");
        assert_eq!(format_number(1234567.0), "1,234,567");
        assert_eq!(format_number(-0.5), "-0.5");
        assert_eq!(format_number(-0.001), "0");
        assert_eq!(with_unit(12.5, Some("%")), "12.5%");
        assert_eq!(with_unit(81.2, Some("years")), "81.2 years");
        assert_eq!(value_text(None, Some("%"), "2017/18"), "No value (2017/18)");
        assert_eq!(value_text(Some(7.0), None, "Q2 2018"), "7 (Q2 2018)");
    }
}
