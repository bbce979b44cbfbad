//! Quartiers prioritaires de la politique de la ville (QPV).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{contract::valid_insee, require_text, Id, Issue};

/// A QPV of the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct District {
    /// Row id (0 when new).
    pub id: Id,
    /// Official 2024 code: `QN` + 3-character département + 2 digits + letter, e.g. `QN06201M`.
    pub code: String,
    /// Name of the quartier.
    pub name: String,
    /// INSEE codes of the communes it lies in (one or more).
    pub communes: Vec<String>,
    /// Inhabitants, when known.
    pub population: Option<i64>,
    /// Indice de fragilité numérique, 1–10, when known.
    pub ifn: Option<f64>,
}

/// Whether `code` is a valid 2024 QPV code (`QN07501M`, `QN02A01N`, `QN97401A`).
pub fn valid_qpv_code(code: &str) -> bool {
    let b = code.as_bytes();
    if b.len() != 8 || &b[..2] != b"QN" {
        return false;
    }
    let dept = &b[2..5];
    let dept_ok = dept.iter().all(u8::is_ascii_digit)
        || (dept[0] == b'0' && dept[1] == b'2' && (dept[2] == b'A' || dept[2] == b'B'));
    dept_ok && b[5..7].iter().all(u8::is_ascii_digit) && b[7].is_ascii_uppercase()
}

impl District {
    /// Validation rules of a QPV.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        if !valid_qpv_code(&self.code) {
            issues.push(Issue::error(
                "code",
                format!(
                    "Code QPV « {} » invalide : attendu QN + département sur 3 caractères + 2 chiffres + une lettre majuscule (ex. QN06201M, QN02A01N).",
                    self.code
                ),
            ));
        }
        require_text("name", "Le nom du quartier", &self.name, &mut issues);
        if self.communes.is_empty() {
            issues.push(Issue::error(
                "communes",
                "Indiquez au moins une commune (code INSEE).",
            ));
        }
        for insee in &self.communes {
            if !valid_insee(insee) {
                issues.push(Issue::error(
                    "communes",
                    format!("Code INSEE « {insee} » invalide : 5 caractères."),
                ));
            }
        }
        if matches!(self.population, Some(p) if p < 0) {
            issues.push(Issue::error(
                "population",
                "La population ne peut pas être négative.",
            ));
        }
        if let Some(ifn) = self.ifn {
            if !(1.0..=10.0).contains(&ifn) {
                issues.push(Issue::error(
                    "ifn",
                    "L'indice de fragilité numérique est une note de 1 à 10.",
                ));
            }
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qpv_codes() {
        for good in ["QN07501M", "QN02A01N", "QN06201M", "QN97401A", "QN02B02Z"] {
            assert!(valid_qpv_code(good), "{good}");
        }
        for bad in [
            "",
            "QN0750M",
            "QN075011",
            "XN07501M",
            "QN07501m",
            "QN02C01N",
            "QN0750101",
            "qn07501M",
        ] {
            assert!(!valid_qpv_code(bad), "{bad}");
        }
    }

    #[test]
    fn district_errors_name_the_field() {
        let d = District {
            id: 0,
            code: "QN1".into(),
            name: " ".into(),
            communes: vec![],
            population: Some(-1),
            ifn: Some(11.0),
        };
        let fields: Vec<_> = d.validate().into_iter().map(|i| i.field).collect();
        assert_eq!(fields, ["code", "name", "communes", "population", "ifn"]);
    }
}
