//! Shared test fixtures.
pub mod sample;
