//! Indicators: table and chart per indicator, grouped by objective, by QPV.

use super::*;

pub(super) fn indicators(p: &Pillar, scope: &Scope) -> Section {
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
