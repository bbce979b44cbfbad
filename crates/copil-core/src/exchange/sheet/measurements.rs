//! « Valeurs »: an indicator's value for a year, for the territory or one QPV.

use super::{opt_date, record, text, year, Out, Selection, SheetSpec};
use crate::domain::Measurement;
use crate::error::Result;
use crate::exchange::cell::Cell;
use crate::exchange::headers::{Choices, Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

const INDICATOR: Col = Col::new("indicator_id", "Indicateur", Text, 36.0)
    .mandatory()
    .with_choices(Choices::Indicators);
const YEAR: Col = Col::new("year", "Année", Integer, 8.0).mandatory();
const DISTRICT: Col = Col::new("district_id", "QPV", Text, 12.0)
    .with_aliases(&["Code QPV", "Quartier"])
    .with_choices(Choices::Districts);
const VALUE: Col = Col::new("value", "Valeur", Number, 12.0).mandatory();
const DATE: Col = Col::new("date", "Date de la mesure", Date, 12.0).with_aliases(&["Date"]);
const SOURCE: Col = Col::new("source", "Source", Text, 20.0);
const COMMENT: Col = Col::new("comment", "Commentaire", Text, 30.0);

const COLUMNS: &[Col] = &[INDICATOR, YEAR, DISTRICT, VALUE, DATE, SOURCE, COMMENT];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Valeurs",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, selection: Selection) -> Vec<Vec<Out>> {
    if let Selection::Porteur(_) = selection {
        // Values belong to the territory, not to a porteur: the porteur's sheet starts empty.
        return Vec::new();
    }
    p.measurements
        .iter()
        .filter_map(|m| {
            let indicator = p.indicators.iter().find(|i| i.id == m.indicator_id)?;
            Some(record(
                COLUMNS,
                [
                    (INDICATOR, text(&indicator.name)),
                    (YEAR, year(m.year)),
                    (
                        DISTRICT,
                        m.district_id
                            .map(|d| text(&p.district_code(d)))
                            .unwrap_or(Out::Empty),
                    ),
                    (VALUE, Out::Number(m.value)),
                    (DATE, opt_date(m.date)),
                    (SOURCE, text(&m.source)),
                    (COMMENT, text(&m.comment)),
                ],
            ))
        })
        .collect()
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
    let value = row.req(&VALUE, Cell::number);
    let (Some(indicator), Some(year), Some(value)) = (indicator, year, value) else {
        return Ok(None);
    };
    let key = (indicator.id, year, district_id);
    if ix.duplicate(row, format!("{key:?}"), "même indicateur, année et QPV") {
        return Ok(None);
    }
    let old = ix.measurements.get(&key).cloned();
    let o = old.as_ref();
    let m = Measurement {
        id: o.map_or(0, |m| m.id),
        indicator_id: indicator.id,
        year,
        date: row.opt(&DATE, o.and_then(|m| m.date), Cell::date),
        district_id,
        action_id: None,
        value,
        base: o.and_then(|m| m.base),
        source: row.text_or(&SOURCE, o.map_or("", |m| &m.source)),
        comment: row.text_or(&COMMENT, o.map_or("", |m| &m.comment)),
        received_on: o.and_then(|m| m.received_on),
    };
    row.issues(&m.validate(indicator.unit, ix.period));
    row.save(
        o,
        m,
        |m| store.save_measurement(m),
        |m, id| {
            ix.measurements.insert(key, Measurement { id, ..m });
        },
    )
}
