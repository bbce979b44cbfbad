//! Les bilans des porteurs, through the real contract file: contributions of several actions
//! kept side by side and consolidated by one rule, the collection round and its states, and
//! what the dashboard, the alerts and the report say about them.

use chrono::NaiveDate;
use copil_core::domain::*;
use copil_core::figures::*;
use copil_core::format::normalize_spaces;
use copil_core::report::{build_report, Block, ReportOptions, Section};
use copil_core::{CoreError, Store};
use tempfile::TempDir;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// A small contract: two QPVs, three porteurs with one action each, four indicators.
struct Contract3 {
    _dir: TempDir,
    s: Store,
    qpv: [Id; 2],
    /// Ateliers collectifs (séances, cumulative, territory).
    workshops: Id,
    /// Part des participants autonomes (%, snapshot).
    autonomy: Id,
    /// Personnes accompagnées (personnes, cumulative, by QPV).
    persons: Id,
    /// Indice de fragilité numérique (score).
    ifn: Id,
    /// Actions of Association Alpha, Centre social Beta, Médiathèque Gamma.
    actions: [Id; 3],
}

fn indicator(
    s: &mut Store,
    name: &str,
    unit: Unit,
    kind: IndicatorKind,
    by_district: bool,
    objective: Id,
) -> Id {
    s.save_indicator(&Indicator {
        id: 0,
        name: name.into(),
        unit,
        direction: Direction::HigherIsBetter,
        kind,
        baseline_value: None,
        baseline_date: None,
        source: "Bilans des porteurs".into(),
        by_district,
        targets: vec![Target {
            year: 2026,
            value: match unit {
                Unit::Percent => 60.0,
                Unit::Score => 6.0,
                _ => 100.0,
            },
        }],
        objective_ids: vec![objective],
    })
    .unwrap()
    .id
}

fn contract() -> Contract3 {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::create(
        &dir.path().join("bilans.copil"),
        &Contract::new(
            "Contrat de ville de Bilanville 2024–2030",
            "CA de Bilanville",
        ),
    )
    .unwrap();
    let mut qpv = [0; 2];
    for (i, code) in ["QN06201M", "QN06202A"].iter().enumerate() {
        qpv[i] = s
            .save_district(&District {
                id: 0,
                code: (*code).into(),
                name: format!("Quartier {}", i + 1),
                communes: vec!["62498".into()],
                population: None,
                ifn: None,
            })
            .unwrap()
            .id;
    }
    let objective = s
        .save_objective(&Objective {
            id: 0,
            parent_id: None,
            code: "1".into(),
            title: "Accompagner les habitants".into(),
            description: String::new(),
            theme_ids: vec![],
        })
        .unwrap()
        .id;
    let workshops = indicator(
        &mut s,
        "Ateliers collectifs organisés",
        Unit::Sessions,
        IndicatorKind::Cumulative,
        false,
        objective,
    );
    let autonomy = indicator(
        &mut s,
        "Part des participants devenus autonomes",
        Unit::Percent,
        IndicatorKind::Snapshot,
        false,
        objective,
    );
    let persons = indicator(
        &mut s,
        "Personnes accompagnées",
        Unit::Persons,
        IndicatorKind::Cumulative,
        true,
        objective,
    );
    let ifn = indicator(
        &mut s,
        "Indice de fragilité numérique",
        Unit::Score,
        IndicatorKind::Snapshot,
        false,
        objective,
    );
    let mut actions = [0; 3];
    for (i, (porteur, title)) in [
        ("Association Alpha", "Ateliers numériques du mardi"),
        ("Centre social Beta", "Permanences de médiation"),
        ("Médiathèque Gamma", "Café numérique"),
    ]
    .iter()
    .enumerate()
    {
        let actor = s
            .save_actor(&Actor {
                id: 0,
                name: (*porteur).into(),
                kind: ActorKind::Association,
                siret: None,
                labels: vec![],
                district_ids: vec![],
                contact: String::new(),
            })
            .unwrap()
            .id;
        actions[i] = s
            .save_action(&Action {
                id: 0,
                title: (*title).into(),
                description: String::new(),
                porteur_id: Some(actor),
                status: ActionStatus::Running,
                start_date: Some(date(2025, 1, 6)),
                end_date: Some(date(2027, 12, 31)),
                audience: String::new(),
                weather: None,
                weather_comment: String::new(),
                district_ids: vec![qpv[i % 2]],
                objective_ids: vec![objective],
                theme_ids: vec![],
                reported_indicator_ids: if i < 2 {
                    vec![workshops, autonomy, persons]
                } else {
                    vec![workshops]
                },
            })
            .unwrap()
            .id;
    }
    Contract3 {
        _dir: dir,
        s,
        qpv,
        workshops,
        autonomy,
        persons,
        ifn,
        actions,
    }
}

