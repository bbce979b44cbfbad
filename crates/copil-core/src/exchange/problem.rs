//! A problem found in a file someone else filled in, placed as the user will look for it:
//! « feuille, ligne, colonne : message ». Every importer reports with it.

use serde::Serialize;

/// One problem found in a workbook: sheet, row (1-based as in the spreadsheet), column header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Problem {
    /// Sheet name.
    pub sheet: String,
    /// Row number as shown by the spreadsheet (1 = header); 0 = the whole sheet.
    pub row: usize,
    /// Column header (empty = the whole row).
    pub column: String,
    /// French message.
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.row, self.column.is_empty()) {
            (0, _) => write!(f, "{} : {}", self.sheet, self.message),
            (r, true) => write!(f, "{}, ligne {r} : {}", self.sheet, self.message),
            (r, false) => write!(
                f,
                "{}, ligne {r}, colonne {} : {}",
                self.sheet, self.column, self.message
            ),
        }
    }
}
