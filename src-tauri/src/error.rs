//! The error that crosses IPC: a stable code for the UI and a French message for the user.

use copil_core::domain::Issue;
use copil_core::CoreError;
use serde::Serialize;
use ts_rs::TS;

/// Stable machine-readable error codes the UI can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The file does not exist or cannot be read.
    FileNotFound,
    /// The path is a folder or otherwise not a usable file.
    InvalidPath,
    /// No contract is open but the command needs one.
    NoContract,
    /// Reading or writing a file failed.
    Io,
    /// The feature is not wired yet (phase 2: copil-core).
    NotAvailable,
    /// An unexpected internal failure (poisoned lock, …).
    Internal,
    /// Not a Copil file: not SQLite at all.
    NotSqlite,
    /// An SQLite database of another application.
    ForeignDatabase,
    /// The file is damaged.
    Damaged,
    /// Written by a newer Copil.
    NewerSchema,
    /// The file is open read-only: no edit possible.
    ReadOnly,
    /// A file already exists where a new one should be created.
    AlreadyExists,
    /// Another process holds the file.
    Locked,
    /// A record failed validation (see `issues`).
    Invalid,
    /// A referenced record does not exist.
    Missing,
    /// A record cannot be deleted because others depend on it.
    InUse,
    /// A spreadsheet cannot be read.
    Spreadsheet,
    /// SQLite failed.
    Database,
    /// The PDF could not be drawn.
    Pdf,
}

/// Error returned by every command; serialised as `{ code, message }`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    /// Stable code (English, snake_case).
    pub code: ErrorCode,
    /// Message in French, ready to show to the user.
    pub message: String,
    /// Field-by-field findings when `code` is `invalid` (empty otherwise).
    pub issues: Vec<Issue>,
}

impl CommandError {
    /// Builds an error from a code and a French message.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            issues: Vec::new(),
        }
    }

    /// The file at `path` is missing or unreadable.
    pub fn file_not_found(path: &std::path::Path) -> Self {
        Self::new(
            ErrorCode::FileNotFound,
            format!("Le fichier « {} » est introuvable.", path.display()),
        )
    }

    /// A feature that arrives with copil-core (phase 2).
    pub fn not_available(what: &str) -> Self {
        Self::new(
            ErrorCode::NotAvailable,
            format!("{what} n'est pas encore disponible dans cette version de Copil."),
        )
    }

    /// The application state lock was poisoned by a panic.
    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "Erreur interne de Copil. Fermez puis rouvrez l'application.",
        )
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}

impl From<CoreError> for CommandError {
    fn from(e: CoreError) -> Self {
        let code = match &e {
            CoreError::NotFound(_) => ErrorCode::FileNotFound,
            CoreError::NotSqlite(_) => ErrorCode::NotSqlite,
            CoreError::ForeignDatabase(_) => ErrorCode::ForeignDatabase,
            CoreError::Damaged { .. } => ErrorCode::Damaged,
            CoreError::NewerSchema { .. } => ErrorCode::NewerSchema,
            CoreError::ReadOnly(_) => ErrorCode::ReadOnly,
            CoreError::AlreadyExists(_) => ErrorCode::AlreadyExists,
            CoreError::Locked { .. } => ErrorCode::Locked,
            CoreError::Invalid { .. } => ErrorCode::Invalid,
            CoreError::Missing { .. } => ErrorCode::Missing,
            CoreError::InUse { .. } => ErrorCode::InUse,
            CoreError::Io { .. } => ErrorCode::Io,
            CoreError::Spreadsheet { .. } => ErrorCode::Spreadsheet,
            _ => ErrorCode::Database,
        };
        let issues = match &e {
            CoreError::Invalid { issues, .. } => issues.clone(),
            _ => Vec::new(),
        };
        CommandError {
            code,
            message: e.to_string(),
            issues,
        }
    }
}

impl CommandError {
    /// No contract is open.
    pub fn no_contract() -> Self {
        Self::new(ErrorCode::NoContract, "Aucun contrat n'est ouvert.")
    }
}

/// Result type of every command.
pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message() {
        let e = CommandError::new(ErrorCode::FileNotFound, "Introuvable");
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "file_not_found", "message": "Introuvable", "issues": []})
        );
    }
}
