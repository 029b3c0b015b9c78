//! Repeat-free schedules built from algebra instead of search.
//!
//! For `g` groups of `s` people (`n = g * s`) the best of these is used:
//! * round robin (a 1-factorisation) for pairs: `n - 1` rounds;
//! * inflation: when `g = g1 * m` and a transversal design TD(s + 1, m) exists
//!   (module `transversal`: finite fields, a quasi-difference matrix for 20,
//!   products, Wilson's construction), every point of a `g1 x s` schedule
//!   becomes `m` points and every group becomes the resolvable TD(s, m) left
//!   by deleting one class (`m` rounds per base round). When `s` divides `m`,
//!   the copies of each point were never together, so a `(m / s) x s`
//!   schedule on every copy-set adds its rounds. With `g1 = 1` this is the
//!   transversal design from MOLS (`g` rounds) and gives the affine planes
//!   AG(2, q) (`q + 1`), AG(3, q) lines (`q^2 + q + 1`, e.g. the Kirkman
//!   triple system on 27), and 20-5, 50-5, 100-5 with 21, 58 and 121 rounds
//!   (4 MOLS of order 20, 50, 100 plus a 4-5, 10-5 or 20-5 schedule);
//! * small designs known by their 1-rotational base blocks, and two orthogonal
//!   Latin squares of order 10 (module `known`).
//!
//! When more rounds are asked than can be repeat-free, `covering` gives
//! rounds where every pair meets and the fewest pairs meet twice (module
//! `covering`: 60 people in groups of 4 for 20 rounds).

mod covering;
mod field;
mod known;
mod transversal;

pub use field::{Field, prime_power};

use std::collections::HashMap;

use crate::quality::Round;
use transversal::{Blocks, Designs, resolve};

/// How many repeat-free rounds the constructions give for `g` groups of `s`.
pub fn construction_rounds(g: usize, s: usize) -> usize {
    Planner::default().best(g, s).0
}

/// The repeat-free rounds for `g` groups of `s` (people `0..g*s`), at most
/// `max_rounds` of them. Empty when `g == 0` or `s < 2`.
pub fn construct(g: usize, s: usize, max_rounds: usize) -> Vec<Round> {
    if g == 0 || s < 2 {
        return Vec::new();
    }
    let mut rounds = Planner::default().build(g, s);
    rounds.truncate(max_rounds);
    rounds
}

