//! Importing La Coop de la médiation numérique: a hand-checked small export, tolerant headers,
//! re-imports that replace and never add, the split by place, the older « Statistiques » file,
//! and every bad file refused with its place and reason, the contract file left untouched.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use copil_core::demo::field::{
    coop_headers, write_coop_export, CoopActivity, CoopExportSpec, CoopParticipant, HeaderStyle,
};
use copil_core::domain::{
    Action, ActionStatus, Commune, Contract, CoopMeasure, Direction, District, Id, Indicator,
    IndicatorKind, MeasureLink, Measurement, PlaceLink, Unit,
};
use copil_core::exchange::{import_coop, CoopImportReport, CoopOptions};
use copil_core::figures::{coop_publics, Pillar};
use copil_core::Store;
use sha2::{Digest, Sha256};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn sha256(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

/// A small contract: Lens (two QPVs) and Avion (one), the usual indicators, two actions.
fn contract(dir: &Path) -> (Store, PathBuf) {
    let path = dir.join("contrat.copil");
    let mut c = Contract::new("Contrat de ville test", "CA test");
    c.communes = vec![
        Commune {
            insee: "62498".into(),
            name: "Lens".into(),
        },
        Commune {
            insee: "62065".into(),
            name: "Avion".into(),
        },
    ];
    let district = |code: &str, name: &str, insee: &str| District {
        id: 0,
        code: code.into(),
        name: name.into(),
        communes: vec![insee.into()],
        population: None,
        ifn: None,
    };
    let districts = [
        district("QN06201M", "Grande Résidence", "62498"),
        district("QN06202A", "Cités 4 et 9", "62498"),
        district("QN06204D", "République", "62065"),
    ];
    let mut s = Store::create_with(&path, &c, &districts, None).unwrap();
    for (name, unit, by_district) in [
        ("Accompagnements réalisés", Unit::Accompaniments, false),
        ("Personnes accompagnées", Unit::Persons, true),
        ("Activités de médiation", Unit::Sessions, false),
        ("Ateliers collectifs", Unit::Sessions, false),
        ("Participants aux ateliers", Unit::Persons, false),
        ("Heures de médiation", Unit::Hours, false),
        ("Part des accompagnés résidant en QPV", Unit::Percent, false),
        ("Satisfaction des usagers", Unit::Percent, false),
    ] {
        s.save_indicator(&Indicator {
            id: 0,
            name: name.into(),
            unit,
            direction: Direction::HigherIsBetter,
            kind: if unit == Unit::Percent {
                IndicatorKind::Snapshot
            } else {
                IndicatorKind::Cumulative
            },
            baseline_value: None,
            baseline_date: None,
            source: String::new(),
            by_district,
            targets: vec![],
            objective_ids: vec![],
        })
        .unwrap();
    }
    for title in [
        "Accompagnement par les conseillers numériques",
        "Médiathèque",
    ] {
        s.save_action(&Action {
            id: 0,
            title: title.into(),
            description: String::new(),
            porteur_id: None,
            status: ActionStatus::Running,
            start_date: Some(d(2024, 1, 1)),
            end_date: None,
            audience: String::new(),
            weather: None,
            weather_comment: String::new(),
            district_ids: vec![],
            objective_ids: vec![],
            theme_ids: vec![],
            reported_indicator_ids: vec![],
        })
        .unwrap();
    }
    (s, path)
}

fn action(s: &Store, title: &str) -> Id {
    s.actions()
        .unwrap()
        .into_iter()
        .find(|a| a.title == title)
        .unwrap()
        .id
}

fn indicator(s: &Store, name: &str) -> Id {
    s.indicators()
        .unwrap()
        .into_iter()
        .find(|i| i.name == name)
        .unwrap()
        .id
}

fn person(name: Option<&str>, commune: Option<(&str, &str, &str)>) -> CoopParticipant {
    CoopParticipant {
        name: name.map(str::to_string),
        commune: commune.map(|(n, p, i)| (n.into(), p.into(), i.into())),
        genre: "Féminin".into(),
        age: "25 - 39 ans".into(),
        status: "Sans emploi".into(),
    }
}

const LENS: (&str, &str, &str) = ("Lens", "62300", "62498");
const AVION: (&str, &str, &str) = ("Avion", "62210", "62065");
const LIEVIN: (&str, &str, &str) = ("Liévin", "62800", "62510");

fn activity(
    id: &str,
    date: NaiveDate,
    collective: bool,
    minutes: u32,
    place: &str,
    people: Vec<CoopParticipant>,
) -> CoopActivity {
    CoopActivity {
        id: id.into(),
        date,
        recorded: format!("{} à 10:00", date.format("%d/%m/%Y")),
        collective,
        mediator: ("Samia".into(), "Benali".into(), true),
        channel: "Lieu d’activité".into(),
        place: Some((
            place.into(),
            "1 rue".into(),
            "Lens".into(),
            "62300".into(),
            "62498".into(),
        )),
        minutes,
        workshop: if collective {
            "Découvrir sa messagerie".into()
        } else {
            String::new()
        },
        materiel: vec!["Ordinateur".into(), "Téléphone".into()],
        themes: vec!["E-mail".into(), "Navigation sur internet".into()],
        autonomy: "2/3".into(),
        redirected: (!collective).then_some(id == "a2"),
        redirection: String::new(),
        v1: false,
        participants: people,
    }
}

/// The hand-checked export: a workshop of 5 participants and 90 minutes, two individual
/// accompaniments of 30 and 45 minutes.
fn small_export(headers: HeaderStyle) -> CoopExportSpec {
    CoopExportSpec {
        exported_on: d(2025, 6, 30),
        exported_at: "09:15".into(),
        user: ("Samia".into(), "Benali".into(), "Médiateur".into()),
        self_export: true,
        with_source: false,
        headers,
        activities: vec![
            activity(
                "a1",
                d(2025, 3, 10),
                true,
                90,
                "Lieu A",
                vec![
                    person(Some("Marie Curie"), Some(LENS)),
                    person(Some("Jean Dupont"), Some(AVION)),
                    person(None, None),
                    person(None, Some(AVION)),
                    person(Some("Léa Martin"), Some(LENS)),
                ],
            ),
            activity(
                "a2",
                d(2025, 4, 2),
                false,
                30,
                "Lieu A",
                vec![person(Some("Marie Curie"), Some(LENS))],
            ),
            activity(
                "a3",
                d(2025, 5, 20),
                false,
                45,
                "Lieu A",
                vec![person(Some("Paul Durand"), Some(LIEVIN))],
            ),
        ],
    }
}

fn write(dir: &Path, name: &str, spec: &CoopExportSpec) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, write_coop_export(spec).unwrap()).unwrap();
    path
}

