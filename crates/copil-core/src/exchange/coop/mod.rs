//! Importing La Coop de la médiation numérique: the activities export (`.xlsx`, see [`export`])
//! or the older conseiller numérique « Statistiques » file (`.csv`, see [`statistics`]) becomes
//! the contributions of one action (or of each place's action) for each year it covers.
//!
//! Each measure ([`CoopMeasure`]) feeds the indicator the user linked it to once (a mapping the
//! contract file keeps; Copil proposes one by unit and name). Importing an export again replaces
//! the Coop contributions of the years it covers for each action, never adds to them; the
//! action's other contributions stay. Nothing is written when a row is refused, when a date lies
//! outside the contract (unless the user asked to skip those), or in a dry run — which runs the
//! very import and rolls it back, so the plan shown is what a real import does.

pub mod export;
pub mod statistics;
mod tally;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

pub use export::{is_coop_export, read_coop_export, CoopAccompaniment, CoopExport};
pub use statistics::{is_statistics, read_statistics, CoopStatistics};
pub use tally::{CoopFigures, DistrictCounts};

use super::problem::Problem;
use super::read::{read_file_bytes, read_workbook_bytes_with};
use crate::domain::{
    place_label, BreakdownDimension, CoopFileKind, CoopMapping, CoopMeasure, Id, Indicator,
    MeasureLink, Measurement, PlaceLink, Severity,
};
use crate::error::{CoreError, Result};
use crate::figures::{breakdown_of, Breakdown};
use crate::store::{BilanReplaced, CoopCommune, CoopImportRecord};
use crate::Store;
use tally::{tally, QpvCommunes, Tally};

/// A file of La Coop, read.
#[derive(Debug, Clone, PartialEq)]
pub enum CoopFile {
    /// The activities export.
    Export(CoopExport),
    /// The older « Statistiques » file.
    Statistics(CoopStatistics),
}

/// Reads a file of La Coop held in memory: an activities export (XLSX, ODS, or its sheet saved
/// as CSV) or a « Statistiques » CSV. Refuses what is neither.
pub fn read_coop_file(path: &Path, bytes: &[u8]) -> Result<CoopFile> {
    let (wb, formulas) = read_workbook_bytes_with(path, bytes, &mut export::read_columns)?;
    if !is_coop_export(&wb) {
        if let Some(sheet) = wb.sheets.first().filter(|s| is_statistics(s)) {
            return Ok(CoopFile::Statistics(read_statistics(path, sheet)?));
        }
    }
    Ok(CoopFile::Export(read_coop_export(path, &wb, &formulas)?))
}

/// How to import: the action (or the places' actions), dry run, dates outside the contract,
/// and the mapping to use (saved by a real import).
#[derive(Debug, Clone)]
pub struct CoopOptions {
    /// Every row goes to this action; None: each place's action (saved mapping and `places`).
    pub action_id: Option<Id>,
    /// Writes nothing.
    pub dry_run: bool,
    /// Skips (and lists) the accompaniments dated outside the contract instead of refusing.
    pub skip_out_of_period: bool,
    /// Links of measures to indicators to use instead of the saved ones.
    pub measures: Vec<MeasureLink>,
    /// Places to assign to an action, added to the saved ones.
    pub places: Vec<PlaceLink>,
    /// Today: the « reçu le » of a file without an export date, and the day of the import.
    pub today: NaiveDate,
}

impl CoopOptions {
    /// A real import of every row into `action_id` (or by place), with the saved mapping.
    pub fn new(action_id: Option<Id>, today: NaiveDate) -> CoopOptions {
        CoopOptions {
            action_id,
            dry_run: false,
            skip_out_of_period: false,
            measures: Vec::new(),
            places: Vec::new(),
            today,
        }
    }
}

/// An accompaniment dated outside the contract.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct OutOfPeriod {
    /// Its row.
    pub line: usize,
    /// Its date.
    pub date: NaiveDate,
}

/// A place of the export and where its accompaniments go.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlaceUse {
    /// `Nom du lieu` (empty: none).
    pub place: String,
    /// How it is shown (« (sans lieu) » when empty).
    pub label: String,
    /// Accompaniments there.
    pub accompaniments: u32,
    /// The action they go to, if known.
    pub action_id: Option<Id>,
    /// Its title.
    pub action: String,
}

