//! End-to-end tests of the real desktop app (tauri-driver + WebKitWebDriver).
//! Run them with `scripts/e2e`, which provides the display and session bus.

use std::time::{Duration, Instant};

use copil_acceptance::desktop::{app_binary, axe_source, shot_path, Driver};
use copil_acceptance::webdriver::{keys, Session};

const WAIT: Duration = Duration::from_secs(20);

/// Screens in the navigation, as `(data-testid suffix, title)`.
const SCREENS: &[(&str, &str)] = &[
    ("accueil", "Accueil"),
    ("tableau", "Tableau de bord"),
    ("objectifs", "Objectifs"),
    ("indicateurs", "Indicateurs"),
    ("actions", "Actions & financements"),
    ("bilans", "Bilans"),
    ("acteurs", "Acteurs"),
    ("lieux", "Lieux"),
    ("quartiers", "Quartiers"),
    ("diagnostic", "Diagnostic"),
    ("themes", "Thèmes"),
    ("instances", "Instances"),
    ("rapports", "Rapports"),
    ("journal", "Journal"),
];

/// Waits for the Accueil screen, returns how long it took.
fn wait_home(s: &Session) -> Duration {
    let start = Instant::now();
    s.wait_text("[data-testid=screen-title]", WAIT, |t| t == "Accueil")
        .expect("the Accueil screen is shown");
    start.elapsed()
}

/// Asserts no serious or critical axe violation on the current page.
fn assert_accessible(s: &Session, axe: &str, what: &str) {
    let violations = s.axe_serious(axe).expect("axe ran");
    assert!(
        violations.is_empty(),
        "{what}: serious/critical accessibility violations:\n{}",
        violations.join("\n")
    );
}

#[test]
fn app_starts_on_accueil_in_french() {
    let driver = Driver::start();
    let t0 = Instant::now();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    eprintln!("time to first screen: {:?}", t0.elapsed());

    let lang = s
        .execute("return document.documentElement.lang;", vec![])
        .unwrap();
    assert_eq!(lang, "fr");
    // The web view itself speaks French whatever the system's locale (these tests run under
    // C.UTF-8): WebKit lays out date fields in its language, « 15/01/2024 », not « 01/15/2024 ».
    let start = Instant::now();
    loop {
        let web = s.execute("return navigator.language;", vec![]).unwrap();
        if web == "fr-FR" {
            break;
        }
        assert!(start.elapsed() < WAIT, "navigator.language is {web}");
        std::thread::sleep(Duration::from_millis(100));
    }
    for id in [
        "home-create",
        "home-open",
        "home-demo",
        "recents-empty",
        "nav",
    ] {
        s.find(&format!("[data-testid={id}]"))
            .unwrap_or_else(|e| panic!("{id} is on the Accueil screen: {e}"));
    }
    // The strict CSP is in force: the page cannot evaluate strings as code.
    let eval = s
        .execute(
            "try { new Function('return 1')(); return 'allowed'; } catch (e) { return 'blocked'; }",
            vec![],
        )
        .unwrap();
    assert_eq!(eval, "blocked", "the CSP forbids eval");
    let nav = s.find_all("[data-testid=nav] li button").unwrap();
    assert_eq!(nav.len(), SCREENS.len());
    // WebKitWebDriver's element text is empty for this ellipsised span; read innerText.
    assert_eq!(
        s.inner_text("[data-testid=contract-name]").unwrap(),
        "Aucun contrat ouvert"
    );
    s.screenshot(&shot_path("accueil")).unwrap();
}

#[test]
fn keyboard_reaches_the_navigation_and_shortcuts_work() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);

    // Tab from the top: the skip link comes first, then the navigation.
    s.execute(
        "document.activeElement && document.activeElement.blur();",
        vec![],
    )
    .unwrap();
    s.press(&[keys::TAB]).unwrap();
    assert_eq!(s.focused_testid().unwrap(), "skip-link");
    s.press(&[keys::TAB]).unwrap();
    assert_eq!(s.focused_testid().unwrap(), "nav-accueil");

    // Enter on a navigation entry opens its screen and focuses its title.
    for _ in 0..2 {
        s.press(&[keys::TAB]).unwrap();
    }
    assert_eq!(s.focused_testid().unwrap(), "nav-objectifs");
    s.press(&[keys::ENTER]).unwrap();
    s.wait_text("[data-testid=screen-title]", WAIT, |t| t == "Objectifs")
        .unwrap();
    assert_eq!(s.focused_testid().unwrap(), "screen-title");

    // Page shortcuts: Ctrl+2 (Tableau de bord), Ctrl+P (Rapports), F1 (help), Échap.
    s.press(&[keys::CONTROL, "2"]).unwrap();
    s.wait_text("[data-testid=screen-title]", WAIT, |t| {
        t == "Tableau de bord"
    })
    .unwrap();
    s.press(&[keys::CONTROL, "p"]).unwrap();
    s.wait_text("[data-testid=screen-title]", WAIT, |t| t == "Rapports")
        .unwrap();
    s.press(&[keys::F1]).unwrap();
    let open = |s: &Session| {
        s.execute(
            "return document.querySelector('[data-testid=dialog-shortcuts]').open;",
            vec![],
        )
        .unwrap()
    };
    let start = Instant::now();
    while open(&s) != true && start.elapsed() < WAIT {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(open(&s), true, "F1 opens the help dialog");
    s.press(&[keys::ESCAPE]).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(open(&s), false, "Échap closes the help dialog");
}

#[test]
fn every_screen_without_a_contract_is_accessible() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    let axe = axe_source();

    for (id, title) in SCREENS {
        s.click_css(&format!("[data-testid=nav-{id}]")).unwrap();
        s.wait_text("[data-testid=screen-title]", WAIT, |t| t == *title)
            .unwrap();
        if *id != "accueil" {
            s.find("[data-testid=empty-no-contract]")
                .unwrap_or_else(|e| panic!("{title} explains that no contract is open: {e}"));
        }
        assert_accessible(&s, &axe, title);
        s.screenshot(&shot_path(&format!("screen-{id}"))).unwrap();
    }

    // The dialogs reachable without a contract.
    s.click_css("[data-testid=nav-accueil]").unwrap();
    for (opener, dialog, what) in [
        ("home-create", "wizard", "assistant de création"),
        ("nav-help", "shortcuts", "aide"),
    ] {
        s.click_css(&format!("[data-testid={opener}]")).unwrap();
        s.wait_for(&format!("[data-testid=dialog-{dialog}][open]"), WAIT)
            .unwrap();
        assert_accessible(&s, &axe, what);
        s.screenshot(&shot_path(&format!("dialog-{dialog}")))
            .unwrap();
        s.click_css(&format!("[data-testid=dialog-{dialog}-close]"))
            .unwrap();
    }

    // The scanner itself works: an unlabelled button is reported.
    s.execute(
        "const b = document.createElement('button'); b.id = 'axe-probe'; document.querySelector('main').append(b);",
        vec![],
    )
    .unwrap();
    let found = s.axe_serious(&axe).unwrap();
    assert!(
        found.iter().any(|v| v.starts_with("button-name")),
        "axe reports an unlabelled button: {found:?}"
    );
}

#[test]
fn wizard_checks_qpv_codes_in_french() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    s.click_css("[data-testid=home-create]").unwrap();
    let name = s.wait_for("[data-testid=wizard-name]", WAIT).unwrap();
    s.send_keys(&name, "Contrat de ville de Lens-Liévin")
        .unwrap();
    let epci = s.find("[data-testid=wizard-epci]").unwrap();
    s.send_keys(&epci, "CA de Lens-Liévin").unwrap();
    s.click_css("[data-testid=wizard-next]").unwrap();
    let code = s.wait_for("[data-testid=wizard-qpv-code]", WAIT).unwrap();
    s.send_keys(&code, "QN6201").unwrap();
    let err = s
        .wait_text("[data-testid=wizard-qpv-error]", WAIT, |t| !t.is_empty())
        .unwrap();
    assert!(
        err.starts_with("Code QPV") && err.contains("invalide"),
        "{err}"
    );
    s.send_keys(&code, "2A").unwrap();
    s.wait_text("[data-testid=wizard-qpv-error]", WAIT, str::is_empty)
        .unwrap();
}

#[test]
fn a_missing_file_on_the_command_line_gives_a_french_error() {
    let driver = Driver::start();
    let missing = driver.config_dir.path().join("absent.copil");
    let s = driver
        .launch(&[missing.display().to_string()])
        .expect("the app starts");
    wait_home(&s);
    let text = s
        .wait_text("[data-testid=notice]", WAIT, |t| t.contains("introuvable"))
        .unwrap();
    assert!(text.contains("absent.copil"), "{text}");
}

/// Calls an app command through Tauri's IPC from the page and returns its JSON result.
fn invoke(s: &Session, command: &str, args: serde_json::Value) -> serde_json::Value {
    try_invoke(s, command, args).unwrap_or_else(|err| panic!("{command} failed: {err}"))
}

/// Calls an app command through Tauri's IPC; its result, or the `{code, message, issues}` error.
fn try_invoke(
    s: &Session,
    command: &str,
    args: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
          .then((r) => done(JSON.stringify({ ok: r === undefined ? null : r })))
          .catch((e) => done(JSON.stringify({ err: e })));
    "#;
    let v = s
        .execute_async(script, vec![command.into(), args])
        .expect("invoke ran");
    let parsed: serde_json::Value = serde_json::from_str(v.as_str().expect("json text")).unwrap();
    match parsed.get("err") {
        Some(err) => Err(err.clone()),
        None => Ok(parsed["ok"].clone()),
    }
}

/// Clicks a navigation entry and waits for its title.
fn go(s: &Session, id: &str, title: &str) {
    s.click_css(&format!("[data-testid=nav-{id}]")).unwrap();
    s.wait_text("[data-testid=screen-title]", WAIT, |t| t == title)
        .unwrap();
}

/// Replaces the text of an input and commits it with Tab (the `change` event saves).
fn type_into(s: &Session, css: &str, text: &str) {
    replace_text(s, css, text);
    s.press(&[keys::TAB]).unwrap();
}

/// Clicks a field, selects its text with Ctrl+A and types `text` key by key (real key events).
fn replace_text(s: &Session, css: &str, text: &str) {
    s.wait_for(css, WAIT).unwrap();
    s.execute(
        "document.querySelector(arguments[0]).focus();",
        vec![css.into()],
    )
    .unwrap();
    s.press(&[keys::CONTROL, "a"]).unwrap();
    for ch in text.chars() {
        s.press(&[&ch.to_string()]).unwrap();
    }
}

/// Waits until the `innerText` of `css` satisfies `pred`.
fn wait_inner(s: &Session, css: &str, pred: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let t = s.inner_text(css).unwrap_or_default();
        if pred(&t) {
            return t;
        }
        assert!(start.elapsed() < WAIT, "{css}: last text {t:?}");
        std::thread::sleep(Duration::from_millis(150));
    }
}

/// French integer format, as the report prints it (`987 654`), spaces made plain.
fn french_integer(v: f64) -> String {
    plain_spaces(&copil_core::format::integer(v.round() as i64))
}

/// Non-breaking and thin spaces as plain spaces.
fn plain_spaces(t: &str) -> String {
    t.replace(['\u{a0}', '\u{202f}', '\u{2009}'], " ")
}

fn open_demo(s: &Session) {
    s.click_css("[data-testid=nav-accueil]").unwrap();
    s.click_css("[data-testid=home-demo]").unwrap();
    s.wait_text("[data-testid=screen-title]", WAIT, |t| {
        t == "Tableau de bord"
    })
    .unwrap();
    s.wait_for("[data-testid=key-figures]", WAIT).unwrap();
}

