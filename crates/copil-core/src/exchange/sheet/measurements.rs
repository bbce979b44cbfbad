//! « Valeurs »: an indicator's value for a year, for the territory or one QPV, recorded by the
//! chef de projet (no action) or reported by an action in its porteur's bilan.

use std::collections::HashMap;

use super::{opt_date, opt_num, record, text, year, Out, PorteurRows, Selection, SheetSpec};
use crate::domain::{Id, Measurement};
use crate::error::Result;
use crate::exchange::cell::Cell;
use crate::exchange::headers::{Choices, Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::format::plain_number;
use crate::text::fold;
use crate::Store;

const ACTION: Col = Col::new("action_id", "Action", Text, 36.0)
    .with_aliases(&["Intitulé de l'action"])
    .with_choices(Choices::Actions);
const INDICATOR: Col = Col::new("indicator_id", "Indicateur", Text, 36.0)
    .mandatory()
    .with_choices(Choices::Indicators);
const YEAR: Col = Col::new("year", "Année", Integer, 8.0).mandatory();
const DISTRICT: Col = Col::new("district_id", "QPV", Text, 12.0)
    .with_aliases(&["Code QPV", "Quartier"])
    .with_choices(Choices::Districts);
const VALUE: Col = Col::new("value", "Valeur", Number, 12.0).mandatory();
const BASE: Col = Col::new("base", "Base (personnes)", Number, 12.0).with_aliases(&[
    "Base",
    "Sur",
    "Effectif de référence",
]);
const PREVIOUS: Col = Col::new(
    "previous_value",
    "Valeur de l'année précédente (rappel)",
    Number,
    16.0,
)
.with_aliases(&["Rappel", "Valeur N-1"]);
const DATE: Col = Col::new("date", "Date de la mesure", Date, 12.0).with_aliases(&["Date"]);
const SOURCE: Col = Col::new("source", "Source", Text, 20.0);
const COMMENT: Col = Col::new("comment", "Commentaire", Text, 30.0);
const RECEIVED: Col = Col::new("received_on", "Reçu le", Date, 12.0).filled_by_copil();

const COLUMNS: &[Col] = &[
    ACTION, INDICATOR, YEAR, DISTRICT, VALUE, BASE, PREVIOUS, DATE, SOURCE, COMMENT, RECEIVED,
];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Valeurs",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, selection: Selection) -> Vec<Vec<Out>> {
    match selection {
        Selection::All => {
            let previous: HashMap<(Id, i32, Option<Id>, Option<Id>), f64> = p
                .measurements
                .iter()
                .map(|m| {
                    (
                        (m.indicator_id, m.year, m.district_id, m.action_id),
                        m.value,
                    )
                })
                .collect();
            p.measurements
                .iter()
                .filter_map(|m| {
                    let before = previous
                        .get(&(m.indicator_id, m.year - 1, m.district_id, m.action_id))
                        .copied();
                    value_row(p, m, before, opt_date(m.received_on))
                })
                .collect()
        }
        Selection::Porteur(porteur) => bilan_rows(p, porteur),
    }
}

/// The row of a recorded value.
fn value_row(
    p: &Pillar,
    m: &Measurement,
    previous: Option<f64>,
    received: Out,
) -> Option<Vec<Out>> {
    let indicator = p.indicators.iter().find(|i| i.id == m.indicator_id)?;
    let action = m
        .action_id
        .and_then(|id| p.actions.iter().find(|a| a.id == id))
        .map_or(Out::Empty, |a| text(&a.title));
    Some(record(
        COLUMNS,
        [
            (ACTION, action),
            (INDICATOR, text(&indicator.name)),
            (YEAR, year(m.year)),
            (DISTRICT, district(p, m.district_id)),
            (VALUE, Out::Number(m.value)),
            (BASE, opt_num(m.base)),
            (PREVIOUS, opt_num(previous)),
            (DATE, opt_date(m.date)),
            (SOURCE, text(&m.source)),
            (COMMENT, text(&m.comment)),
            (RECEIVED, received),
        ],
    ))
}

