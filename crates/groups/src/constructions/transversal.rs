//! Transversal designs TD(k, n): k classes of n points and blocks of k points,
//! one from each class, such that two points of different classes lie in
//! exactly one block.
//!
//! A block is stored as its k symbols: `block[i]` in `0..n` is its point of
//! class `i`. Deleting the last class leaves a resolvable TD(k - 1, n), since
//! the blocks through one deleted point meet every other class once each
//! ([`resolve`]); the Social Golfer inflation in the parent module needs
//! exactly that for groups of k - 1.
//!
//! Sources, the first that applies being used:
//! * n = 1: one block;
//! * a finite field GF(n), k <= n + 1;
//! * n = 20, k <= 6: a published quasi-difference matrix over Z_19;
//! * the product of a TD(k, a) and a TD(k, b) for n = a b;
//! * Wilson's construction with one truncated point, for n = m t + 1, from a
//!   TD(k + 1, t) over GF(t), a TD(k, m) and a TD(k, m + 1) (e.g. 50 = 7 * 7 + 1).
//!
//! This is enough for 4 mutually orthogonal Latin squares of orders 20, 50 and
//! 100 (TD(6, n)), which no finite field gives.

use std::collections::HashMap;

use super::field::Field;

/// One block per entry; `block[i]` is the block's point of class `i`.
pub(crate) type Blocks = Vec<Vec<usize>>;

/// How a TD(k, n) is obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Single,
    Field,
    QuasiDifference19,
    /// TD(k, a) x TD(k, n / a).
    Product(usize),
    /// n = m t + 1 from TD(k + 1, t), TD(k, m), TD(k, m + 1).
    Wilson {
        t: usize,
        m: usize,
    },
}

/// The (19, 6; 1, 1; 1) quasi-difference matrix over Z_19 from the Handbook of
/// Combinatorial Designs, 2nd ed., III.3.49 (as also tabulated in SageMath's
/// designs database, `QDM_19_6_1_1_1`), written as its 7 base columns of 6
/// rows; `None` is the empty entry. Each base column stands for three columns:
/// itself and its images under the row permutation (0 1 2)(3 5 4) applied
/// twice (see [`qdm_19_columns`]), 21 columns in all. Every row then has one
/// empty entry, and for any two rows the differences of their non-empty
/// entries in the same column cover Z_19 exactly once (the unit test
/// checks the design this gives).
const QDM_19_BASE_COLUMNS: [[Option<u8>; 6]; 7] = [
    [None, Some(0), Some(0), Some(7), Some(1), Some(11)],
    [Some(7), Some(1), Some(11), None, Some(0), Some(0)],
    [Some(13), Some(15), Some(10), Some(13), Some(15), Some(10)],
    [Some(1), Some(7), Some(11), Some(16), Some(17), Some(5)],
    [Some(16), Some(17), Some(5), Some(1), Some(7), Some(11)],
    [Some(9), Some(6), Some(4), Some(2), Some(14), Some(3)],
    [Some(2), Some(14), Some(3), Some(9), Some(6), Some(4)],
];

/// The 21 columns of the quasi-difference matrix: each base column
/// `(a, b, c, d, e, f)` and its two images `(b, c, a, f, d, e)` and
/// `(c, a, b, e, f, d)`.
fn qdm_19_columns() -> Vec<[Option<u8>; 6]> {
    let mut columns = Vec::with_capacity(21);
    for column in QDM_19_BASE_COLUMNS {
        let [a, b, c, d, e, f] = column;
        columns.push([a, b, c, d, e, f]);
        columns.push([b, c, a, f, d, e]);
        columns.push([c, a, b, e, f, d]);
    }
    columns
}

/// Decides which transversal designs exist here and builds them, remembering
/// the decisions (the recursion asks for the same small designs many times).
#[derive(Debug, Default)]
pub(crate) struct Designs {
    memo: HashMap<(usize, usize), Option<Source>>,
}

impl Designs {
    /// Whether this module can build a TD(k, n).
    pub(crate) fn exists(&mut self, k: usize, n: usize) -> bool {
        self.source(k, n).is_some()
    }

    fn source(&mut self, k: usize, n: usize) -> Option<Source> {
        if let Some(&hit) = self.memo.get(&(k, n)) {
            return hit;
        }
        let found = self.find_source(k, n);
        self.memo.insert((k, n), found);
        found
    }

