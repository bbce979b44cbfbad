//! Lieux de médiation numérique: the places of the national directories, each linked to an actor.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{require_text, Id, Issue};

/// A lieu de médiation numérique, as the national directories (LaMednum, data·inclusion) list it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Place {
    /// Row id (0 when new).
    pub id: Id,
    /// Producer of the record (`Hubik`, `dora`, …) or the file it came from.
    pub source: String,
    /// Identifier in that source (`id` column): the key a re-import matches on.
    pub source_id: String,
    /// Name of the lieu.
    pub name: String,
    /// Street address.
    pub address: String,
    /// Postal code.
    pub postal_code: String,
    /// Commune name as written in the file.
    pub commune: String,
    /// INSEE code of the commune, when given.
    pub insee: Option<String>,
    /// Latitude (WGS84), when given.
    pub latitude: Option<f64>,
    /// Longitude (WGS84), when given.
    pub longitude: Option<f64>,
    /// Services offered (« Aide aux démarches administratives », …).
    pub services: Vec<String>,
    /// Publics specifically welcomed.
    pub publics: Vec<String>,
    /// Opening hours (OpenStreetMap `opening_hours` text).
    pub hours: String,
    /// National programmes present (« Aidants Connect », « Conseillers numériques », …).
    pub dispositifs: Vec<String>,
    /// Date of the record's last update in its source.
    pub updated_on: NaiveDate,
    /// The structure that runs it.
    pub actor_id: Option<Id>,
}

/// A QPV's outline (WGS84 degrees, longitude as x): the exact geometry of the official file,
/// which placement uses, and a simplified copy to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct DistrictOutline {
    /// The QPV.
    pub district_id: Id,
    /// Exact geometry.
    pub geometry: geo::MultiPolygon<f64>,
    /// Simplified for display (a few metres off at most).
    pub display: geo::MultiPolygon<f64>,
}

/// Whether a WGS84 point lies in France (metropolitan France, Corsica or an overseas département).
pub fn in_france(latitude: f64, longitude: f64) -> bool {
    const BOXES: [(f64, f64, f64, f64); 6] = [
        (41.2, 51.2, -5.5, 9.8),    // metropolitan France and Corsica
        (15.8, 16.6, -61.9, -60.9), // Guadeloupe
        (14.3, 14.9, -61.3, -60.8), // Martinique
        (2.1, 5.8, -54.7, -51.5),   // Guyane
        (-21.4, -20.8, 55.2, 55.9), // La Réunion
        (-13.1, -12.6, 45.0, 45.3), // Mayotte
    ];
    BOXES.iter().any(|&(lat0, lat1, lon0, lon1)| {
        (lat0..=lat1).contains(&latitude) && (lon0..=lon1).contains(&longitude)
    })
}

/// The national programme a dispositif or réseau porteur names, in Copil's words, if known.
pub fn dispositif_label(text: &str) -> Option<super::ActorLabel> {
    use super::ActorLabel;
    let folded = crate::text::fold(text).replace(['-', '_'], " ");
    if folded.contains("aidants connect") {
        Some(ActorLabel::AidantsConnect)
    } else if folded.contains("conseiller") && folded.contains("numerique") {
        Some(ActorLabel::ConseillerNumerique)
    } else if folded.contains("france service") {
        Some(ActorLabel::FranceServices)
    } else if folded.contains("fabrique") {
        Some(ActorLabel::FabriqueDeTerritoire)
    } else if folded.contains("pass numerique") {
        Some(ActorLabel::PassNumerique)
    } else {
        None
    }
}

impl Place {
    /// Validation rules of a lieu.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text(
            "source_id",
            "L'identifiant du lieu (id)",
            &self.source_id,
            &mut issues,
        );
        require_text("name", "Le nom du lieu", &self.name, &mut issues);
        match (self.latitude, self.longitude) {
            (Some(lat), Some(lon)) if !in_france(lat, lon) => issues.push(Issue::error(
                "latitude",
                format!(
                    "coordonnées hors de France (latitude {lat}, longitude {lon}) : attendues en degrés WGS84."
                ),
            )),
            (Some(_), None) | (None, Some(_)) => issues.push(Issue::error(
                "longitude",
                "latitude et longitude vont ensemble : l'une manque.",
            )),
            _ => {}
        }
        issues
    }

    /// The lieu's position, when it has one.
    pub fn position(&self) -> Option<(f64, f64)> {
        self.latitude.zip(self.longitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn france_and_its_overseas_departements() {
        assert!(in_france(50.43, 2.83)); // Lens
        assert!(in_france(42.7, 9.45)); // Bastia
        assert!(in_france(-20.88, 55.45)); // Saint-Denis (La Réunion)
        assert!(!in_france(40.4, -3.7)); // Madrid
        assert!(!in_france(5_600_000.0, 700_000.0)); // Lambert-93 metres
    }

    #[test]
    fn dispositifs_name_the_labels() {
        use crate::domain::ActorLabel;
        assert_eq!(
            dispositif_label("Aidants Connect"),
            Some(ActorLabel::AidantsConnect)
        );
        assert_eq!(
            dispositif_label("conseillers-numeriques"),
            Some(ActorLabel::ConseillerNumerique)
        );
        assert_eq!(
            dispositif_label("france-service"),
            Some(ActorLabel::FranceServices)
        );
        assert_eq!(dispositif_label("La Croix Rouge"), None);
    }
}
