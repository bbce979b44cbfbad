//! Lieux de médiation numérique and QPV outlines: the importers on the fixture files (LaMednum
//! CSV, legacy JSON, data·inclusion's structures and services, perimeters GeoJSON), their
//! refusals, and the placement figures.

use std::path::{Path, PathBuf};

use copil_core::domain::{Actor, ActorKind, Commune, Contract, District};
use copil_core::exchange::{
    self, import_places, import_places_with_services, import_qpv_geo, read_places, read_services,
};
use copil_core::figures::{self, Nearness, Pillar, PlacementMethod, Scope, DEFAULT_NEAR_METRES};
use copil_core::ErrorCode;
use copil_core::Store;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn sha(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

/// The Lens-Liévin territory with its five QPVs and one known structure, no lieu yet.
fn territory(dir: &Path) -> Store {
    let mut c = Contract::new("Contrat de ville de Lens-Liévin", "CA de Lens-Liévin");
    c.communes = [
        ("62498", "Lens"),
        ("62510", "Liévin"),
        ("62065", "Avion"),
        ("62413", "Harnes"),
    ]
    .into_iter()
    .map(|(insee, name)| Commune {
        insee: insee.into(),
        name: name.into(),
    })
    .collect();
    let path = dir.join("lens.copil");
    let mut s = Store::create(&path, &c).unwrap();
    s.import_batch("test", "préparation", |s| {
        for (code, insee) in [
            ("QN06201M", "62498"),
            ("QN06202A", "62498"),
            ("QN06203C", "62510"),
            ("QN06204D", "62065"),
            ("QN06205F", "62413"),
        ] {
            s.save_district(&District {
                id: 0,
                code: code.into(),
                name: format!("Quartier {code}"),
                communes: vec![insee.into()],
                population: None,
                ifn: None,
            })?;
        }
        s.save_actor(&Actor {
            id: 0,
            name: "Les Connectés".into(),
            kind: ActorKind::Association,
            siret: Some("42901287600018".into()),
            labels: vec![],
            district_ids: vec![],
            contact: String::new(),
        })?;
        Ok(())
    })
    .unwrap();
    s
}

#[test]
fn the_csv_keeps_the_territory_links_actors_and_reimports_idempotently() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = territory(dir.path());
    let csv = fixture("lieux-mediation-lens.csv");
    let before = sha(s.path());
    let dry = import_places(&mut s, &csv, true).unwrap();
    assert!(!dry.applied);
    assert_eq!(sha(s.path()), before, "a dry run writes nothing");
    assert_eq!(dry.created.len(), 9);
    assert_eq!(dry.ignored.len(), 1);
    assert_eq!(dry.ignored[0].name, "Point numérique d'Arras");
    assert!(
        dry.ignored[0].reason.contains("62041"),
        "{}",
        dry.ignored[0].reason
    );

    let done = import_places(&mut s, &csv, false).unwrap();
    assert!(
        done.applied && done.problems.is_empty(),
        "{:?}",
        done.problems
    );
    assert!(done.backup.as_ref().is_some_and(|b| b.exists()));
    assert_eq!(done.created, dry.created);
    let places = s.places().unwrap();
    assert_eq!(places.len(), 9);
    let actors = s.actors().unwrap();
    let connectes = actors.iter().find(|a| a.name == "Les Connectés").unwrap();
    // Matched by SIRET although the names differ, both lieux of the association.
    assert_eq!(
        places
            .iter()
            .filter(|p| p.actor_id == Some(connectes.id))
            .count(),
        2
    );
    // Created from the dispositifs: the Centre social holds France Services and Aidants Connect.
    let cs = actors
        .iter()
        .find(|a| a.name == "Centre social Jean-Jaurès")
        .unwrap();
    assert_eq!(
        cs.labels,
        [
            copil_core::domain::ActorLabel::FranceServices,
            copil_core::domain::ActorLabel::AidantsConnect
        ]
    );
    let first = places
        .iter()
        .find(|p| p.source_id == "lens-lm-001")
        .unwrap();
    assert_eq!(
        first.services,
        [
            "Aide aux démarches administratives",
            "Maîtrise des outils numériques du quotidien"
        ]
    );
    assert_eq!(
        first.dispositifs,
        ["Conseillers numériques", "Aidants Connect"]
    );

    let after = sha(s.path());
    let again = import_places(&mut s, &csv, false).unwrap();
    assert_eq!(
        (again.created.len(), again.updated.len(), again.unchanged),
        (0, 0, 9)
    );
    assert!(again.actors_created.is_empty());
    assert_eq!(
        sha(s.path()),
        after,
        "re-importing the same file changes nothing"
    );
}

