//! Hostile conditions: read-only files and folders, a full disk, markup in user text, and the
//! security configuration of the desktop app (CSP, one capability, no fs/shell/http plugin).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use copil_acceptance::{copil, copil_bin, sha256_file, stderr, stdout, workspace_root};
use copil_core::Store;

fn demo(dir: &Path) -> std::path::PathBuf {
    let file = dir.join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    file
}

#[test]
fn read_only_file_opens_for_consultation_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = sha256_file(&file);
    let store = Store::open(&file).expect("a read-only file still opens");
    assert!(store.is_read_only());
    assert!(
        store.notices().iter().any(|n| n.contains("lecture seule")),
        "{:?}",
        store.notices()
    );
    drop(store);
    // Reading is allowed: the report is written, and said not to be recorded as issued.
    let pdf = dir.path().join("r.pdf");
    let out = copil(&[&"report", &file, &"-o", &pdf]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("lecture seule"), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("n'a pas été enregistré dans la liste des rapports émis"),
        "{}",
        stdout(&out)
    );
    assert!(std::fs::metadata(&pdf).unwrap().len() > 1000);
    assert!(
        copil(&[&"stats", &file]).status.success(),
        "reading still works"
    );
    assert_eq!(sha256_file(&file), before);
}

#[test]
fn file_in_a_read_only_folder_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("partage");
    std::fs::create_dir(&sub).unwrap();
    let file = demo(&sub);
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = sha256_file(&file);
    let store = Store::open(&file).expect("opens");
    assert!(store.is_read_only());
    drop(store);
    assert_eq!(sha256_file(&file), before);
    std::fs::set_permissions(&sub, std::fs::Permissions::from_mode(0o755)).unwrap();
}

/// Runs `copil` with a maximum file size (as a full disk would stop writes), SIGXFSZ ignored.
fn copil_with_file_limit(kib: u32, args: &str) -> std::process::Output {
    Command::new("bash")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f {kib}; exec \"{}\" {args}",
            copil_bin().display()
        ))
        .output()
        .unwrap()
}

#[test]
fn full_disk_during_backup_or_write_leaves_the_original_intact() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let before = sha256_file(&file);
    let backups = dir.path().join("sauv");

    // Backup: the copy cannot be finished.
    let out = copil_with_file_limit(
        16,
        &format!("backup '{}' -o '{}'", file.display(), backups.display()),
    );
    assert_ne!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stderr(&out).starts_with("copil : "),
        "a French message: {}",
        stderr(&out)
    );
    assert_eq!(sha256_file(&file), before, "the original is intact");
    let left: Vec<_> = std::fs::read_dir(&backups)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "no half-written backup left: {left:?}");

    // Writing: an export that cannot be finished leaves no partial workbook and the contract intact.
    let xlsx = dir.path().join("gros.xlsx");
    let out = copil_with_file_limit(
        4,
        &format!("export '{}' -o '{}'", file.display(), xlsx.display()),
    );
    assert_ne!(out.status.code(), Some(0));
    assert_eq!(sha256_file(&file), before);
    assert!(
        Store::open_read_only(&file)
            .unwrap()
            .integrity_check()
            .unwrap()
            == ["ok"]
    );
}

#[test]
fn markup_in_user_text_is_printed_as_text_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("x.copil");
    let payload = "<script>alert('x')</script> & <b>gras</b> \u{202e}rtl 😀 漢字";
    let out = copil(&[
        &"init",
        &file,
        &"--name",
        &payload,
        &"--epci",
        &"<img src=x onerror=alert(1)>",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = dir.path().join("r.pdf");
    let out = copil(&[&"report", &file, &"-o", &pdf]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(
        &Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .into_owned();
    assert!(
        text.contains("<script>alert('x')</script>"),
        "the payload is shown literally"
    );
    assert!(text.contains("<img src=x onerror=alert(1)>"));
    assert!(
        text.contains("□□"),
        "a glyph missing from the font (漢字) is replaced visibly"
    );
}

#[test]
fn desktop_security_configuration() {
    let root = workspace_root();
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("src-tauri/tauri.conf.json")).unwrap(),
    )
    .unwrap();
    let csp = &conf["app"]["security"]["csp"];
    assert_eq!(csp["default-src"], "'self'");
    for (directive, value) in csp.as_object().expect("CSP as an object") {
        let value = value.as_str().unwrap();
        for source in value.split_whitespace() {
            let local = source.starts_with('\'')
                || source == "ipc:"
                || source == "data:"
                || source == "http://ipc.localhost";
            assert!(local, "{directive} allows a remote origin: {source}");
        }
    }
    let caps: Vec<_> = std::fs::read_dir(root.join("src-tauri/capabilities"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(caps.len(), 1, "one capability file");
    let cap = std::fs::read_to_string(caps[0].path()).unwrap();
    for forbidden in ["fs:", "shell:", "http:", "opener:", "process:"] {
        assert!(!cap.contains(forbidden), "capability grants {forbidden}");
    }
    let manifest = std::fs::read_to_string(root.join("src-tauri/Cargo.toml")).unwrap();
    for plugin in [
        "tauri-plugin-fs",
        "tauri-plugin-shell",
        "tauri-plugin-http",
        "tauri-plugin-updater",
    ] {
        assert!(!manifest.contains(plugin), "{plugin} must not be used");
    }
}
