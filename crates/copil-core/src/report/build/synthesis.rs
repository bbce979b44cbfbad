//! Synthèse: key figures, météo of the objectives, alerts, what changed.

use super::*;

pub(super) fn synthesis(p: &Pillar, scope: &Scope, previous: Option<&IssuedReport>) -> Section {
    let k = figures::key_figures(p, scope);
    let mut s = Section::new("synthese", "Synthèse");
    s.blocks.push(Block::KeyFigures(vec![
        KeyFigure {
            label: "Objectifs".into(),
            value: integer(k.objectives as i64),
            detail: Some(format!(
                "{} thèmes sur {} couverts",
                k.themes_covered, k.themes
            )),
            tone: None,
        },
        KeyFigure {
            label: "Indicateurs atteints".into(),
            value: format!("{} / {}", k.indicators_reached, k.indicators),
            detail: Some(format!(
                "{} en bonne voie, {} en retard",
                k.indicators_on_track, k.indicators_late
            )),
            tone: Some(if k.indicators_late > k.indicators_reached {
                Tone::Warning
            } else {
                Tone::Good
            }),
        },
        KeyFigure {
            label: "Actions".into(),
            value: integer(k.actions as i64),
            detail: Some(format!(
                "{} en cours, {} réalisées",
                k.actions_running, k.actions_done
            )),
            tone: None,
        },
        KeyFigure {
            label: "Financements attribués".into(),
            value: euros_from_cents(k.granted_cents),
            detail: Some(format!(
                "dont {} en {} ; versé : {}",
                euros_from_cents(k.granted_year_cents),
                scope.year,
                euros_from_cents(k.paid_cents)
            )),
            tone: None,
        },
        KeyFigure {
            label: "Décisions ouvertes".into(),
            value: integer(k.open_decisions as i64),
            detail: Some(format!("dont {} en retard", k.overdue_decisions)),
            tone: Some(if k.overdue_decisions > 0 {
                Tone::Bad
            } else {
                Tone::Good
            }),
        },
    ]));
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
    for w in figures::objective_weather(p, scope) {
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
                    let list = figures::changes_since(&snapshot, p, scope);
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