#[test]
fn records_gone_from_a_newer_file_are_listed_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = territory(dir.path());
    import_places(&mut s, &fixture("lieux-mediation-lens.csv"), false).unwrap();
    let text = std::fs::read_to_string(fixture("lieux-mediation-lens.csv")).unwrap();
    let newer: Vec<&str> = text
        .lines()
        .filter(|l| !l.contains("lens-lm-009"))
        .collect();
    let path = dir.path().join("lieux-2027.csv");
    std::fs::write(&path, newer.join("\n")).unwrap();
    let report = import_places(&mut s, &path, false).unwrap();
    assert_eq!(
        report.disappeared,
        ["Espace public numérique de l'hôtel de ville"]
    );
    assert_eq!(s.places().unwrap().len(), 9);
}

#[test]
fn the_legacy_json_maps_to_the_same_lieux_as_its_csv_counterpart() {
    let (json, p1, _) = read_places(&fixture("lieux-mediation-lens-ancien.json")).unwrap();
    let (csv, p2, _) = read_places(&fixture("lieux-mediation-lens-ancien-equivalent.csv")).unwrap();
    assert!(p1.is_empty() && p2.is_empty(), "{p1:?} {p2:?}");
    assert_eq!(json.len(), 3);
    let places = |v: Vec<exchange::PlaceRecord>| v.into_iter().map(|r| r.place).collect::<Vec<_>>();
    assert_eq!(places(json), places(csv));
}

/// Each bad row is refused with its line, column and a French reason; nothing is written.
#[test]
fn bad_rows_are_refused_with_their_line_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = territory(dir.path());
    let text = std::fs::read_to_string(fixture("lieux-mediation-lens.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let cases: [(&str, String, &str, &str); 3] = [
        (
            "nom manquant",
            lines[2].replace("\"Les Connectés du Bassin – Antenne Cités 4 et 9\"", "\"\""),
            "nom",
            "champ obligatoire vide",
        ),
        (
            "SIRET de 13 chiffres",
            lines[2].replace("42901287600018", "4290128760001"),
            "pivot",
            "13 chiffres au lieu de 14",
        ),
        (
            "coordonnées hors de France",
            lines[2].replace("\"50.4235\",\"2.8430\"", "\"40.4168\",\"-3.7038\""),
            "latitude",
            "hors de France",
        ),
    ];
    for (what, bad, column, message) in cases {
        let path = dir.path().join("bad.csv");
        std::fs::write(&path, [lines[0], lines[1], &bad].join("\n")).unwrap();
        let before = sha(s.path());
        let report = import_places(&mut s, &path, false).unwrap();
        assert!(!report.applied, "{what}");
        let p = &report.problems[0];
        assert_eq!((p.row, p.column.as_str()), (3, column), "{what}: {p}");
        assert!(p.message.contains(message), "{what}: {p}");
        assert_eq!(sha(s.path()), before, "{what}");
        assert!(s.places().unwrap().is_empty(), "{what}");
    }
}

/// data·inclusion's structures and services: each digital service lands on its structure's lieu
/// (same source, `structure_id` = the lieu's id), the others are set aside with why, and a
/// re-import changes nothing.
#[test]
fn data_inclusion_services_are_attached_to_their_structures_lieu() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = territory(dir.path());
    let structures = fixture("structures-inclusion-2026-11-30.json");
    let services = fixture("services-inclusion-2026-11-30.csv");
    let (list, problems, warnings) = read_services(&services).unwrap();
    assert!(
        problems.is_empty() && warnings.is_empty(),
        "{problems:?} {warnings:?}"
    );
    assert_eq!(list.len(), 5);
    assert_eq!(
        list[0].themes,
        [
            "numerique--maitriser-les-fondamentaux-du-numerique",
            "numerique--acceder-a-des-services-en-ligne"
        ],
        "a JSON list in a CSV cell"
    );
    assert_eq!(
        list[0].publics,
        ["residents-qpv-frr", "seniors-65"],
        "a Python list"
    );
    assert_eq!(list[0].reception, ["en-presentiel"], "a Postgres literal");
    assert_eq!(
        list[2].reception,
        ["en-presentiel", "a-distance"],
        "comma-separated text"
    );

    let before = sha(s.path());
    let dry = import_places_with_services(&mut s, &structures, Some(&services), true).unwrap();
    assert!(!dry.applied);
    assert_eq!(sha(s.path()), before, "a dry run writes nothing");
    let done = import_places_with_services(&mut s, &structures, Some(&services), false).unwrap();
    assert!(done.applied, "{:?}", done.problems);
    assert_eq!(done.created.len(), 2, "Arras is outside the contract");
    assert_eq!(done.services_attached, 3);
    let reasons: Vec<(usize, &str)> = done
        .services_ignored
        .iter()
        .map(|i| (i.line, i.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (5, "aucune thématique numérique (numerique--…)"),
            (
                6,
                "structure « ft-62041-arras » (source « france-travail ») absente des lieux du territoire"
            ),
        ]
    );
    assert!(
        done.summary()
            .ends_with("3 service(s) rattaché(s), 2 écarté(s)"),
        "{}",
        done.summary()
    );
    let places = s.places().unwrap();
    let dumas = places
        .iter()
        .find(|p| p.source_id == "dora-5c1e0f3a")
        .unwrap();
    assert_eq!(
        dumas.services,
        [
            "Maîtriser les fondamentaux du numérique",
            "Accéder à des services en ligne",
            "Accéder à une connexion Internet"
        ]
    );
    assert_eq!(
        dumas.publics,
        ["Résidents des QPV ou des FRR", "Seniors 65", "Tous publics"]
    );
    assert_eq!(
        dumas.dispositifs,
        ["conseillers-numeriques", "espaces-publics-numeriques"]
    );
    let ferrat = places
        .iter()
        .find(|p| p.source_id == "dora-7a42b9d1")
        .unwrap();
    assert_eq!(ferrat.services, ["Accéder à des services en ligne"]);

    let after = sha(s.path());
    let again = import_places_with_services(&mut s, &structures, Some(&services), false).unwrap();
    assert!(!again.applied, "nothing changed: {again:?}");
    assert_eq!(again.unchanged, 2);
    assert_eq!(
        sha(s.path()),
        after,
        "a re-import writes nothing, not even a backup"
    );
}

