//! `copil template`, `copil import`, `copil import-qpv`, `copil export`: spreadsheet exchange.
//!
//! The main CLI wires these in: `Template(TemplateArgs) => exchange::run_template(&args)`, etc.
//! Each `run_*` returns the process exit code (0 = done, 2 = problems found, nothing written).

use std::path::PathBuf;

use clap::{ArgGroup, Args};
use copil_core::exchange;
use copil_core::{Result, Store};

/// Arguments of `copil template`.
#[derive(Debug, Args)]
#[command(about = "Écrit un classeur de collecte (XLSX) à faire remplir par les porteurs")]
pub struct TemplateArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Classeur à écrire (ex. modele.xlsx)
    #[arg(short = 'o', long = "output", value_name = "MODELE.xlsx")]
    pub output: PathBuf,
    /// Pré-remplit le classeur avec les actions, financements et décisions de ce porteur
    #[arg(long, value_name = "PORTEUR")]
    pub actor: Option<String>,
}

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

/// Arguments of `copil import-qpv`.
#[derive(Debug, Args)]
#[command(
    about = "Importe les QPV des communes du contrat depuis la liste officielle (listeqp2024-cog2024.csv)"
)]
pub struct ImportQpvArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Liste officielle des QPV (CSV ; séparé par des points-virgules, UTF-8 avec BOM)
    pub list: PathBuf,
    /// Codes INSEE des communes à retenir (par défaut : celles du contrat), séparés par des virgules
    #[arg(long, value_delimiter = ',', value_name = "INSEE,…")]
    pub communes: Vec<String>,
    /// N'écrit rien : montre ce qui serait créé, mis à jour ou inchangé
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `copil export`.
#[derive(Debug, Args)]
#[command(
    about = "Exporte tout le contrat : un classeur XLSX (une feuille par entité) ou un dossier de CSV"
)]
#[command(group(ArgGroup::new("cible").required(true).args(["output", "csv"])))]
pub struct ExportArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Classeur XLSX à écrire (ex. contrat.xlsx)
    #[arg(short = 'o', long = "output", value_name = "CONTRAT.xlsx")]
    pub output: Option<PathBuf>,
    /// Dossier où écrire un CSV par entité (séparateur ;, UTF-8 avec BOM)
    #[arg(long, value_name = "DOSSIER")]
    pub csv: Option<PathBuf>,
}

/// `copil template`: writes the collection workbook.
pub fn run_template(args: &TemplateArgs) -> Result<i32> {
    let store = Store::open_read_only(&args.file)?;
    exchange::write_template(&store, &args.output, args.actor.as_deref())?;
    println!("Modèle de collecte écrit : {}", args.output.display());
    Ok(0)
}

/// `copil import`: validates and imports a workbook (or only shows the plan with `--dry-run`).
pub fn run_import(args: &ImportArgs) -> Result<i32> {
    let mut store = Store::open(&args.file)?;
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
    Ok(if report.is_ok() { 0 } else { 4 })
}

/// `copil import-qpv`: imports the contract's QPVs from the official list.
pub fn run_import_qpv(args: &ImportQpvArgs) -> Result<i32> {
    let mut store = Store::open(&args.file)?;
    let communes: Vec<String> = args
        .communes
        .iter()
        .map(|c| c.trim().to_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    let (plan, problems) =
        exchange::import_qpv_list(&mut store, &args.list, &communes, args.dry_run)?;
    for p in &problems {
        println!("Erreur — {p}");
    }
    let verb = if args.dry_run || !problems.is_empty() {
        "Simulation (rien n'a été écrit)"
    } else {
        "QPV importés"
    };
    println!(
        "{verb} : {} créé(s), {} mis à jour, {} inchangé(s).",
        plan.created, plan.updated, plan.unchanged
    );
    Ok(if problems.is_empty() { 0 } else { 4 })
}

/// `copil export`: writes the whole contract as XLSX or as one CSV per entity.
pub fn run_export(args: &ExportArgs) -> Result<i32> {
    let store = Store::open_read_only(&args.file)?;
    if let Some(out) = &args.output {
        exchange::export_xlsx(&store, out)?;
        println!("Classeur écrit : {}", out.display());
    }
    if let Some(dir) = &args.csv {
        let files = exchange::export_csv(&store, dir)?;
        println!("{} fichiers CSV écrits dans {}", files.len(), dir.display());
    }
    Ok(0)
}
