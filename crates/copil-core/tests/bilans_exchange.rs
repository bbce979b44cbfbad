//! The porteurs' bilans through spreadsheets: the full export carries every contribution and
//! reads back to the same ones (XLSX, CSV, LibreOffice ODS); `collect` writes one workbook per
//! porteur; the returned workbooks add up, replace only their own part, and a hostile one is
//! refused row by row without changing a byte.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use copil_core::domain::*;
use copil_core::exchange::{
    self, collect, import_files, import_workbook, read_workbook, Cell, CollectRequest,
    ImportOptions, Workbook,
};
use copil_core::figures::{round_status, value_detail, BilanState, Pillar};
use copil_core::{CoreError, Store};
use sha2::{Digest, Sha256};
use tempfile::TempDir;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Three porteurs (Alpha, Beta, Gamma), one action each; ateliers, a share with its base,
/// persons by QPV; a 2026 round due on 31 January 2027.
struct Bilans {
    dir: TempDir,
    s: Store,
    workshops: Id,
    autonomy: Id,
    persons: Id,
    actions: [Id; 3],
}

const ALPHA: &str = "Association Alpha / Bassin minier";
const BETA: &str = "Centre social Beta";
const GAMMA: &str = "Médiathèque Gamma";
const TITLES: [&str; 3] = [
    "Ateliers numériques du mardi",
    "Permanences de médiation",
    "Café numérique",
];

fn bilans() -> Bilans {
    let dir = tempfile::tempdir().unwrap();
    let mut c = Contract::new("Contrat de ville de Bilanville", "CA de Bilanville");
    c.communes = vec![Commune {
        insee: "62498".into(),
        name: "Lens".into(),
    }];
    let mut s = Store::create(&dir.path().join("bilans.copil"), &c).unwrap();
    let mut qpv = Vec::new();
    for code in ["QN06201M", "QN06202A"] {
        qpv.push(
            s.save_district(&District {
                id: 0,
                code: code.into(),
                name: format!("Quartier {code}"),
                communes: vec!["62498".into()],
                population: None,
                ifn: None,
            })
            .unwrap()
            .id,
        );
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
    let mut indicator = |name: &str, unit: Unit, kind: IndicatorKind, by_district: bool| {
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
            targets: vec![],
            objective_ids: vec![objective],
        })
        .unwrap()
        .id
    };
    let workshops = indicator(
        "Ateliers collectifs organisés",
        Unit::Sessions,
        IndicatorKind::Cumulative,
        false,
    );
    let autonomy = indicator(
        "Part des participants devenus autonomes",
        Unit::Percent,
        IndicatorKind::Snapshot,
        false,
    );
    let persons = indicator(
        "Personnes accompagnées",
        Unit::Persons,
        IndicatorKind::Cumulative,
        true,
    );
    let mut actions = [0; 3];
    for (i, porteur) in [ALPHA, BETA, GAMMA].iter().enumerate() {
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
                title: TITLES[i].into(),
                description: String::new(),
                porteur_id: Some(actor),
                status: ActionStatus::Running,
                start_date: Some(date(2025, 1, 6)),
                end_date: None,
                audience: String::new(),
                weather: None,
                weather_comment: String::new(),
                district_ids: if i == 0 { qpv.clone() } else { vec![qpv[1]] },
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
    s.save_funding(&Funding {
        id: 0,
        action_id: actions[0],
        financeur: Financeur::Bop147,
        year: 2026,
        requested_cents: Some(1_200_000),
        granted_cents: 1_000_000,
        paid_cents: 500_000,
        scheme: FundingScheme::CallForProjects,
        cpo_start_year: None,
        crf_received_on: None,
        comment: String::new(),
    })
    .unwrap();
    // Alpha's bilan of 2025, for the reminder of the year before.
    s.replace_bilan(
        actions[0],
        2025,
        &[contribution(
            workshops,
            actions[0],
            2025,
            30.0,
            date(2026, 1, 20),
        )],
    )
    .unwrap();
    s.save_collection_round(&CollectionRound {
        id: 0,
        year: 2026,
        due_date: date(2027, 1, 31),
        comment: "Bilans annuels".into(),
        receipts: vec![],
    })
    .unwrap();
    Bilans {
        dir,
        s,
        workshops,
        autonomy,
        persons,
        actions,
    }
}

