//! What the screens show comes from the core, through the real contract file of the demo: the
//! dashboard's tiles are the report's key figures, the Instances screen's open decisions and
//! headcounts are the report's, and the small rules the screens used to apply themselves
//! (a new objective's code, a theme added last, one target set) live in the store.

use chrono::NaiveDate;
use copil_core::domain::*;
use copil_core::figures::*;
use copil_core::report::{build_report, Block, KeyFigure, ReportOptions, Section};
use copil_core::{CoreError, Store};
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 15).unwrap()
}

fn demo() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = copil_core::demo::create_demo(&dir.path().join("demo.copil")).unwrap();
    (dir, store)
}

fn section<'a>(sections: &'a [Section], id: &str) -> &'a Section {
    fn find<'a>(sections: &'a [Section], id: &str) -> Option<&'a Section> {
        sections.iter().find_map(|s| {
            (s.id == id)
                .then_some(s)
                .or_else(|| find(&s.subsections, id))
        })
    }
    find(sections, id).unwrap_or_else(|| panic!("section {id}"))
}

#[test]
fn the_dashboard_tiles_are_the_key_figures_of_the_report() {
    let (_dir, store) = demo();
    let p = Pillar::load(&store).unwrap();
    let scope = Scope::today(today());
    let board = dashboard(&p, &scope, None);
    let doc = build_report(&p, &ReportOptions::for_today(today()), None);
    let printed: Vec<KeyFigure> = section(&doc.sections, "synthese")
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::KeyFigures(k) => Some(k.clone()),
            _ => None,
        })
        .expect("the synthèse has key figures");
    let shown: Vec<KeyFigure> = board.tiles.iter().map(|t| t.figure.clone()).collect();
    assert_eq!(shown, printed);
    let indicators = board.tiles.iter().find(|t| t.id == "indicators").unwrap();
    assert_eq!(indicators.figure.label, "Indicateurs atteints");
    let k = &board.key_figures;
    assert_eq!(
        indicators.figure.value,
        format!("{} / {}", k.indicators_reached, k.indicators)
    );
}

#[test]
fn the_instances_screen_lists_what_the_report_lists() {
    let (_dir, store) = demo();
    let p = Pillar::load(&store).unwrap();
    let overview = meetings_overview(&p, today());
    // Open decisions: the report's « Décisions à suivre », in its order.
    let doc = build_report(&p, &ReportOptions::for_today(today()), None);
    let printed: Vec<String> = section(&doc.sections, "instances-decisions")
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t.rows.iter().map(|r| r[0].text.clone()).collect()),
            _ => None,
        })
        .unwrap();
    let shown: Vec<String> = overview
        .open_decisions
        .iter()
        .map(|d| d.decision.text.clone())
        .collect();
    assert!(!shown.is_empty());
    assert_eq!(shown, printed);
    assert_eq!(
        overview.overdue,
        key_figures(&p, &Scope::today(today())).overdue_decisions
    );
    // Meetings, the most recent first, with the report's headcounts.
    let dates: Vec<NaiveDate> = overview.meetings.iter().map(|m| m.meeting.date).collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    for m in &overview.meetings {
        assert_eq!(m.headcount.total, m.meeting.headcount());
        assert_eq!(
            m.headcount.by_kind.len(),
            m.meeting.headcount_by_kind().len()
        );
        assert_eq!(m.label, meeting_label(&m.meeting));
    }
    let busy = overview
        .meetings
        .iter()
        .find(|m| m.headcount.total > 0)
        .expect("a meeting with participants");
    let share: f64 = busy.headcount.by_kind.iter().map(|k| k.percent).sum();
    assert!((share - 100.0).abs() < 1e-9, "{share}");
    assert!(busy.label.starts_with(busy.meeting.kind.label()));
}

#[test]
fn a_new_objective_takes_the_next_code_of_its_level() {
    let (_dir, store) = demo();
    let p = Pillar::load(&store).unwrap();
    let top: Vec<&Objective> = p
        .objectives
        .iter()
        .filter(|o| o.parent_id.is_none())
        .collect();
    assert_eq!(p.next_objective_code(None), (top.len() + 1).to_string());
    let first = p.objectives.iter().find(|o| o.code == "1").unwrap();
    let children = p
        .objectives
        .iter()
        .filter(|o| o.parent_id == Some(first.id))
        .count();
    assert_eq!(
        p.next_objective_code(Some(first.id)),
        format!("1.{}", children + 1)
    );
}

#[test]
fn one_target_is_set_replaced_and_removed() {
    let (_dir, mut store) = demo();
    let ind = store.indicators().unwrap()[0].clone();
    store.set_target(ind.id, 2027, Some(1234.0)).unwrap();
    let target = |s: &Store| {
        s.indicator(ind.id)
            .unwrap()
            .targets
            .iter()
            .find(|t| t.year == 2027)
            .map(|t| t.value)
    };
    assert_eq!(target(&store), Some(1234.0));
    store.set_target(ind.id, 2027, Some(99.0)).unwrap();
    assert_eq!(target(&store), Some(99.0));
    let years: Vec<i32> = store
        .indicator(ind.id)
        .unwrap()
        .targets
        .iter()
        .map(|t| t.year)
        .collect();
    let mut sorted = years.clone();
    sorted.sort_unstable();
    assert_eq!(years, sorted, "targets stay in year order");
    store.set_target(ind.id, 2027, None).unwrap();
    assert_eq!(target(&store), None);
    // Outside the contract period, refused like a whole indicator with that target.
    let err = store.set_target(ind.id, 2040, Some(1.0)).unwrap_err();
    assert!(matches!(err, CoreError::Invalid { .. }), "{err}");
    assert!(matches!(
        store.set_target(999_999, 2027, Some(1.0)),
        Err(CoreError::Missing { .. })
    ));
}

#[test]
fn a_new_theme_at_position_zero_goes_last() {
    let (_dir, mut store) = demo();
    let last = store.themes().unwrap().last().unwrap().position;
    let id = store
        .save_theme(&Theme {
            id: 0,
            name: "Numérique responsable".into(),
            position: 0,
        })
        .unwrap()
        .id;
    let themes = store.themes().unwrap();
    let added = themes.last().unwrap();
    assert_eq!((added.id, added.position), (id, last + 1));
}

#[test]
fn the_matrix_warns_of_dilution_in_the_report_s_words() {
    let (_dir, store) = demo();
    let p = Pillar::load(&store).unwrap();
    let matrix = transversality_matrix(&p, &Scope::today(today()));
    let sentence = matrix
        .dilution
        .clone()
        .expect("the demo has themes without objective");
    let doc = build_report(&p, &ReportOptions::for_today(today()), None);
    let printed = section(&doc.sections, "objectifs-matrice")
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Alerts(a) => Some(a[0].text.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(sentence, printed);
    for (t, n) in matrix.themes.iter().zip(&matrix.objectives_per_theme) {
        assert_eq!(*n == 0, sentence.contains(&t.name), "{}", t.name);
    }
}
