//! Build script: generates Tauri's context and the permissions of the app's own commands.

/// The app commands the UI may call; each gets an `allow-<name>` permission
/// that `capabilities/main.json` grants explicitly.
const COMMANDS: &[&str] = &[
    "app_info",
    "session",
    "open_contract",
    "close_contract",
    "save_copy",
    "forget_recent",
    "open_demo",
    "create_contract",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
