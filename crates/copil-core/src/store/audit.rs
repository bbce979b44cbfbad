//! The audit journal: who changed what and when; append-only (triggers refuse updates and deletes).

use chrono::Local;
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

use super::Store;
use crate::domain::Id;
use crate::error::{Result, SqlContext};

/// One line of the audit journal.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    /// Sequence number.
    pub id: Id,
    /// Local date and time, ISO 8601.
    pub at: String,
    /// OS user who made the change.
    pub user: String,
    /// create, update, delete, import, migrate, report, restore.
    pub operation: String,
    /// Entity touched (code name).
    pub entity: String,
    /// Row touched, if one.
    pub entity_id: Option<Id>,
    /// Human summary (French).
    pub summary: String,
}

pub(crate) fn record(
    conn: &Connection,
    user: &str,
    operation: &str,
    entity: &str,
    entity_id: Option<Id>,
    summary: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, user, operation, entity, entity_id, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(), user, operation, entity, entity_id, summary],
    )
    .ctx("écriture du journal")?;
    Ok(())
}

impl Store {
    /// The audit journal, newest first, at most `limit` lines.
    pub fn audit_log(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, at, user, operation, entity, entity_id, summary FROM audit_log ORDER BY id DESC LIMIT ?1")
            .ctx("lecture du journal")?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    user: r.get(2)?,
                    operation: r.get(3)?,
                    entity: r.get(4)?,
                    entity_id: r.get(5)?,
                    summary: r.get(6)?,
                })
            })
            .ctx("lecture du journal")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture du journal")
    }
}