fn options(action: Option<Id>) -> CoopOptions {
    CoopOptions::new(action, d(2026, 11, 28))
}

fn value(s: &Store, indicator_name: &str, year: i32, district: Option<Id>) -> Vec<f64> {
    let id = indicator(s, indicator_name);
    s.measurements(id)
        .unwrap()
        .into_iter()
        .filter(|m| m.year == year && m.district_id == district && m.action_id.is_some())
        .map(|m| m.value)
        .collect()
}

#[test]
fn the_hand_checked_export_gives_the_right_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = contract(dir.path());
    let file = write(
        dir.path(),
        "coop-numerique_accompagnements_2025-06-30.xlsx",
        &small_export(HeaderStyle::AsLaCoop),
    );
    let a = action(&s, "Accompagnement par les conseillers numériques");
    let report = import_coop(&mut s, &file, &options(Some(a))).unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert!(report.applied);
    assert_eq!(
        report.source,
        "La Coop de la médiation numérique, export du 30/06/2025"
    );
    assert_eq!(report.bilans.len(), 1);
    let f = &report.bilans[0].figures;
    assert_eq!(f.accompaniments, 7);
    assert_eq!(f.activities, 3);
    assert_eq!(f.workshops, 1);
    assert_eq!(f.workshop_participants, 5);
    assert_eq!(f.individual, 2);
    // 90 minutes once for the workshop, never 5 × 90, plus the two individual durations.
    assert_eq!(f.minutes, 90 + 30 + 45);
    assert_eq!(f.redirections, 1);
    // Named beneficiaries once each (Marie Curie came twice), each anonymous accompaniment once.
    assert!(f.unique_persons);
    assert_eq!(f.persons, 4 + 2);
    assert_eq!((f.with_commune, f.in_qpv_commune), (6, 5));

    // What was written, as the action's 2025 contributions.
    assert_eq!(value(&s, "Accompagnements réalisés", 2025, None), [7.0]);
    assert_eq!(value(&s, "Activités de médiation", 2025, None), [3.0]);
    assert_eq!(value(&s, "Ateliers collectifs", 2025, None), [1.0]);
    assert_eq!(value(&s, "Participants aux ateliers", 2025, None), [5.0]);
    assert_eq!(value(&s, "Heures de médiation", 2025, None), [2.75]);
    // Avion holds one QPV: its residents go to QN06204D; Lens has two, so its stay at territory level.
    let qn04 = s.district_by_code("QN06204D").unwrap().unwrap().id;
    assert_eq!(value(&s, "Personnes accompagnées", 2025, Some(qn04)), [2.0]);
    assert_eq!(value(&s, "Personnes accompagnées", 2025, None), [4.0]);
    let share = indicator(&s, "Part des accompagnés résidant en QPV");
    let m: Measurement = s.measurements(share).unwrap().pop().unwrap();
    assert!((m.value - 500.0 / 6.0).abs() < 1e-9, "{}", m.value);
    assert_eq!(m.base, Some(6.0));
    assert_eq!(
        m.source,
        "La Coop de la médiation numérique, export du 30/06/2025"
    );
    assert_eq!(m.received_on, Some(d(2025, 6, 30)));
    // A share unrelated to the Coop is never proposed.
    assert!(value(&s, "Satisfaction des usagers", 2025, None).is_empty());
    // The action now reports the indicators it feeds.
    let fed = s
        .actions()
        .unwrap()
        .into_iter()
        .find(|x| x.id == a)
        .unwrap()
        .reported_indicator_ids;
    assert!(fed.contains(&indicator(&s, "Heures de médiation")));

    // The figures: breakdowns, what « personnes » are, which communes stood for QPVs.
    let p = Pillar::load(&s).unwrap();
    let publics = coop_publics(&p, 2025, None).unwrap();
    assert_eq!(publics.accompaniments, 7);
    assert_eq!(publics.breakdowns[0].categories[0].label, "Féminin");
    assert_eq!(publics.breakdowns[0].categories[0].accompaniments, 7);
    assert!(publics.persons_note.unwrap().contains("bénéficiaire nommé"));
    let qpv = publics.qpv_note.unwrap();
    assert!(qpv.contains("Avion (62065) pour QN06204D"), "{qpv}");
    assert!(qpv.contains("Lens (62498 : QN06201M, QN06202A)"), "{qpv}");
}

