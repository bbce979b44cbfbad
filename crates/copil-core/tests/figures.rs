//! Figures on the demo contract (matrix, alerts, indicators, funding) and on small hand-built
//! contracts for the edge cases; a property test on funding totals.

use chrono::NaiveDate;
use copil_core::demo::create_demo;
use copil_core::domain::*;
use copil_core::figures::*;
use copil_core::Store;
use proptest::prelude::*;
use tempfile::TempDir;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn scope() -> Scope {
    Scope {
        year: 2026,
        today: date(2026, 11, 28),
        district_id: None,
    }
}

fn demo() -> (TempDir, Store, Pillar) {
    let dir = tempfile::tempdir().unwrap();
    let store = create_demo(&dir.path().join("demo.copil")).unwrap();
    let pillar = Pillar::load(&store).unwrap();
    (dir, store, pillar)
}

fn theme_id(p: &Pillar, name: &str) -> Id {
    p.themes.iter().find(|t| t.name == name).unwrap().id
}

fn objective_id(p: &Pillar, code: &str) -> Id {
    p.objectives.iter().find(|o| o.code == code).unwrap().id
}

fn indicator<'a>(p: &'a Pillar, name: &str) -> &'a Indicator {
    p.indicators.iter().find(|i| i.name == name).unwrap()
}

fn action_id(p: &Pillar, title_start: &str) -> Id {
    p.actions
        .iter()
        .find(|a| a.title.starts_with(title_start))
        .unwrap()
        .id
}

#[test]
fn matrix_on_the_demo() {
    let (_dir, _s, p) = demo();
    let m = transversality_matrix(&p, &scope());
    assert_eq!(m.themes.len(), 11);
    assert_eq!(m.rows.len(), p.objectives.len());
    assert_eq!(m.rows.len(), 10);
    assert!(m.rows.iter().all(|r| r.cells.len() == 11));
    // Tree order: 1, 1.1, 1.2, 2, …
    let codes: Vec<_> = m.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["1", "1.1", "1.2", "2", "2.1", "2.2", "3", "3.1", "3.2", "4"]
    );
    assert_eq!(m.rows[1].depth, 1);
    assert_eq!(m.rows[0].depth, 0);

    // Objective 1.2 × « Accès aux droits »: permanences, France Services, Pass numérique, CAF.
    let col = m
        .themes
        .iter()
        .position(|t| t.name == "Accès aux droits")
        .unwrap();
    let row = m.rows.iter().find(|r| r.code == "1.2").unwrap();
    let cell = &row.cells[col];
    assert!(cell.linked);
    let mut expected_actions = vec![
        action_id(&p, "Permanences de médiation"),
        action_id(&p, "Accès aux droits en ligne"),
        action_id(&p, "Distribution de Pass"),
        action_id(&p, "Accompagnement des allocataires"),
    ];
    expected_actions.sort_unstable();
    let mut got = cell.action_ids.clone();
    got.sort_unstable();
    assert_eq!(got, expected_actions);
    // Ten indicators measure objective 1.2.
    assert_eq!(cell.indicator_ids.len(), 10);
    // Granted: permanences 3 × 18 000 + 3 × 12 000, France Services 50 000 + 50 000 + 25 000
    // + 12 500 + 15 000, Pass numérique 3 × 16 000, CAF 0 → 290 500 €.
    assert_eq!(cell.granted_cents, 29_050_000);

    // An unlinked cell has no indicator; « Transition écologique » has no objective at all.
    let eco = m
        .themes
        .iter()
        .position(|t| t.name == "Transition écologique")
        .unwrap();
    assert!(m.rows.iter().all(|r| !r.cells[eco].linked
        && r.cells[eco].indicator_ids.is_empty()
        && r.cells[eco].action_ids.is_empty()));
    for (t, n) in m.themes.iter().zip(&m.objectives_per_theme) {
        let zero = [
            "Transition écologique",
            "Sécurité et tranquillité",
            "Lutte contre les discriminations",
        ]
        .contains(&t.name.as_str());
        assert_eq!(*n == 0, zero, "{}: {n}", t.name);
    }
    let acces = m
        .themes
        .iter()
        .position(|t| t.name == "Accès aux droits")
        .unwrap();
    // 1, 1.1, 1.2, 2.2, 3, 3.1.
    assert_eq!(m.objectives_per_theme[acces], 6);
}

