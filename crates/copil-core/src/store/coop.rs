//! Storing what comes from La Coop de la médiation numérique: the mapping of its measures to
//! indicators and of its places to actions, and each export imported for an action and a year
//! with its breakdowns, its QPV communes and the contributions it wrote.

use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;
use ts_rs::TS;

use super::contract::invalid_error;
use super::Store;
use crate::domain::{
    propose_mapping, BreakdownDimension, CoopFileKind, CoopMapping, CoopMeasure, Id, Issue,
    PlaceLink,
};
use crate::error::{Result, SqlContext};

/// A QPV commune where beneficiaries of an imported export lived.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoopCommune {
    /// INSEE code.
    pub insee: String,
    /// Name as the export wrote it.
    pub name: String,
    /// Accompaniments of its residents.
    pub accompaniments: u32,
    /// The QPVs it holds (codes, at the import).
    pub district_codes: Vec<String>,
    /// The QPV its accompaniments were attributed to (only when it holds one).
    pub attributed_to: Option<Id>,
}

/// One export (or statistics file) of La Coop imported for one action and one year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoopImportRecord {
    /// Row id (0 before it is recorded).
    pub id: Id,
    /// Action the figures went to.
    pub action_id: Id,
    /// Year.
    pub year: i32,
    /// Which file.
    pub kind: CoopFileKind,
    /// The source written with its values (« La Coop de la médiation numérique, export du … »).
    pub source: String,
    /// File name.
    pub file_name: String,
    /// SHA-256 of the file.
    pub file_sha256: String,
    /// `Date d'export` of the file.
    pub exported_on: Option<NaiveDate>,
    /// First and last activity of the year in the file.
    pub first_date: Option<NaiveDate>,
    /// Last activity.
    pub last_date: Option<NaiveDate>,
    /// Day of the import.
    pub imported_on: NaiveDate,
    /// Accompaniments counted.
    pub accompaniments: u32,
    /// Accompaniments whose beneficiary's commune is known.
    pub with_commune: u32,
    /// Of those, living in a commune with a QPV.
    pub in_qpv_commune: u32,
    /// Whether persons are distinct named beneficiaries (else one per accompaniment).
    pub unique_persons: bool,
    /// Accompaniments by dimension and category.
    pub breakdowns: Vec<(BreakdownDimension, String, u32)>,
    /// QPV communes of the beneficiaries.
    pub communes: Vec<CoopCommune>,
    /// The values it wrote, with the measure of each.
    pub contributions: Vec<(Id, CoopMeasure)>,
}

