//! Validation of every entity through the store: good inputs are saved, bad inputs are refused
//! with a French message naming the field or the value, and nothing is written on a refusal.

use chrono::NaiveDate;
use copil_core::domain::*;
use copil_core::{CoreError, ErrorCode, Store};
use tempfile::TempDir;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn new_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(
        &dir.path().join("contrat.copil"),
        &Contract::new("Contrat de ville de Testville 2024–2030", "CA de Testville"),
    )
    .unwrap();
    (dir, store)
}

fn count(s: &Store, table: &str) -> i64 {
    s.conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// Row counts of the touched table and of the audit journal, to prove a refusal wrote nothing.
fn counts(s: &Store, table: &str) -> (i64, i64) {
    (count(s, table), count(s, "audit_log"))
}

/// Unwraps an `Invalid` error and returns its issues (and the full French message).
fn invalid<T: std::fmt::Debug>(
    result: copil_core::Result<T>,
    expected_entity: &str,
) -> (Vec<Issue>, String) {
    match result {
        Err(e @ CoreError::Invalid { .. }) => {
            let message = e.to_string();
            assert_eq!(e.code(), ErrorCode::Invalid);
            let CoreError::Invalid { entity, issues } = e else {
                unreachable!()
            };
            assert_eq!(entity, expected_entity);
            (issues, message)
        }
        Err(other) => panic!("expected an Invalid error, got {other:?} ({other})"),
        Ok(saved) => panic!("expected an Invalid error, the record was saved: {saved:?}"),
    }
}

fn has_error_on(issues: &[Issue], field: &str) -> bool {
    issues
        .iter()
        .any(|i| i.field == field && i.severity == Severity::Error)
}

fn district(code: &str) -> District {
    District {
        id: 0,
        code: code.into(),
        name: "Quartier test".into(),
        communes: vec!["62498".into()],
        population: Some(1000),
        ifn: Some(6.5),
    }
}

#[test]
fn qpv_codes_through_the_store() {
    let (_dir, mut s) = new_store();
    for good in ["QN06201M", "QN02A01N", "QN02B02Z", "QN97401A"] {
        let saved = s.save_district(&district(good)).unwrap();
        assert!(saved.id > 0);
        assert!(saved.warnings.is_empty(), "{good}: {:?}", saved.warnings);
    }
    assert_eq!(
        s.district_by_code("QN02A01N").unwrap().unwrap().name,
        "Quartier test"
    );
    for bad in [
        "QN0620M", "QN06201m", "XN06201M", "QN02C01N", "QN062011", "qn06201M", "",
    ] {
        let before = counts(&s, "district");
        let (issues, message) = invalid(s.save_district(&district(bad)), "Quartier");
        assert!(has_error_on(&issues, "code"), "{bad}: {issues:?}");
        assert!(message.contains("Code QPV"), "{message}");
        assert!(message.contains(&format!("« {bad} »")), "{message}");
        assert_eq!(counts(&s, "district"), before, "nothing written for {bad}");
    }
}

#[test]
fn district_other_fields() {
    let (_dir, mut s) = new_store();
    let mut d = district("QN06201M");
    d.communes = vec![];
    d.population = Some(-5);
    d.ifn = Some(11.0);
    d.name = "  ".into();
    let before = counts(&s, "district");
    let (issues, message) = invalid(s.save_district(&d), "Quartier");
    for f in ["communes", "population", "ifn", "name"] {
        assert!(has_error_on(&issues, f), "{f}: {issues:?}");
    }
    assert!(message.contains("population"), "{message}");
    assert!(
        message.contains("indice de fragilité numérique"),
        "{message}"
    );
    assert_eq!(counts(&s, "district"), before);

    let mut d = district("QN06201M");
    d.communes = vec!["6249".into()];
    let (issues, message) = invalid(s.save_district(&d), "Quartier");
    assert!(has_error_on(&issues, "communes"));
    assert!(message.contains("« 6249 »"), "{message}");
}

#[test]
fn duplicate_qpv_code_is_a_french_error_and_writes_nothing() {
    let (_dir, mut s) = new_store();
    s.save_district(&district("QN06201M")).unwrap();
    let before = counts(&s, "district");
    let mut other = district("QN06201M");
    other.name = "Autre quartier".into();
    let (issues, message) = invalid(s.save_district(&other), "Quartier");
    assert!(has_error_on(&issues, "code"), "{issues:?}");
    assert!(message.contains("QN06201M"), "{message}");
    assert!(message.contains("existe déjà"), "{message}");
    assert_eq!(counts(&s, "district"), before);
    assert_eq!(count(&s, "district_commune"), 1);
}

fn actor(name: &str, siret: Option<&str>) -> Actor {
    Actor {
        id: 0,
        name: name.into(),
        kind: ActorKind::Association,
        siret: siret.map(String::from),
        labels: vec![ActorLabel::AidantsConnect],
        district_ids: vec![],
        contact: String::new(),
    }
}

#[test]
fn siret_luhn_and_la_poste() {
    let (_dir, mut s) = new_store();
    // A Luhn-valid SIRET, one with spaces, La Poste's head office (Luhn) and a La Poste
    // establishment (no Luhn key, digit sum multiple of 5).
    for (i, good) in [
        "73282932000074",
        "732 829 320 00074",
        "35600000000048",
        "35600000012341",
    ]
    .into_iter()
    .enumerate()
    {
        s.save_actor(&actor(&format!("Structure {i}"), Some(good)))
            .unwrap_or_else(|e| panic!("{good}: {e}"));
    }
    // Spaces are removed before storing.
    let stored: Vec<_> = s
        .actors()
        .unwrap()
        .into_iter()
        .filter_map(|a| a.siret)
        .collect();
    assert!(stored.contains(&"73282932000074".to_string()), "{stored:?}");
    assert!(stored.iter().all(|s| !s.contains(' ')));
    for bad in [
        "73282932000075", // wrong key
        "7328293200007",  // 13 digits
        "7328293200007A", // a letter
        "35600000000049", // La Poste, wrong sum
        "35600000012342", // La Poste, wrong sum
        "356000000000489",
    ] {
        let before = counts(&s, "actor");
        let (issues, message) = invalid(s.save_actor(&actor("Mauvais SIRET", Some(bad))), "Acteur");
        assert!(has_error_on(&issues, "siret"), "{bad}: {issues:?}");
        assert!(message.contains("SIRET"), "{message}");
        assert!(message.contains(bad), "{message}");
        assert_eq!(counts(&s, "actor"), before);
    }
    // No SIRET is fine; a duplicate name is a French error.
    s.save_actor(&actor("Sans SIRET", None)).unwrap();
    let before = counts(&s, "actor");
    let (issues, message) = invalid(s.save_actor(&actor("Sans SIRET", None)), "Acteur");
    assert!(has_error_on(&issues, "name"));
    assert!(message.contains("« Sans SIRET » existe déjà"), "{message}");
    assert_eq!(counts(&s, "actor"), before);
}

fn action(title: &str) -> Action {
    Action {
        id: 0,
        title: title.into(),
        description: String::new(),
        porteur_id: None,
        status: ActionStatus::Running,
        start_date: Some(date(2025, 1, 6)),
        end_date: Some(date(2026, 6, 30)),
        audience: String::new(),
        weather: Some(Weather::Green),
        weather_comment: String::new(),
        district_ids: vec![],
        objective_ids: vec![],
        theme_ids: vec![],
        reported_indicator_ids: vec![],
    }
}

#[test]
fn action_dates_within_the_contract() {
    let (_dir, mut s) = new_store();
    let saved = s.save_action(&action("Permanences")).unwrap();
    // No porteur and no objective: saved with warnings.
    let fields: Vec<_> = saved.warnings.iter().map(|w| w.field.as_str()).collect();
    assert_eq!(fields, ["porteur_id", "objective_ids"]);
    assert!(saved
        .warnings
        .iter()
        .all(|w| w.severity == Severity::Warning));

    let mut a = action("Trop tôt");
    a.start_date = Some(date(2023, 9, 1));
    let before = counts(&s, "action");
    let (issues, message) = invalid(s.save_action(&a), "Action");
    assert!(has_error_on(&issues, "start_date"), "{issues:?}");
    assert!(message.contains("01/09/2023"), "{message}");
    assert!(message.contains("2024–2030"), "{message}");
    assert_eq!(counts(&s, "action"), before);

    let mut a = action("Trop tard");
    a.end_date = Some(date(2031, 1, 15));
    let (issues, message) = invalid(s.save_action(&a), "Action");
    assert!(has_error_on(&issues, "end_date"));
    assert!(message.contains("Date de fin (15/01/2031)"), "{message}");

    let mut a = action("À l'envers");
    a.start_date = Some(date(2026, 1, 1));
    a.end_date = Some(date(2025, 1, 1));
    let (issues, _) = invalid(s.save_action(&a), "Action");
    assert!(has_error_on(&issues, "end_date"));

    let mut a = action("Porteur fantôme");
    a.porteur_id = Some(999);
    let (issues, message) = invalid(s.save_action(&a), "Action");
    assert!(has_error_on(&issues, "porteur_id"));
    assert!(message.contains("999"), "{message}");

    let (issues, _) = invalid(s.save_action(&action("   ")), "Action");
    assert!(has_error_on(&issues, "title"));
    assert_eq!(counts(&s, "action"), before);
}

fn funding(action_id: Id) -> Funding {
    Funding {
        id: 0,
        action_id,
        financeur: Financeur::Bop147,
        year: 2025,
        requested_cents: Some(1_000_000),
        granted_cents: 800_000,
        paid_cents: 400_000,
        scheme: FundingScheme::CallForProjects,
        cpo_start_year: None,
        crf_received_on: None,
        comment: String::new(),
    }
}

#[test]
fn funding_amounts() {
    let (_dir, mut s) = new_store();
    let a = s.save_action(&action("Ateliers")).unwrap().id;
    let saved = s.save_funding(&funding(a)).unwrap();
    assert!(saved.warnings.is_empty());

    // Negative amounts.
    for (field, label) in [
        ("requested_cents", "sollicité"),
        ("granted_cents", "attribué"),
        ("paid_cents", "versé"),
    ] {
        let mut f = funding(a);
        f.year = 2026;
        match field {
            "requested_cents" => f.requested_cents = Some(-1),
            "granted_cents" => {
                f.granted_cents = -1;
                f.paid_cents = -2;
            }
            _ => f.paid_cents = -1,
        }
        let before = counts(&s, "funding");
        let (issues, message) = invalid(s.save_funding(&f), "Financement");
        assert!(has_error_on(&issues, field), "{field}: {issues:?}");
        assert!(
            message.contains(&format!("montant {label} ne peut pas être négatif")),
            "{message}"
        );
        assert_eq!(counts(&s, "funding"), before);
    }

    // Paid above granted: an error.
    let mut f = funding(a);
    f.year = 2026;
    f.paid_cents = 900_000;
    let before = counts(&s, "funding");
    let (issues, message) = invalid(s.save_funding(&f), "Financement");
    assert!(has_error_on(&issues, "paid_cents"));
    assert!(
        message.contains("versé dépasse le montant attribué"),
        "{message}"
    );
    assert_eq!(counts(&s, "funding"), before);

    // Granted above requested: a warning, saved anyway.
    let mut f = funding(a);
    f.year = 2026;
    f.granted_cents = 1_200_000;
    let saved = s.save_funding(&f).unwrap();
    assert_eq!(saved.warnings.len(), 1, "{:?}", saved.warnings);
    assert_eq!(saved.warnings[0].field, "granted_cents");
    assert_eq!(saved.warnings[0].severity, Severity::Warning);
    assert!(saved.warnings[0]
        .message
        .contains("attribué dépasse le montant sollicité"));
    assert_eq!(count(&s, "funding"), before.0 + 1);

    // Year outside the contract, unknown action, duplicate line.
    let mut f = funding(a);
    f.year = 2031;
    let (issues, message) = invalid(s.save_funding(&f), "Financement");
    assert!(has_error_on(&issues, "year"));
    assert!(message.contains("2031"), "{message}");
    let (issues, message) = invalid(s.save_funding(&funding(4242)), "Financement");
    assert!(has_error_on(&issues, "action_id"));
    assert!(message.contains("4242"), "{message}");
    let before = counts(&s, "funding");
    let (issues, message) = invalid(s.save_funding(&funding(a)), "Financement");
    assert!(has_error_on(&issues, "year"));
    assert!(
        message.contains("État – BOP 147 2025 existe déjà"),
        "{message}"
    );
    assert_eq!(counts(&s, "funding"), before);

    // CPO years.
    let mut f = funding(a);
    f.financeur = Financeur::Epci;
    f.scheme = FundingScheme::Cpo;
    f.cpo_start_year = Some(2021);
    let (issues, message) = invalid(s.save_funding(&f), "Financement");
    assert!(has_error_on(&issues, "cpo_start_year"));
    assert!(message.contains("2021–2023"), "{message}");
}

fn indicator(name: &str, unit: Unit, kind: IndicatorKind) -> Indicator {
    Indicator {
        id: 0,
        name: name.into(),
        unit,
        direction: Direction::HigherIsBetter,
        kind,
        baseline_value: None,
        baseline_date: None,
        source: "Bilans".into(),
        by_district: false,
        targets: vec![Target {
            year: 2026,
            value: 60.0,
        }],
        objective_ids: vec![],
    }
}

fn measurement(indicator_id: Id, year: i32, value: f64) -> Measurement {
    Measurement {
        id: 0,
        indicator_id,
        year,
        date: None,
        district_id: None,
        action_id: None,
        value,
        base: None,
        source: String::new(),
        comment: String::new(),
        received_on: None,
    }
}

#[test]
fn indicator_baseline_may_precede_the_contract() {
    let (_dir, mut s) = new_store();
    let mut ind = indicator("Taux d'équipement", Unit::Percent, IndicatorKind::Snapshot);
    ind.baseline_value = Some(75.0);
    ind.baseline_date = Some(date(2022, 9, 28));
    let saved = s.save_indicator(&ind).unwrap();
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    let back = s.indicator(saved.id).unwrap();
    assert_eq!(back.baseline_date, Some(date(2022, 9, 28)));

    // A target outside the period, a percent above 100, two targets the same year.
    let mut bad = indicator("Autre", Unit::Percent, IndicatorKind::Snapshot);
    bad.targets = vec![
        Target {
            year: 2023,
            value: 50.0,
        },
        Target {
            year: 2026,
            value: 140.0,
        },
        Target {
            year: 2026,
            value: 60.0,
        },
    ];
    bad.baseline_value = Some(101.0);
    let before = counts(&s, "indicator");
    let targets_before = count(&s, "indicator_target");
    let (issues, message) = invalid(s.save_indicator(&bad), "Indicateur");
    assert!(has_error_on(&issues, "targets"));
    assert!(has_error_on(&issues, "baseline_value"));
    assert!(message.contains("2023"), "{message}");
    assert!(message.contains("reçu 140"), "{message}");
    assert!(
        message.contains("Deux cibles pour l'année 2026"),
        "{message}"
    );
    assert_eq!(counts(&s, "indicator"), before);
    assert_eq!(count(&s, "indicator_target"), targets_before);

    // Baseline without date: a warning.
    let mut w = indicator("Sans date", Unit::Count, IndicatorKind::Cumulative);
    w.baseline_value = Some(4.0);
    let saved = s.save_indicator(&w).unwrap();
    assert_eq!(saved.warnings.len(), 1);
    assert_eq!(saved.warnings[0].field, "baseline_date");

    // Duplicate name.
    let (issues, message) = invalid(
        s.save_indicator(&indicator(
            "Taux d'équipement",
            Unit::Count,
            IndicatorKind::Snapshot,
        )),
        "Indicateur",
    );
    assert!(has_error_on(&issues, "name"));
    assert!(
        message.contains("« Taux d'équipement » existe déjà"),
        "{message}"
    );
}

#[test]
fn measurements_within_the_period_and_the_unit() {
    let (_dir, mut s) = new_store();
    let pct = s
        .save_indicator(&indicator(
            "Part en QPV",
            Unit::Percent,
            IndicatorKind::Snapshot,
        ))
        .unwrap()
        .id;
    let persons = s
        .save_indicator(&indicator(
            "Personnes",
            Unit::Persons,
            IndicatorKind::Cumulative,
        ))
        .unwrap()
        .id;
    s.save_measurement(&measurement(pct, 2025, 57.1)).unwrap();
    s.save_measurement(&measurement(persons, 2025, 1360.0))
        .unwrap();

    let before = counts(&s, "measurement");
    // Percent above 100.
    let (issues, message) = invalid(s.save_measurement(&measurement(pct, 2025, 120.0)), "Valeur");
    assert!(has_error_on(&issues, "value"));
    assert!(message.contains("pourcentage"), "{message}");
    assert!(message.contains("120"), "{message}");
    // Year outside the contract, before and after.
    for year in [2023, 2031] {
        let (issues, message) =
            invalid(s.save_measurement(&measurement(pct, year, 50.0)), "Valeur");
        assert!(has_error_on(&issues, "year"));
        assert!(
            message.contains(&format!("Année {year} hors de la période")),
            "{message}"
        );
    }
    // A dated value whose date is not in its year.
    let mut m = measurement(pct, 2025, 50.0);
    m.date = Some(date(2026, 1, 10));
    let (issues, message) = invalid(s.save_measurement(&m), "Valeur");
    assert!(has_error_on(&issues, "date"));
    assert!(message.contains("10/01/2026"), "{message}");
    // Half a person, a negative count.
    let (issues, message) = invalid(
        s.save_measurement(&measurement(persons, 2025, 12.5)),
        "Valeur",
    );
    assert!(has_error_on(&issues, "value"));
    assert!(message.contains("personnes"), "{message}");
    let (issues, _) = invalid(
        s.save_measurement(&measurement(persons, 2025, -3.0)),
        "Valeur",
    );
    assert!(has_error_on(&issues, "value"));
    assert_eq!(counts(&s, "measurement"), before);
    // The refused values did not replace the stored ones.
    let stored = s.measurements(pct).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].value, 57.1);

    // Unknown indicator.
    assert!(matches!(
        s.save_measurement(&measurement(777, 2025, 1.0)),
        Err(CoreError::Missing { id: 777, .. })
    ));

    // A value for a QPV of an indicator not followed by QPV: a warning.
    let d = s.save_district(&district("QN06201M")).unwrap().id;
    let mut m = measurement(persons, 2026, 100.0);
    m.district_id = Some(d);
    let saved = s.save_measurement(&m).unwrap();
    assert_eq!(saved.warnings.len(), 1);
    assert_eq!(saved.warnings[0].field, "district_id");

    // Recording the same indicator, year and QPV again replaces the value.
    let again = s
        .save_measurement(&measurement(persons, 2025, 1400.0))
        .unwrap();
    let values = s.measurements(persons).unwrap();
    assert_eq!(values.len(), 2);
    let v2025 = values
        .iter()
        .find(|m| m.year == 2025 && m.district_id.is_none())
        .unwrap();
    assert_eq!(v2025.id, again.id);
    assert_eq!(v2025.value, 1400.0);
}