#[test]
fn the_wizard_creates_a_contract_with_a_checked_qpv() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nouveau.copil");
    let driver = Driver::start_with(&[("COPIL_E2E_CONTRACT_PATH", file.display().to_string())]);
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    s.click_css("[data-testid=home-create]").unwrap();
    let name = s.wait_for("[data-testid=wizard-name]", WAIT).unwrap();
    s.send_keys(&name, "Contrat de ville d'Arras").unwrap();
    let epci = s.find("[data-testid=wizard-epci]").unwrap();
    s.send_keys(&epci, "Communauté urbaine d'Arras").unwrap();
    s.click_css("[data-testid=wizard-next]").unwrap();
    let code = s.wait_for("[data-testid=wizard-qpv-code]", WAIT).unwrap();
    s.send_keys(&code, "QX62041").unwrap();
    let err = wait_inner(&s, "[data-testid=wizard-qpv-error]", |t| !t.is_empty());
    assert!(
        err.contains("Code QPV") && err.contains("invalide"),
        "{err}"
    );
    // The same message is the core's: adding is refused.
    s.click_css("[data-testid=wizard-qpv-add]").unwrap();
    assert!(s
        .find_all("[data-testid=wizard-qpv-list] li")
        .unwrap()
        .is_empty());
    replace_text(&s, "[data-testid=wizard-qpv-code]", "QN06201M");
    wait_inner(&s, "[data-testid=wizard-qpv-error]", |t| {
        !t.contains("Code QPV")
    });
    let qname = s.find("[data-testid=wizard-qpv-name]").unwrap();
    s.send_keys(&qname, "Les Hauts Blancs").unwrap();
    let commune = s.find("[data-testid=wizard-qpv-commune]").unwrap();
    s.send_keys(&commune, "62041").unwrap();
    s.click_css("[data-testid=wizard-qpv-add]").unwrap();
    wait_inner(&s, "[data-testid=wizard-qpv-list]", |t| {
        t.contains("QN06201M")
    });
    s.click_css("[data-testid=wizard-next]").unwrap();
    s.click_css("[data-testid=wizard-next]").unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Tableau de bord");
    wait_inner(&s, "[data-testid=contract-name]", |t| {
        t == "Contrat de ville d'Arras"
    });
    assert!(file.exists(), "the contract file was written");
    let districts = invoke(&s, "district_list", serde_json::json!({}));
    assert_eq!(districts[0]["code"], "QN06201M");
    assert_eq!(
        invoke(&s, "theme_list", serde_json::json!({}))
            .as_array()
            .unwrap()
            .len(),
        11
    );
    s.screenshot(&shot_path("created-dashboard")).unwrap();
}

#[test]
fn a_contract_whose_third_qpv_is_refused_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);
    let qpv = |code: &str, name: &str| {
        serde_json::json!({"id": 0, "code": code, "name": name, "communes": ["62041"],
            "population": null, "ifn": null})
    };
    let contract = serde_json::json!({"name": "Contrat de ville d'Arras", "epci": "CU d'Arras",
        "communes": [], "start_year": 2024, "end_year": 2030, "signatories": []});
    // The same code twice: only the file's own constraint refuses the third QPV, inside the
    // creation transaction, after the file was begun.
    let file = dir.path().join("arras.copil");
    let err = try_invoke(
        &s,
        "create_contract",
        serde_json::json!({"path": file.display().to_string(), "contract": contract,
            "districts": [qpv("QN06201M", "Les Hauts Blancs"), qpv("QN06202A", "Jean Jaurès"),
                qpv("QN06201M", "Les Hauts Blancs bis")],
            "themes": ["Éducation", "Santé"]}),
    )
    .expect_err("the duplicate QPV is refused");
    assert_eq!(err["code"], "invalid", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("QN06201M existe déjà"), "{message}");
    // A third QPV the rules refuse.
    let err = try_invoke(
        &s,
        "create_contract",
        serde_json::json!({"path": file.display().to_string(), "contract": contract,
            "districts": [qpv("QN06201M", "Les Hauts Blancs"), qpv("QN06202A", "Jean Jaurès"),
                qpv("QN0620M", "Les Oiseaux")]}),
    )
    .expect_err("the invalid QPV is refused");
    assert_eq!(err["code"], "invalid", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("QN0620M « Les Oiseaux »"), "{message}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "no file left behind: {left:?}");
    // The contract that was open stays open.
    let session = invoke(&s, "session", serde_json::json!({}));
    assert_eq!(
        session["contract_name"],
        "Contrat de ville de Lens-Liévin 2024–2030"
    );
}

#[test]
fn the_actions_screen_shows_every_funding_table_the_core_computes() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);
    go(&s, "actions", "Actions & financements");
    s.wait_for("[data-testid=funding-shares]", WAIT).unwrap();
    let tables = invoke(&s, "funding_tables", serde_json::json!({}));
    let len = |key: &str| tables[key].as_array().map_or(0, Vec::len);
    for (testid, rows) in [
        (
            "funding-total-row",
            tables["by_financeur"]["rows"].as_array().unwrap().len(),
        ),
        ("funding-theme-row", len("by_theme")),
        ("funding-district-row", len("by_district")),
        ("cpo-row", len("cpo")),
        ("crf-row", len("crf")),
    ] {
        assert!(rows > 0, "the demo has {testid} rows");
        let shown = s
            .find_all(&format!("[data-testid={testid}]"))
            .unwrap()
            .len();
        assert_eq!(
            shown, rows,
            "{testid}: one row on screen per row of the core"
        );
    }
    let first_theme = &tables["by_theme"][0];
    let row = s.inner_text("[data-testid=funding-theme-row]").unwrap();
    assert!(
        row.contains(first_theme["label"].as_str().unwrap()),
        "{row} / {first_theme}"
    );
}

/// Whitespace of any kind (line breaks of the PDF, no-break spaces of the screen) as one space.
fn one_line(t: &str) -> String {
    plain_spaces(t)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_dashboard_and_the_indicators_read_as_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("rapport.pdf");
    let driver = Driver::start_with(&[("COPIL_E2E_REPORT_PATH", pdf.display().to_string())]);
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);

    // What the dashboard's tiles say, and each indicator's status on the Indicateurs screen.
    let tiles = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=key-figures] li')].map((t) => \
             [...t.querySelectorAll('span')].map((s) => s.innerText));",
            vec![],
        )
        .unwrap();
    let tiles: Vec<Vec<String>> = serde_json::from_value(tiles).unwrap();
    assert!(tiles.len() >= 5, "{tiles:?}");
    let labels: Vec<&str> = tiles.iter().map(|t| t[1].as_str()).collect();
    assert!(labels.contains(&"Indicateurs atteints"), "{labels:?}");
    go(&s, "indicateurs", "Indicateurs");
    s.wait_for("[data-testid=indicator-list-status]", WAIT)
        .unwrap();
    let rows = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=indicator-list] tbody tr')].map((r) => \
             [r.querySelector('[data-testid=indicator-item]').innerText, \
              r.querySelector('[data-testid=indicator-list-status]').innerText]);",
            vec![],
        )
        .unwrap();
    let rows: Vec<(String, String)> = serde_json::from_value(rows).unwrap();
    assert!(rows.len() > 10, "{rows:?}");

    // The report of the same day.
    go(&s, "rapports", "Rapports");
    s.click_css("[data-testid=report-generate]").unwrap();
    s.wait_for("[data-testid=report-done]", Duration::from_secs(90))
        .unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw".as_ref(), pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs");
    let text = one_line(&String::from_utf8_lossy(&out.stdout));
    let synthesis = &text[text.rfind("1. Synthèse").unwrap()..];
    let synthesis = &synthesis[..synthesis.find("1.1 Météo des objectifs").unwrap()];
    for tile in &tiles {
        for part in tile {
            assert!(
                synthesis.contains(&one_line(part)),
                "the tile's {part:?} is in the report's synthèse: {synthesis}"
            );
        }
    }
    // Each indicator's status, in the words of its row of the report's indicator tables. The
    // layout text keeps each row a block of lines, its first column the indicator's name.
    let out = std::process::Command::new("pdftotext")
        .args(["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs");
    let layout = plain_spaces(&String::from_utf8_lossy(&out.stdout));
    let tables =
        &layout[layout.rfind("3. Indicateurs").unwrap()..layout.rfind("4. Actions").unwrap()];
    let key = |t: &str| {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect::<String>()
    };
    let blocks: Vec<(String, Vec<String>)> = tables
        .split("\n\n")
        .map(|block| {
            let (mut name, mut rest) = (String::new(), Vec::new());
            for line in block.lines() {
                let text = line.trim_start();
                let (first, others) = match line.len() - text.len() {
                    0..=3 => text.split_once("  ").unwrap_or((text, "")),
                    _ => ("", text),
                };
                name.push_str(first);
                rest.extend(others.split_whitespace().map(str::to_owned));
            }
            (key(&name), rest)
        })
        .collect();
    for (name, status) in &rows {
        let (_, rest) = blocks
            .iter()
            .find(|(n, _)| *n == key(name))
            .unwrap_or_else(|| panic!("{name} has a row in the report's indicators: {tables}"));
        let mut words = rest.iter();
        assert!(
            one_line(status).split(' ').all(|w| words.any(|r| r == w)),
            "{name}: « {status} » on screen, its row in the report reads {rest:?}"
        );
    }
}

