//! The exact search that found the base blocks of the 60-people covering in
//! `src/constructions/covering.rs` (20 rounds of 15 groups of 4, every pair
//! meeting, 30 pairs meeting twice).
//!
//! Points are `(x, i)`, `x` in Z_15, `i` in Z_4 (index `15 i + x`), with
//! `tau: x -> x + 1` and `mu: (x, i) -> (2 x, i + 1)`. Round R is fixed by
//! `mu` and shifted by `tau^0..tau^14`; round S is fixed by `tau^5` and `mu`
//! and shifted by `tau^0..tau^4`. Every orbit of pairs under `<tau, mu>`
//! must be met exactly once, except that one orbit of 30 pairs (a perfect
//! matching) may be met twice. The search is a depth-first exact cover over
//! orbits of blocks: S first, then R, always covering the lowest free point.
//!
//! `nice -n 19 cargo run --release -p hearth-groups --example covering_search`
//! prints the orbit representatives (about a minute and a half on a busy
//! 2-core machine).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

const N: usize = 60;

type Perm = Vec<usize>;

fn compose(a: &Perm, b: &Perm) -> Perm {
    (0..N).map(|p| a[b[p]]).collect()
}

/// Every product of the generators.
fn closure(generators: &[Perm]) -> Vec<Perm> {
    let mut all: Vec<Perm> = vec![(0..N).collect()];
    let mut i = 0;
    while i < all.len() {
        for g in generators {
            let h = compose(g, &all[i]);
            if !all.contains(&h) {
                all.push(h);
            }
        }
        i += 1;
    }
    all
}

/// An orbit of blocks under a round's stabiliser, with the pair orbits it
/// meets (weighted by the number of rounds the round is shifted into).
struct Candidate {
    mask: u64,
    meets: Vec<(usize, usize)>,
    blocks: Vec<[usize; 4]>,
}

struct PairOrbits {
    id: Vec<usize>,
    size: Vec<usize>,
}

impl PairOrbits {
    fn new(group: &[Perm]) -> Self {
        let mut id = vec![usize::MAX; N * N];
        let mut size = Vec::new();
        for p in 0..N {
            for q in p + 1..N {
                if id[p * N + q] != usize::MAX {
                    continue;
                }
                let k = size.len();
                let mut count = 0;
                for g in group {
                    let (a, b) = (g[p], g[q]);
                    if id[a * N + b] == usize::MAX {
                        id[a * N + b] = k;
                        id[b * N + a] = k;
                        count += 1;
                    }
                }
                size.push(count);
            }
        }
        PairOrbits { id, size }
    }

    /// Orbits of 30 pairs (perfect matchings) may be met twice.
    fn capacity(&self, o: usize) -> usize {
        if 2 * self.size[o] == N {
            2 * self.size[o]
        } else {
            self.size[o]
        }
    }
}

/// Every orbit of blocks under `stabiliser` whose blocks are disjoint and
/// meet no pair orbit beyond its capacity; `weight` rounds per round.
fn candidates(stabiliser: &[Perm], weight: usize, orbits: &PairOrbits) -> Vec<Candidate> {
    let mut out = Vec::new();
    for a in 0..N {
        for b in a + 1..N {
            for c in b + 1..N {
                for d in c + 1..N {
                    let block = [a, b, c, d];
                    let mut images: Vec<[usize; 4]> = Vec::new();
                    let mut smallest = true;
                    for g in stabiliser {
                        let mut image = block.map(|p| g[p]);
                        image.sort_unstable();
                        smallest &= image >= block;
                        if !images.contains(&image) {
                            images.push(image);
                        }
                    }
                    if !smallest {
                        continue;
                    }
                    let mask = images.iter().flatten().fold(0u64, |m, &p| m | (1u64 << p));
                    if mask.count_ones() as usize != 4 * images.len() {
                        continue;
                    }
                    let mut meets: HashMap<usize, usize> = HashMap::new();
                    for image in &images {
                        for x in 0..4 {
                            for y in x + 1..4 {
                                *meets.entry(orbits.id[image[x] * N + image[y]]).or_default() +=
                                    weight;
                            }
                        }
                    }
                    if meets.iter().all(|(&o, &w)| w <= orbits.capacity(o)) {
                        let mut meets: Vec<(usize, usize)> = meets.into_iter().collect();
                        meets.sort_unstable();
                        out.push(Candidate {
                            mask,
                            meets,
                            blocks: images,
                        });
                    }
                }
            }
        }
    }
    out
}

