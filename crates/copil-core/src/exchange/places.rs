//! Importing the lieux de médiation numérique of the national directories: the LaMednum
//! « standard-mediation-num » table (CSV, XLSX, and the legacy JSON arrays) and the
//! data·inclusion structures export, kept to the contract's communes, with the services of
//! data·inclusion's services export attached to their structure's lieu.
//!
//! The import is all-or-nothing: a row with a problem stops it, and a real import is preceded by
//! a backup. Records that disappeared from a newer file are listed, never deleted.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use super::cell::Cell;
use super::headers::header_key;
use super::parse::parse_date_text;
use super::problem::Problem;
use super::read::{read_workbook, MAX_FILE_BYTES};
use crate::domain::{dispositif_label, Actor, ActorKind, ActorLabel, Id, Place};
use crate::error::{CoreError, Result};
use crate::store::places::{place_id_by_source, write_place};
use crate::text::fold;
use crate::Store;

/// The SIRET the LaMednum standard writes when the structure's is unknown.
const UNKNOWN_SIRET: &str = "00000000000000";

/// The values of a list cell, in any of the forms the directories write: a JSON list
/// (`["a", "b"]`), a Python list (`['a', 'b']`), a Postgres literal (`{a,b}`), or text separated
/// by `|`, `;` or `,` (tried in that order: the first one present separates).
pub fn split_list_cell(text: &str) -> Vec<String> {
    let t = text.trim();
    if t.is_empty() {
        return Vec::new();
    }
    if t.starts_with('[') && t.ends_with(']') {
        if let Ok(values) = serde_json::from_str::<Vec<String>>(t) {
            return clean(values);
        }
        return quoted_items(&t[1..t.len() - 1]);
    }
    if t.starts_with('{') && t.ends_with('}') {
        return quoted_items(&t[1..t.len() - 1]);
    }
    let sep = ['|', ';', ','].into_iter().find(|c| t.contains(*c));
    match sep {
        Some(sep) => clean(t.split(sep).map(str::to_string)),
        None => vec![t.to_string()],
    }
}

/// Comma-separated items, each optionally quoted with `'` or `"` (Python and Postgres lists).
fn quoted_items(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    for c in inner.chars() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, ',') => out.push(std::mem::take(&mut current)),
            (_, c) => current.push(c),
        }
    }
    out.push(current);
    clean(out)
}

fn clean(values: impl IntoIterator<Item = String>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
        .collect()
}

/// One field of a record as read: text, or a list (a JSON array).
#[derive(Debug, Clone, PartialEq)]
enum Raw {
    Text(String),
    List(Vec<String>),
}

/// One record of a file: its line (or position in a JSON array) and its fields by header key.
#[derive(Debug, Clone, Default)]
struct Record {
    line: usize,
    fields: HashMap<String, Raw>,
}

impl Record {
    fn text(&self, names: &[&str]) -> String {
        for n in names {
            match self.fields.get(*n) {
                Some(Raw::Text(t)) if !t.trim().is_empty() => return t.trim().to_string(),
                Some(Raw::List(l)) if !l.is_empty() => return l.join(", "),
                _ => {}
            }
        }
        String::new()
    }

    fn list(&self, names: &[&str]) -> Vec<String> {
        for n in names {
            match self.fields.get(*n) {
                Some(Raw::Text(t)) if !t.trim().is_empty() => return split_list_cell(t),
                Some(Raw::List(l)) if !l.is_empty() => return clean(l.iter().cloned()),
                _ => {}
            }
        }
        Vec::new()
    }
}

// Column names of the LaMednum standard first, then data·inclusion's and the legacy ones.
const ID: &[&str] = &["id"];
const SIRET: &[&str] = &["pivot", "siret"];
const NAME: &[&str] = &["nom"];
const COMMUNE: &[&str] = &["commune"];
const POSTAL_CODE: &[&str] = &["code_postal"];
const INSEE: &[&str] = &["code_insee"];
const ADDRESS: &[&str] = &["adresse"];
const LATITUDE: &[&str] = &["latitude"];
const LONGITUDE: &[&str] = &["longitude"];
const SERVICES: &[&str] = &["services", "thematiques"];
const PUBLICS: &[&str] = &[
    "publics_specifiquement_adresses",
    "publics_accueillis",
    "publics",
    "profils",
];
const HOURS: &[&str] = &["horaires", "horaires_accueil"];
const DISPOSITIFS: &[&str] = &[
    "dispositif_programmes_nationaux",
    "labels_nationaux",
    "reseaux_porteurs",
];
const SOURCE: &[&str] = &["source"];
const UPDATED: &[&str] = &["date_maj"];

