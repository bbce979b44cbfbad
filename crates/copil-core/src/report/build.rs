//! Builds the COPIL report model from the core's figure functions (the same ones the screens use).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::model::*;
use crate::domain::{ActionStatus, Id, IndicatorKind, Weather};
use crate::figures::{self, IndicatorStatus, Pillar, Scope, Snapshot};
use crate::format::{date_long, date_short, euros_from_cents, gap, integer, percent, quantity};
use crate::store::IssuedReport;

/// What the report is prepared for and what it contains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportOptions {
    /// Meeting it is prepared for (default: the next one, else the latest).
    pub meeting_id: Option<Id>,
    /// Figures up to the end of this year.
    pub year: i32,
    /// Restrict to one QPV.
    pub district_id: Option<Id>,
    /// Include the annexes (actors, QPV list, sources).
    pub include_annexes: bool,
    /// Compare with this issued report (default: the last one).
    pub compare_with: Option<Id>,
    /// Date printed on the report and used for what is overdue.
    pub today: NaiveDate,
}

impl ReportOptions {
    /// Default options for a report produced today.
    pub fn for_today(today: NaiveDate) -> ReportOptions {
        ReportOptions {
            meeting_id: None,
            year: today.year(),
            district_id: None,
            include_annexes: true,
            compare_with: None,
            today,
        }
    }

    /// The figures' scope.
    pub fn scope(&self) -> Scope {
        Scope {
            year: self.year,
            today: self.today,
            district_id: self.district_id,
        }
    }
}

fn tone_of_status(s: IndicatorStatus) -> Tone {
    match s {
        IndicatorStatus::Reached => Tone::Good,
        IndicatorStatus::OnTrack => Tone::Neutral,
        IndicatorStatus::Late => Tone::Bad,
        IndicatorStatus::NoTarget | IndicatorStatus::NoValue => Tone::Warning,
    }
}

fn tone_of_weather(w: Option<Weather>) -> Tone {
    match w {
        Some(Weather::Green) => Tone::Good,
        Some(Weather::Amber) => Tone::Warning,
        Some(Weather::Red) => Tone::Bad,
        None => Tone::Neutral,
    }
}

fn weather_word(w: Option<Weather>) -> &'static str {
    w.map(|w| w.label()).unwrap_or("Non évaluée")
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(vec![Span::plain(text)])
}

fn opt_qty(v: Option<f64>, unit: crate::domain::Unit) -> String {
    v.map(|v| quantity(v, unit)).unwrap_or_else(|| "—".into())
}

/// Builds the whole report for `p` with `options`; `previous` is the issued report to compare with.
pub fn build_report(
    p: &Pillar,
    options: &ReportOptions,
    previous: Option<&IssuedReport>,
) -> ReportDocument {
    let scope = options.scope();
    let meeting = options
        .meeting_id
        .and_then(|id| p.meetings.iter().find(|m| m.id == id))
        .or_else(|| {
            p.meetings
                .iter()
                .filter(|m| m.date >= options.today)
                .min_by_key(|m| m.date)
        });
    let meeting_label = meeting.map(|m| format!("{} du {}", m.kind.label(), date_long(m.date)));
    let district = options
        .district_id
        .and_then(|id| p.districts.iter().find(|d| d.id == id));
    let communes: Vec<String> = p.contract.communes.iter().map(|c| c.name.clone()).collect();
    let territory = match district {
        Some(d) => format!("{} – quartier {} {}", p.contract.epci, d.code, d.name),
        None => format!("{} ({})", p.contract.epci, communes.join(", ")),
    };
    let title = "Rapport de suivi du pilier inclusion numérique".to_string();
    let meta = ReportMeta {
        title: title.clone(),
        subject: format!(
            "{} – situation au {}",
            p.contract.name,
            date_long(options.today)
        ),
        author: p.contract.epci.clone(),
        contract_name: p.contract.name.clone(),
        territory: territory.clone(),
        meeting_label: meeting_label.clone(),
        date: options.today,
        footer_text: p.contract.name.clone(),
    };
    let mut details = vec![
        CoverDetail {
            label: "Territoire".into(),
            value: territory,
        },
        CoverDetail {
            label: "Période du contrat".into(),
            value: format!("{}–{}", p.contract.start_year, p.contract.end_year),
        },
        CoverDetail {
            label: "Situation au".into(),
            value: date_long(options.today),
        },
        CoverDetail {
            label: "Chiffres arrêtés à".into(),
            value: format!("fin {}", options.year),
        },
    ];
    if let Some(m) = meeting {
        details.insert(
            0,
            CoverDetail {
                label: "Instance".into(),
                value: format!("{} – {}, {}", m.kind.label(), date_long(m.date), m.place),
            },
        );
    }
    let cover = Cover {
        kicker: "Comité de pilotage".into(),
        title,
        subtitle: Some(p.contract.name.clone()),
        details,
        note: Some(
            "Document produit par Copil à partir du fichier du contrat, sans connexion réseau."
                .into(),
        ),
    };
    let mut sections = vec![
        synthesis(p, &scope, previous),
        objectives(p, &scope),
        indicators(p, &scope),
        actions(p, &scope),
        funding(p, &scope),
        meetings(p, &scope),
        next_steps(p, &scope),
    ];
    if options.include_annexes {
        sections.push(annexes(p));
    }
    ReportDocument {
        meta,
        cover,
        sections,
    }
}

