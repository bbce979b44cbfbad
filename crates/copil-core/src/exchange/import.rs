//! Validated import: every row checked with the core's rules, every problem reported, one transaction.
//!
//! The import runs inside one transaction; a dry run (or an import with problems) is rolled back,
//! so the plan shown is exactly what a real import does. This file is the driver and its report;
//! each sheet kind reads its own rows (`sheet/<kind>.rs`) through [`Row`] and [`Index`].

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::cell::Cell;
use super::headers::map_headers;
use super::index::Index;
use super::problem::Problem;
use super::read::{read_workbook, Sheet, Workbook, MAX_ROWS};
use super::row::{Outcome, Row};
use super::sheet::SheetKind;
use crate::error::Result;
use crate::text::fold;
use crate::Store;

/// What an import does (or would do) to one sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct SheetPlan {
    /// Sheet name.
    pub sheet: String,
    /// Records created.
    pub created: usize,
    /// Records updated.
    pub updated: usize,
    /// Rows identical to what the file holds.
    pub unchanged: usize,
}

/// Rows created, updated and left unchanged, over all the sheets of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportTotals {
    /// Records created.
    pub created: usize,
    /// Records updated.
    pub updated: usize,
    /// Rows identical to what the file holds.
    pub unchanged: usize,
}

impl ImportTotals {
    fn of(sheets: &[SheetPlan]) -> ImportTotals {
        sheets
            .iter()
            .fold(ImportTotals::default(), |t, s| ImportTotals {
                created: t.created + s.created,
                updated: t.updated + s.updated,
                unchanged: t.unchanged + s.unchanged,
            })
    }
}

/// The result of an import or a dry run.
///
/// Serialised with its [`ImportTotals`] too, so that the UI shows the totals the CLI prints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[serde(into = "ImportReportJson")]
#[ts(export, as = "ImportReportJson")]
pub struct ImportReport {
    /// Plan per recognised sheet.
    pub sheets: Vec<SheetPlan>,
    /// Blocking problems: if any, nothing was written.
    pub problems: Vec<Problem>,
    /// Non-blocking remarks.
    pub warnings: Vec<Problem>,
    /// Whether the contract file was changed.
    pub applied: bool,
    /// Backup made before a real import.
    pub backup: Option<PathBuf>,
}

/// An [`ImportReport`] as the UI receives it.
#[derive(Serialize, ts_rs::TS)]
struct ImportReportJson {
    /// Plan per recognised sheet.
    sheets: Vec<SheetPlan>,
    /// The plans of all the sheets added up.
    totals: ImportTotals,
    /// Blocking problems: if any, nothing was written.
    problems: Vec<Problem>,
    /// Non-blocking remarks.
    warnings: Vec<Problem>,
    /// Whether the contract file was changed.
    applied: bool,
    /// Backup made before a real import.
    backup: Option<PathBuf>,
}

impl From<ImportReport> for ImportReportJson {
    fn from(r: ImportReport) -> ImportReportJson {
        ImportReportJson {
            totals: ImportTotals::of(&r.sheets),
            sheets: r.sheets,
            problems: r.problems,
            warnings: r.warnings,
            applied: r.applied,
            backup: r.backup,
        }
    }
}

impl ImportReport {
    /// Whether the workbook can be (or was) imported.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Totals (created, updated, unchanged) over all sheets.
    pub fn totals(&self) -> (usize, usize, usize) {
        let t = ImportTotals::of(&self.sheets);
        (t.created, t.updated, t.unchanged)
    }

    /// Whether nothing would change.
    pub fn all_unchanged(&self) -> bool {
        let (c, u, _) = self.totals();
        c == 0 && u == 0
    }

    /// The report as French text lines.
    pub fn to_lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .sheets
            .iter()
            .map(|s| {
                format!(
                    "{} : {} créé(s), {} mis à jour, {} inchangé(s)",
                    s.sheet, s.created, s.updated, s.unchanged
                )
            })
            .collect();
        out.extend(self.warnings.iter().map(|w| format!("Attention — {w}")));
        out.extend(self.problems.iter().map(|p| format!("Erreur — {p}")));
        out
    }
}

