//! Application state: the open contract file and the list of recent files.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use copil_core::{CoreError, Store};

use crate::error::{CommandError, CommandResult, ErrorCode};

/// How many recent files are remembered.
pub const MAX_RECENTS: usize = 8;

/// File (in the config folder) where recent files are remembered.
const RECENTS_FILE: &str = "recent.json";

/// One entry of the "Récents" list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RecentFile {
    /// Absolute path of the contract file.
    pub path: String,
    /// File name shown to the user.
    pub name: String,
}

impl RecentFile {
    /// Builds an entry for `path`.
    pub fn from_path(path: &Path) -> Self {
        Self {
            path: path.display().to_string(),
            name: file_name(path),
        }
    }
}

/// What the UI needs to know about the session at any time.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct SessionInfo {
    /// Path of the open contract file, if any.
    pub file: Option<String>,
    /// Its file name, if any.
    pub file_name: Option<String>,
    /// Name of the open contract, if any.
    pub contract_name: Option<String>,
    /// Whether the open file is read-only (no edit possible).
    pub read_only: bool,
    /// Why it is read-only (locked by someone else, read-only file), in French.
    pub read_only_reason: Option<String>,
    /// Recent files, most recent first.
    pub recents: Vec<RecentFile>,
    /// An error met while opening the file given on the command line, shown once.
    pub startup_error: Option<CommandError>,
    /// What the core told when the file was opened (a WAL journal folded in), shown once.
    pub notices: Vec<String>,
}

/// Mutable state behind the app's `Mutex`.
pub struct AppState {
    /// The open contract (one SQLite connection).
    pub store: Option<Store>,
    /// Its path.
    pub file: Option<PathBuf>,
    /// Name of the open contract.
    pub contract_name: Option<String>,
    /// Why the open file is read-only, when it was asked for writing.
    pub read_only_reason: Option<String>,
    /// Recent files, most recent first.
    pub recents: Vec<RecentFile>,
    /// Where the recent list is kept; `None` disables persistence.
    pub config_dir: Option<PathBuf>,
    /// Error from opening the command-line file, until the UI has read it.
    pub startup_error: Option<CommandError>,
    /// The open store's notices, until the UI has read them.
    pub notices: Vec<String>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("file", &self.file)
            .field("recents", &self.recents)
            .finish()
    }
}

impl AppState {
    /// Creates the state, loading the recent list from `config_dir`.
    pub fn new(config_dir: Option<PathBuf>) -> Self {
        let recents = config_dir.as_deref().map(load_recents).unwrap_or_default();
        Self {
            store: None,
            file: None,
            contract_name: None,
            read_only_reason: None,
            recents,
            config_dir,
            startup_error: None,
            notices: Vec::new(),
        }
    }

    /// Snapshot for the UI; hands over the startup error once.
    pub fn session(&mut self) -> SessionInfo {
        SessionInfo {
            file: self.file.as_ref().map(|p| p.display().to_string()),
            file_name: self.file.as_deref().map(file_name),
            contract_name: self.contract_name.clone(),
            read_only: self.store.as_ref().is_some_and(Store::is_read_only),
            read_only_reason: self.read_only_reason.clone(),
            recents: self.recents.clone(),
            startup_error: self.startup_error.take(),
            notices: std::mem::take(&mut self.notices),
        }
    }

    /// The open store, or a French error.
    pub fn store(&self) -> CommandResult<&Store> {
        self.store.as_ref().ok_or_else(CommandError::no_contract)
    }

    /// The open store for writing, or a French error.
    pub fn store_mut(&mut self) -> CommandResult<&mut Store> {
        self.store.as_mut().ok_or_else(CommandError::no_contract)
    }

    /// Opens the contract at `path`; a locked or read-only file opens read-only with a reason.
    pub fn open(&mut self, path: &Path, read_only: bool) -> CommandResult<()> {
        let path = check_file(path)?;
        self.close();
        let (store, reason) = if read_only {
            (
                Store::open_read_only(&path)?,
                Some("Ouvert en lecture seule à votre demande.".to_owned()),
            )
        } else {
            match Store::open(&path) {
                Ok(store) if store.is_read_only() => (
                    store,
                    Some(
                        "Le fichier est protégé en écriture : il est ouvert en consultation."
                            .to_owned(),
                    ),
                ),
                Ok(store) => (store, None),
                Err(CoreError::Locked { holder, .. }) => (
                    Store::open_read_only(&path)?,
                    Some(format!(
                        "Ce fichier est déjà ouvert par {holder} : il est ouvert ici en consultation, sans modification possible."
                    )),
                ),
                Err(e) => return Err(e.into()),
            }
        };
        self.adopt(store, reason);
        Ok(())
    }

    /// Makes `store` the open contract and remembers it under the name the user opened (a
    /// link keeps its name; the core works on the real file behind it).
    pub fn adopt(&mut self, store: Store, reason: Option<String>) {
        let path = store.opened_as().to_path_buf();
        self.notices = store
            .notices()
            .iter()
            .filter(|n| n.as_str() != copil_core::store::READ_ONLY_NOTICE)
            .cloned()
            .collect();
        let path = std::path::absolute(&path).unwrap_or(path);
        self.contract_name = store.contract().ok().map(|c| c.name);
        self.store = Some(store);
        self.read_only_reason = reason;
        self.file = Some(path.clone());
        self.remember(&path);
    }

