//! Absence and late joiners: this session only, with the fewest moves.
//!
//! Groups whose present members fall below the minimum are dissolved, smallest
//! first, each member joining the currently smallest remaining group (ties: the
//! nearest group index). Dissolving the smallest groups first moves the fewest
//! people, and a dissolved group's members may lift another small group above
//! the minimum so that it need not move too.

use serde::Serialize;

use crate::error::GroupsError;

/// One person moved for this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    pub person: usize,
    /// Saved group index they belong to (`None`: in no saved group).
    pub from_group: Option<usize>,
    /// Saved group index they sit with this time.
    pub to_group: usize,
}

/// A group meeting this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionGroup {
    /// Index of the saved group this is.
    pub saved_group: usize,
    /// People present, guests from merged groups included.
    pub members: Vec<usize>,
}

/// The groups meeting this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionPlan {
    pub groups: Vec<SessionGroup>,
    pub moves: Vec<Move>,
    /// Saved groups dissolved for this session.
    pub merged_groups: Vec<usize>,
    /// True when fewer people are present than the minimum, so the single
    /// remaining group is below it.
    pub below_minimum: bool,
}

fn saved_group_of(saved: &[Vec<usize>], person: usize) -> Option<usize> {
    saved.iter().position(|g| g.contains(&person))
}

/// Plan a session from the saved groups and who is present.
pub fn plan_session(
    saved: &[Vec<usize>],
    present: &[usize],
    min_size: usize,
) -> Result<SessionPlan, GroupsError> {
    if min_size < 2 {
        return Err(GroupsError::GroupSizeTooSmall { size: min_size });
    }
    let mut seen = std::collections::HashSet::new();
    for &p in saved.iter().flatten() {
        if !seen.insert(p) {
            return Err(GroupsError::DuplicateId {
                context: "saved groups".into(),
                id: p.to_string(),
            });
        }
    }
    // Looked up once per person present: a live event may seat thousands.
    let group_of: std::collections::HashMap<usize, usize> = saved
        .iter()
        .enumerate()
        .flat_map(|(g, people)| people.iter().map(move |&p| (p, g)))
        .collect();
    let mut present_seen = std::collections::HashSet::new();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); saved.len()];
    let mut newcomers = Vec::new();
    for &p in present {
        if !present_seen.insert(p) {
            return Err(GroupsError::DuplicateId {
                context: "present".into(),
                id: p.to_string(),
            });
        }
        match group_of.get(&p).copied() {
            Some(g) => members[g].push(p),
            None => newcomers.push(p),
        }
    }
    let mut dissolved = vec![false; saved.len()];
    let mut moves = Vec::new();
    let mut small: Vec<usize> = (0..saved.len())
        .filter(|&g| !members[g].is_empty() && members[g].len() < min_size)
        .collect();
    small.sort_by_key(|&g| (members[g].len(), g));
    for g in small {
        if members[g].len() >= min_size || dissolved[g] {
            continue; // lifted by an earlier merge
        }
        let others = (0..saved.len()).any(|h| h != g && !dissolved[h] && !members[h].is_empty());
        if !others {
            break;
        }
        dissolved[g] = true;
        for person in std::mem::take(&mut members[g]) {
            if let Some(to) = smallest_group(&members, &dissolved, g) {
                members[to].push(person);
                moves.push(Move {
                    person,
                    from_group: Some(g),
                    to_group: to,
                });
            }
        }
    }
    for person in newcomers {
        let to = smallest_group(&members, &dissolved, 0).unwrap_or(0);
        if to < members.len() {
            members[to].push(person);
            moves.push(Move {
                person,
                from_group: None,
                to_group: to,
            });
        }
    }
    let groups: Vec<SessionGroup> = members
        .into_iter()
        .enumerate()
        .filter(|(g, m)| !m.is_empty() && !dissolved[*g])
        .map(|(saved_group, members)| SessionGroup {
            saved_group,
            members,
        })
        .collect();
    let below_minimum = groups.iter().any(|g| g.members.len() < min_size);
    Ok(SessionPlan {
        groups,
        moves,
        merged_groups: (0..saved.len()).filter(|&g| dissolved[g]).collect(),
        below_minimum,
    })
}

