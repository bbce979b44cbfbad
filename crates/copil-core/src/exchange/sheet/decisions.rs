//! « Décisions »: the decisions of the meetings, by meeting date and text, and their follow-up.

use super::{opt_date, record, text, Out, Selection, SheetSpec};
use crate::domain::{Decision, DecisionStatus};
use crate::error::Result;
use crate::exchange::cell::{coded, Cell};
use crate::exchange::headers::{Choices, Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

const MEETING: Col = Col::new("meeting_id", "Date de l'instance", Date, 12.0)
    .mandatory()
    .with_aliases(&["Instance du"]);
const TEXT: Col = Col::new("text", "Décision", Text, 40.0)
    .mandatory()
    .with_aliases(&["Texte"]);
const OWNER: Col = Col::new("owner", "Responsable", Text, 22.0);
const DUE: Col = Col::new("due_date", "Échéance", Date, 12.0);
const STATUS: Col =
    Col::new("status", "Statut", Text, 12.0).with_choices(Choices::DecisionStatuses);
const CLOSED: Col = Col::new("closed_on", "Clôturée le", Date, 12.0);

const COLUMNS: &[Col] = &[MEETING, TEXT, OWNER, DUE, STATUS, CLOSED];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Décisions",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, selection: Selection) -> Vec<Vec<Out>> {
    p.decisions
        .iter()
        .filter(|d| selection.covers_owner(&d.owner))
        .filter_map(|d| {
            let meeting = p.meetings.iter().find(|m| m.id == d.meeting_id)?;
            Some(record(
                COLUMNS,
                [
                    (MEETING, Out::Date(meeting.date)),
                    (TEXT, text(&d.text)),
                    (OWNER, text(&d.owner)),
                    (DUE, opt_date(d.due_date)),
                    (STATUS, text(d.status.label())),
                    (CLOSED, opt_date(d.closed_on)),
                ],
            ))
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let meeting = row.req(&MEETING, Cell::date).and_then(|d| {
        let found = ix.meetings.iter().find(|m| m.date == d).map(|m| m.id);
        if found.is_none() {
            row.err(
                &MEETING,
                format!(
                    "aucune instance le {} (ajoutez-la dans la feuille Instances).",
                    d.format("%d/%m/%Y")
                ),
            );
        }
        found
    });
    let text = row.req(&TEXT, Cell::text);
    let (Some(meeting_id), Some(text)) = (meeting, text) else {
        return Ok(None);
    };
    let key = (meeting_id, fold(&text));
    if ix.duplicate(row, format!("{key:?}"), "même instance et même texte") {
        return Ok(None);
    }
    let old = ix.decisions.get(&key).cloned();
    let o = old.as_ref();
    if let Some(p) = &ix.porteur {
        // A porteur follows up the decisions it is responsible for, it takes none.
        if o.is_none_or(|d| fold(&d.owner) != fold(&p.name)) {
            let message = format!(
                "« {} » ne suit ici que les décisions dont il est responsable (voir les lignes pré-remplies).",
                p.name
            );
            row.err(&TEXT, message);
            return Ok(None);
        }
    }
    let owner = row.text_or(&OWNER, o.map_or("", |d| &d.owner));
    // The links the sheet has no column for stay as they were (the actor only with its name).
    let same_owner = o.filter(|d| d.owner == owner);
    let d = Decision {
        id: o.map_or(0, |d| d.id),
        meeting_id,
        text,
        owner,
        owner_actor_id: same_owner.and_then(|d| d.owner_actor_id),
        objective_id: o.and_then(|d| d.objective_id),
        action_id: o.and_then(|d| d.action_id),
        sitting_id: o.and_then(|d| d.sitting_id),
        due_date: row.opt(&DUE, o.and_then(|d| d.due_date), Cell::date),
        status: row
            .opt(
                &STATUS,
                o.map(|d| d.status),
                coded(
                    DecisionStatus::parse_loose,
                    DecisionStatus::ALL,
                    DecisionStatus::label,
                ),
            )
            .unwrap_or(DecisionStatus::Todo),
        closed_on: row.opt(&CLOSED, o.and_then(|d| d.closed_on), Cell::date),
    };
    row.issues(&d.validate());
    row.save(
        o,
        d,
        |d| store.save_decision(d),
        |d, id| {
            ix.decisions.insert(key, Decision { id, ..d });
        },
    )
}
