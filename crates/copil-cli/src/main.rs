//! `copil`: the command line of Copil, for scripts, tests and chefs de projet who like terminals.
//!
//! Exit codes: 0 success; 1 unexpected error; 2 wrong usage; 3 file refused (missing, not a
//! Copil file, damaged, newer version); 4 invalid data; 5 `check` found damage.

mod commands;
mod exchange;

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
    Init(commands::InitArgs),
    /// Écrit le contrat de démonstration (Lens-Liévin, ou synthétique avec --size medium|large).
    Demo(commands::DemoArgs),
    /// Vérifie l'intégrité, la version du schéma et résume les alertes.
    Check(commands::FileArgs),
    /// Affiche les effectifs et les totaux clés (texte ou JSON).
    Stats(commands::StatsArgs),
    /// Sauvegarde le fichier (dans son dossier de sauvegardes ou un autre).
    Backup(commands::BackupArgs),
    /// Liste les sauvegardes d'un fichier.
    Backups(commands::FileArgs),
    /// Restaure une sauvegarde (le fichier actuel est sauvegardé d'abord).
    Restore(commands::RestoreArgs),
    /// Affiche le journal des modifications.
    Log(commands::LogArgs),
    /// Produit le rapport PDF du comité de pilotage.
    Report(commands::ReportArgs),
    /// Écrit un classeur modèle à faire remplir par les porteurs.
    Template(exchange::TemplateArgs),
    /// Importe un classeur (XLSX, ODS ou CSV) après vérification de chaque ligne.
    Import(exchange::ImportArgs),
    /// Importe les QPV des communes du contrat depuis la liste officielle (listeqp2024-cog2024.csv).
    ImportQpv(exchange::ImportQpvArgs),
    /// Exporte tout le contrat en classeur XLSX ou en fichiers CSV.
    Export(exchange::ExportArgs),
}

/// Turns a subcommand's numeric status into an exit code.
fn exit(code: i32) -> ExitCode {
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init(a) => commands::init(a),
        Command::Demo(a) => commands::demo(a),
        Command::Check(a) => commands::check(a),
        Command::Stats(a) => commands::stats(a),
        Command::Backup(a) => commands::backup(a),
        Command::Backups(a) => commands::backups(a),
        Command::Restore(a) => commands::restore(a),
        Command::Log(a) => commands::log(a),
        Command::Report(a) => commands::report(a),
        Command::Template(a) => exchange::run_template(&a).map(exit),
        Command::Import(a) => exchange::run_import(&a).map(exit),
        Command::ImportQpv(a) => exchange::run_import_qpv(&a).map(exit),
        Command::Export(a) => exchange::run_export(&a).map(exit),
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
