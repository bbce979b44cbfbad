//! Spreadsheet exchange: round trips, idempotence, property tests, hostile files, LibreOffice, QPV list.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use copil_core::domain::{Commune, Contract, Direction, Indicator, IndicatorKind, Unit};
use copil_core::exchange::{self, import_file, Workbook};
use copil_core::figures::{self, Pillar, Scope};
use copil_core::Store;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

fn scope() -> Scope {
    Scope::today(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

/// Drops ids (which differ between files) from a JSON value, keeping everything else.
fn without_ids(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(k, _)| !(k == "id" || k.ends_with("_id") || k.ends_with("_ids")))
                .map(|(k, v)| (k, without_ids(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_ids).collect()),
        other => other,
    }
}

fn figures_of(store: &Store) -> serde_json::Value {
    let p = Pillar::load(store).unwrap();
    let s = scope();
    without_ids(serde_json::json!({
        "matrix": figures::transversality_matrix(&p, &s),
        "funding": figures::funding_by_financeur_year(&p, &s),
        "indicators": figures::all_indicator_figures(&p, &s),
        "actions": p.actions.len(),
        "measurements": p.measurements.len(),
        "decisions": p.decisions.len(),
        "meetings": p.meetings.len(),
    }))
}

fn demo(dir: &Path) -> Store {
    copil_core::demo::create_demo(&dir.join("demo.copil")).unwrap()
}

fn empty_like(store: &Store, path: &Path) -> Store {
    Store::create(path, &store.contract().unwrap()).unwrap()
}

fn sha(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

fn assert_ok(report: &exchange::ImportReport) {
    assert!(report.is_ok(), "problèmes : {:#?}", report.to_lines());
}

#[test]
fn demo_export_import_gives_same_figures_and_reimport_is_idempotent() {
    let dir = tempfile::tempdir().unwrap();
    let src = demo(dir.path());
    let xlsx = dir.path().join("contrat.xlsx");
    exchange::export_xlsx(&src, &xlsx).unwrap();

    let mut dst = empty_like(&src, &dir.path().join("copie.copil"));
    let report = import_file(&mut dst, &xlsx, false).unwrap();
    assert_ok(&report);
    assert!(report.applied && report.backup.is_some());
    assert_eq!(figures_of(&src), figures_of(&dst));

    // Re-import: the dry run says nothing would change, and the real one changes nothing.
    let hash = sha(dst.path());
    let again = import_file(&mut dst, &xlsx, true).unwrap();
    assert_ok(&again);
    assert!(again.all_unchanged(), "{:#?}", again.sheets);
    assert!(!again.applied);
    assert_eq!(sha(dst.path()), hash, "a dry run must not write");
    let real = import_file(&mut dst, &xlsx, false).unwrap();
    assert!(real.all_unchanged());
    assert_eq!(figures_of(&src), figures_of(&dst));
    let log = dst.audit_log(5).unwrap();
    assert!(
        log.iter().any(|e| e.summary.contains("contrat.xlsx")),
        "{log:?}"
    );
}

#[test]
fn own_export_imported_into_the_same_file_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut src = demo(dir.path());
    let xlsx = dir.path().join("contrat.xlsx");
    exchange::export_xlsx(&src, &xlsx).unwrap();
    let report = import_file(&mut src, &xlsx, true).unwrap();
    assert_ok(&report);
    assert!(report.all_unchanged(), "{:#?}", report.sheets);
}

#[test]
fn csv_export_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let src = demo(dir.path());
    let csv_dir = dir.path().join("csv");
    let files = exchange::export_csv(&src, &csv_dir).unwrap();
    assert_eq!(files.len(), 10);
    assert!(std::fs::read(&files[0])
        .unwrap()
        .starts_with(b"\xEF\xBB\xBF"));
    let mut dst = empty_like(&src, &dir.path().join("copie.copil"));
    for f in &files {
        let report = import_file(&mut dst, f, false).unwrap();
        assert_ok(&report);
    }
    assert_eq!(figures_of(&src), figures_of(&dst));
}