/// A services file with a bad row refuses the whole import, the lieux too, with the row's line
/// and column in French; an unreadable one is bad input (exit 4), the contract untouched.
#[test]
fn a_bad_services_row_refuses_the_whole_import() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = territory(dir.path());
    let structures = fixture("structures-inclusion-2026-11-30.json");
    let text = std::fs::read_to_string(fixture("services-inclusion-2026-11-30.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let cases: [(&str, String, &str, &str); 3] = [
        (
            "structure_id vide",
            lines[2].replacen("dora,dora-5c1e0f3a,", "dora,,", 1),
            "structure_id",
            "champ obligatoire vide",
        ),
        (
            "date illisible",
            lines[2].replace("2026-11-02", "2 novembre"),
            "date_maj",
            "date « 2 novembre » illisible",
        ),
        (
            "service en double",
            lines[1].to_string(),
            "id",
            "service « dora-svc-001 » de la source « dora » déjà vu plus haut",
        ),
    ];
    for (what, bad, column, message) in cases {
        let path = dir.path().join("services.csv");
        std::fs::write(&path, [lines[0], lines[1], &bad].join("\n")).unwrap();
        let before = sha(s.path());
        let report = import_places_with_services(&mut s, &structures, Some(&path), false).unwrap();
        assert!(!report.applied, "{what}");
        let p = &report.problems[0];
        assert_eq!((p.row, p.column.as_str()), (3, column), "{what}: {p}");
        assert!(p.message.contains(message), "{what}: {p}");
        assert!(
            p.to_string().starts_with("services.csv, ligne 3"),
            "{what}: {p}"
        );
        assert_eq!(sha(s.path()), before, "{what}");
        assert!(
            s.places().unwrap().is_empty(),
            "{what}: not the lieux either"
        );
    }
    let broken = dir.path().join("services.json");
    std::fs::write(&broken, "[{\"source\": \"dora\",").unwrap();
    let before = sha(s.path());
    let err = import_places_with_services(&mut s, &structures, Some(&broken), false).unwrap_err();
    assert_eq!(err.code(), ErrorCode::BadInput);
    assert!(err.to_string().contains("JSON illisible (ligne 1"), "{err}");
    assert_eq!(sha(s.path()), before);
    assert!(s.places().unwrap().is_empty());
}

