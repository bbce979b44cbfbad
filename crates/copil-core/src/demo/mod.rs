//! Demo contracts: the realistic Lens-Liévin pillar ([`create_demo`]) and the synthetic
//! benchmark contracts ([`synthetic`]).
//!
//! The Lens-Liévin demo is data, not code: `lens/*.rs` hold tables of small records that name
//! each other by natural key (QPV code, objective code, theme, actor or indicator name, action
//! title), the way a filled-in workbook does. This module saves them in dependency order and
//! resolves each key once through `records::Keys`. Adding demo data means adding a row; a new
//! kind of record means a record type in `records.rs`, a table in `lens/` and one loop here.
//!
//! Deterministic: the same content on every run (only audit timestamps differ).

mod lens;
mod records;
pub mod synthetic;

use std::path::Path;

use chrono::NaiveDate;

use crate::domain::{Actor, ActorKind};
use crate::error::Result;
use crate::store::Store;
use records::{Keys, Table};

/// Writes the demo contract (Lens-Liévin, from the 2022 workshop seeds) to a new file at `path`.
pub fn create_demo(path: &Path) -> Result<Store> {
    let mut store = Store::create(path, &lens::territory::CONTRACT.resolve())?;
    let mut keys = Keys::default();
    for theme in store.themes()? {
        keys.insert(Table::Theme, &theme.name, theme.id);
    }
    for district in lens::territory::DISTRICTS {
        let id = store.save_district(&district.resolve())?.id;
        keys.insert(Table::District, district.code, id);
    }
    for objective in lens::objectives::OBJECTIVES {
        let id = store.save_objective(&objective.resolve(&keys))?.id;
        keys.insert(Table::Objective, objective.code, id);
    }
    for actor in lens::actors::ACTORS {
        let id = store.save_actor(&actor.resolve(&keys))?.id;
        keys.insert(Table::Actor, actor.name, id);
    }
    for indicator in lens::indicators::INDICATORS {
        let id = store.save_indicator(&indicator.resolve(&keys))?.id;
        keys.insert(Table::Indicator, indicator.name, id);
        for measurement in indicator.measurements(id, &keys) {
            store.save_measurement(&measurement)?;
        }
    }
    for action in lens::actions::ACTIONS {
        let id = store.save_action(&action.resolve(&keys))?.id;
        keys.insert(Table::Action, action.title, id);
        for funding in action.fundings {
            store.save_funding(&funding.resolve(id))?;
        }
    }
    for meeting in lens::meetings::MEETINGS {
        let id = store.save_meeting(&meeting.resolve())?.id;
        for decision in meeting.decisions {
            store.save_decision(&decision.resolve(id))?;
        }
    }
    for round in lens::bilans::ROUNDS {
        store.save_collection_round(&round.resolve())?;
    }
    for bilan in lens::bilans::BILANS {
        let action = keys.id(Table::Action, bilan.action);
        let values = bilan.measurements(action, &keys);
        store.replace_bilan(action, bilan.year, &values)?;
    }
    Ok(store)
}

/// A date of the demo data; in a `const` table an impossible one fails the build.
const fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(d) => d,
        None => panic!("impossible demo date"),
    }
}

/// Completes 13 digits (SIREN + NIC without its key) into a SIRET that passes the Luhn check,
/// so that demo actors carry realistic, valid SIRETs.
pub fn siret_with_key(first13: &str) -> String {
    (0..10)
        .map(|k| format!("{first13}{k}"))
        .find(|s| siret_ok(s))
        .expect("a Luhn key exists")
}

/// Whether `siret` passes the same check as an actor's SIRET typed by a user.
fn siret_ok(siret: &str) -> bool {
    let actor = Actor {
        id: 0,
        name: "x".into(),
        kind: ActorKind::Other,
        siret: Some(siret.into()),
        labels: vec![],
        district_ids: vec![],
        contact: String::new(),
    };
    actor.validate().is_empty()
}
