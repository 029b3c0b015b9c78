//! Who is in the room right now, by where they sit.
//!
//! Presence is rebuilt as people's pages reconnect, and nothing about it
//! needs to survive a restart. A group's members watch their own group's
//! list (a handful of names); the hosts watch a version number and read the
//! whole room's list at most once a second.
//!
//! With several instances on one PostgreSQL database, someone may have the
//! room open on another instance: they count here too, as "elsewhere"
//! (see `hearth_store::LivePresence`), and are present while either holds.

use hearth_domain::UserId;
use hearth_store::InstanceId;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tokio::sync::watch;
use uuid::Uuid;

/// Someone whose page is open, as others see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PresentPerson {
    pub user: UserId,
    pub name: String,
    /// Sitting with a group that is not their own, for this event.
    pub guest: bool,
}

/// Who is present in one place: a group, or nowhere yet.
#[derive(Debug, Clone, Serialize)]
pub struct PlacePresence {
    pub group: Option<Uuid>,
    pub people: Vec<PresentPerson>,
}

pub type GroupList = Arc<Vec<PresentPerson>>;

struct Here {
    name: String,
    /// Pages open on this instance.
    connections: u32,
    /// Other instances where the person has the room open (usually none).
    elsewhere: Vec<InstanceId>,
    sits: Option<Uuid>,
    guest: bool,
}

impl Here {
    fn is_here(&self) -> bool {
        self.connections > 0 || !self.elsewhere.is_empty()
    }
}

pub struct Presence {
    people: HashMap<UserId, Here>,
    by_place: HashMap<Option<Uuid>, BTreeMap<UserId, ()>>,
    group_lists: HashMap<Uuid, watch::Sender<GroupList>>,
    room: watch::Sender<u64>,
}

impl Default for Presence {
    fn default() -> Self {
        Presence {
            people: HashMap::new(),
            by_place: HashMap::new(),
            group_lists: HashMap::new(),
            room: watch::channel(0).0,
        }
    }
}

impl Presence {
    /// A page opened on this instance. Returns whether it is the person's
    /// first page here (the other instances are told of it then).
    pub fn arrive(&mut self, user: UserId, name: &str, sits: Option<Uuid>, guest: bool) -> bool {
        if let Some(here) = self.people.get_mut(&user) {
            here.connections += 1;
            return here.connections == 1;
        }
        self.insert(user, name, sits, guest, 1, Vec::new());
        true
    }

    /// A page closed. Returns whether it was the person's last page on this
    /// instance; they leave the room when no instance has a page of theirs.
    pub fn leave(&mut self, user: UserId) -> bool {
        let Some(here) = self.people.get_mut(&user) else {
            return false;
        };
        here.connections = here.connections.saturating_sub(1);
        if here.connections > 0 {
            return false;
        }
        if !here.is_here() {
            self.remove(user);
        }
        true
    }

    /// Another instance says the person opened the room there.
    pub fn arrive_elsewhere(
        &mut self,
        user: UserId,
        name: &str,
        instance: InstanceId,
        sits: Option<Uuid>,
        guest: bool,
    ) {
        match self.people.get_mut(&user) {
            Some(here) => {
                if !here.elsewhere.contains(&instance) {
                    here.elsewhere.push(instance);
                }
            }
            None => self.insert(user, name, sits, guest, 0, vec![instance]),
        }
    }

    /// Another instance says the person closed their last page there.
    pub fn leave_elsewhere(&mut self, user: UserId, instance: InstanceId) {
        let Some(here) = self.people.get_mut(&user) else {
            return;
        };
        here.elsewhere.retain(|i| *i != instance);
        if !here.is_here() {
            self.remove(user);
        }
    }

    /// Who is present elsewhere, as the other instances' rows say now: a
    /// notice lost on the way, or an instance that stopped, is put right.
    /// `place` says where someone sits and whether as a guest.
    pub fn reconcile_elsewhere(
        &mut self,
        rows: &[(UserId, String, InstanceId)],
        place: impl Fn(UserId) -> (Option<Uuid>, bool),
    ) {
        let mut wanted: HashMap<UserId, (&str, Vec<InstanceId>)> = HashMap::new();
        for (user, name, instance) in rows {
            wanted
                .entry(*user)
                .or_insert((name, Vec::new()))
                .1
                .push(*instance);
        }
        let known_elsewhere: Vec<UserId> = self
            .people
            .iter()
            .filter(|(_, here)| !here.elsewhere.is_empty())
            .map(|(user, _)| *user)
            .collect();
        for user in known_elsewhere {
            if wanted.contains_key(&user) {
                continue;
            }
            if let Some(here) = self.people.get_mut(&user) {
                here.elsewhere.clear();
                if !here.is_here() {
                    self.remove(user);
                }
            }
        }
        for (user, (name, instances)) in wanted {
            match self.people.get_mut(&user) {
                Some(here) => here.elsewhere = instances,
                None => {
                    let (sits, guest) = place(user);
                    self.insert(user, name, sits, guest, 0, instances);
                }
            }
        }
    }

    fn insert(
        &mut self,
        user: UserId,
        name: &str,
        sits: Option<Uuid>,
        guest: bool,
        connections: u32,
        elsewhere: Vec<InstanceId>,
    ) {
        self.people.insert(
            user,
            Here {
                name: name.to_owned(),
                connections,
                elsewhere,
                sits,
                guest,
            },
        );
        self.by_place.entry(sits).or_default().insert(user, ());
        self.changed(sits);
    }

