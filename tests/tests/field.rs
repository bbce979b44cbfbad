//! The field's own files through the command line, as a chef de projet runs them: La Coop's
//! export of the conseillers numériques' accompaniments and La MedNum's IFN, on the demo.

use std::path::{Path, PathBuf};

use copil_acceptance::{copil, sha256_file, stderr, stdout, workspace_root};

fn fixture(name: &str) -> PathBuf {
    workspace_root()
        .join("crates/copil-core/fixtures")
        .join(name)
}

fn demo(dir: &Path) -> PathBuf {
    let file = dir.join("demo.copil");
    let out = copil(&[&"demo", &file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    file
}

const EXPORT: &str = "coop-numerique_accompagnements_2026-11-10.xlsx";
const PERMANENCES: &str = "Permanences de médiation numérique en pied d'immeuble";

#[test]
fn a_coop_export_feeds_an_action_and_a_dry_run_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let before = sha256_file(&file);
    let export = fixture(EXPORT);

    // Without an action or a mapping of its places, the import says what to do.
    let out = copil(&[&"import-coop", &file, &export]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("n'est associé à aucune action"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        sha256_file(&file),
        before,
        "a refused import writes nothing"
    );

    let action = format!("--action={PERMANENCES}");
    let out = copil(&[&"import-coop", &file, &export, &action, &"--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("626 accompagnement(s) lus"), "{text}");
    assert!(text.contains(&format!("« {PERMANENCES} » 2026")), "{text}");
    assert!(text.contains("Simulation : rien n'a été écrit."), "{text}");
    assert_eq!(sha256_file(&file), before, "a dry run writes nothing");

    let out = copil(&[&"import-coop", &file, &export, &action]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Import terminé."), "{}", stdout(&out));
    let once = copil(&[&"export", &file, &"--csv", &dir.path().join("once")]);
    assert_eq!(once.status.code(), Some(0));

    // Importing the same export again replaces its values, it does not add them.
    let out = copil(&[&"import-coop", &file, &export, &action]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let twice = copil(&[&"export", &file, &"--csv", &dir.path().join("twice")]);
    assert_eq!(twice.status.code(), Some(0));
    let values = |d: &str| std::fs::read_to_string(dir.path().join(d).join("Valeurs.csv")).unwrap();
    assert_eq!(values("once"), values("twice"));

    let out = copil(&[&"import-coop", &file, &export, &"--action=Pas une action"]);
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("Aucune action « Pas une action »"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_ifn_sets_the_qpvs_and_the_report_has_its_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let (city, epci) = (
        fixture("ifn-city-all-variation.csv"),
        fixture("ifn-epci-all-variation.csv"),
    );
    let out = copil(&[&"import-ifn", &file, &city, &epci, &"--siren", &"246200364"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Lens (62498) : IFN 6,7"), "{text}");
    assert!(text.contains("jamais moyenné"), "{text}");

    let pdf = dir.path().join("rapport.pdf");
    let out = copil(&[&"report", &file, &"-o", &pdf]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = std::process::Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Diagnostic de fragilité numérique"), "{text}");
    assert!(text.contains("6,7"), "{text}");

    let bad = dir.path().join("ifn.csv");
    std::fs::write(&bad, "pas,un,fichier\n1,2,3\n").unwrap();
    let before = sha256_file(&file);
    let out = copil(&[&"import-ifn", &file, &bad]);
    assert_ne!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(sha256_file(&file), before, "a refused file writes nothing");
}

#[test]
fn the_lieux_feed_an_indicator_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = demo(dir.path());
    let before = sha256_file(&file);
    // Any case and accents: the indicator is found by its folded name.
    let name = "--indicator=lieux de mediation dans ou a proximite des QPV";
    let out = copil(&[&"feed-places", &file, &name, &"--year=2025", &"--dry-run"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("serait renseigné (essai, rien n'est écrit)"),
        "{text}"
    );
    assert!(
        text.contains("territoire (chaque lieu compté une fois) : 9 (remplace 6)"),
        "{text}"
    );
    assert!(text.contains("haversine"), "{text}");
    assert_eq!(sha256_file(&file), before, "a dry run writes nothing");

    let out = copil(&[&"feed-places", &file, &name, &"--year=2025"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("2025 renseigné depuis les lieux"));
    let csv = dir.path().join("csv");
    let out = copil(&[&"export", &file, &"--csv", &csv]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let values = std::fs::read_to_string(csv.join("Valeurs.csv")).unwrap();
    let line = values
        .lines()
        .find(|l| l.starts_with(";Lieux de médiation dans ou à proximité des QPV;2025;"))
        .unwrap();
    assert!(line.contains(";9;"), "{line}");

    let after = sha256_file(&file);
    let persons = "--indicator=Personnes uniques accompagnées";
    let out = copil(&[&"feed-places", &file, &persons]);
    assert_eq!(out.status.code(), Some(4), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("n'alimentent qu'un indicateur en « nombre »"),
        "{}",
        stderr(&out)
    );
    assert_eq!(sha256_file(&file), after, "a refusal writes nothing");
}
