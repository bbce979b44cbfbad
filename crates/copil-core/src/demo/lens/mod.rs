//! The Lens-Liévin demo contract, built from the seeds of the Numérique en commun[s] Lens 2022
//! workshop (préconisations, Capuni figures, participants) and a plausible 2024–2026 follow-up.
//!
//! One file per part of the contract, saved in this order; a row may name rows of an earlier
//! file, or earlier rows of its own table (an objective's parent).

pub mod actions;
pub mod actors;
pub mod bilans;
pub mod field;
pub mod indicators;
pub mod meetings;
pub mod objectives;
pub mod places;
pub mod programmation;
pub mod territory;
