//! `copil-bench app`: the desktop app measured end to end under a display (Xvfb) and a session
//! bus, through `tauri-driver`, beside a bare Tauri window (`bench/minimal-window`) measured in
//! the same run.
//!
//! - Launch: from the WebDriver "new session" request (which starts the app with the contract
//!   file as argument) to the moment the dashboard's key figures (`[data-testid=key-figures]`)
//!   exist in the page; median of several launches, each with a fresh settings folder.
//! - Memory: summed PSS (`/proc/PID/smaps_rollup`) of the app process and all its descendants
//!   (WebKitWebProcess, WebKitNetworkProcess, sandbox helpers) once the dashboard is shown.
//! - Binary sizes of the release `copil-app` and `minimal-window`.
//!
//! Run through `scripts/bench --app` (it builds everything and provides Xvfb and D-Bus).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use copil_acceptance::desktop::Driver;

use crate::median;

/// Heading of the app section of BENCHMARKS.md; the section runs to the next `## ` heading.
pub const SECTION: &str = "## Application de bureau (`scripts/bench --app`)";

/// Goal: launch to interactive dashboard, in ms.
pub const GOAL_LAUNCH_MS: f64 = 1000.0;
/// Goal: memory of the app over the minimal window's.
pub const GOAL_MEMORY_RATIO: f64 = 1.2;
/// Goal: release binary size of `copil-app`, in MB.
pub const GOAL_BINARY_MB: f64 = 15.0;

/// WebKitGTK's switch for accelerated compositing, which Copil turns off.
const COMPOSITING_ENV: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// How long a launch may take before it counts as a failure.
const LAUNCH_TIMEOUT: Duration = Duration::from_secs(60);
/// Pause after the dashboard appears before memory is read, the same for every app.
const SETTLE: Duration = Duration::from_millis(1500);

/// One measured launch.
#[derive(Debug, Clone)]
pub struct Launch {
    /// From the session request to the ready element, ms.
    pub ready_ms: f64,
    /// PSS per process name (kB), summed over the app and its descendants.
    pub pss_kb: BTreeMap<String, u64>,
}

impl Launch {
    /// Total PSS in kB.
    pub fn total_kb(&self) -> u64 {
        self.pss_kb.values().sum()
    }
}

/// Summary of several launches of one app on one file.
#[derive(Debug, Clone)]
pub struct Summary {
    /// What was launched (for the table).
    pub label: String,
    /// Median launch time, ms.
    pub ready_ms: f64,
    /// Min and max launch time, ms.
    pub ready_range: (f64, f64),
    /// Median total PSS, MB.
    pub pss_mb: f64,
    /// Per process name, PSS in MB of the launch whose total is the median.
    pub breakdown: BTreeMap<String, f64>,
    /// Launches counted.
    pub runs: usize,
}

/// Summarises launches (median of times and of total PSS).
pub fn summarise(label: &str, launches: &[Launch]) -> Summary {
    let mut times: Vec<f64> = launches.iter().map(|l| l.ready_ms).collect();
    let min = times.iter().copied().fold(f64::INFINITY, f64::min);
    let max = times.iter().copied().fold(0.0, f64::max);
    let ready_ms = median(&mut times);
    let mut by_total: Vec<&Launch> = launches.iter().collect();
    by_total.sort_by_key(|l| l.total_kb());
    let mid = by_total.get(by_total.len() / 2);
    let mut totals: Vec<f64> = launches.iter().map(|l| l.total_kb() as f64).collect();
    Summary {
        label: label.to_owned(),
        ready_ms,
        ready_range: (min, max),
        pss_mb: median(&mut totals) / 1024.0,
        breakdown: mid
            .map(|l| {
                l.pss_kb
                    .iter()
                    .map(|(k, v)| (k.clone(), *v as f64 / 1024.0))
                    .collect()
            })
            .unwrap_or_default(),
        runs: launches.len(),
    }
}

