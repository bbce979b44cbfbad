//! Automatic and manual backups of a contract file, and restoring one.
//!
//! Backups live beside the file, in `<nom>.sauvegardes/`, named
//! `<nom>-AAAAMMJJ-HHMMSS-mmm-<motif>.copil`. One is made at the first opening of each day,
//! before every migration, import and restore. The newest [`KEEP`] are kept, plus the newest
//! of each day for [`KEEP_DAYS`] days.

use std::path::{Path, PathBuf};

use chrono::Local;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

use super::open::{self, inspect, is_writable, parent_dir};
use super::{lock, Store};
use crate::error::{CoreError, Result, SqlContext};

/// How many of the most recent backups are always kept.
pub const KEEP: usize = 10;

/// For how many days the newest backup of each day is kept as well.
pub const KEEP_DAYS: i64 = 30;

/// A backup file found on disk.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    /// Full path of the backup.
    pub path: String,
    /// File name (carries date, time and reason).
    pub name: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// Folder where the backups of `file` are written: beside the real file when `file` is a link.
pub fn backup_dir_for(file: &Path) -> PathBuf {
    let real = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let stem = real
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "contrat".into());
    parent_dir(&real).join(format!("{stem}.sauvegardes"))
}

/// `<nom>-AAAAMMJJ-HHMMSS-mmm-<motif>.copil`.
pub(crate) fn backup_name(file: &Path, reason: &str) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "contrat".into());
    format!(
        "{stem}-{}-{reason}.copil",
        Local::now().format("%Y%m%d-%H%M%S-%3f")
    )
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> CoreError + '_ {
    move |source| CoreError::io(path, source)
}

/// Copies the file byte for byte into its backup folder (before a migration, a restore). The
/// caller holds the lock and the file has no journal to apply, so its bytes are consistent.
pub(crate) fn copy_before(file: &Path, reason: &str) -> Result<PathBuf> {
    let dir = backup_dir_for(file);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let target = dir.join(backup_name(file, reason));
    let tmp = target.with_extension("tmp");
    if let Err(e) = std::fs::copy(file, &tmp).and_then(|_| std::fs::File::open(&tmp)?.sync_all()) {
        let _ = std::fs::remove_file(&tmp);
        return Err(CoreError::io(target, e));
    }
    std::fs::rename(&tmp, &target).map_err(io(&target))?;
    prune(&dir);
    Ok(target)
}

/// Copies the file as last committed into its backup folder, through a connection of its own:
/// safe even while this process holds a write transaction on it (before a batch commits).
pub(crate) fn copy_committed(file: &Path, reason: &str) -> Result<PathBuf> {
    let dir = backup_dir_for(file);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let target = dir.join(backup_name(file, reason));
    let source = open::open_ro(file)?;
    write_copy(&source, &target, &target.with_extension("tmp"))?;
    prune(&dir);
    Ok(target)
}

/// The day a backup was made, read from its name (`…-AAAAMMJJ-HHMMSS-…`).
fn backup_day(name: &str) -> Option<chrono::NaiveDate> {
    name.split('-')
        .find_map(|part| chrono::NaiveDate::parse_from_str(part, "%Y%m%d").ok())
}

/// Whether one of `backups` was made today.
pub(crate) fn made_today(backups: &[BackupInfo]) -> bool {
    let today = Local::now().date_naive();
    backups.iter().any(|b| backup_day(&b.name) == Some(today))
}

/// Keeps the newest [`KEEP`] backups, plus the newest of each of the last [`KEEP_DAYS`] days.
pub(crate) fn prune(dir: &Path) {
    let Ok(mut backups) = list_in(dir) else {
        return;
    };
    backups.sort_by(|a, b| b.name.cmp(&a.name));
    let today = Local::now().date_naive();
    let mut days_kept = Vec::new();
    for (i, b) in backups.into_iter().enumerate() {
        let day = backup_day(&b.name);
        let recent_day = day.is_some_and(|d| (today - d).num_days() < KEEP_DAYS);
        let first_of_its_day = recent_day && !days_kept.contains(&day);
        if first_of_its_day {
            days_kept.push(day);
        }
        if i >= KEEP && !first_of_its_day {
            let _ = std::fs::remove_file(b.path);
        }
    }
}

fn list_in(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(CoreError::io(dir, e)),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "copil") {
            out.push(BackupInfo {
                name: entry.file_name().to_string_lossy().into_owned(),
                bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
                path: path.to_string_lossy().into_owned(),
            });
        }
    }
    out.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(out)
}

/// Backups of a contract file (of the real file when `file` is a link), newest first.
pub fn list_backups(file: &Path) -> Result<Vec<BackupInfo>> {
    list_in(&backup_dir_for(file))
}

