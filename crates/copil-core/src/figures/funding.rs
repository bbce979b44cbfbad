//! Funding totals by financeur × year, by theme, by QPV, by objective; CPO and compte-rendu financier schedules.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Pillar, Scope};
use crate::domain::{crf_due_date, Financeur, Funding, FundingScheme, Id};

/// Requested, granted and paid amounts, in euro cents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Amounts {
    /// Sollicité, of the lines where it is filled in.
    pub requested_cents: i64,
    /// Lines whose Sollicité is not filled in (counted apart, never as 0).
    pub requested_missing: u32,
    /// Attribué.
    pub granted_cents: i64,
    /// Versé.
    pub paid_cents: i64,
}

impl Amounts {
    fn add(&mut self, f: &Funding) {
        match f.requested_cents {
            Some(cents) => self.requested_cents += cents,
            None => self.requested_missing += 1,
        }
        self.granted_cents += f.granted_cents;
        self.paid_cents += f.paid_cents;
    }

    /// Sum of the amounts of some funding lines.
    pub fn of<'a>(lines: impl IntoIterator<Item = &'a Funding>) -> Amounts {
        let mut a = Amounts::default();
        lines.into_iter().for_each(|f| a.add(f));
        a
    }

    /// The requested amount as shown on screen and printed: what is not filled in is said.
    pub fn requested_text(&self) -> String {
        crate::format::requested_amount(self.requested_cents, self.requested_missing)
    }
}

/// One financeur's amounts, year by year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FinanceurRow {
    /// Financeur.
    pub financeur: Financeur,
    /// Amounts for each year of [`FundingByFinanceur::years`].
    pub per_year: Vec<Amounts>,
    /// All years.
    pub total: Amounts,
}

/// The financeur × year table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundingByFinanceur {
    /// Years (columns), those with at least one line.
    pub years: Vec<i32>,
    /// One row per financeur with at least one line, in the official order.
    pub rows: Vec<FinanceurRow>,
    /// Totals per year.
    pub year_totals: Vec<Amounts>,
    /// Grand total.
    pub total: Amounts,
}

/// Amounts attributed to one theme, QPV or objective (an action counts fully in each it belongs to).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundingShare {
    /// Theme, QPV or objective id; None for "not attached".
    pub id: Option<Id>,
    /// Label shown (theme name, QPV code and name, objective code and title).
    pub label: String,
    /// Number of actions.
    pub actions: usize,
    /// Amounts.
    pub amounts: Amounts,
}

/// A compte-rendu financier (CERFA 15059) due for a funding line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CrfItem {
    /// Funding line.
    pub funding_id: Id,
    /// Action title.
    pub action: String,
    /// Porteur name.
    pub porteur: String,
    /// Financeur.
    pub financeur: Financeur,
    /// Year funded.
    pub year: i32,
    /// Due date (30 June of the next year).
    pub due: NaiveDate,
    /// When received, if received.
    pub received_on: Option<NaiveDate>,
    /// Not received and past due.
    pub overdue: bool,
}

/// A convention pluriannuelle d'objectifs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CpoConvention {
    /// Action.
    pub action_id: Id,
    /// Action title.
    pub action: String,
    /// Porteur.
    pub porteur: String,
    /// Financeur.
    pub financeur: Financeur,
    /// First year.
    pub start_year: i32,
    /// Last year.
    pub end_year: i32,
    /// Granted over the convention.
    pub granted_cents: i64,
    /// Whether it ends in the scope's year or earlier (renewal to prepare).
    pub ends_soon: bool,
}

/// Funding lines in scope (restricted to actions in the scope's QPV, if any).
fn lines<'a>(p: &'a Pillar, scope: &'a Scope) -> impl Iterator<Item = &'a Funding> + 'a {
    let actions: Option<Vec<Id>> = scope
        .district_id
        .map(|_| p.actions_in(scope).map(|a| a.id).collect());
    p.fundings.iter().filter(move |f| {
        actions
            .as_ref()
            .is_none_or(|ids| ids.contains(&f.action_id))
    })
}

