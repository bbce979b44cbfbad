//! Importing the QPVs' outlines from the official GeoJSON of the 2024 QPVs (EPSG:4326).
//!
//! Only the contract's QPVs are kept; a file naming none of them, written in another projection
//! (coordinates in metres) or holding an invalid polygon is refused whole, nothing written.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use geo::{BoundingRect, Simplify, Validation};
use serde::Serialize;

use crate::domain::{DistrictOutline, Id};
use crate::error::{CoreError, Result};
use crate::store::places::write_outline;
use crate::Store;

/// Largest perimeters file read (bytes): the national file is about 40 Mo.
pub const MAX_GEOJSON_BYTES: u64 = 100 * 1024 * 1024;

/// Tolerance of the simplified outline drawn on the map, in degrees (about 2 m).
const DISPLAY_TOLERANCE: f64 = 0.00002;

/// One QPV perimeter of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct QpvPerimeter {
    /// Official code (`QN06201M`).
    pub code: String,
    /// Name, when the file gives it.
    pub name: String,
    /// Exact geometry (WGS84 degrees, longitude as x).
    pub geometry: geo::MultiPolygon<f64>,
}

fn refuse(path: &Path, detail: impl Into<String>) -> CoreError {
    CoreError::BadInput {
        path: path.to_path_buf(),
        detail: detail.into(),
    }
}

fn property(props: Option<&geojson::JsonObject>, names: &[&str]) -> String {
    names
        .iter()
        .find_map(|n| props?.get(*n)?.as_str().map(|s| s.trim().to_string()))
        .unwrap_or_default()
}

/// Parses the perimeters file: every feature's QPV code, name and geometry, checked.
pub fn parse_qpv_geojson(path: &Path, bytes: &[u8]) -> Result<Vec<QpvPerimeter>> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        refuse(
            path,
            "ce n'est pas un fichier GeoJSON (texte UTF-8 attendu).",
        )
    })?;
    let json: geojson::GeoJson = text
        .parse()
        .map_err(|e| refuse(path, format!("GeoJSON illisible : {e}.")))?;
    let geojson::GeoJson::FeatureCollection(collection) = json else {
        return Err(refuse(
            path,
            "attendu une collection d'entités (FeatureCollection), une par QPV.",
        ));
    };
    let mut out = Vec::with_capacity(collection.features.len());
    for (i, feature) in collection.features.into_iter().enumerate() {
        let n = i + 1;
        let code = property(
            feature.properties.as_ref(),
            &["code_qp", "code_quartier", "code_qpv", "CODE_QP"],
        )
        .to_uppercase();
        let name = property(
            feature.properties.as_ref(),
            &["lib_qp", "nom_quartier", "nom_qp", "LIB_QP"],
        );
        if code.is_empty() {
            return Err(refuse(
                path,
                format!("entité n° {n} : pas de code QPV (propriété code_qp ou code_quartier)."),
            ));
        }
        let Some(geometry) = feature.geometry else {
            return Err(refuse(
                path,
                format!("QPV {code} (entité n° {n}) : pas de géométrie."),
            ));
        };
        let rings: Vec<&Vec<geojson::Position>> = match &geometry.value {
            geojson::GeometryValue::Polygon { coordinates } => coordinates.iter().collect(),
            geojson::GeometryValue::MultiPolygon { coordinates } => {
                coordinates.iter().flatten().collect()
            }
            _ => {
                return Err(refuse(
                    path,
                    format!("QPV {code} (entité n° {n}) : attendu un Polygon ou un MultiPolygon."),
                ))
            }
        };
        // geojson's conversion indexes two coordinates of every position: a shorter one would
        // panic there (found by fuzzing, fuzz/regressions/qpv_geo/).
        if let Some(short) = rings.iter().flat_map(|r| r.iter()).find(|p| p.len() < 2) {
            return Err(refuse(
                path,
                format!(
                    "QPV {code} (entité n° {n}) : un point du contour a {} coordonnée(s) au lieu de deux (longitude, latitude).",
                    short.len()
                ),
            ));
        }
        let geometry = match geo::Geometry::<f64>::try_from(geometry) {
            Ok(geo::Geometry::Polygon(p)) => geo::MultiPolygon(vec![p]),
            Ok(geo::Geometry::MultiPolygon(m)) => m,
            _ => {
                return Err(refuse(
                    path,
                    format!("QPV {code} (entité n° {n}) : attendu un Polygon ou un MultiPolygon."),
                ))
            }
        };
        if let Some(rect) = geometry.bounding_rect() {
            let (min, max) = (rect.min(), rect.max());
            if min.x < -180.0 || max.x > 180.0 || min.y < -90.0 || max.y > 90.0 {
                return Err(refuse(
                    path,
                    format!(
                        "QPV {code} : coordonnées en mètres (x = {:.0}, y = {:.0}), d'une autre projection (Lambert-93 ?) : attendu des degrés WGS84 (EPSG:4326).",
                        min.x, min.y
                    ),
                ));
            }
        }
        if geometry.0.is_empty() || !geometry.is_valid() {
            let detail = geometry
                .check_validation()
                .err()
                .map_or_else(|| "aucun polygone".to_string(), |e| e.to_string());
            return Err(refuse(
                path,
                format!("QPV {code} : polygone invalide ({detail}) : le contour doit être fermé, sans se recouper."),
            ));
        }
        out.push(QpvPerimeter {
            code,
            name,
            geometry,
        });
    }
    Ok(out)
}