#[test]
fn straight_apostrophes_and_lower_case_headers_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    for style in [HeaderStyle::StraightApostrophes, HeaderStyle::LowerCase] {
        let sub = dir.path().join(format!("{style:?}"));
        std::fs::create_dir_all(&sub).unwrap();
        let (mut s, _) = contract(&sub);
        let file = write(dir.path(), &format!("{style:?}.xlsx"), &small_export(style));
        let a = action(&s, "Accompagnement par les conseillers numériques");
        let mut o = options(Some(a));
        o.dry_run = true;
        let report = import_coop(&mut s, &file, &o).unwrap();
        assert!(report.is_ok(), "{style:?}: {:?}", report.problems);
        assert!(!report.applied);
        let f = &report.bilans[0].figures;
        assert_eq!(
            (f.accompaniments, f.activities, f.minutes),
            (7, 3, 165),
            "{style:?}"
        );
    }
}

#[test]
fn an_overlapping_export_replaces_the_years_it_covers_and_never_doubles() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = contract(dir.path());
    let a = action(&s, "Accompagnement par les conseillers numériques");
    // A value typed by hand for this action, and the chef de projet's own figure: both stay.
    let satisfaction = indicator(&s, "Satisfaction des usagers");
    s.save_measurement(&Measurement {
        id: 0,
        indicator_id: satisfaction,
        year: 2025,
        date: None,
        district_id: None,
        action_id: Some(a),
        value: 92.0,
        base: Some(40.0),
        source: "Questionnaire".into(),
        comment: String::new(),
        received_on: Some(d(2025, 7, 1)),
    })
    .unwrap();
    let accompaniments = indicator(&s, "Accompagnements réalisés");
    s.save_measurement(&Measurement {
        id: 0,
        indicator_id: accompaniments,
        year: 2025,
        date: None,
        district_id: None,
        action_id: None,
        value: 1000.0,
        base: None,
        source: "Enquête".into(),
        comment: String::new(),
        received_on: None,
    })
    .unwrap();

    let first = write(
        dir.path(),
        "juin.xlsx",
        &small_export(HeaderStyle::AsLaCoop),
    );
    assert!(
        import_coop(&mut s, &first, &options(Some(a)))
            .unwrap()
            .applied
    );
    // The second export covers April to September 2025 (a2, a3 again and a new one) and 2026.
    let mut later = small_export(HeaderStyle::AsLaCoop);
    later.exported_on = d(2026, 1, 15);
    later.activities.remove(0);
    later.activities.push(activity(
        "a4",
        d(2025, 9, 1),
        false,
        60,
        "Lieu A",
        vec![person(Some("Ana Lopez"), Some(LENS))],
    ));
    later.activities.push(activity(
        "a5",
        d(2026, 1, 5),
        false,
        30,
        "Lieu A",
        vec![person(None, Some(AVION))],
    ));
    let second = write(dir.path(), "janvier.xlsx", &later);
    let report = import_coop(&mut s, &second, &options(Some(a))).unwrap();
    assert!(report.applied, "{:?}", report.problems);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.contains("ne seront plus comptées")),
        "{:?}",
        report.warnings
    );
    let y2025 = report.bilans.iter().find(|b| b.year == 2025).unwrap();
    assert!(y2025.replaces.as_deref().unwrap().contains("juin.xlsx"));
    // 2025 holds the second export's 3 accompaniments, not 7 + 3.
    assert_eq!(value(&s, "Accompagnements réalisés", 2025, None), [3.0]);
    assert_eq!(value(&s, "Accompagnements réalisés", 2026, None), [1.0]);
    assert_eq!(value(&s, "Heures de médiation", 2025, None), [2.25]);
    // The workshop is gone from 2025: its values are removed, not left behind.
    assert_eq!(value(&s, "Ateliers collectifs", 2025, None), [0.0]);
    // The hand-typed contribution and the territory value are untouched.
    assert_eq!(value(&s, "Satisfaction des usagers", 2025, None), [92.0]);
    let territory: Vec<f64> = s
        .measurements(accompaniments)
        .unwrap()
        .iter()
        .filter(|m| m.action_id.is_none())
        .map(|m| m.value)
        .collect();
    assert_eq!(territory, [1000.0]);

    // Importing the same export again changes nothing.
    let before = s.all_measurements().unwrap();
    let again = import_coop(&mut s, &second, &options(Some(a))).unwrap();
    let w = again.written();
    assert_eq!((w.created, w.updated, w.deleted), (0, 0, 0), "{w:?}");
    assert_eq!(s.all_measurements().unwrap(), before);
    assert_eq!(s.coop_imports().unwrap().len(), 2);
}

