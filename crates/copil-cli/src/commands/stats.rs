//! `copil stats`: headcounts and key totals, as text or JSON.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::figures::{self, Pillar};
use copil_core::Result;

use super::today_scope;

/// Arguments of `stats`.
#[derive(Args)]
pub struct StatsArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Sortie JSON (pour les scripts).
    #[arg(long)]
    pub json: bool,
}

/// `copil stats`.
pub fn run(a: &StatsArgs) -> Result<ExitCode> {
    let store = super::open_read_only(&a.file)?;
    let p = Pillar::load(&store)?;
    let scope = today_scope();
    let k = figures::key_figures(&p, &scope);
    if a.json {
        let value = serde_json::json!({
            "contract": p.contract.name,
            "epci": p.contract.epci,
            "period": [p.contract.start_year, p.contract.end_year],
            "counts": {
                "districts": p.districts.len(),
                "themes": p.themes.len(),
                "objectives": p.objectives.len(),
                "indicators": p.indicators.len(),
                "measurements": p.measurements.len(),
                "actors": p.actors.len(),
                "actions": p.actions.len(),
                "fundings": p.fundings.len(),
                "meetings": p.meetings.len(),
                "decisions": p.decisions.len(),
            },
            "key_figures": k,
            "alerts": figures::alerts(&p, &scope).len(),
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!("{} — {}", p.contract.name, p.contract.epci);
    println!(
        "Période : {}–{}",
        p.contract.start_year, p.contract.end_year
    );
    println!(
        "Quartiers : {}   Thèmes : {} (dont {} couverts)",
        p.districts.len(),
        k.themes,
        k.themes_covered
    );
    println!(
        "Objectifs : {}   Indicateurs : {} (atteints {}, en bonne voie {}, en retard {})",
        k.objectives, k.indicators, k.indicators_reached, k.indicators_on_track, k.indicators_late
    );
    println!(
        "Actions : {} (en cours {}, réalisées {})   Acteurs : {}",
        k.actions,
        k.actions_running,
        k.actions_done,
        p.actors.len()
    );
    println!(
        "Financements : {} lignes, attribué {}, versé {}",
        p.fundings.len(),
        euros(k.granted_cents),
        euros(k.paid_cents)
    );
    println!(
        "Instances : {}   Décisions ouvertes : {} (dont {} en retard)",
        p.meetings.len(),
        k.open_decisions,
        k.overdue_decisions
    );
    Ok(ExitCode::SUCCESS)
}

fn euros(cents: i64) -> String {
    copil_core::format::euros_from_cents(cents)
}
