//! Hostile paths, as a chef de projet meets them: a shortcut (symbolic link) to the contract, a
//! file another SQLite program left in WAL mode, a file damaged by another tool (tables
//! missing), a folder named like a contract, a read-only file or share, files the user may not
//! read, a file another program holds, a full disk — and backups that are not needed.
//!
//! Each case runs the real `copil` and checks what the user would: the documented exit code, a
//! French message naming the file and the cause, the file's bytes, inode and mode unchanged,
//! nothing left beside it, the lock honoured through a link, and no edit lost.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use copil_acceptance::{copil, copil_bin, sha256_file, stderr, stdout, target_bin};
use copil_core::Store;

/// What must not change about a file a command refused: its bytes, its inode and its mode.
#[derive(Debug, PartialEq, Eq)]
struct Fingerprint {
    sha256: String,
    inode: u64,
    mode: u32,
}

fn fingerprint(path: &Path) -> Fingerprint {
    let meta = std::fs::metadata(path).unwrap();
    Fingerprint {
        sha256: sha256_file(path),
        inode: meta.ino(),
        mode: meta.mode() & 0o7777,
    }
}

/// The names in a folder, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn demo(dir: &Path, name: &str) -> PathBuf {
    let file = dir.join(name);
    let out = copil(&[&"demo", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    file
}

fn qpv_sample() -> PathBuf {
    copil_acceptance::workspace_root()
        .join("crates/copil-core/tests/fixtures/listeqp2024-sample.csv")
}

/// Runs the « other SQLite program » (tests/src/bin/sqlite_tool.rs).
fn sqlite_tool(args: &[&dyn AsRef<std::ffi::OsStr>]) -> std::process::Output {
    copil_bin(); // builds the workspace's binaries, this one included
    let mut cmd = Command::new(target_bin("sqlite_tool"));
    for a in args {
        cmd.arg(a);
    }
    cmd.output().expect("sqlite_tool")
}

/// Starts the other SQLite program holding `file` open and waits until it holds it.
fn holder(file: &Path) -> std::process::Child {
    copil_bin();
    let mut child = Command::new(target_bin("sqlite_tool"))
        .arg("hold")
        .arg(file)
        .arg("60")
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.as_mut().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(line.trim(), "prêt");
    child
}

fn stats_json(file: &Path) -> serde_json::Value {
    let out = copil(&[&"stats", &file, &"--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_str(&stdout(&out)).unwrap()
}

/// Asserts a French refusal: the exit code, the file named, the cause, no OS text in English.
fn assert_refused(out: &std::process::Output, code: i32, file: &str, cause: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(code), "{err}{}", stdout(out));
    assert!(err.contains(file), "the message names {file}: {err}");
    assert!(err.contains(cause), "the message says « {cause} »: {err}");
    for english in [
        "os error",
        "No such",
        "denied",
        "Is a directory",
        "no such table",
    ] {
        assert!(!err.contains(english), "English in the message: {err}");
    }
}

#[test]
fn a_link_opens_the_real_file_and_the_lock_holds_through_it() {
    let share = tempfile::tempdir().unwrap();
    let desktop = tempfile::tempdir().unwrap();
    let real = demo(share.path(), "cible.copil");
    let link = desktop.path().join("raccourci.copil");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let before = fingerprint(&real);

    // Held by its path (another user of the share): a writer through the link is refused.
    let held = Store::open(&real).unwrap();
    let share_files = listing(share.path());
    assert_eq!(share_files, ["cible.copil", "cible.copil.lock"]);
    for args in [
        vec!["import-qpv", "--communes", "97411"],
        vec!["report", "-o", "/dev/null"],
    ] {
        let mut cmd = Command::new(copil_bin());
        cmd.arg(args[0]).arg(&link);
        if args[0] == "import-qpv" {
            cmd.arg(qpv_sample());
        }
        let out = cmd
            .args(&args[1..])
            .env("USER", "testeur")
            .output()
            .unwrap();
        assert_refused(&out, 3, "cible.copil", "est déjà ouvert par");
    }
    // Reading through the link stays possible, and reads the real file.
    assert_eq!(stats_json(&link)["counts"]["districts"], 5);
    assert_eq!(
        fingerprint(&real),
        before,
        "no silent write through the link"
    );
    assert_eq!(listing(share.path()), share_files);
    assert_eq!(listing(desktop.path()), ["raccourci.copil"]);
    drop(held);

    // Held through the link: the lock sits beside the real file, and its path is refused.
    let held = Store::open(&link).unwrap();
    assert_eq!(held.path(), real.canonicalize().unwrap());
    assert_eq!(held.opened_as(), link);
    assert_eq!(listing(share.path()), ["cible.copil", "cible.copil.lock"]);
    assert_eq!(listing(desktop.path()), ["raccourci.copil"]);
    let out = copil(&[&"import-qpv", &real, &qpv_sample(), &"--communes", &"97411"]);
    assert_refused(&out, 3, "cible.copil", "est déjà ouvert par");
    drop(held);
    assert_eq!(fingerprint(&real), before);

    // Free: an import through the link writes the real file, its backup beside the real file.
    let out = copil(&[&"import-qpv", &link, &qpv_sample(), &"--communes", &"97411"]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stats_json(&real)["counts"]["districts"], 6);
    assert_eq!(listing(share.path()), ["cible.copil", "cible.sauvegardes"]);
    assert_eq!(listing(desktop.path()), ["raccourci.copil"]);
    let backups = stdout(&copil(&[&"backups", &link]));
    assert!(backups.contains("cible.sauvegardes"), "{backups}");
    assert!(backups.contains("import-qpv"), "{backups}");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), real);
}

