//! The contract itself (name, EPCI, communes, period, signatories).

use copil_core::domain::{Contract, Id, Issue};
use copil_core::store::Saved;
use tauri::{AppHandle, State};

use super::{lock, refresh_shell, Shared};
use crate::error::CommandResult;

/// The open contract.
#[tauri::command]
pub fn contract_get(state: State<'_, Shared>) -> CommandResult<Contract> {
    Ok(lock(&state)?.store()?.contract()?)
}

/// Saves the contract; the window title follows its name.
#[tauri::command]
pub fn contract_save(
    app: AppHandle,
    state: State<'_, Shared>,
    value: Contract,
) -> CommandResult<Saved> {
    let mut st = lock(&state)?;
    let saved = st.store_mut()?.save_contract(&value)?;
    st.refresh_name();
    refresh_shell(&app, &st);
    Ok(saved)
}

/// The core's validation of a contract, for forms that validate as you type.
#[tauri::command]
pub fn contract_validate(value: Contract) -> Vec<Issue> {
    value.validate()
}

/// Puts the themes in the order of `ids` (a move up or down), in one transaction.
#[tauri::command]
pub fn theme_reorder(state: State<'_, Shared>, ids: Vec<Id>) -> CommandResult<()> {
    Ok(lock(&state)?.store_mut()?.reorder_themes(&ids)?)
}
