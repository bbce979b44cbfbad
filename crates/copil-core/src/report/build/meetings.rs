//! Meetings and decisions.

use super::*;

pub(super) fn meetings(p: &Pillar, scope: &Scope) -> Section {
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
