//! `copil feed-places`: an indicator « lieux de médiation dans ou à proximité des QPV » given
//! its values by the lieux the contract holds, rather than counted by hand.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Local;
use clap::Args;
use copil_core::feed::{feed_from_places, PlacesFeed};
use copil_core::format::integer;
use copil_core::Result;

/// Arguments of `copil feed-places`.
#[derive(Debug, Args)]
pub struct FeedPlacesArgs {
    /// Fichier du contrat (.copil)
    pub file: PathBuf,
    /// Indicateur d'unité « nombre » à renseigner
    #[arg(long, value_name = "NOM")]
    pub indicator: String,
    /// Année des valeurs (par défaut : l'année en cours)
    #[arg(long)]
    pub year: Option<i32>,
    /// Distance en mètres sous laquelle un lieu est « à proximité » d'un QPV
    #[arg(long, value_name = "MÈTRES", default_value_t = copil_core::figures::DEFAULT_NEAR_METRES)]
    pub distance: f64,
    /// N'écrit rien : montre ce qui serait enregistré
    #[arg(long)]
    pub dry_run: bool,
    /// Affiche le compte rendu en JSON
    #[arg(long)]
    pub json: bool,
}

/// `copil feed-places`: counts the lieux in or near each QPV and records them.
pub fn run(args: &FeedPlacesArgs) -> Result<ExitCode> {
    let mut store = super::open(&args.file)?;
    let indicator_id = super::indicator_named(&store, &args.indicator, "Indicateur")?;
    let today = Local::now().date_naive();
    let year = args.year.unwrap_or_else(|| chrono::Datelike::year(&today));
    let feed = feed_from_places(
        &mut store,
        indicator_id,
        year,
        args.distance,
        today,
        args.dry_run,
    )?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&feed).unwrap_or_default()
        );
    } else {
        print_feed(&feed);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_feed(f: &PlacesFeed) {
    println!(
        "{} {} {} depuis les lieux de médiation :",
        f.name,
        f.year,
        if f.applied {
            "renseigné"
        } else {
            "serait renseigné (essai, rien n'est écrit)"
        }
    );
    for v in &f.values {
        let what = v
            .qpv
            .as_deref()
            .unwrap_or("territoire (chaque lieu compté une fois)");
        let before = v
            .previous
            .map(|p| format!(" (remplace {})", copil_core::format::plain_number(p)))
            .unwrap_or_default();
        println!("  {what} : {}{before}", integer(i64::from(v.value)));
    }
    println!("{}", f.method_text);
    println!("Source : {}", f.source);
}
