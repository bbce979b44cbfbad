//! The 2026 collection round (« campagne de bilans ») and the bilans the porteurs sent back.
//!
//! The bilans intermédiaires (January to October) were asked for by 13 November 2026, before the
//! COPIL of 10 December. Six came in, one of them a week late; the centre social sent half of
//! its own, and the training of the social workers has sent nothing yet: two bilans late, one of
//! them partial. Several porteurs count the same indicators, some QPV by QPV, and the share of
//! people living in a QPV comes with its base.

use crate::demo::date;
use crate::demo::records::{DemoBilan, DemoContribution, DemoRound};

/// The rounds of the contract.
pub const ROUNDS: &[DemoRound] = &[DemoRound {
    year: 2026,
    due: date(2026, 11, 13),
    comment: "Bilans intermédiaires (janvier–octobre) demandés le 2 octobre pour le COPIL du 10 décembre ; relance le 16 novembre.",
}];

const PERSONS: &str = "Personnes uniques accompagnées";
const ACCOMPANIMENTS: &str = "Accompagnements réalisés";
const HOURS: &str = "Heures de médiation numérique";
const IN_QPV: &str = "Part des personnes accompagnées résidant en QPV";
const REFERRALS: &str = "Orientations vers les structures partenaires";
const WORKSHOPS: &str = "Ateliers collectifs organisés";

/// A count of an indicator for the whole action.
const fn count(indicator: &'static str, value: f64) -> DemoContribution {
    DemoContribution {
        indicator,
        qpv: None,
        value,
        base: None,
    }
}

/// A count of an indicator followed by QPV, in one QPV.
const fn in_qpv(indicator: &'static str, qpv: &'static str, value: f64) -> DemoContribution {
    DemoContribution {
        indicator,
        qpv: Some(qpv),
        value,
        base: None,
    }
}

/// A percentage with its base (« sur … personnes »).
const fn share(indicator: &'static str, value: f64, base: f64) -> DemoContribution {
    DemoContribution {
        indicator,
        qpv: None,
        value,
        base: Some(base),
    }
}

/// The bilans received, by day of arrival.
pub const BILANS: &[DemoBilan] = &[
    DemoBilan {
        action: "Distribution de Pass numériques par le CCAS",
        year: 2026,
        received_on: date(2026, 11, 3),
        values: &[count("Pass numériques distribués", 540.0)],
    },
    DemoBilan {
        action: "Permanences de médiation numérique en pied d'immeuble",
        year: 2026,
        received_on: date(2026, 11, 5),
        values: &[
            in_qpv(PERSONS, "QN06201M", 190.0),
            in_qpv(PERSONS, "QN06202A", 230.0),
            count(ACCOMPANIMENTS, 1250.0),
            count(HOURS, 1700.0),
            share(IN_QPV, 72.0, 420.0),
            count(REFERRALS, 210.0),
        ],
    },
    DemoBilan {
        // Partial: the Aidants Connect mandates and the share living in a QPV are still missing.
        action: "Accès aux droits en ligne à l'espace France Services",
        year: 2026,
        received_on: date(2026, 11, 9),
        values: &[
            in_qpv(PERSONS, "QN06203C", 250.0),
            count(ACCOMPANIMENTS, 980.0),
        ],
    },
    DemoBilan {
        action: "Ateliers « Parents connectés » avec les écoles",
        year: 2026,
        received_on: date(2026, 11, 10),
        values: &[
            in_qpv(PERSONS, "QN06201M", 90.0),
            in_qpv(PERSONS, "QN06204D", 80.0),
            count(WORKSHOPS, 40.0),
        ],
    },
    DemoBilan {
        action: "Fabrique numérique : tiers-lieu et réemploi d'ordinateurs",
        year: 2026,
        received_on: date(2026, 11, 12),
        values: &[
            in_qpv(PERSONS, "QN06205F", 170.0),
            count(ACCOMPANIMENTS, 420.0),
            count(HOURS, 1300.0),
            count(REFERRALS, 90.0),
            count(WORKSHOPS, 25.0),
            share(IN_QPV, 58.0, 170.0),
        ],
    },
    DemoBilan {
        action: "Réseau local des acteurs de la médiation numérique",
        year: 2026,
        received_on: date(2026, 11, 13),
        values: &[count("Réunions du réseau local des acteurs", 4.0)],
    },
    DemoBilan {
        // A week after the due date.
        action: "Point numérique de la médiathèque d'Avion",
        year: 2026,
        received_on: date(2026, 11, 20),
        values: &[
            in_qpv(PERSONS, "QN06204D", 130.0),
            count(ACCOMPANIMENTS, 310.0),
            count(HOURS, 980.0),
            count(REFERRALS, 80.0),
            share(IN_QPV, 64.0, 130.0),
        ],
    },
];