impl Store {
    /// The mapping of La Coop's measures and places: what is saved, and Copil's proposal for
    /// the measures not linked yet.
    pub fn coop_mapping(&self) -> Result<CoopMapping> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT measure, indicator_id FROM coop_measure_map")
            .ctx("lecture des correspondances de La Coop")?;
        let saved: Vec<(CoopMeasure, Option<Id>)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .ctx("lecture des correspondances de La Coop")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des correspondances de La Coop")?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT place, action_id FROM coop_place_map ORDER BY place")
            .ctx("lecture des lieux de La Coop")?;
        let places = stmt
            .query_map([], |r| {
                Ok(PlaceLink {
                    place: r.get(0)?,
                    action_id: r.get(1)?,
                })
            })
            .ctx("lecture des lieux de La Coop")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des lieux de La Coop")?;
        Ok(CoopMapping {
            measures: propose_mapping(&self.indicators()?, &saved),
            places,
        })
    }

    /// Everything [`Store::save_coop_mapping`] checks: each indicator exists, has a unit the
    /// measure can feed and is fed by one measure only; each place's action exists.
    pub fn check_coop_mapping(&self, mapping: &CoopMapping) -> Result<Vec<Issue>> {
        let indicators = self.indicators()?;
        let actions = self.actions()?;
        let mut issues = Vec::new();
        let mut used: Vec<(Id, CoopMeasure)> = Vec::new();
        for link in &mapping.measures {
            let Some(id) = link.indicator_id else {
                continue;
            };
            match indicators.iter().find(|i| i.id == id) {
                None => issues.push(Issue::error(
                    "measures",
                    format!(
                        "{} : l'indicateur n° {id} n'existe pas.",
                        link.measure.label()
                    ),
                )),
                Some(ind) if !link.measure.units().contains(&ind.unit) => {
                    issues.push(Issue::error(
                        "measures",
                        format!(
                            "{} ne peut pas alimenter « {} » (unité « {} ») : unités possibles {}.",
                            link.measure.label(),
                            ind.name,
                            ind.unit.label(),
                            link.measure
                                .units()
                                .iter()
                                .map(|u| format!("« {} »", u.label()))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ))
                }
                Some(ind) => {
                    if let Some((_, other)) = used.iter().find(|(i, _)| *i == id) {
                        issues.push(Issue::error(
                            "measures",
                            format!(
                                "« {} » est déjà alimenté par « {} » : une mesure par indicateur, sinon l'une écraserait l'autre.",
                                ind.name,
                                other.label()
                            ),
                        ));
                    }
                    used.push((id, link.measure));
                }
            }
        }
        for place in &mapping.places {
            if !actions.iter().any(|a| a.id == place.action_id) {
                issues.push(Issue::error(
                    "places",
                    format!(
                        "Lieu « {} » : l'action n° {} n'existe pas.",
                        crate::domain::place_label(&place.place),
                        place.action_id
                    ),
                ));
            }
        }
        Ok(issues)
    }

    /// Saves the mapping: every measure listed (linked or explicitly not imported) and every
    /// place; measures not listed keep what was saved. Returns the mapping as it now stands.
    pub fn save_coop_mapping(&mut self, mapping: &CoopMapping) -> Result<CoopMapping> {
        let issues = self.check_coop_mapping(mapping)?;
        if crate::domain::has_errors(&issues) {
            return Err(invalid_error("Correspondances de La Coop", issues));
        }
        let summary = format!(
            "correspondances de La Coop : {} mesure(s), {} lieu(x)",
            mapping.measures.len(),
            mapping.places.len()
        );
        self.edit("update", "coop_mapping", &summary, |tx| {
            for link in &mapping.measures {
                tx.execute(
                    "INSERT OR REPLACE INTO coop_measure_map (measure, indicator_id) VALUES (?1, ?2)",
                    params![link.measure, link.indicator_id],
                )
                .ctx("écriture des correspondances de La Coop")?;
            }
            for place in &mapping.places {
                tx.execute(
                    "INSERT OR REPLACE INTO coop_place_map (place, action_id) VALUES (?1, ?2)",
                    params![place.place.trim(), place.action_id],
                )
                .ctx("écriture des lieux de La Coop")?;
            }
            Ok(((), None))
        })?;
        self.coop_mapping()
    }

    /// Every import of La Coop, by year then action, with its breakdowns, communes and values.
    pub fn coop_imports(&self) -> Result<Vec<CoopImportRecord>> {
        let ctx = "lecture des imports de La Coop";
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, action_id, year, kind, source, file_name, file_sha256, exported_on, first_date, last_date, \
                 imported_on, accompaniments, with_commune, in_qpv_commune, unique_persons FROM coop_import ORDER BY year, action_id",
            )
            .ctx(ctx)?;
        let mut out: Vec<CoopImportRecord> = stmt
            .query_map([], |r| {
                Ok(CoopImportRecord {
                    id: r.get(0)?,
                    action_id: r.get(1)?,
                    year: r.get(2)?,
                    kind: r.get(3)?,
                    source: r.get(4)?,
                    file_name: r.get(5)?,
                    file_sha256: r.get(6)?,
                    exported_on: r.get(7)?,
                    first_date: r.get(8)?,
                    last_date: r.get(9)?,
                    imported_on: r.get(10)?,
                    accompaniments: r.get(11)?,
                    with_commune: r.get(12)?,
                    in_qpv_commune: r.get(13)?,
                    unique_persons: r.get(14)?,
                    breakdowns: Vec::new(),
                    communes: Vec::new(),
                    contributions: Vec::new(),
                })
            })
            .ctx(ctx)?
            .collect::<rusqlite::Result<_>>()
            .ctx(ctx)?;
        let position = |out: &[CoopImportRecord], id: Id| out.iter().position(|i| i.id == id);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT import_id, dimension, category, accompaniments FROM coop_breakdown ORDER BY import_id, rowid")
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get::<_, Id>(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .ctx(ctx)?;
        for row in rows {
            let (id, dimension, category, n) = row.ctx(ctx)?;
            if let Some(i) = position(&out, id) {
                out[i].breakdowns.push((dimension, category, n));
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT import_id, insee, name, accompaniments, district_codes, attributed_to FROM coop_commune ORDER BY import_id, insee",
            )
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    CoopCommune {
                        insee: r.get(1)?,
                        name: r.get(2)?,
                        accompaniments: r.get(3)?,
                        district_codes: r
                            .get::<_, String>(4)?
                            .split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect(),
                        attributed_to: r.get(5)?,
                    },
                ))
            })
            .ctx(ctx)?;
        for row in rows {
            let (id, commune) = row.ctx(ctx)?;
            if let Some(i) = position(&out, id) {
                out[i].communes.push(commune);
            }
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT import_id, measurement_id, measure FROM coop_contribution ORDER BY import_id, measurement_id")
            .ctx(ctx)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, Id>(0)?, r.get(1)?, r.get(2)?)))
            .ctx(ctx)?;
        for row in rows {
            let (id, measurement, measure) = row.ctx(ctx)?;
            if let Some(i) = position(&out, id) {
                out[i].contributions.push((measurement, measure));
            }
        }
        Ok(out)
    }

    /// The import recorded for an action and a year, if any.
    pub fn coop_import_of(&self, action_id: Id, year: i32) -> Result<Option<CoopImportRecord>> {
        Ok(self
            .coop_imports()?
            .into_iter()
            .find(|i| i.action_id == action_id && i.year == year))
    }

    /// Records an import for its action and year, replacing the previous one (whose
    /// breakdowns, communes and links go with it); returns its id.
    pub(crate) fn record_coop_import(&mut self, rec: &CoopImportRecord) -> Result<Id> {
        let summary = format!("import de La Coop {} ({})", rec.year, rec.file_name);
        self.edit("import", "coop_import", &summary, |tx| {
            let ctx = "écriture de l'import de La Coop";
            tx.execute(
                "DELETE FROM coop_import WHERE action_id = ?1 AND year = ?2",
                params![rec.action_id, rec.year],
            )
            .ctx(ctx)?;
            tx.execute(
                "INSERT INTO coop_import (action_id, year, kind, source, file_name, file_sha256, exported_on, first_date, last_date, \
                 imported_on, accompaniments, with_commune, in_qpv_commune, unique_persons) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                params![
                    rec.action_id,
                    rec.year,
                    rec.kind,
                    rec.source,
                    rec.file_name,
                    rec.file_sha256,
                    rec.exported_on,
                    rec.first_date,
                    rec.last_date,
                    rec.imported_on,
                    rec.accompaniments,
                    rec.with_commune,
                    rec.in_qpv_commune,
                    rec.unique_persons
                ],
            )
            .ctx(ctx)?;
            let id = tx.last_insert_rowid();
            for (dimension, category, n) in &rec.breakdowns {
                tx.execute(
                    "INSERT OR REPLACE INTO coop_breakdown (import_id, dimension, category, accompaniments) VALUES (?1, ?2, ?3, ?4)",
                    params![id, dimension, category, n],
                )
                .ctx(ctx)?;
            }
            for c in &rec.communes {
                tx.execute(
                    "INSERT OR REPLACE INTO coop_commune (import_id, insee, name, accompaniments, district_codes, attributed_to) \
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![id, c.insee, c.name, c.accompaniments, c.district_codes.join(","), c.attributed_to],
                )
                .ctx(ctx)?;
            }
            for (measurement, measure) in &rec.contributions {
                tx.execute(
                    "INSERT OR REPLACE INTO coop_contribution (measurement_id, import_id, measure) VALUES (?1, ?2, ?3)",
                    params![measurement, id, measure],
                )
                .ctx(ctx)?;
            }
            Ok((id, Some(id)))
        })
    }

    /// Ids of the values an import of La Coop wrote for an action and a year.
    pub(crate) fn coop_contribution_ids(&self, action_id: Id, year: i32) -> Result<Vec<Id>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.measurement_id FROM coop_contribution c JOIN coop_import i ON i.id = c.import_id \
                 WHERE i.action_id = ?1 AND i.year = ?2",
            )
            .ctx("lecture des valeurs de La Coop")?;
        let rows = stmt
            .query_map(params![action_id, year], |r| r.get(0))
            .ctx("lecture des valeurs de La Coop")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture des valeurs de La Coop")
    }

    /// Adds indicators to those an action reports on (« indicateurs renseignés »).
    pub(crate) fn add_reported_indicators(
        &mut self,
        action_id: Id,
        indicators: &[Id],
    ) -> Result<()> {
        self.edit("update", "action", "indicateurs renseignés par l'action", |tx| {
            for id in indicators {
                tx.execute(
                    "INSERT OR IGNORE INTO action_indicator (action_id, indicator_id) VALUES (?1, ?2)",
                    params![action_id, id],
                )
                .ctx("écriture des indicateurs de l'action")?;
            }
            Ok(((), Some(action_id)))
        })
    }
}
