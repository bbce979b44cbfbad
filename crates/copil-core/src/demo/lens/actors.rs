//! The actors of the territory: porteurs, collectivités, État, partners.

use crate::demo::records::DemoActor;
use crate::domain::ActorKind::*;
use crate::domain::ActorLabel::*;

/// Porteurs of the actions first, then the partners met in the governance.
pub const ACTORS: &[DemoActor] = &[
    DemoActor {
        name: "Association Les Connectés du Bassin",
        kind: Association,
        siret_without_key: Some("4290128760001"),
        labels: &[ConseillerNumerique, AidantsConnect],
        qpvs: &["QN06201M", "QN06202A"],
        contact: "Coordinatrice : Samia B.",
    },
    DemoActor {
        name: "Centre social Jean-Jaurès",
        kind: Association,
        siret_without_key: Some("3318750230002"),
        labels: &[FranceServices, AidantsConnect],
        qpvs: &["QN06203C"],
        contact: "Directeur : Karim D.",
    },
    DemoActor {
        name: "Régie de quartier Lens-Liévin",
        kind: Association,
        siret_without_key: Some("3879912040001"),
        labels: &[],
        qpvs: &["QN06201M", "QN06203C", "QN06204D"],
        contact: "",
    },
    DemoActor {
        name: "La Fabrique numérique d'Harnes",
        kind: Association,
        siret_without_key: Some("8123345670001"),
        labels: &[FabriqueDeTerritoire, ConseillerNumerique],
        qpvs: &["QN06205F"],
        contact: "",
    },
    DemoActor {
        name: "Ville de Lens – CCAS",
        kind: LocalAuthority,
        siret_without_key: Some("2162049800001"),
        labels: &[PassNumerique],
        qpvs: &["QN06201M", "QN06202A"],
        contact: "",
    },
    DemoActor {
        name: "Communauté d'agglomération de Lens-Liévin",
        kind: LocalAuthority,
        siret_without_key: Some("2462007530001"),
        labels: &[],
        qpvs: &[],
        contact: "Cheffe de projet politique de la ville",
    },
    DemoActor {
        name: "Médiathèque d'Avion",
        kind: LocalAuthority,
        siret_without_key: None,
        labels: &[ConseillerNumerique],
        qpvs: &["QN06204D"],
        contact: "",
    },
    DemoActor {
        name: "Préfecture du Pas-de-Calais – délégué du préfet",
        kind: State,
        siret_without_key: None,
        labels: &[],
        qpvs: &[],
        contact: "Délégué du préfet Lens-Liévin",
    },
    DemoActor {
        name: "CAF du Pas-de-Calais",
        kind: Other,
        siret_without_key: None,
        labels: &[],
        qpvs: &[],
        contact: "",
    },
    DemoActor {
        name: "Pas-de-Calais Habitat",
        kind: SocialLandlord,
        siret_without_key: None,
        labels: &[],
        qpvs: &["QN06201M", "QN06203C"],
        contact: "",
    },
];