/// How one measure is used by the import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct MeasureUse {
    /// The measure.
    pub measure: CoopMeasure,
    /// Its French label.
    pub label: String,
    /// The indicator it feeds, if any.
    pub indicator_id: Option<Id>,
    /// Its name.
    pub indicator: String,
    /// Whether the link was saved (else Copil's proposal, saved by a real import).
    pub saved: bool,
    /// Whether the file gives this measure (the « Statistiques » file gives no hours…).
    pub available: bool,
}

/// One value the import writes.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoopValue {
    /// The measure it comes from.
    pub measure: CoopMeasure,
    /// Indicator.
    pub indicator_id: Id,
    /// Its name.
    pub indicator: String,
    /// QPV code; empty for the territory.
    pub district_code: String,
    /// The value.
    pub value: f64,
    /// Base of a share.
    pub base: Option<f64>,
}

/// What the import does for one action and one year.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoopBilan {
    /// Action.
    pub action_id: Id,
    /// Its title.
    pub action: String,
    /// Year.
    pub year: i32,
    /// First activity of the year in the file.
    pub first_date: NaiveDate,
    /// Last activity.
    pub last_date: NaiveDate,
    /// The counts.
    pub figures: CoopFigures,
    /// Accompaniments attributed to each QPV, by QPV code.
    pub districts: Vec<(String, DistrictCounts)>,
    /// QPV communes of the beneficiaries.
    pub communes: Vec<CoopCommune>,
    /// Accompaniments by genre, age band and status.
    pub breakdowns: Vec<Breakdown>,
    /// Values written.
    pub values: Vec<CoopValue>,
    /// The import it replaces, described.
    pub replaces: Option<String>,
    /// Values created, updated, deleted, unchanged in the action's bilan of that year.
    pub written: BilanReplaced,
}

/// What an import of La Coop did (or would do).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CoopImportReport {
    /// File name.
    pub file: String,
    /// Which file of La Coop it is.
    pub kind: CoopFileKind,
    /// Source written with its values.
    pub source: String,
    /// `Date d'export`.
    pub exported_on: Option<NaiveDate>,
    /// Accompaniments read (rows; for a « Statistiques » file, its accompaniments).
    pub rows: u32,
    /// Each action and year.
    pub bilans: Vec<CoopBilan>,
    /// Each measure and its indicator.
    pub mapping: Vec<MeasureUse>,
    /// The places of the export.
    pub places: Vec<PlaceUse>,
    /// Accompaniments dated outside the contract (listed up to 50).
    pub out_of_period: Vec<OutOfPeriod>,
    /// How many in all.
    pub out_of_period_count: u32,
    /// Blocking problems: if any, nothing was written.
    pub problems: Vec<Problem>,
    /// Remarks.
    pub warnings: Vec<String>,
    /// Whether the contract file was changed.
    pub applied: bool,
    /// Backup made before a real import.
    pub backup: Option<PathBuf>,
}

impl CoopImportReport {
    /// Whether the file can be (or was) imported.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }

    /// The values written in all, added up.
    pub fn written(&self) -> BilanReplaced {
        self.bilans
            .iter()
            .fold(BilanReplaced::default(), |t, b| BilanReplaced {
                created: t.created + b.written.created,
                updated: t.updated + b.written.updated,
                deleted: t.deleted + b.written.deleted,
                unchanged: t.unchanged + b.written.unchanged,
            })
    }
}

/// Imports a file of La Coop into the contract; a dry run writes nothing.
pub fn import_coop(
    store: &mut Store,
    path: &Path,
    options: &CoopOptions,
) -> Result<CoopImportReport> {
    let bytes = read_file_bytes(path)?;
    import_coop_bytes(store, path, &bytes, options, true)
}