fn synthesis(p: &Pillar, scope: &Scope, previous: Option<&IssuedReport>) -> Section {
    let k = figures::key_figures(p, scope);
    let mut s = Section::new("synthese", "Synthèse");
    s.blocks.push(Block::KeyFigures(vec![
        KeyFigure {
            label: "Objectifs".into(),
            value: integer(k.objectives as i64),
            detail: Some(format!(
                "{} thèmes sur {} couverts",
                k.themes_covered, k.themes
            )),
            tone: None,
        },
        KeyFigure {
            label: "Indicateurs atteints".into(),
            value: format!("{} / {}", k.indicators_reached, k.indicators),
            detail: Some(format!(
                "{} en bonne voie, {} en retard",
                k.indicators_on_track, k.indicators_late
            )),
            tone: Some(if k.indicators_late > k.indicators_reached {
                Tone::Warning
            } else {
                Tone::Good
            }),
        },
        KeyFigure {
            label: "Actions".into(),
            value: integer(k.actions as i64),
            detail: Some(format!(
                "{} en cours, {} réalisées",
                k.actions_running, k.actions_done
            )),
            tone: None,
        },
        KeyFigure {
            label: "Financements attribués".into(),
            value: euros_from_cents(k.granted_cents),
            detail: Some(format!(
                "dont {} en {} ; versé : {}",
                euros_from_cents(k.granted_year_cents),
                scope.year,
                euros_from_cents(k.paid_cents)
            )),
            tone: None,
        },
        KeyFigure {
            label: "Décisions ouvertes".into(),
            value: integer(k.open_decisions as i64),
            detail: Some(format!("dont {} en retard", k.overdue_decisions)),
            tone: Some(if k.overdue_decisions > 0 {
                Tone::Bad
            } else {
                Tone::Good
            }),
        },
    ]));
    let mut weather = Section::new("synthese-meteo", "Météo des objectifs");
    let mut table = Table {
        caption: None,
        columns: vec![
            Column::new("Objectif", 5.0, Align::Left),
            Column::new("Météo", 1.6, Align::Left),
            Column::new("Motif", 4.0, Align::Left),
        ],
        rows: vec![],
    };
    for w in figures::objective_weather(p, scope) {
        let indent = "    ".repeat(w.depth as usize);
        let mut name = Cell::new(format!("{indent}{} {}", w.code, w.title));
        if w.depth == 0 {
            name = name.bold();
        }
        table.rows.push(vec![
            name,
            Cell::new(weather_word(w.weather)).tone(tone_of_weather(w.weather)),
            Cell::new(w.reason),
        ]);
    }
    weather.blocks.push(Block::Table(table));
    s.subsections.push(weather);

    let mut alerts = Section::new("synthese-alertes", "Points d'alerte");
    let list = figures::alerts(p, scope);
    if list.is_empty() {
        alerts.blocks.push(para("Aucun point d'alerte."));
    } else {
        alerts.blocks.push(Block::Alerts(
            list.iter()
                .map(|a| AlertLine {
                    severity: if a.severity == crate::domain::Severity::Error {
                        Severity::Critical
                    } else {
                        Severity::Warning
                    },
                    text: a.message.clone(),
                })
                .collect(),
        ));
    }
    s.subsections.push(alerts);

    let mut changes = Section::new(
        "synthese-evolutions",
        "Ce qui a changé depuis le précédent rapport",
    );
    match previous {
        None => changes.blocks.push(para("Premier rapport émis pour ce contrat : il servira de point de comparaison au prochain.")),
        Some(prev) => {
            let date = prev.issued_at.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            changes.blocks.push(para(format!(
                "Comparaison avec le rapport du {}.",
                date.map(date_long).unwrap_or_else(|| prev.issued_at.clone())
            )));
            match serde_json::from_value::<Snapshot>(prev.snapshot.clone()) {
                Ok(snapshot) => {
                    let list = figures::changes_since(&snapshot, p, scope);
                    if list.is_empty() {
                        changes.blocks.push(para("Aucun changement depuis ce rapport."));
                    } else {
                        changes.blocks.push(Block::Bullets(list.into_iter().map(|c| format!("{} — {}", c.kind.label(), c.text)).collect()));
                    }
                }
                Err(_) => changes.blocks.push(para("Le rapport précédent ne contient pas de chiffres comparables.")),
            }
        }
    }
    s.subsections.push(changes);
    s
}