/// Parses the `Pss:` line of a `smaps_rollup` text, in kB.
pub fn parse_pss_kb(smaps_rollup: &str) -> Option<u64> {
    smaps_rollup
        .lines()
        .find(|l| l.starts_with("Pss:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

/// Parent pid and name of a process, from `/proc/PID/stat`.
fn stat_of(pid: u32) -> Option<(u32, String)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat[open + 1..close].to_owned();
    let ppid = stat[close + 1..].split_whitespace().nth(1)?.parse().ok()?;
    Some((ppid, name))
}

/// Every pid with its parent and name.
fn processes() -> Vec<(u32, u32, String)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| stat_of(pid).map(|(ppid, name)| (pid, ppid, name)))
        .collect()
}

/// Pids of the running processes whose executable is `exe`.
fn pids_of_exe(exe: &Path) -> Vec<u32> {
    let exe = exe.canonicalize().unwrap_or_else(|_| exe.to_path_buf());
    processes()
        .into_iter()
        .map(|(pid, _, _)| pid)
        .filter(|pid| {
            std::fs::read_link(format!("/proc/{pid}/exe"))
                .map(|p| p == exe)
                .unwrap_or(false)
        })
        .collect()
}

/// The executable's file name (`argv[0]`), else the kernel's name (truncated to 15 bytes).
fn process_name(pid: u32) -> String {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .ok()
        .and_then(|c| {
            let argv0 = c.split(|b| *b == 0).next()?.to_vec();
            let argv0 = String::from_utf8(argv0).ok()?;
            let base = argv0.rsplit('/').next()?.split(' ').next()?.to_owned();
            (!base.is_empty()).then_some(base)
        })
        .or_else(|| stat_of(pid).map(|(_, n)| n))
        .unwrap_or_default()
}

/// PSS per process name (kB) of `root` and all its descendants.
pub fn tree_pss_kb(root: u32) -> BTreeMap<String, u64> {
    let procs = processes();
    let mut tree = vec![root];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            procs
                .iter()
                .filter(|(_, ppid, _)| *ppid == parent)
                .map(|(pid, _, _)| *pid),
        );
        i += 1;
    }
    let mut out = BTreeMap::new();
    for pid in tree {
        let name = process_name(pid);
        if let Some(kb) = std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
            .ok()
            .as_deref()
            .and_then(parse_pss_kb)
        {
            *out.entry(name).or_insert(0) += kb;
        }
    }
    out
}

