//! One hub per event: the state, the next sequence number and the broadcast.
//!
//! Changes fan out on separate channels so a connection only wakes for what
//! it may see: facilitators hear everything, everyone else hears the whole
//! room's changes and their own group's. A group's chat never wakes the
//! other thousands of connections.

use super::presence::{GroupList, PlacePresence, Presence};
use super::seating;
use crate::state::AppState;
use axum::extract::ws::Utf8Bytes;
use hearth_domain::live::{
    Change, Command, LiveState, Member, Refusal, RunSheet, Seating, Viewer, Visibility,
};
use hearth_domain::{EventId, UserId};
use hearth_store::{Event, InstanceId, Store, StoreError, now_ms};
use serde::Serialize;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use tokio::sync::broadcast::error::{RecvError, TryRecvError};
use tokio::sync::{broadcast, mpsc, watch};
use uuid::Uuid;

/// How many changes a slow client may fall behind before it reads the log instead.
const BROADCAST_CAPACITY: usize = 1024;
/// A group hears a few changes a minute; its channels stay small because
/// an event may have thousands of groups.
const GROUP_CAPACITY: usize = 32;
/// The latest changes kept in memory, so (re)joining rarely reads the log.
const RECENT: usize = 4096;
/// How often a command is decided again when another instance took its number.
const APPEND_ATTEMPTS: usize = 10;

/// A change ready to send: encoded once, shared by every connection.
#[derive(Debug, Clone)]
pub struct Outgoing {
    pub seq: i64,
    pub visibility: Visibility,
    pub frame: Utf8Bytes,
    /// Someone seated elsewhere: their connection follows them there.
    pub seated: Option<UserId>,
}

/// The frame clients receive for each change.
#[derive(Serialize)]
pub struct ChangeFrame<'a> {
    pub seq: i64,
    pub at: i64,
    pub change: &'a Change,
}

pub fn encode(seq: i64, at: i64, change: &Change) -> Utf8Bytes {
    serde_json::to_string(&ChangeFrame { seq, at, change })
        .unwrap_or_default()
        .into()
}

struct Inner {
    state: LiveState,
    last_seq: i64,
    /// Every change, for the facilitators.
    all: broadcast::Sender<Outgoing>,
    /// What may reach everyone (and notes for one person, filtered on the way out).
    everyone: broadcast::Sender<Outgoing>,
    /// Each group's own changes, made when its first member joins.
    groups: HashMap<Uuid, broadcast::Sender<Outgoing>>,
    /// The latest changes, numbered without gaps up to `last_seq`.
    recent: VecDeque<Outgoing>,
    /// The event's own peer groups.
    seating: Seating,
    /// Who has the room open on this server; shared with the hub so a
    /// closing connection can leave without waiting for the room.
    presence: Arc<Mutex<Presence>>,
}