/// Requested / granted / paid by financeur and year.
pub fn funding_by_financeur_year(p: &Pillar, scope: &Scope) -> FundingByFinanceur {
    let mut cells: BTreeMap<(Financeur, i32), Amounts> = BTreeMap::new();
    for f in lines(p, scope) {
        cells.entry((f.financeur, f.year)).or_default().add(f);
    }
    let mut years: Vec<i32> = cells.keys().map(|(_, y)| *y).collect();
    years.sort_unstable();
    years.dedup();
    let mut rows = Vec::new();
    for &financeur in Financeur::ALL {
        if !cells.keys().any(|(f, _)| *f == financeur) {
            continue;
        }
        let per_year: Vec<Amounts> = years
            .iter()
            .map(|y| cells.get(&(financeur, *y)).copied().unwrap_or_default())
            .collect();
        let total = sum_amounts(per_year.iter());
        rows.push(FinanceurRow {
            financeur,
            per_year,
            total,
        });
    }
    let year_totals: Vec<Amounts> = (0..years.len())
        .map(|i| sum_amounts(rows.iter().map(|r: &FinanceurRow| &r.per_year[i])))
        .collect();
    let total = sum_amounts(year_totals.iter());
    FundingByFinanceur {
        years,
        rows,
        year_totals,
        total,
    }
}

fn sum_amounts<'a>(items: impl Iterator<Item = &'a Amounts>) -> Amounts {
    items.fold(Amounts::default(), |mut acc, a| {
        acc.requested_cents += a.requested_cents;
        acc.requested_missing += a.requested_missing;
        acc.granted_cents += a.granted_cents;
        acc.paid_cents += a.paid_cents;
        acc
    })
}

/// Shares of funding for groups of actions; `groups` yields (id, label, action ids).
fn shares(
    p: &Pillar,
    scope: &Scope,
    groups: Vec<(Option<Id>, String, Vec<Id>)>,
) -> Vec<FundingShare> {
    let in_scope: Vec<&Funding> = lines(p, scope).collect();
    groups
        .into_iter()
        .map(|(id, label, actions)| FundingShare {
            id,
            label,
            actions: actions.len(),
            amounts: Amounts::of(
                in_scope
                    .iter()
                    .copied()
                    .filter(|f| actions.contains(&f.action_id)),
            ),
        })
        .filter(|s| s.actions > 0 || s.id.is_some())
        .collect()
}

/// Funding by theme (actions linked to the theme).
pub fn funding_by_theme(p: &Pillar, scope: &Scope) -> Vec<FundingShare> {
    let mut groups: Vec<_> = p
        .themes
        .iter()
        .map(|t| {
            (
                Some(t.id),
                t.name.clone(),
                p.actions
                    .iter()
                    .filter(|a| a.theme_ids.contains(&t.id))
                    .map(|a| a.id)
                    .collect(),
            )
        })
        .collect();
    groups.push((
        None,
        "Sans thème".into(),
        p.actions
            .iter()
            .filter(|a| a.theme_ids.is_empty())
            .map(|a| a.id)
            .collect(),
    ));
    shares(p, scope, groups)
}

/// Funding by QPV (actions taking place in the QPV).
pub fn funding_by_district(p: &Pillar, scope: &Scope) -> Vec<FundingShare> {
    let mut groups: Vec<_> = p
        .districts
        .iter()
        .filter(|d| scope.district_id.is_none_or(|s| s == d.id))
        .map(|d| {
            (
                Some(d.id),
                format!("{} {}", d.code, d.name),
                p.actions
                    .iter()
                    .filter(|a| a.district_ids.contains(&d.id))
                    .map(|a| a.id)
                    .collect(),
            )
        })
        .collect();
    if scope.district_id.is_none() {
        groups.push((
            None,
            "Tout le territoire / sans quartier".into(),
            p.actions
                .iter()
                .filter(|a| a.district_ids.is_empty())
                .map(|a| a.id)
                .collect(),
        ));
    }
    shares(p, scope, groups)
}

