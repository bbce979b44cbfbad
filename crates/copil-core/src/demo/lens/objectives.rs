//! The objective tree, from the Lens 2022 préconisations.

use crate::demo::records::DemoObjective;

/// Four strategic objectives and their operational ones, parents first.
pub const OBJECTIVES: &[DemoObjective] = &[
    DemoObjective {
        code: "1",
        parent: None,
        title: "Faire de l'inclusion numérique un pilier transversal du contrat de ville",
        description: "Préconisation de Lens (2022) : un pilier transversal, avec des indicateurs dédiés, un diagnostic spécifique et un suivi continu.",
        themes: &["Accès aux droits", "Participation citoyenne"],
    },
    DemoObjective {
        code: "1.1",
        parent: Some("1"),
        title: "Doter le pilier d'indicateurs dédiés et d'un diagnostic de fragilité numérique",
        description: "Indice de fragilité numérique par QPV, tableau de bord partagé, suivi par les porteurs et les comités de pilotage.",
        themes: &["Accès aux droits", "Participation citoyenne"],
    },
    DemoObjective {
        code: "1.2",
        parent: Some("1"),
        title: "Accompagner les habitants des QPV vers l'autonomie numérique",
        description: "Médiation individuelle et ateliers collectifs, au service de l'accès aux droits, de l'emploi, de la santé et de l'école.",
        themes: &[
            "Accès aux droits",
            "Emploi et développement économique",
            "Éducation",
            "Santé",
            "Égalité femmes-hommes",
        ],
    },
    DemoObjective {
        code: "2",
        parent: None,
        title: "Coordonner et mettre en réseau les acteurs de la médiation numérique",
        description: "Repérer les acteurs, favoriser les rencontres, mutualiser les compétences et les moyens.",
        themes: &["Culture et lien social", "Participation citoyenne"],
    },
    DemoObjective {
        code: "2.1",
        parent: Some("2"),
        title: "Animer un réseau local et des comités de pratiques",
        description: "Réunir techniciens instructeurs et associations soutenues au titre du BOP 147.",
        themes: &["Culture et lien social"],
    },
    DemoObjective {
        code: "2.2",
        parent: Some("2"),
        title: "Mailler chaque QPV d'un lieu de médiation numérique de proximité",
        description: "Lieux ouverts dans ou à proximité immédiate des QPV.",
        themes: &["Cadre de vie et renouvellement urbain", "Accès aux droits"],
    },
    DemoObjective {
        code: "3",
        parent: None,
        title: "Former les acteurs de première ligne et les élus",
        description: "La formation est un levier majeur : la filière reste à structurer et ses enjeux sont méconnus.",
        themes: &["Accès aux droits"],
    },
    DemoObjective {
        code: "3.1",
        parent: Some("3"),
        title: "Former les professionnels de première ligne (aidants numériques)",
        description: "Travailleurs sociaux, agents d'accueil, bailleurs : repérer et orienter.",
        themes: &["Accès aux droits", "Santé", "Emploi et développement économique"],
    },
    DemoObjective {
        code: "3.2",
        parent: Some("3"),
        title: "Sensibiliser les élus aux enjeux politiques de l'inclusion numérique",
        description: "Porter l'aspect politique, pas seulement technique.",
        themes: &["Participation citoyenne"],
    },
    DemoObjective {
        code: "4",
        parent: None,
        title: "Pérenniser les financements des structures de médiation",
        description: "Sortir de la mise en concurrence par appels à projets ; valoriser le temps de coordination dans les CPO.",
        themes: &["Emploi et développement économique"],
    },
];
