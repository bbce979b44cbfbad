//! The funding requests submitted for the 2027 programmation, which the COPIL of December 2026
//! examines (nothing attribué yet).

use crate::demo::records::DemoRequest;
use crate::domain::Financeur::*;
use crate::domain::FundingScheme::{CallForProjects, Cpo};

/// Requests of the 2027 call for projects and the renewal of the mediation CPO, by action.
pub const REQUESTS: &[DemoRequest] = &[
    DemoRequest {
        action: "Permanences de médiation numérique en pied d'immeuble",
        financeur: Bop147,
        year: 2027,
        requested_euros: 21_000,
        scheme: Cpo,
        cpo_start_year: Some(2027),
    },
    DemoRequest {
        action: "Permanences de médiation numérique en pied d'immeuble",
        financeur: Epci,
        year: 2027,
        requested_euros: 12_000,
        scheme: Cpo,
        cpo_start_year: Some(2027),
    },
    DemoRequest {
        action: "Ateliers « Parents connectés » avec les écoles",
        financeur: Bop147,
        year: 2027,
        requested_euros: 9_000,
        scheme: CallForProjects,
        cpo_start_year: None,
    },
    DemoRequest {
        action: "Accompagnement des allocataires aux démarches CAF en ligne",
        financeur: Caf,
        year: 2027,
        requested_euros: 12_000,
        scheme: CallForProjects,
        cpo_start_year: None,
    },
    DemoRequest {
        action: "Formation des travailleurs sociaux au repérage des fragilités numériques",
        financeur: Departement,
        year: 2027,
        requested_euros: 6_000,
        scheme: CallForProjects,
        cpo_start_year: None,
    },
];
