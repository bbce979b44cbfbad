//! Actors (structures): porteurs de projet, collectivités, État, bailleurs, …

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coded_enum, require_text, Id, Issue};

coded_enum! {
    /// Type of structure, used to count participants by type.
    ActorKind {
        /// Association.
        Association = "association" => "Association",
        /// Commune, EPCI, département, région.
        LocalAuthority = "local_authority" => "Collectivité",
        /// Préfecture, services de l'État.
        State = "state" => "État",
        /// Bailleur social.
        SocialLandlord = "social_landlord" => "Bailleur",
        /// Company.
        Company = "company" => "Entreprise",
        /// Anything else (CAF, France Travail, …).
        Other = "other" => "Autre",
    }
}

coded_enum! {
    /// National labels of digital-inclusion structures.
    ActorLabel {
        /// France Services.
        FranceServices = "france_services" => "France Services",
        /// Conseiller numérique.
        ConseillerNumerique = "conseiller_numerique" => "Conseiller numérique",
        /// Aidants Connect.
        AidantsConnect = "aidants_connect" => "Aidants Connect",
        /// Fabrique de territoire.
        FabriqueDeTerritoire = "fabrique_de_territoire" => "Fabrique de territoire",
        /// Pass numérique.
        PassNumerique = "pass_numerique" => "Pass numérique",
    }
}

/// A structure involved in the pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Actor {
    /// Row id (0 when new).
    pub id: Id,
    /// Name, unique in the contract.
    pub name: String,
    /// Type of structure.
    pub kind: ActorKind,
    /// SIRET (14 digits), optional.
    pub siret: Option<String>,
    /// Labels held.
    pub labels: Vec<ActorLabel>,
    /// QPVs served.
    pub district_ids: Vec<Id>,
    /// Contact (name, e-mail or phone), free text.
    pub contact: String,
}

/// SIREN of La Poste, whose establishments' SIRET do not follow the Luhn key.
const LA_POSTE_SIREN: &str = "356000000";

/// SIRET of La Poste's head office, which does follow the Luhn key.
const LA_POSTE_HEAD_OFFICE: &str = "35600000000048";

/// Whether a SIRET is 14 digits with a valid Luhn key (La Poste's establishments excepted).
pub fn valid_siret(siret: &str) -> bool {
    if siret.len() != 14 || !siret.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    if siret.starts_with(LA_POSTE_SIREN) && siret != LA_POSTE_HEAD_OFFICE {
        let sum: u32 = siret.bytes().map(|b| u32::from(b - b'0')).sum();
        return sum.is_multiple_of(5);
    }
    luhn(siret)
}

/// Whether a string of digits passes the Luhn check (the key of SIREN and SIRET numbers).
pub(crate) fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b.wrapping_sub(b'0'));
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

impl Actor {
    /// Validation rules of an actor.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text("name", "Le nom de la structure", &self.name, &mut issues);
        if let Some(siret) = &self.siret {
            let compact: String = siret.chars().filter(|c| !c.is_whitespace()).collect();
            if !valid_siret(&compact) {
                issues.push(Issue::error(
                    "siret",
                    format!("SIRET « {siret} » invalide : 14 chiffres dont la clé de contrôle (Luhn) doit être juste."),
                ));
            }
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::valid_siret;

    #[test]
    fn siret_luhn() {
        assert!(valid_siret("73282932000074")); // a well-known valid SIRET
        assert!(!valid_siret("73282932000075"));
        assert!(!valid_siret("7328293200007"));
        assert!(!valid_siret("7328293200007A"));
        assert!(valid_siret("35600000000048")); // La Poste head office: Luhn
        assert!(valid_siret("35600000012341")); // La Poste establishment: digit sum multiple of 5
        assert!(!valid_siret("35600000012342"));
        assert!(!valid_siret("35600000000049"));
    }
}
