//! The séance (projector view): each command translates to one core function of
//! `Store`'s séance entries or `figures::sitting_view`; closing also writes the relevé.

use std::path::PathBuf;
use std::time::Instant;

use chrono::{NaiveDateTime, Timelike};
use copil_core::domain::{AgendaItemKind, Attendance, Avis, Decision, FollowUp, Id, Sitting};
use copil_core::figures::{self, Pillar, SittingView};
use copil_core::report::issue;
use copil_core::store::{Saved, SittingResume};
use copil_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;

use super::reports::GeneratedReport;
use super::{lock, Shared};
use crate::error::{CommandError, CommandResult};

/// What closing a séance produced: the séance as closed and its relevé.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ClosedSitting {
    /// The séance, closed.
    pub sitting: Sitting,
    /// The relevé de décisions written.
    pub releve: GeneratedReport,
}

/// Now, local time, to the second: when an entry happens.
fn now() -> NaiveDateTime {
    let t = chrono::Local::now().naive_local();
    t.with_nanosecond(0).unwrap_or(t)
}

/// Everything the projector shows of a meeting's séance (the proposed agenda until prepared).
#[tauri::command]
pub fn sitting_view(state: State<'_, Shared>, meeting_id: Id) -> CommandResult<SittingView> {
    let st = lock(&state)?;
    let p = Pillar::load(st.store()?)?;
    Ok(
        figures::sitting_view(&p, meeting_id).ok_or(CoreError::Missing {
            entity: "Instance",
            id: meeting_id,
        })?,
    )
}

/// The séance in progress, to offer resuming it after the file was reopened.
#[tauri::command]
pub fn sitting_in_progress(state: State<'_, Shared>) -> CommandResult<Option<SittingResume>> {
    Ok(lock(&state)?.store()?.sitting_in_progress()?)
}

/// Stores the séance with the proposed agenda, not started.
#[tauri::command]
pub fn sitting_prepare(state: State<'_, Shared>, meeting_id: Id) -> CommandResult<Sitting> {
    Ok(lock(&state)?.store_mut()?.prepare_sitting(meeting_id)?)
}

/// Starts (or resumes) the séance now.
#[tauri::command]
pub fn sitting_start(state: State<'_, Shared>, meeting_id: Id) -> CommandResult<Sitting> {
    Ok(lock(&state)?
        .store_mut()?
        .start_sitting(meeting_id, now())?)
}

/// Who chairs the séance.
#[tauri::command]
pub fn sitting_chair(state: State<'_, Shared>, meeting_id: Id, chair: String) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .set_sitting_chair(meeting_id, &chair)?)
}

/// The year whose requests the programmation examines.
#[tauri::command]
pub fn sitting_programmation_year(
    state: State<'_, Shared>,
    meeting_id: Id,
    year: i32,
) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .set_programmation_year(meeting_id, year)?)
}

/// Adds an agenda item after `after` (at the end when left out); returns its id.
#[tauri::command]
pub fn agenda_add(
    state: State<'_, Shared>,
    meeting_id: Id,
    kind: AgendaItemKind,
    title: String,
    after: Option<Id>,
) -> CommandResult<Id> {
    Ok(lock(&state)?
        .store_mut()?
        .add_agenda_item(meeting_id, kind, &title, after)?)
}

/// Removes an agenda item.
#[tauri::command]
pub fn agenda_remove(state: State<'_, Shared>, meeting_id: Id, item_id: Id) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .remove_agenda_item(meeting_id, item_id)?)
}

/// Puts the agenda in this order (every item once).
#[tauri::command]
pub fn agenda_reorder(
    state: State<'_, Shared>,
    meeting_id: Id,
    item_ids: Vec<Id>,
) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .reorder_agenda(meeting_id, &item_ids)?)
}

/// Renames an agenda item.
#[tauri::command]
pub fn agenda_rename(
    state: State<'_, Shared>,
    meeting_id: Id,
    item_id: Id,
    title: String,
) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .rename_agenda_item(meeting_id, item_id, &title)?)
}

/// The notes of an agenda item, saved as typed.
#[tauri::command]
pub fn agenda_notes(
    state: State<'_, Shared>,
    meeting_id: Id,
    item_id: Id,
    notes: String,
) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .set_item_notes(meeting_id, item_id, &notes)?)
}

