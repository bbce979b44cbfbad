//! `copil releve`: the relevé de décisions of a closed séance as PDF, recorded as issued.

use std::path::PathBuf;
use std::process::ExitCode;

use chrono::Local;
use clap::Args;
use copil_core::report::issue;
use copil_core::Result;

/// Arguments of `releve`.
#[derive(Args)]
pub struct ReleveArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Instance (numéro) dont la séance est close.
    #[arg(long)]
    pub meeting: i64,
    /// Fichier PDF à écrire (remplacé s'il existe).
    #[arg(short = 'o', long = "output")]
    pub output: PathBuf,
}

/// `copil releve`: builds, renders and records the relevé of a closed séance (written again
/// each time it is asked for).
pub fn run(a: &ReleveArgs) -> Result<ExitCode> {
    let started = std::time::Instant::now();
    let mut store = super::open(&a.file)?;
    let (_, doc) = issue::prepare_releve(&store, a.meeting)?;
    let rendered = copil_pdf::write_report(&doc, &a.output)?;
    let recorded = if store.is_read_only() {
        " ; fichier en lecture seule : non inscrit dans la liste des rapports émis"
    } else {
        issue::record_releve(
            &mut store,
            a.meeting,
            Local::now().naive_local(),
            &rendered.bytes,
        )?;
        ""
    };
    println!(
        "Relevé de décisions écrit : {} ({} page{}, {} octets, {} ms{recorded})",
        a.output.display(),
        rendered.pages,
        if rendered.pages > 1 { "s" } else { "" },
        rendered.bytes.len(),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}
