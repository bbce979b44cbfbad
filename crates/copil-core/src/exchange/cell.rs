//! One spreadsheet cell as read, and its typed values, each refused with a French message.
//!
//! Every importer (Copil's own sheets, and other tools' exports) reads its cells through these
//! accessors, so a cell means the same thing whatever file it comes from.

use chrono::NaiveDate;

use super::parse::{date_from_serial, parse_date_text, parse_number_text};
use crate::format::plain_number;

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (every CSV cell is text).
    Text(String),
    /// A number.
    Number(f64),
    /// TRUE/FALSE.
    Bool(bool),
    /// A date cell.
    Date(NaiveDate),
    /// A formula error (`#DIV/0!`).
    Error(String),
}

impl Cell {
    /// Whether the cell holds nothing (or only spaces).
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text (numbers the French way, dates as JJ/MM/AAAA).
    pub fn as_text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(v) => plain_number(*v),
            Cell::Bool(b) => if *b { "Oui" } else { "Non" }.into(),
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Error(e) => e.clone(),
        }
    }

    /// The cell as text, as a parser that never refuses (for `Row::req` and `Row::opt`).
    pub fn text(&self) -> Result<String, String> {
        Ok(self.as_text())
    }

    /// A number, or a French message.
    pub fn number(&self) -> Result<f64, String> {
        match self {
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

    /// A whole number (integral value).
    pub fn integer(&self) -> Result<i64, String> {
        let v = self.number()?;
        if v.fract() != 0.0 || v.abs() > 1e15 {
            return Err(format!("un nombre entier est attendu (reçu {v})."));
        }
        Ok(v as i64)
    }

    /// A year (1900–2200).
    pub fn year(&self) -> Result<i32, String> {
        let y = self.integer()?;
        if !(1900..=2200).contains(&y) {
            return Err(format!("année {y} invalide (quatre chiffres attendus)."));
        }
        Ok(y as i32)
    }

    /// An amount in euros, in cents (`1 234,56 €` → 123456).
    pub fn cents(&self) -> Result<i64, String> {
        let v = self.number()?;
        if v.abs() > 1e13 {
            return Err("montant démesuré : vérifiez la saisie.".into());
        }
        Ok((v * 100.0).round() as i64)
    }

    /// A date (date cell, Excel serial number, or text).
    pub fn date(&self) -> Result<NaiveDate, String> {
        match self {
            Cell::Date(d) => Ok(*d),
            Cell::Number(v) => {
                date_from_serial(*v).ok_or_else(|| format!("{v} n'est pas une date."))
            }
            Cell::Text(t) => parse_date_text(t).ok_or_else(|| {
                format!("« {} » n'est pas une date (attendu JJ/MM/AAAA).", t.trim())
            }),
            Cell::Error(e) => Err(format!("la cellule contient une erreur de formule ({e}).")),
            _ => Err("la valeur n'est pas une date.".into()),
        }
    }

    /// Yes/no (`Oui`, `Non`, `x`, `1`, `VRAI`…).
    pub fn boolean(&self) -> Result<bool, String> {
        match self {
            Cell::Bool(b) => Ok(*b),
            Cell::Number(v) => Ok(*v != 0.0),
            Cell::Text(t) if t == "Oui" => Ok(true),
            Cell::Text(t) if t == "Non" => Ok(false),
            Cell::Text(t) => match crate::text::fold(t).as_str() {
                "oui" | "o" | "x" | "vrai" | "true" | "1" | "yes" => Ok(true),
                "non" | "n" | "faux" | "false" | "0" | "no" => Ok(false),
                other => Err(format!("« {other} » : répondez Oui ou Non.")),
            },
            _ => Err("répondez Oui ou Non.".into()),
        }
    }
}

/// A parser for a coded value (status, unit, financeur…) that lists the allowed labels when refused.
pub(crate) fn coded<T: Copy>(
    parse: fn(&str) -> Option<T>,
    all: &'static [T],
    label: fn(T) -> &'static str,
) -> impl Fn(&Cell) -> Result<T, String> {
    move |c: &Cell| {
        let t = c.as_text();
        parse(&t).ok_or_else(|| {
            let allowed: Vec<&str> = all.iter().map(|v| label(*v)).collect();
            format!(
                "« {t} » inconnu ; valeurs possibles : {}.",
                allowed.join(", ")
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_values() {
        assert_eq!(Cell::Text("1 234,56 €".into()).cents(), Ok(123456));
        let d = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        assert_eq!(Cell::Number(46354.0).date(), Ok(d));
        assert_eq!(Cell::Number(1234.5).as_text(), "1234,5");
        assert_eq!(
            Cell::Text("douze".into()).number(),
            Err("« douze » n'est pas un nombre.".into())
        );
        assert_eq!(
            Cell::Number(2.5).year(),
            Err("un nombre entier est attendu (reçu 2.5).".into())
        );
        assert_eq!(Cell::Text(" X ".into()).boolean(), Ok(true));
    }
}
