//! « Instances »: the meetings (COPIL, COTECH…), by date and title, with their participants.

use super::{record, text, Out, Selection, SheetSpec};
use crate::domain::{ActorKind, Meeting, MeetingKind, Participant};
use crate::error::Result;
use crate::exchange::cell::{coded, Cell};
use crate::exchange::headers::{Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::list::PARTICIPANTS;
use crate::exchange::parse::parse_number_text;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

const DATE: Col = Col::new("date", "Date", Date, 12.0).mandatory();
const KIND: Col = Col::new("kind", "Instance", Text, 12.0).with_aliases(&["Type d'instance"]);
const TITLE: Col = Col::new("title", "Intitulé", Text, 30.0).mandatory();
const PLACE: Col = Col::new("place", "Lieu", Text, 20.0);
const AGENDA: Col = Col::new("agenda", "Ordre du jour", Text, 36.0);
const PARTICIPANTS_COL: Col = Col::new("participants", "Participants", Text, 40.0)
    .with_aliases(&["Participants (structure : effectif)"]);

const COLUMNS: &[Col] = &[DATE, KIND, TITLE, PLACE, AGENDA, PARTICIPANTS_COL];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Instances",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, _: Selection) -> Vec<Vec<Out>> {
    p.meetings
        .iter()
        .map(|m| {
            let participants = PARTICIPANTS.join(
                m.participants
                    .iter()
                    .map(|x| format!("{} [{}] : {}", x.label, x.kind.label(), x.headcount)),
            );
            record(
                COLUMNS,
                [
                    (DATE, Out::Date(m.date)),
                    (KIND, text(m.kind.label())),
                    (TITLE, text(&m.title)),
                    (PLACE, text(&m.place)),
                    (AGENDA, text(&m.agenda)),
                    (PARTICIPANTS_COL, text(&participants)),
                ],
            )
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let date = row.req(&DATE, Cell::date);
    let title = row.req(&TITLE, Cell::text);
    let (Some(date), Some(title)) = (date, title) else {
        return Ok(None);
    };
    if ix.duplicate(
        row,
        format!("{date} {}", fold(&title)),
        "même date et même intitulé",
    ) {
        return Ok(None);
    }
    let old = ix
        .meetings
        .iter()
        .find(|m| m.date == date && fold(&m.title) == fold(&title))
        .cloned();
    let o = old.as_ref();
    let kind = row
        .opt(
            &KIND,
            o.map(|m| m.kind),
            coded(
                MeetingKind::parse_loose,
                MeetingKind::ALL,
                MeetingKind::label,
            ),
        )
        .unwrap_or(MeetingKind::Copil);
    let participants = match row.text(&PARTICIPANTS_COL) {
        None => o.map(|m| m.participants.clone()).unwrap_or_default(),
        Some(t) => {
            let mut out = Vec::new();
            for part in PARTICIPANTS.split(&t) {
                match participant(ix, &part) {
                    Some(p) => out.push(p),
                    None => row.err(&PARTICIPANTS_COL, format!("participants « {part} » illisible : écrivez « Structure [Type] : effectif », séparés par |.")),
                }
            }
            out
        }
    };
    let m = Meeting {
        id: o.map_or(0, |m| m.id),
        kind,
        title,
        date,
        place: row.text_or(&PLACE, o.map_or("", |m| &m.place)),
        agenda: row.text_or(&AGENDA, o.map_or("", |m| &m.agenda)),
        participants,
    };
    row.issues(&m.validate(ix.period));
    let meetings = &mut ix.meetings;
    row.save(
        o,
        m,
        |m| store.save_meeting(m),
        |m, id| {
            meetings.retain(|x| x.id != id);
            meetings.push(Meeting { id, ..m });
        },
    )
}

/// One participant as written in the cell: `Label [Type] : effectif` (type optional).
fn participant(ix: &Index, text: &str) -> Option<Participant> {
    let (left, count) = text.rsplit_once(':')?;
    let headcount = parse_number_text(count).filter(|v| v.fract() == 0.0)? as i64;
    let (label, kind) = match left.split_once('[') {
        Some((l, k)) => (
            l.trim(),
            ActorKind::parse_loose(k.trim_end().trim_end_matches(']'))?,
        ),
        None => (left.trim(), ActorKind::Other),
    };
    let actor = ix.actors.get(&fold(label));
    Some(Participant {
        actor_id: actor.map(|a| a.id),
        label: label.to_string(),
        kind,
        headcount,
    })
}
