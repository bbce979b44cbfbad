//! Issuing a report or a relevé de décisions: build it, let a renderer produce the bytes,
//! record the file's hash (and, for a report, its key figures).

use chrono::NaiveDateTime;
use sha2::{Digest, Sha256};

use super::{build_releve, build_report, ReportDocument, ReportOptions};
use crate::domain::Id;
use crate::error::{CoreError, Result};
use crate::figures::{Pillar, Snapshot};
use crate::store::{IssuedReport, Store};

/// The issued report to compare with: the one asked for, else the most recent.
pub fn previous_report(store: &Store, options: &ReportOptions) -> Result<Option<IssuedReport>> {
    Ok(match options.compare_with {
        Some(id) => store.issued_reports()?.into_iter().find(|r| r.id == id),
        None => store.last_report()?,
    })
}

/// Builds the report model of the open contract; a meeting asked for must exist.
pub fn prepare(store: &Store, options: &ReportOptions) -> Result<(Pillar, ReportDocument)> {
    let pillar = Pillar::load(store)?;
    if let Some(id) = options.meeting_id {
        if !pillar.meetings.iter().any(|m| m.id == id) {
            return Err(CoreError::Missing {
                entity: "Instance",
                id,
            });
        }
    }
    let previous = previous_report(store, options)?;
    let doc = build_report(&pillar, options, previous.as_ref());
    Ok((pillar, doc))
}

/// What the CLI and the app say when a report was written from a read-only contract.
pub const NOT_RECORDED: &str = "Le contrat est en lecture seule : le rapport a été écrit, mais il n'a pas été enregistré dans la liste des rapports émis.";

/// Records an issued report (options, SHA-256 of the rendered file, key-figure snapshot).
///
/// A read-only contract is only read: the report stays written, it is not recorded (`None`;
/// tell the user [`NOT_RECORDED`]).
pub fn record_issued(
    store: &mut Store,
    pillar: &Pillar,
    options: &ReportOptions,
    rendered: &[u8],
) -> Result<Option<Id>> {
    if store.is_read_only() {
        return Ok(None);
    }
    let sha = sha256_hex(rendered);
    let snapshot =
        serde_json::to_value(Snapshot::take(pillar, &options.scope())).unwrap_or_default();
    let opts = serde_json::to_value(options).unwrap_or_default();
    store
        .record_report(options.today, options.meeting_id, &opts, &sha, &snapshot)
        .map(Some)
}

/// The relevé de décisions of a meeting whose séance is closed (refused in French otherwise).
pub fn prepare_releve(store: &Store, meeting_id: Id) -> Result<(Pillar, ReportDocument)> {
    let pillar = Pillar::load(store)?;
    let doc = build_releve(&pillar, meeting_id)?;
    Ok((pillar, doc))
}

/// Records an issued relevé (the SHA-256 of the rendered file) in the list of issued documents.
pub fn record_releve(
    store: &mut Store,
    meeting_id: Id,
    issued_at: NaiveDateTime,
    rendered: &[u8],
) -> Result<Id> {
    store.record_releve(meeting_id, issued_at, &sha256_hex(rendered))
}

/// SHA-256 of a file's bytes, hexadecimal: the hash the list of issued documents keeps.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
