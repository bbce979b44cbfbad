//! `copil import`: a filled workbook, every row checked, all or nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::exchange;
use copil_core::Result;

/// Arguments of `copil import`.
#[derive(Debug, Args)]
#[command(
    about = "Importe un classeur rempli (XLSX, ODS ou CSV) après vérification de chaque ligne",
    long_about = "Importe un classeur rempli (XLSX, ODS ou CSV ; séparateur ; ou , ; UTF-8 ou Windows-1252).\n\
Chaque ligne est vérifiée ; toute erreur est signalée « feuille, ligne N, colonne X : message » et rien n'est écrit.\n\
Un import réel se fait en une seule transaction, après une sauvegarde automatique, et figure au journal.\n\
Réimporter le même classeur ne crée aucun doublon."
)]
pub struct ImportArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Classeur à importer (.xlsx, .ods ou .csv)
    pub workbook: PathBuf,
    /// N'écrit rien : montre ce qui serait créé, mis à jour ou inchangé
    #[arg(long)]
    pub dry_run: bool,
    /// Affiche le compte rendu en JSON
    #[arg(long)]
    pub json: bool,
}

/// `copil import`: validates and imports a workbook (or only shows the plan with `--dry-run`).
pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
    let report = exchange::import_file(&mut store, &args.workbook, args.dry_run)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        for line in report.to_lines() {
            println!("{line}");
        }
        let (c, u, n) = report.totals();
        if !report.is_ok() {
            println!(
                "{} erreur(s) : rien n'a été enregistré. Corrigez le classeur puis relancez.",
                report.problems.len()
            );
        } else if report.applied {
            println!("Import terminé : {c} créé(s), {u} mis à jour, {n} inchangé(s).");
            if let Some(b) = &report.backup {
                println!("Sauvegarde préalable : {}", b.display());
            }
        } else {
            println!(
                "Simulation : {c} création(s), {u} mise(s) à jour, {n} inchangé(s) ; rien n'a été écrit."
            );
        }
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(4)
    })
}
