//! A realistic, hand-built COPIL report used by the sample example and the
//! read-back tests (French content, every block kind, a long table).

use chrono::NaiveDate;
use copil_core::format::{date_long, euros_from_cents, integer, number, percent, signed};
use copil_core::report::*;

/// The sample report of a fictional contrat de ville.
pub fn sample_document() -> ReportDocument {
    let date = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let meeting = format!("COPIL du {}", date_long(date));
    ReportDocument {
        kind: DocumentKind::Report,
        meta: ReportMeta {
            title: "Rapport de suivi — Inclusion numérique".into(),
            subject: "Pilier inclusion numérique du contrat de ville 2024-2030".into(),
            author: "Communauté d'agglomération du Val d'Érable".into(),
            contract_name: "Contrat de ville « Quartiers 2030 » du Val d'Érable".into(),
            territory: "Communauté d'agglomération du Val d'Érable (3 communes, 4 QPV)".into(),
            meeting_label: Some(meeting.clone()),
            date,
            footer_text: "Contrat de ville « Quartiers 2030 » du Val d'Érable".into(),
        },
        cover: Cover {
            kicker: "Contrat de ville 2024-2030 · Engagements Quartiers 2030".into(),
            title: "Rapport de suivi du pilier inclusion numérique".into(),
            subtitle: Some("Contrat de ville « Quartiers 2030 » du Val d'Érable".into()),
            details: vec![
                CoverDetail { label: "Territoire".into(), value: "Communauté d'agglomération du Val d'Érable — Saint-Aubin, Léry, Montfort-sur-Risle".into() },
                CoverDetail { label: "Instance".into(), value: meeting },
                CoverDetail { label: "Date du rapport".into(), value: date_long(date) },
                CoverDetail { label: "Période suivie".into(), value: "2024 – 2026 (année en cours : 2026)".into() },
            ],
            note: Some("Document préparé par la direction de la politique de la ville à partir des données saisies dans Copil. Sources : porteurs de projet, France Services, Conseillers numériques, INSEE.".into()),
        },
        sections: vec![synthese(date), objectifs(), indicateurs(), actions(), financements(), instances(date), prochaines_etapes(), annexes()],
    }
}

fn p(text: &str) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

