//! The one opening path of a contract file, shared by every command, the app and every
//! importer: the path resolved to the real file, the header read, a WAL journal folded in after
//! a complete backup, and the whole file checked (interrupted edit, length, `quick_check`, the
//! whole schema of its version) before anything runs.
//!
//! Everything here is keyed on the real file: the lock, the backups, the rollback journal and
//! the `-wal`/`-shm` sidecars sit beside it, never beside a link to it.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::backup;
use super::schema::{APPLICATION_ID, SCHEMA_VERSION};
use super::shape::{self, Shape};
use crate::error::{CoreError, Result, SqlContext};

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// How long an opening waits for a lock another program holds on the file before saying so.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// The real file behind `path`: links resolved, and refused when it is missing, a folder or not
/// a regular file.
pub(crate) fn resolve(path: &Path) -> Result<PathBuf> {
    let missing = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => CoreError::NotFound(path.to_path_buf()),
        _ => CoreError::io(path, e),
    };
    std::fs::symlink_metadata(path).map_err(missing)?;
    // Following the link: a link to nothing is a missing file, named as the user gave it.
    let meta = std::fs::metadata(path).map_err(missing)?;
    if meta.is_dir() {
        return Err(CoreError::NotAFile {
            path: path.to_path_buf(),
            what: "un dossier",
        });
    }
    if !meta.is_file() {
        return Err(CoreError::NotAFile {
            path: path.to_path_buf(),
            what: "un fichier spécial (périphérique, tube…)",
        });
    }
    std::fs::canonicalize(path).map_err(|e| CoreError::io(path, e))
}