#[test]
fn alerts_on_the_demo() {
    let (_dir, _s, p) = demo();
    let alerts = alerts(&p, &scope());
    let has = |kind: AlertKind, subject: Id| {
        alerts
            .iter()
            .any(|a| a.kind == kind && a.subject_id == Some(subject))
    };
    let eco = theme_id(&p, "Transition écologique");
    assert!(has(AlertKind::ThemeWithoutObjective, eco));
    let a = alerts
        .iter()
        .find(|a| a.subject_id == Some(eco) && a.kind == AlertKind::ThemeWithoutObjective)
        .unwrap();
    assert!(
        a.message.contains("« Transition écologique »"),
        "{}",
        a.message
    );
    assert_eq!(
        alerts
            .iter()
            .filter(|a| a.kind == AlertKind::ThemeWithoutObjective)
            .count(),
        3
    );

    let o4 = objective_id(&p, "4");
    assert!(has(AlertKind::ObjectiveWithoutIndicator, o4));
    // 1 has indicators through its sub-objectives.
    assert!(!has(
        AlertKind::ObjectiveWithoutIndicator,
        objective_id(&p, "1")
    ));

    let redirect = indicator(&p, "Orientations vers les structures partenaires").id;
    assert!(has(AlertKind::IndicatorWithoutTarget, redirect));
    let with_target = indicator(&p, "Personnes uniques accompagnées").id;
    assert!(!has(AlertKind::IndicatorWithoutTarget, with_target));

    let overdue: Vec<_> = alerts
        .iter()
        .filter(|a| a.kind == AlertKind::DecisionOverdue)
        .collect();
    assert!(!overdue.is_empty());
    // Every overdue decision is open and past due on 28/11/2026, and all such are listed.
    let expected: Vec<_> = p
        .decisions
        .iter()
        .filter(|d| d.status.is_open() && d.due_date.unwrap() < date(2026, 11, 28))
        .map(|d| d.id)
        .collect();
    assert_eq!(overdue.len(), expected.len());
    assert!(overdue
        .iter()
        .all(|a| expected.contains(&a.subject_id.unwrap())));
    let relog = p
        .decisions
        .iter()
        .find(|d| d.text.starts_with("Trouver un local"))
        .unwrap();
    assert!(has(AlertKind::DecisionOverdue, relog.id));
    let seminar = p
        .decisions
        .iter()
        .find(|d| d.text.starts_with("Organiser le séminaire"))
        .unwrap();
    assert!(!has(AlertKind::DecisionOverdue, seminar.id));

    let crf: Vec<_> = alerts
        .iter()
        .filter(|a| a.kind == AlertKind::CrfOverdue)
        .collect();
    assert!(!crf.is_empty());
    // The training action's 2025 lines have no compte-rendu financier (due 30 June 2026).
    let formation = action_id(&p, "Formation des travailleurs sociaux");
    let line = p
        .fundings
        .iter()
        .find(|f| f.action_id == formation && f.year == 2025 && f.financeur == Financeur::Bop147)
        .unwrap();
    assert!(has(AlertKind::CrfOverdue, line.id));
    let msg = &crf
        .iter()
        .find(|a| a.subject_id == Some(line.id))
        .unwrap()
        .message;
    assert!(msg.contains("dû le 30 juin 2026"), "{msg}");
    // Lines of 2026 are not due yet; received ones never alert.
    for a in &crf {
        let f = p
            .fundings
            .iter()
            .find(|f| Some(f.id) == a.subject_id)
            .unwrap();
        assert!(f.year < 2026 && f.crf_received_on.is_none() && f.granted_cents > 0);
    }
    // Errors come first.
    let first_warning = alerts
        .iter()
        .position(|a| a.severity == Severity::Warning)
        .unwrap_or(alerts.len());
    assert!(alerts[first_warning..]
        .iter()
        .all(|a| a.severity == Severity::Warning));
}

