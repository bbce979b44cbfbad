//! The lieux de médiation numérique of the territory and the QPVs' synthetic outlines: the
//! fixture files the importers are tested on (a LaMednum CSV, a legacy JSON, a perimeters
//! GeoJSON), embedded and imported as a user would. Cité Bellevue (Harnes) has no lieu in or
//! near it, so the demo shows the alert.

/// Lieux in today's LaMednum table (one of them in Arras, outside the contract).
pub const PLACES_CSV: &str = include_str!("../../../tests/fixtures/lieux-mediation-lens.csv");

/// Lieux in the legacy JSON form (`labels_nationaux`, `publics_accueillis`, `courriel`).
pub const PLACES_LEGACY_JSON: &str =
    include_str!("../../../tests/fixtures/lieux-mediation-lens-ancien.json");

/// Synthetic perimeters of the five QPVs (and one of another agglomération), EPSG:4326.
pub const PERIMETERS_GEOJSON: &str =
    include_str!("../../../tests/fixtures/qpv-perimetres-lens.geojson");

/// The indicator the lieux feed, the year and the day they were counted: the demo's 2026 value
/// of it is what the Lieux screen shows, not a number typed beside it.
pub const PLACES_FEED: (&str, i32, chrono::NaiveDate) = (
    "Lieux de médiation dans ou à proximité des QPV",
    2026,
    crate::demo::date(2026, 11, 25),
);