    fn find_source(&mut self, k: usize, n: usize) -> Option<Source> {
        if n == 0 || k == 0 {
            return None;
        }
        if n == 1 {
            return Some(Source::Single);
        }
        if k <= n + 1 && Field::constructible(n) {
            return Some(Source::Field);
        }
        if n == 20 && k <= 6 {
            return Some(Source::QuasiDifference19);
        }
        let mut a = 2;
        while a * a <= n {
            if n.is_multiple_of(a) && self.exists(k, a) && self.exists(k, n / a) {
                return Some(Source::Product(a));
            }
            a += 1;
        }
        // Wilson needs a TD(k + 1, t) from a field: t >= k.
        for t in k.max(2)..n {
            if !(n - 1).is_multiple_of(t) || !Field::constructible(t) {
                continue;
            }
            let m = (n - 1) / t;
            if m >= 1 && self.exists(k, m) && self.exists(k, m + 1) {
                return Some(Source::Wilson { t, m });
            }
        }
        None
    }

    /// The blocks of a TD(k, n), or `None` when [`Designs::exists`] is false.
    pub(crate) fn build(&mut self, k: usize, n: usize) -> Option<Blocks> {
        match self.source(k, n)? {
            Source::Single => Some(vec![vec![0; k]]),
            Source::Field => field_design(k, &Field::new(n)?),
            Source::QuasiDifference19 => Some(qdm_19_design(k)),
            Source::Product(a) => {
                let left = self.build(k, a)?;
                let right = self.build(k, n / a)?;
                Some(product(&left, &right, n / a))
            }
            Source::Wilson { t, m } => {
                let big = field_design(k + 1, &Field::new(t)?)?;
                let small = self.build(k, m)?;
                let holed = self.build(k, m + 1)?;
                Some(wilson(&big, &small, holed, t, m))
            }
        }
    }
}

/// TD(k, q) over GF(q), `k <= q + 1`: block `(a, b)` has `a * i + b` in class
/// `i < k - 1` (with `i` read as a field element) and `a` in the last class.
/// Two classes `i, j < k - 1` determine `a` from `a (i - j)` and then `b`; the
/// last class fixes `a` and any other class then fixes `b`. Resolving by the
/// last class gives the rounds `a`, groups `b`.
fn field_design(k: usize, field: &Field) -> Option<Blocks> {
    let q = field.order();
    if k > q + 1 || k == 0 {
        return None;
    }
    let mut blocks = Vec::with_capacity(q * q);
    for a in 0..q {
        for b in 0..q {
            let mut block: Vec<usize> = (0..k - 1).map(|i| field.add(field.mul(a, i), b)).collect();
            block.push(a);
            blocks.push(block);
        }
    }
    Some(blocks)
}

/// TD(k, 20), `k <= 6`, from the quasi-difference matrix: class `i` is
/// Z_19 plus the point 19; each column `c` and shift `x` in Z_19 give the
/// block `c[i] + x` (19 where `c[i]` is empty), and one more block is 19
/// everywhere. The pair property follows from the differences of two rows
/// covering Z_19 once, and from each row having one empty entry.
fn qdm_19_design(k: usize) -> Blocks {
    let k = k.min(6);
    let mut blocks = Vec::with_capacity(400);
    for column in qdm_19_columns() {
        for shift in 0..19 {
            blocks.push(
                column[..k]
                    .iter()
                    .map(|entry| entry.map_or(19, |e| (usize::from(e) + shift) % 19))
                    .collect(),
            );
        }
    }
    blocks.push(vec![19; k]);
    blocks
}

/// The product TD(k, a b): point `(x, y)` of class `i` is `x * b + y`, and
/// every pair of blocks gives the block of their pairs.
fn product(left: &Blocks, right: &Blocks, b: usize) -> Blocks {
    let mut blocks = Vec::with_capacity(left.len() * right.len());
    for l in left {
        for r in right {
            blocks.push(l.iter().zip(r).map(|(&x, &y)| x * b + y).collect());
        }
    }
    blocks
}