/// Fields every record must fill, with their column name in the standard.
const REQUIRED: [(&[&str], &str); 6] = [
    (ID, "id"),
    (NAME, "nom"),
    (COMMUNE, "commune"),
    (POSTAL_CODE, "code_postal"),
    (ADDRESS, "adresse"),
    (UPDATED, "date_maj"),
];

fn file_error(path: &Path, detail: impl Into<String>) -> CoreError {
    CoreError::BadInput {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

/// Reads the records of a CSV, XLSX/ODS (first sheet) or JSON file.
fn read_records(path: &Path) -> Result<Vec<Record>> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ext == "json" {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => CoreError::NotFound(path.to_path_buf()),
            _ => CoreError::io(path, e),
        })?;
        if meta.len() > MAX_FILE_BYTES {
            return Err(file_error(
                path,
                format!(
                    "fichier trop gros ({} Mo, limite {} Mo).",
                    meta.len() / 1_048_576,
                    MAX_FILE_BYTES / 1_048_576
                ),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| CoreError::io(path, e))?;
        return parse_json_records(path, &bytes);
    }
    let book = read_workbook(path)?;
    Ok(book.sheets.first().map(sheet_records).unwrap_or_default())
}

/// Parses a JSON array of records (the legacy files, data·inclusion's JSON export).
fn parse_json_records(path: &Path, bytes: &[u8]) -> Result<Vec<Record>> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| {
        file_error(
            path,
            format!(
                "JSON illisible (ligne {}, colonne {}).",
                e.line(),
                e.column()
            ),
        )
    })?;
    let serde_json::Value::Array(items) = value else {
        return Err(file_error(
            path,
            "attendu un tableau JSON de lieux ([{…}, …]).",
        ));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        let serde_json::Value::Object(map) = item else {
            return Err(file_error(
                path,
                format!("l'élément n° {} du tableau n'est pas un objet.", i + 1),
            ));
        };
        let fields = map
            .into_iter()
            .filter_map(|(k, v)| {
                let raw = match v {
                    serde_json::Value::Null => return None,
                    serde_json::Value::String(s) => Raw::Text(s),
                    serde_json::Value::Number(n) => Raw::Text(n.to_string()),
                    serde_json::Value::Bool(b) => Raw::Text(b.to_string()),
                    serde_json::Value::Array(a) => Raw::List(
                        a.into_iter()
                            .map(|x| match x {
                                serde_json::Value::String(s) => s,
                                other => other.to_string(),
                            })
                            .collect(),
                    ),
                    serde_json::Value::Object(_) => return None,
                };
                Some((header_key(&k).replace(' ', "_"), raw))
            })
            .collect();
        out.push(Record {
            line: i + 1,
            fields,
        });
    }
    Ok(out)
}

/// A lieu read from a file, before it is matched with the contract.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceRecord {
    /// Line in the file (position in the array for JSON).
    pub line: usize,
    /// The lieu (id 0, no actor yet).
    pub place: Place,
    /// SIRET of the structure, when known and well formed.
    pub siret: Option<String>,
}

