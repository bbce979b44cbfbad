//! The contract indexed by the natural keys a spreadsheet uses (QPV code, folded names, dates),
//! kept up to date as an import saves rows, so that a later row finds an earlier one.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use super::headers::Col;
use super::list::{ListStyle, CODES, NAMES, TERMS};
use super::row::Row;
use crate::domain::{
    Action, Actor, CollectionRound, Decision, District, Financeur, Funding, Id, Indicator,
    Measurement, Meeting, Objective, Period,
};
use crate::error::Result;
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

/// What the file holds, indexed by natural keys; updated as rows are saved.
pub(crate) struct Index {
    /// The contract's period (for the validation of dated records).
    pub period: Period,
    /// QPVs by code.
    pub districts: HashMap<String, District>,
    /// Actors by folded name.
    pub actors: HashMap<String, Actor>,
    /// Objectives by folded reference.
    pub objectives: HashMap<String, Objective>,
    /// Theme ids by folded name.
    pub themes: HashMap<String, Id>,
    /// Indicators by folded name.
    pub indicators: HashMap<String, Indicator>,
    /// Values by indicator, year, QPV and action (None: the territory-level value).
    pub measurements: HashMap<MeasurementKey, Measurement>,
    /// Actions by folded title.
    pub actions: HashMap<String, Action>,
    /// Funding lines by action, financeur and year.
    pub fundings: HashMap<(Id, Financeur, i32), Funding>,
    /// Meetings (found by date, or by date and folded title).
    pub meetings: Vec<Meeting>,
    /// Decisions by meeting and folded text.
    pub decisions: HashMap<(Id, String), Decision>,
    /// Collection rounds by year.
    pub rounds: HashMap<i32, CollectionRound>,
    /// The porteur whose workbook is read (named in its « Lisez-moi »): its rows may only
    /// touch that porteur's actions, funding and decisions.
    pub porteur: Option<Actor>,
    /// The day the workbook's new contributions count as received (« reçu le »).
    pub received_on: NaiveDate,
    /// Value rows read for each action and year (what the workbook's bilans cover).
    pub covered: BTreeMap<(Id, i32), u32>,
    /// Natural keys met in the current sheet, with their row.
    seen: HashMap<String, usize>,
}

/// The natural key of a value: indicator, year, QPV, action.
pub(crate) type MeasurementKey = (Id, i32, Option<Id>, Option<Id>);

impl Index {
    /// Indexes what the contract holds.
    pub fn load(store: &Store) -> Result<Index> {
        let p = Pillar::load(store)?;
        Ok(Index {
            period: p.contract.period(),
            districts: p
                .districts
                .into_iter()
                .map(|d| (d.code.clone(), d))
                .collect(),
            actors: p.actors.into_iter().map(|a| (fold(&a.name), a)).collect(),
            objectives: p
                .objectives
                .into_iter()
                .map(|o| (fold(&o.code), o))
                .collect(),
            themes: p
                .themes
                .into_iter()
                .map(|t| (fold(&t.name), t.id))
                .collect(),
            indicators: p
                .indicators
                .into_iter()
                .map(|i| (fold(&i.name), i))
                .collect(),
            measurements: p
                .measurements
                .into_iter()
                .map(|m| ((m.indicator_id, m.year, m.district_id, m.action_id), m))
                .collect(),
            actions: p.actions.into_iter().map(|a| (fold(&a.title), a)).collect(),
            fundings: p
                .fundings
                .into_iter()
                .map(|f| ((f.action_id, f.financeur, f.year), f))
                .collect(),
            meetings: p.meetings,
            decisions: p
                .decisions
                .into_iter()
                .map(|d| ((d.meeting_id, fold(&d.text)), d))
                .collect(),
            rounds: p.rounds.into_iter().map(|r| (r.year, r)).collect(),
            porteur: None,
            received_on: chrono::Local::now().date_naive(),
            covered: BTreeMap::new(),
            seen: HashMap::new(),
        })
    }