/// Wilson's construction, TD(k, m t + 1). Of the TD(k + 1, t) `big`, keep
/// only point 0 of the last class; every point `x` of the other k classes
/// becomes the m points `x * m + a` and each class gains one point at
/// infinity, `t * m`. A block of `big` through the kept point carries the
/// TD(k, m + 1) `holed` (symbol m standing for infinity) without its block of
/// infinities, the other blocks carry the TD(k, m) `small`; one block of
/// infinities is added at the end. Two finite points of different classes
/// come from points of `big` on exactly one block, so they meet exactly once;
/// a finite point and an infinity meet in the one block of `big` through the
/// finite point's origin and the kept point.
fn wilson(big: &Blocks, small: &Blocks, mut holed: Blocks, t: usize, m: usize) -> Blocks {
    let k = small.first().map_or(0, Vec::len);
    let infinity = t * m;
    // Rename symbols class by class so that the first block of `holed` is m
    // everywhere: that block is the hole.
    if let Some(first) = holed.first().cloned() {
        for block in &mut holed {
            for (symbol, &hole) in block.iter_mut().zip(&first) {
                if *symbol == hole {
                    *symbol = m;
                } else if *symbol == m {
                    *symbol = hole;
                }
            }
        }
    }
    let mut blocks = Vec::with_capacity((m * t + 1) * (m * t + 1));
    for origin in big {
        let through_kept = origin[k] == 0;
        let filling = if through_kept {
            &holed[1..]
        } else {
            &small[..]
        };
        for inner in filling {
            blocks.push(
                inner
                    .iter()
                    .zip(origin)
                    .map(|(&a, &x)| if a == m { infinity } else { x * m + a })
                    .collect(),
            );
        }
    }
    blocks.push(vec![infinity; k]);
    blocks
}

/// The resolvable TD(k - 1, n) left by deleting the last class: `classes[p]`
/// lists the blocks through point `p` of the deleted class, cut to their
/// first k - 1 points (they partition every remaining class).
pub(crate) fn resolve(blocks: &Blocks, n: usize) -> Vec<Blocks> {
    let mut classes = vec![Vec::with_capacity(n); n];
    for block in blocks {
        if let Some((&last, rest)) = block.split_last()
            && let Some(class) = classes.get_mut(last)
        {
            class.push(rest.to_vec());
        }
    }
    classes
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// Every pair of points from different classes in exactly one block.
    fn assert_transversal_design(blocks: &Blocks, k: usize, n: usize) {
        assert_eq!(blocks.len(), n * n, "TD({k}, {n}) block count");
        let mut seen = vec![0u8; k * n * k * n];
        for block in blocks {
            assert_eq!(block.len(), k);
            assert!(block.iter().all(|&x| x < n));
            for i in 0..k {
                for j in i + 1..k {
                    let a = i * n + block[i];
                    let b = j * n + block[j];
                    seen[a * k * n + b] += 1;
                }
            }
        }
        for i in 0..k {
            for j in i + 1..k {
                for x in 0..n {
                    for y in 0..n {
                        assert_eq!(
                            seen[(i * n + x) * k * n + j * n + y],
                            1,
                            "TD({k}, {n}): classes {i}, {j}, points {x}, {y}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn quasi_difference_matrix_gives_td_6_20() {
        let blocks = qdm_19_design(6);
        assert_transversal_design(&blocks, 6, 20);
    }

    #[test]
    fn designs_for_the_social_golfer_targets_are_transversal() {
        let mut designs = Designs::default();
        for (k, n) in [
            (6, 20),
            (6, 50),
            (6, 100),
            (6, 5),
            (6, 8),
            (7, 7),
            (3, 6),
            (4, 12),
        ] {
            let blocks = designs.build(k, n).expect("exists");
            assert_transversal_design(&blocks, k, n);
        }
        assert_eq!(designs.source(6, 50), Some(Source::Wilson { t: 7, m: 7 }));
        assert_eq!(designs.source(6, 100), Some(Source::Product(5)));
        assert!(!designs.exists(6, 10));
        assert!(!designs.exists(4, 2));
        assert!(!designs.exists(4, 10));
    }

    #[test]
    fn resolution_partitions_the_remaining_classes() {
        let mut designs = Designs::default();
        let n = 50;
        let classes = resolve(&designs.build(6, n).unwrap(), n);
        assert_eq!(classes.len(), n);
        for class in &classes {
            assert_eq!(class.len(), n);
            for i in 0..5 {
                let mut seen = vec![false; n];
                for block in class {
                    assert!(!seen[block[i]]);
                    seen[block[i]] = true;
                }
            }
        }
    }
}
