//! What a séance shows and its relevé prints: the proposed agenda, the attendance by type, the
//! decisions to follow up, the programmation with its totals by financeur. The projector view
//! and the relevé call these same functions.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::Pillar;
use crate::domain::{
    ActorKind, AgendaItem, AgendaItemKind, Attendance, Decision, Financeur, FollowUp, Funding,
    FundingAvis, Id, Meeting, Participant, Sitting, SittingState,
};
use crate::text::fold;

/// The amount sollicité of a funding line, None when none was asked (0 is not a request). The
/// one place the séance reads that amount: when it becomes optional, only this line changes.
pub fn requested_of(f: &Funding) -> Option<i64> {
    f.requested_cents.filter(|c| *c > 0)
}

/// Whether a funding line is a request still awaiting a decision (« sollicité »): something was
/// asked and nothing is attribué yet.
pub fn is_awaiting(f: &Funding) -> bool {
    f.granted_cents == 0 && requested_of(f).is_some()
}

/// The year whose funding requests a meeting's programmation examines by default: its own year,
/// or the next one for a meeting held from September on (autumn committees prepare next year).
pub fn default_programmation_year(meeting: &Meeting) -> i32 {
    if meeting.date.month() >= 9 {
        meeting.date.year() + 1
    } else {
        meeting.date.year()
    }
}

/// The meeting held just before `meeting` (any kind), if any.
pub fn previous_meeting<'a>(p: &'a Pillar, meeting: &Meeting) -> Option<&'a Meeting> {
    p.meetings
        .iter()
        .filter(|m| (m.date, m.id) < (meeting.date, meeting.id))
        .max_by_key(|m| (m.date, m.id))
}

/// The meeting held just after `meeting` (any kind), if one is set: the relevé announces it.
pub fn next_meeting<'a>(p: &'a Pillar, meeting: &Meeting) -> Option<&'a Meeting> {
    p.meetings
        .iter()
        .filter(|m| (m.date, m.id) > (meeting.date, meeting.id))
        .min_by_key(|m| (m.date, m.id))
}

/// The agenda proposed for a meeting's séance, built from its ordre du jour: adoption of the
/// last relevé, follow-up of the open decisions, state of the pillar, the ordre du jour's own
/// items, the programmation, the bilans (when a collection round exists), questions diverses.
/// An ordre du jour item that names one of these gives it its title.
pub fn proposed_agenda(p: &Pillar, meeting: &Meeting) -> Vec<AgendaItem> {
    let item = |kind: AgendaItemKind, title: String| AgendaItem {
        id: 0,
        kind,
        title,
        notes: String::new(),
    };
    let year = default_programmation_year(meeting);
    let round_year = p
        .rounds
        .iter()
        .map(|r| r.year)
        .filter(|y| *y <= meeting.date.year())
        .max();
    let mut adopt = previous_meeting(p, meeting).map(|m| {
        item(
            AgendaItemKind::AdoptRecord,
            format!("Adoption du relevé de décisions du {}", m.label()),
        )
    });
    let mut follow = item(
        AgendaItemKind::DecisionFollowUp,
        "Suivi des décisions".into(),
    );
    let mut state = item(
        AgendaItemKind::PillarState,
        "État du pilier inclusion numérique".into(),
    );
    let mut programme = item(
        AgendaItemKind::Programmation,
        format!("Programmation {year}"),
    );
    let mut bilans = round_year.map(|y| item(AgendaItemKind::Bilans, format!("Bilans {y}")));
    let mut free = Vec::new();
    for entry in meeting
        .agenda
        .split([';', '\n'])
        .map(|e| e.trim().trim_end_matches('.').trim())
        .filter(|e| !e.is_empty())
    {
        let key = fold(entry);
        let title = capitalize(entry);
        if key.contains("questions diverses") {
            continue;
        } else if key.contains("programmation") || key.contains("appel a projets") {
            programme.title = title;
        } else if key.contains("suivi des decisions") {
            follow.title = title;
        } else if key.contains("releve") && adopt.is_some() {
            if let Some(a) = adopt.as_mut() {
                a.title = title;
            }
        } else if key.contains("etat du pilier") || key.contains("suivi des indicateurs") {
            state.title = title;
        } else if key.starts_with("bilan") && bilans.is_some() {
            if let Some(b) = bilans.as_mut() {
                b.title = title;
            }
        } else {
            free.push(item(AgendaItemKind::Free, title));
        }
    }
    let mut out: Vec<AgendaItem> = adopt.take().into_iter().collect();
    out.extend([follow, state]);
    out.extend(free);
    out.push(programme);
    out.extend(bilans.take());
    out.push(item(
        AgendaItemKind::OtherBusiness,
        "Questions diverses".into(),
    ));
    out
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// People present of one type of structure, with their share of all present.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct KindCount {
    /// Type of structure.
    pub kind: ActorKind,
    /// People present.
    pub headcount: i64,
    /// Share of all people present, in percent.
    pub share: f64,
}

