//! End-to-end tests of the real desktop app (tauri-driver + WebKitWebDriver).
//! Run them with `scripts/e2e`, which provides the display and session bus.

use std::time::{Duration, Instant};

use copil_acceptance::desktop::{axe_source, shot_path, Driver};
use copil_acceptance::webdriver::{keys, Session};

const WAIT: Duration = Duration::from_secs(20);

/// Screens in the navigation, as `(data-testid suffix, title)`.
const SCREENS: &[(&str, &str)] = &[
    ("accueil", "Accueil"),
    ("tableau", "Tableau de bord"),
    ("objectifs", "Objectifs"),
    ("indicateurs", "Indicateurs"),
    ("actions", "Actions & financements"),
    ("acteurs", "Acteurs"),
    ("quartiers", "Quartiers"),
    ("themes", "Thèmes"),
    ("instances", "Instances"),
    ("rapports", "Rapports"),
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
    s.click_css("[data-testid=wizard-next]").unwrap();
    let code = s.wait_for("[data-testid=wizard-qpv-code]", WAIT).unwrap();
    s.send_keys(&code, "QN6201").unwrap();
    let err = s
        .wait_text("[data-testid=wizard-qpv-error]", WAIT, |t| !t.is_empty())
        .unwrap();
    assert!(err.starts_with("Code QPV invalide"), "{err}");
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