fn contribution(indicator: Id, action: Id, year: i32, value: f64, day: NaiveDate) -> Measurement {
    Measurement {
        id: 0,
        indicator_id: indicator,
        year,
        date: None,
        district_id: None,
        action_id: Some(action),
        value,
        base: None,
        source: format!("Bilan {year}"),
        comment: String::new(),
        received_on: Some(day),
    }
}

fn sha(path: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(path).unwrap()))
}

/// Every value of the file by natural key (indicator, year, QPV, action), ids left out.
fn values_of(s: &Store) -> BTreeMap<(String, i32, String, String), String> {
    let p = Pillar::load(s).unwrap();
    p.measurements
        .iter()
        .map(|m| {
            let ind = p
                .indicators
                .iter()
                .find(|i| i.id == m.indicator_id)
                .unwrap();
            let action = m
                .action_id
                .map(|a| p.actions.iter().find(|x| x.id == a).unwrap().title.clone())
                .unwrap_or_default();
            let qpv = m
                .district_id
                .map(|d| p.district_code(d))
                .unwrap_or_default();
            (
                (ind.name.clone(), m.year, qpv, action),
                format!(
                    "{} base {:?} date {:?} source {} comment {} reçu {:?}",
                    m.value, m.base, m.date, m.source, m.comment, m.received_on
                ),
            )
        })
        .collect()
}

/// What the bilans are about, besides the values: rounds with their receipts, reported indicators.
fn rounds_of(s: &Store) -> Vec<String> {
    let p = Pillar::load(s).unwrap();
    let title = |id: Id| p.actions.iter().find(|a| a.id == id).unwrap().title.clone();
    let mut out: Vec<String> = p
        .rounds
        .iter()
        .map(|r| {
            let receipts: Vec<_> = r
                .receipts
                .iter()
                .map(|x| format!("{} {}", title(x.action_id), x.received_on))
                .collect();
            format!("{} {} {} {receipts:?}", r.year, r.due_date, r.comment)
        })
        .collect();
    out.extend(p.actions.iter().map(|a| {
        let names: Vec<_> = a
            .reported_indicator_ids
            .iter()
            .map(|id| {
                p.indicators
                    .iter()
                    .find(|i| i.id == *id)
                    .unwrap()
                    .name
                    .clone()
            })
            .collect();
        format!("{} {names:?}", a.title)
    }));
    out
}

/// A filled-in state: two porteurs' 2026 values (one by QPV, one share with its base), a
/// territory-level value beside them, and a bilan marked received by hand.
fn with_bilans(b: &mut Bilans) {
    let [a, be, g] = b.actions;
    let qpv = b.s.district_by_code("QN06201M").unwrap().unwrap().id;
    let mut persons = contribution(b.persons, a, 2026, 120.0, date(2027, 1, 9));
    persons.district_id = Some(qpv);
    let mut share = contribution(b.autonomy, a, 2026, 50.0, date(2027, 1, 9));
    share.base = Some(100.0);
    b.s.replace_bilan(
        a,
        2026,
        &[
            contribution(b.workshops, a, 2026, 40.0, date(2027, 1, 9)),
            share,
            persons,
        ],
    )
    .unwrap();
    let mut share = contribution(b.autonomy, be, 2026, 70.0, date(2027, 1, 20));
    share.base = Some(300.0);
    share.comment = "questionnaires de fin de parcours".into();
    b.s.replace_bilan(
        be,
        2026,
        &[
            contribution(b.workshops, be, 2026, 25.0, date(2027, 1, 20)),
            share,
        ],
    )
    .unwrap();
    let mut territory = contribution(b.workshops, a, 2025, 70.0, date(2026, 2, 1));
    territory.action_id = None;
    territory.source = "Enquête de l'Agglo".into();
    b.s.save_measurement(&territory).unwrap();
    b.s.set_bilan_received(2026, g, Some(date(2027, 1, 25)))
        .unwrap();
}

fn empty_like(b: &Bilans, name: &str) -> Store {
    Store::create(&b.dir.path().join(name), &b.s.contract().unwrap()).unwrap()
}

fn libreoffice() -> Option<PathBuf> {
    ["libreoffice", "soffice"].iter().find_map(|bin| {
        std::process::Command::new(bin)
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| PathBuf::from(bin))
    })
}

