//! Crash safety: a writer is killed with SIGKILL at random moments; every acknowledged edit must
//! be in the file afterwards, nothing half-written, and the file must pass `integrity_check`.
//!
//! Normal suite: 30 trials. Long mode (`COPIL_LONG=1`, see RELIABILITY.md): 1,000 trials.

use std::time::{Duration, Instant};

use copil_acceptance::copil;
use copil_acceptance::sigkill::{next, run_then_kill};
use copil_core::Store;

fn writer_bin() -> std::path::PathBuf {
    // Cargo builds the package's binaries before its integration tests.
    std::path::PathBuf::from(env!("CARGO_BIN_EXE_crash_writer"))
}

#[test]
fn acknowledged_edits_survive_sigkill() {
    let trials: usize = if std::env::var_os("COPIL_LONG").is_some() {
        1000
    } else {
        30
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crash.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let base_actors = Store::open_read_only(&file)
        .unwrap()
        .actors()
        .unwrap()
        .len() as i64;
    let writer = writer_bin();
    let mut seed = 20261128u64;
    let (mut acknowledged_total, mut lost, mut in_flight_committed) = (0i64, 0i64, 0i64);
    let mut last = base_actors;
    let started = Instant::now();
    for trial in 0..trials {
        let delay = Duration::from_millis(20 + next(&mut seed) % 300);
        let acked = run_then_kill(&writer, &file, delay).unwrap_or(last);

        let store = Store::open(&file).unwrap_or_else(|e| panic!("trial {trial}: {e}"));
        assert_eq!(store.integrity_check().unwrap(), ["ok"], "trial {trial}");
        let actors = store.actors().unwrap().len() as i64;
        let ind = store.indicators().unwrap()[0].id;
        let value = store
            .measurements(ind)
            .unwrap()
            .iter()
            .find(|m| m.year == 2025 && m.district_id.is_none())
            .map(|m| m.value as i64);
        // Every acknowledged edit is there; the one in flight may have committed, never half of it.
        assert!(
            actors >= acked,
            "trial {trial}: {actors} actors but edit {acked} was acknowledged"
        );
        assert!(
            actors <= acked + 1,
            "trial {trial}: more edits than were made"
        );
        if actors > base_actors {
            assert_eq!(
                value,
                Some(actors),
                "trial {trial}: actor and value of one edit disagree"
            );
        }
        lost += (acked - actors).max(0);
        in_flight_committed += actors - acked;
        acknowledged_total += acked - last;
        last = actors;
        drop(store);
    }
    println!(
        "crash safety: {trials} trials, {acknowledged_total} edits acknowledged, {lost} lost, {in_flight_committed} in-flight edits committed, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(lost, 0);
    assert!(
        acknowledged_total > trials as i64,
        "the writer made progress"
    );
}
