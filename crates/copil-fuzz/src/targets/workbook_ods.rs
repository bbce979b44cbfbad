//! An ODS workbook (LibreOffice) given to « Importer un classeur » or `copil import`.

use std::path::Path;

use copil_core::exchange::{read_spreadsheet_bytes, SpreadsheetFormat};

use crate::Target;

/// The ODS reader (zip bomb check, calamine) and the import's parsing of every cell.
pub const TARGET: Target = Target {
    name: "workbook_ods",
    reads: "classeur ODS (import)",
    run,
};

fn run(data: &[u8]) {
    if let Ok(workbook) =
        read_spreadsheet_bytes(Path::new("classeur.ods"), SpreadsheetFormat::Ods, data)
    {
        super::parse_like_the_import(&workbook);
    }
}
