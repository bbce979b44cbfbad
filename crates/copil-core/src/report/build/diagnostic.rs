//! Diagnostic de fragilité numérique: each commune's IFN and its components, the EPCI's, the
//! QPVs of the most fragile communes, the « score » indicators, and the source.

use super::*;
use crate::domain::IFN_COMPONENTS;

/// The section, when scores of La MedNum have been imported.
pub(super) fn diagnostic(p: &Pillar) -> Option<Section> {
    let d = figures::diagnostic(p);
    if d.communes.iter().all(|c| c.score.is_none()) && d.epci.is_none() {
        return None;
    }
    let one = |v: Option<f64>| {
        v.map(|v| crate::format::number(v, 1))
            .unwrap_or_else(|| "—".into())
    };
    let mut s = Section::new("diagnostic", "Diagnostic de fragilité numérique");
    s.blocks.push(para(
        "L'indice de fragilité numérique (IFN) de La MedNum note chaque commune et chaque EPCI de 1 (peu fragile) à 10 (très fragile) \
         à partir de cinq composantes : l'absence de couverture très haut débit et 4G, le taux de pauvreté, la part des 65 ans et plus \
         et celle des non-scolarisés de 15 ans et plus sans diplôme. Le score total est celui de La MedNum : ce n'est pas la moyenne des composantes.",
    ));
    let mut rows: Vec<Bar> = d
        .communes
        .iter()
        .map(|c| {
            let total = c.score.as_ref().and_then(|s| s.total);
            Bar {
                label: format!("{} ({})", c.name, c.insee),
                value: total,
                text: total
                    .map(|v| crate::format::number(v, 1))
                    .unwrap_or_else(|| "sans score".into()),
                bold: false,
                tone: c.most_fragile.then_some(Tone::Bad),
            }
        })
        .collect();
    if let Some(e) = &d.epci {
        rows.push(Bar {
            label: format!("{} (EPCI)", e.name),
            value: e.total,
            text: one(e.total),
            bold: true,
            tone: None,
        });
    }
    s.blocks.push(Block::Bars(Bars {
        caption: Some("Score total par commune, sur l'échelle de 1 à 10 (plus il est haut, plus la commune est fragile)".into()),
        min: 1.0,
        max: 10.0,
        decimals: 0,
        rows,
    }));
    let mut columns = vec![
        Column::new("Commune", 3.0, Align::Left),
        Column::new("Score", 1.2, Align::Right),
    ];
    columns.extend(
        IFN_COMPONENTS
            .iter()
            .map(|(_, _, short)| Column::new(*short, 1.4, Align::Right)),
    );
    let mut table_rows: Vec<Vec<Cell>> = d
        .communes
        .iter()
        .map(|c| {
            let mut row = vec![
                Cell::new(format!("{} ({})", c.name, c.insee)),
                Cell::new(one(c.score.as_ref().and_then(|s| s.total))).bold(),
            ];
            row.extend(
                (0..5).map(|i| Cell::new(one(c.score.as_ref().and_then(|s| s.components[i])))),
            );
            row
        })
        .collect();
    if let Some(e) = &d.epci {
        let mut row = vec![
            Cell::new(format!("{} (EPCI {})", e.name, e.code)).bold(),
            Cell::new(one(e.total)).bold(),
        ];
        row.extend(e.components.iter().map(|v| Cell::new(one(*v))));
        table_rows.push(row);
    }
    s.blocks.push(Block::Table(Table {
        caption: Some("Score total et composantes, de 1 à 10".into()),
        columns,
        rows: table_rows,
    }));
    if let Some(text) = &d.most_fragile_text {
        s.blocks
            .push(Block::Paragraph(vec![Span::bold(text.clone())]));
    }
    if !d.districts.is_empty() {
        s.blocks.push(Block::Table(Table {
            caption: Some("Indice des quartiers prioritaires : celui de leur commune (plusieurs communes : un score par commune, jamais de moyenne)".into()),
            columns: vec![
                Column::new("Quartier", 4.0, Align::Left),
                Column::new("Score de sa commune", 4.0, Align::Left),
                Column::new("IFN retenu", 1.4, Align::Right),
            ],
            rows: d
                .districts
                .iter()
                .map(|q| {
                    let per = q
                        .communes
                        .iter()
                        .map(|(insee, name, v)| {
                            let name = if name.is_empty() { insee.clone() } else { name.clone() };
                            format!("{name} : {}", one(*v))
                        })
                        .collect::<Vec<_>>()
                        .join(" ; ");
                    let cell = Cell::new(format!("{} {}", q.code, q.name));
                    vec![
                        if q.in_most_fragile { cell.tone(Tone::Bad) } else { cell },
                        Cell::new(per),
                        Cell::new(if q.communes.len() > 1 && q.ifn.is_none() {
                            "par commune".to_string()
                        } else {
                            one(q.ifn)
                        }),
                    ]
                })
                .collect(),
        }));
    }
    if !d.score_indicators.is_empty() {
        s.blocks.push(para(
            "Indicateurs du contrat en « score » que l'import de l'indice peut alimenter :",
        ));
        s.blocks.push(Block::Bullets(
            d.score_indicators
                .iter()
                .map(|i| {
                    let fed = match i.fed_year {
                        Some(y) => format!("alimenté par l'indice pour {y}"),
                        None => "pas encore alimenté par l'indice".into(),
                    };
                    let scope = if i.by_district {
                        "par quartier (communes d'un seul QPV) et pour le territoire (score de l'EPCI)"
                    } else {
                        "pour le territoire (score de l'EPCI)"
                    };
                    format!("{} — {scope} ; {fed}.", i.name)
                })
                .collect(),
        ));
    }
    if !d.missing.is_empty() {
        s.blocks.push(para(format!(
            "Communes du contrat absentes du fichier : {}.",
            d.missing.join(", ")
        )));
    }
    if let Some(source) = &d.source {
        s.blocks.push(para(format!("Source : {source}.")));
    }
    Some(s)
}
