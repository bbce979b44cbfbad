//! Funding: financeur × year, by theme, by QPV, CPO and comptes-rendus financiers.

use super::*;

fn amounts_cells(a: &figures::Amounts) -> [Cell; 3] {
    [
        Cell::new(a.requested_text()),
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

pub(super) fn funding(p: &Pillar, scope: &Scope) -> Section {
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
