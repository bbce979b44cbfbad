//! The collection round's workbooks (« campagne de bilans »): one per porteur, prefilled with
//! the porteur's actions, the values each action owes for the year (action, indicator, year,
//! QPV, with the year before as a reminder) and its funding; the round's due date in its
//! « Lisez-moi ». The porteur fills it in, sends it back, and `import_files` reads it.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::sheet::PorteurRows;
use super::template::write_workbook;
use crate::domain::{has_errors, CollectionRound, Id, Issue};
use crate::error::{CoreError, Result};
use crate::figures::{expected_values, ExpectedValue, Pillar};
use crate::text::fold;
use crate::Store;

/// What to collect: the round's year, its due date (to open the round or move it), where to
/// write the workbooks.
#[derive(Debug, Clone)]
pub struct CollectRequest {
    /// Year whose figures the bilans report.
    pub year: i32,
    /// Due date: opens the round, or changes an open round's; None keeps the open round's.
    pub due_date: Option<NaiveDate>,
    /// Folder the workbooks are written to (created if needed).
    pub dir: PathBuf,
    /// Replace workbooks of the same names already in the folder (else refused, nothing written).
    pub overwrite: bool,
}

/// One porteur's workbook, as written.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PorteurWorkbook {
    /// The porteur.
    pub porteur_id: Id,
    /// Its name.
    pub porteur: String,
    /// The file written.
    pub path: PathBuf,
    /// Titles of the actions whose bilans it asks for.
    pub actions: Vec<String>,
    /// Values it asks for.
    pub values_expected: u32,
    /// Of which already received (prefilled).
    pub values_received: u32,
}

/// What `collect` did: the round as saved, the workbooks written, and the actions no workbook asks.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Collection {
    /// The round (opened or updated).
    pub round: CollectionRound,
    /// One workbook per porteur, by porteur.
    pub workbooks: Vec<PorteurWorkbook>,
    /// Actions owing values but carried by no porteur: nobody to send a workbook to.
    pub without_porteur: Vec<String>,
    /// Actions active that year that list no indicator: nothing is asked of them.
    pub without_indicators: Vec<String>,
    /// Warnings on the round (a due date within the year…).
    pub warnings: Vec<Issue>,
}

/// Opens (or updates) the collection round of a year and writes one workbook per porteur into
/// a folder. Nothing is written when the round is refused or a workbook would replace a file
/// (unless `overwrite`); the round is saved once every workbook is written.
pub fn collect(store: &mut Store, request: &CollectRequest) -> Result<Collection> {
    let mut p = Pillar::load(store)?;
    let existing = p.rounds.iter().find(|r| r.year == request.year).cloned();
    let round = match (existing.clone(), request.due_date) {
        (Some(r), None) => r,
        (Some(r), Some(due)) => CollectionRound { due_date: due, ..r },
        (None, Some(due)) => CollectionRound {
            id: 0,
            year: request.year,
            due_date: due,
            comment: String::new(),
            receipts: vec![],
        },
        (None, None) => {
            return Err(CoreError::Invalid {
                entity: "Campagne de bilans",
                issues: vec![Issue::error(
                    "due_date",
                    format!(
                        "Aucune campagne de bilans n'est ouverte pour {} : indiquez la date limite de retour des bilans.",
                        request.year
                    ),
                )],
            })
        }
    };
    let issues = round.validate(p.contract.period());
    if has_errors(&issues) {
        return Err(CoreError::Invalid {
            entity: "Campagne de bilans",
            issues,
        });
    }
    let changed = existing.as_ref() != Some(&round);
    if changed && store.is_read_only() {
        return Err(CoreError::ReadOnly(store.path().to_path_buf()));
    }
    p.rounds.retain(|r| r.year != round.year);
    p.rounds.push(round.clone());

    let plan = plan(&p, request.year);
    let names = file_names(request.year, &plan.porteurs, &p);
    let paths: Vec<PathBuf> = names.iter().map(|n| request.dir.join(n)).collect();
    if !request.overwrite {
        if let Some(taken) = paths.iter().find(|path| path.exists()) {
            return Err(CoreError::AlreadyExists(taken.clone()));
        }
    }
    std::fs::create_dir_all(&request.dir).map_err(|source| CoreError::Io {
        path: request.dir.clone(),
        source,
    })?;
    let mut workbooks = Vec::with_capacity(plan.porteurs.len());
    for ((porteur_id, expected), path) in plan.porteurs.iter().zip(paths) {
        let Some(actor) = p.actors.iter().find(|a| a.id == *porteur_id) else {
            continue;
        };
        let rows = PorteurRows {
            actor,
            year: Some(request.year),
            expected,
        };
        write_workbook(&p, Some(rows), Some(&round), &path)?;
        let mut actions: Vec<String> = Vec::new();
        for e in expected {
            let title = p.actions.iter().find(|a| a.id == e.action_id);
            if let Some(t) = title.filter(|t| !actions.contains(&t.title)) {
                actions.push(t.title.clone());
            }
        }
        workbooks.push(PorteurWorkbook {
            porteur_id: *porteur_id,
            porteur: actor.name.clone(),
            path,
            actions,
            values_expected: expected.len() as u32,
            values_received: expected.iter().filter(|e| e.value.is_some()).count() as u32,
        });
    }
    let round = if changed {
        let id = store.save_collection_round(&round)?.id;
        CollectionRound { id, ..round }
    } else {
        round
    };
    Ok(Collection {
        round,
        workbooks,
        without_porteur: plan.without_porteur,
        without_indicators: plan.without_indicators,
        warnings: issues,
    })
}

