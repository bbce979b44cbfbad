//! The demo contract is deterministic: two runs give the same content (timestamps aside),
//! and the file is a sound Copil file.

use std::path::Path;

use copil_core::demo::create_demo;
use copil_core::store::schema;
use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags};

/// Every row of every table except the audit journal, without `contract.created_at`.
fn dump(path: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(tables.len() > 20, "{tables:?}");
    let mut out = Vec::new();
    for table in tables.iter().filter(|t| *t != "audit_log") {
        let columns: Vec<String> = conn
            .prepare(&format!(
                "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
            ))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let columns: Vec<String> = columns
            .into_iter()
            .filter(|c| !(table == "contract" && c == "created_at"))
            .map(|c| format!("\"{c}\""))
            .collect();
        let sql = format!(
            "SELECT {} FROM \"{table}\" ORDER BY rowid",
            columns.join(", ")
        );
        let mut stmt = conn.prepare(&sql).unwrap();
        let n = stmt.column_count();
        let rows = stmt
            .query_map([], |r| {
                let values: Vec<Value> =
                    (0..n).map(|i| r.get(i)).collect::<rusqlite::Result<_>>()?;
                Ok(format!("{table}: {values:?}"))
            })
            .unwrap();
        for row in rows {
            out.push(row.unwrap());
        }
    }
    out
}

#[test]
fn two_demos_have_identical_content() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("demo-a.copil");
    let b = dir.path().join("demo-b.copil");
    drop(create_demo(&a).unwrap());
    drop(create_demo(&b).unwrap());
    let (da, db) = (dump(&a), dump(&b));
    assert!(da.len() > 100, "the demo is substantial: {} rows", da.len());
    for kind in [
        "district",
        "objective",
        "indicator",
        "measurement",
        "action",
        "funding",
        "meeting",
        "decision",
        "actor",
    ] {
        assert!(
            da.iter().any(|r| r.starts_with(&format!("{kind}: "))),
            "no {kind} in the demo"
        );
    }
    if da != db {
        let first = da.iter().zip(&db).position(|(x, y)| x != y);
        panic!(
            "demos differ ({} vs {} rows), first difference at {first:?}: {:?} / {:?}",
            da.len(),
            db.len(),
            first.map(|i| &da[i]),
            first.map(|i| &db[i])
        );
    }
}

#[test]
fn the_demo_file_is_a_sound_copil_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.copil");
    let store = create_demo(&path).unwrap();
    assert_eq!(store.integrity_check().unwrap(), ["ok"]);
    drop(store);
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_eq!(app, schema::APPLICATION_ID);
    let check: String = conn
        .pragma_query_value(None, "integrity_check", |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::SCHEMA_VERSION);
    // Creating the demo over an existing file is refused.
    assert!(matches!(
        create_demo(&path).err().unwrap(),
        copil_core::CoreError::AlreadyExists(_)
    ));
}