/// Presence is only ever changed in short, non-awaiting steps, so a panic
/// elsewhere cannot leave it half-changed.
fn lock(presence: &Mutex<Presence>) -> MutexGuard<'_, Presence> {
    presence.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Inner {
    /// Applies a stored change and hands it to whoever may see it.
    fn publish(&mut self, seq: i64, at: i64, change: &Change, visibility: Visibility) {
        self.state.apply(change);
        self.last_seq = seq;
        let seated = match change {
            Change::Seated { user, group, .. } => {
                let guest = self.seating.home_of(*user) != Some(*group);
                lock(&self.presence).moved(*user, Some(*group), guest);
                Some(*user)
            }
            _ => None,
        };
        let outgoing = Outgoing {
            seq,
            visibility,
            frame: encode(seq, at, change),
            seated,
        };
        // Nobody listening is fine: the change is stored.
        let _ = self.all.send(outgoing.clone());
        match visibility {
            Visibility::Everyone | Visibility::Person(_) => {
                let _ = self.everyone.send(outgoing.clone());
            }
            Visibility::Group(group) => {
                if let Some(sender) = self.groups.get(&group) {
                    let _ = sender.send(outgoing.clone());
                }
            }
            Visibility::Staff => {}
        }
        if self.recent.len() == RECENT {
            self.recent.pop_front();
        }
        self.recent.push_back(outgoing);
    }

    /// The feed of the channels this viewer hears.
    fn subscribe(&mut self, viewer: &Viewer) -> Feed {
        let (main, group) = match (viewer.facilitator, viewer.group) {
            (true, _) => (self.all.subscribe(), None),
            (false, None) => (self.everyone.subscribe(), None),
            (false, Some(group)) => {
                let main = self.everyone.subscribe();
                let group = self
                    .groups
                    .entry(group)
                    .or_insert_with(|| broadcast::channel(GROUP_CAPACITY).0)
                    .subscribe();
                (main, Some(group))
            }
        };
        Feed {
            main,
            group,
            main_next: None,
            group_next: None,
        }
    }

    /// What the connection of this viewer watches of who is present.
    fn watching(&mut self, viewer: &Viewer) -> Watching {
        match (viewer.facilitator, viewer.group) {
            (true, _) => Watching::Room(lock(&self.presence).watch_room(), None),
            (false, Some(group)) => Watching::Group(lock(&self.presence).watch_group(group)),
            (false, None) => Watching::Nothing,
        }
    }

    /// Where someone sits now, and whether as a guest of another group.
    fn place_of(&self, user: UserId) -> (Option<Uuid>, bool) {
        let group = self.state.group_of(&self.seating, user);
        let guest = group.is_some() && group != self.seating.home_of(user);
        (group, guest)
    }

    fn seat_of(&self, group: Option<Uuid>) -> Option<Seat> {
        let group = self.seating.group(group?)?;
        Some(Seat {
            id: group.id,
            name: group.name.clone(),
        })
    }

    /// The frames after `after` this viewer may see, if memory still has them all.
    fn recent_after(&self, after: i64, viewer: &Viewer) -> Option<Vec<Utf8Bytes>> {
        if after >= self.last_seq {
            return Some(Vec::new());
        }
        let first = self.recent.front()?.seq;
        if first > after + 1 {
            return None;
        }
        Some(
            self.recent
                .iter()
                .filter(|o| o.seq > after && o.visibility.reaches(viewer))
                .map(|o| o.frame.clone())
                .collect(),
        )
    }
}

pub struct Hub {
    pub event: EventId,
    pub run_sheet: RunSheet,
    inner: tokio::sync::Mutex<Inner>,
    presence: Arc<Mutex<Presence>>,
    /// With several instances (PostgreSQL): tells the others who opened or
    /// closed the room here.
    sharing: Option<Sharing>,
}

/// This instance's part in the presence the instances share.
struct Sharing {
    instance: InstanceId,
    /// (who, their name when they arrived or `None` when they left), told
    /// in order by one task so a quick arrive-and-leave is never reversed.
    tell: mpsc::UnboundedSender<(UserId, Option<String>)>,
}

impl Sharing {
    fn start(store: Store, event: EventId, instance: InstanceId) -> Sharing {
        let (tell, mut told) = mpsc::unbounded_channel::<(UserId, Option<String>)>();
        tokio::spawn(async move {
            while let Some((user, arrived_as)) = told.recv().await {
                let presence = store.live_presence();
                let done = match arrived_as {
                    Some(name) => {
                        presence
                            .arrive(event, instance, user, &name, now_ms())
                            .await
                    }
                    None => presence.leave(event, instance, user).await,
                };
                if let Err(error) = done {
                    tracing::warn!(%error, "could not tell the other instances who is in the room");
                }
            }
        });
        Sharing { instance, tell }
    }
}

/// Why a command did not go through.
#[derive(Debug)]
pub enum Rejected {
    Refused(Refusal),
    Store(StoreError),
}

/// A connection's changes, in sequence order, from its one or two channels.
pub struct Feed {
    main: broadcast::Receiver<Outgoing>,
    group: Option<broadcast::Receiver<Outgoing>>,
    main_next: Option<Outgoing>,
    group_next: Option<Outgoing>,
}

