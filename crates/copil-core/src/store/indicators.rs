//! Storing indicators, their targets and their values.

use std::collections::HashMap;

use rusqlite::params;

use super::contract::{duplicate_error, invalid_error};
use super::rows::{links_by_owner, replace_links, upsert};
use super::{Saved, Store};
use crate::domain::{has_errors, Id, Indicator, Issue, Measurement, Target};
use crate::error::{CoreError, Result, SqlContext};

impl Store {
    /// Every indicator with targets and objectives, by name.
    pub fn indicators(&self) -> Result<Vec<Indicator>> {
        self.load_indicators(None)
    }

    /// Indicators (all, or only `only`) with their targets and objectives, in three queries.
    fn load_indicators(&self, only: Option<Id>) -> Result<Vec<Indicator>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, unit, direction, kind, baseline_value, baseline_date, source, by_district FROM indicator \
                 WHERE ?1 IS NULL OR id = ?1 ORDER BY name",
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

    /// Deletes an indicator with its targets and values.
    pub fn delete_indicator(&mut self, id: Id) -> Result<()> {
        self.delete("indicator", "Indicateur", id)
    }

    /// Values of one indicator (all years, all QPVs), by year then QPV.
    pub fn measurements(&self, indicator_id: Id) -> Result<Vec<Measurement>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, indicator_id, year, date, district_id, value, source, comment FROM measurement \
                 WHERE indicator_id = ?1 ORDER BY year, district_id",
            )
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
            .prepare_cached(
                "SELECT id, indicator_id, year, date, district_id, value, source, comment FROM measurement ORDER BY indicator_id, year, district_id",
            )
            .ctx("lecture des valeurs")?;
        let rows = stmt
            .query_map([], measurement_row)
            .ctx("lecture des valeurs")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture des valeurs")
    }

    /// Everything [`Store::save_measurement`] checks before writing: the indicator's unit, the
    /// contract period, whether the indicator is followed by QPV. `Missing` for an unknown indicator.
    pub fn check_measurement(&self, m: &Measurement) -> Result<Vec<Issue>> {
        let ind = self.indicator(m.indicator_id)?;
        Ok(measurement_issues(&ind, m, self.period()?))
    }

    /// Records a value; a value for the same indicator, year and QPV is replaced.
    pub fn save_measurement(&mut self, m: &Measurement) -> Result<Saved> {
        let ind = self.indicator(m.indicator_id)?;
        let issues = measurement_issues(&ind, m, self.period()?);
        if has_errors(&issues) {
            return Err(invalid_error("Valeur", issues));
        }
        let summary = format!("{} {} = {}", ind.name, m.year, m.value);
        self.edit("record", "measurement", &summary, |tx| {
            let existing: Option<Id> = tx
                .query_row(
                    "SELECT id FROM measurement WHERE indicator_id = ?1 AND year = ?2 AND ifnull(district_id, 0) = ifnull(?3, 0)",
                    params![m.indicator_id, m.year, m.district_id],
                    |r| r.get(0),
                )
                .map(Some)
                .or_else(|e| if matches!(e, rusqlite::Error::QueryReturnedNoRows) { Ok(None) } else { Err(e) })
                .ctx("lecture des valeurs")?;
            let id = if m.id != 0 { m.id } else { existing.unwrap_or(0) };
            let values = params![m.indicator_id, m.year, m.date, m.district_id, m.value, m.source, m.comment, id];
            let id = upsert(
                tx,
                id,
                "Valeur",
                || {
                    tx.execute(
                        "INSERT INTO measurement (id, indicator_id, year, date, district_id, value, source, comment) \
                         VALUES (nullif(?8, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        values,
                    )
                },
                || {
                    tx.execute(
                        "UPDATE measurement SET indicator_id = ?1, year = ?2, date = ?3, district_id = ?4, value = ?5, source = ?6, comment = ?7 WHERE id = ?8",
                        values,
                    )
                },
            )
            .map_err(|e| duplicate_error(e, "Valeur", "year", format!("Une valeur existe déjà pour {} en {}.", ind.name, m.year)))?;
            Ok((Saved { id, warnings: issues }, Some(id)))
        })
    }

    /// Deletes a value.
    pub fn delete_measurement(&mut self, id: Id) -> Result<()> {
        self.delete("measurement", "Valeur", id)
    }
}

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
    })
}

/// The findings on a value of `ind`, for both the check and the save.
fn measurement_issues(
    ind: &Indicator,
    m: &Measurement,
    period: crate::domain::Period,
) -> Vec<Issue> {
    let mut issues = m.validate(ind.unit, period);
    if m.district_id.is_some() && !ind.by_district {
        issues.push(Issue::warning(
            "district_id",
            "Cet indicateur n'est pas suivi par quartier.",
        ));
    }
    issues
}