fn coordinate(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// Reads and checks every record of a file: the lieux, and the problems found (« ligne, colonne : message »).
pub fn read_places(path: &Path) -> Result<(Vec<PlaceRecord>, Vec<Problem>, Vec<Problem>)> {
    let records = read_records(path)?;
    let sheet = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(check_records(&sheet, records))
}

fn check_records(
    sheet: &str,
    records: Vec<Record>,
) -> (Vec<PlaceRecord>, Vec<Problem>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let problem = |list: &mut Vec<Problem>, line: usize, column: &str, message: String| {
        list.push(Problem {
            sheet: sheet.to_string(),
            row: line,
            column: column.to_string(),
            message,
        })
    };
    let mut seen = HashSet::new();
    for r in records {
        let mut ok = true;
        for (names, column) in REQUIRED {
            if r.text(names).is_empty() {
                problem(
                    &mut problems,
                    r.line,
                    column,
                    "champ obligatoire vide.".into(),
                );
                ok = false;
            }
        }
        let raw_date = r.text(UPDATED);
        let updated_on = parse_date_text(&raw_date);
        if !raw_date.is_empty() && updated_on.is_none() {
            problem(
                &mut problems,
                r.line,
                "date_maj",
                format!("date « {raw_date} » illisible : attendue AAAA-MM-JJ."),
            );
            ok = false;
        }
        let pivot: String = r
            .text(SIRET)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let siret = if pivot.is_empty() || pivot == UNKNOWN_SIRET {
            None
        } else if pivot.bytes().all(|b| b.is_ascii_digit()) {
            if pivot.len() != 14 {
                problem(
                    &mut problems,
                    r.line,
                    "pivot",
                    format!(
                        "SIRET « {pivot} » invalide : {} chiffres au lieu de 14.",
                        pivot.len()
                    ),
                );
                ok = false;
                None
            } else if !crate::domain::valid_siret(&pivot) {
                problem(
                    &mut warnings,
                    r.line,
                    "pivot",
                    format!("SIRET « {pivot} » : clé de contrôle fausse, la structure est rapprochée par son nom."),
                );
                None
            } else {
                Some(pivot)
            }
        } else {
            // An RNA number (W + 9 digits) or another identifier: not a SIRET.
            None
        };
        let (lat_text, lon_text) = (r.text(LATITUDE), r.text(LONGITUDE));
        let latitude = coordinate(&lat_text);
        let longitude = coordinate(&lon_text);
        for (text, value, column) in [
            (&lat_text, latitude, "latitude"),
            (&lon_text, longitude, "longitude"),
        ] {
            if !text.is_empty() && value.is_none() {
                problem(
                    &mut problems,
                    r.line,
                    column,
                    format!("« {text} » n'est pas un nombre (degrés décimaux WGS84)."),
                );
                ok = false;
            }
        }
        let place = Place {
            id: 0,
            source: r.text(SOURCE),
            source_id: r.text(ID),
            name: r.text(NAME),
            address: r.text(ADDRESS),
            postal_code: r.text(POSTAL_CODE),
            commune: r.text(COMMUNE),
            insee: Some(r.text(INSEE).to_uppercase()).filter(|s| !s.is_empty()),
            latitude,
            longitude,
            services: r.list(SERVICES),
            publics: r.list(PUBLICS),
            hours: r.text(HOURS),
            dispositifs: r.list(DISPOSITIFS),
            updated_on: updated_on.unwrap_or(NaiveDate::MIN),
            actor_id: None,
        };
        if ok {
            for issue in place.validate() {
                if issue.severity == crate::domain::Severity::Error {
                    ok = false;
                    problem(&mut problems, r.line, &issue.field, issue.message);
                }
            }
        }
        if ok && !seen.insert(place.source_id.clone()) {
            problem(
                &mut problems,
                r.line,
                "id",
                format!(
                    "identifiant « {} » déjà vu plus haut dans le fichier.",
                    place.source_id
                ),
            );
            ok = false;
        }
        if ok {
            out.push(PlaceRecord {
                line: r.line,
                place,
                siret,
            });
        }
    }
    (out, problems, warnings)
}

// Column names of data·inclusion's services (schema v1, then the v0 names it replaced).
const STRUCTURE_ID: &[&str] = &["structure_id"];
const SERVICE_TYPES: &[&str] = &["type", "types", "typologie"];
const THEMES: &[&str] = &["thematiques"];
const SERVICE_PUBLICS: &[&str] = &["publics", "profils"];
const FEES: &[&str] = &["frais"];
const RECEPTION: &[&str] = &["modes_accueil"];

/// Fields every service must fill (data·inclusion's required ones that Copil uses).
const SERVICE_REQUIRED: [(&[&str], &str); 4] = [
    (SOURCE, "source"),
    (STRUCTURE_ID, "structure_id"),
    (ID, "id"),
    (NAME, "nom"),
];

/// data·inclusion's values of `frais` (référentiel « frais »).
const FEE_VALUES: [&str; 5] = [
    "adhesion",
    "gratuit",
    "gratuit-sous-conditions",
    "pass-numerique",
    "payant",
];

/// data·inclusion's values of `modes_accueil` (référentiel « modes d'accueil »).
const RECEPTION_VALUES: [&str; 2] = ["a-distance", "en-presentiel"];

/// The French labels of data·inclusion's digital thématiques (référentiel « thématiques »).
const DIGITAL_THEMES: [(&str, &str); 4] = [
    (
        "numerique--acceder-a-des-services-en-ligne",
        "Accéder à des services en ligne",
    ),
    (
        "numerique--acceder-a-une-connexion-internet",
        "Accéder à une connexion Internet",
    ),
    (
        "numerique--acquerir-un-equipement",
        "Acquérir un équipement",
    ),
    (
        "numerique--maitriser-les-fondamentaux-du-numerique",
        "Maîtriser les fondamentaux du numérique",
    ),
];

/// A service of data·inclusion's services export, before it is attached to its lieu.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceRecord {
    /// Line in the file (position in the array for JSON).
    pub line: usize,
    /// Producer of the record: with `structure_id`, names the structure's lieu.
    pub source: String,
    /// Identifier of the structure (the lieu's `id`) in that source.
    pub structure_id: String,
    /// Identifier of the service in that source.
    pub id: String,
    /// Name of the service.
    pub name: String,
    /// Types of service (`atelier`, `accompagnement`, …).
    pub types: Vec<String>,
    /// Thématiques, as coded (`numerique--acceder-a-des-services-en-ligne`, …).
    pub themes: Vec<String>,
    /// Publics, as coded (`residents-qpv-frr`, …).
    pub publics: Vec<String>,
    /// Fees, as coded (`gratuit`, `pass-numerique`, …).
    pub fees: Vec<String>,
    /// Modes of reception (`en-presentiel`, `a-distance`).
    pub reception: Vec<String>,
}

