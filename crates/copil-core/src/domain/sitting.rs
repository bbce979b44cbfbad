//! The séance (code name `Sitting`): a meeting run live from Copil, with its agenda, its
//! attendance, the follow-up of earlier decisions and the committee's avis on the programmation.
//!
//! Who came is not kept here: the present structures are the meeting's participants
//! ([`super::Participant`]), so the counts by type of the report and of the séance are one fact.
//! The séance only adds the apologies (« excusés »).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{coded_enum, limit_text, require_text, Decision, DecisionStatus, Id, Issue};

coded_enum! {
    /// What an agenda item is about: the projector shows each kind with its own figures.
    AgendaItemKind {
        /// Adoption of the relevé de décisions of the previous meeting.
        AdoptRecord = "adopt_record" => "Adoption du dernier relevé de décisions",
        /// Follow-up of the decisions still open.
        DecisionFollowUp = "decision_follow_up" => "Suivi des décisions",
        /// State of the pillar (météo, key figures, alerts, what changed).
        PillarState = "pillar_state" => "État du pilier",
        /// The year's programmation: avis on the funding requests.
        Programmation = "programmation" => "Programmation",
        /// The porteurs' bilans (collection round).
        Bilans = "bilans" => "Bilans des porteurs",
        /// Questions diverses.
        OtherBusiness = "other_business" => "Questions diverses",
        /// Any other item of the ordre du jour.
        Free = "free" => "Point de l'ordre du jour",
    }
}

coded_enum! {
    /// Where a structure stands for a séance.
    Attendance {
        /// Present (a participant of the meeting).
        Present = "present" => "Présent",
        /// Sent apologies (« excusé »).
        Excused = "excused" => "Excusé",
        /// Neither present nor excused.
        Absent = "absent" => "Absent",
    }
}

coded_enum! {
    /// What the committee says of an earlier decision.
    FollowUpOutcome {
        /// Done (« faite »): the decision is closed.
        Done = "done" => "Faite",
        /// Still in progress (« en cours »).
        InProgress = "in_progress" => "En cours",
        /// Postponed to a new due date (« reportée »).
        Postponed = "postponed" => "Reportée",
        /// Dropped (« abandonnée »): the decision is closed.
        Dropped = "dropped" => "Abandonnée",
    }
}

coded_enum! {
    /// The committee's avis on a funding request of the programmation.
    Avis {
        /// Favorable: the line becomes attribué.
        Favorable = "favorable" => "Favorable",
        /// Favorable with a reservation: attribué too, the reservation in the comment.
        FavorableWithReserve = "favorable_with_reserve" => "Favorable avec réserve",
        /// Postponed to a later committee: the line stays sollicité.
        Postponed = "postponed" => "Ajourné",
        /// Unfavorable: nothing is attribué.
        Unfavorable = "unfavorable" => "Défavorable",
    }
}

impl Avis {
    /// Whether the line becomes attribué (favorable, with or without reservation).
    pub fn grants(self) -> bool {
        matches!(self, Avis::Favorable | Avis::FavorableWithReserve)
    }

    /// Whether the request is settled (it no longer comes back to a later programmation).
    pub fn is_final(self) -> bool {
        self != Avis::Postponed
    }
}

coded_enum! {
    /// Where a séance stands.
    SittingState {
        /// Agenda being prepared, not started.
        Prepared = "prepared" => "En préparation",
        /// Started and not closed: entries are recorded live.
        InProgress = "in_progress" => "En cours",
        /// Closed: its decisions are « prises en séance », the relevé can be written.
        Closed = "closed" => "Close",
    }
}

/// Longest note of an agenda item: notes are short, the relevé is one to three pages.
pub const NOTES_MAX: usize = 4000;

/// One item of a séance's agenda, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgendaItem {
    /// Row id (0 in a proposal not stored yet).
    pub id: Id,
    /// What it is about.
    pub kind: AgendaItemKind,
    /// Title shown on the projector and in the relevé.
    pub title: String,
    /// Notes taken during the séance (free text, short).
    pub notes: String,
}

