//! Indicators: table and chart per indicator, grouped by objective, by QPV.

use super::*;

pub(super) fn indicators(p: &Pillar, scope: &Scope, all: &[figures::IndicatorFigures]) -> Section {
    let mut s = Section::new("indicateurs", "Indicateurs");
    s.blocks.push(para(format!(
        "Réalisé et cible jusqu'à fin {} : les indicateurs cumulatifs additionnent les années, les indicateurs instantanés retiennent la dernière valeur. \
         Des unités différentes (personnes, accompagnements, séances…) ne sont jamais additionnées.",
        scope.year
    )));
    if let Some(elapsed) = scope.year_elapsed().filter(|e| *e > 0.0) {
        s.blocks.push(para(format!(
            "L'année {} est en cours : le statut d'un indicateur cumulatif compare le réalisé à la part de sa cible {} attendue au {} ({} de l'année) ; « Atteint » demande la cible entière.",
            scope.year,
            scope.year,
            date_long(scope.today),
            percent(elapsed * 100.0)
        )));
    }
    let coop = figures::coop_publics(p, scope.year, None);
    if all.iter().any(|f| f.trajectory.is_some()) {
        s.blocks.push(para(format!(
            "Un indicateur instantané dont la prochaine cible est postérieure à {} est jugé sur sa trajectoire : \
             la droite qui mène de sa valeur de référence (ou de sa cible précédente) à cette cible, lue en {}.",
            scope.year, scope.year
        )));
    }
    if all
        .iter()
        .any(|f| f.reporting.is_some() || f.years.iter().any(|y| y.contributors > 0))
    {
        s.blocks.push(para(
            "Les valeurs des indicateurs additionnent les bilans des actions ; un pourcentage est la moyenne des actions pondérée par sa base \
             (« sur … personnes »). Une valeur du territoire saisie par le chef de projet prévaut : la somme des bilans est alors donnée à côté, jamais ajoutée.",
        ));
    }
    if let Some(caveat) = all.iter().find_map(|f| f.caveat.clone()) {
        s.blocks.push(para(caveat));
    }
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
                    Cell::new(match &f.trajectory {
                        Some(t) => format!(
                            "{} en {}, trajectoire {} : {}",
                            quantity(t.to_value, f.unit),
                            t.to_year,
                            t.year,
                            quantity(t.value, f.unit)
                        ),
                        None => opt_qty(f.target, f.unit),
                    }),
                    Cell::new(crate::format::consolidated(
                        f.actual,
                        f.base,
                        f.not_computable.is_some(),
                        f.unit,
                    ))
                    .bold(),
                    Cell::new(f.gap.map(|g| gap(g, f.unit)).unwrap_or_else(|| "—".into())),
                    Cell::new(if f.trajectory.is_some() {
                        format!("{} (trajectoire)", f.status.label())
                    } else {
                        f.status.label().to_string()
                    })
                    .tone(tone_of_status(f.status)),
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
        let notes: Vec<String> = ids
            .iter()
            .filter_map(|id| all.iter().find(|f| f.indicator_id == *id))
            .flat_map(|f| consolidation_notes(f, scope.year, coop.as_ref()))
            .collect();
        if !notes.is_empty() {
            sub.blocks.push(Block::Bullets(notes));
        }
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
                            Cell::new(crate::format::consolidated(
                                d.actual,
                                d.base,
                                d.not_computable.is_some(),
                                f.unit,
                            )),
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
    if let Some(publics) = coop_publics(p, scope) {
        s.subsections.push(publics);
    }
    s
}

/// « Publics accompagnés — La Coop »: who the accompaniments imported from La Coop reached, by
/// genre, age band and status, with what its « personnes » and its QPVs are.
fn coop_publics(p: &Pillar, scope: &Scope) -> Option<Section> {
    let c = figures::coop_publics(p, scope.year, None)?;
    let mut s = Section::new(
        "indicateurs-coop",
        format!(
            "Publics accompagnés en {} (La Coop de la médiation numérique)",
            c.year
        ),
    );
    let fed: Vec<String> = c
        .fed
        .iter()
        .map(|f| match f.value {
            Some(v) => format!("{} ({})", f.name, quantity(v, f.unit)),
            None => f.name.clone(),
        })
        .collect();
    s.blocks.push(para(format!(
        "{} accompagnements enregistrés dans La Coop en {} alimentent : {}.",
        integer(i64::from(c.accompaniments)),
        c.year,
        fed.join(" ; ")
    )));
    for b in &c.breakdowns {
        s.blocks.push(Block::Bars(Bars {
            caption: Some(format!(
                "{} des bénéficiaires (part des accompagnements)",
                b.dimension.label()
            )),
            min: 0.0,
            max: 100.0,
            decimals: 0,
            rows: b
                .categories
                .iter()
                .map(|cat| Bar {
                    label: cat.label.clone(),
                    value: Some(cat.share),
                    text: format!(
                        "{} ({})",
                        percent(cat.share),
                        integer(i64::from(cat.accompaniments))
                    ),
                    bold: false,
                    tone: None,
                })
                .collect(),
        }));
    }
    let mut notes = Vec::new();
    notes.extend(c.persons_note.clone());
    notes.extend(c.qpv_note.clone());
    notes.extend(c.sources.iter().map(|src| {
        format!(
            "{} : {} ({} accompagnements).",
            src.action,
            src.source,
            integer(i64::from(src.accompaniments))
        )
    }));
    s.blocks.push(Block::Bullets(notes));
    Some(s)
}

/// What the reader must know about how an indicator's value was consolidated: who reported it,
/// a territory value standing over the bilans, why it cannot be computed.
fn consolidation_notes(
    f: &figures::IndicatorFigures,
    year: i32,
    coop: Option<&figures::CoopPublics>,
) -> Vec<String> {
    let mut notes = Vec::new();
    if let Some((c, fed)) = coop.and_then(|c| {
        c.fed
            .iter()
            .find(|x| x.indicator_id == f.indicator_id)
            .map(|x| (c, x))
    }) {
        notes.push(match fed.value {
            Some(v) => format!(
                "{} — {} : {} issus de La Coop de la médiation numérique (section « Publics accompagnés »).",
                f.name,
                c.year,
                quantity(v, f.unit)
            ),
            None => format!(
                "{} — {} : alimenté par La Coop de la médiation numérique (section « Publics accompagnés »).",
                f.name, c.year
            ),
        });
        if f.unit == crate::domain::Unit::Persons {
            notes.extend(c.persons_note.clone());
        }
    }
    if let Some(r) = &f.reporting {
        notes.push(format!("{} — bilans {} : {}.", f.name, r.year, r.text));
    }
    if let Some(y) = f.years.iter().find(|y| y.year == year) {
        if let (Some(figures::ValueOrigin::TerritoryOverContributions), Some(sum)) =
            (y.origin, y.contributions)
        {
            notes.push(format!(
                "{} — {year} : la valeur du territoire ({}) est retenue ; les bilans de {} action{} totalisent {}.",
                f.name,
                opt_qty(y.actual, f.unit),
                y.contributors,
                if y.contributors > 1 { "s" } else { "" },
                quantity(sum, f.unit)
            ));
        }
    }
    if let Some(reason) = &f.not_computable {
        notes.push(format!("{} — non calculable ({reason}).", f.name));
    }
    notes
}
