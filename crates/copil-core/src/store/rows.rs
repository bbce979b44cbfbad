//! Helpers shared by the entity stores: link tables and id lists.

use rusqlite::{params, Connection};

use crate::domain::Id;
use crate::error::{Result, SqlContext};

/// Replaces the links of `owner` in a two-column link table.
pub(crate) fn replace_links(
    conn: &Connection,
    table: &str,
    owner_col: &str,
    other_col: &str,
    owner: Id,
    others: &[Id],
) -> Result<()> {
    let context = format!("liens {table}");
    conn.execute(
        &format!("DELETE FROM {table} WHERE {owner_col} = ?1"),
        [owner],
    )
    .ctx(&context)?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "INSERT OR IGNORE INTO {table} ({owner_col}, {other_col}) VALUES (?1, ?2)"
        ))
        .ctx(&context)?;
    for other in others {
        stmt.execute(params![owner, other]).ctx(&context)?;
    }
    Ok(())
}

/// Reads the ids linked to `owner` in a two-column link table, sorted.
pub(crate) fn links(
    conn: &Connection,
    table: &str,
    owner_col: &str,
    other_col: &str,
    owner: Id,
) -> Result<Vec<Id>> {
    let context = format!("liens {table}");
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {other_col} FROM {table} WHERE {owner_col} = ?1 ORDER BY {other_col}"
        ))
        .ctx(&context)?;
    let ids = stmt.query_map([owner], |r| r.get(0)).ctx(&context)?;
    ids.collect::<rusqlite::Result<_>>().ctx(&context)
}

/// Reads every link of a two-column link table at once (or only `owner`'s), grouped by owner and
/// sorted like [`links`]: one query instead of one per owner.
pub(crate) fn links_by_owner(
    conn: &Connection,
    table: &str,
    owner_col: &str,
    other_col: &str,
    only: Option<Id>,
) -> Result<std::collections::HashMap<Id, Vec<Id>>> {
    let context = format!("liens {table}");
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {owner_col}, {other_col} FROM {table} WHERE ?1 IS NULL OR {owner_col} = ?1 \
             ORDER BY {owner_col}, {other_col}"
        ))
        .ctx(&context)?;
    let mut out: std::collections::HashMap<Id, Vec<Id>> = std::collections::HashMap::new();
    let rows = stmt
        .query_map([only], |r| Ok((r.get::<_, Id>(0)?, r.get::<_, Id>(1)?)))
        .ctx(&context)?;
    for row in rows {
        let (owner, other) = row.ctx(&context)?;
        out.entry(owner).or_default().push(other);
    }
    Ok(out)
}

/// Whether a row with this id exists in `table`.
pub(crate) fn exists(conn: &Connection, table: &str, id: Id) -> Result<bool> {
    conn.query_row(
        &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
        [id],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
    .ctx(&format!("lecture {table}"))
}

/// Inserts (id 0) or updates a row, returning its id; `None` from `update` means the row was missing.
pub(crate) fn upsert(
    conn: &Connection,
    id: Id,
    entity: &'static str,
    insert: impl FnOnce() -> rusqlite::Result<usize>,
    update: impl FnOnce() -> rusqlite::Result<usize>,
) -> Result<Id> {
    if id == 0 {
        insert().ctx(&format!("ajout {entity}"))?;
        Ok(conn.last_insert_rowid())
    } else {
        match update().ctx(&format!("mise à jour {entity}"))? {
            0 => Err(crate::error::CoreError::Missing { entity, id }),
            _ => Ok(id),
        }
    }
}

/// Turns a UNIQUE constraint failure into a clear French validation error.
pub(crate) fn unique_violation(err: &crate::error::CoreError) -> bool {
    matches!(err, crate::error::CoreError::Sqlite { source: rusqlite::Error::SqliteFailure(e, _), .. }
        if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY)
}
