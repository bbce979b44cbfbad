//! Tauri commands: thin translations between IPC and the state (phase 2: copil-core).

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use tauri::{AppHandle, Manager, State};
use ts_rs::TS;

use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::state::{AppState, SessionInfo};

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

/// Updates the window title and the native menu after the session changed.
pub fn refresh_shell(app: &AppHandle, state: &AppState) {
    let title = match &state.file {
        Some(path) => format!("Copil — {}", crate::state::file_name(path)),
        None => "Copil".to_owned(),
    };
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.set_title(&title);
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

/// The current session: open file, recent files, startup error.
#[tauri::command]
pub fn session(state: State<'_, Mutex<AppState>>) -> CommandResult<SessionInfo> {
    Ok(lock(&state)?.session())
}

/// Opens the contract file at `path`.
#[tauri::command]
pub fn open_contract(
    app: AppHandle,
    state: State<'_, Mutex<AppState>>,
    path: String,
) -> CommandResult<SessionInfo> {
    let mut st = lock(&state)?;
    st.open(Path::new(&path))?;
    refresh_shell(&app, &st);
    Ok(st.session())
}

/// Closes the open contract.
#[tauri::command]
pub fn close_contract(
    app: AppHandle,
    state: State<'_, Mutex<AppState>>,
) -> CommandResult<SessionInfo> {
    let mut st = lock(&state)?;
    st.close();
    refresh_shell(&app, &st);
    Ok(st.session())
}

/// Writes a copy of the open contract to `dest`.
#[tauri::command]
pub fn save_copy(state: State<'_, Mutex<AppState>>, dest: String) -> CommandResult<()> {
    let st = lock(&state)?;
    let Some(src) = &st.file else {
        return Err(CommandError::new(
            ErrorCode::NoContract,
            "Aucun contrat n'est ouvert.",
        ));
    };
    // Phase 2: copil-core's SQLite backup API (consistent even mid-write).
    std::fs::copy(src, &dest).map(|_| ()).map_err(|e| {
        CommandError::new(
            ErrorCode::Io,
            format!("Impossible d'écrire la copie « {dest} » : {e}."),
        )
    })
}

/// Removes a file from the recent list (e.g. it no longer exists).
#[tauri::command]
pub fn forget_recent(
    app: AppHandle,
    state: State<'_, Mutex<AppState>>,
    path: String,
) -> CommandResult<SessionInfo> {
    let mut st = lock(&state)?;
    st.forget(&path);
    refresh_shell(&app, &st);
    Ok(st.session())
}

/// Opens the demo contract (phase 2: copil-core writes it to a temporary file).
#[tauri::command]
pub fn open_demo() -> CommandResult<SessionInfo> {
    Err(CommandError::not_available("Le contrat de démonstration"))
}

/// Creates a new contract file at `path` (phase 2: copil-core, from the wizard's draft).
#[tauri::command]
pub fn create_contract(path: String) -> CommandResult<SessionInfo> {
    let _ = path;
    Err(CommandError::not_available("La création d'un contrat"))
}
