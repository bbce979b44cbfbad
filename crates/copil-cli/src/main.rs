//! `copil`: the command line of Copil, for scripts, tests and chefs de projet who like terminals.
//!
//! Exit codes (mapped from `ErrorCode` by `commands::exit_code`): 0 success; 1 unexpected
//! error; 2 wrong usage; 3 file refused (missing, not a Copil file, damaged, newer version, held
//! by another process, read-only, already there); 4 invalid data; 5 `check` found damage.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Copil — suivi du pilier inclusion numérique d'un contrat de ville.
#[derive(Parser)]
#[command(name = "copil", version, about = "Copil — suivi du pilier inclusion numérique d'un contrat de ville", long_about = None)]
#[command(
    after_help = "Codes de sortie : 0 succès, 1 erreur inattendue, 2 usage incorrect, 3 fichier refusé, 4 données invalides, 5 fichier endommagé (check)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The subcommands, named in English as in git; help in French.
#[derive(Subcommand)]
enum Command {
    /// Crée un nouveau fichier de contrat (thèmes par défaut, QPV donnés par --qpv).
    Init(commands::init::InitArgs),
    /// Écrit le contrat de démonstration (Lens-Liévin, ou synthétique avec --size medium|large).
    Demo(commands::demo::DemoArgs),
    /// Vérifie l'intégrité, la version du schéma et résume les alertes.
    Check(commands::FileArgs),
    /// Affiche les effectifs et les totaux clés (texte ou JSON).
    Stats(commands::stats::StatsArgs),
    /// Sauvegarde le fichier (dans son dossier de sauvegardes ou un autre).
    Backup(commands::backup::BackupArgs),
    /// Liste les sauvegardes d'un fichier.
    Backups(commands::FileArgs),
    /// Restaure une sauvegarde (le fichier actuel est sauvegardé d'abord).
    Restore(commands::backup::RestoreArgs),
    /// Affiche le journal des modifications.
    Log(commands::log::LogArgs),
    /// Produit le rapport PDF du comité de pilotage.
    Report(commands::report::ReportArgs),
    /// Produit le relevé de décisions PDF d'une séance close (le réécrit s'il existe).
    Releve(commands::releve::ReleveArgs),
    /// Écrit un classeur modèle à faire remplir par les porteurs.
    Template(commands::template::TemplateArgs),
    /// Importe un ou plusieurs classeurs (XLSX, ODS ou CSV) après vérification de chaque ligne.
    Import(commands::import::ImportArgs),
    /// Ouvre la campagne de bilans d'une année et écrit un classeur par porteur.
    Collect(commands::collect::CollectArgs),
    /// Affiche l'état des bilans d'une campagne et le taux de retour.
    CollectStatus(commands::collect_status::CollectStatusArgs),
    /// Importe les QPV des communes du contrat depuis la liste officielle (listeqp2024-cog2024.csv).
    ImportQpv(commands::import_qpv::ImportQpvArgs),
    /// Importe l'export des accompagnements de La Coop de la médiation numérique dans les
    /// contributions d'une action (ou de l'action de chaque lieu).
    ImportCoop(commands::import_coop::ImportCoopArgs),
    /// Importe l'indice de fragilité numérique de La MedNum des communes du contrat et de son EPCI.
    ImportIfn(commands::import_ifn::ImportIfnArgs),
    /// Importe les lieux de médiation numérique (LaMednum, data·inclusion) des communes du contrat.
    ImportPlaces(commands::import_places::ImportPlacesArgs),
    /// Importe les contours des QPV du contrat (GeoJSON officiel des périmètres).
    ImportQpvGeo(commands::import_places::ImportQpvGeoArgs),
    /// Renseigne un indicateur « lieux de médiation dans ou à proximité des QPV » depuis les lieux du contrat.
    FeedPlaces(commands::feed_places::FeedPlacesArgs),
    /// Exporte tout le contrat en classeur XLSX ou en fichiers CSV.
    Export(commands::export::ExportArgs),
}

/// Restores the default action of SIGPIPE, which Rust ignores: `copil … | head` then ends
/// quietly when the reader closes the pipe, as other command-line tools do, instead of
/// panicking in `println!`. A write to the contract file is a SQLite transaction, so a command
/// stopped this way leaves the file as it was before it or as the command committed it.
fn end_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: called first in `main`, before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    end_quietly_on_closed_pipe();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Init(a) => commands::init::run(a),
        Command::Demo(a) => commands::demo::run(a),
        Command::Check(a) => commands::check::run(a),
        Command::Stats(a) => commands::stats::run(a),
        Command::Backup(a) => commands::backup::run(a),
        Command::Backups(a) => commands::backup::list(a),
        Command::Restore(a) => commands::backup::restore(a),
        Command::Log(a) => commands::log::run(a),
        Command::Report(a) => commands::report::run(a),
        Command::Releve(a) => commands::releve::run(a),
        Command::Template(a) => commands::template::run(a),
        Command::Import(a) => commands::import::run(a),
        Command::Collect(a) => commands::collect::run(a),
        Command::CollectStatus(a) => commands::collect_status::run(a),
        Command::ImportQpv(a) => commands::import_qpv::run(a),
        Command::ImportCoop(a) => commands::import_coop::run(a),
        Command::ImportIfn(a) => commands::import_ifn::run(a),
        Command::ImportPlaces(a) => commands::import_places::run(a),
        Command::ImportQpvGeo(a) => commands::import_places::run_geo(a),
        Command::FeedPlaces(a) => commands::feed_places::run(a),
        Command::Export(a) => commands::export::run(a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("copil : {e}");
            for issue in e.issues() {
                eprintln!("  - {} : {}", issue.field, issue.message);
            }
            if let Some(hint) = commands::hint(e.code()) {
                eprintln!("{hint}");
            }
            ExitCode::from(commands::exit_code(e.code()))
        }
    }
}
