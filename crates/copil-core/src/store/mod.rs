//! The contract file: opening (with every refusal), migrations, transactions and the audit journal.

mod actions;
mod audit;
mod backup;
mod contract;
mod indicators;
pub mod lock;
mod meetings;
mod objectives;
mod rounds;
pub(crate) mod rows;
pub mod schema;
mod sittings;

pub use audit::AuditEntry;
pub use backup::{backup_dir_for, list_backups, restore, BackupInfo};
pub use indicators::BilanReplaced;
pub use meetings::{IssuedKind, IssuedReport};
pub use sittings::{avis_decision_text, SittingResume};

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use ts_rs::TS;

use crate::domain::{has_errors, Contract, District, Id, Issue, Period, Theme, DEFAULT_THEMES};
use crate::error::{CoreError, Result, SqlContext};
use schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};

/// An open contract file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    read_only: bool,
    user: String,
    /// Held while the file is open for editing (None when read-only).
    _lock: Option<lock::FileLock>,
    /// French notices for the user, gathered at open.
    notices: Vec<String>,
    /// Inside [`Store::import_batch`]: edits use savepoints and skip their own audit line.
    in_batch: bool,
}

/// What a save returns: the row id and the warnings the user should see.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct Saved {
    /// Id of the stored record.
    pub id: Id,
    /// Non-blocking findings.
    pub warnings: Vec<Issue>,
}

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

impl Store {
    /// Creates a new contract file with the default themes; refuses to overwrite an existing file.
    pub fn create(path: &Path, contract: &Contract) -> Result<Store> {
        Store::create_with(path, contract, &[], None)
    }

    /// Creates a new contract file with its QPVs and its themes (`None`: the default themes),
    /// all in the one creation transaction: if any of them is refused, no file is left behind.
    pub fn create_with(
        path: &Path,
        contract: &Contract,
        districts: &[District],
        themes: Option<&[String]>,
    ) -> Result<Store> {
        check_new(contract, districts, themes)?;
        if path.exists() {
            return Err(CoreError::AlreadyExists(path.to_path_buf()));
        }
        // Build in a temporary file beside the target, then move it in place: no half-created file.
        let dir = parent_dir(path);
        let tmp = tempfile_in(dir, path)?;
        let built = Store::from_connection(open_rw(&tmp)?, tmp.clone(), false)
            .build_new(contract, districts, themes);
        if let Err(e) = built {
            remove_with_journal(&tmp);
            return Err(e);
        }
        if let Err(source) = std::fs::rename(&tmp, path) {
            remove_with_journal(&tmp);
            return Err(CoreError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
        Store::open_with(path, false)
    }

    /// Writes the schema and the first records of a new file in one transaction.
    fn build_new(
        mut self,
        contract: &Contract,
        districts: &[District],
        themes: Option<&[String]>,
    ) -> Result<()> {
        self.init_pragmas()?;
        let tx = self.conn.transaction().ctx("création du fichier")?;
        for step in MIGRATIONS {
            tx.execute_batch(step).ctx("création du schéma")?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)
            .ctx("création du schéma")?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .ctx("création du schéma")?;
        contract::insert(&tx, contract)?;
        match themes {
            None => contract::insert_themes(&tx, &DEFAULT_THEMES[..])?,
            Some(names) => contract::insert_themes(&tx, names)?,
        }
        for d in districts {
            contract::write_district(&tx, d)?;
        }
        audit::record(
            &tx,
            &self.user,
            "create",
            "contract",
            Some(1),
            &contract.name,
        )?;
        tx.commit().ctx("création du fichier")
    }

    /// Opens a contract file for editing; a read-only file opens read-only.
    ///
    /// Refuses, without changing a byte, anything that is not a sound Copil file of a known version.
    /// An older schema is migrated in one transaction after a backup copy.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, true)
    }

    fn open_with(path: &Path, daily_backup: bool) -> Result<Store> {
        let version = inspect(path)?;
        let writable = is_writable(path);
        if !writable {
            return Store::open_read_only(path);
        }
        let file_lock = lock::FileLock::acquire(path)?;
        let mut notices = Vec::new();
        if version < SCHEMA_VERSION {
            backup::copy_before(path, "migration")?;
        } else if let Err(e) = daily_backup.then(|| backup::daily_backup(path)).transpose() {
            notices.push(format!("La sauvegarde automatique à l'ouverture a échoué : {e}. Le fichier lui-même est intact."));
        }
        let mut store = Store::from_connection(open_rw(path)?, path.to_path_buf(), false);
        store._lock = Some(file_lock);
        store.notices = notices;
        store.init_pragmas()?;
        if version < SCHEMA_VERSION {
            store.migrate(version)?;
        }
        Ok(store)
    }

    /// Opens a contract file for reading only (consultation, or a file someone else holds).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let version = inspect(path)?;
        if version < SCHEMA_VERSION {
            return Err(CoreError::Damaged {
                path: path.to_path_buf(),
                detail: format!("schéma {version} à mettre à jour, impossible en lecture seule"),
            });
        }
        let conn = open_ro(path)?;
        let mut store = Store::from_connection(conn, path.to_path_buf(), true);
        if !is_writable(path) {
            store.notices.push("Ce fichier est en lecture seule : il est ouvert en consultation, aucune modification n'est possible.".into());
        }
        Ok(store)
    }

