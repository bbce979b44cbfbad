//! The COPIL follow-up report: a typed, renderer-independent description
//! ([`model`]) that copil-core builds and copil-pdf (or the UI preview) renders.

pub mod model;

pub use model::*;
