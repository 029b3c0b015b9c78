//! Debrief picker: k speakers from k different groups.
//!
//! Each group's candidate is its best person by (volunteer first, fewest times
//! spoken, seeded tie-break); the k groups with the best candidates speak.

use std::collections::HashMap;

use serde::Serialize;

use crate::error::GroupsError;
use crate::rng::Rng;

/// A chosen speaker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Speaker {
    pub person: usize,
    /// Index of their group in the input.
    pub group: usize,
}

/// Pick `k` speakers from `k` different groups of present people.
/// `spoken` counts earlier turns per person (missing = 0).
pub fn pick_speakers(
    groups: &[Vec<usize>],
    k: usize,
    volunteers: &[usize],
    spoken: &HashMap<usize, u32>,
    seed: u64,
) -> Result<Vec<Speaker>, GroupsError> {
    let available = groups.iter().filter(|g| !g.is_empty()).count();
    if available < k {
        return Err(GroupsError::NotEnoughGroups {
            wanted: k,
            available,
        });
    }
    let mut rng = Rng::new(seed);
    let mut candidates: Vec<((bool, u32, u64), Speaker)> = Vec::new();
    for (group, members) in groups.iter().enumerate() {
        let best = members
            .iter()
            .map(|&p| {
                let key = (
                    !volunteers.contains(&p),
                    spoken.get(&p).copied().unwrap_or(0),
                    rng.next_u64(),
                );
                (key, p)
            })
            .min();
        if let Some((key, person)) = best {
            candidates.push((key, Speaker { person, group }));
        }
    }
    candidates.sort_by_key(|(key, _)| *key);
    Ok(candidates.into_iter().take(k).map(|(_, s)| s).collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn volunteers_then_least_spoken() {
        let groups = vec![vec![0, 1], vec![2, 3], vec![4, 5]];
        let spoken: HashMap<usize, u32> = [(0, 3), (1, 2), (2, 0), (3, 1), (4, 5), (5, 5)].into();
        let picked = pick_speakers(&groups, 2, &[5], &spoken, 9).unwrap();
        assert_eq!(
            picked[0],
            Speaker {
                person: 5,
                group: 2
            }
        );
        assert_eq!(
            picked[1],
            Speaker {
                person: 2,
                group: 1
            }
        );
        assert_eq!(pick_speakers(&groups, 2, &[5], &spoken, 9).unwrap(), picked);
    }

    #[test]
    fn too_few_groups_is_error() {
        let e = pick_speakers(&[vec![0], vec![]], 2, &[], &HashMap::new(), 0).unwrap_err();
        assert_eq!(
            e.to_string(),
            "2 speakers wanted from different groups but only 1 groups have someone present"
        );
    }
}