/// Where one structure stands for a séance.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AttendanceEntry {
    /// The structure.
    pub actor_id: Id,
    /// Its name.
    pub name: String,
    /// Its type, from the actor.
    pub kind: ActorKind,
    /// Present, excused or absent.
    pub attendance: Attendance,
    /// People present for it (0 unless present).
    pub headcount: i64,
}

/// The attendance of a meeting: every structure, the groups without a structure, and the counts
/// by type the report's participants table shows ([`Meeting::headcount_by_kind`]).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AttendanceSheet {
    /// Every actor of the contract, by type then name.
    pub entries: Vec<AttendanceEntry>,
    /// Participants recorded as groups, without a structure (« Habitants », …).
    pub groups: Vec<Participant>,
    /// People present by type.
    pub by_kind: Vec<KindCount>,
    /// People present in all.
    pub total: i64,
}

/// The attendance of a meeting, from its participants and its séance's apologies.
pub fn attendance(p: &Pillar, meeting: &Meeting) -> AttendanceSheet {
    let sitting = sitting_of(p, meeting.id);
    let mut actors: Vec<_> = p.actors.iter().collect();
    actors.sort_by_key(|a| (a.kind, fold(&a.name)));
    let entries = actors
        .into_iter()
        .map(|a| {
            let headcount: i64 = meeting
                .participants
                .iter()
                .filter(|p| p.actor_id == Some(a.id))
                .map(|p| p.headcount)
                .sum();
            let present = meeting
                .participants
                .iter()
                .any(|p| p.actor_id == Some(a.id));
            let attendance = if present {
                Attendance::Present
            } else if sitting.is_some_and(|s| s.excused_actor_ids.contains(&a.id)) {
                Attendance::Excused
            } else {
                Attendance::Absent
            };
            AttendanceEntry {
                actor_id: a.id,
                name: a.name.clone(),
                kind: a.kind,
                attendance,
                headcount,
            }
        })
        .collect();
    AttendanceSheet {
        entries,
        groups: meeting
            .participants
            .iter()
            .filter(|p| p.actor_id.is_none())
            .cloned()
            .collect(),
        by_kind: meeting
            .headcount_by_kind()
            .into_iter()
            .map(|(kind, headcount, share)| KindCount {
                kind,
                headcount,
                share,
            })
            .collect(),
        total: meeting.headcount(),
    }
}

/// An earlier decision to follow up in a séance, with the follow-up given, if any.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FollowUpLine {
    /// The decision as it stands now.
    pub decision: Decision,
    /// The meeting where it was taken, « COPIL du 24 mars 2026 ».
    pub taken_at: String,
    /// What the séance said of it.
    pub follow_up: Option<FollowUp>,
    /// Open and past due on the séance's day.
    pub overdue: bool,
}

/// The decisions a meeting's séance follows up: every decision of an earlier meeting still open
/// (those of the previous closed séance among them), and those it followed up. Once the séance is
/// closed, only those it followed up.
pub fn follow_up_lines(p: &Pillar, meeting_id: Id) -> Vec<FollowUpLine> {
    let Some(meeting) = p.meetings.iter().find(|m| m.id == meeting_id) else {
        return Vec::new();
    };
    let sitting = sitting_of(p, meeting_id);
    let closed = sitting.is_some_and(|s| s.state() == SittingState::Closed);
    let day = sitting.map_or(meeting.date, |s| s.day(meeting.date));
    let mut lines: Vec<(NaiveDate, Id, FollowUpLine)> = p
        .decisions
        .iter()
        .filter_map(|d| {
            let taken = p.meetings.iter().find(|m| m.id == d.meeting_id)?;
            if (taken.date, taken.id) >= (meeting.date, meeting.id) {
                return None;
            }
            let follow_up = sitting.and_then(|s| s.follow_up_of(d.id)).cloned();
            let wanted = follow_up.is_some() || (!closed && d.status.is_open());
            wanted.then(|| {
                (
                    taken.date,
                    d.id,
                    FollowUpLine {
                        decision: d.clone(),
                        taken_at: taken.label(),
                        follow_up,
                        overdue: d.is_overdue(day),
                    },
                )
            })
        })
        .collect();
    lines.sort_by_key(|(date, id, l)| {
        (
            *date,
            l.decision.due_date.is_none(),
            l.decision.due_date,
            *id,
        )
    });
    lines.into_iter().map(|(_, _, l)| l).collect()
}