    fn remove(&mut self, user: UserId) {
        let Some(here) = self.people.remove(&user) else {
            return;
        };
        if let Some(place) = self.by_place.get_mut(&here.sits) {
            place.remove(&user);
        }
        self.changed(here.sits);
    }

    /// Someone present was seated elsewhere.
    pub fn moved(&mut self, user: UserId, to: Option<Uuid>, guest: bool) {
        let Some(here) = self.people.get_mut(&user) else {
            return;
        };
        let from = here.sits;
        here.sits = to;
        here.guest = guest;
        if let Some(place) = self.by_place.get_mut(&from) {
            place.remove(&user);
        }
        self.by_place.entry(to).or_default().insert(user, ());
        self.changed(from);
        if from != to {
            self.changed(to);
        }
    }

    pub fn is_present(&self, user: UserId) -> bool {
        self.people.contains_key(&user)
    }

    pub fn present(&self) -> impl Iterator<Item = UserId> + '_ {
        self.people.keys().copied()
    }

    /// How many are present with a group.
    pub fn count_in(&self, group: Uuid) -> usize {
        self.by_place.get(&Some(group)).map_or(0, BTreeMap::len)
    }

    /// A group's list, now and as it changes.
    pub fn watch_group(&mut self, group: Uuid) -> watch::Receiver<GroupList> {
        if let Some(sender) = self.group_lists.get(&group) {
            return sender.subscribe();
        }
        let (sender, receiver) = watch::channel(Arc::new(self.list(Some(group))));
        self.group_lists.insert(group, sender);
        receiver
    }

    /// A number that moves whenever anyone arrives, leaves or is seated.
    pub fn watch_room(&self) -> watch::Receiver<u64> {
        self.room.subscribe()
    }

    /// Everyone present, by where they sit.
    pub fn snapshot(&self) -> Vec<PlacePresence> {
        let mut places: Vec<PlacePresence> = self
            .by_place
            .iter()
            .filter(|(_, people)| !people.is_empty())
            .map(|(group, _)| PlacePresence {
                group: *group,
                people: self.list(*group),
            })
            .collect();
        places.sort_by_key(|p| p.group);
        places
    }

    fn list(&self, place: Option<Uuid>) -> Vec<PresentPerson> {
        self.by_place
            .get(&place)
            .map(|people| {
                people
                    .keys()
                    .filter_map(|user| {
                        self.people.get(user).map(|here| PresentPerson {
                            user: *user,
                            name: here.name.clone(),
                            guest: here.guest,
                        })
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    fn changed(&mut self, place: Option<Uuid>) {
        self.room.send_modify(|version| *version += 1);
        if let Some(group) = place
            && let Some(sender) = self.group_lists.get(&group)
        {
            let list = self.list(place);
            sender.send_replace(Arc::new(list));
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_group_sees_who_arrives_moves_and_leaves() {
        let mut presence = Presence::default();
        let (oak, elm) = (Uuid::now_v7(), Uuid::now_v7());
        let (ana, ben) = (UserId::new(), UserId::new());
        let mut oak_list = presence.watch_group(oak);
        assert!(presence.arrive(ana, "Ana", Some(oak), false));
        assert!(
            !presence.arrive(ana, "Ana", Some(oak), false),
            "a second tab"
        );
        presence.arrive(ben, "Ben", Some(oak), false);
        assert!(oak_list.has_changed().unwrap());
        assert_eq!(oak_list.borrow_and_update().len(), 2);
        presence.moved(ben, Some(elm), true);
        assert_eq!(presence.count_in(oak), 1);
        assert_eq!(presence.count_in(elm), 1);
        presence.leave(ana);
        assert_eq!(presence.count_in(oak), 1, "Ana still has a tab open");
        presence.leave(ana);
        assert_eq!(presence.count_in(oak), 0);
        assert!(oak_list.borrow_and_update().is_empty());
        let snapshot = presence.snapshot();
        assert_eq!(snapshot.len(), 1);
        assert!(snapshot[0].people[0].guest);
    }

    #[test]
    fn someone_on_another_instance_counts_until_every_instance_lets_go() {
        let mut presence = Presence::default();
        let oak = Uuid::now_v7();
        let (ana, ben) = (UserId::new(), UserId::new());
        let (second, third) = (InstanceId::new(), InstanceId::new());
        let mut oak_list = presence.watch_group(oak);
        presence.arrive_elsewhere(ana, "Ana", second, Some(oak), false);
        assert_eq!(presence.count_in(oak), 1);
        assert_eq!(oak_list.borrow_and_update()[0].name, "Ana");
        // Ana opens a page here too: her first here, so the others are told.
        assert!(presence.arrive(ana, "Ana", Some(oak), false));
        presence.leave_elsewhere(ana, second);
        assert!(presence.is_present(ana), "her page here is still open");
        assert!(presence.leave(ana), "her last page here");
        assert!(!presence.is_present(ana));

        // The rows say who is elsewhere: a lost "left" notice is put right,
        // and someone the notices missed is added.
        presence.arrive_elsewhere(ana, "Ana", second, Some(oak), false);
        presence.reconcile_elsewhere(&[(ben, "Ben".to_owned(), third)], |_| (Some(oak), true));
        assert!(!presence.is_present(ana));
        assert!(presence.is_present(ben));
        let list = oak_list.borrow_and_update().clone();
        assert_eq!(list.len(), 1);
        assert!(list[0].guest);
        presence.reconcile_elsewhere(&[], |_| (None, false));
        assert_eq!(presence.count_in(oak), 0);
    }
}