fn meeting(d: NaiveDate) -> Meeting {
    Meeting {
        id: 0,
        kind: MeetingKind::Copil,
        title: "COPIL annuel".into(),
        date: d,
        place: "Lens".into(),
        agenda: String::new(),
        participants: vec![
            Participant {
                actor_id: None,
                label: "Associations".into(),
                kind: ActorKind::Association,
                headcount: 28,
            },
            Participant {
                actor_id: None,
                label: "État".into(),
                kind: ActorKind::State,
                headcount: 4,
            },
        ],
    }
}

#[test]
fn meetings_and_decisions() {
    let (_dir, mut s) = new_store();
    let m = s.save_meeting(&meeting(date(2025, 3, 18))).unwrap().id;
    assert_eq!(s.meetings().unwrap()[0].headcount(), 32);

    let before = counts(&s, "meeting");
    let participants_before = count(&s, "participant");
    let (issues, message) = invalid(s.save_meeting(&meeting(date(2031, 3, 1))), "Instance");
    assert!(has_error_on(&issues, "date"));
    assert!(
        message.contains("Date de l'instance (01/03/2031)"),
        "{message}"
    );
    let (issues, _) = invalid(s.save_meeting(&meeting(date(2023, 12, 31))), "Instance");
    assert!(has_error_on(&issues, "date"));
    let mut bad = meeting(date(2025, 5, 1));
    bad.participants[0].headcount = -1;
    let (issues, message) = invalid(s.save_meeting(&bad), "Instance");
    assert!(has_error_on(&issues, "participants"));
    assert!(message.contains("« Associations »"), "{message}");
    assert_eq!(counts(&s, "meeting"), before);
    assert_eq!(count(&s, "participant"), participants_before);

    let decision = |status| Decision {
        id: 0,
        meeting_id: m,
        text: "Lancer le diagnostic".into(),
        owner: "Agglo".into(),
        due_date: Some(date(2025, 9, 30)),
        status,
        closed_on: None,
        ..Decision::new(m, "", "")
    };
    // Closing without a date records one; an open decision has none.
    let id = s.save_decision(&decision(DecisionStatus::Done)).unwrap().id;
    let stored = s
        .decisions()
        .unwrap()
        .into_iter()
        .find(|d| d.id == id)
        .unwrap();
    assert!(stored.closed_on.is_some());
    let mut reopened = stored.clone();
    reopened.status = DecisionStatus::InProgress;
    s.save_decision(&reopened).unwrap();
    let stored = s
        .decisions()
        .unwrap()
        .into_iter()
        .find(|d| d.id == id)
        .unwrap();
    assert_eq!(stored.closed_on, None);

    let mut no_owner = decision(DecisionStatus::Todo);
    no_owner.owner = String::new();
    let saved = s.save_decision(&no_owner).unwrap();
    assert_eq!(saved.warnings[0].field, "owner");

    let before = counts(&s, "decision");
    let mut orphan = decision(DecisionStatus::Todo);
    orphan.meeting_id = 99;
    let (issues, message) = invalid(s.save_decision(&orphan), "Décision");
    assert!(has_error_on(&issues, "meeting_id"));
    assert!(message.contains("99"), "{message}");
    let mut blank = decision(DecisionStatus::Todo);
    blank.text = " ".into();
    let (issues, _) = invalid(s.save_decision(&blank), "Décision");
    assert!(has_error_on(&issues, "text"));
    assert_eq!(counts(&s, "decision"), before);
}

