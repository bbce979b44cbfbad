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
    /// The operating system refused access (permissions).
    AccessDenied,
    /// Another program is using the file (SQLite lock, busy device).
    Busy,
    /// No space left to write (full disk, quota or file size limit).
    DiskFull,
    /// The file is in WAL mode or has `-wal`/`-shm` sidecars that cannot be folded in safely now.
    WalJournal,
    /// A file given to an importer holds what it cannot take (another projection, an invalid
    /// polygon, no QPV of the contract, unreadable JSON…): the user's data, not a failure.
    BadInput,
}

impl ErrorCode {
    /// Every code, for exhaustive tests of the edges' mappings.
    pub const ALL: [ErrorCode; 23] = [
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
        ErrorCode::AccessDenied,
        ErrorCode::Busy,
        ErrorCode::DiskFull,
        ErrorCode::WalJournal,
        ErrorCode::BadInput,
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
    /// Something would be written beside or over a read-only file or folder.
    #[error("« {path} » est en lecture seule (le fichier ou son dossier) : {action} Rien n'a été écrit.")]
    ReadOnlyPlace {
        /// The contract file.
        path: PathBuf,
        /// What cannot be done, as a French sentence.
        action: &'static str,
    },
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
    /// The path is a folder (or a device, a pipe…), not a contract file.
    #[error("« {path} » n'est pas un fichier de contrat : c'est {what}. Choisissez le fichier .copil lui-même.")]
    NotAFile {
        /// The path given.
        path: PathBuf,
        /// What it is, in French (« un dossier »).
        what: &'static str,
    },
    /// Another program holds an SQLite lock on the file.
    #[error("« {0} » est utilisé par un autre programme (un outil SQLite, une synchronisation…) : fermez-le puis réessayez. Le fichier n'a pas été modifié.")]
    Busy(PathBuf),
    /// The file is in WAL mode, or has `-wal`/`-shm` sidecars, and cannot be converted now.
    #[error("« {path} » est en mode WAL ({found}), ce que laisse un autre logiciel SQLite : {what_to_do} Le fichier n'a pas été modifié.")]
    WalJournal {
        /// The contract file.
        path: PathBuf,
        /// What was found (« fichier « x.copil-wal » à côté »).
        found: String,
        /// What the user can do, in French.
        what_to_do: &'static str,
    },
    /// The disk or the operating system refused an operation; the message depends on the kind.
    #[error("{}", io_message(.path, .source))]
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
    /// A file given to an importer is refused whole for what it holds; nothing was written.
    #[error("Fichier « {path} » refusé : {detail} Rien n'a été écrit.")]
    BadInput {
        /// The file given.
        path: PathBuf,
        /// What is wrong and where, in French.
        detail: String,
    },
    /// The report could not be drawn as a PDF (a broken build or a bug, never the user's data).
    #[error("Le PDF n'a pas pu être produit : {0}.")]
    Render(String),
    /// An unexpected SQLite error (with its context).
    #[error("{}", sqlite_message(.context, .source))]
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
            CoreError::ReadOnly(_) | CoreError::ReadOnlyPlace { .. } => ErrorCode::ReadOnly,
            CoreError::AlreadyExists(_) => ErrorCode::AlreadyExists,
            CoreError::Locked { .. } => ErrorCode::Locked,
            CoreError::Invalid { .. } => ErrorCode::Invalid,
            CoreError::Missing { .. } => ErrorCode::Missing,
            CoreError::InUse { .. } => ErrorCode::InUse,
            CoreError::NotAFile { .. } => ErrorCode::InvalidPath,
            CoreError::Busy(_) => ErrorCode::Busy,
            CoreError::WalJournal { .. } => ErrorCode::WalJournal,
            CoreError::Io { source, .. } => io_code(source),
            CoreError::Sitting { .. } => ErrorCode::Invalid,
            CoreError::Spreadsheet { .. } => ErrorCode::Spreadsheet,
            CoreError::BadInput { .. } => ErrorCode::BadInput,
            CoreError::Render(_) => ErrorCode::Pdf,
            CoreError::Sqlite { source, .. } => sqlite_code(source),
        }
    }

    /// The field-by-field findings of an invalid record (empty for every other error).
    pub fn issues(&self) -> &[Issue] {
        match self {
            CoreError::Invalid { issues, .. } => issues,
            _ => &[],
        }
    }

    /// An OS error on `path`: a folder, a missing file, a refused permission, a full disk… each
    /// gets its own code and French message (see [`CoreError::code`]).
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        let path = path.into();
        match source.kind() {
            std::io::ErrorKind::IsADirectory => CoreError::NotAFile {
                path,
                what: "un dossier",
            },
            _ => CoreError::Io { path, source },
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

/// The code of an OS error, by its kind: the CLI's exit codes and the UI branch on it.
fn io_code(e: &std::io::Error) -> ErrorCode {
    use std::io::ErrorKind::*;
    match e.kind() {
        // A missing file to read is refused at opening (FileNotFound); here it is a missing
        // folder to write into, or a file gone while in use.
        IsADirectory | NotADirectory | InvalidFilename => ErrorCode::InvalidPath,
        PermissionDenied => ErrorCode::AccessDenied,
        ReadOnlyFilesystem => ErrorCode::ReadOnly,
        StorageFull | FileTooLarge | QuotaExceeded => ErrorCode::DiskFull,
        ResourceBusy | WouldBlock | Deadlock => ErrorCode::Busy,
        _ => ErrorCode::Io,
    }
}

/// The French message of an OS error on `path`: what happened and what to do, never the
/// operating system's English text.
fn io_message(path: &std::path::Path, e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    let p = path.display();
    match e.kind() {
        NotFound => format!("« {p} » est introuvable (fichier ou dossier absent)."),
        IsADirectory => format!("« {p} » est un dossier, pas un fichier."),
        NotADirectory => format!("« {p} » : un élément du chemin n'est pas un dossier."),
        InvalidFilename => format!("« {p} » : nom de fichier impossible sur ce système."),
        PermissionDenied => format!(
            "Accès refusé à « {p} » : vous n'avez pas les droits nécessaires. Demandez-les, ou copiez le fichier dans un de vos dossiers."
        ),
        ReadOnlyFilesystem => {
            format!("« {p} » est sur un support en lecture seule : rien ne peut y être écrit.")
        }
        StorageFull | QuotaExceeded => format!(
            "Plus de place sur le disque pour écrire « {p} » : libérez de la place puis recommencez. Ce qui existait n'a pas été remplacé."
        ),
        FileTooLarge => format!(
            "« {p} » n'a pas pu être écrit : taille maximale de fichier atteinte (disque plein ou limite du système). Ce qui existait n'a pas été remplacé."
        ),
        ResourceBusy | WouldBlock | Deadlock => format!(
            "« {p} » est utilisé par un autre programme : fermez-le puis réessayez."
        ),
        _ => match e.raw_os_error() {
            Some(n) => format!("Erreur d'accès au fichier « {p} » (erreur système n° {n})."),
            None => format!("Erreur d'accès au fichier « {p} »."),
        },
    }
}

/// The code of an SQLite error: a lock held elsewhere, a full disk and a damaged file are the
/// user's to act on, anything else is unexpected.
fn sqlite_code(e: &rusqlite::Error) -> ErrorCode {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => ErrorCode::Busy,
        Some(DiskFull) => ErrorCode::DiskFull,
        Some(ReadOnly) => ErrorCode::ReadOnly,
        Some(PermissionDenied) => ErrorCode::AccessDenied,
        Some(DatabaseCorrupt | NotADatabase) => ErrorCode::Damaged,
        _ => ErrorCode::Database,
    }
}

/// The French message of an SQLite error met while `context`.
fn sqlite_message(context: &str, e: &rusqlite::Error) -> String {
    match sqlite_code(e) {
        ErrorCode::Busy => format!(
            "Le fichier est utilisé par un autre programme ({context}) : rien n'a été enregistré ; réessayez quand il sera fermé."
        ),
        ErrorCode::DiskFull => format!(
            "Plus de place sur le disque ({context}) : rien n'a été enregistré. Libérez de la place puis recommencez."
        ),
        ErrorCode::ReadOnly => format!(
            "Le fichier ne peut pas être modifié ({context}) : il est en lecture seule."
        ),
        ErrorCode::Damaged => format!(
            "Le fichier est endommagé ({context}) : restaurez une sauvegarde."
        ),
        _ if e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure) => format!(
            "Erreur d'écriture ou de lecture du disque ({context}) : disque plein, taille maximale de fichier atteinte ou support retiré ? Ce qui existait n'a pas été remplacé."
        ),
        _ => format!("Erreur de la base de données ({context}) : {e}"),
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
