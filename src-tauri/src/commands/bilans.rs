//! The porteurs' bilans: the collection round of a year, where each bilan stands, the porteurs'
//! workbooks written and read back, the reminders, one action's bilan, the values behind a figure.

use std::path::PathBuf;

use chrono::{Local, NaiveDate};
use copil_core::domain::{Action, CollectionRound, Id, Measurement};
use copil_core::exchange::{self, BatchImport, CollectRequest, Collection, ImportOptions};
use copil_core::figures::{self, Pillar, Reminder, RoundStatus, ValueDetail};
use copil_core::store::{BilanReplaced, Saved};
use tauri::State;

use super::{lock, Shared};
use crate::error::CommandResult;
use crate::state::AppState;

fn today() -> NaiveDate {
    Local::now().date_naive()
}

fn pillar(st: &AppState) -> CommandResult<Pillar> {
    Ok(Pillar::load(st.store()?)?)
}

/// The collection round of a year, if one was opened.
#[tauri::command]
pub fn bilan_round_get(
    state: State<'_, Shared>,
    year: i32,
) -> CommandResult<Option<CollectionRound>> {
    Ok(lock(&state)?.store()?.collection_round(year)?)
}

/// Opens or updates a year's round (due date, comment, bilans marked received).
#[tauri::command]
pub fn bilan_round_save(state: State<'_, Shared>, value: CollectionRound) -> CommandResult<Saved> {
    Ok(lock(&state)?.store_mut()?.save_collection_round(&value)?)
}

/// Deletes a round (the values received stay).
#[tauri::command]
pub fn bilan_round_delete(state: State<'_, Shared>, id: Id) -> CommandResult<()> {
    Ok(lock(&state)?.store_mut()?.delete_collection_round(id)?)
}

/// Each bilan of a year's round judged today, and the reporting rate (None: no round).
#[tauri::command]
pub fn bilan_round_status(
    state: State<'_, Shared>,
    year: i32,
) -> CommandResult<Option<RoundStatus>> {
    let st = lock(&state)?;
    Ok(figures::round_status(&pillar(&st)?, year, today()))
}

/// Marks an action's bilan received on a day (received on paper), or takes the mark back.
#[tauri::command]
pub fn bilan_mark_received(
    state: State<'_, Shared>,
    year: i32,
    action_id: Id,
    received_on: Option<NaiveDate>,
) -> CommandResult<Saved> {
    Ok(lock(&state)?
        .store_mut()?
        .set_bilan_received(year, action_id, received_on)?)
}

/// One action's bilan of a year as recorded (the grid where values received on paper are typed).
#[tauri::command]
pub fn bilan_values(
    state: State<'_, Shared>,
    action_id: Id,
    year: i32,
) -> CommandResult<Vec<Measurement>> {
    Ok(lock(&state)?.store()?.bilan_values(action_id, year)?)
}

/// Replaces one action's bilan of a year by the values typed in its grid (one transaction).
#[tauri::command]
pub fn bilan_replace(
    state: State<'_, Shared>,
    action_id: Id,
    year: i32,
    values: Vec<Measurement>,
) -> CommandResult<BilanReplaced> {
    Ok(lock(&state)?
        .store_mut()?
        .replace_bilan(action_id, year, &values)?)
}

/// Writes one workbook per porteur of the year's open round into a chosen folder.
#[tauri::command]
pub fn bilan_collect(
    state: State<'_, Shared>,
    year: i32,
    dir: String,
    overwrite: bool,
) -> CommandResult<Collection> {
    let request = CollectRequest {
        year,
        due_date: None,
        dir: PathBuf::from(dir),
        overwrite,
    };
    Ok(exchange::collect(lock(&state)?.store_mut()?, &request)?)
}

/// Imports the porteurs' returned workbooks, each all or nothing; `dry_run` only previews.
#[tauri::command]
pub fn bilan_import(
    state: State<'_, Shared>,
    paths: Vec<String>,
    dry_run: bool,
) -> CommandResult<BatchImport> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let options = ImportOptions {
        dry_run,
        received_on: today(),
    };
    Ok(exchange::import_files(
        lock(&state)?.store_mut()?,
        &paths,
        options,
    )?)
}

/// A French reminder per porteur whose bilans of the year are late, to copy (nothing is sent).
#[tauri::command]
pub fn bilan_reminders(state: State<'_, Shared>, year: i32) -> CommandResult<Vec<Reminder>> {
    let st = lock(&state)?;
    Ok(figures::bilan_reminders(&pillar(&st)?, year, today()))
}

/// The indicators an action reports on by default: those of its objectives (not the scores).
#[tauri::command]
pub fn reported_indicators_proposed(
    state: State<'_, Shared>,
    action: Action,
) -> CommandResult<Vec<Id>> {
    let st = lock(&state)?;
    Ok(figures::proposed_reported_indicators(
        &pillar(&st)?,
        &action,
    ))
}

/// What lies behind one value of an indicator (year, territory or QPV): each action's
/// contribution, and the expected actions that have not reported it.
#[tauri::command]
pub fn value_detail(
    state: State<'_, Shared>,
    indicator_id: Id,
    year: i32,
    district_id: Option<Id>,
) -> CommandResult<Option<ValueDetail>> {
    let st = lock(&state)?;
    Ok(figures::value_detail(
        &pillar(&st)?,
        indicator_id,
        year,
        district_id,
    ))
}
