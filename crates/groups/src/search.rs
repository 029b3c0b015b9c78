//! Tabu search over schedules of rounds, minimising repeated encounters.
//!
//! The neighbourhood follows Dotú & Van Hentenryck ("Scheduling social golfers
//! locally"): pick a pair that meets too often, one of the rounds where they
//! meet, and one of the two; try swapping that person with everyone in another
//! group of that round and take the best non-tabu swap. A person who leaves a
//! group may not return to it for a random tenure. After a long stall the best
//! schedule is restored and shaken by a few random swaps.
//!
//! The search is deterministic for a seed: the deadline only stops it early.

use std::collections::HashMap;
use std::time::Instant;

use crate::quality::{PairCounts, Round};
use crate::rng::Rng;

/// When to stop searching. With no deadline the result depends only on the
/// seed and the inputs; with a deadline it is reproducible whenever the search
/// reaches the lower bound or the iteration budget before the deadline.
#[derive(Debug, Clone, Copy, Default)]
pub struct SearchLimits {
    /// Stop at this instant and return the best found so far.
    pub deadline: Option<Instant>,
    /// Stop after this many moves (default: a budget that grows with the size).
    pub max_iterations: Option<u64>,
}

impl SearchLimits {
    /// A time budget from now, with no iteration cap.
    pub fn seconds(seconds: f64) -> Self {
        let seconds = if seconds.is_finite() {
            seconds.max(0.0)
        } else {
            0.0
        };
        SearchLimits {
            deadline: Instant::now()
                .checked_add(std::time::Duration::from_secs_f64(seconds.min(1e7))),
            max_iterations: None,
        }
    }

    /// A fixed number of moves and no clock: fully reproducible.
    pub fn iterations(max_iterations: u64) -> Self {
        SearchLimits {
            deadline: None,
            max_iterations: Some(max_iterations),
        }
    }

    pub(crate) fn expired(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }
}

/// What the search needs besides the starting rounds.
pub(crate) struct SearchSetup<'a> {
    pub n: usize,
    pub history: &'a [Round],
    /// People who never change group (World Café hosts).
    pub movable: Vec<bool>,
    /// Group indexes are tables: nobody may sit at the same table index twice.
    pub distinct_tables: bool,
    /// Stop when repeated pairs reach this...
    pub target_repeated: u64,
    /// ...and the most meetings of any pair is at most this.
    pub target_max: u16,
    pub seed: u64,
    pub limits: SearchLimits,
    /// Judge schedules by the penalty (which prefers many pairs meeting twice
    /// to one pair meeting often) instead of by repeats first, then worst pair.
    pub spread_first: bool,
    /// Used when `limits.max_iterations` is `None` and there is no deadline.
    pub default_iterations: u64,
}

/// Penalty of a pair that met `c` times: mostly the repeats, plus a convex
/// term so that, among equal repeats, spread beats one pair meeting often.
/// `spread` weighs the convex term (larger: avoid pairs meeting many times).
fn penalty_table(spread: i64) -> Vec<i64> {
    (0..=HISTOGRAM_CAP as i64)
        .map(|c| {
            if c <= 1 {
                0
            } else {
                8 * (c - 1) + spread * (c - 1) * (c - 1)
            }
        })
        .collect()
}

struct State<'a> {
    setup: &'a SearchSetup<'a>,
    rounds: Vec<Round>,
    group_of: Vec<Vec<u32>>,
    counts: PairCounts,
    history_counts: PairCounts,
    /// visits[p * tables + t]: rounds in which p sits at table t.
    visits: Vec<u16>,
    tables: usize,
    cost: i64,
    repeated: u64,
    /// histogram[c]: pairs that met exactly c times (c capped).
    histogram: Vec<u64>,
    /// Pairs met at least twice with at least one meeting in a searched round.
    conflicts: Vec<(u32, u32)>,
    conflict_pos: HashMap<(u32, u32), usize>,
    /// Reused buffer of pair changes.
    scratch: Vec<(usize, usize, i32)>,
    penalties: Vec<i64>,
}

