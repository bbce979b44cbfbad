//! The field's own data: La Coop de la médiation numérique's export imported into actions, the
//! indice de fragilité numérique imported into communes and QPVs, the diagnostic and an
//! indicator's publics, each from the same core function as `copil import-coop`,
//! `copil import-ifn` and the report.

use std::path::PathBuf;

use chrono::{Datelike, Local};
use copil_core::domain::{CoopMeasure, Id, PlaceLink, IFN_COMPONENTS};
use copil_core::exchange::{
    import_coop, import_ifn, CoopImportReport, CoopOptions, IfnImportReport, IfnOptions,
};
use copil_core::figures::{self, CoopPublics, Diagnostic, Pillar};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use super::{lock, Shared};
use crate::error::CommandResult;

/// One measure of one action's year, as the core computes it for the dry run.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoopMeasureFigure {
    /// The measure.
    pub measure: CoopMeasure,
    /// Its value for the whole territory (hours in hours, a share in %); None when it cannot
    /// be computed (a share without any known commune).
    pub value: Option<f64>,
    /// Base of a share.
    pub base: Option<f64>,
}

/// What importing a Coop file does: the core's report, and each action-year's measures as
/// [`copil_core::exchange::coop::CoopFigures::value`] gives them (in the order of the report's bilans).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoopImportView {
    /// The core's report.
    pub report: CoopImportReport,
    /// For each of `report.bilans`, every measure's value.
    pub measures: Vec<Vec<CoopMeasureFigure>>,
}

/// Imports (or with `dry_run` only previews) a Coop export or « Statistiques » file: all of it
/// into `action_id`, or each place into its action (`places` added to the saved mapping and kept
/// in the file by a real import, as `copil import-coop --place` does).
#[tauri::command]
pub fn coop_import(
    state: State<'_, Shared>,
    path: String,
    action_id: Option<Id>,
    places: Vec<PlaceLink>,
    skip_out_of_period: bool,
    dry_run: bool,
) -> CommandResult<CoopImportView> {
    let options = CoopOptions {
        places,
        dry_run,
        skip_out_of_period,
        ..CoopOptions::new(action_id, Local::now().date_naive())
    };
    let mut st = lock(&state)?;
    let report = import_coop(st.store_mut()?, &PathBuf::from(path), &options)?;
    let measures = report
        .bilans
        .iter()
        .map(|b| {
            CoopMeasure::ALL
                .iter()
                .map(|&measure| {
                    let got = b.figures.value(measure);
                    CoopMeasureFigure {
                        measure,
                        value: got.map(|(v, _)| v),
                        base: got.and_then(|(_, base)| base),
                    }
                })
                .collect()
        })
        .collect();
    Ok(CoopImportView { report, measures })
}

/// Imports (or with `dry_run` only previews) La MedNum's commune file, with the EPCI file if
/// given; `siren` is recorded first, `feed` names the « score » indicators to feed.
#[tauri::command]
pub fn ifn_import(
    state: State<'_, Shared>,
    city: String,
    epci: Option<String>,
    siren: Option<String>,
    feed: Vec<Id>,
    dry_run: bool,
) -> CommandResult<IfnImportReport> {
    let options = IfnOptions {
        city: PathBuf::from(city),
        epci: epci.filter(|e| !e.is_empty()).map(PathBuf::from),
        siren: siren.filter(|s| !s.trim().is_empty()),
        feed,
        dry_run,
        ..IfnOptions::default()
    };
    let mut st = lock(&state)?;
    Ok(import_ifn(st.store_mut()?, &options)?)
}

/// One of the five components of the IFN, as the report names it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IfnComponentLabel {
    /// French label (« Sans couverture très haut débit »).
    pub label: String,
    /// Short label for a table header (« Sans THD »).
    pub short: String,
}

/// The diagnostic and the names of the components its scores list (in their order).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DiagnosticView {
    /// The core's diagnostic.
    pub diagnostic: Diagnostic,
    /// The five components, in the order of `FragilityScore::components`.
    pub components: Vec<IfnComponentLabel>,
    /// The contract's EPCI SIREN, proposed for the EPCI file.
    pub epci_siren: Option<String>,
}

/// The « Diagnostic de fragilité numérique », as the report's section shows it.
#[tauri::command]
pub fn diagnostic(state: State<'_, Shared>) -> CommandResult<DiagnosticView> {
    let st = lock(&state)?;
    let p = Pillar::load(st.store()?)?;
    Ok(DiagnosticView {
        diagnostic: figures::diagnostic(&p),
        components: IFN_COMPONENTS
            .iter()
            .map(|(_, label, short)| IfnComponentLabel {
                label: (*label).to_string(),
                short: (*short).to_string(),
            })
            .collect(),
        epci_siren: p.contract.epci_siren.clone(),
    })
}

/// The publics La Coop gave an indicator (genre, age band, status) in `year` or the latest
/// earlier year with an import (this year by default), as the report's indicators section
/// shows them; None when La Coop never fed it.
#[tauri::command]
pub fn coop_publics(
    state: State<'_, Shared>,
    indicator_id: Id,
    year: Option<i32>,
) -> CommandResult<Option<CoopPublics>> {
    let st = lock(&state)?;
    let year = year.unwrap_or_else(|| Local::now().date_naive().year());
    Ok(figures::coop_publics(
        &Pillar::load(st.store()?)?,
        year,
        Some(indicator_id),
    ))
}