#[test]
fn a_wal_file_is_folded_in_after_a_backup_that_holds_every_edit() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "synchro.copil");
    let actors = stats_json(&file)["counts"]["actors"].as_i64().unwrap();
    let out = sqlite_tool(&[&"wal", &file, &"3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let wal = dir.path().join("synchro.copil-wal");
    assert!(
        std::fs::metadata(&wal).unwrap().len() > 0,
        "the edits are in the -wal"
    );
    assert_eq!(
        listing(dir.path()),
        ["synchro.copil", "synchro.copil-shm", "synchro.copil-wal"]
    );

    // `check` reads it: folded in first, after a complete backup, and said so.
    let out = copil(&[&"check", &file]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let told = stderr(&out);
    assert!(
        told.contains("synchro.copil") && told.contains("mode WAL"),
        "{told}"
    );
    assert!(told.contains("sauvegarde complète"), "{told}");
    assert!(stdout(&out).contains("Intégrité : ok"), "{}", stdout(&out));
    assert_eq!(
        listing(dir.path()),
        ["synchro.copil", "synchro.sauvegardes"],
        "no sidecar left, none created"
    );
    let header = std::fs::read(&file).unwrap();
    assert_eq!((header[18], header[19]), (1, 1), "rollback journal");
    assert_eq!(
        stats_json(&file)["counts"]["actors"].as_i64().unwrap(),
        actors + 3,
        "no edit lost"
    );

    // The backup holds every edit of the WAL, in one file.
    let backups = std::fs::read_dir(dir.path().join("synchro.sauvegardes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect::<Vec<_>>();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let backup = &backups[0];
    assert!(backup.to_string_lossy().contains("avant-conversion-wal"));
    let names: Vec<String> = Store::open_read_only(backup)
        .unwrap()
        .actors()
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    assert!(names.contains(&"Acteur du WAL 3".to_string()), "{names:?}");

    // Restoring that backup brings every edit back.
    std::fs::remove_file(&file).unwrap();
    assert!(
        copil(&[&"init", &file, &"--name", &"Autre", &"--epci", &"Autre"])
            .status
            .success()
    );
    let out = copil(&[&"restore", &backup, &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stats_json(&file)["counts"]["actors"].as_i64().unwrap(),
        actors + 3
    );
}

#[test]
fn a_wal_file_that_cannot_be_folded_in_now_is_refused_untouched() {
    // Read-only: Copil cannot read it without writing beside it.
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "partage.copil");
    assert!(sqlite_tool(&[&"wal", &file, &"2"]).status.success());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let sidecars = [
        dir.path().join("partage.copil-wal"),
        dir.path().join("partage.copil-shm"),
    ];
    let before: Vec<_> = std::iter::once(&file)
        .chain(&sidecars)
        .map(|p| fingerprint(p))
        .collect();
    let files = listing(dir.path());
    let pdf = dir.path().join("r.pdf");
    for out in [
        copil(&[&"check", &file]),
        copil(&[&"stats", &file]),
        copil(&[&"report", &file, &"-o", &pdf]),
    ] {
        assert_refused(&out, 3, "partage.copil", "mode WAL");
        assert!(stderr(&out).contains("lecture seule"), "{}", stderr(&out));
    }
    let after: Vec<_> = std::iter::once(&file)
        .chain(&sidecars)
        .map(|p| fingerprint(p))
        .collect();
    assert_eq!(after, before);
    assert_eq!(listing(dir.path()), files, "nothing left beside it");

    // Another program has it open: refused as busy, nothing changed, no backup left.
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "ouvert.copil");
    assert!(sqlite_tool(&[&"wal", &file, &"1"]).status.success());
    let mut other = holder(&file);
    let main_before = fingerprint(&file);
    let wal = dir.path().join("ouvert.copil-wal");
    let wal_before = sha256_file(&wal);
    let out = copil(&[&"check", &file]);
    other.kill().unwrap();
    other.wait().unwrap();
    assert_refused(&out, 3, "ouvert.copil", "utilisé par un autre programme");
    assert_eq!(fingerprint(&file), main_before);
    assert_eq!(
        sha256_file(&wal),
        wal_before,
        "the WAL of the other program untouched"
    );
    assert!(
        !listing(dir.path())
            .iter()
            .any(|n| n.contains("sauvegardes")),
        "{:?}",
        listing(dir.path())
    );
}

#[test]
fn a_file_with_missing_tables_is_refused_as_damaged_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "abime.copil");
    {
        let conn = rusqlite::Connection::open(&file).unwrap();
        conn.execute_batch("PRAGMA foreign_keys=OFF; DROP TABLE funding; DROP TABLE decision;")
            .unwrap();
    }
    let before = fingerprint(&file);
    let files = listing(dir.path());
    assert_eq!(files, ["abime.copil"]);

    let out = copil(&[&"check", &file]);
    assert_refused(&out, 5, "abime.copil", "endommagé");
    let text = stderr(&out);
    assert!(
        text.contains("table « funding » absente") && text.contains("table « decision » absente"),
        "the missing parts are named: {text}"
    );
    assert!(!stdout(&out).contains("Intégrité : ok"), "{}", stdout(&out));
    let pdf = dir.path().join("r.pdf");
    for out in [
        copil(&[&"report", &file, &"-o", &pdf]),
        copil(&[&"import-qpv", &file, &qpv_sample(), &"--communes", &"97411"]),
        copil(&[&"stats", &file]),
        copil(&[&"backup", &file]),
    ] {
        assert_refused(&out, 3, "abime.copil", "table « funding » absente");
    }
    assert_eq!(fingerprint(&file), before);
    assert_eq!(
        listing(dir.path()),
        files,
        "no backup, no PDF, no lock left"
    );
}

#[test]
fn a_folder_named_like_a_contract_is_refused_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("x.copil");
    std::fs::create_dir(&folder).unwrap();
    let pdf = dir.path().join("r.pdf");
    for out in [
        copil(&[&"check", &folder]),
        copil(&[&"stats", &folder]),
        copil(&[&"report", &folder, &"-o", &pdf]),
        copil(&[&"import-qpv", &folder, &qpv_sample()]),
        copil(&[&"backup", &folder]),
        copil(&[&"log", &folder]),
    ] {
        assert_refused(&out, 3, "x.copil", "c'est un dossier");
    }
    assert!(listing(&folder).is_empty(), "nothing written inside it");
    assert_eq!(listing(dir.path()), ["x.copil"]);
}

