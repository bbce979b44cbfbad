//! Importing La MedNum's indice de fragilité numérique: the contract's communes and EPCI kept,
//! each QPV's IFN from its commune (several communes: per commune, never averaged), the
//! « score » indicators fed, the diagnostic, and every bad file refused with nothing written.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use copil_core::domain::{Commune, Contract, Direction, District, Indicator, IndicatorKind, Unit};
use copil_core::exchange::{import_ifn, IfnOptions, IFN_HEADER};
use copil_core::figures::{diagnostic, Pillar};
use copil_core::report::{build_report, Block, ReportOptions};
use copil_core::Store;
use sha2::{Digest, Sha256};

fn sha256(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

const CITY: &str = "name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total
Lens,city,62498,4.0,5.0,9.769028705256828,5.100420926037282,7.897490268063423,6.7174890021204545
Liévin,city,62510,3.0,4.0,8.412,5.84,7.305,6.31
Avion,city,62065,4.0,6.0,9.104,5.37,8.216,6.92
Bourg-en-Bresse,city,01053,1.0,1.0,5.5,6.2,4.1,3.9
Ajaccio,city,2A004,2.0,1.0,6.0,6.5,4.4,4.2
";

const EPCI: &str = "name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total
CA de Lens - Liévin,epci,246200364,3.0,4.0,8.6,5.6,7.5,6.42
\"CA de Béthune-Bruay, Artois-Lys Romane\",epci,200072460,3.0,4.0,7.4,6.3,7.0,6.05
";

fn contract(dir: &Path) -> (Store, PathBuf) {
    let path = dir.join("contrat.copil");
    let mut c = Contract::new("Contrat", "CA de Lens-Liévin");
    c.communes = [("62498", "Lens"), ("62510", "Liévin"), ("62065", "Avion")]
        .iter()
        .map(|(i, n)| Commune {
            insee: i.to_string(),
            name: n.to_string(),
        })
        .collect();
    let district = |code: &str, communes: &[&str], ifn: Option<f64>| District {
        id: 0,
        code: code.into(),
        name: format!("Quartier {code}"),
        communes: communes.iter().map(|c| c.to_string()).collect(),
        population: None,
        ifn,
    };
    let districts = [
        district("QN06201M", &["62498"], None),
        district("QN06203C", &["62510"], Some(5.0)),
        district("QN06204D", &["62065", "62510"], Some(7.4)),
    ];
    let mut s = Store::create_with(&path, &c, &districts, None).unwrap();
    s.save_indicator(&Indicator {
        id: 0,
        name: "Indice de fragilité numérique des QPV".into(),
        unit: Unit::Score,
        direction: Direction::LowerIsBetter,
        kind: IndicatorKind::Snapshot,
        baseline_value: None,
        baseline_date: None,
        source: String::new(),
        by_district: true,
        targets: vec![],
        objective_ids: vec![],
    })
    .unwrap();
    (s, path)
}

fn files(dir: &Path, city: &str, epci: &str) -> (PathBuf, PathBuf) {
    let c = dir.join("ifn-city-all-variation.csv");
    let e = dir.join("ifn-epci-all-variation.csv");
    std::fs::write(&c, city).unwrap();
    std::fs::write(&e, epci).unwrap();
    (c, e)
}

fn options(city: PathBuf, epci: Option<PathBuf>) -> IfnOptions {
    IfnOptions {
        city,
        epci,
        file_date: NaiveDate::from_ymd_opt(2026, 10, 15),
        ..IfnOptions::default()
    }
}

#[test]
fn the_ifn_sets_each_qpv_from_its_commune_and_feeds_the_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = contract(dir.path());
    let (city, epci) = files(dir.path(), CITY, EPCI);
    let feed = s.indicators().unwrap()[0].id;
    let mut o = options(city, Some(epci));
    o.siren = Some("246200364".into());
    o.feed = vec![feed];
    let report = import_ifn(&mut s, &o).unwrap();
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(
        report.files,
        [
            ("ifn-city-all-variation.csv".to_string(), 5),
            ("ifn-epci-all-variation.csv".to_string(), 2)
        ]
    );
    assert_eq!(
        report.communes.len(),
        3,
        "only the contract's communes are kept"
    );
    assert_eq!(
        s.contract().unwrap().epci_siren.as_deref(),
        Some("246200364")
    );

    let qpv = |code: &str| s.district_by_code(code).unwrap().unwrap();
    assert_eq!(qpv("QN06201M").ifn, Some(6.7174890021204545));
    assert_eq!(qpv("QN06203C").ifn, Some(6.31));
    // Two communes: never averaged, the QPV keeps its own value; shown per commune.
    assert_eq!(qpv("QN06204D").ifn, Some(7.4));
    assert!(
        report.warnings.iter().any(|w| w.contains(
            "QN06204D s'étend sur plusieurs communes (Avion 62065 : 6,9, Liévin 62510 : 6,3)"
        )),
        "{:?}",
        report.warnings
    );

    // The score indicator: each single-commune QPV's score, and the EPCI's for the territory.
    let values = s.measurements(feed).unwrap();
    assert_eq!(values.len(), 3, "{values:?}");
    assert!(values
        .iter()
        .all(|m| m.year == 2026 && m.action_id.is_none()));
    assert!(values
        .iter()
        .any(|m| m.district_id.is_none() && m.value == 6.42));
    assert_eq!(
        report.fed[0].skipped,
        ["QN06204D : plusieurs communes, score donné par commune"]
    );

    let p = Pillar::load(&s).unwrap();
    let d = diagnostic(&p);
    assert_eq!(d.epci.as_ref().unwrap().total, Some(6.42));
    assert_eq!(d.communes[0].name, "Avion", "most fragile first");
    let fragile: Vec<&str> = d
        .communes
        .iter()
        .filter(|c| c.most_fragile)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(fragile, ["Avion", "Lens"]);
    let text = d.most_fragile_text.unwrap();
    assert!(
        text.contains("score supérieur à celui de l'EPCI, 6,4"),
        "{text}"
    );
    assert!(
        text.contains("QN06204D Quartier QN06204D (Avion, 6,9 — en partie)"),
        "{text}"
    );
    assert_eq!(d.score_indicators[0].fed_year, Some(2026));
    assert_eq!(
        d.source.as_deref(),
        Some("Indice de fragilité numérique, La MedNum (fichier ifn-city-all-variation.csv du 15/10/2026)")
    );

    // The report's section prints 6,7 for a commune scored 6.7174….
    let doc = build_report(
        &p,
        &ReportOptions::for_today(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()),
        None,
    );
    let section = doc.sections.iter().find(|s| s.id == "diagnostic").unwrap();
    let bars = section
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Bars(b) => Some(b),
            _ => None,
        })
        .unwrap();
    let lens = bars
        .rows
        .iter()
        .find(|r| r.label == "Lens (62498)")
        .unwrap();
    assert_eq!((lens.text.as_str(), bars.min, bars.max), ("6,7", 1.0, 10.0));
    assert_eq!(
        doc.sections[1].id, "diagnostic",
        "right after the synthesis"
    );

    // Importing again changes nothing but the scores' rows, rewritten identically.
    let again = import_ifn(&mut s, &o).unwrap();
    assert!(again.applied);
    assert_eq!(s.measurements(feed).unwrap().len(), 3);
}