    /// The action of a title, or a problem in `col`; in a porteur's workbook, only its own.
    pub fn own_action(&self, row: &mut Row, col: &Col, title: &str) -> Option<Action> {
        let Some(action) = self.actions.get(&fold(title)) else {
            row.err(
                col,
                format!("action « {title} » inconnue dans ce contrat (voir la liste déroulante)."),
            );
            return None;
        };
        if let Some(p) = &self.porteur {
            if action.porteur_id != Some(p.id) {
                let carrier = self
                    .actors
                    .values()
                    .find(|a| Some(a.id) == action.porteur_id)
                    .map(|a| format!("portée par « {} »", a.name))
                    .unwrap_or_else(|| "sans porteur".into());
                row.err(
                    col,
                    format!(
                        "l'action « {title} » est {carrier} : ce classeur de « {} » ne renseigne que ses propres actions.",
                        p.name
                    ),
                );
                return None;
            }
        }
        Some(action.clone())
    }

    /// The indicators listed by name in `col` (`old` when the column is absent).
    pub fn indicator_ids(&self, row: &mut Row, col: &Col, old: &[Id]) -> Vec<Id> {
        self.ids(row, col, old, NAMES, |name| {
            self.indicators
                .get(&fold(name))
                .map(|i| i.id)
                .ok_or_else(|| format!("indicateur « {name} » inconnu dans ce contrat."))
        })
    }

    /// Forgets the keys met so far: a new sheet starts.
    pub fn start_sheet(&mut self) {
        self.seen.clear();
    }

    /// Refuses a second row with the same natural key in one sheet.
    pub fn duplicate(&mut self, row: &mut Row, key: String, what: &str) -> bool {
        match self.seen.get(&key) {
            Some(first) => {
                row.row_err(format!(
                    "doublon de la ligne {first} ({what}) : gardez une seule ligne."
                ));
                true
            }
            None => {
                self.seen.insert(key, row.line());
                false
            }
        }
    }

    /// The QPV of a code, or a problem in `col`.
    pub fn district(&self, row: &mut Row, col: &Col, code: &str) -> Option<Id> {
        let found = self.districts.get(&code.to_uppercase()).map(|d| d.id);
        if found.is_none() {
            row.err(col, format!("QPV « {code} » inconnu dans ce contrat."));
        }
        found
    }

    /// The QPVs listed in `col` (`old` when the column is absent).
    pub fn district_ids(&self, row: &mut Row, col: &Col, old: &[Id]) -> Vec<Id> {
        self.ids(row, col, old, CODES, |code| {
            self.districts
                .get(&code.to_uppercase())
                .map(|d| d.id)
                .ok_or_else(|| format!("QPV « {code} » inconnu dans ce contrat."))
        })
    }

    /// The objectives listed by reference in `col` (`old` when the column is absent).
    pub fn objective_ids(&self, row: &mut Row, col: &Col, old: &[Id]) -> Vec<Id> {
        self.ids(row, col, old, TERMS, |code| {
            self.objectives
                .get(&fold(code))
                .map(|o| o.id)
                .ok_or_else(|| format!("objectif « {code} » inconnu."))
        })
    }

    /// The themes listed by name in `col` (`old` when the column is absent).
    pub fn theme_ids(&self, row: &mut Row, col: &Col, old: &[Id]) -> Vec<Id> {
        self.ids(row, col, old, NAMES, |name| {
            self.themes
                .get(&fold(name))
                .copied()
                .ok_or_else(|| format!("thème « {name} » inconnu."))
        })
    }

    /// Resolves each entry of a list cell, reporting the unknown ones; sorted, without repeats.
    fn ids(
        &self,
        row: &mut Row,
        col: &Col,
        old: &[Id],
        list: ListStyle,
        find: impl Fn(&str) -> std::result::Result<Id, String>,
    ) -> Vec<Id> {
        let Some(text) = row.text(col) else {
            return old.to_vec();
        };
        let mut ids = Vec::new();
        for entry in list.split(&text) {
            match find(&entry) {
                Ok(id) => ids.push(id),
                Err(message) => row.err(col, message),
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}