#[test]
fn demo_objective_value_report_and_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("rapport.pdf");
    let driver = Driver::start_with(&[("COPIL_E2E_REPORT_PATH", pdf.display().to_string())]);
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);

    // An objective linked to two themes, through the Objectifs form; it shows in the matrix.
    go(&s, "objectifs", "Objectifs");
    s.click_css("[data-testid=objective-add]").unwrap();
    let code = s.wait_for("[data-testid=objective-code]", WAIT).unwrap();
    s.send_keys(&code, "E2E").unwrap();
    let title = s.find("[data-testid=objective-title]").unwrap();
    s.send_keys(&title, "Objectif transversal de test").unwrap();
    let themes = s.find_all("[data-testid=objective-theme]").unwrap();
    s.click(&themes[1]).unwrap();
    s.click(&themes[3]).unwrap();
    s.click_css("[data-testid=objective-save]").unwrap();
    let linked = || {
        s.execute(
            "const r = [...document.querySelectorAll('[data-testid=matrix-row]')].find((r) => r.textContent.includes('Objectif transversal de test')); return r ? r.querySelectorAll('td.linked').length : -1;",
            vec![],
        )
        .unwrap()
    };
    let start = Instant::now();
    while linked() != serde_json::json!(2) {
        assert!(
            start.elapsed() < WAIT,
            "the new objective shows in the matrix with 2 themes"
        );
        std::thread::sleep(Duration::from_millis(200));
    }

    // An indicator value: pick one not yet reached, record a big value for this year.
    let figures = invoke(&s, "indicator_figures_all", serde_json::json!({}));
    let list = invoke(&s, "indicator_list", serde_json::json!({}));
    let pick = figures
        .as_array()
        .unwrap()
        .iter()
        .position(|f| {
            let ind = list
                .as_array()
                .unwrap()
                .iter()
                .find(|i| i["id"] == f["indicator_id"])
                .unwrap();
            (f["status"] == "late" || f["status"] == "no_value")
                && !ind["targets"].as_array().unwrap().is_empty()
                && ind["direction"] == "higher"
                && ind["unit"] != "percent"
                && ind["unit"] != "score"
                && !ind["by_district"].as_bool().unwrap()
        })
        .expect("an indicator to improve");
    let ind_id = figures[pick]["indicator_id"].clone();
    go(&s, "tableau", "Tableau de bord");
    let tile_before = s.inner_text("[data-testid=tile-indicators]").unwrap();
    go(&s, "indicateurs", "Indicateurs");
    let items = s.find_all("[data-testid=indicator-item]").unwrap();
    s.click(&items[pick]).unwrap();
    let year = invoke(&s, "dashboard", serde_json::json!({}))["scope"]["year"]
        .as_i64()
        .unwrap();
    type_into(&s, &format!("[data-testid=value-{year}]"), "987654");
    wait_inner(&s, "[data-testid=save-state]", |t| t.contains("Enregistré"));
    let after = invoke(&s, "indicator_figures", serde_json::json!({"id": ind_id}));
    let actual = after["actual"].as_f64().expect("a value now");
    let expected = french_integer(actual);
    wait_inner(&s, "[data-testid=indicator-actual]", |t| {
        plain_spaces(t).starts_with(&expected)
    });
    // Its source, in the field under the grid (the value cell was the last one focused).
    type_into(&s, "[data-testid=value-source]", "Bilan e2e");
    let start = Instant::now();
    while !invoke(
        &s,
        "measurement_list",
        serde_json::json!({"indicatorId": ind_id}),
    )
    .as_array()
    .unwrap()
    .iter()
    .any(|m| m["source"] == "Bilan e2e" && m["year"] == year)
    {
        assert!(
            start.elapsed() < WAIT,
            "the source was saved with the value"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    s.screenshot(&shot_path("indicator-edited")).unwrap();

    // Ctrl+Z (outside a field) undoes the last value edit.
    let next = year + 1;
    type_into(&s, &format!("[data-testid=value-{next}]"), "12");
    let has_next = || {
        invoke(
            &s,
            "measurement_list",
            serde_json::json!({"indicatorId": ind_id}),
        )
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["year"] == next && m["district_id"].is_null())
    };
    let start = Instant::now();
    while !has_next() {
        assert!(start.elapsed() < WAIT, "the {next} value was saved");
        std::thread::sleep(Duration::from_millis(200));
    }
    s.execute("document.activeElement.blur();", vec![]).unwrap();
    s.press(&[keys::CONTROL, "z"]).unwrap();
    let start = Instant::now();
    while has_next() {
        assert!(start.elapsed() < WAIT, "Ctrl+Z removed the {next} value");
        std::thread::sleep(Duration::from_millis(200));
    }
    go(&s, "tableau", "Tableau de bord");
    let tile_after = wait_inner(&s, "[data-testid=tile-indicators]", |t| t != tile_before);
    eprintln!("tile: {tile_before:?} → {tile_after:?}");

    // The report, written where the test hook says; its text holds the value in French format.
    go(&s, "rapports", "Rapports");
    s.click_css("[data-testid=report-generate]").unwrap();
    s.wait_for("[data-testid=report-done]", Duration::from_secs(90))
        .unwrap();
    s.screenshot(&shot_path("report-done")).unwrap();
    assert!(pdf.exists(), "the PDF was written");
    let out = std::process::Command::new("pdftotext")
        .args([pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs");
    let text = plain_spaces(&String::from_utf8_lossy(&out.stdout));
    assert!(
        text.contains(&expected),
        "the report shows {expected}; text starts with: {}",
        &text[..text.len().min(400)]
    );
    s.wait_for("[data-testid=issued-reports]", WAIT).unwrap();

    // Close, reopen from the recent files: everything is there.
    s.click_css("[data-testid=nav-accueil]").unwrap();
    s.click_css("[data-testid=home-close]").unwrap();
    wait_inner(&s, "[data-testid=contract-name]", |t| {
        t == "Aucun contrat ouvert"
    });
    s.click_css("[data-testid=recent-item]").unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Tableau de bord");
    wait_inner(&s, "[data-testid=changes]", |t| {
        t.contains("Depuis le rapport")
    });
    go(&s, "objectifs", "Objectifs");
    wait_inner(&s, "[data-testid=matrix]", |t| {
        t.contains("Objectif transversal de test")
    });
    go(&s, "indicateurs", "Indicateurs");
    let items = s.find_all("[data-testid=indicator-item]").unwrap();
    s.click(&items[pick]).unwrap();
    let cell = s
        .wait_for(&format!("[data-testid=value-{year}]"), WAIT)
        .unwrap();
    let start = Instant::now();
    loop {
        let v = s.attr(&cell, "value").unwrap().unwrap_or_default();
        if plain_spaces(&v) == "987 654" {
            break;
        }
        assert!(start.elapsed() < WAIT, "the value is still there: {v:?}");
        std::thread::sleep(Duration::from_millis(200));
    }
    go(&s, "rapports", "Rapports");
    s.wait_for("[data-testid=issued-reports]", WAIT).unwrap();
}

/// Summed PSS and RSS (from `/proc/PID/smaps_rollup`) of every `copil-app` process and its
/// WebKit children: a measurement printed by the tests, not an assertion.
fn app_memory() -> String {
    let field = |pid: &str, name: &str| -> u64 {
        std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup"))
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let stat = |pid: &str| -> (String, String) {
        let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        let comm = text
            .split('(')
            .nth(1)
            .and_then(|r| r.split(')').next())
            .unwrap_or("")
            .to_owned();
        let ppid = text
            .rsplit(')')
            .next()
            .and_then(|r| r.split_whitespace().nth(1))
            .unwrap_or("")
            .to_owned();
        (comm, ppid)
    };
    let pids: Vec<String> = std::fs::read_dir("/proc")
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
                .collect()
        })
        .unwrap_or_default();
    let apps: Vec<&String> = pids.iter().filter(|p| stat(p).0 == "copil-app").collect();
    let mut parts = Vec::new();
    let (mut pss, mut rss) = (0, 0);
    for pid in &pids {
        let (comm, ppid) = stat(pid);
        if comm == "copil-app" || apps.iter().any(|a| **a == ppid) {
            let (p, r) = (field(pid, "Pss:"), field(pid, "Rss:"));
            pss += p;
            rss += r;
            parts.push(format!("{comm} {} MB", p / 1024));
        }
    }
    format!(
        "memory: PSS {} MB, RSS {} MB ({})",
        pss / 1024,
        rss / 1024,
        parts.join(", ")
    )
}

#[test]
fn every_screen_with_the_demo_is_accessible() {
    let driver = Driver::start();
    let t0 = Instant::now();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    let t1 = Instant::now();
    open_demo(&s);
    eprintln!(
        "MEASURE launch → Accueil {:?}; open demo → dashboard interactive {:?}; total {:?}",
        t1 - t0,
        t1.elapsed(),
        t0.elapsed()
    );
    eprintln!("MEASURE {}", app_memory());
    let axe = axe_source();
    for (id, title) in SCREENS {
        go(&s, id, title);
        std::thread::sleep(Duration::from_millis(400));
        if *id == "indicateurs" {
            s.click_css("[data-testid=indicator-item]").unwrap();
            s.wait_for("[data-testid=value-grid]", WAIT).unwrap();
        }
        assert_accessible(&s, &axe, title);
        s.screenshot(&shot_path(&format!("demo-{id}"))).unwrap();
        if *id == "indicateurs" {
            s.execute(
                "const c = document.querySelector('[data-testid=indicator-chart]'); const m = document.querySelector('main'); m.scrollTop += c.getBoundingClientRect().top - 300;",
                vec![],
            )
            .unwrap();
            s.screenshot(&shot_path("demo-indicateurs-chart")).unwrap();
        }
    }
}

#[test]
fn the_app_makes_no_network_connection() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("connect.log");
    let wrapper = dir.path().join("copil-under-strace");
    std::fs::write(
        &wrapper,
        format!(
            "#!/bin/sh\nexec strace -f -qq -e trace=connect -o '{}' '{}' \"$@\"\n",
            log.display(),
            app_binary().display()
        ),
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let driver = Driver::start();
    let s = driver
        .launch_program(&wrapper, &[])
        .expect("the app starts under strace");
    wait_home(&s);
    open_demo(&s);
    for (id, title) in SCREENS {
        go(&s, id, title);
    }
    s.quit().unwrap();
    drop(s);
    std::thread::sleep(Duration::from_secs(1));
    let text = std::fs::read_to_string(&log).expect("strace wrote its log");
    let calls: Vec<&str> = text.lines().filter(|l| l.contains("connect(")).collect();
    assert!(!calls.is_empty(), "strace saw the app's local connections");
    let outside: Vec<&&str> = calls
        .iter()
        .filter(|l| {
            let local = l.contains("sa_family=AF_UNIX")
                || l.contains("sa_family=AF_NETLINK")
                || l.contains("sa_family=AF_UNSPEC")
                || (l.contains("sa_family=AF_INET,") && l.contains("inet_addr(\"127."))
                || (l.contains("sa_family=AF_INET6")
                    && (l.contains("\"::1\"") || l.contains("\"::ffff:127.")));
            !local
        })
        .collect();
    assert!(
        outside.is_empty(),
        "connections beyond the local machine: {outside:#?}"
    );
    eprintln!("{} local connect() calls, none outside", calls.len());
}

#[test]
fn a_file_held_by_someone_else_opens_read_only_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("partage.copil");
    // Another Copil holds the file (its lock) while the app opens it.
    let _holder = copil_core::demo::create_demo(&file).expect("demo written");
    let driver = Driver::start();
    let s = driver
        .launch(&[file.display().to_string()])
        .expect("the app starts");
    let notice = wait_inner(&s, "[data-testid=read-only-notice]", |t| !t.is_empty());
    assert!(notice.contains("Lecture seule"), "{notice}");
    assert!(notice.contains("déjà ouvert par"), "{notice}");
    assert_eq!(s.inner_text("[data-testid=save-state]").unwrap().trim(), "");
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Tableau de bord");
    s.wait_for("[data-testid=key-figures]", WAIT).unwrap();
    // The figures are there; an edit is refused with a French message.
    let session = invoke(&s, "session", serde_json::json!({}));
    assert_eq!(session["read_only"], true);
    s.screenshot(&shot_path("read-only")).unwrap();
}

#[test]
fn records_are_added_and_edited_in_their_forms() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);
    let wait_until = |what: &str, ok: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !ok() {
            assert!(start.elapsed() < WAIT, "{what}");
            std::thread::sleep(Duration::from_millis(200));
        }
    };

    // A new actor: typed in the dialog, added with « Ajouter », listed.
    go(&s, "acteurs", "Acteurs");
    s.click_css("[data-testid=actor-add]").unwrap();
    s.wait_for("[data-testid=dialog-actor]", WAIT).unwrap();
    type_into(&s, "[data-testid=actor-name]", "Médiathèque de test");
    s.click_css("[data-testid=actor-save]").unwrap();
    wait_inner(&s, "[data-testid=actor-table]", |t| {
        t.contains("Médiathèque de test")
    });
    let has_actor = |name: &str| {
        invoke(&s, "actor_list", serde_json::json!({}))
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["name"] == name)
    };
    assert!(has_actor("Médiathèque de test"));
    s.screenshot(&shot_path("actor-added")).unwrap();

    // Its « Supprimer » button is named after it, and asks before deleting.
    let delete = s
        .find_all("[data-testid=actor-delete]")
        .unwrap()
        .into_iter()
        .find(|b| {
            s.attr(b, "aria-label").unwrap().as_deref() == Some("Supprimer Médiathèque de test")
        })
        .expect("a delete button named after the new actor");
    s.click(&delete).unwrap();
    s.wait_for("[data-testid=actor-delete-confirm-confirm]", WAIT)
        .unwrap();
    s.click_css("[data-testid=actor-delete-confirm-confirm]")
        .unwrap();
    wait_until("the actor is deleted", &|| {
        !has_actor("Médiathèque de test")
    });

    // A new action, in the inline form of its screen: added with « Ajouter », then its form
    // says edits are saved at once.
    go(&s, "actions", "Actions & financements");
    s.click_css("[data-testid=action-add]").unwrap();
    type_into(&s, "[data-testid=action-title]", "Action ajoutée en test");
    s.click_css("[data-testid=action-save]").unwrap();
    wait_until("the action is saved", &|| {
        invoke(&s, "action_list", serde_json::json!({}))
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["title"] == "Action ajoutée en test")
    });
    wait_inner(&s, "[data-testid=action-detail]", |t| {
        t.contains("enregistrée aussitôt")
    });

    // An existing QPV: the dialog says edits are saved at once, and the new name is saved
    // when the field is left, without any button.
    go(&s, "quartiers", "Quartiers");
    s.click(&s.find_all("[data-testid=district-edit]").unwrap()[0])
        .unwrap();
    let dialog = wait_inner(&s, "[data-testid=dialog-district]", |t| {
        t.contains("enregistrée aussitôt")
    });
    assert!(!dialog.contains("Ajouter"), "no add button when editing");
    replace_text(
        &s,
        "[data-testid=district-name]",
        "Quartier renommé en test",
    );
    // Leaving the field saves it.
    s.press(&[keys::TAB]).unwrap();
    s.screenshot(&shot_path("district-edit")).unwrap();
    wait_until("the QPV's new name is saved", &|| {
        invoke(&s, "district_list", serde_json::json!({}))
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["name"] == "Quartier renommé en test")
    });
    s.press(&[keys::ESCAPE]).unwrap();
    wait_inner(&s, "[data-testid=district-table]", |t| {
        t.contains("Quartier renommé en test")
    });
}

/// The themes' ids in display order, as the core has them.
fn theme_order(s: &Session) -> Vec<i64> {
    invoke(s, "theme_list", serde_json::json!({}))
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_i64().unwrap())
        .collect()
}