fn district(p: &Pillar, id: Option<Id>) -> Out {
    id.map_or(Out::Empty, |d| text(&p.district_code(d)))
}

/// A porteur's bilan of the round's year: one row per value its actions owe (filled in when it
/// arrived), then any other value they reported that year. « Reçu le » stays for Copil to fill.
fn bilan_rows(p: &Pillar, porteur: PorteurRows) -> Vec<Vec<Out>> {
    let Some(round_year) = porteur.year else {
        // Without a round, the porteur's sheet starts empty.
        return Vec::new();
    };
    let own: Vec<Id> = p
        .actions
        .iter()
        .filter(|a| a.porteur_id == Some(porteur.actor.id))
        .map(|a| a.id)
        .collect();
    let recorded: Vec<&Measurement> = p
        .measurements
        .iter()
        .filter(|m| {
            m.action_id.is_some_and(|a| own.contains(&a))
                && (m.year == round_year || m.year == round_year - 1)
        })
        .collect();
    let previous = |m: &Measurement| {
        recorded
            .iter()
            .find(|o| {
                o.year == m.year - 1
                    && o.indicator_id == m.indicator_id
                    && o.district_id == m.district_id
                    && o.action_id == m.action_id
            })
            .map(|o| o.value)
    };
    let mut out = Vec::new();
    let mut shown: Vec<Id> = Vec::new();
    for e in porteur.expected {
        let got = e
            .measurement_id
            .and_then(|id| recorded.iter().find(|m| m.id == id));
        if let Some(m) = got {
            shown.push(m.id);
            out.extend(value_row(p, m, e.previous_value, Out::Empty));
            continue;
        }
        let Some(action) = p.actions.iter().find(|a| a.id == e.action_id) else {
            continue;
        };
        out.push(record(
            COLUMNS,
            [
                (ACTION, text(&action.title)),
                (INDICATOR, text(&e.indicator)),
                (YEAR, year(e.year)),
                (DISTRICT, district(p, e.district_id)),
                (VALUE, Out::Empty),
                (BASE, Out::Empty),
                (PREVIOUS, opt_num(e.previous_value)),
                (DATE, Out::Empty),
                (SOURCE, Out::Empty),
                (COMMENT, Out::Empty),
                (RECEIVED, Out::Empty),
            ],
        ));
    }
    for m in recorded
        .iter()
        .filter(|m| m.year == round_year && !shown.contains(&m.id))
    {
        out.extend(value_row(p, m, previous(m), Out::Empty));
    }
    out
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let indicator = row.req(&INDICATOR, Cell::text).and_then(|n| {
        let found = ix.indicators.get(&fold(&n)).cloned();
        if found.is_none() {
            row.err(
                &INDICATOR,
                format!("indicateur « {n} » inconnu dans ce contrat."),
            );
        }
        found
    });
    let year = row.req(&YEAR, Cell::year);
    let district_id = match row.text(&DISTRICT) {
        Some(code) if !code.is_empty() => match ix.district(row, &DISTRICT, &code) {
            Some(id) => Some(id),
            None => return Ok(None),
        },
        _ => None,
    };
    let action = match row.text(&ACTION) {
        Some(title) if !title.is_empty() => match ix.own_action(row, &ACTION, &title) {
            Some(a) => Some(a),
            None => return Ok(None),
        },
        _ => None,
    };
    if action.is_none() {
        if let Some(p) = &ix.porteur {
            row.err(
                &ACTION,
                format!(
                    "indiquez l'action de « {} » qui déclare cette valeur : la valeur du territoire est tenue par le chef de projet.",
                    p.name
                ),
            );
            return Ok(None);
        }
    }
    if action.is_some() && row.text(&VALUE).is_some_and(|t| t.is_empty()) {
        // An expected value left blank: not reported yet, it stays expected.
        return Ok(None);
    }
    let value = row.req(&VALUE, Cell::number);
    let (Some(indicator), Some(year), Some(value)) = (indicator, year, value) else {
        return Ok(None);
    };
    let action_id = action.as_ref().map(|a| a.id);
    let key = (indicator.id, year, district_id, action_id);
    if ix.duplicate(
        row,
        format!("{key:?}"),
        "même action, indicateur, année et QPV",
    ) {
        return Ok(None);
    }
    if let Some(a) = &action {
        if !a.reported_indicator_ids.contains(&indicator.id) {
            let p = row.problem(
                Some(&INDICATOR),
                format!(
                    "l'action « {} » ne compte pas « {} » parmi les indicateurs qu'elle renseigne : la valeur est enregistrée, son bilan attendu ne change pas.",
                    a.title, indicator.name
                ),
            );
            row.warnings.push(p);
        }
    }
    check_reminder(ix, row, (indicator.id, year - 1, district_id, action_id));
    let old = ix.measurements.get(&key).cloned();
    let o = old.as_ref();
    let mut m = Measurement {
        id: o.map_or(0, |m| m.id),
        indicator_id: indicator.id,
        year,
        date: row.opt(&DATE, o.and_then(|m| m.date), Cell::date),
        district_id,
        action_id,
        value,
        base: row.opt(&BASE, o.and_then(|m| m.base), Cell::number),
        source: row.text_or(&SOURCE, o.map_or("", |m| &m.source)),
        comment: row.text_or(&COMMENT, o.map_or("", |m| &m.comment)),
        received_on: None,
    };
    m.received_on = received_on(ix, row, o, &m);
    row.issues(&m.validate(indicator.unit, ix.period));
    let outcome = row.save(
        o,
        m,
        |m| store.save_measurement(m),
        |m, id| {
            ix.measurements.insert(key, Measurement { id, ..m });
        },
    )?;
    if let (Some(a), Some(_)) = (action_id, outcome) {
        *ix.covered.entry((a, year)).or_default() += 1;
    }
    Ok(outcome)
}

