//! `copil report` end to end: the real PDF read back with pdftotext and pdfinfo.

mod line_breaks;

use std::path::Path;
use std::process::Command;

use copil_acceptance::{copil, stderr, stdout};
use copil_core::domain::{Measurement, Unit};
use copil_core::format::normalize_spaces;
use copil_core::report::{issue, ReportOptions};
use copil_core::Store;

fn pdftotext(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup");
    assert!(out.status.success());
    normalize_spaces(&String::from_utf8_lossy(&out.stdout))
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse().unwrap())
        .expect("page count")
}

#[test]
fn demo_report_has_every_section_french_figures_and_consistent_pages() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let pdf = dir.path().join("rapport.pdf");
    let out = copil(&[&"report", &file, &"-o", &pdf, &"--date", &"2026-11-28"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("Rapport écrit"));

    let text = pdftotext(&pdf);
    for title in [
        "Sommaire",
        "Synthèse",
        "Objectifs et transversalité",
        "Indicateurs",
        "Actions",
        "Financements",
        "Instances et décisions",
        "Prochaines étapes",
        "Annexes",
        "Matrice de transversalité",
        "Points d'alerte",
    ] {
        assert!(text.contains(title), "missing section « {title} »");
    }
    // Seed figures in French format: Capuni baseline, the share living in a QPV, the participants table.
    for figure in [
        "75 %",
        "57,1 %",
        "37 %",
        "87 %",
        "28 novembre 2026",
        "478 000 €",
    ] {
        assert!(text.contains(figure), "missing figure « {figure} »");
    }
    let pages = page_count(&pdf);
    assert!(pages > 5);
    assert!(
        text.contains(&format!("page 1 / {pages}")),
        "footer of the first page"
    );
    assert!(
        text.contains(&format!("page {pages} / {pages}")),
        "footer of the last page"
    );
    assert!(!text.contains(&format!("page {} / {pages}", pages + 1)));
    // Bookmarks: one outline entry per section.
    let bytes = std::fs::read(&pdf).unwrap();
    let raw = String::from_utf8_lossy(&bytes);
    assert!(raw.contains("/Outlines"), "the PDF has an outline");
    // Fonts: both weights embedded as subsets, so the file stays small to send.
    let fonts = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts");
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    for name in ["COPILR+DejaVuSans ", "COPILB+DejaVuSans-Bold "] {
        let line = fonts
            .lines()
            .find(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("font {name} in\n{fonts}"));
        let flags: Vec<&str> = line.split_whitespace().skip(4).take(3).collect();
        assert_eq!(
            flags,
            ["yes", "yes", "yes"],
            "embedded, subset, unicode: {line}"
        );
    }
    assert!(
        bytes.len() < 400_000,
        "{} bytes for {pages} pages",
        bytes.len()
    );
}

