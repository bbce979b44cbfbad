//! Lieux de médiation numérique and the QPVs: which lieu is in, near or outside each QPV, the
//! per-QPV figures, and the map both the app and the report draw.
//!
//! Placement: a lieu is *in* a QPV when its point lies inside the QPV's outline (holes excluded,
//! every part of a multipolygon counted); *near* one when the great-circle distance from the
//! point to the outline's nearest edge (haversine formula on a sphere of mean radius 6 371 km)
//! is at most the distance set, 300 m by default. Without outlines, lieux are placed by commune.

use geo::{BoundingRect, Contains, Distance, Haversine, HaversineClosestPoint};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Pillar;
use crate::domain::{dispositif_label, ActorLabel, District, DistrictOutline, Id, Place};

/// Distance under which a lieu outside a QPV counts as near it, unless the user sets another.
pub const DEFAULT_NEAR_METRES: f64 = 300.0;

/// Metres in one degree of latitude on the sphere the distances are measured on.
const METRES_PER_DEGREE: f64 = 6_371_008.8 * std::f64::consts::PI / 180.0;

/// How the lieux were placed: on the QPVs' outlines, or by commune when there are none.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlacementMethod {
    /// Point in the outline, or within the distance of it (haversine).
    Outlines,
    /// Same commune as the QPV (no outline stored).
    Communes,
}

/// Where a lieu stands with respect to one QPV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Nearness {
    /// Inside the outline.
    In,
    /// Outside, within the distance.
    Near,
    /// In the QPV's commune (placement by commune).
    SameCommune,
}

/// One lieu and the QPVs it serves.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlacedLieu {
    /// The lieu.
    pub place_id: Id,
    /// QPVs it is in or near, with the distance to the outline in metres (0 inside).
    pub districts: Vec<(Id, Nearness, f64)>,
}

/// The figures of one QPV.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DistrictPlaces {
    /// The QPV.
    pub district_id: Id,
    /// Its code.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Lieux inside it (or in its commune, by commune).
    pub inside: u32,
    /// Lieux outside it within the distance.
    pub near: u32,
    /// Services offered by those lieux, without repeats, in French order.
    pub services: Vec<String>,
    /// Whether an Aidants Connect lieu is in or near it.
    pub aidants_connect: bool,
    /// Whether a lieu with conseillers numériques is in or near it.
    pub conseillers_numeriques: bool,
    /// The lieux in or near it.
    pub place_ids: Vec<Id>,
}

impl DistrictPlaces {
    /// Lieux in or near the QPV: what an indicator « lieux de médiation dans ou à proximité du QPV » counts.
    pub fn in_or_near(&self) -> u32 {
        self.inside + self.near
    }
}

/// The lieux and the QPVs, placed.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlacesOverview {
    /// How the lieux were placed.
    pub method: PlacementMethod,
    /// The method in French, as the screens and the report say it.
    pub method_text: String,
    /// Distance under which a lieu is near a QPV (metres).
    pub near_metres: f64,
    /// Per QPV, in code order.
    pub districts: Vec<DistrictPlaces>,
    /// Each lieu and the QPVs it serves.
    pub lieux: Vec<PlacedLieu>,
    /// Lieux with no coordinates (placed by commune only, or not at all).
    pub without_position: u32,
}

impl PlacesOverview {
    /// The QPVs with no lieu in or near them.
    pub fn districts_without_place(&self) -> impl Iterator<Item = &DistrictPlaces> {
        self.districts.iter().filter(|d| d.in_or_near() == 0)
    }
}

/// The French sentence saying how lieux were placed.
pub fn placement_method_text(method: PlacementMethod, near_metres: f64) -> String {
    match method {
        PlacementMethod::Outlines => format!(
            "Placement sur les contours des QPV : un lieu est « dans » un QPV si son point est à l'intérieur du contour, « à proximité » s'il est à {} m au plus du bord (distance à vol d'oiseau, formule de haversine sur la sphère terrestre).",
            crate::format::number(near_metres, 0)
        ),
        PlacementMethod::Communes => "Placement par commune (aucun contour de QPV importé) : un lieu compte pour les QPV de sa commune.".to_string(),
    }
}

/// Outlines prepared for placement: each with its bounding box widened by the distance.
struct Prepared<'a> {
    outline: &'a DistrictOutline,
    min: (f64, f64),
    max: (f64, f64),
}

fn prepare(outlines: &[DistrictOutline], near_metres: f64) -> Vec<Prepared<'_>> {
    outlines
        .iter()
        .filter_map(|o| {
            let r = o.geometry.bounding_rect()?;
            let dlat = near_metres / METRES_PER_DEGREE;
            let cos = r
                .max()
                .y
                .abs()
                .max(r.min().y.abs())
                .to_radians()
                .cos()
                .max(0.01);
            let dlon = dlat / cos;
            Some(Prepared {
                outline: o,
                min: (r.min().x - dlon, r.min().y - dlat),
                max: (r.max().x + dlon, r.max().y + dlat),
            })
        })
        .collect()
}