#[test]
fn template_has_lists_and_prefilled_rows_and_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut src = demo(dir.path());
    let actor = src
        .actions()
        .unwrap()
        .into_iter()
        .find_map(|a| a.porteur_id)
        .unwrap();
    let name = src
        .actors()
        .unwrap()
        .into_iter()
        .find(|a| a.id == actor)
        .unwrap()
        .name;
    let out = dir.path().join("modele.xlsx");
    exchange::write_template(&src, &out, Some(&name)).unwrap();
    let wb = exchange::read_workbook(&out).unwrap();
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Lisez-moi",
            "Listes",
            "Valeurs",
            "Actions",
            "Financements",
            "Décisions"
        ]
    );
    let actions = wb.sheets.iter().find(|s| s.name == "Actions").unwrap();
    assert!(
        actions.rows.len() > 1,
        "les actions du porteur sont pré-remplies"
    );
    // The filled template, sent back unchanged, changes nothing.
    let report = import_file(&mut src, &out, true).unwrap();
    assert_ok(&report);
    assert!(report.all_unchanged(), "{:#?}", report.sheets);
    assert!(exchange::write_template(&src, &out, Some("Inconnue")).is_err());
}

/// A cell changed the way a porteur might change it: text edited, number or date moved on.
fn edited(cell: &exchange::Cell, kind: exchange::Kind) -> exchange::Cell {
    use exchange::{Cell, Kind};
    match (cell, kind) {
        (Cell::Text(t), _) => Cell::Text(format!("{t} (modifié)")),
        (Cell::Number(v), _) => Cell::Number(v + 1.0),
        (Cell::Date(d), _) => Cell::Date(d.succ_opt().unwrap()),
        (_, Kind::Date) => Cell::Date(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()),
        (_, Kind::Text) => Cell::Text("modifié".into()),
        (_, Kind::Number | Kind::Integer | Kind::Euros) => Cell::Number(1.0),
    }
}

