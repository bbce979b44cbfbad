//! Copil desktop app entry point.
// Hide the console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    copil_app::prefer_software_compositing();
    copil_app::run();
}
