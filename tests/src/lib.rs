//! Helpers shared by the acceptance tests: the real `copil` binary, hashes, and the desktop app driver.

pub mod desktop;
pub mod sigkill;
pub mod sitting_entries;
pub mod webdriver;
pub mod workbooks;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Once;

/// Root of the workspace.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Path of a binary built in the workspace's debug target folder.
pub fn target_bin(name: &str) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug").join(name)
}

/// The `copil` binary, built once per test run so the tests always run the current code.
///
/// It is built with the whole workspace's targets, as `cargo test --workspace` builds them, so
/// that the dependencies are compiled once with one set of features instead of once more for
/// the CLI alone (every extra set costs a build's time and disk).
pub fn copil_bin() -> PathBuf {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "-q", "--workspace", "--all-targets"])
            .current_dir(workspace_root())
            .status()
            .expect("cargo build --workspace --all-targets");
        assert!(status.success(), "la compilation de copil a échoué");
    });
    target_bin("copil")
}

/// Runs `copil` with arguments and returns its output.
pub fn copil(args: &[&dyn AsRef<std::ffi::OsStr>]) -> Output {
    let mut cmd = Command::new(copil_bin());
    for a in args {
        cmd.arg(a);
    }
    cmd.env("USER", "testeur").output().expect("run copil")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// SHA-256 of a file, hexadecimal.
pub fn sha256_file(path: &Path) -> String {
    use sha2::Digest;
    let bytes = std::fs::read(path).expect("read file");
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
