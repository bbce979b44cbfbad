//! `copil import-coop`: the accompaniments of La Coop de la médiation numérique's export become
//! an action's contributions.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Local;
use clap::Args;
use copil_core::domain::{Issue, PlaceLink};
use copil_core::exchange::{import_coop, CoopImportReport, CoopOptions};
use copil_core::format::{integer, number};
use copil_core::text::fold;
use copil_core::{CoreError, Result};

/// Arguments of `copil import-coop`.
#[derive(Debug, Args)]
pub struct ImportCoopArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Export des accompagnements de La Coop (coop-numerique_accompagnements_AAAA-MM-JJ.xlsx) ou
    /// fichier « Statistiques » des conseillers numériques (CSV)
    pub export: PathBuf,
    /// Action qui reçoit tous les accompagnements (par défaut : l'action de chaque lieu, selon
    /// la correspondance enregistrée)
    #[arg(long, value_name = "TITRE")]
    pub action: Option<String>,
    /// Associe un lieu de l'export à une action : `--place "Nom du lieu=Titre de l'action"`
    /// (répétable ; la correspondance est gardée dans le fichier pour les imports suivants)
    #[arg(long = "place", value_name = "LIEU=ACTION")]
    pub places: Vec<String>,
    /// Ignore (et liste) les accompagnements datés hors de la période du contrat au lieu de
    /// refuser l'import
    #[arg(long)]
    pub skip_out_of_period: bool,
    /// N'écrit rien : montre les chiffres par année
    #[arg(long)]
    pub dry_run: bool,
    /// Affiche le compte rendu en JSON
    #[arg(long)]
    pub json: bool,
}

/// `copil import-coop`: imports the export (or only shows its figures with `--dry-run`).
pub fn run(args: &ImportCoopArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
    let actions = store.actions()?;
    let action_named = |title: &str| {
        actions
            .iter()
            .find(|a| fold(&a.title) == fold(title))
            .map(|a| a.id)
            .ok_or_else(|| CoreError::Invalid {
                entity: "Import La Coop",
                issues: vec![Issue::error(
                    "action",
                    format!("Aucune action « {} » dans ce contrat.", title.trim()),
                )],
            })
    };
    let action_id = args.action.as_deref().map(action_named).transpose()?;
    let mut places = Vec::new();
    for link in &args.places {
        let Some((place, action)) = link.split_once('=') else {
            return Err(CoreError::Invalid {
                entity: "Import La Coop",
                issues: vec![Issue::error(
                    "place",
                    format!("« {link} » : écrivez « Nom du lieu=Titre de l'action »."),
                )],
            });
        };
        places.push(PlaceLink {
            place: place.trim().to_string(),
            action_id: action_named(action)?,
        });
    }
    let options = CoopOptions {
        places,
        dry_run: args.dry_run,
        skip_out_of_period: args.skip_out_of_period,
        ..CoopOptions::new(action_id, Local::now().date_naive())
    };
    let report = import_coop(&mut store, &args.export, &options)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        );
    } else {
        print_report(&report, args.dry_run);
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(4)
    })
}

fn print_report(r: &CoopImportReport, dry_run: bool) {
    println!(
        "{} : {} accompagnement(s) lus.",
        r.file,
        integer(r.rows as i64)
    );
    for b in &r.bilans {
        let f = &b.figures;
        println!(
            "« {} » {} : {} accompagnement(s), {} activité(s), {} atelier(s) collectif(s) ({} participant(s)), {} h de médiation, {} orientation(s)",
            b.action,
            b.year,
            integer(f.accompaniments as i64),
            integer(f.activities as i64),
            integer(f.workshops as i64),
            integer(f.workshop_participants as i64),
            number(f.minutes as f64 / 60.0, 1),
            integer(f.redirections as i64),
        );
        for v in &b.values {
            let qpv = if v.district_code.is_empty() {
                String::new()
            } else {
                format!(" ({})", v.district_code)
            };
            println!("  {}{qpv} : {}", v.indicator, number(v.value, 1));
        }
        if let Some(replaces) = &b.replaces {
            println!("  remplace {replaces}");
        }
    }
    for w in &r.warnings {
        println!("Attention — {w}");
    }
    for p in &r.problems {
        println!("Erreur — {p}");
    }
    if !r.is_ok() {
        println!("Import refusé : rien n'a été écrit.");
    } else if dry_run {
        println!("Simulation : rien n'a été écrit.");
    } else if r.applied {
        println!("Import terminé.");
    } else {
        println!("Rien à changer : le contrat a déjà ces valeurs.");
    }
    if let Some(b) = &r.backup {
        println!("Sauvegarde préalable : {}", b.display());
    }
}