#[test]
fn cumulative_and_snapshot_indicators_on_the_demo() {
    let (_dir, _s, p) = demo();
    let s = scope();
    // Persons: only QPV values, summed by year then over the years.
    // 2024: 300 + 240 + 280 + 220 + 190 = 1 230; 2025: 340 + 260 + 300 + 250 + 210 = 1 360;
    // 2026: 280 + 230 + 250 + 210 + 170 = 1 140 → 3 730. Targets 1 200 + 1 400 + 1 600 = 4 200.
    let persons = indicator_figures(&p, indicator(&p, "Personnes uniques accompagnées"), &s);
    assert_eq!(persons.kind, IndicatorKind::Cumulative);
    let year = |y: i32| persons.years.iter().find(|f| f.year == y).unwrap().clone();
    assert_eq!(year(2024).actual, Some(1230.0));
    assert_eq!(year(2025).actual, Some(1360.0));
    assert_eq!(year(2026).actual, Some(1140.0));
    assert_eq!(year(2026).gap, Some(1140.0 - 1600.0));
    assert_eq!(year(2027).actual, None);
    assert_eq!(persons.actual, Some(3730.0));
    assert_eq!(persons.target, Some(4200.0));
    assert_eq!(persons.gap, Some(-470.0));
    assert_eq!(persons.last_value_year, Some(2026));
    assert_eq!(persons.years.len(), 7);
    assert_eq!(persons.by_district.len(), 5);
    let bellevue = persons
        .by_district
        .iter()
        .find(|d| d.code == "QN06205F")
        .unwrap();
    assert_eq!(bellevue.actual, Some(190.0 + 210.0 + 170.0));
    let by_qpv_total: f64 = persons.by_district.iter().filter_map(|d| d.actual).sum();
    assert_eq!(by_qpv_total, 3730.0);

    // Scope year 2025 stops the sum there.
    let s2025 = Scope { year: 2025, ..s };
    let persons_2025 =
        indicator_figures(&p, indicator(&p, "Personnes uniques accompagnées"), &s2025);
    assert_eq!(persons_2025.actual, Some(2590.0));
    assert_eq!(persons_2025.target, Some(2600.0));

    // A snapshot percent takes the latest value (57,1 % in 2025), never a sum.
    let share_of = |scope: &Scope| {
        indicator_figures(
            &p,
            indicator(&p, "Part des personnes accompagnées résidant en QPV"),
            scope,
        )
    };
    let share = share_of(&s2025);
    assert_eq!(share.kind, IndicatorKind::Snapshot);
    assert_eq!(share.actual, Some(57.1));
    assert_eq!(share.last_value_year, Some(2025));
    // In 2026 it is the porteurs' shares weighted by their bases (72 % of 420, 58 % of 170 and
    // 64 % of 130 people: 67,25 %), never a sum nor their plain average (64,7 %).
    let share = share_of(&s);
    assert_eq!(share.actual, Some(67.25));
    assert_eq!(share.last_value_year, Some(2026));
    assert_eq!(share.target, Some(60.0));
    assert!((share.gap.unwrap() - (67.25 - 60.0)).abs() < 1e-9);

    // A snapshot accompaniments count vs persons: units stay apart.
    let accomp = indicator_figures(&p, indicator(&p, "Accompagnements réalisés"), &s);
    assert_eq!(accomp.unit, Unit::Accompaniments);
    assert_eq!(accomp.actual, Some(3150.0 + 3480.0 + 2960.0));

    // The IFN by QPV is a snapshot recorded only by QPV: no territory value.
    let ifn = indicator_figures(
        &p,
        indicator(&p, "Indice de fragilité numérique des QPV"),
        &s,
    );
    assert_eq!(ifn.actual, None);
    assert_eq!(ifn.status, IndicatorStatus::NoValue);
    let ifn_values: Vec<_> = ifn.by_district.iter().map(|d| d.actual).collect();
    assert_eq!(
        ifn_values,
        [Some(7.6), Some(7.0), Some(6.8), Some(7.3), Some(6.4)]
    );

    // Lower is better: 33,5 % against a target of 32 % is within 10 %.
    let nm = indicator_figures(
        &p,
        indicator(
            &p,
            "Habitants des QPV ayant un sentiment de non-maîtrise du numérique",
        ),
        &s,
    );
    assert_eq!(nm.actual, Some(33.5));
    assert_eq!(nm.status, IndicatorStatus::OnTrack);
    assert_eq!(nm.trend, Trend::Improving);

    assert_eq!(all_indicator_figures(&p, &s).len(), p.indicators.len());
}

