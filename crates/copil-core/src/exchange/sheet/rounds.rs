//! « Campagnes de bilans »: each year's collection round, its due date, and the bilans the chef
//! de projet marked received by hand.

use super::{record, text, year, Out, Selection, SheetSpec};
use crate::domain::{BilanReceipt, CollectionRound};
use crate::error::Result;
use crate::exchange::cell::Cell;
use crate::exchange::headers::{Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::list::RECEIPTS;
use crate::exchange::parse::parse_date_text;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

const YEAR: Col = Col::new("year", "Année", Integer, 8.0).mandatory();
const DUE: Col = Col::new("due_date", "Date limite", Date, 12.0)
    .mandatory()
    .with_aliases(&["Date limite de retour"]);
const COMMENT: Col = Col::new("comment", "Commentaire", Text, 40.0);
const RECEIPTS_COL: Col = Col::new("receipts", "Bilans marqués reçus", Text, 50.0)
    .with_aliases(&["Bilans reçus (date : action)"]);

const COLUMNS: &[Col] = &[YEAR, DUE, COMMENT, RECEIPTS_COL];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Campagnes de bilans",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, _: Selection) -> Vec<Vec<Out>> {
    p.rounds
        .iter()
        .map(|r| {
            let receipts = RECEIPTS.join(r.receipts.iter().filter_map(|x| {
                let action = p.actions.iter().find(|a| a.id == x.action_id)?;
                Some(format!(
                    "{} : {}",
                    x.received_on.format("%d/%m/%Y"),
                    action.title
                ))
            }));
            record(
                COLUMNS,
                [
                    (YEAR, year(r.year)),
                    (DUE, Out::Date(r.due_date)),
                    (COMMENT, text(&r.comment)),
                    (RECEIPTS_COL, text(&receipts)),
                ],
            )
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let year = row.req(&YEAR, Cell::year);
    let due_date = row.req(&DUE, Cell::date);
    let (Some(year), Some(due_date)) = (year, due_date) else {
        return Ok(None);
    };
    if ix.duplicate(row, year.to_string(), "même année") {
        return Ok(None);
    }
    let old = ix.rounds.get(&year).cloned();
    let o = old.as_ref();
    let receipts = match row.text(&RECEIPTS_COL) {
        None => o.map(|r| r.receipts.clone()).unwrap_or_default(),
        Some(t) => {
            let mut out = Vec::new();
            for entry in RECEIPTS.split(&t) {
                match receipt(ix, &entry) {
                    Some(r) => out.push(r),
                    None => row.err(
                        &RECEIPTS_COL,
                        format!("« {entry} » illisible : écrivez « JJ/MM/AAAA : intitulé de l'action », séparés par |."),
                    ),
                }
            }
            out.sort_by_key(|r| r.action_id);
            out
        }
    };
    let r = CollectionRound {
        id: o.map_or(0, |r| r.id),
        year,
        due_date,
        comment: row.text_or(&COMMENT, o.map_or("", |r| &r.comment)),
        receipts,
    };
    if o.is_none() && chrono::Datelike::year(&due_date) < year {
        // A new year whose due date comes before it: most likely the year was mistyped.
        row.err(
            &YEAR,
            format!("aucune campagne de bilans {year} dans ce contrat, et cette date limite la précède : vérifiez l'année."),
        );
    }
    row.issues(&r.validate(ix.period));
    row.save(
        o,
        r,
        |r| store.save_collection_round(r),
        |r, id| {
            ix.rounds.insert(year, CollectionRound { id, ..r });
        },
    )
}

/// One bilan marked received, as written in the cell: `JJ/MM/AAAA : intitulé`.
fn receipt(ix: &Index, entry: &str) -> Option<BilanReceipt> {
    let (day, title) = entry.split_once(':')?;
    let received_on = parse_date_text(day.trim())?;
    let action = ix.actions.get(&fold(title.trim()))?;
    Some(BilanReceipt {
        action_id: action.id,
        received_on,
    })
}
