//! Figures: the same core functions the report uses, for the screens.

use chrono::Local;
use copil_core::domain::Id;
use copil_core::domain::Participant;
use copil_core::figures::{
    self, Dashboard, FundingTables, Headcount, IndicatorFigures, Matrix, MeetingsOverview,
    ObjectiveNode, Pillar, PlacesView, Scope,
};
use tauri::State;

use super::{lock, Shared};
use crate::error::CommandResult;
use crate::state::AppState;

/// Today's scope, optionally for another year or one QPV.
fn scope(year: Option<i32>, district_id: Option<Id>) -> Scope {
    Scope::today(Local::now().date_naive()).narrowed(year, district_id)
}

fn pillar(st: &AppState) -> CommandResult<Pillar> {
    Ok(Pillar::load(st.store()?)?)
}

/// The Tableau de bord: key figures, météo, alerts, changes since the last report.
#[tauri::command]
pub fn dashboard(
    state: State<'_, Shared>,
    year: Option<i32>,
    district_id: Option<Id>,
) -> CommandResult<Dashboard> {
    let st = lock(&state)?;
    let p = pillar(&st)?;
    let last = st.store()?.last_report()?;
    Ok(figures::dashboard(
        &p,
        &scope(year, district_id),
        last.as_ref(),
    ))
}

/// The transversality matrix (objectives × themes).
#[tauri::command]
pub fn matrix(
    state: State<'_, Shared>,
    year: Option<i32>,
    district_id: Option<Id>,
) -> CommandResult<Matrix> {
    let st = lock(&state)?;
    Ok(figures::transversality_matrix(
        &pillar(&st)?,
        &scope(year, district_id),
    ))
}

/// Figures of every indicator (status, target vs actual by year, by QPV).
#[tauri::command]
pub fn indicator_figures_all(
    state: State<'_, Shared>,
    year: Option<i32>,
    district_id: Option<Id>,
) -> CommandResult<Vec<IndicatorFigures>> {
    let st = lock(&state)?;
    Ok(figures::all_indicator_figures(
        &pillar(&st)?,
        &scope(year, district_id),
    ))
}

/// Figures of one indicator.
#[tauri::command]
pub fn indicator_figures(
    state: State<'_, Shared>,
    id: Id,
    year: Option<i32>,
    district_id: Option<Id>,
) -> CommandResult<IndicatorFigures> {
    let st = lock(&state)?;
    Ok(figures::indicator_figures_by_id(
        &pillar(&st)?,
        id,
        &scope(year, district_id),
    )?)
}

/// Every funding table (financeur × year, theme, QPV, objective, CRF, CPO).
#[tauri::command]
pub fn funding_tables(
    state: State<'_, Shared>,
    year: Option<i32>,
    district_id: Option<Id>,
) -> CommandResult<FundingTables> {
    let st = lock(&state)?;
    Ok(figures::funding_tables(
        &pillar(&st)?,
        &scope(year, district_id),
    ))
}

/// The objectives in tree order, with their depth (the order of the matrix and the report).
#[tauri::command]
pub fn objective_tree(state: State<'_, Shared>) -> CommandResult<Vec<ObjectiveNode>> {
    let st = lock(&state)?;
    Ok(figures::objective_nodes(&pillar(&st)?))
}

/// The Instances screen: meetings with their headcounts, the decisions to follow.
#[tauri::command]
pub fn meetings_overview(state: State<'_, Shared>) -> CommandResult<MeetingsOverview> {
    let st = lock(&state)?;
    Ok(figures::meetings_overview(
        &pillar(&st)?,
        Local::now().date_naive(),
    ))
}

/// Who takes part in a meeting being edited, in all and by type of structure.
#[tauri::command]
pub fn meeting_headcount(participants: Vec<Participant>) -> Headcount {
    Headcount::of_participants(&participants)
}

/// The « Lieux » screen: lieux de médiation, their placement in or near each QPV, the map.
#[tauri::command]
pub fn places_view(
    state: State<'_, Shared>,
    near_metres: Option<f64>,
) -> CommandResult<PlacesView> {
    let st = lock(&state)?;
    Ok(figures::places_view(&pillar(&st)?, near_metres))
}
