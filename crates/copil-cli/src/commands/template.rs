//! `copil template`: the collection workbook the porteurs fill in.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::exchange;
use copil_core::Result;

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

/// `copil template`: writes the collection workbook.
pub fn run(args: &TemplateArgs) -> Result<ExitCode> {
    let store = super::open_read_only(&args.file)?;
    exchange::write_template(&store, &args.output, args.actor.as_deref())?;
    println!("Modèle de collecte écrit : {}", args.output.display());
    Ok(ExitCode::SUCCESS)
}
