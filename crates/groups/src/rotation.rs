//! Rotations: R rounds of groups of size s with as few repeated encounters as
//! possible (the Social Golfer Problem when no repeat is possible).
//!
//! Constructions give repeat-free rounds where the algebra allows; the tabu
//! search (module `search`) fills in and repairs the rest, counting history.

use serde::Serialize;

use crate::constructions;
use crate::error::GroupsError;
use crate::quality::{
    EncounterQuality, PairCounts, Round, encounter_quality, lower_bound_repeated_pairs,
};
use crate::rng::Rng;
use crate::search::{SearchLimits, SearchSetup, greedy_round, improve};
use crate::sizes::{Sizing, plan_sizes};

/// A request for `rounds` rounds of groups of `group_size` among `people` people.
#[derive(Debug, Clone)]
pub struct RotationRequest {
    /// People are `0..people`.
    pub people: usize,
    /// Target group size; a remainder gives groups of size ± 1, never 1.
    pub group_size: usize,
    /// Number of new rounds.
    pub rounds: usize,
    /// Earlier rounds; their encounters count as repeats.
    pub history: Vec<Round>,
    /// Same seed and inputs (and no deadline) give the same result.
    pub seed: u64,
    /// When to give up improving.
    pub limits: SearchLimits,
}

/// New rounds with their quality.
#[derive(Debug, Clone, Serialize)]
pub struct Rotation {
    /// `rounds[r][g]` lists the people of group `g` in round `r`.
    pub rounds: Vec<Round>,
    /// Repeats (history included), worst pair, lower bound.
    pub quality: EncounterQuality,
    /// Moves made by the search (0 when a construction sufficed).
    pub iterations: u64,
}

/// Most people a schedule of rounds may have: encounters are counted in an
/// n x n matrix.
pub const MAX_SCHEDULE_PEOPLE: usize = 5_000;
/// Most person-rounds (people x rounds, history included) a schedule may have.
pub const MAX_SCHEDULE_ASSIGNMENTS: usize = 10_000_000;

/// Refuse schedules too large for memory.
pub(crate) fn check_schedule_size(n: usize, rounds: usize) -> Result<(), GroupsError> {
    if n > MAX_SCHEDULE_PEOPLE {
        return Err(GroupsError::TooLarge {
            detail: format!("{n} people; rounds are planned for at most {MAX_SCHEDULE_PEOPLE}"),
        });
    }
    if n.saturating_mul(rounds) > MAX_SCHEDULE_ASSIGNMENTS {
        return Err(GroupsError::TooLarge {
            detail: format!(
                "{rounds} rounds of {n} people; at most {MAX_SCHEDULE_ASSIGNMENTS} person-rounds"
            ),
        });
    }
    Ok(())
}

/// Check sizes and history, returning the group sizes of one round.
fn validate(
    n: usize,
    size: usize,
    rounds: usize,
    history: &[Round],
) -> Result<Vec<usize>, GroupsError> {
    if rounds == 0 {
        return Err(GroupsError::NoRounds);
    }
    check_schedule_size(n, rounds.saturating_add(history.len()))?;
    let sizes = plan_sizes(n, Sizing::Target(size))?;
    validate_history(n, history)?;
    Ok(sizes)
}

/// Every person index in range and at most once per round.
pub(crate) fn validate_history(n: usize, history: &[Round]) -> Result<(), GroupsError> {
    for (r, round) in history.iter().enumerate() {
        let mut seen = vec![false; n];
        for p in round.iter().flatten().copied() {
            if p >= n {
                return Err(GroupsError::BadHistory {
                    message: format!("round {r} names person {p} but there are only {n} people"),
                });
            }
            if seen[p] {
                return Err(GroupsError::BadHistory {
                    message: format!("round {r} lists person {p} twice"),
                });
            }
            seen[p] = true;
        }
    }
    Ok(())
}

/// The most rounds without any repeat that `g` groups of `s` could have.
pub fn repeat_free_upper_bound(g: usize, s: usize) -> usize {
    if s < 2 || g < 2 || s > g {
        return 1;
    }
    (g * s - 1) / (s - 1)
}

/// Rename the people of constructed rounds by a seeded permutation, so that
/// different seeds give different (equally good) schedules.
fn relabel(rounds: &mut [Round], seed: u64, n: usize) {
    let perm = Rng::new(seed ^ 0xA11C_E5ED).permutation(n);
    for p in rounds.iter_mut().flatten().flatten() {
        *p = perm[*p];
    }
}

