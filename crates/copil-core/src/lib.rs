//! Copil core: the domain of a contrat de ville's digital-inclusion pillar,
//! the contract file (SQLite) and every figure the screens and the report show.
//!
//! Nothing here knows about Tauri or PDF: the desktop shell, the CLI and the
//! PDF renderer all call the same functions.

pub mod demo;
pub mod domain;
pub mod error;
pub mod exchange;
pub mod feed;
pub mod figures;
pub mod format;
pub mod labels;
pub mod report;
pub mod store;
pub mod text;

pub use error::{CoreError, ErrorCode, Result};
pub use store::Store;
