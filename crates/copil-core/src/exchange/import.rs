//! Validated import: every row checked with the core's rules, every problem reported, one transaction.
//!
//! The import runs inside one transaction; a dry run (or an import with problems) is rolled back,
//! so the plan shown is exactly what a real import does. This file is the driver and its report;
//! each sheet kind reads its own rows (`sheet/<kind>.rs`) through [`Row`] and [`Index`].

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::cell::Cell;
use super::headers::map_headers;
use super::index::Index;
use super::problem::Problem;
use super::read::{read_workbook, Sheet, Workbook, MAX_ROWS};
use super::row::{Outcome, Row};
use super::sheet::SheetKind;
use super::template::porteur_named;
use crate::domain::Id;
use crate::error::Result;
use crate::figures::{round_status, BilanState, BilanStatus, Pillar, ReportingRate};
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
    /// The porteur a porteur's workbook was written for (its rows touch only its actions).
    pub porteur: Option<String>,
    /// The actions whose bilans the workbook's values cover, by title.
    pub covered: Vec<CoveredBilan>,
}

/// One action's bilan of one year that an imported workbook holds values of.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct CoveredBilan {
    /// Action.
    pub action_id: Id,
    /// Its title.
    pub action: String,
    /// Year of the values.
    pub year: i32,
    /// Value rows of the workbook for it (created, updated or unchanged).
    pub values: u32,
    /// Where its bilan stands after the import, when a round is open for that year.
    pub state: Option<BilanState>,
    /// Values its bilan owes in that round.
    pub values_expected: u32,
    /// Values of it received, after the import.
    pub values_received: u32,
}

impl CoveredBilan {
    /// « « Permanences… » : 3 valeurs, bilan 2026 reçu (4 / 4) ».
    pub fn text(&self) -> String {
        let values = match self.values {
            1 => "1 valeur".to_string(),
            n => format!("{n} valeurs"),
        };
        match self.state {
            Some(state) => format!(
                "« {} » : {values}, bilan {} {} ({} / {})",
                self.action,
                self.year,
                state.label().to_lowercase(),
                self.values_received,
                self.values_expected
            ),
            None => format!("« {} » : {values} de {}", self.action, self.year),
        }
    }
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
    /// The porteur a porteur's workbook was written for.
    porteur: Option<String>,
    /// The actions whose bilans the workbook's values cover.
    covered: Vec<CoveredBilan>,
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
            porteur: r.porteur,
            covered: r.covered,
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
        let mut out: Vec<String> = Vec::new();
        if let Some(p) = &self.porteur {
            out.push(format!("Classeur du porteur « {p} »"));
        }
        out.extend(self.sheets.iter().map(|s| {
            format!(
                "{} : {} créé(s), {} mis à jour, {} inchangé(s)",
                s.sheet, s.created, s.updated, s.unchanged
            )
        }));
        out.extend(self.covered.iter().map(|c| format!("Bilan {}", c.text())));
        out.extend(self.warnings.iter().map(|w| format!("Attention — {w}")));
        out.extend(self.problems.iter().map(|p| format!("Erreur — {p}")));
        out
    }
}

/// One workbook of an import of several: what it did, or why it could not be read.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct WorkbookImport {
    /// The file.
    pub path: PathBuf,
    /// Its name, as messages say it.
    pub file: String,
    /// What the import did (or would do) with it; None when it could not be read.
    pub report: Option<ImportReport>,
    /// Why it could not be read (not a workbook, missing, too big…), in French.
    pub error: Option<String>,
}

impl WorkbookImport {
    /// Whether this workbook was (or, in a dry run, would be) imported.
    pub fn is_ok(&self) -> bool {
        self.report.as_ref().is_some_and(ImportReport::is_ok)
    }
}

/// Several workbooks imported at once (the porteurs' returned bilans): each is all or nothing,
/// a refused one changes nothing and the others are imported.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BatchImport {
    /// Each workbook, in the order given.
    pub workbooks: Vec<WorkbookImport>,
    /// Whether the contract file was changed.
    pub applied: bool,
    /// The one backup made before a real import.
    pub backup: Option<PathBuf>,
    /// The reporting rate of each round the workbooks' values fall in, after the import.
    pub rates: Vec<ReportingRate>,
}

impl BatchImport {
    /// Workbooks imported (or importable, in a dry run).
    pub fn imported(&self) -> usize {
        self.workbooks.iter().filter(|w| w.is_ok()).count()
    }

    /// Workbooks refused.
    pub fn refused(&self) -> usize {
        self.workbooks.len() - self.imported()
    }
}

/// How an import of several workbooks runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    /// Write nothing: show what each workbook would do.
    pub dry_run: bool,
    /// The day the new contributions count as received (« reçu le »): usually today; the day the
    /// workbooks came in when they are imported later.
    pub received_on: NaiveDate,
}

