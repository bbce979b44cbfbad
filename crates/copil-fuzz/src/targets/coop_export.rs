//! La Coop de la médiation numérique's activities export (or the older « Statistiques » CSV)
//! given to `copil import-coop`, past its container.
//!
//! The XLSX container is fuzzed by `workbook_xlsx`; going through it here made every input a zip
//! file (about 30 executions per second). This target fuzzes what the import does once the cells
//! are read: the input is decoded as a grid of cells (CSV), typed as a workbook's cells would be
//! (numbers, dates, booleans, formula errors, formulas), and given to the same functions the XLSX
//! path calls after reading its cells.

use std::path::Path;

use chrono::NaiveDate;
use copil_core::exchange::coop::{
    is_coop_export, is_statistics, read_coop_export, read_statistics,
};
use copil_core::exchange::{parse_number_text, read_csv_bytes, Cell, FormulaCell, Workbook};

use crate::Target;

/// The Coop reader (header row, information block, activities, formula cells) on a sheet of cells.
pub const TARGET: Target = Target {
    name: "coop_export",
    reads: "export de La Coop de la médiation numérique",
    run,
};

fn run(data: &[u8]) {
    let path = Path::new("coop-numerique_accompagnements_2026-11-10.xlsx");
    let mut sheet = read_csv_bytes("Activités", data);
    // The « Statistiques » file is a CSV: its text cells are what the import reads.
    if is_statistics(&sheet) {
        let _ = read_statistics(Path::new("statistiques.csv"), &sheet);
    }
    let mut formulas = Vec::new();
    for (r, row) in sheet.rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            if let Some(formula) = typed(cell) {
                formulas.push(FormulaCell {
                    sheet: "Activités".into(),
                    row: r + 1,
                    column: c,
                    formula,
                });
            }
        }
    }
    let workbook = Workbook {
        sheets: vec![sheet],
    };
    let export = read_coop_export(path, &workbook, &formulas);
    assert_eq!(
        export.is_ok(),
        is_coop_export(&workbook),
        "an export is read exactly when its header row is found"
    );
}

/// Types a CSV cell as a workbook's reader gives it; returns the formula when it holds one (its
/// value then stays what the text after `=` reads as).
fn typed(cell: &mut Cell) -> Option<String> {
    let Cell::Text(text) = cell else {
        return None;
    };
    let t = text.trim().to_string();
    let (value, formula) = match t.strip_prefix('=') {
        Some(f) => (f.to_string(), Some(f.to_string())),
        None => (t, None),
    };
    *cell = if value.starts_with('#') {
        Cell::Error(value)
    } else if let Some(b) = match value.as_str() {
        "TRUE" | "VRAI" => Some(true),
        "FALSE" | "FAUX" => Some(false),
        _ => None,
    } {
        Cell::Bool(b)
    } else if let Some(d) = ["%d/%m/%Y", "%Y-%m-%d"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&value, f).ok())
    {
        Cell::Date(d)
    } else if let Some(n) = parse_number_text(&value) {
        Cell::Number(n)
    } else if value.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(value)
    };
    formula
}
