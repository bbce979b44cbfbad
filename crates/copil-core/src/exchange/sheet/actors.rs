//! « Acteurs »: porteurs and partners, by name.

use super::{district_codes, record, text, Out, Selection, SheetSpec};
use crate::domain::{Actor, ActorKind, ActorLabel};
use crate::error::Result;
use crate::exchange::cell::{coded, Cell};
use crate::exchange::headers::{Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::list::TERMS;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

const NAME: Col = Col::new("name", "Nom", Text, 30.0)
    .mandatory()
    .with_aliases(&["Structure", "Acteur"]);
const KIND: Col = Col::new("kind", "Type", Text, 14.0);
const SIRET: Col = Col::new("siret", "SIRET", Text, 16.0);
const LABELS: Col = Col::new("labels", "Labels", Text, 24.0);
const DISTRICTS: Col = Col::new("district_ids", "QPV", Text, 16.0).with_aliases(&["Quartiers"]);
const CONTACT: Col = Col::new("contact", "Contact", Text, 28.0);

const COLUMNS: &[Col] = &[NAME, KIND, SIRET, LABELS, DISTRICTS, CONTACT];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Acteurs",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, _: Selection) -> Vec<Vec<Out>> {
    p.actors
        .iter()
        .map(|a| {
            record(
                COLUMNS,
                [
                    (NAME, text(&a.name)),
                    (KIND, text(a.kind.label())),
                    (SIRET, text(a.siret.as_deref().unwrap_or(""))),
                    (
                        LABELS,
                        text(&TERMS.join(a.labels.iter().map(|l| l.label()))),
                    ),
                    (DISTRICTS, district_codes(p, &a.district_ids)),
                    (CONTACT, text(&a.contact)),
                ],
            )
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let Some(name) = row.req(&NAME, Cell::text) else {
        return Ok(None);
    };
    if ix.duplicate(row, fold(&name), "même nom") {
        return Ok(None);
    }
    let old = ix.actors.get(&fold(&name)).cloned();
    let o = old.as_ref();
    let kind = row
        .opt(
            &KIND,
            o.map(|a| a.kind),
            coded(ActorKind::parse_loose, ActorKind::ALL, ActorKind::label),
        )
        .unwrap_or(ActorKind::Other);
    let siret = row
        .opt(&SIRET, o.and_then(|a| a.siret.clone()), Cell::text)
        .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect::<String>());
    let labels = match row.text(&LABELS) {
        None => o.map(|a| a.labels.clone()).unwrap_or_default(),
        Some(t) => {
            let mut out = Vec::new();
            for l in TERMS.split(&t) {
                match ActorLabel::parse_loose(&l) {
                    Some(v) => out.push(v),
                    None => row.err(&LABELS, format!("label « {l} » inconnu.")),
                }
            }
            out
        }
    };
    let district_ids = ix.district_ids(row, &DISTRICTS, o.map_or(&[], |a| &a.district_ids));
    let a = Actor {
        id: o.map_or(0, |a| a.id),
        name,
        kind,
        siret,
        labels,
        district_ids,
        contact: row.text_or(&CONTACT, o.map_or("", |a| &a.contact)),
    };
    row.issues(&a.validate());
    row.save(
        o,
        a,
        |a| store.save_actor(a),
        |a, id| {
            ix.actors.insert(fold(&a.name), Actor { id, ..a });
        },
    )
}