/// The decisions taken in a meeting, the programmation's avis aside (they have their own table).
pub fn decisions_taken(p: &Pillar, meeting_id: Id) -> Vec<&Decision> {
    let avis: Vec<Id> = sitting_of(p, meeting_id)
        .map(|s| s.avis.iter().filter_map(|a| a.decision_id).collect())
        .unwrap_or_default();
    let mut out: Vec<&Decision> = p
        .decisions
        .iter()
        .filter(|d| d.meeting_id == meeting_id && !avis.contains(&d.id))
        .collect();
    out.sort_by_key(|d| d.id);
    out
}

/// The due date a decision was taken with: before the first follow-up that changed it, else
/// as it stands.
pub fn due_date_as_taken(p: &Pillar, decision: &Decision) -> Option<NaiveDate> {
    p.sittings
        .iter()
        .filter_map(|s| s.follow_up_of(decision.id))
        .find(|f| f.new_due_date.is_some())
        .map_or(decision.due_date, |f| f.due_date_before)
}

/// A funding line examined by the programmation of a séance.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ProgrammationLine {
    /// The funding line.
    pub funding_id: Id,
    /// Its action.
    pub action_id: Id,
    /// Action title.
    pub action: String,
    /// The porteur, if known.
    pub porteur_id: Option<Id>,
    /// Porteur name (empty if none).
    pub porteur: String,
    /// Financeur.
    pub financeur: Financeur,
    /// Budget year.
    pub year: i32,
    /// Amount sollicité, cents (None when not given).
    pub requested_cents: Option<i64>,
    /// Amount attribué in the contract now, cents.
    pub granted_cents: i64,
    /// The avis given in this séance, if any.
    pub avis: Option<FundingAvis>,
    /// The request was ajournée by an earlier séance and comes back.
    pub carried_over: bool,
}

/// Totals of some programmation lines.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProgrammationTotals {
    /// Lines examined.
    pub lines: u32,
    /// Lines without an avis yet.
    pub awaiting: u32,
    /// Sollicité, cents.
    pub requested_cents: i64,
    /// Attribué by the favorable avis of the séance, cents.
    pub granted_cents: i64,
}

impl ProgrammationTotals {
    fn add(&mut self, l: &ProgrammationLine) {
        self.lines += 1;
        self.requested_cents += l.requested_cents.unwrap_or(0);
        match &l.avis {
            None => self.awaiting += 1,
            Some(a) if a.avis.grants() => self.granted_cents += a.granted_cents.unwrap_or(0),
            Some(_) => {}
        }
    }
}

/// One financeur's totals in the programmation.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FinanceurProgrammation {
    /// Financeur.
    pub financeur: Financeur,
    /// Its lines' totals.
    pub totals: ProgrammationTotals,
}

/// The programmation of a séance: the lines, the totals by financeur and in all.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Programmation {
    /// Year examined.
    pub year: i32,
    /// Lines, by financeur (official order) then action.
    pub lines: Vec<ProgrammationLine>,
    /// Totals by financeur, in the official order.
    pub by_financeur: Vec<FinanceurProgrammation>,
    /// Totals of every line.
    pub total: ProgrammationTotals,
}

