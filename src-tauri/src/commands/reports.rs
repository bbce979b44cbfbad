//! The COPIL report: generate the PDF off the UI thread, list issued reports.

use std::path::PathBuf;
use std::time::Instant;

use copil_core::report::{issue, ReportOptions};
use copil_core::store::IssuedReport;
use copil_core::CoreError;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;

use super::{lock, Shared};
use crate::error::{CommandError, CommandResult};

/// Test hooks for the end-to-end tests (see docs/testing.md), which cannot drive the native save dialog:
/// `COPIL_E2E_REPORT_PATH` (the report PDF), `COPIL_E2E_CONTRACT_PATH` (the wizard's new file),
/// `COPIL_E2E_RELEVE_PATH` (the relevé de décisions written when a séance closes),
/// `COPIL_E2E_BILANS_DIR` (the folder of the porteurs' workbooks), `COPIL_E2E_BILANS_IMPORT`
/// (a returned workbook to import), `COPIL_E2E_COOP_IMPORT` (an export of La Coop to import),
/// `COPIL_E2E_IFN_CITY` and `COPIL_E2E_IFN_EPCI` (La MedNum's commune and EPCI files). When set, the UI uses that path instead of opening the
/// dialog. Unset in normal use.
pub const E2E_PATH_ENVS: [(&str, &str); 8] = [
    ("report", "COPIL_E2E_REPORT_PATH"),
    ("contract", "COPIL_E2E_CONTRACT_PATH"),
    ("releve", "COPIL_E2E_RELEVE_PATH"),
    ("bilans-dir", "COPIL_E2E_BILANS_DIR"),
    ("bilans-import", "COPIL_E2E_BILANS_IMPORT"),
    ("coop-import", "COPIL_E2E_COOP_IMPORT"),
    ("ifn-city", "COPIL_E2E_IFN_CITY"),
    ("ifn-epci", "COPIL_E2E_IFN_EPCI"),
];

/// What a generated report produced.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct GeneratedReport {
    /// Where the PDF was written.
    pub path: String,
    /// Number of pages.
    pub pages: u32,
    /// Size in bytes.
    pub bytes: u64,
    /// Time taken, milliseconds.
    pub millis: u64,
    /// Why the report is not in the list of issued reports (a read-only contract), if it is not.
    pub not_recorded: Option<String>,
}

/// The test hook's path for `kind` (see [`E2E_PATH_ENVS`]), if set; `None` in normal use.
#[tauri::command]
pub fn e2e_save_path(kind: String) -> Option<String> {
    let (_, var) = E2E_PATH_ENVS.iter().find(|(k, _)| *k == kind)?;
    std::env::var(var).ok().filter(|s| !s.is_empty())
}

/// Builds the report model (under the lock), renders and writes the PDF (off the lock and off
/// the UI thread), then records it as issued.
#[tauri::command]
pub async fn report_generate(
    app: AppHandle,
    options: ReportOptions,
    path: String,
) -> CommandResult<GeneratedReport> {
    tauri::async_runtime::spawn_blocking(move || generate(&app, options, PathBuf::from(path)))
        .await
        .map_err(|_| CommandError::internal())?
}

fn generate(
    app: &AppHandle,
    options: ReportOptions,
    path: PathBuf,
) -> CommandResult<GeneratedReport> {
    let started = Instant::now();
    let state = app.state::<Shared>();
    let (pillar, doc) = {
        let st = lock(&state)?;
        issue::prepare(st.store()?, &options)?
    };
    let rendered = copil_pdf::write_report(&doc, &path).map_err(CoreError::from)?;
    let recorded = {
        let mut st = lock(&state)?;
        issue::record_issued(st.store_mut()?, &pillar, &options, &rendered.bytes)?
    };
    Ok(GeneratedReport {
        not_recorded: recorded.is_none().then(|| issue::NOT_RECORDED.to_owned()),
        path: path.display().to_string(),
        pages: rendered.pages as u32,
        bytes: rendered.bytes.len() as u64,
        millis: started.elapsed().as_millis() as u64,
    })
}

/// Reports issued for the open contract, most recent first.
#[tauri::command]
pub fn report_list(state: State<'_, Shared>) -> CommandResult<Vec<IssuedReport>> {
    Ok(lock(&state)?.store()?.issued_reports()?)
}