/// Schedule `request.rounds` rounds minimising repeated encounters.
pub fn rotate(request: &RotationRequest) -> Result<Rotation, GroupsError> {
    let n = request.people;
    let sizes = validate(n, request.group_size, request.rounds, &request.history)?;
    let round_sizes = vec![sizes.clone(); request.rounds];
    let lower_bound = lower_bound_repeated_pairs(n, &request.history, &round_sizes);

    let uniform = sizes.iter().all(|&x| x == request.group_size);
    let mut initial = if uniform {
        constructions::construct(sizes.len(), request.group_size, request.rounds)
    } else {
        Vec::new()
    };
    // Past the repeat-free rounds, a covering (every pair meets, the fewest
    // meet twice) is a better start than more repeat-free rounds plus search.
    if uniform
        && initial.len() < request.rounds
        && let Some(cover) = constructions::covering(sizes.len(), request.group_size)
        && cover.len() <= request.rounds
    {
        initial = cover;
    }
    relabel(&mut initial, request.seed, n);
    let mut rng = Rng::new(request.seed);
    let mut counts = PairCounts::new(n);
    for r in request.history.iter().chain(&initial) {
        counts.add_round(r);
    }
    while initial.len() < request.rounds {
        let round = greedy_round(&counts, &sizes, &mut rng);
        counts.add_round(&round);
        initial.push(round);
    }
    let (rounds, iterations) = search_rounds(
        n,
        &request.history,
        initial,
        lower_bound,
        request.seed,
        request.limits,
    );
    let quality = encounter_quality(n, &request.history, &rounds, lower_bound);
    Ok(Rotation {
        rounds,
        quality,
        iterations,
    })
}

/// Run the tabu search from `initial` until the lower bound or the limits.
fn search_rounds(
    n: usize,
    history: &[Round],
    initial: Vec<Round>,
    lower_bound: u64,
    seed: u64,
    limits: SearchLimits,
) -> (Vec<Round>, u64) {
    let mut history_counts = PairCounts::new(n);
    for r in history {
        history_counts.add_round(r);
    }
    let meetings: u64 = history
        .iter()
        .chain(&initial)
        .flatten()
        .map(|g| (g.len() * g.len().saturating_sub(1) / 2) as u64)
        .sum();
    let distinct = (n * n.saturating_sub(1) / 2).max(1) as u64;
    let target_max = history_counts
        .max_pair_meetings()
        .max(if lower_bound > 0 { 2 } else { 1 })
        .max(meetings.div_ceil(distinct).min(u64::from(u16::MAX)) as u16);
    let setup = SearchSetup {
        n,
        history,
        movable: vec![true; n],
        distinct_tables: false,
        target_repeated: lower_bound,
        target_max,
        seed,
        limits,
        spread_first: false,
        default_iterations: 2_000 * n as u64 + 50_000,
    };
    improve(&setup, initial)
}

