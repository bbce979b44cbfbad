//! The contract file: opening (with every refusal), migrations, transactions and the audit journal.

mod actions;
mod audit;
mod backup;
mod contract;
mod coop;
mod ifn;
mod indicators;
pub mod lock;
mod meetings;
mod objectives;
mod open;
pub(crate) mod places;
mod rounds;
pub(crate) mod rows;
pub mod schema;
mod shape;
mod sittings;

pub use audit::AuditEntry;
pub use backup::{backup_dir_for, list_backups, restore, BackupInfo};
pub use coop::{CoopCommune, CoopImportRecord};
pub use indicators::BilanReplaced;
pub use meetings::{IssuedKind, IssuedReport};
pub use sittings::{avis_decision_text, SittingResume};

use std::fs::File;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use crate::domain::{has_errors, Contract, District, Id, Issue, Period, Theme, DEFAULT_THEMES};
use crate::error::{CoreError, Result, SqlContext};
pub(crate) use open::parent_dir;
use open::{inspect, is_writable, open_ro, open_rw};
use schema::{APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION};

/// The notice of a file opened read-only because it (or its folder) cannot be written.
pub const READ_ONLY_NOTICE: &str = "Ce fichier est en lecture seule : il est ouvert en consultation, aucune modification n'est possible.";

/// An open contract file.
pub struct Store {
    conn: Connection,
    /// The real file (links resolved): the lock, the backups and the journal sit beside it.
    path: PathBuf,
    /// The path as the user gave it (a link keeps its own name).
    opened_as: PathBuf,
    read_only: bool,
    user: String,
    /// Held while the file is open for editing (None when read-only).
    _lock: Option<lock::FileLock>,
    /// French notices for the user, gathered at open.
    notices: Vec<String>,
    /// Inside [`Store::import_batch`]: edits use savepoints and skip their own audit line.
    in_batch: bool,
    /// The day's first backup is still to be made, before the first write.
    daily_backup_due: bool,
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
        // A link counts as a file, even one pointing nowhere: nothing is written through it.
        if path.symlink_metadata().is_ok() {
            return Err(CoreError::AlreadyExists(path.to_path_buf()));
        }
        // Build in a temporary file beside the target, then move it in place: no half-created file.
        let dir = parent_dir(path);
        let tmp = tempfile_in(dir, path)?;
        let built = Store::from_connection(open_rw(&tmp)?, tmp.clone(), tmp.clone(), false)
            .build_new(contract, districts, themes);
        if let Err(e) = built {
            remove_with_journal(&tmp);
            return Err(e);
        }
        if let Err(source) = std::fs::rename(&tmp, path) {
            remove_with_journal(&tmp);
            return Err(CoreError::io(path, source));
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
    /// Refuses, without changing a byte, anything that is not a sound Copil file of a known
    /// version (see [`open`]). A link opens the real file. A WAL file is folded into the
    /// rollback journal after a complete backup; an older schema is migrated in one transaction
    /// after a backup copy.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, true)
    }

    fn open_with(path: &Path, daily_backup: bool) -> Result<Store> {
        Store::open_full(path, daily_backup, None)
    }

    /// Opens for editing a file whose lock this process already holds (a restore).
    pub(crate) fn open_held(
        real: &Path,
        given: &Path,
        held: Option<lock::FileLock>,
    ) -> Result<Store> {
        let mut store = Store::open_full(real, false, held)?;
        store.opened_as = given.to_path_buf();
        Ok(store)
    }

    fn open_full(path: &Path, daily_backup: bool, held: Option<lock::FileLock>) -> Result<Store> {
        let real = open::resolve(path)?;
        let header = open::Header::read(&real)?;
        if !is_writable(&real) {
            return Store::read_only_at(path, real, &header);
        }
        let file_lock = match held {
            Some(lock) => lock,
            None => lock::FileLock::acquire(&real)?,
        };
        let mut notices = Vec::new();
        if let Some(found) = open::wal_found(&real, &header) {
            notices.push(wal_folded(&real, &found, open::fold_wal(&real)?));
        }
        let version = inspect(&real)?;
        if version < SCHEMA_VERSION {
            backup::copy_before(&real, "migration")?;
        }
        let mut store = Store::from_connection(open_rw(&real)?, real, path.to_path_buf(), false);
        store._lock = Some(file_lock);
        store.notices = notices;
        store.daily_backup_due = daily_backup && version == SCHEMA_VERSION;
        store.init_pragmas()?;
        if version < SCHEMA_VERSION {
            store.migrate(version)?;
        }
        Ok(store)
    }