fn value(indicator: Id, year: i32, action: Option<Id>, v: f64) -> Measurement {
    Measurement {
        id: 0,
        indicator_id: indicator,
        year,
        date: None,
        district_id: None,
        action_id: action,
        value: v,
        base: None,
        source: String::new(),
        comment: String::new(),
        received_on: None,
    }
}

fn scope() -> Scope {
    Scope {
        year: 2026,
        today: date(2026, 11, 28),
        district_id: None,
    }
}

fn figures_of(s: &Store, id: Id) -> IndicatorFigures {
    let p = Pillar::load(s).unwrap();
    let ind = p.indicators.iter().find(|i| i.id == id).unwrap().clone();
    indicator_figures(&p, &ind, &scope())
}

fn year_of(f: &IndicatorFigures, year: i32) -> YearFigure {
    f.years.iter().find(|y| y.year == year).unwrap().clone()
}

#[test]
fn two_porteurs_contributions_add_up_and_replacing_one_bilan_changes_only_its_part() {
    let mut c = contract();
    let [a, b, _] = c.actions;
    // Association Alpha: 40 workshops; Centre social Beta: 25. Neither replaces the other.
    c.s.save_measurement(&value(c.workshops, 2026, Some(a), 40.0))
        .unwrap();
    c.s.save_measurement(&value(c.workshops, 2026, Some(b), 25.0))
        .unwrap();
    assert_eq!(c.s.measurements(c.workshops).unwrap().len(), 2);
    let f = figures_of(&c.s, c.workshops);
    let y = year_of(&f, 2026);
    assert_eq!(y.actual, Some(65.0));
    assert_eq!(y.origin, Some(ValueOrigin::Contributions));
    assert_eq!(y.contributors, 2);
    assert_eq!(f.actual, Some(65.0));

    // Saving Alpha's value again replaces Alpha's only.
    c.s.save_measurement(&value(c.workshops, 2026, Some(a), 42.0))
        .unwrap();
    assert_eq!(c.s.measurements(c.workshops).unwrap().len(), 2);
    assert_eq!(figures_of(&c.s, c.workshops).actual, Some(67.0));

    // Beta's bilan replaced as a whole: its workshops change, Alpha's stay.
    let replaced =
        c.s.replace_bilan(b, 2026, &[value(c.workshops, 2026, Some(b), 30.0)])
            .unwrap();
    assert_eq!(
        replaced,
        copil_core::store::BilanReplaced {
            created: 0,
            updated: 1,
            deleted: 0,
            unchanged: 0
        }
    );
    assert_eq!(figures_of(&c.s, c.workshops).actual, Some(72.0));
    // The same bilan again changes nothing (idempotent), and writes no audit line.
    let audit_before = c.s.audit_log(1000).unwrap().len();
    let again =
        c.s.replace_bilan(b, 2026, &[value(c.workshops, 2026, Some(b), 30.0)])
            .unwrap();
    assert_eq!(again.unchanged, 1);
    assert_eq!(again.created + again.updated + again.deleted, 0);
    assert_eq!(c.s.audit_log(1000).unwrap().len(), audit_before + 1);
    // A bilan that no longer holds a value removes it, and only Beta's.
    let emptied = c.s.replace_bilan(b, 2026, &[]).unwrap();
    assert_eq!(emptied.deleted, 1);
    assert_eq!(figures_of(&c.s, c.workshops).actual, Some(42.0));
    let p = Pillar::load(&c.s).unwrap();
    assert_eq!(
        p.measurements
            .iter()
            .filter(|m| m.indicator_id == c.workshops)
            .map(|m| (m.action_id, m.value))
            .collect::<Vec<_>>(),
        [(Some(a), 42.0)]
    );

    // A bilan holding another action's value is refused whole; nothing changes.
    let err =
        c.s.replace_bilan(
            b,
            2026,
            &[
                value(c.workshops, 2026, Some(b), 10.0),
                value(c.workshops, 2026, Some(a), 99.0),
            ],
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::Invalid { .. }), "{err:?}");
    assert!(
        err.to_string().contains("n'appartient pas au bilan 2026"),
        "{err}"
    );
    assert_eq!(figures_of(&c.s, c.workshops).actual, Some(42.0));
}