/// What a feed gives next.
pub enum Heard {
    Change(Outgoing),
    /// Some changes were dropped before this connection read them: read the log.
    Lagged,
    Closed,
}

impl Feed {
    /// The next change. Cancel-safe: it only waits in `recv`.
    pub async fn next(&mut self) -> Heard {
        if self.main_next.is_none() && self.group_next.is_none() {
            match &mut self.group {
                None => {
                    return match self.main.recv().await {
                        Ok(outgoing) => Heard::Change(outgoing),
                        Err(RecvError::Lagged(_)) => Heard::Lagged,
                        Err(RecvError::Closed) => Heard::Closed,
                    };
                }
                Some(group) => {
                    let (heard, from_group) = tokio::select! {
                        heard = self.main.recv() => (heard, false),
                        heard = group.recv() => (heard, true),
                    };
                    match heard {
                        Ok(outgoing) if from_group => self.group_next = Some(outgoing),
                        Ok(outgoing) => self.main_next = Some(outgoing),
                        Err(RecvError::Lagged(_)) => return Heard::Lagged,
                        Err(RecvError::Closed) => return Heard::Closed,
                    }
                }
            }
        }
        // Changes are sent in sequence order under the hub's lock, so one
        // numbered lower than what just arrived is already in the other
        // channel: look without waiting, then give the lower first.
        if self.main_next.is_none() {
            match self.main.try_recv() {
                Ok(outgoing) => self.main_next = Some(outgoing),
                Err(TryRecvError::Lagged(_)) => return Heard::Lagged,
                Err(TryRecvError::Empty | TryRecvError::Closed) => {}
            }
        }
        if self.group_next.is_none()
            && let Some(group) = &mut self.group
        {
            match group.try_recv() {
                Ok(outgoing) => self.group_next = Some(outgoing),
                Err(TryRecvError::Lagged(_)) => return Heard::Lagged,
                Err(TryRecvError::Empty | TryRecvError::Closed) => {}
            }
        }
        let group_first = match (&self.main_next, &self.group_next) {
            (Some(main), Some(group)) => group.seq < main.seq,
            (None, Some(_)) => true,
            _ => false,
        };
        let next = if group_first {
            self.group_next.take()
        } else {
            self.main_next.take()
        };
        next.map_or(Heard::Closed, Heard::Change)
    }
}

/// What joining gives: the feed, the state and the number it reflects, and
/// the frames after the asked number if memory had them all.
pub struct Joined {
    pub feed: Feed,
    pub state: LiveState,
    pub seq: i64,
    pub missed: Option<Vec<Utf8Bytes>>,
    /// Where a participant sits now.
    pub seat: Option<Seat>,
    pub watching: Watching,
}

/// A participant's group for this event.
#[derive(Debug, Clone, Serialize)]
pub struct Seat {
    pub id: Uuid,
    pub name: String,
}

/// Who is present, as one connection follows it.
pub enum Watching {
    /// A participant: their group's list.
    Group(watch::Receiver<GroupList>),
    /// A host: the whole room, read when it has changed, and when next to send it.
    Room(watch::Receiver<u64>, Option<tokio::time::Instant>),
    Nothing,
}

/// A host's view of the room is sent at most this often.
const ROOM_PRESENCE_EVERY: std::time::Duration = std::time::Duration::from_secs(1);

/// What a connection has to say about presence.
pub enum Heeded {
    Group(GroupList),
    Room,
}

impl Watching {
    /// Waits until there is something new to show. Cancel-safe.
    pub async fn changed(&mut self) -> Heeded {
        match self {
            Watching::Group(list) => {
                if list.changed().await.is_err() {
                    std::future::pending::<()>().await;
                }
                Heeded::Group(list.borrow_and_update().clone())
            }
            Watching::Room(version, due) => {
                // A burst of arrivals becomes one update a second. The due
                // time is kept across cancellations, so no update is lost.
                loop {
                    if let Some(at) = *due {
                        tokio::time::sleep_until(at).await;
                        *due = None;
                        version.borrow_and_update();
                        return Heeded::Room;
                    }
                    if version.changed().await.is_err() {
                        std::future::pending::<()>().await;
                    }
                    *due = Some(tokio::time::Instant::now() + ROOM_PRESENCE_EVERY);
                }
            }
            Watching::Nothing => std::future::pending().await,
        }
    }

