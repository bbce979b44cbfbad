//! The sheet kinds Copil exchanges. Each kind is described once, in its own file: its name, its
//! columns, how its rows are written (export, template) and how they are read back (import).
//!
//! Rows are written and read by column ([`Col::field`]), never by position: adding a column is
//! one edit in one file (its `Col`, its place in `COLUMNS`, its value in `rows` and in `import`).
//! A debug assertion checks that `rows` gives every column a value, and a test that `import`
//! reads every column back.

mod actions;
mod actors;
mod decisions;
mod districts;
mod fundings;
mod indicators;
mod measurements;
mod meetings;
mod objectives;
mod rounds;

use chrono::NaiveDate;

use super::cell::Cell;
use super::headers::{map_headers, Col};
use super::index::Index;
use super::list::{CODES, NAMES, TERMS};
use super::row::{Outcome, Row};
use crate::domain::{Action, Actor, Id};
use crate::error::Result;
use crate::figures::{ExpectedValue, Pillar};
use crate::text::fold;
use crate::Store;

/// A kind of sheet, in import order (references first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SheetKind {
    /// QPVs.
    Districts,
    /// Actors (porteurs, partners).
    Actors,
    /// Objective tree.
    Objectives,
    /// Indicators with targets.
    Indicators,
    /// Actions with status, météo and the indicators they report on.
    Actions,
    /// Indicator values by year and QPV, for the territory or one action (before: its action).
    Measurements,
    /// Collection rounds (« campagnes de bilans ») and the bilans marked received by hand.
    Rounds,
    /// Funding lines.
    Fundings,
    /// Meetings.
    Meetings,
    /// Decisions.
    Decisions,
}

/// Everything Copil knows about one sheet kind.
pub(crate) struct SheetSpec {
    /// French sheet name (also the CSV file stem).
    pub name: &'static str,
    /// Columns, in the order exports and templates write them.
    pub columns: &'static [Col],
    /// The rows of the records selected, in `columns` order (without the header).
    pub rows: fn(&Pillar, Selection) -> Vec<Vec<Out>>,
    /// Reads one row and saves its record (unless the row has problems or changes nothing).
    pub import: fn(&mut Index, &mut Store, &mut Row) -> Result<Option<Outcome>>,
}

impl SheetKind {
    /// Every kind, in import order.
    pub const ALL: [SheetKind; 10] = [
        SheetKind::Districts,
        SheetKind::Actors,
        SheetKind::Objectives,
        SheetKind::Indicators,
        SheetKind::Actions,
        SheetKind::Measurements,
        SheetKind::Rounds,
        SheetKind::Fundings,
        SheetKind::Meetings,
        SheetKind::Decisions,
    ];

    /// The description of the kind.
    pub(crate) fn spec(self) -> &'static SheetSpec {
        match self {
            SheetKind::Districts => &districts::SPEC,
            SheetKind::Actors => &actors::SPEC,
            SheetKind::Objectives => &objectives::SPEC,
            SheetKind::Indicators => &indicators::SPEC,
            SheetKind::Measurements => &measurements::SPEC,
            SheetKind::Rounds => &rounds::SPEC,
            SheetKind::Actions => &actions::SPEC,
            SheetKind::Fundings => &fundings::SPEC,
            SheetKind::Meetings => &meetings::SPEC,
            SheetKind::Decisions => &decisions::SPEC,
        }
    }

    /// French sheet name (also the CSV file stem).
    pub fn sheet_name(self) -> &'static str {
        self.spec().name
    }

    /// Columns of the sheet.
    pub fn columns(self) -> &'static [Col] {
        self.spec().columns
    }

    /// Recognises a sheet by its name, else by its headers (all required columns present).
    pub fn detect(name: &str, header: &[Cell]) -> Option<SheetKind> {
        let key = fold(name);
        if let Some(k) = SheetKind::ALL
            .into_iter()
            .find(|k| fold(k.sheet_name()) == key)
        {
            return Some(k);
        }
        // Most specific first: the kind with the most required columns all present.
        SheetKind::ALL
            .into_iter()
            .filter(|k| {
                let m = map_headers(header, k.columns());
                k.columns()
                    .iter()
                    .zip(&m.index)
                    .all(|(c, i)| !c.required || i.is_some())
            })
            .max_by_key(|k| k.columns().iter().filter(|c| c.required).count())
    }
}

