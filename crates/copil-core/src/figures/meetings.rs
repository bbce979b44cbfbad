//! The Instances screen's figures: who took part in each meeting, and the decisions to follow.
//! The report's « Instances et décisions » counts with the same [`Meeting`] and [`Decision`]
//! rules ([`Meeting::headcount_by_kind`], [`Decision::is_overdue`]).

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::Pillar;
use crate::domain::{
    headcount, headcount_by_kind, ActorKind, Decision, Id, Meeting, Participant, SittingState,
};
use crate::format::date_short;

/// People present at a meeting, in all and by type of structure.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Headcount {
    /// Everyone present.
    pub total: i64,
    /// The types of structure present, in display order.
    pub by_kind: Vec<KindHeadcount>,
}

/// People present from one type of structure.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KindHeadcount {
    /// Type of structure.
    pub kind: ActorKind,
    /// People present.
    pub headcount: i64,
    /// Share of everyone present, in percent points.
    pub percent: f64,
}

impl Headcount {
    /// The headcount of a meeting.
    pub fn of(m: &Meeting) -> Headcount {
        Headcount::of_participants(&m.participants)
    }

    /// The headcount of participants, also while they are typed, before their meeting is saved.
    pub fn of_participants(participants: &[Participant]) -> Headcount {
        Headcount {
            total: headcount(participants),
            by_kind: headcount_by_kind(participants)
                .into_iter()
                .map(|(kind, headcount, percent)| KindHeadcount {
                    kind,
                    headcount,
                    percent,
                })
                .collect(),
        }
    }
}

/// A meeting as the list of meetings shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MeetingSummary {
    /// The meeting.
    pub meeting: Meeting,
    /// How it is named in lists: « COPIL du 10/12/2026 ».
    pub label: String,
    /// Who took part.
    pub headcount: Headcount,
    /// Decisions taken there.
    pub decisions: u32,
    /// Its séance: prepared (not started), in progress, or closed (its relevé can be rewritten).
    pub sitting_state: SittingState,
}

/// A decision still to follow, with the meeting that took it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OpenDecision {
    /// The decision.
    pub decision: Decision,
    /// The meeting's label (« COPIL du 10/12/2026 »).
    pub meeting: String,
    /// Past its due date.
    pub overdue: bool,
}

/// Everything the Instances screen lists.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MeetingsOverview {
    /// Meetings, the most recent first.
    pub meetings: Vec<MeetingSummary>,
    /// Open decisions of every meeting, by due date (undated last), as the report lists them.
    pub open_decisions: Vec<OpenDecision>,
    /// How many of them are overdue.
    pub overdue: u32,
}

/// How a meeting is named in lists: « COPIL du 10/12/2026 ».
pub fn meeting_label(m: &Meeting) -> String {
    format!("{} du {}", m.kind.label(), date_short(m.date))
}

/// The meetings with their headcounts and the open decisions on `today`.
pub fn meetings_overview(p: &Pillar, today: NaiveDate) -> MeetingsOverview {
    let label_of = |id: Id| {
        p.meetings
            .iter()
            .find(|m| m.id == id)
            .map(meeting_label)
            .unwrap_or_default()
    };
    let open_decisions: Vec<OpenDecision> = p
        .decisions
        .iter()
        .filter(|d| d.status.is_open())
        .map(|d| OpenDecision {
            decision: d.clone(),
            meeting: label_of(d.meeting_id),
            overdue: d.is_overdue(today),
        })
        .collect();
    MeetingsOverview {
        meetings: p
            .meetings
            .iter()
            .map(|m| MeetingSummary {
                meeting: m.clone(),
                label: meeting_label(m),
                headcount: Headcount::of(m),
                decisions: p.decisions.iter().filter(|d| d.meeting_id == m.id).count() as u32,
                sitting_state: super::sitting_of(p, m.id)
                    .map_or(SittingState::Prepared, |s| s.state()),
            })
            .collect(),
        overdue: open_decisions.iter().filter(|d| d.overdue).count() as u32,
        open_decisions,
    }
}
