//! The governance: the instances of the contract, who came, and what they decided.

use crate::demo::date;
use crate::demo::records::{DemoDecision, DemoMeeting, DemoParticipant};
use crate::domain::ActorKind::*;
use crate::domain::DecisionStatus::*;
use crate::domain::MeetingKind;

/// The title every COPIL of the pillar carries.
const COPIL: &str = "COPIL du contrat de ville – pilier inclusion numérique";

/// Three past instances with their decisions, and the coming COPIL the report is prepared for.
pub const MEETINGS: &[DemoMeeting] = &[
    DemoMeeting {
        kind: MeetingKind::Copil,
        title: COPIL,
        date: date(2025, 3, 18),
        place: "Hôtel communautaire, Lens",
        agenda: "Bilan 2024 des actions ; diagnostic de fragilité numérique ; programmation 2025 (BOP 147, CPO).",
        participants: &[
            DemoParticipant {
                label: "Associations",
                kind: Association,
                headcount: 28,
            },
            DemoParticipant {
                label: "Collectivités",
                kind: LocalAuthority,
                headcount: 14,
            },
            DemoParticipant {
                label: "État",
                kind: State,
                headcount: 4,
            },
            DemoParticipant {
                label: "Autres partenaires",
                kind: Other,
                headcount: 3,
            },
        ],
        decisions: &[
            DemoDecision {
                text: "Conduire un diagnostic de fragilité numérique par QPV",
                owner: "Agglo – cheffe de projet",
                due: Some(date(2025, 9, 30)),
                status: Done,
                closed_on: Some(date(2025, 9, 30)),
            },
            DemoDecision {
                text: "Passer les permanences de médiation en CPO 2024–2026",
                owner: "Délégué du préfet",
                due: Some(date(2025, 6, 30)),
                status: Done,
                closed_on: Some(date(2025, 5, 20)),
            },
            DemoDecision {
                text: "Créer un comité de pratiques des acteurs de la médiation",
                owner: "Agglo – cheffe de projet",
                due: Some(date(2025, 12, 31)),
                status: Done,
                closed_on: Some(date(2025, 11, 18)),
            },
        ],
    },
    DemoMeeting {
        kind: MeetingKind::Cotech,
        title: "COTECH inclusion numérique",
        date: date(2025, 10, 7),
        place: "Centre social Jean-Jaurès, Liévin",
        agenda: "Suivi des indicateurs ; comité de pratiques ; préparation de l'appel à projets 2026.",
        participants: &[
            DemoParticipant {
                label: "Associations",
                kind: Association,
                headcount: 9,
            },
            DemoParticipant {
                label: "Collectivités",
                kind: LocalAuthority,
                headcount: 5,
            },
            DemoParticipant {
                label: "État",
                kind: State,
                headcount: 1,
            },
            DemoParticipant {
                label: "CAF",
                kind: Other,
                headcount: 1,
            },
        ],
        decisions: &[
            DemoDecision {
                text: "Recueillir les bilans quantitatifs des porteurs avec le modèle commun",
                owner: "Agglo – chargé de mission",
                due: Some(date(2026, 2, 15)),
                status: InProgress,
                closed_on: None,
            },
            DemoDecision {
                text: "Ouvrir un lieu de médiation à la Cité Bellevue",
                owner: "Ville de Harnes",
                due: Some(date(2026, 9, 1)),
                status: Todo,
                closed_on: None,
            },
        ],
    },
    DemoMeeting {
        kind: MeetingKind::Copil,
        title: COPIL,
        date: date(2026, 3, 24),
        place: "Hôtel de ville, Liévin",
        agenda: "Bilan 2025 ; suites de la Fabrique numérique ; formation des élus.",
        participants: &[
            DemoParticipant {
                label: "Associations",
                kind: Association,
                headcount: 24,
            },
            DemoParticipant {
                label: "Collectivités",
                kind: LocalAuthority,
                headcount: 13,
            },
            DemoParticipant {
                label: "État",
                kind: State,
                headcount: 3,
            },
            DemoParticipant {
                label: "Autres partenaires",
                kind: Other,
                headcount: 4,
            },
        ],
        decisions: &[
            DemoDecision {
                text: "Trouver un local de relogement pour la Fabrique numérique",
                owner: "Pas-de-Calais Habitat",
                due: Some(date(2026, 10, 31)),
                status: InProgress,
                closed_on: None,
            },
            DemoDecision {
                text: "Organiser le séminaire des élus sur l'inclusion numérique",
                owner: "Vice-président politique de la ville",
                due: Some(date(2027, 3, 31)),
                status: Todo,
                closed_on: None,
            },
            DemoDecision {
                text: "Intégrer le temps de coordination dans les prochaines CPO",
                owner: "Délégué du préfet",
                due: Some(date(2027, 1, 31)),
                status: Todo,
                closed_on: None,
            },
            DemoDecision {
                text: "Relancer les comptes-rendus financiers 2025 manquants",
                owner: "Agglo – service financier",
                due: Some(date(2026, 7, 15)),
                status: Todo,
                closed_on: None,
            },
        ],
    },
    DemoMeeting {
        kind: MeetingKind::Copil,
        title: COPIL,
        date: date(2026, 12, 10),
        place: "Hôtel communautaire, Lens",
        agenda: "Bilan 2026 ; programmation 2027 ; renouvellement des CPO.",
        participants: &[],
        decisions: &[],
    },
];
