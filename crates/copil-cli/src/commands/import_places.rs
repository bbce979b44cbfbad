//! `copil import-places` and `copil import-qpv-geo`: the lieux de médiation numérique of the
//! national directories, and the QPVs' outlines.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::exchange;
use copil_core::Result;

/// Arguments of `copil import-places`.
#[derive(Debug, Args)]
#[command(
    about = "Importe les lieux de médiation numérique (fichier LaMednum ou data·inclusion, CSV, JSON ou XLSX) situés dans les communes du contrat, avec les services de data·inclusion (--services)"
)]
pub struct ImportPlacesArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Fichier des lieux (.csv, .json, .xlsx)
    pub places: PathBuf,
    /// Fichier des services de data·inclusion (services-inclusion-….csv, .json, .xlsx) :
    /// chaque service est rattaché au lieu de sa structure (structure_id et source)
    #[arg(long, value_name = "SERVICES")]
    pub services: Option<PathBuf>,
    /// N'écrit rien : montre ce qui serait créé, mis à jour, ignoré, et pourquoi
    #[arg(long)]
    pub dry_run: bool,
}

/// `copil import-places`: imports the lieux of a directory file.
pub fn run(args: &ImportPlacesArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
    let report = exchange::import_places_with_services(
        &mut store,
        &args.places,
        args.services.as_deref(),
        args.dry_run,
    )?;
    for p in &report.problems {
        println!("Erreur — {p}");
    }
    for p in &report.warnings {
        println!("Attention — {p}");
    }
    for name in &report.created {
        println!("Créé : {name}");
    }
    for name in &report.updated {
        println!("Mis à jour : {name}");
    }
    for i in &report.ignored {
        println!("Ignoré (ligne {}) : {} — {}", i.line, i.name, i.reason);
    }
    for i in &report.services_ignored {
        println!(
            "Service écarté (ligne {}) : {} — {}",
            i.line, i.name, i.reason
        );
    }
    for name in &report.disappeared {
        println!("Absent du fichier (conservé) : {name}");
    }
    for name in &report.actors_created {
        println!("Acteur créé : {name}");
    }
    let verb = if report.applied {
        "Lieux importés"
    } else {
        "Simulation (rien n'a été écrit)"
    };
    println!("{verb} : {}.", report.summary());
    if let Some(b) = &report.backup {
        println!("Sauvegarde avant import : {}", b.display());
    }
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(4)
    })
}

/// Arguments of `copil import-qpv-geo`.
#[derive(Debug, Args)]
#[command(
    about = "Importe les contours des QPV du contrat depuis le GeoJSON officiel des périmètres (EPSG:4326)"
)]
pub struct ImportQpvGeoArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Périmètres des QPV (.geojson)
    pub perimeters: PathBuf,
    /// N'écrit rien : montre les QPV trouvés et manquants
    #[arg(long)]
    pub dry_run: bool,
}

/// `copil import-qpv-geo`: stores the outlines of the contract's QPVs.
pub fn run_geo(args: &ImportQpvGeoArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
    let report = exchange::import_qpv_geo(&mut store, &args.perimeters, args.dry_run)?;
    let verb = if report.applied {
        "Contours importés"
    } else {
        "Simulation (rien n'a été écrit)"
    };
    println!(
        "{verb} : {} QPV du contrat ({}), {} QPV du fichier hors du contrat.",
        report.matched.len(),
        report.matched.join(", "),
        report.ignored
    );
    if !report.missing.is_empty() {
        println!(
            "Sans contour dans le fichier : {}",
            report.missing.join(", ")
        );
    }
    if let Some(b) = &report.backup {
        println!("Sauvegarde avant import : {}", b.display());
    }
    Ok(ExitCode::SUCCESS)
}
