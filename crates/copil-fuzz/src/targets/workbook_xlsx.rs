//! An XLSX workbook given to « Importer un classeur » or `copil import`.

use std::path::Path;

use copil_core::exchange::{read_spreadsheet_bytes, SpreadsheetFormat};

use crate::Target;

/// The XLSX reader (zip bomb check, calamine) and the import's parsing of every cell.
pub const TARGET: Target = Target {
    name: "workbook_xlsx",
    reads: "classeur XLSX (import)",
    run,
};

fn run(data: &[u8]) {
    if let Ok(workbook) =
        read_spreadsheet_bytes(Path::new("classeur.xlsx"), SpreadsheetFormat::Xlsx, data)
    {
        super::parse_like_the_import(&workbook);
    }
}
