//! The native menu (Fichier, Aide); its items are forwarded to the UI as `menu` events.

use serde::Serialize;
use tauri::menu::{Menu, MenuBuilder, MenuEvent, MenuItemBuilder, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use ts_rs::TS;

use crate::state::RecentFile;

/// Name of the event the UI listens to.
pub const MENU_EVENT: &str = "menu";

/// Payload of a `menu` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MenuAction {
    /// What to do: `new`, `open`, `demo`, `open-recent`, `save-copy`, `close`, `about`, `shortcuts`.
    pub action: String,
    /// The file, for `open-recent`.
    pub path: Option<String>,
}

/// Builds the menu bar, with the given recent files in "Récents".
pub fn build<R: Runtime>(app: &AppHandle<R>, recents: &[RecentFile]) -> tauri::Result<Menu<R>> {
    let mut recent_menu = SubmenuBuilder::new(app, "Récents");
    if recents.is_empty() {
        recent_menu = recent_menu.item(
            &MenuItemBuilder::with_id("recent:none", "Aucun fichier récent")
                .enabled(false)
                .build(app)?,
        );
    }
    for (i, recent) in recents.iter().enumerate() {
        recent_menu = recent_menu.text(format!("recent:{i}"), &recent.name);
    }
    let file = SubmenuBuilder::new(app, "Fichier")
        .item(
            &MenuItemBuilder::with_id("new", "Nouveau…")
                .accelerator("CmdOrCtrl+N")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("open", "Ouvrir…")
                .accelerator("CmdOrCtrl+O")
                .build(app)?,
        )
        .text("demo", "Ouvrir la démo")
        .item(&recent_menu.build()?)
        .separator()
        .item(
            &MenuItemBuilder::with_id("save-copy", "Sauvegarder une copie…")
                .accelerator("CmdOrCtrl+Shift+S")
                .build(app)?,
        )
        .separator()
        .text("close", "Fermer")
        .build()?;
    let help = SubmenuBuilder::new(app, "Aide")
        .item(
            &MenuItemBuilder::with_id("shortcuts", "Raccourcis clavier")
                .accelerator("F1")
                .build(app)?,
        )
        .text("about", "À propos de Copil")
        .build()?;
    MenuBuilder::new(app).item(&file).item(&help).build()
}

/// Translates a menu click into a `menu` event for the UI.
pub fn on_event<R: Runtime>(app: &AppHandle<R>, event: MenuEvent) {
    let id = event.id().as_ref();
    let payload = if let Some(index) = id.strip_prefix("recent:") {
        let Ok(index) = index.parse::<usize>() else {
            return;
        };
        let path = app
            .try_state::<std::sync::Mutex<crate::state::AppState>>()
            .and_then(|state| {
                let st = state.lock().ok()?;
                st.recents.get(index).map(|r| r.path.clone())
            });
        MenuAction {
            action: "open-recent".to_owned(),
            path,
        }
    } else {
        MenuAction {
            action: id.to_owned(),
            path: None,
        }
    };
    let _ = app.emit(MENU_EVENT, payload);
}
