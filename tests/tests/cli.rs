//! The `copil` command as a black box: demo, check, stats, backup, restore, and error paths.

use copil_acceptance::{copil, sha256_file, stderr, stdout};

#[test]
fn demo_check_and_stats_json() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    let out = copil(&[&"demo", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("5 quartiers"), "{}", stdout(&out));

    let out = copil(&[&"check", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Intégrité : ok"), "{text}");
    let version = format!(
        "Schéma : version {}",
        copil_core::store::schema::SCHEMA_VERSION
    );
    assert!(text.contains(&version), "{text}");
    assert!(
        text.contains("Transition écologique"),
        "dilution alert expected: {text}"
    );

    let out = copil(&[&"stats", &file, &"--json"]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(json["counts"]["districts"], 5);
    assert_eq!(json["counts"]["themes"], 11);
    assert_eq!(json["counts"]["meetings"], 4);
    assert!(json["key_figures"]["granted_cents"].as_i64().unwrap() > 0);
}

#[test]
fn demo_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    std::fs::write(&file, "précieux").unwrap();
    let out = copil(&[&"demo", &file]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("existe déjà"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "précieux");
}

#[test]
fn init_creates_an_empty_contract_and_validates_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("neuf.copil");
    let out = copil(&[
        &"init",
        &file,
        &"--name",
        &"Contrat de ville de Test",
        &"--epci",
        &"CA Test",
        &"--communes",
        &"62498:Lens",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = copil(&[&"stats", &file, &"--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["contract"], "Contrat de ville de Test");
    assert_eq!(json["counts"]["objectives"], 0);

    let bad = dir.path().join("mauvais.copil");
    let out = copil(&[
        &"init", &bad, &"--name", &"X", &"--epci", &"Y", &"--start", &"2030", &"--end", &"2024",
    ]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("Période 2030–2024 impossible"),
        "{}",
        stderr(&out)
    );
    assert!(!bad.exists(), "nothing is written for invalid input");
}

#[test]
fn init_creates_the_qpvs_given_or_no_file_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("arras.copil");
    let out = copil(&[
        &"init",
        &file,
        &"--name",
        &"Contrat de ville d'Arras",
        &"--epci",
        &"CU d'Arras",
        &"--communes",
        &"62041:Arras",
        &"--qpv",
        &"QN06201M:Les Hauts Blancs:62041",
        &"--qpv",
        &"qn06202a:Cité : Jean Jaurès:62041+62498",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&copil(&[&"stats", &file, &"--json"]))).unwrap();
    assert_eq!(json["counts"]["districts"], 2);
    assert_eq!(json["counts"]["themes"], 11);

    // The third QPV is refused: exit 4, a French message naming it, and no file at all.
    let refused = dir.path().join("refuse.copil");
    let out = copil(&[
        &"init",
        &refused,
        &"--name",
        &"Contrat de ville d'Arras",
        &"--epci",
        &"CU d'Arras",
        &"--qpv",
        &"QN06201M:Les Hauts Blancs:62041",
        &"--qpv",
        &"QN06202A:Jean Jaurès:62041",
        &"--qpv",
        &"QN0620M:Les Oiseaux:62041",
    ]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(
        text.contains("QN0620M « Les Oiseaux »") && text.contains("invalide"),
        "{text}"
    );
    assert!(!refused.exists(), "nothing is written for a refused QPV");
    let mut left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["arras.copil"], "no temporary file either");

    // A QPV that is not CODE:Nom:INSEE is a usage error.
    let out = copil(&[
        &"init",
        &refused,
        &"--name",
        &"X",
        &"--epci",
        &"Y",
        &"--qpv",
        &"QN06201M",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("CODE:Nom:INSEE"), "{}", stderr(&out));
    assert!(!refused.exists());
}

#[test]
fn backup_and_restore_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("contrat.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let original = sha256_file(&file);
    let out = copil(&[&"backup", &file, &"-o", &dir.path().join("sauv")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let backup_path = stdout(&out)
        .trim()
        .trim_start_matches("Sauvegarde écrite : ")
        .to_string();
    assert!(std::path::Path::new(&backup_path).exists(), "{backup_path}");

    // Replace the contract by another one, then restore the backup.
    std::fs::remove_file(&file).unwrap();
    assert!(copil(&[
        &"init",
        &file,
        &"--name",
        &"Autre",
        &"--epci",
        &"Autre EPCI"
    ])
    .status
    .success());
    let out = copil(&[&"restore", &backup_path.as_str(), &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("L'ancien fichier a été sauvegardé"));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&copil(&[&"stats", &file, &"--json"]))).unwrap();
    assert_eq!(json["counts"]["districts"], 5, "restored data is back");
    assert_ne!(sha256_file(&file), "", "{original}");
    let listed = stdout(&copil(&[&"backups", &file]));
    assert!(listed.contains("avant-restauration"), "{listed}");
    let log = stdout(&copil(&[&"log", &file]));
    assert!(log.contains("restore"), "{log}");
}

#[test]
fn refused_files_get_french_messages_and_stay_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("absent.copil");
    let out = copil(&[&"check", &missing]);
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("introuvable"), "{}", stderr(&out));

    let text = dir.path().join("notes.copil");
    std::fs::write(&text, "ceci n'est pas une base").unwrap();
    let before = sha256_file(&text);
    let out = copil(&[&"stats", &text]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("n'est pas un fichier Copil"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sha256_file(&text), before);

    let file = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let bytes = std::fs::read(&file).unwrap();
    let truncated = dir.path().join("tronque.copil");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let before = sha256_file(&truncated);
    let out = copil(&[&"check", &truncated]);
    assert_ne!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("endommagé"), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("copil restore"),
        "the command line says how to restore: {}",
        stderr(&out)
    );
    assert_eq!(sha256_file(&truncated), before);
}

#[test]
fn usage_errors_exit_2_with_help_in_french() {
    let out = copil(&[&"stats"]);
    assert_eq!(out.status.code(), Some(2));
    let out = copil(&[&"--help"]);
    assert!(stdout(&out).contains("Crée un nouveau fichier de contrat"));
}

#[test]
fn second_opener_is_told_who_holds_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let holder = copil_core::Store::open(&file).expect("first opener");
    let lock = copil_core::store::lock::lock_path(&file);
    assert!(lock.exists(), "the lock file sits beside the contract");

    let before = sha256_file(&file);
    let out = copil(&[&"report", &file, &"-o", &dir.path().join("r.pdf")]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("est déjà ouvert par"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sha256_file(&file), before, "no silent overwrite");
    // Reading stays possible.
    assert!(copil(&[&"stats", &file]).status.success());

    drop(holder);
    assert!(!lock.exists(), "closing releases the lock");
    assert!(copil(&[&"report", &file, &"-o", &dir.path().join("r.pdf")])
        .status
        .success());
}

#[test]
fn spreadsheet_export_import_and_row_errors() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &demo]).status.success());
    let xlsx = dir.path().join("contrat.xlsx");
    let out = copil(&[&"export", &demo, &"-o", &xlsx]);
    assert!(out.status.success(), "{}", stderr(&out));

    let empty = dir.path().join("vide.copil");
    assert!(
        copil(&[&"init", &empty, &"--name", &"Import", &"--epci", &"CA"])
            .status
            .success()
    );
    let out = copil(&[&"import", &empty, &xlsx]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let a: serde_json::Value =
        serde_json::from_str(&stdout(&copil(&[&"stats", &demo, &"--json"]))).unwrap();
    let b: serde_json::Value =
        serde_json::from_str(&stdout(&copil(&[&"stats", &empty, &"--json"]))).unwrap();
    assert_eq!(
        a["counts"], b["counts"],
        "same records after the round trip"
    );
    assert_eq!(
        a["key_figures"], b["key_figures"],
        "same figures after the round trip"
    );

    // A wrong row: every problem is reported with sheet, row and column; nothing is written.
    let csv = dir.path().join("valeurs.csv");
    std::fs::write(
        &csv,
        "Indicateur;Année;Quartier;Valeur\nAccompagnements réalisés;2031;;12\nInconnu;2025;;abc\n",
    )
    .unwrap();
    let before = sha256_file(&empty);
    let out = copil(&[&"import", &empty, &csv]);
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(text.contains("ligne 2"), "{text}");
    assert!(text.contains("ligne 3"), "{text}");
    assert!(text.contains("rien n'a été enregistré"), "{text}");
    assert_eq!(sha256_file(&empty), before);
}

#[test]
fn audit_journal_is_viewable_and_exported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let log = stdout(&copil(&[&"log", &file, &"-n", &"5"]));
    assert_eq!(log.lines().count(), 5);
    assert!(log.contains("testeur"), "the OS user is recorded: {log}");
    let csv = dir.path().join("journal.csv");
    assert!(copil(&[&"log", &file, &"--csv", &csv]).status.success());
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("\u{feff}date;utilisateur;opération"));
    assert!(text.lines().count() > 100, "every line of the journal");
    assert!(text.contains("\"QN06201M Cité 12-14 – Grande Résidence\""));
}

