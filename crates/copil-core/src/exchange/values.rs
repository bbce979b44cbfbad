//! Parsing cell values the way a careful French reader would: `1 234,5`, `28/11/2026`, Excel serials.

use chrono::NaiveDate;

use super::read::Cell;

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

/// A number from a cell, or a French message.
pub fn number(cell: &Cell) -> Result<f64, String> {
    match cell {
        Cell::Number(v) if v.is_finite() => Ok(*v),
        Cell::Text(t) => {
            parse_number_text(t).ok_or_else(|| format!("« {} » n'est pas un nombre.", t.trim()))
        }
        Cell::Error(e) => Err(format!("la cellule contient une erreur de formule ({e}).")),
        Cell::Date(d) => Err(format!(
            "une date ({}) à la place d'un nombre.",
            d.format("%d/%m/%Y")
        )),
        Cell::Bool(_) => Err("VRAI/FAUX à la place d'un nombre.".into()),
        _ => Err("la valeur n'est pas un nombre.".into()),
    }
}

/// A whole number (integral value) from a cell.
pub fn integer(cell: &Cell) -> Result<i64, String> {
    let v = number(cell)?;
    if v.fract() != 0.0 || v.abs() > 1e15 {
        return Err(format!("un nombre entier est attendu (reçu {v})."));
    }
    Ok(v as i64)
}

/// A year (1900–2200) from a cell.
pub fn year(cell: &Cell) -> Result<i32, String> {
    let y = integer(cell)?;
    if !(1900..=2200).contains(&y) {
        return Err(format!("année {y} invalide (quatre chiffres attendus)."));
    }
    Ok(y as i32)
}

/// An amount in euros from a cell, in cents (`1 234,56 €` → 123456).
pub fn cents(cell: &Cell) -> Result<i64, String> {
    let v = number(cell)?;
    if v.abs() > 1e13 {
        return Err("montant démesuré : vérifiez la saisie.".into());
    }
    Ok((v * 100.0).round() as i64)
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

/// A date from a cell (date cell, Excel serial number, or text).
pub fn date(cell: &Cell) -> Result<NaiveDate, String> {
    match cell {
        Cell::Date(d) => Ok(*d),
        Cell::Number(v) => date_from_serial(*v).ok_or_else(|| format!("{v} n'est pas une date.")),
        Cell::Text(t) => parse_date_text(t)
            .ok_or_else(|| format!("« {} » n'est pas une date (attendu JJ/MM/AAAA).", t.trim())),
        Cell::Error(e) => Err(format!("la cellule contient une erreur de formule ({e}).")),
        _ => Err("la valeur n'est pas une date.".into()),
    }
}

/// Yes/no from a cell (`Oui`, `Non`, `x`, `1`, `VRAI`…).
pub fn boolean(cell: &Cell) -> Result<bool, String> {
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(v) => Ok(*v != 0.0),
        Cell::Text(t) => match crate::text::fold(t).as_str() {
            "oui" | "o" | "x" | "vrai" | "true" | "1" | "yes" => Ok(true),
            "non" | "n" | "faux" | "false" | "0" | "no" => Ok(false),
            other => Err(format!("« {other} » : répondez Oui ou Non.")),
        },
        _ => Err("répondez Oui ou Non.".into()),
    }
}

/// Formats a number the French way for CSV and messages (`1234,5`).
pub fn french_number(v: f64) -> String {
    let s = if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    };
    s.replace('.', ",")
}

/// Formats cents as a French amount without thousands separators (`1234,50`).
pub fn french_cents(c: i64) -> String {
    let sign = if c < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", c.abs() / 100, c.abs() % 100)
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
        assert_eq!(cents(&Cell::Text("1 234,56 €".into())), Ok(123456));
        assert_eq!(french_cents(123456), "1234,56");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(parse_date_text("28/11/2026"), Some(d));
        assert_eq!(parse_date_text("2026-11-28"), Some(d));
        assert_eq!(parse_date_text("2026-11-28T00:00:00"), Some(d));
        assert_eq!(date_from_serial(46354.0), Some(d));
        assert_eq!(date(&Cell::Number(46354.0)), Ok(d));
        assert_eq!(parse_date_text("46354"), Some(d));
        assert!(parse_date_text("31/02/2026").is_none());
    }
}
