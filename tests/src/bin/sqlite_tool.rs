//! Another SQLite program, as a chef de projet's machine has them (a database browser, a sync
//! client's helper), for the hostile-paths tests:
//!
//! - `sqlite_tool wal FILE N`: switches FILE to WAL, adds N actors « Acteur du WAL i » and
//!   exits without closing, so the edits stay in `FILE-wal` beside it (with `FILE-shm`);
//! - `sqlite_tool hold FILE SECONDS`: opens FILE, takes a write lock (`BEGIN EXCLUSIVE`; in WAL
//!   mode the open connection alone keeps others from converting it), prints `prêt`, then
//!   sleeps.

use std::io::Write;

use rusqlite::Connection;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: sqlite_tool wal FILE N | hold FILE SECONDS";
    let (mode, file, n) = match args.as_slice() {
        [_, mode, file, n] => (mode.as_str(), file, n.parse::<u64>().expect(usage)),
        _ => panic!("{usage}"),
    };
    let conn = Connection::open(file).expect("open");
    match mode {
        "wal" => {
            let journal: String = conn
                .query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))
                .expect("WAL");
            assert_eq!(journal, "wal");
            conn.execute_batch("PRAGMA wal_autocheckpoint=0")
                .expect("no checkpoint");
            for i in 1..=n {
                conn.execute(
                    "INSERT INTO actor (name, kind) VALUES (?1, 'association')",
                    [format!("Acteur du WAL {i}")],
                )
                .expect("insert");
            }
            // Exit without closing: SQLite would otherwise fold the WAL back into the file.
            std::process::exit(0);
        }
        "hold" => {
            let journal: String = conn
                .query_row("PRAGMA journal_mode", [], |r| r.get(0))
                .expect("journal mode");
            if journal != "wal" {
                conn.execute_batch("BEGIN EXCLUSIVE").expect("lock");
            } else {
                conn.query_row("SELECT count(*) FROM actor", [], |r| r.get::<_, i64>(0))
                    .expect("read");
            }
            println!("prêt");
            std::io::stdout().flush().unwrap();
            std::thread::sleep(std::time::Duration::from_secs(n));
        }
        _ => panic!("{usage}"),
    }
}
