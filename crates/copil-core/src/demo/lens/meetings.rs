//! The governance: the instances of the contract, who came, what they decided, and the two
//! held as séances in Copil (the COTECH of October 2025, the COPIL of March 2026) with their
//! attendance, notes, follow-up and avis on the programmation.

use crate::demo::date;
use crate::demo::records::{
    DemoAttendance, DemoAvis, DemoDecision, DemoFollowUp, DemoMeeting, DemoNote, DemoParticipant,
    DemoSitting,
};
use crate::domain::ActorKind::*;
use crate::domain::AgendaItemKind;
use crate::domain::Attendance::{Excused, Present};
use crate::domain::Avis;
use crate::domain::DecisionStatus::*;
use crate::domain::Financeur;
use crate::domain::FollowUpOutcome;
use crate::domain::MeetingKind;

/// The title every COPIL of the pillar carries.
const COPIL: &str = "COPIL du contrat de ville – pilier inclusion numérique";

const AGGLO: &str = "Communauté d'agglomération de Lens-Liévin";
const CONNECTES: &str = "Association Les Connectés du Bassin";
const CENTRE_SOCIAL: &str = "Centre social Jean-Jaurès";
const REGIE: &str = "Régie de quartier Lens-Liévin";
const FABRIQUE: &str = "La Fabrique numérique d'Harnes";
const CCAS: &str = "Ville de Lens – CCAS";
const MEDIATHEQUE: &str = "Médiathèque d'Avion";
const PREFECTURE: &str = "Préfecture du Pas-de-Calais – délégué du préfet";
const CAF: &str = "CAF du Pas-de-Calais";
const BAILLEUR: &str = "Pas-de-Calais Habitat";

const ACCES_DROITS: &str = "Accès aux droits en ligne à l'espace France Services";
const PASS: &str = "Distribution de Pass numériques par le CCAS";
const RESEAU: &str = "Réseau local des acteurs de la médiation numérique";
const PARENTS: &str = "Ateliers « Parents connectés » avec les écoles";
const POINT_AVION: &str = "Point numérique de la médiathèque d'Avion";
const FABRIQUE_ACTION: &str = "Fabrique numérique : tiers-lieu et réemploi d'ordinateurs";