/// [`import_coop`] on a file already read (the demo's is embedded); `backup` makes the
/// automatic backup before a real import.
pub(crate) fn import_coop_bytes(
    store: &mut Store,
    path: &Path,
    bytes: &[u8],
    options: &CoopOptions,
    backup: bool,
) -> Result<CoopImportReport> {
    let file = read_coop_file(path, bytes)?;
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let sha = hex(&Sha256::digest(bytes));
    let contract = store.contract()?;
    let period = contract.period();
    let indicators = store.indicators()?;
    let actions = store.actions()?;
    let districts = store.districts()?;
    let title = |id: Id| {
        actions
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.clone())
            .unwrap_or_default()
    };
    let mut mapping = store.coop_mapping()?;
    apply_overrides(&mut mapping, options, &indicators);
    let (kind, exported_on, source) = match &file {
        CoopFile::Export(e) => (
            CoopFileKind::Export,
            e.exported_on,
            match e.exported_on {
                Some(d) => format!(
                    "La Coop de la médiation numérique, export du {}",
                    d.format("%d/%m/%Y")
                ),
                None => {
                    "La Coop de la médiation numérique, export (date d'export absente)".to_string()
                }
            },
        ),
        CoopFile::Statistics(s) => (
            CoopFileKind::Statistics,
            None,
            format!(
                "Statistiques conseiller numérique, du {} au {}",
                s.from.format("%d/%m/%Y"),
                s.to.format("%d/%m/%Y")
            ),
        ),
    };
    let mut report = CoopImportReport {
        file: file_name.clone(),
        kind,
        source: source.clone(),
        exported_on,
        rows: 0,
        bilans: Vec::new(),
        mapping: Vec::new(),
        places: Vec::new(),
        out_of_period: Vec::new(),
        out_of_period_count: 0,
        problems: Vec::new(),
        warnings: Vec::new(),
        applied: false,
        backup: None,
    };
    for issue in store.check_coop_mapping(&mapping)? {
        if issue.severity == Severity::Error {
            report.problems.push(Problem {
                sheet: "Correspondances".into(),
                row: 0,
                column: String::new(),
                message: issue.message,
            });
        }
    }
    if let Some(id) = options.action_id {
        if !actions.iter().any(|a| a.id == id) {
            return Err(CoreError::Missing {
                entity: "Action",
                id,
            });
        }
    }
    let received_on = exported_on.unwrap_or(options.today);
    let qpvs = QpvCommunes::of(&districts);
    // (action, year) → tally, from the rows or the statistics.
    let ctx = Context {
        period,
        mapping: &mapping,
        options,
        qpvs: &qpvs,
        title: &title,
        file_name: &file_name,
    };
    let (groups, available) = match &file {
        CoopFile::Export(e) => (
            export_groups(e, &ctx, &mut report),
            CoopMeasure::ALL.to_vec(),
        ),
        CoopFile::Statistics(s) => (
            statistics_groups(s, &ctx, &mut report),
            s.values.iter().map(|(m, _, _)| *m).collect(),
        ),
    };
    report.mapping = mapping
        .measures
        .iter()
        .map(|l| MeasureUse {
            measure: l.measure,
            label: l.measure.label().to_string(),
            indicator_id: l.indicator_id,
            indicator: l
                .indicator_id
                .and_then(|id| indicators.iter().find(|i| i.id == id))
                .map(|i| i.name.clone())
                .unwrap_or_default(),
            saved: l.saved,
            available: available.contains(&l.measure),
        })
        .collect();
    if mapping.measures.iter().all(|l| l.indicator_id.is_none()) {
        report.problems.push(Problem {
            sheet: "Correspondances".into(),
            row: 0,
            column: String::new(),
            message: "aucune mesure n'est reliée à un indicateur du contrat : reliez au moins une mesure (accompagnements, heures…) à un indicateur.".into(),
        });
    }
    // The values of each action and year, and what they replace.
    let mut plans: Vec<Plan> = Vec::new();
    for ((action_id, year), t) in &groups {
        let values = values_of(
            t,
            &mapping,
            &indicators,
            &districts,
            *action_id,
            *year,
            &source,
            received_on,
            &available,
        );
        for (_, m) in &values {
            for issue in store.check_measurement(m)? {
                if issue.severity == Severity::Error {
                    report.problems.push(Problem {
                        sheet: "Valeurs calculées".into(),
                        row: 0,
                        column: String::new(),
                        message: format!(
                            "{} {year} : {}",
                            indicator_name(&indicators, m.indicator_id),
                            issue.message
                        ),
                    });
                }
            }
        }
        let previous = store.coop_import_of(*action_id, *year)?;
        let coop_ids = store.coop_contribution_ids(*action_id, *year)?;
        let before = store.bilan_values(*action_id, *year)?;
        let mut kept: Vec<Measurement> = Vec::new();
        for b in before.iter().filter(|b| !coop_ids.contains(&b.id)) {
            match values
                .iter()
                .find(|(_, v)| v.indicator_id == b.indicator_id && v.district_id == b.district_id)
            {
                Some(_) => report.warnings.push(format!(
                    "{} {year} : la valeur {} saisie pour l'action « {} » ({}) est remplacée par celle de La Coop.",
                    indicator_name(&indicators, b.indicator_id),
                    crate::format::plain_number(b.value),
                    title(*action_id),
                    if b.source.is_empty() { "sans source".to_string() } else { b.source.clone() }
                )),
                None => kept.push(b.clone()),
            }
        }
        let replaces = previous.as_ref().map(|p| {
            let dates = match (p.first_date, p.last_date) {
                (Some(a), Some(b)) => format!(", activités du {} au {}", a.format("%d/%m/%Y"), b.format("%d/%m/%Y")),
                _ => String::new(),
            };
            if let (Some(pf), Some(pl)) = (p.first_date, p.last_date) {
                if pf < t.first || pl > t.last {
                    report.warnings.push(format!(
                        "{year}, action « {} » : l'import précédent ({}) couvrait du {} au {} ; ce fichier va du {} au {} : les activités hors de ces dates ne seront plus comptées.",
                        title(*action_id),
                        p.file_name,
                        pf.format("%d/%m/%Y"),
                        pl.format("%d/%m/%Y"),
                        t.first.format("%d/%m/%Y"),
                        t.last.format("%d/%m/%Y")
                    ));
                }
            }
            format!("{} ({}{dates})", p.source, p.file_name)
        });
        let code = |id: Id| {
            districts
                .iter()
                .find(|d| d.id == id)
                .map(|d| d.code.clone())
                .unwrap_or_default()
        };
        let bilan = CoopBilan {
            action_id: *action_id,
            action: title(*action_id),
            year: *year,
            first_date: t.first,
            last_date: t.last,
            figures: t.figures.clone(),
            districts: t
                .districts
                .iter()
                .map(|(id, c)| (code(*id), c.clone()))
                .collect(),
            communes: communes_of(t, &qpvs),
            breakdowns: BreakdownDimension::ALL
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    breakdown_of(*d, t.breakdowns[i].iter().map(|(k, v)| (k.as_str(), *v)))
                })
                .filter(|b| b.total > 0)
                .collect(),
            values: values
                .iter()
                .map(|(measure, m)| CoopValue {
                    measure: *measure,
                    indicator_id: m.indicator_id,
                    indicator: indicator_name(&indicators, m.indicator_id),
                    district_code: m.district_id.map(code).unwrap_or_default(),
                    value: m.value,
                    base: m.base,
                })
                .collect(),
            replaces,
            written: BilanReplaced::default(),
        };
        plans.push(Plan {
            bilan,
            values,
            kept,
        });
    }
    if !report.problems.is_empty() {
        report.bilans = plans.into_iter().map(|p| p.bilan).collect();
        return Ok(report);
    }
    if !options.dry_run && backup {
        report.backup = Some(store.backup(None, "import-coop")?);
    }
    let commit = !options.dry_run;
    let summary = format!(
        "import de La Coop « {file_name} » ({source}) : {} accompagnement(s), {} bilan(s) d'action",
        report.rows,
        plans.len()
    );
    let measures_to_save = mapping.measures.clone();
    let places_to_save: Vec<PlaceLink> = options.places.clone();
    let imported_on = options.today;
    let bilans = store.batch_with("import", |s| {
        s.save_coop_mapping(&CoopMapping {
            measures: measures_to_save
                .iter()
                .map(|l| MeasureLink {
                    saved: true,
                    ..l.clone()
                })
                .collect(),
            places: places_to_save,
        })?;
        let mut out = Vec::new();
        for Plan {
            mut bilan,
            values,
            kept,
        } in plans
        {
            let mut fed: Vec<Id> = values.iter().map(|(_, m)| m.indicator_id).collect();
            fed.sort_unstable();
            fed.dedup();
            s.add_reported_indicators(bilan.action_id, &fed)?;
            let mut all: Vec<Measurement> = kept;
            all.extend(values.iter().map(|(_, m)| m.clone()));
            bilan.written = s.replace_bilan(bilan.action_id, bilan.year, &all)?;
            let after = s.bilan_values(bilan.action_id, bilan.year)?;
            let contributions: Vec<(Id, CoopMeasure)> = values
                .iter()
                .filter_map(|(measure, v)| {
                    after
                        .iter()
                        .find(|a| {
                            a.indicator_id == v.indicator_id && a.district_id == v.district_id
                        })
                        .map(|a| (a.id, *measure))
                })
                .collect();
            s.record_coop_import(&CoopImportRecord {
                id: 0,
                action_id: bilan.action_id,
                year: bilan.year,
                kind,
                source: source.clone(),
                file_name: file_name.clone(),
                file_sha256: sha.clone(),
                exported_on,
                first_date: Some(bilan.first_date),
                last_date: Some(bilan.last_date),
                imported_on,
                accompaniments: bilan.figures.accompaniments,
                with_commune: bilan.figures.with_commune,
                in_qpv_commune: bilan.figures.in_qpv_commune,
                unique_persons: bilan.figures.unique_persons,
                breakdowns: bilan
                    .breakdowns
                    .iter()
                    .flat_map(|b| {
                        b.categories
                            .iter()
                            .map(|c| (b.dimension, c.label.clone(), c.accompaniments))
                    })
                    .collect(),
                communes: bilan.communes.clone(),
                contributions,
            })?;
            out.push(bilan);
        }
        Ok((out, commit.then_some(summary)))
    })?;
    report.bilans = bilans;
    report.applied = commit;
    Ok(report)
}

