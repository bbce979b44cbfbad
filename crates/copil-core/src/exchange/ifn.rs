//! Importing La MedNum's indice de fragilité numérique (`ifn-city-all-variation.csv`, and
//! `ifn-epci-all-variation.csv` by EPCI): the lines of the contract's communes and EPCI, each
//! QPV's IFN from its commune, and the « score » indicators the file can feed.
//!
//! The files are comma-separated UTF-8 with the header
//! `name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total`;
//! scores are decimals from 1 to 10 written with a `.`. Every line is checked (a score of 11 or a
//! code that lost its leading zero says the file is not what it claims); only the contract's
//! lines are kept.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use ts_rs::TS;

use super::problem::Problem;
use super::read::{read_csv_bytes, read_file_bytes};
use crate::domain::{
    ifn_source, valid_insee, valid_siren, District, FragilityScore, Id, IfnDivision, Measurement,
    Unit,
};
use crate::error::{CoreError, Result};
use crate::Store;

/// The header La MedNum writes, in order.
pub const IFN_HEADER: [&str; 9] = [
    "name",
    "division",
    "code",
    "no_thd_coverage_rate",
    "no_4g_coverage_rate",
    "poverty_rate",
    "older_65_rate",
    "nscol15p_rate",
    "total",
];

/// Most problems listed for one file; the rest are counted.
const MAX_PROBLEMS: usize = 100;

/// One IFN file read and checked.
#[derive(Debug, Clone, PartialEq)]
pub struct IfnFile {
    /// File name (as it names the source).
    pub file_name: String,
    /// Division of its lines.
    pub division: IfnDivision,
    /// Data lines read.
    pub lines: usize,
    /// Lines kept (those of `keep`).
    pub scores: Vec<FragilityScore>,
    /// Lines refused, « fichier, ligne, colonne : raison ».
    pub problems: Vec<Problem>,
}

/// Reads one IFN file held in memory: every line checked, the lines whose code is in `keep`
/// (all when empty) kept. A file that is not La MedNum's (another header, empty) is refused.
pub fn read_ifn(
    path: &Path,
    bytes: &[u8],
    division: IfnDivision,
    file_date: NaiveDate,
    keep: &HashSet<String>,
) -> Result<IfnFile> {
    let file_name = file_name(path);
    let refuse = |detail: String| CoreError::Spreadsheet {
        path: path.to_path_buf(),
        detail,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(refuse("le fichier est vide.".into()));
    }
    let sheet = read_csv_bytes(&file_name, bytes);
    let header: Vec<String> = sheet
        .rows
        .first()
        .map(|r| r.iter().map(|c| c.as_text().to_lowercase()).collect())
        .unwrap_or_default();
    let index: Vec<Option<usize>> = IFN_HEADER
        .iter()
        .map(|h| header.iter().position(|x| x == h))
        .collect();
    if index.iter().any(Option::is_none) {
        let seen: String = super::read::decode_text(bytes)
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .chars()
            .take(120)
            .collect();
        return Err(refuse(format!(
            "ligne 1 : en-tête « {seen} » inattendu ; attendu {} (fichier de La MedNum {}).",
            IFN_HEADER.join(","),
            match division {
                IfnDivision::City => "ifn-city-all-variation.csv",
                IfnDivision::Epci => "ifn-epci-all-variation.csv",
            }
        )));
    }
    let col = |i: usize| index[i].unwrap_or(0);
    let mut out = IfnFile {
        file_name: file_name.clone(),
        division,
        lines: 0,
        scores: Vec::new(),
        problems: Vec::new(),
    };
    let mut extra = 0usize;
    let mut problem = |out: &mut IfnFile, line: usize, column: &str, message: String| {
        if out.problems.len() < MAX_PROBLEMS {
            out.problems.push(Problem {
                sheet: file_name.clone(),
                row: line,
                column: column.to_string(),
                message,
            });
        } else {
            extra += 1;
        }
    };
    if sheet.truncated {
        problem(
            &mut out,
            0,
            "",
            "fin de fichier illisible (guillemet non fermé) ou plus d'un million de lignes.".into(),
        );
    }
    let mut seen: HashSet<String> = HashSet::new();
    for (i, row) in sheet.rows.iter().enumerate().skip(1) {
        if row.iter().all(|c| c.is_blank()) {
            continue;
        }
        let line = i + 1;
        out.lines += 1;
        let text = |c: usize| row.get(col(c)).map(|x| x.as_text()).unwrap_or_default();
        let found = text(1).to_lowercase();
        if found != division.code() {
            let hint = match IfnDivision::from_code(&found) {
                Some(other) => format!(
                    " : c'est une ligne d'{}, pas d'une {} (fichiers inversés ?)",
                    other.label(),
                    division.label()
                ),
                None => String::new(),
            };
            problem(
                &mut out,
                line,
                "division",
                format!("« {found} » au lieu de « {} »{hint}.", division.code()),
            );
            continue;
        }
        let code = text(2).to_uppercase();
        let code_ok = match division {
            IfnDivision::City => valid_insee(&code),
            IfnDivision::Epci => code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit()),
        };
        if !code_ok {
            let lost_zero = code.bytes().all(|b| b.is_ascii_digit())
                && code.len() + 1
                    == match division {
                        IfnDivision::City => 5,
                        IfnDivision::Epci => 9,
                    };
            problem(
                &mut out,
                line,
                "code",
                format!(
                    "code « {code} » invalide : {}{}.",
                    match division {
                        IfnDivision::City => "code INSEE de 5 caractères attendu",
                        IfnDivision::Epci => "SIREN de 9 chiffres attendu",
                    },
                    if lost_zero {
                        " (le zéro initial a-t-il été perdu par un tableur ?)"
                    } else {
                        ""
                    }
                ),
            );
            continue;
        }
        if !seen.insert(code.clone()) {
            problem(
                &mut out,
                line,
                "code",
                format!("le code {code} figure déjà plus haut dans le fichier."),
            );
            continue;
        }
        let mut scores = [None; 6];
        let mut bad = false;
        for (k, slot) in scores.iter_mut().enumerate() {
            let header = IFN_HEADER[3 + k];
            match parse_score(&text(3 + k)) {
                Ok(v) => *slot = v,
                Err(m) => {
                    problem(&mut out, line, header, m);
                    bad = true;
                }
            }
        }
        if bad || !(keep.is_empty() || keep.contains(&code)) {
            continue;
        }
        out.scores.push(FragilityScore {
            division,
            name: text(0),
            code,
            components: [scores[0], scores[1], scores[2], scores[3], scores[4]],
            total: scores[5],
            file_name: out.file_name.clone(),
            file_date,
            line,
        });
    }
    if extra > 0 {
        out.problems.push(Problem {
            sheet: file_name,
            row: 0,
            column: String::new(),
            message: format!("… et {extra} autre(s) ligne(s) refusée(s)."),
        });
    }
    if out.lines == 0 {
        return Err(refuse(
            "aucune ligne de données sous l'en-tête : le fichier est vide.".into(),
        ));
    }
    Ok(out)
}