impl AgendaItem {
    /// Validation rules of an item's title and notes.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        require_text("title", "L'intitulé du point", &self.title, &mut issues);
        limit_text(
            "title",
            "L'intitulé du point",
            &self.title,
            200,
            &mut issues,
        );
        limit_text(
            "notes",
            "La note du point",
            &self.notes,
            NOTES_MAX,
            &mut issues,
        );
        issues
    }
}

/// The follow-up of an earlier decision given in a séance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FollowUp {
    /// The decision followed up.
    pub decision_id: Id,
    /// Faite, en cours, reportée or abandonnée.
    pub outcome: FollowUpOutcome,
    /// The new due date of a postponed decision.
    pub new_due_date: Option<NaiveDate>,
    /// What was said.
    pub comment: String,
    /// The decision's due date before this follow-up (set by the store; a relevé prints a
    /// decision with the due date it was taken with).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub due_date_before: Option<NaiveDate>,
}

/// The status, due date and closing date of a decision before a séance followed it up, so that
/// changing or withdrawing the follow-up puts the decision back as it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionState {
    /// Status.
    pub status: DecisionStatus,
    /// Due date.
    pub due_date: Option<NaiveDate>,
    /// Closing date.
    pub closed_on: Option<NaiveDate>,
}

impl DecisionState {
    /// The state of a decision as stored.
    pub fn of(d: &Decision) -> DecisionState {
        DecisionState {
            status: d.status,
            due_date: d.due_date,
            closed_on: d.closed_on,
        }
    }
}

impl FollowUp {
    /// Validation rules: a postponed decision needs its new due date, the others none.
    pub fn validate(&self) -> Vec<Issue> {
        let mut issues = Vec::new();
        match (self.outcome, self.new_due_date) {
            (FollowUpOutcome::Postponed, None) => issues.push(Issue::error(
                "new_due_date",
                "Une décision reportée a besoin d'une nouvelle échéance.",
            )),
            (FollowUpOutcome::Postponed, Some(_)) | (_, None) => {}
            (_, Some(_)) => issues.push(Issue::error(
                "new_due_date",
                "Seule une décision reportée reçoit une nouvelle échéance.",
            )),
        }
        limit_text(
            "comment",
            "Le commentaire",
            &self.comment,
            1000,
            &mut issues,
        );
        issues
    }

    /// The decision's state once followed up on `day`, from its state `before` the séance.
    pub fn apply(&self, before: DecisionState, day: NaiveDate) -> DecisionState {
        let open_status = if before.status.is_open() {
            before.status
        } else {
            DecisionStatus::InProgress
        };
        match self.outcome {
            FollowUpOutcome::Done => DecisionState {
                status: DecisionStatus::Done,
                due_date: before.due_date,
                closed_on: Some(day),
            },
            FollowUpOutcome::Dropped => DecisionState {
                status: DecisionStatus::Dropped,
                due_date: before.due_date,
                closed_on: Some(day),
            },
            FollowUpOutcome::InProgress => DecisionState {
                status: DecisionStatus::InProgress,
                due_date: before.due_date,
                closed_on: None,
            },
            FollowUpOutcome::Postponed => DecisionState {
                status: open_status,
                due_date: self.new_due_date.or(before.due_date),
                closed_on: None,
            },
        }
    }
}

/// The committee's avis on one funding line, given in a séance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundingAvis {
    /// The funding line (one action, one financeur, one year).
    pub funding_id: Id,
    /// Favorable, favorable avec réserve, ajourné or défavorable.
    pub avis: Avis,
    /// Amount attribué by a favorable avis, in cents (None for the others).
    pub granted_cents: Option<i64>,
    /// The reservation, or why it was postponed or refused.
    pub comment: String,
    /// The decision of the meeting that records this avis.
    pub decision_id: Option<Id>,
}

