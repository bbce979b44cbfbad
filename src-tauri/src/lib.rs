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

/// Turns WebKitGTK's accelerated compositing off, unless the user set
/// `WEBKIT_DISABLE_COMPOSITING_MODE` or `COPIL_GPU_COMPOSITING` themselves.
/// Copil's screens are forms, tables and small charts that need no GPU
/// layers; without them the web process starts no GL stack (llvmpipe where
/// there is no GPU): on the large contract under Xvfb its memory went from
/// 262 to 127 MB (BENCHMARKS.md). Runs first in `main`, before any thread.
pub fn prefer_software_compositing() {
    const VAR: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";
    let user_choice = std::env::var_os(VAR).is_some() || std::env::var_os(GPU_ENV).is_some();
    if cfg!(target_os = "linux") && !user_choice {
        std::env::set_var(VAR, "1");
    }
}

/// Set (to any value) to keep WebKitGTK's GPU compositing on.
pub const GPU_ENV: &str = "COPIL_GPU_COMPOSITING";

/// Gives the web view French as its language, whatever the system's locale: WebKitGTK lays out
/// date fields (day, month, year order and placeholder) in that language, not in the page's
/// `lang`, so on an English or « C » system they read « 01/15/2024 ».
fn speak_french(app: &tauri::App) {
    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.with_webview(|view| {
            use webkit2gtk::{WebContextExt, WebViewExt};
            if let Some(context) = view.inner().context() {
                context.set_preferred_languages(&["fr-FR", "fr"]);
            }
        });
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

/// Starts the application; returns when the last window is closed.
pub fn run() {
    let initial_file = file_from_args(std::env::args_os().skip(1));
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            speak_french(app);
            let config_dir = std::env::var_os(CONFIG_DIR_ENV)
                .map(PathBuf::from)
                .or_else(|| app.path().app_config_dir().ok());
            let mut state = AppState::new(config_dir);
            if let Some(path) = &initial_file {
                if let Err(e) = state.open(path, false) {
                    state.startup_error = Some(e);
                }
            }
            commands::refresh_shell(app.handle(), &state);
            app.manage(Mutex::new(state));
            Ok(())
        })
        .on_menu_event(menu::on_event)
        .invoke_handler(commands::ipc::handler())
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