/// Launches `program` with `args` once through a fresh tauri-driver, waits for `ready_css`,
/// settles, reads the memory of the process tree, and closes the app.
pub fn launch_once(program: &Path, args: &[String], ready_css: &str) -> Result<Launch, String> {
    let driver = Driver::start();
    let start = Instant::now();
    let session = driver.launch_program(program, args)?;
    let ready_ms = loop {
        if session.find(ready_css).is_ok() {
            break start.elapsed().as_secs_f64() * 1000.0;
        }
        if start.elapsed() > LAUNCH_TIMEOUT {
            return Err(format!(
                "{} : {ready_css} absent après {LAUNCH_TIMEOUT:?}",
                program.display()
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    std::thread::sleep(SETTLE);
    let pids = pids_of_exe(program);
    let pid = match pids.as_slice() {
        [pid] => *pid,
        [] => return Err(format!("{} : processus introuvable", program.display())),
        many => {
            return Err(format!(
                "{} : plusieurs processus ({many:?}) — fermez les autres instances",
                program.display()
            ))
        }
    };
    let pss_kb = tree_pss_kb(pid);
    drop(session);
    drop(driver);
    // Let the previous app and its WebKit processes go before the next launch.
    let gone = Instant::now();
    while !pids_of_exe(program).is_empty() && gone.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok(Launch { ready_ms, pss_kb })
}

/// `runs` measured launches after one unmeasured warm-up launch (disk cache, fontconfig).
pub fn launches(
    program: &Path,
    args: &[String],
    ready_css: &str,
    runs: usize,
) -> Result<Vec<Launch>, String> {
    launch_once(program, args, ready_css)?;
    (0..runs.max(1))
        .map(|_| launch_once(program, args, ready_css))
        .collect()
}

/// Size of a file in MB (10^6 bytes).
pub fn size_mb(path: &Path) -> Option<f64> {
    std::fs::metadata(path)
        .ok()
        .map(|m| m.len() as f64 / 1_000_000.0)
}

/// Everything the app section shows.
pub struct AppFigures {
    /// Copil on the demo contract.
    pub demo: Summary,
    /// Copil on the large contract.
    pub large: Summary,
    /// The minimal window, as Tauri sets WebKit up by default.
    pub minimal: Summary,
    /// The minimal window with Copil's WebKit setting (accelerated compositing off).
    pub minimal_same_setting: Summary,
    /// Release `copil-app` size, MB.
    pub app_mb: Option<f64>,
    /// Release `minimal-window` size, MB.
    pub minimal_mb: Option<f64>,
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "atteint"
    } else {
        "**NON atteint**"
    }
}

fn breakdown(s: &Summary) -> String {
    s.breakdown
        .iter()
        .map(|(k, v)| format!("{k} {v:.0}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The Markdown section (heading included), ending with a blank line.
pub fn section(f: &AppFigures, date: &str, webkit: &str) -> String {
    let mut t = String::new();
    let _ = writeln!(t, "{SECTION}\n");
    let _ = writeln!(
        t,
        "Généré par `scripts/bench --app` (ou `--app-only`) — section réécrite à chaque exécution, \
conservée par le banc principal. Date : {date}. WebKitGTK : {webkit}. Xvfb 1280×800×24, \
`dbus-run-session`, `tauri-driver`, builds release.\n"
    );
    t.push_str("| Mesure | Copil, contrat démo | Copil, contrat large | fenêtre Tauri minimale | objectif | résultat |\n");
    t.push_str("|---|---|---|---|---|---|\n");
    let strict = &f.minimal_same_setting;
    let _ = writeln!(
        t,
        "| Lancement → tableau de bord interactif (médiane de {}) | {:.0} ms ({:.0}–{:.0}) | {:.0} ms ({:.0}–{:.0}) | {:.0} ms ({:.0}–{:.0}) (page affichée) | ≤ {GOAL_LAUNCH_MS:.0} ms (large) | {} |",
        f.large.runs,
        f.demo.ready_ms,
        f.demo.ready_range.0,
        f.demo.ready_range.1,
        f.large.ready_ms,
        f.large.ready_range.0,
        f.large.ready_range.1,
        f.minimal.ready_ms,
        f.minimal.ready_range.0,
        f.minimal.ready_range.1,
        verdict(f.large.ready_ms <= GOAL_LAUNCH_MS && f.demo.ready_ms <= GOAL_LAUNCH_MS)
    );
    let ratio_demo = f.demo.pss_mb / f.minimal.pss_mb;
    let ratio_large = f.large.pss_mb / f.minimal.pss_mb;
    let _ = writeln!(
        t,
        "| Mémoire PSS, app + processus WebKit (médiane) | {:.0} Mo | {:.0} Mo | {:.0} Mo | — | — |",
        f.demo.pss_mb, f.large.pss_mb, f.minimal.pss_mb
    );
    let _ = writeln!(
        t,
        "| Mémoire / fenêtre minimale | {ratio_demo:.2} × | {ratio_large:.2} × | 1 × | ≤ {GOAL_MEMORY_RATIO} × | {} |",
        verdict(ratio_large <= GOAL_MEMORY_RATIO && ratio_demo <= GOAL_MEMORY_RATIO)
    );
    let strict_demo = f.demo.pss_mb / strict.pss_mb;
    let strict_large = f.large.pss_mb / strict.pss_mb;
    let _ = writeln!(
        t,
        "| Mémoire / fenêtre minimale au même réglage WebKit que Copil (composition accélérée coupée : {:.0} Mo, lancement {:.0} ms) | {strict_demo:.2} × | {strict_large:.2} × | 1 × | ≤ {GOAL_MEMORY_RATIO} × (lecture stricte) | {} |",
        strict.pss_mb,
        strict.ready_ms,
        verdict(strict_large <= GOAL_MEMORY_RATIO && strict_demo <= GOAL_MEMORY_RATIO)
    );
    let mb = |v: Option<f64>| v.map_or("non construit".into(), |v| format!("{v:.1} Mo"));
    let _ = writeln!(
        t,
        "| Binaire release | {} | {} | {} | ≤ {GOAL_BINARY_MB} Mo (copil-app) | {} |",
        mb(f.app_mb),
        mb(f.app_mb),
        mb(f.minimal_mb),
        f.app_mb.map_or("—", |v| verdict(v <= GOAL_BINARY_MB))
    );
    let _ = writeln!(
        t,
        "\nRépartition de la PSS (Mo, lancement médian) : démo — {} ; large — {} ; minimale — {} ; \
minimale au même réglage — {}.\n",
        breakdown(&f.demo),
        breakdown(&f.large),
        breakdown(&f.minimal),
        breakdown(strict)
    );
    t.push_str(
        "Méthode : chaque lancement passe par un `tauri-driver` neuf et un dossier de réglages neuf \
(`COPIL_CONFIG_DIR`) ; le chronomètre part de la requête WebDriver « new session » (qui lance \
`copil-app FICHIER`) et s'arrête quand `[data-testid=key-figures]` (les chiffres clés du tableau \
de bord, rendus après le calcul côté Rust) existe dans la page, sondé toutes les 5 ms ; pour la \
fenêtre minimale (`bench/minimal-window` : une fenêtre, une page statique, capacité `core:default`), \
quand son paragraphe est présent. Un lancement d'échauffement non compté par application. La \
mémoire est lue 1,5 s après l'apparition de l'élément : somme des `Pss:` de \
`/proc/PID/smaps_rollup` du processus de l'app et de tous ses descendants. Le temps inclut le \
démarrage de WebKitWebDriver par `tauri-driver` (le même pour les deux applications). Copil \
coupe la composition accélérée de WebKitGTK (`WEBKIT_DISABLE_COMPOSITING_MODE=1`, sauf choix \
contraire de l'utilisateur, voir `copil_app::prefer_software_compositing`) : la fenêtre minimale \
est donc mesurée deux fois, avec les réglages par défaut de Tauri (la référence de l'objectif) et \
avec ce même réglage (comparaison à configuration égale).\n",
    );
    t
}

/// Replaces (or appends) the app section of `doc`.
pub fn replace_section(doc: &str, section: &str) -> String {
    match doc.find(SECTION) {
        Some(start) => {
            let after = &doc[start + SECTION.len()..];
            let end = after
                .find("\n## ")
                .map(|i| start + SECTION.len() + i + 1)
                .unwrap_or(doc.len());
            format!("{}{}{}", &doc[..start], section, &doc[end..])
        }
        None => {
            let mut out = doc.trim_end().to_owned();
            out.push_str("\n\n");
            out.push_str(section);
            out
        }
    }
}

/// The WebKitGTK version from pkg-config or dpkg, if found.
pub fn webkit_version() -> String {
    std::process::Command::new("pkg-config")
        .args(["--modversion", "webkit2gtk-4.1"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_else(|| "inconnue".into())
}

/// Paths used by the app bench.
pub struct AppPaths {
    /// Release `copil-app`.
    pub app: PathBuf,
    /// Release `minimal-window`.
    pub minimal: PathBuf,
    /// Release `copil` (to write the contracts).
    pub copil: PathBuf,
}

/// Runs the whole app bench; `runs` measured launches per case.
pub fn run(paths: &AppPaths, work: &Path, runs: usize) -> Result<AppFigures, String> {
    for p in [&paths.app, &paths.minimal, &paths.copil] {
        if !p.is_file() {
            return Err(format!(
                "{} absent : cargo build --release -p copil-app -p minimal-window -p copil-cli",
                p.display()
            ));
        }
    }
    // The acceptance driver checks this variable (or a debug build) before starting.
    std::env::set_var("COPIL_APP_BIN", &paths.app);
    std::fs::create_dir_all(work).map_err(|e| e.to_string())?;
    let mut files = Vec::new();
    for (name, size) in [("demo", None), ("large", Some("large"))] {
        let file = work.join(format!("app-{name}.copil"));
        let _ = std::fs::remove_file(&file);
        let mut cmd = std::process::Command::new(&paths.copil);
        cmd.arg("demo").arg(&file);
        if let Some(s) = size {
            cmd.args(["--size", s]);
        }
        let out = cmd.output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "copil demo {name} : {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        files.push(file);
    }
    let ready = "[data-testid=key-figures]";
    eprintln!("copil-bench app : fenêtre minimale …");
    let minimal = launches(&paths.minimal, &[], "[data-testid=minimal-ready]", runs)?;
    eprintln!("copil-bench app : fenêtre minimale, composition accélérée coupée …");
    // Inherited by tauri-driver, WebKitWebDriver and the window they start.
    std::env::set_var(COMPOSITING_ENV, "1");
    let minimal_same_setting = launches(&paths.minimal, &[], "[data-testid=minimal-ready]", runs);
    std::env::remove_var(COMPOSITING_ENV);
    let minimal_same_setting = minimal_same_setting?;
    eprintln!("copil-bench app : contrat démo …");
    let demo = launches(&paths.app, &[files[0].display().to_string()], ready, runs)?;
    eprintln!("copil-bench app : contrat large …");
    let large = launches(&paths.app, &[files[1].display().to_string()], ready, runs)?;
    Ok(AppFigures {
        demo: summarise("démo", &demo),
        large: summarise("large", &large),
        minimal: summarise("minimale", &minimal),
        minimal_same_setting: summarise("minimale, même réglage", &minimal_same_setting),
        app_mb: size_mb(&paths.app),
        minimal_mb: size_mb(&paths.minimal),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pss_is_read_from_smaps_rollup() {
        let text = "55d0-7ffd ---p 00000000 00:00 0 [rollup]\nRss:  1000 kB\nPss:  812 kB\nPss_Anon: 3 kB\n";
        assert_eq!(parse_pss_kb(text), Some(812));
        assert_eq!(parse_pss_kb("Rss: 1 kB\n"), None);
    }

    #[test]
    fn own_process_tree_has_memory() {
        let tree = tree_pss_kb(std::process::id());
        assert!(tree.values().sum::<u64>() > 0, "{tree:?}");
    }

    #[test]
    fn section_is_replaced_in_place_or_appended() {
        let doc = "# T\n\n## Corrections mesurées\n\nx\n";
        let once = replace_section(doc, &format!("{SECTION}\n\nv1\n"));
        assert!(once.starts_with(doc.trim_end()));
        assert!(once.ends_with("v1\n"));
        let twice = replace_section(&once, &format!("{SECTION}\n\nv2\n"));
        assert_eq!(twice.matches(SECTION).count(), 1);
        assert!(twice.contains("v2") && !twice.contains("v1"));
        let followed = format!("{twice}\n## Suite\n\nz\n");
        let third = replace_section(&followed, &format!("{SECTION}\n\nv3\n"));
        assert!(third.contains("v3\n## Suite") && third.contains("## Corrections"));
    }
}
