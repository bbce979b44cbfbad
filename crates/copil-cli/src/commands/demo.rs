//! `copil demo`: the demonstration contract, or a synthetic one for the benchmarks.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::figures::Pillar;
use copil_core::Result;

/// Arguments of `demo`.
#[derive(Args)]
pub struct DemoArgs {
    /// Fichier à créer (.copil) ; il ne doit pas exister.
    pub file: PathBuf,
    /// Contrat synthétique pour les mesures de performance : `medium` ou `large`
    /// (par défaut : le contrat de démonstration réaliste de Lens-Liévin).
    #[arg(long, value_parser = parse_demo_size)]
    pub size: Option<copil_core::demo::synthetic::DemoSize>,
    /// Ajoute les données du terrain : l'export de La Coop de la médiation numérique des
    /// conseillers numériques et l'indice de fragilité numérique des communes.
    #[arg(long, conflicts_with = "size")]
    pub field: bool,
}

fn parse_demo_size(
    text: &str,
) -> std::result::Result<copil_core::demo::synthetic::DemoSize, String> {
    copil_core::demo::synthetic::DemoSize::parse(text)
        .ok_or_else(|| format!("taille « {text} » inconnue : medium ou large"))
}

/// `copil demo`.
pub fn run(a: &DemoArgs) -> Result<ExitCode> {
    let mut store = match a.size {
        // The séances' relevés are recorded with the hash of the PDF `copil releve` writes.
        None => {
            copil_core::demo::create_demo_with(&a.file, &|doc| Ok(copil_pdf::render(doc)?.bytes))?
        }
        Some(size) => copil_core::demo::synthetic::create_large_demo(&a.file, size)?,
    };
    if a.field {
        copil_core::demo::field::add_field_data(&mut store)?;
    }
    let p = Pillar::load(&store)?;
    println!(
        "Contrat de démonstration écrit : {} ({} quartiers, {} objectifs, {} indicateurs, {} actions).",
        a.file.display(),
        p.districts.len(),
        p.objectives.len(),
        p.indicators.len(),
        p.actions.len()
    );
    Ok(ExitCode::SUCCESS)
}