impl ServiceRecord {
    /// The lieu services this service adds: the French label of each digital thématique.
    pub fn digital_services(&self) -> Vec<String> {
        self.themes
            .iter()
            .filter_map(|t| {
                let t = t.trim().to_lowercase();
                let rest = t.strip_prefix("numerique--")?;
                Some(
                    DIGITAL_THEMES
                        .iter()
                        .find(|(code, _)| *code == t)
                        .map_or_else(|| sentence_of_slug(rest), |(_, label)| label.to_string()),
                )
            })
            .collect()
    }
}

/// A coded value as a French phrase: `residents-qpv-frr` → « Residents qpv frr ».
fn sentence_of_slug(slug: &str) -> String {
    let words = slug.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A public of data·inclusion as the lieu lists it.
fn public_label(code: &str) -> String {
    match code.trim().to_lowercase().as_str() {
        "residents-qpv-frr" => "Résidents des QPV ou des FRR".into(),
        "tous-publics" => "Tous publics".into(),
        _ => sentence_of_slug(code),
    }
}

/// Reads and checks every service of data·inclusion's services file (CSV, XLSX, ODS or JSON).
pub fn read_services(path: &Path) -> Result<(Vec<ServiceRecord>, Vec<Problem>, Vec<Problem>)> {
    let records = read_records(path)?;
    let sheet = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(check_services(&sheet, records))
}

/// Parses and checks the bytes of a services file (CSV or JSON): the parser the fuzzing goes
/// through.
pub fn parse_services(name: &str, bytes: &[u8]) -> Vec<ServiceRecord> {
    records_of_bytes(name, bytes)
        .map(|records| check_services(name, records).0)
        .unwrap_or_default()
}

fn check_services(
    sheet: &str,
    records: Vec<Record>,
) -> (Vec<ServiceRecord>, Vec<Problem>, Vec<Problem>) {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let problem = |list: &mut Vec<Problem>, line: usize, column: &str, message: String| {
        list.push(Problem {
            sheet: sheet.to_string(),
            row: line,
            column: column.to_string(),
            message,
        })
    };
    let mut seen = HashSet::new();
    for r in records {
        let mut ok = true;
        for (names, column) in SERVICE_REQUIRED {
            if r.text(names).is_empty() {
                problem(
                    &mut problems,
                    r.line,
                    column,
                    "champ obligatoire vide.".into(),
                );
                ok = false;
            }
        }
        let raw_date = r.text(UPDATED);
        if !raw_date.is_empty() && parse_date_text(&raw_date).is_none() {
            problem(
                &mut problems,
                r.line,
                "date_maj",
                format!("date « {raw_date} » illisible : attendue AAAA-MM-JJ."),
            );
            ok = false;
        }
        let service = ServiceRecord {
            line: r.line,
            source: r.text(SOURCE),
            structure_id: r.text(STRUCTURE_ID),
            id: r.text(ID),
            name: r.text(NAME),
            types: r.list(SERVICE_TYPES),
            themes: r.list(THEMES),
            publics: r.list(SERVICE_PUBLICS),
            fees: r.list(FEES),
            reception: r.list(RECEPTION),
        };
        for (values, known, column) in [
            (&service.fees, &FEE_VALUES[..], "frais"),
            (&service.reception, &RECEPTION_VALUES[..], "modes_accueil"),
        ] {
            for v in values.iter().filter(|v| !known.contains(&v.as_str())) {
                problem(
                    &mut warnings,
                    r.line,
                    column,
                    format!(
                        "valeur « {v} » hors du référentiel de data·inclusion ({}) : gardée telle quelle.",
                        known.join(", ")
                    ),
                );
            }
        }
        if ok && !seen.insert((service.source.clone(), service.id.clone())) {
            problem(
                &mut problems,
                r.line,
                "id",
                format!(
                    "service « {} » de la source « {} » déjà vu plus haut dans le fichier.",
                    service.id, service.source
                ),
            );
            ok = false;
        }
        if ok {
            out.push(service);
        }
    }
    (out, problems, warnings)
}

/// Attaches each service to the lieu of its structure (same source, `structure_id` = the lieu's
/// id): its digital thématiques become the lieu's services, its publics the lieu's publics, a
/// `pass-numerique` fee the « Pass numérique » dispositif. Returns the services set aside.
fn attach_services(
    places: &mut [PlaceRecord],
    services: &[ServiceRecord],
) -> (usize, Vec<IgnoredPlace>) {
    let by_structure: HashMap<(String, String), usize> = places
        .iter()
        .enumerate()
        .map(|(i, r)| ((r.place.source.clone(), r.place.source_id.clone()), i))
        .collect();
    let mut attached = 0;
    let mut ignored = Vec::new();
    let push = |list: &mut Vec<String>, value: String| {
        if !value.is_empty() && !list.iter().any(|v| fold(v) == fold(&value)) {
            list.push(value);
        }
    };
    for s in services {
        let Some(&i) = by_structure.get(&(s.source.clone(), s.structure_id.clone())) else {
            ignored.push(IgnoredPlace {
                line: s.line,
                name: s.name.clone(),
                reason: format!(
                    "structure « {} » (source « {} ») absente des lieux du territoire",
                    s.structure_id, s.source
                ),
            });
            continue;
        };
        let digital = s.digital_services();
        if digital.is_empty() {
            ignored.push(IgnoredPlace {
                line: s.line,
                name: s.name.clone(),
                reason: "aucune thématique numérique (numerique--…)".into(),
            });
            continue;
        }
        let place = &mut places[i].place;
        for d in digital {
            push(&mut place.services, d);
        }
        for p in &s.publics {
            push(&mut place.publics, public_label(p));
        }
        if s.fees.iter().any(|f| f == "pass-numerique") {
            push(&mut place.dispositifs, "Pass numérique".into());
        }
        attached += 1;
    }
    (attached, ignored)
}

/// A record left aside because it is outside the contract's communes.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IgnoredPlace {
    /// Line in the file.
    pub line: usize,
    /// Name of the lieu.
    pub name: String,
    /// Why, in French.
    pub reason: String,
}

