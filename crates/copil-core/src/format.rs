//! French formatting of numbers, amounts, percentages and dates — the one
//! place where Copil turns figures into text (report, CLI, spreadsheet exports;
//! mirrored by the UI).
//!
//! Spacing conventions (French typography, consistent everywhere):
//! - thousands separator: U+202F NARROW NO-BREAK SPACE ([`THOUSANDS_SEP`]),
//!   e.g. `1 234,5`;
//! - before a unit sign (`%`, `€`): U+00A0 NO-BREAK SPACE ([`UNIT_SEP`]),
//!   e.g. `57,1 %`, `12 500 €`;
//! - decimal separator: comma; minus sign: ASCII `-`.
//!
//! The `plain_*` forms are for cells another program reads back (CSV exports):
//! decimal comma, but no thousands separator and no unit sign.
//!
//! Tests and text extraction should normalise both spaces to a plain space
//! before comparing (see [`normalize_spaces`]).

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// Thousands separator: U+202F NARROW NO-BREAK SPACE (espace fine insécable).
pub const THOUSANDS_SEP: char = '\u{202F}';
/// Space before `%` and `€`: U+00A0 NO-BREAK SPACE (espace insécable).
pub const UNIT_SEP: char = '\u{00A0}';
/// Shown instead of a number that cannot be displayed (NaN, infinite).
pub const NOT_AVAILABLE: &str = "–";

/// French month names, lower case, as used in long dates.
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// Formats `value` with at most `decimals` fraction digits (rounded, trailing
/// zeros dropped, so whole values show no decimal part): `1 234,5`, `1 234`.
pub fn number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    let decimals = decimals.min(9);
    let raw = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match raw.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (raw.as_str(), ""),
    };
    let is_zero = int_part.bytes().all(|b| b == b'0') && frac_part.is_empty();
    let mut out = String::with_capacity(raw.len() + 8);
    if value.is_sign_negative() && !is_zero {
        out.push('-');
    }
    out.push_str(&group_thousands(int_part));
    if !frac_part.is_empty() {
        out.push(',');
        out.push_str(frac_part);
    }
    out
}

/// Formats an integer count with thousands separators: `12 500`.
pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let grouped = group_thousands(&digits);
    if value < 0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// Formats a difference with an explicit sign (`+1 234,5`, `-3`, `0`), for gaps and deltas.
pub fn signed(value: f64, decimals: usize) -> String {
    let text = number(value, decimals);
    if value.is_finite() && text != "0" && !text.starts_with('-') {
        format!("+{text}")
    } else {
        text
    }
}

/// Formats a percentage given in percent points (57.14 → `57,1 %`), one decimal at most.
pub fn percent(value: f64) -> String {
    if !value.is_finite() {
        return NOT_AVAILABLE.to_string();
    }
    format!("{}{UNIT_SEP}%", number(value, 1))
}

/// Formats an amount in euro cents: `12 500 €` when whole, else `12 500,50 €`.
pub fn euros_from_cents(cents: i64) -> String {
    let abs = cents.unsigned_abs();
    let (euros, rest) = (abs / 100, abs % 100);
    let sign = if cents < 0 { "-" } else { "" };
    let euros = group_thousands(&euros.to_string());
    if rest == 0 {
        format!("{sign}{euros}{UNIT_SEP}€")
    } else {
        format!("{sign}{euros},{rest:02}{UNIT_SEP}€")
    }
}

/// What an amount not filled in shows (a requested amount left empty is not 0).
pub const NOT_FILLED_IN: &str = "non renseigné";

/// Formats a requested amount: the sum of the lines filled in, and how many are not
/// (`12 500 €`, `12 500 € (+ 2 non renseignés)`, `non renseigné`); never counts them as 0.
pub fn requested_amount(known_cents: i64, not_filled_in: u32) -> String {
    match (known_cents, not_filled_in) {
        (_, 0) => euros_from_cents(known_cents),
        (0, _) => NOT_FILLED_IN.to_string(),
        (_, 1) => format!("{} (+ 1 {NOT_FILLED_IN})", euros_from_cents(known_cents)),
        (_, n) => format!("{} (+ {n} non renseignés)", euros_from_cents(known_cents)),
    }
}

