//! The benchmark code paths of Copil, run on a synthetic contract of one size.
//!
//! Every figure is the median of several runs of exactly what a screen, the report or an
//! exchange does through copil-core (and copil-pdf for the report). The binary
//! (`src/main.rs`, run by `scripts/bench`) prints them as a table and writes `BENCHMARKS.md`;
//! the smoke test runs the same paths once on the medium contract, with no timing assertion.

pub mod app;
pub mod bilans;
pub mod field;
pub mod places;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use chrono::NaiveDate;
use copil_core::demo::synthetic::{create_large_demo, DemoSize};
use copil_core::domain::Unit;
use copil_core::exchange::{export_xlsx, import_file};
use copil_core::figures::{self, Pillar, Scope};
use copil_core::report::{issue, ReportOptions};
use copil_core::Store;

/// Any error of the benchmark, as text.
pub type BenchResult<T> = std::result::Result<T, String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// A goal for a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Goal {
    /// The value must not exceed this.
    AtMost(f64),
    /// The value must reach at least this.
    AtLeast(f64),
}

impl Goal {
    /// Whether `value` meets the goal.
    pub fn met(self, value: f64) -> bool {
        match self {
            Goal::AtMost(g) => value <= g,
            Goal::AtLeast(g) => value >= g,
        }
    }
}

/// One measured figure at one size.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Stable key (to pair medium and large).
    pub key: &'static str,
    /// What was measured, in French.
    pub label: &'static str,
    /// The value (ms, ×, pages, rows, …).
    pub value: f64,
    /// Its unit.
    pub unit: &'static str,
    /// Goal (applies to the large contract), if any.
    pub goal: Option<Goal>,
    /// How it was measured (number of runs, …).
    pub note: String,
}

/// How many runs of each kind.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Runs of the report (median).
    pub report_runs: usize,
    /// Runs of each core query (median).
    pub query_runs: usize,
    /// Runs of Chromium printing (median); 0 skips Chromium.
    pub chromium_runs: usize,
    /// Runs of the export and of each import (median).
    pub io_runs: usize,
    /// Chromium executable, if any.
    pub chromium: Option<PathBuf>,
    /// Folder for the contract files, PDFs and workbooks.
    pub work_dir: PathBuf,
    /// The fixed date of the figures and reports (results do not depend on the day of the run).
    pub today: NaiveDate,
}

impl Settings {
    /// One run of everything, no Chromium: what the smoke test uses.
    pub fn smoke(work_dir: &Path) -> Settings {
        Settings {
            report_runs: 1,
            query_runs: 1,
            chromium_runs: 0,
            io_runs: 1,
            chromium: None,
            work_dir: work_dir.to_path_buf(),
            today: NaiveDate::from_ymd_opt(2026, 11, 28).expect("date"),
        }
    }
}

/// Median in milliseconds of `runs` runs of `f` (after one unmeasured warm-up run).
pub fn median_ms<T>(runs: usize, mut f: impl FnMut() -> BenchResult<T>) -> BenchResult<f64> {
    f()?;
    let mut times = Vec::with_capacity(runs.max(1));
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        let out = f()?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(out);
    }
    Ok(median(&mut times))
}

