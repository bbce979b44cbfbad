//! Typed errors of the core, each with a stable code and a French message for the user.

use std::path::PathBuf;

use serde::Serialize;
use ts_rs::TS;

use crate::domain::Issue;

/// Stable machine-readable error codes: the one list the app sends across IPC (and the UI
/// branches on) and the CLI maps to its exit codes. Conditions only the app meets (no contract
/// open, an internal failure) are codes here too, so that no edge keeps a second list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The file does not exist.
    FileNotFound,
    /// The path is a folder or otherwise not a usable file.
    InvalidPath,
    /// No contract is open but the command needs one (app only).
    NoContract,
    /// Reading or writing a file failed.
    Io,
    /// An unexpected internal failure of the app (poisoned lock, lost task, …).
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
    /// A record failed validation (the issues say where).
    Invalid,
    /// A referenced record does not exist.
    Missing,
    /// A record cannot be deleted because others depend on it.
    InUse,
    /// A spreadsheet cannot be read or written.
    Spreadsheet,
    /// SQLite failed.
    Database,
    /// The PDF could not be drawn.
    Pdf,
}

impl ErrorCode {
    /// Every code, for exhaustive tests of the edges' mappings.
    pub const ALL: [ErrorCode; 18] = [
        ErrorCode::FileNotFound,
        ErrorCode::InvalidPath,
        ErrorCode::NoContract,
        ErrorCode::Io,
        ErrorCode::Internal,
        ErrorCode::NotSqlite,
        ErrorCode::ForeignDatabase,
        ErrorCode::Damaged,
        ErrorCode::NewerSchema,
        ErrorCode::ReadOnly,
        ErrorCode::AlreadyExists,
        ErrorCode::Locked,
        ErrorCode::Invalid,
        ErrorCode::Missing,
        ErrorCode::InUse,
        ErrorCode::Spreadsheet,
        ErrorCode::Database,
        ErrorCode::Pdf,
    ];
}

/// Every failure the core reports; `Display` is the French message shown to the user.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    /// The path does not exist.
    #[error("Le fichier « {0} » est introuvable.")]
    NotFound(PathBuf),
    /// The file is not an SQLite database at all.
    #[error("« {0} » n'est pas un fichier Copil : ce n'est pas une base SQLite. Le fichier n'a pas été modifié.")]
    NotSqlite(PathBuf),
    /// An SQLite database written by another application.
    #[error("« {0} » n'est pas un fichier Copil : c'est une base SQLite d'une autre application. Le fichier n'a pas été modifié.")]
    ForeignDatabase(PathBuf),
    /// SQLite reports damage (quick_check failed, malformed image, truncated file).
    #[error("Le fichier « {path} » est endommagé ({detail}). Il n'a pas été modifié ; restaurez une sauvegarde.")]
    Damaged {
        /// The damaged file.
        path: PathBuf,
        /// What SQLite said.
        detail: String,
    },
    /// The file was written by a newer Copil.
    #[error("« {path} » a été écrit par une version plus récente de Copil (schéma {found}, cette version connaît le schéma {supported}). Mettez Copil à jour ; le fichier n'a pas été modifié.")]
    NewerSchema {
        /// The file.
        path: PathBuf,
        /// Schema version found in the file.
        found: i64,
        /// Newest schema version this build knows.
        supported: i64,
    },
    /// The file cannot be written (read-only file or folder).
    #[error("« {0} » est en lecture seule : il est ouvert en consultation, aucune modification n'est possible.")]
    ReadOnly(PathBuf),
    /// A file already exists where a new contract should be created.
    #[error("Le fichier « {0} » existe déjà ; choisissez un autre nom (rien n'a été écrasé).")]
    AlreadyExists(PathBuf),
    /// Another process holds the file.
    #[error("« {path} » est déjà ouvert par {holder}. Ouvrez-le en lecture seule ou attendez qu'il soit fermé.")]
    Locked {
        /// The file.
        path: PathBuf,
        /// Who holds it (user@host, since when).
        holder: String,
    },
    /// A record failed validation; nothing was written.
    #[error("{entity} invalide : {}", join_issues(.issues))]
    Invalid {
        /// French name of the entity ("Quartier", "Indicateur", …).
        entity: &'static str,
        /// Every problem found, field by field.
        issues: Vec<Issue>,
    },
    /// A referenced record does not exist.
    #[error("{entity} n° {id} introuvable.")]
    Missing {
        /// French name of the entity.
        entity: &'static str,
        /// Its identifier.
        id: i64,
    },
    /// A record cannot be deleted because others depend on it.
    #[error("Impossible de supprimer {entity} : {reason}")]
    InUse {
        /// French name of the entity.
        entity: &'static str,
        /// Which records still use it.
        reason: String,
    },
    /// A séance entry that the séance's state does not allow (closed, not started, another one
    /// in progress); nothing was written.
    #[error("{meeting} : {reason}")]
    Sitting {
        /// The meeting, as named to the user (« COPIL du 24 mars 2026 »).
        meeting: String,
        /// What is not possible and what to do, in French.
        reason: String,
    },
    /// The disk or the operating system refused an operation.
    #[error("Erreur d'accès au fichier « {path} » : {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A spreadsheet or CSV file cannot be read or written (format, size, encoding).
    #[error("Classeur « {path} » : {detail}")]
    Spreadsheet {
        /// The file concerned.
        path: PathBuf,
        /// What went wrong, in French.
        detail: String,
    },
    /// The report could not be drawn as a PDF (a broken build or a bug, never the user's data).
    #[error("Le PDF n'a pas pu être produit : {0}.")]
    Render(String),
    /// An unexpected SQLite error (with its context).
    #[error("Erreur de la base de données ({context}) : {source}")]
    Sqlite {
        /// What the core was doing.
        context: String,
        /// The SQLite error.
        #[source]
        source: rusqlite::Error,
    },
}

impl CoreError {
    /// Stable machine-readable code: sent with the message across IPC, mapped to the CLI's exit codes.
    pub fn code(&self) -> ErrorCode {
        match self {
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
            CoreError::Sitting { .. } => ErrorCode::Invalid,
            CoreError::Io { .. } => ErrorCode::Io,
            CoreError::Spreadsheet { .. } => ErrorCode::Spreadsheet,
            CoreError::Render(_) => ErrorCode::Pdf,
            CoreError::Sqlite { .. } => ErrorCode::Database,
        }
    }

    /// The field-by-field findings of an invalid record (empty for every other error).
    pub fn issues(&self) -> &[Issue] {
        match self {
            CoreError::Invalid { issues, .. } => issues,
            _ => &[],
        }
    }

    /// Wraps an SQLite error with what the core was doing.
    pub fn sqlite(context: impl Into<String>, source: rusqlite::Error) -> Self {
        CoreError::Sqlite {
            context: context.into(),
            source,
        }
    }
}

fn join_issues(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(" ; ")
}

/// Result type of the core.
pub type Result<T> = std::result::Result<T, CoreError>;

/// Adds context to rusqlite results.
pub(crate) trait SqlContext<T> {
    /// Attaches what the core was doing to an SQLite error.
    fn ctx(self, context: &str) -> Result<T>;
}

impl<T> SqlContext<T> for std::result::Result<T, rusqlite::Error> {
    fn ctx(self, context: &str) -> Result<T> {
        self.map_err(|e| CoreError::sqlite(context, e))
    }
}
