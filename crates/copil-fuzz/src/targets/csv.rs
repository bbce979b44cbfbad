//! A CSV file given to « Importer un classeur » or `copil import` (`;`, `,` or tab; UTF-8 or
//! Windows-1252).

use copil_core::exchange::{read_csv_bytes, Workbook};

use crate::Target;

/// The CSV reader (encoding, separator, quotes) and the import's parsing of every cell.
pub const TARGET: Target = Target {
    name: "csv",
    reads: "fichier CSV (import)",
    run,
};

fn run(data: &[u8]) {
    let sheet = read_csv_bytes("Valeurs", data);
    assert!(
        sheet.rows.last().is_none_or(|r| !r.is_empty()),
        "trailing empty rows are dropped"
    );
    super::parse_like_the_import(&Workbook {
        sheets: vec![sheet],
    });
}