/// Smallest non-empty, non-dissolved group, nearest to `near` on ties.
fn smallest_group(members: &[Vec<usize>], dissolved: &[bool], near: usize) -> Option<usize> {
    (0..members.len())
        .filter(|&h| !dissolved[h] && !members[h].is_empty())
        .min_by_key(|&h| (members[h].len(), h.abs_diff(near), h))
}

/// Seat a late joiner: their own group if it meets, else the smallest group.
/// Returns the saved group index they join.
pub fn place_late_joiner(plan: &mut SessionPlan, saved: &[Vec<usize>], person: usize) -> usize {
    let own = saved_group_of(saved, person);
    let target = match own.and_then(|g| plan.groups.iter().position(|s| s.saved_group == g)) {
        Some(i) => Some(i),
        None => (0..plan.groups.len()).min_by_key(|&i| {
            (
                plan.groups[i].members.len(),
                plan.groups[i].saved_group.abs_diff(own.unwrap_or(0)),
                i,
            )
        }),
    };
    match target {
        Some(i) => {
            plan.groups[i].members.push(person);
            let to = plan.groups[i].saved_group;
            if own != Some(to) {
                plan.moves.push(Move {
                    person,
                    from_group: own,
                    to_group: to,
                });
            }
            to
        }
        None => {
            let g = own.unwrap_or(0);
            plan.groups.push(SessionGroup {
                saved_group: g,
                members: vec![person],
            });
            g
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn small_groups_merge_into_smallest() {
        let saved = vec![vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9, 10, 11]];
        // Group 1 has one person present: it dissolves into the smallest (group 2).
        let plan = plan_session(&saved, &[0, 1, 2, 3, 4, 8, 9, 10], 3).unwrap();
        assert_eq!(
            plan.moves,
            vec![Move {
                person: 4,
                from_group: Some(1),
                to_group: 2
            }]
        );
        assert_eq!(plan.merged_groups, vec![1]);
        assert!(!plan.below_minimum);
        // Two groups of one merge together with a single move.
        let plan = plan_session(&saved, &[0, 4], 2).unwrap();
        assert_eq!(plan.moves.len(), 1);
        assert_eq!(plan.groups.len(), 1);
        assert!(!plan.below_minimum);
        // One person present in all: a single group below the minimum.
        let plan = plan_session(&saved, &[5], 2).unwrap();
        assert!(plan.below_minimum);
        assert!(plan.moves.is_empty());
    }

    #[test]
    fn late_joiner_goes_home_or_to_smallest() {
        let saved = vec![vec![0, 1, 2], vec![3, 4, 5], vec![6, 7, 8]];
        let mut plan = plan_session(&saved, &[0, 1, 3, 4, 5, 6], 2).unwrap();
        assert_eq!(plan.merged_groups, vec![2]);
        assert_eq!(place_late_joiner(&mut plan, &saved, 2), 0);
        // 7's group is merged: smallest is group 0 (3) vs 1 (3 + ... ) -> compare sizes.
        let to = place_late_joiner(&mut plan, &saved, 7);
        let sizes: Vec<usize> = plan.groups.iter().map(|g| g.members.len()).collect();
        assert!(sizes.iter().all(|&s| s >= 3), "{sizes:?} {to}");
    }

    #[test]
    fn bad_attendance_is_error() {
        assert!(matches!(
            plan_session(&[vec![0, 1]], &[0], 1),
            Err(GroupsError::GroupSizeTooSmall { size: 1 })
        ));
        let e = plan_session(&[vec![0, 1], vec![1, 2]], &[0], 2).unwrap_err();
        assert_eq!(e.to_string(), "id \"1\" appears twice in saved groups");
        let e = plan_session(&[vec![0, 1]], &[0, 0], 2).unwrap_err();
        assert_eq!(e.to_string(), "id \"0\" appears twice in present");
    }
}
