//! Replays every input kept for every fuzz target (its corpus and the inputs that once
//! crashed), as the normal suite: the targets keep compiling and no fixed crash comes back.
//! The long coverage-guided campaign is `scripts/fuzz` (see RELIABILITY.md).

use copil_fuzz::{kept_inputs, TARGETS};

#[test]
fn every_kept_input_of_every_target_runs_without_a_crash() {
    for target in TARGETS {
        let inputs = kept_inputs(target);
        assert!(
            !inputs.is_empty(),
            "{} : aucun corpus dans fuzz/corpus/{}",
            target.name,
            target.name
        );
        for input in inputs {
            let data = std::fs::read(&input).unwrap();
            (target.run)(&data);
        }
    }
}

#[test]
fn short_random_inputs_do_not_crash_any_target() {
    // A few thousand deterministic pseudo-random inputs per target, mutated from the corpus.
    let mut state: u64 = 0x434f_504c;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for target in TARGETS {
        let seeds: Vec<Vec<u8>> = kept_inputs(target)
            .iter()
            .map(|p| std::fs::read(p).unwrap())
            .collect();
        for i in 0..300 {
            let mut data = seeds[i % seeds.len()].clone();
            for _ in 0..(1 + next() % 8) {
                if data.is_empty() {
                    break;
                }
                let at = (next() as usize) % data.len();
                data[at] = next() as u8;
            }
            if next() % 4 == 0 {
                let cut = (next() as usize) % (data.len() + 1);
                data.truncate(cut);
            }
            (target.run)(&data);
        }
    }
}
