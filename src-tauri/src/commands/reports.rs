//! The COPIL report: generate the PDF off the UI thread, list issued reports.

use std::path::{Path, PathBuf};
use std::time::Instant;

use copil_core::report::{issue, ReportOptions};
use copil_core::store::IssuedReport;
use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;

use super::{lock, Shared};
use crate::error::{CommandError, CommandResult, ErrorCode};

/// Test hooks for the end-to-end tests (see docs/testing.md), which cannot drive the native save dialog:
/// `COPIL_E2E_REPORT_PATH` (the report PDF) and `COPIL_E2E_CONTRACT_PATH` (the wizard's new file).
/// When set, the UI uses that path instead of opening the dialog. Unset in normal use.
pub const E2E_PATH_ENVS: [(&str, &str); 2] = [
    ("report", "COPIL_E2E_REPORT_PATH"),
    ("contract", "COPIL_E2E_CONTRACT_PATH"),
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
}

/// The test hook's path for `kind` (`report`, `contract`), if set; `None` in normal use.
#[tauri::command]
pub fn e2e_save_path(kind: String) -> Option<String> {
    let (_, var) = E2E_PATH_ENVS.iter().find(|(k, _)| *k == kind)?;
    std::env::var(var).ok().filter(|s| !s.is_empty())
}

fn io_error(path: &Path, e: impl std::fmt::Display) -> CommandError {
    CommandError::new(
        ErrorCode::Io,
        format!("Impossible d'écrire « {} » : {e}.", path.display()),
    )
}

/// Counts the pages of a PDF we wrote (`/Type/Page` objects, with or without a space).
fn count_pages(pdf: &[u8]) -> u32 {
    let mut n = 0;
    for needle in [&b"/Type/Page"[..], &b"/Type /Page"[..]] {
        let mut i = 0;
        while i + needle.len() <= pdf.len() {
            if &pdf[i..i + needle.len()] == needle
                && pdf.get(i + needle.len()).is_none_or(|c| *c != b's')
            {
                n += 1;
            }
            i += 1;
        }
    }
    n
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
    let bytes = copil_pdf::render(&doc).map_err(|e| {
        CommandError::new(
            ErrorCode::Pdf,
            format!("Le PDF n'a pas pu être produit : {e}."),
        )
    })?;
    let tmp = path.with_extension("pdf.tmp");
    std::fs::write(&tmp, &bytes).map_err(|e| io_error(&path, e))?;
    std::fs::rename(&tmp, &path).map_err(|e| io_error(&path, e))?;
    {
        let mut st = lock(&state)?;
        let store = st.store_mut()?;
        if !store.is_read_only() {
            issue::record_issued(store, &pillar, &options, &bytes)?;
        }
    }
    Ok(GeneratedReport {
        path: path.display().to_string(),
        pages: count_pages(&bytes),
        bytes: bytes.len() as u64,
        millis: started.elapsed().as_millis() as u64,
    })
}

/// Reports issued for the open contract, most recent first.
#[tauri::command]
pub fn report_list(state: State<'_, Shared>) -> CommandResult<Vec<IssuedReport>> {
    Ok(lock(&state)?.store()?.issued_reports()?)
}

#[cfg(test)]
mod tests {
    #[test]
    fn pages_are_counted_without_the_pages_tree() {
        let pdf = b"<< /Type /Pages /Kids [] >> << /Type /Page >> << /Type/Page>> <</Type/Pages>>";
        assert_eq!(super::count_pages(pdf), 2);
    }
}