    /// Things the user should be told about this file (read-only, a backup that failed).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    fn from_connection(conn: Connection, path: PathBuf, read_only: bool) -> Store {
        Store {
            conn,
            path,
            read_only,
            user: current_user(),
            _lock: None,
            in_batch: false,
            notices: Vec::new(),
        }
    }

    fn init_pragmas(&mut self) -> Result<()> {
        self.conn
            .execute_batch(
                "PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
            )
            .ctx("réglage du fichier")
    }

    fn migrate(&mut self, from: i64) -> Result<()> {
        let user = self.user.clone();
        let tx = self.conn.transaction().ctx("migration")?;
        for (i, step) in MIGRATIONS.iter().enumerate().skip(from as usize) {
            tx.execute_batch(step)
                .ctx(&format!("migration vers le schéma {}", i + 1))?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .ctx("migration")?;
        audit::record(
            &tx,
            &user,
            "migrate",
            "schema",
            None,
            &format!("schéma {from} → {SCHEMA_VERSION}"),
        )?;
        tx.commit().ctx("migration")
    }

    /// Path of the open file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether edits are refused (read-only file or folder, or opened for consultation).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Read access to the connection for the figures and the report.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The contract period, used to validate dates.
    pub fn period(&self) -> Result<Period> {
        Ok(self.contract()?.period())
    }

    /// Runs one edit in one transaction and records it in the audit journal.
    ///
    /// `f` returns the id of the record it touched; nothing is written if it fails.
    /// Inside [`Store::import_batch`] the edit is a savepoint of the batch's transaction.
    pub(crate) fn edit<T>(
        &mut self,
        operation: &str,
        entity: &str,
        summary: &str,
        f: impl FnOnce(&Connection) -> Result<(T, Option<Id>)>,
    ) -> Result<T> {
        if self.read_only {
            return Err(CoreError::ReadOnly(self.path.clone()));
        }
        if self.in_batch {
            let sp = self.conn.savepoint().ctx("début de la modification")?;
            let (value, _) = f(&sp)?;
            sp.commit().ctx("enregistrement")?;
            return Ok(value);
        }
        let tx = self.conn.transaction().ctx("début de la modification")?;
        let (value, id) = f(&tx)?;
        audit::record(&tx, &self.user, operation, entity, id, summary)?;
        tx.commit().ctx("enregistrement")?;
        Ok(value)
    }

    /// Runs many saves (`save_*`) as ONE transaction, recorded as one line of the audit journal.
    ///
    /// If `f` fails, nothing at all is written. Each save still validates its record.
    pub fn import_batch<T>(
        &mut self,
        operation: &str,
        summary: &str,
        f: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.batch_with(operation, |s| f(s).map(|v| (v, Some(summary.to_string()))))
    }

    /// Like [`Store::import_batch`], but `f` decides at the end: `Some(summary)` commits, `None` rolls back.
    pub(crate) fn batch_with<T>(
        &mut self,
        operation: &str,
        f: impl FnOnce(&mut Store) -> Result<(T, Option<String>)>,
    ) -> Result<T> {
        if self.read_only {
            return Err(CoreError::ReadOnly(self.path.clone()));
        }
        if self.in_batch {
            return f(self).map(|(v, _)| v);
        }
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .ctx("début de l'import")?;
        self.in_batch = true;
        let result = f(self);
        self.in_batch = false;
        let finish = match result {
            Ok((value, Some(summary))) => audit::record(
                &self.conn, &self.user, operation, "contract", None, &summary,
            )
            .and_then(|_| {
                self.conn
                    .execute_batch("COMMIT")
                    .ctx("enregistrement de l'import")
            })
            .map(|_| value),
            Ok((value, None)) => self
                .conn
                .execute_batch("ROLLBACK")
                .ctx("annulation de l'import")
                .map(|_| value),
            Err(e) => Err(e),
        };
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        finish
    }

    /// Runs `PRAGMA integrity_check` (the full check, slower than the one at open).
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA integrity_check")
            .ctx("vérification")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .ctx("vérification")?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .ctx("vérification")
    }

    /// Schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .ctx("lecture de la version")
    }
}

