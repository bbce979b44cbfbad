//! Typed errors of the core, each with a stable code and a French message for the user.

use std::path::PathBuf;

use crate::domain::Issue;

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
    #[error("Le fichier « {path} » est endommagé ({detail}). Il n'a pas été modifié ; restaurez une sauvegarde (copil restore).")]
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
    /// Stable machine-readable code, sent with the message across IPC and used for exit codes.
    pub fn code(&self) -> &'static str {
        match self {
            CoreError::NotFound(_) => "not_found",
            CoreError::NotSqlite(_) => "not_sqlite",
            CoreError::ForeignDatabase(_) => "foreign_database",
            CoreError::Damaged { .. } => "damaged",
            CoreError::NewerSchema { .. } => "newer_schema",
            CoreError::ReadOnly(_) => "read_only",
            CoreError::AlreadyExists(_) => "already_exists",
            CoreError::Locked { .. } => "locked",
            CoreError::Invalid { .. } => "invalid",
            CoreError::Missing { .. } => "missing",
            CoreError::InUse { .. } => "in_use",
            CoreError::Io { .. } => "io",
            CoreError::Spreadsheet { .. } => "spreadsheet",
            CoreError::Sqlite { .. } => "database",
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
