//! Lieux de médiation et quartiers: the map of the territory and the per-QPV table.

use super::*;
use crate::figures::DEFAULT_NEAR_METRES;

pub(super) fn places(p: &Pillar, scope: &Scope) -> Option<Section> {
    if p.places.is_empty() && p.outlines.is_empty() {
        return None;
    }
    let overview = figures::places_overview(p, DEFAULT_NEAR_METRES);
    let mut s = Section::new("lieux-mediation", "Lieux de médiation et quartiers");
    s.blocks.push(para(format!(
        "{} lieux de médiation numérique recensés sur les communes du contrat. {}",
        integer(p.places.len() as i64),
        overview.method_text
    )));
    if let Some(map) = figures::territory_map(p, &overview) {
        s.blocks.push(Block::Map(map));
    }
    let yes_no = |b: bool| if b { "oui" } else { "non" };
    let rows = overview
        .districts
        .iter()
        .filter(|d| scope.district_id.is_none_or(|id| id == d.district_id))
        .map(|d| {
            let tone = (d.in_or_near() == 0).then_some(Tone::Bad);
            vec![
                Cell::new(format!("{} {}", d.code, d.name)),
                Cell {
                    tone,
                    ..Cell::new(integer(i64::from(d.inside)))
                },
                Cell::new(integer(i64::from(d.near))),
                Cell::new(if d.services.is_empty() {
                    "—".to_string()
                } else {
                    d.services.join(", ")
                }),
                Cell::new(yes_no(d.aidants_connect)),
                Cell::new(yes_no(d.conseillers_numeriques)),
            ]
        })
        .collect();
    let near = crate::format::number(overview.near_metres, 0);
    s.blocks.push(Block::Table(Table {
        caption: Some("Lieux de médiation par QPV".into()),
        columns: vec![
            Column::new("QPV", 3.0, Align::Left),
            Column::new(
                if overview.method == figures::PlacementMethod::Outlines {
                    "Dans le QPV"
                } else {
                    "Dans la commune"
                },
                1.2,
                Align::Right,
            ),
            Column::new(format!("À moins de {near} m"), 1.2, Align::Right),
            Column::new("Services proposés", 4.0, Align::Left),
            Column::new("Aidants Connect", 1.2, Align::Center),
            Column::new("Conseillers numériques", 1.4, Align::Center),
        ],
        rows,
    }));
    let alerts: Vec<AlertLine> = overview
        .districts_without_place()
        .filter(|d| scope.district_id.is_none_or(|id| id == d.district_id))
        .map(|d| AlertLine {
            severity: Severity::Warning,
            text: format!(
                "{} {} : aucun lieu de médiation numérique dans le quartier ni à proximité.",
                d.code, d.name
            ),
        })
        .collect();
    if !alerts.is_empty() {
        s.blocks.push(Block::Alerts(alerts));
    }
    Some(s)
}