    /// The group's list as it is now, to send on joining.
    pub fn current(&mut self) -> Option<GroupList> {
        match self {
            Watching::Group(list) => Some(list.borrow_and_update().clone()),
            _ => None,
        }
    }
}

impl Hub {
    async fn load(state: &AppState, event: &Event) -> Result<Hub, StoreError> {
        let (changes, last_seq) = state.store.events().all_changes(event.id).await?;
        let seating = seating::load(state, event).await?;
        let live = LiveState::fold(&changes);
        let presence = Arc::new(Mutex::new(Presence::default()));
        let sharing = state
            .store
            .db()
            .is_shared()
            .then(|| Sharing::start(state.store.clone(), event.id, state.instance));
        let hub = Hub {
            sharing,
            presence: presence.clone(),
            event: event.id,
            run_sheet: event.run_sheet.clone(),
            inner: tokio::sync::Mutex::new(Inner {
                state: live,
                last_seq,
                all: broadcast::channel(BROADCAST_CAPACITY).0,
                everyone: broadcast::channel(BROADCAST_CAPACITY).0,
                groups: HashMap::new(),
                recent: VecDeque::new(),
                seating,
                presence,
            }),
        };
        hub.resync_elsewhere(&state.store).await?;
        Ok(hub)
    }

    /// Subscribes for this viewer, and returns the state and the sequence
    /// number it reflects. Subscribing under the lock means no change falls
    /// between the two. A participant counts as present from here, and one
    /// arriving while the room is in its groups is seated first (their own
    /// group, or the smallest meeting if theirs is not), so their feed is
    /// already their group's.
    pub async fn join(
        &self,
        store: &Store,
        member: &Member,
        viewer: &Viewer,
        after: i64,
    ) -> Result<Joined, StoreError> {
        let mut inner = self.inner.lock().await;
        let mut viewer = viewer.clone();
        if !viewer.facilitator {
            let user = viewer.user;
            let arriving = !lock(&self.presence).is_present(user);
            if arriving && inner.state.in_groups(&self.run_sheet) {
                let seat = {
                    let presence = lock(&self.presence);
                    seating::arrival(&inner.state, &inner.seating, |g| presence.count_in(g), user)
                };
                if let Some(group) = seat {
                    let changes = inner.state.reseat(&inner.seating, [(user, group)]);
                    self.store_and_publish(&mut inner, store, changes).await?;
                }
            }
            viewer.group = inner.state.group_of(&inner.seating, user);
            let guest = viewer.group.is_some() && viewer.group != inner.seating.home_of(user);
            let first_here = lock(&self.presence).arrive(user, &member.name, viewer.group, guest);
            if first_here {
                if let Some(sharing) = &self.sharing {
                    let _ = sharing.tell.send((user, Some(member.name.clone())));
                }
                // The reports count who came: written aside, once per arrival
                // (not per tab or reconnection), so the room never waits on it.
                let (store, event) = (store.clone(), self.event);
                tokio::spawn(async move {
                    if let Err(error) = store.activities().attend_event(event, user).await {
                        tracing::error!(%error, "could not record attendance at an event");
                    }
                });
            }
        }
        Ok(Joined {
            feed: inner.subscribe(&viewer),
            watching: inner.watching(&viewer),
            seat: if viewer.facilitator {
                None
            } else {
                inner.seat_of(viewer.group)
            },
            state: inner.state.clone(),
            seq: inner.last_seq,
            missed: inner.recent_after(after, &viewer),
        })
    }

