//! Copil desktop app: a thin Tauri 2 shell. Commands translate between IPC and
//! copil-core; the French UI lives in `ui/` and is served from `ui/dist`.

pub mod commands;
pub mod error;
pub mod menu;
pub mod state;

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Mutex;

use tauri::Manager;

use crate::state::AppState;

/// Environment variable that overrides the folder where Copil keeps its settings (tests use it).
pub const CONFIG_DIR_ENV: &str = "COPIL_CONFIG_DIR";

/// The contract file given on the command line: the first argument that is not an option
/// (WebKitWebDriver, for instance, adds `--automation`).
pub fn file_from_args<I: IntoIterator<Item = OsString>>(args: I) -> Option<PathBuf> {
    args.into_iter()
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(PathBuf::from)
}

/// Starts the application; returns when the last window is closed.
pub fn run() {
    let initial_file = file_from_args(std::env::args_os().skip(1));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let config_dir = std::env::var_os(CONFIG_DIR_ENV)
                .map(PathBuf::from)
                .or_else(|| app.path().app_config_dir().ok());
            let mut state = AppState::new(config_dir);
            if let Some(path) = &initial_file {
                if let Err(e) = state.open(path) {
                    state.startup_error = Some(e);
                }
            }
            commands::refresh_shell(app.handle(), &state);
            app.manage(Mutex::new(state));
            Ok(())
        })
        .on_menu_event(menu::on_event)
        .invoke_handler(tauri::generate_handler![
            commands::app_info,
            commands::session,
            commands::open_contract,
            commands::close_contract,
            commands::save_copy,
            commands::forget_recent,
            commands::open_demo,
            commands::create_contract,
        ])
        .run(tauri::generate_context!())
        .expect("Copil n'a pas pu démarrer");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_argument_skips_options() {
        let args = ["--automation", "/tmp/a.copil", "b"].map(OsString::from);
        assert_eq!(file_from_args(args), Some(PathBuf::from("/tmp/a.copil")));
        assert_eq!(file_from_args(Vec::<OsString>::new()), None);
    }
}