/// A file beside `file` named `<file name><suffix>` (`-wal`, `-shm`, `-journal`, `.lock`).
pub(crate) fn beside(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// The first 100 bytes of an SQLite file, once checked to be a Copil file of a known version.
pub(crate) struct Header {
    bytes: [u8; 100],
}

impl Header {
    /// Reads and checks the header: not SQLite, another application, a newer schema are refused.
    pub(crate) fn read(path: &Path) -> Result<Header> {
        let mut file = File::open(path).map_err(|e| CoreError::io(path, e))?;
        let mut bytes = [0u8; 100];
        let len = read_up_to(&mut file, &mut bytes).map_err(|e| CoreError::io(path, e))?;
        if len < 100 || &bytes[..16] != SQLITE_HEADER {
            return Err(CoreError::NotSqlite(path.to_path_buf()));
        }
        let header = Header { bytes };
        if header.be_i32(68) != APPLICATION_ID {
            return Err(CoreError::ForeignDatabase(path.to_path_buf()));
        }
        if header.version() > SCHEMA_VERSION {
            return Err(CoreError::NewerSchema {
                path: path.to_path_buf(),
                found: header.version(),
                supported: SCHEMA_VERSION,
            });
        }
        Ok(header)
    }

    fn be_i32(&self, at: usize) -> i32 {
        i32::from_be_bytes([
            self.bytes[at],
            self.bytes[at + 1],
            self.bytes[at + 2],
            self.bytes[at + 3],
        ])
    }

    /// `PRAGMA user_version` as written in the header.
    pub(crate) fn version(&self) -> i64 {
        i64::from(self.be_i32(60))
    }

    /// Whether the header marks the file as WAL (file format version 2).
    fn wal_mode(&self) -> bool {
        self.bytes[18] == 2 || self.bytes[19] == 2
    }

    /// The size the header declares, when it is valid (the change counters agree).
    fn declared_len(&self) -> Option<u64> {
        let page_size = match u16::from_be_bytes([self.bytes[16], self.bytes[17]]) {
            1 => 65_536,
            n => u64::from(n),
        };
        let pages = u64::try_from(self.be_i32(28)).unwrap_or(0);
        (self.bytes[24..28] == self.bytes[92..96] && pages > 0).then_some(page_size * pages)
    }
}

/// What marks `file` as a WAL file, in French, or None: a `-wal` or `-shm` sidecar, or the
/// header itself. SQLite applies a `-wal` beside any file it opens, whatever the header says.
pub(crate) fn wal_found(file: &Path, header: &Header) -> Option<String> {
    let name = |suffix: &str| {
        let p = beside(file, suffix);
        p.symlink_metadata().is_ok().then(|| {
            format!(
                "fichier « {} » à côté",
                p.file_name().unwrap_or_default().to_string_lossy()
            )
        })
    };
    let found: Vec<String> = [name("-wal"), name("-shm")]
        .into_iter()
        .flatten()
        .chain(header.wal_mode().then(|| "en-tête en mode WAL".to_string()))
        .collect();
    (!found.is_empty()).then(|| found.join(", "))
}

/// Folds a WAL file into Copil's rollback journal, backup first, losing no edit.
///
/// The file and its `-wal` are copied into the backup folder, where SQLite applies the WAL to
/// the copy and writes it back as one self-contained file; that copy is checked like any file
/// (so a damaged one is refused with the file untouched) and becomes the backup. Only then is
/// the file itself switched to `journal_mode=DELETE`, which needs every other program to have
/// closed it. The caller holds the lock. Returns the backup.
pub(crate) fn fold_wal(file: &Path) -> Result<PathBuf> {
    let dir = backup::backup_dir_for(file);
    let dir_existed = dir.exists();
    let result = backup_with_wal(file, &dir).and_then(|kept| {
        convert_in_place(file).inspect_err(|_| {
            // Nothing was written to the file: the backup is not needed.
            let _ = std::fs::remove_file(&kept);
        })?;
        Ok(kept)
    });
    if result.is_err() && !dir_existed {
        let _ = std::fs::remove_dir(&dir);
    }
    let kept = result?;
    backup::prune(&dir);
    Ok(kept)
}

/// The backup of a WAL file that holds everything: the file with its WAL applied, checked.
fn backup_with_wal(file: &Path, dir: &Path) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).map_err(|e| CoreError::io(dir, e))?;
    let work = dir.join(format!(".conversion-{}.tmp", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir(&work).map_err(|e| CoreError::io(&work, e))?;
    let result = (|| {
        let copy = work.join(file.file_name().unwrap_or_default());
        std::fs::copy(file, &copy).map_err(|e| CoreError::io(&copy, e))?;
        let wal = beside(file, "-wal");
        if wal.exists() {
            let to = beside(&copy, "-wal");
            std::fs::copy(&wal, &to).map_err(|e| CoreError::io(&to, e))?;
        }
        {
            let conn = Connection::open_with_flags(
                &copy,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| damaged_or(file, e))?;
            let mode: String = conn
                .query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))
                .map_err(|e| damaged_or(file, e))?;
            if !mode.eq_ignore_ascii_case("delete") {
                return Err(CoreError::Damaged {
                    path: file.to_path_buf(),
                    detail: format!("son journal WAL ne peut pas être appliqué (mode {mode})"),
                });
            }
        }
        // The consolidated copy must be a sound Copil file, as any file Copil opens.
        inspect(&copy).map_err(|e| e.about(file))?;
        File::open(&copy)
            .and_then(|f| f.sync_all())
            .map_err(|e| CoreError::io(&copy, e))?;
        let target = dir.join(backup::backup_name(file, "avant-conversion-wal"));
        std::fs::rename(&copy, &target).map_err(|e| CoreError::io(&target, e))?;
        Ok(target)
    })();
    let _ = std::fs::remove_dir_all(&work);
    result
}

