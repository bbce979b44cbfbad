//! The field's own data of the demo: La Coop export of the conseillers numériques (its places,
//! médiateurs and the communes of its beneficiaries, from which `demo::field` writes the
//! committed fixture) and the indice de fragilité numérique of the contract's communes.

use chrono::NaiveDate;

use crate::demo::date;

/// A place of activity of La Coop, and the action of the contract its accompaniments feed.
#[derive(Debug)]
pub struct DemoPlace {
    /// `Nom du lieu`; empty for accompaniments at home or at a distance.
    pub name: &'static str,
    /// `Adresse`.
    pub address: &'static str,
    /// `Commune`, `Code postal`, `Code Insee`.
    pub commune: (&'static str, &'static str, &'static str),
    /// The action, by title.
    pub action: &'static str,
    /// Share of the activities held there (weight).
    pub weight: u32,
}

/// Where the conseillers numériques work: two permanences and the médiathèque of Avion, plus
/// the accompaniments at home or at a distance (no place).
pub const COOP_PLACES: &[DemoPlace] = &[
    DemoPlace {
        name: "Les Connectés du Bassin – Cité 12-14",
        address: "12 rue de la Grande Résidence",
        commune: ("Lens", "62300", "62498"),
        action: "Permanences de médiation numérique en pied d'immeuble",
        weight: 40,
    },
    DemoPlace {
        name: "Les Connectés du Bassin – Cités 4 et 9",
        address: "3 place Saint-Édouard",
        commune: ("Lens", "62300", "62498"),
        action: "Permanences de médiation numérique en pied d'immeuble",
        weight: 28,
    },
    DemoPlace {
        name: "Médiathèque d'Avion",
        address: "1 rue Jean-Jaurès",
        commune: ("Avion", "62210", "62065"),
        action: "Point numérique de la médiathèque d'Avion",
        weight: 22,
    },
    DemoPlace {
        name: "",
        address: "",
        commune: ("", "", ""),
        action: "Permanences de médiation numérique en pied d'immeuble",
        weight: 10,
    },
];

/// The médiateurs of the export: first name, last name, conseiller numérique or not.
pub const COOP_MEDIATORS: &[(&str, &str, bool)] = &[
    ("Samia", "Benali", true),
    ("Julien", "Lefebvre", true),
    ("Claire", "Dubois", false),
];

/// Communes of the beneficiaries (name, postal code, INSEE code, weight); an empty one is a
/// beneficiary whose commune was not recorded.
pub const BENEFICIARY_COMMUNES: &[(&str, &str, &str, u32)] = &[
    ("Lens", "62300", "62498", 38),
    ("Liévin", "62800", "62510", 14),
    ("Avion", "62210", "62065", 16),
    ("Harnes", "62440", "62413", 7),
    ("Loos-en-Gohelle", "62750", "62528", 6),
    ("Méricourt", "62680", "62570", 4),
    ("", "", "", 15),
];

/// The export's file name, as La Coop names it.
pub const COOP_EXPORT_FILE: &str = "coop-numerique_accompagnements_2026-11-10.xlsx";
/// Day of the export.
pub const COOP_EXPORTED_ON: NaiveDate = date(2026, 11, 10);
/// About how many accompaniments (rows) the export holds.
pub const COOP_ROWS: usize = 620;
/// The committed export (written by `demo::field::lens_coop_export`; a test checks it is up to date).
pub const COOP_EXPORT: &[u8] =
    include_bytes!("../../../fixtures/coop-numerique_accompagnements_2026-11-10.xlsx");

/// One line of La MedNum's file: name, code, the five components, the total.
pub type IfnLine = (&'static str, &'static str, [f64; 5], f64);

/// The contract's communes and their neighbours in the commune file.
pub const IFN_CITIES: &[IfnLine] = &[
    (
        "Lens",
        "62498",
        [
            4.0,
            5.0,
            9.769028705256828,
            5.100420926037282,
            7.897490268063423,
        ],
        6.7174890021204545,
    ),
    ("Liévin", "62510", [3.0, 4.0, 8.412, 5.84, 7.305], 6.31),
    ("Avion", "62065", [4.0, 6.0, 9.104, 5.37, 8.216], 6.92),
    ("Harnes", "62413", [3.0, 4.0, 7.653, 6.02, 7.118], 6.08),
    (
        "Loos-en-Gohelle",
        "62528",
        [2.0, 3.0, 6.35, 5.66, 6.41],
        5.21,
    ),
    ("Méricourt", "62570", [3.0, 5.0, 8.7, 5.2, 7.9], 6.44),
];

/// The EPCIs of the EPCI file (the contract's and a neighbour).
pub const IFN_EPCIS: &[IfnLine] = &[
    (
        "CA de Lens - Liévin",
        "246200364",
        [3.0, 4.0, 8.6, 5.6, 7.5],
        6.42,
    ),
    (
        "CA de Béthune-Bruay, Artois-Lys Romane",
        "200072460",
        [3.0, 4.0, 7.4, 6.3, 7.0],
        6.05,
    ),
];

/// The files' names and date.
pub const IFN_CITY_FILE: &str = "ifn-city-all-variation.csv";
/// The EPCI file.
pub const IFN_EPCI_FILE: &str = "ifn-epci-all-variation.csv";
/// Their date.
pub const IFN_DATE: NaiveDate = date(2026, 10, 15);
/// The committed commune file (written by `demo::field::ifn_csv`; a test checks it is up to date).
pub const IFN_CITY: &[u8] = include_bytes!("../../../fixtures/ifn-city-all-variation.csv");
/// The committed EPCI file.
pub const IFN_EPCI: &[u8] = include_bytes!("../../../fixtures/ifn-epci-all-variation.csv");
/// SIREN of the EPCI carrying the contract.
pub const EPCI_SIREN: &str = "246200364";
/// « score » indicators the IFN import feeds.
pub const IFN_FEEDS: &[&str] = &["Indice de fragilité numérique des QPV"];
