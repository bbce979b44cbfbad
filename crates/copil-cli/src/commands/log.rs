//! `copil log`: the audit journal, on screen or exported as CSV.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::Result;

use super::write_atomically;

/// Arguments of `log`.
#[derive(Args)]
pub struct LogArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Nombre de lignes (les plus récentes).
    #[arg(short = 'n', long, default_value_t = 50)]
    pub lines: usize,
    /// Exporter tout le journal dans ce fichier CSV (séparateur « ; », UTF-8 avec BOM).
    #[arg(long)]
    pub csv: Option<PathBuf>,
}

/// `copil log`.
pub fn run(a: &LogArgs) -> Result<ExitCode> {
    let store = super::open_read_only(&a.file)?;
    if let Some(path) = &a.csv {
        let mut text = String::from("\u{feff}date;utilisateur;opération;élément;numéro;résumé\n");
        for e in store.audit_log(usize::MAX >> 1)?.iter().rev() {
            let cells = [
                e.at.clone(),
                e.user.clone(),
                e.operation.clone(),
                e.entity.clone(),
                e.entity_id.map(|i| i.to_string()).unwrap_or_default(),
                e.summary.clone(),
            ];
            let quoted: Vec<String> = cells
                .iter()
                .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
                .collect();
            text.push_str(&quoted.join(";"));
            text.push('\n');
        }
        write_atomically(path, text.as_bytes())?;
        println!("Journal exporté : {}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    for e in store.audit_log(a.lines)? {
        println!(
            "{}\t{}\t{}\t{}\t{}",
            e.at, e.user, e.operation, e.entity, e.summary
        );
    }
    Ok(ExitCode::SUCCESS)
}