/// What an import of lieux does (or would do, in a dry run).
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct PlacesImport {
    /// Lieux created, by name.
    pub created: Vec<String>,
    /// Lieux updated, by name.
    pub updated: Vec<String>,
    /// Lieux identical to what the file holds.
    pub unchanged: usize,
    /// Records outside the territory.
    pub ignored: Vec<IgnoredPlace>,
    /// Stored lieux of the same sources that the file no longer lists (kept, not deleted).
    pub disappeared: Vec<String>,
    /// Actors created for lieux whose structure was not known.
    pub actors_created: Vec<String>,
    /// Services of the services file attached to their lieu.
    pub services_attached: usize,
    /// Services of the services file set aside (structure outside the territory, not digital).
    pub services_ignored: Vec<IgnoredPlace>,
    /// Blocking problems: if any, nothing was written.
    pub problems: Vec<Problem>,
    /// Non-blocking remarks.
    pub warnings: Vec<Problem>,
    /// Whether the contract file was changed.
    pub applied: bool,
    /// Backup made before a real import.
    #[ts(type = "string | null")]
    pub backup: Option<PathBuf>,
}

impl PlacesImport {
    /// The French summary the CLI prints and the app shows.
    pub fn summary(&self) -> String {
        let mut text = format!(
            "{} lieu(x) créé(s), {} mis à jour, {} inchangé(s), {} hors du territoire, {} disparu(s) du fichier, {} acteur(s) créé(s)",
            self.created.len(),
            self.updated.len(),
            self.unchanged,
            self.ignored.len(),
            self.disappeared.len(),
            self.actors_created.len()
        );
        if self.services_attached > 0 || !self.services_ignored.is_empty() {
            text.push_str(&format!(
                ", {} service(s) rattaché(s), {} écarté(s)",
                self.services_attached,
                self.services_ignored.len()
            ));
        }
        text
    }
}

