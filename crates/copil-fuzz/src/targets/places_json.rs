//! A lieux de médiation numérique file as JSON (the legacy LaMednum arrays, data·inclusion's
//! structures export) given to `copil import-places`.

use copil_core::exchange::parse_places;

use crate::Target;

/// The lieux reader on JSON: the array of objects, legacy names, list values.
pub const TARGET: Target = Target {
    name: "places_json",
    reads: "lieux de médiation numérique (JSON ancien LaMednum ou data·inclusion)",
    run,
};

fn run(data: &[u8]) {
    super::check_places(&parse_places("lieux-mediation.json", data));
}
