//! Validated import: every row checked with the core's rules, every problem reported, one transaction.
//!
//! The import runs inside one transaction; a dry run (or an import with problems) is rolled back,
//! so the plan shown is exactly what a real import does.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::headers::{map_headers, Col};
use super::read::{read_workbook, Cell, Sheet, Workbook};
use super::sheets::SheetKind;
use super::values;
use crate::domain::{
    has_errors, Action, ActionStatus, Actor, ActorKind, ActorLabel, Decision, DecisionStatus,
    Direction, District, Financeur, Funding, FundingScheme, Id, Indicator, IndicatorKind, Issue,
    Measurement, Meeting, MeetingKind, Objective, Participant, Period, Severity, Target, Unit,
    Weather,
};
use crate::error::{CoreError, Result};
use crate::figures::Pillar;
use crate::text::fold;
use crate::Store;

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

/// The result of an import or a dry run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
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

impl ImportReport {
    /// Whether the workbook can be (or was) imported.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// Totals (created, updated, unchanged) over all sheets.
    pub fn totals(&self) -> (usize, usize, usize) {
        self.sheets.iter().fold((0, 0, 0), |(c, u, n), s| {
            (c + s.created, u + s.updated, n + s.unchanged)
        })
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
                    super::read::MAX_ROWS
                ),
            });
        }
        work.push((kind, sheet, mapping.index));
    }
    work.sort_by_key(|(k, _, _)| *k);
    if !report.problems.is_empty() {
        return Ok(report);
    }
    if !dry_run {
        report.backup = Some(store.backup(None, "import")?);
    }
    let source = source.to_string();
    let report = store.batch_with("import", move |store| {
        let mut ctx = Ctx::load(store)?;
        for (kind, sheet, map) in &work {
            ctx.seen.clear();
            let mut plan = SheetPlan {
                sheet: sheet.name.clone(),
                ..SheetPlan::default()
            };
            for (i, cells) in sheet.rows.iter().enumerate().skip(1) {
                if cells.iter().all(Cell::is_blank) {
                    continue;
                }
                let mut row = Row {
                    sheet: &sheet.name,
                    line: i + 1,
                    cells,
                    map,
                    cols: kind.columns(),
                    problems: Vec::new(),
                    warnings: Vec::new(),
                };
                let outcome = ctx.import_row(store, *kind, &mut row)?;
                match outcome {
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
        let commit = !dry_run && report.problems.is_empty();
        report.applied = commit;
        let (c, u, n) = report.totals();
        let summary =
            format!("import de « {source} » : {c} créé(s), {u} mis à jour, {n} inchangé(s)");
        Ok((report, commit.then_some(summary)))
    })?;
    let mut report = report;
    if !report.applied {
        // Nothing was written: the backup taken beforehand is not needed.
        if let Some(b) = report.backup.take() {
            let _ = std::fs::remove_file(b);
        }
    }
    Ok(report)
}

enum Outcome {
    Created,
    Updated,
    Unchanged,
}

/// One row being read, with its problems.
struct Row<'a> {
    sheet: &'a str,
    line: usize,
    cells: &'a [Cell],
    map: &'a [Option<usize>],
    cols: &'static [Col],
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

impl Row<'_> {
    fn cell(&self, i: usize) -> Option<&Cell> {
        self.map[i].map(|pos| self.cells.get(pos).unwrap_or(&Cell::Empty))
    }

    fn problem(&self, i: Option<usize>, message: impl Into<String>) -> Problem {
        Problem {
            sheet: self.sheet.to_string(),
            row: self.line,
            column: i
                .map(|i| self.cols[i].header.to_string())
                .unwrap_or_default(),
            message: message.into(),
        }
    }

    fn err(&mut self, i: usize, message: impl Into<String>) {
        let p = self.problem(Some(i), message);
        self.problems.push(p);
    }

    /// Text of a column: `None` when the column is absent from the sheet.
    fn text(&self, i: usize) -> Option<String> {
        self.cell(i).map(Cell::as_text)
    }

    /// Text of a column, or `old` when the column is absent.
    fn text_or(&self, i: usize, old: &str) -> String {
        self.text(i).unwrap_or_else(|| old.to_string())
    }

    /// A required value.
    fn req<T>(
        &mut self,
        i: usize,
        parse: impl Fn(&Cell) -> std::result::Result<T, String>,
    ) -> Option<T> {
        match self.cell(i) {
            None => None, // reported once for the sheet
            Some(c) if c.is_blank() => {
                self.err(i, "valeur obligatoire.");
                None
            }
            Some(c) => match parse(c) {
                Ok(v) => Some(v),
                Err(m) => {
                    self.err(i, m);
                    None
                }
            },
        }
    }

    /// An optional value; `old` is kept when the column is absent.
    fn opt<T>(
        &mut self,
        i: usize,
        old: Option<T>,
        parse: impl Fn(&Cell) -> std::result::Result<T, String>,
    ) -> Option<T> {
        match self.cell(i) {
            None => old,
            Some(c) if c.is_blank() => None,
            Some(c) => match parse(c) {
                Ok(v) => Some(v),
                Err(m) => {
                    self.err(i, m);
                    None
                }
            },
        }
    }

    /// Issues of the core's validation, mapped to columns by field name.
    fn issues(&mut self, issues: &[Issue], field_col: impl Fn(&str) -> Option<usize>) {
        for issue in issues {
            let p = self.problem(field_col(&issue.field), issue.message.clone());
            match issue.severity {
                Severity::Error => self.problems.push(p),
                Severity::Warning => self.warnings.push(p),
            }
        }
    }
}

fn text_cell(c: &Cell) -> std::result::Result<String, String> {
    Ok(c.as_text())
}

fn coded<T: Copy>(
    parse: fn(&str) -> Option<T>,
    all: &'static [T],
    label: fn(T) -> &'static str,
) -> impl Fn(&Cell) -> std::result::Result<T, String> {
    move |c: &Cell| {
        let t = c.as_text();
        parse(&t).ok_or_else(|| {
            let allowed: Vec<&str> = all.iter().map(|v| label(*v)).collect();
            format!(
                "« {t} » inconnu ; valeurs possibles : {}.",
                allowed.join(", ")
            )
        })
    }
}

fn split_list(text: &str, seps: &[char]) -> Vec<String> {
    text.split(|c| seps.contains(&c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// What the file holds, indexed by natural keys; updated as rows are saved.
struct Ctx {
    period: Period,
    districts: HashMap<String, District>,
    actors: HashMap<String, Actor>,
    objectives: HashMap<String, Objective>,
    themes: HashMap<String, Id>,
    indicators: HashMap<String, Indicator>,
    measurements: HashMap<(Id, i32, Option<Id>), Measurement>,
    actions: HashMap<String, Action>,
    fundings: HashMap<(Id, Financeur, i32), Funding>,
    meetings: Vec<Meeting>,
    decisions: HashMap<(Id, String), Decision>,
    /// Natural keys met in the current sheet, with their row.
    seen: HashMap<String, usize>,
}

impl Ctx {
    fn load(store: &Store) -> Result<Ctx> {
        let p = Pillar::load(store)?;
        Ok(Ctx {
            period: p.contract.period(),
            districts: p
                .districts
                .into_iter()
                .map(|d| (d.code.clone(), d))
                .collect(),
            actors: p.actors.into_iter().map(|a| (fold(&a.name), a)).collect(),
            objectives: p
                .objectives
                .into_iter()
                .map(|o| (fold(&o.code), o))
                .collect(),
            themes: p
                .themes
                .into_iter()
                .map(|t| (fold(&t.name), t.id))
                .collect(),
            indicators: p
                .indicators
                .into_iter()
                .map(|i| (fold(&i.name), i))
                .collect(),
            measurements: p
                .measurements
                .into_iter()
                .filter(|m| m.action_id.is_none())
                .map(|m| ((m.indicator_id, m.year, m.district_id), m))
                .collect(),
            actions: p.actions.into_iter().map(|a| (fold(&a.title), a)).collect(),
            fundings: p
                .fundings
                .into_iter()
                .map(|f| ((f.action_id, f.financeur, f.year), f))
                .collect(),
            meetings: p.meetings,
            decisions: p
                .decisions
                .into_iter()
                .map(|d| ((d.meeting_id, fold(&d.text)), d))
                .collect(),
            seen: HashMap::new(),
        })
    }

    fn district_ids(&self, row: &mut Row, i: usize, old: &[Id]) -> Vec<Id> {
        let Some(text) = row.text(i) else {
            return old.to_vec();
        };
        let mut ids = Vec::new();
        for code in split_list(&text, &[',', ';', ' ']) {
            match self.districts.get(&code.to_uppercase()) {
                Some(d) => ids.push(d.id),
                None => row.err(i, format!("QPV « {code} » inconnu dans ce contrat.")),
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn objective_ids(&self, row: &mut Row, i: usize, old: &[Id]) -> Vec<Id> {
        let Some(text) = row.text(i) else {
            return old.to_vec();
        };
        let mut ids = Vec::new();
        for code in split_list(&text, &[',', ';']) {
            match self.objectives.get(&fold(&code)) {
                Some(o) => ids.push(o.id),
                None => row.err(i, format!("objectif « {code} » inconnu.")),
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn theme_ids(&self, row: &mut Row, i: usize, old: &[Id]) -> Vec<Id> {
        let Some(text) = row.text(i) else {
            return old.to_vec();
        };
        let mut ids = Vec::new();
        for name in split_list(&text, &[';']) {
            match self.themes.get(&fold(&name)) {
                Some(id) => ids.push(*id),
                None => row.err(i, format!("thème « {name} » inconnu.")),
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Refuses a second row with the same natural key in one sheet.
    fn duplicate(&mut self, row: &mut Row, key: String, what: &str) -> bool {
        match self.seen.get(&key) {
            Some(first) => {
                let p = row.problem(
                    None,
                    format!("doublon de la ligne {first} ({what}) : gardez une seule ligne."),
                );
                row.problems.push(p);
                true
            }
            None => {
                self.seen.insert(key, row.line);
                false
            }
        }
    }

    fn import_row(
        &mut self,
        store: &mut Store,
        kind: SheetKind,
        row: &mut Row,
    ) -> Result<Option<Outcome>> {
        match kind {
            SheetKind::Districts => self.district(store, row),
            SheetKind::Actors => self.actor(store, row),
            SheetKind::Objectives => self.objective(store, row),
            SheetKind::Indicators => self.indicator(store, row),
            SheetKind::Measurements => self.measurement(store, row),
            SheetKind::Actions => self.action(store, row),
            SheetKind::Fundings => self.funding(store, row),
            SheetKind::Meetings => self.meeting(store, row),
            SheetKind::Decisions => self.decision(store, row),
        }
    }

    fn district(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let code = row.req(0, text_cell).map(|c| c.to_uppercase());
        let name = row.req(1, text_cell);
        let communes = row.req(2, |c| Ok(split_list(&c.as_text(), &[',', ';', ' '])));
        let (Some(code), Some(name), Some(communes)) = (code, name, communes) else {
            return Ok(None);
        };
        if self.duplicate(row, code.clone(), "même code QPV") {
            return Ok(None);
        }
        let old = self.districts.get(&code).cloned();
        let population = row.opt(3, old.as_ref().and_then(|d| d.population), values::integer);
        let ifn = row.opt(4, old.as_ref().and_then(|d| d.ifn), values::number);
        let d = District {
            id: old.as_ref().map_or(0, |d| d.id),
            code,
            name,
            communes,
            population,
            ifn,
        };
        let fields = |f: &str| {
            ["code", "name", "communes", "population", "ifn"]
                .iter()
                .position(|x| *x == f)
        };
        row.issues(&d.validate(), fields);
        save(
            row,
            old.as_ref(),
            d,
            |d| store.save_district(d),
            fields,
            |d, id| {
                self.districts.insert(d.code.clone(), District { id, ..d });
            },
        )
    }

    fn actor(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let Some(name) = row.req(0, text_cell) else {
            return Ok(None);
        };
        if self.duplicate(row, fold(&name), "même nom") {
            return Ok(None);
        }
        let old = self.actors.get(&fold(&name)).cloned();
        let kind = row
            .opt(
                1,
                old.as_ref().map(|a| a.kind),
                coded(ActorKind::parse_loose, ActorKind::ALL, ActorKind::label),
            )
            .unwrap_or(ActorKind::Other);
        let siret = row
            .opt(2, old.as_ref().and_then(|a| a.siret.clone()), text_cell)
            .map(|s| s.chars().filter(|c| !c.is_whitespace()).collect::<String>());
        let labels = match row.text(3) {
            None => old.as_ref().map(|a| a.labels.clone()).unwrap_or_default(),
            Some(t) => {
                let mut out = Vec::new();
                for l in split_list(&t, &[',', ';']) {
                    match ActorLabel::parse_loose(&l) {
                        Some(v) => out.push(v),
                        None => row.err(3, format!("label « {l} » inconnu.")),
                    }
                }
                out
            }
        };
        let district_ids = self.district_ids(row, 4, old.as_ref().map_or(&[], |a| &a.district_ids));
        let a = Actor {
            id: old.as_ref().map_or(0, |a| a.id),
            name,
            kind,
            siret,
            labels,
            district_ids,
            contact: row.text_or(5, old.as_ref().map_or("", |a| &a.contact)),
        };
        let fields = |f: &str| {
            ["name", "kind", "siret", "labels", "district_ids", "contact"]
                .iter()
                .position(|x| *x == f)
        };
        row.issues(&a.validate(), fields);
        save(
            row,
            old.as_ref(),
            a,
            |a| store.save_actor(a),
            fields,
            |a, id| {
                self.actors.insert(fold(&a.name), Actor { id, ..a });
            },
        )
    }

    fn objective(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let code = row.req(0, text_cell);
        let title = row.req(1, text_cell);
        let (Some(code), Some(title)) = (code, title) else {
            return Ok(None);
        };
        if self.duplicate(row, fold(&code), "même référence") {
            return Ok(None);
        }
        let old = self.objectives.get(&fold(&code)).cloned();
        let parent_id = match row.text(2) {
            None => old.as_ref().and_then(|o| o.parent_id),
            Some(t) if t.is_empty() => None,
            Some(t) => match self.objectives.get(&fold(&t)) {
                Some(p) => Some(p.id),
                None => {
                    row.err(2, format!("objectif parent « {t} » inconnu (placez les parents avant leurs sous-objectifs)."));
                    None
                }
            },
        };
        let theme_ids = self.theme_ids(row, 4, old.as_ref().map_or(&[], |o| &o.theme_ids));
        let o = Objective {
            id: old.as_ref().map_or(0, |o| o.id),
            parent_id,
            code,
            title,
            description: row.text_or(3, old.as_ref().map_or("", |o| &o.description)),
            theme_ids,
        };
        let fields = |f: &str| {
            ["code", "title", "parent_id", "description", "theme_ids"]
                .iter()
                .position(|x| *x == f)
        };
        row.issues(&o.validate(), fields);
        save(
            row,
            old.as_ref(),
            o,
            |o| store.save_objective(o),
            fields,
            |o, id| {
                self.objectives.insert(fold(&o.code), Objective { id, ..o });
            },
        )
    }

    fn indicator(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let name = row.req(0, text_cell);
        let unit = row.req(1, coded(Unit::parse_loose, Unit::ALL, Unit::label));
        let (Some(name), Some(unit)) = (name, unit) else {
            return Ok(None);
        };
        if self.duplicate(row, fold(&name), "même indicateur") {
            return Ok(None);
        }
        let old = self.indicators.get(&fold(&name)).cloned();
        let o = old.as_ref();
        let direction = row
            .opt(
                2,
                o.map(|i| i.direction),
                coded(Direction::parse_loose, Direction::ALL, Direction::label),
            )
            .unwrap_or(Direction::HigherIsBetter);
        let kind = row
            .opt(
                3,
                o.map(|i| i.kind),
                coded(
                    IndicatorKind::parse_loose,
                    IndicatorKind::ALL,
                    IndicatorKind::label,
                ),
            )
            .unwrap_or(IndicatorKind::Cumulative);
        let baseline_value = row.opt(4, o.and_then(|i| i.baseline_value), values::number);
        let baseline_date = row.opt(5, o.and_then(|i| i.baseline_date), values::date);
        let by_district = row
            .opt(7, o.map(|i| i.by_district), values::boolean)
            .unwrap_or(false);
        let targets = match row.text(8) {
            None => o.map(|i| i.targets.clone()).unwrap_or_default(),
            Some(t) => {
                let mut out = Vec::new();
                for part in split_list(&t, &[';', '|']) {
                    let parsed = part.split_once(['=', ':']).and_then(|(y, v)| {
                        Some(Target {
                            year: y.trim().parse().ok()?,
                            value: values::parse_number_text(v)?,
                        })
                    });
                    match parsed {
                        Some(target) => out.push(target),
                        None => row.err(8, format!("cible « {part} » illisible : écrivez année=valeur, séparées par des points-virgules.")),
                    }
                }
                out.sort_by_key(|t| t.year);
                out
            }
        };
        let objective_ids = self.objective_ids(row, 9, o.map_or(&[], |i| &i.objective_ids));
        let ind = Indicator {
            id: o.map_or(0, |i| i.id),
            name,
            unit,
            direction,
            kind,
            baseline_value,
            baseline_date,
            source: row.text_or(6, o.map_or("", |i| &i.source)),
            by_district,
            targets,
            objective_ids,
        };
        let fields = |f: &str| {
            [
                "name",
                "unit",
                "direction",
                "kind",
                "baseline_value",
                "baseline_date",
                "source",
                "by_district",
                "targets",
                "objective_ids",
            ]
            .iter()
            .position(|x| *x == f)
        };
        row.issues(&ind.validate(self.period), fields);
        save(
            row,
            old.as_ref(),
            ind,
            |i| store.save_indicator(i),
            fields,
            |i, id| {
                self.indicators.insert(fold(&i.name), Indicator { id, ..i });
            },
        )
    }

    fn measurement(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let ind = row.req(0, text_cell).and_then(|n| {
            let found = self.indicators.get(&fold(&n)).cloned();
            if found.is_none() {
                row.err(0, format!("indicateur « {n} » inconnu dans ce contrat."));
            }
            found
        });
        let year = row.req(1, values::year);
        let district_id = match row.text(2) {
            Some(code) if !code.is_empty() => match self.districts.get(&code.to_uppercase()) {
                Some(d) => Some(d.id),
                None => {
                    row.err(2, format!("QPV « {code} » inconnu dans ce contrat."));
                    return Ok(None);
                }
            },
            _ => None,
        };
        let value = row.req(3, values::number);
        let (Some(ind), Some(year), Some(value)) = (ind, year, value) else {
            return Ok(None);
        };
        let key = (ind.id, year, district_id);
        if self.duplicate(row, format!("{key:?}"), "même indicateur, année et QPV") {
            return Ok(None);
        }
        let old = self.measurements.get(&key).cloned();
        let o = old.as_ref();
        let m = Measurement {
            id: o.map_or(0, |m| m.id),
            indicator_id: ind.id,
            year,
            date: row.opt(4, o.and_then(|m| m.date), values::date),
            district_id,
            action_id: None,
            value,
            base: o.and_then(|m| m.base),
            source: row.text_or(5, o.map_or("", |m| &m.source)),
            comment: row.text_or(6, o.map_or("", |m| &m.comment)),
            received_on: o.and_then(|m| m.received_on),
        };
        let fields = |f: &str| {
            [
                "indicator_id",
                "year",
                "district_id",
                "value",
                "date",
                "source",
                "comment",
            ]
            .iter()
            .position(|x| *x == f)
        };
        row.issues(&m.validate(ind.unit, self.period), fields);
        save(
            row,
            o,
            m,
            |m| store.save_measurement(m),
            fields,
            |m, id| {
                self.measurements.insert(key, Measurement { id, ..m });
            },
        )
    }

    fn action(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let Some(title) = row.req(0, text_cell) else {
            return Ok(None);
        };
        if self.duplicate(row, fold(&title), "même intitulé") {
            return Ok(None);
        }
        let old = self.actions.get(&fold(&title)).cloned();
        let o = old.as_ref();
        let porteur_id = match row.text(1) {
            None => o.and_then(|a| a.porteur_id),
            Some(t) if t.is_empty() => None,
            Some(t) => match self.actors.get(&fold(&t)) {
                Some(a) => Some(a.id),
                None => {
                    row.err(
                        1,
                        format!("porteur « {t} » inconnu (ajoutez-le dans la feuille Acteurs)."),
                    );
                    None
                }
            },
        };
        let status = row
            .opt(
                2,
                o.map(|a| a.status),
                coded(
                    ActionStatus::parse_loose,
                    ActionStatus::ALL,
                    ActionStatus::label,
                ),
            )
            .unwrap_or(ActionStatus::Planned);
        let weather = row.opt(
            3,
            o.and_then(|a| a.weather),
            coded(Weather::parse_loose, Weather::ALL, Weather::label),
        );
        let start_date = row.opt(5, o.and_then(|a| a.start_date), values::date);
        let end_date = row.opt(6, o.and_then(|a| a.end_date), values::date);
        let district_ids = self.district_ids(row, 9, o.map_or(&[], |a| &a.district_ids));
        let objective_ids = self.objective_ids(row, 10, o.map_or(&[], |a| &a.objective_ids));
        let theme_ids = self.theme_ids(row, 11, o.map_or(&[], |a| &a.theme_ids));
        let a = Action {
            id: o.map_or(0, |a| a.id),
            title,
            description: row.text_or(8, o.map_or("", |a| &a.description)),
            porteur_id,
            status,
            start_date,
            end_date,
            audience: row.text_or(7, o.map_or("", |a| &a.audience)),
            weather,
            weather_comment: row.text_or(4, o.map_or("", |a| &a.weather_comment)),
            district_ids,
            objective_ids,
            theme_ids,
            reported_indicator_ids: o.map_or_else(Vec::new, |a| a.reported_indicator_ids.clone()),
        };
        let fields = |f: &str| {
            [
                "title",
                "porteur_id",
                "status",
                "weather",
                "weather_comment",
                "start_date",
                "end_date",
                "audience",
                "description",
                "district_ids",
                "objective_ids",
                "theme_ids",
            ]
            .iter()
            .position(|x| *x == f)
        };
        row.issues(&a.validate(self.period), fields);
        save(
            row,
            o,
            a,
            |a| store.save_action(a),
            fields,
            |a, id| {
                self.actions.insert(fold(&a.title), Action { id, ..a });
            },
        )
    }

    fn funding(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let action = row.req(0, text_cell).and_then(|t| {
            let found = self.actions.get(&fold(&t)).map(|a| a.id);
            if found.is_none() {
                row.err(
                    0,
                    format!("action « {t} » inconnue (ajoutez-la dans la feuille Actions)."),
                );
            }
            found
        });
        let financeur = row.req(
            1,
            coded(Financeur::parse_loose, Financeur::ALL, Financeur::label),
        );
        let year = row.req(2, values::year);
        let (Some(action_id), Some(financeur), Some(year)) = (action, financeur, year) else {
            return Ok(None);
        };
        let key = (action_id, financeur, year);
        if self.duplicate(row, format!("{key:?}"), "même action, financeur et année") {
            return Ok(None);
        }
        let old = self.fundings.get(&key).cloned();
        let o = old.as_ref();
        let f = Funding {
            id: o.map_or(0, |f| f.id),
            action_id,
            financeur,
            year,
            requested_cents: row
                .opt(3, o.map(|f| f.requested_cents), values::cents)
                .unwrap_or(0),
            granted_cents: row
                .opt(4, o.map(|f| f.granted_cents), values::cents)
                .unwrap_or(0),
            paid_cents: row
                .opt(5, o.map(|f| f.paid_cents), values::cents)
                .unwrap_or(0),
            scheme: row
                .opt(
                    6,
                    o.map(|f| f.scheme),
                    coded(
                        FundingScheme::parse_loose,
                        FundingScheme::ALL,
                        FundingScheme::label,
                    ),
                )
                .unwrap_or(FundingScheme::CallForProjects),
            cpo_start_year: row.opt(7, o.and_then(|f| f.cpo_start_year), values::year),
            crf_received_on: row.opt(8, o.and_then(|f| f.crf_received_on), values::date),
            comment: row.text_or(9, o.map_or("", |f| &f.comment)),
        };
        let fields = |f: &str| {
            [
                "action_id",
                "financeur",
                "year",
                "requested_cents",
                "granted_cents",
                "paid_cents",
                "scheme",
                "cpo_start_year",
                "crf_received_on",
                "comment",
            ]
            .iter()
            .position(|x| *x == f)
        };
        row.issues(&f.validate(self.period), fields);
        save(
            row,
            o,
            f,
            |f| store.save_funding(f),
            fields,
            |f, id| {
                self.fundings.insert(key, Funding { id, ..f });
            },
        )
    }

    fn meeting(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let date = row.req(0, values::date);
        let title = row.req(2, text_cell);
        let (Some(date), Some(title)) = (date, title) else {
            return Ok(None);
        };
        if self.duplicate(
            row,
            format!("{date} {}", fold(&title)),
            "même date et même intitulé",
        ) {
            return Ok(None);
        }
        let old = self
            .meetings
            .iter()
            .find(|m| m.date == date && fold(&m.title) == fold(&title))
            .cloned();
        let o = old.as_ref();
        let kind = row
            .opt(
                1,
                o.map(|m| m.kind),
                coded(
                    MeetingKind::parse_loose,
                    MeetingKind::ALL,
                    MeetingKind::label,
                ),
            )
            .unwrap_or(MeetingKind::Copil);
        let participants = match row.text(5) {
            None => o.map(|m| m.participants.clone()).unwrap_or_default(),
            Some(t) => {
                let mut out = Vec::new();
                for part in split_list(&t, &['|']) {
                    match self.participant(&part) {
                        Some(p) => out.push(p),
                        None => row.err(5, format!("participants « {part} » illisible : écrivez « Structure [Type] : effectif », séparés par |.")),
                    }
                }
                out
            }
        };
        let m = Meeting {
            id: o.map_or(0, |m| m.id),
            kind,
            title,
            date,
            place: row.text_or(3, o.map_or("", |m| &m.place)),
            agenda: row.text_or(4, o.map_or("", |m| &m.agenda)),
            participants,
        };
        let fields = |f: &str| {
            ["date", "kind", "title", "place", "agenda", "participants"]
                .iter()
                .position(|x| *x == f)
        };
        row.issues(&m.validate(self.period), fields);
        let meetings = &mut self.meetings;
        save(
            row,
            o,
            m,
            |m| store.save_meeting(m),
            fields,
            |m, id| {
                meetings.retain(|x| x.id != id);
                meetings.push(Meeting { id, ..m });
            },
        )
    }

    fn participant(&self, text: &str) -> Option<Participant> {
        let (left, count) = text.rsplit_once(':')?;
        let headcount = values::parse_number_text(count).filter(|v| v.fract() == 0.0)? as i64;
        let (label, kind) = match left.split_once('[') {
            Some((l, k)) => (
                l.trim(),
                ActorKind::parse_loose(k.trim_end().trim_end_matches(']'))?,
            ),
            None => (left.trim(), ActorKind::Other),
        };
        let actor = self.actors.get(&fold(label));
        Some(Participant {
            actor_id: actor.map(|a| a.id),
            label: label.to_string(),
            kind,
            headcount,
        })
    }

    fn decision(&mut self, store: &mut Store, row: &mut Row) -> Result<Option<Outcome>> {
        let meeting = row.req(0, values::date).and_then(|d| {
            let found = self.meetings.iter().find(|m| m.date == d).map(|m| m.id);
            if found.is_none() {
                row.err(
                    0,
                    format!(
                        "aucune instance le {} (ajoutez-la dans la feuille Instances).",
                        d.format("%d/%m/%Y")
                    ),
                );
            }
            found
        });
        let text = row.req(1, text_cell);
        let (Some(meeting_id), Some(text)) = (meeting, text) else {
            return Ok(None);
        };
        let key = (meeting_id, fold(&text));
        if self.duplicate(row, format!("{key:?}"), "même instance et même texte") {
            return Ok(None);
        }
        let old = self.decisions.get(&key).cloned();
        let o = old.as_ref();
        let d = Decision {
            id: o.map_or(0, |d| d.id),
            meeting_id,
            text,
            owner: row.text_or(2, o.map_or("", |d| &d.owner)),
            due_date: row.opt(3, o.and_then(|d| d.due_date), values::date),
            status: row
                .opt(
                    4,
                    o.map(|d| d.status),
                    coded(
                        DecisionStatus::parse_loose,
                        DecisionStatus::ALL,
                        DecisionStatus::label,
                    ),
                )
                .unwrap_or(DecisionStatus::Todo),
            closed_on: row.opt(5, o.and_then(|d| d.closed_on), values::date),
        };
        let fields = |f: &str| {
            [
                "meeting_id",
                "text",
                "owner",
                "due_date",
                "status",
                "closed_on",
            ]
            .iter()
            .position(|x| *x == f)
        };
        row.issues(&d.validate(), fields);
        save(
            row,
            o,
            d,
            |d| store.save_decision(d),
            fields,
            |d, id| {
                self.decisions.insert(key, Decision { id, ..d });
            },
        )
    }
}

/// Saves a row's record unless it has problems or is unchanged; store refusals become row problems.
fn save<T: PartialEq + Clone>(
    row: &mut Row,
    old: Option<&T>,
    record: T,
    write: impl FnOnce(&T) -> Result<crate::store::Saved>,
    fields: impl Fn(&str) -> Option<usize>,
    remember: impl FnOnce(T, Id),
) -> Result<Option<Outcome>> {
    if !row.problems.is_empty() {
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
            row.issues(&errors, fields);
            if !has_errors(&errors) {
                let p = row.problem(None, "enregistrement refusé.");
                row.problems.push(p);
            }
            Ok(None)
        }
        Err(e @ (CoreError::Missing { .. } | CoreError::InUse { .. })) => {
            let p = row.problem(None, e.to_string());
            row.problems.push(p);
            Ok(None)
        }
        Err(e) => Err(e),
    }
}
