//! Storing meetings, their participants and decisions, and the issued reports.

use chrono::{Local, NaiveDate, NaiveDateTime};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::contract::invalid_error;
use super::rows::{exists, upsert};
use super::{Saved, Store};
use crate::domain::{coded_enum, has_errors, Decision, Id, Issue, Meeting, Participant};
use crate::error::{Result, SqlContext};

coded_enum! {
    /// Kind of an issued document (the list « Rapports » holds both).
    IssuedKind {
        /// The COPIL follow-up report.
        Report = "report" => "Rapport de suivi",
        /// The relevé de décisions of a closed séance.
        DecisionRecord = "releve" => "Relevé de décisions",
    }
}

/// A report that was issued (its key figures are kept to show what changed at the next one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IssuedReport {
    /// Row id.
    pub id: Id,
    /// COPIL report or relevé de décisions (files older than the séance hold only reports).
    pub kind: IssuedKind,
    /// When it was produced (local time, ISO 8601).
    pub issued_at: String,
    /// Meeting it was prepared for.
    pub meeting_id: Option<Id>,
    /// Options used, as JSON.
    pub options: serde_json::Value,
    /// SHA-256 of the PDF file, hexadecimal.
    pub sha256: String,
    /// Key figures at that time, as JSON (see `figures::Snapshot`).
    pub snapshot: serde_json::Value,
}