#[test]
fn contributions_by_qpv_add_up_to_the_territory_and_stay_by_qpv() {
    let mut c = contract();
    let [a, b, _] = c.actions;
    let mut va = value(c.persons, 2026, Some(a), 120.0);
    va.district_id = Some(c.qpv[0]);
    let mut vb = value(c.persons, 2026, Some(b), 80.0);
    vb.district_id = Some(c.qpv[1]);
    let mut vb_territory = value(c.persons, 2026, Some(b), 15.0);
    vb_territory.district_id = None;
    for v in [&va, &vb, &vb_territory] {
        c.s.save_measurement(v).unwrap();
    }
    let f = figures_of(&c.s, c.persons);
    assert_eq!(f.actual, Some(215.0));
    let by_qpv: Vec<_> = f.by_district.iter().map(|d| d.actual).collect();
    assert_eq!(by_qpv, [Some(120.0), Some(80.0)]);
    // Persons from two actions: the caveat is said once.
    assert_eq!(f.caveat.as_deref(), Some(PERSONS_COUNTED_TWICE));
    // Scoped to one QPV: only its contributions.
    let p = Pillar::load(&c.s).unwrap();
    let ind = p.indicators.iter().find(|i| i.id == c.persons).unwrap();
    let one = indicator_figures(
        &p,
        ind,
        &Scope {
            district_id: Some(c.qpv[1]),
            ..scope()
        },
    );
    assert_eq!(one.actual, Some(80.0));
    let detail = value_detail(&p, c.persons, 2026, None).unwrap();
    assert_eq!(detail.value.value, Some(215.0));
    assert_eq!(detail.contributions.len(), 3);
    assert_eq!(detail.contributions[0].porteur, "Association Alpha");
    assert!(detail.caveat.is_some());
}

#[test]
fn a_percentage_is_weighted_by_its_bases_and_is_not_computable_without_one() {
    let mut c = contract();
    let [a, b, _] = c.actions;
    let mut va = value(c.autonomy, 2026, Some(a), 50.0);
    va.base = Some(100.0);
    let mut vb = value(c.autonomy, 2026, Some(b), 70.0);
    vb.base = Some(300.0);
    c.s.save_measurement(&va).unwrap();
    let saved = c.s.save_measurement(&vb).unwrap();
    assert!(saved.warnings.is_empty(), "{:?}", saved.warnings);
    let f = figures_of(&c.s, c.autonomy);
    assert_eq!(f.actual, Some(65.0), "Σ(%×base)/Σbase, not (50+70)/2");
    assert_eq!(f.base, Some(400.0));
    assert_eq!(
        normalize_spaces(&copil_core::format::consolidated(
            f.actual,
            f.base,
            false,
            Unit::Percent
        )),
        "65 % sur 400 personnes"
    );
    assert_eq!(f.status, IndicatorStatus::Reached);

    // Beta's percentage sent without its base: warned at save, « non calculable » after.
    vb.base = None;
    let saved = c.s.save_measurement(&vb).unwrap();
    assert_eq!(saved.warnings.len(), 1);
    assert_eq!(saved.warnings[0].field, "base");
    let f = figures_of(&c.s, c.autonomy);
    assert_eq!(f.actual, None);
    assert_eq!(f.status, IndicatorStatus::NotComputable);
    let reason = f.not_computable.clone().unwrap();
    assert!(
        reason.contains("2026")
            && reason.contains("« Permanences de médiation »")
            && reason.contains("n'a pas de base"),
        "{reason}"
    );
    let y = year_of(&f, 2026);
    assert_eq!(y.origin, Some(ValueOrigin::NotComputable));
    assert_eq!(y.actual, None);
    // The objective's météo says so rather than showing a plain average.
    let p = Pillar::load(&c.s).unwrap();
    let weather = objective_weather(&p, &scope());
    assert_eq!(weather[0].weather, Some(Weather::Amber));
    assert!(
        weather[0].reason.contains("1 indicateur non calculable"),
        "{}",
        weather[0].reason
    );

    // A base is a positive whole number, and only for a percentage.
    let mut bad = vb.clone();
    bad.base = Some(0.0);
    let err = c.s.save_measurement(&bad).unwrap_err();
    assert!(err.to_string().contains("base"), "{err}");
    let mut bad = value(c.workshops, 2026, Some(a), 3.0);
    bad.base = Some(10.0);
    let err = c.s.save_measurement(&bad).unwrap_err();
    assert!(
        err.to_string()
            .contains("ne s'applique qu'à un pourcentage"),
        "{err}"
    );
}