/// The longest repeat-free schedule found for `g` groups of `s` (the Social
/// Golfer Problem): constructions first, then the search adds one round at a
/// time until it fails within the limits, reaches the counting bound, or
/// reaches `stop_at` rounds.
pub fn longest_repeat_free(
    g: usize,
    s: usize,
    seed: u64,
    limits: SearchLimits,
    stop_at: usize,
) -> Result<Vec<Round>, GroupsError> {
    if s < 2 {
        return Err(GroupsError::GroupSizeTooSmall { size: s });
    }
    if g == 0 {
        return Err(GroupsError::TooFewPeople {
            people: 0,
            needed: s,
        });
    }
    let n = g.saturating_mul(s);
    check_schedule_size(n, repeat_free_upper_bound(g, s))?;
    let sizes = vec![s; g];
    let mut best = constructions::construct(g, s, usize::MAX);
    let upper = repeat_free_upper_bound(g, s).min(stop_at);
    // Each try at one more round gets a bounded number of moves; a failed try
    // is retried from a fresh random round with another seed (until the
    // deadline, or three times without one), since success depends on luck.
    let moves_per_try = limits.max_iterations.unwrap_or(150_000);
    let mut attempt = 0u64;
    let mut failures = 0;
    while best.len() < upper && !limits.expired() {
        attempt += 1;
        let mut rng = Rng::new(seed.wrapping_add(attempt));
        let mut initial = best.clone();
        let mut counts = PairCounts::new(n);
        for r in &initial {
            counts.add_round(r);
        }
        initial.push(greedy_round(&counts, &sizes, &mut rng));
        let search_limits = SearchLimits {
            deadline: limits.deadline,
            max_iterations: Some(moves_per_try),
        };
        let (rounds, _) = search_rounds(
            n,
            &[],
            initial,
            0,
            seed.wrapping_add(attempt),
            search_limits,
        );
        let quality = encounter_quality(n, &[], &rounds, 0);
        if quality.repeated_pairs == 0 {
            best = rounds;
            failures = 0;
        } else {
            failures += 1;
            if limits.deadline.is_none() && failures >= 3 {
                break;
            }
        }
    }
    Ok(best)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn request(people: usize, size: usize, rounds: usize) -> RotationRequest {
        RotationRequest {
            people,
            group_size: size,
            rounds,
            history: Vec::new(),
            seed: 3,
            limits: SearchLimits::iterations(20_000),
        }
    }

    #[test]
    fn social_golfer_small_cases_are_repeat_free() {
        for (n, s, r) in [(12, 3, 4), (16, 4, 5), (20, 4, 5), (9, 3, 4), (8, 2, 7)] {
            let result = rotate(&request(n, s, r)).unwrap();
            assert_eq!(result.quality.repeated_pairs, 0, "{n} {s} {r}");
            assert_eq!(result.rounds.len(), r);
        }
    }

    #[test]
    fn four_mols_schedules_reach_the_best_known_weeks() {
        // 20-5-21 and 50-5-58 come from transversal designs TD(6, 20) and
        // TD(6, 50), not from the search.
        for (n, r) in [(100, 21), (250, 58)] {
            let result = rotate(&request(n, 5, r)).unwrap();
            assert_eq!(result.quality.repeated_pairs, 0, "{n} people");
            assert_eq!(result.rounds.len(), r);
            assert_eq!(result.iterations, 0);
        }
    }

    #[test]
    fn over_asked_rounds_meet_the_bound_on_small_case() {
        // 4 people in pairs for 6 rounds: each pair exactly twice is optimal.
        let result = rotate(&request(4, 2, 6)).unwrap();
        assert_eq!(result.quality.lower_bound_repeated_pairs, 6);
        assert_eq!(result.quality.repeated_pairs, 6);
        assert_eq!(result.quality.max_pair_meetings, 2);
    }

    #[test]
    fn sixty_in_fours_for_twenty_rounds_meets_the_lower_bound() {
        // More rounds than the 19 that could be repeat-free: the covering
        // construction, with every pair meeting and 30 pairs meeting twice.
        for (rounds, bound) in [(20, 30), (21, 120)] {
            let result = rotate(&request(60, 4, rounds)).unwrap();
            assert_eq!(result.rounds.len(), rounds);
            assert_eq!(result.quality.lower_bound_repeated_pairs, bound);
            assert_eq!(result.quality.repeated_pairs, bound, "{rounds} rounds");
            assert_eq!(result.quality.max_pair_meetings, 2, "{rounds} rounds");
        }
        assert_eq!(rotate(&request(60, 4, 20)).unwrap().iterations, 0);
    }

    #[test]
    fn bad_requests_are_errors() {
        assert_eq!(
            rotate(&request(10, 1, 3)).unwrap_err(),
            GroupsError::GroupSizeTooSmall { size: 1 }
        );
        assert_eq!(
            rotate(&request(10, 0, 3)).unwrap_err(),
            GroupsError::GroupSizeTooSmall { size: 0 }
        );
        assert_eq!(
            rotate(&request(10, 3, 0)).unwrap_err(),
            GroupsError::NoRounds
        );
        assert!(matches!(
            rotate(&request(3, 4, 2)).unwrap_err(),
            GroupsError::TooFewPeople { .. }
        ));
        let mut bad = request(6, 3, 2);
        bad.history = vec![vec![vec![0, 1, 9]]];
        assert!(rotate(&bad).unwrap_err().to_string().contains("person 9"));
        bad.history = vec![vec![vec![0, 1, 1]]];
        assert!(rotate(&bad).unwrap_err().to_string().contains("twice"));
    }
}
