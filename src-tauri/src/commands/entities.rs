//! List, save, delete and validate each kind of record: one line per entity thanks to a macro.

use copil_core::domain::{
    Action, Actor, Decision, District, Funding, Id, Indicator, Issue, Measurement, Meeting,
    Objective, Theme,
};
use copil_core::store::Saved;
use tauri::State;

use super::{lock, Shared};
use crate::error::CommandResult;
use crate::state::AppState;

/// Generates `<e>_list`, `<e>_save`, `<e>_delete` and `<e>_validate` for one entity;
/// `<e>_validate` returns the findings `<e>_save` would refuse the value for (`check`).
macro_rules! entity_commands {
    ($ty:ty, $list:ident => $slist:ident, $save:ident => $ssave:ident, $delete:ident => $sdelete:ident, $validate:ident => $check:expr) => {
        #[doc = concat!("Every `", stringify!($ty), "` of the open contract.")]
        #[tauri::command]
        pub fn $list(state: State<'_, Shared>) -> CommandResult<Vec<$ty>> {
            Ok(lock(&state)?.store()?.$slist()?)
        }

        #[doc = concat!("Saves a `", stringify!($ty), "` (one transaction); id 0 creates it.")]
        #[tauri::command]
        pub fn $save(state: State<'_, Shared>, value: $ty) -> CommandResult<Saved> {
            Ok(lock(&state)?.store_mut()?.$ssave(&value)?)
        }

        #[doc = concat!("Deletes a `", stringify!($ty), "`.")]
        #[tauri::command]
        pub fn $delete(state: State<'_, Shared>, id: Id) -> CommandResult<()> {
            Ok(lock(&state)?.store_mut()?.$sdelete(id)?)
        }

        #[doc = concat!("The core's findings on a `", stringify!($ty), "`, checked as the user types.")]
        #[tauri::command]
        pub fn $validate(state: State<'_, Shared>, value: $ty) -> CommandResult<Vec<Issue>> {
            let st = lock(&state)?;
            let check: fn(&AppState, &$ty) -> CommandResult<Vec<Issue>> = $check;
            check(&st, &value)
        }
    };
}

/// A rule of the record alone: checked even before any contract is open (the wizard's QPVs).
macro_rules! own_rules {
    () => {
        |_, v| Ok(v.validate())
    };
}

/// The store's check of what its save refuses (period, referenced records, …).
macro_rules! store_check {
    ($check:ident) => {
        |st, v| Ok(st.store()?.$check(v)?)
    };
}

entity_commands!(District, district_list => districts, district_save => save_district,
    district_delete => delete_district, district_validate => own_rules!());
entity_commands!(Theme, theme_list => themes, theme_save => save_theme,
    theme_delete => delete_theme, theme_validate => own_rules!());
entity_commands!(Objective, objective_list => objectives, objective_save => save_objective,
    objective_delete => delete_objective, objective_validate => store_check!(check_objective));
entity_commands!(Indicator, indicator_list => indicators, indicator_save => save_indicator,
    indicator_delete => delete_indicator, indicator_validate => store_check!(check_indicator));
entity_commands!(Actor, actor_list => actors, actor_save => save_actor,
    actor_delete => delete_actor, actor_validate => own_rules!());
entity_commands!(Action, action_list => actions, action_save => save_action,
    action_delete => delete_action, action_validate => store_check!(check_action));
entity_commands!(Funding, funding_list => fundings, funding_save => save_funding,
    funding_delete => delete_funding, funding_validate => store_check!(check_funding));
entity_commands!(Meeting, meeting_list => meetings, meeting_save => save_meeting,
    meeting_delete => delete_meeting, meeting_validate => store_check!(check_meeting));
entity_commands!(Decision, decision_list => decisions, decision_save => save_decision,
    decision_delete => delete_decision, decision_validate => store_check!(check_decision));

/// Values of one indicator.
#[tauri::command]
pub fn measurement_list(
    state: State<'_, Shared>,
    indicator_id: Id,
) -> CommandResult<Vec<Measurement>> {
    Ok(lock(&state)?.store()?.measurements(indicator_id)?)
}

/// Saves one value (one transaction); id 0 creates it.
#[tauri::command]
pub fn measurement_save(state: State<'_, Shared>, value: Measurement) -> CommandResult<Saved> {
    Ok(lock(&state)?.store_mut()?.save_measurement(&value)?)
}

/// Deletes one value.
#[tauri::command]
pub fn measurement_delete(state: State<'_, Shared>, id: Id) -> CommandResult<()> {
    Ok(lock(&state)?.store_mut()?.delete_measurement(id)?)
}

/// The core's findings on a value (its indicator's unit, the contract period).
#[tauri::command]
pub fn measurement_validate(
    state: State<'_, Shared>,
    value: Measurement,
) -> CommandResult<Vec<Issue>> {
    Ok(lock(&state)?.store()?.check_measurement(&value)?)
}

/// The code a new objective gets under `parent_id` (the top of the tree when `None`).
#[tauri::command]
pub fn objective_next_code(
    state: State<'_, Shared>,
    parent_id: Option<Id>,
) -> CommandResult<String> {
    let st = lock(&state)?;
    Ok(copil_core::figures::Pillar::load(st.store()?)?.next_objective_code(parent_id))
}

/// Sets (or with no value removes) one year's target of an indicator.
#[tauri::command]
pub fn indicator_set_target(
    state: State<'_, Shared>,
    id: Id,
    year: i32,
    value: Option<f64>,
) -> CommandResult<Saved> {
    Ok(lock(&state)?.store_mut()?.set_target(id, year, value)?)
}
