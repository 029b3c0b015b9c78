//! Persistent groups: even sizes, attributes mixed or matched, keep-apart and
//! keep-together pairs, locked people, and pairs from earlier cohorts avoided.
//!
//! Keep-together chains become units placed once (locked units first, then the
//! largest); everyone else is dealt out by attribute and then improved by a
//! seeded local search of swaps (and moves between groups of unequal size).
//! Penalties are ordered: a broken keep-apart outweighs any matching miss,
//! which outweighs any history repeat, which outweighs any mixing imbalance.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::error::GroupsError;
use crate::people::People;
use crate::rng::Rng;
use crate::search::SearchLimits;
use crate::sizes::{Sizing, plan_sizes};

const APART_WEIGHT: i64 = 100_000_000;
const MATCH_WEIGHT: i64 = 1_000_000;
const HISTORY_WEIGHT: i64 = 10_000;
const MIX_WEIGHT: i64 = 1;

/// What to form.
#[derive(Debug, Clone)]
pub struct PersistentRequest {
    pub people: People,
    pub sizing: Sizing,
    /// Attributes whose values should be spread evenly across groups.
    pub mix: Vec<String>,
    /// Attributes whose value should be the same within each group.
    pub matched: Vec<String>,
    /// Pairs of person indexes never to share a group.
    pub keep_apart: Vec<(usize, usize)>,
    /// Pairs of person indexes to share a group (chains join).
    pub keep_together: Vec<(usize, usize)>,
    /// Person index -> group index they must stay in.
    pub locked: Vec<(usize, usize)>,
    /// Earlier cohorts' groups: pairs who were together are kept apart if possible.
    pub history: Vec<Vec<Vec<usize>>>,
    pub seed: u64,
    pub limits: SearchLimits,
}

/// The groups with their quality.
#[derive(Debug, Clone, Serialize)]
pub struct PersistentGroups {
    /// Person indexes per group.
    pub groups: Vec<Vec<usize>>,
    pub quality: PersistentQuality,
    /// Moves tried by the search.
    pub iterations: u64,
}

/// How good the groups are.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PersistentQuality {
    /// Per mixed attribute: the largest distance of any group's count of any
    /// value from its ideal share (rounded down or up); 0 = perfectly spread.
    pub balance: BTreeMap<String, f64>,
    /// Per matched attribute: people whose value differs from their group's
    /// most common value; 0 = every group shares one value.
    pub mismatched: BTreeMap<String, usize>,
    /// Pairs together again who were together in the history.
    pub repeated_pairs: u64,
    /// Constraints that could not be kept, in words.
    pub constraints_broken: Vec<String>,
    pub smallest_group: usize,
    pub largest_group: usize,
}

/// Dense description of the problem for the search.
struct Model {
    n: usize,
    groups: usize,
    min_size: usize,
    max_size: usize,
    /// Per mixed attribute: value index per person, and count of each value.
    mix_values: Vec<Vec<Option<u32>>>,
    mix_totals: Vec<Vec<u32>>,
    match_values: Vec<Vec<Option<u32>>>,
    match_cardinality: Vec<usize>,
    apart: Vec<Vec<usize>>,
    history: Vec<Vec<(usize, u32)>>,
}

struct Placement<'m> {
    model: &'m Model,
    group_of: Vec<usize>,
    members: Vec<Vec<usize>>,
    /// mix_counts[a][g * V + v]
    mix_counts: Vec<Vec<u32>>,
    match_counts: Vec<Vec<u32>>,
}

fn dense_values(people: &People, attribute: &str) -> (Vec<Option<u32>>, Vec<u32>) {
    let mut index: HashMap<&str, u32> = HashMap::new();
    let mut totals = Vec::new();
    let values = (0..people.len())
        .map(|p| {
            people.attribute(p, attribute).map(|v| {
                let next = index.len() as u32;
                let i = *index.entry(v).or_insert(next);
                if i as usize == totals.len() {
                    totals.push(0);
                }
                totals[i as usize] += 1;
                i
            })
        })
        .collect();
    (values, totals)
}