#[test]
fn an_export_splits_by_place_with_a_mapping_the_file_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, path) = contract(dir.path());
    let cn = action(&s, "Accompagnement par les conseillers numériques");
    let media = action(&s, "Médiathèque");
    let mut spec = small_export(HeaderStyle::AsLaCoop);
    spec.activities[2].place = Some((
        "Médiathèque d'Avion".into(),
        "1 rue".into(),
        "Avion".into(),
        "62210".into(),
        "62065".into(),
    ));
    let file = write(dir.path(), "lieux.xlsx", &spec);

    // No place is assigned yet: refused, listing the places, nothing written.
    let hash = sha256(&path);
    let report = import_coop(&mut s, &file, &options(None)).unwrap();
    assert!(!report.is_ok());
    let texts: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("« Lieu A » (6 accompagnement(s)) n'est associé à aucune action")),
        "{texts:?}"
    );
    drop(s);
    assert_eq!(sha256(&path), hash);

    let mut s = Store::open(&path).unwrap();
    let mut o = options(None);
    o.places = vec![
        PlaceLink {
            place: "Lieu A".into(),
            action_id: cn,
        },
        PlaceLink {
            place: "Médiathèque d'Avion".into(),
            action_id: media,
        },
    ];
    let report = import_coop(&mut s, &file, &o).unwrap();
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(report.bilans.len(), 2);
    assert_eq!(s.coop_mapping().unwrap().places.len(), 2);
    // Next time the saved places are enough.
    let again = import_coop(&mut s, &file, &options(None)).unwrap();
    assert!(again.applied, "{:?}", again.problems);
    let media_values: Vec<Measurement> = s.bilan_values(media, 2025).unwrap();
    let accompaniments = indicator(&s, "Accompagnements réalisés");
    assert_eq!(
        media_values
            .iter()
            .find(|m| m.indicator_id == accompaniments)
            .unwrap()
            .value,
        1.0
    );
}