/// Where one point stands with respect to one outline: in, near (with metres), or neither.
pub fn nearness(
    outline: &geo::MultiPolygon<f64>,
    latitude: f64,
    longitude: f64,
    near_metres: f64,
) -> Option<(Nearness, f64)> {
    let point = geo::Point::new(longitude, latitude);
    if outline.contains(&point) {
        return Some((Nearness::In, 0.0));
    }
    let closest = match outline.haversine_closest_point(&point) {
        geo::Closest::SinglePoint(p) | geo::Closest::Intersection(p) => p,
        geo::Closest::Indeterminate => return None,
    };
    let metres = Haversine.distance(point, closest);
    (metres <= near_metres).then_some((Nearness::Near, metres))
}

/// Places every lieu against the QPVs (see the module's doc) and computes the per-QPV figures.
pub fn place_lieux(
    places: &[Place],
    districts: &[District],
    outlines: &[DistrictOutline],
    near_metres: f64,
) -> PlacesOverview {
    let method = if outlines.is_empty() {
        PlacementMethod::Communes
    } else {
        PlacementMethod::Outlines
    };
    let prepared = prepare(outlines, near_metres);
    let mut lieux = Vec::with_capacity(places.len());
    let mut without_position = 0;
    for p in places {
        let mut served = Vec::new();
        match (method, p.position()) {
            (PlacementMethod::Outlines, Some((lat, lon))) => {
                for o in &prepared {
                    if lon < o.min.0 || lon > o.max.0 || lat < o.min.1 || lat > o.max.1 {
                        continue;
                    }
                    if let Some((n, m)) = nearness(&o.outline.geometry, lat, lon, near_metres) {
                        served.push((o.outline.district_id, n, m));
                    }
                }
            }
            (PlacementMethod::Outlines, None) => without_position += 1,
            (PlacementMethod::Communes, position) => {
                if position.is_none() {
                    without_position += 1;
                }
                if let Some(insee) = &p.insee {
                    for d in districts.iter().filter(|d| d.communes.contains(insee)) {
                        served.push((d.id, Nearness::SameCommune, 0.0));
                    }
                }
            }
        }
        lieux.push(PlacedLieu {
            place_id: p.id,
            districts: served,
        });
    }
    let mut figures: Vec<DistrictPlaces> = districts
        .iter()
        .map(|d| DistrictPlaces {
            district_id: d.id,
            code: d.code.clone(),
            name: d.name.clone(),
            inside: 0,
            near: 0,
            services: vec![],
            aidants_connect: false,
            conseillers_numeriques: false,
            place_ids: vec![],
        })
        .collect();
    for (lieu, place) in lieux.iter().zip(places) {
        for &(district, n, _) in &lieu.districts {
            let Some(f) = figures.iter_mut().find(|f| f.district_id == district) else {
                continue;
            };
            match n {
                Nearness::Near => f.near += 1,
                Nearness::In | Nearness::SameCommune => f.inside += 1,
            }
            f.place_ids.push(place.id);
            for s in &place.services {
                if !f.services.contains(s) {
                    f.services.push(s.clone());
                }
            }
            for label in place.dispositifs.iter().filter_map(|d| dispositif_label(d)) {
                match label {
                    ActorLabel::AidantsConnect => f.aidants_connect = true,
                    ActorLabel::ConseillerNumerique => f.conseillers_numeriques = true,
                    _ => {}
                }
            }
        }
    }
    for f in &mut figures {
        f.services
            .sort_by_cached_key(|s| crate::text::collation_key(s));
    }
    PlacesOverview {
        method,
        method_text: placement_method_text(method, near_metres),
        near_metres,
        districts: figures,
        lieux,
        without_position,
    }
}

/// The placement of the pillar's lieux at the given distance.
pub fn places_overview(p: &Pillar, near_metres: f64) -> PlacesOverview {
    place_lieux(&p.places, &p.districts, &p.outlines, near_metres)
}

/// How a lieu is drawn on the map: by the national programme it hosts (the first of France
/// Services, Aidants Connect, conseillers numériques), or a plain dot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MapSymbol {
    /// France Services: a diamond.
    FranceServices,
    /// Aidants Connect: a triangle.
    AidantsConnect,
    /// Conseillers numériques: a square.
    ConseillerNumerique,
    /// Any other lieu: a circle.
    Other,
}