    /// Re-reads the contract name (after the contract was edited).
    pub fn refresh_name(&mut self) {
        self.contract_name = self
            .store
            .as_ref()
            .and_then(|s| s.contract().ok())
            .map(|c| c.name);
    }

    /// Closes the open contract, if any (releases the lock).
    pub fn close(&mut self) {
        self.store = None;
        self.file = None;
        self.contract_name = None;
        self.read_only_reason = None;
    }

    /// Puts `path` at the top of the recent list and saves the list.
    pub fn remember(&mut self, path: &Path) {
        let entry = RecentFile::from_path(path);
        self.recents.retain(|r| r.path != entry.path);
        self.recents.insert(0, entry);
        self.recents.truncate(MAX_RECENTS);
        self.save_recents();
    }

    /// Removes `path` from the recent list and saves the list.
    pub fn forget(&mut self, path: &str) {
        self.recents.retain(|r| r.path != path);
        self.save_recents();
    }

    /// Best-effort save of the recent list: losing it is not worth an error dialog.
    fn save_recents(&self) {
        let Some(dir) = &self.config_dir else { return };
        if std::fs::create_dir_all(dir).is_err() {
            return;
        }
        if let Ok(json) = serde_json::to_vec_pretty(&self.recents) {
            let tmp = dir.join(format!("{RECENTS_FILE}.tmp"));
            if std::fs::write(&tmp, json).is_ok() {
                let _ = std::fs::rename(&tmp, dir.join(RECENTS_FILE));
            }
        }
    }
}

/// Loads the recent list; a missing or damaged file gives an empty list.
fn load_recents(dir: &Path) -> Vec<RecentFile> {
    std::fs::read(dir.join(RECENTS_FILE))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Vec<RecentFile>>(&bytes).ok())
        .map(|mut list| {
            list.truncate(MAX_RECENTS);
            list
        })
        .unwrap_or_default()
}

/// Returns the absolute path of an existing regular file, or a French error.
pub fn check_file(path: &Path) -> CommandResult<PathBuf> {
    let meta = std::fs::metadata(path).map_err(|_| CoreError::NotFound(path.to_path_buf()))?;
    if !meta.is_file() {
        return Err(CommandError::new(
            ErrorCode::InvalidPath,
            format!("« {} » n'est pas un fichier de contrat.", path.display()),
        ));
    }
    Ok(std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The last component of `path`, for display.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recents_are_deduplicated_capped_and_persisted() {
        let dir = tempfile::tempdir().unwrap();
        let mut state = AppState::new(Some(dir.path().to_path_buf()));
        for i in 0..10 {
            let f = dir.path().join(format!("c{i}.copil"));
            std::fs::write(&f, b"x").unwrap();
            state.remember(&f);
        }
        let again = dir.path().join("c3.copil");
        state.remember(&again);
        assert_eq!(state.recents.len(), MAX_RECENTS);
        assert_eq!(state.recents[0].name, "c3.copil");
        assert_eq!(
            state
                .recents
                .iter()
                .filter(|r| r.name == "c3.copil")
                .count(),
            1
        );
        let reloaded = AppState::new(Some(dir.path().to_path_buf()));
        assert_eq!(reloaded.recents, state.recents);
    }

    #[test]
    fn missing_file_gives_french_error() {
        let mut state = AppState::new(None);
        let err = state
            .open(Path::new("/nonexistent/x.copil"), false)
            .unwrap_err();
        assert_eq!(err.code, ErrorCode::FileNotFound);
        assert!(err.message.contains("introuvable"));
        assert!(state.file.is_none());
    }

    #[test]
    fn folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let err = check_file(dir.path()).unwrap_err();
        assert_eq!(err.code, ErrorCode::InvalidPath);
    }

    #[test]
    fn session_hands_startup_error_once() {
        let mut state = AppState::new(None);
        state.startup_error = Some(CommandError::internal());
        assert!(state.session().startup_error.is_some());
        assert!(state.session().startup_error.is_none());
    }

    #[test]
    fn a_locked_file_opens_read_only_with_a_french_reason() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("c.copil");
        let _holder = copil_core::demo::create_demo(&file).unwrap();
        let mut state = AppState::new(None);
        state.open(&file, false).unwrap();
        let s = state.session();
        assert!(s.read_only);
        assert!(s.read_only_reason.unwrap().contains("déjà ouvert par"));
        assert_eq!(
            s.contract_name.as_deref(),
            Some("Contrat de ville de Lens-Liévin 2024–2030")
        );
        assert_eq!(
            crate::commands::window_title(&state),
            "Contrat de ville de Lens-Liévin 2024–2030 — c.copil (lecture seule)"
        );
        state.close();
        assert_eq!(crate::commands::window_title(&state), "Copil");
    }
}
