//! The collection round through the `copil` command, as a chef de projet runs it: `collect`
//! writes the porteurs' workbooks (LibreOffice opens each), the porteurs fill them in, `import`
//! takes them back several at once, `collect-status` follows each bilan before and after the
//! due date.

use std::path::{Path, PathBuf};

use copil_acceptance::workbooks::{fill, save};
use copil_acceptance::{copil, sha256_file, stderr, stdout};
use copil_core::exchange::{read_workbook, Cell};
use copil_core::figures::{value_detail, Pillar};
use copil_core::Store;

const CSJJ: &str = "Centre social Jean-Jaurès";
const AGGLO: &str = "Communauté d'agglomération de Lens-Liévin";
const FRANCE_SERVICES: &str = "Accès aux droits en ligne à l'espace France Services";
const TRAINING: &str = "Formation des travailleurs sociaux au repérage des fragilités numériques";

fn demo(dir: &Path) -> PathBuf {
    let file = dir.join("demo.copil");
    let out = copil(&[&"demo", &file]);
    assert!(out.status.success(), "{}", stderr(&out));
    file
}

/// `copil collect` of the demo's 2026 round into `dir`.
fn collect(file: &Path, dir: &Path) -> std::process::Output {
    copil(&[&"collect", &file, &"--year", &"2026", &"-o", &dir])
}

fn workbook_of(dir: &Path, porteur: &str) -> PathBuf {
    dir.join(format!("Bilan 2026 – {porteur}.xlsx"))
}