fn synthese(date: NaiveDate) -> Section {
    let mut s = Section::new("synthese", "Synthèse");
    s.blocks.push(Block::Paragraph(vec![
        Span::plain("Au "),
        Span::bold(date_long(date)),
        Span::plain(", le pilier inclusion numérique compte "),
        Span::bold("14 actions"),
        Span::plain(" portées par 9 structures dans les 4 quartiers prioritaires. Le taux d'autonomie atteint "),
        Span::bold(percent(57.14)),
        Span::plain(", pour une cible de "),
        Span::bold(percent(75.0)),
        Span::plain(" en 2026."),
    ]));
    s.blocks.push(Block::KeyFigures(vec![
        KeyFigure {
            label: "Personnes accompagnées".into(),
            value: integer(1_234),
            detail: Some(format!(
                "cible 2026 : {} ({})",
                integer(1_500),
                percent(82.27)
            )),
            tone: Some(Tone::Warning),
        },
        KeyFigure {
            label: "Autonomie atteinte".into(),
            value: percent(57.14),
            detail: Some(format!("cible : {}", percent(75.0))),
            tone: Some(Tone::Bad),
        },
        KeyFigure {
            label: "Crédits attribués en 2026".into(),
            value: euros_from_cents(12_500_000),
            detail: Some(format!("dont BOP 147 : {}", euros_from_cents(4_250_050))),
            tone: Some(Tone::Good),
        },
        KeyFigure {
            label: "Heures de médiation".into(),
            value: number(3_456.5, 1),
            detail: Some("tous porteurs confondus".into()),
            tone: None,
        },
        KeyFigure {
            label: "Mandats Aidants Connect".into(),
            value: integer(312),
            detail: Some(format!("{} par rapport à 2025", signed(48.0, 0))),
            tone: Some(Tone::Good),
        },
        KeyFigure {
            label: "Décisions en retard".into(),
            value: integer(2),
            detail: Some("sur 11 décisions ouvertes".into()),
            tone: Some(Tone::Bad),
        },
    ]));
    let mut meteo = Section::new("meteo", "Météo des objectifs");
    meteo.blocks.push(Block::Table(Table {
        caption: Some("Météo par objectif opérationnel".into()),
        columns: vec![
            Column::new("Objectif", 5.0, Align::Left),
            Column::new("Actions", 1.2, Align::Right),
            Column::new("Météo", 2.3, Align::Left),
            Column::new("Commentaire", 5.0, Align::Left),
        ],
        rows: vec![
            vec![
                Cell::new("1.1 Accompagner les habitants vers l'autonomie numérique"),
                Cell::new("5"),
                Cell::new("Favorable").tone(Tone::Good),
                Cell::new("Fréquentation en hausse dans les deux France Services."),
            ],
            vec![
                Cell::new("1.2 Mailler le territoire en lieux de médiation"),
                Cell::new("3"),
                Cell::new("Vigilance").tone(Tone::Warning),
                Cell::new("Le lieu de médiation des Hauts-de-Léry n'a pas rouvert."),
            ],
            vec![
                Cell::new("2.1 Former les aidants professionnels (Aidants Connect)"),
                Cell::new("2"),
                Cell::new("Défavorable").tone(Tone::Bad),
                Cell::new("Aucune session de formation depuis le départ de la coordinatrice."),
            ],
            vec![
                Cell::new("2.2 Lutter contre le non-recours aux droits"),
                Cell::new("4"),
                Cell::new("Favorable").tone(Tone::Good),
                Cell::new("Partenariat CAF signé le 1er mars 2026."),
            ],
        ],
    }));
    let mut alertes = Section::new("alertes", "Points d'alerte");
    alertes.blocks.push(Block::Alerts(vec![
        AlertLine { severity: Severity::Critical, text: "Le thème « Égalité femmes-hommes » n'est relié à aucun objectif du pilier inclusion numérique : risque de dilution.".into() },
        AlertLine { severity: Severity::Warning, text: "L'indicateur « Lieux de médiation à moins de 500 m d'un QPV » n'a pas de valeur depuis 2024.".into() },
        AlertLine { severity: Severity::Warning, text: format!("Compte-rendu financier (CERFA 15059) de l'association Connect'Érable attendu avant le {}.", date_long(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())) },
        AlertLine { severity: Severity::Info, text: "Deux nouvelles conseillères numériques ont pris leur poste en septembre.".into() },
    ]));
    let mut delta = Section::new("evolutions", "Ce qui a changé depuis le COPIL précédent");
    delta.blocks.push(Block::Bullets(vec![
        format!(
            "Personnes accompagnées : {} → {} ({}).",
            integer(1_012),
            integer(1_234),
            signed(222.0, 0)
        ),
        format!(
            "Cible atteinte : taux de couverture des QPV ({}).",
            percent(100.0)
        ),
        format!(
            "Financement voté : Région, {} pour l'action « Bus numérique ».",
            euros_from_cents(1_250_050)
        ),
        "Décision close : convention avec la médiathèque Aimé-Césaire signée.".into(),
    ]));
    s.subsections = vec![meteo, alertes, delta];
    s
}

fn objectifs() -> Section {
    let mut s = Section::new("objectifs", "Objectifs et transversalité");
    s.blocks.push(p("La matrice croise les objectifs du pilier avec les thèmes du contrat de ville. Chaque case indique le nombre d'actions, d'indicateurs et le financement attribué."));
    let themes = [
        "Éducation",
        "Santé",
        "Emploi",
        "Accès aux droits",
        "Égalité F-H",
        "Cadre de vie",
    ];
    let mut columns = vec![Column::new("Objectif", 3.2, Align::Left)];
    columns.extend(themes.iter().map(|t| Column::new(*t, 1.3, Align::Center)));
    let objectives = [
        "1.1 Autonomie numérique",
        "1.2 Lieux de médiation",
        "2.1 Aidants professionnels",
        "2.2 Non-recours aux droits",
        "3.1 Jeunes décrocheurs",
    ];
    let rows = objectives
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut row = vec![Cell::new(*o).bold()];
            row.extend((0..themes.len()).map(|j| {
                if (i + j) % 3 == 0 {
                    Cell::new("—").tone(Tone::Neutral)
                } else {
                    Cell::new(format!(
                        "{} act. · {} ind.",
                        (i + j) % 4 + 1,
                        (i * j) % 3 + 1
                    ))
                }
            }));
            row
        })
        .collect();
    s.blocks.push(Block::Table(Table {
        caption: Some("Matrice de transversalité (objectifs × thèmes)".into()),
        columns,
        rows,
    }));
    s.blocks.push(Block::Alerts(vec![AlertLine {
        severity: Severity::Warning,
        text: "Objectif 3.1 « Jeunes décrocheurs » : aucun financement attribué en 2026.".into(),
    }]));
    s
}