#[test]
fn perimeters_are_stored_for_the_contract_qpvs_and_bad_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = territory(dir.path());
    let report = import_qpv_geo(&mut s, &fixture("qpv-perimetres-lens.geojson"), false).unwrap();
    assert_eq!(report.matched.len(), 5);
    assert_eq!(report.ignored, 1);
    assert_eq!(s.district_outlines().unwrap().len(), 5);

    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let feature = |code: &str, ring: &str| {
        format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"code_quartier":"{code}","nom_quartier":"Q"}},"geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}]}}"#
        )
    };
    let lambert = write(
        "lambert.geojson",
        &feature(
            "QN06201M",
            "[[686000,7035000],[687000,7035000],[687000,7036000],[686000,7035000]]",
        ),
    );
    let bowtie = write(
        "bowtie.geojson",
        &feature(
            "QN06201M",
            "[[2.81,50.43],[2.82,50.44],[2.82,50.43],[2.81,50.44],[2.81,50.43]]",
        ),
    );
    let elsewhere = write(
        "elsewhere.geojson",
        &feature(
            "QN07501M",
            "[[2.35,48.85],[2.36,48.85],[2.36,48.86],[2.35,48.85]]",
        ),
    );
    // Found by fuzzing (fuzz/regressions/qpv_geo/): a position with one coordinate made the
    // GeoJSON conversion panic.
    let short = write(
        "short.geojson",
        &feature(
            "QN06201M",
            "[[2.81],[2.82,50.44],[2.82,50.43],[2.81,50.43]]",
        ),
    );
    let line = write(
        "line.geojson",
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code_qp":"QN06201M"},"geometry":{"type":"LineString","coordinates":[[2.81,50.43],[2.82]]}}]}"#,
    );
    for (path, expected) in [
        (
            &short,
            "un point du contour a 1 coordonnée(s) au lieu de deux",
        ),
        (&line, "attendu un Polygon ou un MultiPolygon"),
        (&lambert, "coordonnées en mètres"),
        (&bowtie, "polygone invalide"),
        (&elsewhere, "aucun des QPV du contrat"),
    ] {
        let before = sha(s.path());
        let err = import_qpv_geo(&mut s, path, false).unwrap_err();
        assert_eq!(err.code(), ErrorCode::BadInput, "{err}");
        let err = err.to_string();
        assert!(err.contains(expected), "{err}");
        assert_eq!(sha(s.path()), before);
    }
}

#[test]
fn the_demo_places_its_lieux_and_flags_the_qpv_with_none() {
    let dir = tempfile::tempdir().unwrap();
    let store = copil_core::demo::create_demo(&dir.path().join("demo.copil")).unwrap();
    let p = Pillar::load(&store).unwrap();
    assert_eq!(p.places.len(), 12);
    let o = figures::places_overview(&p, DEFAULT_NEAR_METRES);
    assert_eq!(o.method, PlacementMethod::Outlines);
    assert!(o.method_text.contains("haversine"));
    let by_code = |code: &str| o.districts.iter().find(|d| d.code == code).unwrap();
    let cites = by_code("QN06202A");
    assert_eq!(
        (cites.inside, cites.near),
        (1, 1),
        "the CCAS is 150 m from the edge"
    );
    assert!(cites.conseillers_numeriques);
    let cite12 = by_code("QN06201M");
    assert_eq!((cite12.inside, cite12.near), (2, 0));
    assert!(cite12.aidants_connect);
    let without: Vec<&str> = o
        .districts_without_place()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(without, ["QN06205F"]);
    let ccas = p
        .places
        .iter()
        .find(|l| l.name == "Ville de Lens – CCAS")
        .unwrap();
    let placed = o.lieux.iter().find(|l| l.place_id == ccas.id).unwrap();
    assert_eq!(placed.districts[0].1, Nearness::Near);
    assert!(
        (placed.districts[0].2 - 150.0).abs() < 10.0,
        "{:?}",
        placed.districts
    );
    let alerts = figures::alerts(
        &p,
        &Scope::today(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()),
    );
    let flagged: Vec<&str> = alerts
        .iter()
        .filter(|a| a.kind == figures::AlertKind::DistrictWithoutPlace)
        .map(|a| a.message.as_str())
        .collect();
    assert_eq!(flagged.len(), 1);
    assert!(flagged[0].contains("QN06205F Cité Bellevue"), "{flagged:?}");
    // Without outlines, lieux are placed by commune, and the figures say so.
    let by_commune = figures::place_lieux(&p.places, &p.districts, &[], DEFAULT_NEAR_METRES);
    assert_eq!(by_commune.method, PlacementMethod::Communes);
    assert_eq!(by_code("QN06205F").in_or_near(), 0);
    let bellevue = by_commune
        .districts
        .iter()
        .find(|d| d.code == "QN06205F")
        .unwrap();
    assert_eq!(bellevue.inside, 1, "the Fabrique is in Harnes");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64)
    ))]

    #[test]
    fn the_places_and_perimeters_parsers_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), cut in 0usize..4500) {
        let _ = exchange::parse_places("x.csv", &bytes);
        let _ = exchange::parse_places("x.json", &bytes);
        let _ = exchange::parse_qpv_geojson(Path::new("x.geojson"), &bytes);
        // Truncated real files.
        for name in ["lieux-mediation-lens.csv", "lieux-mediation-lens-ancien.json", "qpv-perimetres-lens.geojson"] {
            let real = std::fs::read(fixture(name)).unwrap();
            let cut = &real[..cut.min(real.len())];
            let _ = exchange::parse_places(name, cut);
            let _ = exchange::parse_qpv_geojson(Path::new(name), cut);
        }
    }
}