/// Checks a file without writing to it and returns its schema version.
fn inspect(path: &Path) -> Result<i64> {
    inspect_file(path, false)
}

fn inspect_file(path: &Path, recovered: bool) -> Result<i64> {
    let mut file = File::open(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CoreError::NotFound(path.to_path_buf()),
        _ => CoreError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let mut header = [0u8; 100];
    let len = read_up_to(&mut file, &mut header).map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if len < 100 || &header[..16] != SQLITE_HEADER {
        return Err(CoreError::NotSqlite(path.to_path_buf()));
    }
    let app_id = i32::from_be_bytes([header[68], header[69], header[70], header[71]]);
    if app_id != APPLICATION_ID {
        return Err(CoreError::ForeignDatabase(path.to_path_buf()));
    }
    let version = i64::from(i32::from_be_bytes([
        header[60], header[61], header[62], header[63],
    ]));
    if version > SCHEMA_VERSION {
        return Err(CoreError::NewerSchema {
            path: path.to_path_buf(),
            found: version,
            supported: SCHEMA_VERSION,
        });
    }
    let damaged = |detail: String| CoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    if !recovered && has_hot_journal(path) {
        // An edit was interrupted (crash, power cut): SQLite puts the file back as it was
        // before that edit from the journal beside it. That needs write access.
        if !is_writable(path) {
            return Err(damaged(
                "une modification interrompue doit être annulée, mais le fichier est en lecture seule".into(),
            ));
        }
        let conn = open_rw(path)?;
        conn.query_row("PRAGMA quick_check", [], |r| r.get::<_, String>(0))
            .map_err(|e| damaged(e.to_string()))?;
        drop(conn);
        // A journal left before anything reached the file is not "hot": SQLite ignores it.
        return inspect_file(path, true);
    }
    // A file cut short may pass quick_check when the lost bytes were free space: compare its
    // length with the size the header declares (valid when the change counters agree).
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let file_len = file
        .metadata()
        .map_err(|source| CoreError::Io {
            path: path.to_path_buf(),
            source,
        })?
        .len();
    if header[24..28] == header[92..96] && pages > 0 && file_len < page_size * pages {
        return Err(damaged(format!(
            "fichier tronqué : {file_len} octets au lieu de {}",
            page_size * pages
        )));
    }
    let conn = open_ro(path)?;
    let result: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| damaged(e.to_string()))?;
    if result != "ok" {
        return Err(damaged(result));
    }
    let has_contract: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'contract'",
            [],
            |r| r.get(0),
        )
        .map_err(|e| damaged(e.to_string()))?;
    if has_contract == 0 {
        return Err(damaged("table du contrat absente".into()));
    }
    Ok(version)
}

