//! Where people sit when the room goes into its groups: the cohort's own
//! peer groups, with groups that too few people came to merged for this
//! event only (the group engine's attendance plan), and late arrivals placed
//! with their own group or, if it is not meeting, the smallest one nearby.

use crate::state::AppState;
use hearth_domain::UserId;
use hearth_domain::live::{LiveState, SeatGroup, Seating};
use hearth_store::{Event, StoreError};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A group meets in the room with at least this many people present.
pub const MIN_PRESENT: usize = 2;

/// The event's groups: fixed when it started, else the cohort's current
/// ones; an event held for one peer group has that group alone.
pub async fn load(state: &AppState, event: &Event) -> Result<Seating, StoreError> {
    let audience = event.peer_group.as_ref().map(|(id, _)| *id);
    let groups = crate::routes::events::arrangement(state, event)
        .await?
        .map(|a| {
            a.groups
                .into_iter()
                .filter(|g| audience.is_none_or(|only| g.id == only))
                .map(|g| SeatGroup {
                    id: g.id,
                    name: g.name,
                    members: g.members,
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(Seating::new(groups))
}

/// Seats for a group step that is starting. Everyone starts from their own
/// group (or where a host seated them); groups with fewer than
/// [`MIN_PRESENT`] people present join the smallest nearby group. People not
/// present go back to their own group, so they find it when they come.
pub fn balance(
    state: &LiveState,
    seating: &Seating,
    present: &HashSet<UserId>,
) -> Vec<(UserId, Uuid)> {
    let groups = seating.groups();
    let index: HashMap<Uuid, usize> = groups.iter().enumerate().map(|(i, g)| (g.id, i)).collect();
    let mut people: Vec<UserId> = Vec::new();
    let mut starts: Vec<Vec<usize>> = vec![Vec::new(); groups.len()];
    let mut placements = Vec::new();
    let mut numbered: HashSet<UserId> = HashSet::new();
    let host_seat = |user: &UserId| {
        state
            .seated_by_host
            .contains(user)
            .then(|| state.seats.get(user).and_then(|g| index.get(g)).copied())
            .flatten()
    };
    let everyone = groups
        .iter()
        .enumerate()
        .flat_map(|(i, g)| g.members.iter().map(move |m| (*m, Some(i))))
        .chain(state.seated_by_host.iter().map(|m| (*m, None)));
    for (user, home) in everyone {
        if !numbered.insert(user) {
            continue;
        }
        let Some(start) = host_seat(&user).or(home) else {
            continue;
        };
        if present.contains(&user) {
            starts[start].push(people.len());
            people.push(user);
        } else if host_seat(&user).is_none() {
            placements.push((user, groups[start].id));
        }
    }
    let present_numbers: Vec<usize> = (0..people.len()).collect();
    // The plan fails only on duplicates, which the set above rules out.
    if let Ok(plan) =
        hearth_groups::attendance::plan_session(&starts, &present_numbers, MIN_PRESENT)
    {
        for meeting in plan.groups {
            let group = groups[meeting.saved_group].id;
            placements.extend(meeting.members.into_iter().map(|p| (people[p], group)));
        }
    }
    placements
}

/// Where someone arriving during group work sits: with their group if any of
/// it is present, else with the smallest group that meets, nearest to their
/// own. `None`: where they already sit is right.
pub fn arrival(
    state: &LiveState,
    seating: &Seating,
    present_in: impl Fn(Uuid) -> usize,
    user: UserId,
) -> Option<Uuid> {
    let sits = state.group_of(seating, user);
    if sits.is_some_and(|g| present_in(g) > 0) {
        return None;
    }
    let groups = seating.groups();
    let near = sits
        .and_then(|g| groups.iter().position(|s| s.id == g))
        .unwrap_or(0);
    groups
        .iter()
        .enumerate()
        .map(|(i, g)| (i, g.id, present_in(g.id)))
        .filter(|(_, _, present)| *present > 0)
        .min_by_key(|(i, _, present)| (*present, i.abs_diff(near), *i))
        .map(|(_, group, _)| group)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use hearth_domain::live::Change;

    fn seating(sizes: &[usize]) -> (Seating, Vec<Vec<UserId>>) {
        let members: Vec<Vec<UserId>> = sizes
            .iter()
            .map(|&n| (0..n).map(|_| UserId::new()).collect())
            .collect();
        let groups = members
            .iter()
            .enumerate()
            .map(|(i, m)| SeatGroup {
                id: Uuid::now_v7(),
                name: format!("Group {i}"),
                members: m.clone(),
            })
            .collect();
        (Seating::new(groups), members)
    }

    fn seat(state: &mut LiveState, seating: &Seating, placements: Vec<(UserId, Uuid)>) {
        for (change, _) in state.reseat(seating, placements) {
            state.apply(&change);
        }
    }

    #[test]
    fn a_group_with_one_person_present_joins_the_smallest_for_this_time() {
        let (seating, members) = seating(&[4, 4, 4]);
        let ids: Vec<Uuid> = seating.groups().iter().map(|g| g.id).collect();
        let mut present: HashSet<UserId> = members[0].iter().copied().collect();
        present.insert(members[1][0]);
        present.extend(members[2][..3].iter().copied());
        let mut state = LiveState::default();
        let placements = balance(&state, &seating, &present);
        seat(&mut state, &seating, placements);
        assert_eq!(
            state.group_of(&seating, members[1][0]),
            Some(ids[2]),
            "the lone member sits with the smallest group"
        );
        assert_eq!(state.group_of(&seating, members[0][0]), Some(ids[0]));
        // Next time all of group 1 comes: it meets again, at home.
        let everyone: HashSet<UserId> = members.iter().flatten().copied().collect();
        let placements = balance(&state, &seating, &everyone);
        seat(&mut state, &seating, placements);
        assert_eq!(state.group_of(&seating, members[1][0]), Some(ids[1]));
    }

    #[test]
    fn a_host_seat_holds_and_absent_people_go_home() {
        let (seating, members) = seating(&[3, 3]);
        let ids: Vec<Uuid> = seating.groups().iter().map(|g| g.id).collect();
        let mut state = LiveState::default();
        state.apply(&Change::Seated {
            user: members[0][0],
            group: ids[1],
            by_host: true,
        });
        state.apply(&Change::Seated {
            user: members[0][1],
            group: ids[1],
            by_host: false,
        });
        let present: HashSet<UserId> = [members[0][0], members[1][0], members[1][1]].into();
        let placements = balance(&state, &seating, &present);
        seat(&mut state, &seating, placements);
        assert_eq!(state.group_of(&seating, members[0][0]), Some(ids[1]));
        assert_eq!(
            state.group_of(&seating, members[0][1]),
            Some(ids[0]),
            "someone absent finds their own group when they come"
        );
    }

    #[test]
    fn a_late_arrival_joins_their_group_or_the_smallest_meeting() {
        let (seating, members) = seating(&[3, 3, 3]);
        let ids: Vec<Uuid> = seating.groups().iter().map(|g| g.id).collect();
        let state = LiveState::default();
        let ids = &ids;
        let counts =
            |present: [usize; 3]| move |g: Uuid| present[ids.iter().position(|i| *i == g).unwrap()];
        assert_eq!(
            arrival(&state, &seating, counts([2, 3, 3]), members[0][2]),
            None
        );
        assert_eq!(
            arrival(&state, &seating, counts([0, 3, 2]), members[0][2]),
            Some(ids[2])
        );
        assert_eq!(
            arrival(&state, &seating, counts([0, 0, 0]), members[0][2]),
            None
        );
        assert_eq!(
            arrival(&state, &seating, counts([3, 2, 2]), UserId::new()),
            Some(ids[1]),
            "someone in no group joins the smallest"
        );
    }
}