/// A score of La MedNum: a decimal with a `.` from 1 to 10, or nothing.
pub fn parse_score(text: &str) -> std::result::Result<Option<f64>, String> {
    let t = text.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("nan") {
        return Ok(None);
    }
    let v: f64 = t
        .parse()
        .map_err(|_| format!("« {t} » n'est pas un score (nombre décimal avec un point)."))?;
    if !v.is_finite() || !(1.0 - 1e-9..=10.0 + 1e-9).contains(&v) {
        return Err(format!("score {t} hors de l'échelle de 1 à 10."));
    }
    Ok(Some(v.clamp(1.0, 10.0)))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// What to import: the commune file, the EPCI file, the date, the indicators to feed.
#[derive(Debug, Clone, Default)]
pub struct IfnOptions {
    /// `ifn-city-all-variation.csv`.
    pub city: PathBuf,
    /// `ifn-epci-all-variation.csv`, if given.
    pub epci: Option<PathBuf>,
    /// The files' date; by default the commune file's modification date.
    pub file_date: Option<NaiveDate>,
    /// Sets the contract's EPCI SIREN first.
    pub siren: Option<String>,
    /// « score » indicators to feed with the QPVs' and the EPCI's scores, for the files' year.
    pub feed: Vec<Id>,
    /// Writes nothing.
    pub dry_run: bool,
}

/// A QPV's IFN before and after the import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DistrictIfn {
    /// QPV.
    pub district_id: Id,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Its IFN before.
    pub before: Option<f64>,
    /// Its IFN after (unchanged when it lies in several communes).
    pub after: Option<f64>,
    /// The score of each of its communes, as (INSEE code, name, total).
    pub communes: Vec<(String, String, Option<f64>)>,
}

/// A « score » indicator fed by the import.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct FedIndicator {
    /// Indicator.
    pub indicator_id: Id,
    /// Its name.
    pub name: String,
    /// Year of the values (the files').
    pub year: i32,
    /// Values written (QPVs, and the territory when the EPCI is scored).
    pub values: u32,
    /// QPVs left without a value, with why.
    pub skipped: Vec<String>,
}