/// Reads a workbook (XLSX, ODS or CSV) and imports it; `dry_run` writes nothing.
pub fn import_file(store: &mut Store, path: &Path, dry_run: bool) -> Result<ImportReport> {
    let wb = read_workbook(path)?;
    import_workbook(store, &wb, &file_name(path), dry_run)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Imports several workbooks in one go (the porteurs' returned bilans), each all or nothing: a
/// refused workbook changes nothing, the others are imported. One backup before, one
/// transaction in all, one line of the audit journal per workbook.
pub fn import_files(
    store: &mut Store,
    paths: &[PathBuf],
    options: ImportOptions,
) -> Result<BatchImport> {
    let mut workbooks = Vec::with_capacity(paths.len());
    let mut ready = Vec::new();
    for path in paths {
        let file = file_name(path);
        match read_workbook(path) {
            Ok(wb) => {
                let (report, ok) = {
                    let (report, work) = plan(&wb);
                    (report, work.is_some())
                };
                ready.push((workbooks.len(), wb, ok));
                workbooks.push(WorkbookImport {
                    path: path.clone(),
                    file,
                    report: Some(report),
                    error: None,
                });
            }
            Err(e) => workbooks.push(WorkbookImport {
                path: path.clone(),
                file,
                report: None,
                error: Some(e.to_string()),
            }),
        }
    }
    // One backup, made only if the batch commits (see `import_workbook`).
    let ((workbooks, rates), backup) =
        store.batch_with_backup("import", Some("import"), |store| {
            let mut index = Index::load(store)?;
            index.received_on = options.received_on;
            for (i, wb, ok) in &ready {
                if !*ok {
                    continue;
                }
                let source = workbooks[*i].file.clone();
                let mut report = workbooks[*i].report.take().unwrap_or_default();
                let (_, work) = plan(wb);
                let work = work.unwrap_or_default();
                let (r, failed) = store.batch_with("import", |store| {
                    let r = apply(&mut index, store, wb, &work, report.clone())?;
                    let summary = r.is_ok().then(|| summary(&source, &r));
                    let failed = !r.is_ok();
                    Ok(((r, failed), summary))
                })?;
                report = r;
                report.applied = !options.dry_run && report.is_ok() && !report.all_unchanged();
                if failed {
                    // The workbook's rows were rolled back: forget what the index learnt from them.
                    index = Index::load(store)?;
                    index.received_on = options.received_on;
                }
                workbooks[*i].report = Some(report);
            }
            let p = Pillar::load(store)?;
            let rates = after_import(&p, &mut workbooks, options.received_on);
            let applied = workbooks.iter().filter(|w| w.is_ok()).count();
            let changed = workbooks
                .iter()
                .any(|w| w.report.as_ref().is_some_and(|r| r.applied));
            let commit = !options.dry_run && changed;
            let summary = format!(
                "import de {} classeur(s) : {applied} importé(s), {} refusé(s)",
                workbooks.len(),
                workbooks.len() - applied
            );
            Ok(((workbooks, rates), commit.then_some(summary)))
        })?;
    let applied = workbooks
        .iter()
        .any(|w| w.report.as_ref().is_some_and(|r| r.applied));
    Ok(BatchImport {
        workbooks,
        applied,
        backup,
        rates,
    })
}

const IGNORED_SHEETS: [&str; 3] = ["lisez moi", "listes", "lisez-moi"];

/// The sheets a porteur's workbook may hold: the porteur reports, the contract stays as it is.
const PORTEUR_SHEETS: [SheetKind; 4] = [
    SheetKind::Measurements,
    SheetKind::Actions,
    SheetKind::Fundings,
    SheetKind::Decisions,
];

/// The sheets of a workbook to import, each with its kind and where its columns are.
type Work<'a> = Vec<(SheetKind, &'a Sheet, Vec<Option<usize>>)>;

/// Imports a workbook already read; `source` names it in the audit journal.
pub fn import_workbook(
    store: &mut Store,
    wb: &Workbook,
    source: &str,
    dry_run: bool,
) -> Result<ImportReport> {
    let (report, work) = plan(wb);
    let Some(work) = work else {
        return Ok(report);
    };
    // The backup is made only if the import commits: a refused import, a dry run or a
    // re-import that changes nothing leave none (and write nothing).
    let (mut report, backup) = store.batch_with_backup("import", Some("import"), move |store| {
        let mut index = Index::load(store)?;
        let mut report = apply(&mut index, store, wb, &work, report)?;
        let commit = !dry_run && report.is_ok() && !report.all_unchanged();
        report.applied = commit;
        let p = Pillar::load(store)?;
        let states = round_states(&p, &report.covered);
        fill_states(&mut report.covered, &states);
        let summary = summary(source, &report);
        Ok((report, commit.then_some(summary)))
    })?;
    report.backup = backup;
    Ok(report)
}

/// The journal line of one imported workbook.
fn summary(source: &str, report: &ImportReport) -> String {
    let (c, u, n) = report.totals();
    let whose = report
        .porteur
        .as_ref()
        .map(|p| format!(" (porteur « {p} »)"))
        .unwrap_or_default();
    format!("import de « {source} »{whose} : {c} créé(s), {u} mis à jour, {n} inchangé(s)")
}

/// Recognises the sheets of a workbook and checks their headers: the report so far, and the
/// work to do (None when a problem already refuses the workbook).
fn plan(wb: &Workbook) -> (ImportReport, Option<Work<'_>>) {
    let mut report = ImportReport {
        porteur: porteur_named(wb).map(|(_, name)| name),
        ..ImportReport::default()
    };
    let mut work: Work = Vec::new();
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
        if let Some(p) = report
            .porteur
            .as_ref()
            .filter(|_| !PORTEUR_SHEETS.contains(&kind))
        {
            report.problems.push(Problem {
                sheet: sheet.name.clone(),
                row: 0,
                column: String::new(),
                message: format!(
                    "le classeur de « {p} » ne modifie pas la feuille « {} » du contrat : retirez cette feuille.",
                    kind.sheet_name()
                ),
            });
            continue;
        }
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
    if report.problems.is_empty() {
        (report, Some(work))
    } else {
        (report, None)
    }
}

/// Reads every row of the workbook into the store (inside the caller's transaction).
fn apply(
    index: &mut Index,
    store: &mut Store,
    wb: &Workbook,
    work: &Work,
    mut report: ImportReport,
) -> Result<ImportReport> {
    index.porteur = None;
    index.covered.clear();
    if let Some(name) = &report.porteur {
        match index.actors.get(&fold(name)) {
            Some(actor) => index.porteur = Some(actor.clone()),
            None => {
                let row = porteur_named(wb).map_or(0, |(row, _)| row);
                report.problems.push(Problem {
                    sheet: "Lisez-moi".into(),
                    row,
                    column: String::new(),
                    message: format!(
                        "porteur « {name} » inconnu dans ce contrat : ce classeur a-t-il été écrit pour un autre contrat ?"
                    ),
                });
                return Ok(report);
            }
        }
    }
    for (kind, sheet, map) in work {
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
            match (spec.import)(index, store, &mut row)? {
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
    let titles: HashMap<Id, &str> = index
        .actions
        .values()
        .map(|a| (a.id, a.title.as_str()))
        .collect();
    report.covered = index
        .covered
        .iter()
        .map(|(&(action_id, year), &values)| CoveredBilan {
            action_id,
            action: titles.get(&action_id).unwrap_or(&"").to_string(),
            year,
            values,
            state: None,
            values_expected: 0,
            values_received: 0,
        })
        .collect();
    Ok(report)
}

/// The state of each bilan of the rounds the covered values fall in: (action, year) → bilan.
fn round_states(p: &Pillar, covered: &[CoveredBilan]) -> HashMap<(Id, i32), BilanStatus> {
    let today = chrono::Local::now().date_naive();
    round_states_on(p, covered.iter().map(|c| c.year), today).0
}

/// The bilans and reporting rates of the rounds of `years`, judged on `today`.
fn round_states_on(
    p: &Pillar,
    years: impl Iterator<Item = i32>,
    today: NaiveDate,
) -> (HashMap<(Id, i32), BilanStatus>, Vec<ReportingRate>) {
    let mut years: Vec<i32> = years.collect();
    years.sort_unstable();
    years.dedup();
    let mut states = HashMap::new();
    let mut rates = Vec::new();
    for year in years {
        if let Some(status) = round_status(p, year, today) {
            rates.push(status.rate.clone());
            for b in status.bilans {
                states.insert((b.action_id, year), b);
            }
        }
    }
    (states, rates)
}

fn fill_states(covered: &mut [CoveredBilan], states: &HashMap<(Id, i32), BilanStatus>) {
    for c in covered {
        if let Some(b) = states.get(&(c.action_id, c.year)) {
            c.state = Some(b.state);
            c.values_expected = b.values_expected;
            c.values_received = b.values_received;
        }
    }
}

/// Fills in the state of each covered bilan after a batch; returns the rounds' reporting rates.
fn after_import(
    p: &Pillar,
    workbooks: &mut [WorkbookImport],
    today: NaiveDate,
) -> Vec<ReportingRate> {
    let years: Vec<i32> = workbooks
        .iter()
        .filter_map(|w| w.report.as_ref())
        .flat_map(|r| r.covered.iter().map(|c| c.year))
        .collect();
    let (states, rates) = round_states_on(p, years.into_iter(), today);
    for w in workbooks {
        if let Some(r) = w.report.as_mut() {
            fill_states(&mut r.covered, &states);
        }
    }
    rates
}