    /// A participant was seated elsewhere: their connection hears their new
    /// group from now on, and what it missed after `after` from memory.
    pub async fn follow_seat(&self, viewer: &Viewer, after: i64) -> Joined {
        let mut inner = self.inner.lock().await;
        let mut viewer = viewer.clone();
        viewer.group = inner.state.group_of(&inner.seating, viewer.user);
        Joined {
            feed: inner.subscribe(&viewer),
            watching: inner.watching(&viewer),
            seat: inner.seat_of(viewer.group),
            state: inner.state.clone(),
            seq: inner.last_seq,
            missed: inner.recent_after(after, &viewer),
        }
    }

    /// A participant's page closed.
    pub fn leave(&self, user: UserId) {
        let last_here = lock(&self.presence).leave(user);
        if last_here && let Some(sharing) = &self.sharing {
            let _ = sharing.tell.send((user, None));
        }
    }

    /// Another instance says someone opened the room there (with their
    /// name) or closed their last page there.
    pub async fn heard_elsewhere(
        &self,
        instance: InstanceId,
        user: UserId,
        arrived_as: Option<&str>,
    ) {
        match arrived_as {
            Some(name) => {
                let (sits, guest) = self.inner.lock().await.place_of(user);
                lock(&self.presence).arrive_elsewhere(user, name, instance, sits, guest);
            }
            None => lock(&self.presence).leave_elsewhere(user, instance),
        }
    }

    /// Reads who the other instances say is present, putting right any
    /// notice that was lost and forgetting instances that stopped.
    pub async fn resync_elsewhere(&self, store: &Store) -> Result<(), StoreError> {
        let Some(sharing) = &self.sharing else {
            return Ok(());
        };
        let rows: Vec<(UserId, String, InstanceId)> = store
            .live_presence()
            .elsewhere(self.event, sharing.instance, now_ms())
            .await?
            .into_iter()
            .map(|row| (row.user, row.name, row.instance))
            .collect();
        let inner = self.inner.lock().await;
        lock(&self.presence).reconcile_elsewhere(&rows, |user| inner.place_of(user));
        Ok(())
    }

    /// Everyone present, by where they sit, for the hosts.
    pub fn presence(&self) -> Vec<PlacePresence> {
        lock(&self.presence).snapshot()
    }

    /// The groups are fixed when the event starts; the hub takes them then.
    pub async fn set_seating(&self, seating: Seating) {
        self.inner.lock().await.seating = seating;
    }

    /// After falling behind: what this viewer missed after `after`, and the
    /// number it reaches, if memory still has it all.
    pub async fn missed(&self, after: i64, viewer: &Viewer) -> Option<(Vec<Utf8Bytes>, i64)> {
        let inner = self.inner.lock().await;
        inner
            .recent_after(after, viewer)
            .map(|frames| (frames, inner.last_seq))
    }

