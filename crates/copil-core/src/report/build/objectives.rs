//! Objectives and the transversality matrix.

use super::*;

pub(super) fn objectives(p: &Pillar, scope: &Scope) -> Section {
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
    if let Some(text) = matrix.dilution.clone() {
        m.blocks.push(Block::Alerts(vec![AlertLine {
            severity: Severity::Warning,
            text,
        }]));
    }
    s.subsections.push(m);
    s
}