#[test]
fn without_a_siren_the_epci_file_is_not_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = contract(dir.path());
    let (city, epci) = files(dir.path(), CITY, EPCI);
    let report = import_ifn(&mut s, &options(city, Some(epci))).unwrap();
    assert!(report.applied);
    assert!(report.epci.is_none());
    assert!(
        report.warnings[0].contains("n'a pas le SIREN de son EPCI"),
        "{:?}",
        report.warnings
    );
    let err = import_ifn(
        &mut s,
        &IfnOptions {
            siren: Some("123456789".into()),
            ..options(dir.path().join("ifn-city-all-variation.csv"), None)
        },
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("SIREN de l'EPCI « 123456789 » invalide"),
        "{err}"
    );
}

#[test]
fn every_bad_ifn_file_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (s, path) = contract(dir.path());
    drop(s);
    let hash = sha256(&path);
    let run = |city: &str| {
        let file = dir.path().join("ifn-city-all-variation.csv");
        std::fs::write(&file, city).unwrap();
        let mut s = Store::open(&path).unwrap();
        import_ifn(&mut s, &options(file, None))
    };
    let header = IFN_HEADER.join(",");

    let eleven = run(&format!("{header}\nLens,city,62498,4,5,9,5,7,11\n")).unwrap();
    assert!(!eleven.applied);
    assert_eq!(
        eleven.problems[0].to_string(),
        "ifn-city-all-variation.csv, ligne 2, colonne total : score 11 hors de l'échelle de 1 à 10."
    );
    let four = run(&format!(
        "{header}\nBourg-en-Bresse,city,1053,1,1,5,6,4,3.9\n"
    ))
    .unwrap();
    assert_eq!(
        four.problems[0].to_string(),
        "ifn-city-all-variation.csv, ligne 2, colonne code : code « 1053 » invalide : code INSEE de 5 caractères attendu (le zéro initial a-t-il été perdu par un tableur ?)."
    );
    let other = run("code_qp;lib_qp;insee_com;lib_com\nQN06201M;Cité;62498;Lens\n").unwrap_err();
    assert!(other.to_string().starts_with("Classeur « "), "{other}");
    assert!(other.to_string().contains("ifn-city-all-variation.csv » : ligne 1 : en-tête « code_qp;lib_qp;insee_com;lib_com » inattendu"), "{other}");
    let empty = run("").unwrap_err();
    assert!(empty.to_string().contains("le fichier est vide"), "{empty}");
    let header_only = run(&format!("{header}\n")).unwrap_err();
    assert!(
        header_only.to_string().contains("aucune ligne de données"),
        "{header_only}"
    );
    let huge = dir.path().join("enorme.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let mut s = Store::open(&path).unwrap();
    let err = import_ifn(&mut s, &options(huge, None)).unwrap_err();
    assert!(
        err.to_string().contains("fichier trop gros (300 Mo"),
        "{err}"
    );
    drop(s);
    assert_eq!(sha256(&path), hash, "nothing was written");
}

#[test]
fn the_demo_qpvs_get_their_ifn_from_the_fixture() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = copil_core::demo::create_demo(&dir.path().join("demo.copil")).unwrap();
    copil_core::demo::field::add_field_data(&mut s).unwrap();
    assert_eq!(
        s.contract().unwrap().epci_siren.as_deref(),
        Some("246200364")
    );
    let qpv = |code: &str| s.district_by_code(code).unwrap().unwrap().ifn;
    assert_eq!(qpv("QN06201M"), Some(6.7174890021204545));
    assert_eq!(qpv("QN06205F"), Some(6.08));
    let p = Pillar::load(&s).unwrap();
    let d = diagnostic(&p);
    assert_eq!(d.communes.len(), 4);
    assert!(d.missing.is_empty());
    assert_eq!(d.epci.unwrap().code, "246200364");
}