#[test]
fn every_column_of_every_sheet_is_read_back() {
    // A column written by the export but forgotten by the import would leave the contract
    // unchanged and say nothing: each edited column must change a record or be reported.
    let dir = tempfile::tempdir().unwrap();
    let mut s = demo(dir.path());
    let xlsx = dir.path().join("contrat.xlsx");
    exchange::export_xlsx(&s, &xlsx).unwrap();
    let book = exchange::read_workbook(&xlsx).unwrap();
    let mut checked = 0;
    for kind in exchange::SheetKind::ALL {
        let sheet = book
            .sheets
            .iter()
            .find(|sh| sh.name == kind.sheet_name())
            .unwrap();
        assert!(
            sheet.rows.len() > 1,
            "{} : la démo remplit la feuille",
            sheet.name
        );
        let header = &sheet.rows[0];
        let same = exchange::import_workbook(
            &mut s,
            &Workbook {
                sheets: vec![exchange::Sheet {
                    rows: sheet.rows[..2].to_vec(),
                    ..sheet.clone()
                }],
            },
            "test",
            true,
        )
        .unwrap();
        assert!(
            same.all_unchanged() && same.is_ok(),
            "{:?}",
            same.to_lines()
        );
        for col in kind.columns() {
            let pos = header
                .iter()
                .position(|h| h.as_text() == col.header)
                .unwrap();
            let mut row = sheet.rows[1].clone();
            row.resize(header.len(), exchange::Cell::Empty);
            row[pos] = edited(&row[pos], col.kind);
            let wb = Workbook {
                sheets: vec![exchange::Sheet {
                    rows: vec![header.clone(), row],
                    ..sheet.clone()
                }],
            };
            let report = exchange::import_workbook(&mut s, &wb, "test", true).unwrap();
            let (created, updated, _) = report.totals();
            let reported = report.problems.iter().any(|p| p.column == col.header)
                || report
                    .warnings
                    .iter()
                    .any(|w| w.column == col.header && !same.warnings.contains(w));
            assert!(
                created + updated > 0 || reported,
                "{}, colonne {} : modifiée sans effet ni message ({:?})",
                sheet.name,
                col.header,
                report.to_lines()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 76);
}

fn small_contract(dir: &Path) -> Store {
    let mut c = Contract::new("Contrat test", "EPCI test");
    c.communes = vec![Commune {
        insee: "62498".into(),
        name: "Lens".into(),
    }];
    let path = dir.join(format!("t{}.copil", rand_suffix()));
    let mut s = Store::create(&path, &c).unwrap();
    s.import_batch("test", "préparation", |s| {
        for code in ["QN06220M", "QN06221M"] {
            s.save_district(&copil_core::domain::District {
                id: 0,
                code: code.into(),
                name: format!("Quartier {code}"),
                communes: vec!["62498".into()],
                population: None,
                ifn: None,
            })?;
        }
        for (name, unit) in [
            ("Personnes accompagnées", Unit::Persons),
            ("Taux d'équipement", Unit::Percent),
        ] {
            s.save_indicator(&Indicator {
                id: 0,
                name: name.into(),
                unit,
                direction: Direction::HigherIsBetter,
                kind: IndicatorKind::Cumulative,
                baseline_value: None,
                baseline_date: None,
                source: String::new(),
                by_district: true,
                targets: vec![],
                objective_ids: vec![],
            })?;
        }
        Ok(())
    })
    .unwrap();
    s
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}

fn write_csv(path: &Path, lines: &[String]) {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(lines.join("\r\n").into_bytes());
    std::fs::write(path, bytes).unwrap();
}

#[derive(Debug, Clone)]
struct ValueRow {
    indicator: usize,
    year: i32,
    qpv: Option<usize>,
    value: u32,
}

fn value_row() -> impl Strategy<Value = ValueRow> {
    (
        0..2usize,
        2024..=2030i32,
        proptest::option::of(0..2usize),
        0..=100u32,
    )
        .prop_map(|(indicator, year, qpv, value)| ValueRow {
            indicator,
            year,
            qpv,
            value,
        })
}

const INDICATORS: [&str; 2] = ["Personnes accompagnées", "Taux d'équipement"];
const QPVS: [&str; 2] = ["QN06220M", "QN06221M"];

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn random_valid_rows_round_trip(rows in proptest::collection::vec(value_row(), 1..30)) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = small_contract(dir.path());
        let mut lines = vec!["Indicateur;Année;QPV;Valeur".to_string()];
        let mut expected = std::collections::BTreeMap::new();
        let mut keys = std::collections::BTreeSet::new();
        for r in rows.iter().filter(|r| keys.insert((r.indicator, r.year, r.qpv))) {
            let qpv = r.qpv.map(|q| QPVS[q]).unwrap_or("");
            lines.push(format!("{};{};{};{}", INDICATORS[r.indicator], r.year, qpv, r.value));
            expected.insert((INDICATORS[r.indicator].to_string(), r.year, qpv.to_string()), f64::from(r.value));
        }
        let csv = dir.path().join("Valeurs.csv");
        write_csv(&csv, &lines);
        let report = import_file(&mut s, &csv, false).unwrap();
        prop_assert!(report.is_ok(), "{:?}", report.to_lines());
        // Export back: exactly the distinct rows (the last one wins for a repeated key).
        let out = dir.path().join("out");
        exchange::export_csv(&s, &out).unwrap();
        let back = exchange::read_workbook(&out.join("Valeurs.csv")).unwrap();
        let header = &back.sheets[0].rows[0];
        let at = |h: &str| header.iter().position(|c| c.as_text() == h).unwrap();
        let (ind, year, qpv, value) = (at("Indicateur"), at("Année"), at("QPV"), at("Valeur"));
        let got: std::collections::BTreeMap<_, _> = back.sheets[0].rows.iter().skip(1).map(|r| {
            let t = |i: usize| r.get(i).map(|c| c.as_text()).unwrap_or_default();
            ((t(ind), t(year).parse::<i32>().unwrap(), t(qpv)), exchange::parse_number_text(&t(value)).unwrap())
        }).collect();
        prop_assert_eq!(got, expected);
        let again = import_file(&mut s, &csv, true).unwrap();
        prop_assert!(again.all_unchanged());
    }

    #[test]
    fn random_invalid_rows_are_all_reported_and_nothing_written(
        bad in proptest::collection::vec((0..4usize, any::<bool>()), 1..14)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut s = small_contract(dir.path());
        let path = s.path().to_path_buf();
        let mut lines = vec!["Indicateur;Année;QPV;Valeur".to_string()];
        let mut expected = Vec::new();
        for (i, (col, good_first)) in bad.iter().enumerate() {
            if *good_first {
                lines.push(format!("{};{};;{}", INDICATORS[i % 2], 2024 + (i / 2) % 7, i));
            }
            // Distinct natural keys, so that only the planted error is reported.
            let mut cells = [
                INDICATORS[i % 2].to_string(),
                (2024 + i / 4).to_string(),
                QPVS[(i / 2) % 2].to_string(),
                "5".into(),
            ];
            let bad_year = (2090 + i).to_string();
            cells[*col] = ["Indicateur fantôme", bad_year.as_str(), "QN99999Z", "douze"][*col].to_string();
            lines.push(cells.join(";"));
            expected.push((lines.len(), ["Indicateur", "Année", "QPV", "Valeur"][*col].to_string()));
        }
        let csv = dir.path().join("valeurs.csv");
        write_csv(&csv, &lines);
        let before = sha(&path);
        let report = import_file(&mut s, &csv, false).unwrap();
        let got: Vec<(usize, String)> = report.problems.iter().map(|p| (p.row, p.column.clone())).collect();
        prop_assert_eq!(got, expected);
        prop_assert!(!report.applied);
        drop(s);
        prop_assert_eq!(sha(&path), before);
    }
}

