//! The contract, its communes and its QPVs.

use crate::demo::records::{DemoContract, DemoDistrict};

/// The contract of the agglomération of Lens-Liévin.
pub const CONTRACT: DemoContract = DemoContract {
    name: "Contrat de ville de Lens-Liévin 2024–2030",
    epci: "Communauté d'agglomération de Lens-Liévin",
    communes: &[
        ("62498", "Lens"),
        ("62510", "Liévin"),
        ("62065", "Avion"),
        ("62413", "Harnes"),
    ],
    signatories: &[
        "Préfecture du Pas-de-Calais",
        "Communauté d'agglomération de Lens-Liévin",
        "Villes de Lens, Liévin, Avion et Harnes",
        "CAF du Pas-de-Calais",
        "Région Hauts-de-France",
    ],
};

/// The five QPVs of the contract (2024 codes).
pub const DISTRICTS: &[DemoDistrict] = &[
    DemoDistrict {
        code: "QN06201M",
        name: "Cité 12-14 – Grande Résidence",
        communes: &["62498"],
        population: Some(5120),
        ifn: Some(7.8),
    },
    DemoDistrict {
        code: "QN06202A",
        name: "Cités 4 et 9",
        communes: &["62498"],
        population: Some(3980),
        ifn: Some(7.1),
    },
    DemoDistrict {
        code: "QN06203C",
        name: "Vent de Bise – Résidence Riaumont",
        communes: &["62510"],
        population: Some(4450),
        ifn: Some(6.9),
    },
    DemoDistrict {
        code: "QN06204D",
        name: "République – Cité du 7",
        communes: &["62065", "62510"],
        population: Some(3310),
        ifn: Some(7.4),
    },
    DemoDistrict {
        code: "QN06205F",
        name: "Cité Bellevue",
        communes: &["62413"],
        population: Some(2870),
        ifn: Some(6.6),
    },
];
