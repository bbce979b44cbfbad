//! Storing the collection rounds (« campagnes de bilans ») and the bilans marked received by hand.

use chrono::NaiveDate;
use rusqlite::params;

use super::contract::{duplicate_error, invalid_error};
use super::rows::{exists, upsert};
use super::{Saved, Store};
use crate::domain::{has_errors, BilanReceipt, CollectionRound, Id, Issue};
use crate::error::{Result, SqlContext};

impl Store {
    /// Every collection round with its receipts, by year.
    pub fn collection_rounds(&self) -> Result<Vec<CollectionRound>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, year, due_date, comment FROM collection_round ORDER BY year",
            )
            .ctx("lecture des campagnes de bilans")?;
        let mut out: Vec<CollectionRound> = stmt
            .query_map([], |r| {
                Ok(CollectionRound {
                    id: r.get(0)?,
                    year: r.get(1)?,
                    due_date: r.get(2)?,
                    comment: r.get(3)?,
                    receipts: vec![],
                })
            })
            .ctx("lecture des campagnes de bilans")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des campagnes de bilans")?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT round_id, action_id, received_on FROM bilan_receipt ORDER BY round_id, action_id",
            )
            .ctx("lecture des bilans reçus")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, Id>(0)?,
                    BilanReceipt {
                        action_id: r.get(1)?,
                        received_on: r.get(2)?,
                    },
                ))
            })
            .ctx("lecture des bilans reçus")?;
        for row in rows {
            let (round, receipt) = row.ctx("lecture des bilans reçus")?;
            if let Some(r) = out.iter_mut().find(|r| r.id == round) {
                r.receipts.push(receipt);
            }
        }
        Ok(out)
    }

    /// The collection round of `year`, if one was opened.
    pub fn collection_round(&self, year: i32) -> Result<Option<CollectionRound>> {
        Ok(self
            .collection_rounds()?
            .into_iter()
            .find(|r| r.year == year))
    }

    /// Opens or updates the collection round of a year (due date, comment, receipts).
    pub fn save_collection_round(&mut self, round: &CollectionRound) -> Result<Saved> {
        let mut issues = round.validate(self.period()?);
        for r in &round.receipts {
            if !exists(&self.conn, "action", r.action_id)? {
                issues.push(Issue::error(
                    "receipts",
                    format!("L'action n° {} n'existe pas.", r.action_id),
                ));
            }
        }
        if has_errors(&issues) {
            return Err(invalid_error("Campagne de bilans", issues));
        }
        let summary = format!("campagne de bilans {}", round.year);
        self.edit(
            if round.id == 0 { "create" } else { "update" },
            "collection_round",
            &summary,
            |tx| {
                let values = params![round.year, round.due_date, round.comment, round.id];
                let id = upsert(
                    tx,
                    round.id,
                    "Campagne de bilans",
                    || {
                        tx.execute(
                            "INSERT INTO collection_round (id, year, due_date, comment) VALUES (nullif(?4, 0), ?1, ?2, ?3)",
                            values,
                        )
                    },
                    || {
                        tx.execute(
                            "UPDATE collection_round SET year = ?1, due_date = ?2, comment = ?3 WHERE id = ?4",
                            values,
                        )
                    },
                )
                .map_err(|e| {
                    duplicate_error(
                        e,
                        "Campagne de bilans",
                        "year",
                        format!("Une campagne de bilans existe déjà pour {}.", round.year),
                    )
                })?;
                tx.execute("DELETE FROM bilan_receipt WHERE round_id = ?1", [id])
                    .ctx("écriture des bilans reçus")?;
                for r in &round.receipts {
                    tx.execute(
                        "INSERT INTO bilan_receipt (round_id, action_id, received_on) VALUES (?1, ?2, ?3)",
                        params![id, r.action_id, r.received_on],
                    )
                    .ctx("écriture des bilans reçus")?;
                }
                Ok((Saved { id, warnings: issues }, Some(id)))
            },
        )
    }

    /// Marks the bilan of one action for a round's year as received on a day, or (None) takes
    /// the mark back so that the bilan is judged by its values again.
    pub fn set_bilan_received(
        &mut self,
        year: i32,
        action_id: Id,
        received_on: Option<NaiveDate>,
    ) -> Result<Saved> {
        let Some(mut round) = self.collection_round(year)? else {
            return Err(invalid_error(
                "Campagne de bilans",
                vec![Issue::error(
                    "year",
                    format!("Aucune campagne de bilans n'est ouverte pour {year}."),
                )],
            ));
        };
        round.receipts.retain(|r| r.action_id != action_id);
        if let Some(day) = received_on {
            round.receipts.push(BilanReceipt {
                action_id,
                received_on: day,
            });
        }
        self.save_collection_round(&round)
    }

    /// Deletes a collection round (the values received stay: they belong to the indicators).
    pub fn delete_collection_round(&mut self, id: Id) -> Result<()> {
        self.delete("collection_round", "Campagne de bilans", id)
    }
}
