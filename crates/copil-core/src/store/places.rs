//! Storing the lieux de médiation numérique and the QPVs' outlines.

use rusqlite::{params, Connection, OptionalExtension};

use super::Store;
use crate::domain::{DistrictOutline, Id, Place};
use crate::error::{CoreError, Result, SqlContext};
use crate::text::collation_key;

fn geometry_text(g: &geo::MultiPolygon<f64>) -> String {
    geojson::Geometry::new(geojson::GeometryValue::from(g)).to_string()
}

fn geometry_of(text: &str) -> Option<geo::MultiPolygon<f64>> {
    let g: geojson::Geometry = text.parse().ok()?;
    match geo::Geometry::<f64>::try_from(g).ok()? {
        geo::Geometry::MultiPolygon(m) => Some(m),
        geo::Geometry::Polygon(p) => Some(geo::MultiPolygon(vec![p])),
        _ => None,
    }
}

impl Store {
    /// Every lieu, by name in French order.
    pub fn places(&self) -> Result<Vec<Place>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, source, source_id, name, address, postal_code, commune, insee, latitude, \
                 longitude, services, publics, hours, dispositifs, updated_on, actor_id FROM place",
            )
            .ctx("lecture des lieux")?;
        let list = |text: String| serde_json::from_str::<Vec<String>>(&text).unwrap_or_default();
        let mut out: Vec<Place> = stmt
            .query_map([], |r| {
                Ok(Place {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    source_id: r.get(2)?,
                    name: r.get(3)?,
                    address: r.get(4)?,
                    postal_code: r.get(5)?,
                    commune: r.get(6)?,
                    insee: r.get(7)?,
                    latitude: r.get(8)?,
                    longitude: r.get(9)?,
                    services: list(r.get(10)?),
                    publics: list(r.get(11)?),
                    hours: r.get(12)?,
                    dispositifs: list(r.get(13)?),
                    updated_on: r.get(14)?,
                    actor_id: r.get(15)?,
                })
            })
            .ctx("lecture des lieux")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des lieux")?;
        out.sort_by_cached_key(|p| (collation_key(&p.name), p.id));
        Ok(out)
    }

    /// The outlines of the QPVs that have one.
    pub fn district_outlines(&self) -> Result<Vec<DistrictOutline>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT district_id, geometry, display FROM district_outline ORDER BY district_id",
            )
            .ctx("lecture des contours des QPV")?;
        let rows: Vec<(Id, String, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .ctx("lecture des contours des QPV")?
            .collect::<rusqlite::Result<_>>()
            .ctx("lecture des contours des QPV")?;
        Ok(rows
            .into_iter()
            .filter_map(|(district_id, exact, display)| {
                Some(DistrictOutline {
                    district_id,
                    geometry: geometry_of(&exact)?,
                    display: geometry_of(&display)?,
                })
            })
            .collect())
    }
}

/// Writes a lieu (insert when its id is 0, else update) and returns its id.
pub(crate) fn write_place(conn: &Connection, p: &Place) -> Result<Id> {
    let issues = p.validate();
    if crate::domain::has_errors(&issues) {
        return Err(super::contract::invalid_error("lieu", issues));
    }
    let json = |v: &Vec<String>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    let values = params![
        p.source,
        p.source_id,
        p.name,
        p.address,
        p.postal_code,
        p.commune,
        p.insee,
        p.latitude,
        p.longitude,
        json(&p.services),
        json(&p.publics),
        p.hours,
        json(&p.dispositifs),
        p.updated_on,
        p.actor_id,
    ];
    if p.id == 0 {
        conn.execute(
            "INSERT INTO place (source, source_id, name, address, postal_code, commune, insee, \
             latitude, longitude, services, publics, hours, dispositifs, updated_on, actor_id) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
            values,
        )
        .ctx("enregistrement du lieu")?;
        return Ok(conn.last_insert_rowid());
    }
    let changed = conn
        .execute(
            &format!(
                "UPDATE place SET source = ?1, source_id = ?2, name = ?3, address = ?4, \
                 postal_code = ?5, commune = ?6, insee = ?7, latitude = ?8, longitude = ?9, \
                 services = ?10, publics = ?11, hours = ?12, dispositifs = ?13, updated_on = ?14, \
                 actor_id = ?15 WHERE id = {}",
                p.id
            ),
            values,
        )
        .ctx("enregistrement du lieu")?;
    if changed == 0 {
        return Err(CoreError::Missing {
            entity: "lieu",
            id: p.id,
        });
    }
    Ok(p.id)
}

/// Writes (or replaces) a QPV's outline.
pub(crate) fn write_outline(conn: &Connection, o: &DistrictOutline) -> Result<()> {
    conn.execute(
        "INSERT INTO district_outline (district_id, geometry, display) VALUES (?1, ?2, ?3) \
         ON CONFLICT(district_id) DO UPDATE SET geometry = excluded.geometry, display = excluded.display",
        params![o.district_id, geometry_text(&o.geometry), geometry_text(&o.display)],
    )
    .ctx("enregistrement du contour du QPV")?;
    Ok(())
}

/// The id of the lieu a source identifier names, if stored.
pub(crate) fn place_id_by_source(conn: &Connection, source_id: &str) -> Result<Option<Id>> {
    conn.query_row(
        "SELECT id FROM place WHERE source_id = ?1",
        [source_id],
        |r| r.get(0),
    )
    .optional()
    .ctx("lecture des lieux")
}