/// Distance of `count` from the interval [floor(ideal), ceil(ideal)].
fn spread_deviation(count: u32, total: u32, size: usize, n: usize) -> f64 {
    if n == 0 {
        return 0.0;
    }
    let ideal = f64::from(total) * size as f64 / n as f64;
    let c = f64::from(count);
    if c < ideal.floor() {
        ideal.floor() - c
    } else if c > ideal.ceil() {
        c - ideal.ceil()
    } else {
        0.0
    }
}

impl<'m> Placement<'m> {
    fn new(model: &'m Model, group_of: Vec<usize>) -> Self {
        let g = model.groups;
        let mut members = vec![Vec::new(); g];
        for (p, &j) in group_of.iter().enumerate() {
            members[j].push(p);
        }
        let mut mix_counts: Vec<Vec<u32>> = model
            .mix_totals
            .iter()
            .map(|t| vec![0; g * t.len()])
            .collect();
        let mut match_counts: Vec<Vec<u32>> = model
            .match_cardinality
            .iter()
            .map(|&v| vec![0; g * v])
            .collect();
        for (p, &j) in group_of.iter().enumerate() {
            for (a, values) in model.mix_values.iter().enumerate() {
                if let Some(v) = values[p] {
                    mix_counts[a][j * model.mix_totals[a].len() + v as usize] += 1;
                }
            }
            for (a, values) in model.match_values.iter().enumerate() {
                if let Some(v) = values[p] {
                    match_counts[a][j * model.match_cardinality[a] + v as usize] += 1;
                }
            }
        }
        Placement {
            model,
            group_of,
            members,
            mix_counts,
            match_counts,
        }
    }

    fn group_cost(&self, j: usize) -> i64 {
        let m = self.model;
        let size = self.members[j].len();
        let mut cost = 0i64;
        for &p in &self.members[j] {
            cost += APART_WEIGHT
                * m.apart[p]
                    .iter()
                    .filter(|&&y| y > p && self.group_of[y] == j)
                    .count() as i64;
            cost += HISTORY_WEIGHT
                * m.history[p]
                    .iter()
                    .filter(|&&(y, _)| y > p && self.group_of[y] == j)
                    .map(|&(_, c)| i64::from(c))
                    .sum::<i64>();
        }
        for (a, &cardinality) in m.match_cardinality.iter().enumerate() {
            let counts = &self.match_counts[a][j * cardinality..(j + 1) * cardinality];
            let with_value: u32 = counts.iter().sum();
            let most = counts.iter().copied().max().unwrap_or(0);
            cost += MATCH_WEIGHT * i64::from(with_value - most);
        }
        for (a, totals) in m.mix_totals.iter().enumerate() {
            let v_count = totals.len();
            for (v, &total) in totals.iter().enumerate() {
                let d = spread_deviation(self.mix_counts[a][j * v_count + v], total, size, m.n);
                cost += MIX_WEIGHT * (d * d).round() as i64 * 16;
            }
        }
        cost
    }

    fn total_cost(&self) -> i64 {
        (0..self.model.groups).map(|j| self.group_cost(j)).sum()
    }

    /// Move `p` to group `to` (bookkeeping only).
    fn relocate(&mut self, p: usize, to: usize) {
        let m = self.model;
        let from = self.group_of[p];
        if let Some(pos) = self.members[from].iter().position(|&y| y == p) {
            self.members[from].swap_remove(pos);
        }
        self.members[to].push(p);
        self.group_of[p] = to;
        for (a, values) in m.mix_values.iter().enumerate() {
            if let Some(v) = values[p] {
                let vc = m.mix_totals[a].len();
                self.mix_counts[a][from * vc + v as usize] -= 1;
                self.mix_counts[a][to * vc + v as usize] += 1;
            }
        }
        for (a, values) in m.match_values.iter().enumerate() {
            if let Some(v) = values[p] {
                let vc = m.match_cardinality[a];
                self.match_counts[a][from * vc + v as usize] -= 1;
                self.match_counts[a][to * vc + v as usize] += 1;
            }
        }
    }
}

