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

fn find(g: usize, s: usize) -> Option<&'static Design> {
    DESIGNS.iter().find(|d| d.groups == g && d.size == s)
}

/// Rounds of the known design for `g` groups of `s`, if there is one.
pub fn rounds(g: usize, s: usize) -> Option<usize> {
    find(g, s).map(|d| d.blocks.len() / d.groups * d.w)
}

/// The known design for `g` groups of `s`.
pub fn build(g: usize, s: usize) -> Option<Vec<Round>> {
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