#[test]
fn a_territory_value_stands_and_is_never_added_to_the_contributions() {
    let mut c = contract();
    let [a, b, _] = c.actions;
    c.s.save_measurement(&value(c.workshops, 2026, Some(a), 40.0))
        .unwrap();
    c.s.save_measurement(&value(c.workshops, 2026, Some(b), 25.0))
        .unwrap();
    c.s.save_measurement(&value(c.workshops, 2026, None, 70.0))
        .unwrap();
    let f = figures_of(&c.s, c.workshops);
    let y = year_of(&f, 2026);
    assert_eq!(y.actual, Some(70.0), "never 70 + 65");
    assert_eq!(y.origin, Some(ValueOrigin::TerritoryOverContributions));
    assert_eq!(y.contributions, Some(65.0));
    assert_eq!(y.contributors, 2);
    assert_eq!(f.actual, Some(70.0));
    // The three values are kept: the territory's did not replace the porteurs'.
    assert_eq!(c.s.measurements(c.workshops).unwrap().len(), 3);
}

#[test]
fn a_score_is_territory_level_only() {
    let mut c = contract();
    let [a, ..] = c.actions;
    let err =
        c.s.save_measurement(&value(c.ifn, 2026, Some(a), 6.5))
            .unwrap_err();
    let CoreError::Invalid { issues, .. } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(issues[0].field, "action_id");
    assert!(err.to_string().contains("valeur du territoire"), "{err}");
    c.s.save_measurement(&value(c.ifn, 2026, None, 6.5))
        .unwrap();
    // An action cannot list a score among the indicators it reports on.
    let p = Pillar::load(&c.s).unwrap();
    let mut action = p.actions.iter().find(|x| x.id == a).unwrap().clone();
    action.reported_indicator_ids.push(c.ifn);
    let err = c.s.save_action(&action).unwrap_err();
    assert!(err.to_string().contains("score"), "{err}");
    // The proposal from the action's objectives leaves the score out.
    assert_eq!(
        proposed_reported_indicators(&p, &action),
        [c.workshops, c.autonomy, c.persons]
    );
}

#[test]
fn reported_indicators_are_kept_in_the_file() {
    let mut c = contract();
    let p = Pillar::load(&c.s).unwrap();
    let gamma = p.actions.iter().find(|a| a.id == c.actions[2]).unwrap();
    assert_eq!(gamma.reported_indicator_ids, [c.workshops]);
    let mut gamma = gamma.clone();
    gamma.reported_indicator_ids = vec![c.persons, c.workshops];
    c.s.save_action(&gamma).unwrap();
    let p = Pillar::load(&c.s).unwrap();
    let gamma = p.actions.iter().find(|a| a.id == c.actions[2]).unwrap();
    let mut expected = vec![c.workshops, c.persons];
    expected.sort_unstable();
    assert_eq!(gamma.reported_indicator_ids, expected);
    // Deleting an indicator takes it off the actions' lists.
    c.s.delete_indicator(c.persons).unwrap();
    let p = Pillar::load(&c.s).unwrap();
    let gamma = p.actions.iter().find(|a| a.id == c.actions[2]).unwrap();
    assert_eq!(gamma.reported_indicator_ids, [c.workshops]);
}

#[test]
fn deleting_an_action_with_contributions_is_refused_and_says_why() {
    let mut c = contract();
    let [a, _, g] = c.actions;
    c.s.save_measurement(&value(c.workshops, 2025, Some(a), 30.0))
        .unwrap();
    c.s.save_measurement(&value(c.workshops, 2026, Some(a), 40.0))
        .unwrap();
    let before = c.s.all_measurements().unwrap();
    let err = c.s.delete_action(a).unwrap_err();
    assert!(matches!(err, CoreError::InUse { .. }), "{err:?}");
    assert_eq!(err.code(), copil_core::ErrorCode::InUse);
    let text = err.to_string();
    assert!(
        text.contains(
            "« Ateliers numériques du mardi » a 2 valeurs renseignées dans ses bilans (2025, 2026)"
        ) && text.contains("« Abandonnée »"),
        "{text}"
    );
    assert_eq!(c.s.all_measurements().unwrap(), before);
    // Without contributions an action is deleted as before.
    c.s.delete_action(g).unwrap();
    // Once its values are deleted, the action can go.
    for m in before {
        c.s.delete_measurement(m.id).unwrap();
    }
    c.s.delete_action(a).unwrap();
}