impl PlacesImport {
    /// The same result as a spreadsheet import's report, for the import dialog: the lieux as one
    /// sheet, the records outside the territory and those gone from the file as remarks.
    pub fn as_import_report(&self) -> super::ImportReport {
        let mut warnings = self.warnings.clone();
        warnings.extend(self.ignored.iter().map(|i| Problem {
            sheet: "Lieux".into(),
            row: i.line,
            column: String::new(),
            message: format!("« {} » ignoré : {}.", i.name, i.reason),
        }));
        warnings.extend(self.services_ignored.iter().map(|i| Problem {
            sheet: "Services".into(),
            row: i.line,
            column: String::new(),
            message: format!("service « {} » écarté : {}.", i.name, i.reason),
        }));
        warnings.extend(self.disappeared.iter().map(|name| Problem {
            sheet: "Lieux".into(),
            row: 0,
            column: String::new(),
            message: format!("« {name} » n'est plus dans le fichier : conservé, à vérifier."),
        }));
        if !self.actors_created.is_empty() {
            warnings.push(Problem {
                sheet: "Acteurs".into(),
                row: 0,
                column: String::new(),
                message: format!("structures créées : {}.", self.actors_created.join(", ")),
            });
        }
        super::ImportReport {
            sheets: vec![super::SheetPlan {
                sheet: "Lieux".into(),
                created: self.created.len(),
                updated: self.updated.len(),
                unchanged: self.unchanged,
            }],
            problems: self.problems.clone(),
            warnings,
            applied: self.applied,
            backup: self.backup.clone(),
            ..super::ImportReport::default()
        }
    }
}

/// The actor labels a lieu's dispositifs name, without repeats, in their order.
fn labels_of(dispositifs: &[String]) -> Vec<ActorLabel> {
    let mut out = Vec::new();
    for l in dispositifs.iter().filter_map(|d| dispositif_label(d)) {
        if !out.contains(&l) {
            out.push(l);
        }
    }
    out
}

/// Imports a lieux file into the contract (see the module's doc); a dry run writes nothing.
pub fn import_places(store: &mut Store, path: &Path, dry_run: bool) -> Result<PlacesImport> {
    import_places_with_services(store, path, None, dry_run)
}

/// Imports a lieux file with data·inclusion's services file, whose services are attached to
/// their structure's lieu (see [`read_services`]); all or nothing over both files.
pub fn import_places_with_services(
    store: &mut Store,
    path: &Path,
    services: Option<&Path>,
    dry_run: bool,
) -> Result<PlacesImport> {
    let (records, mut problems, mut warnings) = read_places(path)?;
    let services = match services {
        Some(services) => {
            let (list, p, w) = read_services(services)?;
            problems.extend(p);
            warnings.extend(w);
            list
        }
        None => Vec::new(),
    };
    apply_places(
        store,
        Incoming {
            records,
            services,
            problems,
            warnings,
        },
        dry_run,
        Some("import-lieux"),
    )
}