/// What an IFN import did (or would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct IfnImportReport {
    /// The files' date.
    pub file_date: Option<NaiveDate>,
    /// The source line stored with the scores and the values they feed.
    pub source: String,
    /// Data lines read in each file, as (file name, lines).
    pub files: Vec<(String, u32)>,
    /// The contract's communes found in the file.
    pub communes: Vec<FragilityScore>,
    /// The EPCI's line, when its file was given and the contract has its SIREN.
    pub epci: Option<FragilityScore>,
    /// Contract communes absent from the file (INSEE code and name).
    pub missing: Vec<String>,
    /// Each QPV's IFN before and after.
    pub districts: Vec<DistrictIfn>,
    /// Indicators fed.
    pub fed: Vec<FedIndicator>,
    /// Blocking problems: if any, nothing was written.
    pub problems: Vec<Problem>,
    /// Remarks.
    pub warnings: Vec<String>,
    /// Whether the contract file was changed.
    pub applied: bool,
    /// Backup made before a real import.
    pub backup: Option<PathBuf>,
}

/// Imports La MedNum's files for the contract's communes (and EPCI); a dry run writes nothing.
pub fn import_ifn(store: &mut Store, options: &IfnOptions) -> Result<IfnImportReport> {
    let mut contract = store.contract()?;
    if let Some(siren) = options.siren.as_deref().map(str::trim) {
        if !valid_siren(siren) {
            contract.epci_siren = Some(siren.to_string());
            return Err(CoreError::Invalid {
                entity: "Contrat",
                issues: contract
                    .validate()
                    .into_iter()
                    .filter(|i| i.field == "epci_siren")
                    .collect(),
            });
        }
        contract.epci_siren = Some(siren.to_string());
    }
    let file_date = match options.file_date {
        Some(d) => d,
        None => modification_date(&options.city)?,
    };
    let city_bytes = read_file_bytes(&options.city)?;
    let epci_bytes = options
        .epci
        .as_ref()
        .map(|p| read_file_bytes(p).map(|b| (p, b)))
        .transpose()?;
    import_ifn_bytes(
        store,
        contract,
        (&options.city, &city_bytes),
        epci_bytes
            .as_ref()
            .map(|(p, b)| (p.as_path(), b.as_slice())),
        file_date,
        options,
        true,
    )
}

