//! A bare Tauri 2 window with one static page: the memory and size baseline of
//! `copil-bench app` (see BENCHMARKS.md). Nothing else on purpose.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("minimal-window: failed to run");
}
