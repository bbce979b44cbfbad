//! The official GeoJSON of the QPVs' perimeters given to `copil import-qpv-geo`.

use std::path::Path;

use copil_core::exchange::{outline_of, parse_qpv_geojson};
use copil_core::figures::nearness;

use crate::Target;

/// The perimeters reader (projection, validity), the simplified outline the import stores, and
/// the placement of a few points against each outline.
pub const TARGET: Target = Target {
    name: "qpv_geo",
    reads: "périmètres des QPV (GeoJSON)",
    run,
};

/// Points placed against every outline: a lieu of Lens, one of Liévin, one far away.
const POINTS: [(f64, f64); 3] = [(50.44, 2.815), (50.4225, 2.7745), (43.6, 3.88)];

fn run(data: &[u8]) {
    let Ok(perimeters) = parse_qpv_geojson(Path::new("qpv-perimetres.geojson"), data) else {
        return;
    };
    for (i, p) in perimeters.iter().enumerate() {
        let outline = outline_of(i as i64 + 1, p);
        for (latitude, longitude) in POINTS {
            for geometry in [&outline.geometry, &outline.display] {
                if let Some((_, metres)) = nearness(geometry, latitude, longitude, 300.0) {
                    assert!(
                        (0.0..=300.0).contains(&metres),
                        "a lieu is near within the distance asked: {metres} m"
                    );
                }
            }
        }
    }
}