const HISTOGRAM_CAP: usize = 1024;

/// Candidate moves pack "also swap back in round r2" as `group + (r2 + 1) * DOUBLE`.
const DOUBLE: usize = 1 << 32;

impl<'a> State<'a> {
    #[inline]
    fn penalty(&self, c: i64) -> i64 {
        self.penalties[c.clamp(0, HISTOGRAM_CAP as i64) as usize]
    }

    fn new(setup: &'a SearchSetup<'a>, rounds: Vec<Round>) -> Self {
        let n = setup.n;
        let mut history_counts = PairCounts::new(n);
        for r in setup.history {
            history_counts.add_round(r);
        }
        let tables = if setup.distinct_tables {
            rounds.iter().map(Vec::len).max().unwrap_or(0)
        } else {
            0
        };
        let mut state = State {
            setup,
            group_of: Vec::new(),
            counts: history_counts.clone(),
            history_counts,
            visits: vec![0; n * tables],
            tables,
            cost: 0,
            repeated: 0,
            histogram: vec![0; HISTOGRAM_CAP + 1],
            conflicts: Vec::new(),
            conflict_pos: HashMap::new(),
            scratch: Vec::new(),
            penalties: penalty_table(if setup.spread_first { 16 } else { 1 }),
            rounds,
        };
        state.rebuild();
        state
    }

    /// Recompute every derived structure from `rounds`.
    fn rebuild(&mut self) {
        let n = self.setup.n;
        self.counts = self.history_counts.clone();
        self.group_of = self
            .rounds
            .iter()
            .map(|round| {
                let mut g = vec![u32::MAX; n];
                for (gi, group) in round.iter().enumerate() {
                    for &p in group {
                        g[p] = gi as u32;
                    }
                }
                g
            })
            .collect();
        self.visits.iter_mut().for_each(|v| *v = 0);
        for round in &self.rounds {
            self.counts.add_round(round);
            if self.tables > 0 {
                for (t, group) in round.iter().enumerate() {
                    for &p in group {
                        self.visits[p * self.tables + t] += 1;
                    }
                }
            }
        }
        self.cost = 0;
        self.repeated = 0;
        self.histogram.iter_mut().for_each(|h| *h = 0);
        self.conflicts.clear();
        self.conflict_pos.clear();
        for a in 0..n {
            for b in a + 1..n {
                let c = self.counts.get(a, b);
                self.cost += self.penalty(i64::from(c));
                self.repeated += u64::from(c.saturating_sub(1));
                self.histogram[usize::from(c).min(HISTOGRAM_CAP)] += 1;
                if self.is_conflict(a, b) {
                    self.add_conflict(a, b);
                }
            }
        }
    }

    fn is_conflict(&self, a: usize, b: usize) -> bool {
        let c = self.counts.get(a, b);
        c >= 2 && c > self.history_counts.get(a, b)
    }

    fn add_conflict(&mut self, a: usize, b: usize) {
        let key = (a.min(b) as u32, a.max(b) as u32);
        if !self.conflict_pos.contains_key(&key) {
            self.conflict_pos.insert(key, self.conflicts.len());
            self.conflicts.push(key);
        }
    }

    fn remove_conflict(&mut self, a: usize, b: usize) {
        let key = (a.min(b) as u32, a.max(b) as u32);
        if let Some(pos) = self.conflict_pos.remove(&key) {
            self.conflicts.swap_remove(pos);
            if let Some(&moved) = self.conflicts.get(pos) {
                self.conflict_pos.insert(moved, pos);
            }
        }
    }

