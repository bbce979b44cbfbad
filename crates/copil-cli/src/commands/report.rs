//! `copil report`: the COPIL report as PDF, recorded as issued.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Local;
use clap::Args;
use copil_core::domain::Issue;
use copil_core::report::{issue, ReportOptions};
use copil_core::{CoreError, Result};

/// Arguments of `report`.
#[derive(Args)]
pub struct ReportArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Fichier PDF à écrire.
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
    /// Instance (COPIL, COTECH) pour laquelle le rapport est préparé (numéro) ; par défaut la prochaine.
    #[arg(long)]
    pub meeting: Option<i64>,
    /// Chiffres arrêtés à la fin de cette année (par défaut l'année en cours).
    #[arg(long)]
    pub year: Option<i32>,
    /// Limiter le rapport à un quartier (code QPV, ex. QN06201M).
    #[arg(long)]
    pub qpv: Option<String>,
    /// Sans les annexes (acteurs, quartiers, sources).
    #[arg(long)]
    pub no_annexes: bool,
    /// Date du rapport (AAAA-MM-JJ ; par défaut aujourd'hui).
    #[arg(long)]
    pub date: Option<chrono::NaiveDate>,
}

/// `copil report`: builds, renders and records the COPIL report.
pub fn run(a: &ReportArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut store = super::open(&a.file)?;
    let mut options = ReportOptions::for_today(a.date.unwrap_or_else(|| Local::now().date_naive()));
    if let Some(y) = a.year {
        options.year = y;
    }
    options.meeting_id = a.meeting;
    options.include_annexes = !a.no_annexes;
    if let Some(code) = &a.qpv {
        let district = store
            .district_by_code(code)?
            .ok_or_else(|| CoreError::Invalid {
                entity: "Rapport",
                issues: vec![Issue::error(
                    "qpv",
                    format!("Le quartier {code} n'existe pas dans ce contrat."),
                )],
            })?;
        options.district_id = Some(district.id);
    }
    let (pillar, doc) = issue::prepare(&store, &options)?;
    let rendered = copil_pdf::write_report(&doc, &a.output)?;
    let recorded = issue::record_issued(&mut store, &pillar, &options, &rendered.bytes)?;
    println!(
        "Rapport écrit : {} ({} pages, {} octets, {} ms)",
        a.output.display(),
        rendered.pages,
        rendered.bytes.len(),
        started.elapsed().as_millis()
    );
    if recorded.is_none() {
        println!("{}", issue::NOT_RECORDED);
    }
    Ok(ExitCode::SUCCESS)
}