/// Formats a number for a cell another program reads back (CSV export, a cell quoted in a
/// message): decimal comma, no thousands separator, every digit kept (`1234,5`, `0,125`).
pub fn plain_number(v: f64) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    s.replace('.', ",")
}

/// Formats cents as an amount another program reads back: no thousands separator, no € (`1234,50`).
pub fn plain_cents(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", c.abs() / 100, c.abs() % 100)
}

/// Formats a date in full French form: `28 novembre 2026`, `1er décembre 2026`.
pub fn date_long(date: NaiveDate) -> String {
    let day = date.day();
    let month = MONTHS[date.month0() as usize];
    if day == 1 {
        format!("1er {month} {}", date.year())
    } else {
        format!("{day} {month} {}", date.year())
    }
}

/// Formats a time of day the French way: `14 h 05` (no-break spaces).
pub fn time_of_day(time: NaiveTime) -> String {
    format!("{}{UNIT_SEP}h{UNIT_SEP}{:02}", time.hour(), time.minute())
}

/// Formats a date as `28/11/2026`.
pub fn date_short(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// Formats a file size: `812 octets`, `104 Ko`, `3,4 Mo` (1 Ko = 1 024 octets).
pub fn bytes(n: u64) -> String {
    const KO: f64 = 1024.0;
    let ko = (n as f64 / KO).round();
    if n < 1024 {
        format!(
            "{}{UNIT_SEP}octet{}",
            integer(n as i64),
            if n > 1 { "s" } else { "" }
        )
    } else if ko < KO {
        format!("{}{UNIT_SEP}Ko", number(ko, 0))
    } else {
        format!("{}{UNIT_SEP}Mo", number(n as f64 / (KO * KO), 1))
    }
}

/// Replaces the no-break spaces used by this module with plain spaces (for comparisons).
pub fn normalize_spaces(text: &str) -> String {
    text.replace([THOUSANDS_SEP, UNIT_SEP], " ")
}

/// Inserts [`THOUSANDS_SEP`] every three digits from the right of an ASCII digit string.
fn group_thousands(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(THOUSANDS_SEP);
        }
        out.push(c);
    }
    out
}

/// Formats an indicator value in its unit: `57,1 %` for a share, `12 500 €`, else `1 234,5`.
pub fn quantity(value: f64, unit: crate::domain::Unit) -> String {
    use crate::domain::Unit;
    match unit {
        Unit::Percent => percent(value),
        Unit::Euros => euros_from_cents((value * 100.0).round() as i64),
        _ => number(value, 1),
    }
}

/// Shown instead of a consolidated value that cannot be computed (the reason is given beside it).
pub const NOT_COMPUTABLE: &str = "non calculable";

/// A percentage with its base: `65 % sur 400 personnes`.
pub fn share_of_base(value: f64, base: f64) -> String {
    format!(
        "{} sur {}{UNIT_SEP}personnes",
        percent(value),
        number(base, 0)
    )
}

/// A consolidated value as screens and the report show it: `—` when absent, « non calculable »,
/// a percentage with its base when known, else the value in its unit.
pub fn consolidated(
    value: Option<f64>,
    base: Option<f64>,
    not_computable: bool,
    unit: crate::domain::Unit,
) -> String {
    match (value, base) {
        _ if not_computable => NOT_COMPUTABLE.into(),
        (None, _) => "—".into(),
        (Some(v), Some(b)) if unit == crate::domain::Unit::Percent => share_of_base(v, b),
        (Some(v), _) => quantity(v, unit),
    }
}

