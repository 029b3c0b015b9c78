//! Splitting `n` people into group sizes that are as even as possible.

use serde::{Deserialize, Serialize};

use crate::error::GroupsError;

/// How the caller wants groups sized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sizing {
    /// Groups of this size; a remainder makes some groups one larger or one
    /// smaller (whichever changes fewer groups), never a group of one.
    Target(usize),
    /// Exactly this many groups, sizes differing by at most one.
    Count(usize),
    /// Every group between `min` and `max` people, as few groups as possible.
    Range { min: usize, max: usize },
}

/// Sizes of groups for `n` people as `sizing` asks, largest first.
pub fn plan_sizes(n: usize, sizing: Sizing) -> Result<Vec<usize>, GroupsError> {
    match sizing {
        Sizing::Target(s) => target_sizes(n, s),
        Sizing::Count(g) => {
            if g == 0 || n < 2 * g {
                return Err(GroupsError::InvalidGroupCount {
                    groups: g,
                    people: n,
                });
            }
            Ok(even_split(n, g))
        }
        Sizing::Range { min, max } => {
            if min < 2 {
                return Err(GroupsError::GroupSizeTooSmall { size: min });
            }
            if min > max {
                return Err(GroupsError::ImpossibleSizes {
                    people: n,
                    detail: format!("minimum size {min} is above maximum size {max}"),
                });
            }
            if n < min {
                return Err(GroupsError::TooFewPeople {
                    people: n,
                    needed: min,
                });
            }
            // Fewest groups of at most `max`, then check the even split respects `min`.
            let g = n.div_ceil(max);
            if n / g < min {
                return Err(GroupsError::ImpossibleSizes {
                    people: n,
                    detail: format!("no number of groups keeps every size between {min} and {max}"),
                });
            }
            Ok(even_split(n, g))
        }
    }
}

/// `n` split into `g` sizes differing by at most one, largest first.
pub fn even_split(n: usize, g: usize) -> Vec<usize> {
    if g == 0 {
        return Vec::new();
    }
    let (q, r) = (n / g, n % g);
    (0..g).map(|i| if i < r { q + 1 } else { q }).collect()
}

fn target_sizes(n: usize, s: usize) -> Result<Vec<usize>, GroupsError> {
    if s < 2 {
        return Err(GroupsError::GroupSizeTooSmall { size: s });
    }
    if n < s {
        return Err(GroupsError::TooFewPeople {
            people: n,
            needed: s,
        });
    }
    let r = n % s;
    if r == 0 {
        return Ok(vec![s; n / s]);
    }
    let fewer = n / s; // groups of s and s+1: r groups grow
    let more = n.div_ceil(s); // groups of s and s-1: s-r groups shrink
    let fewer_ok = r <= fewer;
    let more_ok = s > 2 && s - r <= more;
    let g = match (fewer_ok, more_ok) {
        (true, true) => {
            if s - r < r {
                more
            } else {
                fewer
            }
        }
        (true, false) => fewer,
        (false, true) => more,
        // Cannot stay within s±1: fall back to the even split with groups of at least 2.
        (false, false) => fewer.max(1),
    };
    Ok(even_split(n, g))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn target_sizes_stay_within_one() {
        assert_eq!(plan_sizes(12, Sizing::Target(4)).unwrap(), vec![4, 4, 4]);
        assert_eq!(plan_sizes(13, Sizing::Target(4)).unwrap(), vec![5, 4, 4]);
        assert_eq!(plan_sizes(15, Sizing::Target(4)).unwrap(), vec![4, 4, 4, 3]);
        assert_eq!(plan_sizes(5, Sizing::Target(2)).unwrap(), vec![3, 2]);
        assert_eq!(plan_sizes(3, Sizing::Target(2)).unwrap(), vec![3]);
        for n in 2..60 {
            for s in 2..=n.min(9) {
                let sizes = plan_sizes(n, Sizing::Target(s)).unwrap();
                assert_eq!(sizes.iter().sum::<usize>(), n);
                assert!(sizes.iter().all(|&x| x >= 2), "{n} {s} {sizes:?}");
            }
        }
    }

    #[test]
    fn sizing_errors() {
        assert_eq!(
            plan_sizes(10, Sizing::Target(1)).unwrap_err(),
            GroupsError::GroupSizeTooSmall { size: 1 }
        );
        assert!(matches!(
            plan_sizes(3, Sizing::Target(4)).unwrap_err(),
            GroupsError::TooFewPeople { .. }
        ));
        assert!(matches!(
            plan_sizes(10, Sizing::Count(6)).unwrap_err(),
            GroupsError::InvalidGroupCount { .. }
        ));
        let e = plan_sizes(10, Sizing::Range { min: 4, max: 3 }).unwrap_err();
        assert!(
            e.to_string()
                .contains("minimum size 4 is above maximum size 3")
        );
        let e = plan_sizes(7, Sizing::Range { min: 4, max: 5 }).unwrap_err();
        assert!(e.to_string().contains("no number of groups"), "{e}");
        assert_eq!(
            plan_sizes(10, Sizing::Range { min: 3, max: 4 }).unwrap(),
            vec![4, 3, 3]
        );
    }
}