/// Whose records a sheet's rows hold.
///
/// The sheets a porteur fills in (values, actions, funding, decisions) keep the porteur's own
/// records; the reference sheets (QPVs, actors, objectives, indicators, meetings) list everything.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Selection<'a> {
    /// Every record of the contract (the export).
    All,
    /// What one porteur reports on (the template prefilled for that porteur).
    Porteur(PorteurRows<'a>),
}

/// One porteur's workbook: the porteur, and for a collection round the values its bilan owes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PorteurRows<'a> {
    /// The porteur.
    pub actor: &'a Actor,
    /// Year of the round the workbook collects, if any.
    pub year: Option<i32>,
    /// The values the round expects from the porteur's actions (empty without a round).
    pub expected: &'a [ExpectedValue],
}

impl Selection<'_> {
    /// Whether the action is selected: all of them, or those the porteur carries.
    fn covers_action(self, action: &Action) -> bool {
        match self {
            Selection::All => true,
            Selection::Porteur(p) => action.porteur_id == Some(p.actor.id),
        }
    }

    /// Whether a record owned by `owner` (a free-text name) is selected.
    fn covers_owner(self, owner: &str) -> bool {
        match self {
            Selection::All => true,
            Selection::Porteur(p) => fold(owner) == fold(&p.actor.name),
        }
    }
}

/// A typed cell to write.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Out {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// A date.
    Date(NaiveDate),
    /// Euros, in cents.
    Euros(i64),
}

/// A row in `cols` order, from a value for each column given by column.
fn record<const N: usize>(cols: &[Col], values: [(Col, Out); N]) -> Vec<Out> {
    let mut out = vec![Out::Empty; cols.len()];
    let mut given = vec![false; cols.len()];
    for (col, value) in values {
        let i = col.position_in(cols);
        debug_assert!(!given[i], "column « {} » given twice", col.field);
        given[i] = true;
        out[i] = value;
    }
    debug_assert!(
        given.iter().all(|g| *g),
        "every column of the sheet gets a value"
    );
    out
}

fn text(s: &str) -> Out {
    if s.is_empty() {
        Out::Empty
    } else {
        Out::Text(s.to_string())
    }
}

fn opt_date(d: Option<NaiveDate>) -> Out {
    d.map(Out::Date).unwrap_or(Out::Empty)
}

fn opt_num(v: Option<f64>) -> Out {
    v.map(Out::Number).unwrap_or(Out::Empty)
}

fn year(y: i32) -> Out {
    Out::Number(f64::from(y))
}

fn yes_no(b: bool) -> Out {
    text(if b { "Oui" } else { "Non" })
}

/// The codes of these QPVs, in one cell.
fn district_codes(p: &Pillar, ids: &[Id]) -> Out {
    text(&CODES.join(ids.iter().map(|&id| p.district_code(id))))
}

/// The references of these objectives, in one cell.
fn objective_codes(p: &Pillar, ids: &[Id]) -> Out {
    text(
        &TERMS.join(
            ids.iter()
                .filter_map(|id| p.objectives.iter().find(|o| o.id == *id))
                .map(|o| o.code.as_str()),
        ),
    )
}

/// The names of these indicators, in one cell.
fn indicator_names(p: &Pillar, ids: &[Id]) -> Out {
    text(
        &NAMES.join(
            ids.iter()
                .filter_map(|id| p.indicators.iter().find(|i| i.id == *id))
                .map(|i| i.name.as_str()),
        ),
    )
}

/// The names of these themes, in one cell.
fn theme_names(p: &Pillar, ids: &[Id]) -> Out {
    text(
        &NAMES.join(
            ids.iter()
                .filter_map(|id| p.themes.iter().find(|t| t.id == *id))
                .map(|t| t.name.as_str()),
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_has_distinct_fields_and_headers() {
        for kind in SheetKind::ALL {
            let cols = kind.columns();
            for (i, c) in cols.iter().enumerate() {
                assert_eq!(
                    c.position_in(cols),
                    i,
                    "{} : {}",
                    kind.sheet_name(),
                    c.field
                );
                assert!(
                    cols[..i].iter().all(|x| x.header != c.header),
                    "{} : {}",
                    kind.sheet_name(),
                    c.header
                );
            }
        }
    }
}
