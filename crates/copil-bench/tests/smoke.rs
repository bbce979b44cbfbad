//! The benchmark's code paths still run on the medium contract (one run each, no timing assertion).

use copil_bench::{run_size, Settings};
use copil_core::demo::synthetic::DemoSize;

#[test]
fn benchmark_paths_run_on_the_medium_contract() {
    let dir = tempfile::tempdir().unwrap();
    let figures = run_size(DemoSize::Medium, &Settings::smoke(dir.path())).unwrap();
    let keys: Vec<_> = figures.iter().map(|f| f.key).collect();
    for key in [
        "open",
        "dashboard",
        "matrix",
        "funding",
        "series",
        "indicators",
        "report",
        "pages",
        "export",
        "import_dry",
        "import",
        "collect",
        "bilans_import",
        "bilans_workbooks",
        "releve",
        "coop_dry",
        "coop_import",
        "ifn_import",
    ] {
        assert!(keys.contains(&key), "{key} missing from {keys:?}");
    }
    let workbooks = figures
        .iter()
        .find(|f| f.key == "bilans_workbooks")
        .unwrap()
        .value;
    assert_eq!(
        workbooks, 40.0,
        "one returned workbook per action of the medium contract"
    );
    let pages = figures.iter().find(|f| f.key == "pages").unwrap().value;
    assert!(pages >= 2.0, "the report has pages");
    assert!(figures
        .iter()
        .all(|f| f.value.is_finite() && f.value >= 0.0));
}
