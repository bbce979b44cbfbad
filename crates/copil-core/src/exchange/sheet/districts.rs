//! « Quartiers »: the contract's QPVs, by code.

use super::{opt_num, record, text, Out, Selection, SheetSpec};
use crate::domain::District;
use crate::error::Result;
use crate::exchange::cell::Cell;
use crate::exchange::headers::{Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::list::CODES;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::Store;

const CODE: Col = Col::new("code", "Code QPV", Text, 12.0)
    .mandatory()
    .with_aliases(&["QPV", "Code", "code_qp"]);
const NAME: Col = Col::new("name", "Nom", Text, 30.0)
    .mandatory()
    .with_aliases(&["Quartier", "lib_qp"]);
const COMMUNES: Col = Col::new("communes", "Communes (INSEE)", Text, 18.0)
    .mandatory()
    .with_aliases(&["Communes", "insee_com"]);
const POPULATION: Col = Col::new("population", "Population", Integer, 12.0);
const IFN: Col =
    Col::new("ifn", "IFN", Number, 8.0).with_aliases(&["Indice de fragilité numérique"]);

const COLUMNS: &[Col] = &[CODE, NAME, COMMUNES, POPULATION, IFN];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Quartiers",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, _: Selection) -> Vec<Vec<Out>> {
    p.districts
        .iter()
        .map(|d| {
            record(
                COLUMNS,
                [
                    (CODE, text(&d.code)),
                    (NAME, text(&d.name)),
                    (COMMUNES, text(&CODES.join(&d.communes))),
                    (POPULATION, opt_num(d.population.map(|v| v as f64))),
                    (IFN, opt_num(d.ifn)),
                ],
            )
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let code = row.req(&CODE, Cell::text).map(|c| c.to_uppercase());
    let name = row.req(&NAME, Cell::text);
    let communes = row.req(&COMMUNES, |c| Ok(CODES.split(&c.as_text())));
    let (Some(code), Some(name), Some(communes)) = (code, name, communes) else {
        return Ok(None);
    };
    if ix.duplicate(row, code.clone(), "même code QPV") {
        return Ok(None);
    }
    let old = ix.districts.get(&code).cloned();
    let o = old.as_ref();
    let d = District {
        id: o.map_or(0, |d| d.id),
        code,
        name,
        communes,
        population: row.opt(&POPULATION, o.and_then(|d| d.population), Cell::integer),
        ifn: row.opt(&IFN, o.and_then(|d| d.ifn), Cell::number),
    };
    row.issues(&d.validate());
    row.save(
        o,
        d,
        |d| store.save_district(d),
        |d, id| {
            ix.districts.insert(d.code.clone(), District { id, ..d });
        },
    )
}
