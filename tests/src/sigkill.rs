//! What the crash tests share: a replayable generator of delays, and a writer run then killed.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A small deterministic generator (splitmix64) so that a failing trial can be replayed.
pub fn next(seed: &mut u64) -> u64 {
    *seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *seed;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Runs `writer FILE`, kills it with SIGKILL after `delay`, and returns the last number it
/// acknowledged on its output (`ack N` lines), if any.
pub fn run_then_kill(writer: &Path, file: &Path, delay: Duration) -> Option<i64> {
    let mut child = Command::new(writer)
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(n) = line
                .strip_prefix("ack ")
                .and_then(|n| n.parse::<i64>().ok())
            {
                let _ = tx.send(n);
            }
        }
    });
    std::thread::sleep(delay);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    reader.join().unwrap();
    rx.try_iter().last()
}
