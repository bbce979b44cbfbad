//! Reading values written as text the way a careful French reader would: `1 234,5`, `28/11/2026`,
//! Excel serials, lists in one cell. Pure text in, value out: no cells, no messages.

use chrono::NaiveDate;

/// Removes the spaces (incl. U+00A0, U+202F) and the euro sign of a number written in French.
fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '€' | '\''))
        .collect()
}

/// Parses a number written as text: `1 234,5`, `1234.5`, `1.234,50 €`.
pub fn parse_number_text(text: &str) -> Option<f64> {
    let mut t = compact(text);
    if t.is_empty() || t.len() > 40 {
        return None;
    }
    if t.contains(',') {
        if t.matches(',').count() > 1 {
            return None;
        }
        t = t.replace('.', "").replace(',', ".");
    }
    let ok = t
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !ok {
        return None;
    }
    t.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// The date of an Excel serial number (1900 system, as Excel and LibreOffice write it).
pub fn date_from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_days(chrono::Days::new(serial.floor() as u64))
}

/// Parses a date written as text: `28/11/2026`, `28-11-2026`, `2026-11-28`, `2026-11-28T00:00:00`.
pub fn parse_date_text(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    for fmt in ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, fmt) {
            return Some(d);
        }
    }
    if t.len() > 10 && t.is_char_boundary(10) {
        if let Ok(d) = NaiveDate::parse_from_str(&t[..10], "%Y-%m-%d") {
            return Some(d);
        }
    }
    parse_number_text(t).and_then(date_from_serial)
}

/// Splits a cell holding several values on any of `seps`, dropping blanks: `QN1, QN2` → `[QN1, QN2]`.
pub fn split_list(text: &str, seps: &[char]) -> Vec<String> {
    text.split(|c| seps.contains(&c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_numbers() {
        assert_eq!(parse_number_text("1 234,5"), Some(1234.5));
        assert_eq!(parse_number_text("1\u{202f}234,5"), Some(1234.5));
        assert_eq!(parse_number_text("1\u{a0}234,50 €"), Some(1234.5));
        assert_eq!(parse_number_text("1.234,5"), Some(1234.5));
        assert_eq!(parse_number_text("1234.5"), Some(1234.5));
        assert_eq!(parse_number_text("douze"), None);
        assert_eq!(parse_number_text("1,2,3"), None);
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(parse_date_text("28/11/2026"), Some(d));
        assert_eq!(parse_date_text("2026-11-28"), Some(d));
        assert_eq!(parse_date_text("2026-11-28T00:00:00"), Some(d));
        assert_eq!(date_from_serial(46354.0), Some(d));
        assert_eq!(parse_date_text("46354"), Some(d));
        assert!(parse_date_text("31/02/2026").is_none());
    }

    #[test]
    fn lists() {
        assert_eq!(split_list(" QN1, ;QN2 ", &[',', ';']), ["QN1", "QN2"]);
        assert!(split_list(" ; ", &[';']).is_empty());
    }
}
