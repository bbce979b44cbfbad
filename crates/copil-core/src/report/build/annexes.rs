//! Annexes: actors, QPV list, sources.

use super::*;

pub(super) fn annexes(p: &Pillar) -> Section {
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
