//! Importing the official list of QPVs (`listeqp2024-cog2024.csv`) for the contract's communes.

use std::collections::HashSet;
use std::path::Path;

use serde::Serialize;

use super::cell::Cell;
use super::headers::{map_headers, Col, Kind};
use super::import::SheetPlan;
use super::problem::Problem;
use super::read::{read_csv_bytes, MAX_FILE_BYTES};
use crate::domain::District;
use crate::error::{CoreError, Result};
use crate::Store;

/// One QPV of the official list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct QpvEntry {
    /// Official code (`QN06201M`).
    pub code: String,
    /// Official name.
    pub name: String,
    /// INSEE codes of its communes.
    pub communes: Vec<String>,
    /// Line in the official file (1 = header).
    pub line: usize,
}

const CODE: Col = Col::new("code", "code_qp", Kind::Text, 10.0)
    .mandatory()
    .with_aliases(&["Code QPV"]);
const NAME: Col = Col::new("name", "lib_qp", Kind::Text, 30.0)
    .mandatory()
    .with_aliases(&["Nom"]);
const COMMUNES: Col = Col::new("communes", "insee_com", Kind::Text, 20.0)
    .mandatory()
    .with_aliases(&["Communes"]);
const COMMUNE_NAMES: Col = Col::new("commune_names", "lib_com", Kind::Text, 20.0);

const COLS: &[Col] = &[CODE, NAME, COMMUNES, COMMUNE_NAMES];

/// Reads the official list and keeps the QPVs touching one of `communes` (all if empty).
pub fn read_qpv_list(path: &Path, communes: &[String]) -> Result<Vec<QpvEntry>> {
    let meta = std::fs::metadata(path).map_err(|_| CoreError::NotFound(path.to_path_buf()))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(CoreError::Spreadsheet {
            path: path.to_path_buf(),
            detail: "fichier trop gros pour une liste de QPV.".into(),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| CoreError::io(path, source))?;
    parse_qpv_list(path, &bytes, communes)
}

/// Parses the bytes of the official list (`path` names it in messages), keeping the QPVs
/// touching one of `communes` (all if empty): the parser the import and the fuzzing go through.
pub fn parse_qpv_list(path: &Path, bytes: &[u8], communes: &[String]) -> Result<Vec<QpvEntry>> {
    let sheet = read_csv_bytes("listeqp", bytes);
    let header = sheet.rows.first().cloned().unwrap_or_default();
    let map = map_headers(&header, COLS);
    let missing = COLS
        .iter()
        .zip(&map.index)
        .any(|(c, i)| c.required && i.is_none());
    if missing {
        return Err(CoreError::Spreadsheet {
            path: path.to_path_buf(),
            detail: "en-têtes attendus : code_qp;lib_qp;insee_com;lib_com (fichier officiel listeqp2024-cog2024.csv).".into(),
        });
    }
    let wanted: HashSet<&str> = communes.iter().map(String::as_str).collect();
    let get = |row: &[Cell], col: &Col| {
        map.index[col.position_in(COLS)]
            .and_then(|p| row.get(p))
            .map(|c| c.as_text())
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        let code = get(row, &CODE).to_uppercase();
        if code.is_empty() {
            continue;
        }
        let insee: Vec<String> = get(row, &COMMUNES)
            .split([';', ',', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_uppercase)
            .collect();
        if wanted.is_empty() || insee.iter().any(|c| wanted.contains(c.as_str())) {
            out.push(QpvEntry {
                code,
                name: get(row, &NAME),
                communes: insee,
                line: i + 1,
            });
        }
    }
    Ok(out)
}

/// Imports the QPVs of the contract's communes (or of `communes` when given) in one transaction.
///
/// Existing QPVs keep their population and IFN; a dry run writes nothing.
pub fn import_qpv_list(
    store: &mut Store,
    path: &Path,
    communes: &[String],
    dry_run: bool,
) -> Result<(SheetPlan, Vec<Problem>)> {
    let communes: Vec<String> = if communes.is_empty() {
        store
            .contract()?
            .communes
            .into_iter()
            .map(|c| c.insee)
            .collect()
    } else {
        communes.to_vec()
    };
    if communes.is_empty() {
        return Err(CoreError::Spreadsheet {
            path: path.to_path_buf(),
            detail: "le contrat n'a aucune commune : indiquez --communes INSEE,…".into(),
        });
    }
    let entries = read_qpv_list(path, &communes)?;
    let existing = store.districts()?;
    let mut plan = SheetPlan {
        sheet: "QPV".into(),
        ..SheetPlan::default()
    };
    let mut problems = Vec::new();
    let mut todo = Vec::new();
    for e in &entries {
        let old = existing.iter().find(|d| d.code == e.code);
        let d = District {
            id: old.map_or(0, |d| d.id),
            code: e.code.clone(),
            name: e.name.clone(),
            communes: {
                let mut c = e.communes.clone();
                c.sort();
                c
            },
            population: old.and_then(|d| d.population),
            ifn: old.and_then(|d| d.ifn),
        };
        for issue in d.validate() {
            problems.push(Problem {
                sheet: "QPV".into(),
                row: e.line,
                column: issue.field.clone(),
                message: issue.message,
            });
        }
        match old {
            Some(o) if *o == d => plan.unchanged += 1,
            Some(_) => plan.updated += 1,
            None => plan.created += 1,
        }
        if old != Some(&d) {
            todo.push(d);
        }
    }
    if dry_run || !problems.is_empty() || todo.is_empty() {
        return Ok((plan, problems));
    }
    let summary = format!(
        "import de la liste officielle des QPV : {} créé(s), {} mis à jour",
        plan.created, plan.updated
    );
    store.batch_with_backup("import", Some("import-qpv"), |s| {
        for d in &todo {
            s.save_district(d)?;
        }
        Ok(((), Some(summary)))
    })?;
    Ok((plan, problems))
}
