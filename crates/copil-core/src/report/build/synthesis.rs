//! Synthèse: key figures, météo of the objectives, alerts, what changed.

use super::*;

pub(super) fn synthesis(
    p: &Pillar,
    scope: &Scope,
    all: &[figures::IndicatorFigures],
    previous: Option<&IssuedReport>,
) -> Section {
    let k = figures::key_figures_of(p, scope, all);
    let mut s = Section::new("synthese", "Synthèse");
    s.blocks.push(Block::KeyFigures(
        figures::key_figure_tiles(&k, scope)
            .into_iter()
            .map(|t| t.figure)
            .collect(),
    ));
    let mut weather = Section::new("synthese-meteo", "Météo des objectifs");
    let mut table = Table {
        caption: None,
        columns: vec![
            Column::new("Objectif", 5.0, Align::Left),
            Column::new("Météo", 1.6, Align::Left),
            Column::new("Motif", 4.0, Align::Left),
        ],
        rows: vec![],
    };
    for w in figures::objective_weather_of(p, scope, all) {
        let indent = "    ".repeat(w.depth as usize);
        let mut name = Cell::new(format!("{indent}{} {}", w.code, w.title));
        if w.depth == 0 {
            name = name.bold();
        }
        table.rows.push(vec![
            name,
            Cell::new(weather_word(w.weather)).tone(tone_of_weather(w.weather)),
            Cell::new(w.reason),
        ]);
    }
    weather.blocks.push(Block::Table(table));
    s.subsections.push(weather);

    let mut alerts = Section::new("synthese-alertes", "Points d'alerte");
    let list = figures::alerts(p, scope);
    if list.is_empty() {
        alerts.blocks.push(para("Aucun point d'alerte."));
    } else {
        alerts.blocks.push(Block::Alerts(
            list.iter()
                .map(|a| AlertLine {
                    severity: if a.severity == crate::domain::Severity::Error {
                        Severity::Critical
                    } else {
                        Severity::Warning
                    },
                    text: a.message.clone(),
                })
                .collect(),
        ));
    }
    s.subsections.push(alerts);
    if let Some(bilans) = bilans(p, scope) {
        s.subsections.push(bilans);
    }

    let mut changes = Section::new(
        "synthese-evolutions",
        "Ce qui a changé depuis le précédent rapport",
    );
    match previous {
        None => changes.blocks.push(para("Premier rapport émis pour ce contrat : il servira de point de comparaison au prochain.")),
        Some(prev) => {
            let date = prev.issued_at.get(..10).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
            changes.blocks.push(para(format!(
                "Comparaison avec le rapport du {}.",
                date.map(date_long).unwrap_or_else(|| prev.issued_at.clone())
            )));
            match serde_json::from_value::<Snapshot>(prev.snapshot.clone()) {
                Ok(snapshot) => {
                    let list = figures::changes_since_of(&snapshot, p, scope, all);
                    if let Some(text) = figures::DecisionCounts::of(&list).text() {
                        changes.blocks.push(para(text));
                    }
                    if list.is_empty() {
                        changes.blocks.push(para("Aucun changement depuis ce rapport."));
                    } else {
                        changes.blocks.push(Block::Bullets(list.into_iter().map(|c| format!("{} — {}", c.kind.label(), c.text)).collect()));
                    }
                }
                Err(_) => changes.blocks.push(para("Le rapport précédent ne contient pas de chiffres comparables.")),
            }
        }
    }
    s.subsections.push(changes);
    s
}

/// « Remontée des bilans »: each expected bilan of the followed round, its state and « reçu le ».
fn bilans(p: &Pillar, scope: &Scope) -> Option<Section> {
    let round = figures::current_round(p, scope)?;
    let status = figures::round_status(p, round.year, scope.today)?;
    let mut s = Section::new(
        "synthese-bilans",
        format!("Remontée des bilans {}", round.year),
    );
    s.blocks.push(para(format!(
        "Campagne de bilans {} : date limite de retour le {}. {}.",
        round.year,
        date_long(round.due_date),
        status.rate.text
    )));
    if status.bilans.is_empty() {
        s.blocks.push(para(
            "Aucun bilan n'est attendu : aucune action active cette année-là n'a d'indicateur renseigné.",
        ));
        return Some(s);
    }
    let rows = status
        .bilans
        .iter()
        .map(|b| {
            let tone = match b.state {
                figures::BilanState::Received => Tone::Good,
                figures::BilanState::Late => Tone::Bad,
                figures::BilanState::Partial => Tone::Warning,
                figures::BilanState::Expected => Tone::Neutral,
            };
            let state = if b.values_received > 0 && b.state != figures::BilanState::Received {
                format!(
                    "{} ({} / {} valeurs)",
                    b.state.label(),
                    b.values_received,
                    b.values_expected
                )
            } else {
                b.state.label().to_string()
            };
            let received = match b.received_on {
                Some(d) if !b.on_time => format!("{} (après la date limite)", date_long(d)),
                Some(d) => date_long(d),
                None => "—".into(),
            };
            vec![
                Cell::new(if b.porteur.is_empty() {
                    "—".to_string()
                } else {
                    b.porteur.clone()
                }),
                Cell::new(b.action.clone()),
                Cell::new(state).tone(tone),
                Cell::new(received),
            ]
        })
        .collect();
    s.blocks.push(Block::Table(Table {
        caption: None,
        columns: vec![
            Column::new("Porteur", 3.0, Align::Left),
            Column::new("Action", 4.4, Align::Left),
            Column::new("État", 2.2, Align::Left),
            Column::new("Reçu le", 2.2, Align::Left),
        ],
        rows,
    }));
    if !status.actions_without_indicators.is_empty() {
        let n = status.actions_without_indicators.len();
        s.blocks.push(para(format!(
            "{n} action{s} active{s} en {} n'{} aucun indicateur renseigné : aucun bilan n'en est attendu.",
            round.year,
            if n > 1 { "ont" } else { "a" },
            s = if n > 1 { "s" } else { "" }
        )));
    }
    Some(s)
}
