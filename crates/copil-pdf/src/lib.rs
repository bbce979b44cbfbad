//! Renders the report model of copil-core into PDF bytes.