/// Switches the file itself to the rollback journal: SQLite checkpoints the whole WAL into it
/// and removes the sidecars. Refused as busy while another program has it open.
fn convert_in_place(file: &Path) -> Result<()> {
    let conn = Connection::open_with_flags(
        file,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged_or(file, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).ctx("ouverture")?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode=DELETE", [], |r| r.get(0))
        .map_err(|e| damaged_or(file, e))?;
    drop(conn);
    if !mode.eq_ignore_ascii_case("delete") || beside(file, "-wal").exists() {
        return Err(CoreError::Busy(file.to_path_buf()));
    }
    // A `-shm` left alone (no WAL) indexes nothing: nothing reads it any more.
    let _ = std::fs::remove_file(beside(file, "-shm"));
    Ok(())
}

/// An SQLite error met while opening `file`: a lock held elsewhere, or damage.
fn damaged_or(file: &Path, e: rusqlite::Error) -> CoreError {
    use rusqlite::ErrorCode::*;
    match e.sqlite_error_code() {
        Some(DatabaseBusy | DatabaseLocked) => CoreError::Busy(file.to_path_buf()),
        Some(DiskFull) => {
            CoreError::io(file, std::io::Error::from(std::io::ErrorKind::StorageFull))
        }
        Some(PermissionDenied | CannotOpen) if !is_writable(file) => CoreError::io(
            file,
            std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        ),
        _ => CoreError::Damaged {
            path: file.to_path_buf(),
            detail: e.to_string(),
        },
    }
}

/// Checks a file without writing to it and returns its schema version: header, interrupted
/// edit (rolled back from its journal when the file may be written), length, `quick_check`,
/// and every table, column, index and trigger of its version.
pub(crate) fn inspect(path: &Path) -> Result<i64> {
    inspect_file(path, false)
}

fn inspect_file(path: &Path, recovered: bool) -> Result<i64> {
    let header = Header::read(path)?;
    let version = header.version();
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
            .map_err(|e| damaged_or(path, e))?;
        drop(conn);
        // A journal left before anything reached the file is not "hot": SQLite ignores it.
        return inspect_file(path, true);
    }
    // A file cut short may pass quick_check when the lost bytes were free space: compare its
    // length with the size the header declares.
    let file_len = std::fs::metadata(path)
        .map_err(|e| CoreError::io(path, e))?
        .len();
    if let Some(declared) = header.declared_len() {
        if file_len < declared {
            return Err(damaged(format!(
                "fichier tronqué : {file_len} octets au lieu de {declared}"
            )));
        }
    }
    let conn = open_ro(path)?;
    let result: String = conn
        .query_row("PRAGMA quick_check", [], |r| r.get(0))
        .map_err(|e| damaged_or(path, e))?;
    if result != "ok" {
        return Err(damaged(result));
    }
    let missing = Shape::of(&conn)
        .map_err(|e| damaged_or(path, e))?
        .missing_from(shape::expected(version));
    if !missing.is_empty() {
        return Err(damaged(format!(
            "schéma {version} incomplet : {}",
            summarise(missing)
        )));
    }
    Ok(version)
}

/// The missing parts as one French list: the contract table first, at most [`SHOWN`] parts.
fn summarise(mut missing: Vec<String>) -> String {
    const SHOWN: usize = 12;
    if let Some(i) = missing
        .iter()
        .position(|m| m == "table « contract » absente")
    {
        missing.remove(i);
        missing.insert(0, "table du contrat absente".into());
    }
    let more = missing.len().saturating_sub(SHOWN);
    missing.truncate(SHOWN);
    let mut text = missing.join(", ");
    if more > 0 {
        text.push_str(&format!(" et {more} autre(s) partie(s)"));
    }
    text
}

/// Whether an interrupted edit left a rollback journal beside the file.
fn has_hot_journal(path: &Path) -> bool {
    std::fs::metadata(beside(path, "-journal")).is_ok_and(|m| m.len() > 0)
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

/// A read-only connection: SQLite reads but never writes, nor creates anything beside.
pub(crate) fn open_ro(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| damaged_or(path, e))?;
    conn.busy_timeout(BUSY_TIMEOUT).ctx("ouverture")?;
    Ok(conn)
}

/// A read-write connection (creating the file when it does not exist: a new contract).
pub(crate) fn open_rw(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| CoreError::sqlite(format!("ouverture de {}", path.display()), e))?;
    conn.busy_timeout(BUSY_TIMEOUT).ctx("ouverture")?;
    Ok(conn)
}

/// Whether the file and its folder may be written (the rollback journal, the lock and the
/// backups are created beside it).
pub(crate) fn is_writable(path: &Path) -> bool {
    // Permission bits count even for an administrator: a file marked read-only stays untouched.
    let marked_read_only = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.permissions().readonly())
            .unwrap_or(true)
    };
    let dir = parent_dir(path);
    if marked_read_only(path) || marked_read_only(dir) {
        return false;
    }
    let file_ok = std::fs::OpenOptions::new().append(true).open(path).is_ok();
    let probe = dir.join(format!(".copil-probe-{}", std::process::id()));
    let dir_ok = File::create(&probe).is_ok();
    let _ = std::fs::remove_file(&probe);
    file_ok && dir_ok
}

/// The folder of `path` (`.` for a bare file name).
pub(crate) fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

impl CoreError {
    /// The same refusal, about `file` (a check made on a private copy names the user's file).
    fn about(self, file: &Path) -> CoreError {
        let file = file.to_path_buf();
        match self {
            CoreError::Damaged { detail, .. } => CoreError::Damaged { path: file, detail },
            CoreError::NotSqlite(_) => CoreError::NotSqlite(file),
            CoreError::ForeignDatabase(_) => CoreError::ForeignDatabase(file),
            CoreError::NewerSchema {
                found, supported, ..
            } => CoreError::NewerSchema {
                path: file,
                found,
                supported,
            },
            other => other,
        }
    }
}
