//! `copil backup`, `copil backups`, `copil restore`: the backups of a contract file.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use copil_core::store;
use copil_core::Result;

use super::FileArgs;

/// Arguments of `backup`.
#[derive(Args)]
pub struct BackupArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
    /// Dossier de destination (par défaut : « <nom>.sauvegardes » à côté du fichier).
    #[arg(short = 'o', long = "output")]
    pub output: Option<PathBuf>,
}

/// Arguments of `restore`.
#[derive(Args)]
pub struct RestoreArgs {
    /// Sauvegarde à restaurer.
    pub backup: PathBuf,
    /// Fichier du contrat à remplacer.
    pub file: PathBuf,
}

/// `copil backup`.
pub fn run(a: &BackupArgs) -> Result<ExitCode> {
    let store = super::open_read_only(&a.file)?;
    let path = store.backup(a.output.as_deref(), "manuelle")?;
    println!("Sauvegarde écrite : {}", path.display());
    Ok(ExitCode::SUCCESS)
}

/// `copil backups`.
pub fn list(a: &FileArgs) -> Result<ExitCode> {
    let list = store::list_backups(&a.file)?;
    if list.is_empty() {
        println!(
            "Aucune sauvegarde dans {}",
            store::backup_dir_for(&a.file).display()
        );
    }
    for b in list {
        println!("{}\t{} octets", b.path, b.bytes);
    }
    Ok(ExitCode::SUCCESS)
}

/// `copil restore`.
pub fn restore(a: &RestoreArgs) -> Result<ExitCode> {
    let safety = store::restore(&a.backup, &a.file)?;
    println!("Sauvegarde restaurée dans {}", a.file.display());
    if let Some(s) = safety {
        println!("L'ancien fichier a été sauvegardé : {}", s.display());
    }
    Ok(ExitCode::SUCCESS)
}
