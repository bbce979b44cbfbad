//! `copil import-ifn`: La MedNum's indice de fragilité numérique for the contract's communes,
//! its EPCI and its QPVs.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::exchange::{import_ifn, IfnImportReport, IfnOptions};
use copil_core::format::number;
use copil_core::Result;

/// Arguments of `copil import-ifn`.
#[derive(Debug, Args)]
pub struct ImportIfnArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Fichier des communes de La MedNum (ifn-city-all-variation.csv)
    pub city: PathBuf,
    /// Fichier des EPCI (ifn-epci-all-variation.csv), gardé si le contrat a le SIREN de son EPCI
    pub epci: Option<PathBuf>,
    /// SIREN de l'EPCI du contrat, enregistré avant l'import
    #[arg(long)]
    pub siren: Option<String>,
    /// Indicateur d'unité « score » à alimenter avec les scores des QPV (répétable)
    #[arg(long, value_name = "NOM")]
    pub feed: Vec<String>,
    /// N'écrit rien : montre ce qui serait enregistré
    #[arg(long)]
    pub dry_run: bool,
    /// Affiche le compte rendu en JSON
    #[arg(long)]
    pub json: bool,
}

/// `copil import-ifn`: imports the scores (or only shows them with `--dry-run`).
pub fn run(args: &ImportIfnArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
    let mut feed = Vec::new();
    for name in &args.feed {
        feed.push(super::indicator_named(&store, name, "Import IFN")?);
    }
    let options = IfnOptions {
        city: args.city.clone(),
        epci: args.epci.clone(),
        siren: args.siren.clone(),
        feed,
        dry_run: args.dry_run,
        ..IfnOptions::default()
    };
    let report = import_ifn(&mut store, &options)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print_report(&report, args.dry_run);
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(4)
    })
}

fn print_report(r: &IfnImportReport, dry_run: bool) {
    let score = |s: Option<f64>| s.map_or("non renseigné".to_string(), |v| number(v, 1));
    for c in &r.communes {
        println!("{} ({}) : IFN {}", c.name, c.code, score(c.total));
    }
    if let Some(e) = &r.epci {
        println!("EPCI {} ({}) : IFN {}", e.name, e.code, score(e.total));
    }
    for m in &r.missing {
        println!("Absente du fichier : {m}");
    }
    for d in &r.districts {
        println!("QPV {} {} : IFN {}", d.code, d.name, score(d.after));
    }
    for f in &r.fed {
        println!(
            "Indicateur « {} » {} : {} valeur(s)",
            f.name, f.year, f.values
        );
    }
    for w in &r.warnings {
        println!("Attention — {w}");
    }
    for p in &r.problems {
        println!("Erreur — {p}");
    }
    if !r.problems.is_empty() {
        println!("Import refusé : rien n'a été écrit.");
    } else if dry_run {
        println!("Simulation : rien n'a été écrit.");
    } else if r.applied {
        println!("Import terminé. Source : {}", r.source);
    }
    if let Some(b) = &r.backup {
        println!("Sauvegarde préalable : {}", b.display());
    }
}