fn objectives(p: &Pillar, scope: &Scope) -> Section {
    let mut s = Section::new("objectifs", "Objectifs et transversalité");
    s.blocks.push(para(
        "Chaque objectif du pilier est rattaché à un ou plusieurs thèmes du contrat de ville : c'est ce qui fait de l'inclusion numérique un pilier transversal. \
         La matrice croise objectifs et thèmes ; chaque case liée indique le nombre d'actions (A), d'indicateurs (I) et le montant attribué.",
    ));
    let mut tree = Section::new("objectifs-arbre", "Arbre des objectifs");
    let mut table = Table {
        caption: None,
        columns: vec![
            Column::new("Objectif", 6.0, Align::Left),
            Column::new("Thèmes", 5.0, Align::Left),
        ],
        rows: vec![],
    };
    for (o, depth) in p.objective_tree() {
        let themes: Vec<String> = p
            .themes
            .iter()
            .filter(|t| o.theme_ids.contains(&t.id))
            .map(|t| t.name.clone())
            .collect();
        let mut cell = Cell::new(format!("{}{} {}", "    ".repeat(depth), o.code, o.title));
        if depth == 0 {
            cell = cell.bold();
        }
        table.rows.push(vec![
            cell,
            Cell::new(if themes.is_empty() {
                "—".into()
            } else {
                themes.join(", ")
            }),
        ]);
    }
    tree.blocks.push(Block::Table(table));
    s.subsections.push(tree);

    let matrix = figures::transversality_matrix(p, scope);
    let mut m = Section::new("objectifs-matrice", "Matrice de transversalité");
    // One table per group of themes so that columns stay readable on A4 portrait.
    for chunk in (0..matrix.themes.len()).collect::<Vec<_>>().chunks(4) {
        let mut columns = vec![Column::new("Objectif", 3.2, Align::Left)];
        columns.extend(
            chunk
                .iter()
                .map(|&i| Column::new(matrix.themes[i].name.clone(), 2.0, Align::Center)),
        );
        let rows = matrix
            .rows
            .iter()
            .map(|r| {
                let mut row = vec![Cell::new(format!("{} {}", r.code, r.title))];
                row.extend(chunk.iter().map(|&i| {
                    let c = &r.cells[i];
                    if c.linked || !c.action_ids.is_empty() {
                        Cell::new(format!(
                            "A {} · I {}\n{}",
                            c.action_ids.len(),
                            c.indicator_ids.len(),
                            euros_from_cents(c.granted_cents)
                        ))
                        .tone(if c.action_ids.is_empty() {
                            Tone::Warning
                        } else {
                            Tone::Good
                        })
                    } else {
                        Cell::new("·")
                    }
                }));
                row
            })
            .collect();
        m.blocks.push(Block::Table(Table {
            caption: None,
            columns,
            rows,
        }));
    }
    let orphan: Vec<String> = matrix
        .themes
        .iter()
        .zip(&matrix.objectives_per_theme)
        .filter(|(_, n)| **n == 0)
        .map(|(t, _)| t.name.clone())
        .collect();
    if !orphan.is_empty() {
        m.blocks.push(Block::Alerts(vec![AlertLine {
            severity: Severity::Warning,
            text: format!(
                "Risque de dilution : aucun objectif d'inclusion numérique pour {}.",
                orphan.join(", ")
            ),
        }]));
    }
    s.subsections.push(m);
    s
}

