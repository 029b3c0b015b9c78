//! Encounter counting and the quality numbers every result carries.

use serde::Serialize;

/// One round: a list of groups, each a list of person indexes.
pub type Round = Vec<Vec<usize>>;

/// Symmetric matrix of how many times each pair of people met.
#[derive(Debug, Clone)]
pub struct PairCounts {
    n: usize,
    counts: Vec<u16>,
}

impl PairCounts {
    /// All zero for `n` people.
    pub fn new(n: usize) -> Self {
        PairCounts {
            n,
            counts: vec![0; n * n],
        }
    }

    /// Number of people.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when there are no people.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Times `a` and `b` met.
    #[inline]
    pub fn get(&self, a: usize, b: usize) -> u16 {
        self.counts[a * self.n + b]
    }

    /// Add `delta` meetings between `a` and `b` (saturating at 0).
    #[inline]
    pub fn add(&mut self, a: usize, b: usize, delta: i32) {
        let n = self.n;
        let v = (i32::from(self.counts[a * n + b]) + delta).clamp(0, i32::from(u16::MAX)) as u16;
        self.counts[a * n + b] = v;
        self.counts[b * n + a] = v;
    }

    /// Count every within-group pair of `round` (indexes `>= n` are ignored).
    pub fn add_round(&mut self, round: &[Vec<usize>]) {
        for group in round {
            for (i, &a) in group.iter().enumerate() {
                for &b in &group[i + 1..] {
                    if a < self.n && b < self.n && a != b {
                        self.add(a, b, 1);
                    }
                }
            }
        }
    }

    /// Sum over pairs of meetings beyond the first.
    pub fn repeated_pairs(&self) -> u64 {
        let mut total = 0u64;
        for a in 0..self.n {
            for b in a + 1..self.n {
                total += u64::from(self.get(a, b).saturating_sub(1));
            }
        }
        total
    }

    /// Most times any pair met.
    pub fn max_pair_meetings(&self) -> u16 {
        self.counts.iter().copied().max().unwrap_or(0)
    }

    /// Meetings of person `a` counted with multiplicity.
    pub fn meetings_of(&self, a: usize) -> u64 {
        (0..self.n).map(|b| u64::from(self.get(a, b))).sum()
    }
}

/// Quality of a schedule of rounds (rotations and World Café).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EncounterQuality {
    /// Sum over pairs of the times they met beyond the first, history included.
    pub repeated_pairs: u64,
    /// Most times any pair met, history included.
    pub max_pair_meetings: u16,
    /// No schedule of these sizes can have fewer repeated pairs.
    pub lower_bound_repeated_pairs: u64,
    /// Length of the longest prefix of new rounds with no repeat at all.
    pub rounds_without_repeat: usize,
}

/// Recount the quality of `rounds` after `history` for `n` people.
pub fn encounter_quality(
    n: usize,
    history: &[Round],
    rounds: &[Round],
    lower_bound_repeated_pairs: u64,
) -> EncounterQuality {
    let mut counts = PairCounts::new(n);
    for r in history {
        counts.add_round(r);
    }
    let mut rounds_without_repeat = 0;
    let mut still_clean = counts.max_pair_meetings() <= 1;
    for r in rounds {
        counts.add_round(r);
        still_clean = still_clean && counts.max_pair_meetings() <= 1;
        if still_clean {
            rounds_without_repeat += 1;
        }
    }
    EncounterQuality {
        repeated_pairs: counts.repeated_pairs(),
        max_pair_meetings: counts.max_pair_meetings(),
        lower_bound_repeated_pairs,
        rounds_without_repeat,
    }
}

/// Lower bound on repeated pairs for `n` people meeting in rounds with the given
/// group sizes, after `history`.
///
/// Two bounds, the larger wins: (1) all meetings minus the number of distinct
/// pairs; (2) per person, meetings beyond the `n - 1` distinct partners they can
/// have are repeats, and each repeated pair is counted by both of its people.
pub fn lower_bound_repeated_pairs(n: usize, history: &[Round], round_sizes: &[Vec<usize>]) -> u64 {
    if n < 2 {
        return 0;
    }
    let mut history_counts = PairCounts::new(n);
    for r in history {
        history_counts.add_round(r);
    }
    let pairs_in = |sizes: &[usize]| -> u64 {
        sizes
            .iter()
            .map(|&s| (s * s.saturating_sub(1) / 2) as u64)
            .sum()
    };
    let distinct = (n * (n - 1) / 2) as u64;
    let mut total: u64 = round_sizes.iter().map(|s| pairs_in(s)).sum();
    let mut per_person_excess = 0u64;
    // Each person meets at least (smallest group - 1) people per round.
    let min_meetings: u64 = round_sizes
        .iter()
        .map(|s| s.iter().copied().min().unwrap_or(1).saturating_sub(1) as u64)
        .sum();
    for a in 0..n {
        let from_history = history_counts.meetings_of(a);
        per_person_excess += (from_history + min_meetings).saturating_sub((n - 1) as u64);
    }
    for a in 0..n {
        for b in a + 1..n {
            total += u64::from(history_counts.get(a, b));
        }
    }
    total
        .saturating_sub(distinct)
        .max(per_person_excess.div_ceil(2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_repeats_and_bound() {
        let r1 = vec![vec![0, 1], vec![2, 3]];
        let r2 = vec![vec![0, 1], vec![2, 3]];
        let q = encounter_quality(4, &[], &[r1.clone(), r2], 0);
        assert_eq!(q.repeated_pairs, 2);
        assert_eq!(q.max_pair_meetings, 2);
        assert_eq!(q.rounds_without_repeat, 1);
        // 4 people in pairs: 3 rounds are repeat-free, the 4th forces 2 repeats.
        let sizes = vec![vec![2, 2]; 4];
        assert_eq!(lower_bound_repeated_pairs(4, &[], &sizes), 2);
        assert_eq!(lower_bound_repeated_pairs(4, &[], &sizes[..3]), 0);
        assert_eq!(lower_bound_repeated_pairs(4, &[r1], &sizes[..3]), 2);
    }
}
