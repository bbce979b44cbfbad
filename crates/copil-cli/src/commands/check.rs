//! `copil check`: integrity, schema version and the alerts, without writing a byte.

use std::process::ExitCode;

use copil_core::domain::Severity;
use copil_core::figures::{self, Pillar};
use copil_core::store::schema;
use copil_core::{CoreError, Result};

use super::{hint, today_scope, FileArgs};

/// `copil check`: integrity, version, alerts summary; exit 5 on damage.
pub fn run(a: &FileArgs) -> Result<ExitCode> {
    let store = match super::open_read_only(&a.file) {
        Err(e @ CoreError::Damaged { .. }) => {
            eprintln!("copil : {e}");
            if let Some(hint) = hint(e.code()) {
                eprintln!("{hint}");
            }
            return Ok(ExitCode::from(5));
        }
        other => other?,
    };
    let integrity = store.integrity_check()?;
    let ok = integrity.len() == 1 && integrity[0] == "ok";
    println!("Fichier : {}", a.file.display());
    println!(
        "Schéma : version {} (cette version de Copil : {})",
        store.schema_version()?,
        schema::SCHEMA_VERSION
    );
    println!(
        "Intégrité : {}",
        if ok {
            "ok".to_string()
        } else {
            integrity.join(" ; ")
        }
    );
    let p = Pillar::load(&store)?;
    let alerts = figures::alerts(&p, &today_scope());
    let errors = alerts
        .iter()
        .filter(|a| a.severity == Severity::Error)
        .count();
    println!(
        "Alertes : {} ({} à traiter, {} de vigilance)",
        alerts.len(),
        errors,
        alerts.len() - errors
    );
    for alert in &alerts {
        let tag = if alert.severity == Severity::Error {
            "ALERTE"
        } else {
            "vigilance"
        };
        println!("  [{tag}] {}", alert.message);
    }
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(5)
    })
}