/// What the import needs to place a file's figures.
struct Context<'a> {
    period: crate::domain::Period,
    mapping: &'a CoopMapping,
    options: &'a CoopOptions,
    qpvs: &'a QpvCommunes,
    title: &'a dyn Fn(Id) -> String,
    file_name: &'a str,
}

/// The export's accompaniments counted by action and year (dates outside the contract and
/// places without an action reported).
fn export_groups(
    e: &CoopExport,
    ctx: &Context<'_>,
    report: &mut CoopImportReport,
) -> BTreeMap<(Id, i32), Tally> {
    let (period, mapping, options, qpvs, title) =
        (ctx.period, ctx.mapping, ctx.options, ctx.qpvs, ctx.title);
    let mut groups = BTreeMap::new();
    report.problems.extend(e.problems.iter().cloned());
    report.warnings.extend(e.warnings.iter().cloned());
    report.rows = e.rows.len() as u32;
    let mut kept: Vec<&CoopAccompaniment> = Vec::new();
    for r in &e.rows {
        if period.contains_year(r.date.year()) {
            kept.push(r);
        } else {
            report.out_of_period_count += 1;
            if report.out_of_period.len() < 50 {
                report.out_of_period.push(OutOfPeriod {
                    line: r.line,
                    date: r.date,
                });
            }
        }
    }
    if report.out_of_period_count > 0 {
        let lines = report
            .out_of_period
            .iter()
            .map(|o| format!("ligne {} ({})", o.line, o.date.format("%d/%m/%Y")))
            .collect::<Vec<_>>()
            .join(", ");
        let more = report.out_of_period_count as usize - report.out_of_period.len();
        let more = if more > 0 {
            format!(" et {more} autre(s)")
        } else {
            String::new()
        };
        let what = format!(
            "{} accompagnement(s) daté(s) hors de la période du contrat ({}–{}) : {lines}{more}",
            report.out_of_period_count, period.start_year, period.end_year
        );
        if options.skip_out_of_period {
            report
                .warnings
                .push(format!("{what} ; ignoré(s) comme demandé."));
        } else {
            report.problems.push(Problem {
                sheet: e.sheet.clone(),
                row: 0,
                column: "Date".into(),
                message: format!(
                    "{what}. Retirez-les de l'export, ou demandez à ignorer les dates hors période."
                ),
            });
        }
    }
    let mut places: BTreeMap<&str, u32> = BTreeMap::new();
    for r in &kept {
        *places.entry(r.place.as_str()).or_default() += 1;
    }
    for (place, n) in &places {
        let action_id = options.action_id.or_else(|| mapping.action_of(place));
        if action_id.is_none() {
            report.problems.push(Problem {
                sheet: e.sheet.clone(),
                row: 0,
                column: "Nom du lieu".into(),
                message: format!(
                    "« {} » ({n} accompagnement(s)) n'est associé à aucune action : associez ce lieu à une action du contrat, ou importez tout l'export dans une action.",
                    place_label(place)
                ),
            });
        }
        report.places.push(PlaceUse {
            place: place.to_string(),
            label: place_label(place).to_string(),
            accompaniments: *n,
            action_id,
            action: action_id.map(title).unwrap_or_default(),
        });
    }
    let mut by_group: BTreeMap<(Id, i32), Vec<&CoopAccompaniment>> = BTreeMap::new();
    for r in kept {
        if let Some(a) = options.action_id.or_else(|| mapping.action_of(&r.place)) {
            by_group.entry((a, r.date.year())).or_default().push(r);
        }
    }
    for (key, rows) in by_group {
        if let Some(t) = tally(&rows, qpvs, e.names_beneficiaries) {
            groups.insert(key, t);
        }
    }
    groups
}