/// Reads a workbook (XLSX, ODS or CSV) and imports it; `dry_run` writes nothing.
pub fn import_file(store: &mut Store, path: &Path, dry_run: bool) -> Result<ImportReport> {
    let wb = read_workbook(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    import_workbook(store, &wb, &name, dry_run)
}

const IGNORED_SHEETS: [&str; 3] = ["lisez moi", "listes", "lisez-moi"];

/// Imports a workbook already read; `source` names it in the audit journal.
pub fn import_workbook(
    store: &mut Store,
    wb: &Workbook,
    source: &str,
    dry_run: bool,
) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let mut work: Vec<(SheetKind, &Sheet, Vec<Option<usize>>)> = Vec::new();
    for sheet in &wb.sheets {
        let Some(header) = sheet.rows.first() else {
            continue;
        };
        if IGNORED_SHEETS.contains(&fold(&sheet.name).as_str()) {
            continue;
        }
        let Some(kind) = SheetKind::detect(&sheet.name, header) else {
            report.warnings.push(Problem {
                sheet: sheet.name.clone(),
                row: 1,
                column: String::new(),
                message: "feuille non reconnue (en-têtes inattendus) : ignorée.".into(),
            });
            continue;
        };
        let mapping = map_headers(header, kind.columns());
        for (col, idx) in kind.columns().iter().zip(&mapping.index) {
            if col.required && idx.is_none() {
                report.problems.push(Problem {
                    sheet: sheet.name.clone(),
                    row: 1,
                    column: col.header.into(),
                    message: format!("colonne obligatoire « {} » absente.", col.header),
                });
            }
        }
        for h in &mapping.unknown {
            report.warnings.push(Problem {
                sheet: sheet.name.clone(),
                row: 1,
                column: h.clone(),
                message: "colonne inconnue, ignorée.".into(),
            });
        }
        if sheet.truncated {
            report.problems.push(Problem {
                sheet: sheet.name.clone(),
                row: 0,
                column: String::new(),
                message: format!(
                    "plus de {} lignes ou fin de fichier illisible : découpez le fichier.",
                    MAX_ROWS
                ),
            });
        }
        work.push((kind, sheet, mapping.index));
    }
    work.sort_by_key(|(k, _, _)| *k);
    if !report.problems.is_empty() {
        return Ok(report);
    }
    let source = source.to_string();
    // The backup is made only if the import commits: a refused import, a dry run or a
    // re-import that changes nothing leave none (and write nothing).
    let (mut report, backup) = store.batch_with_backup("import", Some("import"), move |store| {
        let mut index = Index::load(store)?;
        for (kind, sheet, map) in &work {
            index.start_sheet();
            let spec = kind.spec();
            let mut plan = SheetPlan {
                sheet: sheet.name.clone(),
                ..SheetPlan::default()
            };
            for (i, cells) in sheet.rows.iter().enumerate().skip(1) {
                if cells.iter().all(Cell::is_blank) {
                    continue;
                }
                let mut row = Row::new(&sheet.name, i + 1, cells, map, spec.columns);
                match (spec.import)(&mut index, store, &mut row)? {
                    Some(Outcome::Created) => plan.created += 1,
                    Some(Outcome::Updated) => plan.updated += 1,
                    Some(Outcome::Unchanged) => plan.unchanged += 1,
                    None => {}
                }
                report.problems.append(&mut row.problems);
                report.warnings.append(&mut row.warnings);
            }
            report.sheets.push(plan);
        }
        let commit = !dry_run && report.problems.is_empty() && !report.all_unchanged();
        report.applied = commit;
        let (c, u, n) = report.totals();
        let summary =
            format!("import de « {source} » : {c} créé(s), {u} mis à jour, {n} inchangé(s)");
        Ok((report, commit.then_some(summary)))
    })?;
    report.backup = backup;
    Ok(report)
}