fn indicateurs() -> Section {
    let mut s = Section::new("indicateurs", "Indicateurs");
    s.blocks.push(p("Pour chaque indicateur : valeur de référence, cible de l'année, réalisé et écart. Les graphiques comparent cibles et réalisés de 2024 à 2030."));
    let mut sub = Section::new(
        "ind-autonomie",
        "Objectif 1.1 — Accompagner les habitants vers l'autonomie numérique",
    );
    sub.blocks.push(Block::Table(Table {
        caption: None,
        columns: vec![
            Column::new("Indicateur", 3.6, Align::Left),
            Column::new("Unité", 1.6, Align::Left),
            Column::new("Référence", 1.7, Align::Right),
            Column::new("Cible 2026", 1.5, Align::Right),
            Column::new("Réalisé", 1.5, Align::Right),
            Column::new("Écart", 1.7, Align::Right),
            Column::new("Source", 2.0, Align::Left),
        ],
        rows: vec![
            vec![
                Cell::new("Personnes accompagnées (uniques)"),
                Cell::new("personnes"),
                Cell::new(integer(640)),
                Cell::new(integer(1_500)),
                Cell::new(integer(1_234)).bold(),
                Cell::new(signed(-266.0, 0)).tone(Tone::Warning),
                Cell::new("Porteurs"),
            ],
            vec![
                Cell::new("Autonomie atteinte à l'issue du parcours"),
                Cell::new("%"),
                Cell::new(percent(41.0)),
                Cell::new(percent(75.0)),
                Cell::new(percent(57.14)).bold(),
                Cell::new(format!("{} pts", signed(-17.9, 1))).tone(Tone::Bad),
                Cell::new("Questionnaire de sortie"),
            ],
            vec![
                Cell::new("Heures de médiation numérique"),
                Cell::new("heures"),
                Cell::new(number(1_820.0, 1)),
                Cell::new(number(3_200.0, 1)),
                Cell::new(number(3_456.5, 1)).bold(),
                Cell::new(signed(256.5, 1)).tone(Tone::Good),
                Cell::new("France Services"),
            ],
        ],
    }));
    let years = 2024..=2030;
    sub.blocks.push(Block::Chart(Chart {
        title: "Personnes accompagnées (uniques) — cible et réalisé".into(),
        unit: "personnes".into(),
        points: years
            .clone()
            .map(|y| {
                let k = (y - 2024) as f64;
                ChartPoint {
                    label: y.to_string(),
                    target: Some(900.0 + 300.0 * k),
                    actual: (y <= 2026).then(|| [820.0, 1_012.0, 1_234.0][(y - 2024) as usize]),
                }
            })
            .collect(),
    }));
    sub.blocks.push(Block::Chart(Chart {
        title: "Autonomie atteinte à l'issue du parcours".into(),
        unit: "%".into(),
        points: years
            .map(|y| {
                let k = (y - 2024) as f64;
                ChartPoint {
                    label: y.to_string(),
                    target: Some(60.0 + 5.0 * k),
                    actual: (y <= 2026).then(|| [48.5, 52.0, 57.14][(y - 2024) as usize]),
                }
            })
            .collect(),
    }));
    let mut qpv = Section::new("ind-qpv", "Personnes accompagnées par quartier prioritaire");
    qpv.blocks.push(Block::Table(Table {
        caption: Some("Répartition par QPV (2026)".into()),
        columns: vec![
            Column::new("QPV", 3.0, Align::Left),
            Column::new("Code", 1.5, Align::Left),
            Column::new("Personnes", 1.5, Align::Right),
            Column::new("Part", 1.2, Align::Right),
            Column::new("IFN", 1.0, Align::Right),
        ],
        rows: vec![
            vec![
                Cell::new("Les Hauts-de-Léry"),
                Cell::new("QN02701M"),
                Cell::new(integer(512)),
                Cell::new(percent(41.49)),
                Cell::new(number(7.8, 1)),
            ],
            vec![
                Cell::new("Le Clos-Fleuri"),
                Cell::new("QN02702N"),
                Cell::new(integer(318)),
                Cell::new(percent(25.77)),
                Cell::new(number(6.2, 1)),
            ],
            vec![
                Cell::new("Saint-Aubin centre ancien"),
                Cell::new("QN02703P"),
                Cell::new(integer(260)),
                Cell::new(percent(21.07)),
                Cell::new(number(5.9, 1)),
            ],
            vec![
                Cell::new("La Prairie de Montfort"),
                Cell::new("QN02704Q"),
                Cell::new(integer(144)),
                Cell::new(percent(11.67)),
                Cell::new(number(8.4, 1)),
            ],
            vec![
                Cell::new("Total").bold(),
                Cell::new(""),
                Cell::new(integer(1_234)).bold(),
                Cell::new(percent(100.0)).bold(),
                Cell::new(""),
            ],
        ],
    }));
    s.subsections = vec![sub, qpv];
    s
}

