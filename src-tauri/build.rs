//! Build script: generates Tauri's context and the permissions of the app's own commands.

// The one list of IPC commands (`src/commands/list.rs`): this script cannot use the crate, so
// it includes the file, which holds nothing but the `with_commands!` macro.
include!("src/commands/list.rs");

/// Keeps only the names of the list's lines.
macro_rules! names {
    ($( $module:ident :: $name:ident [$($ctx:ident),*] ( $($arg:ident : $ty:ty),* $(,)? ) -> $res:ty; )*) => {
        &[$(stringify!($name)),*]
    };
}

/// The app commands the UI may call; each gets an `allow-<name>` permission
/// that `capabilities/main.json` grants explicitly (a test checks that they agree).
const COMMANDS: &[&str] = with_commands!(names);

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("failed to run tauri-build");
}