fn no_libreoffice() {
    let msg = "LibreOffice introuvable : aller-retour ODS ignoré (apt-get install libreoffice-calc-nogui).";
    if std::env::var("COPIL_REQUIRE_LIBREOFFICE").as_deref() == Ok("1") {
        panic!("{msg}");
    }
    eprintln!("{msg}");
}

#[test]
fn an_export_reimports_to_the_same_contributions_through_xlsx_csv_and_ods() {
    let mut b = bilans();
    with_bilans(&mut b);
    let want = values_of(&b.s);
    assert_eq!(want.len(), 7, "{want:#?}");
    let want_rounds = rounds_of(&b.s);

    // XLSX: the Valeurs sheet says which action reports each value.
    let xlsx = b.dir.path().join("contrat.xlsx");
    exchange::export_xlsx(&b.s, &xlsx).unwrap();
    let book = read_workbook(&xlsx).unwrap();
    let values = book.sheets.iter().find(|s| s.name == "Valeurs").unwrap();
    let header: Vec<String> = values.rows[0].iter().map(Cell::as_text).collect();
    for h in [
        "Action",
        "Indicateur",
        "Année",
        "QPV",
        "Valeur",
        "Base (personnes)",
        "Reçu le",
    ] {
        assert!(header.contains(&h.to_string()), "{header:?}");
    }
    let action_col = header.iter().position(|h| h == "Action").unwrap();
    let titled = values
        .rows
        .iter()
        .skip(1)
        .filter(|r| r.get(action_col).is_some_and(|c| !c.is_blank()))
        .count();
    assert_eq!(titled, 6, "six contributions, one territory-level value");
    let mut copy = empty_like(&b, "copie.copil");
    let report = exchange::import_file(&mut copy, &xlsx, false).unwrap();
    assert!(report.is_ok(), "{:#?}", report.to_lines());
    assert_eq!(values_of(&copy), want);
    assert_eq!(rounds_of(&copy), want_rounds);
    // Imported back into itself, it changes nothing.
    let again = exchange::import_file(&mut copy, &xlsx, true).unwrap();
    assert!(again.all_unchanged(), "{:#?}", again.sheets);

    // CSV, one file per sheet.
    let csv = b.dir.path().join("csv");
    let files = exchange::export_csv(&b.s, &csv).unwrap();
    let mut copy = empty_like(&b, "copie-csv.copil");
    for f in &files {
        let report = exchange::import_file(&mut copy, f, false).unwrap();
        assert!(report.is_ok(), "{}: {:#?}", f.display(), report.to_lines());
    }
    assert_eq!(values_of(&copy), want);
    assert_eq!(rounds_of(&copy), want_rounds);

    // The same workbook through LibreOffice (ODS).
    let Some(lo) = libreoffice() else {
        return no_libreoffice();
    };
    let out = std::process::Command::new(lo)
        .args(["--headless", "--convert-to", "ods", "--outdir"])
        .arg(b.dir.path())
        .arg(&xlsx)
        .env("HOME", b.dir.path())
        .output()
        .unwrap();
    let ods = b.dir.path().join("contrat.ods");
    assert!(ods.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut copy = empty_like(&b, "copie-ods.copil");
    let report = exchange::import_file(&mut copy, &ods, false).unwrap();
    assert!(report.is_ok(), "{:#?}", report.to_lines());
    assert_eq!(values_of(&copy), want);
    assert_eq!(rounds_of(&copy), want_rounds);
}

/// The porteurs' workbooks `collect` writes for 2026, by porteur name.
fn collected(b: &mut Bilans, dir: &str) -> BTreeMap<String, PathBuf> {
    let out = b.dir.path().join(dir);
    let collection = collect(
        &mut b.s,
        &CollectRequest {
            year: 2026,
            due_date: None,
            dir: out,
            overwrite: false,
        },
    )
    .unwrap();
    collection
        .workbooks
        .into_iter()
        .map(|w| (w.porteur, w.path))
        .collect()
}

/// The cell of `header` in the Valeurs row of (action, indicator), set to `value`; adds the row
/// when the workbook has none.
fn fill(wb: &mut Workbook, action: &str, indicator: &str, header: &str, value: Cell) {
    let sheet = wb.sheets.iter_mut().find(|s| s.name == "Valeurs").unwrap();
    let col = |h: &str| sheet.rows[0].iter().position(|c| c.as_text() == h).unwrap();
    let (a, i, y, target) = (col("Action"), col("Indicateur"), col("Année"), col(header));
    let width = sheet.rows[0].len();
    let found = sheet.rows.iter().position(|r| {
        r.get(a).is_some_and(|c| c.as_text() == action)
            && r.get(i).is_some_and(|c| c.as_text() == indicator)
    });
    let row = match found {
        Some(r) => r,
        None => {
            let mut row = vec![Cell::Empty; width];
            row[a] = Cell::Text(action.into());
            row[i] = Cell::Text(indicator.into());
            row[y] = Cell::Number(2026.0);
            sheet.rows.push(row);
            sheet.rows.len() - 1
        }
    };
    let cells = &mut sheet.rows[row];
    cells.resize(width, Cell::Empty);
    cells[target] = value;
}

/// Writes a workbook as read back to an XLSX file, as a porteur's spreadsheet would save it.
fn save(wb: &Workbook, path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    for sheet in &wb.sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        for (r, row) in sheet.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                match cell {
                    Cell::Text(t) => {
                        ws.write_string(r, c, t).unwrap();
                    }
                    Cell::Number(v) => {
                        ws.write_number(r, c, *v).unwrap();
                    }
                    Cell::Date(d) => {
                        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )
                        .unwrap();
                        ws.write_datetime(r, c, &d).unwrap();
                    }
                    Cell::Bool(v) => {
                        ws.write_boolean(r, c, *v).unwrap();
                    }
                    Cell::Empty | Cell::Error(_) => {}
                }
            }
        }
    }
    book.save(path).unwrap();
}