/// Median of values (sorted in place).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(|a, b| a.total_cmp(b));
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Number of pages of a PDF (page objects `/Type /Page`, not `/Pages`).
pub fn pdf_page_count(pdf: &[u8]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while let Some(pos) = find(&pdf[i..], b"/Type") {
        let mut j = i + pos + 5;
        while j < pdf.len() && pdf[j].is_ascii_whitespace() {
            j += 1;
        }
        if pdf[j..].starts_with(b"/Page") && pdf.get(j + 5).is_none_or(|&c| c != b's') {
            count += 1;
        }
        i = j;
    }
    count
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Runs every benchmark of one size; the contract is generated in `settings.work_dir`.
pub fn run_size(size: DemoSize, s: &Settings) -> BenchResult<Vec<Figure>> {
    let mut out = Vec::new();
    let dir = s.work_dir.join(size.name());
    std::fs::create_dir_all(&dir).map_err(err)?;
    let file = dir.join("contrat.copil");
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_dir_all(dir.join("contrat.copil.sauvegardes"));

    let t = Instant::now();
    create_large_demo(&file, size).map_err(err)?;
    out.push(Figure {
        key: "generate",
        label: "Génération du contrat synthétique (copil demo --size)",
        value: t.elapsed().as_secs_f64() * 1000.0,
        unit: "ms",
        goal: None,
        note: "1 exécution, hors objectifs".into(),
    });

    let q = s.query_runs;
    let qn = format!("médiane de {q}");
    let scope = Scope::today(s.today);

    // Core queries.
    let open = median_ms(q, || Store::open(&file).map_err(err))?;
    out.push(fig(
        "open",
        "Ouverture + quick_check",
        open,
        Some(Goal::AtMost(300.0)),
        &qn,
    ));
    let store = Store::open_read_only(&file).map_err(err)?;
    let load = median_ms(q, || Pillar::load(&store).map_err(err))?;
    out.push(fig(
        "load",
        "Chargement du pilier (Pillar::load)",
        load,
        None,
        &qn,
    ));
    let dashboard = median_ms(q, || {
        let p = Pillar::load(&store).map_err(err)?;
        Ok((
            figures::key_figures(&p, &scope),
            figures::objective_weather(&p, &scope),
            figures::alerts(&p, &scope),
        ))
    })?;
    out.push(fig(
        "dashboard",
        "Tableau de bord (chargement + chiffres clés, météo, alertes)",
        dashboard,
        Some(Goal::AtMost(50.0)),
        &qn,
    ));
    let matrix = median_ms(q, || {
        let p = Pillar::load(&store).map_err(err)?;
        Ok(figures::transversality_matrix(&p, &scope))
    })?;
    out.push(fig(
        "matrix",
        "Matrice de transversalité (chargement + calcul)",
        matrix,
        Some(Goal::AtMost(50.0)),
        &qn,
    ));
    let funding = median_ms(q, || {
        let p = Pillar::load(&store).map_err(err)?;
        Ok((
            figures::funding_by_financeur_year(&p, &scope),
            figures::funding_by_theme(&p, &scope),
            figures::funding_by_district(&p, &scope),
        ))
    })?;
    out.push(fig(
        "funding",
        "Totaux des financements (financeur × année, thème, QPV)",
        funding,
        Some(Goal::AtMost(50.0)),
        &qn,
    ));
    let pillar = Pillar::load(&store).map_err(err)?;
    let series_of = pillar
        .indicators
        .iter()
        .find(|i| i.by_district)
        .or(pillar.indicators.first())
        .cloned()
        .ok_or("aucun indicateur")?;
    let series = median_ms(q, || {
        let p = Pillar::load(&store).map_err(err)?;
        Ok(figures::indicator_figures(&p, &series_of, &scope))
    })?;
    out.push(fig(
        "series",
        "Série d'un indicateur suivi par QPV (chargement + calcul)",
        series,
        Some(Goal::AtMost(50.0)),
        &qn,
    ));
    let all = median_ms(q, || {
        let p = Pillar::load(&store).map_err(err)?;
        Ok(figures::all_indicator_figures(&p, &scope))
    })?;
    out.push(fig(
        "indicators",
        "Tous les indicateurs (chargement + calcul)",
        all,
        Some(Goal::AtMost(50.0)),
        &qn,
    ));

    // Report: build the model and render the PDF, as `copil report` does (without writing the file).
    let options = ReportOptions::for_today(s.today);
    let render = || -> BenchResult<Vec<u8>> {
        let (_, doc) = issue::prepare(&store, &options).map_err(err)?;
        copil_pdf::render(&doc).map(|r| r.bytes).map_err(err)
    };
    let r = s.report_runs;
    let model = median_ms(r, || issue::prepare(&store, &options).map_err(err))?;
    out.push(fig(
        "model",
        "dont modèle du rapport (chargement + chiffres, sans PDF)",
        model,
        None,
        &format!("médiane de {r}"),
    ));
    let report = median_ms(r, render)?;
    let pdf = render()?;
    let pdf_path = dir.join("rapport.pdf");
    std::fs::write(&pdf_path, &pdf).map_err(err)?;
    out.push(fig(
        "report",
        "Rapport COPIL (modèle + PDF)",
        report,
        Some(Goal::AtMost(1000.0)),
        &format!("médiane de {r}"),
    ));
    out.push(Figure {
        key: "pages",
        label: "Pages du rapport",
        value: pdf_page_count(&pdf) as f64,
        unit: "pages",
        goal: None,
        note: format!("{} octets", pdf.len()),
    });
    if let (Some(chromium), true) = (&s.chromium, s.chromium_runs > 0) {
        let chrome = chromium_print(chromium, &pdf_path, &dir, s.chromium_runs)?;
        out.push(fig(
            "chromium",
            "Chromium headless : même texte en HTML → PDF",
            chrome,
            None,
            &format!("médiane de {}", s.chromium_runs),
        ));
        out.push(Figure {
            key: "ratio",
            label: "Rapport : Chromium / Copil",
            value: chrome / report,
            unit: "×",
            goal: Some(Goal::AtLeast(10.0)),
            note: "plus c'est grand, plus Copil est rapide".into(),
        });
    }
    drop(store);

    // Export and import.
    let io = s.io_runs;
    let ion = format!("médiane de {io}");
    let xlsx = dir.join("export.xlsx");
    let store = Store::open_read_only(&file).map_err(err)?;
    let export = median_ms(io, || export_xlsx(&store, &xlsx).map_err(err))?;
    out.push(fig(
        "export",
        "Export XLSX complet",
        export,
        Some(Goal::AtMost(1000.0)),
        &ion,
    ));
    drop(store);
    let workbook = dir.join("valeurs-modifiees.xlsx");
    let rows = changed_values_workbook(&file, &dir, &workbook)?;
    let copy = dir.join("copie.copil");
    let fresh_copy = || -> BenchResult<Store> {
        let _ = std::fs::remove_file(&copy);
        let _ = std::fs::remove_dir_all(dir.join("copie.copil.sauvegardes"));
        std::fs::copy(&file, &copy).map_err(err)?;
        Store::open(&copy).map_err(err)
    };
    let mut store = fresh_copy()?;
    let mut updated = 0;
    let dry = median_ms(io, || {
        let report = import_file(&mut store, &workbook, true).map_err(err)?;
        if !report.is_ok() {
            return Err(format!("import refusé : {:?}", report.to_lines()));
        }
        updated = report.totals().1;
        Ok(())
    })?;
    drop(store);
    out.push(fig(
        "import_dry",
        "Import d'un classeur, aperçu (dry run)",
        dry,
        Some(Goal::AtMost(1000.0)),
        &format!("{ion} ; {rows} lignes de valeurs, {updated} mises à jour"),
    ));
    let mut real = Vec::new();
    for _ in 0..io.max(1) {
        let mut store = fresh_copy()?;
        let t = Instant::now();
        let report = import_file(&mut store, &workbook, false).map_err(err)?;
        real.push(t.elapsed().as_secs_f64() * 1000.0);
        if !report.applied || report.totals().1 == 0 {
            return Err(format!("import sans effet : {:?}", report.to_lines()));
        }
    }
    out.push(fig(
        "import",
        "Import d'un classeur, réel (sauvegarde + écriture)",
        median(&mut real),
        Some(Goal::AtMost(1000.0)),
        &format!("{ion} ; copie fraîche à chaque fois"),
    ));
    out.push(Figure {
        key: "rows",
        label: "Lignes de valeurs du classeur importé",
        value: rows as f64,
        unit: "lignes",
        goal: None,
        note: "classeur complet exporté d'une copie aux valeurs modifiées".into(),
    });

    // The collection round: the porteurs' workbooks written, and returned all at once.
    out.extend(bilans::run(&file, &dir, s)?);
    out.extend(places::run(size, &file, &dir, s)?);
    // The demo's relevé, and the field's files at national scale (a tenth on the medium pass).
    out.extend(field::run(&dir, size == DemoSize::Large, s)?);
    Ok(out)
}

fn fig(
    key: &'static str,
    label: &'static str,
    value: f64,
    goal: Option<Goal>,
    note: &str,
) -> Figure {
    Figure {
        key,
        label,
        value,
        unit: "ms",
        goal,
        note: note.into(),
    }
}

/// Exports a copy of `file` whose every indicator value was changed (validly): importing it into
/// `file` updates each of those rows. Returns the number of value rows.
fn changed_values_workbook(file: &Path, dir: &Path, out: &Path) -> BenchResult<usize> {
    let modified = dir.join("modifie.copil");
    let _ = std::fs::remove_file(&modified);
    let _ = std::fs::remove_dir_all(dir.join("modifie.copil.sauvegardes"));
    std::fs::copy(file, &modified).map_err(err)?;
    let mut store = Store::open(&modified).map_err(err)?;
    let p = Pillar::load(&store).map_err(err)?;
    let unit_of = |id| {
        p.indicators
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.unit)
            .unwrap_or(Unit::Count)
    };
    let rows = p.measurements.len();
    store
        .import_batch("bench", "valeurs modifiées", |s| {
            for m in &p.measurements {
                let mut m = m.clone();
                m.value = match unit_of(m.indicator_id) {
                    Unit::Percent if m.value > 99.0 => m.value - 1.0,
                    Unit::Score if m.value > 9.0 => m.value - 1.0,
                    _ => m.value + 1.0,
                };
                s.save_measurement(&m)?;
            }
            Ok(())
        })
        .map_err(err)?;
    export_xlsx(&store, out).map_err(err)?;
    Ok(rows)
}