fn objective(parent: Option<Id>, code: &str) -> Objective {
    Objective {
        id: 0,
        parent_id: parent,
        code: code.into(),
        title: format!("Objectif {code}"),
        description: String::new(),
        theme_ids: vec![],
    }
}

#[test]
fn objective_tree_refuses_cycles() {
    let (_dir, mut s) = new_store();
    let themes = s.themes().unwrap();
    assert_eq!(themes.len(), DEFAULT_THEMES.len());
    let mut o1 = objective(None, "1");
    o1.theme_ids = vec![themes[0].id, themes[8].id];
    o1.id = s.save_objective(&o1).unwrap().id;
    let mut o11 = objective(Some(o1.id), "1.1");
    o11.id = s.save_objective(&o11).unwrap().id;
    let mut o111 = objective(Some(o11.id), "1.1.1");
    o111.id = s.save_objective(&o111).unwrap().id;
    assert_eq!(
        s.objectives().unwrap()[0].theme_ids,
        vec![themes[0].id, themes[8].id]
    );

    let before = counts(&s, "objective");
    // Its own parent.
    let mut own = o1.clone();
    own.parent_id = Some(o1.id);
    let (issues, message) = invalid(s.save_objective(&own), "Objectif");
    assert!(has_error_on(&issues, "parent_id"));
    assert!(message.contains("parent"), "{message}");
    // A grandchild as parent.
    let mut cycle = o1.clone();
    cycle.parent_id = Some(o111.id);
    let (issues, message) = invalid(s.save_objective(&cycle), "Objectif");
    assert!(has_error_on(&issues, "parent_id"));
    assert!(message.contains("boucle"), "{message}");
    assert_eq!(counts(&s, "objective"), before);
    assert_eq!(
        s.objectives()
            .unwrap()
            .iter()
            .find(|o| o.id == o1.id)
            .unwrap()
            .parent_id,
        None
    );
    // Moving a leaf elsewhere is fine.
    let mut moved = o111.clone();
    moved.parent_id = Some(o1.id);
    s.save_objective(&moved).unwrap();

    let (issues, _) = invalid(s.save_objective(&objective(None, "")), "Objectif");
    assert!(has_error_on(&issues, "code"));

    // Deleting a parent with children is refused in French.
    let err = s.delete_objective(o1.id).unwrap_err();
    assert!(matches!(err, CoreError::InUse { .. }), "{err:?}");
    assert!(err
        .to_string()
        .starts_with("Impossible de supprimer Objectif"));
}