    fn change_pair(&mut self, a: usize, b: usize, delta: i32) {
        let before = self.counts.get(a, b);
        self.counts.add(a, b, delta);
        let after = self.counts.get(a, b);
        self.cost += self.penalty(i64::from(after)) - self.penalty(i64::from(before));
        self.repeated = self.repeated + u64::from(after.saturating_sub(1))
            - u64::from(before.saturating_sub(1));
        self.histogram[usize::from(before).min(HISTOGRAM_CAP)] -= 1;
        self.histogram[usize::from(after).min(HISTOGRAM_CAP)] += 1;
        if self.is_conflict(a, b) {
            self.add_conflict(a, b);
        } else {
            self.remove_conflict(a, b);
        }
    }

    fn max_meetings(&self) -> u16 {
        self.histogram.iter().rposition(|&h| h > 0).unwrap_or(0) as u16
    }

    fn done(&self) -> bool {
        self.conflicts.is_empty()
            || (self.repeated <= self.setup.target_repeated
                && self.max_meetings() <= self.setup.target_max)
    }

    /// Cost change of swapping `p` (in group `a`) with `x` (in group `b`) in round `r`.
    fn swap_delta(&self, r: usize, p: usize, a: usize, x: usize, b: usize) -> i64 {
        let mut d = 0;
        let c = &self.counts;
        for &y in &self.rounds[r][a] {
            if y != p {
                let cp = i64::from(c.get(p, y));
                let cx = i64::from(c.get(x, y));
                d += self.penalty(cp - 1) - self.penalty(cp) + self.penalty(cx + 1)
                    - self.penalty(cx);
            }
        }
        for &y in &self.rounds[r][b] {
            if y != x {
                let cp = i64::from(c.get(p, y));
                let cx = i64::from(c.get(x, y));
                d += self.penalty(cx - 1) - self.penalty(cx) + self.penalty(cp + 1)
                    - self.penalty(cp);
            }
        }
        d
    }

    /// Cost change of swapping `p` (group `a`) and `x` (group `b`) in round `r`
    /// and back (`p` from `b` to `a`, `x` from `a` to `b`) in round `r2`. A pair
    /// may change in both rounds, so changes are merged before the penalty.
    fn double_swap_delta(
        &mut self,
        r: usize,
        p: usize,
        a: usize,
        x: usize,
        b: usize,
        r2: usize,
    ) -> i64 {
        let mut changes = std::mem::take(&mut self.scratch);
        changes.clear();
        // `joining` takes the place of `leaving` in group `group` of `round`.
        let mut replace =
            |rounds: &[Round], round: usize, group: usize, leaving: usize, joining: usize| {
                for &y in &rounds[round][group] {
                    if y != leaving {
                        changes.push((leaving.min(y), leaving.max(y), -1));
                        changes.push((joining.min(y), joining.max(y), 1));
                    }
                }
            };
        // Round r: x takes p's place in a, p takes x's place in b.
        replace(&self.rounds, r, a, p, x);
        replace(&self.rounds, r, b, x, p);
        // Round r2: p is in b and x in a there; they swap back.
        replace(&self.rounds, r2, b, p, x);
        replace(&self.rounds, r2, a, x, p);
        changes.sort_unstable();
        let mut delta = 0;
        let mut i = 0;
        while i < changes.len() {
            let (u, v, _) = changes[i];
            let mut d = 0;
            while i < changes.len() && changes[i].0 == u && changes[i].1 == v {
                d += changes[i].2;
                i += 1;
            }
            if d != 0 {
                let c = i64::from(self.counts.get(u, v));
                delta += self.penalty(c + i64::from(d)) - self.penalty(c);
            }
        }
        self.scratch = changes;
        delta
    }

    fn swap_allowed(&self, p: usize, a: usize, x: usize, b: usize) -> bool {
        if !self.setup.movable[p] || !self.setup.movable[x] {
            return false;
        }
        self.tables == 0
            || (self.visits[p * self.tables + b] == 0 && self.visits[x * self.tables + a] == 0)
    }