impl MapSymbol {
    /// The legend's words for the symbol.
    pub fn label(self) -> &'static str {
        match self {
            MapSymbol::FranceServices => "France Services",
            MapSymbol::AidantsConnect => "Aidants Connect",
            MapSymbol::ConseillerNumerique => "Conseillers numériques",
            MapSymbol::Other => "Autre lieu de médiation",
        }
    }

    /// The symbol of a lieu.
    pub fn of(place: &Place) -> MapSymbol {
        let labels: Vec<ActorLabel> = place
            .dispositifs
            .iter()
            .filter_map(|d| dispositif_label(d))
            .collect();
        [
            (ActorLabel::FranceServices, MapSymbol::FranceServices),
            (ActorLabel::AidantsConnect, MapSymbol::AidantsConnect),
            (
                ActorLabel::ConseillerNumerique,
                MapSymbol::ConseillerNumerique,
            ),
        ]
        .into_iter()
        .find(|(l, _)| labels.contains(l))
        .map_or(MapSymbol::Other, |(_, s)| s)
    }
}

/// One QPV drawn on the map: its outline's rings in map units (y down).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MapArea {
    /// The QPV.
    pub district_id: Id,
    /// Its code, printed at its centre.
    pub code: String,
    /// Its name.
    pub name: String,
    /// Rings (exteriors and holes) as (x, y) points.
    pub rings: Vec<Vec<(f64, f64)>>,
    /// Where its code is printed: the top centre of its largest part (text goes above).
    pub label_at: (f64, f64),
    /// Whether no lieu is in or near it (drawn hatched, named in the legend).
    pub without_place: bool,
}

/// One lieu drawn on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MapPoint {
    /// The lieu.
    pub place_id: Id,
    /// Its name.
    pub name: String,
    /// Position in map units (y down).
    pub at: (f64, f64),
    /// Its symbol.
    pub symbol: MapSymbol,
}

/// The map of the territory both the app (SVG) and the report (PDF paths) draw: outlines and
/// lieux already projected into a box `width` × `height` (equirectangular around the centre,
/// north up), so both draw the same picture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TerritoryMap {
    /// Width of the box in map units (always 1000).
    pub width: f64,
    /// Height of the box in map units.
    pub height: f64,
    /// QPVs with an outline.
    pub areas: Vec<MapArea>,
    /// Lieux with coordinates.
    pub points: Vec<MapPoint>,
    /// Symbols in use, in legend order.
    pub legend: Vec<MapSymbol>,
    /// Length of the scale bar in map units.
    pub scale_units: f64,
    /// What the scale bar measures, e.g. « 1 km ».
    pub scale_label: String,
}

/// The territory's map: the QPVs' simplified outlines and the lieux, projected (see [`TerritoryMap`]).
/// `None` when there is nothing to draw (no outline and no lieu with coordinates).
pub fn territory_map(p: &Pillar, overview: &PlacesOverview) -> Option<TerritoryMap> {
    use geo::CoordsIter;
    let located: Vec<&Place> = p.places.iter().filter(|l| l.position().is_some()).collect();
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    let mut grow = |x: f64, y: f64| {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    };
    for o in &p.outlines {
        for c in o.display.exterior_coords_iter() {
            grow(c.x, c.y);
        }
    }
    for l in &located {
        if let Some((lat, lon)) = l.position() {
            grow(lon, lat);
        }
    }
    if x0 > x1 {
        return None;
    }
    let cos = ((y0 + y1) / 2.0).to_radians().cos().max(0.01);
    // Metres per map unit, with a 6 % margin on each side.
    let span_x = ((x1 - x0) * cos).max(1e-4);
    let span_y = (y1 - y0).max(1e-4);
    let (pad_x, pad_y) = (span_x * 0.06, span_y * 0.06);
    let width = 1000.0;
    let units_per_degree = width / (span_x + 2.0 * pad_x);
    let height = (span_y + 2.0 * pad_y) * units_per_degree;
    let project = |lon: f64, lat: f64| {
        (
            ((lon - x0) * cos + pad_x) * units_per_degree,
            ((y1 - lat) + pad_y) * units_per_degree,
        )
    };
    let without: Vec<Id> = overview
        .districts_without_place()
        .map(|d| d.district_id)
        .collect();
    let areas = p
        .outlines
        .iter()
        .filter_map(|o| {
            let d = p.districts.iter().find(|d| d.id == o.district_id)?;
            let mut rings = Vec::new();
            for poly in &o.display.0 {
                for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                    rings.push(ring.coords().map(|c| project(c.x, c.y)).collect());
                }
            }
            // Above the largest part, centred.
            let label_at = o
                .display
                .0
                .iter()
                .max_by(|a, b| {
                    geo::Area::unsigned_area(*a).total_cmp(&geo::Area::unsigned_area(*b))
                })
                .and_then(|part| part.bounding_rect())
                .map(|r| project((r.min().x + r.max().x) / 2.0, r.max().y))
                .unwrap_or((0.0, 0.0));
            Some(MapArea {
                district_id: d.id,
                code: d.code.clone(),
                name: d.name.clone(),
                rings,
                label_at,
                without_place: without.contains(&d.id),
            })
        })
        .collect();
    let points: Vec<MapPoint> = located
        .iter()
        .filter_map(|l| {
            let (lat, lon) = l.position()?;
            Some(MapPoint {
                place_id: l.id,
                name: l.name.clone(),
                at: project(lon, lat),
                symbol: MapSymbol::of(l),
            })
        })
        .collect();
    let mut legend: Vec<MapSymbol> = points.iter().map(|p| p.symbol).collect();
    legend.sort();
    legend.dedup();
    // A round length near a fifth of the map's width.
    let metres_per_unit = METRES_PER_DEGREE / units_per_degree;
    let target = width / 5.0 * metres_per_unit;
    let metres = [
        50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10_000.0, 20_000.0, 50_000.0, 100_000.0,
        200_000.0,
    ]
    .into_iter()
    .rfind(|m| *m <= target)
    .unwrap_or(50.0);
    let scale_label = if metres >= 1000.0 {
        format!("{} km", crate::format::number(metres / 1000.0, 0))
    } else {
        format!("{} m", crate::format::number(metres, 0))
    };
    Some(TerritoryMap {
        width,
        height,
        areas,
        points,
        legend,
        scale_units: metres / metres_per_unit,
        scale_label,
    })
}