#[test]
fn funding_totals_on_the_demo() {
    let (_dir, _s, p) = demo();
    let t = funding_by_financeur_year(&p, &scope());
    assert_eq!(t.years, [2024, 2025, 2026, 2027]);
    // Every cell equals the sum of its lines.
    for row in &t.rows {
        assert_eq!(row.per_year.len(), t.years.len());
        for (i, y) in t.years.iter().enumerate() {
            let expected = Amounts::of(
                p.fundings
                    .iter()
                    .filter(|f| f.financeur == row.financeur && f.year == *y),
            );
            assert_eq!(row.per_year[i], expected, "{:?} {y}", row.financeur);
        }
    }
    assert_eq!(t.total, Amounts::of(&p.fundings));
    // Rows in the official order, only financeurs with lines.
    let order: Vec<_> = t.rows.iter().map(|r| r.financeur).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|f| Financeur::ALL.iter().position(|x| x == f));
    assert_eq!(order, sorted);
    assert!(!order.contains(&Financeur::FsePlus));
    // BOP 147 by hand: permanences 3 × 18 000, ateliers 6 500 + 7 000 + 8 000,
    // Fabrique 12 000, formation 9 000 → 96 500 € granted.
    let bop = t
        .rows
        .iter()
        .find(|r| r.financeur == Financeur::Bop147)
        .unwrap();
    assert_eq!(bop.total.granted_cents, 9_650_000);
    // Sollicité: 108 500 € attribués or refused, and the 2027 requests (21 000 + 9 000 €) the
    // COPIL of December 2026 examines.
    assert_eq!(bop.total.requested_cents, 13_850_000);

    // Key figures agree with the table.
    let k = key_figures(&p, &scope());
    assert_eq!(k.granted_cents, t.total.granted_cents);
    assert_eq!(k.paid_cents, t.total.paid_cents);
    assert_eq!(k.granted_year_cents, t.year_totals[2].granted_cents);
    assert_eq!(k.themes, 11);
    assert_eq!(k.themes_covered, 8);
    assert_eq!(k.districts, 5);

    // By objective: the root counts its sub-objectives' actions.
    let by_obj = funding_by_objective(&p, &scope());
    let o1 = by_obj
        .iter()
        .find(|s| s.id == Some(objective_id(&p, "1")))
        .unwrap();
    let o12 = by_obj
        .iter()
        .find(|s| s.id == Some(objective_id(&p, "1.2")))
        .unwrap();
    assert!(o1.amounts.granted_cents >= o12.amounts.granted_cents);
    let o4 = by_obj
        .iter()
        .find(|s| s.id == Some(objective_id(&p, "4")))
        .unwrap();
    assert_eq!((o4.actions, o4.amounts), (0, Amounts::default()));
}

#[test]
fn qpv_scope_filters() {
    let (_dir, _s, p) = demo();
    let bellevue = p
        .districts
        .iter()
        .find(|d| d.code == "QN06205F")
        .unwrap()
        .id;
    let s = Scope {
        district_id: Some(bellevue),
        ..scope()
    };
    // Actions in Cité Bellevue: the Fabrique numérique and the diagnostic (all QPVs).
    // Granted: Région 35 000 + Banque des Territoires 20 000 + BOP 147 12 000 + Région 0,
    // EPCI 14 000 + Banque des Territoires 10 000 → 91 000 €.
    let t = funding_by_financeur_year(&p, &s);
    assert_eq!(t.total.granted_cents, 9_100_000);
    let by_district = funding_by_district(&p, &s);
    assert_eq!(by_district.len(), 1);
    assert_eq!(by_district[0].id, Some(bellevue));
    assert_eq!(by_district[0].actions, 2);
    assert_eq!(by_district[0].amounts.granted_cents, 9_100_000);

    let m = transversality_matrix(&p, &s);
    let fabrique = action_id(&p, "Fabrique numérique");
    let diag = action_id(&p, "Diagnostic de fragilité");
    for row in &m.rows {
        for cell in &row.cells {
            assert!(cell.action_ids.iter().all(|a| *a == fabrique || *a == diag));
        }
    }
    let persons = indicator_figures(&p, indicator(&p, "Personnes uniques accompagnées"), &s);
    assert_eq!(persons.actual, Some(570.0));
    assert_eq!(persons.by_district.len(), 1);
    let k = key_figures(&p, &s);
    assert_eq!((k.districts, k.actions), (1, 2));

    // The whole territory: the QPV shares add up with the « sans quartier » line to at least
    // the total (an action in several QPVs counts in each).
    let all = funding_by_district(&p, &scope());
    assert_eq!(all.len(), 6);
    let sum: i64 = all.iter().map(|s| s.amounts.granted_cents).sum();
    assert!(sum >= funding_by_financeur_year(&p, &scope()).total.granted_cents);
}