/// Prints the text of Copil's PDF with headless Chromium (same font family, A4); median in ms.
pub fn chromium_print(chromium: &Path, pdf: &Path, dir: &Path, runs: usize) -> BenchResult<f64> {
    let txt = dir.join("rapport.txt");
    let status = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg(&txt)
        .status()
        .map_err(|e| format!("pdftotext introuvable (paquet poppler-utils) : {e}"))?;
    if !status.success() {
        return Err("pdftotext a échoué".into());
    }
    let text = std::fs::read_to_string(&txt).map_err(err)?;
    let html = dir.join("rapport.html");
    std::fs::write(&html, html_page(&text)).map_err(err)?;
    let out = dir.join("chromium.pdf");
    let mut times = Vec::new();
    for run in 0..runs + 1 {
        let profile = dir.join(format!("chromium-profile-{run}"));
        let _ = std::fs::remove_dir_all(&profile);
        let _ = std::fs::remove_file(&out);
        let t = Instant::now();
        let result = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", html.display()))
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|e| format!("Chromium ne démarre pas : {e}"))?;
        let elapsed = t.elapsed().as_secs_f64() * 1000.0;
        let _ = std::fs::remove_dir_all(&profile);
        if !result.success() || !out.exists() {
            return Err("Chromium n'a pas produit de PDF".into());
        }
        if run > 0 {
            times.push(elapsed);
        }
    }
    Ok(median(&mut times))
}

/// An HTML page holding `text` in a <pre>, DejaVu Sans from /usr/share/fonts, A4 pages.
pub fn html_page(text: &str) -> String {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{c}', "\n");
    format!(
        "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Rapport COPIL</title><style>\
@font-face {{ font-family: 'DejaVu Sans'; src: url('file:///usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'); }}\
@page {{ size: A4; margin: 15mm; }}\
pre {{ font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; white-space: pre-wrap; }}\
</style></head><body><pre>{escaped}</pre></body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medians_and_goals() {
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&mut [4.0, 1.0, 2.0, 3.0]), 2.5);
        assert!(Goal::AtMost(50.0).met(50.0));
        assert!(!Goal::AtLeast(10.0).met(9.9));
    }

    #[test]
    fn page_count_ignores_the_pages_tree() {
        let pdf = b"<< /Type /Pages /Count 2 >> << /Type /Page >> <</Type/Page/Parent 1 0 R>>";
        assert_eq!(pdf_page_count(pdf), 2);
    }

    #[test]
    fn html_escapes_the_text() {
        let html = html_page("a < b & c");
        assert!(html.contains("a &lt; b &amp; c"));
        assert!(html.contains("size: A4"));
    }
}