fn options(day: NaiveDate) -> ImportOptions {
    ImportOptions {
        dry_run: false,
        received_on: day,
    }
}

fn workshops_2026(s: &Store, b: &Bilans) -> Option<f64> {
    let p = Pillar::load(s).unwrap();
    value_detail(&p, b.workshops, 2026, None)
        .unwrap()
        .value
        .value
}

#[test]
fn collect_writes_each_porteur_its_expected_rows_the_year_before_and_its_funding() {
    let mut b = bilans();
    let out = b.dir.path().join("bilans 2026");
    let collection = collect(
        &mut b.s,
        &CollectRequest {
            year: 2026,
            due_date: Some(date(2027, 2, 15)),
            dir: out.clone(),
            overwrite: false,
        },
    )
    .unwrap();
    // The round moved to the new due date.
    assert_eq!(collection.round.due_date, date(2027, 2, 15));
    assert_eq!(
        b.s.collection_round(2026).unwrap().unwrap().due_date,
        date(2027, 2, 15)
    );
    let names: Vec<String> = collection
        .workbooks
        .iter()
        .map(|w| w.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    // One per porteur, named after it; the slash of Alpha's name cannot be in a file name.
    assert_eq!(
        names,
        [
            "Bilan 2026 – Association Alpha - Bassin minier.xlsx",
            "Bilan 2026 – Centre social Beta.xlsx",
            "Bilan 2026 – Médiathèque Gamma.xlsx",
        ]
    );
    let alpha = &collection.workbooks[0];
    assert_eq!(alpha.actions, [TITLES[0]]);
    // Workshops, the share, and persons in each of its two QPVs.
    assert_eq!((alpha.values_expected, alpha.values_received), (4, 0));

    let wb = read_workbook(&alpha.path).unwrap();
    let readme: Vec<String> = wb.sheets[0]
        .rows
        .iter()
        .filter_map(|r| r.first())
        .map(Cell::as_text)
        .collect();
    assert!(
        readme.contains(&format!("Porteur : {ALPHA}")),
        "{readme:#?}"
    );
    assert!(
        readme.contains(&"Bilan 2026 : à renvoyer au plus tard le 15 février 2027.".to_string()),
        "{readme:#?}"
    );
    let values = wb.sheets.iter().find(|s| s.name == "Valeurs").unwrap();
    let header: Vec<String> = values.rows[0].iter().map(Cell::as_text).collect();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap();
    let rows: Vec<Vec<String>> = values
        .rows
        .iter()
        .skip(1)
        .map(|r| {
            [
                "Action",
                "Indicateur",
                "Année",
                "QPV",
                "Valeur",
                "Valeur de l'année précédente (rappel)",
            ]
            .iter()
            .map(|h| r.get(at(h)).map(Cell::as_text).unwrap_or_default())
            .collect()
        })
        .collect();
    assert_eq!(
        rows,
        [
            [
                TITLES[0],
                "Ateliers collectifs organisés",
                "2026",
                "",
                "",
                "30"
            ],
            [
                TITLES[0],
                "Part des participants devenus autonomes",
                "2026",
                "",
                "",
                ""
            ],
            [
                TITLES[0],
                "Personnes accompagnées",
                "2026",
                "QN06201M",
                "",
                ""
            ],
            [
                TITLES[0],
                "Personnes accompagnées",
                "2026",
                "QN06202A",
                "",
                ""
            ],
        ]
    );
    // Its actions and its funding, nobody else's.
    let sheet_rows = |name: &str| {
        wb.sheets
            .iter()
            .find(|s| s.name == name)
            .unwrap()
            .rows
            .len()
            - 1
    };
    assert_eq!(sheet_rows("Actions"), 1);
    assert_eq!(sheet_rows("Financements"), 1);
    // Its drop-down lists offer its own action only.
    let lists = wb.sheets.iter().find(|s| s.name == "Listes").unwrap();
    let actions_col = lists.rows[0]
        .iter()
        .position(|c| c.as_text() == "Actions")
        .unwrap();
    let offered: Vec<String> = lists
        .rows
        .iter()
        .skip(1)
        .filter_map(|r| r.get(actions_col))
        .map(Cell::as_text)
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(offered, [TITLES[0]]);

    // Sent back untouched, a workbook changes nothing.
    let before = values_of(&b.s);
    let back = import_files(
        &mut b.s,
        std::slice::from_ref(&alpha.path),
        options(date(2027, 1, 5)),
    )
    .unwrap();
    assert_eq!(back.imported(), 1, "{:#?}", back);
    let report = back.workbooks[0].report.as_ref().unwrap();
    assert!(report.all_unchanged(), "{:#?}", report.to_lines());
    assert_eq!(report.porteur.as_deref(), Some(ALPHA));
    assert_eq!(values_of(&b.s), before);

    // Collecting again into the same folder is refused: a returned workbook could be there.
    let again = collect(
        &mut b.s,
        &CollectRequest {
            year: 2026,
            due_date: None,
            dir: out.clone(),
            overwrite: false,
        },
    )
    .unwrap_err();
    assert!(matches!(again, CoreError::AlreadyExists(_)), "{again}");
    assert!(
        again.to_string().contains("Bilan 2026 – Association Alpha"),
        "{again}"
    );
    // Without a round and without a due date, there is nothing to collect.
    let err = collect(
        &mut b.s,
        &CollectRequest {
            year: 2027,
            due_date: None,
            dir: out,
            overwrite: true,
        },
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .contains("Aucune campagne de bilans n'est ouverte pour 2027"),
        "{err}"
    );
}

#[test]
fn two_porteurs_workbooks_add_up_and_reimporting_one_changes_only_its_part() {
    let mut b = bilans();
    let books = collected(&mut b, "envoi");
    let returned = b.dir.path().join("retours");
    std::fs::create_dir_all(&returned).unwrap();
    let filled = |porteur: &str, action: &str, workshops: f64, name: &str| {
        let mut wb = read_workbook(&books[porteur]).unwrap();
        fill(
            &mut wb,
            action,
            "Ateliers collectifs organisés",
            "Valeur",
            Cell::Number(workshops),
        );
        let path = returned.join(name);
        save(&wb, &path);
        path
    };
    let alpha = filled(ALPHA, TITLES[0], 40.0, "alpha.xlsx");
    let beta = filled(BETA, TITLES[1], 25.0, "beta.xlsx");

    let first = import_files(
        &mut b.s,
        std::slice::from_ref(&alpha),
        options(date(2027, 1, 10)),
    )
    .unwrap();
    assert!(first.applied && first.backup.is_some());
    assert_eq!(workshops_2026(&b.s, &b), Some(40.0));
    let second = import_files(
        &mut b.s,
        std::slice::from_ref(&beta),
        options(date(2027, 1, 12)),
    )
    .unwrap();
    assert_eq!(second.imported(), 1, "{second:#?}");
    // Never 25 instead of 65: Beta's workbook adds to Alpha's.
    assert_eq!(workshops_2026(&b.s, &b), Some(65.0));
    let report = second.workbooks[0].report.as_ref().unwrap();
    assert_eq!(report.porteur.as_deref(), Some(BETA));
    assert_eq!(report.covered.len(), 1);
    assert_eq!(report.covered[0].action, TITLES[1]);
    assert_eq!(report.covered[0].state, Some(BilanState::Partial));
    assert_eq!(
        report.covered[0].text(),
        format!("« {} » : 1 valeur, bilan 2026 partiel (1 / 3)", TITLES[1])
    );

    // Alpha corrects its figure: only its part changes; Beta's value keeps its day.
    let beta_before = values_of(&b.s)
        .into_iter()
        .filter(|(k, _)| k.3 == TITLES[1])
        .collect::<Vec<_>>();
    let alpha2 = filled(ALPHA, TITLES[0], 42.0, "alpha-corrige.xlsx");
    let third = import_files(
        &mut b.s,
        std::slice::from_ref(&alpha2),
        options(date(2027, 1, 15)),
    )
    .unwrap();
    let plan = &third.workbooks[0].report.as_ref().unwrap().sheets;
    let values = plan.iter().find(|s| s.sheet == "Valeurs").unwrap();
    assert_eq!(
        (values.created, values.updated, values.unchanged),
        (0, 1, 0)
    );
    // Its action and funding lines came back as they were.
    assert!(plan
        .iter()
        .filter(|s| s.sheet != "Valeurs")
        .all(|s| s.created + s.updated == 0));
    assert_eq!(workshops_2026(&b.s, &b), Some(67.0));
    let beta_after = values_of(&b.s)
        .into_iter()
        .filter(|(k, _)| k.3 == TITLES[1])
        .collect::<Vec<_>>();
    assert_eq!(beta_before, beta_after);
    // The same workbook again: nothing changes (the dry run writes nothing at all).
    let hash = sha(b.s.path());
    let dry = import_files(
        &mut b.s,
        &[alpha2],
        ImportOptions {
            dry_run: true,
            received_on: date(2027, 1, 16),
        },
    )
    .unwrap();
    assert!(dry.workbooks[0].report.as_ref().unwrap().all_unchanged());
    assert!(!dry.applied && dry.backup.is_none());
    assert_eq!(sha(b.s.path()), hash);
    // Alpha's value first arrived on 10 January: corrected on the 15th, it keeps that day (a
    // bilan sent on time stays on time); Beta's arrived on the 12th.
    let p = Pillar::load(&b.s).unwrap();
    let status = round_status(&p, 2026, date(2027, 1, 20)).unwrap();
    let alpha_bilan = status
        .bilans
        .iter()
        .find(|x| x.action_id == b.actions[0])
        .unwrap();
    assert_eq!(alpha_bilan.values[0].received_on, Some(date(2027, 1, 10)));
    let beta_bilan = status
        .bilans
        .iter()
        .find(|x| x.action_id == b.actions[1])
        .unwrap();
    assert_eq!(beta_bilan.values[0].received_on, Some(date(2027, 1, 12)));
}

#[test]
fn a_complete_workbook_is_received_on_the_day_it_came_in() {
    let mut b = bilans();
    let books = collected(&mut b, "envoi");
    let mut wb = read_workbook(&books[ALPHA]).unwrap();
    fill(
        &mut wb,
        TITLES[0],
        "Ateliers collectifs organisés",
        "Valeur",
        Cell::Number(40.0),
    );
    fill(
        &mut wb,
        TITLES[0],
        "Part des participants devenus autonomes",
        "Valeur",
        Cell::Text("55,5".into()),
    );
    fill(
        &mut wb,
        TITLES[0],
        "Part des participants devenus autonomes",
        "Base (personnes)",
        Cell::Number(80.0),
    );
    let sheet = wb.sheets.iter_mut().find(|s| s.name == "Valeurs").unwrap();
    let value_col = sheet.rows[0]
        .iter()
        .position(|c| c.as_text() == "Valeur")
        .unwrap();
    let width = sheet.rows[0].len();
    for row in sheet.rows.iter_mut().skip(1) {
        row.resize(width, Cell::Empty);
        if row[value_col].is_blank() {
            row[value_col] = Cell::Number(60.0);
        }
    }
    let path = b.dir.path().join("alpha.xlsx");
    save(&wb, &path);
    let got = import_files(&mut b.s, &[path], options(date(2027, 1, 28))).unwrap();
    let report = got.workbooks[0].report.as_ref().unwrap();
    assert_eq!(report.totals().0, 4, "{:#?}", report.to_lines());
    assert_eq!(report.covered[0].state, Some(BilanState::Received));
    assert_eq!(got.rates.len(), 1);
    assert_eq!(
        got.rates[0].text,
        "Bilans 2026 reçus : 1 / 3 (dont 1 à temps)"
    );
    let p = Pillar::load(&b.s).unwrap();
    let status = round_status(&p, 2026, date(2027, 2, 3)).unwrap();
    let alpha = status
        .bilans
        .iter()
        .find(|x| x.action_id == b.actions[0])
        .unwrap();
    assert_eq!(alpha.state, BilanState::Received);
    assert_eq!(alpha.received_on, Some(date(2027, 1, 28)));
    assert!(alpha.on_time);
    let share = alpha
        .values
        .iter()
        .find(|v| v.indicator_id == b.autonomy)
        .unwrap();
    assert_eq!((share.value, share.base), (Some(55.5), Some(80.0)));
}

#[test]
fn a_hostile_returned_workbook_is_refused_row_by_row_and_changes_nothing() {
    let mut b = bilans();
    with_bilans(&mut b);
    let books = collected(&mut b, "envoi");
    let mut wb = read_workbook(&books[GAMMA]).unwrap();
    // Row 2 is Gamma's own expected value, left as it is. Then: another porteur's action, an
    // unknown indicator, a year outside the contract, a percentage above 100, text in a number
    // cell, and a territory-level value.
    let sheet = wb.sheets.iter_mut().find(|s| s.name == "Valeurs").unwrap();
    let header: Vec<String> = sheet.rows[0].iter().map(Cell::as_text).collect();
    let at = |h: &str| header.iter().position(|x| x == h).unwrap();
    let width = header.len();
    let row = |action: &str, indicator: &str, year: f64, value: Cell| {
        let mut r = vec![Cell::Empty; width];
        r[at("Action")] = Cell::Text(action.into());
        r[at("Indicateur")] = Cell::Text(indicator.into());
        r[at("Année")] = Cell::Number(year);
        r[at("Valeur")] = value;
        r
    };
    sheet.rows.extend([
        row(
            TITLES[0],
            "Ateliers collectifs organisés",
            2026.0,
            Cell::Number(999.0),
        ),
        row(TITLES[2], "Indicateur fantôme", 2026.0, Cell::Number(3.0)),
        row(
            TITLES[2],
            "Ateliers collectifs organisés",
            2031.0,
            Cell::Number(3.0),
        ),
        row(
            TITLES[2],
            "Part des participants devenus autonomes",
            2026.0,
            Cell::Number(150.0),
        ),
        row(
            TITLES[2],
            "Ateliers collectifs organisés",
            2025.0,
            Cell::Text("douze".into()),
        ),
        row(
            "",
            "Ateliers collectifs organisés",
            2024.0,
            Cell::Number(500.0),
        ),
    ]);
    let hostile = b.dir.path().join("gamma.xlsx");
    save(&wb, &hostile);
    let before = values_of(&b.s);
    let hash = sha(b.s.path());
    let got = import_files(&mut b.s, &[hostile], options(date(2027, 1, 10))).unwrap();
    assert_eq!((got.imported(), got.refused()), (0, 1));
    assert!(!got.applied && got.backup.is_none());
    let problems: Vec<String> = got.workbooks[0]
        .report
        .as_ref()
        .unwrap()
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            format!("Valeurs, ligne 3, colonne Action : l'action « {} » est portée par « {ALPHA} » : ce classeur de « {GAMMA} » ne renseigne que ses propres actions.", TITLES[0]),
            "Valeurs, ligne 4, colonne Indicateur : indicateur « Indicateur fantôme » inconnu dans ce contrat.".to_string(),
            "Valeurs, ligne 5, colonne Année : Année 2031 hors de la période du contrat (2024–2030).".to_string(),
            "Valeurs, ligne 6, colonne Valeur : Un pourcentage est compris entre 0 et 100 (reçu 150).".to_string(),
            "Valeurs, ligne 7, colonne Valeur : « douze » n'est pas un nombre.".to_string(),
            format!("Valeurs, ligne 8, colonne Action : indiquez l'action de « {GAMMA} » qui déclare cette valeur : la valeur du territoire est tenue par le chef de projet."),
        ]
    );
    assert_eq!(sha(b.s.path()), hash, "the contract file is unchanged");
    assert_eq!(values_of(&b.s), before);
}