// ---------------------------------------------------------------- hand-built contracts

fn small() -> (TempDir, Store, Id, Id) {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::create(
        &dir.path().join("petit.copil"),
        &Contract::new("Petit contrat", "Petite agglo"),
    )
    .unwrap();
    let mut ids = Vec::new();
    for code in ["QN06201M", "QN06202A"] {
        ids.push(
            s.save_district(&District {
                id: 0,
                code: code.into(),
                name: code.into(),
                communes: vec!["62498".into()],
                population: None,
                ifn: None,
            })
            .unwrap()
            .id,
        );
    }
    (dir, s, ids[0], ids[1])
}

fn new_indicator(s: &mut Store, name: &str, unit: Unit, kind: IndicatorKind) -> Id {
    s.save_indicator(&Indicator {
        id: 0,
        name: name.into(),
        unit,
        direction: Direction::HigherIsBetter,
        kind,
        baseline_value: None,
        baseline_date: None,
        source: String::new(),
        by_district: true,
        targets: vec![],
        objective_ids: vec![],
    })
    .unwrap()
    .id
}

fn record(s: &mut Store, ind: Id, year: i32, district: Option<Id>, value: f64) {
    s.save_measurement(&Measurement {
        id: 0,
        indicator_id: ind,
        year,
        date: None,
        district_id: district,
        action_id: None,
        value,
        base: None,
        source: String::new(),
        comment: String::new(),
        received_on: None,
    })
    .unwrap();
}

#[test]
fn a_year_in_progress_is_judged_against_the_part_of_its_target_due_so_far() {
    let (_dir, _store, p) = demo();
    let persons = indicator(&p, "Personnes uniques accompagnées");
    // 2024–2025 targets 2 600, 2026 target 1 600; 3 730 persons so far.
    let on = |today: NaiveDate| {
        indicator_figures(
            &p,
            persons,
            &Scope {
                year: 2026,
                today,
                district_id: None,
            },
        )
    };

    // 28 November: 332 of 365 days gone, 4 055,3 due; 3 730 is within 10 % of it.
    let november = on(date(2026, 11, 28));
    assert_eq!(november.target, Some(4200.0));
    let due = november.target_to_date.unwrap();
    assert!(
        (due - (2600.0 + 1600.0 * 332.0 / 365.0)).abs() < 1e-6,
        "{due}"
    );
    assert_eq!(november.status, IndicatorStatus::OnTrack);
    assert_eq!(
        november.gap,
        Some(-470.0),
        "the gap stays against the whole target"
    );

    // Once 2026 is over, the whole target is due: 3 730 is 11 % short of 4 200.
    let after = on(date(2027, 1, 15));
    assert_eq!(after.target_to_date, None);
    assert_eq!(after.status, IndicatorStatus::Late);

    // A snapshot (a share) is never prorated.
    let share = indicator_figures(
        &p,
        indicator(&p, "Part des personnes accompagnées résidant en QPV"),
        &scope(),
    );
    assert_eq!(share.target_to_date, None);
}