/// Rounds for `g` groups of `s` in which every pair meets and as few pairs
/// as possible meet twice, when such a design is known (`None` otherwise).
pub fn covering(g: usize, s: usize) -> Option<Vec<Round>> {
    covering::build(g, s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Method {
    Single,
    RoundRobin,
    Known,
    /// Inflate a `(g / m) x s` schedule by a resolvable TD(s, m).
    Inflate(usize),
}

/// The best method for each shape, and the transversal designs it may use.
#[derive(Debug, Default)]
struct Planner {
    memo: HashMap<(usize, usize), (usize, Method)>,
    designs: Designs,
}

impl Planner {
    fn best(&mut self, g: usize, s: usize) -> (usize, Method) {
        if let Some(&hit) = self.memo.get(&(g, s)) {
            return hit;
        }
        let mut choice = (1, Method::Single);
        if g >= 2 && s <= g {
            if s == 2 {
                choice = choice.max((2 * g - 1, Method::RoundRobin));
            }
            if let Some(rounds) = known::rounds(g, s) {
                choice = choice.max((rounds, Method::Known));
            }
            for m in s.max(2)..=g {
                // A TD(s + 1, m) resolves into m rounds of a TD(s, m).
                if !g.is_multiple_of(m) || !self.designs.exists(s + 1, m) {
                    continue;
                }
                let base = self.best(g / m, s).0;
                let fibres = if m % s == 0 { self.best(m / s, s).0 } else { 0 };
                choice = choice.max((base * m + fibres, Method::Inflate(m)));
            }
        }
        self.memo.insert((g, s), choice);
        choice
    }

    fn build(&mut self, g: usize, s: usize) -> Vec<Round> {
        match self.best(g, s).1 {
            Method::Single => vec![(0..g).map(|i| (i * s..(i + 1) * s).collect()).collect()],
            Method::RoundRobin => round_robin(2 * g),
            Method::Known => known::build(g, s).unwrap_or_default(),
            Method::Inflate(m) => {
                let base = self.build(g / m, s);
                let fibres = if m % s == 0 {
                    self.build(m / s, s)
                } else {
                    Vec::new()
                };
                match self.designs.build(s + 1, m) {
                    Some(design) => inflate(&base, s, &resolve(&design, m), &fibres),
                    None => Vec::new(),
                }
            }
        }
    }
}

/// Round robin by the circle method: person `m-1` stays, the others rotate.
pub fn round_robin(m: usize) -> Vec<Round> {
    if m < 2 || m % 2 == 1 {
        return Vec::new();
    }
    let k = m - 1;
    (0..k)
        .map(|r| {
            let mut round = vec![vec![r, m - 1]];
            for i in 1..m / 2 {
                round.push(vec![(r + i) % k, (r + k - i) % k]);
            }
            round
        })
        .collect()
}

/// Point `p` of the base becomes points `p * m .. p * m + m`. Each group of
/// a base round becomes, for each parallel class of the resolvable TD(s, m),
/// one round of its blocks (member `i` of the group takes class `i`): copies
/// of two base points who met once meet once, copies of one point never.
/// The fibre rounds then run on every set of copies at once.
fn inflate(base: &[Round], s: usize, classes: &[Blocks], fibres: &[Round]) -> Vec<Round> {
    let m = classes.len();
    let base_points: usize = base.first().map_or(0, |r| r.iter().map(Vec::len).sum());
    let mut rounds = Vec::new();
    for base_round in base {
        for class in classes {
            let mut round = Vec::with_capacity(base_round.len() * m);
            for group in base_round {
                for block in class {
                    round.push(group.iter().zip(block).map(|(&p, &x)| p * m + x).collect());
                }
            }
            rounds.push(round);
        }
    }
    debug_assert!(fibres.iter().all(|r| r.len() * s == m));
    for fibre_round in fibres {
        let mut round = Vec::new();
        for p in 0..base_points {
            for group in fibre_round {
                round.push(group.iter().map(|&x| p * m + x).collect());
            }
        }
        rounds.push(round);
    }
    rounds
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;
    use crate::quality::PairCounts;

    fn assert_repeat_free(g: usize, s: usize, rounds: &[Round]) {
        let n = g * s;
        let mut counts = PairCounts::new(n);
        for round in rounds {
            assert_eq!(round.len(), g, "{g}-{s}");
            let mut seen = vec![false; n];
            for group in round {
                assert_eq!(group.len(), s);
                for &p in group {
                    assert!(!seen[p], "{g}-{s}: {p} twice");
                    seen[p] = true;
                }
            }
            counts.add_round(round);
        }
        assert!(counts.max_pair_meetings() <= 1, "{g}-{s} repeats");
    }

    #[test]
    fn constructions_are_valid_and_as_long_as_promised() {
        let expected = [
            ((4, 2), 7),
            ((10, 2), 19),
            ((3, 3), 4),
            ((9, 3), 13),
            ((4, 4), 5),
            ((5, 5), 6),
            ((7, 5), 7),
            ((8, 8), 9),
            ((9, 9), 10),
            ((8, 6), 8),
            ((2, 3), 1),
            ((5, 3), 7),
            ((6, 3), 8),
            ((7, 4), 9),
            ((10, 3), 14),
            ((10, 5), 8),
            ((15, 3), 22),
            ((10, 10), 4),
            ((20, 5), 21),
            ((50, 5), 58),
            ((100, 5), 121),
        ];
        for ((g, s), w) in expected {
            assert!(construction_rounds(g, s) >= w, "{g}-{s}");
            let rounds = construct(g, s, usize::MAX);
            assert_eq!(rounds.len(), construction_rounds(g, s));
            assert_repeat_free(g, s, &rounds);
        }
        for (g, s) in [
            (20, 5),
            (50, 5),
            (100, 5),
            (6, 3),
            (10, 3),
            (7, 4),
            (8, 4),
            (5, 3),
        ] {
            let rounds = construct(g, s, usize::MAX);
            assert_repeat_free(g, s, &rounds);
        }
    }
}