#[test]
fn a_porteur_workbook_touches_only_the_porteur_s_own_records() {
    let mut b = bilans();
    let books = collected(&mut b, "envoi");
    let mut wb = read_workbook(&books[BETA]).unwrap();
    // Beta renames nobody else's action, hands none over, adds no indicator sheet.
    let actions = wb.sheets.iter_mut().find(|s| s.name == "Actions").unwrap();
    let header: Vec<String> = actions.rows[0].iter().map(Cell::as_text).collect();
    let porteur_col = header.iter().position(|h| h == "Porteur").unwrap();
    let mut other = actions.rows[1].clone();
    other[0] = Cell::Text(TITLES[2].into());
    actions.rows.push(other);
    actions.rows[1][porteur_col] = Cell::Text(GAMMA.into());
    wb.sheets.push(exchange::Sheet {
        name: "Indicateurs".into(),
        rows: vec![
            vec![Cell::Text("Indicateur".into()), Cell::Text("Unité".into())],
            vec![
                Cell::Text("Ateliers collectifs organisés".into()),
                Cell::Text("%".into()),
            ],
        ],
        truncated: false,
    });
    let hash = sha(b.s.path());
    let report = import_workbook(&mut b.s, &wb, "beta.xlsx", false).unwrap();
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [format!("Indicateurs : le classeur de « {BETA} » ne modifie pas la feuille « Indicateurs » du contrat : retirez cette feuille.")]
    );
    wb.sheets.pop();
    let report = import_workbook(&mut b.s, &wb, "beta.xlsx", false).unwrap();
    let problems: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            format!("Actions, ligne 2, colonne Porteur : un classeur de « {BETA} » ne confie pas son action à un autre porteur."),
            format!("Actions, ligne 3, colonne Action : l'action « {} » est portée par « {GAMMA} » : ce classeur de « {BETA} » ne renseigne que ses propres actions.", TITLES[2]),
        ]
    );
    assert!(!report.applied);
    assert_eq!(sha(b.s.path()), hash);
}

