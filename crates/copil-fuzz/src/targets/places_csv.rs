//! A lieux de médiation numérique file (LaMednum « standard-mediation-num » CSV, or a
//! data·inclusion structures export saved as CSV) given to `copil import-places`.

use copil_core::exchange::parse_places;

use crate::Target;

/// The lieux reader on CSV: the header's names, the list cells, the checks of every record.
pub const TARGET: Target = Target {
    name: "places_csv",
    reads: "lieux de médiation numérique (CSV LaMednum ou data·inclusion)",
    run,
};

fn run(data: &[u8]) {
    super::check_places(&parse_places("lieux-mediation.csv", data));
}
