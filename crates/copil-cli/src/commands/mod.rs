//! The subcommands, one file each (as cargo does): `Args` for clap and `run`, which opens the
//! file, calls the core and prints in French. Every `run` returns the process exit code; the
//! errors it returns become codes through [`exit_code`].

pub mod backup;
pub mod check;
pub mod collect;
pub mod collect_status;
pub mod demo;
pub mod export;
pub mod feed_places;
pub mod import;
pub mod import_coop;
pub mod import_ifn;
pub mod import_places;
pub mod import_qpv;
pub mod init;
pub mod log;
pub mod releve;
pub mod report;
pub mod stats;
pub mod template;

use std::path::{Path, PathBuf};

use chrono::Local;
use clap::Args;
use copil_core::domain::{Id, Issue};
use copil_core::figures::Scope;
use copil_core::{CoreError, ErrorCode, Result, Store};

/// Maps an error code to the documented exit code (README, `--help`): 3 file refused (missing,
/// a folder, not a Copil file, damaged, newer, locked or busy, read-only, access denied, WAL),
/// 4 invalid data, 1 a write that failed (full disk) or anything unexpected. Usage errors (2)
/// are clap's; damage found by `check` (5) is its own result, not an error.
pub fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::FileNotFound
        | ErrorCode::InvalidPath
        | ErrorCode::NotSqlite
        | ErrorCode::ForeignDatabase
        | ErrorCode::Damaged
        | ErrorCode::NewerSchema
        | ErrorCode::Locked
        | ErrorCode::Busy
        | ErrorCode::ReadOnly
        | ErrorCode::AccessDenied
        | ErrorCode::WalJournal
        | ErrorCode::AlreadyExists => 3,
        ErrorCode::Invalid | ErrorCode::Missing | ErrorCode::InUse | ErrorCode::BadInput => 4,
        ErrorCode::NoContract
        | ErrorCode::Io
        | ErrorCode::DiskFull
        | ErrorCode::Internal
        | ErrorCode::Spreadsheet
        | ErrorCode::Database
        | ErrorCode::Pdf => 1,
    }
}

/// What the command line adds to a core message: how to act on it from a terminal.
pub fn hint(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::Damaged => Some(
            "copil backups FICHIER liste les sauvegardes ; copil restore SAUVEGARDE FICHIER en restaure une.",
        ),
        ErrorCode::ReadOnly => Some(
            "La lecture reste possible (check, stats, report, export) ; copil backup FICHIER -o DOSSIER sauvegarde ailleurs.",
        ),
        _ => None,
    }
}

/// Opens a contract for editing (the core's one opening path) and tells its notices.
fn open(path: &Path) -> Result<Store> {
    told(Store::open(path)?)
}

/// Opens a contract for reading only (the core's one opening path) and tells its notices.
fn open_read_only(path: &Path) -> Result<Store> {
    told(Store::open_read_only(path)?)
}

/// Writes the store's notices (a WAL folded in, a read-only file) on the error output.
fn told(store: Store) -> Result<Store> {
    for notice in store.notices() {
        eprintln!("copil : {notice}");
    }
    Ok(store)
}

/// A contract file.
#[derive(Args)]
pub struct FileArgs {
    /// Fichier du contrat (.copil).
    pub file: PathBuf,
}

/// Today's scope: this year, the whole territory.
fn today_scope() -> Scope {
    Scope::today(Local::now().date_naive())
}

/// Writes a file through a temporary sibling so that a failure never leaves half a file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |source| CoreError::io(path, source);
    let tmp = path.with_extension("csv.tmp");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// The indicator a command names by its name (any case, any accents), or a French refusal
/// naming it.
pub fn indicator_named(store: &Store, name: &str, entity: &'static str) -> Result<Id> {
    let folded = copil_core::text::fold(name);
    store
        .indicators()?
        .into_iter()
        .find(|i| copil_core::text::fold(&i.name) == folded)
        .map(|i| i.id)
        .ok_or_else(|| CoreError::Invalid {
            entity,
            issues: vec![Issue::error(
                "indicator",
                format!("Aucun indicateur « {name} » dans ce contrat."),
            )],
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_has_a_documented_exit_code() {
        for code in ErrorCode::ALL {
            assert!(
                [1, 3, 4].contains(&exit_code(code)),
                "{code:?} → {}",
                exit_code(code)
            );
        }
        assert_eq!(exit_code(ErrorCode::Damaged), 3);
        assert_eq!(exit_code(ErrorCode::Invalid), 4);
        assert_eq!(exit_code(ErrorCode::BadInput), 4);
        assert_eq!(exit_code(ErrorCode::Pdf), 1);
    }
}