#[test]
fn messages_name_sheet_row_and_column_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = small_contract(dir.path());
    let csv = dir.path().join("Valeurs.csv");
    write_csv(
        &csv,
        &[
            "Valeur;ANNÉE;indicateur".into(),
            "150;2026;Taux d'équipement".into(),
        ],
    );
    let report = import_file(&mut s, &csv, true).unwrap();
    assert_eq!(report.problems.len(), 1);
    assert_eq!(
        report.problems[0].to_string(),
        "Valeurs, ligne 2, colonne Valeur : Un pourcentage est compris entre 0 et 100 (reçu 150)."
    );
}

#[test]
fn hostile_but_honest_cells_are_understood() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = small_contract(dir.path());
    // Numbers as text with French commas and narrow spaces, dates as text and as serials, a formula.
    let xlsx = dir.path().join("saisie.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Saisie partenaires").unwrap();
    for (c, h) in ["indicateur", "annee", "code qpv", "valeur", "date"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "Personnes accompagnées").unwrap();
    ws.write_string(1, 1, "2026").unwrap();
    ws.write_string(1, 2, "QN06220M").unwrap();
    ws.write_string(1, 3, "1\u{202f}234").unwrap();
    ws.write_string(1, 4, "28/11/2026").unwrap();
    ws.write_string(2, 0, "Taux d'équipement").unwrap();
    ws.write_number(2, 1, 2025).unwrap();
    ws.write_string(2, 3, "57,5").unwrap();
    ws.write_number(2, 4, 46000.0).unwrap();
    ws.write_string(3, 0, "Personnes accompagnées").unwrap();
    ws.write_number(3, 1, 2027).unwrap();
    ws.write_formula(
        3,
        3,
        rust_xlsxwriter::Formula::new("=40+2").set_result("42"),
    )
    .unwrap();
    book.save(&xlsx).unwrap();
    let report = import_file(&mut s, &xlsx, false).unwrap();
    assert_ok(&report);
    assert_eq!(report.totals(), (3, 0, 0));
    let values: Vec<f64> = s
        .all_measurements()
        .unwrap()
        .iter()
        .map(|m| m.value)
        .collect();
    assert!(
        values.contains(&1234.0) && values.contains(&57.5) && values.contains(&42.0),
        "{values:?}"
    );
    let dated = s
        .all_measurements()
        .unwrap()
        .into_iter()
        .filter_map(|m| m.date)
        .collect::<Vec<_>>();
    assert!(dated.contains(&NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()));
    assert!(dated.contains(&NaiveDate::from_ymd_opt(2025, 12, 9).unwrap()));
}