#[test]
fn a_year_in_progress_cannot_reach_a_lower_is_better_total() {
    let (_dir, mut s, _, _) = small();
    let id = new_indicator(&mut s, "Abandons", Unit::Persons, IndicatorKind::Cumulative);
    let mut ind = Pillar::load(&s).unwrap().indicators[0].clone();
    assert_eq!(ind.id, id);
    ind.direction = Direction::LowerIsBetter;
    ind.by_district = false;
    ind.targets = vec![Target {
        year: 2026,
        value: 100.0,
    }];
    s.save_indicator(&ind).unwrap();
    record(&mut s, id, 2026, None, 10.0);
    let p = Pillar::load(&s).unwrap();
    let at = |today: NaiveDate| {
        let scope = Scope {
            year: 2026,
            today,
            district_id: None,
        };
        indicator_figures(&p, &p.indicators[0], &scope).status
    };
    assert_eq!(at(date(2026, 3, 1)), IndicatorStatus::OnTrack);
    assert_eq!(at(date(2027, 1, 2)), IndicatorStatus::Reached);
}

#[test]
fn cumulative_with_territory_and_district_values_uses_the_territory_value() {
    let (_dir, mut s, d1, d2) = small();
    let ind = new_indicator(
        &mut s,
        "Personnes",
        Unit::Persons,
        IndicatorKind::Cumulative,
    );
    // 2024: territory 500 (the QPVs hold 200 + 150 of them); 2025: only QPVs, 120 + 80.
    record(&mut s, ind, 2024, None, 500.0);
    record(&mut s, ind, 2024, Some(d1), 200.0);
    record(&mut s, ind, 2024, Some(d2), 150.0);
    record(&mut s, ind, 2025, Some(d1), 120.0);
    record(&mut s, ind, 2025, Some(d2), 80.0);
    let p = Pillar::load(&s).unwrap();
    let f = indicator_figures(&p, &p.indicators[0], &scope());
    assert_eq!(f.years[0].actual, Some(500.0));
    assert_eq!(f.years[1].actual, Some(200.0));
    assert_eq!(f.actual, Some(700.0));
    assert_eq!(f.status, IndicatorStatus::NoTarget);
    let d1_value = f.by_district.iter().find(|d| d.district_id == d1).unwrap();
    assert_eq!(d1_value.actual, Some(320.0));
    // Scoped to one QPV: only its values.
    let f = indicator_figures(
        &p,
        &p.indicators[0],
        &Scope {
            district_id: Some(d2),
            ..scope()
        },
    );
    assert_eq!(f.actual, Some(230.0));
}

#[test]
fn snapshot_with_only_district_values_has_no_territory_value() {
    let (_dir, mut s, d1, d2) = small();
    let ind = new_indicator(&mut s, "Taux", Unit::Percent, IndicatorKind::Snapshot);
    record(&mut s, ind, 2024, Some(d1), 40.0);
    record(&mut s, ind, 2025, Some(d1), 45.0);
    record(&mut s, ind, 2025, Some(d2), 60.0);
    let p = Pillar::load(&s).unwrap();
    let f = indicator_figures(&p, &p.indicators[0], &scope());
    assert!(f.years.iter().all(|y| y.actual.is_none()));
    assert_eq!(f.actual, None);
    assert_eq!(f.last_value_year, None);
    let values: Vec<_> = f
        .by_district
        .iter()
        .map(|d| (d.district_id, d.actual))
        .collect();
    assert_eq!(values, [(d1, Some(45.0)), (d2, Some(60.0))]);

    // Then a territory value: the latest one stands, even if an older year is higher.
    record(&mut s, ind, 2024, None, 70.0);
    record(&mut s, ind, 2026, None, 50.0);
    let p = Pillar::load(&s).unwrap();
    let f = indicator_figures(&p, &p.indicators[0], &scope());
    assert_eq!(f.actual, Some(50.0));
    assert_eq!(f.trend, Trend::Worsening);
}

#[test]
fn empty_contract_has_every_dilution_alert() {
    let (_dir, s, _, _) = small();
    let p = Pillar::load(&s).unwrap();
    let a = alerts(&p, &scope());
    assert_eq!(a.len(), 11);
    assert!(a.iter().all(|a| a.kind == AlertKind::ThemeWithoutObjective));
    let m = transversality_matrix(&p, &scope());
    assert!(m.rows.is_empty());
    assert_eq!(m.objectives_per_theme, vec![0; 11]);
    let t = funding_by_financeur_year(&p, &scope());
    assert!(t.years.is_empty() && t.rows.is_empty());
    assert_eq!(t.total, Amounts::default());
}

// ---------------------------------------------------------------- property test

