//! Fuzzing with proptest (cargo-fuzz needs a nightly toolchain, which this project does not use):
//! random and mutated inputs to the file opener, the spreadsheet and CSV readers, the QPV list
//! parser and the import; none may panic, and a refused contract file is never modified.
//!
//! Normal suite: 64 cases per target. Long mode: `PROPTEST_CASES=5000` (see RELIABILITY.md).

use copil_core::exchange::{import_workbook, read_csv_bytes, read_qpv_list, read_workbook};
use copil_core::Store;
use proptest::prelude::*;
use sha2::{Digest, Sha256};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64)
}

fn demo_bytes() -> &'static [u8] {
    static DEMO: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.copil");
        drop(copil_core::demo::create_demo(&path).unwrap());
        std::fs::read(&path).unwrap()
    })
}

fn xlsx_bytes() -> &'static [u8] {
    static XLSX: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    XLSX.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.copil");
        let store = copil_core::demo::create_demo(&path).unwrap();
        let out = dir.path().join("c.xlsx");
        copil_core::exchange::export_xlsx(&store, &out).unwrap();
        std::fs::read(&out).unwrap()
    })
}

/// Applies byte flips, truncation and insertions chosen by the fuzzer.
fn mutate(base: &[u8], edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for &(at, value) in edits {
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] ^= value | 1;
        }
    }
    if let Some(c) = cut {
        bytes.truncate(c % (base.len() + 1));
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn opener_never_panics_and_never_changes_a_refused_file(
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..8),
        cut in prop::option::of(any::<usize>()),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.copil");
        let bytes = mutate(demo_bytes(), &edits, cut);
        std::fs::write(&path, &bytes).unwrap();
        let before = Sha256::digest(&bytes);
        match Store::open(&path) {
            Ok(store) => {
                // Accepted: it must really be sound (flips may land in free pages).
                let _ = store.integrity_check();
            }
            Err(_) => {
                let after = Sha256::digest(std::fs::read(&path).unwrap());
                prop_assert_eq!(before, after, "a refused file is left untouched");
            }
        }
    }

    #[test]
    fn csv_reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let sheet = read_csv_bytes("Valeurs", &bytes);
        prop_assert!(sheet.rows.len() <= bytes.len() + 1);
    }

    #[test]
    fn workbook_reader_and_import_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 0..6),
        cut in prop::option::of(any::<usize>()),
        ext in prop::sample::select(vec!["xlsx", "ods", "csv"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(format!("classeur.{ext}"));
        std::fs::write(&path, mutate(xlsx_bytes(), &edits, cut)).unwrap();
        if let Ok(book) = read_workbook(&path) {
            let file = dir.path().join("c.copil");
            std::fs::write(&file, demo_bytes()).unwrap();
            let mut store = Store::open(&file).unwrap();
            let _ = import_workbook(&mut store, &book, "fuzz", true);
        }
    }

    #[test]
    fn qpv_list_parser_never_panics(lines in prop::collection::vec("[A-Za-z0-9;\" ,éè\\-]{0,60}", 0..20)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("listeqp.csv");
        let mut text = String::from("\u{feff}code_qp;lib_qp;insee_com;lib_com\n");
        text.push_str(&lines.join("\n"));
        std::fs::write(&path, text).unwrap();
        let _ = read_qpv_list(&path, &[]);
    }
}
