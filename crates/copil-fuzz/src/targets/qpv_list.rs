//! The official list of QPVs (`listeqp2024-cog2024.csv`) given to `copil import-qpv`.

use std::path::Path;

use copil_core::exchange::parse_qpv_list;

use crate::Target;

/// The QPV list parser, for every commune and for two of them.
pub const TARGET: Target = Target {
    name: "qpv_list",
    reads: "liste officielle des QPV",
    run,
};

fn run(data: &[u8]) {
    let path = Path::new("listeqp2024-cog2024.csv");
    let all = parse_qpv_list(path, data, &[]);
    let some = parse_qpv_list(path, data, &["62498".into(), "62510".into()]);
    if let (Ok(all), Ok(some)) = (all, some) {
        assert!(some.len() <= all.len(), "a filter never adds QPVs");
    }
}
