//! A writer for the crash-safety test: makes numbered edits and acknowledges each one on stdout
//! only after the core has committed it. The test kills it with SIGKILL at random moments.
//!
//! Edit n (one transaction): adds the actor « Acteur n » and sets the 2025 value of the first
//! indicator to n — so after a crash the actor count and that value must agree.

use std::io::Write;

use copil_core::domain::{Actor, ActorKind, Measurement};
use copil_core::Store;

fn main() {
    let path = std::env::args().nth(1).expect("usage: crash_writer FILE");
    let mut store = Store::open(std::path::Path::new(&path)).expect("open");
    let indicator = store.indicators().expect("indicators")[0].id;
    let mut n = store.actors().expect("actors").len() as i64;
    let mut out = std::io::stdout().lock();
    loop {
        n += 1;
        store
            .import_batch("create", &format!("édition {n}"), |s| {
                s.save_actor(&Actor {
                    id: 0,
                    name: format!("Acteur {n}"),
                    kind: ActorKind::Association,
                    siret: None,
                    labels: vec![],
                    district_ids: vec![],
                    contact: String::new(),
                })?;
                s.save_measurement(&Measurement {
                    id: 0,
                    indicator_id: indicator,
                    year: 2025,
                    date: None,
                    district_id: None,
                    action_id: None,
                    value: n as f64,
                    base: None,
                    source: String::new(),
                    comment: String::new(),
                    received_on: None,
                })
            })
            .expect("edit");
        writeln!(out, "ack {n}").expect("stdout");
        out.flush().expect("flush");
    }
}