fn libreoffice() -> Option<&'static str> {
    ["libreoffice", "soffice"].into_iter().find(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn collect_writes_one_workbook_per_porteur_that_libreoffice_opens() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let out_dir = dir.path().join("bilans 2026");
    let out = collect(&file, &out_dir);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Campagne de bilans 2026 : date limite de retour le 13 novembre 2026."),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{CSJJ} — 1 action(s), 4 valeur(s) attendue(s), dont 2 déjà reçue(s)"
        )),
        "{text}"
    );
    assert!(text.contains("7 classeur(s) écrit(s)"), "{text}");
    let mut names: Vec<String> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "Bilan 2026 – Association Les Connectés du Bassin.xlsx",
            "Bilan 2026 – Centre social Jean-Jaurès.xlsx",
            "Bilan 2026 – Communauté d'agglomération de Lens-Liévin.xlsx",
            "Bilan 2026 – La Fabrique numérique d'Harnes.xlsx",
            "Bilan 2026 – Médiathèque d'Avion.xlsx",
            "Bilan 2026 – Régie de quartier Lens-Liévin.xlsx",
            "Bilan 2026 – Ville de Lens – CCAS.xlsx",
        ]
    );

    // Once more into the same folder: refused, nothing replaced; --overwrite replaces them.
    let before = sha256_file(&workbook_of(&out_dir, CSJJ));
    let again = collect(&file, &out_dir);
    assert_eq!(again.status.code(), Some(3), "{}", stderr(&again));
    assert!(stderr(&again).contains("--overwrite"), "{}", stderr(&again));
    assert_eq!(sha256_file(&workbook_of(&out_dir, CSJJ)), before);
    let forced = copil(&[
        &"collect",
        &file,
        &"--year",
        &"2026",
        &"-o",
        &out_dir,
        &"--overwrite",
    ]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    // A year without a round needs its due date.
    let none = copil(&[&"collect", &file, &"--year", &"2027", &"-o", &dir.path()]);
    assert_eq!(none.status.code(), Some(4));
    assert!(
        stderr(&none).contains("Aucune campagne de bilans n'est ouverte pour 2027"),
        "{}",
        stderr(&none)
    );

    // LibreOffice opens every workbook: each sheet converts to CSV, the Valeurs sheet holds the
    // rows the porteur owes.
    let Some(lo) = libreoffice() else {
        let msg = "LibreOffice introuvable : ouverture des classeurs non vérifiée (apt-get install libreoffice-calc-nogui).";
        if std::env::var("COPIL_REQUIRE_LIBREOFFICE").as_deref() == Ok("1") {
            panic!("{msg}");
        }
        eprintln!("{msg}");
        return;
    };
    let csv_dir = dir.path().join("csv");
    let mut cmd = std::process::Command::new(lo);
    cmd.args([
        "--headless",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1",
        "--outdir",
    ])
    .arg(&csv_dir)
    .env("HOME", dir.path());
    for name in &names {
        cmd.arg(out_dir.join(name));
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for name in &names {
        let stem = name.trim_end_matches(".xlsx");
        let values = csv_dir.join(format!("{stem}-Valeurs.csv"));
        let text = std::fs::read_to_string(&values)
            .unwrap_or_else(|e| panic!("{}: {e}", values.display()));
        assert!(
            text.starts_with("Action;Indicateur;Année;QPV;Valeur;Base (personnes)"),
            "{name}: {text}"
        );
        assert!(text.lines().count() >= 2, "{name}: {text}");
        assert!(csv_dir.join(format!("{stem}-Financements.csv")).exists());
    }
    let csjj =
        std::fs::read_to_string(csv_dir.join(format!("Bilan 2026 – {CSJJ}-Valeurs.csv"))).unwrap();
    assert!(
        csjj.contains(&format!(
            "{FRANCE_SERVICES};Mandats Aidants Connect créés;2026;;;;;;;;"
        )),
        "{csjj}"
    );
}

#[test]
fn collect_status_before_and_after_the_due_date() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let status = |date: &str| {
        let out = copil(&[
            &"collect-status",
            &file,
            &"--year",
            &"2026",
            &"--date",
            &date,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    // Before 13 November: the centre social's bilan is partial, the training's expected.
    let before = status("2026-11-08");
    for line in [
        "Campagne de bilans 2026 — date limite de retour le 13 novembre 2026 ; état au 8 novembre 2026.",
        &format!("  partiel — « {FRANCE_SERVICES} » (2 / 4 valeurs)"),
        &format!("  attendu — « {TRAINING} » (0 / 1 valeur)"),
        "  reçu le 5 novembre 2026 — « Permanences de médiation numérique en pied d'immeuble » (6 / 6 valeurs)",
        "  reçu le 20 novembre 2026 (après la date limite) — « Point numérique de la médiathèque d'Avion » (5 / 5 valeurs)",
        "Bilans 2026 reçus : 6 / 8 (dont 5 à temps)",
        "1 partiel(s), 0 en retard, 1 attendu(s) sans réponse.",
    ] {
        assert!(before.lines().any(|l| l == line), "missing « {line} » in\n{before}");
    }
    // After: both are late.
    let after = status("2026-11-28");
    for line in [
        &format!("  en retard — « {FRANCE_SERVICES} » (2 / 4 valeurs)"),
        &format!("  en retard — « {TRAINING} » (0 / 1 valeur)"),
        "0 partiel(s), 2 en retard, 0 attendu(s) sans réponse.",
    ] {
        assert!(
            after.lines().any(|l| l == line),
            "missing « {line} » in\n{after}"
        );
    }
    // JSON for scripts, and the reminders to copy.
    let out = copil(&[
        &"collect-status",
        &file,
        &"--year",
        &"2026",
        &"--date",
        &"2026-11-28",
        &"--json",
        &"--reminders",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["status"]["rate"]["expected"], 8);
    assert_eq!(json["status"]["rate"]["late"], 2);
    assert_eq!(json["status"]["rate"]["on_time"], 5);
    let reminders = json["reminders"].as_array().unwrap();
    assert_eq!(reminders.len(), 2);
    assert_eq!(reminders[0]["porteur"], CSJJ);
    let body = reminders[0]["body"].as_str().unwrap();
    assert!(body.contains("attendu pour le 13 novembre 2026"), "{body}");
    assert!(
        body.contains("2 valeurs sur 4 à nous transmettre (Part des personnes accompagnées résidant en QPV, Mandats Aidants Connect créés)"),
        "{body}"
    );
    // No round, no status.
    let out = copil(&[&"collect-status", &file, &"--year", &"2025"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(stderr(&out).contains("Aucune campagne de bilans n'est ouverte pour 2025"));
}

#[test]
fn returned_workbooks_are_imported_together_each_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let sent = dir.path().join("envoi");
    assert!(collect(&file, &sent).status.success());
    let back = dir.path().join("retours");
    std::fs::create_dir_all(&back).unwrap();

    // The centre social completes its bilan; the Agglo types text where a number goes.
    let mut wb = read_workbook(&workbook_of(&sent, CSJJ)).unwrap();
    let share = "Part des personnes accompagnées résidant en QPV";
    fill(
        &mut wb,
        FRANCE_SERVICES,
        share,
        "Valeur",
        Cell::Number(61.0),
    );
    fill(
        &mut wb,
        FRANCE_SERVICES,
        share,
        "Base (personnes)",
        Cell::Number(250.0),
    );
    fill(
        &mut wb,
        FRANCE_SERVICES,
        "Mandats Aidants Connect créés",
        "Valeur",
        Cell::Number(35.0),
    );
    let csjj = back.join("centre social.xlsx");
    save(&wb, &csjj);
    let mut wb = read_workbook(&workbook_of(&sent, AGGLO)).unwrap();
    fill(
        &mut wb,
        TRAINING,
        "Professionnels de première ligne formés",
        "Valeur",
        Cell::Text("douze".into()),
    );
    let agglo = back.join("agglo.xlsx");
    save(&wb, &agglo);

    let out = copil(&[
        &"import",
        &file,
        &csjj,
        &agglo,
        &"--received-on",
        &"2026-11-20",
    ]);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let text = stdout(&out);
    for line in [
        "« centre social.xlsx »",
        &format!("  Classeur du porteur « {CSJJ} »"),
        &format!("  Bilan « {FRANCE_SERVICES} » : 4 valeurs, bilan 2026 reçu (4 / 4)"),
        "« agglo.xlsx »",
        &format!("  Classeur du porteur « {AGGLO} »"),
        "  Erreur — Valeurs, ligne 2, colonne Valeur : « douze » n'est pas un nombre.",
        "  1 erreur(s) : rien n'a été enregistré de ce classeur. Corrigez-le puis relancez.",
        "2 classeur(s) : 1 importé(s), 1 refusé(s).",
    ] {
        assert!(
            text.lines().any(|l| l == line),
            "missing « {line} » in\n{text}"
        );
    }
    assert!(text.contains("Sauvegarde préalable :"), "{text}");
    // The centre social's bilan is in, received on the day given; the Agglo's still late.
    let status = stdout(&copil(&[
        &"collect-status",
        &file,
        &"--year",
        &"2026",
        &"--date",
        &"2026-11-28",
    ]));
    assert!(
        status.contains(&format!("  reçu le 20 novembre 2026 (après la date limite) — « {FRANCE_SERVICES} » (4 / 4 valeurs)")),
        "{status}"
    );
    assert!(
        status.contains(&format!("  en retard — « {TRAINING} » (0 / 1 valeur)")),
        "{status}"
    );
    assert!(
        status.contains("Bilans 2026 reçus : 7 / 8 (dont 5 à temps)"),
        "{status}"
    );

    // The share is weighted by the bases of the four porteurs: (72×420 + 61×250 + 58×170 +
    // 64×130) / 970.
    let store = Store::open_read_only(&file).unwrap();
    let p = Pillar::load(&store).unwrap();
    let share_id = p.indicators.iter().find(|i| i.name == share).unwrap().id;
    let v = value_detail(&p, share_id, 2026, None).unwrap().value;
    let expected = (72.0 * 420.0 + 61.0 * 250.0 + 58.0 * 170.0 + 64.0 * 130.0) / 970.0;
    assert!((v.value.unwrap() - expected).abs() < 1e-9, "{v:?}");
    assert_eq!(v.base, Some(970.0));
}

#[test]
fn a_hostile_returned_workbook_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let sent = dir.path().join("envoi");
    assert!(collect(&file, &sent).status.success());
    let mut wb = read_workbook(&workbook_of(&sent, CSJJ)).unwrap();
    let sheet = wb.sheets.iter_mut().find(|s| s.name == "Valeurs").unwrap();
    let header: Vec<String> = sheet.rows[0].iter().map(Cell::as_text).collect();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap();
    let width = header.len();
    let row = |action: &str, indicator: &str, year: f64, value: Cell| {
        let mut r = vec![Cell::Empty; width];
        r[at("Action")] = Cell::Text(action.into());
        r[at("Indicateur")] = Cell::Text(indicator.into());
        r[at("Année")] = Cell::Number(year);
        r[at("Valeur")] = value;
        r
    };
    // Another porteur's action, an unknown indicator, a year outside the contract, a
    // percentage above 100, text in a number cell.
    sheet.rows.extend([
        row(
            "Point numérique de la médiathèque d'Avion",
            "Heures de médiation numérique",
            2026.0,
            Cell::Number(9999.0),
        ),
        row(
            FRANCE_SERVICES,
            "Satisfaction des usagers",
            2026.0,
            Cell::Number(8.0),
        ),
        row(
            FRANCE_SERVICES,
            "Accompagnements réalisés",
            2032.0,
            Cell::Number(100.0),
        ),
        row(
            FRANCE_SERVICES,
            "Part des personnes accompagnées résidant en QPV",
            2025.0,
            Cell::Number(140.0),
        ),
        row(
            FRANCE_SERVICES,
            "Accompagnements réalisés",
            2025.0,
            Cell::Text("beaucoup".into()),
        ),
    ]);
    let hostile = dir.path().join("retour.xlsx");
    save(&wb, &hostile);
    let before = sha256_file(&file);
    let out = copil(&[&"import", &file, &hostile]);
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    let text = stdout(&out);
    for line in [
        format!("Erreur — Valeurs, ligne 6, colonne Action : l'action « Point numérique de la médiathèque d'Avion » est portée par « Médiathèque d'Avion » : ce classeur de « {CSJJ} » ne renseigne que ses propres actions."),
        "Erreur — Valeurs, ligne 7, colonne Indicateur : indicateur « Satisfaction des usagers » inconnu dans ce contrat.".into(),
        "Erreur — Valeurs, ligne 8, colonne Année : Année 2032 hors de la période du contrat (2024–2030).".into(),
        "Erreur — Valeurs, ligne 9, colonne Valeur : Un pourcentage est compris entre 0 et 100 (reçu 140).".into(),
        "Erreur — Valeurs, ligne 10, colonne Valeur : « beaucoup » n'est pas un nombre.".into(),
        "5 erreur(s) : rien n'a été enregistré de ce classeur. Corrigez-le puis relancez.".into(),
    ] {
        assert!(text.lines().any(|l| l == line), "missing « {line} » in\n{text}");
    }
    assert_eq!(sha256_file(&file), before, "the contract file is unchanged");
}

#[test]
fn two_porteurs_values_for_the_same_indicator_add_up() {
    // The example: two porteurs' « Valeurs » for the same indicator and year.
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let csv = |name: &str, action: &str, value: u32| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            format!("Action;Indicateur;Année;QPV;Valeur;Date;Source;Commentaire\n{action};Ateliers collectifs organisés;2026;;{value};;Bilan {name};\n"),
        )
        .unwrap();
        path
    };
    let a = csv(
        "Valeurs-A.csv",
        "Ateliers « Parents connectés » avec les écoles",
        41,
    );
    let b = csv(
        "Valeurs-B.csv",
        "Fabrique numérique : tiers-lieu et réemploi d'ordinateurs",
        26,
    );
    let out = copil(&[&"import", &file, &a]);
    assert!(out.status.success(), "{}", stdout(&out));
    assert!(
        stdout(&out).contains("Valeurs-A : 0 créé(s), 1 mis à jour, 0 inchangé(s)"),
        "{}",
        stdout(&out)
    );
    // A correction keeps the day the bilan first came in: the Régie's is still on time.
    assert!(
        stdout(&out).contains("Bilans 2026 reçus : 6 / 8 (dont 5 à temps)"),
        "{}",
        stdout(&out)
    );
    let out = copil(&[&"import", &file, &b]);
    assert!(
        stdout(&out).contains("Valeurs-B : 0 créé(s), 1 mis à jour, 0 inchangé(s)"),
        "{}",
        stdout(&out)
    );
    let workshops = |file: &Path| {
        let store = Store::open_read_only(file).unwrap();
        let p = Pillar::load(&store).unwrap();
        let id = p
            .indicators
            .iter()
            .find(|i| i.name == "Ateliers collectifs organisés")
            .unwrap()
            .id;
        value_detail(&p, id, 2026, None).unwrap().value.value
    };
    assert_eq!(workshops(&file), Some(67.0), "41 + 26, never 26 alone");
    // The export keeps both, each with its action; re-importing one changes nothing.
    let out_dir = dir.path().join("export");
    assert!(copil(&[&"export", &file, &"--csv", &out_dir])
        .status
        .success());
    let values = std::fs::read_to_string(out_dir.join("Valeurs.csv")).unwrap();
    assert!(values.contains("Ateliers « Parents connectés » avec les écoles;Ateliers collectifs organisés;2026;;41;"), "{values}");
    assert!(values.contains("Fabrique numérique : tiers-lieu et réemploi d'ordinateurs;Ateliers collectifs organisés;2026;;26;"), "{values}");
    let out = copil(&[&"import", &file, &a, &"--dry-run"]);
    assert!(
        stdout(&out).contains("Valeurs-A : 0 créé(s), 0 mis à jour, 1 inchangé(s)"),
        "{}",
        stdout(&out)
    );
}