/// Restores `backup` over `target` in one step, after backing up `target` if it exists.
///
/// The backup is checked first (a damaged or foreign backup is refused and nothing changes).
/// A link is followed to the real file, which keeps its permissions; a read-only file or
/// folder, or a file someone holds, is refused untouched.
pub fn restore(backup: &Path, target: &Path) -> Result<Option<PathBuf>> {
    let backup = open::resolve(backup)?;
    let header = open::Header::read(&backup)?;
    if let Some(found) = open::wal_found(&backup, &header) {
        return Err(CoreError::WalJournal {
            path: backup,
            found,
            what_to_do: "ce n'est pas une sauvegarde faite par Copil ; choisissez-en une de la liste des sauvegardes.",
        });
    }
    inspect(&backup)?;
    if target.symlink_metadata().is_err() {
        // Nothing there yet: the backup becomes a new file.
        replace_with(&backup, target, None)?;
        restored(target, target, None)?;
        return Ok(None);
    }
    let real = open::resolve(target)?;
    if !is_writable(&real) {
        return Err(CoreError::ReadOnlyPlace {
            path: target.to_path_buf(),
            action: "une sauvegarde ne peut pas être restaurée à sa place.",
        });
    }
    let held = lock::FileLock::acquire(&real)?;
    // The copy kept of the current file must hold everything: a WAL is folded in first, an
    // interrupted edit rolled back (if the file can still be read at all).
    if let Ok(h) = open::Header::read(&real) {
        if open::wal_found(&real, &h).is_some() {
            open::fold_wal(&real)?;
        }
    }
    let _ = inspect(&real);
    let safety = copy_before(&real, "avant-restauration")?;
    let permissions = std::fs::metadata(&real).map(|m| m.permissions()).ok();
    replace_with(&backup, &real, permissions)?;
    // Sidecars of the replaced file would be applied to the restored one.
    for suffix in ["-journal", "-wal", "-shm"] {
        let _ = std::fs::remove_file(open::beside(&real, suffix));
    }
    restored(&real, target, Some(held))?;
    Ok(Some(safety))
}

/// Puts a copy of `backup` at `target` in one rename, with `permissions` (the replaced file's).
fn replace_with(
    backup: &Path,
    target: &Path,
    permissions: Option<std::fs::Permissions>,
) -> Result<()> {
    let tmp = parent_dir(target).join(format!(
        ".{}.restore.tmp",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    let copied = std::fs::copy(backup, &tmp).and_then(|_| {
        if let Some(p) = permissions {
            std::fs::set_permissions(&tmp, p)?;
        }
        std::fs::File::open(&tmp)?.sync_all()
    });
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(CoreError::io(target, e));
    }
    std::fs::rename(&tmp, target).map_err(io(target))
}

/// Opens the restored file (with the lock already held, if any) and journals the restore.
fn restored(real: &Path, given: &Path, held: Option<lock::FileLock>) -> Result<()> {
    let mut store = Store::open_held(real, given, held)?;
    let name = given.display().to_string();
    store.edit(
        "restore",
        "contract",
        &format!("restauration de {name}"),
        |_| Ok(((), None)),
    )
}

impl Store {
    /// Writes a consistent copy of the open file into `dir` (its backup folder by default).
    ///
    /// The backup folder of a read-only file or folder is not written: another `dir` is needed.
    pub fn backup(&self, dir: Option<&Path>, reason: &str) -> Result<PathBuf> {
        let beside = backup_dir_for(&self.path);
        if dir.is_none() && !is_writable(&self.path) {
            return Err(CoreError::ReadOnlyPlace {
                path: self.opened_as.clone(),
                action: "aucune sauvegarde ne peut être écrite à côté de lui ; choisissez un autre dossier.",
            });
        }
        let dir = dir.map(Path::to_path_buf).unwrap_or_else(|| beside.clone());
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let target = dir.join(backup_name(&self.path, reason));
        write_copy(&self.conn, &target, &target.with_extension("tmp"))?;
        if dir == beside {
            prune(&dir);
        }
        Ok(target)
    }

    /// « Sauvegarder une copie… »: writes a consistent copy of the open file at `dest`, whole or
    /// not at all. The open file itself is refused as a destination (it would be replaced under
    /// its own connection).
    pub fn save_copy(&self, dest: &Path) -> Result<PathBuf> {
        let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same(dest, &self.path) {
            return Err(CoreError::AlreadyExists(dest.to_path_buf()));
        }
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = parent_dir(dest).join(format!(".{name}.{}.copie.tmp", std::process::id()));
        write_copy(&self.conn, dest, &tmp)?;
        Ok(dest.to_path_buf())
    }
}

/// Copies the database behind `source` through SQLite's backup API into `tmp`, then moves it
/// to `target`; `tmp` is removed if anything fails.
fn write_copy(source: &Connection, target: &Path, tmp: &Path) -> Result<()> {
    let _ = std::fs::remove_file(tmp);
    // Created here first so that a folder that cannot be written is told as such.
    std::fs::File::create(tmp).map_err(io(target))?;
    let result = (|| -> Result<()> {
        let mut out = Connection::open(tmp).ctx("sauvegarde")?;
        let backup = rusqlite::backup::Backup::new(source, &mut out).ctx("sauvegarde")?;
        backup
            .run_to_completion(256, std::time::Duration::ZERO, None)
            .ctx("sauvegarde")?;
        drop(backup);
        out.execute_batch("PRAGMA journal_mode=DELETE")
            .ctx("sauvegarde")?;
        drop(out);
        std::fs::File::open(tmp)
            .and_then(|f| f.sync_all())
            .map_err(io(tmp))?;
        std::fs::rename(tmp, target).map_err(io(target))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(tmp);
        let _ = std::fs::remove_file(open::beside(tmp, "-journal"));
    }
    result
}
