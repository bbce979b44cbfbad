//! Annexes: actors, QPV list, the contributions behind each indicator, sources.

use super::*;

pub(super) fn annexes(p: &Pillar, scope: &Scope) -> Section {
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
    if let Some(contributions) = contributions(p, scope) {
        s.subsections.push(contributions);
    }
    let mut sources = Section::new("annexes-sources", "Sources");
    // Each source once (many values share one), then in list order, its key computed once.
    let unique: std::collections::HashSet<&str> = p
        .indicators
        .iter()
        .map(|i| i.source.as_str())
        .chain(p.measurements.iter().map(|m| m.source.as_str()))
        .filter(|s| !s.is_empty())
        .collect();
    let mut list: Vec<String> = unique.into_iter().map(str::to_string).collect();
    list.sort_by_cached_key(|s| crate::text::collation_key(s));
    sources.blocks.push(Block::Bullets(list));
    s.subsections.push(sources);
    s
}

/// « Contributions des actions »: for each indicator, every action's value behind it, up to the
/// scope year (within the scope's QPV when one is set).
fn contributions(p: &Pillar, scope: &Scope) -> Option<Section> {
    let mut s = Section::new("annexes-contributions", "Contributions des actions");
    let mut all = figures::contributions_by_indicator(
        p,
        p.contract.start_year,
        scope.year,
        scope.district_id,
    );
    for ind in &p.indicators {
        let rows: Vec<Vec<Cell>> = all
            .remove(&ind.id)
            .unwrap_or_default()
            .into_iter()
            .map(|c| {
                vec![
                    Cell::new(c.year.to_string()),
                    Cell::new(if c.district_code.is_empty() {
                        "Territoire".to_string()
                    } else {
                        c.district_code
                    }),
                    Cell::new(c.action),
                    Cell::new(if c.porteur.is_empty() {
                        "—".to_string()
                    } else {
                        c.porteur
                    }),
                    Cell::new(crate::format::consolidated(
                        Some(c.value),
                        c.base,
                        false,
                        ind.unit,
                    )),
                    Cell::new(c.received_on.map(date_short).unwrap_or_else(|| "—".into())),
                ]
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        s.blocks.push(Block::Table(Table {
            caption: Some(format!("{} ({})", ind.name, ind.unit.label())),
            columns: vec![
                Column::new("Année", 1.1, Align::Left),
                Column::new("Quartier", 1.7, Align::Left),
                Column::new("Action", 4.2, Align::Left),
                Column::new("Porteur", 2.8, Align::Left),
                Column::new("Valeur", 2.0, Align::Right),
                Column::new("Reçu le", 1.7, Align::Left),
            ],
            rows,
        }));
    }
    if s.blocks.is_empty() {
        return None;
    }
    s.blocks.insert(
        0,
        para(format!(
            "Valeurs transmises par les porteurs dans leurs bilans, jusqu'à fin {} : elles composent les valeurs des indicateurs (section Indicateurs).",
            scope.year
        )),
    );
    Some(s)
}
