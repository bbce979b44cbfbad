//! The collection round at scale: `collect` of the contract's 2026 round, and one `import` of a
//! returned workbook per action — every action carried by its own porteur and running in 2026,
//! so that the large contract sends back 400 workbooks.

use std::path::{Path, PathBuf};
use std::time::Instant;

use copil_core::domain::{ActionStatus, Actor, ActorKind};
use copil_core::exchange::{collect, import_files, CollectRequest, ImportOptions};
use copil_core::figures::Pillar;
use copil_core::Store;

use crate::{err, fig, median, median_ms, BenchResult, Figure, Goal, Settings};

/// `collect` of the contract as generated, then the returned workbooks of one porteur per action
/// imported in one command (median of `io_runs`, a fresh copy of the contract each time).
pub fn run(file: &Path, dir: &Path, s: &Settings) -> BenchResult<Vec<Figure>> {
    let mut out = Vec::new();
    let io = s.io_runs;

    // collect: the round of 2026 as the contract holds it, written into a fresh folder.
    let copy = fresh_copy(file, dir, "collecte.copil")?;
    let mut store = Store::open(&copy).map_err(err)?;
    let sent = dir.join("classeurs-envoyes");
    let request = CollectRequest {
        year: 2026,
        due_date: None,
        dir: sent.clone(),
        overwrite: true,
    };
    let mut written = 0;
    let collect_ms = median_ms(io, || {
        let c = collect(&mut store, &request).map_err(err)?;
        written = c.workbooks.len();
        Ok(())
    })?;
    drop(store);
    out.push(fig(
        "collect",
        "Campagne de bilans : collect (un classeur par porteur)",
        collect_ms,
        Some(Goal::AtMost(2000.0)),
        &format!("médiane de {io} ; {written} classeurs de porteurs (bilans 2026)"),
    ));

    // One porteur per action, each action running in 2026: the porteurs' side holds every value
    // their bilans owe, and `collect` writes them into the workbooks they send back.
    let base = fresh_copy(file, dir, "un-porteur-par-action.copil")?;
    one_porteur_per_action(&base)?;
    let filled = fresh_copy(&base, dir, "porteurs.copil")?;
    let values = fill_every_bilan(&filled)?;
    let returned = dir.join("classeurs-retournes");
    let mut porteurs = Store::open(&filled).map_err(err)?;
    let books = collect(
        &mut porteurs,
        &CollectRequest {
            year: 2026,
            due_date: None,
            dir: returned.clone(),
            overwrite: true,
        },
    )
    .map_err(err)?;
    drop(porteurs);
    let paths: Vec<PathBuf> = books.workbooks.iter().map(|w| w.path.clone()).collect();
    let mut times = Vec::new();
    let mut created = 0;
    for _ in 0..io.max(1) {
        let target = fresh_copy(&base, dir, "retours.copil")?;
        let mut store = Store::open(&target).map_err(err)?;
        let t = Instant::now();
        let batch = import_files(
            &mut store,
            &paths,
            ImportOptions {
                dry_run: false,
                received_on: s.today,
            },
        )
        .map_err(err)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        if batch.refused() > 0 {
            let refused = batch.workbooks.iter().find(|w| !w.is_ok());
            return Err(format!("classeur refusé : {refused:#?}"));
        }
        created = batch
            .workbooks
            .iter()
            .filter_map(|w| w.report.as_ref())
            .map(|r| r.totals().0)
            .sum();
    }
    out.push(fig(
        "bilans_import",
        "Import des classeurs retournés en une commande (un porteur par action)",
        median(&mut times),
        Some(Goal::AtMost(5000.0)),
        &format!(
            "médiane de {io} ; {} classeurs, {created} valeurs créées ({values} attendues), sauvegarde comprise",
            paths.len()
        ),
    ));
    out.push(Figure {
        key: "bilans_workbooks",
        label: "Classeurs retournés importés",
        value: paths.len() as f64,
        unit: "classeurs",
        goal: None,
        note: "copie du contrat où chaque action a son porteur et court en 2026".into(),
    });
    Ok(out)
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

/// Gives every action its own porteur and makes it run through 2026.
fn one_porteur_per_action(file: &Path) -> BenchResult<()> {
    let mut store = Store::open(file).map_err(err)?;
    let p = Pillar::load(&store).map_err(err)?;
    store
        .import_batch("bench", "un porteur par action", |s| {
            for (k, a) in p.actions.iter().enumerate() {
                let porteur = s
                    .save_actor(&Actor {
                        id: 0,
                        name: format!("Porteur de l'action {:03}", k + 1),
                        kind: ActorKind::Association,
                        siret: None,
                        labels: vec![],
                        district_ids: vec![],
                        contact: String::new(),
                    })?
                    .id;
                let mut a = a.clone();
                a.porteur_id = Some(porteur);
                a.status = ActionStatus::Running;
                a.start_date = chrono::NaiveDate::from_ymd_opt(2025, 1, 6);
                a.end_date = chrono::NaiveDate::from_ymd_opt(2027, 12, 31);
                s.save_action(&a)?;
            }
            Ok(())
        })
        .map_err(err)
}

/// Records every value the 2026 bilans owe (what the porteurs write into their workbooks).
fn fill_every_bilan(file: &Path) -> BenchResult<usize> {
    let mut store = Store::open(file).map_err(err)?;
    let p = Pillar::load(&store).map_err(err)?;
    let expected = copil_core::figures::expected_values(&p, 2026);
    let missing: Vec<_> = expected.iter().filter(|v| v.value.is_none()).collect();
    store
        .import_batch("bench", "bilans des porteurs", |s| {
            for (k, v) in missing.iter().enumerate() {
                let (value, base) = match v.unit {
                    copil_core::domain::Unit::Percent => (40.0 + (k % 50) as f64, Some(120.0)),
                    _ => (10.0 + (k % 90) as f64, None),
                };
                s.save_measurement(&copil_core::domain::Measurement {
                    id: 0,
                    indicator_id: v.indicator_id,
                    year: 2026,
                    date: None,
                    district_id: v.district_id,
                    action_id: Some(v.action_id),
                    value,
                    base,
                    source: "Bilan 2026 du porteur".into(),
                    comment: String::new(),
                    received_on: None,
                })?;
            }
            Ok(())
        })
        .map_err(err)?;
    Ok(expected.len())
}