/// Union-find root with path halving.
fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Form persistent groups.
pub fn form_groups(request: &PersistentRequest) -> Result<PersistentGroups, GroupsError> {
    let people = &request.people;
    let n = people.len();
    let sizes = plan_sizes(n, request.sizing)?;
    let g = sizes.len();
    let min_size = sizes.iter().copied().min().unwrap_or(0);
    let max_size = sizes.iter().copied().max().unwrap_or(0);
    let id = |p: usize| people.id(p).to_string();
    let check = |p: usize, context: &str| -> Result<(), GroupsError> {
        if p < n {
            Ok(())
        } else {
            Err(GroupsError::UnknownId {
                context: context.into(),
                id: p.to_string(),
            })
        }
    };
    for name in &request.mix {
        if request.matched.contains(name) {
            return Err(GroupsError::AttributeMixedAndMatched { name: name.clone() });
        }
    }
    for name in request.mix.iter().chain(&request.matched) {
        if !people.has_attribute(name) {
            return Err(GroupsError::UnknownAttribute { name: name.clone() });
        }
    }

    // Keep-together units.
    let mut parent: Vec<usize> = (0..n).collect();
    for &(a, b) in &request.keep_together {
        check(a, "keep together")?;
        check(b, "keep together")?;
        let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
        parent[ra] = rb;
    }
    let mut unit_members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for p in 0..n {
        let r = root(&mut parent, p);
        unit_members.entry(r).or_default().push(p);
    }
    for members in unit_members.values() {
        if members.len() > max_size {
            return Err(GroupsError::TogetherTooLarge {
                members: members.iter().map(|&p| id(p)).collect(),
                max_size,
            });
        }
    }
    let mut apart = vec![Vec::new(); n];
    for &(a, b) in &request.keep_apart {
        check(a, "keep apart")?;
        check(b, "keep apart")?;
        if a == b {
            return Err(GroupsError::ApartWithSelf { id: id(a) });
        }
        if root(&mut parent, a) == root(&mut parent, b) {
            return Err(GroupsError::ApartAndTogether { a: id(a), b: id(b) });
        }
        apart[a].push(b);
        apart[b].push(a);
    }
    // Locks, propagated to whole units.
    let mut unit_lock: HashMap<usize, (usize, usize)> = HashMap::new(); // root -> (group, person)
    for &(p, group) in &request.locked {
        check(p, "locked")?;
        if group >= g {
            return Err(GroupsError::LockedGroupMissing {
                id: id(p),
                group,
                groups: g,
            });
        }
        let r = root(&mut parent, p);
        match unit_lock.get(&r) {
            Some(&(other_group, other)) if other_group != group => {
                return Err(GroupsError::LockedTogetherConflict {
                    a: id(other),
                    b: id(p),
                });
            }
            _ => {
                unit_lock.insert(r, (group, p));
            }
        }
    }
    let lock_of =
        |parent: &mut [usize], p: usize| unit_lock.get(&root(parent, p)).map(|&(grp, _)| grp);
    for &(a, b) in &request.keep_apart {
        if let (Some(ga), Some(gb)) = (lock_of(&mut parent, a), lock_of(&mut parent, b))
            && ga == gb
        {
            return Err(GroupsError::LockedApartConflict {
                a: id(a),
                b: id(b),
                group: ga,
            });
        }
    }

    // History pair counts.
    let mut history_map: HashMap<(usize, usize), u32> = HashMap::new();
    for cohort in &request.history {
        for group in cohort {
            for (i, &a) in group.iter().enumerate() {
                check(a, "history")?;
                for &b in &group[i + 1..] {
                    check(b, "history")?;
                    if a != b {
                        *history_map.entry((a.min(b), a.max(b))).or_insert(0) += 1;
                    }
                }
            }
        }
    }
    let mut history = vec![Vec::new(); n];
    let mut history_pairs: Vec<_> = history_map.into_iter().collect();
    history_pairs.sort_unstable();
    for ((a, b), c) in history_pairs {
        history[a].push((b, c));
        history[b].push((a, c));
    }

    let mut mix_values = Vec::new();
    let mut mix_totals = Vec::new();
    for name in &request.mix {
        let (v, t) = dense_values(people, name);
        mix_values.push(v);
        mix_totals.push(t);
    }
    let mut match_values = Vec::new();
    let mut match_cardinality = Vec::new();
    for name in &request.matched {
        let (v, t) = dense_values(people, name);
        match_values.push(v);
        match_cardinality.push(t.len());
    }
    let model = Model {
        n,
        groups: g,
        min_size,
        max_size,
        mix_values,
        mix_totals,
        match_values,
        match_cardinality,
        apart,
        history,
    };

    // Place units: locked ones, then the largest chains, then singles by attribute.
    let mut rng = Rng::new(request.seed);
    let mut group_of = vec![usize::MAX; n];
    let mut load = vec![0usize; g];
    let mut fixed = vec![false; n];
    let mut units: Vec<(usize, Vec<usize>)> = unit_members.into_iter().collect();
    for (r, members) in &units {
        if let Some(&(group, _)) = unit_lock.get(r) {
            for &p in members {
                group_of[p] = group;
                fixed[p] = true;
            }
            load[group] += members.len();
        }
    }
    if let Some(group) = (0..g).find(|&j| load[j] > max_size) {
        return Err(GroupsError::LockedGroupOverfull { group, max_size });
    }
    // Groups with more fixed people get the larger sizes.
    let mut order: Vec<usize> = (0..g).collect();
    order.sort_by_key(|&j| std::cmp::Reverse(load[j]));
    let mut capacity = vec![0usize; g];
    for (rank, &j) in order.iter().enumerate() {
        capacity[j] = sizes[rank];
    }
    if let Some(group) = (0..g).find(|&j| load[j] > capacity[j]) {
        return Err(GroupsError::LockedGroupOverfull {
            group,
            max_size: capacity[group],
        });
    }
    units.retain(|(r, _)| !unit_lock.contains_key(r));
    units.sort_by_key(|(_, members)| std::cmp::Reverse(members.len()));
    let mut singles = Vec::new();
    let clusters: Vec<Vec<usize>> = units
        .iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(_, members)| members.clone())
        .collect();
    for (_, members) in units {
        if members.len() == 1 {
            singles.push(members[0]);
            continue;
        }
        // The group with most room that breaks no keep-apart, else most room.
        let conflicts = |j: usize| {
            members
                .iter()
                .flat_map(|&p| model.apart[p].iter())
                .filter(|&&y| group_of[y] == j)
                .count()
        };
        let best = (0..g)
            .filter(|&j| capacity[j] - load[j] >= members.len())
            .min_by_key(|&j| (conflicts(j), std::cmp::Reverse(capacity[j] - load[j]), j));
        let Some(j) = best else {
            return Err(GroupsError::ImpossibleSizes {
                people: n,
                detail: format!(
                    "the keep-together chains cannot be packed into groups of {min_size} to {max_size}"
                ),
            });
        };
        for &p in &members {
            group_of[p] = j;
            fixed[p] = true;
        }
        load[j] += members.len();
    }
    // Singles sorted by matched then mixed values (random ties), then dealt.
    rng.shuffle(&mut singles);
    let key = |p: usize| -> Vec<u32> {
        model
            .match_values
            .iter()
            .chain(&model.mix_values)
            .map(|values| values[p].map_or(u32::MAX, |v| v))
            .collect()
    };
    singles.sort_by_key(|&p| key(p));
    if model.match_values.is_empty() {
        // Round robin over groups with room spreads each value evenly.
        let mut j = 0;
        for &p in &singles {
            let mut tries = 0;
            while load[j] >= capacity[j] && tries < g {
                j = (j + 1) % g;
                tries += 1;
            }
            group_of[p] = j;
            load[j] += 1;
            j = (j + 1) % g;
        }
    } else {
        // Fill groups one after another so equal values stay together.
        let mut j = 0;
        for &p in &singles {
            while j < g && load[j] >= capacity[j] {
                j += 1;
            }
            let target = j.min(g - 1);
            group_of[p] = target;
            load[target] += 1;
        }
    }

    let free: Vec<usize> = (0..n).filter(|&p| !fixed[p]).collect();
    let mut placement = Placement::new(&model, group_of);
    let iterations = local_search(&mut placement, &free, &clusters, &mut rng, request.limits);
    let groups = placement.members.clone();
    let quality = measure(&model, &placement, request, people);
    let mut groups: Vec<Vec<usize>> = groups;
    for group in &mut groups {
        group.sort_unstable();
    }
    Ok(PersistentGroups {
        groups,
        quality,
        iterations,
    })
}

