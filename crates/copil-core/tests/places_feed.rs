//! An indicator « lieux de médiation dans ou à proximité des QPV » fed by the lieux the contract
//! holds: the same count as the Lieux screen, refusals in French that write nothing.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use copil_core::demo::create_demo;
use copil_core::domain::Unit;
use copil_core::feed::feed_from_places;
use copil_core::figures::{self, Pillar, DEFAULT_NEAR_METRES};
use copil_core::CoreError;
use sha2::{Digest, Sha256};

const LIEUX: &str = "Lieux de médiation dans ou à proximité des QPV";

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn sha(path: &std::path::Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn the_demo_counts_its_lieux_in_or_near_a_qpv_once_each() {
    let dir = tempfile::tempdir().unwrap();
    let store = create_demo(&dir.path().join("demo.copil")).unwrap();
    let p = Pillar::load(&store).unwrap();
    let ind = p.indicators.iter().find(|i| i.name == LIEUX).unwrap();
    let o = figures::places_overview(&p, DEFAULT_NEAR_METRES);
    let distinct: BTreeSet<_> = o
        .districts
        .iter()
        .flat_map(|d| d.place_ids.clone())
        .collect();
    let value = p
        .measurements
        .iter()
        .find(|m| m.indicator_id == ind.id && m.year == 2026 && m.district_id.is_none())
        .unwrap();
    assert_eq!(value.value, distinct.len() as f64);
    // Nine of the twelve lieux are in or near a QPV (2, 2, 3, 2, and none for Cité Bellevue).
    assert_eq!(value.value, 9.0);
    assert!(
        value
            .source
            .starts_with("Lieux de médiation enregistrés dans Copil au 25 novembre 2026"),
        "{}",
        value.source
    );
}

#[test]
fn a_dry_run_writes_nothing_and_a_real_one_replaces_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.copil");
    let store = create_demo(&path).unwrap();
    let id = store
        .indicators()
        .unwrap()
        .into_iter()
        .find(|i| i.name == LIEUX)
        .unwrap()
        .id;
    drop(store);
    let before = sha(&path);
    let mut store = copil_core::Store::open(&path).unwrap();
    // At 2 km every lieu of the demo is near a QPV.
    let preview = feed_from_places(&mut store, id, 2025, 2000.0, today(), true).unwrap();
    assert!(!preview.applied);
    assert_eq!(preview.values[0].qpv, None);
    assert_eq!(preview.values[0].previous, Some(6.0));
    drop(store);
    assert_eq!(sha(&path), before, "a dry run writes nothing");
    let mut store = copil_core::Store::open(&path).unwrap();
    let fed = feed_from_places(&mut store, id, 2025, 2000.0, today(), false).unwrap();
    assert!(fed.applied);
    let p = Pillar::load(&store).unwrap();
    let v: Vec<f64> = p
        .measurements
        .iter()
        .filter(|m| m.indicator_id == id && m.year == 2025)
        .map(|m| m.value)
        .collect();
    assert_eq!(
        v,
        [f64::from(fed.values[0].value)],
        "the 2025 value is replaced, not added"
    );
}

#[test]
fn another_unit_or_year_is_refused_in_french_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.copil");
    let store = create_demo(&path).unwrap();
    let persons = store
        .indicators()
        .unwrap()
        .into_iter()
        .find(|i| i.unit == Unit::Persons)
        .unwrap();
    let lieux = store
        .indicators()
        .unwrap()
        .into_iter()
        .find(|i| i.name == LIEUX)
        .unwrap();
    drop(store);
    let before = sha(&path);
    let mut store = copil_core::Store::open(&path).unwrap();
    let err = feed_from_places(&mut store, persons.id, 2026, 300.0, today(), false).unwrap_err();
    assert!(matches!(err, CoreError::Invalid { .. }));
    assert!(
        err.to_string()
            .contains("n'alimentent qu'un indicateur en « nombre »"),
        "{err}"
    );
    let err = feed_from_places(&mut store, lieux.id, 2040, 300.0, today(), false).unwrap_err();
    assert!(
        err.to_string()
            .contains("2040 est hors de la période du contrat"),
        "{err}"
    );
    drop(store);
    assert_eq!(sha(&path), before);
}