fn actions() -> Section {
    let mut s = Section::new("actions", "Actions");
    s.blocks.push(p("Suivi des actions du pilier par porteur : statut, quartiers concernés et météo. Les actions reportées ou abandonnées restent listées pour mémoire."));
    let statuses = [
        ("En cours", Tone::Good),
        ("Prévue", Tone::Neutral),
        ("Reportée", Tone::Warning),
        ("Réalisée", Tone::Good),
        ("En cours", Tone::Bad),
    ];
    let porteurs = [
        "Connect'Érable",
        "Centre social Les Tilleuls",
        "Médiathèque Aimé-Césaire",
        "France Services de Léry",
        "Mission locale du Val d'Érable",
        "CCAS de Saint-Aubin",
    ];
    let titles = [
        "Ateliers « Premiers pas sur smartphone »",
        "Permanences numériques en pied d'immeuble",
        "Bus numérique itinérant",
        "Accompagnement aux démarches CAF et France Travail",
        "Parcours Pix pour les jeunes de 16 à 25 ans",
        "Café numérique des parents d'élèves",
    ];
    let rows = (0..60)
        .map(|i| {
            let (status, tone) = statuses[i % statuses.len()];
            vec![
                Cell::new(format!("A{:02}", i + 1)),
                Cell::new(format!(
                    "{} — session {}",
                    titles[i % titles.len()],
                    i / titles.len() + 1
                )),
                Cell::new(porteurs[(i * 7) % porteurs.len()]),
                Cell::new(
                    [
                        "Hauts-de-Léry",
                        "Clos-Fleuri, Prairie",
                        "Tous les QPV",
                        "Saint-Aubin centre",
                    ][i % 4],
                ),
                Cell::new(status).tone(tone),
                Cell::new(euros_from_cents(
                    ((i as i64 * 137) % 40 + 5) * 50_000 + if i % 7 == 0 { 50 } else { 0 },
                )),
            ]
        })
        .collect();
    s.blocks.push(Block::Table(Table {
        caption: Some("Liste des actions (60)".into()),
        columns: vec![
            Column::new("N°", 0.7, Align::Left),
            Column::new("Action", 4.2, Align::Left),
            Column::new("Porteur", 2.6, Align::Left),
            Column::new("QPV", 2.0, Align::Left),
            Column::new("Statut", 1.7, Align::Left),
            Column::new("Montant attribué", 1.8, Align::Right),
        ],
        rows,
    }));
    s
}

