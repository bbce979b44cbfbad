//! The one libFuzzer entry point: runs the target `COPIL_FUZZ_TARGET` names (see
//! crates/copil-fuzz).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts on any panic, even one the code catches: Copil catches the panics of
    // the spreadsheet library (a refused file, not a crash), so the default hook comes back;
    // a panic that reaches libFuzzer still aborts.
    static RESTORED: std::sync::Once = std::sync::Once::new();
    RESTORED.call_once(|| drop(std::panic::take_hook()));
    copil_fuzz::run_from_env(data)
});
