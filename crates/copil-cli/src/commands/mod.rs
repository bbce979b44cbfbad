//! The subcommands, one file each (as cargo does): `Args` for clap and `run`, which opens the
//! file, calls the core and prints in French. Every `run` returns the process exit code; the
//! errors it returns become codes through [`exit_code`].

pub mod backup;
pub mod check;
pub mod demo;
pub mod export;
pub mod import;
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
use copil_core::figures::Scope;
use copil_core::{CoreError, ErrorCode, Result};

/// Maps an error code to the documented exit code (README, `--help`): 3 file refused,
/// 4 invalid data, 1 anything unexpected. Usage errors (2) are clap's; damage found by
/// `check` (5) is its own result, not an error.
pub fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::FileNotFound
        | ErrorCode::InvalidPath
        | ErrorCode::NotSqlite
        | ErrorCode::ForeignDatabase
        | ErrorCode::Damaged
        | ErrorCode::NewerSchema
        | ErrorCode::Locked
        | ErrorCode::ReadOnly
        | ErrorCode::AlreadyExists => 3,
        ErrorCode::Invalid | ErrorCode::Missing | ErrorCode::InUse => 4,
        ErrorCode::NoContract
        | ErrorCode::Io
        | ErrorCode::Internal
        | ErrorCode::Spreadsheet
        | ErrorCode::Database
        | ErrorCode::Pdf => 1,
    }
}

/// What the command line adds to a core message: how to act on it from a terminal.
pub fn hint(code: ErrorCode) -> Option<&'static str> {
    (code == ErrorCode::Damaged).then_some(
        "copil backups FICHIER liste les sauvegardes ; copil restore SAUVEGARDE FICHIER en restaure une.",
    )
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
    let io = |source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let tmp = path.with_extension("csv.tmp");
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
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
        assert_eq!(exit_code(ErrorCode::Pdf), 1);
    }
}
