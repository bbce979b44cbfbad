//! The demo's field files (La Coop export, La MedNum's IFN files) committed under `fixtures/`
//! are exactly what `copil_core::demo::field` writes: regenerate them with
//! `COPIL_UPDATE_FIXTURES=1 cargo test -p copil-core --test field_fixtures`.

use std::path::PathBuf;

#[test]
fn the_committed_field_fixtures_are_up_to_date() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let update = std::env::var_os("COPIL_UPDATE_FIXTURES").is_some();
    for (name, bytes) in copil_core::demo::field::lens_fixtures().unwrap() {
        let path = dir.join(name);
        if update {
            std::fs::write(&path, &bytes).unwrap();
            continue;
        }
        let committed = std::fs::read(&path).unwrap_or_default();
        assert!(
            committed == bytes,
            "{name} is not what the generator writes ({} bytes committed, {} generated): \
             run COPIL_UPDATE_FIXTURES=1 cargo test -p copil-core --test field_fixtures",
            committed.len(),
            bytes.len()
        );
    }
}

#[test]
fn the_generator_is_deterministic() {
    let a = copil_core::demo::field::lens_fixtures().unwrap();
    let b = copil_core::demo::field::lens_fixtures().unwrap();
    assert_eq!(a, b);
}