#[test]
fn several_workbooks_at_once_each_all_or_nothing() {
    let mut b = bilans();
    let books = collected(&mut b, "envoi");
    let dir = b.dir.path().join("retours");
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for (porteur, title, value) in [
        (ALPHA, TITLES[0], Cell::Number(40.0)),
        (BETA, TITLES[1], Cell::Text("vingt-cinq".into())),
        (GAMMA, TITLES[2], Cell::Number(12.0)),
    ] {
        let mut wb = read_workbook(&books[porteur]).unwrap();
        fill(
            &mut wb,
            title,
            "Ateliers collectifs organisés",
            "Valeur",
            value,
        );
        let path = dir.join(format!("{porteur}.xlsx").replace('/', "-"));
        save(&wb, &path);
        paths.push(path);
    }
    let garbage = dir.join("pas un classeur.xlsx");
    std::fs::write(&garbage, b"ceci n'est pas un classeur").unwrap();
    paths.push(garbage);
    let got = import_files(&mut b.s, &paths, options(date(2027, 1, 10))).unwrap();
    assert_eq!((got.imported(), got.refused()), (2, 2), "{got:#?}");
    assert!(got.applied && got.backup.as_ref().is_some_and(|p| p.exists()));
    let beta = got.workbooks[1].report.as_ref().unwrap();
    assert!(!beta.applied);
    assert_eq!(
        beta.problems[0].to_string(),
        "Valeurs, ligne 2, colonne Valeur : « vingt-cinq » n'est pas un nombre."
    );
    assert!(got.workbooks[3]
        .error
        .as_ref()
        .unwrap()
        .contains("pas un classeur valide"));
    // Alpha's 40 and Gamma's 12, nothing of Beta's.
    assert_eq!(workshops_2026(&b.s, &b), Some(52.0));
    let log = b.s.audit_log(5).unwrap();
    let lines: Vec<&str> = log.iter().map(|e| e.summary.as_str()).collect();
    assert!(
        lines
            .iter()
            .any(|l| l.contains(&format!("(porteur « {GAMMA} »)"))),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("2 importé(s), 2 refusé(s)")),
        "{lines:?}"
    );
}