/// The « Statistiques » file's figures for its action and year.
fn statistics_groups(
    s: &CoopStatistics,
    ctx: &Context<'_>,
    report: &mut CoopImportReport,
) -> BTreeMap<(Id, i32), Tally> {
    let (period, options) = (ctx.period, ctx.options);
    let file_name = ctx.file_name.to_string();
    let mut groups = BTreeMap::new();
    report.problems.extend(s.problems.iter().cloned());
    let figures = CoopFigures {
        accompaniments: s.value(CoopMeasure::Accompaniments).unwrap_or(0.0) as u32,
        persons: s.value(CoopMeasure::Persons).unwrap_or(0.0) as u32,
        individual: s
            .value(CoopMeasure::IndividualAccompaniments)
            .unwrap_or(0.0) as u32,
        workshops: s.value(CoopMeasure::Workshops).unwrap_or(0.0) as u32,
        workshop_participants: s.value(CoopMeasure::WorkshopParticipants).unwrap_or(0.0) as u32,
        redirections: s.value(CoopMeasure::Redirections).unwrap_or(0.0) as u32,
        ..CoopFigures::default()
    };
    report.rows = figures.accompaniments;
    match options.action_id {
        None => report.problems.push(Problem {
            sheet: file_name.clone(),
            row: 0,
            column: String::new(),
            message: "un fichier « Statistiques » ne dit pas les lieux : choisissez l'action qu'il alimente.".into(),
        }),
        Some(_) if !period.contains_year(s.year()) && s.problems.is_empty() => {
            report.problems.push(Problem {
                sheet: file_name.clone(),
                row: 1,
                column: String::new(),
                message: format!(
                    "la période du {} au {} est hors de la période du contrat ({}–{}).",
                    s.from.format("%d/%m/%Y"),
                    s.to.format("%d/%m/%Y"),
                    period.start_year,
                    period.end_year
                ),
            })
        }
        Some(a) if s.problems.is_empty() => {
            groups.insert(
                (a, s.year()),
                Tally {
                    first: s.from,
                    last: s.to,
                    figures,
                    districts: BTreeMap::new(),
                    communes: BTreeMap::new(),
                    breakdowns: Default::default(),
                },
            );
        }
        Some(_) => {}
    }
    groups
}