/// Hill climbing with sideways moves: random swaps of free people (and moves
/// between groups when sizes differ), kept when the cost does not rise.
fn local_search(
    placement: &mut Placement<'_>,
    free: &[usize],
    clusters: &[Vec<usize>],
    rng: &mut Rng,
    limits: SearchLimits,
) -> u64 {
    let model = placement.model;
    if free.len() < 2 || model.groups < 2 {
        return 0;
    }
    let mut is_free = vec![false; model.n];
    for &p in free {
        is_free[p] = true;
    }
    let mut swapped_in: Vec<usize> = Vec::new();
    let mut cost = placement.total_cost();
    let budget = limits
        .max_iterations
        .unwrap_or(400 * model.n as u64 + 20_000);
    let stall_limit = 60 * model.n as u64 + 5_000;
    let mut since_improvement = 0u64;
    let mut iteration = 0u64;
    let sizes_differ = model.min_size != model.max_size;
    while cost > 0 && iteration < budget && since_improvement < stall_limit {
        iteration += 1;
        if iteration.is_multiple_of(1024) && limits.expired() {
            break;
        }
        if !clusters.is_empty() && rng.below(8) == 0 {
            // A keep-together chain trades places with as many free people.
            let cluster = &clusters[rng.below(clusters.len())];
            let from = placement.group_of[cluster[0]];
            let to = rng.below(model.groups);
            swapped_in.clear();
            swapped_in.extend(
                placement.members[to]
                    .iter()
                    .copied()
                    .filter(|&y| is_free[y]),
            );
            if to == from || swapped_in.len() < cluster.len() {
                continue;
            }
            rng.shuffle(&mut swapped_in);
            swapped_in.truncate(cluster.len());
            let before = placement.group_cost(from) + placement.group_cost(to);
            for (&c, &y) in cluster.iter().zip(&swapped_in) {
                placement.relocate(c, to);
                placement.relocate(y, from);
            }
            let after = placement.group_cost(from) + placement.group_cost(to);
            if after <= before {
                since_improvement = if after < before {
                    0
                } else {
                    since_improvement + 1
                };
                cost += after - before;
            } else {
                for (&c, &y) in cluster.iter().zip(&swapped_in) {
                    placement.relocate(c, from);
                    placement.relocate(y, to);
                }
                since_improvement += 1;
            }
            continue;
        }
        let p = free[rng.below(free.len())];
        let from = placement.group_of[p];
        if sizes_differ && rng.below(4) == 0 {
            let to = rng.below(model.groups);
            if to == from
                || placement.members[from].len() <= model.min_size
                || placement.members[to].len() >= model.max_size
            {
                continue;
            }
            let before = placement.group_cost(from) + placement.group_cost(to);
            placement.relocate(p, to);
            let after = placement.group_cost(from) + placement.group_cost(to);
            if after <= before {
                since_improvement = if after < before {
                    0
                } else {
                    since_improvement + 1
                };
                cost += after - before;
            } else {
                placement.relocate(p, from);
                since_improvement += 1;
            }
            continue;
        }
        let x = free[rng.below(free.len())];
        let to = placement.group_of[x];
        if to == from {
            continue;
        }
        let before = placement.group_cost(from) + placement.group_cost(to);
        placement.relocate(p, to);
        placement.relocate(x, from);
        let after = placement.group_cost(from) + placement.group_cost(to);
        if after <= before {
            since_improvement = if after < before {
                0
            } else {
                since_improvement + 1
            };
            cost += after - before;
        } else {
            placement.relocate(p, from);
            placement.relocate(x, to);
            since_improvement += 1;
        }
    }
    iteration
}

