//! Themes (priorités) of the contract that objectives cut across.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{require_text, Id, Issue};

/// The default themes of the circular of 7 November 2024, plus three common additions.
pub const DEFAULT_THEMES: [&str; 11] = [
    "Éducation",
    "Santé",
    "Emploi et développement économique",
    "Transition écologique",
    "Sécurité et tranquillité",
    "Cadre de vie et renouvellement urbain",
    "Lutte contre les discriminations",
    "Égalité femmes-hommes",
    "Accès aux droits",
    "Participation citoyenne",
    "Culture et lien social",
];

/// A theme of the contract.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Theme {
    /// Row id (0 when new).
    pub id: Id,
    /// Name shown in the matrix.
    pub name: String,
    /// Display order.
    pub position: i64,
}

impl Theme {
    /// Validation rules of a theme.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text("name", "Le nom du thème", &self.name, &mut issues);
        issues
    }
}