/// The outline stored for QPV `district_id` from its perimeter: the exact geometry, which
/// placement uses, and its simplified copy drawn on the map.
pub fn outline_of(district_id: Id, perimeter: &QpvPerimeter) -> DistrictOutline {
    DistrictOutline {
        district_id,
        geometry: perimeter.geometry.clone(),
        display: perimeter.geometry.simplify(DISPLAY_TOLERANCE),
    }
}

/// What an import of outlines does (or would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct QpvGeoImport {
    /// Codes of the contract's QPVs whose outline is stored.
    pub matched: Vec<String>,
    /// Contract QPVs the file has no outline for.
    pub missing: Vec<String>,
    /// QPVs of the file outside the contract (ignored).
    pub ignored: usize,
    /// Whether the contract file was changed.
    pub applied: bool,
    /// Backup made before a real import.
    #[ts(type = "string | null")]
    pub backup: Option<PathBuf>,
}

impl QpvGeoImport {
    /// The same result as a spreadsheet import's report, for the import dialog.
    pub fn as_import_report(&self) -> super::ImportReport {
        let remark = |message: String| super::Problem {
            sheet: "Contours des QPV".into(),
            row: 0,
            column: String::new(),
            message,
        };
        let mut warnings = Vec::new();
        if !self.missing.is_empty() {
            warnings.push(remark(format!(
                "sans contour dans le fichier : {}.",
                self.missing.join(", ")
            )));
        }
        if self.ignored > 0 {
            warnings.push(remark(format!(
                "{} QPV du fichier hors du contrat, ignorés.",
                self.ignored
            )));
        }
        super::ImportReport {
            sheets: vec![super::SheetPlan {
                sheet: "Contours des QPV".into(),
                created: 0,
                updated: self.matched.len(),
                unchanged: 0,
            }],
            warnings,
            applied: self.applied,
            backup: self.backup.clone(),
            ..super::ImportReport::default()
        }
    }
}

/// Stores the outlines of the contract's QPVs from the official GeoJSON; a dry run writes nothing.
pub fn import_qpv_geo(store: &mut Store, path: &Path, dry_run: bool) -> Result<QpvGeoImport> {
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => CoreError::NotFound(path.to_path_buf()),
        _ => CoreError::io(path, e),
    })?;
    if meta.len() > MAX_GEOJSON_BYTES {
        return Err(refuse(
            path,
            format!(
                "fichier trop gros ({} Mo, limite {} Mo).",
                meta.len() / 1_048_576,
                MAX_GEOJSON_BYTES / 1_048_576
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| CoreError::io(path, e))?;
    import_qpv_geo_bytes(store, path, &bytes, dry_run, Some("import-qpv-geo"))
}

/// Stores the outlines found in a GeoJSON's bytes (`path` names it in messages); a backup
/// named `backup_reason` is made first when given (the demo contract is written without).
pub fn import_qpv_geo_bytes(
    store: &mut Store,
    path: &Path,
    bytes: &[u8],
    dry_run: bool,
    backup_reason: Option<&str>,
) -> Result<QpvGeoImport> {
    let perimeters = parse_qpv_geojson(path, bytes)?;
    let districts = store.districts()?;
    let by_code: HashMap<&str, &QpvPerimeter> =
        perimeters.iter().map(|p| (p.code.as_str(), p)).collect();
    let mut report = QpvGeoImport::default();
    let mut outlines = Vec::new();
    for d in &districts {
        match by_code.get(d.code.as_str()) {
            Some(p) => {
                report.matched.push(d.code.clone());
                outlines.push(outline_of(d.id, p));
            }
            None => report.missing.push(d.code.clone()),
        }
    }
    report.ignored = perimeters.len() - report.matched.len();
    if report.matched.is_empty() {
        let codes: Vec<&str> = districts.iter().map(|d| d.code.as_str()).collect();
        return Err(refuse(
            path,
            format!(
                "aucun des QPV du contrat ({}) n'est dans ce fichier : est-ce bien le fichier des périmètres des QPV 2024 ?",
                if codes.is_empty() { "aucun QPV saisi".to_string() } else { codes.join(", ") }
            ),
        ));
    }
    if dry_run {
        return Ok(report);
    }
    let summary = format!(
        "import des contours des QPV : {} contour(s)",
        report.matched.len()
    );
    let (_, backup) = store.batch_with_backup("import", backup_reason, |s| {
        for o in &outlines {
            write_outline(s.conn(), o)?;
        }
        Ok(((), Some(summary)))
    })?;
    report.applied = true;
    report.backup = backup;
    Ok(report)
}
