//! La Coop de la médiation numérique's activities export (or the older « Statistiques » CSV)
//! given to `copil import-coop`.

use std::path::Path;

use copil_core::exchange::read_coop_file;

use crate::Target;

/// The Coop reader: the export's header row, its activities, its formula cells.
pub const TARGET: Target = Target {
    name: "coop_export",
    reads: "export de La Coop de la médiation numérique",
    run,
};

fn run(data: &[u8]) {
    let _ = read_coop_file(
        Path::new("coop-numerique_accompagnements_2026-11-10.xlsx"),
        data,
    );
    let _ = read_coop_file(Path::new("statistiques.csv"), data);
}
