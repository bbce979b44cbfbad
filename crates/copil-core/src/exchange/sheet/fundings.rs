//! « Financements »: one line per action, financeur and year, amounts in euros.

use super::{opt_date, record, text, year, Out, Selection, SheetSpec};
use crate::domain::{Financeur, Funding, FundingScheme};
use crate::error::Result;
use crate::exchange::cell::{coded, Cell};
use crate::exchange::headers::{Choices, Col, Kind::*};
use crate::exchange::index::Index;
use crate::exchange::row::{Outcome, Row};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

const ACTION: Col = Col::new("action_id", "Action", Text, 36.0)
    .mandatory()
    .with_choices(Choices::Actions);
const FINANCEUR: Col = Col::new("financeur", "Financeur", Text, 22.0)
    .mandatory()
    .with_choices(Choices::Financeurs);
const YEAR: Col = Col::new("year", "Année", Integer, 8.0).mandatory();
const REQUESTED: Col =
    Col::new("requested_cents", "Sollicité (€)", Euros, 14.0).with_aliases(&["Montant sollicité"]);
const GRANTED: Col =
    Col::new("granted_cents", "Attribué (€)", Euros, 14.0).with_aliases(&["Montant attribué"]);
const PAID: Col = Col::new("paid_cents", "Versé (€)", Euros, 14.0).with_aliases(&["Montant versé"]);
const SCHEME: Col =
    Col::new("scheme", "Dispositif", Text, 14.0).with_choices(Choices::FundingSchemes);
const CPO_START: Col = Col::new("cpo_start_year", "1re année de CPO", Integer, 10.0)
    .with_aliases(&["Première année de CPO"]);
const CRF_RECEIVED: Col = Col::new("crf_received_on", "CRF reçu le", Date, 12.0)
    .with_aliases(&["Compte-rendu financier reçu le"]);
const COMMENT: Col = Col::new("comment", "Commentaire", Text, 30.0);

const COLUMNS: &[Col] = &[
    ACTION,
    FINANCEUR,
    YEAR,
    REQUESTED,
    GRANTED,
    PAID,
    SCHEME,
    CPO_START,
    CRF_RECEIVED,
    COMMENT,
];

pub(super) const SPEC: SheetSpec = SheetSpec {
    name: "Financements",
    columns: COLUMNS,
    rows,
    import,
};

fn rows(p: &Pillar, selection: Selection) -> Vec<Vec<Out>> {
    p.fundings
        .iter()
        .filter_map(|f| {
            let action = p.actions.iter().find(|a| a.id == f.action_id);
            let title = match selection {
                Selection::All => action.map_or("", |a| a.title.as_str()),
                Selection::Porteur(_) => action
                    .filter(|a| selection.covers_action(a))?
                    .title
                    .as_str(),
            };
            Some(record(
                COLUMNS,
                [
                    (ACTION, text(title)),
                    (FINANCEUR, text(f.financeur.label())),
                    (YEAR, year(f.year)),
                    (
                        REQUESTED,
                        f.requested_cents.map(Out::Euros).unwrap_or(Out::Empty),
                    ),
                    (GRANTED, Out::Euros(f.granted_cents)),
                    (PAID, Out::Euros(f.paid_cents)),
                    (SCHEME, text(f.scheme.label())),
                    (CPO_START, f.cpo_start_year.map(year).unwrap_or(Out::Empty)),
                    (CRF_RECEIVED, opt_date(f.crf_received_on)),
                    (COMMENT, text(&f.comment)),
                ],
            ))
        })
        .collect()
}

fn import(ix: &mut Index, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
    let action = row.req(&ACTION, Cell::text).and_then(|t| {
        if ix.porteur.is_some() {
            return ix.own_action(row, &ACTION, &t).map(|a| a.id);
        }
        let found = ix.actions.get(&fold(&t)).map(|a| a.id);
        if found.is_none() {
            row.err(
                &ACTION,
                format!("action « {t} » inconnue (ajoutez-la dans la feuille Actions)."),
            );
        }
        found
    });
    let financeur = row.req(
        &FINANCEUR,
        coded(Financeur::parse_loose, Financeur::ALL, Financeur::label),
    );
    let year = row.req(&YEAR, Cell::year);
    let (Some(action_id), Some(financeur), Some(year)) = (action, financeur, year) else {
        return Ok(None);
    };
    let key = (action_id, financeur, year);
    if ix.duplicate(row, format!("{key:?}"), "même action, financeur et année") {
        return Ok(None);
    }
    let old = ix.fundings.get(&key).cloned();
    let o = old.as_ref();
    let f = Funding {
        id: o.map_or(0, |f| f.id),
        action_id,
        financeur,
        year,
        // An empty « Sollicité » is « non renseigné », not 0.
        requested_cents: row.opt(&REQUESTED, o.and_then(|f| f.requested_cents), Cell::cents),
        granted_cents: row
            .opt(&GRANTED, o.map(|f| f.granted_cents), Cell::cents)
            .unwrap_or(0),
        paid_cents: row
            .opt(&PAID, o.map(|f| f.paid_cents), Cell::cents)
            .unwrap_or(0),
        scheme: row
            .opt(
                &SCHEME,
                o.map(|f| f.scheme),
                coded(
                    FundingScheme::parse_loose,
                    FundingScheme::ALL,
                    FundingScheme::label,
                ),
            )
            .unwrap_or(FundingScheme::CallForProjects),
        cpo_start_year: row.opt(&CPO_START, o.and_then(|f| f.cpo_start_year), Cell::year),
        crf_received_on: row.opt(&CRF_RECEIVED, o.and_then(|f| f.crf_received_on), Cell::date),
        comment: row.text_or(&COMMENT, o.map_or("", |f| &f.comment)),
    };
    row.issues(&f.validate(ix.period));
    row.save(
        o,
        f,
        |f| store.save_funding(f),
        |f, id| {
            ix.fundings.insert(key, Funding { id, ..f });
        },
    )
}
