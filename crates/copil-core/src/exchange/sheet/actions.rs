//! « Actions »: each action's state as its porteur reports it (statut, météo, dates, links), and
//! the indicators its bilan reports on.

use super::{
    district_codes, indicator_names, objective_codes, opt_date, record, text, theme_names, Out,
    Selection, SheetSpec,
};
use crate::domain::{Action, ActionStatus, Weather};
use crate::error::Result;
use crate::exchange::cell::{coded, Cell};
use crate::exchange::headers::{Choices, Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

const TITLE: Col = Col::new("title", "Action", Text, 36.0)
    .mandatory()
    .with_aliases(&["Intitulé", "Intitulé de l'action"]);
const PORTEUR: Col = Col::new("porteur_id", "Porteur", Text, 26.0)
    .with_aliases(&["Structure porteuse"])
    .with_choices(Choices::Porteurs);
const STATUS: Col = Col::new("status", "Statut", Text, 12.0).with_choices(Choices::ActionStatuses);
const WEATHER: Col = Col::new("weather", "Météo", Text, 12.0).with_choices(Choices::Weathers);
const WEATHER_COMMENT: Col = Col::new("weather_comment", "Commentaire météo", Text, 30.0);
const START: Col = Col::new("start_date", "Date de début", Date, 12.0);
const END: Col = Col::new("end_date", "Date de fin", Date, 12.0);
const AUDIENCE: Col = Col::new("audience", "Public", Text, 20.0).with_aliases(&["Public visé"]);
const DESCRIPTION: Col = Col::new("description", "Description", Text, 36.0);
const DISTRICTS: Col = Col::new("district_ids", "QPV", Text, 16.0).with_aliases(&["Quartiers"]);
const OBJECTIVES: Col = Col::new("objective_ids", "Objectifs", Text, 14.0);
const THEMES: Col = Col::new("theme_ids", "Thèmes", Text, 26.0);
const REPORTED: Col = Col::new(
    "reported_indicator_ids",
    "Indicateurs renseignés",
    Text,
    40.0,
)
.with_aliases(&["Indicateurs renseignés par l'action"]);

const COLUMNS: &[Col] = &[
    TITLE,
    PORTEUR,
    STATUS,
    WEATHER,
    WEATHER_COMMENT,
    START,
    END,
    AUDIENCE,
    DESCRIPTION,
    DISTRICTS,
    OBJECTIVES,
    THEMES,
    REPORTED,
];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Actions",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, selection: Selection) -> Vec<Vec<Out>> {
    p.actions
        .iter()
        .filter(|a| selection.covers_action(a))
        .map(|a| {
            let porteur = a
                .porteur_id
                .and_then(|id| p.actors.iter().find(|x| x.id == id))
                .map(|x| x.name.as_str())
                .unwrap_or("");
            record(
                COLUMNS,
                [
                    (TITLE, text(&a.title)),
                    (PORTEUR, text(porteur)),
                    (STATUS, text(a.status.label())),
                    (WEATHER, text(a.weather.map(|w| w.label()).unwrap_or(""))),
                    (WEATHER_COMMENT, text(&a.weather_comment)),
                    (START, opt_date(a.start_date)),
                    (END, opt_date(a.end_date)),
                    (AUDIENCE, text(&a.audience)),
                    (DESCRIPTION, text(&a.description)),
                    (DISTRICTS, district_codes(p, &a.district_ids)),
                    (OBJECTIVES, objective_codes(p, &a.objective_ids)),
                    (THEMES, theme_names(p, &a.theme_ids)),
                    (REPORTED, indicator_names(p, &a.reported_indicator_ids)),
                ],
            )
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let Some(title) = row.req(&TITLE, Cell::text) else {
        return Ok(None);
    };
    if ix.duplicate(row, fold(&title), "même intitulé") {
        return Ok(None);
    }
    let old = ix.actions.get(&fold(&title)).cloned();
    let o = old.as_ref();
    if ix.porteur.is_some() {
        // A porteur's workbook reports on the porteur's own actions, it creates none.
        if o.is_none() {
            row.err(
                &TITLE,
                format!("action « {title} » inconnue : un classeur de porteur ne crée pas d'action (vérifiez l'intitulé, ou demandez au chef de projet de l'ajouter)."),
            );
            return Ok(None);
        }
        ix.own_action(row, &TITLE, &title);
    }
    let porteur_id = match row.text(&PORTEUR) {
        None => o.and_then(|a| a.porteur_id),
        Some(t) if t.is_empty() => None,
        Some(t) => match ix.actors.get(&fold(&t)) {
            Some(a) => Some(a.id),
            None => {
                row.err(
                    &PORTEUR,
                    format!("porteur « {t} » inconnu (ajoutez-le dans la feuille Acteurs)."),
                );
                None
            }
        },
    };
    let status = row
        .opt(
            &STATUS,
            o.map(|a| a.status),
            coded(
                ActionStatus::parse_loose,
                ActionStatus::ALL,
                ActionStatus::label,
            ),
        )
        .unwrap_or(ActionStatus::Planned);
    let weather = row.opt(
        &WEATHER,
        o.and_then(|a| a.weather),
        coded(Weather::parse_loose, Weather::ALL, Weather::label),
    );
    let start_date = row.opt(&START, o.and_then(|a| a.start_date), Cell::date);
    let end_date = row.opt(&END, o.and_then(|a| a.end_date), Cell::date);
    let district_ids = ix.district_ids(row, &DISTRICTS, o.map_or(&[], |a| &a.district_ids));
    let objective_ids = ix.objective_ids(row, &OBJECTIVES, o.map_or(&[], |a| &a.objective_ids));
    let theme_ids = ix.theme_ids(row, &THEMES, o.map_or(&[], |a| &a.theme_ids));
    let old_reported = o.map_or(&[][..], |a| &a.reported_indicator_ids);
    let mut reported_indicator_ids = ix.indicator_ids(row, &REPORTED, old_reported);
    if let (Some(p), true) = (&ix.porteur, reported_indicator_ids != old_reported) {
        let p = row.problem(
            Some(&REPORTED),
            format!("les indicateurs que renseigne l'action sont fixés par le chef de projet : modification de « {} » ignorée.", p.name),
        );
        row.warnings.push(p);
        reported_indicator_ids = old_reported.to_vec();
    }
    if let Some(p) = ix.porteur.as_ref().filter(|p| porteur_id != Some(p.id)) {
        let message = format!(
            "un classeur de « {} » ne confie pas son action à un autre porteur.",
            p.name
        );
        row.err(&PORTEUR, message);
    }
    let a = Action {
        id: o.map_or(0, |a| a.id),
        title,
        description: row.text_or(&DESCRIPTION, o.map_or("", |a| &a.description)),
        porteur_id,
        status,
        start_date,
        end_date,
        audience: row.text_or(&AUDIENCE, o.map_or("", |a| &a.audience)),
        weather,
        weather_comment: row.text_or(&WEATHER_COMMENT, o.map_or("", |a| &a.weather_comment)),
        district_ids,
        objective_ids,
        theme_ids,
        reported_indicator_ids,
    };
    row.issues(&a.validate(ix.period));
    row.save(
        o,
        a,
        |a| store.save_action(a),
        |a, id| {
            ix.actions.insert(fold(&a.title), Action { id, ..a });
        },
    )
}