/// Funding by objective (actions of the objective or of its sub-objectives).
pub fn funding_by_objective(p: &Pillar, scope: &Scope) -> Vec<FundingShare> {
    let groups = p
        .objective_tree()
        .into_iter()
        .map(|(o, _)| {
            let subtree = p.subtree(o.id);
            let actions = p
                .actions
                .iter()
                .filter(|a| a.objective_ids.iter().any(|id| subtree.contains(id)))
                .map(|a| a.id)
                .collect();
            (Some(o.id), format!("{} {}", o.code, o.title), actions)
        })
        .collect();
    shares(p, scope, groups)
}

/// Comptes-rendus financiers: every granted line whose report is due by the end of the scope year, overdue ones first.
pub fn crf_schedule(p: &Pillar, scope: &Scope) -> Vec<CrfItem> {
    let mut items: Vec<CrfItem> = lines(p, scope)
        .filter(|f| f.granted_cents > 0 && f.year < scope.today.year())
        .map(|f| {
            let action = p.actions.iter().find(|a| a.id == f.action_id);
            let due = crf_due_date(f.year);
            CrfItem {
                funding_id: f.id,
                action: action.map(|a| a.title.clone()).unwrap_or_default(),
                porteur: p.actor_name(action.and_then(|a| a.porteur_id)),
                financeur: f.financeur,
                year: f.year,
                due,
                received_on: f.crf_received_on,
                overdue: f.crf_received_on.is_none() && due < scope.today,
            }
        })
        .collect();
    // Overdue first, then by due date and action title (its collation key computed once).
    items.sort_by_cached_key(|c| {
        (
            std::cmp::Reverse(c.overdue),
            c.due,
            crate::text::collation_key(&c.action),
        )
    });
    items
}

/// CPOs, one per action and financeur, with their period and granted total.
pub fn cpo_conventions(p: &Pillar, scope: &Scope) -> Vec<CpoConvention> {
    let mut map: BTreeMap<(Id, Financeur, i32), i64> = BTreeMap::new();
    for f in lines(p, scope).filter(|f| f.scheme == FundingScheme::Cpo) {
        let start = f.cpo_start_year.unwrap_or(f.year);
        *map.entry((f.action_id, f.financeur, start)).or_default() += f.granted_cents;
    }
    map.into_iter()
        .map(|((action_id, financeur, start_year), granted_cents)| {
            let action = p.actions.iter().find(|a| a.id == action_id);
            CpoConvention {
                action_id,
                action: action.map(|a| a.title.clone()).unwrap_or_default(),
                porteur: p.actor_name(action.and_then(|a| a.porteur_id)),
                financeur,
                start_year,
                end_year: start_year + 2,
                granted_cents,
                ends_soon: start_year + 2 <= scope.year,
            }
        })
        .collect()
}

/// Every funding table of the Actions & financements screen and of the report, in one value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FundingTables {
    /// By financeur × year.
    pub by_financeur: FundingByFinanceur,
    /// By theme.
    pub by_theme: Vec<FundingShare>,
    /// By QPV.
    pub by_district: Vec<FundingShare>,
    /// By objective.
    pub by_objective: Vec<FundingShare>,
    /// Comptes-rendus financiers due.
    pub crf: Vec<CrfItem>,
    /// CPO conventions.
    pub cpo: Vec<CpoConvention>,
}

/// All funding tables for `scope`.
pub fn funding_tables(p: &Pillar, scope: &Scope) -> FundingTables {
    FundingTables {
        by_financeur: funding_by_financeur_year(p, scope),
        by_theme: funding_by_theme(p, scope),
        by_district: funding_by_district(p, scope),
        by_objective: funding_by_objective(p, scope),
        crf: crf_schedule(p, scope),
        cpo: cpo_conventions(p, scope),
    }
}
