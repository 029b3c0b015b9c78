//! World Café: T tables, each with a theme and a host who stays; guests move
//! every round, never see a theme twice, tables stay balanced, and guests keep
//! meeting new people (guest-guest and guest-host repeats are minimised).
//!
//! Start: guest `k = a + T * b` sits at table `a + r * m_b (mod T)` in round
//! `r`, where `m_b` is the `b`-th multiplier coprime to T, so every guest sees
//! distinct tables and two guests of different blocks meet at most once when
//! their multipliers differ by a unit. The tabu search then swaps guests within
//! a round, only where neither would revisit a table.

use serde::Serialize;

use crate::error::GroupsError;
use crate::quality::{EncounterQuality, Round, encounter_quality, lower_bound_repeated_pairs};
use crate::rng::Rng;
use crate::search::{SearchLimits, SearchSetup, improve};
use crate::sizes::even_split;

/// A World Café to plan.
#[derive(Debug, Clone)]
pub struct CafeRequest {
    /// People are `0..people`, hosts included.
    pub people: usize,
    /// Number of tables, one theme each.
    pub tables: usize,
    /// Rounds; at most `tables` (each theme at most once, exactly once when equal).
    pub rounds: usize,
    /// Host of each table; default `0..tables`.
    pub hosts: Option<Vec<usize>>,
    pub seed: u64,
    pub limits: SearchLimits,
}

