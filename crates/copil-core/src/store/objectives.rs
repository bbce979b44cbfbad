//! Storing the objective tree and its links to themes.

use rusqlite::params;

use super::contract::invalid_error;
use super::rows::{links, replace_links, upsert};
use super::{Saved, Store};
use crate::domain::{has_errors, Id, Issue, Objective};
use crate::error::{Result, SqlContext};
use crate::text::collation_key;

impl Store {
    /// Every objective, parents before children, by code in natural order (« 1.2 » before
    /// « 1.10 », [`collation_key`]).
    pub fn objectives(&self) -> Result<Vec<Objective>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, parent_id, code, title, description FROM objective ORDER BY id",
            )
            .ctx("lecture des objectifs")?;
        let mut out: Vec<Objective> = stmt
            .query_map([], |r| {
                Ok(Objective {
                    id: r.get(0)?,
                    parent_id: r.get(1)?,
                    code: r.get(2)?,
                    title: r.get(3)?,
                    description: r.get(4)?,
                    theme_ids: vec![],
                })
            })
            .ctx("lecture des objectifs")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des objectifs")?;
        for o in &mut out {
            o.theme_ids = links(
                &self.conn,
                "objective_theme",
                "objective_id",
                "theme_id",
                o.id,
            )?;
        }
        out.sort_by_cached_key(|o| (collation_key(&o.code), o.id));
        Ok(out)
    }

    /// Everything [`Store::save_objective`] checks before writing: its rules and no cycle of parents.
    pub fn check_objective(&self, o: &Objective) -> Result<Vec<Issue>> {
        let mut issues = o.validate();
        if let Some(parent) = o.parent_id {
            if o.id != 0 && self.is_descendant(parent, o.id)? {
                issues.push(Issue::error(
                    "parent_id",
                    "Cet objectif parent est un de ses sous-objectifs : boucle impossible.",
                ));
            }
        }
        Ok(issues)
    }

    /// Adds or updates an objective and its themes; refuses a parent that would make a cycle.
    pub fn save_objective(&mut self, o: &Objective) -> Result<Saved> {
        let issues = self.check_objective(o)?;
        if has_errors(&issues) {
            return Err(invalid_error("Objectif", issues));
        }
        let summary = format!("{} {}", o.code, o.title);
        self.edit(if o.id == 0 { "create" } else { "update" }, "objective", &summary, |tx| {
            let id = upsert(
                tx,
                o.id,
                "Objectif",
                || {
                    tx.execute(
                        "INSERT INTO objective (parent_id, code, title, description) VALUES (?1, ?2, ?3, ?4)",
                        params![o.parent_id, o.code, o.title, o.description],
                    )
                },
                || {
                    tx.execute(
                        "UPDATE objective SET parent_id = ?1, code = ?2, title = ?3, description = ?4 WHERE id = ?5",
                        params![o.parent_id, o.code, o.title, o.description, o.id],
                    )
                },
            )?;
            replace_links(tx, "objective_theme", "objective_id", "theme_id", id, &o.theme_ids)?;
            Ok((Saved { id, warnings: issues }, Some(id)))
        })
    }

    /// Deletes an objective; refused while it has sub-objectives.
    pub fn delete_objective(&mut self, id: Id) -> Result<()> {
        self.delete("objective", "Objectif", id)
    }

    /// Whether `candidate` is `ancestor` itself or lies below it in the tree.
    fn is_descendant(&self, candidate: Id, ancestor: Id) -> Result<bool> {
        let mut current = Some(candidate);
        let mut steps = 0;
        while let Some(id) = current {
            if id == ancestor {
                return Ok(true);
            }
            steps += 1;
            if steps > 10_000 {
                return Ok(true);
            }
            current = self
                .conn
                .query_row("SELECT parent_id FROM objective WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .ctx("lecture des objectifs")?;
        }
        Ok(false)
    }
}
