//! Property tests on random inputs: structure, constraints, recomputed quality
//! numbers and determinism. Sizes and iteration budgets stay small so the suite
//! is quick in debug builds.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, HashMap};

use hearth_groups::attendance::plan_session;
use hearth_groups::cafe::{CafeRequest, world_cafe};
use hearth_groups::debrief::pick_speakers;
use hearth_groups::persistent::{PersistentRequest, form_groups};
use hearth_groups::rotation::{RotationRequest, rotate};
use hearth_groups::{People, Round, SearchLimits, Sizing};
use proptest::prelude::*;

/// Straightforward recount: (repeated pairs, most meetings of a pair).
fn recount(history: &[Round], rounds: &[Round]) -> (u64, u16) {
    let mut met: HashMap<(usize, usize), u16> = HashMap::new();
    for round in history.iter().chain(rounds) {
        for group in round {
            for &a in group {
                for &b in group {
                    if a < b {
                        *met.entry((a, b)).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let repeated = met.values().map(|&c| u64::from(c - 1)).sum();
    (repeated, met.values().copied().max().unwrap_or(0))
}

fn assert_partition(n: usize, round: &Round) {
    let mut seen = vec![0; n];
    for &p in round.iter().flatten() {
        seen[p] += 1;
    }
    assert!(seen.iter().all(|&c| c == 1), "not a partition: {round:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn rotations_are_valid_and_honest(n in 4usize..28, s in 2usize..6, r in 1usize..5, seed in 0u64..1000, with_history in any::<bool>()) {
        prop_assume!(n >= s);
        let history = if with_history {
            let first = rotate(&RotationRequest { people: n, group_size: s, rounds: 1, history: vec![], seed: seed + 1, limits: SearchLimits::iterations(100) }).unwrap();
            first.rounds
        } else {
            Vec::new()
        };
        let request = RotationRequest { people: n, group_size: s, rounds: r, history: history.clone(), seed, limits: SearchLimits::iterations(1_500) };
        let result = rotate(&request).unwrap();
        prop_assert_eq!(result.rounds.len(), r);
        // Sizes within s ± 1 whenever some number of groups allows it.
        let within_one_possible = (1..=n / 2).any(|g| {
            let (q, rem) = (n / g, n % g);
            q >= s.saturating_sub(1).max(2) && q + usize::from(rem > 0) <= s + 1
        });
        for round in &result.rounds {
            assert_partition(n, round);
            let sizes: Vec<usize> = round.iter().map(Vec::len).collect();
            prop_assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
            for &size in &sizes {
                prop_assert!(size >= 2);
                if within_one_possible {
                    prop_assert!(size + 1 >= s && size <= s + 1, "size {} for target {}", size, s);
                }
            }
        }
        let (repeated, max) = recount(&history, &result.rounds);
        prop_assert_eq!(result.quality.repeated_pairs, repeated);
        prop_assert_eq!(result.quality.max_pair_meetings, max);
        prop_assert!(result.quality.lower_bound_repeated_pairs <= repeated);
        let again = rotate(&request).unwrap();
        prop_assert_eq!(again.rounds, result.rounds);
    }

    #[test]
    fn cafes_keep_hosts_themes_and_balance(tables in 2usize..6, extra in 0usize..12, rounds_less in 0usize..3, seed in 0u64..1000) {
        let people = tables * 2 + extra + tables;
        let rounds = tables.saturating_sub(rounds_less).max(1);
        let request = CafeRequest { people, tables, rounds, hosts: None, seed, limits: SearchLimits::iterations(1_000) };
        let cafe = world_cafe(&request).unwrap();
        let mut visited: Vec<Vec<usize>> = vec![Vec::new(); people];
        for round in &cafe.rounds {
            assert_partition(people, round);
            let sizes: Vec<usize> = round.iter().map(Vec::len).collect();
            let (lo, hi) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            prop_assert!(hi - lo <= 1, "unbalanced {:?}", sizes);
            for (t, table) in round.iter().enumerate() {
                prop_assert_eq!(table[0], cafe.hosts[t]);
                for &guest in &table[1..] {
                    prop_assert!(!visited[guest].contains(&t), "guest {} sees theme {} twice", guest, t);
                    visited[guest].push(t);
                }
            }
        }
        let (repeated, max) = recount(&[], &cafe.rounds);
        prop_assert_eq!(cafe.quality.repeated_pairs, repeated);
        prop_assert_eq!(cafe.quality.max_pair_meetings, max);
        prop_assert_eq!(world_cafe(&request).unwrap().rounds, cafe.rounds);
    }

    #[test]
    fn persistent_groups_hold_constraints(
        n in 6usize..40,
        size in 2usize..6,
        sites in proptest::collection::vec(0u8..3, 40),
        langs in proptest::collection::vec(0u8..2, 40),
        apart in proptest::collection::vec((0usize..40, 0usize..40), 0..3),
        together in proptest::collection::vec((0usize..40, 0usize..40), 0..2),
        seed in 0u64..1000,
    ) {
        prop_assume!(n >= size * 3);
        let records = (0..n)
            .map(|i| {
                let mut a = BTreeMap::new();
                a.insert("site".to_string(), format!("s{}", sites[i]));
                a.insert("lang".to_string(), format!("l{}", langs[i]));
                (format!("p{i}"), a)
            })
            .collect();
        let people = People::from_records(records).unwrap();
        let apart: Vec<(usize, usize)> = apart.into_iter().map(|(a, b)| (a % n, b % n)).filter(|(a, b)| a != b).collect();
        let together: Vec<(usize, usize)> = together.into_iter().map(|(a, b)| (a % n, b % n)).collect();
        let request = PersistentRequest {
            people,
            sizing: Sizing::Target(size),
            mix: vec!["site".into(), "lang".into()],
            matched: vec![],
            keep_apart: apart.clone(),
            keep_together: together.clone(),
            locked: vec![(0, 0)],
            history: vec![],
            seed,
            limits: SearchLimits::iterations(3_000),
        };
        let Ok(result) = form_groups(&request) else { return Ok(()); };
        assert_partition(n, &result.groups);
        let sizes: Vec<usize> = result.groups.iter().map(Vec::len).collect();
        let (lo, hi) = (*sizes.iter().min().unwrap(), *sizes.iter().max().unwrap());
        prop_assert!(lo >= 2 && hi - lo <= 1, "sizes {:?}", sizes);
        let group_of = |p: usize| result.groups.iter().position(|g| g.contains(&p)).unwrap();
        prop_assert_eq!(group_of(0), 0);
        for &(a, b) in &together {
            prop_assert_eq!(group_of(a), group_of(b));
        }
        let broken_apart = apart.iter().filter(|&&(a, b)| group_of(a) == group_of(b)).count();
        prop_assert_eq!(result.quality.constraints_broken.len(), broken_apart);
        // With at least three groups and two or fewer apart pairs, all can hold.
        if result.groups.len() >= 3 {
            prop_assert_eq!(broken_apart, 0);
        }
        // Balance recounted: largest distance of a group's count of a value
        // from [floor, ceil] of its share (total * group size / n).
        for (name, values) in [("site", &sites), ("lang", &langs)] {
            let mut worst = 0.0f64;
            for group in &result.groups {
                for v in 0..3u8 {
                    let total = (0..n).filter(|&p| values[p] == v).count() as f64;
                    let count = group.iter().filter(|&&p| values[p] == v).count() as f64;
                    let ideal = total * group.len() as f64 / n as f64;
                    worst = worst.max((ideal.floor() - count).max(count - ideal.ceil()).max(0.0));
                }
            }
            prop_assert_eq!(result.quality.balance[name], worst, "{}", name);
        }
        prop_assert_eq!(form_groups(&request).unwrap().groups, result.groups);
    }

    #[test]
    fn debrief_picks_distinct_groups(sizes in proptest::collection::vec(0usize..4, 1..8), k in 0usize..5, seed in 0u64..100) {
        let mut next = 0;
        let groups: Vec<Vec<usize>> = sizes.iter().map(|&s| { let g = (next..next + s).collect(); next += s; g }).collect();
        let available = groups.iter().filter(|g| !g.is_empty()).count();
        let result = pick_speakers(&groups, k, &[1], &HashMap::new(), seed);
        if available < k {
            prop_assert!(result.is_err());
        } else {
            let picked = result.unwrap();
            prop_assert_eq!(picked.len(), k);
            let mut seen = std::collections::HashSet::new();
            for s in &picked {
                prop_assert!(groups[s.group].contains(&s.person));
                prop_assert!(seen.insert(s.group));
            }
        }
    }

    #[test]
    fn attendance_places_everyone_present(sizes in proptest::collection::vec(2usize..6, 1..6), present_mask in proptest::collection::vec(any::<bool>(), 30), min in 2usize..4) {
        let mut next = 0;
        let saved: Vec<Vec<usize>> = sizes.iter().map(|&s| { let g = (next..next + s).collect(); next += s; g }).collect();
        let present: Vec<usize> = (0..next).filter(|&p| present_mask[p]).collect();
        let plan = plan_session(&saved, &present, min).unwrap();
        let mut placed: Vec<usize> = plan.groups.iter().flat_map(|g| g.members.clone()).collect();
        placed.sort_unstable();
        prop_assert_eq!(&placed, &present);
        if !plan.below_minimum {
            prop_assert!(plan.groups.iter().all(|g| g.members.len() >= min));
        }
        prop_assert!(plan.groups.len() <= 1 || plan.groups.iter().all(|g| g.members.len() >= min));
    }
}
