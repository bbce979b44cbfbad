//! List, save, delete and validate each kind of record: one line per entity thanks to a macro.

use copil_core::domain::{
    Action, Actor, Decision, District, Funding, Id, Indicator, Issue, Measurement, Meeting,
    Objective, Period, Theme,
};
use copil_core::store::Saved;
use copil_core::Store;
use tauri::State;

use super::{lock, Shared};
use crate::error::{CommandError, CommandResult};

/// The open contract's period (validation against it needs an open contract).
fn period(store: Option<&Store>) -> CommandResult<Period> {
    Ok(store.ok_or_else(CommandError::no_contract)?.period()?)
}

/// Generates `<e>_list`, `<e>_save`, `<e>_delete` and `<e>_validate` for one entity.
macro_rules! entity_commands {
    ($ty:ty, $list:ident => $slist:ident, $save:ident => $ssave:ident, $delete:ident => $sdelete:ident, $validate:ident => |$v:ident, $store:ident| $rules:expr) => {
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

        #[doc = concat!("The core's rules for a `", stringify!($ty), "`, checked as the user types.")]
        #[tauri::command]
        pub fn $validate(state: State<'_, Shared>, value: $ty) -> CommandResult<Vec<Issue>> {
            let st = lock(&state)?;
            let $store: Option<&Store> = st.store.as_ref();
            let $v = &value;
            $rules
        }
    };
}

entity_commands!(District, district_list => districts, district_save => save_district,
    district_delete => delete_district, district_validate => |v, _s| Ok(v.validate()));
entity_commands!(Theme, theme_list => themes, theme_save => save_theme,
    theme_delete => delete_theme, theme_validate => |v, _s| Ok(v.validate()));
entity_commands!(Objective, objective_list => objectives, objective_save => save_objective,
    objective_delete => delete_objective, objective_validate => |v, _s| Ok(v.validate()));
entity_commands!(Indicator, indicator_list => indicators, indicator_save => save_indicator,
    indicator_delete => delete_indicator, indicator_validate => |v, s| Ok(v.validate(period(s)?)));
entity_commands!(Actor, actor_list => actors, actor_save => save_actor,
    actor_delete => delete_actor, actor_validate => |v, _s| Ok(v.validate()));
entity_commands!(Action, action_list => actions, action_save => save_action,
    action_delete => delete_action, action_validate => |v, s| Ok(v.validate(period(s)?)));
entity_commands!(Funding, funding_list => fundings, funding_save => save_funding,
    funding_delete => delete_funding, funding_validate => |v, s| Ok(v.validate(period(s)?)));
entity_commands!(Meeting, meeting_list => meetings, meeting_save => save_meeting,
    meeting_delete => delete_meeting, meeting_validate => |v, s| Ok(v.validate(period(s)?)));
entity_commands!(Decision, decision_list => decisions, decision_save => save_decision,
    decision_delete => delete_decision, decision_validate => |v, _s| Ok(v.validate()));

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

/// The core's rules for a value (its indicator's unit, the contract period).
#[tauri::command]
pub fn measurement_validate(
    state: State<'_, Shared>,
    value: Measurement,
) -> CommandResult<Vec<Issue>> {
    let st = lock(&state)?;
    let store = st.store()?;
    let unit = store.indicator(value.indicator_id)?.unit;
    Ok(value.validate(unit, store.period()?))
}
