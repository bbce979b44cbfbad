//! Storing the indice de fragilité numérique of the contract's communes and EPCI.

use rusqlite::params;

use super::Store;
use crate::domain::{FragilityScore, IfnDivision};
use crate::error::{Result, SqlContext};

impl Store {
    /// Every score kept from La MedNum's files: communes by code, then the EPCI.
    pub fn fragility_scores(&self) -> Result<Vec<FragilityScore>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT division, code, name, no_thd_coverage, no_4g_coverage, poverty, older_65, no_diploma, total, \
                 file_name, file_date, line FROM ifn_score ORDER BY division = 'epci', code",
            )
            .ctx("lecture de l'indice de fragilité numérique")?;
        let rows = stmt
            .query_map([], |r| {
                Ok(FragilityScore {
                    division: r.get(0)?,
                    code: r.get(1)?,
                    name: r.get(2)?,
                    components: [r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                    total: r.get(8)?,
                    file_name: r.get(9)?,
                    file_date: r.get(10)?,
                    line: r.get::<_, i64>(11)? as usize,
                })
            })
            .ctx("lecture de l'indice de fragilité numérique")?;
        rows.collect::<rusqlite::Result<_>>()
            .ctx("lecture de l'indice de fragilité numérique")
    }

    /// Replaces the scores of one division (communes, or EPCI) by those of a newer file.
    pub(crate) fn replace_fragility_scores(
        &mut self,
        division: IfnDivision,
        scores: &[FragilityScore],
    ) -> Result<()> {
        let summary = format!(
            "indice de fragilité numérique ({}) : {} ligne(s)",
            division.label(),
            scores.len()
        );
        self.edit("import", "ifn_score", &summary, |tx| {
            tx.execute("DELETE FROM ifn_score WHERE division = ?1", [division])
                .ctx("écriture de l'indice de fragilité numérique")?;
            let mut stmt = tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO ifn_score (division, code, name, no_thd_coverage, no_4g_coverage, poverty, older_65, \
                     no_diploma, total, file_name, file_date, line) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                )
                .ctx("écriture de l'indice de fragilité numérique")?;
            for s in scores {
                let [a, b, c, d, e] = s.components;
                stmt.execute(params![
                    s.division,
                    s.code,
                    s.name,
                    a,
                    b,
                    c,
                    d,
                    e,
                    s.total,
                    s.file_name,
                    s.file_date,
                    s.line as i64
                ])
                .ctx("écriture de l'indice de fragilité numérique")?;
            }
            Ok(((), None))
        })
    }
}