    /// Opens a contract file for reading only (consultation, or a file someone else holds).
    ///
    /// Nothing is written, with one exception that loses nothing: a WAL file that may be
    /// written and that no one holds is folded in first, after a complete backup (SQLite
    /// cannot read it without writing beside it).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let real = open::resolve(path)?;
        let header = open::Header::read(&real)?;
        Store::read_only_at(path, real, &header)
    }

    fn read_only_at(given: &Path, real: PathBuf, header: &open::Header) -> Result<Store> {
        let writable = is_writable(&real);
        let mut notices = Vec::new();
        if let Some(found) = open::wal_found(&real, header) {
            if !writable {
                return Err(CoreError::WalJournal {
                    path: real,
                    found,
                    what_to_do: "Copil ne peut pas le lire sans écrire à côté, et le fichier ou son dossier est en lecture seule. Copiez le fichier et ses fichiers « -wal » et « -shm » dans un dossier à vous, puis ouvrez la copie : Copil la convertira sans perte après une sauvegarde complète.",
                });
            }
            let held = match lock::FileLock::acquire(&real) {
                Ok(held) => held,
                Err(CoreError::Locked { .. }) => {
                    return Err(CoreError::WalJournal {
                        path: real,
                        found,
                        what_to_do: "il est ouvert dans Copil ailleurs ; fermez-le là-bas, puis rouvrez-le ici : Copil le convertira sans perte après une sauvegarde complète.",
                    })
                }
                Err(e) => return Err(e),
            };
            notices.push(wal_folded(&real, &found, open::fold_wal(&real)?));
            drop(held);
        }
        let version = inspect(&real)?;
        if version < SCHEMA_VERSION {
            return Err(CoreError::Damaged {
                path: real,
                detail: format!("schéma {version} à mettre à jour, impossible en lecture seule"),
            });
        }
        let conn = open_ro(&real)?;
        let mut store = Store::from_connection(conn, real, given.to_path_buf(), true);
        store.notices = notices;
        if !writable {
            store.notices.push(READ_ONLY_NOTICE.into());
        }
        Ok(store)
    }

    /// Things the user should be told about this file (read-only, a backup that failed).
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    fn from_connection(
        conn: Connection,
        path: PathBuf,
        opened_as: PathBuf,
        read_only: bool,
    ) -> Store {
        Store {
            conn,
            path,
            opened_as,
            read_only,
            user: current_user(),
            _lock: None,
            in_batch: false,
            notices: Vec::new(),
            daily_backup_due: false,
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

    /// The real file (links resolved): where the lock, the backups and the journal are.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path as the user opened it (a link keeps its own name): what the window title shows.
    pub fn opened_as(&self) -> &Path {
        &self.opened_as
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
    /// The day's first write is preceded by the day's backup.
    pub(crate) fn edit<T>(
        &mut self,
        operation: &str,
        entity: &str,
        summary: &str,
        f: impl FnOnce(&Connection) -> Result<(T, Option<Id>)>,
    ) -> Result<T> {
        if self.read_only {
            return Err(CoreError::ReadOnly(self.opened_as.clone()));
        }
        if self.in_batch {
            let sp = self.conn.savepoint().ctx("début de la modification")?;
            let (value, _) = f(&sp)?;
            sp.commit().ctx("enregistrement")?;
            return Ok(value);
        }
        self.daily_backup();
        let tx = self.conn.transaction().ctx("début de la modification")?;
        let (value, id) = f(&tx)?;
        audit::record(&tx, &self.user, operation, entity, id, summary)?;
        tx.commit().ctx("enregistrement")?;
        Ok(value)
    }

    /// Makes the day's first backup if it is due (a write is about to happen); a failure is
    /// told as a notice and does not stop the edit, which leaves the file whole either way.
    fn daily_backup(&mut self) {
        if !std::mem::take(&mut self.daily_backup_due) {
            return;
        }
        let done = backup::list_backups(&self.path).is_ok_and(|list| backup::made_today(&list));
        if !done {
            if let Err(e) = self.backup(None, "ouverture") {
                self.notices.push(format!("La sauvegarde automatique du jour a échoué : {e}. Le fichier lui-même est intact."));
            }
        }
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
    ///
    /// Inside another batch it is a savepoint of that batch: kept with its own line of the audit
    /// journal, or rolled back alone (one workbook of several imported at once).
    pub(crate) fn batch_with<T>(
        &mut self,
        operation: &str,
        f: impl FnOnce(&mut Store) -> Result<(T, Option<String>)>,
    ) -> Result<T> {
        self.batch_with_backup(operation, None, f).map(|(v, _)| v)
    }

    /// Like [`Store::batch_with`], and when (only when) the batch commits, a backup named
    /// `reason` of the file as it was before is made first; if it cannot be made, nothing is
    /// written. Returns the backup made.
    pub(crate) fn batch_with_backup<T>(
        &mut self,
        operation: &str,
        reason: Option<&str>,
        f: impl FnOnce(&mut Store) -> Result<(T, Option<String>)>,
    ) -> Result<(T, Option<PathBuf>)> {
        if self.read_only {
            return Err(CoreError::ReadOnly(self.opened_as.clone()));
        }
        if self.in_batch {
            return self.nested_batch(operation, f).map(|v| (v, None));
        }
        // The backup is read through a second connection while this one holds its write
        // transaction: the transaction's pages must stay in memory until COMMIT.
        self.conn
            .execute_batch("PRAGMA cache_spill=OFF; BEGIN IMMEDIATE")
            .ctx("début de l'import")?;
        self.in_batch = true;
        let result = f(self);
        self.in_batch = false;
        let finish = match result {
            Ok((value, Some(summary))) => self.backup_before_commit(reason).and_then(|backup| {
                audit::record(
                    &self.conn, &self.user, operation, "contract", None, &summary,
                )?;
                self.conn
                    .execute_batch("COMMIT")
                    .ctx("enregistrement de l'import")?;
                Ok((value, backup))
            }),
            Ok((value, None)) => self
                .conn
                .execute_batch("ROLLBACK")
                .ctx("annulation de l'import")
                .map(|_| (value, None)),
            Err(e) => Err(e),
        };
        if !self.conn.is_autocommit() {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
        let _ = self.conn.execute_batch("PRAGMA cache_spill=ON");
        finish
    }

    /// A batch inside a batch, as a savepoint (see [`Store::batch_with`]).
    fn nested_batch<T>(
        &mut self,
        operation: &str,
        f: impl FnOnce(&mut Store) -> Result<(T, Option<String>)>,
    ) -> Result<T> {
        self.conn
            .execute_batch("SAVEPOINT nested_batch")
            .ctx("début de l'import")?;
        let rollback = |conn: &Connection| {
            conn.execute_batch("ROLLBACK TO nested_batch; RELEASE nested_batch")
                .ctx("annulation de l'import")
        };
        match f(self) {
            Ok((value, Some(summary))) => {
                audit::record(
                    &self.conn, &self.user, operation, "contract", None, &summary,
                )?;
                self.conn
                    .execute_batch("RELEASE nested_batch")
                    .ctx("enregistrement de l'import")?;
                Ok(value)
            }
            Ok((value, None)) => rollback(&self.conn).map(|_| value),
            Err(e) => {
                let _ = rollback(&self.conn);
                Err(e)
            }
        }
    }

    /// Inside a batch about to commit: the backup asked for (an error stops the batch), or the
    /// day's first backup if it is due (a failure is a notice). Both copy the committed file.
    fn backup_before_commit(&mut self, reason: Option<&str>) -> Result<Option<PathBuf>> {
        let due = std::mem::take(&mut self.daily_backup_due);
        if let Some(reason) = reason {
            return backup::copy_committed(&self.path, reason).map(Some);
        }
        let done = backup::list_backups(&self.path).is_ok_and(|list| backup::made_today(&list));
        if due && !done {
            if let Err(e) = backup::copy_committed(&self.path, "ouverture") {
                self.notices.push(format!("La sauvegarde automatique du jour a échoué : {e}. Le fichier lui-même est intact."));
            }
        }
        Ok(None)
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

/// The notice telling that a WAL file was folded into the rollback journal, and where its backup is.
fn wal_folded(file: &Path, found: &str, backup: PathBuf) -> String {
    format!(
        "« {} » était en mode WAL ({found}) : il a été converti au journal de Copil sans perte, après une sauvegarde complète : {}.",
        file.display(),
        backup.display()
    )
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
    let _ = std::fs::remove_file(open::beside(path, "-journal"));
}

fn tempfile_in(dir: &Path, target: &Path) -> Result<PathBuf> {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&tmp);
    File::create(&tmp).map_err(|source| CoreError::io(&tmp, source))?;
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
