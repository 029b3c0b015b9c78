//! Small resolvable designs given by 1-rotational base blocks.
//!
//! Points are `orbit * w + x` for `x` in Z_w and `orbits` orbits, plus fixed
//! points numbered from `orbits * w`. Each base parallel class, shifted by
//! `r = 0..w` (fixed points stay), is a round. The blocks were found by a
//! backtracking search over distinct differences (every mixed and pure
//! difference used at most once, no difference w/2, each fixed point meeting
//! each orbit at most once), so every pair meets at most once; the tests in
//! `constructions` check this again.

use crate::quality::Round;

struct Design {
    groups: usize,
    size: usize,
    w: usize,
    orbits: usize,
    /// Base classes one after another, `groups` blocks each.
    blocks: &'static [&'static [usize]],
}

const DESIGNS: &[Design] = &[
    // Kirkman triple system KTS(15): 7 rounds of 5 triples.
    Design {
        groups: 5,
        size: 3,
        w: 7,
        orbits: 2,
        blocks: &[
            &[14, 0, 9],
            &[1, 5, 12],
            &[2, 3, 8],
            &[4, 6, 7],
            &[10, 11, 13],
        ],
    },
    // Nearly Kirkman triple system NKTS(18): two base classes over Z_4, 8 rounds.
    Design {
        groups: 6,
        size: 3,
        w: 4,
        orbits: 4,
        blocks: &[
            &[16, 11, 13],
            &[17, 3, 6],
            &[0, 1, 10],
            &[2, 14, 15],
            &[4, 5, 8],
            &[7, 9, 12],
            &[16, 2, 7],
            &[17, 10, 14],
            &[0, 4, 15],
            &[1, 8, 9],
            &[3, 5, 13],
            &[6, 11, 12],
        ],
    },
    // Resolvable BIBD(28, 4, 1): 9 rounds of 7 groups of 4.
    Design {
        groups: 7,
        size: 4,
        w: 9,
        orbits: 3,
        blocks: &[
            &[27, 0, 9, 24],
            &[1, 8, 13, 26],
            &[2, 3, 6, 10],
            &[4, 18, 21, 23],
            &[5, 11, 16, 25],
            &[7, 17, 19, 20],
            &[12, 14, 15, 22],
        ],
    },
    // 10 groups of 5 for 8 rounds (50 people).
    Design {
        groups: 10,
        size: 5,
        w: 8,
        orbits: 6,
        blocks: &[
            &[48, 18, 26, 36, 44],
            &[49, 14, 16, 32, 43],
            &[0, 9, 15, 24, 45],
            &[1, 33, 34, 39, 40],
            &[2, 8, 13, 29, 37],
            &[3, 5, 6, 31, 46],
            &[4, 23, 25, 27, 38],
            &[7, 11, 12, 17, 20],
            &[10, 21, 22, 28, 35],
            &[19, 30, 41, 42, 47],
        ],
    },
    // Nearly Kirkman triple system NKTS(30): 14 rounds of 10 triples.
    Design {
        groups: 10,
        size: 3,
        w: 14,
        orbits: 2,
        blocks: &[
            &[28, 0, 27],
            &[29, 1, 23],
            &[2, 14, 20],
            &[3, 8, 22],
            &[4, 6, 7],
            &[5, 11, 21],
            &[9, 13, 24],
            &[10, 17, 19],
            &[12, 15, 18],
            &[16, 25, 26],
        ],
    },
];

/// Two orthogonal Latin squares of order 10 (found by an exact-cover search
/// for ten disjoint transversals of a random Latin square). With rows and
/// columns they give 4 repeat-free rounds of 10 groups of 10.
const MOLS_10: [[[u8; 10]; 10]; 2] = [
    [
        [4, 1, 6, 8, 0, 3, 2, 9, 5, 7],
        [0, 4, 9, 2, 6, 1, 3, 7, 8, 5],
        [1, 5, 3, 4, 8, 9, 0, 6, 7, 2],
        [8, 9, 0, 5, 7, 2, 4, 1, 6, 3],
        [5, 2, 1, 9, 4, 6, 7, 8, 3, 0],
        [9, 3, 2, 6, 1, 7, 8, 5, 0, 4],
        [3, 8, 7, 1, 9, 4, 5, 0, 2, 6],
        [6, 7, 8, 3, 5, 0, 9, 2, 4, 1],
        [2, 0, 5, 7, 3, 8, 6, 4, 1, 9],
        [7, 6, 4, 0, 2, 5, 1, 3, 9, 8],
    ],
    [
        [5, 6, 4, 7, 2, 1, 8, 3, 0, 9],
        [7, 0, 9, 1, 6, 3, 5, 8, 2, 4],
        [2, 3, 7, 4, 8, 0, 9, 1, 6, 5],
        [4, 2, 1, 9, 7, 6, 3, 5, 8, 0],
        [8, 7, 0, 5, 1, 9, 2, 6, 4, 3],
        [1, 8, 2, 3, 9, 4, 0, 7, 5, 6],
        [6, 9, 5, 8, 4, 7, 1, 0, 3, 2],
        [0, 1, 3, 2, 5, 8, 6, 4, 9, 7],
        [9, 4, 6, 0, 3, 5, 7, 2, 1, 8],
        [3, 5, 8, 6, 0, 2, 4, 9, 7, 1],
    ],
];

/// Rows, columns, then the symbol classes of each square (point `10 r + c`).
fn mols_10_rounds() -> Vec<Round> {
    let rows = (0..10)
        .map(|r| (0..10).map(|c| 10 * r + c).collect())
        .collect();
    let columns = (0..10)
        .map(|c| (0..10).map(|r| 10 * r + c).collect())
        .collect();
    let mut rounds = vec![rows, columns];
    for square in &MOLS_10 {
        let mut round: Round = vec![Vec::new(); 10];
        for (r, row) in square.iter().enumerate() {
            for (c, &symbol) in row.iter().enumerate() {
                round[usize::from(symbol)].push(10 * r + c);
            }
        }
        rounds.push(round);
    }
    rounds
}

fn find(g: usize, s: usize) -> Option<&'static Design> {
    DESIGNS.iter().find(|d| d.groups == g && d.size == s)
}

/// Rounds of the known design for `g` groups of `s`, if there is one.
pub fn rounds(g: usize, s: usize) -> Option<usize> {
    if (g, s) == (10, 10) {
        return Some(4);
    }
    find(g, s).map(|d| d.blocks.len() / d.groups * d.w)
}

/// The known design for `g` groups of `s`.
pub fn build(g: usize, s: usize) -> Option<Vec<Round>> {
    if (g, s) == (10, 10) {
        return Some(mols_10_rounds());
    }
    let d = find(g, s)?;
    let finite = d.orbits * d.w;
    let mut rounds = Vec::new();
    for class in d.blocks.chunks(d.groups) {
        for r in 0..d.w {
            let round = class
                .iter()
                .map(|block| {
                    block
                        .iter()
                        .map(|&p| {
                            if p < finite {
                                (p / d.w) * d.w + (p % d.w + r) % d.w
                            } else {
                                p
                            }
                        })
                        .collect()
                })
                .collect();
            rounds.push(round);
        }
    }
    Some(rounds)
}
