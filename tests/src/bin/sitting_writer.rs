//! A writer for the séance crash test: starts (or resumes) the séance of the demo's COPIL of
//! December 2026 and makes numbered entries (`copil_acceptance::sitting_entries`), each
//! acknowledged on stdout only after the core has committed it. The test kills it with SIGKILL.

use std::io::Write;

use copil_acceptance::sitting_entries::{applied, apply, meeting};
use copil_core::Store;

fn main() {
    let path = std::env::args().nth(1).expect("usage: sitting_writer FILE");
    let mut store = Store::open(std::path::Path::new(&path)).expect("open");
    let meeting = meeting(&store);
    let started = chrono::NaiveDate::from_ymd_opt(2026, 12, 10)
        .and_then(|d| d.and_hms_opt(14, 0, 0))
        .expect("a time");
    store.start_sitting(meeting, started).expect("start");
    let mut n = applied(&store, meeting).expect("a consistent séance");
    let mut out = std::io::stdout().lock();
    loop {
        n += 1;
        apply(&mut store, meeting, n).expect("entry");
        writeln!(out, "ack {n}").expect("stdout");
        out.flush().expect("flush");
    }
}