/// The round's expected values grouped by porteur (in the porteurs' order), and the actions
/// left out.
struct Plan {
    porteurs: Vec<(Id, Vec<ExpectedValue>)>,
    without_porteur: Vec<String>,
    without_indicators: Vec<String>,
}

fn plan(p: &Pillar, year: i32) -> Plan {
    let porteur_of: HashMap<Id, Option<Id>> =
        p.actions.iter().map(|a| (a.id, a.porteur_id)).collect();
    let mut by_porteur: HashMap<Id, Vec<ExpectedValue>> = HashMap::new();
    let mut without_porteur: Vec<String> = Vec::new();
    let mut asked: Vec<Id> = Vec::new();
    for e in expected_values(p, year) {
        if !asked.contains(&e.action_id) {
            asked.push(e.action_id);
        }
        match porteur_of.get(&e.action_id).copied().flatten() {
            Some(porteur) => by_porteur.entry(porteur).or_default().push(e),
            None => {
                let title = p.actions.iter().find(|a| a.id == e.action_id);
                if let Some(a) = title.filter(|a| !without_porteur.contains(&a.title)) {
                    without_porteur.push(a.title.clone());
                }
            }
        }
    }
    let porteurs = p
        .actors
        .iter()
        .filter_map(|a| by_porteur.remove(&a.id).map(|e| (a.id, e)))
        .collect();
    let without_indicators = p
        .actions
        .iter()
        .filter(|a| a.is_active_in(year) && !asked.contains(&a.id))
        .map(|a| a.title.clone())
        .collect();
    Plan {
        porteurs,
        without_porteur,
        without_indicators,
    }
}

/// The file name of each porteur's workbook: « Bilan 2026 – <porteur>.xlsx », accents kept, the
/// characters no file system accepts replaced, distinct even where case is not.
fn file_names(year: i32, porteurs: &[(Id, Vec<ExpectedValue>)], p: &Pillar) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    porteurs
        .iter()
        .map(|(id, _)| {
            let name = p.actor_name(Some(*id));
            let stem = safe_stem(&name).unwrap_or_else(|| format!("porteur n° {id}"));
            let mut candidate = format!("Bilan {year} – {stem}.xlsx");
            let mut n = 2;
            while taken.contains(&fold(&candidate)) {
                candidate = format!("Bilan {year} – {stem} ({n}).xlsx");
                n += 1;
            }
            taken.push(fold(&candidate));
            candidate
        })
        .collect()
}

/// A name made safe for a file name on every system (None when nothing is left of it).
pub fn safe_stem(name: &str) -> Option<String> {
    let replaced: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let mut stem = replaced.split_whitespace().collect::<Vec<_>>().join(" ");
    if stem.chars().count() > 80 {
        stem = stem.chars().take(80).collect();
    }
    let stem = stem.trim_matches(|c: char| c == '.' || c == ' ' || c == '-');
    (!stem.is_empty()).then(|| stem.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn porteur_names_make_safe_file_names() {
        assert_eq!(
            safe_stem("Ville de Lens – CCAS").as_deref(),
            Some("Ville de Lens – CCAS")
        );
        assert_eq!(safe_stem("A/B : « C »?  ").as_deref(), Some("A-B - « C »"));
        assert_eq!(safe_stem(" ... ").as_deref(), None);
        assert_eq!(
            safe_stem("ligne\nsuivante\t").as_deref(),
            Some("ligne suivante")
        );
        let long = "é".repeat(200);
        assert_eq!(safe_stem(&long).unwrap().chars().count(), 80);
    }
}