/// A séance of a meeting: its agenda and what was recorded live.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Sitting {
    /// Row id.
    pub id: Id,
    /// The meeting (instance) it runs.
    pub meeting_id: Id,
    /// Who chairs (« présidence »), printed in the relevé.
    pub chair: String,
    /// Year whose funding requests the programmation examines.
    pub programmation_year: i32,
    /// When it started (local time), None while prepared.
    pub started_at: Option<NaiveDateTime>,
    /// When it was closed (local time).
    pub ended_at: Option<NaiveDateTime>,
    /// The agenda item being dealt with.
    pub current_item_id: Option<Id>,
    /// The agenda, in order.
    pub agenda: Vec<AgendaItem>,
    /// Structures that sent apologies (« excusés »).
    pub excused_actor_ids: Vec<Id>,
    /// Follow-up given to earlier decisions.
    pub follow_ups: Vec<FollowUp>,
    /// Avis given on the programmation.
    pub avis: Vec<FundingAvis>,
}

impl Sitting {
    /// Prepared, in progress or closed.
    pub fn state(&self) -> SittingState {
        match (self.started_at, self.ended_at) {
            (_, Some(_)) => SittingState::Closed,
            (Some(_), None) => SittingState::InProgress,
            (None, None) => SittingState::Prepared,
        }
    }

    /// The item being dealt with, if any.
    pub fn current_item(&self) -> Option<&AgendaItem> {
        self.current_item_id
            .and_then(|id| self.agenda.iter().find(|i| i.id == id))
    }

    /// The day entries are dated with (closing a decision): the day it started, else the meeting's.
    pub fn day(&self, meeting_date: NaiveDate) -> NaiveDate {
        self.started_at.map_or(meeting_date, |t| t.date())
    }

    /// The avis given on a funding line, if any.
    pub fn avis_on(&self, funding_id: Id) -> Option<&FundingAvis> {
        self.avis.iter().find(|a| a.funding_id == funding_id)
    }

    /// The follow-up given to a decision, if any.
    pub fn follow_up_of(&self, decision_id: Id) -> Option<&FollowUp> {
        self.follow_ups
            .iter()
            .find(|f| f.decision_id == decision_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_follow_up_sets_the_decision_and_can_be_changed_from_its_state_before() {
        let before = DecisionState {
            status: DecisionStatus::Todo,
            due_date: Some(day(2026, 9, 1)),
            closed_on: None,
        };
        let on = day(2026, 12, 10);
        let follow = |outcome, new_due_date| FollowUp {
            decision_id: 1,
            outcome,
            new_due_date,
            comment: String::new(),
            due_date_before: None,
        };
        let done = follow(FollowUpOutcome::Done, None).apply(before, on);
        assert_eq!(done.status, DecisionStatus::Done);
        assert_eq!(done.closed_on, Some(on));
        let later = follow(FollowUpOutcome::Postponed, Some(day(2027, 3, 1)));
        assert!(later.validate().is_empty());
        let postponed = later.apply(before, on);
        assert_eq!(postponed.status, DecisionStatus::Todo);
        assert_eq!(postponed.due_date, Some(day(2027, 3, 1)));
        assert_eq!(postponed.closed_on, None);
        assert!(!follow(FollowUpOutcome::Postponed, None)
            .validate()
            .is_empty());
        assert!(!follow(FollowUpOutcome::Done, Some(on))
            .validate()
            .is_empty());
        let dropped = follow(FollowUpOutcome::Dropped, None).apply(before, on);
        assert_eq!(dropped.status, DecisionStatus::Dropped);
        assert_eq!(dropped.due_date, before.due_date);
    }

    #[test]
    fn only_favorable_avis_grant_and_only_ajourne_comes_back() {
        assert!(Avis::Favorable.grants() && Avis::FavorableWithReserve.grants());
        assert!(!Avis::Postponed.grants() && !Avis::Unfavorable.grants());
        assert!(!Avis::Postponed.is_final() && Avis::Unfavorable.is_final());
        assert_eq!(Avis::parse_loose("ajourne"), Some(Avis::Postponed));
        assert_eq!(
            Avis::parse_loose("Favorable avec réserve"),
            Some(Avis::FavorableWithReserve)
        );
    }
}