/// Three past instances with their decisions, and the coming COPIL the report is prepared for.
/// The participants of a séance are completed by its attendance (structure by structure); the
/// groups below are those who came without a structure of the contract.
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
                owner_actor: None,
                objective: Some("1.1"),
                action: None,
                due: Some(date(2025, 9, 30)),
                status: Done,
                closed_on: Some(date(2025, 9, 30)),
            },
            DemoDecision {
                text: "Passer les permanences de médiation en CPO 2024–2026",
                owner: "Délégué du préfet",
                owner_actor: None,
                objective: None,
                action: None,
                due: Some(date(2025, 6, 30)),
                status: Done,
                closed_on: Some(date(2025, 5, 20)),
            },
            DemoDecision {
                text: "Créer un comité de pratiques des acteurs de la médiation",
                owner: "Agglo – cheffe de projet",
                owner_actor: None,
                objective: Some("2.1"),
                action: None,
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
        participants: &[DemoParticipant {
            label: "Autres associations",
            kind: Association,
            headcount: 3,
        }],
        decisions: &[
            DemoDecision {
                text: "Recueillir les bilans quantitatifs des porteurs avec le modèle commun",
                owner: "Agglo – chargé de mission",
                owner_actor: None,
                objective: Some("1.1"),
                action: None,
                due: Some(date(2026, 2, 15)),
                status: InProgress,
                closed_on: None,
            },
            DemoDecision {
                text: "Ouvrir un lieu de médiation à la Cité Bellevue",
                owner: "Ville de Harnes",
                owner_actor: None,
                objective: Some("2.2"),
                action: None,
                due: Some(date(2026, 6, 30)),
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
                label: "Autres associations",
                kind: Association,
                headcount: 14,
            },
            DemoParticipant {
                label: "Communes du bassin",
                kind: LocalAuthority,
                headcount: 4,
            },
            DemoParticipant {
                label: "Services de l'État",
                kind: State,
                headcount: 1,
            },
            DemoParticipant {
                label: "Autres partenaires",
                kind: Other,
                headcount: 3,
            },
        ],
        decisions: &[
            DemoDecision {
                text: "Trouver un local de relogement pour la Fabrique numérique",
                owner: "Pas-de-Calais Habitat",
                owner_actor: Some(BAILLEUR),
                objective: None,
                action: Some(FABRIQUE_ACTION),
                due: Some(date(2026, 10, 31)),
                status: InProgress,
                closed_on: None,
            },
            DemoDecision {
                text: "Organiser le séminaire des élus sur l'inclusion numérique",
                owner: "Vice-président politique de la ville",
                owner_actor: None,
                objective: Some("3.2"),
                action: Some("Séminaire des élus sur l'inclusion numérique"),
                due: Some(date(2027, 3, 31)),
                status: Todo,
                closed_on: None,
            },
            DemoDecision {
                text: "Intégrer le temps de coordination dans les prochaines CPO",
                owner: "Délégué du préfet",
                owner_actor: None,
                objective: Some("4"),
                action: None,
                due: Some(date(2027, 1, 31)),
                status: Todo,
                closed_on: None,
            },
            DemoDecision {
                text: "Relancer les comptes-rendus financiers 2025 manquants",
                owner: "Agglo – service financier",
                owner_actor: None,
                objective: None,
                action: None,
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

/// The meetings held as séances, in date order; the COPIL of December 2026 is prepared (its
/// agenda proposed, its chair known), ready to start.
pub const SITTINGS: &[DemoSitting] = &[
    DemoSitting {
        meeting: date(2025, 10, 7),
        chair: "Cheffe de projet politique de la ville, Communauté d'agglomération",
        started: (9, 30),
        ended: (11, 45),
        attendance: &[
            DemoAttendance { actor: CONNECTES, attendance: Present, headcount: 2 },
            DemoAttendance { actor: CENTRE_SOCIAL, attendance: Present, headcount: 2 },
            DemoAttendance { actor: REGIE, attendance: Present, headcount: 1 },
            DemoAttendance { actor: FABRIQUE, attendance: Present, headcount: 1 },
            DemoAttendance { actor: AGGLO, attendance: Present, headcount: 3 },
            DemoAttendance { actor: CCAS, attendance: Present, headcount: 1 },
            DemoAttendance { actor: MEDIATHEQUE, attendance: Present, headcount: 1 },
            DemoAttendance { actor: PREFECTURE, attendance: Present, headcount: 1 },
            DemoAttendance { actor: CAF, attendance: Present, headcount: 1 },
            DemoAttendance { actor: BAILLEUR, attendance: Excused, headcount: 0 },
        ],
        notes: &[
            DemoNote {
                kind: AgendaItemKind::AdoptRecord,
                title: "",
                notes: "Relevé du COPIL du 18 mars 2025 adopté sans modification.",
            },
            DemoNote {
                kind: AgendaItemKind::PillarState,
                title: "",
                notes: "Les valeurs 2025 des permanences arrivent en retard : trois porteurs sur cinq ont transmis leurs chiffres.\nLe diagnostic de fragilité numérique est livré ; il sera présenté au prochain COPIL.",
            },
            DemoNote {
                kind: AgendaItemKind::Free,
                title: "Comité de pratiques",
                notes: "Première réunion fixée au 18 novembre à la médiathèque d'Avion.",
            },
            DemoNote {
                kind: AgendaItemKind::Programmation,
                title: "",
                notes: "Avis technique sur les demandes 2026 reconduites ; les autres demandes iront au COPIL de mars.",
            },
        ],
        follow_ups: &[DemoFollowUp {
            decision: "Créer un comité de pratiques des acteurs de la médiation",
            outcome: FollowUpOutcome::InProgress,
            new_due: None,
            comment: "Lettre de mission envoyée ; première réunion le 18 novembre.",
        }],
        avis: &[
            DemoAvis {
                action: ACCES_DROITS,
                financeur: Financeur::Caf,
                year: 2026,
                avis: Avis::Favorable,
                comment: "",
            },
            DemoAvis {
                action: PASS,
                financeur: Financeur::Commune,
                year: 2026,
                avis: Avis::Favorable,
                comment: "",
            },
            DemoAvis {
                action: RESEAU,
                financeur: Financeur::Epci,
                year: 2026,
                avis: Avis::Favorable,
                comment: "",
            },
        ],
    },
    DemoSitting {
        meeting: date(2026, 3, 24),
        chair: "Vice-président chargé de la politique de la ville et sous-préfète de Lens",
        started: (14, 0),
        ended: (16, 10),
        attendance: &[
            DemoAttendance { actor: CONNECTES, attendance: Present, headcount: 3 },
            DemoAttendance { actor: CENTRE_SOCIAL, attendance: Present, headcount: 2 },
            DemoAttendance { actor: REGIE, attendance: Present, headcount: 2 },
            DemoAttendance { actor: FABRIQUE, attendance: Present, headcount: 3 },
            DemoAttendance { actor: AGGLO, attendance: Present, headcount: 6 },
            DemoAttendance { actor: CCAS, attendance: Present, headcount: 2 },
            DemoAttendance { actor: MEDIATHEQUE, attendance: Present, headcount: 1 },
            DemoAttendance { actor: PREFECTURE, attendance: Present, headcount: 2 },
            DemoAttendance { actor: CAF, attendance: Present, headcount: 1 },
            DemoAttendance { actor: BAILLEUR, attendance: Excused, headcount: 0 },
        ],
        notes: &[
            DemoNote {
                kind: AgendaItemKind::AdoptRecord,
                title: "",
                notes: "Relevé du COTECH du 7 octobre 2025 adopté.",
            },
            DemoNote {
                kind: AgendaItemKind::DecisionFollowUp,
                title: "",
                notes: "Neuf bilans sur douze reçus avec le modèle commun.",
            },
            DemoNote {
                kind: AgendaItemKind::PillarState,
                title: "",
                notes: "Présentation du diagnostic de fragilité numérique par QPV : la Cité Bellevue et le Grand Moulin restent sans lieu de médiation de proximité.",
            },
            DemoNote {
                kind: AgendaItemKind::Free,
                title: "Suites de la Fabrique",
                notes: "Le bail de la Fabrique numérique prend fin en septembre ; Pas-de-Calais Habitat étudie deux locaux en pied d'immeuble.",
            },
            DemoNote {
                kind: AgendaItemKind::Free,
                title: "Formation des élus",
                notes: "Un séminaire des élus sera organisé début 2027 avec le réseau des conseillers numériques.",
            },
            DemoNote {
                kind: AgendaItemKind::Programmation,
                title: "",
                notes: "Enveloppe BOP 147 2026 en baisse : montants ajustés au plus près des réalisations 2025.",
            },
        ],
        follow_ups: &[
            DemoFollowUp {
                decision: "Recueillir les bilans quantitatifs des porteurs avec le modèle commun",
                outcome: FollowUpOutcome::InProgress,
                new_due: None,
                comment: "Trois bilans encore attendus.",
            },
            DemoFollowUp {
                decision: "Ouvrir un lieu de médiation à la Cité Bellevue",
                outcome: FollowUpOutcome::Postponed,
                new_due: Some(date(2026, 9, 1)),
                comment: "Local disponible à la rentrée.",
            },
        ],
        avis: &[
            DemoAvis {
                action: ACCES_DROITS,
                financeur: Financeur::StateCommonLaw,
                year: 2026,
                avis: Avis::Favorable,
                comment: "",
            },
            DemoAvis {
                action: PARENTS,
                financeur: Financeur::Bop147,
                year: 2026,
                avis: Avis::FavorableWithReserve,
                comment: "sous réserve du bilan 2025 des ateliers",
            },
            DemoAvis {
                action: POINT_AVION,
                financeur: Financeur::Commune,
                year: 2026,
                avis: Avis::Favorable,
                comment: "",
            },
            DemoAvis {
                action: FABRIQUE_ACTION,
                financeur: Financeur::Region,
                year: 2026,
                avis: Avis::Postponed,
                comment: "dans l'attente du local de relogement",
            },
        ],
    },
];

/// The COPIL of December 2026, prepared and not started: its date and chair.
pub const NEXT_SITTING: (chrono::NaiveDate, &str) = (
    date(2026, 12, 10),
    "Vice-président chargé de la politique de la ville et sous-préfète de Lens",
);