/// Formats a signed difference in an indicator's unit: `+3,5 pts` for a share, `-120` otherwise.
pub fn gap(value: f64, unit: crate::domain::Unit) -> String {
    match unit {
        crate::domain::Unit::Percent => format!(
            "{}{UNIT_SEP}pt{}",
            signed(value, 1),
            if value.abs() >= 2.0 { "s" } else { "" }
        ),
        _ => signed(value, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn numbers_use_narrow_nbsp_and_comma() {
        assert_eq!(number(1234.5, 1), "1\u{202F}234,5");
        assert_eq!(number(1234.0, 2), "1\u{202F}234");
        assert_eq!(number(1234.56, 1), "1\u{202F}234,6");
        assert_eq!(number(1234567.0, 0), "1\u{202F}234\u{202F}567");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(0.0, 2), "0");
        assert_eq!(number(-0.001, 1), "0");
        assert_eq!(number(-1234.5, 1), "-1\u{202F}234,5");
        assert_eq!(number(0.25, 2), "0,25");
        assert_eq!(number(f64::NAN, 1), "–");
        assert_eq!(number(f64::INFINITY, 1), "–");
    }

    #[test]
    fn times_of_day_read_14_h_05() {
        let t = NaiveTime::from_hms_opt(14, 5, 0).unwrap();
        assert_eq!(normalize_spaces(&time_of_day(t)), "14 h 05");
    }

    #[test]
    fn integers_and_signed() {
        assert_eq!(integer(12500), "12\u{202F}500");
        assert_eq!(integer(-1000), "-1\u{202F}000");
        assert_eq!(integer(0), "0");
        assert_eq!(
            integer(i64::MIN),
            "-9\u{202F}223\u{202F}372\u{202F}036\u{202F}854\u{202F}775\u{202F}808"
        );
        assert_eq!(signed(12.0, 0), "+12");
        assert_eq!(signed(-3.5, 1), "-3,5");
        assert_eq!(signed(0.0, 1), "0");
        assert_eq!(signed(1500.5, 1), "+1\u{202F}500,5");
    }

    #[test]
    fn percents() {
        assert_eq!(percent(57.14), "57,1\u{A0}%");
        assert_eq!(percent(75.0), "75\u{A0}%");
        assert_eq!(percent(100.0), "100\u{A0}%");
        assert_eq!(normalize_spaces(&percent(57.14)), "57,1 %");
    }

    #[test]
    fn euros() {
        assert_eq!(euros_from_cents(1_250_000), "12\u{202F}500\u{A0}€");
        assert_eq!(euros_from_cents(1_250_050), "12\u{202F}500,50\u{A0}€");
        assert_eq!(euros_from_cents(5), "0,05\u{A0}€");
        assert_eq!(euros_from_cents(0), "0\u{A0}€");
        assert_eq!(euros_from_cents(-1_250_000), "-12\u{202F}500\u{A0}€");
        assert_eq!(normalize_spaces(&euros_from_cents(1_250_000)), "12 500 €");
    }

    #[test]
    fn plain_numbers_for_other_programs() {
        assert_eq!(plain_number(1234.5), "1234,5");
        assert_eq!(plain_number(1234.0), "1234");
        assert_eq!(plain_number(0.125), "0,125");
        assert_eq!(plain_number(-3.0), "-3");
        assert_eq!(plain_cents(123456), "1234,56");
        assert_eq!(plain_cents(-5), "-0,05");
        assert_eq!(plain_cents(0), "0,00");
    }

    #[test]
    fn consolidated_values() {
        use crate::domain::Unit;
        assert_eq!(
            normalize_spaces(&consolidated(Some(65.0), Some(400.0), false, Unit::Percent)),
            "65 % sur 400 personnes"
        );
        assert_eq!(
            consolidated(None, None, true, Unit::Percent),
            "non calculable"
        );
        assert_eq!(consolidated(None, None, false, Unit::Persons), "—");
        assert_eq!(consolidated(Some(65.0), None, false, Unit::Sessions), "65");
    }

    #[test]
    fn sizes() {
        assert_eq!(normalize_spaces(&bytes(0)), "0 octet");
        assert_eq!(normalize_spaces(&bytes(812)), "812 octets");
        assert_eq!(normalize_spaces(&bytes(106_056)), "104 Ko");
        assert_eq!(normalize_spaces(&bytes(3_565_158)), "3,4 Mo");
    }

    /// Writes `format-cases.json` beside the UI's bindings: inputs and what this module (and
    /// `text::fold`, `exchange::parse_number_text`) makes of them. `ui/src/lib/format.test.ts`
    /// asserts that the UI's mirror gives the same text, so the screen formats as the PDF does.
    #[test]
    fn the_format_cases_are_written_beside_the_bindings() {
        use crate::domain::Unit;
        use serde_json::{json, Value};
        let values = [
            0.0,
            0.05,
            0.125,
            0.25,
            0.5,
            1.15,
            1.5,
            2.5,
            2.675,
            3.0,
            12.5,
            57.14,
            66.666_666,
            999.95,
            1234.0,
            1234.05,
            1234.5,
            1234.56,
            12_500.5,
            1_234_567.0,
            1e9 + 0.5,
            0.1 + 0.2,
            -0.001,
            -3.25,
            -1234.5,
        ];
        let number_cases: Vec<Value> = values
            .iter()
            .flat_map(|&v| {
                (0..=3).map(move |d| json!({"value": v, "decimals": d, "text": number(v, d)}))
            })
            .collect();
        let percent_cases: Vec<Value> = values
            .iter()
            .map(|&v| json!({"value": v, "text": percent(v)}))
            .collect();
        let integers = [
            0_i64,
            7,
            999,
            1000,
            12_500,
            -1000,
            1_234_567_890,
            9_007_199_254_740_991,
        ];
        let cents = [
            0_i64,
            5,
            99,
            100,
            1_250_000,
            1_250_050,
            -1_250_000,
            123_456_789,
        ];
        let quantity_cases: Vec<Value> = Unit::ALL
            .iter()
            .flat_map(|&u| {
                [
                    0.0, 12.5, 1234.0, 1234.56, 57.14, 12_500.5, 0.05, -3.25, 1e6,
                ]
                .map(|v| json!({"value": v, "unit": u, "text": quantity(v, u)}))
            })
            .collect();
        let dates = [
            d(2026, 11, 28),
            d(2026, 12, 1),
            d(2025, 2, 5),
            d(2025, 8, 15),
            d(2024, 2, 29),
            d(2030, 1, 1),
        ];
        let sizes = [
            0_u64, 1, 812, 1023, 1024, 1536, 106_056, 258_048, 1_048_575, 1_048_576, 3_565_158,
        ];
        let texts = [
            "  Réalisée ",
            "Égalité femmes-hommes",
            "femmes  hommes",
            "En_cours",
            "Cœur ŒUVRE",
            "ÀÂÄÁ ÉÈÊË ÎÏÍ ÔÖÓ ÙÛÜÚ Ç",
            "Ñandú",
            "tab\there",
            "a\u{a0}b\u{202f}c",
            "Straße",
            "",
        ];
        let typed = [
            "1 234,5",
            "1234.5",
            "1.234,50 €",
            "12 500",
            "12\u{202f}500,5\u{a0}€",
            "0,99",
            "12,345",
            "1'234",
            "-5",
            "+3",
            "-0",
            "1e3",
            "1.e5",
            "1e+5",
            ".5",
            "5.",
            "abc",
            "",
            "  ",
            "1,2,3",
            "1.2.3",
            "−5",
            "12 %",
            "1e400",
            "e5",
            "-",
            "1e",
            "12a",
            "999999999999999999999999999999999999999999",
        ];
        let cases = json!({
            "number": number_cases,
            "percent": percent_cases,
            "integer": integers.map(|v| json!({"value": v, "text": integer(v)})),
            "euros_from_cents": cents.map(|c| json!({"cents": c, "text": euros_from_cents(c)})),
            "quantity": quantity_cases,
            "date_long": dates.map(|x| json!({"date": x, "text": date_long(x)})),
            "date_short": dates.map(|x| json!({"date": x, "text": date_short(x)})),
            "bytes": sizes.map(|n| json!({"bytes": n, "text": bytes(n)})),
            "fold": texts.map(|t| json!({"text": t, "folded": crate::text::fold(t)})),
            "parse_number": typed.map(|t| json!({"text": t, "value": crate::exchange::parse_number_text(t)})),
        });
        let text = serde_json::to_string_pretty(&cases).unwrap() + "\n";
        let path = ts_rs::Config::from_env()
            .out_dir()
            .join("format-cases.json");
        if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&path, text).expect("format-cases.json written");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(date_long(d(2026, 11, 28)), "28 novembre 2026");
        assert_eq!(date_long(d(2026, 12, 1)), "1er décembre 2026");
        assert_eq!(date_long(d(2025, 2, 5)), "5 février 2025");
        assert_eq!(date_long(d(2025, 8, 15)), "15 août 2025");
        assert_eq!(date_short(d(2026, 11, 28)), "28/11/2026");
        assert_eq!(date_short(d(2026, 1, 5)), "05/01/2026");
    }
}
