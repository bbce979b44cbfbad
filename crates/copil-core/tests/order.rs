//! One order for every list, through the real contract file: the store, the exports and the
//! report list actors, actions and indicators in French order (« Élan » before « Ville », case
//! and accents ignored) and objectives by code in natural order (« 1.2 » before « 1.10 »), as
//! the screens show them.

use copil_core::domain::*;
use copil_core::exchange::export_csv;
use copil_core::figures::{transversality_matrix, Pillar, Scope};
use copil_core::report::{build_report, Block, ReportOptions, Section};
use copil_core::Store;

/// Names that byte order puts « Ville », « Élan solidaire », « élan numérique ».
const ACTORS: [&str; 4] = [
    "Ville de Lens",
    "Élan solidaire",
    "élan numérique",
    "Association B",
];
/// The same names in French order.
const ACTORS_SORTED: [&str; 4] = [
    "Association B",
    "élan numérique",
    "Élan solidaire",
    "Ville de Lens",
];
/// Objective codes saved out of order.
const CODES: [&str; 5] = ["1", "1.10", "1.2", "10", "2"];
/// The same codes in tree order, natural within each level.
const CODES_SORTED: [&str; 5] = ["1", "1.2", "1.10", "2", "10"];

fn contract(dir: &tempfile::TempDir) -> Store {
    let mut s = Store::create(
        &dir.path().join("ordre.copil"),
        &Contract::new("Contrat de ville d'Ordre 2024–2030", "CA d'Ordre"),
    )
    .unwrap();
    let theme = s.themes().unwrap()[0].id;
    for name in ACTORS {
        s.save_actor(&Actor {
            id: 0,
            name: name.into(),
            kind: ActorKind::Association,
            siret: None,
            labels: vec![],
            district_ids: vec![],
            contact: String::new(),
        })
        .unwrap();
    }
    let mut top = 0;
    for code in CODES {
        let parent = code.contains('.').then_some(top);
        let id = s
            .save_objective(&Objective {
                id: 0,
                parent_id: parent,
                code: code.into(),
                title: format!("Objectif {code}"),
                description: String::new(),
                theme_ids: vec![theme],
            })
            .unwrap()
            .id;
        if code == "1" {
            top = id;
        }
    }
    let objective = s.objectives().unwrap()[0].id;
    for name in ACTORS {
        s.save_action(&Action {
            id: 0,
            title: format!("{name} : permanences"),
            description: String::new(),
            porteur_id: None,
            status: ActionStatus::Running,
            start_date: None,
            end_date: None,
            audience: String::new(),
            weather: None,
            weather_comment: String::new(),
            district_ids: vec![],
            objective_ids: vec![objective],
            theme_ids: vec![],
            reported_indicator_ids: vec![],
        })
        .unwrap();
        s.save_indicator(&Indicator {
            id: 0,
            name: format!("{name} : personnes"),
            unit: Unit::Persons,
            direction: Direction::HigherIsBetter,
            kind: IndicatorKind::Cumulative,
            baseline_value: None,
            baseline_date: None,
            source: name.into(),
            by_district: false,
            targets: vec![],
            objective_ids: vec![objective],
        })
        .unwrap();
    }
    s
}

/// The first cell of each row of the tables of a section and its subsections.
fn first_cells(section: &Section) -> Vec<String> {
    let mut out = Vec::new();
    for b in &section.blocks {
        match b {
            Block::Table(t) => out.extend(
                t.rows
                    .iter()
                    .filter_map(|r| r.first())
                    .map(|c| c.text.trim().to_string()),
            ),
            Block::Bullets(items) => out.extend(items.iter().cloned()),
            _ => {}
        }
    }
    for sub in &section.subsections {
        out.extend(first_cells(sub));
    }
    out
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

/// The names of `wanted` in the order they appear in `list` (each once).
fn order_in(list: &[String], wanted: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in list {
        if let Some(w) = wanted.iter().find(|w| item.starts_with(w.as_str())) {
            if !out.contains(w) {
                out.push(w.clone());
            }
        }
    }
    out
}

#[test]
fn the_store_the_export_and_the_report_list_in_french_and_natural_order() {
    let dir = tempfile::tempdir().unwrap();
    let s = contract(&dir);
    let sorted: Vec<String> = ACTORS_SORTED.iter().map(|a| a.to_string()).collect();
    let suffixed = |suffix: &str| -> Vec<String> {
        ACTORS_SORTED
            .iter()
            .map(|a| format!("{a}{suffix}"))
            .collect()
    };
    let codes: Vec<String> = CODES_SORTED.iter().map(|c| c.to_string()).collect();

    // The store.
    let names: Vec<String> = s.actors().unwrap().into_iter().map(|a| a.name).collect();
    assert_eq!(names, sorted);
    let titles: Vec<String> = s.actions().unwrap().into_iter().map(|a| a.title).collect();
    assert_eq!(titles, suffixed(" : permanences"));
    let indicators: Vec<String> = s
        .indicators()
        .unwrap()
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(indicators, suffixed(" : personnes"));
    let p = Pillar::load(&s).unwrap();
    let tree: Vec<String> = p
        .objective_tree()
        .into_iter()
        .map(|(o, _)| o.code.clone())
        .collect();
    assert_eq!(tree, codes);
    let scope = Scope::today(chrono::NaiveDate::from_ymd_opt(2026, 6, 15).unwrap());
    let matrix: Vec<String> = transversality_matrix(&p, &scope)
        .rows
        .into_iter()
        .map(|r| r.code)
        .collect();
    assert_eq!(matrix, codes);

    // The exports.
    let out = dir.path().join("csv");
    std::fs::create_dir(&out).unwrap();
    export_csv(&s, &out).unwrap();
    let column = |file: &str| -> Vec<String> {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        text.trim_start_matches('\u{feff}')
            .lines()
            .skip(1)
            .map(|l| l.split(';').next().unwrap().trim_matches('"').to_string())
            .collect()
    };
    assert_eq!(column("Acteurs.csv"), sorted);
    assert_eq!(column("Actions.csv"), suffixed(" : permanences"));
    assert_eq!(column("Indicateurs.csv"), suffixed(" : personnes"));
    assert_eq!(column("Objectifs.csv"), codes);

    // The report.
    let doc = build_report(&p, &ReportOptions::for_today(scope.today), None);
    let actors = first_cells(section(&doc.sections, "annexes-acteurs"));
    assert_eq!(actors, sorted);
    let sources = first_cells(section(&doc.sections, "annexes"));
    assert_eq!(order_in(&sources, &sorted), sorted, "{sources:?}");
    let objectives: Vec<String> = first_cells(section(&doc.sections, "objectifs-arbre"))
        .into_iter()
        .map(|c| c.split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(objectives, codes);
    let indicators = first_cells(section(&doc.sections, "indicateurs"));
    assert_eq!(
        order_in(&indicators, &suffixed(" : personnes")),
        suffixed(" : personnes")
    );
    let actions = first_cells(section(&doc.sections, "actions"));
    assert_eq!(
        order_in(&actions, &suffixed(" : permanences")),
        suffixed(" : permanences")
    );
}