/// Everything the « Lieux » screen shows: the lieux, their placement and the map.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PlacesView {
    /// The lieux, by name.
    pub places: Vec<Place>,
    /// Their placement and the per-QPV figures.
    pub overview: PlacesOverview,
    /// The map, when there is something to draw.
    pub map: Option<TerritoryMap>,
    /// Name of each lieu's structure (same order as `places`; empty when none).
    pub actor_names: Vec<String>,
}

/// The « Lieux » screen at the given distance (the report's 300 m by default).
pub fn places_view(p: &Pillar, near_metres: Option<f64>) -> PlacesView {
    let near = near_metres
        .filter(|m| m.is_finite() && *m >= 0.0)
        .unwrap_or(DEFAULT_NEAR_METRES)
        .min(5_000.0);
    let overview = places_overview(p, near);
    let map = territory_map(p, &overview);
    PlacesView {
        actor_names: p.places.iter().map(|l| p.actor_name(l.actor_id)).collect(),
        places: p.places.clone(),
        overview,
        map,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{LineString, MultiPolygon, Polygon};

    fn square(x0: f64, y0: f64, side: f64) -> LineString<f64> {
        LineString::from(vec![
            (x0, y0),
            (x0 + side, y0),
            (x0 + side, y0 + side),
            (x0, y0 + side),
            (x0, y0),
        ])
    }

    #[test]
    fn a_point_in_a_hole_is_not_in_the_qpv_and_every_part_of_a_multipolygon_counts() {
        // A square around Lens with a square hole, and a second part to the east.
        let with_hole = Polygon::new(square(2.80, 50.42, 0.02), vec![square(2.805, 50.425, 0.01)]);
        let east = Polygon::new(square(2.90, 50.42, 0.01), vec![]);
        let qpv = MultiPolygon(vec![with_hole, east]);
        assert_eq!(
            nearness(&qpv, 50.421, 2.801, 0.0),
            Some((Nearness::In, 0.0))
        );
        // In the hole: outside the QPV, and more than 300 m from any edge? The hole is ~700 m
        // wide, so its centre is ~350 m from the hole's edge.
        assert_eq!(nearness(&qpv, 50.430, 2.810, 300.0), None);
        assert_eq!(
            nearness(&qpv, 50.425, 2.905, 0.0),
            Some((Nearness::In, 0.0))
        );
        assert_eq!(nearness(&qpv, 50.425, 2.85, 300.0), None);
    }

    #[test]
    fn a_lieu_250_m_from_an_edge_is_near_at_300_m_and_outside_at_200_m() {
        let qpv = MultiPolygon(vec![Polygon::new(square(2.80, 50.42, 0.01), vec![])]);
        // 250 m north of the northern edge (latitude 50.43).
        let lat = 50.43 + 250.0 / METRES_PER_DEGREE;
        let (n, m) = nearness(&qpv, lat, 2.805, 300.0).unwrap();
        assert_eq!(n, Nearness::Near);
        assert!((m - 250.0).abs() < 1.0, "{m}");
        assert_eq!(nearness(&qpv, lat, 2.805, 200.0), None);
    }
}
