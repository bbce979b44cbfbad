//! `copil-bench`: measures Copil on the medium and large synthetic contracts, prints a table and
//! rewrites `BENCHMARKS.md`. Run it through `scripts/bench` (release build, Chromium installed).
//!
//! Usage: `copil-bench [--out BENCHMARKS.md] [--work DIR] [--no-chromium] [--quick]`
//!
//! `copil-bench places` prints only the lieux de médiation figures of the large contract.
//!
//! `copil-bench field [--medium] [--quick]` prints only the demo's relevé and the national-size
//! La Coop and IFN imports (a tenth of the size with `--medium`).
//!
//! `copil-bench app [--out BENCHMARKS.md] [--work DIR] [--runs N]` measures the desktop app
//! (launch to dashboard, memory, binary size) beside a minimal Tauri window and rewrites only
//! its own section of BENCHMARKS.md; it needs a display and a session bus (`scripts/bench --app`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use copil_bench::{app, run_size, Figure, Goal, Settings};
use copil_core::demo::synthetic::DemoSize;

/// `copil-bench places`: only the lieux de médiation figures of the large contract, printed.
fn places_main() -> ExitCode {
    let work = std::env::temp_dir().join("copil-bench-places");
    let settings = Settings::smoke(&work);
    let dir = work.join("large");
    let file = dir.join("contrat.copil");
    let run = || -> Result<Vec<Figure>, String> {
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(&file);
        copil_core::demo::synthetic::create_large_demo(&file, DemoSize::Large)
            .map_err(|e| e.to_string())?;
        copil_bench::places::run(DemoSize::Large, &file, &dir, &settings)
    };
    match run() {
        Ok(figures) => {
            for f in figures {
                println!("{} : {:.1} {} ({})", f.label, f.value, f.unit, f.note);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("copil-bench places : {e}");
            ExitCode::FAILURE
        }
    }
}

/// `copil-bench field`: only the relevé, La Coop and IFN figures, printed.
fn field_main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(2).collect();
    let work = std::env::temp_dir().join("copil-bench-field");
    let mut settings = Settings::smoke(&work);
    if !args.iter().any(|a| a == "--quick") {
        settings.report_runs = 5;
        settings.query_runs = 20;
        settings.io_runs = 3;
    }
    let large = !args.iter().any(|a| a == "--medium");
    let run = || -> Result<Vec<Figure>, String> {
        std::fs::create_dir_all(&work).map_err(|e| e.to_string())?;
        copil_bench::field::run(&work, large, &settings)
    };
    match run() {
        Ok(figures) => {
            for f in figures {
                println!("{} : {:.1} {} ({})", f.label, f.value, f.unit, f.note);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("copil-bench field : {e}");
            ExitCode::FAILURE
        }
    }
}

/// Everything after this line of BENCHMARKS.md is kept when the file is rewritten.
const KEPT: &str = "## Corrections mesurées";

fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("app") {
        return app_main();
    }
    if std::env::args().nth(1).as_deref() == Some("places") {
        return places_main();
    }
    if std::env::args().nth(1).as_deref() == Some("field") {
        return field_main();
    }
    let mut out = PathBuf::from("BENCHMARKS.md");
    let mut work = std::env::temp_dir().join("copil-bench");
    let mut use_chromium = true;
    let mut quick = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            "--work" => work = args.next().map(PathBuf::from).unwrap_or(work),
            "--no-chromium" => use_chromium = false,
            "--quick" => quick = true,
            _ => {
                eprintln!("usage : copil-bench [--out BENCHMARKS.md] [--work DIR] [--no-chromium] [--quick]");
                return ExitCode::from(2);
            }
        }
    }
    let chromium = use_chromium.then(find_chromium).flatten();
    if use_chromium && chromium.is_none() {
        eprintln!(
            "copil-bench : Chromium introuvable (apt-get install chromium) — comparaison omise."
        );
    }
    let mut settings = Settings::smoke(&work);
    settings.report_runs = if quick { 1 } else { 5 };
    settings.query_runs = if quick { 1 } else { 20 };
    settings.io_runs = if quick { 1 } else { 3 };
    settings.chromium_runs = if quick { 1 } else { 3 };
    settings.chromium = chromium.clone();

    let mut results = Vec::new();
    for size in [DemoSize::Medium, DemoSize::Large] {
        eprintln!("copil-bench : contrat {} …", size.name());
        match run_size(size, &settings) {
            Ok(f) => results.push(f),
            Err(e) => {
                eprintln!("copil-bench : échec ({}) : {e}", size.name());
                return ExitCode::FAILURE;
            }
        }
    }
    let root = workspace_root();
    let table = table(&results[0], &results[1], &root);
    println!("{table}");
    let doc = document(&table, chromium.as_deref(), &out);
    if let Err(e) = std::fs::write(&out, doc) {
        eprintln!(
            "copil-bench : écriture de {} impossible : {e}",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    eprintln!("copil-bench : {} mis à jour.", out.display());
    ExitCode::SUCCESS
}

/// `copil-bench app`: the desktop app beside a minimal Tauri window.
fn app_main() -> ExitCode {
    let mut out = PathBuf::from("BENCHMARKS.md");
    let mut work = std::env::temp_dir().join("copil-bench");
    let mut runs = 5;
    let mut args = std::env::args().skip(2);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            "--work" => work = args.next().map(PathBuf::from).unwrap_or(work),
            "--runs" => runs = args.next().and_then(|r| r.parse().ok()).unwrap_or(runs),
            _ => {
                eprintln!("usage : copil-bench app [--out BENCHMARKS.md] [--work DIR] [--runs N]");
                return ExitCode::from(2);
            }
        }
    }
    let release = workspace_root().join("target/release");
    let paths = app::AppPaths {
        app: release.join("copil-app"),
        minimal: release.join("minimal-window"),
        copil: release.join("copil"),
    };
    let figures = match app::run(&paths, &work, runs) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("copil-bench app : échec : {e}");
            return ExitCode::FAILURE;
        }
    };
    let date = chrono::Local::now().format("%Y-%m-%d %H:%M %Z").to_string();
    let section = app::section(&figures, &date, &app::webkit_version());
    println!("{section}");
    let old = std::fs::read_to_string(&out).unwrap_or_default();
    if let Err(e) = std::fs::write(&out, app::replace_section(&old, &section)) {
        eprintln!(
            "copil-bench app : écriture de {} impossible : {e}",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    eprintln!(
        "copil-bench app : section de {} mise à jour.",
        out.display()
    );
    ExitCode::SUCCESS
}

fn find_chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .filter_map(|name| {
            std::env::var_os("PATH").and_then(|paths| {
                std::env::split_paths(&paths)
                    .map(|p| p.join(name))
                    .find(|p| p.is_file())
            })
        })
        .next()
}

fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

fn value(f: &Figure) -> String {
    match f.unit {
        "ms" if f.value >= 100.0 => format!("{:.0} ms", f.value),
        "ms" => format!("{:.1} ms", f.value),
        "×" => format!("{:.1} ×", f.value),
        "Mo" => format!("{:.1} Mo", f.value),
        u => format!("{:.0} {u}", f.value),
    }
}

fn goal_text(g: Option<Goal>, unit: &str) -> String {
    match g {
        Some(Goal::AtMost(v)) => format!("≤ {v} {unit}"),
        Some(Goal::AtLeast(v)) => format!("≥ {v} {unit}"),
        None => "—".into(),
    }
}

fn met(g: Option<Goal>, v: f64) -> &'static str {
    match g {
        Some(g) if g.met(v) => "atteint",
        Some(_) => "**NON atteint**",
        None => "—",
    }
}

/// The Markdown table: medium, large, growth (large / medium), goal on the large contract.
fn table(medium: &[Figure], large: &[Figure], root: &Path) -> String {
    let m: BTreeMap<_, _> = medium.iter().map(|f| (f.key, f)).collect();
    let mut t = String::new();
    t.push_str("| Mesure | medium | large | croissance large/medium | objectif (large) | résultat | méthode |\n");
    t.push_str("|---|---|---|---|---|---|---|\n");
    for l in large {
        let (mv, growth) = match m.get(l.key) {
            Some(mf) if mf.value > 0.0 => (value(mf), format!("{:.1} ×", l.value / mf.value)),
            Some(mf) => (value(mf), "—".into()),
            None => ("—".into(), "—".into()),
        };
        let _ = writeln!(
            t,
            "| {} | {} | {} | {} | {} | {} | {} |",
            l.label,
            mv,
            value(l),
            growth,
            goal_text(l.goal, l.unit),
            met(l.goal, l.value),
            l.note
        );
    }
    for (name, path, goal) in [
        (
            "Binaire release `copil` (CLI)",
            root.join("target/release/copil"),
            None,
        ),
        (
            "Binaire release `copil-app`",
            root.join("target/release/copil-app"),
            Some(Goal::AtMost(15.0)),
        ),
    ] {
        let row = match std::fs::metadata(&path) {
            Ok(md) => {
                let mb = md.len() as f64 / 1_000_000.0;
                format!(
                    "| {name} | — | {mb:.1} Mo | — | {} | {} | taille du fichier |",
                    goal_text(goal, "Mo"),
                    met(goal, mb)
                )
            }
            Err(_) => format!(
                "| {name} | — | non mesuré | — | {} | — | absent de target/release : `scripts/bench --app` la construit (voir la section de l'application) |",
                goal_text(goal, "Mo")
            ),
        };
        t.push_str(&row);
        t.push('\n');
    }
    t
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .map(str::trim)
        .unwrap_or("inconnu")
        .to_string();
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let ram_kb: u64 = meminfo
        .lines()
        .find(|l| l.starts_with("MemTotal"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    format!(
        "{cores} cœurs (nproc), processeur « {cpu} », {:.1} Go de mémoire",
        ram_kb as f64 / 1_048_576.0
    )
}

fn chromium_version(chromium: Option<&Path>) -> String {
    chromium
        .and_then(|c| Command::new(c).arg("--version").output().ok())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "non disponible (comparaison omise)".into())
}

fn document(table: &str, chromium: Option<&Path>, previous: &Path) -> String {
    let kept = std::fs::read_to_string(previous)
        .ok()
        .and_then(|old| {
            old.find(&format!("\n{KEPT}\n"))
                .map(|i| old[i + 1..].to_string())
        })
        .unwrap_or_else(|| format!("{KEPT}\n\n(aucune pour l'instant)\n"));
    format!(
        "# Performances de Copil\n\n\
Généré par `scripts/bench` (ne pas modifier à la main au-dessus de « {KEPT} »).\n\n\
- Date : {}\n\
- Machine : {}\n\
- Chromium : {}\n\
- Contrats : synthétiques et déterministes (`copil demo FICHIER --size medium|large`). \
large = 20 QPV, 11 thèmes, 40 objectifs, 150 indicateurs (cibles et valeurs 2024–2030, la moitié par QPV), \
400 actions, 1 500 lignes de financement, 120 acteurs, 40 instances, 300 décisions, 10 rapports émis ; medium ≈ un dixième. \
Les rapports émis du contrat synthétique portent l'empreinte SHA-256 du modèle de rapport sérialisé (JSON), \
copil-core ne produisant pas de PDF.\n\
- Date de référence des chiffres et du rapport : 28 novembre 2026 (figée).\n\n\
{table}\n\
## Méthode\n\n\
- Build `--release` (profil du workspace : LTO complète, une unité de code). Chaque durée est la médiane de plusieurs exécutions, \
après une exécution d'échauffement non comptée.\n\
- Requêtes : chaque écran est mesuré comme l'app le calcule : chargement du pilier (`Pillar::load`) puis la fonction \
de `copil_core::figures`. L'ouverture est `Store::open` (inspection, `quick_check`, verrou, réglages).\n\
- Rapport : `report::issue::prepare` + `copil_pdf::render` (sans écriture du fichier). Chromium : le texte du PDF de Copil \
extrait par `pdftotext -layout`, dans un `<pre>` en DejaVu Sans (police de /usr/share/fonts), `@page {{ size: A4 }}`, imprimé par \
`chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
--disable-component-update --disable-sync --user-data-dir=<dossier neuf> --print-to-pdf=…` (démarrage du navigateur compris).\n\
- Import : le classeur complet exporté d'une copie du contrat dont chaque valeur d'indicateur a été modifiée ; \
importé dans une copie fraîche (aperçu puis import réel, qui fait aussi la sauvegarde préalable).\n\
- Relevé de décisions : `report::issue::prepare_releve` + `copil_pdf::render` du COPIL du 24 mars 2026 du contrat de démonstration \
(sans écriture du fichier), comme `copil releve`. La Coop et IFN : fichiers écrits par les générateurs de la démo \
(`demo::field::synthetic_coop_export`, `synthetic_ifn_city`) — 100 000 accompagnements et 35 000 communes pour la colonne large, \
un dixième pour medium — importés par `import_coop` (lieux déjà reliés à leurs actions, comme `copil demo --field`) et \
`import_ifn` dans une copie fraîche du contrat de démonstration avec ses données du terrain.\n\
- Application de bureau (lancement jusqu'au tableau de bord interactif, mémoire PSS face à une fenêtre Tauri minimale, \
binaires) : mesurée seulement par `scripts/bench --app` (il faut Xvfb, dbus-run-session, tauri-driver), dans la section \
« Application de bureau » en fin de fichier, que ce banc conserve ; la taille du binaire `copil-app` ci-dessus n'est \
mesurée que s'il a déjà été construit en release.\n\n\
{kept}",
        chrono::Local::now().format("%Y-%m-%d %H:%M %Z"),
        machine(),
        chromium_version(chromium),
    )
}
