//! Storing the contract, its communes, its QPVs and its themes.

use chrono::Local;
use rusqlite::{params, Connection};

use super::rows::{unique_violation, upsert};
use super::{Saved, Store};
use crate::domain::{has_errors, Commune, Contract, District, Id, Issue, Theme};
use crate::error::{CoreError, Result, SqlContext};

pub(crate) fn insert(conn: &Connection, c: &Contract) -> Result<()> {
    conn.execute(
        "INSERT INTO contract (id, name, epci, start_year, end_year, signatories, created_at, epci_siren) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            c.name,
            c.epci,
            c.start_year,
            c.end_year,
            serde_json::to_string(&c.signatories).unwrap_or_default(),
            Local::now().format("%Y-%m-%dT%H:%M:%S").to_string(),
            siren_of(c)
        ],
    )
    .ctx("écriture du contrat")?;
    write_communes(conn, &c.communes)
}

/// The SIREN to store: trimmed, `None` when blank.
fn siren_of(c: &Contract) -> Option<String> {
    c.epci_siren
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

fn write_communes(conn: &Connection, communes: &[Commune]) -> Result<()> {
    conn.execute("DELETE FROM commune", [])
        .ctx("écriture des communes")?;
    for (i, c) in communes.iter().enumerate() {
        conn.execute(
            "INSERT OR REPLACE INTO commune (insee, name, position) VALUES (?1, ?2, ?3)",
            params![c.insee, c.name, i as i64],
        )
        .ctx("écriture des communes")?;
    }
    Ok(())
}

/// Inserts the themes of a new contract, in the order given.
pub(crate) fn insert_themes(conn: &Connection, names: &[impl AsRef<str>]) -> Result<()> {
    for (i, name) in names.iter().enumerate() {
        let name = name.as_ref();
        conn.execute(
            "INSERT INTO theme (name, position) VALUES (?1, ?2)",
            params![name, i as i64],
        )
        .map_err(|e| CoreError::sqlite("écriture des thèmes", e))
        .map_err(|e| {
            duplicate_error(
                e,
                "Thème",
                "name",
                format!("Le thème « {name} » existe déjà."),
            )
        })?;
    }
    Ok(())
}

/// Inserts or updates a QPV and its communes; returns its id.
pub(crate) fn write_district(conn: &Connection, d: &District) -> Result<Id> {
    let id = upsert(
        conn,
        d.id,
        "Quartier",
        || {
            conn.execute(
                "INSERT INTO district (code, name, population, ifn) VALUES (?1, ?2, ?3, ?4)",
                params![d.code, d.name, d.population, d.ifn],
            )
        },
        || {
            conn.execute(
                "UPDATE district SET code = ?1, name = ?2, population = ?3, ifn = ?4 WHERE id = ?5",
                params![d.code, d.name, d.population, d.ifn, d.id],
            )
        },
    )
    .map_err(|e| {
        duplicate_error(
            e,
            "Quartier",
            "code",
            format!("Le quartier {} existe déjà.", d.code),
        )
    })?;
    conn.execute("DELETE FROM district_commune WHERE district_id = ?1", [id])
        .ctx("écriture des quartiers")?;
    for insee in &d.communes {
        conn.execute(
            "INSERT OR IGNORE INTO district_commune (district_id, insee) VALUES (?1, ?2)",
            params![id, insee],
        )
        .ctx("écriture des quartiers")?;
    }
    Ok(id)
}

pub(crate) fn invalid_error(entity: &'static str, issues: Vec<Issue>) -> CoreError {
    CoreError::Invalid { entity, issues }
}

/// Maps a UNIQUE failure to a French validation error on `field`.
pub(crate) fn duplicate_error(
    err: CoreError,
    entity: &'static str,
    field: &str,
    message: String,
) -> CoreError {
    if unique_violation(&err) {
        invalid_error(entity, vec![Issue::error(field, message)])
    } else {
        err
    }
}

impl Store {
    /// The contract of the file.
    pub fn contract(&self) -> Result<Contract> {
        let (name, epci, start_year, end_year, signatories, epci_siren): (String, String, i32, i32, String, Option<String>) = self
            .conn
            .query_row("SELECT name, epci, start_year, end_year, signatories, epci_siren FROM contract WHERE id = 1", [], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
            })
            .ctx("lecture du contrat")?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT insee, name FROM commune ORDER BY position")
            .ctx("lecture des communes")?;
        let communes = stmt
            .query_map([], |r| {
                Ok(Commune {
                    insee: r.get(0)?,
                    name: r.get(1)?,
                })
            })
            .ctx("lecture des communes")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des communes")?;
        Ok(Contract {
            name,
            epci,
            epci_siren,
            communes,
            start_year,
            end_year,
            signatories: serde_json::from_str(&signatories).unwrap_or_default(),
        })
    }

    /// Updates the contract (name, EPCI, communes, period, signatories).
    pub fn save_contract(&mut self, c: &Contract) -> Result<Saved> {
        let issues = c.validate();
        if has_errors(&issues) {
            return Err(invalid_error("Contrat", issues));
        }
        self.edit("update", "contract", &c.name, |tx| {
            tx.execute(
                "UPDATE contract SET name = ?1, epci = ?2, start_year = ?3, end_year = ?4, signatories = ?5, epci_siren = ?6 WHERE id = 1",
                params![c.name, c.epci, c.start_year, c.end_year, serde_json::to_string(&c.signatories).unwrap_or_default(), siren_of(c)],
            )
            .ctx("écriture du contrat")?;
            write_communes(tx, &c.communes)?;
            Ok((Saved { id: 1, warnings: issues }, Some(1)))
        })
    }

    /// Every QPV, by code.
    pub fn districts(&self) -> Result<Vec<District>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, code, name, population, ifn FROM district ORDER BY code")
            .ctx("lecture des quartiers")?;
        let mut out: Vec<District> = stmt
            .query_map([], |r| {
                Ok(District {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    population: r.get(3)?,
                    ifn: r.get(4)?,
                    communes: vec![],
                })
            })
            .ctx("lecture des quartiers")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des quartiers")?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT insee FROM district_commune WHERE district_id = ?1 ORDER BY insee",
            )
            .ctx("lecture des quartiers")?;
        for d in &mut out {
            d.communes = stmt
                .query_map([d.id], |r| r.get(0))
                .ctx("lecture des quartiers")?
                .collect::<rusqlite::Result<_>>()
                .ctx("lecture des quartiers")?;
        }
        Ok(out)
    }

    /// Finds a QPV by its official code.
    pub fn district_by_code(&self, code: &str) -> Result<Option<District>> {
        Ok(self.districts()?.into_iter().find(|d| d.code == code))
    }

    /// Adds or updates a QPV.
    pub fn save_district(&mut self, d: &District) -> Result<Saved> {
        let issues = d.validate();
        if has_errors(&issues) {
            return Err(invalid_error("Quartier", issues));
        }
        let summary = format!("{} {}", d.code, d.name);
        self.edit(
            if d.id == 0 { "create" } else { "update" },
            "district",
            &summary,
            |tx| {
                let id = write_district(tx, d)?;
                Ok((
                    Saved {
                        id,
                        warnings: issues,
                    },
                    Some(id),
                ))
            },
        )
    }

    /// Deletes a QPV and its values by QPV.
    pub fn delete_district(&mut self, id: Id) -> Result<()> {
        self.delete("district", "Quartier", id)
    }

    /// Every theme, in display order.
    pub fn themes(&self) -> Result<Vec<Theme>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, position FROM theme ORDER BY position, id")
            .ctx("lecture des thèmes")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Theme {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    position: r.get(2)?,
                })
            })
            .ctx("lecture des thèmes")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture des thèmes")
    }

    /// Adds or renames a theme; a new theme at position 0 goes after the others.
    pub fn save_theme(&mut self, t: &Theme) -> Result<Saved> {
        let issues = t.validate();
        if has_errors(&issues) {
            return Err(invalid_error("Thème", issues));
        }
        self.edit(
            if t.id == 0 { "create" } else { "update" },
            "theme",
            &t.name,
            |tx| {
                let id = upsert(
                    tx,
                    t.id,
                    "Thème",
                    || {
                        tx.execute(
                            "INSERT INTO theme (name, position) VALUES (?1, \
                             CASE WHEN ?2 = 0 THEN (SELECT coalesce(max(position), 0) + 1 FROM theme) ELSE ?2 END)",
                            params![t.name, t.position],
                        )
                    },
                    || {
                        tx.execute(
                            "UPDATE theme SET name = ?1, position = ?2 WHERE id = ?3",
                            params![t.name, t.position, t.id],
                        )
                    },
                )
                .map_err(|e| {
                    duplicate_error(
                        e,
                        "Thème",
                        "name",
                        format!("Le thème « {} » existe déjà.", t.name),
                    )
                })?;
                Ok((
                    Saved {
                        id,
                        warnings: issues,
                    },
                    Some(id),
                ))
            },
        )
    }

    /// Puts every theme in the order of `ids`, in one transaction, so that a move is never
    /// half-applied (two themes at one position) and the journal records it once.
    pub fn reorder_themes(&mut self, ids: &[Id]) -> Result<()> {
        let mut current: Vec<Id> = self.themes()?.iter().map(|t| t.id).collect();
        let mut wanted = ids.to_vec();
        current.sort_unstable();
        wanted.sort_unstable();
        if current != wanted {
            return Err(invalid_error(
                "Ordre des thèmes",
                vec![Issue::error(
                    "position",
                    "l'ordre demandé ne reprend pas exactement les thèmes du contrat (un thème a été ajouté ou supprimé entre-temps) ; rien n'a été modifié, rechargez la liste.",
                )],
            ));
        }
        self.edit("update", "theme", "Ordre des thèmes", |tx| {
            let mut stmt = tx
                .prepare_cached("UPDATE theme SET position = ?1 WHERE id = ?2")
                .ctx("ordre des thèmes")?;
            for (position, id) in (1_i64..).zip(ids) {
                stmt.execute(params![position, id])
                    .ctx("ordre des thèmes")?;
            }
            Ok(((), None))
        })
    }

    /// Deletes a theme (its links to objectives and actions go with it).
    pub fn delete_theme(&mut self, id: Id) -> Result<()> {
        self.delete("theme", "Thème", id)
    }

    /// Deletes one row of `table` in an audited transaction.
    pub(crate) fn delete(
        &mut self,
        table: &'static str,
        entity: &'static str,
        id: Id,
    ) -> Result<()> {
        let summary = format!("{entity} n° {id}");
        self.edit("delete", table, &summary, |tx| {
            let n = tx
                .execute(&format!("DELETE FROM {table} WHERE id = ?1"), [id])
                .map_err(|e| match &e {
                    // ON DELETE RESTRICT reports SQLITE_CONSTRAINT_TRIGGER, not _FOREIGNKEY.
                    rusqlite::Error::SqliteFailure(f, msg)
                        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY
                            || msg.as_deref().is_some_and(|m| m.contains("FOREIGN KEY")) =>
                    {
                        CoreError::InUse {
                            entity,
                            reason: "d'autres éléments y sont rattachés.".into(),
                        }
                    }
                    _ => CoreError::sqlite(format!("suppression {table}"), e),
                })?;
            if n == 0 {
                return Err(CoreError::Missing { entity, id });
            }
            Ok(((), Some(id)))
        })
    }
}
