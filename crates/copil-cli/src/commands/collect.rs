//! `copil collect`: opens (or moves) a year's collection round and writes one workbook per porteur.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Args;
use copil_core::exchange::{self, CollectRequest};
use copil_core::format::date_long;
use copil_core::{CoreError, Result};

/// Arguments of `copil collect`.
#[derive(Debug, Args)]
#[command(
    about = "Ouvre la campagne de bilans d'une année et écrit un classeur par porteur",
    long_about = "Ouvre (ou met à jour) la campagne de bilans de l'année et écrit, dans le dossier donné, un classeur par porteur :\n\
ses actions, les valeurs attendues de chacune (action, indicateur, année, QPV) avec la valeur de l'année précédente pour rappel,\n\
ses financements, et la date limite de retour. Le porteur le remplit et le renvoie ; copil import le relit.\n\
Relancé sur une campagne ouverte (sans --due), il réécrit les classeurs avec les valeurs déjà reçues."
)]
pub struct CollectArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Année dont les bilans sont demandés (ex. 2026)
    #[arg(long, value_name = "AAAA")]
    pub year: i32,
    /// Date limite de retour (AAAA-MM-JJ) : ouvre la campagne, ou change celle d'une campagne ouverte
    #[arg(long, value_name = "AAAA-MM-JJ")]
    pub due: Option<NaiveDate>,
    /// Dossier où écrire les classeurs (créé au besoin)
    #[arg(short = 'o', long = "output", value_name = "DOSSIER")]
    pub output: PathBuf,
    /// Remplace les classeurs de même nom déjà présents dans le dossier
    #[arg(long)]
    pub overwrite: bool,
    /// Affiche le compte rendu en JSON
    #[arg(long)]
    pub json: bool,
}

/// `copil collect`: the round saved, the porteurs' workbooks written.
pub fn run(args: &CollectArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
    let request = CollectRequest {
        year: args.year,
        due_date: args.due,
        dir: args.output.clone(),
        overwrite: args.overwrite,
    };
    let collection = match exchange::collect(&mut store, &request) {
        Err(e @ CoreError::AlreadyExists(_)) => {
            eprintln!("copil : {e}");
            eprintln!("Un classeur renvoyé par un porteur pourrait s'y trouver : choisissez un autre dossier, ou relancez avec --overwrite pour remplacer ces classeurs.");
            return Ok(ExitCode::from(super::exit_code(e.code())));
        }
        other => other?,
    };
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&collection).unwrap_or_default()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let round = &collection.round;
    println!(
        "Campagne de bilans {} : date limite de retour le {}.",
        round.year,
        date_long(round.due_date)
    );
    for w in &collection.warnings {
        println!("Attention — {}", w.message);
    }
    for w in &collection.workbooks {
        let received = if w.values_received > 0 {
            format!(", dont {} déjà reçue(s)", w.values_received)
        } else {
            String::new()
        };
        println!(
            "{} — {} action(s), {} valeur(s) attendue(s){received} : {}",
            w.porteur,
            w.actions.len(),
            w.values_expected,
            w.path.display()
        );
    }
    println!(
        "{} classeur(s) écrit(s) dans {}.",
        collection.workbooks.len(),
        args.output.display()
    );
    for title in &collection.without_porteur {
        println!("Sans porteur, aucun classeur : « {title} ».");
    }
    for title in &collection.without_indicators {
        println!("Aucun indicateur renseigné, rien n'est demandé : « {title} ».");
    }
    Ok(ExitCode::SUCCESS)
}
