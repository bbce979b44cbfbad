//! Storing the séance: every entry (agenda, attendance, follow-up, decision, avis, notes) is one
//! transaction with its journal line, so a crash loses no acknowledged entry and reopening the
//! file resumes the séance where it was ([`Store::sitting_in_progress`]).

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use super::contract::invalid_error;
use super::meetings::write_decision;
use super::{Saved, Store};
use crate::domain::{
    has_errors, AgendaItem, AgendaItemKind, Attendance, Avis, Decision, DecisionState,
    DecisionStatus, FollowUp, FundingAvis, Id, Issue, Meeting, Sitting, SittingState,
};
use crate::error::{CoreError, Result, SqlContext};
use crate::figures::{self, Pillar};
use crate::format::euros_from_cents;

/// The séance in progress when the file is opened again: the app offers to resume it there.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SittingResume {
    /// The meeting it runs.
    pub meeting: Meeting,
    /// « COPIL du 10 décembre 2026 ».
    pub meeting_label: String,
    /// The séance.
    pub sitting: Sitting,
    /// The item it was at, if one was current.
    pub current_item: Option<AgendaItem>,
}

/// Largest amount an avis may attribute, as for a funding line (one billion euros).
const MAX_CENTS: i64 = 100_000_000_000;

impl Store {
    /// Every séance with its agenda and entries, by id.
    pub fn sittings(&self) -> Result<Vec<Sitting>> {
        let ctx = "lecture des séances";
        let mut out: Vec<Sitting> = self
            .conn
            .prepare_cached(
                "SELECT id, meeting_id, chair, programmation_year, started_at, ended_at, current_item_id \
                 FROM sitting ORDER BY id",
            )
            .ctx(ctx)?
            .query_map([], |r| {
                Ok(Sitting {
                    id: r.get(0)?,
                    meeting_id: r.get(1)?,
                    chair: r.get(2)?,
                    programmation_year: r.get(3)?,
                    started_at: r.get(4)?,
                    ended_at: r.get(5)?,
                    current_item_id: r.get(6)?,
                    agenda: vec![],
                    excused_actor_ids: vec![],
                    follow_ups: vec![],
                    avis: vec![],
                })
            })
            .ctx(ctx)?
            .collect::<rusqlite::Result<_>>()
            .ctx(ctx)?;
        let index: HashMap<Id, usize> = out.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT sitting_id, id, kind, title, notes FROM agenda_item ORDER BY sitting_id, position, id",
            )
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    AgendaItem {
                        id: r.get(1)?,
                        kind: r.get(2)?,
                        title: r.get(3)?,
                        notes: r.get(4)?,
                    },
                ))
            })
            .ctx(ctx)?;
        for row in rows {
            let (sitting, item) = row.ctx(ctx)?;
            if let Some(&i) = index.get(&sitting) {
                out[i].agenda.push(item);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT sitting_id, actor_id FROM apology ORDER BY sitting_id, actor_id",
            )
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, Id>(1)?)))
            .ctx(ctx)?;
        for row in rows {
            let (sitting, actor) = row.ctx(ctx)?;
            if let Some(&i) = index.get(&sitting) {
                out[i].excused_actor_ids.push(actor);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT sitting_id, decision_id, outcome, new_due_date, comment, due_date_before \
                 FROM follow_up ORDER BY sitting_id, rowid",
            )
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    FollowUp {
                        decision_id: r.get(1)?,
                        outcome: r.get(2)?,
                        new_due_date: r.get(3)?,
                        comment: r.get(4)?,
                        due_date_before: r.get(5)?,
                    },
                ))
            })
            .ctx(ctx)?;
        for row in rows {
            let (sitting, follow_up) = row.ctx(ctx)?;
            if let Some(&i) = index.get(&sitting) {
                out[i].follow_ups.push(follow_up);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT sitting_id, funding_id, avis, granted_cents, comment, decision_id FROM funding_avis \
                 ORDER BY sitting_id, rowid",
            )
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    FundingAvis {
                        funding_id: r.get(1)?,
                        avis: r.get(2)?,
                        granted_cents: r.get(3)?,
                        comment: r.get(4)?,
                        decision_id: r.get(5)?,
                    },
                ))
            })
            .ctx(ctx)?;
        for row in rows {
            let (sitting, avis) = row.ctx(ctx)?;
            if let Some(&i) = index.get(&sitting) {
                out[i].avis.push(avis);
            }
        }
        Ok(out)
    }

    /// The séance of a meeting, if it was prepared or held.
    pub fn sitting(&self, meeting_id: Id) -> Result<Option<Sitting>> {
        Ok(self
            .sittings()?
            .into_iter()
            .find(|s| s.meeting_id == meeting_id))
    }

    /// The séance started and not closed (at most one), with the item it was at: what reopening
    /// the file offers to resume.
    pub fn sitting_in_progress(&self) -> Result<Option<SittingResume>> {
        let Some(sitting) = self
            .sittings()?
            .into_iter()
            .find(|s| s.state() == SittingState::InProgress)
        else {
            return Ok(None);
        };
        let meeting = self.meeting(sitting.meeting_id)?;
        Ok(Some(SittingResume {
            meeting_label: meeting.label(),
            current_item: sitting.current_item().cloned(),
            meeting,
            sitting,
        }))
    }

    /// Creates the séance of a meeting with the proposed agenda ([`figures::proposed_agenda`]),
    /// not started; does nothing if it exists. Every other entry prepares it first.
    pub fn prepare_sitting(&mut self, meeting_id: Id) -> Result<Sitting> {
        if let Some(s) = self.sitting(meeting_id)? {
            return Ok(s);
        }
        let meeting = self.meeting(meeting_id)?;
        let pillar = Pillar::load(self)?;
        let agenda = figures::proposed_agenda(&pillar, &meeting);
        let year = figures::default_programmation_year(&meeting);
        let summary = format!("{} : séance préparée", meeting.label());
        self.edit("create", "sitting", &summary, |tx| {
            tx.execute(
                "INSERT INTO sitting (meeting_id, programmation_year) VALUES (?1, ?2)",
                params![meeting_id, year],
            )
            .ctx("création de la séance")?;
            let id = tx.last_insert_rowid();
            for (position, item) in agenda.iter().enumerate() {
                insert_item(tx, id, position, item)?;
            }
            Ok(((), Some(id)))
        })?;
        self.sitting(meeting_id)?.ok_or(CoreError::Missing {
            entity: "Séance",
            id: meeting_id,
        })
    }

    /// Starts (or resumes) the séance of a meeting at `at`; its first item becomes current.
    /// Refused while another séance is in progress, or once this one is closed.
    pub fn start_sitting(&mut self, meeting_id: Id, at: NaiveDateTime) -> Result<Sitting> {
        if let Some(other) = self.sitting_in_progress()? {
            if other.meeting.id == meeting_id {
                return Ok(other.sitting);
            }
            let meeting = self.meeting(meeting_id)?;
            return Err(CoreError::Sitting {
                meeting: meeting.label(),
                reason: format!(
                    "la séance du {} est encore en cours ; clôturez-la avant d'en ouvrir une autre.",
                    other.meeting_label
                ),
            });
        }
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let first = sitting
            .current_item_id
            .or(sitting.agenda.first().map(|i| i.id));
        let summary = format!("{} : séance ouverte", meeting.label());
        self.edit("update", "sitting", &summary, |tx| {
            tx.execute(
                "UPDATE sitting SET started_at = ?1, current_item_id = ?2 WHERE id = ?3",
                params![at, first, sitting.id],
            )
            .ctx("ouverture de la séance")?;
            Ok(((), Some(sitting.id)))
        })?;
        self.existing_sitting(meeting_id)
    }

    /// Closes the séance at `at`: records the end time and marks every decision of the meeting
    /// « prise en séance » (they stay editable, each change journaled). The relevé is then
    /// built by [`crate::report::releve::build_releve`].
    pub fn close_sitting(&mut self, meeting_id: Id, at: NaiveDateTime) -> Result<Sitting> {
        let meeting = self.meeting(meeting_id)?;
        let sitting = self.sitting(meeting_id)?;
        let refuse = |reason: &str| CoreError::Sitting {
            meeting: meeting.label(),
            reason: reason.into(),
        };
        let sitting = match sitting {
            Some(s) if s.state() == SittingState::InProgress => s,
            Some(s) if s.state() == SittingState::Closed => {
                return Err(refuse("la séance est déjà close."))
            }
            _ => return Err(refuse("la séance n'a pas commencé : ouvrez-la d'abord.")),
        };
        if sitting.started_at.is_some_and(|s| at < s) {
            return Err(refuse(
                "l'heure de clôture précède l'heure d'ouverture de la séance.",
            ));
        }
        let summary = format!("{} : séance close", meeting.label());
        self.edit("update", "sitting", &summary, |tx| {
            tx.execute(
                "UPDATE sitting SET ended_at = ?1 WHERE id = ?2",
                params![at, sitting.id],
            )
            .ctx("clôture de la séance")?;
            tx.execute(
                "UPDATE decision SET sitting_id = ?1 WHERE meeting_id = ?2",
                params![sitting.id, meeting_id],
            )
            .ctx("clôture de la séance")?;
            Ok(((), Some(sitting.id)))
        })?;
        self.existing_sitting(meeting_id)
    }

    /// Who chairs the séance (« présidence »).
    pub fn set_sitting_chair(&mut self, meeting_id: Id, chair: &str) -> Result<()> {
        let mut issues = Vec::new();
        crate::domain::limit_text("chair", "La présidence", chair, 200, &mut issues);
        if has_errors(&issues) {
            return Err(invalid_error("Séance", issues));
        }
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let summary = format!("{} : présidence « {} »", meeting.label(), chair.trim());
        self.edit("update", "sitting", &summary, |tx| {
            tx.execute(
                "UPDATE sitting SET chair = ?1 WHERE id = ?2",
                params![chair.trim(), sitting.id],
            )
            .ctx("écriture de la séance")?;
            Ok(((), Some(sitting.id)))
        })
    }

    /// The year whose funding requests the programmation examines.
    pub fn set_programmation_year(&mut self, meeting_id: Id, year: i32) -> Result<()> {
        let mut issues = Vec::new();
        self.period()?
            .check_year("programmation_year", "Programmation", year, &mut issues);
        if has_errors(&issues) {
            return Err(invalid_error("Séance", issues));
        }
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        if !sitting.avis.is_empty() && year != sitting.programmation_year {
            return Err(CoreError::Sitting {
                meeting: meeting.label(),
                reason: format!(
                    "des avis ont déjà été donnés sur la programmation {} ; retirez-les avant de changer d'année.",
                    sitting.programmation_year
                ),
            });
        }
        let summary = format!("{} : programmation {year}", meeting.label());
        self.edit("update", "sitting", &summary, |tx| {
            tx.execute(
                "UPDATE sitting SET programmation_year = ?1 WHERE id = ?2",
                params![year, sitting.id],
            )
            .ctx("écriture de la séance")?;
            Ok(((), Some(sitting.id)))
        })
    }

    /// Adds an item to the agenda, after `after` (at the end when None); returns its id.
    pub fn add_agenda_item(
        &mut self,
        meeting_id: Id,
        kind: AgendaItemKind,
        title: &str,
        after: Option<Id>,
    ) -> Result<Id> {
        let item = AgendaItem {
            id: 0,
            kind,
            title: title.trim().to_string(),
            notes: String::new(),
        };
        let issues = item.validate();
        if has_errors(&issues) {
            return Err(invalid_error("Point de l'ordre du jour", issues));
        }
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let mut order: Vec<Id> = sitting.agenda.iter().map(|i| i.id).collect();
        let at = match after {
            None => order.len(),
            Some(id) => item_index(&sitting, id)? + 1,
        };
        let summary = format!("{} : point « {} » ajouté", meeting.label(), item.title);
        self.edit("create", "agenda_item", &summary, |tx| {
            let id = insert_item(tx, sitting.id, at, &item)?;
            order.insert(at, id);
            write_positions(tx, &order)?;
            Ok((id, Some(id)))
        })
    }

    /// Removes an item from the agenda; if it was current, the next one (else the previous) is.
    pub fn remove_agenda_item(&mut self, meeting_id: Id, item_id: Id) -> Result<()> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let index = item_index(&sitting, item_id)?;
        let mut order: Vec<Id> = sitting.agenda.iter().map(|i| i.id).collect();
        order.remove(index);
        let current = match sitting.current_item_id {
            Some(c) if c == item_id => order.get(index).or(order.last()).copied(),
            other => other,
        };
        let summary = format!(
            "{} : point « {} » retiré",
            meeting.label(),
            sitting.agenda[index].title
        );
        self.edit("delete", "agenda_item", &summary, |tx| {
            tx.execute("DELETE FROM agenda_item WHERE id = ?1", [item_id])
                .ctx("écriture de l'ordre du jour")?;
            write_positions(tx, &order)?;
            tx.execute(
                "UPDATE sitting SET current_item_id = ?1 WHERE id = ?2",
                params![current, sitting.id],
            )
            .ctx("écriture de l'ordre du jour")?;
            Ok(((), Some(item_id)))
        })
    }

    /// Puts the agenda in the order of `item_ids` (every item of the séance, once each).
    pub fn reorder_agenda(&mut self, meeting_id: Id, item_ids: &[Id]) -> Result<()> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let mut given = item_ids.to_vec();
        given.sort_unstable();
        let mut stored: Vec<Id> = sitting.agenda.iter().map(|i| i.id).collect();
        stored.sort_unstable();
        if given != stored {
            return Err(invalid_error(
                "Ordre du jour",
                vec![Issue::error(
                    "item_ids",
                    "Le nouvel ordre doit reprendre chaque point de l'ordre du jour une fois.",
                )],
            ));
        }
        let summary = format!("{} : ordre du jour réordonné", meeting.label());
        self.edit("update", "agenda_item", &summary, |tx| {
            write_positions(tx, item_ids)?;
            Ok(((), Some(sitting.id)))
        })
    }

    /// Renames an agenda item.
    pub fn rename_agenda_item(&mut self, meeting_id: Id, item_id: Id, title: &str) -> Result<()> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let index = item_index(&sitting, item_id)?;
        let item = AgendaItem {
            title: title.trim().to_string(),
            ..sitting.agenda[index].clone()
        };
        let issues = item.validate();
        if has_errors(&issues) {
            return Err(invalid_error("Point de l'ordre du jour", issues));
        }
        let summary = format!("{} : point renommé « {} »", meeting.label(), item.title);
        self.edit("update", "agenda_item", &summary, |tx| {
            tx.execute(
                "UPDATE agenda_item SET title = ?1 WHERE id = ?2",
                params![item.title, item_id],
            )
            .ctx("écriture de l'ordre du jour")?;
            Ok(((), Some(item_id)))
        })
    }

    /// The notes of an agenda item (saved as typed).
    pub fn set_item_notes(&mut self, meeting_id: Id, item_id: Id, notes: &str) -> Result<()> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let index = item_index(&sitting, item_id)?;
        let item = AgendaItem {
            notes: notes.to_string(),
            ..sitting.agenda[index].clone()
        };
        let issues = item.validate();
        if has_errors(&issues) {
            return Err(invalid_error("Point de l'ordre du jour", issues));
        }
        let summary = format!("{} : notes du point « {} »", meeting.label(), item.title);
        self.edit("update", "agenda_item", &summary, |tx| {
            tx.execute(
                "UPDATE agenda_item SET notes = ?1 WHERE id = ?2",
                params![item.notes, item_id],
            )
            .ctx("écriture des notes")?;
            Ok(((), Some(item_id)))
        })
    }

    /// The item being dealt with (None: none).
    pub fn set_current_item(&mut self, meeting_id: Id, item_id: Option<Id>) -> Result<()> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let title = match item_id {
            Some(id) => sitting.agenda[item_index(&sitting, id)?].title.clone(),
            None => "aucun".into(),
        };
        let summary = format!("{} : point en cours « {title} »", meeting.label());
        self.edit("update", "sitting", &summary, |tx| {
            tx.execute(
                "UPDATE sitting SET current_item_id = ?1 WHERE id = ?2",
                params![item_id, sitting.id],
            )
            .ctx("écriture de la séance")?;
            Ok(((), Some(sitting.id)))
        })
    }

    /// Marks a structure present (with its headcount, 1 by default: it becomes a participant of
    /// the meeting, with the actor's type), excused, or neither.
    pub fn set_attendance(
        &mut self,
        meeting_id: Id,
        actor_id: Id,
        attendance: Attendance,
        headcount: Option<i64>,
    ) -> Result<()> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let actor: Option<(String, crate::domain::ActorKind)> = self
            .conn
            .query_row(
                "SELECT name, kind FROM actor WHERE id = ?1",
                [actor_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ctx("lecture de l'acteur")?;
        let Some((name, kind)) = actor else {
            return Err(CoreError::Missing {
                entity: "Acteur",
                id: actor_id,
            });
        };
        let present = meeting
            .participants
            .iter()
            .filter(|p| p.actor_id == Some(actor_id))
            .map(|p| p.headcount)
            .sum::<i64>();
        let headcount = headcount.unwrap_or(present.max(1));
        if attendance == Attendance::Present && !(1..=10_000).contains(&headcount) {
            return Err(invalid_error(
                "Présence",
                vec![Issue::error(
                    "headcount",
                    format!("L'effectif de « {name} » doit être compris entre 1 et 10 000."),
                )],
            ));
        }
        let summary = format!(
            "{} : {name} {}",
            meeting.label(),
            attendance.label().to_lowercase()
        );
        self.edit("update", "attendance", &summary, |tx| {
            let ctx = "écriture des présences";
            tx.execute(
                "DELETE FROM participant WHERE meeting_id = ?1 AND actor_id = ?2",
                params![meeting_id, actor_id],
            )
            .ctx(ctx)?;
            tx.execute(
                "DELETE FROM apology WHERE sitting_id = ?1 AND actor_id = ?2",
                params![sitting.id, actor_id],
            )
            .ctx(ctx)?;
            match attendance {
                Attendance::Present => tx.execute(
                    "INSERT INTO participant (meeting_id, actor_id, label, kind, headcount) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![meeting_id, actor_id, name, kind, headcount],
                ),
                Attendance::Excused => tx.execute(
                    "INSERT INTO apology (sitting_id, actor_id) VALUES (?1, ?2)",
                    params![sitting.id, actor_id],
                ),
                Attendance::Absent => Ok(0),
            }
            .ctx(ctx)?;
            Ok(((), Some(actor_id)))
        })
    }

    /// Records the follow-up the committee gives to an earlier decision (one of
    /// [`figures::follow_up_lines`]) and sets the decision's status, due date and closing date
    /// accordingly; given again, it replaces the previous one.
    pub fn set_follow_up(&mut self, meeting_id: Id, follow_up: &FollowUp) -> Result<()> {
        let issues = follow_up.validate();
        if has_errors(&issues) {
            return Err(invalid_error("Suivi de décision", issues));
        }
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let pillar = Pillar::load(self)?;
        let line = figures::follow_up_lines(&pillar, meeting_id)
            .into_iter()
            .find(|l| l.decision.id == follow_up.decision_id)
            .ok_or_else(|| CoreError::Sitting {
                meeting: meeting.label(),
                reason: format!(
                    "la décision n° {} n'est pas à suivre dans cette séance (décision ouverte d'une instance précédente).",
                    follow_up.decision_id
                ),
            })?;
        let before = self
            .state_before(sitting.id, follow_up.decision_id)?
            .unwrap_or_else(|| DecisionState::of(&line.decision));
        let after = follow_up.apply(before, sitting.day(meeting.date));
        let summary = format!(
            "{} : suivi « {} » — {}",
            meeting.label(),
            line.decision.text,
            follow_up.outcome.label().to_lowercase()
        );
        self.edit("update", "follow_up", &summary, |tx| {
            let ctx = "écriture du suivi";
            tx.execute(
                "INSERT INTO follow_up (sitting_id, decision_id, outcome, new_due_date, comment, status_before, \
                 due_date_before, closed_on_before) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) \
                 ON CONFLICT (sitting_id, decision_id) DO UPDATE SET outcome = excluded.outcome, \
                 new_due_date = excluded.new_due_date, comment = excluded.comment",
                params![
                    sitting.id,
                    follow_up.decision_id,
                    follow_up.outcome,
                    follow_up.new_due_date,
                    follow_up.comment.trim(),
                    before.status,
                    before.due_date,
                    before.closed_on
                ],
            )
            .ctx(ctx)?;
            set_decision_state(tx, follow_up.decision_id, after)?;
            Ok(((), Some(follow_up.decision_id)))
        })
    }

    /// Withdraws the follow-up given to a decision: it is back as it was before the séance.
    pub fn clear_follow_up(&mut self, meeting_id: Id, decision_id: Id) -> Result<()> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let Some(before) = self.state_before(sitting.id, decision_id)? else {
            return Ok(());
        };
        let summary = format!(
            "{} : suivi de la décision n° {decision_id} retiré",
            meeting.label()
        );
        self.edit("delete", "follow_up", &summary, |tx| {
            tx.execute(
                "DELETE FROM follow_up WHERE sitting_id = ?1 AND decision_id = ?2",
                params![sitting.id, decision_id],
            )
            .ctx("écriture du suivi")?;
            set_decision_state(tx, decision_id, before)?;
            Ok(((), Some(decision_id)))
        })
    }

    /// Records a decision taken in the séance (new, or one of this meeting corrected); an owner
    /// given as an actor is named after it.
    pub fn take_decision(&mut self, meeting_id: Id, decision: &Decision) -> Result<Saved> {
        let (meeting, _) = self.open_sitting(meeting_id)?;
        if decision.id != 0 {
            let of: Option<Id> = self
                .conn
                .query_row(
                    "SELECT meeting_id FROM decision WHERE id = ?1",
                    [decision.id],
                    |r| r.get(0),
                )
                .optional()
                .ctx("lecture de la décision")?;
            if of != Some(meeting_id) {
                return Err(CoreError::Sitting {
                    meeting: meeting.label(),
                    reason: format!(
                        "la décision n° {} n'a pas été prise dans cette instance.",
                        decision.id
                    ),
                });
            }
        }
        self.save_decision(&Decision {
            meeting_id,
            ..decision.clone()
        })
    }

    /// Gives the committee's avis on a funding line of the programmation
    /// ([`figures::programmation`]). A favorable avis (with or without reservation) makes the
    /// line attribué with `granted_cents` (by default the amount sollicité); ajourné and
    /// défavorable leave what was attribué before. Each avis is recorded as a decision of the
    /// meeting, done on the day; given again, it replaces the previous one and its decision.
    pub fn set_avis(
        &mut self,
        meeting_id: Id,
        funding_id: Id,
        avis: Avis,
        granted_cents: Option<i64>,
        comment: &str,
    ) -> Result<Saved> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let pillar = Pillar::load(self)?;
        let programme = figures::programmation(&pillar, meeting_id);
        let Some(line) = programme.lines.iter().find(|l| l.funding_id == funding_id) else {
            return Err(CoreError::Sitting {
                meeting: meeting.label(),
                reason: format!(
                    "le financement n° {funding_id} n'est pas dans la programmation {} (demandes sollicitées de l'année, ou ajournées auparavant).",
                    programme.year
                ),
            });
        };
        let funding =
            pillar
                .fundings
                .iter()
                .find(|f| f.id == funding_id)
                .ok_or(CoreError::Missing {
                    entity: "Financement",
                    id: funding_id,
                })?;
        let before: Option<(i64, Option<Id>)> = self
            .conn
            .query_row(
                "SELECT granted_cents_before, decision_id FROM funding_avis WHERE sitting_id = ?1 AND funding_id = ?2",
                params![sitting.id, funding_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ctx("lecture de l'avis")?;
        let granted_before = before.map_or(funding.granted_cents, |b| b.0);
        let amount = if avis.grants() {
            let amount = granted_cents.or(line.requested_cents).ok_or_else(|| {
                invalid_error(
                    "Avis",
                    vec![Issue::error(
                        "granted_cents",
                        "Aucun montant sollicité n'est renseigné : indiquez le montant attribué.",
                    )],
                )
            })?;
            if amount <= 0 || amount > MAX_CENTS {
                return Err(invalid_error(
                    "Avis",
                    vec![Issue::error(
                        "granted_cents",
                        "Un avis favorable attribue un montant de plus de 0 € et d'au plus un milliard d'euros.",
                    )],
                ));
            }
            Some(amount)
        } else {
            None
        };
        let mut issues = Vec::new();
        crate::domain::limit_text("comment", "Le commentaire", comment, 1000, &mut issues);
        let updated = crate::domain::Funding {
            granted_cents: amount.unwrap_or(granted_before),
            ..funding.clone()
        };
        issues.extend(updated.validate(self.period()?));
        if has_errors(&issues) {
            return Err(invalid_error("Avis", issues));
        }
        let day = sitting.day(meeting.date);
        let mut decision = Decision {
            id: before.and_then(|b| b.1).unwrap_or(0),
            text: avis_decision_text(avis, line, amount, comment),
            owner_actor_id: line.porteur_id,
            action_id: Some(line.action_id),
            status: DecisionStatus::Done,
            closed_on: Some(day),
            ..Decision::new(meeting_id, "", line.porteur.clone())
        };
        if decision.owner.is_empty() {
            decision.owner = line.financeur.label().to_string();
        }
        let summary = format!(
            "{} : avis {} — {} ({} {})",
            meeting.label(),
            avis.label().to_lowercase(),
            line.action,
            line.financeur.label(),
            line.year
        );
        let warnings: Vec<Issue> = issues;
        self.edit("update", "avis", &summary, |tx| {
            let ctx = "écriture de l'avis";
            let decision_id = write_decision(tx, &decision).or_else(|e| match e {
                // The decision was deleted by hand: record the avis with a new one.
                CoreError::Missing { .. } => write_decision(tx, &Decision { id: 0, ..decision.clone() }),
                e => Err(e),
            })?;
            tx.execute(
                "UPDATE funding SET granted_cents = ?1 WHERE id = ?2",
                params![updated.granted_cents, funding_id],
            )
            .ctx(ctx)?;
            tx.execute(
                "INSERT INTO funding_avis (sitting_id, funding_id, avis, granted_cents, comment, decision_id, granted_cents_before) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (sitting_id, funding_id) DO UPDATE SET \
                 avis = excluded.avis, granted_cents = excluded.granted_cents, comment = excluded.comment, \
                 decision_id = excluded.decision_id",
                params![sitting.id, funding_id, avis, amount, comment.trim(), decision_id, granted_before],
            )
            .ctx(ctx)?;
            Ok((
                Saved {
                    id: decision_id,
                    warnings,
                },
                Some(funding_id),
            ))
        })
    }

    /// Withdraws the avis given on a funding line: the amount attribué before comes back and
    /// the avis's decision is deleted.
    pub fn clear_avis(&mut self, meeting_id: Id, funding_id: Id) -> Result<()> {
        let (meeting, sitting) = self.open_sitting(meeting_id)?;
        let before: Option<(i64, Option<Id>)> = self
            .conn
            .query_row(
                "SELECT granted_cents_before, decision_id FROM funding_avis WHERE sitting_id = ?1 AND funding_id = ?2",
                params![sitting.id, funding_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .ctx("lecture de l'avis")?;
        let Some((granted_before, decision_id)) = before else {
            return Ok(());
        };
        let summary = format!(
            "{} : avis sur le financement n° {funding_id} retiré",
            meeting.label()
        );
        self.edit("delete", "avis", &summary, |tx| {
            let ctx = "écriture de l'avis";
            tx.execute(
                "DELETE FROM funding_avis WHERE sitting_id = ?1 AND funding_id = ?2",
                params![sitting.id, funding_id],
            )
            .ctx(ctx)?;
            tx.execute(
                "UPDATE funding SET granted_cents = ?1 WHERE id = ?2",
                params![granted_before, funding_id],
            )
            .ctx(ctx)?;
            if let Some(d) = decision_id {
                tx.execute("DELETE FROM decision WHERE id = ?1", [d])
                    .ctx(ctx)?;
            }
            Ok(((), Some(funding_id)))
        })
    }

    /// One meeting with its participants.
    pub fn meeting(&self, id: Id) -> Result<Meeting> {
        self.meetings()?
            .into_iter()
            .find(|m| m.id == id)
            .ok_or(CoreError::Missing {
                entity: "Instance",
                id,
            })
    }

    /// The meeting and its séance, prepared if it was not, for an entry: refused once closed.
    fn open_sitting(&mut self, meeting_id: Id) -> Result<(Meeting, Sitting)> {
        let sitting = self.prepare_sitting(meeting_id)?;
        let meeting = self.meeting(meeting_id)?;
        if sitting.state() == SittingState::Closed {
            return Err(CoreError::Sitting {
                meeting: meeting.label(),
                reason: "la séance est close ; ses décisions restent modifiables depuis l'écran Instances.".into(),
            });
        }
        Ok((meeting, sitting))
    }

    fn existing_sitting(&self, meeting_id: Id) -> Result<Sitting> {
        self.sitting(meeting_id)?.ok_or(CoreError::Missing {
            entity: "Séance",
            id: meeting_id,
        })
    }

    /// The state a decision had before this séance followed it up, if it did.
    fn state_before(&self, sitting_id: Id, decision_id: Id) -> Result<Option<DecisionState>> {
        self.conn
            .query_row(
                "SELECT status_before, due_date_before, closed_on_before FROM follow_up \
                 WHERE sitting_id = ?1 AND decision_id = ?2",
                params![sitting_id, decision_id],
                |r| {
                    Ok(DecisionState {
                        status: r.get(0)?,
                        due_date: r.get(1)?,
                        closed_on: r.get(2)?,
                    })
                },
            )
            .optional()
            .ctx("lecture du suivi")
    }
}

/// The decision text that records an avis, e.g. « Avis favorable : « Ateliers … » (État – BOP
/// 147 2026), 8 000 € attribués sur 8 500 € sollicités. »
pub fn avis_decision_text(
    avis: Avis,
    line: &figures::ProgrammationLine,
    granted_cents: Option<i64>,
    comment: &str,
) -> String {
    let requested = line.requested_cents.map(euros_from_cents);
    let amounts = match (granted_cents.filter(|_| avis.grants()), requested) {
        (Some(g), Some(r)) if line.requested_cents != Some(g) => {
            format!(", {} attribués sur {r} sollicités", euros_from_cents(g))
        }
        (Some(g), _) => format!(", {} attribués", euros_from_cents(g)),
        (None, Some(r)) => format!(", {r} sollicités"),
        (None, None) => String::new(),
    };
    let comment = match comment.trim() {
        "" => String::new(),
        c => format!(" — {c}"),
    };
    format!(
        "Avis {} : « {} » ({} {}){amounts}{comment}.",
        avis.label().to_lowercase(),
        line.action,
        line.financeur.label(),
        line.year
    )
}

fn insert_item(tx: &Connection, sitting: Id, position: usize, item: &AgendaItem) -> Result<Id> {
    tx.execute(
        "INSERT INTO agenda_item (sitting_id, position, kind, title, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![sitting, position as i64, item.kind, item.title, item.notes],
    )
    .ctx("écriture de l'ordre du jour")?;
    Ok(tx.last_insert_rowid())
}

fn write_positions(tx: &Connection, order: &[Id]) -> Result<()> {
    let mut stmt = tx
        .prepare_cached("UPDATE agenda_item SET position = ?1 WHERE id = ?2")
        .ctx("écriture de l'ordre du jour")?;
    for (position, id) in order.iter().enumerate() {
        stmt.execute(params![position as i64, id])
            .ctx("écriture de l'ordre du jour")?;
    }
    Ok(())
}

fn item_index(sitting: &Sitting, item_id: Id) -> Result<usize> {
    sitting
        .agenda
        .iter()
        .position(|i| i.id == item_id)
        .ok_or(CoreError::Missing {
            entity: "Point de l'ordre du jour",
            id: item_id,
        })
}

fn set_decision_state(tx: &Connection, decision_id: Id, state: DecisionState) -> Result<()> {
    let n = tx
        .execute(
            "UPDATE decision SET status = ?1, due_date = ?2, closed_on = ?3 WHERE id = ?4",
            params![state.status, state.due_date, state.closed_on, decision_id],
        )
        .ctx("écriture de la décision")?;
    if n == 0 {
        return Err(CoreError::Missing {
            entity: "Décision",
            id: decision_id,
        });
    }
    Ok(())
}
