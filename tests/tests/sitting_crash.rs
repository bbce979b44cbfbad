//! Crash safety of the séance: a writer making séance entries (agenda items, notes, current
//! item) is killed with SIGKILL at random moments; every acknowledged entry must be in the
//! file afterwards, none half-written, and reopening must report the séance in progress at
//! the item it was at.
//!
//! Normal suite: 20 trials. Long mode (`COPIL_LONG=1`, see RELIABILITY.md): 500 trials.

use std::time::{Duration, Instant};

use copil_acceptance::copil;
use copil_acceptance::sigkill::{next, run_then_kill};
use copil_acceptance::sitting_entries::{applied, meeting};
use copil_core::domain::SittingState;
use copil_core::Store;

#[test]
fn acknowledged_seance_entries_survive_sigkill_and_the_seance_resumes() {
    let trials: usize = if std::env::var_os("COPIL_LONG").is_some() {
        500
    } else {
        20
    };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seance.copil");
    assert!(copil(&[&"demo", &file]).status.success());
    let writer = std::path::PathBuf::from(env!("CARGO_BIN_EXE_sitting_writer"));
    let mut seed = 20261210u64;
    let (mut acknowledged_total, mut lost, mut in_flight_committed) = (0u64, 0u64, 0u64);
    let mut last = 0u64;
    let started = Instant::now();
    for trial in 0..trials {
        let delay = Duration::from_millis(40 + next(&mut seed) % 300);
        let acked = run_then_kill(&writer, &file, delay).map_or(last, |n| n as u64);

        let store = Store::open(&file).unwrap_or_else(|e| panic!("trial {trial}: {e}"));
        assert_eq!(store.integrity_check().unwrap(), ["ok"], "trial {trial}");
        let m = meeting(&store);
        let entries = applied(&store, m).unwrap_or_else(|e| panic!("trial {trial}: {e}"));
        assert!(
            entries >= acked,
            "trial {trial}: {entries} entries in the file but entry {acked} was acknowledged"
        );
        assert!(
            entries <= acked + 1,
            "trial {trial}: more entries than were made"
        );
        // Reopening offers to resume the séance, at the item it was at.
        let resume = store
            .sitting_in_progress()
            .unwrap()
            .unwrap_or_else(|| panic!("trial {trial}: no séance in progress"));
        assert_eq!(resume.meeting.id, m);
        assert_eq!(resume.sitting.state(), SittingState::InProgress);
        if entries >= 3 {
            let k = (entries / 3) * 3 - 2;
            assert_eq!(
                resume.current_item.map(|i| i.title),
                Some(format!("Point {k}")),
                "trial {trial}: the séance resumes at the last item made current"
            );
        }
        lost += acked.saturating_sub(entries);
        in_flight_committed += entries - acked;
        acknowledged_total += acked.saturating_sub(last);
        last = entries;
        drop(store);
    }
    println!(
        "séance crash safety: {trials} trials, {acknowledged_total} entries acknowledged, {lost} lost, {in_flight_committed} in-flight entries committed, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert_eq!(lost, 0);
    assert!(
        acknowledged_total > trials as u64,
        "the writer made progress"
    );
}
