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

pub mod field;
mod lens;
mod records;
pub mod synthetic;

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;

use crate::domain::{Actor, ActorKind, Attendance, Decision, Funding, Id};
use crate::error::Result;
use crate::report::{issue, ReportDocument};
use crate::store::Store;
use records::{funding_key, DemoMeeting, DemoSitting, Keys, Table};

/// Writes the demo contract (Lens-Liévin, from the 2022 workshop seeds) to a new file at `path`.
/// Its two séances' relevés are recorded with the SHA-256 of their model as JSON (copil-core
/// draws no PDF); [`create_demo_with`] records the hash of the rendered PDF instead.
pub fn create_demo(path: &Path) -> Result<Store> {
    create_demo_with(path, &|doc| {
        serde_json::to_vec(doc).map_err(|e| crate::error::CoreError::Render(e.to_string()))
    })
}

/// Writes the demo contract; `render` produces the bytes of each relevé de décisions (the PDF,
/// for the CLI and the app), whose hash is recorded in the list of issued documents.
pub fn create_demo_with(
    path: &Path,
    render: &dyn Fn(&ReportDocument) -> Result<Vec<u8>>,
) -> Result<Store> {
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
    crate::exchange::import_qpv_geo_bytes(
        &mut store,
        Path::new("qpv-perimetres-lens.geojson"),
        lens::places::PERIMETERS_GEOJSON.as_bytes(),
        false,
        None,
    )?;
    for (name, text) in [
        ("lieux-mediation-lens.csv", lens::places::PLACES_CSV),
        (
            "lieux-mediation-lens-ancien.json",
            lens::places::PLACES_LEGACY_JSON,
        ),
    ] {
        crate::exchange::import_places_bytes(&mut store, name, text.as_bytes(), false)?;
    }
    for indicator in lens::indicators::INDICATORS {
        let id = store.save_indicator(&indicator.resolve(&keys))?.id;
        keys.insert(Table::Indicator, indicator.name, id);
        for measurement in indicator.measurements(id, &keys) {
            store.save_measurement(&measurement)?;
        }
    }
    // A line a séance gives an avis on is a request (sollicité) until then: its amount
    // attribué comes from the avis, its payments after it.
    let avised: HashSet<String> = lens::meetings::SITTINGS
        .iter()
        .flat_map(|s| s.avis)
        .map(|a| a.funding_key())
        .collect();
    let mut after_avis: Vec<Funding> = Vec::new();
    for action in lens::actions::ACTIONS {
        let id = store.save_action(&action.resolve(&keys))?.id;
        keys.insert(Table::Action, action.title, id);
        for funding in action.fundings {
            let line = funding.resolve(id);
            let key = funding_key(action.title, line.financeur, line.year);
            let requested = avised.contains(&key);
            let saved = store
                .save_funding(&Funding {
                    granted_cents: if requested { 0 } else { line.granted_cents },
                    paid_cents: if requested { 0 } else { line.paid_cents },
                    ..line.clone()
                })?
                .id;
            keys.insert(Table::Funding, &key, saved);
            if requested {
                after_avis.push(Funding { id: saved, ..line });
            }
        }
    }
    for request in lens::programmation::REQUESTS {
        store.save_funding(&request.resolve(&keys))?;
    }
    let followed: HashSet<&str> = lens::meetings::SITTINGS
        .iter()
        .flat_map(|s| s.follow_ups)
        .map(|f| f.decision)
        .collect();
    // Every meeting is in the calendar before the first séance: a relevé announces the next one.
    let mut meeting_ids = Vec::new();
    for meeting in lens::meetings::MEETINGS {
        meeting_ids.push(store.save_meeting(&meeting.resolve())?.id);
    }
    for (meeting, &id) in lens::meetings::MEETINGS.iter().zip(&meeting_ids) {
        match lens::meetings::SITTINGS
            .iter()
            .find(|s| s.meeting == meeting.date)
        {
            Some(sitting) => {
                hold_sitting(&mut store, &mut keys, id, meeting, sitting, &after_avis)?;
                let (_, doc) = issue::prepare_releve(&store, id)?;
                let bytes = render(&doc)?;
                issue::record_releve(&mut store, id, sitting.ended_at(), &bytes)?;
            }
            None => {
                for decision in meeting.decisions {
                    let open = followed.contains(decision.text);
                    let saved = store.save_decision(&decision.resolve(id, &keys, open))?.id;
                    keys.insert(Table::Decision, decision.text, saved);
                }
            }
        }
        if meeting.date == lens::meetings::NEXT_SITTING.0 {
            store.prepare_sitting(id)?;
            store.set_sitting_chair(id, lens::meetings::NEXT_SITTING.1)?;
        }
    }
    // What happened after the séances: the payments on the lines they attributed, the
    // decisions closed outside any séance.
    for line in &after_avis {
        store.save_funding(line)?;
    }
    let decisions = store.decisions()?;
    for meeting in lens::meetings::MEETINGS {
        for decision in meeting.decisions.iter().filter(|d| !d.status.is_open()) {
            let id = keys.id(Table::Decision, decision.text);
            if let Some(stored) = decisions.iter().find(|d| d.id == id && d.status.is_open()) {
                store.save_decision(&Decision {
                    status: decision.status,
                    closed_on: decision.closed_on,
                    ..stored.clone()
                })?;
            }
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
    let (indicator, year, counted_on) = lens::places::PLACES_FEED;
    crate::feed::feed_from_places(
        &mut store,
        keys.id(Table::Indicator, indicator),
        year,
        crate::figures::DEFAULT_NEAR_METRES,
        counted_on,
        false,
    )?;
    Ok(store)
}

/// Runs a séance of the demo as a chef de projet would, entry by entry, and closes it.
fn hold_sitting(
    store: &mut Store,
    keys: &mut Keys,
    meeting_id: Id,
    meeting: &DemoMeeting,
    sitting: &DemoSitting,
    lines: &[Funding],
) -> Result<()> {
    store.prepare_sitting(meeting_id)?;
    store.set_sitting_chair(meeting_id, sitting.chair)?;
    store.start_sitting(meeting_id, sitting.started_at())?;
    for a in sitting.attendance {
        let headcount = (a.attendance == Attendance::Present).then_some(a.headcount);
        store.set_attendance(
            meeting_id,
            keys.id(Table::Actor, a.actor),
            a.attendance,
            headcount,
        )?;
    }
    let agenda = store
        .sitting(meeting_id)?
        .map(|s| s.agenda)
        .unwrap_or_default();
    for note in sitting.notes {
        let item = agenda
            .iter()
            .find(|i| i.kind == note.kind && i.title.starts_with(note.title))
            .unwrap_or_else(|| {
                panic!(
                    "demo data: no agenda item {:?} « {} »",
                    note.kind, note.title
                )
            });
        store.set_current_item(meeting_id, Some(item.id))?;
        store.set_item_notes(meeting_id, item.id, note.notes)?;
    }
    for f in sitting.follow_ups {
        store.set_follow_up(meeting_id, &f.resolve(keys))?;
    }
    for a in sitting.avis {
        let funding = keys.id(Table::Funding, &a.funding_key());
        let granted = lines
            .iter()
            .find(|l| l.id == funding)
            .map(|l| l.granted_cents)
            .filter(|_| a.avis.grants());
        store.set_avis(meeting_id, funding, a.avis, granted, a.comment)?;
    }
    for decision in meeting.decisions {
        let saved = store
            .take_decision(meeting_id, &decision.resolve(meeting_id, keys, true))?
            .id;
        keys.insert(Table::Decision, decision.text, saved);
    }
    store.close_sitting(meeting_id, sitting.ended_at())?;
    Ok(())
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
