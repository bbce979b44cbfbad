//! Indicators fed from what the contract already holds: the lieux de médiation placed on the
//! QPVs give « lieux de médiation dans ou à proximité du QPV » without retyping a count.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::{Id, Issue, Measurement, Unit};
use crate::figures::{places_overview, Pillar};
use crate::{CoreError, Result, Store};

/// One value the lieux give an indicator: for a QPV, or for the whole territory.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlacesFedValue {
    /// The QPV's code, or None for the territory (lieux in or near any QPV, each counted once).
    pub qpv: Option<String>,
    /// Lieux in or near.
    pub value: u32,
    /// The value it replaces, if the indicator had one for that year and QPV.
    pub previous: Option<f64>,
}

/// What feeding an indicator from the lieux writes (or, in a dry run, would write).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlacesFeed {
    /// The indicator fed.
    pub indicator_id: Id,
    /// Its name.
    pub name: String,
    /// The year of the values.
    pub year: i32,
    /// The values, territory first then by QPV code.
    pub values: Vec<PlacesFedValue>,
    /// How the lieux were placed, as the Lieux screen and the report say it.
    pub method_text: String,
    /// The source line stored with the values.
    pub source: String,
    /// Whether the values were written (false for a dry run).
    pub applied: bool,
}

/// Counts the lieux in or near the QPVs (within `near_metres` of an outline, as the Lieux screen
/// places them) and records them as `indicator_id`'s territory-level values for `year`: one per
/// QPV for an indicator followed by QPV, and the territory's (each lieu once) in every case.
/// All or nothing.
pub fn feed_from_places(
    store: &mut Store,
    indicator_id: Id,
    year: i32,
    near_metres: f64,
    today: NaiveDate,
    dry_run: bool,
) -> Result<PlacesFeed> {
    let p = Pillar::load(store)?;
    let ind = p
        .indicators
        .iter()
        .find(|i| i.id == indicator_id)
        .ok_or(CoreError::Missing {
            entity: "Indicateur",
            id: indicator_id,
        })?;
    let refuse = |message: String| CoreError::Invalid {
        entity: "Indicateur",
        issues: vec![Issue::error("indicator", message)],
    };
    if ind.unit != Unit::Count {
        return Err(refuse(format!(
            "« {} » est en « {} » : les lieux de médiation n'alimentent qu'un indicateur en « nombre ».",
            ind.name,
            ind.unit.label()
        )));
    }
    if !p.contract.period().contains_year(year) {
        return Err(refuse(format!(
            "{year} est hors de la période du contrat ({}–{}).",
            p.contract.start_year, p.contract.end_year
        )));
    }
    if p.places.is_empty() {
        return Err(refuse(
            "aucun lieu de médiation n'est enregistré : importez d'abord les lieux (Lieux, « Importer des lieux… »)."
                .to_string(),
        ));
    }
    let overview = places_overview(&p, near_metres);
    let source = format!(
        "Lieux de médiation enregistrés dans Copil au {} ({} lieux, {})",
        crate::format::date_long(today),
        p.places.len(),
        match overview.method {
            crate::figures::PlacementMethod::Outlines => "placés sur les contours des QPV",
            crate::figures::PlacementMethod::Communes => "placés par commune",
        }
    );
    let previous = |district_id: Option<Id>| {
        p.measurements
            .iter()
            .find(|m| {
                m.indicator_id == indicator_id
                    && m.year == year
                    && m.district_id == district_id
                    && m.action_id.is_none()
            })
            .map(|m| m.value)
    };
    let territory: BTreeSet<Id> = overview
        .districts
        .iter()
        .flat_map(|d| d.place_ids.iter().copied())
        .collect();
    let mut values = vec![(None, territory.len() as u32)];
    if ind.by_district {
        values.extend(
            overview
                .districts
                .iter()
                .map(|d| (Some((d.district_id, d.code.clone())), d.in_or_near())),
        );
    }
    let feed = PlacesFeed {
        indicator_id,
        name: ind.name.clone(),
        year,
        values: values
            .iter()
            .map(|(d, v)| PlacesFedValue {
                qpv: d.as_ref().map(|(_, code)| code.clone()),
                value: *v,
                previous: previous(d.as_ref().map(|(id, _)| *id)),
            })
            .collect(),
        method_text: overview.method_text.clone(),
        source: source.clone(),
        applied: !dry_run,
    };
    if dry_run {
        return Ok(feed);
    }
    let summary = format!(
        "{} {year} renseigné depuis les lieux de médiation ({} dans ou à proximité des QPV)",
        ind.name,
        territory.len()
    );
    store.import_batch("record", &summary, |s| {
        for (district, value) in &values {
            s.save_measurement(&Measurement {
                id: 0,
                indicator_id,
                year,
                date: None,
                district_id: district.as_ref().map(|(id, _)| *id),
                action_id: None,
                value: f64::from(*value),
                base: None,
                source: source.clone(),
                comment: String::new(),
                received_on: None,
            })?;
        }
        Ok(())
    })?;
    Ok(feed)
}
