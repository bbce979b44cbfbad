//! The entries the séance crash test makes, numbered so that the file says which were kept.
//!
//! Entry n (one core call, one transaction) in the COPIL of December 2026 of the demo, in
//! threes: n ≡ 1 (mod 3) adds the agenda item « Point n »; n ≡ 2 writes « Note n » in
//! « Point n-1 »; n ≡ 0 makes « Point n-2 » the current item. So after a crash the items, their
//! notes and the current item tell how many entries the file holds, and whether any is missing.

use chrono::NaiveDate;
use copil_core::domain::{AgendaItem, AgendaItemKind, Id};
use copil_core::{Result, Store};

/// The meeting the entries are made in: the demo's COPIL of 10 December 2026.
pub fn meeting(store: &Store) -> Id {
    let day = NaiveDate::from_ymd_opt(2026, 12, 10).expect("a date");
    store
        .meetings()
        .expect("meetings")
        .into_iter()
        .find(|m| m.date == day)
        .expect("the demo's December COPIL")
        .id
}

/// Makes entry `n`.
pub fn apply(store: &mut Store, meeting: Id, n: u64) -> Result<()> {
    match n % 3 {
        1 => store
            .add_agenda_item(meeting, AgendaItemKind::Free, &format!("Point {n}"), None)
            .map(|_| ()),
        2 => {
            let item = item(store, meeting, n - 1)?.expect("the item of entry n-1");
            store.set_item_notes(meeting, item.id, &format!("Note {n}"))
        }
        _ => {
            let item = item(store, meeting, n - 2)?.expect("the item of entry n-2");
            store.set_current_item(meeting, Some(item.id))
        }
    }
}

fn item(store: &Store, meeting: Id, k: u64) -> Result<Option<AgendaItem>> {
    let title = format!("Point {k}");
    Ok(store
        .sitting(meeting)?
        .and_then(|s| s.agenda.into_iter().find(|i| i.title == title)))
}

/// How many entries the file holds: every entry up to it must be there and none after it;
/// `Err` names the first one missing.
pub fn applied(store: &Store, meeting: Id) -> std::result::Result<u64, String> {
    let sitting = store
        .sitting(meeting)
        .map_err(|e| e.to_string())?
        .ok_or("no séance")?;
    let items: Vec<(u64, &AgendaItem)> = sitting
        .agenda
        .iter()
        .filter_map(|i| Some((i.title.strip_prefix("Point ")?.parse().ok()?, i)))
        .collect();
    let Some(last) = items.iter().map(|(k, _)| *k).max() else {
        return Ok(0);
    };
    let item = |k: u64| items.iter().find(|(n, _)| *n == k).map(|(_, i)| *i);
    for k in (1..=last).step_by(3) {
        let i = item(k).ok_or(format!("entry {k} is missing"))?;
        if k < last && i.notes != format!("Note {}", k + 1) {
            return Err(format!("entry {} is missing", k + 1));
        }
    }
    let last_item = item(last).expect("listed");
    let current = sitting.current_item_id;
    let applied = match (
        last_item.notes == format!("Note {}", last + 1),
        current == Some(last_item.id),
    ) {
        (true, true) => last + 2,
        (true, false) => last + 1,
        (false, false) => last,
        (false, true) => return Err(format!("entry {} is missing", last + 1)),
    };
    if applied < last + 2 && last > 1 && current != item(last - 3).map(|i| i.id) {
        return Err(format!("entry {} is missing", last - 1));
    }
    Ok(applied)
}
