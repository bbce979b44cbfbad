//! Spreadsheet exchange with the porteurs: import (with dry run), export, template, QPV list.

use std::path::Path;

use chrono::Local;
use copil_core::domain::Id;
use copil_core::exchange::{self, ImportReport};
use copil_core::feed::{feed_from_places, PlacesFeed};
use tauri::State;

use super::{lock, Shared};
use crate::error::CommandResult;

/// Imports a workbook (XLSX, ODS) or CSV; `dry_run` only previews.
#[tauri::command]
pub fn exchange_import(
    state: State<'_, Shared>,
    path: String,
    dry_run: bool,
) -> CommandResult<ImportReport> {
    let mut st = lock(&state)?;
    Ok(exchange::import_file(
        st.store_mut()?,
        Path::new(&path),
        dry_run,
    )?)
}

/// Exports the whole contract as an XLSX workbook.
#[tauri::command]
pub fn exchange_export(state: State<'_, Shared>, path: String) -> CommandResult<()> {
    let st = lock(&state)?;
    Ok(exchange::export_xlsx(st.store()?, Path::new(&path))?)
}

/// Exports one CSV per sheet into `dir`; returns the files written.
#[tauri::command]
pub fn exchange_export_csv(state: State<'_, Shared>, dir: String) -> CommandResult<Vec<String>> {
    let st = lock(&state)?;
    Ok(exchange::export_csv(st.store()?, Path::new(&dir))?
        .into_iter()
        .map(|p| p.display().to_string())
        .collect())
}

/// Writes the workbook template for the porteurs (optionally for one actor).
#[tauri::command]
pub fn exchange_template(
    state: State<'_, Shared>,
    path: String,
    actor: Option<String>,
) -> CommandResult<()> {
    let st = lock(&state)?;
    Ok(exchange::write_template(
        st.store()?,
        Path::new(&path),
        actor.as_deref(),
    )?)
}

/// Imports the QPVs of the official list for `communes` (the contract's by default), reported
/// as a workbook import is, so the UI shows both the same way.
#[tauri::command]
pub fn exchange_import_qpv(
    state: State<'_, Shared>,
    path: String,
    communes: Vec<String>,
    dry_run: bool,
) -> CommandResult<ImportReport> {
    let mut st = lock(&state)?;
    let (plan, problems) =
        exchange::import_qpv_list(st.store_mut()?, Path::new(&path), &communes, dry_run)?;
    Ok(ImportReport {
        applied: !dry_run && problems.is_empty(),
        sheets: vec![plan],
        problems,
        ..ImportReport::default()
    })
}

/// Imports a file of lieux de médiation numérique (LaMednum, data·inclusion); `dry_run` only previews.
#[tauri::command]
pub fn exchange_import_places(
    state: State<'_, Shared>,
    path: String,
    dry_run: bool,
) -> CommandResult<ImportReport> {
    let mut st = lock(&state)?;
    Ok(exchange::import_places(st.store_mut()?, Path::new(&path), dry_run)?.as_import_report())
}

/// Imports the QPVs' outlines (official GeoJSON); `dry_run` only previews.
#[tauri::command]
pub fn exchange_import_qpv_geo(
    state: State<'_, Shared>,
    path: String,
    dry_run: bool,
) -> CommandResult<ImportReport> {
    let mut st = lock(&state)?;
    Ok(exchange::import_qpv_geo(st.store_mut()?, Path::new(&path), dry_run)?.as_import_report())
}

/// Gives a « nombre » indicator its values for a year from the lieux in or near each QPV (at
/// the Lieux screen's distance); `dry_run` only previews.
#[tauri::command]
pub fn places_feed(
    state: State<'_, Shared>,
    indicator_id: Id,
    year: i32,
    near_metres: f64,
    dry_run: bool,
) -> CommandResult<PlacesFeed> {
    let mut st = lock(&state)?;
    Ok(feed_from_places(
        st.store_mut()?,
        indicator_id,
        year,
        near_metres,
        Local::now().date_naive(),
        dry_run,
    )?)
}