/// The item being dealt with (next / previous on the projector).
#[tauri::command]
pub fn agenda_current(
    state: State<'_, Shared>,
    meeting_id: Id,
    item_id: Option<Id>,
) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .set_current_item(meeting_id, item_id)?)
}

/// A structure present (with its headcount, 1 when left out), excused or absent.
#[tauri::command]
pub fn attendance_set(
    state: State<'_, Shared>,
    meeting_id: Id,
    actor_id: Id,
    attendance: Attendance,
    headcount: Option<i64>,
) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .set_attendance(meeting_id, actor_id, attendance, headcount)?)
}

/// The follow-up given to an earlier decision.
#[tauri::command]
pub fn follow_up_set(
    state: State<'_, Shared>,
    meeting_id: Id,
    value: FollowUp,
) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .set_follow_up(meeting_id, &value)?)
}

/// Withdraws the follow-up given to a decision.
#[tauri::command]
pub fn follow_up_clear(
    state: State<'_, Shared>,
    meeting_id: Id,
    decision_id: Id,
) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .clear_follow_up(meeting_id, decision_id)?)
}

/// A decision taken in the séance (id 0: a new one).
#[tauri::command]
pub fn sitting_decide(
    state: State<'_, Shared>,
    meeting_id: Id,
    value: Decision,
) -> CommandResult<Saved> {
    Ok(lock(&state)?
        .store_mut()?
        .take_decision(meeting_id, &value)?)
}

/// The committee's avis on a funding line of the programmation; the result's id is the
/// decision recording it.
#[tauri::command]
pub fn avis_set(
    state: State<'_, Shared>,
    meeting_id: Id,
    funding_id: Id,
    avis: Avis,
    granted_cents: Option<i64>,
    comment: String,
) -> CommandResult<Saved> {
    Ok(lock(&state)?.store_mut()?.set_avis(
        meeting_id,
        funding_id,
        avis,
        granted_cents,
        &comment,
    )?)
}

/// Withdraws the avis on a funding line.
#[tauri::command]
pub fn avis_clear(state: State<'_, Shared>, meeting_id: Id, funding_id: Id) -> CommandResult<()> {
    Ok(lock(&state)?
        .store_mut()?
        .clear_avis(meeting_id, funding_id)?)
}

/// Closes the séance now and writes its relevé de décisions to `path` (off the UI thread),
/// recorded in the issued documents. If the PDF cannot be written, the séance stays closed and
/// `releve_generate` writes it again.
#[tauri::command]
pub async fn sitting_close(
    app: AppHandle,
    meeting_id: Id,
    path: String,
) -> CommandResult<ClosedSitting> {
    tauri::async_runtime::spawn_blocking(move || {
        let sitting = {
            let state = app.state::<Shared>();
            let mut st = lock(&state)?;
            st.store_mut()?.close_sitting(meeting_id, now())?
        };
        let releve = write_releve(&app, meeting_id, PathBuf::from(path))?;
        Ok(ClosedSitting { sitting, releve })
    })
    .await
    .map_err(|_| CommandError::internal())?
}

/// Writes (again) the relevé de décisions of a closed séance to `path`.
#[tauri::command]
pub async fn releve_generate(
    app: AppHandle,
    meeting_id: Id,
    path: String,
) -> CommandResult<GeneratedReport> {
    tauri::async_runtime::spawn_blocking(move || {
        write_releve(&app, meeting_id, PathBuf::from(path))
    })
    .await
    .map_err(|_| CommandError::internal())?
}

/// Builds the relevé (under the lock), renders and writes it (off the lock), records it.
fn write_releve(app: &AppHandle, meeting_id: Id, path: PathBuf) -> CommandResult<GeneratedReport> {
    let started = Instant::now();
    let state = app.state::<Shared>();
    let (_, doc) = {
        let st = lock(&state)?;
        issue::prepare_releve(st.store()?, meeting_id)?
    };
    let rendered = copil_pdf::write_report(&doc, &path).map_err(CoreError::from)?;
    let recorded = {
        let mut st = lock(&state)?;
        let store = st.store_mut()?;
        if !store.is_read_only() {
            issue::record_releve(store, meeting_id, now(), &rendered.bytes)?;
        }
        !store.is_read_only()
    };
    Ok(GeneratedReport {
        not_recorded: (!recorded).then(|| issue::NOT_RECORDED.to_owned()),
        path: path.display().to_string(),
        pages: rendered.pages as u32,
        bytes: rendered.bytes.len() as u64,
        millis: started.elapsed().as_millis() as u64,
    })
}