#[test]
fn merged_cells_and_formula_errors_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = small_contract(dir.path());
    let xlsx = dir.path().join("fusion.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Valeurs").unwrap();
    for (c, h) in ["Indicateur", "Année", "QPV", "Valeur"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // A merged indicator cell over two rows: only the first row holds the name.
    ws.merge_range(
        1,
        0,
        2,
        0,
        "Personnes accompagnées",
        &rust_xlsxwriter::Format::new(),
    )
    .unwrap();
    for r in 1..=2u32 {
        ws.write_number(r, 1, 2026).unwrap();
        ws.write_string(r, 2, QPVS[r as usize - 1]).unwrap();
    }
    ws.write_number(1, 3, 10).unwrap();
    ws.write_formula(
        2,
        3,
        rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
    )
    .unwrap();
    book.save(&xlsx).unwrap();
    let report = import_file(&mut s, &xlsx, false).unwrap();
    let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        lines.contains(&"Valeurs, ligne 3, colonne Indicateur : valeur obligatoire.".to_string()),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Valeurs, ligne 3, colonne Valeur")),
        "{lines:?}"
    );
    assert!(!report.applied);
    assert!(s.all_measurements().unwrap().is_empty());
}

#[test]
fn wrong_headers_are_reported_not_guessed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = small_contract(dir.path());
    let csv = dir.path().join("n'importe.csv");
    write_csv(&csv, &["Foo;Bar;Baz".into(), "1;2;3".into()]);
    let report = import_file(&mut s, &csv, false).unwrap();
    assert!(report.problems.is_empty() && !report.warnings.is_empty());
    assert!(report.warnings[0].to_string().contains("non reconnue"));
    // The right sheet name but a missing required column.
    let csv = dir.path().join("Valeurs.csv");
    write_csv(&csv, &["Indicateur;Année".into(), "X;2026".into()]);
    let report = import_file(&mut s, &csv, false).unwrap();
    assert_eq!(
        report.problems[0].to_string(),
        "Valeurs, ligne 1, colonne Valeur : colonne obligatoire « Valeur » absente."
    );
}

#[test]
fn windows_1252_csv_with_commas() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = small_contract(dir.path());
    let csv = dir.path().join("export excel.csv");
    let text = "Indicateur,Ann\u{e9}e,QPV,Valeur\r\nPersonnes accompagn\u{e9}es,2026,QN06220M,\"1 200\"\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    std::fs::write(&csv, &bytes).unwrap();
    let report = import_file(&mut s, &csv, false).unwrap();
    assert_ok(&report);
    assert_eq!(report.totals(), (1, 0, 0));
}

#[test]
fn a_million_empty_rows_are_skipped_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = small_contract(dir.path());
    let csv = dir.path().join("Valeurs.csv");
    let mut text = String::from("Indicateur;Année;QPV;Valeur\nPersonnes accompagnées;2026;;3\n");
    text.push_str(&";;;\n".repeat(1_000_000));
    std::fs::write(&csv, text).unwrap();
    let t = Instant::now();
    let report = import_file(&mut s, &csv, false).unwrap();
    assert_ok(&report);
    assert_eq!(report.totals(), (1, 0, 0));
    assert!(t.elapsed() < Duration::from_secs(20), "{:?}", t.elapsed());
}

