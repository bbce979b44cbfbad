//! Steering meetings (COPIL, COTECH, …) and who took part.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coded_enum, require_text, ActorKind, Id, Issue, Period};

coded_enum! {
    /// Kind of meeting.
    MeetingKind {
        /// Comité de pilotage.
        Copil = "copil" => "COPIL",
        /// Comité technique.
        Cotech = "cotech" => "COTECH",
        /// Workshop, plenary, anything else.
        Other = "other" => "Autre instance",
    }
}

/// A line of the participants table: a structure (or a type of structure) and a headcount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Participant {
    /// The actor, when a known structure took part.
    pub actor_id: Option<Id>,
    /// Who (structure name, or a group such as « Associations »).
    pub label: String,
    /// Type of structure, for counts by type.
    pub kind: ActorKind,
    /// Number of people.
    pub headcount: i64,
}

/// A meeting of the governance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Meeting {
    /// Row id (0 when new).
    pub id: Id,
    /// COPIL, COTECH or other.
    pub kind: MeetingKind,
    /// Title, e.g. « COPIL annuel inclusion numérique ».
    pub title: String,
    /// Date.
    pub date: NaiveDate,
    /// Place.
    pub place: String,
    /// Agenda (ordre du jour).
    pub agenda: String,
    /// Participants.
    pub participants: Vec<Participant>,
}

impl Meeting {
    /// How the meeting is named in headers and messages: « COPIL du 24 mars 2026 ».
    pub fn label(&self) -> String {
        format!(
            "{} du {}",
            self.kind.label(),
            crate::format::date_long(self.date)
        )
    }

    /// Validation rules of a meeting within the contract period.
    pub fn validate(&self, period: Period) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text(
            "title",
            "L'intitulé de l'instance",
            &self.title,
            &mut issues,
        );
        period.check_date("date", "Date de l'instance", self.date, &mut issues);
        for p in &self.participants {
            if p.headcount < 0 {
                issues.push(Issue::error(
                    "participants",
                    format!("Effectif négatif pour « {} ».", p.label),
                ));
            }
            if p.label.trim().is_empty() && p.actor_id.is_none() {
                issues.push(Issue::error(
                    "participants",
                    "Chaque ligne de participants doit nommer une structure ou un groupe.",
                ));
            }
        }
        issues
    }

    /// Total number of people present.
    pub fn headcount(&self) -> i64 {
        headcount(&self.participants)
    }

    /// People present by type of structure, with their share of the total in percent.
    pub fn headcount_by_kind(&self) -> Vec<(ActorKind, i64, f64)> {
        headcount_by_kind(&self.participants)
    }
}

/// People present among `participants` (a meeting's, or those being typed before it is saved).
pub fn headcount(participants: &[Participant]) -> i64 {
    participants.iter().map(|p| p.headcount).sum()
}

/// People present among `participants` by type of structure, with their share in percent.
pub fn headcount_by_kind(participants: &[Participant]) -> Vec<(ActorKind, i64, f64)> {
    let total = headcount(participants).max(1) as f64;
    ActorKind::ALL
        .iter()
        .map(|k| {
            (
                *k,
                participants
                    .iter()
                    .filter(|p| p.kind == *k)
                    .map(|p| p.headcount)
                    .sum::<i64>(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .map(|(k, n)| (k, n, n as f64 * 100.0 / total))
        .collect()
}
