//! Storing actors, actions and their funding lines.

use rusqlite::params;

use super::contract::{duplicate_error, invalid_error};
use super::rows::{exists, links, links_by_owner, replace_links, upsert};
use super::{Saved, Store};
use crate::domain::{has_errors, Action, Actor, ConsolidationRule, Funding, Id, Issue, Unit};
use crate::error::{CoreError, Result, SqlContext};
use crate::text::collation_key;

impl Store {
    /// Every actor, by name in French order ([`collation_key`]).
    pub fn actors(&self) -> Result<Vec<Actor>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, kind, siret, labels, contact FROM actor ORDER BY id")
            .ctx("lecture des acteurs")?;
        let mut out: Vec<Actor> = stmt
            .query_map([], |r| {
                let labels: String = r.get(4)?;
                Ok(Actor {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    siret: r.get(3)?,
                    labels: serde_json::from_str(&labels).unwrap_or_default(),
                    district_ids: vec![],
                    contact: r.get(5)?,
                })
            })
            .ctx("lecture des acteurs")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des acteurs")?;
        for a in &mut out {
            a.district_ids = links(
                &self.conn,
                "actor_district",
                "actor_id",
                "district_id",
                a.id,
            )?;
        }
        out.sort_by_cached_key(|a| (collation_key(&a.name), a.id));
        Ok(out)
    }

    /// Adds or updates an actor.
    pub fn save_actor(&mut self, a: &Actor) -> Result<Saved> {
        let issues = a.validate();
        if has_errors(&issues) {
            return Err(invalid_error("Acteur", issues));
        }
        let siret = a
            .siret
            .as_ref()
            .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect::<String>());
        let labels = serde_json::to_string(&a.labels).unwrap_or_else(|_| "[]".into());
        self.edit(if a.id == 0 { "create" } else { "update" }, "actor", &a.name, |tx| {
            let values = params![a.name, a.kind, siret, labels, a.contact, a.id];
            let id = upsert(
                tx,
                a.id,
                "Acteur",
                || tx.execute("INSERT INTO actor (id, name, kind, siret, labels, contact) VALUES (nullif(?6, 0), ?1, ?2, ?3, ?4, ?5)", values),
                || tx.execute("UPDATE actor SET name = ?1, kind = ?2, siret = ?3, labels = ?4, contact = ?5 WHERE id = ?6", values),
            )
            .map_err(|e| duplicate_error(e, "Acteur", "name", format!("La structure « {} » existe déjà.", a.name)))?;
            replace_links(tx, "actor_district", "actor_id", "district_id", id, &a.district_ids)?;
            Ok((Saved { id, warnings: issues }, Some(id)))
        })
    }

    /// Deletes an actor (its actions lose their porteur).
    pub fn delete_actor(&mut self, id: Id) -> Result<()> {
        self.delete("actor", "Acteur", id)
    }

    /// Every action with its links, by title in French order ([`collation_key`]).
    pub fn actions(&self) -> Result<Vec<Action>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, title, description, porteur_id, status, start_date, end_date, audience, weather, weather_comment \
                 FROM action ORDER BY id",
            )
            .ctx("lecture des actions")?;
        let mut out: Vec<Action> = stmt
            .query_map([], |r| {
                Ok(Action {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    description: r.get(2)?,
                    porteur_id: r.get(3)?,
                    status: r.get(4)?,
                    start_date: r.get(5)?,
                    end_date: r.get(6)?,
                    audience: r.get(7)?,
                    weather: r.get(8)?,
                    weather_comment: r.get(9)?,
                    district_ids: vec![],
                    objective_ids: vec![],
                    theme_ids: vec![],
                    reported_indicator_ids: vec![],
                })
            })
            .ctx("lecture des actions")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des actions")?;
        let mut districts = links_by_owner(
            &self.conn,
            "action_district",
            "action_id",
            "district_id",
            None,
        )?;
        let mut objectives = links_by_owner(
            &self.conn,
            "action_objective",
            "action_id",
            "objective_id",
            None,
        )?;
        let mut themes = links_by_owner(&self.conn, "action_theme", "action_id", "theme_id", None)?;
        let mut reported = links_by_owner(
            &self.conn,
            "action_indicator",
            "action_id",
            "indicator_id",
            None,
        )?;
        for a in &mut out {
            a.district_ids = districts.remove(&a.id).unwrap_or_default();
            a.objective_ids = objectives.remove(&a.id).unwrap_or_default();
            a.theme_ids = themes.remove(&a.id).unwrap_or_default();
            a.reported_indicator_ids = reported.remove(&a.id).unwrap_or_default();
        }
        out.sort_by_cached_key(|a| (collation_key(&a.title), a.id));
        Ok(out)
    }

    /// Everything [`Store::save_action`] checks before writing: its rules within the contract
    /// period and a porteur that exists.
    pub fn check_action(&self, a: &Action) -> Result<Vec<Issue>> {
        let mut issues = a.validate(self.period()?);
        if let Some(p) = a.porteur_id {
            if !exists(&self.conn, "actor", p)? {
                issues.push(Issue::error(
                    "porteur_id",
                    format!("Le porteur n° {p} n'existe pas."),
                ));
            }
        }
        for &ind in &a.reported_indicator_ids {
            let unit: Option<Unit> = self
                .conn
                .query_row("SELECT unit FROM indicator WHERE id = ?1", [ind], |r| {
                    r.get(0)
                })
                .map(Some)
                .or_else(|e| {
                    if matches!(e, rusqlite::Error::QueryReturnedNoRows) {
                        Ok(None)
                    } else {
                        Err(e)
                    }
                })
                .ctx("lecture des indicateurs")?;
            match unit {
                None => issues.push(Issue::error(
                    "reported_indicator_ids",
                    format!("L'indicateur n° {ind} n'existe pas."),
                )),
                Some(u) if u.consolidation() == ConsolidationRule::TerritoryOnly => {
                    issues.push(Issue::error(
                        "reported_indicator_ids",
                        "Un score (indice de fragilité numérique…) est une valeur du territoire : une action ne peut pas le renseigner.",
                    ))
                }
                Some(_) => {}
            }
        }
        Ok(issues)
    }

    /// Adds or updates an action and its links.
    pub fn save_action(&mut self, a: &Action) -> Result<Saved> {
        let issues = self.check_action(a)?;
        if has_errors(&issues) {
            return Err(invalid_error("Action", issues));
        }
        self.edit(if a.id == 0 { "create" } else { "update" }, "action", &a.title, |tx| {
            let values = params![
                a.title,
                a.description,
                a.porteur_id,
                a.status,
                a.start_date,
                a.end_date,
                a.audience,
                a.weather,
                a.weather_comment,
                a.id
            ];
            let id = upsert(
                tx,
                a.id,
                "Action",
                || {
                    tx.execute(
                        "INSERT INTO action (id, title, description, porteur_id, status, start_date, end_date, audience, weather, weather_comment) \
                         VALUES (nullif(?10, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                        values,
                    )
                },
                || {
                    tx.execute(
                        "UPDATE action SET title = ?1, description = ?2, porteur_id = ?3, status = ?4, start_date = ?5, end_date = ?6, \
                         audience = ?7, weather = ?8, weather_comment = ?9 WHERE id = ?10",
                        values,
                    )
                },
            )?;
            replace_links(tx, "action_district", "action_id", "district_id", id, &a.district_ids)?;
            replace_links(tx, "action_objective", "action_id", "objective_id", id, &a.objective_ids)?;
            replace_links(tx, "action_theme", "action_id", "theme_id", id, &a.theme_ids)?;
            replace_links(tx, "action_indicator", "action_id", "indicator_id", id, &a.reported_indicator_ids)?;
            Ok((Saved { id, warnings: issues }, Some(id)))
        })
    }

    /// Deletes an action with its funding lines.
    ///
    /// Refused while the action has values in its porteur's bilans: they count in the pillar's
    /// figures, and a chef de projet deleting a duplicate or a mistaken action would not expect
    /// its porteur's figures to vanish with it. The message says how many and which years, and
    /// what to do instead (delete the values first, or mark the action « Abandonnée »).
    pub fn delete_action(&mut self, id: Id) -> Result<()> {
        let years: Vec<(i32, i64)> = self
            .conn
            .prepare_cached("SELECT year, count(*) FROM measurement WHERE action_id = ?1 GROUP BY year ORDER BY year")
            .ctx("lecture des bilans")?
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .ctx("lecture des bilans")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des bilans")?;
        if !years.is_empty() {
            let count: i64 = years.iter().map(|(_, n)| n).sum();
            let list: Vec<String> = years.iter().map(|(y, _)| y.to_string()).collect();
            let title: String = self
                .conn
                .query_row("SELECT title FROM action WHERE id = ?1", [id], |r| r.get(0))
                .ctx("lecture des actions")?;
            return Err(CoreError::InUse {
                entity: "l'action",
                reason: format!(
                    "« {title} » a {count} valeur{s} renseignée{s} dans ses bilans ({}), prise{s} en compte dans les indicateurs du pilier. \
                     Supprimez d'abord ces valeurs, ou passez l'action au statut « Abandonnée » pour la garder dans l'historique.",
                    list.join(", "),
                    s = if count > 1 { "s" } else { "" }
                ),
            });
        }
        self.delete("action", "Action", id)
    }

    /// Every funding line, by action, year and financeur.
    pub fn fundings(&self) -> Result<Vec<Funding>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, action_id, financeur, year, requested_cents, granted_cents, paid_cents, scheme, cpo_start_year, \
                 crf_received_on, comment FROM funding ORDER BY action_id, year, financeur",
            )
            .ctx("lecture des financements")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(Funding {
                    id: r.get(0)?,
                    action_id: r.get(1)?,
                    financeur: r.get(2)?,
                    year: r.get(3)?,
                    requested_cents: r.get(4)?,
                    granted_cents: r.get(5)?,
                    paid_cents: r.get(6)?,
                    scheme: r.get(7)?,
                    cpo_start_year: r.get(8)?,
                    crf_received_on: r.get(9)?,
                    comment: r.get(10)?,
                })
            })
            .ctx("lecture des financements")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture des financements")
    }

    /// Everything [`Store::save_funding`] checks before writing: its rules within the contract
    /// period and an action that exists.
    pub fn check_funding(&self, f: &Funding) -> Result<Vec<Issue>> {
        let mut issues = f.validate(self.period()?);
        if !exists(&self.conn, "action", f.action_id)? {
            issues.push(Issue::error(
                "action_id",
                format!("L'action n° {} n'existe pas.", f.action_id),
            ));
        }
        Ok(issues)
    }

    /// Adds or updates a funding line (one per action, financeur and year).
    pub fn save_funding(&mut self, f: &Funding) -> Result<Saved> {
        let issues = self.check_funding(f)?;
        if has_errors(&issues) {
            return Err(invalid_error("Financement", issues));
        }
        let summary = format!("{} {} action {}", f.financeur.label(), f.year, f.action_id);
        self.edit(if f.id == 0 { "create" } else { "update" }, "funding", &summary, |tx| {
            let values = params![
                f.action_id,
                f.financeur,
                f.year,
                f.requested_cents,
                f.granted_cents,
                f.paid_cents,
                f.scheme,
                f.cpo_start_year,
                f.crf_received_on,
                f.comment,
                f.id
            ];
            let id = upsert(
                tx,
                f.id,
                "Financement",
                || {
                    tx.execute(
                        "INSERT INTO funding (id, action_id, financeur, year, requested_cents, granted_cents, paid_cents, scheme, \
                         cpo_start_year, crf_received_on, comment) VALUES (nullif(?11, 0), ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                        values,
                    )
                },
                || {
                    tx.execute(
                        "UPDATE funding SET action_id = ?1, financeur = ?2, year = ?3, requested_cents = ?4, granted_cents = ?5, \
                         paid_cents = ?6, scheme = ?7, cpo_start_year = ?8, crf_received_on = ?9, comment = ?10 WHERE id = ?11",
                        values,
                    )
                },
            )
            .map_err(|e| {
                duplicate_error(
                    e,
                    "Financement",
                    "year",
                    format!("Une ligne {} {} existe déjà pour cette action.", f.financeur.label(), f.year),
                )
            })?;
            Ok((Saved { id, warnings: issues }, Some(id)))
        })
    }

    /// Deletes a funding line.
    pub fn delete_funding(&mut self, id: Id) -> Result<()> {
        self.delete("funding", "Financement", id)
    }
}
