//! Build script: generates Tauri's context for the baseline window.

fn main() {
    tauri_build::build();
}