fn financements() -> Section {
    let mut s = Section::new("financements", "Financements");
    let financeurs = [
        "État – BOP 147",
        "État – droit commun",
        "EPCI",
        "Commune",
        "Département",
        "Région",
        "CAF",
        "Banque des Territoires",
        "FSE+",
    ];
    let mut rows: Vec<Vec<Cell>> = financeurs
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let base = (i as i64 + 2) * 1_000_000;
            vec![
                Cell::new(*f),
                Cell::new("2026"),
                Cell::new(euros_from_cents(base + 250_000)),
                Cell::new(euros_from_cents(base)),
                Cell::new(euros_from_cents(base / 2 + if i == 3 { 50 } else { 0 })),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::new("Total").bold(),
        Cell::new(""),
        Cell::new(euros_from_cents(56_250_000)).bold(),
        Cell::new(euros_from_cents(54_000_000)).bold(),
        Cell::new(euros_from_cents(27_000_050)).bold(),
    ]);
    s.blocks.push(Block::Table(Table {
        caption: Some("Financements par financeur (2026)".into()),
        columns: vec![
            Column::new("Financeur", 3.0, Align::Left),
            Column::new("Année", 1.0, Align::Center),
            Column::new("Sollicité", 1.8, Align::Right),
            Column::new("Attribué", 1.8, Align::Right),
            Column::new("Versé", 1.8, Align::Right),
        ],
        rows,
    }));
    s.blocks.push(Block::Alerts(vec![AlertLine { severity: Severity::Critical, text: "CPO 2024-2026 de Connect'Érable : compte-rendu financier 2025 en retard (échéance dépassée de 5 mois).".into() }]));
    s
}

fn instances(date: NaiveDate) -> Section {
    let mut s = Section::new("instances", "Instances et décisions");
    s.blocks.push(Block::Table(Table {
        caption: Some("Décisions ouvertes".into()),
        columns: vec![
            Column::new("Décision", 5.0, Align::Left),
            Column::new("Responsable", 2.2, Align::Left),
            Column::new("Échéance", 1.5, Align::Right),
            Column::new("Statut", 1.6, Align::Left),
        ],
        rows: vec![
            vec![
                Cell::new("Réunir les porteurs Aidants Connect pour relancer les formations"),
                Cell::new("Cheffe de projet"),
                Cell::new("15/09/2026"),
                Cell::new("En retard").tone(Tone::Bad),
            ],
            vec![
                Cell::new("Étudier l'ouverture d'un lieu de médiation aux Hauts-de-Léry"),
                Cell::new("Bailleur Habitat 27"),
                Cell::new(copil_core::format::date_short(date)),
                Cell::new("En cours").tone(Tone::Warning),
            ],
            vec![
                Cell::new("Intégrer l'égalité femmes-hommes dans l'appel à projets 2027"),
                Cell::new("Délégué du préfet"),
                Cell::new("31/01/2027"),
                Cell::new("À faire").tone(Tone::Neutral),
            ],
        ],
    }));
    s
}

fn prochaines_etapes() -> Section {
    let mut s = Section::new("prochaines-etapes", "Prochaines étapes");
    s.blocks.push(Block::Bullets(vec![
        "Janvier 2027 : lancement de l'appel à projets politique de la ville 2027.".into(),
        "Mars 2027 : COTECH inclusion numérique — bilan des formations Aidants Connect.".into(),
        "30 juin 2027 : date limite des comptes-rendus financiers 2026 (CERFA 15059).".into(),
    ]));
    s
}

fn annexes() -> Section {
    let mut s = Section::new("annexes", "Annexes");
    let mut acteurs = Section::new("acteurs", "Acteurs et labels");
    acteurs.blocks.push(Block::Table(Table {
        caption: None,
        columns: vec![
            Column::new("Structure", 3.0, Align::Left),
            Column::new("Type", 1.5, Align::Left),
            Column::new("Labels", 3.0, Align::Left),
            Column::new("SIRET", 2.0, Align::Left),
        ],
        rows: vec![
            vec![
                Cell::new("Connect'Érable"),
                Cell::new("Association"),
                Cell::new("Conseiller numérique, Aidants Connect, Pass numérique"),
                Cell::new("123 456 789 00012"),
            ],
            vec![
                Cell::new("France Services de Léry"),
                Cell::new("Collectivité"),
                Cell::new("France Services"),
                Cell::new(""),
            ],
        ],
    }));
    let mut sources = Section::new("sources", "Sources");
    sources.blocks.push(p("Données saisies dans Copil par la direction de la politique de la ville ; listes des QPV : décret n° 2023-1314 du 28 décembre 2023 ; indice de fragilité numérique : Mednum."));
    s.subsections = vec![acteurs, sources];
    s
}