#[test]
fn themes_are_reordered_in_one_edit() {
    let (_dir, mut s) = new_store();
    let ids: Vec<Id> = s.themes().unwrap().iter().map(|t| t.id).collect();
    let mut wanted = ids.clone();
    wanted.swap(0, 1);
    let journal = count(&s, "audit_log");
    s.reorder_themes(&wanted).unwrap();
    let order: Vec<Id> = s.themes().unwrap().iter().map(|t| t.id).collect();
    assert_eq!(order, wanted);
    assert_eq!(count(&s, "audit_log"), journal + 1, "one journal line");

    // An order that forgets a theme (added or deleted meanwhile) changes nothing.
    let (issues, message) = invalid(s.reorder_themes(&wanted[1..]), "Ordre des thèmes");
    assert!(has_error_on(&issues, "position"));
    assert!(message.contains("rien n'a été modifié"), "{message}");
    let unchanged: Vec<Id> = s.themes().unwrap().iter().map(|t| t.id).collect();
    assert_eq!(unchanged, wanted);
}

#[test]
fn themes_and_contract() {
    let (_dir, mut s) = new_store();
    let before = counts(&s, "theme");
    let (issues, message) = invalid(
        s.save_theme(&Theme {
            id: 0,
            name: "Santé".into(),
            position: 20,
        }),
        "Thème",
    );
    assert!(has_error_on(&issues, "name"));
    assert!(message.contains("« Santé » existe déjà"), "{message}");
    assert_eq!(counts(&s, "theme"), before);
    s.save_theme(&Theme {
        id: 0,
        name: "Numérique responsable".into(),
        position: 20,
    })
    .unwrap();

    let mut c = s.contract().unwrap();
    c.communes = vec![Commune {
        insee: "2A004".into(),
        name: "Ajaccio".into(),
    }];
    s.save_contract(&c).unwrap();
    assert_eq!(s.contract().unwrap().communes[0].insee, "2A004");
    let mut bad = c.clone();
    bad.end_year = 2020;
    bad.communes.push(Commune {
        insee: "ABCDE".into(),
        name: "Nulle part".into(),
    });
    let before = count(&s, "audit_log");
    let (issues, message) = invalid(s.save_contract(&bad), "Contrat");
    assert!(has_error_on(&issues, "end_year"));
    assert!(has_error_on(&issues, "communes"));
    assert!(message.contains("2024–2020"), "{message}");
    assert!(message.contains("« ABCDE »"), "{message}");
    assert_eq!(count(&s, "audit_log"), before);
    assert_eq!(s.contract().unwrap(), c);

    // Creating a file with an invalid contract is refused and writes nothing.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vide.copil");
    let err = Store::create(&path, &Contract::new("", "")).err().unwrap();
    assert!(matches!(
        err,
        CoreError::Invalid {
            entity: "Contrat",
            ..
        }
    ));
    assert!(!path.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn contract_period_changes_the_rules() {
    let (_dir, mut s) = new_store();
    let mut c = s.contract().unwrap();
    c.start_year = 2025;
    c.end_year = 2027;
    s.save_contract(&c).unwrap();
    let (issues, _) = invalid(s.save_meeting(&meeting(date(2024, 6, 1))), "Instance");
    assert!(has_error_on(&issues, "date"));
    s.save_meeting(&meeting(date(2027, 6, 1))).unwrap();
}

// ------------------------------------------------ what the forms are told = what a save refuses

/// The check a form runs as the user types refuses exactly what the save refuses, with the
/// same findings: the records a value refers to must exist, cycles are refused.
fn same_findings<T: std::fmt::Debug>(
    check: copil_core::Result<Vec<Issue>>,
    save: copil_core::Result<T>,
    entity: &str,
) -> Vec<Issue> {
    let check = check.unwrap();
    let (saved, _) = invalid(save, entity);
    assert_eq!(check, saved, "the check and the save disagree");
    check
}

#[test]
fn each_check_refuses_what_its_save_refuses() {
    let (_dir, mut s) = new_store();
    let mut a = action("Ateliers numériques");
    a.porteur_id = Some(999);
    let issues = same_findings(s.check_action(&a), s.save_action(&a), "Action");
    assert!(has_error_on(&issues, "porteur_id"), "{issues:?}");

    let f = funding(999);
    let issues = same_findings(s.check_funding(&f), s.save_funding(&f), "Financement");
    assert!(has_error_on(&issues, "action_id"), "{issues:?}");

    let root = s.save_objective(&objective(None, "1")).unwrap().id;
    let child = s.save_objective(&objective(Some(root), "1.1")).unwrap().id;
    let mut looped = objective(Some(child), "1");
    looped.id = root;
    let issues = same_findings(
        s.check_objective(&looped),
        s.save_objective(&looped),
        "Objectif",
    );
    assert!(has_error_on(&issues, "parent_id"), "{issues:?}");

    let mut late = action("Hors période");
    late.end_date = Some(date(2031, 1, 1));
    let issues = same_findings(s.check_action(&late), s.save_action(&late), "Action");
    assert!(has_error_on(&issues, "end_date"), "{issues:?}");

    let orphan = Decision {
        id: 0,
        meeting_id: 999,
        text: "Relancer la CAF".into(),
        owner: "Cheffe de projet".into(),
        due_date: None,
        status: DecisionStatus::Todo,
        closed_on: None,
        ..Decision::new(999, "", "")
    };
    let issues = same_findings(
        s.check_decision(&orphan),
        s.save_decision(&orphan),
        "Décision",
    );
    assert!(has_error_on(&issues, "meeting_id"), "{issues:?}");

    // A value of an indicator that does not exist: the same « introuvable » both ways.
    let m = measurement(999, 2025, 3.0);
    let check = s.check_measurement(&m).unwrap_err();
    let save = s.save_measurement(&m).unwrap_err();
    assert_eq!(check.code(), ErrorCode::Missing);
    assert_eq!(check.to_string(), save.to_string());
}

#[test]
fn a_decision_is_checked_as_it_will_be_saved() {
    let (_dir, mut s) = new_store();
    let m = s.save_meeting(&meeting(date(2025, 3, 18))).unwrap().id;
    let closed = Decision {
        id: 0,
        meeting_id: m,
        text: "Ouvrir une permanence à la médiathèque".into(),
        owner: "Ville de Lens".into(),
        due_date: Some(date(2025, 9, 1)),
        status: DecisionStatus::Done,
        closed_on: Some(date(2025, 6, 2)),
        ..Decision::new(m, "", "")
    };
    let id = s.save_decision(&closed).unwrap().id;
    // Reopened with its old closing date still in the form: nothing to refuse, the date goes.
    let reopened = Decision {
        id,
        status: DecisionStatus::InProgress,
        ..closed.clone()
    };
    assert!(!has_error_on(
        &s.check_decision(&reopened).unwrap(),
        "closed_on"
    ));
    s.save_decision(&reopened).unwrap();
    assert_eq!(s.decisions().unwrap()[0].closed_on, None);
    // Closed again without a date: it is closed today.
    let done = Decision {
        status: DecisionStatus::Dropped,
        closed_on: None,
        ..reopened
    };
    assert!(!has_error_on(
        &s.check_decision(&done).unwrap(),
        "closed_on"
    ));
    s.save_decision(&done).unwrap();
    assert_eq!(
        s.decisions().unwrap()[0].closed_on,
        Some(chrono::Local::now().date_naive())
    );
    assert_eq!(
        closed.normalized(date(2026, 1, 1)).closed_on,
        Some(date(2025, 6, 2)),
        "a closing date given is kept"
    );
}
