//! `copil collect-status`: where each bilan of a round stands, and the reporting rate.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Args;
use copil_core::domain::Issue;
use copil_core::figures::{self, BilanState, Pillar};
use copil_core::format::date_long;
use copil_core::{CoreError, Result};

/// Arguments of `copil collect-status`.
#[derive(Debug, Args)]
#[command(
    about = "Affiche l'état de chaque bilan attendu d'une campagne et le taux de retour",
    long_about = "Affiche, porteur par porteur, chaque bilan attendu de la campagne de l'année : attendu, partiel, reçu (le …) ou en retard,\n\
avec les valeurs reçues sur les valeurs attendues ; puis le taux de retour (reçus / attendus, dont à temps).\n\
--reminders écrit en plus un texte de relance par porteur en retard (Copil n'envoie aucun message)."
)]
pub struct CollectStatusArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Année de la campagne (ex. 2026)
    #[arg(long, value_name = "AAAA")]
    pub year: i32,
    /// Date à laquelle juger les retards (AAAA-MM-JJ ; par défaut aujourd'hui)
    #[arg(long, value_name = "AAAA-MM-JJ")]
    pub date: Option<NaiveDate>,
    /// Affiche aussi un texte de relance pour chaque porteur en retard
    #[arg(long)]
    pub reminders: bool,
    /// Sortie JSON (pour les scripts)
    #[arg(long)]
    pub json: bool,
}

/// `copil collect-status`.
pub fn run(args: &CollectStatusArgs) -> Result<ExitCode> {
    let store = super::open_read_only(&args.file)?;
    let p = Pillar::load(&store)?;
    let today = args.date.unwrap_or_else(|| Local::now().date_naive());
    let Some(status) = figures::round_status(&p, args.year, today) else {
        return Err(CoreError::Invalid {
            entity: "Campagne de bilans",
            issues: vec![Issue::error(
                "year",
                format!(
                    "Aucune campagne de bilans n'est ouverte pour {} : ouvrez-la avec copil collect FICHIER --year {} --due AAAA-MM-JJ -o DOSSIER.",
                    args.year, args.year
                ),
            )],
        });
    };
    let reminders = args
        .reminders
        .then(|| figures::bilan_reminders(&p, args.year, today));
    if args.json {
        let value = serde_json::json!({ "status": status, "reminders": reminders });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "Campagne de bilans {} — date limite de retour le {} ; état au {}.",
        args.year,
        date_long(status.round.due_date),
        date_long(today)
    );
    let mut porteur = None;
    for b in &status.bilans {
        if porteur != Some(&b.porteur) {
            porteur = Some(&b.porteur);
            let name = if b.porteur.is_empty() {
                "Sans porteur"
            } else {
                &b.porteur
            };
            println!("{name}");
        }
        let state = match (b.state, b.received_on) {
            (BilanState::Received, Some(day)) if b.on_time => format!("reçu le {}", date_long(day)),
            (BilanState::Received, Some(day)) => {
                format!("reçu le {} (après la date limite)", date_long(day))
            }
            (s, _) => s.label().to_lowercase(),
        };
        let by_hand = if b.marked_received {
            ", marqué reçu"
        } else {
            ""
        };
        let values = if b.values_expected > 1 {
            "valeurs"
        } else {
            "valeur"
        };
        println!(
            "  {state} — « {} » ({} / {} {values}{by_hand})",
            b.action, b.values_received, b.values_expected
        );
    }
    let r = &status.rate;
    println!("{}", r.text);
    println!(
        "{} partiel(s), {} en retard, {} attendu(s) sans réponse.",
        r.partial,
        r.late,
        r.expected - r.received - r.partial - r.late
    );
    if !status.actions_without_indicators.is_empty() {
        println!(
            "{} action(s) active(s) en {} sans indicateur renseigné : rien ne leur est demandé.",
            status.actions_without_indicators.len(),
            args.year
        );
    }
    for r in reminders.unwrap_or_default() {
        println!("\n—— Relance : {} ——", r.porteur);
        println!("{}\n\n{}", r.subject, r.body);
    }
    Ok(ExitCode::SUCCESS)
}