struct Search<'a> {
    sides: [&'a [Candidate]; 2],
    by_point: [Vec<Vec<usize>>; 2],
    orbits: &'a PairOrbits,
    covered: [u64; 2],
    met: Vec<usize>,
    doubled: usize,
    chosen: Vec<(usize, usize)>,
    nodes: u64,
}

impl Search<'_> {
    fn fits(&self, c: &Candidate, side: usize) -> bool {
        if c.mask & self.covered[side] != 0 {
            return false;
        }
        let mut doubled = self.doubled;
        for &(o, w) in &c.meets {
            let after = self.met[o] + w;
            if after > self.orbits.capacity(o) {
                return false;
            }
            if after > self.orbits.size[o] && self.met[o] <= self.orbits.size[o] {
                doubled += 1;
            }
        }
        doubled <= 1
    }

    fn apply(&mut self, side: usize, k: usize, sign: bool) {
        let c = &self.sides[side][k];
        self.covered[side] ^= c.mask;
        for &(o, w) in &c.meets {
            let before = self.met[o] > self.orbits.size[o];
            if sign {
                self.met[o] += w;
            } else {
                self.met[o] -= w;
            }
            let after = self.met[o] > self.orbits.size[o];
            if after && !before {
                self.doubled += 1;
            } else if before && !after {
                self.doubled -= 1;
            }
        }
    }

    /// S (side 1) first, then R (side 0); true when every point is covered.
    fn run(&mut self) -> bool {
        self.nodes += 1;
        let full = (1u64 << N) - 1;
        let Some(side) = [1, 0].into_iter().find(|&s| self.covered[s] != full) else {
            // Capacities and the count of 1,800 meetings leave no orbit unmet.
            return (0..self.met.len()).all(|o| self.met[o] >= self.orbits.size[o]);
        };
        let point = (!self.covered[side]).trailing_zeros() as usize;
        for i in 0..self.by_point[side][point].len() {
            let k = self.by_point[side][point][i];
            if !self.fits(&self.sides[side][k], side) {
                continue;
            }
            self.apply(side, k, true);
            self.chosen.push((side, k));
            if self.run() {
                return true;
            }
            self.chosen.pop();
            self.apply(side, k, false);
        }
        false
    }
}

fn main() {
    let point = |x: usize, i: usize| 15 * (i % 4) + x % 15;
    let tau: Perm = (0..N).map(|p| point(p % 15 + 1, p / 15)).collect();
    let mu: Perm = (0..N).map(|p| point(2 * (p % 15), p / 15 + 1)).collect();
    let tau5 = (0..4).fold(tau.clone(), |acc, _| compose(&tau, &acc));
    let group = closure(&[tau.clone(), mu.clone()]);
    let orbits = PairOrbits::new(&group);
    let stab_r = closure(std::slice::from_ref(&mu));
    let stab_s = closure(&[tau5, mu]);
    let r = candidates(&stab_r, group.len() / stab_r.len(), &orbits);
    let s = candidates(&stab_s, group.len() / stab_s.len(), &orbits);
    println!(
        "{} pair orbits; {} candidate orbits of blocks for R, {} for S",
        orbits.size.len(),
        r.len(),
        s.len()
    );
    let index = |cands: &[Candidate]| {
        let mut by_point = vec![Vec::new(); N];
        for (k, c) in cands.iter().enumerate() {
            for (p, list) in by_point.iter_mut().enumerate() {
                if c.mask >> p & 1 == 1 {
                    list.push(k);
                }
            }
        }
        by_point
    };
    let mut search = Search {
        sides: [&r, &s],
        by_point: [index(&r), index(&s)],
        orbits: &orbits,
        covered: [0, 0],
        met: vec![0; orbits.size.len()],
        doubled: 0,
        chosen: Vec::new(),
        nodes: 0,
    };
    if !search.run() {
        println!("no solution ({} nodes)", search.nodes);
        return;
    }
    println!(
        "solution after {} nodes; orbit representatives (x, i):",
        search.nodes
    );
    for &(side, k) in &search.chosen {
        let c = &search.sides[side][k];
        let rep: Vec<(usize, usize)> = c.blocks[0].iter().map(|&p| (p % 15, p / 15)).collect();
        println!(
            "{} {:?} ({} blocks)",
            if side == 0 { "R" } else { "S" },
            rep,
            c.blocks.len()
        );
    }
}
