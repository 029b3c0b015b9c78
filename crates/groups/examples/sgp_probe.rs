//! Probe one Social Golfer instance: `cargo run --release --example sgp_probe -- g s seconds [seed]`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use hearth_groups::SearchLimits;
use hearth_groups::rotation::longest_repeat_free;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let g: usize = args[0].parse().unwrap();
    let s: usize = args[1].parse().unwrap();
    let seconds: f64 = args[2].parse().unwrap();
    let seed: u64 = args.get(3).map_or(0, |x| x.parse().unwrap());
    let stop: usize = args.get(4).map_or(usize::MAX, |x| x.parse().unwrap());
    let start = Instant::now();
    let limits = SearchLimits {
        deadline: Some(start + Duration::from_secs_f64(seconds)),
        max_iterations: None,
    };
    let rounds = longest_repeat_free(g, s, seed, limits, stop).unwrap();
    println!(
        "{g}-{s}: {} rounds in {:.2}s",
        rounds.len(),
        start.elapsed().as_secs_f64()
    );
}