fn indicators(p: &Pillar, scope: &Scope) -> Section {
    let mut s = Section::new("indicateurs", "Indicateurs");
    s.blocks.push(para(format!(
        "Réalisé et cible jusqu'à fin {} : les indicateurs cumulatifs additionnent les années, les indicateurs instantanés retiennent la dernière valeur. \
         Des unités différentes (personnes, accompagnements, séances…) ne sont jamais additionnées.",
        scope.year
    )));
    let all = figures::all_indicator_figures(p, scope);
    let columns = || {
        vec![
            Column::new("Indicateur", 3.6, Align::Left),
            Column::new("Unité", 2.0, Align::Left),
            Column::new("Référence", 2.0, Align::Right),
            Column::new("Cible", 1.5, Align::Right),
            Column::new("Réalisé", 1.6, Align::Right),
            Column::new("Écart", 1.5, Align::Right),
            Column::new("Statut", 1.8, Align::Left),
            Column::new("Source", 2.2, Align::Left),
        ]
    };
    let mut groups: Vec<(String, Vec<Id>)> = p
        .objective_tree()
        .into_iter()
        .map(|(o, _)| {
            (
                format!("{} {}", o.code, o.title),
                p.indicators
                    .iter()
                    .filter(|i| i.objective_ids.contains(&o.id))
                    .map(|i| i.id)
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, ids)| !ids.is_empty())
        .collect();
    let orphans: Vec<Id> = p
        .indicators
        .iter()
        .filter(|i| i.objective_ids.is_empty())
        .map(|i| i.id)
        .collect();
    if !orphans.is_empty() {
        groups.push(("Indicateurs non rattachés à un objectif".into(), orphans));
    }
    let mut charted: Vec<Id> = Vec::new();
    for (n, (title, ids)) in groups.into_iter().enumerate() {
        let mut sub = Section::new(format!("indicateurs-{n}"), title);
        let rows = ids
            .iter()
            .filter_map(|id| all.iter().find(|f| f.indicator_id == *id))
            .map(|f| {
                let kind = if f.kind == IndicatorKind::Cumulative {
                    "cumul"
                } else {
                    "dernière valeur"
                };
                vec![
                    Cell::new(f.name.clone()),
                    Cell::new(format!("{} ({kind})", f.unit.label())),
                    Cell::new(match (f.baseline, f.baseline_date) {
                        (Some(v), Some(d)) => format!("{} ({})", quantity(v, f.unit), d.year()),
                        (Some(v), None) => quantity(v, f.unit),
                        _ => "—".into(),
                    }),
                    Cell::new(opt_qty(f.target, f.unit)),
                    Cell::new(opt_qty(f.actual, f.unit)).bold(),
                    Cell::new(f.gap.map(|g| gap(g, f.unit)).unwrap_or_else(|| "—".into())),
                    Cell::new(f.status.label()).tone(tone_of_status(f.status)),
                    Cell::new(if f.source.is_empty() {
                        "—".into()
                    } else {
                        f.source.clone()
                    }),
                ]
            })
            .collect();
        sub.blocks.push(Block::Table(Table {
            caption: None,
            columns: columns(),
            rows,
        }));
        for f in ids
            .iter()
            .filter_map(|id| all.iter().find(|f| f.indicator_id == *id))
        {
            if charted.contains(&f.indicator_id) {
                continue;
            }
            charted.push(f.indicator_id);
            let points: Vec<ChartPoint> = f
                .years
                .iter()
                .filter(|y| y.year <= scope.year || y.target.is_some())
                .map(|y| ChartPoint {
                    label: y.year.to_string(),
                    target: y.target,
                    actual: y.actual,
                })
                .collect();
            if points
                .iter()
                .any(|pt| pt.target.is_some() || pt.actual.is_some())
            {
                sub.blocks.push(Block::Chart(Chart {
                    title: format!("{} — cible et réalisé par année", f.name),
                    unit: f.unit.label().into(),
                    points,
                }));
            }
            if !f.by_district.is_empty() {
                let rows = f
                    .by_district
                    .iter()
                    .map(|d| {
                        vec![
                            Cell::new(format!("{} {}", d.code, d.name)),
                            Cell::new(opt_qty(d.actual, f.unit)),
                        ]
                    })
                    .collect();
                sub.blocks.push(Block::Table(Table {
                    caption: Some(format!("{} par quartier", f.name)),
                    columns: vec![
                        Column::new("Quartier", 5.0, Align::Left),
                        Column::new("Réalisé", 2.0, Align::Right),
                    ],
                    rows,
                }));
            }
        }
        s.subsections.push(sub);
    }
    s
}

fn actions(p: &Pillar, scope: &Scope) -> Section {
    let mut s = Section::new("actions", "Actions");
    let in_scope: Vec<_> = p
        .actions
        .iter()
        .filter(|a| {
            scope
                .district_id
                .is_none_or(|d| a.district_ids.contains(&d))
        })
        .collect();
    let counts: Vec<String> = ActionStatus::ALL
        .iter()
        .map(|st| (st, in_scope.iter().filter(|a| a.status == *st).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(st, n)| format!("{} {}", n, st.label().to_lowercase()))
        .collect();
    s.blocks.push(para(format!(
        "{} actions : {}.",
        in_scope.len(),
        counts.join(", ")
    )));
    let columns = || {
        vec![
            Column::new("Action", 4.0, Align::Left),
            Column::new("Porteur", 2.6, Align::Left),
            Column::new("Quartiers", 1.8, Align::Left),
            Column::new("Statut", 1.5, Align::Left),
            Column::new("Météo", 3.2, Align::Left),
        ]
    };
    let row = |a: &crate::domain::Action| {
        let qpv: Vec<String> = a.district_ids.iter().map(|d| p.district_code(*d)).collect();
        let weather = match (a.weather, a.weather_comment.is_empty()) {
            (w, true) => weather_word(w).to_string(),
            (w, false) => format!("{} — {}", weather_word(w), a.weather_comment),
        };
        vec![
            Cell::new(a.title.clone()),
            Cell::new(p.actor_name(a.porteur_id)),
            Cell::new(if qpv.is_empty() {
                "Tout le territoire".into()
            } else {
                qpv.join(", ")
            }),
            Cell::new(a.status.label()),
            Cell::new(weather).tone(tone_of_weather(a.weather)),
        ]
    };
    for (n, (o, depth)) in p.objective_tree().into_iter().enumerate() {
        let list: Vec<_> = in_scope
            .iter()
            .filter(|a| a.objective_ids.contains(&o.id))
            .collect();
        if list.is_empty() && depth > 0 {
            continue;
        }
        let mut sub = Section::new(format!("actions-{n}"), format!("{} {}", o.code, o.title));
        if list.is_empty() {
            sub.blocks
                .push(para("Aucune action directement rattachée à cet objectif."));
        } else {
            sub.blocks.push(Block::Table(Table {
                caption: None,
                columns: columns(),
                rows: list.iter().map(|a| row(a)).collect(),
            }));
        }
        s.subsections.push(sub);
    }
    s
}

fn amounts_cells(a: &figures::Amounts) -> [Cell; 3] {
    [
        Cell::new(euros_from_cents(a.requested_cents)),
        Cell::new(euros_from_cents(a.granted_cents)),
        Cell::new(euros_from_cents(a.paid_cents)),
    ]
}

fn share_table(title: &str, shares: Vec<figures::FundingShare>) -> Block {
    Block::Table(Table {
        caption: None,
        columns: vec![
            Column::new(title, 4.0, Align::Left),
            Column::new("Actions", 1.2, Align::Right),
            Column::new("Sollicité", 1.8, Align::Right),
            Column::new("Attribué", 1.8, Align::Right),
            Column::new("Versé", 1.8, Align::Right),
        ],
        rows: shares
            .into_iter()
            .map(|s| {
                let mut row = vec![Cell::new(s.label), Cell::new(integer(s.actions as i64))];
                row.extend(amounts_cells(&s.amounts));
                row
            })
            .collect(),
    })
}

fn funding(p: &Pillar, scope: &Scope) -> Section {
    let mut s = Section::new("financements", "Financements");
    let table = figures::funding_by_financeur_year(p, scope);
    let mut by_fin = Section::new("financements-financeurs", "Par financeur et par année");
    let mut columns = vec![
        Column::new("Financeur", 2.6, Align::Left),
        Column::new("Année", 1.0, Align::Center),
    ];
    columns.extend([
        Column::new("Sollicité", 1.8, Align::Right),
        Column::new("Attribué", 1.8, Align::Right),
        Column::new("Versé", 1.8, Align::Right),
    ]);
    let mut rows = Vec::new();
    for r in &table.rows {
        for (i, y) in table.years.iter().enumerate() {
            let a = &r.per_year[i];
            if *a == figures::Amounts::default() {
                continue;
            }
            let mut row = vec![Cell::new(r.financeur.label()), Cell::new(y.to_string())];
            row.extend(amounts_cells(a));
            rows.push(row);
        }
        let mut row = vec![
            Cell::new(format!("Total {}", r.financeur.label())).bold(),
            Cell::new(""),
        ];
        row.extend(amounts_cells(&r.total).map(Cell::bold));
        rows.push(row);
    }
    for (i, y) in table.years.iter().enumerate() {
        let mut row = vec![Cell::new(format!("Total {y}")).bold(), Cell::new("")];
        row.extend(amounts_cells(&table.year_totals[i]).map(Cell::bold));
        rows.push(row);
    }
    let mut row = vec![Cell::new("Total général").bold(), Cell::new("")];
    row.extend(amounts_cells(&table.total).map(Cell::bold));
    rows.push(row);
    by_fin.blocks.push(Block::Table(Table {
        caption: None,
        columns,
        rows,
    }));
    s.subsections.push(by_fin);

    let mut by_theme = Section::new("financements-themes", "Par thème");
    by_theme.blocks.push(para("Une action rattachée à plusieurs thèmes compte pour chacun : les lignes ne s'additionnent pas."));
    by_theme
        .blocks
        .push(share_table("Thème", figures::funding_by_theme(p, scope)));
    s.subsections.push(by_theme);
    let mut by_qpv = Section::new("financements-quartiers", "Par quartier");
    by_qpv.blocks.push(para(
        "Une action menée dans plusieurs quartiers compte pour chacun.",
    ));
    by_qpv.blocks.push(share_table(
        "Quartier",
        figures::funding_by_district(p, scope),
    ));
    s.subsections.push(by_qpv);

    let mut due = Section::new("financements-echeances", "CPO et comptes-rendus financiers");
    let cpo = figures::cpo_conventions(p, scope);
    if cpo.is_empty() {
        due.blocks.push(para(
            "Aucune convention pluriannuelle d'objectifs (CPO) enregistrée.",
        ));
    } else {
        due.blocks.push(Block::Table(Table {
            caption: Some("Conventions pluriannuelles d'objectifs (CPO)".into()),
            columns: vec![
                Column::new("Action", 3.6, Align::Left),
                Column::new("Porteur", 2.6, Align::Left),
                Column::new("Financeur", 2.0, Align::Left),
                Column::new("Période", 1.4, Align::Center),
                Column::new("Attribué", 1.8, Align::Right),
            ],
            rows: cpo
                .iter()
                .map(|c| {
                    vec![
                        Cell::new(c.action.clone()),
                        Cell::new(c.porteur.clone()),
                        Cell::new(c.financeur.label()),
                        Cell::new(format!("{}–{}", c.start_year, c.end_year)).tone(
                            if c.ends_soon {
                                Tone::Warning
                            } else {
                                Tone::Neutral
                            },
                        ),
                        Cell::new(euros_from_cents(c.granted_cents)),
                    ]
                })
                .collect(),
        }));
    }
    let crf: Vec<_> = figures::crf_schedule(p, scope)
        .into_iter()
        .filter(|c| c.received_on.is_none())
        .collect();
    if crf.is_empty() {
        due.blocks.push(para(
            "Tous les comptes-rendus financiers échus ont été reçus.",
        ));
    } else {
        due.blocks.push(Block::Table(Table {
            caption: Some("Comptes-rendus financiers (CERFA 15059) attendus".into()),
            columns: vec![
                Column::new("Action", 3.6, Align::Left),
                Column::new("Porteur", 2.6, Align::Left),
                Column::new("Financeur", 2.0, Align::Left),
                Column::new("Année", 1.0, Align::Center),
                Column::new("Échéance", 2.0, Align::Left),
            ],
            rows: crf
                .iter()
                .map(|c| {
                    vec![
                        Cell::new(c.action.clone()),
                        Cell::new(c.porteur.clone()),
                        Cell::new(c.financeur.label()),
                        Cell::new(c.year.to_string()),
                        if c.overdue {
                            Cell::new(format!("En retard ({})", date_short(c.due)))
                                .tone(Tone::Bad)
                                .bold()
                        } else {
                            Cell::new(date_short(c.due))
                        },
                    ]
                })
                .collect(),
        }));
    }
    s.subsections.push(due);
    s
}

fn meetings(p: &Pillar, scope: &Scope) -> Section {
    let mut s = Section::new("instances", "Instances et décisions");
    let past: Vec<_> = p
        .meetings
        .iter()
        .filter(|m| m.date <= scope.today)
        .collect();
    let mut list = Section::new("instances-liste", "Instances tenues");
    list.blocks.push(Block::Table(Table {
        caption: None,
        columns: vec![
            Column::new("Date", 1.6, Align::Left),
            Column::new("Instance", 4.0, Align::Left),
            Column::new("Lieu", 2.6, Align::Left),
            Column::new("Participants", 3.2, Align::Left),
        ],
        rows: past
            .iter()
            .map(|m| {
                let total = m.headcount();
                let by_kind: Vec<String> = m
                    .headcount_by_kind()
                    .into_iter()
                    .map(|(k, n, share)| format!("{} {} ({})", k.label(), n, percent(share)))
                    .collect();
                vec![
                    Cell::new(date_short(m.date)),
                    Cell::new(format!("{} – {}", m.kind.label(), m.title)),
                    Cell::new(m.place.clone()),
                    Cell::new(if total == 0 {
                        "—".into()
                    } else {
                        format!("{total} : {}", by_kind.join(", "))
                    }),
                ]
            })
            .collect(),
    }));
    s.subsections.push(list);

    let mut open = Section::new("instances-decisions", "Décisions à suivre");
    let rows: Vec<Vec<Cell>> = p
        .decisions
        .iter()
        .filter(|d| d.status.is_open())
        .map(|d| {
            let overdue = d.is_overdue(scope.today);
            let due = d.due_date.map(date_short).unwrap_or_else(|| "—".into());
            vec![
                Cell::new(d.text.clone()),
                Cell::new(if d.owner.is_empty() {
                    "—".into()
                } else {
                    d.owner.clone()
                }),
                if overdue {
                    Cell::new(format!("{due} — en retard"))
                        .tone(Tone::Bad)
                        .bold()
                } else {
                    Cell::new(due)
                },
                Cell::new(d.status.label()),
            ]
        })
        .collect();
    if rows.is_empty() {
        open.blocks.push(para("Aucune décision ouverte."));
    } else {
        open.blocks.push(Block::Table(Table {
            caption: None,
            columns: vec![
                Column::new("Décision", 5.0, Align::Left),
                Column::new("Responsable", 2.6, Align::Left),
                Column::new("Échéance", 2.2, Align::Left),
                Column::new("Statut", 1.4, Align::Left),
            ],
            rows,
        }));
    }
    s.subsections.push(open);

    let mut record = Section::new("instances-releve", "Relevé de décisions");
    for m in &past {
        let ds: Vec<String> = p
            .decisions
            .iter()
            .filter(|d| d.meeting_id == m.id)
            .map(|d| {
                format!(
                    "{} ({}{})",
                    d.text,
                    d.status.label().to_lowercase(),
                    d.closed_on
                        .map(|c| format!(" le {}", date_short(c)))
                        .unwrap_or_default()
                )
            })
            .collect();
        if !ds.is_empty() {
            record.blocks.push(Block::Paragraph(vec![Span::bold(format!(
                "{} du {}",
                m.kind.label(),
                date_long(m.date)
            ))]));
            record.blocks.push(Block::Bullets(ds));
        }
    }
    s.subsections.push(record);
    s
}

fn next_steps(p: &Pillar, scope: &Scope) -> Section {
    let mut s = Section::new("prochaines-etapes", "Prochaines étapes");
    let mut events: Vec<(NaiveDate, String)> = Vec::new();
    for m in p.meetings.iter().filter(|m| m.date > scope.today) {
        events.push((
            m.date,
            format!("{} – {} ({})", m.kind.label(), m.title, m.place),
        ));
    }
    for d in p.decisions.iter().filter(|d| d.status.is_open()) {
        if let Some(due) = d.due_date.filter(|due| *due >= scope.today) {
            events.push((
                due,
                format!("Échéance de décision : {} ({})", d.text, d.owner),
            ));
        }
    }
    for c in figures::crf_schedule(p, scope)
        .into_iter()
        .filter(|c| c.received_on.is_none() && c.due >= scope.today)
    {
        events.push((
            c.due,
            format!(
                "Compte-rendu financier {} {} : {}",
                c.financeur.label(),
                c.year,
                c.action
            ),
        ));
    }
    for c in figures::cpo_conventions(p, scope)
        .into_iter()
        .filter(|c| c.end_year == scope.year || c.end_year == scope.year + 1)
    {
        if let Some(end) = NaiveDate::from_ymd_opt(c.end_year, 12, 31) {
            events.push((
                end,
                format!(
                    "Fin de la CPO {} ({}) : renouvellement à préparer",
                    c.action,
                    c.financeur.label()
                ),
            ));
        }
    }
    let next_year = scope.today.year() + 1;
    if let Some(d) = NaiveDate::from_ymd_opt(next_year, 6, 30) {
        events.push((
            d,
            format!(
                "Comptes-rendus financiers {} à recevoir",
                scope.today.year()
            ),
        ));
    }
    events.sort();
    events.dedup();
    if events.is_empty() {
        s.blocks
            .push(para("Aucune échéance à venir n'est enregistrée."));
    } else {
        s.blocks.push(Block::Table(Table {
            caption: None,
            columns: vec![
                Column::new("Date", 1.6, Align::Left),
                Column::new("Étape", 8.0, Align::Left),
            ],
            rows: events
                .into_iter()
                .map(|(d, t)| vec![Cell::new(date_short(d)), Cell::new(t)])
                .collect(),
        }));
    }
    s
}

fn annexes(p: &Pillar) -> Section {
    let mut s = Section::new("annexes", "Annexes");
    let mut actors = Section::new("annexes-acteurs", "Acteurs");
    actors.blocks.push(Block::Table(Table {
        caption: None,
        columns: vec![
            Column::new("Structure", 3.6, Align::Left),
            Column::new("Type", 1.6, Align::Left),
            Column::new("SIRET", 2.0, Align::Left),
            Column::new("Labels", 3.0, Align::Left),
            Column::new("Quartiers", 1.8, Align::Left),
        ],
        rows: p
            .actors
            .iter()
            .map(|a| {
                let labels: Vec<&str> = a.labels.iter().map(|l| l.label()).collect();
                let qpv: Vec<String> = a.district_ids.iter().map(|d| p.district_code(*d)).collect();
                vec![
                    Cell::new(a.name.clone()),
                    Cell::new(a.kind.label()),
                    Cell::new(a.siret.clone().unwrap_or_else(|| "—".into())),
                    Cell::new(if labels.is_empty() {
                        "—".into()
                    } else {
                        labels.join(", ")
                    }),
                    Cell::new(if qpv.is_empty() {
                        "—".into()
                    } else {
                        qpv.join(", ")
                    }),
                ]
            })
            .collect(),
    }));
    s.subsections.push(actors);
    let mut qpv = Section::new("annexes-quartiers", "Quartiers prioritaires");
    qpv.blocks.push(Block::Table(Table {
        caption: None,
        columns: vec![
            Column::new("Code", 1.6, Align::Left),
            Column::new("Quartier", 4.0, Align::Left),
            Column::new("Communes (INSEE)", 2.4, Align::Left),
            Column::new("Population", 1.6, Align::Right),
            Column::new("IFN", 1.0, Align::Right),
        ],
        rows: p
            .districts
            .iter()
            .map(|d| {
                vec![
                    Cell::new(d.code.clone()),
                    Cell::new(d.name.clone()),
                    Cell::new(d.communes.join(", ")),
                    Cell::new(d.population.map(integer).unwrap_or_else(|| "—".into())),
                    Cell::new(
                        d.ifn
                            .map(|v| crate::format::number(v, 1))
                            .unwrap_or_else(|| "—".into()),
                    ),
                ]
            })
            .collect(),
    }));
    s.subsections.push(qpv);
    let mut sources = Section::new("annexes-sources", "Sources");
    let mut list: Vec<String> = p
        .indicators
        .iter()
        .map(|i| i.source.clone())
        .filter(|s| !s.is_empty())
        .collect();
    list.extend(
        p.measurements
            .iter()
            .map(|m| m.source.clone())
            .filter(|s| !s.is_empty()),
    );
    list.sort();
    list.dedup();
    sources.blocks.push(Block::Bullets(list));
    s.subsections.push(sources);
    s
}
