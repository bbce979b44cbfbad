//! The contrat de ville itself: one per file.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{limit_text, require_text, Issue, Period};

/// A commune of the contract, by INSEE code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Commune {
    /// Code officiel géographique (5 characters, e.g. `62498`, `2A004`).
    pub insee: String,
    /// Name of the commune.
    pub name: String,
}

/// The contract: name, EPCI, communes, period and signatories.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Contract {
    /// Name, e.g. « Contrat de ville de Lens-Liévin 2024–2030 ».
    pub name: String,
    /// EPCI carrying the contract.
    pub epci: String,
    /// SIREN of the EPCI (9 digits): finds its line in the indice de fragilité numérique by EPCI.
    #[serde(default)]
    #[ts(optional)]
    pub epci_siren: Option<String>,
    /// Communes covered.
    pub communes: Vec<Commune>,
    /// First year (2024 by default).
    pub start_year: i32,
    /// Last year (2030 by default).
    pub end_year: i32,
    /// Signatories (État, EPCI, communes, CAF, …).
    pub signatories: Vec<String>,
}

impl Contract {
    /// A new contract with the default 2024–2030 period.
    pub fn new(name: &str, epci: &str) -> Self {
        Contract {
            name: name.trim().to_string(),
            epci: epci.trim().to_string(),
            epci_siren: None,
            communes: Vec::new(),
            start_year: 2024,
            end_year: 2030,
            signatories: Vec::new(),
        }
    }

    /// The contract period used to check dates.
    pub fn period(&self) -> Period {
        Period {
            start_year: self.start_year,
            end_year: self.end_year,
        }
    }

    /// Validation rules of the contract.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text("name", "Le nom du contrat", &self.name, &mut issues);
        limit_text("name", "Le nom du contrat", &self.name, 200, &mut issues);
        require_text("epci", "L'EPCI", &self.epci, &mut issues);
        if let Some(siren) = self.epci_siren.as_deref().filter(|s| !s.trim().is_empty()) {
            if !valid_siren(siren) {
                issues.push(Issue::error(
                    "epci_siren",
                    format!("SIREN de l'EPCI « {siren} » invalide : 9 chiffres dont la clé de contrôle (Luhn) doit être juste (ex. 246200364)."),
                ));
            }
        }
        if !(2000..=2100).contains(&self.start_year)
            || self.end_year < self.start_year
            || self.end_year - self.start_year > 15
        {
            issues.push(Issue::error(
                "end_year",
                format!(
                    "Période {}–{} impossible : la fin doit suivre le début, sur 15 ans au plus.",
                    self.start_year, self.end_year
                ),
            ));
        }
        for commune in &self.communes {
            if !valid_insee(&commune.insee) {
                issues.push(Issue::error(
                    "communes",
                    format!("Code INSEE « {} » invalide : 5 caractères (chiffres, ou 2A/2B pour la Corse).", commune.insee),
                ));
            }
        }
        issues
    }
}

/// Whether a SIREN is 9 digits with a valid Luhn key (an EPCI's, as in `246200364`).
pub fn valid_siren(siren: &str) -> bool {
    siren.len() == 9 && siren.bytes().all(|b| b.is_ascii_digit()) && super::actor::luhn(siren)
}

/// Whether a code looks like an INSEE commune code (`62498`, `2A004`, `97411`).
pub fn valid_insee(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && (b[..2].iter().all(u8::is_ascii_digit) || &b[..2] == b"2A" || &b[..2] == b"2B")
        && b[2..].iter().all(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epci_siren_is_checked() {
        assert!(valid_siren("246200364"));
        assert!(!valid_siren("246200365"));
        assert!(!valid_siren("24620036"));
        let mut c = Contract::new("Contrat", "CALL");
        c.epci_siren = Some("123".into());
        assert_eq!(c.validate()[0].field, "epci_siren");
        c.epci_siren = Some(" ".into());
        assert!(c.validate().is_empty());
    }
}
