//! data·inclusion's services export (`services-inclusion-….csv|json`) given to
//! `copil import-places … --services`.

use copil_core::exchange::parse_services;

use crate::Target;

/// The services reader, as CSV and as JSON: required fields, the four forms of list cells,
/// the référentiels of `frais` and `modes_accueil`, the labels of the digital thématiques.
pub const TARGET: Target = Target {
    name: "services",
    reads: "services de data·inclusion (CSV ou JSON)",
    run,
};

fn run(data: &[u8]) {
    for name in ["services-inclusion.csv", "services-inclusion.json"] {
        let mut seen = std::collections::HashSet::new();
        for s in parse_services(name, data) {
            assert!(
                !s.source.is_empty() && !s.structure_id.is_empty() && !s.id.is_empty(),
                "{s:?}"
            );
            assert!(
                seen.insert((s.source.clone(), s.id.clone())),
                "twice: {s:?}"
            );
            for label in s.digital_services() {
                assert!(!label.is_empty(), "{s:?}");
            }
        }
    }
}