/// [`import_ifn`] on files already read (the demo's are embedded); `contract` carries the SIREN
/// to set; `backup` makes the automatic backup before a real import.
pub(crate) fn import_ifn_bytes(
    store: &mut Store,
    contract: crate::domain::Contract,
    city: (&Path, &[u8]),
    epci: Option<(&Path, &[u8])>,
    file_date: NaiveDate,
    options: &IfnOptions,
    backup: bool,
) -> Result<IfnImportReport> {
    let communes: HashSet<String> = contract.communes.iter().map(|c| c.insee.clone()).collect();
    if communes.is_empty() {
        return Err(CoreError::Spreadsheet {
            path: city.0.to_path_buf(),
            detail: "le contrat n'a aucune commune : ajoutez ses communes (codes INSEE) d'abord."
                .into(),
        });
    }
    let city_file = read_ifn(city.0, city.1, IfnDivision::City, file_date, &communes)?;
    let mut report = IfnImportReport {
        file_date: Some(file_date),
        source: ifn_source(&city_file.file_name, file_date),
        ..IfnImportReport::default()
    };
    report
        .files
        .push((city_file.file_name.clone(), city_file.lines as u32));
    report.problems.extend(city_file.problems.iter().cloned());
    let mut epci_scores = Vec::new();
    if let Some((path, bytes)) = epci {
        let siren = contract.epci_siren.clone().unwrap_or_default();
        let keep: HashSet<String> = std::iter::once(siren.clone()).collect();
        let file = read_ifn(path, bytes, IfnDivision::Epci, file_date, &keep)?;
        report
            .files
            .push((file.file_name.clone(), file.lines as u32));
        report.problems.extend(file.problems.iter().cloned());
        if siren.is_empty() {
            report.warnings.push(format!(
                "le contrat n'a pas le SIREN de son EPCI : {} n'est pas retenu (indiquez le SIREN, par exemple 246200364).",
                file.file_name
            ));
        } else if file.scores.is_empty() {
            report.warnings.push(format!(
                "le SIREN {siren} de l'EPCI ne figure pas dans {}.",
                file.file_name
            ));
        }
        report.epci = file.scores.first().cloned();
        epci_scores = file.scores;
    }
    let by_code: HashMap<&str, &FragilityScore> = city_file
        .scores
        .iter()
        .map(|s| (s.code.as_str(), s))
        .collect();
    for c in &contract.communes {
        if !by_code.contains_key(c.insee.as_str()) {
            report.missing.push(format!("{} ({})", c.name, c.insee));
        }
    }
    report.communes = city_file.scores.clone();
    let names: HashMap<&str, &str> = contract
        .communes
        .iter()
        .map(|c| (c.insee.as_str(), c.name.as_str()))
        .collect();
    let districts = store.districts()?;
    let mut todo: Vec<District> = Vec::new();
    for d in &districts {
        let per_commune: Vec<(String, String, Option<f64>)> = d
            .communes
            .iter()
            .map(|insee| {
                let score = by_code.get(insee.as_str()).copied();
                let name = score
                    .map(|s| s.name.clone())
                    .or_else(|| names.get(insee.as_str()).map(|n| n.to_string()))
                    .unwrap_or_default();
                (insee.clone(), name, score.and_then(|s| s.total))
            })
            .collect();
        let after = match per_commune.as_slice() {
            [(_, _, Some(total))] => Some(*total),
            _ => d.ifn,
        };
        if per_commune.len() > 1 {
            report.warnings.push(format!(
                "{} s'étend sur plusieurs communes ({}) : son IFN est donné par commune, jamais moyenné ; la valeur du quartier reste {}.",
                d.code,
                per_commune
                    .iter()
                    .map(|(insee, name, v)| format!(
                        "{name} {insee} : {}",
                        v.map(|v| crate::format::number(v, 1)).unwrap_or_else(|| "sans score".into())
                    ))
                    .collect::<Vec<_>>()
                    .join(", "),
                d.ifn.map(|v| crate::format::number(v, 1)).unwrap_or_else(|| "vide".into())
            ));
        }
        if after != d.ifn {
            todo.push(District {
                ifn: after,
                ..d.clone()
            });
        }
        report.districts.push(DistrictIfn {
            district_id: d.id,
            code: d.code.clone(),
            name: d.name.clone(),
            before: d.ifn,
            after,
            communes: per_commune,
        });
    }
    let values = fed_values(store, &contract, &report, file_date, options)?;
    report.fed = values.0;
    report.problems.extend(values.2);
    if options.dry_run || !report.problems.is_empty() {
        return Ok(report);
    }
    if backup {
        report.backup = Some(store.backup(None, "import-ifn")?);
    }
    let summary = format!(
        "import de l'indice de fragilité numérique ({}) : {} commune(s), {} QPV mis à jour",
        report.source,
        report.communes.len(),
        todo.len()
    );
    let city_scores = city_file.scores;
    let measurements = values.1;
    let epci_given = epci.is_some();
    store.import_batch("import", &summary, |s| {
        if s.contract()? != contract {
            s.save_contract(&contract)?;
        }
        s.replace_fragility_scores(IfnDivision::City, &city_scores)?;
        if epci_given {
            s.replace_fragility_scores(IfnDivision::Epci, &epci_scores)?;
        }
        for d in &todo {
            s.save_district(d)?;
        }
        for m in &measurements {
            s.save_measurement(m)?;
        }
        Ok(())
    })?;
    report.applied = true;
    Ok(report)
}

/// The values the import writes into the « score » indicators asked for: each single-commune
/// QPV's score, and the EPCI's for the territory.
fn fed_values(
    store: &Store,
    contract: &crate::domain::Contract,
    report: &IfnImportReport,
    file_date: NaiveDate,
    options: &IfnOptions,
) -> Result<(Vec<FedIndicator>, Vec<Measurement>, Vec<Problem>)> {
    let mut fed = Vec::new();
    let mut values = Vec::new();
    let mut problems = Vec::new();
    let year = file_date.year();
    for &id in &options.feed {
        let ind = store.indicator(id)?;
        let refuse = |message: String| Problem {
            sheet: ind.name.clone(),
            row: 0,
            column: String::new(),
            message,
        };
        if ind.unit != Unit::Score {
            problems.push(refuse(format!(
                "son unité est « {} » : l'indice de fragilité numérique n'alimente qu'un indicateur en « score ».",
                ind.unit.label()
            )));
            continue;
        }
        if !contract.period().contains_year(year) {
            problems.push(refuse(format!(
                "le fichier est daté de {year}, hors de la période du contrat ({}–{}) : indiquez la date du fichier.",
                contract.start_year, contract.end_year
            )));
            continue;
        }
        let mut line = FedIndicator {
            indicator_id: id,
            name: ind.name.clone(),
            year,
            values: 0,
            skipped: Vec::new(),
        };
        let value = |district_id: Option<Id>, v: f64| Measurement {
            id: 0,
            indicator_id: id,
            year,
            date: None,
            district_id,
            action_id: None,
            value: v,
            base: None,
            source: report.source.clone(),
            comment: String::new(),
            received_on: None,
        };
        if ind.by_district {
            for d in &report.districts {
                match d.communes.as_slice() {
                    [(_, _, Some(total))] => {
                        values.push(value(Some(d.district_id), *total));
                        line.values += 1;
                    }
                    [(_, _, None)] => line
                        .skipped
                        .push(format!("{} : sa commune n'a pas de score", d.code)),
                    _ => line.skipped.push(format!(
                        "{} : plusieurs communes, score donné par commune",
                        d.code
                    )),
                }
            }
        }
        if let Some(total) = report.epci.as_ref().and_then(|e| e.total) {
            values.push(value(None, total));
            line.values += 1;
        }
        fed.push(line);
    }
    Ok((fed, values, problems))
}

