//! Tauri commands: thin translations between IPC and copil-core, one file per area.

pub mod contract;
pub mod entities;
pub mod exchange;
pub mod figures;
pub mod files;
pub mod reports;

use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use tauri::{AppHandle, Manager};
use ts_rs::TS;

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The managed state.
pub type Shared = Mutex<AppState>;

/// Static facts about the running app, shown in "À propos de Copil".
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppInfo {
    /// Product name.
    pub name: String,
    /// Version of the app (Cargo package version).
    pub version: String,
    /// Always true: Copil makes no network request.
    pub offline: bool,
}

/// Locks the shared state, mapping a poisoned lock to a French error.
pub fn lock(state: &Mutex<AppState>) -> CommandResult<MutexGuard<'_, AppState>> {
    state.lock().map_err(|_| CommandError::internal())
}

/// The window title: « <contract> — <file> », with « (lecture seule) » when read-only.
pub fn window_title(state: &AppState) -> String {
    match &state.file {
        Some(path) => {
            let file = crate::state::file_name(path);
            let name = state
                .contract_name
                .clone()
                .unwrap_or_else(|| "Copil".into());
            let ro = if state.store.as_ref().is_some_and(|s| s.is_read_only()) {
                " (lecture seule)"
            } else {
                ""
            };
            format!("{name} — {file}{ro}")
        }
        None => "Copil".to_owned(),
    }
}

/// Updates the window title and the native menu after the session changed.
pub fn refresh_shell(app: &AppHandle, state: &AppState) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&window_title(state));
    }
    if let Ok(menu) = crate::menu::build(app, &state.recents) {
        let _ = app.set_menu(menu);
    }
}

/// Name, version and the offline promise.
#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo {
        name: "Copil".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        offline: true,
    }
}