impl Store {
    /// Every meeting with its participants, most recent first.
    pub fn meetings(&self) -> Result<Vec<Meeting>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, kind, title, date, place, agenda FROM meeting ORDER BY date DESC, id DESC")
            .ctx("lecture des instances")?;
        let mut out: Vec<Meeting> = stmt
            .query_map([], |r| {
                Ok(Meeting {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    title: r.get(2)?,
                    date: r.get(3)?,
                    place: r.get(4)?,
                    agenda: r.get(5)?,
                    participants: vec![],
                })
            })
            .ctx("lecture des instances")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des instances")?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT actor_id, label, kind, headcount FROM participant WHERE meeting_id = ?1 ORDER BY id")
            .ctx("lecture des participants")?;
        for m in &mut out {
            m.participants = stmt
                .query_map([m.id], |r| {
                    Ok(Participant {
                        actor_id: r.get(0)?,
                        label: r.get(1)?,
                        kind: r.get(2)?,
                        headcount: r.get(3)?,
                    })
                })
                .ctx("lecture des participants")?
                .collect::<rusqlite::Result<_>>()
                .ctx("lecture des participants")?;
        }
        Ok(out)
    }

    /// Everything [`Store::save_meeting`] checks before writing: its rules within the contract period.
    pub fn check_meeting(&self, m: &Meeting) -> Result<Vec<Issue>> {
        Ok(m.validate(self.period()?))
    }

    /// Adds or updates a meeting and its participants.
    pub fn save_meeting(&mut self, m: &Meeting) -> Result<Saved> {
        let issues = self.check_meeting(m)?;
        if has_errors(&issues) {
            return Err(invalid_error("Instance", issues));
        }
        self.edit(if m.id == 0 { "create" } else { "update" }, "meeting", &m.title, |tx| {
            let values = params![m.kind, m.title, m.date, m.place, m.agenda, m.id];
            let id = upsert(
                tx,
                m.id,
                "Instance",
                || tx.execute("INSERT INTO meeting (id, kind, title, date, place, agenda) VALUES (nullif(?6, 0), ?1, ?2, ?3, ?4, ?5)", values),
                || tx.execute("UPDATE meeting SET kind = ?1, title = ?2, date = ?3, place = ?4, agenda = ?5 WHERE id = ?6", values),
            )?;
            tx.execute("DELETE FROM participant WHERE meeting_id = ?1", [id]).ctx("écriture des participants")?;
            for p in &m.participants {
                // A known structure without a label is named after the actor, so exports stay re-importable.
                let label = match (p.label.trim().is_empty(), p.actor_id) {
                    (true, Some(actor)) => tx
                        .query_row("SELECT name FROM actor WHERE id = ?1", [actor], |r| r.get(0))
                        .unwrap_or_default(),
                    _ => p.label.clone(),
                };
                tx.execute(
                    "INSERT INTO participant (meeting_id, actor_id, label, kind, headcount) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, p.actor_id, label, p.kind, p.headcount],
                )
                .ctx("écriture des participants")?;
            }
            // A structure is present or excused, never both.
            tx.execute(
                "DELETE FROM apology WHERE sitting_id IN (SELECT id FROM sitting WHERE meeting_id = ?1) \
                 AND actor_id IN (SELECT actor_id FROM participant WHERE meeting_id = ?1)",
                [id],
            )
            .ctx("écriture des participants")?;
            Ok((Saved { id, warnings: issues }, Some(id)))
        })
    }

    /// Deletes a meeting with its decisions.
    pub fn delete_meeting(&mut self, id: Id) -> Result<()> {
        self.delete("meeting", "Instance", id)
    }

    /// Every decision, by due date (undated last).
    pub fn decisions(&self) -> Result<Vec<Decision>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, meeting_id, text, owner, due_date, status, closed_on, owner_actor_id, \
                 objective_id, action_id, sitting_id FROM decision ORDER BY due_date IS NULL, due_date, id",
            )
            .ctx("lecture des décisions")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Decision {
                    id: r.get(0)?,
                    meeting_id: r.get(1)?,
                    text: r.get(2)?,
                    owner: r.get(3)?,
                    due_date: r.get(4)?,
                    status: r.get(5)?,
                    closed_on: r.get(6)?,
                    owner_actor_id: r.get(7)?,
                    objective_id: r.get(8)?,
                    action_id: r.get(9)?,
                    sitting_id: r.get(10)?,
                })
            })
            .ctx("lecture des décisions")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture des décisions")
    }

    /// Everything [`Store::save_decision`] checks before writing, on the decision as it would be
    /// saved (its closing date set or cleared with its status), and a meeting that exists.
    pub fn check_decision(&self, d: &Decision) -> Result<Vec<Issue>> {
        let d = d.normalized(Local::now().date_naive());
        let mut issues = d.validate();
        for (field, table, id, what) in [
            ("meeting_id", "meeting", Some(d.meeting_id), "L'instance"),
            ("owner_actor_id", "actor", d.owner_actor_id, "L'acteur"),
            ("objective_id", "objective", d.objective_id, "L'objectif"),
            ("action_id", "action", d.action_id, "L'action"),
        ] {
            if let Some(id) = id {
                if !exists(&self.conn, table, id)? {
                    issues.push(Issue::error(field, format!("{what} n° {id} n'existe pas.")));
                }
            }
        }
        Ok(issues)
    }

    /// Adds or updates a decision; closing it without a date records today, reopening it clears
    /// the date. An owner given as an actor without a name is named after the actor. A decision
    /// « prise en séance » stays so (its séance is kept as stored) and its journal line says so.
    pub fn save_decision(&mut self, d: &Decision) -> Result<Saved> {
        let mut d = d.normalized(Local::now().date_naive());
        let issues = self.check_decision(&d)?;
        if has_errors(&issues) {
            return Err(invalid_error("Décision", issues));
        }
        if let (true, Some(actor)) = (d.owner.trim().is_empty(), d.owner_actor_id) {
            d.owner = self
                .conn
                .query_row("SELECT name FROM actor WHERE id = ?1", [actor], |r| {
                    r.get(0)
                })
                .ctx("lecture de l'acteur")?;
        }
        let taken_in: Option<String> = self
            .conn
            .query_row(
                "SELECT m.kind, m.date FROM decision d JOIN sitting s ON s.id = d.sitting_id \
                 JOIN meeting m ON m.id = s.meeting_id WHERE d.id = ?1",
                [d.id],
                |r| {
                    let kind: crate::domain::MeetingKind = r.get(0)?;
                    let date: NaiveDate = r.get(1)?;
                    Ok(format!(
                        "{} du {}",
                        kind.label(),
                        crate::format::date_long(date)
                    ))
                },
            )
            .map(Some)
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })
            .ctx("lecture de la décision")?;
        let summary = match &taken_in {
            Some(meeting) => format!("décision prise en séance ({meeting}) modifiée : {}", d.text),
            None => d.text.clone(),
        };
        let d = &d;
        self.edit(
            if d.id == 0 { "create" } else { "update" },
            "decision",
            &summary,
            |tx| {
                let id = write_decision(tx, d)?;
                Ok((
                    Saved {
                        id,
                        warnings: issues,
                    },
                    Some(id),
                ))
            },
        )
    }

    /// Deletes a decision.
    pub fn delete_decision(&mut self, id: Id) -> Result<()> {
        self.delete("decision", "Décision", id)
    }

    /// Every issued document (COPIL reports and relevés de décisions), newest first.
    pub fn issued_reports(&self) -> Result<Vec<IssuedReport>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, issued_at, meeting_id, options, sha256, snapshot, kind FROM report ORDER BY issued_at DESC, id DESC")
            .ctx("lecture des rapports")?;
        let rows = stmt
            .query_map([], |r| {
                let options: String = r.get(3)?;
                let snapshot: String = r.get(5)?;
                Ok(IssuedReport {
                    id: r.get(0)?,
                    kind: r.get(6)?,
                    issued_at: r.get(1)?,
                    meeting_id: r.get(2)?,
                    options: serde_json::from_str(&options).unwrap_or_default(),
                    sha256: r.get(4)?,
                    snapshot: serde_json::from_str(&snapshot).unwrap_or_default(),
                })
            })
            .ctx("lecture des rapports")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture des rapports")
    }

    /// The last COPIL report issued (what « what changed » compares with), relevés aside.
    pub fn last_report(&self) -> Result<Option<IssuedReport>> {
        Ok(self
            .issued_reports()?
            .into_iter()
            .find(|r| r.kind == IssuedKind::Report))
    }

    /// Records an issued report with its options, file hash and key-figure snapshot.
    pub fn record_report(
        &mut self,
        issued_on: NaiveDate,
        meeting_id: Option<Id>,
        options: &serde_json::Value,
        sha256: &str,
        snapshot: &serde_json::Value,
    ) -> Result<Id> {
        let issued_at = format!("{}T{}", issued_on, Local::now().format("%H:%M:%S"));
        self.record_issued(
            IssuedKind::Report,
            &issued_at,
            meeting_id,
            options,
            sha256,
            snapshot,
        )
    }

    /// Records the relevé de décisions of a meeting issued at `issued_at`, with its file hash;
    /// a relevé written again is recorded again (the list shows every file issued).
    pub fn record_releve(
        &mut self,
        meeting_id: Id,
        issued_at: NaiveDateTime,
        sha256: &str,
    ) -> Result<Id> {
        let at = issued_at.format("%Y-%m-%dT%H:%M:%S").to_string();
        self.record_issued(
            IssuedKind::DecisionRecord,
            &at,
            Some(meeting_id),
            &serde_json::json!({ "meeting_id": meeting_id }),
            sha256,
            &serde_json::Value::Null,
        )
    }

    fn record_issued(
        &mut self,
        kind: IssuedKind,
        issued_at: &str,
        meeting_id: Option<Id>,
        options: &serde_json::Value,
        sha256: &str,
        snapshot: &serde_json::Value,
    ) -> Result<Id> {
        let what = match kind {
            IssuedKind::Report => "rapport",
            IssuedKind::DecisionRecord => "relevé de décisions",
        };
        self.edit("report", "report", &format!("{what} {sha256:.12}"), |tx| {
            tx.execute(
                "INSERT INTO report (issued_at, meeting_id, options, sha256, snapshot, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![issued_at, meeting_id, options.to_string(), sha256, snapshot.to_string(), kind],
            )
            .ctx("écriture du rapport")?;
            let id = tx.last_insert_rowid();
            Ok((id, Some(id)))
        })
    }
}

/// Inserts or updates a decision row; the séance it was taken in is never changed here.
pub(crate) fn write_decision(tx: &rusqlite::Connection, d: &Decision) -> Result<Id> {
    let values = params![
        d.meeting_id,
        d.text,
        d.owner,
        d.due_date,
        d.status,
        d.closed_on,
        d.owner_actor_id,
        d.objective_id,
        d.action_id,
        d.id
    ];
    upsert(
        tx,
        d.id,
        "Décision",
        || {
            tx.execute(
                "INSERT INTO decision (id, meeting_id, text, owner, due_date, status, closed_on, owner_actor_id, \
                 objective_id, action_id) VALUES (nullif(?10, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                values,
            )
        },
        || {
            tx.execute(
                "UPDATE decision SET meeting_id = ?1, text = ?2, owner = ?3, due_date = ?4, status = ?5, closed_on = ?6, \
                 owner_actor_id = ?7, objective_id = ?8, action_id = ?9 WHERE id = ?10",
                values,
            )
        },
    )
}