/// Whether an interrupted edit left a rollback journal beside the file.
fn has_hot_journal(path: &Path) -> bool {
    let mut name = path.as_os_str().to_os_string();
    name.push("-journal");
    std::fs::metadata(PathBuf::from(name)).is_ok_and(|m| m.len() > 0)
}

fn read_up_to(file: &mut File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut total = 0;
    while total < buf.len() {
        match file.read(&mut buf[total..])? {
            0 => break,
            n => total += n,
        }
    }
    Ok(total)
}

fn open_ro(path: &Path) -> Result<Connection> {
    // immutable=0 and a read-only URI: SQLite may read a hot journal but never writes.
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| CoreError::Damaged {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .ctx("ouverture")?;
    Ok(conn)
}

fn open_rw(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| CoreError::sqlite(format!("ouverture de {}", path.display()), e))?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .ctx("ouverture")?;
    Ok(conn)
}

fn is_writable(path: &Path) -> bool {
    // Permission bits count even for an administrator: a file marked read-only stays untouched.
    let marked_read_only = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.permissions().readonly())
            .unwrap_or(true)
    };
    if marked_read_only(path) || marked_read_only(parent_dir(path)) {
        return false;
    }
    let file_ok = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    // The rollback journal is created beside the file: the folder must be writable too.
    let dir = parent_dir(path);
    let probe = dir.join(format!(".copil-probe-{}", std::process::id()));
    let dir_ok = File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    file_ok && dir_ok
}

pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Every rule a new contract, its QPVs and its themes must meet, checked before any file
/// exists; an issue on a QPV names it, since the wizard and `copil init` give several.
fn check_new(contract: &Contract, districts: &[District], themes: Option<&[String]>) -> Result<()> {
    let issues = contract.validate();
    if has_errors(&issues) {
        return Err(CoreError::Invalid {
            entity: "Contrat",
            issues,
        });
    }
    let mut issues = Vec::new();
    for (i, d) in districts.iter().enumerate() {
        let named = match (d.code.trim(), d.name.trim()) {
            ("", _) => format!("quartier n° {}", i + 1),
            (code, "") => code.to_string(),
            (code, name) => format!("{code} « {name} »"),
        };
        issues.extend(
            d.validate()
                .into_iter()
                .filter(|issue| issue.severity == crate::domain::Severity::Error)
                .map(|issue| Issue {
                    message: format!("{named} : {}", issue.message),
                    ..issue
                }),
        );
    }
    if has_errors(&issues) {
        return Err(CoreError::Invalid {
            entity: "Quartier",
            issues,
        });
    }
    for name in themes.unwrap_or_default() {
        let issues = Theme {
            id: 0,
            name: name.clone(),
            position: 0,
        }
        .validate();
        if has_errors(&issues) {
            return Err(CoreError::Invalid {
                entity: "Thème",
                issues,
            });
        }
    }
    Ok(())
}

/// Removes a file that was being built, and the rollback journal SQLite may have left beside it.
fn remove_with_journal(path: &Path) {
    let _ = std::fs::remove_file(path);
    let mut journal = path.as_os_str().to_os_string();
    journal.push("-journal");
    let _ = std::fs::remove_file(PathBuf::from(journal));
}

fn tempfile_in(dir: &Path, target: &Path) -> Result<PathBuf> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    File::create(&tmp).map_err(|source| CoreError::Io {
        path: tmp.clone(),
        source,
    })?;
    Ok(tmp)
}

/// The OS user name, recorded in the audit journal.
pub fn current_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.is_empty()))
        .or_else(user_from_passwd)
        .unwrap_or_else(|| "inconnu".into())
}

/// The name of this process's user from /etc/passwd (when no variable names it, as in services).
fn user_from_passwd() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let uid = status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))?
        .split_whitespace()
        .next()?
        .to_string();
    let passwd = std::fs::read_to_string("/etc/passwd").ok()?;
    passwd.lines().find_map(|l| {
        let mut fields = l.split(':');
        let name = fields.next()?;
        (fields.nth(1)? == uid).then(|| name.to_string())
    })
}