/// `copil import-places` and `copil import-qpv-geo` on the fixture files: a dry run writes
/// nothing, a bad row is refused with its line (exit 4), a GeoJSON in metres is refused whole.
#[test]
fn places_and_perimeters_import_from_the_command_line() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/copil-core/tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &demo]).status.success());
    let csv = fixtures.join("lieux-mediation-lens.csv");
    let before = sha256_file(&demo);
    let out = copil(&[&"import-places", &demo, &csv, &"--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Simulation (rien n'a été écrit)"), "{text}");
    assert!(
        text.contains("9 inchangé(s)"),
        "the demo holds them already: {text}"
    );
    assert!(
        text.contains("Ignoré (ligne 11) : Point numérique d'Arras"),
        "{text}"
    );
    assert_eq!(sha256_file(&demo), before);

    let bad = dir.path().join("bad.csv");
    let lines: Vec<String> = std::fs::read_to_string(&csv)
        .unwrap()
        .lines()
        .take(3)
        .map(|l| l.replace("42901287600018", "4290128760001"))
        .collect();
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let out = copil(&[&"import-places", &demo, &bad]);
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("ligne 2, colonne pivot : SIRET"),
        "{}",
        stdout(&out)
    );
    assert_eq!(sha256_file(&demo), before);

    let out = copil(&[
        &"import-qpv-geo",
        &demo,
        &fixtures.join("qpv-perimetres-lens.geojson"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("5 QPV du contrat"),
        "{}",
        stdout(&out)
    );
    let metres = dir.path().join("lambert.geojson");
    std::fs::write(
        &metres,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code_qp":"QN06201M"},"geometry":{"type":"Polygon","coordinates":[[[686000,7035000],[687000,7035000],[687000,7036000],[686000,7035000]]]}}]}"#,
    )
    .unwrap();
    let before = sha256_file(&demo);
    let out = copil(&[&"import-qpv-geo", &demo, &metres]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "a refused GeoJSON is bad input, not an unexpected error: {}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("coordonnées en mètres"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("lambert.geojson"),
        "the file is named: {}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("inattendue"), "{}", stderr(&out));
    assert_eq!(sha256_file(&demo), before);
    let broken = dir.path().join("tronque.geojson");
    std::fs::write(&broken, r#"{"type":"FeatureCollection","features":[{"#).unwrap();
    let out = copil(&[&"import-qpv-geo", &demo, &broken]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("GeoJSON illisible"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sha256_file(&demo), before);
}

/// `copil import-places FILE PLACES --services SERVICES`: data·inclusion's services land on
/// their structure's lieu; a bad service row refuses both files (exit 4, its line), the
/// contract untouched.
#[test]
fn import_places_attaches_data_inclusion_services() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/copil-core/tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &demo]).status.success());
    let structures = fixtures.join("structures-inclusion-2026-11-30.json");
    let services = fixtures.join("services-inclusion-2026-11-30.csv");
    let before = sha256_file(&demo);
    let out = copil(&[
        &"import-places",
        &demo,
        &structures,
        &"--services",
        &services,
        &"--dry-run",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("3 service(s) rattaché(s), 2 écarté(s)"),
        "{text}"
    );
    assert!(
        text.contains("Service écarté (ligne 5) : Permanence emploi — aucune thématique numérique"),
        "{text}"
    );
    assert_eq!(sha256_file(&demo), before);

    let bad = dir.path().join("services.csv");
    let rows: Vec<String> = std::fs::read_to_string(&services)
        .unwrap()
        .lines()
        .take(3)
        .map(|l| l.replacen("dora,dora-5c1e0f3a,dora-svc-002", "dora,dora-5c1e0f3a,", 1))
        .collect();
    std::fs::write(&bad, rows.join("\n")).unwrap();
    let out = copil(&[&"import-places", &demo, &structures, &"--services", &bad]);
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("services.csv, ligne 3, colonne id : champ obligatoire vide."),
        "{}",
        stdout(&out)
    );
    assert_eq!(sha256_file(&demo), before);

    let out = copil(&[
        &"import-places",
        &demo,
        &structures,
        &"--services",
        &services,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Lieux importés : 2 lieu(x) créé(s)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_command_quietly() {
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let before = sha256_file(&file);
    // `copil log … | true`: the reader closes the pipe before the command writes its first line.
    let mut child = Command::new(copil_acceptance::copil_bin())
        .args(["log".as_ref(), file.as_os_str()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = stderr(&out);
    assert!(
        !err.contains("panicked"),
        "no panic on a closed pipe: {err}"
    );
    assert!(
        out.status.success() || out.status.code().is_none(),
        "ends by success or by SIGPIPE, not by an error code: {:?} {err}",
        out.status
    );
    assert_eq!(sha256_file(&file), before, "the file is untouched");
}
