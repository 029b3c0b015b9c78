//! Probe a World Café: `cargo run --release --example cafe_probe -- people tables rounds seconds`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hearth_groups::SearchLimits;
use hearth_groups::cafe::{CafeRequest, world_cafe};

fn main() {
    let a: Vec<usize> = std::env::args()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    let cafe = world_cafe(&CafeRequest {
        people: a[0],
        tables: a[1],
        rounds: a[2],
        hosts: None,
        seed: 0,
        limits: if a.len() > 4 {
            SearchLimits::iterations(a[4] as u64)
        } else {
            SearchLimits::seconds(a[3] as f64)
        },
    })
    .unwrap();
    println!("{:?} iterations {}", cafe.quality, cafe.iterations);
    let mut c = hearth_groups::quality::PairCounts::new(a[0]);
    for r in &cafe.rounds {
        c.add_round(r);
    }
    for x in 0..a[0] {
        for y in x + 1..a[0] {
            if c.get(x, y) == cafe.quality.max_pair_meetings && c.get(x, y) > 2 {
                println!("pair {x} {y}: {}", c.get(x, y));
            }
        }
    }
}
