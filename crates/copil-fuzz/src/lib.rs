//! The fuzz targets of every parser that reads a user's file: one module per parser under
//! `targets/`, listed once in [`TARGETS`].
//!
//! `scripts/fuzz` runs each target under libFuzzer (cargo-fuzz, stable toolchain, `--sanitizer
//! none`: coverage-guided, no sanitizer) through the one binary of `fuzz/`, which picks the
//! target named by `COPIL_FUZZ_TARGET`. `cargo test` replays each target's corpus
//! (`fuzz/corpus/<name>/`) and its regressions (`fuzz/regressions/<name>/`, the inputs that once
//! crashed) so that the targets keep compiling and every fixed crash stays fixed. A target only
//! returns: any panic is a crash.

use std::path::{Path, PathBuf};

mod targets;

/// One fuzz target: a parser of a user's file, fed arbitrary bytes.
pub struct Target {
    /// Name of the target: its corpus and regressions folders are named so.
    pub name: &'static str,
    /// What it reads, in French, for the report of `scripts/fuzz`.
    pub reads: &'static str,
    /// Parses `data` as the user's file would be parsed; must never panic.
    pub run: fn(&[u8]),
}

/// Every target. A new importer adds its module under `targets/` and one line here.
pub const TARGETS: &[Target] = &[
    targets::workbook_xlsx::TARGET,
    targets::workbook_ods::TARGET,
    targets::csv::TARGET,
    targets::qpv_list::TARGET,
    targets::coop_export::TARGET,
    targets::ifn::TARGET,
    targets::places_csv::TARGET,
    targets::places_json::TARGET,
    targets::qpv_geo::TARGET,
    targets::services::TARGET,
];

/// The target called `name`.
pub fn target(name: &str) -> Option<&'static Target> {
    TARGETS.iter().find(|t| t.name == name)
}

/// Runs the target named by `COPIL_FUZZ_TARGET` on `data` (the entry point of `fuzz/`).
///
/// # Panics
/// When the variable names no target: `scripts/fuzz` always sets it.
pub fn run_from_env(data: &[u8]) {
    static CHOSEN: std::sync::OnceLock<&'static Target> = std::sync::OnceLock::new();
    let chosen = CHOSEN.get_or_init(|| {
        let name = std::env::var("COPIL_FUZZ_TARGET").unwrap_or_default();
        target(&name).unwrap_or_else(|| {
            let names: Vec<_> = TARGETS.iter().map(|t| t.name).collect();
            panic!("COPIL_FUZZ_TARGET={name:?} : cible inconnue, attendu l'une de {names:?}")
        })
    });
    (chosen.run)(data);
}

/// The `fuzz/` folder of the workspace (corpus, regressions, the libFuzzer binary).
pub fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Every input kept for `target`: its corpus, then its regressions.
pub fn kept_inputs(target: &Target) -> Vec<PathBuf> {
    let mut inputs = Vec::new();
    for kind in ["corpus", "regressions"] {
        let dir = fuzz_dir().join(kind).join(target.name);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            let mut files: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect();
            files.sort();
            inputs.extend(files);
        }
    }
    inputs
}
