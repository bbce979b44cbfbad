//! The error that crosses IPC: the core's stable code for the UI and a French message for the user.

use copil_core::domain::Issue;
use copil_core::CoreError;
pub use copil_core::ErrorCode;
use serde::Serialize;
use ts_rs::TS;

/// Error returned by every command; serialised as `{ code, message, issues }`.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CommandError {
    /// Stable code (English, snake_case), from the core's one list.
    pub code: ErrorCode,
    /// Message in French, ready to show to the user.
    pub message: String,
    /// Field-by-field findings when `code` is `invalid` (empty otherwise).
    pub issues: Vec<Issue>,
}

impl CommandError {
    /// Builds an error from a code and a French message (for what only the shell meets).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            issues: Vec::new(),
        }
    }

    /// The application state lock was poisoned by a panic, or a background task was lost.
    pub fn internal() -> Self {
        Self::new(
            ErrorCode::Internal,
            "Erreur interne de Copil. Fermez puis rouvrez l'application.",
        )
    }

    /// No contract is open.
    pub fn no_contract() -> Self {
        Self::new(ErrorCode::NoContract, "Aucun contrat n'est ouvert.")
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
        CommandError {
            code: e.code(),
            issues: e.issues().to_vec(),
            message: e.to_string(),
        }
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

    #[test]
    fn a_core_error_crosses_with_its_own_code_and_issues() {
        let e: CommandError = CoreError::Invalid {
            entity: "Quartier",
            issues: vec![Issue::error("code", "Code QPV invalide.")],
        }
        .into();
        assert_eq!(e.code, ErrorCode::Invalid);
        assert_eq!(e.issues.len(), 1);
        assert!(e.message.starts_with("Quartier invalide"), "{}", e.message);
        let missing: CommandError = CoreError::NotFound("/x.copil".into()).into();
        assert_eq!(missing.code, ErrorCode::FileNotFound);
    }
}
