//! Automatic and manual backups of a contract file, and restoring one.
//!
//! Backups live beside the file, in `<nom>.sauvegardes/`, named
//! `<nom>-AAAAMMJJ-HHMMSS-mmm-<motif>.copil`. One is made at the first opening of each day,
//! before every migration, import and restore. The newest [`KEEP`] are kept, plus the newest
//! of each day for [`KEEP_DAYS`] days.

use std::path::{Path, PathBuf};

use chrono::Local;
use serde::Serialize;
use ts_rs::TS;

use super::{inspect, parent_dir, Store};
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

/// Folder where the backups of `file` are written.
pub fn backup_dir_for(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "contrat".into());
    parent_dir(file).join(format!("{stem}.sauvegardes"))
}

fn backup_name(file: &Path, reason: &str) -> String {
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
    move |source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Copies the file byte for byte into its backup folder (before a migration, an import, a restore).
pub(crate) fn copy_before(file: &Path, reason: &str) -> Result<PathBuf> {
    let dir = backup_dir_for(file);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    let target = dir.join(backup_name(file, reason));
    let tmp = target.with_extension("tmp");
    if let Err(e) = std::fs::copy(file, &tmp).and_then(|_| std::fs::File::open(&tmp)?.sync_all()) {
        let _ = std::fs::remove_file(&tmp);
        return Err(CoreError::Io {
            path: target,
            source: e,
        });
    }
    std::fs::rename(&tmp, &target).map_err(io(&target))?;
    prune(&dir);
    Ok(target)
}

/// The day a backup was made, read from its name (`…-AAAAMMJJ-HHMMSS-…`).
fn backup_day(name: &str) -> Option<chrono::NaiveDate> {
    name.split('-')
        .find_map(|part| chrono::NaiveDate::parse_from_str(part, "%Y%m%d").ok())
}

/// Keeps the newest [`KEEP`] backups, plus the newest of each of the last [`KEEP_DAYS`] days.
fn prune(dir: &Path) {
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

/// Makes the first backup of the day when a file is opened for editing.
pub(crate) fn daily_backup(file: &Path) -> Result<Option<PathBuf>> {
    let today = Local::now().date_naive();
    let done_today = list_backups(file)?
        .iter()
        .any(|b| backup_day(&b.name) == Some(today));
    if done_today {
        return Ok(None);
    }
    copy_before(file, "ouverture").map(Some)
}

fn list_in(dir: &Path) -> Result<Vec<BackupInfo>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => {
            return Err(CoreError::Io {
                path: dir.to_path_buf(),
                source: e,
            })
        }
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

/// Backups of a contract file, newest first.
pub fn list_backups(file: &Path) -> Result<Vec<BackupInfo>> {
    list_in(&backup_dir_for(file))
}

/// Restores `backup` over `target` in one step, after backing up `target` if it exists.
///
/// The backup is checked first (a damaged or foreign backup is refused and nothing changes).
pub fn restore(backup: &Path, target: &Path) -> Result<Option<PathBuf>> {
    inspect(backup)?;
    let safety = if target.exists() {
        Some(copy_before(target, "avant-restauration")?)
    } else {
        None
    };
    let tmp = parent_dir(target).join(format!(
        ".{}.restore.tmp",
        target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    if let Err(e) = std::fs::copy(backup, &tmp).and_then(|_| std::fs::File::open(&tmp)?.sync_all())
    {
        let _ = std::fs::remove_file(&tmp);
        return Err(CoreError::Io {
            path: target.to_path_buf(),
            source: e,
        });
    }
    std::fs::rename(&tmp, target).map_err(io(target))?;
    let mut store = Store::open(target)?;
    let name = backup.display().to_string();
    store.edit(
        "restore",
        "contract",
        &format!("restauration depuis {name}"),
        |_| Ok(((), None)),
    )?;
    Ok(safety)
}

impl Store {
    /// Writes a consistent copy of the open file into `dir` (its backup folder by default).
    pub fn backup(&self, dir: Option<&Path>, reason: &str) -> Result<PathBuf> {
        let dir = dir
            .map(Path::to_path_buf)
            .unwrap_or_else(|| backup_dir_for(&self.path));
        std::fs::create_dir_all(&dir).map_err(io(&dir))?;
        let target = dir.join(backup_name(&self.path, reason));
        self.write_copy(&target, &target.with_extension("tmp"))?;
        if dir == backup_dir_for(&self.path) {
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
        self.write_copy(dest, &tmp)?;
        Ok(dest.to_path_buf())
    }

    /// Copies the open database through SQLite's backup API into `tmp`, then moves it to
    /// `target`; `tmp` is removed if anything fails.
    fn write_copy(&self, target: &Path, tmp: &Path) -> Result<()> {
        let _ = std::fs::remove_file(tmp);
        // Created here first so that a folder that cannot be written is told as such.
        std::fs::File::create(tmp).map_err(io(target))?;
        let result = (|| -> Result<()> {
            let mut out = rusqlite::Connection::open(tmp).ctx("sauvegarde")?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut out).ctx("sauvegarde")?;
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
        }
        result
    }
}