#[test]
fn a_round_follows_each_bilan_before_and_after_its_due_date() {
    let mut c = contract();
    let [a, b, g] = c.actions;
    c.s.save_collection_round(&CollectionRound {
        id: 0,
        year: 2026,
        due_date: date(2027, 1, 31),
        comment: String::new(),
        receipts: vec![],
    })
    .unwrap();
    // A round per year: a second one for 2026 is refused.
    let err =
        c.s.save_collection_round(&CollectionRound {
            id: 0,
            year: 2026,
            due_date: date(2027, 2, 28),
            comment: String::new(),
            receipts: vec![],
        })
        .unwrap_err();
    assert!(err.to_string().contains("existe déjà pour 2026"), "{err}");

    // Alpha owes workshops, autonomy and persons in its QPV; Beta the same; Gamma workshops.
    let p = Pillar::load(&c.s).unwrap();
    let expected = expected_values(&p, 2026);
    assert_eq!(expected.len(), 7);
    let persons_row = expected
        .iter()
        .find(|v| v.action_id == a && v.indicator_id == c.persons)
        .unwrap();
    assert_eq!(persons_row.district_id, Some(c.qpv[0]));
    assert_eq!(persons_row.district_code, "QN06201M");

    // Alpha sends everything on 10 January; Beta only its workshops on 20 January.
    let day = |m: &mut Measurement, d: NaiveDate| {
        m.received_on = Some(d);
        m.clone()
    };
    let mut w = value(c.workshops, 2026, Some(a), 40.0);
    let mut au = value(c.autonomy, 2026, Some(a), 50.0);
    au.base = Some(100.0);
    let mut pe = value(c.persons, 2026, Some(a), 120.0);
    pe.district_id = Some(c.qpv[0]);
    c.s.replace_bilan(
        a,
        2026,
        &[
            day(&mut w, date(2027, 1, 8)),
            day(&mut au, date(2027, 1, 10)),
            day(&mut pe, date(2027, 1, 9)),
        ],
    )
    .unwrap();
    let mut wb = value(c.workshops, 2026, Some(b), 25.0);
    c.s.save_measurement(&day(&mut wb, date(2027, 1, 20)))
        .unwrap();

    let at = |s: &Store, today: NaiveDate| {
        let p = Pillar::load(s).unwrap();
        round_status(&p, 2026, today).unwrap()
    };
    let state_of = |status: &RoundStatus, id: Id| {
        status
            .bilans
            .iter()
            .find(|b| b.action_id == id)
            .unwrap()
            .clone()
    };

    // Before the due date: received, partial, expected.
    let before = at(&c.s, date(2027, 1, 25));
    assert_eq!(before.bilans.len(), 3);
    let alpha = state_of(&before, a);
    assert_eq!(alpha.state, BilanState::Received);
    assert_eq!(alpha.received_on, Some(date(2027, 1, 10)));
    assert!(alpha.on_time && !alpha.marked_received);
    let beta = state_of(&before, b);
    assert_eq!(beta.state, BilanState::Partial);
    assert_eq!((beta.values_received, beta.values_expected), (1, 3));
    assert_eq!(beta.received_on, None);
    assert_eq!(state_of(&before, g).state, BilanState::Expected);
    assert_eq!(
        before.rate.text,
        "Bilans 2026 reçus : 1 / 3 (dont 1 à temps)"
    );
    assert_eq!(
        (before.rate.partial, before.rate.late),
        (1, 0),
        "{:?}",
        before.rate
    );
    // By porteur: Alpha, Beta, Gamma.
    let porteurs: Vec<_> = before.bilans.iter().map(|b| b.porteur.as_str()).collect();
    assert_eq!(
        porteurs,
        [
            "Association Alpha",
            "Centre social Beta",
            "Médiathèque Gamma"
        ]
    );

    // After the due date: Beta and Gamma are late.
    let after = at(&c.s, date(2027, 2, 3));
    assert_eq!(state_of(&after, b).state, BilanState::Late);
    assert_eq!(state_of(&after, g).state, BilanState::Late);
    assert_eq!(after.rate.late, 2);
    assert_eq!(
        after.rate.text,
        "Bilans 2026 reçus : 1 / 3 (dont 1 à temps)"
    );

    // Gamma's bilan arrives late; Beta's is marked received by hand (sent on paper).
    let mut wg = value(c.workshops, 2026, Some(g), 12.0);
    c.s.save_measurement(&day(&mut wg, date(2027, 2, 10)))
        .unwrap();
    c.s.set_bilan_received(2026, b, Some(date(2027, 1, 30)))
        .unwrap();
    let later = at(&c.s, date(2027, 2, 15));
    let gamma = state_of(&later, g);
    assert_eq!(gamma.state, BilanState::Received);
    assert_eq!(gamma.received_on, Some(date(2027, 2, 10)));
    assert!(!gamma.on_time);
    let beta = state_of(&later, b);
    assert_eq!(beta.state, BilanState::Received);
    assert!(beta.marked_received && beta.on_time);
    assert_eq!(
        later.rate.text,
        "Bilans 2026 reçus : 3 / 3 (dont 2 à temps)"
    );
    // Taking the mark back judges Beta by its values again.
    c.s.set_bilan_received(2026, b, None).unwrap();
    assert_eq!(
        state_of(&at(&c.s, date(2027, 2, 15)), b).state,
        BilanState::Late
    );
    // The round is in the file.
    let rounds = c.s.collection_rounds().unwrap();
    assert_eq!(rounds.len(), 1);
    assert_eq!(rounds[0].due_date, date(2027, 1, 31));
    assert!(rounds[0].receipts.is_empty());
}