#[test]
fn the_mapping_is_saved_and_can_be_set() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = contract(dir.path());
    let proposal = s.coop_mapping().unwrap();
    assert!(proposal.measures.iter().all(|l| !l.saved));
    assert_eq!(
        proposal.indicator_of(CoopMeasure::QpvShare),
        Some(indicator(&s, "Part des accompagnés résidant en QPV"))
    );
    // Hours into a share: refused with the units it can feed.
    let wrong = MeasureLink {
        measure: CoopMeasure::Hours,
        indicator_id: Some(indicator(&s, "Satisfaction des usagers")),
        saved: true,
    };
    let mut mapping = proposal.clone();
    mapping.measures = vec![wrong];
    let err = s.save_coop_mapping(&mapping).unwrap_err();
    assert!(
        err.to_string().contains("unités possibles « heures »"),
        "{err}"
    );
    // Not importing the workshops, saved.
    mapping.measures = vec![MeasureLink {
        measure: CoopMeasure::Workshops,
        indicator_id: None,
        saved: true,
    }];
    let saved = s.save_coop_mapping(&mapping).unwrap();
    let link = saved
        .measures
        .iter()
        .find(|l| l.measure == CoopMeasure::Workshops)
        .unwrap();
    assert!(link.saved && link.indicator_id.is_none());
    let a = action(&s, "Accompagnement par les conseillers numériques");
    let file = write(dir.path(), "x.xlsx", &small_export(HeaderStyle::AsLaCoop));
    assert!(
        import_coop(&mut s, &file, &options(Some(a)))
            .unwrap()
            .applied
    );
    assert!(value(&s, "Ateliers collectifs", 2025, None).is_empty());
}