#[test]
fn second_report_shows_what_changed_since_the_first() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let first = dir.path().join("premier.pdf");
    assert!(
        copil(&[&"report", &file, &"-o", &first, &"--date", &"2026-11-28"])
            .status
            .success()
    );
    assert!(pdftotext(&first).contains("Premier rapport émis pour ce contrat"));

    {
        let mut store = Store::open(&file).unwrap();
        let ind = store
            .indicators()
            .unwrap()
            .into_iter()
            .find(|i| i.name == "Ateliers collectifs organisés")
            .unwrap();
        store
            .save_measurement(&Measurement {
                id: 0,
                indicator_id: ind.id,
                year: 2025,
                date: None,
                district_id: None,
                action_id: None,
                value: 171.0,
                base: None,
                source: "Bilan 2025".into(),
                comment: String::new(),
                received_on: None,
            })
            .unwrap();
    }
    let second = dir.path().join("second.pdf");
    let out = copil(&[&"report", &file, &"-o", &second, &"--date", &"2026-11-28"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdftotext(&second);
    assert!(
        text.contains("Comparaison avec le rapport du 28 novembre 2026"),
        "delta section"
    );
    assert!(
        text.contains("Ateliers collectifs organisés : 1 nouvelle valeur"),
        "the new value is listed"
    );
}

#[test]
fn report_options_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let pdf = dir.path().join("q.pdf");
    let out = copil(&[&"report", &file, &"-o", &pdf, &"--qpv", &"QN99999Z"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        stderr(&out).contains("QN99999Z n'existe pas"),
        "{}",
        stderr(&out)
    );
    assert!(!pdf.exists());

    let out = copil(&[
        &"report",
        &file,
        &"-o",
        &pdf,
        &"--qpv",
        &"QN06205F",
        &"--no-annexes",
        &"--year",
        &"2025",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = pdftotext(&pdf);
    assert!(text.contains("QN06205F Cité Bellevue"));
    assert!(!text.contains("Quartiers prioritaires"), "annexes left out");
}

/// The demo report and the large synthetic contract's report, read back: a
/// word goes on to the next line only after a hyphen of its own or at a French
/// hyphenation point (hyphen added), and no number is separated from its unit.
#[test]
fn report_lines_break_between_words_or_at_french_hyphenation_points() {
    let mut units: Vec<&str> = Unit::ALL.iter().map(|u| u.label()).collect();
    units.extend(["pt", "pts"]);
    for size in [None, Some("large")] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("contrat.copil");
        let out = match size {
            Some(size) => copil(&[&"demo", &file, &"--size", &size]),
            None => copil(&[&"demo", &file]),
        };
        assert!(out.status.success(), "{}", stderr(&out));
        // The words the report should hold: its model, as `copil report` builds it.
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let model = {
            let store = Store::open(&file).unwrap();
            let (_, doc) = issue::prepare(&store, &ReportOptions::for_today(today)).unwrap();
            serde_json::to_value(&doc).unwrap()
        };
        let pdf = dir.path().join("rapport.pdf");
        let out = copil(&[&"report", &file, &"-o", &pdf, &"--date", &"2026-11-28"]);
        assert!(out.status.success(), "{}", stderr(&out));

        let vocabulary = line_breaks::Vocabulary::of_model(&model, &units);
        let found = line_breaks::check(&pdf, &vocabulary);
        let name = size.unwrap_or("démo");
        eprintln!(
            "{name} : {} coupures de ligne dans un bloc, dont {} à un point de césure, {} après le trait d'union d'un mot composé",
            found.breaks, found.hyphenated, found.compounds
        );
        assert!(
            found.problems.is_empty(),
            "{name} : {} coupures fautives :\n{}",
            found.problems.len(),
            found.problems.join("\n")
        );
        assert!(
            found.breaks > 100,
            "{name} : {} coupures lues",
            found.breaks
        );
    }
}

#[test]
fn porteurs_bilans_read_back_in_the_pdf() {
    use copil_core::domain::CollectionRound;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    {
        let mut store = Store::open(&file).unwrap();
        // Start from the demo without its own 2026 round: this test sets up its own bilans.
        let round = store.collection_round(2026).unwrap().unwrap();
        store.delete_collection_round(round.id).unwrap();
        for m in store.all_measurements().unwrap() {
            if m.action_id.is_some() {
                store.delete_measurement(m.id).unwrap();
            }
        }
        for mut a in store.actions().unwrap() {
            a.reported_indicator_ids.clear();
            store.save_action(&a).unwrap();
        }
        let indicators = store.indicators().unwrap();
        let id = |name: &str| indicators.iter().find(|i| i.name == name).unwrap().id;
        let workshops = id("Ateliers collectifs organisés");
        let autonomy = id("Personnes autonomes à l'issue de l'accompagnement");
        let actions = store.actions().unwrap();
        let action = |start: &str| {
            actions
                .iter()
                .find(|a| a.title.starts_with(start))
                .unwrap()
                .clone()
        };
        let mut reporting = Vec::new();
        for start in [
            "Permanences de médiation",
            "Accès aux droits en ligne",
            "Ateliers « Parents connectés »",
        ] {
            let mut a = action(start);
            a.reported_indicator_ids = vec![workshops, autonomy];
            store.save_action(&a).unwrap();
            reporting.push(a.id);
        }
        store
            .save_collection_round(&CollectionRound {
                id: 0,
                year: 2026,
                due_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 31).unwrap(),
                comment: String::new(),
                receipts: vec![],
            })
            .unwrap();
        let contribution = |indicator, action, value, base: Option<f64>, day: u32| Measurement {
            id: 0,
            indicator_id: indicator,
            year: 2026,
            date: None,
            district_id: None,
            action_id: Some(action),
            value,
            base,
            source: "Bilan 2026".into(),
            comment: String::new(),
            received_on: chrono::NaiveDate::from_ymd_opt(2027, 1, day),
        };
        store
            .replace_bilan(
                reporting[0],
                2026,
                &[
                    contribution(workshops, reporting[0], 40.0, None, 12),
                    contribution(autonomy, reporting[0], 50.0, Some(100.0), 12),
                ],
            )
            .unwrap();
        store
            .replace_bilan(
                reporting[1],
                2026,
                &[
                    contribution(workshops, reporting[1], 25.0, None, 20),
                    contribution(autonomy, reporting[1], 70.0, Some(300.0), 20),
                ],
            )
            .unwrap();
    }
    let pdf = dir.path().join("bilans.pdf");
    let out = copil(&[
        &"report",
        &file,
        &"-o",
        &pdf,
        &"--date",
        &"2027-02-03",
        &"--year",
        &"2026",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Without -layout, each cell's text comes out whole on its line(s).
    let raw = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text = normalize_spaces(&String::from_utf8_lossy(&raw.stdout));
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Bilans 2026 reçus",
        "2 / 3",
        "dont 2 à temps ; 1 en retard",
        "Remontée des bilans 2026",
        "Campagne de bilans 2026 : date limite de retour le 31 janvier 2027. Bilans 2026 reçus : 2 / 3 (dont 2 à temps).",
        "Bilan 2026 en retard : Régie de quartier Lens-Liévin — « Ateliers « Parents connectés » avec les écoles » (attendu le 31 janvier 2027).",
        "12 janvier 2027",
        "20 janvier 2027",
        "Ateliers collectifs organisés — bilans 2026 : 2 actions sur 3 ont répondu.",
        // The table cell may wrap (« sur 400 » / « personnes »): its number and its base read together.
        "65 % sur 400",
        "Contributions des actions",
        "Personnes autonomes à l'issue de l'accompagnement (%)",
    ] {
        assert!(flat.contains(expected), "missing « {expected} » in\n{flat}");
    }
    // The consolidated percentage is weighted by the bases (65 %), never the plain average (60 %).
    assert!(!flat.contains("60 % sur 400"));
}
