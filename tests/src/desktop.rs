//! Starting the real Copil desktop app under `tauri-driver` for end-to-end tests.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::webdriver::{is_ready, Session, WdResult};

/// One app at a time: the tests share a display and two cores.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The workspace root (parent of `tests/`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

/// The built app: `$COPIL_APP_BIN`, else `<target>/debug/copil-app`.
pub fn app_binary() -> PathBuf {
    if let Some(p) = std::env::var_os("COPIL_APP_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("debug").join("copil-app")
}

/// `tauri-driver` on PATH or in `~/.cargo/bin`.
pub fn tauri_driver() -> Option<PathBuf> {
    let name = "tauri-driver";
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

/// The text of `ui/node_modules/axe-core/axe.min.js`.
pub fn axe_source() -> String {
    let path = workspace_root().join("ui/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {} ({e}): run `npm ci` in ui/ (scripts/e2e does it)",
            path.display()
        )
    })
}

/// Panics with a clear message when the environment cannot run the desktop tests.
pub fn check_environment() {
    let hint = "the desktop e2e tests need a display and a session bus: run them with scripts/e2e \
                (xvfb-run + dbus-run-session)";
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        panic!("no DISPLAY: {hint}");
    }
    if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        panic!("no DBUS_SESSION_BUS_ADDRESS: {hint}");
    }
    let app = app_binary();
    if !app.is_file() {
        panic!(
            "{} is missing: build it with `cargo build --workspace --all-targets` after `npm run build` in ui/ \
             (scripts/e2e does both)",
            app.display()
        );
    }
    if tauri_driver().is_none() {
        panic!("tauri-driver not found on PATH or in ~/.cargo/bin: `cargo install tauri-driver --locked` (scripts/install-deps does it)");
    }
}

/// A free TCP port on localhost.
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("no free local port")
}

/// A running `tauri-driver` with its own settings folder for the app; killed on drop.
pub struct Driver {
    child: Child,
    base: String,
    /// The app's settings folder (`COPIL_CONFIG_DIR`), fresh for each driver.
    pub config_dir: tempfile::TempDir,
    _turn: MutexGuard<'static, ()>,
}

impl Driver {
    /// Checks the environment, then starts tauri-driver on free ports and waits until it answers.
    pub fn start() -> Self {
        Self::start_with(&[])
    }

    /// Like [`Driver::start`], with extra environment variables for the app (test hooks such
    /// as `COPIL_E2E_REPORT_PATH`), which inherits them from tauri-driver.
    pub fn start_with(env: &[(&str, String)]) -> Self {
        check_environment();
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|p| p.into_inner());
        let config_dir = tempfile::tempdir().expect("temp dir");
        let (port, native) = (free_port(), free_port());
        let log_dir = workspace_root().join("target/e2e");
        let _ = std::fs::create_dir_all(&log_dir);
        let log = std::fs::File::create(log_dir.join(format!("tauri-driver-{port}.log")))
            .map(Stdio::from)
            .unwrap_or_else(|_| Stdio::null());
        let child = Command::new(tauri_driver().expect("checked"))
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("COPIL_CONFIG_DIR", config_dir.path())
            .env("NO_AT_BRIDGE", "1")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("cannot start tauri-driver");
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        while !is_ready(&base) {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "tauri-driver did not answer on {base} within 20 s"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Self {
            child,
            base,
            config_dir,
            _turn: turn,
        }
    }

    /// Launches the app (with optional CLI arguments) in a new WebDriver session.
    pub fn launch(&self, args: &[String]) -> WdResult<Session> {
        Session::new(&self.base, &app_binary(), args)
    }

    /// Launches another executable as the app (e.g. a wrapper that runs it under `strace`).
    pub fn launch_program(&self, program: &Path, args: &[String]) -> WdResult<Session> {
        Session::new(&self.base, program, args)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where screenshots of the e2e run go: `target/e2e/shots/NAME.png`.
pub fn shot_path(name: &str) -> PathBuf {
    workspace_root()
        .join("target/e2e/shots")
        .join(format!("{name}.png"))
}