fn measure(
    model: &Model,
    placement: &Placement<'_>,
    request: &PersistentRequest,
    people: &People,
) -> PersistentQuality {
    let group_of = &placement.group_of;
    let mut balance = BTreeMap::new();
    for (a, name) in request.mix.iter().enumerate() {
        let totals = &model.mix_totals[a];
        let mut worst = 0.0f64;
        for members in &placement.members {
            for (v, &total) in totals.iter().enumerate() {
                let count = members
                    .iter()
                    .filter(|&&p| model.mix_values[a][p] == Some(v as u32))
                    .count() as u32;
                worst = worst.max(spread_deviation(count, total, members.len(), model.n));
            }
        }
        balance.insert(name.clone(), worst);
    }
    let mut mismatched = BTreeMap::new();
    for (a, name) in request.matched.iter().enumerate() {
        let mut total = 0;
        for members in &placement.members {
            let mut counts: HashMap<u32, usize> = HashMap::new();
            for &p in members {
                if let Some(v) = model.match_values[a][p] {
                    *counts.entry(v).or_insert(0) += 1;
                }
            }
            let with: usize = counts.values().sum();
            total += with - counts.values().copied().max().unwrap_or(0);
        }
        mismatched.insert(name.clone(), total);
    }
    let mut repeated_pairs = 0;
    for (p, partners) in model.history.iter().enumerate() {
        for &(y, c) in partners {
            if y > p && group_of[y] == group_of[p] {
                repeated_pairs += u64::from(c);
            }
        }
    }
    let mut constraints_broken = Vec::new();
    for &(a, b) in &request.keep_apart {
        if group_of[a] == group_of[b] {
            constraints_broken.push(format!(
                "keep apart: {} and {} are both in group {}",
                people.id(a),
                people.id(b),
                group_of[a]
            ));
        }
    }
    for &(a, b) in &request.keep_together {
        if group_of[a] != group_of[b] {
            constraints_broken.push(format!(
                "keep together: {} is in group {} but {} is in group {}",
                people.id(a),
                group_of[a],
                people.id(b),
                group_of[b]
            ));
        }
    }
    for &(p, j) in &request.locked {
        if group_of[p] != j {
            constraints_broken.push(format!("locked: {} should be in group {j}", people.id(p)));
        }
    }
    let sizes = placement.members.iter().map(Vec::len);
    PersistentQuality {
        balance,
        mismatched,
        repeated_pairs,
        constraints_broken,
        smallest_group: sizes.clone().min().unwrap_or(0),
        largest_group: sizes.max().unwrap_or(0),
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn people(n: usize) -> People {
        let records = (0..n)
            .map(|i| {
                let mut a = BTreeMap::new();
                a.insert(
                    "lang".to_string(),
                    if i % 2 == 0 { "en" } else { "sq" }.to_string(),
                );
                a.insert("site".to_string(), format!("s{}", i % 3));
                (format!("p{i}"), a)
            })
            .collect();
        People::from_records(records).unwrap()
    }

    fn request(n: usize) -> PersistentRequest {
        PersistentRequest {
            people: people(n),
            sizing: Sizing::Target(3),
            mix: vec![],
            matched: vec![],
            keep_apart: vec![],
            keep_together: vec![],
            locked: vec![],
            history: vec![],
            seed: 5,
            limits: SearchLimits::iterations(20_000),
        }
    }

    #[test]
    fn matched_attribute_gives_one_language_per_group() {
        let mut r = request(12);
        r.matched = vec!["lang".into()];
        r.mix = vec!["site".into()];
        let result = form_groups(&r).unwrap();
        assert_eq!(result.quality.mismatched["lang"], 0);
        for group in &result.groups {
            let first = group[0] % 2;
            assert!(group.iter().all(|p| p % 2 == first));
        }
    }

    #[test]
    fn history_pairs_are_avoided_when_possible() {
        let mut r = request(12);
        r.history = vec![vec![
            vec![0, 1, 2],
            vec![3, 4, 5],
            vec![6, 7, 8],
            vec![9, 10, 11],
        ]];
        let result = form_groups(&r).unwrap();
        assert_eq!(result.quality.repeated_pairs, 0, "{:?}", result.groups);
    }

    #[test]
    fn sizing_by_count_and_range() {
        let mut r = request(14);
        r.sizing = Sizing::Count(4);
        let sizes: Vec<usize> = form_groups(&r)
            .unwrap()
            .groups
            .iter()
            .map(Vec::len)
            .collect();
        assert_eq!(sizes.iter().sum::<usize>(), 14);
        assert!(sizes.iter().all(|&s| s == 3 || s == 4));
        r.sizing = Sizing::Range { min: 4, max: 5 };
        let sizes: Vec<usize> = form_groups(&r)
            .unwrap()
            .groups
            .iter()
            .map(Vec::len)
            .collect();
        assert!(sizes.iter().all(|&s| (4..=5).contains(&s)), "{sizes:?}");
    }
}
