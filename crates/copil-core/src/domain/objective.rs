//! Objectives of the digital-inclusion pillar: a tree, each linked to several themes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{require_text, Id, Issue};

/// A strategic (no parent) or operational (with parent) objective.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Objective {
    /// Row id (0 when new).
    pub id: Id,
    /// Parent objective (None for a strategic objective).
    pub parent_id: Option<Id>,
    /// Short reference such as `1` or `1.2`.
    pub code: String,
    /// Title.
    pub title: String,
    /// Longer description.
    pub description: String,
    /// Themes this objective contributes to — what makes it transversal.
    pub theme_ids: Vec<Id>,
}

impl Objective {
    /// Validation rules of an objective (tree cycles are checked by the store).
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text(
            "code",
            "La référence de l'objectif",
            &self.code,
            &mut issues,
        );
        require_text(
            "title",
            "L'intitulé de l'objectif",
            &self.title,
            &mut issues,
        );
        if self.parent_id.is_some() && self.parent_id == Some(self.id) && self.id != 0 {
            issues.push(Issue::error(
                "parent_id",
                "Un objectif ne peut pas être son propre parent.",
            ));
        }
        issues
    }
}