/// The plan: `rounds[r][t]` is table `t` in round `r`, host first.
#[derive(Debug, Clone, Serialize)]
pub struct Cafe {
    pub hosts: Vec<usize>,
    pub rounds: Vec<Round>,
    pub quality: EncounterQuality,
    pub iterations: u64,
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Most rounds in which a guest following `pattern` meets one guest of an
/// earlier block (they meet when their shift difference equals their offset).
fn worst_overlap(earlier: &[Vec<usize>], pattern: &[usize], rounds: usize, t: usize) -> usize {
    let mut worst = 0;
    let mut tally = vec![0usize; t];
    for other in earlier {
        tally.iter_mut().for_each(|x| *x = 0);
        for r in 0..rounds {
            tally[(pattern[r] + t - other[r]) % t] += 1;
        }
        worst = worst.max(tally.iter().copied().max().unwrap_or(0));
    }
    worst
}

/// Repeats forced between two blocks of guests following `p` and `q`: guests
/// `a` and `a'` meet in round `r` when `a - a' = q[r] - p[r] (mod T)`, so every
/// difference seen `c` times makes T pairs meet `c` times.
fn block_repeats(p: &[usize], q: &[usize], rounds: usize, t: usize, tally: &mut [usize]) -> usize {
    tally.iter_mut().for_each(|x| *x = 0);
    let mut repeats = 0;
    for r in 0..rounds {
        let d = (q[r] + t - p[r]) % t;
        if tally[d] > 0 {
            repeats += 1;
        }
        tally[d] += 1;
    }
    repeats
}

/// Repeats forced between all pairs of blocks (full blocks assumed).
fn total_block_repeats(shifts: &[Vec<usize>], rounds: usize, t: usize) -> usize {
    let mut tally = vec![0usize; t];
    let mut total = 0;
    for (i, p) in shifts.iter().enumerate() {
        for q in &shifts[i + 1..] {
            total += block_repeats(p, q, rounds, t, &mut tally);
        }
    }
    total
}

/// Local search over the patterns of blocks `fixed..` (the first `fixed` are
/// the linear ones, already pairwise repeat-free): swap two entries of one
/// pattern (it stays a permutation of the tables) when the forced repeats
/// between blocks do not grow.
fn improve_patterns(
    shifts: &mut [Vec<usize>],
    fixed: usize,
    rounds: usize,
    t: usize,
    rng: &mut Rng,
) {
    if shifts.len() <= fixed || t < 2 {
        return;
    }
    let mut tally = vec![0usize; t];
    let cost_of = |shifts: &[Vec<usize>], b: usize, tally: &mut [usize]| -> usize {
        (0..shifts.len())
            .filter(|&o| o != b)
            .map(|o| block_repeats(&shifts[o], &shifts[b], rounds, t, tally))
            .sum()
    };
    let free = shifts.len() - fixed;
    for _ in 0..(400 * free * t).min(200_000) {
        let b = fixed + rng.below(free);
        let i = rng.below(t);
        let j = rng.below(t);
        if i == j || (i >= rounds && j >= rounds) {
            continue;
        }
        let before = cost_of(shifts, b, &mut tally);
        shifts[b].swap(i, j);
        if cost_of(shifts, b, &mut tally) > before {
            shifts[b].swap(i, j);
        }
    }
}

/// A lower bound on repeated pairs for `guests` guests at `t` tables over
/// `rounds` rounds, each guest at a different table every round (hosts never
/// repeat: they meet each guest at most once and never each other).
///
/// For two rounds, every guest occupies a cell (table in the first, table in
/// the second) of the `t * (t - 1)` cells with different tables; guests sharing
/// a cell meet in both rounds. Spreading the guests evenly gives at least
/// `P` same-cell pairs per pair of rounds, so `S = C(rounds, 2) * P` counts
/// `sum C(k_p, 2)` over pairs meeting `k_p` times. Since `k <= rounds`,
/// `C(k, 2) <= (rounds / 2) * (k - 1)`, and repeats `sum (k_p - 1) >= 2 S / rounds`.
pub fn cafe_lower_bound(guests: usize, t: usize, rounds: usize) -> u64 {
    if rounds < 2 || t < 2 {
        return 0;
    }
    let cells = (t * (t - 1)) as u64;
    let g = guests as u64;
    let (q, rem) = (g / cells, g % cells);
    let choose2 = |x: u64| x * x.saturating_sub(1) / 2;
    let per_pair = rem * choose2(q + 1) + (cells - rem) * choose2(q);
    let r = rounds as u64;
    let s = choose2(r) * per_pair;
    (2 * s).div_ceil(r)
}

/// Plan a World Café.
pub fn world_cafe(request: &CafeRequest) -> Result<Cafe, GroupsError> {
    let n = request.people;
    let t = request.tables;
    if t == 0 {
        return Err(GroupsError::NoTables);
    }
    if request.rounds == 0 {
        return Err(GroupsError::NoRounds);
    }
    crate::rotation::check_schedule_size(n, request.rounds)?;
    if request.rounds > t {
        return Err(GroupsError::MoreRoundsThanThemes {
            rounds: request.rounds,
            themes: t,
        });
    }
    let hosts = match &request.hosts {
        Some(h) => h.clone(),
        None => (0..t.min(n)).collect(),
    };
    if hosts.len() != t {
        return Err(GroupsError::HostCountMismatch {
            hosts: hosts.len(),
            tables: t,
        });
    }
    let mut is_host = vec![false; n];
    for &h in &hosts {
        if h >= n {
            return Err(GroupsError::UnknownId {
                context: "hosts".into(),
                id: h.to_string(),
            });
        }
        if is_host[h] {
            return Err(GroupsError::DuplicateId {
                context: "hosts".into(),
                id: h.to_string(),
            });
        }
        is_host[h] = true;
    }
    let guests: Vec<usize> = (0..n).filter(|&p| !is_host[p]).collect();
    if guests.len() < t {
        return Err(GroupsError::TooFewGuests {
            people: n,
            tables: t,
        });
    }
    // Block b of T guests moves by a shift pattern: linear (r * m_b, m_b a
    // unit mod T) while distinct units last, then seeded random permutations,
    // so that no two guests are forced together every round.
    let multipliers: Vec<usize> = (1..=t.max(1)).filter(|&m| gcd(m, t) == 1).collect();
    let mut rng = Rng::new(request.seed ^ 0xCAFE);
    let blocks = guests.len().div_ceil(t);
    let mut shifts: Vec<Vec<usize>> = Vec::with_capacity(blocks);
    for b in 0..blocks {
        let pattern = match multipliers.get(b) {
            Some(&m) => (0..t).map(|r| (r * m) % t).collect(),
            None => {
                // Of a few random patterns, the one whose pairs with earlier
                // blocks meet least often at worst.
                let mut best: (usize, Vec<usize>) = (usize::MAX, Vec::new());
                for _ in 0..64 {
                    let candidate = rng.permutation(t);
                    let worst = worst_overlap(&shifts, &candidate, request.rounds, t);
                    if worst < best.0 {
                        best = (worst, candidate);
                    }
                }
                best.1
            }
        };
        shifts.push(pattern);
    }
    let fixed = multipliers.len().min(blocks);
    improve_patterns(&mut shifts, fixed, request.rounds, t, &mut rng);
    // Alternative: later blocks copy the linear patterns, so their guests
    // travel with one guest of an earlier block and meet no one else twice.
    if fixed > 0 {
        let copies: Vec<Vec<usize>> = (0..blocks).map(|b| shifts[b % fixed].clone()).collect();
        if total_block_repeats(&copies, request.rounds, t)
            < total_block_repeats(&shifts, request.rounds, t)
        {
            shifts = copies;
        }
    }
    let mut initial: Vec<Round> = Vec::with_capacity(request.rounds);
    for r in 0..request.rounds {
        let mut round: Round = hosts.iter().map(|&h| vec![h]).collect();
        for (k, &guest) in guests.iter().enumerate() {
            let (a, b) = (k % t, k / t);
            round[(a + shifts[b][r]) % t].push(guest);
        }
        initial.push(round);
    }
    let sizes: Vec<usize> = even_split(guests.len(), t)
        .into_iter()
        .map(|s| s + 1)
        .collect();
    let lower_bound = lower_bound_repeated_pairs(n, &[], &vec![sizes; request.rounds])
        .max(cafe_lower_bound(guests.len(), t, request.rounds));
    let meetings: u64 = initial
        .iter()
        .flatten()
        .map(|g| (g.len() * (g.len() - 1) / 2) as u64)
        .sum();
    let distinct = (n * (n - 1) / 2).max(1) as u64;
    let setup = SearchSetup {
        n,
        history: &[],
        movable: (0..n).map(|p| !is_host[p]).collect(),
        distinct_tables: true,
        target_repeated: lower_bound,
        target_max: (if lower_bound > 0 { 2 } else { 1 }).max(meetings.div_ceil(distinct) as u16),
        seed: request.seed,
        limits: request.limits,
        spread_first: true,
        default_iterations: 2_000 * n as u64 + 50_000,
    };
    let constructed = initial.clone();
    let (mut rounds, iterations) = improve(&setup, initial);
    // The search spreads meetings first (fewest meetings of the worst pair);
    // when the construction has fewer repeated pairs (at 35 guests and 5
    // tables it meets the lower bound, with pairs who travel together), keep it.
    let score = |rounds: &[Round]| {
        let q = encounter_quality(n, &[], rounds, lower_bound);
        (q.repeated_pairs, q.max_pair_meetings)
    };
    if score(&constructed) < score(&rounds) {
        rounds = constructed;
    }
    // Host first, guests in index order.
    for round in &mut rounds {
        for (table, group) in round.iter_mut().enumerate() {
            group.retain(|&p| p != hosts[table]);
            group.sort_unstable();
            group.insert(0, hosts[table]);
        }
    }
    let quality = encounter_quality(n, &[], &rounds, lower_bound);
    Ok(Cafe {
        hosts,
        rounds,
        quality,
        iterations,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn request(people: usize, tables: usize, rounds: usize) -> CafeRequest {
        CafeRequest {
            people,
            tables,
            rounds,
            hosts: None,
            seed: 1,
            limits: SearchLimits::iterations(5_000),
        }
    }

    #[test]
    fn hosts_stay_and_themes_are_not_repeated() {
        let cafe = world_cafe(&request(30, 5, 5)).unwrap();
        for round in &cafe.rounds {
            for (t, table) in round.iter().enumerate() {
                assert_eq!(table[0], cafe.hosts[t]);
            }
        }
        for guest in 5..30 {
            let mut tables: Vec<usize> = cafe
                .rounds
                .iter()
                .map(|round| round.iter().position(|g| g.contains(&guest)).unwrap())
                .collect();
            tables.sort_unstable();
            assert_eq!(tables, vec![0, 1, 2, 3, 4]);
        }
    }

    #[test]
    fn cafe_lower_bound_is_sound_and_met_when_repeat_free() {
        // 35 guests at 5 tables over 5 rounds: 15 same-cell pairs per pair of
        // rounds, 150 in all, so at least 60 repeats.
        assert_eq!(cafe_lower_bound(35, 5, 5), 60);
        // 20 guests fit in the 20 cells: a repeat-free plan exists (AGL(1, 5)).
        assert_eq!(cafe_lower_bound(20, 5, 5), 0);
        let cafe = world_cafe(&request(25, 5, 5)).unwrap();
        assert_eq!(cafe.quality.repeated_pairs, 0);
        let mut quick = request(40, 5, 5);
        quick.limits = SearchLimits::iterations(1);
        let cafe = world_cafe(&quick).unwrap();
        assert_eq!(cafe.quality.repeated_pairs, 60);
        assert_eq!(cafe.quality.lower_bound_repeated_pairs, 60);
    }

    #[test]
    fn bad_cafes_are_errors() {
        assert_eq!(
            world_cafe(&request(10, 0, 1)).unwrap_err(),
            GroupsError::NoTables
        );
        assert_eq!(
            world_cafe(&request(10, 3, 0)).unwrap_err(),
            GroupsError::NoRounds
        );
        assert!(
            world_cafe(&request(10, 3, 4))
                .unwrap_err()
                .to_string()
                .contains("4 rounds but only 3 themes")
        );
        assert!(
            world_cafe(&request(5, 3, 2))
                .unwrap_err()
                .to_string()
                .contains("fewer guests than tables")
        );
        let mut r = request(10, 3, 2);
        r.hosts = Some(vec![0, 1]);
        assert_eq!(
            world_cafe(&r).unwrap_err().to_string(),
            "2 hosts given for 3 tables: each table needs exactly one host"
        );
        r.hosts = Some(vec![0, 1, 1]);
        assert!(
            world_cafe(&r)
                .unwrap_err()
                .to_string()
                .contains("twice in hosts")
        );
        r.hosts = Some(vec![0, 1, 12]);
        assert!(
            world_cafe(&r)
                .unwrap_err()
                .to_string()
                .contains("unknown id \"12\" in hosts")
        );
    }
}