#[test]
fn the_older_statistics_file_feeds_its_general_section() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _) = contract(dir.path());
    let a = action(&s, "Accompagnement par les conseillers numériques");
    let file = dir
        .path()
        .join("Statistiques_Jeanne_Dupont_01-01-2025_31-12-2025.csv");
    std::fs::write(
        &file,
        "Statistiques Jeanne Dupont 01/01/2025-31/12/2025\n\nGénéral\n\
         Personnes accompagnées durant cette période;120\nAccompagnements enregistrés;150\nAteliers réalisés;12\n\
         Total des participants aux ateliers;70\nAccompagnements individuels;60\nDemandes ponctuelles;20\n\
         Usagers qui ont bénéficiés d'un accompagnement poursuivi;30\n\
         Pourcentage du total des usagers accompagnés sur cette période;25\nAccompagnements individuels;28\n\
         Accompagnements en atelier collectif;2\nRedirections vers une autre structure agréée;9\n\n\
         Thèmes des accompagnements\nCourriels;40\n",
    )
    .unwrap();
    let report = import_coop(&mut s, &file, &options(Some(a))).unwrap();
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(
        report.source,
        "Statistiques conseiller numérique, du 01/01/2025 au 31/12/2025"
    );
    assert_eq!(value(&s, "Accompagnements réalisés", 2025, None), [150.0]);
    assert_eq!(value(&s, "Personnes accompagnées", 2025, None), [120.0]);
    assert_eq!(value(&s, "Ateliers collectifs", 2025, None), [12.0]);
    assert_eq!(value(&s, "Participants aux ateliers", 2025, None), [70.0]);
    // No hours in that file: none written.
    assert!(value(&s, "Heures de médiation", 2025, None).is_empty());
    // Without an action it cannot be placed.
    let report = import_coop(&mut s, &file, &options(None)).unwrap();
    assert!(report.problems[0]
        .to_string()
        .contains("choisissez l'action"));
}

/// A workbook laid out like La Coop's with these data rows under the header (strings, or a
/// formula where a cell starts with `=`).
fn raw_export(dir: &Path, name: &str, with_header: bool, rows: &[Vec<&str>]) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Activités").unwrap();
    ws.write_string(0, 0, "Informations export").unwrap();
    ws.write_string(5, 0, "Date d'export").unwrap();
    ws.write_string(5, 1, "30/06/2025").unwrap();
    ws.write_string(8, 0, "Filtres").unwrap();
    let headers = coop_headers(true, false);
    if with_header {
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(21, c as u16, *h).unwrap();
        }
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            let (r, c) = (22 + r as u32, c as u16);
            if let Some(f) = v.strip_prefix('=') {
                ws.write_formula(r, c, format!("={f}").as_str()).unwrap();
            } else {
                ws.write_string(r, c, *v).unwrap();
            }
        }
    }
    let path = dir.join(name);
    wb.save(&path).unwrap();
    path
}

/// One row of `coop_headers(true, false)` (a médiateur's own export).
fn row<'a>(date: &'a str, minutes: &'a str, insee: &'a str) -> Vec<&'a str> {
    vec![
        date,
        "30/06/2025 à 10:00",
        "",
        "Accompagnement individuel",
        "1",
        "Bénéficiaire anonyme",
        "Lieu d’activité",
        "Lieu A",
        "1 rue",
        "Lens",
        "62300",
        "62498",
        minutes,
        "",
        "Ordinateur",
        "E-mail",
        "",
        "",
        "2/3",
        "Non",
        "",
        "Lens",
        "62300",
        insee,
        "Féminin",
        "25 - 39 ans",
        "Retraité",
        "",
        "id-1",
    ]
}

