//! The demo contract's own documents and the field's files at national scale: the relevé de
//! décisions of the closed COPIL of March 2026 rendered, a generated La Coop export imported
//! (dry run and real) and a generated IFN commune file imported.
//!
//! The Coop export and the IFN file are written by the demo's own generators
//! (`copil_core::demo::field`), scaled: 100 000 accompaniments and 35 000 communes on the large
//! pass, a tenth on the medium one. Both are imported into the demo contract with its field data
//! (`copil demo --field`), whose places are already linked to their actions.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::NaiveDate;
use copil_core::demo::field::{
    add_field_data, synthetic_coop_export, synthetic_ifn_city, write_coop_export,
};
use copil_core::domain::MeetingKind;
use copil_core::exchange::{import_coop, import_ifn, CoopOptions, IfnOptions};
use copil_core::report::issue;
use copil_core::Store;

use crate::{err, fig, median, median_ms, BenchResult, Figure, Goal, Settings};

/// The date of the demo's closed COPIL whose relevé is measured.
fn copil_of_march() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 24).expect("date")
}

/// Rows of the generated files: (Coop accompaniments, IFN communes).
pub fn sizes(large: bool) -> (usize, usize) {
    if large {
        (100_000, 35_000)
    } else {
        (10_000, 3_500)
    }
}

/// The demo contract with its field data, written once at `dir/demo-terrain.copil`.
pub fn demo_contract(dir: &Path) -> BenchResult<PathBuf> {
    let file = dir.join("demo-terrain.copil");
    let _ = std::fs::remove_file(&file);
    let _ = std::fs::remove_dir_all(dir.join("demo-terrain.copil.sauvegardes"));
    let mut store = copil_core::demo::create_demo_with(&file, &|doc| {
        Ok(copil_pdf::render(doc)
            .map_err(|e| copil_core::CoreError::Render(e.to_string()))?
            .bytes)
    })
    .map_err(err)?;
    add_field_data(&mut store).map_err(err)?;
    Ok(file)
}

/// A copy of `file` at `dir/name`, without the backups of an earlier copy.
fn fresh_copy(file: &Path, dir: &Path, name: &str) -> BenchResult<PathBuf> {
    let copy = dir.join(name);
    let _ = std::fs::remove_file(&copy);
    let backups = dir.join(format!("{}.sauvegardes", name.trim_end_matches(".copil")));
    let _ = std::fs::remove_dir_all(backups);
    std::fs::copy(file, &copy).map_err(err)?;
    Ok(copy)
}

/// The relevé of the demo's COPIL of March 2026: model and PDF, as `copil releve` builds them.
pub fn releve(demo: &Path, s: &Settings) -> BenchResult<Figure> {
    let store = Store::open_read_only(demo).map_err(err)?;
    let meeting = store
        .meetings()
        .map_err(err)?
        .into_iter()
        .find(|m| m.date == copil_of_march() && m.kind == MeetingKind::Copil)
        .ok_or("COPIL de mars 2026 absent de la démo")?;
    let r = s.report_runs.max(s.query_runs.min(20));
    let mut pages = 0;
    let ms = median_ms(r, || {
        let (_, doc) = issue::prepare_releve(&store, meeting.id).map_err(err)?;
        let out = copil_pdf::render(&doc).map_err(err)?;
        pages = out.pages;
        Ok(out.bytes)
    })?;
    Ok(fig(
        "releve",
        "Relevé de décisions du COPIL de mars 2026 (démo, modèle + PDF)",
        ms,
        Some(Goal::AtMost(100.0)),
        &format!("médiane de {r} ; {pages} page(s), contrat de démonstration"),
    ))
}

/// The generated Coop export imported into copies of the demo, dry run then real.
pub fn coop(demo: &Path, dir: &Path, rows: usize, s: &Settings) -> BenchResult<Vec<Figure>> {
    let export = dir.join("coop-numerique_accompagnements_2026-11-20.xlsx");
    let spec = synthetic_coop_export(rows);
    let written = spec.rows();
    std::fs::write(&export, write_coop_export(&spec).map_err(err)?).map_err(err)?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).ok_or("date")?;
    let io = s.io_runs;
    let copy = fresh_copy(demo, dir, "coop.copil")?;
    let mut store = Store::open(&copy).map_err(err)?;
    let dry_options = CoopOptions {
        dry_run: true,
        ..CoopOptions::new(None, today)
    };
    let mut bilans = 0;
    let dry = median_ms(io, || {
        let r = import_coop(&mut store, &export, &dry_options).map_err(err)?;
        if !r.is_ok() {
            return Err(format!("import La Coop refusé : {:?}", r.problems));
        }
        bilans = r.bilans.len();
        Ok(())
    })?;
    drop(store);
    let mut real = Vec::new();
    for run in 0..=io.max(1) {
        let copy = fresh_copy(demo, dir, "coop.copil")?;
        let mut store = Store::open(&copy).map_err(err)?;
        let t = Instant::now();
        let r = import_coop(&mut store, &export, &CoopOptions::new(None, today)).map_err(err)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if !r.applied {
            return Err(format!("import La Coop sans effet : {:?}", r.problems));
        }
        if run > 0 {
            real.push(ms);
        }
    }
    Ok(vec![
        fig(
            "coop_dry",
            "La Coop : export d'accompagnements importé, aperçu (dry run)",
            dry,
            Some(Goal::AtMost(2000.0)),
            &format!("médiane de {io} ; {written} lignes générées, {bilans} bilans d'action × année, contrat de démonstration"),
        ),
        fig(
            "coop_import",
            "La Coop : même export, import réel (sauvegarde + écriture)",
            median(&mut real),
            Some(Goal::AtMost(2000.0)),
            &format!("médiane de {io} ; copie fraîche à chaque fois"),
        ),
    ])
}

/// The generated IFN commune file imported into copies of the demo.
pub fn ifn(demo: &Path, dir: &Path, lines: usize, s: &Settings) -> BenchResult<Figure> {
    let csv = dir.join("ifn-city-all-variation.csv");
    std::fs::write(&csv, synthetic_ifn_city(lines)).map_err(err)?;
    let options = IfnOptions {
        city: csv.clone(),
        file_date: NaiveDate::from_ymd_opt(2026, 9, 1),
        ..IfnOptions::default()
    };
    let io = s.io_runs;
    let mut real = Vec::new();
    let mut communes = 0;
    for run in 0..=io.max(1) {
        let copy = fresh_copy(demo, dir, "ifn.copil")?;
        let mut store = Store::open(&copy).map_err(err)?;
        let t = Instant::now();
        let r = import_ifn(&mut store, &options).map_err(err)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        if !r.problems.is_empty() || !r.applied {
            return Err(format!("import IFN refusé : {:?}", r.problems));
        }
        communes = r.communes.len();
        if run > 0 {
            real.push(ms);
        }
    }
    Ok(fig(
        "ifn_import",
        "IFN : fichier national des communes importé",
        median(&mut real),
        Some(Goal::AtMost(500.0)),
        &format!("médiane de {io} ; {lines} lignes générées, {communes} communes du contrat gardées, sauvegarde comprise"),
    ))
}

/// Every figure of this module for one pass (`large`: the national sizes).
pub fn run(dir: &Path, large: bool, s: &Settings) -> BenchResult<Vec<Figure>> {
    let demo = demo_contract(dir)?;
    let (rows, lines) = sizes(large);
    let mut out = vec![releve(&demo, s)?];
    out.extend(coop(&demo, dir, rows, s)?);
    out.push(ifn(&demo, dir, lines, s)?);
    Ok(out)
}
