//! `copil export`: the whole contract as an XLSX workbook or one CSV per sheet.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{ArgGroup, Args};
use copil_core::exchange;
use copil_core::Result;

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

/// `copil export`: writes the whole contract as XLSX or as one CSV per entity.
pub fn run(args: &ExportArgs) -> Result<ExitCode> {
    let store = super::open_read_only(&args.file)?;
    if let Some(out) = &args.output {
        exchange::export_xlsx(&store, out)?;
        println!("Classeur écrit : {}", out.display());
    }
    if let Some(dir) = &args.csv {
        let files = exchange::export_csv(&store, dir)?;
        println!("{} fichiers CSV écrits dans {}", files.len(), dir.display());
    }
    Ok(ExitCode::SUCCESS)
}