fn refused(report: &CoopImportReport) -> Vec<String> {
    assert!(!report.applied);
    report.problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn every_bad_file_is_refused_with_its_place_and_reason_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (s, path) = contract(dir.path());
    let a = action(&s, "Accompagnement par les conseillers numériques");
    drop(s);
    let hash = sha256(&path);
    let import = |file: &Path| {
        let mut s = Store::open(&path).unwrap();
        import_coop(&mut s, file, &options(Some(a)))
    };

    // The table's header is missing.
    let no_header = raw_export(
        dir.path(),
        "sans-entete.xlsx",
        false,
        &[row("10/03/2025", "30", "62498")],
    );
    let err = import(&no_header).unwrap_err().to_string();
    assert!(
        err.contains("sans-entete.xlsx") && err.contains("aucune ligne ne contient « ID CRA »"),
        "{err}"
    );

    // A formula where the export has a number.
    let formula = raw_export(
        dir.path(),
        "formule.xlsx",
        true,
        &[row("10/03/2025", "=60+30", "62498")],
    );
    let texts = refused(&import(&formula).unwrap());
    assert_eq!(
        texts,
        ["Activités, ligne 23, colonne Durée (min) : la cellule M23 contient une formule (=60+30) : un export de La Coop n'en contient aucune ; exportez à nouveau le fichier depuis La Coop."]
    );

    // A commune code that lost its leading zero.
    let zero = raw_export(
        dir.path(),
        "zero.xlsx",
        true,
        &[row("10/03/2025", "30", "2408")],
    );
    let texts = refused(&import(&zero).unwrap());
    assert_eq!(
        texts,
        ["Activités, ligne 23, colonne Code Insee du bénéficiaire : code INSEE « 2408 » invalide : 5 caractères attendus (le zéro initial a-t-il été perdu par un tableur ?)."]
    );

    // An impossible date, a duration that is not a number.
    let bad = raw_export(
        dir.path(),
        "mauvais.xlsx",
        true,
        &[row("31/02/2025", "trente", "62498")],
    );
    let texts = refused(&import(&bad).unwrap());
    assert!(
        texts[0]
            .starts_with("Activités, ligne 23, colonne Date : « 31/02/2025 » n'est pas une date"),
        "{texts:?}"
    );
    assert!(
        texts[1].starts_with(
            "Activités, ligne 23, colonne Durée (min) : « trente » n'est pas un nombre"
        ),
        "{texts:?}"
    );

    // An empty file, a 300 MB workbook, a CSV of something else.
    let empty = dir.path().join("vide.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let err = import(&empty).unwrap_err().to_string();
    assert_eq!(
        err,
        format!("Classeur « {} » : le fichier est vide.", empty.display())
    );
    let huge = dir.path().join("enorme.xlsx");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(300 * 1024 * 1024)
        .unwrap();
    let err = import(&huge).unwrap_err().to_string();
    assert!(
        err.contains("enorme.xlsx") && err.contains("fichier trop gros (300 Mo, limite 50 Mo)"),
        "{err}"
    );
    let other = dir.path().join("autre.csv");
    std::fs::write(&other, "Nom;Prénom\nDupont;Jean\n").unwrap();
    let err = import(&other).unwrap_err().to_string();
    assert!(err.contains("autre.csv") && err.contains("ID CRA"), "{err}");

    // Dates outside the contract: listed and refused, or skipped when asked.
    let mut spec = small_export(HeaderStyle::AsLaCoop);
    spec.activities[1].date = d(2023, 12, 20);
    let old = write(dir.path(), "ancien.xlsx", &spec);
    let texts = refused(&import(&old).unwrap());
    assert_eq!(
        texts,
        ["Activités : 1 accompagnement(s) daté(s) hors de la période du contrat (2024–2030) : ligne 28 (20/12/2023). Retirez-les de l'export, ou demandez à ignorer les dates hors période."]
    );
    assert_eq!(sha256(&path), hash, "nothing was written");

    let mut s = Store::open(&path).unwrap();
    let mut o = options(Some(a));
    o.skip_out_of_period = true;
    let report = import_coop(&mut s, &old, &o).unwrap();
    assert!(report.applied, "{:?}", report.problems);
    assert_eq!(report.out_of_period_count, 1);
    assert!(report
        .warnings
        .iter()
        .any(|w| w.contains("ignoré(s) comme demandé")));
    assert_eq!(report.bilans[0].figures.accompaniments, 6);
}

#[test]
fn the_demo_action_is_fed_by_the_committed_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = copil_core::demo::create_demo(&dir.path().join("demo.copil")).unwrap();
    copil_core::demo::field::add_field_data(&mut s).unwrap();
    let imports = s.coop_imports().unwrap();
    let years: Vec<i32> = imports.iter().map(|i| i.year).collect();
    assert!(years.contains(&2024) && years.contains(&2026), "{years:?}");
    let rows: u32 = imports.iter().map(|i| i.accompaniments).sum();
    assert!(rows > 500, "{rows} accompaniments");
    let p = Pillar::load(&s).unwrap();
    let publics = coop_publics(&p, 2026, None).unwrap();
    assert!(publics
        .fed
        .iter()
        .any(|f| f.name == "Heures de médiation numérique"));
    assert_eq!(publics.breakdowns.len(), 3);
    assert!(publics.persons_note.is_some());
}