#[test]
fn a_contribution_saved_without_its_day_is_received_today() {
    let mut c = contract();
    let id =
        c.s.save_measurement(&value(c.workshops, 2026, Some(c.actions[0]), 4.0))
            .unwrap()
            .id;
    let m =
        c.s.all_measurements()
            .unwrap()
            .into_iter()
            .find(|m| m.id == id)
            .unwrap();
    assert_eq!(m.received_on, Some(chrono::Local::now().date_naive()));
    // A territory-level value keeps no « reçu le » unless given.
    let id =
        c.s.save_measurement(&value(c.workshops, 2026, None, 4.0))
            .unwrap()
            .id;
    let m =
        c.s.all_measurements()
            .unwrap()
            .into_iter()
            .find(|m| m.id == id)
            .unwrap();
    assert_eq!(m.received_on, None);
}

fn find_section<'a>(sections: &'a [Section], id: &str) -> Option<&'a Section> {
    sections.iter().find_map(|s| {
        if s.id == id {
            Some(s)
        } else {
            find_section(&s.subsections, id)
        }
    })
}

fn texts(section: &Section) -> Vec<String> {
    let mut out = Vec::new();
    for b in &section.blocks {
        match b {
            Block::Paragraph(spans) => {
                out.push(spans.iter().map(|s| s.text.as_str()).collect::<String>())
            }
            Block::Bullets(items) => out.extend(items.iter().cloned()),
            Block::Table(t) => {
                out.extend(t.caption.iter().cloned());
                for row in &t.rows {
                    out.push(
                        row.iter()
                            .map(|c| c.text.as_str())
                            .collect::<Vec<_>>()
                            .join(" | "),
                    );
                }
            }
            Block::KeyFigures(k) => out.extend(k.iter().map(|k| {
                format!(
                    "{} : {} ({})",
                    k.label,
                    k.value,
                    k.detail.clone().unwrap_or_default()
                )
            })),
            Block::Alerts(a) => out.extend(a.iter().map(|a| a.text.clone())),
            Block::Bars(b) => {
                out.extend(b.caption.iter().cloned());
                out.extend(b.rows.iter().map(|r| format!("{} | {}", r.label, r.text)));
            }
            Block::Chart(_) | Block::Map(_) => {}
        }
    }
    out.into_iter().map(|t| normalize_spaces(&t)).collect()
}

