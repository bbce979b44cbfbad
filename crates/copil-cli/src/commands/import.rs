//! `copil import`: filled workbooks, every row checked, each workbook all or nothing.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Args;
use copil_core::exchange::{self, ImportOptions};
use copil_core::Result;

/// Arguments of `copil import`.
#[derive(Debug, Args)]
#[command(
    about = "Importe un ou plusieurs classeurs remplis (XLSX, ODS ou CSV) après vérification de chaque ligne",
    long_about = "Importe un ou plusieurs classeurs remplis (XLSX, ODS ou CSV ; séparateur ; ou , ; UTF-8 ou Windows-1252).\n\
Chaque ligne est vérifiée ; toute erreur est signalée « feuille, ligne N, colonne X : message » et rien n'est écrit de ce classeur.\n\
Chaque classeur est importé en entier ou pas du tout : un classeur refusé ne change rien, les autres sont importés.\n\
Le classeur d'un porteur (écrit par copil collect ou copil template --actor) ne touche que ses propres actions.\n\
Un import réel se fait en une seule transaction, après une sauvegarde automatique, et figure au journal.\n\
Réimporter le même classeur ne crée aucun doublon. Code de sortie 4 si un classeur au moins est refusé."
)]
pub struct ImportArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Classeur(s) à importer (.xlsx, .ods ou .csv)
    #[arg(required = true, num_args = 1..)]
    pub workbooks: Vec<PathBuf>,
    /// N'écrit rien : montre ce qui serait créé, mis à jour ou inchangé
    #[arg(long)]
    pub dry_run: bool,
    /// Jour de réception des classeurs (AAAA-MM-JJ ; par défaut aujourd'hui) : le « reçu le » des bilans
    #[arg(long, value_name = "AAAA-MM-JJ")]
    pub received_on: Option<NaiveDate>,
    /// Affiche le compte rendu en JSON
    #[arg(long)]
    pub json: bool,
}

/// `copil import`: validates and imports each workbook (or only shows the plan with `--dry-run`).
pub fn run(args: &ImportArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
    let options = ImportOptions {
        dry_run: args.dry_run,
        received_on: args
            .received_on
            .unwrap_or_else(|| Local::now().date_naive()),
    };
    let batch = exchange::import_files(&mut store, &args.workbooks, options)?;
    let code = if batch.refused() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(4)
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&batch).unwrap_or_default()
        );
        return Ok(code);
    }
    let several = batch.workbooks.len() > 1;
    for w in &batch.workbooks {
        if several {
            println!("« {} »", w.file);
        }
        let indent = if several { "  " } else { "" };
        let Some(report) = &w.report else {
            println!(
                "{indent}Erreur — {}",
                w.error.as_deref().unwrap_or_default()
            );
            println!("{indent}Classeur illisible : rien n'a été enregistré de ce classeur.");
            continue;
        };
        for line in report.to_lines() {
            println!("{indent}{line}");
        }
        let (c, u, n) = report.totals();
        if !report.is_ok() {
            println!(
                "{indent}{} erreur(s) : rien n'a été enregistré de ce classeur. Corrigez-le puis relancez.",
                report.problems.len()
            );
        } else if report.applied {
            println!("{indent}Import terminé : {c} créé(s), {u} mis à jour, {n} inchangé(s).");
        } else {
            println!(
                "{indent}Simulation : {c} création(s), {u} mise(s) à jour, {n} inchangé(s) ; rien n'a été écrit."
            );
        }
    }
    if several {
        let verb = if args.dry_run {
            "importable(s)"
        } else {
            "importé(s)"
        };
        println!(
            "{} classeur(s) : {} {verb}, {} refusé(s).",
            batch.workbooks.len(),
            batch.imported(),
            batch.refused()
        );
    }
    for rate in &batch.rates {
        println!("{}", rate.text);
    }
    if let Some(b) = &batch.backup {
        println!("Sauvegarde préalable : {}", b.display());
    }
    Ok(code)
}