fn empty_pillar(fundings: Vec<Funding>) -> Pillar {
    Pillar {
        contract: Contract::new("Contrat", "EPCI"),
        districts: vec![],
        themes: vec![],
        objectives: vec![],
        indicators: vec![],
        measurements: vec![],
        actors: vec![],
        actions: vec![],
        fundings,
        meetings: vec![],
        decisions: vec![],
        rounds: vec![],
        sittings: vec![],
        field: Default::default(),
        places: vec![],
        outlines: vec![],
    }
}

fn funding_line() -> impl Strategy<Value = Funding> {
    (
        0..Financeur::ALL.len(),
        2024i32..=2030,
        prop::option::weighted(0.8, 0i64..10_000_000_000),
        0i64..10_000_000_000,
        0i64..10_000_000_000,
        1i64..5,
    )
        .prop_map(|(f, year, requested, granted, paid, action_id)| Funding {
            id: 0,
            action_id,
            financeur: Financeur::ALL[f],
            year,
            requested_cents: requested,
            granted_cents: granted,
            paid_cents: paid.min(granted),
            scheme: FundingScheme::CallForProjects,
            cpo_start_year: None,
            crf_received_on: None,
            comment: String::new(),
        })
}

proptest! {
    #[test]
    fn funding_grand_total_is_the_sum_of_rows_and_of_years(lines in prop::collection::vec(funding_line(), 0..40)) {
        let p = empty_pillar(lines.clone());
        let t = funding_by_financeur_year(&p, &scope());
        let of_lines = Amounts::of(&lines);
        prop_assert_eq!(t.total, of_lines);
        let mut rows = Amounts::default();
        for r in &t.rows {
            prop_assert_eq!(r.per_year.len(), t.years.len());
            let mut per_year = Amounts::default();
            for a in &r.per_year {
                per_year.requested_cents += a.requested_cents;
                per_year.requested_missing += a.requested_missing;
                per_year.granted_cents += a.granted_cents;
                per_year.paid_cents += a.paid_cents;
            }
            prop_assert_eq!(per_year, r.total);
            rows.requested_cents += r.total.requested_cents;
            rows.requested_missing += r.total.requested_missing;
            rows.granted_cents += r.total.granted_cents;
            rows.paid_cents += r.total.paid_cents;
        }
        prop_assert_eq!(rows, t.total);
        let mut years = Amounts::default();
        for (i, y) in t.year_totals.iter().enumerate() {
            prop_assert_eq!(*y, Amounts::of(lines.iter().filter(|f| f.year == t.years[i])));
            years.requested_cents += y.requested_cents;
            years.requested_missing += y.requested_missing;
            years.granted_cents += y.granted_cents;
            years.paid_cents += y.paid_cents;
        }
        prop_assert_eq!(years, t.total);
        // Years are sorted, distinct, and exactly those with lines.
        let mut expected_years: Vec<i32> = lines.iter().map(|f| f.year).collect();
        expected_years.sort_unstable();
        expected_years.dedup();
        prop_assert_eq!(&t.years, &expected_years);
        prop_assert_eq!(t.rows.len(), {
            let mut f: Vec<_> = lines.iter().map(|f| f.financeur).collect();
            f.sort();
            f.dedup();
            f.len()
        });
    }
}

#[test]
fn one_indicator_by_id_and_a_narrowed_scope() {
    let (_dir, _s, p) = demo();
    let narrowed = Scope::today(date(2026, 11, 28)).narrowed(Some(2025), Some(7));
    assert_eq!(
        narrowed,
        Scope {
            year: 2025,
            today: date(2026, 11, 28),
            district_id: Some(7),
        }
    );
    assert_eq!(
        Scope::today(date(2026, 11, 28)).narrowed(None, None),
        scope()
    );
    let first = &p.indicators[0];
    assert_eq!(
        indicator_figures_by_id(&p, first.id, &scope()).unwrap(),
        indicator_figures(&p, first, &scope())
    );
    let err = indicator_figures_by_id(&p, 99_999, &scope()).unwrap_err();
    assert_eq!(err.code(), copil_core::ErrorCode::Missing);
    assert_eq!(err.to_string(), "Indicateur n° 99999 introuvable.");
}