#[test]
fn dashboard_alerts_and_report_follow_the_round() {
    let mut c = contract();
    let [a, b, g] = c.actions;
    c.s.save_collection_round(&CollectionRound {
        id: 0,
        year: 2026,
        due_date: date(2027, 1, 31),
        comment: String::new(),
        receipts: vec![],
    })
    .unwrap();
    let mut w = value(c.workshops, 2026, Some(a), 40.0);
    w.received_on = Some(date(2027, 1, 8));
    let mut au = value(c.autonomy, 2026, Some(a), 50.0);
    au.base = Some(100.0);
    au.received_on = Some(date(2027, 1, 8));
    let mut pe = value(c.persons, 2026, Some(a), 120.0);
    pe.district_id = Some(c.qpv[0]);
    pe.received_on = Some(date(2027, 1, 8));
    c.s.replace_bilan(a, 2026, &[w, au, pe]).unwrap();
    let mut wb = value(c.workshops, 2026, Some(b), 25.0);
    wb.received_on = Some(date(2027, 1, 20));
    c.s.save_measurement(&wb).unwrap();
    let _ = g;

    let today = date(2027, 2, 3);
    let p = Pillar::load(&c.s).unwrap();
    let scope = Scope {
        year: 2026,
        today,
        district_id: None,
    };
    let k = key_figures(&p, &scope);
    let rate = k.bilans.clone().unwrap();
    assert_eq!(
        (rate.received, rate.expected, rate.on_time, rate.late),
        (1, 3, 1, 2)
    );

    let list = alerts(&p, &scope);
    let late: Vec<_> = list
        .iter()
        .filter(|a| a.kind == AlertKind::BilanLate)
        .collect();
    assert_eq!(late.len(), 2);
    assert!(late.iter().any(|l| l.message
        == "Bilan 2026 en retard : Centre social Beta — « Permanences de médiation » (attendu le 31 janvier 2027 ; 1 valeur reçue sur 3)."));
    assert!(late.iter().any(|l| l.message
        == "Bilan 2026 en retard : Médiathèque Gamma — « Café numérique » (attendu le 31 janvier 2027)."));
    let incomplete: Vec<_> = list
        .iter()
        .filter(|a| a.kind == AlertKind::IndicatorIncomplete)
        .map(|a| a.message.as_str())
        .collect();
    assert!(incomplete.contains(&"La valeur 2026 de l'indicateur « Ateliers collectifs organisés » est incomplète : 2 actions sur 3 ont répondu."), "{incomplete:?}");
    assert!(incomplete.contains(&"La valeur 2026 de l'indicateur « Personnes accompagnées » est incomplète : 1 action sur 2 a répondu."), "{incomplete:?}");

    // A first report, then Beta's and Gamma's bilans arrive: the next report lists them.
    let options = ReportOptions {
        year: 2026,
        ..ReportOptions::for_today(today)
    };
    let first = build_report(&p, &options, None);
    let bilans = find_section(&first.sections, "synthese-bilans").unwrap();
    assert_eq!(bilans.title, "Remontée des bilans 2026");
    let lines = texts(bilans);
    assert!(lines.contains(&"Campagne de bilans 2026 : date limite de retour le 31 janvier 2027. Bilans 2026 reçus : 1 / 3 (dont 1 à temps).".to_string()), "{lines:?}");
    assert!(
        lines.contains(
            &"Association Alpha | Ateliers numériques du mardi | Reçu | 8 janvier 2027".to_string()
        ),
        "{lines:?}"
    );
    assert!(
        lines.contains(
            &"Centre social Beta | Permanences de médiation | En retard (1 / 3 valeurs) | —"
                .to_string()
        ),
        "{lines:?}"
    );
    let synthese = find_section(&first.sections, "synthese").unwrap();
    assert!(texts(synthese)
        .contains(&"Bilans 2026 reçus : 1 / 3 (dont 1 à temps ; 2 en retard)".to_string()));
    let group = find_section(&first.sections, "indicateurs-0").unwrap();
    let lines = texts(group);
    assert!(
        lines.contains(
            &"Ateliers collectifs organisés — bilans 2026 : 2 actions sur 3 ont répondu."
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l
            .starts_with("Part des participants devenus autonomes | % (dernière valeur)")
            && l.contains("| 50 % sur 100 personnes |")),
        "{lines:?}"
    );
    let annex = find_section(&first.sections, "annexes-contributions").unwrap();
    let lines = texts(annex);
    assert!(lines.contains(&"Ateliers collectifs organisés (séances)".to_string()));
    assert!(
        lines.contains(
            &"2026 | Territoire | Ateliers numériques du mardi | Association Alpha | 40 | 08/01/2027"
                .to_string()
        ),
        "{lines:?}"
    );
    assert!(lines.contains(&"2026 | QN06201M | Ateliers numériques du mardi | Association Alpha | 120 | 08/01/2027".to_string()), "{lines:?}");

    let issued = copil_core::store::IssuedReport {
        kind: copil_core::store::IssuedKind::Report,
        id: 1,
        issued_at: "2027-02-03T10:00:00".into(),
        meeting_id: None,
        options: serde_json::Value::Null,
        sha256: String::new(),
        snapshot: serde_json::to_value(Snapshot::take(&p, &scope)).unwrap(),
    };
    let mut wg = value(c.workshops, 2026, Some(g), 12.0);
    wg.received_on = Some(date(2027, 2, 10));
    c.s.save_measurement(&wg).unwrap();
    c.s.set_bilan_received(2026, b, Some(date(2027, 2, 12)))
        .unwrap();
    let later = Scope {
        today: date(2027, 2, 20),
        ..scope
    };
    let p = Pillar::load(&c.s).unwrap();
    let second = build_report(
        &p,
        &ReportOptions {
            today: later.today,
            ..options
        },
        Some(&issued),
    );
    let changes = texts(find_section(&second.sections, "synthese-evolutions").unwrap());
    assert!(changes.contains(&"Bilan reçu — Bilan 2026 de Centre social Beta — « Permanences de médiation », reçu le 12 février 2027".to_string()), "{changes:?}");
    assert!(changes.contains(&"Bilan reçu — Bilan 2026 de Médiathèque Gamma — « Café numérique », reçu le 10 février 2027".to_string()), "{changes:?}");
    assert!(!changes.iter().any(|c| c.contains("Association Alpha")));

    // A snapshot of a report issued before the bilans existed still reads, and compares by date.
    let mut old: serde_json::Value = issued.snapshot.clone();
    old.as_object_mut().unwrap().remove("bilans_received");
    let old: Snapshot = serde_json::from_value(old).unwrap();
    assert_eq!(old.bilans_received, None);
    let since = changes_since(&old, &p, &later);
    let received: Vec<_> = since
        .iter()
        .filter(|c| c.kind == ChangeKind::BilanReceived)
        .collect();
    assert_eq!(received.len(), 2, "{since:?}");
}