#[test]
fn read_only_is_read_only_for_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "lecture.copil");
    let issued = Store::open_read_only(&file)
        .unwrap()
        .issued_reports()
        .unwrap()
        .len();
    let out = copil(&[&"backup", &file, &"-o", &elsewhere.path()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let backup = listing(elsewhere.path())[0].clone();
    let backup = elsewhere.path().join(backup);
    let csv = elsewhere.path().join("valeurs.csv");
    std::fs::write(
        &csv,
        "Indicateur;Année;Quartier;Valeur\nPersonnes uniques accompagnées;2026;;9999\n",
    )
    .unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = fingerprint(&file);
    let files = listing(dir.path());

    // Reading is allowed: the report is written, and said not to be recorded.
    let pdf = elsewhere.path().join("rapport.pdf");
    let out = copil(&[&"report", &file, &"-o", &pdf]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("n'a pas été enregistré dans la liste des rapports émis"),
        "{}",
        stdout(&out)
    );
    assert!(std::fs::metadata(&pdf).unwrap().len() > 10_000);
    // Restoring over it, importing into it, backing up beside it: refused, in French.
    let out = copil(&[&"restore", &backup, &file]);
    assert_refused(&out, 3, "lecture.copil", "lecture seule");
    let out = copil(&[&"import", &file, &csv]);
    assert_refused(&out, 3, "lecture.copil", "lecture seule");
    let out = copil(&[&"import-qpv", &file, &qpv_sample(), &"--communes", &"97411"]);
    assert_refused(&out, 3, "lecture.copil", "lecture seule");
    let out = copil(&[&"backup", &file]);
    assert_refused(&out, 3, "lecture.copil", "choisissez un autre dossier");
    assert_eq!(fingerprint(&file), before, "bytes, inode and mode 444 kept");
    assert_eq!(
        listing(dir.path()),
        files,
        "no backup, no lock, nothing beside"
    );
    assert_eq!(
        Store::open_read_only(&file)
            .unwrap()
            .issued_reports()
            .unwrap()
            .len(),
        issued
    );

    // A read-only folder (a share): the same, for a file that is itself writable.
    let share = tempfile::tempdir().unwrap();
    let folder = share.path().join("partage");
    std::fs::create_dir(&folder).unwrap();
    let file = demo(&folder, "contrat.copil");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = fingerprint(&file);
    let out = copil(&[&"restore", &backup, &file]);
    assert_refused(&out, 3, "contrat.copil", "lecture seule");
    let out = copil(&[&"import", &file, &csv]);
    assert_refused(&out, 3, "contrat.copil", "lecture seule");
    let out = copil(&[&"report", &file, &"-o", &pdf]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("n'a pas été enregistré"));
    assert_eq!(fingerprint(&file), before);
    assert_eq!(listing(&folder), ["contrat.copil"]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_backup_is_made_only_when_something_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "contrat.copil");
    let xlsx = dir.path().join("export.xlsx");
    assert!(copil(&[&"export", &file, &"-o", &xlsx]).status.success());
    assert_eq!(listing(dir.path()), ["contrat.copil", "export.xlsx"]);
    let before = fingerprint(&file);
    let before_stats = stats_json(&file);

    // A re-import that changes nothing writes nothing and backs nothing up.
    let out = copil(&[&"import", &file, &xlsx]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        !stdout(&out).contains("Sauvegarde préalable"),
        "{}",
        stdout(&out)
    );
    assert_eq!(listing(dir.path()), ["contrat.copil", "export.xlsx"]);
    assert_eq!(fingerprint(&file), before, "not a byte written");

    // A change: one backup, made first.
    let csv = dir.path().join("valeurs.csv");
    std::fs::write(
        &csv,
        "Indicateur;Année;Quartier;Valeur\nPersonnes uniques accompagnées;2026;;9999\n",
    )
    .unwrap();
    let out = copil(&[&"import", &file, &csv]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("Sauvegarde préalable"),
        "{}",
        stdout(&out)
    );
    let backups = listing(&dir.path().join("contrat.sauvegardes"));
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert!(backups[0].ends_with("-import.copil"), "{backups:?}");
    assert_eq!(
        stats_json(&dir.path().join("contrat.sauvegardes").join(&backups[0])),
        before_stats,
        "the backup is the file as it was before the import"
    );
    assert_ne!(stats_json(&file), before_stats);
    // The same import again changes nothing: no second backup.
    assert!(copil(&[&"import", &file, &csv]).status.success());
    assert_eq!(listing(&dir.path().join("contrat.sauvegardes")).len(), 1);
    // The same for the official QPV list: a backup when it adds a QPV, none when it adds none.
    for _ in 0..2 {
        let out = copil(&[&"import-qpv", &file, &qpv_sample(), &"--communes", &"97411"]);
        assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    }
    let backups = listing(&dir.path().join("contrat.sauvegardes"));
    assert_eq!(backups.len(), 2, "{backups:?}");
    assert!(backups[1].ends_with("-import-qpv.copil"), "{backups:?}");
}

#[test]
fn os_errors_get_documented_codes_and_french_messages() {
    // A file the user may not read (run as « nobody »).
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path(), "prive.copil");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let before = fingerprint(&file);
    let out = Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(copil_bin())
        .arg("check")
        .arg(&file)
        .output()
        .unwrap();
    assert_refused(&out, 3, "prive.copil", "Accès refusé");
    assert_eq!(fingerprint(&file), before);

    // A file another program holds locked: refused as busy once the wait is over.
    let mut other = holder(&file);
    let out = copil(&[&"check", &file]);
    other.kill().unwrap();
    other.wait().unwrap();
    assert_refused(&out, 3, "prive.copil", "utilisé par un autre programme");
    assert_eq!(fingerprint(&file).sha256, before.sha256);

    // A full disk (a file size limit, as `ulimit -f`): a French message, exit 1 as documented.
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 16; exec \"{}\" backup '{}' -o '{}'",
            copil_bin().display(),
            file.display(),
            dir.path().join("sauv").display()
        ))
        .output()
        .unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("taille maximale") && err.contains("disque plein"),
        "{err}"
    );
    assert!(
        !err.contains("File too large") && !err.contains("disk I/O"),
        "{err}"
    );
    assert_eq!(fingerprint(&file), before);
}