/// Waits until the core's theme order is `want`.
fn wait_theme_order(s: &Session, want: &[i64], what: &str) {
    let start = Instant::now();
    while theme_order(s) != want {
        assert!(start.elapsed() < WAIT, "{what}: {:?}", theme_order(s));
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn a_theme_moves_in_one_edit_and_a_backup_restores_after_confirmation() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);
    let original = theme_order(&s);

    // A backup of the original order, taken from the Journal screen.
    go(&s, "journal", "Journal");
    let before = s.find_all("[data-testid=backup-restore]").unwrap().len();
    s.click_css("[data-testid=backup-now]").unwrap();
    let start = Instant::now();
    while s.find_all("[data-testid=backup-restore]").unwrap().len() <= before {
        assert!(start.elapsed() < WAIT, "the new backup is listed");
        std::thread::sleep(Duration::from_millis(200));
    }

    // Moving the first theme down swaps it with the second, as one line of the journal.
    go(&s, "themes", "Thèmes");
    s.click_css("[data-testid=theme-down-0]").unwrap();
    let mut moved = original.clone();
    moved.swap(0, 1);
    wait_theme_order(&s, &moved, "the first theme moved down");
    let journal = invoke(&s, "audit_log", serde_json::json!({"limit": 2}));
    assert_eq!(journal[0]["summary"], "Ordre des thèmes", "{journal}");
    assert_ne!(journal[1]["summary"], "Ordre des thèmes", "{journal}");
    assert_eq!(
        s.focused_testid().unwrap(),
        "theme-down-1",
        "the focus follows the moved theme"
    );

    // Restoring asks first, in the app's own dialog; « Annuler » changes nothing.
    go(&s, "journal", "Journal");
    let newest = || s.find_all("[data-testid=backup-restore]").unwrap()[0].clone();
    s.click(&newest()).unwrap();
    s.wait_for("[data-testid=backup-restore-confirm-cancel]", WAIT)
        .unwrap();
    s.screenshot(&shot_path("restore-confirm")).unwrap();
    s.click_css("[data-testid=backup-restore-confirm-cancel]")
        .unwrap();
    assert_eq!(theme_order(&s), moved, "cancel restores nothing");
    s.click(&newest()).unwrap();
    s.wait_for("[data-testid=backup-restore-confirm-confirm]", WAIT)
        .unwrap();
    s.click_css("[data-testid=backup-restore-confirm-confirm]")
        .unwrap();
    s.wait_text("[data-testid=notice]", WAIT, |t| {
        t.contains("La sauvegarde a été restaurée")
    })
    .unwrap();
    wait_theme_order(&s, &original, "the backup's order is back");
}

/// Presses Tab until the element with `testid` has focus (at most `max` times).
fn tab_to(s: &Session, testid: &str, max: usize) {
    for _ in 0..max {
        if s.focused_testid().unwrap() == testid {
            return;
        }
        s.press(&[keys::TAB]).unwrap();
    }
    panic!(
        "Tab never reached {testid}; focus is on {:?}",
        s.focused_testid().unwrap()
    );
}