    fn apply_swap(&mut self, r: usize, p: usize, a: usize, x: usize, b: usize) {
        let group_a = std::mem::take(&mut self.rounds[r][a]);
        let group_b = std::mem::take(&mut self.rounds[r][b]);
        for &y in &group_a {
            if y != p {
                self.change_pair(p, y, -1);
                self.change_pair(x, y, 1);
            }
        }
        for &y in &group_b {
            if y != x {
                self.change_pair(x, y, -1);
                self.change_pair(p, y, 1);
            }
        }
        self.rounds[r][a] = group_a
            .into_iter()
            .map(|y| if y == p { x } else { y })
            .collect();
        self.rounds[r][b] = group_b
            .into_iter()
            .map(|y| if y == x { p } else { y })
            .collect();
        self.group_of[r][p] = b as u32;
        self.group_of[r][x] = a as u32;
        if self.tables > 0 {
            let t = self.tables;
            self.visits[p * t + a] -= 1;
            self.visits[p * t + b] += 1;
            self.visits[x * t + b] -= 1;
            self.visits[x * t + a] += 1;
        }
    }
}

/// Improve `initial` (every round a partition of the movable people) and return
/// the best rounds found and the number of moves made.
pub(crate) fn improve(setup: &SearchSetup<'_>, initial: Vec<Round>) -> (Vec<Round>, u64) {
    let n = setup.n;
    let mut state = State::new(setup, initial);
    if state.done() || state.rounds.is_empty() || n < 2 {
        return (state.rounds, 0);
    }
    let mut rng = Rng::new(setup.seed ^ 0x5EED_5EA2_C400_0001);
    let max_iterations =
        setup
            .limits
            .max_iterations
            .unwrap_or(if setup.limits.deadline.is_some() {
                u64::MAX
            } else {
                setup.default_iterations
            });
    let rounds_count = state.rounds.len();
    // tabu[r * n + p] = (group p left, first iteration it may return)
    let mut tabu: Vec<(u32, u64)> = vec![(u32::MAX, 0); rounds_count * n];
    // Tuned on 8-4-10 and 20-5: long random tenures, and a restart from the
    // best schedule (with a small shake) after a short stall.
    let tenure_span = (2 * n).clamp(4, 50);
    let stall_limit: u64 = 200;

    // `best_rounds` is `None` while the current state is the best seen.
    let mut best_rounds: Option<Vec<Round>> = None;
    let key_of = |state: &State<'_>| {
        if setup.spread_first {
            (0, 0, state.cost)
        } else {
            (state.repeated, state.max_meetings(), state.cost)
        }
    };
    let mut best_key = key_of(&state);
    let mut best_cost = state.cost;
    let mut last_improvement = 0u64;
    let mut iteration = 0u64;
    let mut candidates: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
    let mut scan_rounds: Vec<usize> = Vec::new();
    let mut double_candidates: Vec<(usize, usize, usize, usize, usize, usize)> = Vec::new();
    let rounds_per_step = (40_000 / (n * n).max(1)).clamp(1, 2 * rounds_count);
    let typical_size = (n / state.rounds.first().map_or(1, Vec::len).max(1)).max(2);
    let people_per_step = (40_000 / (n * typical_size)).max(4);
    let mut shared: Vec<usize> = Vec::new();
    let mut in_conflict: Vec<(usize, usize, usize)> = Vec::new();

    while iteration < max_iterations && !state.done() {
        iteration += 1;
        if iteration.is_multiple_of(256) && setup.limits.expired() {
            break;
        }
        // Rounds where conflicting pairs meet (several for small instances,
        // so the best move is chosen across rounds); every person in conflict
        // in those rounds may swap with anyone in another group.
        scan_rounds.clear();
        for _ in 0..rounds_per_step {
            let (a, b) = state.conflicts[rng.below(state.conflicts.len())];
            let (a, b) = (a as usize, b as usize);
            shared.clear();
            shared.extend(
                (0..rounds_count).filter(|&r| state.group_of[r][a] == state.group_of[r][b]),
            );
            if !shared.is_empty() {
                let r = shared[rng.below(shared.len())];
                if !scan_rounds.contains(&r) {
                    scan_rounds.push(r);
                }
            }
        }
        in_conflict.clear();
        for &r in &scan_rounds {
            for (group_index, members) in state.rounds[r].iter().enumerate() {
                for (i, &p) in members.iter().enumerate() {
                    if !setup.movable[p] {
                        continue;
                    }
                    if members
                        .iter()
                        .enumerate()
                        .any(|(j, &y)| i != j && state.is_conflict(p, y))
                    {
                        in_conflict.push((r, p, group_index));
                    }
                }
            }
        }

        // Bound the work per step: keep a random sample of the people in conflict.
        if in_conflict.len() > people_per_step {
            for i in 0..people_per_step {
                let j = i + rng.below(in_conflict.len() - i);
                in_conflict.swap(i, j);
            }
            in_conflict.truncate(people_per_step);
        }
        let mut best_delta = i64::MAX;
        candidates.clear();
        for &(r, p, group_p) in &in_conflict {
            for (group_x, members) in state.rounds[r].iter().enumerate() {
                if group_x == group_p {
                    continue;
                }
                for &x in members {
                    if !state.swap_allowed(p, group_p, x, group_x) {
                        continue;
                    }
                    let delta = state.swap_delta(r, p, group_p, x, group_x);
                    if delta > best_delta {
                        continue;
                    }
                    let (tabu_p_group, tabu_p_until) = tabu[r * n + p];
                    let (tabu_x_group, tabu_x_until) = tabu[r * n + x];
                    let is_tabu = (tabu_p_group as usize == group_x && tabu_p_until > iteration)
                        || (tabu_x_group as usize == group_p && tabu_x_until > iteration);
                    if is_tabu && state.cost + delta >= best_cost {
                        continue;
                    }
                    if delta < best_delta {
                        best_delta = delta;
                        candidates.clear();
                    }
                    candidates.push((r, p, group_p, x, group_x));
                }
            }
        }
        // Tables: when a single swap would make someone revisit a table, swap
        // the two people in two rounds at once (p: A then B, x: B then A).
        if state.tables > 0 {
            double_candidates.clear();
            // A handful of people keep this neighbourhood cheap.
            for &(r, p, group_p) in in_conflict.iter().take(12) {
                for r2 in 0..rounds_count {
                    let group_x = state.group_of[r2][p] as usize;
                    if r2 == r || group_x == group_p {
                        continue;
                    }
                    for &x in &state.rounds[r][group_x] {
                        if setup.movable[x] && state.group_of[r2][x] as usize == group_p {
                            double_candidates.push((r, p, group_p, x, group_x, r2));
                        }
                    }
                }
            }
            for &(r, p, group_p, x, group_x, r2) in &double_candidates {
                let delta = state.double_swap_delta(r, p, group_p, x, group_x, r2);
                if delta > best_delta {
                    continue;
                }
                let (tabu_group, tabu_until) = tabu[r * n + p];
                if tabu_group as usize == group_x
                    && tabu_until > iteration
                    && state.cost + delta >= best_cost
                {
                    continue;
                }
                if delta < best_delta {
                    best_delta = delta;
                    candidates.clear();
                }
                candidates.push((r, p, group_p, x, group_x + (r2 + 1) * DOUBLE));
            }
        }
        if candidates.is_empty() {
            continue;
        }
        let (r, p, group_p, x, packed) = candidates[rng.below(candidates.len())];
        let (group_x, second_round) = (packed % DOUBLE, (packed / DOUBLE).checked_sub(1));
        if best_delta > 0 && best_rounds.is_none() {
            best_rounds = Some(state.rounds.clone());
        }
        state.apply_swap(r, p, group_p, x, group_x);
        let tenure = 4 + rng.below(tenure_span) as u64;
        if let Some(r2) = second_round {
            state.apply_swap(r2, p, group_x, x, group_p);
            tabu[r2 * n + p] = (group_x as u32, iteration + tenure);
            tabu[r2 * n + x] = (group_p as u32, iteration + tenure);
        }
        tabu[r * n + p] = (group_p as u32, iteration + tenure);
        tabu[r * n + x] = (group_x as u32, iteration + tenure);
        best_cost = best_cost.min(state.cost);

        let key = key_of(&state);
        if key <= best_key {
            if key < best_key {
                last_improvement = iteration;
            }
            best_key = key;
            best_rounds = None;
        } else if iteration - last_improvement > stall_limit {
            // Restart from the best with a few random swaps.
            if let Some(saved) = best_rounds.take() {
                state.rounds = saved;
                state.rebuild();
            }
            best_rounds = Some(state.rounds.clone());
            let swaps = 2 + rng.below(6);
            perturb(&mut state, &mut rng, swaps);
            tabu.iter_mut().for_each(|t| *t = (u32::MAX, 0));
            last_improvement = iteration;
        }
    }
    #[cfg(debug_assertions)]
    {
        let fresh = State::new(setup, state.rounds.clone());
        debug_assert_eq!(fresh.cost, state.cost, "tracked cost drifted");
    }
    (best_rounds.unwrap_or(state.rounds), iteration)
}

