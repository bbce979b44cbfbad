//! Next steps and calendar.

use super::*;

pub(super) fn next_steps(p: &Pillar, scope: &Scope) -> Section {
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