#[test]
fn the_main_job_works_from_the_keyboard() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("clavier.pdf");
    let driver = Driver::start_with(&[("COPIL_E2E_REPORT_PATH", pdf.display().to_string())]);
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    // Open the demo: Tab to the button, Enter.
    tab_to(&s, "home-demo", 40);
    s.press(&[keys::ENTER]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Tableau de bord");
    s.wait_for("[data-testid=key-figures]", WAIT).unwrap();
    // Ctrl+4: Indicateurs; the first indicator, then its first value cell.
    s.press(&[keys::CONTROL, "4"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Indicateurs");
    tab_to(&s, "indicator-item", 10);
    s.press(&[keys::ENTER]).unwrap();
    s.wait_for("[data-testid=value-grid]", WAIT).unwrap();
    tab_to(&s, "value-2024", 30);
    s.press(&[keys::CONTROL, "a"]).unwrap();
    for ch in "4321".chars() {
        s.press(&[&ch.to_string()]).unwrap();
    }
    s.press(&[keys::ENTER]).unwrap();
    wait_inner(&s, "[data-testid=save-state]", |t| t.contains("Enregistré"));
    let cell = s.find("[data-testid=value-2024]").unwrap();
    let start = Instant::now();
    while plain_spaces(&s.attr(&cell, "value").unwrap().unwrap_or_default()) != "4 321" {
        assert!(
            start.elapsed() < WAIT,
            "the value typed at the keyboard was saved"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Ctrl+P: Rapports; Tab to the button, Enter.
    s.press(&[keys::CONTROL, "p"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Rapports");
    tab_to(&s, "report-generate", 15);
    s.press(&[keys::ENTER]).unwrap();
    s.wait_for("[data-testid=report-done]", Duration::from_secs(90))
        .unwrap();
    assert!(pdf.exists(), "the report was written");
}

/// Markup typed by a user (or arriving from a workbook) as the text of a record.
fn payload(k: &str) -> String {
    format!(
        r#"<img src=x data-pwned=1 onerror="window.__pwned=1"><script>window.__pwned=2</script> {k}"#
    )
}

#[test]
fn markup_in_every_text_field_is_shown_inert() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);
    let objective = invoke(&s, "objective_list", serde_json::json!({}))[0]["id"].clone();
    let theme = invoke(&s, "theme_list", serde_json::json!({}))[0]["id"].clone();
    invoke(
        &s,
        "theme_save",
        serde_json::json!({"value": {"id": 0, "name": payload("thème"), "position": 99}}),
    );
    invoke(
        &s,
        "objective_save",
        serde_json::json!({"value": {"id": 0, "parent_id": null, "code": "9", "title": payload("objectif"),
            "description": payload("description"), "theme_ids": [theme]}}),
    );
    invoke(
        &s,
        "district_save",
        serde_json::json!({"value": {"id": 0, "code": "QN06299Z", "name": payload("quartier"), "communes": ["62498"],
            "population": null, "ifn": null}}),
    );
    invoke(
        &s,
        "actor_save",
        serde_json::json!({"value": {"id": 0, "name": payload("acteur"), "kind": "association", "siret": null,
            "labels": [], "district_ids": [], "contact": payload("contact")}}),
    );
    invoke(
        &s,
        "action_save",
        serde_json::json!({"value": {"id": 0, "title": payload("action"), "description": payload("desc"),
            "porteur_id": null, "status": "running", "start_date": "2025-01-06", "end_date": null,
            "audience": payload("public"), "weather": "amber", "weather_comment": payload("météo"),
            "district_ids": [], "objective_ids": [objective], "theme_ids": []}}),
    );
    invoke(
        &s,
        "indicator_save",
        serde_json::json!({"value": {"id": 0, "name": payload("indicateur"), "unit": "count", "direction": "higher",
            "kind": "cumulative", "baseline_value": null, "baseline_date": null, "source": payload("source"),
            "by_district": false, "targets": [], "objective_ids": [objective]}}),
    );
    let meeting = invoke(
        &s,
        "meeting_save",
        serde_json::json!({"value": {"id": 0, "kind": "copil", "title": payload("instance"), "date": "2026-06-02",
            "place": payload("lieu"), "agenda": payload("ordre du jour"),
            "participants": [{"actor_id": null, "label": payload("participants"), "kind": "other", "headcount": 2}]}}),
    )["id"]
        .clone();
    invoke(
        &s,
        "decision_save",
        serde_json::json!({"value": {"id": 0, "meeting_id": meeting, "text": payload("décision"),
            "owner": payload("responsable"), "due_date": "2026-01-15", "status": "todo", "closed_on": null}}),
    );
    // Shown literally: in the page text, or as the value of an input (themes are renamed in place).
    let probe = "const lit = '<img src=x data-pwned=1'; \
                 const inInputs = [...document.querySelectorAll('input, textarea')].some((i) => i.value.includes(lit)); \
                 return [document.querySelectorAll('[data-pwned]').length, typeof window.__pwned, \
                 document.body.innerText.includes(lit) || inInputs];";
    for (id, title) in SCREENS {
        go(&s, id, title);
        std::thread::sleep(Duration::from_millis(500));
        let r = s.execute(probe, vec![]).unwrap();
        assert_eq!(r[0], 0, "{title}: markup became an element");
        assert_eq!(r[1], "undefined", "{title}: a script ran");
        if [
            "objectifs",
            "actions",
            "acteurs",
            "quartiers",
            "themes",
            "instances",
        ]
        .contains(id)
        {
            assert_eq!(r[2], true, "{title}: the text is shown literally");
        }
    }
}

/// The inner texts of every element matching `css`, in page order.
fn texts(s: &Session, css: &str) -> Vec<String> {
    let v = s
        .execute(
            "return [...document.querySelectorAll(arguments[0])].map((e) => e.innerText.trim());",
            vec![css.into()],
        )
        .unwrap();
    serde_json::from_value(v).unwrap()
}

/// The dashboard's « Bilans … reçus » tile: its value and its detail.
fn bilans_tile(s: &Session) -> (String, String) {
    go(s, "tableau", "Tableau de bord");
    s.wait_for("[data-testid=tile-bilans]", WAIT).unwrap();
    (
        s.inner_text("[data-testid=tile-bilans] .tvalue").unwrap(),
        s.inner_text("[data-testid=tile-bilans] .tdetail").unwrap(),
    )
}

/// Sets the value of a date field or a select as a user's choice would (input + change).
fn set_value(s: &Session, css: &str, value: &str) {
    s.wait_for(css, WAIT).unwrap();
    s.execute(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; \
         e.dispatchEvent(new Event('input', { bubbles: true })); \
         e.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![css.into(), value.into()],
    )
    .unwrap();
}

#[test]
fn the_bilans_screen_follows_the_round_as_the_dashboard_and_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("rapport.pdf");
    let folder = dir.path().join("classeurs");
    std::fs::create_dir(&folder).unwrap();
    let driver = Driver::start_with(&[
        ("COPIL_E2E_REPORT_PATH", pdf.display().to_string()),
        ("COPIL_E2E_BILANS_DIR", folder.display().to_string()),
    ]);
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);

    // The round's figures on the Bilans screen are the dashboard's tile.
    let (tile, detail) = bilans_tile(&s);
    assert_eq!(one_line(&tile), "6 / 8", "the demo's tile");
    go(&s, "bilans", "Bilans");
    let figure = wait_inner(&s, "[data-testid=round-figure] strong", |t| !t.is_empty());
    assert_eq!(one_line(&figure), one_line(&tile));
    let on_time = s.inner_text("[data-testid=round-on-time]").unwrap();
    assert!(
        one_line(&detail).starts_with(&one_line(&on_time)),
        "« {on_time} » on the screen, « {detail} » on the tile"
    );
    let progress = s.find("[data-testid=round-progress]").unwrap();
    assert_eq!(s.attr(&progress, "value").unwrap().as_deref(), Some("6"));
    assert_eq!(s.attr(&progress, "max").unwrap().as_deref(), Some("8"));
    assert!(s
        .attr(&progress, "aria-label")
        .unwrap()
        .unwrap()
        .starts_with("Bilans 2026 reçus"));

    // The late filter lists exactly the bilans the core says are late.
    let status = invoke(
        &s,
        "bilan_round_status",
        serde_json::json!({ "year": 2026 }),
    );
    let bilans = status["bilans"].as_array().unwrap();
    let late: Vec<&serde_json::Value> = bilans.iter().filter(|b| b["state"] == "late").collect();
    assert_eq!(late.len(), 2, "two late bilans in the demo");
    assert_eq!(texts(&s, "[data-testid=bilan-row]").len(), bilans.len());
    s.click_css("[data-testid=bilan-late-only]").unwrap();
    let shown = {
        let start = Instant::now();
        loop {
            let t = texts(&s, "[data-testid=bilan-action]");
            if t.len() == late.len() || start.elapsed() > WAIT {
                break t;
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    };
    let want: Vec<String> = late
        .iter()
        .map(|b| b["action"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(shown, want);
    assert!(texts(&s, "[data-testid=bilan-state]")
        .iter()
        .all(|t| t == "En retard"));

    // The reminder of the late porteurs, as the core writes it.
    s.click_css("[data-testid=bilan-reminders]").unwrap();
    s.wait_for("[data-testid=bilan-reminder-text]", WAIT)
        .unwrap();
    let reminder = s
        .execute(
            "return document.querySelector('[data-testid=bilan-reminder-text]').value;",
            vec![],
        )
        .unwrap();
    let reminder = reminder.as_str().unwrap();
    for b in &late {
        assert!(
            reminder.contains(b["porteur"].as_str().unwrap()),
            "{reminder}"
        );
    }

    // A late bilan received on paper: its values typed in the grid, then marked received.
    let paper = late
        .iter()
        .min_by_key(|b| b["values_received"].as_u64())
        .unwrap();
    let id = paper["action_id"].as_i64().unwrap();
    s.click_css(&format!(
        "[data-testid=bilan-row][data-action-id='{id}'] [data-testid=bilan-open]"
    ))
    .unwrap();
    s.wait_for("[data-testid=bilan-grid]", WAIT).unwrap();
    for v in paper["values"].as_array().unwrap() {
        if !v["value"].is_null() {
            continue;
        }
        let key = format!(
            "{}-{}",
            v["indicator_id"],
            v["district_id"]
                .as_i64()
                .map(|d| d.to_string())
                .unwrap_or_default()
        );
        type_into(&s, &format!("[data-testid=bilan-value-{key}]"), "12");
        if v["unit"] == "percent" {
            type_into(&s, &format!("[data-testid=bilan-base-{key}]"), "40");
        }
    }
    s.click_css("[data-testid=bilan-save]").unwrap();
    s.click_css("[data-testid=bilan-late-only]").unwrap();
    wait_inner(&s, "[data-testid=round-figure] strong", |t| {
        one_line(t) == "7 / 8"
    });
    set_value(&s, "[data-testid=bilan-mark-date]", "2026-11-30");
    s.click_css("[data-testid=bilan-mark]").unwrap();
    wait_inner(
        &s,
        &format!("[data-testid=bilan-row][data-action-id='{id}'] [data-testid=bilan-received-on]"),
        |t| t.starts_with("30 novembre 2026"),
    );
    let progress = s.find("[data-testid=round-progress]").unwrap();
    assert_eq!(s.attr(&progress, "value").unwrap().as_deref(), Some("7"));
    s.screenshot(&shot_path("bilans-received")).unwrap();

    // One workbook per porteur written into the folder, as the screen lists them.
    s.click_css("[data-testid=bilan-collect]").unwrap();
    s.wait_for("[data-testid=bilan-collection-file]", WAIT)
        .unwrap();
    let listed = texts(&s, "[data-testid=bilan-collection-file]");
    let mut porteurs: Vec<i64> = bilans
        .iter()
        .filter_map(|b| b["porteur_id"].as_i64())
        .collect();
    porteurs.sort_unstable();
    porteurs.dedup();
    let written: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    assert_eq!(written.len(), porteurs.len(), "{written:?}");
    assert_eq!(listed.len(), written.len(), "{listed:?}");
    for p in &written {
        let name = p.display().to_string();
        assert!(
            listed.iter().any(|l| l.contains(&name)),
            "{name} in {listed:?}"
        );
    }

    // The dashboard's tile moved, and the report says the same.
    let (tile, _) = bilans_tile(&s);
    assert_eq!(one_line(&tile), "7 / 8");
    go(&s, "rapports", "Rapports");
    s.click_css("[data-testid=report-generate]").unwrap();
    s.wait_for("[data-testid=report-done]", Duration::from_secs(90))
        .unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-raw".as_ref(), pdf.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs");
    let text = one_line(&String::from_utf8_lossy(&out.stdout));
    let synthesis = &text[text.rfind("1. Synthèse").unwrap()..];
    assert!(
        synthesis.contains("Bilans 2026 reçus") && synthesis.contains("7 / 8"),
        "{synthesis}"
    );
}

#[test]
fn returned_workbooks_are_previewed_then_imported_each_all_or_nothing() {
    use copil_acceptance::workbooks::{fill, save};
    use copil_core::exchange::{read_workbook, Cell};
    // The porteurs' workbooks as `copil collect` writes them for the demo's 2026 round.
    let dir = tempfile::tempdir().unwrap();
    let cli_demo = dir.path().join("demo.copil");
    let sent = dir.path().join("envoi");
    for args in [
        vec!["demo".to_string(), cli_demo.display().to_string()],
        vec![
            "collect".into(),
            cli_demo.display().to_string(),
            "--year".into(),
            "2026".into(),
            "-o".into(),
            sent.display().to_string(),
        ],
    ] {
        let args: Vec<&dyn AsRef<std::ffi::OsStr>> = args.iter().map(|a| a as _).collect();
        let out = copil_acceptance::copil(&args);
        assert!(out.status.success(), "{}", copil_acceptance::stderr(&out));
    }
    // The centre social completes its late bilan; the Agglo types a word where a number goes.
    let workbook = |porteur: &str| sent.join(format!("Bilan 2026 – {porteur}.xlsx"));
    let france_services = "Accès aux droits en ligne à l'espace France Services";
    let share = "Part des personnes accompagnées résidant en QPV";
    let mut wb = read_workbook(&workbook("Centre social Jean-Jaurès")).unwrap();
    fill(
        &mut wb,
        france_services,
        share,
        "Valeur",
        Cell::Number(61.0),
    );
    fill(
        &mut wb,
        france_services,
        share,
        "Base (personnes)",
        Cell::Number(250.0),
    );
    fill(
        &mut wb,
        france_services,
        "Mandats Aidants Connect créés",
        "Valeur",
        Cell::Number(35.0),
    );
    let csjj = dir.path().join("bilan centre social.xlsx");
    save(&wb, &csjj);
    let mut wb = read_workbook(&workbook("Communauté d'agglomération de Lens-Liévin")).unwrap();
    fill(
        &mut wb,
        "Formation des travailleurs sociaux au repérage des fragilités numériques",
        "Professionnels de première ligne formés",
        "Valeur",
        Cell::Text("douze".into()),
    );
    let agglo = dir.path().join("bilan agglo.xlsx");
    save(&wb, &agglo);

    let driver = Driver::start_with(&[(
        "COPIL_E2E_BILANS_IMPORT",
        format!("{}\n{}", csjj.display(), agglo.display()),
    )]);
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);
    go(&s, "bilans", "Bilans");
    wait_inner(&s, "[data-testid=round-figure] strong", |t| {
        one_line(t) == "6 / 8"
    });

    // The preview: both workbooks, what each would do, the Agglo's row error in French.
    s.click_css("[data-testid=bilan-import]").unwrap();
    s.wait_for("[data-testid=bilan-import-workbook]", WAIT)
        .unwrap();
    let previews = texts(&s, "[data-testid=bilan-import-workbook]");
    assert_eq!(previews.len(), 2, "{previews:?}");
    let of = |name: &str| {
        previews
            .iter()
            .find(|p| p.contains(name))
            .unwrap_or_else(|| panic!("{name} in {previews:?}"))
            .clone()
    };
    let centre = one_line(&of("bilan centre social.xlsx"));
    assert!(
        centre.contains("bilan centre social.xlsx — Centre social Jean-Jaurès"),
        "{centre}"
    );
    assert!(
        centre.contains(&format!("« {france_services} » : 4 / 4 valeur(s) — Reçu")),
        "{centre}"
    );
    let refused = one_line(&of("bilan agglo.xlsx"));
    assert!(
        refused.contains("douze"),
        "the cell's text is quoted: {refused}"
    );
    assert!(refused.contains("ne sera pas importé"), "{refused}");
    let round = invoke(
        &s,
        "bilan_round_status",
        serde_json::json!({ "year": 2026 }),
    );
    assert_eq!(
        round["rate"]["received"], 6,
        "the preview wrote nothing: {round}"
    );

    // Confirmed: the centre social's bilan is in, the Agglo's changed nothing.
    s.click_css("[data-testid=bilan-import-confirm]").unwrap();
    s.wait_for("[data-testid=bilan-import-applied]", WAIT)
        .unwrap();
    let rate = texts(&s, "[data-testid=bilan-import-rate]").join(" ");
    assert!(one_line(&rate).contains("7 / 8"), "{rate}");
    let skipped = texts(&s, "[data-testid=bilan-import-skipped]");
    assert_eq!(skipped, ["Ce classeur n'a pas été importé."], "the Agglo's");
    s.screenshot(&shot_path("bilans-imported")).unwrap();
    s.click_css("[data-testid=bilan-import-cancel]").unwrap();
    wait_inner(&s, "[data-testid=round-figure] strong", |t| {
        one_line(t) == "7 / 8"
    });
    let status = invoke(
        &s,
        "bilan_round_status",
        serde_json::json!({ "year": 2026 }),
    );
    let state = |action: &str| {
        status["bilans"]
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["action"] == action)
            .map(|b| b["state"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(state(france_services), "received");
    assert_eq!(
        state("Formation des travailleurs sociaux au repérage des fragilités numériques"),
        "late"
    );
}

#[test]
fn the_indicators_screen_lists_the_contributions_behind_a_value() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);

    // An indicator two actions or more report on, for 2026 and the whole territory.
    let indicators = invoke(&s, "indicator_list", serde_json::json!({}));
    let (name, detail) = indicators
        .as_array()
        .unwrap()
        .iter()
        .find_map(|i| {
            let d = invoke(
                &s,
                "value_detail",
                serde_json::json!({ "indicatorId": i["id"], "year": 2026, "districtId": null }),
            );
            let mut actions: Vec<i64> = d["contributions"]
                .as_array()?
                .iter()
                .map(|c| c["action_id"].as_i64().unwrap())
                .collect();
            actions.dedup();
            (actions.len() >= 2).then(|| (i["name"].as_str().unwrap().to_owned(), d))
        })
        .expect("the demo has an indicator with two actions");

    go(&s, "indicateurs", "Indicateurs");
    s.wait_for("[data-testid=indicator-item]", WAIT).unwrap();
    s.execute(
        "[...document.querySelectorAll('[data-testid=indicator-item]')].find((e) => e.innerText.trim() === arguments[0]).click();",
        vec![name.clone().into()],
    )
    .unwrap();
    s.wait_text("#ind-detail-title", WAIT, |t| t == name)
        .unwrap();
    set_value(&s, "[data-testid=value-detail-year]", "2026");
    let want: Vec<String> = detail["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["action"].as_str().unwrap().to_owned())
        .collect();
    let start = Instant::now();
    let shown = loop {
        let t = texts(&s, "[data-testid=value-detail-action]");
        if t == want || start.elapsed() > WAIT {
            break t;
        }
        std::thread::sleep(Duration::from_millis(150));
    };
    assert_eq!(
        shown, want,
        "{name}: one row per contribution, in the core's order"
    );
    let amounts = texts(&s, "[data-testid=value-detail-amount]");
    for (c, shown) in detail["contributions"]
        .as_array()
        .unwrap()
        .iter()
        .zip(&amounts)
    {
        let v = c["value"].as_f64().unwrap();
        assert!(
            v.fract() != 0.0 || plain_spaces(shown).starts_with(&french_integer(v)),
            "{shown} for {v}"
        );
    }
    if let Some(caveat) = detail["caveat"].as_str() {
        assert_eq!(
            s.inner_text("[data-testid=value-detail-caveat]").unwrap(),
            caveat
        );
    }
    s.execute(
        "document.querySelector('[data-testid=value-detail]').scrollIntoView();",
        vec![],
    )
    .unwrap();
    s.screenshot(&shot_path("indicateurs-contributions"))
        .unwrap();
}

/// The smallest computed font size, in CSS pixels, of the elements holding text under `css`.
fn smallest_text_px(s: &Session, css: &str) -> f64 {
    let v = s
        .execute(
            "const sizes = [...document.querySelectorAll(arguments[0] + ' *')] \
               .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== '')) \
               .filter((e) => e.getClientRects().length > 0 && !e.closest('.visually-hidden')) \
               .map((e) => parseFloat(getComputedStyle(e).fontSize)); \
             return sizes.length ? Math.min(...sizes) : 0;",
            vec![css.into()],
        )
        .unwrap();
    v.as_f64().unwrap()
}

/// The `value` of an input.
fn input_value(s: &Session, css: &str) -> String {
    let el = s.wait_for(css, WAIT).unwrap();
    s.attr(&el, "value").unwrap().unwrap_or_default()
}

/// Presses `key` in the projection and waits for the current item's title to become `want`.
fn project_key(s: &Session, key: &str, want: &str) {
    s.press(&[key]).unwrap();
    wait_inner(s, "[data-testid=projection-title]", |t| t == want);
}

#[test]
fn a_seance_runs_from_the_keyboard_and_its_releve_holds_what_was_decided() {
    let dir = tempfile::tempdir().unwrap();
    let releve = dir.path().join("releve.pdf");
    let driver = Driver::start_with(&[("COPIL_E2E_RELEVE_PATH", releve.display().to_string())]);
    let s = driver.launch(&[]).expect("the app starts");
    s.set_window_size(1280, 800)
        .expect("the window takes 1280×800");
    wait_home(&s);
    open_demo(&s);
    let axe = axe_source();

    // Ctrl+9: Instances; the first row is the COPIL of 10 December 2026, ready to start.
    s.press(&[keys::CONTROL, "9"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Instances");
    let first = wait_inner(&s, "[data-testid=meeting-row]", |t| !t.is_empty());
    assert!(first.contains("10 décembre 2026"), "{first}");
    tab_to(&s, "sitting-start", 120);
    s.press(&[keys::ENTER]).unwrap();

    // The projection: the agenda the core proposes, the first item current.
    s.wait_for("[data-testid=projection]", WAIT).unwrap();
    let agenda = texts(&s, "[data-testid=projection-item]");
    assert!(agenda.len() >= 5, "the proposed agenda: {agenda:?}");
    assert!(
        agenda[0].starts_with("Adoption du relevé de décisions du"),
        "{agenda:?}"
    );
    assert!(
        agenda.contains(&"Suivi des décisions".to_owned()),
        "{agenda:?}"
    );
    assert!(
        agenda.iter().any(|t| t.starts_with("Programmation")),
        "{agenda:?}"
    );
    wait_inner(&s, "[data-testid=projection-title]", |t| t == agenda[0]);
    let viewport = s
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .unwrap();
    assert_accessible(&s, &axe, "the projection");
    let px = smallest_text_px(&s, "[data-testid=projection]");
    assert!(
        px >= 24.0,
        "the projection's text is at least 24 px at {viewport}: smallest {px} px"
    );
    // → ↓ PageDown forward, ← ↑ PageUp back; each step saved, the séance resumes there.
    project_key(&s, keys::RIGHT, &agenda[1]);
    project_key(&s, keys::DOWN, &agenda[2]);
    // The state of the pillar: the dashboard's tiles, as the report prints them.
    let tiles = wait_inner(&s, "[data-testid=projection-tiles]", |t| !t.is_empty());
    let dashboard = invoke(&s, "dashboard", serde_json::json!({}));
    let first_tile = dashboard["tiles"][0]["label"].as_str().unwrap();
    assert!(tiles.contains(first_tile), "{first_tile} in {tiles}");
    s.screenshot(&shot_path("seance-pilier")).unwrap();
    project_key(&s, keys::PAGE_DOWN, &agenda[3]);
    project_key(&s, keys::UP, &agenda[2]);
    project_key(&s, keys::PAGE_UP, &agenda[1]);
    project_key(&s, keys::LEFT, &agenda[0]);
    project_key(&s, keys::RIGHT, &agenda[1]);
    let resume = invoke(&s, "sitting_in_progress", serde_json::json!({}));
    assert_eq!(resume["current_item"]["title"], agenda[1].as_str());
    s.screenshot(&shot_path("seance-projection")).unwrap();

    // Échap: the saisie. Leaving it and coming back with Ctrl+Maj+M resumes the séance.
    s.press(&[keys::ESCAPE]).unwrap();
    s.wait_for("[data-testid=sitting-saisie]", WAIT).unwrap();
    assert_accessible(&s, &axe, "the saisie of the séance");
    tab_to(&s, "sitting-leave", 10);
    s.press(&[keys::ENTER]).unwrap();
    let offer = wait_inner(&s, "[data-testid=sitting-resume]", |t| !t.is_empty());
    assert!(
        offer.contains("en cours") && offer.contains(&agenda[1]),
        "Instances offers to resume where it was: {offer}"
    );
    s.press(&[keys::CONTROL, keys::SHIFT, "m"]).unwrap();
    wait_inner(&s, "[data-testid=projection-title]", |t| t == agenda[1]);
    s.press(&[keys::ESCAPE]).unwrap();
    s.wait_for("[data-testid=sitting-saisie]", WAIT).unwrap();

    // Who chairs, typed in the saisie and printed in the relevé.
    type_into(&s, "[data-testid=sitting-chair]", "Mme la sous-préfète");
    let view = invoke(
        &s,
        "sitting_view",
        serde_json::json!({ "meetingId": resume["meeting"]["id"] }),
    );
    assert_eq!(
        view["sitting"]["chair"], "Mme la sous-préfète",
        "saved at once"
    );

    // Attendance: three structures present, one with three people; the counts by type come
    // from the core.
    let names = texts(&s, "[data-testid=attendance-row] th");
    for i in 0..3 {
        set_value(&s, &format!("[data-testid=attendance-{i}]"), "present");
        s.wait_for(&format!("[data-testid=headcount-{i}]"), WAIT)
            .unwrap();
    }
    wait_inner(&s, "[data-testid=attendance-total]", |t| t == "3");
    type_into(&s, "[data-testid=headcount-0]", "3");
    wait_inner(&s, "[data-testid=attendance-total]", |t| t == "5");
    let by_kind = texts(&s, "[data-testid=attendance-by-kind] tbody tr");
    assert!(!by_kind.is_empty());

    // Follow-up: the first open decision is done, with a comment.
    let followed = s
        .inner_text("[data-testid=follow-up-row] th")
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    set_value(&s, "[data-testid=follow-outcome-0]", "done");
    type_into(&s, "[data-testid=follow-comment-0]", "Fait en novembre.");

    // A new decision with its owner and due date.
    let text = "Lancer l'appel à projets 2028 avant l'été";
    replace_text(&s, "[data-testid=sitting-decision-text]", text);
    replace_text(
        &s,
        "[data-testid=sitting-decision-owner]",
        "Direction de la cohésion sociale",
    );
    set_value(&s, "[data-testid=sitting-decision-due]", "2027-03-31");
    tab_to(&s, "sitting-decision-add", 10);
    s.press(&[keys::ENTER]).unwrap();
    let row = wait_inner(&s, "[data-testid=sitting-decision-row]", |t| {
        t.contains(text)
    });
    assert!(row.contains("31 mars 2027"), "{row}");

    // Programmation: the first line favorable for less than asked, the second ajournée.
    let lines = texts(&s, "[data-testid=avis-row]");
    assert!(lines.len() >= 2, "two requests to examine: {lines:?}");
    set_value(&s, "[data-testid=avis-0]", "favorable");
    let asked = plain_spaces(&input_value(&s, "[data-testid=avis-amount-0]"));
    let asked: i64 = asked
        .replace(' ', "")
        .parse()
        .expect("the amount sollicité");
    let reduced = asked - asked / 5 / 500 * 500 - 500;
    type_into(&s, "[data-testid=avis-amount-0]", &reduced.to_string());
    let reduced_text = format!("{} €", french_integer(reduced as f64));
    wait_inner(&s, "[data-testid=programmation-granted]", |t| {
        plain_spaces(t) == reduced_text
    });
    set_value(&s, "[data-testid=avis-1]", "postponed");
    wait_inner(&s, "[data-testid=avis-table]", |t| t.contains("Ajourné"));
    s.screenshot(&shot_path("seance-saisie")).unwrap();
    // F5: the projection again, at the item it was; → to the programmation and its totals.
    s.press(&[keys::F5]).unwrap();
    wait_inner(&s, "[data-testid=projection-title]", |t| t == agenda[1]);
    let programmation = agenda
        .iter()
        .position(|t| t.starts_with("Programmation"))
        .unwrap();
    for title in &agenda[2..=programmation] {
        project_key(&s, keys::RIGHT, title);
    }
    wait_inner(&s, "[data-testid=projection-programmation]", |t| {
        plain_spaces(t).contains(&reduced_text)
    });
    assert_accessible(&s, &axe, "the projection of the programmation");
    let px = smallest_text_px(&s, "[data-testid=projection]");
    assert!(px >= 24.0, "the programmation's text: smallest {px} px");
    s.screenshot(&shot_path("seance-programmation")).unwrap();
    s.press(&[keys::ESCAPE]).unwrap();
    s.wait_for("[data-testid=sitting-saisie]", WAIT).unwrap();

    // Close: confirm, the relevé is written.
    tab_to(&s, "sitting-close", 200);
    s.press(&[keys::ENTER]).unwrap();
    s.wait_for("[data-testid=sitting-close-confirm]", WAIT)
        .unwrap();
    tab_to(&s, "sitting-close-confirm", 5);
    s.press(&[keys::ENTER]).unwrap();
    s.wait_for("[data-testid=releve-done]", Duration::from_secs(90))
        .unwrap();
    wait_inner(&s, "[data-testid=sitting-state]", |t| t == "Close");
    // Once closed, the programmation is what the séance gave an avis on, by financeur.
    let totals = texts(&s, "[data-testid=programmation-total-row]");
    assert!(!totals.is_empty());

    // The relevé read back.
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&releve)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let pdf = plain_spaces(&String::from_utf8_lossy(&out.stdout));
    let flat = one_line(&pdf);
    assert!(
        pdf.contains("Relevé de décisions — COPIL du 10 décembre 2026"),
        "{pdf}"
    );
    assert!(
        pdf.lines()
            .any(|l| l.contains("PRÉSIDENCE") && l.contains("Mme la sous-préfète")),
        "{pdf}"
    );
    for row in &by_kind {
        let cells: Vec<&str> = row.split('\t').map(str::trim).collect();
        let (kind, count) = (cells[0], plain_spaces(cells[1]));
        assert!(
            pdf.lines()
                .any(|l| l.trim_start().starts_with(kind) && l.contains(&format!(" {count} "))),
            "participants: {kind} {count} in\n{pdf}"
        );
    }
    for name in &names[..3] {
        assert!(flat.contains(name.as_str()), "present: {name}");
    }
    // The decision's row: its text, its owner and its due date in French, side by side (the
    // cells wrap over two lines).
    assert!(
        pdf.lines()
            .any(|l| l.contains("Lancer l'appel à projets 2028")
                && l.contains("Direction de la")
                && l.contains("31 mars 2027")),
        "the new decision with its owner and due date: {pdf}"
    );
    assert!(flat.contains("cohésion sociale"), "{pdf}");
    let opening: String = followed.split(' ').take(4).collect::<Vec<_>>().join(" ");
    assert!(
        pdf.lines()
            .any(|l| l.contains(opening.as_str()) && l.contains("Faite")),
        "the decision followed up: {opening} … Faite in\n{pdf}"
    );
    assert!(
        flat.contains(&reduced_text),
        "the reduced amount {reduced_text}"
    );
    assert!(flat.contains("Ajourné"), "the ajournée line");
    assert!(pdf.contains("Totaux par financeur"));
    for row in &totals {
        let cells: Vec<String> = row.split('\t').map(|c| plain_spaces(c.trim())).collect();
        let (financeur, granted) = (&cells[0], &cells[4]);
        assert!(
            pdf.lines().any(|l| l.contains(financeur.as_str())
                && l.trim_end().ends_with(granted.replace(' ', "").as_str())
                || l.contains(financeur.as_str()) && l.contains(granted.as_str())),
            "total of {financeur}: {granted} in\n{pdf}"
        );
    }

    // Back to Instances: the new decision is open, the one closed no longer is.
    tab_to(&s, "sitting-leave", 10);
    s.press(&[keys::ENTER]).unwrap();
    let open = wait_inner(&s, "[data-testid=open-decisions]", |t| t.contains(text));
    assert!(!open.contains(&followed), "{followed} was closed: {open}");

    // The next COPIL, once set, follows the new decision up: its séance's « Suivi des décisions ».
    invoke(
        &s,
        "meeting_save",
        serde_json::json!({"value": {
            "id": 0, "kind": "copil", "title": "COPIL de printemps", "date": "2027-04-13",
            "place": "Lens", "agenda": "", "participants": []
        }}),
    );
    s.press(&[keys::CONTROL, "5"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| {
        t == "Actions & financements"
    });
    s.press(&[keys::CONTROL, "9"]).unwrap();
    wait_inner(&s, "[data-testid=meeting-row]", |t| {
        t.contains("13 avril 2027")
    });
    tab_to(&s, "sitting-start", 120);
    s.press(&[keys::ENTER]).unwrap();
    s.wait_for("[data-testid=projection]", WAIT).unwrap();
    project_key(&s, keys::RIGHT, "Suivi des décisions");
    let next = wait_inner(&s, "[data-testid=projection-follow-ups]", |t| {
        t.contains(text)
    });
    assert!(next.contains("31 mars 2027"), "{next}");
    assert!(!next.contains(&followed), "{followed} was closed: {next}");
    s.press(&[keys::ESCAPE]).unwrap();
    tab_to(&s, "sitting-leave", 10);
    s.press(&[keys::ENTER]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Instances");

    // Rapports lists the relevé with the reports.
    s.press(&[keys::CONTROL, "p"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Rapports");
    let issued = wait_inner(&s, "[data-testid=issued-releve]", |t| {
        t.contains("10/12/2026")
    });
    assert!(issued.contains("Relevé de décisions"), "{issued}");

    // Actions: the favorable line is attribué for the reduced amount.
    let action = lines[0]
        .split('\t')
        .next()
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim()
        .to_owned();
    s.press(&[keys::CONTROL, "5"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| {
        t == "Actions & financements"
    });
    let index = texts(&s, "[data-testid=action-row] th")
        .iter()
        .position(|t| *t == action)
        .unwrap_or_else(|| panic!("{action} is listed"));
    let open_buttons = s.find_all("[data-testid=action-open]").unwrap();
    s.click(&open_buttons[index]).unwrap();
    s.wait_for("[data-testid=funding-grid]", WAIT).unwrap();
    let granted: Vec<String> = s
        .find_all("[data-testid=funding-granted]")
        .unwrap()
        .iter()
        .map(|e| plain_spaces(&s.attr(e, "value").unwrap().unwrap_or_default()))
        .collect();
    assert!(
        granted.contains(&french_integer(reduced as f64)),
        "{action}: attribué {reduced} among {granted:?}"
    );
}

#[test]
fn the_releve_of_a_closed_seance_is_written_again_from_instances() {
    let dir = tempfile::tempdir().unwrap();
    let releve = dir.path().join("releve-mars.pdf");
    let driver = Driver::start_with(&[("COPIL_E2E_RELEVE_PATH", releve.display().to_string())]);
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);
    s.press(&[keys::CONTROL, "p"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Rapports");
    let before = texts(&s, "[data-testid=issued-releve]").len();

    // The COPIL of March 2026 is closed: its row offers the relevé, not a séance to start.
    s.press(&[keys::CONTROL, "9"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Instances");
    wait_inner(&s, "[data-testid=meeting-row]", |t| !t.is_empty());
    let rows = s.find_all("[data-testid=meeting-row]").unwrap();
    let march = rows
        .iter()
        .position(|r| s.text(r).unwrap().contains("24 mars 2026"))
        .expect("the COPIL of 24 March 2026 is listed");
    let row = format!("[data-testid=meeting-row]:nth-child({})", march + 1);
    assert!(s
        .find_all(&format!("{row} [data-testid=sitting-start]"))
        .unwrap()
        .is_empty());
    let button = s
        .find(&format!("{row} [data-testid=releve-write]"))
        .unwrap();
    assert_eq!(
        s.attr(&button, "aria-label").unwrap().as_deref(),
        Some("Écrire le relevé de décisions : COPIL du 24/03/2026")
    );
    s.click(&button).unwrap();
    let notice = wait_inner(&s, "[data-testid=notice]", |t| t.contains("écrit"));
    assert!(
        notice.contains("Relevé de décisions du COPIL du 24/03/2026 écrit")
            && notice.contains(&releve.display().to_string()),
        "{notice}"
    );
    let out = std::process::Command::new("pdftotext")
        .args(["-raw".as_ref(), releve.as_os_str(), "-".as_ref()])
        .output()
        .expect("pdftotext runs");
    let text = one_line(&String::from_utf8_lossy(&out.stdout));
    assert!(
        text.contains("Relevé de décisions — COPIL du 24 mars 2026"),
        "{text}"
    );

    // Rapports lists it once more, beside the first one.
    s.press(&[keys::CONTROL, "p"]).unwrap();
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Rapports");
    let start = Instant::now();
    while texts(&s, "[data-testid=issued-releve]").len() != before + 1 {
        assert!(start.elapsed() < WAIT, "the rewritten relevé is listed");
        std::thread::sleep(Duration::from_millis(150));
    }
}

#[test]
fn a_seance_left_in_progress_is_offered_again_where_it_was_when_the_file_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seance.copil");
    drop(copil_core::demo::create_demo(&file).expect("demo written"));
    let driver = Driver::start();
    let s = driver
        .launch(&[file.display().to_string()])
        .expect("the app starts");
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Tableau de bord");
    s.press(&[keys::CONTROL, "9"]).unwrap();
    wait_inner(&s, "[data-testid=meeting-row]", |t| {
        t.contains("10 décembre 2026")
    });
    tab_to(&s, "sitting-start", 120);
    s.press(&[keys::ENTER]).unwrap();
    s.wait_for("[data-testid=projection]", WAIT).unwrap();
    let agenda = texts(&s, "[data-testid=projection-item]");
    project_key(&s, keys::RIGHT, &agenda[1]);
    project_key(&s, keys::RIGHT, &agenda[2]);
    s.quit().unwrap();

    // Opened again: the app says the séance is in progress and where; Ctrl+Maj+M resumes it.
    let s = driver
        .launch(&[file.display().to_string()])
        .expect("the app starts again");
    let notice = wait_inner(&s, "[data-testid=notice]", |t| t.contains("en cours"));
    assert!(
        notice.contains("COPIL du 10 décembre 2026") && notice.contains(&agenda[2]),
        "{notice}"
    );
    s.press(&[keys::CONTROL, keys::SHIFT, "m"]).unwrap();
    wait_inner(&s, "[data-testid=projection-title]", |t| t == agenda[2]);
}

/// The « Lieux » screen of the demo: the map shows every lieu with coordinates and the five QPV
/// outlines, Cité Bellevue (no lieu in or near it) is flagged on the map and in the table, and
/// focusing a lieu's symbol shows its card. Its screenshot is the README's.
#[test]
fn the_places_map_shows_the_demo_lieux_and_flags_the_qpv_with_none() {
    let driver = Driver::start();
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);
    go(&s, "lieux", "Lieux");
    s.wait_for("[data-testid=places-map]", WAIT).unwrap();
    let view = invoke(&s, "places_view", serde_json::json!({}));
    let located = view["places"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["latitude"].is_null())
        .count();
    assert_eq!(located, 12);
    assert_eq!(
        s.find_all("[data-testid=map-point]").unwrap().len(),
        located
    );
    assert_eq!(s.find_all("[data-testid=map-area]").unwrap().len(), 5);
    assert_eq!(s.find_all("[data-testid=place-row]").unwrap().len(), 12);
    let flagged = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=map-area][data-without-place=true]')].map((a) => a.dataset.code);",
            vec![],
        )
        .unwrap();
    assert_eq!(flagged, serde_json::json!(["QN06205F"]));
    let table = wait_inner(&s, "[data-testid=qpv-places-table]", |t| {
        t.contains("QN06205F")
    });
    let bellevue = table
        .lines()
        .find(|l| l.contains("QN06205F"))
        .unwrap_or_default()
        .to_string();
    assert!(bellevue.contains("Aucun lieu"), "{table}");
    assert_eq!(
        s.find_all("[data-testid=qpv-without-place]").unwrap().len(),
        1
    );
    assert!(s
        .inner_text("[data-testid=places-method]")
        .unwrap()
        .contains("haversine"));
    // Focus on a symbol shows the lieu's card.
    s.execute(
        "document.querySelector('[data-testid=map-point]').focus();",
        vec![],
    )
    .unwrap();
    let card = wait_inner(&s, "[data-testid=place-card]", |t| !t.is_empty());
    assert!(
        card.contains("Dans ") || card.contains(" m de ") || card.contains("Hors des QPV"),
        "{card}"
    );
    s.screenshot(&shot_path("lieux")).unwrap();

    // The lieux give the « lieux dans ou à proximité des QPV » indicator its 2025 value: the
    // preview says what it replaces, recording it changes the indicator.
    let feed = wait_inner(&s, "[data-testid=places-feed]", |t| !t.is_empty());
    assert!(
        feed.contains("Renseigner un indicateur depuis les lieux"),
        "{feed}"
    );
    let chosen = s
        .execute(
            "const e = document.querySelector('[data-testid=feed-indicator]'); return e.options[e.selectedIndex].text;",
            vec![],
        )
        .unwrap();
    assert_eq!(chosen, "Lieux de médiation dans ou à proximité des QPV");
    replace_text(&s, "[data-testid=feed-year]", "2025");
    s.click_css("[data-testid=feed-preview]").unwrap();
    let values = wait_inner(&s, "[data-testid=feed-values]", |t| t.contains("remplace"));
    assert!(
        values.contains("Territoire (chaque lieu compté une fois) : 9 (remplace 6)"),
        "{values}"
    );
    s.click_css("[data-testid=feed-apply]").unwrap();
    s.wait_for("[data-testid=feed-done]", WAIT).unwrap();
    let indicators = invoke(&s, "indicator_list", serde_json::json!({}));
    let id = indicators
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "Lieux de médiation dans ou à proximité des QPV")
        .unwrap()["id"]
        .clone();
    let values = invoke(
        &s,
        "measurement_list",
        serde_json::json!({ "indicatorId": id }),
    );
    let v2025: Vec<f64> = values
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["year"] == 2025)
        .map(|m| m["value"].as_f64().unwrap())
        .collect();
    assert_eq!(v2025, [9.0]);
}

/// Selects the option of `value` in the select `css` (index `nth`) as a user does, firing `change`.
fn choose_option(s: &Session, css: &str, nth: usize, value: &str) {
    s.execute(
        "const el = document.querySelectorAll(arguments[0])[arguments[1]]; el.focus(); \
         el.value = arguments[2]; el.dispatchEvent(new Event('change', { bubbles: true }));",
        vec![css.into(), nth.into(), value.into()],
    )
    .unwrap();
}

/// Clicks the indicator of the Indicateurs list named `name` and waits for its detail.
fn select_indicator(s: &Session, name: &str) {
    s.wait_for("[data-testid=indicator-item]", WAIT).unwrap();
    let index = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=indicator-item]')].findIndex((b) => b.innerText.trim() === arguments[0]);",
            vec![name.into()],
        )
        .unwrap();
    let index = index.as_u64().unwrap_or_else(|| panic!("{name} is listed")) as usize;
    let items = s.find_all("[data-testid=indicator-item]").unwrap();
    s.click(&items[index]).unwrap();
    s.wait_text("#ind-detail-title", WAIT, |t| t == name)
        .unwrap();
}

#[test]
fn the_field_data_are_imported_from_the_app_and_read_as_the_core_counts_them() {
    use copil_core::domain::PlaceLink;
    use copil_core::exchange::{import_coop, CoopOptions};
    use copil_core::figures::{self, Pillar, Scope};

    let fixtures = copil_acceptance::workspace_root().join("crates/copil-core/fixtures");
    let export = fixtures.join("coop-numerique_accompagnements_2026-11-10.xlsx");
    let driver = Driver::start_with(&[
        ("COPIL_E2E_COOP_IMPORT", export.display().to_string()),
        (
            "COPIL_E2E_IFN_CITY",
            fixtures
                .join("ifn-city-all-variation.csv")
                .display()
                .to_string(),
        ),
        (
            "COPIL_E2E_IFN_EPCI",
            fixtures
                .join("ifn-epci-all-variation.csv")
                .display()
                .to_string(),
        ),
    ]);
    let s = driver.launch(&[]).expect("the app starts");
    wait_home(&s);
    open_demo(&s);

    // What the core says the import does, on a copy of the app's own file: each place of the
    // export that no action receives yet goes to the action of the same commune.
    let session = invoke(&s, "session", serde_json::json!({}));
    let file = std::path::PathBuf::from(session["file"].as_str().unwrap());
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copie.copil");
    std::fs::copy(&file, &copy).unwrap();
    let mut store = copil_core::Store::open(&copy).unwrap();
    let today = chrono::Local::now().date_naive();
    let actions = store.actions().unwrap();
    let action = |title: &str| actions.iter().find(|a| a.title == title).unwrap().id;
    let (permanences, mediatheque) = (
        action("Permanences de médiation numérique en pied d'immeuble"),
        action("Point numérique de la médiathèque d'Avion"),
    );
    let dry = CoopOptions {
        dry_run: true,
        ..CoopOptions::new(None, today)
    };
    let planned = import_coop(&mut store, &export, &dry).unwrap();
    let places: Vec<PlaceLink> = planned
        .places
        .iter()
        .filter(|p| p.action_id.is_none())
        .map(|p| PlaceLink {
            place: p.place.clone(),
            action_id: if p.place.contains("Avion") {
                mediatheque
            } else {
                permanences
            },
        })
        .collect();
    let options = CoopOptions {
        places: places.clone(),
        ..CoopOptions::new(None, today)
    };
    let expected = import_coop(
        &mut store,
        &export,
        &CoopOptions {
            dry_run: true,
            ..options.clone()
        },
    )
    .unwrap();
    assert!(expected.is_ok(), "{:?}", expected.problems);
    let fed = expected
        .mapping
        .iter()
        .find(|m| m.measure == copil_core::domain::CoopMeasure::Accompaniments)
        .and_then(|m| m.indicator_id)
        .expect("the accompaniments feed an indicator of the demo");
    let before_core = Pillar::load(&store).unwrap();
    let indicator = before_core
        .indicators
        .iter()
        .find(|i| i.id == fed)
        .unwrap()
        .clone();
    assert!(import_coop(&mut store, &export, &options).unwrap().applied);
    let after_core = Pillar::load(&store).unwrap();
    let scope = Scope::today(today);
    let before = figures::indicator_figures(&before_core, &indicator, &scope);
    let after = figures::indicator_figures(&after_core, &indicator, &scope);
    let shown = |v: Option<f64>| {
        plain_spaces(&v.map_or("—".to_string(), |v| {
            copil_core::format::quantity(v, indicator.unit)
        }))
    };
    let publics = figures::coop_publics(&after_core, scope.year, Some(fed)).unwrap();
    // Written so that a demo already holding the field's data still passes: then every place
    // has its action, and re-importing the same export changes nothing.
    let fresh_demo = before_core.field.coop.is_empty();
    let no_ifn_yet = before_core.field.ifn.is_empty();
    drop(store);

    // The Indicateurs screen before.
    go(&s, "indicateurs", "Indicateurs");
    select_indicator(&s, &indicator.name);
    wait_inner(&s, "[data-testid=indicator-actual]", |t| {
        plain_spaces(t) == shown(before.actual)
    });
    let publics_before = invoke(
        &s,
        "coop_publics",
        serde_json::json!({ "indicatorId": fed }),
    );
    if fresh_demo {
        assert_eq!(publics_before, serde_json::Value::Null);
        assert!(
            s.find_all("[data-testid=coop-publics]").unwrap().is_empty(),
            "no publics before any import"
        );
    }

    // Bilans → « Importer un export de La Coop… »: the preview, a select per place without action.
    go(&s, "bilans", "Bilans");
    s.click_css("[data-testid=coop-import]").unwrap();
    s.wait_for("[data-testid=coop-import-places]", WAIT)
        .unwrap();
    if !places.is_empty() {
        let problems = texts(&s, "[data-testid=coop-import-problems] li").join("\n");
        assert!(
            problems.contains("n'est associé à aucune action"),
            "{problems}"
        );
    }
    let selects = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=coop-place-select]')].map((e) => e.dataset.place);",
            vec![],
        )
        .unwrap();
    let selects: Vec<String> = serde_json::from_value(selects).unwrap();
    assert_eq!(selects.len(), places.len(), "{selects:?}");
    for (i, place) in selects.iter().enumerate() {
        let link = places.iter().find(|p| &p.place == place).unwrap();
        choose_option(
            &s,
            "[data-testid=coop-place-select]",
            i,
            &link.action_id.to_string(),
        );
    }
    // The preview then counts what the core counts, year by year.
    let start = Instant::now();
    while !s
        .execute(
            "return !document.querySelector('[data-testid=coop-import-confirm]').disabled;",
            vec![],
        )
        .unwrap()
        .as_bool()
        .unwrap()
    {
        assert!(start.elapsed() < WAIT, "the import becomes possible");
        std::thread::sleep(Duration::from_millis(150));
    }
    let rows = s
        .execute(
            "return [...document.querySelectorAll('[data-testid=coop-import-bilan]')].map((r) => \
             [Number(r.dataset.year), Number(r.dataset.action), \
              r.querySelector('[data-testid=coop-accompaniments]').innerText, \
              r.querySelector('[data-testid=coop-hours]').innerText]);",
            vec![],
        )
        .unwrap();
    let rows: Vec<(i32, i64, String, String)> = serde_json::from_value(rows).unwrap();
    assert_eq!(rows.len(), expected.bilans.len(), "{rows:?}");
    for b in &expected.bilans {
        let row = rows
            .iter()
            .find(|r| r.0 == b.year && r.1 == b.action_id)
            .unwrap_or_else(|| panic!("{} {} in {rows:?}", b.action, b.year));
        assert_eq!(
            plain_spaces(&row.2),
            french_integer(f64::from(b.figures.accompaniments))
        );
        assert_eq!(
            plain_spaces(&row.3),
            plain_spaces(&copil_core::format::number(
                b.figures.minutes as f64 / 60.0,
                1
            ))
        );
    }
    assert_eq!(
        invoke(
            &s,
            "coop_publics",
            serde_json::json!({ "indicatorId": fed })
        ),
        publics_before,
        "the preview wrote nothing"
    );
    s.screenshot(&shot_path("coop-import-preview")).unwrap();
    s.click_css("[data-testid=coop-import-confirm]").unwrap();
    s.wait_for("[data-testid=coop-import-applied]", WAIT)
        .unwrap();
    s.click_css("[data-testid=coop-import-cancel]").unwrap();

    // The Indicateurs screen after: the core's new figure and the publics by genre, age, status.
    go(&s, "indicateurs", "Indicateurs");
    select_indicator(&s, &indicator.name);
    wait_inner(&s, "[data-testid=indicator-actual]", |t| {
        plain_spaces(t) == shown(after.actual)
    });
    if fresh_demo {
        assert_ne!(
            shown(before.actual),
            shown(after.actual),
            "the import changed the figure"
        );
    }
    s.wait_for("[data-testid=coop-breakdown]", WAIT).unwrap();
    let tables = texts(&s, "[data-testid=coop-breakdown]");
    assert_eq!(tables.len(), publics.breakdowns.len(), "{tables:?}");
    assert_eq!(publics.breakdowns.len(), 3, "genre, age band and status");
    for (table, b) in tables.iter().zip(&publics.breakdowns) {
        let table = plain_spaces(&one_line(table));
        for c in &b.categories {
            let line = format!(
                "{} {} {}",
                c.label,
                french_integer(f64::from(c.accompaniments)),
                plain_spaces(&copil_core::format::percent(c.share))
            );
            assert!(table.contains(&line), "{line:?} in {table}");
        }
    }
    s.screenshot(&shot_path("indicateurs-publics")).unwrap();

    // Ctrl+D: the Diagnostic, empty, then La MedNum's files imported from it.
    s.press(&[keys::CONTROL, "d"]).unwrap();
    s.wait_text("[data-testid=screen-title]", WAIT, |t| t == "Diagnostic")
        .unwrap();
    let axe = axe_source();
    if no_ifn_yet {
        s.wait_for("[data-testid=empty-diagnostic]", WAIT).unwrap();
        assert_accessible(&s, &axe, "the empty diagnostic");
    }
    s.click_css("[data-testid=ifn-import]").unwrap();
    s.wait_for("[data-testid=dialog-ifn-import][open]", WAIT)
        .unwrap();
    s.click_css("[data-testid=ifn-choose-city]").unwrap();
    wait_inner(&s, "[data-testid=ifn-city-file]", |t| {
        t == "ifn-city-all-variation.csv"
    });
    s.click_css("[data-testid=ifn-choose-epci]").unwrap();
    wait_inner(&s, "[data-testid=ifn-epci-file]", |t| {
        t == "ifn-epci-all-variation.csv"
    });
    if input_value(&s, "[data-testid=ifn-siren]").is_empty() {
        replace_text(&s, "[data-testid=ifn-siren]", "246200364");
    }
    s.click_css("[data-testid=ifn-preview]").unwrap();
    wait_inner(&s, "[data-testid=ifn-import-communes]", |t| {
        t.contains("Lens (62498) : IFN 6,7")
    });
    assert_accessible(&s, &axe, "the IFN import's preview");
    s.click_css("[data-testid=ifn-import-confirm]").unwrap();
    s.wait_for("[data-testid=ifn-import-applied]", WAIT)
        .unwrap();
    s.click_css("[data-testid=ifn-import-cancel]").unwrap();
    s.wait_for("[data-testid=diagnostic-bars]", WAIT).unwrap();
    let lens = wait_inner(
        &s,
        "[data-testid=diagnostic-commune][data-insee='62498']",
        |t| !t.is_empty(),
    );
    assert!(one_line(&lens).contains("Lens (62498) 6,7"), "{lens}");
    let source = s.inner_text("[data-testid=diagnostic-source]").unwrap();
    assert!(
        source.contains("Indice de fragilité numérique, La MedNum"),
        "{source}"
    );
    s.find("[data-testid=diagnostic-epci]")
        .expect("the EPCI's score is shown");
    assert_accessible(&s, &axe, "the diagnostic");
    s.set_window_size(1280, 900).unwrap();
    s.screenshot(&shot_path("diagnostic")).unwrap();
}

/// The names of the native windows on the display (`xwininfo -root -tree`): what the window
/// manager shows as each window's title.
fn native_window_titles() -> Vec<String> {
    let out = std::process::Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .expect("xwininfo (x11-utils) runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let start = l.find(" \"")? + 2;
            let end = start + l[start..].find("\": ")?;
            Some(l[start..end].to_string())
        })
        .collect()
}

/// The entries of a folder, sorted: what a command left beside a file.
fn folder_entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A contract opened in the app through a symbolic link (a shortcut on the desktop): the window
/// is titled with the link's name, the lock lies beside the real file, nothing beside the link,
/// and the command line cannot write to the file meanwhile, neither through the link nor by
/// its real path (issue 14, « a link bypasses the lock »).
#[test]
fn a_contract_opened_through_a_link_is_locked_at_its_real_path() {
    let dir = tempfile::tempdir().unwrap();
    let share = dir.path().join("partage");
    let desktop = dir.path().join("bureau");
    std::fs::create_dir_all(&share).unwrap();
    std::fs::create_dir_all(&desktop).unwrap();
    let real = share.join("contrat-reel.copil");
    drop(copil_core::demo::create_demo(&real).expect("demo written"));
    let link = desktop.join("raccourci.copil");
    std::os::unix::fs::symlink(&real, &link).unwrap();

    let driver = Driver::start();
    let s = driver
        .launch(&[link.display().to_string()])
        .expect("the app starts");
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Tableau de bord");
    s.wait_for("[data-testid=key-figures]", WAIT).unwrap();
    let session = invoke(&s, "session", serde_json::json!({}));
    assert_eq!(session["read_only"], false, "{session}");
    assert_eq!(session["file_name"], "raccourci.copil", "{session}");
    let start = Instant::now();
    let title = loop {
        let titles = native_window_titles();
        if let Some(t) = titles.iter().find(|t| t.ends_with("— raccourci.copil")) {
            break t.clone();
        }
        assert!(
            start.elapsed() < WAIT,
            "no window titled with the link: {titles:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(title.starts_with("Contrat de ville"), "{title}");

    assert!(
        share.join("contrat-reel.copil.lock").is_file(),
        "the lock is beside the real file: {:?}",
        folder_entries(&share)
    );
    assert_eq!(
        folder_entries(&desktop),
        ["raccourci.copil"],
        "nothing beside the link (no lock, no backup)"
    );

    // A second opener, the command line, is refused through the link and by the real path.
    let perimeters = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/copil-core/tests/fixtures/qpv-perimetres-lens.geojson");
    let before = copil_acceptance::sha256_file(&real);
    for opened in [&link, &real] {
        let out = copil_acceptance::copil(&[&"import-qpv-geo", opened, &perimeters]);
        let err = copil_acceptance::stderr(&out);
        assert_eq!(out.status.code(), Some(3), "{}: {err}", opened.display());
        assert!(err.contains("est déjà ouvert par"), "{err}");
    }
    assert_eq!(copil_acceptance::sha256_file(&real), before);
    assert_eq!(folder_entries(&desktop), ["raccourci.copil"]);
    s.screenshot(&shot_path("link-title")).unwrap();
}

/// A read-only contract file (mode 444, as on a read-only share) opens for consultation with
/// the notice; an edit in the window is refused with the French message, and the file keeps
/// its bytes, its inode and its mode, with nothing written beside it.
#[test]
fn a_read_only_contract_opens_with_the_notice_and_refuses_an_edit_untouched() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("lecture-seule.copil");
    drop(copil_core::demo::create_demo(&file).expect("demo written"));
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let hash = copil_acceptance::sha256_file(&file);
    let inode = std::fs::metadata(&file).unwrap().ino();
    let entries = folder_entries(dir.path());

    let driver = Driver::start();
    let s = driver
        .launch(&[file.display().to_string()])
        .expect("the app starts");
    let notice = wait_inner(&s, "[data-testid=read-only-notice]", |t| !t.is_empty());
    assert!(notice.contains("Lecture seule."), "{notice}");
    assert!(
        notice.contains("protégé en écriture"),
        "the reason: {notice}"
    );
    wait_inner(&s, "[data-testid=screen-title]", |t| t == "Tableau de bord");
    s.wait_for("[data-testid=key-figures]", WAIT).unwrap();
    let session = invoke(&s, "session", serde_json::json!({}));
    assert_eq!(session["read_only"], true, "{session}");

    // Moving a theme is an edit: refused, in French, and the order stays.
    go(&s, "themes", "Thèmes");
    let order = theme_order(&s);
    s.click_css("[data-testid=theme-down-0]").unwrap();
    let refused = s
        .wait_text("[data-testid=notice]", WAIT, |t| {
            t.contains("lecture seule")
        })
        .unwrap();
    assert!(
        refused.contains("lecture-seule.copil")
            && refused.contains("aucune modification n'est possible"),
        "{refused}"
    );
    assert_eq!(theme_order(&s), order, "nothing moved");
    let err = try_invoke(
        &s,
        "theme_reorder",
        serde_json::json!({ "ids": order.iter().rev().collect::<Vec<_>>() }),
    )
    .expect_err("an edit through IPC is refused too");
    assert_eq!(err["code"], "read_only", "{err}");
    s.screenshot(&shot_path("read-only-file")).unwrap();
    s.quit().unwrap();
    drop(driver);

    let meta = std::fs::metadata(&file).unwrap();
    assert_eq!(copil_acceptance::sha256_file(&file), hash, "same bytes");
    assert_eq!(meta.ino(), inode, "same inode: not replaced");
    assert_eq!(meta.mode() & 0o777, 0o444, "same mode");
    assert_eq!(
        folder_entries(dir.path()),
        entries,
        "nothing written beside it"
    );
}
