//! Engine benchmark: relaxed rotations (more rounds than can be repeat-free)
//! against their lower bound, and the speed of persistent groups.
//!
//! `ENGINE_SECONDS=10 cargo bench -p hearth-groups --bench engine`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::time::Instant;

use hearth_groups::cafe::{CafeRequest, world_cafe};
use hearth_groups::persistent::{PersistentRequest, form_groups};
use hearth_groups::rng::Rng;
use hearth_groups::rotation::{RotationRequest, rotate};
use hearth_groups::{People, SearchLimits, Sizing};

fn people_with_two_attributes(n: usize, seed: u64) -> People {
    let mut rng = Rng::new(seed);
    let records = (0..n)
        .map(|i| {
            let mut a = BTreeMap::new();
            a.insert("site".to_string(), format!("site{}", rng.below(7)));
            a.insert(
                "role".to_string(),
                ["peer", "staff", "volunteer"][rng.below(3)].to_string(),
            );
            (format!("p{i}"), a)
        })
        .collect();
    People::from_records(records).unwrap()
}

fn main() {
    let seconds: f64 = std::env::var("ENGINE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(10.0);

    println!("Relaxed rotations (budget {seconds} s):");
    println!();
    println!(
        "| people | size | rounds | lower bound | repeated pairs | max pair meetings | within 10% | seconds |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---|---:|");
    for (n, s, r) in [(60, 4, 20), (500, 5, 12)] {
        let start = Instant::now();
        let result = rotate(&RotationRequest {
            people: n,
            group_size: s,
            rounds: r,
            history: vec![],
            seed: 0,
            limits: SearchLimits::seconds(seconds),
        })
        .unwrap();
        let q = &result.quality;
        let ok = if q.lower_bound_repeated_pairs == 0 {
            q.repeated_pairs == 0
        } else {
            q.repeated_pairs * 10 <= q.lower_bound_repeated_pairs * 11
        };
        println!(
            "| {n} | {s} | {r} | {} | {} | {} | {} | {:.2} |",
            q.lower_bound_repeated_pairs,
            q.repeated_pairs,
            q.max_pair_meetings,
            if ok { "yes" } else { "no" },
            start.elapsed().as_secs_f64()
        );
    }

    println!();
    println!("Persistent groups of 5, mixed on two attributes (site: 7 values, role: 3):");
    println!();
    println!(
        "| people | constraints | groups | balance site | balance role | broken | history repeats | seconds | target |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---|");
    for (n, target, constrained) in [
        (300, 0.2, false),
        (5000, 1.0, false),
        (300, 0.2, true),
        (5000, 1.0, true),
    ] {
        let people = people_with_two_attributes(n, 42);
        // Constrained: n/25 keep-apart pairs, n/50 keep-together pairs, n/100
        // locked people, and a previous cohort (consecutive ids) to avoid.
        let mut rng = Rng::new(7);
        let (mut apart, mut together, mut locked, mut history) = (vec![], vec![], vec![], vec![]);
        if constrained {
            for _ in 0..n / 25 {
                let (a, b) = (rng.below(n), rng.below(n));
                if a != b {
                    apart.push((a, b));
                }
            }
            for i in 0..n / 50 {
                together.push((2 * i, 2 * i + 1));
            }
            for i in 0..n / 100 {
                locked.push((n - 1 - i, i % (n / 5)));
            }
            history.push((0..n / 5).map(|g| (5 * g..5 * g + 5).collect()).collect());
        }
        let start = Instant::now();
        let result = form_groups(&PersistentRequest {
            people,
            sizing: Sizing::Target(5),
            mix: vec!["site".into(), "role".into()],
            matched: vec![],
            keep_apart: apart,
            keep_together: together,
            locked,
            history,
            seed: 0,
            limits: SearchLimits::seconds(seconds),
        })
        .unwrap();
        let elapsed = start.elapsed().as_secs_f64();
        println!(
            "| {n} | {} | {} | {} | {} | {} | {} | {elapsed:.3} | < {target} s: {} |",
            if constrained {
                "apart, together, locked, history"
            } else {
                "none"
            },
            result.groups.len(),
            result.quality.balance["site"],
            result.quality.balance["role"],
            result.quality.constraints_broken.len(),
            result.quality.repeated_pairs,
            if elapsed < target { "yes" } else { "no" }
        );
    }

    println!();
    println!("World Café:");
    println!();
    println!(
        "| people | tables | rounds | lower bound | repeated pairs | max pair meetings | seconds |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for (n, t, r) in [(40, 5, 5), (100, 8, 8)] {
        let start = Instant::now();
        let cafe = world_cafe(&CafeRequest {
            people: n,
            tables: t,
            rounds: r,
            hosts: None,
            seed: 0,
            limits: SearchLimits::seconds(seconds.min(5.0)),
        })
        .unwrap();
        let q = &cafe.quality;
        println!(
            "| {n} | {t} | {r} | {} | {} | {} | {:.2} |",
            q.lower_bound_repeated_pairs,
            q.repeated_pairs,
            q.max_pair_meetings,
            start.elapsed().as_secs_f64()
        );
    }
}
