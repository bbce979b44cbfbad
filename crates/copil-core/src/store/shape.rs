//! The whole expected schema of each version, derived from the migrations themselves, and the
//! comparison that refuses a file missing any table, column, index or trigger of its version.
//!
//! The expectation is built by running `MIGRATIONS[..version]` in an in-memory database, so a
//! new migration is covered without writing anything here.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rusqlite::Connection;

use super::schema::{MIGRATIONS, SCHEMA_VERSION};

/// One column as `pragma table_info` describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct ColumnShape {
    decl_type: String,
    not_null: bool,
    default: Option<String>,
    primary_key: i64,
}

/// A table: its columns and foreign keys.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct TableShape {
    columns: BTreeMap<String, ColumnShape>,
    foreign_keys: Vec<String>,
}

/// Every table, index and trigger of a database, by name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Shape {
    tables: BTreeMap<String, TableShape>,
    /// Index name → (table, definition: unique flag, columns, normalised SQL).
    indexes: BTreeMap<String, (String, String)>,
    /// Trigger name → (table, normalised SQL).
    triggers: BTreeMap<String, (String, String)>,
}

/// SQL text without whitespace or case, so that a reformatted migration still matches.
fn normalise(sql: &str) -> String {
    sql.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Shape {
    /// Reads the shape of the database behind `conn` (read-only queries only).
    pub(crate) fn of(conn: &Connection) -> rusqlite::Result<Shape> {
        let mut shape = Shape::default();
        let mut objects = conn.prepare(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema \
             WHERE name NOT LIKE 'sqlite_stat%' ORDER BY name",
        )?;
        let rows = objects.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (kind, name, table, sql) = row?;
            match kind.as_str() {
                "table" => {
                    shape.tables.insert(name.clone(), table_shape(conn, &name)?);
                }
                "index" => {
                    let def = index_definition(conn, &table, &name, sql.as_deref())?;
                    shape.indexes.insert(name, (table, def));
                }
                "trigger" => {
                    let sql = normalise(sql.as_deref().unwrap_or_default());
                    shape.triggers.insert(name, (table, sql));
                }
                _ => {}
            }
        }
        Ok(shape)
    }

    /// What `self` (a file) lacks or has differently from `expected`, in French; empty when
    /// the file holds every part. Parts the file has in addition are tolerated.
    pub(crate) fn missing_from(&self, expected: &Shape) -> Vec<String> {
        let mut missing = Vec::new();
        for (name, want) in &expected.tables {
            let Some(have) = self.tables.get(name) else {
                missing.push(format!("table « {name} » absente"));
                continue;
            };
            for (column, want_col) in &want.columns {
                match have.columns.get(column) {
                    None => missing.push(format!("colonne « {name}.{column} » absente")),
                    Some(c) if c != want_col => {
                        missing.push(format!("colonne « {name}.{column} » différente"))
                    }
                    Some(_) => {}
                }
            }
            for fk in &want.foreign_keys {
                if !have.foreign_keys.contains(fk) {
                    missing.push(format!("référence « {name} → {fk} » absente"));
                }
            }
        }
        let table_present = |t: &String| self.tables.contains_key(t);
        for (name, (table, def)) in &expected.indexes {
            if !table_present(table) {
                continue;
            }
            match self.indexes.get(name) {
                None => missing.push(format!("index « {name} » absent")),
                Some((_, d)) if d != def => missing.push(format!("index « {name} » différent")),
                Some(_) => {}
            }
        }
        for (name, (table, sql)) in &expected.triggers {
            if !table_present(table) {
                continue;
            }
            match self.triggers.get(name) {
                None => missing.push(format!("déclencheur « {name} » absent")),
                Some((_, s)) if s != sql => {
                    missing.push(format!("déclencheur « {name} » différent"))
                }
                Some(_) => {}
            }
        }
        missing
    }
}

fn table_shape(conn: &Connection, table: &str) -> rusqlite::Result<TableShape> {
    let mut columns = BTreeMap::new();
    let mut info = conn.prepare(
        "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid",
    )?;
    let rows = info.query_map([table], |r| {
        Ok((
            r.get::<_, String>(0)?,
            ColumnShape {
                decl_type: r.get::<_, String>(1)?.to_uppercase(),
                not_null: r.get::<_, i64>(2)? != 0,
                default: r.get(3)?,
                primary_key: r.get(4)?,
            },
        ))
    })?;
    for row in rows {
        let (name, column) = row?;
        columns.insert(name, column);
    }
    let mut fks = conn.prepare(
        "SELECT \"from\", \"table\", ifnull(\"to\", ''), on_delete FROM pragma_foreign_key_list(?1) \
         ORDER BY id, seq",
    )?;
    let foreign_keys = fks
        .query_map([table], |r| {
            Ok(format!(
                "{}({}) via {} {}",
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(0)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(TableShape {
        columns,
        foreign_keys,
    })
}

/// An index as one comparable text: unique or not, its key columns (expressions marked), and
/// its SQL for the indexes written by hand (automatic ones have none).
fn index_definition(
    conn: &Connection,
    table: &str,
    name: &str,
    sql: Option<&str>,
) -> rusqlite::Result<String> {
    let unique: i64 = conn
        .query_row(
            "SELECT \"unique\" FROM pragma_index_list(?1) WHERE name = ?2",
            [table, name],
            |r| r.get(0),
        )
        .unwrap_or(0);
    let mut xinfo = conn.prepare(
        "SELECT ifnull(name, '<expr>'), \"desc\" FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno",
    )?;
    let columns = xinfo
        .query_map([name], |r| {
            Ok(format!(
                "{}{}",
                r.get::<_, String>(0)?,
                if r.get::<_, i64>(1)? != 0 {
                    " desc"
                } else {
                    ""
                }
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(format!(
        "unique={unique} ({}) {}",
        columns.join(", "),
        sql.map(normalise).unwrap_or_default()
    ))
}

/// The shape a file of `version` must have: the migrations up to it, run in memory once.
pub(crate) fn expected(version: i64) -> &'static Shape {
    static SHAPES: OnceLock<Vec<Shape>> = OnceLock::new();
    let shapes = SHAPES.get_or_init(|| {
        let conn = Connection::open_in_memory().expect("an in-memory database");
        let mut shapes = vec![Shape::default()];
        for step in MIGRATIONS {
            conn.execute_batch(step)
                .expect("the migrations run on an empty database");
            shapes.push(Shape::of(&conn).expect("the shape of an in-memory database"));
        }
        shapes
    });
    let index = usize::try_from(version.clamp(0, SCHEMA_VERSION)).unwrap_or(0);
    &shapes[index]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_version_has_its_own_shape_and_a_fresh_file_has_all_of_it() {
        for v in 1..=SCHEMA_VERSION {
            assert!(!expected(v).tables.is_empty(), "schéma {v}");
            assert!(expected(v).missing_from(expected(v)).is_empty());
        }
        let conn = Connection::open_in_memory().unwrap();
        for step in MIGRATIONS {
            conn.execute_batch(step).unwrap();
        }
        conn.execute_batch("DROP TABLE funding; DROP INDEX measurement_indicator; DROP TRIGGER audit_log_append_only_delete; ALTER TABLE decision DROP COLUMN closed_on;").unwrap();
        let missing = Shape::of(&conn)
            .unwrap()
            .missing_from(expected(SCHEMA_VERSION));
        assert_eq!(
            missing,
            [
                "colonne « decision.closed_on » absente",
                "table « funding » absente",
                "index « measurement_indicator » absent",
                "déclencheur « audit_log_append_only_delete » absent",
            ]
        );
    }
}
