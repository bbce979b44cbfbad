//! The indice de fragilité numérique (IFN) of La MedNum: a score from 1 to 10 for each commune
//! and EPCI, with its five components.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::coded_enum;

coded_enum! {
    /// What a line of the IFN files scores.
    IfnDivision {
        /// A commune (5-character INSEE code).
        City = "city" => "commune",
        /// An EPCI (9-digit SIREN).
        Epci = "epci" => "EPCI",
    }
}

/// The five components of the score: La MedNum's column, the French label, a short label for
/// table headers.
pub const IFN_COMPONENTS: [(&str, &str, &str); 5] = [
    (
        "no_thd_coverage_rate",
        "Sans couverture très haut débit",
        "Sans THD",
    ),
    ("no_4g_coverage_rate", "Sans couverture 4G", "Sans 4G"),
    ("poverty_rate", "Taux de pauvreté", "Pauvreté"),
    ("older_65_rate", "Part des 65 ans et plus", "65 ans et plus"),
    (
        "nscol15p_rate",
        "Non-scolarisés de 15 ans et plus sans diplôme",
        "Sans diplôme",
    ),
];

/// The scores of one commune or EPCI, as read from La MedNum's file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FragilityScore {
    /// Commune or EPCI.
    pub division: IfnDivision,
    /// INSEE code (commune) or SIREN (EPCI).
    pub code: String,
    /// Name as the file writes it.
    pub name: String,
    /// The five components, in the order of [`IFN_COMPONENTS`]; None where the file has none.
    pub components: [Option<f64>; 5],
    /// La MedNum's score (not the mean of the components); None where the file has none.
    pub total: Option<f64>,
    /// The file it comes from.
    pub file_name: String,
    /// The file's date.
    pub file_date: NaiveDate,
    /// Its line in the file (1 = header).
    pub line: usize,
}

impl FragilityScore {
    /// Each component with its French label.
    pub fn labelled_components(&self) -> impl Iterator<Item = (&'static str, Option<f64>)> + '_ {
        IFN_COMPONENTS
            .iter()
            .zip(self.components)
            .map(|((_, label, _), v)| (*label, v))
    }
}

/// The source line printed under the diagnostic and stored with the values it feeds.
pub fn ifn_source(file_name: &str, file_date: NaiveDate) -> String {
    format!(
        "Indice de fragilité numérique, La MedNum (fichier {file_name} du {})",
        file_date.format("%d/%m/%Y")
    )
}