/// Imports the lieux of a CSV or JSON file's bytes (`name` says which, and names it in
/// messages), without a backup: the demo contract is written this way.
pub fn import_places_bytes(
    store: &mut Store,
    name: &str,
    bytes: &[u8],
    dry_run: bool,
) -> Result<PlacesImport> {
    let records = records_of_bytes(name, bytes)?;
    let (records, problems, warnings) = check_records(name, records);
    apply_places(
        store,
        Incoming {
            records,
            services: Vec::new(),
            problems,
            warnings,
        },
        dry_run,
        None,
    )
}

/// What the files of an import hold, checked: lieux, services, and the problems found.
struct Incoming {
    records: Vec<PlaceRecord>,
    services: Vec<ServiceRecord>,
    problems: Vec<Problem>,
    warnings: Vec<Problem>,
}

fn apply_places(
    store: &mut Store,
    incoming: Incoming,
    dry_run: bool,
    backup_reason: Option<&str>,
) -> Result<PlacesImport> {
    let Incoming {
        records,
        services,
        problems,
        warnings,
    } = incoming;
    let contract = store.contract()?;
    let communes: HashSet<String> = contract.communes.iter().map(|c| c.insee.clone()).collect();
    let commune_names: HashMap<String, String> = contract
        .communes
        .iter()
        .map(|c| (fold(&c.name), c.insee.clone()))
        .collect();
    let mut report = PlacesImport {
        problems,
        warnings,
        ..PlacesImport::default()
    };
    let existing = store.places()?;
    let by_source: HashMap<&str, &Place> =
        existing.iter().map(|p| (p.source_id.as_str(), p)).collect();
    let actors = store.actors()?;
    let mut kept = Vec::new();
    let mut sources = HashSet::new();
    let mut in_file = HashSet::new();
    for mut r in records {
        sources.insert(r.place.source.clone());
        in_file.insert(r.place.source_id.clone());
        let insee = match &r.place.insee {
            Some(code) => communes.contains(code).then(|| code.clone()),
            None => commune_names.get(&fold(&r.place.commune)).cloned(),
        };
        let Some(insee) = insee else {
            report.ignored.push(IgnoredPlace {
                line: r.line,
                name: r.place.name.clone(),
                reason: format!(
                    "commune {} hors du contrat",
                    r.place.insee.as_deref().map_or_else(
                        || format!("« {} »", r.place.commune),
                        |c| format!("{c} ({})", r.place.commune)
                    )
                ),
            });
            continue;
        };
        r.place.insee = Some(insee);
        kept.push(r);
    }
    (report.services_attached, report.services_ignored) = attach_services(&mut kept, &services);
    report.disappeared = existing
        .iter()
        .filter(|p| sources.contains(&p.source) && !in_file.contains(&p.source_id))
        .map(|p| p.name.clone())
        .collect();
    // Match each lieu with its structure: SIRET first, then the folded name; new ones are created.
    let mut todo: Vec<(Place, Option<usize>)> = Vec::new();
    let mut new_actors: Vec<Actor> = Vec::new();
    let actor_by_siret: HashMap<&str, Id> = actors
        .iter()
        .filter_map(|a| Some((a.siret.as_deref()?, a.id)))
        .collect();
    let actor_by_name: HashMap<String, Id> = actors.iter().map(|a| (fold(&a.name), a.id)).collect();
    let mut new_by_siret: HashMap<String, usize> = HashMap::new();
    let mut new_by_name: HashMap<String, usize> = HashMap::new();
    for r in kept {
        let mut place = r.place;
        let old = by_source.get(place.source_id.as_str()).copied();
        place.id = old.map_or(0, |o| o.id);
        let found = r
            .siret
            .as_ref()
            .and_then(|siret| actor_by_siret.get(siret.as_str()))
            .or_else(|| actor_by_name.get(&fold(&place.name)))
            .copied();
        let pending = match (found, old.and_then(|o| o.actor_id)) {
            (Some(id), _) => {
                place.actor_id = Some(id);
                None
            }
            // A lieu already linked keeps its actor when the file names no known structure.
            (None, Some(kept)) => {
                place.actor_id = Some(kept);
                None
            }
            (None, None) => {
                let folded = fold(&place.name);
                let known = r
                    .siret
                    .as_ref()
                    .and_then(|siret| new_by_siret.get(siret).copied())
                    .or_else(|| new_by_name.get(&folded).copied());
                Some(known.unwrap_or_else(|| {
                    let at = new_actors.len();
                    new_actors.push(Actor {
                        id: 0,
                        name: place.name.clone(),
                        kind: ActorKind::Other,
                        siret: r.siret.clone(),
                        labels: labels_of(&place.dispositifs),
                        district_ids: vec![],
                        contact: String::new(),
                    });
                    new_by_name.insert(folded, at);
                    if let Some(siret) = &r.siret {
                        new_by_siret.insert(siret.clone(), at);
                    }
                    at
                }))
            }
        };
        match old {
            Some(o) if *o == place && pending.is_none() => report.unchanged += 1,
            Some(_) => report.updated.push(place.name.clone()),
            None => report.created.push(place.name.clone()),
        }
        if old != Some(&place) || pending.is_some() {
            todo.push((place, pending));
        }
    }
    report.actors_created = new_actors.iter().map(|a| a.name.clone()).collect();
    for a in &new_actors {
        for issue in a
            .validate()
            .into_iter()
            .filter(|i| i.severity == crate::domain::Severity::Error)
        {
            report.problems.push(Problem {
                sheet: "Acteurs".into(),
                row: 0,
                column: issue.field,
                message: format!("« {} » : {}", a.name, issue.message),
            });
        }
    }
    if dry_run || !report.problems.is_empty() || todo.is_empty() {
        return Ok(report);
    }
    let summary = format!("import des lieux de médiation : {}", report.summary());
    let (_, backup) = store.batch_with_backup("import", backup_reason, |s| {
        let mut ids: Vec<Option<Id>> = vec![None; new_actors.len()];
        for (i, a) in new_actors.iter().enumerate() {
            ids[i] = Some(s.save_actor(a)?.id);
        }
        for (place, pending) in &todo {
            let mut place = place.clone();
            if let Some(i) = pending {
                place.actor_id = ids[*i];
            }
            if place.id == 0 {
                if let Some(id) = place_id_by_source(s.conn(), &place.source_id)? {
                    place.id = id;
                }
            }
            write_place(s.conn(), &place)?;
        }
        Ok(((), Some(summary)))
    })?;
    report.applied = true;
    report.backup = backup;
    Ok(report)
}

