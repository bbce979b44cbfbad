//! La MedNum's indice de fragilité numérique files given to `copil import-ifn`.

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use copil_core::domain::IfnDivision;
use copil_core::exchange::read_ifn;

use crate::Target;

/// The IFN reader, as a commune file and as an EPCI file, keeping two communes and an EPCI.
pub const TARGET: Target = Target {
    name: "ifn",
    reads: "indice de fragilité numérique (La MedNum)",
    run,
};

fn run(data: &[u8]) {
    let day = NaiveDate::from_ymd_opt(2026, 11, 10).expect("a valid date");
    let path = Path::new("ifn-city-all-variation.csv");
    let keep: HashSet<String> = ["62498".into(), "62510".into(), "246200364".into()].into();
    let _ = read_ifn(path, data, IfnDivision::City, day, &keep);
    let _ = read_ifn(path, data, IfnDivision::Epci, day, &keep);
}