/// A few random allowed swaps, to leave a local minimum.
fn perturb(state: &mut State<'_>, rng: &mut Rng, swaps: usize) {
    let rounds = state.rounds.len();
    for _ in 0..swaps * 4 {
        let r = rng.below(rounds);
        let groups = state.rounds[r].len();
        if groups < 2 {
            continue;
        }
        let a = rng.below(groups);
        let b = (a + 1 + rng.below(groups - 1)) % groups;
        if state.rounds[r][a].is_empty() || state.rounds[r][b].is_empty() {
            continue;
        }
        let p = state.rounds[r][a][rng.below(state.rounds[r][a].len())];
        let x = state.rounds[r][b][rng.below(state.rounds[r][b].len())];
        if state.swap_allowed(p, a, x, b) {
            state.apply_swap(r, p, a, x, b);
        } else if state.tables > 0 && state.setup.movable[p] && state.setup.movable[x] {
            // Tables: swap back in the round where p sat at x's table, if x sat at p's there.
            let other = (0..rounds).find(|&r2| {
                r2 != r
                    && state.group_of[r2][p] as usize == b
                    && state.group_of[r2][x] as usize == a
            });
            if let Some(r2) = other {
                state.apply_swap(r, p, a, x, b);
                state.apply_swap(r2, p, b, x, a);
            }
        }
    }
}

/// Greedy rounds of the given sizes: each group grows by the candidate (among a
/// sample) who has met its members least.
pub(crate) fn greedy_round(counts: &PairCounts, sizes: &[usize], rng: &mut Rng) -> Round {
    let n = counts.len();
    let mut pool = rng.permutation(n);
    let mut round = Vec::with_capacity(sizes.len());
    for &size in sizes {
        let mut group = Vec::with_capacity(size);
        if let Some(first) = pool.pop() {
            group.push(first);
        }
        while group.len() < size && !pool.is_empty() {
            let sample = pool.len().min(48);
            let mut best = (u64::MAX, 0usize);
            for k in 0..sample {
                let idx = pool.len() - 1 - k;
                let candidate = pool[idx];
                let score: u64 = group
                    .iter()
                    .map(|&m| u64::from(counts.get(candidate, m)))
                    .sum();
                if score < best.0 {
                    best = (score, idx);
                }
            }
            group.push(pool.swap_remove(best.1));
        }
        round.push(group);
    }
    round
}