#[test]
fn a_snapshot_indicator_is_judged_mid_contract_on_its_trajectory() {
    let mut c = contract();
    let p = Pillar::load(&c.s).unwrap();
    let mut ind = p
        .indicators
        .iter()
        .find(|i| i.id == c.autonomy)
        .unwrap()
        .clone();
    // Baseline 75 % in 2021, only target 89 % in 2030; 79 % recorded in 2025.
    ind.baseline_value = Some(75.0);
    ind.baseline_date = Some(date(2021, 9, 28));
    ind.targets = vec![Target {
        year: 2030,
        value: 89.0,
    }];
    c.s.save_indicator(&ind).unwrap();
    c.s.save_measurement(&value(c.autonomy, 2025, None, 79.0))
        .unwrap();
    let p = Pillar::load(&c.s).unwrap();
    let ind = p.indicators.iter().find(|i| i.id == c.autonomy).unwrap();
    let s2025 = Scope {
        year: 2025,
        today: date(2025, 12, 15),
        district_id: None,
    };
    let f = indicator_figures(&p, ind, &s2025);
    let t = f.trajectory.clone().unwrap();
    assert_eq!(
        (t.from_year, t.from_value, t.to_year, t.to_value),
        (2021, 75.0, 2030, 89.0)
    );
    assert!(
        (t.value - (75.0 + 14.0 * 4.0 / 9.0)).abs() < 1e-9,
        "{}",
        t.value
    );
    // 79 % is below the straight path (81,2 %) but within 10 %: on track, not late against 89 %.
    assert_eq!(f.status, IndicatorStatus::OnTrack);
    assert_eq!(f.target, Some(89.0));
    // Reaching the final target early counts as reached.
    c.s.save_measurement(&value(c.autonomy, 2025, None, 90.0))
        .unwrap();
    let p = Pillar::load(&c.s).unwrap();
    let ind = p.indicators.iter().find(|i| i.id == c.autonomy).unwrap();
    assert_eq!(
        indicator_figures(&p, ind, &s2025).status,
        IndicatorStatus::Reached
    );
    // Well below the path: late.
    c.s.save_measurement(&value(c.autonomy, 2025, None, 70.0))
        .unwrap();
    let p = Pillar::load(&c.s).unwrap();
    let ind = p.indicators.iter().find(|i| i.id == c.autonomy).unwrap();
    let f = indicator_figures(&p, ind, &s2025);
    assert_eq!(f.status, IndicatorStatus::Late);
    // The report says « trajectoire » in the target and status cells.
    let doc = build_report(
        &p,
        &ReportOptions {
            year: 2025,
            ..ReportOptions::for_today(date(2025, 12, 15))
        },
        None,
    );
    let lines = texts(find_section(&doc.sections, "indicateurs-0").unwrap());
    assert!(
        lines.iter().any(|l| {
            l.contains(
            "| 89 % en 2030, trajectoire 2025 : 81,2 % | 70 % | -19 pts | En retard (trajectoire) |"
        )
        }),
        "{lines:?}"
    );
    let intro = texts(find_section(&doc.sections, "indicateurs").unwrap());
    assert!(intro
        .iter()
        .any(|l| l.contains("est jugé sur sa trajectoire")));
    // Between two targets, the path starts from the previous one: 60 % in 2026 → 80 % in 2030.
    let mut two = ind.clone();
    two.targets = vec![
        Target {
            year: 2026,
            value: 60.0,
        },
        Target {
            year: 2030,
            value: 80.0,
        },
    ];
    let s2028 = Scope {
        year: 2028,
        today: date(2028, 6, 1),
        district_id: None,
    };
    let t = indicator_figures(&p, &two, &s2028).trajectory.unwrap();
    assert_eq!((t.from_year, t.to_year, t.value), (2026, 2030, 70.0));
    // Without a baseline nor an earlier target, the path starts from the first value recorded.
    let mut bare = two.clone();
    bare.baseline_value = None;
    bare.baseline_date = None;
    bare.targets.remove(0);
    let t = indicator_figures(&p, &bare, &s2028).trajectory.unwrap();
    assert_eq!((t.from_year, t.from_value), (2025, 70.0));
    // With a target in the scope year itself, no trajectory: judged against it as before.
    let mut with_2025 = ind.clone();
    with_2025.targets.push(Target {
        year: 2025,
        value: 72.0,
    });
    let f = indicator_figures(&p, &with_2025, &s2025);
    assert!(f.trajectory.is_none());
    assert_eq!(f.target, Some(72.0));
}
