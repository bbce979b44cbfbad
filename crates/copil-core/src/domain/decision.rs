//! Decisions taken in meetings and followed up to completion.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coded_enum, require_text, Id, Issue};

coded_enum! {
    /// Follow-up status of a decision.
    DecisionStatus {
        /// To do.
        Todo = "todo" => "À faire",
        /// In progress.
        InProgress = "in_progress" => "En cours",
        /// Done.
        Done = "done" => "Faite",
        /// Dropped.
        Dropped = "dropped" => "Abandonnée",
    }
}

impl DecisionStatus {
    /// Whether the decision still needs follow-up.
    pub fn is_open(self) -> bool {
        matches!(self, DecisionStatus::Todo | DecisionStatus::InProgress)
    }
}

/// A decision of a meeting (relevé de décisions).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Decision {
    /// Row id (0 when new).
    pub id: Id,
    /// Meeting where it was taken.
    pub meeting_id: Id,
    /// What was decided.
    pub text: String,
    /// Who carries it (person or structure).
    pub owner: String,
    /// When it is due.
    pub due_date: Option<NaiveDate>,
    /// Status.
    pub status: DecisionStatus,
    /// When it was closed (done or dropped).
    pub closed_on: Option<NaiveDate>,
    /// The actor who carries it, when a known structure does (`owner` then holds its name).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub owner_actor_id: Option<Id>,
    /// The objective it serves, if linked to one.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub objective_id: Option<Id>,
    /// The action it concerns, if linked to one.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub action_id: Option<Id>,
    /// The séance where it was taken (« prise en séance »), set when that séance closed; kept
    /// as stored whatever a save sends.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub sitting_id: Option<Id>,
}

impl Decision {
    /// A new open decision of a meeting, linked to nothing yet.
    pub fn new(meeting_id: Id, text: impl Into<String>, owner: impl Into<String>) -> Decision {
        Decision {
            id: 0,
            meeting_id,
            text: text.into(),
            owner: owner.into(),
            due_date: None,
            status: DecisionStatus::Todo,
            closed_on: None,
            owner_actor_id: None,
            objective_id: None,
            action_id: None,
            sitting_id: None,
        }
    }

    /// Whether it was taken in a séance that closed (« prise en séance »).
    pub fn taken_in_sitting(&self) -> bool {
        self.sitting_id.is_some()
    }

    /// Validation rules of a decision.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text("text", "Le texte de la décision", &self.text, &mut issues);
        if self.status.is_open() && self.closed_on.is_some() {
            issues.push(Issue::error(
                "closed_on",
                "Une décision ouverte n'a pas de date de clôture.",
            ));
        }
        if self.owner.trim().is_empty() && self.owner_actor_id.is_none() {
            issues.push(Issue::warning("owner", "Aucun responsable n'est indiqué."));
        }
        issues
    }

    /// The decision as it is saved: an open one has no closing date, a closed one without a
    /// date was closed `today`. The app and the import need not set the date themselves.
    pub fn normalized(&self, today: NaiveDate) -> Decision {
        let closed_on = match (self.status.is_open(), self.closed_on) {
            (true, _) => None,
            (false, None) => Some(today),
            (false, date) => date,
        };
        Decision {
            closed_on,
            ..self.clone()
        }
    }

    /// Whether it is open and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due_date.is_some_and(|d| d < today)
    }
}
