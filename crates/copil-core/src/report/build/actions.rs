//! Actions by objective.

use super::*;

pub(super) fn actions(p: &Pillar, scope: &Scope) -> Section {
    let mut s = Section::new("actions", "Actions");
    let in_scope: Vec<_> = p.actions_in(scope).collect();
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