/// « Reçu le »: the day a contribution first arrived. A new one arrives the day of the import; a
/// corrected one keeps its first day (a bilan sent on time stays on time) — unless the sheet (not
/// a porteur's) gives the day, as a full export does.
fn received_on(
    ix: &Index,
    row: &mut Row,
    old: Option<&Measurement>,
    new: &Measurement,
) -> Option<chrono::NaiveDate> {
    let given = if ix.porteur.is_some() {
        None
    } else {
        row.opt(&RECEIVED, None, Cell::date)
    };
    if new.action_id.is_none() {
        return match row.text(&RECEIVED) {
            None => old.and_then(|m| m.received_on),
            Some(_) => given,
        };
    }
    given.or_else(|| match old {
        Some(o) => o.received_on.or(Some(ix.received_on)),
        None => Some(ix.received_on),
    })
}

/// The « rappel » of the year before is shown, never recorded: say so when it was changed.
fn check_reminder(ix: &Index, row: &mut Row, previous_key: (Id, i32, Option<Id>, Option<Id>)) {
    let Some(text) = row.text(&PREVIOUS).filter(|t| !t.is_empty()) else {
        return;
    };
    let recorded = ix.measurements.get(&previous_key).map(|m| m.value);
    let typed = Cell::Text(text.clone()).number().ok();
    if typed.is_some() && typed == recorded {
        return;
    }
    let shown = recorded.map_or_else(|| "aucune".to_string(), plain_number);
    let p = row.problem(
        Some(&PREVIOUS),
        format!(
            "« {text} » n'est pas enregistré : cette colonne rappelle la valeur de l'année précédente ({shown}) ; pour la corriger, ajoutez une ligne de l'année {}.",
            previous_key.1
        ),
    );
    row.warnings.push(p);
}