/// The programmation of a meeting's séance: the lines it gave an avis on, and (until it closes)
/// every request of its year still sollicité, and those an earlier séance ajourna, unless
/// another séance settled them.
pub fn programmation(p: &Pillar, meeting_id: Id) -> Programmation {
    let meeting = p.meetings.iter().find(|m| m.id == meeting_id);
    let sitting = sitting_of(p, meeting_id);
    let year = sitting
        .map(|s| s.programmation_year)
        .or(meeting.map(default_programmation_year))
        .unwrap_or_default();
    let closed = sitting.is_some_and(|s| s.state() == SittingState::Closed);
    let elsewhere = |funding: Id| {
        p.sittings
            .iter()
            .filter(|s| s.meeting_id != meeting_id)
            .filter_map(move |s| s.avis_on(funding))
    };
    let mut lines: Vec<ProgrammationLine> = p
        .fundings
        .iter()
        .filter_map(|f| {
            let avis = sitting.and_then(|s| s.avis_on(f.id)).cloned();
            let carried_over = elsewhere(f.id).any(|a| !a.avis.is_final());
            let settled = elsewhere(f.id).any(|a| a.avis.is_final());
            let examined = !closed
                && is_awaiting(f)
                && !settled
                && (f.year == year || (carried_over && f.year < year));
            if avis.is_none() && !examined {
                return None;
            }
            let action = p.actions.iter().find(|a| a.id == f.action_id)?;
            Some(ProgrammationLine {
                funding_id: f.id,
                action_id: action.id,
                action: action.title.clone(),
                porteur_id: action.porteur_id,
                porteur: p.actor_name(action.porteur_id),
                financeur: f.financeur,
                year: f.year,
                requested_cents: requested_of(f),
                granted_cents: f.granted_cents,
                avis,
                carried_over,
            })
        })
        .collect();
    lines.sort_by(|a, b| {
        (a.financeur, fold(&a.action), a.year).cmp(&(b.financeur, fold(&b.action), b.year))
    });
    let mut total = ProgrammationTotals::default();
    let mut by_financeur: Vec<FinanceurProgrammation> = Vec::new();
    for l in &lines {
        total.add(l);
        match by_financeur.last_mut() {
            Some(last) if last.financeur == l.financeur => last.totals.add(l),
            _ => {
                let mut totals = ProgrammationTotals::default();
                totals.add(l);
                by_financeur.push(FinanceurProgrammation {
                    financeur: l.financeur,
                    totals,
                });
            }
        }
    }
    Programmation {
        year,
        lines,
        by_financeur,
        total,
    }
}

/// Everything the projector view shows of a meeting's séance, in one call.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SittingView {
    /// The meeting.
    pub meeting: Meeting,
    /// « COPIL du 10 décembre 2026 ».
    pub meeting_label: String,
    /// Prepared, in progress or closed (prepared when nothing is stored yet).
    pub state: SittingState,
    /// The séance as stored (None until prepared).
    pub sitting: Option<Sitting>,
    /// The agenda: the stored one, else the proposal (items with id 0).
    pub agenda: Vec<AgendaItem>,
    /// Who is present or excused, and the counts by type.
    pub attendance: AttendanceSheet,
    /// Earlier decisions to follow up.
    pub follow_ups: Vec<FollowUpLine>,
    /// Decisions taken in this meeting (avis aside).
    pub decisions: Vec<Decision>,
    /// The programmation and its totals by financeur.
    pub programmation: Programmation,
    /// The meeting before, for the adoption of its relevé.
    pub previous_meeting: Option<Meeting>,
    /// Its name as headers write it (« COPIL du 24 mars 2026 »), from [`Meeting::label`].
    pub previous_meeting_label: Option<String>,
    /// The next meeting, if one is set.
    pub next_meeting: Option<Meeting>,
}

/// The séance view of a meeting, None if the meeting does not exist.
pub fn sitting_view(p: &Pillar, meeting_id: Id) -> Option<SittingView> {
    let meeting = p.meetings.iter().find(|m| m.id == meeting_id)?;
    let sitting = sitting_of(p, meeting_id).cloned();
    Some(SittingView {
        meeting_label: meeting.label(),
        state: sitting
            .as_ref()
            .map_or(SittingState::Prepared, Sitting::state),
        agenda: sitting
            .as_ref()
            .map_or_else(|| proposed_agenda(p, meeting), |s| s.agenda.clone()),
        attendance: attendance(p, meeting),
        follow_ups: follow_up_lines(p, meeting_id),
        decisions: decisions_taken(p, meeting_id)
            .into_iter()
            .cloned()
            .collect(),
        programmation: programmation(p, meeting_id),
        previous_meeting: previous_meeting(p, meeting).cloned(),
        previous_meeting_label: previous_meeting(p, meeting).map(Meeting::label),
        next_meeting: next_meeting(p, meeting).cloned(),
        sitting,
        meeting: meeting.clone(),
    })
}

/// The séance of a meeting in the loaded pillar.
pub fn sitting_of(p: &Pillar, meeting_id: Id) -> Option<&Sitting> {
    p.sittings.iter().find(|s| s.meeting_id == meeting_id)
}
