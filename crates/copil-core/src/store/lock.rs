//! The lock file beside an open contract, so that a second opener is told who holds it.
//!
//! `<fichier>.copil.lock` holds `user@host`, the process id and the time of opening. A lock left
//! by a process that no longer runs on this machine is taken over; any other lock is respected.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::Local;

use crate::error::{CoreError, Result};

/// A held lock; dropping it removes the lock file.
#[derive(Debug)]
pub struct FileLock {
    path: PathBuf,
}

/// Path of the lock file of a contract file.
pub fn lock_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".lock");
    file.with_file_name(name)
}

fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .map(|h| h.trim().to_string())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "poste inconnu".into())
}

/// Who holds the file, as written in its lock: `user@host (pid N) depuis le …`.
fn describe(content: &str) -> String {
    let mut parts = content.lines();
    let who = parts.next().unwrap_or("inconnu").to_string();
    let pid = parts.next().unwrap_or("?");
    let since = parts.next().unwrap_or("?");
    format!("{who} (processus {pid}) depuis le {since}")
}

/// Whether the lock was left by a process of this machine that has ended.
fn is_stale(content: &str) -> bool {
    let mut parts = content.lines();
    let who = parts.next().unwrap_or_default();
    let pid: Option<u32> = parts.next().and_then(|p| p.trim().parse().ok());
    let same_host = who
        .rsplit_once('@')
        .is_some_and(|(_, host)| host == host_name());
    match pid {
        Some(pid) if same_host && Path::new("/proc").exists() => {
            !Path::new(&format!("/proc/{pid}")).exists()
        }
        _ => false,
    }
}

impl FileLock {
    /// Takes the lock of `file`, or says who holds it.
    pub fn acquire(file: &Path) -> Result<FileLock> {
        let path = lock_path(file);
        for _ in 0..2 {
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let content = format!(
                        "{}@{}\n{}\n{}\n",
                        super::current_user(),
                        host_name(),
                        std::process::id(),
                        Local::now().format("%d/%m/%Y à %H:%M")
                    );
                    f.write_all(content.as_bytes())
                        .map_err(|source| CoreError::Io {
                            path: path.clone(),
                            source,
                        })?;
                    return Ok(FileLock { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let content = std::fs::read_to_string(&path).unwrap_or_default();
                    if is_stale(&content) {
                        let _ = std::fs::remove_file(&path);
                        continue;
                    }
                    return Err(CoreError::Locked {
                        path: file.to_path_buf(),
                        holder: describe(&content),
                    });
                }
                Err(source) => return Err(CoreError::Io { path, source }),
            }
        }
        Err(CoreError::Locked {
            path: file.to_path_buf(),
            holder: "un autre processus".into(),
        })
    }
}

impl Drop for FileLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}
