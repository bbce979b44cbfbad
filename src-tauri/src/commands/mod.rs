//! Tauri commands: thin translations between IPC and copil-core, one file per area.

#[macro_use]
mod list;

pub mod about;
pub mod bilans;
pub mod contract;
pub mod entities;
pub mod exchange;
pub mod field;
pub mod figures;
pub mod files;
pub mod ipc;
pub mod reports;
pub mod sittings;

use std::sync::{Mutex, MutexGuard};

use tauri::{AppHandle, Manager};

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;

/// The managed state.
pub type Shared = Mutex<AppState>;

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