    /// Decides, stores, applies and broadcasts. Changes are stored before
    /// anyone hears of them, so what a client saw is never lost.
    ///
    /// The hub numbers changes itself. If another instance (PostgreSQL)
    /// stored that number first, the hub reads what it missed and decides
    /// again on the newer state.
    pub async fn handle(
        &self,
        store: &Store,
        who: &Member,
        command: Command,
    ) -> Result<(), Rejected> {
        // An event cancelled while people waited in its room never starts.
        if matches!(command, Command::Start)
            && store
                .events()
                .get(self.event)
                .await
                .map_err(Rejected::Store)?
                .cancelled
        {
            return Err(Rejected::Refused(Refusal("live-refused-cancelled")));
        }
        let mut inner = self.inner.lock().await;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let now = now_ms();
            let changes = self
                .decide(&inner, who, command.clone(), now)
                .map_err(Rejected::Refused)?;
            match Self::append(&mut inner, store, self.event, &changes, now).await {
                Ok(()) => return Ok(()),
                Err(StoreError::Conflict(_)) if attempt < APPEND_ATTEMPTS => {
                    Self::catch_up(&mut inner, store, self.event)
                        .await
                        .map_err(Rejected::Store)?;
                }
                Err(error) => return Err(Rejected::Store(error)),
            }
        }
    }

    /// The domain's decision, and when it takes the room into its groups,
    /// the seats for who is present, stored with the step itself.
    fn decide(
        &self,
        inner: &Inner,
        who: &Member,
        command: Command,
        now: i64,
    ) -> Result<Vec<(Change, Visibility)>, Refusal> {
        let mut changes = inner
            .state
            .decide(&self.run_sheet, &inner.seating, who, command, now)?;
        let starts_step = changes
            .iter()
            .any(|(c, _)| matches!(c, Change::StepStarted { .. }));
        if starts_step {
            let mut next = inner.state.clone();
            for (change, _) in &changes {
                next.apply(change);
            }
            if next.in_groups(&self.run_sheet) {
                let present: HashSet<UserId> = lock(&self.presence).present().collect();
                let placements = seating::balance(&next, &inner.seating, &present);
                changes.extend(next.reseat(&inner.seating, placements));
            }
        }
        Ok(changes)
    }

    /// Stores changes the hub itself decided (a late arrival's seat), then
    /// publishes them. Another instance taking the number first is caught
    /// up with and the seat is left for the next arrival to decide.
    async fn store_and_publish(
        &self,
        inner: &mut Inner,
        store: &Store,
        changes: Vec<(Change, Visibility)>,
    ) -> Result<(), StoreError> {
        if changes.is_empty() {
            return Ok(());
        }
        match Self::append(inner, store, self.event, &changes, now_ms()).await {
            Err(StoreError::Conflict(_)) => Self::catch_up(inner, store, self.event).await,
            other => other,
        }
    }

    /// Stores changes under the next numbers, then publishes them: nobody
    /// hears of a change that is not stored.
    async fn append(
        inner: &mut Inner,
        store: &Store,
        event: EventId,
        changes: &[(Change, Visibility)],
        now: i64,
    ) -> Result<(), StoreError> {
        let seqs = store
            .events()
            .append_numbered(event, inner.last_seq + 1, changes, now)
            .await?;
        for ((change, visibility), seq) in changes.iter().zip(seqs) {
            inner.publish(seq, now, change, *visibility);
        }
        Ok(())
    }

    pub async fn state(&self) -> LiveState {
        self.inner.lock().await.state.clone()
    }

    /// Reads changes another instance stored, applies and broadcasts them.
    pub async fn sync(&self, store: &Store) -> Result<(), StoreError> {
        let mut inner = self.inner.lock().await;
        Self::catch_up(&mut inner, store, self.event).await
    }

    async fn catch_up(inner: &mut Inner, store: &Store, event: EventId) -> Result<(), StoreError> {
        let everything = Viewer {
            user: hearth_domain::UserId(Uuid::nil()),
            facilitator: true,
            group: None,
        };
        for entry in store
            .events()
            .log_after(event, inner.last_seq, &everything)
            .await?
        {
            inner.publish(entry.seq, entry.at, &entry.change, entry.visibility);
        }
        Ok(())
    }
}

/// Every live hub of this server, created when someone first opens the room.
#[derive(Default)]
pub struct Hubs {
    hubs: Mutex<HashMap<EventId, Arc<Hub>>>,
    /// Serialises first loads so one event never gets two hubs.
    loading: tokio::sync::Mutex<()>,
}

impl Hubs {
    pub async fn get(&self, state: &AppState, event: &Event) -> Result<Arc<Hub>, StoreError> {
        if let Some(hub) = self.cached(event.id) {
            return Ok(hub);
        }
        let _loading = self.loading.lock().await;
        if let Some(hub) = self.cached(event.id) {
            return Ok(hub);
        }
        let hub = Arc::new(Hub::load(state, event).await?);
        if let Ok(mut hubs) = self.hubs.lock() {
            hubs.insert(event.id, hub.clone());
        }
        Ok(hub)
    }

    /// The hub of an event, if this server has it open.
    pub fn cached(&self, event: EventId) -> Option<Arc<Hub>> {
        self.hubs
            .lock()
            .ok()
            .and_then(|hubs| hubs.get(&event).cloned())
    }

    pub fn all(&self) -> Vec<Arc<Hub>> {
        self.hubs
            .lock()
            .map(|hubs| hubs.values().cloned().collect())
            .unwrap_or_default()
    }
}