#[test]
fn zip_bomb_is_refused_without_inflating() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut s = small_contract(dir.path());
    let path = dir.path().join("bombe.xlsx");
    let file = std::fs::File::create(&path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..320 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() < 5_000_000);
    let t = Instant::now();
    let err = import_file(&mut s, &path, true).unwrap_err();
    assert!(err.to_string().contains("décompressé"), "{err}");
    assert!(t.elapsed() < Duration::from_secs(2));
    // Not a zip at all.
    std::fs::write(&path, b"PK\x03\x04 garbage").unwrap();
    assert!(import_file(&mut s, &path, true).is_err());
}

#[test]
fn official_qpv_list_imports_the_contract_communes() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Contract::new("Contrat test", "EPCI test");
    c.communes = vec![
        Commune {
            insee: "62498".into(),
            name: "Lens".into(),
        },
        Commune {
            insee: "62510".into(),
            name: "Liévin".into(),
        },
    ];
    let mut s = Store::create(&dir.path().join("q.copil"), &c).unwrap();
    let fixture =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/listeqp2024-sample.csv");
    let (plan, problems) = exchange::import_qpv_list(&mut s, &fixture, &[], false).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(plan.created, 4);
    let multi = s.district_by_code("QN06223M").unwrap().unwrap();
    assert_eq!(multi.communes, ["62498", "62510"]);
    let (plan, _) = exchange::import_qpv_list(&mut s, &fixture, &[], false).unwrap();
    assert_eq!((plan.created, plan.updated, plan.unchanged), (0, 0, 4));
    let (plan, problems) =
        exchange::import_qpv_list(&mut s, &fixture, &["2A004".into()], false).unwrap();
    assert!(problems.is_empty());
    assert_eq!(plan.created, 2);
    assert!(s.district_by_code("QN02A01N").unwrap().is_some());
}

fn libreoffice() -> Option<PathBuf> {
    ["libreoffice", "soffice"].iter().find_map(|b| {
        std::process::Command::new(b)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| PathBuf::from(b))
    })
}

#[test]
fn libreoffice_ods_round_trip() {
    let Some(lo) = libreoffice() else {
        let msg = "LibreOffice introuvable : test du classeur ODS ignoré (apt-get install libreoffice-calc-nogui).";
        if std::env::var("COPIL_REQUIRE_LIBREOFFICE").as_deref() == Ok("1") {
            panic!("{msg}");
        }
        eprintln!("{msg}");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let src = demo(dir.path());
    let xlsx = dir.path().join("contrat.xlsx");
    exchange::export_xlsx(&src, &xlsx).unwrap();
    let status = std::process::Command::new(lo)
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(dir.path())
        .arg(&xlsx)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    let ods = dir.path().join("contrat.ods");
    assert!(
        ods.exists(),
        "conversion échouée : {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let mut dst = empty_like(&src, &dir.path().join("copie.copil"));
    let report = import_file(&mut dst, &ods, false).unwrap();
    assert_ok(&report);
    assert_eq!(figures_of(&src), figures_of(&dst));
    let _ = Workbook::default();
}

#[test]
#[ignore = "benchmark: cargo test --release -p copil-core --test exchange bench -- --ignored --nocapture"]
fn bench_import_10000_rows() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = small_contract(dir.path());
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Actions").unwrap();
    for (c, h) in ["Action", "Statut", "Météo", "QPV", "Date de début"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for i in 0..10_000u32 {
        let r = i + 1;
        ws.write_string(r, 0, format!("Atelier numérique n° {i}"))
            .unwrap();
        ws.write_string(r, 1, "En cours").unwrap();
        ws.write_string(r, 2, "Vigilance").unwrap();
        ws.write_string(r, 3, QPVS[(i % 2) as usize]).unwrap();
        ws.write_string(r, 4, "02/03/2026").unwrap();
    }
    let path = dir.path().join("bench.xlsx");
    book.save(&path).unwrap();
    let t = Instant::now();
    let report = import_file(&mut s, &path, false).unwrap();
    println!(
        "import de 10 000 lignes : {:?} ({:?})",
        t.elapsed(),
        report.totals()
    );
}