/// The local date a file was last modified: the date of La MedNum's files by default.
fn modification_date(path: &Path) -> Result<NaiveDate> {
    let meta = std::fs::metadata(path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => CoreError::NotFound(path.to_path_buf()),
        _ => CoreError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    let modified = meta.modified().map_err(|source| CoreError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(chrono::DateTime::<chrono::Local>::from(modified).date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::IFN_COMPONENTS;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 10, 1).unwrap()
    }

    #[test]
    fn reads_la_mednum_lines_and_keeps_the_contract_ones() {
        let csv = "name,division,code,no_thd_coverage_rate,no_4g_coverage_rate,poverty_rate,older_65_rate,nscol15p_rate,total\n\
                   Lens,city,62498,4.0,5.0,9.769028705256828,5.100420926037282,7.897490268063423,6.7174890021204545\n\
                   Ajaccio,city,2A004,1.0,1.0,5.2,6.1,4.4,3.3\n\
                   Bourg,city,01053,,,,,,\n";
        let keep: HashSet<String> = ["62498".to_string(), "01053".to_string()].into();
        let f = read_ifn(
            Path::new("ifn-city-all-variation.csv"),
            csv.as_bytes(),
            IfnDivision::City,
            date(),
            &keep,
        )
        .unwrap();
        assert!(f.problems.is_empty(), "{:?}", f.problems);
        assert_eq!(f.lines, 3);
        assert_eq!(f.scores.len(), 2);
        assert_eq!(f.scores[0].total, Some(6.7174890021204545));
        assert_eq!(f.scores[0].components[2], Some(9.769028705256828));
        assert_eq!(f.scores[1].total, None);
    }

    #[test]
    fn refuses_what_is_not_la_mednum_s() {
        let keep = HashSet::new();
        let path = Path::new("ifn.csv");
        let other = read_ifn(
            path,
            b"code;nom\n62498;Lens\n",
            IfnDivision::City,
            date(),
            &keep,
        )
        .unwrap_err();
        assert!(other.to_string().contains("ligne 1 : en-tête"), "{other}");
        let empty = read_ifn(path, b"", IfnDivision::City, date(), &keep).unwrap_err();
        assert!(empty.to_string().contains("vide"), "{empty}");
        let csv = format!(
            "{}\nLens,city,62498,4,5,9,5,7,11\nBourg,city,1053,1,1,1,1,1,1\nX,epci,246200364,1,1,1,1,1,1\n",
            IFN_HEADER.join(",")
        );
        let f = read_ifn(path, csv.as_bytes(), IfnDivision::City, date(), &keep).unwrap();
        let texts: Vec<String> = f.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(
            texts,
            [
                "ifn.csv, ligne 2, colonne total : score 11 hors de l'échelle de 1 à 10.",
                "ifn.csv, ligne 3, colonne code : code « 1053 » invalide : code INSEE de 5 caractères attendu (le zéro initial a-t-il été perdu par un tableur ?).",
                "ifn.csv, ligne 4, colonne division : « epci » au lieu de « city » : c'est une ligne d'EPCI, pas d'une commune (fichiers inversés ?).",
            ]
        );
        assert!(f.scores.is_empty());
    }

    #[test]
    fn components_are_the_five_of_la_mednum() {
        assert_eq!(IFN_COMPONENTS.len(), 5);
        assert_eq!(parse_score(" 4.0 "), Ok(Some(4.0)));
        assert_eq!(parse_score(""), Ok(None));
        assert!(parse_score("4,5").is_err());
    }
}
