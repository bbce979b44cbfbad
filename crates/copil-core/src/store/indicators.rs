//! Storing indicators, their targets and their values.

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::contract::{duplicate_error, invalid_error};
use super::rows::{links_by_owner, replace_links, upsert};
use super::{Saved, Store};
use crate::domain::{has_errors, Id, Indicator, Issue, Measurement, Target};
use crate::error::{CoreError, Result, SqlContext};
use crate::text::collation_key;

impl Store {
    /// Every indicator with targets and objectives, by name in French order ([`collation_key`]).
    pub fn indicators(&self) -> Result<Vec<Indicator>> {
        self.load_indicators(None)
    }

    /// Indicators (all, or only `only`) with their targets and objectives, in three queries.
    fn load_indicators(&self, only: Option<Id>) -> Result<Vec<Indicator>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, unit, direction, kind, baseline_value, baseline_date, source, by_district FROM indicator \
                 WHERE ?1 IS NULL OR id = ?1 ORDER BY id",
            )
            .ctx("lecture des indicateurs")?;
        let mut out: Vec<Indicator> = stmt
            .query_map([only], |r| {
                Ok(Indicator {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    unit: r.get(2)?,
                    direction: r.get(3)?,
                    kind: r.get(4)?,
                    baseline_value: r.get(5)?,
                    baseline_date: r.get(6)?,
                    source: r.get(7)?,
                    by_district: r.get(8)?,
                    targets: vec![],
                    objective_ids: vec![],
                })
            })
            .ctx("lecture des indicateurs")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des indicateurs")?;
        let mut targets: HashMap<Id, Vec<Target>> = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT indicator_id, year, value FROM indicator_target WHERE ?1 IS NULL OR indicator_id = ?1 \
                 ORDER BY indicator_id, year",
            )
            .ctx("lecture des cibles")?;
        let rows = stmt
            .query_map([only], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    Target {
                        year: r.get(1)?,
                        value: r.get(2)?,
                    },
                ))
            })
            .ctx("lecture des cibles")?;
        for row in rows {
            let (id, target) = row.ctx("lecture des cibles")?;
            targets.entry(id).or_default().push(target);
        }
        let mut objectives = links_by_owner(
            &self.conn,
            "indicator_objective",
            "indicator_id",
            "objective_id",
            only,
        )?;
        for ind in &mut out {
            ind.targets = targets.remove(&ind.id).unwrap_or_default();
            ind.objective_ids = objectives.remove(&ind.id).unwrap_or_default();
        }
        out.sort_by_cached_key(|i| (collation_key(&i.name), i.id));
        Ok(out)
    }

    /// One indicator.
    pub fn indicator(&self, id: Id) -> Result<Indicator> {
        self.load_indicators(Some(id))?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or(CoreError::Missing {
                entity: "Indicateur",
                id,
            })
    }

    /// Everything [`Store::save_indicator`] checks before writing: its rules within the contract period.
    pub fn check_indicator(&self, ind: &Indicator) -> Result<Vec<Issue>> {
        Ok(ind.validate(self.period()?))
    }

    /// Adds or updates an indicator with its targets and objectives.
    pub fn save_indicator(&mut self, ind: &Indicator) -> Result<Saved> {
        let issues = self.check_indicator(ind)?;
        if has_errors(&issues) {
            return Err(invalid_error("Indicateur", issues));
        }
        self.edit(if ind.id == 0 { "create" } else { "update" }, "indicator", &ind.name, |tx| {
            let values = params![
                ind.name,
                ind.unit,
                ind.direction,
                ind.kind,
                ind.baseline_value,
                ind.baseline_date,
                ind.source,
                ind.by_district,
                ind.id
            ];
            let id = upsert(
                tx,
                ind.id,
                "Indicateur",
                || {
                    tx.execute(
                        "INSERT INTO indicator (id, name, unit, direction, kind, baseline_value, baseline_date, source, by_district) \
                         VALUES (nullif(?9, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        values,
                    )
                },
                || {
                    tx.execute(
                        "UPDATE indicator SET name = ?1, unit = ?2, direction = ?3, kind = ?4, baseline_value = ?5, \
                         baseline_date = ?6, source = ?7, by_district = ?8 WHERE id = ?9",
                        values,
                    )
                },
            )
            .map_err(|e| duplicate_error(e, "Indicateur", "name", format!("L'indicateur « {} » existe déjà.", ind.name)))?;
            tx.execute("DELETE FROM indicator_target WHERE indicator_id = ?1", [id]).ctx("écriture des cibles")?;
            for t in &ind.targets {
                tx.execute("INSERT INTO indicator_target (indicator_id, year, value) VALUES (?1, ?2, ?3)", params![id, t.year, t.value])
                    .ctx("écriture des cibles")?;
            }
            replace_links(tx, "indicator_objective", "indicator_id", "objective_id", id, &ind.objective_ids)?;
            Ok((Saved { id, warnings: issues }, Some(id)))
        })
    }

    /// Sets (or, with `None`, removes) an indicator's target for one year and saves the indicator
    /// with the same checks as [`Store::save_indicator`]: the Indicateurs grid edits one cell.
    pub fn set_target(&mut self, indicator: Id, year: i32, value: Option<f64>) -> Result<Saved> {
        let mut ind = self.indicator(indicator)?;
        ind.targets.retain(|t| t.year != year);
        if let Some(value) = value {
            ind.targets.push(Target { year, value });
        }
        ind.targets.sort_by_key(|t| t.year);
        self.save_indicator(&ind)
    }

    /// Deletes an indicator with its targets and values.
    pub fn delete_indicator(&mut self, id: Id) -> Result<()> {
        self.delete("indicator", "Indicateur", id)
    }

    /// Values of one indicator (all years, all QPVs, all actions), by year, QPV then action.
    pub fn measurements(&self, indicator_id: Id) -> Result<Vec<Measurement>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {MEASUREMENT_COLUMNS} FROM measurement WHERE indicator_id = ?1 \
                 ORDER BY year, district_id, action_id"
            ))
            .ctx("lecture des valeurs")?;
        let rows = stmt
            .query_map([indicator_id], measurement_row)
            .ctx("lecture des valeurs")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture des valeurs")
    }

    /// Every value of every indicator (for the figures and exports).
    pub fn all_measurements(&self) -> Result<Vec<Measurement>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {MEASUREMENT_COLUMNS} FROM measurement"))
            .ctx("lecture des valeurs")?;
        let rows = stmt
            .query_map([], measurement_row)
            .ctx("lecture des valeurs")?;
        let mut out: Vec<Measurement> = rows
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des valeurs")?;
        // Sorted here rather than by `ORDER BY`, for which SQLite builds a temporary B-tree
        // (no index covers the four columns); the key is unique, as `measurement_key` is.
        out.sort_unstable_by_key(|m| (m.indicator_id, m.year, m.district_id, m.action_id));
        Ok(out)
    }

    /// Everything [`Store::save_measurement`] checks before writing: the indicator's unit, the
    /// contract period, whether the indicator is followed by QPV, the action that reports it.
    /// `Missing` for an unknown indicator.
    pub fn check_measurement(&self, m: &Measurement) -> Result<Vec<Issue>> {
        let ind = self.indicator(m.indicator_id)?;
        Ok(self.measurement_issues(&ind, m)?.0)
    }

    /// The findings on a value and the title of the action that reports it, if any.
    fn measurement_issues(
        &self,
        ind: &Indicator,
        m: &Measurement,
    ) -> Result<(Vec<Issue>, Option<String>)> {
        let mut issues = m.validate(ind.unit, self.period()?);
        if m.district_id.is_some() && !ind.by_district {
            issues.push(Issue::warning(
                "district_id",
                "Cet indicateur n'est pas suivi par quartier.",
            ));
        }
        let action = match m.action_id {
            Some(id) => {
                let found = self.action_summary(id)?;
                match &found {
                    None => issues.push(Issue::error(
                        "action_id",
                        format!("L'action n° {id} n'existe pas."),
                    )),
                    Some((title, reported)) if !reported.contains(&ind.id) => {
                        issues.push(Issue::warning(
                            "action_id",
                            format!(
                                "L'action « {title} » ne compte pas « {} » parmi les indicateurs qu'elle renseigne.",
                                ind.name
                            ),
                        ))
                    }
                    Some(_) => {}
                }
                found.map(|(title, _)| title)
            }
            None => None,
        };
        Ok((issues, action))
    }

    /// Records a value; a value for the same indicator, year, QPV and action is replaced.
    ///
    /// A contribution (a value with an action) saved without its « reçu le » is recorded as
    /// received today. Two actions never replace each other's values.
    pub fn save_measurement(&mut self, m: &Measurement) -> Result<Saved> {
        let ind = self.indicator(m.indicator_id)?;
        let (issues, action) = self.measurement_issues(&ind, m)?;
        if has_errors(&issues) {
            return Err(invalid_error("Valeur", issues));
        }
        let mut m = m.clone();
        if m.action_id.is_some() && m.received_on.is_none() {
            m.received_on = Some(chrono::Local::now().date_naive());
        }
        let m = &m;
        let summary = match &action {
            Some(title) => format!("{} {} = {} (action « {title} »)", ind.name, m.year, m.value),
            None => format!("{} {} = {}", ind.name, m.year, m.value),
        };
        self.edit("record", "measurement", &summary, |tx| {
            let existing: Option<Id> = tx
                .query_row(
                    "SELECT id FROM measurement WHERE indicator_id = ?1 AND year = ?2 AND ifnull(district_id, 0) = ifnull(?3, 0) \
                     AND ifnull(action_id, 0) = ifnull(?4, 0)",
                    params![m.indicator_id, m.year, m.district_id, m.action_id],
                    |r| r.get(0),
                )
                .map(Some)
                .or_else(|e| if matches!(e, rusqlite::Error::QueryReturnedNoRows) { Ok(None) } else { Err(e) })
                .ctx("lecture des valeurs")?;
            let id = if m.id != 0 { m.id } else { existing.unwrap_or(0) };
            let values = params![
                m.indicator_id,
                m.year,
                m.date,
                m.district_id,
                m.value,
                m.source,
                m.comment,
                id,
                m.action_id,
                m.base,
                m.received_on
            ];
            let id = upsert(
                tx,
                id,
                "Valeur",
                || {
                    tx.execute(
                        "INSERT INTO measurement (id, indicator_id, year, date, district_id, value, source, comment, action_id, base, received_on) \
                         VALUES (nullif(?8, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?9, ?10, ?11)",
                        values,
                    )
                },
                || {
                    tx.execute(
                        "UPDATE measurement SET indicator_id = ?1, year = ?2, date = ?3, district_id = ?4, value = ?5, source = ?6, comment = ?7, \
                         action_id = ?9, base = ?10, received_on = ?11 WHERE id = ?8",
                        values,
                    )
                },
            )
            .map_err(|e| {
                let whose = action.as_ref().map(|t| format!(" pour l'action « {t} »")).unwrap_or_default();
                duplicate_error(e, "Valeur", "year", format!("Une valeur existe déjà pour {} en {}{whose}.", ind.name, m.year))
            })?;
            Ok((Saved { id, warnings: issues }, Some(id)))
        })
    }

    /// Replaces the contributions of one action for one year by `values` (its bilan), in one
    /// transaction: values of other actions and territory-level values are never touched.
    ///
    /// Every value must carry `action_id` and `year`; an identical value is left as it is (and
    /// keeps its « reçu le »), so replacing a bilan by itself changes nothing.
    pub fn replace_bilan(
        &mut self,
        action_id: Id,
        year: i32,
        values: &[Measurement],
    ) -> Result<BilanReplaced> {
        let Some((title, _)) = self.action_summary(action_id)? else {
            return Err(CoreError::Missing {
                entity: "Action",
                id: action_id,
            });
        };
        let mut issues = Vec::new();
        for (n, v) in values.iter().enumerate() {
            if values[..n]
                .iter()
                .any(|o| o.indicator_id == v.indicator_id && o.district_id == v.district_id)
            {
                issues.push(Issue::error(
                    "indicator_id",
                    format!(
                        "La valeur n° {} répète un indicateur et un quartier déjà présents dans ce bilan.",
                        n + 1
                    ),
                ));
            }
            if v.action_id != Some(action_id) || v.year != year {
                issues.push(Issue::error(
                    "action_id",
                    format!(
                        "La valeur n° {} n'appartient pas au bilan {year} de l'action « {title} ».",
                        n + 1
                    ),
                ));
            }
        }
        if has_errors(&issues) {
            return Err(invalid_error("Bilan", issues));
        }
        let before = self.bilan_values(action_id, year)?;
        let summary = format!("bilan {year} de l'action « {title} »");
        self.import_batch("bilan", &summary, |s| {
            let mut out = BilanReplaced::default();
            let mut kept = Vec::new();
            for v in values {
                let old = before
                    .iter()
                    .find(|b| b.indicator_id == v.indicator_id && b.district_id == v.district_id);
                match old {
                    Some(o) if same_value(o, v) => {
                        out.unchanged += 1;
                        kept.push(o.id);
                    }
                    Some(o) => {
                        let id = s
                            .save_measurement(&Measurement {
                                id: o.id,
                                ..v.clone()
                            })?
                            .id;
                        out.updated += 1;
                        kept.push(id);
                    }
                    None => {
                        let id = s.save_measurement(&Measurement { id: 0, ..v.clone() })?.id;
                        out.created += 1;
                        kept.push(id);
                    }
                }
            }
            for old in before.iter().filter(|b| !kept.contains(&b.id)) {
                s.delete_measurement(old.id)?;
                out.deleted += 1;
            }
            Ok(out)
        })
    }

    /// The contributions of one action for one year (its bilan as recorded).
    pub fn bilan_values(&self, action_id: Id, year: i32) -> Result<Vec<Measurement>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {MEASUREMENT_COLUMNS} FROM measurement WHERE action_id = ?1 AND year = ?2 \
                 ORDER BY indicator_id, district_id"
            ))
            .ctx("lecture du bilan")?;
        let rows = stmt
            .query_map(params![action_id, year], measurement_row)
            .ctx("lecture du bilan")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture du bilan")
    }

    /// Deletes a value.
    pub fn delete_measurement(&mut self, id: Id) -> Result<()> {
        self.delete("measurement", "Valeur", id)
    }

    /// Title and reported indicators of an action, or None when it does not exist.
    fn action_summary(&self, id: Id) -> Result<Option<(String, Vec<Id>)>> {
        let title: Option<String> = self
            .conn
            .query_row("SELECT title FROM action WHERE id = ?1", [id], |r| r.get(0))
            .map(Some)
            .or_else(|e| {
                if matches!(e, rusqlite::Error::QueryReturnedNoRows) {
                    Ok(None)
                } else {
                    Err(e)
                }
            })
            .ctx("lecture des actions")?;
        let Some(title) = title else {
            return Ok(None);
        };
        let reported = super::rows::links(
            &self.conn,
            "action_indicator",
            "action_id",
            "indicator_id",
            id,
        )?;
        Ok(Some((title, reported)))
    }
}

/// What [`Store::replace_bilan`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BilanReplaced {
    /// Values added.
    pub created: u32,
    /// Values changed.
    pub updated: u32,
    /// Values of the action's previous bilan that the new one no longer holds.
    pub deleted: u32,
    /// Values identical to those already recorded.
    pub unchanged: u32,
}

/// Whether a new contribution says the same as the recorded one (its « reçu le » aside when absent).
fn same_value(old: &Measurement, new: &Measurement) -> bool {
    old.value == new.value
        && old.base == new.base
        && old.date == new.date
        && old.source == new.source
        && old.comment == new.comment
        && new.received_on.is_none_or(|d| old.received_on == Some(d))
}

const MEASUREMENT_COLUMNS: &str =
    "id, indicator_id, year, date, district_id, value, source, comment, action_id, base, received_on";

fn measurement_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Measurement> {
    Ok(Measurement {
        id: r.get(0)?,
        indicator_id: r.get(1)?,
        year: r.get(2)?,
        date: r.get(3)?,
        district_id: r.get(4)?,
        value: r.get(5)?,
        source: r.get(6)?,
        comment: r.get(7)?,
        action_id: r.get(8)?,
        base: r.get(9)?,
        received_on: r.get(10)?,
    })
}
