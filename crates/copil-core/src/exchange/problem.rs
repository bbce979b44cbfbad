//! A problem found in a file someone else filled in, placed as the user will look for it:
//! « feuille, ligne, colonne : message ». Every importer reports with it.

use serde::Serialize;

/// One problem found in a workbook: sheet, row (1-based as in the spreadsheet), column header.
///
/// Serialised with its French `text` too (its `Display`), so that the UI shows the sentence the
/// CLI prints instead of composing its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(into = "ProblemJson")]
#[ts(export, as = "ProblemJson")]
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

/// A [`Problem`] as the UI receives it.
#[derive(Serialize, ts_rs::TS)]
struct ProblemJson {
    /// Sheet name.
    sheet: String,
    /// Row number as shown by the spreadsheet (1 = header); 0 = the whole sheet.
    row: usize,
    /// Column header (empty = the whole row).
    column: String,
    /// French message.
    message: String,
    /// The whole problem in French: « feuille, ligne, colonne : message ».
    text: String,
}

impl From<Problem> for ProblemJson {
    fn from(p: Problem) -> ProblemJson {
        ProblemJson {
            text: p.to_string(),
            sheet: p.sheet,
            row: p.row,
            column: p.column,
            message: p.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialised_with_its_text() {
        let p = Problem {
            sheet: "Valeurs".into(),
            row: 2,
            column: "Année".into(),
            message: "valeur obligatoire.".into(),
        };
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(
            json["text"],
            "Valeurs, ligne 2, colonne Année : valeur obligatoire."
        );
        assert_eq!(json["row"], 2);
        let whole_sheet = Problem { row: 0, ..p };
        assert_eq!(whole_sheet.to_string(), "Valeurs : valeur obligatoire.");
    }
}
