//! The contract file: session, open, create, demo, close, copy, backups, audit log, system viewer.

use std::path::{Path, PathBuf};

use copil_core::domain::{Contract, District};
use copil_core::store::{AuditEntry, BackupInfo};
use copil_core::Store;
use tauri::{AppHandle, Manager, State};

use super::{lock, refresh_shell, Shared};
use crate::error::{CommandError, CommandResult, ErrorCode};
use crate::state::SessionInfo;

/// Environment variable overriding the folder where the demo contract is written.
pub const DATA_DIR_ENV: &str = "COPIL_DATA_DIR";

/// The current session: open file, recent files, startup error.
#[tauri::command]
pub fn session(state: State<'_, Shared>) -> CommandResult<SessionInfo> {
    Ok(lock(&state)?.session())
}

/// Opens the contract file at `path` (read-only on request, or when locked / protected).
#[tauri::command]
pub fn open_contract(
    app: AppHandle,
    state: State<'_, Shared>,
    path: String,
    read_only: Option<bool>,
) -> CommandResult<SessionInfo> {
    let mut st = lock(&state)?;
    st.open(Path::new(&path), read_only.unwrap_or(false))?;
    refresh_shell(&app, &st);
    Ok(st.session())
}

/// Creates a new contract file at `path` with its QPVs and `themes` (default themes when absent),
/// in one transaction: nothing is left behind if any of them is refused.
#[tauri::command]
pub fn create_contract(
    app: AppHandle,
    state: State<'_, Shared>,
    path: String,
    contract: Contract,
    districts: Vec<District>,
    themes: Option<Vec<String>>,
) -> CommandResult<SessionInfo> {
    let mut st = lock(&state)?;
    let store = Store::create_with(Path::new(&path), &contract, &districts, themes.as_deref())?;
    st.close();
    st.adopt(store, None);
    refresh_shell(&app, &st);
    Ok(st.session())
}

/// Folder for app data (the demo contract).
fn data_dir(app: &AppHandle) -> CommandResult<PathBuf> {
    std::env::var_os(DATA_DIR_ENV)
        .or_else(|| std::env::var_os(crate::CONFIG_DIR_ENV))
        .map(PathBuf::from)
        .or_else(|| app.path().app_data_dir().ok())
        .ok_or_else(CommandError::internal)
}

/// Writes a fresh demo contract into the app data folder and opens it.
#[tauri::command]
pub fn open_demo(app: AppHandle, state: State<'_, Shared>) -> CommandResult<SessionInfo> {
    let dir = data_dir(&app)?;
    std::fs::create_dir_all(&dir).map_err(|e| {
        CommandError::new(
            ErrorCode::Io,
            format!(
                "Impossible de créer le dossier « {} » : {e}.",
                dir.display()
            ),
        )
    })?;
    let mut st = lock(&state)?;
    st.close();
    let mut path = dir.join("demo.copil");
    if path.exists() && std::fs::remove_file(&path).is_err() {
        path = dir.join(format!(
            "demo-{}.copil",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        ));
    }
    // The séances' relevés are recorded with the hash of their PDF, as `copil demo` does.
    let store =
        copil_core::demo::create_demo_with(&path, &|doc| Ok(copil_pdf::render(doc)?.bytes))?;
    st.adopt(store, None);
    refresh_shell(&app, &st);
    Ok(st.session())
}

/// Closes the open contract.
#[tauri::command]
pub fn close_contract(app: AppHandle, state: State<'_, Shared>) -> CommandResult<SessionInfo> {
    let mut st = lock(&state)?;
    st.close();
    refresh_shell(&app, &st);
    Ok(st.session())
}

/// Writes a consistent copy of the open contract to `path` (« Sauvegarder une copie… »).
#[tauri::command]
pub fn save_copy(state: State<'_, Shared>, path: String) -> CommandResult<String> {
    let st = lock(&state)?;
    Ok(st
        .store()?
        .save_copy(Path::new(&path))?
        .display()
        .to_string())
}

/// Removes a file from the recent list (e.g. it no longer exists).
#[tauri::command]
pub fn forget_recent(
    app: AppHandle,
    state: State<'_, Shared>,
    path: String,
) -> CommandResult<SessionInfo> {
    let mut st = lock(&state)?;
    st.forget(&path);
    refresh_shell(&app, &st);
    Ok(st.session())
}

/// Backups of the open contract, most recent first.
#[tauri::command]
pub fn backup_list(state: State<'_, Shared>) -> CommandResult<Vec<BackupInfo>> {
    let st = lock(&state)?;
    Ok(copil_core::store::list_backups(st.store()?.path())?)
}

/// Makes a backup of the open contract now; returns its path.
#[tauri::command]
pub fn backup_now(state: State<'_, Shared>) -> CommandResult<String> {
    let st = lock(&state)?;
    Ok(st.store()?.backup(None, "manuelle")?.display().to_string())
}

/// Restores the backup at `path` over the open contract, then reopens it.
#[tauri::command]
pub fn backup_restore(
    app: AppHandle,
    state: State<'_, Shared>,
    path: String,
) -> CommandResult<SessionInfo> {
    let mut st = lock(&state)?;
    let target = st.store()?.path().to_path_buf();
    let opened_as = st.store()?.opened_as().to_path_buf();
    if st.store()?.is_read_only() {
        return Err(copil_core::CoreError::ReadOnly(opened_as).into());
    }
    st.close();
    let restored = copil_core::store::restore(Path::new(&path), &target);
    let reopened = st.open(&opened_as, false);
    refresh_shell(&app, &st);
    restored?;
    reopened?;
    Ok(st.session())
}

/// The last `limit` lines of the audit log, most recent first.
#[tauri::command]
pub fn audit_log(state: State<'_, Shared>, limit: Option<usize>) -> CommandResult<Vec<AuditEntry>> {
    let st = lock(&state)?;
    Ok(st.store()?.audit_log(limit.unwrap_or(200))?)
}

fn spawn(program: &str, args: &[&std::ffi::OsStr]) -> CommandResult<()> {
    std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| {
            CommandError::new(
                ErrorCode::Io,
                format!("Impossible de lancer la visionneuse du système ({program}) : {e}."),
            )
        })
}

/// Opens `path` with the system's default application.
#[tauri::command]
pub fn open_path(path: String) -> CommandResult<()> {
    let p = crate::state::check_file(Path::new(&path))?;
    let os = p.as_os_str();
    if cfg!(target_os = "macos") {
        spawn("open", &[os])
    } else if cfg!(windows) {
        spawn("explorer", &[os])
    } else {
        spawn("xdg-open", &[os])
    }
}

/// Shows `path` in the system's file manager.
#[tauri::command]
pub fn reveal_path(path: String) -> CommandResult<()> {
    let p = crate::state::check_file(Path::new(&path))?;
    if cfg!(target_os = "macos") {
        spawn("open", &["-R".as_ref(), p.as_os_str()])
    } else if cfg!(windows) {
        let arg = format!("/select,{}", p.display());
        spawn("explorer", &[arg.as_ref()])
    } else {
        let dir = p.parent().unwrap_or(Path::new("/"));
        spawn("xdg-open", &[dir.as_os_str()])
    }
}
