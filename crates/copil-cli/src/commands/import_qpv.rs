//! `copil import-qpv`: the contract's QPVs from the official list.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::exchange;
use copil_core::Result;

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

/// `copil import-qpv`: imports the contract's QPVs from the official list.
pub fn run(args: &ImportQpvArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
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
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(4)
    })
}
