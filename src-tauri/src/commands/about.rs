//! What the « À propos de Copil » dialog shows.

use serde::Serialize;
use ts_rs::TS;

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

/// Name, version and the offline promise.
#[tauri::command]
pub fn app_info() -> AppInfo {
    AppInfo {
        name: "Copil".to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        offline: true,
    }
}