/// The records of a CSV or JSON file's bytes.
fn records_of_bytes(name: &str, bytes: &[u8]) -> Result<Vec<Record>> {
    if name.ends_with(".json") {
        return parse_json_records(Path::new(name), bytes);
    }
    let sheet = super::read::read_csv_bytes(name, bytes);
    Ok(sheet_records(&sheet))
}

/// The records of a sheet whose first row is the header.
fn sheet_records(sheet: &super::read::Sheet) -> Vec<Record> {
    let header: Vec<String> = sheet
        .rows
        .first()
        .map(|r| {
            r.iter()
                .map(|c| header_key(&c.as_text()).replace(' ', "_"))
                .collect()
        })
        .unwrap_or_default();
    sheet
        .rows
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, row)| row.iter().any(|c| !c.is_blank()))
        .map(|(i, row)| Record {
            line: i + 1,
            fields: header
                .iter()
                .zip(row)
                .map(|(h, c)| {
                    let text = match c {
                        Cell::Number(n) => n.to_string(),
                        c => c.as_text(),
                    };
                    (h.clone(), Raw::Text(text))
                })
                .collect(),
        })
        .collect()
}

/// Parses and checks the bytes of a lieux file (CSV or JSON): the parser the fuzzing goes through.
pub fn parse_places(name: &str, bytes: &[u8]) -> Vec<PlaceRecord> {
    records_of_bytes(name, bytes)
        .map(|records| check_records(name, records).0)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_four_list_forms_read_the_same() {
        let want = ["Aidants Connect", "Conseillers numériques"];
        for cell in [
            "Aidants Connect|Conseillers numériques",
            "Aidants Connect;Conseillers numériques",
            "[\"Aidants Connect\", \"Conseillers numériques\"]",
            "['Aidants Connect', 'Conseillers numériques']",
            "{\"Aidants Connect\",\"Conseillers numériques\"}",
            "Aidants Connect, Conseillers numériques",
        ] {
            assert_eq!(split_list_cell(cell), want, "{cell}");
        }
        assert_eq!(split_list_cell("{a,b}"), ["a", "b"]);
        assert!(split_list_cell("  ").is_empty());
        assert_eq!(split_list_cell("Gratuit"), ["Gratuit"]);
    }
}