/// What the import writes for one action and year: its bilan as shown, the Coop values, and
/// the action's other contributions that stay.
struct Plan {
    bilan: CoopBilan,
    values: Vec<(CoopMeasure, Measurement)>,
    kept: Vec<Measurement>,
}

/// The saved mapping with the options' links and places in place of the saved ones.
fn apply_overrides(mapping: &mut CoopMapping, options: &CoopOptions, indicators: &[Indicator]) {
    let mut saved: Vec<(CoopMeasure, Option<Id>)> = mapping
        .measures
        .iter()
        .filter(|l| l.saved)
        .map(|l| (l.measure, l.indicator_id))
        .collect();
    for o in &options.measures {
        saved.retain(|(m, _)| *m != o.measure);
        saved.push((o.measure, o.indicator_id));
    }
    let overridden: Vec<CoopMeasure> = options.measures.iter().map(|l| l.measure).collect();
    mapping.measures = crate::domain::propose_mapping(indicators, &saved)
        .into_iter()
        .map(|l| MeasureLink {
            saved: l.saved && !overridden.contains(&l.measure),
            ..l
        })
        .collect();
    for p in &options.places {
        mapping.places.retain(|x| x.place != p.place);
        mapping.places.push(p.clone());
    }
}

/// The contributions of one action and year: each linked measure's value, split between QPVs
/// for an indicator followed by QPV (the rest stays at territory level, so the sum is whole).
#[allow(clippy::too_many_arguments)]
fn values_of(
    t: &Tally,
    mapping: &CoopMapping,
    indicators: &[Indicator],
    districts: &[crate::domain::District],
    action_id: Id,
    year: i32,
    source: &str,
    received_on: NaiveDate,
    available: &[CoopMeasure],
) -> Vec<(CoopMeasure, Measurement)> {
    let mut out = Vec::new();
    for &measure in CoopMeasure::ALL {
        if !available.contains(&measure) {
            continue;
        }
        let Some(ind) = mapping
            .indicator_of(measure)
            .and_then(|id| indicators.iter().find(|i| i.id == id))
        else {
            continue;
        };
        let Some((total, base)) = t.figures.value(measure) else {
            continue;
        };
        let value = |district_id: Option<Id>, value: f64, comment: String| Measurement {
            id: 0,
            indicator_id: ind.id,
            year,
            date: None,
            district_id,
            action_id: Some(action_id),
            value,
            base,
            source: source.to_string(),
            comment,
            received_on: Some(received_on),
        };
        if ind.by_district && measure.splits_by_district() && !t.districts.is_empty() {
            let mut attributed = 0.0;
            for (id, counts) in &t.districts {
                let Some(v) = counts.value(measure).filter(|v| *v > 0.0) else {
                    continue;
                };
                attributed += v;
                let communes: Vec<String> = districts
                    .iter()
                    .find(|d| d.id == *id)
                    .map(|d| d.communes.clone())
                    .unwrap_or_default();
                out.push((
                    measure,
                    value(
                        Some(*id),
                        v,
                        format!(
                            "Bénéficiaires domiciliés dans la commune du quartier ({}) : repérage à la commune, pas à l'adresse.",
                            communes.join(", ")
                        ),
                    ),
                ));
            }
            out.push((
                measure,
                value(
                    None,
                    (total - attributed).max(0.0),
                    "Hors des quartiers repérés : commune sans QPV, commune à plusieurs QPV ou commune inconnue.".into(),
                ),
            ));
        } else {
            out.push((measure, value(None, total, String::new())));
        }
    }
    out
}

/// The QPV communes of a tally, with their QPVs and the one they were attributed to.
fn communes_of(t: &Tally, qpvs: &QpvCommunes) -> Vec<CoopCommune> {
    t.communes
        .iter()
        .map(|(insee, (n, name))| {
            let in_commune = qpvs.of_commune(insee);
            CoopCommune {
                insee: insee.clone(),
                name: name.clone(),
                accompaniments: *n,
                district_codes: in_commune.iter().map(|(_, c)| c.clone()).collect(),
                attributed_to: match in_commune {
                    [(id, _)] => Some(*id),
                    _ => None,
                },
            }
        })
        .collect()
}

fn indicator_name(indicators: &[Indicator], id: Id) -> String {
    indicators
        .iter()
        .find(|i| i.id == id)
        .map(|i| i.name.clone())
        .unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
