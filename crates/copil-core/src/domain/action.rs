//! Actions of the pillar, carried by a porteur.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coded_enum, limit_text, require_text, Id, Issue, Period};

coded_enum! {
    /// Where an action stands.
    ActionStatus {
        /// Planned.
        Planned = "planned" => "Prévue",
        /// Running.
        Running = "running" => "En cours",
        /// Done.
        Done = "done" => "Réalisée",
        /// Postponed.
        Postponed = "postponed" => "Reportée",
        /// Abandoned.
        Abandoned = "abandoned" => "Abandonnée",
    }
}

coded_enum! {
    /// Météo: the porteur's or chef de projet's assessment, always shown with its word.
    Weather {
        /// Going well.
        Green = "green" => "Favorable",
        /// Needs attention.
        Amber = "amber" => "Vigilance",
        /// In difficulty.
        Red = "red" => "Difficulté",
    }
}

/// Said in place of a météo when nothing allows an assessment (an objective without indicator
/// nor action, an action not assessed yet).
pub const WEATHER_NOT_ASSESSED: &str = "Non évaluée";

/// An action of the pillar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Action {
    /// Row id (0 when new).
    pub id: Id,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Porteur (an actor).
    pub porteur_id: Option<Id>,
    /// Status.
    pub status: ActionStatus,
    /// Start date.
    pub start_date: Option<NaiveDate>,
    /// End date.
    pub end_date: Option<NaiveDate>,
    /// Public visé (seniors, jeunes, allocataires, …).
    pub audience: String,
    /// Météo, if assessed.
    pub weather: Option<Weather>,
    /// Why that météo.
    pub weather_comment: String,
    /// QPVs where it takes place.
    pub district_ids: Vec<Id>,
    /// Objectives it serves.
    pub objective_ids: Vec<Id>,
    /// Themes it touches.
    pub theme_ids: Vec<Id>,
    /// Indicators its porteur reports on in the bilan (« indicateurs renseignés par l'action »);
    /// [`crate::figures::proposed_reported_indicators`] proposes them from its objectives.
    #[serde(default)]
    pub reported_indicator_ids: Vec<Id>,
}

impl Action {
    /// Validation rules of an action within the contract period.
    pub fn validate(&self, period: Period) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text("title", "L'intitulé de l'action", &self.title, &mut issues);
        limit_text(
            "title",
            "L'intitulé de l'action",
            &self.title,
            300,
            &mut issues,
        );
        if let Some(d) = self.start_date {
            period.check_date("start_date", "Date de début", d, &mut issues);
        }
        if let Some(d) = self.end_date {
            period.check_date("end_date", "Date de fin", d, &mut issues);
        }
        if let (Some(s), Some(e)) = (self.start_date, self.end_date) {
            if e < s {
                issues.push(Issue::error(
                    "end_date",
                    "La date de fin précède la date de début.",
                ));
            }
        }
        if self.porteur_id.is_none() {
            issues.push(Issue::warning("porteur_id", "Aucun porteur n'est indiqué."));
        }
        if self.objective_ids.is_empty() {
            issues.push(Issue::warning(
                "objective_ids",
                "L'action n'est rattachée à aucun objectif.",
            ));
        }
        issues
    }

    /// Whether the action runs at some point of `year` (so its porteur owes that year's bilan):
    /// not postponed nor abandoned, and its dates, when known, cover part of the year.
    pub fn is_active_in(&self, year: i32) -> bool {
        use chrono::Datelike;
        !matches!(
            self.status,
            ActionStatus::Postponed | ActionStatus::Abandoned
        ) && self.start_date.is_none_or(|d| d.year() <= year)
            && self.end_date.is_none_or(|d| d.year() >= year)
    }
}
