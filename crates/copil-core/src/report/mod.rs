//! The COPIL follow-up report and the relevé de décisions of a séance ([`releve`]): a typed,
//! renderer-independent description ([`model`]) that copil-core builds ([`build`]) and
//! copil-pdf (or the UI preview) renders.

pub mod build;
pub mod issue;
pub mod model;
pub mod releve;

pub use build::{build_report, ReportOptions};
pub use model::*;
pub use releve::build_releve;
