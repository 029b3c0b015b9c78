//! Probe a rotation: `cargo run --release --example rotate_probe -- people size rounds seconds [seed]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use hearth_groups::SearchLimits;
use hearth_groups::rotation::{RotationRequest, rotate};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args[0].parse().unwrap();
    let s: usize = args[1].parse().unwrap();
    let r: usize = args[2].parse().unwrap();
    let seconds: f64 = args[3].parse().unwrap();
    let seed: u64 = args.get(4).map_or(0, |x| x.parse().unwrap());
    let start = Instant::now();
    let result = rotate(&RotationRequest {
        people: n,
        group_size: s,
        rounds: r,
        history: vec![],
        seed,
        limits: SearchLimits::seconds(seconds),
    })
    .unwrap();
    println!(
        "{n}/{s}/{r}: repeated {} (bound {}), max {}, {} iterations, {:.2}s",
        result.quality.repeated_pairs,
        result.quality.lower_bound_repeated_pairs,
        result.quality.max_pair_meetings,
        result.iterations,
        start.elapsed().as_secs_f64()
    );
    if result.quality.repeated_pairs == 0 && std::env::args().any(|a| a == "--print") {
        println!("{:?}", result.rounds);
    }
}
