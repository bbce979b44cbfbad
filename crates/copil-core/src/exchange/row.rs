//! Reading one row of a sheet by column, collecting every problem with its place.
//!
//! A row is read by [`Col`] (its field), wherever the file put that column; an absent optional
//! column keeps what the contract holds, a blank cell clears it.

use super::cell::Cell;
use super::headers::Col;
use super::problem::Problem;
use crate::domain::{has_errors, Id, Issue, Severity};
use crate::error::{CoreError, Result};
use crate::store::Saved;

/// What importing one row did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A new record.
    Created,
    /// An existing record changed.
    Updated,
    /// The record already held what the row says.
    Unchanged,
}

/// One row being read, with its problems.
pub(crate) struct Row<'a> {
    sheet: &'a str,
    line: usize,
    cells: &'a [Cell],
    /// `map[i]` = position in the file of `cols[i]`.
    map: &'a [Option<usize>],
    cols: &'a [Col],
    /// Blocking problems of the row.
    pub problems: Vec<Problem>,
    /// Remarks on the row.
    pub warnings: Vec<Problem>,
}

impl<'a> Row<'a> {
    /// Row `line` (as the spreadsheet numbers it) of `sheet`, whose columns `cols` the file holds at `map`.
    pub fn new(
        sheet: &'a str,
        line: usize,
        cells: &'a [Cell],
        map: &'a [Option<usize>],
        cols: &'a [Col],
    ) -> Row<'a> {
        Row {
            sheet,
            line,
            cells,
            map,
            cols,
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// The row number as the spreadsheet shows it.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The cell of a column: `None` when the column is absent from the sheet.
    fn cell(&self, col: &Col) -> Option<&Cell> {
        self.map[col.position_in(self.cols)].map(|pos| self.cells.get(pos).unwrap_or(&Cell::Empty))
    }

    /// A problem of this row, in `col` (or of the whole row).
    pub fn problem(&self, col: Option<&Col>, message: impl Into<String>) -> Problem {
        Problem {
            sheet: self.sheet.to_string(),
            row: self.line,
            column: col.map(|c| c.header.to_string()).unwrap_or_default(),
            message: message.into(),
        }
    }

    /// Reports a blocking problem in `col`.
    pub fn err(&mut self, col: &Col, message: impl Into<String>) {
        let p = self.problem(Some(col), message);
        self.problems.push(p);
    }

    /// Reports a blocking problem of the whole row.
    pub fn row_err(&mut self, message: impl Into<String>) {
        let p = self.problem(None, message);
        self.problems.push(p);
    }

    /// Text of a column: `None` when the column is absent from the sheet.
    pub fn text(&self, col: &Col) -> Option<String> {
        self.cell(col).map(Cell::as_text)
    }

    /// Text of a column, or `old` when the column is absent.
    pub fn text_or(&self, col: &Col, old: &str) -> String {
        self.text(col).unwrap_or_else(|| old.to_string())
    }

    /// A required value.
    pub fn req<T>(
        &mut self,
        col: &Col,
        parse: impl Fn(&Cell) -> std::result::Result<T, String>,
    ) -> Option<T> {
        match self.cell(col) {
            None => None, // reported once for the sheet
            Some(c) if c.is_blank() => {
                self.err(col, "valeur obligatoire.");
                None
            }
            Some(c) => match parse(c) {
                Ok(v) => Some(v),
                Err(m) => {
                    self.err(col, m);
                    None
                }
            },
        }
    }

    /// An optional value; `old` is kept when the column is absent.
    pub fn opt<T>(
        &mut self,
        col: &Col,
        old: Option<T>,
        parse: impl Fn(&Cell) -> std::result::Result<T, String>,
    ) -> Option<T> {
        match self.cell(col) {
            None => old,
            Some(c) if c.is_blank() => None,
            Some(c) => match parse(c) {
                Ok(v) => Some(v),
                Err(m) => {
                    self.err(col, m);
                    None
                }
            },
        }
    }

    /// Issues of the core's validation, each in the column of its field (else on the whole row).
    pub fn issues(&mut self, issues: &[Issue]) {
        for issue in issues {
            let col = self.cols.iter().find(|c| c.field == issue.field);
            let p = self.problem(col, issue.message.clone());
            match issue.severity {
                Severity::Error => self.problems.push(p),
                Severity::Warning => self.warnings.push(p),
            }
        }
    }

    /// Saves the row's record unless it has problems or is unchanged; store refusals become row
    /// problems. `remember` learns the record and its id once saved.
    pub fn save<T: PartialEq>(
        &mut self,
        old: Option<&T>,
        record: T,
        write: impl FnOnce(&T) -> Result<Saved>,
        remember: impl FnOnce(T, Id),
    ) -> Result<Option<Outcome>> {
        if !self.problems.is_empty() {
            return Ok(None);
        }
        if old == Some(&record) {
            return Ok(Some(Outcome::Unchanged));
        }
        match write(&record) {
            Ok(saved) => {
                remember(record, saved.id);
                Ok(Some(if old.is_some() {
                    Outcome::Updated
                } else {
                    Outcome::Created
                }))
            }
            Err(CoreError::Invalid { issues, .. }) => {
                // Warnings were already reported from validate(); keep only blocking issues here.
                let errors: Vec<Issue> = issues
                    .into_iter()
                    .filter(|i| i.severity == Severity::Error)
                    .collect();
                self.issues(&errors);
                if !has_errors(&errors) {
                    self.row_err("enregistrement refusé.");
                }
                Ok(None)
            }
            Err(e @ (CoreError::Missing { .. } | CoreError::InUse { .. })) => {
                self.row_err(e.to_string());
                Ok(None)
            }
            Err(e) => Err(e),
        }
    }
}
