//! The COPIL follow-up report: a typed, renderer-independent description
//! ([`model`]) that copil-core builds ([`build`]) and copil-pdf (or the UI preview) renders.

pub mod build;
pub mod issue;
pub mod model;

pub use build::{build_report, ReportOptions};
pub use model::*;
