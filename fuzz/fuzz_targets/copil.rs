//! The one libFuzzer entry point: runs the target `COPIL_FUZZ_TARGET` names (see
//! crates/copil-fuzz).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| copil_fuzz::run_from_env(data));
